"""Many shops in one process: ``with_options(api_key=..., base_url=...)`` copies that share one connection pool.

What a service holding one key per merchant relies on: a copy's key goes on the copy's requests and on no other
(checked at a real server, for every request, with 1,000 shops interleaved over 32 threads and over 256 tasks on
both async transports), a copy's key and URL are checked as the constructor checks them, a copy opens no pool of
its own, closing a copy closes nothing, and closing the base makes every copy's call a typed error.
"""

from __future__ import annotations

import asyncio
import functools
import random
import re
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import storefronts
from storefronts import ClientStateError, ConfigurationError
from storefronts._constants import DEFAULT_CONNECTION_LIMITS
from tests.reliability.conftest import (
    API_KEYS,
    NOTES,
    ORDER_ID,
    ORDER_IDS,
    VENDORS,
    async_client,
    credential_header,
    key_parts,
    ok_json,
    sync_client,
)
from tests.support.loopback import LoopbackServer, RecordedRequest, Reply

pytestmark = pytest.mark.anyio

SHOPS = 1_000
THREADS = 32
TASKS = 256
# httpx's own pool spends time quadratic in the tasks waiting for a connection (docs/shops-and-async.md): on it, 128
# tasks (still more than its 100 connections, so requests queue for one as at 256) cost a quarter of the time.
TASKS_ON_HTTPX_POOL = 128
_SHOP_IN_KEY = re.compile(r"shop(\d{4})-")
_SHOP_IN_PATH = re.compile(r"/orders/ord_shop(\d{4})$")


def _shop_key(vendor: str, shop: int) -> Any:
    """A credential of the vendor's form (Salesive's keys start with app_; tinywoo's is a key and a secret), every
    part naming its shop."""
    parts = tuple(f"{part.split('SECRET')[0]}shop{shop:04d}-SECRET-x" for part in key_parts(API_KEYS[vendor]))
    return parts[0] if isinstance(API_KEYS[vendor], str) else parts


def _carries(request: RecordedRequest, vendor: str, key: Any) -> bool:
    """Whether ``request`` holds ``key``: in its vendor's credential header as the vendor sends it, or any part of it
    verbatim in any header."""
    name, value = credential_header(vendor, key)
    held = str(request.headers)
    return request.headers.get(name) == value or any(part in held for part in key_parts(key))


def _always_ok(vendor: str) -> Reply:
    return Reply(200, body=ok_json(vendor), content_type="application/json", repeat=-1)


def _keys_sent(request: RecordedRequest, vendor: str) -> list[int]:
    """The shops whose key this request carried, in any header: verbatim, or as the vendor's credential header
    carries it (tinywoo's HTTP Basic holds the key and secret base64-encoded)."""
    encoded = _shops_by_credential_header(vendor)
    shops = []
    for header, value in request.headers.items():
        found = [int(shop) for shop in _SHOP_IN_KEY.findall(value)]
        shops += found or ([encoded[header, value]] if (header, value) in encoded else [])
    return shops


@functools.cache
def _shops_by_credential_header(vendor: str) -> dict[tuple[str, str], int]:
    return {credential_header(vendor, _shop_key(vendor, shop)): shop for shop in range(SHOPS)}


def _assert_every_request_carries_its_own_shops_key(server: LoopbackServer, vendor: str, shops: int) -> None:
    requests = server.requests
    assert len(requests) == shops
    crossed = []
    for request in requests:
        match = _SHOP_IN_PATH.search(request.raw_path)
        assert match is not None, request.raw_path
        if _keys_sent(request, vendor) != [int(match.group(1))]:
            crossed.append((request.raw_path, _keys_sent(request, vendor)))
    assert crossed == []
    assert sorted(int(_SHOP_IN_PATH.search(r.raw_path).group(1)) for r in requests) == list(range(shops))  # type: ignore[union-attr]


class CountingServer(LoopbackServer):
    """Counts the connections it accepts: what a shared pool must keep bounded."""

    def __init__(self) -> None:
        super().__init__()
        self.accepted = 0

    def _register(self, connection: socket.socket) -> bool:
        with self._lock:
            self.accepted += 1
        return super()._register(connection)


@pytest.fixture
def counting_server() -> Iterator[CountingServer]:
    with CountingServer() as server:
        yield server


