"""Running the rules: on one structure, or along a whole timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from ..changes import Change, step
from ..collector import paused
from ..dates import FuzzyDate, as_of
from ..structure import Structure
from ..timeline import Timeline
from .config import RuleConfig
from .findings import Finding, Hit, origin_of
from .incremental import Incremental, Since
from .registry import REGISTRY, Rule, Scope
from .timeline_rules import Step


def _active(scope: Scope, config: RuleConfig) -> list[Rule]:
    return [r for r in REGISTRY.values() if r.scope is scope and config.enabled(r.code)]


def _finding(
    rule: Rule,
    hit: Hit,
    config: RuleConfig,
    change: Change | None = None,
    date: FuzzyDate | None = None,
) -> Finding:
    change = hit.change or change
    return Finding(
        code=rule.code,
        severity=config.severity(rule.code, rule.severity),
        message=hit.message,
        subject=hit.subject,
        change_id=(change.id or None) if change is not None else None,
        where=origin_of(change) if change is not None else None,
        date=hit.date or date,
    )


def validate_structure(s: Structure, config: RuleConfig | None = None) -> list[Finding]:
    """Run the rules that look at one snapshot on ``s``; errors first."""
    config = config or RuleConfig()
    findings = [
        _finding(r, hit, config)
        for r in _active(Scope.STRUCTURE, config)
        for hit in r.check(s, config)
    ]
    return sorted(findings, key=lambda f: f.severity.rank)


Ident = tuple[str, str | None, object]


class _Watch:
    """Runs the structure rules at successive dates and reports each problem once.

    A problem is identified by (rule, subject, key); it is reported on the first
    checked date it appears, closed (``until``) on the first checked date it no longer
    holds, and reported afresh if it comes back.

    The first check runs every rule in full. Later ones run a rule that has an
    incremental form (see :mod:`.incremental`) only on what the changes since the last
    check could affect, keeping its other problems open as they were; the findings are
    the same as with full checks (``RuleConfig.incremental`` off), only sooner.
    """

    def __init__(self, config: RuleConfig):
        self.config = config
        self.rules = _active(Scope.STRUCTURE, config)
        self.findings: list[Finding] = []
        #: rule code -> subject -> problems holding at the last check -> finding index.
        self.open: dict[str, dict[str | None, dict[Ident, int]]] = {r.code: {} for r in self.rules}
        #: node -> (position, change): the last change that touched it since the
        #: previous check, and where that change stands in the timeline.
        self.touched_by: dict[str, tuple[int, Change]] = {}
        #: rule code -> its incremental form, once a first full check started them.
        self.forms: dict[str, Incremental] | None = None
        #: node -> its line of oversight at the last check (kept with the forms).
        self.parents: dict[str, str] = {}

    def copy(self) -> _Watch:
        """An independent copy, at the same point."""
        out = _Watch(self.config)
        out.findings = list(self.findings)
        out.open = {
            code: {subject: dict(idents) for subject, idents in by_subject.items()}
            for code, by_subject in self.open.items()
        }
        out.touched_by = dict(self.touched_by)
        if self.forms is not None:
            out.forms = {code: form.copy() for code, form in self.forms.items()}
        out.parents = dict(self.parents)
        return out

    def check(self, s: Structure, date: FuzzyDate) -> None:
        """Run the rules on ``s`` as of ``date``; record new problems, close gone ones."""
        incremental = self.config.incremental
        since = None
        if self.forms is not None:
            since = Since(set(self.touched_by), self.parents)
        elif incremental:
            self.forms = {r.code: r.incremental.fresh() for r in self.rules if r.incremental}
        for r in self.rules:
            form = self.forms.get(r.code) if self.forms is not None else None
            if form is not None and since is not None:
                region, hits = form.recheck(s, self.config, since)
                self._meet(r, s, date, hits, region, form)
            else:
                hits = list(r.check(s, self.config))
                self._meet(r, s, date, hits, None, None)
                if form is not None:
                    form.start(s, self.config, hits)
        if self.forms is not None:
            if since is None:
                self.parents = dict(s.oversight)
            else:
                for node in since.touched:
                    parent = s.oversight.get(node)
                    if parent is None:
                        self.parents.pop(node, None)
                    else:
                        self.parents[node] = parent
        self.touched_by = {}

    def _meet(
        self,
        r: Rule,
        s: Structure,
        date: FuzzyDate,
        hits: list[Hit],
        region: set[str] | None,
        form: Incremental | None,
    ) -> None:
        """Match the hits of rule ``r`` with its open problems: all of them
        (``region`` None) or those on the subjects in ``region``."""
        by_subject = self.open[r.code]
        if region is None:
            was, by_subject = by_subject, {}
            self.open[r.code] = by_subject
        else:
            # Open problems are usually far fewer than the nodes to re-check.
            if len(by_subject) < len(region):
                was = {n: by_subject.pop(n) for n in list(by_subject) if n in region}
            else:
                was = {n: by_subject.pop(n) for n in region if n in by_subject}
        stale = {ident: index for idents in was.values() for ident, index in idents.items()}
        new: list[tuple[Ident, Hit]] = []
        seen: set[Ident] = set()
        for hit in hits:
            ident = (r.code, hit.subject, hit.key if hit.key is not None else hit.message)
            if ident in seen:
                continue
            seen.add(ident)
            if ident in stale:
                by_subject.setdefault(hit.subject, {})[ident] = stale.pop(ident)
            else:
                new.append((ident, hit))
        if form is not None and len(new) > 1:
            # Hits on a region come in no particular order; new findings are listed in
            # the order the full rule gives.
            key = form.order(s)
            new.sort(key=lambda pair: key(pair[1]))  # type: ignore[no-any-return]
        for ident, hit in new:
            causes = hit.causes if hit.causes is not None else (hit.subject,)
            touched = [self.touched_by[n] for n in causes if n in self.touched_by]
            cause = max(touched, key=lambda pair: pair[0])[1] if touched else None
            by_subject.setdefault(hit.subject, {})[ident] = len(self.findings)
            # Among changes with no earliest day, the one that caused it dates it best.
            when = cause.date if cause is not None and date.start == dt.date.min else date
            self.findings.append(_finding(r, hit, self.config, cause, when))
        for index in stale.values():
            self.findings[index] = replace(self.findings[index], until=date)


def _group_date(changes: list[Change], day: dt.date) -> FuzzyDate:
    """The date to report for problems appearing with ``changes`` (all starting ``day``)."""
    dates = {c.date for c in changes}
    if len(dates) == 1:
        return dates.pop()
    if day == dt.date.min:
        # Changes with no earliest day ("../2021"): the soonest of their own dates, never
        # the first day Python has.
        return min(dates, key=lambda d: (d.end, d.sort_key()))
    return FuzzyDate.day(day)


def _step(
    s: Structure, change: Change, last: dict[str, str | None], touched: set[str]
) -> Step:
    """Check and apply one change as the fold does, noting the lines of oversight it gives.

    ``last`` holds each node's line of oversight after the changes so far; it is
    updated here. ``touched`` is cleared, then receives what the change touched.
    """
    touched.clear()
    problems = step(change, s, touched)
    if problems:
        return Step(change, tuple(problems))
    # Only lines the change states count, not children a merge hands over.
    given = {
        n: s.oversight.get(n)
        for n in touched & change.subjects()
        if s.exists(n) and s.oversight.get(n) != last.get(n)
    }
    for n in touched:
        last[n] = s.oversight.get(n)
    return Step(change, (), given)


def validate_timeline(
    timeline: Timeline,
    config: RuleConfig | None = None,
    *,
    at_dates: Iterable[str | dt.date | FuzzyDate] | None = None,
) -> list[Finding]:
    """Fold ``timeline`` and run every rule along it; findings in date order.

    Changes whose preconditions fail are reported (``change-precondition``) and
    skipped, as the fold skips them. The structure rules run on the snapshot after
    each distinct change date, or only as of each of ``at_dates`` when given (a
    period is read as its last day); a problem that persists is reported once, dated
    when it first appears, with ``until`` the first checked date it no longer holds
    (None: it still holds at the end). Timeline rules look at the whole sequence of
    changes.
    """
    run = TimelineRun(timeline, config, at_dates=at_dates)
    run.advance(len(timeline.changes))
    return run.finish()


class TimelineRun:
    """:func:`validate_timeline` as a run that can stop, be copied and go on.

    Two timelines that share their first changes (a record and the record with a
    plan) share the run over them: run one to the last position where the next
    change is the same in both, copy the run, then finish each on its own timeline
    (see :meth:`on`). The run at position ``i`` has met the changes before ``i`` and
    decided, for each, whether it was the last of its day, which looks at change ``i``.
    """

    def __init__(
        self,
        timeline: Timeline,
        config: RuleConfig | None = None,
        *,
        at_dates: Iterable[str | dt.date | FuzzyDate] | None = None,
    ):
        self.config = config or RuleConfig()
        self.timeline = timeline
        self.watch = _Watch(self.config)
        self.days = None if at_dates is None else sorted({as_of(d) for d in at_dates})
        self.s = timeline.empty()
        self.steps: list[Step] = []
        self.last: dict[str, str | None] = {}
        self.group: list[Change] = []
        self.position = 0

    def on(self, timeline: Timeline) -> TimelineRun:
        """A copy of this run that goes on along ``timeline``.

        ``timeline`` must hold the same changes as this run's up to and including
        the change at :attr:`position` (the change the last step looked ahead to).
        """
        out = TimelineRun.__new__(TimelineRun)
        out.config, out.timeline = self.config, timeline
        out.watch = self.watch.copy()
        out.days = None if self.days is None else list(self.days)
        out.s = self.s.copy()
        out.steps = list(self.steps)
        out.last = dict(self.last)
        out.group = list(self.group)
        out.position = self.position
        return out

    def advance(self, end: int) -> None:
        """Meet the changes from :attr:`position` up to ``end``."""
        with paused():
            self._advance(end)

    def _advance(self, end: int) -> None:
        changes = self.timeline.changes
        s, watch, days = self.s, self.watch, self.days
        touched: set[str] = set()
        for i in range(self.position, end):
            change = changes[i]
            while days and change.date.start > days[0]:
                watch.check(s, FuzzyDate.day(days.pop(0)))
            met = _step(s, change, self.last, touched)
            self.steps.append(met)
            if not met.problems:
                for n in touched:
                    watch.touched_by[n] = (i, change)
                self.group.append(change)
            last_of_day = i + 1 == len(changes) or changes[i + 1].date.start != change.date.start
            if days is None and last_of_day:
                if self.group:
                    watch.check(s, _group_date(self.group, change.date.start))
                self.group = []
        self.position = max(self.position, end)

    def finish(self) -> list[Finding]:
        """The findings, once every change has been met."""
        assert self.position == len(self.timeline.changes), "finish after the last change"
        config, watch = self.config, self.watch
        for day in self.days or ():
            watch.check(self.s, FuzzyDate.day(day))
        findings = list(watch.findings)
        for r in _active(Scope.TIMELINE, config):
            findings += [_finding(r, hit, config) for hit in r.check(self.steps, config)]
        findings.sort(key=lambda f: f.date.sort_key() if f.date else (dt.date.min, 0))
        return findings
