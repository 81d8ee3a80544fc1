"""A refused gesture of the chart, told in a few plain words beside its box.

A refusal comes from the registry (``Refused.message``, its ``reasons`` and ``fields``)
and, inside it, from the core's checks: "the change does not apply on 2030-01-01 where
it falls in the plan", then "'dfam' is under 'ddg-mr': placing 'ddg-mr' under it would
make a cycle". Those sentences serve the command line and the API, which name things by
id. The chart says instead what was not done to which boxes, by their names, and the
first reason in a person's words ("Deputy Director General for Management and Reform
cannot move under Department of Financial and Administrative Management, which is under
it"); the whole text stays available beside it (:attr:`Told.full`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

#: An id quoted in a refusal's sentence ('dfam').
QUOTED = re.compile(r"'([A-Za-z0-9][A-Za-z0-9._-]*)'")

#: An id after a name in a refusal's sentence ("Budget Division (budget)"): the core
#: names what it knows so, for the command line and the API.
AFTER_NAME = re.compile(r" \(([A-Za-z0-9][A-Za-z0-9._-]*)\)")

#: What was not done, per gesture, with the names of the boxes it was asked of.
_HEADLINES = {
    "move": "{node} cannot move under {to}",
    "rename": "{unit} cannot be renamed",
    "reclassify": "The kind of {unit} cannot change",
    "create": "No unit can be added under {parent}",
    "abolish": "{unit} cannot be abolished",
    "merge": "{unit} and {with} cannot be merged",
    "undo": "Nothing undone",
    "redo": "Nothing redone",
}

#: The core's reasons a gesture meets most, in a person's words (read on the text with
#: ids, before names replace them). ``{…}`` are the pattern's groups, named.
_PLAIN = [
    (re.compile(r"^.+ is under .+: placing .* would make a cycle$"), ", which is under it"),
    (re.compile(r"^.+ is already under .*$"), ": it is there already"),
    (re.compile(r"^.+? still oversees (?P<list>.+): move them first$"), None),
    (re.compile(r"^.+ is already named .*$"), ": it has that name already"),
    (re.compile(r"^.+ is already an? (?P<kind>.+)$"), ": it is a {kind} already"),
    (re.compile(r"^.+ cannot oversee itself$"), ": a box cannot report to itself"),
    (re.compile(r"^a merge names the same unit twice$"), ": choose two different units"),
]


@dataclass(frozen=True)
class Told:
    """A refusal for the chart: ``short`` to show on the box, ``full`` to read on demand
    (the registry's message, every reason and every field's problems, ids as names)."""

    short: str
    full: str


def with_names(text: str, name_of: Callable[[str], str | None]) -> str:
    """``text`` with what it names by name alone: a quoted id replaced by the name of
    what it is, and the id after a name dropped, where known."""
    text = AFTER_NAME.sub(lambda m: "" if name_of(m.group(1)) else m.group(0), text)
    return QUOTED.sub(lambda m: name_of(m.group(1)) or m.group(0), text)


def tell(
    do: str,
    posted: Mapping[str, str],
    message: str,
    reasons: list[str],
    fields: Mapping[str, list[str]],
    name_of: Callable[[str], str | None],
) -> Told:
    """The refusal of the gesture ``do`` (its form ``posted``) in plain words."""
    problems = [p for ps in fields.values() for p in ps]
    full = "; ".join(with_names(t, name_of) for t in [message, *problems, *reasons])
    head = _headline(do, posted, name_of)
    if not head:
        return Told(_sentence(with_names(message, name_of)), _sentence(full))
    if problems:
        # What to write in the form: short, and every one is needed.
        words = ": " + "; ".join(with_names(p, name_of) for p in problems)
    elif reasons:
        words = _plain(reasons[0], name_of)
        more = len(reasons) - 1
        words += f" (and {more} more reason{'s' if more > 1 else ''})" if more else ""
    else:
        words = ": " + with_names(message, name_of)
    return Told(_sentence(head + words), _sentence(full))


def _headline(do: str, posted: Mapping[str, str], name_of: Callable[[str], str | None]) -> str:
    """What was not done, to which boxes by name ("" for a gesture not known here)."""
    pattern = _HEADLINES.get(do)
    if pattern is None:
        return ""
    if do == "merge" and posted.get("unit", "").strip() == posted.get("with", "").strip():
        pattern = "{unit} cannot be merged with itself"
    names = {}
    for key in re.findall(r"{(\w+)}", pattern):
        given = posted.get(key, "").strip()
        names[key] = (name_of(given) or given) if given else "the box"
    return pattern.format(**names)


def _plain(reason: str, name_of: Callable[[str], str | None]) -> str:
    """The reason as it follows the headline: a known one rephrased, else as it is."""
    for pattern, words in _PLAIN:
        found = pattern.match(reason)
        if found is None:
            continue
        if words is None:
            # "X still oversees A, B, C: move them first": how many, not the list.
            # Counted by the ids after the names where the core gives them (a name may
            # hold a comma), else by the commas between quoted ids.
            ids = AFTER_NAME.findall(found["list"])
            count = len(ids) or len(found["list"].split(", "))
            if count == 1:
                return f": {with_names(found['list'], name_of)} still reports to it; move it first"
            return f": {count} units still report to it; move them first"
        return words.format(**{k: with_names(v, name_of) for k, v in found.groupdict().items()})
    return ": " + with_names(reason, name_of)


def _sentence(text: str) -> str:
    """``text`` begun with a capital and ended with a full stop."""
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] + "." if text else ""
