// Suggestions under the search box in the header (form.site-search): as one types, the
// few things whose names begin with the words, asked of the form's data-suggest-url;
// chosen with the arrow keys and Enter or a click (which opens the thing's page), closed
// with Escape. Enter without a choice sends the form: the full results page. The pattern
// is ARIA's combobox with a listbox popup, as the name fields' lookup. Without this
// script the box is a plain search form.
(function () {
  "use strict";
  var form = document.querySelector("form.site-search[data-suggest-url]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[type=search]");
  var url = form.getAttribute("data-suggest-url");
  var list = document.createElement("ul");
  var hits = [];
  var active = -1;
  var timer = null;
  var asked = 0;
  list.id = "site-search-suggest";
  list.className = "lookup suggest";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggestions");
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  input.addEventListener("input", function () {
    clearTimeout(timer);
    // One request for a burst of keystrokes, not one per key.
    timer = setTimeout(ask, 120);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden) { if (hits.length) show(); else ask(); return e.preventDefault(); }
      move(e.key === "ArrowDown" ? 1 : -1);
      e.preventDefault();
    } else if (e.key === "Enter" && !list.hidden && active >= 0 && hits[active].url) {
      window.location.href = hits[active].url;
      e.preventDefault();
    } else if (e.key === "Escape" && !list.hidden) {
      close();
      e.preventDefault();
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
  list.addEventListener("mousedown", function (e) { e.preventDefault(); });

  function ask() {
    var q = input.value;
    if (!q.trim()) { hits = []; close(); return; }
    var at = form.querySelector("input[name=at]");
    var query = "?q=" + encodeURIComponent(q) + (at ? "&at=" + encodeURIComponent(at.value) : "");
    var mine = ++asked;
    fetch(url + query, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { hits: [] }; })
      .then(function (data) {
        if (mine !== asked) return; // an answer to an older question
        hits = data.hits || [];
        render(q);
      })
      .catch(function () { hits = []; close(); });
  }

  function render(q) {
    list.textContent = "";
    active = -1;
    hits.forEach(function (h, i) {
      var li = document.createElement("li");
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var a = document.createElement(h.url ? "a" : "span");
      if (h.url) { a.href = h.url; a.tabIndex = -1; }
      a.className = "name";
      // The name, the words typed marked (as text nodes: nothing is read as markup).
      (h.snippet && h.snippet.length ? h.snippet : [{ text: h.name, match: false }])
        .forEach(function (part) {
          var node = part.match ? document.createElement("mark") : document.createTextNode("");
          node.textContent = part.text;
          a.appendChild(node);
        });
      li.appendChild(a);
      var small = document.createElement("span");
      small.className = "detail";
      small.textContent = [h.kind_words, h.name !== textOf(h) ? "now " + h.name : "", h.when]
        .filter(Boolean).join(" · ");
      li.appendChild(small);
      li.addEventListener("click", function () { if (h.url) window.location.href = h.url; });
      list.appendChild(li);
    });
    var all = document.createElement("li");
    all.className = "all";
    var link = document.createElement("a");
    link.href = form.action + "?" + new URLSearchParams(new FormData(form)).toString();
    link.textContent = hits.length ? "All results for “" + q.trim() + "”" :
      "No name begins so: search every text for “" + q.trim() + "”";
    all.appendChild(link);
    list.appendChild(all);
    show();
  }

  function textOf(h) {
    return (h.snippet || []).map(function (p) { return p.text; }).join("");
  }

  function show() {
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function close() {
    list.hidden = true;
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function move(by) {
    if (!hits.length) return;
    active = (active + by + hits.length) % hits.length;
    Array.prototype.forEach.call(list.querySelectorAll("li[role=option]"), function (li, i) {
      li.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    var li = document.getElementById(list.id + "-" + active);
    input.setAttribute("aria-activedescendant", li.id);
    li.scrollIntoView({ block: "nearest" });
  }
})();
