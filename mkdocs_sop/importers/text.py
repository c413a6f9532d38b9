"""Small text helpers shared by the table readers: label normalising and list items."""

from __future__ import annotations

import re
import unicodedata

_MARKER = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|[-–•●▪◦*·])\s*")
NONE_VALUES = {"", "-", "–", "—", "--", "tidak ada", "n/a", "nihil"}


def norm(text: str) -> str:
    """A label as compared: lower case, no accents, dots/colons/slashes as spaces, single spaces."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    for ch in ".:/\\&()":
        text = text.replace(ch, " dan " if ch == "&" else " ")
    words = text.split()
    words = ["tanggal" if w in ("tgl", "tangal") else w for w in words]
    return " ".join(words)


def flat(text: str) -> str:
    return " ".join((text or "").split())


def is_none(text: str) -> bool:
    return flat(text).lower().strip(" .") in NONE_VALUES


def list_items(paragraphs) -> list[str]:
    """Paragraphs as list items: numbering and bullets removed, wrapped lines joined to their item."""
    lines = [flat(p) for p in paragraphs if flat(p)]
    marked = [bool(_MARKER.match(line)) and len(_MARKER.sub("", line)) > 0 for line in lines]
    items: list[str] = []
    for line, has_marker in zip(lines, marked):
        if any(marked) and not has_marker and items:
            items[-1] = f"{items[-1]} {line}"
        else:
            items.append(_MARKER.sub("", line, count=1) if has_marker else line)
    return [item for item in items if not is_none(item)]
