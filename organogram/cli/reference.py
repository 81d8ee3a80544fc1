"""Writes docs/cli.md from the parser itself, so the reference cannot drift from the code.

Run ``python -m organogram.cli.reference > docs/cli.md``; a test fails when the file
is stale.
"""

from __future__ import annotations

import argparse
import os
import sys

from .main import build_parser

_INTRO = """# Command line reference

This page is generated from the command itself (`python -m organogram.cli.reference`);
a test fails when it is out of date. Every command that prints data takes
`--format json` for programs; text output uses colour on a terminal unless `NO_COLOR`
is set.

Exit status: 0 when all is well, 1 when the dataset has errors (or a validation found
one, or the registry refused a write: nothing is written then), 2 for a usage error.

The commands that write the registry (`load`, `record`, `reverse`, `plan new|add|edit|
remove|rebase|move|enact`, `user`, `import --registry`) run the same actions as the web
pages and the API (see [the write path](web.md#the-write-path)), each audited as
`via: cli` under `--by NAME` (default: the account running the command). The registry is
the web application's database: `DATABASE_URL`, else `var/organogram.sqlite3`.
"""


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _walk(name: str, parser: argparse.ArgumentParser, depth: int, out: list[str]) -> None:
    out.append(f"{'#' * depth} `{name}`\n")
    out.append("```\n" + parser.format_help().rstrip() + "\n```\n")
    for sub_name, sub in _subparsers(parser).items():
        _walk(f"{name} {sub_name}", sub, depth + 1, out)


def render() -> str:
    """The Markdown reference for every command and subcommand."""
    # A fixed width keeps the generated text the same on every terminal.
    os.environ["COLUMNS"] = "88"
    parser = build_parser()
    out = [_INTRO]
    _walk("organogram", parser, 2, out)
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(render())
