"""Monitoring and evaluation records (the SOP cycle after signing): model, parse, validate.

Permen PANRB 35/2012 asks every unit to monitor each SOP in force every semester (its
Tabel 7) and to evaluate each SOP at least yearly against seven criteria. The records
are plain YAML files beside the SOPs, so they are reviewed in git like the SOPs and do
not clutter the ``sop`` block:

- ``<anything>.monitoring.yml``: one monitoring round of one unit in one semester;
- ``<anything>.evaluasi.yml``: one evaluation meeting and the SOPs it evaluated.

Pure core: :func:`parse_record` reads one file (its shape, with the file's own lines),
:func:`check_site` checks the records against the SOPs of the site (unknown SOP, a
period written two ways, a round given twice). A bad result is dropped with a message;
the rest of the file and every other file are kept.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Iterable, Mapping, Sequence

from .messages import DEFAULT_LANGUAGE, make
from .model import Diagnostic, FlexDate, Severity
from .parse import Key, _alias_map, _Fields, _normalise_keys, _Reporter, _backticked, did_you_mean
from .yamlload import LineDict, LineList, YamlProblem, load

MONITORING_SUFFIX = ".monitoring.yml"
EVALUATION_SUFFIX = ".evaluasi.yml"


# --- kinds ---------------------------------------------------------------------------

class RecordKind(str, Enum):
    MONITORING = "monitoring"
    EVALUASI = "evaluasi"


class Assessment(str, Enum):
    """Tabel 7's *penilaian terhadap penerapan*."""

    BAIK = "baik"  # berjalan dengan baik
    TIDAK_BAIK = "tidak-baik"  # tidak berjalan dengan baik


class Method(str, Enum):
    """How the monitoring was done (the regulation's four ways)."""

    OBSERVASI = "observasi"
    WAWANCARA = "wawancara"
    DISKUSI_KELOMPOK = "diskusi-kelompok"
    PEMBINAAN = "pembinaan"


class Criterion(str, Enum):
    """The seven evaluation criteria, in the regulation's order."""

    MENDORONG_KINERJA = "mendorong_kinerja"
    MUDAH_DIPAHAMI = "mudah_dipahami"
    MUDAH_DILAKSANAKAN = "mudah_dilaksanakan"
    PERAN_JELAS = "peran_jelas"
    MENGATASI_MASALAH = "mengatasi_masalah"
    MENJAWAB_KEBUTUHAN = "menjawab_kebutuhan"
    SINERGI = "sinergi"


class Decision(str, Enum):
    """What an evaluation decides for the SOP."""

    TETAP = "tetap"
    REVISI = "revisi"
    PENGGABUNGAN = "penggabungan"
    PENGHAPUSAN = "penghapusan"
    PENAMBAHAN = "penambahan"


#: The criteria as the regulation words them (Indonesian, English).
CRITERION_TEXT: dict[Criterion, tuple[str, str]] = {
    Criterion.MENDORONG_KINERJA: ("Mampu mendorong peningkatan kinerja", "Drives better performance"),
    Criterion.MUDAH_DIPAHAMI: ("Mudah dipahami", "Easy to understand"),
    Criterion.MUDAH_DILAKSANAKAN: ("Mudah dilaksanakan", "Easy to carry out"),
    Criterion.PERAN_JELAS: ("Semua orang dapat menjalankan perannya masing-masing",
                            "Everyone can play their own part"),
    Criterion.MENGATASI_MASALAH: ("Mampu mengatasi permasalahan yang berkaitan dengan proses",
                                  "Solves the problems of the process"),
    Criterion.MENJAWAB_KEBUTUHAN: ("Mampu menjawab kebutuhan peningkatan kinerja organisasi",
                                   "Meets the organisation's need to perform better"),
    Criterion.SINERGI: ("Sinergi satu dengan lainnya", "Works together with the other SOPs"),
}

_ASSESSMENTS = {"berjalan dengan baik": "baik", "berjalan baik": "baik", "baik": "baik", "running well": "baik",
                "tidak berjalan dengan baik": "tidak-baik", "tidak baik": "tidak-baik", "tidak berjalan baik": "tidak-baik",
                "not running well": "tidak-baik"}
