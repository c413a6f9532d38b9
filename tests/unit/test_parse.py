"""Parsing one ``sop`` block: every key of SOP-FORMAT.md sections 2-4, its alias and its shape.

Every error test builds a whole Markdown page (prose before the fence) and asserts the
line **in the Markdown file**, the key, and that the message plus hint say what to do.
"""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from page_support import line_of, make_page

from mkdocs_sop.core.fences import find_blocks
from mkdocs_sop.core.model import (
    Approval,
    ParseResult,
    Severity,
    SopCategory,
    SopFormat,
    SopStatus,
    SopType,
    Symbol,
    TargetKind,
)
from mkdocs_sop.core.parse import parse_block as _parse_block
from mkdocs_sop.core.yamlload import load

PATH = "docs/layanan/kk.md"


def parse_block(*args, **kwargs):
    """The parser with English messages, which these tests quote (Indonesian: test_messages.py)."""
    return _parse_block(*args, language="en", **kwargs)


def parse_page(yaml_body: str, front: str | None = None) -> tuple[str, ParseResult]:
    """Parse the single block of a page made around ``yaml_body``, as the plugin does."""
    text = make_page(yaml_body) if front is None else make_page(yaml_body, front=front)
    blocks = find_blocks(text.splitlines())
    assert len(blocks) == 1 and blocks[0].closed
    return text, parse_block(blocks[0].body, PATH, blocks[0].first_body_line)


def errors(result: ParseResult):
    return [d for d in result.diagnostics if d.severity is Severity.ERROR]


def warnings(result: ParseResult):
    return [d for d in result.diagnostics if d.severity is Severity.WARNING]


def the_error(result: ParseResult, key: str | None = None):
    """The one error (optionally: the one about ``key``); it must be usable by an editor."""
    found = errors(result)
    if key is not None:
        found = [d for d in found if d.key == key]
    assert len(found) == 1, [d.format() for d in result.diagnostics]
    d = found[0]
    assert not result.ok and result.sop is None
    assert d.path == PATH
    assert d.message and d.hint, d.format()
    return d


IDENTITY = """\
nomor: "470/SOP-PDP/001/2024"
nama: Penerbitan Kartu Keluarga Baru
unit: Dinas Kependudukan dan Pencatatan Sipil
"""

TWO_STEPS = """\
langkah:
  - kegiatan: Menerima berkas permohonan
    pelaksana: Petugas Loket
  - kegiatan: Menerbitkan KK
    pelaksana: Kepala Seksi
"""

GOOD = IDENTITY + TWO_STEPS


def sop_with_steps(steps: str, extra: str = "") -> str:
    return IDENTITY + extra + "langkah:\n" + steps


# ---------------------------------------------------------------------------------------
# A complete SOP, written once with Indonesian keys and once with English aliases.
# ---------------------------------------------------------------------------------------

FULL_ID = """\
nomor: "470/SOP-PDP/001/2024"
nama: Penerbitan Kartu Keluarga Baru
unit:
  - Dinas Kependudukan dan Pencatatan Sipil
  - Bidang Pelayanan Pendaftaran Penduduk
instansi: Pemerintah Kabupaten Contoh
jenis: administratif
kategori: pelayanan
format: diagram-alir
tanggal_pembuatan: 2024-01-10
tanggal_revisi: 14 Juni 2024
tanggal_efektif: Juli 2024
disahkan_oleh:
  jabatan: Kepala Dinas
  nama: Drs. Budi Santoso
  pangkat: Pembina Utama Muda
  nip: "19640824 199102 1 002"
dasar_hukum:
  - Undang-Undang Nomor 24 Tahun 2013
  - Permen PANRB No. 35 Tahun 2012
kualifikasi_pelaksana: Memahami administrasi kependudukan
keterkaitan:
  - 470/SOP-PDP/002/2024
peralatan_perlengkapan: [Komputer, Printer]
peringatan: Berkas tidak lengkap dikembalikan
pencatatan_pendataan: Buku register
tambahan:
  Definisi: KK adalah kartu keluarga
  Waktu Pemrosesan: 1 hari
proses_bisnis: PB-01
status: berlaku
menggantikan: [470/SOP-PDP/000/2020]
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
    keterangan: Di loket
  - kegiatan: Memeriksa kelengkapan
    pelaksana: Petugas Loket
    keputusan: Berkas lengkap?
    ya: 3
    tidak: ajukan
  - kegiatan: Menandatangani KK
    pelaksana: [Kepala Seksi, Petugas Loket]
    lanjut: selesai
"""

ALIASES = {
    "nomor": "number", "nama": "name", "unit": "unit", "instansi": "institution", "jenis": "type",
    "kategori": "category", "format": "format", "tanggal_pembuatan": "created",
    "tanggal_revisi": "revised", "tanggal_efektif": "effective", "disahkan_oleh": "approved_by",
    "dasar_hukum": "legal_basis", "kualifikasi_pelaksana": "qualifications",
    "keterkaitan": "related", "peralatan_perlengkapan": "equipment", "peringatan": "warning",
    "pencatatan_pendataan": "records", "tambahan": "extra", "proses_bisnis": "business_process",
    "status": "status", "menggantikan": "supersedes", "riwayat": "history", "pelaksana": "actors",
    "langkah": "steps",
}
STEP_ALIASES = {
    "kegiatan": "activity", "pelaksana": "actor", "id": "id", "kelengkapan": "requirements",
    "waktu": "time", "output": "output", "keterangan": "notes", "keputusan": "decision",
    "ya": "yes", "tidak": "no", "lanjut": "next",
}
APPROVAL_ALIASES = {"jabatan": "title", "nama": "name", "pangkat": "rank", "nip": "id"}
REVISION_ALIASES = {"tanggal": "date", "uraian": "change"}
ENUM_EN = {"administratif": "administrative", "pelayanan": "service", "berlaku": "in-force"}


