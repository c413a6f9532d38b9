"""What the site search needs to know about one SOP, written into its HTML.

The search index (Pagefind, run on the built site by ``mkdocs_sop.search``) reads these
attributes, so facets come from the SOP's data rather than from scraped text, and any
generator's output carries them. The block is ``hidden``: readers and printouts never
see it.

- ``data-pagefind-filter`` (facets): unit (every level), jenis, kategori, status,
  pelaksana, dasar hukum (the regulation's canonical name);
- ``data-pagefind-meta``: nomor, unit and status for the result line;
- codes: the SOP number and each regulation's key folded to letters and digits
  (``470/SOP-PDP/001/2024`` -> ``470soppdp0012024``), indexed with a high weight, so a
  number typed with or without punctuation finds the SOP itself first. Catalogue
  pages print the number but not its code, so they cannot outrank it.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from typing import Mapping

from .htmltree import el
from .model import Sop, SopStatus

NUMBER_WEIGHT = "10"  # Pagefind's highest: an SOP's own number beats every other word
CITATION_WEIGHT = "4"

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def code(text: str) -> str:
    """Letters and digits only, lower case, accents dropped: how numbers are matched.

    The browser's normaliser (``sop-search.js``, ``SopNormal.code``) does the same.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_ALNUM.sub("", folded.lower())


def _unit_levels(sop: Sop) -> list[str]:
    units = [u for u in sop.unit if u]
    if sop.instansi and (not units or units[0] != sop.instansi):
        units.insert(0, sop.instansi)
    return units


def search_block(sop: Sop, status: SopStatus, labels: Mapping[str, str]) -> ET.Element:
    """The hidden block of facets, result metadata and number codes for one SOP."""
    from ..catalogue.legal import parse_citation  # pure text parsing; the catalogue's one reading of citations

    block = el("div", {"hidden": "hidden"}, cls="sop-search-data")
    facets = el("div", {"data-pagefind-ignore": ""}, parent=block)  # values, not words
    for key, value in (("nomor", sop.nomor), ("unit", " › ".join(_unit_levels(sop))),
                       ("status", labels["status_" + status.value])):
        if value:
            el("span", {"data-pagefind-meta": key}, value, parent=facets)
    values: list[tuple[str, str]] = [("unit", u) for u in _unit_levels(sop)]
    values.append(("jenis", labels["jenis_" + sop.jenis.value]))
    if sop.kategori is not None:
        values.append(("kategori", labels["kategori_" + sop.kategori.value]))
    values.append(("status", labels["status_" + status.value]))
    values += [("pelaksana", name) for name in dict.fromkeys(sop.pelaksana) if name]
    citations = [parse_citation(text) for text in sop.dasar_hukum]
    values += [("dasar hukum", reg.name or reg.display) for reg in citations if reg.kind != "lainnya"]
    for key, value in dict.fromkeys(values):
        el("span", {"data-pagefind-filter": key}, value, parent=facets)
    codes = [(sop.nomor, code(sop.nomor), NUMBER_WEIGHT)]
    codes += [(reg.name, code(reg.key), CITATION_WEIGHT) for reg in citations
              if reg.kind != "lainnya" and reg.number]
    for shown, folded, weight in dict.fromkeys(codes):
        if folded:
            node = el("span", {"data-pagefind-weight": weight, "data-sop-kode": shown}, folded, parent=block)
            node.tail = " "
    return block
