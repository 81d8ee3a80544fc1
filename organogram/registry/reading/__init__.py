"""The registry's reading side: what readers derive from a revision's record, made once
per revision and shared by the pages, the API and the warming of a new worker.

- :mod:`.memo` — the per-revision memory itself: built once however many ask, bounded
  where keys are not, grown from the last revision's after a write.
- :mod:`.structure` — the snapshot and the structure as of a date.
- :mod:`.timeline` — every change told in a sentence, every node's history.
- :mod:`.tokens` — the editing token of the record as it stands.

Nothing here renders: a page's HTML is the site's, an answer's JSON the API's; both read
what they show from here, so that a page and the API never derive the same thing twice.
"""