def to_english(text: str) -> str:
    """Rewrite every key (by its indentation level) and enum value to the English alias."""
    out = []
    section = ""
    for line in text.splitlines():
        m = re.match(r"^(\s*)(- )?([a-z_]+):(.*)$", line)
        if m:
            indent, dash, key, rest = m.groups()
            depth = len(indent) + (2 if dash else 0)
            if depth == 0:
                section = key
                key = ALIASES.get(key, key)
                value = rest.strip()
                if value in ENUM_EN:
                    rest = " " + ENUM_EN[value]
            elif section == "langkah":
                key = STEP_ALIASES.get(key, key)
            elif section == "disahkan_oleh":
                key = APPROVAL_ALIASES.get(key, key)
            elif section == "riwayat":
                key = REVISION_ALIASES.get(key, key)
            line = f"{indent}{dash or ''}{key}:{rest}"
        out.append(line)
    return "\n".join(out) + "\n"


def test_full_indonesian_sop_parses_every_field():
    text, result = parse_page(FULL_ID)
    assert result.ok and result.diagnostics == (), [d.format() for d in result.diagnostics]
    sop = result.sop
    assert sop.nomor == "470/SOP-PDP/001/2024"
    assert sop.nama == "Penerbitan Kartu Keluarga Baru"
    assert sop.unit == ("Dinas Kependudukan dan Pencatatan Sipil", "Bidang Pelayanan Pendaftaran Penduduk")
    assert sop.instansi == "Pemerintah Kabupaten Contoh"
    assert sop.jenis is SopType.ADMINISTRATIF
    assert sop.kategori is SopCategory.PELAYANAN
    assert sop.format is SopFormat.DIAGRAM_ALIR
    assert sop.tanggal_pembuatan.date == dt.date(2024, 1, 10)
    assert sop.tanggal_revisi.date == dt.date(2024, 6, 14)
    assert sop.tanggal_efektif.text == "Juli 2024" and sop.tanggal_efektif.date is None
    assert sop.tanggal_efektif.year == 2024 and sop.tanggal_efektif.month == 7
    assert sop.disahkan_oleh == Approval("Kepala Dinas", "Drs. Budi Santoso", "Pembina Utama Muda",
                                         "19640824 199102 1 002")
    assert sop.dasar_hukum == ("Undang-Undang Nomor 24 Tahun 2013", "Permen PANRB No. 35 Tahun 2012")
    assert sop.kualifikasi_pelaksana == ("Memahami administrasi kependudukan",)
    assert sop.keterkaitan == ("470/SOP-PDP/002/2024",)
    assert sop.peralatan_perlengkapan == ("Komputer", "Printer")
    assert sop.peringatan == ("Berkas tidak lengkap dikembalikan",)
    assert sop.pencatatan_pendataan == ("Buku register",)
    assert sop.tambahan == (("Definisi", "KK adalah kartu keluarga"), ("Waktu Pemrosesan", "1 hari"))
    assert sop.proses_bisnis == "PB-01"
    assert sop.status is SopStatus.BERLAKU
    assert sop.menggantikan == ("470/SOP-PDP/000/2020",)
    assert [(r.tanggal.date, r.uraian) for r in sop.riwayat] == [(dt.date(2020, 2, 1), "Terbit pertama")]
    assert sop.pelaksana == ("Pemohon", "Petugas Loket", "Kepala Seksi")
    s1, s2, s3 = sop.steps
    assert (s1.number, s1.index, s1.kegiatan, s1.pelaksana, s1.id) == ("1", 1, "Mengajukan permohonan",
                                                                         ("Pemohon",), "ajukan")
    assert s1.kelengkapan == ("Formulir F-1.01", "KTP")
    assert (s1.waktu, s1.output, s1.keterangan) == ("5 menit", "Berkas permohonan", "Di loket")
    assert s1.next.kind is TargetKind.STEP and s1.next.step == 2
    assert s2.decision and s2.question == "Berkas lengkap?"
    assert s2.yes.step == 3 and s2.no.step == 1 and s2.no.written == "ajukan"
    assert s3.pelaksana == ("Kepala Seksi", "Petugas Loket")
    assert s3.next.kind is TargetKind.END
    # Lines point into the Markdown file.
    assert s1.line == line_of(text, "- kegiatan: Mengajukan permohonan")
    assert s3.line == line_of(text, "- kegiatan: Menandatangani KK")
    assert sop.lines["nomor"] == line_of(text, "nomor:")
    assert sop.lines["langkah"] == line_of(text, "langkah:")
    assert sop.line == line_of(text, "```sop")
    assert sop.source_path == PATH


