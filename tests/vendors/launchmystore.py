"""launchmystore: what the suites expect of it, from specs/launchmystore.yaml and its documentation page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from storefronts import Address, FulfillmentStatus, OrderStatus, PaymentStatus
from storefronts._models import Customer, LineItem
from storefronts.errors import OrderClosedError
from tests.vendors._table import VendorTable


def _success(order: Any) -> dict[str, Any]:
    return {"success": True, "data": order}


def _error(status: int, code: str | None, message: str) -> dict[str, Any]:
    return {"success": False, "error": {"code": code, "message": message}}


TABLE = VendorTable(
    name="launchmystore",
    api_key="lms_s3cr3t-K3Y-0003",
    marked_key="lms_tok_SECRET-3c5e9a2b-reliability",
    env_vars=("LAUNCHMYSTORE_ACCESS_TOKEN",),
    order={
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
    small_order={"id": "ord_1001", "status": "confirmed", "financial_status": "paid", "fulfillment_status": None},
    notes_field="note",
    wire={
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
    write_statuses={
        "status": {},
        "payment_status": {},
        "fulfillment_status": {},
    },
    status_wire_key={},
    success=_success,
    error=_error,
    not_found=("NOT_FOUND", "Order with this ID does not exist"),
    default_base_url="https://api.launchmystore.io/api/v1",
    sandbox_order_id="ord_abc123",
    error_codes={
        400: "VALIDATION_ERROR",
        401: "UNAUTHORIZED",
        403: "FORBIDDEN",
        404: "NOT_FOUND",
        409: "ORDER_CLOSED",
        422: "VALIDATION_ERROR",
        429: "RATE_LIMITED",
        500: "INTERNAL_ERROR",
        502: "INTERNAL_ERROR",
        503: "INTERNAL_ERROR",
    },
    code_classes={"ORDER_CLOSED": OrderClosedError},  # a closed order will not reopen: more than a 409 says
    example_read={
        "id": "ord_abc123",
        "number": "1001",
        "status": OrderStatus.OPEN,
        "payment_status": PaymentStatus.PAID,
        "fulfillment_status": FulfillmentStatus.UNFULFILLED,
        "notes": "Updated shipping instructions",
        "tags": ("VIP", "priority"),
        "email": "customer@example.com",
        "phone": None,
        "currency": "USD",
        "subtotal": Decimal("49.89"),
        "discount": Decimal("0"),
        "shipping_cost": Decimal("10.0"),
        "tax": Decimal("0.01"),
        "total": Decimal("59.9"),
        "customer": Customer(id="cus_9", name="John Doe", email="customer@example.com"),
        "line_items": (LineItem(id="li_7", title="Mug", sku=None, quantity=3, unit_price=Decimal("16.63")),),
        "shipping_address": Address(
            first_name="John",
            last_name="Doe",
            address1="456 Oak Ave",
            city="Los Angeles",
            province="CA",
            country="US",
            zip="90001",
        ),
        "billing_address": None,
        "created_at": dt.datetime(2024, 1, 20, 14, 30, tzinfo=dt.UTC),
        "updated_at": dt.datetime(2024, 1, 25, 16, 0, tzinfo=dt.UTC),  # sent naive: read as UTC
    },
    wrong_types={
        "id": None,
        "order_number": "one",
        "email": 1,
        "phone": [],
        "status": {},
        "financial_status": 3,
        "fulfillment_status": ["fulfilled"],
        "note": {},
        "tags": {"VIP": True},
        "note_attributes": "gift",
        "shipping_address": "456 Oak Ave",
        "billing_address": [1],
        "customer": 42,
        "line_items": [None, 3, "x", {"quantity": "two", "price": "free"}],
        "currency": ["USD"],
        "subtotal_price": None,
        "total_discounts": "0,5",
        "total_shipping": [10],
        "total_tax": {"amount": 1},
        "total_price": False,
        "created_at": 20240120,
        "updated_at": None,
    },
)
