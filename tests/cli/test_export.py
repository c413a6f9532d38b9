"""`mkdocs-sop export`: the site's sop.json / sop.csv, without building the site."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest
from cli_fixtures import SAMPLES, env_without_color

from cli_fixtures import broken_site, runner  # noqa: F401 - fixtures
from mkdocs_sop.cli import main
from mkdocs_sop.catalogue.export import CSV_COLUMNS

CONFIG = """\
site_name: Uji Ekspor
site_url: https://sop.example.go.id/
docs_dir: halaman
plugins:
  - sop:
      institution: Pemerintah Kota Contoh
      include_drafts: true
      diagram: false
      catalogue: false
"""


AWKWARD_PAGE = """\
# Pengaduan

```sop
nomor: 900/SOP/UJI/1
nama: Penanganan Pengaduan
unit: Bagian Umum
pelaksana: [Petugas]
langkah:
  - kegiatan: Mencatat pengaduan
    pelaksana: Petugas
```
"""


@pytest.fixture
def export_site(tmp_path, monkeypatch):
    shutil.copytree(SAMPLES / "disdukcapil", tmp_path / "halaman" / "disdukcapil")
    (tmp_path / "halaman" / "index.md").write_text("# Beranda\n", encoding="utf-8")
    # A folder and file name with a space and a non-ASCII letter: its URL is percent-quoted.
    awkward = tmp_path / "halaman" / "Layanan umum" / "Pengaduan Wärga.md"
    awkward.parent.mkdir()
    awkward.write_text(AWKWARD_PAGE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_json_shape(runner, export_site):
    result = runner.invoke(main, ["export"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["site"] == {"name": "Uji Ekspor", "url": "https://sop.example.go.id/", "language": "id",
                            "include_drafts": True}
    assert data["count"] == len(data["sops"]) > 5
    first = next(s for s in data["sops"] if s["source"].startswith("disdukcapil/"))
    assert first["url"].startswith("disdukcapil/") and first["absolute_url"].startswith("https://")
    assert first["source"].startswith("disdukcapil/") and first["source"].endswith(".md")


def test_urls_are_quoted_as_the_site_serves_them(runner, export_site):
    data = json.loads(runner.invoke(main, ["export"]).stdout)
    (awkward,) = [s for s in data["sops"] if s["nomor"] == "900/SOP/UJI/1"]
    assert awkward["source"] == "Layanan umum/Pengaduan Wärga.md"
    assert awkward["url"].startswith("Layanan%20umum/Pengaduan%20W%C3%A4rga/#")
    assert awkward["absolute_url"].startswith("https://sop.example.go.id/Layanan%20umum/Pengaduan%20W%C3%A4rga/#")


def test_drafts_follow_the_flag(runner, export_site):
    with_drafts = json.loads(runner.invoke(main, ["export"]).stdout)["count"]
    without = json.loads(runner.invoke(main, ["export", "--no-include-drafts"]).stdout)["count"]
    assert without < with_drafts


def test_csv_to_a_file(runner, export_site):
    result = runner.invoke(main, ["export", "--format", "csv", "-o", "sop.csv"])
    assert result.exit_code == 0 and result.stdout == ""
    raw = (export_site / "sop.csv").read_bytes()
    assert b"\r\n" in raw and b"\r\r\n" not in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) > 5


def test_errors_are_noted_on_stderr(runner, broken_site):
    result = runner.invoke(main, ["export"])
    assert result.exit_code == 0
    assert result.stderr == ("catatan: ada 5 kesalahan dalam SOP; SOP yang mengandung kesalahan tidak ikut, "
                             "sama seperti di situs. Jalankan `mkdocs-sop lint` untuk melihatnya.\n")
    assert [s["nomor"] for s in json.loads(result.stdout)["sops"]] == ["A/1"]
    english = runner.invoke(main, ["export", "--lang", "en"])
    assert english.exit_code == 0
    assert english.stderr == ("note: 5 error(s) in the SOPs; SOPs with errors are left out, as the site leaves "
                              "them out. Run `mkdocs-sop lint` to see them.\n")
    assert english.stdout == result.stdout  # --lang changes the note, not the data


@pytest.mark.site
def test_identical_to_the_built_site(runner, export_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("built")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=export_site,
                           capture_output=True, text=True, env=env_without_color(), timeout=300)
    assert build.returncode == 0, build.stderr
    runner.invoke(main, ["export", "-o", "cli.json"])
    runner.invoke(main, ["export", "--format", "csv", "-o", "cli.csv"])
    assert (export_site / "cli.json").read_bytes() == (out / "sop.json").read_bytes()
    assert (export_site / "cli.csv").read_bytes() == (out / "sop.csv").read_bytes()
    # the plugin publishes the schema next to them
    assert (out / "sop.schema.json").read_text(encoding="utf-8") == runner.invoke(main, ["schema"]).stdout
