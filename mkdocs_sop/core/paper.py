"""The printed sheet, estimated: how tall each flowchart row will be on A4 landscape.

The print style sheet (``assets/sop.css``, ``@media print``) fixes the sheet (A4
landscape, margins 10/10/14 mm), the type (7.5 pt, line height 1.3) and the share of
the width each text column gets; from those, a row's height is the tallest of its
wrapped texts or the symbol row's minimum. The numbers below mirror that style sheet:
change them together. Estimates err on the tall side, so a sheet that is thought to fit
does fit, and the browser never has to break a flowchart table itself.
"""

from __future__ import annotations

import math
from typing import Mapping

from .layout import Paper
from .flowtime import flow_time
from .model import Sop, Step, TargetKind

MM = 96 / 25.4  # CSS px per millimetre
SHEET_W = (297 - 20) * MM  # printable width: A4 landscape less 10 mm each side
SHEET_H = (210 - 10 - 14) * MM  # printable height: less the top margin and the footer's
FONT = 7.5 * 96 / 72  # 7.5 pt in px
LINE = FONT * 1.3
CHAR = FONT * 0.55  # average glyph width of the print font (calibrated on the sample handbook in Chromium)
PAD_X, PAD_Y = 0.4 * FONT * 2, 0.25 * FONT * 2 + 1  # cell padding (both sides) and border
ROW_MIN = 50  # --sop-row-h in print: room for a symbol and its wires
NO_COL = 2.4 * FONT + PAD_X
ACTOR_MIN = 64  # min-width of an actor column in print
LANE_COL, EXIT_COL = 14, 72
# share of the sheet's width of each text column (print style sheet)
SHARES = {"kegiatan": 0.21, "kelengkapan": 0.12, "waktu": 0.065, "output": 0.09, "keterangan": 0.08}
CONNECTOR_MARK = 22.4 + 4  # a connector symbol in print and the gap below it
MARK_LINE = 10  # one line of a mark's text (0.8 em, generous)
SAFETY = 1.02  # wrapped text is thought a little taller than estimated
SLACK = 8  # px of a sheet left unplanned, for rounding in the browser


def _lines(text: str, width_px: float, char: float = CHAR) -> int:
    """Lines a text takes when wrapped at spaces in a column ``width_px`` wide."""
    per_line = max(1, int(width_px // char))
    lines = 0
    for paragraph in str(text).splitlines() or [""]:
        count, length = 1, 0
        for word in paragraph.split():
            size = len(word)
            if size > per_line:  # a long word (an address) is broken anywhere
                count += math.ceil(size / per_line) - (0 if length else 1)
                length = size % per_line
                continue
            if length and length + 1 + size > per_line:
                count += 1
                length = size
            else:
                length += size + (1 if length else 0)
        lines += count
    return lines


def column_widths(actors: int, lanes: int = 1, exits: int = 1) -> dict[str, float]:
    """Each text column's width in px: its share, less what the actor columns need."""
    fixed = NO_COL + actors * ACTOR_MIN + lanes * LANE_COL + exits * EXIT_COL
    wanted = SHEET_W * sum(SHARES.values())
    scale = min(1.0, max(0.3, (SHEET_W - fixed) / wanted))
    return {k: SHEET_W * share * scale - PAD_X for k, share in SHARES.items()}


def sheet_for(sop: Sop, labels: Mapping[str, str]) -> Paper:
    """The :class:`layout.Paper` for this SOP's flowchart."""
    actors = len(sop.pelaksana)
    # a second exit column when a row may both leave by it and be arrived at from another sheet
    jumps = any(t.kind is TargetKind.STEP and t.step != s.index + 1 for s in sop.steps for _, t in s.targets())
    leaves = any(t.kind is TargetKind.SOP or (b and t.kind is TargetKind.END) for s in sop.steps for b, t in s.targets())
    widths = column_widths(actors, exits=2 if jumps and leaves else 1)
    # the actor columns share what is left (taken as equal shares: the long names wrap most)
    left = SHEET_W - NO_COL - sum(w + PAD_X for w in widths.values()) - LANE_COL - EXIT_COL
    head_lines = max((_lines(a, min(110, max(ACTOR_MIN, left / max(actors, 1))) - PAD_X, CHAR * 1.08)
                      for a in sop.pelaksana), default=1)
    header = (LINE + PAD_Y) + (head_lines * LINE + PAD_Y)
    caption_text = f"{labels.get('flowchart_caption', '')} — {sop.nama} ({labels.get('print_page', '')} 10/10)"
    caption = _lines(caption_text, SHEET_W, CHAR * 1.08) * LINE + 0.6 * FONT
    room = SHEET_H - caption - header - 6 - SLACK

    # jumps into a step: on another sheet each brings a lettered connector into its exit cell
    jumps_into: dict[int, int] = {}
    for s in sop.steps:
        for _, t in s.targets():
            if t.kind is TargetKind.STEP and t.step != s.index + 1:
                jumps_into[t.step] = jumps_into.get(t.step, 0) + 1

    def exit_cell(step: Step) -> float:
        """The stacked marks of the exit column: connectors, ends, another SOP's number
        (wrapped in a 70 px column, with an invisible copy above to centre the symbol)."""
        height = CONNECTOR_MARK * jumps_into.get(step.index, 0)
        for branch, t in step.targets():
            if t.kind is TargetKind.SOP:
                height += CONNECTOR_MARK + 2 * math.ceil(len(t.sop) / 8) * MARK_LINE
            elif t.kind is TargetKind.END and branch:
                height += CONNECTOR_MARK + 2 * MARK_LINE
            elif t.kind is TargetKind.STEP and t.step != step.index + 1:
                height += CONNECTOR_MARK
        return height

    def row_height(step: Step) -> float:
        keg = _lines(step.kegiatan, widths["kegiatan"])
        if step.question:
            keg += _lines(step.question, widths["kegiatan"])
        for branch, target in step.targets():
            if branch or (target.kind is TargetKind.STEP and target.step != step.index + 1) \
                    or target.kind is TargetKind.SOP:
                words = f"{labels.get('yes', 'Ya')}: {labels.get('go_to_step', '')} {target.step or target.sop}"
                keg += _lines(words, widths["kegiatan"] / 0.85)
        texts = [keg,
                 sum(_lines(item, widths["kelengkapan"] - FONT) for item in step.kelengkapan),
                 _lines(step.waktu, widths["waktu"]) if step.waktu else 0,
                 _lines(step.output, widths["output"]) if step.output else 0,
                 _lines(step.keterangan, widths["keterangan"]) if step.keterangan else 0]
        return max(ROW_MIN, max(texts) * LINE * SAFETY + PAD_Y, exit_cell(step))

    time = flow_time(sop)
    notes = ([labels.get("total_time_paths", "")] if time.over_paths else []) + [
        f"{labels.get('total_time_untimed', '')} {', '.join(s.number for s in time.untimed)}"] + [
        f"{s.number} {s.waktu} {labels.get('total_time_excluded', '')}" for s in time.unreadable]
    total_w = sum(widths[k] + PAD_X for k in ("kelengkapan", "waktu", "output", "keterangan")) - PAD_X
    footer = ((1 + sum(_lines(n, total_w) for n in notes)) * LINE + PAD_Y) * SAFETY
    return Paper(room=room, row_height=row_height, connector_row=ROW_MIN, footer=footer)
