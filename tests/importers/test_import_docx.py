"""Word and Excel SOPs in the regulation's layout import to pages that lint clean and render like
their source: the same actors in the same columns, the same symbols, the same branches, the same text."""

from __future__ import annotations

import pytest

from import_support import expected_symbols, lint, render, rendered_steps, run_import
from office_fixtures import Branch, DocxBuilder, StepSpec, build_xlsx, kartu_keluarga


def _check_like_source(imported, spec, page_index: int = 0) -> None:
    page = imported.pages[page_index]
    steps = rendered_steps(render(page))
    assert [s.actors for s in steps] == [tuple(spec.actors[a] for a in st.actors) for st in spec.steps]
    assert [s.symbol for s in steps] == expected_symbols(spec)
    text = page.read_text(encoding="utf-8")
    for step in spec.steps:
        assert f"kegiatan: {step.kegiatan}" in text
        assert f"waktu: {step.waktu}" in text
    branch_rows = {b.source for b in spec.branches}
    for number, step in enumerate(steps, start=1):
        if number in branch_rows:
            target = next(b.target for b in spec.branches if b.source == number)
            assert step.branches == (f"Ya: ke langkah {number + 1}", f"Tidak: ke langkah {target}")
        else:
            assert step.branches == ()


@pytest.mark.parametrize("mode", ["shapes", "vml", "group", "canvas", "page"])
def test_word_flowchart_imports_like_its_source(tmp_path, mode):
    spec = kartu_keluarga()
    source = DocxBuilder(mode).sop(spec).save(tmp_path / f"sop-{mode}.docx")
    imported = run_import(source, tmp_path / "out")
    assert len(imported.pages) == 1
    _check_like_source(imported, spec)
    result = lint(tmp_path / "out")
    assert result.errors == 0 and result.warnings == 0, [d.format() for d in result.diagnostics]
    assert 'cabang "Tidak" dibaca dari garis penghubung dan labelnya: ke langkah 1' in imported.report


def test_identity_table_with_merged_cells_is_read_field_by_field(tmp_path):
    source = DocxBuilder().sop(kartu_keluarga()).save(tmp_path / "kk.docx")
    text = run_import(source, tmp_path / "out").text()
    assert "nomor: 470/SOP-PDP/001/2024\n" in text
    assert "instansi: PEMERINTAH KOTA CONTOH" in text  # the first line of the unit cell under the logo
    assert "unit:\n  - DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL\n  - BIDANG PELAYANAN PENDAFTARAN PENDUDUK\n" in text
    assert "tanggal_pembuatan: 2 Januari 2023\n" in text
    assert "tanggal_revisi" not in text  # written "-" in the source
    assert ("disahkan_oleh:  # DITEBAK: blok pengesahan dipisah menjadi jabatan, nama, pangkat dan NIP menurut "
            "barisnya; periksa\n  jabatan: KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL\n"
            "  nama: Drs. BUDI SANTOSO, M.Si\n  pangkat: Pembina Utama Muda\n  nip: 19700312 199303 1 005\n") in text
    assert ("dasar_hukum:\n  - Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 "
            "Tahun 2006 tentang Administrasi Kependudukan;\n  - Peraturan Presiden Nomor 96") in text
    assert "peralatan_perlengkapan:\n  - Komputer dan printer;\n  - Jaringan SIAK;\n  - Blangko KK.\n" in text
    assert "pencatatan_pendataan:\n  - Buku register pelayanan; arsip berkas permohonan.\n" in text
    assert "status: draf\n" in text


def test_two_page_flowchart_joined_by_off_page_connectors(tmp_path):
    spec = kartu_keluarga(page_break_after=5)
    source = DocxBuilder().cover().sop(spec).save(tmp_path / "dua-halaman.docx")
    imported = run_import(source, tmp_path / "out")
    assert len(imported.pages) == 1
    _check_like_source(imported, spec)
    assert "berlanjut di tabel 4 (nomor berlanjut dari 6)" in imported.report
    assert 'konektor antarhalaman "A" dibaca sebagai alur yang berlanjut ke halaman berikut' in imported.report
    assert "lanjut:" not in imported.text()  # the page break is no jump: the flow just goes on


def test_file_with_cover_decree_and_two_sops_gives_two_pages(tmp_path):
    second = kartu_keluarga("470/SOP-PDP/002/2024")
    second.nama = "Perubahan Data Kependudukan"
    second.labels = {"nomor": "No. SOP", "pembuatan": "Tanggal Pembuatan", "revisi": "Tgl. Revisi",
                     "efektif": "Tanggal Efektif", "disahkan": "Disahkan Oleh", "nama": "Judul SOP"}
    source = DocxBuilder().cover().sop(kartu_keluarga()).sop(second).save(tmp_path / "dua-sop.docx")
    imported = run_import(source, tmp_path / "out")
    assert [p.name for p in imported.pages] == ["penerbitan-kartu-keluarga-baru.md", "perubahan-data-kependudukan.md"]
    assert "nomor: 470/SOP-PDP/002/2024\n" in imported.text(1)
    assert "nama: Perubahan Data Kependudukan\n" in imported.text(1)
    assert "1 tabel yang bukan identitas atau diagram alir dilewati (tabel 1)" in imported.report
    assert 'label "No. SOP" dibaca sebagai `nomor`' in imported.report
    result = lint(tmp_path / "out")
    assert result.errors == 0 and len(result.catalogue.entries) == 2


