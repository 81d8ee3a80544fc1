"""The form that adds a change to a plan: any op, its fields drawn from the format's tables.

A plan is not anchored to one unit, so this form offers every op of the change
vocabulary with the fields :data:`organogram.formats.fields.OP_FIELDS` gives it. The
posted text becomes the mapping a dataset's ``changes:`` entry would hold; the codec
(:func:`organogram.formats.codec.change_from_dict`) then checks it as it checks a
file, and its problems are shown beside the fields they name. Values that are lists of
entries or mappings (a split's new units) are written in YAML, as in a dataset file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..core.changes import REGISTRY
from ..formats.compound import ListOf, MapOf, RecordOf
from ..formats.entries import Field
from ..formats.fields import BASIS, OP_FIELDS
from ..formats.kinds import Bool, Choice, Cite, Kind, Nullable, RefTo, Text

#: Fields every change of a plan may carry besides its op's own, as the form shows them.
COMMON = (
    Field("cite", Cite(), doc="SOURCE:PASSAGE, e.g. scpf28:21; several separated by ';'"),
    Field("reason", Text(), doc="why the change is made (kept with it)"),
    Field("basis", BASIS, doc="stated: a document says so; inferred: the dataset infers it"),
    Field("note", Text()),
)


@dataclass
class Input:
    """One input of the form: its name (a field path), how it is drawn, its value, errors."""

    name: str
    label: str
    widget: str  # text, textarea, checkbox, select, yaml
    required: bool = False
    help: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)
    #: the datalist of ids it may take: "nodes", "units", "posts", "people", "sources".
    suggest: str = ""
    value: Any = ""
    errors: list[str] = field(default_factory=list)
    #: for a nested entry (a merge's new unit): its own inputs.
    parts: list[Input] = field(default_factory=list)
    #: an example of what to write (YAML fields).
    placeholder: str = ""


def op_choices() -> list[dict[str, str]]:
    """Every op with its name and what it does, for choosing one."""
    out = []
    for op, cls in sorted(REGISTRY.items()):
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        out.append({"op": op, "label": cls.label or op, "help": doc})
    return out


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _suggest(kind: Kind) -> str:
    if isinstance(kind, Nullable):
        return _suggest(kind.inner)
    if isinstance(kind, RefTo):
        return {"unit": "units", "post": "posts", "node": "nodes", "person": "people"}.get(
            kind.category, ""
        )
    if isinstance(kind, ListOf):
        return _suggest(kind.item)
    return ""


def _input(f: Field, prefix: str = "") -> Input:
    name = f"{prefix}{f.name}"
    kind = f.kind.inner if isinstance(f.kind, Nullable) else f.kind
    help_ = f.doc
    if isinstance(f.kind, Nullable) and f.required:
        help_ = (help_ + "; " if help_ else "") + "leave empty for none"
    made = Input(name, _label(f.name), "text", f.required, help_, suggest=_suggest(f.kind))
    if isinstance(kind, Bool):
        made.widget = "checkbox"
    elif isinstance(kind, Choice):
        made.widget = "select"
        words = [(v, v.replace("-", " ")) for v in kind.values]
        made.choices = words if f.required else [("", "—"), *words]
    elif isinstance(kind, RecordOf):
        made.widget = "record"
        made.parts = [_input(sub, f"{name}.") for sub in kind.fields]
    elif isinstance(kind, ListOf) and isinstance(kind.item, Text) and not _suggest(kind.item):
        made.widget = "textarea"
        made.help = (help_ + "; " if help_ else "") + "one per line"
    elif isinstance(kind, ListOf) and not isinstance(kind.item, RecordOf):
        made.help = (help_ + "; " if help_ else "") + "ids separated by commas"
    elif isinstance(kind, ListOf | MapOf):
        made.widget = "yaml"
        made.help = (help_ + "; " if help_ else "") + "in YAML, as in a dataset file"
        made.placeholder = _example(kind)
    elif f.name == "mandate":
        made.widget = "textarea"
    return made


def _example(kind: Kind) -> str:
    """What a YAML field's value looks like, for its placeholder."""
    if isinstance(kind, ListOf) and isinstance(kind.item, RecordOf):
        needed = [f.name for f in kind.item.fields if f.required]
        entry = "\n".join(f"{'- ' if i == 0 else '  '}{name}: …" for i, name in enumerate(needed))
        return f"{entry}\n{entry}"
    if isinstance(kind, MapOf):
        return "an-id: another-id\nan-id: another-id"
    return ""