_METHODS = {"observasi": "observasi", "observation": "observasi", "wawancara": "wawancara",
            "interview": "wawancara", "diskusi kelompok": "diskusi-kelompok", "focus group": "diskusi-kelompok",
            "pembinaan": "pembinaan", "coaching": "pembinaan"}
_DECISIONS = {"tetap": "tetap", "keep": "tetap", "revisi": "revisi", "revise": "revisi",
              "penggabungan": "penggabungan", "merge": "penggabungan", "penghapusan": "penghapusan",
              "remove": "penghapusan", "penambahan": "penambahan", "add": "penambahan"}
_YES_NO = {"ya": True, "yes": True, "y": True, "tidak": False, "no": False, "t": False}


# --- the records ---------------------------------------------------------------------

@dataclass(frozen=True, order=True)
class Period:
    """A semester: ``2025-S1`` is January to June 2025, ``2025-S2`` July to December."""

    year: int
    half: int  # 1 or 2

    @property
    def code(self) -> str:
        return f"{self.year}-S{self.half}"

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        roman = "I" if self.half == 1 else "II"
        return f"Semester {roman} {self.year}" if language != "en" else f"Semester {self.half} {self.year}"

    def contains(self, day: _dt.date) -> bool:
        return day.year == self.year and (day.month <= 6) == (self.half == 1)

    @classmethod
    def of(cls, day: _dt.date) -> "Period":
        return cls(day.year, 1 if day.month <= 6 else 2)


_PERIOD_SHAPES = (
    re.compile(r"(?P<year>\d{4})\s*[-/ ]\s*(?:s|semester)?\s*(?P<half>[12]|ii|i)"),
    re.compile(r"(?:s|semester)\s*(?P<half>[12]|ii|i)\s*[-/ ]?\s*(?:tahun\s+)?(?P<year>\d{4})"),
)


def parse_period(value: Any) -> Period | None:
    """``2025-S1``, ``2025/1``, ``Semester I 2025``, ``S2 2025``, ...; ``None`` when not a semester."""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        return None
    text = " ".join(str(value).lower().split())
    for shape in _PERIOD_SHAPES:
        m = shape.fullmatch(text)
        if m:
            half = {"i": 1, "ii": 2}.get(m.group("half")) or int(m.group("half"))
            return Period(int(m.group("year")), half)
    return None


@dataclass(frozen=True)
class MonitoringResult:
    """One row of Tabel 7: how one SOP ran in the period."""

    sop: str  # the SOP's nomor (or name) as written
    penilaian: Assessment
    catatan: str = ""
    tindakan: str = ""
    penilai: tuple[str, ...] = ()
    tanggal: FlexDate | None = None
    metode: tuple[Method, ...] = ()
    line: int = 0  # line of the row in the file (1-based)
    index: int = 0  # its place under `hasil` as written (1-based), for messages


@dataclass(frozen=True)
class MonitoringRound:
    """One unit's monitoring in one semester (one ``*.monitoring.yml``)."""

    unit: tuple[str, ...]
    periode: Period
    periode_text: str  # as written, to tell a period written two ways
    hasil: tuple[MonitoringResult, ...]
    penilai: tuple[str, ...] = ()
    tanggal: FlexDate | None = None
    path: str = ""
    line: int = 0
    periode_line: int = 0


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    ya: bool
    catatan: str = ""


@dataclass(frozen=True)
class SopEvaluation:
    """One SOP evaluated at a meeting: the seven criteria, findings and the decision."""

    sop: str
    kriteria: tuple[CriterionResult, ...]  # all seven, in the regulation's order
    keputusan: Decision
    temuan: tuple[str, ...] = ()
    tindak_lanjut: tuple[str, ...] = ()  # the follow-up SOP(s) by nomor, or a decree as text
    line: int = 0
    index: int = 0  # its place under `hasil` as written (1-based), for messages

    @property
    def score(self) -> int:
        """How many criteria were met."""
        return sum(1 for c in self.kriteria if c.ya)


