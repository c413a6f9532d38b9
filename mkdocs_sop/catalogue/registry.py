"""Every SOP of a site and how they refer to each other.

Pure core: the MkDocs plugin fills it from the site's pages, the command line from a
folder of Markdown files; both then ask it the same questions.
"""

from __future__ import annotations

import datetime as _dt
import functools
import posixpath
import re
import unicodedata as _ud
from urllib.parse import quote as _urlquote
from dataclasses import dataclass, field

from ..core.fences import find_blocks
from ..core.flowtime import flow_time, steps_time
from ..core.logos import Logos
from .legal import Regulation, group_citations
from ..core.model import (Diagnostic, ParseResult, Sop, SopCategory, SopFormat, SopStatus, SopType, Step,
                          TargetKind, unique_anchor, walk_steps)
from ..core.timeparse import Duration, rough_minutes
from ..core.validate import SiteIndex, site_diagnostics


@dataclass(frozen=True)
class Entry:
    """One SOP and the page it lives on (``page`` is the source path relative to docs)."""

    sop: Sop
    page: str
    url: str = ""  # the page's URL relative to the site root ("" until known)

    @functools.cached_property
    def order(self) -> tuple:
        """Its place in every index (:func:`entry_order`), worked out once: each listing sorts by it."""
        return (tuple(sort_key(u) for u in unit_path(self.sop)), _nomor_key(self.sop.nomor),
                sort_key(self.sop.nama), self.page)

    @property
    def href(self) -> str:
        """Site-root-relative link to the SOP itself (page URL plus anchor)."""
        return f"{self.url}#{self.sop.anchor}"


# --- URLs ---------------------------------------------------------------------------

