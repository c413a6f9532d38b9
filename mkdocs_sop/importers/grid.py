"""What a reader hands the importer: table grids with merged cells, and the shapes drawn on them.

Both readers (Word, Excel) turn their file into the same picture: a :class:`Grid` of
cells (a merged cell is one :class:`Cell` covering several grid positions), the edges of
its columns and rows in EMU (English Metric Units, the unit of both formats' drawing
XML), and the :class:`Shape` objects drawn over it in that same coordinate frame. Every
later step (finding the identity and flowchart tables, placing symbols in actor columns,
following connectors) works on this picture only, so it is written once for both formats.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from enum import Enum

from ..core.model import Symbol

EMU_PER_TWIP = 635
EMU_PER_POINT = 12700
EMU_PER_PIXEL = 9525
# How far (EMU, about 3 mm) a connector's end may be from a symbol and still touch it.
TOUCH = 115_000
# How far (EMU, about 15 mm) a "Ya"/"Tidak" label may be from the line it names.
LABEL_REACH = 550_000


@dataclass(frozen=True)
class Cell:
    """One (possibly merged) table cell: its text as paragraphs, where it starts and how far it spans."""

    row: int
    col: int
    paragraphs: tuple[str, ...] = ()
    rowspan: int = 1
    colspan: int = 1
    picture: bool = False  # holds an image (the logo)

    @property
    def text(self) -> str:
        return "\n".join(p for p in self.paragraphs if p.strip()).strip()

    @property
    def flat(self) -> str:
        """The text on one line (paragraph breaks inside a cell are usually just wrapping)."""
        return " ".join(" ".join(p.split()) for p in self.paragraphs if p.strip())


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def centre(self) -> Point:
        return Point((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)

    def distance(self, p: Point) -> float:
        """0 inside the box, else the distance to its edge."""
        dx = max(self.x0 - p.x, 0.0, p.x - self.x1)
        dy = max(self.y0 - p.y, 0.0, p.y - self.y1)
        return math.hypot(dx, dy)


class ShapeKind(str, Enum):
    SYMBOL = "symbol"  # one of the regulation's symbols, or a figure read as one
    LINE = "line"  # an arrow or connector
    LABEL = "label"  # a text box without a border ("Ya", "Tidak")
    OTHER = "other"  # a picture, or a figure the importer does not know


@dataclass(frozen=True)
class Shape:
    """One drawn shape, placed in its grid's frame (EMU from the table's top-left corner).

    ``frame`` is ``"table"`` when the vertical position is known relative to the table; a
    shape positioned against the page keeps its page coordinates (``"page"``) and is only
    compared with shapes of the same frame, and its row is that of its anchor cell.
    """

    kind: ShapeKind
    box: Box
    geometry: str = ""  # the preset name as written (flowChartDecision), or a VML shape type
    symbol: Symbol | None = None
    text: str = ""
    start: Point | None = None  # lines: where the path starts and ends (flips applied)
    end: Point | None = None
    arrow_start: bool = False
    arrow_end: bool = False
    shape_id: str = ""  # id inside its group or canvas (connections name these)
    group: str = ""  # the group or canvas it belongs to ("" for a lone shape)
    start_link: str = ""  # stCxn / endCxn: the shape ids the connector is glued to
    end_link: str = ""
    frame: str = "table"
    anchor_row: int = -1  # the row of the cell it is anchored in (-1: not in a cell)
    anchor_col: int = -1
    source: str = "drawingml"  # drawingml, vml, xlsx: for the review report
    guessed_symbol: bool = False  # a figure read as a symbol (rect as process, ellipse as terminator)


@dataclass
class Grid:
    """One table (Word) or sheet (Excel): its cells, column and row edges, and shapes."""

    name: str  # how the review report names it: "tabel 2", "lembar SOP-1"
    cells: list[list[Cell | None]]  # [row][col]: the cell covering that position
    col_edges: list[float]  # len = columns + 1, EMU
    row_edges: list[float]  # len = rows + 1, EMU
    shapes: list[Shape] = field(default_factory=list)
    heights_estimated: bool = False  # Word rows without a fixed height: their edges are estimates

    @property
    def n_rows(self) -> int:
        return len(self.cells)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.cells), default=0)

    def at(self, row: int, col: int) -> Cell | None:
        if 0 <= row < len(self.cells) and 0 <= col < len(self.cells[row]):
            return self.cells[row][col]
        return None

    def row_cells(self, row: int) -> list[Cell]:
        """The distinct cells of a row, left to right, including those merged from above."""
        out: list[Cell] = []
        for cell in self.cells[row] if 0 <= row < len(self.cells) else ():
            if cell is not None and (not out or out[-1] is not cell):
                out.append(cell)
        return out

    def column_at(self, x: float) -> int:
        """The grid column holding x (clamped to the table)."""
        return _band(self.col_edges, x)

    def row_at(self, y: float) -> int:
        return _band(self.row_edges, y)

    def place(self, shape: Shape) -> tuple[int, int]:
        """(row, column) of a shape's centre; the anchor's row when its frame is the page."""
        centre = shape.box.centre
        col = self.column_at(centre.x)
        row = self.row_at(centre.y) if shape.frame == "table" else shape.anchor_row
        return row, col


def _band(edges: list[float], value: float) -> int:
    if len(edges) < 2:
        return 0
    i = bisect.bisect_right(edges, value) - 1
    return min(max(i, 0), len(edges) - 2)


def segment_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b.x - a.x, b.y - a.y
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length))
    return math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))


def path_distance(p: Point, start: Point, end: Point) -> float:
    """Distance from p to a connector: straight, or either elbow between its two ends."""
    elbow_a, elbow_b = Point(end.x, start.y), Point(start.x, end.y)
    return min(segment_distance(p, start, end),
               min(segment_distance(p, start, elbow_a), segment_distance(p, elbow_a, end)),
               min(segment_distance(p, start, elbow_b), segment_distance(p, elbow_b, end)))


@dataclass
class SourceDocument:
    """What a reader found in one file: its tables in order, and shapes it could not place."""

    grids: list[Grid]
    loose_shapes: int = 0  # shapes outside every table (on a cover page, or placed against the page)
