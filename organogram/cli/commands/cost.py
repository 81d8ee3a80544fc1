"""``organogram cost``: the cost of the structure at a date, and of a plan by year."""

from __future__ import annotations

import argparse
from typing import Any

from ...queries import cost as q
from ..claims import print_claims
from ..output import Printer, emit_json
from .common import add_at, add_format, add_path, load


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "cost",
        help="the cost of the structure at a date, and of a plan",
        description="Print the annual standard cost of the posts in force at a date, by "
        "unit (with subtree totals), grade or budget part, from the dataset's cost tables; "
        "with --plan, the structure the plan produces and what the plan's posts cost year "
        "by year, each with what the sources say about what it costs (claims). Figures from "
        "an illustrative table or rate are marked so. See docs/cost.md.",
    )
    add_path(p)
    add_at(p)
    p.add_argument("--plan", metavar="PLAN", help="also cost this plan, by year")
    p.add_argument(
        "--by", choices=q.GROUPINGS, default="unit", help="group the structure's cost (unit)"
    )
    p.add_argument("--currency", metavar="CUR", help="convert to this currency (e.g. CHF)")
    p.add_argument("--table", metavar="ID", help="use this cost table for every year")
    p.add_argument(
        "--years",
        metavar="Y1,Y2",
        help="the years to cost a plan over (default: its first to its first full year)",
    )
    p.add_argument(
        "--parts",
        metavar="MAP",
        help="funding -> budget part (default core=administrative,projects=operational)",
    )
    add_format(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the costs."""
    record = load(args.path)
    parts = q.parse_parts(args.parts)
    data: dict[str, Any] = {
        "structure": q.cost_at(
            record,
            args.at,
            by=args.by,
            currency=args.currency,
            table=args.table,
            plan=args.plan,
            parts=parts,
        )
    }
    if args.plan:
        data["plan"] = q.plan_cost_data(
            record,
            args.plan,
            currency=args.currency,
            table=args.table,
            years=q.parse_years(args.years),
            parts=parts,
        )
    if args.format == "json":
        emit_json(data)
        return 0
    out = Printer()
    print_structure(out, record.organization.name, data["structure"])
    if args.plan:
        out.line()
        print_plan(out, data["plan"])
    return 0


def _warn(out: Printer, data: dict[str, Any]) -> None:
    if data["illustrative"]:
        out.line(out.style(f"ILLUSTRATIVE. {data['warning']}", "yellow", "bold"))


def _amount(text: str | None, currency: str) -> str:
    return "not costed" if text is None else f"{q.grouped(text)} {currency}"


def print_structure(out: Printer, org: str, d: dict[str, Any]) -> None:
    """The structure's cost as text."""
    cur = d["currency"]
    title = f"{org}: annual cost of the structure as of {d['date']}"
    if d["plan"]:
        title += f", with plan {d['plan']!r}"
    out.line(out.style(title, "bold"))
    t = d["table"]
    used = f"Cost table {t['id']} ({t['year']}, {t['currency']})"
    if d["conversion"]:
        used += f"; {d['conversion']['text']}"
    out.line(used)
    _warn(out, d)
    out.line()
    if d["by"] == "unit":
        rows = [
            [
                "  " * g["depth"] + g["label"],
                str(g["posts"]),
                _amount(g["amount"], cur),
                _amount(g["subtree"], cur),
            ]
            for g in d["groups"]
        ]
        out.table(["unit", "posts", "in the unit", "with units below"], rows)
    else:
        rows = [[g["label"], str(g["posts"]), _amount(g["amount"], cur)] for g in d["groups"]]
        out.table([d["by"], "posts", "cost"], rows)
    out.line()
    out.line(out.style(f"Total: {_amount(d['total'], cur)} ({d['counted']} posts)", "bold"))
    if d["not_costed"]:
        out.line()
        out.line(f"Not costed ({len(d['not_costed'])}, not in the total):")
        for p in d["not_costed"]:
            out.line(f"  {p['post']} {p['title']}: {p['reason']}")
    if d["frozen"]:
        out.line()
        out.line(f"Frozen ({len(d['frozen'])}, costed apart, not in the total):")
        for p in d["frozen"]:
            out.line(f"  {p['post']} {p['title']}: {_amount(p['amount'], cur)}")
    if d["left_out"]:
        told = ", ".join(f"{n} {status}" for status, n in d["left_out"].items())
        out.line()
        out.line(f"Left out: {told} post(s).")
    if d["budgets"]:
        told = "; ".join(
            f"{b['part']} {_amount(b['amount'], b['currency'])} ({b['stage']})"
            for b in d["budgets"]
        )
        out.line()
        out.line(f"Programme and Budget {d['budgets'][0]['year']}: {told}")
    assumed = [p for p in d["posts"] if p["grade_assumed"]]
    if assumed:
        out.line()
        out.line(
            "Grades assumed by the cost table (the record gives none): "
            + ", ".join(f"{p['post']} {p['grade']}" for p in assumed)
        )
    print_claims(out, d["claims"], subjects=True)


def print_plan(out: Printer, d: dict[str, Any]) -> None:
    """A plan's cost as text."""
    cur = d["currency"]
    plan = d["plan"]
    out.line(out.style(f"Cost of plan {plan['id']}: {plan['title']} ({plan['status']})", "bold"))
    out.line(d["rule"])
    _warn(out, d)
    out.line()
    years = [str(y["year"]) for y in d["years"]]
    rows = []
    for p in d["posts"]:
        before = p["before"]["grade"] if p["before"] else ""
        after = p["after"]["grade"] if p["after"] else ""
        if p["after"] and p["after"]["grade_assumed"]:
            after += " (assumed)"
        grades = f"{before} -> {after}" if before and after and before != after else after or before
        rows.append(
            [p["post"], p["effect"], grades, p["part_label"]]
            + [_amount(p["years"][y], cur) for y in years]
        )
    out.table(["post", "effect", "grade", "part", *years], rows)
    out.line()
    for y in d["years"]:
        parts = "; ".join(f"{b['label']} {_amount(b['amount'], cur)}" for b in y["by_part"])
        t = y["table"]
        line = f"{y['year']}: {_amount(y['total'], cur)} (table {t['id']}"
        if y["conversion"]:
            native = _amount(y["native"]["total"], y["native"]["currency"])
            line += f"; {native} at {y['conversion']['text']}"
        line += ")"
        if parts:
            line += f" — {parts}"
        if y["not_costed"]:
            line += f"; {y['not_costed']} post(s) not costed"
        out.line(line)
    out.line(out.style(f"Total: {_amount(d['total'], cur)}", "bold"))
    print_claims(out, d["claims"], subjects=True)
