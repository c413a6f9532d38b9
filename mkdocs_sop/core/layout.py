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
3. :func:`route_edges` — one :class:`_Router` method per kind of edge, each line placed
   so it touches no other line (a :class:`_Plane` of unit steps between ports knows who
   owns what): no two lines cross, share a track, or run into each other's path, and
   no line passes through a symbol. Lines into the same target may merge in its row.

   - ``NEXT_ROW``: down from the symbol (via the bottom track when the column changes),
     into the next symbol from the top;
   - ``SHEET_BREAK``: the same edge where a sheet ends: into a lettered connector in an
     extra row at the foot of the sheet, out of the same letter at the top of the next;
   - ``EXIT``: a flow that ends in a decision branch, continues in another SOP, or jumps
     to another sheet: out of the side to the *exit* column, which holds the off-page
     connector (lettered, or linking to the other SOP) or a small end terminator;
   - ``LANE``: a jump within the sheet: out of the symbol's side to a routing lane right
     of the actors, along it, then along the target row's top track into the target
     from above (or into its side). Lanes are tracks per overlapping row interval,
     shortest jump first so short loops nest inside long ones (interval colouring, up
     to :data:`MAX_LANES`). A jump that no lane can take without touching another line
     (overlapping loops that would have to cross) becomes a lettered pair of
     connectors on the same sheet, drawn like an ``EXIT``, and the flow is routed again.

   Exits are placed before lanes, so lanes keep clear of them. A side exit never leaves
   a multi-actor step along its join (it would read as the join running on); only when a
   crowded step has no other way out does it, and :attr:`FlowLayout.compromises` counts it.
4. :meth:`_Router.freeze` — the sheets, without the lanes no line used.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
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


class ColumnKind(str, Enum):
    ACTOR = "actor"  # an actor's column: symbols
    EXIT = "exit"  # marks: off-page connectors, other SOPs, small end terminators
    LANE = "lane"  # a routing lane (or the gutter between the actors and the exit marks)


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
    arrows: tuple[str, ...] = ()  # into the symbol: "n" from above, "e" from its right; "w": into an exit mark
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
    # lines that could not be kept clear of the others (drawn over them, or running on from
    # a multi-actor join): 0 but for crowded multi-actor steps
    compromises: int = 0
    # left to right: the actors, then (when there are marks) a gutter and the exit
    # columns, then the routing lanes
    kinds: tuple[ColumnKind, ...] = ()

    @property
    def has_exit(self) -> bool:
        return self.exits > 0

    @property
    def columns(self) -> int:
        return len(self.kinds)


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


# --- phase 3: routing --------------------------------------------------------------------
#
# Every line is placed as a set of wires (the cell-level names the CSS draws) and, to keep
# lines apart, as unit steps between neighbouring ports on a plane: x = 2 * column + (w 0,
# c 1, e 2), y = 4 * slot + (n 0, t 1, c 2, b 3, s 4), where each drawn row has a slot.
# A line may share a point or a step only with its own edge, or with another edge into
# the same target inside the target's row (lines merging into one arrowhead). Nothing
# may pass through a symbol, and a side exit never continues a multi-actor join.

MAX_LANES = 4  # routing lanes right of the actors before a jump becomes a lettered pair

_Y_ORDER = "ntcbs"
_X_ORDER = "wce"
_SIDE_PORT = {"c": "e", "b": "s", "t": "n"}  # where a branch label sits for each side exit

Point = tuple[int, int]


def _v(y1: str, y2: str) -> str:
    """A vertical wire between two heights, named top to bottom (``v-nc``)."""
    a, b = sorted((y1, y2), key=_Y_ORDER.index)
    return f"v-{a}{b}"


def _h(y: str, x1: str, x2: str) -> str:
    """A horizontal wire at height ``y`` between two x ports, named left to right (``hc-ce``)."""
    a, b = sorted((x1, x2), key=_X_ORDER.index)
    return f"h{y}-{a}{b}"


@lru_cache(maxsize=4096)
def _units(slot: int, col: int, wire: str) -> tuple[tuple[Point, Point], ...]:
    """The unit steps a wire covers on the plane."""
    if wire.startswith("v-"):
        x = 2 * col + 1
        top, bottom = 4 * slot + _Y_ORDER.index(wire[2]), 4 * slot + _Y_ORDER.index(wire[3])
        return tuple(((x, y), (x, y + 1)) for y in range(top, bottom))
    y = 4 * slot + _Y_ORDER.index(wire[1])
    left, right = 2 * col + _X_ORDER.index(wire[3]), 2 * col + _X_ORDER.index(wire[4])
    return tuple(((x, y), (x + 1, y)) for x in range(left, right))


