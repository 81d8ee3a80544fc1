"""Organogram itself: the core's timeline, snapshots, rollups, diff and plans."""

from __future__ import annotations

import datetime as dt

from organogram.core import rollups as core_rollups
from organogram.core.diff import DateDiff, diff_between
from organogram.core.plans import EnactResult, Preview, check_plan, enact, preview
from organogram.core.plans.validate import PlanValidation
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline
from organogram.core.validation import Finding, RuleConfig, validate_structure

from ..generate import Organization
from ..sizes import GRADE_COST

ENACTED_AT = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)


class Core:
    """Organogram's core on one generated organization."""

    name = "Organogram"

    def __init__(self, org: Organization):
        self.org = org
        self.timeline = Timeline(org.changes)

    def snapshot(self, day: dt.date) -> Structure:
        return self.timeline.snapshot(day).structure

    @staticmethod
    def rollup(s: Structure, unit: str) -> core_rollups.Rollup:
        return core_rollups.rollup(s, unit, GRADE_COST)

    @staticmethod
    def rollups(s: Structure) -> dict[str, core_rollups.Rollup]:
        return core_rollups.rollups(s, GRADE_COST)

    @staticmethod
    def chains(s: Structure, posts: list[str]) -> list[list[str]]:
        return [s.chain(p) for p in posts]

    def diff(self, d0: dt.date, d1: dt.date) -> DateDiff:
        return diff_between(self.timeline, d0, d1)

    def series(self, unit: str, days: list[dt.date]) -> list[tuple[dt.date, core_rollups.Rollup]]:
        return core_rollups.series(self.timeline, unit, days, GRADE_COST)

    def preview(self) -> Preview:
        return preview(self.timeline, self.org.plan)

    @staticmethod
    def validate(p: Preview, config: RuleConfig) -> list[Finding]:
        return validate_structure(p.structure, config)

    def check_plan(self, config: RuleConfig) -> PlanValidation:
        return check_plan(self.timeline, self.org.plan, config)

    def enact(self) -> EnactResult:
        return enact(self.timeline, self.org.plan, by="bench", at=ENACTED_AT)
