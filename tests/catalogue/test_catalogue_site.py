"""Whole-site builds: every generated page lists exactly the SOPs it should, links resolve
in both URL styles, lifecycle marks and cross-links, the JSON/CSV exports, navigation."""

from __future__ import annotations

import csv
import html
import io
import json

import pytest

from catalogue_site import DRAFTS, OFFICIAL, PAGES, Html, build_site, resolve, site, write_site  # noqa: F401 (fixture)

pytestmark = pytest.mark.site

K = "katalog/"


def nomors(page: Html, tag: str | None = None) -> set[str]:
    return set(page.values("data-sop-nomor", tag))


def test_builds_without_warnings_other_than_unresolved_sop_target(site):
    # the only warning is the `sop:` target that names no SOP (always reported)
    assert len(site.warnings) == 1, site.warnings
    assert "999/TIDAK-ADA" in site.warnings[0]
    assert "dinas-x/bidang-2/seksi-a/beta.md:" in site.warnings[0]  # file and line


def test_overview_lists_every_official_sop_once(site):
    page = site.page(K + "index.md")
    rows = page.values("data-sop-nomor", "tr")
    assert sorted(rows) == sorted(OFFICIAL)  # each once, drafts left out
    assert 'data-sop-catalogue' in page.text
    # counts
    assert '<div data-count="sops"><dt>SOP</dt><dd>7</dd></div>' in page.text
    # what a reader counts: two dinas, four units owning SOPs (not the 6 levels of the tree)
    assert '<div data-count="organisations"><dt>Perangkat daerah</dt><dd>2</dd></div>' in page.text
    assert '<div data-count="units"><dt>Unit kerja pemilik SOP</dt><dd>4</dd></div>' in page.text
    assert '<div data-count="status-digantikan"><dt>Digantikan</dt><dd>1</dd></div>' in page.text
    # editor text is escaped, never markup
    assert "<script>alert(1)</script>" not in page.text
    assert "Pelayanan Beta &lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_overview_rows_carry_status_and_sort_keys(site):
    page = site.page(K + "index.md")
    status = {a["data-sop-nomor"]: a["data-status"] for t, a in page.data if t == "tr" and "data-status" in a}
    assert status["Y/001/2019"] == "digantikan"  # only the NEW SOP says menggantikan
    assert status["Y/004/2018"] == "dicabut"
    assert status["X/001/2022"] == "berlaku"
    assert 'data-sort="2022-06-01">01 Juni 2022</td>' in page.text
    assert '<td class="sop-cat-num" data-sort="3">3</td>' in page.text  # X/001 has 3 steps


def test_unit_tree_and_unit_pages(site):
    tree = site.page(K + "unit/index.md")
    assert nomors(tree, "li") == OFFICIAL
    units = set(tree.values("data-unit"))
    assert units == {"Pemkab Uji", "Pemkab Uji › Dinas X", "Pemkab Uji › Dinas X › Bidang 1",
                     "Pemkab Uji › Dinas X › Bidang 2", "Pemkab Uji › Dinas X › Bidang 2 › Seksi A",
                     "Pemkab Uji › Dinas Y"}
    base = K + "unit/pemkab-uji/"
    # a unit's page is its daftar isi: its SOPs and those of every unit below it
    assert nomors(site.page(base + "dinas-x/index.md"), "tr") == {"X/001/2022", "X/002/2023", "X/003/2024",
                                                                  "X/004/2024"}
    assert nomors(site.page(base + "dinas-x/bidang-1/index.md"), "tr") == {"X/001/2022", "X/002/2023"}
    assert nomors(site.page(base + "dinas-x/bidang-2/index.md"), "tr") == {"X/003/2024", "X/004/2024"}
    assert nomors(site.page(base + "dinas-x/bidang-2/seksi-a/index.md"), "tr") == {"X/003/2024"}
    assert nomors(site.page(base + "dinas-y/index.md"), "tr") == {"Y/001/2019", "Y/002/2024", "Y/004/2018"}
    assert nomors(site.page(base + "index.md"), "tr") == OFFICIAL


def test_by_type_and_category(site):
    page = site.page(K + "jenis.md")
    text = page.content()

    def section(start_id: str, end_id: str | None) -> set[str]:
        start = text.index(f'id="{start_id}"')
        end = text.index(f'id="{end_id}"') if end_id else len(text)
        return set(Html(text[start:end], "").values("data-sop-nomor", "tr"))

    assert section("administratif-pelayanan", "administratif-rutin") == {"X/001/2022"}
    assert section("administratif-rutin", "administratif-penugasan") == {"X/002/2023"}
    assert section("administratif-penugasan", "administratif-tanpa-kategori") == {"X/003/2024"}
    assert section("administratif-tanpa-kategori", "jenis-teknis") == {"Y/001/2019", "Y/002/2024",
                                                                        "Y/004/2018"}
    assert section("jenis-teknis", None) == {"X/004/2024"}


