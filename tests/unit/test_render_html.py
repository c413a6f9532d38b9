"""HTML output: golden files, the stable hooks of SOP-FORMAT.md section 7, escaping, determinism."""

from __future__ import annotations

import logging
from html.parser import HTMLParser

import markdown
import pytest

from mkdocs_sop.core.labels import label_set
from mkdocs_sop.core.parse import parse_block
from mkdocs_sop.core.render_html import RenderOptions, render_errors, render_sop, to_html


def render(text: str, **config) -> str:
    cfg = {"diagram": False, **config}
    return markdown.markdown(text, extensions=["mkdocs_sop"], extension_configs={"mkdocs_sop": cfg})


FLOWCHART = """\
# Penerbitan Kartu Keluarga

Prosedur ini berlaku di semua loket.

```sop
nomor: "470/SOP-PDP/001/2024"
nama: Penerbitan Kartu Keluarga Baru
unit:
  - Dinas Kependudukan dan Pencatatan Sipil
  - Bidang Pelayanan Pendaftaran Penduduk
instansi: Pemerintah Kabupaten Contoh
kategori: pelayanan
tanggal_pembuatan: 2024-01-10
tanggal_revisi: Juni 2024
tanggal_efektif: 2024
disahkan_oleh:
  jabatan: Kepala Dinas
  nama: Drs. Budi Santoso
  pangkat: Pembina Utama Muda
  nip: "19640824 199102 1 002"
dasar_hukum:
  - Undang-Undang Nomor 24 Tahun 2013
  - Permen PANRB No. 35 Tahun 2012
kualifikasi_pelaksana: Memahami administrasi kependudukan
keterkaitan: [470/SOP-PDP/002/2024]
peralatan_perlengkapan: [Komputer, Printer]
peringatan: Berkas tidak lengkap dikembalikan
pencatatan_pendataan: Buku register
tambahan:
  Waktu Pemrosesan: 1 hari kerja
proses_bisnis: PB-01
riwayat:
  - tanggal: 2020-02-01
    uraian: Terbit pertama
pelaksana: [Pemohon, Petugas Loket, Kepala Seksi]
langkah:
  - kegiatan: Mengajukan permohonan
    pelaksana: Pemohon
    id: ajukan
    kelengkapan: [Formulir F-1.01, KTP]
    waktu: 5 menit
    output: Berkas permohonan
  - kegiatan: Memeriksa kelengkapan
    pelaksana: Petugas Loket
    keputusan: Berkas lengkap?
    tidak: ajukan
    waktu: 10 menit
  - kegiatan: Memverifikasi dan menandatangani
    pelaksana: [Petugas Loket, Kepala Seksi]
    keputusan: Data sah?
    tidak: selesai
    waktu: 1 jam
  - kegiatan: Mencetak KK
    pelaksana: Petugas Loket
    waktu: 15 menit
    keterangan: Diserahkan ke pemohon
  - kegiatan: Meneruskan ke pemutakhiran data
    pelaksana: Petugas Loket
    lanjut: "sop:470/SOP-PDP/002/2024"
```

Teks penutup.
"""

BERJENJANG = """\
```sop
nomor: "800/SOP-UM/010/2024"
nama: Pengarsipan Surat Masuk
unit: Bagian Umum
jenis: teknis
format: langkah-berjenjang
status: draf
langkah:
  - kegiatan: Menerima surat
    pelaksana: Arsiparis
    waktu: 5 menit
    sub:
      - kegiatan: Memeriksa alamat
      - kegiatan: Mencatat di agenda
        sub:
          - kegiatan: Memberi nomor agenda
            output: Nomor agenda
  - kegiatan: Menyimpan surat
    pelaksana: Arsiparis
    kelengkapan: [Map arsip, Lemari]
```
"""

ENGLISH = """\
```sop
number: "EN/001"
name: Handling a complaint
unit: Service Unit
type: administrative
category: service
approved_by: Head of Unit
steps:
  - activity: Receive the complaint
    actor: Clerk
    time: 10 minutes
  - activity: Is it complete?
    actor: Supervisor
    decision: true
    yes: 3
    no: 1
  - activity: Answer
    actor: Clerk
```
"""

SPLIT = """\
```sop
nomor: "SPLIT/1"
nama: Alur panjang
unit: U
baris_per_halaman: 2
langkah:
  - kegiatan: Satu
    pelaksana: A
  - kegiatan: Dua
    pelaksana: B
  - kegiatan: Tiga
    pelaksana: A
    keputusan: Ulang?
    ya: 1
    tidak: 4
  - kegiatan: Empat
    pelaksana: B
```
"""