# -- whose key goes where ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_copy_sends_its_own_key_and_the_base_keeps_its_own(server: LoopbackServer, vendor: str) -> None:
    server.replies.append(_always_ok(vendor))
    with sync_client(vendor, server) as base:
        shop = base.with_options(api_key=_shop_key(vendor, 7))
        shop.update_order(ORDER_IDS[vendor], notes=NOTES)
        base.update_order(ORDER_IDS[vendor], notes=NOTES)
    shop_request, base_request = server.requests
    assert _keys_sent(shop_request, vendor) == [7]
    assert not _carries(shop_request, vendor, API_KEYS[vendor])
    assert _carries(base_request, vendor, API_KEYS[vendor])
    assert _keys_sent(base_request, vendor) == []


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_copy_with_its_own_base_url_goes_there_with_its_key(
    server: LoopbackServer, other_server: LoopbackServer, vendor: str
) -> None:
    other_server.replies.append(_always_ok(vendor))
    with sync_client(vendor, server) as base:
        store = base.with_options(api_key=_shop_key(vendor, 3), base_url=other_server.url("/store-3"))
        assert store.base_url == other_server.url("/store-3")
        store.update_order(ORDER_IDS[vendor], notes=NOTES)
    assert server.requests == []
    (request,) = other_server.requests
    assert request.raw_path == f"/store-3/orders/{ORDER_IDS[vendor]}"
    assert _keys_sent(request, vendor) == [3]


def test_1000_shops_over_32_threads_never_send_another_shops_key(server: LoopbackServer) -> None:
    vendor = "launchmystore"
    server.replies.append(_always_ok(vendor))
    order = list(range(SHOPS))
    random.Random(18).shuffle(order)  # shops interleaved, not in blocks a thread would own
    with sync_client(vendor, server) as base:
        shops = {shop: base.with_options(api_key=_shop_key(vendor, shop)) for shop in range(SHOPS)}

        def update(shop: int) -> None:
            shops[shop].update_order(f"ord_shop{shop:04d}", notes=NOTES)

        with ThreadPoolExecutor(THREADS) as pool:
            list(pool.map(update, order))
    _assert_every_request_carries_its_own_shops_key(server, vendor, SHOPS)


async def test_1000_shops_over_more_tasks_than_connections_never_send_another_shops_key(
    server: LoopbackServer, transport: str
) -> None:
    vendor = "salesive"
    server.replies.append(_always_ok(vendor))
    order = list(range(SHOPS))
    random.Random(18).shuffle(order)
    tasks = TASKS_ON_HTTPX_POOL if transport == "httpx" else TASKS
    assert tasks > DEFAULT_CONNECTION_LIMITS.max_connections  # requests wait for a connection of the shared pool
    gate = asyncio.Semaphore(tasks)
    async with async_client(vendor, server) as base:
        shops = {shop: base.with_options(api_key=_shop_key(vendor, shop)) for shop in range(SHOPS)}

        async def update(shop: int) -> None:
            async with gate:
                await shops[shop].update_order(f"ord_shop{shop:04d}", notes=NOTES)

        await asyncio.gather(*(update(shop) for shop in order))
    _assert_every_request_carries_its_own_shops_key(server, vendor, SHOPS)


# -- checked as the constructor checks ----------------------------------------------------------------------------


def _constructor_error(vendor: str, **options: Any) -> str:
    with pytest.raises(ConfigurationError) as raised:
        storefronts.Client(vendor, **{"api_key": API_KEYS[vendor], "base_url": "http://127.0.0.1:9", **options})
    return str(raised.value)


def _with_a_newline(vendor: str) -> Any:
    """A credential of the vendor's shape (one key, or a key and secret) whose first part ends in a newline."""
    _, *rest = key_parts(API_KEYS[vendor])
    return "key-with-a-newline\n" if not rest else ("key-with-a-newline\n", *rest)


_REFUSED_OPTIONS: list[dict[str, Any]] = [
    {"api_key": ""},
    {"api_key": _with_a_newline},  # made per vendor below
    {"base_url": "http://shop.example.com"},
    {"base_url": "ftp://127.0.0.1/"},
    {"base_url": "https://shop.example.com/api?x=1"},
    {"timeout": -1},
    {"max_retries": -1},
]


@pytest.mark.parametrize(
    ("vendor", "options"),
    [
        (vendor, {name: value(vendor) if callable(value) else value for name, value in options.items()})
        for vendor in VENDORS
        for options in _REFUSED_OPTIONS
    ]
    + [("salesive", {"api_key": "bbk_not_a_salesive_app_token"})],  # Salesive checks the form of its keys
    ids=repr,
)
def test_a_copy_refuses_what_the_constructor_refuses_with_the_same_message(
    vendor: str, options: dict[str, Any]
) -> None:
    expected = _constructor_error(vendor, **options)
    base = storefronts.Client(vendor, api_key=API_KEYS[vendor], base_url="http://127.0.0.1:9")
    with base, pytest.raises(ConfigurationError) as raised:
        base.with_options(**options)
    assert str(raised.value) == expected
    for key in (*key_parts(API_KEYS[vendor]), *key_parts(options.get("api_key", API_KEYS[vendor]))):
        if len(key) >= 8:
            assert key not in str(raised.value) + repr(raised.value.args)


