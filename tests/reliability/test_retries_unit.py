"""The retry policy, piece by piece: backoff, Retry-After, which failures are retried, overrides, and the log."""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Iterator

import httpx
import pytest

import storefronts
from storefronts import _base_client, _constants, _retries
from storefronts.errors import (
    APIError,
    AuthenticationError,
    InvalidUpdateError,
    NotFoundError,
    OrderClosedError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    ValidationError,
)
from tests.reliability.conftest import (
    NOTES,
    ORDER_ID,
    ORDER_IDS,
    SECRETS,
    VENDORS,
    async_client,
    ok_json,
    sync_client,
)
from tests.support.loopback import LoopbackServer, Reply

# -- backoff ----------------------------------------------------------------------------------------------------


def test_backoff_doubles_from_half_a_second_and_caps_at_eight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_retries.random, "random", lambda: 0.0)  # no jitter: the nominal delay
    assert [_retries.backoff_delay(n) for n in range(7)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert _constants.INITIAL_RETRY_DELAY_S == 0.5
    assert _constants.MAX_RETRY_DELAY_S == 8.0


def test_backoff_jitter_takes_off_at_most_a_quarter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_retries.random, "random", lambda: 1.0)  # the most jitter random() can approach
    assert [_retries.backoff_delay(n) for n in range(6)] == [0.375, 0.75, 1.5, 3.0, 6.0, 6.0]


def test_backoff_jitter_stays_in_its_band() -> None:
    for retries_done in range(6):
        nominal = min(0.5 * 2**retries_done, 8.0)
        delays = [_retries.backoff_delay(retries_done) for _ in range(300)]
        assert all(0.75 * nominal <= delay <= nominal for delay in delays)
        assert len(set(delays)) > 1  # jittered, not constant


# -- Retry-After -----------------------------------------------------------------------------------------------


def _advised(now: float | None = None, **headers: str) -> float | None:
    return _retries.retry_after_seconds(httpx.Headers({k.replace("_", "-"): v for k, v in headers.items()}), now=now)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry_after": "1"}, 1.0),
        ({"retry_after": " 2.5 "}, 2.5),
        ({"retry_after": "0"}, 0.0),
        ({"retry_after": "3600"}, 3600.0),
        ({"retry_after_ms": "1500"}, 1.5),
        ({"retry_after_ms": "250", "retry_after": "30"}, 0.25),  # the finer one wins
        ({"retry_after_ms": "soon", "retry_after": "3"}, 3.0),  # unreadable ms: fall back to Retry-After
        ({"retry_after_ms": "-5", "retry_after": "3"}, 3.0),
        ({"retry_after": "soon"}, None),
        ({"retry_after": ""}, None),
        ({"retry_after": "-1"}, None),
        ({"retry_after": "nan"}, None),
        ({"retry_after": "inf"}, None),
        ({"retry_after_ms": "nan"}, None),
        ({}, None),
    ],
)
def test_retry_after_forms(headers: dict[str, str], expected: float | None) -> None:
    assert _advised(**headers) == expected


def test_retry_after_http_date() -> None:
    now = 1_700_000_000.0
    assert _advised(now, retry_after=email.utils.formatdate(now + 90, usegmt=True)) == pytest.approx(90)
    assert _advised(now, retry_after="Tue, 14 Nov 2023 22:14:20 GMT") == pytest.approx(60)  # now is 22:13:20
    assert _advised(now, retry_after=email.utils.formatdate(now - 90, usegmt=True)) == 0.0  # in the past: now
    assert _advised(now, retry_after="Tue, 14 Nov 2023 22:14:20") is None  # no zone: not an HTTP-date
    assert _advised(now, retry_after="Tuesday at noon") is None


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """Record the sync client's sleeps instead of sleeping (``_client`` sleeps through ``time.sleep``)."""
    recorded: list[float] = []
    monkeypatch.setattr(time, "sleep", recorded.append)
    yield recorded


@pytest.mark.parametrize(
    ("name", "value", "advised"),
    [
        ("Retry-After", "61", 61.0),
        ("Retry-After", "3600", 3600.0),
        ("retry-after-ms", "60001", 60.001),
        ("Retry-After", "http-date", 7200.0),
    ],
)
def test_retry_after_beyond_the_cap_raises_without_sleeping(
    server: LoopbackServer, sleeps: list[float], name: str, value: str, advised: float
) -> None:
    if value == "http-date":  # made now, not at collection: it is relative to the clock
        value = email.utils.formatdate(time.time() + advised, usegmt=True)
    server.replies.append(Reply(429, headers={name: value}, repeat=-1))
    with sync_client("bitbybit", server) as client, pytest.raises(RateLimitError) as caught:
        client.update_order(ORDER_ID, notes=NOTES)
    assert caught.value.retry_after == pytest.approx(advised, abs=5)
    assert caught.value.retry_after > _constants.MAX_RETRY_AFTER_S
    assert len(server.requests) == 1
    assert sleeps == []


