"""``update_order`` arguments, end to end: what reaches the vendor's server, and what is refused before anything does.

The expected bodies are written out by hand from each vendor's spec (its test table, tests/vendors/), not read from
the adapters, so a wrong field name or a silently dropped argument fails here. Values of a kind every vendor sends
alike or refuses alike are this module's own; what only one vendor sends its way or refuses is in its table.
"""

from __future__ import annotations

import enum
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
    AXES,
    BITBYBIT,
    LAUNCHMYSTORE,
    SALESIVE,
    SAMPLES,
    STATUS_WIRE_KEY,
    SUPPORTED,
    TABLE_ORDER_ID,
    UPDATE_FIELDS,
    VENDORS,
    WIRE,
    WRITE_STATUSES,
    ok,
    update,
)
from tests.support.loopback import LoopbackServer
from tests.vendors import table

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
    order_id: Any = TABLE_ORDER_ID,
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
    assert request.json == WIRE[vendor][field]  # exactly this: an argument left out is absent from the body


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
    assert server.requests[0].json == expected


async def test_salesive_takes_status_or_payment_status_not_both(mode: str, server: LoopbackServer) -> None:
    error = await _refused(
        mode, SALESIVE, server, InvalidUpdateError, status=OrderStatus.PROCESSING, payment_status=PaymentStatus.PAID
    )
    assert error.field == "payment_status"


NOTES_AS_GIVEN = ("", "  padded, not trimmed \n", "naïve café ✓", "line one\r\nline two\n\tindented")
"""Notes any vendor takes as written: empty, with the spaces around them, beyond ASCII, and with the tab and line
breaks free text keeps (CRLF too, as an HTML textarea submits it); no other control character is free text."""


def _sent_as_given(vendor: Vendor) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(update_order arguments, the body they are sent as): notes and each status axis's plain string for every
    vendor that takes them, then its table's own edge values (``sent_as_given``)."""
    cases: list[tuple[dict[str, Any], dict[str, Any]]] = []
    if "notes" in SUPPORTED[vendor]:
        (key,) = WIRE[vendor]["notes"]
        cases += [({"notes": notes}, {key: notes}) for notes in NOTES_AS_GIVEN]
    for axis in AXES:
        sent = WRITE_STATUSES[vendor][axis].get(SAMPLES[axis])
        if sent is not None:  # the string value, as a caller may pass it: taken as the canonical value
            cases.append(({axis: SAMPLES[axis].value}, {STATUS_WIRE_KEY[vendor][axis]: sent}))
    return cases + [(dict(kwargs), dict(body)) for kwargs, body in table(vendor).sent_as_given]


SENT_AS_GIVEN = [
    pytest.param(vendor, kwargs, body, id=f"{vendor.value}-{index}-{'-'.join(kwargs)}")
    for vendor in VENDORS
    for index, (kwargs, body) in enumerate(_sent_as_given(vendor))
]


@pytest.mark.parametrize(("vendor", "kwargs", "body"), SENT_AS_GIVEN)
async def test_edge_values_are_sent_as_given(
    vendor: Vendor, kwargs: dict[str, Any], body: dict[str, Any], mode: str, server: LoopbackServer
) -> None:
    server.replies.append(ok(vendor))
    await update(mode, vendor, server, **kwargs)
    sent = server.requests[0].json
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


OFFENDING_GROUPS = (
    ("tags", "shipping_cost"),
    ("fulfillment_status", "email"),
    ("status", "discount"),
    ("payment_status", "fulfillment_status", "shipping_cost"),
    UPDATE_FIELDS,
)
"""Fields refused together, each group as far as a vendor does not take them (the last: everything it does not)."""


def _offending(vendor: Vendor) -> list[Any]:
    groups: list[tuple[str, ...]] = []
    for group in OFFENDING_GROUPS:
        kept = tuple(field for field in group if field not in SUPPORTED[vendor])
        if len(kept) >= 2 and kept not in groups:
            groups.append(kept)
    if not groups:
        reason = f"{vendor.value} takes all but at most one update_order argument"
        return [pytest.param(vendor, (), marks=pytest.mark.skip(reason=reason), id=vendor.value)]
    return [pytest.param(vendor, group, id=f"{vendor.value}-{'-'.join(group)}") for group in groups]


