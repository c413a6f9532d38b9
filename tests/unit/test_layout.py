"""The flowchart table layout: where symbols sit and which wire segments each cell draws.

Small flows are checked cell by cell; ~300 random valid flows are checked against the
invariants (symbols in their actors' columns, no wire crossing a symbol, every edge
drawn and nothing else joined) by following the wires as a graph.
"""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from mkdocs_sop.core.layout import Mark, layout_flow
from mkdocs_sop.core.model import Symbol, TargetKind
from mkdocs_sop.core.parse import parse_block


def make_sop(steps: str, actors: str = ""):
    extra = f"pelaksana: [{actors}]\n" if actors else ""
    result = parse_block('nomor: "470/1"\nnama: Uji\nunit: Dinas\n' + extra + "langkah:\n" + steps, "t.md", 1)
    assert result.ok, [d.format() for d in result.diagnostics]
    return result.sop


def st(kegiatan: str, actor: str = "A", **keys) -> str:
    return (f"  - kegiatan: {kegiatan}\n    pelaksana: {actor}\n"
            + "".join(f"    {k}: {v}\n" for k, v in keys.items()))


def grid(flow, page: int = 0):
    """{row label: [cell, ...]} where a step row is labelled by its number."""
    out = {}
    for row in flow.pages[page].rows:
        out[row.step.index if row.step else row.kind] = row.cells
    return out


def symbols(flow):
    return {(row.step.index if row.step else row.kind, c): cell.symbol.value
            for page in flow.pages for row in page.rows for c, cell in enumerate(row.cells) if cell.symbol}


# ---------------------------------------------------------------------------------------
# Small flows, cell by cell
# ---------------------------------------------------------------------------------------

def test_straight_flow_in_one_column():
    flow = layout_flow(make_sop(st("a") + st("b") + st("c")))
    assert (flow.actors, flow.lanes, flow.has_exit, flow.columns) == (("A",), 0, False, 1)
    g = grid(flow)
    assert g[1][0].symbol is Symbol.TERMINATOR and g[1][0].wires == ("v-cs",) and g[1][0].arrows == ()
    assert g[2][0].symbol is Symbol.PROCESS and g[2][0].wires == ("v-cs", "v-nc") and g[2][0].arrows == ("n",)
    assert g[3][0].symbol is Symbol.TERMINATOR and g[3][0].wires == ("v-nc",) and g[3][0].arrows == ("n",)


def test_column_change_runs_along_the_bottom_track():
    flow = layout_flow(make_sop(st("a", "A") + st("b", "C") + st("c", "B"), actors="A, B, C"))
    g = grid(flow)
    assert g[1][0].wires == ("hb-ce", "v-cb")
    assert g[1][1].wires == ("hb-we",) and g[1][1].symbol is None
    assert g[1][2].wires == ("hb-wc", "v-bs")
    assert g[2][2].wires == ("hb-wc", "v-cb", "v-nc") and g[2][2].arrows == ("n",)
    # right to left: from C (col 2) back to B (col 1)
    assert g[2][1].wires == ("hb-ce", "v-bs")
    assert g[3][1].wires == ("v-nc",) and g[3][1].symbol is Symbol.TERMINATOR


def test_loop_back_goes_through_a_lane_into_the_top_of_the_target():
    flow = layout_flow(make_sop(st("a") + st("b") + st("c", keputusan="Ok?", tidak=2) + st("d")))
    assert flow.lanes == 1 and not flow.has_exit
    g = grid(flow)
    assert g[3][0].symbol is Symbol.DECISION
    assert g[3][0].wires == ("hc-ce", "v-cs", "v-nc")
    assert g[3][0].labels == (("s", "ya"), ("e", "tidak"))
    assert g[3][1].wires == ("hc-wc", "v-nc")  # into the lane, then up
    assert g[2][1].wires == ("ht-wc", "v-ts")  # the lane turns into row 2's top track
    assert g[2][0].wires == ("ht-ce", "v-cs", "v-nc", "v-tc") and g[2][0].arrows == ("n",)
    assert g[1][1].wires == () and g[4][1].wires == ()


