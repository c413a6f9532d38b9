"""The cycle's catalogue pages and printable forms: data -> Jinja2 template -> Markdown.

:func:`build_cycle_pages` is the one entry point the site build calls. Each page is
computed as plain data (display text and links relative to the page), then written by a
template of ``cycle/templates``. Templates escape every value (autoescape) and fold
whitespace, so editor text can neither inject markup nor end a raw HTML block with a
blank line. Links are computed for the page they sit on, in both MkDocs URL styles.

Pages, under ``<catalogue_dir>/monev/``:

- ``index.md``: coverage of the monitoring by unit and period, the errors of the records;
- ``tidak-berjalan-baik.md``: SOPs whose latest monitoring found them not running well;
- ``evaluasi/index.md``: evaluation outcomes, and SOPs never or not recently evaluated;
- ``evaluasi/<rapat>.md``: one meeting: its Berita Acara and the evaluation sheet of each SOP;
- ``unit/<unit>/index.md``: the unit's *bukti dukung* (evidence), with the step-by-step
  comparison of every revised SOP and the version it replaced;
- ``unit/<unit>/monitoring-<periode>.md``: Tabel 7 as filled in that round;
- ``unit/<unit>/formulir-monitoring.md``: Tabel 7 to fill by hand, with the unit's SOPs;
- ``unit/<unit>/formulir-evaluasi.md``: the Berita Acara template and blank evaluation sheets.
"""

from __future__ import annotations

import collections
import datetime as _dt
import functools
import hashlib
import json
import posixpath
from dataclasses import dataclass, field
from typing import Sequence

import jinja2
from markupsafe import Markup

from ..catalogue.registry import page_url, relative_url
from ..catalogue.pages import GeneratedPage
from ..core.dates import format_date
from ..core.htmltree import title_html
from ..core.model import Diagnostic, Severity, slug
from ..core.monev import Assessment, Criterion, unit_covers
from .panel import PanelLinks
from .qr import QrCodes
from .summary import Cycle, Evaluated, Monitored, compare_steps
from .text import assessment_text, criterion_text, decision_text, method_text, words


@dataclass(frozen=True)
class CycleOptions:
    directory: str = "katalog"  # the catalogue folder; the cycle pages go to <directory>/monev
    language: str = "id"
    use_directory_urls: bool = True
    institution: str = ""
    logo: str = ""  # site-root path of the logo
    site_url: str = ""  # absolute base for the QR codes; none without it
    diagnostics: Sequence[Diagnostic] = field(default_factory=tuple)  # the records' problems, shown on the index
    cache_dir: str | None = None  # the build's cache folder: QR codes are kept there between builds
    links_from_source: bool = False
    """Links relative to each page's source file (Zensical rebases a page's raw HTML links from its
    source folder: ``mkdocs-sop generate``); by default relative to its URL (MkDocs)."""


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mkdocs_sop", "cycle/templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=lambda value: " ".join(value.split()) if isinstance(value, str) and not isinstance(value, Markup)
        else value,
    )
    env.filters["json"] = lambda value: Markup(json.dumps(value, ensure_ascii=False))
    env.filters["title_html"] = title_html  # themes print a page's title raw: escaped once, here
    return env


def _render(template: str, **data) -> str:
    """The template's output as front matter plus one raw HTML block (no blank line inside it).

    A page is a pure function of its template and data (plain values), so the text of
    the same data is taken from the last builds: while an editor saves SOPs under
    ``mkdocs serve`` or ``generate --watch``, the records' pages mostly stay as they were."""
    key = hashlib.blake2b(repr((template, sorted(data.items()))).encode("utf-8"), digest_size=20).digest()
    text = _RENDERED.get(key)
    if text is None:
        text = _environment().get_template(template).render(**data)
        head, _, body = text.partition("\n---\n")
        lines = [line.rstrip() for line in body.splitlines() if line.strip()]
        text = head + "\n---\n\n" + "\n".join(lines) + "\n"
    _RENDERED[key] = text
    _RENDERED.move_to_end(key)
    while len(_RENDERED) > _RENDERED_KEPT:
        _RENDERED.popitem(last=False)
    return text


