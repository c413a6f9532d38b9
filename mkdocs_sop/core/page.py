"""The page a block is rendered on, as the adapter knows it.

Each adapter (MkDocs / ProperDocs plugin, Zensical, plain Python-Markdown) builds one
:class:`PageContext` per page and hands it to :meth:`BlockRenderer.render_block`; nothing
about the page is stored on a shared object for another hook to read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class PageContext:
    """Where a block lives: for messages (path, lines) and for links (URL)."""

    src_path: str = ""
    """The page's file as messages name it (a path an editor can open); empty: unknown."""
    line_offset: int = 0
    """Lines the generator took off the top of the file (front matter) before the Markdown."""
    url: str = ""
    """Where the page's relative links start from: its site-root-relative URL under MkDocs,
    its source path under Zensical (which rebases links from there); empty: the root."""
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """The page's front matter, as the generator read it."""


#: A page nobody named: plain Python-Markdown with no host.
NO_PAGE = PageContext()
