"""Bad files give one clear line and write nothing; pages are never overwritten; the YAML is
the layout `mkdocs-sop fmt` keeps; English output when asked."""

from __future__ import annotations

import zipfile

import pytest

from mkdocs_sop.importers import import_paths
from mkdocs_sop.importers.reader import CFB_SIGNATURE

from import_support import run_import
from office_fixtures import DocxBuilder, build_xlsx, kartu_keluarga


def _fmt():
    from mkdocs_sop.cli import format_text

    return format_text


def _identity_only(path):
    builder = DocxBuilder()
    builder.identity(kartu_keluarga())
    return builder.save(path)


def _no_tables(path):
    builder = DocxBuilder()
    builder.doc.add_paragraph("Surat biasa, tanpa tabel.")
    return builder.save(path)


def _zip_not_office(path):
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("catatan.txt", "bukan dokumen Word")
    return path


BAD = {
    "kosong.docx": (lambda p: p.write_bytes(b"") or p, "kosong.docx: berkasnya kosong"),
    "teks.docx": (lambda p: p.write_text("ini hanya teks") or p,
                  "teks.docx: bukan berkas Word (.docx) atau Excel (.xlsx)"),
    "arsip.docx": (_zip_not_office, "arsip.docx: bukan berkas Word (.docx) atau Excel (.xlsx)"),
    "rahasia.docx": (lambda p: p.write_bytes(CFB_SIGNATURE + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
                                             + b"\0" * 512) or p,
                     "rahasia.docx: dilindungi kata sandi: simpan salinan tanpa kata sandi dahulu"),
    "lama.doc": (lambda p: p.write_bytes(CFB_SIGNATURE + b"\0" * 1024) or p,
                 "lama.doc: berkas Word/Excel 97-2003 (.doc/.xls): buka lalu simpan sebagai .docx atau .xlsx dahulu"),
    "identitas.docx": (_identity_only,
                       "identitas.docx: tidak ditemukan tabel diagram alir (dengan kolom No, Kegiatan dan Pelaksana)"),
    "surat.docx": (_no_tables, "surat.docx: tidak ada tabel di dalamnya: identitas dan diagram alir SOP berupa tabel"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_gives_one_clear_line_and_writes_nothing(tmp_path, monkeypatch, name):
    make, line = BAD[name]
    monkeypatch.chdir(tmp_path)
    make(tmp_path / name)
    result = import_paths([name], "keluar")
    assert result.lines == [line]
    assert result.bad_files == 1 and not result.ok
    assert not (tmp_path / "keluar").exists()


def test_a_folder_is_searched_recursively_and_bad_files_do_not_stop_the_others(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "arsip" / "2023").mkdir(parents=True)
    DocxBuilder().sop(kartu_keluarga()).save(tmp_path / "arsip" / "2023" / "kk.docx")
    (tmp_path / "arsip" / "rusak.docx").write_text("rusak")
    (tmp_path / "arsip" / "~$kk.docx").write_text("berkas kunci Word")
    (tmp_path / "arsip" / "catatan.txt").write_text("bukan SOP")
    result = import_paths(["arsip"], "keluar")
    assert result.written == ["keluar/penerbitan-kartu-keluarga-baru.md"]
    assert "arsip/rusak.docx: bukan berkas Word (.docx) atau Excel (.xlsx)" in result.lines
    assert "arsip/2023/kk.docx: 1 SOP" in result.lines
    assert result.bad_files == 1


def test_existing_page_is_never_overwritten(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    DocxBuilder().sop(kartu_keluarga()).save(tmp_path / "kk.docx")
    (tmp_path / "keluar").mkdir()
    page = tmp_path / "keluar" / "penerbitan-kartu-keluarga-baru.md"
    page.write_text("suntingan editor\n")
    result = import_paths(["kk.docx"], "keluar")
    assert page.read_text() == "suntingan editor\n"
    assert ("  keluar/penerbitan-kartu-keluarga-baru.md sudah ada; tidak ditimpa (pindahkan berkas itu, atau impor "
            "ke folder lain)") in result.lines
    assert result.refused == 1 and not result.written


def test_two_sops_with_the_same_title_get_two_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    DocxBuilder().sop(kartu_keluarga()).sop(kartu_keluarga("470/SOP-PDP/009/2024")).save(tmp_path / "kk.docx")
    result = import_paths(["kk.docx"], "keluar")
    assert result.written == ["keluar/penerbitan-kartu-keluarga-baru.md", "keluar/penerbitan-kartu-keluarga-baru-2.md"]


@pytest.mark.parametrize("build", ["docx", "xlsx", "marks"])
def test_written_yaml_is_what_fmt_keeps(tmp_path, build):
    spec = kartu_keluarga()
    if build == "xlsx":
        source = build_xlsx(tmp_path / "sop.xlsx", spec)
    else:
        source = DocxBuilder("marks" if build == "marks" else "shapes").sop(spec).save(tmp_path / "sop.docx")
    text = run_import(source, tmp_path / "out").text()
    outcome = _fmt()(text)
    assert outcome.refused == [] and not outcome.changed


def test_english_report_and_comments(tmp_path):
    spec = kartu_keluarga()
    spec.branches = []
    imported = run_import(DocxBuilder().sop(spec).save(tmp_path / "kk.docx"), tmp_path / "out", language="en")
    assert "# CHECK: the \"Tidak\" branch could not be read from the drawing; write its target" in imported.text()
    assert "    needs a person:" in imported.lines
    assert "status: draf\n" in imported.text()


def test_numbering_gaps_and_odd_times_are_kept_and_flagged(tmp_path):
    spec = kartu_keluarga()
    spec.steps[4].number = "4"  # written twice in the source
    spec.steps[5].waktu = "menyesuaikan"
    text = run_import(DocxBuilder().sop(spec).save(tmp_path / "kk.docx"), tmp_path / "out").text()
    assert "  - kegiatan: Memverifikasi data  # PERIKSA: bernomor 4 di sumber, sesudah 4" in text
    assert ("    waktu: menyesuaikan  # PERIKSA: waktu \"menyesuaikan\" bukan lama waktu yang dapat dijumlahkan "
            "situs; ditulis apa adanya") in text
    assert "waktu: 30menit\n" in text  # read as 30 minutes by the site: kept as written, no flag
