"""``mkdocs-sop fmt``: canonical key order and indentation, text kept byte for byte otherwise."""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, replace

import click

from ..core.fences import find_blocks
from ..core.messages import DEFAULT_LANGUAGE, make
from ..core.model import ParseResult, Sop, Step
from ..core.parse import APPROVAL_KEYS, IDENTITY_KEYS, REVISION_KEYS, STEP_KEYS, Key, parse_block
from .check import Crash, describe
from .config import find_config, output_language
from .options import CONFIG_OPTION, lang_option
from .sources import default_paths, walk_sources
from .terminal import terminal_safe
from .texts import cli_text

# Round-trip YAML libraries re-emit the whole document and move full-line comments to
# the key above them (ruamel.yaml attaches them to the previous value), so the
# formatter works on the text itself: it moves whole lines (a key, its value and the
# comment lines above it) and re-indents sequences, then proves that the block means
# the same by parsing it before and after with the parser the site uses.


def _order(keys: tuple[Key, ...]) -> dict[str, int]:
    out = {}
    for i, key in enumerate(keys):
        out[key.name] = i
        for alias in key.aliases:
            out.setdefault(alias, i)
    return out


_IDENTITY_ORDER = _order(IDENTITY_KEYS)
_STEP_ORDER = _order(STEP_KEYS)
_APPROVAL_ORDER = _order(APPROVAL_KEYS)
_REVISION_ORDER = _order(REVISION_KEYS)
_DASH_PREFIX = re.compile(r"^[ ]*-[ ]+$")


class FormatRefused(Exception):
    """The block is left as it is, for the reason given (``code``: a name of :data:`TEXTS`
    without its ``refused-`` prefix: ``errors``, ``meaning``, ``not-closed``, ``yaml``)."""

    def __init__(self, code: str, language: str = DEFAULT_LANGUAGE, /, **params) -> None:
        super().__init__(cli_text(f"refused-{code}", language, **params))
        self.code = code


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_filler(line: str, max_indent: int | None = None) -> bool:
    stripped = line.strip()
    if not stripped:
        return True
    return stripped.startswith("#") and (max_indent is None or _indent_of(line) <= max_indent)


def _content_end(lines: list[str], last_line: int, column: int) -> int:
    """One past the last line belonging to a node whose keys (or items) sit at ``column``."""
    end = last_line + 1
    i = last_line + 1
    while i < len(lines):
        line = lines[i]
        if _is_filler(line):
            i += 1
            continue
        indent = _indent_of(line)
        rest = line[indent:]
        if indent > column or (indent == column and (rest == "-" or rest.startswith("- "))):
            end = i + 1
            i += 1
            continue
        break
    return end


def _mappings(data, order_of=_IDENTITY_ORDER):
    """Every mapping the formatter orders, outermost first, with the order for its keys."""
    from ..core.yamlload import LineDict

    if not isinstance(data, LineDict):
        return
    yield data, order_of
    for key, value in data.items():
        name = str(key)
        if order_of is _IDENTITY_ORDER and _IDENTITY_ORDER.get(name) == _IDENTITY_ORDER["disahkan_oleh"]:
            if isinstance(value, LineDict):
                yield value, _APPROVAL_ORDER
        elif order_of is _IDENTITY_ORDER and _IDENTITY_ORDER.get(name) == _IDENTITY_ORDER["riwayat"]:
            for item in value if isinstance(value, list) else ():
                if isinstance(item, LineDict):
                    yield item, _REVISION_ORDER
        elif ((order_of is _IDENTITY_ORDER and _IDENTITY_ORDER.get(name) == _IDENTITY_ORDER["langkah"])
              or (order_of is _STEP_ORDER and _STEP_ORDER.get(name) == _STEP_ORDER["sub"])):
            for item in value if isinstance(value, list) else ():
                yield from _mappings(item, _STEP_ORDER)


