"""Safe YAML that remembers where every key and item was written.

Editors need messages that point at the line of the offending key in their Markdown
file, so mappings and sequences carry their source lines. Only safe tags are built;
``yes``/``no``/``on``/``off`` stay text (YAML 1.1 would turn the English aliases
``yes:`` and ``no:`` into booleans); duplicate keys are reported, never silently dropped.
"""

from __future__ import annotations

import re

import yaml
import yaml.composer
import yaml.reader

from .limits import DEFAULT_LIMITS, Limits

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

    failed_node: yaml.Node | None = None  # the innermost node whose value could not be built

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, ArithmeticError):  # `!!float a`, `!!int 1.`: Python's own errors
            if self.failed_node is None:
                self.failed_node = node
            raise


class _DeepTextLoader(yaml.composer.Composer, SopLoader):
    """libyaml's events, Python's composer: for text that might nest deeper than libyaml's
    composer can go without crashing the process (it has no depth limit of its own, and
    100,000 nested brackets overflow the C stack). Python raises RecursionError instead."""

    def __init__(self, stream) -> None:
        SopLoader.__init__(self, stream)
        yaml.composer.Composer.__init__(self)


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


def _construct_omap(loader: SopLoader, node: yaml.Node) -> LineDict:
    """``!!omap``: a mapping, or YAML's list of one-pair mappings (``!!omap [a: 1, b: 2]``)."""
    if isinstance(node, yaml.MappingNode):
        return _construct_mapping(loader, node)
    if isinstance(node, yaml.SequenceNode) and all(
            isinstance(item, yaml.MappingNode) and len(item.value) == 1 for item in node.value):
        merged = yaml.MappingNode(node.tag, [pair for item in node.value for pair in item.value],
                                  node.start_mark, node.end_mark)
        return _construct_mapping(loader, merged)
    raise yaml.constructor.ConstructorError(
        "while constructing an ordered map", node.start_mark,
        "expected a mapping or a list of one-pair mappings", node.start_mark)


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
SopLoader.add_constructor("tag:yaml.org,2002:omap", _construct_omap)
SopLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


class YamlProblem(Exception):
    """YAML that does not parse, with the 0-based line and column where it broke.

    ``code`` is empty for what PyYAML reports (``yaml-invalid`` or ``yaml-tab``), else the
    message code of core/messages.py (a value a tag cannot read, a limit) with ``params``.
    """

    def __init__(self, message: str, line: int, column: int, problem: str = "", tabs: bool = False,
                 error: yaml.MarkedYAMLError | None = None, code: str = "", params: dict | None = None) -> None:
        super().__init__(message)
        self.message = message  # the problem, plus the tab advice when ``tabs``
        self.line = line
        self.column = column
        self.problem = problem or message  # as PyYAML put it
        self.tabs = tabs  # a tab in the indentation broke it
        self.code = code
        self.params = params or {}
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


def load(text: str, limits: Limits = DEFAULT_LIMITS):
    """Parse one block's YAML; raise :class:`YamlProblem` with a position on failure.

    Three phases: compose the node graph (libyaml; Python's composer when the text might
    nest too deep for libyaml), measure it against ``limits`` (nesting, values after
    aliases are expanded, text length) before any value is built, then construct.
    """
    deep = _nesting_bound(text) > _LIBYAML_SAFE_DEPTH
    loader = (_DeepTextLoader if deep else SopLoader)(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise YamlProblem("nested too deeply", 0, 0, code="limit-depth",
                              params={"limit": limits.max_depth}) from None
        if node is None:
            return None
        _measure(node, limits)
        try:
            return loader.construct_document(node)
        except (ValueError, TypeError, ArithmeticError) as exc:
            raise _bad_value(loader.failed_node or node, exc) from None
        except RecursionError:
            raise YamlProblem("nested too deeply", node.start_mark.line, 0, code="limit-depth",
                              params={"limit": limits.max_depth}) from None
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem or ""):  # libyaml's own limit (PyYAML 6.0.4 wheels)
            mark = exc.problem_mark
            raise YamlProblem("nested too deeply", mark.line if mark else 0, mark.column if mark else 0,
                              code="limit-depth", params={"limit": limits.max_depth}) from None
        raise _marked_problem(text, exc) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, C1 controls, ...)
        line = text.count("\n", 0, exc.position)
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1)
        character = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "?")
        raise YamlProblem(f"unacceptable character #x{character:04x}: {exc.reason}", line, column) from None
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a mark
        raise YamlProblem(str(exc), 0, 0) from None
    finally:
        loader.dispose()


