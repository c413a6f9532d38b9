"""Thin adapters between the generator-independent code and each host.

``markdown``: the Python-Markdown extension (runs under MkDocs, ProperDocs and Zensical);
``mkdocs``: the MkDocs / ProperDocs plugin. Each one builds the page's context and passes it on.
"""