def form_inputs(op: str, phases: list[tuple[str, str]] | None = None) -> list[Input]:
    """The inputs for ``op``: its own fields, then date, phase, id and the common ones."""
    inputs = [_input(f) for f in OP_FIELDS[op]]
    inputs.append(
        Input("date", "Date", "text", help="when it takes effect; empty: the plan's date")
    )
    if phases:
        inputs.append(Input("phase", "Phase", "select", choices=[("", "—"), *phases]))
    inputs.append(Input("id", "Id", "text", help="empty: one is made from the plan's id"))
    inputs += [_input(f) for f in COMMON]
    return inputs


def _read(inp: Input, posted: Mapping[str, str], kind: Kind | None) -> tuple[bool, Any]:
    """(given, value) of one input from the posted text."""
    if inp.widget == "record":
        assert isinstance(kind, RecordOf)
        subs = {f.name: f.kind for f in kind.fields}
        out = {}
        for part in inp.parts:
            given, value = _read(part, posted, subs[part.name.rsplit(".", 1)[-1]])
            if given:
                out[part.name.rsplit(".", 1)[-1]] = value
        return bool(out), out
    raw = posted.get(inp.name, "")
    inp.value = raw
    if inp.widget == "checkbox":
        return bool(raw), True
    text = raw.strip()
    if not text:
        # An empty required "or none" field means none; otherwise it is left out.
        return isinstance(kind, Nullable) and inp.required, None
    if inp.widget == "textarea" and isinstance(kind, ListOf):
        return True, [line.strip() for line in text.splitlines() if line.strip()]
    if inp.widget == "yaml":
        try:
            return True, yaml.safe_load(text)
        except yaml.YAMLError as exc:
            inp.errors.append(f"not readable as YAML: {str(exc).splitlines()[0]}")
            return False, None
    if isinstance(kind, Cite):
        cites = [c.strip() for c in text.replace("\n", ";").split(";") if c.strip()]
        return True, cites if len(cites) > 1 else cites[0]
    if isinstance(kind, ListOf):
        return True, [p.strip() for p in text.replace("\n", ",").split(",") if p.strip()]
    return True, text


def read_form(op: str, inputs: list[Input], posted: Mapping[str, str]) -> tuple[dict, str]:
    """(the change mapping the posted form describes, its phase); input errors set."""
    kinds: dict[str, Kind] = {f.name: f.kind for f in (*OP_FIELDS[op], *COMMON)}
    data: dict[str, Any] = {"op": op}
    phase = ""
    for inp in inputs:
        if inp.name == "phase":
            phase = posted.get("phase", "").strip()
            inp.value = phase
            continue
        given, value = _read(inp, posted, kinds.get(inp.name))
        if given:
            data[inp.name] = value
    return data, phase


def _all(inputs: list[Input]) -> list[Input]:
    return [x for inp in inputs for x in (inp, *_all(inp.parts))]


def place_errors(inputs: list[Input], problems: Mapping[str, list[str]]) -> list[str]:
    """Put each field's problems beside its input; return those that fit no input."""
    by_name = {inp.name: inp for inp in _all(inputs)}
    loose = []
    for path, messages in problems.items():
        # "into[0].name" belongs to the "into" input; "new.name" to its own.
        target = by_name.get(path) or by_name.get(path.split("[", 1)[0])
        if target is None:
            loose += [f"{path}: {m}" if path else m for m in messages]
        else:
            target.errors += messages if target.name == path else [f"{path}: {m}" for m in messages]
    return loose


def place_reasons(inputs: list[Input], reasons: list[str]) -> list[str]:
    """Put each reason a change does not apply beside the inputs whose value it quotes."""
    loose = []
    for reason in reasons:
        hits = [
            inp
            for inp in _all(inputs)
            if isinstance(inp.value, str)
            and inp.value.strip()
            and f"'{inp.value.strip()}'" in reason
        ]
        for inp in hits:
            inp.errors.append(reason)
        if not hits:
            loose.append(reason)
    return loose
