"""The form that adds a change to a plan: any op, its fields drawn from the format's tables.

A plan is not anchored to one unit, so this form offers every op of the change
vocabulary with the fields :data:`organogram.formats.fields.OP_FIELDS` gives it. The
posted text becomes the mapping a dataset's ``changes:`` entry would hold; the codec
(:func:`organogram.formats.codec.change_from_dict`) then checks it as it checks a
file, and its problems are shown beside the fields they name. Values that are lists of
entries or mappings (a split's new units) are written in YAML, as in a dataset file.

Fields that name a unit, post, person or source take a **name** (an id, a name, an
abbreviation or a former name), resolved by :mod:`organogram.queries.resolve` as of the
change's date with the plan's earlier changes; the mapping holds the id it names. A
citation is a source chosen by name and a passage typed apart; the form joins them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..core.changes import REGISTRY
from ..core.dates import DateError, FuzzyDate
from ..core.model import UNKNOWN_PLACE
from ..core.passages import is_unlisted_passage
from ..formats.compound import ListOf, MapOf, RecordOf
from ..formats.entries import Field
from ..formats.fields import BASIS, OP_FIELDS
from ..formats.kinds import Bool, Choice, Kind, Nullable, RefTo, Text
from ..queries.resolve import Names, NotResolved
from .plan_form_units import NamesOf, read_new_units

#: Fields every change of a plan may carry besides its op's own, as the form shows them
#: (the citation comes before them, as a source and a passage: see :func:`form_inputs`).
COMMON = (
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
    #: what it names, for fields that take a name: "unit", "post", "node", "person",
    #: "source" (resolved on submit; searched as one types).
    suggest: str = ""
    #: what the field names now, shown under it ("Budget Division (BUD)").
    note: str = ""
    #: for the abbreviation of a new name: "keep", "new" or "none" as chosen.
    choice: str = ""
    #: the ids its names resolved to (a refusal quotes ids: it is placed beside them).
    ids: list[str] = field(default_factory=list)
    value: Any = ""
    errors: list[str] = field(default_factory=list)
    #: for a nested entry (a merge's new unit): its own inputs.
    parts: list[Input] = field(default_factory=list)
    #: an example of what to write (YAML fields).
    placeholder: str = ""
    #: for a passage: the name of the input naming its source (its passages are offered).
    passages_of: str = ""


def op_choices() -> list[dict[str, str]]:
    """Every op with its name and what it does, for choosing one."""
    out = []
    for op, cls in sorted(REGISTRY.items()):
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        out.append({"op": op, "label": cls.label or op, "help": doc})
    return out


#: Field names of the dataset format that would read as jargon on a form, in words.
_WORDS = {
    "node": "Unit or senior post",
    "to": "Reports to",
    "parent": "Under",
    "reports_to": "Reports to",
    "source": "From",
    "target": "To",
    "into": "Into",
    "by": "Replaced by",
    "head": "Head post",
    "fte": "Full-time equivalent",
}


def _label(name: str) -> str:
    return _WORDS.get(name) or name.replace("_", " ").capitalize()


def _suggest(kind: Kind) -> str:
    if isinstance(kind, Nullable):
        return _suggest(kind.inner)
    if isinstance(kind, RefTo):
        return kind.category if kind.category in ("unit", "post", "node", "person") else ""
    if isinstance(kind, ListOf):
        return _suggest(kind.item)
    return ""


def _input(f: Field, prefix: str = "") -> Input:
    name = f"{prefix}{f.name}"
    kind = f.kind.inner if isinstance(f.kind, Nullable) else f.kind
    help_ = f.doc
    if isinstance(f.kind, Nullable) and f.required and _suggest(f.kind):
        # A place in the structure: the format's words (null, unknown) told for a form.
        help_ = "leave empty for no one (the top); write “unknown” when no source says"
    elif isinstance(f.kind, Nullable) and f.required:
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
    elif isinstance(kind, ListOf) and made.suggest:
        made.widget = "textarea"
        made.help = (help_ + "; " if help_ else "") + "one name per line"
    elif isinstance(kind, ListOf) and not isinstance(kind.item, RecordOf):
        made.help = (help_ + "; " if help_ else "") + "ids separated by commas"
    elif isinstance(kind, ListOf | MapOf):
        made.widget = "yaml"
        made.help = (help_ + "; " if help_ else "") + "in YAML, as in a dataset file"
        made.placeholder = _example(kind)
    elif f.name == "mandate":
        made.widget = "textarea"
    if made.suggest and made.widget == "text":
        made.help = (made.help + "; " if made.help else "") + "a name, abbreviation or id"
    return made


def _example(kind: Kind) -> str:
    """What a YAML field's value looks like, for its placeholder."""
    if isinstance(kind, ListOf) and isinstance(kind.item, RecordOf):
        # A new unit's id is made from its name (plan_form_units): not asked for.
        needed = [f.name for f in kind.item.fields if f.required and f.name != "id"]
        entry = "\n".join(f"{'- ' if i == 0 else '  '}{name}: …" for i, name in enumerate(needed))
        return f"{entry}\n{entry}"
    if isinstance(kind, MapOf):
        return "a name: another name\na name: another name"
    return ""


