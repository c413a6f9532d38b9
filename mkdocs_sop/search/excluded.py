"""Drop from a page the elements the index skips anyway, before anything reads it.

Material draws the whole navigation into every page: on a handbook of 500 SOPs about four
fifths of each page's bytes are ``<nav>``, ``<header>``, ``<footer>`` and ``<svg>``
elements that Pagefind is told to exclude. Removing them from the copy Pagefind reads
(and from the text the vocabulary reads) makes both several times cheaper; the index is
the same.

A scan, not a parser: one regular expression finds the tags of those elements (passing
over comments and the raw text of scripts and styles) and a depth count pairs them.
Whenever the markup is not plainly well formed (a close tag that does not match, an
element left open, such a tag where it may be inside an attribute value, tags in upper
case) the page is left whole: Pagefind's own exclusion still applies, it is only
slower. An element also stays when it holds what Pagefind or the vocabulary read even
inside excluded elements: ``data-pagefind-*`` filters and metadata, SOP codes, the
search-page mount, and the page's first ``<h1>`` and ``<img>`` (Pagefind's default
title and image).
"""

from __future__ import annotations

import re
from functools import lru_cache

_READ_INSIDE = re.compile("data-(?:pagefind|sop-kode|sop-search)")  # read even where excluded
_RAW_TEXT = ("script", "style", "textarea", "title")  # their content is text, never tags
_DEFAULT_META = "h1|img"  # Pagefind takes the first of each as the page's title and image
# A quoted value may hold '>'. Each construct left open runs to the end of the page, as
# in a browser, so a scan never starts again from a later '<' (time stays linear).
_ATTRIBUTES = r"""[^>"']*(?:(?:"[^"]*(?:"|\Z)|'[^']*(?:'|\Z))[^>"']*)*"""
_END = r"(?=[\s/>])"  # the tag name ends here (not <navigation>, not <nav-item>)
_SPACE = " \t\n\r\f"
_NOT_IN_UNQUOTED_VALUE = frozenset(_SPACE + "\"'<>=`")


@lru_cache(maxsize=4)
def _token_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    raw = "|".join(rf"{name}{_END}{_ATTRIBUTES}(?:>.*?(?:</{name}{_END}[^>]*>?|\Z)|\Z)" for name in _RAW_TEXT)
    return re.compile(
        rf"<(?:!--.*?(?:-->|\Z)|!\[CDATA\[.*?(?:\]\]>|\Z)|{raw}"
        rf"|(?P<close>/?)(?P<name>{'|'.join(names)}){_END}(?P<attributes>{_ATTRIBUTES})(?:>|\Z)"
        rf"|(?P<meta>{_DEFAULT_META}){_END}"
        r"|(?P<upper>/?[A-Z]))",  # hand-written HTML: matching every case costs twice the time
        re.S)


def outside_excluded(html: str, names: tuple[str, ...]) -> list[str]:
    """The parts of ``html`` around its elements named in ``names`` (lower case): the
    whole page as the one part when in doubt. Joined without a space they are the page as
    Pagefind reads it (it runs the text on either side of an excluded element together)."""
    parts, position = [], 0
    for start, end in _outermost_elements(html, names):
        parts.append(html[position:start])
        position = end
    parts.append(html[position:])
    return parts


def _outermost_elements(html: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each outermost element to drop; none when the markup is in doubt."""
    open_names: list[str] = []
    spans: list[tuple[int, int]] = []
    default_meta: dict[str, int] = {}  # "h1"/"img" -> where the first one starts
    start = previous_end = 0
    for token in _token_pattern(names).finditer(html):
        if _may_be_in_attribute_value(html, previous_end, token.start()):
            return []
        previous_end = token.end()
        name = token["name"]
        if name is None:
            if token["upper"]:
                return []
            if token["meta"]:
                default_meta.setdefault(token["meta"], token.start())
            continue
        if token["close"]:
            if not open_names or open_names.pop() != name:
                return []
        else:
            if not open_names:
                start = token.start()
            if not (name == "svg" and token["attributes"].endswith("/")):  # <svg/> closes itself
                open_names.append(name)
        if not open_names:
            spans.append((start, token.end()))
    if open_names:
        return []
    return [(start, end) for start, end in spans
            if not any(start <= at < end for at in default_meta.values())
            and not _READ_INSIDE.search(html, start, end)]


def _may_be_in_attribute_value(html: str, after: int, at: int) -> bool:
    """Whether ``at`` may be inside an attribute value that began after ``after``.

    A value opened earlier would hold the previous token too, which was checked. (One
    regular expression per token is slower than these few string calls.)"""
    for quote in "\"'":
        opening = html.rfind(quote, after, at)
        if opening >= 0 and _follows_equals(html, after, opening):
            return True
    unquoted = at
    while unquoted > after and html[unquoted - 1] not in _NOT_IN_UNQUOTED_VALUE:
        unquoted -= 1
    return _follows_equals(html, after, unquoted)


def _follows_equals(html: str, after: int, at: int) -> bool:
    """Whether the text before ``at`` (back to ``after``) ends with ``=`` and maybe spaces."""
    while at > after and html[at - 1] in _SPACE:
        at -= 1
    return at > after and html[at - 1] == "="
