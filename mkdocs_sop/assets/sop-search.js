/* mkdocs-sop: site search (Pagefind index + Indonesian roots), for any generator.
 *
 * - SopNormal: the one normaliser of queries and texts, shared with the catalogue
 *   filter (sop-catalogue.js): folded words mapped to their Indonesian root through
 *   window.SOP_KOSAKATA (written at build time from the site's own words by Sastrawi);
 *   numbers folded to letters and digits ("470/SOP-PDP/001/2024" -> "470soppdp0012024").
 * - A search box in the page header (any theme: Material, Zensical, plain), with results
 *   under it; a full search page with facets where the site has <div data-sop-search>.
 * Everything is loaded from the site itself: no request leaves the intranet. Opened as
 * files (a shared drive), the browser refuses to load the index; the box says so and
 * points to the catalogue, whose filter works without a server. */
(function () {
  "use strict";

  var TEXT = {
    id: {
      label: "Cari SOP", placeholder: "Cari SOP, nomor, unit, pelaksana…", none: "Tidak ada hasil untuk",
      count: "{n} hasil", more: "Tampilkan lebih banyak", loading: "Mencari…", all: "Semua",
      facets: "Saring hasil", page: "Buka halaman pencarian dengan saringan",
      offline: "Pencarian memerlukan server web (intranet). Dibuka sebagai berkas dari folder bersama, " +
        "gunakan Katalog SOP: penyaringnya bekerja tanpa server.", catalogue: "Buka Katalog SOP",
      facet_unit: "Unit", facet_jenis: "Jenis", facet_kategori: "Kategori", facet_status: "Status",
      facet_pelaksana: "Pelaksana", "facet_dasar hukum": "Dasar hukum", clear: "Hapus saringan"
    },
    en: {
      label: "Search SOPs", placeholder: "Search SOPs, numbers, units, actors…", none: "No results for",
      count: "{n} results", more: "Show more", loading: "Searching…", all: "All",
      facets: "Filter results", page: "Open the search page with filters",
      offline: "Search needs a web server (intranet). Opened as files from a shared folder, " +
        "use the SOP catalogue: its filter works without a server.", catalogue: "Open the SOP catalogue",
      facet_unit: "Unit", facet_jenis: "Type", facet_kategori: "Category", facet_status: "Status",
      facet_pelaksana: "Actor", "facet_dasar hukum": "Legal basis", clear: "Clear filters"
    }
  };
  var FACETS = ["unit", "jenis", "kategori", "status", "pelaksana", "dasar hukum"];
  var NOT_SOP_FACTOR = 0.35; // a guide or catalogue page ranks below an SOP page with the same words
  var PAGE = 10;             // results shown at a time
  var MAX_VARIANTS = 10;     // forms of one root searched for one query word

  /* ---------------- SopNormal ---------------- */

  var kosakata = null;
  var variantsOf = null;
  var rootSet = null;

  function tables() {
    if (kosakata) return;
    kosakata = window.SOP_KOSAKATA || { akar: {}, kode: {} };
    variantsOf = {};
    rootSet = {};
    Object.keys(kosakata.akar).forEach(function (word) {
      var r = kosakata.akar[word];
      (variantsOf[r] = variantsOf[r] || []).push(word);
      rootSet[r] = true;
    });
  }

  function fold(text) {
    return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function code(text) {
    return fold(text).replace(/[^0-9a-z]+/g, "");
  }

  var PREFIXES = [["meny", "s"], ["peny", "s"], ["meng", "k"], ["peng", "k"], ["mem", "p"], ["pem", "p"],
    ["men", "t"], ["pen", "t"], ["meng", ""], ["peng", ""], ["mem", ""], ["pem", ""], ["men", ""], ["pen", ""],
    ["me", ""], ["pe", ""], ["di", ""], ["ter", ""], ["ber", ""], ["per", ""], ["ke", ""], ["se", ""]];
  var SUFFIXES = ["", "kan", "an", "i", "nya", "lah", "kah"];

  /* A word the site does not use ("pulihkan"): strip Indonesian affixes, in the order
   * the language adds them, until a root the site does use ("pulih", from "pemulihan"). */
  function guessRoot(word) {
    if (word.length < 5) return null;
    for (var s = 0; s < SUFFIXES.length; s++) {
      var suffix = SUFFIXES[s];
      if (suffix && !(word.length > suffix.length + 2 && word.slice(-suffix.length) === suffix)) continue;
      var body = suffix ? word.slice(0, -suffix.length) : word;
      if (suffix && rootSet[body]) return body;
      for (var p = 0; p < PREFIXES.length; p++) {
        var pre = PREFIXES[p][0];
        if (body.length > pre.length + 2 && body.indexOf(pre) === 0) {
          var stem = PREFIXES[p][1] + body.slice(pre.length);
          if (rootSet[stem]) return stem;
          if (kosakata.akar[stem] && rootSet[kosakata.akar[stem]]) return kosakata.akar[stem];
        }
      }
    }
    return null;
  }

  function root(word) {
    tables();
    return kosakata.akar[word] || (rootSet[word] ? word : guessRoot(word)) || word;
  }

  /* Terms of a text: each word's root, and the code of each chunk holding a digit. A
   * query's chunk holding a digit is a number: its code alone ("470/SOP-PDP" is not
   * also the words "sop" and "pdp"). */
  function terms(text, isQuery) {
    var out = [];
    fold(text).split(/\s+/).forEach(function (chunk) {
      if (!chunk) return;
      var number = /[0-9]/.test(chunk);
      if (number) out.push(code(chunk));
      if (number && isQuery) return;
      (chunk.match(/[a-z]+/g) || []).forEach(function (w) { out.push(root(w)); });
    });
    return out;
  }

  function queryTerms(text) { return terms(text, true); }

  /* The codes (SOP numbers, regulations) a query names, typed with or without
   * punctuation, "nomor"/"tahun" or spaces: "UU 24/2013", "470 SOP PDP 001 2024". */
  function codesIn(query) {
    tables();
    var folded = code(fold(query).replace(/\b(nomor|nomer|no|tahun|thn|th)\b\.?/g, " "));
    if (!/[0-9]/.test(folded) || folded.length < 3) return [];
    if (kosakata.kode[folded]) return [folded];
    return Object.keys(kosakata.kode).filter(function (c) { return c.indexOf(folded) === 0; }).slice(0, 20);
  }

  function variants(word) {
    var r = root(word);
    var list = [word];
    if (r !== word) list.push(r);
    (variantsOf[r] || []).forEach(function (v) { if (list.indexOf(v) === -1) list.push(v); });
    return list.slice(0, MAX_VARIANTS);
  }

  window.SopNormal = { fold: fold, code: code, root: root, terms: terms, queryTerms: queryTerms,
    codesIn: codesIn, variants: variants };

  /* ---------------- the engine ---------------- */

  var script = document.currentScript;
  var siteRoot = script ? script.src.replace(/sop-search\/sop-search\.js(\?.*)?$/, "") : "/";
  var pagefindPromise = null;
  var STALE = { stale: true }; // a search given up because the reader typed on

  function pagefind() {
    if (!pagefindPromise) {
      if (location.protocol === "file:") return Promise.reject(new Error("file"));
      pagefindPromise = import(siteRoot + "pagefind/pagefind.js").then(function (pf) {
        var base = new URL(siteRoot, location.href).pathname;
        return Promise.resolve(pf.options({ baseUrl: base, excerptLength: 24 })).then(function () {
          return pf.init ? pf.init() : null;
        }).then(function () { return pf; });
      });
    }
    return pagefindPromise;
  }

  /* The forms to search for each query word: the codes it names, else every form the
   * site uses of each word's root. */
  function wordForms(query) {
    var codes = codesIn(query);
    if (codes.length) return [codes];
    return (fold(query).match(/[0-9a-z]+/g) || []).map(function (w) { return /[0-9]/.test(w) ? [w] : variants(w); });
  }

  /* One Pagefind search per form of each query word, one after another so that a query the
   * reader has already typed past stops between two (the index chunks of every form load at
   * once, in parallel). A page must match every word (some form of it); its score is the sum
   * of each word's best form. Never Pagefind's filters: once loaded, Pagefind counts every
   * filter value on every search, which made each later query about three times slower. */
  function searchWords(pf, groups, isStale) {
    groups.forEach(function (forms) { forms.forEach(function (form) { if (pf.preload) pf.preload(form); }); });
    var perWord = [];
    var chain = Promise.resolve();
    groups.forEach(function (forms) {
      var best = {};
      perWord.push(best);
      forms.forEach(function (form) {
        chain = chain.then(function () {
          if (isStale()) throw STALE;
          return pf.search(form);
        }).then(function (s) {
          (s ? s.results : []).forEach(function (r) {
            if (!best[r.id] || best[r.id].score < r.score) best[r.id] = { result: r, score: r.score };
          });
        });
      });
    });
    return chain.then(function () { return merge(perWord); });
  }

  function merge(perWord) {
    var ids = Object.keys(perWord[0]);
    var all = ids.filter(function (id) { return perWord.every(function (m) { return m[id]; }); });
    var chosen = all.length ? all : Object.keys(perWord.reduce(function (acc, m) {
      Object.keys(m).forEach(function (id) { acc[id] = true; }); return acc; }, {}));
    return chosen.map(function (id) {
      var score = 0, top = null, matched = 0;
      perWord.forEach(function (m) {
        if (!m[id]) return;
        matched += 1;
        score += m[id].score;
        if (!top || m[id].score > top.score) top = m[id];
      });
      return { result: top.result, score: score * matched / perWord.length };
    });
  }

  function sortByScore(list) {
    return list.sort(function (a, b) { return b.score - a.score || (a.result.id < b.result.id ? -1 : 1); });
  }

  /* The ids of the pages holding an SOP: every SOP has a status (kosakata.js lists the
   * site's), so one search by status alone finds them all; it loads that one filter only. */
  var sopPagesPromise = null;

  function sopPages(pf) {
    if (!sopPagesPromise) {
      var statuses = kosakata.status || [];
      sopPagesPromise = !statuses.length ? Promise.resolve({}) :
        pf.search(null, { filters: { status: { any: statuses } } }).then(function (s) {
          var ids = {};
          s.results.forEach(function (r) { ids[r.id] = true; });
          return ids;
        });
    }
    return sopPagesPromise;
  }

  /* SOP pages before guide and catalogue pages with the same words. */
  function rank(pf, list) {
    return sopPages(pf).then(function (sops) {
      list.forEach(function (item) { if (!sops[item.result.id]) item.score *= NOT_SOP_FACTOR; });
      return sortByScore(list);
    });
  }

  /* Every page, unranked: what facets alone narrow. Asked once. */
  var allPagesPromise = null;

  function allPages() {
    if (!allPagesPromise) {
      allPagesPromise = pagefind().then(function (pf) { return pf.search(null); }).then(function (s) {
        return s.results.map(function (r) { return { result: r, score: 0 }; });
      });
    }
    return allPagesPromise;
  }

  /* The ranked results of a query: [{result, score}], result being Pagefind's. ``isStale``
   * (optional) says the reader has typed on, and the search may stop. */
  function search(query, isStale) {
    tables();
    var stale = typeof isStale === "function" ? isStale : function () { return false; };
    var groups = wordForms(query);
    if (!groups.length) return allPages();
    return pagefind().then(function (pf) {
      return searchWords(pf, groups, stale).then(function (list) { return rank(pf, list); });
    });
  }

  /* ---------------- facets ---------------- */

  /* The site's facet table (sop-search/saringan.json, written by the indexer): each value,
   * and the values of each SOP page under its Pagefind id, in title order. The search page
   * filters and counts its results with it. */
  function FacetTable(data) {
    var of = {}, order = {};
    data.halaman.forEach(function (row, position) {
      of[row[0]] = row.slice(1);
      order[row[0]] = position;
    });
    return {
      values: data.nilai, // [facet, value]
      order: order,
      /* Does the page have, for every facet with a choice, one of the chosen values? (Any
       * page does when nothing is chosen, a guide page too.) */
      matches: function (id, chosen) {
        var facets = Object.keys(chosen);
        var mine = of[id];
        if (!facets.length || !mine) return !facets.length;
        return facets.every(function (facet) {
          return mine.some(function (i) { return chosen[facet][i]; });
        });
      },
      /* For each value, the number of ``ids`` a reader would see on ticking it: the pages
       * that pass every other facet's choice (values of one facet add up, facets narrow). */
      counts: function (ids, chosen) {
        var counts = data.nilai.map(function () { return 0; });
        var facets = Object.keys(chosen);
        ids.forEach(function (id) {
          var mine = of[id];
          if (!mine) return;
          var failing = facets.filter(function (facet) {
            return !mine.some(function (i) { return chosen[facet][i]; });
          });
          if (failing.length > 1) return;
          mine.forEach(function (i) {
            if (!failing.length || data.nilai[i][0] === failing[0]) counts[i] += 1;
          });
        });
        return counts;
      },
      pages: function () { return Object.keys(of); }
    };
  }

  var facetTablePromise = null;

  function facetTable() {
    if (!facetTablePromise) {
      facetTablePromise = location.protocol === "file:" ? Promise.resolve(null) :
        fetch(siteRoot + "sop-search/saringan.json").then(function (response) {
          return response.ok ? response.json() : null;
        }).then(function (data) { return data && data.nilai ? FacetTable(data) : null; },
          function () { return null; });
    }
    return facetTablePromise;
  }

  window.SopSearch = { search: search, siteRoot: siteRoot, facetTable: facetTable };

  /* ---------------- the interface ---------------- */

  function lang() {
    var l = (document.documentElement.getAttribute("lang") || "id").slice(0, 2).toLowerCase();
    return TEXT[l] ? l : "id";
  }

  function t(key) { return TEXT[lang()][key]; }

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  /* Pagefind's excerpt is escaped text with <mark>; only those marks are kept. A
   * matched code shows as the number the reader knows. */
  function excerptInto(node, html) {
    var parts = String(html || "").split(/(<mark>|<\/mark>)/);
    var marked = false;
    var box = document.createElement("textarea");
    parts.forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      box.innerHTML = part;
      var text = box.value;
      if (marked && kosakata.kode[text]) text = kosakata.kode[text];
      if (!marked) text = text.replace(/\b[0-9a-z]{6,}\b/g, function (w) { return kosakata.kode[w] || w; });
      node.appendChild(marked ? make("mark", {}, text) : document.createTextNode(text));
    });
  }

  function resultItem(item) {
    var data = item.data;
    var li = make("li", { "class": "sop-search-result" });
    var a = make("a", { href: data.url }, (data.meta && data.meta.title) || data.url);
    li.appendChild(a);
    if (data.meta && data.meta.nomor) {
      var meta = [data.meta.nomor, data.meta.unit, data.meta.status].filter(Boolean).join(" · ");
      li.appendChild(make("div", { "class": "sop-search-meta" }, meta));
    }
    var p = make("p", { "class": "sop-search-excerpt" });
    excerptInto(p, data.excerpt);
    li.appendChild(p);
    return li;
  }

  function offlineNote(container) {
    var note = make("p", { "class": "sop-search-offline", role: "note" }, t("offline") + " ");
    var index = location.protocol === "file:" ? "index.html" : ""; // no folder index on a file system
    note.appendChild(make("a", { href: siteRoot + "katalog/" + index }, t("catalogue")));
    container.appendChild(note);
  }

  /* The facet lists of the search page, built once from the facet table: a checkbox per
   * value, its count updated in place for each query; a value no result has is hidden. */
  function FacetLists(box, table, onChange) {
    var inputs = [];
    FACETS.forEach(function (key) {
      var indexes = [];
      table.values.forEach(function (pair, i) { if (pair[0] === key) indexes.push(i); });
      if (!indexes.length) return;
      var details = make("details", { "class": "sop-search-facet", "data-facet": key });
      details.appendChild(make("summary", {}, t("facet_" + key) || key));
      var ul = make("ul", {});
      indexes.forEach(function (i) {
        var li = make("li", {});
        var label = make("label", {});
        var input = make("input", { type: "checkbox", value: table.values[i][1], "data-facet": key, "data-index": String(i) });
        input.addEventListener("change", onChange);
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + table.values[i][1] + " "));
        var count = make("span", { "class": "sop-search-facet-count" });
        label.appendChild(count);
        li.appendChild(label);
        ul.appendChild(li);
        inputs.push({ input: input, count: count, li: li, details: details });
      });
      details.appendChild(ul);
      box.appendChild(details);
    });

    return {
      /* {facet: {value index: true}} of the ticked boxes */
      chosen: function () {
        var out = {};
        inputs.forEach(function (x) {
          if (!x.input.checked) return;
          var key = x.input.getAttribute("data-facet");
          (out[key] = out[key] || {})[x.input.getAttribute("data-index")] = true;
        });
        return out;
      },
      show: function (counts) {
        var visible = {};
        inputs.forEach(function (x) {
          var n = counts[+x.input.getAttribute("data-index")];
          x.count.textContent = "(" + n + ")";
          x.li.hidden = n === 0 && !x.input.checked;
          if (!x.li.hidden) visible[x.details.getAttribute("data-facet")] = true;
        });
        inputs.forEach(function (x) { x.details.hidden = !visible[x.details.getAttribute("data-facet")]; });
      }
    };
  }

  /* A search UI bound to an input: results list, count, "more"; facets when asked. A
   * query's Pagefind results are kept, so ticking a facet only filters and counts them. */
  function SearchUi(form, input, panel, withFacets) {
    var status = make("p", { "class": "sop-search-count", role: "status", "aria-live": "polite" });
    var list = make("ol", { "class": "sop-search-results" });
    var more = make("button", { type: "button", "class": "sop-search-more", hidden: "" }, t("more"));
    var facetBox = withFacets ? make("div", { "class": "sop-search-facets" }) : null;
    if (facetBox) panel.appendChild(facetBox);
    panel.appendChild(status);
    panel.appendChild(list);
    panel.appendChild(more);
    var table = null;
    var lists = null;
    var found = { query: null, results: null }; // the last query's ranked results
    var current = [];
    var shown = 0;
    var generation = 0;
    var timer = null;

    function showMore() {
      var next = current.slice(shown, shown + PAGE);
      return Promise.all(next.map(function (item) {
        return item.data ? item : item.result.data().then(function (d) { item.data = d; return item; });
      })).then(function (items) {
        items.forEach(function (item) { list.appendChild(resultItem(item)); });
        shown += items.length;
        more.hidden = shown >= current.length;
      });
    }

    function resultsOf(query, isStale) {
      if (found.query === query) return Promise.resolve(found.results);
      return search(query, isStale).then(function (results) {
        found = { query: query, results: results };
        return results;
      });
    }

    /* The results a reader sees: those of the query passing the ticked facets (with no
     * query, every SOP page with them, in title order); each facet value's count of them. */
    function narrow(query, results) {
      if (!lists) return results;
      var chosen = lists.chosen();
      lists.show(table.counts(results.map(function (item) { return item.result.id; }), chosen));
      var passing = results.filter(function (item) { return table.matches(item.result.id, chosen); });
      if (!query) passing.sort(function (a, b) { return table.order[a.result.id] - table.order[b.result.id]; });
      return passing;
    }

    function run() {
      var query = input.value.trim();
      var mine = ++generation;
      var isStale = function () { return mine !== generation; };
      var chosen = lists ? lists.chosen() : {};
      if (!query && !Object.keys(chosen).length) {
        list.textContent = ""; status.textContent = ""; more.hidden = true; panel.hidden = !withFacets;
        if (lists) lists.show(table.counts(table.pages(), {}));
        return Promise.resolve();
      }
      panel.hidden = false;
      status.textContent = t("loading");
      return resultsOf(query, isStale).then(function (results) {
        if (isStale()) return;
        current = narrow(query, results); shown = 0; list.textContent = "";
        status.textContent = current.length ? t("count").replace("{n}", current.length)
          : t("none") + " “" + query + "”";
        return showMore();
      }, function (error) {
        if (error === STALE) return;
        status.textContent = ""; list.textContent = "";
        if (!panel.querySelector(".sop-search-offline")) offlineNote(panel);
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
    form.addEventListener("submit", function (event) {
      if (!withFacets && form.getAttribute("action")) return; // header box: Enter opens the search page (facets)
      event.preventDefault();
      clearTimeout(timer);
      run();
    });
    more.addEventListener("click", showMore);
    var ready = !withFacets ? Promise.resolve() : facetTable().then(function (loaded) {
      if (!loaded) return;
      table = loaded;
      lists = FacetLists(facetBox, table, run);
      lists.show(table.counts(table.pages(), {}));
    });
    return { run: function () { return ready.then(run); } };
  }

  function searchForm(action) {
    var form = make("form", { role: "search", "class": "sop-search-box" });
    if (action) form.setAttribute("action", action);
    var id = "sop-search-input-" + Math.random().toString(36).slice(2, 8);
    form.appendChild(make("label", { "for": id, "class": "sop-search-label" }, t("label")));
    var input = make("input", { type: "search", id: id, name: "q", autocomplete: "off",
      placeholder: t("placeholder"), "aria-label": t("label") });
    form.appendChild(input);
    return { form: form, input: input };
  }

  function mountPage(mount) {
    if (mount.getAttribute("data-sop-search-ready")) return;
    mount.setAttribute("data-sop-search-ready", "1");
    mount.textContent = "";
    var box = searchForm(null);
    var panel = make("div", { "class": "sop-search-panel" });
    mount.appendChild(box.form);
    mount.appendChild(panel);
    var ui = SearchUi(box.form, box.input, panel, true);
    var q = new URLSearchParams(location.search).get("q");
    if (q) { box.input.value = q; ui.run(); }
  }

  function mountHeader() {
    if (document.querySelector(".sop-search-header")) return;
    var header = document.querySelector(".md-header__inner") || document.querySelector("header");
    if (!header) return;
    tables();
    var onSearchPage = document.querySelector("[data-sop-search]");
    var pageUrl = !onSearchPage && kosakata.halaman ? siteRoot + kosakata.halaman : null;
    var box = searchForm(pageUrl);
    var wrap = make("div", { "class": "sop-search-header" });
    var panel = make("div", { "class": "sop-search-panel sop-search-dropdown", hidden: "" });
    wrap.appendChild(box.form);
    wrap.appendChild(panel);
    header.appendChild(wrap);
    SearchUi(box.form, box.input, panel, false);
    box.input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { box.input.value = ""; panel.hidden = true; }
    });
    document.addEventListener("click", function (event) {  // a click elsewhere closes the list
      if (!wrap.contains(event.target)) panel.hidden = true;
    });
    box.input.addEventListener("focus", function () {
      if (box.input.value.trim() && panel.querySelector(".sop-search-result")) panel.hidden = false;
    });
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((event.target || {}).tagName || "");
      if (event.key === "/" && !typing) { event.preventDefault(); box.input.focus(); }
    });
  }

  function init() {
    mountHeader();
    var mounts = document.querySelectorAll("[data-sop-search]");
    for (var i = 0; i < mounts.length; i++) mountPage(mounts[i]);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
