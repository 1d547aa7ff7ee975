"""The fault-injection suite: every vendor, both twins, against a real server that misbehaves on purpose.

Each scenario scripts the loopback server, makes one ``update_order`` call with a small per-call timeout, and asserts
three things: the exact outcome (an Order, or the documented error class), how many requests reached the server,
and that the call ended within the documented worst case (``timeout * (max_retries + 1)`` + the backoff sum + any
Retry-After the server asked for), computed from the constants the code reads. A scenario that reaches all three
"survived"; the session ends with ``faults: N scenarios, N survived, 0 lost``.

Retries wait through ``storefronts.testing.instant_retries()``: the waits the client decides on are recorded instead
of slept, and a call's time is its real time plus those waits, so Retry-After scenarios cost no wall time.
"""

from __future__ import annotations

import email.utils
import json
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

import storefronts
from storefronts import _constants
from storefronts.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    NotFoundError,
    RateLimitError,
    ResponseDecodeError,
    ServerError,
    StorefrontError,
)
from storefronts.testing import instant_retries
from tests.reliability.conftest import (
    NOT_FOUND_BODIES,
    NOT_FOUND_EXPECTED,
    NOTES,
    ORDER_IDS,
    SLACK_S,
    VENDORS,
    FaultRecord,
    async_client,
    ok_json,
    sync_client,
    worst_case_s,
)
from tests.support.loopback import LoopbackServer, Reply
from tests.vendors import VendorTable, table

pytestmark = pytest.mark.usefixtures("fast_backoff")

# Per-call timeouts: each attempt, headers and body, ends within its timeout. Small where the timeout is what the
# scenario tests (the suite stays fast); roomier elsewhere, so a loaded machine cannot turn an answer into a timeout.
ATTEMPT_TIMEOUT_S = 1.0
SHORT_TIMEOUT_S = 0.15
BIG_TIMEOUT_S = 5.0  # the 20 MiB scenarios: reading the first 10 MiB must not be what stops them
MAX_RETRIES = _constants.DEFAULT_MAX_RETRIES
ALL_ATTEMPTS = MAX_RETRIES + 1
TWENTY_MIB = 20 * 1024 * 1024
HTML_502 = (
    b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
    + b"<hr><center>nginx</center>" * 200
    + b"</body></html>"
)


@dataclass(frozen=True)
class Scenario:
    name: str
    replies: Callable[[str, LoopbackServer | None], list[Reply]]  # (vendor, another host) -> the script
    outcome: type[StorefrontError] | None  # None: an Order comes back
    requests: int
    timeout_s: float = ATTEMPT_TIMEOUT_S
    advised_waits_s: float = 0.0  # Retry-After the script asks the client to honour
    waits: Callable[[list[float]], bool] | None = None  # what the client must have decided to wait, when it matters
    min_elapsed_s: float = 0.0
    max_traced_bytes: int | None = None  # the most Python memory the call may allocate
    check: Callable[[str, Any, LoopbackServer | None], None] = field(default=lambda vendor, result, elsewhere: None)
    needs_elsewhere: bool = False  # a second host (another port), for the redirect
    # why the scenario means nothing for a vendor, read from its table (None: it applies)
    not_for: Callable[[VendorTable], str | None] = field(default=lambda table: None)


def _ok(vendor: str) -> Reply:
    return Reply(200, body=ok_json(vendor), content_type="application/json")


def _http_date_in(seconds: float) -> str:
    return email.utils.formatdate(time.time() + seconds, usegmt=True)


# -- what each scenario checks beyond class, request count and time ---------------------------------------------


def _is_order(vendor: str, order: Any, elsewhere: LoopbackServer | None) -> None:
    assert isinstance(order, storefronts.Order)
    assert (order.vendor, order.id, order.notes) == (vendor, ORDER_IDS[vendor], NOTES)


def _long_rate_limit(vendor: str, error: Any, elsewhere: LoopbackServer | None) -> None:
    assert error.status_code == 429
    assert error.retry_after == pytest.approx(3600, abs=2)
    assert "3600" in str(error)


