"""The whole handbook in a browser: nothing leaves localhost, no console errors, search works offline."""

from __future__ import annotations

from urllib.parse import urlsplit

from browser_support import KK, PERDA


def test_every_page_loads_without_console_errors(tour):
    assert len(tour) >= 30, sorted(tour)
    bad = {p: v["errors"] for p, v in tour.items() if v["errors"] or v["status"] != 200}
    assert not bad, "\n".join(f"{p}: {e}" for p, e in bad.items())


def test_no_request_leaves_localhost(tour):
    """No Google Fonts, no CDN, no analytics: every request of every page goes to the local server."""
    foreign = sorted({u for v in tour.values() for u in v["foreign"]})
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)
    # the check saw real traffic: style sheets, scripts and our own CSS
    requested = {urlsplit(u).path for v in tour.values() for u in v["requests"]}
    assert any(p.endswith("/assets/mkdocs-sop/sop.css") for p in requested)
    assert any(p.endswith(".js") for p in requested)


def test_search_works_offline(new_page):
    """Material's search runs in a web worker on search/search_index.json: type, see results,
    follow one; no request leaves localhost meanwhile."""
    w = new_page(width=1400, height=900)
    w.goto("")
    page = w.page
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    box = page.locator("input.md-search__input")
    if not box.evaluate("e => e === document.activeElement"):
        page.locator("label.md-search__icon, label[for='__search']").first.click()
    box.fill("kartu keluarga")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15000)
    assert results.count() >= 1
    texts = page.locator(".md-search-result").inner_text()
    assert "Kartu Keluarga" in texts, texts[:500]
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("load")
    assert "kk" in page.url or "kartu" in page.url.lower() or page.locator(".sop").count() > 0
    assert any(u.endswith("search/search_index.json") for u in w.requests), "search index not fetched"
    assert not w.foreign_requests(), w.foreign_requests()
    assert not w.errors, w.errors


def test_sop_pages_list_their_flowchart_steps(tour):
    """The two reference SOPs are among the visited pages (a guard against a renamed sample)."""
    assert tour[PERDA]["geometry"]["tables"] == 4
    assert tour[KK]["geometry"]["tables"] in (1, 2)  # 8 steps: one or two sheets by printed height
