"""The README quickstart, run against the sandbox vendors from an installed storefront-clients.

``make release-check`` and ``tests/release`` copy this file out of the repository and run it with a clean venv's
interpreter: ``python quickstart.py EXPECTED_VERSION``. With the ``testing`` extra installed it starts the sandbox
itself; without it, the caller runs a sandbox and passes ``QUICKSTART_VENDOR``, ``QUICKSTART_BASE_URL``,
``QUICKSTART_API_KEY`` and ``QUICKSTART_ORDER_ID``. It prints one line per update and exits non-zero on any surprise.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import sys
from pathlib import Path

import storefronts
from storefronts import AsyncClient, Client, OrderStatus

VENDORS = tuple(vendor.value for vendor in storefronts.Vendor)  # the installed package's own list
NOTE = "Customer asked"


def check_installed(expected_version: str) -> None:
    if storefronts.__version__ != expected_version:
        sys.exit(f"quickstart: storefronts {storefronts.__version__} is installed, expected {expected_version}")
    where = Path(storefronts.__file__).resolve()
    if "site-packages" not in where.parts:
        sys.exit(f"quickstart: storefronts was imported from {where}, not from an installed distribution")
    for name in ("bitbybit_client", "salesive_client", "launchmystore_client"):
        if importlib.util.find_spec(name) is not None:
            sys.exit(f"quickstart: the distribution installs a top-level {name} package")


def update(vendor: str, base_url: str, api_key: str, order_id: str) -> None:
    # the README's quickstart, with the sandbox's address and credential
    with Client(vendor, api_key=api_key, base_url=base_url) as client:
        cancels = "status" in client.supported_updates  # LaunchMyStore's status is not set by an update
        if cancels:
            order = client.update_order(order_id, status=OrderStatus.CANCELLED, notes=NOTE)
        else:
            order = client.update_order(order_id, notes=NOTE)
    print(vendor, "sync", order.id, order.status, order.total, order.notes)
    if order.notes != NOTE or (cancels and order.status is not OrderStatus.CANCELLED):
        sys.exit(f"quickstart: {vendor} answered status={order.status!r} notes={order.notes!r}")

    async def update_async() -> str | None:
        async with AsyncClient(vendor, api_key=api_key, base_url=base_url) as client:
            order = await client.update_order(order_id, notes=NOTE + " again")
        return order.notes

    notes = asyncio.run(update_async())
    print(vendor, "async", notes)
    if notes != NOTE + " again":
        sys.exit(f"quickstart: {vendor} (async) answered notes={notes!r}")


def main() -> None:
    check_installed(sys.argv[1])
    print("storefronts", storefronts.__version__, "from", Path(storefronts.__file__).parent)
    if "QUICKSTART_BASE_URL" in os.environ:
        update(
            os.environ["QUICKSTART_VENDOR"],
            os.environ["QUICKSTART_BASE_URL"],
            os.environ["QUICKSTART_API_KEY"],
            os.environ["QUICKSTART_ORDER_ID"],
        )
        return
    from storefronts.testing import sandbox  # the testing extra

    for vendor in VENDORS:
        with sandbox(vendor) as server:
            update(vendor, server.base_url, server.api_key, next(iter(server.orders)))


if __name__ == "__main__":
    main()
