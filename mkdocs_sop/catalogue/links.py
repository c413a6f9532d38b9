"""What the site says about one SOP, seen from one page: the adapters' :class:`SiteView`.

The MkDocs plugin and the extension under Zensical both hand this to the block renderer,
so cross-links, back-links, supersession and the logo come from one implementation.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Callable, Sequence

from ..core.logos import Logos
from ..core.model import Sop
from ..core.render_html import RenderContext, SopLink
from .registry import Catalogue, Entry, relative_url


class SiteLinks:
    """Links between the SOPs of ``catalogue``, relative to the page asking."""

    def __init__(self, catalogue: Catalogue, *, logo: str = "", logos: Logos | None = None,
                 additions: Callable[[Sop, str, str], tuple[Sequence[ET.Element], Sequence[ET.Element]]] | None = None
                 ) -> None:
        self.catalogue = catalogue
        # which SOP carries which logo; ``logo`` alone (a path inside the docs folder): on every SOP
        self.logos = logos if logos is not None else Logos(site_logo=logo)
        # (sop, its page's URL, the page links are relative to) -> markup under the identity, after
        # the SOP; the two differ under Zensical, where links are relative to the page's source file
        self.additions = additions

    def link(self, reference: str, page_url: str) -> SopLink | None:
        entry = self.catalogue.find(reference)
        return _as_link(entry, page_url) if entry is not None else None

    def link_for(self, nomor: str, page_url: str) -> str | None:
        link = self.link(nomor, page_url)
        return link.url if link else None

    def context_for(self, sop: Sop, page_url: str) -> RenderContext:
        catalogue = self.catalogue
        in_identity, after = (), ()
        if self.additions is not None:
            entry = catalogue.entry(sop)
            in_identity, after = self.additions(sop, entry.url if entry else page_url, page_url)
        return RenderContext(
            in_identity=in_identity, after=after,
            logo=self._logo(sop, page_url),
            find=lambda reference: self.link(reference, page_url),
            referenced_by=[_as_link(e, page_url) for e in catalogue.referenced_by(sop)],
            superseded_by=[_as_link(e, page_url) for e in catalogue.superseded_by_official(sop)],
            supersedes=[_as_link(e, page_url) for e in catalogue.supersedes(sop)],
            status=catalogue.status(sop),
            errors=catalogue.errors_of(sop),
        )


    def _logo(self, sop: Sop, page_url: str) -> str | None:
        path = self.logos.for_sop(sop)
        return relative_url(path, page_url) if path else path


def _as_link(entry: Entry, page_url: str) -> SopLink:
    return SopLink(relative_url(entry.href, page_url), entry.sop.nomor, entry.sop.nama, entry.sop.status)
