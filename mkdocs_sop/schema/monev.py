"""JSON Schemas of the monitoring and evaluation records, from the key tables of :mod:`mkdocs_sop.core.monev`.

``monitoring.schema.json`` (``*.monitoring.yml``) and ``evaluasi.schema.json``
(``*.evaluasi.yml``), so an editor's YAML tooling completes and checks the keys as the
build does. Written by ``python -m mkdocs_sop.schema.generate`` with ``sop.schema.json``.
"""

from __future__ import annotations

import json

from ..core.monev import (_ASSESSMENTS, _DECISIONS, _METHODS, CRITERION_TEXT, CRITERION_KEYS, EVALUATION_KEYS,
                          MEETING_KEYS, RESULT_KEYS, ROUND_KEYS, Criterion)
from .generate import DATE, TEXT, TEXT_OR_LIST, _object

SCHEMA_FILES = {"monitoring": "monitoring.schema.json", "evaluasi": "evaluasi.schema.json"}

PERIOD = {"type": "string", "pattern": "^\\s*\\S", "examples": ["2025-S1", "2025-S2", "Semester I 2025"]}
FULL_DATE = {"type": "string", "examples": ["2025-06-18", "18 Juni 2025"]}


def _choice(values) -> dict:
    return {"type": "string", "enum": list(values)}


def _words(values) -> dict:
    return {"anyOf": [_choice(values), {"type": "array", "items": _choice(values)}]}


ROUND_TEXT = {
    "unit": ("Unit yang dimonitor, seperti ditulis pada `unit` SOP-nya (teks atau daftar).",
             "The unit monitored, as its SOPs' `unit` writes it (text or a list)."),
    "periode": ("Semester: `2025-S1` (Januari-Juni) atau `2025-S2` (Juli-Desember); tulis dengan cara yang sama "
                "di semua berkas.", "The semester: `2025-S1` (January-June) or `2025-S2`; written the same way in "
                "every file."),
    "penilai": ("Penilai (nama); berlaku untuk baris yang tidak menyebut penilainya.",
                "Assessors (names); for rows that name none."),
    "tanggal": ("Tanggal monitoring.", "Date of the monitoring."),
    "hasil": ("Satu baris Tabel 7 untuk setiap SOP yang dimonitor.", "One Tabel 7 row per SOP monitored."),
}
RESULT_TEXT = {
    "sop": ("Nomor (atau nama) SOP.", "The SOP's number (or name)."),
    "penilaian": ("Penilaian terhadap penerapan: `berjalan dengan baik` atau `tidak berjalan dengan baik`.",
                  "Assessment: running well (`berjalan dengan baik`) or not (`tidak berjalan dengan baik`)."),
    "catatan": ("Catatan hasil penilaian.", "Notes on the assessment."),
    "tindakan": ("Tindakan yang harus diambil (wajib bila tidak berjalan dengan baik).",
                 "The action to take (needed when not running well)."),
    "penilai": ("Penilai baris ini (nama; paraf di kertas).", "Who assessed this row (name; initials on paper)."),
    "tanggal": ("Tanggal penilaian.", "Date of the assessment."),
    "metode": ("Metode: observasi, wawancara, diskusi kelompok, pembinaan.",
               "Method: observation, interview, focus group, coaching."),
}
MEETING_TEXT = {
    "tanggal": ("Tanggal rapat evaluasi (tanggal lengkap).", "Date of the evaluation meeting (a full date)."),
    "nomor": ("Nomor Berita Acara.", "Number of the minutes."),
    "unit": ("Unit yang SOP-nya dievaluasi.", "The unit whose SOPs were evaluated."),
    "tempat": ("Tempat rapat.", "Where the meeting took place."),
    "pimpinan": ("Pimpinan rapat (penanda tangan Berita Acara).", "Who chaired (signs the minutes)."),
    "evaluator": ("Tim evaluasi (nama atau jabatan).", "The evaluation team (names or positions)."),
    "hasil": ("Satu butir untuk setiap SOP yang dievaluasi.", "One item per SOP evaluated."),
}
EVALUATION_TEXT = {
    "sop": ("Nomor (atau nama) SOP.", "The SOP's number (or name)."),
    "kriteria": ("Ketujuh kriteria, masing-masing `ya` atau `tidak` (atau `nilai` dan `catatan`).",
                 "All seven criteria, each `ya` or `tidak` (or `nilai` and `catatan`)."),
    "temuan": ("Temuan.", "Findings."),
    "keputusan": ("Keputusan: tetap, revisi, penggabungan, penghapusan atau penambahan.",
                  "Decision: keep, revise, merge, remove or add."),
    "tindak_lanjut": ("Tindak lanjut: nomor SOP baru, atau surat keputusannya.",
                      "Follow-up: the new SOP's number, or the decree."),
}
CRITERION_VALUE_TEXT = {"nilai": ("`ya` atau `tidak`.", "`ya` (yes) or `tidak` (no)."),
                        "catatan": ("Catatan.", "Notes.")}