def test_jump_forward_passes_rows_in_the_lane():
    flow = layout_flow(make_sop(st("a", keputusan="Lengkap?", tidak=4) + st("b") + st("c") + st("d")))
    g = grid(flow)
    lane = 1
    assert g[1][0].wires == ("hc-ce", "v-cs") and g[1][0].labels == (("s", "ya"), ("e", "tidak"))
    assert g[1][lane].wires == ("hc-wc", "v-cs")
    assert g[2][lane].wires == ("v-ns",) and g[3][lane].wires == ("v-ns",)
    assert g[4][lane].wires == ("ht-wc", "v-nt")
    assert "v-tc" in g[4][0].wires and "n" in g[4][0].arrows


def test_two_overlapping_jumps_get_different_lanes_nested_shortest_inside():
    flow = layout_flow(make_sop(st("a", keputusan="x", ya=2, tidak=3) + st("b", lanjut=4) + st("c") + st("d")))
    assert flow.lanes == 2
    g = grid(flow)
    # 1 -> 3 and 2 -> 4 overlap on rows 2-3: lane 0 (col 1) and lane 1 (col 2)
    assert g[1][1].wires == ("hc-wc", "v-cs") and g[1][2].wires == ()
    assert g[2][1].wires == ("hc-we", "v-ns") and g[2][2].wires == ("hc-wc", "v-cs")
    assert g[3][1].wires == ("ht-wc", "v-nt") and g[3][2].wires == ("v-ns",)
    assert g[4][1].wires == ("ht-we",) and g[4][2].wires == ("ht-wc", "v-nt")


def test_jumps_that_do_not_overlap_share_a_lane():
    flow = layout_flow(make_sop(st("a", keputusan="x", ya=2, tidak=3) + st("b") + st("c")
                                + st("d", keputusan="y", ya=5, tidak=6) + st("e") + st("f")))
    assert flow.lanes == 1


def test_decision_end_branch_goes_to_the_exit_column():
    flow = layout_flow(make_sop(st("a") + st("b", "B", keputusan="Ok?", tidak="selesai") + st("c", "B")))
    assert flow.has_exit and flow.lanes == 0 and flow.columns == 3
    g = grid(flow)
    assert g[2][1].wires == ("hc-ce", "v-cs", "v-nc") and g[2][1].labels == (("s", "ya"), ("e", "tidak"))
    exit_cell = g[2][2]
    assert exit_cell.wires == ("hc-wc",) and exit_cell.arrows == ("w",)
    assert exit_cell.marks == (Mark("end", "", "tidak"),)
    assert exit_cell.symbol is None


def test_plain_end_needs_no_exit_mark():
    flow = layout_flow(make_sop(st("a", keputusan="x", tidak=3) + st("b", lanjut="selesai") + st("c")))
    g = grid(flow)
    assert g[2][0].symbol is Symbol.TERMINATOR and g[2][0].wires == ("v-nc",)
    assert not flow.has_exit


def test_sop_connector_in_the_exit_column():
    flow = layout_flow(make_sop(st("a") + st("b", lanjut='"sop:470/SOP/002"')))
    g = grid(flow)
    assert g[2][0].symbol is Symbol.PROCESS  # continues elsewhere: not an end
    assert g[2][0].wires == ("hc-ce", "v-nc")
    assert g[2][1].marks == (Mark("sop", "470/SOP/002", ""),) and g[2][1].arrows == ("w",)


def test_decision_with_both_branches_leaving_uses_centre_then_bottom():
    flow = layout_flow(make_sop(st("a") + st("b", keputusan="x", ya='"sop:X/1"', tidak="selesai")))
    g = grid(flow)
    assert g[2][0].wires == ("hb-ce", "hc-ce", "v-cb", "v-nc")
    assert g[2][0].labels == (("e", "ya"), ("s", "tidak"))
    assert g[2][1].wires == ("hb-wc", "hc-wc", "v-cb")
    assert [m.kind for m in g[2][1].marks] == ["sop", "end"]


