"""Which page is this Markdown instance rendering? Read from what each host gives extensions.

A generator builds one Python-Markdown instance per page and leaves the page where its
own extensions can read it:

- Zensical registers a ``rendering_context`` preprocessor whose ``page`` has the page's
  ``path`` (relative to the docs folder), ``url`` and ``meta``, and whose ``config`` is
  the site's configuration (with ``docs_dir``). The Markdown it gets has no front matter.
- MkDocs and ProperDocs register a ``relpath`` tree processor holding the page's ``File``
  (``src_uri``, ``url``, ``abs_src_path``). Front matter is taken off there too.

Each probe only reads attributes, so a host that is absent is never imported.
"""

from __future__ import annotations

import os
from typing import Any

from ..core.page import NO_PAGE, PageContext


def page_context(md, text: str) -> PageContext:
    """The page ``md`` renders (``text`` is the Markdown it was given), or an unnamed page."""
    zensical = zensical_context(md)
    if zensical is not None:
        page, config = zensical
        docs_dir = str(config.get("docs_dir") or "")
        source = os.path.join(docs_dir, page.path) if docs_dir else page.path
        # Zensical rebases every link of the page (raw HTML too) from the source file's
        # folder, so links are made relative to the source path, not to the page's URL
        return PageContext(src_path=display_path(source), line_offset=front_matter_lines(source, text),
                           url=page.path.replace(os.sep, "/"), meta=dict(page.meta or {}))
    file = mkdocs_file(md)
    if file is not None:
        source = getattr(file, "abs_src_path", None)
        return PageContext(src_path=display_path(source) if source else file.src_uri,
                           line_offset=front_matter_lines(source, text) if source else 0, url=file.url)
    return NO_PAGE


def zensical_context(md) -> tuple[Any, dict] | None:
    """Zensical's page and site configuration for this instance, when Zensical renders it."""
    try:
        processor = md.preprocessors["rendering_context"]
    except (KeyError, AttributeError):
        return None
    page = getattr(processor, "page", None)
    config = getattr(processor, "config", None)
    if page is None or not hasattr(page, "path") or not hasattr(page, "url"):
        return None
    return page, config if isinstance(config, dict) else {}


def mkdocs_file(md):
    """The ``File`` MkDocs (or ProperDocs) is rendering with this instance, if it is."""
    for name in ("relpath", "mkdocs_extract_anchors"):
        try:
            file = getattr(md.treeprocessors[name], "file", None)
        except (KeyError, AttributeError):
            continue
        if file is not None and hasattr(file, "src_uri") and hasattr(file, "url"):
            return file
    return None


def display_path(path: str) -> str:
    """The path an editor can open: relative to the current folder when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path


def front_matter_lines(path: str, markdown: str) -> int:
    """Lines the host took off the top of the file (front matter, whatever its syntax), so
    block lines match the file: where the Markdown it handed over starts in the file."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            raw = handle.read()
    except (OSError, UnicodeDecodeError):
        return 0
    probe = markdown.lstrip("\n")[:200]
    at = raw.find(probe) if probe else -1
    if at <= 0:
        return 0
    return raw[:at].count("\n") - (len(markdown) - len(markdown.lstrip("\n")))