def _centre(slot: int, col: int) -> Point:
    return (2 * col + 1, 4 * slot + 2)


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


def _run(y: str, a: int, b: int) -> list[tuple[int, str]]:
    """(column, wire) of a horizontal line at height ``y`` from the centre of column a to
    that of column b."""
    if a == b:
        return []
    lo, hi = sorted((a, b))
    return [(lo, _h(y, "c", "e")), (hi, _h(y, "w", "c"))] + [(c, _h(y, "w", "e")) for c in range(lo + 1, hi)]


def _nearest(options: list[int], to: int) -> int:
    return min(options, key=lambda c: (abs(c - to), c))


@dataclass(frozen=True)
class _Owner:
    """Who a wire belongs to: its edge (source and target) and the slot of its target row."""

    edge: tuple
    target: object
    target_slot: int

    def may_share(self, other: "_Owner", slot: int) -> bool:
        return self.edge == other.edge or (self.target == other.target and slot == self.target_slot)


@dataclass
class _Route:
    """One line, ready to be placed: its wires and what it adds to the cells."""

    owner: _Owner
    wires: list[tuple[int, int, str]] = field(default_factory=list)  # (slot, column, wire)
    ends: tuple[Point, ...] = ()  # the symbol or mark centres it starts and ends at
    side_start: Point | None = None  # the centre it leaves eastward from, if it does
    arrows: list[tuple[int, int, str]] = field(default_factory=list)
    labels: list[tuple[int, int, str, str]] = field(default_factory=list)  # slot, col, port, branch


@dataclass
class _MCell:
    wires: set = field(default_factory=set)
    symbol: Symbol | None = None
    letter: str = ""
    arrows: set = field(default_factory=set)
    labels: list = field(default_factory=list)  # (order, port, branch)
    marks: list = field(default_factory=list)

    def freeze(self) -> Cell:
        return Cell(tuple(sorted(self.wires)), self.symbol, self.letter, tuple(sorted(self.arrows)),
                    tuple((port, branch) for _, port, branch in sorted(self.labels, key=lambda x: x[0])),
                    tuple(self.marks))


_EMPTY = Cell()


class _Cells(dict):
    """One row's cells by column, each made when something is drawn in it."""

    def __missing__(self, col: int) -> _MCell:
        cell = self[col] = _MCell()
        return cell


class _Plane:
    """What is drawn so far, as unit steps with their owners: the test a new line must pass."""

    def __init__(self) -> None:
        self.step_owner: dict[tuple[Point, Point], _Owner] = {}
        self.point_owners: dict[Point, set[_Owner]] = {}
        self.symbols: set[Point] = set()  # centres of symbols and marks: lines end there
        self.joins: set[tuple[Point, Point]] = set()

    def fits(self, route: _Route, strict: bool = True) -> bool:
        """True when the route touches no line but its own edge's, or another line into
        the same target within the target's row (``_Owner.may_share``, inlined: this is
        the layout's inner loop), and passes through no symbol."""
        edge, target, target_slot = route.owner.edge, route.owner.target, route.owner.target_slot
        for slot, col, wire in route.wires:
            for step in _units(slot, col, wire):
                if step in self.joins:
                    return False
                other = self.step_owner.get(step)
                if other is not None and other.edge != edge and not (other.target == target and slot == target_slot):
                    return False
                for point in step:
                    if point in self.symbols:
                        if point not in route.ends:
                            return False  # through a symbol
                        continue
                    owners = self.point_owners.get(point)
                    if owners:
                        here = point[1] // 4
                        for o in owners:
                            if o.edge != edge and not (o.target == target and here == target_slot):
                                return False
        if strict and route.side_start is not None:
            x, y = route.side_start
            if ((x - 1, y), (x, y)) in self.joins:
                return False  # would run on from a multi-actor join
        return True

    def place(self, route: _Route) -> None:
        for slot, col, wire in route.wires:
            for step in _units(slot, col, wire):
                self.step_owner.setdefault(step, route.owner)
                for point in step:
                    self.point_owners.setdefault(point, set()).add(route.owner)

    def place_join(self, slot: int, col: int, wire: str) -> None:
        self.joins.update(_units(slot, col, wire))


