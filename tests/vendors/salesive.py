"""salesive: what the suites expect of it, from specs/salesive.yaml and its documentation page."""

from __future__ import annotations

import datetime
import datetime as dt
import types
from decimal import Decimal
from typing import Any

from storefronts import Address, FulfillmentStatus, OrderStatus, PaymentStatus
from storefronts._models import Customer, LineItem
from tests.vendors._generated_client import ConstraintCase, GeneratedClient, Probe, RequestConstraints
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


def _check_example(m: types.ModuleType, parsed: Any) -> None:
    """The 200 example specs/salesive.yaml documents, parsed."""
    assert isinstance(parsed, m.UpdateOrderResponse200)
    assert (parsed.status, parsed.success, parsed.message) == (200, True, "Order updated")
    order = parsed.data
    assert isinstance(order, m.OrderDetail)
    assert (order.field_id, order.order_id, order.status) == ("66b1f0a3c2d4e5f6a7b8c9d0", 1042, "processing")
    assert isinstance(order.user, m.CustomerProfile)
    assert (order.user.name, order.user.customer_id) == ("Ada Lovelace", "66a0d0e1f2a3b4c5d6e7f8a9")
    [item] = order.items
    assert isinstance(item, m.OrderItemPopulated)
    assert (item.sku, item.price, item.quantity) == ("WE-BLK-01", 24990, 2)
    assert isinstance(item.product, m.OrderItemPopulatedProductType0)
    assert item.product.images == ["https://cdn.salesive.com/p/earbuds.jpg"]
    assert isinstance(order.payment, m.PaymentDetail)
    assert (order.payment.transaction_id, order.payment.amount) == ("txn_9f8e7d6c", 49980)
    assert order.coupon is None  # null in the documented example, and allowed by the spec
    assert order.shipment is None
    assert (order.discount, order.shipping_cost, order.total) == (500, 1500, 50980)
    assert order.created_at == datetime.datetime(2026, 6, 21, 10, 30, tzinfo=datetime.UTC)


_GENERATED = GeneratedClient(
    package="storefronts_generated.salesive",
    auth_header="authorization",
    auth_format="Bearer {token}",
    body_model="UpdateOrderBody",
    body_kwargs=lambda m: {"status": m.UpdateOrderBodyStatus.PROCESSING, "shipping_cost": 1500, "notes": "Packed"},
    body_json={"status": "processing", "shippingCost": 1500, "notes": "Packed"},
    example_200=None,
    check_example=_check_example,
    read_order=lambda r: r.data,
    order_model="OrderDetail",
    success_model="UpdateOrderResponse200",
    error_model="Envelope",
    read_error_text=lambda e: (e.status, e.message),
    documented_404=(404, "Order not found"),
    allowed_nulls=(
        Probe(("data", "payment"), lambda r: r.data.payment),
        Probe(("data", "coupon"), lambda r: r.data.coupon),
        Probe(("data", "shipment"), lambda r: r.data.shipment),
        Probe(("data", "items", 0, "product"), lambda r: r.data.items[0].product),
        # the documented example has no `variant`: setting the path adds the key
        Probe(("data", "items", 0, "variant"), lambda r: r.data.items[0].variant),
        Probe(("data", "items", 0, "imageUrl"), lambda r: r.data.items[0].image_url),
    ),
    unexpected_nulls=(
        Probe(("data", "status"), lambda r: r.data.status),
        Probe(("data", "user"), lambda r: r.data.user),  # Salesive's customer
        Probe(("data", "createdAt"), lambda r: r.data.created_at),
        Probe(("data", "items"), lambda r: r.data.items),  # Salesive's line items
        Probe(("message",), lambda r: r.message),
    ),
    wrong_types=(
        (Probe(("data", "createdAt"), lambda r: r.data.created_at), "yesterday"),
        (Probe(("data", "user"), lambda r: r.data.user), ["66a0c1d2e3f4a5b6c7d8e9f0"]),
        (Probe(("data", "items"), lambda r: r.data.items), "none"),
        (Probe(("data", "total"), lambda r: r.data.total), "50980"),
        (Probe(("status",), lambda r: r.status), "200"),
    ),
    missing_keys=(
        Probe(("status",), lambda r: r.status),  # required by the spec
        Probe(("message",), lambda r: r.message),  # required by the spec
        Probe(("data", "_id"), lambda r: r.data.field_id),
    ),
    enum_fields=(Probe(("data", "status"), lambda r: r.data.status),),  # a plain string in Salesive's responses
    request_enum_models=("UpdateOrderBody",),
    response_enums=False,
)


