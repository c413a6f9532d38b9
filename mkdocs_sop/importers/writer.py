"""A :class:`DraftSop` as a Markdown page holding one ``sop`` block, in ``mkdocs-sop fmt``'s layout.

Keys come in the format's order, lists are indented under their key, and every guessed or
unclear reading is a YAML comment at the end of its line (``# PERIKSA: ...`` or
``# DITEBAK: ...``), so the editor sees it where it matters and lint's line numbers point
at it. The page records which line each note landed on, for the review report.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.parse import APPROVAL_KEYS, IDENTITY_KEYS
from ..core.yamltext import yaml_scalar
from .draft import DraftSop, DraftStep, Note, NoteLevel
from .texts import say

_IDENTITY_ORDER = [key.name for key in IDENTITY_KEYS]
_APPROVAL_ORDER = [key.name for key in APPROVAL_KEYS]
_MARKDOWN_SPECIAL = "\\`*_[]<>#|{}"


@dataclass(frozen=True)
class Page:
    text: str
    note_lines: tuple[tuple[Note, int], ...]  # each guessed/unclear note and its 1-based line (0: the page)


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.at: dict[str, int] = {}  # key path -> 1-based line

    def add(self, text: str, key: str = "") -> None:
        self.lines.append(text)
        if key:
            self.at.setdefault(key, len(self.lines))


def markdown_text(text: str) -> str:
    """Plain text safe in a Markdown heading or paragraph (its special characters escaped)."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in " ".join(str(text).split()))


def write_page(draft: DraftSop, source: str, language: str) -> Page:
    out = _Lines()
    out.add(f"# {markdown_text(draft.title) or markdown_text(source)}")
    out.add("")
    out.add(say("page-intro", language, source=markdown_text(source), mark=say("mark", language)))
    out.add("")
    out.add("```sop")
    _identity(out, draft)
    out.add("status: draf", "status")
    if draft.actors:
        out.add("pelaksana:", "pelaksana")
        for actor in draft.actors:
            out.add(f"  - {yaml_scalar(actor)}")
    out.add("langkah:", "langkah")
    for index, step in enumerate(draft.steps):
        _step(out, step, f"langkah[{index + 1}]")
    out.add("```")
    return _with_comments(out, draft, language)


def _identity(out: _Lines, draft: DraftSop) -> None:
    for key in _IDENTITY_ORDER:
        if key not in draft.identity or key in ("status", "pelaksana", "langkah"):
            continue
        value = draft.identity[key]
        if isinstance(value, dict):
            out.add(f"{key}:", key)
            order = _APPROVAL_ORDER if key == "disahkan_oleh" else list(value)
            for sub in order:
                if value.get(sub):
                    out.add(f"  {yaml_scalar(sub)}: {yaml_scalar(value[sub])}", f"{key}.{sub}")
        elif isinstance(value, list):
            out.add(f"{key}:", key)
            for item in value:
                out.add(f"  - {yaml_scalar(item)}")
        elif value:
            out.add(f"{key}: {yaml_scalar(value)}", key)
        else:
            out.add(f"{key}:", key)


def _step(out: _Lines, step: DraftStep, key: str) -> None:
    out.add(f"  - kegiatan: {yaml_scalar(step.kegiatan)}" if step.kegiatan else "  - kegiatan:", key)
    _one_or_list(out, "pelaksana", step.actors, f"{key}.pelaksana", always=True)
    _one_or_list(out, "kelengkapan", step.kelengkapan, f"{key}.kelengkapan")
    for name in ("waktu", "output", "keterangan"):
        if getattr(step, name):
            out.add(f"    {name}: {yaml_scalar(getattr(step, name))}", f"{key}.{name}")
    if step.decision:
        out.add(f"    keputusan: {yaml_scalar(step.question) if step.question else 'true'}", f"{key}.keputusan")
    for name in ("ya", "tidak", "lanjut"):
        value = getattr(step, name)
        if value is not None:
            out.add(f"    {name}: {value}", f"{key}.{name}")


def _one_or_list(out: _Lines, name: str, items: list[str], key: str, always: bool = False) -> None:
    """``name: item`` for one item, a list under ``name:`` for several, ``name:`` alone (when
    ``always``) for none, so lint names the empty key."""
    if len(items) == 1:
        out.add(f"    {name}: {yaml_scalar(items[0])}", key)
    elif items or always:
        out.add(f"    {name}:", key)
        for item in items:
            out.add(f"      - {yaml_scalar(item)}")


def _line_of(out: _Lines, key: str) -> int:
    """The line of ``key``, or of the nearest enclosing key written (``langkah[3].tidak`` -> ``langkah[3]``)."""
    while key:
        if key in out.at:
            return out.at[key]
        key = key.rsplit(".", 1)[0] if "." in key else ""
    return 0


def _with_comments(out: _Lines, draft: DraftSop, language: str) -> Page:
    placed: list[tuple[Note, int]] = []
    comments: dict[int, list[str]] = {}
    for note in draft.notes:
        if note.level is NoteLevel.READ:
            continue
        line = _line_of(out, note.key) if note.key else 0
        placed.append((note, line))
        if line:
            mark = say("mark" if note.level is NoteLevel.CHECK else "guess-mark", language)
            comments.setdefault(line, []).append(f"{mark}: {note.text}")
    lines = list(out.lines)
    for line, texts in comments.items():
        text = "; ".join(dict.fromkeys(texts)).replace("\n", " ")
        lines[line - 1] = f"{lines[line - 1]}  # {text}"
    return Page("\n".join(lines) + "\n", tuple(placed))
