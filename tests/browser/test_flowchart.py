"""The flowchart table as drawn by Chromium: geometry of lines and symbols, phones, dark scheme."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import KK, PERDA, choose_dark

GEOMETRY_JS = (Path(__file__).parent / "geometry.js").read_text(encoding="utf-8")
COLOURS_JS = (Path(__file__).parent / "colours.js").read_text(encoding="utf-8")

# A4 landscape less the 10 mm side margins of the print CSS, in CSS px (96 per inch).
PRINT_WIDTH = round((297 - 20) / 25.4 * 96)


def _problems(results: dict) -> str:
    return "\n".join(f"{p}:\n  " + "\n  ".join(v["problems"][:10]) for p, v in results.items() if v["problems"])


def test_every_line_runs_from_symbol_to_symbol_on_every_sop_page(tour):
    """Every arrow starts and ends on a symbol, no line crosses a symbol, arrowheads touch
    their symbol, symbols fit their cells: every flowchart of the handbook, at 1400 px."""
    results = {p: v["geometry"] for p, v in tour.items() if v["geometry"]}
    assert PERDA in results and KK in results and len(results) >= 10
    for path, r in results.items():
        assert r["tables"] >= 1 and r["wires"] > 0, path
    assert PERDA in results and results[PERDA]["tables"] == 4
    assert not _problems(results), _problems(results)


@pytest.mark.parametrize("mode", ["phone-360", "print"])
def test_lines_hold_at_phone_width_and_on_paper(new_page, mode):
    """The same geometry at 360 px, and with the print style sheet at the width of an A4
    landscape sheet (where the columns are narrowest)."""
    width = {"phone-360": 360, "print": PRINT_WIDTH}[mode]
    w = new_page(width=width, height=900)
    if mode == "print":
        w.page.emulate_media(media="print")
    results = {}
    for path in (PERDA, KK):
        w.goto(path)
        results[path] = w.page.evaluate(GEOMETRY_JS, 2)
        assert results[path]["wires"] > 0
    assert not _problems(results), _problems(results)


def test_the_long_sop_has_four_flowchart_pages(new_page):
    w = new_page()
    w.goto(PERDA)
    tables = w.page.locator("table.sop-flowchart")
    assert tables.count() == 4
    assert w.page.locator("tr[data-step]").count() == 29
    # a page split: a lettered connector at the bottom of each page and the same letter on top of the next
    letters = w.page.evaluate("""() => [...document.querySelectorAll('table.sop-flowchart')].map(t => ({
        out: [...t.querySelectorAll('tr[data-connector=connector-out] td[data-symbol=connector] text')].map(x => x.textContent),
        in_: [...t.querySelectorAll('tr[data-connector=connector-in] td[data-symbol=connector] text')].map(x => x.textContent)}))""")
    for before, after in zip(letters, letters[1:]):
        assert before["out"] and before["out"] == after["in_"], letters


def test_phone_width_scrolls_the_table_and_keeps_no_and_kegiatan(new_page, artifacts):
    w = new_page(width=360, height=740)
    w.goto(KK)
    page = w.page
    info = page.evaluate("""() => {
      const wrap = document.querySelector('.sop-flowchart-wrap');
      return {doc: document.documentElement.scrollWidth, view: innerWidth,
              sw: wrap.scrollWidth, cw: wrap.clientWidth, ox: getComputedStyle(wrap).overflowX,
              focusable: wrap.tabIndex >= 0, label: wrap.getAttribute('aria-label'),
              font: parseFloat(getComputedStyle(document.querySelector('.sop-activity')).fontSize)};
    }""")
    assert info["doc"] <= info["view"], "the page itself scrolls sideways at 360 px"
    assert info["ox"] in ("auto", "scroll") and info["sw"] > info["cw"] + 100, info
    assert info["focusable"] and info["label"], "keyboard users must be able to scroll the table"
    assert info["font"] >= 12, f"activity text {info['font']} px is too small on a phone"

    page.locator(".sop-flowchart-wrap").scroll_into_view_if_needed()
    page.evaluate("document.querySelector('tr[data-step=\"2\"]').scrollIntoView({block: 'center'})")
    page.screenshot(path=str(artifacts / "kk-phone-360.png"))
    page.evaluate("document.querySelector('.sop-flowchart-wrap').scrollLeft = 420")
    page.wait_for_timeout(50)
    page.screenshot(path=str(artifacts / "kk-phone-360-scrolled.png"))
    after = page.evaluate("""() => {
      const wrap = document.querySelector('.sop-flowchart-wrap').getBoundingClientRect();
      const row = document.querySelector('tr[data-step="2"]');
      const no = row.querySelector('.sop-no').getBoundingClientRect();
      const keg = row.querySelector('.sop-kegiatan');
      const k = keg.getBoundingClientRect();
      // what the reader sees at the middle of the Kegiatan cell: the cell itself, not a symbol behind it
      const hit = document.elementFromPoint(k.left + k.width / 2, k.top + 8);
      return {scroll: document.querySelector('.sop-flowchart-wrap').scrollLeft,
              noLeft: no.left - wrap.left, kegLeft: k.left - no.right, kegRight: k.right,
              covered: !(hit && keg.contains(hit)), bg: getComputedStyle(keg).backgroundColor};
    }""")
    assert after["scroll"] > 300, after
    assert abs(after["noLeft"]) <= 2 and abs(after["kegLeft"]) <= 3, f"No/Kegiatan did not stay in view: {after}"
    assert after["kegRight"] < 360 * 0.6, "the sticky columns take most of a phone screen"
    assert not after["covered"], "scrolled symbols show through the sticky Kegiatan column"


def _contrast_report(page) -> dict:
    return page.evaluate(COLOURS_JS)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [KK, PERDA])
def test_contrast_of_symbols_lines_and_labels(new_page, artifacts, scheme, path):
    """Lines, symbol outlines, arrowheads and cell borders >= 3:1 against what is behind them;
    branch labels, symbol letters and cell text >= 4.5:1 (WCAG 1.4.11 and 1.4.3)."""
    w = new_page(width=1400, height=900, dark=scheme == "dark")
    w.goto(path)
    if scheme == "dark":
        choose_dark(w.page)
    report = _contrast_report(w.page)
    assert report["checked"] > 50, report
    name = "kk" if path == KK else "perda"
    if path == KK:
        w.page.locator(".sop").first.screenshot(path=str(artifacts / f"{name}-{scheme}.png"))
    assert not report["problems"], "\n".join(report["problems"][:20])
