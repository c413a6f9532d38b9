"""Small record texts and a site view for the monitoring/evaluation tests."""

from __future__ import annotations

from mkdocs_sop.core.monev import SiteView

SOPS = {"470/1": ("Dinas", "Bidang A"), "470/2": ("Dinas", "Bidang B"), "800/1": ("Badan",)}
NAMES = {"Penerbitan KK": "470/1"}

ROUND = """unit: Dinas
periode: {period}
penilai: [Rina]
hasil:
  - sop: "470/1"
    penilaian: berjalan dengan baik
    tanggal: 2025-03-02
    metode: [observasi]
  - sop: "470/2"
    penilaian: tidak berjalan dengan baik
    catatan: lambat
    tindakan: koordinasi
"""

ALL_YES = "".join(f"      {c}: ya\n" for c in ("mendorong_kinerja", "mudah_dipahami", "mudah_dilaksanakan",
                                                 "peran_jelas", "mengatasi_masalah", "menjawab_kebutuhan",
                                                 "sinergi"))

MEETING = """tanggal: 2025-06-18
evaluator: [Rina, Budi]
hasil:
  - sop: "470/1"
    kriteria:
""" + ALL_YES + """    keputusan: revisi
    tindak_lanjut: ["470/2"]
"""


def site() -> SiteView:
    def find(ref: str):
        return ref if ref in SOPS else NAMES.get(ref)

    return SiteView(find=find, units=frozenset(SOPS.values()), unit_of=lambda nomor: SOPS[nomor])
