"""cProfile of ``Client.update_order`` against the benchmark server: ``python -m tests.benchmarks.profile_call``.

Prints the functions with the most own time and the most cumulative time per call, to find what the facade adds
over httpx. ``--large`` profiles the 1,000-line-item response instead of the small one.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats

import storefronts

from .payloads import API_KEY, NOTES, ORDER_ID
from .server import BenchServer


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.profile_call", description=__doc__)
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--large", action="store_true", help="profile the 1,000-line-item order")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    order_id = "large" if args.large else ORDER_ID
    calls = max(1, args.calls // 50) if args.large else args.calls
    with BenchServer() as server, storefronts.Client("bitbybit", api_key=API_KEY, base_url=server.base_url) as client:
        for _ in range(200 if not args.large else 5):
            client.update_order(order_id, notes=NOTES)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(calls):
            client.update_order(order_id, notes=NOTES)
        profiler.disable()
    for sort in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats(sort).print_stats(args.top)
        print(f"== {calls} calls, sorted by {sort} ==")
        print(out.getvalue())


if __name__ == "__main__":
    main()
