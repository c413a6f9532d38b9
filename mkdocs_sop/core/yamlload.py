"""Safe YAML that remembers where every key and item was written.

Editors need messages that point at the line of the offending key in their Markdown
file, so mappings and sequences carry their source lines. Only safe tags are built;
``yes``/``no``/``on``/``off`` stay text (YAML 1.1 would turn the English aliases
``yes:`` and ``no:`` into booleans); duplicate keys are reported, never silently dropped.
"""

from __future__ import annotations

import re

import yaml

try:  # libyaml's parser is several times faster; the constructor stays Python.
    _BaseLoader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _BaseLoader = yaml.SafeLoader


class LineDict(dict):
    """A mapping plus the 0-based line (within the YAML text) of each key."""

    __slots__ = ("line", "key_lines", "key_columns", "duplicates", "raw")

    def __init__(self) -> None:
        super().__init__()
        self.line = 0
        self.key_lines: dict = {}
        self.key_columns: dict = {}
        self.duplicates: list[tuple[object, int]] = []
        self.raw: dict = {}  # key -> scalar value exactly as written (`001`, not 1)


class LineList(list):
    """A sequence plus the 0-based line of each item."""

    __slots__ = ("line", "item_lines")

    def __init__(self) -> None:
        super().__init__()
        self.line = 0
        self.item_lines: list[int] = []


class SopLoader(_BaseLoader):
    """SafeLoader with line tracking and YAML 1.2-like booleans."""


# Booleans: only true/false (any case). Everything else that YAML 1.1 calls a bool is text.
SopLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
SopLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _construct_mapping(loader: SopLoader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                "found a key that is not text", key_node.start_mark,
            ) from None
        if key in result:
            result.duplicates.append((key, key_node.start_mark.line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line
        result.key_columns[key] = key_node.start_mark.column
        if isinstance(value_node, yaml.ScalarNode):
            result.raw[key] = value_node.value
    return result


def _construct_sequence(loader: SopLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList()
    result.line = node.start_mark.line
    for child in node.value:
        result.append(loader.construct_object(child, deep=True))
        result.item_lines.append(child.start_mark.line)
    return result


def _construct_timestamp(loader: SopLoader, node: yaml.ScalarNode):
    """A YAML date, or the text as written when it names no real day (``2024-13-01``).

    PyYAML raises a bare ``ValueError`` for an impossible date; as text it reaches the
    date checks, which point at the key like any other date they cannot read.
    """
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


SopLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
SopLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
SopLoader.add_constructor("tag:yaml.org,2002:omap", _construct_mapping)
SopLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


class YamlProblem(Exception):
    """YAML that does not parse, with the 0-based line and column where it broke."""

    def __init__(self, message: str, line: int, column: int, problem: str = "", tabs: bool = False,
                 error: yaml.MarkedYAMLError | None = None) -> None:
        super().__init__(message)
        self.message = message  # the problem, plus the tab advice when ``tabs``
        self.line = line
        self.column = column
        self.problem = problem or message  # as PyYAML put it
        self.tabs = tabs  # a tab in the indentation broke it
        # PyYAML's two marks, for core/yamlexplain.py: where the construct it was reading
        # began (context) and where it gave up (problem); 0-based
        problem_mark = getattr(error, "problem_mark", None)
        context_mark = getattr(error, "context_mark", None) or problem_mark
        self.context = getattr(error, "context", None) or ""
        self.problem_line = problem_mark.line if problem_mark else line
        self.problem_column = problem_mark.column if problem_mark else column
        self.context_line = context_mark.line if context_mark else line
        self.context_column = context_mark.column if context_mark else column


_TAB_HINT = "YAML does not allow tabs for indentation: indent with spaces."


def load(text: str):
    """Parse one block's YAML; raise :class:`YamlProblem` with a position on failure."""
    try:
        return yaml.load(text, Loader=SopLoader)  # noqa: S506 - SopLoader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at_end = mark is not None and mark.line >= len(text.rstrip("\n").splitlines())
        if exc.context_mark is not None and ("end of stream" in (exc.problem or "") or at_end):
            mark = exc.context_mark  # an unclosed quote or bracket: point where it was opened
        line = mark.line if mark else 0
        column = mark.column if mark else 0
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{exc.context}, {problem}"
        bad_line = text.splitlines()[line] if line < len(text.splitlines()) else ""
        tabs = "\t" in bad_line or "found character '\\t'" in problem
        message = f"{problem}. {_TAB_HINT}" if tabs else problem
        raise YamlProblem(message, line, column, problem, tabs, exc) from None
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a mark
        raise YamlProblem(str(exc), 0, 0) from None
