"""`mkdocs-sop new`: a page with every identity key, that lints clean and is already tidy."""

from __future__ import annotations

import datetime as dt

import pytest

from cli_fixtures import runner  # noqa: F401 - fixtures
from mkdocs_sop.cli import format_text, main, new_page
from mkdocs_sop.core.fences import find_blocks
from mkdocs_sop.core.parse import IDENTITY_KEYS, parse_block

FLAGS = ["--nomor", "470/SOP-PDP/010/2025", "--nama", "Penerbitan KTP-el", "--unit",
         "Dinas Kependudukan dan Pencatatan Sipil", "--unit", "Bidang Pelayanan", "--pelaksana",
         "Pemohon", "--pelaksana", "Petugas Loket", "--pelaksana", "Operator SIAK"]


def test_writes_a_page_that_lints_clean(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["new", "layanan/ktp.md", *FLAGS])
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Berkas layanan/ktp.md sudah dibuat. Lengkapi kunci-kunci yang diberi petunjuk, "
                             "lalu jalankan `mkdocs-sop lint layanan/ktp.md`.\n")
    text = (tmp_path / "layanan/ktp.md").read_text(encoding="utf-8")
    assert text.startswith("# Penerbitan KTP-el\n")
    lint = runner.invoke(main, ["lint", "layanan"])
    assert lint.exit_code == 0 and lint.stdout == "", lint.output
    assert runner.invoke(main, ["lint", "layanan", "--strict"]).exit_code == 0
    assert runner.invoke(main, ["fmt", "--check", "layanan"]).exit_code == 0  # already tidy


def test_every_identity_key_is_present_and_commented():
    text = new_page("N/1", "Nama", ["U"], ["A", "B"], today=dt.date(2025, 3, 1))
    body = find_blocks(text.splitlines())[0].body
    written = [line.split(":", 1)[0] for line in body.splitlines() if line and line[0].isalpha()]
    assert written == [key.name for key in IDENTITY_KEYS]
    for line in body.splitlines():
        if line and line[0].isalpha() and not line.startswith("pelaksana:"):
            assert "  # " in line, line
    result = parse_block(body)
    assert result.ok, result.diagnostics
    sop = result.sop
    assert sop.pelaksana == ("A", "B") and sop.status.value == "draf"
    assert len(sop.steps) == 3 and sum(s.decision for s in sop.steps) == 1
    assert str(sop.tanggal_pembuatan.date) == "2025-03-01"


@pytest.mark.parametrize("nomor, nama, unit, actors", [
    ("001", "Izin: Reklame #2", ["Dinas, Bidang"], ["Kepala Seksi: Perizinan"]),
    ("2024", "yes", ["- unit", "[bidang]"], ["no", "true", "null"]),
    ("'kutip'", "\"Ganda\"", ["@unit"], ["Pelaksana Tunggal"]),
])
def test_values_are_quoted_when_yaml_would_misread_them(nomor, nama, unit, actors):
    text = new_page(nomor, nama, unit, actors)
    result = parse_block(find_blocks(text.splitlines())[0].body)
    assert result.ok, result.diagnostics
    sop = result.sop
    assert (sop.nomor, sop.nama, sop.unit, sop.pelaksana) == (nomor, nama, tuple(unit), tuple(actors))
    assert not format_text(text).changed


