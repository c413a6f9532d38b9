"""``mkdocs-sop preview PAGE.md``: one page of the site on screen, again after every save.

For editing a handbook of thousands of SOPs: ``mkdocs serve`` rebuilds the site's whole
catalogue at each save, this renders only the page being edited (with the site's
settings, the site's other SOPs for its links and checks; :mod:`.preview_page`) and
serves it on 127.0.0.1 (:mod:`.preview_server`); the open tab reloads by itself. The
page's problems are printed as ``lint`` prints them, after every save.
"""

from __future__ import annotations

import os
import threading
import time

import click

from .check import tally
from .config import find_config, output_language
from .lint import echo_diagnostics
from .options import CONFIG_OPTION, lang_option
from .preview_page import PreviewPage, RenderedPage
from .preview_server import PreviewServer
from .texts import cli_text

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
PORTS_TRIED = 20  # without -a: 8000, else the next free port up to 8019
POLL_SECONDS = 0.1  # how often the page's file is looked at (one stat)
SETTLE_SECONDS = 0.05  # an editor's save may be several writes: wait until the file stays the same


@click.command("preview", epilog="""\b
Examples:
  mkdocs-sop preview docs/layanan/ktp.md          open the printed address in a browser
  mkdocs-sop preview docs/layanan/ktp.md -a 127.0.0.1:8100
  mkdocs-sop preview docs/layanan/ktp.md --lang en

\b
Only this page is served: links to other pages open in the built site or under
`mkdocs serve`. It runs until Ctrl+C.""")
@click.argument("page", type=click.Path(exists=True, dir_okay=False))
@CONFIG_OPTION
@lang_option("Language of the preview and its messages")
@click.option("-a", "--dev-addr", metavar="<IP:PORT>", default=None,
              help="Address to serve on (default: 127.0.0.1:8000, or the next free port).")
def command(page, config_file, language, dev_addr) -> None:
    """Show one page of the site in the browser, as the site will, again after every save."""
    cfg = find_config(config_file, language)
    language = output_language(language, cfg)
    if cfg is None:
        raise click.UsageError(cli_text("preview-no-config", language))
    preview = PreviewPage(cfg, page, language)
    for note in preview.notes:
        click.echo(note, err=True)
    latest = Latest()
    server = _open_server(dev_addr, preview, lambda: latest.page, language)
    click.echo(cli_text("preview-serving", language, path=preview.page.display, url=server.url), err=True)
    latest.page = _rendered(preview)  # before the first answer: requests wait in the socket's queue
    threading.Thread(target=server.serve_forever, name="mkdocs-sop-preview", daemon=True).start()
    try:
        for _saved in _saves(preview.page.path):
            latest.page = _rendered(preview)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


class Latest:
    """The latest render: the server's threads answer with it while the next one is made."""

    page: RenderedPage | None = None


def _rendered(preview: PreviewPage) -> RenderedPage:
    """Render the page; print its problems as ``lint`` does, then one line saying how it went."""
    started = time.perf_counter()
    rendered = preview.render()
    echo_diagnostics(rendered.diagnostics)
    for note in rendered.notes:
        click.echo(note, err=True)
    errors, warnings = tally(rendered.diagnostics)
    click.echo(cli_text("preview-rendered", preview.language, time=time.strftime("%H:%M:%S"),
                        path=preview.page.display, errors=errors, warnings=warnings,
                        seconds=f"{time.perf_counter() - started:.2f}"), err=True)
    return rendered


def _stamp(path: str) -> tuple | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size, found.st_ino)


def _saves(path: str):
    """Yield after each save of ``path`` (a change of its time, size or file, however the editor
    saves: in place or by renaming a new file over it), once the file has stopped changing."""
    last = _stamp(path)
    while True:
        time.sleep(POLL_SECONDS)
        now = _stamp(path)
        if now == last:
            continue
        while True:
            time.sleep(SETTLE_SECONDS)
            settled = _stamp(path)
            if settled == now:
                break
            now = settled
        last = now
        yield now


def _open_server(dev_addr: str | None, preview: PreviewPage, current, language: str) -> PreviewServer:
    """The server on ``dev_addr``; without one on 127.0.0.1:8000, else the next free port."""
    if dev_addr is None:
        candidates = [(DEFAULT_HOST, DEFAULT_PORT + i) for i in range(PORTS_TRIED)]
    else:
        candidates = [_address(dev_addr, language)]
    failure: OSError | None = None
    for address in candidates:
        try:
            return PreviewServer(address, current, preview.page.url, preview.page.display, preview.static, language)
        except OSError as exc:
            failure = exc
    host, port = candidates[-1]
    raise click.UsageError(cli_text("preview-address-busy", language, address=dev_addr or f"{host}:{port}",
                                    error=failure.strerror or failure))


def _address(text: str, language: str) -> tuple[str, int]:
    """``IP:PORT`` (``[::1]:8000`` for IPv6) as (host, port)."""
    host, _, port = text.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not host or not port.isdigit() or int(port) > 65535:
        raise click.UsageError(cli_text("preview-address", language, address=text))
    return host, int(port)
