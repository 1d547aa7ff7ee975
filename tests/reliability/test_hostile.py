"""A hostile server, byte for byte: every call ends with an Order or a StorefrontError, in bounded time and memory.

hypothesis draws whole responses (``tests.support.hostile``): informational preambles, any status, every framing
(Content-Length right, short, long, duplicated, conflicting, negative, junk, beside chunked; chunked valid, with
bogus extensions, bad sizes, unterminated, with trailers; close-delimited), every stack of content codings applied
as declared or mislabelled, compression bombs past the cap, and payloads plain, truncated, nested, invalid UTF-8
or binary. Each is served on a raw socket to every vendor, sync, and async on both transports (httpx's default
pool and aiohttp's, ``ASYNC_TRANSPORTS``): vendor, mode and transport are drawn with the response, so the
example count stays the suite's whatever the number of dimensions.

``make test`` runs ``DEFAULT_EXAMPLES``; ``make fuzz`` sets ``STOREFRONTS_FUZZ_EXAMPLES`` and prints one line:
``hostile: N responses, N typed, 0 raw, worst call X s, peak RSS +Y MiB``.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storefronts
from storefronts.errors import StorefrontError
from tests.reliability.conftest import API_KEYS, ASYNC_TRANSPORTS, VENDORS, async_http_client, worst_case_s
from tests.support.hostile import HostileResponse, hostile_responses
from tests.support.rawserver import RawServer, reply

DEFAULT_EXAMPLES = 200
EXAMPLES = int(os.environ.get("STOREFRONTS_FUZZ_EXAMPLES", DEFAULT_EXAMPLES))

CAP = 256 * 1024  # the bombs reach 256 times this: an unbounded decode would show in the RSS bound below
TIMEOUT = httpx.Timeout(1.0)
MAX_RETRIES = 0
# The documented worst case of one call, plus what a loaded 2-core machine adds: a correctness bound, not a goal.
SLACK_S = 2.0
WORST_CALL_S = worst_case_s(TIMEOUT.read or 0.0, MAX_RETRIES) + SLACK_S
# Peak RSS growth during one call: two copies of a body at the cap, and room for the interpreter's own churn.
RSS_ALLOWANCE_MIB = 2 * CAP / 2**20 + 16


def _status_kib(field_name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    raise LookupError(field_name)


def _reset_peak_rss() -> None:
    """Linux resets VmHWM (the peak RSS) to the current RSS when "5" is written to clear_refs."""
    Path("/proc/self/clear_refs").write_text("5")


@dataclass
class Ledger:
    responses: int = 0
    typed: int = 0
    raw: list[str] = field(default_factory=list)
    worst_s: float = 0.0
    peak_mib: float = 0.0  # the largest growth of the peak RSS during one call

    def line(self) -> str:
        return (
            f"hostile: {self.responses} responses, {self.typed} typed, {len(self.raw)} raw, "
            f"worst call {self.worst_s:.2f} s, peak RSS +{self.peak_mib:.1f} MiB"
        )


class Harness:
    """One raw server, a sync client per vendor and an async one per vendor and transport (the async ones on one
    event loop), and the ledger."""

    def __init__(self, server: RawServer) -> None:
        self.server = server
        self.ledger = Ledger()
        self.runner = asyncio.Runner()
        options: dict[str, Any] = {"base_url": server.base_url, "timeout": TIMEOUT, "max_retries": MAX_RETRIES}
        options["max_response_bytes"] = CAP
        self.sync = {vendor: storefronts.Client(vendor, api_key=API_KEYS[vendor], **options) for vendor in VENDORS}

        async def make() -> dict[tuple[str, str], storefronts.AsyncClient]:
            return {
                (vendor, transport): storefronts.AsyncClient(
                    vendor, api_key=API_KEYS[vendor], http_client=async_http_client(transport), **options
                )
                for vendor in VENDORS
                for transport in ASYNC_TRANSPORTS
            }

        self.async_ = self.runner.run(make())

    def call(self, vendor: str, mode: str, transport: str) -> object:
        if mode == "sync":
            return self.sync[vendor].update_order("ord_1", notes="n")
        return self.runner.run(self.async_[vendor, transport].update_order("ord_1", notes="n"))

    def close(self) -> None:
        for client in self.sync.values():
            client.close()

        async def close_async() -> None:
            for client in self.async_.values():
                await client.aclose()

        self.runner.run(close_async())
        self.runner.close()


@pytest.fixture(scope="module")
def harness() -> Iterator[Harness]:
    with RawServer() as server:
        harness = Harness(server)
        try:
            yield harness
        finally:
            harness.close()
    print("\n" + harness.ledger.line())  # `make fuzz` runs pytest with -s: this is its one line


def _case(data: st.DataObject) -> tuple[str, str, str, HostileResponse]:
    vendor = data.draw(st.sampled_from(VENDORS), label="vendor")
    mode = data.draw(st.sampled_from(["sync", "async"]), label="mode")
    # sync calls have one transport, httpx's own
    transport = data.draw(st.sampled_from(ASYNC_TRANSPORTS), label="transport") if mode == "async" else "httpx"
    return vendor, mode, transport, data.draw(hostile_responses(vendor, CAP), label="response")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_hostile_response_ends_in_an_order_or_a_typed_error_in_bounded_time(
    harness: Harness, data: st.DataObject
) -> None:
    vendor, mode, transport, response = _case(data)
    case = f"{vendor} {mode} {transport}: {response.summary}"
    harness.server.script = reply(response.wire)
    ledger = harness.ledger
    ledger.responses += 1
    _reset_peak_rss()
    rss_before = _status_kib("VmRSS")
    started = time.monotonic()
    try:
        outcome: object = harness.call(vendor, mode, transport)
    except StorefrontError as error:
        outcome = error
    except Exception as error:  # the property: nothing else ever escapes
        ledger.raw.append(f"{case}: {error!r}")
        raise AssertionError(f"raw {type(error).__name__} for {case}") from error
    elapsed = time.monotonic() - started
    grown_mib = (_status_kib("VmHWM") - rss_before) / 1024
    ledger.worst_s = max(ledger.worst_s, elapsed)
    ledger.peak_mib = max(ledger.peak_mib, grown_mib)
    assert isinstance(outcome, storefronts.Order | StorefrontError), outcome
    ledger.typed += 1
    assert elapsed < WORST_CALL_S, f"{elapsed:.2f}s for {case}"
    assert grown_mib < RSS_ALLOWANCE_MIB, f"+{grown_mib:.1f} MiB for {case}"


def test_an_unbounded_decode_would_show_in_the_memory_bound(harness: Harness) -> None:
    """The bound above can fail: decoding a bomb the way httpx does (in one piece) grows the RSS past it."""
    import zlib

    from tests.support.hostile import bomb

    _reset_peak_rss()
    rss_before = _status_kib("VmRSS")
    decoded = zlib.decompress(bomb(("gzip",), 256 * CAP), 16 + zlib.MAX_WBITS)
    grown_mib = (_status_kib("VmHWM") - rss_before) / 1024
    assert len(decoded) == 256 * CAP
    assert grown_mib > RSS_ALLOWANCE_MIB
