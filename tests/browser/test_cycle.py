"""The SOP cycle in a browser: the checklist mode (tick, reload, reset, print), the QR code, the forms printed.

What a member of staff sees on a phone while carrying out a case, and what the paper
looks like: the execution sheet in checklist mode, the official SOP otherwise, and
Tabel 7 / the evaluation sheet on A4.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from browser_support import KK

FORMS = "katalog/monev/"
TABEL7 = FORMS + "unit/dinas-kependudukan-dan-pencatatan-sipil/monitoring-2026-s1/"
MEETING = FORMS + "evaluasi/2023-11-22-2023-11-evaluasi-kk/"
A4_PORTRAIT = "portrait"
A4_LANDSCAPE = "landscape"


def _pdf(page, path) -> tuple[str, list[str]]:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is missing")
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)", info).groups())
    size = "portrait" if height > width else "landscape"  # A4 either way (pdfinfo names it)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    texts = [" ".join(subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(path), "-"], capture_output=True,
                                     text=True, check=True).stdout.split()) for i in range(1, pages + 1)]
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(path.with_suffix(""))], check=True)
    return size, texts


def _ticks(w) -> list[bool]:
    return w.page.eval_on_selector_all(".sop-checklist input[type=checkbox]", "bs => bs.map(b => b.checked)")


def test_checklist_on_a_phone_tick_reload_reset(new_page, artifacts):
    w = new_page(width=390, height=844)
    w.goto(KK)
    section = w.page.locator(".sop-checklist")
    toggle = section.locator(".sop-checklist-toggle")
    assert toggle.is_visible() and toggle.inner_text() == "Mode daftar periksa"
    assert not section.locator(".sop-checklist-table").is_visible()  # hidden until asked for
    assert not section.locator(".sop-checklist-reset").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    note = section.locator(".sop-checklist-note").inner_text()
    assert "hanya disimpan di peramban perangkat ini" in note and "tidak dikirim" in note
    boxes = section.locator("input[type=checkbox]")
    assert boxes.count() == 8
    box = boxes.nth(0).locator("xpath=..").bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44  # a finger-sized target
    boxes.nth(0).check()
    boxes.nth(2).check()
    assert section.locator(".sop-checklist-count").inner_text() == "2/8 langkah selesai"
    when = section.locator("tr[data-checklist-step='1'] .sop-checklist-when").inner_text()
    assert re.search(r"\d{4}", when), when  # the time of the tick is written down
    overflow = w.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the phone"
    w.page.screenshot(path=str(artifacts / "checklist-phone.png"), full_page=False)

    w.page.reload(wait_until="load")
    assert _ticks(w) == [True, False, True, False, False, False, False, False]
    assert section.locator(".sop-checklist-toggle").get_attribute("aria-pressed") == "true"
    assert section.locator("tr[data-checklist-step='1'] .sop-checklist-when").inner_text() == when

    assert section.locator(".sop-checklist-reset").is_visible()
    section.locator(".sop-checklist-reset").click()
    assert _ticks(w) == [False] * 8
    w.page.reload(wait_until="load")
    assert _ticks(w) == [False] * 8
    stored = w.page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('mkdocs-sop:checklist:'))")
    assert len(stored) == 1  # the mode is still on, nothing else kept
    assert w.foreign_requests() == [] and w.errors == []


def test_checklist_mode_prints_the_execution_sheet(new_page, artifacts):
    w = new_page()
    w.goto(KK)
    size, texts = _pdf(w.page, artifacts / "kk-sop.pdf")
    assert size == A4_LANDSCAPE and "Dasar Hukum" in texts[0] and "Lembar kerja" not in " ".join(texts)
    w.page.click(".sop-checklist-toggle")
    w.page.check(".sop-checklist input[data-checklist-step='2']")
    size, texts = _pdf(w.page, artifacts / "kk-lembar-kerja.pdf")
    assert size == A4_PORTRAIT and len(texts) == 1
    sheet = texts[0]
    assert sheet.startswith("Lembar kerja / daftar periksa 470/SOP-PDP/001/2024")
    for heading in ("No", "Kegiatan", "Pelaksana", "Selesai", "Tanggal/jam", "Oleh", "Paraf"):
        assert heading in sheet
    assert "Menyerahkan KK kepada pemohon" in sheet and "Dasar Hukum" not in sheet
    w.page.click(".sop-checklist-toggle")  # off again: the SOP prints as before
    size, texts = _pdf(w.page, artifacts / "kk-sop-again.pdf")
    assert size == A4_LANDSCAPE and "Lembar kerja" not in " ".join(texts)


def test_the_printed_sop_carries_a_qr_code_to_its_page(new_page):
    w = new_page()
    w.goto(KK)
    qr = w.page.locator(".sop-identity .sop-id-org .sop-qr")
    assert qr.count() == 1
    assert qr.get_attribute("data-qr-url") == ("http://sop.kota-contoh.go.id/disdukcapil/pendaftaran-penduduk/"
                                               "penerbitan-kk-baru/#sop-470-sop-pdp-001-2024")
    text = qr.locator(".sop-qr-text").inner_text()
    assert "470/SOP-PDP/001/2024" in text and "Tanggal efektif: 01 Februari 2024" in text  # one date rule: two-digit day
    box = qr.locator("svg").bounding_box()
    assert box["width"] >= 60 and abs(box["width"] - box["height"]) < 1
    latest = w.page.locator(".sop-cycle-latest").inner_text()
    assert "Monitoring terakhir: Berjalan dengan baik (Semester II 2026)" in latest
    assert "Evaluasi terakhir: tetap (15 Juli 2026" in latest


def test_tabel_7_and_the_evaluation_sheet_print_on_a4(new_page, artifacts):
    w = new_page()
    w.goto(TABEL7)
    button = w.page.locator("button.sop-cycle-print")
    assert button.is_visible() and button.inner_text() == "Cetak"  # shown by the script, which also wires it
    size, texts = _pdf(w.page, artifacts / "tabel7.pdf")
    assert size == A4_LANDSCAPE
    first = texts[0]
    assert "MONITORING PELAKSANAAN SOP" in first and "Periode: Semester I 2026" in first
    assert "Penilaian terhadap Penerapan" in first and "Tindakan yang Harus Diambil" in first
    assert "Cetak" not in first.split("MONITORING")[0]  # no screen chrome above the form
    w.goto(MEETING)
    size, texts = _pdf(w.page, artifacts / "berita-acara.pdf")
    assert size == A4_PORTRAIT and len(texts) == 2
    assert "BERITA ACARA RAPAT EVALUASI SOP" in texts[0] and "Nomor: 065/BA-EVAL/DISDUKCAPIL/XI/2023" in texts[0]
    assert "LEMBAR EVALUASI SOP" in texts[1] and "Sinergi satu dengan lainnya" in texts[1]
    assert "Terpenuhi" in texts[1] and "4/7" in texts[1]
