"""`mkdocs-sop import`: the report on standard output, a summary on standard error, exit status."""

from __future__ import annotations

from click.testing import CliRunner

from mkdocs_sop.cli import main

from office_fixtures import DocxBuilder, kartu_keluarga


def test_import_writes_pages_prints_the_report_and_exits_0(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    DocxBuilder().cover().sop(kartu_keluarga(page_break_after=5)).save(tmp_path / "kk.docx")
    result = CliRunner().invoke(main, ["import", "kk.docx", "-o", "impor"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [
        "kk.docx: 1 SOP",
        "  1 tabel yang bukan identitas atau diagram alir dilewati (tabel 1)",
        "  impor/penerbitan-kartu-keluarga-baru.md: 470/SOP-PDP/001/2024 Penerbitan Kartu Keluarga Baru (9 langkah)",
    ]
    assert "    lint: 0 kesalahan, 0 peringatan, semuanya di baris bertanda" in result.stdout
    assert result.stderr == ("1 halaman ditulis ke impor; 0 berkas tidak dapat diimpor, 0 halaman sudah ada.\n")
    assert (tmp_path / "impor" / "penerbitan-kartu-keluarga-baru.md").is_file()
    lint = CliRunner().invoke(main, ["lint", "impor"])
    assert lint.exit_code == 0, lint.output


def test_bad_file_exits_1_and_existing_page_is_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    DocxBuilder().sop(kartu_keluarga()).save(tmp_path / "kk.docx")
    (tmp_path / "catatan.docx").write_text("bukan Word")
    first = CliRunner().invoke(main, ["import", "kk.docx", "catatan.docx", "-o", "impor", "--lang", "en"])
    assert first.exit_code == 1
    assert "catatan.docx: not a Word (.docx) or Excel (.xlsx) file\n" in first.stdout
    assert first.stderr == "1 page(s) written to impor; 1 file(s) could not be imported, 0 page(s) already existed.\n"
    page = tmp_path / "impor" / "penerbitan-kartu-keluarga-baru.md"
    page.write_text("disunting\n")
    again = CliRunner().invoke(main, ["import", "kk.docx", "-o", "impor"])
    assert again.exit_code == 1
    assert page.read_text() == "disunting\n"


def test_import_needs_an_output_folder():
    result = CliRunner().invoke(main, ["import", "kk.docx"])
    assert result.exit_code == 2
    assert "Kesalahan: Opsi '-o' / '--output' belum diisi." in result.output
