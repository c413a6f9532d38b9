"""The cycle of the site's SOPs: who was monitored when, what was evaluated, what is missing.

Pure data (no generator, no markup): built once from the checked records
(:mod:`mkdocs_sop.core.monev`) and the catalogue, then asked by the catalogue pages,
the SOP pages, the forms and the exports. Orders are stable; ``today`` is an argument.
"""

from __future__ import annotations

import datetime as _dt
import difflib
from dataclasses import dataclass
from enum import Enum
from typing import Sequence

from ..core.model import SopStatus, Step
from ..core.monev import (Assessment, EvaluationMeeting, MonitoringResult, MonitoringRound, Period, Record,
                          SopEvaluation, SiteView, unit_covers)


@dataclass(frozen=True)
class Monitored:
    """One SOP's row in one monitoring round."""

    round: MonitoringRound
    result: MonitoringResult


@dataclass(frozen=True)
class Evaluated:
    """One SOP's evaluation at one meeting."""

    meeting: EvaluationMeeting
    evaluation: SopEvaluation


@dataclass(frozen=True)
class Coverage:
    """How far a unit's monitoring got in one period: monitored SOPs, and those still to do."""

    unit: tuple[str, ...]
    period: Period
    round: MonitoringRound | None
    monitored: tuple  # catalogue entries
    missing: tuple


class Change(str, Enum):
    SAME = "tetap"
    CHANGED = "diubah"
    REMOVED = "dihapus"
    ADDED = "ditambah"


@dataclass(frozen=True)
class StepPair:
    """One row of a comparison: the superseded step, the new step, and what changed."""

    old: Step | None
    new: Step | None
    change: Change


def site_view(catalogue) -> SiteView:
    """What the record checks need of a catalogue (every SOP, drafts and archives too)."""
    units = frozenset(tuple(e.sop.unit) for e in catalogue.entries)

    def find(ref: str) -> str | None:
        entry = catalogue.find(ref)
        return entry.sop.nomor if entry else None

    def unit_of(nomor: str) -> tuple[str, ...]:
        entry = catalogue.find(nomor)
        return tuple(entry.sop.unit) if entry else ()

    return SiteView(find=find, units=units, unit_of=unit_of)


class Cycle:
    """Every record of the site, indexed by SOP, unit and period."""

    def __init__(self, records: Sequence[Record], catalogue, today: _dt.date, *, include_drafts: bool = False,
                 evaluate_every_days: int = 365) -> None:
        self.catalogue = catalogue
        self.today = today
        self.period = Period.of(today)
        self.evaluate_every_days = evaluate_every_days
        self.rounds = sorted((r for r in records if isinstance(r, MonitoringRound)),
                             key=lambda r: (r.periode, r.unit, r.path))
        self.meetings = sorted((r for r in records if isinstance(r, EvaluationMeeting)),
                               key=lambda m: (m.date, m.path))
        self.entries = catalogue.official(include_drafts)
        self._top_units: dict[tuple[str, ...], list] | None = None  # entries by their top unit, see entries_of
        self._monitored: dict[str, list[Monitored]] = {}
        for rnd in self.rounds:
            for result in rnd.hasil:
                self._monitored.setdefault(result.sop, []).append(Monitored(rnd, result))
        self._evaluated: dict[str, list[Evaluated]] = {}
        for meeting in self.meetings:
            for evaluation in meeting.hasil:
                self._evaluated.setdefault(evaluation.sop, []).append(Evaluated(meeting, evaluation))

    # -- per SOP -----------------------------------------------------------------------
    def monitoring_of(self, nomor: str) -> list[Monitored]:
        return self._monitored.get(nomor, [])

    def evaluations_of(self, nomor: str) -> list[Evaluated]:
        return self._evaluated.get(nomor, [])

    def latest_monitoring(self, nomor: str) -> Monitored | None:
        found = self.monitoring_of(nomor)
        return found[-1] if found else None

    def latest_evaluation(self, nomor: str) -> Evaluated | None:
        found = self.evaluations_of(nomor)
        return found[-1] if found else None

    def in_force(self, entry) -> bool:
        return self.catalogue.status(entry.sop) is SopStatus.BERLAKU

    # -- the site ------------------------------------------------------------------------
    def units(self) -> list[tuple[str, ...]]:
        """The units the records are kept for: each round's unit, and every top-level unit of an SOP."""
        found = {r.unit for r in self.rounds}
        found |= {tuple(e.sop.unit[:1]) for e in self.entries if e.sop.unit}
        return sorted(found)

    def entries_of(self, unit: Sequence[str], in_force_only: bool = True) -> list:
        # a unit covers its sub-units: only SOPs under the same top unit can match (no unit: every SOP)
        pool = self._by_top_unit().get(tuple(unit[:1]), ()) if unit else self.entries
        return [e for e in pool if unit_covers(unit, e.sop.unit)
                and (self.in_force(e) or not in_force_only)]

    def _by_top_unit(self) -> dict[tuple[str, ...], list]:
        if self._top_units is None:
            self._top_units = {}
            for e in self.entries:
                self._top_units.setdefault(tuple(e.sop.unit[:1]), []).append(e)
        return self._top_units

    def coverage(self) -> list[Coverage]:
        """Each unit's rounds, plus the current period for every unit (monitored or not yet)."""
        out = []
        seen = set()
        for rnd in self.rounds:
            out.append(self._coverage(rnd.unit, rnd.periode, rnd))
            seen.add((rnd.unit, rnd.periode))
        for unit in self.units():
            if (unit, self.period) not in seen and not any(
                    unit_covers(unit, r.unit) and r.periode == self.period for r in self.rounds):
                out.append(self._coverage(unit, self.period, None))
        return sorted(out, key=lambda c: (c.unit, c.period))

    def _coverage(self, unit: tuple[str, ...], period: Period, rnd: MonitoringRound | None) -> Coverage:
        done = {r.sop for r in rnd.hasil} if rnd else set()
        entries = self.entries_of(unit)
        return Coverage(unit, period, rnd, tuple(e for e in entries if e.sop.nomor in done),
                        tuple(e for e in entries if e.sop.nomor not in done))

    def not_running_well(self) -> list[tuple[object, Monitored]]:
        """SOPs in force whose latest monitoring found them not running well."""
        out = []
        for entry in self.entries:
            latest = self.latest_monitoring(entry.sop.nomor)
            if latest and latest.result.penilaian is Assessment.TIDAK_BAIK and self.in_force(entry):
                out.append((entry, latest))
        return out

    def evaluation_due(self) -> list[tuple[object, Evaluated | None]]:
        """SOPs in force never evaluated, or not within ``evaluate_every_days`` of today."""
        limit = self.today - _dt.timedelta(days=self.evaluate_every_days)
        out = []
        for entry in self.entries:
            if not self.in_force(entry):
                continue
            latest = self.latest_evaluation(entry.sop.nomor)
            if latest is None or latest.meeting.date < limit:
                out.append((entry, latest))
        return out

    def outcomes(self) -> list[Evaluated]:
        """Every evaluation, newest meeting first."""
        return [Evaluated(m, e) for m in reversed(self.meetings) for e in m.hasil]

    def revisions_in(self, unit: Sequence[str]) -> list[tuple[object, object]]:
        """(superseded, new) pairs of the unit's SOPs, both in the site through ``menggantikan``."""
        pairs = []
        for entry in self.entries_of(unit, in_force_only=False):
            for old in self.catalogue.supersedes(entry.sop):
                pairs.append((old, entry))
        return pairs


