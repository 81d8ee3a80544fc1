"""Reorganization plans: branches of the timeline that are drafted, checked and enacted.

* :mod:`.model` — what a plan is (:class:`Plan`, :class:`Phase`, statuses);
* :mod:`.branch` — the plan as a branch: :func:`plan_timeline`, its base;
* :mod:`.preview` — :func:`preview`: the structure it would produce, what fails;
* :mod:`.validate` — :func:`validate_plan`: the rules, new findings marked;
* :mod:`.compare` — :func:`plan_diff`, :func:`compare_plans`, :func:`preview_pair`;
* :mod:`.narrate` — :func:`narrate_plan`: the plan in plain language;
* :mod:`.conflicts` — :func:`conflicts`: three-way comparison with the record;
* :mod:`.workflow` — :func:`transition` and editing under the status rules;
* :mod:`.review` — :func:`decision_problems`: what stops proposing or approving;
* :mod:`.enact` — :func:`enact`: into the timeline, all or nothing;
* :mod:`.merge` — :func:`merge_plans`: one plan into another;
* :mod:`.settle` — :func:`settle`: a merge's conflicts settled, one side winning each.
"""

from .branch import base_timeline, plan_timeline, since_base
from .compare import compare_plans, plan_diff, preview_pair
from .conflicts import Conflict, conflicts
from .enact import EnactResult, enact, enact_problems
from .merge import MergeConflict, merge_conflicts, merge_plans, same_change
from .model import (
    EDITABLE,
    MOVE_OF,
    MOVES,
    TRANSITIONS,
    Move,
    Phase,
    Plan,
    PlanError,
    PlanStatus,
    StatusEvent,
)
from .narrate import NarrativeSection, PlanNarrative, narrate_plan
from .preview import Preview, preview
from .review import (
    DECISIONS,
    approval_problem,
    decision_problems,
    needs_review,
    review_problems,
)
from .settle import Settled, conflict_ids, settle
from .validate import PlanFinding, PlanValidation, check_plan, validate_plan
from .workflow import (
    add_changes,
    check_editable,
    check_transition,
    move_for,
    new_plan,
    next_change_id,
    plan_id_for,
    rebase,
    remove_changes,
    replace_change,
    transition,
)

__all__ = [
    "DECISIONS",
    "EDITABLE",
    "MOVES",
    "MOVE_OF",
    "TRANSITIONS",
    "Conflict",
    "EnactResult",
    "MergeConflict",
    "Move",
    "NarrativeSection",
    "Phase",
    "Plan",
    "PlanError",
    "PlanFinding",
    "PlanNarrative",
    "PlanStatus",
    "PlanValidation",
    "Preview",
    "Settled",
    "StatusEvent",
    "add_changes",
    "approval_problem",
    "base_timeline",
    "check_editable",
    "check_plan",
    "check_transition",
    "compare_plans",
    "conflict_ids",
    "conflicts",
    "decision_problems",
    "enact",
    "enact_problems",
    "merge_conflicts",
    "merge_plans",
    "move_for",
    "narrate_plan",
    "needs_review",
    "new_plan",
    "next_change_id",
    "plan_diff",
    "plan_id_for",
    "plan_timeline",
    "preview",
    "preview_pair",
    "rebase",
    "remove_changes",
    "replace_change",
    "review_problems",
    "same_change",
    "settle",
    "since_base",
    "transition",
    "validate_plan",
]
