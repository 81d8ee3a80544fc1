"""The registry keeps the record's columns per revision and grows them on each write.

Each revision's columns are built once, from its timeline, and after a write the next
revision's are grown from them (a copy extended from the first change the write added)
rather than built again; they must hold exactly the rows a build from the new timeline
gives, and the earlier revision's must stay as they were for whoever still reads them.
The Chart page reads the posts under each box from them.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from itertools import pairwise

import pytest

from organogram.charts import ChartRequest, chart_view
from organogram.columns import Versions
from organogram.registry import catchup, store
from organogram.registry.reading.columns import day_of, record_columns
from organogram.registry.services import (
    add_plan_change,
    draft_plan,
    enact_plan,
    load_dataset_into_registry,
    move_plan,
    record_change,
    reverse_change,
    save_entry,
    save_source,
)
from organogram.site.views.chart import cached_view
from tests.columns.agreement import TABLES, same_columns

from .conftest import IOM
from .test_catchup import BODY, EDITOR, rename

pytestmark = pytest.mark.django_db

build_chart = import_module("organogram.charts.build")
chart_views = import_module("organogram.charts.views")
warming = import_module("organogram.site.views.warming")


def refuse(*args, **kwargs):
    raise AssertionError("built the columns from the first change")


def grown(state: store.State, monkeypatch) -> Versions:
    """``state``'s columns, which must be grown from an earlier revision's (asserts)."""
    monkeypatch.setattr(Versions, "build", refuse)
    try:
        return record_columns(state)
    finally:
        monkeypatch.undo()


def enacted_plan() -> None:
    plan = draft_plan(EDITOR, title="Ethics review", effective="2030-01-01").id
    add_plan_change(plan, {"op": "rename", "unit": "ethics", "name": "Integrity"}, EDITOR)
    move_plan(plan, "proposed", EDITOR)
    move_plan(plan, "approved", EDITOR)
    enact_plan(plan, EDITOR)


def test_every_kind_of_write_grows_the_columns_a_rebuild_would_give(monkeypatch):
    state = store.current()
    kept = [(state, record_columns(state))]
    before = {name: kept[0][1].rows(name) for name in TABLES}
    forward = []
    writes = [
        # After every change of the record, then ten years back, then dated to a span.
        lambda: forward.append(record_change(rename("ethics", "Office of Ethics", "2026"), EDITOR)),
        lambda: record_change(rename("ethics", "Ethics Office", "2016-05"), EDITOR),
        lambda: record_change(rename("dla", "Legal Affairs", "2019/2020"), EDITOR),
        lambda: record_change(
            rename("ethics", "Office of Ethics and Integrity", "2026"),
            EDITOR,
            corrects=forward[0].change.id,
        ),
        lambda: reverse_change(forward[0].change.id, EDITOR),
        # Writes that leave the timeline as it is pass the columns on unchanged.
        lambda: save_entry("bodies", BODY, EDITOR, expected=0),
        lambda: save_source({"id": "cons-2025", "title": "Consolidation"}, EDITOR),
        enacted_plan,
    ]
    for write in writes:
        write()
        state = catchup.caught_up(state, *store._revision())
        assert state is not None
        kept.append((state, grown(state, monkeypatch)))
    for state, versions in kept:
        assert versions.timeline is state.record.timeline
        same_columns(versions, Versions.build(state.record.timeline))
    # The first revision's columns were not changed by those grown from them.
    assert {name: kept[0][1].rows(name) for name in TABLES} == before
    assert len({id(v) for _, v in kept}) > len(writes) - 3  # a copy for each new timeline
    timelines = [s.record.timeline for s, _ in kept]
    # A write that leaves the timeline hands the same columns on.
    for (a, va), (b, vb) in pairwise(kept):
        if a.record.timeline is b.record.timeline:
            assert va is vb
    assert len(set(map(id, timelines))) == len(writes) - 1


def test_the_writer_grows_the_columns_of_the_record_it_installed(
    monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        held = store.current()
    old = record_columns(held)
    with django_capture_on_commit_callbacks(execute=True):
        record_change(rename("ethics", "Office of Ethics", "2026"), EDITOR)
    state = store.current()
    assert state is store._cached and state is not held
    versions = grown(state, monkeypatch)
    same_columns(versions, Versions.build(state.record.timeline))
    assert old.timeline is held.record.timeline and len(old.tables["changes"]) + 1 == len(
        versions.tables["changes"]
    )


def test_a_load_builds_the_columns_again():
    record_columns(store.current())
    load_dataset_into_registry(IOM, EDITOR, replace=True)
    state = store.current()
    assert "columns" not in state.memo.seeds
    same_columns(record_columns(state), Versions.build(state.record.timeline))


def test_the_chart_page_reads_the_posts_under_each_box_from_the_columns(
    signed_in, monkeypatch
):
    plan = draft_plan(EDITOR, title="Ethics review", effective="2022-01-01").id
    add_plan_change(plan, {"op": "rename", "unit": "ethics", "name": "Integrity"}, EDITOR)
    store.forget()
    # The IOM's structure is too small for the columns to pay: read from them all the same.
    monkeypatch.setattr(chart_views, "COLUMNS_FROM", 0)
    monkeypatch.setattr(build_chart, "rollups", refuse)  # the object path's walk
    page = signed_in.get("/chart/?at=2022-01-01")
    assert page.status_code == 200
    state = store.current()
    assert "columns" in state.memo
    day = day_of(state, dt.date(2022, 1, 1))
    assert day.day == dt.date(2022, 1, 1) and day.versions is record_columns(state)
    req = ChartRequest(at="2022-01-01", people=True)
    shown = [c.nodes for c in cached_view(state, req).charts]
    # An enacted plan's chart is the record's; a draft's branch is not in the columns,
    # so its chart is rolled up from its structure.
    assert signed_in.get("/chart/?at=2022-01-01&plan=hq-review-2021").status_code == 200
    with pytest.raises(AssertionError, match="from the first change"):
        signed_in.get(f"/chart/?at=2022-01-01&plan={plan}")
    monkeypatch.undo()
    assert shown == [c.nodes for c in chart_view(state.record, req).charts]
    assert any(n.posts_below for n in shown[0].values())


def test_serving_builds_the_columns_first_where_the_chart_reads_them(monkeypatch):
    store.forget()
    state = store.current()
    warming.warm(state)
    assert "columns" not in state.memo  # the IOM's units are few: the chart walks them
    monkeypatch.setattr(warming, "COLUMNS_FROM", 1)
    store.forget()
    state = store.current()
    warming.warm(state)
    assert "columns" in state.memo
