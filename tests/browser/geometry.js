// Geometry of the flowchart tables of the page, measured as drawn (getBoundingClientRect).
// Returns {tables: n, wires: n, problems: [text, ...]}; an empty problems list means:
// - every wire segment's loose end lies on a symbol, an arrowhead or another segment;
// - every connected set of segments (one edge, or edges sharing a track) touches at least
//   two symbols (it starts on one and ends on another);
// - no segment crosses the inside of a symbol it neither starts nor ends at (the join line
//   of a multi-actor step passes under its own step's symbols: allowed);
// - every arrowhead sits on its symbol: tip within TOL px of the symbol's edge, centred;
// - a line meets a symbol along its axis (never runs inside its box);
// - every symbol lies inside its cell with room to spare; no branch label covers a symbol or a
//   line of its own cell (an opaque label may cover a passing lane of the next cell);
// - no two lines cross (a vertical and a horizontal segment passing through each other), and
//   no line runs into another's path: lines that meet outside a symbol end in one arrowhead
//   (lines merging into one target), never two.
(TOL) => {
  const tol = TOL === undefined ? 2 : TOL;
  const problems = [];
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { l: r.left, t: r.top, r: r.right, b: r.bottom, w: r.width, h: r.height };
  };
  const where = (el) => {
    const tr = el.closest("tr");
    const table = el.closest("table");
    const row = tr && (tr.dataset.step ? "step " + tr.dataset.step : (tr.dataset.connector || "row"));
    const td = el.closest("td");
    const col = td ? Array.prototype.indexOf.call(td.parentNode.children, td) : -1;
    const sop = table && table.closest(".sop");
    return `${sop ? sop.dataset.sopNomor + " " : ""}table ${table && table.dataset.page} ${row} col ${col}`;
  };
  const inside = (p, b, pad) => p.x >= b.l - pad && p.x <= b.r + pad && p.y >= b.t - pad && p.y <= b.b + pad;
  const overlap = (a, b, shrink) =>
    Math.min(a.r, b.r - shrink) - Math.max(a.l, b.l + shrink) > 0.5 &&
    Math.min(a.b, b.b - shrink) - Math.max(a.t, b.t + shrink) > 0.5;

  let tables = 0;
  let wireCount = 0;
  for (const table of document.querySelectorAll("table.sop-flowchart")) {
    tables += 1;
    const symbols = [...table.querySelectorAll("svg.sop-sym")].map((el) => ({ el, b: box(el) }));
    const arrows = [...table.querySelectorAll(".arr")].map((el) => ({ el, b: box(el) }));
    const stacks = [...table.querySelectorAll(".sop-marks")].map(box);
    const segs = [...table.querySelectorAll("span.w")].map((el) => {
      const b = box(el);
      const vertical = [...el.classList].some((c) => c.startsWith("v-"));
      const x = (b.l + b.r) / 2;
      const y = (b.t + b.b) / 2;
      const ends = vertical ? [{ x, y: b.t }, { x, y: b.b }] : [{ x: b.l, y }, { x: b.r, y }];
      return { el, b, vertical, ends, cls: [...el.classList].filter((c) => c !== "w").join(" ") };
    });
    wireCount += segs.length;
    const onSeg = (p, s, pad) =>
      s.vertical
        ? Math.abs(p.x - s.ends[0].x) <= pad && p.y >= s.b.t - pad && p.y <= s.b.b + pad
        : Math.abs(p.y - s.ends[0].y) <= pad && p.x >= s.b.l - pad && p.x <= s.b.r + pad;

    // Union-find over segments joined end-to-segment (a corner, a continuation, a T).
    const parent = segs.map((_, i) => i);
    const find = (i) => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    const touchSym = segs.map(() => new Set());
    segs.forEach((s, i) => {
      s.ends.forEach((p, k) => {
        let attached = false;
        symbols.forEach((sym, j) => {
          if (inside(p, sym.b, tol)) {
            touchSym[i].add(j);
            attached = true;
            // A line meets a symbol along the symbol's axis: it never runs inside its box.
            const c = s.vertical ? (sym.b.l + sym.b.r) / 2 : (sym.b.t + sym.b.b) / 2;
            const off = s.vertical ? p.x - c : p.y - c;
            if (Math.abs(off) > tol && inside(p, sym.b, -tol)) {
              problems.push(`${where(s.el)}: ${s.cls} ends inside the symbol of ${where(sym.el)}, ${off.toFixed(1)} px off its axis`);
            }
          }
        });
        if (arrows.some((a) => inside(p, a.b, tol))) attached = true;
        // lines that meet inside a symbol are separate lines: the symbol is their junction
        const inSymbol = symbols.some((sym) => inside(p, sym.b, -tol)) || stacks.some((b) => inside(p, b, -tol));
        segs.forEach((o, j) => {
          if (j !== i && onSeg(p, o, tol)) {
            attached = true;
            if (inSymbol) return;
            parent[find(i)] = find(j);
            attached = true;
          }
        });
        if (!attached) problems.push(`${where(s.el)}: loose end ${k ? "2" : "1"} of ${s.cls} at (${p.x.toFixed(1)}, ${p.y.toFixed(1)})`);
      });
    });
    const comps = new Map();
    segs.forEach((s, i) => {
      const root = find(i);
      if (!comps.has(root)) comps.set(root, { segs: [], syms: new Set(), ends: 0 });
      const c = comps.get(root);
      c.segs.push(s);
      touchSym[i].forEach((j) => c.syms.add(j));
      c.ends += touchSym[i].size;
    });
    for (const c of comps.values()) {
      // a line from a symbol back into the same symbol (a step looping on itself) is whole
      if (c.syms.size < 2 && !(c.syms.size === 1 && c.ends >= 2)) {
        problems.push(`${where(c.segs[0].el)}: a line of ${c.segs.length} segment(s) (${c.segs.map((s) => s.cls).join(", ")}) touches ${c.syms.size} symbol(s), not a start and an end`);
      }
    }

    // No two lines cross; a line (segments joined outside symbols) ends in one arrowhead.
    const pad = (b, d) => ({ l: b.l - d, t: b.t - d, r: b.r + d, b: b.b + d });
    segs.forEach((v) => {
      if (!v.vertical) return;
      segs.forEach((h) => {
        if (h.vertical) return;
        const x = v.ends[0].x, y = h.ends[0].y;
        if (x > h.b.l + tol && x < h.b.r - tol && y > v.b.t + tol && y < v.b.b - tol) {
          problems.push(`${where(v.el)}: ${v.cls} crosses ${h.cls} of ${where(h.el)}`);
        }
      });
    });
    for (const c of comps.values()) {
      const heads = arrows.filter((a) => c.segs.some((sg) => overlap(pad(sg.b, tol), a.b, 0)));
      if (heads.length > 1) {
        problems.push(`${where(c.segs[0].el)}: one line (${c.segs.map((sg) => sg.cls).join(", ")}) runs into ${heads.length} arrowheads: lines to different places meet`);
      }
    }

    // No segment crosses a symbol it does not start or end at.
    segs.forEach((s, i) => {
      symbols.forEach((sym, j) => {
        if (touchSym[i].has(j) || !overlap(s.b, sym.b, tol)) return;
        const tr = s.el.closest("tr");
        const isJoin = s.cls.startsWith("hc-") && sym.el.closest("tr") === tr;
        if (isJoin) {
          const xs = symbols.filter((o) => o.el.closest("tr") === tr && !o.el.closest(".sop-marks"))
            .map((o) => (o.b.l + o.b.r) / 2);
          const cx = (sym.b.l + sym.b.r) / 2;
          if (xs.length > 1 && cx >= Math.min(...xs) - tol && cx <= Math.max(...xs) + tol) return;
        }
        problems.push(`${where(s.el)}: ${s.cls} crosses the symbol in ${where(sym.el)}`);
      });
    });

    // Arrowheads sit on their symbol.
    for (const a of arrows) {
      if (a.el.classList.contains("arr-n")) {
        const td = a.el.closest("td");
        const sym = td.querySelector(":scope > .sop-sym-holder > svg.sop-sym");
        if (!sym) { problems.push(`${where(a.el)}: arrowhead with no symbol in its cell`); continue; }
        const s = box(sym);
        const tipGap = s.t - a.b.b;
        const dx = (a.b.l + a.b.r) / 2 - (s.l + s.r) / 2;
        if (Math.abs(tipGap) > tol) problems.push(`${where(a.el)}: arrow tip ${tipGap.toFixed(1)} px above the symbol`);
        if (Math.abs(dx) > tol) problems.push(`${where(a.el)}: arrow ${dx.toFixed(1)} px off the symbol's centre`);
      } else if (a.el.classList.contains("arr-e")) {
        const sym = a.el.closest("td").querySelector(":scope > .sop-sym-holder > svg.sop-sym");
        if (!sym) { problems.push(`${where(a.el)}: side arrowhead with no symbol in its cell`); continue; }
        const s = box(sym);
        const gap = a.b.l - s.r;
        const dy = (a.b.t + a.b.b) / 2 - (s.t + s.b) / 2;
        if (Math.abs(gap) > tol) problems.push(`${where(a.el)}: arrow tip ${gap.toFixed(1)} px right of the symbol`);
        if (Math.abs(dy) > tol) problems.push(`${where(a.el)}: arrow ${dy.toFixed(1)} px off the symbol's middle`);
      } else if (a.el.classList.contains("arr-up") || a.el.classList.contains("arr-down")) {
        // into an exit mark from below (tip on the mark's foot) or from above (on its top)
        const mark = box(a.el.parentElement);
        const up = a.el.classList.contains("arr-up");
        const gap = up ? a.b.t - mark.b : mark.t - a.b.b;
        const dx = (a.b.l + a.b.r) / 2 - (mark.l + mark.r) / 2;
        if (Math.abs(gap) > tol) problems.push(`${where(a.el)}: arrow tip ${gap.toFixed(1)} px off the mark`);
        if (Math.abs(dx) > tol) problems.push(`${where(a.el)}: arrow ${dx.toFixed(1)} px off the mark's centre`);
      } else if (a.el.classList.contains("arr-w")) {
        const sym = a.el.parentElement.querySelector("svg.sop-sym");
        if (!sym) { problems.push(`${where(a.el)}: side arrowhead with no symbol`); continue; }
        const s = box(sym);
        const gap = s.l - a.b.r;
        const dy = (a.b.t + a.b.b) / 2 - (s.t + s.b) / 2;
        if (Math.abs(gap) > tol) problems.push(`${where(a.el)}: side arrow tip ${gap.toFixed(1)} px left of the symbol`);
        if (Math.abs(dy) > tol) problems.push(`${where(a.el)}: side arrow ${dy.toFixed(1)} px off the symbol's middle`);
      }
    }

    // Symbols inside their cells; labels clear of symbols.
    for (const sym of symbols) {
      const cell = box(sym.el.closest("td"));
      // At least MARGIN px of clear space left and right, so a symbol never merges with a border.
      const m = 3;
      if (sym.b.l < cell.l + m || sym.b.r > cell.r - m || sym.b.t < cell.t || sym.b.b > cell.b) {
        problems.push(`${where(sym.el)}: symbol ${sym.b.w.toFixed(0)}x${sym.b.h.toFixed(0)} does not fit its cell ${cell.w.toFixed(0)}x${cell.h.toFixed(0)} with ${m} px to spare`);
      }
    }
    for (const lbl of table.querySelectorAll(".lbl")) {
      const b = box(lbl);
      for (const sym of symbols) {
        if (overlap(b, sym.b, 0)) problems.push(`${where(lbl)}: label "${lbl.textContent}" covers the symbol in ${where(sym.el)}`);
      }
      // A label may lie over a line of a neighbouring cell (a lane passing by) only when it is
      // opaque, so the text stays readable; never over the lines of its own cell.
      const bg = getComputedStyle(lbl).backgroundColor;
      const opaque = /^rgb\(/.test(bg) || /^rgba\(.*,\s*1\)$/.test(bg);
      for (const s of segs) {
        if (opaque && s.el.closest("td") !== lbl.closest("td")) continue;
        if (overlap(b, s.b, 0)) problems.push(`${where(lbl)}: label "${lbl.textContent}" lies on the line ${s.cls} of ${where(s.el)}`);
      }
    }
  }
  return { tables, wires: wireCount, problems };
}