def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site-root-relative URL MkDocs gives the page ``src_uri`` (MkDocs 1.6 rules).

    ``a/b.md`` is ``a/b/`` (or ``a/b.html``); ``a/index.md`` and ``a/README.md`` (those
    exact names) are ``a/`` (or ``a/index.html``); the home page is ``./`` (or
    ``index.html``); the result is percent-quoted like MkDocs' ``File.url``
    (``a b.md`` -> ``a%20b/``). The command line uses the generator's own rule where it
    is installed; ``tests/cli/test_urls.py`` checks that the two agree.
    """
    stem, _ext = posixpath.splitext(src_uri)
    directory, name = posixpath.split(stem)
    if name in ("index", "README"):
        dest = posixpath.join(directory, "index.html")
    elif use_directory_urls:
        dest = posixpath.join(stem, "index.html")
    else:
        dest = stem + ".html"
    if use_directory_urls:
        folder, filename = posixpath.split(dest)
        if filename == "index.html":
            dest = (folder or ".") + "/"
    return _urlquote(dest)


# --- lifecycle, units, indexes --------------------------------------------------------
#
# The catalogue answers questions about the whole site for the generated pages and the
# exports; it is pure (no MkDocs), deterministic (stable orders) and takes ``today`` as
# an argument wherever time matters.


@functools.lru_cache(maxsize=65536)  # unit and actor names come back in every listing
def sort_key(text: str) -> tuple:
    """Case- and accent-insensitive order that still tells ``a`` from ``A`` (stable)."""
    folded = _ud.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return (" ".join(folded.split()), text)


@functools.lru_cache(maxsize=65536)
def _nomor_key(nomor: str) -> tuple:
    return tuple((0, int(t), "") if t.isdecimal() and len(t) <= 100 else (1, 0, t.lower())
                 for t in re.findall(r"\d+|[^\d]+", nomor))


def entry_order(entry: Entry) -> tuple:
    """Stable order of SOPs in every index: unit path, then number, then name."""
    return entry.order


def actor_home(sop: Sop) -> tuple[str, ...]:
    """The organisation an SOP's actors belong to: the instansi and the unit below it
    (the dinas or badan); sub-units (bidang, seksi) of one organisation share actors."""
    return unit_path(sop)[:2]


def unit_path(sop: Sop) -> tuple[str, ...]:
    """Instansi > unit > sub-unit, as the organisation chart reads (instansi when known)."""
    units = tuple(u for u in sop.unit if u)
    if sop.instansi and (not units or units[0] != sop.instansi):
        return (sop.instansi, *units)
    return units


def total_time(sop: Sop) -> Duration | None:
    """Total time as the SOP page shows it (:func:`flowtime.flow_time`); ``None`` when no
    step gives a readable time."""
    return flow_time(sop).total


def duration_sort_value(d: Duration | None) -> float:
    """A rough single number for sorting tables only (never shown): the high end in
    :func:`timeparse.rough_minutes`."""
    return -1.0 if d is None else rough_minutes(d.high)


@dataclass
class UnitNode:
    """One node of the unit tree: instansi, unit, sub-unit ..."""

    name: str
    path: tuple[str, ...]
    children: list["UnitNode"] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def count(self) -> int:
        """SOPs of this node and every node below it."""
        return len(self.entries) + sum(c.count for c in self.children)

    def all_entries(self) -> list[Entry]:
        out = list(self.entries)
        for child in self.children:
            out.extend(child.all_entries())
        return out


@dataclass(frozen=True)
class ActorWork:
    """What one actor does in one SOP: the steps (numbers) and the time they take."""

    entry: Entry
    steps: tuple[Step, ...]
    time: Duration | None  # None when none of those steps gives a time


@dataclass(frozen=True)
class ReviewItem:
    entry: Entry
    state: str  # "overdue", "due", "ok", "no-dates"
    due: _dt.date | None
    basis: str  # which date the due date comes from: "tanggal_revisi", "tanggal_efektif", ...


@dataclass(frozen=True)
class Unresolved:
    entry: Entry
    kind: str  # "keterkaitan", "sop" (a `sop:` target), "menggantikan"
    reference: str
    line: int


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def _flex_to_date(fd) -> _dt.date | None:
    """A FlexDate as a day: the date, or the first day of its month / year when partial."""
    if fd is None:
        return None
    if fd.date is not None:
        return fd.date
    if fd.year is not None:
        return _dt.date(fd.year, fd.month or 1, 1)
    return None


def _add_years(day: _dt.date, years: int) -> _dt.date:
    """``day`` plus whole years; past the calendar's ends (``9999-12-31``, a common "no end
    date" placeholder) it stays at the last (or first) representable day."""
    year = day.year + years
    if year > _dt.MAXYEAR:
        return _dt.date.max
    if year < _dt.MINYEAR:
        return _dt.date.min
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


