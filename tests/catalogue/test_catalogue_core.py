"""The pure catalogue: URLs, lifecycle, indexes, review status, grouping of legal bases,
exports and the generated pages' Markdown, without MkDocs."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import textwrap

import markdown
import pytest

from mkdocs_sop.catalogue.registry import Catalogue, page_url, relative_url
from mkdocs_sop.catalogue.pages import PAGE_KEYS, PageOptions, build_pages, page_paths
from mkdocs_sop.catalogue.export import CSV_COLUMNS, export_csv, export_data, export_json
from mkdocs_sop.core.labels import ENGLISH, INDONESIAN, label_set
from mkdocs_sop.core.model import SopStatus
from mkdocs_sop.core.parse import parse_block

from catalogue_site import PAGES


def make_catalogue(pages: dict[str, str] = PAGES, use_directory_urls: bool = True) -> Catalogue:
    cat = Catalogue()
    for rel, text in sorted(pages.items()):
        cat.add_page(textwrap.dedent(text).lstrip("\n"), rel, rel, page_url(rel, use_directory_urls),
                     lambda body, path, line: parse_block(body, path, line, default_instansi="Pemkab Uji"))
    return cat


def sop_page(nomor: str, *, unit: str = "Dinas Z", extra: str = "", steps: str = "") -> str:
    steps = steps or "  - kegiatan: Bekerja\n    pelaksana: Staf\n"
    return f"```sop\nnomor: {nomor}\nnama: SOP {nomor}\nunit: {unit}\n{extra}langkah:\n{steps}```\n"


# --- URLs ---------------------------------------------------------------------------

@pytest.mark.parametrize("src, dir_url, html_url", [
    ("index.md", "./", "index.html"),
    ("README.md", "./", "index.html"),
    ("a.md", "a/", "a.html"),
    ("a/index.md", "a/", "a/index.html"),
    ("a/b/c.md", "a/b/c/", "a/b/c.html"),
    ("katalog/dasar-hukum/uu-25-2009.md", "katalog/dasar-hukum/uu-25-2009/",
     "katalog/dasar-hukum/uu-25-2009.html"),
])
def test_page_url_matches_mkdocs(src, dir_url, html_url):
    assert page_url(src, True) == dir_url
    assert page_url(src, False) == html_url


def test_page_url_agrees_with_mkdocs_file(tmp_path):
    from mkdocs.structure.files import File

    for use_dir in (True, False):
        for src in ("index.md", "a.md", "a/index.md", "a/b/c.md", "a/README.md"):
            file = File(src, src_dir=str(tmp_path), dest_dir=str(tmp_path / "site"), use_directory_urls=use_dir)
            assert page_url(src, use_dir) == file.url, (src, use_dir)


@pytest.mark.parametrize("target, base, expected", [
    ("a/b/#x", "a/c/", "../b/#x"),
    ("a/b/#x", "a/b/", "#x"),
    ("./#x", "a/b/", "../../#x"),
    ("a/b.html#x", "a/c.html", "b.html#x"),
    ("a/b.html#x", "index.html", "a/b.html#x"),
    ("index.html#x", "a/b/c.html", "../../index.html#x"),
    ("sop.json", "katalog/", "../sop.json"),
    ("sop.json", "katalog/index.html", "../sop.json"),
])
def test_relative_url_both_styles(target, base, expected):
    assert relative_url(target, base) == expected


# --- lifecycle ----------------------------------------------------------------------

def test_superseded_when_only_the_new_sop_says_so():
    cat = make_catalogue()
    old = cat.find("Y/001/2019").sop
    assert old.status is SopStatus.BERLAKU  # as written
    assert cat.status(old) is SopStatus.DIGANTIKAN
    assert [e.sop.nomor for e in cat.superseded_by_official(old)] == ["Y/002/2024"]
    assert [e.sop.nomor for e in cat.supersedes(cat.find("Y/002/2024").sop)] == ["Y/001/2019"]


def test_a_draft_replacement_supersedes_nothing_yet():
    cat = make_catalogue({"a.md": sop_page("A/1"),
                          "b.md": sop_page("B/1", extra="status: draf\nmenggantikan: [A/1]\n")})
    a = cat.find("A/1").sop
    assert cat.status(a) is SopStatus.BERLAKU
    assert cat.superseded_by_official(a) == [] and len(cat.superseded_by(a)) == 1


def test_official_leaves_drafts_and_duplicate_numbers_out():
    cat = make_catalogue({"a.md": sop_page("A/1"), "b.md": sop_page("A/1"),
                          "c.md": sop_page("C/1", extra="status: draf\n")})
    assert [e.page for e in cat.official()] == ["a.md"]
    assert [e.sop.nomor for e in cat.official(include_drafts=True)] == ["A/1", "C/1"]


def test_referenced_by_counts_keterkaitan_and_sop_targets_once():
    cat = make_catalogue()
    assert [e.sop.nomor for e in cat.referenced_by(cat.find("X/001/2022").sop)] == ["X/003/2024"]
    assert [e.sop.nomor for e in cat.referenced_by(cat.find("X/002/2023").sop)] == ["X/003/2024"]


# --- indexes ------------------------------------------------------------------------

def test_unit_tree_paths_counts_and_order():
    cat = make_catalogue()
    root = cat.unit_tree()
    (pemkab,) = root.children
    assert [c.name for c in pemkab.children] == ["Dinas X", "Dinas Y"]
    dinas_x = pemkab.children[0]
    assert dinas_x.count == 4 and [c.name for c in dinas_x.children] == ["Bidang 1", "Bidang 2"]
    assert [e.sop.nomor for e in dinas_x.children[0].entries] == ["X/001/2022", "X/002/2023"]


def test_by_actor_folds_case_and_spacing_and_sums_time():
    cat = make_catalogue()
    actors = dict(cat.by_actor())
    assert "petugas  loket" not in actors
    works = actors["Petugas Loket"]
    assert [(w.entry.sop.nomor, [s.number for s in w.steps]) for w in works] == [
        ("X/001/2022", ["2", "3"]), ("X/002/2023", ["2"]), ("X/003/2024", ["2", "3"])]
    assert works[0].time.low.minutes == 75 and works[2].time is None


@pytest.mark.parametrize("extra, state, due", [
    ("tanggal_efektif: 2022-06-01\n", "overdue", dt.date(2024, 6, 1)),
    ("tanggal_efektif: 2023-02-15\n", "due", dt.date(2025, 2, 15)),
    ("tanggal_efektif: 2023-06-01\n", "ok", dt.date(2025, 6, 1)),
    ("tanggal_revisi: 2025-03-01\n", "due", dt.date(2025, 3, 1)),  # planned revision
    ("tanggal_revisi: 2026-01-01\ntanggal_efektif: 2020-01-01\n", "ok", dt.date(2026, 1, 1)),
    ("tanggal_efektif: Juni 2023\n", "ok", dt.date(2025, 6, 1)),  # partial: first day
    ("tanggal_efektif: 2021\n", "overdue", dt.date(2023, 1, 1)),
    ("tanggal_efektif: 2020-02-29\n", "overdue", dt.date(2022, 2, 28)),
    ("tanggal_efektif: 2020-01-01\nriwayat:\n  - tanggal: 2024-05-01\n    uraian: revisi\n", "ok",
     dt.date(2026, 5, 1)),
    ("", "no-dates", None),
    ("tanggal_efektif: kapan-kapan\n", "no-dates", None),
])
def test_review_state(extra, state, due):
    cat = make_catalogue({"a.md": sop_page("A/1", extra=extra)})
    (item,) = cat.review(dt.date(2025, 1, 1), horizon_days=90, after_years=2)
    assert (item.state, item.due) == (state, due)


def test_review_skips_revoked_superseded_and_drafts():
    cat = make_catalogue()
    reviewed = {r.entry.sop.nomor for r in cat.review(dt.date(2025, 1, 1), entries=cat.official(True))}
    assert reviewed == {"X/001/2022", "X/002/2023", "X/003/2024", "X/004/2024", "Y/002/2024"}


def test_unresolved_lists_every_kind_with_line():
    cat = make_catalogue({"a.md": sop_page("A/1", extra="keterkaitan: [Tidak Ada, A/1]\n"
                                                      "menggantikan: [Z/9]\n",
                                           steps="  - kegiatan: a\n    pelaksana: S\n    lanjut: sop:Q/1\n")})
    found = [(u.kind, u.reference, u.line) for u in cat.unresolved()]
    assert found == [("keterkaitan", "Tidak Ada", 5), ("menggantikan", "Z/9", 6), ("sop", "Q/1", 10)]


# --- legal-basis grouping on real citation styles -------------------------------------

REAL_CITATIONS = {
    "uu-25-2009": [
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "Undang-Undang Republik Indonesia Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "UU No. 25 Tahun 2009", "UU Nomor 25 Tahun 2009", "UU No.25 Th. 2009", "UU 25/2009",
        "UU RI No 25 Tahun 2009 Tentang Pelayanan Publik", "Undang-undang No. 25 tahun 2009",
        "1. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
    ],
    "pp-25-2009": ["PP No. 25 Tahun 2009", "Peraturan Pemerintah Nomor 25 Tahun 2009"],
    "uu-23-2014": ["Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
                   "UU No. 23 Tahun 2014 sebagaimana telah diubah"],
    "pp-96-2012": ["Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang "
                   "Nomor 25 Tahun 2009 tentang Pelayanan Publik", "PP 96/2012"],
    "perpres-96-2018": ["Peraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan dan Tata Cara "
                        "Pendaftaran Penduduk dan Pencatatan Sipil", "Perpres No. 96 Tahun 2018"],
    "permen-panrb-35-2012": [
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 "
        "tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan",
        "Permen PANRB No. 35 Tahun 2012", "PermenPAN-RB Nomor 35 Tahun 2012",
        "Peraturan Menteri PAN dan RB No. 35 Tahun 2012",
    ],
    "permen-dagri-108-2019": ["Peraturan Menteri Dalam Negeri Nomor 108 Tahun 2019",
                              "Permendagri No. 108 Tahun 2019"],
}


def test_legal_grouping_on_real_citation_styles():
    pages = {}
    n = 0
    for key, texts in REAL_CITATIONS.items():
        for text in texts:
            n += 1
            pages[f"p{n:02d}.md"] = sop_page(f"S/{n:02d}", extra="dasar_hukum:\n  - " + json.dumps(text) + "\n")
    cat = make_catalogue(pages)
    groups = cat.by_legal_basis()
    got = {reg.key: sorted(t for _, texts in cited for t in texts) for reg, cited in groups}
    expected = {k: sorted(v) for k, v in REAL_CITATIONS.items()}
    assert got == expected
    # legislative order: UU (by year) before PP before Perpres before Permen
    assert [reg.key for reg, _ in groups] == ["uu-25-2009", "uu-23-2014", "pp-25-2009", "pp-96-2012",
                                              "perpres-96-2018", "permen-panrb-35-2012",
                                              "permen-dagri-108-2019"]
    keys = cat.citation_keys()
    entry = cat.find("S/01")
    assert keys[(id(entry), entry.sop.dasar_hukum[0])].key == "uu-25-2009"


# --- pages and exports ----------------------------------------------------------------

def options(**kw) -> PageOptions:
    return PageOptions(labels=label_set(kw.pop("language", "id")), today=dt.date(2025, 1, 1), **kw)


def test_pages_are_deterministic_and_listed_once():
    cat = make_catalogue()
    first = build_pages(cat, options())
    second = build_pages(make_catalogue(), options())
    assert [(p.src_uri, p.markdown) for p in first] == [(p.src_uri, p.markdown) for p in second]
    srcs = [p.src_uri for p in first]
    assert len(srcs) == len(set(srcs))
    paths = page_paths("katalog")
    assert [p.src_uri for p in first if p.kind in PAGE_KEYS] == [paths[k] for k in PAGE_KEYS]


def rendered(markdown_text: str) -> str:
    """A generated page's body as every generator renders it (Python-Markdown, the extensions it needs)."""
    body = markdown_text.partition("\n---\n")[2]
    return markdown.markdown(body, extensions=["mkdocs_sop", "md_in_html", "attr_list", "tables", "toc"])


