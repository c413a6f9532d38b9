"""The flow of one SOP as Graphviz DOT: a swimlane per actor, the regulation's symbols.

The DOT is built with the ``graphviz`` package, which quotes identifiers and attribute
values; every piece of SOP text additionally goes through :func:`_text`, which drops
control characters, collapses whitespace and escapes backslashes (so ``\\N``, ``\\l`` or
a trailing backslash in an activity are shown literally instead of being DOT escapes)
and ampersands (Graphviz would otherwise decode ``&lt;`` and friends in labels).

Layout:

- one lane per actor, in ``sop.pelaksana`` order left to right (actors missing from
  that list follow in order of appearance). Lanes are NOT clusters: dot reorders
  clusters freely (77 of 200 synthetic SOPs came out with lanes swapped) and Graphviz 2.43
  fails to route flat edges across clusters (10 of 200 failed). Instead the drawing is a grid: row 0 holds
  the lane titles, row r the r-th step, every cell holds a node (the step's or an
  invisible point), and cells are chained left to right by invisible flat edges (which
  dot keeps in order) and top to bottom by invisible edges with ``group`` per lane (which
  keep the columns straight and the rows in step order). Each lane title is as wide as
  the lane's widest node (estimated), so nodes never spill into the next lane; the lane
  bands are drawn after layout from the nodes' ``sop-in-lane-N`` classes
  (``graphviz_engine.postprocess_svg``). Edges back to an earlier step do not constrain
  the ranking;
- a step done by several actors has a node in each actor's lane, joined by a dashed,
  undirected edge; the flow enters and leaves through the first actor's node;
- terminator (first step, and any step whose flow ends) = rounded box, process = box,
  decision = diamond with labelled exits, off-page connector to another SOP =
  pentagon pointing down (``invhouse``) linking to that SOP; a decision branch that ends
  the flow gets a small end terminator.

Colours are sentinels (:data:`INK`) that the engine's post-processing turns into
``currentColor``, and fills are translucent grey, so the drawing follows the page's
text colour in light and dark schemes; every element also carries a ``class`` for CSS.
"""

from __future__ import annotations

import re
import textwrap
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum

import graphviz

from .model import Sop, Step, Symbol, TargetKind

#: Bump when the DOT this module writes changes in a way that changes the drawing.
DOT_VERSION = "2"

#: Sentinel colour for strokes and text; replaced by ``currentColor`` in the SVG.
INK = "#010203"
FILL = "#8080801a"  # translucent grey: readable on white and on slate
LANE_FILL = "#8080800d"
LANE_PEN = "#80808080"
FONT = "Helvetica,Arial,sans-serif"
WRAP = 26  # characters per line in a node label

_SHAPES: dict[Symbol, dict[str, str]] = {
    Symbol.TERMINATOR: {"shape": "box", "style": "rounded,filled"},
    Symbol.PROCESS: {"shape": "box", "style": "filled"},
    Symbol.DECISION: {"shape": "diamond", "style": "filled", "margin": "0.02"},
    # the regulation's off-page connector: a pentagon pointing down
    Symbol.CONNECTOR: {"shape": "invhouse", "style": "filled"},
}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    """One line of plain text: no control characters, whitespace collapsed."""
    text = unicodedata.normalize("NFC", str(text))
    text = _CONTROL.sub("", text)
    return " ".join(text.split())


def _text(text: str) -> str:
    """Text for a DOT escString attribute (label, tooltip, URL), shown literally."""
    return _clean(text).replace("\\", "\\\\").replace("&", "&amp;")


def _wrapped(text: str, width: int = WRAP) -> list[str]:
    lines = textwrap.wrap(_clean(text), width=width, break_long_words=True, break_on_hyphens=True)
    return lines or [""]


_LONG_RUN = re.compile(r"\\{64}(?=\\)")


def _short_runs(text: str) -> str:
    """Break runs of backslashes with DOT's line continuation (backslash, newline), which
    the DOT reader removes. The ``graphviz`` package's quoting scans every run once per
    position (16,000 backslashes took 54 s); runs of at most 65 keep it linear. Runs here
    are always even (every backslash is doubled), so cutting after 64 keeps each pair whole.
    """
    return _LONG_RUN.sub(lambda m: m.group(0) + "\\\n", text) if "\\" * 65 in text else text


