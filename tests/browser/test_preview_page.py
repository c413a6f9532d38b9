"""`mkdocs-sop preview` in the browser: what an editor sees, and the tab reloading by itself after a save."""

from __future__ import annotations

import pytest
from preview_support import PAGE, running_preview, write_site

from browser_support import Watched
from test_a11y import RUN_AXE, TAGS


@pytest.fixture
def site(tmp_path):
    return write_site(tmp_path)


def test_the_preview_shows_the_sop_and_reloads_itself_after_a_save(browser, site, artifacts, axe_script):
    page_file = site / PAGE
    text = page_file.read_text(encoding="utf-8")
    with running_preview(site) as run:
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="id-ID")
        try:
            watched = Watched(context.new_page(), run.url)
            page = watched.page
            page.set_default_timeout(60000)
            watched.goto("")
            # the SOP as on the site: identity grid, flowchart with its symbols, the diagram
            assert page.locator(".sop-identity").first.is_visible()
            assert page.locator(".sop-flowchart").first.is_visible()
            assert page.locator(".sop-flowchart svg").count() >= 1
            assert page.locator(".sop-diagram svg").first.is_visible()
            banner = page.locator(".sop-preview-banner")
            assert "Pratinjau satu halaman" in banner.inner_text()
            # styled by the package's sop.css, served by the preview itself
            assert page.evaluate("getComputedStyle(document.querySelector('.sop-flowchart th')).fontWeight") == "700"
            page.screenshot(path=str(artifacts / "preview.png"), full_page=True)
            # a save: the open tab shows it without anyone reloading
            page.evaluate("window.sopPreviewMarker = 1")  # gone once the page has reloaded
            page_file.write_text(text.replace("Menerbitkan surat", "Menerbitkan surat yang disimpan ulang"),
                                 encoding="utf-8")
            # (a locator, not wait_for_function: the preview's Content-Security-Policy forbids eval)
            page.locator(".sop-flowchart", has_text="Menerbitkan surat yang disimpan ulang").wait_for()
            assert page.evaluate("window.sopPreviewMarker") is None  # the tab reloaded by itself
            assert page.locator(".sop-flowchart").first.is_visible()
            assert watched.foreign_requests() == []
            assert watched.errors == []
        finally:
            context.close()
        # every part of the page is ours (no theme): axe finds nothing anywhere in it; axe is
        # injected as a script of the test, which the preview's policy forbids, hence bypass_csp
        checked = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
        try:
            page = checked.new_page()
            page.goto(run.url, wait_until="load")
            page.add_script_tag(path=str(axe_script))
            violations = page.evaluate(RUN_AXE, TAGS)
            assert violations == [], "\n".join(f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']]}"
                                               for v in violations)
        finally:
            checked.close()
