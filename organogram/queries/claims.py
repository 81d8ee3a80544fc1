"""The claims kept about what a view displays: what each source says about a fact.

A claim (``claims:`` in a dataset) is one source's version of one fact about a subject,
stated or inferred. Every view that shows a subject shows its claims beside it — a unit's
history, a post, the governing bodies, the cost of the structure or of a plan — and where
sources give different values for the same subject and field, says so explicitly rather
than choosing: "sources differ: 2018 (scpf28:27) / 2019 (c109-report:what-2019-will-bring)".

Each function returns a *claims block*, plain data shared by the command line, the pages
and the API::

    {"items": [claim, …], "disagreements": [disagreement, …]}

Each claim and disagreement names its subject for a reader (``about``: a unit's or
post's name, a plan's or register entry's title), as pages show no internal id.

Claims that tell something about a person are left out unless ``people`` is true.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..core.model import Claim
from ..core.record import Record
from .names import citations

#: Claim fields about an organization's membership, shown with the governing bodies.
MEMBERSHIP_FIELDS = frozenset({"members", "member-states", "observers", "membership"})

#: Claim fields that are about who holds a post: personal data.
PERSONAL_FIELDS = frozenset({"holder", "holders", "incumbent", "person", "assignment"})


def is_personal(claim: Claim, record: Record) -> bool:
    """Whether a claim tells something about a person (shown only to signed-in users)."""
    if claim.field in PERSONAL_FIELDS or claim.subject in record.people:
        return True
    text = f"{claim.value} {claim.note}".casefold()
    return any(p.name.casefold() in text for p in record.people.values())


def short_cite(claim: Claim) -> str:
    """The claim's citation as the dataset writes it: ``source:passage``."""
    c = claim.citation
    return f"{c.source}:{c.passage}" if c.passage else c.source


def claims_about(
    record: Record,
    subjects: Iterable[str],
    *,
    people: bool = True,
    keep: Any = None,
    names: Mapping[str, str] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The claims block of ``subjects`` (in the order they are written in the record).

    ``keep`` (a predicate on claims), when given, narrows the claims further. A
    disagreement is a subject and field for which the kept claims give two or more
    different values; each claim also says whether it is disputed and the other values.
    ``names`` gives the readable names of subjects the record alone cannot name (units
    and posts, whose names change over time).
    """
    wanted = set(subjects)
    found = [
        c
        for c in record.claims
        if c.subject in wanted
        and (keep is None or keep(c))
        and (people or not is_personal(c, record))
    ]
    groups: dict[tuple[str, str], list[Claim]] = {}
    for c in found:
        groups.setdefault((c.subject, c.field), []).append(c)
    items = []
    for c in found:
        about = subject_name(record, c.subject, names)
        values = dict.fromkeys(x.value for x in groups[(c.subject, c.field)])
        others = [v for v in values if v != c.value]
        items.append(
            {
                "subject": c.subject,
                "about": about,
                "field": c.field,
                "value": c.value,
                "basis": str(c.basis),
                "note": c.note,
                "cite": short_cite(c),
                "sources": citations((c.citation,), record.sources),
                "disputed": bool(others),
                "other_values": others,
            }
        )
    disagreements = _disagreements(groups)
    for d in disagreements:
        d["about"] = subject_name(record, d["subject"], names)
    return {"items": items, "disagreements": disagreements}


def subject_name(record: Record, subject: str, names: Mapping[str, str] | None = None) -> str:
    """What a reader calls a claim's subject: its name in ``names``, a plan's title, a
    register entry's title or name, the organization's name; the id when none is known."""
    if names and subject in names:
        return names[subject]
    if subject in record.plans:
        return record.plans[subject].title
    if subject == record.organization.id:
        return record.organization.name
    for entries in record.registers.values():
        entry = entries.get(subject)
        if entry is not None:
            return getattr(entry, "title", "") or getattr(entry, "name", "") or subject
    return subject


def _disagreements(groups: dict[tuple[str, str], list[Claim]]) -> list[dict[str, Any]]:
    """Each subject and field with different values, each value with the sources giving it."""
    out = []
    for (subject, field), claims in groups.items():
        by_value: dict[str, list[str]] = {}
        for c in claims:
            by_value.setdefault(c.value, []).append(short_cite(c))
        if len(by_value) < 2:
            continue
        told = " / ".join(f"{v} ({', '.join(cites)})" for v, cites in by_value.items())
        out.append(
            {
                "subject": subject,
                "field": field,
                "values": [{"value": v, "cites": cites} for v, cites in by_value.items()],
                "text": f"sources differ: {told}",
            }
        )
    return out


def node_claims(record: Record, node: str, *, people: bool = True) -> dict[str, Any]:
    """The claims about one unit or post (its history, its page, ``posts --post``)."""
    return claims_about(record, [node], people=people)


def body_claims(record: Record, body: str, *, people: bool = True) -> dict[str, Any]:
    """The claims about a governing body, its sessions and its bureau officers."""
    subjects = [body]
    subjects += [s.id for s in record.register("sessions").values() if s.body == body]
    subjects += [o.id for o in record.register("bureau").values() if o.body == body]
    return claims_about(record, subjects, people=people)


def membership_claims(record: Record, *, people: bool = True) -> dict[str, Any]:
    """The claims about the members and observers: each membership entry's, and the
    organization's own about its membership (a count of Member States…)."""
    org = record.organization.id
    return claims_about(
        record,
        [*record.register("membership"), org],
        people=people,
        keep=lambda c: c.subject != org or c.field in MEMBERSHIP_FIELDS,
    )


def cost_claims(
    record: Record,
    *,
    posts: Iterable[str] = (),
    year: int | None = None,
    tables: Iterable[str] = (),
    plan: str | None = None,
    people: bool = True,
    names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The claims about what a cost view shows: the posts costed (how they are funded,
    their grades…), the budget entries of ``year`` (none without it), the cost tables
    used and the plan costed; ``names`` as :func:`claims_about`."""
    subjects = [*posts, *tables, *([plan] if plan else [])]
    budgets = record.register("budgets").values()
    subjects += [b.id for b in budgets if year is not None and b.year == year]
    return claims_about(record, subjects, people=people, names=names)