def _estimate_width(label: str, shape: str, fontsize: float = 10.0) -> float:
    """A generous guess of a node's width in inches (Graphviz measures the real one).

    Used to make each lane's title as wide as the lane's widest node: the title row
    then keeps neighbouring lanes apart, so nodes never spill into the next lane.
    """
    longest = max((len(line) for line in label.split("\\n")), default=1)
    text = longest * fontsize * 0.6 / 72 + 0.3
    return text * (1.9 if shape == "diamond" else 1.2 if shape == "invhouse" else 1.0)


def _label(*parts: str, width: int = WRAP) -> str:
    """A multi-line, centred label: each line escaped, joined by DOT's ``\\n``."""
    lines: list[str] = []
    for part in parts:
        if part:
            lines.extend(_wrapped(part, width))
    escaped = [_clean(line).replace("\\", "\\\\").replace("&", "&amp;") for line in lines]
    return graphviz.nohtml(_short_runs("\\n".join(escaped)) or " ")


def _tooltip(value: str) -> str:
    """A tooltip. Graphviz expands escapes in tooltips twice (``\\\\N`` is shown as
    ``\\N``, in 2.43 as in 16.x), so backslashes are escaped twice."""
    return graphviz.nohtml(_short_runs(_text(value).replace("\\", "\\\\")))


_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def _url(value: str | None) -> str | None:
    """A link for a connector: relative, or http(s)/mailto; anything else is dropped."""
    if not value:
        return None
    m = _SCHEME.match(value)
    if m and m.group(1).lower() not in ("http", "https", "mailto"):
        return None
    return graphviz.nohtml(_short_runs(_text(value)))


def _node_name(step_index: int, lane: int) -> str:
    return f"s{step_index}_{lane}"


_MEMO: OrderedDict[tuple, str] = OrderedDict()
_MEMO_LOCK = threading.Lock()
_MEMO_SIZE = 2048


def sop_to_dot(
    sop: Sop,
    labels: Mapping[str, str] | None = None,
    link_for_sop: Callable[[str], str | None] | None = None,
) -> str:
    """DOT source for ``sop``'s flow. Deterministic: same SOP and labels, same bytes.

    ``labels`` supplies ``yes``/``no_branch`` (or ``no``)/``end``/``continues_in``;
    ``link_for_sop(nomor)`` returns the URL of another SOP, or ``None`` when it is not
    on the site (the connector is then drawn without a link).

    Results are remembered in-process (keyed by the SOP, the labels used and the links
    resolved), so an unchanged SOP costs nothing on a ``mkdocs serve`` rebuild.
    """
    labels = labels or {}
    links = tuple(
        (t.sop, link_for_sop(t.sop) if link_for_sop else None)
        for step in sop.steps
        for _, t in step.targets()
        if t.kind is TargetKind.SOP
    )
    try:
        key = (DOT_VERSION, sop, tuple(sorted((k, str(v)) for k, v in labels.items() if k in _LABEL_KEYS)), links)
        hash(key)
    except TypeError:  # something unhashable inside: just build it
        return _build(sop, labels, dict(links))
    with _MEMO_LOCK:
        dot = _MEMO.get(key)
        if dot is not None:
            _MEMO.move_to_end(key)
            return dot
    dot = _build(sop, labels, dict(links))
    with _MEMO_LOCK:
        _MEMO[key] = dot
        while len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    return dot


_LABEL_KEYS = frozenset({"yes", "no", "no_branch", "end", "continues_in"})


class NodeKind(Enum):
    """What a node of the grid stands for."""

    STEP = "step"  # a step's symbol in one of its actors' lanes
    SPACER = "spacer"  # an invisible point holding an empty cell of the grid
    CONNECTOR = "connector"  # the flow continues in another SOP
    END = "end"  # a small end terminator: a decision branch that ends the flow


class EdgeKind(Enum):
    """What an edge of the drawing stands for."""

    FLOW = "flow"  # to a later step
    BACK = "back"  # to an earlier step (or itself): drawn reversed, never ranks
    OUT = "out"  # into a connector or an end mark
    JOIN = "join"  # the dashed line through a step done by several actors
    GRID = "grid"  # invisible: keeps lanes in order and rows in step order


@dataclass(frozen=True)
class _Node:
    name: str
    kind: NodeKind
    attrs: dict[str, str]


@dataclass(frozen=True)
class _Edge:
    tail: str
    head: str
    kind: EdgeKind
    attrs: dict[str, str]


