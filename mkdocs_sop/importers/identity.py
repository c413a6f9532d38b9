"""The identity table: labels and their values, wherever the template puts them.

Templates differ in where a value sits relative to its label (to the right, after a
colon cell, after ``:`` in the same cell, or in the cell below for the paired sections
Dasar Hukum | Kualifikasi Pelaksana ...) and in how labels are spelled (Nomor SOP,
No. SOP, Tgl. Pembuatan ...). Each label is normalised and looked up in
:data:`LABELS`; its value is found by those rules in turn. The owning unit is the text
cell no label claims (the one under or beside the logo).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .draft import DraftSop, NoteLevel
from .grid import Cell, Grid
from .text import flat, is_none, list_items, norm
from .texts import say

# normalised label -> canonical key. The first spelling of each key is the regulation's.
LABELS: dict[str, str] = {
    "nomor sop": "nomor", "no sop": "nomor", "nomor": "nomor", "nomor pos": "nomor", "kode sop": "nomor",
    "tanggal pembuatan": "tanggal_pembuatan", "tanggal dibuat": "tanggal_pembuatan",
    "tanggal penyusunan": "tanggal_pembuatan",
    "tanggal revisi": "tanggal_revisi", "revisi": "tanggal_revisi", "tanggal perubahan": "tanggal_revisi",
    "tanggal efektif": "tanggal_efektif", "tanggal berlaku": "tanggal_efektif",
    "tanggal pengesahan": "tanggal_efektif", "tanggal ditetapkan": "tanggal_efektif",
    "disahkan oleh": "disahkan_oleh", "pengesahan": "disahkan_oleh", "mengesahkan": "disahkan_oleh",
    "ditetapkan oleh": "disahkan_oleh",
    "nama sop": "nama", "judul sop": "nama", "nama prosedur": "nama", "nama": "nama", "judul": "nama",
    "dasar hukum": "dasar_hukum", "landasan hukum": "dasar_hukum",
    "kualifikasi pelaksana": "kualifikasi_pelaksana", "kualifikasi": "kualifikasi_pelaksana",
    "keterkaitan": "keterkaitan", "keterkaitan sop": "keterkaitan", "sop terkait": "keterkaitan",
    "peralatan perlengkapan": "peralatan_perlengkapan", "peralatan dan perlengkapan": "peralatan_perlengkapan",
    "peralatan": "peralatan_perlengkapan", "perlengkapan": "peralatan_perlengkapan",
    "peringatan": "peringatan",
    "pencatatan dan pendataan": "pencatatan_pendataan", "pencatatan pendataan": "pencatatan_pendataan",
    "pencatatan": "pencatatan_pendataan",
}
STANDARD = {"nomor sop", "tanggal pembuatan", "tanggal revisi", "tanggal efektif", "disahkan oleh",
            "nama sop", "dasar hukum", "kualifikasi pelaksana", "keterkaitan", "peralatan perlengkapan",
            "peralatan dan perlengkapan", "peringatan", "pencatatan dan pendataan"}
LIST_KEYS = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan", "peringatan",
             "pencatatan_pendataan")
# Identity labels that mark the start of an identity table (enough to tell it from a list of SOPs).
STRONG = {"nomor", "disahkan_oleh", "tanggal_pembuatan", "tanggal_efektif", "dasar_hukum",
          "kualifikasi_pelaksana", "pencatatan_pendataan", "peralatan_perlengkapan"}
TITLE_LINES = {"standar operasional prosedur", "standard operating procedure", "sop",
               "standar operasional prosedur sop", "standar operasional prosedur administrasi pemerintahan"}
INSTITUTION_WORDS = ("pemerintah ", "kementerian ", "lembaga ", "badan ", "sekretariat jenderal ")
SIGNATURE_PLACEHOLDERS = {"ttd", "ttd.", "(ttd)", "t.t.d", "cap", "(cap)", "tanda tangan", "(tanda tangan)",
                          "...", "…", "ttd dan cap", "(ttd dan cap)"}
_RANK = re.compile(r"^(pembina|penata|pengatur|juru)\b|\b(i{1,3}|iv)\s*/\s*[a-e]\b", re.IGNORECASE)


def label_key(text: str) -> str | None:
    """The canonical key of a label cell's text (its first line, or the part before a colon)."""
    first = (text or "").split("\n", 1)[0]
    before = first.split(":", 1)[0] if ":" in first else first
    return LABELS.get(norm(before))


def is_identity_row(grid: Grid, row: int) -> bool:
    return any(label_key(cell.text) in STRONG for cell in grid.row_cells(row) if cell.row == row)


@dataclass
class _Reading:
    grid: Grid
    first: int
    last: int  # exclusive
    language: str
    used: set = field(default_factory=set)  # (row, col) of cells consumed as labels or values
    values: dict = field(default_factory=dict)  # key -> (cell text paragraphs, label text)

    def cells(self):
        seen = set()
        for r in range(self.first, self.last):
            for cell in self.grid.row_cells(r):
                if (cell.row, cell.col) not in seen and cell.row >= self.first:
                    seen.add((cell.row, cell.col))
                    yield cell

    def right_of(self, cell: Cell) -> Cell | None:
        col = cell.col + cell.colspan
        while col < self.grid.n_cols:
            nxt = self.grid.at(cell.row, col)
            if nxt is None:
                return None
            if flat(nxt.text) not in (":", "：") and nxt is not cell:
                return nxt
            col = nxt.col + nxt.colspan
        return None

    def below(self, cell: Cell) -> Cell | None:
        row = cell.row + cell.rowspan
        nxt = self.grid.at(row, cell.col) if row < self.last else None
        return nxt if nxt is not None and nxt.col == cell.col else None


