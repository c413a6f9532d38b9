"""The Graphviz diagrams of a build: DOT built once, drawn ahead of the pages on every core."""

from __future__ import annotations

import threading
from typing import Callable, Iterable, Sequence

from .messages import make
from .model import Diagnostic, Sop, SopFormat

LinkFor = Callable[[str], "str | None"]


Planned = tuple[Sop, str, LinkFor]  # an SOP, its page's URL, how that page links to others
AHEAD = 64  # diagrams drawn beyond the page being rendered: enough to keep `dot` busy, never a site's worth


class DiagramBatch:
    """Builds each SOP's DOT, draws many at once, hands each page its SVG.

    :meth:`start` draws the site's diagrams on a background thread, in the order the
    pages will ask for them, while the pages render (``dot`` runs in its own processes);
    a page's :meth:`svg` waits only for its own diagram's chunk, and :meth:`reached` tells
    the thread how far the pages are, so it draws only a few chunks ahead of them. The DOT built ahead
    (with the off-page links it looked up) is kept so :meth:`svg` does not build it a
    second time; the SVG of a graph never depends on the batch, so the output does not
    either.
    """

    def __init__(self, labels, *, language: str, engine: str = "auto", cache_dir: str | None = None,
                 report: Callable[[Diagnostic], None] | None = None, seconds: float = 60.0) -> None:
        self.labels = labels
        self.seconds = seconds  # a diagram that takes longer is skipped with a located warning
        self.language = language
        self.engine = engine
        self.cache_dir = cache_dir
        self._report = report or (lambda diagnostic: None)
        self._renderer = None
        self._warned = False
        self._svg: dict[str, str] = {}  # DOT -> SVG drawn by draw()
        self._dots: dict[tuple[int, str], tuple[str, dict]] = {}  # (SOP, page URL) -> DOT, links
        self._ahead: DrawingAhead | None = None

    @property
    def renderer(self):
        if self._renderer is None:
            from .graphviz_engine import DiagramRenderer

            self._renderer = DiagramRenderer(cache_dir=self.cache_dir, engine=self.engine,
                                             seconds=self.seconds)
        return self._renderer

    @renderer.setter
    def renderer(self, renderer) -> None:
        self._renderer = renderer

    @staticmethod
    def wanted(sop: Sop) -> bool:
        return sop.format is SopFormat.DIAGRAM_ALIR

    def dot(self, sop: Sop, page_url: str, link_for: LinkFor, *, keep: bool = False
            ) -> tuple[str, dict[str, str | None]]:
        """The SOP's DOT on the page at ``page_url``, with the off-page links it looked up."""
        key = (id(sop), page_url)
        found = self._dots.get(key) if keep else self._dots.pop(key, None)
        if found is None:
            from .render_dot import sop_to_dot

            links: dict[str, str | None] = {}
            found = (sop_to_dot(sop, self.labels, recording(link_for, links)), links)
            if keep:
                self._dots[key] = found
        return found

    def start(self, plan: Sequence[Planned], needed: Callable[[Sop, str], bool] = lambda sop, url: True) -> None:
        """Draw the diagrams of ``plan`` (in page order) on a background thread, skipping those
        ``needed`` says no to (e.g. their page fragment is cached); returns at once."""
        self._ahead = DrawingAhead(self, [p for p in plan if self.wanted(p[0])], needed)

    def reached(self, sop: Sop, page_url: str) -> None:
        """The page at ``page_url`` is rendering ``sop`` (its fragment cached or not)."""
        if self._ahead is not None:
            self._ahead.reached(sop, page_url)

    def finish(self) -> None:
        """Wait for the background drawing (a build that ends early; tests)."""
        if self._ahead is not None:
            self._ahead.join()

    def draw(self, dots: list[str]) -> None:
        """Draw these graphs now, in one batch; :meth:`svg` then only reads the result."""
        if dots:
            for dot, svg in zip(dots, self.renderer.render_many(dots)):
                if svg is not None:
                    self._svg[dot] = svg

    def svg(self, sop: Sop, page_url: str, link_for: LinkFor,
            links: dict[str, str | None] | None = None, path: str = "") -> str | None:
        """The SVG of the SOP's diagram; one warning for the whole build if no engine works.

        ``links`` (when given) receives the off-page links the diagram looked up."""
        if self._ahead is not None:
            self._ahead.wait_for(sop, page_url)
        dot, seen = self.dot(sop, page_url, link_for)
        if links is not None:
            links.update(seen)
        svg = self._svg.pop(dot, None)
        if svg is None:
            svg = self.renderer.render(dot)
        failure = self.renderer.failure(dot) if svg is None else None
        if failure is not None:  # Graphviz is there but refused this graph: say why, and where
            code = "diagram-timeout" if failure.timed_out else "diagram-failed"
            self._report(make(code, self.language, path=sop.source_path or path,
                              line=sop.lines.get("nomor", sop.line + 1), key="nomor", nomor=sop.nomor,
                              reason=failure.reason, seconds=f"{self.seconds:g}"))
        elif svg is None and not self._warned:
            self._warned = True
            why = ("; ".join(getattr(self.renderer, "problems", None) or ()) or f"`diagram_engine: {self.engine}`")
            self._report(make("diagram-engine-missing", self.language, why=why))
        return svg

    def waiting(self) -> int:
        """How many drawn SVGs wait for their page (a few chunks' worth while pages render)."""
        return len(self._svg)

    def identity(self) -> str:
        """What the drawing depends on besides the DOT (the engine and its version)."""
        return self.renderer.engine_identity


