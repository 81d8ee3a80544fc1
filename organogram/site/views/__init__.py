"""Views, one module per page or group of pages."""

from .account import account
from .audit import audit
from .auth import signin, signout
from .chart import chart, chart_export, chart_fragment
from .chart_edit import chart_edit
from .chart_moves import chart_moves
from .compare import compare
from .cost import cost, plan_cost
from .cost_edit import cost_table_edit, exchange_rate_edit
from .downloads import plan_download, structure_download, unit_download
from .draft_edit import plan_draft_edit
from .draft_save import plan_draft_save
from .drafts import plan_draft, plan_draft_decide, plan_draft_new
from .edit import record, reverse_change
from .entries import entry_edit, entry_new
from .governance import bodies, body
from .lookup import lookup, source_passages
from .nominations import call, nominations
from .people import person
from .plan_actions import plan_change_new, plan_change_remove, plan_move, plan_rebase
from .plan_confirm import plan_enact, plan_withdraw
from .plan_import import plan_import, plan_import_sheet
from .plan_pairs import plan_compare, plan_merge
from .plans import plan, plan_new, plans
from .posts import post, posts
from .search import search, search_suggest
from .sheets import compare_sheet, cost_sheet, posts_sheet, structure_sheet, timeline_sheet
from .source_edit import source_edit, source_file, source_new, source_remove
from .sources import source, sources
from .structure import structure, structure_children
from .timeline import timeline
from .unit import unit

__all__ = [
    "account",
    "audit",
    "bodies",
    "body",
    "call",
    "chart",
    "chart_edit",
    "chart_export",
    "chart_fragment",
    "chart_moves",
    "compare",
    "compare_sheet",
    "cost",
    "cost_sheet",
    "cost_table_edit",
    "entry_edit",
    "entry_new",
    "exchange_rate_edit",
    "lookup",
    "nominations",
    "person",
    "plan",
    "plan_change_new",
    "plan_change_remove",
    "plan_compare",
    "plan_cost",
    "plan_download",
    "plan_draft",
    "plan_draft_decide",
    "plan_draft_edit",
    "plan_draft_new",
    "plan_draft_save",
    "plan_enact",
    "plan_import",
    "plan_import_sheet",
    "plan_merge",
    "plan_move",
    "plan_new",
    "plan_rebase",
    "plan_withdraw",
    "plans",
    "post",
    "posts",
    "posts_sheet",
    "record",
    "reverse_change",
    "search",
    "search_suggest",
    "signin",
    "signout",
    "source",
    "source_edit",
    "source_file",
    "source_new",
    "source_passages",
    "source_remove",
    "sources",
    "structure",
    "structure_children",
    "structure_download",
    "structure_sheet",
    "timeline",
    "timeline_sheet",
    "unit",
    "unit_download",
]