def test_english_aliases_give_the_same_sop():
    english = to_english(FULL_ID)
    # the rewrite really touched every kind of key
    for word in ("number:", "name:", "institution:", "type: administrative", "category: service",
                 "created:", "revised:", "effective:", "approved_by:", "  title:", "  rank:", "  id:",
                 "legal_basis:", "qualifications:", "related:", "equipment:", "warning:", "records:",
                 "extra:", "business_process:", "status: in-force", "supersedes:", "history:",
                 "  - date:", "    change:", "actors:", "steps:", "  - activity:", "    actor:",
                 "    requirements:", "    time:", "    notes:", "    decision:", "    yes:",
                 "    no:", "    next:"):
        assert word in english, word
    assert "nomor" not in english and "kegiatan" not in english
    _, indonesian = parse_page(FULL_ID)
    _, result = parse_page(english)
    assert result.ok and result.diagnostics == (), [d.format() for d in result.diagnostics]
    assert result.sop == indonesian.sop


@pytest.mark.parametrize("alias", ["name", "judul", "title"])
def test_every_alias_of_nama(alias):
    _, result = parse_page(GOOD.replace("nama:", f"{alias}:"))
    assert result.ok and result.sop.nama == "Penerbitan Kartu Keluarga Baru"


def test_keys_are_case_insensitive():
    _, result = parse_page(GOOD.replace("nomor:", "Nomor:").replace("nama:", "NAMA:"))
    assert result.ok, [d.format() for d in result.diagnostics]


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("jenis", "administratif", SopType.ADMINISTRATIF), ("jenis", "administrative", SopType.ADMINISTRATIF),
    ("jenis", "teknis", SopType.TEKNIS), ("jenis", "technical", SopType.TEKNIS),
    ("jenis", "Teknis", SopType.TEKNIS),
    ("kategori", "pelayanan", SopCategory.PELAYANAN), ("kategori", "service", SopCategory.PELAYANAN),
    ("kategori", "rutin", SopCategory.RUTIN), ("kategori", "routine", SopCategory.RUTIN),
    ("kategori", "penugasan", SopCategory.PENUGASAN), ("kategori", "assignment", SopCategory.PENUGASAN),
    ("format", "diagram-alir", SopFormat.DIAGRAM_ALIR),
    ("format", "langkah-sederhana", SopFormat.LANGKAH_SEDERHANA),
    ("format", "langkah-berjenjang", SopFormat.LANGKAH_BERJENJANG),
    ("status", "berlaku", SopStatus.BERLAKU), ("status", "in-force", SopStatus.BERLAKU),
    ("status", "draf", SopStatus.DRAF), ("status", "draft", SopStatus.DRAF),
    ("status", "dicabut", SopStatus.DICABUT), ("status", "revoked", SopStatus.DICABUT),
    ("status", "digantikan", SopStatus.DIGANTIKAN), ("status", "superseded", SopStatus.DIGANTIKAN),
])
def test_enum_values_in_both_languages(key, value, expected):
    body = IDENTITY + f"{key}: {value}\n" + TWO_STEPS
    if key == "jenis" and expected is SopType.TEKNIS:
        body = body.replace("pelaksana: Kepala Seksi", "pelaksana: Petugas Loket")
    _, result = parse_page(body)
    assert result.ok and not result.diagnostics, [d.format() for d in result.diagnostics]
    attr = {"jenis": "jenis", "kategori": "kategori", "format": "format", "status": "status"}[key]
    assert getattr(result.sop, attr) is expected


def test_defaults():
    _, result = parse_page(GOOD)
    sop = result.sop
    assert sop.jenis is SopType.ADMINISTRATIF and sop.format is SopFormat.DIAGRAM_ALIR
    assert sop.status is SopStatus.BERLAKU and sop.kategori is None
    assert sop.instansi == "" and sop.unit == ("Dinas Kependudukan dan Pencatatan Sipil",)
    # actors in order of first appearance when `pelaksana` is absent
    assert sop.pelaksana == ("Petugas Loket", "Kepala Seksi")


def test_default_instansi_from_site_config():
    text = make_page(GOOD)
    block = find_blocks(text.splitlines())[0]
    result = parse_block(block.body, PATH, block.first_body_line, default_instansi="Pemkab Contoh")
    assert result.sop.instansi == "Pemkab Contoh"
    result = parse_block("instansi: Pemkot Lain\n" + block.body, PATH, block.first_body_line,
                         default_instansi="Pemkab Contoh")
    assert result.sop.instansi == "Pemkot Lain"


def test_approval_as_plain_position():
    _, result = parse_page(IDENTITY + "disahkan_oleh: Kepala Dinas\n" + TWO_STEPS)
    assert result.sop.disahkan_oleh == Approval(jabatan="Kepala Dinas")


@pytest.mark.parametrize("written", ["2024-01-10", "14 Juni 2012", "June 2020", "2019", "'10/01/2024'"])
def test_dates_in_every_form_are_accepted(written):
    _, result = parse_page(IDENTITY + f"tanggal_pembuatan: {written}\n" + TWO_STEPS)
    assert result.ok, [d.format() for d in result.diagnostics]
    assert result.sop.tanggal_pembuatan.text


