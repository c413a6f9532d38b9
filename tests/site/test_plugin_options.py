"""Every option of ``- sop:`` through MkDocs' own ``load_config``, and what a reader sees.

``SopPlugin.load_config`` is what MkDocs calls with the options of mkdocs.yml: each option
is checked for its type and documented default (the table in docs/konfigurasi.md), and
three builds (every default; every option changed; the rest) show each option's effect
in the written site: labels, language, the institution, the logo on a nested page, printed
page breaks, diagrams and their engine, the cache folder, links, the table of contents,
the catalogue and its folder, drafts, the review page, exports, navigation and limits.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_sop.adapters.mkdocs import SopPlugin

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[2]

SOP_PAGE = """\
# Halaman SOP

## Pengantar

Teks.

```sop
nomor: "S/1"
nama: Pelayanan Contoh
unit: [Dinas Contoh, Bidang Satu]
tanggal_efektif: 2023-06-01
keterkaitan: [SOP Yang Tidak Ada]
langkah:
  - kegiatan: Menerima berkas
    pelaksana: Petugas
  - kegiatan: Memeriksa berkas
    pelaksana: Kepala
    keputusan: Lengkap?
    tidak: 1
  - kegiatan: Mencatat
    pelaksana: Petugas
  - kegiatan: Mengarsipkan
    pelaksana: Petugas
  - kegiatan: Menyerahkan
    pelaksana: Kepala
```

## Penutup

Teks.
"""

DRAFT_PAGE = """\
# Draf

```sop
nomor: "S/2"
nama: Prosedur Draf
unit: Dinas Contoh
status: draf
langkah:
  - kegiatan: Merancang
    pelaksana: Perancang
```
"""

PAGES = {
    "index.md": "# Beranda\n",
    "a/index.md": "# Bagian A\n",
    "a/b/index.md": "# Bagian B\n",
    "a/b/c.md": SOP_PAGE,
    "d.md": DRAFT_PAGE,
    "assets/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
}


def build_site(root: Path, options: dict, extra_pages: dict | None = None) -> tuple[Path, list[str]]:
    docs = root / "docs"
    for name, text in {**PAGES, **(extra_pages or {})}.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = {"site_name": "Opsi", "theme": {"name": "material"}, "docs_dir": "docs", "site_dir": "site",
              "markdown_extensions": ["toc"], "plugins": [{"sop": options}]}
    (root / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
    records: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = Catch(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        build(load_config(str(root / "mkdocs.yml")))
    finally:
        logger.removeHandler(handler)
    return root / "site", records


def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text("utf-8") if not page.endswith(".html") else \
        (site / page).read_text("utf-8")


def toc_hidden(html: str) -> bool:
    """Material keeps the table of contents' sidebar but marks it hidden."""
    found = re.search(r'<div class="md-sidebar md-sidebar--secondary"[^>]*>', html)
    assert found, "no table-of-contents sidebar at all"
    return found.group(0).endswith(" hidden>")


def nav_links(html: str) -> list[str]:
    start = html.index('class="md-nav md-nav--primary"')
    nav = html[start:html.index('<div class="md-sidebar md-sidebar--secondary"', start)]
    return re.findall(r'<a href="([^"]*)" class="md-nav__link', nav)


# -- load_config: types and documented defaults ------------------------------------------------

def documented_defaults() -> dict[str, str]:
    """The table of options in docs/konfigurasi.md: option -> default as written there."""
    text = (ROOT / "docs" / "konfigurasi.md").read_text("utf-8")
    rows = re.findall(r"^\| \[`(\w+)`\]\(#\w+\) \| [^|]+ \| ([^|]+) \|$", text, re.M)
    return {name: default.strip() for name, default in rows}


def test_every_option_is_documented_with_its_real_default():
    plugin = SopPlugin()
    errors, warnings = plugin.load_config({})
    assert errors == [] and warnings == []
    documented = documented_defaults()
    assert set(documented) == set(plugin.config), set(documented) ^ set(plugin.config)
    for name, value in plugin.config.items():
        written = documented[name]
        if isinstance(value, bool):
            assert written == f"`{str(value).lower()}`", name
        elif isinstance(value, (int, str)) and value not in ("", None):
            assert written == f"`{value}`", (name, written, value)
        else:  # empty text, empty mapping, no value
            assert written in ("kosong", "tidak ada", "lihat di bawah"), (name, written)


