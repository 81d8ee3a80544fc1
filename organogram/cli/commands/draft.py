"""``organogram plan draft`` and ``organogram draft structure``: a reorganization paper,
or a structure description, read into proposed changes for a person to accept, edit or
reject (nothing is written)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path

from ..output import Printer, emit_json
from .common import load

GIVEN = "the date given (--date)"


def add_draft_verb(verbs: argparse._SubParsersAction) -> None:
    """Register ``plan draft``."""
    _add_drafting_command(
        verbs,
        "draft",
        help="propose a plan's changes from a paper (text, Markdown or PDF)",
        description="Read a reorganization paper, find its numbered paragraphs and propose "
        "the plan's changes in the dataset's vocabulary, each with its paragraph, sentence, "
        "rule, basis (stated or read from context) and confidence. Names are resolved "
        "against the dataset as of --date. Mentions not resolved and paragraphs not read are "
        "listed. Nothing is written: add the changes you accept with `organogram plan add`.",
        document=("paper", "PAPER", "the paper: .txt, .md or .pdf"),
        default_date="the day before the earliest date the paper gives its changes, else the "
        "date of the --source in the dataset, else today",
        handler=run_draft,
    )


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``draft`` and its verb ``structure``."""
    p = sub.add_parser(
        "draft",
        help="propose changes from a document (see also `plan draft` for papers)",
        description="Read a document into proposed changes; nothing is written.",
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    _add_drafting_command(
        verbs,
        "structure",
        help="propose the units, lines and functions a structure description gives",
        description='Read a structure description ("is composed of", "directly '
        'supervises", "also oversees", a section per unit) and propose its units, their '
        "kinds, their lines and their functions as changes, each with its paragraph or "
        "section, sentence, rule, basis and confidence. Units the dataset already has are "
        "proposed only where the document differs; where the dataset agrees, the draft says "
        "so. Functions are short lists of the document's own phrases: reword them before "
        "accepting. Nothing is written: add the changes you accept with `organogram plan add`.",
        document=("document", "DOCUMENT", "the description: .txt, .md or .pdf"),
        default_date='the date the document gives itself (a line such as "November 2016"), '
        "else the date of the --source in the dataset, else today",
        handler=run_structure,
    )


def _add_drafting_command(
    verbs: argparse._SubParsersAction,
    name: str,
    *,
    help: str,
    description: str,
    document: tuple[str, str, str],
    default_date: str,
    handler: Callable[[argparse.Namespace], int],
) -> None:
    """A drafting command ``name``: a dataset, the ``document`` to read (its argument's
    name, metavar and help), the options both drafting commands take, its handler."""
    v = verbs.add_parser(name, help=help, description=description)
    v.add_argument("path", metavar="DATASET", help="dataset folder or YAML file")
    dest, metavar, about = document
    v.add_argument(dest, metavar=metavar, help=about)
    v.add_argument(
        "--date",
        default=None,
        metavar="DATE",
        help=f"resolve names against the structure as of this date (default: {default_date})",
    )
    v.add_argument(
        "--source",
        metavar="ID",
        help="the source id the citations use (default: made from the file's name); a "
        "source of the dataset also gives its date and its passages' ids",
    )
    v.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text for people (default), json for programs",
    )
    v.set_defaults(handler=handler)


def source_id(path: str, given: str | None) -> str:
    """The source id citations use: the one given, else the file's name as an id."""
    if given:
        return given
    return re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower()).strip("-") or "paper"


def run_draft(args: argparse.Namespace) -> int:
    """Print the draft of a paper."""
    from ...drafting import draft_paper, paper_date

    return _draft(args, args.paper, paper_date, draft_paper)


def run_structure(args: argparse.Namespace) -> int:
    """Print the draft of a structure description."""
    from ...drafting import description_date, draft_structure

    return _draft(args, args.document, description_date, draft_structure)


def _draft(args: argparse.Namespace, document: str, dated: Callable, drafted: Callable) -> int:
    """Read ``document``, resolve its names as of --date (else the date ``dated`` finds),
    draft it with ``drafted`` and print the draft as --format asks."""
    from ...drafting import AsOf, read_document

    record = load(args.path)
    text = read_document(document)
    when = AsOf(args.date, GIVEN) if args.date else dated(text, record, args.source)
    draft = drafted(record, text, source=source_id(document, args.source), at=when.date)
    draft.at_reason = when.why
    if args.format == "json":
        emit_json(draft.as_dict())
        return 0
    print_draft(Printer(), draft)
    return 0


def print_draft(out: Printer, draft) -> None:
    """The draft for people: the proposals by paragraph, then what was not resolved."""
    out.line(
        out.style(
            f"{len(draft.proposals)} proposed change(s) from {draft.paragraphs} paragraph(s) "
            f"of {draft.source}, names as of {draft.at}",
            "bold",
        )
    )
    if draft.at_reason:
        out.line(out.style(f"Names as of {draft.at}: {draft.at_reason}", "dim"))
    if draft.effective:
        out.line(f"Plan window: {draft.effective['date']} ({draft.effective['cite']})")
    para = None
    for p in draft.proposals:
        if p.paragraph != para:
            para = p.paragraph
            out.line()
            out.line(out.style(f"¶ {p.cite}", "bold"))
        fields = ", ".join(f"{k}={_value(v)}" for k, v in p.params.items())
        colour = "green" if p.basis == "stated" else "yellow"
        out.line(f"  {out.style(p.op, colour)} {fields}")
        out.line(out.style(f"    {p.basis}, confidence {p.confidence:.2f}, rule {p.rule}", "dim"))
        for note in p.notes:
            out.line(out.style(f"    {note}", "dim"))
        out.line(out.style(f"    “{_short(p.sentence)}”", "dim"))
    agree = [d for d in draft.described if d.get("status") == "agrees"]
    if agree:
        out.line()
        out.line(out.style(f"Agrees with the record ({len(agree)})", "bold"))
        for d in agree:
            out.line(f"  {_described(d)}")
    if draft.unresolved:
        out.line()
        out.line(out.style(f"Not resolved ({len(draft.unresolved)})", "bold", "red"))
        for u in draft.unresolved:
            hint = f" — near: {'; '.join(u.suggestions[:3])}" if u.suggestions else ""
            out.line(f"  {u.as_dict()['cite']}: “{u.mention}”{hint}")
    if draft.unread:
        out.line()
        out.line(out.style(f"Not read ({len(draft.unread)})", "bold", "red"))
        for u in draft.unread:
            where = f"paragraph {u['paragraph']}: " if u["paragraph"] else ""
            out.line(f"  {where}{u['why']}")


def _described(d: dict) -> str:
    where = ", ".join(c.rpartition(":")[2] for c in d.get("cites", []))
    if "line" in d:
        return f"{d['source']} {d['line']} → {d['target']} (¶ {where})"
    place = f" under {d['parent']}" if d.get("parent") else ""
    return f"{d['unit']}: {d['kind']}{place} (¶ {where})"


def _value(v) -> str:
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_value(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return str(v)


def _short(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
