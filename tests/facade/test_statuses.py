"""Statuses both ways, end to end: each vendor value reads as one canonical value per axis, and each canonical value
is sent only as a vendor value of the same meaning.

Three sources of expectation, on purpose: the vendors' specs (every documented value must read as something known),
hand-written expectations for the values that matter most, and the adapters' own tables (so every row of the
README's mapping table is exercised through a real response).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import pytest
from ruamel.yaml import YAML

from storefronts import (
    FulfillmentStatus,
    Order,
    OrderStatus,
    PaymentStatus,
    UnsupportedUpdateError,
    Vendor,
)
from storefronts._registry import adapter_for
from tests.facade.support import (
    AXES,
    BITBYBIT,
    LAUNCHMYSTORE,
    SALESIVE,
    STATUS_WIRE_KEY,
    VENDORS,
    WRITE_STATUSES,
    ok,
    update,
)
from tests.support.loopback import LoopbackServer
from tests.vendors import table

pytestmark = pytest.mark.anyio

U_ORDER, U_PAYMENT, U_FULFILLMENT = OrderStatus.UNKNOWN, PaymentStatus.UNKNOWN, FulfillmentStatus.UNKNOWN


async def _read(mode: str, vendor: Vendor, server: LoopbackServer, **changes: Any) -> Order:
    """The Order the facade makes of the vendor's example order with ``changes`` (vendor field names)."""
    server.replies.append(ok(vendor, **changes))
    return await update(mode, vendor, server, notes="x")


def _axes(order: Order) -> tuple[OrderStatus, PaymentStatus, FulfillmentStatus]:
    return order.status, order.payment_status, order.fulfillment_status


# -- reading: what each vendor documents ------------------------------------------------------------------------


def _spec_enum(vendor: str, *path: str) -> list[str]:
    node: Any = YAML(typ="safe", pure=True).load(table(vendor).spec_path.read_text("utf-8"))
    for key in path:
        node = node[key]
    return [str(value) for value in node["enum"]]


_BITBYBIT_ORDER = ("components", "schemas", "Order", "properties")
_SALESIVE_BODY = ("paths", "/orders/{id}", "put", "requestBody", "content", "application/json", "schema", "properties")
# (vendor, response field, the axis it carries, its documented values)
DOCUMENTED: list[tuple[Vendor, str, str, list[str]]] = [
    (BITBYBIT, "status", "status", _spec_enum("bitbybit", *_BITBYBIT_ORDER, "status")),
    (BITBYBIT, "financialStatus", "payment_status", _spec_enum("bitbybit", *_BITBYBIT_ORDER, "financialStatus")),
    (
        BITBYBIT,
        "fulfillmentStatus",
        "fulfillment_status",
        _spec_enum("bitbybit", *_BITBYBIT_ORDER, "fulfillmentStatus"),
    ),
    # Salesive's response `status` is a plain string; the values it takes are those of the update body's enum
    (SALESIVE, "status", "status", _spec_enum("salesive", *_SALESIVE_BODY, "status")),
    # LaunchMyStore shows `confirmed` in its example and speaks of closed and cancelled orders
    (LAUNCHMYSTORE, "status", "status", ["confirmed", "closed", "cancelled"]),
    (
        LAUNCHMYSTORE,
        "financial_status",
        "payment_status",
        _spec_enum("launchmystore", "components", "schemas", "FinancialStatus"),
    ),
    (
        LAUNCHMYSTORE,
        "fulfillment_status",
        "fulfillment_status",
        _spec_enum("launchmystore", "components", "schemas", "FulfillmentStatus"),
    ),
]
DOCUMENTED_VALUES = [(v, field, axis, value) for v, field, axis, values in DOCUMENTED for value in values]


