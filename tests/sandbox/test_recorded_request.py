"""One RecordedRequest for every test server: the shipped sandbox and our suite's scripted ``LoopbackServer`` record
the same class, and read a body as JSON the same documented way (``json`` is None when it is empty or not JSON).

Each body goes over a real socket to both servers, so what is compared is what each recorded off the wire.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import storefronts.testing
from storefronts.testing import RecordedRequest, SandboxServer, sandbox
from tests.support.loopback import LoopbackServer
from tests.support.vendors import VENDORS

TIMEOUT = 5.0
JSON_HEADERS = {"content-type": "application/json"}

# (body, what `json` reads): the documented rule, each way a body can fail to be JSON.
DOCUMENTED: list[tuple[bytes, Any]] = [
    (b'{"notes": "hi", "n": 1.5}', {"notes": "hi", "n": 1.5}),
    (b'[1, "two", null]', [1, "two", None]),
    ('{"note": "café ☕"}'.encode(), {"note": "café ☕"}),
    (b"", None),  # empty
    (b" \r\n\t", None),  # only whitespace
    (b"note=hi", None),  # a form body
    (b'{"notes": "hi"', None),  # truncated
    (b'{"a": 1} {"b": 2}', None),  # two documents
    (b"NaN", None),  # JSON has no NaN or Infinity, though Python's json module reads them
    (b'{"total": Infinity}', None),
    (b'{"total": -Infinity}', None),
    (b'"\xff\xfe"', None),  # not UTF-8
    (b"null", None),  # JSON null reads None too: `body` tells it from a missing body
]


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[LoopbackServer, SandboxServer]]:
    with LoopbackServer() as loopback, sandbox(VENDORS[0]) as vendor_sandbox:
        yield loopback, vendor_sandbox


def _record_on_both(
    servers: tuple[LoopbackServer, SandboxServer],
    content: bytes | Callable[[], Iterator[bytes]],
    headers: dict[str, str],
) -> tuple[RecordedRequest, RecordedRequest]:
    """``content`` sent to each server; a callable gives each its own (chunked) stream."""
    loopback, vendor_sandbox = servers
    loopback.clear()
    vendor_sandbox.clear_requests()
    order_id = next(iter(vendor_sandbox.orders))
    with httpx.Client(timeout=TIMEOUT) as client:
        for url in (loopback.url(f"/orders/{order_id}"), vendor_sandbox.order_url(order_id)):
            client.put(url, content=content() if callable(content) else content, headers=headers)
    (scripted,) = loopback.requests
    (sandboxed,) = vendor_sandbox.requests
    return scripted, sandboxed


def test_both_servers_record_the_public_class() -> None:
    assert storefronts.testing.RecordedRequest is RecordedRequest
    with LoopbackServer() as loopback, sandbox(VENDORS[0]) as vendor_sandbox:
        httpx.put(loopback.url("/x"), json={}, timeout=TIMEOUT)
        httpx.put(vendor_sandbox.order_url("x"), json={}, timeout=TIMEOUT)
        assert type(loopback.requests[0]) is type(vendor_sandbox.requests[0]) is RecordedRequest


@pytest.mark.parametrize(("body", "expected"), DOCUMENTED, ids=repr)
def test_json_reads_the_body_the_documented_way_on_both_servers(
    servers: tuple[LoopbackServer, SandboxServer], body: bytes, expected: Any
) -> None:
    for recorded in _record_on_both(servers, body, JSON_HEADERS):
        assert recorded.body == body
        assert recorded.json == expected


def test_a_chunked_body_reads_as_its_json(servers: tuple[LoopbackServer, SandboxServer]) -> None:
    for recorded in _record_on_both(servers, lambda: iter([b'{"notes": ', b'"in two chunks"}']), JSON_HEADERS):
        assert recorded.headers["transfer-encoding"] == "chunked"
        assert recorded.json == {"notes": "in two chunks"}


def test_what_only_the_sandbox_knows_is_empty_from_the_scripted_server(
    servers: tuple[LoopbackServer, SandboxServer],
) -> None:
    scripted, sandboxed = _record_on_both(servers, b'{"unknown_field": 1}', JSON_HEADERS)
    assert (scripted.order_id, scripted.ignored_fields, scripted.refused) == (None, (), False)
    order_id = next(iter(servers[1].orders))
    assert sandboxed.order_id == order_id
    assert scripted.path == f"/orders/{order_id}"
    assert sandboxed.path.endswith(scripted.path)
    assert scripted.received_at > 0
    assert sandboxed.received_at > 0


def _strict_json(body: bytes) -> Any:
    """The reference reading: json.loads refusing NaN and Infinity, and None for anything it rejects."""

    def refuse(name: str) -> Any:
        raise ValueError(name)

    try:
        return json.loads(body, parse_constant=refuse)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=12,
)
_bodies = st.binary(max_size=64) | _json_values.map(lambda value: json.dumps(value).encode("utf-8"))


@settings(max_examples=60, deadline=None)
@given(body=_bodies)
def test_any_body_reads_the_same_on_both_servers(servers: tuple[LoopbackServer, SandboxServer], body: bytes) -> None:
    scripted, sandboxed = _record_on_both(servers, body, JSON_HEADERS)
    assert scripted.body == sandboxed.body == body
    expected = None if not body.strip() else _strict_json(body)
    assert scripted.json == sandboxed.json == expected
