"""Steps from flowchart tables: actors from where symbols sit, symbols from their geometry,
branches from connectors and their "Ya"/"Tidak" labels.

The phases, in order: read each step row's text (:func:`_rows`); place every drawn symbol
in its step row and actor column (:func:`_place`); fall back to text marks or a
Pelaksana column for steps without symbols (:func:`_marks`); join connectors to the
symbols they touch (:func:`_edges`) and labels to connectors (:func:`_label`); then read
each step's targets (:func:`_targets`). A reading that rests on a rule of thumb is noted
as guessed; one that cannot be made is left out and noted for a person, never invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.model import Symbol
from ..core.timeparse import parse_duration
from .draft import END, DraftSop, DraftStep, NoteLevel
from .flowtable import FlowTable, Role
from .grid import LABEL_REACH, TOUCH, Point, Shape, ShapeKind, path_distance
from .text import flat, is_none, list_items, norm
from .texts import say

MARKS = {"x", "√", "✓", "✔", "v", "•", "●", "·", "o", "*", "☑", "■", "⬤", "∙"}
SAME_AS_ABOVE = {"sda", "s d a", "idem", "dto", "ditto"}
YES_WORDS = {"ya", "y", "yes", "iya"}
NO_WORDS = {"tidak", "t", "tdk", "no", "n", "tak"}
SYMBOL_NAMES = {Symbol.TERMINATOR: ("terminator", "terminator"), Symbol.PROCESS: ("process", "proses"),
                Symbol.DECISION: ("decision", "keputusan"), Symbol.CONNECTOR: ("connector", "konektor")}


@dataclass
class _Node:
    table: int
    shape: Shape
    step: int | None  # 0-based step index, None for an off-page connector
    portal: str = ""  # the connector's letter, normalised


@dataclass
class _Edge:
    source: _Node
    target: _Node | None
    segments: list[tuple[Point, Point]] = field(default_factory=list)
    label: str = ""  # "ya" / "tidak" / ""


@dataclass
class _Work:
    """What the phases share for one SOP."""

    tables: list[FlowTable]
    draft: DraftSop
    language: str
    row_step: dict = field(default_factory=dict)  # (table, row) -> step index
    nodes: list[_Node] = field(default_factory=list)
    edges: list[_Edge] = field(default_factory=list)
    symbols_read: int = 0
    sources: set = field(default_factory=set)

    def say(self, name: str, /, **params) -> str:
        return say(name, self.language, **params)

    def key(self, index: int, sub: str = "") -> str:
        return f"langkah[{index + 1}]" + (f".{sub}" if sub else "")


def read_steps(tables: list[FlowTable], draft: DraftSop, language: str) -> None:
    """Fill ``draft.steps`` and ``draft.actors`` from the SOP's flowchart tables, with notes."""
    work = _Work(tables, draft, language)
    for table in tables:
        for actor in table.actors:
            if actor not in draft.actors:
                draft.actors.append(actor)
    _rows(work)
    _place(work)
    _marks(work)
    _summary(work)
    _edges(work)
    _label(work)
    _targets(work)
    _symbols(work)


def _rows(work: _Work) -> None:
    previous: int | None = None
    for t, table in enumerate(work.tables):
        for first, last in table.step_rows():
            number_cell = table.text(first, Role.NO)
            kegiatan_cell = table.text(first, Role.KEGIATAN)
            number = flat(number_cell.text) if number_cell else ""
            kegiatan = flat(kegiatan_cell.text) if kegiatan_cell else ""
            if not number and not kegiatan:
                continue
            index = len(work.draft.steps)
            step = DraftStep(number, kegiatan, where=f"{table.grid.name}, baris {first + 1}")
            for role, attr in ((Role.WAKTU, "waktu"), (Role.OUTPUT, "output"), (Role.KETERANGAN, "keterangan")):
                cell = table.text(first, role)
                if cell is not None and not is_none(cell.text):
                    setattr(step, attr, flat(cell.text))
            cell = table.text(first, Role.KELENGKAPAN)
            if cell is not None:
                step.kelengkapan = list_items(cell.paragraphs)
            work.draft.steps.append(step)
            for row in range(first, last):
                work.row_step[(t, row)] = index
            previous = _check_number(work, index, number, previous)
            if step.waktu and parse_duration(step.waktu) is None:
                work.draft.note(NoteLevel.CHECK, work.say("step-time", text=step.waktu), work.key(index, "waktu"))


