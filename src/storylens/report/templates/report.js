(function () {
  "use strict";
  // Optional niceties only: the report reads fully without JavaScript.
  // Never writes report data as HTML: only toggles `open` and `hidden`.

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var node = id ? document.getElementById(id) : null;
    while (node) {
      if (node.tagName === "DETAILS") { node.open = true; }
      node = node.parentElement;
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var scope = document.getElementById(input.getAttribute("data-filter"));
    if (!scope) { return; }
    input.hidden = false;
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      scope.querySelectorAll("[data-filter-item]").forEach(function (item) {
        item.hidden = query !== "" && item.textContent.toLowerCase().indexOf(query) === -1;
      });
    });
  });

  document.querySelectorAll("button[data-toggle-all]").forEach(function (button) {
    var scope = document.getElementById(button.getAttribute("data-toggle-all"));
    if (!scope) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("data-open") !== "1";
      scope.querySelectorAll("details.article").forEach(function (item) { item.open = open; });
      button.setAttribute("data-open", open ? "1" : "0");
      button.textContent = open ? "Collapse all" : "Expand all";
    });
  });
})();
