"""The generated catalogue pages: Markdown files whose body is HTML built by construction.

Pure core (no MkDocs): :func:`build_pages` turns a :class:`~.catalogue.Catalogue` into a
list of :class:`GeneratedPage` (source path, title, Markdown). The MkDocs plugin adds
them as generated files, so they get the theme, the navigation, search and the build's
checks like any page; the command line can write them to a folder.

Each page is YAML front matter (its title, JSON-quoted) followed by raw HTML blocks
separated by blank lines. Every piece of editor text goes through ElementTree, so it is
escaped; every link is computed relative to the page it sits on, so it works with both
``use_directory_urls`` styles. Output depends only on the catalogue and the options
(``today`` included), never on the clock or on dictionary order.

Pages, under ``directory`` (default ``katalog``):

- ``index.md``: counts and the table of every SOP (filter and sort by
  ``sop-catalogue.js`` when scripts run; a plain table when they do not);
- ``unit/index.md``: the unit tree, each node with its SOPs; ``unit/<a>/<b>/index.md``:
  one page per unit, its *daftar isi*;
- ``jenis.md``: by type and category;
- ``dasar-hukum/index.md``: regulations in legislative order, one page each
  (``dasar-hukum/<key>.md``) with the SOPs that cite it and how they wrote it;
- ``pelaksana/index.md``: actors with their SOP and step counts and workload, one page
  each (``pelaksana/<name>.md``) with the steps and their times;
- ``peninjauan.md``: review status; ``rujukan.md``: unresolved references.

Legal bases and actors get a page each so that no page grows with the size of the
site times the number of citations: a site of thousands of SOPs keeps pages small.
"""

from __future__ import annotations

import datetime as _dt
import json
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..core.htmltree import el, title_html
from .registry import (Catalogue, Entry, UnitNode, duration_sort_value, entry_order, page_url,
                        relative_url, total_time, unit_path, actor_home)
from ..core.dates import format_date
from ..core.model import FlexDate, SopCategory, SopStatus, SopType, Step, leaf_steps, slug
from ..core.timeparse import format_duration, sum_durations

__all__ = ["PageOptions", "GeneratedPage", "build_pages", "page_paths"]

# The kinds of page, in the order of the catalogue's own navigation.
PAGE_KEYS = ("overview", "units", "types", "legal", "actors", "review", "unresolved")
_FILES = {"overview": "index.md", "units": "unit/index.md", "types": "jenis.md",
          "legal": "dasar-hukum/index.md", "actors": "pelaksana/index.md", "review": "peninjauan.md",
          "unresolved": "rujukan.md"}
_TITLES = {"overview": "cat_overview", "units": "cat_units", "types": "cat_types",
           "legal": "cat_legal", "actors": "cat_actors", "review": "cat_review",
           "unresolved": "cat_unresolved"}


@dataclass(frozen=True)
class PageOptions:
    labels: Mapping[str, str]
    language: str = "id"
    directory: str = "katalog"
    use_directory_urls: bool = True
    include_drafts: bool = False
    today: _dt.date = _dt.date(2000, 1, 1)
    review_horizon_days: int = 90
    review_after_years: int = 2
    downloads: Sequence[str] = ()  # site-root paths of the data exports to link ("sop.json")
    links_from_source: bool = False
    """Write links relative to the page's source file (Zensical rebases every link of a page,
    raw HTML included, from its source folder); by default relative to its URL (MkDocs)."""


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # path inside docs, e.g. "katalog/index.md"
    title: str
    markdown: str
    kind: str  # one of PAGE_KEYS, or "unit", "regulation", "actor" for the pages of one item


def page_paths(directory: str) -> dict[str, str]:
    """Source path of each catalogue page (``overview``, ``units``, ...)."""
    directory = directory.strip("/")
    return {k: posixpath.join(directory, f) if directory else f for k, f in _FILES.items()}


