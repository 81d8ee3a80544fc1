"""``organogram search``: who deals with what, by name, former name, mandate or text."""

from __future__ import annotations

import argparse
import datetime as dt

from ...core.dates import FuzzyDate
from ..output import Printer, emit_json
from .common import add_format, add_path, load

#: What may be searched, as ``--kind`` takes it.
KINDS = ("unit", "post", "person", "source", "change")

#: Each kind's heading in the text output.
HEADINGS = {
    "unit": "Units",
    "post": "Posts",
    "person": "People",
    "source": "Sources",
    "change": "Changes",
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "search",
        help="search the record: units, posts, people, sources and changes",
        description="Search a dataset as of a date: units by their names (current and "
        "former), abbreviations, mandates and functions; posts by title and terms of "
        "reference; people by name; sources; changes by their narration, reason and note. "
        "Results are ranked (an exact name first, a current name before a former one, "
        "what a unit does after names), grouped by kind, each with the span in which the "
        "matching text held and its citation. Any text is a valid query. The command reads "
        "a local dataset, so people's names are searched; --without-names leaves them out.",
    )
    add_path(p)
    p.add_argument("query", metavar="QUERY", help="the words sought (any text)")
    p.add_argument(
        "--at",
        default="today",
        metavar="DATE",
        help="search the record as of this date (a period means its last day); default today",
    )
    p.add_argument(
        "--kind",
        action="append",
        choices=KINDS,
        help="only things of this kind (repeat for several); default all",
    )
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results")
    p.add_argument(
        "--without-names",
        action="store_true",
        help="search as someone who may not see people's names (personal data)",
    )
    add_format(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the results; exit status 1 when nothing is found."""
    from ...search import documents, search
    from ...search.memory import MemoryIndex
    from ...search.names import namer

    record = load(args.path)
    day: dt.date = FuzzyDate.parse(args.at).end
    people = not args.without_names
    index = MemoryIndex(documents(record))
    results = search(
        index,
        args.query,
        at=day,
        kinds=args.kind or KINDS,
        people=people,
        namer=namer(record, day),
        limit=max(args.limit, 1),
    )
    if args.format == "json":
        emit_json(results.as_dict())
        return 0 if results.hits else 1
    out = Printer()
    if not results.hits:
        out.line(f"Nothing found for “{args.query}” as of {day.isoformat()}.")
        return 1
    head = f"{len(results.hits)} found for “{args.query}” as of {day.isoformat()}"
    if results.loose:
        head += " (no text holds every word: these hold some)"
    out.line(out.style(head, "bold"))
    for kind, hits in results.groups():
        out.line()
        out.line(out.style(HEADINGS[kind], "bold"))
        for h in hits:
            marked = "".join(out.style(t, "bold") if m else t for t, m in h.snippet)
            if h.text == h.name:  # a change, told by the text that matched
                out.line(f"  {marked}  " + out.style(f"({h.id})", "dim"))
            else:
                out.line(f"  {h.name}  " + out.style(f"({h.id})", "dim"))
                former = "" if h.current else " (former)"
                out.line(f"    {h.field_words}{former}: {marked}")
            cited = f"cited: {', '.join(h.citations)}" if h.citations else ""
            facts = [f for f in (h.when, cited) if f]
            if facts:
                out.line("    " + out.style("; ".join(facts), "dim"))
    return 0
