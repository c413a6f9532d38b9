import random

import pytest

from mkdocs_sop.catalogue.legal import RANKS, Regulation, group_citations, parse_citation

# Every spelling in one tuple must be the same regulation.
SAME = {
    "uud-1945": (
        "UUD 1945",
        "UUD NRI Tahun 1945",
        "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945",
        "Undang Undang Dasar 1945",
        "uud nri 1945",
    ),
    "uu-25-2009": (
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "UU No. 25 Tahun 2009",
        "UU 25/2009",
        "UU Nomor 25 Tahun 2009",
        "Undang Undang No 25 th 2009",
        "UU no.25 tahun 2009 ttg Pelayanan Publik",
        "Undang-undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 25 TAHUN 2009 TENTANG PELAYANAN PUBLIK",
        "undang-undang  nomor   25  tahun 2009",
        "UU RI No. 25 Th. 2009",
        "UU Nmr 25 Thn 2009",
        "UU nomor: 25 tahun 2009",
        "UU No. 25 2009",  # "Tahun" left out
        "1. UU No. 25 Tahun 2009",  # list marker copied in
        "- UU No 25 Tahun 2009 tentang Pelayanan Publik.",
        "U.U. No. 25 Tahun 2009",
    ),
    "uu-23-2014": (
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah "
        "beberapa kali diubah terakhir dengan Undang-Undang Nomor 9 Tahun 2015",
        "UU 23/2014 tentang Pemerintahan Daerah",
    ),
    "pp-25-2009": ("PP No. 25 Tahun 2009", "Peraturan Pemerintah Nomor 25 Tahun 2009"),
    "pp-96-2012": (
        "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 "
        "Tahun 2009 tentang Pelayanan Publik",
        "PP 96/2012",
        "PP No.96 Th 2012",
    ),
    "perpres-95-2018": (
        "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik",
        "Perpres 95/2018 tentang SPBE",
        "Perpres No 95 Tahun 2018",
    ),
    "perppu-1-2020": ("Perppu Nomor 1 Tahun 2020", "Peraturan Pemerintah Pengganti Undang-Undang "
                      "Nomor 1 Tahun 2020", "Perpu 1/2020"),
    "permen-panrb-35-2012": (
        "Permen PANRB No. 35 Tahun 2012",
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun "
        "2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan",
        "Per.Men PAN-RB no 35 th 2012",
        "PermenPAN-RB 35/2012",
        "Permenpan RB Nomor 35 Tahun 2012",
        "Permenpan Nomor 35 Tahun 2012",
        "Peraturan Menteri PAN dan RB Nomor 35 Tahun 2012",
        "Peraturan Menteri PAN & RB No. 35/2012",
        "Peraturan MenPAN RB No. 35 Tahun 2012",
        "Peraturan Menteri Negara Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Republik "
        "Indonesia Nomor 35 Tahun 2012",
        "permen pan rb nomor 35 tahun 2012",
    ),
    "permen-dagri-108-2019": (
        "Permendagri 108/2019",
        "Peraturan Menteri Dalam Negeri Nomor 108 Tahun 2019",
        "Permen Dagri No. 108 Th 2019",
        "Peraturan Mentri Dalam Negeri Nomor 108 Tahun 2019",
    ),
    "permen-keu-108-2019": (
        "PMK No 108 Tahun 2019",
        "Peraturan Menteri Keuangan Nomor 108 Tahun 2019",
        "Permenkeu 108/2019",
        "PMK 108/2019",
    ),
    "permen-kes-4-2019": ("Permenkes Nomor 4 Tahun 2019 tentang SPM Bidang Kesehatan",
                          "Peraturan Menteri Kesehatan No 4 Tahun 2019"),
    "permen-hub-pm-12-2015": ("Peraturan Menteri Perhubungan Nomor PM 12 Tahun 2015",
                              "Permenhub No. PM.12 Tahun 2015"),
    "permen-pupr-5-prt-m-2015": ("Peraturan Menteri PUPR Nomor 05/PRT/M/2015",
                                 "Permen PUPR No. 5/PRT/M/2015"),
    "peraturan-bkn-1-2019": ("Perka BKN No 1 Tahun 2019",
                             "Peraturan Kepala Badan Kepegawaian Negara Nomor 1 Tahun 2019",
                             "Peraturan BKN Nomor 01 Tahun 2019"),
    "perda-kota-contoh-3-2020": ("Perda Kota Contoh Nomor 3 Tahun 2020",
                                 "Peraturan Daerah Kota Contoh Nomor 3 Tahun 2020 tentang "
                                 "Penyelenggaraan Administrasi Kependudukan",
                                 "PERDA KOTA CONTOH NO. 03 TAHUN 2020"),
    "perda-provinsi-jawa-tengah-3-2020": ("Perda Provinsi Jawa Tengah Nomor 3 Tahun 2020",
                                          "Peraturan Daerah Prov. Jawa Tengah No 3/2020"),
    "perwal-contoh-5-2021": ("Peraturan Walikota Contoh No 5 Tahun 2021",
                             "Peraturan Wali Kota Contoh Nomor 5 Tahun 2021",
                             "Perwali Contoh 5/2021", "Perwal Kota Contoh Nomor 5 Tahun 2021"),
    "perbup-contoh-12-2022": ("Peraturan Bupati Contoh Nomor 12 Tahun 2022",
                              "Perbup Kab. Contoh No. 12 Tahun 2022"),
    "pergub-jawa-tengah-10-2020": ("Peraturan Gubernur Jawa Tengah Nomor 10 Tahun 2020",
                                   "Pergub Jateng 10/2020",
                                   "Peraturan Gubernur Provinsi Jawa Tengah No. 10 Th. 2020"),
    "kepmen-panrb-kep-25-m-pan-2-2004": (
        "Keputusan Menteri PAN Nomor KEP/25/M.PAN/2/2004",
        "Kepmenpan No. KEP/25/M.PAN/2/2004 tentang Pedoman Umum Penyusunan Indeks Kepuasan "
        "Masyarakat",
    ),
    "kepbup-contoh-188-45-123-2020": ("Keputusan Bupati Contoh Nomor 188.45/123/2020",
                                      "SK Bupati Contoh No. 188.45/123/2020"),
    "inpres-3-2003": ("Instruksi Presiden Nomor 3 Tahun 2003", "Inpres No 3 Th 2003"),
    "surat-edaran-menteri-panrb-1-2020": ("Surat Edaran Menteri PANRB Nomor 1 Tahun 2020",
                                          "SE Menpan RB No 1 Tahun 2020"),
    "keppres-12-2020": ("Keputusan Presiden Nomor 12 Tahun 2020", "Keppres 12/2020"),
}


