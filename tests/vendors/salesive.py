"""salesive: what the suites expect of it, from specs/salesive.yaml and its documentation page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from storefronts import Address, FulfillmentStatus, OrderStatus, PaymentStatus
from storefronts._models import Customer, LineItem
from tests.vendors._table import VendorTable


def _success(order: Any) -> dict[str, Any]:
    return {"status": 200, "success": True, "message": "Order updated", "data": order}


def _error(status: int, code: str | None, message: str) -> dict[str, Any]:
    return {"status": status, "success": False, "message": message, "data": None}


TABLE = VendorTable(
    name="salesive",
    api_key="app_s3cr3t-K3Y-0002",
    marked_key="app_live_SECRET-8b2d6e0f-reliability",
    env_vars=("SALESIVE_APP_TOKEN",),
    order={
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
    small_order={"_id": "ord_1001", "status": "paid"},
    notes_field="notes",
    wire={
        "status": {"status": "cancelled"},
        "payment_status": {"status": "paid"},
        "notes": {"notes": "Leave at the door"},
        "shipping_cost": {"shippingCost": 15.5},
        "discount": {"discount": 5},
    },
    write_statuses={
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
    status_wire_key={"status": "status", "payment_status": "status"},
    success=_success,
    error=_error,
    not_found=(None, "Order not found"),
    default_base_url="https://api.salesive.com/api/v1",
    sandbox_order_id="66b1f0a3c2d4e5f6a7b8c9d0",
    example_read={
        "id": "66b1f0a3c2d4e5f6a7b8c9d0",
        "number": "1042",
        "status": OrderStatus.PROCESSING,
        "payment_status": PaymentStatus.PAID,
        "fulfillment_status": FulfillmentStatus.UNFULFILLED,
        "notes": "Packed and awaiting pickup",
        "email": "ada@example.com",
        "phone": "+2348012345678",
        "subtotal": Decimal("49980"),
        "discount": Decimal("500"),
        "shipping_cost": Decimal("1500.5"),
        "tax": Decimal("0"),
        "total": Decimal("50980.5"),
        "customer": Customer(
            id="66a0d0e1f2a3b4c5d6e7f8a9", name="Ada Lovelace", email="ada@example.com", phone="+2348012345678"
        ),
        "line_items": (
            LineItem(
                id="66b1f0a3c2d4e5f6a7b8c9d1",
                title="Wireless Earbuds",
                sku="WE-BLK-01",
                quantity=2,
                unit_price=Decimal("24990"),
            ),
        ),
        "shipping_address": Address(
            name="Ada Lovelace",
            address1="12 Marina Rd",
            city="Lagos",
            province="LA",
            zip="101001",
            country="NG",
            phone="+2348012345678",
        ),
        "created_at": dt.datetime(2026, 6, 21, 10, 30, tzinfo=dt.UTC),
        "updated_at": dt.datetime(2026, 6, 21, 11, 20, tzinfo=dt.UTC),
    },
    wrong_types={
        "_id": ["x"],
        "orderId": 1.5,
        "user": ["Ada"],
        "items": {"0": {}},
        "status": ["paid"],
        "notes": False,
        "payment": "card",
        "coupon": 3,
        "shipment": "pending",
        "discount": [],
        "subtotal": {},
        "shippingCost": True,
        "tax": "NaN",
        "total": "Infinity",
        "createdAt": [],
        "updatedAt": {},
    },
)
