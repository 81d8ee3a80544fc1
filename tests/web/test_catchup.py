"""After a write, the record a process goes on with is the one the rows give.

The writer installs the record it checked the change against; another process catches
up from the record it holds by reading only what the writes since did. Either way the
result must be exactly what rebuilding from every row gives, and anything that is not
a plain run of such writes (a load, a replaced database, a gap) must rebuild.
"""

from __future__ import annotations

import gc
import weakref
from importlib import import_module

import pytest
from django.db import connection, transaction

from organogram.core.changes import Rename
from organogram.core.dates import FuzzyDate
from organogram.core.diff import same_structure
from organogram.core.plans import PlanStatus
from organogram.registry import catchup, store
from organogram.registry import models as m
from organogram.registry.audit import Actor
from organogram.registry.convert import load_record
from organogram.registry.services import (
    ChangeRefused,
    StaleEdit,
    add_plan_change,
    draft_plan,
    enact_plan,
    load_dataset_into_registry,
    move_plan,
    record_change,
    remove_entry,
    remove_plan_change,
    reverse_change,
    save_entry,
)

from .conftest import IOM

pytestmark = pytest.mark.django_db

EDITOR = Actor("editor", "web")
BODY = {"id": "assembly", "name": "Assembly", "kind": "council", "cite": "c109-report"}


def rename(unit: str, name: str, date: str = "2023") -> Rename:
    return Rename(date=FuzzyDate.parse(date), unit=unit, name=name)


def assert_as_rebuilt(state: store.State) -> None:
    """``state`` holds what rebuilding from the rows gives, for its revision."""
    assert (state.revision, state.stamp) == store._revision()
    record, sequences = load_record()
    got = state.record
    assert [c.id for c in got.timeline] == [c.id for c in record.timeline]
    assert list(got.timeline) == list(record.timeline)
    assert got.timeline.get("no such change") is None
    assert all(got.timeline.get(c.id) == c for c in record.timeline)
    assert state.sequences == sequences
    assert got.plans == record.plans
    for plan in got.plans.values():
        if plan.status is PlanStatus.ENACTED:  # shared with the timeline, as loaded
            assert all(got.timeline.get(c.id) is c for c in plan.changes)
    assert got.registers == record.registers
    assert (got.organization, got.sources, got.people, got.claims) == (
        record.organization,
        record.sources,
        record.people,
        record.claims,
    )
    mine, theirs = got.timeline.fold(), record.timeline.fold()
    assert same_structure(mine[0], theirs[0])
    assert [f.change.id for f in mine[1]] == [f.change.id for f in theirs[1]]
    for day in ("2016-12-31", "2021-11-01", "2023-06-30"):
        a, b = got.timeline.snapshot(day), record.timeline.snapshot(day)
        assert same_structure(a.structure, b.structure), day
        assert a.uncertain == b.uncertain, day


def no_rebuild(monkeypatch) -> None:
    def refuse():
        raise AssertionError("rebuilt the record from every row")

    monkeypatch.setattr(store, "load_record", refuse)


