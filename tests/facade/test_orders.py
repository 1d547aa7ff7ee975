"""The Order each vendor's answer becomes: every field of the common model, money as Decimal, aware datetimes,
nulls as None, ``raw`` exactly as received, immutability, and lenient reading of fields of the wrong type."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from storefronts import (
    FulfillmentStatus,
    Order,
    OrderStatus,
    PaymentStatus,
    Vendor,
)
from tests.facade.support import VENDORS, ok, order_payload, success_body, update
from tests.support.loopback import LoopbackServer, Reply
from tests.vendors import table

pytestmark = pytest.mark.anyio

UTC = dt.UTC


@pytest.mark.parametrize("vendor", VENDORS)
async def test_the_example_order_reads_field_by_field(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    server.replies.append(ok(vendor))
    order = await update(mode, vendor, server, notes="x")
    assert order == Order(vendor=vendor, **table(vendor).example_read)  # attrs equality: every field but raw
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


FLOATS = [
    (249.9, Decimal("249.9")),
    (0.1, Decimal("0.1")),
    (1e-7, Decimal("1E-7")),
    (10, Decimal("10")),
    (0, Decimal("0")),
]


def _amount_fields(vendor: Vendor) -> list[tuple[str, str]]:
    fields = list(table(vendor).amount_fields.items())
    if not fields:
        pytest.skip(f"{vendor.value}'s spec types no order amount as a JSON number")
    return fields


@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize(("sent", "read"), FLOATS)
async def test_a_float_amount_reads_as_its_shortest_decimal(
    *, vendor: Vendor, sent: Any, read: Decimal, mode: str, server: LoopbackServer
) -> None:
    for field, attribute in _amount_fields(vendor):
        server.replies.append(ok(vendor, **{field: sent}))
        order = await update(mode, vendor, server, notes="x")
        assert getattr(order, attribute) == read, field
        assert str(getattr(order, attribute)) == str(read)  # not Decimal(249.9) = 249.900000000000005684...


@pytest.mark.parametrize("vendor", VENDORS)
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
    *, vendor: Vendor, sent: Any, read: dt.datetime | None, mode: str, server: LoopbackServer
) -> None:
    field = table(vendor).created_at_field
    if field is None:
        pytest.skip(f"{vendor.value}'s orders carry no creation time")
    server.replies.append(ok(vendor, **{field: sent}))
    order = await update(mode, vendor, server, notes="x")
    assert order.created_at == read
    if order.created_at is not None:
        assert order.created_at.tzinfo is not None
        assert order.created_at.utcoffset() is not None


NULLS = [
    pytest.param(vendor, dict(changes), dict(expected), id=f"{vendor.value}-{index}")
    for vendor in VENDORS
    for index, (changes, expected) in enumerate(table(vendor).allowed_nulls)
]
NULLS += [
    pytest.param(
        vendor, {}, {}, id=vendor.value, marks=pytest.mark.skip(reason=f"{vendor.value}'s spec allows no null")
    )
    for vendor in VENDORS
    if not table(vendor).allowed_nulls
]


@pytest.mark.parametrize(("vendor", "changes", "expected"), NULLS)
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
    envelope = table(vendor).envelope
    assert envelope is None or envelope not in result.raw  # the order object, not the envelope


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


@pytest.mark.parametrize("vendor", VENDORS)
async def test_a_200_whose_fields_are_all_wrong_types_still_returns_an_order(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    payload = table(vendor).wrong_types
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
    assert order.notes == table(vendor).example_read["notes"]


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


def _strings(value: Any) -> list[str]:
    """Every string of a JSON value, keys aside."""
    if isinstance(value, str):
        return [value]
    members = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for member in members for text in _strings(member)]


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
    if table(vendor).example_read["id"] in _strings(order_payload(vendor)):  # an id sent as a string (not 1001)
        assert order.id is not None and order.id.endswith(_REPLACED)
    assert order.raw == payload  # raw stays exactly as received