# --- element helpers -----------------------------------------------------------------

_el = el  # the module-local name the builders below use


def _html(element: ET.Element) -> str:
    html = ET.tostring(element, encoding="unicode", method="html")
    return html.replace("\n", "&#10;")  # one line: a blank line would end the raw HTML block


def _doc(title: str, blocks: list[ET.Element]) -> str:
    """The page's Markdown; ``title`` is plain text (escaped for the theme, set as text in the h1)."""
    parts = ["---", "title: " + json.dumps(title_html(title), ensure_ascii=False), "---", ""]
    h1 = _el("h1", text=title)
    parts.append(_html(h1))
    for block in blocks:
        parts.append("")
        parts.append(_html(block))
    return "\n".join(parts) + "\n"


generated_page_markdown = _doc  # also the unit landing pages' (catalogue/units.py)


class _Page:
    """Helpers bound to one page: relative links, status marks, SOP cells."""

    def __init__(self, builder: "_Builder", src_uri: str) -> None:
        self.b = builder
        self.src_uri = src_uri
        self.url = page_url(src_uri, builder.options.use_directory_urls)
        self.link_base = src_uri if builder.options.links_from_source else self.url

    def href(self, target: str) -> str:
        """Link from this page to ``target`` (a site-root-relative URL, maybe with #anchor)."""
        return relative_url(target, self.link_base)

    def href_page(self, src_uri: str, anchor: str = "") -> str:
        target = page_url(src_uri, self.b.options.use_directory_urls)
        return self.href(target + (f"#{anchor}" if anchor else ""))

    def sop_link(self, parent: ET.Element, entry: Entry, text: str | None = None) -> ET.Element:
        a = _el("a", {"href": self.href(self.b.entry_url(entry))}, text or entry.sop.nama,
                parent=parent, cls="sop-cat-link")
        self.status_mark(parent, entry)
        return a

    def status_mark(self, parent: ET.Element, entry: Entry) -> None:
        status = self.b.catalogue.status(entry.sop)
        if status is SopStatus.BERLAKU:
            return
        labels = self.b.labels
        mark = _el("span", {"data-status": status.value}, labels["status_" + status.value],
                   cls=f"sop-cat-status sop-cat-status-{status.value}")
        parent.append(mark)
        mark.tail = None
        # the link text before it needs a space
        children = list(parent)
        if len(children) >= 2 and children[-2].tail is None:
            children[-2].tail = " "
        if status is SopStatus.DIGANTIKAN:
            newer = self.b.catalogue.superseded_by_official(entry.sop)
            if newer:
                mark.tail = " → "
                for i, other in enumerate(newer):
                    a = _el("a", {"href": self.href(self.b.entry_url(other))}, other.sop.nomor,
                            parent=parent, cls="sop-cat-replacement")
                    if i < len(newer) - 1:
                        a.tail = ", "

    def step_link(self, parent: ET.Element, entry: Entry, step: Step) -> ET.Element:
        anchor = f"{entry.sop.anchor}-langkah-{step.number.replace('.', '-')}"
        target = self.b.entry_url(entry).partition("#")[0] + "#" + anchor
        return _el("a", {"href": self.href(target)}, step.number, parent=parent)


