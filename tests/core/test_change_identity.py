"""Changes are values with an identity: immutable, and hashable by their id."""

from __future__ import annotations

import dataclasses

import pytest

from organogram.core.changes import REGISTRY, Abolish, Change, Merge, Rename
from organogram.core.dates import FuzzyDate

DATE = FuzzyDate.parse("2021-Q4")


def test_every_change_class_is_frozen():
    for cls in (Change, *REGISTRY.values()):
        assert cls.__dataclass_params__.frozen, cls.__name__


def test_assigning_to_a_change_raises_and_replace_makes_an_amended_copy():
    change = Rename(id="c1", date=DATE, unit="a", name="A")
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.name = "B"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.id = "c2"  # type: ignore[misc]
    amended = dataclasses.replace(change, name="B")
    assert (change.name, amended.name, amended.id) == ("A", "B", "c1")


def test_changes_key_dicts_and_sets():
    a = Rename(id="c1", date=DATE, unit="a", name="A")
    b = Abolish(id="c2", date=DATE, unit="b")
    told = {a: "renamed", b: "abolished"}
    assert told[Rename(id="c1", date=DATE, unit="a", name="A")] == "renamed"
    assert {a, b, Rename(id="c1", date=DATE, unit="a", name="A")} == {a, b}


def test_equal_ids_hash_equal_whatever_the_class_or_fields():
    a = Rename(id="same", date=DATE, unit="a", name="A")
    b = Rename(id="same", date=DATE, unit="a", name="B")
    c = Merge(id="same", date=DATE, units=("a", "b"), into="a")
    assert hash(a) == hash(b) == hash(c) == hash("same")
    # Equality stays by value: a change amended under the same id is another key.
    assert a != b
    assert len({a, b, c}) == 3


def test_a_subclass_defined_elsewhere_hashes_by_its_id_too():
    @dataclasses.dataclass(kw_only=True, frozen=True)
    class Local(Change):
        op = "local-op"
        detail: list[str] = dataclasses.field(default_factory=list)  # unhashable field

    first = Local(id="x1", date=DATE, detail=["a"])
    assert hash(first) == hash("x1")
    assert {first: 1}[Local(id="x1", date=DATE, detail=["a"])] == 1


def test_changes_without_ids_hash_equal_when_equal_and_apart_otherwise():
    a = Rename(date=DATE, unit="a", name="A")
    assert hash(a) == hash(Rename(date=DATE, unit="a", name="A"))
    # Changes made in code before they are recorded: many of them must not share a bucket.
    many = {Abolish(date=DATE, unit=f"u{i}") for i in range(1000)}
    assert len({hash(c) for c in many}) == 1000
