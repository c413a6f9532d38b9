"""The site search as staff use it: typing in the header box, the search page with facets,
opening a result, the catalogue filter agreeing with the search, all from the intranet
server alone (no request leaves it), and what a shared drive opened as files shows."""

from __future__ import annotations

from browser_support import KK

KENDARAAN = "setda/bagian-umum/rumah-tangga/pemeriksaan-harian-kendaraan/"


def _result_links(page, scope: str) -> list[str]:
    page.wait_for_selector(f"{scope} .sop-search-result a")
    return page.eval_on_selector_all(f"{scope} .sop-search-result a", "els => els.map(e => e.getAttribute('href'))")


def _wait_for_results(page, scope: str, expect_in_first: str) -> list[str]:
    page.wait_for_function(
        """([scope, want]) => {
            const a = document.querySelector(scope + ' .sop-search-result a');
            return a && a.getAttribute('href').indexOf(want) !== -1;
        }""", arg=[scope, expect_in_first])
    return _result_links(page, scope)


def test_header_box_finds_an_sop_by_its_number_typed_without_punctuation(new_page):
    w = new_page()
    w.goto("")
    box = w.page.locator(".sop-search-header input[type=search]")
    assert box.get_attribute("aria-label") == "Cari SOP"
    w.page.keyboard.press("/")  # the shortcut focuses the box
    assert w.page.evaluate("document.activeElement.closest('.sop-search-header') !== null")
    w.page.keyboard.type("470 SOP PDP 001 2024")
    links = _wait_for_results(w.page, ".sop-search-header", KK)
    assert links[0].rstrip("/").endswith(KK.rstrip("/")), links  # the SOP itself first
    meta = w.page.inner_text(".sop-search-header .sop-search-result .sop-search-meta")
    assert "470/SOP-PDP/001/2024" in meta and "Berlaku" in meta
    # keyboard: Tab reaches the first result, Enter opens it
    w.page.keyboard.press("Tab")
    focused = w.page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == links[0]
    with w.page.expect_navigation():
        w.page.keyboard.press("Enter")
    assert w.page.url.split("#")[0].endswith(KK)
    assert "Penerbitan Kartu Keluarga Baru" in w.page.inner_text("h1")
    assert w.foreign_requests() == [] and w.errors == []


def test_search_page_stems_filters_by_a_facet_and_opens_a_result(new_page):
    w = new_page()
    w.goto("cari/?q=periksa")
    links = _result_links(w.page, "[data-sop-search]")
    # "periksa" finds the SOPs that say "memeriksa"/"pemeriksaan", the SOP pages first
    assert any(KENDARAAN in link for link in links[:3]), links
    assert not any("/katalog/" in link or "/panduan/" in link for link in links[:3]), links
    count_before = w.page.inner_text("[data-sop-search] .sop-search-count")
    # the unit facet narrows to one sub-unit's SOPs
    w.page.click("[data-sop-search] .sop-search-facet summary:has-text('Unit')")
    w.page.check("[data-sop-search] input[data-facet='unit'][value='Subbagian Rumah Tangga']")
    w.page.wait_for_function(
        "(before) => document.querySelector('[data-sop-search] .sop-search-count').textContent !== before",
        arg=count_before)
    filtered = _result_links(w.page, "[data-sop-search]")
    assert filtered and all("/setda/bagian-umum/rumah-tangga/" in link for link in filtered), filtered
    assert len(filtered) < len(links)
    excerpt = w.page.inner_text("[data-sop-search] .sop-search-excerpt")
    assert "<" not in excerpt and "menitKonsep" not in excerpt
    with w.page.expect_navigation():
        w.page.click(f"[data-sop-search] .sop-search-result a[href*='{KENDARAAN}']")
    assert w.page.url.split("#")[0].endswith(KENDARAAN)
    assert w.foreign_requests() == [] and w.errors == []


def test_search_page_filters_by_facet_alone(new_page):
    w = new_page()
    w.goto("cari/")
    w.page.click("[data-sop-search] .sop-search-facet summary:has-text('Status')")
    w.page.check("[data-sop-search] input[data-facet='status'][value='Dicabut']")
    links = _result_links(w.page, "[data-sop-search]")
    assert [link.rstrip("/").rsplit("/", 1)[-1] for link in links] == ["izin-gangguan"]


def test_catalogue_filter_uses_the_same_normalisation(new_page):
    w = new_page()
    w.goto("katalog/")
    box = w.page.locator(".sop-cat-filter input")

    def shown() -> list[str]:
        return w.page.eval_on_selector_all("#sop-cat-table tbody tr:not([hidden]) .sop-cat-nomor",
                                           "els => els.map(e => e.textContent)")

    box.fill("periksa kendaraan")  # root of "Pemeriksaan"
    assert shown() == ["027/SOP-BU/RT/03/2023"]
    box.fill("470SOPPDP0012024")  # a number without its punctuation
    assert shown() == ["470/SOP-PDP/001/2024"]
    box.fill("pdp/00")  # part of a number
    assert len(shown()) >= 5 and all("SOP-PDP/00" in n for n in shown())
    assert w.foreign_requests() == [] and w.errors == []


def test_shared_drive_opened_as_files_points_to_the_catalogue(browser, site_dir):
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    try:
        page.goto((site_dir / "index.html").as_uri())
        page.fill(".sop-search-header input[type=search]", "akta")
        note = page.wait_for_selector(".sop-search-header .sop-search-offline")
        assert "server web" in note.inner_text()
        assert note.query_selector("a").get_attribute("href").endswith("katalog/index.html")
    finally:
        context.close()
