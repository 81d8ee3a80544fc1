"""The form of a register entry or a source, drawn from the dataset format's fields.

Each field of the dataset format becomes one input chosen by its kind: text, date,
number, a checkbox, a choice, a list (one item a line), citations (``source:passage``
separated by ``;``) or, for lists of nested entries such as a nomination's history, a
small YAML text. What comes back is turned into the mapping a dataset file would hold
and checked by the registry's write path, which names the fields at fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..core.record import Record
from ..formats.compound import ListOf
from ..formats.entries import Field, FieldSet
from ..formats.kinds import Bool, Choice, Cite, Date, Int, Nullable, RefTo
from ..formats.register import REF_PREFIX


@dataclass
class Input:
    """One input of the form: its field, widget, current value, choices and errors."""

    name: str
    label: str
    doc: str
    required: bool
    widget: str  # text, date, number, checkbox, select, lines, cites, yaml, paragraph
    value: Any = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: it holds citations (SOURCE:PASSAGE): the page offers to add one by name.
    citations: bool = False


def _choices(record: Record, kind: Any) -> list[tuple[str, str]] | None:
    """(value, label) choices of a reference or choice field, None for free input."""
    if isinstance(kind, Choice):
        return [(v, v) for v in kind.values]
    if not isinstance(kind, RefTo):
        return None
    cat = kind.category
    if cat.startswith(REF_PREFIX):
        entries = record.register(cat[len(REF_PREFIX) :])
        return [(k, getattr(e, "name", "") or getattr(e, "reference", "") or k)
                for k, e in entries.items()]  # fmt: skip
    if cat == "person":
        return sorted(((p.id, p.name) for p in record.people.values()), key=lambda x: x[1])
    return None  # units and posts: ids, typed


def _widget(kind: Any) -> str:
    inner = kind.inner if isinstance(kind, Nullable) else kind
    if isinstance(inner, Bool):
        return "checkbox"
    if isinstance(inner, Date):
        return "date-text"
    if isinstance(inner, Int):
        return "number"
    if isinstance(inner, Cite):
        return "cites"
    if isinstance(inner, ListOf):
        return "lines" if not hasattr(inner.item, "fields") else "yaml"
    return "text"


def inputs(
    fields: FieldSet, record: Record, data: dict[str, Any], errors: dict[str, list[str]]
) -> list[Input]:
    """The inputs of an entry's form (one per field of ``fields``: a register's, or the
    sources'), filled with ``data`` (as a dataset file holds it)."""
    out = []
    for f in fields:
        kind = f.kind.inner if isinstance(f.kind, Nullable) else f.kind
        widget = _widget(f.kind)
        options = _choices(record, kind) if widget == "text" else None
        value = data.get(f.name, "")
        if widget == "lines":
            value = "\n".join(str(v) for v in value or ())
        elif widget == "cites":
            value = "; ".join(value) if isinstance(value, list) else (value or "")
        elif widget == "yaml":
            value = yaml.safe_dump(value, sort_keys=False, allow_unicode=True) if value else ""
        out.append(
            Input(
                name=f.name,
                label=f.name.replace("_", " ").capitalize(),
                doc=f.doc,
                required=f.required,
                widget="select" if options is not None else widget,
                value=value,
                options=options or [],
                errors=errors.get(f.name, []),
                citations=isinstance(kind, Cite)
                or (isinstance(kind, ListOf) and isinstance(kind.item, Cite)),
            )
        )
    return out


def _read(f: Field, raw: str) -> Any:
    """The value of one posted field, as a dataset file would write it (None: absent)."""
    widget = _widget(f.kind)
    text = raw.strip()
    if widget == "checkbox":
        return True if raw else None
    if not text:
        return None
    if widget == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if widget == "cites":
        cites = [c.strip() for c in text.split(";") if c.strip()]
        return cites[0] if len(cites) == 1 else cites
    if widget == "yaml":
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ValueError(f"not readable YAML: {exc}") from None
    return text


def posted(fields: FieldSet, post: Any) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(the entry mapping, field -> problems) of a submitted form of ``fields``."""
    data: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for f in fields:
        try:
            value = _read(f, post.get(f.name, ""))
        except ValueError as exc:
            errors[f.name] = [str(exc)]
            continue
        if value is not None:
            data[f.name] = value
    return data, errors
