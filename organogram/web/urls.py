"""The URL map of the project: the site's pages at the root."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("organogram.site.urls")),
]
