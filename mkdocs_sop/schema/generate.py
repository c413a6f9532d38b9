"""Generate ``sop.schema.json`` from the key tables of :mod:`mkdocs_sop.core.parse`.

Every key and alias the parser accepts gets a property, with a description in
Indonesian and English; unknown keys are refused, as the parser refuses them.
Run ``python -m mkdocs_sop.schema.generate`` after changing a key table; a test fails
until the file is regenerated.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..core.parse import APPROVAL_KEYS, ENUM_VALUES, IDENTITY_KEYS, REVISION_KEYS, STEP_KEYS, Key

TEXT = {"type": "string"}
TEXT_OR_LIST = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
DATE = {"type": ["string", "integer"],
        "examples": ["2024-01-10", "14 Juni 2024", "Juni 2024", "2024"]}
TARGET = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "minLength": 1}],
          "examples": [2, "selesai", "sop:470/SOP-PDP/002/2024"]}

# (Indonesian, English) descriptions, by canonical key.
IDENTITY_TEXT: dict[str, tuple[str, str]] = {
    "nomor": ("Nomor SOP menurut tata naskah dinas instansi; harus unik di seluruh situs.",
              "The SOP number, as the institution's records rules write it; unique in the site."),
    "nama": ("Nama (judul) prosedur.", "The procedure's name (title)."),
    "unit": ("Unit pemilik SOP: teks, atau daftar dari atas ke bawah organisasi.",
             "The unit that owns the SOP: text, or a list from the top of the organisation down."),
    "instansi": ("Instansi; bila kosong dipakai `institution` dari setelan situs.",
                 "The institution; defaults to the site's `institution` setting."),
    "jenis": ("Jenis SOP: administratif (bawaan) atau teknis (satu pelaksana).",
              "SOP type: administrative (default) or technical (one actor)."),
    "kategori": ("Kategori: pelayanan, rutin atau penugasan.",
                 "Category: service, routine or assignment."),
    "format": ("Bentuk bagian flowchart: diagram-alir (bawaan), langkah-sederhana atau "
               "langkah-berjenjang.",
               "Form of the flowchart part: diagram-alir (branching flowchart, default), "
               "langkah-sederhana (simple steps) or langkah-berjenjang (hierarchical steps)."),
    "tanggal_pembuatan": ("Tanggal pembuatan: 2024-01-10, 14 Juni 2024, Juni 2024 atau 2024.",
                          "Date of creation: 2024-01-10, 14 June 2024, June 2024 or 2024."),
    "tanggal_revisi": ("Tanggal revisi terakhir.", "Date of the last revision."),
    "tanggal_efektif": ("Tanggal mulai berlaku.", "Date the SOP takes effect."),
    "disahkan_oleh": ("Pejabat yang mengesahkan: jabatan saja (teks), atau jabatan, nama, pangkat, "
                      "NIP.", "Who approved it: the position (text), or position, name, rank, NIP."),
    "dasar_hukum": ("Dasar hukum: daftar peraturan.", "Legal basis: a list of regulations."),
    "kualifikasi_pelaksana": ("Kualifikasi pelaksana.", "Qualifications of the actors."),
    "keterkaitan": ("SOP terkait: nomor atau nama SOP lain (menjadi tautan), atau teks bebas.",
                    "Related SOPs: another SOP's number or name (becomes a link), or free text."),
    "peralatan_perlengkapan": ("Peralatan dan perlengkapan.", "Equipment and supplies."),
    "peringatan": ("Peringatan: akibat bila SOP tidak dilaksanakan.",
                   "Warning: what happens when the SOP is not followed."),
    "pencatatan_pendataan": ("Pencatatan dan pendataan.", "Records kept."),
    "tambahan": ("Baris identitas tambahan (label: isi), ditampilkan berurutan.",
                 "Extra identity rows (label: text), shown in order."),
    "proses_bisnis": ("Kode atau nama proses bisnis (Peta Proses Bisnis) yang dijalankan SOP ini.",
                      "Code or name of the business process this SOP implements."),
    "status": ("Status: berlaku (bawaan), draf, dicabut atau digantikan.",
               "Status: in force (default), draft, revoked or superseded."),
    "tanggal_dicabut": ("Tanggal SOP dicabut atau digantikan (tidak berlaku lagi); ditampilkan di halaman dan lembar cetak.",
                        "Date the SOP was revoked or superseded (stopped applying); shown on the page and printed sheets."),
    "alasan_dicabut": ("Alasan atau dasar pencabutan (mis. nomor keputusan pencabutan).",
                       "Why, or by what decision, the SOP was revoked."),
    "menggantikan": ("Nomor SOP yang digantikan oleh SOP ini.", "Numbers of SOPs this one replaces."),
    "riwayat": ("Riwayat revisi: daftar `tanggal` dan `uraian`.",
                "Revision history: a list of `tanggal` (date) and `uraian` (change)."),
    "pelaksana": ("Daftar pelaksana: kolom diagram alir dari kiri ke kanan.",
                  "The actors: the flowchart's columns, left to right."),
    "baris_per_halaman": ("Baris diagram alir per halaman cetak (0: tidak dipecah); bawaan: setelan "
                          "situs.", "Flowchart rows per printed page (0: never split); default: "
                          "the site's setting."),
    "langkah": ("Langkah-langkah (kegiatan), berurutan; minimal satu.",
                "The steps, in order; at least one."),
}

STEP_TEXT: dict[str, tuple[str, str]] = {
    "kegiatan": ("Kegiatan: kata kerja aktif tanpa subjek.", "The activity: an active verb, no subject."),
    "pelaksana": ("Pelaksana langkah ini (satu, atau daftar bila bersama-sama); harus ada di "
                  "`pelaksana` SOP bila daftar itu diisi.",
                  "Who does this step (one, or a list when done together); must be in the SOP's "
                  "`pelaksana` list when that list is given."),
    "id": ("Nama langkah untuk dituju oleh langkah lain (bukan angka).",
           "A name other steps can jump to (not a number)."),
    "kelengkapan": ("Mutu Baku: kelengkapan.", "Quality standard: requirements."),
    "waktu": ("Mutu Baku: waktu, mis. `15 menit`, `1 hari kerja`.",
              "Quality standard: time, e.g. `15 minutes`, `1 working day`."),
    "output": ("Mutu Baku: output.", "Quality standard: output."),
    "keterangan": ("Keterangan.", "Notes."),
    "keputusan": ("Menjadikan langkah ini keputusan (belah ketupat): pertanyaannya, atau `true`.",
                  "Makes this step a decision (diamond): the question, or `true`."),
    "ya": ("Tujuan bila jawabannya ya; bawaan: langkah berikutnya.",
           "Where to go when the answer is yes; default: the next step."),
    "tidak": ("Tujuan bila jawabannya tidak (wajib pada keputusan).",
              "Where to go when the answer is no (required on a decision)."),
    "lanjut": ("Tujuan setelah langkah ini; bawaan: langkah berikutnya.",
               "Where to go after this step; default: the next step."),
    "sub": ("Sub-langkah (hanya format langkah-berjenjang).",
            "Sub-steps (format langkah-berjenjang only)."),
}

APPROVAL_TEXT = {
    "jabatan": ("Jabatan.", "Position."), "nama": ("Nama.", "Name."),
    "pangkat": ("Pangkat/golongan.", "Rank."), "nip": ("NIP, dalam tanda kutip.", "Staff number (NIP), quoted."),
}
REVISION_TEXT = {"tanggal": ("Tanggal revisi.", "Date of the revision."),
                 "uraian": ("Uraian perubahan.", "What changed.")}

TARGET_NOTE = (" Tujuan: nomor langkah, `id` langkah, `selesai`, atau `sop:<nomor>`.",
               " Target: a step number, a step `id`, `selesai`/`end`, or `sop:<number>`.")


def _describe(pair: tuple[str, str], name: str, key: Key) -> str:
    indonesian, english = pair
    also = [n for n in (key.name, *key.aliases) if n != name]
    same = f" (= `{'`, `'.join(also)}`)" if also else ""
    return f"{indonesian}\n\nEN: {english}{same}"


def _object(keys: tuple[Key, ...], texts: dict, shapes: dict, required: bool = True,
            skip_required: tuple[str, ...] = ()) -> dict:
    properties: dict = {}
    for key in keys:
        for name in (key.name, *key.aliases):
            prop = dict(shapes[key.name])
            if not key.required and key.name not in skip_required:
                # The parser reads an empty optional key (`kategori:`) as absent.
                prop = {"anyOf": [shapes[key.name], {"type": "null"}]}
            prop["description"] = _describe(texts[key.name], name, key)
            properties[name] = prop
    all_of = []
    for key in keys:
        names = (key.name, *key.aliases)
        if required and key.required and key.name not in skip_required:
            all_of.append({"anyOf": [{"required": [n]} for n in names]} if len(names) > 1
                          else {"required": [key.name]})
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                all_of.append({"not": {"required": [a, b]}})
    out = {"type": "object", "properties": properties, "additionalProperties": False}
    if all_of:
        out["allOf"] = all_of
    return out


def _enum(key: str) -> dict:
    return {"type": "string", "enum": list(ENUM_VALUES[key])}


def build_schema() -> dict:
    identity_shapes = {
        "nomor": {"type": "string", "minLength": 1}, "nama": {"type": "string", "minLength": 1},
        "unit": TEXT_OR_LIST, "instansi": TEXT, "jenis": _enum("jenis"), "kategori": _enum("kategori"),
        "format": _enum("format"), "tanggal_pembuatan": DATE, "tanggal_revisi": DATE,
        "tanggal_efektif": DATE,
        "disahkan_oleh": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/approval"}]},
        "dasar_hukum": TEXT_OR_LIST, "kualifikasi_pelaksana": TEXT_OR_LIST, "keterkaitan": TEXT_OR_LIST,
        "peralatan_perlengkapan": TEXT_OR_LIST, "peringatan": TEXT_OR_LIST,
        "pencatatan_pendataan": TEXT_OR_LIST,
        "tambahan": {"type": "object", "additionalProperties": TEXT_OR_LIST},
        "proses_bisnis": TEXT, "status": _enum("status"), "menggantikan": TEXT_OR_LIST,
        "tanggal_dicabut": DATE, "alasan_dicabut": TEXT,
        "riwayat": {"type": "array", "items": {"$ref": "#/$defs/revision"}},
        "pelaksana": TEXT_OR_LIST,
        "baris_per_halaman": {"type": "integer", "minimum": 0},
        "langkah": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/top_step"}},
    }
    step_shapes = {
        "kegiatan": {"type": "string", "minLength": 1}, "pelaksana": TEXT_OR_LIST,
        "id": {"type": "string", "pattern": "\\D"}, "kelengkapan": TEXT_OR_LIST, "waktu": TEXT,
        "output": TEXT, "keterangan": TEXT, "keputusan": {"type": ["string", "boolean"]},
        "ya": TARGET, "tidak": TARGET, "lanjut": TARGET,
        "sub": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"}},
    }
    step_texts = dict(STEP_TEXT)
    for key in ("ya", "tidak", "lanjut"):
        step_texts[key] = (STEP_TEXT[key][0] + TARGET_NOTE[0], STEP_TEXT[key][1] + TARGET_NOTE[1])
    pelaksana = next(k for k in STEP_KEYS if k.name == "pelaksana")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "SOP (Permen PANRB 35/2012) — blok `sop` / mkdocs-sop",
        "description": ("Satu SOP Administrasi Pemerintahan: bagian identitas dan langkah-langkah. "
                        "Kunci berbahasa Indonesia, masing-masing dengan alias bahasa Inggris.\n\n"
                        "EN: One government SOP: the identity part and the steps. Indonesian keys, "
                        "each with an English alias."),
        **_object(IDENTITY_KEYS, IDENTITY_TEXT, identity_shapes),
        "$defs": {
            "step": _object(STEP_KEYS, step_texts, step_shapes, skip_required=("pelaksana",)),
            # allOf rather than keywords beside $ref: draft-07 tools (editors) ignore those
            "top_step": {"allOf": [
                {"$ref": "#/$defs/step"},
                {"anyOf": [{"required": [n]} for n in (pelaksana.name, *pelaksana.aliases)]},
            ]},
            "approval": _object(APPROVAL_KEYS, APPROVAL_TEXT, {k.name: TEXT for k in APPROVAL_KEYS}),
            "revision": _object(REVISION_KEYS, REVISION_TEXT,
                                {"tanggal": DATE, "uraian": {"type": "string", "minLength": 1}}),
        },
    }
    return schema


def schema_json() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    from .monev import schema_texts  # the monitoring and evaluation records' schemas

    outputs = {"sop.schema.json": schema_json(), **schema_texts()}
    for name, text in outputs.items():
        target = Path(__file__).with_name(name)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
