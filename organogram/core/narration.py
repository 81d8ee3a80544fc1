"""Changes told in plain English, with the names in force when each change is made.

"The Department of International Cooperation and Partnerships is renamed the
Department of External Relations (SCPF/28 para. 21)." Every op of the change
vocabulary has a narrator here; a test keeps the two in step.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .changes import (
    Abolish,
    AbolishPost,
    AddLine,
    AmendPost,
    Assign,
    Change,
    CreatePost,
    CreateUnit,
    Merge,
    Move,
    MovePost,
    Reclassify,
    Redescribe,
    RegradePost,
    Relocate,
    RemoveLine,
    Rename,
    Replace,
    SetHead,
    Split,
    Vacate,
)
from .dates import FuzzyDate
from .model import AssignmentKind, Citation, LineKind, Source, Unit
from .structure import Structure

# ------------------------------------------------------------------ wording


def the(name: str) -> str:
    """``the`` + name, unless the name already starts with "the"/"The"."""
    if name[:4].lower() == "the ":
        return "the " + name[4:]
    return "the " + name


def the_new(name: str) -> str:
    """``the new`` + name: "the new Global Data Institute"."""
    return "the new " + (name[4:] if name[:4].lower() == "the " else name)


def kind_word(kind: str) -> str:
    """A unit kind as it reads in a sentence: ``regional-office`` -> "regional office"."""
    return " ".join(kind.replace("-", " ").replace("_", " ").split()).lower()


# "a unit", "a union", "a European office": words whose vowel sounds like a consonant.
_CONSONANT_SOUND = re.compile(r"^(uni|use|usu|eu|one)", re.IGNORECASE)


def a(word: str) -> str:
    """``a`` or ``an`` + word: "a division", "an office", "a unit"."""
    vowel = word[:1].lower() in "aeiou" and not _CONSONANT_SOUND.match(word)
    return ("an " if vowel else "a ") + word


def join(items: list[str]) -> str:
    """Items joined as in a sentence: "A", "A and B", "A, B and C"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_COUNT = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}


def when(date: FuzzyDate) -> str:
    """The date opening a sentence: "On 28 October 2020"; "In Q4 2021" for a period."""
    return ("On " if date.exact else "In ") + date.describe()


_NUMBER = re.compile(r"^\d+(\.\d+)*$")


def citation_text(cites: Iterable[Citation], sources: dict[str, Source] | None = None) -> str:
    """Citations as read in brackets: each source by its symbol (else its id), its passages.

    A passage that is a number reads "para. N" ("paras. 21 and 22" for several);
    other passages are shown as given.
    """
    grouped: dict[str, list[str]] = {}
    for c in cites:
        grouped.setdefault(c.source, [])
        if c.passage:
            grouped[c.source].append(c.passage)
    parts: list[str] = []
    for source_id, passages in grouped.items():
        source = (sources or {}).get(source_id)
        label = (source.symbol or source.id) if source is not None else source_id
        numbers = [p for p in passages if _NUMBER.match(p)]
        others = [p for p in passages if not _NUMBER.match(p)]
        words = []
        if numbers:
            words.append(("para. " if len(numbers) == 1 else "paras. ") + join(numbers))
        words.extend(others)
        parts.append(" ".join([label, ", ".join(words)]) if words else label)
    return "; ".join(parts)


# ------------------------------------------------------------------ context


@dataclass(frozen=True)
class _Telling:
    """The structure a change is told from, and how much may be said about people."""

    s: Structure
    show_people: bool = True

    def unit(self, unit_id: str) -> Unit | None:
        """The unit's version in force (or its last one), if known."""
        return self.s.units.get(unit_id) or self.s.retired_units.get(unit_id)

    def node(self, node: str) -> str:
        """A unit or post as named in a sentence ("the Department of …"), or its bare id."""
        label = self.s.label(node)
        return the(label) if label != node else node

    def post(self, post_id: str) -> str:
        """A post with its grade: "the post of Director, Global Data Institute (D-2)"."""
        post = self.s.posts.get(post_id) or self.s.retired_posts.get(post_id)
        if post is None:
            return f"the post {post_id}"
        grade = f" ({post.grade})" if post.grade else ""
        return f"the post of {post.title}{grade}"

    def person(self, person_id: str) -> str:
        """The person's name as recorded, or their id."""
        person = self.s.people.get(person_id)
        return person.name if person is not None else person_id


Narrator = Callable[[Change, _Telling], str]

#: op -> function telling a change of that op (a sentence without its final period).
NARRATORS: dict[str, Narrator] = {}


def narrates(cls: type[Change]) -> Callable[[Narrator], Narrator]:
    """Decorator that makes a function the narrator of a change class."""

    def register(fn: Narrator) -> Narrator:
        NARRATORS[cls.op] = fn
        return fn

    return register


# ------------------------------------------------------------------ units


def _with_abbreviation(name: str, abbreviation: str | None) -> str:
    return f"{name} ({abbreviation})" if abbreviation else name


