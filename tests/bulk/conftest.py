"""Fixtures of the bulk and rate-limit tests: a real redis-server, sandboxes with many orders."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator

import pytest
import redis

from storefronts.testing import SandboxServer
from tests.bulk.redis_server import RedisServer, redis_server_binary
from tests.support.vendors import VENDORS
from tests.vendors import table

__all__ = ["VENDORS"]  # the bulk tests import it from here


# An order number no test adds that many orders to reach: its id names an order the sandbox does not have.
_MISSING_N = 999_999


def _order_ids(server: SandboxServer) -> Callable[[int], str]:
    make = table(server.vendor).bulk_order_id
    if make is None:
        pytest.skip(f"tests/vendors/{server.vendor}.py gives no bulk_order_id to add orders to its sandbox with")
    return make


def add_orders(server: SandboxServer, count: int) -> list[str]:
    """``count`` more orders in the sandbox (copies of its first seed order), their ids in the vendor's form."""
    seed = next(iter(server.orders.values()))
    entry = table(server.vendor)
    id_field = entry.order_id_field
    assert id_field in seed, (id_field, seed)  # the table names the field the vendor's orders have
    make = _order_ids(server)
    start = len(server.orders)
    ids = []
    for n in range(start, start + count):
        order_id = make(n)
        assert order_id not in server.orders, order_id
        server.orders[order_id] = copy.deepcopy(seed) | {id_field: entry.order_id_value(order_id)}
        ids.append(order_id)
    return ids


def missing_order_id(server: SandboxServer) -> str:
    """An id in the vendor's form that names no order of the sandbox."""
    order_id = _order_ids(server)(_MISSING_N)
    assert order_id not in server.orders
    return order_id


def _need_redis() -> None:
    if redis_server_binary() is None:
        message = "redis-server is not installed: `make redis-server` installs it (Debian's redis-server package)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must run these, not skip them
        pytest.skip(message)


@pytest.fixture(scope="session")
def _session_redis() -> Iterator[RedisServer]:
    _need_redis()
    with RedisServer() as server:
        yield server


@pytest.fixture
def redis_url(_session_redis: RedisServer) -> Iterator[str]:
    """A running redis-server's URL, emptied before each test."""
    connection = redis.Redis.from_url(_session_redis.url)
    connection.flushall()
    connection.close()
    yield _session_redis.url


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    """A redis-server of this test alone, which the test may stop."""
    _need_redis()
    with RedisServer() as server:
        yield server