YES_NO = {"anyOf": [{"type": "string", "enum": ["ya", "tidak", "yes", "no", "Ya", "Tidak"]}, {"type": "boolean"}]}


def _criteria() -> dict:
    value = {"anyOf": [YES_NO, {"$ref": "#/$defs/criterion"}]}
    properties = {c.value: {**value, "description": f"{CRITERION_TEXT[c][0]}\n\nEN: {CRITERION_TEXT[c][1]}"}
                  for c in Criterion}
    return {"type": "object", "properties": properties, "required": [c.value for c in Criterion],
            "additionalProperties": False}


def build_schemas() -> dict[str, dict]:
    head = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    monitoring = {
        **head,
        "title": "Monitoring penerapan SOP (Tabel 7, Permen PANRB 35/2012) — mkdocs-sop `*.monitoring.yml`",
        **_object(ROUND_KEYS, ROUND_TEXT, {"unit": TEXT_OR_LIST, "periode": PERIOD, "penilai": TEXT_OR_LIST,
                                            "tanggal": DATE, "hasil": {"type": "array", "items": {"$ref": "#/$defs/hasil"}}}),
        "$defs": {"hasil": _object(RESULT_KEYS, RESULT_TEXT, {
            "sop": {"type": "string", "minLength": 1}, "penilaian": _choice(_ASSESSMENTS), "catatan": TEXT,
            "tindakan": TEXT, "penilai": TEXT_OR_LIST, "tanggal": DATE, "metode": _words(_METHODS)})},
    }
    evaluation = {
        **head,
        "title": "Evaluasi SOP (tujuh kriteria, Permen PANRB 35/2012) — mkdocs-sop `*.evaluasi.yml`",
        **_object(MEETING_KEYS, MEETING_TEXT, {"tanggal": FULL_DATE, "nomor": TEXT, "unit": TEXT_OR_LIST,
                                                "tempat": TEXT, "pimpinan": TEXT, "evaluator": TEXT_OR_LIST,
                                                "hasil": {"type": "array", "items": {"$ref": "#/$defs/hasil"}}}),
        "$defs": {
            "hasil": _object(EVALUATION_KEYS, EVALUATION_TEXT, {
                "sop": {"type": "string", "minLength": 1}, "kriteria": _criteria(), "temuan": TEXT_OR_LIST,
                "keputusan": _choice(_DECISIONS), "tindak_lanjut": TEXT_OR_LIST}),
            "criterion": _object(CRITERION_KEYS, CRITERION_VALUE_TEXT, {"nilai": YES_NO, "catatan": TEXT}),
        },
    }
    return {"monitoring": monitoring, "evaluasi": evaluation}


def schema_texts() -> dict[str, str]:
    """File name -> JSON text, as published."""
    return {SCHEMA_FILES[kind]: json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
            for kind, schema in build_schemas().items()}
