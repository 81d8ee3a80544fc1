"""``organogram record`` and ``organogram reverse``, and the writing verbs of ``organogram
plan`` (``new``, ``add``, ``edit``, ``remove``, ``rebase``, ``move``, ``enact``): the
registry written from the command line.

Each runs the same action the pages and the API run
(:mod:`organogram.registry.actions`), audited as ``via: cli`` under ``--by`` (default:
the account running the command). A refusal is printed with every reason and exits 1;
nothing is written then.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ...core.errors import OrganogramError
from ...core.plans import MOVES, PlanStatus
from ..audit_name import audit_name
from ..output import emit_json
from .common import add_format

#: The database the commands write, as ``organogram load`` says it.
_DATABASE = (
    "The registry is the web application's database: DATABASE_URL, else "
    "var/organogram.sqlite3."
)


class ChangeInputError(OrganogramError):
    """A change given on the command line that cannot be read as a mapping."""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``record`` and ``reverse``."""
    p = sub.add_parser(
        "record",
        help="record a dated change in the registry",
        description="Record one change in the registry's timeline, checked where it falls "
        "with every later change. Give it as FIELD=VALUE pairs, with the field names of a "
        "dataset's changes: entries (each VALUE is read as in a dataset file: quote it to "
        "keep text such as 'yes' as text), or as a YAML or JSON file holding that mapping. "
        + _DATABASE,
        epilog="example: organogram record op=rename unit=dfam date=2024-03-01 "
        "name='Department of Finance' reason=\"the Director General's bulletin\" cite=src:12",
    )
    _change_input(p)
    p.add_argument(
        "--corrects", metavar="CHANGE", help="the id of an earlier change this one corrects"
    )
    p.add_argument(
        "--expected",
        type=int,
        metavar="TOKEN",
        help="refuse if a change recorded after this sequence number touches the same units",
    )
    _by(p)
    add_format(p)
    p.set_defaults(handler=run_record)

    p = sub.add_parser(
        "reverse",
        help="record the reversal of a recorded change",
        description="Record the change(s) that undo a recorded change, dated DATE (default "
        "the reversed change's own date); all of them or none. " + _DATABASE,
    )
    p.add_argument("change", metavar="CHANGE", help="the id of the change to reverse")
    p.add_argument("--reason", required=True, help="why it is reversed (kept with the record)")
    p.add_argument("--date", metavar="DATE", help="when the reversal takes effect")
    _by(p)
    add_format(p)
    p.set_defaults(handler=run_reverse)


