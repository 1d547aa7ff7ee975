"""bitbybit: what the suites expect of it, from specs/bitbybit.yaml and its documentation page."""

from __future__ import annotations

from typing import Any

from storefronts import FulfillmentStatus, OrderStatus, PaymentStatus
from tests.vendors._table import BadCredential, IgnoredFields, UpdateCase, VendorTable


def _success(order: Any) -> dict[str, Any]:
    return {"data": order}


def _error(status: int, code: str | None, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def _read_error(body: Any) -> tuple[str | None, str]:
    return body["error"]["code"], body["error"]["message"]


def _order_of(body: Any) -> Any:
    return body["data"]


# The four fields bitbybit updates, each stored as sent.
_EVERY_FIELD = {"status": "cancelled", "fulfillmentStatus": "fulfilled", "financialStatus": "refunded", "notes": "n"}

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
    # -- the sandbox and contract suites
    path_prefix="/customer/api/open/v1",
    auth_header="x-api-key",
    auth_scheme=None,
    # bitbybit documents the header but no 401: the sandbox answers in its documented Error shape
    bad_credentials=(
        BadCredential({}, "UNAUTHORIZED"),
        BadCredential({"x-api-key": "wrong"}, "UNAUTHORIZED"),
        BadCredential({"Authorization": "Bearer {key}"}, "UNAUTHORIZED"),  # the key is read from x-api-key only
    ),
    read_error=_read_error,
    error_schema={"$ref": "#/components/schemas/Error"},
    order_of=_order_of,
    order_id_pattern=r"ord_[A-Za-z0-9]+",
    updated_at_field="updatedAt",
    # bitbybit documents no answer to an invalid body: 400 VALIDATION_ERROR in its Error shape is the sandbox's
    validation_status=400,
    validation_code="VALIDATION_ERROR",
    invalid_bodies=(
        ({"status": "shipped"}, "status"),
        ({"fulfillmentStatus": "partial"}, "fulfillmentStatus"),
        ({"financialStatus": "voided"}, "financialStatus"),
        ({"notes": 5}, "notes"),
        ({"notes": None}, "notes"),  # the request schema has no nullable: only the response does
    ),
    updates=(UpdateCase(_EVERY_FIELD, after=_EVERY_FIELD),),
    # its request schema declares no additionalProperties: false, so an undeclared field is accepted, not applied
    ignored_fields=IgnoredFields({"notes": "n", "tags": ["vip"]}, ("tags",)),
    spec_breaking=("status", "on_hold"),
)
