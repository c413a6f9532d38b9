"""The SOP model: plain frozen data, shared by every renderer, the plugin and the CLI.

Nothing here imports mkdocs or markdown, so the catalogue can be driven from any tool.
"""

from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass, field, replace
from enum import Enum

from .printable import terminal_safe


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem an editor must see: where (file, line, column), which key, what to do."""

    severity: Severity
    message: str
    path: str = ""
    line: int = 0  # 1-based line in the Markdown file; 0 when unknown
    column: int = 0  # 1-based; 0 when unknown
    key: str = ""  # dotted key path inside the block, e.g. "langkah[3].pelaksana"
    hint: str = ""  # what to do about it
    code: str = ""  # stable kebab-case id of the problem (core/messages.py), the same in every language
    source: str = ""  # the line as the editor wrote it, quoted under the message

    def excerpt(self) -> tuple[str, str]:
        """The quoted line and, under it, a ``^`` at the column (empty when nothing to quote).

        Without a column the marker sits under the line's first word (the key named).
        """
        if not self.source or not self.line:
            return "", ""
        number = f"{self.line:>4} | "
        text = self.source.replace("\t", "\u2192")  # a Tab shows as an arrow, one column wide
        column = self.column or len(text) - len(text.lstrip(" -")) + 1
        return number + text, " " * (len(number) - 2) + "| " + " " * (column - 1) + "^"

    def format(self) -> str:
        """``path:line:column: severity: message hint [code]`` as compilers and CI annotators print."""
        where = self.path or "mkdocs-sop"
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        text = self.message
        if self.key:
            text = f"`{self.key}`: {text}"
        if self.hint:
            text = f"{text} {self.hint}"
        if self.code:
            text = f"{text} [{self.code}]"
        return terminal_safe(f"{where}: {self.severity.value}: {text}")  # a log line: no raw ESC, CR, ...


class SopType(str, Enum):
    ADMINISTRATIF = "administratif"
    TEKNIS = "teknis"


class SopCategory(str, Enum):
    PELAYANAN = "pelayanan"
    RUTIN = "rutin"
    PENUGASAN = "penugasan"


class SopFormat(str, Enum):
    DIAGRAM_ALIR = "diagram-alir"
    LANGKAH_SEDERHANA = "langkah-sederhana"
    LANGKAH_BERJENJANG = "langkah-berjenjang"


class SopStatus(str, Enum):
    BERLAKU = "berlaku"
    DRAF = "draf"
    DICABUT = "dicabut"
    DIGANTIKAN = "digantikan"


class Symbol(str, Enum):
    """The five symbols of Permen PANRB 35/2012 (the arrow is drawn, not placed)."""

    TERMINATOR = "terminator"
    PROCESS = "process"
    DECISION = "decision"
    CONNECTOR = "connector"


class TargetKind(str, Enum):
    STEP = "step"  # another step of the same SOP (resolved to its number)
    END = "end"  # selesai / end
    SOP = "sop"  # continues in another SOP (off-page connector)


@dataclass(frozen=True)
class Target:
    """Where the flow goes next. ``step`` is the 1-based number once resolved."""

    kind: TargetKind
    step: int = 0
    sop: str = ""  # the other SOP's nomor for kind SOP
    written: str = ""  # as the editor wrote it, for messages
    line: int = field(default=0, compare=False)  # Markdown line of the key that named it

    @property
    def is_step(self) -> bool:
        return self.kind is TargetKind.STEP


@dataclass(frozen=True)
class FlexDate:
    """A date as written: a full date when we could read one, else the text verbatim."""

    text: str
    date: _dt.date | None = None
    year: int | None = None  # known even for "Juni 2020" / "2019"
    month: int | None = None
    impossible: bool = False  # shaped like a date, but no such day (``2024-13-01``, ``31 April 2020``)


@dataclass(frozen=True)
class Approval:
    jabatan: str = ""
    nama: str = ""
    pangkat: str = ""
    nip: str = ""


@dataclass(frozen=True)
class Revision:
    tanggal: FlexDate
    uraian: str


@dataclass(frozen=True)
class Step:
    number: str  # "1", or "2.1" for hierarchical steps
    index: int  # 1-based position among top-level steps (flowchart rows)
    kegiatan: str
    pelaksana: tuple[str, ...]
    line: int = 0
    id: str = ""
    kelengkapan: tuple[str, ...] = ()
    waktu: str = ""
    output: str = ""
    keterangan: str = ""
    decision: bool = False
    question: str = ""  # the decision's question when written as text
    yes: Target | None = None  # decisions only (resolved; default next step)
    no: Target | None = None  # decisions only
    next: Target | None = None  # non-decisions (resolved; default next step or end)
    substeps: tuple["Step", ...] = ()
    actor_line: int = field(default=0, compare=False)  # line of its `pelaksana:` (messages point there)

    @property
    def symbol(self) -> Symbol:
        """Symbol by the regulation's rules; the first/last distinction needs the SOP."""
        return Symbol.DECISION if self.decision else Symbol.PROCESS

    def targets(self) -> tuple[tuple[str, Target], ...]:
        """Outgoing edges as (branch, target); branch is "ya", "tidak" or ""."""
        if self.decision:
            out = []
            if self.yes is not None:
                out.append(("ya", self.yes))
            if self.no is not None:
                out.append(("tidak", self.no))
            return tuple(out)
        return (("", self.next),) if self.next is not None else ()


