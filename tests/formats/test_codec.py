"""Changes to plain dicts and back (organogram.formats.codec)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from organogram.core.changes import Rename
from organogram.core.dates import FuzzyDate
from organogram.formats import load_dataset
from organogram.formats.codec import ChangeDataError, change_from_dict, change_to_dict, split_common

IOM = Path(__file__).resolve().parents[2] / "data" / "iom"


def test_every_change_of_the_iom_dataset_survives_json():
    record = load_dataset(IOM)
    changes = [*record.timeline, *(c for p in record.plans.values() for c in p.changes)]
    assert changes
    for change in changes:
        data = json.loads(json.dumps(change_to_dict(change)))
        assert change_from_dict(data) == change


def test_the_dict_is_the_dataset_entry():
    change = Rename(
        id="r1", date=FuzzyDate.parse("2021-Q4"), unit="dfam", name="Finance", cites=()
    )
    assert change_to_dict(change) == {
        "op": "rename",
        "id": "r1",
        "date": "2021-Q4",
        "unit": "dfam",
        "name": "Finance",
    }
    common, own = split_common(change_to_dict(change))
    assert common == {"op": "rename", "id": "r1", "date": "2021-Q4"}
    assert own == {"unit": "dfam", "name": "Finance"}


def test_a_change_without_id_has_none_in_its_dict():
    change = Rename(date=FuzzyDate.parse("2021"), unit="a", name="A")
    data = change_to_dict(change)
    assert "id" not in data
    assert change_from_dict(data) == change


def test_a_bad_mapping_names_every_field_at_fault():
    with pytest.raises(ChangeDataError) as info:
        change_from_dict({"op": "rename", "unit": "x", "date": "2021-13", "nmae": "A"})
    fields = info.value.by_field()
    assert "did you mean 'name'" in fields["nmae"][0]
    assert "bad month" in fields["date"][0]
    assert fields["name"] == ["required field is missing"]


def test_an_unknown_op_is_refused():
    with pytest.raises(ChangeDataError, match="not a valid op"):
        change_from_dict({"op": "teleport", "date": "2021"})


def test_values_keep_their_types():
    data = {
        "op": "create-post",
        "id": "p",
        "date": "2020-01-02",
        "post": "ddg",
        "title": "Deputy",
        "senior": True,
        "unit": None,
        "cite": ["s:1", "s:2"],
        "basis": "inferred",
        "recorded_at": "2021-10-28T14:30:00",
    }
    change = change_from_dict(data)
    assert change.senior is True
    assert change.unit is None
    assert [str(c) for c in change.cites] == ["s:1", "s:2"]
    # A field holding its default is left out, as the dataset writer leaves it out.
    assert change_to_dict(change) == {k: v for k, v in data.items() if k != "unit"}