def test_the_writer_goes_on_with_the_record_it_checked(
    monkeypatch, django_capture_on_commit_callbacks
):
    held = store.current()
    held.record.timeline.fold()
    no_rebuild(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        done = record_change(rename("ethics", "Office of Ethics"), EDITOR)
    assert len(callbacks) == 1
    state = store.current()
    assert state is store._cached and state.revision == done.revision
    assert state.record.timeline.get(done.change.id) == done.change
    assert state.record.plans is held.record.plans
    monkeypatch.undo()
    assert_as_rebuilt(state)


def test_another_process_catches_up_on_recorded_changes_from_their_rows(monkeypatch):
    held = store.current()
    first = record_change(rename("ethics", "Office of Ethics", "2022-03"), EDITOR)
    second = record_change(rename("ethics", "Ethics Office", "2019"), EDITOR)
    number, stamp = store._revision()
    assert number == held.revision + 2
    reads = []
    monkeypatch.setattr(catchup, "row_change", lambda row: reads.append(row.id) or _row(row))
    state = catchup.caught_up(held, number, stamp)
    assert reads == [first.change.id, second.change.id]  # only the rows written since
    assert state.record.timeline is not held.record.timeline
    assert len(state.record.timeline) == len(held.record.timeline) + 2
    assert_as_rebuilt(state)


def _row(row):
    from organogram.registry.convert import row_change

    return row_change(row)


def test_catching_up_on_entries_and_plans_reads_them_and_keeps_the_timeline():
    held = store.current()
    save_entry("bodies", BODY, EDITOR, expected=0)
    plan = draft_plan(EDITOR, title="Ethics review", effective="2030-01-01").id
    kept = add_plan_change(plan, {"op": "rename", "unit": "ethics", "name": "Integrity"}, EDITOR)
    gone = add_plan_change(plan, {"op": "rename", "unit": "ethics", "name": "Ethics"}, EDITOR)
    remove_plan_change(plan, gone.id, EDITOR)
    move_plan(plan, "proposed", EDITOR)
    state = catchup.caught_up(held, *store._revision())
    assert state.record.timeline is held.record.timeline
    assert state.record.plans[plan].changes == [kept]
    assert state.record.entry("bodies", "assembly").name == "Assembly"
    assert_as_rebuilt(state)
    remove_entry("bodies", "assembly", EDITOR)
    record_change(rename("ethics", "Office of Ethics"), EDITOR)
    again = catchup.caught_up(state, *store._revision())
    assert "assembly" not in again.record.register("bodies")
    assert_as_rebuilt(again)


def test_a_load_a_replaced_database_or_a_gap_is_not_caught_up_on():
    held = store.current()
    record_change(rename("ethics", "Office of Ethics"), EDITOR)
    number, stamp = store._revision()
    # A record held under another stamp is not the one these rows follow on from.
    stranger = store.State(held.revision, held.record, held.sequences, "0" * 32)
    assert catchup.caught_up(stranger, number, stamp) is None
    assert catchup.caught_up(held, number, "f" * 32) is None
    m.Step.objects.filter(number=held.revision).delete()  # pruned: nothing to match
    assert catchup.caught_up(held, number, stamp) is None
    after = store.current()
    load_dataset_into_registry(IOM, EDITOR, replace=True)
    assert m.Step.objects.get(number=store.revision()).kind == m.Step.Kind.OTHER
    assert catchup.caught_up(after, *store._revision()) is None


def test_a_change_whose_row_is_gone_is_not_caught_up_on():
    held = store.current()
    done = record_change(rename("ethics", "Office of Ethics"), EDITOR)
    m.Change.objects.filter(pk=done.change.id).delete()
    assert catchup.caught_up(held, *store._revision()) is None


def test_a_rolled_back_write_leaves_the_record_as_it_was():
    held = store.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        done = record_change(rename("ethics", "Office of Ethics"), EDITOR)
        assert store.current().revision == held.revision + 1  # the writer sees its write
        raise RuntimeError("rolled back")
    state = store.current()
    assert (state.revision, state.stamp) == (held.revision, held.stamp)
    assert state.record.timeline.get(done.change.id) is None
    assert_as_rebuilt(state)


def test_edits_stay_checked_against_the_record_made_after_each_write():
    token = store.current().token(["ethics"])
    record_change(rename("ethics", "Office of Ethics"), EDITOR, expected=token)
    with pytest.raises(StaleEdit):
        record_change(rename("ethics", "Ethics Office"), EDITOR, expected=token)
    # A change breaking a change recorded since is refused, as against the full record.
    record_change(rename("ethics", "Office of Ethics and Integrity", "2024"), EDITOR)
    with pytest.raises(ChangeRefused, match="break later changes"):
        from organogram.core.changes import Abolish

        record_change(Abolish(date=FuzzyDate.parse("2023-06"), unit="ethics"), EDITOR)


def test_a_reversal_goes_on_from_the_record_its_transaction_made():
    done = record_change(rename("ethics", "Office of Ethics"), EDITOR)
    recorded = reverse_change(done.change.id, EDITOR)
    state = store.current()
    assert state.revision == recorded[-1].revision
    assert_as_rebuilt(state)


def test_a_record_replaced_after_a_write_is_freed_without_the_collector(
    django_capture_on_commit_callbacks,
):
    # Kept records are set aside from the collector (store.settle) and a write no longer
    # rebuilds (which gave them back to it): the one replaced must hold no cycle.
    with django_capture_on_commit_callbacks(execute=True):
        held = store.current()
    timeline = held.record.timeline
    timeline.fold()
    timeline.touching("ethics")
    held.memo.once("histories", timeline.histories)
    gone = weakref.ref(held), weakref.ref(timeline)
    del held, timeline
    gc.disable()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            record_change(rename("ethics", "Office of Ethics"), EDITOR)
        # Run, but still listed in the test's own transaction, which never commits.
        connection.run_on_commit.clear()
        store.current().record.timeline.fold()
        assert [ref() for ref in gone] == [None, None]
    finally:
        gc.enable()


def test_catching_up_on_an_enacted_plan_adds_its_changes_to_the_timeline():
    held = store.current()
    plan = draft_plan(EDITOR, title="Ethics review", effective="2030-01-01").id
    add_plan_change(plan, {"op": "rename", "unit": "ethics", "name": "Integrity"}, EDITOR)
    # Another unit than the plan's: a change to the plan's recorded since it was drafted
    # would (rightly) keep it from being enacted.
    record_change(rename("dla", "Legal Affairs"), EDITOR)
    move_plan(plan, "proposed", EDITOR)
    move_plan(plan, "approved", EDITOR)
    enacted = enact_plan(plan, EDITOR)
    state = catchup.caught_up(held, *store._revision())
    assert [c.id for c in state.record.timeline][-1] == enacted[-1].id
    assert state.record.plans[plan].status is PlanStatus.ENACTED
    assert_as_rebuilt(state)


def test_a_registry_migrated_at_some_revision_is_caught_up_on_from_it():
    from django.apps import apps

    step = import_module("organogram.registry.migrations.0007_step")
    held = store.current()
    m.Step.objects.filter(number=held.revision).delete()  # as before the migration
    step.step_for_the_current_revision(apps, None)
    record_change(rename("ethics", "Office of Ethics"), EDITOR)
    assert_as_rebuilt(catchup.caught_up(held, *store._revision()))


def test_a_record_made_inside_a_write_is_kept_for_every_thread_once_committed(
    monkeypatch, django_capture_on_commit_callbacks
):
    store.forget()
    with django_capture_on_commit_callbacks(execute=True):
        draft_plan(EDITOR, title="Ethics review", effective="2030-01-01")
    kept = store._cached
    assert kept is not None and kept.revision == store.revision() - 1
    store._local.state = None  # another thread: it starts from what is kept
    no_rebuild(monkeypatch)
    state = store.current()
    assert state.revision == store.revision() and state.record.timeline is kept.record.timeline


def test_histories_and_sentences_after_a_write_grow_from_the_last_revisions(monkeypatch):
    from organogram.core.narration import narrate_changes
    from organogram.core.timeline import Timeline
    from organogram.registry.reading.timeline import node_history, sentences

    held = store.current()
    before = (node_history(held, "ethics"), sentences(held, True), sentences(held, False))
    record_change(rename("ethics", "Office of Ethics", "2020"), EDITOR)
    first = catchup.caught_up(held, *store._revision())
    save_entry("bodies", BODY, EDITOR, expected=0)  # and a write that leaves the timeline
    state = catchup.caught_up(first, *store._revision())

    def refuse(*args, **kwargs):
        raise AssertionError("made from the first change")

    monkeypatch.setattr(Timeline, "histories", refuse)
    shared = import_module("organogram.registry.reading.timeline")
    monkeypatch.setattr(shared, "narrate_changes", refuse)
    history = node_history(state, "ethics")
    told = sentences(state, False)
    monkeypatch.undo()
    timeline = state.record.timeline
    assert history == node_history(store.State(0, state.record, {}), "ethics") != before[0]
    assert "Office of Ethics" in [v.get("name") for v in history["versions"]]
    assert [told[c] for c in timeline] == narrate_changes(
        timeline.changes, timeline.empty(), state.record.sources, show_people=False
    )
    assert sentences(state, True) == sentences(store.State(0, state.record, {}), True)
    assert not state.memo.seeds  # each made, nothing more kept of the earlier revisions
