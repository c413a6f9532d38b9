"""Data exports of a site's SOPs: ``sop.json`` (documented in docs/export.md) and ``sop.csv``.

Pure core: the plugin writes both at the site root; the command line can write them
from a folder of Markdown. Output is deterministic: SOPs in catalogue order (unit path,
then number), keys in a fixed order, no timestamps.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import unicodedata
from typing import Any, Callable

from .registry import Catalogue, Entry, page_url, total_time, unit_path
from ..core.model import FlexDate, Sop, SopFormat, Step
from ..core.timeparse import Amount, Duration, format_duration

__all__ = ["EXPORT_VERSION", "export_data", "export_json", "export_csv", "CSV_COLUMNS", "JsonChunks"]

EXPORT_VERSION = 1

CSV_COLUMNS = ("nomor", "nama", "instansi", "unit", "jenis", "kategori", "format", "status",
               "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "langkah", "total_waktu",
               "pelaksana", "dasar_hukum", "url", "monitoring_terakhir", "evaluasi_terakhir")


def _date(fd: FlexDate | None) -> dict | None:
    if fd is None:
        return None
    return {"text": fd.text, "iso": fd.date.isoformat() if fd.date else None,
            "year": fd.year, "month": fd.month}


def _amount(a: Amount) -> dict:
    return {"minutes": round(a.minutes, 4), "days": round(a.days, 4),
            "working_days": round(a.working_days, 4), "months": round(a.months, 4)}


def _duration(d: Duration | None, language: str) -> dict | None:
    if d is None:
        return None
    return {"text": format_duration(d, language), "low": _amount(d.low), "high": _amount(d.high),
            "unreadable_steps": d.unknown}


def _target(branch: str, target) -> dict:
    out: dict[str, Any] = {"branch": branch or None, "kind": target.kind.value}
    if target.kind.value == "step":
        out["step"] = target.step
    elif target.kind.value == "sop":
        out["sop"] = target.sop
    return out


def _step(sop: Sop, step: Step) -> dict:
    out: dict[str, Any] = {
        "number": step.number,
        "id": step.id or None,
        "kegiatan": step.kegiatan,
        "pelaksana": list(step.pelaksana),
        # the flowchart symbol; step lists (the other formats) draw none
        "symbol": sop.symbol_of(step).value if sop.format is SopFormat.DIAGRAM_ALIR else None,
        "kelengkapan": list(step.kelengkapan),
        "waktu": step.waktu or None,
        "output": step.output or None,
        "keterangan": step.keterangan or None,
        "decision": step.question or (True if step.decision else None),
        "targets": [_target(branch, t) for branch, t in step.targets() if t is not None],
    }
    if step.substeps:
        out["substeps"] = [_step(sop, s) for s in step.substeps]
    return out


def _sop(catalogue: Catalogue, entry: Entry, keys: dict, base_url: str, language: str,
         use_directory_urls: bool, cycle: Callable[[str], dict]) -> dict:
    sop = entry.sop
    url = (entry.url or page_url(entry.page, use_directory_urls)) + "#" + sop.anchor
    approval = None
    if sop.disahkan_oleh is not None:
        a = sop.disahkan_oleh
        approval = {"jabatan": a.jabatan or None, "nama": a.nama or None, "pangkat": a.pangkat or None,
                    "nip": a.nip or None}
    related = []
    for item in sop.keterkaitan:
        other = catalogue.find(item)
        related.append({"text": item, "nomor": other.sop.nomor if other else None})
    return {
        "nomor": sop.nomor,
        "nama": sop.nama,
        "instansi": sop.instansi or None,
        "unit": list(sop.unit),
        "unit_path": list(unit_path(sop)),
        "jenis": sop.jenis.value,
        "kategori": sop.kategori.value if sop.kategori else None,
        "format": sop.format.value,
        "status": catalogue.status(sop).value,
        "status_declared": sop.status.value,
        "tanggal_pembuatan": _date(sop.tanggal_pembuatan),
        "tanggal_revisi": _date(sop.tanggal_revisi),
        "tanggal_efektif": _date(sop.tanggal_efektif),
        "disahkan_oleh": approval,
        "dasar_hukum": [
            {"text": text, "key": keys[(id(entry), text)].key, "name": keys[(id(entry), text)].name,
             "kind": keys[(id(entry), text)].kind, "rank": keys[(id(entry), text)].rank}
            for text in sop.dasar_hukum],
        "kualifikasi_pelaksana": list(sop.kualifikasi_pelaksana),
        "keterkaitan": related,
        "peralatan_perlengkapan": list(sop.peralatan_perlengkapan),
        "peringatan": list(sop.peringatan),
        "pencatatan_pendataan": list(sop.pencatatan_pendataan),
        "tambahan": [{"label": k, "value": v} for k, v in sop.tambahan],
        "proses_bisnis": sop.proses_bisnis or None,
        "menggantikan": list(sop.menggantikan),
        "digantikan_oleh": [e.sop.nomor for e in catalogue.superseded_by_official(sop)],
        "dirujuk_oleh": sorted({e.sop.nomor for e in catalogue.referenced_by(sop)}),
        "riwayat": [{"tanggal": _date(r.tanggal), "uraian": r.uraian} for r in sop.riwayat],
        "pelaksana": list(sop.pelaksana),
        "langkah": [_step(sop, s) for s in sop.steps],
        "total_waktu": _duration(total_time(sop), language),
        "source": entry.page,
        "line": sop.line,
        "url": url,
        "absolute_url": (base_url.rstrip("/") + "/" + url) if base_url else None,
        "monitoring_terakhir": None,
        "evaluasi_terakhir": None,
        **cycle(sop.nomor),
    }


def export_data(catalogue: Catalogue, *, include_drafts: bool = False, site_name: str = "",
                site_url: str = "", language: str = "id", use_directory_urls: bool = True,
                cycle: Callable[[str], dict] | None = None) -> dict:
    """The export as plain data (what ``sop.json`` holds).

    ``cycle``: nomor -> the SOP's latest monitoring and evaluation
    (:func:`mkdocs_sop.cycle.summary.export_fields`); without it both are ``null``.
    """
    cycle = cycle or (lambda nomor: {})
    entries = catalogue.official(include_drafts)
    keys = catalogue.citation_keys(entries)
    return {
        "version": EXPORT_VERSION,
        "generator": "mkdocs-sop",
        "site": {"name": site_name or None, "url": site_url or None, "language": language,
                 "include_drafts": include_drafts},
        "count": len(entries),
        "sops": [_sop(catalogue, e, keys, site_url, language, use_directory_urls, cycle) for e in entries],
    }


def export_json(catalogue: Catalogue, *, data: dict | None = None, chunks: "JsonChunks | None" = None,
                **kwargs) -> str:
    """``sop.json``; ``data``: :func:`export_data` already computed (for both files); ``chunks``: kept
    between the builds of one serving process, so a rebuild encodes only the SOPs that changed.

    The text is ``json.dumps(data, ensure_ascii=False, indent=1)``, written one SOP at a time."""
    data = data or export_data(catalogue, **kwargs)
    texts = (chunks or JsonChunks()).texts(data["sops"])
    head, _mark, tail = json.dumps({**data, "sops": _SOPS_MARK}, ensure_ascii=False, indent=1).rpartition(
        json.dumps(_SOPS_MARK))  # "sops" is the last key: its value is the last mark whatever the site's name
    listing = "[\n  " + ",\n  ".join(texts) + "\n ]" if texts else "[]"
    return head + listing + tail + "\n"


_SOPS_MARK = "\x00sops\x00"


class JsonChunks:
    """Each SOP's text in ``sop.json`` by its data, for the next build of the same process.

    Encoding with an indent runs in pure Python (the standard library's fast encoder
    takes no indent), the slowest part of the exports at thousands of SOPs; while an
    editor saves one SOP, the others' texts are the same as last time. Only the last
    build's texts are kept."""

    def __init__(self) -> None:
        self._kept: dict[bytes, str] = {}

    def texts(self, sops: list[dict]) -> list[str]:
        """Each SOP as it sits in the ``sops`` list of ``sop.json`` (two levels in)."""
        now: dict[bytes, str] = {}
        out = []
        for sop in sops:
            key = hashlib.blake2b(json.dumps(sop, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                                  digest_size=20).digest()
            text = now.get(key) or self._kept.get(key)
            if text is None:
                text = json.dumps(sop, ensure_ascii=False, indent=1).replace("\n", "\n  ")
            now[key] = text
            out.append(text)
        self._kept = now
        return out


def export_csv(catalogue: Catalogue, *, data: dict | None = None, **kwargs) -> str:
    """One row per SOP; lists joined with `` | ``, the unit path with `` > ``."""
    data = data or export_data(catalogue, **kwargs)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for sop in data["sops"]:
        total = sop["total_waktu"]
        writer.writerow([_cell(value) for value in [
            sop["nomor"], sop["nama"], sop["instansi"] or "", " > ".join(sop["unit"]), sop["jenis"],
            sop["kategori"] or "", sop["format"], sop["status"],
            *((sop[k]["iso"] or sop[k]["text"]) if sop[k] else "" for k in
              ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")),
            _count_steps(sop["langkah"]), total["text"] if total else "",
            " | ".join(sop["pelaksana"]), " | ".join(c["key"] for c in sop["dasar_hukum"]),
            sop["absolute_url"] or sop["url"], _latest_text(sop),
            _latest_text(sop, "evaluasi_terakhir"),
        ]])
    return buffer.getvalue()


def _latest_text(sop: dict, key: str = "monitoring_terakhir") -> str:
    """``2026-S2: tidak-baik`` / ``2026-07-15: revisi (4/7)``; empty when there is none."""
    latest = sop[key]
    if not latest:
        return ""
    if key == "monitoring_terakhir":
        return f"{latest['periode']}: {latest['penilaian']}"
    return f"{latest['tanggal']}: {latest['keputusan']} ({latest['kriteria_terpenuhi']}/7)"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """Text a spreadsheet would run as a formula is prefixed with ``'`` (CSV injection)."""
    if isinstance(value, str) and _formula_like(value):
        return "'" + value
    return value


def _formula_like(text: str) -> bool:
    """Starts with a formula sign once invisible characters (zero-width space, BOM, bidi
    marks, spaces) are skipped and the sign is folded (fullwidth ＝＋－＠ are = + - @)."""
    if text.startswith(_FORMULA_START):
        return True
    for ch in text:
        if unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp") or ch == "\u00ad":
            continue
        return unicodedata.normalize("NFKC", ch).startswith(_FORMULA_START)
    return False


def _count_steps(steps: list[dict]) -> int:
    return sum(_count_steps(s["substeps"]) if s.get("substeps") else 1 for s in steps)