@dataclass(frozen=True)
class EvaluationMeeting:
    """One evaluation meeting (one ``*.evaluasi.yml``): the minutes' facts and its SOPs."""

    tanggal: FlexDate
    hasil: tuple[SopEvaluation, ...]
    unit: tuple[str, ...] = ()
    tempat: str = ""
    evaluator: tuple[str, ...] = ()
    pimpinan: str = ""  # who chaired the meeting and signs the minutes
    nomor: str = ""  # the minutes' number (Berita Acara)
    path: str = ""
    line: int = 0

    @property
    def date(self) -> _dt.date | None:
        return self.tanggal.date


Record = MonitoringRound | EvaluationMeeting


@dataclass(frozen=True)
class RecordResult:
    """What one file gave: the record when usable, and every diagnostic."""

    record: Record | None
    diagnostics: tuple[Diagnostic, ...] = ()


def record_kind(path: str) -> RecordKind | None:
    """The kind of record a file holds, by its name; ``None`` for any other file."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    if name.endswith(MONITORING_SUFFIX):
        return RecordKind.MONITORING
    if name.endswith(EVALUATION_SUFFIX):
        return RecordKind.EVALUASI
    return None


# --- reading one file ------------------------------------------------------------------

ROUND_KEYS = (Key("unit", (), True), Key("periode", ("period",), True), Key("penilai", ("assessors",)),
              Key("tanggal", ("date",)), Key("hasil", ("results",), True))
RESULT_KEYS = (Key("sop", (), True), Key("penilaian", ("assessment",), True), Key("catatan", ("notes",)),
               Key("tindakan", ("action",)), Key("penilai", ("assessor",)), Key("tanggal", ("date",)),
               Key("metode", ("method",)))
MEETING_KEYS = (Key("tanggal", ("date",), True), Key("nomor", ("number",)), Key("unit", ()),
                Key("tempat", ("place",)), Key("pimpinan", ("chair",)), Key("evaluator", ("evaluators",)),
                Key("hasil", ("results",), True))
EVALUATION_KEYS = (Key("sop", (), True), Key("kriteria", ("criteria",), True), Key("temuan", ("findings",)),
                   Key("keputusan", ("decision",), True), Key("tindak_lanjut", ("follow_up",)))
CRITERION_KEYS = (Key("nilai", ("value",), True), Key("catatan", ("notes",)))
_CRITERION_ALIASES = {c.value: c.value for c in Criterion}


class _RecordFields(_Fields):
    def choice(self, key: str, allowed: Mapping[str, str]) -> str:
        """One of ``allowed`` (spelling -> value), else a message and ``""``."""
        value = self.values.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self._wrong(key, "one-of", value, choices=_shown(allowed))
            return ""
        return self._pick(key, value, allowed)

    def choices(self, key: str, allowed: Mapping[str, str]) -> tuple[str, ...]:
        """Several of ``allowed`` (a value or a list), each checked."""
        picked = (self._pick(key, item, allowed) for item in self.text_list(key))
        return tuple(dict.fromkeys(p for p in picked if p))

    def _pick(self, key: str, written: str, allowed: Mapping[str, str]) -> str:
        found = allowed.get(" ".join(written.lower().replace("_", " ").replace("-", " ").split()))
        if found is None:
            self.rep.add("value-not-allowed", self.line(key), f"{self.where}{key}",
                         did_you_mean(written, allowed.keys(), self.rep.language) or None,
                         value=written, choices=_shown(allowed))
            return ""
        return found


def _shown(allowed: Mapping[str, str]) -> str:
    """The Indonesian spellings to suggest: the first one written for each value."""
    firsts: dict[str, str] = {}
    for written, value in allowed.items():
        firsts.setdefault(value, written)
    return _backticked(firsts.values())


def parse_record(text: str, path: str, language: str = DEFAULT_LANGUAGE) -> RecordResult:
    """Read one record file; its kind comes from its name (see :func:`record_kind`)."""
    kind = record_kind(path)
    rep = _Reporter(path, 1, language)
    try:
        data = load(text)
    except YamlProblem as exc:
        code = "yaml-tab" if exc.tabs else "yaml-invalid"
        rep.add(code, exc.line, column=exc.column + 1,
                problem=(exc.problem if exc.tabs else exc.message).rstrip("."))
        return RecordResult(None, tuple(rep.items))
    if not isinstance(data, LineDict):
        rep.add("block-not-mapping", 0, found=rep.shape(data))
        return RecordResult(None, tuple(rep.items))
    if kind is RecordKind.MONITORING:
        record = _round(data, path, rep)
    else:
        record = _meeting(data, path, rep)
    return RecordResult(record, tuple(rep.items))


def _fields(data: LineDict, keys: tuple[Key, ...], where: str, rep: _Reporter) -> _RecordFields:
    values, lines = _normalise_keys(data, _alias_map(keys), where, rep, keys)
    return _RecordFields(values, lines, rep, where, data.line)


def _items(f: _RecordFields, key: str, expected: str) -> list[tuple[int, LineDict, int]]:
    """The mappings listed under ``key``: (index, mapping, 0-based line); others reported."""
    value = f.values.get(key)
    if value is None:
        if key in f.values:
            f.rep.add("empty-value", f.line(key), key)
        return []
    if not isinstance(value, list):
        f._wrong(key, expected, value)
        return []
    out = []
    for i, item in enumerate(value):
        line = value.item_lines[i] if isinstance(value, LineList) else f.line(key)
        if isinstance(item, LineDict):
            out.append((i, item, line))
        else:
            f.rep.add("wrong-shape", line, f"{key}[{i + 1}]", None,
                      expected=f.rep.phrase("expect-mapping"), found=f.rep.shape(item))
    return out


def _period(f: _RecordFields) -> tuple[Period | None, str]:
    value = f.values.get("periode")
    period = parse_period(value)
    if period is None and value is not None:
        f.rep.add("period-invalid", f.line("periode"), "periode", value=str(value))
    return period, "" if value is None else " ".join(str(value).split())


def _round(data: LineDict, path: str, rep: _Reporter) -> MonitoringRound | None:
    f = _fields(data, ROUND_KEYS, "", rep)
    unit = f.text_list("unit")
    if "unit" in f.values and not unit and not rep.failed:
        rep.add("empty-value", f.line("unit"), "unit", rep.hint("name-the-unit"))
    period, written = _period(f)
    penilai = f.text_list("penilai")
    tanggal = f.date("tanggal")
    if rep.failed or period is None:
        return None
    results = _rows(f, rep, lambda *row: _result(*row, period=period, penilai=penilai))
    return MonitoringRound(unit=unit, periode=period, periode_text=written, hasil=tuple(results),
                           penilai=penilai, tanggal=tanggal, path=path, line=data.line + 1,
                           periode_line=rep.md_line(f.line("periode")))


def _rows(f: _RecordFields, rep: _Reporter, read: Callable) -> list:
    """Each row under ``hasil``, read by ``read(item, where, rep, line, index)``; a second row of one SOP is left out."""
    rows: list = []
    seen: dict[str, int] = {}
    for i, item, line in _items(f, "hasil", "mapping"):
        row = read(item, f"hasil[{i + 1}].", rep, line, i + 1)
        if row is None:
            continue
        if row.sop in seen:
            rep.add("record-sop-twice", line, f"hasil[{i + 1}].sop", sop=row.sop, first=seen[row.sop])
            continue
        seen[row.sop] = row.line
        rows.append(row)
    return rows


def _result(item: LineDict, where: str, rep: _Reporter, line: int, index: int, *, period: Period,
            penilai: tuple[str, ...]) -> MonitoringResult | None:
    """One Tabel 7 row; the round's assessors stand in when the row names none."""
    before = len([d for d in rep.items if d.severity is Severity.ERROR])
    f = _fields(item, RESULT_KEYS, where, rep)
    sop = f.text("sop", required=True)
    assessment = f.choice("penilaian", _ASSESSMENTS)
    result = MonitoringResult(
        sop=sop, penilaian=Assessment(assessment or "baik"), catatan=f.text("catatan"),
        tindakan=f.text("tindakan"), penilai=f.text_list("penilai") or penilai, tanggal=f.date("tanggal"),
        metode=tuple(Method(m) for m in f.choices("metode", _METHODS)), line=rep.md_line(line), index=index)
    if len([d for d in rep.items if d.severity is Severity.ERROR]) > before:
        return None  # this row is dropped; the others are kept
    if result.penilaian is Assessment.TIDAK_BAIK and not result.tindakan:
        rep.add("action-missing", line, f"{where}tindakan")
    day = result.tanggal.date if result.tanggal else None
    if day is not None and not period.contains(day):
        rep.add("date-outside-period", f.line("tanggal"), f"{where}tanggal", value=result.tanggal.text,
                period=period.code)
    return result


