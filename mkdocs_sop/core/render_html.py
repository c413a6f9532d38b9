"""HTML of one SOP, built as an element tree so every piece of editor text is escaped.

Produces the official document: the identity grid (Bagian Identitas), the flowchart
table (Bagian Flowchart) or a step list, and a slot for the Graphviz diagram. The
stable hooks of SOP-FORMAT.md section 7 are made here and nowhere else.
"""

from __future__ import annotations

import secrets
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from .htmltree import el
from . import layout as lay
from .dates import format_date
from .search_data import search_block
from .model import Diagnostic, Severity, Sop, SopFormat, SopStatus, Step, Symbol, TargetKind
from .flowtime import FlowTime, flow_time
from .paper import sheet_for
from .timeparse import format_duration

# Replaced by the SVG after serialisation; unguessable, so editor text can never forge it.
DIAGRAM_SLOT = "sop-diagram-slot-" + secrets.token_hex(12)

# Symbol sizes (px); CSS uses the same numbers to put arrowheads on the symbol's edge.
SYMBOL_SIZE = {
    Symbol.TERMINATOR: (64, 28),
    Symbol.PROCESS: (64, 32),
    Symbol.DECISION: (56, 40),
    Symbol.CONNECTOR: (28, 28),
}


@dataclass(frozen=True)
class SopLink:
    """Where another SOP lives, for cross-links."""

    url: str
    nomor: str
    nama: str
    status: SopStatus = SopStatus.BERLAKU


@dataclass(frozen=True)
class RenderOptions:
    labels: Mapping[str, str]
    language: str = "id"
    rows_per_page: int = 8
    logo: str = ""  # URL of the institution's logo, relative to the page
    diagram: bool = True
    show_time_total: bool = True
    print_uncontrolled: bool = False  # "uncontrolled when printed" and the print date atop every sheet
    show_warnings: bool = False  # a yellow box of the block's warnings above the SOP (while editing)


@dataclass
class RenderContext:
    """What the page knows about the rest of the site (empty when rendering alone)."""

    find: Callable[[str], SopLink | None] = lambda ref: None
    referenced_by: Sequence[SopLink] = ()
    superseded_by: Sequence[SopLink] = ()
    extra_classes: Sequence[str] = field(default_factory=tuple)
    logo: str | None = None  # the logo's URL relative to this page; "": none; None: RenderOptions.logo
    status: SopStatus | None = None  # the status the site knows (superseded by a newer SOP); None: sop.status
    supersedes: Sequence[SopLink] = ()  # the SOPs this one replaces (its `menggantikan` found in the site)
    errors: Sequence[Diagnostic] = ()  # site-wide errors about this SOP (a second use of a nomor): an error box
    in_identity: Sequence[ET.Element] = ()  # the site's additions under the logo and unit (the QR code)
    after: Sequence[ET.Element] = ()  # ... and below the SOP (latest monitoring, the checklist)


_el = el  # the module-local name the builders below use


def _lines(parent: ET.Element, items: Sequence[str], ordered: bool = True) -> None:
    """A list when there are several items, plain text for one, nothing for none."""
    if not items:
        return
    if len(items) == 1:
        _el("p", text=items[0], parent=parent)
        return
    lst = _el("ol" if ordered else "ul", parent=parent)
    for item in items:
        _el("li", text=item, parent=lst)


def _status_label(sop: Sop, labels: Mapping[str, str]) -> str:
    return labels["status_" + sop.status.value]


def render_sop(sop: Sop, options: RenderOptions, context: RenderContext | None = None) -> ET.Element:
    """The whole SOP: wrapper, lifecycle notice, identity grid, flow, history."""
    ctx = context or RenderContext()
    labels = options.labels
    status = ctx.status or sop.status
    classes = ["sop", f"sop-status-{status.value}", f"sop-format-{sop.format.value}",
               *ctx.extra_classes]
    attrs = {"id": sop.anchor, "data-sop-nomor": sop.nomor, "data-sop-status": status.value}
    if options.print_uncontrolled:  # sop.js puts it, with the print date, atop every sheet
        attrs["data-print-note"] = labels["print_uncontrolled"]
    root = _el("div", attrs, cls=" ".join(classes))
    _lifecycle(root, sop, options, ctx)
    _identity(root, sop, options, ctx)
    if sop.format is SopFormat.DIAGRAM_ALIR:
        _flowchart(root, sop, options, ctx)
        if options.diagram:
            figure = _el("figure", parent=root, cls="sop-diagram")
            figure.text = DIAGRAM_SLOT
            # the caption also names the inline SVG (see to_html: aria-labelledby)
            _el("figcaption", {"id": f"{sop.anchor}-diagram"}, f"{labels['diagram']} — {sop.nama}",
                parent=figure)
    else:
        _step_list(root, sop, options)
    _history(root, sop, labels)
    root.extend(ctx.after)
    root.insert(0, search_block(sop, status, labels))  # hidden: facets and codes for the site search
    return root


