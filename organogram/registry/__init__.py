"""The registry: the record kept in a database, and the one place where it is written.

* :mod:`.models` — rows for the organization, sources, people, claims, changes, plans,
  the revision counter and the audit log;
* :mod:`.convert` — rows to a core :class:`~organogram.core.record.Record` and back;
* :mod:`.store` — the current record, rebuilt only when the revision moves;
* :mod:`.services` — loading, exporting and recording changes, each in one transaction
  with its audit entry.
"""
