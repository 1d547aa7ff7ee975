"""What the facade tests share: each vendor's wire format, written out by hand from specs/<vendor>.yaml.

Nothing here is read from the adapters: these tables are the independent expectation the adapters are checked
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

BITBYBIT, SALESIVE, LAUNCHMYSTORE = Vendor.BITBYBIT, Vendor.SALESIVE, Vendor.LAUNCHMYSTORE
VENDORS = (BITBYBIT, SALESIVE, LAUNCHMYSTORE)
MODES = ("sync", "async")
ORDER_ID = "ord_abc123"

# Distinctive keys, so finding one in a message or a repr is never a coincidence.
KEYS: dict[Vendor, str] = {
    BITBYBIT: "bbb_s3cr3t-K3Y-0001",
    SALESIVE: "app_s3cr3t-K3Y-0002",
    LAUNCHMYSTORE: "lms_s3cr3t-K3Y-0003",
}
ENV_VARS: dict[Vendor, str] = {
    BITBYBIT: "BITBYBIT_API_KEY",
    SALESIVE: "SALESIVE_APP_TOKEN",
    LAUNCHMYSTORE: "LAUNCHMYSTORE_ACCESS_TOKEN",
}

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

# ... and, for each vendor that takes it, exactly what its spec says goes into the JSON body.
WIRE: dict[Vendor, dict[str, dict[str, Any]]] = {
    BITBYBIT: {
        "status": {"status": "cancelled"},
        "payment_status": {"financialStatus": "paid"},
        "fulfillment_status": {"fulfillmentStatus": "fulfilled"},
        "notes": {"notes": "Leave at the door"},
    },
    SALESIVE: {
        "status": {"status": "cancelled"},
        "payment_status": {"status": "paid"},
        "notes": {"notes": "Leave at the door"},
        "shipping_cost": {"shippingCost": 15.5},
        "discount": {"discount": 5},
    },
    LAUNCHMYSTORE: {
        "notes": {"note": "Leave at the door"},
        "tags": {"tags": ["VIP", "priority"]},
        "email": {"email": "ada@example.com"},
        "phone": {"phone": "+1 555 0100"},
        "shipping_address": {
            "shipping_address": {"address1": "456 Oak Ave", "city": "Los Angeles", "province": "CA", "zip": "90001"}
        },
        "billing_address": {
            "billing_address": {"first_name": "John", "last_name": "Doe", "company": "Acme", "country": "US"}
        },
        "note_attributes": {
            "note_attributes": [{"name": "gift_wrap", "value": "yes"}, {"name": "delivery_window", "value": "9-12"}]
        },
    },
}
SUPPORTED: dict[Vendor, frozenset[str]] = {vendor: frozenset(fields) for vendor, fields in WIRE.items()}

# canonical -> vendor string, per status axis, for the values a vendor has with the same meaning (and no others).
WRITE_STATUSES: dict[Vendor, dict[str, dict[Any, str]]] = {
    BITBYBIT: {
        "status": {
            OrderStatus.OPEN: "active",
            OrderStatus.ARCHIVED: "archived",
            OrderStatus.CANCELLED: "cancelled",
            OrderStatus.REFUNDED: "refunded",
        },
        "payment_status": {
            PaymentStatus.PENDING: "pending",
            PaymentStatus.PAID: "paid",
            PaymentStatus.REFUNDED: "refunded",
        },
        "fulfillment_status": {FulfillmentStatus.UNFULFILLED: "unfulfilled", FulfillmentStatus.FULFILLED: "fulfilled"},
    },
    SALESIVE: {
        "status": {
            OrderStatus.PENDING: "pending",
            OrderStatus.PROCESSING: "processing",
            OrderStatus.COMPLETED: "completed",
            OrderStatus.CANCELLED: "cancelled",
            OrderStatus.REFUNDED: "refunded",
        },
        "payment_status": {PaymentStatus.PAID: "paid"},
        "fulfillment_status": {},
    },
    LAUNCHMYSTORE: {"status": {}, "payment_status": {}, "fulfillment_status": {}},
}
STATUS_WIRE_KEY: dict[Vendor, dict[str, str]] = {
    BITBYBIT: {"status": "status", "payment_status": "financialStatus", "fulfillment_status": "fulfillmentStatus"},
    SALESIVE: {"status": "status", "payment_status": "status"},
    LAUNCHMYSTORE: {},
}
AXES: dict[str, type[Any]] = {
    "status": OrderStatus,
    "payment_status": PaymentStatus,
    "fulfillment_status": FulfillmentStatus,
}


# -- what the vendors answer ---------------------------------------------------------------------------------


def order_payload(vendor: Vendor) -> dict[str, Any]:
    """A complete order object as the vendor's spec describes it (a fresh copy every call)."""
    return copy.deepcopy(_ORDERS[vendor])


def success_body(vendor: Vendor, order: Any) -> dict[str, Any]:
    """The vendor's 200 envelope around ``order``."""
    if vendor is SALESIVE:
        return {"status": 200, "success": True, "message": "Order updated", "data": order}
    if vendor is LAUNCHMYSTORE:
        return {"success": True, "data": order}
    return {"data": order}


def ok(vendor: Vendor, **changes: Any) -> Reply:
    """A 200 carrying the vendor's example order with ``changes`` (vendor field names) applied."""
    order = order_payload(vendor)
    order.update(changes)
    return Reply(json=success_body(vendor, order))


def error_body(vendor: Vendor, status: int, code: str | None, message: str) -> dict[str, Any]:
    """The vendor's error body: bitbybit ``{error}``, the Salesive envelope, LaunchMyStore ``{success, error}``."""
    if vendor is SALESIVE:
        return {"status": status, "success": False, "message": message, "data": None}
    if vendor is LAUNCHMYSTORE:
        return {"success": False, "error": {"code": code, "message": message}}
    return {"error": {"code": code, "message": message}}


