"""``organogram load`` and ``organogram export``: datasets into and out of the registry."""

from __future__ import annotations

import argparse

from ..audit_name import audit_name
from .common import add_path


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register both subcommands."""
    p = sub.add_parser(
        "load",
        help="load a dataset into the registry (the web application's database)",
        description="Load a dataset folder into the registry, all of it or nothing. The "
        "registry must be empty unless --replace is given. The database is the one the web "
        "application uses: DATABASE_URL, else var/organogram.sqlite3.",
    )
    add_path(p)
    p.add_argument("--replace", action="store_true", help="replace the record the registry holds")
    p.add_argument(
        "--by",
        metavar="NAME",
        type=audit_name,
        help="who loads it, for the audit log (default: you)",
    )
    p.set_defaults(handler=run_load)

    p = sub.add_parser(
        "export",
        help="write the registry's record as a dataset folder",
        description="Write the registry's record as a dataset folder in the YAML format, "
        "atomically. The folder must not exist or be empty, unless --overwrite is given.",
    )
    p.add_argument("path", metavar="PATH", help="folder to write")
    p.add_argument(
        "--overwrite", action="store_true", help="replace the YAML files of an existing folder"
    )
    p.add_argument(
        "--without-personal-data",
        "--without-names",
        dest="without_names",
        action="store_true",
        help="leave out the people, their names, contacts and CVs, who held which post, "
        "and the personal fields of register entries",
    )
    p.set_defaults(handler=run_export)

    p = sub.add_parser(
        "reindex",
        help="rebuild the registry's search index",
        description="Make the registry's search index again from its record. Every write "
        "keeps the index up to date and `load` builds it; this is for a registry loaded "
        "before search existed, or an index in doubt.",
    )
    p.add_argument(
        "--by", metavar="NAME", type=audit_name, help="who rebuilds it, for the audit log"
    )
    p.set_defaults(handler=run_reindex)


def run_reindex(args: argparse.Namespace) -> int:
    """Rebuild the search index."""
    from ...web.local import migrate, setup

    setup()
    migrate()
    from ...registry.actions import RebuildSearchIndex, run
    from ...registry.audit import Actor

    count = run(RebuildSearchIndex(), Actor.command_line(args.by))
    print(f"Indexed {count} search documents.")
    return 0


def run_load(args: argparse.Namespace) -> int:
    """Load the dataset."""
    # Django is imported here so that the other commands stay fast.
    from ...web.local import migrate, setup

    setup()
    migrate()
    from ...registry.audit import Actor
    from ...registry.services import load_dataset_into_registry

    result = load_dataset_into_registry(
        args.path, Actor.command_line(args.by), replace=args.replace
    )
    counts = ", ".join(f"{n} {what}" for what, n in result.counts.items())
    print(f"Loaded {result.organization}: {counts} (revision {result.revision}).")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Export the record."""
    from ...web.local import migrate, setup

    setup()
    migrate()
    from ...registry.services import export_registry

    record = export_registry(args.path, overwrite=args.overwrite, personal=not args.without_names)
    print(f"Wrote {record.organization.name} to {args.path}.")
    return 0
