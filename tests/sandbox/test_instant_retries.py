"""storefronts.testing.instant_retries(): retries decided as in production, none of their waits slept."""

from __future__ import annotations

import asyncio
import threading

import pytest

from storefronts import AsyncClient, Client, Vendor, _waits
from storefronts.errors import RateLimitError
from storefronts.testing import SandboxServer, instant_retries, sandbox
from tests.support.vendors import VENDORS
from tests.vendors import table

# The retries under test are the facade's, which no vendor changes: every vendor whose updates take notes runs them.
NOTED = [vendor for vendor in VENDORS if "notes" in table(vendor).supported]


def an_order(server: SandboxServer) -> str:
    return table(server.vendor).sandbox_order_id


def test_a_vendor_runs_these_tests() -> None:
    assert NOTED


@pytest.mark.parametrize("vendor", NOTED)
def test_the_waits_a_client_decides_on_are_recorded_not_slept(vendor: str) -> None:
    with (
        sandbox(vendor) as server,
        Client(Vendor(vendor), api_key=server.credential, base_url=server.base_url) as client,
    ):
        server.fail_next(1, status=503, retry_after=30)
        server.fail_next(1, status=429, retry_after=45)
        with instant_retries() as waits:
            order = client.update_order(an_order(server), notes="gift")
    assert order.notes == "gift"
    assert waits == [30.0, 45.0]  # the vendor's advice, obeyed in order; a real wait would have taken 75 s
    assert len(server.requests) == 3


@pytest.mark.parametrize("vendor", NOTED)
def test_a_wait_beyond_the_cap_is_still_refused_rather_than_recorded(vendor: str) -> None:
    with (
        sandbox(vendor) as server,
        Client(Vendor(vendor), api_key=server.credential, base_url=server.base_url) as client,
    ):
        server.fail_next(1, status=429, retry_after=3600)
        with instant_retries() as waits, pytest.raises(RateLimitError) as raised:
            client.update_order(an_order(server), notes="x")
    assert waits == []
    assert raised.value.retry_after == 3600


def test_the_real_waiter_is_back_after_the_block_even_when_it_raised() -> None:
    before = _waits._current
    with pytest.raises(ZeroDivisionError), instant_retries():
        assert type(_waits._current) is not _waits.Waiter
        1 / 0  # noqa: B018
    assert _waits._current is before
    assert type(before) is _waits.Waiter


@pytest.mark.parametrize("vendor", NOTED)
def test_backoff_waits_from_every_thread_are_recorded(vendor: str) -> None:
    with (
        sandbox(vendor) as server,
        Client(Vendor(vendor), api_key=server.credential, base_url=server.base_url) as client,
    ):
        server.fail_next(8, status=502)
        with instant_retries() as waits:
            threads = [
                threading.Thread(
                    target=client.update_order, args=(an_order(server),), kwargs={"notes": "n", "max_retries": 8}
                )
                for _ in range(4)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    assert len(waits) == 8 and all(wait > 0 for wait in waits)  # one backoff after each of the 8 refusals


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", NOTED)
async def test_async_retries_skip_the_wait_but_stay_a_cancellation_point(vendor: str) -> None:
    async with (
        sandbox(vendor) as server,
        AsyncClient(Vendor(vendor), api_key=server.credential, base_url=server.base_url) as client,
    ):
        server.fail_next(1, status=503, retry_after=20)
        with instant_retries() as waits:
            order = await client.update_order(an_order(server), notes="async")
        assert waits == [20.0]
        assert order.notes == "async"

        server.fail_next(100, status=503, retry_after=20)
        with instant_retries():
            task = asyncio.ensure_future(client.update_order(an_order(server), notes="never", max_retries=100))
            while not server.requests or len(server.requests) < 4:
                await asyncio.sleep(0)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
        sent = len(server.requests)
    assert sent < 100  # cancelled between attempts, not after all of them


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_the_pytest_fixture_gives_each_test_instant_retries(pytester: pytest.Pytester) -> None:
    vendor = NOTED[0]  # one pytest run in process is enough: the fixture knows no vendor
    pytester.makeconftest('pytest_plugins = ["storefronts.testing.pytest_plugin"]')
    pytester.makepyfile(
        f"""
        from storefronts import Client

        def test_retry({vendor}_sandbox, storefronts_instant_retries):
            server = {vendor}_sandbox
            server.fail_next(2, status=503, retry_after=50)
            with Client({vendor!r}, api_key=server.credential, base_url=server.base_url) as client:
                client.update_order({table(vendor).sandbox_order_id!r}, notes="x")
            assert storefronts_instant_retries == [50.0, 50.0]
        """
    )
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)
