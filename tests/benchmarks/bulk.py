"""Issue 19's figures: update_orders against a hand-written loop of update_order calls with the same concurrency,
sync (threads) and async (tasks), and the rate limiter's own cost per attempt, in memory and in Redis.

Each run gets a fresh client (a fresh pool, see ``measure._async_throughput``); contestants alternate ABBA so that
linear drift in machine load cancels; medians of the runs.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import storefronts
from storefronts._ratelimit import RateLimiter

from .payloads import API_KEY, NOTES, ORDER_ID

WARMUP = 300
# Large enough that no wait ever happens while the limiter's cost is measured.
UNLIMITED = "1000000/hour"


def _items(total: int) -> list[tuple[str, dict[str, Any]]]:
    return [(ORDER_ID, {"notes": NOTES})] * total


def _sync_run(kind: str, base_url: str, total: int, concurrency: int) -> tuple[float, float]:
    """Updates per second of one run on a fresh client, and the client's CPU µs per update (every thread)."""
    with storefronts.Client("bitbybit", api_key=API_KEY, base_url=base_url) as client:

        def hand_written(items: list[tuple[str, dict[str, Any]]]) -> None:
            # what a team writes without update_orders: a pool of threads, one update_order per entry, errors kept
            def one(item: tuple[str, dict[str, Any]]) -> Any:
                try:
                    return client.update_order(item[0], **item[1])
                except storefronts.StorefrontError as error:
                    return error

            with ThreadPoolExecutor(max_workers=concurrency) as pool:
                results = list(pool.map(one, items))
            assert all(isinstance(result, storefronts.Order) for result in results)

        def ours(items: list[tuple[str, dict[str, Any]]]) -> None:
            results = client.update_orders(items, concurrency=concurrency)
            assert all(result.ok for result in results)

        run = ours if kind == "update_orders" else hand_written
        run(_items(WARMUP))
        gc.collect()
        started, cpu_started = time.perf_counter(), time.process_time()
        run(_items(total))
        return total / (time.perf_counter() - started), (time.process_time() - cpu_started) / total * 1e6


async def _async_run(kind: str, base_url: str, total: int, concurrency: int) -> tuple[float, float]:
    async with storefronts.AsyncClient("bitbybit", api_key=API_KEY, base_url=base_url) as client:

        async def hand_written(items: list[tuple[str, dict[str, Any]]]) -> None:
            # a fixed set of tasks pulling from one iterator, as measure._drive does, errors kept
            results: list[Any] = []
            work = iter(items)

            async def worker() -> None:
                for order_id, fields in work:
                    try:
                        results.append(await client.update_order(order_id, **fields))
                    except storefronts.StorefrontError as error:
                        results.append(error)

            await asyncio.gather(*(worker() for _ in range(concurrency)))
            assert all(isinstance(result, storefronts.Order) for result in results)

        async def ours(items: list[tuple[str, dict[str, Any]]]) -> None:
            results = await client.update_orders(items, concurrency=concurrency)
            assert all(result.ok for result in results)

        run = ours if kind == "update_orders" else hand_written
        await run(_items(WARMUP))
        gc.collect()
        started, cpu_started = time.perf_counter(), time.process_time()
        await run(_items(total))
        return total / (time.perf_counter() - started), (time.process_time() - cpu_started) / total * 1e6


def _abba(measure: Callable[[str], tuple[float, float]], repeats: int) -> dict[str, Any]:
    names = ("update_orders", "hand_written")
    rates: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for repeat in range(repeats):
        for name in names if repeat % 2 == 0 else tuple(reversed(names)):
            rate, cpu_us = measure(name)
            rates[name].append(rate)
            cpu[name].append(cpu_us)
    medians = {name: statistics.median(values) for name, values in rates.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    return {
        "updates_per_s": medians,
        "runs": rates,
        "ours_over_hand_written": medians["update_orders"] / medians["hand_written"],
        # CPU is what the code costs; throughput also moves with the share of the 2 cores the run gets
        "cpu_us_per_update": cpu_medians,
        "cpu_runs": cpu,
    }


def bulk_throughput(base_url: str, *, total: int, concurrency: int, repeats: int) -> dict[str, Any]:
    sync = _abba(lambda kind: _sync_run(kind, base_url, total, concurrency), repeats)
    async_ = _abba(lambda kind: asyncio.run(_async_run(kind, base_url, total, concurrency)), repeats)
    return {
        "updates": total,
        "concurrency": concurrency,
        "repeats": repeats,
        "method": f"fresh client per run, {WARMUP}-update warm-up, ABBA order, median",
        "sync": sync,
        "async": async_,
    }


def limiter_overhead(storage: str, *, calls: int) -> dict[str, Any]:
    """Microseconds per attempt the limiter adds (its wait that never waits: the pause check and the hit),
    median of 5 batches; a new shop each batch, so every batch starts with an empty window."""
    limiter = RateLimiter(UNLIMITED, storage)
    batches = []
    for _ in range(5):
        credential = uuid.uuid4().hex
        limiter.wait("bitbybit", credential)  # the connection and the hash cache, outside the timing
        started = time.perf_counter()
        for _ in range(calls):
            limiter.wait("bitbybit", credential)
        batches.append((time.perf_counter() - started) / calls * 1e6)
    return {"storage": storage.partition("://")[0], "calls": calls, "us_per_attempt": statistics.median(batches)}
