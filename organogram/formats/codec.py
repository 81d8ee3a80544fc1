"""Changes to plain dicts and back, for stores and APIs that hold data rather than YAML.

A change becomes the mapping it would be written as in a dataset's ``changes:`` (its
``op``, ``id``, ``date``, own fields and common fields), with only JSON types in it:
text, numbers, booleans, None, lists and dicts. Reading a mapping back goes through
the same field tables and kinds as the YAML loader (:mod:`organogram.formats.fields`),
so a database row, a web form or an API body is checked exactly as a dataset file is,
and a bad one is refused with the field and the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..core.changes import Change
from ..core.dates import FuzzyDate
from ..core.errors import OrganogramError
from ..core.model import Citation
from .dump import change_entry
from .entries import read_entry
from .fields import CHANGE
from .kinds import BAD, Ctx, Ref
from .nodes import BOOL_TAG, NULL_TAG, STR_TAG
from .parse_changes import _build, _op
from .problems import Problem, Problems

#: Keys every change mapping may have besides its op's own parameters.
COMMON_KEYS = ("op", "id", "date", "cite", "reason", "basis", "note", "recorded_by", "recorded_at")

_WHERE = "change"
# Nodes made from data have no line; one mark stands for "the data given".
_MARK = Mark(_WHERE, 0, 0, 0, None, None)
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


class ChangeDataError(OrganogramError):
    """A mapping that is not a valid change; ``problems`` names each field at fault."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        told = "; ".join(f"{p.field or 'change'}: {p.message}" for p in self.problems)
        super().__init__(f"not a valid change: {told}")

    def by_field(self) -> dict[str, list[str]]:
        """Field name -> its problems ('' for the change as a whole), for forms."""
        out: dict[str, list[str]] = {}
        for p in self.problems:
            out.setdefault(p.field, []).append(p.message)
        return out


def change_to_dict(change: Change) -> dict[str, Any]:
    """The change as a JSON-ready mapping, as a dataset's ``changes:`` would hold it."""
    data = plain(change_entry(change, None, change.id))
    if not data["id"]:
        del data["id"]  # a change made in code and not yet recorded has none
    return data


def split_common(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(common fields, the op's own parameters) of a change mapping."""
    common = {k: v for k, v in data.items() if k in COMMON_KEYS}
    own = {k: v for k, v in data.items() if k not in COMMON_KEYS}
    return common, own


def change_from_dict(data: Mapping[str, Any]) -> Change:
    """The change a mapping describes, checked like a dataset entry.

    Raises :class:`ChangeDataError` listing every field at fault. Whether the change
    applies to the structure at its date is not checked here: that is the core's
    ``check``, run against a timeline.
    """
    return change_and_refs_from_dict(data)[0]


def change_refs(change: Change) -> list[Ref]:
    """The references ``change`` makes, as the loader collects them from its entry
    (whether they point at something is for :func:`.references.dangling` to tell)."""
    return change_and_refs_from_dict(change_to_dict(change))[1]


def change_and_refs_from_dict(data: Mapping[str, Any]) -> tuple[Change, list[Ref]]:
    """(the change a mapping describes, the references it makes), read as by
    :func:`change_from_dict`."""
    problems = Problems()
    ctx = Ctx(_WHERE, problems)
    node = to_node(data)
    op = _op(node, ctx, "")
    if op is None:
        raise ChangeDataError(problems.items)
    values = read_entry(node, CHANGE[op], ctx, "")
    if values is BAD or problems:
        raise ChangeDataError(problems.items)
    change = _build(op, values, values.get("id", ""), values["date"], None)  # type: ignore[arg-type]
    return change, ctx.refs


def to_node(value: Any) -> Node:
    """A YAML node for a plain value, as the loader's composer would have made it."""
    if value is None:
        return ScalarNode(NULL_TAG, "", _MARK, _MARK)
    if isinstance(value, bool):
        return ScalarNode(BOOL_TAG, "true" if value else "false", _MARK, _MARK)
    if isinstance(value, dt.datetime | dt.date):
        return ScalarNode(STR_TAG, value.isoformat(), _MARK, _MARK)
    if isinstance(value, str | int | float | Decimal | FuzzyDate | Citation):
        return ScalarNode(STR_TAG, str(value), _MARK, _MARK)
    if isinstance(value, Mapping):
        pairs = [(to_node(str(k)), to_node(v)) for k, v in value.items()]
        return MappingNode(_MAP_TAG, pairs, _MARK, _MARK)
    if isinstance(value, list | tuple):
        return SequenceNode(_SEQ_TAG, [to_node(v) for v in value], _MARK, _MARK)
    raise TypeError(f"cannot read a {type(value).__name__} as part of a change")


def plain(value: Any) -> Any:
    """Only JSON types: text subclasses become str, tuples lists."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value