# Each status has its own icon and colour (sop.css), so it never rests on colour alone.
STATUS_ICON = {SopStatus.BERLAKU: "✓", SopStatus.DRAF: "✎", SopStatus.DICABUT: "⊘", SopStatus.DIGANTIKAN: "⇄"}


def _lifecycle(root: ET.Element, sop: Sop, options: RenderOptions, ctx: RenderContext) -> None:
    """The status line every SOP shows: in force since when, or revoked/superseded since
    when and why, with the SOPs it replaces or that replace it; and, on paper, a mark on
    every sheet of an SOP that is not (or not yet) in force."""
    labels, language = options.labels, options.language
    status = ctx.status or sop.status
    box = _el("div", {"role": "note"}, parent=root, cls=f"sop-lifecycle sop-lifecycle-{status.value}")
    _el("span", {"aria-hidden": "true"}, STATUS_ICON[status], parent=box, cls="sop-status-icon")
    badge = _el("strong", text=labels["status_" + status.value], parent=box, cls="sop-status-badge")
    since = sop.tanggal_efektif if status is SopStatus.BERLAKU else (
        sop.tanggal_dicabut if status in (SopStatus.DICABUT, SopStatus.DIGANTIKAN) else None)
    if since is not None:
        badge.text = labels["status_since_" + status.value].replace("{date}", format_date(since, language))
    badge.tail = " "
    if sop.alasan_dicabut and status in (SopStatus.DICABUT, SopStatus.DIGANTIKAN):
        _el("span", text=f"{labels['revocation_reason']}: {sop.alasan_dicabut}", parent=box,
            cls="sop-revocation-reason").tail = " "
    for key, links, cls in (("superseded_by", ctx.superseded_by, "sop-superseded-by"),
                            ("supersedes", ctx.supersedes, "sop-supersedes")):
        if not links:
            continue
        span = _el("span", text=labels[key] + ": ", parent=box, cls=cls)
        span.tail = " "
        for i, link in enumerate(links):
            a = _el("a", {"href": link.url}, f"{link.nomor} — {link.nama}", parent=span)
            if i < len(links) - 1:
                a.tail = "; "
    if status is not SopStatus.BERLAKU:
        # position: fixed in print, so Chromium repeats it on every sheet
        _el("div", {"aria-hidden": "true"}, labels["status_" + status.value].upper(), parent=root,
            cls="sop-print-status")


