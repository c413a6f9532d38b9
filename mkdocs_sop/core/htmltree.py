"""Building HTML as an element tree: editor text is only ever set as text or attribute
values, so the serialiser escapes it. Shared by the SOP renderer and the catalogue pages."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from typing import Mapping


def el(tag: str, attrs: Mapping[str, str | None] | None = None, text: str | None = None,
       parent: ET.Element | None = None, cls: str | None = None) -> ET.Element:
    """A new element (under ``parent`` when given); attributes set to None are left out."""
    attributes = {k: v for k, v in (attrs or {}).items() if v is not None}
    if cls:
        attributes["class"] = cls
    node = ET.Element(tag, attributes) if parent is None else ET.SubElement(parent, tag, attributes)
    if text:
        node.text = text
    return node


def title_html(text: str) -> str:
    """A plain-text title as the HTML text that themes print for a page or navigation title.

    MkDocs keeps a heading's entities in ``page.title`` and every theme prints titles
    unescaped (in ``<title>``, the header, the navigation), so a title made from editor
    or config text (a unit, an actor, a citation, a label) must be escaped exactly once,
    here, before it becomes a page's ``title:`` or a navigation section's name.
    """
    return html.escape(text, quote=True)
