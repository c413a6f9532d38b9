"""Bring existing SOPs in: Word (.docx) and Excel (.xlsx) files to reviewed ``sop`` pages.

Pure: imports the core (model, parser, YAML text) but no site generator. The pipeline:
``reader.import_file`` (format, tables, cut into SOPs) -> ``flow`` / ``identity`` (the
tables read into a :class:`~.draft.DraftSop` with notes) -> ``writer.write_page`` (the
page, in ``mkdocs-sop fmt``'s layout, notes as comments) -> ``report`` (what was read,
guessed, and needs a person; lint's verdict on the page).
"""

from __future__ import annotations

from .draft import DraftSop, DraftStep, Note, NoteLevel
from .reader import FileImport, import_file
from .writer import Page, write_page

from .batch import SUFFIXES, BatchResult, import_paths

__all__ = ["BatchResult", "import_paths", "DraftSop", "DraftStep", "FileImport", "Note", "NoteLevel", "Page", "SUFFIXES", "import_file",
           "write_page"]