_RENDERED: "collections.OrderedDict[bytes, str]" = collections.OrderedDict()  # least recently used first
_RENDERED_KEPT = 512  # pages: a site's records give a few hundred at most


class CycleSite:
    """Paths and links of the cycle pages, relative to the page being written."""

    def __init__(self, cycle: Cycle, options: CycleOptions) -> None:
        self.cycle = cycle
        self.options = options
        self.words = words(options.language)
        base = options.directory.strip("/")
        self.base = posixpath.join(base, "monev") if base else "monev"
        self.unit_slugs = _unique_slugs(["-".join(slug(u) for u in unit) for unit in cycle.units()])
        self.unit_slug = dict(zip(cycle.units(), self.unit_slugs))
        self.qr_codes = QrCodes(options.cache_dir)

    def src(self, *parts: str) -> str:
        return posixpath.join(self.base, *parts)

    def url(self, src_uri: str) -> str:
        return page_url(src_uri, self.options.use_directory_urls)

    def absolute(self, site_url: str) -> str:
        return self.options.site_url.rstrip("/") + "/" + site_url.lstrip("./") if self.options.site_url else ""

    def unit_dir(self, unit: Sequence[str]) -> str:
        return self.src("unit", self.unit_slug[tuple(unit)])

    def round_src(self, rnd) -> str:
        return posixpath.join(self.unit_dir(rnd.unit), f"monitoring-{rnd.periode.code.lower()}.md")

    def meeting_src(self, meeting) -> str:
        stem = posixpath.basename(meeting.path).rsplit(".evaluasi.yml", 1)[0]
        return self.src("evaluasi", f"{meeting.tanggal.date.isoformat()}-{slug(stem)}.md")

    def panel_links(self, nomor: str, from_url: str) -> PanelLinks:
        """Links from an SOP's page to the Tabel 7 and the meeting of its latest records."""
        monitored = self.cycle.latest_monitoring(nomor)
        evaluated = self.cycle.latest_evaluation(nomor)
        return PanelLinks(
            round=relative_url(self.url(self.round_src(monitored.round)), from_url) if monitored else "",
            meeting=relative_url(self.url(self.meeting_src(evaluated.meeting)), from_url) if evaluated else "")

    def entry_site_url(self, entry) -> str:
        url = entry.url or page_url(entry.page, self.options.use_directory_urls)
        return f"{url}#{entry.sop.anchor}"


class _Page:
    """One page being written: its path, URL and the links from it."""

    def __init__(self, site: CycleSite, src_uri: str) -> None:
        self.site = site
        self.src_uri = src_uri
        self.url = src_uri if site.options.links_from_source else site.url(src_uri)

    def href(self, src_uri: str) -> str:
        return relative_url(self.site.url(src_uri), self.url)

    def sop(self, entry) -> dict:
        """An SOP as templates show it: number, name, link, status."""
        sop = entry.sop
        status = self.site.cycle.catalogue.status(sop)
        return {"nomor": sop.nomor, "nama": sop.nama, "href": relative_url(self.site.entry_site_url(entry), self.url),
                "status": status.value, "status_text": self.site.words["status_" + status.value], "revised": format_date(sop.tanggal_revisi or sop.tanggal_efektif
                                                               or sop.tanggal_pembuatan, self.site.options.language)}

    def sop_ref(self, nomor: str) -> dict:
        entry = self.site.cycle.catalogue.find(nomor)
        return self.sop(entry) if entry else {"nomor": nomor, "nama": "", "href": "", "status": "", "status_text": "",
                                              "revised": ""}

    def follow_up(self, items: Sequence[str]) -> list[dict]:
        """Each follow-up: a link when it names an SOP of the site, else the text (a decree)."""
        out = []
        for item in items:
            entry = self.site.cycle.catalogue.find(item)
            out.append(self.sop(entry) if entry else {"text": item})
        return out

    def chrome(self, title: str, here: str) -> dict:
        w = self.site.words
        nav = [(w["overview"], self.href(self.site.src("index.md")), here == "index"),
               (w["not_running"], self.href(self.site.src("tidak-berjalan-baik.md")), here == "not_running"),
               (w["evaluations"], self.href(self.site.src("evaluasi", "index.md")), here == "evaluations")]
        logo = relative_url(self.site.options.logo, self.url) if self.site.options.logo else ""
        return {"title": title, "w": w, "nav": nav, "institution": self.site.options.institution, "logo": logo,
                "lang": self.site.options.language}

    def qr(self, site_url: str, beside: Sequence[str]) -> dict | None:
        absolute = self.site.absolute(site_url)
        if not absolute:
            return None
        return {"svg": Markup(self.site.qr_codes.svg(absolute, self.site.words["qr_note"])), "url": absolute, "beside": list(beside)}