def test_the_specs_document_what_we_think() -> None:
    counts = {(vendor, field): len(values) for vendor, field, _, values in DOCUMENTED}
    assert counts == {
        (BITBYBIT, "status"): 4,
        (BITBYBIT, "financialStatus"): 3,
        (BITBYBIT, "fulfillmentStatus"): 2,
        (SALESIVE, "status"): 6,
        (LAUNCHMYSTORE, "status"): 3,
        (LAUNCHMYSTORE, "financial_status"): 7,
        (LAUNCHMYSTORE, "fulfillment_status"): 3,
    }


@pytest.mark.parametrize(
    ("vendor", "field", "axis", "value"),
    DOCUMENTED_VALUES,
    ids=[f"{v.value}-{f}-{x}" for v, f, _, x in DOCUMENTED_VALUES],
)
async def test_every_documented_value_reads_as_a_known_canonical_value(
    *, vendor: Vendor, field: str, axis: str, value: str, mode: str, server: LoopbackServer
) -> None:
    order = await _read(mode, vendor, server, **{field: value})
    canonical = getattr(order, axis)
    assert isinstance(canonical, AXES[axis])
    assert canonical.value != "unknown"
    assert order.raw[field] == value


# -- reading: the values that matter most, written out ----------------------------------------------------------

KEY_READS: list[tuple[Vendor, dict[str, Any], tuple[OrderStatus, PaymentStatus, FulfillmentStatus]]] = [
    # Salesive's single status carries all three axes
    (SALESIVE, {"status": "completed"}, (OrderStatus.COMPLETED, PaymentStatus.PAID, FulfillmentStatus.FULFILLED)),
    (SALESIVE, {"status": "paid"}, (OrderStatus.OPEN, PaymentStatus.PAID, FulfillmentStatus.UNFULFILLED)),
    (SALESIVE, {"status": "processing"}, (OrderStatus.PROCESSING, PaymentStatus.PAID, FulfillmentStatus.UNFULFILLED)),
    (SALESIVE, {"status": "pending"}, (OrderStatus.PENDING, PaymentStatus.PENDING, FulfillmentStatus.UNFULFILLED)),
    (SALESIVE, {"status": "refunded"}, (OrderStatus.REFUNDED, PaymentStatus.REFUNDED, U_FULFILLMENT)),
    # bitbybit: one field per axis, each read on its own
    (
        BITBYBIT,
        {"status": "active", "financialStatus": "pending", "fulfillmentStatus": "unfulfilled"},
        (OrderStatus.OPEN, PaymentStatus.PENDING, FulfillmentStatus.UNFULFILLED),
    ),
    (
        BITBYBIT,
        {"status": "cancelled", "financialStatus": "refunded", "fulfillmentStatus": "fulfilled"},
        (OrderStatus.CANCELLED, PaymentStatus.REFUNDED, FulfillmentStatus.FULFILLED),
    ),
    (BITBYBIT, {"status": "archived"}, (OrderStatus.ARCHIVED, PaymentStatus.PAID, FulfillmentStatus.UNFULFILLED)),
    # LaunchMyStore: the example's confirmed order, and a null fulfillment status is an unfulfilled order
    (
        LAUNCHMYSTORE,
        {"status": "confirmed", "financial_status": "partially_refunded", "fulfillment_status": "partial"},
        (OrderStatus.OPEN, PaymentStatus.PARTIALLY_REFUNDED, FulfillmentStatus.PARTIAL),
    ),
    (
        LAUNCHMYSTORE,
        {"status": "cancelled", "financial_status": "voided", "fulfillment_status": None},
        (OrderStatus.CANCELLED, PaymentStatus.VOIDED, FulfillmentStatus.UNFULFILLED),
    ),
    (LAUNCHMYSTORE, {"status": "closed"}, (OrderStatus.COMPLETED, PaymentStatus.PAID, FulfillmentStatus.UNFULFILLED)),
]


@pytest.mark.parametrize(("vendor", "changes", "expected"), KEY_READS, ids=[f"{v.value}-{c}" for v, c, _ in KEY_READS])
async def test_key_values_read_as_expected(
    vendor: Vendor,
    changes: dict[str, Any],
    expected: tuple[OrderStatus, PaymentStatus, FulfillmentStatus],
    mode: str,
    server: LoopbackServer,
) -> None:
    assert _axes(await _read(mode, vendor, server, **changes)) == expected


