"""Catalogue pages (and ``sop.json``'s entries) made once per change of their data, not once per build.

While an editor works (``mkdocs serve``, ``mkdocs-sop generate --watch``) every save
builds the catalogue again, and most of its pages come out the same: a saved SOP touches
its unit, its actors, its legal bases, the overview page it sits on. A page's text
depends only on its data and its templates (:mod:`.pages`), so the text is kept by the
digest of the data (:meth:`~.pages.PageData.digest`) and a stamp of the template files;
only pages whose data changed go through Jinja2 again. Unchanged pages keep their bytes,
so a generator's watcher (and ``mkdocs serve --dirty``) skips them.

Only the pages of the last build are kept: memory stays one catalogue's worth. The
texts of ``sop.json`` are kept the same way (:class:`.export.JsonChunks`).
"""

from __future__ import annotations

import os
from importlib import resources
from typing import Sequence

from .export import JsonChunks
from .pages import GeneratedPage, PageData, render_page
from .templating import PACKAGE_FOLDER


class PageMemo:
    """Rendered pages by (data digest, templates); one per serving process or watch loop."""

    def __init__(self) -> None:
        self._kept: dict[tuple, str] = {}  # the last build's pages
        self.export_texts = JsonChunks()  # the last build's SOPs in sop.json
        self.rendered = 0  # pages that went through Jinja2 in the last build (benchmarks, tests)

    def pages(self, data: Sequence[PageData], templates: Sequence[str] = ()) -> list[GeneratedPage]:
        """Every page of ``data``, rendered only when its data or a template changed."""
        stamp = templates_stamp(templates)
        now: dict[tuple, str] = {}
        out = []
        self.rendered = 0
        for page in data:
            key = (page.digest(), stamp)
            text = now.get(key) or self._kept.get(key)
            if text is None:
                text = render_page(page, templates).markdown
                self.rendered += 1
            now[key] = text
            out.append(GeneratedPage(page.src_uri, page.title, text, page.kind))
        self._kept = now
        return out


def templates_stamp(templates: Sequence[str]) -> tuple:
    """What the template files are now: each one's path, size and modification time (a site
    may edit its own templates while serving; the package's change with the package)."""
    folders = [*templates, str(resources.files("mkdocs_sop").joinpath(PACKAGE_FOLDER))]
    stamp = []
    for folder in folders:
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                try:
                    info = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                stamp.append((os.path.join(root, name), info.st_size, info.st_mtime_ns))
    return tuple(stamp)
