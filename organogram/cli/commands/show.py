"""``organogram show``: the structure as of a date, as a tree or JSON."""

from __future__ import annotations

import argparse
from typing import Any

from ...queries.structure import structure_at
from ..output import Printer, emit_json
from .common import add_at, add_format, add_path, load

_LINE_WORDS = {
    "direct-supervision": "directly supervised by",
    "administrative-support": "administrative support from",
    "functional": "functional line to",
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "show",
        help="the structure as of a date",
        description="Print the tree of oversight as of a date: every unit and senior post, "
        "its kind and its other typed lines.",
    )
    add_path(p)
    add_at(p)
    p.add_argument("--unit", metavar="ID", help="show only this unit's subtree")
    p.add_argument("--plan", metavar="PLAN", help="show the structure a plan would produce")
    add_format(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the structure."""
    record = load(args.path)
    data = structure_at(record, args.at, unit=args.unit, plan=args.plan)
    if args.format == "json":
        emit_json(data)
        return 0
    out = Printer()
    title = f"{record.organization.name}: structure as of {data['date']}"
    if args.plan:
        title += f", with plan {args.plan!r}"
    out.line(out.style(title, "bold"))
    unplaced = set(data.get("unplaced", ()))
    placed = [n for n in data["nodes"] if not _below(n, unplaced, data["nodes"])]
    render_tree(out, placed)
    if unplaced:
        out.line()
        out.line(out.style("Placement not recorded (no source says where these were):", "bold"))
        render_tree(out, [n for n in data["nodes"] if _below(n, unplaced, data["nodes"])])
    if data.get("possibly_still"):
        out.line()
        out.line(out.style("Possibly still in force (their end is dated to a span):", "bold"))
        for n in data["possibly_still"]:
            why = "; ".join(u["words"] for u in n["uncertain"])
            out.line(f"  {n['name']}  " + out.style(why, "yellow"))
    if data["uncertain"]:
        out.line()
        out.line(
            out.style(
                f"? marks what is only possibly in force on {data['date']}: "
                f"{len(data['uncertain'])} change(s) dated to a span that goes past this day "
                "are shown as already made.",
                "dim",
            )
        )
    return 0


def _below(node: dict[str, Any], tops: set[str], nodes: list[dict[str, Any]]) -> bool:
    """True when ``node`` is one of ``tops`` or under one of them."""
    parents = {n["id"]: n["parent"] for n in nodes}
    current: str | None = node["id"]
    seen: set[str] = set()
    while current is not None and current not in seen:
        if current in tops:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def render_tree(out: Printer, nodes: list[dict[str, Any]]) -> None:
    """Draw nodes (in tree order, each with ``parent``) with box-drawing branches."""
    by_id = {n["id"]: n for n in nodes}
    children: dict[str | None, list[str]] = {}
    for n in nodes:
        parent = n["parent"] if n["parent"] in by_id else None
        children.setdefault(parent, []).append(n["id"])

    def label(n: dict[str, Any]) -> str:
        name = out.style(n["name"], "bold" if n["kind"] == "senior-post" else "")
        abbr = f" ({n['abbreviation']})" if n.get("abbreviation") else ""
        kind = out.style(n["kind"], "cyan")
        holders = ", ".join(
            h["name"]
            + ("" if h["kind"] == "regular" else f", {h['kind']}")
            + ("" if h.get("certain", True) else f" (possibly not yet: {h['possibly_since']})")
            for h in n.get("holders", [])
        )
        mark = "? " if n.get("status") == "possibly in force" else ""
        text = f"{mark}{name}{abbr}  {kind}"
        still = "; ".join(
            f"possibly still {h['name']} (left {h['until']})"
            for h in n.get("holders_possibly_still", [])
        )
        holders = "; ".join(x for x in (holders, still) if x)
        if holders:
            text += "  " + out.style(holders, "dim")
        elif n["kind"] == "senior-post" and n.get("holding"):
            text += "  " + out.style(n["holding"], "dim")
        # The holders say their own uncertainty; a node possibly not in force at all
        # needs no other reason.
        reasons = [u for u in n.get("uncertain", []) if u["aspect"] != "holders"]
        if mark:
            reasons = [u for u in reasons if u["aspect"] == "existence"]
        if reasons:
            words = dict.fromkeys(u["words"] for u in reasons)
            text += "  " + out.style("; ".join(words), "yellow")
        return text

    def walk(node_id: str, prefix: str, last: bool, top: bool) -> None:
        n = by_id[node_id]
        branch = "" if top else ("└── " if last else "├── ")
        out.line(prefix + branch + label(n))
        inner = prefix + ("" if top else ("    " if last else "│   "))
        kids = children.get(node_id, [])
        for line in n["lines"]:
            words = _LINE_WORDS.get(line["kind"], line["kind"])
            mark = "│ " if kids else "  "
            out.line(inner + mark + out.style(f"⇢ {words} {line['to_name']}", "magenta"))
        for i, kid in enumerate(kids):
            walk(kid, inner, i == len(kids) - 1, False)

    for root in children.get(None, []):
        walk(root, "", True, True)
