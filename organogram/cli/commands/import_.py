"""``organogram import``: a spreadsheet, public organograms or a register into a dataset."""

from __future__ import annotations

import argparse
import csv
import sys

from ..output import Printer, emit_json

KIND_HELP = {
    "xlsx": "a workbook in the template (or mapped onto it)",
    "csv": "CSV files in the template, one per sheet (or a folder of them)",
    "uk-organogram": "UK government organogram CSV files, senior and junior, any snapshots",
    "govuk-organisations": "GOV.UK organisations register JSON files, one per version",
    "us-agencies": "USAspending authoritative agency list CSV files, one per version",
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    kinds = "\n".join(f"  {k:<20} {v}" for k, v in KIND_HELP.items())
    p = sub.add_parser(
        "import",
        help="import a spreadsheet, organograms or a register into a dataset",
        description="Read files of one kind, report every problem with its file, sheet, row "
        "and column, and write the record as a dataset folder. Nothing is written when "
        "there is an error; the traps a source is known for are handled and reported as "
        "warnings. Several versions of a source (snapshots) make a history: give them all "
        "at once. See docs/imports.md.\n\nkinds:\n" + kinds,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("kind", choices=list(KIND_HELP), metavar="KIND", help="what the files are")
    p.add_argument("files", nargs="+", metavar="FILE", help="files (or folders of them)")
    p.add_argument("--into", required=True, metavar="PATH", help="dataset folder to write")
    p.add_argument("--force", action="store_true", help="replace the YAML files of PATH")
    p.add_argument("--org-id", default="", metavar="ID", help="id of the organization")
    p.add_argument("--org-name", default="", metavar="NAME", help="name of the organization")
    p.add_argument(
        "--date", default="", metavar="DATE", help="snapshot date of files whose name has none"
    )
    p.add_argument(
        "--mapping", metavar="FILE", help="YAML or JSON mapping of another layout onto the template"
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="SHEET.FIELD=COLUMN",
        help="map a column (or SHEET=NAME: a sheet) onto the template; repeatable",
    )
    p.add_argument(
        "--default",
        action="append",
        default=[],
        metavar="SHEET.FIELD=VALUE",
        help="value of a field that a sheet lacks; repeatable",
    )
    p.add_argument(
        "--without-names",
        action="store_true",
        help="leave out the names of post holders (personal data)",
    )
    p.add_argument("--report", metavar="FILE", help="write every problem found to a CSV file")
    p.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text for people (default), json for programs",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Import, report, and write the dataset only when there is no error."""
    from ...formats import dump_dataset
    from ...importers.problems import ImportFailed
    from ...importers.run import Options, run_import

    options = Options(
        org_id=args.org_id,
        org_name=args.org_name,
        date=args.date,
        mapping=args.mapping,
        maps=args.map,
        defaults=args.default,
        names=not args.without_names,
    )
    try:
        record, report = run_import(args.kind, args.files, options)
    except ImportFailed as exc:
        _write_report(args.report, exc.problems)
        if args.format == "json":
            emit_json({"written": False, "problems": [p.as_dict() for p in exc.problems]})
        else:
            _print_problems(exc.problems, args.report)
        return 1
    dump_dataset(record, args.into, overwrite=args.force)
    _write_report(args.report, report.problems)
    counts = _counts(record)
    if args.format == "json":
        emit_json(
            {
                "written": True,
                "into": args.into,
                **counts,
                "problems": [p.as_dict() for p in report.problems],
            }
        )
        return 0
    out = Printer()
    out.line(
        out.style(f"Wrote {args.into}: " + ", ".join(f"{v} {k}" for k, v in counts.items()), "bold")
    )
    if report.warnings:
        _print_warnings(report, args.report)
    return 0


def _counts(record) -> dict[str, int]:
    s, _ = record.timeline.fold()
    units = len(s.units) + len(s.retired_units)
    posts = len(s.posts) + len(s.retired_posts)
    return {
        "units": units,
        "posts": posts,
        "people": len(record.people),
        "sources": len(record.sources),
        "changes": len(record.timeline),
        "claims": len(record.claims),
    }


def _print_problems(problems, report_file: str | None, limit: int = 60) -> None:
    err = Printer(sys.stderr)
    errors = [p for p in problems if p.severity == "error"]
    err.line(err.style(f"{len(errors)} error(s); nothing was written.", "red", "bold"))
    for p in errors[:limit]:
        err.line(f"  {p}")
    if len(errors) > limit:
        more = "--report FILE lists them all" if not report_file else f"all are in {report_file}"
        err.line(f"  … and {len(errors) - limit} more ({more})")


def _print_warnings(report, report_file: str | None, examples: int = 3) -> None:
    err = Printer(sys.stderr)
    err.line(err.style(f"{len(report.warnings)} warning(s), handled as said:", "yellow"))
    by_code: dict[str, list] = {}
    for p in report.warnings:
        by_code.setdefault(p.code or "other", []).append(p)
    for code, items in by_code.items():
        err.line(f"  {code}: {len(items)}")
        for p in items[:examples]:
            err.line(err.style(f"    {p}", "dim"))
    if not report_file:
        err.line(err.style("  (--report FILE lists every one)", "dim"))


def _write_report(path: str | None, problems) -> None:
    if not path:
        return
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(
            f, ["severity", "code", "file", "sheet", "row", "column", "message"]
        )
        writer.writeheader()
        writer.writerows(p.as_dict() for p in problems)
