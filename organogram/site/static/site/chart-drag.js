// Dragging a box of a draft plan's chart onto another, to move it there in the plan: a
// label follows the pointer, the box under it is marked, and a drop posts the move
// (chart-edit.js). With a mouse or a pen a box is dragged at once; on a touch screen a
// finger drawn over the chart pans it, so a box is taken by holding the finger on it
// for a moment first. A drag ends without a click (no box opened or closed). Escape,
// or a second finger, calls it off.
(function () {
  "use strict";
  var frame = document.getElementById("chart");
  var chart = window.organogramChart;
  var edit = window.organogramChartEdit;
  if (!frame || !chart || !edit || !frame.hasAttribute("data-edit")) return;

  // How long a finger is held on a box to take it (ms), and how far it may wander then.
  var HOLD = 450, STILL = 8;
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
    clearTimeout(drag.timer);
    if (drag.label) drag.label.remove();
    if (drag.target) drag.target.classList.remove("drop-target");
    drag.g.classList.remove("dragged", "held");
    frame.classList.remove("dragging");
    drag = null;
  }
  // The drag begins: the box is marked, and its label follows the pointer.
  function take(x, y) {
    drag.on = true;
    drag.g.classList.add("dragged");
    frame.classList.add("dragging");
    drag.label = document.createElement("div");
    drag.label.className = "chart-drag";
    var n = chart.node(drag.id);
    drag.label.textContent = "Move " + (n ? n.name : drag.id) + " under…";
    document.body.appendChild(drag.label);
    follow(x, y);
  }
  function follow(x, y) {
    // Above a finger, where it does not hide the label; beside a mouse pointer.
    var touch = drag.touch;
    drag.label.style.left = x + (touch ? -40 : 12) + "px";
    drag.label.style.top = y + (touch ? -48 : 12) + "px";
    mark(boxAt(x, y));
  }

  frame.addEventListener("pointerdown", function (e) {
    if (e.button !== 0) return;
    if (drag) { endDrag(); return; } // a second finger: a pinch, not a drag
    var g = e.target.closest && e.target.closest("g.node");
    if (!g || g.classList.contains("ghost")) return;
    drag = { g: g, id: g.getAttribute("data-id"), x: e.clientX, y: e.clientY, on: false,
      touch: e.pointerType === "touch", pointer: e.pointerId };
    if (drag.touch) {
      drag.timer = setTimeout(function () {
        chart.stopPan();
        drag.g.classList.add("held");
        if (navigator.vibrate) navigator.vibrate(20);
        take(drag.x, drag.y);
      }, HOLD);
    }
  });
  frame.addEventListener("chart:pinch", endDrag);
  window.addEventListener("pointermove", function (e) {
    if (!drag || e.pointerId !== drag.pointer) return;
    var far = Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y);
    if (!drag.on) {
      // A finger that moves before it is held pans the chart instead.
      if (drag.touch) { if (far > STILL) endDrag(); return; }
      if (far < 6) return;
      take(e.clientX, e.clientY);
    }
    follow(e.clientX, e.clientY);
  });
  // A long press would open the browser's menu over the box.
  frame.addEventListener("contextmenu", function (e) {
    if (drag && drag.touch) e.preventDefault();
  });
  window.addEventListener("pointercancel", function (e) {
    if (drag && e.pointerId === drag.pointer) endDrag();
  });
  window.addEventListener("pointerup", function (e) {
    if (!drag || e.pointerId !== drag.pointer) return;
    var was = drag;
    if (!was.on) { endDrag(); return; }
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
    edit.post(fields, was.id, [target.getAttribute("data-id")]);
  });
  window.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && drag) endDrag();
  });
})();
