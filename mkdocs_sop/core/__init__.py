"""The pure core of mkdocs-sop: model, parsing, validation, layout and rendering.

Nothing in this package imports mkdocs or markdown, so the same verdicts and output can
be produced by the Markdown extension, the MkDocs plugin, the command line, or any
other tool (for instance a Zensical site, which runs Markdown extensions only).
"""
