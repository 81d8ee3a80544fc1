// Live filtering and expand/collapse for the structure tree. The page works without
// this script: the search form then asks the server, and <details> open by themselves.
(function () {
  "use strict";
  var input = document.querySelector("[data-tree-filter]");
  var tree = input && document.querySelector(input.getAttribute("data-tree-filter"));
  if (!tree) return;
  var tools = document.querySelector(".tree-tools");
  var count = tools && tools.querySelector(".filter-count");
  if (tools) tools.hidden = false;
  var items = Array.prototype.slice.call(tree.querySelectorAll("li.node"));
  var initiallyOpen = items.map(function (li) {
    var d = li.querySelector(":scope > details");
    return d ? d.open : false;
  });

  function setAll(open) {
    tree.querySelectorAll("details").forEach(function (d) { d.open = open; });
  }
  document.querySelectorAll("[data-tree-expand]").forEach(function (b) {
    b.addEventListener("click", function () { setAll(true); });
  });
  document.querySelectorAll("[data-tree-collapse]").forEach(function (b) {
    b.addEventListener("click", function () { setAll(false); });
  });

  function filter() {
    var q = input.value.trim().toLowerCase();
    var shown = 0;
    // Deepest first, so a parent knows whether any descendant matched.
    for (var i = items.length - 1; i >= 0; i--) {
      var li = items[i];
      var own = !q || li.getAttribute("data-search").indexOf(q) !== -1;
      var kids = li.querySelectorAll(":scope > details > ul > li.node:not([hidden])").length > 0;
      li.hidden = !(own || kids);
      li.classList.toggle("match", Boolean(q) && own);
      var d = li.querySelector(":scope > details");
      if (d) d.open = q ? kids : initiallyOpen[i];
      if (q && own) shown++;
    }
    if (count) count.textContent = q ? shown + " matching" : "";
  }
  input.addEventListener("input", filter);
})();