def _check_number(work: _Work, index: int, number: str, previous: int | None) -> int | None:
    expected = (previous or 0) + 1
    try:
        value = int(number.strip().strip("().").strip())
    except ValueError:
        work.draft.note(NoteLevel.CHECK, work.say("step-number-missing") if not number
                        else work.say("step-number-gap", number=number, previous=previous or "-"),
                        work.key(index))
        return previous
    if value != expected:
        work.draft.note(NoteLevel.CHECK, work.say("step-number-gap", number=value, previous=previous or "-"),
                        work.key(index))
    return value


def _place(work: _Work) -> None:
    """Each drawn symbol into its step row and actor column (an off-page connector is a node only)."""
    found: dict[int, list[tuple[Shape, str]]] = {}
    for t, table in enumerate(work.tables):
        grid = table.grid
        for shape in grid.shapes:
            if shape.kind is not ShapeKind.SYMBOL:
                continue
            row, col = grid.place(shape)
            if grid.heights_estimated and shape.frame == "table" and shape.anchor_row >= 0:
                row = shape.anchor_row  # estimated heights: trust the cell it is anchored in
            if not table.header_first <= row < table.last:
                continue
            work.sources.add(shape.source)
            if shape.symbol is Symbol.CONNECTOR:
                work.nodes.append(_Node(t, shape, None, norm(shape.text)))
                continue
            step = work.row_step.get((t, row))
            actor = table.actor_of.get(col)
            if step is None or actor is None:
                name = SYMBOL_NAMES[shape.symbol][0 if work.language == "en" else 1]
                work.draft.note(NoteLevel.CHECK, work.say("flow-unplaced", symbol=name,
                                                          where=f"{grid.name}, baris {row + 1}"))
                continue
            work.nodes.append(_Node(t, shape, step))
            found.setdefault(step, []).append((shape, actor))
            work.symbols_read += 1
    for index, placed in found.items():
        step = work.draft.steps[index]
        for shape, actor in placed:
            if actor not in step.actors:
                step.actors.append(actor)
        shapes = [shape for shape, _ in placed]
        decision = next((s for s in shapes if s.symbol is Symbol.DECISION), None)
        step.drawn = decision.symbol if decision else shapes[0].symbol
        if decision is not None:
            step.decision = True
            if decision.text and flat(decision.text) != step.kegiatan:
                step.question = flat(decision.text)
        if len(step.actors) > 1:
            work.draft.note(NoteLevel.READ, work.say("step-several", count=len(step.actors)),
                            work.key(index, "pelaksana"))
        for shape in shapes:
            if shape.guessed_symbol and shape.geometry not in ("rect",):
                work.draft.note(NoteLevel.GUESSED, work.say("step-unknown-symbol", geometry=shape.geometry),
                                work.key(index))


def _marks(work: _Work) -> None:
    """Steps without symbols: actors from marks (X, √, a dot) or from the Pelaksana column's text."""
    marks_seen: set[str] = set()
    for t, table in enumerate(work.tables):
        for first, _ in table.step_rows():
            index = work.row_step.get((t, first))
            if index is None or work.draft.steps[index].actors:
                continue
            step = work.draft.steps[index]
            if table.text_actors:
                _text_actor(work, table, first, index)
                continue
            for col, actor in table.actor_of.items():
                cell = table.grid.at(first, col)
                if cell is None or cell.col != col:
                    continue
                text = flat(cell.text)
                if not text:
                    continue
                if text.lower() in MARKS:
                    marks_seen.add(text)
                    if actor not in step.actors:
                        step.actors.append(actor)
                elif norm(text) not in YES_WORDS | NO_WORDS:
                    work.draft.note(NoteLevel.CHECK, work.say("step-actor-text", text=text, actor=actor),
                                    work.key(index, "pelaksana"))
            if step.kegiatan.rstrip().endswith("?") and not step.decision:
                work.draft.note(NoteLevel.CHECK, work.say("step-question"), work.key(index))
    if marks_seen:
        work.draft.note(NoteLevel.READ, work.say("flow-marks", marks=" ".join(sorted(marks_seen))))
    for index, step in enumerate(work.draft.steps):
        if not step.actors:
            work.draft.note(NoteLevel.CHECK, work.say("step-no-actor"), work.key(index, "pelaksana"))


