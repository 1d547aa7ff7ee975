"""The main job, end to end: update an order on each vendor through the public facade, then show them side by side.

By default it runs against the project's own sandbox vendor servers (``storefronts.testing``), so it needs no
credentials and changes nothing real: ``make demo``. On each sandbox's first order it sets the notes, the status
CANCELLED and the tags (each vendor takes what it can; the rest shows the typed refusal, sending nothing).

``--live`` targets the real vendors given with ``--order VENDOR=ID`` (keys from BITBYBIT_API_KEY,
SALESIVE_APP_TOKEN, LAUNCHMYSTORE_ACCESS_TOKEN; a vendor whose stores each have their own host also needs
``--base-url VENDOR=URL``). It only prints the plan (method, URL, headers with the key masked,
body) and sends nothing, unless ``--apply`` is also given. What ``--live --apply`` changes on each given order: its
notes (overwritten with ``--notes``) and, on LaunchMyStore, its tags (replaced by ``--tags``, when given); its status
only when ``--status`` is given. Nothing else.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from typing import Any, get_args

from rich.console import Console
from rich.table import Table

from storefronts import (
    Client,
    ConfigurationError,
    Order,
    OrderStatus,
    OrderStatusName,
    OrderUpdate,
    UnsupportedUpdateError,
    Vendor,
)
from storefronts.testing import sandbox  # the `testing` extra, installed by `make install`

# What the sandbox run asks of every vendor; each vendor takes what it can, and the rest shows the typed refusal.
NOTES = "Leave at the door"
STATUS = OrderStatus.CANCELLED
TAGS = ["VIP", "gift"]


@contextlib.contextmanager
def vendor_target(
    vendor: Vendor, live: bool, order_ids: dict[str, str], base_urls: dict[str, str]
) -> Iterator[tuple[Client, str]]:
    """A client and an order id: the sandbox's first seeded order, or the live vendor (at its default host unless
    ``--base-url`` names one) and the given id."""
    if live:
        with Client(vendor, base_url=base_urls.get(vendor.value)) as client:
            yield client, order_ids[vendor.value]
        return
    with sandbox(vendor.value) as server, Client(vendor, api_key=server.credential, base_url=server.base_url) as client:
        yield client, next(iter(server.orders))


def wanted_updates(args: argparse.Namespace) -> OrderUpdate:
    """The sandbox run changes a status by default (nothing real); a live run only when --status says so."""
    wanted: OrderUpdate = {"notes": args.notes}
    if args.tags is not None:
        wanted["tags"] = args.tags
    elif not args.live:
        wanted["tags"] = TAGS
    if args.status is not None:
        wanted["status"] = args.status
    elif not args.live:
        wanted["status"] = STATUS
    return wanted


def supported(client: Client, wanted: OrderUpdate) -> tuple[OrderUpdate, list[str]]:
    """The part of ``wanted`` this vendor takes, and the names of the fields it does not."""
    taken: OrderUpdate = {}
    for name, value in wanted.items():
        if name in client.supported_updates:
            taken[name] = value  # type: ignore[literal-required]
    return taken, sorted(set(wanted) - set(taken))


def show_refusal(console: Console, client: Client, order_id: str) -> None:
    """One deliberately unsupported field, to show the error a caller gets; planned only, so nothing is ever sent."""
    unsupported = next(name for name in ("shipping_cost", "tags", "status") if name not in client.supported_updates)
    value: Any = {"shipping_cost": 1500, "tags": TAGS, "status": STATUS}[unsupported]
    try:
        client.prepare_update(order_id, **{unsupported: value})
    except UnsupportedUpdateError as error:
        console.print(f"  [yellow]UnsupportedUpdateError[/]: {error}")


def show_plan(console: Console, client: Client, order_id: str, update: OrderUpdate) -> None:
    plan = client.prepare_update(order_id, **update)
    console.print(f"  plan: {plan.method} {plan.url}", markup=False, highlight=False)
    for name, value in plan.headers.items():
        console.print(f"    {name}: {value}", markup=False, highlight=False)
    console.print(f"    body: {json.dumps(plan.json, ensure_ascii=False)}", markup=False, highlight=False)


def table(orders: list[Order]) -> Table:
    grid = Table(title=f"The same order, {len(orders)} vendors (normalised by storefronts)")
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


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--live", action="store_true", help="use the real vendors (needs credentials); plan only")
    parser.add_argument(
        "--apply", action="store_true", help="with --live: really send the updates (changes real orders)"
    )
    parser.add_argument("--order", action="append", default=[], metavar="VENDOR=ID", help="a live order, per vendor")
    parser.add_argument(
        "--base-url",
        action="append",
        default=[],
        metavar="VENDOR=URL",
        help="a live store's host, for a vendor without a default one (each store has its own)",
    )
    parser.add_argument("--notes", default=NOTES, help=f"the notes to set (default: {NOTES!r})")
    parser.add_argument("--tags", type=lambda text: text.split(","), metavar="A,B", help="tags to set (replace)")
    parser.add_argument(
        "--status",
        choices=get_args(OrderStatusName),
        metavar="S",
        help="a status to set; a live run changes no status without it",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    order_ids = dict(item.split("=", 1) for item in args.order)
    base_urls = dict(item.split("=", 1) for item in args.base_url)
    for option, given in (("--order", order_ids), ("--base-url", base_urls)):
        unknown = set(given) - {v.value for v in Vendor}
        if unknown:
            cli.error(f"unknown vendor in {option}: {', '.join(sorted(unknown))}")
    if args.live and not order_ids:
        names = ", ".join(vendor.value for vendor in Vendor)
        cli.error(f"--live needs --order VENDOR=ID for each vendor to update ({names})")
    if base_urls and not args.live:
        cli.error("--base-url only means something with --live (the sandbox run uses each sandbox's own URL)")
    if args.apply and not args.live:
        cli.error("--apply only means something with --live (the sandbox run always applies, to sandboxes)")

    console = Console()
    send = not args.live or args.apply
    if not send:
        console.print("[bold]--live without --apply: showing the plan only, nothing is sent[/]")
    wanted = wanted_updates(args)
    orders = []
    for vendor in Vendor:
        if args.live and vendor.value not in order_ids:
            continue
        with contextlib.ExitStack() as stack:
            try:
                client, order_id = stack.enter_context(vendor_target(vendor, args.live, order_ids, base_urls))
            except ConfigurationError as error:  # a per-store host without --base-url, a credential's form...
                console.print(f"[bold]{vendor.value}[/]: skipped, no client can be built: {error}", highlight=False)
                continue
            console.print(f"[bold]{vendor.value}[/]: {'updating' if send else 'would update'} order {order_id}")
            update, skipped = supported(client, wanted)
            if skipped:
                console.print(f"  {vendor.value} does not take: {', '.join(skipped)} (not sent)")
            show_plan(console, client, order_id, update)
            if send:
                orders.append(client.update_order(order_id, **update))
            show_refusal(console, client, order_id)
    if orders:
        console.print(table(orders))
    return 0


if __name__ == "__main__":
    sys.exit(main())
