"""The REST API under /api/: the same plain data the pages render, with token sign-in.

Built with django-ninja; the OpenAPI description is at /api/openapi.json and its
browsable form at /api/docs. Reads answer from :mod:`organogram.queries`, writes go
through :mod:`organogram.registry.services`, and every endpoint asks
:func:`organogram.registry.permissions.can` as the pages do.
"""
