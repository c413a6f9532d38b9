"""Whole-site builds with issue 10's reproducers: one bad block never stops the site.

Every input below once aborted ``mkdocs build`` with a traceback, no site written and no
page named. Here they sit on pages of one site next to a good SOP: the build finishes,
every page is written, each bad block is an error box on its own page, every message
names the file and line, and the catalogue (review dates included) is complete.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.site

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from test_robustness import REPRODUCERS, anchors_bomb  # noqa: E402
from test_site_build import good  # noqa: E402

# an SOP with the common "no end date" placeholder, which once broke the review page
GOOD = "# Baik\n\n" + good("BAIK/1", "Prosedur Baik").replace("unit: Dinas Contoh\n",
                                                                "unit: Dinas Contoh\ntanggal_efektif: 9999-12-31\n")


def bad_page(name: str, block: str) -> str:
    # a distinct nomor per page, so the only site-wide error is the duplicate below
    return f"# {name}\n\nSebelum.\n\n```sop\n{block.replace('R/1', 'R/' + name)}```\n\nSesudah.\n"


def build(root: Path, pages: dict[str, str], plugin: dict | None = None, strict: bool = False):
    docs = root / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = {"site_name": "Uji", "theme": {"name": "material"}, "docs_dir": "docs", "site_dir": "site",
              "plugins": [{"sop": {"cache": False, "diagram": True, "today": "2025-01-01", "fail_on_error": False,
                                   **(plugin or {})}}]}
    (root / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")] + (["--strict"] if strict else [])
    return subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("robust")
    pages = {"index.md": "# Beranda\n", "baik.md": GOOD, "kembar.md": GOOD.replace("Prosedur Baik", "Kembar")}
    pages |= {f"buruk/{name}.md": bad_page(name, block) for name, (block, _) in REPRODUCERS.items()}
    pages["buruk/anchors-bomb.md"] = bad_page("bomb", anchors_bomb(8))
    proc = build(root, pages)
    return root, pages, proc


def test_the_build_finishes_and_writes_every_page(hostile_site):
    root, pages, proc = hostile_site
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr and "internal-error" not in proc.stderr
    for name in pages:
        html = root / "site" / name.replace("index.md", "").replace(".md", "/") / "index.html"
        assert html.exists(), name
    assert (root / "site" / "katalog" / "peninjauan" / "index.html").exists()


def test_each_bad_block_is_an_error_box_on_its_page_with_a_located_message(hostile_site):
    root, pages, proc = hostile_site
    log = proc.stderr
    for name, (_, code) in REPRODUCERS.items():
        html = (root / "site" / "buruk" / name / "index.html").read_text("utf-8")
        assert "<p>Sebelum.</p>" in html and "<p>Sesudah.</p>" in html, name
        if code is None:
            assert 'class="sop-error' not in html, name
            continue
        assert 'class="sop-error' in html and f"[{code}]" in html, name
        assert re.search(rf"docs/buruk/{re.escape(name)}\.md:\d+(:\d+)?: error: .*\[{code}\]", log), name
    assert re.search(r"docs/buruk/anchors-bomb\.md:\d+(:\d+)?: error: .*\[limit-yaml-nodes\]", log)


def test_every_message_names_a_file_and_line(hostile_site):
    _, _, proc = hostile_site
    lines = [line for line in proc.stderr.splitlines() if "mkdocs_sop:" in line]
    assert lines
    for line in lines:
        assert re.search(r"mkdocs_sop: (docs/\S+\.md):\d+(:\d+)?: (error|warning): ", line), line


def test_the_second_page_with_a_nomor_shows_an_error_box(hostile_site):
    root, _, proc = hostile_site
    first = (root / "site" / "baik" / "index.html").read_text("utf-8")
    second = (root / "site" / "kembar" / "index.html").read_text("utf-8")
    assert 'data-sop-nomor="BAIK/1"' in first and 'class="sop-error' not in first
    assert 'class="sop-error' in second and "[duplicate-nomor]" in second and "docs/baik.md" in second
    assert re.search(r"docs/kembar\.md:4: error: .*\[duplicate-nomor\]", proc.stderr)


def test_a_no_end_date_sop_is_in_the_review_page(hostile_site):
    root, _, _ = hostile_site
    review = (root / "site" / "katalog" / "peninjauan" / "index.html").read_text("utf-8")
    overview = (root / "site" / "katalog" / "index.html").read_text("utf-8")
    assert 'data-sop-nomor="R/no-end-date"' in overview  # in the catalogue
    assert "R/no-end-date" not in review and "BAIK/1" not in review  # due after 9999: never listed
    assert 'id="peninjauan-overdue"' in review


@pytest.mark.parametrize("folder", ["../../x", "/tmp/x", "a/../../x", "..\\x"])
def test_catalogue_dir_outside_the_site_is_refused(tmp_path, folder):
    proc = build(tmp_path, {"index.md": "# Beranda\n", "baik.md": GOOD}, {"catalogue_dir": folder})
    assert proc.returncode != 0
    assert f"`catalogue_dir: {folder}` must be a folder inside the site" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path.parent / "x").exists() and not (tmp_path / "x").exists()


def test_lint_reports_every_reproducer_as_a_finding_not_a_crash(hostile_site):
    """Lint crashed on the first four reproducers with the exit status of "errors found"."""
    from click.testing import CliRunner

    from mkdocs_sop.cli import main

    root, pages, _ = hostile_site
    result = CliRunner().invoke(main, ["lint", "-f", str(root / "mkdocs.yml"), str(root / "docs" / "buruk")])
    assert result.exit_code == 1, (result.exit_code, result.output[-2000:])  # findings: 1; a crash: 2
    assert "Traceback" not in result.output and "[internal-error]" not in result.output
    for name, (_, code) in REPRODUCERS.items():
        if code is not None:
            assert re.search(rf"buruk/{re.escape(name)}\.md:\d+(:\d+)?: error: .*\[{code}\]", result.output), name
