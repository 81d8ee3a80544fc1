"""Editing cost tables and exchange rates from the Cost page.

Each form is read into the mapping a dataset entry would hold, over the entry as
stored (so fields the form does not show, such as citations, are kept), and written
as a :class:`~organogram.registry.actions.SaveEntry` action: checked like a dataset
file, audited, and refused when someone saved the entry since the form was opened.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ...formats.register import entry_to_dict
from ...formats.registers import BY_SECTION
from ...registry.actions import Refused, SaveEntry, run
from ...registry.actions.entries import entry_version
from ...registry.store import State
from ..hidden import STALE, hidden_number
from .common import actor, registry_page, requires

ROW_FIELDS = ("grade", "duty_station", "cost", "salary", "common_staff_costs")
#: Blank rows offered below a table's rows, for adding grades.
BLANK_ROWS = 3
TABLES, RATES = "cost_tables", "exchange_rates"


def _stored(state: State, section: str, key: str | None) -> dict[str, Any]:
    """The entry as data, or {} for a new one; 404 for an id the register lacks."""
    if key is None:
        return {}
    entry = state.record.register(section).get(key)
    if entry is None:
        raise Http404(f"no {BY_SECTION[section].noun} {key!r}")
    return entry_to_dict(BY_SECTION[section], entry)


def _text(post, name: str, data: dict[str, Any]) -> None:
    """Put a text field of the form into ``data`` (left out when blank)."""
    value = post.get(name, "").strip()
    if value:
        data[name] = value
    else:
        data.pop(name, None)


#: The most rows a cost table's form is read for: far more than a grade scale has, and a
#: bound on the work a hand-edited count of rows can ask for.
MOST_ROWS = 5000

def _table_data(post, stored: dict[str, Any], key: str | None) -> dict[str, Any]:
    data = dict(stored)
    data["id"] = key or post.get("id", "").strip()
    for name in ("year", "currency", "title", "note"):
        _text(post, name, data)
    data["illustrative"] = post.get("illustrative") == "on"
    if not data["illustrative"]:
        del data["illustrative"]
    rows = []
    for i in range(hidden_number(post.get("row_count"), 0, MOST_ROWS)):
        row = {f: post.get(f"rows-{i}-{f}", "").strip() for f in ROW_FIELDS}
        if not any(row.values()):
            continue  # a blank line: no row
        rows.append({f: v for f, v in row.items() if v})
    data["rows"] = rows
    assumed = {}
    for line in post.get("assumed_grades", "").splitlines():
        post_id, _sep, grade = line.partition(":")
        if post_id.strip():
            assumed[post_id.strip()] = grade.strip()
    if assumed:
        data["assumed_grades"] = assumed
    else:
        data.pop("assumed_grades", None)
    return data


def _rate_data(post, stored: dict[str, Any], key: str | None) -> dict[str, Any]:
    data = dict(stored)
    data["id"] = key or post.get("id", "").strip()
    for name in ("valid", "base", "quote", "rate", "source", "note"):
        _text(post, name, data)
    if post.get("illustrative") == "on":
        data["illustrative"] = True
    else:
        data.pop("illustrative", None)
    return data


def _edit(
    request: HttpRequest, state: State, section: str, key: str | None, read, template: str
) -> HttpResponse:
    stored = _stored(state, section, key)
    version = entry_version(section, key) if key else 0
    data, reasons, stale = stored, [], ""
    if request.method == "POST":
        data = read(request.POST, stored, key)
        # A form without its version is as good as stale.
        expected = hidden_number(request.POST.get("version"), STALE)
        try:
            saved = run(SaveEntry(section, data, expected, create=key is None), actor(request))
        except Refused as exc:
            if exc.stale:
                stale = str(exc)
            else:
                reasons = exc.reasons or [str(exc)]
        else:
            noun = BY_SECTION[section].noun
            messages.success(request, f"The {noun} {saved.entry.id} is saved.")
            return redirect(reverse("site:cost") + f"#{section}")
    noun = BY_SECTION[section].noun
    return render(
        request,
        template,
        {
            "key": key,
            "noun": noun,
            "data": data,
            "version": request.POST.get("version", version) if request.POST else version,
            "reasons": reasons,
            "stale": stale,
            "rows": _rows(data) if section == TABLES else [],
        },
        status=409 if stale else (422 if reasons else 200),
    )


def _rows(data: dict[str, Any]) -> list[dict[str, str]]:
    rows = [{f: str(r.get(f, "")) for f in ROW_FIELDS} for r in data.get("rows", [])]
    return rows + [dict.fromkeys(ROW_FIELDS, "") for _ in range(BLANK_ROWS)]


@registry_page
@requires(BY_SECTION[TABLES].edit_action)
def cost_table_edit(
    request: HttpRequest, state: State, table_id: str | None = None
) -> HttpResponse:
    """Add or edit a cost table: its year, currency, rows and assumed grades."""
    return _edit(request, state, TABLES, table_id, _table_data, "site/cost_table_edit.html")


@registry_page
@requires(BY_SECTION[RATES].edit_action)
def exchange_rate_edit(
    request: HttpRequest, state: State, rate_id: str | None = None
) -> HttpResponse:
    """Add or edit an exchange rate."""
    return _edit(request, state, RATES, rate_id, _rate_data, "site/exchange_rate_edit.html")
