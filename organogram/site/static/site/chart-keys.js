// The chart by keyboard and screen reader. The chart is one stop of the Tab key (its
// frame), not one per box: a chart of hundreds of boxes would otherwise take hundreds of
// presses to get past. From the frame, Enter goes to the top box; then the arrows move as
// in a tree (Up to the box above, Down to the first box under it, opening it if needed,
// Left and Right along the row), Space opens or closes, Enter follows the box's link,
// Home goes to the top and Escape back to the frame. Each box's link says whether it is
// open; its name is its drawn text (kind and name) and, for screen readers, its
// description gives its head and place among the boxes beside it ("2 of 9 under
// Director General") and, in words, what only its dashes or place say.
(function () {
  "use strict";
  var chart = window.organogramChart;
  if (!chart) return;
  var frame = chart.frame;
  var editing = frame.hasAttribute("data-edit");
  var marks = {}, kids = {}, parents = {}, tops = [], words = {};

  // The boxes' sentences and the tree's shape, from the chart's index (again after an edit).
  function learn() {
    marks = {}; kids = {}; parents = {}; tops = [];
    chart.order().forEach(function (id) {
      var n = chart.node(id);
      marks[id] = n.marks;
      parents[id] = n.parent;
      if (chart.node(n.parent)) (kids[n.parent] = kids[n.parent] || []).push(id);
      else tops.push(id);
    });
  }

  // What a box's text does not say and the eye sees: "headed by Director, 1 of 9 under
  // Director General", then what only its dashes or place say. (Its name stays its drawn
  // text, kind and name, so that what is heard is what is seen.)
  function describe(id) {
    var n = chart.node(id);
    var row = chart.node(n.parent) ? kids[n.parent] : tops;
    var where = (row.indexOf(id) + 1) + " of " + row.length;
    where += chart.node(n.parent) ? " under " + chart.node(n.parent).name : " at the top";
    return [n.head, where, marks[id]].filter(Boolean).join("; ");
  }

  // Every drawn box: out of the Tab order, open or closed, described (describe).
  function label() {
    chart.svg().querySelectorAll("g.node").forEach(function (g) {
      var a = g.querySelector(":scope > a");
      if (!a) return;
      var id = g.getAttribute("data-id");
      a.setAttribute("tabindex", "-1");
      if (g.hasAttribute("data-kids")) {
        a.setAttribute("aria-expanded", g.getAttribute("data-open") === "1" ? "true" : "false");
      }
      // Read after its name, as its description. (A <title> would be read as part of
      // the name, which must stay the text that is seen.)
      if (chart.node(id)) a.setAttribute("aria-description", describe(id));
    });
  }

  // The drawn box ``id``, in the same chart as ``near`` when two are side by side.
  function boxOf(id, near) {
    var scope = (near && near.closest("[data-part]")) || chart.svg();
    return scope.querySelector('g.node[data-id="' + CSS.escape(id) + '"]') ||
      chart.svg().querySelector('g.node[data-id="' + CSS.escape(id) + '"]');
  }

  function focusBox(id, near) {
    var g = id && boxOf(id, near);
    var a = g && g.querySelector(":scope > a");
    if (!a) return false;
    chart.reveal(g);
    a.focus({ preventScroll: true });
    return true;
  }

  // Where the focus is, once the drawing has changed (the box may be a new element).
  function refocus(id, part) {
    var scope = part !== null && chart.svg().querySelector('[data-part="' + part + '"]');
    focusBox(id, scope ? scope.querySelector("g.node") : null);
  }

  function partOf(g) {
    var p = g.closest("[data-part]");
    return p ? p.getAttribute("data-part") : null;
  }

  frame.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.target === frame) {
      if (e.key !== "Enter" && e.key !== "Home") return;
      e.preventDefault();
      focusBox(tops[0]);
      return;
    }
    var g = e.target.closest && e.target.closest("g.node");
    if (!g) return;
    var id = g.getAttribute("data-id"), part = partOf(g);
    var siblings = kids[parents[id]] || tops;
    var at = siblings.indexOf(id);
    if (e.key === "ArrowUp") {
      focusBox(parents[id], g);
    } else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      var step = e.key === "ArrowLeft" ? -1 : 1;
      for (var i = at + step; i >= 0 && i < siblings.length; i += step) {
        if (focusBox(siblings[i], g)) break;
      }
    } else if (e.key === "ArrowDown") {
      var first = (kids[id] || [])[0];
      if (!first) return;
      if (g.getAttribute("data-open") === "1") focusBox(first, g);
      else chart.toggle(id, true).then(function () { refocus(first, part); });
    } else if (e.key === " ") {
      if (!g.hasAttribute("data-kids")) return;
      chart.toggle(id).then(function () { refocus(id, part); });
    } else if (e.key === "Home") {
      focusBox(tops[0], g);
    } else if (e.key === "Escape") {
      frame.focus();
    } else if (e.key === "Enter") {
      // On a plan's chart being edited, Enter chooses the box for the panel, and
      // Shift+Enter the box to merge with (chart-edit.js): left to the click it makes.
      if (editing || e.shiftKey) return;
      // Followed here: the chart takes a click on a box to mean open or close it.
      var a = g.querySelector(":scope > a");
      if (a) window.location.href = a.getAttribute("href");
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  });

  learn();
  label();
  frame.addEventListener("chart:drawn", function () { learn(); label(); });
})();