@dataclass(frozen=True)
class _Words:
    """The words the drawing shows, from the site's labels."""

    yes: str
    no: str
    end: str
    continues_in: str

    @classmethod
    def from_labels(cls, labels: Mapping[str, str]) -> "_Words":
        # the label set calls the branch "no_branch" ("no" is the table's No column);
        # a plain {"yes": ..., "no": ...} mapping is accepted too
        no = labels["no_branch"] if "no_branch" in labels else labels.get("no", "Tidak")
        return cls(labels.get("yes", "Ya"), no, labels.get("end", "Selesai"),
                   labels.get("continues_in", "Berlanjut ke SOP"))

    def branch(self, branch: str) -> str:
        return {"ya": self.yes, "tidak": self.no}[branch]


@dataclass
class _Grid:
    """The drawing as a grid: row 0 holds the lane titles, row r the r-th step. Every cell
    of a step row holds a node (the step's, or an invisible point); cells are chained left
    to right by flat edges and top to bottom by invisible edges, which is what keeps the
    lanes in order and the rows in step order (clusters alone do not)."""

    actors: list[str]
    lane_of: dict[str, int]
    lanes: list[int]
    lane_nodes: dict[int, list[_Node]] = field(default_factory=dict)
    cells: dict[tuple[int, int], str] = field(default_factory=dict)
    extras: dict[int, list[str]] = field(default_factory=dict)  # row -> connector / end nodes on it
    flat: list[_Edge] = field(default_factory=list)  # left to right within a row
    flow: list[_Edge] = field(default_factory=list)  # the SOP's own edges
    main_node: dict[int, str] = field(default_factory=dict)  # step -> the node the flow uses
    row_of: dict[int, int] = field(default_factory=dict)


def _build(sop: Sop, labels: Mapping[str, str], links: Mapping[str, str | None]) -> str:
    """The DOT of one SOP, in four phases: lanes, nodes, edges, ranks."""
    grid = _lanes(sop)
    _nodes(grid, sop)
    _edges(grid, sop, _Words.from_labels(labels), links)
    g = _digraph()
    _write_lanes(g, grid)
    _write_ranks(g, grid, len(sop.steps))
    return g.source


# --- phase 1: lanes ----------------------------------------------------------------------

def _lanes(sop: Sop) -> _Grid:
    """One lane per actor, in ``sop.pelaksana`` order, then actors missing from that list
    in order of appearance; each lane's title in row 0."""
    actors = list(sop.pelaksana)
    for step in sop.steps:  # actors absent from an explicit list still get a lane
        for actor in step.pelaksana:
            if actor not in actors:
                actors.append(actor)
    lane_of = {actor: i + 1 for i, actor in enumerate(actors)}
    grid = _Grid(actors, lane_of, sorted(lane_of.values()))
    grid.lane_nodes = {i: [] for i in lane_of.values()}
    for lane in grid.lanes:
        grid.cells[(0, lane)] = f"lane{lane}"
    return grid


def _add_lane_for_nobody(grid: _Grid) -> None:
    """A flow whose steps name no actor at all still gets one (untitled) lane."""
    grid.actors.append("")
    grid.lane_of[""] = 1
    grid.lane_nodes[1] = []
    grid.lanes = [1]
    grid.cells[(0, 1)] = "lane1"


# --- phase 2: nodes ----------------------------------------------------------------------

def _nodes(grid: _Grid, sop: Sop) -> None:
    """A row per step: the step's node in each of its actors' lanes, an invisible point in
    every other lane, a dashed join through a step done together, and the flat chain that
    keeps the lanes in order."""
    for r, step in enumerate(sop.steps, start=1):
        grid.row_of[step.index] = r
        step_actors = [a for a in dict.fromkeys(step.pelaksana) if a in grid.lane_of]
        if not step_actors:  # a step with no actor at all: first lane
            if not grid.actors:
                _add_lane_for_nobody(grid)
            step_actors = [grid.actors[0]]
        _step_nodes(grid, sop, step, r, step_actors)
        for lane in grid.lanes:
            if (r, lane) not in grid.cells:
                name = f"p{r}_{lane}"
                grid.lane_nodes[lane].append(_Node(name, NodeKind.SPACER, {"style": "invis"}))
                grid.cells[(r, lane)] = name
        used = sorted(grid.lane_of[a] for a in step_actors)
        for lane in range(used[0], used[-1]):
            grid.flat.append(_Edge(grid.cells[(r, lane)], grid.cells[(r, lane + 1)], EdgeKind.JOIN, {
                "dir": "none", "style": "dashed", "class": "sop-edge sop-join", "id": f"join-{step.index}-{lane}"}))
        for lane in grid.lanes[:-1]:
            if not (used[0] <= lane < used[-1]):
                grid.flat.append(_Edge(grid.cells[(r, lane)], grid.cells[(r, lane + 1)], EdgeKind.GRID,
                                       {"style": "invis"}))
    for lane in grid.lanes[:-1]:  # the title row's chain comes first
        grid.flat.insert(lane - 1, _Edge(grid.cells[(0, lane)], grid.cells[(0, lane + 1)], EdgeKind.GRID,
                                         {"style": "invis"}))


