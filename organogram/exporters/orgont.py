"""A record as the W3C Organization Ontology (https://www.w3.org/TR/vocab-org/).

* the organization is an ``org:FormalOrganization``; each unit an
  ``org:OrganizationalUnit``, ``org:unitOf`` the organization and
  ``org:subOrganizationOf`` its parent unit (as on the export's date);
* each post an ``org:Post``, ``org:postIn`` its unit, ``org:reportsTo`` its line of
  oversight, its title an ``org:Role`` and its grade an ``org:classification``;
* each person a ``foaf:Person`` who ``org:holds`` a post, and an ``org:Membership`` of
  the post's unit ``org:memberDuring`` a ``time:Interval``;
* each creation, rename, reclassification, merge, split, replacement and abolition an
  ``org:ChangeEvent`` with ``org:originalOrganization`` and
  ``org:resultingOrganization``, dated with ``dcterms:date``.

A date the sources bound without giving it (``../2021-06``, ``2009/2021``, ``2011~``)
is written as an ISO 8601-2 (EDTF) literal (the Library of Congress datatype
``edtf:EDTF``) where a date is expected, and an interval's end so dated gets no
``time:Instant`` but a ``skos:note`` in words. A holder the sources do not name is
not a ``foaf:Person``: their membership has no ``org:member`` and a ``skos:note``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from ..core.dates import FuzzyDate, Precision
from ..core.record import Record
from ..importers.mapping import make_id
from .facts import Facts, gather
from .triples import TYPE, Graph, Literal, Ref, jsonld, turtle


def date_literal(date: FuzzyDate) -> Literal:
    """A date as precise as it is known: xsd:date, xsd:gYearMonth or xsd:gYear; a date
    only bounded or approximate in its EDTF form (never as a day it is not)."""
    if date.form:
        return Literal(date.form, "edtf:EDTF")
    if date.precision == Precision.DAY:
        return Literal(date.start.isoformat(), "xsd:date")
    if date.precision == Precision.MONTH:
        return Literal(str(date), "xsd:gYearMonth")
    # A quarter or a half-year has no XSD type: its year is what is sure.
    return Literal(f"{date.start.year:04d}", "xsd:gYear")


_INSTANT = {"xsd:date": "time:inXSDDate", "xsd:gYearMonth": "time:inXSDgYearMonth"}


class _Writer:
    def __init__(self, record: Record, facts: Facts, base: str):
        self.r, self.f, self.base, self.g = record, facts, base, Graph()
        self.blank = 0

    def iri(self, kind: str, ident: str) -> str:
        return f"{self.base}{kind}/{ident}"

    def node_iri(self, node: str) -> str:
        s = self.f.structure
        is_post = node in s.posts or node in s.retired_posts
        return self.iri("post" if is_post else "unit", node)

    def interval(self, start: FuzzyDate | None, end: FuzzyDate | None) -> Ref:
        self.blank += 1
        b = f"_:interval{self.blank}"
        self.g.add(b, TYPE, Ref("time:Interval"))
        for prop, date in (("time:hasBeginning", start), ("time:hasEnd", end)):
            if date is None:
                continue
            if date.form:
                side = "begins" if prop == "time:hasBeginning" else "ends"
                self.g.add(b, "skos:note", f"{side} {date.describe()} ({date.form})")
                continue
            self.blank += 1
            inst = f"_:instant{self.blank}"
            self.g.add(b, prop, Ref(inst))
            self.g.add(inst, TYPE, Ref("time:Instant"))
            lit = date_literal(date)
            self.g.add(inst, _INSTANT.get(lit.datatype, "time:inXSDgYear"), lit)
        return Ref(b)

    def concept(self, scheme: str, label: str) -> Ref:
        iri = self.iri(scheme, make_id(label))
        if iri not in self.g.subjects:
            self.g.add(iri, TYPE, Ref("skos:Concept"))
            self.g.add(iri, "skos:prefLabel", label)
        return Ref(iri)

    def write(self) -> Graph:
        g, s, org = self.g, self.f.structure, self.r.organization
        root = self.iri("organization", org.id)
        g.add(root, TYPE, Ref("org:FormalOrganization"))
        g.add(root, "skos:prefLabel", org.name)
        if org.description:
            g.add(root, "dcterms:description", org.description)
        for u in self.f.units:
            unit = s.units.get(u) or s.retired_units[u]
            iri = self.iri("unit", u)
            g.add(iri, TYPE, Ref("org:OrganizationalUnit"))
            g.add(iri, "skos:prefLabel", unit.name)
            g.add(iri, "org:identifier", u)
            if unit.abbreviation:
                g.add(iri, "skos:altLabel", unit.abbreviation)
            g.add(iri, "org:classification", self.concept("kind", unit.kind))
            if unit.mandate:
                g.add(iri, "org:purpose", unit.mandate)
            g.add(iri, "org:unitOf", Ref(root))
            for name in self.f.names.get(u, [])[:-1]:
                g.add(iri, "skos:hiddenLabel", name.name)
            parent = s.oversight.get(u)
            # A subtree's top reports to what the export leaves out: no line is written.
            if self.f.has(parent) and u in s.units:
                prop = "org:subOrganizationOf" if parent in s.units else "org:reportsTo"
                g.add(iri, prop, Ref(self.node_iri(parent)))
        for p in self.f.posts:
            post = s.posts.get(p) or s.retired_posts[p]
            iri = self.iri("post", p)
            g.add(iri, TYPE, Ref("org:Post"))
            g.add(iri, "skos:prefLabel", post.title)
            g.add(iri, "org:identifier", p)
            g.add(iri, "org:role", self.concept("role", post.title))
            if post.grade:
                g.add(iri, "org:classification", self.concept("grade", post.grade))
            unit_iri = self.iri("unit", post.unit) if self.f.has(post.unit) else root
            g.add(iri, "org:postIn", Ref(unit_iri))
            if self.f.has(s.oversight.get(p)):
                g.add(iri, "org:reportsTo", Ref(self.node_iri(s.oversight[p])))
        self.people_and_memberships(root)
        self.events()
        return g

    def people_and_memberships(self, root: str) -> None:
        g = self.g
        for person in self.f.people(self.r):
            g.add(self.iri("person", person.id), TYPE, Ref("foaf:Person"))
            g.add(self.iri("person", person.id), "foaf:name", person.name)
        for n, h in enumerate(self.f.holdings, 1):
            person, post = self.iri("person", h.person), self.iri("post", h.post)
            if h.person and h.end is None and h.post in self.f.structure.posts:
                g.add(person, "org:holds", Ref(post))
                g.add(post, "org:heldBy", Ref(person))
            m = self.iri("membership", str(n))
            g.add(m, TYPE, Ref("org:Membership"))
            if h.person:
                g.add(m, "org:member", Ref(person))
            else:
                g.add(m, "skos:note", "held by a person the sources do not name")
            unit = self.iri("unit", h.unit) if self.f.has(h.unit) else root
            g.add(m, "org:organization", Ref(unit))
            g.add(m, "org:role", Ref(self.iri("role", make_id(self.post_title(h.post)))))
            g.add(m, "org:memberDuring", self.interval(h.start, h.end))

    def post_title(self, post: str) -> str:
        s = self.f.structure
        return (s.posts.get(post) or s.retired_posts[post]).title

    def events(self) -> None:
        g = self.g
        for n, e in enumerate(self.f.events, 1):
            # A change without an id (an import's) is named by its place among the events.
            iri = self.iri("event", make_id(e.change.id or f"{e.kind}-{n}"))
            g.add(iri, TYPE, Ref("org:ChangeEvent"))
            g.add(iri, "dcterms:type", e.kind)
            g.add(iri, "dcterms:date", date_literal(e.change.date))
            g.add(iri, "dcterms:description", e.text)
            for u in e.original:
                g.add(iri, "org:originalOrganization", Ref(self.iri("unit", u)))
                g.add(self.iri("unit", u), "org:changedBy", Ref(iri))
            for u in e.resulting:
                g.add(iri, "org:resultingOrganization", Ref(self.iri("unit", u)))
                g.add(self.iri("unit", u), "org:resultedFrom", Ref(iri))
            for c in e.change.cites:
                g.add(iri, "dcterms:source", str(c))


def default_base(record: Record) -> str:
    """The base of the IRIs when none is given: a URN in the organization's name."""
    return f"urn:organogram:{record.organization.id}:"


def graph(
    record: Record,
    at: str | dt.date | FuzzyDate = "today",
    base: str = "",
    nodes: Collection[str] | None = None,
) -> Graph:
    """The ORG graph of ``record`` as of ``at``, with its history up to then (of ``nodes``
    only, when given: a subtree)."""
    return _Writer(record, gather(record, at, nodes), base or default_base(record)).write()


def to_turtle(
    record: Record,
    at: str | dt.date | FuzzyDate = "today",
    base: str = "",
    nodes: Collection[str] | None = None,
) -> str:
    """The record in Turtle."""
    return turtle(graph(record, at, base, nodes))


def to_jsonld(
    record: Record,
    at: str | dt.date | FuzzyDate = "today",
    base: str = "",
    nodes: Collection[str] | None = None,
) -> str:
    """The record in JSON-LD."""
    return jsonld(graph(record, at, base, nodes))
