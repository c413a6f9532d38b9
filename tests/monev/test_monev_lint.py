"""`mkdocs-sop lint` checks the monitoring and evaluation records with the build's verdicts."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from mkdocs_sop.cli import main

from monev_support import ROOT


def _site(tmp_path):
    shutil.copytree(ROOT / "sops", tmp_path / "sops", ignore=shutil.ignore_patterns("panduan"))
    return tmp_path / "sops"


def test_the_sample_records_lint_clean(tmp_path, monkeypatch):
    docs = _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "--format", "json", str(docs.name)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["diagnostics"] == []


def test_bad_records_fail_lint_with_file_and_line(tmp_path, monkeypatch):
    docs = _site(tmp_path)
    (docs / "dpmptsp" / "monev" / "rapat.evaluasi.yml").write_text(
        "tanggal: 2026-09-01\nhasil:\n  - sop: SOP/DPMPTSP/PRZ/001\n    kriteria:\n      sinergi: ya\n"
        "    keputusan: tetap\n  - sop: SOP/DPMPTSP/PRZ/009\n    kriteria:\n"
        + "".join(f"      {c}: ya\n" for c in ("mendorong_kinerja", "mudah_dipahami", "mudah_dilaksanakan",
                                                 "peran_jelas", "mengatasi_masalah", "menjawab_kebutuhan", "sinergi"))
        + "    keputusan: tetap\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "sops"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "rapat.evaluasi.yml" in line]
    assert lines[0].startswith("sops/dpmptsp/monev/rapat.evaluasi.yml:4: error: `hasil[1].kriteria`: kriteria belum "
                               "diisi: `mendorong_kinerja`")
    assert lines[0].endswith("[criterion-missing]")
    assert lines[1].startswith("sops/dpmptsp/monev/rapat.evaluasi.yml:7: error: `hasil[2].sop`: SOP "
                               "`SOP/DPMPTSP/PRZ/009` tidak ada di situs ini")


def test_export_carries_the_latest_monitoring_and_evaluation(tmp_path, monkeypatch):
    docs = _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", str(docs.name)])
    assert result.exit_code == 0, result.output
    sops = {s["nomor"]: s for s in json.loads(result.output)["sops"]}
    pindah = sops["470/SOP-PDP/005/2024"]
    assert pindah["monitoring_terakhir"]["periode"] == "2026-S2"
    assert pindah["monitoring_terakhir"]["penilaian"] == "tidak-baik"
    assert pindah["evaluasi_terakhir"]["keputusan"] == "revisi" and pindah["evaluasi_terakhir"]["kriteria_terpenuhi"] == 4
    assert sops["470/SOP-PDP/002/2024"]["evaluasi_terakhir"] is None
