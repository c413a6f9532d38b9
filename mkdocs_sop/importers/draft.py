"""The importer's own model: an SOP as read from a file, with what was read, guessed and unclear.

A :class:`DraftSop` is not a :class:`~mkdocs_sop.core.model.Sop`: it keeps text exactly as
written (an actor written "sda", a time written "30menit"), may lack what the file lacks
(a decision without a readable "Tidak" branch) and carries :class:`Note` objects that the
YAML writer turns into comments at the right line and the review report lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ..core.model import Symbol


class NoteLevel(str, Enum):
    READ = "read"  # what was read (the report's summary)
    GUESSED = "guessed"  # a reading that rests on a rule of thumb (said how)
    CHECK = "check"  # a person must look: kept as written, or left out


@dataclass(frozen=True)
class Note:
    level: NoteLevel
    text: str
    key: str = ""  # the YAML key it belongs to: "nomor", "langkah[3].pelaksana" ("" for the page)


END = "selesai"


@dataclass
class DraftStep:
    """One row of the flowchart table as read (targets are 1-based step positions or ``END``)."""

    number: str  # as written in the No column
    kegiatan: str
    actors: list[str] = field(default_factory=list)
    kelengkapan: list[str] = field(default_factory=list)
    waktu: str = ""
    output: str = ""
    keterangan: str = ""
    decision: bool = False
    question: str = ""
    ya: int | str | None = None
    tidak: int | str | None = None
    lanjut: int | str | None = None
    drawn: Symbol | None = None  # the symbol drawn in the source, when there was one
    where: str = ""  # "tabel 2, baris 5"


@dataclass
class DraftSop:
    identity: dict = field(default_factory=dict)  # canonical key -> str | list[str] | dict
    actors: list[str] = field(default_factory=list)
    steps: list[DraftStep] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # the tables/sheets it was read from

    def note(self, level: NoteLevel, text: str, key: str = "") -> None:
        self.notes.append(Note(level, text, key))

    @property
    def title(self) -> str:
        return str(self.identity.get("nama") or self.identity.get("nomor") or "")
