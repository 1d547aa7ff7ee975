"""Statuses both ways, end to end: each vendor value reads as one canonical value per axis, and each canonical value
is sent only as a vendor value of the same meaning.

Three sources of expectation, on purpose: the values each vendor's spec or docs document (every one must read as
something known; written out in its test table and checked against the spec's enums), hand-written expectations for
the values that matter most (its table's ``key_reads``), and the adapters' own tables (so every row of the README's
mapping table is exercised through a real response).
"""

from __future__ import annotations

import re
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


async def _read(mode: str, vendor: Vendor, server: LoopbackServer, **changes: Any) -> Order:
    """The Order the facade makes of the vendor's example order with ``changes`` (vendor field names)."""
    server.replies.append(ok(vendor, **changes))
    return await update(mode, vendor, server, notes="x")


def _axes(order: Order) -> tuple[OrderStatus, PaymentStatus, FulfillmentStatus]:
    return order.status, order.payment_status, order.fulfillment_status


# -- reading: what each vendor documents ------------------------------------------------------------------------


def _none_for(vendor: Vendor, arguments: int, reason: str) -> Any:
    """The one case of a vendor whose table gives a test nothing to check: it skips, saying why."""
    return pytest.param(vendor, *[None] * (arguments - 1), marks=pytest.mark.skip(reason=reason), id=vendor.value)


def _resolved(spec: Any, node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        ref, node = node["$ref"], spec
        for key in ref.removeprefix("#/").split("/"):
            node = node[key]
    return node


def _spec_enums(vendor: Vendor, field: str) -> list[set[str]]:
    """The enums the vendor's spec gives a property named ``field`` anywhere (``$ref`` followed), and the schema
    named after it (``FulfillmentStatus`` for ``fulfillment_status``): what the table's values are checked against."""
    spec: Any = YAML(typ="safe", pure=True).load(table(vendor).spec_path.read_text("utf-8"))
    found: list[set[str]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            schema = _resolved(spec, (node.get("properties") or {}).get(field))
            if isinstance(schema, dict) and "enum" in schema:
                found.append({str(member) for member in schema["enum"]})
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    named = "".join(part.capitalize() for part in re.split(r"_|(?=[A-Z])", field))
    schema = spec.get("components", {}).get("schemas", {}).get(named, {})
    if "enum" in schema:
        found.append({str(member) for member in schema["enum"]})
    return found


# (vendor, order field, the axes it carries, its documented values), from the vendors' tables
DOCUMENTED: list[tuple[Vendor, str, tuple[str, ...], tuple[str | None, ...]]] = [
    (vendor, field, axes, values)
    for vendor in VENDORS
    for field, (axes, values) in table(vendor).documented_statuses.items()
]
DOCUMENTED_VALUES = [
    pytest.param(vendor, field, axes[0], value, id=f"{vendor.value}-{field}-{value}")
    for vendor, field, axes, values in DOCUMENTED
    for value in values
] + [
    _none_for(vendor, 4, f"{vendor.value}'s orders carry no status")
    for vendor in VENDORS
    if not table(vendor).documented_statuses
]


@pytest.mark.parametrize("vendor", VENDORS)
def test_the_specs_document_what_we_think(vendor: Vendor) -> None:
    """Each table's documented values are its spec's enum for the field, where the spec has one (where it has
    none, the table's values are those the docs show)."""
    for field, (axes, values) in table(vendor).documented_statuses.items():
        named = {value for value in values if value is not None}
        assert named, (vendor, field)
        assert set(axes) <= set(AXES), (vendor, field)
        enums = _spec_enums(vendor, field)
        assert not enums or named in enums, (vendor, field, enums)


@pytest.mark.parametrize(("vendor", "field", "axis", "value"), DOCUMENTED_VALUES)
async def test_every_documented_value_reads_as_a_known_canonical_value(
    *, vendor: Vendor, field: str, axis: str, value: str | None, mode: str, server: LoopbackServer
) -> None:
    order = await _read(mode, vendor, server, **{field: value})
    canonical = getattr(order, axis)
    assert isinstance(canonical, AXES[axis])
    assert canonical.value != "unknown"
    assert order.raw[field] == value


# -- reading: the values that matter most, written out in the vendors' tables -----------------------------------

KEY_READS = [
    pytest.param(vendor, dict(changes), expected, id=f"{vendor.value}-{dict(changes)}")
    for vendor in VENDORS
    for changes, expected in table(vendor).key_reads
] + [
    _none_for(vendor, 3, f"{vendor.value}'s table writes out no key reads")
    for vendor in VENDORS
    if not table(vendor).key_reads
]


@pytest.mark.parametrize(("vendor", "changes", "expected"), KEY_READS)
async def test_key_values_read_as_expected(
    vendor: Vendor,
    changes: dict[str, Any],
    expected: tuple[OrderStatus, PaymentStatus, FulfillmentStatus],
    mode: str,
    server: LoopbackServer,
) -> None:
    assert _axes(await _read(mode, vendor, server, **changes)) == expected


# -- reading: values nobody documented --------------------------------------------------------------------------


def _undocumented(vendor: Vendor, field: str, values: tuple[str | None, ...]) -> list[Any]:
    """Values of a status field its vendor does not document: another word, the example order's own value in
    another case or inside a container, and not even strings (null too, unless the spec allows it)."""
    some = table(vendor).order.get(field)
    if some not in values or some is None:
        some = next(value for value in values if value is not None)
    candidates: list[Any] = ["on_hold", some.upper(), 3, {"code": some}, [some]]
    if None not in values:
        candidates.append(None)
    return [value for value in candidates if value not in values]


def _with_unknown(vendor: Vendor, axes: tuple[str, ...]) -> tuple[Enum, ...]:
    """The example order's reading (its table's ``example_read``) with ``axes`` unknown."""
    read = table(vendor).example_read
    return tuple(
        enum_type.UNKNOWN if axis in axes else read.get(axis, enum_type.UNKNOWN) for axis, enum_type in AXES.items()
    )


UNDOCUMENTED = [
    pytest.param(vendor, field, value, _with_unknown(vendor, axes), id=f"{vendor.value}-{field}-{value!r}")
    for vendor, field, axes, values in DOCUMENTED
    for value in _undocumented(vendor, field, values)
] + [
    _none_for(vendor, 4, f"{vendor.value}'s orders carry no status")
    for vendor in VENDORS
    if not table(vendor).documented_statuses
]


@pytest.mark.parametrize(("vendor", "field", "value", "expected"), UNDOCUMENTED)
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
        named = {value for value in values if value is not None}  # a null is read before any table
        assert named <= set(adapter_for(vendor).read_statuses[field]), (vendor, field)


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
