"""Small record texts and a site view for the monitoring/evaluation tests."""

from __future__ import annotations

from mkdocs_sop.core.monev import SiteView

SOPS = {"470/1": ("Dinas", "Bidang A"), "470/2": ("Dinas", "Bidang B"), "800/1": ("Badan",)}
NAMES = {"Penerbitan KK": "470/1"}

ROUND = """unit: Dinas
periode: {period}
penilai: [Rina]
hasil:
  - sop: "470/1"
    penilaian: berjalan dengan baik
    tanggal: 2025-03-02
    metode: [observasi]
  - sop: "470/2"
    penilaian: tidak berjalan dengan baik
    catatan: lambat
    tindakan: koordinasi
"""

ALL_YES = "".join(f"      {c}: ya\n" for c in ("mendorong_kinerja", "mudah_dipahami", "mudah_dilaksanakan",
                                                 "peran_jelas", "mengatasi_masalah", "menjawab_kebutuhan",
                                                 "sinergi"))

MEETING = """tanggal: 2025-06-18
evaluator: [Rina, Budi]
hasil:
  - sop: "470/1"
    kriteria:
""" + ALL_YES + """    keputusan: revisi
    tindak_lanjut: ["470/2"]
"""


def site() -> SiteView:
    def find(ref: str):
        return ref if ref in SOPS else NAMES.get(ref)

    return SiteView(find=find, units=frozenset(SOPS.values()), unit_of=lambda nomor: SOPS[nomor])


# --- the sample handbook's catalogue and records, as the pages see them ----------------------

import datetime as _dt
import functools
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TODAY = _dt.date(2026, 11, 29)


@functools.lru_cache(maxsize=1)
def sample_catalogue():
    """Parsed once per test session: nothing changes it after ``finish``."""
    from mkdocs_sop.catalogue.registry import Catalogue, page_url
    from mkdocs_sop.core.parse import parse_block

    catalogue = Catalogue()
    docs = ROOT / "sops"
    for path in sorted(docs.rglob("*.md")):
        if "panduan" in path.relative_to(docs).parts:
            continue
        src = path.relative_to(docs).as_posix()
        catalogue.add_page(path.read_text(encoding="utf-8"), src, f"sops/{src}", page_url(src),
                           lambda body, p, line: parse_block(body, p, line, default_instansi="Pemerintah Kota Contoh"))
    catalogue.finish()
    return catalogue


def sample_records(extra: dict[str, str] | None = None):
    docs = ROOT / "sops"
    files = [(f"sops/{p.relative_to(docs).as_posix()}", p.read_text(encoding="utf-8"))
             for p in sorted(docs.rglob("*.yml")) if "panduan" not in p.parts]
    return files + sorted((extra or {}).items())


def sample_site(extra: dict[str, str] | None = None, site_url: str = "http://sop.kota-contoh.go.id/"):
    from mkdocs_sop.cycle.site import CycleOptions, collect

    options = CycleOptions(institution="Pemerintah Kota Contoh", logo="assets/logo-kota-contoh.svg",
                           site_url=site_url)
    return collect(sample_records(extra), sample_catalogue(), options, TODAY)


def pages_by_path(site) -> dict[str, str]:
    from mkdocs_sop.cycle.site import build_cycle_pages

    return {p.src_uri: p.markdown for p in build_cycle_pages(site)}


class Tables(HTMLParser):
    """The text of every cell of every table, by the table's classes: {class: [[cell, ...], ...]}."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[str]]]] = []
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append((a.get("class") or "", []))
        elif tag == "tr" and self.tables:
            self.tables[-1][1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1][1]:
            self.tables[-1][1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def rows(self, cls: str) -> list[list[str]]:
        for classes, rows in self.tables:
            if cls in classes.split():
                return rows
        raise AssertionError(f"no table of class {cls}")