def test_pages_are_front_matter_and_markdown_whose_links_are_md_paths():
    for page in build_pages(make_catalogue(), options()):
        assert page.markdown.startswith("---\ntitle: ")
        html = rendered(page.markdown)
        # every piece of Markdown was read: no attribute, link or attribute list left as text
        assert "markdown=" not in html and "](" not in html and "{:" not in html, page.src_uri
        hrefs = re.findall(r'href="([^"]*)"', html)
        assert hrefs, page.src_uri
        for href in hrefs:
            path = href.partition("#")[0]
            assert path == "" or path.endswith((".md", ".json", ".csv")), (page.src_uri, href)
            if path.endswith(".md"):  # relative to the page's source file, inside the docs folder
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path))
                assert not target.startswith(".."), (page.src_uri, href)


def test_catalogue_dir_links_from_the_source_file():
    cat = make_catalogue(use_directory_urls=False)
    pages = build_pages(cat, options(directory="sop/katalog"))
    overview = pages[0]
    assert overview.src_uri == "sop/katalog/index.md"
    assert "](../../dinas-x/bidang-1/dua-sop.md#sop-x-001-2022)" in overview.markdown
    assert "](unit/index.md)" in overview.markdown


def test_english_labels_and_new_keys_in_both_languages():
    assert set(INDONESIAN) == set(ENGLISH)
    pages = build_pages(make_catalogue(), options(language="en"))
    assert "SOPs by Legal Basis" in pages[0].markdown and "Katalog" not in pages[0].markdown.split("---")[1]