@dataclass(frozen=True)
class Sop:
    nomor: str
    nama: str
    unit: tuple[str, ...]
    steps: tuple[Step, ...]
    instansi: str = ""
    jenis: SopType = SopType.ADMINISTRATIF
    kategori: SopCategory | None = None
    format: SopFormat = SopFormat.DIAGRAM_ALIR
    tanggal_pembuatan: FlexDate | None = None
    tanggal_revisi: FlexDate | None = None
    tanggal_efektif: FlexDate | None = None
    disahkan_oleh: Approval | None = None
    dasar_hukum: tuple[str, ...] = ()
    kualifikasi_pelaksana: tuple[str, ...] = ()
    keterkaitan: tuple[str, ...] = ()
    peralatan_perlengkapan: tuple[str, ...] = ()
    peringatan: tuple[str, ...] = ()
    pencatatan_pendataan: tuple[str, ...] = ()
    tambahan: tuple[tuple[str, str], ...] = ()
    proses_bisnis: str = ""
    status: SopStatus = SopStatus.BERLAKU
    tanggal_dicabut: FlexDate | None = None  # when a revoked or superseded SOP stopped applying
    alasan_dicabut: str = ""  # why (the revoking decision, the SOP that replaced it ...)
    menggantikan: tuple[str, ...] = ()
    riwayat: tuple[Revision, ...] = ()
    pelaksana: tuple[str, ...] = ()  # resolved column order (given, or order of appearance)
    print_rows: int | None = None  # rows per printed page; None = site default
    source_path: str = ""
    line: int = 0  # line of the opening fence in the Markdown file
    lines: dict = field(default_factory=dict, compare=False, hash=False)  # key -> line
    anchor_id: str = ""  # set only when another SOP on the same page has the same anchor: see unique_anchor

    def symbol_of(self, step: Step) -> Symbol:
        """The official symbol: start/end terminators, decisions, process boxes."""
        if step.decision:
            return Symbol.DECISION
        if step.index == 1 or step.next is None or step.next.kind is TargetKind.END:
            return Symbol.TERMINATOR
        return Symbol.PROCESS

    @property
    def anchor(self) -> str:
        """A stable HTML id for this SOP on its page."""
        return self.anchor_id or "sop-" + slug(self.nomor)


def unique_anchor(sop: "Sop", used: set[str]) -> "Sop":
    """``sop`` with an id no earlier SOP of its page took (``used``, updated).

    The slug folds case and punctuation (``470/SOP/1`` and ``470-SOP-1`` are both
    ``sop-470-sop-1``), so a later SOP of the same page gets a short digest of its exact
    nomor added. The page's renderer and the catalogue both call this, in the page's
    order, so links and ids agree; an SOP that collides with nothing keeps its object.
    """
    anchor = sop.anchor
    if anchor in used:
        import hashlib

        base = f"{anchor}-{hashlib.sha256(sop.nomor.encode('utf-8')).hexdigest()[:6]}"
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        sop = replace(sop, anchor_id=anchor)
    used.add(anchor)
    return sop


def walk_steps(steps: "tuple[Step, ...] | list[Step]"):
    """Every step, depth first, a parent before its sub-steps: the one walker over steps."""
    for step in steps:
        yield step
        yield from walk_steps(step.substeps)


def leaf_steps(steps: "tuple[Step, ...] | list[Step]"):
    """The steps that do the work (a parent of sub-steps is a heading), in reading order."""
    return (s for s in walk_steps(steps) if not s.substeps)


@functools.lru_cache(maxsize=65536)  # the same numbers and names are slugged by every page and listing
def slug(text: str) -> str:
    """ASCII slug for anchors and file names: lower-case letters, digits and dashes."""
    import unicodedata

    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = []
    prev_dash = False
    for ch in norm.lower():
        if ch.isalnum():
            out.append(ch)
            prev_dash = False
        elif not prev_dash:
            out.append("-")
            prev_dash = True
    return "".join(out).strip("-") or "sop"


@dataclass(frozen=True)
class ParseResult:
    """What one block gave: the SOP when it is usable, and every diagnostic."""

    sop: Sop | None
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def ok(self) -> bool:
        return self.sop is not None and not any(d.severity is Severity.ERROR for d in self.diagnostics)