def test_retry_after_at_the_cap_is_honoured(server: LoopbackServer, sleeps: list[float]) -> None:
    server.replies.append(Reply(429, headers={"Retry-After": "60"}))
    server.replies.append(Reply(200, body=ok_json("bitbybit"), content_type="application/json"))
    with sync_client("bitbybit", server) as client:
        order = client.update_order(ORDER_ID, notes=NOTES)
    assert order.id == ORDER_ID
    assert sleeps == [_constants.MAX_RETRY_AFTER_S]
    assert len(server.requests) == 2


def test_429_without_advice_backs_off(server: LoopbackServer, sleeps: list[float]) -> None:
    server.replies.append(Reply(429, repeat=-1))
    with sync_client("bitbybit", server) as client, pytest.raises(RateLimitError) as caught:
        client.update_order(ORDER_ID, notes=NOTES)
    assert caught.value.retry_after is None
    assert len(server.requests) == 3
    assert len(sleeps) == 2
    assert 0.375 <= sleeps[0] <= 0.5
    assert 0.75 <= sleeps[1] <= 1.0


# -- what is retried ---------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, ValidationError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (410, APIError),
        (418, APIError),
        (422, ValidationError),
    ],
)
@pytest.mark.parametrize("vendor", VENDORS)
def test_other_4xx_are_never_retried(
    server: LoopbackServer, vendor: str, status: int, error_class: type[APIError]
) -> None:
    server.replies.append(Reply(status, json={"message": "no"}, repeat=-1))
    with sync_client(vendor, server) as client, pytest.raises(error_class) as caught:
        client.update_order(ORDER_IDS[vendor], notes=NOTES)
    assert type(caught.value) is error_class
    assert caught.value.status_code == status
    assert len(server.requests) == 1


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize(("status", "error_class"), [(408, APIError), (409, APIError), (504, ServerError)])
def test_retryable_statuses_are_retried(server: LoopbackServer, status: int, error_class: type[APIError]) -> None:
    assert status in _constants.RETRYABLE_STATUS_CODES
    server.replies.append(Reply(status, repeat=-1))
    with sync_client("bitbybit", server) as client, pytest.raises(error_class):
        client.update_order(ORDER_ID, notes=NOTES)
    assert len(server.requests) == _constants.DEFAULT_MAX_RETRIES + 1


@pytest.mark.usefixtures("fast_backoff")
def test_a_vendor_code_naming_a_definite_refusal_is_not_retried(server: LoopbackServer) -> None:
    """LaunchMyStore's ORDER_CLOSED comes on a 409: retrying cannot reopen the order."""
    body = {"success": False, "error": {"code": "ORDER_CLOSED", "message": "Cannot modify a closed order"}}
    server.replies.append(Reply(409, json=body, repeat=-1))
    with sync_client("launchmystore", server) as client, pytest.raises(OrderClosedError):
        client.update_order(ORDER_ID, notes=NOTES)
    assert len(server.requests) == 1


def test_put_is_idempotent_and_post_patch_are_not() -> None:
    assert "PUT" in _constants.IDEMPOTENT_METHODS
    assert not {"POST", "PATCH"} & _constants.IDEMPOTENT_METHODS
    assert _base_client._METHOD == "PUT"  # update_order's method, the one the rule is checked against


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("reply", [Reply(503, repeat=-1), Reply(close_before_status=True, repeat=-1)])
def test_a_non_idempotent_method_would_not_be_retried(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch, reply: Reply
) -> None:
    """The per-method rule: were update_order a POST, a failure after sending could mean it was applied."""
    monkeypatch.setattr(_base_client, "_METHOD", "POST")
    server.replies.append(reply)
    with sync_client("bitbybit", server) as client, pytest.raises(storefronts.StorefrontError):
        client.update_order(ORDER_ID, notes=NOTES)
    assert len(server.requests) == 1


# -- per-call and per-copy overrides -----------------------------------------------------------------------------


@pytest.mark.usefixtures("fast_backoff")
def test_per_call_max_retries(server: LoopbackServer) -> None:
    server.replies.append(Reply(503, repeat=-1))
    with sync_client("bitbybit", server) as client:
        with pytest.raises(ServerError):
            client.update_order(ORDER_ID, notes=NOTES, max_retries=0)
        assert len(server.requests) == 1
        with pytest.raises(ServerError):
            client.update_order(ORDER_ID, notes=NOTES, max_retries=1)
        assert len(server.requests) == 1 + 2
        assert client.max_retries == _constants.DEFAULT_MAX_RETRIES  # the client's default is untouched


