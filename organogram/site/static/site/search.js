// Suggestions under the search box in the header (form.site-search): as one types, the
// few things whose names begin with the words, asked of the form's data-suggest-url
// through the site's one combobox (combobox.js); choosing one opens its page. Enter
// without a choice sends the form: the full results page. Without these scripts the box
// is a plain search form.
(function () {
  "use strict";
  var combobox = window.organogramCombobox;
  var form = document.querySelector("form.site-search[data-suggest-url]");
  if (!combobox || !form || !window.fetch) return;
  var input = form.querySelector("input[type=search]");
  var list = document.createElement("ul");
  list.id = "site-search-suggest";
  list.className = "lookup suggest";
  list.setAttribute("aria-label", "Suggestions");
  form.appendChild(list);

  combobox(input, list, {
    delay: 120,
    url: function (q) {
      var at = form.querySelector("input[name=at]");
      return form.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(q) +
        (at ? "&at=" + encodeURIComponent(at.value) : "");
    },
    items: function (data) { return data.hits; },
    render: render,
    choose: function (h) {
      if (!h.url) return false;
      window.location.href = h.url;
    },
  });

  function render(ul, hits, q) {
    hits.forEach(function (h, i) {
      var li = combobox.option(ul, i);
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
      ul.appendChild(li);
    });
    var all = document.createElement("li");
    all.className = "all";
    var link = document.createElement("a");
    link.href = form.action + "?" + new URLSearchParams(new FormData(form)).toString();
    link.textContent = hits.length ? "All results for “" + q.trim() + "”" :
      "No name begins so: search every text for “" + q.trim() + "”";
    all.appendChild(link);
    ul.appendChild(all);
  }

  function textOf(h) {
    return (h.snippet || []).map(function (p) { return p.text; }).join("");
  }
})();
