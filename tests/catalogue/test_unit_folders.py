"""Folders holding SOPs are named after their units, and get landing pages unless hand-written."""

from __future__ import annotations

from mkdocs_sop.catalogue.registry import Entry
from mkdocs_sop.catalogue.units import (first_heading, landing_pages, titled_sections, unit_folders,
                                        with_hand_written_titles)
from mkdocs_sop.core.parse import parse_block


def entry(page: str, unit: str, nomor: str, nama: str = "SOP") -> Entry:
    body = (f'nomor: "{nomor}"\nnama: {nama}\nunit: {unit}\nlangkah:\n'
            "  - kegiatan: a\n    pelaksana: A\n")
    sop = parse_block(body).sop
    return Entry(sop, page, page[:-3] + "/")


def test_folders_mirroring_the_organisation_take_the_unit_of_their_depth():
    folders = unit_folders([
        entry("bkpsdm/mutasi/a.md", "[Badan Kepegawaian, Bidang Mutasi]", "1"),
        entry("bkpsdm/mutasi/b.md", "[Badan Kepegawaian, Bidang Mutasi, Subbidang X]", "2"),
        entry("bkpsdm/cuti/c.md", "[Badan Kepegawaian, Bidang Cuti]", "3"),
    ])
    assert {f: u.title for f, u in folders.items()} == {
        "bkpsdm": "Badan Kepegawaian", "bkpsdm/mutasi": "Bidang Mutasi", "bkpsdm/cuti": "Bidang Cuti"}
    assert len(folders["bkpsdm"].entries) == 3


def test_a_top_folder_with_one_sop_is_named_after_the_top_unit():
    folders = unit_folders([entry("bkpsdm/a.md", "[Badan Kepegawaian, Bidang Mutasi]", "1")])
    assert folders["bkpsdm"].title == "Badan Kepegawaian"


def test_flat_folders_of_one_agency_take_their_own_bidang():
    folders = unit_folders([
        entry("bidang-mutasi/a.md", "[Dinas X, Bidang Mutasi]", "1"),
        entry("bidang-cuti/b.md", "[Dinas X, Bidang Cuti]", "2"),
    ])
    assert folders["bidang-mutasi"].title == "Bidang Mutasi" and folders["bidang-cuti"].title == "Bidang Cuti"


def test_a_folder_whose_sops_share_no_unit_keeps_its_name_made_readable():
    folders = unit_folders([entry("layanan-umum/a.md", "Dinas A", "1"), entry("layanan-umum/b.md", "Dinas B", "2")])
    assert folders["layanan-umum"].title == "Layanan Umum"


def test_a_hand_written_index_wins():
    folders = unit_folders([entry("bkpsdm/a.md", "[Badan Kepegawaian]", "1")])
    named = with_hand_written_titles(folders, {"bkpsdm": "---\ntitle: BKPSDM Kota\n---\n# Lain\n"})
    assert named["bkpsdm"].title == "BKPSDM Kota"
    assert landing_pages(named, {"bkpsdm": "bkpsdm/index.md"}) == []
    assert first_heading("Teks\n\n# Badan Kepegawaian ##\n") == "Badan Kepegawaian"


def test_landing_pages_escape_titles_and_link_relative_to_themselves():
    folders = unit_folders([entry("unit/a.md", "[Dinas <X> & Co]", "1", nama="Nama <b>")])
    (src, markdown), = landing_pages(folders, {})
    assert src == "unit/index.md"
    assert markdown.startswith('---\ntitle: "Dinas &lt;X&gt; &amp; Co"\n---\n')
    assert "<h1>Dinas &lt;X&gt; &amp; Co</h1>" in markdown
    assert "[Nama &lt;b&gt;](a.md#" in markdown  # a Markdown link to the source file, the name escaped


def test_navigation_sections_take_the_units_names():
    folders = unit_folders([entry("bkpsdm/mutasi/a.md", "[Badan <K>, Bidang Mutasi]", "1")])
    nav = [{"Bkpsdm": ["bkpsdm/index.md", {"Mutasi": ["bkpsdm/mutasi/index.md"]}]}, "index.md"]
    assert titled_sections(nav, folders) == [
        {"Badan &lt;K&gt;": ["bkpsdm/index.md", {"Bidang Mutasi": ["bkpsdm/mutasi/index.md"]}]}, "index.md"]
