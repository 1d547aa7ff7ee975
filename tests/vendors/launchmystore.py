"""launchmystore: what the suites expect of it, from specs/launchmystore.yaml and its documentation page."""

from __future__ import annotations

import datetime
import datetime as dt
import types
from decimal import Decimal
from typing import Any

from storefronts import Address, FulfillmentStatus, OrderStatus, PaymentStatus
from storefronts._models import Customer, LineItem
from storefronts.errors import OrderClosedError
from tests.vendors._generated_client import ConstraintCase, GeneratedClient, Probe, RequestConstraints
from tests.vendors._table import BadCredential, ClosedOrders, UpdateCase, VendorTable


def _success(order: Any) -> dict[str, Any]:
    return {"success": True, "data": order}


def _error(status: int, code: str | None, message: str) -> dict[str, Any]:
    return {"success": False, "error": {"code": code, "message": message}}


def _read_error(body: Any) -> tuple[str | None, str]:
    return body["error"]["code"], body["error"]["message"]


def _problem_fields(body: Any) -> list[str]:
    return [detail["field"] for detail in body["error"]["details"]]


def _order_of(body: Any) -> Any:
    return body["data"]


_UNAUTHORIZED = "Invalid or missing access token"
# The spec's Error with its code list open: the list covers the documented errors, not a 503 or a 405.
_ANY_ERROR = {
    "type": "object",
    "required": ["success", "error"],
    "properties": {
        "success": {"const": False},
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        },
    },
}


def _check_example(m: types.ModuleType, parsed: Any) -> None:
    """The 200 example specs/launchmystore.yaml documents, parsed."""
    assert isinstance(parsed, m.OrderResponse)
    assert parsed.success is True
    order = parsed.data
    assert isinstance(order, m.Order)
    assert (order.id, order.order_number, order.email) == ("ord_abc123", 1001, "customer@example.com")
    assert order.status == "confirmed"
    assert order.financial_status is m.FinancialStatus.PAID
    assert order.fulfillment_status is m.FulfillmentStatus.UNFULFILLED
    assert (order.note, order.tags) == ("Updated shipping instructions", ["VIP", "priority"])
    assert isinstance(order.shipping_address, m.Address)
    assert (order.shipping_address.first_name, order.shipping_address.zip_) == ("John", "90001")
    assert order.created_at == datetime.datetime(2024, 1, 20, 14, 30, tzinfo=datetime.UTC)
    assert order.updated_at == datetime.datetime(2024, 1, 25, 16, 0, tzinfo=datetime.UTC)


_GENERATED = GeneratedClient(
    package="storefronts_generated.launchmystore",
    auth_header="authorization",
    auth_format="Bearer {token}",
    body_model="UpdateOrderRequest",
    body_kwargs=lambda m: {
        "note": "Updated shipping instructions",
        "tags": ["VIP", "priority"],
        "shipping_address": m.AddressInput(address1="456 Oak Ave", city="Los Angeles", zip_="90001"),
        "note_attributes": [m.NoteAttribute(name="gift_wrap", value="yes")],
    },
    body_json={
        "note": "Updated shipping instructions",
        "tags": ["VIP", "priority"],
        "shipping_address": {"address1": "456 Oak Ave", "city": "Los Angeles", "zip": "90001"},
        "note_attributes": [{"name": "gift_wrap", "value": "yes"}],
    },
    example_200=None,
    check_example=_check_example,
    read_order=lambda r: r.data,
    order_model="Order",
    success_model="OrderResponse",
    error_model="Error",
    read_error_text=lambda e: (e.error.code, e.error.message),
    documented_404=("NOT_FOUND", "Order with the specified ID does not exist"),
    allowed_nulls=(
        Probe(("data", "phone"), lambda r: r.data.phone),
        Probe(("data", "note"), lambda r: r.data.note),
        Probe(("data", "fulfillment_status"), lambda r: r.data.fulfillment_status),
        Probe(("data", "billing_address"), lambda r: r.data.billing_address),
        Probe(("data", "customer"), lambda r: r.data.customer),
        Probe(("data", "shipping_address", "first_name"), lambda r: r.data.shipping_address.first_name),
        Probe(("data", "shipping_address", "zip"), lambda r: r.data.shipping_address.zip_),
    ),
    unexpected_nulls=(
        Probe(("data", "status"), lambda r: r.data.status),
        Probe(("data", "financial_status"), lambda r: r.data.financial_status),
        Probe(("data", "created_at"), lambda r: r.data.created_at),
        Probe(("data", "tags"), lambda r: r.data.tags),
        Probe(("success",), lambda r: r.success),
    ),
    wrong_types=(
        (Probe(("data", "created_at"), lambda r: r.data.created_at), 1705761000),
        (Probe(("data", "order_number"), lambda r: r.data.order_number), "1001"),
        (Probe(("data", "shipping_address"), lambda r: r.data.shipping_address), "456 Oak Ave, Los Angeles"),
        (Probe(("data", "line_items"), lambda r: r.data.line_items), {"id": "li_1"}),
    ),
    missing_keys=(
        Probe(("success",), lambda r: r.success),  # required by the spec
        Probe(("data", "id"), lambda r: r.data.id),  # required by the spec
        Probe(("data", "status"), lambda r: r.data.status),
    ),
    enum_fields=(
        Probe(("data", "financial_status"), lambda r: r.data.financial_status),
        Probe(("data", "fulfillment_status"), lambda r: r.data.fulfillment_status),
    ),
    # Order.fulfillment_status is `anyOf: [FulfillmentStatus, null]`
    nullable_response_enums=frozenset({"Order.fulfillment_status"}),
    # `error.code` is a closed list in the spec: a code it lacks is still read
    unknown_error_code=(
        {"success": False, "error": {"code": "RATE_LIMITED", "message": "Slow down"}},
        ("RATE_LIMITED", "Slow down"),
    ),
)


