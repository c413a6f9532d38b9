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

import graphviz

from .model import Sop, Symbol, TargetKind

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
    return graphviz.nohtml("\\n".join(escaped) or " ")


def _tooltip(value: str) -> str:
    """A tooltip. Graphviz expands escapes in tooltips twice (``\\\\N`` is shown as
    ``\\N``, in 2.43 as in 16.x), so backslashes are escaped twice."""
    return graphviz.nohtml(_text(value).replace("\\", "\\\\"))


_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def _url(value: str | None) -> str | None:
    """A link for a connector: relative, or http(s)/mailto; anything else is dropped."""
    if not value:
        return None
    m = _SCHEME.match(value)
    if m and m.group(1).lower() not in ("http", "https", "mailto"):
        return None
    return graphviz.nohtml(_text(value))


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


def _build(sop: Sop, labels: Mapping[str, str], links: Mapping[str, str | None]) -> str:
    yes_label = labels.get("yes", "Ya")
    # the label set calls the branch "no_branch" ("no" is the table's No column);
    # a plain {"yes": ..., "no": ...} mapping is accepted too
    no_label = labels["no_branch"] if "no_branch" in labels else labels.get("no", "Tidak")
    end_label = labels.get("end", "Selesai")
    continues_in = labels.get("continues_in", "Berlanjut ke SOP")
    branch_text = {"ya": yes_label, "tidak": no_label}

    steps = tuple(s for s in sop.steps)
    actors = list(sop.pelaksana)
    for step in steps:  # actors absent from an explicit list still get a lane
        for actor in step.pelaksana:
            if actor not in actors:
                actors.append(actor)
    lane_of = {actor: i + 1 for i, actor in enumerate(actors)}

    g = graphviz.Digraph(
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

    # The drawing is a grid: row 0 holds the lane titles, row r the r-th step. Every
    # cell of a step row holds a node (the step's, or an invisible point), cells are
    # chained left to right by flat edges and top to bottom by invisible edges; that is
    # what keeps the lanes in order and the rows in step order (clusters alone do not).
    lane_nodes: dict[int, list[tuple[str, dict[str, str]]]] = {i: [] for i in lane_of.values()}
    cells: dict[tuple[int, int], str] = {}
    extras: dict[int, list[str]] = {}  # row -> connector / end nodes placed on it
    flat: list[tuple[str, str, dict[str, str]]] = []
    main_node: dict[int, str] = {}
    row_of: dict[int, int] = {}
    lanes = sorted(lane_of.values())

    for lane in lanes:
        cells[(0, lane)] = f"lane{lane}"

    for r, step in enumerate(steps, start=1):
        row_of[step.index] = r
        symbol = sop.symbol_of(step)
        step_actors = [a for a in dict.fromkeys(step.pelaksana) if a in lane_of]
        if not step_actors:  # a step with no actor at all: first lane
            if not actors:
                actors.append("")
                lane_of[""] = 1
                lane_nodes[1] = []
                lanes = [1]
                cells[(0, 1)] = "lane1"
            step_actors = [actors[0]]
        text = step.question if (step.decision and step.question) else step.kegiatan
        label = _label(f"{step.number}. {_clean(text)}")
        tooltip = f"{step.number}. {step.kegiatan}"
        if step.decision and step.question and step.question != step.kegiatan:
            tooltip += f" ({step.question})"
        for k, actor in enumerate(step_actors):
            lane = lane_of[actor]
            name = _node_name(step.index, lane)
            attrs = dict(_SHAPES[symbol])
            attrs.update(
                label=label,
                tooltip=_tooltip(tooltip),
                id=f"step-{step.index}" + (f"-{k + 1}" if k else ""),
                **{"class": f"sop-node sop-{symbol.value}" + (" sop-shared" if k else "")},
            )
            lane_nodes[lane].append((name, attrs))
            cells[(r, lane)] = name
            if k == 0:
                main_node[step.index] = name
        for lane in lanes:
            if (r, lane) not in cells:
                name = f"p{r}_{lane}"
                lane_nodes[lane].append((name, {"style": "invis"}))
                cells[(r, lane)] = name
        # a step done together: a dashed line through the row, from its first to its last lane
        used = sorted(lane_of[a] for a in step_actors)
        for lane in range(used[0], used[-1]):
            flat.append(
                (
                    cells[(r, lane)],
                    cells[(r, lane + 1)],
                    {"dir": "none", "style": "dashed", "class": "sop-edge sop-join", "id": f"join-{step.index}-{lane}"},
                )
            )
        for lane in lanes[:-1]:
            if not (used[0] <= lane < used[-1]):
                flat.append((cells[(r, lane)], cells[(r, lane + 1)], {"style": "invis"}))
    n_rows = len(steps)
    for lane in lanes[:-1]:
        flat.insert(lane - 1, (cells[(0, lane)], cells[(0, lane + 1)], {"style": "invis"}))

    # outgoing edges; connectors and small end marks sit in the source's lane, a row lower
    edges: list[tuple[str, str, dict[str, str]]] = []
    for step in steps:
        src = main_node.get(step.index)
        if src is None:
            continue
        src_lane = int(src.rsplit("_", 1)[1])
        below = row_of[step.index] + 1
        for branch, target in step.targets():
            attrs: dict[str, str] = {"class": "sop-edge" + (f" sop-edge-{branch}" if branch else "")}
            if branch:
                attrs["label"] = _label(branch_text[branch], width=40)
                attrs["id"] = f"edge-{step.index}-{branch}"
            else:
                attrs["id"] = f"edge-{step.index}"
            if target.kind is TargetKind.STEP:
                dst = main_node.get(target.step)
                if dst is None:
                    continue
                if row_of[target.step] <= row_of[step.index]:
                    # Drawn as a downward edge with the arrow reversed, into the target's
                    # east side; it leaves the step wherever dot finds shortest (a port on
                    # a decision's east tip made "Tidak" loop around the diamond).
                    attrs.update({"dir": "back", "tailport": "e"})
                    attrs["class"] += " sop-edge-back"
                    edges.append((dst, src, attrs))
                    continue
                edges.append((src, dst, attrs))
            elif target.kind is TargetKind.SOP:
                name = f"c{step.index}_{branch or 'next'}"
                url = _url(links.get(target.sop))
                node = dict(_SHAPES[Symbol.CONNECTOR])
                node.update(
                    label=_label(target.sop, width=18),
                    tooltip=_tooltip(f"{continues_in} {target.sop}"),
                    id=f"connector-{step.index}" + (f"-{branch}" if branch else ""),
                    **{"class": "sop-node sop-connector"},
                )
                if url:
                    node["URL"] = url
                lane_nodes[src_lane].append((name, node))
                extras.setdefault(below, []).append(name)
                edges.append((src, name, attrs))
            elif target.kind is TargetKind.END and branch:
                # a decision branch that ends the flow: a small end terminator
                name = f"e{step.index}_{branch}"
                node = dict(_SHAPES[Symbol.TERMINATOR])
                node.update(
                    label=_label(end_label),
                    tooltip=_tooltip(end_label),
                    id=f"end-{step.index}-{branch}",
                    fontsize="9",
                    **{"class": "sop-node sop-terminator sop-end"},
                )
                lane_nodes[src_lane].append((name, node))
                extras.setdefault(below, []).append(name)
                edges.append((src, name, attrs))
            # END on a non-decision: the step itself is drawn as the end terminator

    # lanes: the title on top, then the lane's nodes. Not clusters: dot does not keep
    # clusters in order, while flat edges between plain nodes are kept left to right.
    # The lane bands are drawn from the ``sop-in-lane-N`` classes after layout
    # (graphviz_engine.postprocess_svg).
    for actor, lane in lane_of.items():
        widest = max(
            (
                _estimate_width(attrs["label"], attrs.get("shape", "box"), float(attrs.get("fontsize", 10)))
                for _, attrs in lane_nodes[lane]
                if attrs.get("style") != "invis"
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
        for name, attrs in lane_nodes[lane]:
            if attrs.get("style") == "invis":
                # structure only: internal names and constants, no SOP text
                g.body.append(f"\t{name} [shape=point style=invis width=0.01 height=0.01 group=lane{lane}]\n")
                continue
            attrs = dict(attrs, group=f"lane{lane}")
            if "class" in attrs:
                attrs["class"] += f" sop-in-lane-{lane}"
            g.node(name, **attrs)

    # The grid's structure holds internal names only (s3_2, p4_1, lane2...), never SOP
    # text, so it is written directly: quoting it through the package costs more than
    # the layout of a small diagram.
    for r in range(0, n_rows + 2):
        members = [cells[(r, lane)] for lane in lanes if (r, lane) in cells] + extras.get(r, [])
        if members:
            g.body.append("\t{rank=same; " + "; ".join(members) + "}\n")
    for tail, head, attrs in flat:
        if attrs.get("style") == "invis":
            g.body.append(f"\t{tail} -> {head} [style=invis]\n")
        else:
            g.edge(tail, head, **attrs)
    for r in range(0, n_rows):
        for lane in lanes:
            g.body.append(f"\t{cells[(r, lane)]} -> {cells[(r + 1, lane)]} [style=invis weight=4]\n")
    for tail, head, attrs in edges:
        g.edge(tail, head, **attrs)

    return g.source
