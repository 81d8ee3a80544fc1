"""Arguments and helpers shared by the subcommands."""

from __future__ import annotations

import argparse

from ...core.record import Record


def add_path(parser: argparse.ArgumentParser) -> None:
    """The dataset folder (or single YAML file) argument."""
    parser.add_argument("path", metavar="PATH", help="dataset folder or YAML file")


def add_at(parser: argparse.ArgumentParser) -> None:
    """``--at DATE``: the date of the structure, default today."""
    parser.add_argument(
        "--at",
        default="today",
        metavar="DATE",
        help="YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY (a period means its last day); default today",
    )


def add_format(parser: argparse.ArgumentParser) -> None:
    """``--format text|json``."""
    parser.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text for people (default), json for programs",
    )


def load(path: str) -> Record:
    """Load a dataset, raising DatasetError (every problem, with file and line) if it is bad."""
    # Imported here so `organogram --help` stays fast.
    from ...formats import load_dataset

    return load_dataset(path)
