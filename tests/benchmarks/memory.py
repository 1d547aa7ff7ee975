"""RSS growth over many sequential updates, in a fresh interpreter: ``python -m tests.benchmarks.memory URL``.

Run by ``run.py`` in a subprocess, so the other figures' allocations (and the arenas they free) do not hide or
inflate the growth. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys

import storefronts

from .payloads import API_KEY, NOTES, ORDER_ID

_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.memory", description=__doc__)
    parser.add_argument("base_url")
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--warmup", type=int, default=500)
    args = parser.parse_args()
    samples = []
    with storefronts.Client("bitbybit", api_key=API_KEY, base_url=args.base_url) as client:
        for _ in range(args.warmup):
            client.update_order(ORDER_ID, notes=NOTES)
        gc.collect()
        before = rss_bytes()
        step = max(1, args.calls // 10)
        for index in range(1, args.calls + 1):
            order = client.update_order(ORDER_ID, notes=NOTES)
            if index % step == 0:
                samples.append(rss_bytes() - before)
        assert order.id == ORDER_ID
        gc.collect()
        after = rss_bytes()
    json.dump(
        {
            "calls": args.calls,
            "warmup": args.warmup,
            "rss_before_bytes": before,
            "rss_after_bytes": after,
            "growth_bytes": after - before,
            "growth_every_tenth_bytes": samples,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
