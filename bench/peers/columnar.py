"""Organogram's columns (organogram/columns): the record's versions as NumPy arrays.

Built from the same timeline as the core (one fold, recording every version), then
answered by vectorized masks like the floor, but holding the whole change vocabulary's
results: units, posts, lines, holdings, with their uncertain dates' bounds.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from organogram import columns
from organogram.core.timeline import Timeline

from ..sizes import GRADE_COST

NAME = "Organogram (columns)"


class Columnar:
    """The columns of one generated organization's timeline."""

    name = NAME

    def __init__(self, timeline: Timeline):
        self.versions = columns.Versions.build(timeline)

    def as_of(self, day: dt.date) -> columns.Day:
        return columns.Day.of(self.versions, day)

    @staticmethod
    def prepare(day: columns.Day) -> columns.Day:
        """The day with its children index and each unit's figures made (as the floor's
        prepared day and Organogram's snapshot have theirs)."""
        day.children  # noqa: B018 (made on first use, kept)
        columns.rollups(day, GRADE_COST)
        return day

    @staticmethod
    def rollup(day: columns.Day, unit: int) -> tuple[int, float]:
        return columns.rollup(day, f"u{unit}", GRADE_COST)

    @staticmethod
    def rollups(day: columns.Day) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return columns.rollups(day, GRADE_COST)

    @staticmethod
    def chains(day: columns.Day, posts: list[str]) -> list[list[str]]:
        return columns.chains(day, posts)

    def diff(self, d0: dt.date, d1: dt.date) -> dict[str, np.ndarray]:
        return columns.diff_sets(self.versions, d0, d1)

    def series(self, unit: int, days: list[dt.date]) -> list[tuple[dt.date, int, float]]:
        return columns.series(self.versions, f"u{unit}", days, GRADE_COST)
