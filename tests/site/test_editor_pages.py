"""What a site gives its editors: the SOP form page, and the warnings box only where asked.

Real `mkdocs build` runs in a temporary folder. `mkdocs serve` shows warnings on the page
(the plugin hears the command in on_startup); a build does not, unless
`warnings_on_page: always`.
"""

from __future__ import annotations

import os
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
    assert '<div id="sop-form" lang="id" class="sop-form">' in form
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
