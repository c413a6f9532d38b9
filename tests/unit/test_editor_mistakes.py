"""Every typing mistake the editors' trial (issue 17) made, each reported at the line to fix.

The page is a paper SOP transcribed by someone who has never written YAML. Each test
makes one mistake the trial made and asserts the Markdown line, the column, the message
code and Indonesian words that say how to fix it, and that the line is quoted with a
marker under the column (no parser jargon).
"""

from __future__ import annotations

import markdown
import pytest

from mkdocs_sop.catalogue.registry import Catalogue
from mkdocs_sop.core.fences import find_blocks
from mkdocs_sop.core.model import Severity
from mkdocs_sop.core.parse import parse_block

PAGE = """\
# Penerbitan Rekomendasi Mutasi

Prosedur ini dipakai Bidang Mutasi.

```sop
nomor: 800/SOP-BKPSDM/014/2023
nama: Penerbitan Rekomendasi Mutasi Pegawai
unit: [Badan Kepegawaian dan Pengembangan SDM, Bidang Mutasi]
tanggal_pembuatan: 2 Januari 2023
disahkan_oleh:
  jabatan: Kepala BKPSDM
  nip: "19700101 199503 1 001"
pelaksana: [Pemohon, Petugas Loket, Kepala Bidang]
keterkaitan:
  - Penerbitan Surat Keputusan Mutasi
langkah:
  - kegiatan: Menyerahkan berkas permohonan
    pelaksana: Pemohon
  - kegiatan: Memeriksa kelengkapan berkas
    pelaksana: Petugas Loket
    keputusan: Berkas lengkap?
    tidak: 1
  - kegiatan: Menandatangani rekomendasi
    pelaksana: Kepala Bidang
```
"""

OTHER = """\
```sop
nomor: 800/SOP-BKPSDM/015/2023
nama: Penerbitan Surat Keputusan Mutasi
unit: Badan Kepegawaian dan Pengembangan SDM
langkah:
  - kegiatan: Menerbitkan SK
    pelaksana: Kepala Bidang
```
"""


