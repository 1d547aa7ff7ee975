"""Shared pieces of the reliability tests: per-vendor payloads, a fast backoff, the documented time bound, the
async transports, and the ``faults: N scenarios, N survived, 0 lost`` line printed at the end of the session.

Both async transports, in one place: every async test here that builds its client with :func:`async_client` runs
once per transport in ``ASYNC_TRANSPORTS`` (test ids end in ``[httpx]`` or ``[aiohttp]``): httpx's default pool,
and aiohttp's through ``storefronts.DefaultAioHttpClient``. ``pytest_generate_tests`` finds them by the name
``async_client`` in the test's code, so a new async suite gets both transports by using the helper; a test that
makes its client otherwise (a caller's own httpx client) runs once. Sync tests have one transport, httpx's.
"""

from __future__ import annotations

import inspect
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

import storefronts
from storefronts import _retries
from tests.support import summary
from tests.support.loopback import LoopbackServer
from tests.support.vendors import VENDORS
from tests.vendors import SECRET_MARKER, table

__all__ = ["SECRET_MARKER", "VENDORS"]  # the suites import them from here

ORDER_ID = "ord_1001"  # the id of the real vendors' small orders: for tests that use one of them as an example
NOTES = "left at the door"

# From the vendors' tables (tests/vendors/<vendor>.py): credentials with SECRET_MARKER in every part (a test
# greps for it), a successful update in each vendor's own envelope, and a 404 as each vendor writes it with the
# (code, message) the NotFoundError must carry.
API_KEYS: dict[str, Any] = {vendor: table(vendor).marked_key for vendor in VENDORS}
OK_BODIES: dict[str, dict[str, Any]] = {
    vendor: table(vendor).ok(**{table(vendor).notes_field: NOTES}) for vendor in VENDORS
}
NOT_FOUND_BODIES: dict[str, dict[str, Any]] = {vendor: table(vendor).not_found_body() for vendor in VENDORS}
NOT_FOUND_EXPECTED: dict[str, tuple[str | None, str]] = {vendor: table(vendor).not_found for vendor in VENDORS}

# -- per-vendor forms of what the suites send: ids, credential parts, the forms a secret takes -----------------
# ORDER_ID above is of the three real vendors' form only; a vendor whose adapter checks its ids (tinywoo's are
# numbers) refuses it before sending. The id each table's small_order carries is one of the vendor's own form, and
# the one OK_BODIES answer with.
ORDER_IDS: dict[str, str] = {vendor: str(table(vendor).small_order[table(vendor).order_id_field]) for vendor in VENDORS}
"""The order id a vendor-parametrised test updates: ``OK_BODIES[vendor]`` carries it, so the Order reads it back."""


def key_parts(key: str | tuple[str, ...]) -> tuple[str, ...]:
    """A credential's parts: one key, or a key and secret."""
    return (key,) if isinstance(key, str) else tuple(key)


def credential_header(vendor: str, key: str | tuple[str, ...]) -> tuple[str, str]:
    """The (header, value) that carries ``key`` on the wire for ``vendor``, as its table says (Bearer, Basic, ...)."""
    return table(vendor).auth(key_parts(key))


def secrets(vendor: str, key: str | tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Every form of ``key`` (by default ``API_KEYS[vendor]``) that must never show: each part on its own, and the
    credential as the vendor's header carries it (HTTP Basic's base64 of ``key:secret``), without its scheme."""
    parts = key_parts(API_KEYS[vendor] if key is None else key)
    _, value = table(vendor).auth(parts)
    return tuple(dict.fromkeys((*parts, value.rpartition(" ")[2])))


SECRETS: dict[str, tuple[str, ...]] = {vendor: secrets(vendor) for vendor in VENDORS}
"""Every form of ``API_KEYS[vendor]`` that must never show (see :func:`secrets`)."""


def echo(vendor: str, key: str | tuple[str, ...] | None = None) -> str:
    """What a server quoting the credential it refuses sends back: every form of it, apart (a vendor quoting only
    the secret must not get it through), so each must be redacted on its own."""
    return " ".join(secrets(vendor, key))


# Backoff while the fault suite runs: the policy's shape (doubling, capped, jittered) with small numbers.
FAST_INITIAL_RETRY_DELAY_S = 0.02
FAST_MAX_RETRY_DELAY_S = 0.08

# What a loaded 2-core machine may add to the documented bound: thread scheduling, interpreter start of a pool.
SLACK_S = 1.0


def ok_json(vendor: str) -> bytes:
    return json.dumps(OK_BODIES[vendor]).encode()


def backoff_sum_s(max_retries: int) -> float:
    """The most the backoff sleeps over ``max_retries`` retries, read from the constants the code reads now."""
    return sum(
        min(_retries.INITIAL_RETRY_DELAY_S * 2.0**retry, _retries.MAX_RETRY_DELAY_S) for retry in range(max_retries)
    )


def worst_case_s(attempt_budget_s: float, max_retries: int, advised_waits_s: float = 0.0) -> float:
    """The documented worst case of one call: every attempt uses its whole budget, every retry sleeps its longest
    backoff, plus whatever Retry-After waits (each at most MAX_RETRY_AFTER_S) the server asked for."""
    return attempt_budget_s * (max_retries + 1) + backoff_sum_s(max_retries) + advised_waits_s


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def _session_servers() -> Iterator[tuple[LoopbackServer, LoopbackServer]]:
    """Two servers for the whole session: starting and stopping one per test would cost a third of the suite."""
    with LoopbackServer() as first, LoopbackServer() as second:
        yield first, second


def _fresh(loopback: LoopbackServer) -> Iterator[LoopbackServer]:
    loopback.clear()  # no replies, no recorded requests: a handler still sleeping for a past test holds its own
    yield loopback
    loopback.clear()


@pytest.fixture
def server(_session_servers: tuple[LoopbackServer, LoopbackServer]) -> Iterator[LoopbackServer]:
    """The server our clients talk to, with an empty script and no recorded requests."""
    yield from _fresh(_session_servers[0])


@pytest.fixture
def other_server(_session_servers: tuple[LoopbackServer, LoopbackServer]) -> Iterator[LoopbackServer]:
    """Another host (another port): where a redirect points, or a caller's client goes on its own."""
    yield from _fresh(_session_servers[1])


