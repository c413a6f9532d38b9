"""`mkdocs-sop preview PAGE.md`: one page of the site, as the site shows it, served again after every save."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import pytest
from hostile import PAYLOADS, live_markup
from preview_support import PAGE, SITE, request, running_preview, wait_until, write_site

from cli_fixtures import runner  # noqa: F401 - fixture
from mkdocs_sop.cli import main
from mkdocs_sop.cli.config import load_site_config
from mkdocs_sop.cli.preview_page import PreviewPage
from mkdocs_sop.cli.preview_server import PreviewServer


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    write_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MKDOCS_SOP_LANG", raising=False)
    return tmp_path


def preview(site: Path, page: str = PAGE, language: str = "id") -> PreviewPage:
    return PreviewPage(load_site_config(str(site / "mkdocs.yml")), str(site / page), language)


@contextlib.contextmanager
def serving(page: PreviewPage):
    """The preview's server for ``page`` (rendered once) on a free port: its base URL."""
    rendered = page.render()
    server = PreviewServer(("127.0.0.1", 0), lambda: rendered, page.page.url, page.page.display, page.static, "id")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()


def test_the_page_is_rendered_with_the_sites_settings_and_the_other_sops_of_the_site(site):
    rendered = preview(site).render()
    html = rendered.document
    assert rendered.diagnostics == ()
    assert '<html lang="id">' in html and "<title>Layanan Surat A · Pratinjau</title>" in html
    # the SOP as the site shows it: identity grid, flowchart table split every 2 rows, diagram
    assert 'class="sop-identity' in html and 'class="sop-flowchart' in html
    assert html.count("sop-row-connector-out") >= 1  # rows_per_page: 2 -> lettered off-page connectors
    assert "Judul Prosedur" in html  # labels: {nama: Judul Prosedur}
    assert "Pemerintah Kota Uji" in html  # institution
    assert 'src="../../assets/logo.svg"' in html  # logo, relative to the page's URL
    assert 'class="sop-qr' in html  # site_url: the QR code to the page
    assert "<svg" in html.split('class="sop-diagram', 1)[1]  # the Graphviz diagram
    # the site's Markdown extensions (admonition, toc permalinks) and its other SOPs
    assert 'class="admonition note"' in html and 'class="headerlink"' in html
    assert 'href="../b/#sop-b-2-2025"' in html and "Dirujuk oleh" in html  # cross-link and back-link
    # a plain offline page: the package's assets served by the preview, nothing from elsewhere
    for asset in ("/assets/mkdocs-sop/sop.css", "/assets/mkdocs-sop/sop.js", "/_pratinjau/pratinjau.js"):
        assert f'"{asset}"' in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "//cdn" not in html
    assert "Pratinjau satu halaman: docs/layanan/a.md." in html
    assert "bukalah di situs yang sudah dibangun atau di <code>mkdocs serve</code>" in html


def test_the_server_answers_the_page_its_assets_and_its_version(site):
    page = preview(site)
    with serving(page) as url:
        assert url.endswith("/layanan/a/")
        shown = request(url, "/layanan/a/")
        assert shown.status == 200 and shown.headers["content-type"].startswith("text/html")
        assert "default-src 'none'" in shown.headers["content-security-policy"]
        assert request(url, "/").status == 302 and request(url, "/").headers["location"] == "/layanan/a/"
        logo = request(url, "/assets/logo.svg")
        assert logo.status == 200 and logo.headers["content-type"] == "image/svg+xml" and "<rect" in logo.body
        assert request(url, "/img/bagan.svg").status == 200  # an image of the page
        css = request(url, "/assets/mkdocs-sop/sop.css")
        assert css.status == 200 and ".sop-flowchart" in css.body
        version = request(url, "/_pratinjau/versi").body
        assert f'data-version="{version}"' in shown.body


@pytest.mark.parametrize("path", [
    "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/layanan/a/../../../mkdocs.yml", "//etc/passwd",
    "/assets/mkdocs-sop/..%2f..%2f..%2fmkdocs.yml", "/assets/../rahasia.txt", "/rahasia.txt", "/mkdocs.yml",
    "/layanan/a.md", "/layanan/b/", "/img/luar.svg", "/img/bagan.svg/../../rahasia.txt", "/%00", "/\\..\\rahasia.txt",
])
def test_only_the_page_and_its_assets_are_served(site, path):
    os.symlink("/etc/passwd", site / "docs" / "img" / "luar.svg")  # shown by the page, but outside the docs
    page_file = site / PAGE
    page_file.write_text(page_file.read_text(encoding="utf-8") + "\n![x](../img/luar.svg)\n", encoding="utf-8")
    with serving(preview(site)) as url:
        answer = request(url, path)
        assert answer.status == 404, (path, answer.status)
        assert "rahasia" not in answer.body and "root:" not in answer.body
        assert "Pratinjau ini hanya menampilkan docs/layanan/a.md" in answer.body


def test_a_request_naming_another_host_is_refused(site):
    with serving(preview(site)) as url:
        assert request(url, "/layanan/a/", host="contoh-jahat.example:80").status == 421
        assert request(url, "/layanan/a/", host=f"localhost:{url.split(':')[2].split('/')[0]}").status == 200