def _text_actor(work: _Work, table: FlowTable, row: int, index: int) -> None:
    col = next((c for c, role in enumerate(table.roles) if role is Role.ACTOR), None)
    cell = table.grid.at(row, col) if col is not None else None
    text = flat(cell.text) if cell is not None and cell.row == row else ""
    step = work.draft.steps[index]
    if not text:
        return
    if norm(text).replace(" ", "") in {s.replace(" ", "") for s in SAME_AS_ABOVE}:
        above = work.draft.steps[index - 1] if index else None
        if above is not None and above.actors:
            step.actors = list(above.actors)
            work.draft.note(NoteLevel.GUESSED, work.say("step-sda", text=text, step=index),
                            work.key(index, "pelaksana"))
        else:
            work.draft.note(NoteLevel.CHECK, work.say("step-sda-first", text=text), work.key(index, "pelaksana"))
        return
    step.actors = [text]
    if text not in work.draft.actors:
        work.draft.actors.append(text)


def _edges(work: _Work) -> None:
    """Each connector (or chain of line segments) from the symbol it leaves to the one it reaches."""
    for t, table in enumerate(work.tables):
        lines = [s for s in table.grid.shapes if s.kind is ShapeKind.LINE and s.start and s.end]
        nodes = [n for n in work.nodes if n.table == t]
        starts = {}
        for line in lines:
            a, b = line.start, line.end
            if line.arrow_start and not line.arrow_end:
                a, b = b, a
            starts[id(line)] = (a, b)
        for line in lines:
            a, b = starts[id(line)]
            reverse = line.arrow_start and not line.arrow_end  # drawn from its arrow head back
            first_link, last_link = (line.end_link, line.start_link) if reverse else (line.start_link, line.end_link)
            source = _linked(nodes, line, first_link) or _touching(nodes, line, a, grid=table.grid)
            if source is None:
                continue
            segments = [(a, b)]
            target = _linked(nodes, line, last_link) or _touching(nodes, line, b, exclude=source, grid=table.grid)
            follow, hops = line, 0
            while target is None and hops < 6:  # a path drawn as several plain lines
                nxt = next((l for l in lines if l is not follow and _near(starts[id(l)][0], segments[-1][1])), None)
                if nxt is None:
                    break
                segments.append(starts[id(nxt)])
                follow, hops = nxt, hops + 1
                target = _touching(nodes, nxt, starts[id(nxt)][1], exclude=source, grid=table.grid)
            work.edges.append(_Edge(source, target, segments))


def _near(p: Point, q: Point) -> bool:
    return abs(p.x - q.x) <= TOUCH and abs(p.y - q.y) <= TOUCH


def _linked(nodes: list[_Node], line: Shape, link: str) -> _Node | None:
    if not link:
        return None
    return next((n for n in nodes if n.shape.group == line.group and n.shape.shape_id == link), None)


