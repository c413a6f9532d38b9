// Contrast of the SOP drawing against what lies behind it, from computed colours.
// Graphics (wires, arrowheads, symbol outlines, table borders) need 3:1; text (branch
// labels, connector letters, cell text, mark text) 4.5:1. Returns {checked, problems}.
() => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  // Any CSS colour syntax -> [r, g, b, a] in 0..255 / 0..1, through the canvas.
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0,0,0,0)";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  // The opaque colour behind an element: its own and its ancestors' backgrounds, composed.
  const behind = (el, includeSelf) => {
    const layers = [];
    for (let n = includeSelf ? el : el.parentElement; n; n = n.parentElement) {
      if (n instanceof SVGElement) continue;
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let colour = [255, 255, 255, 1]; // the canvas of the page
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (fg, bg) => {
    const a = lum(over(fg, bg)), b = lum(bg);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  };
  const problems = [];
  let checked = 0;
  const name = (el) => {
    const tr = el.closest("tr");
    const cls = (el.getAttribute("class") || el.tagName).toString().split(" ").slice(0, 2).join(".");
    return `${cls}${tr && tr.dataset.step ? " in step " + tr.dataset.step : ""}`;
  };
  const check = (el, colourCss, bg, need, what) => {
    checked += 1;
    const r = ratio(rgba(colourCss), bg);
    if (r + 1e-6 < need) problems.push(`${what} ${name(el)}: ${colourCss} on rgb(${bg.slice(0, 3).map(Math.round)}) = ${r.toFixed(2)}:1 < ${need}:1`);
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none" && !el.closest(".sop-visually-hidden");
  };

  for (const sop of document.querySelectorAll(".sop")) {
    for (const w of sop.querySelectorAll("span.w")) {
      const s = getComputedStyle(w);
      const vertical = [...w.classList].some((c) => c.startsWith("v-"));
      check(w, vertical ? s.borderLeftColor : s.borderTopColor, behind(w, false), 3, "line");
    }
    for (const a of sop.querySelectorAll(".arr")) {
      const s = getComputedStyle(a);
      // the coloured side of the CSS triangle is the one opposite its tip
      const side = a.classList.contains("arr-n") || a.classList.contains("arr-down") ? s.borderTopColor
        : a.classList.contains("arr-up") ? s.borderBottomColor
        : a.classList.contains("arr-e") ? s.borderRightColor : s.borderLeftColor;
      check(a, side, behind(a, false), 3, "arrowhead");
    }
    for (const svg of sop.querySelectorAll("svg.sop-sym")) {
      const shape = svg.querySelector("rect, polygon");
      const s = getComputedStyle(shape);
      check(svg, s.stroke, behind(svg, false), 3, "symbol outline");
      const text = svg.querySelector("text");
      if (text) check(text, getComputedStyle(text).fill, over(rgba(s.fill), behind(svg, false)), 4.5, "connector letter");
    }
    for (const cell of sop.querySelectorAll("table.sop-flowchart td, table.sop-flowchart th, table.sop-identity td, table.sop-identity th")) {
      const s = getComputedStyle(cell);
      if (parseFloat(s.borderBottomWidth) > 0 && s.borderBottomStyle !== "none") {
        check(cell, s.borderBottomColor, behind(cell, false), 3, "cell border");
      }
    }
    for (const lbl of sop.querySelectorAll(".lbl")) check(lbl, getComputedStyle(lbl).color, behind(lbl, true), 4.5, "branch label");
    // Text: every element with its own text node.
    const walker = document.createTreeWalker(sop, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const el = t.parentElement;
      if (!t.textContent.trim() || seen.has(el) || el.closest("svg") || el.closest(".sop-diagram") || !visible(el)) continue;
      seen.add(el);
      check(el, getComputedStyle(el).color, behind(el, true), 4.5, "text");
    }
  }
  return { checked, problems };
}
