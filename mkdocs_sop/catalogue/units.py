"""Every folder that holds SOPs finds its place: a landing page and a menu name of its own.

Editors put a new SOP page in its unit's folder and expect it to appear; before, they had
to write the folder's ``index.md`` by hand, and the menu still showed the folder name
("Bkpsdm"). Here each folder holding SOP pages (directly or below) is named after its
unit, the part of the ``unit`` lists that all its SOPs share ("Badan Kepegawaian dan
Pengembangan SDM"), and, when the site has no ``index.md`` (or ``README.md``) there, gets
a generated landing page listing its SOPs by sub-folder. A hand-written page wins: its
first heading names the menu entry, and nothing is generated in its place.

Pure data rendered by a template (``catalogue/landing.md.jinja``, overridable like the
catalogue's) into Markdown with ``.md`` links, so every generator can use it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from ..core.htmltree import title_html
from .pages import source_link
from .registry import Entry
from .templating import render

INDEX_NAMES = ("index.md", "README.md")
LANDING_TEMPLATE = "catalogue/landing.md.jinja"
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


@dataclass(frozen=True)
class UnitFolder:
    """A folder holding SOP pages: its path in docs, its unit's name, its SOPs (all depths)."""

    folder: str
    title: str
    entries: tuple[Entry, ...]


def unit_folders(entries: Iterable[Entry]) -> dict[str, UnitFolder]:
    """Each folder (not the docs root) holding SOP pages, named after the unit its SOPs share."""
    below: dict[str, list[Entry]] = {}
    for entry in entries:
        folder = posixpath.dirname(entry.page)
        while folder:
            below.setdefault(folder, []).append(entry)
            folder = posixpath.dirname(folder)
    shared = {f: _common_prefix([e.sop.unit for e in below[f]]) for f in below}
    titles: dict[str, str] = {}
    for folder in sorted(below, key=lambda f: (f.count("/"), f)):
        titles[folder] = _title(folder, shared, titles)
    return {f: UnitFolder(f, titles[f], tuple(below[f])) for f in titles}


def _title(folder: str, shared: Mapping[str, tuple[str, ...]], titles: Mapping[str, str]) -> str:
    """The unit level matching the folder's depth (folders usually mirror the organisation);
    the deepest shared level when siblings would share that name; else the folder's name."""
    units = shared[folder]
    depth = folder.count("/") + 1
    parent = posixpath.dirname(folder)
    siblings = [f for f in shared if f != folder and posixpath.dirname(f) == parent]

    def by_depth(f: str) -> str:
        return shared[f][min(depth, len(shared[f])) - 1] if shared[f] else ""

    for candidate in (by_depth(folder), units[-1] if units else ""):
        clash = any(by_depth(f) == candidate for f in siblings) and candidate != (units[-1] if units else "")
        if candidate and candidate != titles.get(parent) and not clash:
            return candidate
    return _humanise(posixpath.basename(folder))


def with_hand_written_titles(folders: Mapping[str, UnitFolder],
                             index_pages: Mapping[str, str]) -> dict[str, UnitFolder]:
    """The folders, those with a hand-written index page named by its first heading."""
    out = dict(folders)
    for folder, markdown in index_pages.items():
        heading = first_heading(markdown)
        if folder in out and heading:
            out[folder] = UnitFolder(folder, heading, out[folder].entries)
    return out


def first_heading(markdown: str) -> str:
    """The text of the first ``# `` heading (front matter ``title:`` first), or ""."""
    if markdown.startswith("---"):
        end = markdown.find("\n---", 3)
        if end > 0:
            found = re.search(r"^title:\s*(.+?)\s*$", markdown[3:end], re.M)
            if found:
                return found.group(1).strip("\"'")
            markdown = markdown[end + 4:]
    found = _HEADING.search(markdown)
    return found.group(1).strip() if found else ""


def landing_pages(folders: Mapping[str, UnitFolder], index_pages: Mapping[str, str],
                  templates: Sequence[str] = ()) -> list[tuple[str, str]]:
    """``(src_uri, markdown)`` of the landing page of each folder without an index page.

    ``index_pages``: folder -> the source path of its hand-written ``index.md`` or ``README.md``.
    """
    pages = []
    for folder, unit in sorted(folders.items()):
        if folder in index_pages:
            continue
        src_uri = posixpath.join(folder, "index.md")
        pages.append((src_uri, render(LANDING_TEMPLATE, _landing(unit, folders, index_pages, src_uri), templates)))
    return pages


