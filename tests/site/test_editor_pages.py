"""What a site gives its editors: the SOP form page, and the warnings box only where asked.

Real `mkdocs build` runs in a temporary folder. `mkdocs serve` shows warnings on the page
(the plugin hears the command in on_startup); a build does not, unless
`warnings_on_page: always`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.site

PAGE = """\
# Mutasi

```sop
nomor: "800/1"
nama: Penerbitan Rekomendasi Mutasi
unit: Badan Kepegawaian
disahkan_oleh:
  nip: \u201c19700101 199503 1 001\u201d
pelaksana: [Pemohon, Petugas, Sekretaris]
langkah:
  - kegiatan: Menyerahkan berkas
    pelaksana: Pemohon
  - kegiatan: Memeriksa berkas
    pelaksana: Petugas
```
"""


def build(tmp_path: Path, options: str) -> Path:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "mutasi.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Uji\nplugins:\n  - sop:\n      diagram: false\n" + options
        + "markdown_extensions:\n  - pymdownx.superfences\n", encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return tmp_path / "site"


def test_a_build_carries_the_form_and_no_warnings_box(tmp_path):
    site = build(tmp_path, "")
    page = (site / "mutasi" / "index.html").read_text(encoding="utf-8")
    assert "sop-warnings" not in page and "tidak mempunyai langkah" not in page
    form = (site / "formulir-sop" / "index.html").read_text(encoding="utf-8")
    assert '<div id="sop-form-editor" lang="id" data-texts="{' in form
    for script in ("vendor/js-yaml.min.js", "vendor/ajv2020.min.js", "sop-schema.js", "sop-form.js"):
        assert f'<script src="../assets/mkdocs-sop/form/{script}"></script>' in form
        assert (site / "assets" / "mkdocs-sop" / "form" / script).is_file()
    assert (site / "assets" / "mkdocs-sop" / "form" / "vendor" / "LICENSE-ajv.txt").is_file()
    schema = (site / "assets" / "mkdocs-sop" / "form" / "sop-schema.js").read_text(encoding="utf-8")
    assert schema.startswith("window.SOP_SCHEMA = {") and '"langkah"' in schema


def test_warnings_on_page_always_shows_the_yellow_box(tmp_path):
    site = build(tmp_path, "      warnings_on_page: always\n      form: ''\n")
    page = (site / "mutasi" / "index.html").read_text(encoding="utf-8")
    box = page[page.index('class="sop-warnings'):page.index('<div id="sop-')]
    assert "pelaksana `Sekretaris` tidak mempunyai langkah" in box
    assert "tanda petik lengkung" in box and "[curly-quotes]" in box
    assert not (site / "formulir-sop").exists()


def test_the_plugin_shows_warnings_under_serve_only():
    from mkdocs_sop.adapters.mkdocs import SopPlugin

    plugin = SopPlugin()
    plugin.load_config({})
    plugin.on_startup(command="build", dirty=False)
    assert not plugin._show_warnings()
    plugin.on_startup(command="serve", dirty=False)
    assert plugin._show_warnings()
    plugin.load_config({"warnings_on_page": "never"})
    assert not plugin._show_warnings()


def sop(nomor: str, nama: str, unit: str) -> str:
    return (f"```sop\nnomor: \"{nomor}\"\nnama: {nama}\nunit: {unit}\nlangkah:\n"
            "  - kegiatan: Menerima berkas\n    pelaksana: Petugas\n```\n")


def test_a_unit_folder_finds_its_landing_page_and_menu_name(tmp_path):
    docs = tmp_path / "docs"
    pages = {
        "index.md": "# Beranda\n",
        "bkpsdm/mutasi/rekomendasi.md": "# R\n\n" + sop("800/1", "Rekomendasi Mutasi",
                                                      "[Badan Kepegawaian Daerah, Bidang Mutasi]"),
        "bkpsdm/mutasi/sk.md": "# S\n\n" + sop("800/2", "Penerbitan SK <Mutasi>",
                                              "[Badan Kepegawaian Daerah, Bidang Mutasi]"),
        "bkpsdm/cuti/tahunan.md": "# C\n\n" + sop("800/3", "Cuti Tahunan", "[Badan Kepegawaian Daerah, Bidang Cuti]"),
        "dinas/index.md": "# Dinas Kependudukan (tulisan tangan)\n\nHalaman buatan sendiri.\n",
        "dinas/ktp.md": "# K\n\n" + sop("470/1", "KTP", "[Dinas Kependudukan dan Pencatatan Sipil]"),
    }
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Uji\ntheme:\n  name: material\n  font: false\n  features: [navigation.indexes]\n"
        "plugins:\n  - sop:\n      diagram: false\n      form: ''\n"
        "markdown_extensions:\n  - pymdownx.superfences\n", encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    site = tmp_path / "site"
    landing = (site / "bkpsdm" / "index.html").read_text(encoding="utf-8")
    assert "<title>Badan Kepegawaian Daerah - Uji</title>" in landing
    assert "<h1>Badan Kepegawaian Daerah</h1>" in landing
    # each sub-unit a heading (with an id: it is Markdown now) linking to its landing page
    assert re.search(r'<h2 id="bidang-mutasi"><a href="mutasi/">Bidang Mutasi</a></h2>', landing)
    assert re.search(r'<h2 id="bidang-cuti"><a href="cuti/">Bidang Cuti</a></h2>', landing)
    assert re.search(r'<a href="mutasi/sk/#[^"]+">Penerbitan SK &lt;Mutasi&gt;</a>', landing)
    sub = (site / "bkpsdm" / "mutasi" / "index.html").read_text(encoding="utf-8")
    assert "<title>Bidang Mutasi - Uji</title>" in sub and '<a href="rekomendasi/#' in sub
    # the menu names units, not folders; the hand-written page keeps its own heading and text
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Badan Kepegawaian Daerah" in home and "Bkpsdm" not in home
    assert "Dinas Kependudukan (tulisan tangan)" in home
    assert "Halaman buatan sendiri." in (site / "dinas" / "index.html").read_text(encoding="utf-8")
