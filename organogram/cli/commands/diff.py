"""``organogram diff``: what changed between two dates."""

from __future__ import annotations

import argparse

from ...queries.diff import diff_dates
from ..output import Printer, emit_json
from .common import add_format, add_path, load


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "diff",
        help="the changes between two dates",
        description="Print the changes that turn the structure as of one date into the "
        "structure as of another, told in plain language, with a summary.",
    )
    add_path(p)
    p.add_argument("--from", dest="start", required=True, metavar="DATE", help="earlier date")
    p.add_argument("--to", dest="end", required=True, metavar="DATE", help="later date")
    p.add_argument(
        "--events", action="store_true", help="also list every recorded change between the dates"
    )
    add_format(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the diff."""
    record = load(args.path)
    data = diff_dates(record, args.start, args.end)
    if args.format == "json":
        emit_json(data)
        return 0
    out = Printer()
    out.line(out.style(f"From {data['from']} to {data['to']}", "bold"))
    summary = data["summary"]
    parts = [f"{k.replace('_', ' ')}: {v}" for k, v in summary.items() if v]
    out.line(out.style("  " + (", ".join(parts) if parts else "no difference"), "cyan"))
    for c in data["changes"]:
        out.line(f"  • {c['text']}")
    if data.get("confirmed"):
        out.line(out.style("Possibly in force on the first date, certainly on the second", "bold"))
        for c in data["confirmed"]:
            cites = f" ({', '.join(c['cites'])})" if c["cites"] else ""
            out.line(f"  • {c['text']}{cites}")
    if args.events and data["events"]:
        out.line(out.style("Recorded changes between the dates", "bold"))
        for c in data["events"]:
            out.line(f"  {c['date']:<10} {c['text']}")
    return 0