def _step_nodes(grid: _Grid, sop: Sop, step: Step, r: int, step_actors: list[str]) -> None:
    """The step's symbol in each of its actors' lanes; the flow uses the first."""
    symbol = sop.symbol_of(step)
    text = step.question if (step.decision and step.question) else step.kegiatan
    label = _label(f"{step.number}. {_clean(text)}")
    tooltip = f"{step.number}. {step.kegiatan}"
    if step.decision and step.question and step.question != step.kegiatan:
        tooltip += f" ({step.question})"
    for k, actor in enumerate(step_actors):
        lane = grid.lane_of[actor]
        name = _node_name(step.index, lane)
        attrs = dict(_SHAPES[symbol])
        attrs.update(
            label=label,
            tooltip=_tooltip(tooltip),
            id=f"step-{step.index}" + (f"-{k + 1}" if k else ""),
            **{"class": f"sop-node sop-{symbol.value}" + (" sop-shared" if k else "")},
        )
        grid.lane_nodes[lane].append(_Node(name, NodeKind.STEP, attrs))
        grid.cells[(r, lane)] = name
        if k == 0:
            grid.main_node[step.index] = name


# --- phase 3: edges ----------------------------------------------------------------------

def _edges(grid: _Grid, sop: Sop, words: _Words, links: Mapping[str, str | None]) -> None:
    """Each step's outgoing edges; connectors and small end marks sit in the source's
    lane, a row lower. A plain step that ends the flow is itself the end terminator."""
    for step in sop.steps:
        src = grid.main_node.get(step.index)
        if src is None:
            continue
        for branch, target in step.targets():
            attrs: dict[str, str] = {"class": "sop-edge" + (f" sop-edge-{branch}" if branch else "")}
            if branch:
                attrs["label"] = _label(words.branch(branch), width=40)
                attrs["id"] = f"edge-{step.index}-{branch}"
            else:
                attrs["id"] = f"edge-{step.index}"
            if target.kind is TargetKind.STEP:
                _step_edge(grid, step, target.step, src, attrs)
            elif target.kind is TargetKind.SOP:
                node = _connector(step, branch, target.sop, words, links)
                _mark(grid, step, src, node, attrs)
            elif target.kind is TargetKind.END and branch:
                _mark(grid, step, src, _end_mark(step, branch, words), attrs)


def _step_edge(grid: _Grid, step: Step, target: int, src: str, attrs: dict[str, str]) -> None:
    dst = grid.main_node.get(target)
    if dst is None:
        return
    if grid.row_of[target] <= grid.row_of[step.index]:
        # Drawn as a downward edge with the arrow reversed, into the target's east side;
        # it leaves the step wherever dot finds shortest (a port on a decision's east tip
        # made "Tidak" loop around the diamond).
        attrs.update({"dir": "back", "tailport": "e"})
        attrs["class"] += " sop-edge-back"
        grid.flow.append(_Edge(dst, src, EdgeKind.BACK, attrs))
    else:
        grid.flow.append(_Edge(src, dst, EdgeKind.FLOW, attrs))


def _connector(step: Step, branch: str, nomor: str, words: _Words, links: Mapping[str, str | None]) -> _Node:
    """The off-page connector of a flow continuing in another SOP, linked when it is on the site."""
    attrs = dict(_SHAPES[Symbol.CONNECTOR])
    attrs.update(
        label=_label(nomor, width=18),
        tooltip=_tooltip(f"{words.continues_in} {nomor}"),
        id=f"connector-{step.index}" + (f"-{branch}" if branch else ""),
        **{"class": "sop-node sop-connector"},
    )
    url = _url(links.get(nomor))
    if url:
        attrs["URL"] = url
    return _Node(f"c{step.index}_{branch or 'next'}", NodeKind.CONNECTOR, attrs)


def _end_mark(step: Step, branch: str, words: _Words) -> _Node:
    """A small end terminator for a decision branch that ends the flow."""
    attrs = dict(_SHAPES[Symbol.TERMINATOR])
    attrs.update(
        label=_label(words.end),
        tooltip=_tooltip(words.end),
        id=f"end-{step.index}-{branch}",
        fontsize="9",
        **{"class": "sop-node sop-terminator sop-end"},
    )
    return _Node(f"e{step.index}_{branch}", NodeKind.END, attrs)