@pytest.mark.parametrize("key, text", [(k, t) for k, ts in SAME.items() for t in ts])
def test_spellings_share_a_key(key, text):
    assert parse_citation(text).key == key


def test_at_least_forty_citations():
    assert sum(len(v) for v in SAME.values()) >= 40


@pytest.mark.parametrize("a, b", [
    ("UU No. 25 Tahun 2009", "PP No. 25 Tahun 2009"),
    ("Permendagri 108/2019", "PMK 108/2019"),
    ("Perda Kota Contoh Nomor 3 Tahun 2020", "Perda Provinsi X Nomor 3 Tahun 2020"),
    ("Perda Kota Contoh Nomor 3 Tahun 2020", "Perda Kabupaten Contoh Nomor 3 Tahun 2020"),
    ("UU No. 1 Tahun 2020", "Perppu No. 1 Tahun 2020"),
    ("UU No. 25 Tahun 2009", "UU No. 25 Tahun 2019"),
    ("Perda Kota Contoh No 3A Tahun 2020", "Perda Kota Contoh No 3 Tahun 2020"),
    ("Peraturan Bupati Contoh No 5 Tahun 2021", "Peraturan Wali Kota Contoh No 5 Tahun 2021"),
    ("Peraturan Gubernur Jawa Tengah No 1 Tahun 2020", "Keputusan Gubernur Jawa Tengah No 1 Tahun 2020"),
])
def test_different_regulations(a, b):
    assert parse_citation(a).key != parse_citation(b).key