def test_tambahan_list_value_joined_and_order_kept():
    body = IDENTITY + "tambahan:\n  Jenis Layanan: [Baru, Perubahan]\n  Definisi: x\n" + TWO_STEPS
    _, result = parse_page(body)
    assert result.sop.tambahan == (("Jenis Layanan", "Baru; Perubahan"), ("Definisi", "x"))


# ---------------------------------------------------------------------------------------
# YAML details: yes/no stay text, duplicates are reported
# ---------------------------------------------------------------------------------------

def test_yes_no_on_off_stay_text():
    data = load("yes: no\nno: yes\non: off\ny: n\nflag: true\nother: False\n")
    assert dict(data) == {"yes": "no", "no": "yes", "on": "off", "y": "n", "flag": True, "other": False}


def test_english_yes_no_keys_on_a_decision():
    steps = """\
  - activity: Check
    actor: Clerk
    decision: Complete?
    yes: 2
    no: end
  - activity: Issue
    actor: Clerk
"""
    _, result = parse_page(sop_with_steps(steps))
    assert result.ok, [d.format() for d in result.diagnostics]
    step = result.sop.steps[0]
    assert step.yes.step == 2 and step.no.kind is TargetKind.END


def test_values_yes_and_no_are_not_booleans():
    steps = "  - kegiatan: Menjawab\n    pelaksana: Petugas\n    keterangan: yes\n    output: no\n"
    _, result = parse_page(sop_with_steps(steps))
    assert result.ok
    assert (result.sop.steps[0].keterangan, result.sop.steps[0].output) == ("yes", "no")


@pytest.mark.parametrize(("body", "needle", "key"), [
    (GOOD + 'nomor: "470/SOP/9"\n', 'nomor: "470/SOP/9"', "nomor"),
    (sop_with_steps("  - kegiatan: a\n    pelaksana: A\n    kegiatan: b\n"), "kegiatan: b",
     "langkah[1].kegiatan"),
    (IDENTITY + "disahkan_oleh:\n  nama: A\n  nama: B\n" + TWO_STEPS, "nama: B", "disahkan_oleh.nama"),
    (IDENTITY + "tambahan:\n  Definisi: a\n  Definisi: b\n" + TWO_STEPS, "Definisi: b", "tambahan.Definisi"),
    (IDENTITY + "riwayat:\n  - tanggal: 2020\n    uraian: a\n    uraian: b\n" + TWO_STEPS, "uraian: b",
     "riwayat[1].uraian"),
])
def test_duplicate_yaml_keys_are_reported(body, needle, key):
    text, result = parse_page(body)
    d = the_error(result, key)
    assert d.line == line_of(text, needle)
    assert "twice" in d.message and "Keep only one" in d.hint


# ---------------------------------------------------------------------------------------
# Key + alias, unknown keys, missing keys
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("key", "alias"), [(k, a) for k, a in ALIASES.items() if k != a]
                         + [("nama", "judul"), ("nama", "title")])
def test_identity_key_with_its_alias_is_an_error(key, alias):
    text, result = parse_page(FULL_ID + f"{alias}: x\n")
    d = the_error(result, alias)
    assert d.line == line_of(text, f"{alias}: x")
    assert f"`{key}`" in d.message and "Keep only one" in d.hint


@pytest.mark.parametrize(("key", "alias"), [(k, a) for k, a in STEP_ALIASES.items() if k != a]
                         + [("sub", "substeps")])
def test_step_key_with_its_alias_is_an_error(key, alias):
    steps = f"  - kegiatan: a\n    pelaksana: A\n    {key}: 1\n    {alias}: 1\n"
    text, result = parse_page(sop_with_steps(steps))
    d = the_error(result, f"langkah[1].{alias}")
    assert d.line == line_of(text, f"{alias}: 1")
    assert f"`{key}`" in d.message and "Keep only one" in d.hint


@pytest.mark.parametrize(("key", "alias"), list(APPROVAL_ALIASES.items()))
def test_approval_key_with_its_alias_is_an_error(key, alias):
    body = IDENTITY + f"disahkan_oleh:\n  {key}: a\n  {alias}: b\n" + TWO_STEPS
    text, result = parse_page(body)
    d = the_error(result, f"disahkan_oleh.{alias}")
    assert d.line == line_of(text, f"  {alias}: b")


@pytest.mark.parametrize(("key", "alias"), list(REVISION_ALIASES.items()))
def test_revision_key_with_its_alias_is_an_error(key, alias):
    body = IDENTITY + f"riwayat:\n  - tanggal: 2020\n    uraian: a\n    {alias}: '2021'\n" + TWO_STEPS
    text, result = parse_page(body)
    d = the_error(result, f"riwayat[1].{alias}")
    assert d.line == line_of(text, f"    {alias}: ")


