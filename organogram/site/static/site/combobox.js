// The one combobox of the site: a text input with a listbox of suggestions under it, as
// ARIA's combobox pattern has it. The header's search box (search.js) and the name fields
// of the forms (lookup.js) both use it, each saying only what to ask and how to show and
// choose an answer. Typing asks after a short pause (one request for a burst of
// keystrokes); the arrow keys move through the options, Enter takes the highlighted one,
// Escape and leaving the field close the list; an answer to an older question is dropped.
(function () {
  "use strict";

  // input: the text field; list: the <ul> to fill (already in the page).
  // options.delay: ms to wait after a keystroke; options.url(q): where to ask (or "" to
  // ask nothing); options.items(json): the answer's items; options.render(list, items, q):
  // fill the list with li[role=option] (their ids made by optionId(i)), and more;
  // options.choose(item): what Enter or a click on an option does (return false to let
  // Enter send the form instead).
  function combobox(input, list, options) {
    var items = [];
    var active = -1;
    var timer = null;
    var asked = 0;
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, options.delay || 150);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (list.hidden) { if (items.length) show(); else ask(); return e.preventDefault(); }
        move(e.key === "ArrowDown" ? 1 : -1);
        e.preventDefault();
      } else if (e.key === "Enter" && !list.hidden && active >= 0) {
        // Enter takes the highlighted option instead of sending the form.
        if (options.choose(items[active]) !== false) { close(); e.preventDefault(); }
      } else if (e.key === "Escape" && !list.hidden) {
        close();
        e.preventDefault();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    // A click in the list must not take the focus from the field before it is read.
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    list.addEventListener("click", function (e) {
      var li = e.target.closest("li[role=option]");
      if (!li) return;
      var i = Number(li.id.slice(list.id.length + 1));
      if (items[i] && options.choose(items[i]) !== false) close();
    });

    function ask() {
      var q = input.value;
      var url = q.trim() ? options.url(q) : "";
      if (!url) { items = []; close(); return; }
      var mine = ++asked;
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (mine !== asked) return; // an answer to an older question
          items = data ? options.items(data) || [] : [];
          list.textContent = "";
          active = -1;
          options.render(list, items, q);
          show();
        })
        .catch(function () { items = []; close(); });
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
      if (!items.length) return;
      active = (active + by + items.length) % items.length;
      Array.prototype.forEach.call(list.querySelectorAll("li[role=option]"), function (li) {
        li.setAttribute("aria-selected", li.id === optionId(active) ? "true" : "false");
      });
      var li = document.getElementById(optionId(active));
      input.setAttribute("aria-activedescendant", li.id);
      li.scrollIntoView({ block: "nearest" });
    }

    function optionId(i) { return list.id + "-" + i; }

    return { close: close, optionId: optionId };
  }

  // An option of a list: li[role=option] with the id the combobox finds it by.
  combobox.option = function (list, i) {
    var li = document.createElement("li");
    li.id = list.id + "-" + i;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    return li;
  };

  window.organogramCombobox = combobox;
})();