def test_per_call_timeout(server: LoopbackServer) -> None:
    server.replies.append(Reply(200, delay_before_headers=5.0, repeat=-1))
    with sync_client("bitbybit", server) as client:
        started = time.monotonic()
        with pytest.raises(storefronts.APITimeoutError):
            client.update_order(ORDER_ID, notes=NOTES, max_retries=0, timeout=0.3)
        assert time.monotonic() - started < 0.3 + 0.5
    assert len(server.requests) == 1


def test_a_with_options_copy_sends_under_its_own_timeout(server: LoopbackServer) -> None:
    # the copy shares the parent's httpx client, whose default timeout is the parent's (long) one
    server.replies.append(Reply(200, delay_before_headers=5.0, repeat=-1))
    with sync_client("bitbybit", server) as client:
        copy = client.with_options(timeout=0.3, max_retries=0)
        started = time.monotonic()
        with pytest.raises(storefronts.APITimeoutError):
            copy.update_order(ORDER_ID, notes=NOTES)
        assert time.monotonic() - started < 0.3 + 0.5
    assert len(server.requests) == 1


@pytest.mark.parametrize(("option", "value"), [("max_retries", -1), ("max_retries", 1.5), ("timeout", 0)])
def test_invalid_overrides_are_refused_before_sending(server: LoopbackServer, option: str, value: object) -> None:
    with sync_client("bitbybit", server) as client, pytest.raises(InvalidUpdateError, match=option):
        client.update_order(ORDER_ID, notes=NOTES, **{option: value})
    assert server.requests == []


@pytest.mark.usefixtures("fast_backoff")
def test_with_options_copy_shares_connections_and_closing_it_closes_nothing(server: LoopbackServer) -> None:
    server.replies.append(Reply(503, repeat=-1))
    client = sync_client("bitbybit", server)
    copy = client.with_options(max_retries=0, timeout=2.0)
    assert (copy.max_retries, client.max_retries) == (0, _constants.DEFAULT_MAX_RETRIES)
    assert copy.timeout.read == 2.0
    assert copy._http is client._http  # one pool
    with pytest.raises(ServerError):
        copy.update_order(ORDER_ID, notes=NOTES)
    assert len(server.requests) == 1
    copy.close()
    assert not client._http.is_closed
    server.replies[:] = [Reply(200, body=ok_json("bitbybit"), content_type="application/json")]
    assert client.update_order(ORDER_ID, notes=NOTES).id == ORDER_ID  # the parent still works
    client.close()
    assert client._http.is_closed


@pytest.mark.anyio
@pytest.mark.usefixtures("fast_backoff")
async def test_async_with_options_copy_shares_connections(server: LoopbackServer) -> None:
    server.replies.append(Reply(503))
    server.replies.append(Reply(200, body=ok_json("salesive"), content_type="application/json"))
    client = async_client("salesive", server)
    async with client.with_options(max_retries=0) as copy:
        assert copy._http is client._http
        with pytest.raises(ServerError):
            await copy.update_order(ORDER_ID, notes=NOTES)
    assert not client._http.is_closed
    assert (await client.update_order(ORDER_ID, notes=NOTES)).id == ORDER_ID
    await client.aclose()
    assert client._http.is_closed


# -- the retry log -----------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("vendor", VENDORS)
def test_each_retry_logs_vendor_attempt_and_reason(
    server: LoopbackServer, caplog: pytest.LogCaptureFixture, vendor: str
) -> None:
    server.replies.extend(
        [
            Reply(503),
            Reply(close_before_status=True),
            Reply(200, body=ok_json(vendor), content_type="application/json"),
        ]
    )
    caplog.set_level(logging.INFO, logger="storefronts")
    with sync_client(vendor, server) as client:
        client.update_order(ORDER_IDS[vendor], notes=NOTES)
    records = [record for record in caplog.records if record.name == "storefronts"]
    assert [record.levelno for record in records] == [logging.INFO, logging.INFO]
    first, second = (record.getMessage() for record in records)
    for message in (first, second):
        assert vendor in message
        assert "update_order" in message
        assert not any(secret in message for secret in SECRETS[vendor])
    assert "attempt 1 of 3" in first
    assert "HTTP 503" in first
    assert "attempt 2 of 3" in second
    assert "APIConnectionError" in second


@pytest.mark.usefixtures("fast_backoff")
def test_the_final_failure_is_not_logged_as_a_retry(server: LoopbackServer, caplog: pytest.LogCaptureFixture) -> None:
    server.replies.append(Reply(500, repeat=-1))
    caplog.set_level(logging.INFO, logger="storefronts")
    with sync_client("bitbybit", server) as client, pytest.raises(ServerError):
        client.update_order(ORDER_ID, notes=NOTES)
    messages = [record.getMessage() for record in caplog.records if record.name == "storefronts"]
    assert len(messages) == _constants.DEFAULT_MAX_RETRIES
