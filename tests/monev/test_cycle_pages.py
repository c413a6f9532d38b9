"""The cycle pages of the sample handbook: what Bagian Organisasi and an assessor read on them."""

from __future__ import annotations

import pytest

from monev_support import Tables, pages_by_path, sample_site

BASE = "katalog/monev/"
DUKCAPIL = BASE + "unit/dinas-kependudukan-dan-pencatatan-sipil/"
DPMPTSP = BASE + "unit/dinas-penanaman-modal-dan-pelayanan-terpadu-satu-pintu/"


@pytest.fixture(scope="module")
def collected():
    return sample_site()


@pytest.fixture(scope="module")
def pages(collected):
    return pages_by_path(collected.site)


def test_the_sample_records_are_clean(collected):
    assert [d.format() for d in collected.diagnostics] == []


def test_the_pages_a_site_gets(pages):
    assert {BASE + "index.md", BASE + "tidak-berjalan-baik.md", BASE + "evaluasi/index.md",
            DUKCAPIL + "index.md", DUKCAPIL + "monitoring-2026-s1.md", DUKCAPIL + "monitoring-2026-s2.md",
            DUKCAPIL + "formulir-monitoring.md", DUKCAPIL + "formulir-evaluasi.md", DPMPTSP + "monitoring-2026-s2.md",
            BASE + "evaluasi/2023-11-22-2023-11-evaluasi-kk.md"} <= set(pages)
    for markdown in pages.values():
        assert markdown.startswith("---\ntitle: ")
        body = markdown.split("\n---\n", 1)[1].strip()
        assert "\n\n" not in body  # one raw HTML block: a blank line would end it


