"""QR codes: an SVG that scales, escapes its title, and is drawn once per address across builds."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import segno

from mkdocs_sop.cycle import qr
from mkdocs_sop.cycle.qr import QrCodes, qr_svg

URL = "http://sop.kota-contoh.go.id/disdukcapil/penerbitan-kk-baru/#sop-470-sop-pdp-001-2024"


def test_the_svg_holds_the_address_as_segno_encodes_it():
    svg = ET.fromstring(qr_svg(URL, 'Pindai <b>"ini"</b>'))
    assert svg.tag == "svg" and svg.get("class") == "sop-qr-code" and svg.get("width") is None
    assert svg.find("title").text == 'Pindai <b>"ini"</b>'  # text, never markup
    size = segno.make(URL, error="m", micro=False).symbol_size(scale=1, border=4)
    assert svg.get("viewBox") == f"0 0 {size[0]} {size[1]}"


def test_drawn_once_per_address_and_kept_between_builds(tmp_path, monkeypatch):
    from mkdocs_sop.core import cache

    first = QrCodes(str(tmp_path)).svg(URL, "x")
    assert list(tmp_path.rglob("*.pickle"))  # written to the cache folder
    cache._memory.clear()  # a new process: only the files remain

    def refuse(*args, **kwargs):
        raise AssertionError("drawn again")

    monkeypatch.setattr(qr, "qr_svg", refuse)
    assert QrCodes(str(tmp_path)).svg(URL, "x") == first
