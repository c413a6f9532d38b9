"""The generated catalogue pages: data from the catalogue, rendered by Jinja2 templates into Markdown.

Pure core (no generator imported). :func:`page_data` turns a
:class:`~.registry.Catalogue` into a list of :class:`PageData`: for each page its source
path, title, kind, template and a context of plain values (strings, numbers, lists and
dicts of them). :func:`render_page` fills the template; :func:`build_pages` does both.
A page's text depends only on its context and the templates found, so a caller may key
it by content (``PageData.digest``).

Templates (``mkdocs_sop/templates/catalogue/*.md.jinja``, overridable by a site: see
:mod:`.templating`) write Markdown whose links are ``.md`` paths relative to the page's
source file, so MkDocs, ProperDocs and Zensical resolve and check them; tables and the
unit tree are HTML with ``markdown`` attributes (``md_in_html``) around those links, with
classes through ``attr_list``. Output depends only on the catalogue and the options
(``today`` included), never on the clock or on dictionary order.

Pages, under ``directory`` (default ``katalog``):

- ``index.md``: counts and the first rows of the table of every SOP; the other rows on
  ``semua/2.md``, ``semua/3.md``, ... (``page_size`` rows each, linked back and forth),
  so no page grows with the site; the filter box searches every SOP through ``sop.json``;
- ``unit/index.md``: the unit tree, each node with its SOPs (above ``page_size`` SOPs: units
  and counts only); ``unit/<a>/<b>/index.md``: one page per unit, its *daftar isi* (paged:
  ``unit/<a>/<b>/_halaman/2.md``, ...);
- ``jenis.md``: by type and category; above ``page_size`` SOPs, the counts, and each
  category's list on ``jenis/<jenis>-<kategori>.md`` (and ``.../2.md``, ...);
- ``dasar-hukum/index.md``: regulations in legislative order, one page each
  (``dasar-hukum/<key>.md``, paged: ``dasar-hukum/<key>/2.md``, ...) with the SOPs that cite
  it and how they wrote it;
- ``pelaksana/index.md``: actors with their SOP and step counts and workload, one page
  each (``pelaksana/<name>.md``) with the steps and their times;
- ``peninjauan.md``: review status; ``rujukan.md``: unresolved references.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
import posixpath
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from ..core.dates import format_date
from ..core.model import FlexDate, SopCategory, SopStatus, SopType, leaf_steps, slug
from ..core.timeparse import format_duration, sum_durations
from .registry import Catalogue, Entry, UnitNode, actor_home, duration_sort_value, entry_order, total_time, unit_path
from .templating import render

__all__ = ["PageOptions", "PageData", "GeneratedPage", "page_data", "render_page", "build_pages", "page_paths",
           "PAGE_KEYS", "OVERVIEW_FOLDER"]

# The kinds of page, in the order of the catalogue's own navigation.
PAGE_KEYS = ("overview", "units", "types", "legal", "actors", "review", "unresolved")
_FILES = {"overview": "index.md", "units": "unit/index.md", "types": "jenis.md",
          "legal": "dasar-hukum/index.md", "actors": "pelaksana/index.md", "review": "peninjauan.md",
          "unresolved": "rujukan.md"}
_TITLES = {"overview": "cat_overview", "units": "cat_units", "types": "cat_types",
           "legal": "cat_legal", "actors": "cat_actors", "review": "cat_review",
           "unresolved": "cat_unresolved"}
OVERVIEW_FOLDER = "semua"  # pages 2.. of the overview: <directory>/semua/<n>.md
TEMPLATE_FOLDER = "catalogue"


@dataclass(frozen=True)
class PageOptions:
    labels: Mapping[str, str]
    language: str = "id"
    directory: str = "katalog"
    include_drafts: bool = False
    today: _dt.date = _dt.date(2000, 1, 1)
    review_horizon_days: int = 90
    review_after_years: int = 2
    downloads: Sequence[str] = ()  # docs-root paths of the data exports to link ("sop.json")
    page_size: int = 100
    """Rows of the overview table per page; the other rows go to pages 2, 3, ... 0: all on one page."""
    templates: Sequence[str] = ()
    """Folders searched for a site's own templates before the package's (first found wins)."""


@dataclass(frozen=True)
class PageData:
    """One page before rendering: everything its text depends on, besides the templates."""

    src_uri: str  # path inside docs, e.g. "katalog/index.md"
    title: str  # plain text: the navigation's and the browser tab's
    kind: str  # one of PAGE_KEYS, or "overview-page", "unit", "type-list", "regulation", "actor"
    template: str  # e.g. "catalogue/overview.md.jinja"
    context: Mapping[str, Any] = field(default_factory=dict)

    def digest(self) -> str:
        """A key of the page's data (with the template's name): equal digests, equal pages."""
        data = json.dumps([self.src_uri, self.title, self.template, self.context], ensure_ascii=False,
                          sort_keys=True, default=str)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # path inside docs, e.g. "katalog/index.md"
    title: str
    markdown: str
    kind: str  # one of PAGE_KEYS, or "overview-page", "unit", "regulation", "actor" for the pages of one item


def page_paths(directory: str) -> dict[str, str]:
    """Source path of each catalogue page (``overview``, ``units``, ...)."""
    directory = directory.strip("/")
    return {k: posixpath.join(directory, f) if directory else f for k, f in _FILES.items()}


def source_link(target: str, here: str, anchor: str = "") -> str:
    """A link from the page ``here`` to the file ``target`` (both paths inside docs), as a
    relative path with the anchor; ``#anchor`` alone on the same page."""
    if target == here and anchor:
        return "#" + anchor
    rel = _relative_path(target, posixpath.dirname(here) or ".")
    return rel + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=65536)  # every listing links the same pages from the same folders
