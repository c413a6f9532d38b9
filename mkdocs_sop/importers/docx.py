"""Word (.docx): tables with their merged cells, and the shapes anchored in their cells.

python-docx opens the package and gives the body's XML; it reads neither merged-cell
geometry in the form needed here nor floating shapes, so the tables' ``w:tc`` spans
(``w:gridSpan``, ``w:vMerge``) and the drawings (``wp:anchor`` holding ``wps:wsp``,
``wpg:wgp`` groups, ``wpc:wpc`` canvases, or VML ``w:pict``) are read from that XML.

A shape is placed in its table's frame: horizontally from the column it is anchored
in (or the page margin, for shapes positioned against the page), vertically from the
top of its anchor cell's row. Rows without a fixed height get an estimated height from
their text, and the grid says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from .drawing import (LINE_PRESETS, Figure, Transform, Xfrm, connection_links, figure_from_sppr, paragraphs_text, q,
                      read_xfrm, vml_figure, vml_position)
from .grid import EMU_PER_TWIP, Box, Cell, Grid, Point, Shape, SourceDocument

DEFAULT_CELL_MARGIN_TWIPS = 108  # Word's default left cell margin (0.19 cm)
LINE_HEIGHT_TWIPS = 276  # one line of 11 pt text, single spaced with Word's default 1.15
CHAR_WIDTH_TWIPS = 110  # an average character of 11 pt text, to estimate wrapping


def read_docx(path: str) -> SourceDocument:
    """Every table of the document body, in order, with the shapes drawn on it."""
    import docx  # python-docx

    document = docx.Document(path)
    section = document.sections[0] if document.sections else None
    left_margin = int(section.left_margin or 0) if section is not None else 0
    top_margin = int(section.top_margin or 0) if section is not None else 0
    grids: list[Grid] = []
    loose = 0
    for child in document.element.body.iterchildren():
        if child.tag == q("w:tbl"):
            grids.append(_TableReader(child, len(grids) + 1, left_margin, top_margin).read())
        elif child.tag == q("w:p"):
            loose += sum(1 for _ in _drawings(child))
    return SourceDocument(grids, loose)


@dataclass
class _Building:
    """A cell while its vertical merge is being followed (frozen into :class:`Cell` at the end)."""

    row: int
    col: int
    paragraphs: list[str]
    colspan: int
    picture: bool
    rowspan: int = 1
    element: object = None


@dataclass
class _TableReader:
    tbl: object
    number: int
    left_margin: int
    top_margin: int
    cells: list[list[_Building | None]] = field(default_factory=list)

    def read(self) -> Grid:
        widths = [int(col.get(q("w:w"), "0") or 0) for col in self.tbl.iter(q("w:gridCol"))]
        heights: list[int | None] = []
        for r, tr in enumerate(self.tbl.findall(q("w:tr"))):
            self.cells.append([])
            heights.append(self._read_row(r, tr))
        n_cols = max([len(widths)] + [len(row) for row in self.cells])
        widths = (widths + [1440] * n_cols)[:n_cols]
        for row in self.cells:
            row.extend([None] * (n_cols - len(row)))
        frozen = self._freeze()
        col_edges = _edges([w * EMU_PER_TWIP for w in widths])
        estimated = any(h is None for h in heights)
        row_heights = [h * EMU_PER_TWIP if h is not None else self._estimate(r, widths) * EMU_PER_TWIP
                       for r, h in enumerate(heights)]
        grid = Grid(f"tabel {self.number}", frozen, col_edges, _edges(row_heights),
                    heights_estimated=estimated)
        grid.shapes = self._shapes(grid)
        return grid

    def _read_row(self, r: int, tr) -> int | None:
        tr_pr = tr.find(q("w:trPr"))
        height = None
        col = 0
        if tr_pr is not None:
            before = tr_pr.find(q("w:gridBefore"))
            if before is not None:
                col = int(before.get(q("w:val"), "0") or 0)
                self.cells[r].extend([None] * col)
            h = tr_pr.find(q("w:trHeight"))
            if h is not None and h.get(q("w:hRule")) != "auto":
                height = int(h.get(q("w:val"), "0") or 0) or None
        for tc in tr.findall(q("w:tc")):
            tc_pr = tc.find(q("w:tcPr"))
            span, merge = 1, None
            if tc_pr is not None:
                grid_span = tc_pr.find(q("w:gridSpan"))
                if grid_span is not None:
                    span = max(1, int(grid_span.get(q("w:val"), "1") or 1))
                v_merge = tc_pr.find(q("w:vMerge"))
                if v_merge is not None:
                    merge = v_merge.get(q("w:val"), "continue")
            above = self.cells[r - 1][col] if r > 0 and col < len(self.cells[r - 1]) else None
            if merge == "continue" and above is not None:
                above.rowspan = r - above.row + 1
                cell = above
            else:
                cell = _Building(r, col, _cell_paragraphs(tc), span, _has_picture(tc), element=tc)
            self.cells[r].extend([cell] * span)
            col += span
        return height

    def _freeze(self) -> list[list[Cell | None]]:
        made: dict[int, Cell] = {}
        out = []
        for row in self.cells:
            out.append([])
            for b in row:
                if b is None:
                    out[-1].append(None)
                    continue
                if id(b) not in made:
                    made[id(b)] = Cell(b.row, b.col, tuple(b.paragraphs), b.rowspan, b.colspan, b.picture)
                out[-1].append(made[id(b)])
        return out

    def _estimate(self, r: int, widths: list[int]) -> int:
        """A row's height from its text (lines wrapped at the column width), and at least as tall
        as the symbols drawn in it (authors make room for them)."""
        lines = 1
        symbols = 0
        for b in {id(b): b for b in self.cells[r] if b is not None and b.row == r and b.rowspan == 1}.values():
            width = sum(widths[b.col: b.col + b.colspan]) - 2 * DEFAULT_CELL_MARGIN_TWIPS
            per_line = max(1, width // CHAR_WIDTH_TWIPS)
            lines = max(lines, sum(max(1, math.ceil(len(p) / per_line)) for p in b.paragraphs) or 1)
            symbols = max([symbols] + [bottom for bottom in _symbol_bottoms(b.element)])
        return max(lines * LINE_HEIGHT_TWIPS + 2 * 30, int(symbols * 1.1 / EMU_PER_TWIP))

    def _shapes(self, grid: Grid) -> list[Shape]:
        out: list[Shape] = []
        seen: set[int] = set()
        for row in self.cells:
            for b in row:
                if b is None or id(b) in seen:
                    continue
                seen.add(id(b))
                cell_box = Box(grid.col_edges[b.col], grid.row_edges[b.row],
                               grid.col_edges[b.col + b.colspan], grid.row_edges[b.row + 1])
                tbl_indent = _table_indent(self.tbl)
                for paragraph in b.element.iter(q("w:p")):
                    if _inside_drawing(paragraph, b.element):
                        continue
                    for kind, element in _drawings(paragraph):
                        place = _Placement(cell_box, b.row, b.col, self.left_margin + tbl_indent, tbl_indent)
                        out.extend(place.drawingml(element) if kind == "drawingml" else place.vml(element))
        return out


def _symbol_bottoms(tc):
    """How far below its paragraph each lone symbol anchored in the cell reaches (EMU)."""
    for kind, anchor in (item for p in tc.iter(q("w:p")) for item in _drawings(p)):
        if kind != "drawingml":
            continue
        position, extent = anchor.find(q("wp:positionV")), anchor.find(q("wp:extent"))
        wsp = anchor.find(f"{q('a:graphic')}/{q('a:graphicData')}/{q('wps:wsp')}")
        if (position is None or extent is None or wsp is None or wsp.find(q("wps:cNvCnPr")) is not None
                or position.get("relativeFrom") not in ("paragraph", "line")):
            continue
        prst = wsp.find(f"{q('wps:spPr')}/{q('a:prstGeom')}")
        if prst is not None and prst.get("prst") in LINE_PRESETS:
            continue
        _, offset, _ = _position(position)
        yield offset + int(extent.get("cy", "0"))


def _edges(sizes: list[float]) -> list[float]:
    edges = [0.0]
    for size in sizes:
        edges.append(edges[-1] + size)
    return edges


def _table_indent(tbl) -> int:
    ind = tbl.find(f"{q('w:tblPr')}/{q('w:tblInd')}")
    if ind is None or ind.get(q("w:type"), "dxa") != "dxa":
        return 0
    return int(ind.get(q("w:w"), "0") or 0) * EMU_PER_TWIP


_SKIP_IN_TEXT = {q("w:drawing"), q("w:pict"), q("mc:AlternateContent"), q("w:object")}


def _cell_paragraphs(tc) -> list[str]:
    """The cell's paragraphs as text, leaving out text inside drawn shapes."""
    out = []
    for paragraph in tc.iter(q("w:p")):
        if _inside_drawing(paragraph, tc):
            continue
        out.append(_paragraph_text(paragraph))
    return out


