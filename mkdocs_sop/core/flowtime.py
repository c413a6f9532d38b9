"""How long a procedure takes, as an auditor reads it: one function for every total.

The SOP page's footer, the step list, the catalogue's time column, the actor index and
the exports all ask :func:`flow_time` or :func:`steps_time`; nothing else adds times.

The rules (issue 12, item 2):

- a ``waktu`` cell holding alternatives (``7 hari kerja (III/d); 14 hari kerja (IV/a)``)
  is a range from the shortest to the longest alternative, never a sum
  (:func:`timeparse.parse_duration` reads it so);
- a flowchart's total is a range from the fastest to the slowest path from the first
  step to an end, each loop (an edge back to an earlier step) taken at most once;
- steps with no ``waktu`` and steps whose ``waktu`` names no quantity are counted and
  named, never silently taken as zero;
- calendar days, working days, months and clock time stay in separate buckets
  (:class:`timeparse.Amount`), so they are never added into one number.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Iterable, Sequence

from .model import Sop, SopFormat, Step, TargetKind, leaf_steps
from .timeparse import Duration, parse_duration, rough_minutes, sum_durations

#: Loops (edges back to an earlier step) followed at most once each; a flow with more
#: loops than this has the rest left out of the slowest path (the state space doubles
#: with every loop).
MAX_LOOPS = 6


def step_duration(step: Step) -> Duration | None:
    """The step's own time; ``None`` when it has none or names no quantity."""
    return parse_duration(step.waktu) if step.waktu else None


@dataclass(frozen=True)
class FlowTime:
    """A total and what it leaves out.

    ``total`` runs from the fastest path's low end to the slowest path's high end
    (``None`` when no step has a readable time); ``over_paths`` is true when those are
    different paths, so the page says the total is a range over paths.
    """

    total: Duration | None
    untimed: tuple[Step, ...] = ()  # steps with no waktu
    unreadable: tuple[Step, ...] = ()  # waktu that names no quantity (``segera``)
    over_paths: bool = False

    @property
    def has_anything(self) -> bool:
        return self.total is not None or bool(self.unreadable)


def steps_time(steps: Iterable[Step]) -> FlowTime:
    """The steps one after another (a step list, or one actor's steps in an SOP)."""
    durations, untimed, unreadable = [], [], []
    for step in steps:
        if not step.waktu:
            untimed.append(step)
            continue
        d = step_duration(step)
        if d is None:
            unreadable.append(step)
        else:
            durations.append(d)
    total = sum_durations(durations) if durations else None
    return FlowTime(total, tuple(untimed), tuple(unreadable))


_KNOWN = 8192  # SOPs whose total is remembered (the page, the catalogue and the exports all ask)
_known: OrderedDict[int, tuple[Sop, FlowTime]] = OrderedDict()
_known_lock = threading.Lock()


def flow_time(sop: Sop) -> FlowTime:
    """The SOP's total: over paths for a flowchart, every leaf step for a step list.

    Remembered per SOP object (the model is frozen): the page, the catalogue pages and the
    exports each ask for it, and the paths are the costly part."""
    with _known_lock:
        known = _known.get(id(sop))
    if known is not None and known[0] is sop:
        return known[1]
    found = _flow_time(sop)
    with _known_lock:
        _known[id(sop)] = (sop, found)  # holding the SOP keeps its id from being reused
        while len(_known) > _KNOWN:
            _known.popitem(last=False)
    return found


def _flow_time(sop: Sop) -> FlowTime:
    if sop.format is not SopFormat.DIAGRAM_ALIR or not sop.steps:
        return steps_time(leaf_steps(sop.steps))
    base = steps_time(sop.steps)
    paths = _extreme_paths(sop)
    if paths is None:
        return base
    fastest, slowest = paths
    low = sum_durations(_durations(fastest))
    high = sum_durations(_durations(slowest))
    if not any(step_duration(s) for s in (*fastest, *slowest)):
        return FlowTime(None, base.untimed, base.unreadable)
    return FlowTime(Duration(low.low, high.high), base.untimed, base.unreadable,
                    over_paths=[s.index for s in fastest] != [s.index for s in slowest])


def _durations(path: Sequence[Step]) -> list[Duration]:
    return [d for d in (step_duration(s) for s in path) if d is not None]


def _extreme_paths(sop: Sop) -> tuple[list[Step], list[Step]] | None:
    """The fastest and the slowest path from step 1 to an end, or ``None`` when no end
    can be reached. A state is (step, loops already followed): an edge forward keeps the
    loops, an edge back adds one, so states form a DAG and one pass in order finds both."""
    by_index = {s.index: s for s in sop.steps}
    loops: list[tuple[int, int]] = []
    for step in sop.steps:
        for _, t in step.targets():
            if t.kind is TargetKind.STEP and t.step in by_index and t.step <= step.index:
                loops.append((step.index, t.step))
    loops = loops[:MAX_LOOPS]
    loop_bit = {edge: 1 << i for i, edge in enumerate(loops)}

    def low_of(step: Step) -> float:
        d = step_duration(step)
        return rough_minutes(d.low) if d else 0.0

    def high_of(step: Step) -> float:
        d = step_duration(step)
        return rough_minutes(d.high) if d else 0.0

    # best[state] = (weight, path) for the fastest and the slowest way to reach it
    fast: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {}
    slow: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {}
    start = sop.steps[0].index
    fast[(start, 0)] = (low_of(sop.steps[0]), (start,))
    slow[(start, 0)] = (high_of(sop.steps[0]), (start,))
    ends_fast: list[tuple[float, tuple[int, ...]]] = []
    ends_slow: list[tuple[float, tuple[int, ...]]] = []
    for mask in sorted(range(1 << len(loops)), key=lambda m: (bin(m).count("1"), m)):
        for index in sorted(by_index):
            state = (index, mask)
            if state not in fast:
                continue
            step = by_index[index]
            targets = [t for _, t in step.targets()]
            if not targets or any(t.kind is not TargetKind.STEP or t.step not in by_index for t in targets):
                ends_fast.append(fast[state])
                ends_slow.append(slow[state])
            for t in targets:
                if t.kind is not TargetKind.STEP or t.step not in by_index:
                    continue
                if t.step > index:
                    nxt = (t.step, mask)
                else:
                    bit = loop_bit.get((index, t.step))
                    if bit is None or mask & bit:
                        continue  # a loop already followed once (or past MAX_LOOPS)
                    nxt = (t.step, mask | bit)
                target = by_index[t.step]
                f_weight, f_path = fast[state]
                s_weight, s_path = slow[state]
                cand_f = (f_weight + low_of(target), f_path + (t.step,))
                cand_s = (s_weight + high_of(target), s_path + (t.step,))
                if nxt not in fast or cand_f[0] < fast[nxt][0]:
                    fast[nxt] = cand_f
                if nxt not in slow or cand_s[0] > slow[nxt][0]:
                    slow[nxt] = cand_s
    if not ends_fast:
        return None
    fastest = min(ends_fast, key=lambda wp: (wp[0], len(wp[1])))[1]
    slowest = max(ends_slow, key=lambda wp: (wp[0], -len(wp[1])))[1]
    return [by_index[i] for i in fastest], [by_index[i] for i in slowest]
