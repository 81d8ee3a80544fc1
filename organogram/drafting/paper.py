"""A reorganization paper read into a plan's proposed changes (``organogram plan draft``)."""

from __future__ import annotations

from ..core.record import Record
from .dates import plan_window
from .mood import decision_mood
from .paragraphs import find_paragraphs
from .proposals import Draft, cite_of
from .reading import Reading
from .rules import CHANGE, read_sentence


def draft_paper(record: Record, text: str, *, source: str, at: str) -> Draft:
    """The changes a paper proposes, resolved against ``record`` as of ``at``, each cited
    ``source:paragraph``. The paper is read twice: the first reading learns the units it
    creates, so that a paragraph naming one before the paragraph creating it resolves
    (marked as read from context)."""
    paragraphs, numbered = find_paragraphs(text)
    first = Reading(record, at, source)
    _read(first, paragraphs)
    reading = Reading(record, at, source)
    reading.resolver.created = dict(first.resolver.created)
    _read(reading, paragraphs)
    draft = reading.finish()
    draft.paragraphs = len(paragraphs)
    if not numbered:
        draft.unread.insert(
            0,
            {
                "paragraph": "",
                "text": "",
                "why": "the document numbers no paragraphs: its blocks are cited 1, 2, … in order",
            },
        )
    return draft


def _read(reading: Reading, paragraphs) -> None:
    for para in paragraphs:
        reading.paragraph = para
        said = para.sentences()
        if not said and not para.items:
            reading.draft.unread.append(
                {"paragraph": para.number, "text": para.text[:80], "why": "no sentence in it"}
            )
            continue
        for sentence in said:
            window = plan_window(sentence)
            if window and reading.draft.effective is None:
                reading.draft.effective = {
                    "date": window,
                    "cite": cite_of(reading.draft.source, para.number),
                    "sentence": sentence,
                }
            read_sentence(reading, sentence)
        # Items that each decide something ("(a) a post of … is established in …;") are
        # read as sentences of their own; a list of names only is read with the
        # sentence that announces it.
        for item in para.items or []:
            if CHANGE.search(decision_mood(item)):
                read_sentence(reading, item)
