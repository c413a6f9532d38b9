"""Excel (.xlsx): each sheet as a grid with its merged cells, and the shapes of its drawing part.

openpyxl reads the cells and merged ranges but drops drawn shapes, so the sheet's
drawing part (``xl/drawings/drawingN.xml``, found through the package relationships) is
read with lxml: ``xdr:twoCellAnchor`` / ``xdr:oneCellAnchor`` / ``xdr:absoluteAnchor``
holding ``xdr:sp`` (shapes), ``xdr:cxnSp`` (connectors, possibly glued to shapes by id)
and ``xdr:grpSp`` (groups). Anchors name cells, so positions are exact in the sheet's
frame of column widths and row heights.
"""

from __future__ import annotations

import datetime as _dt
import posixpath
import zipfile

from .drawing import (Transform, Xfrm, connection_links, figure_from_sppr, paragraphs_text, q,
                      read_xfrm)
from .grid import EMU_PER_PIXEL, EMU_PER_POINT, Box, Cell, Grid, Shape, SourceDocument

DEFAULT_COLUMN_CHARS = 8.43
DEFAULT_ROW_POINTS = 15.0
# A sheet formatted down to row 1,048,576 must not become a grid of a million rows: an SOP
# sheet is a few hundred rows at most.
MAX_ROWS = 3000
MAX_COLUMNS = 120
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def read_xlsx(path: str) -> SourceDocument:
    """Every sheet of the workbook, in order, with its shapes."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, data_only=True)
    drawings = _sheet_drawings(path)
    grids = []
    for index, sheet in enumerate(workbook.worksheets):
        grid = _sheet_grid(sheet)
        part = drawings.get(index)
        if part is not None:
            grid.shapes = _shapes(part, grid)
        grids.append(grid)
    return SourceDocument(grids)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _sheet_grid(sheet) -> Grid:

    n_rows, n_cols = min(sheet.max_row, MAX_ROWS), min(sheet.max_column, MAX_COLUMNS)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        spans[(top, left)] = (merged.max_row - merged.min_row + 1, merged.max_col - merged.min_col + 1)
        for r in range(merged.min_row - 1, min(merged.max_row, n_rows)):
            for c in range(merged.min_col - 1, min(merged.max_col, n_cols)):
                covered[(r, c)] = (top, left)
    made: dict[tuple[int, int], Cell] = {}
    rows: list[list[Cell | None]] = []
    for r in range(n_rows):
        row: list[Cell | None] = []
        for c in range(n_cols):
            origin = covered.get((r, c), (r, c))
            if origin not in made:
                value = sheet.cell(row=origin[0] + 1, column=origin[1] + 1).value
                rowspan, colspan = spans.get(origin, (1, 1))
                made[origin] = Cell(origin[0], origin[1], tuple(_text(value).split("\n")), rowspan, colspan)
            row.append(made[origin])
        rows.append(row)
    default_width = sheet.sheet_format.defaultColWidth or sheet.sheet_format.baseColWidth or DEFAULT_COLUMN_CHARS
    widths = [float(default_width)] * n_cols
    for dimension in sheet.column_dimensions.values():
        if dimension.width:
            low = dimension.min or 1
            high = dimension.max or low
            for c in range(low, min(high, n_cols) + 1):
                widths[c - 1] = float(dimension.width)
    default_height = sheet.sheet_format.defaultRowHeight or DEFAULT_ROW_POINTS
    heights = []
    for r in range(1, n_rows + 1):
        height = sheet.row_dimensions[r].height if r in sheet.row_dimensions else None
        heights.append(float(height or default_height))
    col_edges = _edges([_column_emu(w) for w in widths])
    row_edges = _edges([h * EMU_PER_POINT for h in heights])
    return Grid(f"lembar {sheet.title}", rows, col_edges, row_edges)


def _column_emu(chars: float) -> float:
    """Excel's column width (characters of the default font) in EMU: 7 px a character plus 5 px."""
    return (int(chars * 7 + 5)) * EMU_PER_PIXEL


def _edges(sizes: list[float]) -> list[float]:
    edges = [0.0]
    for size in sizes:
        edges.append(edges[-1] + size)
    return edges


