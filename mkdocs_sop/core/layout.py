"""Lay a flow out on the official flowchart table: symbols in actor columns, routed wires.

The table stays real HTML, so the drawing is made of cells: each actor cell holds at most
one symbol and a set of straight wire segments between fixed ports (top edge ``n``, top
track ``t``, centre ``c``, bottom track ``b``, bottom edge ``s``; left ``w``, centre
``c``, right ``e``). CSS places the segments, so rows may grow with their text and the
lines still meet, with no JavaScript. Routing rules, chosen so no wire crosses a symbol:

- to the next row: down from the symbol (via the bottom track when the column changes),
  into the next symbol from the top;
- any other jump (a loop back, a skip forward): out of the symbol's side along the
  centre line to a *lane* column right of the actors, along the lane, then along the
  target row's top track into the target symbol from the top;
- a flow that ends in a decision branch, continues in another SOP, or jumps to another
  printed page: out of the side to the *exit* column, which holds the off-page
  connector (lettered, or linking to the other SOP) or a small end terminator;
- at a print page split, the edge into the next page goes into a lettered connector in
  an extra row, and comes out of the same letter at the top of the next page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Sop, Step, Symbol, Target, TargetKind


@dataclass(frozen=True)
class Mark:
    """Something drawn in the exit column: an off-page connector or a small end terminator."""

    kind: str  # "connector" (lettered, same SOP), "sop" (another SOP), "end"
    text: str  # the letter, the other SOP's nomor, or the end label
    branch: str = ""  # "ya"/"tidak" when it leaves a decision
    incoming: bool = False  # a connector the flow arrives from (another page)


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
    kind: str  # "step", "connector-out" (page bottom), "connector-in" (page top)
    step: Step | None
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Page:
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class FlowLayout:
    actors: tuple[str, ...]
    lanes: int
    has_exit: bool
    pages: tuple[Page, ...]

    @property
    def columns(self) -> int:
        return len(self.actors) + self.lanes + (1 if self.has_exit else 0)


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


def _letters():
    n = 0
    while True:
        n += 1
        k, out = n, ""
        while k:
            k, r = divmod(k - 1, 26)
            out = chr(65 + r) + out
        yield out


def layout_flow(sop: Sop, rows_per_page: int = 0) -> FlowLayout:
    """Place every step and route every edge; ``rows_per_page`` 0 keeps one page."""
    actors = sop.pelaksana
    col_of = {a: i for i, a in enumerate(actors)}
    steps = sop.steps
    n = len(steps)
    per_page = rows_per_page if rows_per_page and rows_per_page < n else n
    page_of = {s.index: (s.index - 1) // per_page for s in steps}
    A = len(actors)

    cols = {s.index: sorted(col_of[a] for a in s.pelaksana) for s in steps}

    # Classify edges.
    adjacent: list[tuple[Step, str, Target]] = []  # to the next row, same page
    split: list[tuple[Step, str, Target]] = []  # to the next row, across a page split
    jumps: list[tuple[Step, str, Target]] = []  # other same-page step targets: lanes
    exits: list[tuple[Step, str, Target]] = []  # END branches, other SOPs, cross-page jumps
    for s in steps:
        for branch, t in s.targets():
            if t is None:
                continue
            if t.kind is TargetKind.STEP:
                if t.step == s.index + 1:
                    (adjacent if page_of[t.step] == page_of[s.index] else split).append((s, branch, t))
                elif page_of[t.step] == page_of[s.index]:
                    jumps.append((s, branch, t))
                else:
                    exits.append((s, branch, t))
            elif t.kind is TargetKind.SOP or (t.kind is TargetKind.END and s.decision):
                exits.append((s, branch, t))
    # A plain step ending the flow is itself a terminator: no edge to draw.

    # Lanes: interval colouring of same-page jumps, shortest first for tidy nesting.
    lane_of: dict[int, int] = {}
    occupied: list[list[tuple[int, int]]] = []
    order = sorted(range(len(jumps)), key=lambda i: (abs(jumps[i][2].step - jumps[i][0].index),
                                                      jumps[i][0].index))
    for i in order:
        s, _, t = jumps[i]
        lo, hi = sorted((s.index, t.step))
        for lane, spans in enumerate(occupied):
            if all(hi < a or lo > b for a, b in spans):
                spans.append((lo, hi))
                lane_of[i] = lane
                break
        else:
            occupied.append([(lo, hi)])
            lane_of[i] = len(occupied) - 1
    L = len(occupied)
    has_exit = bool(exits)
    X = A + L  # exit column index when present
    width = A + L + (1 if has_exit else 0)

    grid = {s.index: [_MCell() for _ in range(width)] for s in steps}
    letters = _letters()
    extra_out: dict[int, list[_MCell]] = {}  # page -> connector row at its bottom
    extra_in: dict[int, list[_MCell]] = {}  # page -> connector row at its top

    for s in steps:
        row = grid[s.index]
        sym = sop.symbol_of(s)
        for c in cols[s.index]:
            row[c].symbol = sym
        c0, c1 = cols[s.index][0], cols[s.index][-1]
        if c1 > c0:  # a multi-actor step: its symbols joined along the centre line
            row[c0].wires.add(_h("c", "c", "e"))
            row[c1].wires.add(_h("c", "w", "c"))
            for c in range(c0 + 1, c1):
                row[c].wires.add(_h("c", "w", "e"))

    def nearest(options: list[int], to: int) -> int:
        return min(options, key=lambda c: (abs(c - to), c))

    def run_horizontal(row: list[_MCell], y: str, a: int, b: int) -> None:
        """Centre of column a to centre of column b along height y."""
        if a == b:
            return
        lo, hi = sorted((a, b))
        row[lo].wires.add(_h(y, "c", "e"))
        row[hi].wires.add(_h(y, "w", "c"))
        for c in range(lo + 1, hi):
            row[c].wires.add(_h(y, "w", "e"))

    # Edges to the next row on the same page.
    for s, branch, t in adjacent:
        b_col = nearest(cols[t.step], cols[s.index][0])
        a_col = nearest(cols[s.index], b_col)
        src, dst = grid[s.index], grid[t.step]
        if branch:
            src[a_col].labels.append(("s", branch))
        if a_col == b_col:
            src[a_col].wires.add(_v("c", "s"))
        else:
            src[a_col].wires.add(_v("c", "b"))
            run_horizontal(src, "b", a_col, b_col)
            src[b_col].wires.add(_v("b", "s"))
        dst[b_col].wires.add(_v("n", "c"))
        dst[b_col].arrows.add("n")

    # Edges to the next row across a page split: a lettered connector pair.
    for s, branch, t in split:
        letter = next(letters)
        p_src, p_dst = page_of[s.index], page_of[t.step]
        a_col = nearest(cols[s.index], cols[t.step][0])
        b_col = nearest(cols[t.step], a_col)
        grid[s.index][a_col].wires.add(_v("c", "s"))
        if branch:
            grid[s.index][a_col].labels.append(("s", branch))
        out_row = extra_out.setdefault(p_src, [_MCell() for _ in range(width)])
        out_row[a_col].symbol, out_row[a_col].letter = Symbol.CONNECTOR, letter
        out_row[a_col].wires.add(_v("n", "c"))
        out_row[a_col].arrows.add("n")
        in_row = extra_in.setdefault(p_dst, [_MCell() for _ in range(width)])
        in_row[b_col].symbol, in_row[b_col].letter = Symbol.CONNECTOR, letter
        in_row[b_col].wires.add(_v("c", "s"))
        grid[t.step][b_col].wires.add(_v("n", "c"))
        grid[t.step][b_col].arrows.add("n")

    # Side exits: the first leaves along the centre line, a second along the bottom track.
    side_used: dict[int, int] = {}

    def side_exit(s: Step, branch: str, to_col: int) -> str:
        """Wire from the step's rightmost symbol to column ``to_col``; returns the height used."""
        a_col = cols[s.index][-1]
        row = grid[s.index]
        used = side_used.get(s.index, 0)
        side_used[s.index] = used + 1
        goes_down = any(e[0] is s for e in adjacent) or any(e[0] is s for e in split)
        y = "c" if used == 0 else ("t" if goes_down else "b")
        if y == "c":
            run_horizontal(row, "c", a_col, to_col)
            if branch:
                row[a_col].labels.append(("e", branch))
        elif y == "b":
            row[a_col].wires.add(_v("c", "b"))
            run_horizontal(row, "b", a_col, to_col)
            if branch:
                row[a_col].labels.append(("s", branch))
        else:  # a third exit (rare): over the top of the symbol
            row[a_col].wires.add(_v("t", "c"))
            run_horizontal(row, "t", a_col, to_col)
            if branch:
                row[a_col].labels.append(("n", branch))
        return y

    for i, (s, branch, t) in enumerate(jumps):
        lane = A + lane_of[i]
        y = side_exit(s, branch, lane)
        down = t.step > s.index
        b_col = cols[t.step][-1]
        dst = grid[t.step]
        if t.step == s.index:  # a step that loops on itself: up the lane to its own top track
            dst[lane].wires.add(_v(y, "t"))
        else:
            grid[s.index][lane].wires.add(_v(y, "s" if down else "n"))
            lo, hi = sorted((s.index, t.step))
            for r in range(lo + 1, hi):
                grid[r][lane].wires.add(_v("n", "s"))
            dst[lane].wires.add(_v("n" if down else "s", "t"))
        run_horizontal(dst, "t", b_col, lane)
        dst[b_col].wires.add(_v("t", "c"))
        dst[b_col].arrows.add("n")

    for s, branch, t in exits:
        y = side_exit(s, branch, X)
        cell = grid[s.index][X]
        cell.wires.add(_v(y, "c") if y != "c" else _h("c", "w", "c"))
        if t.kind is TargetKind.END:
            cell.marks.append(Mark("end", "", branch))
        elif t.kind is TargetKind.SOP:
            cell.marks.append(Mark("sop", t.sop, branch))
        else:  # a jump to another printed page: a lettered pair in the exit column
            letter = next(letters)
            cell.marks.append(Mark("connector", letter, branch))
            dst = grid[t.step]
            dst[X].marks.append(Mark("connector", letter, "", incoming=True))
            dst[X].wires.add(_v("t", "c"))
            b_col = cols[t.step][-1]
            run_horizontal(dst, "t", b_col, X)
            dst[b_col].wires.add(_v("t", "c"))
            dst[b_col].arrows.add("n")
        if y == "c":
            cell.arrows.add("w")

    pages = []
    for p in range(page_of[n] + 1):
        rows: list[Row] = []
        if p in extra_in:
            rows.append(Row("connector-in", None, tuple(c.freeze() for c in extra_in[p])))
        for s in steps:
            if page_of[s.index] == p:
                rows.append(Row("step", s, tuple(c.freeze() for c in grid[s.index])))
        if p in extra_out:
            rows.append(Row("connector-out", None, tuple(c.freeze() for c in extra_out[p])))
        pages.append(Page(tuple(rows)))
    return FlowLayout(actors, L, has_exit, tuple(pages))