def test_by_legal_basis_groups_spellings_and_keeps_pp_apart(site):
    index = site.page(K + "dasar-hukum/index.md")
    regs = index.values("data-regulation", "tr")
    # legislative order: UU before PP before Permen
    assert regs == ["uu-25-2009", "pp-25-2009", "permen-panrb-35-2012"]
    uu = site.page(K + "dasar-hukum/uu-25-2009.md")
    assert nomors(uu, "tr") == {"X/001/2022", "X/002/2023", "X/003/2024"}  # three spellings, one law
    assert "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik" in uu.text
    assert "UU 25/2009" in uu.text and "UU No. 25 Tahun 2009" in uu.text  # cited as
    pp = site.page(K + "dasar-hukum/pp-25-2009.md")
    assert nomors(pp, "tr") == {"X/002/2023", "X/003/2024"}
    assert nomors(site.page(K + "dasar-hukum/permen-panrb-35-2012.md"), "tr") == {"X/001/2022"}


def test_by_actor_steps_and_time(site):
    index = site.page(K + "pelaksana/index.md")
    assert index.values("data-actor", "tr") == ["Kepala Seksi", "Pemohon", "Petugas Loket", "Staf", "Teknisi"]
    loket = site.page(K + "pelaksana/petugas-loket.md")
    steps = {a["data-sop-nomor"]: a for t, a in loket.data if t == "tr"}
    assert set(steps) == {"X/001/2022", "X/002/2023", "X/003/2024"}  # "petugas  loket" is the same role
    cells = [a["data-steps"] for t, a in loket.data if t == "td" and "data-steps" in a]
    assert cells == ["2 3", "2", "2 3"]
    # time of those steps: 15 min + 1 h; 2 hari kerja; none given + none
    assert "1 jam 15 menit" in loket.text and "2 hari kerja" in loket.text
    teknisi = site.page(K + "pelaksana/teknisi.md")
    assert nomors(teknisi, "tr") == {"X/004/2024"}
    assert "35 menit" in teknisi.text


def test_review_status(site):
    page = site.page(K + "peninjauan.md")
    text = page.content()

    def state(name: str) -> set[str]:
        start = text.index(f'data-review="{name}"')
        end = text.find("</section>", start)
        return set(Html(text[start:end], "").values("data-sop-nomor", "tr"))

    assert state("overdue") == {"X/001/2022"}
    assert state("due") == {"X/002/2023"}
    assert state("no-dates") == set()
    assert "01 Juni 2024" in text  # the due date of X/001 (2 years after 2022-06-01)


def test_unresolved_references(site):
    page = site.page(K + "rujukan.md")
    rows = [(a["data-sop-nomor"], a["data-kind"]) for t, a in page.data if t == "tr" and "data-kind" in a]
    assert rows == [("X/003/2024", "keterkaitan"), ("X/003/2024", "sop")]
    assert "Standar Pelayanan 2024" in page.text and "999/TIDAK-ADA" in page.text
    assert "dinas-x/bidang-2/seksi-a/beta.md:" in html.unescape(page.text)


def test_lifecycle_and_cross_links_on_sop_pages(site):
    old = site.page("dinas-y/lama.md")
    assert 'data-sop-status="digantikan"' in old.text
    assert "Digantikan oleh: <a href=" in old.text
    new = site.page("dinas-y/baru.md")
    assert "Menggantikan: <a href=" in new.text
    for page, target in ((old, "dinas-y/baru.md"), (new, "dinas-y/lama.md")):
        links = [h for h in page.links if "#sop-y-00" in h]
        assert links, page.url
        for href in links:
            path, anchor = resolve(site, page.url, href)
            assert path == site.file_of(site.url_of(target)) and path.exists()
    # the history is on the page
    assert "Riwayat Revisi" in old.text and "Penetapan awal." in old.text
    # Dirujuk oleh: Alpha is named by Beta's keterkaitan
    alpha = site.page("dinas-x/bidang-1/dua-sop.md")
    assert "Dirujuk oleh" in alpha.text
    draft = site.page("dinas-y/draf.md")
    assert 'data-sop-status="draf"' in draft.text and "sop-lifecycle-draf" in draft.text


def test_every_link_of_generated_and_sop_pages_resolves(site):
    pages = [p for p in site.root.rglob("*.html") if "search" not in p.parts and p.name != "404.html"]
    checked = 0
    for path in pages:
        rel = path.relative_to(site.root).as_posix()
        url = (rel[: -len("index.html")] or "./") if site.dir_urls and rel.endswith("index.html") else rel
        page = Html(path.read_text(encoding="utf-8"), url)
        for href in page.links:
            target = resolve(site, url, href)
            if target is None:
                continue
            file, anchor = target
            assert file.exists(), f"{rel}: {href} -> {file}"
            if anchor and file.suffix == ".html":
                ids = Html(file.read_text(encoding="utf-8"), "").ids
                assert anchor in ids, f"{rel}: {href} (no id {anchor})"
            checked += 1
    assert checked > 200