@pytest.mark.parametrize(("vendor", "fields"), [case for vendor in VENDORS for case in _offending(vendor)])
async def test_every_offending_field_is_named_at_once(
    vendor: Vendor, fields: tuple[str, ...], mode: str, server: LoopbackServer
) -> None:
    # a supported field alongside must not be sent either: the update is all or nothing
    kept = "notes" if "notes" in SUPPORTED[vendor] else min(SUPPORTED[vendor], key=UPDATE_FIELDS.index)
    error = await _refused(
        mode, vendor, server, UnsupportedUpdateError, **{kept: SAMPLES[kept]}, **{f: SAMPLES[f] for f in fields}
    )
    assert set(error.fields) == set(fields)
    message = str(error)
    assert message.startswith(vendor.value)
    for field in fields:
        assert field in message
        assert set(error.supported_by[field]) == _supporters(field)
    assert kept not in error.fields


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

_NOT_TEXT: list[Any] = [42, True, b"bytes", bytearray(b"x"), ["a"]]
_CONTROL: list[Any] = [
    "lone \ud800 surrogate",
    "NUL \x00 inside",
    "an ANSI \x1b[31m escape",
    "DEL \x7f",
    "C1 \x85 next line",
    "vertical \x0b tab",
]
_NOT_IN_A_LINE: list[Any] = [*_CONTROL, "line\nbreak", "carriage\rreturn", "a\ttab"]
_MONEY: list[Any] = [
    -1,
    Decimal("-0.01"),
    math.nan,
    math.inf,
    -math.inf,
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("Infinity"),
    True,
    False,
    "ten",
    "12.25",  # money is a Decimal or an int, never a string
    249.9,  # nor a float: 0.1 + 0.2 would be sent as 0.30000000000000004
    0.1 + 0.2,
    10**5000,  # str() of it raises; it is compared, never converted
    Decimal("1e999999999"),  # arithmetic on it raises decimal.Overflow
    Decimal("-1e999999999"),
    2**53 + 2,  # a float holds it, but no whole amount above 2**53 is safe
    2**53 + 1,  # a 64-bit float would round it
    Decimal("1e5000"),  # no JSON number a vendor reads can hold it
    [5],
]
_ADDRESSES: list[Any] = [
    {"street": "1 Main St"},
    {"city": 5},
    {"city": None},
    {5: "London"},
    {"city": "London\nGB"},
    {"name": "Ada Lovelace"},
    {},
    "1 Main St, London",
    # the Address dataclass reads leniently (it is also what reading an order gives), so its values are checked here
    Address(city=123),  # type: ignore[arg-type]
    Address(city=["a", "b"]),  # type: ignore[arg-type]
    Address(city=b"x"),  # type: ignore[arg-type]
    Address(city="London", zip=True),  # type: ignore[arg-type]
    Address(address1="1 Main St\x00"),
    Address(),
    Address(name="Ada Lovelace"),
]
INVALID_VALUES: dict[str, list[Any]] = {
    "status": [
        1,
        True,
        "bogus",
        "CANCELLED",
        OrderStatus.UNKNOWN,
        PaymentStatus.PENDING,
        PaymentStatus.REFUNDED,  # another axis, even though "refunded" is an OrderStatus too
        FulfillmentStatus.FULFILLED,
    ],
    "payment_status": [2, "bogus", "PAID", PaymentStatus.UNKNOWN, FulfillmentStatus.FULFILLED, OrderStatus.REFUNDED],
    "fulfillment_status": [True, "bogus", "FULFILLED", FulfillmentStatus.UNKNOWN, OrderStatus.CANCELLED],
    "notes": [*_NOT_TEXT, *_CONTROL],  # free text keeps tab and line breaks
    "email": [
        *_NOT_TEXT,
        *_NOT_IN_A_LINE,
        "ada@example.com\x00",
        b"ada@example.com",
        "ada.example.com",
        "ada@",
        "@example.com",
        "ada@ex@ample.com",
        "ada lovelace@example.com",
        "",
    ],
    "phone": [*_NOT_TEXT, *_NOT_IN_A_LINE, "+1 555\n0100", "+1 555 0100\x9b", "", "   ", 5550100],
    "tags": [
        "VIP",
        b"VIP",
        bytearray(b"VIP"),
        5,
        ["VIP", 3],
        ["VIP", " "],
        [""],
        {"VIP": True},
        ["VIP\n"],
        ["\x1b[2J"],
    ],
    "shipping_address": _ADDRESSES,
    "billing_address": _ADDRESSES,
    "note_attributes": [
        {"gift\r": "yes"},
        {"gift": "yes\x00"},
        {3: "yes"},
        [("gift", "yes")],
        {"gift": 1},
        {"": "yes"},
        "gift=yes",
    ],
    "shipping_cost": _MONEY,
    "discount": _MONEY,
}
"""Values no vendor takes, by update_order argument: wrong types, characters no line (or no text) holds, amounts
that are not exact and finite, statuses of no axis or another."""


