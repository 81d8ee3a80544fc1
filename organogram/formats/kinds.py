"""Kinds of field value: how each is read from a YAML node, described in the schema, written.

A field of the format has a kind (text, id, reference, date, citation, list…). The
kind reads a node into a Python value, or reports a problem naming the field and
returns :data:`BAD`; it gives its JSON Schema; and it turns a value back into what
the YAML writer emits. Keeping the three together is what keeps the loader, the
schema and the writer in agreement.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..core.dates import DateError, FuzzyDate
from ..core.model import UNKNOWN_PLACE, Citation
from ..core.passages import PASSAGE_RE, PASSAGE_RULE
from .nodes import (
    BOOL_TAG,
    TRUE_WORDS,
    Node,
    ScalarNode,
    SequenceNode,
    describe,
    is_null,
    line_of,
)
from .problems import Problems

#: What a kind returns after reporting a problem.
BAD: Any = type("Bad", (), {"__repr__": lambda self: "BAD"})()

ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*")
ID_PATTERN = "^[a-z0-9][a-z0-9._-]*$"
ID_RULE = "use lowercase letters, digits, '-', '.' or '_', starting with a letter or digit"
#: The longest id: the registry's id columns hold this many characters (PostgreSQL refuses
#: a longer one where SQLite would take it, so a dataset with one could not move there).
ID_MAX = 200
#: Why a text holding a NUL character is refused: PostgreSQL cannot store one, and no
#: document's text has a use for it.
NUL_WHY = "contains a NUL character"


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to an id of the dataset, checked once every file is read."""

    #: "unit", "post", "node", "person", "source", "subject"; "passage" for a citation's
    #: ``SOURCE:PASSAGE`` (its value), checked against the passages the source declares.
    category: str
    value: str
    file: str
    line: int
    path: str


@dataclass
class Ctx:
    """What a kind needs while reading one file: where, and where to report."""

    file: str
    problems: Problems
    refs: list[Ref] = field(default_factory=list)
    #: whether a reference (category, id) points at something read already: it is then
    #: not kept to be checked at the end (None: every reference is kept).
    known: Callable[[str, str], bool] | None = None
    #: the dates read from this file, by their text: a file repeats a few dates many
    #: times, and one (immutable) object serves every change of a date.
    dates: dict[str, FuzzyDate] = field(default_factory=dict)

    def bad(self, node: Node, path: str, message: str) -> Any:
        """Report a problem at ``node`` and return :data:`BAD`."""
        self.problems.add(self.file, line_of(node), path, message)
        return BAD

    def refer(self, category: str, value: str, node: Node, path: str) -> None:
        """Note a reference from ``node`` (at ``path``) to check once every file is read,
        unless :attr:`known` says it points at something already. Reading only adds, so
        such a reference would pass the check then: keeping millions of them (a post
        move refers to a post and a unit) would only take memory."""
        if self.known is None or not self.known(category, value):
            self.refs.append(Ref(category, value, self.file, line_of(node), path))


class Plain(str):
    """Text the writer emits unquoted when YAML reads it back as the same text (dates)."""

    __slots__ = ()