def _reorder(lines: list[str], mapping, order_of: dict[str, int]) -> list[str] | None:
    """``lines`` with this mapping's keys in canonical order, or None when already so."""
    keys = sorted(mapping.key_lines, key=lambda k: mapping.key_lines[k])
    wanted = sorted(keys, key=lambda k: order_of.get(str(k), len(order_of)))
    if wanted == keys:
        return None
    key_lines = [mapping.key_lines[k] for k in keys]
    columns = {mapping.key_columns[k] for k in keys}
    if len(set(key_lines)) != len(keys) or len(columns) != 1:
        return None  # a flow mapping ({a: 1, b: 2}) or odd layout: left as written
    column = columns.pop()
    first = key_lines[0]
    prefix = lines[first][:column]
    dash = bool(prefix.strip())
    if dash and not _DASH_PREFIX.match(prefix):
        return None
    if any(lines[line][:column].strip() for line in key_lines[1:]):
        return None
    starts = [first]
    for previous, line in zip(key_lines, key_lines[1:]):
        start = line
        while start - 1 > previous and _is_filler(lines[start - 1], column):
            start -= 1
        starts.append(start)
    end = _content_end(lines, key_lines[-1], column)
    chunks = {k: lines[s:e] for k, s, e in zip(keys, starts, starts[1:] + [end])}
    if dash:  # the first key shares its line with the item's dash
        chunks[keys[0]][0] = " " * column + chunks[keys[0]][0][column:]
    out: list[str] = []
    for i, key in enumerate(wanted):
        chunk = list(chunks[key])
        if i == 0 and dash:
            at = mapping.key_lines[key] - (starts[keys.index(key)])
            chunk[at] = prefix + chunk[at][column:]
        out.extend(chunk)
    return lines[:first] + out + lines[end:]


def _indent_sequences(lines: list[str], data) -> list[str] | None:
    """Indent a block sequence written flush with its key (``langkah:`` / ``- kegiatan``) by two."""
    from ..core.yamlload import LineDict, LineList

    def visit(node):
        if isinstance(node, LineDict):
            for key, value in node.items():
                if isinstance(value, LineList) and value.item_lines:
                    column = node.key_columns[key]
                    first = value.item_lines[0]
                    line = lines[first]
                    if (first > node.key_lines[key] and _indent_of(line) == column
                            and line.lstrip(" ").startswith("-")):
                        end = _content_end(lines, value.item_lines[-1], column)
                        return first, end
                found = visit(value)
                if found:
                    return found
        elif isinstance(node, list):
            for item in node:
                found = visit(item)
                if found:
                    return found
        return None

    found = visit(data)
    if not found:
        return None
    first, end = found
    return lines[:first] + [("  " + l if l.strip() else l) for l in lines[first:end]] + lines[end:]


def _canonical(text: str, order: bool = True, indent: bool = True, trailing: bool = True,
               language: str = DEFAULT_LANGUAGE) -> str:
    from ..core.yamlload import YamlProblem, load

    lines = text.split("\n")
    if trailing:
        lines = [line.rstrip() for line in lines]
    for _ in range(10_000):  # each pass fixes one mapping or one sequence
        try:
            data = load("\n".join(lines))
        except YamlProblem as exc:
            raise FormatRefused("yaml", language, problem=exc.message) from None
        changed = None
        if order:
            for mapping, order_of in _mappings(data):
                changed = _reorder(lines, mapping, order_of)
                if changed is not None:
                    break
        if changed is None and indent:
            changed = _indent_sequences(lines, data)
        if changed is None or changed == lines:
            break
        lines = changed
    return "\n".join(lines)


def _without_lines(sop: Sop) -> Sop:
    def step(s: Step) -> Step:
        return replace(s, line=0, substeps=tuple(step(x) for x in s.substeps))

    return replace(sop, line=0, lines={}, steps=tuple(step(s) for s in sop.steps))


def _meaning(result: ParseResult):
    return (_without_lines(result.sop) if result.sop else None,
            sorted((d.severity.value, d.key, d.message) for d in result.diagnostics))


