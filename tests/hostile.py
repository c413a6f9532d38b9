"""Hostile text for SOP blocks and plugin options, and a reader that finds live markup.

Every payload carries the marker ``xss31337``. Escaped, a payload is only text (or an
attribute value); unescaped, it becomes an element, an event attribute or a script that
a browser would run. :func:`live_markup` tokenises HTML as a browser does (Python's
HTMLParser) and reports what SOP or config text turned into markup. The themes print
no event attribute (``on...=``) of their own, so any event attribute at all counts.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

MARKER = "xss31337"

PAYLOADS = (
    f"<img src=x onerror={MARKER}()>",
    f"</title><script>{MARKER}()</script>",
    f'"><svg onload={MARKER}()>',
    f"'><b onmouseover='{MARKER}()'>",
    f"<{MARKER}>",
    f"</textarea></noscript></style><iframe srcdoc={MARKER}>",
    f"]]><!-- --><a href=javascript:{MARKER}()>x</a>",
)


class _LiveMarkup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        text = self.get_starttag_text() or tag
        if MARKER in tag:
            self.found.append(f"element {text}")
        for name, value in attrs:
            if MARKER in name or name.startswith("on"):
                self.found.append(f"attribute {name} in {text}")
            elif name in ("href", "src", "srcdoc", "action", "formaction") and value and MARKER in value \
                    and (value.strip().lower().startswith("javascript:") or name == "srcdoc"):
                self.found.append(f"script URL in {text}")
        if tag == "script":
            self._script = []

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            code = "".join(self._script).strip()
            if code.startswith(MARKER) or code.startswith("alert"):
                self.found.append(f"script {code[:60]!r}")
            self._script = None


def live_markup(html: str) -> list[str]:
    """What in ``html`` a browser would treat as markup made from a payload."""
    parser = _LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


def live_markup_in_site(site: Path, *, html_search_index: bool = False) -> list[str]:
    """Every live payload in every HTML file of a built site and, with ``html_search_index``
    (Material's search, which shows titles and texts as HTML; MkDocs' own search keeps
    plain text and escapes it when shown), in its search index."""
    found = []
    for path in sorted(site.rglob("*.html")):
        found += [f"{path.relative_to(site)}: {item}" for item in live_markup(path.read_text("utf-8"))]
    index = site / "search" / "search_index.json"
    if html_search_index:
        assert index.exists(), index
        for doc in json.loads(index.read_text("utf-8")).get("docs", []):
            for key in ("title", "text"):
                found += [f"search_index.json {doc.get('location')} {key}: {item}"
                          for item in live_markup(doc.get(key) or "")]
    return found
