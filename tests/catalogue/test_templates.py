"""The catalogue's templates: editor text escaped for Markdown and HTML, and a site's own templates.

Generated pages are Markdown, so an SOP's name can turn into markup twice: as Markdown
(a link, emphasis, code, a table cell border, an emoji) and as HTML. Every value a
template prints passes one filter; here hostile strings go through a template and then
through Python-Markdown with the extensions sites enable, and the reader sees exactly
the text that was written.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from catalogue_site import build_site, write_site
from hostile import PAYLOADS, live_markup
from mkdocs_sop.catalogue.templating import environment, link_target, markdown_text

MARKDOWN_ATTACKS = (
    "*tebal* **sangat** _miring_ __garis__", "`kode` ``dua``", "[tautan](javascript:alert(1))",
    "![gambar](x.png)", "<script>alert(1)</script>", "a | b | c", "{: onclick=alert(1) }",
    "~~coret~~ ==tanda== ^^sisip^^ ^atas^ ~bawah~", ":smile: :warning:", "http://evil.example www.evil.example",
    "$x^2$", "(c) (tm) (r) +/- =/= 1/2 3/4", "--> <-- -- ---", "# Judul", "1. satu", "- butir", "+ plus",
    "\\*garis miring terbalik\\*", "&amp; &lt;b&gt; &#42;", "<!-- komentar -->", "@pengguna #123",
    "baris satu\nbaris dua\n\n<div>", "[x]: http://evil.example", "nama [^1]", "<https://evil.example>",
)
HOSTILE = PAYLOADS + MARKDOWN_ATTACKS
EXTENSIONS = ["mkdocs_sop", "md_in_html", "attr_list", "tables", "toc", "abbr", "def_list", "footnotes",
              "pymdownx.tilde", "pymdownx.mark", "pymdownx.caret", "pymdownx.emoji", "pymdownx.magiclink",
              "pymdownx.smartsymbols", "pymdownx.betterem", "pymdownx.arithmatex", "pymdownx.keys"]

# The places a catalogue template puts editor text: a cell read as Markdown, link text,
# a list item, a raw cell, an attribute, a heading, and a cell of a pipe table.
TEMPLATE = textwrap.dedent("""\
    <table class="t" markdown="1">
    <tbody markdown="1">
    <tr data-x="{{ text|attr }}" markdown="1"><td markdown="span">{{ text }}</td><td markdown="span">[{{ text }}]({{ href|link }})</td><td>{{ text }}</td></tr>
    </tbody>
    </table>

    <ul class="l" markdown="1">
    <li markdown="1">{{ text }}</li>
    </ul>

    <h2>{{ text }}</h2>

    - [{{ text }}]({{ href|link }})

    | Kolom | Isi |
    | --- | --- |
    | satu | {{ text }} |
    """)
ALLOWED = {"table", "tbody", "tr", "td", "th", "thead", "ul", "li", "a", "h2", "p"}


class Reader(HTMLParser):
    """The elements of a page and the text of each ``td``/``li``/``a``/``h2``, as a browser reads it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.rows: list[int] = []
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append(0)
        if tag in ("td", "th") and self.rows:
            self.rows[-1] += 1
        if tag in ("td", "li", "a", "h2"):
            self._open.append((tag, []))

    def handle_data(self, data):
        for _tag, parts in self._open:
            parts.append(data)

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            name, parts = self._open.pop()
            self.texts.setdefault(name, []).append("".join(parts))


def render_probe(text: str) -> str:
    template = environment().from_string(TEMPLATE)
    return markdown.markdown(template.render(text=text, href="../unit/a b (1).md#sop-x"), extensions=EXTENSIONS)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_shown_as_written_and_never_becomes_markup(text):
    html = render_probe(text)
    assert live_markup(html) == [], html
    reader = Reader()
    reader.feed(html)
    assert set(reader.tags) <= ALLOWED, (set(reader.tags) - ALLOWED, html)
    shown = " ".join(text.split())
    # every place shows the text as written: the Markdown cell, the link, the raw cell, the
    # list item, the heading, the pipe table's cell (whitespace folded to one line)
    assert [t.strip() for t in reader.texts["td"]] == [shown, shown, shown, "satu", shown], html
    assert reader.texts["a"] == [shown, shown], html
    assert [t.strip() for t in reader.texts["li"]][0] == shown
    assert reader.texts["h2"][0].strip() == shown
    # the pipe table keeps two cells in its row whatever the text holds
    assert reader.rows[-1] == 2, html
    # the link points where it was made to, its parentheses and space quoted
    assert html.count('href="../unit/a%20b%20%281%29.md#sop-x"') == 2


