"""Validation along a timeline re-checks only what changed: the findings must be the
very ones of the full checks (same list, order, dates, ``until``, causes)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from bench.generate import generate
from organogram.core.plans import check_plan
from organogram.core.timeline import Timeline
from organogram.core.validation import REGISTRY, RuleConfig, Scope, validate_timeline
from organogram.formats import load_dataset

from .strategies import histories

IOM = Path(__file__).resolve().parents[2] / "data" / "iom"

#: the default settings, and tight ones under which span and depth fire often.
CONFIGS = [RuleConfig(), RuleConfig(max_span=2, max_depth=3)]


def full(config: RuleConfig) -> RuleConfig:
    return replace(config, incremental=False)


def assert_same_timeline(timeline: Timeline, config: RuleConfig, at_dates=None) -> list:
    fast = validate_timeline(timeline, config, at_dates=at_dates)
    slow = validate_timeline(timeline, full(config), at_dates=at_dates)
    assert fast == slow
    return fast


def assert_same_plan(timeline: Timeline, plan, config: RuleConfig) -> None:
    fast = check_plan(timeline, plan, config)
    slow = check_plan(timeline, plan, full(config))
    assert fast.findings == slow.findings
    assert fast.resolved == slow.resolved


def test_most_structure_rules_have_an_incremental_form():
    # The two left out look at the whole tree (its top, chains of direct supervision).
    full_only = {
        r.code for r in REGISTRY.values() if r.scope is Scope.STRUCTURE and r.incremental is None
    }
    assert full_only == {"unplaced", "two-senior-posts"}


@pytest.fixture(scope="module")
def iom():
    return load_dataset(IOM)


@pytest.mark.parametrize("config", CONFIGS)
def test_iom_timeline_and_plans_find_the_same(iom, config):
    findings = assert_same_timeline(iom.timeline, config)
    assert findings, "the IOM record has findings under these settings"
    days = [c.date.start for c in iom.timeline.changes[::7]]
    assert_same_timeline(iom.timeline, config, at_dates=days)
    assert iom.plans
    for plan in iom.plans.values():
        assert_same_plan(iom.timeline, plan, config)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_organizations_and_their_plans_find_the_same(seed):
    org = generate("small", seed)
    timeline = Timeline(org.changes)
    config = RuleConfig(max_span=3, max_depth=5)
    findings = assert_same_timeline(timeline, config)
    # New findings of one rule come several at a date, in an order to keep.
    per_date = Counter((f.code, f.date) for f in findings)
    assert max(per_date.values()) > 1
    assert any(f.until is not None for f in findings)
    assert_same_plan(timeline, org.plan, config)
    assert_same_plan(timeline, org.plan, RuleConfig())


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(histories(max_steps=40))
def test_random_histories_find_the_same(history):
    # Random histories merge, split, abolish, loop lines and assign people: every rule
    # gets to fire, under tight settings.
    for config in CONFIGS:
        assert_same_timeline(history.timeline, config)
        assert_same_timeline(history.timeline, config, at_dates=history.dates[::2])
