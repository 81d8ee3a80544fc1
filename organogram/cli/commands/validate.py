"""``organogram validate``: load a dataset and run every validation rule."""

from __future__ import annotations

import argparse
from typing import Any

from ...core.validation import RuleConfig
from ...formats import DatasetError
from ...queries.findings import validate_record
from ..output import Printer, emit_json
from .common import add_format, add_path, load

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "validate",
        help="check a dataset: load it and run every rule",
        description="Load a dataset, reporting every problem with its file and line, then run "
        "every validation rule over its whole timeline. Exits 1 when there is an error.",
    )
    add_path(p)
    p.add_argument(
        "--max-span", type=int, metavar="N", help="warn when a node has more than N direct reports"
    )
    p.add_argument(
        "--max-depth", type=int, metavar="N", help="warn when the tree is deeper than N levels"
    )
    add_format(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Validate and report; the exit status says whether there were errors."""
    try:
        record = load(args.path)
    except DatasetError as exc:
        return _report_load_errors(args, exc)
    overrides = {
        k: v
        for k, v in (("max_span", args.max_span), ("max_depth", args.max_depth))
        if v is not None
    }
    data = validate_record(record, RuleConfig(**overrides))
    data["path"] = args.path
    if args.format == "json":
        emit_json(data)
    else:
        out = Printer()
        print_findings(out, data["findings"])
        c = data["counts"]
        summary = (
            f"{args.path}: {data['changes']} changes, {c['error']} error(s), "
            f"{c['warning']} warning(s)"
        )
        out.line(out.style(summary, "bold", "green" if data["ok"] else "red"))
    return 0 if data["ok"] else 1


def print_findings(out: Printer, findings: list[dict[str, Any]]) -> None:
    """One line per finding: where, severity and code, message, and since when."""
    for f in findings:
        where = f"{f['where']}: " if f["where"] else ""
        tag = out.style(f"{f['severity']} [{f['code']}]", _COLOURS.get(f["severity"], ""))
        new = out.style(" (new with the plan)", "bold") if f.get("new") else ""
        when = (
            f" (from {f['from']}" + (f" until {f['until']})" if f["until"] else ")")
            if f["from"]
            else ""
        )
        out.line(f"{where}{tag} {f['message']}{out.style(when, 'dim')}{new}")


def _report_load_errors(args: argparse.Namespace, exc: DatasetError) -> int:
    problems = [str(p) for p in exc.problems]
    if args.format == "json":
        emit_json({"path": args.path, "ok": False, "load_errors": problems})
    else:
        out = Printer()
        for p in problems:
            out.line(p)
        out.line(
            out.style(f"{args.path}: {len(problems)} problem(s); nothing loaded", "bold", "red")
        )
    return 1