@pytest.mark.parametrize("text, kind, rank", [
    ("UUD 1945", "uud", 0),
    ("UU 25/2009", "uu", 1),
    ("Perppu 1/2020", "perppu", 1),
    ("PP 96/2012", "pp", 2),
    ("Perpres 95/2018", "perpres", 3),
    ("Permendikbud No 23 Tahun 2017", "permen", 4),
    ("Peraturan Menteri Sosial Nomor 1 Tahun 2019", "permen", 4),
    ("Peraturan LKPP Nomor 12 Tahun 2021", "peraturan-lembaga", 4),
    ("Peraturan Badan Pengawas Obat dan Makanan Nomor 10 Tahun 2021", "peraturan-lembaga", 4),
    ("Peraturan Lembaga Administrasi Negara Nomor 5 Tahun 2022", "peraturan-lembaga", 4),
    ("Perda Kota Contoh 3/2020", "perda", 5),
    ("Qanun Aceh Nomor 8 Tahun 2014", "qanun", 5),
    ("Pergub Jateng 10/2020", "pergub", 6),
    ("Perbup Contoh 12/2022", "perbup", 6),
    ("Perwal Contoh 5/2021", "perwal", 6),
    ("Keputusan Menteri Dalam Negeri Nomor 050-3708 Tahun 2020", "kepmen", 7),
    ("Kepmendagri No 050-3708 Tahun 2020", "kepmen", 7),
    ("Keppres 12/2020", "keppres", 7),
    ("SK Gubernur Jawa Tengah No 5 Tahun 2020", "kepgub", 7),
    ("Kepwal Contoh No 7 Tahun 2020", "kepwal", 7),
    ("Keputusan Kepala Dinas Kependudukan Nomor 1 Tahun 2023", "keputusan", 7),
    ("Inpres 3/2003", "inpres", 7),
    ("Instruksi Gubernur Nomor 2 Tahun 2021", "instruksi", 7),
    ("Surat Edaran Sekretaris Daerah Nomor 800/1234", "surat-edaran", 7),
    ("Pedoman Tata Naskah Dinas Internal", "lainnya", 8),
    ("Peraturan Rektor Nomor 3 Tahun 2020", "lainnya", 8),
    ("Pasal 5 ayat (2) UU 25/2009", "lainnya", 8),
    ("", "lainnya", 8),
])
def test_kind_and_rank(text, kind, rank):
    reg = parse_citation(text)
    assert (reg.kind, reg.rank) == (kind, rank)
    assert RANKS[kind] == rank


def test_fields_and_display():
    reg = parse_citation("UU no.25 tahun 2009 ttg Pelayanan Publik")
    assert reg == Regulation(
        key="uu-25-2009", kind="uu", rank=1, number="25", year=2009, issuer="",
        title="Pelayanan Publik",
        display="Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        name="Undang-Undang Nomor 25 Tahun 2009")
    reg = parse_citation("Permen PANRB No. 35 Tahun 2012")
    assert reg.issuer == "panrb"
    assert reg.display == ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
                           "Birokrasi Nomor 35 Tahun 2012")
    reg = parse_citation("Permenhub No. PM.12 Tahun 2015")
    assert reg.number == "PM.12" and reg.year == 2015
    reg = parse_citation("perda kota contoh no 3a tahun 2020")
    assert reg.number == "3A"
    assert reg.display == "Peraturan Daerah Kota Contoh Nomor 3A Tahun 2020"
    reg = parse_citation("Keputusan Menteri PAN Nomor KEP/25/M.PAN/2/2004")
    assert reg.year == 2004
    assert reg.name.endswith("Nomor KEP/25/M.PAN/2/2004")  # no doubled "Tahun 2004"
    reg = parse_citation("Peraturan Daerah Provinsi DKI Jakarta Nomor 1 Tahun 2020")
    assert reg.display == "Peraturan Daerah Provinsi DKI Jakarta Nomor 1 Tahun 2020"
    reg = parse_citation("UUD NRI Tahun 1945")
    assert reg.display == "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945"
    reg = parse_citation("  Pedoman   internal dinas ")
    assert reg.display == "Pedoman internal dinas" and reg.key == "lainnya-pedoman-internal-dinas"
    reg = parse_citation("Perka BKN No 1 Tahun 2019")
    assert reg.display == "Peraturan Kepala Badan Kepegawaian Negara Nomor 1 Tahun 2019"


def test_numbers_without_year_or_number():
    reg = parse_citation("UU Tahun 2009 tentang Pelayanan Publik")
    assert reg.number == "" and reg.year == 2009 and reg.title == "Pelayanan Publik"
    reg = parse_citation("UU Nomor 25")
    assert reg.number == "25" and reg.year is None and reg.key == "uu-25"


