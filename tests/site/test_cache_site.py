"""Whole-site builds with the block cache: the same bytes cold, warm and without cache;
an edit shows up; a settings change is never served from the cache; diagrams stay out
of the search index but are in the written page."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.site

SOP = """\
# {nama}

```sop
nomor: "{nomor}"
nama: {nama}
unit: Dinas Contoh
pelaksana: [Pemohon, Petugas]
keterkaitan: [{other}]
langkah:
  - kegiatan: Mengajukan permohonan
    pelaksana: Pemohon
    waktu: 10 menit
  - kegiatan: Memeriksa berkas
    pelaksana: Petugas
    keputusan: Lengkap?
    tidak: 1
    waktu: 1 jam
  - kegiatan: Menerbitkan surat
    pelaksana: Petugas
    lanjut: "sop:{other}"
```
"""

CONFIG = """\
site_name: Uji Cache
plugins:
  - search
  - sop:
      today: 2025-01-01
{extra}"""


def write_site(root: Path, extra: str = "") -> Path:
    docs = root / "docs"
    (docs / "a").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Beranda\n", encoding="utf-8")
    (docs / "a" / "satu.md").write_text(SOP.format(nomor="C/1", nama="Satu", other="C/2"), encoding="utf-8")
    (docs / "dua.md").write_text(SOP.format(nomor="C/2", nama="Dua", other="C/1"), encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG.format(extra=extra), encoding="utf-8")
    return root


def build(root: Path, out: str) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1735689600"}  # fixed build date
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", out], cwd=root, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return root / out


# Pagefind writes its filter and metadata indexes in an order that changes between runs
# (Pagefind/pagefind#638: fragments are stable since 1.3, those files are not), so its
# folder is compared by the pages it indexes (one fragment per page), not byte for byte.
PAGEFIND = Path("pagefind")


def differing(a: Path, b: Path) -> list[str]:
    def ours(root: Path) -> list[Path]:
        return sorted(p.relative_to(root) for p in root.rglob("*")
                      if p.is_file() and PAGEFIND not in p.relative_to(root).parents)

    left, right = ours(a), ours(b)
    assert left == right
    fragments = [sorted(p.name for p in (root / PAGEFIND / "fragment").iterdir()) for root in (a, b)]
    assert fragments[0] == fragments[1] and fragments[0]
    return [str(p) for p in left if not filecmp.cmp(a / p, b / p, shallow=False)]


def test_cold_warm_and_uncached_builds_write_the_same_bytes(tmp_path):
    site = write_site(tmp_path / "s")
    cold = build(site, "cold")
    cache = site / ".cache" / "mkdocs-sop" / "blocks"
    assert any(cache.rglob("*.pickle")), "the default cache folder is next to mkdocs.yml"
    warm = build(site, "warm")
    assert differing(cold, warm) == []
    uncached = build(write_site(tmp_path / "u", "      cache: false\n"), "site")
    assert not (tmp_path / "u" / ".cache").exists()
    assert differing(cold, uncached) == []


def test_an_edit_and_a_setting_change_are_seen_on_the_next_build(tmp_path):
    site = write_site(tmp_path / "s")
    build(site, "first")
    page = site / "docs" / "a" / "satu.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Memeriksa berkas", "Memeriksa berkas ulang"),
                    encoding="utf-8")
    html = (build(site, "second") / "a" / "satu" / "index.html").read_text(encoding="utf-8")
    assert "Memeriksa berkas ulang" in html
    (site / "mkdocs.yml").write_text(CONFIG.format(extra="      language: en\n"), encoding="utf-8")
    english = (build(site, "third") / "a" / "satu" / "index.html").read_text(encoding="utf-8")
    assert ">Activity<" in english and ">Kegiatan<" not in english


def test_a_renamed_sop_relinks_the_cached_page_that_points_to_it(tmp_path):
    site = write_site(tmp_path / "s")
    build(site, "first")
    (site / "docs" / "dua.md").rename(site / "docs" / "kedua.md")
    html = (build(site, "second") / "a" / "satu" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../kedua/#sop-c-2"' in html and "../../dua/" not in html


def test_diagrams_are_in_the_page_but_not_in_the_search_index(tmp_path):
    out = build(write_site(tmp_path / "s"), "site")
    html = (out / "a" / "satu" / "index.html").read_text(encoding="utf-8")
    figure = html[html.index('class="sop-diagram'):]
    assert figure.index("<svg") < figure.index("</figure>")
    assert "sop-diagram-slot" not in html  # no marker left behind
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert "Mengajukan permohonan" in texts  # the table is searchable
    assert "<svg" not in texts and "sop-diagram-slot" not in texts


def test_every_deferred_fragment_is_written_and_forgotten_by_the_end_of_the_build(tmp_path, monkeypatch):
    """MkDocs keeps every page until the build ends; the full SOP fragments go as their pages are written."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site = write_site(tmp_path / "s")
    monkeypatch.chdir(site)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(site / "mkdocs.yml"))
    mkdocs_build(config)
    deferred = config.plugins["sop"].renderer.deferred
    assert deferred is not None and len(deferred) == 0
    assert "Mengajukan permohonan" in (site / "site" / "dua" / "index.html").read_text(encoding="utf-8")


def test_dirty_rebuild_renders_only_the_catalogue_pages_whose_text_changed(tmp_path, monkeypatch):
    """`mkdocs serve --dirty` rebuilds in one process: unchanged catalogue pages are not rendered again."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site = write_site(tmp_path / "s")
    monkeypatch.chdir(site)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")

    def dirty_build() -> None:
        mkdocs_build(load_config(str(site / "mkdocs.yml")), dirty=True)

    dirty_build()
    out = site / "site"
    overview = out / "katalog" / "index.html"
    assert "Dua" in overview.read_text(encoding="utf-8")
    page = site / "docs" / "dua.md"
    page.write_text(page.read_text(encoding="utf-8").replace("nama: Dua", "nama: Kedua"), encoding="utf-8")
    dirty_build()
    assert "Kedua" in overview.read_text(encoding="utf-8")  # lists the names: rendered again
    assert "Kedua" in (out / "dua" / "index.html").read_text(encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8").replace("Menerbitkan surat", "Menerbitkan surat resmi"),
                    encoding="utf-8")
    before = overview.stat().st_mtime_ns
    dirty_build()
    assert "Menerbitkan surat resmi" in (out / "dua" / "index.html").read_text(encoding="utf-8")
    assert overview.stat().st_mtime_ns == before  # a step's wording is not in the overview: left as written