class DrawingAhead:
    """A thread drawing planned diagrams chunk by chunk, in page order.

    Chunks start small (the first page waits only for a few diagrams) and grow (fewer
    ``dot`` process starts). Drawing is faster than rendering pages, so the thread starts
    a chunk only when the pages have come within ``ahead`` diagrams of it: the drawn SVGs
    kept for their pages stay a few chunks' worth, never a site's (it goes on anyway once
    the pages stop for ``patience`` seconds, so it always ends). Whatever goes wrong here,
    every waiting page is released: it then draws its diagram itself and reports any
    failure with its file and line.
    """

    def __init__(self, batch: DiagramBatch, plan: list[Planned], needed: Callable[[Sop, str], bool],
                 ahead: int = AHEAD, patience: float = 10.0) -> None:
        self._batch = batch
        self._needed = needed
        self._ahead = ahead
        self._patience = patience
        self._position = {(id(sop), url): i for i, (sop, url, _) in enumerate(plan)}
        self._done = 0  # plan[:_done] is drawn (or given up)
        self._reached = -1  # the furthest plan position a page has begun rendering
        self._released = False  # join(): stop waiting for the pages
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, args=(plan,), name="sop-diagrams", daemon=True)
        self._thread.start()

    def _run(self, plan: list[Planned]) -> None:
        try:
            start = 0
            for size in chunk_sizes(len(plan), largest=self._ahead):
                self._wait_for_pages(start)
                chunk = plan[start:start + size]
                dots = [self._batch.dot(sop, url, link_for, keep=True)[0]
                        for sop, url, link_for in chunk if self._needed(sop, url)]
                self._batch.draw(dots)
                start += size
                self._advance(start)
        finally:
            self._advance(len(plan))

    def _advance(self, done: int) -> None:
        with self._changed:
            self._done = done
            self._changed.notify_all()

    def _wait_for_pages(self, start: int) -> None:
        """Until the pages come within ``ahead`` diagrams of ``start`` (or stop coming)."""
        with self._changed:
            while not (self._released or start <= self._reached + self._ahead):
                if not self._changed.wait(self._patience):
                    return  # no page for a while (a build that stopped): draw on, so the thread ends

    def reached(self, sop: Sop, page_url: str) -> None:
        """A page is rendering ``sop``: the drawing may go ``ahead`` diagrams past it."""
        position = self._position.get((id(sop), page_url))
        if position is not None:
            with self._changed:
                if position > self._reached:
                    self._reached = position
                    self._changed.notify_all()

    def wait_for(self, sop: Sop, page_url: str) -> None:
        """Return once the diagram of ``sop`` on that page is drawn (at once if never planned)."""
        position = self._position.get((id(sop), page_url))
        if position is not None:
            self.reached(sop, page_url)
            with self._changed:
                self._changed.wait_for(lambda: self._done > position)

    def join(self) -> None:
        """Wait for the thread to end (it stops waiting for the pages)."""
        with self._changed:
            self._released = True
            self._changed.notify_all()
        self._thread.join()


def chunk_sizes(total: int, first: int = 8, largest: int = 256) -> Iterable[int]:
    """8, 16, 32 ... up to ``largest``, until ``total`` is covered."""
    size, given = first, 0
    while given < total:
        yield min(size, total - given)
        given += size
        size = min(size * 2, largest)


def recording(lookup: Callable, seen: dict) -> Callable:
    """``lookup`` that also notes each question and its answer in ``seen``."""
    def wrapped(ref):
        answer = lookup(ref)
        seen[ref] = answer
        return answer
    return wrapped