def _constrain(spec: dict[str, Any]) -> None:
    body = spec["paths"]["/orders/{id}"]["put"]["requestBody"]["content"]["application/json"]["schema"]
    body["properties"]["notes"].update({"minLength": 2, "maxLength": 20, "pattern": "^[^<>]*$"})
    body["properties"]["shippingCost"].update({"minimum": 1, "maximum": 5000, "multipleOf": 0.5})
    body["properties"]["discount"].update({"exclusiveMinimum": 0, "exclusiveMaximum": 1000})


_CONSTRAINTS = RequestConstraints(
    constrain=_constrain,
    cases=(
        ConstraintCase({"notes": "x" * 21}, "notes", "maxLength"),
        ConstraintCase({"notes": "x"}, "notes", "minLength"),
        ConstraintCase({"notes": "<b>hi</b>"}, "notes", "pattern"),
        ConstraintCase({"shipping_cost": "0.5"}, "shipping_cost", "minimum"),
        ConstraintCase({"shipping_cost": "5000.5"}, "shipping_cost", "maximum"),
        ConstraintCase({"shipping_cost": "2.25"}, "shipping_cost", "multipleOf"),
        ConstraintCase({"discount": "0"}, "discount", "exclusiveMinimum"),
        ConstraintCase({"discount": "1000"}, "discount", "exclusiveMaximum"),
        ConstraintCase({"notes": "packed", "discount": "1000"}, "discount", "exclusiveMaximum"),
        ConstraintCase({"notes": "packed", "shipping_cost": "1500.5", "discount": "999.99"}),
    ),
    model_check=(
        "UpdateOrderBody",
        {"notes": "x" * 21},
        "notes maxLength 20 | notes is 21 characters long; maxLength is 20",
    ),
)


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
    bulk_order_id=lambda n: f"{n + 0xB0000:024x}",  # a Mongo ObjectId: 24 hex digits
    invalid_update={"shipping_cost": -1},
    generated=_GENERATED,
    request_constraints=_CONSTRAINTS,
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
    # -- t15-ops
    amount_fields={"total": "total"},
    created_at_field="createdAt",
    allowed_nulls=(
        ({"shipment": None, "coupon": None, "payment": None}, {"shipping_address": None}),
        (
            {"items": [{"_id": "i", "product": None, "variant": None, "imageUrl": None}]},
            {"line_items": (LineItem(id="i"),)},
        ),
    ),
    odd_error_bodies=(
        (500, {}),
        (401, {"json": {"message": 12, "success": "no"}}),
        (404, {"body": b"null", "content_type": "application/json"}),
    ),
    # -- t15-facade2
    # the response's `status` is a plain string; the values it takes are those of the update body's enum, and the
    # one field carries all three axes
    documented_statuses={
        "status": (
            ("status", "payment_status", "fulfillment_status"),
            ("pending", "processing", "paid", "cancelled", "refunded", "completed"),
        )
    },
    key_reads=(
        ({"status": "completed"}, (OrderStatus.COMPLETED, PaymentStatus.PAID, FulfillmentStatus.FULFILLED)),
        ({"status": "paid"}, (OrderStatus.OPEN, PaymentStatus.PAID, FulfillmentStatus.UNFULFILLED)),
        ({"status": "processing"}, (OrderStatus.PROCESSING, PaymentStatus.PAID, FulfillmentStatus.UNFULFILLED)),
        ({"status": "pending"}, (OrderStatus.PENDING, PaymentStatus.PENDING, FulfillmentStatus.UNFULFILLED)),
        ({"status": "refunded"}, (OrderStatus.REFUNDED, PaymentStatus.REFUNDED, FulfillmentStatus.UNKNOWN)),
    ),
    # amounts are JSON numbers: 0.1 must arrive as the number 0.1, 1500 as an integer
    sent_as_given=(
        ({"shipping_cost": Decimal("0.1"), "discount": 0}, {"shippingCost": 0.1, "discount": 0}),
        ({"shipping_cost": 1500, "discount": Decimal("249.9")}, {"shippingCost": 1500, "discount": 249.9}),
        ({"shipping_cost": Decimal("12.250")}, {"shippingCost": 12.25}),
        ({"shipping_cost": 2**53}, {"shippingCost": 2**53}),
        ({"shipping_cost": 7, "discount": Decimal("2.5")}, {"shippingCost": 7, "discount": 2.5}),
    ),
    # fine as a Decimal, but no 64-bit float (what a JSON number is read as) holds it exactly
    invalid_values=(
        ("shipping_cost", Decimal("1e-999999999")),
        ("discount", Decimal("1e-999999999")),
        ("shipping_cost", Decimal("0.1000000000000000055511151231257827")),
        ("discount", Decimal("0.1000000000000000055511151231257827")),
    ),
)
