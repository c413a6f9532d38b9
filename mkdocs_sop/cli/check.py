"""Checking sources: the same verdicts as the site build (used by ``lint`` and ``export``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Callable

from ..catalogue.registry import Catalogue, page_url
from ..core.fences import find_blocks
from ..core.messages import language_of, make
from ..core.model import Diagnostic, ParseResult, Severity
from ..core.limits import DEFAULT_LIMITS, Limits
from ..core.logos import Logos
from ..core.monev import check_site, parse_records
from ..core.parse import parse_block
from ..cycle.summary import site_view
from .sources import Source
from .terminal import terminal_safe
from .texts import cli_text


@dataclass(frozen=True)
class Crash:
    """A bug of mkdocs-sop met while checking one file (or the site-wide checks, ``path`` empty).

    Not a finding about the SOP: ``lint`` reports it as one line and exits 2, so CI can
    tell a crash from an SOP with errors.
    """

    path: str
    error: str  # the exception, on one line: "RecursionError: maximum recursion depth exceeded"

    def line(self, language: str) -> str:
        """The one line printed for it, in ``language``, safe for a terminal."""
        return terminal_safe(cli_text("internal-error", language, path=self.path or "mkdocs-sop",
                                      error=self.error))


def describe(exc: BaseException, limit: int = 300) -> str:
    """``exc`` as one short line: its type and message, whitespace folded."""
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class CheckResult:
    """The catalogue of every SOP found, the problems (see :func:`check_sources`) and any crash."""

    catalogue: Catalogue
    diagnostics: list[Diagnostic]
    files: int = 0
    blocks: int = 0
    crashes: list[Crash] = field(default_factory=list)
    records: list = field(default_factory=list)  # the monitoring/evaluation records that passed the checks

    @property
    def errors(self) -> int:
        return tally(self.diagnostics)[0]

    @property
    def warnings(self) -> int:
        return tally(self.diagnostics)[1]


def tally(diagnostics) -> tuple[int, int]:
    """(errors, warnings) among ``diagnostics``: the counts every summary line gives."""
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    return errors, sum(d.severity is Severity.WARNING for d in diagnostics)


def check_sources(sources: list[Source], institution: str = "", strict_links: bool = False,
                  use_directory_urls: bool = True, language: str = "id",
                  url_of: Callable[[str], str] | None = None, parse=None,
                  limits: Limits = DEFAULT_LIMITS, logos: Logos | None = None) -> CheckResult:
    """Parse every block of every source into one catalogue, then run the site-wide checks.

    Problems are reported in ``language`` (``id`` or ``en``), as the site build reports them,
    each once: errors before warnings (a warning often stems from an error, which is the
    one to fix first), each kind in file and line order. ``url_of`` gives a page's URL
    from its ``src_uri`` (:func:`.urls.page_url_rule` gives the generator's own rule);
    by default MkDocs' rules with ``use_directory_urls``. A file whose checking crashes is
    recorded in :attr:`CheckResult.crashes` and the others are still checked.
    ``parse(body, path, first_line)``: a remembering parser (``generate --watch`` passes its
    :class:`~..core.parsememo.ParseMemo`); by default every block is parsed afresh. ``logos``: the
    site's logos, to warn about SOPs of another institution that would print with none.
    """
    language = language_of(language)
    if url_of is None:
        url_of = partial(page_url, use_directory_urls=use_directory_urls)
    catalogue = Catalogue(language=language)
    found: list[Diagnostic] = []
    crashes: list[Crash] = []
    records: list[tuple[str, str]] = []  # monitoring/evaluation records, checked once every SOP is known
    blocks = 0

    def parse_afresh(body: str, path: str, first_line: int) -> ParseResult:
        return parse_block(body, path, first_line, default_instansi=institution, language=language,
                           limits=limits)

    parse = parse or parse_afresh

    def check(source: Source) -> list[ParseResult]:
        try:
            text = source.read()
        except (OSError, UnicodeDecodeError) as exc:
            found.append(make("file-unreadable", language, path=source.display, error=exc))
            return []
        if source.record:
            records.append((source.display, text))
            return []
        if source.yaml_file:
            result = parse(text, source.display, 1)
            if result.sop is not None:
                catalogue.add(result.sop, source.page, "")
            return [result]
        if "sop" not in text:
            return []
        results = catalogue.add_page(text, source.page, source.display, url_of(source.page), parse)
        for block in find_blocks(text.splitlines()):
            if not block.closed:
                found.append(make("block-not-closed", language, path=source.display, line=block.start + 1))
        return results

    for source in sources:
        try:
            results = check(source)
        except Exception as exc:  # noqa: BLE001 - a bug, reported as one line; the other files go on
            crashes.append(Crash(source.display, describe(exc)))
            continue
        blocks += len(results)
        for result in results:
            found.extend(result.diagnostics)
    try:
        found.extend(catalogue.finish(strict_links, logos))
    except Exception as exc:  # noqa: BLE001
        crashes.append(Crash("", describe(exc)))
    kept: list = []
    try:
        parsed, problems = parse_records(records, language)
        kept, site_problems = check_site(parsed, site_view(catalogue), language)
        found.extend(problems + site_problems)
    except Exception as exc:  # noqa: BLE001
        crashes.append(Crash("", describe(exc)))
    unique = list(dict.fromkeys(found))  # the build reports each problem once
    unique.sort(key=lambda d: (d.severity is not Severity.ERROR, d.path, d.line, d.column))
    return CheckResult(catalogue, unique, len(sources), blocks, crashes, kept)
