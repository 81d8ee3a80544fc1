"""``organogram bodies``: the governing bodies, their sessions and bureau, the members."""

from __future__ import annotations

import argparse
import datetime as dt

from ...queries.governance import governance
from ..claims import print_claims
from ..output import Printer, emit_json
from .common import add_format, add_path, load


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "bodies",
        help="governing bodies, their sessions and bureau, members and observers",
        description="Print each governing body with its sessions, the bureau in office (or "
        "possibly in office) at the date, the bureau before and after each session and the "
        "documents linked to it, then how many members and observers the record holds at the "
        "date; with each, what the sources say about it (claims) and where they differ.",
    )
    add_path(p)
    p.add_argument("--at", metavar="DATE", help="as of this date (default: today)")
    add_format(p)
    p.set_defaults(handler=run)


def _who(t: dict) -> str:
    return f"{t['name']} ({t['state']})" if t["name"] else t["state"]


def _print_bureau(out: Printer, body: dict, at: str) -> None:
    """The bureau at the date (each officer certainly or possibly in office, and why),
    then the bureau before and after each session that changed it."""
    bureau = body["bureau_at"]
    certain = [t for t in bureau if t["standing"] == "in-office"]
    if not bureau:
        out.line(f"  Bureau at {at}: none recorded")
    elif not certain:
        out.line(f"  Bureau at {at}: not known for certain; possibly in office:")
    else:
        out.line(f"  Bureau at {at}:")
    for t in bureau:
        maybe = "" if t["standing"] == "in-office" else f" (possibly: {t['standing_why']})"
        out.line(f"    {t['role']}: {_who(t)}{maybe}")
    terms = {t["id"]: t for t in body["bureau"]}
    for group in body["bureau_sessions"]:
        for key, when in (("outgoing", "before"), ("elected", "after")):
            if group[key]:
                held = group["start"] or "date not recorded"
                out.line(f"  Bureau {when} the {group['title']} ({held}):")
                for ident in group[key]:
                    t = terms[ident]
                    out.line(f"    {t['role']}: {_who(t)}")
                    out.line(out.style(f"      {t['term']}", "dim"))


def run(args: argparse.Namespace) -> int:
    """Print the bodies."""
    record = load(args.path)
    data = governance(record, args.at or dt.date.today())
    if args.format == "json":
        emit_json(data)
        return 0
    out = Printer()
    if not data["bodies"]:
        out.line("The record holds no governing body.")
    for body in data["bodies"]:
        name = body["name"] + (f" ({body['abbreviation']})" if body["abbreviation"] else "")
        under = (
            f", a {body['kind'] or 'body'} of the {body['parent_name']}" if body["parent"] else ""
        )
        out.line(out.style(name, "bold") + under)
        for s in body["sessions"]:
            when = s["start"] + (f" to {s['end']}" if s["end"] else "")
            place = f", {s['place']}" if s["place"] else ""
            out.line(f"  {s['title']}: {when or 'date not recorded'}{place}")
            for doc in s["documents"]:
                out.line(out.style(f"      {doc['symbol'] or doc['title']} ({doc['id']})", "dim"))
        _print_bureau(out, body, data["at"])
        print_claims(out, body["claims"], subjects=True, indent="  ")
    m = data["membership"]
    out.line()
    out.line(
        f"At {data['at']} the record holds {m['members']} member(s) and "
        f"{m['observers']} observer(s) (only those the sources name; the whole membership "
        "is not recorded):"
    )
    for entry in m["list"]:
        out.line(f"  {entry['state']}: {entry['status']} since {entry['since']}")
    print_claims(out, m["claims"], "What the sources say about the membership", subjects=True)
    if data["unlinked"]:
        out.line()
        out.line("Sources whose body or session the registers do not hold (not linked):")
        for s in data["unlinked"]:
            said = s["body"] if s["missing"] == "body" else f"{s['body']}, {s['session']}"
            out.line(out.style(f"  {s['id']}: {said}", "dim"))
    return 0
