"""The REST API under /api/: the same plain data the pages render, with token sign-in.

Built with django-ninja; the OpenAPI description is at /api/openapi.json and its
browsable form at /api/docs, every read's answer described by a schema of
:mod:`organogram.api.schemas`. Reads answer from :mod:`organogram.queries` and what the
pages share with them from :mod:`organogram.registry.reading` (never from the pages
themselves), writes go through :mod:`organogram.registry.services`, and every endpoint
asks :func:`organogram.registry.permissions.can` as the pages do.
"""
