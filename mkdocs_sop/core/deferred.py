"""Drawing kept out of the page's HTML until the page is written.

Most of an SOP's markup is drawing that holds no word: the diagram SVG, the symbol
shapes, the empty wire and arrow spans. Every later step that reads the page's HTML (a
search index above all, which parses every tag) pays for that markup and gains nothing.
So the page gets the fragment without it, between two markers, and :meth:`restore` puts
the full fragment back when the page is written: the search index has the same text, the
page the same bytes. The markers carry the build's random slot token, so no page can
forge one.

MkDocs renders every page's Markdown before it writes the first page and keeps every
page's HTML until the build ends, so both the full fragments and the stand-ins wait for
the whole build. The full fragments are held zlib-compressed (about a seventh of their
size); the stand-in keeps only what a search parser reads (tags, ids, text) and writes
characters beyond ASCII as character references, so the page's string stays one byte a
character: a site's worth of SOP markup is never in memory.
"""

from __future__ import annotations

import re
import zlib

from .render_html import DIAGRAM_SLOT

# our own serialisation (ElementTree, fixed attribute order); editor text is escaped, so it never matches
_DRAWING = re.compile(r'<span aria-hidden="true" class="[^"<>]*"></span>|<svg [^<>]*class="sop-sym [^"<>]*">.*?</svg>',
                      re.S)
# a start tag's attributes; only the id stays (headings' sections, MkDocs' anchor check)
_ATTRIBUTES = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*?)?(/?)>')
_ID = re.compile(r'(?:^|\s)id="[^"<>]*"')
_STAND_IN = re.compile(f"<!--{DIAGRAM_SLOT}:([0-9]+)-->.*?<!--{DIAGRAM_SLOT}:\\1:end-->", re.S)


class DeferredMarkup:
    """Text-only stand-ins for SOP fragments, swapped back by :meth:`restore`."""

    def __init__(self) -> None:
        self._held: dict[int, bytes] = {}  # number -> the full fragment, UTF-8, compressed
        self._next = 0

    def stand_in(self, html: str, svg: str | None) -> str:
        light = html.replace(svg, "", 1) if svg else html
        light = _ATTRIBUTES.sub(_only_id, _DRAWING.sub("", light))
        light = light.encode("ascii", "xmlcharrefreplace").decode("ascii")
        number = self._next
        self._next += 1
        self._held[number] = zlib.compress(html.encode("utf-8"), 1)
        return f"<!--{DIAGRAM_SLOT}:{number}-->{light}<!--{DIAGRAM_SLOT}:{number}:end-->"

    def restore(self, output: str) -> str:
        """Put the full SOP fragments back into a written page (and forget them)."""
        if DIAGRAM_SLOT not in output:
            return output
        return _STAND_IN.sub(self._full, output)

    def __len__(self) -> int:
        """How many full fragments still wait for their page to be written."""
        return len(self._held)

    def _full(self, stand_in: re.Match) -> str:
        held = self._held.pop(int(stand_in.group(1)), None)
        return zlib.decompress(held).decode("utf-8") if held is not None else stand_in.group(0)


def _only_id(tag: re.Match) -> str:
    """The start tag with no attribute but its id: a search parser reads tags, ids and text."""
    found = _ID.search(tag.group(2) or "")
    return f"<{tag.group(1)}{' ' + found.group(0).strip() if found else ''}{tag.group(3)}>"