def add_plan_verbs(verbs: argparse._SubParsersAction) -> None:
    """Register the verbs of ``organogram plan`` that write plans in the registry."""
    v = verbs.add_parser(
        "new",
        help="draft a new plan in the registry",
        description="Draft a new plan, based on the registry's record as it stands now. "
        + _DATABASE,
    )
    v.add_argument("title", metavar="TITLE", help="what the plan is called")
    v.add_argument("--effective", required=True, metavar="DATE", help="when it takes effect")
    v.add_argument("--id", default="", help="its id (default: made from the title)")
    v.add_argument("--description", default="", help="what it is for")
    _by(v)
    add_format(v)
    v.set_defaults(handler=run_plan_new)

    v = verbs.add_parser(
        "add",
        help="add a change to a draft plan in the registry",
        description="Add a change to a draft plan, given as for `organogram record`; the "
        "date defaults to the phase's or the plan's. " + _DATABASE,
    )
    v.add_argument("plan", metavar="PLAN", help="plan id")
    _change_input(v)
    v.add_argument("--phase", help="the phase the change belongs to")
    _by(v)
    add_format(v)
    v.set_defaults(handler=run_plan_add)

    v = verbs.add_parser(
        "edit",
        help="replace a change of a draft plan in the registry",
        description="Replace a change of a draft plan by the one given (its id and place "
        "kept; the date defaults to the one it had). " + _DATABASE,
    )
    v.add_argument("plan", metavar="PLAN", help="plan id")
    v.add_argument("change", metavar="CHANGE", help="the id of the change to replace")
    _change_input(v)
    _by(v)
    add_format(v)
    v.set_defaults(handler=run_plan_edit)

    v = verbs.add_parser(
        "import",
        help="add a spreadsheet's changes to a draft plan in the registry, all or nothing",
        description="Add the rows of a spreadsheet to a draft plan: an .xlsx workbook with a "
        "sheet named 'changes' (or a single sheet), or a .csv file, one change a row with "
        "the dataset's field names, as the template's changes sheet. Every row's problems "
        "are listed with its row and nothing is written unless every row applies. "
        + _DATABASE,
    )
    v.add_argument("plan", metavar="PLAN", help="plan id")
    v.add_argument("file", metavar="FILE", help="the spreadsheet (.xlsx or .csv)")
    _by(v)
    add_format(v)
    v.set_defaults(handler=run_plan_import)

    v = verbs.add_parser(
        "merge",
        help="merge another plan into a draft plan in the registry",
        description="Merge plan SOURCE into the draft plan TARGET: its changes are added "
        "with new ids. Where the two plans change the same thing differently, nothing is "
        "written and each conflict is listed with its id; say which plan's change stands "
        "with --take CONFLICT=PLAN (as often as needed) and merge again. " + _DATABASE,
    )
    v.add_argument("target", metavar="TARGET", help="the draft plan merged into")
    v.add_argument("source", metavar="SOURCE", help="the plan merged in")
    v.add_argument(
        "--take",
        action="append",
        default=[],
        metavar="CONFLICT=PLAN",
        help="settle a conflict: the plan whose change stands (e.g. ethics:name=review-a)",
    )
    _by(v)
    add_format(v)
    v.set_defaults(handler=run_plan_merge)

    v = verbs.add_parser(
        "remove",
        help="take a change out of a draft plan in the registry",
        description="Take a change out of a draft plan. " + _DATABASE,
    )
    v.add_argument("plan", metavar="PLAN", help="plan id")
    v.add_argument("change", metavar="CHANGE", help="the id of the change to remove")
    _by(v)
    v.set_defaults(handler=run_plan_remove)

    v = verbs.add_parser(
        "rebase",
        help="settle a draft plan's conflicts: its base becomes now",
        description="Move a draft plan's base to now, once it has been reviewed against "
        "the changes recorded since: they no longer conflict. " + _DATABASE,
    )
    v.add_argument("plan", metavar="PLAN", help="plan id")
    _by(v)
    v.set_defaults(handler=run_plan_rebase)

    v = verbs.add_parser(
        "move",
        help="propose, approve, send back, withdraw or reopen a plan in the registry",
        description="Move a plan to another status: proposed, approved, draft or withdrawn "
        "(enacting is `organogram plan enact`). " + _DATABASE,
    )
    v.add_argument("plan", metavar="PLAN", help="plan id")
    statuses = sorted({str(mv.to) for mv in MOVES if mv.to is not PlanStatus.ENACTED})
    v.add_argument("to", metavar="STATUS", choices=statuses, help=", ".join(statuses))
    v.add_argument("--note", default="", help="why (kept in the plan's history)")
    v.add_argument("--expected", metavar="STATUS", help="refuse if the plan is no longer in it")
    _by(v)
    v.set_defaults(handler=run_plan_move)

    v = verbs.add_parser(
        "enact",
        help="enact an approved plan in the registry, all or nothing",
        description="Put an approved plan's changes in the timeline, all of them or none: "
        "refused with every reason (conflicts, changes that would not apply). " + _DATABASE,
    )
    v.add_argument("plan", metavar="PLAN", help="plan id")
    v.add_argument("--note", default="", help="the decision that enacts it")
    v.add_argument("--expected", metavar="STATUS", help="refuse if the plan is no longer in it")
    _by(v)
    add_format(v)
    v.set_defaults(handler=run_plan_enact)


# ---------------------------------------------------------------- arguments
def _by(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--by", metavar="NAME", type=audit_name, help="who writes, for the audit log (default: you)"
    )