def _unique_slugs(names: Sequence[str]) -> list[str]:
    used: dict[str, int] = {}
    out = []
    for name in names:
        name = name or "unit"
        n = used.get(name, 0) + 1
        used[name] = n
        out.append(name if n == 1 else f"{name}-{n}")
    return out


# --- the data of each page --------------------------------------------------------------

def _monitoring_row(page: _Page, entry, monitored, language: str) -> dict:
    row = {"sop": page.sop(entry), "baik": False, "tidak_baik": False, "catatan": "", "tindakan": "",
           "metode": "", "penilai": "", "tanggal": ""}
    if monitored is not None:
        result = monitored.result
        row.update(baik=result.penilaian is Assessment.BAIK, tidak_baik=result.penilaian is Assessment.TIDAK_BAIK,
                   catatan=result.catatan, tindakan=result.tindakan,
                   metode=", ".join(method_text(m, language) for m in result.metode),
                   penilai=", ".join(result.penilai), tanggal=format_date(result.tanggal, language))
    return row


def _evaluation_sheet(page: _Page, nomor: str, evaluated, language: str) -> dict:
    """The evaluation sheet of one SOP: blank when ``evaluated`` is None."""
    entry = page.site.cycle.catalogue.find(nomor)
    sop = page.sop(entry) if entry else page.sop_ref(nomor)
    criteria = []
    for criterion in Criterion:
        answer = None
        if evaluated is not None:
            answer = next(c for c in evaluated.evaluation.kriteria if c.criterion is criterion)
        criteria.append({"text": criterion_text(criterion, language), "ya": bool(answer and answer.ya),
                         "tidak": bool(answer and not answer.ya), "catatan": answer.catatan if answer else ""})
    sheet = {"sop": sop, "criteria": criteria, "filled": evaluated is not None, "unit": "", "temuan": [],
             "keputusan": "", "tindak_lanjut": [], "tanggal": "", "evaluator": [], "score": ""}
    if entry is not None:
        sheet["unit"] = " – ".join(entry.sop.unit)
        sheet["qr"] = page.qr(page.site.entry_site_url(entry), [sop["nomor"], sop["revised"]])
    if evaluated is not None:
        ev, meeting = evaluated.evaluation, evaluated.meeting
        sheet.update(temuan=list(ev.temuan), keputusan=decision_text(ev.keputusan, language),
                     tindak_lanjut=page.follow_up(ev.tindak_lanjut), tanggal=format_date(meeting.tanggal, language),
                     evaluator=list(meeting.evaluator), score=f"{ev.score}/7")
    sheet.setdefault("qr", None)
    return sheet


