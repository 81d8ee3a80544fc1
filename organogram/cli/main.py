"""Entry point of the ``organogram`` command: parses arguments and dispatches."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..core.dates import DateError
from ..core.errors import OrganogramError
from . import commands


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand; docs/cli.md is generated from it."""
    parser = argparse.ArgumentParser(
        prog="organogram",
        description="The structure of an organization over time: units, posts, reporting "
        "lines, dated changes and reorganization plans.",
    )
    parser.add_argument("--version", action="version", version=f"organogram {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in commands.ALL:
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 problems found, 2 usage error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except (OrganogramError, DateError) as exc:
        print(f"organogram {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. piped into `head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