def form_inputs(op: str, phases: list[tuple[str, str]] | None = None) -> list[Input]:
    """The inputs for ``op``: its own fields, then date, phase, id and the common ones."""
    inputs = [_input(f) for f in OP_FIELDS[op]]
    for inp in inputs:
        if (op, inp.name) in _NAMED_HELP:
            # Said in a designer's words: these fields take names, not the file's ids.
            inp.help = _NAMED_HELP[op, inp.name]
        if op in ABBREVIATED and inp.name == "abbreviation":
            # Asked outright: an old abbreviation must never carry silently into a new name.
            inp.widget = "abbreviation"
            inp.help = ""
            inp.choices = ABBREVIATION_CHOICES
    inputs.append(
        Input("date", "Date", "text", help="when it takes effect; empty: the plan's date")
    )
    if phases:
        inputs.append(Input("phase", "Phase", "select", choices=[("", "—"), *phases]))
    inputs.append(Input("id", "Id", "text", help="empty: one is made from the plan's id"))
    inputs.append(
        Input("cite", "Source", "text", help="the document, by its symbol or title",
              suggest="source")
    )
    inputs.append(
        Input(
            "passage",
            "Passage",
            "text",
            help="the paragraph or section, e.g. 21; several: 21, 23 or 21-23",
            passages_of="cite",
        )
    )
    inputs += [_input(f) for f in COMMON]
    return inputs


#: The help of the fields that bring in new units, by (op, field): they take names
#: (read by :mod:`.plan_form_units`), where a dataset file has ids.
_NAMED_HELP = {
    ("split", "into"): "each new unit's name and kind, in YAML; its id is made from its name",
    ("split", "parents"): "a new unit's name: where it reports (a name, or “unknown”)",
    ("split", "moves"): "a sub-unit's or post's name: the new unit it goes to",
    ("merge", "into"): "the unit that goes on, by name; or leave empty and describe a new one",
    ("replace", "by"): "the unit that takes over, by name; or leave empty and describe a new one",
}

#: The ops whose abbreviation is asked as keep / a new one / none.
ABBREVIATED = ("rename", "reclassify")

#: The abbreviation's choices, as (value, words).
ABBREVIATION_CHOICES = [
    ("keep", "keep the present one"),
    ("new", "a new one:"),
    ("none", "none"),
]



def _read(
    inp: Input, posted: Mapping[str, str], kind: Kind | None, names: NamesOf
) -> tuple[bool, Any]:
    """(given, value) of one input from the posted text; names resolved to ids."""
    if inp.widget == "record":
        assert isinstance(kind, RecordOf)
        subs = {f.name: f.kind for f in kind.fields}
        out = {}
        for part in inp.parts:
            given, value = _read(part, posted, subs[part.name.rsplit(".", 1)[-1]], names)
            if given:
                out[part.name.rsplit(".", 1)[-1]] = value
        return bool(out), out
    raw = posted.get(inp.name, "")
    inp.value = raw
    if inp.widget == "checkbox":
        return bool(raw), True
    if inp.widget == "abbreviation":
        return _abbreviation(inp, posted)
    text = raw.strip()
    if not text:
        # An empty required "or none" field means none; otherwise it is left out.
        return isinstance(kind, Nullable) and inp.required, None
    if isinstance(kind, Nullable) and text.casefold() == UNKNOWN_PLACE:
        # "unknown": a place no source gives (the dataset's word, not a name to look up).
        return True, UNKNOWN_PLACE
    if inp.suggest:
        return _named(inp, text, names(inp.suggest), isinstance(kind, ListOf))
    if inp.widget == "textarea" and isinstance(kind, ListOf):
        return True, [line.strip() for line in text.splitlines() if line.strip()]
    if inp.widget == "yaml":
        try:
            return True, yaml.safe_load(text)
        except yaml.YAMLError as exc:
            inp.errors.append(f"not readable as YAML: {str(exc).splitlines()[0]}")
            return False, None
    if isinstance(kind, ListOf):
        return True, [p.strip() for p in text.replace("\n", ",").split(",") if p.strip()]
    return True, text