def test_coverage_by_unit_and_period(pages):
    rows = Tables(pages[BASE + "index.md"]).rows("sop-cycle-coverage")[1:]
    by = {(r[0], r[1].replace(" (periode berjalan)", "")): r for r in rows}
    assert by[("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "Semester II 2026")][2:] == ["6 dari 6", "—"]
    dukcapil = by[("Dinas Kependudukan dan Pencatatan Sipil", "Semester II 2026")]
    assert dukcapil[2] == "3 dari 10"
    assert "474.1/SOP-CAPIL/01/2023 Penerbitan Kutipan Akta Kelahiran" in dukcapil[3]
    assert "470/SOP-PDP/001/2024" not in dukcapil[3]
    assert by[("Sekretariat Daerah", "Semester II 2026")][2] == "0 dari 7"
    assert "(periode berjalan)" in rows[0][1]


def test_sops_not_running_well_with_their_latest_action(pages):
    rows = Tables(pages[BASE + "tidak-berjalan-baik.md"]).rows("sop-cycle-table")[1:]
    assert [r[0].split()[0] for r in rows] == ["474/SOP-CAPIL/04/2023", "470/SOP-PDP/005/2024", "SOP/DPMPTSP/PRZ/002"]
    pindah = rows[1]
    assert pindah[1] == "Semester II 2026"  # the latest round, not the first
    assert pindah[3].startswith("Revisi SOP agar verifikasi memakai data SIAK Terpusat")
    assert pindah[4] == "Agus Prasetyo, S.T."


def test_evaluation_outcomes_and_what_is_due(pages):
    tables = Tables(pages[BASE + "evaluasi/index.md"])
    outcomes = tables.rows("sop-cycle-outcomes")[1:]
    assert outcomes[0][0] == "26 Agustus 2026"  # newest meeting first
    revision = [r for r in outcomes if r[1].startswith("470/SOP-PDP/006/2019")][0]
    assert revision[2:] == ["4/7", "revisi", "470/SOP-PDP/001/2024 Penerbitan Kartu Keluarga Baru"]
    merged = [r for r in outcomes if r[1].startswith("SOP/DPMPTSP/PGD/001")][0]
    assert merged[3] == "penggabungan" and "Keputusan Kepala DPMPTSP Nomor 065/112/DPMPTSP/2026" in merged[4]
    due = {r[0].split()[0]: r[2] for r in tables.rows("sop-cycle-due")[1:]}
    assert due["470/SOP-PDP/002/2024"] == "Belum pernah dievaluasi."
    assert "470/SOP-PDP/001/2024" not in due  # evaluated in July 2026
    assert "470/SOP-PDP/006/2019" not in due  # superseded: no longer in force


def test_the_revised_sop_is_compared_step_by_step(pages):
    html = pages[DUKCAPIL + "index.md"]
    rows = Tables(html).rows("sop-compare-table")[2:]
    assert "470/SOP-PDP/006/2019 → 470/SOP-PDP/001/2024" in html
    changes = [r[-1] for r in rows]
    assert set(changes) <= {"tetap", "diubah", "dihapus", "ditambah"} and "ditambah" in changes
    old_numbers = [r[0] for r in rows if r[0]]
    new_numbers = [r[3] for r in rows if r[3]]
    assert old_numbers == sorted(old_numbers, key=int) and new_numbers == [str(i) for i in range(1, 9)]
    assert 'href="../../evaluasi/2023-11-22-2023-11-evaluasi-kk/"' in html  # the evaluation that led to it


def test_tabel_7_blank_and_filled(pages):
    assert '<section class="sop-form sop-form-landscape sop-tabel7 sop-form-empty">' in pages[
        DUKCAPIL + "formulir-monitoring.md"]  # the class the print stylesheet sizes the sheet by
    blank = Tables(pages[DUKCAPIL + "formulir-monitoring.md"]).rows("sop-form-table")
    assert blank[0][:3] == ["No", "SOP", "Penilaian terhadap Penerapan"]
    assert blank[1] == ["Berjalan dengan baik", "Tidak berjalan dengan baik"]
    assert len(blank[2:]) == 10 and all(set(r[2:]) == {""} for r in blank[2:])
    filled = Tables(pages[DUKCAPIL + "monitoring-2026-s1.md"]).rows("sop-form-table")[2:]
    marks = {r[1].split()[0]: (r[2], r[3]) for r in filled}
    assert marks["470/SOP-PDP/005/2024"] == ("", "✓") and marks["470/SOP-PDP/001/2024"] == ("✓", "")
    assert "Semester I 2026" in pages[DUKCAPIL + "monitoring-2026-s1.md"]


def test_evaluation_sheet_and_berita_acara(pages):
    markdown = pages[BASE + "evaluasi/2023-11-22-2023-11-evaluasi-kk.md"]
    assert "Pada hari ini, Rabu, 22 November 2023, bertempat di Ruang Rapat Dinas" in markdown
    criteria = Tables(markdown).rows("sop-eval-criteria")
    assert [r[0] for r in criteria[1:8]] == [str(i) for i in range(1, 8)]
    assert criteria[3][2:] == ["", "✓", "Blangko KK bernomor seri tidak lagi dipakai; KK dicetak di kertas HVS."]
    assert criteria[-1] == ["Terpenuhi", "4/7"]
    template = pages[DUKCAPIL + "formulir-evaluasi.md"]
    assert template.count('class="sop-form sop-form-portrait sop-eval-sheet"') == 10
    assert "☐ tetap" in template


def test_every_form_carries_a_qr_code_to_its_page(pages):
    for path in (DUKCAPIL + "monitoring-2026-s1.md", DUKCAPIL + "formulir-monitoring.md",
                 BASE + "evaluasi/2023-11-22-2023-11-evaluasi-kk.md"):
        assert '<svg viewBox="0 0 ' in pages[path] and 'class="sop-qr-code"' in pages[path]
    sheet = pages[BASE + "evaluasi/2023-11-22-2023-11-evaluasi-kk.md"]
    assert ('data-qr-url="http://sop.kota-contoh.go.id/disdukcapil/pendaftaran-penduduk/arsip-penerbitan-kk-2019/'
            '#sop-470-sop-pdp-006-2019"') in sheet


def test_no_qr_without_a_site_url():
    pages = pages_by_path(sample_site(site_url="").site)
    assert not any("sop-qr-code" in m for m in pages.values())


HOSTILE = """unit: Dinas Kependudukan dan Pencatatan Sipil
periode: 2026-S2
hasil:
  - sop: 470/SOP-PDP/002/2024
    penilaian: tidak berjalan dengan baik
    catatan: "<script>alert(1)</script>\\n\\nbaris baru"
    tindakan: "<img src=x onerror=alert(1)>"
  - sop: 470/SOP-PDP/999/2024
    penilaian: baik
"""


def test_editor_text_is_escaped_and_bad_rows_shown_in_an_error_box():
    collected = sample_site({"sops/x/2026-s2b.monitoring.yml": HOSTILE.replace("2026-S2", "Semester II 2026")})
    codes = [d.code for d in collected.diagnostics]
    assert codes == ["period-two-ways"]
    collected = sample_site({"sops/x/zz.monitoring.yml": HOSTILE.replace("Kependudukan dan Pencatatan Sipil",
                                                                          "Kependudukan dan Pencatatan Sipil, Bidang Pelayanan Pendaftaran Penduduk]").replace("unit: Dinas", "unit: [Dinas")})
    assert [(d.code, d.path, d.line) for d in collected.diagnostics] == [
        ("record-sop-unknown", "sops/x/zz.monitoring.yml", 8)]
    pages = pages_by_path(collected.site)
    index = pages[BASE + "index.md"]
    assert 'class="sop-error"' in index and "sops/x/zz.monitoring.yml:8" in index
    text = "".join(pages.values())
    assert "<script>alert" not in text and "<img src=x" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; baris baru" in text


def test_pages_are_deterministic(collected):
    assert pages_by_path(collected.site) == pages_by_path(sample_site().site)


def test_english_on_request():
    from mkdocs_sop.cycle.site import CycleOptions, build_cycle_pages, collect
    from monev_support import TODAY, sample_catalogue, sample_records

    collected = collect(sample_records(), sample_catalogue(), CycleOptions(language="en"), TODAY)
    pages = {p.src_uri: p.markdown for p in build_cycle_pages(collected.site)}
    meeting = pages[BASE + "evaluasi/2023-11-22-2023-11-evaluasi-kk.md"]
    assert "On Wednesday, 22 November 2023, at Ruang Rapat" in meeting
    assert ">superseded</span>" in meeting and "<td>revise</td>" in meeting
    rows = Tables(pages[BASE + "index.md"]).rows("sop-cycle-coverage")
    assert rows[0] == ["Unit", "Period", "Monitored", "Not yet monitored"]
    assert any(r[1] == "Semester 2 2026 (current period)" and r[2] == "6 of 6" for r in rows)


def test_records_found_in_a_docs_folder_and_from_checked_results(tmp_path):
    from mkdocs_sop.cycle.site import CycleOptions, from_checked, record_sources
    from mkdocs_sop.core.monev import parse_records
    from monev_support import ROOT, TODAY, sample_catalogue

    found = record_sources(str(ROOT / "sops"), display=lambda p: p.split("/sops/", 1)[1])
    assert [p for p, _ in found] == ["disdukcapil/monev/2023-11-evaluasi-kk.evaluasi.yml",
                                     "disdukcapil/monev/2026-07-evaluasi.evaluasi.yml",
                                     "disdukcapil/monev/2026-s1.monitoring.yml", "disdukcapil/monev/2026-s2.monitoring.yml",
                                     "dpmptsp/monev/2026-08-evaluasi.evaluasi.yml", "dpmptsp/monev/2026-s2.monitoring.yml"]
    records, _ = parse_records(found)
    bad = parse_records([("x/a.monitoring.yml", "unit: A\nperiode: Juni\nhasil: []\n")])[1]
    site = from_checked(records, sample_catalogue(), CycleOptions(), TODAY, diagnostics=bad)
    assert [d.code for d in site.options.diagnostics] == ["period-invalid"]
    assert len(site.cycle.rounds) == 3 and len(site.cycle.meetings) == 3
