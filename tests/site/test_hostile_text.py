"""Stored script injection: hostile SOP text and plugin options, whole-site builds.

Unit, institution, actor and unrecognised legal-basis names become catalogue page
titles; plugin options (``institution``, every label) reach unit pages and every
page's navigation. Themes print titles raw, so each such string must be escaped once on
its way to a title. Each build here is read back file by file, as a browser would tokenise
it (tests/hostile.py), and no payload may have become an element, an event attribute or
a script: in SOP pages, catalogue pages, navigation, ``<title>``, headers and the
search index. The builds use the real themes, so this holds whatever produces the pages.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from itertools import cycle
from pathlib import Path

import pytest

from hostile import MARKER, PAYLOADS, live_markup, live_markup_in_site
from mkdocs_sop.core.labels import label_set

pytestmark = pytest.mark.site

P = PAYLOADS  # short name for the page text below


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


SOP_PAGE = f"""\
# Halaman biasa

```sop
nomor: "H/001/2024"
nama: {_q("Nama " + P[0])}
instansi: {_q(P[1])}
unit: [{_q(P[0])}, {_q("Bidang " + P[2])}, {_q(P[4])}]
pelaksana: [{_q(P[0] + "A")}, {_q(P[3])}]
dasar_hukum:
  - {_q(P[1] + " tentang sesuatu")}
  - {_q("UU No. 1 Tahun 2000 " + P[0])}
  - {_q(P[5])}
keterkaitan: [{_q(P[6])}]
langkah:
  - kegiatan: {_q("Menerima " + P[2])}
    pelaksana: {_q(P[0] + "A")}
    waktu: 5 menit
  - kegiatan: Memeriksa
    pelaksana: {_q(P[3])}
    keputusan: {_q("Lengkap " + P[1] + "?")}
    tidak: 1
  - kegiatan: {_q("Menyelesaikan " + P[6])}
    pelaksana: {_q(P[0] + "A")}
```
"""

# an SOP without `instansi`: the plugin's `institution` option becomes its unit tree's root
SECOND_PAGE = f"""\
# Halaman kedua

```sop
nomor: "H/002/2024"
nama: Tanpa instansi
unit: {_q(P[5])}
pelaksana: [{_q(P[4])}]
langkah:
  - kegiatan: Mengerjakan
    pelaksana: {_q(P[4])}
```
"""


def hostile_labels() -> dict[str, str]:
    """Every label renamed to its own text plus a payload (placeholders kept)."""
    payloads = cycle(PAYLOADS)
    return {key: f"{value} {next(payloads)}" for key, value in label_set("id").items()}


def build_site(root: Path, theme: str, *, diagram: bool) -> Path:
    docs = root / "docs"
    (docs / "bagian").mkdir(parents=True)
    (docs / "index.md").write_text("# Beranda\n\nBuku pedoman.\n", encoding="utf-8")
    (docs / "bagian" / "hostile.md").write_text(SOP_PAGE, encoding="utf-8")
    (docs / "bagian" / "kedua.md").write_text(SECOND_PAGE, encoding="utf-8")
    plugin = {"institution": P[0], "labels": hostile_labels(), "diagram": diagram, "cache": False,
              "today": "2025-01-01", "fail_on_error": False}
    config = {"site_name": "Uji", "theme": {"name": theme}, "docs_dir": "docs",
              "site_dir": "site", "plugins": ["search", {"sop": plugin}]}
    (root / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
                          cwd=root, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    assert "ERROR" not in proc.stderr, proc.stderr[-3000:]  # both SOPs are valid: all pages exist
    return root / "site"


@pytest.fixture(scope="module", params=["material", "mkdocs", "readthedocs"])
def hostile_site(request, tmp_path_factory):
    # one theme with diagrams (SVG text), the others without (titles and navigation are the point)
    site = build_site(tmp_path_factory.mktemp(request.param), request.param,
                      diagram=request.param == "material")
    return site, request.param


class _Titles(HTMLParser):
    """The text of ``<title>`` as a browser shows it in the tab."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "title" or self._in

    def handle_endtag(self, tag):
        if tag == "title":
            self._in = False

    def handle_data(self, data):
        if self._in:
            self.title.append(data)


def tab_title(path: Path) -> str:
    parser = _Titles()
    parser.feed(path.read_text("utf-8"))
    return "".join(parser.title).strip()


def test_the_reader_finds_live_markup():
    """The check below can fail: raw payloads are found, escaped ones are not."""
    for payload in PAYLOADS:
        assert live_markup(f"<p>{payload}</p>"), payload
        assert live_markup(f"<p title=\"{escape(payload)}\">{escape(payload)}</p>") == [], payload


def test_no_payload_becomes_markup_in_any_built_file(hostile_site):
    hostile_site, theme = hostile_site
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 15  # SOP pages, catalogue pages of every kind, 404
    assert live_markup_in_site(hostile_site, html_search_index=theme == "material") == []


def test_hostile_names_are_shown_as_text_in_titles(hostile_site):
    hostile_site, _theme = hostile_site
    """The escaped titles still say what the editor wrote (not dropped, not double-escaped)."""
    unit_pages = sorted((hostile_site / "katalog" / "unit").rglob("index.html"))
    titles = [tab_title(p) for p in unit_pages]
    assert any(P[0] in t for t in titles), titles  # the unit name (and the institution)
    assert any(P[1] in t for t in titles), titles  # the SOP's instansi, </title> included
    actor_titles = [tab_title(p) for p in (hostile_site / "katalog" / "pelaksana").rglob("index.html")]
    assert any(P[3] in t for t in actor_titles), actor_titles
    legal_titles = [tab_title(p) for p in (hostile_site / "katalog" / "dasar-hukum").rglob("index.html")]
    assert any(P[1] in t for t in legal_titles), legal_titles
    assert not any("&lt;" in t or "&amp;" in t for t in titles + actor_titles + legal_titles)


def test_hostile_labels_reach_the_navigation_as_text(hostile_site):
    hostile_site, _theme = hostile_site
    html = (hostile_site / "index.html").read_text("utf-8")
    overview = hostile_labels()["cat_overview"]
    text = re.sub(r"\s+", " ", _text_of(html))
    assert overview in text  # the catalogue's navigation section, shown as written


def _text_of(html: str) -> str:
    out: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data):
            out.append(data)

    Text(convert_charrefs=True).feed(html)
    return " ".join(out)


def test_hostile_text_check_is_not_vacuous(hostile_site):
    hostile_site, _theme = hostile_site
    """The payload text is really in the built files (escaped), so the check above saw it."""
    seen = [p for p in hostile_site.rglob("*.html") if MARKER in p.read_text("utf-8")]
    assert len(seen) > 10

