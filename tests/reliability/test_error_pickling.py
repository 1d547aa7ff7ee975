"""Every storefronts error pickles, copies and crosses a process boundary with its attributes, and without the key.

Celery result backends, ``ProcessPoolExecutor`` and ``multiprocessing.Pool`` pickle what a worker raises; an error
that cannot be rebuilt breaks the pool (or hangs ``Pool``). The errors here are real ones, each made by a real call
(or a real refusal before one) against a loopback server, in this process and in spawned worker processes.
"""

from __future__ import annotations

import copy
import multiprocessing
import pickle
import socket
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest

import storefronts
from storefronts import errors
from tests.reliability.conftest import API_KEYS, NOTES, ORDER_ID, SECRET_MARKER, SECRETS
from tests.support.loopback import LoopbackServer, Reply

# A worker process has to start an interpreter and import storefronts: generous, but finite, so a pool that breaks
# fails the test instead of hanging it.
_WORKER_TIMEOUT_S = 120.0

_ECHO = {"error": {"code": "UNAUTHORIZED", "message": f"key {API_KEYS['bitbybit']} is revoked"}}
_CLOSED = {"success": False, "error": {"code": "ORDER_CLOSED", "message": "Cannot modify a closed order"}}

# error class -> (vendor, the reply that produces it, or None when the error comes before anything is sent)
_SCENARIOS: dict[str, tuple[str, Reply | None]] = {
    "ConfigurationError": ("no-such-vendor", None),
    "ClientStateError": ("bitbybit", None),
    "RateLimiterUnavailableError": ("bitbybit", None),
    "UnsupportedUpdateError": ("bitbybit", None),
    "InvalidUpdateError": ("bitbybit", None),
    "APIConnectionError": ("bitbybit", None),
    "APITimeoutError": ("bitbybit", Reply(200, delay_before_headers=2.0)),
    "ResponseDecodeError": ("bitbybit", Reply(200, body=b"<html>oops</html>", content_type="text/html")),
    "APIError": ("bitbybit", Reply(418, json={"error": {"code": "TEAPOT", "message": "short and stout"}})),
    "AuthenticationError": ("bitbybit", Reply(401, json=_ECHO, headers={"X-Echo": API_KEYS["bitbybit"]})),
    "PermissionDeniedError": ("salesive", Reply(403, json={"status": 403, "success": False, "message": "scope"})),
    "NotFoundError": ("launchmystore", Reply(404, json={"success": False, "error": {"code": "NOT_FOUND"}})),
    "ValidationError": ("bitbybit", Reply(422, json={"error": {"code": "INVALID", "message": "bad notes"}})),
    "OrderClosedError": ("launchmystore", Reply(409, json=_CLOSED)),
    "RateLimitError": ("salesive", Reply(429, headers={"Retry-After": "3600"})),
    "ServerError": ("bitbybit", Reply(503, json={"error": {"message": "busy"}}, headers={"Retry-After": "3600"})),
}
ERROR_CLASSES = sorted(name for name in errors.__all__ if name != "StorefrontError")


def test_every_error_class_has_a_scenario() -> None:
    assert sorted(_SCENARIOS) == ERROR_CLASSES


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def produce(name: str) -> storefronts.StorefrontError:
    """The error ``name`` as a real call makes it (usable in a worker process: it starts its own server)."""
    vendor, reply = _SCENARIOS[name]
    with LoopbackServer() as server:
        if reply is not None:
            server.replies.append(reply)
        base_url = f"http://127.0.0.1:{_closed_port()}" if name == "APIConnectionError" else server.base_url
        update: dict[str, Any] = {"notes": NOTES}
        order_id = ORDER_ID
        if name == "UnsupportedUpdateError":
            update = {"tags": ["vip"]}
        elif name == "InvalidUpdateError":
            order_id = ""
        options: dict[str, Any] = {}
        if name == "RateLimiterUnavailableError":  # a Redis that is not there
            options = {"rate_limit": "10/second", "rate_limit_storage": f"redis://127.0.0.1:{_closed_port()}/0"}
        try:
            client = storefronts.Client(
                vendor, api_key=API_KEYS.get(vendor, "unused-key"), base_url=base_url, **options
            )
            if name == "ClientStateError":
                client.close()  # then used: refused before anything is sent
            with client:
                client.update_order(order_id, max_retries=0, timeout=0.5, **update)
        except storefronts.StorefrontError as error:
            assert type(error).__name__ == name, repr(error)
            return error
    raise AssertionError(f"{name}: the call did not fail")