def _named(inp: Input, text: str, names: Names, many: bool) -> tuple[bool, Any]:
    """The id (or ids, one a line) that a name field's text names; problems beside it."""
    ids = []
    for line in text.splitlines() if many else [text]:
        if not line.strip():
            continue
        try:
            found = names.resolve(line)
        except NotResolved as exc:
            inp.errors.append(exc.message)
            continue
        ids.append(found.id)
        inp.ids.append(found.id)
        if not many:
            abbr = f" ({found.abbreviation})" if found.abbreviation else ""
            inp.note = f"{found.name}{abbr}, {found.detail}" if found.detail else found.name
    if inp.errors:
        return False, None
    return True, ids if many else ids[0]


def _abbreviation(inp: Input, posted: Mapping[str, str]) -> tuple[bool, Any]:
    """A new name's abbreviation, as the person chose: kept (left out), a new one, none."""
    choice = posted.get(f"{inp.name}-choice", "")
    text = inp.value.strip()
    inp.choices = ABBREVIATION_CHOICES
    if not choice and text:
        choice = "new"
    inp.value = text
    inp.choice = choice
    if choice == "new":
        if not text:
            inp.errors.append("write the new abbreviation, or choose to keep it or have none")
            return False, None
        return True, text
    if choice == "none":
        return True, ""
    return False, None


def read_form(
    op: str,
    inputs: list[Input],
    posted: Mapping[str, str],
    names: NamesOf,
    taken: Collection[str] = frozenset(),
) -> tuple[dict, str]:
    """(the change mapping the posted form describes, its phase); input errors set.
    ``names(kind)`` resolves the names typed in fields that take one; ``taken`` is
    every id the record and the plan know, which a new unit's id avoids."""
    kinds: dict[str, Kind] = {f.name: f.kind for f in (*OP_FIELDS[op], *COMMON)}
    data: dict[str, Any] = {"op": op}
    phase = ""
    for inp in inputs:
        if inp.name == "phase":
            phase = posted.get("phase", "").strip()
            inp.value = phase
            continue
        if inp.name == "passage":
            inp.value = posted.get("passage", "")
            continue
        given, value = _read(inp, posted, kinds.get(inp.name), names)
        if given:
            data[inp.name] = value
        if inp.name == "date" and given:
            # Said here too, so that a bad date is told with a name that names nothing.
            try:
                FuzzyDate.parse(value)
            except DateError as exc:
                inp.errors.append(str(exc))
    passage = posted.get("passage", "").strip()
    if "cite" in data and passage:
        data["cite"] = f"{data['cite']}:{passage}"
    elif passage and not any(i.errors for i in inputs if i.name == "cite"):
        by_name = {i.name: i for i in inputs}
        by_name["cite"].errors.append("choose the source the passage is in")
    _unit_kept_abbreviation(op, inputs, data, names)
    by_name = {i.name: i for i in inputs}
    read_new_units(op, data, names, taken, lambda name: by_name[name].errors)
    return data, phase


def _unit_kept_abbreviation(op: str, inputs: list[Input], data: dict, names: NamesOf) -> None:
    """A rename that says nothing of the abbreviation of a unit that has one is asked to:
    the old abbreviation would otherwise carry silently into the new name."""
    by_name = {i.name: i for i in inputs}
    abbr = by_name.get("abbreviation")
    if op not in ABBREVIATED or abbr is None or abbr.choice or abbr.errors:
        return
    unit = names("unit").get(data.get("unit", "")) if data.get("unit") else None
    if unit is not None and unit.abbreviation and data.get("name"):
        abbr.errors.append(
            f"{unit.name} is abbreviated {unit.abbreviation}: keep it, give a new one, "
            "or choose none"
        )


def all_inputs(inputs: list[Input]) -> list[Input]:
    """The inputs and, within them, the parts of nested entries."""
    return [x for inp in inputs for x in (inp, *all_inputs(inp.parts))]


def place_errors(inputs: list[Input], problems: Mapping[str, list[str]]) -> list[str]:
    """Put each field's problems beside its input; return those that fit no input."""
    by_name = {inp.name: inp for inp in all_inputs(inputs)}
    loose = []
    for path, messages in problems.items():
        if path.split("[", 1)[0] == "cite" and "passage" in by_name:
            # A passage the source does not list is told beside the passage typed.
            unlisted = [m for m in messages if is_unlisted_passage(m)]
            by_name["passage"].errors += unlisted
            messages = [m for m in messages if m not in unlisted]
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
            for inp in all_inputs(inputs)
            if any(
                f"'{text}'" in reason
                for text in (
                    *inp.ids,
                    inp.value.strip() if isinstance(inp.value, str) else "",
                )
                if text
            )
        ]
        for inp in hits:
            inp.errors.append(reason)
        if not hits:
            loose.append(reason)
    return loose