def _relative_path(target: str, folder: str) -> str:
    return posixpath.relpath(target, folder)


# --- what every page shares ----------------------------------------------------------

class _Site:
    """The catalogue's data as every page needs it: entries, paths, SOP references."""

    def __init__(self, catalogue: Catalogue, options: PageOptions) -> None:
        self.catalogue = catalogue
        self.options = options
        self.labels = dict(options.labels)
        self.paths = page_paths(options.directory)
        self.entries = catalogue.official(options.include_drafts)
        self.tree = catalogue.unit_tree(self.entries)
        self.unit_src = self._unit_sources(self.tree)
        self.drafts_note = ""
        if not options.include_drafts and any(e.sop.status is SopStatus.DRAF for e in catalogue.entries):
            self.drafts_note = self.labels["cat_drafts_left_out"]

    def _unit_sources(self, root: UnitNode) -> dict[tuple[str, ...], str]:
        base = posixpath.dirname(self.paths["units"])
        out: dict[tuple[str, ...], str] = {}

        def visit(node: UnitNode, folder: str) -> None:
            used: set[str] = set()
            for child in node.children:
                name = slug(child.name)
                candidate, n = name, 2
                while candidate in used:
                    candidate, n = f"{name}-{n}", n + 1
                used.add(candidate)
                child_folder = posixpath.join(folder, candidate)
                out[child.path] = posixpath.join(child_folder, "index.md")
                visit(child, child_folder)

        visit(root, base)
        return out

    def title(self, key: str) -> str:
        return self.labels[_TITLES[key]]

    def nav(self, here: str, current: str) -> list[dict]:
        return [{"label": self.title(key), "href": source_link(self.paths[key], here), "current": key == current}
                for key in PAGE_KEYS]

    def sop(self, entry: Entry, here: str, text: str | None = None) -> dict:
        """An SOP as a link from ``here``, with its status when not in force and what replaced it."""
        status = self.catalogue.status(entry.sop)
        replacements = []
        if status is SopStatus.DIGANTIKAN:
            replacements = [{"nomor": other.sop.nomor, "href": source_link(other.page, here, other.sop.anchor)}
                            for other in self.catalogue.superseded_by_official(entry.sop)]
        return {"nomor": entry.sop.nomor, "nama": text if text is not None else entry.sop.nama,
                "href": source_link(entry.page, here, entry.sop.anchor),
                "status": None if status is SopStatus.BERLAKU else
                {"value": status.value, "label": self.labels["status_" + status.value]},
                "replacements": replacements}

    def sop_rows(self, entries: Iterable[Entry], here: str, unit_from: int = 0) -> list[dict]:
        """Rows of the compact SOP table: number, link, unit below ``unit_from``, effective date."""
        return [{"sop": self.sop(entry, here), "unit": " › ".join(unit_path(entry.sop)[unit_from:]),
                 "effective": format_date(entry.sop.tanggal_efektif, self.options.language)}
                for entry in entries]

    def page(self, src_uri: str, title: str, kind: str, template: str, current: str = "",
             heading: str | None = None, **context: Any) -> PageData:
        base = {"labels": self.labels, "title": title, "heading": title if heading is None else heading,
                "nav": self.nav(src_uri, current), "drafts_note": self.drafts_note}
        return PageData(src_uri, title, kind, f"{TEMPLATE_FOLDER}/{template}", {**base, **context})


