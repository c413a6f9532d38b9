"""Why a block's YAML does not parse, said at the line the editor must fix.

PyYAML reports where its parser gave up, which is often the line *after* the mistake
(a missing space after ``unit:`` is noticed only when the next key arrives) and always in
parser words ("while scanning a simple key"). Editors who transcribe a paper SOP make a
handful of typing mistakes again and again; this module recognises each of them from the
text and the parser's two marks and names the line and column where the fix goes:

- a Tab in the indentation;
- curly quotes (“ ” ‘ ’) pasted from Word, which YAML does not take as quotes;
- a missing space after a key's colon (``unit:Bkpsdm``);
- a colon followed by a space inside a value (``nama: Cek: data``);
- a quote or a bracket opened and never closed;
- a line indented out of step with its neighbours.

Anything else is reported at the parser's own mark as "this line cannot be read".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .yamlload import YamlProblem

CURLY_QUOTES = "“”„‟‘’‚‛"

# `kunci:nilai` at the start of a line (after an optional list dash): a key whose colon is
# glued to the value. `sop:` (a target) and web addresses are values that contain a colon.
_GLUED_COLON = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?P<value>[^\s/])")
_NOT_KEYS = frozenset({"sop", "http", "https", "mailto", "file"})
# how far above the parser's mark a glued colon is looked for (a plain value may run on)
_LOOK_BACK = 3


@dataclass(frozen=True)
class YamlFault:
    """The mistake found: its message code, 0-based line within the block, 1-based column."""

    code: str
    line: int
    column: int
    params: tuple[tuple[str, str], ...] = ()

    def param_dict(self) -> dict[str, str]:
        return dict(self.params)


def explain(text: str, problem: YamlProblem) -> YamlFault:
    """The editor's mistake behind ``problem``, at the line where it was typed."""
    lines = text.splitlines()
    last = min(max(problem.problem_line, problem.context_line), max(len(lines) - 1, 0))
    for finder in (_tab, _curly_quotes, _glued_colon, _unclosed, _quote_left_open, _colon_in_value,
                   _indentation):
        fault = finder(lines, problem, last)
        if fault is not None:
            return fault
    return YamlFault("yaml-invalid", problem.line, problem.column + 1)


# `kunci: “...”` or `- “...”`: a whole value wrapped in curly quotes (parsed as text, quotes and all)
_CURLY_WRAPPED = re.compile(r"^(?P<lead>\s*(?:-\s+)?(?:(?P<key>[^\s:#][^:#]*?):\s+)?)"
                            r"(?P<value>[“„‟‘‚‛”’].*[”’“‟‛‘])\s*(?:#.*)?$")


def curly_quoted_values(text: str) -> list[tuple[int, int, str, str]]:
    """Values wrapped whole in curly quotes: (0-based line, 1-based column, key, quotes).

    Such a value parses (as text that includes the quotes), so the page would print
    “19640824 199102 1 002” with its quotes; the editor meant plain quotes.
    """
    found = []
    for number, line in enumerate(text.splitlines()):
        match = _CURLY_WRAPPED.match(line)
        if match:
            value = match.group("value")
            found.append((number, match.start("value") + 1, (match.group("key") or "").strip(),
                          value[0] + "..." + value[-1]))
    return found


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _first_text_column(line: str) -> int:
    return len(_indent_of(line)) + 1


def _tab(lines: list[str], problem: YamlProblem, last: int) -> YamlFault | None:
    for number in range(0, last + 1):
        indent = _indent_of(lines[number]) if number < len(lines) else ""
        if "\t" in indent and lines[number].strip():
            return YamlFault("yaml-tab", number, indent.index("\t") + 1)
    if problem.tabs and problem.line < len(lines):
        line = lines[problem.line]
        return YamlFault("yaml-tab", problem.line, (line.index("\t") + 1) if "\t" in line else 1)
    return None