def test_the_filter_leaves_plain_text_alone():
    plain = "Penerbitan Kartu Keluarga Baru 470/SOP-PDP/001/2024 Bidang 2.1 (Persero)"
    assert markdown_text(plain) == plain
    assert markdown_text("a\n\n b") == "a b"  # a value never ends a line or an HTML block
    assert link_target("a b/(c).md#x") == "a%20b/%28c%29.md#x"


def test_a_value_a_template_forgets_to_filter_is_escaped_anyway():
    rendered = environment().from_string("{{ a }} {{ a ~ '!' }} {{ n }}").render(a="<b>*x*</b>", n=3)
    assert rendered == "&lt;b&gt;&#42;x&#42;&lt;/b&gt; &lt;b&gt;&#42;x&#42;&lt;/b&gt;! 3"


# --- a site's own templates ------------------------------------------------------------

OVERVIEW = """\
{% extends "catalogue/page.md.jinja" %}
{% block content %}
<p class="situs-sendiri">Templat situs: {{ rows|length }} SOP di halaman ini.</p>

{% for r in rows %}
- [{{ r.nama }}]({{ r.href|link }})
{% endfor %}
{% endblock %}
"""
UNIT = """\
{% extends "mkdocs_sop/catalogue/unit.md.jinja" %}
{% block nav %}<p class="tema-sendiri">Dari custom_dir tema: {{ name }}</p>

{% endblock %}
"""


def test_a_site_overrides_catalogue_templates_from_templates_dir_and_the_theme(tmp_path):
    config = write_site(tmp_path, extra_plugin="templates_dir: templat-sop\n")
    text = config.read_text(encoding="utf-8").replace("theme:\n  name: material\n",
                                                      "theme:\n  name: material\n  custom_dir: overrides\n")
    config.write_text(text, encoding="utf-8")
    own = tmp_path / "templat-sop" / "catalogue"
    own.mkdir(parents=True)
    (own / "overview.md.jinja").write_text(OVERVIEW, encoding="utf-8")
    theme = tmp_path / "overrides" / "sop" / "catalogue"
    theme.mkdir(parents=True)
    (theme / "unit.md.jinja").write_text(UNIT, encoding="utf-8")
    (theme / "overview.md.jinja").write_text("templates_dir wins over the theme\n", encoding="utf-8")
    site, warnings = build_site(config)
    overview = (site / "katalog" / "index.html").read_text(encoding="utf-8")
    assert '<p class="situs-sendiri">Templat situs: 7 SOP di halaman ini.</p>' in overview
    # its Markdown links were resolved by MkDocs to the SOP pages' addresses
    assert re.search(r'<li><a href="\.\./dinas-x/bidang-1/dua-sop/#sop-x-001-2022">Penerbitan Izin Alpha</a></li>',
                     overview)
    unit = (site / "katalog" / "unit" / "pemkab-uji" / "dinas-x" / "index.html").read_text(encoding="utf-8")
    assert '<p class="tema-sendiri">Dari custom_dir tema: Dinas X</p>' in unit
    assert 'class="sop-cat-nav"' not in unit and 'id="daftar-isi"' in unit  # the rest of the page is the package's
    assert not (site / "sop").exists()  # the templates are read, not published
    assert not [w for w in warnings if "templat" in w.lower() or "unrecognised" in w.lower()]


def test_a_templates_dir_that_does_not_exist_stops_the_build_with_its_name(tmp_path):
    config = write_site(tmp_path, extra_plugin="templates_dir: tidak-ada\n")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode != 0
    assert "sop: `templates_dir: tidak-ada` is not a folder" in done.stderr and "Traceback" not in done.stderr