# -- reading: values nobody documented --------------------------------------------------------------------------

UNDOCUMENTED: list[tuple[Vendor, str, Any, tuple[Enum, ...]]] = [
    (BITBYBIT, "status", "on_hold", (U_ORDER, PaymentStatus.PAID, FulfillmentStatus.UNFULFILLED)),
    (BITBYBIT, "financialStatus", "on_hold", (OrderStatus.OPEN, U_PAYMENT, FulfillmentStatus.UNFULFILLED)),
    (BITBYBIT, "fulfillmentStatus", "on_hold", (OrderStatus.OPEN, PaymentStatus.PAID, U_FULFILLMENT)),
    (SALESIVE, "status", "on_hold", (U_ORDER, U_PAYMENT, U_FULFILLMENT)),
    (LAUNCHMYSTORE, "status", "on_hold", (U_ORDER, PaymentStatus.PAID, FulfillmentStatus.UNFULFILLED)),
    (LAUNCHMYSTORE, "financial_status", "on_hold", (OrderStatus.OPEN, U_PAYMENT, FulfillmentStatus.UNFULFILLED)),
    (LAUNCHMYSTORE, "fulfillment_status", "on_hold", (OrderStatus.OPEN, PaymentStatus.PAID, U_FULFILLMENT)),
    # not even strings: still UNKNOWN, never an exception
    (BITBYBIT, "status", 3, (U_ORDER, PaymentStatus.PAID, FulfillmentStatus.UNFULFILLED)),
    (BITBYBIT, "financialStatus", None, (OrderStatus.OPEN, U_PAYMENT, FulfillmentStatus.UNFULFILLED)),
    (SALESIVE, "status", {"code": "paid"}, (U_ORDER, U_PAYMENT, U_FULFILLMENT)),
    (SALESIVE, "status", None, (U_ORDER, U_PAYMENT, U_FULFILLMENT)),
    (LAUNCHMYSTORE, "financial_status", ["paid"], (OrderStatus.OPEN, U_PAYMENT, FulfillmentStatus.UNFULFILLED)),
    (LAUNCHMYSTORE, "status", "CONFIRMED", (U_ORDER, PaymentStatus.PAID, FulfillmentStatus.UNFULFILLED)),
]


@pytest.mark.parametrize(
    ("vendor", "field", "value", "expected"), UNDOCUMENTED, ids=[f"{v.value}-{f}-{x!r}" for v, f, x, _ in UNDOCUMENTED]
)
async def test_an_undocumented_value_reads_as_unknown_and_stays_in_raw(
    *, vendor: Vendor, field: str, value: Any, expected: tuple[Enum, ...], mode: str, server: LoopbackServer
) -> None:
    order = await _read(mode, vendor, server, **{field: value})
    assert _axes(order) == expected
    assert order.raw[field] == value


async def test_a_missing_launchmystore_fulfillment_status_is_unknown_not_unfulfilled(
    mode: str, server: LoopbackServer
) -> None:
    body = ok(LAUNCHMYSTORE)
    del body.json["data"]["fulfillment_status"]
    server.replies.append(body)
    order = await update(mode, LAUNCHMYSTORE, server, notes="x")
    assert order.fulfillment_status is FulfillmentStatus.UNKNOWN


# -- reading: every row of the adapters' own tables -------------------------------------------------------------


def _canonical_by_axis(entry: Any) -> dict[str, Enum]:
    """A read-table entry (one canonical value, or a lifecycle/payment/fulfillment triple) by axis."""
    if isinstance(entry, tuple):
        return dict(zip(AXES, entry, strict=True))
    (axis,) = [name for name, enum_type in AXES.items() if isinstance(entry, enum_type)]
    return {axis: entry}


ADAPTER_ROWS = [
    (vendor, field, value, entry)
    for vendor in VENDORS
    for field, table in adapter_for(vendor).read_statuses.items()
    for value, entry in table.items()
]


