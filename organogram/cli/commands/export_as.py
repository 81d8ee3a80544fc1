"""``organogram export-as``: a dataset out as a spreadsheet, W3C ORG or Popolo."""

from __future__ import annotations

import argparse
import sys

from .common import add_path, load

FORMATS = {
    "xlsx": "the spreadsheet template as a workbook (OUT: a .xlsx file)",
    "csv": "the spreadsheet template as CSV files (OUT: a folder)",
    "jsonld": "W3C Organization Ontology in JSON-LD",
    "turtle": "W3C Organization Ontology in Turtle",
    "popolo": "Popolo JSON: organizations, posts, persons, memberships",
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    formats = "\n".join(f"  {k:<8} {v}" for k, v in FORMATS.items())
    p = sub.add_parser(
        "export-as",
        help="write a dataset as a spreadsheet, W3C ORG (JSON-LD, Turtle) or Popolo",
        description="Write the record in another format. The spreadsheet template holds the "
        "whole record and reads back with `organogram import` into the same record; with "
        "--at it holds the structure as of that date instead. JSON-LD, Turtle and Popolo "
        "give the structure as of --at (default today) with the history up to then: "
        "memberships with their dates and the events that changed units. See "
        "docs/imports.md.\n\nformats:\n" + formats,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("format", choices=list(FORMATS), metavar="FORMAT", help="the format to write")
    add_path(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="file (folder for csv) to write; standard output when left out (not for xlsx or csv)",
    )
    p.add_argument(
        "--at",
        metavar="DATE",
        help="the date of the structure: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY",
    )
    p.add_argument(
        "--base",
        default="",
        metavar="IRI",
        help="base of the IRIs in JSON-LD and Turtle (default urn:organogram:ORG:)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the export."""
    from ...core.errors import OrganogramError

    record = load(args.path)
    if args.format in ("xlsx", "csv"):
        from ...exporters.snapshot import record_at
        from ...exporters.table import write_csv, write_xlsx

        if not args.output:
            raise OrganogramError(f"give -o OUT: {args.format} is not written to the terminal")
        if args.at:
            record = record_at(record, args.at)
        (write_xlsx if args.format == "xlsx" else write_csv)(record, args.output)
        print(f"Wrote {args.output}", file=sys.stderr)
        return 0
    at = args.at or "today"
    if args.format == "popolo":
        from ...exporters.popolo import to_popolo_json

        text = to_popolo_json(record, at)
    else:
        from ...exporters.orgont import to_jsonld, to_turtle

        text = (to_jsonld if args.format == "jsonld" else to_turtle)(record, at, args.base)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0