# --- the pages -------------------------------------------------------------------------

def _paged(site: _Site, entries: Sequence[Entry], first_src: str, folder: str) -> list[tuple[str, list[Entry], dict]]:
    """A long list as pages of ``page_size`` rows: ``first_src``, then ``folder/2.md``, ``folder/3.md``...
    Each comes with its pager (where it sits, links to the others), so no page grows with the site."""
    labels, size = site.labels, site.options.page_size if site.options.page_size > 0 else max(1, len(entries))
    chunks = [list(entries[i:i + size]) for i in range(0, len(entries), size)] or [[]]
    sources = [first_src] + [posixpath.join(folder, f"{n}.md") for n in range(2, len(chunks) + 1)]
    out = []
    for number, (src, chunk) in enumerate(zip(sources, chunks), start=1):
        first = (number - 1) * size + 1
        last = first + len(chunk) - 1
        out.append((src, chunk, {
            "number": number, "count": len(chunks), "first": first, "last": last, "total": len(entries),
            "rows": labels["cat_rows"].format(first=first, last=last, total=len(entries)),
            "previous": source_link(sources[number - 2], src) if number > 1 else "",
            "next": source_link(sources[number], src) if number < len(chunks) else "",
            "pages": [{"number": n, "href": source_link(s, src), "current": s == src}
                      for n, s in enumerate(sources, start=1)]}))
    return out


def _overview(site: _Site) -> list[PageData]:
    """The overview (counts, downloads, the first rows) and the pages of the other rows."""
    labels, opts, here = site.labels, site.options, site.paths["overview"]
    paged = _paged(site, site.entries, here, posixpath.join(posixpath.dirname(here), OVERVIEW_FOLDER))
    # what the filter script shows for rows it builds from sop.json (which holds the values)
    value_labels = json.dumps({"jenis": {t.value: labels["jenis_" + t.value] for t in SopType},
                               "kategori": {k.value: labels["kategori_" + k.value] for k in SopCategory},
                               "status": {s.value: labels["status_" + s.value] for s in SopStatus}},
                              ensure_ascii=False, sort_keys=True)
    pages = []
    for src, chunk, pager in paged:
        context = {"pager": pager, "rows": [_overview_row(site, entry, src) for entry in chunk],
                   "value_labels": value_labels if len(paged) > 1 else "",
                   "downloads": [{"name": posixpath.basename(p), "href": source_link(p, src)} for p in opts.downloads]}
        if pager["number"] == 1:
            pages.append(site.page(src, site.title("overview"), "overview", "overview.md.jinja", "overview",
                                   counts=_counts(site), **context))
        else:
            title = f"{site.title('overview')} ({pager['first']}–{pager['last']})"
            pages.append(site.page(src, title, "overview-page", "overview.md.jinja", "overview", counts=[],
                                   **context))
    return pages


def _counts(site: _Site) -> list[dict]:
    """What a reader counts: organisations, units owning SOPs, actors as the actor index lists them."""
    labels, entries = site.labels, site.entries
    actors = site.catalogue.by_actor(entries)
    status_counts = {s: 0 for s in SopStatus}
    for e in entries:
        status_counts[site.catalogue.status(e.sop)] += 1
    rows = [(labels["cat_count_sops"], len(entries), "sops"),
            (labels["cat_count_orgs"], len({actor_home(e.sop) for e in entries}), "organisations"),
            (labels["cat_count_units"], len({unit_path(e.sop) for e in entries}), "units"),
            (labels["cat_count_actors"], len(actors), "actors")]
    rows += [(labels["status_" + s.value], n, f"status-{s.value}")
             for s, n in status_counts.items() if n or s is SopStatus.BERLAKU]
    rows += [(labels["jenis_" + t.value], sum(1 for e in entries if e.sop.jenis is t), f"jenis-{t.value}")
             for t in SopType]
    rows += [(labels["kategori_" + k.value], sum(1 for e in entries if e.sop.kategori is k), f"kategori-{k.value}")
             for k in SopCategory]
    return [{"term": term, "value": str(value), "key": key} for term, value, key in rows]