def unit_pages(entries: Iterable[Entry], index_pages: Mapping[str, tuple[str, str]],
               templates: Sequence[str] = ()) -> tuple[dict[str, UnitFolder], list[tuple[str, str]]]:
    """The folders holding SOPs, each named after its unit (a hand-written index page's own
    title wins), and ``(src_uri, markdown)`` of the landing page of each folder without one.

    ``index_pages``: folder -> (source path, text) of its hand-written ``index.md`` or ``README.md``.
    """
    folders = with_hand_written_titles(unit_folders(entries), {f: text for f, (_src, text) in index_pages.items()})
    return folders, landing_pages(folders, {f: src for f, (src, _text) in index_pages.items()}, templates)


def sop_folders(entries: Iterable[Entry]) -> set[str]:
    """Every folder holding SOP pages, directly or below (not the docs root)."""
    out: set[str] = set()
    for entry in entries:
        folder = posixpath.dirname(entry.page)
        while folder and folder not in out:
            out.add(folder)
            folder = posixpath.dirname(folder)
    return out


def index_page_folder(src_uri: str) -> str | None:
    """The folder whose index page ``src_uri`` is (``a/b/index.md`` -> ``a/b``), else None."""
    folder, name = posixpath.split(src_uri)
    return folder if name in INDEX_NAMES and folder else None


def titled_sections(nav: list, folders: Mapping[str, UnitFolder]) -> list:
    """A navigation of nested folders (``mkdocs.utils.nest_paths``) with each unit's name."""
    out = []
    for item in nav:
        if isinstance(item, dict):
            (title, children), = item.items()
            children = titled_sections(children, folders)
            folder = _folder_of(children)
            if folder in folders:
                title = title_html(folders[folder].title)
            out.append({title: children})
        else:
            out.append(item)
    return out


def _folder_of(children: Sequence) -> str:
    """The folder a navigation section stands for: the shortest folder of its pages."""
    folders = []
    for child in children:
        if isinstance(child, str):
            folders.append(posixpath.dirname(child))
        elif isinstance(child, dict):
            inner = _folder_of(next(iter(child.values())))
            if inner:
                folders.append(posixpath.dirname(inner))
    return min(folders, key=len) if folders else ""


def _landing(unit: UnitFolder, folders: Mapping[str, UnitFolder], index_pages: Mapping[str, str],
             here: str) -> dict:
    """The landing page's data: the folder's own SOPs, then each sub-folder's, by name."""

    def sops(entries: Sequence[Entry]) -> list[dict]:
        return [{"nomor": e.sop.nomor, "nama": e.sop.nama, "href": source_link(e.page, here, e.sop.anchor)}
                for e in sorted(entries, key=lambda e: (e.sop.nama.lower(), e.sop.nomor))]

    children = sorted(f for f in folders if posixpath.dirname(f) == unit.folder)
    return {"heading": unit.title,
            "sops": sops([e for e in unit.entries if posixpath.dirname(e.page) == unit.folder]),
            "sections": [{"title": folders[child].title,
                          "href": source_link(index_pages.get(child, posixpath.join(child, "index.md")), here),
                          "sops": sops(folders[child].entries)} for child in children]}


def _common_prefix(units: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    if not units:
        return ()
    prefix = units[0]
    for unit in units[1:]:
        n = 0
        while n < min(len(prefix), len(unit)) and " ".join(prefix[n].split()).lower() == \
                " ".join(unit[n].split()).lower():
            n += 1
        prefix = prefix[:n]
    return prefix


def _humanise(name: str) -> str:
    words = name.replace("_", " ").replace("-", " ").split()
    return " ".join(w if w.isupper() else w.capitalize() for w in words) or name


__all__ = ["UnitFolder", "unit_folders", "with_hand_written_titles", "first_heading", "landing_pages", "unit_pages",
           "index_page_folder", "sop_folders",
           "titled_sections", "INDEX_NAMES"]