class _Router:
    """The cells being drawn, the plane that keeps lines apart, and one method per kind
    of edge. ``connectors`` are the jumps drawn as lettered pairs instead of in a lane."""

    def __init__(self, sop: Sop, page_of: dict[int, int], edges: list[Edge], connectors: set[int],
                 relaxed: frozenset[int] = frozenset()) -> None:
        self.sop, self.edges, self.page_of = sop, edges, page_of
        self.relaxed = relaxed  # crowded steps whose side exits may run on from their join
        self.connectors = connectors
        col_of = {a: i for i, a in enumerate(sop.pelaksana)}
        self.cols = {s.index: sorted(col_of[a] for a in s.pelaksana) for s in sop.steps}
        self.actors = len(sop.pelaksana)
        # columns: the actors, a gutter, the exit column (and the arriving connectors'
        # column), then the lanes, so no line to a mark ever crosses a lane
        self.exit_col = self.actors + 1
        leaving = [e for i, e in enumerate(edges) if e.kind is EdgeKind.EXIT or i in connectors]
        # A row that both leaves by the exit column and is arrived at by a connector would
        # stack both marks in one cell, and the arriving wire would run through the leaving
        # mark: arriving connectors then get a column of their own, right of it.
        arriving = {e.target.step for e in leaving if e.target.kind is TargetKind.STEP}
        self.shared = bool(arriving & {e.source.index for e in leaving})
        self.in_col = self.exit_col + 1 if self.shared else self.exit_col
        self.exits = (1 if leaving else 0) + (1 if self.shared else 0)
        self.lane_base = self.exit_col + 2
        self.width = self.lane_base + MAX_LANES
        self.slot, self.in_slot, self.out_slot = self._slots(sop)
        self.cells: dict[int, _Cells] = defaultdict(_Cells)  # slot -> its cells, made when drawn in
        self.plane = _Plane()
        self.letters = _letters()
        self.side_order = self._side_order()
        self.sideways = {e.source.index for e in edges if e.kind in (EdgeKind.LANE, EdgeKind.EXIT)}
        self.tangles = 0  # lines that found no way clear of the others (drawn over them)
        self.tangled: set[int] = set()  # the crowded steps where that happened
        self.run_ons = 0  # side exits that continue a multi-actor join

    # -- the plane's rows ---------------------------------------------------------------

    def _slots(self, sop: Sop) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
        """Each sheet: a slot for the connector row at its top, one per step, one for the
        connector row at its foot, and a gap, so sheets never touch on the plane."""
        slot, in_slot, out_slot, y, page = {}, {}, {}, 0, -1
        for s in sop.steps:
            if self.page_of[s.index] != page:
                if page >= 0:
                    out_slot[page], y = y, y + 2
                page = self.page_of[s.index]
                in_slot[page], y = y, y + 1
            slot[s.index], y = y, y + 1
        if page >= 0:
            out_slot[page] = y
        return slot, in_slot, out_slot

    def _side_order(self) -> dict[int, int]:
        """Which side exit each edge prefers (0: the centre line, 1: a track): flows leaving
        by the exit column first (it is the nearer: a line to a lane passes under or over
        its marks), then jumps, in the order written."""
        order: dict[int, int] = {}
        used: dict[int, int] = {}
        sideways = [i for i, e in enumerate(self.edges) if e.kind is EdgeKind.EXIT or i in self.connectors]
        sideways += [i for i, e in enumerate(self.edges) if e.kind is EdgeKind.LANE and i not in self.connectors]
        for i in sideways:
            source = self.edges[i].source.index
            order[i] = used.get(source, 0)
            used[source] = order[i] + 1
        return order

    def _owner(self, position: int) -> _Owner:
        e = self.edges[position]
        target = (e.target.kind, e.target.step, e.target.sop)
        slot = self.slot[e.target.step] if e.target.kind is TargetKind.STEP else -1
        return _Owner((e.source.index, target, e.branch if e.target.kind is not TargetKind.STEP else ""),
                      target, slot)

    def _apply(self, route: _Route, order: tuple[int, int]) -> None:
        self.plane.place(route)
        for slot, col, wire in route.wires:
            self.cells[slot][col].wires.add(wire)
        for slot, col, arrow in route.arrows:
            self.cells[slot][col].arrows.add(arrow)
        for slot, col, port, branch in route.labels:
            self.cells[slot][col].labels.append((order, port, branch))

    # -- symbols ------------------------------------------------------------------------

    def place_symbols(self) -> None:
        """Each step's symbol in each of its actors' columns; a multi-actor step's symbols
        joined along the centre line."""
        for s in self.sop.steps:
            slot, cols = self.slot[s.index], self.cols[s.index]
            for c in cols:
                self.cells[slot][c].symbol = self.sop.symbol_of(s)
                self.plane.symbols.add(_centre(slot, c))
            for col, wire in _run("c", cols[0], cols[-1]):
                self.cells[slot][col].wires.add(wire)
                self.plane.place_join(slot, col, wire)

    # -- straight down ------------------------------------------------------------------

    def next_row(self, position: int) -> None:
        """Down from the symbol (along the bottom track when the column changes), into the
        next symbol from the top."""
        e = self.edges[position]
        into = self.cols[e.target.step]
        if len(into) > 1 and e.target.step in self.sideways:
            into = into[:-1]  # keep the top of its rightmost symbol for a way out over the top
        b_col = _nearest(into, self.cols[e.source.index][0])
        a_col = _nearest(self.cols[e.source.index], b_col)
        src, dst = self.slot[e.source.index], self.slot[e.target.step]
        route = _Route(self._owner(position), ends=(_centre(src, a_col), _centre(dst, b_col)))
        if e.branch:
            route.labels.append((src, a_col, "s", e.branch))
        if a_col == b_col:
            route.wires.append((src, a_col, _v("c", "s")))
        else:
            route.wires += [(src, a_col, _v("c", "b")), (src, b_col, _v("b", "s"))]
            route.wires += [(src, c, w) for c, w in _run("b", a_col, b_col)]
        self._enter_from_top(route, dst, b_col, "n")
        self._apply(route, (0, position))

    def sheet_break(self, position: int) -> None:
        """Into a lettered connector at the foot of the sheet, out of the same letter at
        the top of the next."""
        e = self.edges[position]
        letter = next(self.letters)
        a_col = _nearest(self.cols[e.source.index], self.cols[e.target.step][0])
        b_col = _nearest(self.cols[e.target.step], a_col)
        src, dst = self.slot[e.source.index], self.slot[e.target.step]
        out_slot, in_slot = self.out_slot[self.page_of[e.source.index]], self.in_slot[self.page_of[e.target.step]]
        for slot, col in ((out_slot, a_col), (in_slot, b_col)):
            self.cells[slot][col].symbol, self.cells[slot][col].letter = Symbol.CONNECTOR, letter
            self.plane.symbols.add(_centre(slot, col))
        owner = self._owner(position)
        route = _Route(owner, [(src, a_col, _v("c", "s"))], ends=(_centre(src, a_col), _centre(out_slot, a_col)))
        if e.branch:
            route.labels.append((src, a_col, "s", e.branch))
        self._enter_from_top(route, out_slot, a_col, "n")
        self._apply(route, (0, position))
        route = _Route(owner, [(in_slot, b_col, _v("c", "s"))], ends=(_centre(in_slot, b_col), _centre(dst, b_col)))
        self._enter_from_top(route, dst, b_col, "n")
        self._apply(route, (0, position))

    # -- sideways -----------------------------------------------------------------------

    def _side_exits(self, position: int, to_col: int) -> Iterator[tuple[str, _Route]]:
        """Ways out of the source step to column ``to_col``, the preferred first: along the
        centre line from the rightmost symbol, or along the bottom or top track from any
        of its symbols (rightmost first)."""
        e = self.edges[position]
        slot, cols = self.slot[e.source.index], self.cols[e.source.index]
        heights = ["c", "b", "t"]
        if self.side_order[position]:
            heights = ["b", "t", "c"]
        for y in heights:
            for a_col in ([cols[-1]] if y == "c" else reversed(cols)):
                route = _Route(self._owner(position), ends=(_centre(slot, a_col),))
                route.wires += [(slot, c, w) for c, w in _run(y, a_col, to_col)]
                if y == "c":
                    route.side_start = _centre(slot, a_col)
                else:
                    route.wires.append((slot, a_col, _v(y, "c")))
                if e.branch:
                    route.labels.append((slot, a_col, _SIDE_PORT[y], e.branch))
                yield y, route

    def _arrivals(self, position: int, from_col: int, from_y: str) -> Iterator[tuple[str, _Route]]:
        """Along the target row's top track into one of its symbols from above (the
        rightmost first); failing those, along the centre line into the rightmost symbol's
        side. ``from_y`` is where the line stands in ``from_col``."""
        e = self.edges[position]
        slot, cols = self.slot[e.target.step], self.cols[e.target.step]
        for y, b_col in [("t", c) for c in reversed(cols)] + [("c", cols[-1])]:
            if y == from_y == "c" and from_col == b_col:
                continue
            route = _Route(self._owner(position), ends=(_centre(slot, b_col),))
            route.wires += [(slot, c, w) for c, w in _run(y, b_col, from_col)]
            if from_y != y:
                route.wires.append((slot, from_col, _v(from_y, y)))
            if y == "t":
                self._enter_from_top(route, slot, b_col, "t")
            else:
                route.arrows.append((slot, b_col, "e"))
            yield y, route

    def lane(self, position: int) -> bool:
        """Out of the symbol's side to a lane, along the lane, along the target row's top
        track into the target from above (or into its side); the innermost lane where the
        line touches no other. False when no lane is free of other lines."""
        strict = self.edges[position].source.index not in self.relaxed
        for route in self._lane_routes(position):
            if self.plane.fits(route, strict):
                self.run_ons += not self.plane.fits(route, True)
                self._apply(route, (1, position))
                return True
        return False

    def _lane_routes(self, position: int) -> Iterator[_Route]:
        """Every way through a lane, the preferred first: inner lanes, then the side exits
        and arrivals in their order of preference."""
        e = self.edges[position]
        s, t = e.source.index, e.target.step
        for lane in range(MAX_LANES):
            col = self.lane_base + lane
            for y, out in self._side_exits(position, col):
                along = []
                if t != s:
                    down = t > s
                    along.append((self.slot[s], col, _v(y, "s" if down else "n")))
                    lo, hi = sorted((self.slot[s], self.slot[t]))
                    along += [(r, col, _v("n", "s")) for r in range(lo + 1, hi)]
                    into_y = "n" if down else "s"
                else:
                    into_y = y
                for back_y, arrive in self._arrivals(position, col, into_y):
                    if t == s and back_y == y:
                        continue  # a loop on itself: out and back on one track
                    yield _Route(out.owner, out.wires + along + arrive.wires, out.ends + arrive.ends,
                                 out.side_start, arrive.arrows, out.labels)

    def exit(self, position: int) -> None:
        """Out of the side to the exit column: a small end terminator, the other SOP's
        connector, or a lettered connector whose pair sits where the flow arrives."""
        e = self.edges[position]
        slot = self.slot[e.source.index]
        mark_at = _centre(slot, self.exit_col)
        self.plane.symbols.add(mark_at)
        options = list(self._side_exits(position, self.exit_col))
        for _, option in options:  # the line into the mark is not the line out of its pair
            option.owner = _Owner(option.owner.edge + ("out",), ("mark", position), -1)
        y, route = self._choose(options, mark_at, e.source.index)
        cell = self.cells[slot][self.exit_col]
        if y != "c":
            route.wires.append((slot, self.exit_col, _v(y, "c")))
        else:
            route.arrows.append((slot, self.exit_col, "w"))
        self._apply(route, (2, position))
        if e.target.kind is TargetKind.END:
            cell.marks.append(Mark(MarkKind.END, "", e.branch))
        elif e.target.kind is TargetKind.SOP:
            cell.marks.append(Mark(MarkKind.SOP, e.target.sop, e.branch))
        else:
            letter = next(self.letters)
            cell.marks.append(Mark(MarkKind.CONNECTOR, letter, e.branch))
            self._arrive_by_connector(position, letter)

    def _arrive_by_connector(self, position: int, letter: str) -> None:
        """The letter's pair in the target row, and a line from it into the target."""
        e = self.edges[position]
        slot = self.slot[e.target.step]
        mark_at = _centre(slot, self.in_col)
        self.plane.symbols.add(mark_at)
        self.cells[slot][self.in_col].marks.append(Mark(MarkKind.CONNECTOR, letter, "", incoming=True))
        options = []
        for y, arrive in self._arrivals(position, self.in_col, "c"):
            arrive.ends += (mark_at,)
            options.append((y, arrive))
        self._apply(self._choose(options, mark_at, e.target.step)[1], (2, position))

    def _choose(self, options: list[tuple[str, _Route]], mark_at: Point, step: int) -> tuple[str, _Route]:
        """The first way that keeps clear of every other line; failing that, the first that
        only runs on from a join; failing that (lines drawn over each other: counted, with
        the crowded ``step``), the preferred one."""
        for route in (r for _, r in options):
            route.ends += (mark_at,)
        for strict in (False,) if step in self.relaxed else (True, False):
            for y, route in options:
                if self.plane.fits(route, strict):
                    self.run_ons += not self.plane.fits(route, True)
                    return y, route
        self.tangles += 1
        self.tangled.add(step)
        return options[0]

    def _enter_from_top(self, route: _Route, slot: int, col: int, port: str) -> None:
        route.wires.append((slot, col, _v(port, "c")))
        route.arrows.append((slot, col, "n"))

    # -- all of it ----------------------------------------------------------------------

    def route(self) -> list[int]:
        """Draw every edge; return the jumps no lane could take."""
        self.place_symbols()
        for i, e in enumerate(self.edges):
            if e.kind is EdgeKind.NEXT_ROW:
                self.next_row(i)
            elif e.kind is EdgeKind.SHEET_BREAK:
                self.sheet_break(i)
        for i, e in enumerate(self.edges):
            if e.kind is EdgeKind.EXIT or i in self.connectors:
                self.exit(i)
        jumps = [i for i, e in enumerate(self.edges) if e.kind is EdgeKind.LANE and i not in self.connectors]
        # shortest first, so short loops nest inside long ones
        jumps.sort(key=lambda i: (abs(self.edges[i].target.step - self.edges[i].source.index),
                                  self.edges[i].source.index))
        return [i for i in jumps if not self.lane(i)]

    def freeze(self) -> tuple[tuple[ColumnKind, ...], tuple[Page, ...]]:
        """The kinds of the columns kept (those no line needs are left out), and the sheets."""
        used_lanes = [c for c in range(self.lane_base, self.width)
                      if any(w.startswith("v-") for cells in self.cells.values() if c in cells for w in cells[c].wires)]
        # the gutter keeps a branch label beside a symbol clear of the exit marks
        exits = [self.actors, self.exit_col, self.in_col][:1 + self.exits] if self.exits else []
        keep = list(range(self.actors)) + exits + used_lanes
        kinds = ((ColumnKind.ACTOR,) * self.actors + (ColumnKind.LANE,) * bool(exits)
                 + (ColumnKind.EXIT,) * self.exits + (ColumnKind.LANE,) * len(used_lanes))
        pages = []
        for p in range(max(self.page_of.values(), default=-1) + 1):
            rows: list[Row] = []
            if any(cell.symbol for cell in self.cells[self.in_slot[p]].values()):
                rows.append(self._row(RowKind.CONNECTOR_IN, None, self.in_slot[p], keep))
            rows += [self._row(RowKind.STEP, s, self.slot[s.index], keep)
                     for s in self.sop.steps if self.page_of[s.index] == p]
            if any(cell.symbol for cell in self.cells[self.out_slot[p]].values()):
                rows.append(self._row(RowKind.CONNECTOR_OUT, None, self.out_slot[p], keep))
            pages.append(Page(tuple(rows)))
        return kinds, tuple(pages)

    def _row(self, kind: RowKind, step: Step | None, slot: int, keep: list[int]) -> Row:
        cells = self.cells[slot]
        return Row(kind, step, tuple(cells[c].freeze() if c in cells else _EMPTY for c in keep))


