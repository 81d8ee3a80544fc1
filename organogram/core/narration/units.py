"""Narrators of the changes to units: create, rename, reclassify, move, merge, split…"""

from __future__ import annotations

from ..changes import (
    Abolish,
    CreateUnit,
    Merge,
    Move,
    Reclassify,
    Redescribe,
    Relocate,
    Rename,
    Replace,
    SetHead,
    Split,
)
from ..model import UNKNOWN_PLACE
from .telling import _Telling, narrates
from .words import COUNT, a, join, kind_word, the, the_new


def _with_abbreviation(name: str, abbreviation: str | None) -> str:
    return f"{name} ({abbreviation})" if abbreviation else name


@narrates(CreateUnit)
def _create(c: CreateUnit, t: _Telling) -> str:
    spec = c.unit
    kind = kind_word(spec.kind)
    # "the Protection Division is established", not "… as a division".
    as_kind = "" if not kind or kind in spec.name.lower() else f" as {a(kind)}"
    under = _under(c.parent, t)
    name = the(_with_abbreviation(spec.name, spec.abbreviation))
    if c.date.earliest is None:
        # "../2021-09": the record knows it was in place by then, not that it began.
        return f"{name} is in place{as_kind}{under} (since when is not recorded)"
    return f"{name} is established{as_kind}{under}"


def _under(parent: str | None, t: _Telling) -> str:
    """", under the Department of …", or that no source gives the placement."""
    if parent == UNKNOWN_PLACE:
        return "; where it is placed is not recorded"
    return f", under {t.node(parent)}" if parent else ""


@narrates(Rename)
def _rename(c: Rename, t: _Telling) -> str:
    unit = t.unit(c.unit)
    if unit is not None and c.name == unit.name:
        return f"the abbreviation of {the(unit.name)} becomes {c.abbreviation}"
    return f"{t.node(c.unit)} is renamed {the(_with_abbreviation(c.name, c.abbreviation))}"


@narrates(Reclassify)
def _reclassify(c: Reclassify, t: _Telling) -> str:
    unit = t.unit(c.unit)
    renamed = (
        f" and renamed {the(_with_abbreviation(c.name, c.abbreviation))}"
        if c.name and (unit is None or c.name != unit.name)
        else ""
    )
    if unit is not None and unit.kind == c.kind:
        return f"{the(unit.name)} remains {a(kind_word(c.kind))}{renamed}"
    was = f" from {a(kind_word(unit.kind))}" if unit is not None else ""
    return f"{t.node(c.unit)} is reclassified{was} to {a(kind_word(c.kind))}{renamed}"


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@narrates(Redescribe)
def _redescribe(c: Redescribe, t: _Telling) -> str:
    name = t.node(c.unit)
    parts: list[str] = []
    if c.mandate is not None:
        parts.append(
            f'the mandate of {name} is restated: "{_short(c.mandate)}"'
            if c.mandate.strip()
            else f"the mandate of {name} is withdrawn"
        )
    if c.functions is not None:
        functions = "its functions" if parts else f"the functions of {name}"
        listed = list(c.functions)
        if listed:
            more = f"; and {len(listed) - 3} more" if len(listed) > 3 else ""
            parts.append(f"{functions} are restated: {'; '.join(listed[:3])}{more}")
        else:
            parts.append(f"{functions} are withdrawn")
    return "; ".join(parts) or f"the description of {name} is restated"


@narrates(Relocate)
def _relocate(c: Relocate, t: _Telling) -> str:
    unit = t.unit(c.unit)
    name = t.node(c.unit)
    if not c.location.strip():
        return f"{name} no longer has a recorded location"
    since = f" from {unit.location}" if unit is not None and unit.location else ""
    return f"{name} moves{since} to {c.location}"


@narrates(SetHead)
def _set_head(c: SetHead, t: _Telling) -> str:
    if c.head is None:
        return f"{t.node(c.unit)} no longer has a head post"
    return f"{t.node(c.unit)} is headed by {t.node(c.head)}"


@narrates(Move)
def _move(c: Move, t: _Telling) -> str:
    before = t.s.placement(c.node)
    if before == UNKNOWN_PLACE:
        was = "; its earlier place is not recorded"
    else:
        was = f", no longer under {t.node(before)}" if before else ""
    if c.to == UNKNOWN_PLACE:
        return f"Where {t.node(c.node)} is placed from here is not recorded{was}"
    if c.to is None:
        return f"{t.node(c.node)} is placed at the top of the structure{was}"
    return f"{t.node(c.node)} is placed under the oversight of {t.node(c.to)}{was}"


@narrates(Abolish)
def _abolish(c: Abolish, t: _Telling) -> str:
    return f"{t.node(c.unit)} is abolished"


# ------------------------------------------------------------------ lineage


@narrates(Merge)
def _merge(c: Merge, t: _Telling) -> str:
    merged = [t.node(u) for u in c.units if u != c.into]
    verb = "are" if len(merged) > 1 else "is"
    if c.new is not None:
        how = "brought together in" if len(merged) > 1 else "brought into"
        under = f", under {t.node(c.parent)}" if c.parent else ""
        new = _with_abbreviation(c.new.name, c.new.abbreviation)
        return f"{join(merged)} {verb} {how} {the_new(new)}{under}"
    return f"{join(merged)} {verb} merged into {t.node(c.into)}"


@narrates(Split)
def _split(c: Split, t: _Telling) -> str:
    names = {spec.id: spec.name for spec in c.into}
    new = [the(_with_abbreviation(spec.name, spec.abbreviation)) for spec in c.into]
    if len(new) == 1:
        into = the_new(_with_abbreviation(c.into[0].name, c.into[0].abbreviation))
    else:
        into = f"{COUNT.get(len(new), str(len(new)))} new units, {join(new)}"
    name = t.node(c.unit)
    text = (
        f"part of the work of {name} passes to {into}; {name} continues"
        if c.keep
        else f"{name} is split into {into}"
    )
    moved = [
        f"{t.node(what)} goes to {the(names[home]) if home in names else t.node(home)}"
        for what, home in c.moves.items()
    ]
    return text + (f"; {join(moved)}" if moved else "")


@narrates(Replace)
def _replace(c: Replace, t: _Telling) -> str:
    if c.new is not None:
        under = f", under {t.node(c.parent)}" if c.parent else ""
        new = _with_abbreviation(c.new.name, c.new.abbreviation)
        return f"{t.node(c.unit)} is replaced by {the_new(new)}{under}"
    return f"{t.node(c.unit)} is replaced by {t.node(c.by)}"
