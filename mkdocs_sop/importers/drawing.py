"""Reading drawn shapes: DrawingML (Word and Excel) and VML (older Word), with a real XML parser.

Both formats describe a shape by a preset geometry name (``flowChartDecision``) or a VML
shape type (``#_x0000_t110``), a box, a line style with arrow heads and an optional text
body. This module turns one such element into the kind, symbol, text and line ends the
importer needs; where the element sits (cell, group, page) is the reader's business.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Symbol
from .grid import EMU_PER_POINT, Box, Point, ShapeKind

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}


def q(name: str) -> str:
    """``"w:tc"`` -> ``"{namespace}tc"`` (Clark notation for lxml/ElementTree)."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


# Preset geometries (ECMA-376 ST_ShapeType) and what they are in an SOP. The second
# element says whether the reading is a guess (a plain rectangle drawn for a process).
PRESETS: dict[str, tuple[Symbol, bool]] = {
    "flowChartTerminator": (Symbol.TERMINATOR, False),
    "flowChartAlternateProcess": (Symbol.TERMINATOR, True),
    "roundRect": (Symbol.TERMINATOR, True),
    "ellipse": (Symbol.TERMINATOR, True),
    "flowChartProcess": (Symbol.PROCESS, False),
    "rect": (Symbol.PROCESS, True),
    "flowChartDecision": (Symbol.DECISION, False),
    "diamond": (Symbol.DECISION, False),
    "flowChartOffpageConnector": (Symbol.CONNECTOR, False),
    "flowChartConnector": (Symbol.CONNECTOR, False),
    "homePlate": (Symbol.CONNECTOR, True),
}
LINE_PRESETS = {"line", "straightConnector1", "bentConnector2", "bentConnector3", "bentConnector4",
                "bentConnector5", "curvedConnector2", "curvedConnector3", "curvedConnector4",
                "curvedConnector5"}
# VML shape types (o:spt numbers) of the same figures.
VML_TYPES: dict[str, tuple[Symbol, bool]] = {
    "116": (Symbol.TERMINATOR, False), "176": (Symbol.TERMINATOR, True), "109": (Symbol.PROCESS, False),
    "110": (Symbol.DECISION, False), "4": (Symbol.DECISION, False), "177": (Symbol.CONNECTOR, False),
    "120": (Symbol.CONNECTOR, False), "1": (Symbol.PROCESS, True), "2": (Symbol.TERMINATOR, True),
    "3": (Symbol.TERMINATOR, True),
}
VML_LINE_TYPES = {"20", "32", "33", "34", "35", "36", "37", "38", "39", "40"}
VML_TEXTBOX_TYPE = "202"


@dataclass(frozen=True)
class Figure:
    """One shape as drawn, before it is placed: kind, symbol, text, box, line ends."""

    kind: ShapeKind
    box: Box
    geometry: str = ""
    symbol: Symbol | None = None
    guessed: bool = False
    text: str = ""
    start: Point | None = None
    end: Point | None = None
    arrow_start: bool = False
    arrow_end: bool = False
    shape_id: str = ""
    start_link: str = ""
    end_link: str = ""


def classify(geometry: str, text: str, has_border: bool, connector_hint: bool,
             text_box_hint: bool) -> tuple[ShapeKind, Symbol | None, bool]:
    """What a shape is, from its geometry, whether it has a border and whether it holds text."""
    if connector_hint or geometry in LINE_PRESETS:
        return ShapeKind.LINE, None, False
    if text.strip() and (text_box_hint or not has_border) and geometry in ("", "rect"):
        return ShapeKind.LABEL, None, False
    if geometry in PRESETS:
        symbol, guessed = PRESETS[geometry]
        return ShapeKind.SYMBOL, symbol, guessed
    return ShapeKind.OTHER, None, False


def paragraphs_text(element, paragraph_tag: str, text_tag: str) -> str:
    """The text of every paragraph under ``element``, one line each."""
    lines = []
    for paragraph in element.iter(q(paragraph_tag)):
        lines.append("".join(t.text or "" for t in paragraph.iter(q(text_tag))))
    return "\n".join(line for line in lines if line.strip()).strip()


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@dataclass(frozen=True)
class Xfrm:
    """``a:xfrm``: offset, extent, flips; groups also carry their child frame."""

    x: int = 0
    y: int = 0
    cx: int = 0
    cy: int = 0
    flip_h: bool = False
    flip_v: bool = False
    child_x: int = 0
    child_y: int = 0
    child_cx: int = 0
    child_cy: int = 0