def _short(value: Any) -> str:
    """A readable test id, even for values whose repr is huge or cannot be built (str() of 10**5000 raises)."""
    try:
        shown = repr(value)
    except ValueError:
        shown = f"huge-{type(value).__name__}"
    return shown if len(shown) <= 40 else shown[:37] + "..."


INVALID = [
    (vendor, field, value)
    for vendor in VENDORS
    for field in UPDATE_FIELDS
    if field in SUPPORTED[vendor]
    for value in INVALID_VALUES[field]
] + [(vendor, field, value) for vendor in VENDORS for field, value in table(vendor).invalid_values]
"""Each vendor, for the arguments it takes: the values none takes, then those its table says it alone refuses."""


@pytest.mark.parametrize(
    ("vendor", "field", "value"), INVALID, ids=[f"{v.value}-{f}-{_short(x)}" for v, f, x in INVALID]
)
async def test_invalid_value_names_the_field(
    vendor: Vendor, field: str, value: Any, mode: str, server: LoopbackServer
) -> None:
    error = await _refused(mode, vendor, server, InvalidUpdateError, **{field: value})
    assert error.field.split(".")[0] == field
    assert str(error).startswith(field)
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    "order_id",
    [
        "",
        "   ",
        None,
        123,
        True,
        b"ord_1",
        "ord_\udcff",
        "ord_1\n",  # as read from a file
        "ord\x00_1",
        "ord_\x1b[31m",
        "ord_\x7f",
        "ord_\x85",
        "x" * 1025,
        "é" * 171,  # 342 bytes of UTF-8: 1,026 characters once percent-encoded
        "x" * 70_000,  # once a raw httpx.InvalidURL
    ],
    ids=_short,
)
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


async def test_invalid_address_values_name_the_address_field(mode: str, server: LoopbackServer) -> None:
    error = await _refused(
        mode,
        LAUNCHMYSTORE,
        server,
        InvalidUpdateError,
        shipping_address=Address(city=123),  # type: ignore[arg-type]
    )
    assert error.field == "shipping_address.city"
    assert "must be a string, got int" in str(error)


async def test_a_refused_character_is_named_by_code_point_not_echoed(mode: str, server: LoopbackServer) -> None:
    error = await _refused(mode, BITBYBIT, server, InvalidUpdateError, notes="line one\x1b[2Jwiped")
    assert "U+001B" in str(error)
    assert "\x1b" not in str(error)  # the message itself is safe to print to a terminal or a log line


async def test_a_float_is_refused_with_what_to_pass_instead(mode: str, server: LoopbackServer) -> None:
    error = await _refused(mode, SALESIVE, server, InvalidUpdateError, shipping_cost=0.1 + 0.2)
    assert error.field == "shipping_cost"
    assert "Decimal" in str(error)
    assert "int" in str(error)


# -- accepted as given: what a careless caller may pass and still mean ------------------------------------------


class _Shouting(str):
    """A str subclass whose own str(), ==, hash and lower() disagree with the string it holds."""

    __slots__ = ()

    def __str__(self) -> str:
        return ""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__ must not decide anything")

    def __hash__(self) -> int:
        raise RuntimeError("__hash__ must not decide anything")

    def __repr__(self) -> str:
        raise RuntimeError("__repr__ must not decide anything")


class _Misleading(str):
    """A str subclass whose str() says something else: hashable, so it can be a dict key."""

    __slots__ = ()

    def __str__(self) -> str:
        return "name"


class _OddInt(int):
    def __int__(self) -> int:
        return 0

    def __str__(self) -> str:
        return "0"


