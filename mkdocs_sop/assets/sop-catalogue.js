/* mkdocs-sop: filter and sort the catalogue table (table[data-sop-catalogue]).
 * Progressive enhancement: without this script the table is complete and readable;
 * with it, a search box narrows the rows as the reader types, and each column header
 * becomes a button that sorts by that column (aria-sort tells screen readers).
 * No external scripts; works offline; safe to run more than once (Material's instant
 * navigation re-runs it through document$). */
(function () {
  "use strict";

  function fold(text) {
    return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* The terms of a text as the site search reads them (Indonesian roots, numbers without
   * punctuation) when sop-search.js is loaded; folded words otherwise. */
  function terms(text, isQuery) {
    if (window.SopNormal) return window.SopNormal.terms(text, isQuery);
    return fold(text).split(/\s+/).filter(Boolean);
  }

  function rowText(row) {  // cells apart, so "470/SOP-PDP/001/2024" and the name stay two words
    return Array.prototype.map.call(row.cells, function (cell) { return cell.textContent; }).join(" ");
  }

  /* Every query term is found in a term of the row: a word at its start (typing "perik"
   * already narrows), a number anywhere ("pdp001"); without the normaliser, anywhere. */
  function matches(queryTerms, rowTerms) {
    var anywhere = !window.SopNormal;
    return queryTerms.every(function (q) {
      var inside = anywhere || /[0-9]/.test(q);
      return rowTerms.some(function (r) { return inside ? r.indexOf(q) !== -1 : r.indexOf(q) === 0; });
    });
  }

  function cellKey(row, index, type) {
    var cell = row.cells[index];
    if (!cell) return "";
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    if (type === "number") {
      var n = parseFloat(raw);
      return isNaN(n) ? -Infinity : n;
    }
    return fold(raw).trim();
  }

  function enhance(table) {
    if (table.getAttribute("data-sop-enhanced")) return;
    table.setAttribute("data-sop-enhanced", "1");
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var texts = rows.map(function (r) { return terms(rowText(r)); });
    var total = rows.length;
    var countLabel = table.getAttribute("data-label-count") || "{shown} / {total}";
    var sortLabel = table.getAttribute("data-label-sort") || "Sort by";

    // filter
    var box = document.querySelector(".sop-cat-filter");
    var input = box ? box.querySelector("input") : null;
    var output = box ? box.querySelector("output") : null;
    function showCount(shown) {
      if (output) output.textContent = countLabel.replace("{shown}", shown).replace("{total}", total);
    }
    function applyFilter() {
      var words = terms(input ? input.value : "", true);
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = matches(words, texts[i]);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      showCount(shown);
    }
    if (box && input) {
      box.hidden = false;
      box.removeAttribute("hidden");
      input.addEventListener("input", applyFilter);
      input.addEventListener("search", applyFilter);
      if (input.value) applyFilter(); else showCount(total);
    }

    // sort
    var heads = table.tHead ? Array.prototype.slice.call(table.tHead.rows[0].cells) : [];
    heads.forEach(function (th, index) {
      var type = th.getAttribute("data-sort-type") || "text";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sop-cat-sort";
      button.setAttribute("aria-label", sortLabel + " " + th.textContent.trim());
      while (th.firstChild) button.appendChild(th.firstChild);
      var arrow = document.createElement("span");
      arrow.className = "sop-cat-sort-arrow";
      arrow.setAttribute("aria-hidden", "true");
      button.appendChild(arrow);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var order = rows.map(function (row, i) { return [cellKey(row, index, type), i, row]; });
        order.sort(function (a, b) {
          var c = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
          if (!ascending) c = -c;
          return c || a[1] - b[1]; // stable: original (catalogue) order breaks ties
        });
        var fragment = document.createDocumentFragment();
        order.forEach(function (item) { fragment.appendChild(item[2]); });
        body.appendChild(fragment);
      });
    });
  }

  function init() {
    var tables = document.querySelectorAll("table[data-sop-catalogue]");
    for (var i = 0; i < tables.length; i++) enhance(tables[i]);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material for MkDocs, instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