def _mark(grid: _Grid, step: Step, src: str, node: _Node, attrs: dict[str, str]) -> None:
    """A connector or end mark in the source's lane, one row below the source."""
    grid.lane_nodes[int(src.rsplit("_", 1)[1])].append(node)
    grid.extras.setdefault(grid.row_of[step.index] + 1, []).append(node.name)
    grid.flow.append(_Edge(src, node.name, EdgeKind.OUT, attrs))


# --- phase 4: writing it: lanes, then ranks and edges ------------------------------------

def _digraph() -> graphviz.Digraph:
    return graphviz.Digraph(
        "sop",
        graph_attr={
            "rankdir": "TB",
            "newrank": "true",
            "compound": "true",
            "bgcolor": "transparent",
            "fontname": FONT,
            "fontsize": "11",
            "fontcolor": INK,
            "nodesep": "0.3",
            "ranksep": "0.35",
            "pad": "0.1",
            "class": "sop-graph",
        },
        node_attr={
            "fontname": FONT,
            "fontsize": "10",
            "fontcolor": INK,
            "color": INK,
            "fillcolor": FILL,
            "penwidth": "1.2",
            "margin": "0.12,0.06",
        },
        edge_attr={
            "fontname": FONT,
            "fontsize": "9",
            "fontcolor": INK,
            "color": INK,
            "arrowsize": "0.7",
        },
    )


def _write_lanes(g: graphviz.Digraph, grid: _Grid) -> None:
    """Each lane: its title on top (as wide as the lane's widest node), then its nodes.
    Not clusters: dot does not keep clusters in order, while flat edges between plain
    nodes are kept left to right. The lane bands are drawn from the ``sop-in-lane-N``
    classes after layout (graphviz_engine.postprocess_svg)."""
    for actor, lane in grid.lane_of.items():
        widest = max(
            (
                _estimate_width(n.attrs["label"], n.attrs.get("shape", "box"), float(n.attrs.get("fontsize", 10)))
                for n in grid.lane_nodes[lane]
                if n.kind is not NodeKind.SPACER
            ),
            default=1.0,
        )
        g.node(
            f"lane{lane}",
            width=f"{widest:.2f}",
            label=_label(actor, width=22),
            # a band heading, square and unframed: never mistaken for a terminator
            shape="box",
            style="filled",
            penwidth="0",
            color=LANE_PEN,
            fillcolor=LANE_FILL,
            fontsize="11",
            tooltip=_tooltip(actor),
            group=f"lane{lane}",
            id=f"lane-title-{lane}",
            **{"class": f"sop-lane-title sop-in-lane-{lane}"},
        )
        for node in grid.lane_nodes[lane]:
            if node.kind is NodeKind.SPACER:
                # structure only: internal names and constants, no SOP text
                g.body.append(f"\t{node.name} [shape=point style=invis width=0.01 height=0.01 group=lane{lane}]\n")
                continue
            attrs = dict(node.attrs, group=f"lane{lane}")
            if "class" in attrs:
                attrs["class"] += f" sop-in-lane-{lane}"
            g.node(node.name, **attrs)


def _write_ranks(g: graphviz.Digraph, grid: _Grid, n_rows: int) -> None:
    """The rows (one rank each), the flat chains, the invisible columns, then the flow.
    The grid's structure holds internal names only (s3_2, p4_1, lane2...), never SOP
    text, so it is written directly: quoting it through the package costs more than the
    layout of a small diagram."""
    for r in range(0, n_rows + 2):
        members = [grid.cells[(r, lane)] for lane in grid.lanes if (r, lane) in grid.cells] + grid.extras.get(r, [])
        if members:
            g.body.append("\t{rank=same; " + "; ".join(members) + "}\n")
    for edge in grid.flat:
        if edge.kind is EdgeKind.GRID:
            g.body.append(f"\t{edge.tail} -> {edge.head} [style=invis]\n")
        else:
            g.edge(edge.tail, edge.head, **edge.attrs)
    for r in range(0, n_rows):
        for lane in grid.lanes:
            g.body.append(f"\t{grid.cells[(r, lane)]} -> {grid.cells[(r + 1, lane)]} [style=invis weight=4]\n")
    for edge in grid.flow:
        g.edge(edge.tail, edge.head, **edge.attrs)
