"""Fixtures of the bulk and rate-limit tests: a real redis-server, sandboxes with many orders."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator

import pytest
import redis

from storefronts.testing import SandboxServer
from tests.bulk.redis_server import RedisServer, redis_server_binary
from tests.support.vendors import VENDORS

__all__ = ["VENDORS"]  # the bulk tests import it from here


def add_orders(server: SandboxServer, count: int, prefix: str = "bulk") -> list[str]:
    """``count`` more orders in the sandbox (copies of its first seed order), their ids in the vendor's form."""
    seed = next(iter(server.orders.values()))
    id_field = "_id" if "_id" in seed else "id"
    ids = []
    for n in range(count):
        order_id = f"{n + 0xB0000:024x}" if id_field == "_id" else f"ord_{prefix}{n:06d}"
        server.orders[order_id] = copy.deepcopy(seed) | {id_field: order_id}
        ids.append(order_id)
    return ids


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
