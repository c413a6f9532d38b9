"""The words and codes of a built site, as the browser's normaliser needs them.

One pass over each page's HTML collects (a) every word of its readable text, so each
can be mapped to its Indonesian root, (b) the codes the SOP renderer wrote
(``data-sop-kode``: an SOP number or a regulation, folded to letters and digits, with
the form a reader knows) and (c) the status values of its SOPs (every SOP has one, so a
search by status alone tells the browser which pages hold an SOP). The result is written as a small script,
``sop-search/kosakata.js``, that both the search box and the catalogue filter load (a
script, not JSON, so the catalogue filter also works on a shared drive opened as files).
"""

from __future__ import annotations

import html as htmlmod
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .roots import root

# Reading, not building, HTML: the vocabulary only needs the words a page shows, so the
# text between tags outside these elements is enough (and ten times faster than a parser).
_SKIPPED = re.compile(r"<(script|style|svg|nav|header|footer|template|noscript)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_CODE = re.compile(r'data-sop-kode="([^"]*)"[^>]*>([^<]*)<')
_STATUS = re.compile(r'data-pagefind-filter="status"[^>]*>([^<]*)<')
_SEARCH_PAGE = re.compile(r"<[^>]*\sdata-sop-search[\s=>]")
_WORD = re.compile(r"[a-z]+")


def fold(text: str) -> str:
    """Lower case without accents: the browser's ``SopNormal.fold``."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


@dataclass
class Vocabulary:
    """Word counts and codes gathered from the pages of one site."""

    words: Counter = field(default_factory=Counter)
    codes: dict[str, str] = field(default_factory=dict)  # folded code -> as printed
    statuses: set[str] = field(default_factory=set)  # the SOPs' status facet values
    search_page: str = ""  # site-relative URL of the page with the full search (facets)

    def add_page(self, html: str, url: str = "") -> None:
        if "data-sop-search" in html and _SEARCH_PAGE.search(html):
            if not self.search_page or url < self.search_page:
                self.search_page = url
        if 'data-pagefind-filter="status"' in html:
            self.statuses.update(htmlmod.unescape(value).strip() for value in _STATUS.findall(html))
        if "data-sop-kode" in html:
            for shown, folded in _CODE.findall(html):
                self.codes.setdefault(htmlmod.unescape(folded).strip(), htmlmod.unescape(shown))
        text = htmlmod.unescape(_TAG.sub(" ", _SKIPPED.sub(" ", html)))
        self.words.update(_WORD.findall(text.lower() if text.isascii() else fold(text)))

    def roots(self) -> dict[str, str]:
        """Each word whose root differs from it -> its root (sorted, so builds repeat)."""
        table = {}
        for word in sorted(self.words):
            found = root(word)
            if found != word:
                table[word] = found
        return table

    def script(self, roots: dict[str, str] | None = None) -> str:
        """``kosakata.js``: the tables as one assignment to ``window.SOP_KOSAKATA``."""
        data = {"akar": self.roots() if roots is None else roots, "kode": dict(sorted(self.codes.items())),
                "halaman": self.search_page, "status": sorted(self.statuses)}
        text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
        text = text.replace("<", "\\u003c")  # never "</script>" inside a script, wherever it is put
        return ("/* mkdocs-sop: the site's words and their Indonesian roots, and SOP/regulation codes;"
                " written by the search indexer. */\nwindow.SOP_KOSAKATA = " + text + ";\n")
