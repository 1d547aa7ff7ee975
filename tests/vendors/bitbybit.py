"""bitbybit: what the suites expect of it, from specs/bitbybit.yaml and its documentation page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from storefronts import Address, FulfillmentStatus, OrderStatus, PaymentStatus
from storefronts._models import Customer, LineItem
from tests.vendors._table import VendorTable


def _success(order: Any) -> dict[str, Any]:
    return {"data": order}


def _auth(parts: tuple[str, ...]) -> tuple[str, str]:
    (key,) = parts
    return "x-api-key", key


def _error(status: int, code: str | None, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


TABLE = VendorTable(
    name="bitbybit",
    api_key="bbb_s3cr3t-K3Y-0001",
    marked_key="bbk_live_SECRET-4f9a1c7e-reliability",
    env_vars=("BITBYBIT_API_KEY",),
    order={
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
    small_order={"id": "ord_1001", "status": "active", "financialStatus": "paid", "fulfillmentStatus": "unfulfilled"},
    notes_field="notes",
    wire={
        "status": {"status": "cancelled"},
        "payment_status": {"financialStatus": "paid"},
        "fulfillment_status": {"fulfillmentStatus": "fulfilled"},
        "notes": {"notes": "Leave at the door"},
    },
    write_statuses={
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
    status_wire_key={
        "status": "status",
        "payment_status": "financialStatus",
        "fulfillment_status": "fulfillmentStatus",
    },
    success=_success,
    error=_error,
    not_found=("NOT_FOUND", "Resource not found"),
    default_base_url="https://api.bitbybit.studio/customer/api/open/v1",
    sandbox_order_id="ord_2KfQ8mZp4XwN7rT1",
    auth=_auth,
    error_codes={
        400: "BAD_REQUEST",
        401: "UNAUTHORIZED",
        403: "FORBIDDEN",
        404: "NOT_FOUND",
        409: "CONFLICT",
        422: "UNPROCESSABLE",
        429: "RATE_LIMITED",
        500: "INTERNAL",
        502: "BAD_GATEWAY",
        503: "UNAVAILABLE",
    },
    example_read={
        "id": "ord_abc123",
        "number": "#1001",
        "status": OrderStatus.OPEN,
        "payment_status": PaymentStatus.PAID,
        "fulfillment_status": FulfillmentStatus.UNFULFILLED,
        "notes": "Leave at the door",
        "tags": ("VIP",),
        "email": "ada@example.com",
        "phone": "+15550100",
        "currency": "USD",
        "total": Decimal("249.9"),
        "customer": Customer(id="cus_1", name="Ada Lovelace", email="ada@example.com", phone="+15550100"),
        "line_items": (
            LineItem(id="li_1", title="Wireless Earbuds", sku="WE-BLK-01", quantity=2, unit_price=Decimal("124.95")),
        ),
        "shipping_address": Address(
            first_name="Ada", last_name="Lovelace", address1="1 Main St", city="London", country="GB", zip="N1 9GU"
        ),
        "created_at": dt.datetime(2024, 1, 20, 14, 30, tzinfo=dt.UTC),
        "updated_at": dt.datetime(2024, 1, 25, 14, 0, tzinfo=dt.UTC),
    },
    wrong_types={
        "id": ["ord"],
        "orderNumber": {"n": 1},
        "status": 5,
        "financialStatus": [],
        "fulfillmentStatus": {},
        "total": "a lot",
        "currency": 840,
        "notes": 7,
        "customer": "Ada",
        "lineItems": "three",
        "shippingAddress": 12,
        "tags": "VIP",
        "createdAt": 5,
        "updatedAt": "not a date",
    },
)