def route_edges(sop: Sop, page_of: dict[int, int], edges: list[Edge]) -> _Router:
    """Route every edge; a jump that finds no lane free of other lines becomes a lettered
    pair in the exit column, and the rest are routed again around it. When a crowded
    multi-actor step leaves no way clear, its side exits may continue its join instead
    (one line running on beats two drawn over each other)."""
    best, relaxed = None, frozenset()
    for _ in range(3):
        connectors: set[int] = set()
        while True:
            router = _Router(sop, page_of, edges, connectors, relaxed)
            failed = router.route()
            if not failed:
                break
            connectors |= set(failed)
        if best is None or (router.tangles, router.run_ons) < (best.tangles, best.run_ons):
            best = router
        if not router.tangles or router.tangled <= relaxed:
            break
        # the crowded steps leave along their join from the start, so the ways over
        # their tops stay free for the lines arriving there
        relaxed |= router.tangled
    return best


def layout_flow(sop: Sop, rows_per_page: int = 0, paper: Paper | None = None) -> FlowLayout:
    """Place every step and route every edge. Sheets break by ``paper`` (estimated
    printed heights) and after at most ``rows_per_page`` rows; with neither, one sheet."""
    page_of = paginate(sop.steps, rows_per_page, paper)
    edges = classify_edges(sop.steps, page_of)
    router = route_edges(sop, page_of, edges)
    kinds, pages = router.freeze()
    lanes = sum(kind is ColumnKind.LANE for kind in kinds)
    return FlowLayout(sop.pelaksana, lanes, router.exits, pages, router.tangles + router.run_ons, kinds)
