/* mkdocs-sop: the SOP form for editors (docs/formulir.md explains the choice of route).
 *
 * A page of the built handbook: nothing leaves the browser. The editor fills the identity
 * grid, the actor list and one row per step as on the paper; the form writes the `sop`
 * block in the order and indentation of `mkdocs-sop fmt`, checks it as the editor types
 * (the JSON Schema through Ajv, then the flow rules: targets, reachability, a way to the
 * end), previews the flowchart table, loads an existing page or block back, and saves by
 * download or, where the browser allows it (File System Access API), into the file itself.
 *
 * Every word comes from the form's `data-texts` (mkdocs_sop/form_texts.py, in the site's
 * language, with the site's labels as `label-<key>`); steps may hold sub-steps (`sub:`,
 * the format `langkah-berjenjang`), numbered 1.1, 1.2, ... and edited like steps.
 *
 * Libraries (vendored, offline): js-yaml (reading a block back), Ajv (the JSON Schema).
 */
(function () {
  "use strict";

  var IDENTITY_ORDER = ["nomor", "nama", "unit", "instansi", "jenis", "kategori", "format",
    "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "disahkan_oleh", "dasar_hukum",
    "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan", "peringatan",
    "pencatatan_pendataan", "tambahan", "proses_bisnis", "status", "menggantikan", "riwayat",
    "pelaksana", "baris_per_halaman", "langkah"];
  var STEP_ORDER = ["kegiatan", "pelaksana", "id", "kelengkapan", "waktu", "output", "keterangan",
    "keputusan", "ya", "tidak", "lanjut", "sub"];
  var APPROVAL_ORDER = ["jabatan", "nama", "pangkat", "nip"];
  var IDENTITY_ALIASES = {number: "nomor", name: "nama", judul: "nama", title: "nama",
    institution: "instansi", type: "jenis", category: "kategori", created: "tanggal_pembuatan",
    revised: "tanggal_revisi", effective: "tanggal_efektif", approved_by: "disahkan_oleh",
    legal_basis: "dasar_hukum", qualifications: "kualifikasi_pelaksana", related: "keterkaitan",
    equipment: "peralatan_perlengkapan", warning: "peringatan", records: "pencatatan_pendataan",
    extra: "tambahan", business_process: "proses_bisnis", supersedes: "menggantikan",
    history: "riwayat", actors: "pelaksana", rows_per_page: "baris_per_halaman", steps: "langkah"};
  var STEP_ALIASES = {activity: "kegiatan", actor: "pelaksana", requirements: "kelengkapan",
    time: "waktu", notes: "keterangan", decision: "keputusan", yes: "ya", no: "tidak",
    next: "lanjut", substeps: "sub"};
  var APPROVAL_ALIASES = {title: "jabatan", name: "nama", rank: "pangkat", id: "nip"};
  var ENUMS = {
    jenis: {administrative: "administratif", technical: "teknis"},
    kategori: {service: "pelayanan", routine: "rutin", assignment: "penugasan"},
    status: {"in-force": "berlaku", draft: "draf", revoked: "dicabut", superseded: "digantikan"}
  };
  // identity fields written as one text each; list fields as one item per line
  var TEXT_FIELDS = ["nomor", "nama", "instansi", "tanggal_pembuatan", "tanggal_revisi",
    "tanggal_efektif", "proses_bisnis"];
  var CHOICE_FIELDS = ["jenis", "kategori", "format", "status"];
  var LIST_FIELDS = ["unit", "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan",
    "peralatan_perlengkapan", "peringatan", "pencatatan_pendataan", "menggantikan"];
  var END = "selesai";
  var CURLY = /[\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b]/;
  var DRAFT_KEY = "mkdocs-sop-form-draft";

  var root, state, loaded = null, fileHandle = null, uidCounter = 0, TEXTS = {};

  // the form's words: t("step-n", {number: 2}) -> "langkah 2" (or "step 2" on an English site)
  function t(name, params) {
    var text = Object.prototype.hasOwnProperty.call(TEXTS, name) ? TEXTS[name] : name;
    return text.replace(/\{(\w+)\}/g, function (all, key) { return params && key in params ? String(params[key]) : all; });
  }
  function label(key) { return t("label-" + key); }

  // -- state ------------------------------------------------------------------------
  function newStep() {
    uidCounter += 1;
    return {uid: "s" + uidCounter, id: "", kegiatan: "", pelaksana: [], kelengkapan: [], waktu: "",
      output: "", keterangan: "", decision: false, question: "", ya: "", tidak: "", lanjut: "",
      sub: [], extra: {}};
  }

  function emptyState() {
    var identity = {};
    TEXT_FIELDS.forEach(function (k) { identity[k] = ""; });
    LIST_FIELDS.forEach(function (k) { identity[k] = []; });
    identity.jenis = ""; identity.kategori = ""; identity.format = ""; identity.status = "";
    return {identity: identity, approval: {jabatan: "", nama: "", pangkat: "", nip: ""},
      actors: [], steps: [newStep()], extra: {}};
  }

  // a step's place: its indices from the top, e.g. [0, 1] for step 1.2
  function pathOf(text) { return String(text).split(".").map(function (x) { return parseInt(x, 10); }); }
  function siblingsAt(path) {
    var list = state.steps;
    for (var i = 0; i < path.length - 1; i++) list = list[path[i]].sub;
    return list;
  }
  function stepAt(path) { return siblingsAt(path)[path[path.length - 1]]; }
  function numberOf(path) { return path.map(function (i) { return i + 1; }).join("."); }
  // every step and sub-step in reading order: {step, path, depth}
  function flatSteps() {
    var out = [];
    (function walk(list, prefix) {
      list.forEach(function (s, i) {
        var path = prefix.concat([i]);
        out.push({step: s, path: path, depth: path.length - 1});
        walk(s.sub || [], path);
      });
    })(state.steps, []);
    return out;
  }
  function hasSubsteps() { return state.steps.some(function (s) { return s.sub && s.sub.length; }); }
  function isListFormat() { return state.identity.format === "langkah-sederhana" || state.identity.format === "langkah-berjenjang"; }

  function stepNumber(uid) {
    for (var i = 0; i < state.steps.length; i++) { if (state.steps[i].uid === uid) return i + 1; }
    return 0;
  }

  // -- YAML as `mkdocs-sop fmt` writes it ------------------------------------------------
  var NUMBERISH = /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?0[xob][0-9a-fA-F_]+$|^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$|^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$/;
  var RESERVED = /^(true|false|null|~|yes|no|on|off|y|n)$/i;
  var DATEISH = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;

  function scalar(text) {
    text = String(text);
    var plain = text !== "" && text === text.trim() && !/[\n\r\t]/.test(text) &&
      !/^[-?:,\[\]{}#&*!|>'"%@`]/.test(text) && text.indexOf(": ") < 0 && text.indexOf(" #") < 0 &&
      !/:$/.test(text) && !NUMBERISH.test(text) && !RESERVED.test(text) && !DATEISH.test(text);
    return plain ? text : JSON.stringify(text);
  }

  function target(value) {
    if (!value) return null;
    if (value === END || value.indexOf("sop:") === 0) return value.indexOf("sop:") === 0 ? scalar(value) : END;
    var number = stepNumber(value);
    if (!number) return null;
    var step = state.steps[number - 1];
    return step.id ? scalar(step.id) : String(number);
  }

  // written as a list even with one item (the contract calls them lists)
  var ALWAYS_LIST = ["dasar_hukum", "keterkaitan", "menggantikan"];

  function textOrList(lines, indent, key) {
    var items = lines.filter(function (x) { return x.trim() !== ""; });
    if (!items.length) return [];
    if (items.length === 1 && ALWAYS_LIST.indexOf(key) < 0) return [indent + key + ": " + scalar(items[0].trim())];
    return [indent + key + ":"].concat(items.map(function (x) { return indent + "  - " + scalar(x.trim()); }));
  }

  function dumpExtra(key, value, indent) {
    // keys the form does not edit (tambahan, riwayat, sub, ...): kept as read, in fmt's shape
    var text = window.jsyaml.dump(value, {indent: 2, lineWidth: -1, noRefs: true, noArrayIndent: false});
    var lines = text.replace(/\n$/, "").split("\n");
    if (value !== null && typeof value === "object" && (Array.isArray(value) ? value.length : Object.keys(value).length)) {
      return [indent + key + ":"].concat(lines.map(function (l) { return indent + "  " + l; }));
    }
    return [indent + key + ": " + lines[0]];
  }

  // a list of mappings in fmt's shape: "- " before each item's first line, two spaces before the rest
  function itemLines(items, indent) {
    var out = [];
    items.forEach(function (lines) {
      lines.forEach(function (line, i) { out.push(indent + (i === 0 ? "- " : "  ") + line); });
    });
    return out;
  }

  // one step's lines, keys in fmt's order, relative to the step (sub-steps nested under `sub:`)
  function stepLines(s, top) {
    var lines = {};
    lines.kegiatan = ["kegiatan: " + scalar(s.kegiatan.trim())];
    lines.pelaksana = textOrList(s.pelaksana, "", "pelaksana");
    if (s.id.trim()) lines.id = ["id: " + scalar(s.id.trim())];
    var req = textOrList(s.kelengkapan, "", "kelengkapan");
    if (req.length) lines.kelengkapan = req;
    ["waktu", "output", "keterangan"].forEach(function (k) { if (s[k].trim()) lines[k] = [k + ": " + scalar(s[k].trim())]; });
    if (top && s.decision) {
      lines.keputusan = ["keputusan: " + (s.question.trim() ? scalar(s.question.trim()) : "true")];
      if (target(s.ya)) lines.ya = ["ya: " + target(s.ya)];
      if (target(s.tidak)) lines.tidak = ["tidak: " + target(s.tidak)];
    } else if (top && target(s.lanjut)) {
      lines.lanjut = ["lanjut: " + target(s.lanjut)];
    }
    if (s.sub && s.sub.length) {
      lines.sub = ["sub:"].concat(itemLines(s.sub.map(function (c) { return stepLines(c, false); }), "  "));
    }
    Object.keys(s.extra).forEach(function (k) { lines[k] = dumpExtra(k, s.extra[k], ""); });
    var out = [];
    STEP_ORDER.concat(Object.keys(s.extra).filter(function (k) { return STEP_ORDER.indexOf(k) < 0; }))
      .forEach(function (k) { out = out.concat(lines[k] || []); });
    return out;
  }

  function toYaml() {
    var id = state.identity, out = [];
    var fields = {};
    TEXT_FIELDS.forEach(function (k) { if (id[k].trim()) fields[k] = [k + ": " + scalar(id[k].trim())]; });
    CHOICE_FIELDS.forEach(function (k) { if (id[k]) fields[k] = [k + ": " + id[k]]; });
    LIST_FIELDS.forEach(function (k) {
      var lines = textOrList(id[k], "", k);
      if (lines.length) fields[k] = lines;
    });
    var ap = state.approval, apLines = [];
    APPROVAL_ORDER.forEach(function (k) { if (ap[k].trim()) apLines.push("  " + k + ": " + scalar(ap[k].trim())); });
    if (apLines.length) fields.disahkan_oleh = ["disahkan_oleh:"].concat(apLines);
    var actors = state.actors.filter(function (a) { return a.trim(); });
    if (actors.length) fields.pelaksana = ["pelaksana:"].concat(actors.map(function (a) { return "  - " + scalar(a.trim()); }));
    Object.keys(state.extra).forEach(function (k) { fields[k] = dumpExtra(k, state.extra[k], ""); });
    var steps = ["langkah:"].concat(itemLines(state.steps.map(function (st) { return stepLines(st, true); }), "  "));
    fields.langkah = steps;
    IDENTITY_ORDER.concat(Object.keys(fields).filter(function (k) { return IDENTITY_ORDER.indexOf(k) < 0; }))
      .forEach(function (k) { if (fields[k]) out = out.concat(fields[k]); });
    return out.join("\n") + "\n";
  }

  function toPage(yaml) {
    var fence = "```sop\n" + yaml + "```\n";
    if (loaded && loaded.page !== null) {
      return loaded.page.slice(0, loaded.start) + fence + loaded.page.slice(loaded.end);
    }
    var title = state.identity.nama.trim() || t("new-title");
    return "# " + title + "\n\n" + fence;
  }

  // -- reading a block back ---------------------------------------------------------------
  function findBlocks(text) {
    var lines = text.split("\n"), blocks = [], offset = 0, open = null;
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i], len = line.length + 1;
      if (open === null) {
        var m = /^(\s*)(`{3,}|~{3,})\s*\{?\s*\.?sop\b[^`]*$/.exec(line);
        if (m) open = {fence: m[2], indent: m[1], start: offset, bodyStart: offset + len, line: i + 1};
      } else if (line.trim().indexOf(open.fence) === 0 && line.trim().replace(/[`~]/g, "") === "") {
        blocks.push({start: open.start, end: Math.min(offset + len, text.length),
          body: text.slice(open.bodyStart, offset), line: open.line});
        open = null;
      }
      offset += len;
    }
    return blocks;
  }

  function canonical(map, aliases) {
    var out = {};
    Object.keys(map || {}).forEach(function (k) { out[aliases[k] || k] = map[k]; });
    return out;
  }

  function asLines(value) {
    if (value === undefined || value === null || value === "") return [];
    return Array.isArray(value) ? value.map(String) : [String(value)];
  }

  function fromData(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error(t("not-a-mapping"));
    var d = canonical(data, IDENTITY_ALIASES), s = emptyState();
    TEXT_FIELDS.forEach(function (k) { if (d[k] !== undefined && d[k] !== null) s.identity[k] = String(d[k]); delete d[k]; });
    CHOICE_FIELDS.forEach(function (k) {
      if (d[k] !== undefined) { var v = String(d[k]); s.identity[k] = (ENUMS[k] && ENUMS[k][v]) || v; delete d[k]; }
    });
    LIST_FIELDS.forEach(function (k) { s.identity[k] = asLines(d[k]); delete d[k]; });
    if (d.disahkan_oleh !== undefined) {
      var ap = d.disahkan_oleh;
      if (ap && typeof ap === "object") {
        ap = canonical(ap, APPROVAL_ALIASES);
        APPROVAL_ORDER.forEach(function (k) { if (ap[k] !== undefined && ap[k] !== null) s.approval[k] = String(ap[k]); });
      } else if (ap) {
        s.approval.jabatan = String(ap);
      }
      delete d.disahkan_oleh;
    }
    s.actors = asLines(d.pelaksana); delete d.pelaksana;
    var raw = Array.isArray(d.langkah) ? d.langkah : []; delete d.langkah;
    var steps = raw.map(function () { return newStep(); });
    var byId = {};
    raw.forEach(function (r, i) { if (r && r.id !== undefined) byId[String(r.id)] = steps[i].uid; });
    function targetOf(v) {
      if (v === undefined || v === null) return "";
      var t = String(v).trim();
      if (t === END || t === "end") return END;
      if (t.indexOf("sop:") === 0) return t;
      if (/^[0-9]+$/.test(t)) { var n = parseInt(t, 10); return steps[n - 1] ? steps[n - 1].uid : ""; }
      return byId[t] || "";
    }
    function readInto(st, r, top) {
      var m = canonical(r || {}, STEP_ALIASES);
      st.kegiatan = m.kegiatan !== undefined && m.kegiatan !== null ? String(m.kegiatan) : "";
      st.pelaksana = asLines(m.pelaksana);
      st.id = m.id !== undefined ? String(m.id) : "";
      st.kelengkapan = asLines(m.kelengkapan);
      ["waktu", "output", "keterangan"].forEach(function (k) { st[k] = m[k] !== undefined && m[k] !== null ? String(m[k]) : ""; });
      if (top) {
        st.decision = m.keputusan !== undefined && m.keputusan !== false && m.keputusan !== null;
        st.question = st.decision && m.keputusan !== true ? String(m.keputusan) : "";
        st.ya = targetOf(m.ya); st.tidak = targetOf(m.tidak); st.lanjut = targetOf(m.lanjut);
      }
      if (Array.isArray(m.sub)) {
        st.sub = m.sub.map(function (c) { var child = newStep(); readInto(child, c, false); return child; });
      }
      // kept as read: keys the form does not edit (and, on a sub-step, jumps it cannot have)
      var edited = top ? STEP_ORDER : ["kegiatan", "pelaksana", "id", "kelengkapan", "waktu", "output", "keterangan", "sub"];
      Object.keys(m).forEach(function (k) {
        if (edited.indexOf(k) < 0 || (k === "sub" && !Array.isArray(m.sub))) st.extra[k] = m[k];
      });
    }
    raw.forEach(function (r, i) { readInto(steps[i], r, true); });
    s.steps = steps.length ? steps : [newStep()];
    if (!s.actors.length) {  // no list: the order in which actors first appear in the steps
      (function walk(list) {
        list.forEach(function (st) {
          st.pelaksana.forEach(function (a) { if (s.actors.indexOf(a) < 0) s.actors.push(a); });
          walk(st.sub);
        });
      })(s.steps);
    }
    Object.keys(d).forEach(function (k) { s.extra[k] = d[k]; });
    return s;
  }

  function loadText(text, name) {
    var blocks = findBlocks(text), body = text, page = null, start = 0, end = 0;
    if (blocks.length) {
      body = blocks[0].body; page = text; start = blocks[0].start; end = blocks[0].end;
    } else if (/\.md$/i.test(name || "")) {
      throw new Error(t("no-block"));
    }
    var data = window.jsyaml.load(body, {schema: window.jsyaml.CORE_SCHEMA});
    state = fromData(data);
    loaded = {page: page, start: start, end: end, name: name || "", blocks: blocks.length};
    renderAll();
    var note = blocks.length > 1 ? t("many-blocks", {count: blocks.length}) : "";
    status((name ? t("loaded-from", {name: name}) : t("loaded")) + note);
  }

  // -- checks ---------------------------------------------------------------------------
  var validator = null;
  function schemaValidator() {
    if (validator === null && window.ajv2020 && window.SOP_SCHEMA) {
      try {
        var Ajv = window.ajv2020.default || window.ajv2020;
        validator = new Ajv({allErrors: true, strict: false}).compile(window.SOP_SCHEMA);
      } catch (e) {
        // a Content-Security-Policy without 'unsafe-eval' stops Ajv compiling: the flow checks still run
        validator = false;
      }
    }
    return validator;
  }

  var FIELD_LABELS = {nomor: "nomor", nama: "nama", unit: "unit", langkah: "langkah", kegiatan: "kegiatan",
    pelaksana: "pelaksana", keputusan: "keputusan", tidak: "no_branch", ya: "yes"};
  function fieldName(key) { return FIELD_LABELS[key] ? label(FIELD_LABELS[key]) : key; }

  function schemaProblems(data) {
    var validate = schemaValidator(), out = [];
    if (!validate) return out;
    if (validate(data)) return out;
    (validate.errors || []).forEach(function (e) {
      var parts = e.instancePath.split("/").filter(Boolean), path = [], key = null;
      parts.forEach(function (part, i) {
        if (/^[0-9]+$/.test(part) && (parts[i - 1] === "langkah" || parts[i - 1] === "sub")) path.push(parseInt(part, 10));
        else if (!/^[0-9]+$/.test(part)) key = part;
      });
      if (e.keyword === "required") key = e.params.missingProperty;
      // an alias is one more way to write a key: the canonical one (the first alternative) is named
      if (/\/(anyOf|oneOf)\/[1-9][0-9]*\//.test(e.schemaPath)) return;
      // a step's activity and actors: the flow checks below name them in the editor's words
      if (path.length && ["kegiatan", "pelaksana", "activity", "actor"].indexOf(key) >= 0) return;
      var text = {
        required: t("schema-required"), minLength: t("schema-empty"), minItems: t("schema-empty"),
        type: t("schema-type"), enum: t("schema-enum"), additionalProperties: t("schema-unknown")
      }[e.keyword];
      if (!text || key === null) return;
      var where = path.length ? t("step-in", {number: numberOf(path)}) : "";
      out.push({severity: "error", field: path.length ? path.join(".") + ":" + key : key,
        text: where + fieldName(key) + ": " + text});
    });
    // one message per field
    var seen = {};
    return out.filter(function (p) { var k = p.field + p.text; if (seen[k]) return false; seen[k] = true; return true; });
  }

  function flowProblems() {
    var out = [], steps = state.steps, n = steps.length;
    var actors = state.actors.map(function (a) { return a.trim(); }).filter(Boolean);
    function add(severity, field, text) { out.push({severity: severity, field: field, text: text}); }
    var nested = state.identity.format === "langkah-berjenjang";
    flatSteps().forEach(function (entry) {
      var s = entry.step, where = entry.path.join("."), at = t("step-at", {number: numberOf(entry.path)});
      var top = entry.depth === 0, i = entry.path[0];
      if (!s.kegiatan.trim()) add("error", where + ":kegiatan", at + t("need-kegiatan"));
      if (top && !s.pelaksana.length) add("error", where + ":pelaksana", at + t("need-actor"));
      if (top && s.decision) {
        if (!s.question.trim()) add("error", where + ":keputusan", at + t("need-question"));
        if (!s.tidak) add("error", where + ":tidak", at + t("need-no"));
        if (i === n - 1 && !s.ya) add("error", where + ":ya", at + t("need-yes-last"));
      }
      if (top && isListFormat() && (s.decision || s.lanjut)) add("error", where + ":" + (s.decision ? "decision" : "lanjut"), at + t("decision-format"));
      if (s.sub.length && !nested) add("error", where + ":kegiatan", at + t("sub-format"));
      [["kegiatan", s.kegiatan], ["waktu", s.waktu], ["output", s.output], ["keterangan", s.keterangan],
        ["keputusan", s.question]].forEach(function (pair) {
        if (CURLY.test(pair[1])) add("warning", where + ":" + pair[0], at + label(pair[0]) + ": " + t("curly"));
      });
    });
    // where each step goes: -1 = the end
    function next(i, value) {
      if (value === END) return [-1];
      if (value && value.indexOf("sop:") === 0) return [-1];
      if (value) { var k = stepNumber(value); return k ? [k - 1] : []; }
      return i + 1 < n ? [i + 1] : [-1];
    }
    var edges = steps.map(function (s, i) {
      return s.decision ? next(i, s.ya).concat(s.tidak ? next(i, s.tidak) : []) : next(i, s.lanjut);
    });
    var reached = {0: true}, todo = [0];
    while (todo.length) {
      var k = todo.pop();
      edges[k].forEach(function (x) { if (x >= 0 && !reached[x]) { reached[x] = true; todo.push(x); } });
    }
    steps.forEach(function (s, i) {
      if (!reached[i]) add("error", i + ":kegiatan", t("unreachable", {number: i + 1}));
    });
    var ends = {}, changed = true;
    while (changed) {
      changed = false;
      edges.forEach(function (list, i) {
        if (!ends[i] && list.some(function (x) { return x < 0 || ends[x]; })) { ends[i] = true; changed = true; }
      });
    }
    var loop = steps.map(function (s, i) { return i; }).filter(function (i) { return reached[i] && !ends[i]; });
    if (loop.length && !out.some(function (p) { return p.severity === "error"; })) {
      add("error", loop[0] + ":lanjut", t("never-ends", {number: loop[0] + 1,
        steps: loop.map(function (i) { return i + 1; }).join(", ")}));
    }
    var used = {};
    flatSteps().forEach(function (entry) { entry.step.pelaksana.forEach(function (a) { used[a] = true; }); });
    actors.forEach(function (a) {
      if (!used[a]) add("warning", "actors", t("actor-unused", {actor: a}));
    });
    var counts = {};
    actors.forEach(function (a) { counts[a] = (counts[a] || 0) + 1; });
    Object.keys(counts).forEach(function (a) { if (counts[a] > 1) add("error", "actors", t("actor-twice", {actor: a, count: counts[a]})); });
    if (state.identity.jenis === "teknis" && actors.length > 1) add("warning", "jenis", t("teknis-many", {count: actors.length}));
    ["nomor", "nama"].forEach(function (k) {
      if (CURLY.test(state.identity[k])) add("warning", k, label(k) + ": " + t("curly"));
    });
    if (CURLY.test(state.approval.nip)) add("warning", "nip", "NIP: " + t("curly"));
    return out;
  }

  function problems(yaml) {
    var data;
    try { data = window.jsyaml.load(yaml, {schema: window.jsyaml.CORE_SCHEMA}); } catch (e) { data = null; }
    var found = data ? schemaProblems(data) : [];
    return found.concat(flowProblems());
  }

  // -- the page -------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "on") Object.keys(attrs.on).forEach(function (ev) { node.addEventListener(ev, attrs.on[ev]); });
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function q(name) { return root.querySelector('[data-field="' + name + '"]'); }

  function fillIdentity() {
    TEXT_FIELDS.concat(CHOICE_FIELDS).forEach(function (k) { var f = q(k); if (f) f.value = state.identity[k]; });
    LIST_FIELDS.forEach(function (k) { var f = q(k); if (f) f.value = state.identity[k].join("\n"); });
    APPROVAL_ORDER.forEach(function (k) { var f = q("approval-" + k); if (f) f.value = state.approval[k]; });
    q("actors").value = state.actors.join("\n");
  }

  function readIdentity() {
    TEXT_FIELDS.concat(CHOICE_FIELDS).forEach(function (k) { var f = q(k); if (f) state.identity[k] = f.value; });
    LIST_FIELDS.forEach(function (k) { var f = q(k); if (f) state.identity[k] = f.value.split("\n").map(function (x) { return x.trim(); }).filter(Boolean); });
    APPROVAL_ORDER.forEach(function (k) { var f = q("approval-" + k); if (f) state.approval[k] = f.value; });
  }

  function readActors() {
    var before = state.actors.map(function (a) { return a.trim(); });
    state.actors = q("actors").value.split("\n").map(function (x) { return x.trim(); }).filter(Boolean);
    // an actor renamed in place keeps its steps
    if (before.length === state.actors.length) {
      before.forEach(function (old, i) {
        var now = state.actors[i];
        if (old && now && old !== now) {
          flatSteps().forEach(function (e) { e.step.pelaksana = e.step.pelaksana.map(function (a) { return a === old ? now : a; }); });
        }
      });
    }
  }

  function targetSelect(step, index, branch, name) {
    var select = el("select", {"data-step-field": branch, "aria-label": t("field-of", {number: index + 1, field: t(name)})});
    var none = branch === "tidak" ? t("choose") : (index + 1 < state.steps.length ? t("next-step", {number: index + 2}) : t("end-last"));
    select.appendChild(el("option", {value: "", text: none}));
    state.steps.forEach(function (other, j) {
      if (j !== index) select.appendChild(el("option", {value: other.uid, text: t("step-n", {number: j + 1})}));
    });
    select.appendChild(el("option", {value: END, text: t("end")}));
    var value = step[branch];
    if (value && value.indexOf("sop:") === 0) select.appendChild(el("option", {value: value, text: value}));
    select.value = value;
    return select;
  }

  function actorBoxes(s, number, inherited) {
    var boxes = el("fieldset", {class: "sop-form-actors"}, [el("legend", {class: "sop-visually-hidden", text: t("actors-of", {number: number})})]);
    var actors = state.actors.slice();
    s.pelaksana.forEach(function (a) { if (actors.indexOf(a) < 0) actors.push(a); });
    if (!actors.length) boxes.appendChild(el("span", {class: "sop-form-hint", text: t("actors-first")}));
    actors.forEach(function (a) {
      boxes.appendChild(el("label", {}, [el("input", {type: "checkbox", "data-actor": a, checked: s.pelaksana.indexOf(a) >= 0}), " " + a]));
    });
    if (inherited) boxes.appendChild(el("span", {class: "sop-form-hint", text: t("inherits", {number: inherited})}));
    return boxes;
  }

  function flowCell(s, entry) {
    var i = entry.path[0];
    if (entry.depth > 0) return el("div", {class: "sop-form-flow sop-form-hint", text: t("in-order")});
    return s.decision
      ? el("div", {class: "sop-form-flow"}, [el("label", {}, [t("yes-to"), targetSelect(s, i, "ya", "if-yes")]),
        el("label", {}, [t("no-to"), targetSelect(s, i, "tidak", "if-no")])])
      : el("div", {class: "sop-form-flow"}, [el("label", {}, [t("next-to"), targetSelect(s, i, "lanjut", "next")])]);
  }

  function toolButtons(entry, siblings) {
    var number = numberOf(entry.path), i = entry.path[entry.path.length - 1];
    var buttons = [
      el("button", {type: "button", "data-action": "up", title: t("up"), "aria-label": t("up-n", {number: number}), disabled: i === 0}, ["\u2191"]),
      el("button", {type: "button", "data-action": "down", title: t("down"), "aria-label": t("down-n", {number: number}), disabled: i === siblings.length - 1}, ["\u2193"]),
      el("button", {type: "button", "data-action": "insert", title: t("insert"), "aria-label": t("insert-n", {number: number})}, ["+"]),
      el("button", {type: "button", "data-action": "delete", title: t("delete"), "aria-label": t("delete-n", {number: number}),
        disabled: entry.depth === 0 && state.steps.length === 1}, ["\u00d7"])
    ];
    if (state.identity.format === "langkah-berjenjang" || entry.step.sub.length) {
      buttons.push(el("button", {type: "button", "data-action": "add-sub", title: t("add-sub"), "aria-label": t("add-sub-n", {number: number})}, ["+ sub"]));
    }
    return el("div", {class: "sop-form-tools"}, buttons);
  }

  function renderSteps() {
    var body = root.querySelector(".sop-form-steps tbody");
    body.textContent = "";
    flatSteps().forEach(function (entry) {
      var s = entry.step, number = numberOf(entry.path), top = entry.depth === 0;
      var decision = top ? el("div", {class: "sop-form-decision"}, [
        el("label", {}, [el("input", {type: "checkbox", "data-step-field": "decision", checked: s.decision}), " " + t("decision")]),
        el("input", {type: "text", "data-step-field": "question", value: s.question, placeholder: t("question-placeholder"),
          "aria-label": t("field-of", {number: number, field: t("question")}), hidden: !s.decision})
      ]) : null;
      function area(field, name, value, rows) {
        return el("textarea", {"data-step-field": field, rows: rows || 2, "aria-label": t("field-of", {number: number, field: name})}, [value]);
      }
      var row = el("tr", {"data-uid": s.uid, "data-path": entry.path.join("."), "data-depth": entry.depth,
        class: top ? null : "sop-form-substep"}, [
        el("td", {class: "sop-form-no", text: number}),
        el("td", {style: entry.depth ? "padding-left:" + (0.3 + 1.2 * entry.depth) + "em" : null},
          [area("kegiatan", label("kegiatan"), s.kegiatan, 3), decision]),
        el("td", {}, [actorBoxes(s, number, top || s.pelaksana.length ? "" : numberOf(entry.path.slice(0, -1)))]),
        el("td", {}, [flowCell(s, entry)]),
        el("td", {}, [area("kelengkapan", t("kelengkapan-lines"), s.kelengkapan.join("\n"))]),
        el("td", {}, [el("input", {type: "text", "data-step-field": "waktu", value: s.waktu,
          "aria-label": t("field-of", {number: number, field: label("waktu")}), placeholder: t("waktu-placeholder")})]),
        el("td", {}, [area("output", label("output"), s.output)]),
        el("td", {}, [area("keterangan", label("keterangan"), s.keterangan)]),
        el("td", {}, [toolButtons(entry, siblingsAt(entry.path))])
      ]);
      body.appendChild(row);
    });
  }

  function rowStep(row) { return stepAt(pathOf(row.getAttribute("data-path"))); }

  function readStep(row) {
    var s = rowStep(row);
    row.querySelectorAll("[data-step-field]").forEach(function (f) {
      var k = f.getAttribute("data-step-field");
      if (k === "decision") s.decision = f.checked;
      else if (k === "kelengkapan") s.kelengkapan = f.value.split("\n").map(function (x) { return x.trim(); }).filter(Boolean);
      else s[k] = f.value;
    });
    s.pelaksana = [];
    row.querySelectorAll("input[data-actor]").forEach(function (box) { if (box.checked) s.pelaksana.push(box.getAttribute("data-actor")); });
    return s;
  }

  // the flowchart table as the site draws it, minus the wires (see docs/formulir.md)
  var SYMBOLS = {
    terminator: '<svg width="64" height="28" viewBox="0 0 64 28" aria-hidden="true" class="sop-sym sop-sym-terminator"><rect x="1" y="1" width="62" height="26" rx="13"></rect></svg>',
    process: '<svg width="64" height="32" viewBox="0 0 64 32" aria-hidden="true" class="sop-sym sop-sym-process"><rect x="1" y="1" width="62" height="30"></rect></svg>',
    decision: '<svg width="56" height="40" viewBox="0 0 56 40" aria-hidden="true" class="sop-sym sop-sym-decision"><polygon points="28,1 55,20 28,39 1,20"></polygon></svg>'
  };

  function symbolOf(s, i) {
    if (s.decision) return "decision";
    if (i === 0 || i === state.steps.length - 1 || s.lanjut === END) return "terminator";
    return "process";
  }

  function describe(value, i) {
    if (value === END) return t("end");
    if (value && value.indexOf("sop:") === 0) return value;
    if (value) return t("to-step", {number: stepNumber(value)});
    return i + 1 < state.steps.length ? t("to-step", {number: i + 2}) : t("end");
  }

  function previewHead(actors) {
    function th(attrs, key) { attrs.text = label(key); return el("th", attrs); }
    return el("thead", {}, [
      el("tr", {}, [th({rowspan: 2, class: "sop-h-no"}, "no"), th({rowspan: 2, class: "sop-h-kegiatan"}, "kegiatan"),
        th({colspan: Math.max(actors.length, 1), class: "sop-h-pelaksana"}, "pelaksana"),
        th({colspan: 3, class: "sop-h-mutu"}, "mutu_baku"), th({rowspan: 2, class: "sop-h-keterangan"}, "keterangan")]),
      el("tr", {}, (actors.length ? actors : [""]).map(function (a) { return el("th", {class: "sop-h-actor", text: a}); })
        .concat([th({class: "sop-h-kelengkapan"}, "kelengkapan"), th({class: "sop-h-waktu"}, "waktu"), th({class: "sop-h-output"}, "output")]))
    ]);
  }

  function previewActivity(s, entry) {
    var i = entry.path[0];
    var cell = el("td", {class: "sop-kegiatan", style: entry.depth ? "padding-left:" + (0.5 + 1.2 * entry.depth) + "em" : null},
      [el("span", {class: "sop-activity", text: s.kegiatan})]);
    if (entry.depth > 0) return cell;
    if (s.decision) {
      cell.appendChild(el("span", {class: "sop-question", text: s.question}));
      cell.appendChild(el("span", {class: "sop-branches"}, [
        el("span", {class: "sop-branch"}, [el("strong", {text: t("yes-label")}), describe(s.ya, i)]),
        el("span", {class: "sop-branch"}, [el("strong", {text: t("no-label")}), s.tidak ? describe(s.tidak, i) : "\u2014"])]));
    } else if (s.lanjut) {
      cell.appendChild(el("span", {class: "sop-branches"}, [el("span", {class: "sop-branch"}, [el("strong", {text: t("next-label")}), describe(s.lanjut, i)])]));
    }
    return cell;
  }

  function renderPreview() {
    var holder = root.querySelector(".sop-form-preview");
    holder.textContent = "";
    var actors = state.actors.slice(), rows = flatSteps();
    rows.forEach(function (e) { e.step.pelaksana.forEach(function (a) { if (actors.indexOf(a) < 0) actors.push(a); }); });
    // not `sop-flowchart`: that class (a hook of SOP-FORMAT) means a finished, wired flowchart
    var table = el("table", {class: "sop-form-preview-table"});
    table.appendChild(el("caption", {text: t("preview-caption", {name: state.identity.nama || t("new-title")})}));
    table.appendChild(previewHead(actors));
    var body = el("tbody"), own = {};
    rows.forEach(function (entry) {
      var s = entry.step, number = numberOf(entry.path);
      // a sub-step without actors is done by those of the step above it
      var doers = s.pelaksana.length || !entry.depth ? s.pelaksana : own[entry.path.slice(0, -1).join(".")] || [];
      own[entry.path.join(".")] = doers;
      var row = el("tr", {class: "sop-row" + (entry.depth ? " sop-subrow" : ""), "data-step": number},
        [el("td", {class: "sop-no", text: number}), previewActivity(s, entry)]);
      var symbol = entry.depth ? "process" : symbolOf(s, entry.path[0]);
      (actors.length ? actors : [""]).forEach(function (a) {
        var cell = el("td", {class: "sop-actor"});
        if (a && doers.indexOf(a) >= 0) {
          cell.setAttribute("data-actor", a); cell.setAttribute("data-symbol", symbol);
          var shape = el("span", {class: "sop-sym-holder"});
          shape.innerHTML = SYMBOLS[symbol];  // fixed markup of this file, no editor text
          cell.appendChild(shape);
        }
        row.appendChild(cell);
      });
      row.appendChild(el("td", {class: "sop-kelengkapan"}, s.kelengkapan.length > 1
        ? [el("ol", {}, s.kelengkapan.map(function (x) { return el("li", {text: x}); }))] : [s.kelengkapan[0] || ""]));
      row.appendChild(el("td", {class: "sop-waktu", text: s.waktu}));
      row.appendChild(el("td", {class: "sop-output", text: s.output}));
      row.appendChild(el("td", {class: "sop-keterangan", text: s.keterangan}));
      body.appendChild(row);
    });
    table.appendChild(body);
    holder.appendChild(el("div", {class: "sop-form-preview-sheet"}, [table]));
  }

  function renderProblems(found) {
    var list = root.querySelector(".sop-form-problems");
    list.textContent = "";
    root.querySelectorAll("[aria-invalid]").forEach(function (f) { f.removeAttribute("aria-invalid"); });
    root.querySelectorAll(".sop-form-row-error").forEach(function (r) { r.classList.remove("sop-form-row-error"); });
    var errors = found.filter(function (p) { return p.severity === "error"; });
    var summary = root.querySelector(".sop-form-verdict");
    summary.className = "sop-form-verdict " + (errors.length ? "sop-form-bad" : found.length ? "sop-form-warn" : "sop-form-good");
    summary.textContent = errors.length ? t("verdict-bad", {count: errors.length})
      : found.length ? t("verdict-warn", {count: found.length}) : t("verdict-good");
    found.forEach(function (p) {
      var item = el("li", {class: "sop-form-" + p.severity, "data-field": null}, [
        el("strong", {text: p.severity === "error" ? t("fix") : t("check")}), p.text]);
      list.appendChild(item);
      var field = null, parts = String(p.field).split(":");
      if (parts.length === 2) {
        var row = root.querySelector('.sop-form-steps tbody tr[data-path="' + parts[0] + '"]');
        if (row) {
          if (p.severity === "error") row.classList.add("sop-form-row-error");
          field = row.querySelector('[data-step-field="' + parts[1] + '"]') || row.querySelector("fieldset");
        }
      } else {
        field = q(p.field) || q("approval-" + p.field);
      }
      if (field && p.severity === "error") field.setAttribute("aria-invalid", "true");
      if (field) {
        item.addEventListener("click", function () { field.focus && field.focus(); });
      }
    });
  }

  var pending = null;
  function refresh() {
    pending = null;
    var yaml = toYaml();
    root.querySelector(".sop-form-yaml").textContent = toPage(yaml);
    renderProblems(problems(yaml));
    renderPreview();
    try { window.localStorage.setItem(DRAFT_KEY, JSON.stringify({state: state, loaded: loaded})); } catch (e) { /* private mode */ }
  }

  function later() {
    if (pending) window.clearTimeout(pending);
    pending = window.setTimeout(refresh, 120);
  }

  function renderAll() {
    uidCounter = flatSteps().reduce(function (m, e) { return Math.max(m, parseInt(e.step.uid.slice(1), 10) || 0); }, uidCounter);
    fillIdentity();
    renderSteps();
    refresh();
  }

  function status(text) { root.querySelector(".sop-form-status").textContent = text; }

  function fileName() {
    if (loaded && loaded.name) return loaded.name.replace(/^.*[\\/]/, "");
    var slug = (state.identity.nama || t("new-file")).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
    return (slug || t("new-file")) + ".md";
  }

  function download() {
    refresh();
    var blob = new Blob([toPage(toYaml())], {type: "text/markdown;charset=utf-8"});
    var link = el("a", {href: URL.createObjectURL(blob), download: fileName()});
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    status(t("downloaded", {name: fileName()}));
  }

  function saveToFile() {
    refresh();
    var text = toPage(toYaml());
    var handle = fileHandle ? Promise.resolve(fileHandle) : window.showSaveFilePicker({suggestedName: fileName(),
      types: [{description: t("markdown-page"), accept: {"text/markdown": [".md"]}}]});
    return handle.then(function (h) {
      fileHandle = h;
      return h.createWritable().then(function (w) { return w.write(text).then(function () { return w.close(); }); })
        .then(function () { status(t("saved-to", {name: h.name})); });
    }).catch(function (e) { if (e && e.name !== "AbortError") status(t("cannot-save", {error: e.message})); });
  }

  function openFile() {
    if (window.showOpenFilePicker) {
      return window.showOpenFilePicker({types: [{description: t("markdown-or-yaml"), accept: {"text/markdown": [".md"], "text/yaml": [".yaml", ".yml"]}}]})
        .then(function (handles) {
          fileHandle = handles[0];
          return fileHandle.getFile();
        }).then(function (file) { return file.text().then(function (t) { tryLoad(t, file.name); }); })
        .catch(function (e) { if (e && e.name !== "AbortError") status(t("cannot-open", {error: e.message})); });
    }
    root.querySelector(".sop-form-file").click();
    return null;
  }

  function tryLoad(text, name) {
    try { loadText(text, name); } catch (e) {
      status(t("cannot-load", {error: e.reason ? t("yaml-at-line", {reason: e.reason, line: (e.mark && e.mark.line) + 1}) : e.message}));
    }
  }

  function wire() {
    root.addEventListener("input", function (ev) {
      var node = ev.target;
      if (node.matches("[data-field=actors]")) { readActors(); renderSteps(); later(); return; }
      if (node.closest(".sop-form-identity")) { readIdentity(); later(); return; }
      var row = node.closest(".sop-form-steps tbody tr");
      if (row) { readStep(row); later(); }
    });
    root.addEventListener("change", function (ev) {
      var node = ev.target, row = node.closest(".sop-form-steps tbody tr");
      if (node.matches(".sop-form-file")) {
        var file = node.files[0];
        if (file) file.text().then(function (text) { tryLoad(text, file.name); node.value = ""; });
        return;
      }
      if (node.closest(".sop-form-identity")) {
        readIdentity();
        if (node.matches("[data-field=format]")) { renderSteps(); refresh(); } else later();
        return;
      }
      if (row) {
        readStep(row);
        if (node.matches("[data-step-field=decision]")) renderSteps();
        refresh();
      }
    });
    root.addEventListener("click", function (ev) {
      var button = ev.target.closest("button");
      if (!button) return;
      var action = button.getAttribute("data-action"), row = button.closest("tr");
      var path = row ? pathOf(row.getAttribute("data-path")) : [];
      var list = row ? siblingsAt(path) : state.steps, i = row ? path[path.length - 1] : -1, focusPath = null;
      if (action === "up" && i > 0) { list.splice(i - 1, 0, list.splice(i, 1)[0]); }
      else if (action === "down" && i < list.length - 1) { list.splice(i + 1, 0, list.splice(i, 1)[0]); }
      else if (action === "insert") { list.splice(i + 1, 0, newStep()); focusPath = path.slice(0, -1).concat([i + 1]); }
      else if (action === "add-sub") { stepAt(path).sub.push(newStep()); focusPath = path.concat([stepAt(path).sub.length - 1]); }
      else if (action === "delete" && (path.length > 1 || list.length > 1)) {
        var gone = list.splice(i, 1)[0];
        state.steps.forEach(function (s) { ["ya", "tidak", "lanjut"].forEach(function (b) { if (s[b] === gone.uid) s[b] = ""; }); });
      }
      else if (action === "add") { state.steps.push(newStep()); focusPath = [state.steps.length - 1]; }
      else if (action === "download") { download(); return; }
      else if (action === "save") { saveToFile(); return; }
      else if (action === "open") { openFile(); return; }
      else if (action === "load-text") { tryLoad(root.querySelector(".sop-form-paste").value, ""); return; }
      else if (action === "copy") {
        navigator.clipboard.writeText(toPage(toYaml())).then(function () { status(t("copied")); }, function () { status(t("cannot-copy")); });
        return;
      }
      else if (action === "new") {
        if (!window.confirm(t("confirm-new"))) return;
        state = emptyState(); loaded = null; fileHandle = null; renderAll(); status(t("started-new")); return;
      }
      else return;
      renderSteps();
      refresh();
      if (focusPath) {
        var focus = root.querySelector('.sop-form-steps tbody tr[data-path="' + focusPath.join(".") + '"] textarea');
        if (focus) focus.focus();
      }
    });
  }

  function start() {
    root = document.getElementById("sop-form-editor");
    if (!root) return;
    try { TEXTS = JSON.parse(root.getAttribute("data-texts") || "{}"); } catch (e) { TEXTS = {}; }
    state = emptyState();
    if (!window.showSaveFilePicker) root.querySelector("[data-action=save]").hidden = true;
    wire();
    var draft = null;
    try { draft = JSON.parse(window.localStorage.getItem(DRAFT_KEY) || "null"); } catch (e) { draft = null; }
    if (draft && draft.state && draft.state.steps) {
      state = draft.state; loaded = draft.loaded || null;
      (function mend(list) { list.forEach(function (s) { s.sub = s.sub || []; s.extra = s.extra || {}; mend(s.sub); }); })(state.steps);
      status(t("restored"));
    }
    renderAll();
    root.setAttribute("data-ready", "true");
  }

  // for tests and for a page that wants to prefill the form
  window.sopForm = {toYaml: function () { return toYaml(); }, load: function (text, name) { loadText(text, name || ""); },
    problems: function () { return problems(toYaml()); }};

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // Material's instant navigation swaps pages without a reload
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { if (document.getElementById("sop-form-editor") && !document.getElementById("sop-form-editor").hasAttribute("data-ready")) start(); });
})();
