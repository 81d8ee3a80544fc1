"""What a fold of the timeline gives: the changes that did not apply, and the structure
in force on one day with what is uncertain about it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .certainty import Certainty, certainty
from .changes import Change
from .structure import Structure

if TYPE_CHECKING:
    from .timeline import Timeline


@dataclass(frozen=True)
class Failure:
    """A change that could not apply where it stands in the timeline, and why."""

    change: Change
    problems: tuple[str, ...]


@dataclass
class Snapshot:
    """The structure in force on one day, with what is uncertain about it."""

    day: dt.date
    structure: Structure
    #: changes applied whose span goes past ``day``: possibly not yet in force on it.
    uncertain: list[Change] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    #: the timeline it comes from, which knows what each uncertain change touched.
    timeline: Timeline | None = field(default=None, repr=False, compare=False)
    _certainty: Certainty | None = field(default=None, repr=False, compare=False)

    @property
    def certainty(self) -> Certainty:
        """Which units, posts, lines and holders are only possibly as shown, and why."""
        if self._certainty is None:
            touched = self.timeline.touched_sets(self.uncertain) if self.timeline else {}
            self._certainty = certainty(self.structure, self.day, self.uncertain, touched)
        return self._certainty
