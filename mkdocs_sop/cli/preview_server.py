"""The preview's web server: the page, its version, its assets, and nothing else.

Python's own ``http.server`` in a thread (no other dependency): requests are matched
exactly against what the current render serves (the page's URL, the package's assets,
the files of the docs folder the page shows), never turned into a path on disk, so
``/../../etc/passwd`` or any other file is a 404. It listens on 127.0.0.1 unless told
otherwise and answers only requests addressed to the name it listens on (a web page
elsewhere cannot read the preview through a name of its own that points at this
machine). Every answer forbids the page to load anything from another server
(Content-Security-Policy), so the preview makes no request that leaves the machine.
"""

from __future__ import annotations

import mimetypes
import socket
import socketserver
import sys
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Mapping
from urllib.parse import quote, unquote, urlsplit

from markupsafe import Markup

from .preview_page import VERSION_PATH, RenderedPage, with_code
from .texts import cli_text

#: Only this server, only what the page needs; styles may sit in attributes (table column widths).
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
_ANY_HOST = ("0.0.0.0", "::", "")


@dataclass(frozen=True)
class Answer:
    status: HTTPStatus
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    location: str = ""


class PreviewServer(ThreadingHTTPServer):
    """Serves the render ``current()`` returns, at the page's URL (site-root-relative, quoted)."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], current: Callable[[], RenderedPage], page_url: str,
                 page_display: str, static: Mapping[str, tuple[bytes, str]], language: str) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.current = current
        page_url = "" if page_url == "./" else page_url  # the home page: the site's root
        self.page_path = "/" + unquote(page_url)  # compared with the request's unquoted path
        self.page_url = "/" + page_url
        self.page_display = page_display
        self.static = static
        self.language = language
        super().__init__(address, PreviewHandler)

    def server_bind(self) -> None:
        """Bind without ``http.server``'s reverse name lookup (slow where DNS is slow or missing)."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    @property
    def url(self) -> str:
        """The page's address in a browser."""
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}{self.page_url}"

    def allowed_hosts(self) -> set[str] | None:
        """The ``Host`` a request may name: this server's own names (None: any, when listening on all)."""
        host, port = self.server_address[:2]
        if host in _ANY_HOST:
            return None
        names = {host, "localhost", "127.0.0.1", "[::1]"} | ({f"[{host}]"} if ":" in host else set())
        return {f"{name}:{port}" for name in names}

    def handle_error(self, request, client_address) -> None:
        """A browser that went away mid-answer is no news; anything else is one line, not a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            print(f"mkdocs-sop preview: {type(error).__name__}: {error}", file=sys.stderr)

    # -- routing ------------------------------------------------------------------------------
    def answer(self, target: str) -> Answer:
        """What a GET of ``target`` (the request line's path and query) is answered with."""
        path = unquote(urlsplit(target).path)
        page = self.current()
        if path == self.page_path or (self.page_path.endswith("/") and path == self.page_path + "index.html"):
            return Answer(HTTPStatus.OK, page.document.encode("utf-8"), "text/html; charset=utf-8")
        if path == "/" + VERSION_PATH:
            return Answer(HTTPStatus.OK, page.version.encode("ascii"))
        if path in ("/", "/index.html") or path + "/" == self.page_path:
            return Answer(HTTPStatus.FOUND, location=self.page_url)
        site_path = path[1:]
        if site_path in self.static:
            body, content_type = self.static[site_path]
            return Answer(HTTPStatus.OK, body, content_type)
        if site_path in page.files:
            try:
                with open(page.files[site_path], "rb") as handle:
                    body = handle.read()
            except OSError:
                return self.not_here()
            return Answer(HTTPStatus.OK, body, mimetypes.guess_type(site_path)[0] or "application/octet-stream")
        return self.not_here()

    def not_here(self) -> Answer:
        """The 404 page: this preview serves one page; where the others are."""
        text = with_code(cli_text("preview-not-here", self.language, path=self.page_display))
        back = cli_text("preview-back", self.language)
        body = Markup('<!doctype html>\n<html lang="{}"><head><meta charset="utf-8"><title>404</title></head>'
                      '<body><p>{}</p><p><a href="{}">{}</a></p></body></html>\n').format(
            self.language, text, quote(self.page_url, safe="/%"), back)
        return Answer(HTTPStatus.NOT_FOUND, str(body).encode("utf-8"), "text/html; charset=utf-8")


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "mkdocs-sop-preview"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 - http.server's API
        self._send(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._send(head=True)

    def _send(self, head: bool) -> None:
        allowed = self.server.allowed_hosts()
        if allowed is not None and self.headers.get("Host", "") not in allowed:
            answer = Answer(HTTPStatus.MISDIRECTED_REQUEST, b"421: this preview answers only to its own address\n")
        else:
            answer = self.server.answer(self.path)
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        if answer.location:
            self.send_header("Location", answer.location)
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(answer.body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the terminal is for the page's messages
        pass