class _Builder:
    def __init__(self, catalogue: Catalogue, options: PageOptions) -> None:
        self.catalogue = catalogue
        self.options = options
        self.labels = options.labels
        self.paths = page_paths(options.directory)
        self.entries = catalogue.official(options.include_drafts)
        self.tree = catalogue.unit_tree(self.entries)
        self.unit_src = self._unit_sources(self.tree)

    # -- shared ------------------------------------------------------------------------
    def entry_url(self, entry: Entry) -> str:
        url = entry.url or page_url(entry.page, self.options.use_directory_urls)
        return f"{url}#{entry.sop.anchor}"

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

    def catalogue_nav(self, page: _Page, here: str) -> ET.Element:
        nav = _el("nav", {"aria-label": self.labels["cat_pages"]}, cls="sop-cat-nav")
        ul = _el("ul", parent=nav)
        for key in PAGE_KEYS:
            li = _el("li", parent=ul)
            if key == here:
                _el("strong", {"aria-current": "page"}, self.title(key), parent=li)
            else:
                _el("a", {"href": page.href_page(self.paths[key])}, self.title(key), parent=li)
        return nav

    def drafts_note(self) -> ET.Element | None:
        if self.options.include_drafts:
            return None
        if not any(e.sop.status is SopStatus.DRAF for e in self.catalogue.entries):
            return None
        return _el("p", text=self.labels["cat_drafts_left_out"], cls="sop-cat-note")

    def sop_table(self, page: _Page, entries: Sequence[Entry], *, unit_from: int = 0,
                  caption: str = "", numbered: bool = True) -> ET.Element:
        """A compact list-table of SOPs: No, Nomor, Nama, Unit (below ``unit_from``), efektif."""
        labels = self.labels
        table = _el("table", cls="sop-cat-table sop-cat-list")
        if caption:
            _el("caption", text=caption, parent=table)
        head = _el("tr", parent=_el("thead", parent=table))
        cols = (["no"] if numbered else []) + ["nomor", "nama", "cat_unit", "tanggal_efektif"]
        for key in cols:
            _el("th", {"scope": "col"}, labels[key], parent=head)
        body = _el("tbody", parent=table)
        for i, entry in enumerate(entries, start=1):
            tr = _el("tr", {"data-sop-nomor": entry.sop.nomor}, parent=body)
            if numbered:
                _el("td", text=str(i), parent=tr)
            _el("td", text=entry.sop.nomor, parent=tr, cls="sop-cat-nomor")
            page.sop_link(_el("td", parent=tr), entry)
            _el("td", text=" › ".join(unit_path(entry.sop)[unit_from:]), parent=tr)
            _el("td", text=format_date(entry.sop.tanggal_efektif, self.options.language), parent=tr)
        return table

    def none(self) -> ET.Element:
        return _el("p", text=self.labels["cat_none"], cls="sop-cat-empty")

    # -- pages -------------------------------------------------------------------------
    def build(self) -> list[GeneratedPage]:
        pages = [self.overview(), self.units(), *self.unit_pages(), self.types(), *self.legal(),
                 *self.actors(), self.review(), self.unresolved()]
        return pages

    def overview(self) -> GeneratedPage:
        labels, opts = self.labels, self.options
        page = _Page(self, self.paths["overview"])
        blocks = [self.catalogue_nav(page, "overview")]
        # counts
        counts = _el("dl", cls="sop-cat-counts")
        # what a reader counts: organisations, the units that own SOPs (not every level of
        # the hierarchy above them), actors as the actor index lists them
        actors = self.catalogue.by_actor(self.entries)
        organisations = {actor_home(e.sop) for e in self.entries}
        units = {unit_path(e.sop) for e in self.entries}
        status_counts = {s: 0 for s in SopStatus}
        for e in self.entries:
            status_counts[self.catalogue.status(e.sop)] += 1
        type_counts = {t: sum(1 for e in self.entries if e.sop.jenis is t) for t in SopType}
        cat_counts = {k: sum(1 for e in self.entries if e.sop.kategori is k) for k in SopCategory}
        rows = [(labels["cat_count_sops"], str(len(self.entries)), "sops"),
                (labels["cat_count_orgs"], str(len(organisations)), "organisations"),
                (labels["cat_count_units"], str(len(units)), "units"),
                (labels["cat_count_actors"], str(len(actors)), "actors")]
        rows += [(labels["status_" + s.value], str(n), f"status-{s.value}")
                 for s, n in status_counts.items() if n or s is SopStatus.BERLAKU]
        rows += [(labels["jenis_" + t.value], str(n), f"jenis-{t.value}") for t, n in type_counts.items()]
        rows += [(labels["kategori_" + k.value], str(n), f"kategori-{k.value}") for k, n in cat_counts.items()]
        for term, value, key in rows:
            div = _el("div", {"data-count": key}, parent=counts)
            _el("dt", text=term, parent=div)
            _el("dd", text=value, parent=div)
        blocks.append(counts)
        note = self.drafts_note()
        if note is not None:
            blocks.append(note)
        if opts.downloads:
            p = _el("p", cls="sop-cat-downloads")
            _el("span", text=labels["cat_downloads"] + ": ", parent=p)
            for i, path in enumerate(opts.downloads):
                a = _el("a", {"href": page.href(path), "download": ""}, posixpath.basename(path), parent=p)
                if i < len(opts.downloads) - 1:
                    a.tail = " · "
            blocks.append(p)
        # filter (shown by the script; hidden without it, since it could do nothing)
        box = _el("div", {"hidden": "hidden"}, cls="sop-cat-filter")
        field_id = "sop-cat-filter-input"
        _el("label", {"for": field_id}, labels["cat_filter"], parent=box)
        _el("input", {"type": "search", "id": field_id, "placeholder": labels["cat_filter_placeholder"],
                      "autocomplete": "off", "aria-controls": "sop-cat-table"}, parent=box)
        _el("output", {"for": field_id, "aria-live": "polite"}, parent=box, cls="sop-cat-filter-count")
        blocks.append(box)
        # the table of every SOP
        table = _el("table", {"id": "sop-cat-table", "data-sop-catalogue": "",
                              "data-label-count": labels["cat_filter_count"],
                              "data-label-sort": labels["cat_sort_by"]},
                    cls="sop-cat-table sop-cat-overview")
        _el("caption", text=f"{labels['cat_overview']} ({len(self.entries)})", parent=table)
        head = _el("tr", parent=_el("thead", parent=table))
        columns = [("nomor", "text"), ("nama", "text"), ("cat_unit", "text"), ("jenis", "text"),
                   ("kategori", "text"), ("tanggal_efektif", "date"), ("steps", "number"),
                   ("cat_total_time", "number"), ("status", "text")]
        for key, kind in columns:
            _el("th", {"scope": "col", "data-sort-type": kind}, labels[key], parent=head)
        body = _el("tbody", parent=table)
        for entry in self.entries:
            sop = entry.sop
            status = self.catalogue.status(sop)
            tr = _el("tr", {"data-sop-nomor": sop.nomor, "data-status": status.value}, parent=body)
            _el("td", text=sop.nomor, parent=tr, cls="sop-cat-nomor")
            td = _el("td", parent=tr)
            _el("a", {"href": page.href(self.entry_url(entry))}, sop.nama, parent=td, cls="sop-cat-link")
            path = unit_path(sop)
            unit_td = _el("td", {"title": " › ".join(path)}, parent=tr, cls="sop-cat-unit-cell")
            _el("span", text=path[-1] if path else "", parent=unit_td, cls="sop-cat-unit-own")
            if len(path) > 1:  # the organisation above, smaller: still matched by the filter
                _el("span", text=" › ".join(path[1:-1] or path[:1]), parent=unit_td,
                    cls="sop-cat-unit-parents")
            _el("td", text=labels["jenis_" + sop.jenis.value], parent=tr)
            _el("td", text=labels["kategori_" + sop.kategori.value] if sop.kategori else "", parent=tr)
            eff = sop.tanggal_efektif
            iso = ""
            if eff is not None:
                iso = eff.date.isoformat() if eff.date else (
                    f"{eff.year:04d}-{eff.month or 1:02d}-00" if eff.year else "")
            _el("td", {"data-sort": iso}, format_date(eff, opts.language), parent=tr)
            count = sum(1 for _ in leaf_steps(sop.steps))
            _el("td", {"data-sort": str(count)}, str(count), parent=tr, cls="sop-cat-num")
            total = total_time(sop)
            _el("td", {"data-sort": f"{duration_sort_value(total):.2f}"},
                format_duration(total, opts.language) if total is not None and (
                    not total.low.is_zero or not total.high.is_zero) else "", parent=tr)
            st = _el("td", {"data-sort": status.value}, parent=tr)
            _el("span", {"data-status": status.value}, labels["status_" + status.value], parent=st,
                cls=f"sop-cat-status sop-cat-status-{status.value}")
        scroller = _el("div", cls="sop-cat-scroll")  # narrow screens scroll the table, not the page
        scroller.append(table)
        blocks.append(scroller)
        return GeneratedPage(page.src_uri, self.title("overview"), _doc(self.title("overview"), blocks),
                             "overview")

    def units(self) -> GeneratedPage:
        page = _Page(self, self.paths["units"])
        blocks = [self.catalogue_nav(page, "units")]
        note = self.drafts_note()
        if note is not None:
            blocks.append(note)
        if not self.tree.children and not self.tree.entries:
            blocks.append(self.none())
        else:
            tree = _el("ul", cls="sop-cat-tree")

            def visit(node: UnitNode, parent: ET.Element) -> None:
                li = _el("li", {"data-unit": " › ".join(node.path)}, parent=parent, cls="sop-cat-unit")
                head = _el("span", parent=li, cls="sop-cat-unit-name")
                _el("a", {"href": page.href_page(self.unit_src[node.path])}, node.name, parent=head)
                _el("span", text=f" ({node.count})", parent=head, cls="sop-cat-unit-count")
                if node.entries:
                    ul = _el("ul", parent=li, cls="sop-cat-unit-sops")
                    for entry in node.entries:
                        item = _el("li", {"data-sop-nomor": entry.sop.nomor}, parent=ul)
                        _el("span", text=entry.sop.nomor + " ", parent=item, cls="sop-cat-nomor")
                        page.sop_link(item, entry)
                if node.children:
                    sub = _el("ul", parent=li, cls="sop-cat-tree")
                    for child in node.children:
                        visit(child, sub)

            for child in self.tree.children:
                visit(child, tree)
            if self.tree.entries:  # SOPs without a unit cannot happen (unit is required)
                for entry in self.tree.entries:
                    page.sop_link(_el("li", parent=tree), entry)
            blocks.append(tree)
        return GeneratedPage(page.src_uri, self.title("units"), _doc(self.title("units"), blocks), "units")

    def unit_pages(self) -> list[GeneratedPage]:
        out = []
        for node in self.tree.walk():
            if not node.path:
                continue
            page = _Page(self, self.unit_src[node.path])
            labels = self.labels
            blocks = [self.catalogue_nav(page, "")]
            crumbs = _el("nav", {"aria-label": labels["cat_unit"]}, cls="sop-cat-breadcrumbs")
            ol = _el("ol", parent=crumbs)
            li = _el("li", parent=ol)
            _el("a", {"href": page.href_page(self.paths["units"])}, labels["cat_units"], parent=li)
            for depth in range(1, len(node.path)):
                li = _el("li", parent=ol)
                _el("a", {"href": page.href_page(self.unit_src[node.path[:depth]])}, node.path[depth - 1],
                    parent=li)
            _el("li", {"aria-current": "page"}, node.name, parent=ol)
            blocks.append(crumbs)
            if node.children:
                blocks.append(_el("h2", {"id": "sub-unit"}, labels["cat_sub_units"]))
                ul = _el("ul", cls="sop-cat-subunits")
                for child in node.children:
                    li = _el("li", parent=ul)
                    _el("a", {"href": page.href_page(self.unit_src[child.path])}, child.name, parent=li)
                    _el("span", text=f" ({child.count})", parent=li)
                blocks.append(ul)
            blocks.append(_el("h2", {"id": "daftar-isi"}, labels["cat_daftar_isi"]))
            entries = node.all_entries()
            entries.sort(key=entry_order)
            blocks.append(self.sop_table(page, entries, unit_from=len(node.path)) if entries else self.none())
            title = f"{labels['cat_daftar_isi']}: {node.name}"
            out.append(GeneratedPage(page.src_uri, node.name, _doc(title, blocks), "unit"))
        return out

    def types(self) -> GeneratedPage:
        labels = self.labels
        page = _Page(self, self.paths["types"])
        blocks = [self.catalogue_nav(page, "types")]
        note = self.drafts_note()
        if note is not None:
            blocks.append(note)
        for jenis, groups in self.catalogue.by_type(self.entries).items():
            total = sum(len(v) for v in groups.values())
            blocks.append(_el("h2", {"id": f"jenis-{jenis.value}"},
                              f"{labels['jenis_' + jenis.value]} ({total})"))
            for kategori, entries in groups.items():
                if kategori is None and not entries:
                    continue  # "no category" only when some SOP has none
                name = labels["kategori_" + kategori.value] if kategori else labels["cat_no_category"]
                key = kategori.value if kategori else "tanpa-kategori"
                blocks.append(_el("h3", {"id": f"{jenis.value}-{key}"}, f"{name} ({len(entries)})"))
                blocks.append(self.sop_table(page, entries) if entries else self.none())
        return GeneratedPage(page.src_uri, self.title("types"), _doc(self.title("types"), blocks), "types")

    def _item_sources(self, key: str, names: Sequence[str]) -> list[str]:
        """Unique page paths ``<folder of key's index>/<slug>.md`` for regulations or actors."""
        folder = posixpath.dirname(self.paths[key])
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

    def _index_table(self, page: _Page, heads: Sequence[str], rows: list[tuple[str, str, list[str], dict]]
                     ) -> ET.Element:
        """Table of items (regulations, actors): a link to each item's page, then numbers."""
        table = _el("table", cls="sop-cat-table sop-cat-index")
        head = _el("tr", parent=_el("thead", parent=table))
        for text in heads:
            _el("th", {"scope": "col"}, text, parent=head)
        body = _el("tbody", parent=table)
        for src, text, cells, attrs in rows:
            tr = _el("tr", attrs, parent=body)
            _el("a", {"href": page.href_page(src)}, text, parent=_el("td", parent=tr))
            for cell in cells:
                _el("td", text=cell, parent=tr, cls="sop-cat-num")
        return table

    def legal(self) -> list[GeneratedPage]:
        labels = self.labels
        page = _Page(self, self.paths["legal"])
        blocks = [self.catalogue_nav(page, "legal")]
        note = self.drafts_note()
        if note is not None:
            blocks.append(note)
        groups = self.catalogue.by_legal_basis(self.entries)
        sources = self._item_sources("legal", [reg.key for reg, _ in groups])
        if not groups:
            blocks.append(self.none())
        else:
            rows = [(src, reg.display, [str(len(cited))], {"data-regulation": reg.key})
                    for src, (reg, cited) in zip(sources, groups)]
            blocks.append(self._index_table(page, [labels["dasar_hukum"], labels["cat_count_sops"]], rows))
        out = [GeneratedPage(page.src_uri, self.title("legal"), _doc(self.title("legal"), blocks), "legal")]
        for src, (reg, cited) in zip(sources, groups):
            sub = _Page(self, src)
            blocks = [self.catalogue_nav(sub, ""), self._up(sub, "legal")]
            section = _el("section", {"data-regulation": reg.key}, cls="sop-cat-regulation")
            written = sorted({t for _, texts in cited for t in texts if t != reg.display})
            if written:
                _el("h2", {"id": "ditulis-sebagai"}, labels["cat_cited_as"], parent=section)
                ul = _el("ul", parent=section, cls="sop-cat-cited-as")
                for text in written:
                    _el("li", text=text, parent=ul)
            _el("h2", {"id": "sop"}, f"{labels['cat_count_sops']} ({len(cited)})", parent=section)
            blocks.append(section)
            blocks.append(self.sop_table(sub, [entry for entry, _ in cited]))
            out.append(GeneratedPage(src, reg.name or reg.display, _doc(reg.display, blocks), "regulation"))
        return out

    def _up(self, page: _Page, key: str) -> ET.Element:
        p = _el("p", cls="sop-cat-up")
        _el("a", {"href": page.href_page(self.paths[key])}, "↑ " + self.title(key), parent=p)
        return p

    def actors(self) -> list[GeneratedPage]:
        labels, lang = self.labels, self.options.language
        page = _Page(self, self.paths["actors"])
        blocks = [self.catalogue_nav(page, "actors")]
        note = self.drafts_note()
        if note is not None:
            blocks.append(note)
        groups = self.catalogue.by_actor(self.entries)
        sources = self._item_sources("actors", [name for name, _ in groups])
        if not groups:
            blocks.append(self.none())
        else:
            rows = []
            for src, (name, works) in zip(sources, groups):
                timed = [w.time for w in works if w.time is not None]
                rows.append((src, name, [str(len(works)), str(sum(len(w.steps) for w in works)),
                                         _time_text(sum_durations(timed), lang) if timed else ""],
                             {"data-actor": name}))
            blocks.append(self._index_table(page, [labels["pelaksana"], labels["cat_count_sops"],
                                                   labels["steps"], labels["cat_workload"]], rows))
        out = [GeneratedPage(page.src_uri, self.title("actors"), _doc(self.title("actors"), blocks), "actors")]
        for src, (name, works) in zip(sources, groups):
            sub = _Page(self, src)
            blocks = [self.catalogue_nav(sub, ""), self._up(sub, "actors")]
            steps = sum(len(w.steps) for w in works)
            blocks.append(_el("p", text=labels["cat_actor_summary"].format(sops=len(works), steps=steps),
                              cls="sop-cat-actor-summary"))
            table = _el("table", {"data-actor": name}, cls="sop-cat-table sop-cat-actor-table")
            head = _el("tr", parent=_el("thead", parent=table))
            for key in ("nomor", "nama", "steps", "waktu"):
                _el("th", {"scope": "col"}, labels[key], parent=head)
            body = _el("tbody", parent=table)
            for work in works:
                tr = _el("tr", {"data-sop-nomor": work.entry.sop.nomor}, parent=body)
                _el("td", text=work.entry.sop.nomor, parent=tr, cls="sop-cat-nomor")
                sub.sop_link(_el("td", parent=tr), work.entry)
                td = _el("td", {"data-steps": " ".join(s.number for s in work.steps)}, parent=tr)
                for i, step in enumerate(work.steps):
                    a = sub.step_link(td, work.entry, step)
                    if i < len(work.steps) - 1:
                        a.tail = ", "
                _el("td", text=_time_text(work.time, lang), parent=tr)
            timed = [w.time for w in works if w.time is not None]
            if timed:
                foot = _el("tr", parent=_el("tfoot", parent=table))
                _el("th", {"scope": "row", "colspan": "3"}, labels["cat_workload"], parent=foot)
                _el("td", text=_time_text(sum_durations(timed), lang), parent=foot)
            blocks.append(table)
            out.append(GeneratedPage(src, name, _doc(f"{labels['pelaksana']}: {name}", blocks), "actor"))
        return out

    def review(self) -> GeneratedPage:
        labels, opts = self.labels, self.options
        page = _Page(self, self.paths["review"])
        blocks = [self.catalogue_nav(page, "review")]
        blocks.append(_el("p", text=labels["cat_review_rule"].format(
            years=opts.review_after_years, today=format_date(_flex(opts.today), opts.language)),
            cls="sop-cat-note"))
        items = self.catalogue.review(opts.today, opts.review_horizon_days, opts.review_after_years,
                                      self.entries)
        sections = [("overdue", labels["cat_review_overdue"]),
                    ("due", labels["cat_review_due"].format(days=opts.review_horizon_days)),
                    ("no-dates", labels["cat_review_no_dates"])]
        for state, heading in sections:
            chosen = [r for r in items if r.state == state]
            section = _el("section", {"id": f"peninjauan-{state}", "data-review": state},
                          cls="sop-cat-review")
            _el("h2", text=f"{heading} ({len(chosen)})", parent=section)
            if not chosen:
                section.append(self.none())
                blocks.append(section)
                continue
            table = _el("table", parent=section, cls="sop-cat-table")
            head = _el("tr", parent=_el("thead", parent=table))
            keys = ["nomor", "nama", "cat_unit"] + (["cat_review_due_date", "cat_review_basis"]
                                                    if state != "no-dates" else [])
            for key in keys:
                _el("th", {"scope": "col"}, labels[key], parent=head)
            body = _el("tbody", parent=table)
            for item in chosen:
                tr = _el("tr", {"data-sop-nomor": item.entry.sop.nomor}, parent=body)
                _el("td", text=item.entry.sop.nomor, parent=tr, cls="sop-cat-nomor")
                page.sop_link(_el("td", parent=tr), item.entry)
                _el("td", text=" › ".join(unit_path(item.entry.sop)), parent=tr)
                if state != "no-dates":
                    _el("td", {"data-date": item.due.isoformat()}, format_date(_flex(item.due), opts.language),
                        parent=tr)
                    basis = labels.get(item.basis, item.basis)
                    _el("td", text=basis, parent=tr)
            blocks.append(section)
        return GeneratedPage(page.src_uri, self.title("review"), _doc(self.title("review"), blocks), "review")

    def unresolved(self) -> GeneratedPage:
        labels = self.labels
        page = _Page(self, self.paths["unresolved"])
        blocks = [self.catalogue_nav(page, "unresolved")]
        items = self.catalogue.unresolved()
        if not items:
            blocks.append(self.none())
        else:
            table = _el("table", cls="sop-cat-table sop-cat-unresolved")
            head = _el("tr", parent=_el("thead", parent=table))
            for key in ("cat_source", "cat_sop", "cat_kind", "cat_reference"):
                _el("th", {"scope": "col"}, labels[key], parent=head)
            body = _el("tbody", parent=table)
            kinds = {"keterkaitan": labels["keterkaitan"], "sop": labels["continues_in"],
                     "menggantikan": labels["supersedes"]}
            for item in items:
                tr = _el("tr", {"data-sop-nomor": item.entry.sop.nomor, "data-kind": item.kind}, parent=body)
                _el("td", parent=tr).append(_code(f"{item.entry.page}:{item.line}"))
                page.sop_link(_el("td", parent=tr), item.entry, f"{item.entry.sop.nomor} — {item.entry.sop.nama}")
                _el("td", text=kinds[item.kind], parent=tr)
                _el("td", text=item.reference, parent=tr, cls="sop-unresolved")
            blocks.append(table)
        return GeneratedPage(page.src_uri, self.title("unresolved"), _doc(self.title("unresolved"), blocks),
                             "unresolved")


def _code(text: str) -> ET.Element:
    return _el("code", text=text)


def _flex(day: _dt.date) -> FlexDate:
    return FlexDate(text=day.isoformat(), date=day, year=day.year, month=day.month)


def _time_text(d, lang: str) -> str:
    if d is None:
        return ""
    text = format_duration(d, lang)
    if d.unknown:
        text += " (+?)"
    return text


def build_pages(catalogue: Catalogue, options: PageOptions) -> list[GeneratedPage]:
    """Every catalogue page, in navigation order (overview first, unit pages after the tree)."""
    return _Builder(catalogue, options).build()
