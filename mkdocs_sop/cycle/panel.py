"""What an SOP page shows of the cycle: its QR code, its latest results, and the checklist mode.

Built as elements (HTML by construction) and handed to the SOP renderer through
``RenderContext.before`` / ``RenderContext.after``, so the SOP renderer knows nothing of
monitoring. The checklist is a plain table that prints as the execution sheet (lembar
kerja); ``sop-cycle.js`` turns its boxes on, keeps the ticks in this browser only, and
offers a reset. Without scripts the sheet is still there to print.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..core.dates import format_date
from ..core.htmltree import el
from ..core.model import Sop, SopFormat
from ..core.validate import walk_steps
from .qr import QrCodes
from .text import assessment_text, decision_text, words

@dataclass(frozen=True)
class PanelLinks:
    """Where the SOP's records are shown, relative to the SOP's page ("" when none)."""

    round: str = ""
    meeting: str = ""


def qr_block(sop: Sop, absolute_url: str, language: str, qr_codes: QrCodes) -> ET.Element | None:
    """The QR code of the SOP's page with its number and revision date beside it."""
    if not absolute_url:
        return None
    w = words(language)
    box = el("div", {"data-qr-url": absolute_url}, cls="sop-qr sop-qr-sop")
    image = el("div", parent=box, cls="sop-qr-image")
    image.append(ET.fromstring(qr_codes.svg(absolute_url, w["qr_note"])))
    text = el("div", parent=box, cls="sop-qr-text")
    el("span", text=sop.nomor, parent=text, cls="sop-qr-nomor")
    revised = sop.tanggal_revisi or sop.tanggal_efektif or sop.tanggal_pembuatan
    if revised is not None:
        label = w["revised"] if sop.tanggal_revisi else w["effective"]
        el("span", text=f"{label}: {format_date(revised, language)}", parent=text)
    el("span", text=w["qr_note"], parent=text, cls="sop-qr-note")
    el("span", text=absolute_url, parent=text, cls="sop-qr-url")
    return box


def latest_block(sop: Sop, cycle, links: PanelLinks, language: str) -> ET.Element:
    """The SOP's latest monitoring and evaluation, or that there is none yet."""
    w = words(language)
    box = el("aside", {"aria-label": w["section"]}, cls="sop-cycle-latest")
    monitored = cycle.latest_monitoring(sop.nomor)
    state = tail = None
    if monitored is not None:
        r = monitored.result
        state = ({"data-assessment": r.penilaian.value}, assessment_text(r.penilaian, language), "sop-cycle-assessment")
        details = [t for t in (r.catatan, f"{w['tindakan']}: {r.tindakan}" if r.tindakan else "") if t]
        tail = f" ({monitored.round.periode.label(language)})" + (" — " + " ".join(details) if details else "")
    _latest_line(box, "sop-cycle-latest-monitoring", w["latest_monitoring"], w["never_monitored"], state, tail,
                 (links.round, w["tabel7_filled"]))
    evaluated = cycle.latest_evaluation(sop.nomor)
    state = tail = None
    if evaluated is not None:
        ev = evaluated.evaluation
        state = ({"data-decision": ev.keputusan.value}, decision_text(ev.keputusan, language), "sop-cycle-decision")
        tail = f" ({format_date(evaluated.meeting.tanggal, language)}, {w['score'].lower()} {ev.score}/7)"
    _latest_line(box, "sop-cycle-latest-evaluation", w["latest_evaluation"], w["never_evaluated"], state, tail,
                 (links.meeting, w["eval_sheet"]))
    return box


def _latest_line(box: ET.Element, cls: str, label: str, none: str, state, tail, link: tuple[str, str]) -> None:
    """``Label: <state> (when) — notes · <link>``, or ``Label: none``."""
    p = el("p", parent=box, cls=cls)
    el("strong", text=label + ": ", parent=p)
    if state is None:
        el("span", text=none, parent=p)
        return
    attrs, text, span_cls = state
    span = el("span", attrs, text, parent=p, cls=span_cls)
    span.tail = tail
    href, link_text = link
    if href:
        span.tail += " · "
        el("a", {"href": href}, link_text, parent=p)


