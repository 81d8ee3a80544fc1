"""Whether a GOV.UK organisations register file has the register's shape.

The importer (:mod:`.govuk`) reads the fields of each organisation as the register gives
them; a file of another shape (a JSON object, a list of numbers, organisations without a
title or a slug, a closing date that is not one) is refused here, each problem naming the
file, the organisation (its place in the list, as ``row``) and the field, so that such a
file never reads as an empty organization nor ends in a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.dates import DateError, FuzzyDate
from ..formats.kinds import NUL_WHY
from .problems import Report

#: The lists of other organisations an organisation names, each item an object with the
#: address of one (``id``) or the address itself.
LISTS = ("parent_organisations", "child_organisations", "superseding_organisations")
#: The texts an organisation may leave out (or give as null).
OPTIONAL_TEXTS = (
    "format",
    "details.abbreviation",
    "details.govuk_status",
    "details.govuk_closed_status",
    "details.closed_at",
)


def _what(value: Any) -> str:
    """What a JSON value is, in words."""
    names = {dict: "an object", list: "a list", str: "a text", bool: "true or false"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def _given(mapping: dict[str, Any], key: str) -> str:
    """What ``mapping`` gives for ``key``, in words ("missing" when nothing)."""
    return f"not {_what(mapping[key])}" if key in mapping else "but it is missing"


def organisations(path: str, data: Any, report: Report) -> dict[str, dict[str, Any]] | None:
    """Slug -> organisation of one version of the register, each with its lists (empty
    when left out); None after reporting why when the file is not a register of at least
    one organisation."""
    if not isinstance(data, list):
        report.error(
            path,
            f"not a register: a JSON list of organisations was expected, not {_what(data)}",
            code="shape",
        )
        return None
    out: dict[str, dict[str, Any]] = {}
    bad = False
    for row, item in enumerate(data, 1):
        for column, why in _problems(item):
            report.error(path, why, row=row, column=column, code="shape")
            bad = True
        if not bad:
            out[item["details"]["slug"]] = {**item, **{k: item.get(k) or [] for k in LISTS}}
    if bad:
        return None
    if not out:
        # An empty version would read as every organisation closed since the one before.
        report.error(path, "not a register: the list holds no organisation", code="empty")
        return None
    return out


def _problems(item: Any) -> Iterator[tuple[str, str]]:
    """(field, why) for each way ``item`` is not an organisation of the register."""
    if not isinstance(item, dict):
        yield "", f"an organisation is a JSON object, not {_what(item)}"
        return
    if not isinstance(item.get("title"), str) or not item["title"].strip():
        yield "title", f"a name (text) was expected, {_given(item, 'title')}"
    details = item.get("details")
    if not isinstance(details, dict):
        yield "details", f"an object was expected, {_given(item, 'details')}"
        return
    slug = details.get("slug")
    if not isinstance(slug, str) or not slug.strip():
        yield "details.slug", f"an identifier (text) was expected, {_given(details, 'slug')}"
    for name in OPTIONAL_TEXTS:
        value = details.get(name[8:]) if name.startswith("details.") else item.get(name)
        if value is not None and not isinstance(value, str):
            yield name, f"a text was expected, not {_what(value)}"
    # PostgreSQL cannot store a NUL in text: refused here, at its field, not by the database.
    texts = {"title": item.get("title"), "details.slug": slug}
    for name in OPTIONAL_TEXTS:
        texts[name] = details.get(name[8:]) if name.startswith("details.") else item.get(name)
    for name, value in texts.items():
        if isinstance(value, str) and "\x00" in value:
            yield name, NUL_WHY
    closed_at = details.get("closed_at")
    if isinstance(closed_at, str) and closed_at:
        try:
            FuzzyDate.parse(closed_at[:10])
        except DateError:
            yield "details.closed_at", f"{closed_at!r} is not a date"
    for name in LISTS:
        value = item.get(name)
        if value is None:
            continue
        if not isinstance(value, list):
            yield name, f"a list was expected, not {_what(value)}"
            continue
        for n, ref in enumerate(value):
            url = ref.get("id") if isinstance(ref, dict) else ref
            if isinstance(url, str) and "\x00" in url:
                yield f"{name}[{n}]", NUL_WHY
            elif not isinstance(url, str) or not url.strip("/"):
                yield (
                    f"{name}[{n}]",
                    "an organisation's address (or an object with its id) "
                    f"was expected, not {_what(url)}",
                )
    closure = details.get("govuk_closed_status")
    if closure == "changed_name" and not item.get("superseding_organisations"):
        yield "superseding_organisations", "a change of name names the organisation's new name"