@narrates(CreateUnit)
def _create(c: CreateUnit, t: _Telling) -> str:
    spec = c.unit
    kind = kind_word(spec.kind)
    # "the Protection Division is established", not "… as a division".
    as_kind = "" if not kind or kind in spec.name.lower() else f" as {a(kind)}"
    under = f", under {t.node(c.parent)}" if c.parent else ""
    return f"{the(_with_abbreviation(spec.name, spec.abbreviation))} is established{as_kind}{under}"


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
    before = t.s.oversight.get(c.node)
    if c.to is None:
        was = f", no longer under {t.node(before)}" if before else ""
        return f"{t.node(c.node)} is placed at the top of the structure{was}"
    was = f", no longer under {t.node(before)}" if before else ""
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
        into = f"{_COUNT.get(len(new), str(len(new)))} new units, {join(new)}"
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


# ------------------------------------------------------------------ lines


def _ends(c: AddLine | RemoveLine, t: _Telling) -> tuple[str, str]:
    """(the node that reports, the node it reports to) on a typed line.

    A line runs from the node that reports to the node it reports to; a direct
    supervision line written from a senior post to a unit is read the other way round.
    """
    source, target = c.source, c.target
    post = t.s.posts.get(source)
    if (
        LineKind(c.kind) is LineKind.DIRECT_SUPERVISION
        and post is not None
        and post.senior
        and not (target in t.s.posts and t.s.posts[target].senior)
    ):
        source, target = target, source
    return t.node(source), t.node(target)


_ADDED = {
    LineKind.DIRECT_SUPERVISION: "{s} comes under the direct supervision of {t}",
    LineKind.ADMINISTRATIVE_SUPPORT: "{s} receives administrative support from {t}",
    LineKind.FUNCTIONAL: "{s} gains a functional line to {t}",
}
_REMOVED = {
    LineKind.DIRECT_SUPERVISION: "{s} is no longer under the direct supervision of {t}",
    LineKind.ADMINISTRATIVE_SUPPORT: "{s} no longer receives administrative support from {t}",
    LineKind.FUNCTIONAL: "the functional line from {s} to {t} ends",
}


def _line(c: AddLine | RemoveLine, t: _Telling, wording: dict[LineKind, str], verb: str) -> str:
    try:
        kind = LineKind(c.kind)
    except ValueError:
        kind = None
    if kind not in wording:
        return f"a {c.kind} line from {t.node(c.source)} to {t.node(c.target)} {verb}"
    source, target = _ends(c, t)
    return wording[kind].format(s=source, t=target)


@narrates(AddLine)
def _add_line(c: AddLine, t: _Telling) -> str:
    return _line(c, t, _ADDED, "is drawn")


@narrates(RemoveLine)
def _remove_line(c: RemoveLine, t: _Telling) -> str:
    return _line(c, t, _REMOVED, "ends")


# ------------------------------------------------------------------ posts


@narrates(CreatePost)
def _create_post(c: CreatePost, t: _Telling) -> str:
    grade = f" ({c.grade})" if c.grade else ""
    where = f" in {t.node(c.unit)}" if c.unit else ""
    reports = f", reporting to {t.node(c.reports_to)}" if c.reports_to else ""
    senior = "a senior" if c.senior else "a"
    extra = _post_terms(c.status, c.funding, c.fte, created=True)
    return f"{senior} post of {c.title}{grade} is created{where}{reports}{extra}"


_STATUS_WORDS = {
    "proposed": "proposed",
    "established": "established",
    "frozen": "frozen",
    "abolished": "marked abolished",
}


_FUNDED = {"core": "funded from the core budget", "projects": "funded from projects"}


def _fte(fte: float) -> str:
    """1.0 -> "full-time"; 0.5 -> "0.5 full-time equivalent"."""
    return "full-time" if fte == 1 else f"{fte:g} full-time equivalent"


def _post_terms(status: object, funding: object, fte: object, created: bool = False) -> str:
    """", proposed, funded from projects": what a create-post says beyond
    the title (a create leaves out the defaults)."""
    parts: list[str] = []
    if status is not None and not (created and status == "established"):
        parts.append(_STATUS_WORDS.get(str(status), str(status)))
    if funding:
        parts.append(_FUNDED[str(funding)])
    if fte is not None and not (created and fte == 1):
        parts.append(_fte(float(fte)))  # type: ignore[arg-type]
    return "".join(f", {p}" for p in parts)


@narrates(AbolishPost)
def _abolish_post(c: AbolishPost, t: _Telling) -> str:
    post = t.s.posts.get(c.post)
    where = f" in {t.node(post.unit)}" if post is not None and post.unit else ""
    return f"{t.post(c.post)}{where} is abolished"


@narrates(RegradePost)
def _regrade_post(c: RegradePost, t: _Telling) -> str:
    post = t.s.posts.get(c.post)
    title = post.title if post is not None else c.post
    old = post.grade if post is not None else ""
    text = f"the post of {title} is " + (
        f"regraded from {old} to {c.grade}" if old and old != c.grade else f"graded {c.grade}"
    )
    if c.title and c.title != title:
        text += f" and retitled {c.title}"
    if c.category and (post is None or c.category != post.category):
        text += f", in the {c.category} category"
    return text


