"""The action that drafts a new plan already holding changes: both, or neither.

A plan drafted from a document (the drafting page) is made and filled in one write:
:class:`~.plans.DraftPlan` for the plan, then
:class:`~.plan_import.ImportPlanChanges`'s checks and rows for its changes, run
against the plan before it is stored. A change that does not apply refuses the whole:
no empty plan is left behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.changes import Change
from ...core.plans import Plan
from .. import models as m
from .base import Action, Context, Outcome
from .plan_import import ImportPlanChanges
from .plans import DraftPlan


@dataclass
class DraftPlanWithChanges(Action):
    """Draft the plan ``plan`` describes and add ``changes`` to it (an import's rows,
    each a change mapping and its place), in one transaction. The result is the plan's
    row and the changes added, in order."""

    plan: DraftPlan
    changes: ImportPlanChanges

    # Drafting a plan and filling it: an account needs both.
    permissions = DraftPlan.permissions
    step = m.Step.Kind.PLANS

    def needs(self, ctx: Context) -> tuple[str, ...]:
        """Filling the plan in, beside drafting it."""
        return ImportPlanChanges.permissions

    def prepare(self) -> None:
        """The plan's fields and the rows, as each action reads them."""
        self.plan.prepare()
        self.changes.prepare()

    def check(self, ctx: Context) -> tuple[str, tuple[Plan, list[Change]]]:
        """The plan may be drafted and every row applies to it; else every problem."""
        plan_id = self.plan.check(ctx)
        self.changes.plan_id = plan_id
        return plan_id, self.changes.check_rows(ctx, self.plan.planned(ctx, plan_id))

    def execute(self, ctx: Context, checked: tuple[str, tuple[Plan, list[Change]]]) -> Outcome:
        """Store the plan, then its changes; each leaves its own audit entry."""
        plan_id, rows = checked
        drafted = self.plan.execute(ctx, plan_id)
        filled = self.changes.execute(ctx, rows)
        result: tuple[Any, list[Change]] = (drafted.result, filled.result)
        audits = [drafted.audit, filled.audit]
        return Outcome(result, [a for x in audits for a in (x if isinstance(x, list) else [x])])
