"""``organogram export-as``: a dataset out as a spreadsheet, W3C ORG or Popolo."""

from __future__ import annotations

import argparse
import sys

from .common import add_path, load

FORMATS = {
    "yaml": "the dataset as one YAML file",
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
        description="Write the record in another format. The YAML file and the spreadsheet "
        "template hold the whole record and read back into the same record; with --at, "
        "--unit or --plan they hold that structure instead, created on its day. JSON-LD, "
        "Turtle and Popolo give the structure as of --at (default today) with the history "
        "up to then: memberships with their dates and the events that changed units. "
        "--unit keeps a unit's subtree, --plan gives a plan's result (on its effective "
        "date unless --at says otherwise): what the web pages' downloads give. See "
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
        "--unit", metavar="ID", help="only this unit (or senior post) and what is under it"
    )
    p.add_argument("--plan", metavar="ID", help="the structure the plan makes (its preview)")
    p.add_argument(
        "--without-names",
        "--without-personal-data",
        dest="without_names",
        action="store_true",
        help="leave out the people, their names, contacts and CVs, who held which post, "
        "and the personal fields of register entries (personal data)",
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
    from ...exporters.download import download, snapshot_record
    from ...exporters.table import write_csv, write_xlsx
    from ...formats.dump import dataset_text
    from ...queries.selection import select, without_people

    record = load(args.path)
    if args.format in ("xlsx", "csv") and not args.output:
        raise OrganogramError(f"give -o OUT: {args.format} is not written to the terminal")
    template = args.format in ("yaml", "xlsx", "csv")
    if template and not (args.at or args.unit or args.plan):
        # The whole record, history and plans: it reads back as the same record.
        whole = without_people(record) if args.without_names else record
        if args.format == "yaml":
            return _write(args.output, dataset_text(whole).encode("utf-8"))
        (write_xlsx if args.format == "xlsx" else write_csv)(whole, args.output)
        print(f"Wrote {args.output}", file=sys.stderr)
        return 0
    selection = select(
        record, args.at, unit=args.unit, plan=args.plan, people=not args.without_names
    )
    if args.format == "csv":
        write_csv(snapshot_record(selection), args.output)
        print(f"Wrote {args.output}", file=sys.stderr)
        return 0
    return _write(args.output, download(selection, args.format, args.base).data)


def _write(output: str | None, data: bytes) -> int:
    if output:
        with open(output, "wb") as f:
            f.write(data)
        print(f"Wrote {output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
