"""The vendors' refusals and odd answers, end to end: each reaches the caller as the right storefronts error, with
the vendor's code and message read from its own error body, and never as a KeyError/TypeError/ValueError."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from storefronts import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    NotFoundError,
    OrderClosedError,
    PermissionDeniedError,
    RateLimitError,
    ResponseDecodeError,
    ServerError,
    StorefrontError,
    ValidationError,
    Vendor,
)
from storefronts.errors import error_class_for_status
from tests.facade.support import (
    BITBYBIT,
    KEY_PARTS,
    LAUNCHMYSTORE,
    ORDER_IDS,
    SALESIVE,
    VENDORS,
    error_body,
    ok,
    order_payload,
    success_body,
    update,
)
from tests.support.loopback import LoopbackServer, Reply
from tests.vendors import table

pytestmark = pytest.mark.anyio

BY_STATUS: dict[int, type[APIError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: APIError,
    422: ValidationError,
    429: RateLimitError,
    500: ServerError,
    502: ServerError,
    503: ServerError,
}
CASES = [(vendor, status) for vendor in VENDORS for status in BY_STATUS]


def _expected_class(vendor: Vendor, code: str | None, status: int) -> type[Exception]:
    """The status's class, unless the vendor's code says more (LaunchMyStore's ORDER_CLOSED)."""
    return table(vendor).code_classes.get(code or "", BY_STATUS[status])


async def _fails(mode: str, vendor: Vendor, server: LoopbackServer, *replies: Reply, **options: Any) -> Any:
    server.replies.extend(replies)
    with pytest.raises(StorefrontError) as caught:
        await update(mode, vendor, server, options=options, notes="x")
    return caught.value


def _assert_describes_the_call(error: BaseException, vendor: Vendor, status: int | None = None) -> None:
    message = str(error)
    assert vendor.value in message
    assert "update_order" in message
    assert ORDER_IDS[vendor] in message
    if status is not None:
        assert str(status) in message
    for part in KEY_PARTS[vendor]:
        assert part not in message


@pytest.mark.parametrize(("vendor", "status"), CASES, ids=[f"{v.value}-{s}" for v, s in CASES])
async def test_each_status_in_the_vendors_error_body(
    vendor: Vendor, status: int, mode: str, server: LoopbackServer
) -> None:
    code = table(vendor).error_codes.get(status)
    body = error_body(vendor, status, code, f"the vendor says no ({status})")
    error = await _fails(mode, vendor, server, Reply(status=status, json=body))
    assert type(error) is _expected_class(vendor, code, status)
    assert error.vendor == vendor.value
    assert error.status_code == status
    assert error.code == code
    assert error.message == f"the vendor says no ({status})"
    assert isinstance(error.response, httpx.Response)
    assert error.response.status_code == status
    assert error.body == body
    _assert_describes_the_call(error, vendor, status)
    assert f"the vendor says no ({status})" in str(error)
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        (422, "VALIDATION_ERROR", ValidationError),
        (400, "VALIDATION_ERROR", ValidationError),
        (409, "ORDER_CLOSED", OrderClosedError),
        (422, "ORDER_CLOSED", OrderClosedError),
        (400, "ORDER_CLOSED", OrderClosedError),
        (409, "VALIDATION_ERROR", ValidationError),
        (403, "FORBIDDEN", PermissionDeniedError),
    ],
)
async def test_launchmystore_codes_decide_the_class(
    status: int, code: str, expected: type[APIError], mode: str, server: LoopbackServer
) -> None:
    body = error_body(LAUNCHMYSTORE, status, code, "no")
    body["error"]["details"] = [{"field": "email", "message": "must be a valid email address"}]
    error = await _fails(mode, LAUNCHMYSTORE, server, Reply(status=status, json=body))
    assert type(error) is expected
    assert (error.status_code, error.code) == (status, code)
    assert code in str(error)


