"""URLs of the pages."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "site"

urlpatterns = [
    path("", views.structure, name="structure"),
    path("download.<str:fmt>", views.structure_download, name="structure_download"),
    path("tree/<str:node>/", views.structure_children, name="structure_children"),
    path("units/<str:node>/", views.unit, name="unit"),
    path("units/<str:node>/download.<str:fmt>", views.unit_download, name="unit_download"),
    path("posts/", views.posts, name="posts"),
    path("posts/<str:post_id>/", views.post, name="post"),
    path("chart/", views.chart, name="chart"),
    path("chart/svg/", views.chart_fragment, name="chart_svg"),
    path("chart/moves/", views.chart_moves, name="chart_moves"),
    path("chart/edit/", views.chart_edit, name="chart_edit"),
    path("chart/export.<str:fmt>", views.chart_export, name="chart_export"),
    path("sources/", views.sources, name="sources"),
    path("sources/new/", views.source_new, name="source_new"),
    path("sources/<str:source_id>/", views.source, name="source"),
    path("sources/<str:source_id>/edit/", views.source_edit, name="source_edit"),
    path("sources/<str:source_id>/remove/", views.source_remove, name="source_remove"),
    path("timeline/", views.timeline, name="timeline"),
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/<str:body_id>/", views.body, name="body"),
    path("nominations/", views.nominations, name="nominations"),
    path("nominations/<str:call_id>/", views.call, name="call"),
    path("registers/<str:section>/new/", views.entry_new, name="entry_new"),
    path("registers/<str:section>/<str:key>/edit/", views.entry_edit, name="entry_edit"),
    path("compare/", views.compare, name="compare"),
    path("cost/", views.cost, name="cost"),
    path("cost/tables/new/", views.cost_table_edit, name="cost_table_new"),
    path("cost/tables/<str:table_id>/edit/", views.cost_table_edit, name="cost_table_edit"),
    path("cost/rates/new/", views.exchange_rate_edit, name="exchange_rate_new"),
    path("cost/rates/<str:rate_id>/edit/", views.exchange_rate_edit, name="exchange_rate_edit"),
    path("plans/", views.plans, name="plans"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/compare/", views.plan_compare, name="plan_compare"),
    path("plans/<str:plan_id>/", views.plan, name="plan"),
    path("plans/<str:plan_id>/download.<str:fmt>", views.plan_download, name="plan_download"),
    path("plans/<str:plan_id>/cost/", views.plan_cost, name="plan_cost"),
    path("plans/<str:plan_id>/changes/new/", views.plan_change_new, name="plan_change_new"),
    path(
        "plans/<str:plan_id>/changes/<str:change_id>/remove/",
        views.plan_change_remove,
        name="plan_change_remove",
    ),
    path("plans/<str:plan_id>/import/", views.plan_import, name="plan_import"),
    path(
        "plans/<str:plan_id>/import/changes.csv",
        views.plan_import_sheet,
        name="plan_import_sheet",
    ),
    path("plans/<str:plan_id>/status/", views.plan_move, name="plan_move"),
    path("plans/<str:plan_id>/rebase/", views.plan_rebase, name="plan_rebase"),
    path("plans/<str:plan_id>/merge/", views.plan_merge, name="plan_merge"),
    path("plans/<str:plan_id>/enact/", views.plan_enact, name="plan_enact"),
    path("plans/<str:plan_id>/withdraw/", views.plan_withdraw, name="plan_withdraw"),
    path("units/<str:node>/record/<str:op>/", views.record, name="record"),
    path("changes/<str:change_id>/reverse/", views.reverse_change, name="reverse"),
    path("lookup/", views.lookup, name="lookup"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.search_suggest, name="search_suggest"),
    path("audit/", views.audit, name="audit"),
    path("account/", views.account, name="account"),
    path("signin/", views.signin, name="signin"),
    path("signout/", views.signout, name="signout"),
]