def test_export_json_shape_and_determinism():
    cat = make_catalogue()
    text = export_json(cat, site_url="https://x.example/")
    assert text == export_json(make_catalogue(), site_url="https://x.example/")
    data = json.loads(text)
    assert data["version"] == 1 and data["generator"] == "mkdocs-sop"
    assert [s["nomor"] for s in data["sops"]] == [e.sop.nomor for e in cat.official()]
    steps_list = next(s for s in data["sops"] if s["nomor"] == "X/004/2024")
    assert steps_list["format"] == "langkah-sederhana" and steps_list["langkah"][0]["symbol"] is None
    assert steps_list["total_waktu"]["low"]["minutes"] == 35


def test_export_csv_has_one_row_per_sop():
    cat = make_catalogue()
    lines = export_csv(cat).splitlines()
    assert lines[0].split(",") == list(CSV_COLUMNS)
    assert len(lines) == 1 + len(export_data(cat)["sops"])


def test_actors_merge_only_within_one_organisation():
    steps = "  - kegiatan: Menandatangani\n    pelaksana: Kepala Dinas\n"
    cat = make_catalogue({
        "a.md": sop_page("A/1", unit="[Dinas Kesehatan, Bidang 1]", steps=steps),
        "b.md": sop_page("A/2", unit="[Dinas Kesehatan, Bidang 2]", steps=steps),
        "c.md": sop_page("B/1", unit="Dinas Pendidikan", steps=steps),
    })
    actors = dict(cat.by_actor())
    assert set(actors) == {"Kepala Dinas (Dinas Kesehatan)", "Kepala Dinas (Dinas Pendidikan)"}
    assert [w.entry.sop.nomor for w in actors["Kepala Dinas (Dinas Kesehatan)"]] == ["A/1", "A/2"]


