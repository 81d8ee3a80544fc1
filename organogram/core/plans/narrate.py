"""A plan in plain language: what it is, when it happens, and one sentence per change.

The narrative is for people who read a governing-body paper rather than a list of
operations: a title line, the plan's description, its phases with their dates in
words, then every change in the order it applies, grouped by phase when the plan has
phases. Each sentence is told against the structure just before the change, starting
from the record as it stands on the day of the plan's first change, so that "the
Division of X becomes a department" names the division as it is then called.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..dates import FuzzyDate
from ..model import Source
from ..timeline import Timeline
from .branch import before_and_after
from .model import Phase, Plan


@dataclass
class NarrativeSection:
    """The sentences of one phase (or of the whole plan when it has no phases)."""

    title: str
    date: FuzzyDate
    sentences: list[str] = field(default_factory=list)
    phase: Phase | None = None

    def heading(self) -> str:
        """The section's heading: its title and its date in words."""
        return f"{self.title} ({self.date.describe()})"


@dataclass
class PlanNarrative:
    """A plan told in sentences; :meth:`text` renders it for a terminal or a paper."""

    title: str
    description: str
    phases: list[str] = field(default_factory=list)
    sections: list[NarrativeSection] = field(default_factory=list)

    def sentences(self) -> list[str]:
        """Every change's sentence, in order, whatever its section."""
        return [s for section in self.sections for s in section.sentences]

    def text(self) -> str:
        """Plain text with light Markdown: a heading, paragraphs and numbered lists."""
        lines = [f"# {self.title}", ""]
        if self.description:
            lines += [self.description.strip(), ""]
        if self.phases:
            lines += ["Phases:", *(f"- {p}" for p in self.phases), ""]
        n = 0
        for section in self.sections:
            lines += [f"## {section.heading()}", ""]
            for sentence in section.sentences:
                n += 1  # numbered across sections, so a reader can cite "change 7"
                lines.append(f"{n}. {sentence}")
            lines.append("")
        if n == 0:
            lines += ["The plan has no changes yet.", ""]
        return "\n".join(lines).rstrip() + "\n"


def narrate_plan(
    timeline: Timeline,
    plan: Plan,
    sources: dict[str, Source] | None = None,
    *,
    show_people: bool = True,
) -> PlanNarrative:
    """Tell ``plan`` in plain language against the record in ``timeline``.

    A change that would not apply is told as left out, with the reason; with
    ``show_people`` false, holders of posts are not named (personal data).
    """
    # Imported when used, so that narration may use plans without an import cycle.
    from ..narration import narrate_changes

    # Alone, the plan's changes sort in the order they take among the recorded ones.
    changes = Timeline(plan.changes).changes
    # An enacted plan is told against the record without its changes.
    record, _, _ = before_and_after(timeline, plan)
    first = changes[0].date.start if changes else plan.effective.start
    s, _ = record.fold(first)

    told = narrate_changes(changes, s, sources, show_people=show_people)
    sections: dict[str, NarrativeSection] = {}
    for change, sentence in zip(changes, told, strict=True):
        phase = plan.phase_for(change) if plan.phases else None
        key = phase.id if phase is not None else ""
        if key not in sections:
            title = _phase_title(plan, phase) if phase is not None else _plain_title(plan)
            date = phase.effective if phase is not None else plan.effective
            sections[key] = NarrativeSection(title, date, phase=phase)
        sections[key].sentences.append(sentence)

    ordered = sorted(sections.values(), key=lambda sec: sec.date.sort_key())
    return PlanNarrative(
        title=_title(plan),
        description=plan.description,
        phases=[
            f"{_phase_title(plan, p)}: {p.effective.describe()}"
            for p in sorted(plan.phases, key=lambda p: p.effective.sort_key())
        ],
        sections=ordered,
    )


def _title(plan: Plan) -> str:
    return f"{plan.title} ({plan.status} plan, effective {plan.effective.describe()})"


def _phase_title(plan: Plan, phase: Phase) -> str:
    number = next(i for i, p in enumerate(plan.phases, 1) if p.id == phase.id)
    return f"Phase {number}: {phase.title}" if phase.title else f"Phase {number}"


def _plain_title(plan: Plan) -> str:
    return "Other changes" if plan.phases else "Changes"
