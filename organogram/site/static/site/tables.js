// Tables that list things (posts, sources, costs): sort by any column and filter the rows
// as you type. Without this script the tables are as the server sent them, sorted as the
// server sorts them. A table opts in with data-sortable.
(function () {
  "use strict";

  // A cell's value to sort on: a number where the column holds numbers (commas, spaces
  // and a leading currency apart), else its text in the reader's collation.
  function key(cell, numeric) {
    const text = (cell ? cell.textContent : "").trim();
    if (!numeric) return text;
    const n = parseFloat(text.replace(/[^0-9.\-]/g, ""));
    return Number.isNaN(n) ? -Infinity : n;
  }

  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function sortBy(table, index, th) {
    const body = table.tBodies[0];
    if (!body) return;
    const numeric = th.classList.contains("num");
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    const rows = Array.from(body.rows);
    rows.sort(function (a, b) {
      const x = key(a.cells[index], numeric);
      const y = key(b.cells[index], numeric);
      const order = numeric ? x - y : collator.compare(x, y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("thead th").forEach(function (other) {
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function filterer(table, count) {
    return function (event) {
      const words = event.target.value.toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      const rows = table.tBodies[0] ? Array.from(table.tBodies[0].rows) : [];
      rows.forEach(function (row) {
        const text = row.textContent.toLowerCase();
        const keep = words.every(function (w) { return text.includes(w); });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      count.textContent = words.length ? shown + " of " + rows.length + " rows" : "";
    };
  }

  document.querySelectorAll("table[data-sortable]").forEach(function (table, n) {
    table.querySelectorAll("thead th").forEach(function (th, index) {
      if (!th.textContent.trim()) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent.trim();
      button.title = "Sort by " + button.textContent.toLowerCase();
      button.addEventListener("click", function () { sortBy(table, index, th); });
      th.textContent = "";
      th.appendChild(button);
    });
    const id = "table-filter-" + (n + 1);
    const wrap = document.createElement("p");
    wrap.className = "table-filter";
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = table.dataset.filterLabel || "Filter the rows";
    const input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    const count = document.createElement("span");
    count.className = "hint";
    count.setAttribute("aria-live", "polite");
    input.addEventListener("input", filterer(table, count));
    wrap.append(label, input, count);
    table.parentNode.insertBefore(wrap, table);
  });
})();

// On a narrow screen a wide table scrolls in its own box (organogram.css): one that
// scrolls is made a stop of the Tab key, so that it can be scrolled with the arrow keys
// by those who do not use a mouse, even when it holds no link to stop at.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll("main table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1) table.setAttribute("tabindex", "0");
      else if (table.getAttribute("tabindex") === "0") table.removeAttribute("tabindex");
    });
  }
  mark();
  window.addEventListener("resize", mark);
})();
