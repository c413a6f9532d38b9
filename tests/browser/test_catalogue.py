"""The catalogue overview (katalog/): its filter box and sortable columns, by mouse and keyboard."""

from __future__ import annotations

import re

import pytest

CATALOGUE = "katalog/"

VISIBLE_ROWS_JS = """() => [...document.querySelectorAll('#sop-cat-table tbody tr')]
    .filter(r => !r.hidden && r.offsetParent !== null).map(r => r.dataset.sopNomor)"""


def _column(page, header: str) -> list[str]:
    return page.evaluate("""h => {
      const t = document.querySelector('#sop-cat-table');
      const i = [...t.tHead.rows[0].cells].findIndex(c => c.textContent.trim() === h);
      return [...t.tBodies[0].rows].filter(r => !r.hidden).map(r => {
        const c = r.cells[i]; return c.hasAttribute('data-sort') ? c.dataset.sort : c.textContent.trim(); });
    }""", header)


@pytest.fixture
def catalogue(new_page, site_dir):
    assert (site_dir / "katalog" / "index.html").exists(), "the handbook has no catalogue (katalog/)"
    w = new_page(width=1400, height=900)
    w.goto(CATALOGUE)
    w.page.wait_for_selector("#sop-cat-table[data-sop-enhanced]")
    return w


def test_filter_by_mouse_and_keyboard(catalogue):
    page = catalogue.page
    total = len(page.evaluate(VISIBLE_ROWS_JS))
    assert total >= 30
    box = page.locator("#sop-cat-filter-input")
    assert box.is_visible(), "the filter box stays hidden although the script ran"
    assert page.locator("label[for=sop-cat-filter-input]").inner_text().strip()

    # mouse: click into the box, type
    box.click()
    page.keyboard.type("kartu keluarga")
    shown = page.evaluate(VISIBLE_ROWS_JS)
    assert 1 <= len(shown) < total, shown
    assert "470/SOP-PDP/001/2024" in shown
    count = page.locator(".sop-cat-filter-count").inner_text()
    assert re.search(rf"\b{len(shown)}\b.*\b{total}\b", count), count
    # case does not matter; several words must all match
    box.fill("")
    page.keyboard.type("KEPENDUDUKAN akta")
    shown = page.evaluate(VISIBLE_ROWS_JS)
    assert shown and all(n.startswith("474") for n in shown), shown

    # keyboard only: Tab into the box from the element before it, clear, type
    box.fill("")
    assert len(page.evaluate(VISIBLE_ROWS_JS)) == total
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.locator(".sop-cat-downloads a").last.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "sop-cat-filter-input"
    page.keyboard.type("reses")
    shown = page.evaluate(VISIBLE_ROWS_JS)
    assert len(shown) == 1, shown
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    assert len(page.evaluate(VISIBLE_ROWS_JS)) == total
    assert not catalogue.errors, catalogue.errors


def test_sort_by_mouse_and_keyboard(catalogue):
    page = catalogue.page
    langkah = page.locator("#sop-cat-table thead th", has_text="Langkah")
    button = langkah.locator("button")
    assert button.count() == 1, "column headers should become buttons"

    # mouse: click sorts ascending, a second click descending
    button.click()
    assert langkah.get_attribute("aria-sort") == "ascending"
    values = [float(v) for v in _column(page, "Langkah")]
    assert values == sorted(values) and values[0] < values[-1]
    button.click()
    assert langkah.get_attribute("aria-sort") == "descending"
    values = [float(v) for v in _column(page, "Langkah")]
    assert values == sorted(values, reverse=True)

    # keyboard: Tab reaches the header buttons; Enter and Space sort
    nomor = page.locator("#sop-cat-table thead th", has_text="Nomor SOP")
    nama = page.locator("#sop-cat-table thead th", has_text="Nama SOP")
    nomor.locator("button").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('th') && document.activeElement.closest('th').textContent.trim()") == "Nama SOP"
    page.keyboard.press("Enter")
    assert nama.get_attribute("aria-sort") == "ascending"
    assert langkah.get_attribute("aria-sort") == "none"
    names = _column(page, "Nama SOP")
    folded = [n.casefold() for n in names]
    assert folded == sorted(folded), names
    page.keyboard.press("Space")
    assert nama.get_attribute("aria-sort") == "descending"

    # sorting keeps the filter: only matching rows stay visible
    page.locator("#sop-cat-filter-input").fill("akta")
    shown = page.evaluate(VISIBLE_ROWS_JS)
    nomor.locator("button").click()
    assert sorted(page.evaluate(VISIBLE_ROWS_JS)) == sorted(shown)
    assert not catalogue.errors, catalogue.errors


def test_catalogue_table_is_complete_without_script(browser, base_url, site_dir):
    """Progressive enhancement: with JavaScript off every row is there and nothing is hidden."""
    assert (site_dir / "katalog" / "index.html").exists(), "the handbook has no catalogue (katalog/)"
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + CATALOGUE)
    rows = page.locator("#sop-cat-table tbody tr").count()
    visible = page.locator("#sop-cat-table tbody tr:visible").count()
    context.close()
    assert rows >= 30 and visible == rows
