"""Hypothesis strategies for records that a dataset can hold.

Every reference points at an id the record creates, as the loader requires; what a
change does to the structure is not checked (the loader does not either), so the
changes can be any mix of ops on any of the ids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from itertools import count

from hypothesis import strategies as st

from organogram.core.changes import REGISTRY, CreatePost, CreateUnit, UnitSpec
from organogram.core.dates import FuzzyDate
from organogram.core.model import (
    SIDE_LINE_KINDS,
    AssignmentKind,
    Basis,
    Citation,
    Claim,
    Funding,
    Organization,
    Person,
    PostStatus,
    Source,
)
from organogram.core.plans import Phase, Plan, PlanStatus, StatusEvent
from organogram.core.record import Record
from organogram.core.timeline import Timeline

IDS = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,6}", fullmatch=True)
TRICKY = st.sampled_from(
    ["NO", "yes", "null", "~", "2009", "1.10", "- x", "a: b", "#c", "'q'", '"d"', "", " x ", "é"]
)
# Any text but NUL, which the format refuses (the registry's PostgreSQL cannot hold it).
TEXT = st.one_of(
    TRICKY,
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20),
)
LINE = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12)
PASSAGE = st.from_regex(r"([A-Za-z0-9][A-Za-z0-9 .:-]{0,8})?", fullmatch=True).map(str.strip)


@st.composite
def dates(draw) -> FuzzyDate:
    year = draw(st.integers(1950, 2050))
    form = draw(st.sampled_from(["y", "h", "q", "m", "d"]))
    if form == "y":
        return FuzzyDate.parse(str(year))
    if form == "h":
        return FuzzyDate.parse(f"{year}-H{draw(st.integers(1, 2))}")
    if form == "q":
        return FuzzyDate.parse(f"{year}-Q{draw(st.integers(1, 4))}")
    if form == "m":
        return FuzzyDate.parse(f"{year}-{draw(st.integers(1, 12)):02d}")
    return FuzzyDate.day(draw(st.dates(dt.date(1950, 1, 1), dt.date(2050, 12, 31))))


RECORD_TIMES = st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2040, 1, 1)).flatmap(
    lambda d: st.sampled_from([d, d.replace(tzinfo=dt.UTC)])
)


class Pools:
    """The ids of one record, and fresh ids for units that changes create."""

    def __init__(self, draw, units, posts, people, sources):
        self.draw, self.units, self.posts = draw, units, posts
        self.people, self.sources = people, sources
        self.fresh = (f"new{n}" for n in count())
        # A few shared dates, so that changes often fall on the same date, where the
        # order in which they are written matters.
        self.dates = draw(st.lists(dates(), min_size=1, max_size=3))

    def pick(self, ids):
        return self.draw(st.sampled_from(ids))

    def node(self):
        return self.pick(self.units + self.posts)

    def maybe(self, strategy, absent=None):
        return self.draw(st.one_of(st.just(absent), strategy))

    def spec(self, ident: str) -> UnitSpec:
        d = self.draw
        return UnitSpec(
            id=ident,
            name=d(TEXT),
            kind=d(LINE),
            abbreviation=d(st.one_of(st.just(""), LINE)),
            mandate=self.maybe(TEXT, ""),
            functions=tuple(d(st.lists(LINE, max_size=2))),
            location=self.maybe(LINE, ""),
            head=self.maybe(st.sampled_from(self.posts)),
        )

    def common(self) -> dict:
        d = self.draw
        cites = d(st.lists(st.builds(Citation, st.sampled_from(self.sources), PASSAGE), max_size=2))
        return {
            "date": d(st.one_of(st.sampled_from(self.dates), dates())),
            "cites": tuple(cites),
            "reason": self.maybe(TEXT, ""),
            "basis": d(st.sampled_from(list(Basis))),
            "note": self.maybe(TEXT, ""),
            "recorded_by": self.maybe(LINE, ""),
            "recorded_at": self.maybe(RECORD_TIMES),
        }

    def params(self, op: str) -> dict:
        """Random parameters of a change of ``op``."""
        d, unit, post = self.draw, lambda: self.pick(self.units), lambda: self.pick(self.posts)
        node, text = self.node, lambda: d(TEXT)
        if op == "create":
            return {"unit": self.spec(next(self.fresh)), "parent": self.maybe(st.just(node()))}
        if op in ("rename", "reclassify"):
            p = {"unit": unit(), "name": text()} if op == "rename" else {"unit": unit()}
            if op == "reclassify":
                p.update(kind=text(), name=self.maybe(TEXT))
            return {**p, "abbreviation": self.maybe(LINE)}
        if op == "redescribe":
            functions = self.maybe(st.lists(LINE, max_size=2).map(tuple))
            return {"unit": unit(), "mandate": self.maybe(TEXT), "functions": functions}
        if op == "relocate":
            return {"unit": unit(), "location": text()}
        if op == "set-head":
            return {"unit": unit(), "head": self.maybe(st.just(post()))}
        if op == "move":
            return {"node": node(), "to": self.maybe(st.just(node()))}
        if op == "abolish":
            return {"unit": unit()}
        if op in ("merge", "replace"):
            new = d(st.booleans())
            target = next(self.fresh) if new else unit()
            p = {"into": target} if op == "merge" else {"by": target, "unit": unit()}
            if op == "merge":
                p["units"] = tuple(d(st.lists(st.sampled_from(self.units), min_size=1, max_size=3)))
            return {
                **p,
                "new": self.spec(target) if new else None,
                "parent": self.maybe(st.just(node())),
            }
        if op == "split":
            into = tuple(self.spec(next(self.fresh)) for _ in range(d(st.integers(1, 2))))
            parents = {s.id: self.maybe(st.just(node())) for s in into if d(st.booleans())}
            moves = {node(): node() for _ in range(d(st.integers(0, 2)))}
            return {
                "unit": unit(),
                "into": into,
                "keep": d(st.booleans()),
                "parents": parents,
                "moves": moves,
            }
        if op in ("add-line", "remove-line"):
            return {
                "source": node(),
                "kind": d(st.sampled_from(sorted(SIDE_LINE_KINDS))),
                "target": node(),
            }
        if op == "create-post":
            return self.post(next(self.fresh))
        if op == "abolish-post":
            return {"post": post()}
        if op == "regrade-post":
            return {
                "post": post(),
                "grade": text(),
                "title": self.maybe(TEXT),
                "category": self.maybe(TEXT),
            }
        if op == "amend-post":
            return {
                "post": post(),
                "title": self.maybe(TEXT),
                "duty_station": self.maybe(LINE),
                "senior": self.maybe(st.booleans()),
                "status": self.maybe(st.sampled_from(list(PostStatus))),
                "funding": self.maybe(st.sampled_from([f for f in Funding if f])),
                "fte": self.maybe(st.sampled_from([0.5, 1.0])),
            }
        if op == "move-post":
            p = {"post": post()}
            for name, value in (("unit", unit), ("reports_to", node)):
                choice = d(st.sampled_from(["keep", "none", "set"]))
                if choice != "keep":
                    p[name] = None if choice == "none" else value()
            return p
        if op == "assign":
            return {
                "post": post(),
                "person": self.pick(self.people),
                "kind": d(st.sampled_from(list(AssignmentKind))),
            }
        if op == "vacate":
            return {"post": post(), "person": self.pick(self.people)}
        raise AssertionError(f"no strategy for op {op!r}")

    def post(self, ident: str) -> dict:
        d = self.draw
        return {
            "post": ident,
            "title": d(TEXT),
            "grade": self.maybe(LINE, ""),
            "category": self.maybe(LINE, ""),
            "unit": self.maybe(st.sampled_from(self.units)),
            "duty_station": self.maybe(LINE, ""),
            "senior": d(st.booleans()),
            "status": d(st.sampled_from(list(PostStatus))),
            "funding": d(st.sampled_from(list(Funding))),
            "fte": d(st.sampled_from([1.0, 0.5, 0.25, 0.8])),
            "reports_to": self.maybe(st.just(self.node())),
        }

    def change(self, ident: str, op: str | None = None):
        op = op or self.draw(st.sampled_from(sorted(REGISTRY)))
        return REGISTRY[op](id=ident, **self.params(op), **self.common())


@st.composite
def records(draw) -> Record:
    """A record with sources, people, units, posts, changes of every op, plans and claims."""
    ids = draw(st.lists(IDS, min_size=6, max_size=14, unique=True))
    units, posts = ids[:2], ids[2:4]
    people, sources = ids[4:5], ids[5:6] + ids[6:8]
    plan_ids = ids[8:]
    pools = Pools(draw, units, posts, people, sources)
    serial = (f"c{n}" for n in count(1))
    top = [
        CreateUnit(
            id=draw(st.sampled_from([f"create-{u}", next(serial)])),
            unit=pools.spec(u),
            parent=pools.maybe(st.sampled_from(posts)),
            **pools.common(),
        )
        for u in units
    ]
    top += [
        CreatePost(
            id=draw(st.sampled_from([f"create-post-{p}", next(serial)])),
            **pools.post(p),
            **pools.common(),
        )
        for p in posts
    ]
    top += [pools.change(next(serial)) for _ in range(draw(st.integers(0, 8)))]
    plans = {}
    for pid in plan_ids[:2]:
        phases = tuple(
            Phase(f"ph{k}", draw(LINE), draw(dates())) for k in range(draw(st.integers(0, 2)))
        )
        changes = [pools.change(next(serial)) for _ in range(draw(st.integers(0, 3)))]
        effective = draw(dates())
        changes = [
            replace(c, date=effective) if draw(st.booleans()) else c  # written without a date
            for c in changes
        ]
        phase_of = {
            c.id: draw(st.sampled_from(phases)).id
            for c in changes
            if phases and draw(st.booleans())
        }
        plans[pid] = Plan(
            id=pid,
            title=draw(TEXT),
            effective=effective,
            status=draw(st.sampled_from(list(PlanStatus))),
            description=pools.maybe(TEXT, ""),
            drafted_at=pools.maybe(RECORD_TIMES),
            documents=tuple(draw(st.lists(st.sampled_from(sources), max_size=2))),
            phases=phases,
            changes=changes,
            events=[
                StatusEvent(
                    draw(st.sampled_from(list(PlanStatus))), draw(dates()), draw(LINE), draw(TEXT)
                )
                for _ in range(draw(st.integers(0, 2)))
            ],
            phase_of=phase_of,
        )
    enacted = [c for p in plans.values() if p.status is PlanStatus.ENACTED for c in p.changes]
    people_map = {p: Person(p, draw(TEXT), pools.maybe(TEXT, "")) for p in people}
    claims = [
        Claim(
            pools.pick(ids[:6]),
            draw(LINE),
            draw(TEXT),
            Citation(pools.pick(sources), draw(PASSAGE)),
            draw(st.sampled_from(list(Basis))),
            draw(TEXT),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    source_map = {
        s: Source(
            id=s,
            title=draw(TEXT),
            symbol=pools.maybe(LINE, ""),
            date=pools.maybe(dates()),
            url=pools.maybe(LINE, ""),
            cites=tuple(draw(st.lists(st.sampled_from(sources), max_size=2))),
        )
        for s in sources
    }
    return Record(
        organization=Organization(ids[0], draw(TEXT), pools.maybe(TEXT, ""), tuple(sources[:1])),
        timeline=Timeline([*top, *enacted], people_map),
        sources=source_map,
        people=people_map,
        claims=claims,
        plans=plans,
    )
