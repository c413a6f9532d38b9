"""Finished SOP fragments (tables and diagram) kept on disk between builds.

A fragment is keyed by the block text, the settings, the diagram engine, the page's URL
and what the page knows of the rest of the site (back-links, status). Cross-links are
looked up while rendering, so the fragment also records every lookup it made and the
answers; a hit is used only when the site still gives the same answers (a renamed or
removed SOP re-renders the pages linking to it). The diagram's SVG sits inside the
HTML; it is kept once (the HTML around it, then the SVG), not twice.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Callable

from .cache import BlockCache, digest
from .render_html import RenderContext


class FragmentCache:
    def __init__(self, cache: BlockCache, fingerprint: str) -> None:
        self.cache = cache
        self.fingerprint = fingerprint

    def key(self, body: str, context: RenderContext, page_url: str, diagram_identity: str) -> str:
        added = tuple(ET.tostring(e, encoding="unicode") for e in (*context.in_identity, *context.after))
        site = repr((context.referenced_by, context.superseded_by, context.supersedes, context.status,
                     tuple(context.extra_classes), context.logo, added))
        return digest("html", self.fingerprint, diagram_identity, page_url, site, body)

    def stored(self, key: str) -> bool:
        """Whether a fragment is kept under ``key`` (its lookups are checked when it is read)."""
        return self.cache.contains(key)

    def get(self, key: str, context: RenderContext, link_for: Callable[[str], str | None]
            ) -> tuple[str, str | None] | None:
        """``(html, svg)`` when stored and every recorded lookup still gets the same answer."""
        value = self.cache.get(key)
        if value is None:
            return None
        finds, links, head, tail, svg = value
        for ref, link in finds:
            if context.find(ref) != link:
                return None
        for nomor, url in links:
            if link_for(nomor) != url:
                return None
        return (head + svg + tail if svg is not None else head), svg

    def put(self, key: str, finds: dict, links: dict, html: str, svg: str | None) -> None:
        if svg and svg in html:
            head, _, tail = html.partition(svg)
        else:  # no diagram (or, never expected, one not inside the HTML): the HTML as it is
            head, tail, svg = html, "", None
        self.cache.put(key, (tuple(finds.items()), tuple(links.items()), head, tail, svg))