def raise_in_worker(name: str) -> None:
    raise produce(name)


def pickled_in_worker(name: str) -> bytes:
    return pickle.dumps(produce(name))


def _state(error: BaseException) -> dict[str, Any]:
    """What an error carries, but its response (which does not cross: see storefronts.errors)."""
    return {"args": error.args, **{k: v for k, v in vars(error).items() if k != "response"}}


def _assert_keyless(data: bytes) -> None:
    assert SECRET_MARKER.encode() not in data
    for parts in SECRETS.values():
        for part in parts:
            assert part.encode() not in data


@pytest.fixture(scope="module")
def produced() -> dict[str, storefronts.StorefrontError]:
    return {name: produce(name) for name in ERROR_CLASSES}


@pytest.mark.parametrize("name", ERROR_CLASSES)
def test_round_trips_through_pickle_with_its_attributes(
    name: str, produced: dict[str, storefronts.StorefrontError]
) -> None:
    error = produced[name]
    data = pickle.dumps(error)
    _assert_keyless(data)
    rebuilt = pickle.loads(data)
    assert type(rebuilt) is type(error)
    assert str(rebuilt) == str(error)
    assert _state(rebuilt) == _state(error)
    if hasattr(error, "response"):
        assert rebuilt.response is None  # documented: an httpx.Response does not cross


def test_the_attributes_that_cross_are_the_useful_ones(produced: dict[str, storefronts.StorefrontError]) -> None:
    limited = pickle.loads(pickle.dumps(produced["RateLimitError"]))
    assert (limited.vendor, limited.status_code, limited.retry_after) == ("salesive", 429, 3600.0)
    closed = pickle.loads(pickle.dumps(produced["OrderClosedError"]))
    assert (closed.code, closed.message, closed.status_code) == ("ORDER_CLOSED", "Cannot modify a closed order", 409)
    auth = pickle.loads(pickle.dumps(produced["AuthenticationError"]))
    assert auth.message == "key [redacted] is revoked"
    assert auth.body == {"error": {"code": "UNAUTHORIZED", "message": "key [redacted] is revoked"}}
    unsupported = pickle.loads(pickle.dumps(produced["UnsupportedUpdateError"]))
    assert (unsupported.vendor, unsupported.fields) == ("bitbybit", ("tags",))


@pytest.mark.parametrize("name", ERROR_CLASSES)
@pytest.mark.parametrize("how", [copy.copy, copy.deepcopy], ids=["copy", "deepcopy"])
def test_copies_keep_every_attribute(
    name: str, how: Callable[[Any], Any], produced: dict[str, storefronts.StorefrontError]
) -> None:
    error = produced[name]
    duplicate = how(error)
    assert type(duplicate) is type(error) and duplicate is not error
    assert _state(duplicate) == _state(error)
    assert str(duplicate) == str(error)
    assert duplicate.__cause__ is error.__cause__
    if hasattr(error, "response"):
        assert duplicate.response is error.response  # a handle: shared by copy and deepcopy alike


@pytest.fixture(scope="module")
def spawn_pool() -> Iterator[ProcessPoolExecutor]:
    # spawn, not fork: a fresh interpreter that knows nothing of this one, as a Celery worker or another host
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool


@pytest.mark.parametrize("name", ERROR_CLASSES)
def test_a_process_pool_worker_raising_it_hands_it_back(
    name: str, spawn_pool: ProcessPoolExecutor, produced: dict[str, storefronts.StorefrontError]
) -> None:
    future = spawn_pool.submit(raise_in_worker, name)
    with pytest.raises(storefronts.StorefrontError) as caught:
        future.result(timeout=_WORKER_TIMEOUT_S)
    crossed = caught.value
    assert type(crossed) is type(produced[name])
    expected = _state(produced[name])
    got = _state(crossed)
    for moving in ("args", "order_id"):  # these name the port of the worker's own server, or its closed port
        expected.pop(moving, None)
        got.pop(moving, None)
    if name in ("APIConnectionError", "APITimeoutError"):
        assert got.keys() == expected.keys()
    else:
        assert got == expected
    _assert_keyless(spawn_pool.submit(pickled_in_worker, name).result(timeout=_WORKER_TIMEOUT_S))


def test_a_multiprocessing_pool_gets_every_error_back() -> None:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        for name in ERROR_CLASSES:
            pending = pool.apply_async(raise_in_worker, (name,))
            with pytest.raises(storefronts.StorefrontError) as caught:
                pending.get(timeout=_WORKER_TIMEOUT_S)
            assert type(caught.value).__name__ == name
