// Live filtering and expand/collapse for the structure tree. The page works without
// this script: the search form then asks the server, and <details> open by themselves.
// A large structure's tree is partial (data-partial): only its top levels are sent, and a
// lazy node (<details data-children="address">) fetches its children when opened; without
// this script it offers a link to the unit's page instead.
(function () {
  "use strict";
  var input = document.querySelector("[data-tree-filter]");
  var tree = input && document.querySelector(input.getAttribute("data-tree-filter"));
  if (!tree) return;
  var tools = document.querySelector(".tree-tools");
  var count = tools && tools.querySelector(".filter-count");
  if (tools) tools.hidden = false;
  if (tree.hasAttribute("data-partial")) {
    partial();
    return;
  }
  // Units no source places are listed apart, below the tree: the filter reaches them too.
  var trees = [tree];
  var apart = document.querySelector("#unplaced-tree");
  if (apart) trees.push(apart);
  var items = [];
  trees.forEach(function (t) {
    items = items.concat(Array.prototype.slice.call(t.querySelectorAll("li.node")));
  });
  var initiallyOpen = items.map(function (li) {
    var d = li.querySelector(":scope > details");
    return d ? d.open : false;
  });

  function setAll(open) {
    trees.forEach(function (t) {
      t.querySelectorAll("details").forEach(function (d) { d.open = open; });
    });
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

  // A partial tree: the filter knows only the loaded nodes, so the search box asks the
  // server (the form's own search); expanding opens only what is loaded.
  function partial() {
    tree.addEventListener("toggle", function (e) {
      var d = e.target;
      if (d.open && d.hasAttribute("data-children")) load(d);
    }, true);
    document.querySelectorAll("[data-tree-expand]").forEach(function (b) {
      b.addEventListener("click", function () {
        tree.querySelectorAll("details:not([data-children])").forEach(function (d) { d.open = true; });
      });
    });
    document.querySelectorAll("[data-tree-collapse]").forEach(function (b) {
      b.addEventListener("click", function () {
        tree.querySelectorAll("details").forEach(function (d) { d.open = false; });
      });
    });
    input.addEventListener("input", function () {
      if (count) count.textContent = input.value.trim() ? "Press Enter to search every unit" : "";
    });
  }

  function load(details) {
    var url = details.getAttribute("data-children");
    var list = details.querySelector(":scope > ul");
    details.removeAttribute("data-children");
    list.setAttribute("aria-busy", "true");
    var pending = list.querySelector(".pending");
    var fallback = pending ? pending.innerHTML : "";
    if (pending) pending.insertAdjacentText("afterbegin", "Loading… ");
    fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + r.statusText);
        return r.text();
      })
      .then(function (html) {
        list.innerHTML = html;
        details.classList.remove("lazy");
      })
      .catch(function (err) {
        // Opening it again tries again; the unit's page lists its sub-units meanwhile.
        details.setAttribute("data-children", url);
        if (pending) pending.innerHTML = "Could not load them (" + err.message + "): " + fallback;
      })
      .then(function () { list.removeAttribute("aria-busy"); });
  }
})();