@pytest.mark.parametrize("twin", ["sync", "async"])
def test_a_copy_without_a_key_never_falls_back_to_the_environment(monkeypatch: pytest.MonkeyPatch, twin: str) -> None:
    # the environment's key belongs to whoever set it, not to the shop whose key was missing (a dict.get miss)
    monkeypatch.setenv("BITBYBIT_API_KEY", "bbk_from_the_environment")
    make = storefronts.Client if twin == "sync" else storefronts.AsyncClient
    base = make("bitbybit", api_key=API_KEYS["bitbybit"], base_url="http://127.0.0.1:9")
    with pytest.raises(ConfigurationError, match="api_key=None"):
        base.with_options(api_key=None)  # type: ignore[arg-type]


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_copy_keeps_what_it_was_not_given(vendor: str) -> None:
    with storefronts.Client(vendor, api_key=API_KEYS[vendor], base_url="http://127.0.0.1:9", timeout=7) as base:
        copy = base.with_options(api_key=_shop_key(vendor, 1))
        assert (copy.vendor, copy.base_url, copy.timeout, copy.max_retries) == (
            base.vendor,
            base.base_url,
            base.timeout,
            base.max_retries,
        )
        shown = repr(copy) + str(copy)
        assert all(part not in shown for part in key_parts(_shop_key(vendor, 1)))


# -- one pool, and who closes it ----------------------------------------------------------------------------------


def test_copies_open_no_connections_of_their_own(counting_server: CountingServer) -> None:
    vendor = "bitbybit"
    counting_server.replies.append(_always_ok(vendor))
    with sync_client(vendor, counting_server) as base:
        base.update_order(ORDER_ID, notes=NOTES)
        for shop in range(50):  # one after another: the one pooled connection serves them all
            base.with_options(api_key=_shop_key(vendor, shop)).update_order(f"ord_shop{shop:04d}", notes=NOTES)
    assert counting_server.accepted == 1


async def test_async_copies_open_no_connections_of_their_own(counting_server: CountingServer) -> None:
    vendor = "salesive"
    counting_server.replies.append(_always_ok(vendor))
    async with async_client(vendor, counting_server) as base:
        await base.update_order(ORDER_ID, notes=NOTES)
        for shop in range(50):
            await base.with_options(api_key=_shop_key(vendor, shop)).update_order(f"ord_shop{shop:04d}", notes=NOTES)
    assert counting_server.accepted == 1


@pytest.mark.parametrize("vendor", VENDORS)
def test_closing_a_copy_closes_nothing_closing_the_base_stops_every_copy(server: LoopbackServer, vendor: str) -> None:
    server.replies.append(_always_ok(vendor))
    base = sync_client(vendor, server)
    first, second = (base.with_options(api_key=_shop_key(vendor, shop)) for shop in (1, 2))
    with first:
        first.update_order(ORDER_IDS[vendor], notes=NOTES)
    second.update_order(ORDER_IDS[vendor], notes=NOTES)  # the pool outlived the copy's `with`
    base.update_order(ORDER_IDS[vendor], notes=NOTES)
    base.close()
    sent = len(server.requests)
    for client in (first, second, base.with_options(api_key=_shop_key(vendor, 3))):
        with pytest.raises(ClientStateError) as raised:
            client.update_order(ORDER_IDS[vendor], notes=NOTES)
        assert "closed" in str(raised.value)
        assert all(part not in str(raised.value) for part in key_parts(_shop_key(vendor, 2)))
    assert len(server.requests) == sent  # nothing was sent


@pytest.mark.parametrize("vendor", VENDORS)
async def test_async_closing_a_copy_closes_nothing_closing_the_base_stops_every_copy(
    server: LoopbackServer, vendor: str
) -> None:
    server.replies.append(_always_ok(vendor))
    base = async_client(vendor, server)
    copy = base.with_options(api_key=_shop_key(vendor, 1))
    async with copy:
        await copy.update_order(ORDER_IDS[vendor], notes=NOTES)
    await base.update_order(ORDER_IDS[vendor], notes=NOTES)
    await base.aclose()
    sent = len(server.requests)
    with pytest.raises(ClientStateError):
        await copy.update_order(ORDER_IDS[vendor], notes=NOTES)
    assert len(server.requests) == sent