def _inside_drawing(element, stop) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in _SKIP_IN_TEXT or parent.tag == q("w:txbxContent"):
            return True
        parent = parent.getparent()
    return False


def _paragraph_text(paragraph) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag in _SKIP_IN_TEXT:
            continue
        if _inside_drawing(node, paragraph):
            continue
        if node.tag == q("w:t"):
            parts.append(node.text or "")
        elif node.tag == q("w:tab"):
            parts.append("\t")
        elif node.tag in (q("w:br"), q("w:cr")):
            parts.append("\n")
        elif node.tag == q("w:sym"):
            parts.append(_symbol_char(node))
    return "".join(parts)


def _symbol_char(sym) -> str:
    """A ``w:sym`` (a Symbol/Wingdings character, often the tick of a text-mark template)."""
    code = sym.get(q("w:char"), "")
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if value >= 0xF000:
        value -= 0xF000
    # Wingdings 0xFC and Symbol 0xD6 are ticks; Wingdings 0xFB and 0x78 are crosses.
    return {0xFC: "√", 0xD6: "√", 0xFB: "X", 0xFD: "X", 0x9F: "•", 0x6C: "•"}.get(value, chr(value))


def _has_picture(tc) -> bool:
    return any(True for _ in tc.iter(q("pic:pic"))) or any(True for _ in tc.iter(q("v:imagedata")))


