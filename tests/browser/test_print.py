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

from browser_support import KK, KP, PERDA

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
    for name, path in (("perda", PERDA), ("kk", KK), ("kp", KP)):
        page.goto(base_url + path, wait_until="load")
        facts = page.evaluate("""() => ({
          steps: [...document.querySelectorAll('tr[data-step]')].map(tr => ({
            n: +tr.dataset.step, page: +tr.closest('table').dataset.page,
            text: tr.querySelector('.sop-activity').textContent})),
          pages: document.querySelectorAll('table.sop-flowchart').length,
          outLetters: [...document.querySelectorAll('tr[data-connector=connector-out] text')].map(t => t.textContent),
          inLetters: [...document.querySelectorAll('tr[data-connector=connector-in] text')].map(t => t.textContent),
          intro: [...document.querySelectorAll('.md-typeset > p')].filter(p => !p.closest('.sop'))
                   .map(p => p.textContent.trim().split(/\\s+/).slice(0, 6).join(' ')),
          diagramCaption: (document.querySelector('.sop-diagram figcaption') || {}).textContent || '',
          lanes: [...document.querySelectorAll('.sop-diagram .sop-lane-title text')].map(t => t.textContent),
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


@pytest.mark.parametrize("name", ["perda", "kk", "kp"])
def test_every_flowchart_page_is_one_whole_sheet_with_its_connectors(printed, name):
    """The browser never breaks a flowchart table itself: each table page is one sheet
    (its header printed once), every row whole on it, the total once on the last, and at
    every break the lettered connector at the foot of one sheet and on top of the next."""
    p = printed[name]
    pdf, facts = p["pdf"], p["facts"]
    sheets = int(p["info"]["Pages"])
    raw = [_squash(_pdf_text(pdf, i, "-raw")) for i in range(1, sheets + 1)]
    texts = [_pdf_text(pdf, i) for i in range(1, sheets + 1)]
    all_texts = [_squash(s["text"]) for s in facts["steps"]]
    sheet_of_page: dict[int, int] = {}
    for step in facts["steps"]:
        head = _unique_head(_squash(step["text"]), all_texts)
        on = [i for i, t in enumerate(raw) if head in t and "Kegiatan" in t]
        assert len(on) == 1, f"step {step['n']} ({head}...) printed on sheets {[i + 1 for i in on]}"
        assert sheet_of_page.setdefault(step["page"], on[0]) == on[0], \
            f"flowchart page {step['page']} broken across sheets {sheet_of_page[step['page']] + 1} and {on[0] + 1}"
    heads = [i for i, t in enumerate(raw) if "Mutu Baku" in t]
    assert heads == sorted(sheet_of_page.values()), f"table headers on sheets {heads}: a table was broken"
    totals = [i for i, t in enumerate(raw) if "Total waktu" in t]
    assert totals == [sheet_of_page[facts["pages"]]], f"total printed on sheets {totals}"
    assert len(facts["outLetters"]) == facts["pages"] - 1 == len(facts["inLetters"])
    for k, (out, into) in enumerate(zip(facts["outLetters"], facts["inLetters"]), start=1):
        assert out == into
        for sheet in (sheet_of_page[k], sheet_of_page[k + 1]):
            assert re.search(rf"(?<!\w){out}(?!\w)", texts[sheet]), f"connector {out} missing on sheet {sheet + 1}"


@pytest.mark.parametrize("name", ["perda", "kk", "kp"])
def test_no_sheet_holds_only_a_caption_or_the_page_intro(printed, name):
    """The diagram's caption is printed with the diagram; the page's own introduction is
    not printed above the official grid."""
    p = printed[name]
    facts = p["facts"]
    sheets = int(p["info"]["Pages"])
    flat = [_squash(_pdf_text(p["pdf"], i)) for i in range(1, sheets + 1)]
    caption = _squash(facts["diagramCaption"])[:40]
    with_caption = [i for i, t in enumerate(flat) if caption and caption in t]
    assert len(with_caption) == 1, f"diagram caption on sheets {with_caption}"
    lanes = [_squash(x) for x in facts["lanes"]]
    assert lanes and any(lane in flat[with_caption[0]] for lane in lanes), "caption printed apart from its diagram"
    for intro in facts["intro"]:
        assert all(intro not in t for t in flat), f"page introduction {intro!r} printed"


def test_kk_prints_on_few_sheets(printed):
    p = printed["kk"]
    sheets = int(p["info"]["Pages"])
    flat = [_squash(_pdf_text(p["pdf"], i)) for i in range(1, sheets + 1)]
    pages = p["facts"]["pages"]
    assert pages <= 2, "8 steps need at most two flowchart sheets"
    assert "Nomor SOP" in flat[0] and "Kegiatan" not in flat[0]
    assert "Dirujuk oleh" in flat[0] and "Pencatatan dan Pendataan" in flat[0], "identity grid split"
    assert all("Mutu Baku" in flat[k] for k in range(1, 1 + pages)), "a flowchart page is not on its own sheet"
    assert "Total waktu" in flat[pages]
    assert sheets <= 2 + pages, sheets


def test_estimated_row_heights_cover_the_printed_rows(new_page):
    """core/paper.py paginates by estimated printed height: on paper (print style sheet,
    the printable width of A4 landscape) no row, header or caption is taller than its
    estimate, or a sheet thought to fit would be broken by the browser."""
    from mkdocs_sop.core import paper
    from mkdocs_sop.core.fences import find_blocks
    from mkdocs_sop.core.labels import label_set
    from mkdocs_sop.core.parse import parse_block
    from browser_support import ROOT

    w = new_page(width=round(paper.SHEET_W), height=round(paper.SHEET_H))
    w.page.emulate_media(media="print")
    empty_cells = []
    for path in (PERDA, KK, KP):
        source = (ROOT / "sops" / path.rstrip("/")).with_suffix(".md")
        block = find_blocks(source.read_text(encoding="utf-8").splitlines())[0]
        sop = parse_block(block.body, str(source), block.start + 2).sop
        estimate = paper.sheet_for(sop, label_set("id"))
        w.goto(path)
        got = w.page.evaluate("""() => ({
          rows: Object.fromEntries([...document.querySelectorAll('tr[data-step]')].map(
            r => [r.dataset.step, r.getBoundingClientRect().height])),
          fixed: Math.max(...[...document.querySelectorAll('table.sop-flowchart')].map(
            t => t.querySelector('thead').getBoundingClientRect().height
                 + t.querySelector('caption').getBoundingClientRect().height)),
          emptyIdentity: [...document.querySelectorAll('.sop-identity td')].filter(td => !td.textContent.trim())
            .map(td => td.getBoundingClientRect().height)})""")
        for step in sop.steps:
            assert got["rows"][str(step.index)] <= estimate.row_height(step) + 0.5, \
                f"{path} step {step.index}: printed {got['rows'][str(step.index)]:.0f} px, estimated {estimate.row_height(step):.0f}"
        assert got["fixed"] <= paper.SHEET_H - estimate.room, f"{path}: caption and header taller than estimated"
        empty_cells += [(path, h) for h in got["emptyIdentity"]]
    # an empty identity row keeps room to write by hand (8 mm, about 30 px)
    assert empty_cells and all(h >= 28 for _, h in empty_cells), empty_cells


def test_revoked_sop_is_marked_on_every_sheet_and_the_uncontrolled_note_prints(browser, base_url, artifacts):
    """A revoked SOP says DICABUT on every printed sheet; with print_uncontrolled (here the
    attribute the option writes, set on the page) every sheet says it is uncontrolled."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.goto(base_url + "dpmptsp/perizinan/izin-gangguan/", wait_until="load")
    page.evaluate("""() => { document.querySelector('.sop').setAttribute('data-print-note',
                      'Dokumen tidak terkendali bila dicetak'); dispatchEvent(new Event('beforeprint')); }""")
    pdf = artifacts / "dicabut-print.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    context.close()
    sheets = int(_pdf_info(pdf)["Pages"])
    assert sheets >= 2
    for i in range(1, sheets + 1):
        text = _squash(_pdf_text(pdf, i))
        assert "DICABUT" in _pdf_text(pdf, i, "-raw"), f"sheet {i} carries no DICABUT mark"
        assert "Dokumen tidak terkendali bila dicetak" in text, f"sheet {i}: no uncontrolled-copy note"
    first = _squash(_pdf_text(pdf, 1))
    assert "DICABUT SEJAK 15 JANUARI 2018" in first and "Alasan: Izin gangguan dihapus" in first
