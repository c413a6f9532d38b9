"""Whole-site builds: ``mkdocs build`` in a temporary folder, strict and not.

Every kind of bad input of SOP-FORMAT.md section 5 is written on its own page of one
site; a strict build must fail naming ``docs/<page>.md:<line>`` and the problem for each,
and a non-strict build must go on and put an escaped error box in place of each block.
"""

from __future__ import annotations

import html

import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.site

GOOD = """\
```sop
nomor: "{nomor}"
nama: {nama}
unit: Dinas Contoh
pelaksana: [Petugas, Kepala]
keterkaitan: [{related}]
langkah:
  - kegiatan: Menerima berkas
    pelaksana: Petugas
  - kegiatan: Memeriksa
    pelaksana: Kepala
    keputusan: Lengkap?
    tidak: 1
  - kegiatan: Menyelesaikan
    pelaksana: Petugas
```
"""


def good(nomor: str, nama: str, related: str = "") -> str:
    return GOOD.format(nomor=nomor, nama=nama, related=related)


def body(*lines: str) -> str:
    return "\n".join(lines) + "\n"


IDENT = 'nomor: "{n}"\nnama: Halaman {n}\nunit: U\n'


def block(yaml_text: str) -> str:
    return "# Judul\n\nTeks pembuka.\n\n```sop\n" + yaml_text + "```\n\nTeks penutup.\n"


def steps(n: str, text: str) -> str:
    return block(IDENT.format(n=n) + "langkah:\n" + text)


# page name -> (Markdown text, line marker (text on the offending line), words in the message);
# the plugin's default `language: id` reports in Indonesian.
BAD_PAGES: dict[str, tuple[str, str, str]] = {
    "yaml-tab": (block(IDENT.format(n="B1") + "langkah:\n  - kegiatan: a\n\tpelaksana: A\n"),
                 "\tpelaksana", "baris ini diindentasi dengan tombol Tab"),
    "yaml-indent": (block(IDENT.format(n="B2") + "langkah:\n  - kegiatan: a\n     pelaksana: A\n"),
                    "     pelaksana", "baris ini tidak sejajar dengan baris di sekitarnya"),
    "yaml-quote": (block('nomor: "B3\nnama: x\nunit: U\nlangkah: []\n'), 'nomor: "B3',
                   "tanda petik `\"` dibuka di sini tetapi tidak pernah ditutup"),
    "missing-key": (block('nomor: "B4"\nnama: x\nlangkah:\n  - kegiatan: a\n    pelaksana: A\n'),
                    'nomor: "B4"', "`unit`: wajib diisi tetapi tidak ada. Tambahkan `unit:`."),
    "unknown-key": (block(IDENT.format(n="B5") + "namaa: x\nlangkah:\n  - kegiatan: a\n    pelaksana: A\n"),
                    "namaa", "`namaa`: kunci tidak dikenal. Mungkin maksud Anda `nama`?"),
    "key-and-alias": (block(IDENT.format(n="B6") + "name: x\nlangkah:\n  - kegiatan: a\n    pelaksana: A\n"),
                      "name: x", "`name`: ditulis bersama `nama`, padahal artinya sama"),
    "wrong-shape": (block("nomor: 007\nnama: x\nunit: U\nlangkah:\n  - kegiatan: a\n    pelaksana: A\n"),
                    "nomor: 007", 'Apit nilainya dengan tanda petik, misalnya `nomor: "007"`'),
    "list-for-mapping": (block(IDENT.format(n="B8") + "langkah:\n  kegiatan: a\n"), "langkah:",
                         "`langkah`: seharusnya daftar langkah"),
    "actor": (block(IDENT.format(n="B9") + "pelaksana: [Petugas]\nlangkah:\n  - kegiatan: a\n"
                    "    pelaksana: Petugass\n"), "pelaksana: Petugass", "Mungkin maksud Anda `Petugas`?"),
    "no-such-step": (steps("B10", "  - kegiatan: a\n    pelaksana: A\n    lanjut: periksa\n"),
                     "lanjut: periksa", "tidak ada langkah dengan `id` `periksa`"),
    "out-of-range": (steps("B11", "  - kegiatan: a\n    pelaksana: A\n    lanjut: 5\n"), "lanjut: 5",
                     "langkah 5 tidak ada"),
    "duplicate-id": (steps("B12", "  - kegiatan: a\n    pelaksana: A\n    id: x\n  - kegiatan: b\n"
                                  "    pelaksana: A\n    id: x\n"), "- kegiatan: b", "`id` `x` sudah dipakai oleh langkah 1"),
    "no-tidak": (steps("B13", "  - kegiatan: a\n    pelaksana: A\n    keputusan: Ok?\n  - kegiatan: b\n"
                              "    pelaksana: A\n"), "keputusan: Ok?", "keputusan memerlukan `tidak`"),
    "ya-not-decision": (steps("B14", "  - kegiatan: a\n    pelaksana: A\n    ya: 2\n  - kegiatan: b\n"
                                     "    pelaksana: A\n"), "ya: 2", "`ya` hanya untuk langkah keputusan"),
    "unreachable": (steps("B15", "  - kegiatan: a\n    pelaksana: A\n    lanjut: selesai\n  - kegiatan: b\n"
                                 "    pelaksana: A\n"), "- kegiatan: b", "langkah 2 tidak pernah dapat dicapai dari langkah 1"),
    "no-end": (steps("B16", "  - kegiatan: a\n    pelaksana: A\n  - kegiatan: b\n    pelaksana: A\n"
                            "    lanjut: 1\n"), "- kegiatan: a", "tidak pernah sampai ke akhir"),
    "duplicate-yaml-key": (block(IDENT.format(n="B17") + "nama: lagi\nlangkah:\n  - kegiatan: a\n"
                                 "    pelaksana: A\n"), "nama: lagi", "`nama`: ditulis dua kali"),
}

