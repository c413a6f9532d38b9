"""The Indonesian root of a word (``memeriksa``, ``pemeriksaan`` -> ``periksa``).

Pagefind stems Indonesian with the Snowball algorithm, which strips affixes without a
dictionary, so a root form that looks affixed is cut again (``periksa`` -> ``iksa``,
``terima`` -> ``ima``, ``tawar`` vs ``penawaran`` -> ``awar``) and a staff member's
query misses the SOPs that use another form of the word. Sastrawi (Nazief-Adriani with
a dictionary of Indonesian roots) finds the root itself; the site's words and their
roots go to the browser, which widens each query word to the forms the site uses.
"""

from __future__ import annotations

from functools import lru_cache

MIN_LENGTH = 4  # shorter words are left alone (particles, abbreviations)


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory  # loads a 30,000-root dictionary

    return StemmerFactory().create_stemmer()


def root(word: str) -> str:
    """The root of one lower-case word; the word itself when it has none or is short."""
    if len(word) < MIN_LENGTH or not word.isalpha():
        return word
    found = _stemmer().stem(word)
    return found if found and " " not in found and len(found) >= 2 else word