@pytest.fixture
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """``backoff_delay`` reads these module globals at call time, so patching them shortens every backoff."""
    monkeypatch.setattr(_retries, "INITIAL_RETRY_DELAY_S", FAST_INITIAL_RETRY_DELAY_S)
    monkeypatch.setattr(_retries, "MAX_RETRY_DELAY_S", FAST_MAX_RETRY_DELAY_S)


def sync_client(vendor: str, server: LoopbackServer, **options: Any) -> storefronts.Client:
    return storefronts.Client(vendor, api_key=API_KEYS[vendor], base_url=server.base_url, **options)


# -- the async transports ---------------------------------------------------------------------------------------

ASYNC_TRANSPORTS = ("httpx", "aiohttp")
_current_transport = {"name": ASYNC_TRANSPORTS[0]}  # the tests of a session run one at a time


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    function = metafunc.function
    if inspect.iscoroutinefunction(function) and "async_client" in function.__code__.co_names:
        metafunc.parametrize("transport", ASYNC_TRANSPORTS, indirect=True)


@pytest.fixture(autouse=True)
def transport(request: pytest.FixtureRequest) -> Iterator[str]:
    """The transport :func:`async_client` builds on in this test (see the module docstring)."""
    name: str = getattr(request, "param", ASYNC_TRANSPORTS[0])
    _current_transport["name"] = name
    yield name
    _current_transport["name"] = ASYNC_TRANSPORTS[0]


def async_http_client(transport: str | None = None) -> storefronts.DefaultAioHttpClient | None:
    """The ``http_client=`` an AsyncClient gets on ``transport`` (this test's by default): None for httpx's own."""
    if (transport or _current_transport["name"]) == "aiohttp":
        return storefronts.DefaultAioHttpClient()
    return None


def async_client(vendor: str, server: LoopbackServer, **options: Any) -> storefronts.AsyncClient:
    """An AsyncClient for ``vendor`` at ``server`` on this test's transport (a given ``http_client`` wins)."""
    options.setdefault("http_client", async_http_client())
    options.setdefault("base_url", server.base_url)
    return storefronts.AsyncClient(vendor, api_key=API_KEYS[vendor], **options)


# -- the one-line report ---------------------------------------------------------------------------------------


@dataclass
class FaultLedger:
    """Every fault scenario run this session, and whether it reached its documented outcome in bounded time."""

    outcomes: dict[str, bool] = field(default_factory=dict)

    def start(self, scenario: str) -> None:
        self.outcomes[scenario] = False  # lost until it says otherwise

    def survived(self, scenario: str) -> None:
        self.outcomes[scenario] = True

    def survived_count(self) -> int:
        return sum(self.outcomes.values())


@pytest.fixture(scope="session")
def fault_ledger(request: pytest.FixtureRequest) -> Iterator[FaultLedger]:
    ledger = FaultLedger()
    yield ledger
    # the line itself is printed once for the whole run (tests/support/summary.py), whichever workers ran these
    summary.add(request.config, "faults", {"scenarios": len(ledger.outcomes), "survived": ledger.survived_count()})


@pytest.fixture
def fault(fault_ledger: FaultLedger, request: pytest.FixtureRequest) -> Iterator[FaultRecord]:
    """One fault scenario: registered as lost when it starts, survived once the test calls ``record.survived()``."""
    record = FaultRecord(fault_ledger, request.node.nodeid)
    fault_ledger.start(record.scenario)
    yield record


@dataclass
class FaultRecord:
    ledger: FaultLedger
    scenario: str
    started: float = field(default_factory=time.monotonic)

    def survived(self) -> None:
        self.ledger.survived(self.scenario)
