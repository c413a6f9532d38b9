"""Text from SOPs made safe to print: no control character reaches the editor's terminal raw.

A key or value may hold ESC, CR, a backspace or a bidirectional override (pasted from
Word, or written on purpose); echoed raw, it could recolour or rewrite the terminal, or
make a message read differently from what it says. Each is shown as its escape
(``\\x1b``, ``\\u202e``) instead, so the editor sees it and can remove it.
"""

from __future__ import annotations

import re

from ..core.printable import terminal_safe  # noqa: F401 - the one implementation, used here and in logs

# The same but C0 (json.dumps escapes those inside strings; outside them are its own newlines).
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_safe(document: str) -> str:
    """A JSON document with the controls ``json.dumps(..., ensure_ascii=False)`` leaves raw
    (DEL, C1, bidi) written as ``\\u`` escapes of four hex digits: the same data, nothing raw
    on a terminal."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