def test_a_broken_or_hostile_sop_is_an_error_box_and_escaped_text(site):
    hostile = "\n".join(f"  - kegiatan: {payload!r}\n    pelaksana: Petugas" for payload in PAYLOADS)
    (site / "docs/layanan/c.md").write_text(
        "---\ntitle: " + repr(PAYLOADS[1]) + "\n---\n# C <b>tebal</b>\n\n```sop\nnomor: C/3\nnama: " + repr(PAYLOADS[1]) + "\nunit: U\npelaksana: [Petugas]\n"
        "langkah:\n" + hostile + "\n  - kegiatan: x\n    pelaksana: Bukan Pelaksana\n```\n\n"
        "```sop\nnomor: D/4\nnama: [tidak: ditutup\n", encoding="utf-8")
    rendered = preview(site, "docs/layanan/c.md").render()
    codes = [d.code for d in rendered.diagnostics]
    assert "actor-not-listed" in codes and "block-not-closed" in codes
    assert rendered.diagnostics[0].severity.value == "error"
    assert all(d.path == os.path.join("docs", "layanan", "c.md") for d in rendered.diagnostics)
    assert rendered.document.count('class="sop-error') >= 2  # each broken block shows its error box
    assert live_markup(rendered.document) == []
    assert "Masalah di halaman ini" in rendered.document


def test_an_unreadable_page_and_a_failing_extension_are_messages(site):
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - ekstensi_yang_tidak_ada\n", encoding="utf-8")
    page = preview(site)
    assert any("ekstensi_yang_tidak_ada" in note for note in page.notes)
    (site / PAGE).write_bytes(b"# Rusak \xff\xfe\n")
    rendered = page.render()
    assert [d.code for d in rendered.diagnostics] == ["file-unreadable"]
    assert "berkas tidak dapat dibaca" in rendered.document


def test_english_with_the_sites_language_or_lang_en(site):
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("rows_per_page: 2", "rows_per_page: 2\n"
                                                                 "      language: en"), encoding="utf-8")
    for page in (preview(site, language="en"), preview(write_site(site.parent / "id-site"), language="en")):
        html = page.render().document
        assert '<html lang="en">' in html and "· Preview</title>" in html
        assert "One-page preview of" in html and "Legal Basis" in html and "Referenced by" in html
        assert "Pratinjau" not in html


def test_usage_errors_are_messages_in_the_language(site, runner):
    outside = site.parent / "di-luar.md"
    outside.write_text("# Di luar\n", encoding="utf-8")
    result = runner.invoke(main, ["preview", str(outside)])
    assert result.exit_code == 2 and "bukan halaman situs" in result.stderr and "Traceback" not in result.output
    result = runner.invoke(main, ["preview", str(outside), "--lang", "en"])
    assert result.exit_code == 2 and "is not a page of the site" in result.stderr
    result = runner.invoke(main, ["preview", PAGE, "-a", "di-mana-saja"])
    assert result.exit_code == 2 and "bukan alamat berbentuk IP:PORT" in result.stderr
    os.remove(site / "mkdocs.yml")
    result = runner.invoke(main, ["preview", PAGE])
    assert result.exit_code == 2 and "tidak ada mkdocs.yml" in result.stderr


def test_a_save_is_served_again_and_a_broken_save_keeps_the_preview_running(site):
    page = site / PAGE
    text = page.read_text(encoding="utf-8")
    with running_preview(site) as run:
        first = run.get()
        assert first.status == 200 and "Menerbitkan surat" in first.body and "sop-flowchart" in first.body
        version = run.get("/_pratinjau/versi").body
        page.write_text(text.replace("Menerbitkan surat", "Menerbitkan surat keputusan yang baru"), encoding="utf-8")
        wait_until(lambda: "Menerbitkan surat keputusan yang baru" in run.get().body, what="the saved text")
        assert run.get("/_pratinjau/versi").body != version
        # a mistake: the error box on the page, the message in the terminal as lint prints it
        page.write_text(text.replace("    pelaksana: Petugas\n    keputusan", "    pelaksana: Kasir\n    keputusan"),
                        encoding="utf-8")
        wait_until(lambda: "sop-error" in run.get().body, what="the error box")
        wait_until(lambda: "docs/layanan/a.md:19: error:" in run.stdout, what="the message in the terminal")
        assert "[actor-not-listed]" in run.stdout and "  19 |     pelaksana: Kasir" in run.stdout
        assert "1 kesalahan, 0 peringatan" in run.stderr
        assert run.proc.poll() is None  # still serving
    assert run.proc.returncode == 0
    assert "Traceback" not in run.stderr


def test_a_zensical_site_is_previewed_with_its_extensions_settings(tmp_path):
    write_site(tmp_path, {name: text for name, text in SITE.items() if name.startswith("docs/")})
    (tmp_path / "zensical.toml").write_text(
        '[project]\nsite_name = "Uji Zensical"\n\n[project.markdown_extensions.admonition]\n\n'
        '[project.markdown_extensions.mkdocs_sop]\nlanguage = "en"\ninstitution = "Kota Zensical"\n', encoding="utf-8")
    cfg = load_site_config(str(tmp_path / "zensical.toml"))
    html = PreviewPage(cfg, str(tmp_path / PAGE), cfg.language).render().document
    assert '<html lang="en">' in html and "Kota Zensical" in html and "SOP Name" in html
    assert 'class="admonition note"' in html and 'href="../b/#sop-b-2-2025"' in html


@pytest.mark.parametrize("setting, says", [
    ("labels: x", "`labels: x` tidak sesuai jenisnya"), ("limits: [1]", "`limits: [1]` tidak sesuai jenisnya"),
    ("logo: 5", "`logo: 5` tidak sesuai jenisnya"), ("today: kemarin", "`today: kemarin` bukan tanggal"),
    ("limits: {max_steps: -1}", "max_steps"), ("labels: {bukan_label: X}", "bukan_label"),
])
def test_a_setting_the_site_would_refuse_is_a_message_not_a_traceback(site, runner, setting, says):
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("today: 2025-01-01", setting), encoding="utf-8")
    result = runner.invoke(main, ["preview", PAGE])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)  # a usage error, not a crash
    assert says in result.stderr and "mkdocs.yml: sop:" in result.stderr