def test_json_export(site):
    data = json.loads((site.root / "sop.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["count"] == len(OFFICIAL)
    by = {s["nomor"]: s for s in data["sops"]}
    assert set(by) == OFFICIAL
    alpha = by["X/001/2022"]
    assert alpha["unit_path"] == ["Pemkab Uji", "Dinas X", "Bidang 1"]
    assert [(c["text"], c["key"]) for c in alpha["dasar_hukum"]] == [
        ("UU No. 25 Tahun 2009", "uu-25-2009"), ("Permen PANRB No. 35 Tahun 2012", "permen-panrb-35-2012")]
    assert [s["symbol"] for s in alpha["langkah"]] == ["terminator", "decision", "terminator"]
    assert alpha["langkah"][1]["targets"] == [{"branch": "ya", "kind": "step", "step": 3},
                                              {"branch": "tidak", "kind": "step", "step": 1}]
    # straight through, or back to the start once when the file is incomplete
    assert alpha["total_waktu"]["text"] == "1 jam 25 menit – 1 jam 50 menit"
    assert alpha["pelaksana"] == ["Pemohon", "Petugas Loket"]
    assert alpha["dirujuk_oleh"] == ["X/003/2024"]
    beta = by["X/003/2024"]
    assert {"branch": "ya", "kind": "sop", "sop": "X/002/2023"} in beta["langkah"][2]["targets"]
    assert beta["keterkaitan"] == [{"text": "Penerbitan Izin Alpha", "nomor": "X/001/2022"},
                                   {"text": "Standar Pelayanan 2024", "nomor": None}]
    assert by["Y/001/2019"]["status"] == "digantikan" and by["Y/001/2019"]["status_declared"] == "berlaku"
    assert by["Y/001/2019"]["digantikan_oleh"] == ["Y/002/2024"]
    for sop in data["sops"]:  # every page URL points to the SOP on its page
        file, anchor = resolve(site, "", sop["url"])
        assert file.exists() and anchor in Html(file.read_text(encoding="utf-8"), "").ids
        assert sop["absolute_url"] == "https://sop.example.go.id/" + sop["url"]


def test_csv_export(site):
    rows = list(csv.DictReader(io.StringIO((site.root / "sop.csv").read_text(encoding="utf-8"))))
    assert {r["nomor"] for r in rows} == OFFICIAL and len(rows) == len(OFFICIAL)
    alpha = next(r for r in rows if r["nomor"] == "X/001/2022")
    assert alpha["unit"] == "Dinas X > Bidang 1" and alpha["langkah"] == "3"
    assert alpha["dasar_hukum"] == "uu-25-2009 | permen-panrb-35-2012"


def test_sections_navigation_leaves_sop_pages_out_of_the_sidebar(site):
    home = site.page("index.md").text
    nav = home[home.find('md-nav--primary'):home.find('md-sidebar--secondary')]
    assert "katalog/" in nav and "dinas-x/" in nav
    for sop_page in ("dua-sop", "beta", "lama", "baru"):
        assert sop_page not in nav
    assert "dasar-hukum/uu-25-2009" not in nav  # per-item pages are reached from their index


def test_include_drafts_and_full_navigation(tmp_path):
    config = write_site(tmp_path, extra_plugin="include_drafts: true\nnavigation: full\nlanguage: en\n")
    site_dir, _warnings = build_site(config)
    overview = Html((site_dir / "katalog/index.html").read_text(encoding="utf-8"), "katalog/")
    assert set(overview.values("data-sop-nomor", "tr")) == OFFICIAL | DRAFTS
    assert "SOP Catalogue" in overview.text and "Effective Date" in overview.text
    data = json.loads((site_dir / "sop.json").read_text(encoding="utf-8"))
    assert {s["nomor"] for s in data["sops"]} == OFFICIAL | DRAFTS
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    nav = home[home.find('md-nav--primary'):home.find('md-sidebar--secondary')]
    assert "dinas-y/lama/" in nav  # full: every page


def test_catalogue_and_export_off(tmp_path):
    config = write_site(tmp_path, extra_plugin="catalogue: false\nexport: false\n")
    site_dir, _ = build_site(config)
    assert not (site_dir / "katalog").exists() and not (site_dir / "sop.json").exists()
    assert (site_dir / "dinas-y/lama/index.html").exists()


def test_a_page_of_the_site_is_never_overwritten(tmp_path):
    pages = dict(PAGES)
    pages["katalog/index.md"] = "# Katalog kami sendiri\n"
    config = write_site(tmp_path, pages=pages)
    site_dir, warnings = build_site(config)
    assert "Katalog kami sendiri" in (site_dir / "katalog/index.html").read_text(encoding="utf-8")
    assert any("katalog/index.md" in w and "catalogue_dir" in w for w in warnings)
