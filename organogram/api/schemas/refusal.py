"""The error answers: a refusal as data, and a plain error's sentence."""

from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    """An error that is not a refusal of what was asked (a request that cannot be read, a
    bad token, a body too large, a lockout, an empty registry)."""

    #: what went wrong, in a sentence
    detail: str


class RefusalOut(Schema):
    """Why a request was refused (a write's action, input that does not validate, a thing
    the record does not hold); nothing was written."""

    #: the refusal in a sentence
    detail: str
    #: forbidden, missing, invalid, stale or conflict
    kind: str
    #: every problem
    reasons: list[str]
    #: input field -> its problems
    fields: dict[str, list[str]]
    #: someone else wrote what you were editing since you read it: read again
    stale: bool


#: The refusals a write may answer, by status, for ``response=`` (a visitor's is 401, with
#: the same body; a token that is not valid is 401 with ``detail`` only).
REFUSALS = {403: RefusalOut, 404: RefusalOut, 409: RefusalOut, 422: RefusalOut}
