"""The cycle's part of a site build, for any generator: read the records, check them, add to SOP pages.

An adapter calls :func:`collect` once the catalogue holds every SOP, reports the
diagnostics it returns like any other, asks :func:`sop_additions` for each SOP it
renders and :func:`~.pages.build_cycle_pages` for the generated pages.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..core.model import Diagnostic, Sop
from ..core.monev import check_site, parse_records, record_kind
from .pages import CycleOptions, CycleSite, build_cycle_pages, cycle_index_path
from .panel import checklist, latest_block, qr_block
from .summary import Cycle, site_view

__all__ = ["collect", "from_checked", "record_sources", "sop_additions", "is_record", "CycleOptions", "CycleSite", "build_cycle_pages",
           "cycle_index_path"]


def is_record(path: str) -> bool:
    return record_kind(path) is not None


@dataclass(frozen=True)
class Collected:
    site: CycleSite
    diagnostics: tuple[Diagnostic, ...]


def collect(sources: Iterable[tuple[str, str]], catalogue, options: CycleOptions, today: _dt.date, *,
            include_drafts: bool = False) -> Collected:
    """``sources``: (path as messages name it, text) of every record file of the site."""
    records, diagnostics = parse_records(sources, options.language)
    records, site_problems = check_site(records, site_view(catalogue), options.language)
    found = tuple(diagnostics) + tuple(site_problems)
    cycle = Cycle(records, catalogue, today, include_drafts=include_drafts)
    site = CycleSite(cycle, dataclasses.replace(options, diagnostics=found))
    return Collected(site, found)


def from_checked(records, catalogue, options: CycleOptions, today: _dt.date, diagnostics=(), *,
                 include_drafts: bool = False) -> CycleSite:
    """The cycle of records already checked (``mkdocs-sop lint``/``generate``: ``CheckResult.records``);
    ``diagnostics``: every problem found, of which the records' own show on the index page."""
    cycle = Cycle(records, catalogue, today, include_drafts=include_drafts)
    own = tuple(d for d in diagnostics if is_record(d.path))
    return CycleSite(cycle, dataclasses.replace(options, diagnostics=own))


def record_sources(docs_dir: str, display=os.path.relpath) -> list[tuple[str, str]]:
    """(path as messages name it, text) of every record file under ``docs_dir``, in a stable order;
    for hosts that hand us no file list (Zensical)."""
    from ..catalogue.site import docs_sources

    out = []
    for found in docs_sources(docs_dir):
        if found.record:
            try:
                out.append((display(found.path), Path(found.path).read_text(encoding="utf-8-sig")))
            except (OSError, UnicodeDecodeError):
                continue  # unreadable: the build's own file checks name it
    return out


def sop_additions(site: CycleSite | None, sop: Sop, page_url: str,
                  link_base: str | None = None) -> tuple[list[ET.Element], list[ET.Element]]:
    """(under the logo in the identity grid, below the SOP) for the SOP on the page at ``page_url``;
    its links relative to ``link_base`` (default ``page_url``; under Zensical the page's source path)."""
    language = site.options.language if site else "id"
    before: list[ET.Element] = []
    if site is not None and site.options.site_url:
        absolute = site.absolute(f"{page_url}#{sop.anchor}")
        block = qr_block(sop, absolute, language, site.qr_codes)
        if block is not None:
            before.append(block)
    after: list[ET.Element] = []
    if site is not None:
        after.append(latest_block(sop, site.cycle, site.panel_links(sop.nomor, link_base or page_url), language))
    after.append(checklist(sop, language))
    return before, after
