/* mkdocs-sop: the page address and the print date in the footer of every printed sheet
   (and, with print_uncontrolled, "dokumen tidak terkendali bila dicetak" atop it).
   CSS cannot know either, so this sets two custom properties that the @page margin boxes
   of sop.css show. Nothing else depends on it: without scripts the flowchart, its arrows
   and its off-page connectors print the same, only this footer text is missing. */
(function () {
  "use strict";
  var root = document.documentElement;
  function cssString(text) {
    return '"' + String(text).replace(/[\\"]/g, "\\$&").replace(/[\n\r\f]/g, " ") + '"';
  }
  function stamp() {
    var lang = (root.getAttribute("lang") || "id").toLowerCase();
    var english = lang.indexOf("en") === 0;
    var date;
    try {
      date = new Date().toLocaleDateString(english ? "en-GB" : "id-ID",
                                           { day: "numeric", month: "long", year: "numeric" });
    } catch (e) {
      date = new Date().toISOString().slice(0, 10);
    }
    // the site's choice (print_address in mkdocs.yml, written to window.SOP_PRINT by sop-print.js)
    var address = (window.SOP_PRINT || {}).address || "page";
    var canonical = document.querySelector('link[rel="canonical"]');
    var url = location.href.split("#")[0];
    if (address === "none") url = "";
    else if (address === "site_url" && canonical && canonical.href) url = canonical.href;
    root.style.setProperty("--sop-print-url", cssString(url));
    root.style.setProperty("--sop-print-date", cssString((english ? "Printed " : "Dicetak ") + date));
    // optional (print_uncontrolled): "uncontrolled when printed" and the date atop every sheet
    var noted = document.querySelector(".sop[data-print-note]");
    if (noted) {
      root.style.setProperty("--sop-print-note",
                             cssString(noted.getAttribute("data-print-note") + " \u2014 " + date));
    }
  }
  stamp();
  window.addEventListener("beforeprint", stamp);
})();
