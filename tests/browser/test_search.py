"""The site search as staff use it: typing in the header box, the search page with facets,
opening a result, the catalogue filter agreeing with the search, all from the intranet
server alone (no request leaves it), and what a shared drive opened as files shows."""

from __future__ import annotations

import html

from browser_support import KK, tick_unit_facet
from mkdocs_sop.search.facets import page_records

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
    # the unit facet narrows to one sub-unit's SOPs
    tick_unit_facet(w.page, "Subbagian Rumah Tangga")
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


def _facet_count(page, facet: str, value: str) -> int | None:
    """The count the search page shows beside one facet value; None when the value is hidden."""
    return page.evaluate(
        """([facet, value]) => {
            const box = Array.from(document.querySelectorAll('[data-sop-search] input[data-facet]'))
                .find(b => b.dataset.facet === facet && b.value === value);
            const li = box.closest('li');
            return li.hidden ? null : Number(li.querySelector('.sop-search-facet-count').textContent.replace(/\\D/g, ''));
        }""", [facet, value])


def _wait_for_count(page, before: str) -> str:
    page.wait_for_function(
        """(before) => {
            const t = document.querySelector('[data-sop-search] .sop-search-count').textContent;
            return t !== before && /hasil/.test(t);
        }""", arg=before)
    return page.inner_text("[data-sop-search] .sop-search-count")


def test_facet_counts_are_those_of_the_query(new_page):
    w = new_page()
    w.goto("cari/")
    w.page.wait_for_selector("[data-sop-search] .sop-search-facet-count", state="attached")
    site_wide = _facet_count(w.page, "unit", "Sekretariat DPRD")
    assert site_wide == 7 and _facet_count(w.page, "pelaksana", "Arsiparis") == 1
    w.page.fill("[data-sop-search] input[type=search]", "periksa")
    _wait_for_count(w.page, "")  # the count line is empty until a query
    # each value now counts the query's results, not the site's; a value none has is hidden
    for_query = _facet_count(w.page, "unit", "Sekretariat DPRD")
    assert 0 < for_query < site_wide
    assert _facet_count(w.page, "pelaksana", "Arsiparis") is None
    # the count is what ticking the value gives
    w.page.click("[data-sop-search] .sop-search-facet summary:has-text('Unit')")
    before = w.page.inner_text("[data-sop-search] .sop-search-count")
    w.page.check("[data-sop-search] input[data-facet='unit'][value='Sekretariat DPRD']")
    shown = _wait_for_count(w.page, before)
    assert shown == f"{for_query} hasil"
    links = _result_links(w.page, "[data-sop-search]")
    assert len(links) == for_query and all("/setwan/" in link for link in links), links
    # other facets now count within the ticked unit; the ticked facet's own values still count the query
    assert _facet_count(w.page, "status", "Berlaku") <= for_query
    assert _facet_count(w.page, "unit", "Sekretariat Daerah") > 0
    # another query, other counts
    w.page.fill("[data-sop-search] input[type=search]", "risalah")
    _wait_for_count(w.page, shown)
    assert _facet_count(w.page, "unit", "Sekretariat DPRD") < for_query
    assert _facet_count(w.page, "unit", "Sekretariat Daerah") is None
    assert w.foreign_requests() == [] and w.errors == []


def test_catalogue_lists_stay_out_of_the_index(site_dir):
    """The catalogue's lists name every SOP; the indexer leaves them out by their classes
    (sop-cat-table, sop-cat-tree, sop-cat-unit-sops, sop-cat-subunits), so a catalogue page
    never answers an SOP's name. Losing a class in the catalogue templates fails here."""
    records = [record for _, record in page_records(site_dir / "pagefind")]
    names = {record["meta"]["title"] for record in records if "status" in record.get("filters", {})}
    checked = 0
    for record in records:
        url = record["url"]
        if not url.startswith("/katalog/") or url.startswith("/katalog/monev/"):
            continue
        page = html.unescape((site_dir / url.lstrip("/") / "index.html").read_text(encoding="utf-8"))
        listed = {name for name in names if name in page}
        if listed:
            checked += 1
            indexed = sorted(name for name in listed if name in record["content"])
            assert not indexed, (url, indexed[:3])
    assert checked >= 20  # the overview, unit, type, regulation and actor pages list SOPs
