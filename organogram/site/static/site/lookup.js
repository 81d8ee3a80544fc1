// Search as you type for the name fields of the change forms (input[data-lookup]): a
// list of the best matches under the field, asked of the lookup (form[data-lookup-url]),
// through the site's one combobox (combobox.js). Without these scripts the field is a
// plain text input, and the server resolves what is typed when the form is sent. A page
// may hold several such forms (the chart's panel does); a choice is also told to the page
// as a "lookup:chosen" event on the field, with the match (its id among it) as detail.
(function () {
  "use strict";
  var combobox = window.organogramCombobox;
  if (!combobox || !window.fetch) return;
  var made = 0;
  Array.prototype.forEach.call(document.querySelectorAll("form[data-lookup-url]"), function (f) {
    var fields = f.querySelectorAll("input[data-lookup]");
    Array.prototype.forEach.call(fields, function (input) { lookup(input, made++); });
  });

  // The date names are read as of: the form's own date when filled, else the page's.
  function when(form) {
    var date = form.querySelector("input[name=date]");
    var typed = date && date.value.trim();
    return typed || form.getAttribute("data-lookup-at") || "";
  }

  function named(m) {
    return m.name + (m.abbreviation ? " (" + m.abbreviation + ")" : "");
  }

  function lookup(input, n) {
    var form = input.form;
    var now = input.parentNode.querySelector("[data-now]");
    var list = document.createElement("ul");
    list.id = "lookup-" + n;
    list.className = "lookup";
    list.setAttribute("aria-label", "Matching names");
    input.insertAdjacentElement("afterend", list);
    combobox(input, list, {
      delay: 150,
      url: function (q) {
        var url = form.getAttribute("data-lookup-url") +
          "?kind=" + encodeURIComponent(input.getAttribute("data-lookup")) +
          "&q=" + encodeURIComponent(q.trim()) + "&at=" + encodeURIComponent(when(form));
        var plan = form.getAttribute("data-lookup-plan");
        if (plan) url += "&plan=" + encodeURIComponent(plan);
        // A drafted proposal's form: names as the paper's earlier proposals leave them.
        var draft = form.getAttribute("data-lookup-draft");
        if (draft) {
          url += "&draft=" + encodeURIComponent(draft) +
            "&n=" + encodeURIComponent(form.getAttribute("data-lookup-n"));
        }
        return url;
      },
      items: function (data) { return data.matches; },
      render: function (ul, matches) {
        if (!matches.length) {
          var none = document.createElement("li");
          none.className = "none";
          none.textContent = "No match: the name is checked when the form is sent.";
          ul.appendChild(none);
        }
        matches.forEach(function (m, i) {
          var li = combobox.option(ul, i);
          var name = document.createElement("span");
          name.className = "name";
          name.textContent = named(m);
          li.appendChild(name);
          var more = [m.detail];
          if (m.former && m.former.length) more.push("formerly " + m.former.join("; "));
          more.push(m.id);
          var small = document.createElement("span");
          small.className = "detail";
          small.textContent = more.filter(Boolean).join(" · ");
          li.appendChild(small);
          ul.appendChild(li);
        });
      },
      choose: function (m) {
        input.value = m.fill;
        if (now) {
          now.hidden = false;
          now.textContent = "Now: " + named(m) + (m.detail ? ", " + m.detail : "");
        }
        input.dispatchEvent(new Event("change", { bubbles: true }));
        input.dispatchEvent(new CustomEvent("lookup:chosen", { bubbles: true, detail: m }));
      },
    });
  }
})();