def _index(site: CycleSite) -> GeneratedPage:
    page = _Page(site, site.src("index.md"))
    w, cycle, lang = site.words, site.cycle, site.options.language
    rows = []
    for cov in cycle.coverage():
        rnd = cov.round
        rows.append({
            "unit": " – ".join(cov.unit), "unit_href": page.href(posixpath.join(site.unit_dir(cov.unit), "index.md"))
            if tuple(cov.unit) in site.unit_slug else "",
            "period": cov.period.label(lang), "current": cov.period == cycle.period,
            "done": len(cov.monitored), "total": len(cov.monitored) + len(cov.missing),
            "href": page.href(site.round_src(rnd)) if rnd else "",
            "missing": [page.sop(e) for e in cov.missing]})
    units = [{"name": " – ".join(u), "href": page.href(posixpath.join(site.unit_dir(u), "index.md"))}
             for u in cycle.units()]
    errors = [{"where": f"{d.path}:{d.line}" if d.line else d.path, "text": d.format().split(": ", 2)[-1],
               "error": d.severity is Severity.ERROR} for d in site.options.diagnostics]
    markdown = _render("index.md.j2", **page.chrome(w["overview"], "index"), coverage=rows, units=units,
                       errors=errors, current=cycle.period.label(lang),
                       counts={"rounds": len(cycle.rounds), "meetings": len(cycle.meetings),
                               "not_running": len(cycle.not_running_well()), "due": len(cycle.evaluation_due())})
    return GeneratedPage(page.src_uri, w["overview"], markdown, "cycle")


def _not_running(site: CycleSite) -> GeneratedPage:
    page = _Page(site, site.src("tidak-berjalan-baik.md"))
    w, lang = site.words, site.options.language
    rows = []
    for entry, monitored in site.cycle.not_running_well():
        row = _monitoring_row(page, entry, monitored, lang)
        row["period"] = monitored.round.periode.label(lang)
        row["round_href"] = page.href(site.round_src(monitored.round))
        rows.append(row)
    markdown = _render("not_running.md.j2", **page.chrome(w["not_running"], "not_running"), rows=rows)
    return GeneratedPage(page.src_uri, w["not_running"], markdown, "cycle")


def _evaluations(site: CycleSite) -> GeneratedPage:
    page = _Page(site, site.src("evaluasi", "index.md"))
    w, lang, cycle = site.words, site.options.language, site.cycle
    outcomes = [{"tanggal": format_date(ev.meeting.tanggal, lang), "meeting_href": page.href(site.meeting_src(ev.meeting)),
                 "sop": page.sop_ref(ev.evaluation.sop), "score": f"{ev.evaluation.score}/7",
                 "keputusan": decision_text(ev.evaluation.keputusan, lang), "decision": ev.evaluation.keputusan.value,
                 "tindak_lanjut": page.follow_up(ev.evaluation.tindak_lanjut)} for ev in cycle.outcomes()]
    due = [{"sop": page.sop(entry), "unit": " – ".join(entry.sop.unit),
            "last": format_date(latest.meeting.tanggal, lang) if latest else ""} for entry, latest in cycle.evaluation_due()]
    markdown = _render("evaluations.md.j2", **page.chrome(w["evaluations"], "evaluations"), outcomes=outcomes, due=due,
                       today=format_date(_flex(cycle.today), lang))
    return GeneratedPage(page.src_uri, w["evaluations"], markdown, "cycle")


def _meeting(site: CycleSite, meeting) -> GeneratedPage:
    page = _Page(site, site.meeting_src(meeting))
    w, lang = site.words, site.options.language
    title = f"{w['ba_title']} — {format_date(meeting.tanggal, lang)}"
    sheets = [_evaluation_sheet(page, ev.sop, Evaluated(meeting, ev), lang) for ev in meeting.hasil]
    ba = _berita_acara(page, meeting.unit, [s["sop"] for s in sheets], meeting=meeting, sheets=sheets)
    markdown = _render("meeting.md.j2", **page.chrome(title, "meeting"), ba=ba, sheets=sheets)
    return GeneratedPage(page.src_uri, title, markdown, "cycle-form")


