// Moves on the chart page's drawing: where the boxes now stand, from /chart/moves/, put
// into the drawing the page holds, moving the boxes it has rather than drawing them anew.
// Used by chart.js.
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";

  // Where a box was drawn in its part: the server draws boxes where they stand; a box
  // the page moved keeps its drawing and is shifted by a transform.
  function drawnAt(g) {
    if (!g.drawnAt) {
      var r = g.querySelector("rect");
      g.drawnAt = { x: +r.getAttribute("x"), y: +r.getAttribute("y") };
    }
    return g.drawnAt;
  }

  // SVG markup as elements of this document (the HTML parser reads it faster than
  // DOMParser and importNode).
  function parse(markup) {
    var holder = document.createElementNS(SVG_NS, "g");
    holder.innerHTML = markup;
    return Array.prototype.slice.call(holder.children);
  }

  // Apply the server's moves to the drawing in the page: each part to its place, its
  // connectors and side lines replaced (one path each), boxes it lists with markup put
  // in (new, or changed in size or folded count), the others moved, the rest removed.
  // False when the page lacks a box the server took it to hold.
  function apply(svg, data) {
    svg.setAttribute("data-width", data.width);
    svg.setAttribute("data-height", data.height);
    return data.parts.every(function (p, i) {
      var part = svg.querySelector('g.chart[data-part="' + i + '"]');
      if (!part) return false;
      part.setAttribute("transform", "translate(" + p.dx + " " + p.dy + ")");
      var edges = part.querySelector(":scope > g.edges");
      edges.replaceWith(parse(p.edges)[0]);
      var side = part.querySelector(":scope > g.side-lines");
      if (side) side.remove();
      if (p.lines) part.appendChild(parse(p.lines)[0]);
      var holder = part.querySelector(":scope > g.nodes");
      var had = {};
      for (var c = holder.firstElementChild; c; c = c.nextElementSibling) {
        had[c.getAttribute("data-id")] = c;
      }
      var fresh = {};
      parse(p.markup).forEach(function (g) { fresh[g.getAttribute("data-id")] = g; });
      var added = document.createDocumentFragment(), whole = true;
      p.boxes.forEach(function (b) {
        var id = b[0], g = fresh[id], old = had[id];
        delete had[id];
        if (g) {
          if (old) {
            ["hit", "on-path"].forEach(function (k) {
              if (old.classList.contains(k)) g.classList.add(k);
            });
            old.replaceWith(g);
          } else added.appendChild(g);
        } else if (old) {
          // Shifted from where it was drawn (a transform only on boxes that moved: each
          // costs the browser a little when it paints).
          var at = drawnAt(old), dx = b[1] - at.x, dy = b[2] - at.y;
          var t = Math.abs(dx) + Math.abs(dy) > 0.001 ? "translate(" + dx + " " + dy + ")" : null;
          if (old.getAttribute("transform") !== t) {
            if (t) old.setAttribute("transform", t); else old.removeAttribute("transform");
          }
        } else whole = false;
      });
      holder.appendChild(added);
      Object.keys(had).forEach(function (id) { had[id].remove(); });
      return whole;
    });
  }

  window.organogramChartMoves = { apply: apply, drawnAt: drawnAt };
})();
