"""Reading monitoring and evaluation records: what an editor writes, what the site keeps, what it says."""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_sop.core.model import Severity
from mkdocs_sop.core.monev import (Assessment, Criterion, Decision, EvaluationMeeting, Method, MonitoringRound,
                                   Period, check_site, parse_period, parse_record, record_kind)

from monev_support import ALL_YES, MEETING, ROUND, site


def codes(diagnostics):
    return [d.code for d in diagnostics]


@pytest.mark.parametrize("written, expected", [
    ("2025-S1", Period(2025, 1)), ("2025-s2", Period(2025, 2)), ("2025/1", Period(2025, 1)),
    ("Semester I 2025", Period(2025, 1)), ("semester II 2025", Period(2025, 2)), ("S2 2025", Period(2025, 2)),
    ("Semester 2 Tahun 2024", Period(2024, 2)),
    ("2025", None), ("Juni 2025", None), ("2025-S3", None), (True, None), (None, None),
])
def test_period_spellings(written, expected):
    assert parse_period(written) == expected


def test_period_label_and_contains():
    assert Period(2025, 2).label() == "Semester II 2025"
    assert Period(2025, 2).code == "2025-S2"
    assert Period(2025, 1).contains(dt.date(2025, 6, 30)) and not Period(2025, 1).contains(dt.date(2025, 7, 1))


def test_record_kind_by_file_name():
    assert record_kind("sops/x/2025-s1.monitoring.yml").value == "monitoring"
    assert record_kind("sops/x/rapat.evaluasi.yml").value == "evaluasi"
    assert record_kind("sops/x/mkdocs.yml") is None


def test_a_monitoring_round_reads_every_tabel_7_column():
    result = parse_record(ROUND.format(period="2025-S1"), "sops/a.monitoring.yml")
    assert result.diagnostics == ()
    rnd = result.record
    assert isinstance(rnd, MonitoringRound)
    assert rnd.unit == ("Dinas",) and rnd.periode == Period(2025, 1) and rnd.periode_line == 2
    good, bad = rnd.hasil
    assert (good.sop, good.penilaian, good.metode, good.penilai, good.line) == (
        "470/1", Assessment.BAIK, (Method.OBSERVASI,), ("Rina",), 5)
    assert good.tanggal.date == dt.date(2025, 3, 2)
    assert (bad.penilaian, bad.catatan, bad.tindakan) == (Assessment.TIDAK_BAIK, "lambat", "koordinasi")


def test_a_bad_row_is_dropped_with_its_line_and_the_others_are_kept():
    text = ROUND.format(period="2025-S1").replace("    penilaian: berjalan dengan baik", "    penilaian: lumayan")
    result = parse_record(text, "sops/a.monitoring.yml")
    (d,) = result.diagnostics
    assert (d.code, d.path, d.line, d.key) == ("value-not-allowed", "sops/a.monitoring.yml", 6, "hasil[1].penilaian")
    assert [r.sop for r in result.record.hasil] == ["470/2"]
    assert "`berjalan dengan baik`, `tidak berjalan dengan baik`" in d.hint


def test_not_running_well_without_an_action_is_a_warning_at_the_row():
    text = ROUND.format(period="2025-S1").replace("    tindakan: koordinasi\n", "")
    (d,) = parse_record(text, "a.monitoring.yml").diagnostics
    assert (d.code, d.severity, d.line) == ("action-missing", Severity.WARNING, 9)


def test_a_date_outside_the_period_is_reported():
    (d,) = parse_record(ROUND.format(period="2025-S2"), "a.monitoring.yml").diagnostics
    assert (d.code, d.line, d.key) == ("date-outside-period", 7, "hasil[1].tanggal")


def test_an_unreadable_period_fails_the_file_with_its_line():
    result = parse_record(ROUND.format(period="Juni 2025"), "a.monitoring.yml")
    assert result.record is None
    assert [(d.code, d.line) for d in result.diagnostics] == [("period-invalid", 2)]
    assert "2025-S1" in result.diagnostics[0].hint


def test_an_evaluation_reads_the_seven_criteria_in_order():
    text = MEETING.replace("      mudah_dipahami: ya\n",
                           "      mudah_dipahami:\n        nilai: tidak\n        catatan: istilah teknis\n")
    result = parse_record(text, "a.evaluasi.yml")
    assert result.diagnostics == ()
    meeting = result.record
    assert isinstance(meeting, EvaluationMeeting) and meeting.date == dt.date(2025, 6, 18)
    (ev,) = meeting.hasil
    assert [c.criterion for c in ev.kriteria] == list(Criterion)
    assert ev.kriteria[1].ya is False and ev.kriteria[1].catatan == "istilah teknis"
    assert ev.score == 6 and ev.keputusan is Decision.REVISI and ev.tindak_lanjut == ("470/2",)


