"""The review report of one imported file, and lint's verdict on each page it gave.

For each SOP: what was read, what was guessed (and how), what needs a person, each with
the line of the page it concerns; then lint's count of problems, checked to fall only
on marked lines (a problem elsewhere is the importer's fault and is said so).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.fences import find_blocks
from ..core.model import Diagnostic, Severity
from ..core.parse import parse_block
from .draft import DraftSop, NoteLevel
from .reader import FileImport
from .texts import say
from .writer import Page


@dataclass(frozen=True)
class PageCheck:
    """Lint's verdict on one written page (the same parser and checks as ``mkdocs-sop lint``)."""

    errors: int
    warnings: int
    unmarked: tuple[Diagnostic, ...]  # problems at lines the importer did not mark


def check_page(page: Page, path: str, language: str) -> PageCheck:
    found: list[Diagnostic] = []
    for block in find_blocks(page.text.splitlines()):
        result = parse_block(block.body, path, block.first_body_line, language=language)
        found.extend(result.diagnostics)
    marked = {line for _, line in page.note_lines if line}
    errors = sum(d.severity is Severity.ERROR for d in found)
    return PageCheck(errors, len(found) - errors, tuple(d for d in found if d.line not in marked))


@dataclass(frozen=True)
class Written:
    """One SOP of the file and where its page went (``refused``: why it was not written)."""

    draft: DraftSop
    page: Page
    path: str
    check: PageCheck
    refused: str = ""


def report(file: FileImport, written: list[Written], display: str, language: str) -> list[str]:
    """The report's lines for one file (the caller prints them)."""
    if file.problem:
        return [f"{display}: {file.problem}"]
    out = [say("report-file", language, path=display, count=len(file.sops))]
    for note in file.notes:
        out.append(f"  {note}")
    for item in written:
        draft = item.draft
        out.append("  " + (item.refused or say("report-sop", language, path=item.path,
                                                nomor=draft.identity.get("nomor") or "?",
                                                nama=draft.identity.get("nama") or "?", steps=len(draft.steps))))
        if item.refused:
            continue
        read = [n.text for n in draft.notes if n.level is NoteLevel.READ]
        _section(out, say("report-read", language), list(dict.fromkeys(read)))
        for level, name in ((NoteLevel.GUESSED, "report-guessed"), (NoteLevel.CHECK, "report-check")):
            lines = []
            for note, line in sorted(item.page.note_lines, key=lambda pair: pair[1]):
                if note.level is level:
                    where = say("report-line", language, line=line) if line else ""
                    key = f" `{note.key}`" if note.key else ""
                    lines.append(f"{where}{key}: {note.text}" if where or key else note.text)
            _section(out, say(name, language), list(dict.fromkeys(lines)))
        out.append("    " + say("report-draf", language))
        if item.check.unmarked:
            for diagnostic in item.check.unmarked:
                out.append("    " + say("report-lint-unmarked", language, problem=diagnostic.format()))
        else:
            out.append("    " + say("report-lint", language, errors=item.check.errors,
                                    warnings=item.check.warnings))
    return out


def _section(out: list[str], title: str, lines: list[str]) -> None:
    if not lines:
        return
    out.append(f"    {title}:")
    out.extend(f"      - {line}" for line in lines)