def _change_input(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "fields", nargs="*", metavar="FIELD=VALUE", help="the change's fields (op=… date=… …)"
    )
    p.add_argument(
        "--file", metavar="FILE", help="a YAML or JSON file holding the change ('-': stdin)"
    )


def change_mapping(args: argparse.Namespace) -> dict[str, Any]:
    """The change the arguments describe, as a dataset entry's mapping."""
    if args.file and args.fields:
        raise ChangeInputError("give the change as FIELD=VALUE pairs or with --file, not both")
    if args.file:
        import sys

        name = "standard input" if args.file == "-" else args.file
        try:
            text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
            data = yaml.safe_load(text)
        except OSError as exc:
            raise ChangeInputError(f"{name}: {exc.strerror}") from None
        except yaml.YAMLError as exc:
            raise ChangeInputError(f"{name}: not YAML or JSON: {exc}") from None
        if not isinstance(data, dict):
            raise ChangeInputError(f"{name}: expected one change (a mapping of fields)")
        return data
    if not args.fields:
        raise ChangeInputError("give the change as FIELD=VALUE pairs (op=… date=… …) or --file")
    out: dict[str, Any] = {}
    for pair in args.fields:
        field, sep, raw = pair.partition("=")
        if not sep or not field:
            raise ChangeInputError(f"{pair!r} is not FIELD=VALUE")
        if field in out:
            raise ChangeInputError(f"{field!r} is given twice")
        out[field] = _value(raw)
    return out


def _value(raw: str) -> Any:
    """A VALUE read as a dataset file would read it: numbers, true/false, dates and
    [lists] as such; anything else (text with a colon, say) as the text typed."""
    try:
        value = yaml.safe_load(raw)
    except yaml.YAMLError:
        return raw
    if value is None or isinstance(value, dict):
        return raw
    return value


# ---------------------------------------------------------------- running
def _run(args: argparse.Namespace, make: Callable[[Any], Any]) -> Any:
    """Run the action ``make(actions)`` builds, for whoever runs the command (``--by``)."""
    # Django is imported here so that the other commands stay fast.
    from ...web.local import migrate, setup

    setup()
    migrate()
    from ...registry import actions
    from ...registry.audit import Actor

    return actions.run(make(actions), Actor.command_line(args.by))


def _done(args: argparse.Namespace, data: dict[str, Any], text: str) -> int:
    if getattr(args, "format", "text") == "json":
        emit_json(data)
    else:
        print(text)
    return 0


def _change_data(change: Any) -> dict[str, Any]:
    from ...formats.codec import change_to_dict

    return change_to_dict(change)


def run_record(args: argparse.Namespace) -> int:
    """Record the change."""
    data = change_mapping(args)
    done = _run(args, lambda a: a.RecordChange(data, args.expected, args.corrects))
    c = done.change
    return _done(
        args,
        {"change": _change_data(c), "sequence": done.sequence, "revision": done.revision},
        f"Recorded {c.id} ({c.op}, {c.date}) (revision {done.revision}).",
    )


def run_reverse(args: argparse.Namespace) -> int:
    """Record the reversal."""
    from ...core.dates import FuzzyDate

    date = FuzzyDate.parse(args.date) if args.date else None
    done = _run(args, lambda a: a.ReverseChange(args.change, date, args.reason))
    ids = ", ".join(d.change.id for d in done)
    revision = done[-1].revision if done else 0
    changes = [_change_data(d.change) for d in done]
    return _done(
        args,
        {"reverses": args.change, "changes": changes, "revision": revision},
        f"Reversed {args.change}: recorded {ids} (revision {revision}).",
    )


def run_plan_new(args: argparse.Namespace) -> int:
    """Draft the plan."""
    row = _run(args, lambda a: a.DraftPlan(args.title, args.effective, args.description, args.id))
    return _done(
        args,
        {"plan": row.id, "title": row.title, "effective": row.effective, "status": row.status},
        f"Drafted plan {row.id} ({row.title!r}, effective {row.effective}).",
    )


