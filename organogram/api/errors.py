"""The API's error answers: one body per kind of answer, and their place in the description.

Every error is JSON with a ``detail`` sentence. The answers about what was asked (403,
404, 409, 422) are refusals (:class:`~organogram.api.schemas.refusal.RefusalOut`):
``kind``, ``reasons``, ``fields`` and ``stale`` beside ``detail``, whichever part of the
system refused (a write's action, a parameter that does not validate, a thing the record
does not hold). The others (:class:`~organogram.api.schemas.refusal.ErrorOut`) are
``detail`` alone: 400, 401, 413, 429 and 503.

Some answers can come from any operation, since they are given before it runs or by what
every operation shares: a body over the size limit (413, by the site's middleware), a
request that cannot be read (400), a bad token (401) or too many of them (429), an empty
registry (503), a request line or headers too long for the HTTP server (414, 431: its
HTML page); and any operation with an input may be asked for what does not exist
(404) or sent what does not validate (422). :class:`DescribedAPI` declares these on
every operation, in one place, rather than in each operation's ``response=``.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from .schemas.refusal import ErrorOut, RefusalOut

#: What a status's refusal is, when the answer does not come from an action's refusal.
KIND_OF_STATUS = {403: "forbidden", 404: "missing", 409: "conflict", 422: "invalid"}

#: Statuses whose body is a refusal (:class:`RefusalOut`).
REFUSAL_STATUSES = frozenset(KIND_OF_STATUS)

#: Answers any operation may give, and when.
EVERY_OPERATION = {
    400: "The request cannot be read (a body that is not JSON, a date that is not one).",
    401: "A token that is not valid, or a visitor asking what needs signing in.",
    413: "The body is larger than ORGANOGRAM_UPLOAD_MB; refused before it is read.",
    429: "Too many bad tokens from this address: try after Retry-After seconds.",
    503: "The registry is empty: nothing has been loaded yet.",
}

#: Answers the HTTP server gives before the request reaches Organogram (an HTML page):
#: Gunicorn's, and likewise the threaded server's of ``--workers 0``.
FROM_THE_SERVER = {
    414: "The request line (path and query) is too long for the server (Gunicorn: 4,094 bytes).",
    431: "The request's headers are too many or too large for the server.",
}

#: Answers any operation with an input (a parameter or a body) may give, and when.
WITH_INPUT = {
    404: "Something named in the request (a unit, a plan, a source…) is not in the record.",
    422: "The input does not validate: the problems are listed by field.",
}


def error_body(status: int, detail: str, fields: dict[str, list[str]] | None = None) -> dict:
    """The body of an error answer with ``status``: a refusal's for 403, 404, 409 and 422,
    else ``detail`` alone."""
    if status not in REFUSAL_STATUSES:
        return {"detail": detail}
    fields = fields or {}
    reasons = [f"{name}: {problem}" for name, problems in fields.items() for problem in problems]
    return {
        "detail": detail,
        "kind": KIND_OF_STATUS[status],
        "reasons": reasons or [detail],
        "fields": fields,
        "stale": False,
    }


def validation_fields(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Ninja's validation errors by field: the field's dotted path (without where it was
    sent, ``body``, ``query``…) -> its problems."""
    fields: dict[str, list[str]] = {}
    for error in errors:
        where = [str(part) for part in error.get("loc", ())]
        # ninja's location is (source, parameter-group name, field...): the group's name
        # is the view's argument, which the caller never sees.
        name = ".".join(where[2:] or where[1:] or where) or "request"
        fields.setdefault(name, []).append(str(error.get("msg", "not valid")))
    return fields


class DescribedAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI description names the error answers of every operation."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """The description, with :data:`EVERY_OPERATION` and (for operations with an
        input) :data:`WITH_INPUT` declared on each operation that does not declare them."""
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (ErrorOut, RefusalOut):
            components.setdefault(
                model.__name__,
                model.model_json_schema(ref_template="#/components/schemas/{model}"),
            )
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                answers = {**EVERY_OPERATION, **FROM_THE_SERVER}
                if operation.get("parameters") or operation.get("requestBody"):
                    answers.update(WITH_INPUT)
                responses = operation.setdefault("responses", {})
                # Ninja keys the statuses by number (a string key would be a second entry).
                for status, when in answers.items():
                    responses.setdefault(status, _answer(status, when))
        return schema


def _answer(status: int, when: str) -> dict[str, Any]:
    if status in FROM_THE_SERVER:
        page = {"type": "string"}
        return {"description": when, "content": {"text/html": {"schema": page}}}
    model = RefusalOut if status in REFUSAL_STATUSES else ErrorOut
    ref = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"description": when, "content": {"application/json": {"schema": ref}}}