def format_block(body: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The block in canonical key order and indentation, meaning unchanged.

    Raises :class:`FormatRefused` (its reason in ``language``) when the block has errors
    (fix them first) or when no rewrite could be proved to mean the same.
    """
    before = parse_block(body)
    if not before.ok:
        raise FormatRefused("errors", language)
    meaning = _meaning(before)
    for options in ({}, {"trailing": False}, {"trailing": False, "indent": False}):
        candidate = _canonical(body, language=language, **options)
        if candidate == body:
            return body
        if _meaning(parse_block(candidate)) == meaning:
            return candidate
    raise FormatRefused("meaning", language)


@dataclass
class FormatOutcome:
    text: str
    changed: bool
    refused: list[tuple[int, str]]  # (1-based line of the fence, reason)
    bug: bool = False  # a block was refused because tidying would change its meaning


def format_text(text: str, yaml_file: bool = False, language: str = DEFAULT_LANGUAGE) -> FormatOutcome:
    """Every ``sop`` block of a Markdown text (or a whole ``.sop.yaml``) formatted.

    The reasons for blocks left as they are are in ``language``.
    """
    if yaml_file:
        try:
            new_text = format_block(text.rstrip("\n"), language) + ("\n" if text.endswith("\n") else "")
        except FormatRefused as exc:
            return FormatOutcome(text, False, [(1, str(exc))], exc.code == "meaning")
        return FormatOutcome(new_text, new_text != text, [])
    lines = text.split("\n")
    refused = []
    bug = False
    for block in reversed(find_blocks(lines)):
        if not block.closed:
            refused.append((block.start + 1, cli_text("refused-not-closed", language)))
            continue
        try:
            body = format_block(block.body, language)
        except FormatRefused as exc:
            refused.append((block.start + 1, str(exc)))
            bug = bug or exc.code == "meaning"
            continue
        if body != block.body:
            indent = block.indent
            lines[block.start + 1: block.end] = [(indent + l if l else l) for l in body.split("\n")]
    new_text = "\n".join(lines)
    return FormatOutcome(new_text, new_text != text, sorted(refused), bug)


@click.command("fmt", epilog="""\b
Examples:
  mkdocs-sop fmt                       tidy every SOP in the docs folder of ./mkdocs.yml
  mkdocs-sop fmt sops/setwan --diff    show what would change, write nothing
  mkdocs-sop fmt --check               exit 1 if a file would change (for CI)

\b
Keys are put in the order of the format (nomor, nama, unit, ... langkah; in each
step kegiatan, pelaksana, id, kelengkapan, waktu, output, keterangan, keputusan,
ya, tidak, lanjut, sub) and lists are indented under their key. Comments, quotes,
the alias the editor chose (nama or name) and everything outside the blocks stay
as written. Each block is parsed before and after: if the meaning would change, or
the block has errors, it is left alone and reported.""")
@click.argument("paths", nargs=-1, type=click.Path())
@CONFIG_OPTION
@click.option("--check", is_flag=True, help="Write nothing; list files that would change and exit 1 if any.")
@click.option("--diff", "show_diff", is_flag=True, help="Write nothing; print a unified diff.")
@lang_option()
def command(paths, config_file, check, show_diff, language) -> None:
    """Tidy SOP blocks: canonical key order and indentation, comments kept."""
    cfg = find_config(config_file, language)
    language = output_language(language, cfg)
    paths = list(paths) or default_paths(cfg, "fmt", language)
    changed = unchanged = 0
    refused_any = crashed = False
    for source in walk_sources(paths, cfg, language):
        try:
            with open(source.path, encoding="utf-8-sig", newline="") as handle:
                raw = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            click.echo(terminal_safe(make("file-unreadable", language, path=source.display, error=exc).format()),
                       err=True)
            refused_any = True
            continue
        if not source.yaml_file and "sop" not in raw:
            continue
        crlf = "\r\n" in raw
        text = raw.replace("\r\n", "\n")
        try:
            outcome = format_text(text, source.yaml_file, language)
        except Exception as exc:  # noqa: BLE001 - a bug: one line, the file left as it is, exit 2
            click.echo(Crash(source.display, describe(exc)).line(language), err=True)
            crashed = True
            continue
        for line, reason in outcome.refused:
            click.echo(terminal_safe(f"{source.display}:{line}: warning: "
                                     f"{cli_text('fmt-left', language, reason=reason)}"),
                       err=True)
        refused_any = refused_any or outcome.bug
        if not outcome.changed:
            unchanged += 1
            continue
        changed += 1
        if show_diff:
            click.echo("".join(difflib.unified_diff(
                text.splitlines(keepends=True), outcome.text.splitlines(keepends=True),
                f"a/{source.display}", f"b/{source.display}")), nl=False)
        elif check:
            click.echo(cli_text("fmt-would", language, path=source.display))
        else:
            with open(source.path, "w", encoding="utf-8", newline="\r\n" if crlf else "\n") as handle:
                handle.write(outcome.text)
            click.echo(cli_text("fmt-done", language, path=source.display))
    summary = "fmt-summary-check" if (check or show_diff) else "fmt-summary"
    click.echo(cli_text(summary, language, changed=changed, unchanged=unchanged), err=True)
    sys.exit(2 if crashed else 1 if refused_any or (check and changed) else 0)

