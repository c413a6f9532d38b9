"""What a person sees at 1366 px and 390 px (issue 12 items 5, 6, 7): No and Kegiatan stay
in view when a wide flowchart scrolls, the catalogue keeps Status in view, the diagram keeps
readable text, catalogue pages fit a phone, identity labels break between words only."""

from __future__ import annotations

import pytest

from browser_support import KP

# six actors and a link to another SOP: wider than a 1366 px laptop's column
WIDE = "setwan/persidangan/rapat-paripurna/"


def test_laptop_scrolls_a_wide_flowchart_with_no_and_kegiatan_in_view(new_page, artifacts):
    w = new_page(width=1366, height=768)
    overflowing = []
    for path in (WIDE, KP):
        w.goto(path)
        info = w.page.evaluate("""() => {
          const wrap = document.querySelector('.sop-flowchart-wrap');
          wrap.scrollLeft = wrap.scrollWidth;
          const box = wrap.getBoundingClientRect();
          const keg = document.querySelector('tr[data-step="1"] .sop-kegiatan').getBoundingClientRect();
          const ket = document.querySelector('tr[data-step="1"] .sop-keterangan').getBoundingClientRect();
          return {overflow: wrap.scrollWidth > wrap.clientWidth + 1, page: document.documentElement.scrollWidth,
                  view: innerWidth, kegLeft: keg.left, kegRight: keg.right, boxLeft: box.left, boxRight: box.right,
                  ketRight: ket.right};
        }""")
        assert info["page"] <= info["view"], f"{path}: the page itself scrolls sideways at 1366 px"
        # scrolled to the far right: Keterangan is reachable and Kegiatan is still in view
        assert info["ketRight"] <= info["boxRight"] + 1, info
        assert info["kegLeft"] >= info["boxLeft"] - 1 and info["kegRight"] <= info["boxRight"], info
        overflowing += [path] if info["overflow"] else []
    assert overflowing, "no sample flowchart is wider than 1366 px: this test would prove nothing"
    w.page.screenshot(path=str(artifacts / "laptop-1366-wide-flowchart-scrolled.png"), full_page=False)


def test_laptop_catalogue_keeps_status_in_view(new_page, artifacts):
    w = new_page(width=1366, height=768)
    w.goto("katalog/")
    info = w.page.evaluate("""() => {
      const cell = document.querySelector('table.sop-cat-overview tbody tr td:last-child');
      const r = cell.getBoundingClientRect();
      return {right: r.right, left: r.left, view: innerWidth, text: cell.textContent.trim()};
    }""")
    assert info["text"] and info["right"] <= info["view"] and info["left"] >= 0, info
    w.page.screenshot(path=str(artifacts / "laptop-1366-catalogue.png"), full_page=False)


def test_laptop_catalogue_shows_all_nine_columns_without_scrolling(new_page):
    """Before, Langkah and Total Waktu sat under the sticky Status column until the reader
    scrolled the table sideways; SOP numbers now wrap at their slashes instead."""
    w = new_page(width=1366, height=768)
    w.goto("katalog/")
    info = w.page.evaluate("""() => {
      const box = document.querySelector('.sop-cat-scroll');
      const heads = [...document.querySelectorAll('table.sop-cat-overview thead th')];
      return {scroll: box.scrollWidth, client: box.clientWidth, heads: heads.length,
              nomor: document.querySelector('table.sop-cat-overview .sop-cat-nomor').innerHTML};
    }""")
    assert info["heads"] == 9 and info["scroll"] <= info["client"] + 1, info
    assert "/<wbr>" in info["nomor"], info


def test_diagram_text_is_never_shrunk_below_9px(new_page):
    w = new_page(width=1366, height=768)
    w.goto(WIDE)
    sizes = w.page.evaluate("""() => [...document.querySelectorAll('.sop-diagram svg text')].map(t => {
        const r = t.getBoundingClientRect(); return r.height; }).filter(h => h > 0)""")
    assert sizes and min(sizes) >= 9, f"diagram text {min(sizes):.1f} px high"


@pytest.mark.parametrize("path", ["katalog/", "katalog/jenis/", "katalog/peninjauan/", "katalog/pelaksana/"])
def test_phone_catalogue_pages_fit_the_screen(new_page, artifacts, path):
    w = new_page(width=390, height=844)
    w.goto(path)
    width = w.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path}: page {width} px wide on a 390 px phone"
    name = path.strip("/").replace("/", "-")
    w.page.screenshot(path=str(artifacts / f"phone-390-{name}.png"), full_page=False)


def test_phone_identity_labels_break_between_words_only(new_page, artifacts):
    w = new_page(width=390, height=844)
    w.goto(KP)
    broken = w.page.evaluate("""() => [...document.querySelectorAll('.sop-identity th')].filter(th => {
        // a label broken inside a word is taller than its words laid out one per line
        const words = th.textContent.trim().split(/\\s+/);
        const probe = document.createElement('span');
        probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;font:inherit';
        th.appendChild(probe);
        const widest = Math.max(...words.map(word => { probe.textContent = word; return probe.getBoundingClientRect().width; }));
        probe.remove();
        const cs = getComputedStyle(th);
        const inner = th.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
        return widest > inner + 0.5;
      }).map(th => th.textContent.trim())""")
    assert not broken, f"labels broken inside a word: {broken}"
    w.page.screenshot(path=str(artifacts / "phone-390-identity.png"), full_page=False)
