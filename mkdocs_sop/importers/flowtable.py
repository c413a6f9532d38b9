"""The flowchart table: its header (two or three rows), its columns and its step rows.

The header gives each grid column a role: No, Kegiatan, an actor (the names under the
spanning *Pelaksana* header, left to right), Kelengkapan/Persyaratan, Waktu, Output
(under *Mutu Baku*) or Keterangan. An optional row of column numbers ``(1) (2) ...``
follows. Every later row is a step, or part of the step above when its No cell is
merged down into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from .grid import Cell, Grid
from .text import flat, norm

NO_WORDS = {"no", "nomor", "no urut", "nomor urut"}
KEGIATAN_WORDS = ("kegiatan", "aktivitas", "uraian", "prosedur", "langkah")
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")


class Role(str, Enum):
    NO = "no"
    KEGIATAN = "kegiatan"
    ACTOR = "actor"
    KELENGKAPAN = "kelengkapan"
    WAKTU = "waktu"
    OUTPUT = "output"
    KETERANGAN = "keterangan"
    OTHER = "other"


@dataclass
class FlowTable:
    """One flowchart table (or the flowchart part of a sheet), rows ``first``..``last``."""

    grid: Grid
    header_first: int
    first: int  # first step row
    last: int  # exclusive
    roles: list[Role] = field(default_factory=list)  # per grid column
    actor_of: dict[int, str] = field(default_factory=dict)  # grid column -> actor name
    actors: list[str] = field(default_factory=list)  # in column order
    text_actors: bool = False  # one "Pelaksana" column holding names per row
    implicit_actors: bool = False  # actor columns without a "Pelaksana" header

    @property
    def header_rows(self) -> int:
        return self.first - self.header_first

    def column(self, role: Role) -> int | None:
        return self.roles.index(role) if role in self.roles else None

    def step_rows(self) -> list[tuple[int, int]]:
        """(first row, last row exclusive) of each step: a No cell merged down spans rows."""
        no = self.column(Role.NO)
        out: list[tuple[int, int]] = []
        r = self.first
        while r < self.last:
            span = 1
            if no is not None:
                cell = self.grid.at(r, no)
                if cell is not None and cell.row == r:
                    span = max(1, min(cell.rowspan, self.last - r))
            out.append((r, r + span))
            r += span
        return out

    def text(self, row: int, role: Role) -> Cell | None:
        col = self.column(role)
        cell = self.grid.at(row, col) if col is not None else None
        return cell if cell is not None and cell.row == row else None


def is_header_row(grid: Grid, row: int) -> bool:
    texts = [norm(cell.text) for cell in grid.row_cells(row) if cell.row == row]
    return any(t in NO_WORDS for t in texts) and any(any(w in t for w in KEGIATAN_WORDS) for t in texts)


def _header_height(grid: Grid, row: int) -> int:
    """How many rows the header takes: the tallest header cell, or a second row of sub-headers."""
    height = max((cell.rowspan for cell in grid.row_cells(row) if cell.row == row), default=1)
    if height == 1 and row + 1 < grid.n_rows:
        below = [norm(c.text) for c in grid.row_cells(row + 1) if c.row == row + 1]
        words = ("waktu", "output", "kelengkapan", "persyaratan", "keterangan")
        spans = any(c.colspan > 1 for c in grid.row_cells(row) if c.row == row and
                    ("pelaksana" in norm(c.text) or "mutu" in norm(c.text)))
        if spans or any(any(w in t for w in words) for t in below):
            height = 2
    return height


def _is_column_numbers(grid: Grid, row: int) -> bool:
    texts = [flat(c.text) for c in grid.row_cells(row) if c.row == row]
    filled = [t for t in texts if t]
    if len(filled) < 3 or not all(_COLUMN_NUMBER.match(t) for t in filled):
        return False
    numbers = [int(t.strip("()")) for t in filled]
    return numbers == sorted(numbers) and len(set(numbers)) == len(numbers) and numbers[1] == numbers[0] + 1


def read_header(grid: Grid, row: int, last: int) -> FlowTable:
    """The columns of a flowchart table whose header starts at ``row``."""
    height = _header_height(grid, row)
    first = row + height
    if first < last and _is_column_numbers(grid, first):
        first += 1
    table = FlowTable(grid, row, first, last)
    header_cells = []
    for col in range(grid.n_cols):
        stack: list[Cell] = []
        for r in range(row, row + height):
            cell = grid.at(r, col)
            if cell is not None and (not stack or stack[-1] is not cell):
                stack.append(cell)
        header_cells.append(stack)
        table.roles.append(_role(stack))
    _actors(table, header_cells)
    return table


def _role(stack: list[Cell]) -> Role:
    if not stack:
        return Role.OTHER
    top, bottom = norm(stack[0].text), norm(stack[-1].text)
    if top in NO_WORDS:
        return Role.NO
    if any(w in top for w in KEGIATAN_WORDS):
        return Role.KEGIATAN
    if "pelaksana" in top:
        return Role.ACTOR
    for words, role in ((("kelengkapan", "persyaratan", "syarat"), Role.KELENGKAPAN), (("waktu",), Role.WAKTU),
                        (("output", "keluaran", "hasil"), Role.OUTPUT)):
        if any(w in bottom for w in words):
            return role
    if "keterangan" in top or top in ("ket", "catatan"):
        return Role.KETERANGAN
    return Role.OTHER


def _actors(table: FlowTable, header_cells: list[list[Cell]]) -> None:
    roles = table.roles
    if Role.KEGIATAN in roles:  # unlabelled columns between Kegiatan and Mutu Baku are actors
        start = roles.index(Role.KEGIATAN) + 1
        ends = [i for i, r in enumerate(roles) if r in (Role.KELENGKAPAN, Role.WAKTU, Role.OUTPUT, Role.KETERANGAN)]
        end = min((i for i in ends if i > start), default=len(roles))
        if Role.ACTOR not in roles:
            for col in range(start, end):
                if roles[col] is Role.OTHER and header_cells[col] and header_cells[col][-1].text:
                    roles[col] = Role.ACTOR
                    table.implicit_actors = True
    seen: dict[int, str] = {}
    for col, role in enumerate(roles):
        if role is not Role.ACTOR:
            continue
        stack = header_cells[col]
        name_cell = stack[-1]
        if len(stack) == 1 and "pelaksana" in norm(name_cell.text):
            table.text_actors = True  # one Pelaksana column: names are written per row
            continue
        key = id(name_cell)
        if key not in seen:
            seen[key] = flat(name_cell.text)
            table.actors.append(seen[key])
        table.actor_of[col] = seen[key]
