"""Every SOP of a site and how they refer to each other.

Pure core: the MkDocs plugin fills it from the site's pages, the command line from a
folder of Markdown files; both then ask it the same questions.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from .fences import find_blocks
from .model import Diagnostic, ParseResult, Sop, TargetKind
from .validate import SiteIndex, site_diagnostics


@dataclass(frozen=True)
class Entry:
    """One SOP and the page it lives on (``page`` is the source path relative to docs)."""

    sop: Sop
    page: str
    url: str = ""  # the page's URL relative to the site root ("" until known)

    @property
    def href(self) -> str:
        """Site-root-relative link to the SOP itself (page URL plus anchor)."""
        return f"{self.url}#{self.sop.anchor}"


@dataclass
class Catalogue:
    entries: list[Entry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    index: SiteIndex = field(default_factory=SiteIndex)
    _entry_of: dict[int, Entry] = field(default_factory=dict)

    def add(self, sop: Sop, page: str, url: str = "") -> None:
        entry = Entry(sop, page, url)
        self.entries.append(entry)
        self._entry_of[id(sop)] = entry
        problem = self.index.add(sop)
        if problem is not None:
            self.diagnostics.append(problem)

    def add_page(self, text: str, page: str, path: str, url: str, parse) -> list[ParseResult]:
        """Collect every block of one page; ``parse(body, path, first_line)`` does the parsing."""
        results = []
        for block in find_blocks(text.splitlines()):
            if not block.closed:
                continue
            result = parse(block.body, path, block.first_body_line)
            results.append(result)
            if result.sop is not None:
                self.add(result.sop, page, url)
        return results

    def finish(self, strict_links: bool = False) -> list[Diagnostic]:
        """Site-wide checks, once every page is in: duplicates, unresolved references."""
        found = list(self.diagnostics) + site_diagnostics(self.index, strict_links)
        return found

    # -- questions ------------------------------------------------------------------
    def find(self, reference: str) -> Entry | None:
        sop = self.index.find(reference)
        return self._entry_of.get(id(sop)) if sop is not None else None

    def entry(self, sop: Sop) -> Entry | None:
        """The entry of this SOP, or of the SOP registered under its nomor."""
        return self._entry_of.get(id(sop)) or self.find(sop.nomor)

    def referenced_by(self, sop: Sop) -> list[Entry]:
        """SOPs that name this one in `keterkaitan` or continue into it (``sop:`` targets)."""
        out = []
        for entry in self.entries:
            other = entry.sop
            if other.nomor == sop.nomor:
                continue
            refs = [self.index.find(r) for r in other.keterkaitan]
            refs += [self.index.find(t.sop) for s in other.steps for _, t in s.targets()
                     if t is not None and t.kind is TargetKind.SOP]
            if any(r is not None and r.nomor == sop.nomor for r in refs):
                out.append(entry)
        return out

    def superseded_by(self, sop: Sop) -> list[Entry]:
        return [e for e in self.entries if sop.nomor in e.sop.menggantikan]


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
