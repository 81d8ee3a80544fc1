"""The "Record a change" forms: one per common operation, each read into a change mapping.

A form gathers what the operation needs plus what every change carries (effective
date, reason, citation, the token the editor saw). :func:`change_mapping` turns its
cleaned data into the mapping a dataset's ``changes:`` entry holds, which the codec
checks exactly as it checks a file, so the web records the same change classes the
command line and the loader do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.urls import reverse_lazy

from ..core.model import SIDE_LINE_KINDS, AssignmentKind, Funding, PostStatus

#: The typed lines a form may add, as (value, words).
LINE_KINDS = [(str(k), str(k).replace("-", " ")) for k in sorted(SIDE_LINE_KINDS)]


@dataclass(frozen=True)
class Op:
    """One operation a form records: its op, a title, for units or posts, its fields."""

    op: str
    title: str
    #: "unit": offered on a unit's page; "post": on a senior post's page too.
    on: tuple[str, ...]
    fields: tuple[str, ...]
    help: str = ""


OPS: dict[str, Op] = {
    o.op: o
    for o in (
        Op("rename", "Rename", ("unit",), ("name", "abbreviation_choice", "abbreviation"),
           "A new name; the unit stays."),
        Op("reclassify", "Reclassify", ("unit",), ("kind", "new_name"),
           "A new kind (a division becomes a department), maybe with a new name."),
        Op("redescribe", "Redescribe", ("unit",), ("mandate", "functions"),
           "A restated mandate or list of functions."),
        Op("relocate", "Relocate", ("unit",), ("location",), "A new duty station or place."),
        Op("move", "Move", ("unit", "post"), ("to",), "A new line of oversight."),
        Op("abolish", "Abolish", ("unit",), (),
           "The unit ceases to exist; nothing may still report to it."),
        Op("add-line", "Add a typed line", ("unit", "post"), ("line_kind", "target"),
           "Administrative support, direct supervision or a functional line."),
        Op("remove-line", "Remove a typed line", ("unit", "post"), ("line",)),
        Op("create", "Create a sub-unit", ("unit",),
           ("new_id", "name", "kind", "abbreviation", "mandate", "location"),
           "A new unit under this one."),
        Op("create-post", "Create a post", ("unit",),
           ("new_id", "title", "grade", "category", "duty_station", "senior", "status",
            "funding", "fte"),
           "A new post in this unit."),
        Op("regrade-post", "Regrade a post", ("unit", "post"), ("post", "grade", "title")),
        Op("amend-post", "Amend a post", ("unit", "post"),
           ("post", "title", "category", "duty_station", "status", "funding", "fte"),
           "A new title, duty station, status, funding or full-time equivalent; "
           "fields left empty stay as they are."),
        Op("move-post", "Move a post", ("unit", "post"), ("post", "unit")),
        Op("assign", "Assign someone to a post", ("unit", "post"),
           ("post", "person", "assignment")),
        Op("vacate", "Vacate a post", ("unit", "post"), ("post", "holder")),
    )
}


def _choice(choices: list[tuple[str, str]], label: str, required: bool = True) -> forms.Field:
    return forms.ChoiceField(choices=choices, label=label, required=required)


def _text(label: str, required: bool = True, help_text: str = "") -> forms.Field:
    return forms.CharField(label=label, required=required, help_text=help_text, strip=True)


#: The fields that name something, and what they name (resolved as of the form's date).
NAMED = {"to": "node", "target": "node", "unit": "unit", "person": "person",
         "cite_source": "source"}

#: A new name's abbreviation, asked outright: an old one must never carry silently.
ABBREVIATION_CHOICES = [("keep", "keep the present one"), ("new", "a new one (below)"),
                        ("none", "none")]


def _named(label: str, kind: str, required: bool = True, help_text: str = "") -> forms.Field:
    """A text field that takes a name (or abbreviation, or id), searched as one types."""
    widget = forms.TextInput(attrs={"data-lookup": kind, "autocomplete": "off",
                                    "spellcheck": "false"})
    return forms.CharField(label=label, required=required, strip=True, widget=widget,
                           help_text=help_text or "a name, abbreviation or id")


def _area(label: str, help_text: str = "") -> forms.Field:
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text=help_text
    )


class ChangeForm(forms.Form):
    """The fields of one operation plus those every change carries."""

    date = _text("Effective date", help_text="2024-03-01, or a period: 2024-03, 2024-Q1, 2024")
    reason = _text("Reason", help_text="Why the change is made (it is kept with it)")
    cite_source = _named("Source", "source", required=False,
                         help_text="the document, by its symbol or title")
    cite_passage = forms.CharField(
        label="Passage", required=False, strip=True,
        help_text="the paragraph or section, e.g. 21; several: 21, 23 or 21-23",
        widget=forms.TextInput(attrs={
            "data-passages-of": "cite_source", "autocomplete": "off",
            "data-passages-url": reverse_lazy("site:lookup_passages"),
        }),
    )
    corrects = forms.ChoiceField(
        label="Corrects an earlier record", required=False,
        help_text="When this fixes a change recorded wrongly: it stays in the trace",
    )
    token = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, op: Op, options: dict[str, list[tuple[str, str]]], *args: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.op = op
        self.fields["corrects"].choices = [("", "—"), *options["changes"]]
        made = {
            "name": lambda: _text("New name" if op.op == "rename" else "Name"),
            "new_name": lambda: _text("New name", required=False),
            "abbreviation": lambda: _text("New abbreviation" if op.op == "rename"
                                          else "Abbreviation", required=False),
            "abbreviation_choice": lambda: forms.ChoiceField(
                label="Abbreviation", choices=ABBREVIATION_CHOICES, widget=forms.RadioSelect,
                help_text="whether the present abbreviation goes with the new name"),
            "kind": lambda: _text("Kind", help_text="department, division, unit, office…"),
            "mandate": lambda: _area("Mandate"),
            "functions": lambda: _area("Functions", "one per line"),
            "location": lambda: _text("Location", required=op.op == "relocate"),
            "to": lambda: _named("Reports to", "node", required=False,
                                 help_text="a unit or senior post; empty: the top"),
            "line_kind": lambda: _choice(LINE_KINDS, "Kind of line"),
            "target": lambda: _named("To", "node"),
            "line": lambda: _choice(options["lines"], "Line"),
            "new_id": lambda: _text("Id", help_text="letters, digits and hyphens; never changes"),
            "title": lambda: _text("New title" if op.op == "amend-post" else "Title",
                                   required=op.op == "create-post"),
            "grade": lambda: _text("Grade", required=op.op == "regrade-post",
                                   help_text="D-2, P-5, G-6…"),
            "category": lambda: _text("Category", required=False),
            "duty_station": lambda: _text("Duty station", required=False),
            "senior": lambda: forms.BooleanField(label="Senior post (a node of the tree)",
                                                 required=False),
            "status": lambda: _choice(
                [("", "unchanged" if op.op == "amend-post" else "established"),
                 *((v.value, v.value) for v in PostStatus)], "Status", required=False),
            "funding": lambda: _choice(
                [("", "unchanged" if op.op == "amend-post" else "not known"),
                 *((v.value, v.value) for v in Funding if v)], "Funding", required=False),
            "fte": lambda: forms.FloatField(
                label="Full-time equivalent", required=False, min_value=0,
                help_text="1 for a full-time post, 0.5 for a half-time one"),
            "post": lambda: _choice(options["posts"], "Post"),
            "unit": lambda: _named("To unit", "unit"),
            "person": lambda: _named("Person", "person"),
            "assignment": lambda: _choice([(k.value, k.value.replace("-", " "))
                                           for k in AssignmentKind], "How"),
            "holder": lambda: _choice(options["holders"], "Person leaving"),
        }
        for name in op.fields:
            self.fields[name] = made[name]()
        # The operation's own fields first, then what every change carries.
        order = [*op.fields, "date", "reason", "cite_source", "cite_passage", "corrects", "token"]
        self.order_fields(order)

    def clean(self) -> dict[str, Any]:
        """A new abbreviation chosen must be written."""
        data = super().clean()
        if data.get("abbreviation_choice") == "new" and not data.get("abbreviation"):
            self.add_error("abbreviation", "write the new abbreviation, or keep it, or none")
        return data


def change_mapping(op: Op, node: str, is_unit: bool, data: dict[str, Any]) -> dict[str, Any]:
    """The change mapping (as in a dataset file) that a valid form's data describes."""
    out: dict[str, Any] = {"op": op.op, "date": data["date"], "reason": data["reason"]}
    if data.get("cite_source"):
        passage = data.get("cite_passage") or ""
        out["cite"] = f"{data['cite_source']}:{passage}" if passage else data["cite_source"]
    own = node if is_unit else None
    post = data.get("post") or (None if is_unit else node)
    if op.op == "rename":
        out.update(unit=own, name=data["name"])
        if data.get("abbreviation_choice") == "new":
            out["abbreviation"] = data.get("abbreviation") or ""
        elif data.get("abbreviation_choice") == "none":
            out["abbreviation"] = ""
    elif op.op == "reclassify":
        out.update(unit=own, kind=data["kind"])
        if data.get("new_name"):
            out["name"] = data["new_name"]
    elif op.op == "redescribe":
        out["unit"] = own
        if data.get("mandate"):
            out["mandate"] = data["mandate"]
        lines = [ln.strip() for ln in (data.get("functions") or "").splitlines() if ln.strip()]
        if lines:
            out["functions"] = lines
    elif op.op == "relocate":
        out.update(unit=own, location=data["location"])
    elif op.op == "move":
        out.update(node=node, to=data.get("to") or None)
    elif op.op == "abolish":
        out["unit"] = own
    elif op.op == "add-line":
        out.update(source=node, kind=data["line_kind"], target=data["target"])
    elif op.op == "remove-line":
        kind, _, target = data["line"].partition("|")
        out.update(source=node, kind=kind, target=target)
    elif op.op == "create":
        # As a dataset writes it: the new unit's attributes beside its id.
        out.update(unit=data["new_id"], name=data["name"], kind=data["kind"], parent=node)
        for key in ("abbreviation", "mandate", "location"):
            if data.get(key):
                out[key] = data[key]
    elif op.op == "create-post":
        out.update(post=data["new_id"], title=data["title"], unit=own)
        for key in ("grade", "category", "duty_station", "status", "funding"):
            if data.get(key):
                out[key] = data[key]
        if data.get("fte") is not None:
            out["fte"] = data["fte"]
        if data.get("senior"):
            out.update(senior=True, reports_to=node)
    elif op.op == "amend-post":
        out["post"] = post
        for key in ("title", "category", "duty_station", "status", "funding"):
            if data.get(key):
                out[key] = data[key]
        if data.get("fte") is not None:
            out["fte"] = data["fte"]
    elif op.op == "regrade-post":
        out.update(post=post, grade=data["grade"])
        if data.get("title"):
            out["title"] = data["title"]
    elif op.op == "move-post":
        out.update(post=post, unit=data["unit"])
    elif op.op == "assign":
        out.update(post=post, person=data["person"], kind=data["assignment"])
    elif op.op == "vacate":
        holder_post, _, person = data["holder"].partition("|")
        out.update(post=holder_post, person=person)
    return out


#: Codec field names -> the form field to show the problem beside.
FIELD_OF = {
    "name": "name", "abbreviation": "abbreviation", "kind": "kind", "mandate": "mandate",
    "functions": "functions", "location": "location", "to": "to", "target": "target",
    "unit": "new_id", "post": "post", "parent": "to",
    "title": "title", "grade": "grade", "person": "person", "date": "date", "cite": "cite_source",
    "category": "category", "duty_station": "duty_station", "status": "status",
    "funding": "funding", "fte": "fte",
}
