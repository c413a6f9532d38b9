"""A whole site with records: a strict build fails on a bad record naming file and line; a normal
build goes on, shows the problem in an error box and keeps everything else."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.site

SOP = """# {nama}

```sop
nomor: "{nomor}"
nama: {nama}
unit: [Dinas Contoh, Bidang A]
tanggal_efektif: 2025-01-02
langkah:
  - kegiatan: Menerima berkas
    pelaksana: Petugas
  - kegiatan: Menyelesaikan
    pelaksana: Petugas
```
"""

ROUND = """unit: Dinas Contoh
periode: 2025-S1
hasil:
  - sop: "100/1"
    penilaian: tidak berjalan dengan baik
    catatan: "<b>lambat</b>"
    tindakan: Tambah petugas loket
  - sop: "100/9"
    penilaian: baik
"""

CONFIG = """site_name: Uji
site_url: https://sop.example.go.id/
plugins:
  - sop:
      today: 2025-06-30
      cache: false
      diagram: false
markdown_extensions:
  - pymdownx.superfences
"""


def _site(tmp_path):
    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "index.md").write_text("# Beranda\n", encoding="utf-8")
    (docs / "a" / "satu.md").write_text(SOP.format(nomor="100/1", nama="Layanan Satu"), encoding="utf-8")
    (docs / "a" / "dua.md").write_text(SOP.format(nomor="100/2", nama="Layanan Dua"), encoding="utf-8")
    (docs / "a" / "2025-s1.monitoring.yml").write_text(ROUND, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def _build(root, *args):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=root, env=env,
                          capture_output=True, text=True)


def test_a_bad_record_fails_a_strict_build_and_shows_in_an_error_box(tmp_path):
    root = _site(tmp_path)
    strict = _build(root, "--strict")
    assert strict.returncode != 0
    assert "docs/a/2025-s1.monitoring.yml:8: error: `hasil[2].sop`: SOP `100/9` tidak ada di situs ini" in strict.stderr

    published = _build(root)  # a record error fails a build by default, as an SOP error does
    assert published.returncode == 1 and "fail_on_error: false" in published.stderr, published.stderr
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      cache: false\n",
                                                                 "      cache: false\n      fail_on_error: false\n"),
                      encoding="utf-8")
    normal = _build(root)  # a preview goes on and shows the error box
    assert normal.returncode == 0, normal.stderr
    site = root / "site"
    index = (site / "katalog" / "monev" / "index.html").read_text(encoding="utf-8")
    assert 'class="sop-error"' in index and "docs/a/2025-s1.monitoring.yml:8" in index
    # the rest is kept: the good row shows on its SOP's page, escaped, with the QR code
    page = (site / "a" / "satu" / "index.html").read_text(encoding="utf-8")
    assert "Tidak berjalan dengan baik" in page and "&lt;b&gt;lambat&lt;/b&gt;" in page and "<b>lambat" not in page
    assert 'data-qr-url="https://sop.example.go.id/a/satu/#sop-100-1"' in page
    assert "Belum pernah dimonitor." in (site / "a" / "dua" / "index.html").read_text(encoding="utf-8")
    data = json.loads((site / "sop.json").read_text(encoding="utf-8"))
    latest = {s["nomor"]: s["monitoring_terakhir"] for s in data["sops"]}
    assert latest["100/1"]["penilaian"] == "tidak-baik" and latest["100/1"]["tindakan"] == "Tambah petugas loket"
    assert latest["100/2"] is None
    csv_text = (site / "sop.csv").read_text(encoding="utf-8")
    assert "2025-S1: tidak-baik" in csv_text
    assert (site / "monitoring.schema.json").is_file() and (site / "evaluasi.schema.json").is_file()