def _touching(nodes: list[_Node], line: Shape, point: Point, exclude: _Node | None = None,
              grid=None) -> _Node | None:
    """The symbol a connector's end touches. In a table whose row heights were estimated, an
    end that touches a symbol's side horizontally may miss it vertically by up to a row."""
    best, best_distance = None, TOUCH
    for node in nodes:
        if node is exclude or node.shape.frame != line.frame:
            continue
        distance = node.shape.box.distance(point)
        if distance <= best_distance:
            best, best_distance = node, distance
    if best is not None or grid is None or not grid.heights_estimated:
        return best
    row = grid.row_at(point.y)
    slack = grid.row_edges[row + 1] - grid.row_edges[row]
    for node in nodes:
        box = node.shape.box
        if node is exclude or node.shape.frame != line.frame:
            continue
        dx = max(box.x0 - point.x, 0.0, point.x - box.x1)
        dy = max(box.y0 - point.y, 0.0, point.y - box.y1)
        if dx <= TOUCH and dy <= slack:
            best, slack = node, dy
    return best


def _label(work: _Work) -> None:
    """Each "Ya"/"Tidak" text box to the nearest connector leaving a decision (closest pairs first)."""
    pairs = []
    for t, table in enumerate(work.tables):
        for label in table.grid.shapes:
            if label.kind is not ShapeKind.LABEL:
                continue
            word = norm(label.text)
            kind = "ya" if word in YES_WORDS else "tidak" if word in NO_WORDS else ""
            if not kind:
                continue
            for edge in work.edges:
                if edge.source.table != t or edge.source.shape.symbol is not Symbol.DECISION:
                    continue
                distance = min(path_distance(label.box.centre, a, b) for a, b in edge.segments)
                if distance <= LABEL_REACH:
                    pairs.append((distance, id(label), kind, edge))
    taken_labels, taken_edges = set(), set()
    for distance, label_id, kind, edge in sorted(pairs, key=lambda p: p[0]):
        if label_id in taken_labels or id(edge) in taken_edges:
            continue
        edge.label = kind
        taken_labels.add(label_id)
        taken_edges.add(id(edge))


def _resolve(work: _Work, node: _Node | None, depth: int = 0) -> list[int]:
    """The steps a connector's end leads to: a step, or through a pair of off-page connectors."""
    if node is None or depth > 4:
        return []
    if node.step is not None:
        return [node.step]
    out = []
    for edge in work.edges:
        source = edge.source
        if source is not node and source.step is None and source.portal == node.portal and node.portal:
            for step in _resolve(work, edge.target, depth + 1):
                if step not in out:
                    out.append(step)
    if out:
        work.draft.note(NoteLevel.READ, work.say("flow-page-pair", label=node.shape.text.strip()))
    return out


def _targets(work: _Work) -> None:
    steps = work.draft.steps
    for index, step in enumerate(steps):
        outgoing: list[tuple[str, list[int]]] = []
        for edge in work.edges:
            if edge.source.step == index:
                targets = [s for s in _resolve(work, edge.target) if s != index]
                outgoing.append((edge.label, targets))
                if not targets and edge.target is not None and edge.target.step is None:
                    # An off-page connector with no partner: perhaps the flow goes on in another SOP.
                    work.draft.note(NoteLevel.CHECK, work.say("branch-lone-connector",
                                                              label=edge.target.shape.text.strip() or "?"),
                                    work.key(index))
        if step.decision:
            _decision(work, index, outgoing)
        else:
            _process(work, index, outgoing)


def _target_text(work: _Work, target) -> str:
    return work.say("target-end") if target == END else work.say("target-step", step=target)


