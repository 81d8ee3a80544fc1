"""``organogram history``: every version of a unit, its sources and its lineage."""

from __future__ import annotations

import argparse

from ...queries.history import unit_history
from ..claims import print_claims
from ..output import Printer, emit_json
from .common import add_format, add_path, load


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "history",
        help="every version of a unit, with sources and lineage",
        description="Print every version of a unit or post with the dates it held, the change "
        "and the sources behind each, and what it came from and became.",
    )
    add_path(p)
    p.add_argument("unit", metavar="UNIT", help="unit or post id")
    add_format(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the history."""
    record = load(args.path)
    data = unit_history(record, args.unit)
    if args.format == "json":
        emit_json(data)
        return 0
    out = Printer()
    status = "in force" if data["in_force"] else "no longer in force"
    out.line(out.style(f"{data['name']} ({data['id']}), {status}", "bold"))
    for v in data["versions"]:
        span = f"{v['since']} → {v['until'] or 'now'}"
        if not v["exists"]:
            out.line(f"  {out.style(span, 'cyan')}  ended ({v['op']}, change {v['change']})")
            continue
        desc = v.get("name") or v.get("title", "")
        if v.get("abbreviation"):
            desc += f" ({v['abbreviation']})"
        if v.get("kind"):
            desc += f", {v['kind']}"
        if v["parent"]:
            desc += f"; under {v['parent_name']}"
            for r in v.get("parent_renamed", ()):
                desc += f" (renamed {r['name']}, {r['when']})"
        elif v.get("placement") == "unknown":
            desc += "; placement not recorded"
        out.line(f"  {out.style(span, 'cyan')}  {desc}")
        sources = "; ".join(s["text"] for s in v["sources"])
        basis = " (inferred)" if v["basis"] == "inferred" else ""
        made_by = ", ".join(f"{c['op']} {c['id']}" for c in v["changes"])
        tail = f" · {sources}" if sources else ""
        out.line(out.style(f"      {made_by}{basis}{tail}", "dim"))
        if v["note"]:
            out.line(out.style(f"      note: {v['note']}", "dim"))
    for title, key, other in (
        ("Came from", "predecessors", "predecessor"),
        ("Became", "successors", "successor"),
    ):
        if data[key]:
            out.line(out.style(title, "bold"))
            for link in data[key]:
                out.line(
                    f"  {link[other + '_name']} ({link[other]}): {link['kind']}, {link['date']}"
                )
    print_claims(out, data["claims"])
    return 0
