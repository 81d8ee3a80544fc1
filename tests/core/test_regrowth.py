"""Histories and sentences grown from an earlier timeline's are the ones made from scratch.

The timelines here take a checkpoint every few changes, so the folds start as late as
they can, often inside a group of changes of one date; the changes added may fall
anywhere in the timeline, before changes already there.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organogram.core import regrowth
from organogram.core.changes import (
    Abolish,
    Change,
    CreateUnit,
    Move,
    Redescribe,
    Rename,
    UnitSpec,
)
from organogram.core.dates import FuzzyDate
from organogram.core.narration import narrate_changes
from organogram.core.regrowth import grow_histories, grow_sentences, narrator
from organogram.core.timeline import Timeline

from .strategies import histories

PROPERTY = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def checkpointed(changes: list[Change], people, spacing: int = 1) -> Timeline:
    tl = Timeline(changes, people)
    tl.CHECKPOINT_SPACING = spacing
    tl.CHECKPOINTS = 10**9
    return tl


def told(tl: Timeline) -> dict[Change, str]:
    return dict(zip(tl.changes, narrate_changes(tl.changes, tl.empty()), strict=True))


@PROPERTY
@given(histories(), st.data())
def test_grown_histories_and_sentences_are_those_made_from_the_first_change(history, data):
    changes, people = list(history.timeline), history.timeline.people
    picked = data.draw(st.sets(st.integers(0, max(len(changes) - 1, 0)))) if changes else set()
    spacing = data.draw(st.sampled_from([1, 2, 3, 5]))
    base = checkpointed([c for i, c in enumerate(changes) if i not in picked], people, spacing)
    if data.draw(st.booleans()):
        base.fold()  # else there is no checkpoint: the folds start from the first change
    before, sentences = base.histories(), told(base)
    grown = base.with_changes([changes[i] for i in sorted(picked)])
    if data.draw(st.booleans()):
        grown.fold()  # checkpoints after the place the two part too
    fresh = Timeline(list(grown), people)
    assert grow_histories(base, before, grown) == fresh.histories()
    got = grow_sentences(base, sentences, grown, narrator(None, True))
    assert [got[c] for c in grown] == narrate_changes(fresh.changes, fresh.empty())
    # What the earlier timeline's holders share is left as it was.
    assert before == Timeline(list(base), people).histories()
    assert sentences == told(base)


def on(text: str) -> FuzzyDate:
    return FuzzyDate.parse(text)


def create(uid: str, date: str, parent: str | None = None) -> CreateUnit:
    spec = UnitSpec(id=uid, name=uid.upper(), kind="division")
    return CreateUnit(id=f"c-{uid}", date=on(date), unit=spec, parent=parent)


def test_a_rename_inserted_early_gives_later_versions_the_new_parent_name():
    base = checkpointed([create("a", "2001"), create("b", "2001"), create("c", "2005", "a")], {})
    base.fold()
    grown = base.with_changes([Rename(id="r", date=on("2003"), unit="a", name="Alpha")])
    got = grow_histories(base, base.histories(), grown)
    assert got["c"].versions[0].parent_name == "Alpha"
    assert [v.record.name for v in got["a"].versions] == ["A", "Alpha"]
    assert got == Timeline(list(grown)).histories()


def test_a_fold_does_not_start_inside_a_date_whose_changes_make_one_version():
    # Checkpoints at 2 and 4: the one at 2 falls between the two 2005 changes to "a",
    # which make one version; the change added on that date joins it.
    base = checkpointed(
        [
            create("a", "2001"),
            Rename(id="r", date=on("2005"), unit="a", name="Alpha"),
            Redescribe(id="d", date=on("2005"), unit="a", mandate="Plans."),
            create("z", "2009"),
        ],
        {},
        spacing=2,
    )
    base.fold()
    grown = base.with_changes([Rename(id="r2", date=on("2005"), unit="a", name="Alef")])
    got = grow_histories(base, base.histories(), grown)
    assert [c.id for c in got["a"].versions[-1].changes] == ["r", "d", "r2"]
    assert got == Timeline(list(grown)).histories()


def test_a_version_no_longer_followed_by_another_is_open_again():
    base = checkpointed(
        [create("a", "2001"), create("q", "2001"), Move(id="m", date=on("2007"), node="a", to="q")],
        {},
    )
    base.fold()
    assert base.histories()["a"].versions[0].until == on("2007")
    # With "q" abolished first, the move fails: "a" keeps its first version for good.
    grown = base.with_changes([Abolish(id="x", date=on("2003"), unit="q")])
    got = grow_histories(base, base.histories(), grown)
    assert [(v.since, v.until) for v in got["a"].versions] == [(on("2001"), None)]
    assert got == Timeline(list(grown)).histories()


def test_only_the_changes_from_the_date_where_the_timelines_part_are_derived_again(
    monkeypatch,
):
    # Checkpoints fall inside dates here (as in a registry, with thousands of changes
    # a month): the structure is folded plainly from one to the date's first change.
    base = checkpointed(
        [create(u, "2001") for u in "abc"]
        + [create(u, "2002") for u in "defg"]
        + [create(u, "2003") for u in "hi"],
        {},
        spacing=2,
    )
    base.fold()
    before = base.histories()
    grown = base.with_changes([Rename(id="r", date=on("2003"), unit="a", name="Alpha")])
    made = []
    real = regrowth.add_version
    monkeypatch.setattr(
        regrowth, "add_version", lambda s, node, change, v: made.append(change.id) or real(
            s, node, change, v
        )
    )
    assert grow_histories(base, before, grown) == Timeline(list(grown)).histories()
    assert sorted(set(made)) == ["c-h", "c-i", "r"]