@pytest.mark.parametrize(("body", "needle", "key", "suggestion"), [
    (GOOD + "namaa: x\n", "namaa:", "namaa", "nama"),
    (GOOD + "tanggal_pembuatn: 2020\n", "tanggal_pembuatn", "tanggal_pembuatn", "tanggal_pembuatan"),
    (GOOD + "keterkaitn: [a]\n", "keterkaitn", "keterkaitn", "keterkaitan"),
    (sop_with_steps("  - kegiatan: a\n    pelaksana: A\n    kelengkapn: x\n"), "kelengkapn",
     "langkah[1].kelengkapn", "kelengkapan"),
    (sop_with_steps("  - kegiatan: a\n    pelaksana: A\n    waktuu: 5 menit\n"), "waktuu",
     "langkah[1].waktuu", "waktu"),
    (IDENTITY + "disahkan_oleh:\n  jabatn: Kepala\n" + TWO_STEPS, "jabatn", "disahkan_oleh.jabatn",
     "jabatan"),
    (IDENTITY + "riwayat:\n  - tanggal: 2020\n    uraiann: a\n" + TWO_STEPS, "uraiann",
     "riwayat[1].uraiann", "uraian"),
])
def test_unknown_key_with_did_you_mean(body, needle, key, suggestion):
    text, result = parse_page(body)
    d = [e for e in errors(result) if e.key == key]
    assert len(d) == 1, [e.format() for e in result.diagnostics]
    d = d[0]
    assert d.line == line_of(text, needle) and d.path == PATH
    assert "unknown key" in d.message
    assert d.hint == f"Did you mean `{suggestion}`?"
    assert result.sop is None


def test_unknown_key_without_close_match_lists_known_keys():
    text, result = parse_page(GOOD + "zzzqqq: 1\n")
    d = the_error(result, "zzzqqq")
    assert d.line == line_of(text, "zzzqqq")
    assert "Known keys:" in d.hint and "`nomor`" in d.hint and "`langkah`" in d.hint


@pytest.mark.parametrize("missing", ["nomor", "nama", "unit", "langkah"])
def test_missing_required_identity_key(missing):
    body = "\n".join(line for line in GOOD.splitlines() if not line.startswith(f"{missing}:"))
    if missing == "langkah":
        body = IDENTITY
    text, result = parse_page(body + "\n")
    d = the_error(result, missing)
    assert "required but missing" in d.message and f"Add `{missing}:`" in d.hint
    assert d.line == line_of(text, "```sop") + 1  # the block's first line


@pytest.mark.parametrize("missing", ["kegiatan", "pelaksana"])
def test_missing_required_step_key(missing):
    other = "pelaksana: A" if missing == "kegiatan" else "kegiatan: Mencatat"
    text, result = parse_page(sop_with_steps(f"  - {other}\n    waktu: 5 menit\n"))
    d = the_error(result, f"langkah[1].{missing}")
    assert d.line == line_of(text, f"- {other}")
    assert f"Add `{missing}:`" in d.hint


@pytest.mark.parametrize("missing", ["tanggal", "uraian"])
def test_missing_required_revision_key(missing):
    item = "uraian: a" if missing == "tanggal" else "tanggal: 2020"
    text, result = parse_page(IDENTITY + f"riwayat:\n  - {item}\n" + TWO_STEPS)
    d = the_error(result, f"riwayat[1].{missing}")
    assert d.line == line_of(text, f"- {item}")


@pytest.mark.parametrize(("body", "needle", "key"), [
    (GOOD.replace("nama: Penerbitan Kartu Keluarga Baru", "nama:"), "nama:", "nama"),
    (GOOD.replace('nomor: "470/SOP-PDP/001/2024"', "nomor: ''"), "nomor:", "nomor"),
    (GOOD.replace("nomor: \"470/SOP-PDP/001/2024\"", "nomor:"), "nomor:", "nomor"),
    (GOOD.replace("unit: Dinas Kependudukan dan Pencatatan Sipil", "unit: []"), "unit:", "unit"),
    (IDENTITY + "langkah:\n", "langkah:", "langkah"),
    (IDENTITY + "langkah: []\n", "langkah:", "langkah"),
    (sop_with_steps("  - kegiatan:\n    pelaksana: A\n"), "- kegiatan:", "langkah[1].kegiatan"),
    (sop_with_steps("  - kegiatan: a\n    pelaksana: []\n"), "pelaksana: []", "langkah[1].pelaksana"),
])
def test_empty_required_values(body, needle, key):
    text, result = parse_page(body)
    d = the_error(result, key)
    assert d.line == line_of(text, needle)


