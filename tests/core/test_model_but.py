"""``but`` makes the same copies as ``dataclasses.replace``, only faster."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields, replace

import pytest

from organogram.core.model import Post, Unit


@pytest.mark.parametrize(
    "obj",
    [
        Unit("u", "Unit", "division", "U", "mandate", ("a", "b"), "Geneva", "p"),
        Post("p", "Chief", "P-5", "professional", "u", "Geneva", True),
    ],
)
def test_but_equals_replace_for_every_field(obj):
    for f in fields(obj):
        value = None if f.name in ("head", "unit") else "changed"
        copy = obj.but(**{f.name: value})
        assert copy == replace(obj, **{f.name: value})
        assert hash(copy) == hash(replace(obj, **{f.name: value}))
        with pytest.raises(FrozenInstanceError):  # made without __init__, still frozen
            setattr(copy, f.name, "again")
    assert obj.but() == obj
    with pytest.raises(TypeError):
        obj.but(no_such_field=1)