def test_the_unit_tree_lists_sops_only_while_they_fit_one_overview_page():
    """Above ``catalogue_page_size`` SOPs the tree keeps units and counts (a page that no longer
    grows with the site), says so, and each unit's own page still lists its SOPs."""
    cat = make_catalogue()
    count = len(cat.official())
    rendered = {}
    for size in (count, count - 1):
        opts = PageOptions(labels=label_set("id"), today=dt.date(2025, 1, 1), page_size=size)
        rendered[size] = {p.src_uri: p.markdown for p in build_pages(cat, opts)}
    small, large = rendered[count]["katalog/unit/index.md"], rendered[count - 1]["katalog/unit/index.md"]
    entry = next(e for e in cat.official() if e.sop.unit)
    assert entry.sop.nomor in small and "sop-cat-unit-sops" in small
    assert entry.sop.nomor not in large and "sop-cat-unit-sops" not in large
    assert f"memuat {count} SOP, jadi pohon ini hanya menampilkan unit" in large
    assert "(klik nama unitnya)" not in small
    unit_pages = [text for path, text in rendered[count - 1].items()
                  if path.startswith("katalog/unit/") and path != "katalog/unit/index.md"]
    assert any(entry.sop.nomor in text for text in unit_pages)


def test_above_one_overview_page_each_type_and_category_lists_its_sops_on_pages_of_its_own():
    """At thousands of SOPs the page by type would hold every SOP; above ``catalogue_page_size``
    it keeps the counts and links each category's own list, paged like the overview."""
    cat = make_catalogue()
    opts = PageOptions(labels=label_set("id"), today=dt.date(2025, 1, 1), page_size=1)
    pages = {p.src_uri: p for p in build_pages(cat, opts)}
    types = pages["katalog/jenis.md"].markdown
    assert "sop-cat-list" not in types and "jadi daftar SOP setiap jenis dan kategori ada di" in types
    counts = {}
    for jenis, groups in cat.by_type(cat.official()).items():
        for kategori, entries in groups.items():
            if entries:
                counts[f"{jenis.value}-{kategori.value if kategori else 'tanpa-kategori'}"] = entries
    busiest, entries = max(counts.items(), key=lambda item: len(item[1]))
    assert len(entries) >= 2  # so its list takes several pages of one row
    assert f"[Daftar {len(entries)} SOP ini](jenis/{busiest}.md)" in types
    listed = [pages[f"katalog/jenis/{busiest}.md"]] + [pages[f"katalog/jenis/{busiest}/{n}.md"]
                                                      for n in range(2, len(entries) + 1)]
    assert all(p.kind == "type-list" for p in listed)
    for number, (page, entry) in enumerate(zip(listed, entries), start=1):
        assert entry.sop.nomor in page.markdown and f"<td>{number}</td>" in page.markdown  # numbered on
        assert "[↑ SOP per Jenis dan Kategori](" in page.markdown
    assert "[2](" in listed[0].markdown and f"{busiest}/2.md" in listed[0].markdown  # the pager links on
    assert f"katalog/jenis/{busiest}/{len(entries) + 1}.md" not in pages