ERROR = """\
# Halaman

```sop
nomor: 001
nama: <b>Salah</b>
unit: U
langkah:
  - kegiatan: a
    pelaksana: A
    lanjut: 9
```
"""

CASES = {"flowchart": (FLOWCHART, {}), "berjenjang": (BERJENJANG, {}), "english": (ENGLISH, {"language": "en"}),
         "split": (SPLIT, {}), "error": (ERROR, {})}


@pytest.fixture(autouse=True)
def _quiet_logs(caplog):
    caplog.set_level(logging.CRITICAL, logger="mkdocs.plugins.mkdocs_sop")


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_html(name, golden):
    text, config = CASES[name]
    golden(f"html/{name}.html", render(text, **config) + "\n")


def test_deterministic_across_processes():
    """Every case renders to the same bytes in new interpreters with other hash seeds."""
    from fresh import fresh_outputs

    here = "\x00".join(render(text, **config) for text, config in (CASES[n] for n in sorted(CASES)))
    code = ("import sys; from test_render_html import CASES, render; sys.stdout.write('\\x00'.join("
            "render(t, **c) for t, c in (CASES[n] for n in sorted(CASES))))")
    assert fresh_outputs(code) == [here, here]


# ---------------------------------------------------------------------------------------
# A small DOM from html.parser, enough to check hooks without extra dependencies
# ---------------------------------------------------------------------------------------

