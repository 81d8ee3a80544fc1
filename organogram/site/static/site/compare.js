// Lists of changes grouped by department and kind (Compare, a plan's page): the counts
// of each kind, and the counts "in numbers" above a list, filter the page without
// reloading it, and two buttons open or close every group. Without this script the
// counts are links that the server filters (?kind=…), and each group opens and closes
// on its own.
(function () {
  "use strict";

  const lists = Array.from(document.querySelectorAll("[data-grouped]"));
  // A page the server already filtered holds only one kind: its links go to the server.
  if (!lists.length || lists.some(function (l) { return l.dataset.filtered; })) return;

  function plural(n) { return n + (n === 1 ? " change" : " changes"); }

  // Show only the changes of ``kind`` ("" for all) in one list, and say so.
  function show(list, kind, words) {
    let total = 0;
    let shown = 0;
    list.querySelectorAll("[data-dept]").forEach(function (dept, i) {
      let n = 0;
      dept.querySelectorAll("[data-kind]").forEach(function (group) {
        const keep = !kind || group.dataset.kind === kind;
        group.hidden = !keep;
        if (keep) n += Number(group.dataset.n);
        total += Number(group.dataset.n);
      });
      shown += n;
      dept.hidden = n === 0;
      dept.querySelector("[data-count]").textContent = plural(n);
      // Filtered, every group with something is open; else as served (all, the first,
      // or none).
      dept.open = kind ? n > 0 : "openAll" in list.dataset || (i === 0 && "openFirst" in list.dataset);
    });
    list.querySelector("[data-none]").hidden = shown > 0;
    list.querySelector("[data-filter-note]").textContent =
      kind ? "Showing " + shown + " of " + total + ": " + words + "." : "";
    list.querySelectorAll(".kind-filter a").forEach(function (a) {
      if (a.dataset.kind === kind) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
  }

  // What a kind is called in the lists' own filters ("units added"), for the note.
  function named(kind) {
    if (!kind) return "";
    const link = document.querySelector('.kind-filter a[data-kind="' + kind + '"]');
    return (link ? link.textContent.replace(/^\d+\s*/, "") : kind) + " only";
  }

  // Show only ``kind`` in every list of the page (they are filtered together, as the
  // server does), and say so in the address.
  function filter(kind) {
    const words = named(kind);
    lists.forEach(function (list) { show(list, kind, words); });
    // The address says what is shown, so it can be shared or reloaded (then filtered
    // by the server).
    const url = new URL(window.location.href);
    if (kind) url.searchParams.set("kind", kind);
    else url.searchParams.delete("kind");
    history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  function choose(event) {
    const link = event.target.closest(".kind-filter a");
    if (!link) return;
    event.preventDefault();
    filter(link.dataset.kind);
  }

  // A count "in numbers" filters the list it points to, then takes the reader there:
  // the note that says what is shown gets the focus, so a keyboard or screen reader
  // user lands on the result of what they chose.
  document.addEventListener("click", function (event) {
    const link = event.target.closest("a[data-filter-kind]");
    if (!link) return;
    const list = document.querySelector('[data-grouped="' + link.dataset.filterList + '"]');
    if (!list) return;
    event.preventDefault();
    filter(link.dataset.filterKind);
    const note = list.querySelector("[data-filter-note]");
    note.tabIndex = -1;
    note.focus();
    list.scrollIntoView({ block: "start" });
  });

  lists.forEach(function (list) {
    list.addEventListener("click", choose);
    const tools = list.querySelector("[data-group-tools]");
    tools.hidden = false;
    tools.addEventListener("click", function (event) {
      const button = event.target.closest("button[data-open]");
      if (!button) return;
      const open = button.dataset.open === "1";
      list.querySelectorAll("[data-dept]").forEach(function (dept) {
        if (!dept.hidden) dept.open = open;
      });
    });
  });
})();