# ---------------------------------------------------------------------------------------
# Wrong shapes
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "needle", "key", "hint_part"), [
    (GOOD.replace('nomor: "470/SOP-PDP/001/2024"', "nomor: 001"), "nomor: 001", "nomor", 'nomor: "001"'),
    (GOOD.replace('nomor: "470/SOP-PDP/001/2024"', "nomor: 1.10"), "nomor: 1.10", "nomor", 'nomor: "1.10"'),
    (GOOD.replace('nomor: "470/SOP-PDP/001/2024"', "nomor: 2024-01-10"), "nomor: 2024", "nomor",
     'nomor: "2024-01-10"'),
    (GOOD.replace("nama: Penerbitan Kartu Keluarga Baru", "nama: true"), "nama: true", "nama", '"true"'),
    (GOOD.replace("unit: Dinas Kependudukan dan Pencatatan Sipil", "unit: 12"), "unit: 12", "unit",
     'unit: "12"'),
    (GOOD.replace("unit: Dinas Kependudukan dan Pencatatan Sipil", "unit: {a: b}"), "unit:", "unit",
     "one item per line"),
    (IDENTITY + "langkah:\n  kegiatan: a\n  pelaksana: A\n", "langkah:", "langkah", "- kegiatan"),
    (IDENTITY + "langkah: 5\n", "langkah:", "langkah", "- kegiatan"),
    (IDENTITY + "dasar_hukum:\n  uu: UU 24/2013\n" + TWO_STEPS, "dasar_hukum:", "dasar_hukum",
     "one item per line"),
    (IDENTITY + "pelaksana: {a: b}\n" + TWO_STEPS, "pelaksana: {", "pelaksana", "one item per line"),
    (IDENTITY + "tambahan: [a, b]\n" + TWO_STEPS, "tambahan:", "tambahan", ""),
    (IDENTITY + "tambahan:\n  Definisi: 5\n" + TWO_STEPS, "Definisi: 5", "tambahan.Definisi", "quotes"),
    (IDENTITY + "riwayat:\n  tanggal: 2020\n" + TWO_STEPS, "riwayat:", "riwayat", ""),
    (IDENTITY + "riwayat:\n  - 2020\n" + TWO_STEPS, "- 2020", "riwayat[1]", None),
    (IDENTITY + "disahkan_oleh: [a, b]\n" + TWO_STEPS, "disahkan_oleh:", "disahkan_oleh", ""),
    (IDENTITY + "disahkan_oleh:\n  nip: 196408241991021002\n" + TWO_STEPS, "nip:", "disahkan_oleh.nip",
     "quotes"),
    (IDENTITY + "tanggal_efektif: [2020]\n" + TWO_STEPS, "tanggal_efektif:", "tanggal_efektif", ""),
    (IDENTITY + "jenis: [teknis]\n" + TWO_STEPS, "jenis:", "jenis", ""),
    (IDENTITY + "kategori: servis\n" + TWO_STEPS, "kategori:", "kategori", "Did you mean `service`?"),
    (IDENTITY + "format: flowchart\n" + TWO_STEPS, "format:", "format", "`diagram-alir`"),
    (IDENTITY + "baris_per_halaman: banyak\n" + TWO_STEPS, "baris_per_halaman", "baris_per_halaman",
     "baris_per_halaman: 12"),
    (IDENTITY + "keterkaitan:\n  - 470/1\n  - {a: b}\n" + TWO_STEPS, "- {a: b}", "keterkaitan", None),
    (IDENTITY + "dasar_hukum:\n  - 2013\n" + TWO_STEPS, "- 2013", "dasar_hukum", "quotes"),
    (sop_with_steps("  - kegiatan: a\n    pelaksana: A\n    waktu: 15\n"), "waktu: 15",
     "langkah[1].waktu", "waktu: 15 menit"),
    (sop_with_steps("  - kegiatan: [a, b]\n    pelaksana: A\n"), "kegiatan: [", "langkah[1].kegiatan", None),
    (sop_with_steps("  - kegiatan: a\n    pelaksana: {A: B}\n"), "pelaksana: {", "langkah[1].pelaksana",
     None),
    (sop_with_steps("  - kegiatan: a\n    pelaksana: A\n    output: [x, y]\n"), "output:",
     "langkah[1].output", None),
    (sop_with_steps("  - kegiatan: a\n    pelaksana: A\n    kelengkapan: {a: b}\n"), "kelengkapan:",
     "langkah[1].kelengkapan", None),
    (sop_with_steps("  - kegiatan: a\n    pelaksana: A\n    keputusan: 5\n    tidak: selesai\n"),
     "keputusan: 5", "langkah[1].keputusan", "Write the question the step decides"),
    (sop_with_steps("  - kegiatan: a\n    pelaksana: A\n    id: [a]\n"), "id: [a]", "langkah[1].id", None),
    (sop_with_steps("  - kegiatan: a\n    pelaksana: A\n    id: 7\n"), "id: 7", "langkah[1].id",
     "id: langkah-7"),
    (sop_with_steps("  - Menerima berkas\n"), "- Menerima berkas", "langkah[1]", "- kegiatan: ..."),
])
def test_wrong_shapes(body, needle, key, hint_part):
    text, result = parse_page(body)
    found = [d for d in errors(result) if d.key == key]
    assert len(found) == 1, [d.format() for d in result.diagnostics]
    d = found[0]
    assert result.sop is None and d.path == PATH
    assert d.line == line_of(text, needle), d.format()
    assert d.message
    if hint_part is not None:
        assert hint_part in d.hint, d.format()
    if hint_part:
        assert d.hint


def test_not_a_mapping_at_all():
    text, result = parse_page("- nomor: 1\n- nama: x\n")
    d = the_error(result)
    assert d.line == line_of(text, "- nomor")
    assert "mapping" in d.message and "nomor:" in d.hint


def test_empty_block():
    text, result = parse_page("")
    d = the_error(result)
    assert d.line == line_of(text, "```sop") + 1


