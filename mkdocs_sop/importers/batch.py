"""Import many files into one folder: find the files, write one page per SOP, never overwrite.

The command line (``mkdocs-sop import``) is a thin wrapper around :func:`import_paths`,
which the tests call too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..core.model import slug
from .reader import FileImport, import_file
from .report import Written, check_page, report
from .texts import say
from .writer import write_page

SUFFIXES = (".docx", ".docm", ".xlsx", ".xlsm")

@dataclass
class BatchResult:
    lines: list[str] = field(default_factory=list)  # the report, in order
    written: list[str] = field(default_factory=list)  # paths of the pages written
    bad_files: int = 0
    refused: int = 0

    @property
    def ok(self) -> bool:
        return not self.bad_files and not self.refused


def find_files(paths: list[str], language: str, result: BatchResult) -> list[str]:
    """The files named, and every .docx/.xlsx under the folders named (sorted; Office lock files skipped)."""
    out: list[str] = []
    for given in paths:
        if os.path.isdir(given):
            found = []
            for folder, dirnames, filenames in os.walk(given):
                dirnames.sort()
                for name in sorted(filenames):
                    if name.lower().endswith(SUFFIXES) and not name.startswith("~$"):
                        found.append(os.path.join(folder, name))
            if not found:
                result.lines.append(say("batch-nothing", language, path=given))
            out.extend(found)
        elif os.path.isfile(given):
            out.append(given)
        else:
            result.lines.append(say("batch-missing", language, path=given))
            result.bad_files += 1
    return out


def import_paths(paths: list[str], folder: str, language: str = "id") -> BatchResult:
    """Import every file into ``folder``; the report says what was read, guessed and unclear."""
    result = BatchResult()
    taken: set[str] = set()
    for path in find_files(paths, language, result):
        imported = import_file(path, language)
        display = _display(path)
        if imported.problem:
            result.bad_files += 1
            result.lines.extend(report(imported, [], display, language))
            continue
        written = [_write(draft, imported, folder, taken, language, result) for draft in imported.sops]
        result.lines.extend(report(imported, written, display, language))
    return result


def _write(draft, imported: FileImport, folder: str, taken: set[str], language: str, result: BatchResult) -> Written:
    stem = slug(draft.identity.get("nama") or "") if draft.identity.get("nama") else \
        slug(os.path.splitext(os.path.basename(imported.path))[0])
    name = f"{stem}.md"
    number = 2
    while os.path.join(folder, name) in taken:  # two SOPs of this run with the same title
        name = f"{stem}-{number}.md"
        number += 1
    target = os.path.join(folder, name)
    taken.add(target)
    page = write_page(draft, os.path.basename(imported.path), language)
    display = _display(target)
    check = check_page(page, display, language)
    os.makedirs(folder, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(page.text)
    except FileExistsError:
        result.refused += 1
        return Written(draft, page, display, check, refused=say("batch-exists", language, path=display))
    result.written.append(target)
    return Written(draft, page, display, check)


def _display(path: str) -> str:
    try:
        return os.path.relpath(os.path.abspath(path))
    except ValueError:
        return os.path.abspath(path)
