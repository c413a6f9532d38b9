"""The Graphviz diagrams of a build: DOT built once, drawn in one batch on every core."""

from __future__ import annotations

from typing import Callable

from .messages import make
from .model import Diagnostic, Sop, SopFormat

LinkFor = Callable[[str], "str | None"]


class DiagramBatch:
    """Builds each SOP's DOT, draws many at once (:meth:`draw`), hands each page its SVG.

    :meth:`draw` keeps the DOT it built (with the off-page links it looked up) so the
    page's :meth:`svg` does not build it a second time; the SVG of a graph never depends
    on the batch, so the output does not either.
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

    def identity(self) -> str:
        """What the drawing depends on besides the DOT (the engine and its version)."""
        return self.renderer.engine_identity


def recording(lookup: Callable, seen: dict) -> Callable:
    """``lookup`` that also notes each question and its answer in ``seen``."""
    def wrapped(ref):
        answer = lookup(ref)
        seen[ref] = answer
        return answer
    return wrapped