# ---------------------------------------------------------------------------------------
# YAML that does not parse
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "needle", "code", "words"), [
    (GOOD.replace("    pelaksana: Petugas Loket", "\tpelaksana: Petugas Loket"), "\tpelaksana", "yaml-tab", ["tab"]),
    (GOOD.replace("nama: Penerbitan Kartu Keluarga Baru", "nama: Penerbitan\n  unit: x: y"), "unit: x: y",
     "yaml-indent", ["lined up"]),
    (GOOD.replace("nama: Penerbitan Kartu Keluarga Baru", "nama: Periksa: data"), "nama: Periksa",
     "yaml-colon-in-value", ["colon"]),
    (GOOD.replace("    pelaksana: Kepala Seksi", "      pelaksana: Kepala Seksi"), "      pelaksana: Kepala",
     "yaml-indent", ["lined up"]),
    (GOOD.replace("  - kegiatan: Menerbitkan KK", "    - kegiatan: Menerbitkan KK"), "- kegiatan: Menerbitkan",
     "yaml-indent", ["lined up"]),
    (GOOD.replace("nama: Penerbitan Kartu Keluarga Baru", 'nama: "Penerbitan Kartu Keluarga Baru'), 'nama: "',
     "yaml-unclosed-quote", ["quote"]),
    (GOOD.replace("nama: Penerbitan Kartu Keluarga Baru", "nama: 'Penerbitan"), "nama: 'Penerbitan",
     "yaml-unclosed-quote", ["quote"]),
    (GOOD + "unit2: [a, b\n", "unit2: [a, b", "yaml-unclosed-bracket", ["never closed"]),
])
def test_yaml_that_does_not_parse(body, needle, code, words):
    text, result = parse_page(body)
    d = the_error(result)
    assert d.code == code, d.format()
    assert d.line == line_of(text, needle), d.format()
    assert d.column >= 1
    assert d.source == text.splitlines()[d.line - 1]  # the line is quoted under the message
    for word in words:
        assert word in d.message.lower()
    assert "scanning" not in d.message and "parsing" not in d.message  # no parser jargon


def test_yaml_error_line_with_long_front_matter_and_other_fences():
    front = "---\ntitle: x\n---\n\n# Judul\n\n```python\nprint(1)\n```\n\n" + "teks\n" * 20
    body = GOOD.replace("    pelaksana: Kepala Seksi", "\tpelaksana: Kepala Seksi")
    text, result = parse_page(body, front=front)
    assert the_error(result).line == line_of(text, "\tpelaksana") == 39


# ---------------------------------------------------------------------------------------
# Formats other than the flowchart
# ---------------------------------------------------------------------------------------

BERJENJANG = IDENTITY + """\
format: langkah-berjenjang
langkah:
  - kegiatan: Menyiapkan
    pelaksana: Petugas
    sub:
      - kegiatan: Mengumpulkan berkas
        sub:
          - kegiatan: Memeriksa KTP
          - kegiatan: Memeriksa KK
      - kegiatan: Mencatat
  - kegiatan: Menyerahkan
    pelaksana: Petugas
    substeps:
      - kegiatan: Memanggil pemohon
"""


def test_hierarchical_numbering_and_inherited_actor():
    text, result = parse_page(BERJENJANG)
    assert result.ok, [d.format() for d in result.diagnostics]
    s1, s2 = result.sop.steps
    assert [s.number for s in s1.substeps] == ["1.1", "1.2"]
    assert [s.number for s in s1.substeps[0].substeps] == ["1.1.1", "1.1.2"]
    assert s1.substeps[0].substeps[1].kegiatan == "Memeriksa KK"
    assert s2.substeps[0].number == "2.1"
    assert s1.substeps[0].substeps[0].pelaksana == ("Petugas",)
    assert s1.substeps[0].substeps[0].line == line_of(text, "Memeriksa KTP")


def test_simple_steps_format():
    body = IDENTITY + "format: langkah-sederhana\njenis: teknis\n" + TWO_STEPS.replace("Kepala Seksi",
                                                                                         "Petugas Loket")
    _, result = parse_page(body)
    assert result.ok and result.sop.format is SopFormat.LANGKAH_SEDERHANA
    assert [s.number for s in result.sop.steps] == ["1", "2"]


def test_substep_error_has_its_own_line_and_dotted_key():
    body = BERJENJANG.replace("          - kegiatan: Memeriksa KK", "          - kegiatan: Memeriksa KK\n"
                                                                      "            waktuu: 5")
    text, result = parse_page(body)
    d = the_error(result, "langkah[1].sub[1.1].sub[1.1.2].waktuu")
    assert d.line == line_of(text, "waktuu")


@pytest.mark.parametrize("fmt", ["diagram-alir", "langkah-sederhana"])
def test_sub_only_in_hierarchical_format(fmt):
    body = sop_with_steps("  - kegiatan: a\n    pelaksana: A\n    sub:\n      - kegiatan: b\n",
                          extra=f"format: {fmt}\n")
    text, result = parse_page(body)
    d = the_error(result, "langkah[1].sub")
    assert d.line == line_of(text, "sub:")
    assert "langkah-berjenjang" in d.hint


@pytest.mark.parametrize("fmt", ["langkah-sederhana", "langkah-berjenjang"])
@pytest.mark.parametrize(("key", "value"), [("keputusan", "Lengkap?"), ("ya", "2"), ("tidak", "selesai"),
                                            ("lanjut", "2"), ("decision", "true"), ("next", "selesai")])
