// Printing: a "Print" button where a page offers one (a unit, a comparison, a plan, the
// chart), and, on every page, a footer that lists the sources the page cites, with their
// addresses, so that the sheet of paper says what it rests on. The footer is made when
// the page loads (print.css shows it only on paper), so it is there for the browser's
// own print command as much as for the button.
(function () {
  "use strict";

  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  const footer = document.querySelector("footer");
  const main = document.querySelector("main");
  if (!footer || !main) return;

  // A source's page is /sources/<id>/ (a passage is a #fragment of it).
  const sourcePage = /\/sources\/[^/]+\/$/;
  const found = new Map();
  main.querySelectorAll("a[href]").forEach(function (link) {
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || !sourcePage.test(url.pathname)) return;
    let name = link.textContent.trim();
    // A citation reads "<document>, <passage>" (its <cite> title names the passage):
    // the footer names the document once.
    const cite = link.querySelector("cite");
    if (cite && (cite.title || "").indexOf(":") > 0) {
      const cut = name.lastIndexOf(", ");
      if (cut > 0) name = name.slice(0, cut);
    }
    if (!found.has(url.pathname)) found.set(url.pathname, { name: name, n: 0 });
    found.get(url.pathname).n += 1;
  });
  if (!found.size) return;

  const section = document.createElement("section");
  section.className = "print-only print-sources";
  section.setAttribute("aria-hidden", "true"); // on screen it is not shown at all
  const heading = document.createElement("h2");
  heading.textContent = "Sources cited on this page";
  const list = document.createElement("ol");
  found.forEach(function (source, path) {
    const item = document.createElement("li");
    item.textContent = source.name + " <" + window.location.origin + path + ">";
    list.appendChild(item);
  });
  section.append(heading, list);
  footer.prepend(section);
})();
