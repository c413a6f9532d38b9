"""The extension under Zensical: the site's SOPs and the page's context, without plugins.

Zensical runs the ``markdown_extensions`` of ``mkdocs.yml`` (building a new extension
for every page) but no MkDocs plugin. So the renderer of a Zensical site lives here, one
per site and settings for the whole process: it reads the docs folder with the same
catalogue step as ``mkdocs-sop generate`` (:mod:`..catalogue.site`), so cross-links,
back-links and supersession work, and it reads the docs folder again when a Markdown
file changed (checked at most every :data:`REFRESH_SECONDS`). Zensical itself is never
imported: the page and the configuration come from its ``rendering_context``.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import Any

from ..catalogue.links import SiteLinks
from ..catalogue.site import collect, markdown_pages
from ..core.blocks import BlockRenderer
from ..core.logos import Logos
from ..cycle.site import sop_additions
from .hosts import display_path, zensical_context

REFRESH_SECONDS = 1.0


class ZensicalSite:
    """The renderer of one Zensical site, with the catalogue of its docs folder."""

    def __init__(self, config: dict, settings: dict[str, Any], report) -> None:
        from .markdown import standalone_renderer

        self.docs_dir = str(config.get("docs_dir") or "docs")
        self.use_directory_urls = bool(config.get("use_directory_urls", True))
        self.settings = settings
        logo = str(settings.get("logo") or "")
        self.logo_path = "" if (logo.startswith("/") or "://" in logo) else logo
        # the checklist below each SOP; the monitoring records are not read here (yet)
        # the site's logo on its own SOPs only (core/logos.py)
        logos = Logos.from_settings(str(settings.get("institution") or ""), self.logo_path)
        self.links = SiteLinks(_empty_catalogue(settings["language"]), logos=logos,
                               additions=lambda sop, url: sop_additions(None, sop, url))
        self.renderer = standalone_renderer(settings, report=report, site=self.links)
        if not self.logo_path and logo:  # an absolute URL is used as written
            from dataclasses import replace

            self.renderer.options = replace(self.renderer.options, logo=logo)
        self._state: tuple = ()
        self._checked = 0.0
        self._lock = threading.Lock()

    def refresh(self) -> None:
        """Read the docs folder again when a page was added, removed or saved since last time."""
        now = time.monotonic()
        if self._state and now - self._checked < REFRESH_SECONDS:
            return
        with self._lock:
            self._checked = now
            pages = markdown_pages(self.docs_dir)
            state = tuple((p.src_uri, *_stamp(p.path)) for p in pages)
            if state == self._state:
                return
            catalogue, found = collect(pages, self.renderer.parse, language=self.settings["language"],
                                       use_directory_urls=self.use_directory_urls,
                                       strict_links=bool(self.settings.get("strict_links")),
                                       display=display_path)
            for diagnostic in found:  # reported once: a page's own problems again when it renders
                self.renderer.reports(diagnostic)
            self.links.catalogue = catalogue
            if not self._state:  # the first page of the process: every diagram in one batch
                by_page: dict[str, list] = {}
                for entry in catalogue.entries:
                    by_page.setdefault(entry.page, []).append(entry.sop)
                self.renderer.prerender(list(by_page.items()))
            self._state = state


_sites: dict[tuple, ZensicalSite] = {}
_sites_lock = threading.Lock()


def site_renderer(config: dict, settings: dict[str, Any], *, report) -> BlockRenderer:
    """The shared renderer for this Zensical site and these extension settings."""
    key = (str(config.get("docs_dir")), bool(config.get("use_directory_urls", True)), repr(sorted(settings.items())))
    with _sites_lock:
        site = _sites.get(key)
        if site is None:
            site = _sites[key] = ZensicalSite(config, settings, report)
    site.refresh()
    return site.renderer


def hide_toc(md) -> None:
    """Ask Zensical's theme to leave out the table of contents on this page (``hide: [toc]``)."""
    found = zensical_context(md)
    if found is None:
        return
    meta = found[0].meta
    hidden = meta.get("hide")
    if not isinstance(hidden, list):
        hidden = [] if hidden is None else [hidden]
    if "toc" not in hidden:
        meta["hide"] = [*hidden, "toc"]


def serving() -> bool:
    """True under ``zensical serve``: it keeps serving pages with their error boxes."""
    args = sys.argv[1:]
    return "zensical" in os.path.basename(sys.argv[0] if sys.argv else "") and "serve" in args[:1]


def _stamp(path: str) -> tuple[int, int]:
    try:
        stat = os.stat(path)
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


def _empty_catalogue(language: str):
    from ..catalogue.registry import Catalogue

    return Catalogue(language=language)