def _drawings(paragraph):
    """(kind, element) for each drawing of a paragraph: DrawingML when present, else its VML."""
    for run in paragraph.iter(q("w:r")):
        if _inside_drawing(run, paragraph):
            continue
        for child in run:
            if child.tag == q("mc:AlternateContent"):
                choice = child.find(q("mc:Choice"))
                drawing = choice.find(q("w:drawing")) if choice is not None else None
                if drawing is not None:
                    yield from _anchors(drawing)
                else:
                    fallback = child.find(q("mc:Fallback"))
                    pict = fallback.find(q("w:pict")) if fallback is not None else None
                    if pict is not None:
                        yield from _vml_items(pict)
            elif child.tag == q("w:drawing"):
                yield from _anchors(child)
            elif child.tag == q("w:pict"):
                yield from _vml_items(child)


def _anchors(drawing):
    for anchor in drawing.findall(q("wp:anchor")):
        yield "drawingml", anchor


def _vml_items(pict):
    for child in pict:
        if child.tag.startswith("{" + "urn:schemas-microsoft-com:vml" + "}") and not child.tag.endswith("shapetype"):
            yield "vml", child


@dataclass(frozen=True)
class _Placement:
    """Where a drawing anchored in one cell lands in its table's frame."""

    cell: Box
    row: int
    col: int
    page_left: int  # page x of the table's left edge (page margin + table indent)
    margin_left: int  # margin x of the table's left edge (table indent)

    def origin_x(self, relative: str, offset: float, align: str, width: float) -> float:
        if relative in ("page", "leftMargin"):
            base, span = -self.page_left, 0.0
        elif relative in ("margin", "insideMargin", "outsideMargin"):
            base, span = -self.margin_left, 0.0
        else:  # column, character, text: the cell's text area
            base = self.cell.x0 + DEFAULT_CELL_MARGIN_TWIPS * EMU_PER_TWIP
            span = self.cell.x1 - self.cell.x0 - 2 * DEFAULT_CELL_MARGIN_TWIPS * EMU_PER_TWIP
        if align == "center":
            return base + (span - width) / 2
        if align == "right":
            return base + span - width
        return base + offset

    def drawingml(self, anchor) -> list[Shape]:
        extent = anchor.find(q("wp:extent"))
        cx = int(extent.get("cx", "0")) if extent is not None else 0
        cy = int(extent.get("cy", "0")) if extent is not None else 0
        h_rel, h_off, h_align = _position(anchor.find(q("wp:positionH")))
        v_rel, v_off, _ = _position(anchor.find(q("wp:positionV")))
        x = self.origin_x(h_rel, h_off, h_align, cx)
        if v_rel in ("paragraph", "line"):
            y, frame = self.cell.y0 + v_off, "table"
        else:  # against the page: kept in page coordinates, row from the anchor cell
            y, frame = v_off, "page"
        doc_pr = anchor.find(q("wp:docPr"))
        anchor_id = doc_pr.get("id", "") if doc_pr is not None else ""
        data = anchor.find(f"{q('a:graphic')}/{q('a:graphicData')}")
        if data is None:
            return []
        out: list[Shape] = []
        base = Transform(x, y)
        for child in data:
            if child.tag == q("wps:wsp"):
                figure = _wsp_figure(child, Transform(x, y), whole=(cx, cy), shape_id=anchor_id)
                out.append(self._shape(figure, frame, ""))
            elif child.tag == q("wpg:wgp"):
                xfrm = read_xfrm(child.find(f"{q('wpg:grpSpPr')}/{q('a:xfrm')}"))
                if xfrm is not None:
                    xfrm = _whole(xfrm, cx, cy)
                    out.extend(self._group(child, base.inside(xfrm), frame, f"g{anchor_id}"))
            elif child.tag == q("wpc:wpc"):
                out.extend(self._group(child, base, frame, f"c{anchor_id}"))
        return out

    def _group(self, group, transform: Transform, frame: str, key: str) -> list[Shape]:
        out: list[Shape] = []
        for child in group:
            if child.tag == q("wps:wsp"):
                out.append(self._shape(_wsp_figure(child, transform), frame, key))
            elif child.tag in (q("wpg:grpSp"), q("wpg:wgp")):
                xfrm = read_xfrm(child.find(f"{q('wpg:grpSpPr')}/{q('a:xfrm')}"))
                if xfrm is not None:
                    out.extend(self._group(child, transform.inside(xfrm), frame, key))
        return out

    def vml(self, element) -> list[Shape]:
        h_rel, v_rel = vml_position(element)
        x = self.origin_x({"text": "column", "char": "column"}.get(h_rel, h_rel), 0, "", 0)
        frame = "table" if v_rel in ("text", "line", "paragraph") else "page"
        y = self.cell.y0 if frame == "table" else 0.0
        figure = vml_figure(element, Point(x, y))
        return [self._shape(figure, frame, "", source="vml")] if figure is not None else []

    def _shape(self, figure: Figure, frame: str, group: str, source: str = "drawingml") -> Shape:
        return Shape(figure.kind, figure.box, figure.geometry, figure.symbol, figure.text, figure.start,
                     figure.end, figure.arrow_start, figure.arrow_end, figure.shape_id, group,
                     figure.start_link, figure.end_link, frame, self.row, self.col, source, figure.guessed)


