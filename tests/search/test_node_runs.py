"""Every node's documents made from the runs of one fold are those made from every
node's history, whatever the order and precision of the changes' dates."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from organogram.core.changes import (
    Abolish,
    AbolishPost,
    AmendPost,
    CreatePost,
    CreateUnit,
    MovePost,
    Redescribe,
    Rename,
    UnitSpec,
)
from organogram.core.dates import FuzzyDate
from organogram.core.model import Organization
from organogram.core.record import Record
from organogram.core.timeline import Timeline
from organogram.formats import load_dataset
from organogram.search.documents import EVERYTHING, documents

IOM = Path(__file__).resolve().parents[2] / "data" / "iom"
#: Dates whose first possible day is shared (2021-01-01), and some after: changes on
#: the same date make one version, and may undo each other back to an earlier one.
DATES = ["2021", "2021-H1", "2021-Q1", "2021-01", "2021-01-01", "2021-02", "2021-Q2", "2022"]
UNITS = ["u1", "u2", "u3"]
POSTS = ["p1", "p2", "p3", "p4"]
NAMES = ["Alpha", "Beta", "Gamma"]


def from_histories(record: Record) -> list:
    """The documents as made from every node's history, held at once."""
    return documents(record, EVERYTHING, record.timeline.histories())


def shuffled_record(seed: int) -> Record:
    """Units and posts made in 2020, then random changes on the dates above."""
    rng = random.Random(seed)
    day = FuzzyDate.parse
    changes: list = [
        CreateUnit(id=f"c-{u}", date=day("2020"), unit=UnitSpec(id=u, name=u, kind="unit"))
        for u in UNITS
    ]
    changes += [
        CreatePost(id=f"c-{p}", date=day("2020"), post=p, title=f"Title {p}", unit="u1")
        for p in POSTS
    ]
    for i in range(40):
        changes.append(replace(random_change(rng, day(rng.choice(DATES))), id=f"x{i}"))
    return Record(Organization("org", "Org"), Timeline(changes))


def random_change(rng: random.Random, date: FuzzyDate):
    """One change of a unit or post, drawn (it may not apply: the fold skips it)."""
    unit, post, name = rng.choice(UNITS), rng.choice(POSTS), rng.choice(NAMES)
    kind = rng.randrange(6)
    if kind == 0:
        return Rename(date=date, unit=unit, name=name)
    if kind == 1:
        return Redescribe(date=date, unit=unit, mandate=name)
    if kind == 2:
        return MovePost(date=date, post=post, unit=rng.choice(UNITS))
    if kind == 3:
        return AmendPost(date=date, post=post, title=name)
    if kind == 4:
        return AbolishPost(date=date, post=post)
    return Abolish(date=date, unit=unit)


@pytest.mark.parametrize("seed", range(60))
def test_documents_from_runs_are_those_from_histories(seed):
    record = shuffled_record(seed)
    assert documents(record) == from_histories(record)


def test_documents_from_runs_on_the_iom_data():
    record = load_dataset(IOM)
    assert documents(record) == from_histories(record)
