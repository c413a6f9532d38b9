"""The ``sop`` fence as a plain Python-Markdown extension.

It works on its own (``markdown.markdown(text, extensions=["mkdocs_sop"])``), next to
``pymdownx.superfences``, as the instance the MkDocs / ProperDocs plugin configures and
appends (with the site's catalogue), and under Zensical (which runs the extensions of
``mkdocs.yml`` but no plugin; see :mod:`.zensical`).

Each page's context (file, front-matter lines, URL) is read from the Markdown instance
the host built for that page (:mod:`.hosts`) and passed to the renderer as an argument.

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

from ..core.blocks import BlockRenderer
from ..core.fences import find_blocks
from ..core.labels import label_set
from ..core.limits import Limits
from ..core.model import Diagnostic, Severity
from ..core.page import PageContext
from ..core.render_html import RenderOptions
from .hosts import page_context, zensical_context

log = logging.getLogger("mkdocs.plugins.mkdocs_sop")


class SopError(Exception):
    """An SOP on the page has an error and the site asked for the build to stop (``fail_on_error``)."""


class SopExtension(Extension):
    """Render ``sop`` fenced blocks as the official SOP document.

    ``renderer``: a configured :class:`BlockRenderer` shared by every page of a build (the
    MkDocs plugin passes its own); without one the extension makes its own from its settings.
    ``page``: the one page this instance renders, for a host that names it itself (``mkdocs-sop
    preview``); without it the page is read from the host (:mod:`.hosts`).
    """

    def __init__(self, renderer: BlockRenderer | None = None, page: PageContext | None = None,
                 **kwargs: Any) -> None:
        self.config = {
            "language": ["id", "Output language: `id` (Indonesian) or `en` (English)."],
            "labels": [{}, "Labels to rename, e.g. {'nama': 'Judul SOP'}."],
            "institution": ["", "Default `instansi` for SOPs that do not name one."],
            "rows_per_page": [8, "Flowchart rows per printed page (0: never split)."],
            "logo": ["", "The logo for the identity grid: a path inside the docs folder under Zensical, else a URL."],
            "diagram": [True, "Add a Graphviz diagram of each flowchart."],
            "print_uncontrolled": [False, "Print 'uncontrolled when printed' and the print date atop every sheet."],
            "diagram_engine": ["auto", "Graphviz engine: auto, dot, wasm or none."],
            "cache_dir": ["", "Folder for cached diagrams (empty: no disk cache)."],
            "limits": [{}, "How much one block may ask: max_steps, max_depth, max_text, max_yaml_nodes, "
                           "diagram_seconds (see core/limits.py)."],
            "fail_on_error": [None, "Raise at the first page with an SOP error, so the build fails. "
                                    "Default: yes under `zensical build`, no under `zensical serve` and elsewhere."],
            "hide_toc": [True, "Under Zensical: hide the table of contents on pages holding an SOP."],
            "strict_links": [False, "Under Zensical: warn about `keterkaitan` items that name no SOP of the site."],
            "show_warnings": [False, "Show each SOP's warnings in a yellow box above it (for editing)."],
            "templates_dir": ["", "Folder (relative to the config file) of the site's own page templates; "
                                  "read by `mkdocs-sop generate`."],
        }
        super().__init__(**kwargs)
        self._renderer = renderer
        self.page = page

    def settings(self) -> dict[str, Any]:
        return {key: self.getConfig(key) for key in self.config}

    def renderer_for(self, md) -> BlockRenderer:
        """The plugin's renderer; under Zensical the site's; else one of this extension's own."""
        if self._renderer is not None:
            return self._renderer
        zensical = zensical_context(md)
        if zensical is not None:
            from .zensical import site_renderer

            return site_renderer(zensical[1], self.settings(), report=log_diagnostic)
        self._renderer = standalone_renderer(self.settings(), report=log_diagnostic)
        return self._renderer

    def fails_on_error(self, md) -> bool:
        """Whether an SOP error on the page raises: the setting, else only under ``zensical build``."""
        setting = self.getConfig("fail_on_error")
        if setting is not None:
            return bool(setting)
        if zensical_context(md) is None:
            return False
        from .zensical import serving

        return not serving()

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's API
        md.registerExtension(self)
        if "caption" not in md.block_level_elements:
            # the generated pages' tables carry a caption with Markdown in it (md_in_html),
            # which Python-Markdown only parses as a part of the table when it is a block
            md.block_level_elements.append("caption")
        token = secrets.token_hex(8)
        finder = SopBlockFinder(md, self, token)
        md.preprocessors.register(finder, "sop_blocks", 35)
        md.preprocessors.register(SopBlockPlacer(md, finder), "sop_blocks_place", 29)
        self.md = md


def standalone_renderer(settings: dict[str, Any], *, report=None, site=None,
                        earlier: BlockRenderer | None = None) -> BlockRenderer:
    """A renderer from the extension's settings (plain Python-Markdown, Zensical, the preview);
    ``earlier``: the previous renderer of this process, whose parses are reused."""
    language = settings["language"]
    options = RenderOptions(labels=label_set(language, settings["labels"]), language=language,
                            rows_per_page=int(settings["rows_per_page"]),
                            logo="" if site is not None else settings["logo"],
                            diagram=bool(settings["diagram"]), show_warnings=bool(settings["show_warnings"]),
                            print_uncontrolled=bool(settings["print_uncontrolled"]))
    return BlockRenderer(options, institution=settings["institution"], diagram_engine=settings["diagram_engine"],
                         cache_dir=settings["cache_dir"] or None, report=report, site=site,
                         limits=Limits.from_options(settings.get("limits") or {}), earlier=earlier)


def log_diagnostic(diagnostic: Diagnostic) -> None:
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
        if any("\r" in line for line in lines):
            # CRLF or CR-only files: Python-Markdown normalises line endings after this step
            # (MkDocs and the command line read files with universal newlines), so do it here
            # as they do, or a CR-only file is one line and a CRLF fence never closes.
            lines = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n").split("\n")
        blocks = find_blocks(lines)
        if not blocks:
            return lines
        page = self.extension.page or page_context(self.md, "\n".join(lines))
        renderer = self.extension.renderer_for(self.md)
        anchors: set[str] = set()  # ids taken by this page's SOPs (model.unique_anchor)
        out: list[str] = []
        last = 0
        for block in blocks:
            html = renderer.render_block(block, page, anchors)
            marker = f"SOPBLOCK{self.token}N{len(self.pending)}"
            self.pending[marker] = html
            out.extend(lines[last:block.start])
            out.extend(["", block.indent + marker, ""])
            last = block.end + 1
        out.extend(lines[last:])
        if self.extension.fails_on_error(self.md):
            errors = [d for block in blocks for d in renderer.diagnostics_of(block, page)
                      if d.severity is Severity.ERROR]
            if errors:
                raise SopError("\n".join(d.format() for d in errors))
        if zensical_context(self.md) is not None and self.extension.getConfig("hide_toc"):
            from .zensical import hide_toc

            hide_toc(self.md)
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
