"""The Order each vendor's answer becomes: every field of the common model, money as Decimal, aware datetimes,
nulls as None, ``raw`` exactly as received, immutability, and lenient reading of fields of the wrong type."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from storefronts import (
    Address,
    FulfillmentStatus,
    Order,
    OrderStatus,
    PaymentStatus,
    Vendor,
)
from storefronts._models import Customer, LineItem
from tests.facade.support import BITBYBIT, LAUNCHMYSTORE, SALESIVE, VENDORS, ok, order_payload, success_body, update
from tests.support.loopback import LoopbackServer, Reply

pytestmark = pytest.mark.anyio

UTC = dt.UTC

EXPECTED: dict[Vendor, Order] = {
    BITBYBIT: Order(
        vendor=BITBYBIT,
        id="ord_abc123",
        number="#1001",
        status=OrderStatus.OPEN,
        payment_status=PaymentStatus.PAID,
        fulfillment_status=FulfillmentStatus.UNFULFILLED,
        notes="Leave at the door",
        tags=("VIP",),
        email="ada@example.com",
        phone="+15550100",
        currency="USD",
        total=Decimal("249.9"),
        customer=Customer(id="cus_1", name="Ada Lovelace", email="ada@example.com", phone="+15550100"),
        line_items=(
            LineItem(id="li_1", title="Wireless Earbuds", sku="WE-BLK-01", quantity=2, unit_price=Decimal("124.95")),
        ),
        shipping_address=Address(
            first_name="Ada", last_name="Lovelace", address1="1 Main St", city="London", country="GB", zip="N1 9GU"
        ),
        created_at=dt.datetime(2024, 1, 20, 14, 30, tzinfo=UTC),
        updated_at=dt.datetime(2024, 1, 25, 14, 0, tzinfo=UTC),
    ),
    SALESIVE: Order(
        vendor=SALESIVE,
        id="66b1f0a3c2d4e5f6a7b8c9d0",
        number="1042",
        status=OrderStatus.PROCESSING,
        payment_status=PaymentStatus.PAID,
        fulfillment_status=FulfillmentStatus.UNFULFILLED,
        notes="Packed and awaiting pickup",
        email="ada@example.com",
        phone="+2348012345678",
        subtotal=Decimal("49980"),
        discount=Decimal("500"),
        shipping_cost=Decimal("1500.5"),
        tax=Decimal("0"),
        total=Decimal("50980.5"),
        customer=Customer(
            id="66a0d0e1f2a3b4c5d6e7f8a9", name="Ada Lovelace", email="ada@example.com", phone="+2348012345678"
        ),
        line_items=(
            LineItem(
                id="66b1f0a3c2d4e5f6a7b8c9d1",
                title="Wireless Earbuds",
                sku="WE-BLK-01",
                quantity=2,
                unit_price=Decimal("24990"),
            ),
        ),
        shipping_address=Address(
            name="Ada Lovelace",
            address1="12 Marina Rd",
            city="Lagos",
            province="LA",
            zip="101001",
            country="NG",
            phone="+2348012345678",
        ),
        created_at=dt.datetime(2026, 6, 21, 10, 30, tzinfo=UTC),
        updated_at=dt.datetime(2026, 6, 21, 11, 20, tzinfo=UTC),
    ),
    LAUNCHMYSTORE: Order(
        vendor=LAUNCHMYSTORE,
        id="ord_abc123",
        number="1001",
        status=OrderStatus.OPEN,
        payment_status=PaymentStatus.PAID,
        fulfillment_status=FulfillmentStatus.UNFULFILLED,
        notes="Updated shipping instructions",
        tags=("VIP", "priority"),
        email="customer@example.com",
        phone=None,
        currency="USD",
        subtotal=Decimal("49.89"),
        discount=Decimal("0"),
        shipping_cost=Decimal("10.0"),
        tax=Decimal("0.01"),
        total=Decimal("59.9"),
        customer=Customer(id="cus_9", name="John Doe", email="customer@example.com"),
        line_items=(LineItem(id="li_7", title="Mug", sku=None, quantity=3, unit_price=Decimal("16.63")),),
        shipping_address=Address(
            first_name="John",
            last_name="Doe",
            address1="456 Oak Ave",
            city="Los Angeles",
            province="CA",
            country="US",
            zip="90001",
        ),
        billing_address=None,
        created_at=dt.datetime(2024, 1, 20, 14, 30, tzinfo=UTC),
        updated_at=dt.datetime(2024, 1, 25, 16, 0, tzinfo=UTC),  # sent naive: read as UTC
    ),
}


@pytest.mark.parametrize("vendor", VENDORS)
async def test_the_example_order_reads_field_by_field(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    server.replies.append(ok(vendor))
    order = await update(mode, vendor, server, notes="x")
    assert order == EXPECTED[vendor]  # attrs equality: every field but raw
    assert order.raw == order_payload(vendor)


@pytest.mark.parametrize("vendor", VENDORS)
async def test_money_is_decimal_never_float(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    server.replies.append(ok(vendor))
    order = await update(mode, vendor, server, notes="x")
    amounts = [order.subtotal, order.discount, order.shipping_cost, order.tax, order.total]
    amounts += [item.unit_price for item in order.line_items]
    assert any(amount is not None for amount in amounts)
    for amount in amounts:
        assert amount is None or type(amount) is Decimal


@pytest.mark.parametrize(
    ("vendor", "field", "attribute"),
    [(BITBYBIT, "total", "total"), (SALESIVE, "total", "total"), (LAUNCHMYSTORE, "total_price", "total")],
)
@pytest.mark.parametrize(
    ("sent", "read"),
    [(249.9, Decimal("249.9")), (0.1, Decimal("0.1")), (1e-7, Decimal("1E-7")), (10, Decimal("10")), (0, Decimal("0"))],
)
async def test_a_float_amount_reads_as_its_shortest_decimal(
    *, vendor: Vendor, field: str, attribute: str, sent: Any, read: Decimal, mode: str, server: LoopbackServer
) -> None:
    server.replies.append(ok(vendor, **{field: sent}))
    order = await update(mode, vendor, server, notes="x")
    assert getattr(order, attribute) == read
    assert str(getattr(order, attribute)) == str(read)  # not Decimal(249.9) = 249.900000000000005684...


@pytest.mark.parametrize(
    ("vendor", "field"),
    [(BITBYBIT, "createdAt"), (SALESIVE, "createdAt"), (LAUNCHMYSTORE, "created_at")],
)
@pytest.mark.parametrize(
    ("sent", "read"),
    [
        ("2024-03-01T12:00:00Z", dt.datetime(2024, 3, 1, 12, tzinfo=UTC)),
        ("2024-03-01T12:00:00.123Z", dt.datetime(2024, 3, 1, 12, 0, 0, 123000, tzinfo=UTC)),
        ("2024-03-01T13:00:00+01:00", dt.datetime(2024, 3, 1, 12, tzinfo=UTC)),
        ("2024-03-01T12:00:00", dt.datetime(2024, 3, 1, 12, tzinfo=UTC)),
        ("yesterday", None),
        (1709294400, None),
    ],
)
async def test_datetimes_are_aware(
    *, vendor: Vendor, field: str, sent: Any, read: dt.datetime | None, mode: str, server: LoopbackServer
) -> None:
    server.replies.append(ok(vendor, **{field: sent}))
    order = await update(mode, vendor, server, notes="x")
    assert order.created_at == read
    if order.created_at is not None:
        assert order.created_at.tzinfo is not None
        assert order.created_at.utcoffset() is not None


NULLS: list[tuple[Vendor, dict[str, Any], dict[str, Any]]] = [
    (
        BITBYBIT,
        {"notes": None, "currency": None, "orderNumber": None},
        {"notes": None, "currency": None, "number": None},
    ),
    (
        BITBYBIT,
        {"customer": {"id": "c", "firstName": None, "lastName": None, "email": None, "phoneNumber": None}},
        {"email": None, "phone": None, "customer": Customer(id="c")},
    ),
    (
        LAUNCHMYSTORE,
        {"note": None, "phone": None, "shipping_address": None, "billing_address": None, "customer": None},
        {"notes": None, "phone": None, "shipping_address": None, "billing_address": None, "customer": None},
    ),
    (LAUNCHMYSTORE, {"line_items": [{"id": "li", "sku": None}]}, {"line_items": (LineItem(id="li"),)}),
    (SALESIVE, {"shipment": None, "coupon": None, "payment": None}, {"shipping_address": None}),
    (
        SALESIVE,
        {"items": [{"_id": "i", "product": None, "variant": None, "imageUrl": None}]},
        {"line_items": (LineItem(id="i"),)},
    ),
]


@pytest.mark.parametrize(
    ("vendor", "changes", "expected"), NULLS, ids=[f"{v.value}-{i}" for i, (v, _, _) in enumerate(NULLS)]
)
async def test_nulls_the_spec_allows_read_as_none(
    vendor: Vendor, changes: dict[str, Any], expected: dict[str, Any], mode: str, server: LoopbackServer
) -> None:
    server.replies.append(ok(vendor, **changes))
    order = await update(mode, vendor, server, notes="x")
    for attribute, value in expected.items():
        assert getattr(order, attribute) == value, attribute
    for key, value in changes.items():
        assert order.raw[key] == value


@pytest.mark.parametrize("vendor", VENDORS)
async def test_raw_is_the_order_exactly_as_received(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    order = order_payload(vendor)
    order["x_vendor_extension"] = {"loyalty": {"tier": "gold", "points": 1200}, "flags": [True, None, 1.5]}
    server.replies.append(Reply(json=success_body(vendor, order)))
    result = await update(mode, vendor, server, notes="x")
    assert result.raw == order
    assert result.raw["x_vendor_extension"]["loyalty"]["tier"] == "gold"
    assert "data" not in result.raw  # the order object, not the envelope


@pytest.mark.parametrize("vendor", VENDORS)
async def test_a_minimal_order_reads_with_defaults(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    server.replies.append(Reply(json=success_body(vendor, {})))
    order = await update(mode, vendor, server, notes="x")
    assert order.vendor is vendor
    assert order.id is None
    assert order.tags == ()
    assert order.line_items == ()
    assert order.status is OrderStatus.UNKNOWN
    assert order.payment_status is PaymentStatus.UNKNOWN
    assert order.raw == {}


# Every field of the wrong type: reading never fails, the common model just has nothing to say.
WRONG_TYPES: dict[Vendor, dict[str, Any]] = {
    BITBYBIT: {
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
    SALESIVE: {
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
    LAUNCHMYSTORE: {
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
}


@pytest.mark.parametrize("vendor", VENDORS)
async def test_a_200_whose_fields_are_all_wrong_types_still_returns_an_order(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    payload = WRONG_TYPES[vendor]
    server.replies.append(Reply(json=success_body(vendor, payload)))
    order = await update(mode, vendor, server, notes="x")
    assert order.raw == payload
    for attribute in (
        "id",
        "notes",
        "email",
        "phone",
        "currency",
        "subtotal",
        "discount",
        "shipping_cost",
        "tax",
        "total",
        "customer",
        "shipping_address",
        "billing_address",
        "created_at",
        "updated_at",
    ):
        assert getattr(order, attribute) is None, attribute
    assert order.status is OrderStatus.UNKNOWN
    assert order.payment_status is PaymentStatus.UNKNOWN
    assert order.fulfillment_status is FulfillmentStatus.UNKNOWN
    assert order.tags == ()
    for item in order.line_items:  # whatever survives is empty, never a crash
        assert item.quantity is None
        assert item.unit_price is None


@pytest.mark.parametrize("vendor", VENDORS)
async def test_order_is_immutable(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    server.replies.append(ok(vendor))
    order = await update(mode, vendor, server, notes="x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        order.status = OrderStatus.CANCELLED  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        order.total = Decimal("0")  # type: ignore[misc]
    if order.shipping_address is not None:
        with pytest.raises(dataclasses.FrozenInstanceError):
            order.shipping_address.city = "Elsewhere"  # type: ignore[misc]
    assert isinstance(order.tags, tuple)
    assert isinstance(order.line_items, tuple)
    assert dataclasses.replace(order, notes="changed").notes == "changed"  # a changed copy
    assert order.notes == EXPECTED[vendor].notes


# -- returned text is valid UTF-8 (issue 14.10) -------------------------------------------------------------------

_LONE = "\ud800"
_REPLACED = "\ufffd"


def _walk_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            text
            for field in dataclasses.fields(value)
            if field.name != "raw"
            for text in _walk_strings(getattr(value, field.name))
        ]
    if isinstance(value, tuple | list):
        return [text for item in value for text in _walk_strings(item)]
    return []


def _with_surrogates(value: Any) -> Any:
    """Every string of a payload with a lone surrogate appended (keys of known meaning left alone)."""
    if isinstance(value, str):
        return value + _LONE
    if isinstance(value, dict):
        return {name: _with_surrogates(member) for name, member in value.items()}
    if isinstance(value, list):
        return [_with_surrogates(item) for item in value]
    return value


@pytest.mark.parametrize("vendor", VENDORS)
async def test_lone_surrogates_become_replacement_characters(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    payload = _with_surrogates(order_payload(vendor))
    # JSON carries a lone surrogate as an escape; json.dumps writes exactly that
    server.replies.append(Reply(json=success_body(vendor, payload)))
    order = await update(mode, vendor, server, notes="x")
    strings = _walk_strings(order)
    assert any(_REPLACED in text for text in strings)  # the readers did see them
    for text in strings:
        text.encode("utf-8")  # the caller can encode every string we return
        assert _LONE not in text
    assert order.id is not None and order.id.endswith(_REPLACED)
    assert order.raw == payload  # raw stays exactly as received
