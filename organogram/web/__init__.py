"""The Django project around the core: settings, URL map and WSGI entry point.

Its apps are :mod:`organogram.registry` (persistence and the write path) and
:mod:`organogram.site` (the server-rendered pages). The core never imports Django.
"""