VOID = {"col", "img", "br", "hr", "input", "meta", "link", "source", "wbr", "area", "base", "embed",
        "param", "track"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children, self.text = tag, dict(attrs), parent, [], ""

    @property
    def classes(self):
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def all_text(self):
        return self.text + "".join(c.all_text() for c in self.children)


class Tree(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#root", {})
        self.tags_seen: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags_seen.append(tag)
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.tags_seen.append(tag)
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data):
        self.current.text += data


def dom(html: str) -> Node:
    return Tree(html).root


def test_hooks_of_a_flowchart():
    root = dom(render(FLOWCHART))
    (sop,) = root.find_all(cls="sop")
    assert sop.tag == "div" and sop.attrs["data-sop-nomor"] == "470/SOP-PDP/001/2024"
    assert len(sop.find_all("table", cls="sop-identity")) == 1
    (table,) = sop.find_all("table", cls="sop-flowchart")
    rows = table.find_all("tr")
    step_rows = [r for r in rows if "data-step" in r.attrs]
    assert [r.attrs["data-step"] for r in step_rows] == ["1", "2", "3", "4", "5"]
    expected = {
        "1": [("Pemohon", "terminator")],
        "2": [("Petugas Loket", "decision")],
        "3": [("Petugas Loket", "decision"), ("Kepala Seksi", "decision")],
        "4": [("Petugas Loket", "process")],
        "5": [("Petugas Loket", "process")],
    }
    for row in step_rows:
        cells = [(td.attrs["data-actor"], td.attrs["data-symbol"]) for td in row.children
                 if td.tag == "td" and "data-actor" in td.attrs]
        assert cells == expected[row.attrs["data-step"]], row.attrs["data-step"]
        for td in row.children:
            if "data-symbol" in td.attrs:
                assert td.attrs["data-symbol"] in {"terminator", "process", "decision"}
    # the flow continues in another SOP: an off-page connector
    connectors = sop.find_all(data_symbol="connector")
    assert [c.attrs.get("data-sop") for c in connectors] == ["470/SOP-PDP/002/2024"]
    # the decision's "tidak: selesai" branch ends in a small end terminator mark
    assert len(sop.find_all(cls="sop-mark-end")) == 1
    # no error box, no diagram (diagram: false)
    assert not root.find_all(cls="sop-error") and not root.find_all(cls="sop-diagram")
    # the official column headers
    heads = [th.all_text() for th in table.find_all("th")]
    for word in ("No", "Kegiatan", "Pelaksana", "Mutu Baku", "Kelengkapan", "Waktu", "Output", "Keterangan",
                 "Pemohon", "Petugas Loket", "Kepala Seksi"):
        assert word in heads, word


def test_hooks_of_page_split_connectors():
    root = dom(render(SPLIT))
    tables = root.find_all("table", cls="sop-flowchart")
    assert [t.attrs["data-page"] for t in tables] == ["1", "2"]
    connector_rows = root.find_all("tr", data_connector="connector-out") + root.find_all(
        "tr", data_connector="connector-in")
    assert len(connector_rows) == 2
    cells = [td for r in connector_rows for td in r.children if td.attrs.get("data-symbol")]
    assert {td.attrs["data-symbol"] for td in cells} == {"connector"}
    # the loop from step 3 back to step 1 crosses a page: a lettered pair of marks
    letters = [m.attrs["data-letter"] for m in root.find_all(data_symbol="connector") if "data-letter" in m.attrs]
    assert sorted(letters) == ["B", "B"]


def test_list_format_hooks():
    root = dom(render(BERJENJANG))
    (sop,) = root.find_all(cls="sop")
    assert sop.attrs["data-sop-nomor"] == "800/SOP-UM/010/2024" and "sop-status-draf" in sop.classes
    assert not sop.find_all("table", cls="sop-flowchart")
    numbers = [li.attrs["data-step"] for li in sop.find_all("li", cls="sop-step")]
    assert numbers == ["1", "1.1", "1.2", "1.2.1", "2"]


def test_error_box():
    root = dom(render(ERROR))
    (box,) = root.find_all(cls="sop-error")
    assert not root.find_all(cls="sop")
    text = box.all_text()
    assert "<sop>:4" in text  # the block's own line (no page path when rendered alone)
    assert 'nomor: "001"' in text  # the hint tells what to do
    assert "<b>Salah</b>" in text  # the YAML is shown, as text
    assert "b" not in [n.tag for n in box.iter()]


def test_unclosed_fence_gives_error_box():
    html = render("# T\n\n```sop\nnomor: '1'\nnama: x\n")
    (box,) = dom(html).find_all(cls="sop-error")
    assert "tidak pernah ditutup" in box.all_text() and ":3" in box.all_text()


# ---------------------------------------------------------------------------------------
# Escaping: editor text is never trusted
# ---------------------------------------------------------------------------------------

EVIL = '<script>alert(1)</script> "quoted" & amp'


def evil_sop(fmt: str = "diagram-alir") -> str:
    e = EVIL.replace("'", "''")
    q = f"'{e}'"
    steps = f"""\
  - kegiatan: {q}
    pelaksana: {q}
    id: x
    kelengkapan: [{q}, {q}]
    waktu: {q}
    output: {q}
    keterangan: {q}
  - kegiatan: {q}
    pelaksana: {q}
""" + (f"""\
    keputusan: {q}
    tidak: x
    ya: 'sop:{e}'
""" if fmt == "diagram-alir" else f"""\
""")
    return f"""```sop
nomor: {q}
nama: {q}
unit: [{q}, {q}]
instansi: {q}
format: {fmt}
tanggal_pembuatan: {q}
tanggal_revisi: {q}
tanggal_efektif: {q}
disahkan_oleh:
  jabatan: {q}
  nama: {q}
  pangkat: {q}
  nip: {q}
dasar_hukum: [{q}]
kualifikasi_pelaksana: [{q}]
keterkaitan: [{q}]
peralatan_perlengkapan: {q}
peringatan: {q}
pencatatan_pendataan: {q}
tambahan:
  {q}: {q}
proses_bisnis: {q}
menggantikan: [{q}]
riwayat:
  - tanggal: {q}
    uraian: {q}
langkah:
{steps}```
"""


@pytest.mark.parametrize("fmt", ["diagram-alir", "langkah-sederhana"])
def test_every_text_field_is_escaped(fmt):
    html = render(evil_sop(fmt))
    tree = Tree(html)
    assert "script" not in tree.tags_seen
    assert "<script>" not in html and "</script>" not in html  # `<` inside a quoted attribute is inert
    root = tree.root
    (sop,) = root.find_all(cls="sop")
    assert sop.attrs["data-sop-nomor"] == EVIL  # attribute value round-trips
    text = sop.all_text()
    assert text.count(EVIL) >= 15, text.count(EVIL)
    for node in root.iter():
        for name, value in node.attrs.items():
            assert not name.startswith("on"), name


def test_escaped_in_error_box():
    html = render("```sop\nnomor: '<script>alert(1)</script>'\nnama: \"&\"\nzzz: <img src=x onerror=alert(1)>\n```\n")
    tree = Tree(html)
    assert "script" not in tree.tags_seen and "img" not in tree.tags_seen
    assert tree.root.find_all(cls="sop-error")


def test_render_sop_and_to_html_directly_are_deterministic():
    result = parse_block(FLOWCHART.split("```sop\n")[1].split("```")[0], "x.md", 6)
    options = RenderOptions(labels=label_set("id", {}), diagram=False)
    a = to_html(render_sop(result.sop, options))
    assert a.startswith('<div id="sop-470-sop-pdp-001-2024"')
    box = to_html(render_errors([], label_set("id", {}), "x"))
    assert 'class="sop-error' in box
