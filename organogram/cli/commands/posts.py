"""``organogram posts``: the posts at a date (or the vacancies), or one post in full."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from ...queries.posts import post_detail, posts_at
from ..claims import print_claims
from ..output import Printer, emit_json
from .common import add_format, add_path, load


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "posts",
        help="posts at a date with grade, status, funding, FTE and holder; or one post",
        description="List the posts in force at a date: title, grade, category, unit, duty "
        "station, status, funding, full-time equivalent and who holds them. With --post, "
        "show one post: its terms of reference at the date (and their versions), the "
        "generic description they follow, its grades over time with their sources, "
        "who held it, and what the sources say about it (claims, disagreements named). "
        "The command reads a local dataset, so holders' names are shown; "
        "--without-names leaves them out (personal data).",
    )
    add_path(p)
    p.add_argument("--at", metavar="DATE", help="as of this date (default: today)")
    p.add_argument("--unit", metavar="UNIT", help="only posts in this unit and those under it")
    p.add_argument(
        "--vacant", action="store_true",
        help="only vacancies: established posts a source says are vacant, or nobody holds "
        "once assignments are complete (frozen ones are not)",
    )
    p.add_argument("--post", metavar="ID", help="show this post in full")
    p.add_argument(
        "--without-names", action="store_true",
        help="leave out who holds the posts (personal data): only filled or vacant",
    )
    add_format(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the posts, or one post."""
    record = load(args.path)
    at = args.at or dt.date.today()
    people = not args.without_names
    if args.post:
        data = post_detail(record, args.post, at, people=people)
        if args.format == "json":
            emit_json(data)
        else:
            _print_post(Printer(), data, people)
        return 0
    data = posts_at(record, at, unit=args.unit, vacant=args.vacant, people=people)
    if args.format == "json":
        emit_json(data)
        return 0
    out = Printer()
    scope = f" in {data['unit']['name']} and under it" if data["unit"] else ""
    what = "vacant post(s)" if args.vacant else "post(s)"
    out.line(f"{data['count']} {what}{scope} at {data['date']} ({data['fte']:g} FTE)")
    if not data["posts"]:
        return 0
    out.table(
        ["Post", "Title", "Grade", "Category", "Unit", "Duty station", "Status", "Funding",
         "FTE", "Held by"],
        [
            [
                p["id"], p["title"], p["grade"], p["category"],
                p["unit"]["name"] if p["unit"] else "", p["duty_station"], p["status"],
                p["funding"], f"{p['fte']:g}", _holders(p, people),
            ]
            for p in data["posts"]
        ],
    )
    return 0


def _holders(p: dict[str, Any], people: bool) -> str:
    # "vacant" only where a source says so (or assignments are complete); an established
    # post nobody is recorded holding has "no holder recorded".
    empty = {"vacant": "vacant", "no holder recorded": "no holder recorded"}.get(
        p.get("holding", ""), ""
    )
    if p.get("status") != "established" and empty != "vacant":
        empty = ""
    if not people:
        return "filled" if p["filled"] else empty
    if not p["holders"]:
        return empty
    return ", ".join(
        h["name"] + ("" if h["kind"] == "regular" else f" ({h['kind']})") for h in p["holders"]
    )


def _print_post(out: Printer, d: dict[str, Any], people: bool) -> None:
    out.line(out.style(f"{d['title']} ({d['id']})", "bold"))
    state = {"abolished": "abolished by then", "not-yet": "not yet created"}.get(d["state"])
    facts = [
        ("Grade", d["grade"]), ("Category", d["category"]),
        ("Unit", d["unit"]["name"] if d["unit"] else ""), ("Duty station", d["duty_station"]),
        ("Status", state or d["status"]), ("Funding", d["funding"] or "not recorded"),
        ("FTE", f"{d['fte']:g}"),
    ]
    if d["in_force"]:
        facts.append(("Held by", _holders(d, people) or d.get("holding", "")))
    for label, value in facts:
        if value:
            out.line(f"  {label}: {value}")
    out.line()
    terms = d["terms"]
    if terms is None:
        out.line(f"No terms of reference recorded at {d['date']}.")
    else:
        out.line(out.style(f"Terms of reference in force at {d['date']}", "bold")
                 + f" (version {terms['id']}, effective {terms['effective']})")
        _print_parts(out, terms)
    if d["description"]:
        desc = d["description"]
        out.line()
        out.line(out.style(f"Follows the generic description {desc['title']} ({desc['id']})",
                           "bold"))
        _print_parts(out, desc)
    if len(d["versions"]) > 1:
        out.line()
        out.line("Versions: " + ", ".join(f"{v['id']} ({v['effective']})" for v in d["versions"]))
    out.line()
    out.line(out.style("Classification history", "bold"))
    for c in d["classification"]:
        cites = "; ".join(s["text"] for s in c["sources"])
        grade = c["grade"] or "no grade recorded"
        cited = f" [{cites}]" if cites else ""
        out.line(f"  {c['date']}: {grade} ({c['op']} {c['change']}){cited}")
    if people and d.get("assignments"):
        out.line()
        out.line(out.style("Held by", "bold"))
        for a in d["assignments"]:
            until = f" until {a['until']}" if a["until"] else ""
            out.line(f"  {a['name']}, {a['kind']}, from {a['since']}{until}")
    print_claims(out, d["claims"])


_LISTS = [
    ("duties", "Duties"), ("values", "Values"), ("education", "Education"),
    ("experience", "Experience"),
]


def _print_parts(out: Printer, parts: dict[str, Any]) -> None:
    if parts.get("background"):
        out.line(f"  Background: {parts['background']}")
    for key, label in _LISTS:
        if parts.get(key):
            out.line(f"  {label}:")
            for item in parts[key]:
                cite = f" [{item['cite']}]" if item.get("cite") else ""
                out.line(f"    - {item['text']}{out.style(cite, 'dim')}")
    for key, label in (("core_competencies", "Core competencies"),
                       ("managerial_competencies", "Managerial competencies")):
        if parts.get(key):
            out.line(f"  {label}: " + ", ".join(
                c["name"] + (f" (level {c['level']})" if c.get("level") else "")
                for c in parts[key]
            ))
    if parts.get("languages"):
        out.line("  Languages: " + ", ".join(
            f"{lang['language']} ({lang.get('level', 'required')})" for lang in parts["languages"]
        ))
    if parts.get("duty_station"):
        out.line(f"  Duty station: {parts['duty_station']}")
