"""Headless Chromium: typing in the overview filter narrows the rows; a header sorts."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser.browser_support import served as serving
from needs import need

from catalogue_site import OFFICIAL, build_site, write_site

CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _chromium_installed():
    need(Path(CHROMIUM).exists(), "needs /usr/bin/chromium; scripts/test installs it")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site_dir, _ = build_site(write_site(tmp_path_factory.mktemp("browser-site")))
    with serving(site_dir) as address:
        yield address


def offline_tab(context, served: str):
    """A tab that records script errors (``tab.errors``) and may fetch nothing but the site."""
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(served)
              else route.abort())
    return tab


@pytest.fixture(scope="module")
def page(served, chromium):
    context = chromium.new_context()
    try:
        tab = offline_tab(context, served)
        tab.goto(served + "katalog/")
        yield tab
    finally:
        context.close()


def visible_nomors(page) -> list[str]:
    return page.eval_on_selector_all(
        "#sop-cat-table tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.sopNomor)")


def test_filter_narrows_rows_as_the_reader_types(page):
    box = page.locator(".sop-cat-filter")
    box.wait_for(state="visible")  # hidden without the script, shown by it
    assert sorted(visible_nomors(page)) == sorted(OFFICIAL)
    field = page.get_by_label("Saring tabel")
    field.click()
    field.press_sequentially("gamma", delay=20)
    assert sorted(visible_nomors(page)) == ["Y/001/2019", "Y/002/2024"]
    assert page.locator(".sop-cat-filter-count").inner_text() == "2 dari 7 SOP"
    field.fill("bidang 2 penugasan")  # every word must match, anywhere in the row
    assert visible_nomors(page) == ["X/003/2024"]
    field.fill("tidak-ada-yang-cocok")
    assert visible_nomors(page) == []
    field.fill("")
    assert len(visible_nomors(page)) == len(OFFICIAL)
    assert page.errors == []


def test_sort_buttons_are_keyboard_accessible_and_set_aria_sort(page):
    header = page.locator("#sop-cat-table thead th", has_text="Langkah")
    button = header.locator("button.sop-cat-sort")
    assert header.get_attribute("aria-sort") == "none"
    button.focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    steps = page.eval_on_selector_all("#sop-cat-table tbody tr td:nth-child(7)",
                                      "cells => cells.map(c => Number(c.dataset.sort))")
    assert steps == sorted(steps) and steps[-1] == 3
    page.keyboard.press("Space")
    assert header.get_attribute("aria-sort") == "descending"
    steps = page.eval_on_selector_all("#sop-cat-table tbody tr td:nth-child(7)",
                                      "cells => cells.map(c => Number(c.dataset.sort))")
    assert steps == sorted(steps, reverse=True)
    # sorting by date: the empty dates first, then chronological
    page.locator("#sop-cat-table thead th", has_text="Tanggal Efektif").locator("button").click()
    dates = [d for d in page.eval_on_selector_all("#sop-cat-table tbody tr td:nth-child(6)",
                                                  "cells => cells.map(c => c.dataset.sort)") if d]
    assert dates == sorted(dates)
    assert page.errors == []


# --- a paginated overview: pages of rows without JavaScript, the filter over every SOP ---------

@pytest.fixture(scope="module")
def paginated(tmp_path_factory):
    """The same site with three rows per overview page (7 SOPs: pages 1, 2 and 3)."""
    root = tmp_path_factory.mktemp("paginated-site")
    site_dir, _ = build_site(write_site(root, extra_plugin="catalogue_page_size: 3\n"))
    with serving(site_dir) as address:
        yield address, site_dir


def test_paginated_overview_links_its_pages_and_filters_every_sop(paginated, chromium):
    served, site_dir = paginated
    context = chromium.new_context()
    try:
        tab = offline_tab(context, served)
        errors = tab.errors
        tab.goto(served + "katalog/")
        first = visible_nomors(tab)
        assert len(first) == 3
        # without typing: the page's own rows; the pager leads through every page to all 7 SOPs
        seen = list(first)
        tab.locator(".sop-cat-pager").first.get_by_role("link", name="Berikutnya →").click()
        tab.wait_for_url(served + "katalog/semua/2/")
        seen += visible_nomors(tab)
        tab.locator(".sop-cat-pager").first.get_by_role("link", name="3", exact=True).click()
        tab.wait_for_url(served + "katalog/semua/3/")
        seen += visible_nomors(tab)
        assert sorted(seen) == sorted(OFFICIAL)
        assert tab.locator(".sop-cat-pager strong[aria-current=page]").first.inner_text() == "3"
        # typing on the last page searches every SOP (read from sop.json), links included
        field = tab.get_by_label("Saring tabel")
        field.fill("alpha")
        tab.wait_for_function("document.querySelectorAll('#sop-cat-table tbody tr:not([hidden])').length === 2")
        assert sorted(visible_nomors(tab)) == ["X/001/2022", "X/002/2023"]
        assert tab.locator(".sop-cat-filter-count").inner_text() == "2 dari 7 SOP"
        href = tab.locator("#sop-cat-table tbody tr:not([hidden]) a.sop-cat-link").first.get_attribute("href")
        assert href.startswith(served + "dinas-x/bidang-1/dua-sop/#sop-x-")
        # emptied: this page's rows again
        field.fill("")
        assert sorted(visible_nomors(tab)) == sorted(set(OFFICIAL) - set(seen[:6]))
        assert errors == []
    finally:
        context.close()
    # every page is small and complete without scripts: its rows are in the HTML
    pages = [site_dir / "katalog" / "index.html"] + sorted((site_dir / "katalog" / "semua").rglob("index.html"))
    assert len(pages) == 3
