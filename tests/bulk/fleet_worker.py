"""One worker process of a fleet: ``python -m tests.bulk.fleet_worker OPTIONS`` prints ``ready``, waits for a line
on stdin (so that the test starts every process at once), runs ``update_orders`` and prints a JSON summary."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

import httpx

from storefronts import Client
from tests.vendors import table

WARM_UP_ORDER = "warm-up"
"""The order the warm-up requests go to: no sandbox has it, and the rate tests leave its requests out."""


def warm_up_key(vendor: str) -> str | tuple[str, str]:
    """A valid credential of ``vendor`` that is not the sandbox's (which starts with a fresh one of its own)."""
    return table(vendor).api_key


def warm_up(http: httpx.Client, vendor: str, base_url: str, concurrency: int) -> None:
    """Open ``concurrency`` connections before the measured run, as a long-running worker has them. A first
    connection is slower than the others (the server starts a thread for it), so a burst on cold connections
    reaches the vendor out of the order it left in. The key is not the shop's: it spends none of its budget."""
    client = Client(vendor, api_key=warm_up_key(vendor), base_url=base_url, http_client=http, max_retries=0)
    client.update_orders([(WARM_UP_ORDER, {"notes": "x"})] * concurrency, concurrency=concurrency)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vendor", required=True)
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--rate-limit", required=True)
    parser.add_argument("--storage", required=True)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--max-retries", type=int, default=2)
    parser.add_argument("--ids", required=True, help="comma-separated order ids")
    args = parser.parse_args()
    items = [(order_id, {"notes": "fleet"}) for order_id in args.ids.split(",")]
    with httpx.Client() as http:
        warm_up(http, args.vendor, args.base_url, args.concurrency)
        client = Client(
            args.vendor,
            api_key=args.api_key,
            base_url=args.base_url,
            rate_limit=args.rate_limit,
            rate_limit_storage=args.storage,
            max_retries=args.max_retries,
            http_client=http,
        )
        print("ready", flush=True)
        sys.stdin.readline()
        results = client.update_orders(items, concurrency=args.concurrency)
    errors = Counter(type(result.error).__name__ for result in results if not result.ok)
    print(json.dumps({"ok": sum(result.ok for result in results), "errors": dict(errors)}), flush=True)


if __name__ == "__main__":
    main()