def _identity(root: ET.Element, sop: Sop, options: RenderOptions, ctx: RenderContext) -> None:
    labels = options.labels
    table = _el("table", parent=root, cls="sop-identity")
    _el("caption", text=labels["identity_caption"], parent=table, cls="sop-visually-hidden")
    colgroup = _el("colgroup", parent=table)
    for width in ("25%", "25%", "18%", "32%"):
        _el("col", {"style": f"width:{width}"}, parent=colgroup)
    body = _el("tbody", parent=table)

    right_rows: list[tuple[str, Callable[[ET.Element], None], str]] = [
        ("nomor", lambda td: setattr(td, "text", sop.nomor), "sop-id-nomor"),
        ("tanggal_pembuatan", lambda td: setattr(td, "text", format_date(sop.tanggal_pembuatan, options.language)), ""),
        ("tanggal_revisi", lambda td: setattr(td, "text", format_date(sop.tanggal_revisi, options.language)), ""),
        ("tanggal_efektif", lambda td: setattr(td, "text", format_date(sop.tanggal_efektif, options.language)), ""),
        ("disahkan_oleh", lambda td: _approval(td, sop, labels), "sop-id-approval"),
        ("nama", lambda td: setattr(td, "text", sop.nama), "sop-id-nama"),
    ]
    for i, (key, fill, cls) in enumerate(right_rows):
        tr = _el("tr", parent=body)
        if i == 0:
            left = _el("td", {"rowspan": str(len(right_rows)), "colspan": "2"}, parent=tr, cls="sop-id-org")
            logo = options.logo if ctx.logo is None else ctx.logo
            if logo:
                _el("img", {"src": logo, "alt": f"Logo {sop.instansi}".strip(), "class": "sop-logo"},
                    parent=left)
            for name in ([sop.instansi] if sop.instansi else []) + list(sop.unit):
                _el("div", text=name, parent=left, cls="sop-id-unit")
            left.extend(ctx.in_identity)
        _el("th", {"scope": "row"}, labels[key], parent=tr)
        td = _el("td", parent=tr, cls=cls or None)
        fill(td)

    pairs = [("dasar_hukum", "kualifikasi_pelaksana"), ("keterkaitan", "peralatan_perlengkapan"),
             ("peringatan", "pencatatan_pendataan")]
    for left_key, right_key in pairs:
        head = _el("tr", parent=body, cls="sop-id-pair-head")
        _el("th", {"colspan": "2", "scope": "col"}, labels[left_key], parent=head)
        _el("th", {"colspan": "2", "scope": "col"}, labels[right_key], parent=head)
        row = _el("tr", parent=body, cls="sop-id-pair")
        for key in (left_key, right_key):
            td = _el("td", {"colspan": "2"}, parent=row, cls=f"sop-id-{key.replace('_', '-')}")
            if key == "keterkaitan":
                _related(td, sop.keterkaitan, labels, ctx)
            else:
                _lines(td, getattr(sop, key))
    extra = list(sop.tambahan)
    if sop.proses_bisnis:
        extra.append((labels["proses_bisnis"], sop.proses_bisnis))
    for label, value in extra:
        tr = _el("tr", parent=body, cls="sop-id-extra")
        _el("th", {"colspan": "2", "scope": "row"}, label, parent=tr)
        _el("td", {"colspan": "2"}, value, parent=tr)
    if ctx.referenced_by:
        tr = _el("tr", parent=body, cls="sop-id-referenced-by")
        _el("th", {"colspan": "2", "scope": "row"}, labels["referenced_by"], parent=tr)
        td = _el("td", {"colspan": "2"}, parent=tr)
        ul = _el("ul", parent=td)
        for link in ctx.referenced_by:
            li = _el("li", parent=ul)
            _el("a", {"href": link.url}, f"{link.nomor} — {link.nama}", parent=li)


def _approval(td: ET.Element, sop: Sop, labels: Mapping[str, str]) -> None:
    approval = sop.disahkan_oleh
    if approval is None:
        return
    if approval.jabatan:
        _el("div", text=approval.jabatan, parent=td, cls="sop-approval-title")
    # the empty space for the signature; screen readers hear its name (aria-label is not
    # allowed on a plain div)
    _el("span", text=f"({labels['signature']})", parent=_el("div", parent=td, cls="sop-signature"),
        cls="sop-visually-hidden")
    if approval.nama:
        _el("div", text=approval.nama, parent=td, cls="sop-approval-name")
    if approval.pangkat:
        _el("div", text=approval.pangkat, parent=td, cls="sop-approval-rank")
    if approval.nip:
        _el("div", text=f"{labels['nip']} {grouped_nip(approval.nip)}", parent=td, cls="sop-approval-nip")


def grouped_nip(nip: str) -> str:
    """An 18-digit civil-servant NIP in its official groups (birth date, appointment
    month, sex, number: ``19790803 199912 1 001``), however it was typed; anything else as written."""
    digits = "".join(nip.split())
    if len(digits) == 18 and digits.isascii() and digits.isdigit():
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return nip


def _related(td: ET.Element, items: Sequence[str], labels: Mapping[str, str], ctx: RenderContext) -> None:
    if not items:
        return
    ol = _el("ol", parent=td)
    for item in items:
        li = _el("li", parent=ol)
        link = ctx.find(item)
        if link is None:
            _el("span", {"title": labels["unresolved"]}, item, parent=li, cls="sop-unresolved")
        else:
            # number and name, whichever the editor wrote: a bare number tells a reader nothing
            _el("a", {"href": link.url}, f"{link.nomor} — {link.nama}", parent=li, cls="sop-related")