WRONG = {"language": "fr", "labels": "nama", "institution": 5, "logo": 5, "rows_per_page": "8", "diagram": "ya",
         "diagram_engine": "neato", "cache": "ya", "cache_dir": 5, "strict_links": "ya", "hide_toc": "ya",
         "catalogue": "ya", "catalogue_dir": 5, "include_drafts": "ya", "review_horizon_days": "90",
         "review_after_years": "2", "export": "ya", "today": 5, "navigation": "all",
         "navigation_depth": "1", "limits": 5, "search": "ya", "form": 5, "print_address": "kantor",
         "print_diagram": "ya", "unit_pages": "ya", "warnings_on_page": "kadang", "print_uncontrolled": 5,
         "fail_on_error": "ya", "logos": "logo.svg", "form_guide": 5, "catalogue_page_size": "100",
         "templates_dir": 5}


def option_names() -> set[str]:
    plugin = SopPlugin()
    plugin.load_config({})
    return set(plugin.config)


def test_every_option_refuses_a_value_of_the_wrong_kind_naming_the_option():
    assert set(WRONG) == option_names(), set(WRONG) ^ option_names()
    for name, value in WRONG.items():
        plugin = SopPlugin()
        errors, _ = plugin.load_config({name: value})
        assert [e[0] for e in errors] == [name], (name, errors)


# -- what the reader sees ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def default_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("defaults")
    site, log = build_site(root, {"today": "2025-01-01"})
    return root, site, log


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("changed")
    options = {"language": "en", "labels": {"nama": "Judul SOP"}, "institution": "Pemerintah Kota Contoh",
               "logo": "assets/logo.svg", "rows_per_page": 2, "diagram": False, "cache": False,
               "strict_links": True, "hide_toc": False, "catalogue_dir": "daftar", "include_drafts": True,
               "review_horizon_days": 600, "review_after_years": 3, "export": False, "today": "2025-01-01",
               "navigation": "full"}
    site, log = build_site(root, options)
    return root, site, log


@pytest.fixture(scope="module")
def third_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("third")
    site, log = build_site(root, {"diagram_engine": "none", "catalogue": False, "navigation_depth": 2,
                                  "cache_dir": "tembolok", "today": "2025-01-01", "limits": {"max_steps": 4},
                                  "fail_on_error": False})
    return root, site, log


def test_defaults_as_a_reader_sees_them(default_site):
    root, site, log = default_site
    page = read(site, "a/b/c")
    assert "Nomor SOP" in page and "Nama SOP" in page  # language: id, labels: none
    assert 'class="sop-logo"' not in page  # logo: none
    assert page.count('class="sop-flowchart"') == 1  # rows_per_page: 8 > 5 steps
    assert 'class="sop-diagram-svg"' in page  # diagram: true, engine auto
    assert toc_hidden(page)  # hide_toc: true on a page holding an SOP
    assert not toc_hidden(read(site, "a"))  # ... only there
    assert (root / ".cache" / "mkdocs-sop").is_dir()  # cache: true in cache_dir
    assert not [m for m in log if "related-unresolved" in m]  # strict_links: false
    assert (site / "katalog" / "index.html").exists()  # catalogue: true in katalog/
    overview = read(site, "katalog")
    assert 'data-sop-nomor="S/1"' in overview and 'data-sop-nomor="S/2"' not in overview  # no drafts
    assert (site / "sop.json").exists() and (site / "sop.csv").exists()  # export: true
    review = read(site, "katalog/peninjauan")
    # review_after_years 2 from 2023-06-01: due 2025-06-01, beyond the 90 days after 2025-01-01
    assert "S/1" not in review
    links = nav_links(read(site, "index.html"))
    assert "a/" in links and "a/b/c/" not in links and "a/b/" not in links  # sections, depth 1