def _berita_acara(page: _Page, unit: Sequence[str], sops: list[dict], *, meeting=None, sheets=None) -> dict:
    w, lang = page.site.words, page.site.options.language
    unit_text = " – ".join(unit) if unit else page.site.options.institution
    if meeting is None:
        day, place = w["ba_blank_day"], w["ba_blank_place"]
    else:
        day, place = _weekday_date(meeting.tanggal.date, lang), meeting.tempat or w["ba_blank_place"]
    rows = []
    for i, sop in enumerate(sops):
        sheet = sheets[i] if sheets else None
        rows.append({"sop": sop, "keputusan": sheet["keputusan"] if sheet else "",
                     "score": sheet["score"] if sheet else "",
                     "tindak_lanjut": sheet["tindak_lanjut"] if sheet else []})
    return {"opening": w["ba_opening"].format(day=day, place=place, unit=unit_text), "rows": rows,
            "nomor": meeting.nomor if meeting else "", "chair": meeting.pimpinan if meeting else "",
            "members": list(meeting.evaluator) if meeting else [], "filled": meeting is not None,
            "qr": page.qr(page.url, [meeting.nomor if meeting else "", format_date(meeting.tanggal, lang)
                                     if meeting else ""]) if meeting else None}


def _unit_pages(site: CycleSite, unit: tuple[str, ...]) -> list[GeneratedPage]:
    w, lang, cycle = site.words, site.options.language, site.cycle
    folder = site.unit_dir(unit)
    name = " – ".join(unit)
    entries = cycle.entries_of(unit)
    pages = []

    # the blank Tabel 7 of the current period, pre-filled with the unit's SOPs in force
    blank = _Page(site, posixpath.join(folder, "formulir-monitoring.md"))
    title = f"{w['tabel7_blank']} — {name}"
    form = {"unit": name, "period": cycle.period.label(lang), "filled": False,
            "rows": [_monitoring_row(blank, e, None, lang) for e in entries],
            "qr": blank.qr(blank.url, [name, cycle.period.label(lang)])}
    pages.append(GeneratedPage(blank.src_uri, title, _render("tabel7.md.j2", **blank.chrome(title, "form"), form=form),
                               "cycle-form"))

    # each round as filled
    rounds = [r for r in cycle.rounds if r.unit == unit]
    for rnd in rounds:
        page = _Page(site, site.round_src(rnd))
        title = f"{w['tabel7_filled']} — {name}, {rnd.periode.label(lang)}"
        by_nomor = {r.sop: r for r in rnd.hasil}
        rows = []
        for entry in cycle.entries_of(unit, in_force_only=False):
            result = by_nomor.get(entry.sop.nomor)
            if result is not None:
                rows.append(_monitoring_row(page, entry, Monitored(rnd, result), lang))
        missing = [page.sop(e) for e in entries if e.sop.nomor not in by_nomor]
        form = {"unit": name, "period": rnd.periode.label(lang), "filled": True, "rows": rows, "missing": missing,
                "penilai": ", ".join(rnd.penilai), "tanggal": format_date(rnd.tanggal, lang),
                "qr": page.qr(page.url, [name, rnd.periode.label(lang)])}
        pages.append(GeneratedPage(page.src_uri, title, _render("tabel7.md.j2", **page.chrome(title, "form"), form=form),
                                   "cycle-form"))

    # the Berita Acara template and the blank evaluation sheets
    forms = _Page(site, posixpath.join(folder, "formulir-evaluasi.md"))
    title = f"{w['ba_blank']} — {name}"
    sops = [forms.sop(e) for e in entries]
    sheets = [_evaluation_sheet(forms, e.sop.nomor, None, lang) for e in entries]
    pages.append(GeneratedPage(forms.src_uri, title, _render(
        "meeting.md.j2", **forms.chrome(title, "form"), ba=_berita_acara(forms, unit, sops), sheets=sheets),
        "cycle-form"))

    # the evidence page
    page = _Page(site, posixpath.join(folder, "index.md"))
    title = f"{w['evidence']} — {name}"
    meetings = [m for m in cycle.meetings if _meeting_in(m, unit, cycle)]
    comparisons = []
    for old, new in cycle.revisions_in(unit):
        rows = [{"change": pair.change.value, "change_text": w["change_" + pair.change.value],
                 "old": _step_cells(pair.old), "new": _step_cells(pair.new)}
                for pair in compare_steps(old.sop.steps, new.sop.steps)]
        evaluated = [e for e in cycle.evaluations_of(old.sop.nomor) if new.sop.nomor in e.evaluation.tindak_lanjut]
        comparisons.append({"old": page.sop(old), "new": page.sop(new), "rows": rows,
                            "meeting": {"text": format_date(evaluated[-1].meeting.tanggal, lang),
                                        "href": page.href(site.meeting_src(evaluated[-1].meeting))} if evaluated else None})
    data = {
        "unit": name,
        "rounds": [{"period": r.periode.label(lang), "href": page.href(site.round_src(r)), "done": len(r.hasil),
                    "not_running": sum(1 for x in r.hasil if x.penilaian is Assessment.TIDAK_BAIK)} for r in rounds],
        "meetings": [{"date": format_date(m.tanggal, lang), "nomor": m.nomor, "href": page.href(site.meeting_src(m)),
                      "count": len(m.hasil)} for m in meetings],
        "comparisons": comparisons,
        "forms": [{"text": w["tabel7_blank"], "href": page.href(blank.src_uri)},
                  {"text": f"{w['ba_blank']}, {w['eval_sheets_blank'].lower()}", "href": page.href(forms.src_uri)}],
        "sops": [{**page.sop(e), **_latest(page, e, lang)} for e in entries],
    }
    pages.append(GeneratedPage(page.src_uri, title, _render("unit.md.j2", **page.chrome(title, "unit"), data=data),
                               "cycle"))
    return pages