def test_multi_actor_step_symbols_joined_on_the_centre_line():
    flow = layout_flow(make_sop(st("a", "[A, C]") + st("b", "B") + st("c", "[A, B, C]"), actors="A, B, C"))
    g = grid(flow)
    assert [c.symbol for c in g[1]] == [Symbol.TERMINATOR, None, Symbol.TERMINATOR]
    # joined A..C along the centre line; leaves from the nearest actor (A, the tie's left) to B
    assert g[1][0].wires == ("hb-ce", "hc-ce", "v-cb")
    assert g[1][1].wires == ("hb-wc", "hc-we", "v-bs") and g[1][1].symbol is None
    assert g[1][2].wires == ("hc-wc",)
    assert [c.symbol for c in g[3]] == [Symbol.TERMINATOR] * 3
    assert g[3][1].wires == ("hc-we", "v-nc")  # the join passes B's symbol, B also receives the arrow
    assert g[3][0].wires == ("hc-ce",) and g[3][2].wires == ("hc-wc",)


def test_page_split_makes_lettered_connector_rows():
    sop = make_sop("".join(st(x) for x in "abcde"))
    flow = layout_flow(sop, rows_per_page=2)
    assert len(flow.pages) == 3
    kinds = [[r.kind if r.step is None else r.step.index for r in p.rows] for p in flow.pages]
    assert kinds == [[1, 2, "connector-out"], ["connector-in", 3, 4, "connector-out"], ["connector-in", 5]]
    p0, p1, p2 = (grid(flow, i) for i in range(3))
    assert p0[2][0].wires == ("v-cs", "v-nc")
    out_a = p0["connector-out"][0]
    assert (out_a.symbol, out_a.letter, out_a.wires, out_a.arrows) == (Symbol.CONNECTOR, "A", ("v-nc",), ("n",))
    in_a = p1["connector-in"][0]
    assert (in_a.symbol, in_a.letter, in_a.wires) == (Symbol.CONNECTOR, "A", ("v-cs",))
    assert p1[3][0].wires == ("v-cs", "v-nc") and p1[3][0].arrows == ("n",)
    assert p1["connector-out"][0].letter == "B" and p2["connector-in"][0].letter == "B"
    # step symbols keep their official symbols across pages
    assert p1[3][0].symbol is Symbol.PROCESS and p2[5][0].symbol is Symbol.TERMINATOR


def test_no_split_when_rows_fit_or_zero():
    sop = make_sop("".join(st(x) for x in "abc"))
    assert len(layout_flow(sop, 0).pages) == 1
    assert len(layout_flow(sop, 3).pages) == 1
    assert len(layout_flow(sop, 12).pages) == 1


def test_split_between_columns_uses_source_and_target_columns():
    flow = layout_flow(make_sop(st("a", "A") + st("b", "B")), rows_per_page=1)
    out_row = grid(flow, 0)["connector-out"]
    in_row = grid(flow, 1)["connector-in"]
    assert out_row[0].letter == "A" and out_row[1].symbol is None
    assert in_row[1].letter == "A" and in_row[0].symbol is None


def test_jump_across_pages_uses_lettered_marks_in_the_exit_column():
    sop = make_sop(st("a") + st("b") + st("c") + st("d", keputusan="Ok?", ya=5, tidak=1) + st("e"))
    flow = layout_flow(sop, rows_per_page=2)
    assert flow.has_exit and flow.lanes == 0
    p0, p1 = grid(flow, 0), grid(flow, 1)
    letters_split = [p0["connector-out"][0].letter, p1["connector-out"][0].letter]
    out_mark = p1[4][1].marks
    in_mark = p0[1][1].marks
    assert len(out_mark) == 1 and out_mark[0].kind == "connector" and not out_mark[0].incoming
    assert out_mark[0].branch == "tidak"
    assert in_mark == (Mark("connector", out_mark[0].text, "", incoming=True),)
    assert out_mark[0].text not in letters_split  # every letter names one pair
    assert p0[1][1].wires == ("ht-wc", "v-tc") and "v-tc" in p0[1][0].wires and "n" in p0[1][0].arrows
    assert p1[4][1].wires == ("hc-wc",) and p1[4][1].arrows == ("w",)


