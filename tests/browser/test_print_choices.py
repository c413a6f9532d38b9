"""A site's print choices as a printing computer sees them: no Graphviz sheet, and the
address under ``site_url`` in the footer instead of the address the page was opened at."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading

import pytest

PAGE = """\
# Contoh

```sop
nomor: "1"
nama: Contoh Cetak
unit: Dinas Contoh
langkah:
  - kegiatan: Menerima berkas
    pelaksana: Petugas
  - kegiatan: Menyelesaikan
    pelaksana: Petugas
```
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def printed_site(tmp_path):
    def make(options: str):
        root = tmp_path / options.replace(" ", "").replace(":", "-").replace("\n", "_")[:40]
        (root / "docs").mkdir(parents=True)
        (root / "docs" / "contoh.md").write_text(PAGE, encoding="utf-8")
        (root / "mkdocs.yml").write_text(
            "site_name: Uji\nsite_url: https://sop.kotacontoh.go.id/\ntheme:\n  name: material\n  font: false\n"
            "plugins:\n  - sop:\n      form: ''\n" + options + "markdown_extensions:\n  - pymdownx.superfences\n",
            encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, capture_output=True,
                              text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=300)
        assert proc.returncode == 0, proc.stderr
        handler = functools.partial(_Quiet, directory=str(root / "site"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/contoh/"

    servers: list = []
    yield make
    for server in servers:
        server.shutdown()
        server.server_close()


def printed(chromium, url: str) -> dict:
    context = chromium.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    found = page.evaluate("""() => ({
        url: getComputedStyle(document.documentElement).getPropertyValue('--sop-print-url').trim(),
        diagram: document.querySelector('.sop-diagram') ?
                 getComputedStyle(document.querySelector('.sop-diagram')).display : 'absent'})""")
    context.close()
    return found


def test_the_official_copy_leaves_the_diagram_out_and_prints_the_site_address(chromium, printed_site):
    found = printed(chromium, printed_site("      print_diagram: false\n"))
    assert found == {"url": '"https://sop.kotacontoh.go.id/contoh/"', "diagram": "none"}


def test_by_default_the_diagram_prints_and_the_address_can_be_the_page_as_opened(chromium, printed_site):
    url = printed_site("      print_address: page\n")
    found = printed(chromium, url)
    assert found == {"url": f'"{url}"', "diagram": "block"}
