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


# Search (typing, facets, opening a result, no request leaving localhost): test_search.py


def test_sop_pages_list_their_flowchart_steps(tour):
    """The two reference SOPs are among the visited pages (a guard against a renamed sample)."""
    assert tour[PERDA]["geometry"]["tables"] == 4
    assert tour[KK]["geometry"]["tables"] in (1, 2)  # 8 steps: one or two sheets by printed height
