/* mkdocs-sop: the checklist mode of an SOP page, and the Print button of the cycle's forms.
   Staff tick the steps of one case as they carry it out. The ticks (and the time of each)
   are kept in this browser's localStorage only, under the page and the SOP's number and
   revision date, so a revised SOP starts clean; nothing is sent anywhere. "Kosongkan"
   clears them. Printing while the mode is on prints the execution sheet (sop-cycle.css).
   Without scripts the sheet is still on the page, as a table to print and fill by hand. */
(function () {
  "use strict";
  var PREFIX = "mkdocs-sop:checklist:";

  function storage() {
    try {
      var s = window.localStorage;
      s.setItem(PREFIX + "probe", "1");
      s.removeItem(PREFIX + "probe");
      return s;
    } catch (e) {
      return null;  // storage switched off: ticks last until the page is left
    }
  }

  function stamp(iso) {
    var lang = (document.documentElement.getAttribute("lang") || "id").toLowerCase();
    try {
      return new Date(iso).toLocaleString(lang.indexOf("en") === 0 ? "en-GB" : "id-ID",
        { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
    } catch (e) {
      return String(iso).slice(0, 16).replace("T", " ");
    }
  }

  function setup(section, store) {
    if (section.hasAttribute("data-checklist-ready")) return;
    section.setAttribute("data-checklist-ready", "");
    var key = PREFIX + location.pathname + "|" + section.getAttribute("data-sop-checklist");
    var toggle = section.querySelector(".sop-checklist-toggle");
    var reset = section.querySelector(".sop-checklist-reset");
    var count = section.querySelector(".sop-checklist-count");
    var boxes = Array.prototype.slice.call(section.querySelectorAll("input[type=checkbox][data-checklist-step]"));
    var state = load();

    function load() {
      try {
        var value = store && JSON.parse(store.getItem(key) || "null");
        if (value && typeof value === "object" && value.ticks && typeof value.ticks === "object") {
          return { on: value.on === true, ticks: value.ticks };
        }
      } catch (e) { /* a damaged entry starts clean */ }
      return { on: false, ticks: {} };
    }

    function save() {
      if (!store) return;
      try {
        if (!state.on && !Object.keys(state.ticks).length) store.removeItem(key);
        else store.setItem(key, JSON.stringify(state));
      } catch (e) { /* full or refused: the ticks stay on screen */ }
    }

    function render() {
      section.classList.add("sop-checklist-ready");
      section.classList.toggle("is-on", state.on);
      toggle.hidden = false;
      toggle.setAttribute("aria-pressed", state.on ? "true" : "false");
      toggle.textContent = section.getAttribute(state.on ? "data-label-close" : "data-label-open");
      reset.hidden = !state.on;
      var done = 0;
      boxes.forEach(function (box) {
        var when = state.ticks[box.getAttribute("data-checklist-step")];
        box.checked = typeof when === "string";
        box.disabled = !state.on;
        if (box.checked) done += 1;
        var row = box.closest("tr");
        var cell = row && row.querySelector(".sop-checklist-when");
        if (cell) cell.textContent = box.checked ? stamp(when) : "";
        if (row) row.classList.toggle("is-done", box.checked);
      });
      count.textContent = state.on ? done + "/" + boxes.length + " " + section.getAttribute("data-label-done") : "";
      var any = document.querySelector(".sop-checklist.is-on") !== null;
      document.documentElement.classList.toggle("sop-checklist-printing", any);
    }

    toggle.addEventListener("click", function () {
      state.on = !state.on;
      save();
      render();
      if (state.on) section.scrollIntoView({ block: "start" });
    });
    reset.addEventListener("click", function () {
      state.ticks = {};
      save();
      render();
    });
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        var step = box.getAttribute("data-checklist-step");
        if (box.checked) state.ticks[step] = new Date().toISOString();
        else delete state.ticks[step];
        save();
        render();
      });
    });
    render();
  }

  function start() {
    // the forms' Print buttons (no inline handlers: the pages carry no script attributes)
    Array.prototype.forEach.call(document.querySelectorAll("button.sop-cycle-print[hidden]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    var store = storage();
    Array.prototype.forEach.call(document.querySelectorAll(".sop-checklist[data-sop-checklist]"), function (s) {
      setup(s, store);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // Material's instant navigation swaps pages without a load event
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
})();
