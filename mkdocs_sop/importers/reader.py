"""One file in, its SOPs out: recognise the format, read the tables, cut them into SOPs.

A file may hold a cover page, the enacting decree, a list of SOPs and then several SOPs,
each an identity table followed by one or more flowchart tables (a flowchart continued
on the next page is a second table whose numbering goes on). Tables that are neither
are skipped and named in the report. A file that is not an Office file, is protected,
is empty or holds no flowchart gives one line and no SOP.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field

from .draft import DraftSop, NoteLevel
from .flow import read_steps
from .flowtable import FlowTable, is_header_row, read_header
from .grid import Grid, SourceDocument
from .identity import is_identity_row, label_key, read_identity
from .texts import say

CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: old .doc/.xls, or an encrypted .docx/.xlsx
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_FILE_BYTES = 200 * 1024 * 1024
MIN_IDENTITY_LABELS = 3


@dataclass(frozen=True)
class FileImport:
    """What one file gave: its SOPs, or the one line saying why it gave none."""

    path: str
    sops: tuple[DraftSop, ...] = ()
    problem: str = ""
    notes: tuple[str, ...] = ()  # file-level remarks (skipped tables, identity without flowchart)


def import_file(path: str, language: str = "id") -> FileImport:
    """Read one .docx or .xlsx file into draft SOPs (never raises for a bad file)."""
    kind, problem = sniff(path, language)
    if problem:
        return FileImport(path, problem=problem)
    try:
        if kind == "docx":
            from .docx import read_docx

            document = read_docx(path)
        else:
            from .xlsx import read_xlsx

            document = read_xlsx(path)
    except Exception as exc:  # noqa: BLE001 - a damaged file is one line, never a traceback
        detail = " ".join(str(exc).split())[:160] or type(exc).__name__
        return FileImport(path, problem=say("bad-damaged", language, error=detail))
    try:
        return cut_into_sops(path, document, language)
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop an import of hundreds
        detail = f"{type(exc).__name__}: {' '.join(str(exc).split())[:160]}"
        return FileImport(path, problem=say("bad-bug", language, error=detail))


def sniff(path: str, language: str) -> tuple[str, str]:
    """("docx" | "xlsx", "") or ("", the reason the file cannot be imported)."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        return "", say("bad-damaged", language, error=exc.strerror or exc)
    if size == 0:
        return "", say("bad-empty", language)
    if size > MAX_FILE_BYTES:
        return "", say("bad-damaged", language, error=f"{size // (1024 * 1024)} MB")
    if head == CFB_SIGNATURE:
        with open(path, "rb") as handle:
            data = handle.read(min(size, 4 * 1024 * 1024))
        encrypted = "EncryptionInfo".encode("utf-16-le") in data
        return "", say("bad-encrypted" if encrypted else "bad-old-format", language)
    if not head.startswith(ZIP_SIGNATURE):
        return "", say("bad-not-office", language)
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        return "", say("bad-damaged", language, error=exc)
    if "word/document.xml" in names:
        return "docx", ""
    if "xl/workbook.xml" in names:
        return "xlsx", ""
    return "", say("bad-not-office", language)


@dataclass
class _Part:
    grid: Grid
    first: int
    last: int
    flow: FlowTable | None = None  # None: an identity part


@dataclass
class _Sop:
    draft: DraftSop
    tables: list[FlowTable] = field(default_factory=list)
    identity_where: str = ""


def _parts(document: SourceDocument) -> tuple[list[_Part], list[str]]:
    """Identity and flowchart parts in reading order, and the names of tables that are neither."""
    parts: list[_Part] = []
    skipped: list[str] = []
    for grid in document.grids:
        found = False
        start, row = 0, 0
        while row < grid.n_rows:
            if not is_header_row(grid, row):
                row += 1
                continue
            found |= _identity_part(grid, start, row, parts)
            end = row + 1
            while end < grid.n_rows and not is_header_row(grid, end) and not is_identity_row(grid, end):
                end += 1
            parts.append(_Part(grid, row, end, read_header(grid, row, end)))
            found = True
            start = row = end
        found |= _identity_part(grid, start, grid.n_rows, parts)
        if not found:
            skipped.append(grid.name)
    return parts, skipped


def _identity_part(grid: Grid, first: int, last: int, parts: list[_Part]) -> bool:
    """Rows holding at least three different identity labels (a list of SOPs has two at most)."""
    keys = {label_key(cell.text) for r in range(first, last) for cell in grid.row_cells(r) if cell.row == r}
    if len(keys - {None}) < MIN_IDENTITY_LABELS:
        return False
    parts.append(_Part(grid, first, last))
    return True


def _first_number(table: FlowTable) -> int | None:
    from .flowtable import Role

    for first, _ in table.step_rows():
        cell = table.text(first, Role.NO)
        text = cell.text.strip().strip("().") if cell is not None else ""
        if text.isdigit():
            return int(text)
        if text:
            return None
    return None


def cut_into_sops(path: str, document: SourceDocument, language: str) -> FileImport:
    parts, skipped = _parts(document)
    sops: list[_Sop] = []
    notes: list[str] = []
    current: _Sop | None = None
    for part in parts:
        if part.flow is None:
            current = _Sop(DraftSop(), identity_where=part.grid.name)
            read_identity(part.grid, part.first, part.last, current.draft, language)
            sops.append(current)
            continue
        number = _first_number(part.flow)
        if current is not None and not current.tables:
            current.tables.append(part.flow)
        elif current is not None and number is not None and number > 1:
            current.tables.append(part.flow)
            current.draft.note(NoteLevel.READ, say("flow-continued", language, where=part.grid.name, number=number))
        else:
            current = _Sop(DraftSop())
            current.draft.note(NoteLevel.CHECK, say("id-none", language))
            for key in ("nomor", "nama", "unit"):
                current.draft.identity[key] = ""
                current.draft.note(NoteLevel.CHECK, say("id-missing", language), key)
            current.tables.append(part.flow)
            sops.append(current)
    if skipped:
        notes.append(say("flow-skipped-tables", language, count=len(skipped), names=", ".join(skipped)))
    if document.loose_shapes:
        notes.append(say("flow-loose", language, count=document.loose_shapes))
    drafts = []
    for sop in sops:
        if not sop.tables:
            notes.append(say("identity-without-flow", language, where=sop.identity_where,
                             nomor=sop.draft.identity.get("nomor") or "-"))
            continue
        for table in sop.tables:
            if table.grid.name not in sop.draft.sources:
                sop.draft.sources.append(table.grid.name)
        read_steps(sop.tables, sop.draft, language)
        if sop.draft.steps:
            drafts.append(sop.draft)
    if not drafts:
        if not document.grids:
            problem = say("bad-no-tables", language)
        elif any(sop.tables for sop in sops):
            problem = say("bad-no-steps", language)
        else:
            problem = say("bad-no-flowchart", language)
        return FileImport(path, problem=problem, notes=tuple(notes))
    return FileImport(path, tuple(drafts), notes=tuple(notes))
