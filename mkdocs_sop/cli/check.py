"""Checking sources: the same verdicts as the site build (used by ``lint`` and ``export``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue.registry import Catalogue, page_url
from ..core.fences import find_blocks
from ..core.messages import language_of, make
from ..core.model import Diagnostic, ParseResult, Severity
from ..core.parse import parse_block
from .sources import Source


@dataclass
class CheckResult:
    catalogue: Catalogue
    diagnostics: list[Diagnostic]
    files: int = 0
    blocks: int = 0

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


def check_sources(sources: list[Source], institution: str = "", strict_links: bool = False,
                  use_directory_urls: bool = True, language: str = "id", parse=None) -> CheckResult:
    """Parse every block of every source into one catalogue, then run the site-wide checks.

    Problems are reported in ``language`` (``id`` or ``en``), as the site build reports them.
    ``parse(body, path, first_line)``: a remembering parser (``generate --watch`` passes its
    :class:`~..core.parsememo.ParseMemo`); by default every block is parsed afresh.
    """
    language = language_of(language)
    catalogue = Catalogue(language=language)
    found: list[Diagnostic] = []
    blocks = 0

    def parse_afresh(body: str, path: str, first_line: int) -> ParseResult:
        return parse_block(body, path, first_line, default_instansi=institution, language=language)

    parse = parse or parse_afresh

    for source in sources:
        try:
            text = source.read()
        except (OSError, UnicodeDecodeError) as exc:
            found.append(make("file-unreadable", language, path=source.display, error=exc))
            continue
        if source.yaml_file:
            result = parse(text, source.display, 1)
            results = [result]
            if result.sop is not None:
                catalogue.add(result.sop, source.page, "")
        else:
            if "sop" not in text:
                continue
            results = catalogue.add_page(text, source.page, source.display,
                                         page_url(source.page, use_directory_urls), parse)
            for block in find_blocks(text.splitlines()):
                if not block.closed:
                    found.append(make("block-not-closed", language, path=source.display,
                                      line=block.start + 1))
        blocks += len(results)
        for result in results:
            found.extend(result.diagnostics)
    found.extend(catalogue.finish(strict_links))
    unique = list(dict.fromkeys(found))  # the build reports each problem once
    unique.sort(key=lambda d: (d.path, d.line, d.column))
    return CheckResult(catalogue, unique, len(sources), blocks)