def _marked_problem(text: str, exc: yaml.MarkedYAMLError) -> YamlProblem:
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
    return YamlProblem(message, line, column, problem, tabs, exc)


def _bad_value(node: yaml.Node, exc: Exception) -> YamlProblem:
    """A tag that cannot read its value (``!!float a``, ``!!int 1.``)."""
    tag = node.tag
    if tag.startswith("tag:yaml.org,2002:"):
        tag = "!!" + tag[len("tag:yaml.org,2002:"):]
    value = node.value if isinstance(node, yaml.ScalarNode) else "..."
    return YamlProblem(str(exc), node.start_mark.line, node.start_mark.column, code="yaml-bad-value",
                       params={"value": _short(value), "tag": tag})


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


#: libyaml composes 10,000 levels safely and crashes the process somewhere below 100,000.
_LIBYAML_SAFE_DEPTH = 1000


def _nesting_bound(text: str) -> int:
    """An upper bound of the nesting depth of ``text``, found without parsing it.

    Every flow level needs a ``[`` or ``{``; every block level needs more indentation or
    an indicator (``-``, ``?``, ``:``) on its line. Real SOPs stay below 100.
    """
    flow = text.count("[") + text.count("{")
    if flow > _LIBYAML_SAFE_DEPTH:
        return flow
    block = 0
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        depth = len(line) - len(stripped) + stripped.count("-") + stripped.count("?") + stripped.count(":")
        block = max(block, depth)
    return flow + block


def _measure(root: yaml.Node, limits: Limits) -> None:
    """Refuse a node graph that is too deep, too large once aliases are expanded, or holds
    a text longer than ``limits.max_text``; nothing has been built yet.

    Aliases make a graph whose expanded size can be exponential in the text (a few KB
    of anchors reused in ``sub:`` lists once became millions of steps), so sizes are
    counted per node (each node once) and added up, never walked expanded.
    """
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            children = _children(node)
            size[key] = 1 + sum(size[id(c)] for c in children)
            height[key] = 1 + max((height[id(c)] for c in children), default=0)
            on_path.discard(key)
            if height[key] > limits.max_yaml_depth:
                raise YamlProblem("nested too deeply", node.start_mark.line, node.start_mark.column,
                                  code="limit-depth", params={"limit": limits.max_depth})
            if size[key] > limits.max_yaml_nodes:
                raise YamlProblem("too many values", node.start_mark.line, node.start_mark.column,
                                  code="limit-yaml-nodes", params={"limit": limits.max_yaml_nodes})
            continue
        if key in size:
            continue
        if key in on_path:  # an alias inside its own anchor: endless once expanded
            raise YamlProblem("recursive alias", node.start_mark.line, node.start_mark.column,
                              code="limit-yaml-nodes", params={"limit": limits.max_yaml_nodes})
        if isinstance(node, yaml.ScalarNode):
            if len(node.value) > limits.max_text:
                raise YamlProblem("text too long", node.start_mark.line, node.start_mark.column,
                                  code="limit-text", params={"limit": limits.max_text,
                                                             "length": len(node.value)})
            size[key], height[key] = 1, 1
            continue
        on_path.add(key)
        stack.append((node, True))
        if len(on_path) > limits.max_yaml_depth:
            raise YamlProblem("nested too deeply", node.start_mark.line, node.start_mark.column,
                              code="limit-depth", params={"limit": limits.max_depth})
        stack.extend((child, False) for child in _children(node) if id(child) not in size)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []
