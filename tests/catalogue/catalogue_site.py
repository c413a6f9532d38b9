"""Helpers for the catalogue tests: a small site with every case, built in a tmp dir, and a
minimal HTML reader (links, ids, data-* attributes)."""

from __future__ import annotations

import logging
import os
import posixpath
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

TODAY = "2025-01-01"

# One site that exercises every index. Dates are chosen against TODAY, review after 2
# years, horizon 90 days:
#   A1 effective 2022-06-01 -> due 2024-06-01: overdue
#   A2 effective 2023-02-15 -> due 2025-02-15: due within the horizon
#   B1 revised (planned) 2026-01-01: ok;   C1 created 2024-05-01: ok
#   Y3 no dates: "no dates";  Y2 superseded (only Y3 says so), R1 revoked: not reviewed
#   D1 draft: left out of every official index unless include_drafts
PAGES = {
    "index.md": "# Beranda\n\nBuku pedoman.\n",
    "dinas-x/index.md": "# Dinas X\n\n- [Dua SOP](bidang-1/dua-sop.md)\n",
    "dinas-x/bidang-1/dua-sop.md": """
        # Dua SOP pada satu halaman

        ```sop
        nomor: X/001/2022
        nama: Penerbitan Izin Alpha
        unit: [Dinas X, Bidang 1]
        kategori: pelayanan
        tanggal_efektif: 2022-06-01
        dasar_hukum:
          - UU No. 25 Tahun 2009
          - Permen PANRB No. 35 Tahun 2012
        pelaksana: [Pemohon, Petugas Loket]
        langkah:
          - kegiatan: Mengajukan permohonan
            pelaksana: Pemohon
            waktu: 10 menit
          - kegiatan: Memeriksa berkas
            pelaksana: Petugas Loket
            keputusan: Lengkap?
            tidak: 1
            waktu: 15 menit
          - kegiatan: Menerbitkan izin
            pelaksana: Petugas Loket
            waktu: 1 jam
        ```

        Teks di antara dua SOP.

        ```sop
        nomor: X/002/2023
        nama: Perpanjangan Izin Alpha
        unit: [Dinas X, Bidang 1]
        kategori: rutin
        tanggal_efektif: 2023-02-15
        dasar_hukum:
          - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
          - PP No. 25 Tahun 2009
        langkah:
          - kegiatan: Mengajukan perpanjangan
            pelaksana: Pemohon
            waktu: 5 menit
          - kegiatan: Memperpanjang izin
            pelaksana: petugas  loket
            waktu: 2 hari kerja
        ```
        """,
    "dinas-x/bidang-2/seksi-a/beta.md": """
        # Beta

        ```sop
        nomor: X/003/2024
        nama: Pelayanan Beta <script>alert(1)</script>
        unit: [Dinas X, Bidang 2, Seksi A]
        jenis: administratif
        kategori: penugasan
        tanggal_revisi: 2026-01-01
        dasar_hukum:
          - UU 25/2009
          - Peraturan Pemerintah Nomor 25 Tahun 2009
        keterkaitan:
          - Penerbitan Izin Alpha
          - Standar Pelayanan 2024
        pelaksana: [Petugas Loket, Kepala Seksi]
        langkah:
          - kegiatan: Menerima tugas
            pelaksana: Kepala Seksi
            waktu: 1 hari
          - kegiatan: Menyiapkan berkas
            pelaksana: Petugas Loket
          - kegiatan: Melanjutkan ke perpanjangan
            pelaksana: Petugas Loket
            keputusan: Perlu perpanjangan?
            ya: "sop:X/002/2023"
            tidak: "sop:999/TIDAK-ADA"
        ```
        """,
    "dinas-x/bidang-2/teknis.md": """
        # Teknis

        ```sop
        nomor: X/004/2024
        nama: Perawatan Mesin
        unit: [Dinas X, Bidang 2]
        jenis: teknis
        format: langkah-sederhana
        tanggal_pembuatan: 2024-05-01
        langkah:
          - kegiatan: Membersihkan mesin
            pelaksana: Teknisi
            waktu: 30 menit
          - kegiatan: Mencatat hasil
            pelaksana: Teknisi
            waktu: 5 menit
        ```
        """,
    "dinas-y/lama.md": """
        # Lama

        ```sop
        nomor: Y/001/2019
        nama: Prosedur Gamma Lama
        unit: Dinas Y
        tanggal_efektif: 2019-01-01
        riwayat:
          - tanggal: 2019-01-01
            uraian: Penetapan awal.
        langkah:
          - kegiatan: Melakukan gamma
            pelaksana: Staf
        ```
        """,
    "dinas-y/baru.md": """
        # Baru

        ```sop
        nomor: Y/002/2024
        nama: Prosedur Gamma Baru
        unit: Dinas Y
        menggantikan: [Y/001/2019]
        riwayat:
          - tanggal: Juni 2024
            uraian: Menggantikan Y/001/2019.
        langkah:
          - kegiatan: Melakukan gamma dengan cara baru
            pelaksana: Staf
        ```
        """,
    "dinas-y/draf.md": """
        # Draf

        ```sop
        nomor: Y/003/2025
        nama: Prosedur Delta Draf
        unit: Dinas Y
        status: draf
        dasar_hukum: [UU No. 25 Tahun 2009]
        langkah:
          - kegiatan: Merancang delta
            pelaksana: Perancang
        ```
        """,
    "dinas-y/dicabut.md": """
        # Dicabut

        ```sop
        nomor: Y/004/2018
        nama: Prosedur Epsilon
        unit: Dinas Y
        status: dicabut
        tanggal_efektif: 2018-03-01
        langkah:
          - kegiatan: Melakukan epsilon
            pelaksana: Staf
        ```
        """,
}

