"""Django app configuration of the registry."""

from __future__ import annotations

from django.apps import AppConfig


class RegistryConfig(AppConfig):
    """The registry app: the record's tables and its write services."""

    name = "organogram.registry"
    label = "registry"
    verbose_name = "Registry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Freeze what a revision builds only between this thread's requests (see
        :mod:`.settling`)."""
        from django.core.signals import request_finished, request_started

        from . import settling

        request_started.connect(settling.request_started, dispatch_uid="settling.started")
        request_finished.connect(settling.request_finished, dispatch_uid="settling.finished")
