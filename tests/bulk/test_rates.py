"""Rates against real servers, in real time (these few tests cannot do otherwise; each takes a few seconds): a
fleet of processes sharing one Redis-backed limit, threads and tasks sharing the in-process one, a 429 storm, and
Redis going away mid-run. Bounds are loose enough for a loaded 2-core machine."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import math
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import redis

from storefronts import AsyncClient, Client, RateLimiterUnavailableError, UpdateResult
from storefronts.testing import SandboxServer, sandbox
from tests.bulk.conftest import VENDORS, add_orders
from tests.bulk.fleet_worker import WARM_UP_ORDER, warm_up, warm_up_key
from tests.bulk.redis_server import RedisServer
from tests.vendors import SECRET_MARKER, table

# Requests per second the client may send: low enough that a loaded 2-core machine, running the rest of the suite
# beside these tests, still has the capacity to send that many, so the figures measure the limiter, not the machine.
RATE = 20
WINDOW_S = 1.0
TOLERANCE = 0.10  # the aggregate rate the sandbox sees stays within 10 % of RATE
# How much later one request may arrive than another sent at the same moment, on a loaded 2-core machine.
ARRIVAL_JITTER_S = 0.25
# The vendor counts arrivals, the limiter counts departures. When every RATE consecutive arrivals span at least
# WINDOW_S - ARRIVAL_JITTER_S (what assert_rate checks), a window of arrivals can hold RATE for each such span that
# starts inside it: the sandbox accepts that many, so a 429 after the first window means the limiter let more go
# than the gap bound allows, whatever the machine's load.
VENDOR_SLACK = math.ceil(WINDOW_S / (WINDOW_S - ARRIVAL_JITTER_S))
PROCESS_START_S = 60.0
# Rates, timing and Redis are the same code for every vendor, and each of these tests takes seconds of real time:
# they run on one vendor, any registered one. (test_nothing_in_redis_reveals_a_key, quick, runs on every vendor.)
RATE_VENDOR = VENDORS[0]


@pytest.fixture
def server() -> Iterator[SandboxServer]:
    with sandbox(RATE_VENDOR, rate_limit=RATE * VENDOR_SLACK) as running:
        yield running


def _shop_requests(server: SandboxServer) -> list[Any]:
    return [request for request in server.requests if request.order_id != WARM_UP_ORDER]


def assert_rate(server: SandboxServer, expected_total: int) -> None:
    """Never more than RATE in a window, RATE ± 10 % as a rate, and no 429 after the first window.

    The limiter bounds departures: a slot is used again only once a window has passed since its last use, so the
    (i + RATE)-th request leaves at least WINDOW_S after the i-th. The sandbox sees arrivals, each late by a transit
    time that a loaded machine stretches by up to ARRIVAL_JITTER_S: every such gap is at least WINDOW_S minus that.
    The rate is RATE over the median gap: within 10 % of RATE when the median gap is within 10 % of WINDOW_S (a
    median, so a burst a loaded machine sends slowly moves a few gaps, not the figure)."""
    requests = _shop_requests(server)
    times = sorted(request.received_at for request in requests if not request.refused)
    assert len(times) == expected_total
    gaps = [later - earlier for earlier, later in zip(times, times[RATE:], strict=False)]
    assert min(gaps) >= WINDOW_S - ARRIVAL_JITTER_S, min(gaps)
    assert abs(statistics.median(gaps) - WINDOW_S) <= TOLERANCE * WINDOW_S, statistics.median(gaps)
    late_refusals = [r.received_at for r in requests if r.refused and r.received_at >= times[0] + WINDOW_S]
    assert late_refusals == []


def _fleet(
    server: SandboxServer, redis_url: str, id_sets: list[list[str]], *, concurrency: int = 4, max_retries: int = 2
) -> list[subprocess.Popen[str]]:
    processes = []
    for ids in id_sets:
        command = [
            sys.executable,
            "-m",
            "tests.bulk.fleet_worker",
            f"--vendor={server.vendor}",
            f"--api-key={server.api_key}",
            f"--base-url={server.base_url}",
            f"--rate-limit={RATE}/second",
            f"--storage={redis_url}",
            f"--concurrency={concurrency}",
            f"--max-retries={max_retries}",
            f"--ids={','.join(ids)}",
        ]
        processes.append(subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1))
    for process in processes:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
    return processes


def _go(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.write("go\n")
    process.stdin.flush()


def _summary(process: subprocess.Popen[str]) -> dict[str, Any]:
    out, _ = process.communicate(timeout=PROCESS_START_S)
    assert process.returncode == 0
    summary: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return summary


def test_four_processes_share_one_redis_limit(server: SandboxServer, redis_url: str) -> None:
    per_process = 30
    ids = add_orders(server, 4 * per_process)
    fleet = _fleet(server, redis_url, [ids[n::4] for n in range(4)])
    for process in fleet:
        _go(process)
    summaries = [_summary(process) for process in fleet]
    assert [summary["ok"] for summary in summaries] == [per_process] * 4
    assert_rate(server, 4 * per_process)


@pytest.mark.parametrize("mode", ["threads", "tasks"])
def test_threads_and_tasks_share_the_in_process_limit(server: SandboxServer, mode: str) -> None:
    ids = add_orders(server, 3 * RATE)
    items = [(order_id, {"notes": mode}) for order_id in ids]
    concurrency = 8
    options: dict[str, Any] = {"api_key": server.api_key, "base_url": server.base_url, "rate_limit": f"{RATE}/second"}
    if mode == "threads":
        with httpx.Client() as http:
            warm_up(http, server.vendor, server.base_url, concurrency)
            results = Client(server.vendor, http_client=http, **options).update_orders(items, concurrency=concurrency)
    else:

        async def main() -> list[UpdateResult]:
            async with httpx.AsyncClient() as http:
                warm = [(WARM_UP_ORDER, {"notes": "x"})] * concurrency
                await AsyncClient(
                    server.vendor, api_key=warm_up_key(server.vendor), base_url=server.base_url, http_client=http
                ).update_orders(warm, concurrency=concurrency)
                client = AsyncClient(server.vendor, http_client=http, **options)
                return await client.update_orders(items, concurrency=concurrency)

        results = asyncio.run(main())
    assert all(result.ok for result in results)
    assert_rate(server, len(ids))


def test_a_429_storm_pauses_every_worker_of_every_process(redis_url: str) -> None:
    retry_after = 1
    in_flight_s = 0.25  # requests already on their way when the first 429 came
    with sandbox(RATE_VENDOR) as server:
        ids = add_orders(server, 24)
        early, late = [ids[0:8], ids[8:16]], ids[16:24]
        fleet = _fleet(server, redis_url, [*early, late], concurrency=2, max_retries=6)
        server.throttle(2.0, retry_after=retry_after)
        for process in fleet[:2]:
            _go(process)
        connection = redis.Redis.from_url(redis_url)
        deadline = time.monotonic() + PROCESS_START_S
        while not any(key.endswith(b"/paused") for key in connection.scan_iter()):  # a worker got a 429 and said so
            assert time.monotonic() < deadline
            time.sleep(0.005)
        connection.close()
        _go(fleet[2])  # a worker that has had no 429 of its own must wait for the pause too
        summaries = [_summary(process) for process in fleet]
    assert [summary["ok"] for summary in summaries] == [8, 8, 8]
    first_refusal = min(r.received_at for r in server.requests if r.refused)
    arrivals = [r.received_at for r in server.requests]
    assert not [t for t in arrivals if first_refusal + in_flight_s < t < first_refusal + retry_after - in_flight_s]
    late_arrivals = [r.received_at for r in server.requests if r.order_id in late]
    assert min(late_arrivals) >= first_refusal + retry_after - 0.05


def _sent_per_order(server: SandboxServer) -> Counter[str]:
    return Counter(request.order_id or "" for request in server.requests)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("fallback", [None, "memory"])
def test_redis_going_away_mid_run(own_redis: RedisServer, mode: str, fallback: str | None) -> None:
    with sandbox(RATE_VENDOR) as server:
        ids = add_orders(server, 45)
        items = [(order_id, {"notes": "redis away"}) for order_id in ids]
        finished: list[UpdateResult] = []

        def on_result(result: UpdateResult) -> None:
            finished.append(result)
            if len(finished) == 15:
                own_redis.stop()

        options: dict[str, Any] = {
            "api_key": server.api_key,
            "base_url": server.base_url,
            "rate_limit": "30/second",
            "rate_limit_storage": own_redis.url,
            "rate_limit_fallback": fallback,
        }
        if mode == "sync":
            with Client(server.vendor, **options) as client:
                results = client.update_orders(items, concurrency=3, on_result=on_result)
        else:

            async def main() -> list[UpdateResult]:
                async with AsyncClient(server.vendor, **options) as client:
                    return await client.update_orders(items, concurrency=3, on_result=on_result)

            results = asyncio.run(main())
        sent = _sent_per_order(server)
    assert [result.order_id for result in results] == ids  # nothing lost
    for result in results:
        if result.ok:
            assert sent[result.order_id or ""] == 1  # sent once
        else:
            assert isinstance(result.error, RateLimiterUnavailableError)
            assert sent[result.order_id or ""] == 0  # refused before anything was sent
    failed = sum(not result.ok for result in results)
    if fallback is None:
        assert failed > 0
    else:
        assert failed == 0


def _encodings(secret: str) -> set[str]:
    raw = secret.encode()
    return {
        secret,
        secret.lower(),
        base64.b64encode(raw).decode(),
        base64.urlsafe_b64encode(raw).decode().rstrip("="),
        raw.hex(),
        urllib.parse.quote(secret, safe=""),
        hashlib.sha256(raw).hexdigest(),
        hashlib.sha1(raw).hexdigest(),
        hashlib.md5(raw).hexdigest(),
    }


def _everything_in(connection: redis.Redis) -> list[bytes]:
    found: list[bytes] = []
    for key in connection.scan_iter():
        found.append(key)
        kind = connection.type(key)
        if kind == b"string":
            found.append(connection.get(key) or b"")
        elif kind == b"list":
            found.extend(connection.lrange(key, 0, -1))
        elif kind == b"hash":
            for field, value in connection.hgetall(key).items():
                found.extend((field, value))
        elif kind == b"zset":
            found.extend(member for member, _ in connection.zrange(key, 0, -1, withscores=True))
        elif kind == b"set":
            found.extend(connection.smembers(key))
        else:
            raise AssertionError(f"unexpected Redis type {kind!r}")
    return found


@pytest.mark.parametrize("vendor", VENDORS)
def test_nothing_in_redis_reveals_a_key(vendor: str, redis_url: str) -> None:
    entry = table(vendor)
    credential = entry.marked_key
    parts = (credential,) if isinstance(credential, str) else credential
    # the sandbox holds a key-and-secret credential as one string: its parts joined as HTTP Basic joins them
    held = credential if isinstance(credential, str) else ":".join(credential)
    assert entry.client_credential(held) == credential
    with sandbox(vendor, api_key=held) as server:
        order_id = next(iter(server.orders))
        options = {"rate_limit": "20/second", "rate_limit_storage": redis_url, "max_retries": 0}
        with Client(vendor, api_key=credential, base_url=server.base_url, **options) as client:
            client.update_orders([(order_id, {"notes": "scan"})] * 3)
            server.fail_next(1, 429, retry_after=1)  # the pause is stored too
            [refused] = client.update_orders([(order_id, {"notes": "scan"})])
            assert not refused.ok
    connection = redis.Redis.from_url(redis_url)
    stored = b"\n".join(_everything_in(connection)).decode("latin-1")
    connection.close()
    assert "storefronts" in stored and "paused" in stored  # the scan saw the budget and the pause
    # the whole credential, and each part of it, whole and without the vendor's prefix
    for shown in {held, *parts, *(part[part.index(SECRET_MARKER) :] for part in parts)}:
        for form in _encodings(shown):
            assert form not in stored, form