def test_list_formats_reject_decisions_and_jumps(fmt, key, value):
    steps = f"  - kegiatan: a\n    pelaksana: A\n    {key}: {value}\n  - kegiatan: b\n    pelaksana: A\n"
    text, result = parse_page(sop_with_steps(steps, extra=f"format: {fmt}\n"))
    canonical = {"decision": "keputusan", "next": "lanjut"}.get(key, key)
    d = the_error(result, f"langkah[1].{canonical}")
    assert d.line == line_of(text, f"{key}: {value}")
    assert "not allowed" in d.message and fmt in d.message and "diagram-alir" in d.hint


def test_decision_in_a_substep_is_rejected():
    body = BERJENJANG.replace("          - kegiatan: Memeriksa KTP",
                              "          - kegiatan: Memeriksa KTP\n            keputusan: Sah?")
    text, result = parse_page(body)
    d = the_error(result, "langkah[1].sub[1.1].sub[1.1.1].keputusan")
    assert d.line == line_of(text, "keputusan: Sah?")


# ---------------------------------------------------------------------------------------
# Symbols (section 3) and multi-actor steps
# ---------------------------------------------------------------------------------------

def test_symbol_rules():
    steps = """\
  - kegiatan: Mulai
    pelaksana: A
  - kegiatan: Memeriksa
    pelaksana: B
    keputusan: Lengkap?
    tidak: 5
  - kegiatan: Memproses
    pelaksana: [A, B]
  - kegiatan: Menolak
    pelaksana: A
    lanjut: selesai
  - kegiatan: Meneruskan
    pelaksana: B
    lanjut: "sop:470/SOP/002"
"""
    _, result = parse_page(sop_with_steps(steps))
    assert result.ok, [d.format() for d in result.diagnostics]
    sop = result.sop
    symbols = [sop.symbol_of(s) for s in sop.steps]
    assert symbols == [Symbol.TERMINATOR, Symbol.DECISION, Symbol.PROCESS, Symbol.TERMINATOR, Symbol.PROCESS]
    assert sop.steps[2].pelaksana == ("A", "B")
    assert sop.steps[4].next.kind is TargetKind.SOP and sop.steps[4].next.sop == "470/SOP/002"


def test_last_step_is_an_end_terminator():
    _, result = parse_page(GOOD)
    sop = result.sop
    assert [sop.symbol_of(s) for s in sop.steps] == [Symbol.TERMINATOR, Symbol.TERMINATOR]
    assert sop.steps[-1].next.kind is TargetKind.END


def test_decision_true_without_question():
    steps = "  - kegiatan: Memeriksa\n    pelaksana: A\n    keputusan: true\n    tidak: selesai\n" \
            "  - kegiatan: b\n    pelaksana: A\n"
    _, result = parse_page(sop_with_steps(steps))
    step = result.sop.steps[0]
    assert step.decision and step.question == ""


def test_keputusan_false_is_a_plain_step():
    steps = "  - kegiatan: a\n    pelaksana: A\n    keputusan: false\n  - kegiatan: b\n    pelaksana: A\n"
    _, result = parse_page(sop_with_steps(steps))
    assert result.ok and not result.sop.steps[0].decision


# ---------------------------------------------------------------------------------------
# Nothing is dropped silently: random damage to a good block never passes unnoticed
# ---------------------------------------------------------------------------------------

def _damage(rng: random.Random, lines: list[str]) -> list[str]:
    lines = list(lines)
    i = rng.randrange(len(lines))
    kind = rng.randrange(6)
    if kind == 0:
        del lines[i]
    elif kind == 1:
        lines.insert(i, lines[i])
    elif kind == 2:
        lines[i] = "  " + lines[i]
    elif kind == 3:
        lines[i] = lines[i].replace(":", "", 1)
    elif kind == 4:
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    else:
        lines[i] = lines[i].replace("a", "aa", 1)
    return lines


def test_random_damage_is_reported_with_a_line_inside_the_block():
    rng = random.Random(20240610)
    source = FULL_ID.splitlines()
    failures = 0
    for _ in range(300):
        body = "\n".join(_damage(rng, source)) + "\n"
        text, result = parse_page(body)
        first = line_of(text, "```sop") + 1
        last = first + body.count("\n") - 1
        if result.sop is None:
            failures += 1
            errs = errors(result)
            assert errs, f"rejected without a reason:\n{body}"
            for d in errs:
                assert first <= d.line <= last, (d.format(), body)
                assert d.path == PATH and d.message
        for d in result.diagnostics:
            assert first <= d.line <= last, (d.format(), body)
    assert failures > 50


@pytest.mark.parametrize("written", ["2024-13-01", "2023-02-29", "31 April 2020", "31/04/2020"])
def test_impossible_date_is_kept_as_written_with_a_warning_at_its_line(written):
    block = f'nomor: "1"\nnama: x\nunit: U\ntanggal_efektif: {written}\nlangkah:\n  - kegiatan: a\n    pelaksana: A\n'
    result = parse_block(block, "sop.md", 10)
    assert result.sop is not None and result.sop.tanggal_efektif.text == written
    assert result.sop.tanggal_efektif.date is None
    [warning] = [d for d in result.diagnostics if d.code == "date-impossible"]
    assert (warning.path, warning.line, warning.key) == ("sop.md", 13, "tanggal_efektif")
    assert f"`{written}` is not a day of the calendar" in warning.message
