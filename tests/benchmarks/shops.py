"""Shop clients, in a fresh interpreter: ``python -m tests.benchmarks.shops URL``. Prints one JSON object.

What a service holding one key per merchant pays per shop: the time to build a ``with_options(api_key=...)`` copy,
the RSS that 10,000 of them hold, and the sockets that 10,000 calls spread over them open (one pool for all: at most
as many as calls in flight, and no more than the pool keeps alive). A fresh interpreter, so the other figures'
allocations neither hide nor inflate the growth.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

import storefronts
from storefronts._constants import DEFAULT_CONNECTION_LIMITS

from .memory import rss_bytes
from .payloads import API_KEY, NOTES, ORDER_ID

# calls in flight while the sockets are counted: within the pool's keep-alive limit, so none is closed and reopened
THREADS = 16
BUILD_BATCHES = 5


def _connections(base_url: str) -> int:
    return int(httpx.get(f"{base_url}/__connections").content)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.shops", description=__doc__)
    parser.add_argument("base_url")
    parser.add_argument("--shops", type=int, default=10_000)
    args = parser.parse_args()
    keys = [f"bench-shop-{shop:05d}" for shop in range(args.shops)]
    with storefronts.Client("bitbybit", api_key=API_KEY, base_url=args.base_url) as base:
        base.update_order(ORDER_ID, notes=NOTES)  # the first call loads what every later one shares
        for key in keys[:200]:
            base.with_options(api_key=key)
        per_copy_ms = []
        batch = keys[: max(1, args.shops // BUILD_BATCHES)]
        for _ in range(BUILD_BATCHES):
            started = time.perf_counter()
            for key in batch:
                base.with_options(api_key=key)
            per_copy_ms.append((time.perf_counter() - started) / len(batch) * 1e3)
        gc.collect()
        before = rss_bytes()
        shops = [base.with_options(api_key=key) for key in keys]
        gc.collect()
        growth = rss_bytes() - before

        opened_before = _connections(args.base_url)

        def update(shop: storefronts.Client) -> None:
            assert shop.update_order(ORDER_ID, notes=NOTES).id == ORDER_ID

        with ThreadPoolExecutor(THREADS) as pool:
            list(pool.map(update, shops))
        opened = _connections(args.base_url) - opened_before - 1  # the count's own request came on a new one
    json.dump(
        {
            "shops": args.shops,
            "copy_build_ms": statistics.median(per_copy_ms),
            "copy_build_ms_batches": per_copy_ms,
            "rss_growth_bytes": growth,
            "calls": len(shops),
            "threads": THREADS,
            "sockets_opened": opened,
            "keepalive_limit": DEFAULT_CONNECTION_LIMITS.max_keepalive_connections,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