def _overview_row(site: _Site, entry: Entry, here: str) -> dict:
    sop, language, labels = entry.sop, site.options.language, site.labels
    status = site.catalogue.status(sop)
    path = unit_path(sop)
    eff = sop.tanggal_efektif
    iso = ""
    if eff is not None:
        iso = eff.date.isoformat() if eff.date else (f"{eff.year:04d}-{eff.month or 1:02d}-00" if eff.year else "")
    steps = sum(1 for _ in leaf_steps(sop.steps))
    total = total_time(sop)
    shown_total = total is not None and (not total.low.is_zero or not total.high.is_zero)
    return {"nomor": sop.nomor, "nama": sop.nama, "href": source_link(entry.page, here, sop.anchor),
            "unit_path": " › ".join(path), "unit_own": path[-1] if path else "",
            "unit_parents": " › ".join(path[1:-1] or path[:1]) if len(path) > 1 else "",
            "jenis": labels["jenis_" + sop.jenis.value],
            "kategori": labels["kategori_" + sop.kategori.value] if sop.kategori else "",
            "effective": format_date(eff, language), "effective_sort": iso,
            "steps": steps, "time": format_duration(total, language) if shown_total else "",
            "time_sort": f"{duration_sort_value(total):.2f}",
            "status": {"value": status.value, "label": labels["status_" + status.value]}}


def _units(site: _Site) -> PageData:
    """The unit tree; with more SOPs than one page of the overview holds, units and counts only
    (each unit's page lists its SOPs), so the tree stays small however many SOPs the site has."""
    here, size = site.paths["units"], site.options.page_size
    listed = size <= 0 or len(site.entries) <= size

    def node(n: UnitNode) -> dict:
        return {"path": " › ".join(n.path), "name": n.name, "count": n.count,
                "href": source_link(site.unit_src[n.path], here),
                "sops": [site.sop(e, here) for e in n.entries] if listed else [],
                "children": [node(c) for c in n.children]}

    note = "" if listed else site.labels["cat_units_on_unit_pages"].format(count=len(site.entries))
    return site.page(here, site.title("units"), "units", "units.md.jinja", "units",
                     tree=[node(c) for c in site.tree.children], note=note,
                     root_sops=[site.sop(e, here) for e in site.tree.entries])  # no unit page: always listed


def _unit_pages(site: _Site) -> list[PageData]:
    """Each unit's daftar isi: where it sits, its sub-units, the SOPs of the unit and below. A unit
    high in the tree holds thousands of SOPs, so its list is paged like the overview (pages 2, 3...
    in ``_halaman/``, a folder name no unit's slug can take)."""
    labels, out = site.labels, []
    for node in site.tree.walk():
        if not node.path:
            continue
        here = site.unit_src[node.path]
        crumbs = [(labels["cat_units"], site.paths["units"])]
        crumbs += [(node.path[depth - 1], site.unit_src[node.path[:depth]]) for depth in range(1, len(node.path))]
        entries = sorted(node.all_entries(), key=entry_order)
        for src, chunk, pager in _paged(site, entries, here, posixpath.join(posixpath.dirname(here), "_halaman")):
            first = pager["number"] == 1
            out.append(site.page(
                src, node.name if first else f"{node.name} ({pager['first']}–{pager['last']})", "unit",
                "unit.md.jinja", heading=f"{labels['cat_daftar_isi']}: {node.name}", name=node.name,
                crumbs=[{"label": label, "href": source_link(target, src)} for label, target in crumbs],
                unit_href="" if first else source_link(here, src), pager=pager,
                children=[{"name": c.name, "count": c.count, "href": source_link(site.unit_src[c.path], src)}
                          for c in node.children] if first else [],
                rows=site.sop_rows(chunk, src, unit_from=len(node.path))))
    return out