def _server_error_with_excerpt(vendor: str, error: Any, elsewhere: LoopbackServer | None) -> None:
    assert error.status_code == 502
    message = str(error)
    assert "HTTP 502" in message
    assert "502 Bad Gateway" in message
    assert len(message) < 150 + _constants.BODY_EXCERPT_CHARS  # an excerpt, not the 5 KB page


def _plain_text(vendor: str, error: Any, elsewhere: LoopbackServer | None) -> None:
    assert error.status_code == 200
    assert "text/plain" in str(error)


def _truncated(vendor: str, error: Any, elsewhere: LoopbackServer | None) -> None:
    assert error.status_code == 200
    assert "HTTP 200" in str(error)
    assert "not JSON" in str(error)


def _redirect_refused(vendor: str, error: Any, elsewhere: LoopbackServer | None) -> None:
    assert type(error) is APIError
    assert error.status_code == 301
    assert "redirects are not followed" in str(error)
    assert elsewhere is not None
    assert elsewhere.requests == []  # the credential never went to the other host


def _too_large(vendor: str, error: Any, elsewhere: LoopbackServer | None) -> None:
    assert f"{_constants.MAX_RESPONSE_BYTES}-byte limit" in str(error)


def _connection_failure(vendor: str, error: Any, elsewhere: LoopbackServer | None) -> None:
    assert type(error) is APIConnectionError  # not a timeout: the peer hung up
    assert error.order_id == ORDER_IDS[vendor]


def _timed_out(vendor: str, error: Any, elsewhere: LoopbackServer | None) -> None:
    assert error.order_id == ORDER_IDS[vendor]
    assert "timed out" in str(error)


def _vendor_not_found(vendor: str, error: Any, elsewhere: LoopbackServer | None) -> None:
    code, message = NOT_FOUND_EXPECTED[vendor]
    assert (error.status_code, error.code, error.message) == (404, code, message)
    assert message in str(error)
    assert "HTTP 404" in str(error)