def _whole(xfrm, cx: int, cy: int):
    """A group's own frame is the anchor's extent (Word writes off 0,0 and the same extent)."""
    return replace(xfrm, x=0, y=0, cx=cx or xfrm.cx, cy=cy or xfrm.cy)


def _position(element) -> tuple[str, float, str]:
    if element is None:
        return "column", 0.0, ""
    offset = element.find(q("wp:posOffset"))
    align = element.find(q("wp:align"))
    return (element.get("relativeFrom", "column"),
            float(offset.text or 0) if offset is not None else 0.0,
            (align.text or "").strip() if align is not None else "")


def _wsp_figure(wsp, transform: Transform, whole: tuple[int, int] | None = None, shape_id: str = "") -> Figure:
    """A ``wps:wsp``: alone (its box is the anchor's extent) or in a group/canvas (its own xfrm)."""
    sppr = wsp.find(q("wps:spPr"))
    xfrm = read_xfrm(sppr.find(q("a:xfrm")) if sppr is not None else None)
    if whole is not None:
        xfrm = Xfrm(0, 0, whole[0], whole[1], xfrm.flip_h if xfrm else False, xfrm.flip_v if xfrm else False)
    elif xfrm is None:
        xfrm = Xfrm()
    nv = wsp.find(q("wps:cNvPr"))
    own_id = nv.get("id", "") if nv is not None else shape_id
    connector = wsp.find(q("wps:cNvCnPr"))
    sp_nv = wsp.find(q("wps:cNvSpPr"))
    text_box = sp_nv is not None and sp_nv.get("txBox") in ("1", "true")
    holder = wsp.find(q("wps:txbx"))
    text = paragraphs_text(holder, "w:p", "w:t") if holder is not None else ""
    return figure_from_sppr(sppr, xfrm, transform, text, connector is not None, text_box,
                            own_id or shape_id, connection_links(connector))


__all__ = ["read_docx"]