def test_letters_continue_past_z():
    sop = make_sop("".join(st(f"s{i}") for i in range(30)))
    flow = layout_flow(sop, rows_per_page=1)
    letters = [r.cells[0].letter for p in flow.pages for r in p.rows if r.kind == "connector-out"]
    assert letters[:3] == ["A", "B", "C"] and letters[25:29] == ["Z", "AA", "AB", "AC"]
    assert len(set(letters)) == len(letters) == 29


def test_self_loop_stays_in_its_own_row():
    flow = layout_flow(make_sop(st("a") + st("b", keputusan="Sudah bayar?", ya=3, tidak=2) + st("c")))
    g = grid(flow)
    assert flow.lanes == 1
    assert g[2][0].wires == ("hc-ce", "ht-ce", "v-cs", "v-nc", "v-tc")
    assert g[2][1].wires == ("hc-wc", "ht-wc", "v-tc")  # out at the centre, back in over the top
    assert g[1][1].wires == () and g[3][1].wires == ()


# ---------------------------------------------------------------------------------------
# Random valid flows: invariants
# ---------------------------------------------------------------------------------------

_Y = "ntcbs"
_X = "wce"


def _random_flow(rng: random.Random):
    actors = [f"P{i}" for i in range(rng.randint(1, 4))]
    n = rng.randint(2, 14)
    lines = []
    for i in range(1, n + 1):
        k = 1 if rng.random() < 0.75 or len(actors) == 1 else rng.randint(2, len(actors))
        who = rng.sample(actors, k)
        actor = who[0] if k == 1 else "[" + ", ".join(who) + "]"
        keys = {}

        def target():
            r = rng.random()
            if r < 0.15:
                return "selesai"
            if r < 0.22:
                return f'"sop:X/{rng.randint(1, 3)}"'
            return str(rng.randint(1, n))
        r = rng.random()
        if r < 0.3:
            keys["keputusan"] = "Q?"
            keys["tidak"] = target()
            if rng.random() < 0.4 or i == n:
                keys["ya"] = target()
        elif r < 0.45:
            keys["lanjut"] = target()
        lines.append(st(f"s{i}", actor, **keys))
    result = parse_block('nomor: "R"\nnama: R\nunit: U\nlangkah:\n' + "".join(lines), "r.md", 1)
    return result.sop if result.ok else None


def random_flows(count: int = 300, seed: int = 35_2012):
    rng = random.Random(seed)
    found = []
    while len(found) < count:
        sop = _random_flow(rng)
        if sop is not None:
            found.append((sop, rng.choice([0, 0, 2, 3, 4, 5])))
    return found


FLOWS = random_flows()


def _check_symbols_and_crossings(sop, flow):
    cols = {a: i for i, a in enumerate(flow.actors)}
    for page in flow.pages:
        for row in page.rows:
            step = row.step
            for c, cell in enumerate(row.cells):
                if step is not None:
                    mine = sorted(cols[a] for a in step.pelaksana)
                    expected = sop.symbol_of(step) if c in mine else None
                    assert cell.symbol is expected, (step.index, c)
                else:
                    assert cell.symbol in (None, Symbol.CONNECTOR)
                    assert bool(cell.letter) == (cell.symbol is Symbol.CONNECTOR)
                if c >= len(flow.actors):
                    assert cell.symbol is None  # lanes and exit column hold no symbols
                if cell.symbol is None:
                    continue
                for wire in cell.wires:
                    if wire.startswith("v-"):
                        a, b = _Y.index(wire[2]), _Y.index(wire[3])
                        # a vertical wire must not run across the symbol: it ends at the centre
                        # or stays entirely above (n..t) or below (b..s) it
                        assert "c" in wire[2:] or b <= 1 or a >= 3, (step and step.index, c, wire)
                    elif wire[1] == "c":
                        if "c" in wire[3:]:
                            continue  # ends at the symbol
                        # through the symbol: only the multi-actor join of this very step
                        assert step is not None and len(step.pelaksana) > 1, (step and step.index, c, wire)
                        mine = sorted(cols[a] for a in step.pelaksana)
                        assert mine[0] < c < mine[-1], (step.index, c, wire)


