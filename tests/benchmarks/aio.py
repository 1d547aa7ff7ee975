"""Async throughput on aiohttp's pool: ``python -m tests.benchmarks.aio URL``, in a fresh interpreter. Prints JSON.

Four contestants, each with a fresh client per run and the same pool limits (``DEFAULT_CONNECTION_LIMITS``), at
each concurrency: ``AsyncClient`` on ``DefaultAioHttpClient``, ``AsyncClient`` on httpx's default transport, raw
httpx on the aiohttp transport (``httpx_aiohttp.HttpxAiohttpClient``), and raw aiohttp. Updates per second and
client CPU per update (the server is another process), and how many updates failed: every failure is counted,
none stops the run, so a pool that times out under load shows as failures rather than as a crash.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import httpx
from httpx_aiohttp import HttpxAiohttpClient

import storefronts
from storefronts._constants import DEFAULT_CONNECTION_LIMITS

from .payloads import API_KEY, NOTES, ORDER_ID

CONTESTANTS = ("ours_aiohttp", "ours_default", "raw_httpx_aiohttp", "raw_aiohttp")
WARMUP = 300


async def _drive(call: Callable[[], Awaitable[None]], total: int, concurrency: int) -> tuple[float, int]:
    """Seconds to complete ``total`` calls with ``concurrency`` in flight, and how many raised."""
    remaining = total
    failed = 0

    async def worker() -> None:
        nonlocal remaining, failed
        while remaining > 0:
            remaining -= 1
            try:
                await call()
            except Exception:
                failed += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started, failed


async def _contestant(kind: str, base_url: str) -> tuple[Callable[[], Awaitable[None]], Callable[[], Awaitable[None]]]:
    """The call to time and how to close what it uses."""
    url = f"{base_url}/orders/{ORDER_ID}"
    if kind in ("ours_aiohttp", "ours_default"):
        http = storefronts.DefaultAioHttpClient() if kind == "ours_aiohttp" else None
        facade = storefronts.AsyncClient("bitbybit", api_key=API_KEY, base_url=base_url, http_client=http)

        async def facade_call() -> None:
            order = await facade.update_order(ORDER_ID, notes=NOTES)
            assert order.id == ORDER_ID

        return facade_call, facade.aclose
    if kind == "raw_httpx_aiohttp":
        raw = HttpxAiohttpClient(headers={"x-api-key": API_KEY}, limits=DEFAULT_CONNECTION_LIMITS)

        async def raw_call() -> None:
            response = await raw.put(url, json={"notes": NOTES})
            response.raise_for_status()
            assert json.loads(response.content)["data"]["id"] == ORDER_ID

        return raw_call, raw.aclose
    session = aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=DEFAULT_CONNECTION_LIMITS.max_connections or 0),
        headers={"x-api-key": API_KEY},
    )

    async def aiohttp_call() -> None:
        async with session.put(url, json={"notes": NOTES}) as response:
            response.raise_for_status()
            assert json.loads(await response.read())["data"]["id"] == ORDER_ID

    return aiohttp_call, session.close


async def _run(kind: str, base_url: str, total: int, concurrency: int) -> dict[str, Any]:
    call, close = await _contestant(kind, base_url)
    try:
        await _drive(call, WARMUP, concurrency)
        gc.collect()
        cpu_started = time.process_time()
        seconds, failed = await _drive(call, total, concurrency)
        cpu = time.process_time() - cpu_started
        return {"updates_per_s": total / seconds, "cpu_us_per_update": cpu / total * 1e6, "failed": failed}
    finally:
        await close()


async def _measure(base_url: str, total: int, concurrency: int, repeats: int) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind in CONTESTANTS}
    for repeat in range(repeats):
        for kind in CONTESTANTS if repeat % 2 == 0 else tuple(reversed(CONTESTANTS)):  # ABBA: drift cancels
            runs[kind].append(await _run(kind, base_url, total, concurrency))
    return {
        "updates": total,
        "concurrency": concurrency,
        "repeats": repeats,
        "updates_per_s": {kind: statistics.median(r["updates_per_s"] for r in runs[kind]) for kind in CONTESTANTS},
        "cpu_us_per_update": {
            kind: statistics.median(r["cpu_us_per_update"] for r in runs[kind]) for kind in CONTESTANTS
        },
        "failed": {kind: sum(r["failed"] for r in runs[kind]) for kind in CONTESTANTS},
        "all_runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.aio", description=__doc__)
    parser.add_argument("base_url")
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[32, 256])
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    results = {
        str(concurrency): asyncio.run(_measure(args.base_url, args.updates, concurrency, args.repeats))
        for concurrency in args.concurrency
    }
    json.dump({"httpx": httpx.__version__, "aiohttp": aiohttp.__version__, "by_concurrency": results}, sys.stdout)


if __name__ == "__main__":
    main()