def read_xfrm(element) -> Xfrm | None:
    if element is None:
        return None
    off, ext = element.find(q("a:off")), element.find(q("a:ext"))
    ch_off, ch_ext = element.find(q("a:chOff")), element.find(q("a:chExt"))
    return Xfrm(
        x=_int(off.get("x")) if off is not None else 0, y=_int(off.get("y")) if off is not None else 0,
        cx=_int(ext.get("cx")) if ext is not None else 0, cy=_int(ext.get("cy")) if ext is not None else 0,
        flip_h=element.get("flipH") in ("1", "true"), flip_v=element.get("flipV") in ("1", "true"),
        child_x=_int(ch_off.get("x")) if ch_off is not None else 0,
        child_y=_int(ch_off.get("y")) if ch_off is not None else 0,
        child_cx=_int(ch_ext.get("cx")) if ch_ext is not None else 0,
        child_cy=_int(ch_ext.get("cy")) if ch_ext is not None else 0,
    )


@dataclass(frozen=True)
class Transform:
    """Maps a group's child coordinates to the frame: x' = dx + x * sx."""

    dx: float = 0.0
    dy: float = 0.0
    sx: float = 1.0
    sy: float = 1.0

    def point(self, x: float, y: float) -> Point:
        return Point(self.dx + x * self.sx, self.dy + y * self.sy)

    def inside(self, group: Xfrm) -> "Transform":
        """The transform for the children of ``group`` (itself placed by this transform)."""
        sx = group.cx / group.child_cx if group.child_cx else 1.0
        sy = group.cy / group.child_cy if group.child_cy else 1.0
        origin = self.point(group.x, group.y)
        return Transform(origin.x - group.child_x * sx * self.sx, origin.y - group.child_y * sy * self.sy,
                         sx * self.sx, sy * self.sy)


def figure_from_sppr(sppr, xfrm: Xfrm, transform: Transform, text: str, connector_hint: bool,
                     text_box_hint: bool, shape_id: str = "", links: tuple[str, str] = ("", "")) -> Figure:
    """A figure from DrawingML shape properties (``wps:spPr``, ``xdr:spPr``) placed by ``transform``."""
    geometry = ""
    prst = sppr.find(q("a:prstGeom")) if sppr is not None else None
    if prst is not None:
        geometry = prst.get("prst", "")
    elif sppr is not None and sppr.find(q("a:custGeom")) is not None:
        geometry = "custGeom"
    line = sppr.find(q("a:ln")) if sppr is not None else None
    has_border = line is None or line.find(q("a:noFill")) is None
    kind, symbol, guessed = classify(geometry, text, has_border, connector_hint, text_box_hint)
    a = transform.point(xfrm.x, xfrm.y)
    b = transform.point(xfrm.x + xfrm.cx, xfrm.y + xfrm.cy)
    box = Box(min(a.x, b.x), min(a.y, b.y), max(a.x, b.x), max(a.y, b.y))
    figure = Figure(kind, box, geometry, symbol, guessed, text, shape_id=shape_id,
                    start_link=links[0], end_link=links[1])
    if kind is ShapeKind.LINE:
        start = Point(box.x1 if xfrm.flip_h else box.x0, box.y1 if xfrm.flip_v else box.y0)
        end = Point(box.x0 if xfrm.flip_h else box.x1, box.y0 if xfrm.flip_v else box.y1)
        head = line.find(q("a:headEnd")) if line is not None else None
        tail = line.find(q("a:tailEnd")) if line is not None else None
        figure = Figure(kind, box, geometry, None, False, text, start, end,
                        arrow_start=head is not None and head.get("type", "none") != "none",
                        arrow_end=tail is not None and tail.get("type", "none") != "none",
                        shape_id=shape_id, start_link=links[0], end_link=links[1])
    return figure


def connection_links(nv) -> tuple[str, str]:
    """The ids a connector is glued to (``a:stCxn`` / ``a:endCxn``), when it is."""
    if nv is None:
        return "", ""
    start, end = nv.find(q("a:stCxn")), nv.find(q("a:endCxn"))
    return (start.get("id", "") if start is not None else "", end.get("id", "") if end is not None else "")


