"""URLs of the pages."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "site"

urlpatterns = [
    path("", views.structure, name="structure"),
    path("units/<str:node>/", views.unit, name="unit"),
    path("sources/", views.sources, name="sources"),
    path("sources/<str:source_id>/", views.source, name="source"),
    path("units/<str:node>/record/<str:op>/", views.record, name="record"),
    path("changes/<str:change_id>/reverse/", views.reverse_change, name="reverse"),
    path("audit/", views.audit, name="audit"),
    path("account/", views.account, name="account"),
    path("signin/", views.signin, name="signin"),
    path("signout/", views.signout, name="signout"),
]
