// Search as you type for the name fields of the change forms (input[data-lookup]): a
// list of the best matches under the field, asked of the lookup (form[data-lookup-url]),
// chosen with the arrow keys and Enter or a click, closed with Escape. The pattern is
// ARIA's combobox with a listbox popup. Without this script the field is a plain text
// input, and the server resolves what is typed when the form is sent. A page may hold
// several such forms (the chart's panel does); a choice is also told to the page as a
// "lookup:chosen" event on the field, with the match (its id among it) as detail.
(function () {
  "use strict";
  var made = 0;
  Array.prototype.forEach.call(document.querySelectorAll("form[data-lookup-url]"), function (f) {
    var fields = f.querySelectorAll("input[data-lookup]");
    Array.prototype.forEach.call(fields, function (input) { combobox(input, made++); });
  });

  // The date names are read as of: the form's own date when filled, else the page's.
  function when(form) {
    var date = form.querySelector("input[name=date]");
    var typed = date && date.value.trim();
    return typed || form.getAttribute("data-lookup-at") || "";
  }

  function combobox(input, n) {
    var form = input.form;
    var url = form.getAttribute("data-lookup-url");
    var list = document.createElement("ul");
    var now = input.parentNode.querySelector("[data-now]");
    var matches = [];
    var active = -1;
    var timer = null;
    var asked = 0;
    list.id = "lookup-" + n;
    list.className = "lookup";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Matching names");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    input.addEventListener("input", function () {
      clearTimeout(timer);
      // A short pause: one request for a burst of keystrokes, not one per key.
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (list.hidden) { if (matches.length) show(); else ask(); return e.preventDefault(); }
        move(e.key === "ArrowDown" ? 1 : -1);
        e.preventDefault();
      } else if (e.key === "Enter" && !list.hidden && active >= 0) {
        // Enter chooses the highlighted name instead of sending the form.
        choose(matches[active]);
        e.preventDefault();
      } else if (e.key === "Escape" && !list.hidden) {
        close();
        e.preventDefault();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    list.addEventListener("click", function (e) {
      var li = e.target.closest("li[data-index]");
      if (li) choose(matches[Number(li.getAttribute("data-index"))]);
    });

    function ask() {
      var q = input.value.trim();
      if (!q) { matches = []; close(); return; }
      var query = "?kind=" + encodeURIComponent(input.getAttribute("data-lookup")) +
        "&q=" + encodeURIComponent(q) + "&at=" + encodeURIComponent(when(form));
      var plan = form.getAttribute("data-lookup-plan");
      if (plan) query += "&plan=" + encodeURIComponent(plan);
      var mine = ++asked;
      fetch(url + query, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { matches: [] }; })
        .then(function (data) {
          if (mine !== asked) return; // an answer to an older question
          matches = data.matches || [];
          render();
        })
        .catch(function () { matches = []; close(); });
    }

    function render() {
      list.textContent = "";
      active = -1;
      if (!matches.length) {
        var none = document.createElement("li");
        none.className = "none";
        none.textContent = "No match: the name is checked when the form is sent.";
        list.appendChild(none);
      }
      matches.forEach(function (m, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-index", String(i));
        var name = document.createElement("span");
        name.className = "name";
        name.textContent = m.name + (m.abbreviation ? " (" + m.abbreviation + ")" : "");
        li.appendChild(name);
        var more = [m.detail];
        if (m.former && m.former.length) more.push("formerly " + m.former.join("; "));
        more.push(m.id);
        var small = document.createElement("span");
        small.className = "detail";
        small.textContent = more.filter(Boolean).join(" · ");
        li.appendChild(small);
        list.appendChild(li);
      });
      show();
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
      if (!matches.length) return;
      active = (active + by + matches.length) % matches.length;
      Array.prototype.forEach.call(list.querySelectorAll("li[role=option]"), function (li, i) {
        li.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      var li = document.getElementById(list.id + "-" + active);
      input.setAttribute("aria-activedescendant", li.id);
      li.scrollIntoView({ block: "nearest" });
    }

    function choose(m) {
      input.value = m.fill;
      close();
      if (now) {
        now.hidden = false;
        now.textContent = "Now: " + m.name + (m.abbreviation ? " (" + m.abbreviation + ")" : "") +
          (m.detail ? ", " + m.detail : "");
      }
      input.dispatchEvent(new Event("change", { bubbles: true }));
      input.dispatchEvent(new CustomEvent("lookup:chosen", { bubbles: true, detail: m }));
    }
  }
})();