def test_every_option_changed_as_a_reader_sees_it(changed_site):
    root, site, log = changed_site
    page = read(site, "a/b/c")
    assert "SOP Number" in page and "Judul SOP" in page and "Nama SOP" not in page  # language, labels
    assert '<div class="sop-id-unit">Pemerintah Kota Contoh</div>' in page  # institution
    [src] = re.findall(r'<img src="([^"]+)"[^>]*class="sop-logo"', page)
    assert (site / "a" / "b" / "c" / src).resolve() == (site / "assets" / "logo.svg").resolve()  # nested page
    assert page.count('class="sop-flowchart"') == 3  # rows_per_page: 2, five steps
    assert page.count(">Continues on the next page<") == 2 and page.count(">Continued from the previous page<") == 2
    assert 'class="sop-diagram' not in page  # diagram: false
    assert not (root / ".cache").exists()  # cache: false
    assert [m for m in log if "[related-unresolved]" in m and "docs/a/b/c.md:" in m]  # strict_links
    assert not toc_hidden(page) and 'href="#pengantar"' in page  # hide_toc: false
    assert (site / "daftar" / "index.html").exists() and not (site / "katalog").exists()  # catalogue_dir
    assert 'data-sop-nomor="S/2"' in read(site, "daftar")  # include_drafts
    review = read(site, "daftar/peninjauan")
    # review_after_years 3 from 2023-06-01: due 2026-06-01, within review_horizon_days 600 of 2025-01-01 (517 days)
    assert re.search(r'id="peninjauan-due".*data-sop-nomor="S/1"', review, re.S)
    assert 'data-date="2026-06-01"' in review
    assert not (site / "sop.json").exists() and not (site / "sop.csv").exists()  # export: false
    assert "a/b/c/" in nav_links(read(site, "index.html"))  # navigation: full


def test_the_remaining_options_as_a_reader_sees_them(third_site):
    root, site, log = third_site
    draft = read(site, "d")
    assert 'class="sop ' in draft and 'class="sop-diagram' not in draft  # diagram_engine: none
    page = read(site, "a/b/c")  # limits: max_steps 4 refuses the five-step SOP, on its page
    assert 'class="sop-error' in page and "[limit-steps]" in page
    assert [m for m in log if "[limit-steps]" in m and "docs/a/b/c.md:" in m]
    assert not (site / "katalog").exists() and (site / "sop.json").exists()  # catalogue: false
    links = nav_links(read(site, "index.html"))
    assert "a/b/" in links and "d/" not in links  # navigation_depth: 2 (pages holding SOPs still left out)
    assert (root / "tembolok").is_dir() and not (root / ".cache").exists()  # cache_dir


def test_wrong_labels_limits_and_catalogue_dir_stop_the_build_naming_the_option():
    """Values load_config cannot judge alone are refused when the site is configured."""
    from mkdocs.exceptions import PluginError

    from mkdocs.config.defaults import MkDocsConfig

    for options, words in (({"labels": {"namaa": "x"}}, "unknown label 'namaa'"),
                           ({"limits": {"max_step": 3}}, "unknown limit `max_step`"),
                           ({"catalogue_dir": "../x"}, "must be a folder inside the site")):
        plugin = SopPlugin()
        assert plugin.load_config(options) == ([], [])
        config = MkDocsConfig()
        config.load_dict({"site_name": "x"})
        config.validate()
        with pytest.raises(PluginError, match=re.escape(words)):
            plugin.on_config(config)



# -- logos: an SOP of another institution never carries the site's logo ------------------------

OTHER_INSTITUTION = DRAFT_PAGE.replace("status: draf\n", "instansi: {instansi}\n").replace('"S/2"', "{nomor}")


def test_an_sop_of_another_institution_prints_without_the_site_logo_and_says_why(tmp_path):
    pages = {"lain.md": OTHER_INSTITUTION.format(instansi="Kantor Wilayah Contoh", nomor='"L/1"'),
             "prov.md": OTHER_INSTITUTION.format(instansi="Pemerintah  provinsi contoh", nomor='"P/1"'),
             "sendiri.md": OTHER_INSTITUTION.format(instansi="pemerintah kota contoh", nomor='"K/1"'),
             "assets/prov.svg": PAGES["assets/logo.svg"]}
    site, log = build_site(tmp_path, {"institution": "Pemerintah Kota Contoh", "logo": "assets/logo.svg",
                                      "logos": {"Pemerintah Provinsi Contoh": "assets/prov.svg"},
                                      "today": "2025-01-01"}, pages)
    logos = {name: re.findall(r'<img src="([^"]+)"[^>]*class="sop-logo"', read(site, name))
             for name in ("lain", "prov", "sendiri", "a/b/c")}
    assert logos == {"lain": [], "prov": ["../assets/prov.svg"], "sendiri": ["../assets/logo.svg"],
                     "a/b/c": ["../../../assets/logo.svg"]}
    # the one SOP printed without a logo is named, at its `instansi:` line, with the fix
    warned = [m for m in log if "[instansi-other]" in m]
    assert warned == [m for m in log if "docs/lain.md:7:" in m and "[instansi-other]" in m], log
    assert len(warned) == 1 and "Kantor Wilayah Contoh" in warned[0] and "`logos:`" in warned[0]
