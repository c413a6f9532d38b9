"""How much one ``sop`` block may ask of a build, so a small input can never stop a site.

A 3 KB block of YAML anchors reused in ``sub:`` lists once expanded to millions of steps
(68 s, 3.2 GB); 250 levels of ``sub:`` overflowed Python's stack; 100,000 nested brackets
crash libyaml outright. Each limit below is far above any real SOP (the largest in the
sample handbooks have about 60 steps, 3 levels and 600 characters in one field) and is
checked before the work it protects, with a message at the block's line. A site can
raise (or lower) any of them under ``limits:`` in the plugin's options; see
``docs/konfigurasi.md``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class Limits:
    max_steps: int = 1000
    """Steps of one SOP, sub-steps included, after YAML anchors are expanded."""
    max_depth: int = 8
    """Levels of ``sub:`` under a top-level step."""
    max_text: int = 5000
    """Characters in one field (one ``kegiatan``, one list item, ...)."""
    max_yaml_nodes: int = 50_000
    """Values in one block after YAML aliases (``*name``) are expanded."""
    diagram_seconds: float = 60.0
    """Time Graphviz may take for one diagram; a diagram that needs longer is left out."""

    @classmethod
    def from_options(cls, options: Mapping[str, object] | None) -> "Limits":
        """The defaults with a site's ``limits:`` on top; unknown names or values raise ValueError."""
        known = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, object] = {}
        for name, value in (options or {}).items():
            if name not in known:
                raise ValueError(f"unknown limit `{name}`; known limits: {', '.join(known)}")
            wanted = float if name == "diagram_seconds" else int
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise ValueError(f"`limits.{name}` must be a positive number, not {value!r}")
            values[name] = wanted(value)
        return cls(**values)

    @property
    def max_yaml_depth(self) -> int:
        """Nesting of YAML values: two per level of ``sub:`` (list and step) plus the block's own."""
        return 2 * self.max_depth + 8


DEFAULT_LIMITS = Limits()

__all__ = ["Limits", "DEFAULT_LIMITS"]