def _meeting(data: LineDict, path: str, rep: _Reporter) -> EvaluationMeeting | None:
    f = _fields(data, MEETING_KEYS, "", rep)
    tanggal = f.date("tanggal")
    meeting_fields = dict(nomor=f.text("nomor"), unit=f.text_list("unit"), tempat=f.text("tempat"),
                          pimpinan=f.text("pimpinan"), evaluator=f.text_list("evaluator"))
    if rep.failed or tanggal is None:
        return None
    if tanggal.date is None:
        rep.add("wrong-shape", f.line("tanggal"), "tanggal", None,
                expected=rep.phrase("expect-full-date"), found=tanggal.text)
        return None
    results = _rows(f, rep, _evaluation)
    return EvaluationMeeting(tanggal=tanggal, hasil=tuple(results), path=path, line=data.line + 1,
                             **meeting_fields)


def _evaluation(item: LineDict, where: str, rep: _Reporter, line: int, index: int) -> SopEvaluation | None:
    before = len([d for d in rep.items if d.severity is Severity.ERROR])
    f = _fields(item, EVALUATION_KEYS, where, rep)
    sop = f.text("sop", required=True)
    criteria = _criteria(f, where + "kriteria", rep)
    decision = f.choice("keputusan", _DECISIONS)
    temuan = f.text_list("temuan")
    follow_up = f.text_list("tindak_lanjut")
    if len([d for d in rep.items if d.severity is Severity.ERROR]) > before or criteria is None or not decision:
        return None
    evaluation = SopEvaluation(sop=sop, kriteria=criteria, keputusan=Decision(decision), temuan=temuan,
                               tindak_lanjut=follow_up, line=rep.md_line(line), index=index)
    if evaluation.keputusan is not Decision.TETAP and not follow_up:
        rep.add("follow-up-missing", f.line("keputusan"), f"{where}tindak_lanjut",
                decision=evaluation.keputusan.value)
    return evaluation


