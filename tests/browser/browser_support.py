"""Shared pieces of the browser tests (imported by conftest.py and the test modules)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-output" / "browser"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-extensions"]

# The two SOPs the layout tests look at: the longest flow (29 steps, 4 printed pages)
# and the KK one (a loop back from each of two decisions).
PERDA = "setwan/persidangan/pembentukan-perda/"
KK = "disdukcapil/pendaftaran-penduduk/penerbitan-kk-baru/"
# Tall rows (long requirement lists and times, five actors) in 8 steps: paginated by height.
KP = "bkpsdm/mutasi-promosi/kenaikan-pangkat/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """A built site served by a plain static server on 127.0.0.1 (a free port): its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Watched:
    """A page with every request and every console error recorded."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text} @ {m.location}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        # a request cut short because the test moved on (ERR_ABORTED) is not a failure of the site
        page.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "")
                else self.errors.append(f"request failed: {r.url} {r.failure}"))

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path.lstrip("/"), wait_until="load")
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        return response

    def foreign_requests(self) -> list[str]:
        """Requests to anything but the local server (data: and blob: URLs stay in the page)."""
        local = urlsplit(self.base_url).netloc
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.netloc != local:
                out.append(url)
        return out


def choose_dark(page) -> None:
    """Click Material's palette toggle (\"Mode gelap\") as a reader would; wait for slate."""
    page.click("label[for='__palette_1']")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")


def tick_unit_facet(page, unit: str) -> None:
    """On the search page: open the Unit facet, tick ``unit`` and wait until the count changes."""
    count = "[data-sop-search] .sop-search-count"
    before = page.inner_text(count)
    page.click("[data-sop-search] .sop-search-facet summary:has-text('Unit')")
    page.check(f"[data-sop-search] input[data-facet='unit'][value='{unit}']")
    page.wait_for_function(f"(before) => document.querySelector('{count}').textContent !== before", arg=before)