@narrates(AmendPost)
def _amend_post(c: AmendPost, t: _Telling) -> str:
    post = t.s.posts.get(c.post)
    parts: list[str] = []
    if c.title is not None and (post is None or c.title != post.title):
        parts.append(f"is retitled {c.title}")
    if c.category is not None:
        parts.append(f"moves to the {c.category} category" if c.category else "has no category")
    if c.duty_station is not None:
        parts.append(
            f"is based in {c.duty_station}" if c.duty_station else "has no duty station"
        )
    if c.senior is not None:
        parts.append("becomes a senior post" if c.senior else "is no longer a senior post")
    if c.status is not None:
        parts.append(f"is {_STATUS_WORDS.get(str(c.status), str(c.status))}")
    if c.funding is not None:
        parts.append("is " + _FUNDED[str(c.funding)])
    if c.fte is not None:
        parts.append(f"becomes {_fte(float(c.fte))}")
    return f"{t.post(c.post)} {join(parts) if parts else 'is amended'}"


@narrates(MovePost)
def _move_post(c: MovePost, t: _Telling) -> str:
    post = t.s.posts.get(c.post)
    parts: list[str] = []
    if c.unit != "=":
        old = post.unit if post is not None else None
        if c.unit is None:
            parts.append(f"no longer sits in {t.node(old)}" if old else "sits in no unit")
        else:
            since = f" from {t.node(old)}" if old else ""
            parts.append(f"moves{since} to {t.node(c.unit)}")
    if c.reports_to != "=":
        parts.append(
            f"reports to {t.node(c.reports_to)}" if c.reports_to else "no longer reports to a post"
        )
    return f"{t.post(c.post)} {join(parts)}"


_TAKES_UP = {
    AssignmentKind.REGULAR: ("{p} is appointed to {post}", "{post} is filled"),
    AssignmentKind.AD_INTERIM: ("{p} holds {post} ad interim", "{post} is filled ad interim"),
    AssignmentKind.ACTING: ("{p} acts in {post}", "{post} is filled on an acting basis"),
    AssignmentKind.OFFICER_IN_CHARGE: (
        "{p} is placed in charge of {post} as officer-in-charge",
        "an officer-in-charge is placed in {post}",
    ),
}


@narrates(Assign)
def _assign(c: Assign, t: _Telling) -> str:
    try:
        named, anonymous = _TAKES_UP[AssignmentKind(c.kind)]
    except ValueError:
        named, anonymous = f"{{p}} takes up {{post}} ({c.kind})", "{post} is filled"
    wording = named if t.show_people else anonymous
    return wording.format(p=t.person(c.person), post=t.post(c.post))


@narrates(Vacate)
def _vacate(c: Vacate, t: _Telling) -> str:
    if t.show_people:
        return f"{t.person(c.person)} leaves {t.post(c.post)}"
    return f"{t.post(c.post)} is vacated"


# ------------------------------------------------------------------ public API


def narrate_change(
    change: Change,
    before: Structure,
    sources: dict[str, Source] | None = None,
    *,
    dated: bool = False,
    show_people: bool = True,
) -> str:
    """One change in a sentence, naming things as they are in ``before``.

    Citations follow in brackets, each source by its symbol (else its id). With
    ``dated`` the sentence opens with the date in words ("In Q4 2021, …"); with
    ``show_people`` false, holders of posts are not named (personal data).
    """
    narrator = NARRATORS.get(change.op)
    if narrator is None:
        raise KeyError(f"no narration for change op {change.op!r}")
    body = narrator(change, _Telling(before, show_people))
    cites = citation_text(change.cites, sources)
    if cites:
        body += f" ({cites})"
    if dated:
        return f"{when(change.date)}, {body}."
    return body[:1].upper() + body[1:] + "."


def narrate_changes(
    changes: Iterable[Change],
    start: Structure,
    sources: dict[str, Source] | None = None,
    *,
    dated: bool = False,
    show_people: bool = True,
) -> list[str]:
    """Tell ``changes`` in the order given, each from the structure its predecessors left.

    ``start`` is not modified: the changes are applied to a copy, so each sentence
    uses the names in force at its turn. A change that does not apply is reported in
    its place and skipped.
    """
    s = start.copy()
    told: list[str] = []
    for change in changes:
        problems = change.check(s)
        if problems:
            ident = f"{change.id!r} " if change.id else ""
            at = f", {change.origin[0]}:{change.origin[1]}" if change.origin else ""
            told.append(
                f"Change {ident}({change.op}, {change.date}{at}) is left out, as it does not "
                f"apply here: {'; '.join(problems)}."
            )
            continue
        told.append(narrate_change(change, s, sources, dated=dated, show_people=show_people))
        change._apply(s)
    return told
