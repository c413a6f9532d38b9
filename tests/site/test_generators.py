"""The sample handbook under each generator the README offers: MkDocs 1.6, ProperDocs, Zensical.

For each: every SOP renders, every link of the catalogue pages resolves, ``sop.json`` is
the same bytes, back-links appear, and a page with a broken SOP fails the build naming
``file:line``. Zensical runs no plugin: ``mkdocs-sop generate`` writes its catalogue first.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from mkdocs_sop.catalogue.site import zensical_config
from mkdocs_sop.core.fences import find_blocks

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[2]
GENERATORS = ("mkdocs", "properdocs", "zensical")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1",
       "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}

# The sample handbook's configuration, plus what a Zensical site lists itself (the
# extension and the assets); MkDocs and ProperDocs run the plugin, which replaces both.
ZENSICAL_EXTRAS = zensical_config()


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=900)


def sample_site(folder: Path, generator: str) -> Path:
    """A copy of the sample handbook (sops/ and mkdocs.yml) set up for ``generator``."""
    shutil.copytree(ROOT / "sops", folder / "sops", symlinks=False,
                    ignore=shutil.ignore_patterns(".cache"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - pymdownx.details\n", "  - pymdownx.details\n  - mkdocs_sop:\n"
                            "      institution: Pemerintah Kota Contoh\n"
                            "      logo: assets/logo-kota-contoh.svg\n")
    if generator == "zensical":
        config = config.replace("markdown_extensions:\n", ZENSICAL_EXTRAS + "markdown_extensions:\n")
    name = "properdocs.yml" if generator == "properdocs" else "mkdocs.yml"
    (folder / name).write_text(config, encoding="utf-8")
    return folder / name


def build(folder: Path, generator: str) -> subprocess.CompletedProcess:
    if generator == "zensical":
        generated = run(["mkdocs_sop", "generate", "-q"], folder)
        if generated.returncode != 0:
            return generated
        return run(["zensical", "build", "--clean"], folder)
    return run([generator, "build", "-q", "-d", "site"], folder)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Each generator's build of the sample handbook: generator -> site folder."""
    sites = {}
    for generator in GENERATORS:
        folder = tmp_path_factory.mktemp(generator)
        sample_site(folder, generator)
        done = build(folder, generator)
        assert done.returncode == 0, f"{generator} build failed:\n{done.stdout}\n{done.stderr}"
        sites[generator] = folder / "site"
    return sites


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def parsed(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def target_file(page: Path, href: str) -> Path:
    path = unquote(urlsplit(href).path)
    target = (page.parent / path).resolve() if path else page
    return target / "index.html" if target.is_dir() else target


def sop_pages(site: Path) -> dict[str, int]:
    """Page (relative to the site) -> number of SOPs rendered on it."""
    out = {}
    for page in sorted(site.rglob("*.html")):
        count = len(re.findall(r'<div [^>]*data-sop-nomor="[^"]*"[^>]*class="sop ', page.read_text(encoding="utf-8")))
        if count:
            out[page.relative_to(site).as_posix()] = count
    return out


def test_every_sop_renders_on_the_same_pages_under_each_generator(built):
    # the handbook's SOPs (the guide's pages, sops/panduan -> docs/, hold examples besides)
    expected = sum(len(find_blocks(p.read_text(encoding="utf-8").splitlines()))
                   for p in (ROOT / "sops").rglob("*.md"))
    counts = {generator: sop_pages(site) for generator, site in built.items()}
    assert sum(n for page, n in counts["mkdocs"].items() if not page.startswith("panduan/")) == expected
    assert counts["properdocs"] == counts["mkdocs"]
    assert counts["zensical"] == counts["mkdocs"]
    for generator, site in built.items():
        for page in counts[generator]:
            assert 'class="sop-error' not in (site / page).read_text(encoding="utf-8"), (generator, page)


@pytest.mark.parametrize("generator", GENERATORS)
def test_every_link_of_the_catalogue_and_sop_pages_resolves(built, generator):
    site = built[generator]
    pages = sorted((site / "katalog").rglob("index.html"))  # monitoring/evaluation pages included
    assert len(pages) > 10 and (site / "katalog" / "monev" / "index.html") in pages
    pages += [site / page for page in sop_pages(site)]  # cross-links, back-links, the logo's page
    pages += [site / folder / "index.html" for folder in LANDING]  # the units' landing pages
    checked = 0
    for page in pages:
        for href in parsed(page).hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target = target_file(page, href)
            assert target.is_file(), f"{generator}: {page.relative_to(site)} links to missing {href}"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in parsed(target).ids, f"{generator}: {page.relative_to(site)}: {href}"
            checked += 1
    assert checked > 100


def test_sop_json_is_the_same_bytes_under_each_generator(built):
    data = {generator: (site / "sop.json").read_bytes() for generator, site in built.items()}
    assert b'"nomor"' in data["mkdocs"]
    assert data["properdocs"] == data["mkdocs"]
    assert data["zensical"] == data["mkdocs"]
    assert (built["zensical"] / "sop.csv").read_bytes() == (built["mkdocs"] / "sop.csv").read_bytes()


# folders of the sample handbook holding SOPs without a hand-written index page
LANDING = ("bkpsdm/mutasi-promosi", "disdukcapil/pendaftaran-penduduk", "setda/bagian-umum/tata-usaha")


def test_the_same_generated_pages_exist_under_each_generator(built):
    """Catalogue, monitoring/evaluation pages, unit landing pages and the form: `generate` writes
    for Zensical what the plugin adds under MkDocs and ProperDocs."""
    pages = {generator: sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html")
                               if not p.relative_to(site).as_posix().startswith(("cari/", "pagefind/")))
             for generator, site in built.items()}
    assert pages["properdocs"] == pages["mkdocs"]
    assert pages["zensical"] == pages["mkdocs"], set(pages["zensical"]) ^ set(pages["mkdocs"])
    for generator, site in built.items():
        for folder in LANDING:  # titled with the unit's real name, not the folder's
            html = (site / folder / "index.html").read_text(encoding="utf-8")
            title = re.search(r"<h1[^>]*>([^<]+)", html).group(1)
            assert title[0].isupper() and "-" not in title and len(title.split()) >= 2, (generator, folder, title)
        form = (site / "formulir-sop" / "index.html").read_text(encoding="utf-8")
        assert 'class="sop-form"' in form, generator
        for script in re.findall(r'<script src="([^"]+sop-form[^"]*)"', form):  # its scripts load
            assert (site / "formulir-sop" / script).resolve().is_file(), (generator, script)