class Kind:
    """A kind of field value."""

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        """The value of ``node``, or BAD after reporting why not."""
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of values of this kind."""
        raise NotImplementedError

    def dump(self, value: Any) -> Any:
        """What the YAML writer emits for ``value``."""
        return value


class Text(Kind):
    """Free text. Any scalar is taken as written, so ``NO`` or ``1.10`` stay text."""

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if isinstance(node, ScalarNode) and not is_null(node):
            if "\x00" in node.value:
                return ctx.bad(node, path, NUL_WHY)
            return node.value
        return ctx.bad(node, path, f"expected text, got {describe(node)}")

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/text"}


class Id(Text):
    """An identifier: lowercase letters, digits, ``-``, ``.`` and ``_``."""

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if not isinstance(node, ScalarNode) or is_null(node):
            return ctx.bad(node, path, f"expected an id, got {describe(node)}")
        if ID_RE.fullmatch(node.value) is None:
            return ctx.bad(node, path, f"{node.value!r} is not a valid id: {ID_RULE}")
        if len(node.value) > ID_MAX:
            return ctx.bad(
                node,
                path,
                f"{node.value[:40]!r}… is {len(node.value)} characters long: an id has at most "
                f"{ID_MAX}",
            )
        return node.value

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/id"}


class RefTo(Id):
    """An id that must be created somewhere in the dataset (a unit, post, person…)."""

    def __init__(self, category: str):
        self.category = category

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        value = Id.read(self, node, ctx, path)
        if value is not BAD:
            # One string for every mention of an id (sys.intern): a post's id is
            # written again in each of its moves.
            value = sys.intern(value)
            ctx.refer(self.category, value, node, path)
        return value


class Placement(RefTo):
    """A line of oversight: a unit or post, or ``unknown`` when no source gives it."""

    def __init__(self) -> None:
        super().__init__("node")

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if isinstance(node, ScalarNode) and node.value == UNKNOWN_PLACE:
            return UNKNOWN_PLACE
        return super().read(node, ctx, path)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [{"$ref": "#/$defs/id"}, {"const": UNKNOWN_PLACE}]}


class NewId(Id):
    """The id of a unit or post being created: any id but the reserved ``unknown``."""

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        value = super().read(node, ctx, path)
        if value is not BAD:
            value = sys.intern(value)  # the string its references share (see RefTo)
        if value == UNKNOWN_PLACE:
            return ctx.bad(
                node, path, f"{UNKNOWN_PLACE!r} is reserved for a placement no source gives"
            )
        return value


class PassageId(Text):
    """The id of a source's passage: ``21``, ``annex``, ``annex-1.II`` (see
    :data:`organogram.core.passages.PASSAGE_RE`)."""

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if not isinstance(node, ScalarNode) or is_null(node):
            return ctx.bad(node, path, f"expected a passage id, got {describe(node)}")
        if PASSAGE_RE.fullmatch(node.value) is None:
            return ctx.bad(node, path, f"{node.value!r} is not a valid passage id: {PASSAGE_RULE}")
        return node.value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^{PASSAGE_RE.pattern}$"}


class Nullable(Kind):
    """A value or null; null means None (no parent, no head…), unlike an absent field."""

    def __init__(self, inner: Kind):
        self.inner = inner

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        return None if is_null(node) else self.inner.read(node, ctx, path)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [self.inner.schema(), {"type": "null"}]}

    def dump(self, value: Any) -> Any:
        return None if value is None else self.inner.dump(value)


class Date(Kind):
    """A date as precise as the source allows: ``2021-10-28``, ``2021-10``, ``2021-Q4``…"""

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if not isinstance(node, ScalarNode) or is_null(node):
            return ctx.bad(node, path, f"expected a date, got {describe(node)}")
        date = ctx.dates.get(node.value)
        if date is None:
            try:
                date = ctx.dates[node.value] = FuzzyDate.parse(node.value)
            except DateError as exc:
                return ctx.bad(node, path, str(exc))
        return date

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/date"}

    def dump(self, value: Any) -> Any:
        return Plain(str(value))


class DateTime(Kind):
    """A record time: an ISO 8601 date-time (a bare date means its midnight)."""

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if isinstance(node, ScalarNode) and not is_null(node):
            try:
                return dt.datetime.fromisoformat(node.value.strip())
            except ValueError:
                pass
        return ctx.bad(
            node,
            path,
            f"expected an ISO date-time such as 2021-10-28T14:30:00, got {describe(node)}",
        )

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/datetime"}

    def dump(self, value: Any) -> Any:
        return Plain(value.isoformat())


class Bool(Kind):
    """``true`` or ``false``."""

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
            return node.value.lower() in TRUE_WORDS
        return ctx.bad(node, path, f"expected true or false, got {describe(node)}")

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class Number(Kind):
    """A decimal number (``0.5``, ``12``), at least ``minimum`` when one is set; a float."""

    def __init__(self, minimum: float | None = None):
        self.minimum = minimum

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if isinstance(node, ScalarNode) and not is_null(node):
            try:
                value = float(node.value)
            except ValueError:
                value = None
            if value is not None and value == value and abs(value) != float("inf"):
                if self.minimum is None or value >= self.minimum:
                    return value
                return ctx.bad(node, path, f"{node.value} is below {self.minimum:g}")
        return ctx.bad(node, path, f"expected a number, got {describe(node)}")

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "number"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        return out

    def dump(self, value: Any) -> Any:
        number = float(value)
        return Plain(str(int(number)) if number.is_integer() else repr(number))


class LanguageTag(Text):
    """A language as an IETF tag (BCP 47): ``en``, ``fr``, ``es``, ``pt-BR``."""

    PATTERN = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        value = super().read(node, ctx, path)
        if isinstance(value, str) and self.PATTERN.fullmatch(value) is None:
            return ctx.bad(
                node, path, f"{value!r} is not a language tag: use one such as en, fr, es, pt-BR"
            )
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^{self.PATTERN.pattern}$"}


class Choice(Kind):
    """One of a fixed set of words (an op, a line kind, a status…)."""

    def __init__(self, what: str, values: Iterable[str], convert: Any = str):
        self.what = what
        self.values = tuple(values)
        self.convert = convert

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if isinstance(node, ScalarNode) and node.value in self.values:
            return self.convert(node.value)
        got = describe(node)
        return ctx.bad(node, path, f"{got} is not a valid {self.what}: use one of {self.listing()}")

    def listing(self) -> str:
        """The accepted words, for messages."""
        return ", ".join(self.values)

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.values)}

    def dump(self, value: Any) -> Any:
        return str(value)


class Cite(Kind):
    """``SOURCE`` or ``SOURCE:PASSAGE``; with ``many``, one citation or a list of them."""

    def __init__(self, many: bool = True):
        self.many = many

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if self.many and isinstance(node, SequenceNode):
            items = [self._one(n, ctx, f"{path}[{i}]") for i, n in enumerate(node.value)]
            return BAD if BAD in items else tuple(items)
        one = self._one(node, ctx, path)
        if one is BAD or not self.many:
            return one
        return (one,)

    def _one(self, node: Node, ctx: Ctx, path: str) -> Any:
        if not isinstance(node, ScalarNode) or is_null(node):
            want = "a citation or a list of citations" if self.many else "a citation"
            return ctx.bad(node, path, f"expected {want} (SOURCE:PASSAGE), got {describe(node)}")
        citation = Citation.parse(node.value)
        if ID_RE.fullmatch(citation.source) is None:
            return ctx.bad(
                node, path, f"{node.value!r} is not a citation: write SOURCE or SOURCE:PASSAGE"
            )
        ctx.refer("source", citation.source, node, path)
        if citation.passage:
            # Checked once every source is read: against the passages it declares.
            ctx.refer("passage", str(citation), node, path)
        return citation

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/cites" if self.many else "#/$defs/citation"}

    def dump(self, value: Any) -> Any:
        if not self.many:
            return str(value)
        return str(value[0]) if len(value) == 1 else [str(c) for c in value]


class Int(Kind):
    """A whole number, at least ``least`` (a session number, a count)."""

    def __init__(self, least: int = 0):
        self.least = least

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if isinstance(node, ScalarNode) and re.fullmatch(r"[+-]?\d+", node.value.strip()):
            value = int(node.value)
            if value >= self.least:
                return value
            return ctx.bad(node, path, f"expected a whole number of at least {self.least}")
        return ctx.bad(node, path, f"expected a whole number, got {describe(node)}")

    def schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.least}
