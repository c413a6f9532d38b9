/* mkdocs-sop: the SOP form for editors (docs/formulir.md explains the choice of route).
 *
 * A page of the built handbook: nothing leaves the browser. The editor fills the identity
 * grid, the actor list and one row per step as on the paper; the form writes the `sop`
 * block in the order and indentation of `mkdocs-sop fmt`, checks it as the editor types
 * (the JSON Schema through Ajv, then the flow rules: targets, reachability, a way to the
 * end), previews the flowchart table, loads an existing page or block back, and saves by
 * download or, where the browser allows it (File System Access API), into the file itself.
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

  var root, state, loaded = null, fileHandle = null, uidCounter = 0;

  // -- state ------------------------------------------------------------------------
  function newStep() {
    uidCounter += 1;
    return {uid: "s" + uidCounter, id: "", kegiatan: "", pelaksana: [], kelengkapan: [], waktu: "",
      output: "", keterangan: "", decision: false, question: "", ya: "", tidak: "", lanjut: "",
      extra: {}};
  }

  function emptyState() {
    var identity = {};
    TEXT_FIELDS.forEach(function (k) { identity[k] = ""; });
    LIST_FIELDS.forEach(function (k) { identity[k] = []; });
    identity.jenis = ""; identity.kategori = ""; identity.format = ""; identity.status = "";
    return {identity: identity, approval: {jabatan: "", nama: "", pangkat: "", nip: ""},
      actors: [], steps: [newStep()], extra: {}};
  }

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
    var steps = ["langkah:"];
    state.steps.forEach(function (s) {
      var lines = {};
      lines.kegiatan = ["kegiatan: " + scalar(s.kegiatan.trim())];
      lines.pelaksana = textOrList(s.pelaksana, "", "pelaksana");
      if (s.id.trim()) lines.id = ["id: " + scalar(s.id.trim())];
      var req = textOrList(s.kelengkapan, "", "kelengkapan");
      if (req.length) lines.kelengkapan = req;
      ["waktu", "output", "keterangan"].forEach(function (k) { if (s[k].trim()) lines[k] = [k + ": " + scalar(s[k].trim())]; });
      if (s.decision) {
        lines.keputusan = ["keputusan: " + (s.question.trim() ? scalar(s.question.trim()) : "true")];
        if (target(s.ya)) lines.ya = ["ya: " + target(s.ya)];
        if (target(s.tidak)) lines.tidak = ["tidak: " + target(s.tidak)];
      } else if (target(s.lanjut)) {
        lines.lanjut = ["lanjut: " + target(s.lanjut)];
      }
      Object.keys(s.extra).forEach(function (k) { lines[k] = dumpExtra(k, s.extra[k], ""); });
      var first = true;
      STEP_ORDER.concat(Object.keys(s.extra).filter(function (k) { return STEP_ORDER.indexOf(k) < 0; }))
        .forEach(function (k) {
          (lines[k] || []).forEach(function (line) {
            steps.push((first ? "  - " : "    ") + line);
            first = false;
          });
        });
    });
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
    var title = state.identity.nama.trim() || "SOP baru";
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
    if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("Blok ini tidak berisi pasangan kunci dan nilai.");
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
    raw.forEach(function (r, i) {
      var st = steps[i], m = canonical(r || {}, STEP_ALIASES);
      st.kegiatan = m.kegiatan !== undefined && m.kegiatan !== null ? String(m.kegiatan) : "";
      st.pelaksana = asLines(m.pelaksana);
      st.id = m.id !== undefined ? String(m.id) : "";
      st.kelengkapan = asLines(m.kelengkapan);
      ["waktu", "output", "keterangan"].forEach(function (k) { st[k] = m[k] !== undefined && m[k] !== null ? String(m[k]) : ""; });
      st.decision = m.keputusan !== undefined && m.keputusan !== false && m.keputusan !== null;
      st.question = st.decision && m.keputusan !== true ? String(m.keputusan) : "";
      st.ya = targetOf(m.ya); st.tidak = targetOf(m.tidak); st.lanjut = targetOf(m.lanjut);
      Object.keys(m).forEach(function (k) { if (STEP_ORDER.indexOf(k) < 0 || k === "sub") st.extra[k] = m[k]; });
    });
    s.steps = steps.length ? steps : [newStep()];
    if (!s.actors.length) {  // no list: the order in which actors first appear in the steps
      s.steps.forEach(function (st) { st.pelaksana.forEach(function (a) { if (s.actors.indexOf(a) < 0) s.actors.push(a); }); });
    }
    Object.keys(d).forEach(function (k) { s.extra[k] = d[k]; });
    return s;
  }

  function loadText(text, name) {
    var blocks = findBlocks(text), body = text, page = null, start = 0, end = 0;
    if (blocks.length) {
      body = blocks[0].body; page = text; start = blocks[0].start; end = blocks[0].end;
    } else if (/\.md$/i.test(name || "")) {
      throw new Error("Halaman ini tidak memuat blok ```sop.");
    }
    var data = window.jsyaml.load(body, {schema: window.jsyaml.CORE_SCHEMA});
    state = fromData(data);
    loaded = {page: page, start: start, end: end, name: name || "", blocks: blocks.length};
    renderAll();
    var note = blocks.length > 1 ? " Halaman ini memuat " + blocks.length + " blok sop; yang dimuat adalah blok pertama." : "";
    status("Dimuat" + (name ? " dari " + name : "") + "." + note);
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

  var FIELD_NAMES = {nomor: "Nomor SOP", nama: "Nama SOP", unit: "Unit", langkah: "Langkah",
    kegiatan: "Kegiatan", pelaksana: "Pelaksana", keputusan: "Keputusan", tidak: "Jika Tidak",
    ya: "Jika Ya", lanjut: "Lanjut ke"};

  function schemaProblems(data) {
    var validate = schemaValidator(), out = [];
    if (!validate) return out;
    if (validate(data)) return out;
    (validate.errors || []).forEach(function (e) {
      var path = e.instancePath.split("/").filter(Boolean);
      var key = e.keyword === "required" ? e.params.missingProperty : path[path.length - 1];
      var stepIndex = path[0] === "langkah" && path.length > 1 ? parseInt(path[1], 10) : -1;
      var where = stepIndex >= 0 ? "Langkah " + (stepIndex + 1) + ", " : "";
      var name = FIELD_NAMES[key] || key;
      var text = {
        required: "wajib diisi.", minLength: "tidak boleh kosong.", minItems: "tidak boleh kosong.",
        type: "isinya tidak sesuai bentuknya.", enum: "bukan pilihan yang dikenal.",
        additionalProperties: "kunci tidak dikenal."
      }[e.keyword];
      if (!text || e.keyword === "anyOf" || e.keyword === "oneOf" || e.keyword === "if") return;
      out.push({severity: "error", field: stepIndex >= 0 ? stepIndex + ":" + key : key,
        text: where + name + ": " + text});
    });
    // one message per field
    var seen = {};
    return out.filter(function (p) { var k = p.field + p.text; if (seen[k]) return false; seen[k] = true; return true; });
  }

  function flowProblems() {
    var out = [], steps = state.steps, n = steps.length;
    var actors = state.actors.map(function (a) { return a.trim(); }).filter(Boolean);
    function add(severity, field, text) { out.push({severity: severity, field: field, text: text}); }
    steps.forEach(function (s, i) {
      var at = "Langkah " + (i + 1) + ": ";
      if (!s.kegiatan.trim()) add("error", i + ":kegiatan", at + "tulis kegiatannya.");
      if (!s.pelaksana.length) add("error", i + ":pelaksana", at + "pilih sedikitnya satu pelaksana.");
      if (s.decision) {
        if (!s.question.trim()) add("error", i + ":keputusan", at + "tulis pertanyaan keputusannya (misalnya \u201cBerkas lengkap?\u201d).");
        if (!s.tidak) add("error", i + ":tidak", at + "pilih ke mana alur berlanjut bila jawabannya Tidak.");
        if (i === n - 1 && !s.ya) add("error", i + ":ya", at + "langkah terakhir adalah keputusan: pilih ke mana alur berlanjut bila jawabannya Ya.");
      }
      [["kegiatan", s.kegiatan], ["waktu", s.waktu], ["output", s.output], ["keterangan", s.keterangan],
        ["keputusan", s.question]].forEach(function (pair) {
        if (CURLY.test(pair[1])) add("warning", i + ":" + pair[0], at + "ada tanda petik lengkung (dari Word); tanda itu akan ikut tercetak.");
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
      edges[k].forEach(function (t) { if (t >= 0 && !reached[t]) { reached[t] = true; todo.push(t); } });
    }
    steps.forEach(function (s, i) {
      if (!reached[i]) add("error", i + ":kegiatan", "Langkah " + (i + 1) + " tidak pernah dicapai dari langkah 1: arahkan Lanjut, Ya, atau Tidak dari langkah sebelumnya ke langkah ini, atau hapus langkah ini.");
    });
    var ends = {}, changed = true;
    while (changed) {
      changed = false;
      edges.forEach(function (list, i) {
        if (!ends[i] && list.some(function (t) { return t < 0 || ends[t]; })) { ends[i] = true; changed = true; }
      });
    }
    var loop = steps.map(function (s, i) { return i; }).filter(function (i) { return reached[i] && !ends[i]; });
    if (loop.length && !out.some(function (p) { return p.severity === "error"; })) {
      add("error", loop[0] + ":lanjut", "Alur dari langkah " + (loop[0] + 1) + " tidak pernah sampai ke akhir (langkah " +
        loop.map(function (i) { return i + 1; }).join(", ") + " berputar terus): beri salah satunya jalan keluar, misalnya Tidak \u2192 Selesai.");
    }
    actors.forEach(function (a) {
      if (!steps.some(function (s) { return s.pelaksana.indexOf(a) >= 0; })) {
        add("warning", "actors", "Pelaksana \u201c" + a + "\u201d belum mempunyai langkah, sehingga kolomnya akan kosong: pilih dia pada sebuah langkah, atau hapus dari daftar.");
      }
    });
    var counts = {};
    actors.forEach(function (a) { counts[a] = (counts[a] || 0) + 1; });
    Object.keys(counts).forEach(function (a) { if (counts[a] > 1) add("error", "actors", "Pelaksana \u201c" + a + "\u201d tercantum " + counts[a] + " kali: cantumkan sekali saja."); });
    if (state.identity.jenis === "teknis" && actors.length > 1) add("warning", "jenis", "SOP teknis dikerjakan oleh satu pelaksana (Permen PANRB 35/2012), tetapi SOP ini mempunyai " + actors.length + ".");
    ["nomor", "nama"].forEach(function (k) {
      if (CURLY.test(state.identity[k])) add("warning", k, FIELD_NAMES[k] + ": ada tanda petik lengkung (dari Word); tanda itu akan ikut tercetak.");
    });
    if (CURLY.test(state.approval.nip)) add("warning", "nip", "NIP: ada tanda petik lengkung (dari Word); tanda itu akan ikut tercetak.");
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
          state.steps.forEach(function (s) { s.pelaksana = s.pelaksana.map(function (a) { return a === old ? now : a; }); });
        }
      });
    }
  }

  function targetSelect(step, index, branch, label) {
    var select = el("select", {"data-step-field": branch, "aria-label": "Langkah " + (index + 1) + ": " + label});
    var none = branch === "tidak" ? "\u2014 pilih \u2014" : (index + 1 < state.steps.length ? "langkah berikutnya (" + (index + 2) + ")" : "selesai (langkah terakhir)");
    select.appendChild(el("option", {value: "", text: none}));
    state.steps.forEach(function (other, j) {
      if (j !== index) select.appendChild(el("option", {value: other.uid, text: "langkah " + (j + 1)}));
    });
    select.appendChild(el("option", {value: END, text: "selesai"}));
    var value = step[branch];
    if (value && value.indexOf("sop:") === 0) select.appendChild(el("option", {value: value, text: value}));
    select.value = value;
    return select;
  }

  function renderSteps() {
    var body = root.querySelector(".sop-form-steps tbody");
    body.textContent = "";
    state.steps.forEach(function (s, i) {
      var actorBoxes = el("fieldset", {class: "sop-form-actors"}, [el("legend", {class: "sop-visually-hidden", text: "Pelaksana langkah " + (i + 1)})]);
      var actors = state.actors.slice();
      s.pelaksana.forEach(function (a) { if (actors.indexOf(a) < 0) actors.push(a); });
      if (!actors.length) actorBoxes.appendChild(el("span", {class: "sop-form-hint", text: "Isi daftar pelaksana dahulu."}));
      actors.forEach(function (a) {
        actorBoxes.appendChild(el("label", {}, [el("input", {type: "checkbox", "data-actor": a, checked: s.pelaksana.indexOf(a) >= 0}), " " + a]));
      });
      var decision = el("div", {class: "sop-form-decision"}, [
        el("label", {}, [el("input", {type: "checkbox", "data-step-field": "decision", checked: s.decision}), " Keputusan"]),
        el("input", {type: "text", "data-step-field": "question", value: s.question, placeholder: "Pertanyaan, mis. Berkas lengkap?",
          "aria-label": "Langkah " + (i + 1) + ": pertanyaan keputusan", hidden: !s.decision})
      ]);
      var flow = s.decision
        ? el("div", {class: "sop-form-flow"}, [el("label", {}, ["Ya \u2192 ", targetSelect(s, i, "ya", "jika Ya")]),
          el("label", {}, ["Tidak \u2192 ", targetSelect(s, i, "tidak", "jika Tidak")])])
        : el("div", {class: "sop-form-flow"}, [el("label", {}, ["Lanjut \u2192 ", targetSelect(s, i, "lanjut", "lanjut ke")])]);
      var tools = el("div", {class: "sop-form-tools"}, [
        el("button", {type: "button", "data-action": "up", title: "Naikkan", "aria-label": "Naikkan langkah " + (i + 1), disabled: i === 0}, ["\u2191"]),
        el("button", {type: "button", "data-action": "down", title: "Turunkan", "aria-label": "Turunkan langkah " + (i + 1), disabled: i === state.steps.length - 1}, ["\u2193"]),
        el("button", {type: "button", "data-action": "insert", title: "Sisipkan langkah sesudahnya", "aria-label": "Sisipkan langkah sesudah langkah " + (i + 1)}, ["+"]),
        el("button", {type: "button", "data-action": "delete", title: "Hapus", "aria-label": "Hapus langkah " + (i + 1), disabled: state.steps.length === 1}, ["\u00d7"])
      ]);
      function area(field, label, value, rows) {
        return el("textarea", {"data-step-field": field, rows: rows || 2, "aria-label": "Langkah " + (i + 1) + ": " + label}, [value]);
      }
      var row = el("tr", {"data-uid": s.uid, "data-step": i + 1}, [
        el("td", {class: "sop-form-no", text: String(i + 1)}),
        el("td", {}, [area("kegiatan", "kegiatan", s.kegiatan, 3), decision]),
        el("td", {}, [actorBoxes]),
        el("td", {}, [flow]),
        el("td", {}, [area("kelengkapan", "kelengkapan (satu per baris)", s.kelengkapan.join("\n"))]),
        el("td", {}, [el("input", {type: "text", "data-step-field": "waktu", value: s.waktu, "aria-label": "Langkah " + (i + 1) + ": waktu", placeholder: "15 menit"})]),
        el("td", {}, [area("output", "output", s.output)]),
        el("td", {}, [area("keterangan", "keterangan", s.keterangan)]),
        el("td", {}, [tools])
      ]);
      body.appendChild(row);
    });
  }

  function readStep(row) {
    var s = state.steps[parseInt(row.getAttribute("data-step"), 10) - 1];
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
    if (value === END) return "selesai";
    if (value && value.indexOf("sop:") === 0) return value;
    if (value) return "ke langkah " + stepNumber(value);
    return i + 1 < state.steps.length ? "ke langkah " + (i + 2) : "selesai";
  }

  function renderPreview() {
    var holder = root.querySelector(".sop-form-preview");
    holder.textContent = "";
    var actors = state.actors.slice();
    state.steps.forEach(function (s) { s.pelaksana.forEach(function (a) { if (actors.indexOf(a) < 0) actors.push(a); }); });
    // not `sop-flowchart`: that class (a hook of SOP-FORMAT) means a finished, wired flowchart
    var table = el("table", {class: "sop-form-preview-table"});
    table.appendChild(el("caption", {text: "Pratinjau diagram alir \u2014 " + (state.identity.nama || "SOP baru")}));
    var head = el("thead", {}, [
      el("tr", {}, [el("th", {rowspan: 2, class: "sop-h-no", text: "No"}), el("th", {rowspan: 2, class: "sop-h-kegiatan", text: "Kegiatan"}),
        el("th", {colspan: Math.max(actors.length, 1), class: "sop-h-pelaksana", text: "Pelaksana"}),
        el("th", {colspan: 3, class: "sop-h-mutu", text: "Mutu Baku"}), el("th", {rowspan: 2, class: "sop-h-keterangan", text: "Keterangan"})]),
      el("tr", {}, (actors.length ? actors : [""]).map(function (a) { return el("th", {class: "sop-h-actor", text: a}); })
        .concat([el("th", {class: "sop-h-kelengkapan", text: "Kelengkapan"}), el("th", {class: "sop-h-waktu", text: "Waktu"}), el("th", {class: "sop-h-output", text: "Output"})]))
    ]);
    table.appendChild(head);
    var body = el("tbody");
    state.steps.forEach(function (s, i) {
      var kegiatan = el("td", {class: "sop-kegiatan"}, [el("span", {class: "sop-activity", text: s.kegiatan})]);
      if (s.decision) {
        kegiatan.appendChild(el("span", {class: "sop-question", text: s.question}));
        kegiatan.appendChild(el("span", {class: "sop-branches"}, [
          el("span", {class: "sop-branch"}, [el("strong", {text: "Ya: "}), describe(s.ya, i)]),
          el("span", {class: "sop-branch"}, [el("strong", {text: "Tidak: "}), s.tidak ? describe(s.tidak, i) : "\u2014"])]));
      } else if (s.lanjut) {
        kegiatan.appendChild(el("span", {class: "sop-branches"}, [el("span", {class: "sop-branch"}, [el("strong", {text: "Lanjut: "}), describe(s.lanjut, i)])]));
      }
      var row = el("tr", {class: "sop-row", "data-step": i + 1}, [el("td", {class: "sop-no", text: String(i + 1)}), kegiatan]);
      var symbol = symbolOf(s, i);
      (actors.length ? actors : [""]).forEach(function (a) {
        var cell = el("td", {class: "sop-actor"});
        if (a && s.pelaksana.indexOf(a) >= 0) {
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
    summary.textContent = errors.length
      ? errors.length + " hal harus diperbaiki sebelum SOP dapat diterbitkan."
      : found.length ? "Tidak ada kesalahan; periksa " + found.length + " peringatan." : "Lengkap: tidak ada kesalahan.";
    found.forEach(function (p) {
      var item = el("li", {class: "sop-form-" + p.severity, "data-field": null}, [
        el("strong", {text: p.severity === "error" ? "Perbaiki: " : "Periksa: "}), p.text]);
      list.appendChild(item);
      var field = null, parts = String(p.field).split(":");
      if (parts.length === 2) {
        var row = root.querySelectorAll(".sop-form-steps tbody tr")[parseInt(parts[0], 10)];
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
    uidCounter = state.steps.reduce(function (m, s) { return Math.max(m, parseInt(s.uid.slice(1), 10) || 0); }, uidCounter);
    fillIdentity();
    renderSteps();
    refresh();
  }

  function status(text) { root.querySelector(".sop-form-status").textContent = text; }

  function fileName() {
    if (loaded && loaded.name) return loaded.name.replace(/^.*[\\/]/, "");
    var slug = (state.identity.nama || "sop-baru").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
    return (slug || "sop-baru") + ".md";
  }

  function download() {
    refresh();
    var blob = new Blob([toPage(toYaml())], {type: "text/markdown;charset=utf-8"});
    var link = el("a", {href: URL.createObjectURL(blob), download: fileName()});
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    status("Diunduh sebagai " + fileName() + ". Letakkan berkas itu di folder unitnya dalam folder docs buku pedoman.");
  }

  function saveToFile() {
    refresh();
    var text = toPage(toYaml());
    var handle = fileHandle ? Promise.resolve(fileHandle) : window.showSaveFilePicker({suggestedName: fileName(),
      types: [{description: "Halaman Markdown", accept: {"text/markdown": [".md"]}}]});
    return handle.then(function (h) {
      fileHandle = h;
      return h.createWritable().then(function (w) { return w.write(text).then(function () { return w.close(); }); })
        .then(function () { status("Tersimpan ke " + h.name + "."); });
    }).catch(function (e) { if (e && e.name !== "AbortError") status("Tidak dapat menyimpan: " + e.message); });
  }

  function openFile() {
    if (window.showOpenFilePicker) {
      return window.showOpenFilePicker({types: [{description: "Halaman Markdown atau YAML", accept: {"text/markdown": [".md"], "text/yaml": [".yaml", ".yml"]}}]})
        .then(function (handles) {
          fileHandle = handles[0];
          return fileHandle.getFile();
        }).then(function (file) { return file.text().then(function (t) { tryLoad(t, file.name); }); })
        .catch(function (e) { if (e && e.name !== "AbortError") status("Tidak dapat membuka: " + e.message); });
    }
    root.querySelector(".sop-form-file").click();
    return null;
  }

  function tryLoad(text, name) {
    try { loadText(text, name); } catch (e) { status("Tidak dapat dimuat: " + (e.reason ? e.reason + " (baris " + ((e.mark && e.mark.line) + 1) + ")" : e.message)); }
  }

  function wire() {
    root.addEventListener("input", function (ev) {
      var t = ev.target;
      if (t.matches("[data-field=actors]")) { readActors(); renderSteps(); later(); return; }
      if (t.closest(".sop-form-identity")) { readIdentity(); later(); return; }
      var row = t.closest(".sop-form-steps tbody tr");
      if (row) { readStep(row); later(); }
    });
    root.addEventListener("change", function (ev) {
      var t = ev.target, row = t.closest(".sop-form-steps tbody tr");
      if (t.matches(".sop-form-file")) {
        var file = t.files[0];
        if (file) file.text().then(function (text) { tryLoad(text, file.name); t.value = ""; });
        return;
      }
      if (t.closest(".sop-form-identity")) { readIdentity(); later(); return; }
      if (row) {
        readStep(row);
        if (t.matches("[data-step-field=decision]")) renderSteps();
        refresh();
      }
    });
    root.addEventListener("click", function (ev) {
      var button = ev.target.closest("button");
      if (!button) return;
      var action = button.getAttribute("data-action"), row = button.closest("tr");
      var i = row ? parseInt(row.getAttribute("data-step"), 10) - 1 : -1;
      if (action === "up" && i > 0) { state.steps.splice(i - 1, 0, state.steps.splice(i, 1)[0]); }
      else if (action === "down" && i < state.steps.length - 1) { state.steps.splice(i + 1, 0, state.steps.splice(i, 1)[0]); }
      else if (action === "insert") { state.steps.splice(i + 1, 0, newStep()); }
      else if (action === "delete" && state.steps.length > 1) {
        var gone = state.steps.splice(i, 1)[0];
        state.steps.forEach(function (s) { ["ya", "tidak", "lanjut"].forEach(function (b) { if (s[b] === gone.uid) s[b] = ""; }); });
      }
      else if (action === "add") { state.steps.push(newStep()); }
      else if (action === "download") { download(); return; }
      else if (action === "save") { saveToFile(); return; }
      else if (action === "open") { openFile(); return; }
      else if (action === "load-text") { tryLoad(root.querySelector(".sop-form-paste").value, ""); return; }
      else if (action === "copy") {
        navigator.clipboard.writeText(toPage(toYaml())).then(function () { status("Disalin."); }, function () { status("Tidak dapat menyalin; pilih teksnya lalu tekan Ctrl+C."); });
        return;
      }
      else if (action === "new") {
        if (!window.confirm("Mulai SOP baru? Isian yang sekarang akan dikosongkan.")) return;
        state = emptyState(); loaded = null; fileHandle = null; renderAll(); status("SOP baru."); return;
      }
      else return;
      renderSteps();
      refresh();
      if (action === "add" || action === "insert") {
        var rows = root.querySelectorAll(".sop-form-steps tbody tr");
        var focus = rows[action === "add" ? rows.length - 1 : i + 1].querySelector("textarea");
        if (focus) focus.focus();
      }
    });
  }

  function start() {
    root = document.getElementById("sop-form");
    if (!root) return;
    state = emptyState();
    if (!window.showSaveFilePicker) root.querySelector("[data-action=save]").hidden = true;
    wire();
    var draft = null;
    try { draft = JSON.parse(window.localStorage.getItem(DRAFT_KEY) || "null"); } catch (e) { draft = null; }
    if (draft && draft.state && draft.state.steps) {
      state = draft.state; loaded = draft.loaded || null;
      status("Isian terakhir dipulihkan dari peramban ini.");
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
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { if (document.getElementById("sop-form") && !document.getElementById("sop-form").hasAttribute("data-ready")) start(); });
})();
