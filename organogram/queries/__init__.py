"""Questions asked of a record, answered as plain data.

Each function here takes a loaded :class:`~organogram.core.record.Record` and returns
dicts and lists ready to print or to serialize as JSON. The command line renders them;
the web application and the API will serve the same data, so the two never drift.
"""