def compare_steps(old: Sequence[Step], new: Sequence[Step]) -> list[StepPair]:
    """Align the superseded and the new version step by step (by what each step does)."""

    def words(step: Step) -> str:
        return " ".join(step.kegiatan.lower().split())

    matcher = difflib.SequenceMatcher(a=[words(s) for s in old], b=[words(s) for s in new], autojunk=False)
    rows: list[StepPair] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for a, b in zip(old[i1:i2], new[j1:j2]):
                same = a.pelaksana == b.pelaksana and a.waktu == b.waktu and a.output == b.output
                rows.append(StepPair(a, b, Change.SAME if same else Change.CHANGED))
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        for k in range(max(len(olds), len(news))):
            a = olds[k] if k < len(olds) else None
            b = news[k] if k < len(news) else None
            change = Change.CHANGED if a and b else (Change.REMOVED if a else Change.ADDED)
            rows.append(StepPair(a, b, change))
    return rows


def export_fields(cycle: Cycle | None, nomor: str) -> dict:
    """The SOP's latest monitoring and evaluation as ``sop.json`` carries them (``null`` when none)."""
    if cycle is None:
        return {}
    monitored, evaluated = cycle.latest_monitoring(nomor), cycle.latest_evaluation(nomor)
    out: dict = {"monitoring_terakhir": None, "evaluasi_terakhir": None}
    if monitored is not None:
        r = monitored.result
        out["monitoring_terakhir"] = {
            "periode": monitored.round.periode.code, "unit": list(monitored.round.unit), "penilaian": r.penilaian.value,
            "catatan": r.catatan or None, "tindakan": r.tindakan or None, "penilai": list(r.penilai),
            "tanggal": r.tanggal.date.isoformat() if r.tanggal and r.tanggal.date else None,
            "metode": [m.value for m in r.metode], "source": f"{monitored.round.path}:{r.line}"}
    if evaluated is not None:
        e, meeting = evaluated.evaluation, evaluated.meeting
        out["evaluasi_terakhir"] = {
            "tanggal": meeting.date.isoformat(), "nomor_berita_acara": meeting.nomor or None,
            "keputusan": e.keputusan.value, "kriteria_terpenuhi": e.score,
            "kriteria": {c.criterion.value: {"ya": c.ya, "catatan": c.catatan or None} for c in e.kriteria},
            "temuan": list(e.temuan), "tindak_lanjut": list(e.tindak_lanjut), "source": f"{meeting.path}:{e.line}"}
    return out
