"""bitbybit: what the suites expect of it, from specs/bitbybit.yaml and its documentation page."""

from __future__ import annotations

import datetime
import datetime as dt
import types
from decimal import Decimal
from typing import Any

from storefronts import Address, FulfillmentStatus, OrderStatus, PaymentStatus
from storefronts._models import Customer, LineItem
from tests.vendors._generated_client import GeneratedClient, Probe
from tests.vendors._table import BadCredential, IgnoredFields, UpdateCase, VendorTable


def _success(order: Any) -> dict[str, Any]:
    return {"data": order}


def _auth(parts: tuple[str, ...]) -> tuple[str, str]:
    (key,) = parts
    return "x-api-key", key


def _error(status: int, code: str | None, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def _read_error(body: Any) -> tuple[str | None, str]:
    return body["error"]["code"], body["error"]["message"]


def _order_of(body: Any) -> Any:
    return body["data"]


# The four fields bitbybit updates, each stored as sent.
_EVERY_FIELD = {"status": "cancelled", "fulfillmentStatus": "fulfilled", "financialStatus": "refunded", "notes": "n"}
# specs/bitbybit.yaml documents no 200 example: this one sets every property of its Order schema (the generated
# suite checks it against the normalised schema, so it cannot drift from the spec).
_ORDER_EXAMPLE: dict[str, Any] = {
    "id": "ord_1",
    "orderId": "1001",
    "orderNumber": "#1001",
    "status": "active",
    "fulfillmentStatus": "unfulfilled",
    "financialStatus": "paid",
    "total": 59.9,
    "currency": "USD",
    "notes": "Leave at the door",
    "customer": {
        "id": "cus_1",
        "firstName": "Ada",
        "lastName": "Lovelace",
        "email": "ada@example.com",
        "phoneNumber": "+442071234567",
    },
    "lineItems": [
        {
            "id": "li_1",
            "quantity": 2,
            "price": 29.95,
            "title": "Blue mug",
            "productVariant": {
                "id": "pv_1",
                "key": "mug-blue",
                "price": 29.95,
                "compareAtPrice": 34.95,
                "inventorySku": "MUG-BLU",
                "media": "https://cdn.example.com/mug-blue.jpg",
            },
        }
    ],
    "shippingAddress": {
        "id": "adr_1",
        "firstName": "Ada",
        "lastName": "Lovelace",
        "phone": "+442071234567",
        "address1": "12 St James's Square",
        "address2": "Flat 3",
        "city": "London",
        "province": "Greater London",
        "country": "GB",
        "zip": "SW1Y 4JH",
    },
    "tags": ["vip", "gift"],
    "createdAt": "2026-06-21T10:30:00Z",
    "updatedAt": "2026-06-21T11:20:00.000Z",
}


def _check_example(m: types.ModuleType, parsed: Any) -> None:
    assert isinstance(parsed, m.UpdateOrderResponse200)
    order = parsed.data
    assert isinstance(order, m.Order)
    assert (order.id, order.order_id, order.order_number) == ("ord_1", "1001", "#1001")
    assert order.status is m.OrderStatus.ACTIVE
    assert order.fulfillment_status is m.OrderFulfillmentStatus.UNFULFILLED
    assert order.financial_status is m.OrderFinancialStatus.PAID
    assert (order.total, order.currency, order.notes) == (59.9, "USD", "Leave at the door")
    assert isinstance(order.customer, m.OrderCustomer)
    assert (order.customer.first_name, order.customer.phone_number) == ("Ada", "+442071234567")
    [item] = order.line_items
    assert isinstance(item, m.LineItem)
    assert (item.quantity, item.price, item.title) == (2, 29.95, "Blue mug")
    assert isinstance(item.product_variant, m.ProductVariant)
    assert (item.product_variant.compare_at_price, item.product_variant.inventory_sku) == (34.95, "MUG-BLU")
    assert isinstance(order.shipping_address, m.Address)
    assert (order.shipping_address.address2, order.shipping_address.zip_) == ("Flat 3", "SW1Y 4JH")
    assert order.tags == ["vip", "gift"]
    assert order.created_at == datetime.datetime(2026, 6, 21, 10, 30, tzinfo=datetime.UTC)
    assert order.updated_at == datetime.datetime(2026, 6, 21, 11, 20, tzinfo=datetime.UTC)


_GENERATED = GeneratedClient(
    package="storefronts_generated.bitbybit",
    auth_header="x-api-key",
    auth_format="{token}",
    body_model="UpdateOrderBody",
    body_kwargs=lambda m: {
        "status": m.UpdateOrderBodyStatus.CANCELLED,
        "fulfillment_status": m.UpdateOrderBodyFulfillmentStatus.FULFILLED,
        "notes": "Customer called",
    },
    body_json={"status": "cancelled", "fulfillmentStatus": "fulfilled", "notes": "Customer called"},
    example_200={"data": _ORDER_EXAMPLE},
    check_example=_check_example,
    read_order=lambda r: r.data,
    order_model="Order",
    success_model="UpdateOrderResponse200",
    error_model="Error",
    read_error_text=lambda e: (e.error.code, e.error.message),
    documented_404=("NOT_FOUND", "Resource not found"),
    allowed_nulls=(
        Probe(("data", "orderId"), lambda r: r.data.order_id),
        Probe(("data", "orderNumber"), lambda r: r.data.order_number),
        Probe(("data", "currency"), lambda r: r.data.currency),
        Probe(("data", "notes"), lambda r: r.data.notes),
        Probe(("data", "customer", "firstName"), lambda r: r.data.customer.first_name),
        Probe(("data", "customer", "lastName"), lambda r: r.data.customer.last_name),
        Probe(("data", "customer", "email"), lambda r: r.data.customer.email),
        Probe(("data", "customer", "phoneNumber"), lambda r: r.data.customer.phone_number),
        Probe(("data", "shippingAddress", "address2"), lambda r: r.data.shipping_address.address2),
        Probe(("data", "shippingAddress", "zip"), lambda r: r.data.shipping_address.zip_),
        Probe(
            ("data", "lineItems", 0, "productVariant", "compareAtPrice"),
            lambda r: r.data.line_items[0].product_variant.compare_at_price,
        ),
        Probe(
            ("data", "lineItems", 0, "productVariant", "media"), lambda r: r.data.line_items[0].product_variant.media
        ),
    ),
    unexpected_nulls=(
        Probe(("data", "status"), lambda r: r.data.status),
        Probe(("data", "customer"), lambda r: r.data.customer),
        Probe(("data", "createdAt"), lambda r: r.data.created_at),
        Probe(("data", "lineItems"), lambda r: r.data.line_items),
        Probe(("data", "shippingAddress"), lambda r: r.data.shipping_address),
    ),
    wrong_types=(
        (Probe(("data", "createdAt"), lambda r: r.data.created_at), 1718965800),
        (Probe(("data", "customer"), lambda r: r.data.customer), "guest"),
        (Probe(("data", "lineItems"), lambda r: r.data.line_items), {"id": "li_1"}),
        (Probe(("data", "total"), lambda r: r.data.total), "59.90"),
        (Probe(("data", "status"), lambda r: r.data.status), 3),
    ),
    missing_keys=(
        Probe(("data", "id"), lambda r: r.data.id),
        Probe(("data", "status"), lambda r: r.data.status),
        Probe(("data", "customer", "id"), lambda r: r.data.customer.id),
    ),
    enum_fields=(
        Probe(("data", "status"), lambda r: r.data.status),
        Probe(("data", "fulfillmentStatus"), lambda r: r.data.fulfillment_status),
        Probe(("data", "financialStatus"), lambda r: r.data.financial_status),
    ),
    request_enum_models=("UpdateOrderBody",),
)


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
    bulk_order_id=lambda n: f"ord_bulk{n:06d}",
    generated=_GENERATED,
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
    # -- t15-ops
    amount_fields={"total": "total"},
    created_at_field="createdAt",
    allowed_nulls=(
        ({"notes": None, "currency": None, "orderNumber": None}, {"notes": None, "currency": None, "number": None}),
        (
            {"customer": {"id": "c", "firstName": None, "lastName": None, "email": None, "phoneNumber": None}},
            {"email": None, "phone": None, "customer": Customer(id="c")},
        ),
    ),
    odd_error_bodies=(
        (502, {"body": b"<html>Bad Gateway</html>", "content_type": "text/html"}),
        (404, {"json": {"error": "not found"}}),
        (400, {"json": {"error": {"code": 5, "message": ["x"]}}}),
        (401, {"json": [1, 2]}),
    ),
    # -- t15-facade2
    documented_statuses={
        "status": (("status",), ("active", "archived", "cancelled", "refunded")),
        "financialStatus": (("payment_status",), ("pending", "paid", "refunded")),
        "fulfillmentStatus": (("fulfillment_status",), ("unfulfilled", "fulfilled")),
    },
    # one field per axis, each read on its own
    key_reads=(
        (
            {"status": "active", "financialStatus": "pending", "fulfillmentStatus": "unfulfilled"},
            (OrderStatus.OPEN, PaymentStatus.PENDING, FulfillmentStatus.UNFULFILLED),
        ),
        (
            {"status": "cancelled", "financialStatus": "refunded", "fulfillmentStatus": "fulfilled"},
            (OrderStatus.CANCELLED, PaymentStatus.REFUNDED, FulfillmentStatus.FULFILLED),
        ),
        ({"status": "archived"}, (OrderStatus.ARCHIVED, PaymentStatus.PAID, FulfillmentStatus.UNFULFILLED)),
    ),
    sent_as_given=(
        ({"status": "archived", "payment_status": "refunded"}, {"status": "archived", "financialStatus": "refunded"}),
        ({"fulfillment_status": "unfulfilled"}, {"fulfillmentStatus": "unfulfilled"}),
    ),
)
