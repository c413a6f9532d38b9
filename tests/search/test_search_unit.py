"""The search's pieces without a browser: codes, the SOP's hidden search block, Indonesian
roots, the site vocabulary script, and the page text Pagefind reads."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from mkdocs_sop.core.labels import label_set
from mkdocs_sop.core.model import SopCategory, SopStatus, SopType, Step
from mkdocs_sop.core.model import Sop
from mkdocs_sop.core.search_data import code, search_block
from mkdocs_sop.search.indexer import page_url, separate_cells
from mkdocs_sop.search.roots import root
from mkdocs_sop.search.vocabulary import Vocabulary

LABELS = label_set("id", {})


def _sop(**kw) -> Sop:
    base = dict(nomor="470/SOP-PDP/001/2024", nama="Penerbitan Kartu Keluarga Baru",
                unit=("Dinas Kependudukan dan Pencatatan Sipil", "Bidang Pelayanan Pendaftaran Penduduk"),
                instansi="Pemerintah Kota Contoh", steps=(Step(number="1", index=1, kegiatan="Menyerahkan berkas", pelaksana=("Pemohon",)),),
                jenis=SopType.ADMINISTRATIF, kategori=SopCategory.PELAYANAN,
                pelaksana=("Pemohon", "Petugas Loket"),
                dasar_hukum=("UU No. 24 Tahun 2013 tentang Administrasi Kependudukan", "Petunjuk teknis dinas"))
    base.update(kw)
    return Sop(**base)


def _values(block: ET.Element, attribute: str) -> list[tuple[str, str]]:
    return [(node.get(attribute), node.text) for node in block.iter() if node.get(attribute) is not None]


def test_code_keeps_letters_and_digits_only():
    assert code("470/SOP-PDP/001/2024") == "470soppdp0012024"
    assert code("SOP.BU.TU.02/2024") == "sopbutu022024"
    assert code("Ñomor 5") == "nomor5"
    assert code("—/.") == ""


def test_search_block_is_hidden_and_carries_facets_from_the_data():
    block = search_block(_sop(), SopStatus.BERLAKU, LABELS)
    assert block.get("hidden") == "hidden"
    facets = _values(block, "data-pagefind-filter")
    assert ("unit", "Pemerintah Kota Contoh") in facets  # every level, instansi first
    assert ("unit", "Bidang Pelayanan Pendaftaran Penduduk") in facets
    assert ("jenis", "Administratif") in facets and ("kategori", "Pelayanan") in facets
    assert ("status", "Berlaku") in facets
    assert ("pelaksana", "Pemohon") in facets and ("pelaksana", "Petugas Loket") in facets
    assert ("dasar hukum", "Undang-Undang Nomor 24 Tahun 2013") in facets
    assert not any(value == "Petunjuk teknis dinas" for _, value in facets)  # not a regulation
    meta = dict(_values(block, "data-pagefind-meta"))
    assert meta["nomor"] == "470/SOP-PDP/001/2024"
    assert meta["unit"].endswith("Bidang Pelayanan Pendaftaran Penduduk")
    # facet values are not words of the page (they are printed elsewhere already)
    ignored = [n for n in block.iter() if n.get("data-pagefind-ignore") is not None]
    assert len(ignored) == 1 and all(n in list(ignored[0]) for n in block.iter() if n.get("data-pagefind-filter"))


def test_search_block_codes_the_number_heavier_than_citations():
    block = search_block(_sop(), SopStatus.DIGANTIKAN, LABELS)
    codes = {n.text: (n.get("data-pagefind-weight"), n.get("data-sop-kode")) for n in block.iter()
             if n.get("data-sop-kode") is not None}
    assert codes["470soppdp0012024"] == ("10", "470/SOP-PDP/001/2024")
    assert codes["uu242013"][1] == "Undang-Undang Nomor 24 Tahun 2013"
    assert float(codes["uu242013"][0]) < 10
    assert ("status", "Digantikan") in _values(block, "data-pagefind-filter")


def test_search_block_escapes_editor_text():
    hostile = '<script>alert(1)</script>" onload="x'
    html = ET.tostring(search_block(_sop(nama=hostile, pelaksana=(hostile,), nomor=hostile),
                                    SopStatus.BERLAKU, LABELS), encoding="unicode")
    assert "<script>" not in html and "&lt;script&gt;" in html
    parsed = ET.fromstring(html)  # the serialised block reads back as the same text, no new attribute
    assert not any(n.tag == "script" or "onload" in n.attrib for n in parsed.iter())
    assert ("pelaksana", hostile) in _values(parsed, "data-pagefind-filter")
    assert hostile in {n.get("data-sop-kode") for n in parsed.iter()}


def test_roots_join_the_forms_snowball_splits():
    # Pagefind's Snowball stemmer gives periksa -> iksa but memeriksa -> periksa; Sastrawi does not
    for word in ("memeriksa", "pemeriksaan", "diperiksa", "periksa"):
        assert root(word) == "periksa"
    assert root("penawaran") == root("tawar") == "tawar"
    assert root("pemulihan") == root("pulihkan") == "pulih"
    assert root("penerimaan") == root("menerima") == root("terima") == "terima"
    assert root("sop") == "sop" and root("ktp") == "ktp"  # short words are left alone


def test_vocabulary_reads_words_codes_and_the_search_page():
    vocabulary = Vocabulary()
    vocabulary.add_page('<nav>Pemeliharaan</nav><main><p>Petugas memeriksa berkas.</p>'
                        '<span data-pagefind-weight="10" data-sop-kode="470/SOP-PDP/001/2024">470soppdp0012024</span>'
                        '<script>var pengiriman = 1;</script></main>', "a/")
    vocabulary.add_page('<div data-sop-search class="x"></div><p>Cari</p>', "cari/")
    vocabulary.add_page('<span data-pagefind-filter="status">Dicabut</span>'
                        '<span data-pagefind-filter="status">Berlaku</span>', "b/")
    assert vocabulary.words["memeriksa"] == 1
    assert "pemeliharaan" not in vocabulary.words and "pengiriman" not in vocabulary.words
    assert vocabulary.codes == {"470soppdp0012024": "470/SOP-PDP/001/2024"}
    assert vocabulary.search_page == "cari/"
    script = vocabulary.script()
    assert script.startswith("/*") and "window.SOP_KOSAKATA = " in script
    data = json.loads(script[script.index("{"):script.rindex("}") + 1])
    assert data["akar"]["memeriksa"] == "periksa" and "berkas" not in data["akar"]  # its own root
    assert data["halaman"] == "cari/"
    assert data["status"] == ["Berlaku", "Dicabut"]  # the browser finds SOP pages by them


def test_vocabulary_script_never_closes_a_script_element():
    vocabulary = Vocabulary()
    vocabulary.add_page('<span data-sop-kode="&lt;/script&gt;&lt;b&gt;">x1</span>', "")
    assert "</script" not in vocabulary.script() and "<b>" not in vocabulary.script()


def test_cells_are_separated_for_the_index():
    assert separate_cells("<td>30 menit</td><td>Konsep</td>") == "<td>30 menit</td> <td>Konsep</td> "
    assert separate_cells("<li>Ya</li><li>Tidak</li>a<br>b") == "<li>Ya</li> <li>Tidak</li> a<br> b"
    # a step's number, activity and actor are neighbouring spans: "4 Mengisi lembar Operator", not "4Mengisi"
    head = '<span class="n">4</span><span class="a">Mengisi lembar</span><span class="p">Operator</span></div>'
    assert separate_cells(head) == ('<span class="n">4</span> <span class="a">Mengisi lembar</span> '
                                    '<span class="p">Operator</span> </div>')
    assert separate_cells("<b>Pe</b><span>me</span>riksaan") == "<b>Pe</b><span>me</span>riksaan"  # a word stays whole


def test_page_urls_are_directory_urls_from_the_site_root(tmp_path):
    assert page_url(tmp_path, tmp_path / "index.html") == "/"
    assert page_url(tmp_path, tmp_path / "a" / "b" / "index.html") == "/a/b/"
    assert page_url(tmp_path, tmp_path / "a" / "c.html") == "/a/c.html"
