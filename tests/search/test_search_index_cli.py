"""``mkdocs-sop search-index SITE_DIR`` on a folder of HTML no generator of ours wrote
(as after `zensical build`): the index and the browser files appear, pages stay as they were."""

from __future__ import annotations

import json

from click.testing import CliRunner

from mkdocs_sop.cli import main

PAGE = """<!doctype html><html lang="id"><head><title>{title}</title></head><body>
<header><nav>Menu Pemeliharaan Arsip</nav></header>
<main><h1>{title}</h1>{body}</main><footer>Kaki</footer></body></html>"""

SOP_BODY = """<div class="sop"><div hidden class="sop-search-data"><div data-pagefind-ignore>
<span data-pagefind-meta="nomor">470/SOP-PDP/001/2024</span>
<span data-pagefind-filter="unit">Bidang Pelayanan</span><span data-pagefind-filter="status">Berlaku</span></div>
<span data-pagefind-weight="10" data-sop-kode="470/SOP-PDP/001/2024">470soppdp0012024</span></div>
<table><tr><td>30 menit</td><td>Petugas memeriksa kelengkapan berkas</td></tr></table></div>"""


def write_site(root):
    (root / "sop").mkdir(parents=True)
    (root / "index.html").write_text(PAGE.format(title="Beranda", body="<p>Selamat datang.</p>"), encoding="utf-8")
    (root / "sop" / "index.html").write_text(PAGE.format(title="Penerbitan KK", body=SOP_BODY), encoding="utf-8")
    (root / "cari.html").write_text(PAGE.format(title="Cari", body="<div data-sop-search></div>"), encoding="utf-8")
    return {p: p.read_bytes() for p in root.rglob("*.html")}


def test_search_index_of_any_built_folder(tmp_path, monkeypatch):
    site = tmp_path / "public"
    before = write_site(site)
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here: Indonesian by default
    result = CliRunner().invoke(main, ["search-index", str(site)])
    assert result.exit_code == 0, result.output
    assert "3 halaman" in result.output and "1 kode" in result.output and "2 nilai saringan" in result.output
    assert "peringatan" not in result.output  # no theme search box on these pages
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert len(list((site / "pagefind" / "fragment").iterdir())) == 3  # one per page
    assert {p.name for p in (site / "sop-search").iterdir()} == {"kosakata.js", "sop-search.js", "sop-search.css",
                                                                 "saringan.json"}
    # the facet table: the SOP page's values under the id Pagefind gave its page
    table = json.loads((site / "sop-search" / "saringan.json").read_text(encoding="utf-8"))
    assert table["nilai"] == [["status", "Berlaku"], ["unit", "Bidang Pelayanan"]]
    [(page_id, *values)] = table["halaman"]
    assert values == [0, 1] and (site / "pagefind" / "fragment" / f"{page_id}.pf_fragment").is_file()
    script = (site / "sop-search" / "kosakata.js").read_text(encoding="utf-8")
    data = json.loads(script[script.index("{"):script.rindex("}") + 1])
    assert data["kode"] == {"470soppdp0012024": "470/SOP-PDP/001/2024"}
    assert data["akar"]["memeriksa"] == "periksa" and data["halaman"] == "cari.html"
    assert data["status"] == ["Berlaku"]  # how the browser finds the SOP pages
    assert "pemeliharaan" not in data["akar"]  # the theme's menu is not the page's text
    assert {p: p.read_bytes() for p in site.rglob("*.html") if "pagefind" not in p.parts} == before
    # again: the same vocabulary, the index replaced rather than added to
    assert CliRunner().invoke(main, ["search-index", str(site), "--lang", "en"]).exit_code == 0
    assert (site / "sop-search" / "kosakata.js").read_text(encoding="utf-8") == script
    assert len(list((site / "pagefind" / "fragment").iterdir())) == 3


def test_search_index_warns_of_the_theme_search_box_left_on(tmp_path, monkeypatch):
    site = tmp_path / "site"
    write_site(site)
    (site / "index.html").write_text(PAGE.format(title="Beranda", body='<div data-md-component="search"></div>'),
                                     encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["search-index", str(site)])
    assert result.exit_code == 0
    assert "dua kotak pencarian" in result.stderr and "enabled: false" in result.stderr


def test_search_index_refuses_a_missing_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["search-index", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "nowhere" in result.output