WARNING_PAGES: dict[str, tuple[str, str, str]] = {
    "teknis": (block(IDENT.format(n="W1") + "jenis: teknis\nlangkah:\n  - kegiatan: a\n    pelaksana: A\n"
                     "  - kegiatan: b\n    pelaksana: B\n"), "jenis: teknis", "SOP teknis dikerjakan oleh satu pelaksana"),
}


def write_site(root: Path, pages: dict[str, str], plugin: str = "  - sop:\n      diagram: false\n",
               extra: str = "") -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: Uji SOP\ntheme:\n  name: material\n"
                                     "markdown_extensions:\n  - admonition\n  - pymdownx.superfences\n"
                                     f"plugins:\n{plugin}{extra}", encoding="utf-8")
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def build(root: Path, strict: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # not -q: it drops warnings before --strict can count them
    cmd = [sys.executable, "-m", "mkdocs", "build"] + (["--strict"] if strict else [])
    return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=120)


def log_lines(proc) -> list[str]:
    return [line for line in (proc.stderr + proc.stdout).splitlines() if "mkdocs_sop" in line]


def line_in(text: str, marker: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if marker in line:
            return number
    raise AssertionError(marker)


class Boxes(HTMLParser):
    """Error boxes, SOP wrappers and every tag of a built page."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[str] = []
        self.errors = 0
        self.sops: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if "sop-error" in classes:
            self.errors += 1
        if "sop" in classes:
            self.sops.append(attrs.get("data-sop-nomor", ""))


def page_html(root: Path, name: str) -> str:
    stem = name[:-3]
    path = root / "site" / ("index.html" if stem == "index" else f"{stem}/index.html")
    return path.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------


def test_good_site_builds_strict(tmp_path):
    admonition = "!!! note \"Di dalam catatan\"\n\n" + textwrap.indent(good("470/3", "Tiga"), "    ")
    pages = {
        "index.md": "# Beranda\n\n" + good("470/1", "Satu", related="470/2") + "\n" + good("470/4", "Empat"),
        "layanan/dua.md": "---\ntitle: Dua\n---\n\n" + good("470/2", "Dua", related="Satu"),
        "tiga.md": "# Tiga\n\n" + admonition
                   + "\n````markdown\n```sop\nnomor: \"contoh\"\n```\n````\n",
    }
    root = write_site(tmp_path, pages, plugin="  - sop:\n      diagram: false\n      strict_links: true\n")
    proc = build(root)
    assert proc.returncode == 0, proc.stderr
    assert log_lines(proc) == []
    index = Boxes(page_html(root, "index.md"))
    assert index.sops == ["470/1", "470/4"] and index.errors == 0
    tiga = page_html(root, "tiga.md")
    assert Boxes(tiga).sops == ["470/3"]
    # the example stays code (its text, whatever spans the installed Pygments puts around it)
    codes = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<code[^>]*>(.*?)</code>", tiga, re.S)]
    assert any('```sop\nnomor: "contoh"\n```' in c for c in codes), codes
    # cross-link from keterkaitan to the other page
    assert re.search(r'href="[^"]*layanan/dua/#sop-470-2"', page_html(root, "index.md"))


EVIL = "'<script>alert(1)</script> \"x\" & y'"
EXTRA_PAGES = {
    "unclosed.md": "# Terbuka\n\nTeks.\n\n```sop\nnomor: \"U1\"\nnama: x\n",
    "evil-good.md": block(f"nomor: {EVIL}\nnama: {EVIL}\nunit: {EVIL}\nlangkah:\n  - kegiatan: {EVIL}\n"
                          f"    pelaksana: {EVIL}\n    keterangan: {EVIL}\n"),
    "evil-bad.md": block(f"nomor: {EVIL}\nnama: {EVIL}\nunit: {EVIL}\nzzz: {EVIL}\nlangkah: []\n"),
}


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    """One site holding every kind of bad page, built strict then not strict."""
    root = tmp_path_factory.mktemp("bad")
    pages = {f"{name}.md": text for name, (text, _, _) in {**BAD_PAGES, **WARNING_PAGES}.items()}
    pages.update(EXTRA_PAGES)
    pages["index.md"] = "# Beranda\n"
    write_site(root, pages)
    strict = build(root)
    default = build(root, strict=False)
    write_site(root, pages, plugin="  - sop:\n      diagram: false\n      fail_on_error: false\n")
    loose = build(root, strict=False)  # a preview: goes on with the error boxes
    return root, strict, loose, default


def test_strict_build_fails_on_every_kind_of_bad_input(bad_site):
    root, proc, _, _ = bad_site
    assert proc.returncode != 0
    assert "Aborted" in proc.stdout + proc.stderr and "strict mode" in proc.stdout + proc.stderr
    logged = log_lines(proc)
    for name, (text, marker, words) in {**BAD_PAGES, **WARNING_PAGES}.items():
        where = f"docs/{name}.md:{line_in(text, marker)}"
        hits = [line for line in logged if where in line and words in line]
        assert hits, f"{name}: expected `{where}` with `{words}` in:\n" + "\n".join(logged)
        level = "WARNING" if name in WARNING_PAGES else "ERROR"
        assert hits[0].startswith(level), hits[0]
    assert any("docs/unclosed.md:5: error" in line and "tidak pernah ditutup" in line for line in logged)
    # every report ends in its code, the same whatever the language
    assert all(re.search(r" \[[a-z]+(-[a-z]+)*\]$", line) for line in logged), "\n".join(logged)
    # each problem is reported once
    assert len(logged) == len(set(logged))


def test_sop_errors_fail_a_build_by_default_and_only_errors(bad_site, tmp_path):
    _, _, _, proc = bad_site
    assert proc.returncode == 1
    assert "kesalahan SOP" in proc.stderr and "fail_on_error: false" in proc.stderr, proc.stderr
    assert "docs/unclosed.md:5: error" in proc.stderr  # the errors themselves are listed first
    # warnings alone do not fail a build that is not --strict
    text = WARNING_PAGES["teknis"][0]
    root = write_site(tmp_path, {"index.md": "# x\n", "teknis.md": text})
    assert build(root, strict=False).returncode == 0


def test_non_strict_build_with_fail_on_error_false_goes_on_with_escaped_error_boxes(bad_site):
    root, _, proc, _ = bad_site
    assert proc.returncode == 0, proc.stderr
    for name in BAD_PAGES:
        html = page_html(root, f"{name}.md")
        boxes = Boxes(html)
        assert boxes.errors == 1 and boxes.sops == [], name
        assert "Teks penutup." in html and "Teks pembuka." in html  # the rest of the page is there
    assert Boxes(page_html(root, "unclosed.md")).errors == 1
    # a warning leaves the SOP in place
    assert Boxes(page_html(root, "teknis.md")).sops == ["W1"]


def test_escaping_in_built_pages(bad_site):
    root = bad_site[0]
    for name in ("evil-good.md", "evil-bad.md"):
        html = page_html(root, name)
        own = html.split("<article", 1)[1].split("</article>", 1)[0]
        assert "script" not in Boxes(own).tags, name
        assert "<script>alert" not in own
    assert Boxes(page_html(root, "evil-good.md")).sops == ["<script>alert(1)</script> \"x\" & y"]
    assert Boxes(page_html(root, "evil-bad.md")).errors == 1


def test_front_matter_lines_are_counted(tmp_path):
    text = ("---\ntitle: Dengan front matter\ndescription: >\n  Baris panjang\n  lagi\ntags:\n  - a\n---\n\n\n"
            + block(IDENT.format(n="F1") + "langkah:\n  - kegiatan: a\n    pelaksana: A\n    lanjut: 4\n"))
    root = write_site(tmp_path, {"index.md": "# x\n", "fm.md": text})
    proc = build(root)
    assert proc.returncode != 0
    assert f"docs/fm.md:{line_in(text, 'lanjut: 4')}: error" in proc.stderr, proc.stderr
    assert line_in(text, "lanjut: 4") == 22


def test_duplicate_nomor_across_two_pages_fails_strict(tmp_path):
    a, b = good("470/9", "Pertama"), "# Kedua\n\nTeks.\n\n" + good("470/9", "Kedua")
    root = write_site(tmp_path, {"index.md": "# x\n", "a.md": a, "sub/b.md": b})
    proc = build(root)
    assert proc.returncode != 0
    messages = [line for line in log_lines(proc) if "sudah dipakai oleh" in line]
    assert len(messages) == 1, proc.stderr
    first, second = ("docs/a.md", line_in(a, "nomor:")), ("docs/sub/b.md", line_in(b, "nomor:"))
    assert f"{second[0]}:{second[1]}: error: `nomor`" in messages[0]
    assert f"{first[0]}:{first[1]}" in messages[0] and messages[0].endswith(" [duplicate-nomor]")


def test_language_en_reports_in_english_with_the_same_codes(tmp_path):
    text, marker, _ = BAD_PAGES["unknown-key"]
    root = write_site(tmp_path, {"index.md": "# x\n", "bad.md": text},
                      plugin="  - sop:\n      diagram: false\n      language: en\n      logo: tidak-ada.png\n")
    proc = build(root, strict=False)
    logged = log_lines(proc)
    assert any(f"docs/bad.md:{line_in(text, marker)}: error: `namaa`: unknown key. Did you mean `nama`? "
               "[unknown-key]" in line for line in logged), "\n".join(logged)
    assert any("mkdocs.yml: warning: `logo: tidak-ada.png` is not a file in the docs folder" in line
               and line.endswith("[logo-missing]") for line in logged), "\n".join(logged)
    html = page_html(root, "bad.md")
    assert "unknown key." in html and "kunci tidak dikenal" not in html


def test_unresolved_keterkaitan_warns_only_with_strict_links(tmp_path):
    pages = {"index.md": good("470/1", "Satu", related="Tidak Ada di Situs")}
    root = write_site(tmp_path / "plain", pages)
    assert build(root).returncode == 0
    root = write_site(tmp_path / "strict", pages,
                      plugin="  - sop:\n      diagram: false\n      strict_links: true\n")
    proc = build(root)
    assert proc.returncode != 0
    assert f"docs/index.md:{line_in(pages['index.md'], 'keterkaitan')}: warning" in proc.stderr
    assert "`Tidak Ada di Situs`" in proc.stderr


def test_table_of_contents_hidden_only_on_pages_that_hold_an_sop(tmp_path):
    tilde = block(IDENT.format(n="T/1") + "langkah:\n  - kegiatan: a\n    pelaksana: P\n").replace("```", "~~~")
    quoted = ("# Cara menulis\n\n## Contoh\n\n````markdown\n```sop\nnomor: X\n```\n````\n\n"
              "## Lainnya\n\nTeks.\n")
    root = write_site(tmp_path, {"index.md": tilde, "panduan.md": quoted})
    assert build(root).returncode == 0
    # Material leaves the secondary sidebar (the page's table of contents) out when hidden
    assert 'data-md-component="toc"' not in page_html(root, "index.md")
    assert 'data-md-component="toc"' in page_html(root, "panduan.md")


def test_mkdocs_serve_keeps_serving_pages_with_their_error_boxes(tmp_path):
    import socket
    import time
    import urllib.request

    text = BAD_PAGES["unknown-key"][0]
    root = write_site(tmp_path, {"index.md": "# x\n", "bad.md": text})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        html = None
        deadline = time.monotonic() + 120
        while html is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/bad/", timeout=5) as response:
                    html = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        assert html is not None, "mkdocs serve stopped or never answered"
        assert Boxes(html).errors == 1
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "kesalahan SOP" not in output  # serving is not publishing: no failure


def test_links_to_an_sop_or_a_step_are_not_reported_as_missing_anchors(tmp_path):
    """The catalogue pages link `page.md#sop-…` and `#sop-…-langkah-N`; MkDocs' anchor check
    does not read the SOP's raw HTML, so without the plugin's help it printed an INFO line
    for every such link (860 on the sample handbook)."""
    pages = {"index.md": "# Beranda\n",
             "layanan/satu.md": "# Satu\n\n" + good("470/1", "Satu", related="470/2"),
             "layanan/dua.md": "# Dua\n\n" + good("470/2", "Dua")}
    root = write_site(tmp_path, pages)
    proc = build(root)
    assert proc.returncode == 0, proc.stderr
    assert "#sop-470-1" in (root / "site" / "katalog" / "index.html").read_text(encoding="utf-8")
    output = proc.stderr + proc.stdout
    assert "contains a link" not in output and "does not contain an anchor" not in output, output