def _curly_quotes(lines: list[str], problem: YamlProblem, last: int) -> YamlFault | None:
    first = min(problem.context_line, problem.problem_line)
    for number in range(max(first, 0), last + 1):
        line = lines[number] if number < len(lines) else ""
        for column, char in enumerate(line):
            if char in CURLY_QUOTES:
                return YamlFault("yaml-curly-quotes", number, column + 1, (("quote", char),))
    return None


def _glued_colon(lines: list[str], problem: YamlProblem, last: int) -> YamlFault | None:
    start = max(0, min(problem.context_line, problem.problem_line) - _LOOK_BACK)
    for number in range(last, start - 1, -1):
        match = _GLUED_COLON.match(lines[number]) if number < len(lines) else None
        if match and match.group("key").lower() not in _NOT_KEYS:
            key = match.group("key")
            value = lines[number][match.end("key") + 1:].strip()
            return YamlFault("yaml-colon-space", number, match.end("key") + 2,
                             (("field", key), ("value", value)))
    return None


def _unclosed(lines: list[str], problem: YamlProblem, last: int) -> YamlFault | None:
    context = problem.context.lower()
    if "quoted scalar" in context:
        line = lines[problem.context_line] if problem.context_line < len(lines) else ""
        column = problem.context_column
        quote = line[column] if column < len(line) and line[column] in "'\"" else '"'
        return YamlFault("yaml-unclosed-quote", problem.context_line, column + 1, (("quote", quote),))
    if "flow sequence" in context or "flow mapping" in context:
        line = lines[problem.context_line] if problem.context_line < len(lines) else ""
        column = problem.context_column
        opening = line[column] if column < len(line) and line[column] in "[{" else "["
        closing = "]" if opening == "[" else "}"
        return YamlFault("yaml-unclosed-bracket", problem.context_line, column + 1,
                         (("opening", opening), ("closing", closing)))
    return None


_QUOTED_START = re.compile(r"^\s*(?:-\s+)?(?:[^\s:#\"'][^:#]*?:\s+)?(?P<quote>[\"'])")


def _quote_left_open(lines: list[str], problem: YamlProblem, last: int) -> YamlFault | None:
    """A value opened with a quote and not closed on its line, above where the parser gave up.

    The parser reads on to the next quote it meets (often another key's), so it fails
    lines further down; the editor's mistake is the quote that opened.
    """
    for number in range(0, last + 1):
        line = lines[number] if number < len(lines) else ""
        match = _QUOTED_START.match(line)
        if not match:
            continue
        quote, rest = match.group("quote"), line[match.end():]
        closed = re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(r"'", rest.replace("''", ""))
        if not closed:
            return YamlFault("yaml-unclosed-quote", number, match.start("quote") + 1, (("quote", quote),))
    return None


def _colon_in_value(lines: list[str], problem: YamlProblem, last: int) -> YamlFault | None:
    if "mapping values are not allowed" not in problem.problem.lower():
        return None
    number = problem.problem_line
    line = lines[number] if number < len(lines) else ""
    first_colon = line.find(": ")
    if 0 <= first_colon < problem.problem_column - 1:
        key = line[: first_colon].strip().lstrip("-").strip()
        value = line[first_colon + 2:].strip()
        return YamlFault("yaml-colon-in-value", number, problem.problem_column + 1,
                         (("field", key), ("value", value)))
    return None


def _indentation(lines: list[str], problem: YamlProblem, last: int) -> YamlFault | None:
    words = problem.problem.lower()
    if not any(phrase in words for phrase in ("mapping values are not allowed", "expected key",
                                             "expected '-' indicator", "expected <block end>")):
        return None
    number = problem.problem_line
    line = lines[number] if number < len(lines) else ""
    return YamlFault("yaml-indent", number, _first_text_column(line))


__all__ = ["YamlFault", "explain", "curly_quoted_values", "CURLY_QUOTES"]
