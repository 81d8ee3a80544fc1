"""``organogram nominations``: calls for nominations, and one call's nominations."""

from __future__ import annotations

import argparse
import datetime as dt

from ...queries.nominations import call_detail, calls
from ..output import Printer, emit_json
from .common import add_format, add_path, load


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "nominations",
        help="calls for nominations, their deadlines and nominations",
        description="Print every call for nominations with its deadline, posts and counts of "
        "nominations by status at the date; with --call, that call's nominations, each "
        "flagged late when received after the deadline, with its status and outcome.",
    )
    add_path(p)
    p.add_argument("--call", metavar="ID", help="one call and its nominations")
    p.add_argument("--at", metavar="DATE", help="as of this date (default: today)")
    add_format(p)
    p.set_defaults(handler=run)


def _counts(call: dict) -> str:
    """The nominations received (or "not recorded"), then the recorded ones by status."""
    parts = [f"{n} {status}" for status, n in call["by_status"].items()]
    by_status = f"; recorded by status: {', '.join(parts)}" if parts else ""
    return f"nominations received: {call['received_text']}{by_status}"


def run(args: argparse.Namespace) -> int:
    """Print the calls, or one call."""
    record = load(args.path)
    at = args.at or dt.date.today()
    # A dataset file on one's own disk: its reader sees all of it, names included.
    data = call_detail(record, args.call, at, personal=True) if args.call else calls(record, at)
    if args.format == "json":
        emit_json(data)
        return 0
    out = Printer()
    for call in [data] if args.call else data["calls"]:
        state = "open" if call["open"] else "closed"
        out.line(out.style(f"{call['reference']} ({call['id']})", "bold") + f", {state}")
        out.line(f"  issued {call['issued']}, deadline {call['deadline']}")
        out.line("  posts: " + "; ".join(f"{p['title']} ({p['id']})" for p in call["posts"]))
        if call["channel"]:
            out.line(f"  channel: {call['channel']}")
        for item in call["requirements"]:
            out.line(f"  must contain: {item}")
        out.line(f"  at {call['at']}: {_counts(call)}")
    if not args.call and not data["calls"]:
        out.line("The record holds no call for nominations.")
    for n in data.get("nominations", []) if args.call else []:
        flag = {"late": " LATE", "uncertain": " (late or not: dates too vague)"}.get(
            n["timeliness"], ""
        )
        by = f", nominated by {n['nominated_by']}" if n["nominated_by"] else ""
        out.line(f"  {n['id']}: {n['candidate']}{by}, received {n['received']}{flag}")
        out.line(out.style(f"      {n['status']}", "cyan"))
        if n["outcome"]:
            o = n["outcome"]
            link = o["assignment"]
            to = f" -> {link['change']} ({link['post']}, {link['date']})" if link else ""
            out.line(f"      {o['status']} {o['at']}{to}")
    return 0
