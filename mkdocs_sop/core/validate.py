"""Flow rules of one SOP (targets, actors, reachability) and the site-wide rules.

Kept apart from parsing so the CLI, the plugin and tests share one verdict.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from .model import Diagnostic, Severity, Sop, SopFormat, SopType, Step, Target, TargetKind

END_WORDS = {"selesai", "end"}
SOP_PREFIX = "sop:"


def _hint_close(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"Did you mean `{close[0]}`?" if close else ""


def resolve_flow(sop: Sop, step_maps: list, md_line: Callable[[int], int],
                 explicit_actors: bool) -> tuple[Sop, list[Diagnostic]]:
    """Resolve every target to a step number, END or another SOP, and check the flow."""
    out: list[Diagnostic] = []
    path = sop.source_path

    def error(message: str, line: int, key: str, hint: str = "") -> None:
        out.append(Diagnostic(Severity.ERROR, message, path, line, 0, key, hint))

    def warning(message: str, line: int, key: str, hint: str = "") -> None:
        out.append(Diagnostic(Severity.WARNING, message, path, line, 0, key, hint))

    steps = sop.steps
    count = len(steps)
    actor_line = sop.lines.get("pelaksana", sop.line + 1)

    for actor, times in Counter(sop.pelaksana).items():
        if times > 1:
            error(f"actor `{actor}` is listed {times} times.", actor_line, "pelaksana",
                  "List each actor once.")
    if explicit_actors:
        known = set(sop.pelaksana)
        used: set[str] = set()
        for step in _walk(steps):
            for actor in step.pelaksana:
                used.add(actor)
                if actor not in known:
                    hint = _hint_close(actor, known) or (
                        f"Add `{actor}` to the SOP's `pelaksana` list, or use one of: "
                        + ", ".join(f"`{a}`" for a in sop.pelaksana) + ".")
                    error(f"actor `{actor}` is not in the SOP's `pelaksana` list.", step.line,
                          f"langkah[{step.number}].pelaksana", hint)
        for actor in sop.pelaksana:
            if actor not in used:
                warning(f"actor `{actor}` has no step, so its column would stay empty.", actor_line,
                        "pelaksana", "Remove it, or give it a step.")
    if sop.jenis is SopType.TEKNIS and len(sop.pelaksana) > 1:
        warning(f"an SOP teknis is done by one actor (Permen PANRB 35/2012), this one has "
                f"{len(sop.pelaksana)}: " + ", ".join(sop.pelaksana) + ".",
                sop.lines.get("jenis", sop.line + 1), "jenis",
                "Use `jenis: administratif`, or split the procedure.")

    if sop.format is not SopFormat.DIAGRAM_ALIR:
        return sop, out

    ids: dict[str, int] = {}
    for step in steps:
        if step.id:
            if step.id in ids:
                error(f"id `{step.id}` is already used by step {ids[step.id]}.", step.line,
                      f"langkah[{step.number}].id", "Give each step its own id.")
            else:
                ids[step.id] = step.index

    def resolve(value, line: int, key: str) -> Target | None:
        written = str(value)
        if isinstance(value, bool) or value is None or isinstance(value, (list, dict, float)):
            error("a target must be a step number, a step `id`, `selesai` or `sop:<nomor>`.", line, key,
                  "For example `tidak: 2` or `tidak: selesai`.")
            return None
        if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
            number = int(value)
            if 1 <= number <= count:
                return Target(TargetKind.STEP, step=number, written=written)
            error(f"step {number} does not exist: this SOP has steps 1 to {count}.", line, key,
                  "Use a step number in that range, a step `id`, or `selesai`.")
            return None
        text = value.strip()
        if text.lower() in END_WORDS:
            return Target(TargetKind.END, written=written)
        if text.lower().startswith(SOP_PREFIX):
            other = text[len(SOP_PREFIX):].strip()
            if not other:
                error("`sop:` must be followed by the other SOP's nomor.", line, key,
                      "For example `lanjut: \"sop:470/SOP-PDP/002/2024\"`.")
                return None
            return Target(TargetKind.SOP, sop=other, written=written)
        if text in ids:
            return Target(TargetKind.STEP, step=ids[text], written=written)
        hint = _hint_close(text, list(ids) + ["selesai"]) or (
            "Known ids: " + ", ".join(f"`{i}`" for i in ids) + "." if ids else
            "Give the target step an `id:`, or use its number.")
        error(f"`{text}` names no step.", line, key, hint)
        return None

    resolved: list[Step] = []
    for step, (vals, lines, item_line) in zip(steps, step_maps):
        def line_of(key: str) -> int:
            return md_line(lines.get(key, item_line))

        where = f"langkah[{step.number}]"
        default_next = (Target(TargetKind.STEP, step=step.index + 1, written="")
                        if step.index < count else Target(TargetKind.END, written=""))
        if step.decision:
            if "lanjut" in vals:
                error("a decision goes on by `ya` and `tidak`, not `lanjut`.", line_of("lanjut"),
                      where + ".lanjut", "Replace `lanjut:` by `ya:`.")
            yes = resolve(vals["ya"], line_of("ya"), where + ".ya") if "ya" in vals else None
            if "ya" not in vals:
                if step.index < count:
                    yes = default_next
                else:
                    error("the last step is a decision, so `ya` has no next step to default to.",
                          step.line, where + ".ya", "Add `ya: selesai` or a step to go to.")
            no = None
            if "tidak" in vals:
                no = resolve(vals["tidak"], line_of("tidak"), where + ".tidak")
            else:
                error("a decision needs a `tidak` target (where the flow goes when the answer is no).",
                      step.line, where + ".tidak", "Add `tidak: <step number, id or selesai>`.")
            resolved.append(replace(step, yes=yes, no=no))
        else:
            for key in ("ya", "tidak"):
                if key in vals:
                    error(f"`{key}` is only for decisions.", line_of(key), f"{where}.{key}",
                          "Add `keputusan: <question>` to make this step a decision, or use `lanjut:`.")
            nxt = resolve(vals["lanjut"], line_of("lanjut"), where + ".lanjut") if "lanjut" in vals \
                else default_next
            resolved.append(replace(step, next=nxt))
    if any(d.severity is Severity.ERROR for d in out):
        return sop, out
    sop = replace(sop, steps=tuple(resolved))
    out.extend(check_reachability(sop))
    return sop, out


def successors(step: Step) -> list[int]:
    return [t.step for _, t in step.targets() if t is not None and t.kind is TargetKind.STEP]


def _ends_here(step: Step) -> bool:
    """The flow leaves the SOP at this step (an end, or an off-page continuation)."""
    return any(t is not None and t.kind is not TargetKind.STEP for _, t in step.targets())


def check_reachability(sop: Sop) -> list[Diagnostic]:
    """Every step reachable from step 1, and every reachable step able to reach an end."""
    out: list[Diagnostic] = []
    steps = {s.index: s for s in sop.steps}
    seen = {1}
    todo = [1]
    while todo:
        for nxt in successors(steps[todo.pop()]):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    for step in sop.steps:
        if step.index not in seen:
            out.append(Diagnostic(
                Severity.ERROR, f"step {step.index} can never be reached from step 1.",
                sop.source_path, step.line, 0, f"langkah[{step.number}]",
                "Point a `lanjut`, `ya` or `tidak` of an earlier step at it, or remove it."))
    # Reverse search from every step that ends the flow.
    preds: dict[int, list[int]] = {i: [] for i in steps}
    for step in sop.steps:
        for nxt in successors(step):
            preds[nxt].append(step.index)
    can_end = {s.index for s in sop.steps if _ends_here(s)}
    todo = list(can_end)
    while todo:
        for prev in preds[todo.pop()]:
            if prev not in can_end:
                can_end.add(prev)
                todo.append(prev)
    stuck = [s for s in sop.steps if s.index in seen and s.index not in can_end]
    if stuck:
        first = stuck[0]
        numbers = ", ".join(str(s.index) for s in stuck)
        out.append(Diagnostic(
            Severity.ERROR, f"the flow from step {first.index} never reaches an end (steps {numbers} "
            "loop forever).", sop.source_path, first.line, 0, f"langkah[{first.number}]",
            "Give one of these steps a way out: a decision with `tidak: selesai`, or a `lanjut` "
            "to a later step."))
    return out


def _walk(steps):
    for step in steps:
        yield step
        yield from _walk(step.substeps)


def walk_steps(steps):
    """Every step, depth first, sub-steps after their parent."""
    return _walk(steps)


@dataclass
class SiteIndex:
    """Every SOP of a site, to resolve cross-references and site-wide rules."""

    sops: list[Sop] = field(default_factory=list)
    by_nomor: dict[str, Sop] = field(default_factory=dict)
    by_nama: dict[str, Sop] = field(default_factory=dict)

    def add(self, sop: Sop) -> Diagnostic | None:
        """Register an SOP; a second use of the same nomor is an error on the later one."""
        first = self.by_nomor.get(sop.nomor)
        self.sops.append(sop)
        if first is not None and first is not sop:
            return Diagnostic(
                Severity.ERROR,
                f"nomor `{sop.nomor}` is already used by \"{first.nama}\" ({first.source_path}:"
                f"{first.lines.get('nomor', first.line + 1)}).",
                sop.source_path, sop.lines.get("nomor", sop.line + 1), 0, "nomor",
                "Every SOP in the site needs its own number.")
        self.by_nomor[sop.nomor] = sop
        self.by_nama.setdefault(_fold(sop.nama), sop)
        return None

    def find(self, reference: str) -> Sop | None:
        """An SOP named by its nomor or its nama (case and spacing ignored for nama)."""
        ref = reference.strip()
        if ref.lower().startswith(SOP_PREFIX):
            ref = ref[len(SOP_PREFIX):].strip()
        return self.by_nomor.get(ref) or self.by_nama.get(_fold(ref))

    def unresolved(self, sop: Sop) -> list[tuple[str, str, int]]:
        """(kind, reference, line) of every related item and `sop:` target naming no SOP."""
        out = []
        for item in sop.keterkaitan:
            if self.find(item) is None:
                out.append(("keterkaitan", item, sop.lines.get("keterkaitan", sop.line + 1)))
        for step in sop.steps:
            for _, target in step.targets():
                if target is not None and target.kind is TargetKind.SOP and self.find(target.sop) is None:
                    out.append(("sop", target.sop, step.line))
        for nomor in sop.menggantikan:
            if self.find(nomor) is None:
                out.append(("menggantikan", nomor, sop.lines.get("menggantikan", sop.line + 1)))
        return out


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def site_diagnostics(index: SiteIndex, strict_links: bool = False) -> list[Diagnostic]:
    """Cross-SOP problems: unresolved ``sop:`` targets (always), related items (when strict)."""
    out = []
    for sop in index.sops:
        for kind, ref, line in index.unresolved(sop):
            if kind == "keterkaitan" and not strict_links:
                continue
            what = {"keterkaitan": "related SOP", "sop": "the flow continues in SOP",
                    "menggantikan": "superseded SOP"}[kind]
            out.append(Diagnostic(
                Severity.WARNING, f"{what} `{ref}` is not in this site.", sop.source_path, line, 0,
                {"sop": "lanjut", "keterkaitan": "keterkaitan", "menggantikan": "menggantikan"}[kind],
                _hint_close(ref, list(index.by_nomor)) or "Check the other SOP's `nomor` (or `nama`)."))
    return out
