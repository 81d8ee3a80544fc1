"""Django app configuration of the registry."""

from __future__ import annotations

from django.apps import AppConfig


class RegistryConfig(AppConfig):
    """The registry app: the record's tables and its write services."""

    name = "organogram.registry"
    label = "registry"
    verbose_name = "Registry"
    default_auto_field = "django.db.models.BigAutoField"