SCENARIOS = [
    Scenario(
        "503x2-then-200",
        lambda vendor, _: [Reply(503, repeat=2), _ok(vendor)],
        None,
        requests=3,
        check=_is_order,
    ),
    Scenario(
        "429-retry-after-1s",
        lambda vendor, _: [Reply(429, headers={"Retry-After": "1"}), _ok(vendor)],
        None,
        requests=2,
        advised_waits_s=1.0,
        min_elapsed_s=0.9,
        waits=lambda waits: waits == [1.0],
        check=_is_order,
    ),
    Scenario(
        "429-retry-after-http-date",
        # an HTTP-date has whole seconds: 1.5 s ahead is a wait of 0.5 to 1.5 s
        lambda vendor, _: [Reply(429, headers={"Retry-After": _http_date_in(1.5)}), _ok(vendor)],
        None,
        requests=2,
        advised_waits_s=1.5,
        min_elapsed_s=0.4,
        waits=lambda waits: len(waits) == 1 and 0.4 <= waits[0] <= 1.5,
        check=_is_order,
    ),
    Scenario(
        "429-retry-after-3600s",
        lambda vendor, _: [Reply(429, headers={"Retry-After": "3600"}, repeat=-1)],
        RateLimitError,
        requests=1,
        check=_long_rate_limit,
    ),
    Scenario("500-forever", lambda vendor, _: [Reply(500, repeat=-1)], ServerError, requests=ALL_ATTEMPTS),
    Scenario(
        "closed-before-status-line",
        lambda vendor, _: [Reply(close_before_status=True, repeat=-1)],
        APIConnectionError,
        requests=ALL_ATTEMPTS,
        check=_connection_failure,
    ),
    Scenario(
        "reset-mid-body",
        lambda vendor, _: [
            Reply(200, body=ok_json(vendor) * 50, content_type="application/json", reset_mid_body=True, repeat=-1)
        ],
        APIConnectionError,
        requests=ALL_ATTEMPTS,
        check=_connection_failure,
    ),
    Scenario(
        "headers-after-read-timeout",
        lambda vendor, _: [Reply(200, delay_before_headers=3.0, repeat=-1)],
        APITimeoutError,
        requests=ALL_ATTEMPTS,
        timeout_s=SHORT_TIMEOUT_S,
        min_elapsed_s=SHORT_TIMEOUT_S * ALL_ATTEMPTS * 0.9,
        check=_timed_out,
    ),
    Scenario(
        "body-trickles-past-deadline",
        # each piece comes well inside the read timeout; only the attempt's deadline can stop it (seconds of body)
        lambda vendor, _: [
            Reply(200, body=ok_json(vendor), content_type="application/json", trickle=(4, 0.05), repeat=-1)
        ],
        APITimeoutError,
        requests=ALL_ATTEMPTS,
        timeout_s=SHORT_TIMEOUT_S,
        min_elapsed_s=SHORT_TIMEOUT_S * ALL_ATTEMPTS * 0.9,
        check=_timed_out,
    ),
    Scenario(
        "truncated-json",
        lambda vendor, _: [Reply(200, body=ok_json(vendor)[:25], content_type="application/json")],
        ResponseDecodeError,
        requests=1,
        check=_truncated,
    ),
    Scenario(
        "html-502-from-proxy",
        lambda vendor, _: [Reply(502, body=HTML_502, content_type="text/html", repeat=-1)],
        ServerError,
        requests=ALL_ATTEMPTS,
        check=_server_error_with_excerpt,
    ),
    Scenario(
        "200-text-plain",
        # the body is even a valid envelope: the content type alone says it is not the API's answer
        lambda vendor, _: [Reply(200, body=ok_json(vendor), content_type="text/plain")],
        ResponseDecodeError,
        requests=1,
        check=_plain_text,
    ),
    Scenario(
        "301-to-another-host",
        lambda vendor, elsewhere: [Reply(301, headers={"Location": f"{elsewhere and elsewhere.base_url}/orders/1"})],
        APIError,
        requests=1,
        check=_redirect_refused,
        needs_elsewhere=True,
    ),
    Scenario(
        "20MiB-body-content-length",
        lambda vendor, _: [Reply(200, body=b" " * TWENTY_MIB, content_type="application/json")],
        ResponseDecodeError,
        requests=1,
        timeout_s=BIG_TIMEOUT_S,
        max_traced_bytes=2 * 1024 * 1024,  # refused on the declared length: nothing of the body is read
        check=_too_large,
    ),
    Scenario(
        "20MiB-body-chunked-no-length",
        lambda vendor, _: [Reply(200, body=b" " * TWENTY_MIB, content_type="application/json", chunked=True)],
        ResponseDecodeError,
        requests=1,
        timeout_s=BIG_TIMEOUT_S,
        # read until the limit, then refused: well under the 20 MiB buffering it all would take
        max_traced_bytes=_constants.MAX_RESPONSE_BYTES + 4 * 1024 * 1024,
        check=_too_large,
    ),
    Scenario(
        "404-vendor-format",
        lambda vendor, _: [
            Reply(404, body=json.dumps(NOT_FOUND_BODIES[vendor]).encode(), content_type="application/json")
        ],
        NotFoundError,
        requests=1,
        check=_vendor_not_found,
    ),
    Scenario(
        "200-without-data",
        lambda vendor, _: [Reply(200, json={"success": True, "status": 200, "message": "ok"})],
        ResponseDecodeError,
        requests=1,
        not_for=lambda table: None if table.envelope else f"{table.name} has no response envelope",
    ),
]


@pytest.fixture
def elsewhere(request: pytest.FixtureRequest) -> Iterator[LoopbackServer | None]:
    """Another host for the scenarios that need one (it must never see a request); None for the others."""
    scenario: Scenario = request.node.callspec.params["scenario"]
    if not scenario.needs_elsewhere:
        yield None
        return
    yield request.getfixturevalue("other_server")


def _skip_for(vendor: str, scenario: Scenario) -> tuple[pytest.MarkDecorator, ...]:
    # skipped when collected, so a scenario that means nothing for a vendor never enters the ledger
    reason = scenario.not_for(table(vendor))
    return () if reason is None else (pytest.mark.skip(reason=reason),)