def _check_connections(sop, flow):
    """Follow the wires as a graph: every edge is drawn, and nothing else is joined."""
    A = len(flow.actors)
    X = len(flow.actors) + flow.lanes if flow.has_exit else None
    for p, page in enumerate(flow.pages):
        rows = page.rows
        graph = defaultdict(set)

        def link(a, b):
            graph[a].add(b)
            graph[b].add(a)

        terminals = {}  # centre node -> what sits there
        for r, row in enumerate(rows):
            for c, cell in enumerate(row.cells):
                for wire in cell.wires:
                    if wire.startswith("v-"):
                        link((r, c, "c", wire[2]), (r, c, "c", wire[3]))
                    else:
                        link((r, c, wire[3], wire[1]), (r, c, wire[4], wire[1]))
                centre = (r, c, "c", "c")
                if cell.symbol is not None:
                    terminals[centre] = ("step", row.step.index) if row.step else ("conn", row.kind, cell.letter)
                elif cell.marks:
                    terminals[centre] = ("marks", r)
                # continuity with the cell below and to the right
                if r + 1 < len(rows):
                    link((r, c, "c", "s"), (r + 1, c, "c", "n"))
                if c + 1 < len(row.cells):
                    for y in _Y:
                        link((r, c, "e", y), (r, c + 1, "w", y))

        def reach(starts):
            seen, todo, hit = set(starts), list(starts), set()
            while todo:
                node = todo.pop()
                for nxt in graph[node]:
                    if nxt in seen:
                        continue
                    seen.add(nxt)
                    if nxt in terminals:
                        hit.add(terminals[nxt])
                        continue
                    todo.append(nxt)
            return hit

        row_of = {row.step.index: r for r, row in enumerate(rows) if row.step}
        on_page = set(row_of)
        # what draws an edge into each step on this page (edges into one step may merge)
        into = defaultdict(set)
        succ = defaultdict(set)
        for s in sop.steps:
            for _, t in s.targets():
                if t is None or t.kind is not TargetKind.STEP or t.step not in on_page:
                    continue
                if s.index in on_page:
                    into[t.step].add(("step", s.index))
                    succ[s.index].add(t.step)
                elif t.step == s.index + 1:
                    into[t.step].add(("conn", "connector-in"))
                else:
                    into[t.step].add(("marks", row_of[t.step]))
        # expected undirected neighbours of each step drawn on this page
        expected = defaultdict(set)
        for s in sop.steps:
            for branch, t in s.targets():
                if t is None:
                    continue
                if t.kind is TargetKind.STEP and t.step == s.index:
                    continue  # a self-loop: checked by its wires below
                if t.kind is TargetKind.STEP and s.index in on_page and t.step in on_page:
                    expected[s.index].add(("step", t.step))
                    expected[t.step].add(("step", s.index))
                elif t.kind is TargetKind.STEP and t.step == s.index + 1:
                    if s.index in on_page:
                        expected[s.index].add(("conn", "connector-out"))
                    if t.step in on_page:
                        expected[t.step].add(("conn", "connector-in"))
                elif t.kind is TargetKind.STEP:
                    if s.index in on_page:
                        expected[s.index].add(("marks", row_of[s.index]))
                    if t.step in on_page:
                        expected[t.step].add(("marks", row_of[t.step]))
                elif t.kind is TargetKind.SOP or s.decision:
                    expected[s.index].add(("marks", row_of[s.index]) if s.index in on_page else None)
        for index in on_page:
            r = row_of[index]
            starts = [node for node, what in terminals.items() if what == ("step", index)]
            hit = reach(starts)
            hit = {h[:2] if h[0] == "conn" else h for h in hit}
            exp = {e for e in expected[index] if e is not None}
            merged = set().union(*(into[t] for t in succ[index])) - {("step", index)}
            assert exp <= hit <= exp | merged, (index, p, hit, exp)
        # arrows: each step entered on this page has an arrowhead into it from above
        for s in sop.steps:
            for _, t in s.targets():
                if t is not None and t.kind is TargetKind.STEP and t.step in on_page:
                    cells = rows[row_of[t.step]].cells
                    assert any("n" in cells[c].arrows for c in range(A)), (t.step, p)
        if X is not None:
            for row in rows:
                for c, cell in enumerate(row.cells):
                    assert not cell.marks or c >= X


