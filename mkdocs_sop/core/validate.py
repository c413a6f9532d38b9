"""Flow rules of one SOP (targets, actors, reachability) and the site-wide rules.

Kept apart from parsing so the CLI, the plugin and tests share one verdict.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from .messages import DEFAULT_LANGUAGE, closest, did_you_mean, hint as _hint, make
from .model import Diagnostic, Severity, Sop, SopFormat, SopType, Step, Target, TargetKind, walk_steps

END_WORDS = {"selesai", "end"}
SOP_PREFIX = "sop:"


def _backticked(words) -> str:
    return ", ".join(f"`{w}`" for w in words)


def resolve_flow(sop: Sop, step_maps: list, md_line: Callable[[int], int],
                 explicit_actors: bool, language: str = DEFAULT_LANGUAGE) -> tuple[Sop, list[Diagnostic]]:
    """Resolve every target to a step number, END or another SOP, and check the flow."""
    out: list[Diagnostic] = []
    path = sop.source_path

    def report(code: str, line: int, key: str, hint: str | None = None, **params) -> None:
        out.append(make(code, language, path=path, line=line, key=key, hint_text=hint, **params))

    steps = sop.steps
    count = len(steps)
    actor_line = sop.lines.get("pelaksana", sop.line + 1)

    for actor, times in Counter(sop.pelaksana).items():
        if times > 1:
            report("actor-listed-twice", actor_line, "pelaksana", actor=actor, times=times)
    if explicit_actors:
        known = set(sop.pelaksana)
        used: set[str] = set()
        misspelt: dict[str, tuple[str, int]] = {}  # listed actor -> (how a step wrote it, that step)
        for step in walk_steps(steps):
            for actor in step.pelaksana:
                used.add(actor)
                if actor not in known:
                    close = closest(actor, known)
                    if close:
                        misspelt.setdefault(close, (actor, step.number))
                    report("actor-not-listed", step.actor_line or step.line, f"langkah[{step.number}].pelaksana",
                           _hint("did-you-mean", language, suggestion=close) if close else None,
                           actor=actor, actors=_backticked(sop.pelaksana))
        for actor in sop.pelaksana:
            if actor not in used:
                # Unused because a step misspells it: the fix is in that step, not in the list.
                written, number = misspelt.get(actor, ("", 0))
                report("actor-unused", actor_line, "pelaksana",
                       _hint("actor-misspelt", language, actor=actor, written=written, step=number)
                       if written else None, actor=actor)
    if sop.jenis is SopType.TEKNIS and len(sop.pelaksana) > 1:
        report("teknis-many-actors", sop.lines.get("jenis", sop.line + 1), "jenis",
               count=len(sop.pelaksana), actors=", ".join(sop.pelaksana))

    if sop.format is not SopFormat.DIAGRAM_ALIR:
        return sop, out

    ids: dict[str, int] = {}
    for step in steps:
        if step.id:
            if step.id in ids:
                report("duplicate-id", step.line, f"langkah[{step.number}].id", id=step.id, step=ids[step.id])
            else:
                ids[step.id] = step.index

    def resolve(value, line: int, key: str) -> Target | None:
        written = str(value)
        if isinstance(value, bool) or not isinstance(value, (int, str)):  # also dates: `ya: 2024-01-10`
            report("target-invalid", line, key)
            return None
        if isinstance(value, int) or (isinstance(value, str) and value.strip().isdecimal()):
            digits = str(value).strip()
            number = int(digits) if len(digits) <= 12 else 0  # isdecimal, not isdigit: int("²") fails
            if 1 <= number <= count:
                return Target(TargetKind.STEP, step=number, written=written)
            report("target-out-of-range", line, key, number=number or digits[:20], count=count)
            return None
        text = value.strip()
        if text.lower() in END_WORDS:
            return Target(TargetKind.END, written=written)
        if text.lower().startswith(SOP_PREFIX):
            other = text[len(SOP_PREFIX):].strip()
            if not other:
                report("sop-target-empty", line, key)
                return None
            return Target(TargetKind.SOP, sop=other, written=written, line=line)
        if text in ids:
            return Target(TargetKind.STEP, step=ids[text], written=written)
        hint = did_you_mean(text, list(ids) + ["selesai"], language) or (
            _hint("known-ids", language, ids=_backticked(ids)) if ids else None)
        report("target-unknown", line, key, hint, target=text)
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
                report("decision-with-lanjut", line_of("lanjut"), where + ".lanjut")
            yes = resolve(vals["ya"], line_of("ya"), where + ".ya") if "ya" in vals else None
            if "ya" not in vals:
                if step.index < count:
                    yes = default_next
                else:
                    report("last-decision-needs-ya", line_of("keputusan"), where + ".ya")
            no = None
            if "tidak" in vals:
                no = resolve(vals["tidak"], line_of("tidak"), where + ".tidak")
            else:
                report("decision-needs-tidak", line_of("keputusan"), where + ".tidak")  # the key that made it a decision
            resolved.append(replace(step, yes=yes, no=no))
        else:
            for key in ("ya", "tidak"):
                if key in vals:
                    report("branch-on-non-decision", line_of(key), f"{where}.{key}", branch=key)
            nxt = resolve(vals["lanjut"], line_of("lanjut"), where + ".lanjut") if "lanjut" in vals \
                else default_next
            resolved.append(replace(step, next=nxt))
    if any(d.severity is Severity.ERROR for d in out):
        return sop, out
    sop = replace(sop, steps=tuple(resolved))
    out.extend(check_reachability(sop, language))
    return sop, out


def successors(step: Step) -> list[int]:
    return [t.step for _, t in step.targets() if t is not None and t.kind is TargetKind.STEP]


def _ends_here(step: Step) -> bool:
    """The flow leaves the SOP at this step (an end, or an off-page continuation)."""
    return any(t is not None and t.kind is not TargetKind.STEP for _, t in step.targets())


def check_reachability(sop: Sop, language: str = DEFAULT_LANGUAGE) -> list[Diagnostic]:
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
            out.append(make("unreachable-step", language, path=sop.source_path, line=step.line,
                            key=f"langkah[{step.number}]", step=step.index))
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
        out.append(make("never-ends", language, path=sop.source_path, line=first.line,
                        key=f"langkah[{first.number}]", step=first.index, steps=numbers))
    return out


@dataclass
class SiteIndex:
    """Every SOP of a site, to resolve cross-references and site-wide rules."""

    sops: list[Sop] = field(default_factory=list)
    by_nomor: dict[str, Sop] = field(default_factory=dict)
    by_nama: dict[str, Sop] = field(default_factory=dict)
    _words: dict[str, list[int]] | None = field(default=None, repr=False)  # word -> ids of SOPs, for suggestion()
    _by_id: dict[int, Sop] = field(default_factory=dict, repr=False)

    def add(self, sop: Sop, language: str = DEFAULT_LANGUAGE) -> Diagnostic | None:
        """Register an SOP; a second use of the same nomor is an error on the later one."""
        first = self.by_nomor.get(sop.nomor)
        self.sops.append(sop)
        if first is not None and first is not sop:
            return make("duplicate-nomor", language, path=sop.source_path,
                        line=sop.lines.get("nomor", sop.line + 1), key="nomor", nomor=sop.nomor,
                        nama=first.nama, where=f"{first.source_path}:{first.lines.get('nomor', first.line + 1)}")
        self.by_nomor[sop.nomor] = sop
        self.by_nama.setdefault(_fold(sop.nama), sop)
        self._words = None
        return None

    def find(self, reference: str) -> Sop | None:
        """An SOP named by its nomor or its nama (case and spacing ignored for nama).

        Editors write "SOP Penerbitan Kartu Keluarga" as they would in a letter, so a
        leading word "SOP" is dropped when the reference does not match as written.
        """
        ref = reference.strip()
        if ref.lower().startswith(SOP_PREFIX):
            ref = ref[len(SOP_PREFIX):].strip()
        found = self.by_nomor.get(ref) or self.by_nama.get(_fold(ref))
        if found is None and _SOP_WORD.match(ref):
            bare = _SOP_WORD.sub("", ref, count=1)
            found = self.by_nomor.get(bare) or self.by_nama.get(_fold(bare))
        return found

    def suggestion(self, reference: str, sop: Sop, language: str = DEFAULT_LANGUAGE) -> str:
        """"Did you mean" among the other SOPs' numbers and names, or "".

        Only the SOPs sharing the most words with the reference are compared, so a site
        of thousands of SOPs stays fast.
        """
        if self._words is None:
            self._words, self._by_id = {}, {id(other): other for other in self.sops}
            for other in self.sops:
                for word in set(_fold(f"{other.nomor} {other.nama}").replace("/", " ").split()):
                    self._words.setdefault(word, []).append(id(other))
        bare = _SOP_WORD.sub("", reference.strip(), count=1)
        shared: Counter = Counter()
        for word in set(_fold(bare).replace("/", " ").split()):
            shared.update(self._words.get(word, ()))  # counted in C: common words name thousands of SOPs
        for key in [key for key in shared if self._by_id[key].nomor == sop.nomor]:
            del shared[key]  # never suggest the SOP itself
        closest = [self._by_id[key] for key, _ in shared.most_common(_SUGGESTION_POOL)]
        return did_you_mean(bare, [c for other in closest for c in (other.nomor, other.nama)], language)

    def unresolved(self, sop: Sop) -> list[tuple[str, str, int]]:
        """(kind, reference, line) of every related item and `sop:` target naming no SOP."""
        out = []
        for i, item in enumerate(sop.keterkaitan):
            if self.find(item) is None:
                out.append(("keterkaitan", item, _item_line(sop, "keterkaitan", i)))
        for step in sop.steps:
            for _, target in step.targets():
                if target is not None and target.kind is TargetKind.SOP and self.find(target.sop) is None:
                    out.append(("sop", target.sop, target.line or step.line))
        for i, nomor in enumerate(sop.menggantikan):
            if self.find(nomor) is None:
                out.append(("menggantikan", nomor, _item_line(sop, "menggantikan", i)))
        return out


def _item_line(sop: Sop, key: str, index: int) -> int:
    """The line of item ``index`` of a list key (its key's line when written on one line)."""
    return sop.lines.get(f"{key}[{index}]") or sop.lines.get(key, sop.line + 1)


_SOP_WORD = re.compile(r"^sop\s+", re.IGNORECASE)
_SUGGESTION_POOL = 20  # SOPs compared letter by letter for one suggestion


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def site_diagnostics(index: SiteIndex, strict_links: bool = False, language: str = DEFAULT_LANGUAGE,
                     sops: Iterable[Sop] | None = None) -> list[Diagnostic]:
    """Cross-SOP problems: unresolved ``sop:`` targets (always), related items (when strict or close to an SOP).

    ``sops``: only the references these make (default: every SOP of the index), e.g. the one
    page ``mkdocs-sop preview`` shows again after a save."""
    out = []
    for sop in index.sops if sops is None else sops:
        for kind, ref, line in index.unresolved(sop):
            suggestion = index.suggestion(ref, sop, language)
            if kind == "keterkaitan" and not strict_links and not suggestion:
                continue  # free text is allowed; a near miss of an SOP is not left silent
            code = {"keterkaitan": "related-unresolved", "sop": "sop-target-unresolved",
                    "menggantikan": "superseded-unresolved"}[kind]
            out.append(make(
                code, language, path=sop.source_path, line=line,
                key=_reference_key(sop, kind, ref, line),
                hint_text=suggestion or None, ref=ref))
    return out


def _reference_key(sop: Sop, kind: str, ref: str, line: int) -> str:
    """The dotted key of an unresolved reference, e.g. ``langkah[4].tidak``."""
    if kind != "sop":
        return kind
    for step in sop.steps:
        for branch, target in step.targets():
            if target is not None and target.kind is TargetKind.SOP and target.sop == ref and \
                    (target.line or step.line) == line:
                return f"langkah[{step.number}].{branch or 'lanjut'}"
    return "lanjut"
