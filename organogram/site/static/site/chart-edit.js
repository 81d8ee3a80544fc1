// Editing a draft plan on its chart: drag a box onto another to move it there, choose a
// box to fill the panel's forms for it, undo and redo (buttons, Ctrl+Z, Ctrl+Shift+Z).
// Every gesture is one of the panel's plain forms posted here in place, asking for
// JSON: on success the chart is drawn anew with the change marked and the plan's cost
// line replaced; on refusal the reasons are said beside the box and in the panel, and
// nothing was written. Without this script the same forms post and come back.
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
  var token = panel.querySelector("input[name=csrfmiddlewaretoken]").value;
  var bubble = null; // a refusal said beside the box it is about

  function clearBubble() {
    if (bubble) { bubble.remove(); bubble = null; }
  }

  // The refusal in words beside the box (its message and every reason).
  function sayBeside(id, data) {
    clearBubble();
    var at = id && chart.screenBox(id);
    if (!at) return;
    var r = frame.getBoundingClientRect();
    bubble = document.createElement("div");
    bubble.className = "chart-bubble";
    bubble.setAttribute("role", "alert");
    bubble.textContent = "Not moved: " + words(data);
    bubble.style.left = Math.max(4, at.left - r.left) + "px";
    bubble.style.top = (at.top - r.top + at.height + 6) + "px";
    frame.appendChild(bubble);
    setTimeout(clearBubble, 8000);
  }

  function words(data) {
    var fields = data.fields || {};
    var more = Object.keys(fields).reduce(function (all, k) { return all.concat(fields[k]); }, []);
    return [data.message].concat(more, data.reasons || []).join("; ") + ".";
  }

  // Say what happened in the panel: the change's sentence, or the refusal's reasons.
  function say(data) {
    said.className = "chart-said " + (data.ok ? "done" : "refused");
    said.textContent = data.ok ? data.message : "Not done: " + words(data);
  }

  function setCounts(data) {
    panel.querySelector("[data-do=undo]").disabled = !data.undo;
    panel.querySelector("[data-do=redo]").disabled = !data.redo;
  }

  // Post a gesture's fields; ``near`` is the box a refusal is said beside.
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
        return chart.redrawAll(more).then(function () { return data; });
      });
  }

  // The panel's forms for one box: its id in every form, its name, abbreviation, kind.
  function choose(id) {
    var n = chart.node(id);
    if (!n) return;
    box.hidden = false;
    box.setAttribute("data-id", id);
    box.querySelectorAll(".box-id").forEach(function (i) { i.value = id; });
    box.querySelector(".chart-box-name").textContent = n.name + (n.abbr ? " (" + n.abbr + ")" : "");
    box.querySelector(".chart-box-kind").textContent = n.senior ? "senior post" : n.kind;
    box.querySelector(".box-name").value = n.name;
    box.querySelector(".box-abbr").textContent = n.abbr || "none";
    box.querySelector(".box-kind").value = n.kind;
    box.querySelectorAll(".unit-only").forEach(function (el) { el.hidden = n.senior; });
    if (pick) pick.value = id;
  }
  frame.addEventListener("chart:select", function (e) { choose(e.detail.id); });
  if (pick) {
    pick.addEventListener("change", function () { choose(pick.value); });
    pick.form.addEventListener("submit", function (e) {
      e.preventDefault();
      choose(pick.value);
    });
  }

  // Each form of the panel, posted in place.
  panel.querySelectorAll("form[method=post]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var fields = new FormData(form);
      var more = fields.get("do") === "create" ? [fields.get("parent")] : [];
      post(fields, box.getAttribute("data-id"), more).then(function (data) {
        if (data.ok && fields.get("do") === "create") form.reset();
        if (data.ok && fields.get("do") === "abolish") box.hidden = true;
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

  // Dragging a box onto another: a label follows the pointer, the box under it is
  // marked, and a drop posts the move. A drag ends without a click (no open or close).
  var drag = null;
  function boxAt(x, y) {
    var el = document.elementFromPoint(x, y);
    var g = el && el.closest && el.closest("#chart g.node");
    return g && !g.classList.contains("ghost") ? g : null;
  }
  function mark(g) {
    if (drag.target === g) return;
    if (drag.target) drag.target.classList.remove("drop-target");
    drag.target = g && g !== drag.g ? g : null;
    if (drag.target) drag.target.classList.add("drop-target");
  }
  function endDrag() {
    if (!drag) return;
    if (drag.label) drag.label.remove();
    if (drag.target) drag.target.classList.remove("drop-target");
    drag.g.classList.remove("dragged");
    frame.classList.remove("dragging");
    drag = null;
  }
  frame.addEventListener("pointerdown", function (e) {
    if (e.button !== 0) return;
    var g = e.target.closest && e.target.closest("g.node");
    if (!g || g.classList.contains("ghost")) return;
    drag = { g: g, id: g.getAttribute("data-id"), x: e.clientX, y: e.clientY, on: false };
  });
  window.addEventListener("pointermove", function (e) {
    if (!drag) return;
    if (!drag.on) {
      if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) < 6) return;
      drag.on = true;
      drag.g.classList.add("dragged");
      frame.classList.add("dragging");
      drag.label = document.createElement("div");
      drag.label.className = "chart-drag";
      var n = chart.node(drag.id);
      drag.label.textContent = "Move " + (n ? n.name : drag.id) + " under…";
      document.body.appendChild(drag.label);
    }
    drag.label.style.left = e.clientX + 12 + "px";
    drag.label.style.top = e.clientY + 12 + "px";
    mark(boxAt(e.clientX, e.clientY));
  });
  window.addEventListener("pointerup", function (e) {
    if (!drag) return;
    var was = drag;
    if (!was.on) { drag = null; return; }
    mark(boxAt(e.clientX, e.clientY));
    var target = drag.target;
    endDrag();
    // The click that follows the drop (if any: the drop may be outside the chart) is not
    // a choice of box.
    function stop(c) {
      c.preventDefault();
      c.stopPropagation();
    }
    frame.addEventListener("click", stop, { capture: true, once: true });
    setTimeout(function () { frame.removeEventListener("click", stop, { capture: true }); }, 0);
    if (!target) return;
    var fields = new FormData();
    fields.set("do", "move");
    fields.set("node", was.id);
    fields.set("to", target.getAttribute("data-id"));
    post(fields, was.id, [target.getAttribute("data-id")]);
  });
  window.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && drag) endDrag();
  });
})();