def _keys(groups):
    return [reg.key for reg, _ in groups]


def test_group_and_order_a_real_list():
    cites = [
        "Peraturan Walikota Contoh No 5 Tahun 2021",
        "Permen PANRB No. 35 Tahun 2012",
        "UU no.25 tahun 2009 ttg Pelayanan Publik",
        "Perda Kota Contoh Nomor 3 Tahun 2020",
        "PP 96/2012",
        "Keputusan Bupati Contoh Nomor 188.45/123/2020",
        "UUD NRI Tahun 1945",
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
        "Perpres 95/2018 tentang SPBE",
        "Permendagri 108/2019",
        "PMK 108/2019",
        "UU 25/2009",
        "Pedoman internal dinas",
        "Perwali Contoh 5/2021",
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "Perppu 1/2020",
        "Perka BKN No 1 Tahun 2019",
        "Permendagri No. 3 Tahun 2019",
        "UUD 1945",
    ]
    groups = group_citations((c, i) for i, c in enumerate(cites))
    assert _keys(groups) == [
        "uud-1945",
        "uu-25-2009",
        "uu-23-2014",
        "perppu-1-2020",
        "pp-96-2012",
        "perpres-95-2018",
        "permen-panrb-35-2012",
        "peraturan-bkn-1-2019",
        "permen-dagri-3-2019",
        "permen-dagri-108-2019",
        "permen-keu-108-2019",
        "perda-kota-contoh-3-2020",
        "perwal-contoh-5-2021",
        "kepbup-contoh-188-45-123-2020",
        "lainnya-pedoman-internal-dinas",
    ]
    by_key = {reg.key: (reg, items) for reg, items in groups}
    assert by_key["uu-25-2009"][1] == [2, 11, 14]  # input order kept
    assert by_key["uud-1945"][1] == [6, 18]
    assert by_key["perwal-contoh-5-2021"][1] == [0, 13]
    # the display takes the longest title seen
    assert by_key["uu-25-2009"][0].display == (
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik")
    assert [r.rank for r, _ in groups] == sorted(r.rank for r, _ in groups)


def test_longest_title_wins_first_on_tie():
    groups = group_citations([
        ("UU 25/2009 tentang Yanlik", "a"),
        ("UU 25/2009 tentang Pelayanan Publik", "b"),
        ("UU 25/2009 tentang pelayanan publik", "c"),
        ("UU 25/2009", "d"),
    ])
    assert len(groups) == 1
    reg, items = groups[0]
    assert reg.title == "Pelayanan Publik"
    assert reg.display == "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"
    assert items == ["a", "b", "c", "d"]


def test_missing_region_joins_the_only_matching_region():
    groups = group_citations([
        ("Peraturan Daerah Nomor 3 Tahun 2020 tentang Retribusi Jasa Umum", 1),
        ("Perda Kota Contoh No. 3 Tahun 2020", 2),
        ("Perda Contoh 3/2020", 3),  # level left out too
    ])
    assert len(groups) == 1
    reg, items = groups[0]
    assert reg.key == "perda-kota-contoh-3-2020"
    assert items == [1, 2, 3]
    assert reg.display == ("Peraturan Daerah Kota Contoh Nomor 3 Tahun 2020 tentang "
                           "Retribusi Jasa Umum")


def test_missing_region_is_not_guessed_when_ambiguous():
    groups = group_citations([
        ("Perda Kota Contoh No. 3 Tahun 2020", 1),
        ("Perda Provinsi X No. 3 Tahun 2020", 2),
        ("Peraturan Daerah Nomor 3 Tahun 2020", 3),
    ])
    assert len(groups) == 3
    assert sorted(_keys(groups)) == ["perda-3-2020", "perda-kota-contoh-3-2020",
                                     "perda-provinsi-x-3-2020"]


def test_missing_ministry_and_year_join_when_unique():
    groups = group_citations([
        ("Permendagri 108/2019", "a"),
        ("Peraturan Menteri Nomor 108 Tahun 2019", "b"),
        ("UU 25/2009", "c"),
        ("UU Nomor 25", "d"),
        ("UU tentang Pelayanan Publik", "e"),
        ("UU 25/2009 tentang Pelayanan Publik", "f"),
    ])
    assert [(r.key, items) for r, items in groups] == [
        ("uu-25-2009", ["c", "d", "e", "f"]),
        ("permen-dagri-108-2019", ["a", "b"]),
    ]


def test_missing_ministry_is_not_guessed_when_ambiguous():
    groups = group_citations([
        ("Permendagri 108/2019", "a"),
        ("PMK 108/2019", "b"),
        ("Peraturan Menteri Nomor 108 Tahun 2019", "c"),
    ])
    assert len(groups) == 3


def test_other_texts_group_only_when_identical():
    groups = group_citations([("Pedoman internal", 1), ("pedoman  INTERNAL", 2), ("Lainnya", 3)])
    # same rank, no year or number: ordered by key, so "lainnya-lainnya" comes first
    assert [items for _, items in groups] == [[3], [1, 2]]
    assert groups[1][0].display == "Pedoman internal"  # first spelling seen


def test_order_within_rank_is_year_then_number():
    groups = group_citations([(c, c) for c in [
        "UU 10/2010", "UU 2/2010", "UU 9/2009", "UU 11/2010", "UU 3A/2010", "UU 3/2010"]])
    assert [reg.number for reg, _ in groups] == ["9", "2", "3", "3A", "10", "11"]


def test_deterministic_and_order_independent_grouping():
    cites = [t for ts in SAME.values() for t in ts]
    first = group_citations((c, c) for c in cites)
    shuffled = list(cites)
    random.Random(12).shuffle(shuffled)
    second = group_citations((c, c) for c in shuffled)
    assert _keys(first) == _keys(second)
    assert len(first) == len(SAME)
    assert [sorted(items) for _, items in first] == [sorted(items) for _, items in second]


def test_empty_input():
    assert group_citations([]) == []


def test_never_raises():
    rnd = random.Random(2012)
    words = ["UU", "PP", "Perda", "Permen", "Nomor", "No.", "Tahun", "th", "tentang", "/", "-",
             "Kota", "Provinsi", "Kabupaten", "PANRB", "dagri", "PMK", "Perka", "Keputusan",
             "SK", "Menteri", "Bupati", "2009", "25", "3A", "0" * 5000, "9" * 5000, ":", ".",
             "UUD", "Peraturan", "Walikota", "Pergub", "Jateng", "Surat Edaran", "Inpres"]
    texts = []
    for _ in range(1500):
        texts.append(" ".join(rnd.choice(words) for _ in range(rnd.randint(0, 9))))
    for _ in range(300):
        texts.append("".join(chr(rnd.randint(1, 0x2FFF)) for _ in range(rnd.randint(0, 40))))
    for text in texts:
        reg = parse_citation(text)
        assert isinstance(reg.key, str) and reg.key
        assert 0 <= reg.rank <= 8
    group_citations((t, i) for i, t in enumerate(texts))
    assert parse_citation(None).kind == "lainnya"


def test_acronyms_keep_their_capitals_and_ri_stays_in_the_name():
    from mkdocs_sop.catalogue.legal import parse_citation
    assert parse_citation("Keputusan KMA Nomor 026/KMA/SK/II/2012").display.startswith("Keputusan KMA Nomor")
    assert parse_citation("KEPUTUSAN KMA-RI NOMOR 2 TAHUN 2012").display == "Keputusan KMA-RI Nomor 2 Tahun 2012"
    assert parse_citation("Keputusan KMA RI Nomor 1-144/KMA/SK/I/2011").display.startswith("Keputusan KMA RI Nomor")
    # long names written in capitals are still words, not acronyms
    assert parse_citation("PERATURAN KEPALA BADAN PUSAT STATISTIK NOMOR 5 TAHUN 2019").display == \
        "Peraturan Kepala Badan Pusat Statistik Nomor 5 Tahun 2019"


def test_an_amendment_cited_alone_joins_the_regulation_it_amends():
    from mkdocs_sop.catalogue.legal import group_citations
    texts = ["PP No. 11 Tahun 2017 sebagaimana telah diubah dengan PP No. 17 Tahun 2020",
             "UU 25/2009", "PP 17/2020",
             "Peraturan Pemerintah Nomor 17 Tahun 2020 tentang Perubahan atas PP 11/2017 tentang Manajemen PNS"]
    groups = group_citations((t, t) for t in texts)
    assert [reg.key for reg, _ in groups] == ["uu-25-2009", "pp-11-2017"]
    assert groups[1][1] == [texts[0], texts[2], texts[3]]