def _decision(work: _Work, index: int, outgoing: list[tuple[str, list[int]]]) -> None:
    step, following = work.draft.steps[index], index + 1  # 0-based index of the next step
    known = [(label, targets[0]) for label, targets in outgoing if len(targets) == 1]
    by_label = {label: target for label, target in known if label}
    if "tidak" in by_label:
        step.tidak = by_label["tidak"] + 1
        work.draft.note(NoteLevel.READ, work.say("branch-read", label="Tidak", target=_target_text(work, step.tidak)),
                        work.key(index, "tidak"))
        if "ya" in by_label and by_label["ya"] != following:
            step.ya = by_label["ya"] + 1
            work.draft.note(NoteLevel.READ, work.say("branch-read", label="Ya", target=_target_text(work, step.ya)),
                            work.key(index, "ya"))
        return
    others = [target for label, target in known if not label]
    if "ya" in by_label and len(others) == 1 and others[0] != by_label["ya"]:
        step.tidak = others[0] + 1
        if by_label["ya"] != following:
            step.ya = by_label["ya"] + 1
        work.draft.note(NoteLevel.GUESSED, work.say("branch-read", label="Ya",
                                                    target=_target_text(work, by_label["ya"] + 1)),
                        work.key(index, "tidak"))
        return
    if not by_label and len(others) == 2 and following in others and len(set(others)) == 2:
        other = next(t for t in others if t != following)
        step.tidak = other + 1
        work.draft.note(NoteLevel.GUESSED, work.say("branch-guessed", target=_target_text(work, step.tidak)),
                        work.key(index, "tidak"))
        return
    # On the step's first line: where lint reports the missing `tidak`.
    work.draft.note(NoteLevel.CHECK, work.say("branch-unclear"), work.key(index))


def _process(work: _Work, index: int, outgoing: list[tuple[str, list[int]]]) -> None:
    step, steps = work.draft.steps[index], work.draft.steps
    targets = []
    for _, found in outgoing:
        for target in found:
            if target not in targets:
                targets.append(target)
    if len(targets) > 1:
        work.draft.note(NoteLevel.CHECK, work.say("branch-many", count=len(targets)), work.key(index))
        return
    if targets and targets[0] != index + 1:
        step.lanjut = targets[0] + 1
        work.draft.note(NoteLevel.READ, work.say("branch-next", target=_target_text(work, step.lanjut)),
                        work.key(index, "lanjut"))
        return
    if not targets and step.drawn is Symbol.TERMINATOR and 0 < index < len(steps) - 1:
        step.lanjut = END
        work.draft.note(NoteLevel.GUESSED, work.say("step-terminator-end"), work.key(index, "lanjut"))


def _symbols(work: _Work) -> None:
    """Where the drawn symbol differs from the one the regulation's rules will draw, say so."""
    steps = work.draft.steps
    for index, step in enumerate(steps):
        if step.drawn is None or step.drawn is Symbol.CONNECTOR:
            continue
        if step.decision:
            rendered = Symbol.DECISION
        elif index == 0 or step.lanjut == END or (index == len(steps) - 1 and step.lanjut is None):
            rendered = Symbol.TERMINATOR
        else:
            rendered = Symbol.PROCESS
        if rendered is not step.drawn:
            lang = 0 if work.language == "en" else 1
            work.draft.note(NoteLevel.CHECK, work.say("step-symbol-differs", drawn=SYMBOL_NAMES[step.drawn][lang],
                                                      rendered=SYMBOL_NAMES[rendered][lang]), work.key(index))


def _summary(work: _Work) -> None:
    for t, table in enumerate(work.tables):
        steps = len({index for (table_index, _), index in work.row_step.items() if table_index == t})
        work.draft.note(NoteLevel.READ, work.say("flow-read", where=table.grid.name, steps=steps,
                                                 actors=len(table.actors), header=table.header_rows))
        if table.implicit_actors:
            work.draft.note(NoteLevel.GUESSED, work.say("flow-actor-columns", names=", ".join(table.actors)))
        if table.text_actors:
            work.draft.note(NoteLevel.READ, work.say("flow-actor-text"))
        if table.grid.heights_estimated and table.grid.shapes:
            work.draft.note(NoteLevel.GUESSED, work.say("flow-heights", where=table.grid.name))
    if work.symbols_read:
        labels = sum(1 for t in work.tables for s in t.grid.shapes if s.kind is ShapeKind.LABEL)
        lines = sum(1 for t in work.tables for s in t.grid.shapes if s.kind is ShapeKind.LINE)
        work.draft.note(NoteLevel.READ, work.say("flow-shapes", count=work.symbols_read,
                                                 sources=", ".join(sorted(work.sources)), lines=lines,
                                                 labels=labels))