class _OddDecimal(Decimal):
    def __str__(self) -> str:
        return "0"


def _disguised(value: Any) -> Any:
    """``value`` with every str, int and Decimal in it (dict keys too) a subclass whose own str() says something
    else: what is sent must be the plain value each holds. Enum members, None, bools and Address objects stay."""
    if isinstance(value, enum.Enum | bool) or value is None:
        return value
    if type(value) is str:
        return _Shouting(value)
    if type(value) is int:
        return _OddInt(value)
    if type(value) is Decimal:
        return _OddDecimal(value)
    if type(value) in (list, tuple):
        return type(value)(_disguised(item) for item in value)
    if type(value) is dict:
        return {(_Misleading(key) if type(key) is str else key): _disguised(item) for key, item in value.items()}
    return value


@pytest.mark.parametrize(("vendor", "kwargs", "body"), SENT_AS_GIVEN)
async def test_values_are_sent_as_the_plain_value_they_hold(
    vendor: Vendor, kwargs: dict[str, Any], body: dict[str, Any], mode: str, server: LoopbackServer
) -> None:
    """Each edge value (and the order id) disguised: the string a subclass holds is what is sent and checked,
    whatever its __str__ says (it once sent PUT .../orders/, the collection)."""
    order_id = table(vendor).order_id
    server.replies.append(ok(vendor))
    await update(mode, vendor, server, _Shouting(order_id), **_disguised(kwargs))
    (request,) = server.requests
    assert request.raw_path == f"/orders/{order_id}"
    assert request.json == body


@pytest.mark.parametrize(
    ("longest", "encoded"),
    [
        ("x" * 1024, "x" * 1024),
        ("é" * 170 + "xxxx", "%C3%A9" * 170 + "xxxx"),
        ("😀" * 85 + "xxxx", "%F0%9F%98%80" * 85 + "xxxx"),
    ],
    ids=["ascii", "two-byte", "four-byte"],
)
async def test_the_longest_order_id_is_sent_and_one_more_character_is_not(
    longest: str, encoded: str, mode: str, server: LoopbackServer
) -> None:
    """The limit counts the id as sent: percent-encoded UTF-8."""
    server.replies.append(ok(BITBYBIT))
    await update(mode, BITBYBIT, server, longest, notes="x")
    assert server.requests[0].raw_path == f"/orders/{encoded}"
    server.clear()
    error = await _refused(mode, BITBYBIT, server, InvalidUpdateError, longest + "x", notes="x")
    assert "1025 characters once percent-encoded" in str(error)


class _OtherStatus(enum.StrEnum):
    CANCELLED = "cancelled"


@pytest.mark.parametrize("status", [_OtherStatus.CANCELLED, PaymentStatus.REFUNDED])
async def test_a_member_of_another_enum_is_refused_even_with_the_same_string(
    status: Any, mode: str, server: LoopbackServer
) -> None:
    """A status says its meaning by its enum: a caller's own enum (or another axis) is not OrderStatus."""
    error = await _refused(mode, BITBYBIT, server, InvalidUpdateError, status=status)
    assert error.field == "status"
    assert "OrderStatus.CANCELLED" in str(error)


class _Exploding:
    """A container whose reading raises: its own bug, which must not escape as a raw exception of ours."""

    def __iter__(self) -> Any:
        raise RuntimeError("iteration failed")

    def __len__(self) -> int:
        return 1

    def __getitem__(self, index: int) -> str:
        raise RuntimeError("indexing failed")


class _ExplodingMapping(dict[str, str]):
    def items(self) -> Any:
        raise RuntimeError("items failed")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tags", type("ExplodingList", (list,), {"__iter__": _Exploding.__iter__})(["a"])),
        ("note_attributes", _ExplodingMapping(a="b")),
        ("shipping_address", _ExplodingMapping(city="Paris")),
    ],
)
async def test_a_value_that_fails_while_read_is_an_invalid_update(
    field: str, value: Any, mode: str, server: LoopbackServer
) -> None:
    error = await _refused(mode, LAUNCHMYSTORE, server, InvalidUpdateError, **{field: value})
    assert error.field == field
    assert "RuntimeError" in str(error)
    assert isinstance(error.__cause__, RuntimeError)  # the caller's own exception stays reachable
