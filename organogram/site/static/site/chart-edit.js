// Editing a draft plan on its chart: choose a box to fill the panel's forms for it, pick
// a second box to merge the two, undo and redo (buttons, Ctrl+Z, Ctrl+Shift+Z). Every
// gesture is one of the panel's plain forms posted here in place, asking for JSON: on
// success the chart is drawn anew with the change marked and the plan's cost line
// replaced; on refusal a few words say beside the box what was not done and why (the
// whole text a click away), and nothing was written. Dragging a box onto another is
// chart-drag.js. Without these scripts the same forms post and come back.
(function () {
  "use strict";
  var frame = document.getElementById("chart");
  var panel = document.getElementById("chart-edit");
  var chart = window.organogramChart;
  if (!frame || !panel || !chart) return;
  var action = frame.getAttribute("data-edit");
  var said = panel.querySelector(".chart-said");
  var box = panel.querySelector(".chart-box");
  var pick = document.getElementById("chart-pick-box");
  var merge = panel.querySelector(".chart-merge");
  var withField = document.getElementById("chart-merge-with");
  var pickOther = panel.querySelector(".chart-pick-other");
  var token = panel.querySelector("input[name=csrfmiddlewaretoken]").value;
  var bubble = null; // a refusal said beside the box it is about
  var picked = []; // the box chosen, and the one to merge it with

  function clearBubble() {
    if (bubble) { bubble.remove(); bubble = null; }
  }

  // The refusal beside the box: its few words, and the whole text folded under them.
  function sayBeside(id, data) {
    clearBubble();
    var at = id && chart.screenBox(id);
    if (!at) return;
    var r = frame.getBoundingClientRect();
    bubble = document.createElement("div");
    bubble.className = "chart-bubble";
    bubble.setAttribute("role", "alert");
    var short = document.createElement("p");
    short.textContent = data.short || words(data);
    bubble.appendChild(short);
    if (data.full && data.full !== data.short) {
      var more = document.createElement("details");
      var summary = document.createElement("summary");
      summary.textContent = "In full";
      more.appendChild(summary);
      more.appendChild(document.createTextNode(data.full));
      bubble.appendChild(more);
    }
    var close = document.createElement("button");
    close.type = "button";
    close.className = "chart-bubble-close";
    close.setAttribute("aria-label", "Close");
    close.textContent = "×";
    close.addEventListener("click", clearBubble);
    bubble.appendChild(close);
    // Kept from the chart's own gestures (a click there is no choice of box).
    bubble.addEventListener("pointerdown", function (e) { e.stopPropagation(); });
    bubble.addEventListener("click", function (e) { e.stopPropagation(); });
    bubble.style.left = Math.max(4, Math.min(at.left - r.left, r.width - 250)) + "px";
    bubble.style.top = (at.top - r.top + at.height + 6) + "px";
    frame.appendChild(bubble);
  }

  function words(data) {
    var fields = data.fields || {};
    var more = Object.keys(fields).reduce(function (all, k) { return all.concat(fields[k]); }, []);
    return [data.message].concat(more, data.reasons || []).join("; ") + ".";
  }

  // Say what happened in the panel: the change's sentence, or the refusal's few words.
  function say(data) {
    said.className = "chart-said " + (data.ok ? "done" : "refused");
    said.textContent = data.ok ? data.message : "Not done: " + (data.short || words(data));
    said.title = data.ok ? "" : data.full || "";
  }

  function setCounts(data) {
    panel.querySelector("[data-do=undo]").disabled = !data.undo;
    panel.querySelector("[data-do=redo]").disabled = !data.redo;
  }

  // Post a gesture's fields; ``near`` is the box a refusal is said beside, ``more`` the
  // boxes to open when drawn anew.
  function post(fields, near, more) {
    fields.set("csrfmiddlewaretoken", token);
    frame.classList.add("loading");
    return fetch(action, {
      method: "POST",
      body: fields,
      headers: { Accept: "application/json", "X-CSRFToken": token },
      credentials: "same-origin",
    })
      .then(function (r) {
        return r.json().catch(function () {
          return { ok: false, message: "the server did not answer (" + r.status + ")" };
        });
      })
      .then(function (data) {
        frame.classList.remove("loading");
        say(data);
        if (!data.ok) { sayBeside(near, data); return data; }
        clearBubble();
        setCounts(data);
        var cost = document.getElementById("chart-cost");
        if (cost && data.cost !== undefined) cost.innerHTML = data.cost;
        chart.setIndex(data.index);
        // The box acted on stays in sight: the boxes now above it are opened.
        for (var n = chart.node(near); n && chart.node(n.parent); n = chart.node(n.parent)) {
          if (more.indexOf(n.parent) !== -1) break;
          more.push(n.parent);
        }
        return chart.redrawAll(more).then(function () { mark(); return data; });
      });
  }

  // The text that names a box alone in a name field: its name, with its id when another
  // box of the chart has the same name.
  function fill(id) {
    var n = chart.node(id);
    if (!n) return id;
    var same = chart.ids().filter(function (o) { return chart.node(o).name === n.name; });
    return same.length > 1 ? n.name + " (" + id + ")" : n.name;
  }

  function label(n) { return n.name + (n.abbr ? " (" + n.abbr + ")" : ""); }

  // The boxes picked, marked on the chart (again after each drawing).
  function mark() {
    frame.querySelectorAll("g.node.picked").forEach(function (g) { g.classList.remove("picked"); });
    picked.forEach(function (id) {
      frame.querySelectorAll('g.node[data-id="' + CSS.escape(id) + '"]').forEach(function (g) {
        g.classList.add("picked");
      });
    });
  }
  frame.addEventListener("chart:drawn", mark);

  // The panel's forms for one box: its id in every form, its name, abbreviation, kind.
  function choose(id) {
    var n = chart.node(id);
    if (!n) return;
    picked = [id];
    box.hidden = false;
    box.setAttribute("data-id", id);
    box.querySelectorAll(".box-id").forEach(function (i) { i.value = id; });
    box.querySelector(".chart-box-name").textContent = label(n);
    box.querySelector(".chart-box-kind").textContent = n.senior ? "senior post" : n.kind;
    box.querySelector(".box-name").value = n.name;
    box.querySelector(".box-abbr").textContent = n.abbr || "none";
    box.querySelector(".box-kind").value = n.kind;
    box.querySelectorAll(".unit-only").forEach(function (el) { el.hidden = n.senior; });
    merge.querySelector(".merge-this").textContent = n.name;
    if (pick) pick.value = n.name;
    if (withField) withField.value = "";
    mergeOther(null);
    mark();
  }

  // The second box, to merge the chosen one with (picked on the chart or in the field).
  function mergeOther(id) {
    var n = id && chart.node(id);
    merge.querySelector(".merge-other").textContent = n ? n.name : "the other unit";
    if (!n) return;
    picked = [picked[0], id];
    withField.value = fill(id);
    var now = merge.querySelector("[data-now]");
    if (now) { now.hidden = false; now.textContent = "Now: " + label(n) + ", " + n.kind; }
    mark();
  }

  function pickingOther(on) {
    pickOther.setAttribute("aria-pressed", on ? "true" : "false");
    frame.classList.toggle("picking", on);
  }

  // A second box: the one to merge the chosen one with. A senior post is no unit to merge.
  function second(id) {
    var n = chart.node(id);
    if (!picked.length || !n) { choose(id); return; }
    if (id === picked[0]) return;
    if (n.senior || chart.node(picked[0]).senior) {
      say({ ok: false, short: "Only units merge: " + n.name + " is a senior post." });
      return;
    }
    mergeOther(id);
    merge.scrollIntoView({ block: "nearest" });
    document.getElementById("chart-merge-name").focus({ preventScroll: true });
    say({ ok: true, message: "Merge " + picked.map(function (p) { return chart.node(p).name; })
      .join(" and ") + ": say what the merged unit is, then Merge." });
  }

  frame.addEventListener("chart:select", function (e) {
    if (pickOther.getAttribute("aria-pressed") === "true") {
      pickingOther(false);
      second(e.detail.id);
    } else {
      choose(e.detail.id);
    }
  });
  // Shift+click, Ctrl+click (or Shift+Enter on a box): the box to merge with, not a link
  // opened elsewhere.
  frame.addEventListener("click", function (e) {
    var g = e.target.closest && e.target.closest("g.node");
    if (!g || !(e.shiftKey || e.ctrlKey || e.metaKey) || g.classList.contains("ghost")) return;
    e.preventDefault();
    second(g.getAttribute("data-id"));
  });
  if (pickOther) {
    pickOther.hidden = false;
    pickOther.addEventListener("click", function () {
      pickingOther(pickOther.getAttribute("aria-pressed") !== "true");
    });
  }
  if (withField) {
    withField.addEventListener("lookup:chosen", function (e) {
      if (chart.node(e.detail.id)) mergeOther(e.detail.id);
    });
  }

  // A new unit's name, kind and abbreviation are asked only when the merged unit is new.
  merge.querySelectorAll("input[name=continues]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      var fresh = merge.querySelector("input[name=continues]:checked").value === "new";
      merge.querySelectorAll(".merged-new").forEach(function (i) { i.disabled = !fresh; });
    });
  });

  if (pick) {
    pick.addEventListener("lookup:chosen", function (e) {
      if (chart.node(e.detail.id)) choose(e.detail.id);
    });
    // A name typed whole chooses its box here; anything else asks the server.
    pick.form.addEventListener("submit", function (e) {
      var typed = pick.value.trim().toLowerCase();
      var id = chart.ids().filter(function (o) {
        var n = chart.node(o);
        return [n.name, n.abbr, o].some(function (t) { return t && t.toLowerCase() === typed; });
      })[0];
      if (!id) return;
      e.preventDefault();
      choose(id);
    });
  }

  // Each form of the panel, posted in place.
  panel.querySelectorAll("form[method=post]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var fields = new FormData(form);
      var did = fields.get("do");
      var more = did === "create" ? [fields.get("parent")] : [];
      post(fields, box.getAttribute("data-id"), more).then(function (data) {
        if (data.ok && (did === "create" || did === "merge")) {
          form.reset();
          form.querySelectorAll(".merged-new").forEach(function (i) { i.disabled = false; });
        }
        if (data.ok && (did === "abolish" || did === "merge")) { box.hidden = true; picked = []; mark(); }
      });
    });
  });

  // Undo and redo from the keyboard, except while typing (the field's own undo then).
  document.addEventListener("keydown", function (e) {
    if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== "z") return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    var button = panel.querySelector(e.shiftKey ? "[data-do=redo]" : "[data-do=undo]");
    e.preventDefault();
    if (!button.disabled) button.form.requestSubmit();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && bubble) clearBubble();
  });

  // What chart-drag.js uses.
  window.organogramChartEdit = { post: post };
})();