@pytest.mark.parametrize("chunk", range(6))
def test_random_flows_keep_the_invariants(chunk):
    checked = 0
    for sop, per_page in FLOWS[chunk::6]:
        flow = layout_flow(sop, per_page)
        # every step appears once, in order
        indices = [r.step.index for p in flow.pages for r in p.rows if r.step]
        assert indices == list(range(1, len(sop.steps) + 1))
        for page in flow.pages:
            for row in page.rows:
                assert len(row.cells) == flow.columns
        _check_symbols_and_crossings(sop, flow)
        _check_connections(sop, flow)
        checked += 1
    assert checked == 50


def test_random_flows_exercise_every_feature():
    seen = set()
    for sop, per_page in FLOWS:
        flow = layout_flow(sop, per_page)
        seen.add(("pages", len(flow.pages) > 1))
        seen.add(("lanes>1", flow.lanes > 1))
        seen.add(("exit", flow.has_exit))
        for page in flow.pages:
            for row in page.rows:
                for cell in row.cells:
                    for mark in cell.marks:
                        seen.add(("mark", mark.kind, mark.incoming))
                    if cell.symbol:
                        seen.add(("symbol", cell.symbol))
        if any(len(s.pelaksana) > 1 for s in sop.steps):
            seen.add(("multi", True))
    for feature in [("pages", True), ("lanes>1", True), ("exit", True), ("mark", "end", False),
                    ("mark", "sop", False), ("mark", "connector", False), ("mark", "connector", True),
                    ("multi", True)] + [("symbol", s) for s in Symbol]:
        assert feature in seen, feature


# ---------------------------------------------------------------------------------------
# Sheets by printed height
# ---------------------------------------------------------------------------------------

def test_sheets_break_by_height_not_row_count():
    from mkdocs_sop.core.layout import Paper, paginate
    sop = make_sop("".join(st(f"s{i}") for i in range(1, 9)))
    tall = {2, 3, 6}
    paper = Paper(room=300, row_height=lambda s: 120 if s.index in tall else 50, connector_row=50, footer=40)
    page_of = paginate(sop.steps, 8, paper)
    # sheet 1: 50 + 120 (+ 50 connector) fits, a second 120 would not; and so on
    assert [page_of[i] for i in range(1, 9)] == [0, 0, 1, 1, 2, 2, 3, 3]
    flow = layout_flow(sop, 8, paper)
    assert len(flow.pages) == 4
    # every break keeps its lettered pair: foot of one sheet, top of the next
    for before, after in zip(flow.pages, flow.pages[1:]):
        out = [c.letter for c in before.rows[-1].cells if c.letter]
        into = [c.letter for c in after.rows[0].cells if c.letter]
        assert before.rows[-1].kind == "connector-out" and after.rows[0].kind == "connector-in"
        assert out and out == into


def test_a_row_taller_than_a_sheet_gets_a_sheet_of_its_own_and_the_cap_still_holds():
    from mkdocs_sop.core.layout import Paper, paginate
    sop = make_sop("".join(st(f"s{i}") for i in range(1, 6)))
    paper = Paper(room=300, row_height=lambda s: 400 if s.index == 3 else 50, connector_row=50)
    assert list(paginate(sop.steps, 8, paper).values()) == [0, 0, 1, 2, 2]
    assert list(paginate(sop.steps, 2, None).values()) == [0, 0, 1, 1, 2]


def test_a_row_leaving_and_arrived_at_from_another_sheet_keeps_the_marks_apart():
    """Step 2 leaves for step 4 (next sheet) and is arrived at from step 3 (next sheet): the
    arriving connector gets its own column, so its wire never runs through the leaving mark."""
    sop = make_sop(st("a") + st("b", keputusan="Kuorum?", ya=4, tidak=3) + st("c", lanjut=2) + st("d"))
    flow = layout_flow(sop, 2)
    assert flow.exits == 2
    g = grid(flow, 0)
    out_col, in_col = len(flow.actors) + flow.lanes, len(flow.actors) + flow.lanes + 1
    assert [m.incoming for m in g[2][out_col].marks] == [False]
    assert [m.incoming for m in g[2][in_col].marks] == [True]
