"""One object that turns a block into HTML: parse (memoised), report once, render, diagram.

The Markdown extension, the MkDocs plugin and the command line share it, so a block is
parsed once per build whoever asks first, and each problem is reported exactly once.

With a cache folder (``cache_dir``) everything derived from an unchanged block is kept
between builds (see :mod:`.cache`): the parse result, keyed by the block text, its place
and the settings, and the finished HTML fragment (tables and diagram), keyed by the block
text, the settings, the diagram engine, the page's URL and what the page knows of the
rest of the site (back-links, status). Cross-links are looked up while rendering, so the
fragment also records every lookup it made and their answers; a hit is used only when
the site still gives the same answers (a renamed or removed SOP re-renders the pages
linking to it). :meth:`SopService.prerender` draws the diagrams of every page still to
render in one batch, on every core, before the first page, so pages only read a dict.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import re
import xml.etree.ElementTree as ET
from typing import Callable

from ..version import __version__
from .cache import BlockCache, digest
from .messages import make
from .model import Diagnostic, ParseResult, Sop, SopFormat
from .parse import parse_block
from .render_html import (DIAGRAM_SLOT, RenderContext, RenderOptions, labelled_svg, render_errors, render_sop,
                          render_warnings,
                          to_html)

# our own serialisation (ElementTree, fixed attribute order); editor text is escaped, so it never matches
_DRAWING = re.compile(r'<span aria-hidden="true" class="[^"<>]*"></span>|<svg [^<>]*class="sop-sym [^"<>]*">.*?</svg>',
                      re.S)
_STAND_IN = re.compile(f"<!--{DIAGRAM_SLOT}:([0-9]+)-->.*?<!--{DIAGRAM_SLOT}:\\1:end-->", re.S)

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
        self._body_of: dict[int, str] = {}  # id(sop) -> its block text (for fragment keys)
        self._reported: set[Diagnostic] = set()
        self._renderer = None
        self._engine_warned = False
        self.cache = BlockCache(cache_dir) if cache_dir else None
        self._fingerprint: str | None = None
        self._svg: dict[str, str] = {}  # DOT -> SVG drawn by prerender()
        self._dots: dict[tuple[int, str], tuple[str, dict]] = {}  # see _dot()
        self.defer_markup = False  # the plugin's choice: see _deferring()
        self._deferred: dict[int, str] = {}  # stand-in number -> full fragment, until restore_markup()
        self._stand_in_numbers = itertools.count()  # never len(_deferred): restoring frees numbers

    # -- parsing --------------------------------------------------------------------
    def parse(self, body: str, path: str, first_line: int) -> ParseResult:
        """Parse once per (text, place, language); a block seen by the plugin and the page is one parse."""
        language = self.options.language
        key = (body, path, first_line, language)
        result = self._parsed.get(key)
        if result is None:
            disk_key = None
            if self.cache is not None:
                disk_key = digest("parse", language, self.institution, path, str(first_line), body)
                result = self.cache.get(disk_key)
            if result is None:
                result = parse_block(body, path, first_line, default_instansi=self.institution,
                                     language=language)
                if disk_key is not None:
                    self.cache.put(disk_key, result)
            self._parsed[key] = result
            if result.sop is not None:
                self._body_of[id(result.sop)] = body
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
            return to_html(render_errors(result.diagnostics, labels, body, first_line))
        return self._warnings_box(body, path, first_line, result) + self._render_sop(body, result.sop)

    def _warnings_box(self, body: str, path: str, first_line: int, result: ParseResult) -> str:
        """While editing: the block's warnings, its own and the site's (reported before pages render)."""
        if not self.options.show_warnings:
            return ""
        last_line = first_line + body.count("\n")
        site = [d for d in self._reported if d.path == path and first_line <= d.line <= last_line]
        found = list(dict.fromkeys([*result.diagnostics, *sorted(site, key=lambda d: (d.line, d.code))]))
        box = render_warnings(found, self.options.labels)
        return to_html(box) if box is not None else ""

    def _render_sop(self, body: str, sop) -> str:
        labels = self.options.labels
        context = self.context_for(sop)
        key = self._fragment_key(body, sop, context) if self.cache is not None else None
        if key is not None:
            cached = self._cached_fragment(key, context)
            if cached is not None:
                return self._deferring(*cached)
        finds: dict[str, object] = {}
        links: dict[str, str | None] = {}
        if key is not None:  # record the cross-links the fragment depends on
            context = dataclasses.replace(context, find=_recording(context.find, finds))
        element = render_sop(sop, self.options, context)
        svg = None
        wants_diagram = self.options.diagram and sop.format is SopFormat.DIAGRAM_ALIR
        if wants_diagram:
            svg = self.diagram(sop, links if key is not None else None)
        if svg is not None:
            svg = labelled_svg(element, svg)
        html = to_html(element, svg, labels["diagram_unavailable"])
        if key is not None and (svg is not None or not wants_diagram):
            self.cache.put(key, (tuple(finds.items()), tuple(links.items()), html, svg))
        return self._deferring(html, svg)

    # -- drawing kept out of page.content ------------------------------------------
    def _deferring(self, html: str, svg: str | None) -> str:
        """With ``defer_markup``, the page carries a text-only stand-in for the SOP until it is written.

        Most of an SOP's markup is drawing that holds no word: the diagram SVG, the
        symbol shapes, the empty wire and arrow spans. Every later step that reads
        ``page.content`` (the search index above all, which parses every tag of it) pays
        for that markup and gains nothing. So the page gets the fragment without it,
        between two markers, and :meth:`restore_markup` puts the full fragment back when
        the page is written: the search index has the same text, the page the same
        bytes. The markers carry the build's random slot token, so no page can forge one.
        """
        if not self.defer_markup:
            return html
        light = html.replace(svg, "", 1) if svg else html
        light = _DRAWING.sub("", light)
        number = next(self._stand_in_numbers)
        self._deferred[number] = html
        return f"<!--{DIAGRAM_SLOT}:{number}-->{light}<!--{DIAGRAM_SLOT}:{number}:end-->"

    def restore_markup(self, output: str) -> str:
        """Put the full SOP fragments back into a written page (and forget them)."""
        if DIAGRAM_SLOT not in output:
            return output
        return _STAND_IN.sub(lambda m: self._deferred.pop(int(m.group(1)), m.group(0)), output)

    # -- the fragment cache ---------------------------------------------------------
    def _diagram_identity(self, sop: Sop) -> str:
        if not (self.options.diagram and sop.format is SopFormat.DIAGRAM_ALIR):
            return ""
        return self.renderer.engine_identity

    def _fragment_key(self, body: str | None, sop: Sop, context: RenderContext) -> str | None:
        if body is None or self._body_of.get(id(sop)) != body:
            return None
        added = tuple(ET.tostring(e, encoding="unicode") for e in (*context.in_identity, *context.after))
        site = repr((context.referenced_by, context.superseded_by, context.supersedes, context.status,
                     tuple(context.extra_classes), context.logo, added))
        return digest("html", self.fingerprint(), self._diagram_identity(sop), self.page_url, site, body)

    def _cached_fragment(self, key: str, context: RenderContext) -> str | None:
        value = self.cache.get(key)
        if value is None:
            return None
        finds, links, html, svg = value
        for ref, link in finds:
            if context.find(ref) != link:
                return None
        for nomor, url in links:
            if self.link_for_sop(nomor) != url:
                return None
        return html, svg

    def prerender(self, pages: list[tuple[str, list[Sop]]]) -> int:
        """Draw, in one batch, the diagrams of every SOP whose page fragment is not cached.

        ``pages``: each page's URL and the SOPs it holds (parsed by :meth:`parse`).
        The renderer splits the batch over the machine's cores; the SVG of a graph never
        depends on the batch, so the output does not either. Returns how many diagrams
        were asked of the renderer (its cache hits included).
        """
        if not self.options.diagram:
            return 0
        dots: list[str] = []
        here = self.page_url
        try:
            for url, sops in pages:
                self.page_url = url
                for sop in sops:
                    if sop.format is not SopFormat.DIAGRAM_ALIR:
                        continue
                    if self.cache is not None:
                        context = self.context_for(sop)
                        key = self._fragment_key(self._body_of.get(id(sop)), sop, context)
                        if key is not None and self._cached_fragment(key, context) is not None:
                            continue
                    dots.append(self._dot(sop, keep=True)[0])
        finally:
            self.page_url = here
        if dots:
            for dot, svg in zip(dots, self.renderer.render_many(dots)):
                if svg is not None:
                    self._svg[dot] = svg
        return len(dots)

    # -- diagrams -------------------------------------------------------------------
    @property
    def renderer(self):
        if self._renderer is None:
            from .graphviz_engine import DiagramRenderer

            self._renderer = DiagramRenderer(cache_dir=self.cache_dir, engine=self.diagram_engine)
        return self._renderer

    def _dot(self, sop: Sop, *, keep: bool = False) -> tuple[str, dict[str, str | None]]:
        """The SOP's DOT on the current page, with the off-page links it looked up.

        :meth:`prerender` builds it with ``keep=True`` and :meth:`diagram` takes it back,
        so a diagram drawn in the batch is not built a second time for its page.
        """
        key = (id(sop), self.page_url)
        found = self._dots.get(key) if keep else self._dots.pop(key, None)
        if found is None:
            from .render_dot import sop_to_dot

            links: dict[str, str | None] = {}
            found = (sop_to_dot(sop, self.options.labels, _recording(self.link_for_sop, links)), links)
            if keep:
                self._dots[key] = found
        return found

    def diagram(self, sop: Sop, links: dict[str, str | None] | None = None) -> str | None:
        """The SVG of the SOP's diagram; one warning for the whole build if no engine works.

        ``links`` (when given) receives the off-page links the diagram looked up."""
        dot, seen = self._dot(sop)
        if links is not None:
            links.update(seen)
        svg = self._svg.pop(dot, None)
        if svg is None:
            svg = self.renderer.render(dot)
        if svg is None and not self._engine_warned:
            self._engine_warned = True
            why = ("; ".join(getattr(self.renderer, "problems", None) or ())
                   or f"`diagram_engine: {self.diagram_engine}`")
            self.report(make("diagram-engine-missing", self.options.language, why=why))
        return svg

    def fingerprint(self) -> str:
        """What output depends on besides the block: for cache keys."""
        if self._fingerprint is None:
            parts = [__version__, repr(sorted(self.options.labels.items())), self.options.language,
                     str(self.options.rows_per_page), self.options.logo, str(self.options.diagram),
                     str(self.options.show_time_total), self.institution, self.diagram_engine]
            self._fingerprint = hashlib.sha256("\x00".join(parts).encode()).hexdigest()
        return self._fingerprint


def _recording(lookup: Callable, seen: dict) -> Callable:
    """``lookup`` that also notes each question and its answer in ``seen``."""
    def wrapped(ref):
        answer = lookup(ref)
        seen[ref] = answer
        return answer
    return wrapped
