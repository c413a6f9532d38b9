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