def read_identity(grid: Grid, first: int, last: int, draft: DraftSop, language: str) -> None:
    """Fill ``draft.identity`` from the rows ``first``..``last`` of ``grid``, with notes."""
    reading = _Reading(grid, first, last, language)
    label_cols = set()
    for cell in list(reading.cells()):
        key = label_key(cell.text)
        if key is None or key in reading.values or (cell.row, cell.col) in reading.used:
            continue
        paragraphs = _value_of(reading, cell)
        if paragraphs is None:
            continue
        label_cols.add(cell.col)
        reading.values[key] = paragraphs
        label = flat(cell.text.split("\n", 1)[0].split(":", 1)[0])
        if norm(label) not in STANDARD:
            draft.note(NoteLevel.READ, say("id-label-variant", language, label=label, key=key), key)
    _extras(reading, label_cols, draft)
    _store(reading.values, draft, language)
    _unit(reading, label_cols, draft, language)
    draft.sources.append(grid.name)
    draft.note(NoteLevel.READ, say("id-read", language, where=grid.name,
                                   count=len([k for k in draft.identity if k != "tambahan"])))
    for key in ("nomor", "nama", "unit"):
        if not draft.identity.get(key):
            draft.identity[key] = ""
            draft.note(NoteLevel.CHECK, say("id-missing", language), key)


def _value_of(reading: _Reading, cell: Cell) -> list[str] | None:
    """The value paragraphs of a label cell, by the template rules in turn (None: not a label here)."""
    paragraphs = [p for p in cell.paragraphs if p.strip()]
    first = paragraphs[0] if paragraphs else ""
    reading.used.add((cell.row, cell.col))
    if ":" in first and flat(first.split(":", 1)[1]):
        return [first.split(":", 1)[1].strip()] + paragraphs[1:]
    if len(paragraphs) > 1:
        return paragraphs[1:]
    right = reading.right_of(cell)
    if right is not None and label_key(right.text) is None:
        reading.used.add((right.row, right.col))
        return list(right.paragraphs)
    below = reading.below(cell)
    if below is not None and label_key(below.text) is None:
        reading.used.add((below.row, below.col))
        return list(below.paragraphs)
    return []


def _extras(reading: _Reading, label_cols: set, draft: DraftSop) -> None:
    """Label-like cells in the label columns that are not standard: kept under ``tambahan``."""
    extras = {}
    for cell in reading.cells():
        if cell.col not in label_cols or (cell.row, cell.col) in reading.used or not cell.text:
            continue
        right = reading.right_of(cell)
        if right is None or (right.row, right.col) in reading.used or not right.text:
            continue
        label = flat(cell.text).rstrip(":").strip()
        if not label or norm(label) in TITLE_LINES:
            continue
        reading.used.update({(cell.row, cell.col), (right.row, right.col)})
        extras[label] = flat(right.text)
        draft.note(NoteLevel.READ, say("id-extra", reading.language, label=label), "tambahan")
    if extras:
        draft.identity["tambahan"] = extras


def _store(values: dict, draft: DraftSop, language: str) -> None:
    for key, paragraphs in values.items():
        if key in LIST_KEYS:
            items = list_items(paragraphs)
            if items:
                draft.identity[key] = items
        elif key == "disahkan_oleh":
            approval = read_approval(paragraphs, draft, language)
            if approval:
                draft.identity[key] = approval
        else:
            text = flat(" ".join(paragraphs))
            if not is_none(text):
                draft.identity[key] = text


def read_approval(paragraphs: list[str], draft: DraftSop, language: str) -> dict:
    """Position, name, rank and NIP from the lines of an approval block (signature space dropped)."""
    lines = []
    for paragraph in paragraphs:
        lines.extend(flat(line) for line in paragraph.split("\n"))
    lines = [line for line in lines if line and line.lower() not in SIGNATURE_PLACEHOLDERS]
    if not lines:
        return {}
    out: dict[str, str] = {}
    rest = []
    for line in lines:
        if norm(line).startswith("nip"):
            out["nip"] = flat(line[3:].lstrip(" .:"))
        elif _RANK.search(line) and "pangkat" not in out and rest:
            out["pangkat"] = line
        else:
            rest.append(line)
    if len(rest) >= 2:
        out["jabatan"] = " ".join(rest[:-1])
        out["nama"] = rest[-1]
        draft.note(NoteLevel.GUESSED, say("id-approval", language), "disahkan_oleh")
    elif rest:
        out["jabatan"] = rest[0]
        if len(out) > 1:
            draft.note(NoteLevel.CHECK, say("id-approval-unclear", language), "disahkan_oleh")
    return {key: out[key] for key in ("jabatan", "nama", "pangkat", "nip") if out.get(key)}


def _unit(reading: _Reading, label_cols: set, draft: DraftSop, language: str) -> None:
    """The owning unit (and institution) from the text cell no label claimed, left of the labels."""
    left = min(label_cols) if label_cols else reading.grid.n_cols
    candidates = [cell for cell in reading.cells()
                  if (cell.row, cell.col) not in reading.used and cell.text and label_key(cell.text) is None]
    candidates.sort(key=lambda c: (c.col >= left, c.row, c.col))
    for cell in candidates:
        lines = [flat(line) for line in cell.text.split("\n")]
        lines = [line for line in lines if line and norm(line) not in TITLE_LINES]
        if not lines:
            continue
        if len(lines) > 1 and lines[0].lower().startswith(INSTITUTION_WORDS):
            draft.identity["instansi"] = lines[0]
            draft.note(NoteLevel.GUESSED, say("id-instansi", language, text=lines[0]), "instansi")
            lines = lines[1:]
        draft.identity["unit"] = lines[0] if len(lines) == 1 else lines
        return
