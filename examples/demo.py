"""The main job, end to end: update an order on each vendor through the public facade, then show them side by side.

By default it runs against the project's own sandbox vendor servers (``storefronts.testing``), so it needs no
credentials: ``make demo``. ``--live`` targets the real vendors with the keys in BITBYBIT_API_KEY,
SALESIVE_APP_TOKEN and LAUNCHMYSTORE_ACCESS_TOKEN and the order ids given with ``--order VENDOR=ID``.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from typing import Any

from rich.console import Console
from rich.table import Table

from storefronts import Client, Order, OrderStatus, UnsupportedUpdateError, Vendor
from storefronts.testing import sandbox  # the `testing` extra, installed by `make install`

# What the demo asks of every vendor; each vendor takes what it can, and the rest shows the typed refusal.
NOTES = "Leave at the door"
STATUS = OrderStatus.CANCELLED
TAGS = ["VIP", "gift"]


@contextlib.contextmanager
def vendor_target(vendor: Vendor, live: bool, order_ids: dict[str, str]) -> Iterator[tuple[Client, str]]:
    """A client and an order id: the sandbox's first seeded order, or the live vendor and the given id."""
    if live:
        with Client(vendor) as client:
            yield client, order_ids[vendor.value]
        return
    with sandbox(vendor.value) as server, Client(vendor, api_key=server.api_key, base_url=server.base_url) as client:
        yield client, next(iter(server.orders))


def update(client: Client, order_id: str) -> tuple[Order, list[str]]:
    """Send every field of the demo this vendor supports; say which ones it does not."""
    wanted: dict[str, Any] = {"notes": NOTES, "status": STATUS, "tags": TAGS}
    supported = {name: value for name, value in wanted.items() if name in client.supported_updates}
    skipped = sorted(set(wanted) - set(supported))
    return client.update_order(order_id, **supported), skipped


def show_refusal(console: Console, client: Client, order_id: str) -> None:
    """One deliberately unsupported field, to show the error a caller gets (and that nothing is sent)."""
    unsupported = next(name for name in ("shipping_cost", "tags", "status") if name not in client.supported_updates)
    value: Any = {"shipping_cost": 1500, "tags": TAGS, "status": STATUS}[unsupported]
    try:
        client.update_order(order_id, **{unsupported: value})
    except UnsupportedUpdateError as error:
        console.print(f"  [yellow]UnsupportedUpdateError[/]: {error}")


def table(orders: list[Order]) -> Table:
    grid = Table(title="The same order, three vendors (normalised by storefronts)")
    grid.add_column("field", style="bold")
    for order in orders:
        grid.add_column(order.vendor.value)
    rows = ["id", "number", "status", "payment_status", "fulfillment_status", "notes", "tags", "email", "total"]
    for name in rows:
        grid.add_row(name, *(_cell(getattr(order, name)) for order in orders))
    grid.add_row("updated_at", *(_cell(order.updated_at) for order in orders))
    grid.add_row("line items", *(str(len(order.line_items)) for order in orders))
    return grid


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "-"
    return str(getattr(value, "value", value))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--live", action="store_true", help="use the real vendors (needs credentials)")
    parser.add_argument("--order", action="append", default=[], metavar="VENDOR=ID", help="order id per vendor")
    args = parser.parse_args(argv)
    order_ids = dict(item.split("=", 1) for item in args.order)
    if args.live and set(order_ids) != {v.value for v in Vendor}:
        parser.error("--live needs --order VENDOR=ID for bitbybit, salesive and launchmystore")

    console = Console()
    orders = []
    for vendor in Vendor:
        with vendor_target(vendor, args.live, order_ids) as (client, order_id):
            console.print(f"[bold]{vendor.value}[/]: updating order {order_id}")
            order, skipped = update(client, order_id)
            if skipped:
                console.print(f"  {vendor.value} does not take: {', '.join(skipped)} (not sent)")
            show_refusal(console, client, order_id)
            orders.append(order)
    console.print(table(orders))
    return 0


if __name__ == "__main__":
    sys.exit(main())