OFFICIAL = {"X/001/2022", "X/002/2023", "X/003/2024", "X/004/2024", "Y/001/2019", "Y/002/2024",
            "Y/004/2018"}
DRAFTS = {"Y/003/2025"}


def write_site(root: Path, *, use_directory_urls: bool = True, extra_plugin: str = "",
               theme: str = "material", pages: dict | None = None, extra: str = "") -> Path:
    docs = root / "docs"
    for rel, text in (pages or PAGES).items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    config = textwrap.dedent(f"""\
        site_name: Uji Katalog
        site_url: https://sop.example.go.id/
        docs_dir: docs
        use_directory_urls: {str(use_directory_urls).lower()}
        theme:
          name: {theme}
        plugins:
          - search
          - sop:
              institution: Pemkab Uji
              diagram: false
              cache: false
              today: "{TODAY}"
        """)
    if extra_plugin:
        config += textwrap.indent(textwrap.dedent(extra_plugin), " " * 6)
    config += extra
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root / "mkdocs.yml"


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record) -> None:
        self.records.append(record.getMessage())


def build_site(config_file: Path) -> tuple[Path, list[str]]:
    """Build with MkDocs' Python API; returns (site dir, warning messages)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    old = os.getcwd()
    os.chdir(config_file.parent)
    try:
        config = load_config(str(config_file))
        build(config)
    finally:
        os.chdir(old)
        logger.removeHandler(capture)
    return Path(config.site_dir), capture.records


class Site:
    def __init__(self, root: Path, dir_urls: bool, warnings: list[str]) -> None:
        self.root = root
        self.dir_urls = dir_urls
        self.warnings = warnings

    def url_of(self, src: str) -> str:
        from mkdocs_sop.catalogue.registry import page_url

        return page_url(src, self.dir_urls)

    def file_of(self, url: str) -> Path:
        path = url.split("#")[0]
        if path in ("", ".", "./"):
            return self.root / "index.html"
        if path.endswith("/"):
            return self.root / path / "index.html"
        return self.root / path

    def page(self, src: str) -> "Html":
        url = self.url_of(src)
        return Html(self.file_of(url).read_text(encoding="utf-8"), url)


class Html(HTMLParser):
    """Just enough of a page: its links, its ids, elements carrying data-* attributes."""

    def __init__(self, text: str, url: str) -> None:
        super().__init__()
        self.text = text
        self.url = url
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.data: list[tuple[str, dict]] = []
        self._in_main = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if any(k.startswith("data-") for k in a):
            self.data.append((tag, a))

    def values(self, attr: str, tag: str | None = None) -> list[str]:
        return [a[attr] for t, a in self.data if attr in a and (tag is None or t == tag)]

    def content(self) -> str:
        """The article (theme chrome left out), for checks that must not see the sidebar."""
        start = self.text.find("<article")
        end = self.text.find("</article>")
        return self.text[start:end] if start >= 0 else self.text


def resolve(site: Site, page_url: str, href: str) -> tuple[Path, str] | None:
    """The file and anchor a relative link on ``page_url`` points to (None: external)."""
    if href.startswith(("http://", "https://", "mailto:", "data:", "javascript:")):
        return None
    path, _, anchor = href.partition("#")
    if not path:
        target = page_url
    else:
        if page_url in ("", ".", "./"):
            base = ""
        elif page_url.endswith("/"):
            base = page_url
        else:
            base = posixpath.dirname(page_url)
        target = posixpath.normpath(posixpath.join(base, path)) + ("/" if path.endswith("/") else "")
        if target in (".", "./"):
            target = "./"
    return site.file_of(target), anchor


@pytest.fixture(scope="module", params=[True, False], ids=["dir-urls", "html-urls"])
def site(request, tmp_path_factory):
    """The sample site built once per URL style: (site dir, use_directory_urls, warnings)."""
    root = tmp_path_factory.mktemp("site")
    site_dir, warnings = build_site(write_site(root, use_directory_urls=request.param))
    return Site(site_dir, request.param, warnings)