def _sheet_drawings(path: str) -> dict[int, object]:
    """Sheet index -> its parsed drawing part, following workbook and sheet relationships."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    out: dict[int, object] = {}
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())

        def xml(name: str):
            return etree.fromstring(package.read(name), parser) if name in names else None

        def rels(part: str) -> dict[str, str]:
            folder, base = posixpath.split(part)
            tree = xml(posixpath.join(folder, "_rels", base + ".rels"))
            if tree is None:
                return {}
            return {rel.get("Id"): posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
                    if not rel.get("Target", "").startswith("/") else rel.get("Target", "").lstrip("/")
                    for rel in tree.iter(f"{{{REL_NS}}}Relationship")}

        workbook = xml("xl/workbook.xml")
        if workbook is None:
            return out
        book_rels = rels("xl/workbook.xml")
        for index, sheet in enumerate(workbook.iter(f"{{{MAIN_NS}}}sheet")):
            sheet_part = book_rels.get(sheet.get(q("r:id")), "")
            sheet_xml = xml(sheet_part)
            if sheet_xml is None:
                continue
            drawing = sheet_xml.find(f"{{{MAIN_NS}}}drawing")
            if drawing is None:
                continue
            target = rels(sheet_part).get(drawing.get(q("r:id")), "")
            part = xml(target)
            if part is not None:
                out[index] = part
    return out


def _anchor_point(marker, grid: Grid) -> tuple[float, float]:
    col = int(marker.findtext(q("xdr:col")) or 0)
    row = int(marker.findtext(q("xdr:row")) or 0)
    col_off = int(marker.findtext(q("xdr:colOff")) or 0)
    row_off = int(marker.findtext(q("xdr:rowOff")) or 0)
    x = grid.col_edges[min(col, len(grid.col_edges) - 1)] + col_off
    y = grid.row_edges[min(row, len(grid.row_edges) - 1)] + row_off
    return x, y


def _shapes(part, grid: Grid) -> list[Shape]:
    out: list[Shape] = []
    for number, anchor in enumerate(part):
        local = anchor.tag.split("}")[-1]
        if local == "twoCellAnchor":
            x0, y0 = _anchor_point(anchor.find(q("xdr:from")), grid)
            x1, y1 = _anchor_point(anchor.find(q("xdr:to")), grid)
        elif local == "oneCellAnchor":
            x0, y0 = _anchor_point(anchor.find(q("xdr:from")), grid)
            ext = anchor.find(q("xdr:ext"))
            x1 = x0 + int(ext.get("cx", "0")) if ext is not None else x0
            y1 = y0 + int(ext.get("cy", "0")) if ext is not None else y0
        elif local == "absoluteAnchor":
            pos, ext = anchor.find(q("xdr:pos")), anchor.find(q("xdr:ext"))
            x0 = int(pos.get("x", "0")) if pos is not None else 0
            y0 = int(pos.get("y", "0")) if pos is not None else 0
            x1 = x0 + (int(ext.get("cx", "0")) if ext is not None else 0)
            y1 = y0 + (int(ext.get("cy", "0")) if ext is not None else 0)
        else:
            continue
        for child in anchor:
            out.extend(_element(child, None, Box(x0, y0, x1, y1), grid, f"a{number}"))
    return out


def _element(element, transform: Transform | None, anchor_box: Box, grid: Grid, key: str) -> list[Shape]:
    """Shapes of one ``xdr:sp`` / ``xdr:cxnSp`` / ``xdr:grpSp``; at the top level the anchor is its box."""
    local = element.tag.split("}")[-1]
    if local == "grpSp":
        xfrm = read_xfrm(element.find(f"{q('xdr:grpSpPr')}/{q('a:xfrm')}"))
        if xfrm is None:
            return []
        if transform is None:  # the group fills its anchor: map its own frame onto the anchor's box
            width, height = anchor_box.x1 - anchor_box.x0, anchor_box.y1 - anchor_box.y0
            sx = width / xfrm.child_cx if xfrm.child_cx else 1.0
            sy = height / xfrm.child_cy if xfrm.child_cy else 1.0
            inner = Transform(anchor_box.x0 - xfrm.child_x * sx, anchor_box.y0 - xfrm.child_y * sy, sx, sy)
        else:
            inner = transform.inside(xfrm)
        out = []
        for child in element:
            out.extend(_element(child, inner, anchor_box, grid, key))
        return out
    if local not in ("sp", "cxnSp"):
        return []
    sppr = element.find(q("xdr:spPr"))
    xfrm = read_xfrm(sppr.find(q("a:xfrm")) if sppr is not None else None) or Xfrm()
    if transform is None:  # a lone shape: its box is the anchor's, in the sheet's frame
        xfrm = Xfrm(int(anchor_box.x0), int(anchor_box.y0), int(anchor_box.x1 - anchor_box.x0),
                    int(anchor_box.y1 - anchor_box.y0), xfrm.flip_h, xfrm.flip_v)
        transform = Transform()
    if local == "cxnSp":
        nv = element.find(f"{q('xdr:nvCxnSpPr')}/{q('xdr:cNvPr')}")
        links = connection_links(element.find(f"{q('xdr:nvCxnSpPr')}/{q('xdr:cNvCxnSpPr')}"))
        text_box = False
    else:
        nv = element.find(f"{q('xdr:nvSpPr')}/{q('xdr:cNvPr')}")
        links = ("", "")
        sp_nv = element.find(f"{q('xdr:nvSpPr')}/{q('xdr:cNvSpPr')}")
        text_box = sp_nv is not None and sp_nv.get("txBox") in ("1", "true")
    body = element.find(q("xdr:txBody"))
    text = paragraphs_text(body, "a:p", "a:t") if body is not None else ""
    figure = figure_from_sppr(sppr, xfrm, transform, text, local == "cxnSp", text_box,
                              nv.get("id", "") if nv is not None else "", links)
    row, col = grid.row_at(figure.box.centre.y), grid.column_at(figure.box.centre.x)
    return [Shape(figure.kind, figure.box, figure.geometry, figure.symbol, figure.text, figure.start,
                  figure.end, figure.arrow_start, figure.arrow_end, figure.shape_id, "sheet",
                  figure.start_link, figure.end_link, "table", row, col, "xlsx", figure.guessed)]


__all__ = ["read_xlsx"]