@dataclass
class Catalogue:
    entries: list[Entry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    index: SiteIndex = field(default_factory=SiteIndex)
    _entry_of: dict[int, Entry] = field(default_factory=dict)
    _errors_of: dict[int, list[Diagnostic]] = field(default_factory=dict)
    _reverse: tuple | None = field(default=None, repr=False)  # (refs_to, replaced_by) by nomor
    _grouped: dict = field(default_factory=dict, repr=False)  # (question, entries) -> answer, see _once
    language: str = "id"  # of the site-wide problem reports (core/messages.py)

    def add(self, sop: Sop, page: str, url: str = "") -> None:
        entry = Entry(sop, page, url)
        self.entries.append(entry)
        self._reverse = None
        self._grouped.clear()
        self._entry_of[id(sop)] = entry
        problem = self.index.add(sop, self.language)
        if problem is not None:
            self.diagnostics.append(problem)
            self._errors_of.setdefault(id(sop), []).append(problem)

    def errors_of(self, sop: Sop) -> tuple[Diagnostic, ...]:
        """Site-wide errors about this SOP (its nomor already used): its block shows them."""
        return tuple(self._errors_of.get(id(sop), ()))

    def add_page(self, text: str, page: str, path: str, url: str, parse) -> list[ParseResult]:
        """Collect every block of one page; ``parse(body, path, first_line)`` does the parsing."""
        results = []
        anchors: set[str] = set()  # ids taken on this page, as the page's renderer counts them
        for block in find_blocks(text.splitlines()):
            if not block.closed:
                continue
            result = parse(block.body, path, block.first_body_line)
            results.append(result)
            if result.sop is not None:
                sop = unique_anchor(result.sop, anchors)
                self.add(sop, page, url)
                if sop is not result.sop and id(sop) in self._errors_of:  # the renderer asks with the parsed one
                    self._errors_of[id(result.sop)] = self._errors_of[id(sop)]
        return results

    def finish(self, strict_links: bool = False, logos: Logos | None = None) -> list[Diagnostic]:
        """Site-wide checks, once every page is in: duplicates, unresolved references, and (given the
        site's ``logos``) SOPs of another institution that will carry no logo."""
        found = list(self.diagnostics) + site_diagnostics(self.index, strict_links, self.language)
        if logos is not None:
            found += logos.problems((entry.sop for entry in self.entries), self.language)
        return found

    # -- questions ------------------------------------------------------------------
    def find(self, reference: str) -> Entry | None:
        sop = self.index.find(reference)
        return self._entry_of.get(id(sop)) if sop is not None else None

    def entry(self, sop: Sop) -> Entry | None:
        """The entry of this SOP, or of the SOP registered under its nomor."""
        return self._entry_of.get(id(sop)) or self.find(sop.nomor)

    def _reverse_maps(self) -> tuple[dict[str, list[Entry]], dict[str, list[Entry]]]:
        """Who refers to whom, computed once per site (thousands of SOPs stay linear)."""
        if self._reverse is None:
            refs_to: dict[str, list[Entry]] = {}
            replaced_by: dict[str, list[Entry]] = {}
            for entry in self.entries:
                other = entry.sop
                refs = [self.index.find(r) for r in other.keterkaitan]
                refs += [self.index.find(t.sop) for s in walk_steps(other.steps) for _, t in s.targets()
                         if t is not None and t.kind is TargetKind.SOP]
                named = []
                for ref in refs:
                    if ref is not None and ref.nomor != other.nomor and ref.nomor not in named:
                        named.append(ref.nomor)
                for nomor in named:
                    refs_to.setdefault(nomor, []).append(entry)
                for nomor in dict.fromkeys(other.menggantikan):
                    replaced_by.setdefault(nomor, []).append(entry)
            self._reverse = (refs_to, replaced_by)
        return self._reverse

    def referenced_by(self, sop: Sop) -> list[Entry]:
        """SOPs that name this one in `keterkaitan` or continue into it (``sop:`` targets)."""
        return list(self._reverse_maps()[0].get(sop.nomor, ()))

    def superseded_by(self, sop: Sop) -> list[Entry]:
        """SOPs that name this one in `menggantikan` (whatever their status)."""
        return list(self._reverse_maps()[1].get(sop.nomor, ()))

    # -- site-wide indexes (generated pages, exports) ------------------------------
    def status(self, sop: Sop) -> SopStatus:
        """The status to show: ``digantikan`` also when only the NEW SOP says `menggantikan`.

        A replacement that is itself a draft does not supersede anything yet.
        """
        if sop.status in (SopStatus.DRAF, SopStatus.DICABUT, SopStatus.DIGANTIKAN):
            return sop.status
        replaced = self._reverse_maps()[1].get(sop.nomor, ())
        if any(e.sop.status is not SopStatus.DRAF for e in replaced):
            return SopStatus.DIGANTIKAN
        return sop.status

    def superseded_by_official(self, sop: Sop) -> list[Entry]:
        """SOPs not in draft that name this one in `menggantikan`, in catalogue order."""
        return sorted((e for e in self.superseded_by(sop) if e.sop.status is not SopStatus.DRAF),
                      key=entry_order)

    def supersedes(self, sop: Sop) -> list[Entry]:
        """The SOPs this one replaces (its `menggantikan` items that are in the site)."""
        out = []
        for nomor in sop.menggantikan:
            entry = self.find(nomor)
            if entry is not None and entry.sop is not sop and all(e is not entry for e in out):
                out.append(entry)
        return out

    def official(self, include_drafts: bool = False) -> list[Entry]:
        """Entries of the official indexes, in catalogue order: every SOP but drafts (unless
        the site asks) and but the later holders of a duplicate nomor."""
        seen: set[str] = set()
        out = []
        for entry in self.entries:
            if entry.sop.nomor in seen:
                continue
            seen.add(entry.sop.nomor)
            if entry.sop.status is SopStatus.DRAF and not include_drafts:
                continue
            out.append(entry)
        return sorted(out, key=entry_order)

    def unit_tree(self, entries: list[Entry] | None = None) -> UnitNode:
        """The organisation as a tree (root has no name), children by name, SOPs by number."""
        root = UnitNode("", ())
        index: dict[tuple[str, ...], UnitNode] = {(): root}
        for entry in entries if entries is not None else self.official():
            path: tuple[str, ...] = ()
            node = root
            for name in unit_path(entry.sop):
                path = path + (name,)
                child = index.get(path)
                if child is None:
                    child = index[path] = UnitNode(name, path)
                    node.children.append(child)
                node = child
            node.entries.append(entry)
        for node in index.values():
            node.children.sort(key=lambda n: sort_key(n.name))
            node.entries.sort(key=entry_order)
        return root

    def by_type(self, entries: list[Entry] | None = None):
        """``{jenis: {kategori or None: [entries]}}`` with every jenis and kategori present
        (empty lists included), in the regulation's order."""
        out = {t: {k: [] for k in (*SopCategory, None)} for t in SopType}
        for entry in entries if entries is not None else self.official():
            out[entry.sop.jenis][entry.sop.kategori].append(entry)
        return out

    def _once(self, question, entries: list[Entry] | None):
        """``question(entries)`` asked once per catalogue and list of entries: the pages, their
        counts and the exports ask the same grouping several times in one build."""
        entries = entries if entries is not None else self.official()
        key = (question.__name__, tuple(map(id, entries)))
        if key not in self._grouped:
            self._grouped[key] = (entries, question(entries))  # the list is kept, so its ids stay its own
        return self._grouped[key][1]

    def by_legal_basis(self, entries: list[Entry] | None = None
                        ) -> list[tuple[Regulation, list[tuple[Entry, list[str]]]]]:
        """Regulations in legislative order; each with its SOPs (catalogue order) and the
        citations as each SOP wrote them."""
        return self._once(self._by_legal_basis, entries)

    def _by_legal_basis(self, entries: list[Entry]) -> list:
        items = []
        for entry in entries:
            for citation in entry.sop.dasar_hukum:
                items.append((citation, (entry, citation)))
        out = []
        for reg, cited in group_citations(items):
            per_entry: dict[int, tuple[Entry, list[str]]] = {}
            for entry, text in cited:
                per_entry.setdefault(id(entry), (entry, []))[1].append(text)
            out.append((reg, sorted(per_entry.values(), key=lambda ec: entry_order(ec[0]))))
        return out

    def citation_keys(self, entries: list[Entry] | None = None) -> dict[tuple[int, str], Regulation]:
        """(id(entry), citation text) -> the regulation it was grouped under."""
        out = {}
        for reg, cited in self.by_legal_basis(entries):
            for entry, texts in cited:
                for text in texts:
                    out[(id(entry), text)] = reg
        return out

    def by_actor(self, entries: list[Entry] | None = None
                  ) -> list[tuple[str, list[ActorWork]]]:
        """Every actor, with the SOPs and steps they take part in and the time of those steps.

        An actor is a role within its organisation: "Kepala Dinas" of two dinas are two
        actors. Within one organisation (the instansi and the unit below it, see
        :func:`actor_home`) case and spacing are ignored and the name is shown as first
        written in catalogue order; a name used in several organisations is shown with
        the organisation's name."""
        return self._once(self._by_actor, entries)

    def _by_actor(self, entries: list[Entry]) -> list:
        actors: dict[tuple, tuple[str, dict[int, list[Step]], dict[int, Entry]]] = {}
        for entry in entries:
            home = actor_home(entry.sop)
            for step in walk_steps(entry.sop.steps):
                if step.substeps:
                    continue  # a parent of sub-steps is a heading; its leaves do the work
                for actor in step.pelaksana:
                    name, steps, owners = actors.setdefault((_fold(actor), home), (actor, {}, {}))
                    steps.setdefault(id(entry), []).append(step)
                    owners[id(entry)] = entry
        homes_of: dict[str, int] = {}
        for fold, _home in actors:
            homes_of[fold] = homes_of.get(fold, 0) + 1
        out = []
        for (fold, home), (name, steps, owners) in actors.items():
            if homes_of[fold] > 1 and home:
                name = f"{name} ({home[-1]})"
            works = []
            for eid, entry in owners.items():
                own = tuple(steps[eid])
                works.append(ActorWork(entry, own, steps_time(own).total))
            works.sort(key=lambda w: entry_order(w.entry))
            out.append((name, works))
        out.sort(key=lambda nw: sort_key(nw[0]))
        return out

    def review(self, today: _dt.date, horizon_days: int = 90, after_years: int = 2,
                entries: list[Entry] | None = None) -> list[ReviewItem]:
        """Review state of every SOP in force (drafts, revoked and superseded SOPs need none).

        The due date is ``tanggal_revisi`` when it lies after ``today`` (a planned review);
        otherwise ``after_years`` years after the latest known date (revision, effective,
        creation, last `riwayat` entry). A partial date (``Juni 2020``, ``2019``) counts from
        its first day. ``overdue``: due before today; ``due``: within ``horizon_days``.
        """
        out = []
        for entry in entries if entries is not None else self.official():
            sop = entry.sop
            if self.status(sop) is not SopStatus.BERLAKU:
                continue
            candidates = [("tanggal_revisi", _flex_to_date(sop.tanggal_revisi)),
                          ("tanggal_efektif", _flex_to_date(sop.tanggal_efektif)),
                          ("tanggal_pembuatan", _flex_to_date(sop.tanggal_pembuatan))]
            candidates += [("riwayat", _flex_to_date(r.tanggal)) for r in sop.riwayat]
            known = [(d, basis) for basis, d in candidates if d is not None]
            if not known:
                out.append(ReviewItem(entry, "no-dates", None, ""))
                continue
            planned = candidates[0][1]
            if planned is not None and planned > today:
                due, basis = planned, "tanggal_revisi"
            else:
                latest, basis = max(known, key=lambda db: db[0])
                due = _add_years(latest, after_years)
            if due < today:
                state = "overdue"
            elif (due - today).days <= horizon_days:
                state = "due"
            else:
                state = "ok"
            out.append(ReviewItem(entry, state, due, basis))
        return sorted(out, key=lambda r: (r.due or _dt.date.max, entry_order(r.entry)))

    def unresolved(self) -> list[Unresolved]:
        """Every `keterkaitan` item, `sop:` target and `menggantikan` number naming no SOP,
        drafts included (this is a list for editors), by page and line."""
        out = []
        for entry in self.entries:
            for kind, ref, line in self.index.unresolved(entry.sop):
                out.append(Unresolved(entry, kind, ref, line))
        return sorted(out, key=lambda u: (u.entry.page, u.line, u.kind, u.reference))


@functools.lru_cache(maxsize=65536)  # the same pairs come back on every `mkdocs serve` rebuild
def relative_url(target: str, base_page_url: str) -> str:
    """A link from the page at ``base_page_url`` to ``target`` (both site-root-relative).

    Works for both URL styles MkDocs makes (``a/b/`` and ``a/b.html``).
    """
    path, sep, anchor = target.partition("#")
    if path == base_page_url and sep:
        return "#" + anchor
    base_dir = base_page_url[: base_page_url.rfind("/") + 1]
    rel = posixpath.relpath(path or ".", base_dir or ".")
    if path.endswith("/") or not path:
        rel = rel.rstrip("/") + "/"
        if rel == "./" and not path:
            rel = "./"
    return rel + (sep + anchor if sep else "")