def line_no(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def diagnostics(page: str):
    block = find_blocks(page.splitlines())[0]
    return parse_block(block.body, "docs/mutasi.md", block.first_body_line).diagnostics


def the_one(page: str, code: str):
    found = [d for d in diagnostics(page) if d.code == code]
    assert len(found) == 1, [d.format() for d in diagnostics(page)]
    return found[0]


def assert_quoted(d, page: str) -> None:
    quoted, marker = d.excerpt()
    assert quoted.endswith(page.splitlines()[d.line - 1].replace("\t", "\u2192"))
    assert marker.index("^") == quoted.index("|") + 2 + d.column - 1  # the caret under the column
    for jargon in ("scanning", "parsing", "simple key", "mapping values", "token"):
        assert jargon not in d.message + d.hint


def test_the_page_as_written_has_no_problem():
    assert diagnostics(PAGE) == ()


def test_missing_space_after_a_colon_is_reported_on_its_own_line():
    page = PAGE.replace("tanggal_pembuatan: 2 Januari 2023", "tanggal_pembuatan:2 Januari 2023")
    d = the_one(page, "yaml-colon-space")
    assert d.line == line_no(page, "tanggal_pembuatan:2")  # not the next line, where the parser gave up
    assert d.column == len("tanggal_pembuatan:") + 1
    assert "tidak ada spasi sesudah titik dua" in d.message
    assert "`tanggal_pembuatan: 2 Januari 2023`" in d.hint
    assert_quoted(d, page)


def test_missing_space_in_a_step_key():
    page = PAGE.replace("    pelaksana: Kepala Bidang\n```", "    pelaksana:Kepala Bidang\n```")
    d = the_one(page, "yaml-colon-space")
    assert d.line == line_no(page, "pelaksana:Kepala")
    assert "`pelaksana: Kepala Bidang`" in d.hint


def test_a_tab_is_reported_on_its_line():
    page = PAGE.replace("    pelaksana: Petugas Loket", "\tpelaksana: Petugas Loket")
    d = the_one(page, "yaml-tab")
    assert d.line == line_no(page, "\tpelaksana")
    assert d.column == 1
    assert "Tab" in d.message and "spasi" in d.hint
    assert_quoted(d, page)


def test_a_tab_replaced_by_the_wrong_number_of_spaces_is_reported_on_that_line():
    page = PAGE.replace("    keputusan: Berkas lengkap?", "      keputusan: Berkas lengkap?")
    d = the_one(page, "yaml-indent")
    assert d.line == line_no(page, "      keputusan")  # the trial's report named the line after it
    assert d.column == 7
    assert "tidak sejajar" in d.message and "spasi" in d.hint
    assert_quoted(d, page)


def test_a_line_indented_less_than_its_step():
    page = PAGE.replace("    tidak: 1", "   tidak: 1")
    d = the_one(page, "yaml-indent")
    assert d.line == line_no(page, "   tidak: 1")


def test_curly_quotes_that_break_the_yaml():
    page = PAGE.replace("keputusan: Berkas lengkap?", "keputusan: “Berkas: lengkap?”")
    d = the_one(page, "yaml-curly-quotes")
    assert d.line == line_no(page, "keputusan:")
    assert d.column == page.splitlines()[d.line - 1].index("“") + 1
    assert "tanda petik lengkung" in d.message and '"..."' in d.hint
    assert_quoted(d, page)


def test_curly_quotes_around_a_nip_pasted_from_word_are_flagged():
    page = PAGE.replace('nip: "19700101 199503 1 001"', "nip: “19700101 199503 1 001”")
    d = the_one(page, "curly-quotes")
    assert d.severity is Severity.WARNING
    assert d.line == line_no(page, "nip:") and d.key == "nip"
    assert "ikut tercetak" in d.message and "tanda petik biasa" in d.hint


def test_a_colon_inside_a_value():
    page = PAGE.replace("keputusan: Berkas lengkap?", "keputusan: Berkas: lengkap?")
    d = the_one(page, "yaml-colon-in-value")
    assert d.line == line_no(page, "keputusan:")
    assert '`keputusan: "Berkas: lengkap?"`' in d.hint


def test_a_quote_never_closed_is_reported_where_it_opened():
    page = PAGE.replace("nama: Penerbitan Rekomendasi Mutasi Pegawai", 'nama: "Penerbitan Rekomendasi')
    d = the_one(page, "yaml-unclosed-quote")
    assert d.line == line_no(page, 'nama: "')
    assert d.column == len("nama: ") + 1


def test_a_list_never_closed_is_reported_where_it_opened():
    page = PAGE.replace("pelaksana: [Pemohon, Petugas Loket, Kepala Bidang]", "pelaksana: [Pemohon, Petugas Loket")
    d = the_one(page, "yaml-unclosed-bracket")
    assert d.line == line_no(page, "pelaksana: [Pemohon")
    assert "`]`" in d.hint


def _site(page: str) -> list:
    catalogue = Catalogue()
    for name, text in (("mutasi.md", page), ("sk.md", OTHER)):
        catalogue.add_page(text, name, "docs/" + name, name, lambda b, p, f: parse_block(b, p, f))
    return catalogue.finish(strict_links=False)


def test_a_related_sop_written_with_a_leading_sop_word_links():
    page = PAGE.replace("  - Penerbitan Surat Keputusan Mutasi", "  - SOP Penerbitan Surat Keputusan Mutasi")
    catalogue = Catalogue()
    catalogue.add_page(OTHER, "sk.md", "docs/sk.md", "sk.md", lambda b, p, f: parse_block(b, p, f))
    assert catalogue.find("SOP Penerbitan Surat Keputusan Mutasi").sop.nomor == "800/SOP-BKPSDM/015/2023"
    assert _site(page) == []


@pytest.mark.parametrize(("written", "suggested"), [
    ("SOP Penerbitan Surat Keputusan Mutsi", "Penerbitan Surat Keputusan Mutasi"),
    ("Penerbitan SK Mutasi", "Penerbitan Surat Keputusan Mutasi"),
    ("800/SOP-BKPSDM/015/2032", "800/SOP-BKPSDM/015/2023"),
])
def test_a_related_sop_that_matches_none_gets_did_you_mean(written, suggested):
    page = PAGE.replace("  - Penerbitan Surat Keputusan Mutasi", f"  - {written}")
    found = [d for d in _site(page) if d.code == "related-unresolved"]
    assert len(found) == 1, [d.format() for d in _site(page)]
    assert found[0].line == line_no(page, f"  - {written}")  # the item, not the key
    assert found[0].hint == f"Mungkin maksud Anda `{suggested}`?"


def test_free_text_related_items_stay_quiet_without_strict_links():
    page = PAGE.replace("  - Penerbitan Surat Keputusan Mutasi", "  - Peraturan Bupati tentang Kepegawaian")
    assert _site(page) == []


def test_warnings_show_on_the_page_while_editing_and_not_otherwise():
    page = PAGE.replace("pelaksana: [Pemohon, Petugas Loket, Kepala Bidang]",
                        "pelaksana: [Pemohon, Petugas Loket, Kepala Bidang, Sekretaris]")
    editing = markdown.markdown(page, extensions=["mkdocs_sop"],
                                extension_configs={"mkdocs_sop": {"show_warnings": True, "diagram": False}})
    published = markdown.markdown(page, extensions=["mkdocs_sop"],
                                  extension_configs={"mkdocs_sop": {"diagram": False}})
    assert 'class="sop-warnings admonition warning"' in editing
    assert "pelaksana `Sekretaris` tidak mempunyai langkah" in editing
    assert "sop-warnings" not in published and "Sekretaris` tidak mempunyai" not in published


@pytest.mark.parametrize("mutation", ["\t", '"', "'", "“", ":", "[", "  ", "- "])
def test_any_slip_on_any_line_is_reported_inside_the_block(mutation):
    """One character slipped in anywhere: a message inside the block, never a crash."""
    lines = PAGE.splitlines()
    block = find_blocks(lines)[0]
    first, last = block.first_body_line, block.first_body_line + block.body.count("\n")
    for number in range(first, last + 1):
        for column in (0, 4, len(lines[number - 1])):
            changed = lines[:]
            text = changed[number - 1]
            changed[number - 1] = text[:column] + mutation + text[column:]
            for d in diagnostics("\n".join(changed) + "\n"):
                assert first <= d.line <= last, d.format()
                assert not d.column or d.column <= len(changed[d.line - 1]) + 1, d.format()
