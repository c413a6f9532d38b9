"""One object that turns a block into HTML: parse (memoised), report once, render, diagram.

The Markdown extension, the MkDocs plugin and the command line share it, so a block is
parsed once per build whoever asks first, and each problem is reported exactly once.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Callable

from .. import __version__
from .messages import make
from .model import Diagnostic, ParseResult, Sop, SopFormat
from .parse import parse_block
from .render_html import RenderContext, RenderOptions, render_errors, render_sop, to_html

Reporter = Callable[[Diagnostic], None]


class SopService:
    """Shared state of one build: options, caches, the page being rendered."""

    def __init__(self, options: RenderOptions, *, institution: str = "", diagram_engine: str = "auto",
                 cache_dir: str | None = None, report: Reporter | None = None,
                 context_for: Callable[[Sop], RenderContext] | None = None,
                 link_for_sop: Callable[[str], str | None] | None = None) -> None:
        if diagram_engine == "none":  # asked for no diagrams: leave them out, say nothing
            options = dataclasses.replace(options, diagram=False)
        self.options = options
        self.institution = institution
        self.diagram_engine = diagram_engine
        self.cache_dir = cache_dir
        self._report = report
        self.context_for = context_for or (lambda sop: RenderContext())
        self.link_for_sop = link_for_sop or (lambda nomor: None)
        self.page_path = ""  # the page being rendered, as messages name it
        self.line_offset = 0  # lines of front matter MkDocs took off that page
        self.page_url = ""  # its URL, for relative links
        self._parsed: dict[tuple, ParseResult] = {}
        self._reported: set[Diagnostic] = set()
        self._renderer = None
        self._engine_warned = False

    # -- parsing --------------------------------------------------------------------
    def parse(self, body: str, path: str, first_line: int) -> ParseResult:
        """Parse once per (text, place, language); a block seen by the plugin and the page is one parse."""
        language = self.options.language
        key = (body, path, first_line, language)
        result = self._parsed.get(key)
        if result is None:
            result = parse_block(body, path, first_line, default_instansi=self.institution,
                                 language=language)
            self._parsed[key] = result
        return result

    def report(self, diagnostic: Diagnostic) -> None:
        """Send a diagnostic to the reporter, once per build."""
        if diagnostic in self._reported:
            return
        self._reported.add(diagnostic)
        if self._report is not None:
            self._report(diagnostic)

    @property
    def reported(self) -> frozenset[Diagnostic]:
        return frozenset(self._reported)

    # -- rendering ------------------------------------------------------------------
    def render_block(self, body: str, path: str, first_line: int, *, closed: bool = True,
                     fence_line: int = 0) -> str:
        """HTML for one block: the SOP, or an escaped error box in its place."""
        labels = self.options.labels
        if not closed:
            diagnostic = make("block-not-closed", self.options.language, path=path, line=fence_line)
            self.report(diagnostic)
            return to_html(render_errors([diagnostic], labels, body))
        result = self.parse(body, path, first_line)
        for diagnostic in result.diagnostics:
            self.report(diagnostic)
        if result.sop is None:
            return to_html(render_errors(result.diagnostics, labels, body))
        sop = result.sop
        element = render_sop(sop, self.options, self.context_for(sop))
        svg = None
        if self.options.diagram and sop.format is SopFormat.DIAGRAM_ALIR:
            svg = self.diagram(sop)
        return to_html(element, svg, labels["diagram_unavailable"])

    # -- diagrams -------------------------------------------------------------------
    @property
    def renderer(self):
        if self._renderer is None:
            from .graphviz_engine import DiagramRenderer

            self._renderer = DiagramRenderer(cache_dir=self.cache_dir, engine=self.diagram_engine)
        return self._renderer

    def dot_for(self, sop: Sop) -> str:
        from .render_dot import sop_to_dot

        return sop_to_dot(sop, self.options.labels, self.link_for_sop)

    def diagram(self, sop: Sop) -> str | None:
        """The SVG of the SOP's diagram; one warning for the whole build if no engine works."""
        svg = self.renderer.render(self.dot_for(sop))
        if svg is None and not self._engine_warned:
            self._engine_warned = True
            why = ("; ".join(getattr(self.renderer, "problems", None) or ())
                   or f"`diagram_engine: {self.diagram_engine}`")
            self.report(make("diagram-engine-missing", self.options.language, why=why))
        return svg

    def fingerprint(self) -> str:
        """What output depends on besides the block: for cache keys."""
        parts = [__version__, repr(sorted(self.options.labels.items())), self.options.language,
                 str(self.options.rows_per_page), self.options.logo, str(self.options.diagram),
                 self.institution]
        return hashlib.sha256("\x00".join(parts).encode()).hexdigest()
