"""Find ``sop`` fenced blocks in Markdown text, with their line numbers.

Shared by the Markdown extension, the plugin's site-wide collection and the CLI, so they
all see the same blocks. Other fences are skipped whole, so an example of an ``sop``
block shown inside a longer ```` ```markdown ```` fence stays an example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")


@dataclass(frozen=True)
class Block:
    """One ``sop`` fence: where it is (0-based line indexes) and its dedented YAML body."""

    start: int  # index of the opening fence line
    end: int  # index of the closing fence line (== len(lines) when never closed)
    indent: str
    body: str
    closed: bool

    @property
    def first_body_line(self) -> int:
        """1-based line number, in the Markdown text, of the block's first YAML line."""
        return self.start + 2


def _is_sop(info: str) -> bool:
    word = info.strip().split(None, 1)[0] if info.strip() else ""
    return word in ("sop", "{.sop}", ".sop")


def find_blocks(lines: list[str]) -> list[Block]:
    """Every top-level ``sop`` fence in ``lines`` (a Markdown text split into lines)."""
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n:
        m = _FENCE.match(lines[i])
        if not m or (m.group("fence")[0] == "`" and "`" in m.group("info")):
            i += 1
            continue
        fence = m.group("fence")
        indent = m.group("indent")
        closer = re.compile(r"^[ \t]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
        j = i + 1
        while j < n and not closer.match(lines[j]):
            j += 1
        if _is_sop(m.group("info")) and not _is_indented_code(lines, i, indent):
            body_lines = [_dedent(line, indent) for line in lines[i + 1:j]]
            blocks.append(Block(i, j, indent, "\n".join(body_lines), j < n))
        i = j + 1
    return blocks


_CONTAINER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s|^\s*(?:!!!|\?\?\?\+?|===\+?|///)")


def _is_indented_code(lines: list[str], index: int, indent: str) -> bool:
    """A fence indented 4+ columns outside a list item, admonition or tab is Markdown's
    indented code block: it is shown as code, so it must not become an SOP."""
    width = len(indent.expandtabs(4))
    if width < 4:
        return False
    for j in range(index - 1, -1, -1):
        line = lines[j]
        if not line.strip():
            continue
        if len(line) - len(line.lstrip()) < len(indent) or len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()) < width:
            return not _CONTAINER.match(line) and not line[:1].isspace()
    return True


def _dedent(line: str, indent: str) -> str:
    if indent and line.startswith(indent):
        return line[len(indent):]
    return line.lstrip(" ") if indent and not line.strip() else line
