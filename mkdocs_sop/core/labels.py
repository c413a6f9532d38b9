"""Every word the output prints, in Indonesian (default) and English.

Institutions rename labels (``Judul SOP``, ``Tanggal Pengesahan``, ``Persyaratan``,
``Aktivitas``, ``Y``/``T``), so each one has a key a site can override.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

INDONESIAN: dict[str, str] = {
    # identity grid
    "nomor": "Nomor SOP",
    "nama": "Nama SOP",
    "tanggal_pembuatan": "Tanggal Pembuatan",
    "tanggal_revisi": "Tanggal Revisi",
    "tanggal_efektif": "Tanggal Efektif",
    "disahkan_oleh": "Disahkan oleh",
    "nip": "NIP.",
    "dasar_hukum": "Dasar Hukum",
    "kualifikasi_pelaksana": "Kualifikasi Pelaksana",
    "keterkaitan": "Keterkaitan",
    "peralatan_perlengkapan": "Peralatan/Perlengkapan",
    "peringatan": "Peringatan",
    "pencatatan_pendataan": "Pencatatan dan Pendataan",
    "proses_bisnis": "Proses Bisnis",
    "jenis": "Jenis SOP",
    "kategori": "Kategori",
    "signature": "tanda tangan",
    "identity_caption": "Identitas SOP",
    "flowchart_caption": "Diagram alir",
    # flowchart table
    "no": "No",
    "kegiatan": "Kegiatan",
    "pelaksana": "Pelaksana",
    "mutu_baku": "Mutu Baku",
    "kelengkapan": "Kelengkapan",
    "waktu": "Waktu",
    "output": "Output",
    "keterangan": "Keterangan",
    "yes": "Ya",
    "no_branch": "Tidak",
    "start": "Mulai",
    "end": "Selesai",
    "total_time": "Total waktu jalur utama",
    "total_time_excluded": "tidak dihitung (waktu tidak terbaca)",
    "continues_in": "Berlanjut ke SOP",
    "continued_from": "Lanjutan dari halaman sebelumnya",
    "continues_on": "Berlanjut ke halaman berikutnya",
    "go_to_step": "ke langkah",
    "print_page": "Halaman",
    "diagram": "Diagram alir (Graphviz)",
    "diagram_unavailable": "Diagram tidak tersedia: tidak ada mesin Graphviz.",
    "steps": "Langkah",
    "step": "Langkah",
    "substep": "Sub-langkah",
    # lifecycle
    "status": "Status",
    "status_berlaku": "Berlaku",
    "status_draf": "Draf",
    "status_dicabut": "Dicabut",
    "status_digantikan": "Digantikan",
    "superseded_by": "Digantikan oleh",
    "supersedes": "Menggantikan",
    "riwayat": "Riwayat Revisi",
    "tanggal": "Tanggal",
    "uraian": "Uraian Perubahan",
    "referenced_by": "Dirujuk oleh",
    "unresolved": "belum ada di situs ini",
    # enums
    "jenis_administratif": "Administratif",
    "jenis_teknis": "Teknis",
    "kategori_pelayanan": "Pelayanan",
    "kategori_rutin": "Rutin",
    "kategori_penugasan": "Penugasan",
    # errors
    "error_title": "SOP tidak dapat ditampilkan",
    "error_intro": "Perbaiki hal berikut pada berkas sumber:",
}

ENGLISH: dict[str, str] = {
    "nomor": "SOP Number",
    "nama": "SOP Name",
    "tanggal_pembuatan": "Date Created",
    "tanggal_revisi": "Date Revised",
    "tanggal_efektif": "Effective Date",
    "disahkan_oleh": "Approved by",
    "nip": "ID No.",
    "dasar_hukum": "Legal Basis",
    "kualifikasi_pelaksana": "Staff Qualifications",
    "keterkaitan": "Related SOPs",
    "peralatan_perlengkapan": "Equipment/Supplies",
    "peringatan": "Warnings",
    "pencatatan_pendataan": "Records and Data",
    "proses_bisnis": "Business Process",
    "jenis": "SOP Type",
    "kategori": "Category",
    "signature": "signature",
    "identity_caption": "SOP identity",
    "flowchart_caption": "Flowchart",
    "no": "No",
    "kegiatan": "Activity",
    "pelaksana": "Actors",
    "mutu_baku": "Quality Standards",
    "kelengkapan": "Requirements",
    "waktu": "Time",
    "output": "Output",
    "keterangan": "Notes",
    "yes": "Yes",
    "no_branch": "No",
    "start": "Start",
    "end": "End",
    "total_time": "Total time of the main path",
    "total_time_excluded": "not counted (time not readable)",
    "continues_in": "Continues in SOP",
    "continued_from": "Continued from the previous page",
    "continues_on": "Continues on the next page",
    "go_to_step": "to step",
    "print_page": "Page",
    "diagram": "Flow diagram (Graphviz)",
    "diagram_unavailable": "Diagram unavailable: no Graphviz engine.",
    "steps": "Steps",
    "step": "Step",
    "substep": "Sub-step",
    "status": "Status",
    "status_berlaku": "In force",
    "status_draf": "Draft",
    "status_dicabut": "Revoked",
    "status_digantikan": "Superseded",
    "superseded_by": "Superseded by",
    "supersedes": "Supersedes",
    "riwayat": "Revision History",
    "tanggal": "Date",
    "uraian": "Change",
    "referenced_by": "Referenced by",
    "unresolved": "not in this site",
    "jenis_administratif": "Administrative",
    "jenis_teknis": "Technical",
    "kategori_pelayanan": "Service",
    "kategori_rutin": "Routine",
    "kategori_penugasan": "Assignment",
    "error_title": "This SOP cannot be shown",
    "error_intro": "Fix the following in the source file:",
}

LANGUAGES = {"id": INDONESIAN, "en": ENGLISH}


def label_set(language: str = "id", overrides: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """The labels for ``language`` with a site's renamed labels on top.

    Unknown override keys raise ``KeyError`` so a typo in ``mkdocs.yml`` is not ignored.
    """
    if language not in LANGUAGES:
        raise KeyError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
    labels = dict(LANGUAGES[language])
    for key, value in (overrides or {}).items():
        if key not in labels:
            raise KeyError(f"unknown label {key!r}")
        labels[key] = str(value)
    return MappingProxyType(labels)
