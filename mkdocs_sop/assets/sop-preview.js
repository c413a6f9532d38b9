/* mkdocs-sop preview: reload this tab when the page has been rendered again (after a save).
   It asks the preview server for the page's version (one small request every quarter
   second, to the same server; no websocket, nothing else). When the server is gone the
   banner says so, and the page reloads once it is back with a newer version. */
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script.getAttribute("data-version");
  var url = script.getAttribute("data-poll");
  var banner = document.querySelector(".sop-preview-banner");
  function stopped(yes) {
    if (banner) banner.classList.toggle("sop-preview-stopped", yes);
  }
  function poll() {
    fetch(url, { cache: "no-store" }).then(function (answer) {
      return answer.ok ? answer.text() : null;
    }).then(function (version) {
      stopped(false);
      if (version && version !== shown) {
        location.reload();
        return;
      }
      setTimeout(poll, 250);
    }, function () {
      stopped(true);
      setTimeout(poll, 1000);
    });
  }
  setTimeout(poll, 250);
})();