def _constrain(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    schemas["UpdateOrderRequest"]["properties"]["tags"].update({"minItems": 1, "maxItems": 3})
    schemas["UpdateOrderRequest"]["properties"]["tags"]["items"]["maxLength"] = 8
    schemas["AddressInput"]["properties"]["city"]["maxLength"] = 10


_CONSTRAINTS = RequestConstraints(
    constrain=_constrain,
    cases=(
        ConstraintCase({"tags": []}, "tags", "minItems"),
        ConstraintCase({"tags": ["a", "b", "c", "d"]}, "tags", "maxItems"),
        ConstraintCase({"tags": ["a", "much-too-long"]}, "tags", "maxLength"),
        ConstraintCase(
            {"notes": "n", "shipping_address": {"city": "Llanfairpwllgwyngyll"}}, "shipping_address", "maxLength"
        ),
        ConstraintCase({"tags": ["vip", "gift"], "shipping_address": {"city": "Lagos"}}),
    ),
)


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
    not_found=("NOT_FOUND", "Order with the specified ID does not exist"),
    default_base_url="https://api.launchmystore.io/api/v1",
    sandbox_order_id="ord_abc123",
    # -- the sandbox and contract suites
    path_prefix="/api/v1",
    scopes=frozenset({"write_orders"}),
    write_scope="write_orders",
    forbidden=("FORBIDDEN", "App doesn't have write_orders scope"),
    bad_credentials=(
        BadCredential({}, "UNAUTHORIZED", _UNAUTHORIZED),
        BadCredential({"Authorization": "Bearer wrong"}, "UNAUTHORIZED", _UNAUTHORIZED),
        BadCredential({"Authorization": "Token {key}"}, "UNAUTHORIZED", _UNAUTHORIZED),
    ),
    read_error=_read_error,
    error_extras=frozenset({"details"}),
    error_schema=_ANY_ERROR,
    order_of=_order_of,
    order_id_pattern=r"ord_[a-z0-9]+",
    updated_at_field="updated_at",
    updated_at_format=r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ",
    validation_status=422,
    validation_code="VALIDATION_ERROR",
    problem_fields=_problem_fields,
    invalid_bodies=(
        ({"tags": "VIP"}, "tags"),
        ({"email": "not-an-email"}, "email"),
        ({"tags": [1]}, "tags.0"),
        ({"note_attributes": [{"name": "gift"}]}, "note_attributes.0.value"),
        ({"shipping_address": {"zip": 90001}}, "shipping_address.zip"),
        ({"status": "cancelled"}, "status"),  # not a field LaunchMyStore updates
        ({"financial_status": "paid"}, "financial_status"),  # payments and refunds change it
        ({"fulfillment_status": "fulfilled"}, "fulfillment_status"),  # the Fulfill Order endpoint
    ),
    documented_validation=(
        {"email": "not-an-email"},
        {
            "success": False,
            "error": {
                "code": "VALIDATION_ERROR",
                "message": "Invalid request body",
                "details": [{"field": "email", "message": "must be a valid email address"}],
            },
        },
    ),
    updates=(
        UpdateCase(
            {
                "note": "Leave at the door",
                "tags": ["gift"],
                "email": "john@example.org",
                "phone": "+13105550100",
                "shipping_address": {"address1": "1 Main St", "zip": "90002"},
                "billing_address": {"company": "Acme"},
                "note_attributes": [{"name": "source", "value": "phone"}],
            },
            after={
                "note": "Leave at the door",
                "tags": ["gift"],  # replaced, not merged with VIP and priority
                "email": "john@example.org",
                "phone": "+13105550100",
                # an address is merged field by field: the example's, with the two fields sent
                "shipping_address": {
                    "first_name": "John",
                    "last_name": "Doe",
                    "address1": "1 Main St",
                    "city": "Los Angeles",
                    "province": "CA",
                    "country": "US",
                    "zip": "90002",
                },
                "billing_address.company": "Acme",
                "billing_address.first_name": "John",
                "note_attributes": [{"name": "source", "value": "phone"}],
                "financial_status": "paid",
                "fulfillment_status": "unfulfilled",
            },
        ),
        UpdateCase({"tags": ["new"]}, after={"tags": ["new"]}, before={"tags": ["VIP", "priority"]}),
        UpdateCase({"tags": []}, after={"tags": []}, before={"tags": ["VIP", "priority"]}),
        UpdateCase(
            {"shipping_address": {"city": "Austin"}},
            after={"shipping_address": {"city": "Austin"}},
            before={"shipping_address": None},
            order_id="ord_def456",  # the guest order of the sandbox, which has no address
        ),
    ),
    closed_orders=ClosedOrders("ord_ghi789", "status", frozenset({"cancelled", "closed"}), 409, "ORDER_CLOSED"),
    spec_breaking=("order_number", "not-an-integer"),
    success_flag="success",
    bulk_order_id=lambda n: f"ord_bulk{n:06d}",
    generated=_GENERATED,
    request_constraints=_CONSTRAINTS,
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
    # -- t15-ops
    amount_fields={"total_price": "total"},
    created_at_field="created_at",
    allowed_nulls=(
        (
            {"note": None, "phone": None, "shipping_address": None, "billing_address": None, "customer": None},
            {"notes": None, "phone": None, "shipping_address": None, "billing_address": None, "customer": None},
        ),
        ({"line_items": [{"id": "li", "sku": None}]}, {"line_items": (LineItem(id="li"),)}),
    ),
    odd_error_bodies=(
        (503, {"body": b"upstream connect error", "content_type": "text/plain"}),
        (409, {"json": {"success": False, "error": None}}),
        (422, {"json": {"success": False, "error": {"code": ["VALIDATION_ERROR"]}}}),
        (404, {"body": b"{not json", "content_type": "application/json"}),
    ),
    # -- t15-facade2
    # its example shows `confirmed`, and the page speaks of closed and cancelled orders; a null fulfillment status
    # (the spec's nullable) is an order not yet fulfilled
    documented_statuses={
        "status": (("status",), ("confirmed", "closed", "cancelled")),
        "financial_status": (
            ("payment_status",),
            ("pending", "authorized", "paid", "partially_paid", "refunded", "partially_refunded", "voided"),
        ),
        "fulfillment_status": (("fulfillment_status",), ("unfulfilled", "partial", "fulfilled", None)),
    },
    key_reads=(
        (
            {"status": "confirmed", "financial_status": "partially_refunded", "fulfillment_status": "partial"},
            (OrderStatus.OPEN, PaymentStatus.PARTIALLY_REFUNDED, FulfillmentStatus.PARTIAL),
        ),
        (
            {"status": "cancelled", "financial_status": "voided", "fulfillment_status": None},
            (OrderStatus.CANCELLED, PaymentStatus.VOIDED, FulfillmentStatus.UNFULFILLED),
        ),
        ({"status": "closed"}, (OrderStatus.COMPLETED, PaymentStatus.PAID, FulfillmentStatus.UNFULFILLED)),
    ),
    sent_as_given=(
        ({"tags": []}, {"tags": []}),
        ({"tags": ("a",)}, {"tags": ["a"]}),
        ({"tags": ["VIP"]}, {"tags": ["VIP"]}),
        ({"note_attributes": {}}, {"note_attributes": []}),
        ({"note_attributes": {"gift": "yes"}}, {"note_attributes": [{"name": "gift", "value": "yes"}]}),
        (
            {"note_attributes": {"message": "Happy\nbirthday"}},
            {"note_attributes": [{"name": "message", "value": "Happy\nbirthday"}]},
        ),
        ({"shipping_address": Address(zip="10115")}, {"shipping_address": {"zip": "10115"}}),
        ({"shipping_address": {"city": "Paris"}}, {"shipping_address": {"city": "Paris"}}),
        ({"billing_address": {"first_name": "Ada"}}, {"billing_address": {"first_name": "Ada"}}),
        ({"tags": ("a", "b"), "notes": "ünïcode ✓"}, {"tags": ["a", "b"], "note": "ünïcode ✓"}),
        ({"email": "ada@example.com", "phone": "+1 555 0100"}, {"email": "ada@example.com", "phone": "+1 555 0100"}),
    ),
)
