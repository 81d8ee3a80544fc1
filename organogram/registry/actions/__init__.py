"""Every write to the registry, as an action run by :func:`run` (see :mod:`.base`).

The pages, the API, the command line and the loaders build an action and hand it to
:func:`run` with the :class:`~organogram.registry.audit.Actor` who takes it: the
person's permission, the checks, the rows, the revision and the audit entry are
decided here, once.

* :mod:`.base` — :class:`Action`, :func:`run`, the refusals;
* :mod:`.changes` — record a change (or a correction), reverse one;
* :mod:`.plans` — draft a plan, add/edit/remove its changes, rebase;
* :mod:`.plan_import` — add a spreadsheet's rows to a draft plan, all or none;
* :mod:`.plan_drafted` — draft a new plan holding such rows (a document's accepted
  proposals), both or neither;
* :mod:`.plan_workflow` — move a plan's status, enact it (:mod:`.plan_common`: what the
  plan actions share);
* :mod:`.plan_merge` — merge one plan into a draft, its conflicts settled;
* :mod:`.entries` — save or remove a register entry;
* :mod:`.sources` — add, edit or remove a source document;
* :mod:`.accounts` — add an account, set its role, create or revoke a token;
* :mod:`.dataset` — load or replace the whole record;
* :mod:`.search` — rebuild the search index (every write keeps it up to date).
"""

from .accounts import AccountError, AddUser, CreateToken, RevokeToken, SetRole
from .base import (
    Action,
    Audit,
    Context,
    Forbidden,
    Invalid,
    Outcome,
    Refused,
    allowed,
    run,
)
from .changes import ChangeRefused, RecordChange, Recorded, ReverseChange, StaleEdit
from .dataset import LoadRecord, LoadResult, NotEmpty
from .entries import EntryRefused, RemoveEntry, SavedEntry, SaveEntry, StaleEntry
from .plan_common import PlanRefused, StalePlan
from .plan_drafted import DraftPlanWithChanges
from .plan_import import ImportPlanChanges
from .plan_merge import MergeConflicts, Merged, MergePlan
from .plan_workflow import EnactPlan, MovePlan, allowed_moves
from .plans import AddPlanChange, DraftPlan, EditPlanChange, RebasePlan, RemovePlanChange
from .search import RebuildSearchIndex
from .sources import RemoveSource, SavedSource, SaveSource, SourceRefused

__all__ = [
    "AccountError",
    "Action",
    "AddPlanChange",
    "AddUser",
    "Audit",
    "ChangeRefused",
    "Context",
    "CreateToken",
    "DraftPlan",
    "DraftPlanWithChanges",
    "EditPlanChange",
    "EnactPlan",
    "EntryRefused",
    "Forbidden",
    "ImportPlanChanges",
    "Invalid",
    "LoadRecord",
    "LoadResult",
    "MergeConflicts",
    "MergePlan",
    "Merged",
    "MovePlan",
    "NotEmpty",
    "Outcome",
    "PlanRefused",
    "RebasePlan",
    "RebuildSearchIndex",
    "RecordChange",
    "Recorded",
    "Refused",
    "RemoveEntry",
    "RemovePlanChange",
    "RemoveSource",
    "ReverseChange",
    "RevokeToken",
    "SaveEntry",
    "SaveSource",
    "SavedEntry",
    "SavedSource",
    "SetRole",
    "SourceRefused",
    "StaleEdit",
    "StaleEntry",
    "StalePlan",
    "allowed",
    "allowed_moves",
    "run",
]
