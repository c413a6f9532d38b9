"""Printing an SOP page: Chromium's print to PDF with the page's own print style sheet.

``page.pdf(prefer_css_page_size=True)`` is what the browser's print dialog does with
default settings (paper size from ``@page``); Chromium's own header/footer is off, so the
footer in the PDF is the one the page makes itself, as a reader printing it would get.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from browser_support import KK, PERDA

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]


def _pdf_text(pdf, page: int, mode: str = "-layout") -> str:
    """One sheet's text; ``-raw`` keeps each cell's wrapped lines together (drawing order)."""
    out = subprocess.run(["pdftotext", mode, "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True)
    return out.stdout


def _pdf_info(pdf) -> dict:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _unique_head(text: str, others: list[str]) -> str:
    """The first words of a step's activity, as few as make them unique among the steps
    (and short enough to sit on one printed line of the Kegiatan column)."""
    words = text.split()
    for n in range(3, len(words) + 1):
        head = " ".join(words[:n])
        if sum(o.startswith(head) for o in others) == 1:
            return head
    return text


@pytest.fixture(scope="module")
def printed(browser, base_url, artifacts):
    """The long SOP and the KK one printed to PDF, with their DOM facts and page images."""
    if not shutil.which("pdftotext") or not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils (pdftotext, pdftoppm) is missing")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID",
                                  timezone_id="Asia/Jakarta")
    page = context.new_page()
    out = {}
    for name, path in (("perda", PERDA), ("kk", KK)):
        page.goto(base_url + path, wait_until="load")
        facts = page.evaluate("""() => ({
          steps: [...document.querySelectorAll('tr[data-step]')].map(tr => ({
            n: +tr.dataset.step, page: +tr.closest('table').dataset.page,
            text: tr.querySelector('.sop-activity').textContent})),
          pages: document.querySelectorAll('table.sop-flowchart').length,
          outLetters: [...document.querySelectorAll('tr[data-connector=connector-out] text')].map(t => t.textContent),
          approver: [...document.querySelectorAll('.sop-id-approval > div:not(.sop-signature)')].map(d => d.textContent).filter(Boolean),
          title: document.title,
          // print_address: site_url (the default) prints the address under the site's site_url
          address: (document.querySelector('link[rel="canonical"]') || location).href.split('#')[0]})""")
        pdf = artifacts / f"{name}-print.pdf"
        today = datetime.now(ZoneInfo("Asia/Jakarta")).date()  # the browser's clock (timezone_id above)
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(artifacts / f"{name}-print-page")], check=True)
        out[name] = {"pdf": pdf, "facts": facts, "url": facts["address"], "today": today,
                     "info": _pdf_info(pdf)}
    context.close()
    return out


@pytest.mark.parametrize("name", ["perda", "kk"])
def test_a4_landscape_sheets(printed, name):
    info = printed[name]["info"]
    w, h = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert abs(w - 841.9) < 2 and abs(h - 595.3) < 2, f"not A4 landscape: {info['Page size']}"


def test_long_sop_page_by_page(printed):
    """Identity grid alone on sheet 1, one flowchart page per sheet (header repeated, every
    row whole, lettered connectors at each split), then the diagram; no site chrome."""
    p = printed["perda"]
    pdf, facts = p["pdf"], p["facts"]
    sheets = int(p["info"]["Pages"])
    texts = [_pdf_text(pdf, i) for i in range(1, sheets + 1)]
    flat = [_squash(t) for t in texts]
    assert facts["pages"] == 4
    # 1 identity + 4 flowchart pages + the diagram (+ the revision history when it does not fit)
    assert 6 <= sheets <= 7, f"{sheets} sheets"

    first = flat[0]
    for label in ("Nomor SOP", "Tanggal Pembuatan", "Disahkan oleh", "Nama SOP", "Dasar Hukum",
                  "Kualifikasi Pelaksana", "Keterkaitan", "Peralatan/Perlengkapan", "Peringatan",
                  "Pencatatan dan Pendataan"):
        assert label in first, f"{label!r} not on the first sheet"
    # the signature block whole on the first sheet: position, name, rank, NIP
    for line in facts["approver"]:
        assert _squash(line) in first, f"signature block line {line!r} not on sheet 1"
    assert "Kegiatan" not in first, "the flowchart should start on its own sheet"

    for k in range(1, 5):
        sheet = flat[k]
        assert f"(Halaman {k}/4)" in sheet, f"flowchart page {k} is not on sheet {k + 1}"
        for head in ("No", "Kegiatan", "Pelaksana", "Mutu Baku", "Kelengkapan", "Waktu", "Output", "Keterangan"):
            assert head in sheet, f"header {head!r} missing on sheet {k + 1}"
        if k < 4:
            assert "Berlanjut ke halaman berikutnya" in sheet
            letter = facts["outLetters"][k - 1]
            assert re.search(rf"(?<!\w){letter}(?!\w)", texts[k]), f"connector {letter} not on sheet {k + 1}"
        if k > 1:
            assert "Lanjutan dari halaman sebelumnya" in sheet
            letter = facts["outLetters"][k - 2]
            assert re.search(rf"(?<!\w){letter}(?!\w)", texts[k]), f"connector {letter} not on sheet {k + 1}"

    # no row split across sheets: each step's activity is whole on the sheet of its table page
    raw = [_squash(_pdf_text(pdf, i, "-raw")) for i in range(1, 6)]
    all_texts = [_squash(s["text"]) for s in facts["steps"]]
    for step in facts["steps"]:
        head = _unique_head(_squash(step["text"]), all_texts)
        on = [i + 1 for i, t in enumerate(raw) if head in t]  # the diagram follows on sheet 6
        assert on == [step["page"] + 1], f"step {step['n']} ({head}...) printed on sheets {on}"

    whole = " ".join(flat)
    for chrome in ("Buku Pedoman SOP", "Made with", "Dibuat dengan", "Mode gelap", "Lewati ke konten"):
        assert chrome not in whole, f"site chrome {chrome!r} printed"


@pytest.mark.parametrize("name", ["perda", "kk"])
def test_footer_has_address_and_print_date(printed, name):
    p = printed[name]
    today = p["today"]
    stamp = f"Dicetak {today.day} {MONTHS[today.month - 1]} {today.year}"
    sheets = int(p["info"]["Pages"])
    for i in range(1, sheets + 1):
        text = _squash(_pdf_text(p["pdf"], i))
        assert p["url"] in text.replace(" ", ""), f"sheet {i}: page address missing"
        assert stamp in text, f"sheet {i}: print date missing ({stamp!r})"
        assert f"{i}/{sheets}" in text, f"sheet {i}: sheet number missing"


def test_kk_prints_on_few_sheets(printed):
    p = printed["kk"]
    sheets = int(p["info"]["Pages"])
    flat = [_squash(_pdf_text(p["pdf"], i)) for i in range(1, sheets + 1)]
    assert p["facts"]["pages"] == 1
    assert "Nomor SOP" in flat[0] and "Kegiatan" not in flat[0]
    assert "Dirujuk oleh" in flat[0] and "Pencatatan dan Pendataan" in flat[0], "identity grid split"
    assert "Mutu Baku" in flat[1] and "Total waktu" in flat[1], "the flowchart is not whole on sheet 2"
    raw = _squash(_pdf_text(p["pdf"], 2, "-raw"))
    all_texts = [_squash(s["text"]) for s in p["facts"]["steps"]]
    for step in p["facts"]["steps"]:
        head = _unique_head(_squash(step["text"]), all_texts)
        assert head in raw, f"step {step['n']} not on sheet 2"
    assert sheets <= 4, sheets
