"""``organogram plan``: list, preview, validate, narrate and check plans for conflicts
in a dataset; draft, fill, move and enact them in the registry (see :mod:`.writes`)."""

from __future__ import annotations

import argparse

from ...queries import plans as q
from ..output import Printer, emit_json
from .common import add_format, add_path, load
from .draft import add_draft_verb
from .show import render_tree
from .validate import print_findings
from .writes import add_plan_verbs


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``plan`` and its subcommands."""
    p = sub.add_parser(
        "plan",
        help="reorganization plans: read them in a dataset, write them in the registry",
        description="Read the reorganization plans of a dataset (list, preview, validate, "
        "narrate, conflicts) without changing it, or write plans in the registry (new, add, "
        "edit, remove, rebase, move, enact).",
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)

    def verb(name: str, help_: str, description: str, with_plan: bool = True):
        v = verbs.add_parser(name, help=help_, description=description)
        add_path(v)
        if with_plan:
            v.add_argument("plan", metavar="PLAN", help="plan id")
        add_format(v)
        return v

    verb(
        "list", "every plan with its status", "List the plans of a dataset.", with_plan=False
    ).set_defaults(handler=run_list)
    pv = verb(
        "preview",
        "the structure a plan would produce",
        "Print the structure the plan would produce as of its effective date, the "
        "changes that would not apply, and the difference from the present.",
    )
    pv.add_argument("--at", metavar="DATE", help="preview as of another date (e.g. a later phase)")
    pv.set_defaults(handler=run_preview)
    verb(
        "validate",
        "run the rules on the record with the plan",
        "Run every validation rule on the record with the plan; findings the plan brings "
        "are marked new. Exits 1 when the plan brings an error.",
    ).set_defaults(handler=run_validate)
    verb(
        "narrate",
        "the plan in plain language",
        "Tell the plan's changes in plain language, by phase, with their sources.",
    ).set_defaults(handler=run_narrate)
    verb(
        "conflicts",
        "conflicts with changes recorded since the plan's base",
        "Compare what the plan expected, what it wants and what the record holds now. "
        "Exits 1 when there is a conflict.",
    ).set_defaults(handler=run_conflicts)
    add_draft_verb(verbs)
    add_plan_verbs(verbs)


def run_list(args: argparse.Namespace) -> int:
    """Print the plans."""
    data = q.plan_list(load(args.path))
    if args.format == "json":
        emit_json(data)
        return 0
    out = Printer()
    out.table(
        ["id", "status", "effective", "changes", "title"],
        [[p["id"], p["status"], p["effective"], str(p["changes"]), p["title"]] for p in data],
    )
    return 0


def run_preview(args: argparse.Namespace) -> int:
    """Print the preview."""
    data = q.plan_preview(load(args.path), args.plan, args.at)
    if args.format == "json":
        emit_json(data)
        return 0 if data["ok"] else 1
    out = Printer()
    out.line(
        out.style(f"{data['title']} ({data['status']}): structure as of {data['date']}", "bold")
    )
    render_tree(out, data["nodes"])
    if data["diff"]:
        out.line()
        out.line(out.style("Difference from the record without the plan", "bold"))
        for c in data["diff"]:
            out.line(f"  • {c['text']}")
    for problem in data["problems"]:
        out.line(out.style(f"problem: {problem}", "red"))
    return 0 if data["ok"] else 1


def run_validate(args: argparse.Namespace) -> int:
    """Print the plan's findings."""
    data = q.plan_validation(load(args.path), args.plan)
    if args.format == "json":
        emit_json(data)
    else:
        out = Printer()
        print_findings(out, data["findings"])
        verdict = "no new error" if data["ok"] else f"{data['new_errors']} new error(s)"
        out.line(
            out.style(f"plan {data['plan']}: {verdict}", "bold", "green" if data["ok"] else "red")
        )
    return 0 if data["ok"] else 1


def run_narrate(args: argparse.Namespace) -> int:
    """Print the narrative."""
    data = q.plan_narrative(load(args.path), args.plan)
    if args.format == "json":
        emit_json(data)
    else:
        Printer().stream.write(data["text"])
    return 0


def run_conflicts(args: argparse.Namespace) -> int:
    """Print the conflicts."""
    data = q.plan_conflicts(load(args.path), args.plan)
    if args.format == "json":
        emit_json(data)
    else:
        out = Printer()
        for c in data["conflicts"]:
            out.line(out.style(f"conflict [{c['kind']}] ", "red") + c["message"])
        out.line(
            out.style(
                f"plan {data['plan']}: {len(data['conflicts'])} conflict(s)",
                "bold",
                "green" if data["ok"] else "red",
            )
        )
    return 0 if data["ok"] else 1
