"""QR codes for printed SOPs and forms: an inline SVG drawn at build time by ``segno``.

A desk copy carries a code that opens the SOP's page in the handbook, so a reader can
check that the paper is the version in force. No network and no script: the code is a
path in an SVG, made once per address.
"""

from __future__ import annotations

import functools

import segno

from ..core.cache import BlockCache, digest


@functools.lru_cache(maxsize=4096)
def qr_svg(url: str, label: str = "") -> str:
    """An SVG that scales to its box (no width/height), dark modules in black on white.

    ``label`` becomes the SVG's accessible title; segno escapes it. Error correction M
    survives a creased or stamped sheet; the quiet zone is the standard four modules.
    """
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff",
                           svgclass="sop-qr-code", lineclass=None, title=label or None)


class QrCodes:
    """QR codes by address, kept in the build's block cache between builds.

    Choosing the best mask makes one code cost several milliseconds; a site of thousands
    of SOPs draws each code once and reads it back on every later build (and ``mkdocs
    serve`` rebuild). ``folder=None``: kept in memory only.
    """

    def __init__(self, folder: str | None = None) -> None:
        self.cache = BlockCache(folder)

    def svg(self, url: str, label: str = "") -> str:
        key = digest("qr", url, label)
        found = self.cache.get(key)
        if isinstance(found, str):
            return found
        text = qr_svg(url, label)
        self.cache.put(key, text)
        return text
