"""What the OpenTelemetry hooks cost a call when the ``otel`` extra is installed but no SDK is configured, against
the extra not being there: ``python -m tests.benchmarks.otel_cost URL``. Prints one JSON object.

A fresh interpreter (no tracer provider set, as in a service that installed the extra and configured nothing). Both
contestants are the same client in the same process, alternating in batches: "not installed" is storefronts'
tracing switched to what a failed ``import opentelemetry`` leaves (``_tracing._api = None``), so the only
difference measured is the tracing path of a call.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from typing import Any

import storefronts
from storefronts import _tracing

from .payloads import API_KEY, NOTES, ORDER_ID

BATCH = 50


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.otel_cost", description=__doc__)
    parser.add_argument("base_url")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=300)
    args = parser.parse_args()
    assert _tracing.enabled(), "the otel extra is not installed: nothing to compare"
    installed: Any = _tracing._api
    per_call_ns: dict[str, list[float]] = {"installed_no_sdk": [], "not_installed": []}
    with storefronts.Client("bitbybit", api_key=API_KEY, base_url=args.base_url) as client:
        for _ in range(args.warmup):
            client.update_order(ORDER_ID, notes=NOTES)
        for round_number in range(args.rounds):
            order = ("installed_no_sdk", "not_installed")
            for name in order if round_number % 2 else reversed(order):
                _tracing._api = installed if name == "installed_no_sdk" else None
                started = time.perf_counter_ns()
                for _ in range(BATCH):
                    client.update_order(ORDER_ID, notes=NOTES)
                per_call_ns[name].append((time.perf_counter_ns() - started) / BATCH)
    medians_us = {name: statistics.median(values) / 1000 for name, values in per_call_ns.items()}
    print(
        json.dumps(
            {
                "method": f"{args.rounds} alternating rounds of {BATCH} calls, median per-call time",
                "median_us": medians_us,
                "installed_over_not_installed": medians_us["installed_no_sdk"] / medians_us["not_installed"],
                "added_us": medians_us["installed_no_sdk"] - medians_us["not_installed"],
            }
        )
    )


if __name__ == "__main__":
    main()
