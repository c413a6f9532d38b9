/* mkdocs-sop: filter and sort the catalogue table (table[data-sop-catalogue]).
 * Progressive enhancement: without this script the table is complete and readable
 * (page by page when the overview is paginated, each page linked to the next); with it,
 * a search box narrows the rows as the reader types (on a paginated overview it searches
 * every SOP of the site, read from sop.json, and shows this page's rows again when
 * emptied), and each column header becomes a button that sorts by that column (aria-sort
 * tells screen readers).
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

  /* The number of steps an SOP counts in the table: its leaf steps (a step with sub-steps
   * counts them instead), as the page rows do. */
  function leafSteps(steps) {
    return (steps || []).reduce(function (n, step) {
      return n + (step.substeps && step.substeps.length ? leafSteps(step.substeps) : 1);
    }, 0);
  }

  function roughMinutes(amount) {
    if (!amount) return -1;
    return amount.minutes + 1440 * (amount.days + amount.working_days) + 43200 * amount.months;
  }

  function cell(tr, text, className, sortKey) {
    var td = document.createElement("td");
    if (text) td.textContent = text;
    if (className) td.className = className;
    if (sortKey !== undefined) td.setAttribute("data-sort", sortKey);
    tr.appendChild(td);
    return td;
  }

  /* A row of the table from one SOP of sop.json, as the generated pages write it. */
  function rowFrom(sop, base, labels) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-sop-nomor", sop.nomor);
    tr.setAttribute("data-status", sop.status);
    cell(tr, sop.nomor, "sop-cat-nomor");
    var link = document.createElement("a");
    link.href = new URL(sop.url, base).href;
    link.className = "sop-cat-link";
    link.textContent = sop.nama;
    cell(tr, "").appendChild(link);
    var path = sop.unit_path || [];
    var unit = cell(tr, "", "sop-cat-unit-cell");
    unit.title = path.join(" \u203a ");
    var own = document.createElement("span");
    own.className = "sop-cat-unit-own";
    own.textContent = path.length ? path[path.length - 1] : "";
    unit.appendChild(own);
    if (path.length > 1) {
      var parents = document.createElement("span");
      parents.className = "sop-cat-unit-parents";
      parents.textContent = (path.length > 2 ? path.slice(1, -1) : path.slice(0, 1)).join(" \u203a ");
      unit.appendChild(parents);
    }
    cell(tr, (labels.jenis || {})[sop.jenis] || sop.jenis || "");
    cell(tr, sop.kategori ? ((labels.kategori || {})[sop.kategori] || sop.kategori) : "");
    var date = sop.tanggal_efektif;
    cell(tr, date ? date.text : "", "", date && date.iso ? date.iso : "");
    var count = leafSteps(sop.langkah);
    cell(tr, String(count), "sop-cat-num", String(count));
    var total = sop.total_waktu;
    cell(tr, total ? total.text : "", "", String(total ? roughMinutes(total.high) : -1));
    var status = cell(tr, "", "", sop.status);
    var mark = document.createElement("span");
    mark.className = "sop-cat-status sop-cat-status-" + sop.status;
    mark.setAttribute("data-status", sop.status);
    mark.textContent = (labels.status || {})[sop.status] || sop.status;
    status.appendChild(mark);
    return tr;
  }

  /* Every SOP of the site as rows, from sop.json (a paginated overview holds one page of
   * them). Null when it cannot be read (e.g. a handbook opened from a shared drive, where
   * browsers refuse to fetch files): then the filter searches this page's rows. */
  function loadAll(url, labels) {
    if (!window.fetch) return Promise.resolve(null);
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) {
      return (data.sops || []).map(function (sop) { return rowFrom(sop, url, labels); });
    }).catch(function () { return null; });
  }

  function enhance(table) {
    if (table.getAttribute("data-sop-enhanced")) return;
    table.setAttribute("data-sop-enhanced", "1");
    var body = table.tBodies[0];
    if (!body) return;
    var pageRows = Array.prototype.slice.call(body.rows);
    var rows = pageRows;
    var texts = rows.map(function (r) { return terms(rowText(r)); });
    var pageTexts = texts;
    var total = parseInt(table.getAttribute("data-total"), 10) || rows.length;
    var countLabel = table.getAttribute("data-label-count") || "{shown} / {total}";
    var sortLabel = table.getAttribute("data-label-sort") || "Sort by";
    // a paginated overview: the filter searches every SOP through sop.json
    var dataLink = table.hasAttribute("data-total") ?
      document.querySelector(".sop-cat-downloads a[href$='sop.json']") : null;
    var labels = {};
    try { labels = JSON.parse(table.getAttribute("data-sop-labels") || "{}"); } catch (e) { labels = {}; }
    var all = null;  // [rows, texts] of every SOP once loaded; false: sop.json cannot be read
    var loading = null;

    function show(list, listTexts) {
      if (rows === list) return;
      rows = list;
      texts = listTexts;
      var fragment = document.createDocumentFragment();
      list.forEach(function (row) { fragment.appendChild(row); });
      while (body.firstChild) body.removeChild(body.firstChild);
      body.appendChild(fragment);
    }

    // filter
    var box = document.querySelector(".sop-cat-filter");
    var input = box ? box.querySelector("input") : null;
    var output = box ? box.querySelector("output") : null;
    function showCount(shown, of) {
      if (output) output.textContent = countLabel.replace("{shown}", shown).replace("{total}", of);
    }
    function applyFilter() {
      var words = terms(input ? input.value : "", true);
      if (dataLink && words.length && all === null && !loading) {
        loading = loadAll(dataLink.href, labels).then(function (list) {
          all = list ? [list, list.map(function (r) { return terms(rowText(r)); })] : false;
          applyFilter();
        });
      }
      if (all && words.length) show(all[0], all[1]); else show(pageRows, pageTexts);
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = matches(words, texts[i]);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      showCount(shown, rows === pageRows ? (dataLink && !words.length ? total : rows.length) : rows.length);
    }
    if (box && input) {
      box.hidden = false;
      box.removeAttribute("hidden");
      input.addEventListener("input", applyFilter);
      input.addEventListener("search", applyFilter);
      if (input.value) applyFilter(); else showCount(rows.length, total);
    }

    // sort (the rows shown: this page's, or every SOP's while a filter is typed)
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
        var order = rows.map(function (row, i) { return [cellKey(row, index, type), i, row, texts[i]]; });
        order.sort(function (a, b) {
          var c = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
          if (!ascending) c = -c;
          return c || a[1] - b[1]; // stable: original (catalogue) order breaks ties
        });
        var sorted = order.map(function (item) { return item[2]; });
        var sortedTexts = order.map(function (item) { return item[3]; });
        if (rows === pageRows) { pageRows = sorted; pageTexts = sortedTexts; }
        else if (all) { all = [sorted, sortedTexts]; }
        rows = null;
        show(sorted, sortedTexts);
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
