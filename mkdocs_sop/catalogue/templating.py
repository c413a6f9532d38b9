"""Jinja2 for generated pages: Markdown out, editor text escaped for Markdown and HTML alike.

The catalogue's pages are data rendered by templates (``mkdocs_sop/templates/``) that
write Markdown: links are ``.md`` paths relative to the page's source file, so MkDocs,
ProperDocs and Zensical resolve and check them like any link an editor writes; the
structure that carries classes and data attributes (tables, the unit tree) is HTML with
``markdown`` attributes (the ``md_in_html`` extension) around those links.

Every value a template prints passes :func:`markdown_text` by itself (``finalize``), so a
template cannot forget it: HTML's special characters become entities, and so do the
characters that would make Markdown (or the pymdown extensions a site may enable) turn
editor text into links, emphasis, code, tables, emoji or symbols. Links pass
:func:`link_target`; attribute values that never reach Markdown may use ``|attr``.

A site overrides a template by putting a file of the same name in a folder it names
(``templates_dir``) or in its theme's ``custom_dir`` under ``sop/``; such a file may
``{% extends "mkdocs_sop/catalogue/<name>" %}`` (the package's own) and change one block.
The search path is part of the environment's key, and a page's text depends only on its
data and the templates found.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Sequence
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from ..core.htmltree import title_html

__all__ = ["markdown_text", "link_target", "environment", "render"]

# Characters that start Markdown (or pymdown-extensions) syntax anywhere in a line:
# escapes, code, emphasis, links, attribute lists, tables, HTML, entities, strike/insert/
# mark/caret, maths, mentions, headings.
_ALWAYS = frozenset("\\`*_[]{}<>&|~^=#$@\"'")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
# Only where they would start something: arrows and dashes ("-->", "--", a leading "-"),
# a fraction ("1/2"), "(c)" "(tm)" "(r)", "+/-", emoji and links (":smile:", "http://"),
# an ordered-list number at the start ("1. "), a bare address ("www.").
_CONTEXT = (
    (re.compile(r"(?<=[-<>])-|-(?=[-<>])|^-"), lambda m: "&#45;"),
    (re.compile(r"(?<![\w&#;])(\d)/(?=\d(?!\w))"), lambda m: m.group(1) + "&#47;"),
    (re.compile(r"\((?=(?:c|r|tm)\))", re.I), lambda m: "&#40;"),
    (re.compile(r"^\+|\+(?=/)"), lambda m: "&#43;"),
    (re.compile(r":(?=[\w+/-])"), lambda m: "&#58;"),
    (re.compile(r"^(\d+)\.(?=\s|$)"), lambda m: m.group(1) + "&#46;"),
    (re.compile(r"(?<=www)\.|(?<=ftp)\.", re.I), lambda m: "&#46;"),
)


def markdown_text(value: object) -> Markup:
    """``value`` as text that Markdown and HTML both show exactly as written, on one line.

    Whitespace (newlines included) folds to single spaces, so a value never ends a line
    or a raw HTML block; the result is :class:`~markupsafe.Markup` (safe to print as is).
    """
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    out = []
    for char in text:
        if char in _HTML:
            out.append(_HTML[char])
        elif char in _ALWAYS:
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    text = "".join(out)
    for pattern, replace in _CONTEXT:
        text = pattern.sub(replace, text)
    return Markup(text)


def link_target(href: object) -> Markup:
    """A link's destination for ``[text](...)``: percent-quoted, so spaces, parentheses,
    ``<`` or quotes in a file name cannot end it (generators unquote it to find the file)."""
    return Markup(quote(str(href), safe="/#%-._~"))


def breakable(value: object) -> Markup:
    """Text as :func:`markdown_text`, with a line-break opportunity (``<wbr>``) after each ``/``:
    an SOP number such as ``800/SOP-BKPSDM/07/2023`` may wrap at its slashes in a narrow column."""
    return Markup(str(markdown_text(value)).replace("/", "/<wbr>"))


def _attr(value: object) -> Markup:
    """An attribute value that never reaches Markdown: HTML-escaped, whitespace folded."""
    return escape(" ".join(str(value).split()))


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, (Markup, int, float)) and not isinstance(value, bool):
        return value
    return markdown_text(value)


PACKAGE_FOLDER = "templates"
ORIGINAL_PREFIX = "mkdocs_sop"


@functools.lru_cache(maxsize=8)
def environment(search_path: tuple[str, ...] = ()) -> jinja2.Environment:
    """The environment for templates in ``search_path`` (a site's folders, first found wins),
    then the package's own."""
    package = jinja2.PackageLoader("mkdocs_sop", PACKAGE_FOLDER)
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(list(search_path))] if search_path else []
    # "mkdocs_sop/catalogue/unit.md.jinja" is always the package's own, so a site's template of
    # the same name can extend it and change one block
    loaders += [package, jinja2.PrefixLoader({ORIGINAL_PREFIX: package})]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders), autoescape=True, finalize=_finalize,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = markdown_text
    env.filters["link"] = link_target
    env.filters["breakable"] = breakable
    env.filters["attr"] = _attr
    env.filters["title_json"] = lambda title: Markup(json.dumps(title_html(str(title)), ensure_ascii=False))
    return env


def render(template: str, context: dict, search_path: Sequence[str] = ()) -> str:
    """``template`` (a path such as ``catalogue/overview.md.jinja``) filled with ``context``."""
    return environment(tuple(search_path)).get_template(template).render(**context)
