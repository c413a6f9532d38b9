#!/usr/bin/env python
"""Screenshots of the editor's guide (docs/img/formulir-*.png, docs/img/pesan-*.png).

Builds the sample handbook and a small site holding typical mistakes, serves them on
127.0.0.1, and photographs the SOP form being filled with the paper SOP of the guide and
the boxes an editor sees (an error box with its quoted line, the warnings box of
``mkdocs serve``). Run it after changing the form or the boxes, look at the images, and
commit them:

    python scripts/screenshots_editor_guide.py
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
sys.path.insert(0, str(ROOT / "tests" / "browser"))

MISTAKES_PAGE = """\
# Penerbitan Rekomendasi Mutasi

```sop
nomor: 800/SOP-BKPSDM/014/2023
nama: Penerbitan Rekomendasi Mutasi Pegawai
unit: Badan Kepegawaian dan Pengembangan SDM
tanggal_pembuatan:2 Januari 2023
pelaksana: [Pemohon, Petugas Loket]
langkah:
  - kegiatan: Menyerahkan berkas permohonan
    pelaksana: Pemohon
```

```sop
nomor: 800/SOP-BKPSDM/015/2023
nama: Penerbitan Surat Keputusan Mutasi
unit: Badan Kepegawaian dan Pengembangan SDM
disahkan_oleh:
  jabatan: Kepala BKPSDM
  nip: \u201c19700101 199503 1 001\u201d
pelaksana: [Petugas Loket, Kepala Bidang, Sekretaris]
langkah:
  - kegiatan: Menyiapkan konsep SK
    pelaksana: Petugas Loket
  - kegiatan: Menandatangani SK
    pelaksana: Kepala Bidang
```
"""

MISTAKES_CONFIG = """\
site_name: Contoh pesan
theme:
  name: material
  font: false
plugins:
  - sop:
      warnings_on_page: always
      diagram: false
      form: ""
markdown_extensions:
  - admonition
  - pymdownx.superfences
  - pymdownx.details
"""


def build(config_dir: Path, out: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=config_dir, env=env,
                   check=False, capture_output=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path) -> str:
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    from playwright.sync_api import sync_playwright

    from test_form import fill_paper_sop

    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="sop-shots-"))
    build(ROOT, work / "handbook")
    mistakes = work / "mistakes"
    (mistakes / "docs").mkdir(parents=True)
    (mistakes / "mkdocs.yml").write_text(MISTAKES_CONFIG, encoding="utf-8")
    (mistakes / "docs" / "index.md").write_text(MISTAKES_PAGE, encoding="utf-8")
    build(mistakes, work / "mistakes-site")
    handbook, examples = serve(work / "handbook"), serve(work / "mistakes-site")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
        page.goto(handbook + "formulir-sop/")
        page.wait_for_selector("#sop-form-editor[data-ready]")
        # element shots: the sticky bars stay where they are instead of covering the element
        page.add_style_tag(content=".md-header, .sop-form-bar { position: static !important; }")
        fill_paper_sop(page)
        page.wait_for_timeout(300)
        page.locator(".sop-form-identity").screenshot(path=str(OUT / "formulir-identitas.png"))
        page.locator(".sop-form-check").screenshot(path=str(OUT / "formulir-pemeriksaan.png"))
        page.locator(".sop-form-steps tbody tr").nth(1).locator("[data-step-field=tidak]").select_option(
            label="langkah 1")
        page.wait_for_timeout(300)
        page.locator(".sop-form-steps").screenshot(path=str(OUT / "formulir-langkah.png"))
        page.locator(".sop-form-preview").screenshot(path=str(OUT / "formulir-pratinjau.png"))
        page.locator(".sop-form-bar").screenshot(path=str(OUT / "formulir-tombol.png"))

        page.goto(examples)
        page.locator(".sop-error").first.screenshot(path=str(OUT / "pesan-kotak-kesalahan.png"))
        page.locator(".sop-warnings").first.screenshot(path=str(OUT / "pesan-kotak-peringatan.png"))
        browser.close()
    for name in sorted(OUT.glob("*.png")):
        print(name.relative_to(ROOT))


if __name__ == "__main__":
    main()
