"""Organization charts at 2,000 and 10,000 units: layout, drawing, SVG, and the browser.

Part one times, in this process, what the Chart page and ``organogram chart`` do for a
generated organization: build the chart from a structure, lay it out and draw it
(every box open, and the page's default of the top levels), and write the SVG.

Part two (``--browser``) loads the same organizations into a registry of a temporary
folder, serves it on the loopback address, and drives Debian's Chromium through
Playwright: the time for the page to load, and from a click on a box to the chart
drawn again with that box opened or closed (the script asks the server where the boxes
now stand and moves them), at 10,000 units with the top levels open and at 2,000 units
with every box open.

    .venv/bin/python bench/charts.py [--browser [--baseline DIR]] [--sizes 2000,10000]

``--baseline DIR`` serves, beside this code, the code checked out in DIR (say a worktree
of an earlier commit) and alternates the clicks between the two pages, so that a
before/after comparison shares the machine's load alike.

Writes a Markdown report to bench/results/charts.md.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from organogram.charts.build import chart_of  # noqa: E402
from organogram.charts.render import default_open, draw  # noqa: E402
from organogram.charts.scene import Scene  # noqa: E402
from organogram.charts.svg import svg_document  # noqa: E402
from organogram.core.changes import CreateUnit, UnitSpec  # noqa: E402
from organogram.core.dates import FuzzyDate  # noqa: E402
from organogram.core.model import Organization  # noqa: E402
from organogram.core.record import Record  # noqa: E402
from organogram.core.timeline import Timeline  # noqa: E402

#: Children per node by depth (low, high): departments, divisions, units, teams.
BRANCHING = [(6, 8), (5, 9), (3, 8), (2, 9), (1, 6), (0, 4)]
KINDS = ["office", "department", "division", "unit", "team", "cell", "group"]
WORDS = [
    "Finance",
    "Budget",
    "Treasury",
    "Legal",
    "Policy",
    "Research",
    "Operations",
    "Programme",
    "Support",
    "Health",
    "Security",
    "Information",
    "Technology",
    "Data",
    "Learning",
    "Partnerships",
    "Protection",
    "Emergencies",
    "Procurement",
    "Audit",
    "Evaluation",
    "Communications",
    "Human",
    "Resources",
    "Facilities",
    "Risk",
    "Ethics",
]


def changes(n: int, seed: int = 1) -> list[CreateUnit]:
    """``n`` units under one root, breadth first, with branching drawn by depth."""
    rng = random.Random(seed)
    day = FuzzyDate.parse("2020-01-01")
    out = [
        CreateUnit(
            id="c-u0", date=day, unit=UnitSpec(id="u0", name="Office of the Head", kind="office")
        )
    ]
    queue = [("u0", 0)]
    count = 1
    while queue and count < n:
        parent, depth = queue.pop(0)
        low, high = BRANCHING[min(depth, len(BRANCHING) - 1)]
        for _ in range(rng.randint(low, high)):
            if count >= n:
                break
            uid = f"u{count}"
            kind = KINDS[min(depth + 1, len(KINDS) - 1)]
            name = f"{' and '.join(rng.sample(WORDS, rng.randint(1, 3)))} {kind.title()} {count}"
            spec = UnitSpec(id=uid, name=name, kind=kind)
            out.append(CreateUnit(id=f"c-{uid}", date=day, unit=spec, parent=parent))
            queue.append((uid, depth + 1))
            count += 1
        if not queue and count < n:
            queue.append((parent, depth))
    return out


def record(n: int) -> Record:
    """A record of one organization of ``n`` units."""
    org = Organization(id=f"bench-{n}", name=f"Generated organization of {n} units")
    return Record(organization=org, timeline=Timeline(changes(n)))


def best(fn, repeat: int = 3) -> tuple[float, object]:
    """The fastest of ``repeat`` runs of ``fn``, in seconds, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def in_process(n: int) -> list[str]:
    """Rows of the report for ``n`` units, measured in this process."""
    s = record(n).timeline.snapshot("2021").structure
    t_build, chart = best(lambda: chart_of(s))
    opened = default_open(chart)
    rows = []
    for label, open_nodes in (("every box open", None), ("top levels open", opened)):
        t_draw, drawn = best(lambda o=open_nodes: draw(chart, open_nodes=o))
        scene = Scene(drawn.width, drawn.height, drawn.group)
        t_svg, svg = best(lambda sc=scene: svg_document(sc))
        rows.append(
            f"| {n:,} | {label} | {len(drawn.layout.boxes):,} | {t_build * 1000:.0f} | "
            f"{t_draw * 1000:.0f} | {t_svg * 1000:.0f} | {len(svg) / 1e6:.1f} |"
        )
    return rows


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(n: int, folder: Path, code: Path = ROOT) -> tuple[subprocess.Popen, str]:
    """Serve a generated organization of ``n`` units with the code checked out in ``code``."""
    from organogram.formats import dump_dataset

    data = folder / "data"
    dump_dataset(record(n), data)
    # Run from the checkout, so that its code (and its page's script) is the one served.
    env = {**os.environ, "ORGANOGRAM_VAR": str(folder / "var"), "PYTHONPATH": str(code)}
    port = _free_port()
    cli = [sys.executable, "-m", "organogram.cli.main"]
    run = {"env": env, "cwd": code}
    subprocess.run([*cli, "load", str(data)], check=True, capture_output=True, **run)
    server = subprocess.Popen(
        [*cli, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **run,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    return server, base


_CLICK = """async (id) => {
  const done = new Promise(r => document.getElementById('chart')
      .addEventListener('chart:drawn', r, {once: true}));
  const start = performance.now();
  document.querySelector(`#chart g.node[data-id="${id}"]`)
      .dispatchEvent(new MouseEvent('click', {bubbles: true}));
  await done;
  // Until the new chart is painted: the second animation frame after it is in the page.
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - start;
}"""


_FIND = """async (id) => {
  const input = document.getElementById('chart-q');
  input.value = id;
  input.dispatchEvent(new Event('input'));
  const start = performance.now();
  document.querySelector('.chart-search').dispatchEvent(
      new Event('submit', {bubbles: true, cancelable: true}));
  const sel = `#chart g.node.hit[data-id="${id}"]`;
  while (!document.querySelector(sel)) await new Promise(r => requestAnimationFrame(r));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - start;
}"""


_WHEEL = """async () => {
  const f = document.getElementById('chart'); const r = f.getBoundingClientRect();
  const out = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    f.dispatchEvent(new WheelEvent('wheel', {deltaY: i % 2 ? 120 : -120, bubbles: true,
        cancelable: true, clientX: r.left + 400, clientY: r.top + 300}));
    await new Promise(res => requestAnimationFrame(() => requestAnimationFrame(res)));
    out.push(performance.now() - t);
  }
  return out;
}"""


def in_browser(n: int, query: str, codes: dict[str, Path], rounds: int = 5) -> list[str]:
    """Report rows: page load, click-to-redraw and find times in Chromium for ``n`` units,
    one row per checkout of ``codes`` (by label), their clicks alternated so that they
    share the machine's load alike."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        servers = {
            label: _serve(n, Path(tmp) / label, code) for label, code in codes.items()
        }
        try:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu"],
            )
            pages, loads, shown = {}, {}, {}
            for label, (_, base) in servers.items():
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(base + "/chart/" + query)  # warm the server's chart cache
                start = time.perf_counter()
                page.goto(base + "/chart/" + query)
                loads[label] = time.perf_counter() - start
                shown[label] = page.locator("#chart g.node").count()
                pages[label] = page
            # A box with boxes under it, past the first few (not the root).
            target = next(iter(pages.values())).eval_on_selector_all(
                "#chart g.node[data-kids]", "els => els[Math.min(3, els.length - 1)].dataset.id"
            )
            clicks: dict[str, list[float]] = {label: [] for label in pages}
            for _ in range(rounds):
                for label, page in pages.items():
                    clicks[label] += [page.evaluate(_CLICK, target) for _ in range(2)]
            rows = []
            for label, page in pages.items():
                wheel = page.evaluate(_WHEEL)
                after = page.locator("#chart g.node").count()
                # The last unit: under closed boxes at 10,000 units, in the page at 2,000.
                find = page.evaluate(_FIND, f"u{n - 1}")
                rows.append(
                    f"| {n:,} | `/chart/{query}` | {label} | {shown[label]:,} | "
                    f"{loads[label] * 1000:.0f} | {statistics.median(clicks[label]):.0f} | "
                    f"{max(clicks[label]):.0f} | {after:,} | "
                    f"{statistics.median(wheel):.0f} | {find:.0f} |"
                )
            browser.close()
        finally:
            for server, _ in servers.values():
                server.terminate()
                server.wait()
    return rows


def _commit(code: Path) -> str:
    """The short commit a checkout is at."""
    out = subprocess.run(
        ["git", "-C", str(code), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    return out.stdout.strip() or code.name


def main() -> int:
    """Run the measurements and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000")
    parser.add_argument("--browser", action="store_true", help="also measure in Chromium")
    parser.add_argument(
        "--baseline",
        metavar="DIR",
        type=Path,
        help="with --browser: also serve the code checked out in DIR (an earlier commit) "
        "and alternate clicks between the two",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    lines = [
        "# Organization charts",
        "",
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores. Fastest of 3 runs.",
        "",
        "| units | view | boxes drawn | build chart (ms) | layout + draw (ms) | SVG (ms) "
        "| SVG (MB) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        rows = in_process(n)
        lines += rows
        print("\n".join(rows), flush=True)
    if args.browser:
        lines += [
            "",
            "Chromium (headless, Debian's), the server on this machine; a click is timed from",
            "the click to the new chart in the page (request, layout, SVG, swap), median and",
            "worst of 10 alternating open/close clicks, each until the second animation frame",
            "after the new chart is in the page (painted); a zoom step is timed from the wheel",
            "event to the second animation frame after it (two frames: about 33 ms at best);",
            "find is timed from Enter to the match marked and painted (the last unit: at",
            "10,000 units under closed boxes, which are opened on the way). A baseline is",
            "an earlier checkout served beside this one, their clicks alternated.",
            "",
            "| units | page | code | boxes in the page | page load (ms) "
            "| click to redraw, median (ms) | worst (ms) | boxes after "
            "| zoom step to frame, median (ms) | find (ms) |",
            "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        codes = {"this": ROOT}
        if args.baseline:
            codes = {f"baseline {_commit(args.baseline)}": args.baseline.resolve(), **codes}
        for n, query in ((10_000, "?at=2021"), (2_000, "?at=2021&open=all")):
            rows = in_browser(n, query, codes)
            lines += rows
            print("\n".join(rows), flush=True)
    out = ROOT / "bench" / "results" / "charts.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
