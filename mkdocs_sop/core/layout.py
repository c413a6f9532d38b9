"""Lay a flow out on the official flowchart table: symbols in actor columns, routed wires.

The table stays real HTML, so the drawing is made of cells: each actor cell holds at most
one symbol and a set of straight wire segments between fixed ports (top edge ``n``, top
track ``t``, centre ``c``, bottom track ``b``, bottom edge ``s``; left ``w``, centre
``c``, right ``e``). CSS places the segments, so rows may grow with their text and the
lines still meet, with no JavaScript.

:func:`layout_flow` works in named phases, each a function below:

1. :func:`paginate` — which printed sheet each step goes on, by estimated printed height
   (:class:`Paper`), never more rows than the site's cap;
2. :func:`classify_edges` — each edge gets an :class:`EdgeKind`;
3. :func:`assign_lanes` — jumps within a sheet get a routing lane right of the actors;
4. routing, one :class:`_Router` method per kind of edge, chosen so no wire crosses a symbol:

   - ``NEXT_ROW``: down from the symbol (via the bottom track when the column changes),
     into the next symbol from the top;
   - ``SHEET_BREAK``: the same edge where a sheet ends: into a lettered connector in an
     extra row at the foot of the sheet, out of the same letter at the top of the next;
   - ``LANE``: out of the symbol's side along the centre line to its lane, along the
     lane, then along the target row's top track into the target symbol from the top;
   - ``EXIT``: a flow that ends in a decision branch, continues in another SOP, or jumps
     to another sheet: out of the side to the *exit* column, which holds the off-page
     connector (lettered, or linking to the other SOP) or a small end terminator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Callable, Iterator, Sequence

from .model import Sop, Step, Symbol, Target, TargetKind


class RowKind(str, Enum):
    STEP = "step"
    CONNECTOR_OUT = "connector-out"  # foot of a sheet: the letter the flow leaves by
    CONNECTOR_IN = "connector-in"  # top of the next sheet: the same letter


class MarkKind(str, Enum):
    CONNECTOR = "connector"  # lettered, to another sheet of this SOP
    SOP = "sop"  # continues in another SOP
    END = "end"  # a decision branch that ends the flow


class EdgeKind(Enum):
    NEXT_ROW = "next-row"
    SHEET_BREAK = "sheet-break"
    LANE = "lane"
    EXIT = "exit"


@dataclass(frozen=True)
class Mark:
    """Something drawn in the exit column: an off-page connector or a small end terminator."""

    kind: MarkKind
    text: str  # the letter, the other SOP's nomor, or "" for an end
    branch: str = ""  # "ya"/"tidak" when it leaves a decision
    incoming: bool = False  # a connector the flow arrives from (another sheet)


@dataclass(frozen=True)
class Cell:
    wires: tuple[str, ...] = ()
    symbol: Symbol | None = None
    letter: str = ""  # connector symbols in connector rows
    arrows: tuple[str, ...] = ()  # "n": into the symbol from above; "w": into it from the left
    labels: tuple[tuple[str, str], ...] = ()  # (port, branch) e.g. ("s", "ya"), ("e", "tidak")
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class Row:
    kind: RowKind
    step: Step | None
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Page:
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class FlowLayout:
    actors: tuple[str, ...]
    lanes: int
    exits: int  # exit columns: 0, 1, or 2 when connectors arriving from another sheet need their own
    pages: tuple[Page, ...]

    @property
    def has_exit(self) -> bool:
        return self.exits > 0

    @property
    def columns(self) -> int:
        return len(self.actors) + self.lanes + self.exits


@dataclass(frozen=True)
class Paper:
    """What pagination knows of a printed sheet (estimated by ``core/paper.py``).

    ``room`` is the height one sheet has for rows once its caption and header are
    placed; ``row_height(step)`` the estimated printed height of a step's row;
    ``connector_row`` the height of a connector row; ``footer`` that of the total row
    on the last sheet. All in the same unit (CSS px at print size).
    """

    room: float
    row_height: Callable[[Step], float]
    connector_row: float
    footer: float = 0.0


@dataclass(frozen=True)
class Edge:
    source: Step
    branch: str  # "ya", "tidak" or ""
    target: Target
    kind: EdgeKind


# --- phase 1: sheets ---------------------------------------------------------------------

def paginate(steps: Sequence[Step], max_rows: int = 0, paper: Paper | None = None) -> dict[int, int]:
    """Step index -> sheet (0-based). A sheet ends before the row that would not fit the
    paper (with the connector rows at its foot and top, and the total on the last
    sheet), or after ``max_rows`` rows (0: no cap). A row taller than a sheet gets a
    sheet of its own."""
    page_of: dict[int, int] = {}
    page, used, rows = 0, 0.0, 0
    last = len(steps) - 1
    for i, step in enumerate(steps):
        height = paper.row_height(step) if paper else 0.0
        if rows:
            full = bool(max_rows) and rows >= max_rows
            if paper is not None:
                foot = paper.footer if i == last else paper.connector_row
                full = full or used + height + foot > paper.room
            if full:
                page, used, rows = page + 1, (paper.connector_row if paper else 0.0), 0
        page_of[step.index] = page
        used += height
        rows += 1
    return page_of


# --- phase 2: edges ----------------------------------------------------------------------

def classify_edges(steps: Sequence[Step], page_of: dict[int, int]) -> list[Edge]:
    """Every edge that needs drawing, with its kind. A plain step ending the flow is
    itself a terminator: no edge."""
    edges = []
    for s in steps:
        for branch, t in s.targets():
            if t is None:
                continue
            if t.kind is TargetKind.STEP:
                same_sheet = page_of[t.step] == page_of[s.index]
                if t.step == s.index + 1:
                    kind = EdgeKind.NEXT_ROW if same_sheet else EdgeKind.SHEET_BREAK
                else:
                    kind = EdgeKind.LANE if same_sheet else EdgeKind.EXIT
            elif t.kind is TargetKind.SOP or (t.kind is TargetKind.END and s.decision):
                kind = EdgeKind.EXIT
            else:
                continue
            edges.append(Edge(s, branch, t, kind))
    return edges


# --- phase 3: lanes ----------------------------------------------------------------------

def assign_lanes(jumps: Sequence[Edge]) -> tuple[dict[int, int], int]:
    """Interval colouring of same-sheet jumps (by position in ``jumps``), shortest first so
    short loops nest inside long ones. Returns (jump position -> lane, lane count)."""
    lane_of: dict[int, int] = {}
    occupied: list[list[tuple[int, int]]] = []
    order = sorted(range(len(jumps)),
                   key=lambda i: (abs(jumps[i].target.step - jumps[i].source.index), jumps[i].source.index))
    for i in order:
        lo, hi = sorted((jumps[i].source.index, jumps[i].target.step))
        for lane, spans in enumerate(occupied):
            if all(hi < a or lo > b for a, b in spans):
                spans.append((lo, hi))
                lane_of[i] = lane
                break
        else:
            occupied.append([(lo, hi)])
            lane_of[i] = len(occupied) - 1
    return lane_of, len(occupied)


# --- phase 4: routing --------------------------------------------------------------------

@dataclass
class _MCell:
    wires: set = field(default_factory=set)
    symbol: Symbol | None = None
    letter: str = ""
    arrows: set = field(default_factory=set)
    labels: list = field(default_factory=list)
    marks: list = field(default_factory=list)

    def freeze(self) -> Cell:
        return Cell(tuple(sorted(self.wires)), self.symbol, self.letter, tuple(sorted(self.arrows)),
                    tuple(self.labels), tuple(self.marks))


_Y_ORDER = "ntcbs"


def _v(y1: str, y2: str) -> str:
    """A vertical wire between two heights, named top to bottom (``v-nc``)."""
    a, b = sorted((y1, y2), key=_Y_ORDER.index)
    return f"v-{a}{b}"


def _h(y: str, x1: str, x2: str) -> str:
    """A horizontal wire at height ``y`` between two x ports, named left to right (``hc-ce``)."""
    a, b = sorted((x1, x2), key="wce".index)
    return f"h{y}-{a}{b}"


def _letters() -> Iterator[str]:
    """A, B, ... Z, AA, AB ...: the letters of connector pairs."""
    n = 0
    while True:
        n += 1
        k, out = n, ""
        while k:
            k, r = divmod(k - 1, 26)
            out = chr(65 + r) + out
        yield out


def _run(row: list[_MCell], y: str, a: int, b: int) -> None:
    """A horizontal wire at height ``y`` from the centre of column a to that of column b."""
    if a == b:
        return
    lo, hi = sorted((a, b))
    row[lo].wires.add(_h(y, "c", "e"))
    row[hi].wires.add(_h(y, "w", "c"))
    for c in range(lo + 1, hi):
        row[c].wires.add(_h(y, "w", "e"))


def _nearest(options: list[int], to: int) -> int:
    return min(options, key=lambda c: (abs(c - to), c))


class _Router:
    """The grid of cells being drawn, and one method per kind of edge."""

    def __init__(self, sop: Sop, page_of: dict[int, int], edges: list[Edge], lanes: int,
                 lane_of_edge: dict[int, int]) -> None:
        col_of = {a: i for i, a in enumerate(sop.pelaksana)}
        self.actors = len(sop.pelaksana)
        self.exit_col = self.actors + lanes
        exits = [e for e in edges if e.kind is EdgeKind.EXIT]
        # A row that both leaves by the exit column and is arrived at from another sheet
        # would stack both marks in one cell, and the arriving wire would run through the
        # leaving mark: arriving connectors then get a column of their own, right of it.
        arriving = {e.target.step for e in exits if e.target.kind is TargetKind.STEP}
        shared = arriving & {e.source.index for e in exits}
        self.in_col = self.exit_col + 1 if shared else self.exit_col
        self.exits = (1 if exits else 0) + (1 if shared else 0)
        self.width = self.actors + lanes + self.exits
        self.page_of = page_of
        self.cols = {s.index: sorted(col_of[a] for a in s.pelaksana) for s in sop.steps}
        self.grid = {s.index: [_MCell() for _ in range(self.width)] for s in sop.steps}
        self.letters = _letters()
        self.out_rows: dict[int, list[_MCell]] = {}  # sheet -> connector row at its foot
        self.in_rows: dict[int, list[_MCell]] = {}  # sheet -> connector row at its top
        self.side_used: dict[int, int] = {}
        self.down_cols: dict[int, tuple[int, int]] = {}  # step -> columns its way down spans
        self.lane_of_edge = lane_of_edge

    def place_symbols(self, sop: Sop) -> None:
        """Each step's symbol in each of its actors' columns; a multi-actor step's symbols
        joined along the centre line."""
        for s in sop.steps:
            row, cols = self.grid[s.index], self.cols[s.index]
            for c in cols:
                row[c].symbol = sop.symbol_of(s)
            if cols[-1] > cols[0]:
                _run(row, "c", cols[0], cols[-1])

    def next_row(self, e: Edge) -> None:
        b_col = _nearest(self.cols[e.target.step], self.cols[e.source.index][0])
        a_col = _nearest(self.cols[e.source.index], b_col)
        src, dst = self.grid[e.source.index], self.grid[e.target.step]
        self.down_cols[e.source.index] = tuple(sorted((a_col, b_col)))
        if e.branch:
            src[a_col].labels.append(("s", e.branch))
        if a_col == b_col:
            src[a_col].wires.add(_v("c", "s"))
        else:
            src[a_col].wires.add(_v("c", "b"))
            _run(src, "b", a_col, b_col)
            src[b_col].wires.add(_v("b", "s"))
        self._enter_from_top(dst, b_col, "n")

    def sheet_break(self, e: Edge) -> None:
        letter = next(self.letters)
        a_col = _nearest(self.cols[e.source.index], self.cols[e.target.step][0])
        b_col = _nearest(self.cols[e.target.step], a_col)
        self.down_cols[e.source.index] = (a_col, a_col)
        self.grid[e.source.index][a_col].wires.add(_v("c", "s"))
        if e.branch:
            self.grid[e.source.index][a_col].labels.append(("s", e.branch))
        out_row = self.out_rows.setdefault(self.page_of[e.source.index], [_MCell() for _ in range(self.width)])
        out_row[a_col].symbol, out_row[a_col].letter = Symbol.CONNECTOR, letter
        self._enter_from_top(out_row, a_col, "n")
        in_row = self.in_rows.setdefault(self.page_of[e.target.step], [_MCell() for _ in range(self.width)])
        in_row[b_col].symbol, in_row[b_col].letter = Symbol.CONNECTOR, letter
        in_row[b_col].wires.add(_v("c", "s"))
        self._enter_from_top(self.grid[e.target.step], b_col, "n")

    def lane(self, e: Edge, position: int) -> None:
        lane = self.actors + self.lane_of_edge[position]
        s, t = e.source.index, e.target.step
        y = self._side_exit(e, lane)
        if t == s:  # a step that loops on itself: up the lane to its own top track
            self.grid[t][lane].wires.add(_v(y, "t"))
        else:
            down = t > s
            self.grid[s][lane].wires.add(_v(y, "s" if down else "n"))
            lo, hi = sorted((s, t))
            for r in range(lo + 1, hi):
                self.grid[r][lane].wires.add(_v("n", "s"))
            self.grid[t][lane].wires.add(_v("n" if down else "s", "t"))
        self._arrive_along_top_track(t, lane)

    def exit(self, e: Edge) -> None:
        y = self._side_exit(e, self.exit_col)
        cell = self.grid[e.source.index][self.exit_col]
        cell.wires.add(_v(y, "c") if y != "c" else _h("c", "w", "c"))
        if e.target.kind is TargetKind.END:
            cell.marks.append(Mark(MarkKind.END, "", e.branch))
        elif e.target.kind is TargetKind.SOP:
            cell.marks.append(Mark(MarkKind.SOP, e.target.sop, e.branch))
        else:  # a jump to another sheet: a lettered pair in the exit column
            letter = next(self.letters)
            cell.marks.append(Mark(MarkKind.CONNECTOR, letter, e.branch))
            dst = self.grid[e.target.step][self.in_col]
            dst.marks.append(Mark(MarkKind.CONNECTOR, letter, "", incoming=True))
            dst.wires.add(_v("t", "c"))
            self._arrive_along_top_track(e.target.step, self.in_col)
        if y == "c":
            cell.arrows.add("w")

    def _enter_from_top(self, row: list[_MCell], col: int, port: str) -> None:
        row[col].wires.add(_v(port, "c"))
        row[col].arrows.add("n")

    def _arrive_along_top_track(self, step_index: int, from_col: int) -> None:
        """Along the target row's top track into its rightmost symbol from above."""
        dst = self.grid[step_index]
        b_col = self.cols[step_index][-1]
        _run(dst, "t", b_col, from_col)
        self._enter_from_top(dst, b_col, "t")

    def _side_exit(self, e: Edge, to_col: int) -> str:
        """A wire from the step's rightmost symbol to column ``to_col``: the first along the
        centre line, a second along the bottom track (over the top when the flow also
        goes down). Returns the height used."""
        a_col = self.cols[e.source.index][-1]
        row = self.grid[e.source.index]
        used = self.side_used.get(e.source.index, 0)
        self.side_used[e.source.index] = used + 1
        y = "c" if used == 0 else ("t" if e.source.index in self.down_cols else "b")
        if y == "c":
            _run(row, "c", a_col, to_col)
            port = "e"
        elif y == "b":
            row[a_col].wires.add(_v("c", "b"))
            _run(row, "b", a_col, to_col)
            port = "s"
        else:
            row[a_col].wires.add(_v("t", "c"))
            _run(row, "t", a_col, to_col)
            port = "n"
        if e.branch:
            row[a_col].labels.append((port, e.branch))
        return y

    def pages(self, sop: Sop, count: int) -> tuple[Page, ...]:
        out = []
        for p in range(count):
            rows: list[Row] = []
            if p in self.in_rows:
                rows.append(Row(RowKind.CONNECTOR_IN, None, tuple(c.freeze() for c in self.in_rows[p])))
            for s in sop.steps:
                if self.page_of[s.index] == p:
                    rows.append(Row(RowKind.STEP, s, tuple(c.freeze() for c in self.grid[s.index])))
            if p in self.out_rows:
                rows.append(Row(RowKind.CONNECTOR_OUT, None, tuple(c.freeze() for c in self.out_rows[p])))
            out.append(Page(tuple(rows)))
        return tuple(out)


def layout_flow(sop: Sop, rows_per_page: int = 0, paper: Paper | None = None) -> FlowLayout:
    """Place every step and route every edge. Sheets break by ``paper`` (estimated
    printed heights) and after at most ``rows_per_page`` rows; with neither, one sheet."""
    page_of = paginate(sop.steps, rows_per_page, paper)
    edges = classify_edges(sop.steps, page_of)
    jumps = [e for e in edges if e.kind is EdgeKind.LANE]
    lane_of, lanes = assign_lanes(jumps)
    router = _Router(sop, page_of, edges, lanes, lane_of)
    router.place_symbols(sop)
    for e in edges:
        if e.kind is EdgeKind.NEXT_ROW:
            router.next_row(e)
        elif e.kind is EdgeKind.SHEET_BREAK:
            router.sheet_break(e)
    # jumps after the straight flow, in their original order (the side exits they take
    # depend on whether the step also goes down)
    for position, e in enumerate(jumps):
        router.lane(e, position)
    for e in edges:
        if e.kind is EdgeKind.EXIT:
            router.exit(e)
    sheets = max(page_of.values(), default=-1) + 1
    return FlowLayout(sop.pelaksana, lanes, router.exits, router.pages(sop, sheets))
