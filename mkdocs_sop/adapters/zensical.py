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
from ..catalogue.site import MANIFEST, build_date, collect, docs_sources, made_by_generate
from ..core.blocks import BlockRenderer
from ..core.logos import Logos
from ..cycle.site import CycleOptions, collect as collect_cycle, record_sources, sop_additions
from .hosts import display_path, zensical_context

REFRESH_SECONDS = 1.0


class ZensicalSite:
    """The renderer of one Zensical site, with the catalogue of its docs folder."""

    def __init__(self, config: dict, settings: dict[str, Any], report) -> None:
        from .markdown import standalone_renderer

        self.docs_dir = str(config.get("docs_dir") or "docs")
        self.use_directory_urls = bool(config.get("use_directory_urls", True))
        self.site_url = str(config.get("site_url") or "")
        self.config = config
        self.settings = settings
        logo = str(settings.get("logo") or "")
        self.logo_path = "" if (logo.startswith("/") or "://" in logo) else logo
        self.cycle = None  # the monitoring/evaluation records (cycle.site), read with the catalogue
        # the site's logo on its own SOPs only (core/logos.py); the latest monitoring and
        # evaluation boxes and the checklist below each SOP
        logos = Logos.from_settings(str(settings.get("institution") or ""), self.logo_path)
        self.links = SiteLinks(_empty_catalogue(settings["language"]), logos=logos,
                               additions=lambda sop, url, base: sop_additions(self.cycle, sop, url, base))
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
            written = made_by_generate(self.docs_dir)  # its pages hold no SOP: not read again
            pages = docs_sources(self.docs_dir, skip=lambda page: page in written or page == MANIFEST)
            state = tuple((p.src_uri, *_stamp(p.path)) for p in pages)
            if state == self._state:
                return
            catalogue, found = collect(pages, self.renderer.parse, language=self.settings["language"],
                                       use_directory_urls=self.use_directory_urls,
                                       strict_links=bool(self.settings.get("strict_links")),
                                       display=display_path)
            for diagnostic in found:  # reported once: a page's own problems again when it renders
                self.renderer.reports(diagnostic)
            self.cycle = self._cycle(catalogue)
            self.links.catalogue = catalogue
            if not self._state:  # the first page of the process: every diagram in one batch
                by_page: dict[str, list] = {}
                for entry in catalogue.entries:
                    by_page.setdefault(entry.page, []).append(entry.sop)
                self.renderer.prerender(list(by_page.items()))
            self._state = state


    def _cycle(self, catalogue):
        """The monitoring/evaluation records of the docs folder, for the boxes below each SOP
        (their problems are reported by ``mkdocs-sop generate``, which writes their pages)."""
        sources = record_sources(self.docs_dir, display=display_path)
        if not sources:
            return None
        options = CycleOptions(directory=str(plugin_option(self.config, "catalogue_dir", "katalog")),
                               language=self.settings["language"],
                               use_directory_urls=self.use_directory_urls,
                               institution=str(self.settings.get("institution") or ""), logo=self.logo_path,
                               site_url=self.site_url, cache_dir=self.settings.get("cache_dir") or None)
        try:
            today = build_date(plugin_option(self.config, "today", None))
        except ValueError:  # reported by `mkdocs-sop generate`, which reads the same setting
            today = build_date(None)
        return collect_cycle(sources, catalogue, options, today,
                             include_drafts=bool(plugin_option(self.config, "include_drafts", False))).site


def plugin_option(config: dict, key: str, default: Any) -> Any:
    """A setting of the ``sop`` plugin's section, which Zensical keeps in its config but does
    not run (``mkdocs-sop generate`` reads the same section), else ``default``."""
    plugins = config.get("plugins")
    entries = plugins.items() if isinstance(plugins, dict) else (
        (next(iter(p.items())) if isinstance(p, dict) and p else (p, None)) for p in plugins or ())
    for name, options in entries:
        if name == "sop" and isinstance(options, dict) and key in options:
            return options[key]
    return default


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
