"""salesive: what the suites expect of it, from specs/salesive.yaml and its documentation page."""

from __future__ import annotations

from typing import Any

from storefronts import OrderStatus, PaymentStatus
from tests.vendors._table import BadCredential, IgnoredFields, UpdateCase, VendorTable


def _success(order: Any) -> dict[str, Any]:
    return {"status": 200, "success": True, "message": "Order updated", "data": order}


def _error(status: int, code: str | None, message: str) -> dict[str, Any]:
    return {"status": status, "success": False, "message": message, "data": None}


def _read_error(body: Any) -> tuple[str | None, str]:
    return None, body["message"]


def _order_of(body: Any) -> Any:
    return body["data"]


# The example order's amounts (the spec's 200 example), which an update of shippingCost or discount totals anew.
_AMOUNTS = {"subtotal": 49980, "tax": 0}

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
    # -- the sandbox and contract suites
    path_prefix="/api/v1",
    token_prefix="app_",
    scopes=frozenset({"WRITE_ORDERS"}),
    write_scope="WRITE_ORDERS",
    forbidden=(None, "Insufficient scope"),
    bad_credentials=(
        BadCredential({}, None, "Authentication required"),
        # the docs word only the missing token; this wording for a wrong one is the sandbox's
        BadCredential({"Authorization": "Bearer app_wrong"}, None, "Invalid or expired app token"),
        BadCredential({"x-api-key": "{key}"}, None, "Authentication required"),
        BadCredential({"Authorization": "{key}"}, None, "Authentication required"),
    ),
    read_error=_read_error,
    coded_errors=False,
    error_schema={"$ref": "#/components/schemas/Envelope"},
    order_of=_order_of,
    order_schema="OrderDetail",
    order_id_field="_id",
    order_id_pattern=r"[0-9a-f]{24}",
    updated_at_field="updatedAt",
    validation_status=400,
    invalid_bodies=(
        ({"status": "shipped"}, "status"),
        ({"shippingCost": "1500"}, "shippingCost"),
        ({"discount": True}, "discount"),
        ({"notes": ["a"]}, "notes"),
    ),
    updates=(
        UpdateCase(
            {"status": "cancelled", "notes": "Refund issued", "shippingCost": 2000, "discount": 980},
            after={
                "status": "cancelled",
                "notes": "Refund issued",
                "shippingCost": 2000,
                "discount": 980,
                "total": 49980 + 2000 + 0 - 980,
            },
            before=_AMOUNTS,
        ),
        # exact with fractional amounts: 49980 + 15.1 - 0.2 in floats is 49994.899999999994
        UpdateCase(
            {"shippingCost": 15.1, "discount": 0.2},
            after={"shippingCost": 15.1, "discount": 0.2, "total": 49994.9},
            before=_AMOUNTS,
        ),
    ),
    # the whitelist: fields other than the four documented ones are ignored, not refused
    ignored_fields=IgnoredFields(
        {"notes": "kept", "shopId": "shop_1", "tags": ["vip"], "total": 1, "paymentStatus": "paid"},
        ("shopId", "tags", "total", "paymentStatus"),
    ),
    spec_breaking=("orderId", "not-an-integer"),
    success_flag="success",
)