_CHECKLIST_ID = {"id": {"title": "Lembar kerja / daftar periksa", "toggle": "Mode daftar periksa",
                        "close": "Tutup daftar periksa", "reset": "Kosongkan centang",
                        "note": "Centang hanya disimpan di peramban perangkat ini; tidak dikirim atau "
                                "disimpan di tempat lain. Cetak halaman dalam mode ini untuk lembar kerja.",
                        "done": "Selesai", "when": "Tanggal/jam", "by": "Oleh", "paraf": "Paraf",
                        "case": "Nomor/uraian kasus", "steps_done": "langkah selesai"},
                 "en": {"title": "Execution sheet / checklist", "toggle": "Checklist mode",
                        "close": "Close the checklist", "reset": "Clear the ticks",
                        "note": "Ticks are kept in this device's browser only; they are not sent or saved "
                                "anywhere else. Print the page in this mode for the execution sheet.",
                        "done": "Done", "when": "Date/time", "by": "By", "paraf": "Initials",
                        "case": "Case number/description", "steps_done": "steps done"}}


def checklist(sop: Sop, language: str) -> ET.Element:
    """The execution sheet of the SOP: each step with done / date-time / by whom / paraf columns."""
    t = _CHECKLIST_ID["en" if language.startswith("en") else "id"]
    w = words(language)
    revised = sop.tanggal_revisi or sop.tanggal_efektif or sop.tanggal_pembuatan
    key = f"{sop.nomor}|{revised.text if revised else ''}"
    section = el("section", {"data-sop-checklist": key, "aria-label": t["title"], "data-label-open": t["toggle"],
                             "data-label-close": t["close"], "data-label-done": t["steps_done"]},
                 cls="sop-checklist")
    bar = el("div", parent=section, cls="sop-checklist-bar")
    el("button", {"type": "button", "aria-pressed": "false", "hidden": "hidden"}, t["toggle"], parent=bar,
       cls="md-button sop-checklist-toggle")
    el("button", {"type": "button", "hidden": "hidden"}, t["reset"], parent=bar, cls="md-button sop-checklist-reset")
    el("span", {"aria-live": "polite"}, parent=bar, cls="sop-checklist-count").text = ""
    sheet = el("div", parent=section, cls="sop-checklist-sheet")
    head = el("div", parent=sheet, cls="sop-checklist-head")
    el("strong", text=t["title"], parent=head)
    el("span", text=f"{sop.nomor} — {sop.nama}", parent=head)
    el("p", text=t["note"], parent=sheet, cls="sop-checklist-note")
    case = el("p", parent=sheet, cls="sop-checklist-case")
    case.text = f"{t['case']}: "
    el("span", parent=case, cls="sop-checklist-blank").text = " "
    table = el("table", parent=sheet, cls="sop-checklist-table")
    tr = el("tr", parent=el("thead", parent=table))
    for text, cls in ((w["no"], "sop-col-no"), (w["kegiatan"], "sop-col-kegiatan"), (w["pelaksana"], "sop-col-actor"),
                      (t["done"], "sop-col-mark"),
                      (t["when"], "sop-col-date"), (t["by"], "sop-col-who"), (t["paraf"], "sop-col-paraf")):
        el("th", {"scope": "col"}, text, parent=tr, cls=cls or None)
    body = el("tbody", parent=table)
    steps = sop.steps if sop.format is SopFormat.DIAGRAM_ALIR else list(walk_steps(sop.steps))
    for step in steps:
        row = el("tr", {"data-checklist-step": step.number}, parent=body)
        el("td", text=step.number, parent=row, cls="sop-col-no")
        el("td", text=step.kegiatan, parent=row)
        el("td", text=", ".join(step.pelaksana), parent=row)
        cell = el("td", parent=row, cls="sop-col-mark")
        label = el("label", parent=cell, cls="sop-checklist-tick")
        el("input", {"type": "checkbox", "disabled": "disabled", "data-checklist-step": step.number,
                     "aria-label": f"{t['done']}: {step.number}. {step.kegiatan}"}, parent=label)
        el("td", parent=row, cls="sop-col-date sop-checklist-when")
        el("td", parent=row, cls="sop-col-who")
        el("td", parent=row, cls="sop-col-paraf")
    return section
