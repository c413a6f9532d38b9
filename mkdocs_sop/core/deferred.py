"""Drawing kept out of the page's HTML until the page is written.

Most of an SOP's markup is drawing that holds no word: the diagram SVG, the symbol
shapes, the empty wire and arrow spans. Every later step that reads the page's HTML (a
search index above all, which parses every tag) pays for that markup and gains nothing.
So the page gets the fragment without it, between two markers, and :meth:`restore` puts
the full fragment back when the page is written: the search index has the same text, the
page the same bytes. The markers carry the build's random slot token, so no page can
forge one.

MkDocs renders every page's Markdown before it writes the first page, so the full
fragments wait for the whole build: they are held zlib-compressed (about a seventh of
their size), never a site's worth of SOP markup in memory.
"""

from __future__ import annotations

import re
import zlib

from .render_html import DIAGRAM_SLOT

# our own serialisation (ElementTree, fixed attribute order); editor text is escaped, so it never matches
_DRAWING = re.compile(r'<span aria-hidden="true" class="[^"<>]*"></span>|<svg [^<>]*class="sop-sym [^"<>]*">.*?</svg>',
                      re.S)
_STAND_IN = re.compile(f"<!--{DIAGRAM_SLOT}:([0-9]+)-->.*?<!--{DIAGRAM_SLOT}:\\1:end-->", re.S)


class DeferredMarkup:
    """Text-only stand-ins for SOP fragments, swapped back by :meth:`restore`."""

    def __init__(self) -> None:
        self._held: dict[int, bytes] = {}  # number -> the full fragment, UTF-8, compressed
        self._next = 0

    def stand_in(self, html: str, svg: str | None) -> str:
        light = html.replace(svg, "", 1) if svg else html
        light = _DRAWING.sub("", light)
        number = self._next
        self._next += 1
        self._held[number] = zlib.compress(html.encode("utf-8"), 1)
        return f"<!--{DIAGRAM_SLOT}:{number}-->{light}<!--{DIAGRAM_SLOT}:{number}:end-->"

    def restore(self, output: str) -> str:
        """Put the full SOP fragments back into a written page (and forget them)."""
        if DIAGRAM_SLOT not in output:
            return output
        return _STAND_IN.sub(self._full, output)

    def _full(self, stand_in: re.Match) -> str:
        held = self._held.pop(int(stand_in.group(1)), None)
        return zlib.decompress(held).decode("utf-8") if held is not None else stand_in.group(0)