def found_in_sop_pages(site: Path, part: str, item: str) -> dict[str, list[str]]:
    """SOP page -> every ``item`` (a regex group) inside every ``part`` of it."""
    out = {}
    for page in sop_pages(site):
        html = (site / page).read_text(encoding="utf-8")
        for section in re.findall(part, html, re.S):
            out.setdefault(page, []).extend(re.findall(item, section))
    return out


def test_monitoring_boxes_appear_on_the_same_sop_pages_under_each_generator(built):
    """The latest-monitoring/evaluation box of each SOP and its links."""
    found = {generator: found_in_sop_pages(site, r'<aside [^>]*class="sop-cycle-latest".*?</aside>',
                                           r'href="([^"]+)"') for generator, site in built.items()}
    linked = {page for page, links in found["mkdocs"].items() if links}
    assert len(linked) >= 3  # the sample's records: SOPs monitored and evaluated
    assert found["properdocs"] == found["mkdocs"]
    assert found["zensical"] == found["mkdocs"]


def back_links(site: Path) -> dict[str, list[str]]:
    """Page -> the SOP numbers its "Dirujuk oleh" lists link to."""
    return found_in_sop_pages(site, r"Dirujuk oleh.*?</(?:td|dd|ul|p)>", r"<a [^>]*href=\"[^\"]+\"[^>]*>([^<]+)</a>")


def test_back_links_appear_under_each_generator(built):
    found = {generator: back_links(site) for generator, site in built.items()}
    assert len(found["mkdocs"]) >= 3
    assert found["properdocs"] == found["mkdocs"]
    assert found["zensical"] == found["mkdocs"]
    # a reference no SOP of the site answers is marked on the same pages, as often, everywhere
    unresolved = {generator: {page: (site / page).read_text(encoding="utf-8").count("belum ada di situs ini")
                              for page in sop_pages(site)} for generator, site in built.items()}
    assert unresolved["zensical"] == unresolved["properdocs"] == unresolved["mkdocs"]


BROKEN = textwrap.dedent("""\
    ---
    title: Rusak
    ---

    # Rusak

    ```sop
    nomor: X/1
    nama: Rusak
    unit: Dinas
    langkah:
      - kegiatan: Menerima
        pelaksana: Petugas
        kep: salah ketik
    ```
    """)


@pytest.mark.parametrize("generator", GENERATORS)
def test_a_broken_sop_fails_the_build_naming_file_and_line(tmp_path, generator):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Beranda\n", encoding="utf-8")
    (docs / "rusak.md").write_text(BROKEN, encoding="utf-8")
    name = "properdocs.yml" if generator == "properdocs" else "mkdocs.yml"
    plugins = "plugins:\n  - sop:\n      diagram: false\n" if generator != "zensical" else ""
    (tmp_path / name).write_text(f"site_name: Uji\ntheme: {{name: material}}\n{plugins}markdown_extensions:\n  - mkdocs_sop:\n"
                                 "      diagram: false\n", encoding="utf-8")
    # under Zensical the extension itself fails `zensical build` (generate has its own test)
    done = run(["zensical", "build"], tmp_path) if generator == "zensical" else build(tmp_path, generator)
    assert done.returncode != 0
    # front matter counted: `kep:` is line 14 of the file
    assert re.search(r"docs/rusak\.md:14(:\d+)?: error: .*\[unknown-key\]", done.stdout + done.stderr), \
        done.stdout + done.stderr


TOC_SIDEBAR = re.compile(r'class="md-sidebar md-sidebar--secondary"[^>]*data-md-type="toc"\s*(hidden)?\s*>')


def test_the_table_of_contents_is_hidden_on_sop_pages_under_each_generator(built):
    for generator, site in built.items():
        for page in sop_pages(site):
            sidebar = TOC_SIDEBAR.search((site / page).read_text(encoding="utf-8"))
            assert sidebar and sidebar.group(1) == "hidden", (generator, page)
        sidebar = TOC_SIDEBAR.search((site / "panduan" / "index.html").read_text(encoding="utf-8"))
        assert sidebar and not sidebar.group(1), generator  # a page without an SOP keeps it