def test_a_missing_criterion_drops_that_evaluation_and_names_it():
    text = MEETING.replace("      sinergi: ya\n", "")
    result = parse_record(text, "a.evaluasi.yml")
    (d,) = result.diagnostics
    assert (d.code, d.severity, d.line, d.key) == ("criterion-missing", Severity.ERROR, 5, "hasil[1].kriteria")
    assert "`sinergi`" in d.message
    assert result.record.hasil == ()


def test_an_unknown_criterion_gets_a_did_you_mean():
    text = MEETING.replace("      sinergi: ya\n", "      sinergy: ya\n")
    found = parse_record(text, "a.evaluasi.yml").diagnostics
    assert codes(found) == ["unknown-key", "criterion-missing"]
    assert "`sinergi`" in found[0].hint and found[0].line == 12


def test_a_revision_without_follow_up_is_a_warning():
    text = MEETING.replace('    tindak_lanjut: ["470/2"]\n', "")
    (d,) = parse_record(text, "a.evaluasi.yml").diagnostics
    assert (d.code, d.severity) == ("follow-up-missing", Severity.WARNING)


def test_yaml_that_does_not_parse_gives_its_line():
    (d,) = parse_record("unit: Dinas\nperiode: [2025\n", "a.monitoring.yml").diagnostics
    assert d.code == "yaml-invalid" and d.line == 2


def test_the_site_check_drops_unknown_sops_and_keeps_the_rest():
    text = ROUND.format(period="2025-S1").replace('"470/2"', '"470/99"')
    record = parse_record(text, "sops/a.monitoring.yml").record
    kept, found = check_site([record], site())
    (d,) = found
    assert (d.code, d.path, d.line, d.key) == ("record-sop-unknown", "sops/a.monitoring.yml", 9, "hasil[2].sop")
    assert [r.sop for r in kept[0].hasil] == ["470/1"]


def test_a_sop_named_by_its_title_is_kept_under_its_number():
    record = parse_record(MEETING.replace('sop: "470/1"', "sop: Penerbitan KK"), "a.evaluasi.yml").record
    kept, found = check_site([record], site())
    assert found == [] and kept[0].hasil[0].sop == "470/1"


def test_a_period_written_two_ways_is_an_error_in_the_second_file():
    one = parse_record(ROUND.format(period="2025-S1"), "sops/a/1.monitoring.yml").record
    two = parse_record(ROUND.format(period="Semester I 2025").replace("unit: Dinas", "unit: [Dinas, Bidang A]")
                       .replace('"470/2"', '"470/1x"'), "sops/b/1.monitoring.yml").record
    kept, found = check_site([two, one], site())
    (d,) = found
    assert (d.code, d.path, d.line) == ("period-two-ways", "sops/b/1.monitoring.yml", 2)
    assert "`2025-S1`" in d.message and "sops/a/1.monitoring.yml:2" in d.message
    assert kept == [one]


def test_a_round_given_twice_and_an_unknown_unit_are_errors():
    one = parse_record(ROUND.format(period="2025-S1"), "sops/a.monitoring.yml").record
    two = parse_record(ROUND.format(period="2025-S1"), "sops/b.monitoring.yml").record
    other = parse_record(ROUND.format(period="2025-S1").replace("unit: Dinas", "unit: Kantor"),
                         "sops/c.monitoring.yml").record
    kept, found = check_site([one, two, other], site())
    assert [(d.code, d.path) for d in found] == [("round-twice", "sops/b.monitoring.yml"),
                                                 ("record-unit-unknown", "sops/c.monitoring.yml")]
    assert kept == [one]


def test_an_sop_of_another_unit_is_a_warning_and_kept():
    text = ROUND.format(period="2025-S1").replace('"470/2"', '"800/1"')
    kept, found = check_site([parse_record(text, "a.monitoring.yml").record], site())
    assert codes(found) == ["record-sop-other-unit"] and found[0].severity is Severity.WARNING
    assert len(kept[0].hasil) == 2


def test_english_messages_on_request():
    (d,) = parse_record(ROUND.format(period="June"), "a.monitoring.yml", language="en").diagnostics
    assert d.message == "`June` is not a semester." and d.code == "period-invalid"