def _plan_change(args: argparse.Namespace, change: Any, what: str) -> int:
    return _done(
        args,
        {"plan": args.plan, "change": _change_data(change)},
        f"{what} {change.id} ({change.op}, {change.date}) in plan {args.plan}.",
    )


def run_plan_add(args: argparse.Namespace) -> int:
    """Add the change to the plan."""
    data = change_mapping(args)
    change = _run(args, lambda a: a.AddPlanChange(args.plan, data, args.phase))
    return _plan_change(args, change, "Added")


def run_plan_edit(args: argparse.Namespace) -> int:
    """Replace the plan's change."""
    data = change_mapping(args)
    change = _run(args, lambda a: a.EditPlanChange(args.plan, args.change, data))
    return _plan_change(args, change, "Replaced")


def run_plan_import(args: argparse.Namespace) -> int:
    """Import the spreadsheet's rows into the plan."""
    path = Path(args.file)
    try:
        size = path.stat().st_size
        data = path.read_bytes()
    except OSError as exc:
        raise ChangeInputError(f"{args.file}: {exc.strerror}") from None
    added = _run(args, lambda a: a.ImportPlanChanges(args.plan, path.name, [data], size))
    return _done(
        args,
        {"plan": args.plan, "imported": [_change_data(c) for c in added]},
        f"Imported {len(added)} change(s) from {path.name} into plan {args.plan}.",
    )


def run_plan_merge(args: argparse.Namespace) -> int:
    """Merge the plan, or list the conflicts to settle."""
    take: dict[str, str] = {}
    for pair in args.take:
        conflict, sep, plan = pair.rpartition("=")
        if not sep or not conflict or not plan:
            raise ChangeInputError(f"--take {pair!r} is not CONFLICT=PLAN")
        take[conflict] = plan
    from ...registry.actions import MergeConflicts

    try:
        done = _run(args, lambda a: a.MergePlan(args.target, args.source, take))
    except MergeConflicts as exc:
        lines = [f"- {c['id']}: {_conflict_words(c)}" for c in exc.conflicts]
        raise ChangeInputError(
            "\n".join([f"{exc.message}; settle each with --take CONFLICT=PLAN:", *lines])
        ) from None
    return _done(
        args,
        {"plan": done.plan, "from": done.source, "added": done.added, "dropped": done.dropped},
        f"Merged {done.source} into {done.plan}: {len(done.added)} change(s) added"
        + (f", {len(done.dropped)} of its own left out" if done.dropped else "")
        + ".",
    )


def _conflict_words(conflict: dict[str, Any]) -> str:
    """A conflict in one line, with the plans to choose from."""
    sides = " or ".join(
        f"{conflict[s]['plan']}" for s in ("target", "source") if s in conflict
    )
    return f"{conflict.get('message', '')} (take {sides})"


def run_plan_remove(args: argparse.Namespace) -> int:
    """Take the change out of the plan."""
    _run(args, lambda a: a.RemovePlanChange(args.plan, args.change))
    print(f"Removed {args.change} from plan {args.plan}.")
    return 0


def run_plan_rebase(args: argparse.Namespace) -> int:
    """Move the plan's base to now."""
    _run(args, lambda a: a.RebasePlan(args.plan))
    print(f"Plan {args.plan}'s base is now the record as it stands.")
    return 0


def run_plan_move(args: argparse.Namespace) -> int:
    """Move the plan's status."""
    status = _run(args, lambda a: a.MovePlan(args.plan, args.to, args.note, args.expected))
    print(f"Plan {args.plan} is {status}.")
    return 0


def run_plan_enact(args: argparse.Namespace) -> int:
    """Enact the plan."""
    changes = _run(args, lambda a: a.EnactPlan(args.plan, args.note, args.expected))
    return _done(
        args,
        {"plan": args.plan, "status": "enacted", "changes": [c.id for c in changes]},
        f"Enacted plan {args.plan}: {len(changes)} change(s) now in the timeline.",
    )
