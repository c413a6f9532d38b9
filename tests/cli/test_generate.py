"""`mkdocs-sop generate`: the catalogue step on its own (for Zensical and any generator)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_fixtures import BROKEN_EXPECTED, SAMPLES, env_without_color

from cli_fixtures import broken_site, runner  # noqa: F401 - fixtures
from mkdocs_sop.catalogue.site import MANIFEST
from mkdocs_sop.cli import main

CONFIG = """\
site_name: Uji Generate
plugins:
  - sop:
      institution: Pemerintah Kota Contoh
      diagram: false
      today: 2024-01-01
"""


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    shutil.copytree(SAMPLES / "disdukcapil", tmp_path / "docs" / "disdukcapil")
    (tmp_path / "docs" / "index.md").write_text("# Beranda\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path



def test_writes_catalogue_pages_exports_and_assets_into_the_docs_folder(runner, site):
    result = runner.invoke(main, ["generate"])
    assert result.exit_code == 0, result.output
    docs = site / "docs"
    for name in ("katalog/index.md", "katalog/unit/index.md", "sop.json", "sop.csv", "sop.schema.json",
                 "assets/mkdocs-sop/sop.css", "assets/mkdocs-sop/sop-catalogue.js", MANIFEST):
        assert (docs / name).is_file(), name
    data = json.loads((docs / "sop.json").read_text(encoding="utf-8"))
    assert data["site"]["name"] == "Uji Generate" and len(data["sops"]) > 5
    listed = set((docs / MANIFEST).read_text(encoding="utf-8").splitlines())
    assert {"katalog/index.md", "sop.json", "assets/mkdocs-sop/sop.css"} <= listed
    # the overview links the SOP pages' source files, relative to its own (a Markdown link)
    overview = (docs / "katalog" / "index.md").read_text(encoding="utf-8")
    assert "](../disdukcapil/" in overview and ".md#sop-" in overview


def test_a_second_run_writes_nothing_when_nothing_changed(runner, site):
    assert runner.invoke(main, ["generate", "-q"]).exit_code == 0
    docs = site / "docs"
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    time.sleep(0.05)
    result = runner.invoke(main, ["generate"])
    assert result.exit_code == 0
    assert "0 berubah" in result.stderr
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()} == before
    # one SOP renamed: its page in the catalogue changes, the assets do not
    page = next((docs / "disdukcapil").rglob("akta-kelahiran.md"))
    page.write_text(page.read_text(encoding="utf-8").replace("nama: ", "nama: Baru ", 1), encoding="utf-8")
    assert runner.invoke(main, ["generate", "-q"]).exit_code == 0
    after = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    changed = {p.relative_to(docs).as_posix() for p in after if after[p] != before.get(p)}
    assert "katalog/index.md" in changed and "sop.json" in changed
    assert not any(name.startswith("assets/") for name in changed)


def test_errors_exit_1_with_the_messages_of_lint(runner, broken_site):
    generated = runner.invoke(main, ["generate", "-q"])
    assert generated.exit_code == 1
    assert [line for line in generated.stdout.splitlines() if line in BROKEN_EXPECTED] == \
        [line for line in BROKEN_EXPECTED if "error:" in line] + [line for line in BROKEN_EXPECTED if "error:" not in line]
    assert generated.stdout == runner.invoke(main, ["lint", "-q"]).stdout
    assert (broken_site / "docs" / "sop.json").is_file()  # written anyway: a preview still works


def test_the_mkdocs_plugin_replaces_what_generate_wrote_without_a_word(runner, site):
    assert runner.invoke(main, ["generate", "-q"]).exit_code == 0
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site,
                          env=env_without_color(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "already has" not in proc.stderr
    built = (site / "site" / "katalog" / "index.html").read_text(encoding="utf-8")
    assert 'href="../disdukcapil/' in built  # the plugin's own page: links from the page's URL
    assert (site / "site" / "sop.json").read_bytes() == (site / "docs" / "sop.json").read_bytes()


def test_watch_generates_again_after_a_saved_page(site):
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs_sop", "generate", "--watch", "-q"], cwd=site,
                            env=env_without_color(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        overview = site / "docs" / "katalog" / "index.md"
        deadline = time.monotonic() + 120
        while not overview.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert overview.is_file()
        time.sleep(1)  # the watcher is running once the first round is written
        page = next((site / "docs" / "disdukcapil").rglob("akta-kelahiran.md"))
        page.write_text(page.read_text(encoding="utf-8").replace("nama: ", "nama: Disimpan Ulang ", 1),
                        encoding="utf-8")
        while "Disimpan Ulang" not in overview.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "Disimpan Ulang" in overview.read_text(encoding="utf-8")
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def test_writes_unit_landing_pages_the_form_and_the_monitoring_pages(runner, site):
    shutil.copytree(SAMPLES / "disdukcapil" / "monev", site / "docs" / "disdukcapil" / "monev", dirs_exist_ok=True)
    result = runner.invoke(main, ["generate"])
    assert result.exit_code == 0, result.output
    docs = site / "docs"
    # each folder holding SOPs without an index page gets one, named after its unit
    landing = (docs / "disdukcapil" / "pendaftaran-penduduk" / "index.md").read_text(encoding="utf-8")
    assert landing.startswith('---\ntitle: "Bidang Pelayanan Pendaftaran Penduduk"\n---\n')
    assert "](penerbitan-kk-baru.md#sop-" in landing
    # the form (on by default, as under the plugin) and its scripts
    assert 'class="sop-form"' in (docs / "formulir-sop.md").read_text(encoding="utf-8")
    assert (docs / "assets" / "mkdocs-sop" / "form" / "sop-form.js").is_file()
    # the monitoring/evaluation pages, from the records of the docs folder
    monev = (docs / "katalog" / "monev" / "index.md").read_text(encoding="utf-8")
    assert "Disdukcapil" in monev or "Kependudukan" in monev
    listed = set((docs / MANIFEST).read_text(encoding="utf-8").splitlines())
    assert {"disdukcapil/pendaftaran-penduduk/index.md", "formulir-sop.md", "katalog/monev/index.md"} <= listed
    # run again: its own landing pages are not taken for hand-written ones, nothing changes
    again = runner.invoke(main, ["generate"])
    assert again.exit_code == 0 and "0 berubah" in again.stderr, again.stderr


def test_a_hand_written_index_page_is_kept(runner, site):
    own = site / "docs" / "disdukcapil" / "pendaftaran-penduduk" / "index.md"
    own.write_text("# Pendaftaran (buatan sendiri)\n", encoding="utf-8")
    assert runner.invoke(main, ["generate", "-q"]).exit_code == 0
    assert own.read_text(encoding="utf-8") == "# Pendaftaran (buatan sendiri)\n"
    listed = (site / "docs" / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert "disdukcapil/pendaftaran-penduduk/index.md" not in listed
    assert "disdukcapil/pencatatan-sipil/index.md" in listed  # its sibling still gets one


def test_a_site_template_changes_the_generated_page(runner, site):
    folder = site / "templat" / "catalogue"
    folder.mkdir(parents=True)
    (folder / "review.md.jinja").write_text(
        '{% extends "mkdocs_sop/catalogue/review.md.jinja" %}\n'
        '{% block nav %}<p class="catatan">Ditinjau oleh Bagian Organisasi.</p>\n\n{% endblock %}\n',
        encoding="utf-8")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "      templates_dir: templat\n", encoding="utf-8")
    assert runner.invoke(main, ["generate", "-q"]).exit_code == 0
    review = (site / "docs" / "katalog" / "peninjauan.md").read_text(encoding="utf-8")
    assert '<p class="catatan">Ditinjau oleh Bagian Organisasi.</p>' in review
    assert 'class="sop-cat-nav"' not in review and "sop-cat-review" in review
    # a folder that does not exist is a usage error naming it
    config.write_text(config.read_text(encoding="utf-8").replace("templat\n", "hilang\n"), encoding="utf-8")
    missing = runner.invoke(main, ["generate", "-q"])
    assert missing.exit_code == 2 and "templates_dir: hilang" in missing.output


def test_one_walker_for_the_command_line_and_the_extension_under_zensical(site):
    from mkdocs_sop.catalogue.site import docs_sources
    from mkdocs_sop.cli.config import find_config
    from mkdocs_sop.cli.sources import walk_sources

    docs = site / "docs"
    for hidden in (".draf/a.md", "templates/b.md", "disdukcapil/.c.md"):  # left out by every generator
        (docs / hidden).parent.mkdir(parents=True, exist_ok=True)
        (docs / hidden).write_text("# x\n", encoding="utf-8")
    (docs / "disdukcapil" / "2026.monitoring.yml").write_text("x: 1\n", encoding="utf-8")
    found = docs_sources(str(docs))
    assert [s.page for s in walk_sources([str(docs)], find_config(None))] == [p.src_uri for p in found]
    names = [p.src_uri for p in found]
    assert names[0] == "index.md" and "disdukcapil/2026.monitoring.yml" in names
    assert not any(n.startswith((".draf/", "templates/")) or "/." in n for n in names)
    assert all(p.record == p.src_uri.endswith(".yml") for p in found)


def test_warns_when_the_site_lists_extensions_without_those_the_pages_need(runner, site):
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "markdown_extensions:\n  - attr_list\n  - tables\n  - mkdocs_sop\n",
                      encoding="utf-8")
    result = runner.invoke(main, ["generate", "-q"])
    assert result.exit_code == 0
    assert "mkdocs.yml: peringatan: markdown_extensions tidak memuat `md_in_html`" in result.stderr
    config.write_text(config.read_text(encoding="utf-8") + "  - md_in_html\n", encoding="utf-8")
    assert "peringatan" not in runner.invoke(main, ["generate", "-q"]).stderr


def test_warns_when_the_sop_extension_is_not_listed_for_zensical(runner, site):
    """A MkDocs config with only the plugin: Zensical would show every sop block as code."""
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "markdown_extensions:\n  - attr_list\n  - md_in_html\n", encoding="utf-8")
    result = runner.invoke(main, ["generate", "-q"])
    assert result.exit_code == 0
    assert ("mkdocs.yml: peringatan: markdown_extensions tidak memuat `mkdocs_sop`; Zensical (yang melewati "
            "plugin MkDocs) akan menampilkan setiap blok `sop` sebagai kode") in result.stderr
    config.write_text(text + "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - mkdocs_sop:\n"
                      "      institution: Kota Uji\n", encoding="utf-8")
    assert "peringatan" not in runner.invoke(main, ["generate", "-q"]).stderr