def _criteria(f: _RecordFields, where: str, rep: _Reporter) -> tuple[CriterionResult, ...] | None:
    """All seven criteria, each ``ya``/``tidak`` or ``{nilai: ya, catatan: ...}``."""
    value = f.values.get("kriteria")
    if not isinstance(value, LineDict):
        if value is not None:
            f._wrong("kriteria", "mapping", value)
        return None
    found: dict[Criterion, CriterionResult] = {}
    for key, line in value.duplicates:
        rep.add("duplicate-key", line, f"{where}.{key}")
    for raw_key, raw in value.items():
        line = value.key_lines.get(raw_key, value.line)
        name = str(raw_key).strip().lower()
        if name not in _CRITERION_ALIASES:
            rep.add("unknown-key", line, f"{where}.{raw_key}",
                    did_you_mean(name, _CRITERION_ALIASES, rep.language) or None,
                    keys=_backticked(c.value for c in Criterion))
            continue
        criterion = Criterion(name)
        note = ""
        if isinstance(raw, LineDict):
            inner = _fields(raw, CRITERION_KEYS, f"{where}.{name}.", rep)
            note = inner.text("catatan")
            raw = inner.values.get("nilai")
        answer = _yes_no(raw)
        if answer is None:
            rep.add("value-not-allowed", line, f"{where}.{name}", None, value=str(raw), choices="`ya`, `tidak`")
            continue
        found[criterion] = CriterionResult(criterion, answer, note)
    missing = [c for c in Criterion if c not in found]
    if missing:
        rep.add("criterion-missing", f.line("kriteria"), where, missing=_backticked(c.value for c in missing))
        return None
    return tuple(found[c] for c in Criterion)


