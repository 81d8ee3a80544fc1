"""``organogram chart``: an organization chart as SVG, PDF or PNG, ready to print."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import add_at, add_path, load


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "chart",
        help="draw an organization chart (SVG, PDF or PNG)",
        description="Draw the structure as of a date, or a plan's preview, as an "
        "organization chart on an A4 or A3 landscape page, with title, date, legend and "
        "source line. With --compare, mark what was added, removed, renamed, moved and "
        "merged since another date. The same input gives the same file.",
    )
    add_path(p)
    add_at(p)
    p.add_argument("--plan", metavar="PLAN", help="draw the structure a plan would produce")
    p.add_argument(
        "--compare",
        metavar="DATE",
        help="compare with the structure as of DATE (with --plan: the record without the plan)",
    )
    p.add_argument(
        "--mode",
        choices=["overlay", "side-by-side", "before", "after"],
        default="overlay",
        help="with --compare: the later structure with what went drawn dashed where it "
        "stood (default), both side by side, or only the earlier or the later one, marked",
    )
    p.add_argument("--unit", metavar="ID", help="draw only this unit's subtree")
    p.add_argument(
        "--depth",
        type=int,
        metavar="N",
        help="show N levels below the top; deeper units are counted in their parent's box",
    )
    p.add_argument(
        "--lines",
        action="store_true",
        help="draw direct supervision, administrative support and functional lines",
    )
    p.add_argument(
        "--people",
        action="store_true",
        help="name the holders of senior and head posts (personal data: mind who gets the file)",
    )
    p.add_argument("--format", choices=["svg", "pdf", "png"], help="default: from the file name")
    p.add_argument("--paper", choices=["a4", "a3"], default="a3", help="landscape; default a3")
    p.add_argument("--dpi", type=int, default=200, help="PNG resolution; default 200")
    p.add_argument(
        "--pages",
        choices=["auto", "one"],
        default="auto",
        help="auto (default): a chart that would print with names under 7.6 pt is split, "
        "the top levels on the first page and each subtree that did not fit on pages of its "
        "own (a PDF holds them all; SVG and PNG write FILE-2, FILE-3… beside FILE); "
        "one: everything on one page, however small",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="file to write ('-': stdout)"
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the chart."""
    from ...charts import ChartRequest, chart_view, export, export_pages
    from ...charts.render import open_to_depth

    fmt = args.format or Path(args.output).suffix.lstrip(".").lower()
    if fmt not in ("svg", "pdf", "png"):
        print("organogram chart: give --format svg, pdf or png", file=sys.stderr)
        return 2
    record = load(args.path)
    request = ChartRequest(
        at=args.at,
        plan=args.plan,
        compare=args.compare,
        unit=args.unit,
        people=args.people,
        mode=args.mode,
    )
    view = chart_view(record, request)
    opened = None
    if args.depth is not None:
        opened = set().union(*(open_to_depth(c, args.depth) for c in view.charts))
    options = {"paper": args.paper, "open_nodes": opened, "side_lines": args.lines, "dpi": args.dpi}
    if args.pages == "one":
        data, one = export(view, fmt, **options)
        files, pages = [data], [one]
    else:
        files, pages = export_pages(view, fmt, **options)
    if args.output == "-" and len(files) > 1:
        print(
            f"organogram chart: the chart takes {len(files)} pages, one {fmt.upper()} file "
            "each: give a file name (or --format pdf, or --pages one)",
            file=sys.stderr,
        )
        return 2
    names = _names(args.output, len(files))
    for name, data in zip(names, files, strict=True):
        if name == "-":
            sys.stdout.buffer.write(data)
        else:
            Path(name).write_bytes(data)
    boxes = sum(len(c.nodes) for c in view.charts)
    smallest = min(p.name_size for p in pages)
    if len(pages) == 1:
        page = pages[0]
        print(
            f"{args.output}: {boxes} boxes, printed at {page.scale:.0%} "
            f"(names at {page.name_size:.1f} pt)",
            file=sys.stderr,
        )
    else:
        where = args.output if len(files) == 1 else ", ".join(names)
        print(
            f"{where}: {boxes} boxes on {len(pages)} pages (the top levels, then each part "
            f"that did not fit), printed at {min(p.scale for p in pages):.0%} or more "
            f"(names at {smallest:.1f} pt or more)",
            file=sys.stderr,
        )
    if smallest < 4.5:
        hint = "--depth N or --unit ID" + (" or --paper a3" if args.paper == "a4" else "")
        print(f"  names are small at this size: try {hint}", file=sys.stderr)
    return 0


def _names(output: str, count: int) -> list[str]:
    """``chart.png``, ``chart-2.png``, ``chart-3.png``… for a chart of several files."""
    path = Path(output)
    more = (path.with_name(f"{path.stem}-{i}{path.suffix}") for i in range(2, count + 1))
    return [output, *map(str, more)]