def test_refuses_to_overwrite(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ada.md").write_text("milik orang lain\n", encoding="utf-8")
    result = runner.invoke(main, ["new", "ada.md", *FLAGS])
    assert result.exit_code == 1
    assert result.stderr == ("Kesalahan: Berkas ada.md sudah ada dan tidak ditimpa. Pilih nama berkas lain, atau "
                             "sunting halaman itu.\n")
    english = runner.invoke(main, ["new", "ada.md", "--lang", "en", *FLAGS])
    assert english.exit_code == 1
    assert english.stderr == ("Error: ada.md already exists; not overwritten. Choose another file name, or edit "
                              "that page.\n")
    assert (tmp_path / "ada.md").read_text(encoding="utf-8") == "milik orang lain\n"


def test_missing_values_without_a_terminal_is_a_usage_error(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["new", "x.md", "--nomor", "N/1", "--no-interactive"])
    assert result.exit_code == 2
    assert ("Kesalahan: --nama, --unit, --pelaksana belum diisi (atau jalankan perintah ini di terminal agar "
            "ditanyakan satu per satu).\n") in result.stderr
    english = runner.invoke(main, ["new", "x.md", "--nomor", "N/1", "--no-interactive", "--lang", "en"])
    assert english.exit_code == 2
    assert "Error: missing --nama, --unit, --pelaksana (or run it in a terminal to be asked).\n" in english.stderr
    empty = runner.invoke(main, ["new", "x.md", *FLAGS[:2], "--nama", " ", *FLAGS[4:]])
    assert empty.exit_code == 2 and "Kesalahan: --nama tidak boleh kosong.\n" in empty.stderr
    assert not (tmp_path / "x.md").exists()


def test_follows_the_language_of_the_site_here(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nplugins:\n  - sop:\n      language: en\n",
                                         encoding="utf-8")
    result = runner.invoke(main, ["new", "a.md", *FLAGS])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Wrote a.md. Fill in the commented keys, then run `mkdocs-sop lint a.md`.\n"
    again = runner.invoke(main, ["new", "b.md", "--lang", "id", *FLAGS])
    assert again.stdout.startswith("Berkas b.md sudah dibuat.")
    # the page itself is Indonesian either way
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == (tmp_path / "b.md").read_text(encoding="utf-8")


def test_asks_for_missing_values_interactively(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    required = "N/7\nPengaduan Masyarakat\nDinas A; Bidang B\nPelapor; Petugas\n"
    skipped = "\n" * 12  # instansi, copy? (Enter: no), the approver's four fields, six lists
    result = runner.invoke(main, ["new", "--interactive"], input=required + skipped + "\n")
    assert result.exit_code == 0, result.output
    assert "Nomor SOP (mis. 470/SOP-PDP/010/2025): " in result.output
    assert "Berkas [pengaduan-masyarakat.md]: " in result.output
    page = tmp_path / "pengaduan-masyarakat.md"
    sop = parse_block(find_blocks(page.read_text(encoding="utf-8").splitlines())[0].body).sop
    assert (sop.nomor, sop.unit, sop.pelaksana) == ("N/7", ("Dinas A", "Bidang B"), ("Pelapor", "Petugas"))
    assert sop.tanggal_pembuatan.date == dt.date.today()  # a brand-new SOP: dated today
    english = runner.invoke(main, ["new", "--interactive", "--lang", "en"], input=required + skipped + "b.md\n")
    assert english.exit_code == 0, english.output
    assert "SOP number (e.g. 470/SOP-PDP/010/2025): " in english.output
    assert "Is this a copy of an SOP that already exists (e.g. a signed paper SOP)? (yes/no) [no]: " in english.output
    assert "File [pengaduan-masyarakat.md]: " in english.output and (tmp_path / "b.md").exists()


TRANSCRIPT = [  # (question as printed, the editor's answer); "" is Enter
    ("Nomor SOP (mis. 470/SOP-PDP/010/2025)", "800/SOP-UMUM/003/2019"),
    ("Nama SOP (judul prosedur)", "Pengagendaan Surat Masuk"),
    ("Unit pemilik (bertingkat: pisahkan dengan ';', atas dulu)", "Sekretariat Daerah; Bagian Umum"),
    ("Pelaksana, kiri ke kanan (pisahkan dengan ';')",
     "Pengadministrasi Umum; Kepala Subbagian Tata Usaha; Kepala Bagian Umum; Sekretaris Daerah"),
    ("Instansi (kosong: memakai `institution` situs)", ""),
    ("Apakah ini salinan SOP yang sudah ada (mis. SOP kertas yang sudah disahkan)? (ya/tidak) [tidak]", "ya"),
    ("Tanggal pembuatan, seperti pada aslinya (mis. 14 Juni 2021)", "14 Juni 2019"),
    ("Tanggal revisi, seperti pada aslinya", ""),
    ("Tanggal efektif, seperti pada aslinya", "2 Januari 2020"),
    ("Disahkan oleh: jabatan (mis. Kepala Dinas ...)", "Sekretaris Daerah"),
    ("Disahkan oleh: nama", "Drs. Ahmad Fauzi, M.Si."),
    ("Disahkan oleh: pangkat (mis. Pembina Utama Muda (IV/c))", "Pembina Utama Madya (IV/d)"),
    ("Disahkan oleh: NIP", "197003121993031005"),
    ("Dasar hukum (pisahkan dengan ';')",
     "Peraturan Menteri PANRB Nomor 35 Tahun 2012; Peraturan Daerah Nomor 5 Tahun 2016"),
    ("Kualifikasi pelaksana (pisahkan dengan ';')", "Memahami tata naskah dinas"),
    ("Keterkaitan: nomor atau nama SOP lain (pisahkan dengan ';')", ""),
    ("Peralatan/perlengkapan (pisahkan dengan ';')", "Komputer; Buku agenda"),
    ("Peringatan: akibat bila SOP tidak dilaksanakan (pisahkan dengan ';')", "Surat terlambat diproses"),
    ("Pencatatan dan pendataan (pisahkan dengan ';')", "Buku agenda surat masuk"),
    ("Berkas [pengagendaan-surat-masuk.md]", "surat/agenda.md"),
]


def test_a_transcribed_sop_gets_every_identity_field_asked_and_no_invented_date(runner, tmp_path, monkeypatch):
    """An editor copying a signed paper SOP answers in Indonesian, skips what the paper lacks."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["new", "--interactive"], input="".join(a + "\n" for _, a in TRANSCRIPT))
    assert result.exit_code == 0, result.output
    printed = result.output.splitlines()
    assert printed[4] == ("Tekan Enter untuk melewati pertanyaan; kuncinya lalu dibiarkan kosong, dengan "
                          "petunjuknya.")
    asked = [line for i, line in enumerate(printed) if i != 4][:len(TRANSCRIPT)]
    assert asked == [f"{question}: {answer}" for question, answer in TRANSCRIPT]
    text = (tmp_path / "surat/agenda.md").read_text(encoding="utf-8")
    assert dt.date.today().isoformat() not in text
    sop = parse_block(find_blocks(text.splitlines())[0].body).sop
    assert (sop.tanggal_pembuatan.text, sop.tanggal_revisi, sop.tanggal_efektif.text) == (
        "14 Juni 2019", None, "2 Januari 2020")
    approval = sop.disahkan_oleh
    assert (approval.jabatan, approval.nama, approval.pangkat, approval.nip) == (
        "Sekretaris Daerah", "Drs. Ahmad Fauzi, M.Si.", "Pembina Utama Madya (IV/d)", "197003121993031005")
    assert sop.dasar_hukum == ("Peraturan Menteri PANRB Nomor 35 Tahun 2012", "Peraturan Daerah Nomor 5 Tahun 2016")
    assert sop.kualifikasi_pelaksana == ("Memahami tata naskah dinas",) and sop.keterkaitan == ()
    assert sop.peralatan_perlengkapan == ("Komputer", "Buku agenda")
    assert sop.peringatan == ("Surat terlambat diproses",)
    assert sop.pencatatan_pendataan == ("Buku agenda surat masuk",)
    assert "status: draf  # draf sampai salinan ini diperiksa sama dengan aslinya; lalu berlaku" in text
    lint = runner.invoke(main, ["lint", "--strict", "surat/agenda.md"])
    assert (lint.exit_code, lint.stdout) == (0, "")
    assert lint.stderr == "1 SOP dalam 1 berkas: 0 kesalahan, 0 peringatan.\n"


def test_a_yes_no_answer_that_is_neither_is_asked_again(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    answers = [a for _, a in TRANSCRIPT]
    answers[5:6] = ["mungkin", "t"]  # neither, then "t" for tidak: a new SOP, so no date questions
    del answers[7:10]
    result = runner.invoke(main, ["new", "--interactive"], input="".join(a + "\n" for a in answers))
    assert result.exit_code == 0, result.output
    assert "\n'mungkin': jawab ya atau tidak.\n" in result.output and "Error" not in result.output
    assert "Tanggal pembuatan" not in result.output
    sop = parse_block(find_blocks((tmp_path / "surat/agenda.md").read_text(encoding="utf-8").splitlines())[0].body).sop
    assert sop.tanggal_pembuatan.date == dt.date.today()


@pytest.mark.parametrize("transcribed, dated", [("--salinan", False), ("--baru", True), (None, True)])
def test_without_a_terminal_the_flag_says_whether_to_date_it(runner, tmp_path, monkeypatch, transcribed, dated):
    monkeypatch.chdir(tmp_path)
    flags = [transcribed] if transcribed else []
    assert runner.invoke(main, ["new", "a.md", *FLAGS, *flags]).exit_code == 0
    sop = parse_block(find_blocks((tmp_path / "a.md").read_text(encoding="utf-8").splitlines())[0].body).sop
    assert (sop.tanggal_pembuatan.date if sop.tanggal_pembuatan else None) == (dt.date.today() if dated else None)


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 7])
def test_every_actor_gets_a_step_so_the_page_lints_with_no_warning(runner, tmp_path, monkeypatch, count):
    """The docs promise a page that passes; an actor with no step would warn `actor-unused`."""
    monkeypatch.chdir(tmp_path)
    actors = [f"Pelaksana {i}" for i in range(1, count + 1)]
    flags = [*FLAGS[:8], *(x for a in actors for x in ("--pelaksana", a))]
    assert runner.invoke(main, ["new", "a.md", *flags]).exit_code == 0
    lint = runner.invoke(main, ["lint", "--strict", "a.md"])
    assert (lint.exit_code, lint.stdout) == (0, "")
    sop = parse_block(find_blocks((tmp_path / "a.md").read_text(encoding="utf-8").splitlines())[0].body).sop
    assert {a for s in sop.steps for a in s.pelaksana} == set(actors)
    assert not format_text((tmp_path / "a.md").read_text(encoding="utf-8")).changed  # already tidy


def test_a_sop_yaml_draft_gets_the_block_alone(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, ["new", "draf.sop.yaml", *FLAGS]).exit_code == 0
    text = (tmp_path / "draf.sop.yaml").read_text(encoding="utf-8")
    assert text.startswith("nomor: 470/SOP-PDP/010/2025  # ") and "```" not in text
    lint = runner.invoke(main, ["lint", "draf.sop.yaml"])
    assert lint.exit_code == 0 and lint.stdout == ""
    fmt = runner.invoke(main, ["fmt", "--check", "draf.sop.yaml"])
    assert fmt.exit_code == 0 and fmt.stdout == ""