@pytest.mark.parametrize(
    ("vendor", "field", "value", "entry"), ADAPTER_ROWS, ids=[f"{v.value}-{f}-{x}" for v, f, x, _ in ADAPTER_ROWS]
)
async def test_every_row_of_the_adapters_read_tables_holds_end_to_end(
    *, vendor: Vendor, field: str, value: str, entry: Any, mode: str, server: LoopbackServer
) -> None:
    order = await _read(mode, vendor, server, **{field: value})
    for axis, canonical in _canonical_by_axis(entry).items():
        assert getattr(order, axis) is canonical, axis


def test_the_adapters_read_tables_cover_every_documented_value() -> None:
    for vendor, field, _, values in DOCUMENTED:
        assert set(values) <= set(adapter_for(vendor).read_statuses[field]), (vendor, field)


# -- writing: every canonical value, on every vendor ------------------------------------------------------------

WRITES = [
    (vendor, axis, member)
    for vendor in VENDORS
    for axis, enum_type in AXES.items()
    for member in enum_type
    if member.value != "unknown"
]


@pytest.mark.parametrize(("vendor", "axis", "member"), WRITES, ids=[f"{v.value}-{m!r}" for v, _, m in WRITES])
async def test_every_canonical_value_is_sent_as_its_vendor_equivalent_or_refused(
    vendor: Vendor, axis: str, member: Enum, mode: str, server: LoopbackServer
) -> None:
    server.replies.append(ok(vendor))
    expected = WRITE_STATUSES[vendor][axis].get(member)
    if expected is not None:
        await update(mode, vendor, server, **{axis: member})
        assert server.requests[0].json == {STATUS_WIRE_KEY[vendor][axis]: expected}
        return
    with pytest.raises(UnsupportedUpdateError) as caught:
        await update(mode, vendor, server, **{axis: member})
    assert server.requests == []
    assert caught.value.fields == (axis,)
    assert vendor.value in str(caught.value)
    supporters = {other.value for other in VENDORS if member in WRITE_STATUSES[other][axis]}
    assert set(caught.value.supported_by[axis]) == supporters


@pytest.mark.parametrize(
    ("vendor", "axis", "member"),
    [(v, a, m) for v, a, m in WRITES if m in WRITE_STATUSES[v][a]],
    ids=[f"{v.value}-{m!r}" for v, a, m in WRITES if m in WRITE_STATUSES[v][a]],
)
async def test_what_is_sent_reads_back_as_what_was_asked(
    vendor: Vendor, axis: str, member: Enum, mode: str, server: LoopbackServer
) -> None:
    """Updates never lose meaning: the vendor value we send for a canonical value reads back as that value."""
    order = await _read(mode, vendor, server, **{STATUS_WIRE_KEY[vendor][axis]: WRITE_STATUSES[vendor][axis][member]})
    assert getattr(order, axis) is member


async def test_a_plain_string_is_taken_as_the_canonical_value(mode: str, server: LoopbackServer) -> None:
    server.replies.append(ok(SALESIVE))
    await update(mode, SALESIVE, server, status="cancelled")
    assert server.requests[0].json == {"status": "cancelled"}


async def test_salesive_open_is_refused_because_paid_would_also_assert_payment(
    mode: str, server: LoopbackServer
) -> None:
    server.replies.append(ok(SALESIVE))
    with pytest.raises(UnsupportedUpdateError) as caught:
        await update(mode, SALESIVE, server, status=OrderStatus.OPEN)
    assert caught.value.supported_by["status"] == ("bitbybit",)
    assert "OrderStatus.OPEN" in str(caught.value)
    assert server.requests == []


def test_write_tables_match_the_adapters() -> None:
    for vendor in VENDORS:
        values = adapter_for(vendor).status_values
        for axis in AXES:
            assert dict(values.get(axis, {})) == WRITE_STATUSES[vendor][axis], (vendor, axis)
