"""update_orders on both twins, every vendor, against the sandbox: validation first, order kept, failures isolated,
interrupts stop the sending. No real time is asserted; waits are on conditions with a deadline."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storefronts
from storefronts import AsyncClient, Client, OrderStatus, UpdateResult
from storefronts._adapter import UPDATE_FIELDS
from storefronts._base_client import PreparedUpdate
from storefronts._bulk import prepare
from storefronts.errors import InvalidUpdateError, NotFoundError, StorefrontError, UnsupportedUpdateError
from storefronts.testing import SandboxServer, sandbox
from tests.bulk.conftest import VENDORS, add_orders, missing_order_id
from tests.facade.support import SAMPLES
from tests.vendors import table

MODES = ("sync", "async")
# How long a condition the test waits for may take on a loaded 2-core machine.
DEADLINE_S = 10.0
UNUSED_URL = "http://127.0.0.1:9"  # nothing listens there: the tests that use it expect nothing to be sent


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.005)


@pytest.fixture(params=VENDORS)
def server(request: pytest.FixtureRequest) -> Iterator[SandboxServer]:
    with sandbox(request.param) as running:
        yield running


def _client(mode: str, server: SandboxServer, **options: Any) -> Any:
    twin = Client if mode == "sync" else AsyncClient
    return twin(server.vendor, api_key=server.credential, base_url=server.base_url, **options)


def bulk(mode: str, server: SandboxServer, items: Any, **options: Any) -> list[UpdateResult]:
    """update_orders on a fresh client of ``mode``, closed afterwards."""
    client_options = {key: options.pop(key) for key in list(options) if key.startswith("rate_limit")}
    if mode == "sync":
        with _client(mode, server, **client_options) as client:
            results: list[UpdateResult] = client.update_orders(items, **options)
            return results

    async def main() -> list[UpdateResult]:
        async with _client(mode, server, **client_options) as client:
            results: list[UpdateResult] = await client.update_orders(items, **options)
            return results

    return asyncio.run(main())


def _unsupported_update(vendor: str) -> dict[str, Any]:
    """One update_order argument the vendor does not take (its table's ``wire`` lists those it does), with a value
    a vendor that takes it would accept."""
    unsupported = [name for name in UPDATE_FIELDS if name not in table(vendor).supported]
    if not unsupported:
        pytest.skip(f"{vendor} takes every update_order argument")
    return {unsupported[0]: SAMPLES[unsupported[0]]}


@pytest.mark.parametrize("mode", MODES)
def test_every_entry_gets_its_result_in_input_order_and_only_valid_ones_are_sent(
    mode: str, server: SandboxServer
) -> None:
    ids = add_orders(server, 24)
    expected = table(server.vendor)
    missing = missing_order_id(server)
    items: list[Any] = [(order_id, {"notes": f"bulk {n}"}) for n, order_id in enumerate(ids)]
    bad = {
        3: ("", {"notes": "empty id"}),
        7: (ids[0], dict(expected.invalid_update)),
        11: (ids[1], _unsupported_update(server.vendor)),
        13: (ids[2], {"no_such_field": 1}),
        17: 42,
        19: (ids[3], "notes=x"),
        21: (missing, {"notes": "nobody"}),
    }
    for position, item in bad.items():
        items.insert(position, item)
    seen: list[UpdateResult] = []

    results = bulk(mode, server, items, concurrency=5, on_result=seen.append)

    assert len(results) == len(items)
    assert sorted(map(id, seen)) == sorted(map(id, results))  # on_result saw every result, once
    for position, (item, result) in enumerate(zip(items, results, strict=True)):
        expected_id = item[0] if isinstance(item, tuple) else None
        assert result.order_id == expected_id, position
        if position in bad:
            assert not result.ok and result.order is None
            assert isinstance(result.error, StorefrontError)
        else:
            assert result.ok and result.error is None and result.order is not None
            assert result.order.id == item[0] and result.order.notes == item[1]["notes"]
    assert isinstance(results[3].error, InvalidUpdateError)
    assert isinstance(results[7].error, InvalidUpdateError)
    assert isinstance(results[11].error, UnsupportedUpdateError)
    assert isinstance(results[13].error, InvalidUpdateError) and "no_such_field" in str(results[13].error)
    assert isinstance(results[17].error, InvalidUpdateError) and "items[17]" in str(results[17].error)
    assert isinstance(results[19].error, InvalidUpdateError) and "items[19]" in str(results[19].error)
    assert isinstance(results[21].error, NotFoundError)
    # one request per entry that validation let through: the 24 orders and the missing one; nothing else
    sent = sorted(request.order_id or "" for request in server.requests)
    assert sent == sorted([*ids, missing])
    for n, order_id in enumerate(ids):
        assert server.orders[order_id][expected.notes_field] == f"bulk {n}"


@pytest.mark.parametrize("mode", MODES)
def test_nothing_is_sent_when_every_entry_is_invalid_or_there_are_none(mode: str, server: SandboxServer) -> None:
    assert bulk(mode, server, []) == []
    results = bulk(mode, server, [("", {"notes": "x"}), (next(iter(server.orders)), {})])
    assert [type(result.error) for result in results] == [InvalidUpdateError, InvalidUpdateError]
    assert server.requests == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "items", ["ord_1", b"ord_1", {"ord_1": {"notes": "x"}}, 42, None], ids=["str", "bytes", "dict", "int", "none"]
)
def test_items_that_are_not_a_list_of_pairs_are_refused_at_once(mode: str, server: SandboxServer, items: Any) -> None:
    with pytest.raises(InvalidUpdateError, match="items"):
        bulk(mode, server, items)
    assert server.requests == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("concurrency", [0, -1, True, 1.5, "4", None])
def test_a_concurrency_that_is_not_a_positive_whole_number_is_refused(
    mode: str, server: SandboxServer, concurrency: Any
) -> None:
    with pytest.raises(InvalidUpdateError, match="concurrency"):
        bulk(mode, server, [(next(iter(server.orders)), {"notes": "x"})], concurrency=concurrency)
    with pytest.raises(InvalidUpdateError, match="on_result"):
        bulk(mode, server, [(next(iter(server.orders)), {"notes": "x"})], on_result="print")
    assert server.requests == []


ARGUMENT_SETS: list[dict[str, Any]] = [
    {},
    {"notes": 5},
    {"status": "shipped"},
    {"status": OrderStatus.UNKNOWN},
    {"email": "not-an-email"},
    {"tags": "one,two"},
    {"shipping_cost": float("nan")},
    {"discount": -3},
    {"shipping_address": {"planet": "Mars"}},
    {"notes": "\ud800"},
    {"status": OrderStatus.CANCELLED, "tags": ["x"], "email": "a@example.com"},
]


@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize("arguments", ARGUMENT_SETS)
def test_an_entry_fails_exactly_as_update_order_would(vendor: str, arguments: dict[str, Any]) -> None:
    expected = table(vendor)
    with Client(vendor, api_key=expected.api_key, base_url=UNUSED_URL) as client:
        with pytest.raises(StorefrontError) as raised:
            client.update_order(expected.sandbox_order_id, **arguments)
        [result] = client.update_orders([(expected.sandbox_order_id, arguments)])
    assert type(result.error) is type(raised.value)
    assert str(result.error) == str(raised.value)


_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary() | st.sampled_from(OrderStatus),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)
_fields = st.dictionaries(
    st.sampled_from([*storefronts._adapter.UPDATE_FIELDS, "bogus"]) | st.text(max_size=4), _values, max_size=4
)
_items = st.lists(
    st.tuples(st.text(max_size=6) | st.integers() | st.none(), _fields) | _values | st.lists(_values, max_size=3),
    max_size=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=_items, vendor=st.sampled_from(VENDORS))
def test_any_python_value_as_an_entry_is_either_ready_to_send_or_a_typed_error(items: list[Any], vendor: str) -> None:
    client = Client(vendor, api_key=table(vendor).api_key, base_url=UNUSED_URL)
    entries = prepare(client, items)
    assert len(entries) == len(items)
    for entry in entries:
        if isinstance(entry, UpdateResult):
            assert not entry.ok and isinstance(entry.error, StorefrontError)
        else:
            assert isinstance(entry, PreparedUpdate)


# -- concurrency ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_no_more_than_concurrency_updates_are_in_flight(mode: str, server: SandboxServer) -> None:
    ids = add_orders(server, 16)
    server.latency = 0.03
    lock = threading.Lock()
    in_flight = [0, 0]  # now, most

    def started(request: httpx.Request) -> None:
        with lock:
            in_flight[0] += 1
            in_flight[1] = max(in_flight[1], in_flight[0])

    def finished(response: httpx.Response) -> None:
        with lock:
            in_flight[0] -= 1

    items = [(order_id, {"notes": "x"}) for order_id in ids]
    if mode == "sync":
        with httpx.Client(event_hooks={"request": [started], "response": [finished]}) as http:
            client = Client(server.vendor, api_key=server.credential, base_url=server.base_url, http_client=http)
            results = client.update_orders(items, concurrency=3)
    else:

        async def astarted(request: httpx.Request) -> None:
            started(request)

        async def afinished(response: httpx.Response) -> None:
            finished(response)

        async def main() -> list[UpdateResult]:
            hooks = {"request": [astarted], "response": [afinished]}
            async with httpx.AsyncClient(event_hooks=hooks) as http:
                client = AsyncClient(
                    server.vendor, api_key=server.credential, base_url=server.base_url, http_client=http
                )
                return await client.update_orders(items, concurrency=3)

        results = asyncio.run(main())
    assert all(result.ok for result in results)
    assert 2 <= in_flight[1] <= 3


# -- stopping ------------------------------------------------------------------------------------------------


class Enough(Exception):
    pass


def _bulk_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("storefronts-update-orders-")]


def test_on_result_raising_stops_the_sync_run_and_the_client_stays_usable(server: SandboxServer) -> None:
    ids = add_orders(server, 40)
    server.latency = 0.02
    concurrency = 4
    at_raise: list[int] = []

    def on_result(result: UpdateResult) -> None:
        if len(at_raise) == 0 and result.ok:
            at_raise.append(len(server.requests))
            raise Enough

    with Client(server.vendor, api_key=server.credential, base_url=server.base_url) as client:
        with pytest.raises(Enough):
            client.update_orders(
                [(order_id, {"notes": "x"}) for order_id in ids], concurrency=concurrency, on_result=on_result
            )
        wait_until(lambda: not _bulk_threads())  # attempts on the wire finish in the background
        sent = len(server.requests)
        # no worker starts an attempt once stopped; one that had passed its check as the stop came may still send
        assert sent <= at_raise[0] + concurrency < len(ids)
        assert client.update_order(ids[-1], notes="after").notes == "after"


def test_keyboard_interrupt_stops_the_sync_run_promptly(server: SandboxServer) -> None:
    ids = add_orders(server, 30)
    server.latency = 0.1
    concurrency = 3
    at_signal: list[int] = []

    def interrupt() -> None:
        wait_until(lambda: len(server.requests) >= concurrency)
        at_signal.append(len(server.requests))
        os.kill(os.getpid(), signal.SIGINT)  # KeyboardInterrupt in the main thread, as Ctrl-C gives it

    helper = threading.Thread(target=interrupt)
    with Client(server.vendor, api_key=server.credential, base_url=server.base_url) as client:
        helper.start()
        with pytest.raises(KeyboardInterrupt):
            client.update_orders([(order_id, {"notes": "x"}) for order_id in ids], concurrency=concurrency)
        helper.join()
        wait_until(lambda: not _bulk_threads())
        assert len(server.requests) <= at_signal[0] + concurrency < len(ids)
        assert client.update_order(ids[-1], notes="after").notes == "after"


class Counted:
    """An AsyncClient on an httpx client that counts the attempts it starts (its request hook runs before sending)."""

    def __init__(self, server: SandboxServer) -> None:
        self.started = 0

        async def count(request: httpx.Request) -> None:
            self.started += 1

        self.http = httpx.AsyncClient(event_hooks={"request": [count]})
        self.client = AsyncClient(
            server.vendor, api_key=server.credential, base_url=server.base_url, http_client=self.http
        )


def test_cancelling_the_async_run_cancels_every_worker_and_starts_nothing_more(server: SandboxServer) -> None:
    ids = add_orders(server, 30)
    server.latency = 0.1

    async def main() -> None:
        counted = Counted(server)
        async with counted.http:
            items = [(order_id, {"notes": "x"}) for order_id in ids]
            task = asyncio.create_task(counted.client.update_orders(items, concurrency=3))
            deadline = time.monotonic() + DEADLINE_S
            while len(server.requests) < 3:
                assert time.monotonic() < deadline
                await asyncio.sleep(0.005)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            started = counted.started
            assert started < len(ids)
            assert asyncio.all_tasks() == {asyncio.current_task()}  # no worker left to start anything
            assert (await counted.client.update_order(ids[-1], notes="after")).notes == "after"

    asyncio.run(main())


def test_on_result_raising_stops_the_async_run(server: SandboxServer) -> None:
    ids = add_orders(server, 30)
    server.latency = 0.02

    async def main() -> None:
        counted = Counted(server)
        async with counted.http:
            seen: list[UpdateResult] = []

            async def on_result(result: UpdateResult) -> None:
                seen.append(result)
                if len(seen) == 3:
                    raise Enough

            items = [(order_id, {"notes": "x"}) for order_id in ids]
            with pytest.raises(Enough):
                await counted.client.update_orders(items, concurrency=4, on_result=on_result)
            started = counted.started
            assert started < len(ids)
            assert asyncio.all_tasks() == {asyncio.current_task()}

    asyncio.run(main())


@pytest.mark.parametrize("mode", MODES)
def test_an_error_that_is_not_a_storefront_error_stops_the_run_and_propagates(mode: str, server: SandboxServer) -> None:
    ids = add_orders(server, 20)

    class HookBug(Exception):
        pass

    def hook(request: httpx.Request) -> None:
        raise HookBug

    async def ahook(request: httpx.Request) -> None:
        raise HookBug

    items = [(order_id, {"notes": "x"}) for order_id in ids]
    with pytest.raises(HookBug):
        if mode == "sync":
            with httpx.Client(event_hooks={"request": [hook]}) as http:
                Client(
                    server.vendor, api_key=server.credential, base_url=server.base_url, http_client=http
                ).update_orders(items, concurrency=2)
        else:

            async def main() -> None:
                async with httpx.AsyncClient(event_hooks={"request": [ahook]}) as http:
                    client = AsyncClient(
                        server.vendor, api_key=server.credential, base_url=server.base_url, http_client=http
                    )
                    await client.update_orders(items, concurrency=2)

            asyncio.run(main())
    assert server.requests == []