def _latest(page: _Page, entry, lang: str) -> dict:
    cycle = page.site.cycle
    m, e = cycle.latest_monitoring(entry.sop.nomor), cycle.latest_evaluation(entry.sop.nomor)
    return {"monitoring": f"{assessment_text(m.result.penilaian, lang)} ({m.round.periode.label(lang)})" if m else "",
            "evaluation": f"{decision_text(e.evaluation.keputusan, lang)} ({format_date(e.meeting.tanggal, lang)})"
            if e else ""}


def _meeting_in(meeting, unit: Sequence[str], cycle: Cycle) -> bool:
    """A meeting belongs to the unit it names (or one above or below it), else to the units of its SOPs."""
    if meeting.unit:
        return unit_covers(unit, meeting.unit) or unit_covers(meeting.unit, unit)
    entries = (cycle.catalogue.find(ev.sop) for ev in meeting.hasil)
    return any(entry is not None and unit_covers(unit, entry.sop.unit) for entry in entries)


def _step_cells(step) -> dict | None:
    if step is None:
        return None
    return {"number": step.number, "kegiatan": step.kegiatan, "pelaksana": ", ".join(step.pelaksana),
            "waktu": step.waktu}


_DAYS = {"id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
         "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}


def _weekday_date(day: _dt.date, lang: str) -> str:
    days = _DAYS["en" if lang.startswith("en") else "id"]
    return f"{days[day.weekday()]}, {format_date(_flex(day), lang)}"


def _flex(day: _dt.date):
    from ..core.dates import parse_flexdate

    return parse_flexdate(day)


def build_cycle_pages(site: CycleSite) -> list[GeneratedPage]:
    """Every cycle page of the site, in a stable order."""
    cycle = site.cycle
    pages = [_index(site), _not_running(site), _evaluations(site)]
    pages.extend(_meeting(site, m) for m in cycle.meetings)
    for unit in cycle.units():
        pages.extend(_unit_pages(site, unit))
    return pages


def cycle_index_path(directory: str) -> str:
    base = directory.strip("/")
    return posixpath.join(base, "monev", "index.md") if base else "monev/index.md"
