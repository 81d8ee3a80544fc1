// A helper beside each citations field of the entry forms (input or textarea[data-cites]):
// a source chosen by name (the lookup's list, lookup.js), then one of its passages
// (passages.js), and "Add the citation" writes SOURCE:PASSAGE into the field. The field
// stays as it is, typed by hand without this script; the server checks what it holds.
// Loaded before lookup.js and passages.js, which then equip the inputs made here.
(function () {
  "use strict";
  var form = document.querySelector("form[data-lookup-url]");
  if (!form) return;
  var url = form.getAttribute("data-passages-url");
  var fields = form.querySelectorAll("[data-cites]");
  Array.prototype.forEach.call(fields, function (field, n) { helper(field, n); });

  function helper(field, n) {
    var box = document.createElement("div");
    box.className = "cite-helper";
    var sourceName = "cite-source-" + n;
    var source = input(sourceName, "Source", "by its title, symbol or id");
    source.input.setAttribute("data-lookup", "source");
    var passage = input("cite-passage-" + n, "Passage", "empty: the whole document");
    passage.input.setAttribute("data-passages-of", sourceName);
    passage.input.setAttribute("data-passages-url", url);
    var add = document.createElement("button");
    add.type = "button";
    add.className = "secondary";
    add.textContent = "Add the citation";
    var said = document.createElement("p");
    said.className = "hint";
    said.setAttribute("aria-live", "polite");
    box.appendChild(source.label);
    box.appendChild(source.input);
    box.appendChild(passage.label);
    box.appendChild(passage.input);
    box.appendChild(add);
    box.appendChild(said);
    field.parentNode.insertBefore(box, field.nextSibling);

    add.addEventListener("click", function () {
      var text = source.input.value.trim();
      if (!text) { said.textContent = "Choose a source first."; return; }
      fetch(url + "?source=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (!data.source) { said.textContent = data.error || "No such source."; return; }
          var cite = data.source.id + (passage.input.value.trim() ? ":" + passage.input.value.trim() : "");
          var joiner = field.tagName === "TEXTAREA" ? "\n" : "; ";
          var now = field.value.trim();
          field.value = now ? now + joiner + cite : cite;
          said.textContent = "Added " + cite + ".";
        })
        .catch(function () { said.textContent = "The source could not be read: type the citation."; });
    });
  }

  function input(name, words, hint) {
    var id = "f-" + name;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = words;
    var el = document.createElement("input");
    el.type = "text";
    el.id = id;
    el.name = name;
    el.autocomplete = "off";
    el.placeholder = hint;
    return { label: label, input: el };
  }
})();
