"""``organogram import``: a spreadsheet, public organograms or a register into a dataset
folder or straight into the registry."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from ...formats.csv_cells import neutral
from ..audit_name import audit_name
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
        help="import a spreadsheet, organograms or a register into a dataset or the registry",
        description="Read files of one kind, report every problem with its file, sheet, row "
        "and column, and write the record as a dataset folder (--into) or load it into the "
        "registry, the web application's database (--registry), in one transaction. Nothing "
        "is written when there is an error; the traps a source is known for are handled and "
        "reported as warnings. Several versions of a source (snapshots) make a history: give "
        "them all at once. See docs/imports.md.\n\nkinds:\n" + kinds,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("kind", choices=list(KIND_HELP), metavar="KIND", help="what the files are")
    p.add_argument("files", nargs="+", metavar="FILE", help="files (or folders of them)")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--into", metavar="PATH", help="dataset folder to write")
    where.add_argument(
        "--registry",
        action="store_true",
        help="load into the registry (DATABASE_URL, else var/organogram.sqlite3)",
    )
    p.add_argument("--force", action="store_true", help="replace the YAML files of PATH (--into)")
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace the record the registry holds (--registry)",
    )
    p.add_argument(
        "--by", metavar="NAME", type=audit_name, help="who imports, for the audit log (--registry)"
    )
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
    """Import, report, and write the dataset (or the registry) only when there is no error."""
    from ...core.errors import OrganogramError
    from ...importers.problems import ImportFailed
    from ...importers.run import Options, run_import

    if args.into and (args.replace or args.by):
        raise OrganogramError("--replace and --by go with --registry, not --into")
    if args.registry and args.force:
        raise OrganogramError("--force goes with --into; the registry is replaced with --replace")
    if args.registry and not args.replace:
        _refuse_a_full_registry()

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
    target = _write(args, record, report)
    _write_report(args.report, report.problems)
    counts = _counts(record)
    if args.format == "json":
        emit_json(
            {
                "written": True,
                **target,
                **counts,
                "problems": [p.as_dict() for p in report.problems],
            }
        )
        return 0
    out = Printer()
    where = args.into if args.into else f"the registry (revision {target['revision']})"
    out.line(
        out.style(f"Wrote {where}: " + ", ".join(f"{v} {k}" for k, v in counts.items()), "bold")
    )
    if report.warnings:
        _print_warnings(report, args.report)
    return 0


def _registry() -> None:
    """Django set up on the application's database, its tables up to date."""
    # Imported here so that importing into a folder stays fast.
    from ...web.local import migrate, setup

    setup()
    migrate()


def _refuse_a_full_registry() -> None:
    """Refuse before reading the files (a long import) when the load would be refused."""
    _registry()
    from ...registry import models as m
    from ...registry.services import NotEmpty

    existing = m.Organization.objects.first()
    if existing is not None:
        raise NotEmpty(
            f"the registry already holds {existing.name!r}; nothing was imported. "
            "Replace it with --replace (`organogram export PATH` first keeps a copy)"
        )


def _write(args: argparse.Namespace, record, report) -> dict[str, object]:
    """Write the dataset folder, or load the registry; what was written, for --format json."""
    if args.into:
        from ...formats import dump_dataset

        dump_dataset(record, args.into, overwrite=args.force)
        return {"into": args.into}
    _registry()
    from ...registry.audit import Actor
    from ...registry.services import load_record_into_registry

    result = load_record_into_registry(
        record,
        Actor.command_line(args.by),
        replace=args.replace,
        action="organogram.dataset.import",
        origin={
            "kind": args.kind,
            "files": [Path(f).name for f in args.files],
            "warnings": dict(report.counts()),
        },
    )
    return {"into": "registry", "revision": result.revision}


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
        # Messages quote the input: a formula in it must not run in a spreadsheet program.
        writer.writerows(
            {k: neutral(str(v)) if v is not None else "" for k, v in p.as_dict().items()}
            for p in problems
        )
