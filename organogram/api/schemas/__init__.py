"""The API's answers described: one module of response schemas per router.

Each read endpoint names its answer's schema (``response=``), so /api/openapi.json and
/api/docs say what comes back, and django-ninja checks every answer against it. The
top-level fields are named and typed; parts that are open-ended by nature (a change's
own parameters, a register entry, the rows of a diff) are ``dict[str, Any]``. A field
present only for some answers (a post's fields on a unit's answer, holders only for
readers who may see people) is optional, and the endpoint leaves it out when unset
(``exclude_unset``) rather than sending a null the answer never had.
"""
