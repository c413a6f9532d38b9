"""A site built on a machine with nothing but the Python packages still gets diagrams.

The build runs with a PATH that has no Graphviz ``dot`` on it, so the plugin's ``auto``
engine must fall back to the embedded WebAssembly Graphviz, as for a user who has only
run ``pip install``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.site

PAGE = """\
# Penerbitan Surat

```sop
nomor: "DIAG/001"
nama: Penerbitan Surat Keterangan
unit: Dinas Contoh
pelaksana: [Pemohon, Petugas]
langkah:
  - kegiatan: Mengajukan permohonan
    pelaksana: Pemohon
  - kegiatan: Memeriksa berkas
    pelaksana: Petugas
    keputusan: Lengkap?
    tidak: 1
  - kegiatan: Menerbitkan surat <b>resmi</b>
    pelaksana: Petugas
```
"""


def test_diagrams_without_a_system_graphviz(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Uji\nplugins:\n  - sop:\n      catalogue: false\n      cache: false\n", encoding="utf-8")
    empty_bin = tmp_path / "bin"  # a PATH on which no `dot` can be found
    empty_bin.mkdir()
    env = {**os.environ, "PATH": str(empty_bin), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    figure = html[html.index('class="sop-diagram'):]
    assert '<svg' in figure and 'class="sop-diagram-svg"' in figure
    svg = figure[figure.index("<svg"):figure.index("</svg>")]
    # every step is a node of the diagram, and editor text is escaped, not markup
    for text in ("Mengajukan permohonan", "Memeriksa berkas", "Lengkap?"):
        assert text in svg
    assert "<b>resmi</b>" not in svg and "&lt;b&gt;resmi" in svg
