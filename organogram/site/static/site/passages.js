// The passage field beside a source field (input[data-passages-of] names the source's
// input): once a source is chosen, the passages it lists are offered in a list, asked of
// data-passages-url; choosing one fills the passage field. "Several, or a range" shows the
// field to type them. A source that lists none leaves the plain field. Without this
// script the passage is typed, and the server refuses one the source does not list.
(function () {
  "use strict";
  var OTHER = "\u0000other";
  var fields = document.querySelectorAll("input[data-passages-of]");
  Array.prototype.forEach.call(fields, setUp);

  function setUp(input) {
    var form = input.form;
    var source = form && form.elements.namedItem(input.getAttribute("data-passages-of"));
    if (!source) return;
    var url = input.getAttribute("data-passages-url");
    var label = form.querySelector("label[for='" + input.id + "']");
    var select = document.createElement("select");
    select.id = input.id + "-pick";
    select.className = "passage-pick";
    select.hidden = true;
    if (input.getAttribute("aria-invalid")) select.setAttribute("aria-invalid", "true");
    input.insertAdjacentElement("beforebegin", select);
    var asked = 0;
    var shownFor = null;

    // lookup.js sends "change" when a name is chosen from its list; typing and leaving
    // the field is the same as choosing.
    source.addEventListener("change", load);
    source.addEventListener("blur", function () { setTimeout(load, 200); });
    select.addEventListener("change", function () {
      var other = select.value === OTHER;
      input.hidden = !other;
      if (other) { input.value = ""; input.focus(); } else { input.value = select.value; }
    });
    if (source.value.trim()) load();

    function load() {
      var text = source.value.trim();
      if (text === shownFor) return;
      shownFor = text;
      if (!text) { plain(); return; }
      var mine = ++asked;
      fetch(url + "?source=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { passages: [] }; })
        .then(function (data) { if (mine === asked) fill(data.passages || []); })
        .catch(plain);
    }

    function plain() {
      select.hidden = true;
      input.hidden = false;
      if (label) label.htmlFor = input.id;
    }

    function fill(passages) {
      if (!passages.length) { plain(); return; }
      select.textContent = "";
      add("", "The whole document");
      passages.forEach(function (p) { add(p.id, p.label); });
      add(OTHER, "Several, or a range: type them…");
      var typed = input.value.trim();
      var listed = passages.some(function (p) { return p.id === typed; });
      select.value = listed || !typed ? typed : OTHER;
      select.hidden = false;
      input.hidden = select.value !== OTHER;
      if (label) label.htmlFor = select.id;
    }

    function add(value, text) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = text;
      select.appendChild(option);
    }
  }
})();
