"""``update_order`` arguments, end to end: what reaches the vendor's server, and what is refused before anything does.

The expected bodies are written out by hand from each vendor's spec (``tests/facade/support.py``), not read from the
adapters, so a wrong field name or a silently dropped argument fails here.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import pytest

from storefronts import (
    Address,
    FulfillmentStatus,
    InvalidUpdateError,
    OrderStatus,
    PaymentStatus,
    StorefrontError,
    UnsupportedUpdateError,
    Vendor,
)
from tests.facade.support import (
    BITBYBIT,
    LAUNCHMYSTORE,
    ORDER_ID,
    SALESIVE,
    SAMPLES,
    SUPPORTED,
    UPDATE_FIELDS,
    VENDORS,
    WIRE,
    ok,
    update,
)
from tests.support.loopback import LoopbackServer

pytestmark = pytest.mark.anyio

SUPPORTED_PAIRS = [(vendor, field) for vendor in VENDORS for field in UPDATE_FIELDS if field in SUPPORTED[vendor]]
UNSUPPORTED_PAIRS = [(vendor, field) for vendor in VENDORS for field in UPDATE_FIELDS if field not in SUPPORTED[vendor]]


def _ids(pair: tuple[Vendor, str]) -> str:
    return f"{pair[0].value}-{pair[1]}"


def _supporters(field: str) -> set[str]:
    return {vendor.value for vendor in VENDORS if field in SUPPORTED[vendor]}


async def _refused(
    mode: str,
    vendor: Vendor,
    server: LoopbackServer,
    error: type[StorefrontError],
    order_id: Any = ORDER_ID,
    **fields: Any,
) -> Any:
    """The error ``update_order`` raises, after checking that nothing reached the server."""
    server.replies.append(ok(vendor))
    with pytest.raises(error) as caught:
        await update(mode, vendor, server, order_id, **fields)
    assert server.requests == [], "a refused update must not send anything"
    assert "Nothing was sent" in str(caught.value)
    return caught.value


# -- supported fields: exactly the documented body --------------------------------------------------------------


@pytest.mark.parametrize(("vendor", "field"), SUPPORTED_PAIRS, ids=[_ids(p) for p in SUPPORTED_PAIRS])
async def test_each_supported_field_is_sent_under_the_vendors_name(
    vendor: Vendor, field: str, mode: str, server: LoopbackServer
) -> None:
    server.replies.append(ok(vendor))
    await update(mode, vendor, server, **{field: SAMPLES[field]})
    (request,) = server.requests
    assert request.json() == WIRE[vendor][field]  # exactly this: an argument left out is absent from the body


@pytest.mark.parametrize("vendor", VENDORS)
async def test_all_supported_fields_at_once(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    fields = {field: SAMPLES[field] for field in SUPPORTED[vendor]}
    if vendor is SALESIVE:
        del fields["payment_status"]  # Salesive's single status field: one of the two (see the next test)
    expected: dict[str, Any] = {}
    for field in fields:
        expected.update(WIRE[vendor][field])
    server.replies.append(ok(vendor))
    await update(mode, vendor, server, **fields)
    assert server.requests[0].json() == expected


async def test_salesive_takes_status_or_payment_status_not_both(mode: str, server: LoopbackServer) -> None:
    error = await _refused(
        mode, SALESIVE, server, InvalidUpdateError, status=OrderStatus.PROCESSING, payment_status=PaymentStatus.PAID
    )
    assert error.field == "payment_status"


@pytest.mark.parametrize(
    ("vendor", "kwargs", "body"),
    [
        (SALESIVE, {"shipping_cost": Decimal("0.1"), "discount": 0}, {"shippingCost": 0.1, "discount": 0}),
        (SALESIVE, {"shipping_cost": 1500, "discount": 249.9}, {"shippingCost": 1500, "discount": 249.9}),
        (SALESIVE, {"shipping_cost": "12.25"}, {"shippingCost": 12.25}),
        (LAUNCHMYSTORE, {"tags": []}, {"tags": []}),
        (LAUNCHMYSTORE, {"tags": ("a",)}, {"tags": ["a"]}),
        (LAUNCHMYSTORE, {"note_attributes": {}}, {"note_attributes": []}),
        (LAUNCHMYSTORE, {"notes": ""}, {"note": ""}),
        (LAUNCHMYSTORE, {"shipping_address": Address(zip="10115")}, {"shipping_address": {"zip": "10115"}}),
        (
            BITBYBIT,
            {"status": "archived", "payment_status": "refunded"},
            {"status": "archived", "financialStatus": "refunded"},
        ),
        (BITBYBIT, {"notes": "naïve café ✓"}, {"notes": "naïve café ✓"}),
    ],
)
async def test_edge_values_are_sent_as_given(
    vendor: Vendor, kwargs: dict[str, Any], body: dict[str, Any], mode: str, server: LoopbackServer
) -> None:
    server.replies.append(ok(vendor))
    await update(mode, vendor, server, **kwargs)
    sent = server.requests[0].json()
    assert sent == body
    for key, value in body.items():  # 0.1 must arrive as the JSON number 0.1, 1500 as an integer
        assert type(sent[key]) is type(value)


# -- unsupported fields: refused, named, nothing sent -----------------------------------------------------------


@pytest.mark.parametrize(("vendor", "field"), UNSUPPORTED_PAIRS, ids=[_ids(p) for p in UNSUPPORTED_PAIRS])
async def test_each_unsupported_field_is_refused_before_sending(
    vendor: Vendor, field: str, mode: str, server: LoopbackServer
) -> None:
    error = await _refused(mode, vendor, server, UnsupportedUpdateError, **{field: SAMPLES[field]})
    assert error.vendor == vendor.value
    assert error.fields == (field,)
    assert vendor.value in str(error)
    assert field in str(error)
    assert set(error.supported_by[field]) == _supporters(field) - {vendor.value}
    for supporter in error.supported_by[field]:
        assert supporter in str(error)


@pytest.mark.parametrize(
    ("vendor", "fields"),
    [
        (BITBYBIT, ("tags", "shipping_cost")),
        (SALESIVE, ("fulfillment_status", "email")),
        (LAUNCHMYSTORE, ("status", "discount")),
        (LAUNCHMYSTORE, ("payment_status", "fulfillment_status", "shipping_cost")),
    ],
)
async def test_every_offending_field_is_named_at_once(
    vendor: Vendor, fields: tuple[str, ...], mode: str, server: LoopbackServer
) -> None:
    # a supported field alongside must not be sent either: the update is all or nothing
    error = await _refused(
        mode, vendor, server, UnsupportedUpdateError, notes="kept", **{f: SAMPLES[f] for f in fields}
    )
    assert set(error.fields) == set(fields)
    message = str(error)
    assert message.startswith(vendor.value)
    for field in fields:
        assert field in message
        assert set(error.supported_by[field]) == _supporters(field)
    assert "notes" not in error.fields


async def test_unsupported_message_says_who_does_support(mode: str, server: LoopbackServer) -> None:
    error = await _refused(mode, BITBYBIT, server, UnsupportedUpdateError, tags=["VIP"], shipping_cost=5)
    message = str(error)
    assert "tags (" in message
    assert "supported by: launchmystore" in message
    assert "supported by: salesive" in message


# -- None means "clear it": only where the spec allows null (nowhere, in today's request schemas) ----------------


@pytest.mark.parametrize(("vendor", "field"), SUPPORTED_PAIRS, ids=[_ids(p) for p in SUPPORTED_PAIRS])
async def test_none_is_refused_where_the_spec_allows_no_null(
    vendor: Vendor, field: str, mode: str, server: LoopbackServer
) -> None:
    error = await _refused(mode, vendor, server, UnsupportedUpdateError, **{field: None})
    assert error.fields == (field,)
    assert "null" in str(error)


async def test_none_on_an_unsupported_field_is_refused_too(mode: str, server: LoopbackServer) -> None:
    error = await _refused(mode, LAUNCHMYSTORE, server, UnsupportedUpdateError, status=None, shipping_cost=None)
    assert set(error.fields) == {"status", "shipping_cost"}


# -- invalid values: InvalidUpdateError naming the field, nothing sent ------------------------------------------

INVALID: list[tuple[Vendor, str, Any]] = [
    # money (Salesive takes both amounts)
    (SALESIVE, "shipping_cost", -1),
    (SALESIVE, "shipping_cost", Decimal("-0.01")),
    (SALESIVE, "shipping_cost", math.nan),
    (SALESIVE, "shipping_cost", math.inf),
    (SALESIVE, "discount", -math.inf),
    (SALESIVE, "discount", Decimal("NaN")),
    (SALESIVE, "discount", Decimal("sNaN")),
    (SALESIVE, "discount", Decimal("Infinity")),
    (SALESIVE, "discount", True),
    (SALESIVE, "discount", False),
    (SALESIVE, "discount", "ten"),
    (SALESIVE, "discount", [5]),
    (SALESIVE, "discount", Decimal("0.1000000000000000055511151231257827")),  # a float would round it
    (SALESIVE, "shipping_cost", Decimal("1e5000")),  # no JSON number a vendor reads can hold it
    (SALESIVE, "shipping_cost", 2**53 + 1),  # a 64-bit float would round it
    # text
    (SALESIVE, "notes", 42),
    (BITBYBIT, "notes", b"bytes"),
    (BITBYBIT, "notes", "lone \ud800 surrogate"),
    (LAUNCHMYSTORE, "email", "ada.example.com"),
    (LAUNCHMYSTORE, "email", "ada@"),
    (LAUNCHMYSTORE, "email", "@example.com"),
    (LAUNCHMYSTORE, "email", "ada@ex@ample.com"),
    (LAUNCHMYSTORE, "email", "ada lovelace@example.com"),
    (LAUNCHMYSTORE, "email", ""),
    (LAUNCHMYSTORE, "phone", ""),
    (LAUNCHMYSTORE, "phone", 5550100),
    # statuses of the wrong type or value
    (BITBYBIT, "status", 1),
    (BITBYBIT, "status", "bogus"),
    (BITBYBIT, "status", "CANCELLED"),
    (BITBYBIT, "status", OrderStatus.UNKNOWN),
    (BITBYBIT, "status", PaymentStatus.REFUNDED),  # another axis, even though "refunded" is an OrderStatus too
    (SALESIVE, "status", PaymentStatus.PENDING),
    (BITBYBIT, "payment_status", FulfillmentStatus.FULFILLED),
    (BITBYBIT, "payment_status", PaymentStatus.UNKNOWN),
    (BITBYBIT, "fulfillment_status", True),
    (BITBYBIT, "fulfillment_status", OrderStatus.CANCELLED),
    # collections
    (LAUNCHMYSTORE, "tags", "VIP"),
    (LAUNCHMYSTORE, "tags", b"VIP"),
    (LAUNCHMYSTORE, "tags", ["VIP", 3]),
    (LAUNCHMYSTORE, "tags", ["VIP", " "]),
    (LAUNCHMYSTORE, "tags", {"VIP": True}),
    (LAUNCHMYSTORE, "shipping_address", {"street": "1 Main St"}),
    (LAUNCHMYSTORE, "shipping_address", {"city": 5}),
    (LAUNCHMYSTORE, "shipping_address", {}),
    (LAUNCHMYSTORE, "billing_address", Address()),
    (LAUNCHMYSTORE, "billing_address", Address(name="Ada Lovelace")),
    (LAUNCHMYSTORE, "billing_address", "1 Main St, London"),
    (LAUNCHMYSTORE, "note_attributes", [("gift", "yes")]),
    (LAUNCHMYSTORE, "note_attributes", {"gift": 1}),
    (LAUNCHMYSTORE, "note_attributes", {"": "yes"}),
]


@pytest.mark.parametrize(("vendor", "field", "value"), INVALID, ids=[f"{v.value}-{f}-{x!r}" for v, f, x in INVALID])
async def test_invalid_value_names_the_field(
    vendor: Vendor, field: str, value: Any, mode: str, server: LoopbackServer
) -> None:
    error = await _refused(mode, vendor, server, InvalidUpdateError, **{field: value})
    assert error.field.split(".")[0] == field
    assert str(error).startswith(field)
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("order_id", ["", "   ", None, 123, b"ord_1", "ord_\udcff"])
@pytest.mark.parametrize("vendor", VENDORS)
async def test_invalid_order_id(vendor: Vendor, order_id: Any, mode: str, server: LoopbackServer) -> None:
    error = await _refused(mode, vendor, server, InvalidUpdateError, order_id, notes="x")
    assert error.field == "order_id"
    assert "order_id" in str(error)


@pytest.mark.parametrize("vendor", VENDORS)
async def test_nothing_to_update(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    error = await _refused(mode, vendor, server, InvalidUpdateError)
    assert "nothing to update" in str(error)


async def test_an_invalid_value_is_reported_even_beside_valid_ones(mode: str, server: LoopbackServer) -> None:
    error = await _refused(mode, LAUNCHMYSTORE, server, InvalidUpdateError, notes="fine", email="nope")
    assert error.field == "email"