async def test_order_closed_is_not_retried(mode: str, server: LoopbackServer) -> None:
    """A 409 is retryable in general (a lock, a conflict), but a closed order will not reopen."""
    reply = Reply(status=409, json=error_body(LAUNCHMYSTORE, 409, "ORDER_CLOSED", "closed"), repeat=-1)
    error = await _fails(mode, LAUNCHMYSTORE, server, reply, max_retries=2)
    assert isinstance(error, OrderClosedError)
    assert len(server.requests) == 1


@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize(
    ("headers", "retry_after"),
    [({"Retry-After": "7"}, 7.0), ({"retry-after-ms": "1500"}, 1.5), ({"Retry-After": "0.25"}, 0.25), ({}, None)],
)
async def test_rate_limit_carries_the_advised_wait(
    vendor: Vendor, headers: dict[str, str], retry_after: float | None, mode: str, server: LoopbackServer
) -> None:
    reply = Reply(status=429, json=error_body(vendor, 429, "RATE_LIMITED", "slow down"), headers=headers)
    error = await _fails(mode, vendor, server, reply)
    assert isinstance(error, RateLimitError)
    assert error.retry_after == retry_after


@pytest.mark.parametrize("vendor", VENDORS)
async def test_a_long_advised_wait_is_left_to_the_caller(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    reply = Reply(
        status=429, json=error_body(vendor, 429, None, "slow down"), headers={"Retry-After": "3600"}, repeat=-1
    )
    error = await _fails(mode, vendor, server, reply, max_retries=2)
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 3600.0
    assert "3600" in str(error)
    assert len(server.requests) == 1  # not slept on, not retried


@pytest.mark.parametrize("vendor", VENDORS)
async def test_a_transient_failure_is_retried_then_succeeds(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    server.replies.append(Reply(status=503, json=error_body(vendor, 503, None, "busy"), headers={"Retry-After": "0"}))
    server.replies.append(ok(vendor))
    order = await update(mode, vendor, server, options={"max_retries": 1}, notes="x")
    assert order.vendor is vendor
    assert len(server.requests) == 2
    assert server.requests[0].body == server.requests[1].body


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
async def test_a_definite_refusal_is_not_retried(status: int, mode: str, server: LoopbackServer) -> None:
    reply = Reply(status=status, json=error_body(BITBYBIT, status, "NO", "no"), repeat=-1)
    await _fails(mode, BITBYBIT, server, reply, max_retries=2)
    assert len(server.requests) == 1


async def test_retries_give_up_with_the_last_error(mode: str, server: LoopbackServer) -> None:
    reply = Reply(status=500, json=error_body(SALESIVE, 500, None, "boom"), headers={"Retry-After": "0"}, repeat=-1)
    error = await _fails(mode, SALESIVE, server, reply, max_retries=2)
    assert isinstance(error, ServerError)
    assert len(server.requests) == 3


# -- error bodies that are not the vendor's format --------------------------------------------------------------

ODD_ERROR_BODIES = [
    pytest.param(vendor, status, Reply(status=status, **reply), id=f"{vendor.value}-{status}-{index}")
    for vendor in VENDORS
    for index, (status, reply) in enumerate(table(vendor).odd_error_bodies)
]


@pytest.mark.parametrize(("vendor", "status", "reply"), ODD_ERROR_BODIES)
async def test_an_odd_error_body_still_gives_the_status_class(
    vendor: Vendor, status: int, reply: Reply, mode: str, server: LoopbackServer
) -> None:
    error = await _fails(mode, vendor, server, reply)
    assert type(error) is BY_STATUS[status]
    assert error.status_code == status
    assert error.code is None
    assert error.message is None
    _assert_describes_the_call(error, vendor, status)


async def test_a_non_json_error_body_is_quoted_in_the_message(mode: str, server: LoopbackServer) -> None:
    reply = Reply(status=502, body=b"<html>Bad Gateway</html>", content_type="text/html")
    error = await _fails(mode, BITBYBIT, server, reply)
    assert "Bad Gateway" in str(error)


# -- 2xx answers that are not the documented envelope -----------------------------------------------------------


def _envelope_without_data(vendor: Vendor) -> dict[str, Any]:
    envelope = table(vendor).envelope
    if envelope is None:
        pytest.skip(f"{vendor.value}'s 200 is the order itself: there is no envelope to leave it out of")
    body = success_body(vendor, None)
    del body[envelope]
    return body


IN_ENVELOPE = "$.<envelope>"
"""Where a decode error points when the order in the vendor's envelope is wrong: its member, or the body itself."""

DECODE_CASES: list[tuple[str, Any, str]] = [
    ("data null", lambda v: Reply(json=success_body(v, None)), IN_ENVELOPE),
    ("data missing", lambda v: Reply(json=_envelope_without_data(v)), IN_ENVELOPE),
    ("data a list", lambda v: Reply(json=success_body(v, [order_payload(v)])), IN_ENVELOPE),
    ("data a string", lambda v: Reply(json=success_body(v, "ord_abc123")), IN_ENVELOPE),
    ("not JSON", lambda v: Reply(body=b"<html>ok</html>", content_type="application/json"), "$"),
    ("a JSON array", lambda v: Reply(json=[order_payload(v)]), "$"),
    ("JSON null", lambda v: Reply(body=b"null", content_type="application/json"), "$"),
    ("empty", lambda v: Reply(body=b"", content_type="application/json"), "$"),
    ("not JSON content type", lambda v: Reply(body=b"OK", content_type="text/plain"), "$"),
]


@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize(("case", "make_reply", "path"), DECODE_CASES, ids=[c for c, _, _ in DECODE_CASES])
async def test_a_2xx_that_is_not_the_envelope_is_a_decode_error(
    *, vendor: Vendor, case: str, make_reply: Any, path: str, mode: str, server: LoopbackServer
) -> None:
    error = await _fails(mode, vendor, server, make_reply(vendor))
    assert type(error) is ResponseDecodeError, case
    envelope = table(vendor).envelope
    assert error.path == (path if path != IN_ENVELOPE else "$" if envelope is None else f"$.{envelope}")
    assert error.status_code == 200
    assert error.vendor == vendor.value
    _assert_describes_the_call(error, vendor, 200)


async def test_salesive_success_false_in_a_200_is_the_error_it_names(mode: str, server: LoopbackServer) -> None:
    body = {"status": 404, "success": False, "message": "Order not found", "data": None}
    error = await _fails(mode, SALESIVE, server, Reply(json=body))
    assert isinstance(error, NotFoundError)
    assert error.status_code == 404
    assert error.message == "Order not found"
    _assert_describes_the_call(error, SALESIVE, 404)


# -- no answer at all -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("vendor", VENDORS)
async def test_a_hang_up_is_a_connection_error(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    error = await _fails(mode, vendor, server, Reply(close_before_status=True))
    assert type(error) is APIConnectionError
    assert error.vendor == vendor.value
    assert error.order_id == ORDER_IDS[vendor]
    _assert_describes_the_call(error, vendor)


@pytest.mark.parametrize("vendor", VENDORS)
async def test_a_slow_answer_is_a_timeout(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    error = await _fails(mode, vendor, server, Reply(delay_before_headers=2.0, json={}), timeout=0.2)
    assert type(error) is APITimeoutError
    _assert_describes_the_call(error, vendor)


# -- envelopes that report a failure (issue 14.9) ------------------------------------------------------------------

_LMS_CLOSED = {"code": "ORDER_CLOSED", "message": "Cannot modify a closed order"}


@pytest.mark.parametrize("with_data", [True, False], ids=["with-data", "without-data"])
async def test_launchmystore_200_success_false_is_the_error_it_carries(
    with_data: bool, mode: str, server: LoopbackServer
) -> None:
    body: dict[str, Any] = {"success": False, "error": dict(_LMS_CLOSED)}
    if with_data:
        body["data"] = order_payload(LAUNCHMYSTORE)  # a whole order beside the failure: still a failure
    error = await _fails(mode, LAUNCHMYSTORE, server, Reply(json=body))
    assert type(error) is OrderClosedError
    assert (error.code, error.message, error.status_code) == ("ORDER_CLOSED", _LMS_CLOSED["message"], 200)
    assert "ORDER_CLOSED" in str(error)


@pytest.mark.parametrize("vendor", [SALESIVE, LAUNCHMYSTORE])
@pytest.mark.parametrize("success", [False, 0, 1, "false", "true", "False", None, [], {}, "missing"])
async def test_an_envelope_is_an_order_only_when_success_is_exactly_true(
    vendor: Vendor, success: Any, mode: str, server: LoopbackServer
) -> None:
    """Both vendors document ``success`` as a JSON boolean. Exactly false is the vendor's refusal (an APIError of
    the class its body names); any other value says neither, so it is a ResponseDecodeError: never an Order."""
    body = success_body(vendor, order_payload(vendor))
    if success == "missing":
        del body["success"]
    else:
        body["success"] = success
    error = await _fails(mode, vendor, server, Reply(json=body))
    if success is False:
        assert isinstance(error, APIError)
    else:
        assert type(error) is ResponseDecodeError
        assert error.path == "$.success"
        assert "success" in str(error)


async def test_salesive_success_false_takes_the_status_its_envelope_gives(mode: str, server: LoopbackServer) -> None:
    body = {"status": 409, "success": False, "message": "Order is locked", "data": order_payload(SALESIVE)}
    error = await _fails(mode, SALESIVE, server, Reply(json=body))
    assert type(error) is APIError
    assert (error.status_code, error.message) == (409, "Order is locked")


async def test_an_exact_true_envelope_is_still_an_order(mode: str, server: LoopbackServer) -> None:
    for vendor in (SALESIVE, LAUNCHMYSTORE):
        server.replies.append(ok(vendor))
        order = await update(mode, vendor, server, notes="x")
        assert order.vendor is vendor


# -- Retry-After on every retryable status (issue 14.11) -------------------------------------------------------------


@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize("status", [500, 502, 503, 504, 408, 409])
async def test_a_long_advised_wait_on_any_retryable_status_stays_on_the_error(
    vendor: Vendor, status: int, mode: str, server: LoopbackServer
) -> None:
    reply = Reply(status=status, json=error_body(vendor, status, None, "busy"), headers={"Retry-After": "3600"})
    error = await _fails(mode, vendor, server, Reply(**{**reply.__dict__, "repeat": -1}), max_retries=2)
    assert type(error) is error_class_for_status(status)
    assert error.retry_after == 3600.0
    assert "3600 s" in str(error) and "retry_after" in str(error)
    assert len(server.requests) == 1  # not slept on: the caller decides


@pytest.mark.parametrize(
    ("header", "wait", "worded"),
    [("0.5", 0.5, "0.5 s"), ("0.25", 0.25, "0.25 s"), ("2", 2.0, "2 s"), ("1.5", 1.5, "1.5 s"), ("0", 0.0, "0 s")],
)
async def test_a_fractional_advised_wait_is_worded_as_it_is(
    header: str, wait: float, worded: str, mode: str, server: LoopbackServer
) -> None:
    error = await _fails(mode, BITBYBIT, server, Reply(status=503, headers={"Retry-After": header}))
    assert isinstance(error, ServerError)
    assert error.retry_after == wait
    assert f"wait {worded} before retrying" in str(error)
    assert "0s" not in str(error).replace(worded, "")


async def test_an_absurd_retry_after_date_is_unreadable_not_a_raw_overflow(mode: str, server: LoopbackServer) -> None:
    reply = Reply(status=503, headers={"Retry-After": "Mon, 01 Jan 99999999999 00:00:00 GMT"}, repeat=-1)
    error = await _fails(mode, BITBYBIT, server, reply, max_retries=1)
    assert type(error) is ServerError
    assert error.retry_after is None  # unreadable: the ordinary backoff applied instead
    assert len(server.requests) == 2


async def test_a_far_future_retry_after_date_is_a_long_wait(mode: str, server: LoopbackServer) -> None:
    reply = Reply(status=429, headers={"Retry-After": "Fri, 31 Dec 9999 23:59:59 GMT"}, repeat=-1)
    error = await _fails(mode, BITBYBIT, server, reply, max_retries=2)
    assert type(error) is RateLimitError
    assert error.retry_after is not None and error.retry_after > 1e10
    assert len(server.requests) == 1


# -- statuses a server should not send, and bodies built to break a parser (issue 14.3) -----------------------------


@pytest.mark.parametrize(
    ("status", "expected"), [(999, APIError), (600, APIError), (499, APIError), (599, ServerError)]
)
async def test_an_odd_status_gets_the_class_its_range_means(
    status: int, expected: type[APIError], mode: str, server: LoopbackServer
) -> None:
    error = await _fails(mode, BITBYBIT, server, Reply(status=status, json={"error": {"code": "X"}}, repeat=-1))
    assert type(error) is expected
    assert error.status_code == status
    assert len(server.requests) == 1  # 999 is not a 5xx: not retried either


async def test_a_status_line_h11_refuses_is_a_connection_error(mode: str, server: LoopbackServer) -> None:
    error = await _fails(mode, BITBYBIT, server, Reply(status=99))
    assert isinstance(error, APIConnectionError)


async def test_headers_larger_than_h11_takes_are_a_connection_error(mode: str, server: LoopbackServer) -> None:
    error = await _fails(mode, BITBYBIT, server, Reply(headers={"X-Big": "a" * (200 * 1024)}))
    assert isinstance(error, APIConnectionError)


_DEPTH = 200_000


def _deep(depth: int = _DEPTH) -> bytes:
    return b'{"data":' + b"[" * depth + b"]" * depth + b"}"


@pytest.mark.parametrize("vendor", VENDORS)
async def test_json_nested_too_deep_on_a_2xx_is_a_decode_error(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    error = await _fails(mode, vendor, server, Reply(body=_deep(), content_type="application/json"))
    assert type(error) is ResponseDecodeError
    assert "nested too deeply" in str(error)


@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize("status", [401, 404, 429])
async def test_json_nested_too_deep_on_an_error_status_keeps_its_class(
    vendor: Vendor, status: int, mode: str, server: LoopbackServer
) -> None:
    error = await _fails(mode, vendor, server, Reply(status=status, body=_deep(), content_type="application/json"))
    assert type(error) is BY_STATUS[status]
    assert error.body is None


@pytest.mark.parametrize("vendor", VENDORS)
async def test_json_nested_too_deep_on_a_503_is_still_retried(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    server.replies.append(
        Reply(status=503, body=_deep(), content_type="application/json", headers={"Retry-After": "0"})
    )
    server.replies.append(ok(vendor))
    order = await update(mode, vendor, server, options={"max_retries": 1}, notes="x")
    assert order.vendor is vendor
    assert len(server.requests) == 2


# -- vendor text in messages (issue 14.10) ------------------------------------------------------------------------

_HOSTILE_TEXT = "closed\nINFO forged log line\r\x1b[31mred\x1b[0m\x85\u2028\u202etxt\ud800 end"


@pytest.mark.parametrize("vendor", VENDORS)
async def test_vendor_text_in_a_message_cannot_forge_lines_or_drive_a_terminal(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    error = await _fails(
        mode, vendor, server, Reply(status=400, json=error_body(vendor, 400, "BAD\x1b[2J", _HOSTILE_TEXT))
    )
    message = str(error)
    assert message.isprintable(), repr(message)  # no newline, CR, ESC, C1, separator, bidi override or surrogate
    message.encode("utf-8")
    assert "\\n" in message and "\\x1b[31m" in message and "\\u202e" in message
    # the attribute keeps the vendor's text, made valid UTF-8 (lone surrogate replaced)
    assert error.message == _HOSTILE_TEXT.replace("\ud800", "\ufffd")


async def test_a_body_excerpt_in_a_message_is_printable(mode: str, server: LoopbackServer) -> None:
    body = ("<html>\n\x1b]0;title\x07" + "x" * 50).encode()
    for reply in (Reply(status=502, body=body, content_type="text/html"), Reply(body=body, content_type="text/plain")):
        error = await _fails(mode, BITBYBIT, server, reply)
        assert str(error).isprintable(), repr(str(error))