def _yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _YES_NO.get(value.strip().lower())
    return None


# --- checks against the site -------------------------------------------------------------

@dataclass(frozen=True)
class SiteView:
    """What the checks need to know of the site's SOPs (given by the catalogue)."""

    find: Callable[[str], str | None]  # a nomor or name -> the SOP's nomor, or None
    units: frozenset[tuple[str, ...]]  # every unit path an SOP names (without instansi)
    unit_of: Callable[[str], tuple[str, ...]]  # nomor -> that SOP's unit path


def unit_covers(unit: Sequence[str], sop_unit: Sequence[str]) -> bool:
    """A round of ``unit`` covers the SOPs of that unit and of its sub-units."""
    return tuple(sop_unit[: len(unit)]) == tuple(unit)


def check_site(records: Sequence[Record], site: SiteView,
               language: str = DEFAULT_LANGUAGE) -> tuple[list[Record], list[Diagnostic]]:
    """Drop what names nothing in the site and report it; keep everything else.

    Returns the records (results naming an unknown SOP left out; rounds for a unit no
    SOP names, or given twice, left out) and the diagnostics, in file order.
    """
    diagnostics: list[Diagnostic] = []
    kept: list[Record] = []
    spelled: dict[Period, MonitoringRound] = {}
    rounds: dict[tuple[tuple[str, ...], Period], MonitoringRound] = {}
    for record in sorted(records, key=lambda r: r.path):
        if isinstance(record, MonitoringRound):
            first = spelled.setdefault(record.periode, record)
            if first.periode_text != record.periode_text:
                diagnostics.append(make("period-two-ways", language, path=record.path, line=record.periode_line,
                                        key="periode", value=record.periode_text, other=first.periode_text,
                                        other_path=f"{first.path}:{first.periode_line}"))
                continue
            if not any(unit_covers(record.unit, u) for u in site.units):
                diagnostics.append(make("record-unit-unknown", language, path=record.path, line=record.line,
                                        key="unit", unit=" > ".join(record.unit)))
                continue
            previous = rounds.setdefault((record.unit, record.periode), record)
            if previous is not record:
                diagnostics.append(make("round-twice", language, path=record.path, line=record.line,
                                        unit=" > ".join(record.unit), period=record.periode.code,
                                        other_path=previous.path))
                continue
        kept.append(_known_only(record, site, diagnostics, language))
    return kept, diagnostics


def _known_only(record: Record, site: SiteView, diagnostics: list[Diagnostic], language: str) -> Record:
    from dataclasses import replace

    results = []
    for result in record.hasil:
        nomor = site.find(result.sop)
        if nomor is None:
            diagnostics.append(make("record-sop-unknown", language, path=record.path, line=result.line,
                                    key=f"hasil[{result.index}].sop", sop=result.sop))
            continue
        if isinstance(record, MonitoringRound) and not unit_covers(record.unit, site.unit_of(nomor)):
            diagnostics.append(make("record-sop-other-unit", language, path=record.path, line=result.line,
                                    key=f"hasil[{result.index}].sop", sop=result.sop, unit=" > ".join(record.unit)))
        results.append(replace(result, sop=nomor))
    return replace(record, hasil=tuple(results))


def parse_records(files: Iterable[tuple[str, str]], language: str = DEFAULT_LANGUAGE
                  ) -> tuple[list[Record], list[Diagnostic]]:
    """Read many record files (``(path, text)``) in path order."""
    records: list[Record] = []
    diagnostics: list[Diagnostic] = []
    for path, text in sorted(files):
        result = parse_record(text, path, language)
        diagnostics.extend(result.diagnostics)
        if result.record is not None:
            records.append(result.record)
    return records, diagnostics
