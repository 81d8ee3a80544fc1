"""The server-rendered pages: structure as of a date, units, and signing in.

Views read the registry's current record (:func:`organogram.registry.store.current`)
and the query functions of :mod:`organogram.queries`, the same code paths as the
command line; templates render plain HTML with a small hand-written stylesheet.
"""