# -- calling the facade, sync or async ------------------------------------------------------------------------


def client_options(vendor: Vendor, server: LoopbackServer, **options: Any) -> dict[str, Any]:
    return {"api_key": KEYS[vendor], "base_url": server.base_url, "max_retries": 0, **options}


async def update(
    mode: str,
    vendor: Vendor | str,
    server: LoopbackServer,
    order_id: Any = ORDER_ID,
    *,
    options: Mapping[str, Any] | None = None,
    **fields: Any,
) -> Order:
    """``update_order(order_id, **fields)`` through a fresh Client (``mode="sync"``) or AsyncClient."""
    settings = client_options(Vendor(vendor), server, **(options or {}))
    if mode == "sync":
        with Client(vendor, **settings) as client:
            return client.update_order(order_id, **fields)
    async with AsyncClient(vendor, **settings) as async_client:
        return await async_client.update_order(order_id, **fields)


# -- the example orders ---------------------------------------------------------------------------------------

_ORDERS: dict[Vendor, dict[str, Any]] = {
    BITBYBIT: {
        "id": "ord_abc123",
        "orderId": "1001",
        "orderNumber": "#1001",
        "status": "active",
        "fulfillmentStatus": "unfulfilled",
        "financialStatus": "paid",
        "total": 249.9,
        "currency": "USD",
        "notes": "Leave at the door",
        "customer": {
            "id": "cus_1",
            "firstName": "Ada",
            "lastName": "Lovelace",
            "email": "ada@example.com",
            "phoneNumber": "+15550100",
        },
        "lineItems": [
            {
                "id": "li_1",
                "quantity": 2,
                "price": 124.95,
                "title": "Wireless Earbuds",
                "productVariant": {
                    "id": "pv_1",
                    "key": "black",
                    "price": 124.95,
                    "compareAtPrice": None,
                    "inventorySku": "WE-BLK-01",
                    "media": None,
                },
            }
        ],
        "shippingAddress": {
            "id": "adr_1",
            "firstName": "Ada",
            "lastName": "Lovelace",
            "phone": None,
            "address1": "1 Main St",
            "address2": None,
            "city": "London",
            "province": None,
            "country": "GB",
            "zip": "N1 9GU",
        },
        "tags": ["VIP"],
        "createdAt": "2024-01-20T14:30:00Z",
        "updatedAt": "2024-01-25T16:00:00+02:00",
    },
    SALESIVE: {
        "_id": "66b1f0a3c2d4e5f6a7b8c9d0",
        "orderId": 1042,
        "user": {
            "_id": "66a0c1d2e3f4a5b6c7d8e9f0",
            "name": "Ada Lovelace",
            "email": "ada@example.com",
            "phone": "+2348012345678",
            "customerId": "66a0d0e1f2a3b4c5d6e7f8a9",
        },
        "items": [
            {
                "_id": "66b1f0a3c2d4e5f6a7b8c9d1",
                "product": {"_id": "6699aabbccddeeff00112233", "name": "Wireless Earbuds", "images": []},
                "name": "Wireless Earbuds",
                "sku": "WE-BLK-01",
                "price": 24990,
                "quantity": 2,
                "variantAttributes": {},
                "imageUrl": None,
            }
        ],
        "status": "processing",
        "notes": "Packed and awaiting pickup",
        "payment": {
            "_id": "66b1f0a3c2d4e5f6a7b8c9e0",
            "status": "completed",
            "amount": 49980,
            "method": "card",
            "transactionId": "txn_9f8e7d6c",
        },
        "coupon": None,
        "shipment": {
            "_id": "66b1f0a3c2d4e5f6a7b8c9f0",
            "status": "pending",
            "carrier": None,
            "trackingNumber": None,
            "trackingUrl": None,
            "trackingHistory": [],
            "estimatedDelivery": None,
            "shippingAddress": {
                "name": "Ada Lovelace",
                "address": "12 Marina Rd",
                "city": "Lagos",
                "state": "LA",
                "zipCode": "101001",
                "country": "NG",
                "email": "ada@example.com",
                "phone": "+2348012345678",
            },
        },
        "discount": 500,
        "subtotal": 49980,
        "shippingCost": 1500.5,
        "tax": 0,
        "source": "online",
        "paymentMethod": "card",
        "total": 50980.5,
        "createdAt": "2026-06-21T10:30:00.000Z",
        "updatedAt": "2026-06-21T11:20:00.000Z",
    },
    LAUNCHMYSTORE: {
        "id": "ord_abc123",
        "order_number": 1001,
        "email": "customer@example.com",
        "phone": None,
        "status": "confirmed",
        "financial_status": "paid",
        "fulfillment_status": "unfulfilled",
        "note": "Updated shipping instructions",
        "tags": ["VIP", "priority"],
        "note_attributes": [{"name": "gift_wrap", "value": "yes"}],
        "shipping_address": {
            "first_name": "John",
            "last_name": "Doe",
            "address1": "456 Oak Ave",
            "city": "Los Angeles",
            "province": "CA",
            "country": "US",
            "zip": "90001",
        },
        "billing_address": None,
        "customer": {"id": "cus_9", "first_name": "John", "last_name": "Doe", "email": "customer@example.com"},
        "line_items": [{"id": "li_7", "title": "Mug", "quantity": 3, "price": 16.63, "sku": None}],
        "currency": "USD",
        "subtotal_price": 49.89,
        "total_discounts": 0,
        "total_shipping": 10.0,
        "total_tax": 0.01,
        "total_price": 59.9,
        "created_at": "2024-01-20T14:30:00Z",
        "updated_at": "2024-01-25T16:00:00",
    },
}
