"""Reading the two tables from a grid of cells: label variants, value placements, approval
blocks, list items, header shapes. Grids are built directly here (fast, no Office file)."""

from __future__ import annotations

import subprocess
import sys

from mkdocs_sop.importers.draft import DraftSop
from mkdocs_sop.importers.flowtable import Role, is_header_row, read_header
from mkdocs_sop.importers.grid import Cell, Grid
from mkdocs_sop.importers.identity import read_approval, read_identity
from mkdocs_sop.importers.text import list_items


def grid(rows: list[list[str]]) -> Grid:
    """A grid without merges; ``"<"`` repeats the cell to the left (a horizontal merge)."""
    cells: list[list[Cell | None]] = []
    for r, row in enumerate(rows):
        out: list[Cell | None] = []
        for c, text in enumerate(row):
            if text == "<" and out:
                left = out[-1]
                merged = Cell(left.row, left.col, left.paragraphs, 1, left.colspan + 1)
                out = [merged if x is left else x for x in out] + [merged]
            else:
                out.append(Cell(r, c, tuple(text.split("\n"))))
        cells.append(out)
    n_cols = max(len(r) for r in rows)
    return Grid("tabel 1", cells, [float(i) for i in range(n_cols + 1)], [float(i) for i in range(len(rows) + 1)])


def identity(rows) -> DraftSop:
    draft = DraftSop()
    g = grid(rows)
    read_identity(g, 0, g.n_rows, draft, "id")
    return draft


def test_values_after_a_colon_cell_or_in_the_same_cell():
    draft = identity([
        ["PEMERINTAH KABUPATEN CONTOH\nSEKRETARIAT DPRD", "No. SOP", ":", "100/SOP/01"],
        ["", "Tgl. Pembuatan : 14 Juni 2012", "", ""],
        ["", "Disahkan oleh", ":", "Sekretaris DPRD"],
        ["", "Judul SOP", ":", "Rapat Paripurna"],
    ])
    assert draft.identity["nomor"] == "100/SOP/01"
    assert draft.identity["tanggal_pembuatan"] == "14 Juni 2012"
    assert draft.identity["disahkan_oleh"] == {"jabatan": "Sekretaris DPRD"}
    assert draft.identity["nama"] == "Rapat Paripurna"
    assert draft.identity["instansi"] == "PEMERINTAH KABUPATEN CONTOH"
    assert draft.identity["unit"] == "SEKRETARIAT DPRD"


def test_paired_sections_below_their_labels_and_extra_rows():
    draft = identity([
        ["", "Nomor SOP", "7/SOP"],
        ["Unit X", "Nama SOP", "Cuti"],
        ["", "Waktu Pemrosesan", "3 hari kerja"],
        ["Dasar Hukum:", "Kualifikasi Pelaksana:", "<"],
        ["1. UU 5/2014\n   tentang ASN;\n2. PP 11/2017", "-", "<"],
    ])
    assert draft.identity["dasar_hukum"] == ["UU 5/2014 tentang ASN;", "PP 11/2017"]
    assert "kualifikasi_pelaksana" not in draft.identity  # written "-"
    assert draft.identity["tambahan"] == {"Waktu Pemrosesan": "3 hari kerja"}


def test_approval_block_lines():
    draft = DraftSop()
    assert read_approval(["KEPALA BADAN KEPEGAWAIAN", "", "TTD", "", "Ir. SITI AMINAH, M.T.",
                          "Pembina Tingkat I (IV/b)", "NIP: 19750101 200003 2 001"], draft, "id") == {
        "jabatan": "KEPALA BADAN KEPEGAWAIAN", "nama": "Ir. SITI AMINAH, M.T.",
        "pangkat": "Pembina Tingkat I (IV/b)", "nip": "19750101 200003 2 001"}
    assert read_approval(["Kepala Dinas", "NIP. 1970"], DraftSop(), "id") == {"jabatan": "Kepala Dinas",
                                                                           "nip": "1970"}


def test_list_items_keep_unnumbered_paragraphs_as_items():
    assert list_items(["Komputer", "Printer", "", "-"]) == ["Komputer", "Printer"]
    assert list_items(["a. Formulir;", "b. KTP;", "asli dan fotokopi"]) == ["Formulir;", "KTP; asli dan fotokopi"]


def test_header_without_pelaksana_group_reads_the_columns_between_as_actors():
    g = grid([
        ["NO", "AKTIVITAS", "Pemohon", "Petugas", "WAKTU", "OUTPUT", "KET"],
        ["1", "Mengisi formulir", "X", "", "5 menit", "Formulir", ""],
    ])
    assert is_header_row(g, 0)
    table = read_header(g, 0, g.n_rows)
    assert table.roles == [Role.NO, Role.KEGIATAN, Role.ACTOR, Role.ACTOR, Role.WAKTU, Role.OUTPUT, Role.KETERANGAN]
    assert table.actors == ["Pemohon", "Petugas"] and table.implicit_actors
    assert table.step_rows() == [(1, 2)]


def test_the_importer_loads_no_site_generator():
    code = ("import sys, mkdocs_sop.importers, mkdocs_sop.importers.docx, mkdocs_sop.importers.xlsx; "
            "print(sorted(m for m in ('mkdocs', 'markdown', 'click') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