def test_a_unit_with_more_sops_than_one_page_lists_them_page_by_page():
    """The page of a unit high in the tree (the instansi) holds every SOP below it: paged like the
    overview, numbered on across pages, each page leading back to the unit's first page."""
    cat = make_catalogue()
    opts = PageOptions(labels=label_set("id"), today=dt.date(2025, 1, 1), page_size=2)
    pages = {p.src_uri: p for p in build_pages(cat, opts)}
    top = "katalog/unit/pemkab-uji/index.md"
    entries = cat.unit_tree(cat.official()).children[0].all_entries()
    count = len(entries)
    assert count > 4
    later = [pages[f"katalog/unit/pemkab-uji/_halaman/{n}.md"] for n in range(2, (count + 1) // 2 + 1)]
    assert f"katalog/unit/pemkab-uji/_halaman/{(count + 1) // 2 + 1}.md" not in pages
    shown = [pages[top].markdown, *(p.markdown for p in later)]
    for entry in entries:  # every SOP below the unit on exactly one of its pages
        assert sum(entry.sop.nomor + "</td>" in text for text in shown) == 1
    assert "<td>3</td>" in later[0].markdown and "<td>1</td>" not in later[0].markdown
    assert "[Pemkab Uji](../index.md)" in later[0].markdown  # the unit itself, page 1
    assert 'aria-current="page">Pemkab Uji' in pages[top].markdown
    assert "Sub-unit" in pages[top].markdown and "Sub-unit" not in later[0].markdown
    assert later[0].title == "Pemkab Uji (3–4)"


def test_a_regulation_cited_by_more_sops_than_one_page_lists_them_page_by_page():
    """UU 25/2009 is cited by most SOPs of a site: its page is paged like the overview, and
    every page leads back to the regulation's first page and the index of regulations."""
    cited = {f"p{n}.md": sop_page(f"S/{n}", extra="dasar_hukum:\n  - UU Nomor 25 Tahun 2009 tentang Pelayanan Publik\n")
             for n in range(1, 6)}
    cat = make_catalogue(cited)
    opts = PageOptions(labels=label_set("id"), today=dt.date(2025, 1, 1), page_size=2)
    pages = {p.src_uri: p for p in build_pages(cat, opts)}
    first = pages["katalog/dasar-hukum/uu-25-2009.md"].markdown
    later = [pages[f"katalog/dasar-hukum/uu-25-2009/{n}.md"].markdown for n in (2, 3)]
    assert "katalog/dasar-hukum/uu-25-2009/4.md" not in pages
    for n in range(1, 6):
        assert sum(f"S/{n}</td>" in text for text in [first, *later]) == 1
    assert "SOP (5)" in later[1] and "<td>5</td>" in later[1]
    assert "(../uu-25-2009.md)" in later[0] and "[↑ SOP per Dasar Hukum](../index.md)" in later[0]
    assert "[2](uu-25-2009/2.md)" in first