def _scenario_params() -> list[Any]:
    return [
        pytest.param(vendor, scenario, id=f"{vendor}-{scenario.name}", marks=_skip_for(vendor, scenario))
        for scenario in SCENARIOS
        for vendor in VENDORS
    ]


class _Measure:
    """A call's time (real time plus the retry waits it decided on, skipped by ``instant_retries``) and, for the
    size scenarios, the peak of Python memory allocated during it."""

    def __init__(self, scenario: Scenario) -> None:
        self._trace = scenario.max_traced_bytes is not None
        self.elapsed_s = 0.0
        self.peak_bytes = 0
        self.waits: list[float] = []

    def __enter__(self) -> _Measure:
        self._instant = instant_retries()
        self.waits = self._instant.__enter__()
        if self._trace:
            tracemalloc.start()
        self._started = time.monotonic()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.elapsed_s = time.monotonic() - self._started + sum(self.waits)
        if self._trace:
            self.peak_bytes = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        self._instant.__exit__(None, None, None)


def _assert_outcome(
    vendor: str,
    *,
    scenario: Scenario,
    result: Any,
    measure: _Measure,
    server: LoopbackServer,
    elsewhere: LoopbackServer | None,
) -> None:
    if scenario.outcome is None:
        assert not isinstance(result, BaseException), f"expected an Order, got {result!r}"
    else:
        assert isinstance(result, scenario.outcome), f"expected {scenario.outcome.__name__}, got {result!r}"
        message = str(result)
        assert vendor in message
        assert "update_order" in message
        assert ORDER_IDS[vendor] in message
    scenario.check(vendor, result, elsewhere)

    requests = server.requests
    assert len(requests) == scenario.requests, [r.raw_path for r in requests]
    assert {(r.method, r.raw_path) for r in requests} == {("PUT", f"/orders/{ORDER_IDS[vendor]}")}

    bound = worst_case_s(scenario.timeout_s, MAX_RETRIES, scenario.advised_waits_s) + SLACK_S
    assert scenario.min_elapsed_s <= measure.elapsed_s <= bound, (measure.elapsed_s, bound)
    if scenario.name == "429-retry-after-3600s":
        assert measure.waits == []  # it did not sleep: the error carries the advice
    if scenario.waits is not None:
        assert scenario.waits(measure.waits), measure.waits
    if scenario.max_traced_bytes is not None:
        assert measure.peak_bytes < scenario.max_traced_bytes, measure.peak_bytes


@pytest.mark.parametrize(("vendor", "scenario"), _scenario_params())
def test_fault_sync(
    vendor: str, scenario: Scenario, server: LoopbackServer, elsewhere: LoopbackServer | None, fault: FaultRecord
) -> None:
    server.replies.extend(scenario.replies(vendor, elsewhere))
    result: Any
    with sync_client(vendor, server) as client, _Measure(scenario) as measure:
        try:
            result = client.update_order(ORDER_IDS[vendor], notes=NOTES, timeout=scenario.timeout_s)
        except StorefrontError as error:
            result = error
    _assert_outcome(vendor, scenario=scenario, result=result, measure=measure, server=server, elsewhere=elsewhere)
    fault.survived()


@pytest.mark.anyio
@pytest.mark.parametrize(("vendor", "scenario"), _scenario_params())
async def test_fault_async(
    vendor: str, scenario: Scenario, server: LoopbackServer, elsewhere: LoopbackServer | None, fault: FaultRecord
) -> None:
    server.replies.extend(scenario.replies(vendor, elsewhere))
    result: Any
    async with async_client(vendor, server) as client:
        with _Measure(scenario) as measure:
            try:
                result = await client.update_order(ORDER_IDS[vendor], notes=NOTES, timeout=scenario.timeout_s)
            except StorefrontError as error:
                result = error
    _assert_outcome(vendor, scenario=scenario, result=result, measure=measure, server=server, elsewhere=elsewhere)
    fault.survived()