def _types(site: _Site) -> list[PageData]:
    """SOPs by type and category; with more SOPs than one page of the overview holds, each
    category's list is a page of its own (paged like the overview) and this page links them."""
    labels, here, size = site.labels, site.paths["types"], site.options.page_size
    listed = size <= 0 or len(site.entries) <= size
    sections, lists = [], []
    for jenis, groups in site.catalogue.by_type(site.entries).items():
        kinds = []
        for kategori, entries in groups.items():
            if kategori is None and not entries:
                continue  # "no category" only when some SOP has none
            kind_id = f"{jenis.value}-{kategori.value if kategori else 'tanpa-kategori'}"
            name = labels["kategori_" + kategori.value] if kategori else labels["cat_no_category"]
            kind = {"id": kind_id, "name": name, "count": len(entries), "href": "", "more": "",
                    "rows": site.sop_rows(entries, here) if listed else []}
            if not listed and entries:
                folder = posixpath.join(posixpath.dirname(here), posixpath.splitext(posixpath.basename(here))[0],
                                        kind_id)
                kind["href"] = source_link(folder + ".md", here)
                kind["more"] = labels["cat_type_list"].format(count=len(entries))
                lists.append((f"{labels['jenis_' + jenis.value]} — {name}", entries, folder))
            kinds.append(kind)
        sections.append({"id": f"jenis-{jenis.value}", "name": labels["jenis_" + jenis.value],
                         "count": sum(len(v) for v in groups.values()), "kinds": kinds})
    note = "" if listed else labels["cat_types_on_pages"].format(count=len(site.entries))
    out = [site.page(here, site.title("types"), "types", "types.md.jinja", "types", sections=sections, note=note)]
    for heading, entries, folder in lists:
        for src, chunk, pager in _paged(site, entries, folder + ".md", folder):
            title = heading if pager["count"] == 1 else f"{heading} ({pager['first']}–{pager['last']})"
            out.append(site.page(src, title, "type-list", "type-list.md.jinja", heading=heading, pager=pager,
                                 up={"label": site.title("types"), "href": source_link(here, src)},
                                 rows=site.sop_rows(chunk, src)))
    return out


def _item_sources(site: _Site, key: str, names: Sequence[str]) -> list[str]:
    """Unique page paths ``<folder of key's index>/<slug>.md`` for regulations or actors."""
    folder = posixpath.dirname(site.paths[key])
    used: set[str] = {"index"}
    out = []
    for name in names:
        base = slug(name)[:80].strip("-") or "x"
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        out.append(posixpath.join(folder, candidate + ".md"))
    return out


def _legal(site: _Site) -> list[PageData]:
    labels, here = site.labels, site.paths["legal"]
    groups = site.catalogue.by_legal_basis(site.entries)
    sources = _item_sources(site, "legal", [reg.key for reg, _ in groups])
    items = [{"href": source_link(src, here), "name": reg.display, "cells": [str(len(cited))],
              "attr": "data-regulation", "key": reg.key} for src, (reg, cited) in zip(sources, groups)]
    out = [site.page(here, site.title("legal"), "legal", "index.md.jinja", "legal", class_name="sop-cat-index",
                     heads=[labels["dasar_hukum"], labels["cat_count_sops"]], items=items)]
    for first_src, (reg, cited) in zip(sources, groups):
        # a law every unit cites (UU 25/2009) names most SOPs of the site: paged like the overview
        written = sorted({t for _, texts in cited for t in texts if t != reg.display})
        title = reg.name or reg.display
        for src, chunk, pager in _paged(site, [entry for entry, _ in cited], first_src,
                                        posixpath.splitext(first_src)[0]):
            first = pager["number"] == 1
            out.append(site.page(src, title if first else f"{title} ({pager['first']}–{pager['last']})",
                                 "regulation", "regulation.md.jinja", heading=reg.display,
                                 up={"label": site.title("legal"), "href": source_link(here, src)}, key=reg.key,
                                 written=written if first else [], count=len(cited), pager=pager,
                                 regulation_href="" if first else source_link(first_src, src),
                                 rows=site.sop_rows(chunk, src)))
    return out


