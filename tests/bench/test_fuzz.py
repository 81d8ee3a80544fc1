"""The API fuzzer finds what it is for: a server error, an undeclared status, a body
that is not the declared one; and says nothing of an API that keeps its description."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from bench.reliability import fuzz

# The fuzzer is the extra `reliability`'s: without it, nothing to test.
pytest.importorskip("schemathesis")


def description(declared: list[int]) -> dict:
    """An API of one operation, GET /api/things/{n}, declaring ``declared``."""
    body = {
        "type": "object",
        "properties": {"n": {"type": "integer"}},
        "required": ["n"],
    }
    return {
        "openapi": "3.0.2",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/api/things/{n}": {
                "get": {
                    "parameters": [
                        {"name": "n", "in": "path", "required": True, "schema": {"type": "integer"}}
                    ],
                    "responses": {
                        str(s): {
                            "description": "d",
                            "content": {"application/json": {"schema": body}},
                        }
                        for s in declared
                    },
                }
            }
        },
    }


def serve(declared: list[int], answer):
    """A server of :func:`description`, answering GET /api/things/N with ``answer(n)``
    (status, body); and the tokens it was sent."""
    tokens: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            tokens.append(self.headers.get("Authorization", ""))
            path = urlsplit(self.path).path
            if path == "/api/openapi.json":
                status, body = 200, description(declared)
            else:
                try:
                    n = int(path.rsplit("/", 1)[1])
                except ValueError:
                    status, body = 422, {"n": 0}
                else:
                    status, body = answer(n)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, tokens


@pytest.fixture
def fuzzed():
    servers = []

    def run(declared, answer):
        server, tokens = serve(declared, answer)
        servers.append(server)
        url = f"http://127.0.0.1:{server.server_address[1]}"
        return fuzz.run(url, "secret", max_examples=8, seconds=10), tokens

    yield run
    for server in servers:
        server.shutdown()


def test_an_api_that_keeps_its_description_passes(fuzzed):
    result, tokens = fuzzed([200, 422], lambda n: (200, {"n": n}))
    assert result["operations"] == result["operations_declared"] == 1
    assert result["requests"] > 5
    assert result["failures_total"] == 0 and not fuzz.failed(result)
    assert "Bearer secret" in tokens


def test_a_server_error_and_an_undeclared_status_are_found(fuzzed):
    result, _ = fuzzed([200, 422], lambda n: (500, {"n": n}) if n % 2 else (200, {"n": n}))
    assert result["server_errors"] > 0 and result["undocumented"] > 0
    assert fuzz.failed(result)
    failure = next(f for f in result["failures"] if f["check"] == "not_a_server_error")
    assert failure["method"] == "GET" and failure["status"] == 500
    assert "/api/things/" in failure["curl"]
    # The token is not printed: the command reads it from $TOKEN.
    assert "secret" not in failure["curl"] and "$TOKEN" in failure["curl"]
    assert "server errors: " in fuzz.summary(result)


def test_a_body_unlike_the_declared_one_is_found(fuzzed):
    result, _ = fuzzed([200, 422], lambda n: (200, {"n": "not a number"}))
    assert result["schema_failures"] > 0 and result["server_errors"] == 0
    assert fuzz.failed(result)