def test_text_mark_template_reads_actors_from_marks_and_invents_no_decision(tmp_path):
    spec = kartu_keluarga()
    spec.steps[1] = StepSpec("Berkas lengkap?", (1,), "decision", ("Berkas permohonan",), "10 menit", "Berkas lengkap",
                             mark="X")
    spec.steps[4].mark = "•"
    imported = run_import(DocxBuilder("marks").sop(spec).save(tmp_path / "tanda.docx"), tmp_path / "out")
    steps = rendered_steps(render(imported.pages[0]))
    assert [s.actors for s in steps] == [tuple(spec.actors[a] for a in st.actors) for st in spec.steps]
    text = imported.text()
    assert "keputusan:" not in text  # no symbol was drawn: the question stays a process step, flagged
    assert ("  - kegiatan: Berkas lengkap?  # PERIKSA: teksnya seperti pertanyaan tetapi tidak digambar simbol "
            "keputusan; tetap sebagai proses\n") in text
    assert "pelaksana dibaca dari tanda yang ditulis di kolom pelaksana (X • √)" in imported.report


def test_unclear_decision_gets_no_invented_target_and_lint_names_it(tmp_path):
    spec = kartu_keluarga()
    spec.branches = []  # the decision's "Tidak" line was never drawn
    imported = run_import(DocxBuilder().sop(spec).save(tmp_path / "tanpa-cabang.docx"), tmp_path / "out")
    text = imported.text()
    assert "tidak:" not in text
    line = ("  - kegiatan: Memeriksa kelengkapan berkas  # PERIKSA: cabang \"Tidak\" tidak terbaca dari gambar; "
            "tulis tujuannya")
    assert line in text.splitlines()
    number = text.splitlines().index(line) + 1
    result = lint(tmp_path / "out")
    assert [(d.line, d.code) for d in result.diagnostics if d.severity.value == "error"] == [(number, "decision-needs-tidak")]
    assert "keputusan: true\n" in text
    assert f"baris {number} `langkah[2]`: cabang" in imported.report


def test_unlabelled_branches_are_guessed_and_said_so(tmp_path):
    spec = kartu_keluarga()
    spec.branches = [Branch(2, 1, None)]
    spec.yes_label = False
    imported = run_import(DocxBuilder().sop(spec).save(tmp_path / "tanpa-label.docx"), tmp_path / "out")
    assert ('    tidak: 1  # DITEBAK: garis tanpa label: yang ke langkah berikut dianggap "Ya", yang ke langkah 1 '
            'dianggap "Tidak"') in imported.text().splitlines()
    assert lint(tmp_path / "out").errors == 0


def test_excel_sheets_with_shapes_and_with_a_pelaksana_column(tmp_path):
    spec = kartu_keluarga()
    second = kartu_keluarga("470/SOP-PDP/003/2024")
    second.nama = "Legalisir Dokumen"
    second.steps[3].mark = "sda"  # the actor column says "same as above"
    second.steps[3].actors = second.steps[2].actors
    imported = run_import(build_xlsx(tmp_path / "sop.xlsx", spec, second), tmp_path / "out")
    assert len(imported.pages) == 2
    _check_like_source(imported, spec)
    steps = rendered_steps(render(imported.pages[1]))
    assert [s.actors for s in steps] == [(second.actors[st.actors[0]],) for st in second.steps]
    assert ('    pelaksana: Petugas Loket  # DITEBAK: pelaksana ditulis "sda" (sama dengan di atas): diambil dari '
            'langkah 3') in imported.text(1).splitlines()
    assert lint(tmp_path / "out").errors == 0


def test_rows_without_fixed_heights_still_join_connectors_to_symbols(tmp_path):
    """Word sizes such rows itself: the importer estimates their heights and says so."""
    spec = kartu_keluarga()
    source = DocxBuilder(fixed_heights=False).sop(spec).save(tmp_path / "tinggi-bebas.docx")
    imported = run_import(source, tmp_path / "out")
    _check_like_source(imported, spec)
    assert ("      - baris di tabel 2 tidak bertinggi tetap: letak bentuk dihitung dari perkiraan tinggi baris"
            in imported.lines)
    assert lint(tmp_path / "out").errors == 0


def test_question_typed_in_the_diamond_becomes_the_decision_text(tmp_path):
    spec = kartu_keluarga()
    spec.steps[1].shape_text = "Lengkap?"
    text = run_import(DocxBuilder().sop(spec).save(tmp_path / "tanya.docx"), tmp_path / "out").text()
    assert "    keputusan: Lengkap?\n    tidak: 1\n" in text


def test_two_sops_one_below_the_other_in_one_excel_sheet(tmp_path):
    first, second = kartu_keluarga(), kartu_keluarga("470/SOP-PDP/004/2024")
    second.nama = "Pindah Datang"
    second.branches = [Branch(2, 1, "Tidak")]
    imported = run_import(build_xlsx(tmp_path / "dua.xlsx", first, second, same_sheet=True), tmp_path / "out")
    assert [p.name for p in imported.pages] == ["penerbitan-kartu-keluarga-baru.md", "pindah-datang.md"]
    _check_like_source(imported, first, 0)
    _check_like_source(imported, second, 1)
    assert lint(tmp_path / "out").errors == 0


def test_off_page_connector_without_partner_is_flagged_not_followed(tmp_path):
    spec = kartu_keluarga()
    builder = DocxBuilder()
    builder.identity(spec)
    builder.flowchart(spec, 0, len(spec.steps), continues=True)  # "A" at the end, never picked up again
    imported = run_import(builder.save(tmp_path / "sambung.docx"), tmp_path / "out")
    text = imported.text()
    assert ('  - kegiatan: Menerima KK  # PERIKSA: garis menuju konektor antarhalaman "A" yang tidak berpasangan di '
            'berkas ini; bila alur berlanjut ke SOP lain, tulis `lanjut: sop:<nomornya>`') in text.splitlines()
    assert "    lanjut:" not in text
