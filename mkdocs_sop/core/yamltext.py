"""Writing YAML by hand, one scalar at a time, so that comments can sit at the right line.

Used by ``mkdocs-sop new`` and ``mkdocs-sop import``: both write blocks line by line (with
comments a YAML library would not place) in the canonical layout of ``mkdocs-sop fmt``.
"""

from __future__ import annotations

import json


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    from .yamlload import YamlProblem, load

    text = str(text)
    plain_ok = (text == text.strip() and text and "#" not in text and ": " not in text
                and not text.endswith(":") and text[0] not in "!&*[]{}|>'\"%@`,?-")
    if plain_ok:
        try:
            plain_ok = load(f"k: {text}") == {"k": text}
        except YamlProblem:
            plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)
