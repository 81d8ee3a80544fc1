// The chart page: open and close boxes, zoom and pan, find a unit, keep the exports in
// step. The server lays the chart out (the same layout as the printed one) with the boxes
// asked open; on a click this script asks where every box now stands and moves the boxes
// the page already holds, adds only those newly shown and removes those hidden, so the
// page holds no more boxes than are in view and a click on a chart of thousands of open
// boxes does not draw them all again. Without it the chart still shows, links and
// exports work.
(function () {
  "use strict";
  var frame = document.getElementById("chart");
  if (!frame) return;
  var nodes = {}, withKids = [], roots = [], order = [];
  // The boxes of the chart by id, from the index the server gives (again after an edit);
  // ``order`` keeps the chart's own order, top to bottom and left to right.
  function setIndex(rows) {
    nodes = {};
    order = rows.map(function (r) { return r[0]; });
    rows.forEach(function (r) {
      nodes[r[0]] = { id: r[0], parent: r[1], name: r[2], abbr: r[3], kids: r[4],
        kind: r[5], senior: r[6] === 1, marks: r[7] || "", head: r[8] || "" };
    });
    withKids = Object.keys(nodes).filter(function (id) { return nodes[id].kids > 0; });
    roots = Object.keys(nodes).filter(function (id) { return !nodes[nodes[id].parent]; });
  }
  setIndex(JSON.parse(document.getElementById("chart-index").textContent));
  // On a draft plan's chart a box dragged is moved in the plan (chart-edit.js), not panned.
  var editing = frame.hasAttribute("data-edit");
  var given = frame.getAttribute("data-open");
  var open = new Set(given === "all" ? withKids : given.split(",").filter(Boolean));
  var drawnOpen = given; // the open boxes of the drawing in the page, as the server had them
  var moves = window.organogramChartMoves;
  var svg = frame.querySelector("svg");
  var view = null; // the visible part of the drawing: {x, y, w, h} in its units
  var selected = document.querySelector(".chart-selected");
  var paper = document.getElementById("chart-paper");
  var busy = Promise.resolve();

  document.querySelectorAll(".chart-search, .chart-zoom").forEach(function (el) {
    el.hidden = false;
  });

  // The frame's size, read once per resize: reading it after the drawing changed would
  // make the browser lay the drawing out there and then, before it paints.
  var frameSize = null;
  function frameW() {
    if (!frameSize) frameSize = { w: frame.clientWidth, h: frame.clientHeight };
    return frameSize.w;
  }
  function frameH() { frameW(); return frameSize.h; }
  window.addEventListener("resize", function () { frameSize = null; });

  // The whole drawing's size (the view changes as one zooms and pans).
  function size() {
    return { w: +svg.getAttribute("data-width"), h: +svg.getAttribute("data-height") };
  }

  // The page draws the view with a transform on the drawing's top group rather than the
  // viewBox: Chromium lays every box and text out again when the viewBox changes, even
  // by a translation (a quarter of a second at 2,000 boxes), but not when a group moves.
  function prepare(el) {
    var full = el.viewBox.baseVal;
    el.setAttribute("data-width", full.width);
    el.setAttribute("data-height", full.height);
    el.removeAttribute("viewBox");
    el.setAttribute("width", "100%");
    el.setAttribute("height", "100%");
  }

  // The view drawn, and a timer that redraws after zooming and panning.
  var shown = null, settle = 0;

  function apply() {
    clearTimeout(settle);
    svg.style.transform = "";
    var k = frameW() / view.w;
    svg.querySelector("g.charts").setAttribute("transform",
      "translate(" + (-view.x * k) + " " + (-view.y * k) + ") scale(" + k + ")");
    shown = { x: view.x, y: view.y, w: view.w, h: view.h };
  }

  // While zooming or panning, move the picture already drawn (the compositor scales it,
  // nothing is drawn again, so a chart of thousands of boxes follows the pointer), and
  // draw it anew at the final view once the movement stops.
  function preview() {
    if (!shown) { apply(); return; }
    var k1 = frameW() / view.w, s = shown.w / view.w;
    svg.style.transformOrigin = "0 0";
    svg.style.transform = "translate(" + (shown.x - view.x) * k1 + "px," +
      (shown.y - view.y) * k1 + "px) scale(" + s + ")";
    clearTimeout(settle);
    settle = setTimeout(apply, 180);
  }

  // A point of the screen in the drawing's units, from the view (not the drawn picture).
  function toDrawing(clientX, clientY) {
    var r = frame.getBoundingClientRect();
    var k = view.w / frameW();
    return {
      x: view.x + (clientX - r.left - frame.clientLeft) * k,
      y: view.y + (clientY - r.top - frame.clientTop) * k,
    };
  }

  // A box in the drawing's units: where it was drawn, moved by its own transform and
  // its part's.
  function boxOf(g) {
    var at = moves.drawnAt(g), x = at.x, y = at.y;
    for (var el = g; el && !el.classList.contains("charts"); el = el.parentNode) {
      var t = el.transform && el.transform.baseVal.consolidate();
      if (t) { x += t.matrix.e; y += t.matrix.f; }
    }
    var r = g.querySelector("rect");
    return { x: x, y: y, w: +r.getAttribute("width"), h: +r.getAttribute("height") };
  }

  function fit() {
    var s = size();
    var fw = frameW() || 800, fh = frameH() || 600;
    // Fit the whole chart, but never smaller than half size: wide charts start at the top.
    var k = Math.max(Math.min(fw / s.w, fh / s.h), 0.5);
    var w = fw / k, h = fh / k;
    var top = svg.querySelector("g.node");
    var cx = s.w / 2;
    if (w < s.w && top) {
      var b = boxOf(top);
      cx = b.x + b.w / 2;
    }
    view = { x: cx - w / 2, y: Math.min(-12, (s.h - h) / 2), w: w, h: h };
    apply();
  }

  function openParam() {
    var all = withKids.every(function (id) { return open.has(id); });
    return all ? "all" : Array.from(open).sort().join(",");
  }

  function query(attr) {
    var url = new URL(frame.getAttribute(attr || "data-src"), window.location.href);
    url.searchParams.set("open", openParam());
    return url;
  }

  function syncExports() {
    var q = query().searchParams;
    q.set("paper", paper ? paper.value : "a3");
    document.querySelectorAll("[data-export]").forEach(function (a) {
      var url = new URL(a.getAttribute("href"), window.location.href);
      url.search = q.toString();
      a.setAttribute("href", url.pathname + url.search);
    });
  }

  // The whole drawing anew: the first answer, and the way back if moves cannot apply.
  function replaceAll(param) {
    var url = query();
    url.searchParams.set("open", param);
    return fetch(url.toString(), { headers: { Accept: "image/svg+xml" } })
      .then(function (r) { return r.text(); })
      .then(function (text) {
        var holder = document.createElement("div");
        holder.innerHTML = text;
        var fresh = holder.querySelector("svg");
        prepare(fresh);
        if (svg.classList.contains("searching")) fresh.classList.add("searching");
        svg.replaceWith(fresh);
        svg = fresh;
      });
  }

  function nodeBox(id) {
    var g = svg.querySelector('g.node[data-id="' + CSS.escape(id) + '"]');
    return g ? boxOf(g) : null;
  }

  // Draw again with the current set of open boxes, keeping ``anchor`` where it was. The
  // anchor's place is read from the boxes' transforms, not measured on the screen, so
  // the browser lays the drawing out once, when it paints it.
  function redraw(anchor) {
    busy = busy.then(function () {
      var before = anchor && nodeBox(anchor);
      var param = openParam();
      // Dim the chart only if the answer is slow: dimming repaints every box.
      var slow = setTimeout(function () { frame.classList.add("loading"); }, 300);
      var url = query("data-moves");
      url.searchParams.set("was", drawnOpen);
      return fetch(url.toString(), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data || !moves.apply(svg, data)) return replaceAll(param);
        })
        .then(function () {
          drawnOpen = param;
          clearTimeout(slow);
          if (!view) fit();
          var after = anchor && nodeBox(anchor);
          if (before && after) {
            view.x += after.x - before.x;
            view.y += after.y - before.y;
          }
          apply();
          frame.classList.remove("loading");
          syncExports();
          frame.dispatchEvent(new CustomEvent("chart:drawn"));
        });
    });
    return busy;
  }

  function select(id) {
    var n = nodes[id];
    var g = svg.querySelector('g.node[data-id="' + CSS.escape(id) + '"] a');
    if (n) frame.dispatchEvent(new CustomEvent("chart:select", { detail: { id: id } }));
    if (!selected || !n) return;
    selected.hidden = false;
    selected.textContent = n.name + (n.abbr ? " (" + n.abbr + ")" : "") + " — ";
    var link = document.createElement("a");
    link.href = g ? g.getAttribute("href") : "/units/" + encodeURIComponent(id) + "/";
    link.textContent = "open its page";
    selected.appendChild(link);
  }

  // Pan by dragging, zoom with the wheel around the pointer; on a touch screen, pan with
  // one finger (on a box too: a box is moved there by holding it first, chart-drag.js)
  // and zoom by pinching with two.
  var drag = null, moved = false;
  var touches = {}, pinch = null;
  frame.addEventListener("pointerdown", function (e) {
    if (e.button !== 0) return;
    var touch = e.pointerType === "touch";
    if (touch) touches[e.pointerId] = { x: e.clientX, y: e.clientY };
    if (touch && Object.keys(touches).length === 2) { startPinch(); return; }
    if (editing && !touch && e.target.closest && e.target.closest("g.node")) return;
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
    moved = false;
  });
  function pair() {
    var ids = Object.keys(touches), a = touches[ids[0]], b = touches[ids[1]];
    return { d: Math.hypot(a.x - b.x, a.y - b.y) || 1, x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  }
  function startPinch() {
    drag = null;
    moved = true; // the fingers lifted after a pinch are no tap on a box
    pinch = pair();
    frame.dispatchEvent(new CustomEvent("chart:pinch"));
  }
  function endTouch(e) {
    if (!(e.pointerId in touches)) return;
    delete touches[e.pointerId];
    if (pinch) { pinch = null; drag = null; }
  }
  window.addEventListener("pointerup", endTouch);
  window.addEventListener("pointercancel", endTouch);
  window.addEventListener("pointermove", function (e) {
    if (e.pointerId in touches) touches[e.pointerId] = { x: e.clientX, y: e.clientY };
    if (pinch && Object.keys(touches).length === 2) {
      var now = pair(), k = view.w / frameW();
      // Follow the fingers' middle, then zoom around it by how far they spread.
      view.x -= (now.x - pinch.x) * k;
      view.y -= (now.y - pinch.y) * k;
      zoom(now.d / pinch.d, now.x, now.y, true);
      pinch = now;
      return;
    }
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    moved = true;
    frame.classList.add("panning");
    var k = view.w / frameW();
    view.x = drag.vx - dx * k;
    view.y = drag.vy - dy * k;
    preview();
  });
  window.addEventListener("pointerup", stopPan);
  window.addEventListener("pointercancel", stopPan);
  function stopPan() {
    drag = null;
    frame.classList.remove("panning");
  }

  function zoom(factor, cx, cy, smooth) {
    var px = view.x + view.w / 2, py = view.y + view.h / 2;
    if (cx !== undefined) {
      var p = toDrawing(cx, cy);
      px = p.x; py = p.y;
    }
    view.x = px - (px - view.x) / factor;
    view.y = py - (py - view.y) / factor;
    view.w /= factor;
    view.h /= factor;
    if (smooth) preview(); else apply();
  }
  frame.addEventListener("wheel", function (e) {
    e.preventDefault();
    zoom(Math.exp(-e.deltaY * 0.0015), e.clientX, e.clientY, true);
  }, { passive: false });

  frame.addEventListener("click", function (e) {
    var g = e.target.closest && e.target.closest("g.node");
    if (!g) return;
    if (e.ctrlKey || e.metaKey || e.shiftKey) return; // open the link as the browser does
    e.preventDefault();
    if (moved) return;
    var id = g.getAttribute("data-id");
    select(id);
    if (g.hasAttribute("data-kids")) {
      if (open.has(id)) open.delete(id); else open.add(id);
      redraw(id);
    }
  });
  frame.addEventListener("dblclick", function (e) {
    var a = e.target.closest && e.target.closest("g.node a");
    if (a) window.location.href = a.getAttribute("href");
  });

  // Everything, or on a very large chart whole levels from the top while at most
  // LIMIT boxes show: a page of tens of thousands of boxes helps no one.
  var LIMIT = 2000;
  function expandAll() {
    var total = Object.keys(nodes).length;
    if (total <= LIMIT) return new Set(withKids);
    var kids = {};
    Object.keys(nodes).forEach(function (id) {
      var p = nodes[id].parent;
      if (nodes[p]) (kids[p] = kids[p] || []).push(id);
    });
    var opened = new Set(), level = roots.slice(), shown = roots.length;
    while (level.length) {
      var more = level.reduce(function (n, id) { return n + (kids[id] || []).length; }, 0);
      if (opened.size && shown + more > LIMIT) break;
      var next = [];
      level.forEach(function (id) {
        if (kids[id]) { opened.add(id); next = next.concat(kids[id]); }
      });
      shown += more;
      level = next;
    }
    if (selected) {
      selected.hidden = false;
      selected.textContent = "Opened the top levels: " + shown + " of " + total +
        " boxes. Click a box to open what is under it.";
    }
    return opened;
  }

  // The keyboard, when the chart has the focus: + and - zoom, arrows pan, 0 fits.
  frame.addEventListener("keydown", function (e) {
    if (e.target !== frame) return;
    var step = 60 * view.w / frameW();
    var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step],
      ArrowDown: [0, step] };
    if (e.key === "+" || e.key === "=") zoom(1.25);
    else if (e.key === "-") zoom(0.8);
    else if (e.key === "0") fit();
    else if (moves[e.key]) {
      view.x += moves[e.key][0];
      view.y += moves[e.key][1];
      preview();
    } else return;
    e.preventDefault();
  });

  document.querySelectorAll("[data-zoom]").forEach(function (b) {
    b.addEventListener("click", function () {
      var what = b.getAttribute("data-zoom");
      if (what === "in") zoom(1.25);
      else if (what === "out") zoom(0.8);
      else if (what === "fit") fit();
      else if (what === "all") { open = expandAll(); redraw(null).then(fit); }
      else if (what === "top") { open = new Set(roots); redraw(null).then(fit); }
    });
  });
  if (paper) paper.addEventListener("change", syncExports);

  // Find: the match and the chain above it are opened, marked and brought into view.
  var search = document.querySelector(".chart-search");
  var input = document.getElementById("chart-q");
  var found = document.querySelector(".chart-found");
  var turn = { q: "", i: 0 };

  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    return Object.keys(nodes).filter(function (id) {
      var n = nodes[id];
      return (n.name + " " + n.abbr + " " + id).toLowerCase().indexOf(q) !== -1;
    });
  }

  function chain(id) {
    var out = [], seen = {};
    var p = nodes[id] && nodes[id].parent;
    while (p && nodes[p] && !seen[p]) { seen[p] = true; out.push(p); p = nodes[p].parent; }
    return out;
  }

  function mark(id) {
    svg.querySelectorAll("g.node.hit, g.node.on-path").forEach(function (g) {
      g.classList.remove("hit", "on-path");
    });
    svg.classList.add("searching");
    chain(id).forEach(function (p) {
      svg.querySelectorAll('g.node[data-id="' + CSS.escape(p) + '"]').forEach(function (g) {
        g.classList.add("on-path");
      });
    });
    var g = svg.querySelector('g.node[data-id="' + CSS.escape(id) + '"]');
    if (!g) return;
    apply(); // measure on the drawn view, not a picture moved in the meantime
    g.classList.add("hit");
    var b = boxOf(g);
    var bx = b.x + b.w / 2, by = b.y + b.h / 2;
    // Bring the match up to full size if the chart is zoomed out, and into view.
    // (1.6 screen pixels to a point: box names at about 12 pixels.)
    if (frameW() / view.w < 1.6) {
      view.w = frameW() / 1.6;
      view.h = frameH() / 1.6;
    }
    view.x = bx - view.w / 2;
    view.y = by - view.h / 3;
    apply();
    select(id);
  }

  function go(id) {
    var missing = chain(id).filter(function (p) { return !open.has(p); });
    if (!missing.length) { mark(id); return Promise.resolve(); }
    missing.forEach(function (p) { open.add(p); });
    return redraw(null).then(function () { mark(id); });
  }

  input.addEventListener("input", function () {
    var n = matches(input.value).length;
    found.textContent = input.value.trim() ? n + " match" + (n === 1 ? "" : "es") : "";
    if (!input.value.trim()) svg.classList.remove("searching");
  });
  search.addEventListener("submit", function (e) {
    e.preventDefault();
    var list = matches(input.value);
    if (!list.length) { found.textContent = "no match"; return; }
    turn.i = turn.q === input.value ? (turn.i + 1) % list.length : 0;
    turn.q = input.value;
    found.textContent = (turn.i + 1) + " of " + list.length;
    go(list[turn.i]);
  });

  // The whole drawing anew, keeping the view, the open boxes and ``more`` opened: after
  // an edit of the plan every box may read differently, so none is kept.
  function redrawAll(more) {
    (more || []).forEach(function (id) { if (nodes[id]) open.add(id); });
    busy = busy.then(function () {
      var param = openParam();
      return replaceAll(param).then(function () {
        drawnOpen = param;
        apply();
        syncExports();
        frame.dispatchEvent(new CustomEvent("chart:drawn"));
      });
    });
    return busy;
  }

  // Bring a drawn box into view if it is not (the keyboard's focus may go anywhere).
  function reveal(g) {
    apply();
    var b = boxOf(g);
    if (b.x >= view.x && b.y >= view.y && b.x + b.w <= view.x + view.w &&
        b.y + b.h <= view.y + view.h) return;
    if (frameW() / view.w < 1) { view.w = frameW(); view.h = frameH(); }
    view.x = b.x + b.w / 2 - view.w / 2;
    view.y = b.y + b.h / 2 - view.h / 3;
    apply();
  }

  // Open or close a box, as a click does; resolves once the drawing shows it.
  function toggle(id, opened) {
    if (opened === undefined) opened = !open.has(id);
    if (opened === open.has(id)) return Promise.resolve();
    if (opened) open.add(id); else open.delete(id);
    return redraw(id);
  }

  // What chart-edit.js and chart-keys.js use: the boxes, where one stands on the screen,
  // redrawing.
  window.organogramChart = {
    frame: frame,
    order: function () { return order; },
    svg: function () { return svg; },
    isOpen: function (id) { return open.has(id); },
    toggle: toggle,
    reveal: reveal,
    node: function (id) { return nodes[id]; },
    ids: function () { return Object.keys(nodes); },
    setIndex: setIndex,
    redrawAll: redrawAll,
    select: select,
    // A finger held on a box takes it to move it: the chart stops panning under it.
    stopPan: stopPan,
    // A box's rectangle on the screen (client pixels), or null if it is not drawn.
    screenBox: function (id) {
      var b = nodeBox(id);
      if (!b) return null;
      var r = frame.getBoundingClientRect(), k = frameW() / view.w;
      return { left: r.left + frame.clientLeft + (b.x - view.x) * k,
        top: r.top + frame.clientTop + (b.y - view.y) * k, width: b.w * k, height: b.h * k };
    },
  };

  // On paper the whole drawing, not the part the reader panned to; back on screen, that
  // part again. The browser's print command says "beforeprint"; a print preview that
  // only switches the media (a test, a PDF made by a headless browser) says it through
  // the media query.
  // The drawing's own viewBox is put back for paper, so that the browser scales it to
  // whatever width the sheet gives the frame (only known once the page is laid out for
  // print).
  var onPaper = false;
  function toPaper() {
    if (onPaper) return;
    onPaper = true;
    svg.style.transform = "";
    svg.querySelector("g.charts").removeAttribute("transform");
    svg.setAttribute("viewBox", "0 0 " + svg.getAttribute("data-width") + " " +
      svg.getAttribute("data-height"));
  }
  function toScreen() {
    if (!onPaper) return;
    onPaper = false;
    svg.removeAttribute("viewBox");
    apply();
  }
  window.addEventListener("beforeprint", toPaper);
  window.addEventListener("afterprint", toScreen);
  window.matchMedia("print").addEventListener("change", function (e) {
    if (e.matches) toPaper(); else toScreen();
  });

  frame.classList.add("interactive");
  prepare(svg);
  fit();
  syncExports();
})();