# ------------------------------------------------------------------------------------
# VML (Word 2003-2007 shapes, and the fallback copy newer Word writes next to DrawingML)
# ------------------------------------------------------------------------------------
_UNITS_EMU = {"pt": EMU_PER_POINT, "in": 914_400, "cm": 360_000, "mm": 36_000, "px": 9_525, "emu": 1}


def vml_length(value: str) -> float:
    """``"12.5pt"`` -> EMU; a bare number is in points here (VML's default for these styles)."""
    value = value.strip().lower()
    for unit, factor in _UNITS_EMU.items():
        if value.endswith(unit):
            try:
                return float(value[: -len(unit)]) * factor
            except ValueError:
                return 0.0
    try:
        return float(value) * EMU_PER_POINT
    except ValueError:
        return 0.0


def vml_style(style: str) -> dict[str, str]:
    """A VML ``style`` attribute (CSS declarations) as a dict."""
    out = {}
    for part in (style or "").split(";"):
        name, _, value = part.partition(":")
        if name.strip():
            out[name.strip().lower()] = value.strip()
    return out


def vml_figure(element, origin: Point) -> Figure | None:
    """A figure from a VML element (``v:shape``, ``v:rect``, ``v:line``...), placed from ``origin``."""
    local = element.tag.split("}")[-1]
    text_holder = element.find(q("v:textbox"))
    text = paragraphs_text(text_holder, "w:p", "w:t") if text_holder is not None else ""
    stroke = element.find(q("v:stroke"))
    arrow_start = stroke is not None and stroke.get("startarrow", "none") != "none"
    arrow_end = stroke is not None and stroke.get("endarrow", "none") != "none"
    shape_id = element.get("id", "")
    if local == "line":
        start = _vml_point(element.get("from", "0,0"), origin)
        end = _vml_point(element.get("to", "0,0"), origin)
        box = Box(min(start.x, end.x), min(start.y, end.y), max(start.x, end.x), max(start.y, end.y))
        return Figure(ShapeKind.LINE, box, "v:line", start=start, end=end, arrow_start=arrow_start,
                      arrow_end=arrow_end, shape_id=shape_id)
    style = vml_style(element.get("style", ""))
    x = origin.x + vml_length(style.get("margin-left", "0")) + vml_length(style.get("left", "0"))
    y = origin.y + vml_length(style.get("margin-top", "0")) + vml_length(style.get("top", "0"))
    box = Box(x, y, x + vml_length(style.get("width", "0")), y + vml_length(style.get("height", "0")))
    spt = element.get(q("o:spt"), "") or element.get("type", "").replace("#_x0000_t", "")
    if local == "rect":
        spt = spt or "1"
    elif local == "roundrect":
        spt = "2"
    elif local == "oval":
        spt = "3"
    has_border = element.get("stroked", "t") not in ("f", "false")
    if spt in VML_LINE_TYPES:
        flip = style.get("flip", "")
        start = Point(box.x1 if "x" in flip else box.x0, box.y1 if "y" in flip else box.y0)
        end = Point(box.x0 if "x" in flip else box.x1, box.y0 if "y" in flip else box.y1)
        return Figure(ShapeKind.LINE, box, f"vml:{spt}", start=start, end=end, arrow_start=arrow_start,
                      arrow_end=arrow_end, shape_id=shape_id)
    if text.strip() and (spt == VML_TEXTBOX_TYPE or (spt == "1" and not has_border)):
        return Figure(ShapeKind.LABEL, box, f"vml:{spt}", text=text, shape_id=shape_id)
    if spt in VML_TYPES:
        symbol, guessed = VML_TYPES[spt]
        return Figure(ShapeKind.SYMBOL, box, f"vml:{spt}", symbol, guessed, text, shape_id=shape_id)
    return Figure(ShapeKind.OTHER, box, f"vml:{spt}", text=text, shape_id=shape_id)


def _vml_point(value: str, origin: Point) -> Point:
    x, _, y = value.partition(",")
    return Point(origin.x + vml_length(x or "0"), origin.y + vml_length(y or "0"))


def vml_position(element) -> tuple[str, str]:
    """How a VML shape is positioned: (horizontal, vertical) reference, as Word writes it."""
    style = vml_style(element.get("style", ""))
    return (style.get("mso-position-horizontal-relative", "text"),
            style.get("mso-position-vertical-relative", "text"))
