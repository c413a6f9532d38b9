"""The site search in a real Zensical build, set up as *Pencarian* in the guide tells a
Zensical site: ``mkdocs-sop generate``, ``zensical build``, ``mkdocs-sop search-index site``,
the search files in the theme's lists and Zensical's own search turned off. Served from
127.0.0.1 and used as staff would: typing in the header box, filtering by a facet on the
search page, opening a result; no request leaves the server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from browser_support import ROOT, Watched, served, tick_unit_facet
from mkdocs_sop.catalogue.site import zensical_config

KENDARAAN = "setda/bagian-umum/rumah-tangga/pemeriksaan-harian-kendaraan/"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000",
       "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def zensical_handbook_config() -> str:
    """The sample handbook's mkdocs.yml as a Zensical site writes it (docs/pencarian.md)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extras = (zensical_config()
              .replace("extra_css:\n", "extra_css:\n  - sop-search/sop-search.css\n")
              .replace("extra_javascript:\n", "extra_javascript:\n  - sop-search/kosakata.js\n"
                       "  - sop-search/sop-search.js\n"))
    config = config.replace("plugins:\n", "plugins:\n  - search:\n      enabled: false\n", 1)
    config = config.replace("markdown_extensions:\n", extras + "markdown_extensions:\n", 1)
    return config.replace("  - pymdownx.details\n", "  - pymdownx.details\n  - mkdocs_sop:\n"
                          "      institution: Pemerintah Kota Contoh\n"
                          "      logo: assets/logo-kota-contoh.svg\n", 1)


def run(args: list[str], cwd) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def zensical_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zensical-search")
    shutil.copytree(ROOT / "sops", folder / "sops", ignore=shutil.ignore_patterns(".cache"))
    (folder / "mkdocs.yml").write_text(zensical_handbook_config(), encoding="utf-8")
    run(["mkdocs_sop", "generate", "-q"], folder)
    run(["zensical", "build", "--clean"], folder)
    indexed = run(["mkdocs_sop", "search-index", "site"], folder)
    assert "peringatan" not in indexed.stderr, indexed.stderr  # Zensical's own search is off
    with served(folder / "site") as address:
        yield address


def test_search_works_in_a_zensical_build(browser, zensical_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="id-ID")
    try:
        w = Watched(context.new_page(), zensical_url)
        w.page.set_default_timeout(15000)
        w.goto("")
        # one search box: ours, in Zensical's header
        assert w.page.locator(".sop-search-header input[type=search]").count() == 1
        assert w.page.locator("[data-md-component=search], .md-search").count() == 0
        # typing in the header box lists the SOP, stemmed ("periksa" -> "Pemeriksaan")
        w.page.fill(".sop-search-header input[type=search]", "periksa kendaraan")
        w.page.wait_for_function(
            "(want) => { const a = document.querySelector('.sop-search-header .sop-search-result a');"
            " return a && a.getAttribute('href').indexOf(want) !== -1; }", arg=KENDARAAN)
        excerpt = w.page.inner_text(".sop-search-header .sop-search-excerpt")
        assert "Pemeriksaan" in excerpt or "memeriksa" in excerpt
        # Enter opens the search page; a unit facet narrows the results
        with w.page.expect_navigation():
            w.page.press(".sop-search-header input[type=search]", "Enter")
        assert "/cari/" in w.page.url
        w.page.wait_for_selector("[data-sop-search] .sop-search-result a")
        everything = w.page.eval_on_selector_all("[data-sop-search] .sop-search-result a",
                                                 "els => els.map(e => e.getAttribute('href'))")
        before = w.page.inner_text("[data-sop-search] .sop-search-count")
        tick_unit_facet(w.page, "Subbagian Rumah Tangga")
        narrowed = w.page.eval_on_selector_all("[data-sop-search] .sop-search-result a",
                                               "els => els.map(e => e.getAttribute('href'))")
        assert narrowed and all("/setda/bagian-umum/rumah-tangga/" in link for link in narrowed), narrowed
        assert int(before.split()[0]) > len(narrowed) or len(everything) > len(narrowed)
        # opening a result lands on the SOP
        with w.page.expect_navigation():
            w.page.click(f"[data-sop-search] .sop-search-result a[href*='{KENDARAAN}']")
        assert w.page.url.split("#")[0].endswith(KENDARAAN)
        assert "Pemeriksaan Harian Kendaraan Dinas" in w.page.inner_text("h1")
        assert any("/pagefind/" in url for url in w.requests)  # the index was really used
        assert w.foreign_requests() == [] and w.errors == []
    finally:
        context.close()
