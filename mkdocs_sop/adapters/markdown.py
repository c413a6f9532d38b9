"""The ``sop`` fence as a plain Python-Markdown extension.

It works on its own (``markdown.markdown(text, extensions=["mkdocs_sop"])``), next to
``pymdownx.superfences``, under the MkDocs plugin (which gives it the page's path, the
line offset of front matter and the site's catalogue), and in any tool that runs
Python-Markdown extensions from ``mkdocs.yml`` (such as Zensical).

Blocks are found before Python-Markdown normalises whitespace, so the verdict on tabs is
the same as the command line's, and before any fenced-code extension, so an ``sop``
block is never shown as code.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from markdown import Extension
from markdown.preprocessors import Preprocessor

from ..core.fences import find_blocks
from ..core.labels import label_set
from ..core.model import Diagnostic, Severity
from ..core.render_html import RenderOptions
from ..core.service import SopService

log = logging.getLogger("mkdocs.plugins.mkdocs_sop")


class SopExtension(Extension):
    """Render ``sop`` fenced blocks as the official SOP document."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "language": ["id", "Output language: `id` (Indonesian) or `en` (English)."],
            "labels": [{}, "Labels to rename, e.g. {'nama': 'Judul SOP'}."],
            "institution": ["", "Default `instansi` for SOPs that do not name one."],
            "rows_per_page": [8, "Flowchart rows per printed page (0: never split)."],
            "logo": ["", "URL of the institution's logo for the identity grid."],
            "diagram": [True, "Add a Graphviz diagram of each flowchart."],
            "diagram_engine": ["auto", "Graphviz engine: auto, dot, wasm or none."],
            "cache_dir": ["", "Folder for cached diagrams (empty: no disk cache)."],
            "show_warnings": [False, "Show each SOP's warnings in a yellow box above it (for editing)."],
            "service": ["", "A shared SopService (set by the MkDocs plugin)."],
        }
        super().__init__(**kwargs)
        self._service: SopService | None = None

    @property
    def service(self) -> SopService:
        given = self.getConfig("service")
        if isinstance(given, SopService):
            return given
        if self._service is None:
            labels = label_set(self.getConfig("language"), self.getConfig("labels"))
            options = RenderOptions(labels=labels, language=self.getConfig("language"),
                                    rows_per_page=int(self.getConfig("rows_per_page")),
                                    logo=self.getConfig("logo"), diagram=bool(self.getConfig("diagram")),
                                    show_warnings=bool(self.getConfig("show_warnings")))
            self._service = SopService(options, institution=self.getConfig("institution"),
                                       diagram_engine=self.getConfig("diagram_engine"),
                                       cache_dir=self.getConfig("cache_dir") or None,
                                       report=_log_diagnostic)
        return self._service

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's API
        md.registerExtension(self)
        token = secrets.token_hex(8)
        finder = SopBlockFinder(md, self, token)
        md.preprocessors.register(finder, "sop_blocks", 35)
        md.preprocessors.register(SopBlockPlacer(md, finder), "sop_blocks_place", 29)
        self.md = md


def _log_diagnostic(diagnostic: Diagnostic) -> None:
    level = logging.ERROR if diagnostic.severity is Severity.ERROR else logging.WARNING
    log.log(level, diagnostic.format())


class SopBlockFinder(Preprocessor):
    """Replace each ``sop`` fence by a marker line; the HTML waits for :class:`SopBlockPlacer`.

    Placeholders of Python-Markdown's HTML stash would not survive whitespace
    normalisation, which runs between the two steps, so plain markers carry the blocks over.
    """

    def __init__(self, md, extension: SopExtension, token: str) -> None:
        super().__init__(md)
        self.extension = extension
        self.token = token
        self.pending: dict[str, str] = {}

    def run(self, lines: list[str]) -> list[str]:
        blocks = find_blocks(lines)
        if not blocks:
            return lines
        ext = self.extension
        service = ext.service
        path = service.page_path
        offset = service.line_offset
        out: list[str] = []
        last = 0
        for number, block in enumerate(blocks):
            html = service.render_block(block.body, path, block.first_body_line + offset,
                                        closed=block.closed, fence_line=block.start + 1 + offset)
            marker = f"SOPBLOCK{self.token}N{len(self.pending)}"
            self.pending[marker] = html
            out.extend(lines[last:block.start])
            out.extend(["", block.indent + marker, ""])
            last = block.end + 1
        out.extend(lines[last:])
        return out


class SopBlockPlacer(Preprocessor):
    """Swap markers for stashed HTML once whitespace has been normalised."""

    def __init__(self, md, finder: SopBlockFinder) -> None:
        super().__init__(md)
        self.finder = finder

    def run(self, lines: list[str]) -> list[str]:
        pending = self.finder.pending
        if not pending:
            return lines
        out = []
        for line in lines:
            stripped = line.strip()
            if stripped in pending:
                indent = line[: len(line) - len(line.lstrip())]
                out.append(indent + self.md.htmlStash.store(pending.pop(stripped)))
            else:
                out.append(line)
        return out


def makeExtension(**kwargs: Any) -> SopExtension:  # noqa: N802
    return SopExtension(**kwargs)


__all__ = ["SopExtension", "makeExtension"]