def _symbol_svg(parent: ET.Element, symbol: Symbol, text: str = "") -> ET.Element:
    """One of the regulation's symbols as a small inline SVG with a visible outline."""
    w, h = SYMBOL_SIZE[symbol]
    svg = _el("svg", {"width": str(w), "height": str(h), "viewBox": f"0 0 {w} {h}",
                      "aria-hidden": "true", "focusable": "false"}, parent=parent,
              cls=f"sop-sym sop-sym-{symbol.value}")
    if symbol is Symbol.TERMINATOR:
        _el("rect", {"x": "1", "y": "1", "width": str(w - 2), "height": str(h - 2),
                     "rx": str((h - 2) // 2)}, parent=svg)
    elif symbol is Symbol.PROCESS:
        _el("rect", {"x": "1", "y": "1", "width": str(w - 2), "height": str(h - 2)}, parent=svg)
    elif symbol is Symbol.DECISION:
        _el("polygon", {"points": f"{w // 2},1 {w - 1},{h // 2} {w // 2},{h - 1} 1,{h // 2}"}, parent=svg)
    else:  # off-page connector: a pentagon pointing down
        _el("polygon", {"points": f"1,1 {w - 1},1 {w - 1},{h - 10} {w // 2},{h - 1} 1,{h - 10}"}, parent=svg)
        if text:
            _el("text", {"x": str(w // 2), "y": str(h // 2), "text-anchor": "middle",
                         "dominant-baseline": "middle"}, text, parent=svg)
    return svg


def _target_text(target, labels: Mapping[str, str]) -> str:
    if target.kind is TargetKind.END:
        return labels["end"]
    if target.kind is TargetKind.SOP:
        return f"{labels['continues_in']} {target.sop}"
    return f"{labels['go_to_step']} {target.step}"


def _flowchart(root: ET.Element, sop: Sop, options: RenderOptions, ctx: RenderContext) -> None:
    labels = options.labels
    rows = sop.print_rows if sop.print_rows is not None else options.rows_per_page
    flow = lay.layout_flow(sop, rows, sheet_for(sop, labels) if rows else None)
    wrapper = _el("div", {"role": "region", "aria-label": labels["flowchart_caption"], "tabindex": "0"},
                  parent=root, cls="sop-flowchart-wrap")
    page_count = len(flow.pages)
    for page_no, page in enumerate(flow.pages, start=1):
        table = _el("table", {"data-page": str(page_no)}, parent=wrapper, cls="sop-flowchart")
        caption_text = labels["flowchart_caption"] + f" — {sop.nama}"
        if page_count > 1:
            caption_text += f" ({labels['print_page']} {page_no}/{page_count})"
        _el("caption", text=caption_text, parent=table, cls="sop-flowchart-caption")
        _flow_colgroup(table, flow)
        _flow_head(table, flow, labels)
        body = _el("tbody", parent=table)
        for row in page.rows:
            _flow_row(body, row, flow, sop, labels, ctx)
        if page_no == page_count and options.show_time_total:
            _time_footer(table, sop, flow, labels, options.language)


def _flow_colgroup(table: ET.Element, flow: lay.FlowLayout) -> None:
    group = _el("colgroup", parent=table)
    _el("col", parent=group, cls="sop-col-no")
    _el("col", parent=group, cls="sop-col-kegiatan")
    for kind in flow.kinds:
        _el("col", parent=group, cls=f"sop-col-{kind.value}")
    for name in ("kelengkapan", "waktu", "output", "keterangan"):
        _el("col", parent=group, cls=f"sop-col-{name}")


def _flow_head(table: ET.Element, flow: lay.FlowLayout, labels: Mapping[str, str]) -> None:
    thead = _el("thead", parent=table)
    top = _el("tr", parent=thead)
    _el("th", {"rowspan": "2", "scope": "col"}, labels["no"], parent=top, cls="sop-h-no")
    _el("th", {"rowspan": "2", "scope": "col"}, labels["kegiatan"], parent=top, cls="sop-h-kegiatan")
    # Pelaksana spans the actor columns only; the routing lanes and the exit column are
    # not actors, so they get no header and no grid lines (sop.css), just room for wires
    _el("th", {"colspan": str(len(flow.actors)), "scope": "colgroup"}, labels["pelaksana"], parent=top,
        cls="sop-h-pelaksana")
    gutter = flow.lanes + flow.exits
    if gutter:
        _el("td", {"colspan": str(gutter), "rowspan": "2", "aria-hidden": "true"}, parent=top, cls="sop-h-gutter")
    _el("th", {"colspan": "3", "scope": "colgroup"}, labels["mutu_baku"], parent=top, cls="sop-h-mutu")
    _el("th", {"rowspan": "2", "scope": "col"}, labels["keterangan"], parent=top, cls="sop-h-keterangan")
    second = _el("tr", parent=thead)
    for actor in flow.actors:
        _el("th", {"scope": "col"}, actor, parent=second, cls="sop-h-actor")
    for key in ("kelengkapan", "waktu", "output"):
        _el("th", {"scope": "col"}, labels[key], parent=second, cls=f"sop-h-{key}")


def _flow_row(body: ET.Element, row: lay.Row, flow: lay.FlowLayout, sop: Sop,
              labels: Mapping[str, str], ctx: RenderContext) -> None:
    step = row.step
    if step is None:
        kind = row.kind.value
        tr = _el("tr", {"data-connector": kind}, parent=body, cls=f"sop-row sop-row-{kind}")
        text = labels["continued_from"] if row.kind is lay.RowKind.CONNECTOR_IN else labels["continues_on"]
        _el("td", parent=tr, cls="sop-no")
        _el("td", text=text, parent=tr, cls="sop-kegiatan sop-connector-note")
    else:
        tr = _el("tr", {"data-step": str(step.index), "id": f"{sop.anchor}-langkah-{step.index}"},
                 parent=body, cls="sop-row")
        _el("td", text=str(step.index), parent=tr, cls="sop-no")
        keg = _el("td", parent=tr, cls="sop-kegiatan")
        _el("span", text=step.kegiatan, parent=keg, cls="sop-activity")
        if step.question:
            _el("span", text=step.question, parent=keg, cls="sop-question")
        _branches(keg, step, sop, labels, ctx)
    for c, cell in enumerate(row.cells):
        _flow_cell(tr, c, cell, flow, step, sop, labels, ctx)
    if step is None:
        for _ in range(4):
            _el("td", parent=tr, cls="sop-mutu-empty")
        return
    td = _el("td", parent=tr, cls="sop-kelengkapan")
    _lines(td, step.kelengkapan, ordered=False)
    _el("td", text=step.waktu, parent=tr, cls="sop-waktu")
    _el("td", text=step.output, parent=tr, cls="sop-output")
    _el("td", text=step.keterangan, parent=tr, cls="sop-keterangan")


def _branches(keg: ET.Element, step: Step, sop: Sop, labels: Mapping[str, str],
              ctx: RenderContext) -> None:
    """Decision exits and jumps in words: for screen readers and for readers of the text."""
    parts = []
    for branch, target in step.targets():
        if target is None:
            continue
        if not branch and (target.kind is TargetKind.END or
                           (target.kind is TargetKind.STEP and target.step == step.index + 1)):
            continue  # the ordinary flow needs no words
        parts.append((branch, target))
    if not parts:
        return
    box = _el("span", parent=keg, cls="sop-branches")
    for i, (branch, target) in enumerate(parts):
        item = _el("span", parent=box, cls="sop-branch")
        if branch:
            _el("strong", text=labels["yes" if branch == "ya" else "no_branch"] + ": ", parent=item)
        if target.kind is TargetKind.SOP:
            link = ctx.find(target.sop)
            item_text = _el("span", text=labels["continues_in"] + " ", parent=item)
            if link is not None:
                _el("a", {"href": link.url, "title": link.nama}, target.sop, parent=item_text)
            else:
                _el("span", {"title": labels["unresolved"]}, target.sop, parent=item_text, cls="sop-unresolved")
        elif target.kind is TargetKind.STEP:
            _el("a", {"href": f"#{sop.anchor}-langkah-{target.step}"},
                _target_text(target, labels), parent=item)
        else:
            item.append(_text_span(_target_text(target, labels)))


def _text_span(text: str) -> ET.Element:
    return _el("span", text=text)


def _flow_cell(tr: ET.Element, c: int, cell: lay.Cell, flow: lay.FlowLayout, step: Step | None,
               sop: Sop, labels: Mapping[str, str], ctx: RenderContext) -> None:
    kind = "sop-" + flow.kinds[c].value
    attrs: dict[str, str] = {}
    if cell.symbol is not None:
        attrs["data-actor"] = flow.actors[c]
        attrs["data-symbol"] = cell.symbol.value
    td = _el("td", attrs, parent=tr, cls=kind)
    for wire in cell.wires:
        _el("span", {"aria-hidden": "true"}, parent=td, cls=f"w {wire}")
    if cell.symbol is not None:
        holder = _el("span", parent=td, cls="sop-sym-holder")
        _symbol_svg(holder, cell.symbol, cell.letter)
        if step is not None:
            name = {"terminator": labels["start"] if step.index == 1 else labels["end"],
                    "process": "", "decision": "?"}.get(cell.symbol.value, "")
            desc = f"{labels['step']} {step.index}: {flow.actors[c]}"
            if cell.symbol is Symbol.TERMINATOR:
                desc += f" ({name})"
            elif cell.symbol is Symbol.DECISION:
                desc += f" ({step.question})" if step.question else " (?)"
            _el("span", text=desc, parent=holder, cls="sop-visually-hidden")
        elif cell.letter:
            _el("span", text=f"{cell.letter}", parent=holder, cls="sop-visually-hidden")
    for arrow in cell.arrows:
        if arrow != "w":  # an arrow into an exit mark is drawn inside the mark
            _el("span", {"aria-hidden": "true"}, parent=td, cls=f"arr arr-{arrow}")
    for port, branch in cell.labels:
        text = labels["yes"] if branch == "ya" else labels["no_branch"]
        _el("span", {"aria-hidden": "true"}, text, parent=td, cls=f"lbl lbl-{port}")
    _marks(td, cell, labels, ctx)


def _marks(td: ET.Element, cell: lay.Cell, labels: Mapping[str, str], ctx: RenderContext) -> None:
    """The exit column's stack of marks, with the arrowhead of each line that ends there:
    from the left into the first, from above into the first, from below into the last."""
    if not cell.marks:
        return
    stack = _el("span", parent=td, cls="sop-marks")
    leaving = not all(mark.incoming for mark in cell.marks)
    last = len(cell.marks) - 1
    for i, mark in enumerate(cell.marks):
        holder = _mark(stack, mark, labels, ctx)
        arrows = []
        if leaving and i == 0:
            arrows += ["w"] if "w" in cell.arrows else []
            arrows += ["down"] if "v-tc" in cell.wires else []
        if leaving and i == last and "v-cb" in cell.wires:
            arrows.append("up")
        for arrow in arrows:
            _el("span", {"aria-hidden": "true"}, parent=holder, cls=f"arr arr-{arrow}")


def _mark(parent: ET.Element, mark: lay.Mark, labels: Mapping[str, str], ctx: RenderContext) -> ET.Element:
    if mark.kind is lay.MarkKind.END:
        holder = _el("span", {"data-symbol": "terminator"}, parent=parent, cls="sop-mark sop-mark-end")
        _symbol_svg(holder, Symbol.TERMINATOR)
        _el("span", text=labels["end"], parent=holder, cls="sop-mark-text")
        return holder
    if mark.kind is lay.MarkKind.SOP:
        link = ctx.find(mark.text)
        attrs = {"data-symbol": "connector", "data-sop": mark.text}
        if link is not None:
            holder = _el("a", {**attrs, "href": link.url, "title": f"{labels['continues_in']} {link.nomor} — {link.nama}"},
                         parent=parent, cls="sop-mark sop-mark-sop")
        else:
            holder = _el("span", {**attrs, "title": labels["unresolved"]}, parent=parent,
                         cls="sop-mark sop-mark-sop sop-unresolved")
        _symbol_svg(holder, Symbol.CONNECTOR, "")
        _el("span", text=mark.text, parent=holder, cls="sop-mark-text")
        return holder
    holder = _el("span", {"data-symbol": "connector", "data-letter": mark.text}, parent=parent,
                 cls="sop-mark sop-mark-letter" + (" sop-mark-in" if mark.incoming else ""))
    _symbol_svg(holder, Symbol.CONNECTOR, mark.text)
    return holder


def _time_footer(table: ET.Element, sop: Sop, flow: lay.FlowLayout, labels: Mapping[str, str],
                 language: str) -> None:
    time = flow_time(sop)
    if not time.has_anything:
        return
    tr = _el("tr", parent=_el("tfoot", parent=table), cls="sop-total")
    _el("th", {"colspan": str(2 + flow.columns), "scope": "row"}, labels["total_time"], parent=tr)
    _time_total(_el("td", {"colspan": "4"}, parent=tr, cls="sop-total-time"), time, labels, language, "div")


def _time_total(parent: ET.Element, time: FlowTime, labels: Mapping[str, str], language: str,
                note_tag: str) -> None:
    """The total in bold, then in words what it covers and what it leaves out."""
    _el("strong", text=format_duration(time.total, language) if time.total is not None else "–",
        parent=parent, cls="sop-total-value")
    notes = []
    if time.over_paths:
        notes.append(labels["total_time_paths"])
    if time.untimed and time.total is not None:
        notes.append(labels["total_time_untimed"].replace("{count}", str(len(time.untimed)))
                     .replace("{steps}", ", ".join(s.number for s in time.untimed)))
    for step in time.unreadable:
        notes.append(f"{labels['step']} {step.number}: “{step.waktu}” — {labels['total_time_excluded']}")
    for text in notes:
        _el(note_tag, text=(" " if note_tag == "span" else "") + text, parent=parent, cls="sop-total-note")


def _step_list(root: ET.Element, sop: Sop, options: RenderOptions) -> None:
    labels = options.labels
    wrap = _el("div", parent=root, cls="sop-steps-wrap")
    _el("h3", text=labels["steps"], parent=wrap, cls="sop-steps-title")
    _step_items(wrap, sop.steps, labels, sop)
    if options.show_time_total:
        time = flow_time(sop)
        if time.has_anything:
            p = _el("p", parent=wrap, cls="sop-total")
            _el("strong", text=labels["total_time"] + ": ", parent=p)
            _time_total(_el("span", parent=p, cls="sop-total-time"), time, labels, options.language, "span")


def _step_items(parent: ET.Element, steps: Sequence[Step], labels: Mapping[str, str], sop: Sop) -> None:
    ol = _el("ol", parent=parent, cls="sop-steps")
    for step in steps:
        li = _el("li", {"data-step": step.number, "id": f"{sop.anchor}-langkah-{step.number.replace('.', '-')}"},
                 parent=ol, cls="sop-step")
        head = _el("div", parent=li, cls="sop-step-head")
        _el("span", text=step.number, parent=head, cls="sop-step-number")
        _el("span", text=step.kegiatan, parent=head, cls="sop-activity")
        if step.pelaksana and len(sop.pelaksana) > 1 or (step.pelaksana and step.number.count(".") == 0):
            _el("span", text=", ".join(step.pelaksana), parent=head, cls="sop-step-actor")
        details = [(labels["kelengkapan"], step.kelengkapan), (labels["waktu"], (step.waktu,) if step.waktu else ()),
                   (labels["output"], (step.output,) if step.output else ()),
                   (labels["keterangan"], (step.keterangan,) if step.keterangan else ())]
        if any(v for _, v in details):
            dl = _el("dl", parent=li, cls="sop-mutu")
            for label, values in details:
                if values:
                    _el("dt", text=label, parent=dl)
                    dd = _el("dd", parent=dl)
                    _lines(dd, values, ordered=False)
        if step.substeps:
            _step_items(li, step.substeps, labels, sop)


def _history(root: ET.Element, sop: Sop, labels: Mapping[str, str]) -> None:
    if not sop.riwayat:
        return
    table = _el("table", parent=root, cls="sop-history")
    _el("caption", text=labels["riwayat"], parent=table)
    head = _el("tr", parent=_el("thead", parent=table))
    _el("th", {"scope": "col"}, labels["tanggal"], parent=head)
    _el("th", {"scope": "col"}, labels["uraian"], parent=head)
    body = _el("tbody", parent=table)
    for rev in sop.riwayat:
        tr = _el("tr", parent=body)
        _el("td", text=format_date(rev.tanggal), parent=tr)
        _el("td", text=rev.uraian, parent=tr)


def render_errors(diagnostics: Sequence[Diagnostic], labels: Mapping[str, str], source: str = "",
                  first_line: int = 1) -> ET.Element:
    """The visible, escaped box that takes the place of a block that cannot be shown.

    Each message quotes its line with a marker under the column; the block's YAML follows
    with the Markdown file's line numbers, the lines to fix marked.
    """
    box = _el("div", {"role": "alert"}, cls="sop-error admonition failure")
    _el("p", text=labels["error_title"], parent=box, cls="admonition-title")
    _el("p", text=labels["error_intro"], parent=box)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    _diagnostic_list(errors, box)
    if source:
        details = _el("details", {"open": "open" if any(d.code.startswith("yaml-") for d in errors) else None},
                      parent=box)
        _el("summary", text=labels.get("source_title", "YAML"), parent=details)
        _numbered_source(source, first_line, {d.line for d in errors}, details)
    return box


def render_warnings(diagnostics: Sequence[Diagnostic], labels: Mapping[str, str]) -> ET.Element | None:
    """The yellow box above an SOP that is shown but has warnings (only while editing)."""
    warnings = [d for d in diagnostics if d.severity is Severity.WARNING]
    if not warnings:
        return None
    box = _el("div", {"role": "note"}, cls="sop-warnings admonition warning")
    _el("p", text=labels["warning_title"], parent=box, cls="admonition-title")
    _el("p", text=labels["warning_intro"], parent=box)
    _diagnostic_list(warnings, box)
    return box


def _diagnostic_list(diagnostics: Sequence[Diagnostic], parent: ET.Element) -> None:
    ul = _el("ul", parent=parent)
    for d in diagnostics:
        li = _el("li", parent=ul)
        _el("code", text=f"{d.path or '<sop>'}:{d.line}", parent=li).tail = " "
        if d.key:
            _el("code", text=d.key, parent=li).tail = " "
        _el("span", text=d.message, parent=li).tail = " "
        if d.hint:
            _el("em", text=d.hint, parent=li).tail = " "
        if d.code:  # the code an editor can look up in the list of messages
            _el("code", text=f"[{d.code}]", parent=li, cls="sop-error-code")
        quoted, marker = d.excerpt()
        if quoted:
            _el("pre", text=f"{quoted}\n{marker}", parent=li, cls="sop-error-excerpt")


def _numbered_source(source: str, first_line: int, marked: set[int], parent: ET.Element) -> None:
    """The block's YAML, one span per line with its number in the Markdown file."""
    pre = _el("pre", parent=parent, cls="sop-error-source")
    for offset, text in enumerate(source.splitlines()):
        number = first_line + offset
        line = _el("span", {"data-line": str(number)}, parent=pre,
                   cls="sop-line sop-line-marked" if number in marked else "sop-line")
        _el("span", {"aria-hidden": "true"}, f"{number:>4}  ", parent=line, cls="sop-line-number")
        _el("span", text=text.replace("\t", "\u2192"), parent=line)
        line.tail = "\n"


def labelled_svg(element: ET.Element, diagram_svg: str) -> str:
    """The diagram SVG as it goes in the page: named by the figure's caption (idempotent)."""
    caption = element.find(".//figcaption[@id]")
    head = diagram_svg[: diagram_svg.find(">") + 1]
    if (caption is not None and diagram_svg.lstrip().startswith("<svg") and "aria-label" not in head
            and "<title>" not in diagram_svg[: len(head) + 16]):
        # an accessible name for role="img": the figure's caption
        diagram_svg = diagram_svg.replace("<svg", f'<svg aria-labelledby="{caption.get("id")}"', 1)
    return diagram_svg


def to_html(element: ET.Element, diagram_svg: str | None = None, unavailable: str = "") -> str:
    """Serialise; the trusted diagram SVG (made by Graphviz from escaped DOT) fills its slot."""
    html = ET.tostring(element, encoding="unicode", method="html")
    if DIAGRAM_SLOT in html:
        if diagram_svg:
            html = html.replace(DIAGRAM_SLOT, labelled_svg(element, diagram_svg), 1)
        else:
            note = ET.Element("p", {"class": "sop-diagram-unavailable"})
            note.text = unavailable
            html = html.replace(DIAGRAM_SLOT, ET.tostring(note, encoding="unicode", method="html")
                                if unavailable else "")
    return html
