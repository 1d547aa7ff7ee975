"""What the facade tests share: each vendor's wire format, from its table (tests/vendors/<vendor>.py, written out
by hand from specs/<vendor>.yaml), and calling the facade sync or async.

Nothing here is read from the adapters: the tables are the independent expectation the adapters are checked
against (the few table-driven tests that do walk the adapters' own data say so).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from storefronts import (
    Address,
    AsyncClient,
    Client,
    FulfillmentStatus,
    Order,
    OrderStatus,
    PaymentStatus,
    Vendor,
)
from tests.support.loopback import LoopbackServer, Reply
from tests.vendors import table

BITBYBIT, SALESIVE, LAUNCHMYSTORE = Vendor.BITBYBIT, Vendor.SALESIVE, Vendor.LAUNCHMYSTORE
VENDORS: tuple[Vendor, ...] = tuple(Vendor)
MODES = ("sync", "async")
ORDER_ID = "ord_abc123"
"""The order id of the vendor-specific tests (the parametrised ones update :data:`ORDER_IDS`'s)."""
TABLE_ORDER_ID: Any = object()
"""``update``'s default order id: the vendor's table's (None and the like are ids the tests send)."""
STORE_URL = "https://store.example"
"""The ``base_url`` a construction test passes for a vendor without a default (a host per store)."""

# Views of the vendors' tables (tests/vendors/<vendor>.py), by Vendor, for the parametrised suites.
KEYS: dict[Vendor, Any] = {vendor: table(vendor).api_key for vendor in VENDORS}
"""Distinctive keys, so finding one in a message or a repr is never a coincidence."""
ENV_VARS: dict[Vendor, str] = {vendor: table(vendor).env_vars[0] for vendor in VENDORS}
KEY_PARTS: dict[Vendor, tuple[str, ...]] = {vendor: table(vendor).key_parts for vendor in VENDORS}
"""Each vendor's key as its parts (one for most), for checking that none of them shows."""
ORDER_IDS: dict[Vendor, str] = {vendor: table(vendor).order_id for vendor in VENDORS}
"""An order id of each vendor's form."""

UPDATE_FIELDS = (
    "status",
    "payment_status",
    "fulfillment_status",
    "notes",
    "tags",
    "email",
    "phone",
    "shipping_address",
    "billing_address",
    "note_attributes",
    "shipping_cost",
    "discount",
)

# One valid value per update_order argument ...
SAMPLES: dict[str, Any] = {
    "status": OrderStatus.CANCELLED,
    "payment_status": PaymentStatus.PAID,
    "fulfillment_status": FulfillmentStatus.FULFILLED,
    "notes": "Leave at the door",
    "tags": ["VIP", "priority"],
    "email": "ada@example.com",
    "phone": "+1 555 0100",
    "shipping_address": {"address1": "456 Oak Ave", "city": "Los Angeles", "province": "CA", "zip": "90001"},
    "billing_address": Address(first_name="John", last_name="Doe", company="Acme", country="US"),
    "note_attributes": {"gift_wrap": "yes", "delivery_window": "9-12"},
    "shipping_cost": Decimal("15.50"),
    "discount": 5,
}

AXES: dict[str, type[Any]] = {
    "status": OrderStatus,
    "payment_status": PaymentStatus,
    "fulfillment_status": FulfillmentStatus,
}

# ... and, for each vendor that takes it, exactly what its spec says goes into the JSON body.
WIRE: dict[Vendor, Mapping[str, Mapping[str, Any]]] = {vendor: table(vendor).wire for vendor in VENDORS}
SUPPORTED: dict[Vendor, frozenset[str]] = {vendor: table(vendor).supported for vendor in VENDORS}
# canonical -> vendor string, per status axis, for the values a vendor has with the same meaning (and no others).
# Every axis is there: a vendor's table lists only the axes the vendor has.
WRITE_STATUSES: dict[Vendor, Mapping[str, Mapping[Any, str]]] = {
    vendor: {axis: table(vendor).write_statuses.get(axis, {}) for axis in AXES} for vendor in VENDORS
}
STATUS_WIRE_KEY: dict[Vendor, Mapping[str, str]] = {vendor: table(vendor).status_wire_key for vendor in VENDORS}


# -- what the vendors answer ---------------------------------------------------------------------------------


def order_payload(vendor: Vendor) -> dict[str, Any]:
    """A complete order object as the vendor's spec describes it (a fresh copy every call)."""
    return copy.deepcopy(dict(table(vendor).order))


def success_body(vendor: Vendor, order: Any) -> dict[str, Any]:
    """The vendor's 200 envelope around ``order``."""
    return table(vendor).success(order)


def ok(vendor: Vendor, **changes: Any) -> Reply:
    """A 200 carrying the vendor's example order with ``changes`` (vendor field names) applied."""
    order = order_payload(vendor)
    order.update(changes)
    return Reply(json=success_body(vendor, order))


def error_body(vendor: Vendor, status: int, code: str | None, message: str) -> dict[str, Any]:
    """The vendor's error body: bitbybit ``{error}``, the Salesive envelope, LaunchMyStore ``{success, error}``."""
    return table(vendor).error(status, code, message)


def auth_header(vendor: Vendor, parts: tuple[str, ...] | None = None) -> tuple[str, str]:
    """The header (name, value) the vendor's spec puts the credential (by default its table's key) in."""
    return table(vendor).auth(KEY_PARTS[vendor] if parts is None else parts)


def construction_options(vendor: Vendor) -> dict[str, Any]:
    """What building a client of ``vendor`` needs besides its key: a ``base_url`` for a vendor without a default."""
    return {} if table(vendor).default_base_url is not None else {"base_url": STORE_URL}


# -- calling the facade, sync or async ------------------------------------------------------------------------


def client_options(vendor: Vendor, server: LoopbackServer, **options: Any) -> dict[str, Any]:
    return {"api_key": table(vendor).api_key, "base_url": server.base_url, "max_retries": 0, **options}


async def update(
    mode: str,
    vendor: Vendor | str,
    server: LoopbackServer,
    order_id: Any = TABLE_ORDER_ID,
    *,
    options: Mapping[str, Any] | None = None,
    **fields: Any,
) -> Order:
    """``update_order(order_id, **fields)`` through a fresh Client (``mode="sync"``) or AsyncClient; by default
    the order is the vendor's table's :attr:`~tests.vendors.VendorTable.order_id`."""
    settings = client_options(Vendor(vendor), server, **(options or {}))
    if order_id is TABLE_ORDER_ID:
        order_id = table(vendor).order_id
    if mode == "sync":
        with Client(vendor, **settings) as client:
            return client.update_order(order_id, **fields)
    async with AsyncClient(vendor, **settings) as async_client:
        return await async_client.update_order(order_id, **fields)
