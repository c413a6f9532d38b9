"""A small site for ``mkdocs-sop preview`` and a way to run the command and talk to it over HTTP.

A module of its own (not conftest) so the command-line and browser tests can both import it.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

SITE = {
    "mkdocs.yml": """\
        site_name: Uji Pratinjau
        site_url: https://sop.uji.go.id/
        plugins:
          - sop:
              institution: Pemerintah Kota Uji
              logo: assets/logo.svg
              labels: {nama: Judul Prosedur}
              rows_per_page: 2
              today: 2025-01-01
        markdown_extensions:
          - admonition
          - pymdownx.superfences
          - toc:
              permalink: true
        """,
    "docs/index.md": "# Beranda\n",
    "docs/rahasia.txt": "isi rahasia yang tidak boleh dilayani\n",
    "docs/assets/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
                            'height="10"/></svg>\n',
    "docs/img/bagan.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>\n',
    "docs/layanan/a.md": """\
        ---
        title: Layanan Surat A
        ---
        # Layanan A

        !!! note "Catatan"
            Berlaku di semua loket.

        ```sop
        nomor: A/1/2025
        nama: Penerbitan Surat A
        unit: [Dinas Uji, Bidang Layanan]
        pelaksana: [Pemohon, Petugas]
        keterkaitan: [B/2/2025]
        langkah:
          - kegiatan: Mengisi formulir permohonan
            pelaksana: Pemohon
          - kegiatan: Memeriksa berkas
            pelaksana: Petugas
            keputusan: Berkas lengkap?
            tidak: 1
          - kegiatan: Menerbitkan surat
            pelaksana: Petugas
        ```

        ![Bagan](../img/bagan.svg)
        """,
    "docs/layanan/b.md": """\
        # Layanan B

        ```sop
        nomor: B/2/2025
        nama: Penerbitan Surat B
        unit: [Dinas Uji, Bidang Layanan]
        pelaksana: [Petugas]
        keterkaitan: [A/1/2025]
        langkah:
          - kegiatan: Menerbitkan surat B
            pelaksana: Petugas
        ```
        """,
}

PAGE = "docs/layanan/a.md"


def write_site(root: Path, files: dict[str, str] = SITE) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def wait_until(check: Callable[[], bool], timeout: float = 120, what: str = "") -> None:
    """Poll ``check`` until it holds (a generous bound for a busy machine; no timing is asserted)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        time.sleep(0.05)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str


def request(base_url: str, path: str, host: str | None = None) -> Response:
    """GET ``path`` exactly as written (no normalising of ``..``) from the server of ``base_url``."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host or parts.netloc)
        connection.endheaders()
        answer = connection.getresponse()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()},
                        answer.read().decode("utf-8", "replace"))
    finally:
        connection.close()


@dataclass
class RunningPreview:
    proc: subprocess.Popen
    url: str = ""
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)

    @property
    def stdout(self) -> str:
        return "".join(self.out)

    @property
    def stderr(self) -> str:
        return "".join(self.err)

    def get(self, path: str | None = None) -> Response:
        return request(self.url, urlsplit(self.url).path if path is None else path)


def _collect(stream, into: list[str]) -> None:
    for line in stream:
        into.append(line)


@contextlib.contextmanager
def running_preview(site: Path, page: str = PAGE, *args: str) -> Iterator[RunningPreview]:
    """``mkdocs-sop preview page`` in ``site`` on a free port of 127.0.0.1, until Ctrl+C at the end."""
    env = dict(os.environ, NO_COLOR="1", PYTHONUNBUFFERED="1")
    env.pop("MKDOCS_SOP_LANG", None)
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs_sop", "preview", page, "-a", "127.0.0.1:0", *args],
                            cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    run = RunningPreview(proc)
    readers = [threading.Thread(target=_collect, args=(proc.stdout, run.out), daemon=True),
               threading.Thread(target=_collect, args=(proc.stderr, run.err), daemon=True)]
    for reader in readers:
        reader.start()
    try:
        wait_until(lambda: re.search(r"http://127\.0\.0\.1:\d+/\S*", run.stderr) is not None or proc.poll() is not None,
                   what="the preview's address")
        found = re.search(r"http://127\.0\.0\.1:\d+/\S*", run.stderr)
        assert found is not None, f"the preview did not start:\n{run.stderr}"
        run.url = found.group(0)
        yield run
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # Ctrl+C, as an editor stops it
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for reader in readers:
            reader.join(timeout=10)
