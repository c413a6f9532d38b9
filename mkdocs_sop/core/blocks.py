"""Turn one ``sop`` block on one page into HTML: the SOP, or an escaped error box.

:class:`BlockRenderer` composes one object per concern (parse memo, reports, fragment
cache, diagram batch, deferred markup) and asks a :class:`SiteView` what the rest of the
site says about an SOP (cross-links, back-links, status). The page travels as an
argument (:class:`~.page.PageContext`); the renderer keeps no "current page".
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Iterable, Protocol

from ..version import __version__
from .cache import BlockCache
from .deferred import DeferredMarkup
from .diagrams import DiagramBatch, recording
from .fences import Block
from .fragments import FragmentCache
from .limits import DEFAULT_LIMITS, Limits
from .messages import make
from .model import Diagnostic, ParseResult, Sop, unique_anchor
from .page import NO_PAGE, PageContext
from .parsememo import ParseMemo, internal_error
from .render_html import (RenderContext, RenderOptions, labelled_svg, render_errors, render_sop,
                          render_warnings, to_html)
from .reports import Reporter, Reports


class SiteView(Protocol):
    """What the site knows about an SOP, seen from the page at ``page_url``."""

    def context_for(self, sop: Sop, page_url: str) -> RenderContext: ...

    def link_for(self, nomor: str, page_url: str) -> str | None: ...


class NoSite:
    """A page rendered alone: no other SOP is known."""

    def context_for(self, sop: Sop, page_url: str) -> RenderContext:
        return RenderContext()

    def link_for(self, nomor: str, page_url: str) -> str | None:
        return None


class BlockRenderer:
    """Options and caches of one build; :meth:`render_block` is called once per block."""

    def __init__(self, options: RenderOptions, *, institution: str = "", diagram_engine: str = "auto",
                 cache_dir: str | None = None, report: Reporter | None = None,
                 site: SiteView | None = None, defer_markup: bool = False,
                 limits: Limits = DEFAULT_LIMITS, earlier: "BlockRenderer | None" = None) -> None:
        if diagram_engine == "none":  # asked for no diagrams: leave them out, say nothing
            options = dataclasses.replace(options, diagram=False)
        self.options = options
        self.institution = institution
        self.diagram_engine = diagram_engine
        self.cache_dir = cache_dir  # the build's cache folder (None: no disk cache)
        self.site: SiteView = site or NoSite()
        self.reports = Reports(report)
        disk = BlockCache(cache_dir) if cache_dir else None
        self.limits = limits
        # earlier: the previous build's renderer in this process (mkdocs serve): its parses are reused
        self.memo = ParseMemo(language=options.language, institution=institution, cache=disk, limits=limits,
                              earlier=earlier.memo if earlier is not None else None)
        self.fragments = FragmentCache(disk, self.fingerprint()) if disk else None
        self.diagrams = DiagramBatch(options.labels, language=options.language, engine=diagram_engine,
                                     cache_dir=cache_dir, report=self.reports,
                                     seconds=limits.diagram_seconds)
        self.deferred = DeferredMarkup() if defer_markup else None

    def parse(self, body: str, path: str, first_line: int) -> ParseResult:
        return self.memo.parse(body, path, first_line)

    # -- one block ------------------------------------------------------------------
    def render_block(self, block: Block, page: PageContext = NO_PAGE, anchors: set[str] | None = None) -> str:
        """HTML for one block of ``page``: the SOP, or an escaped error box in its place.

        ``anchors``: the ids the page's earlier SOPs took (one set per page render), so two
        numbers that differ only in punctuation get distinct ids. The block boundary is the
        last resort: whatever goes wrong inside one block becomes that block's error box
        and a message with its file and line.
        """
        try:
            return self._render_block(block, page, set() if anchors is None else anchors)
        except Exception as exc:  # noqa: BLE001 - one block never stops the site
            diagnostic = internal_error(exc, self.options.language, page.src_path,
                                        block.first_body_line + page.line_offset)
            self.reports(diagnostic)
            return to_html(render_errors([diagnostic], self.options.labels, block.body))

    def _render_block(self, block: Block, page: PageContext, anchors: set[str]) -> str:
        labels = self.options.labels
        if not block.closed:
            diagnostics = self.diagnostics_of(block, page)
            for diagnostic in diagnostics:
                self.reports(diagnostic)
            return to_html(render_errors(diagnostics, labels, block.body))
        first_line = block.first_body_line + page.line_offset
        result = self.memo.parse(block.body, page.src_path, first_line)
        for diagnostic in result.diagnostics:
            self.reports(diagnostic)
        if result.sop is None:
            return to_html(render_errors(result.diagnostics, labels, block.body, first_line))
        context = self.site.context_for(result.sop, page.url)
        if context.errors:  # e.g. the second SOP with a nomor: its page shows why, like any error
            return to_html(render_errors([*result.diagnostics, *context.errors], labels, block.body, first_line))
        sop = unique_anchor(result.sop, anchors)
        return (self._warnings_box(block.body, page.src_path, first_line, result)
                + self._finish(*self._render_sop(block.body, sop, page.url, context, page.src_path)))

    def _warnings_box(self, body: str, path: str, first_line: int, result: ParseResult) -> str:
        """While editing: the block's warnings, its own and the site's (reported before pages render)."""
        if not self.options.show_warnings:
            return ""
        last_line = first_line + body.count("\n")
        site = [d for d in self.reports.reported if d.path == path and first_line <= d.line <= last_line]
        found = list(dict.fromkeys([*result.diagnostics, *sorted(site, key=lambda d: (d.line, d.code))]))
        box = render_warnings(found, self.options.labels)
        return to_html(box) if box is not None else ""

    def diagnostics_of(self, block: Block, page: PageContext = NO_PAGE) -> list[Diagnostic]:
        """The problems of one block, as :meth:`render_block` reports them."""
        if not block.closed:
            return [make("block-not-closed", self.options.language, path=page.src_path,
                         line=block.start + 1 + page.line_offset)]
        return list(self.memo.parse(block.body, page.src_path, block.first_body_line + page.line_offset).diagnostics)

    def _render_sop(self, body: str, sop: Sop, url: str, context: RenderContext,
                    path: str = "") -> tuple[str, str | None]:
        """The SOP's fragment and its diagram's SVG, from the fragment cache when it still holds."""
        link_for = self._links_from(url)
        self.diagrams.reached(sop, url)
        key = self._fragment_key(body, sop, context, url)
        if key is not None:
            cached = self.fragments.get(key, context, link_for)
            if cached is not None:
                return cached
        finds: dict[str, object] = {}
        links: dict[str, str | None] = {}
        if key is not None:  # record the cross-links the fragment depends on
            context = dataclasses.replace(context, find=recording(context.find, finds))
        element = render_sop(sop, self.options, context)
        svg = None
        wants_diagram = self.options.diagram and self.diagrams.wanted(sop)
        if wants_diagram:
            svg = self.diagrams.svg(sop, url, link_for, links if key is not None else None, path)
        if svg is not None:
            svg = labelled_svg(element, svg)
        html = to_html(element, svg, self.options.labels["diagram_unavailable"])
        if key is not None and (svg is not None or not wants_diagram):
            self.fragments.put(key, finds, links, html, svg)
        return html, svg

    def _finish(self, html: str, svg: str | None) -> str:
        return self.deferred.stand_in(html, svg) if self.deferred is not None else html

    def restore_markup(self, output: str) -> str:
        """The written page with every deferred fragment back in full."""
        return self.deferred.restore(output) if self.deferred is not None else output

    # -- the whole site's diagrams, drawn while the pages render ---------------------
    def prerender(self, pages: Iterable[tuple[str, list[Sop]]]) -> int:
        """Start drawing, in the background, the diagrams of every SOP whose page fragment is
        not cached, in page order; each page's render waits only for its own diagram.

        ``pages``: each page's URL and the SOPs it holds (parsed by :meth:`parse`), in the
        order the pages will render. Returns how many diagrams were planned.
        """
        if not self.options.diagram:
            return 0
        plan = [(sop, url, self._links_from(url)) for url, sops in pages for sop in sops]
        self.diagrams.start(plan, needed=lambda sop, url: not self._fragment_is_cached(sop, url))
        return sum(1 for sop, _, _ in plan if self.diagrams.wanted(sop))

    # -- the fragment cache ---------------------------------------------------------
    def _links_from(self, url: str):
        return lambda nomor: self.site.link_for(nomor, url)

    def _fragment_key(self, body: str | None, sop: Sop, context: RenderContext, url: str) -> str | None:
        if self.fragments is None or body is None or self.memo.body_of(sop) != body:
            return None
        identity = self.diagrams.identity() if (self.options.diagram and self.diagrams.wanted(sop)) else ""
        return self.fragments.key(body, context, url, identity)

    def _fragment_is_cached(self, sop: Sop, url: str) -> bool:
        """Whether the page's fragment is kept (not read: a page whose links changed since
        finds out when it renders, and then draws its diagram itself)."""
        if self.fragments is None:
            return False
        key = self._fragment_key(self.memo.body_of(sop), sop, self.site.context_for(sop, url), url)
        return key is not None and self.fragments.stored(key)

    def fingerprint(self) -> str:
        """What output depends on besides the block: for cache keys."""
        o = self.options
        parts = [__version__, repr(sorted(o.labels.items())), o.language, str(o.rows_per_page), o.logo,
                 str(o.diagram), str(o.show_time_total), str(o.print_uncontrolled), self.institution,
                 self.diagram_engine]
        return hashlib.sha256("\x00".join(parts).encode()).hexdigest()