def _actors(site: _Site) -> list[PageData]:
    labels, lang, here = site.labels, site.options.language, site.paths["actors"]
    groups = site.catalogue.by_actor(site.entries)
    sources = _item_sources(site, "actors", [name for name, _ in groups])
    items = []
    for src, (name, works) in zip(sources, groups):
        timed = [w.time for w in works if w.time is not None]
        items.append({"href": source_link(src, here), "name": name, "attr": "data-actor", "key": name,
                      "cells": [str(len(works)), str(sum(len(w.steps) for w in works)),
                                _time_text(sum_durations(timed), lang) if timed else ""]})
    out = [site.page(here, site.title("actors"), "actors", "index.md.jinja", "actors", class_name="sop-cat-index",
                     heads=[labels["pelaksana"], labels["cat_count_sops"], labels["steps"], labels["cat_workload"]],
                     items=items)]
    for src, (name, works) in zip(sources, groups):
        rows = []
        for work in works:
            target = work.entry.page
            rows.append({"sop": site.sop(work.entry, src), "steps": [
                {"number": s.number, "href": source_link(
                    target, src, f"{work.entry.sop.anchor}-langkah-{s.number.replace('.', '-')}")}
                for s in work.steps], "time": _time_text(work.time, lang)})
        timed = [w.time for w in works if w.time is not None]
        out.append(site.page(src, name, "actor", "actor.md.jinja", heading=f"{labels['pelaksana']}: {name}",
                             up={"label": site.title("actors"), "href": source_link(here, src)}, name=name,
                             summary=labels["cat_actor_summary"].format(
                                 sops=len(works), steps=sum(len(w.steps) for w in works)),
                             rows=rows, workload=_time_text(sum_durations(timed), lang) if timed else ""))
    return out


def _review(site: _Site) -> PageData:
    labels, opts, here = site.labels, site.options, site.paths["review"]
    items = site.catalogue.review(opts.today, opts.review_horizon_days, opts.review_after_years, site.entries)
    headings = [("overdue", labels["cat_review_overdue"]),
                ("due", labels["cat_review_due"].format(days=opts.review_horizon_days)),
                ("no-dates", labels["cat_review_no_dates"])]
    sections = []
    for state, heading in headings:
        chosen = [r for r in items if r.state == state]
        sections.append({"state": state, "heading": heading, "dated": state != "no-dates", "rows": [
            {"sop": site.sop(item.entry, here), "unit": " › ".join(unit_path(item.entry.sop)),
             "due": item.due.isoformat() if item.due else "",
             "due_text": format_date(_flex(item.due), opts.language) if item.due else "",
             "basis": labels.get(item.basis, item.basis)} for item in chosen]})
    rule = labels["cat_review_rule"].format(years=opts.review_after_years,
                                            today=format_date(_flex(opts.today), opts.language))
    return site.page(here, site.title("review"), "review", "review.md.jinja", "review", rule=rule, sections=sections)


def _unresolved(site: _Site) -> PageData:
    labels, here = site.labels, site.paths["unresolved"]
    kinds = {"keterkaitan": labels["keterkaitan"], "sop": labels["continues_in"], "menggantikan": labels["supersedes"]}
    rows = [{"source": f"{item.entry.page}:{item.line}", "kind_key": item.kind, "kind": kinds[item.kind],
             "sop": site.sop(item.entry, here, f"{item.entry.sop.nomor} — {item.entry.sop.nama}"),
             "reference": item.reference} for item in site.catalogue.unresolved()]
    return site.page(here, site.title("unresolved"), "unresolved", "unresolved.md.jinja", "unresolved", rows=rows)


def _flex(day: _dt.date) -> FlexDate:
    return FlexDate(text=day.isoformat(), date=day, year=day.year, month=day.month)


def _time_text(d, lang: str) -> str:
    if d is None:
        return ""
    text = format_duration(d, lang)
    if d.unknown:
        text += " (+?)"
    return text


# --- the entry points ------------------------------------------------------------------

def page_data(catalogue: Catalogue, options: PageOptions) -> list[PageData]:
    """Every catalogue page's data, in navigation order (overview first, unit pages after the tree)."""
    site = _Site(catalogue, options)
    return [*_overview(site), _units(site), *_unit_pages(site), *_types(site), *_legal(site), *_actors(site),
            _review(site), _unresolved(site)]


def render_page(data: PageData, templates: Sequence[str] = ()) -> GeneratedPage:
    """The page's Markdown: its template (a site's own first) filled with its data."""
    return GeneratedPage(data.src_uri, data.title, render(data.template, dict(data.context), templates), data.kind)


def build_pages(catalogue: Catalogue, options: PageOptions) -> list[GeneratedPage]:
    """Every catalogue page, in navigation order (overview first, unit pages after the tree)."""
    return [render_page(data, options.templates) for data in page_data(catalogue, options)]
