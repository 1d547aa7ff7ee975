"""Property: any combination of ``update_order`` arguments, valid or not, on any vendor, either sends exactly one
request whose body the vendor's own spec accepts (and that carries every argument given, and nothing else), or
raises one of our client-side errors with nothing sent."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from ruamel.yaml import YAML

from storefronts import (
    Address,
    Client,
    FulfillmentStatus,
    InvalidUpdateError,
    Order,
    OrderStatus,
    PaymentStatus,
    UnsupportedUpdateError,
    Vendor,
)
from tests.facade.support import (
    AXES,
    ORDER_ID,
    SUPPORTED,
    UPDATE_FIELDS,
    VENDORS,
    WIRE,
    WRITE_STATUSES,
    client_options,
    ok,
)
from tests.support.loopback import LoopbackServer
from tests.vendors import table

REQUEST_SCHEMA = "#/paths/~1orders~1{id}/put/requestBody/content/application~1json/schema"
ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "address1",
    "address2",
    "city",
    "province",
    "country",
    "zip",
    "phone",
)
WIRE_KEY = {vendor: {field: next(iter(body)) for field, body in fields.items()} for vendor, fields in WIRE.items()}
BAD_TEXT = "lone \udc80 surrogate"


def _request_validator(vendor: Vendor) -> Draft202012Validator:
    spec = YAML(typ="safe", pure=True).load(table(vendor).spec_path.read_text("utf-8"))
    uri = f"urn:spec:{vendor.value}"
    registry: Registry[Any] = Registry().with_resource(
        uri, Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    return Draft202012Validator(
        {"$ref": uri + REQUEST_SCHEMA}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


VALIDATORS = {vendor: _request_validator(vendor) for vendor in VENDORS}

# no control characters (C0, DEL, C1: category Cc) nor surrogates (Cs): those are refused, and are in INVALID
_printable = st.characters(exclude_categories=("Cc", "Cs"))
short_text = st.text(_printable, max_size=12)
word = st.text(_printable, min_size=1, max_size=12).filter(str.strip)


def _one_of_members(enum_type: type[Any], *strings: str) -> st.SearchStrategy[Any]:
    return st.sampled_from([*(member for member in enum_type if member.value != "unknown"), *strings])


# Values update_order should take (a vendor may still refuse some: a status it has no equivalent for) ...
VALID: dict[str, st.SearchStrategy[Any]] = {
    "status": _one_of_members(OrderStatus, "cancelled", "processing"),
    "payment_status": _one_of_members(PaymentStatus, "paid"),
    "fulfillment_status": _one_of_members(FulfillmentStatus, "fulfilled"),
    "notes": short_text,
    "tags": st.one_of(st.lists(word, max_size=3), st.tuples(word)),
    "email": st.emails(),
    "phone": word,
    "shipping_address": st.one_of(
        st.dictionaries(st.sampled_from(ADDRESS_FIELDS), short_text, min_size=1, max_size=4),
        st.builds(Address, first_name=word, city=st.none() | short_text, zip=st.none() | short_text),
    ),
    "note_attributes": st.dictionaries(word, short_text, max_size=3),
    "shipping_cost": st.one_of(
        st.decimals(min_value=0, max_value=10**6, places=2),
        st.integers(min_value=0, max_value=10**9),
    ),
}
VALID["billing_address"] = VALID["shipping_address"]
VALID["discount"] = VALID["shipping_cost"]

# ... and values it must refuse before sending (None is valid Python but no vendor's request schema takes null).
_bad_text = st.one_of(
    st.just(BAD_TEXT),
    st.none(),
    st.integers(),
    st.binary(max_size=3),
    st.sampled_from(["NUL \x00", "ESC \x1b[2J", "DEL \x7f", "C1 \x85", "VT \x0b"]),
)
INVALID: dict[str, st.SearchStrategy[Any]] = {
    "status": st.sampled_from(["bogus", "OPEN", "", 3, PaymentStatus.PAID, OrderStatus.UNKNOWN, None]),
    "payment_status": st.sampled_from(["nope", 1.5, FulfillmentStatus.FULFILLED, PaymentStatus.UNKNOWN, None]),
    "fulfillment_status": st.sampled_from(["", True, OrderStatus.CANCELLED, FulfillmentStatus.UNKNOWN, None]),
    "notes": _bad_text,
    "tags": st.one_of(
        short_text,
        st.lists(st.one_of(st.integers(), st.just(BAD_TEXT), st.just(" "), st.just("VIP\n")), min_size=1),
        st.none(),
    ),
    "email": st.one_of(st.text(alphabet="abc. ", max_size=8), st.just("a@b@c"), _bad_text),
    "phone": st.one_of(st.just(""), st.just("  "), _bad_text),
    "shipping_address": st.one_of(
        st.dictionaries(
            st.sampled_from(ADDRESS_FIELDS), st.one_of(st.integers(), st.just(BAD_TEXT)), min_size=1, max_size=2
        ),
        st.dictionaries(st.sampled_from(["street", "name", "zip_code"]), short_text, min_size=1, max_size=2),
        st.just({}),
        st.just(Address()),
        st.just(Address(name="Ada Lovelace")),
        st.none(),
        short_text,
    ),
    "note_attributes": st.one_of(
        st.dictionaries(word, st.one_of(st.integers(), st.just(BAD_TEXT)), min_size=1, max_size=2),
        st.just({"": "x"}),
        st.lists(st.tuples(word, word), min_size=1, max_size=2),
        st.none(),
        short_text,
    ),
    "shipping_cost": st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True),
        st.floats(allow_nan=True, allow_infinity=True),  # every float: money is a Decimal or an int
        st.integers(max_value=-1),
        st.integers(min_value=2**53 + 1),
        st.booleans(),
        st.none(),
        st.sampled_from(["ten", "1e400", "", "-1", "12.25"]),
    ),
}
INVALID["billing_address"] = INVALID["shipping_address"]
INVALID["discount"] = INVALID["shipping_cost"]


# Hypothesis draws small integers far more often than large ones, so "one time in N" is a list to sample from.
_OFTEN = st.sampled_from([True, True, False])
_SOMETIMES = st.sampled_from([False] * 7 + [True])
_RARELY = st.sampled_from([False] * 19 + [True])


@st.composite
def any_updates(draw: st.DrawFn) -> tuple[Vendor, dict[str, Any]]:
    """A vendor and anything at all: fields it takes and fields it does not, values valid and invalid."""
    vendor = draw(st.sampled_from(VENDORS))
    arguments = {}
    for field in UPDATE_FIELDS:
        if draw(_OFTEN if field in SUPPORTED[vendor] else _RARELY):
            arguments[field] = draw(INVALID[field] if draw(_SOMETIMES) else VALID[field])
    return vendor, arguments


@st.composite
def supported_updates(draw: st.DrawFn) -> tuple[Vendor, dict[str, Any]]:
    """A vendor and valid values of fields it takes (statuses it has an equivalent for): most of these are sent."""
    vendor = draw(st.sampled_from(VENDORS))
    values = {
        field: st.sampled_from(list(WRITE_STATUSES[vendor][field])) if field in AXES else VALID[field]
        for field in sorted(SUPPORTED[vendor])
    }
    arguments = draw(st.fixed_dictionaries({}, optional=values).filter(bool))
    return vendor, arguments


order_ids = st.one_of(
    st.just(ORDER_ID), word, st.sampled_from(["", "  ", "a/b c?d", BAD_TEXT]), st.integers(), st.none()
)


def _sent_value(vendor: Vendor, field: str, argument: Any) -> Any:
    """What the body must carry for a valid ``argument``, said independently of the adapters."""
    if field in AXES:
        return WRITE_STATUSES[vendor][field][AXES[field](argument)]
    if field in ("shipping_cost", "discount"):
        return Decimal(argument)
    if field == "tags":
        return list(argument)
    if field == "note_attributes":
        return [{"name": name, "value": value} for name, value in argument.items()]
    if field.endswith("_address"):
        fields = argument.given_fields() if isinstance(argument, Address) else argument
        return {name: value for name, value in fields.items() if value is not None}
    return argument


def _sent_or_refused(server: LoopbackServer, vendor: Vendor, order_id: Any, arguments: Any) -> None:
    """The property: one request the vendor's spec accepts, carrying exactly the arguments given; or a client-side
    error and no request at all.

    A fresh client per example: a new connection each time, as each test elsewhere makes (a kept-alive one meets the
    loopback server's Nagle delay, ~40 ms a request).
    """
    server.clear()
    server.replies.append(ok(vendor))
    try:
        with Client(vendor, **client_options(vendor, server)) as client:
            order = client.update_order(order_id, **arguments)
    except (UnsupportedUpdateError, InvalidUpdateError) as error:
        event(f"refused: {type(error).__name__}")
        assert server.requests == [], "a client-side error must come before anything is sent"
        return
    event("sent")
    assert isinstance(order, Order)
    (request,) = server.requests
    assert (request.method, request.path) == ("PUT", f"/orders/{order_id}")
    body = request.json
    problems = [f"{list(error.absolute_path)}: {error.message}" for error in VALIDATORS[vendor].iter_errors(body)]
    assert problems == [], f"{vendor.value} would not accept {body!r}: {problems}"
    assert set(body) == {WIRE_KEY[vendor][field] for field in arguments}  # nothing dropped, nothing invented
    for field, argument in arguments.items():
        sent = body[WIRE_KEY[vendor][field]]
        expected = _sent_value(vendor, field, argument)
        if isinstance(expected, Decimal):
            assert Decimal(repr(sent)) == expected, field
        else:
            assert sent == expected, field


_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(case=any_updates(), order_id=st.one_of(st.just(ORDER_ID), order_ids))
def test_any_update_sends_a_body_the_spec_accepts_or_nothing(
    _package_server: LoopbackServer, case: tuple[Vendor, dict[str, Any]], order_id: Any
) -> None:
    vendor, arguments = case
    _sent_or_refused(_package_server, vendor, order_id, arguments)


@_SETTINGS
@given(case=supported_updates(), order_id=st.one_of(st.just(ORDER_ID), word))
def test_valid_updates_of_supported_fields_send_a_body_the_spec_accepts(
    _package_server: LoopbackServer, case: tuple[Vendor, dict[str, Any]], order_id: Any
) -> None:
    vendor, arguments = case
    _sent_or_refused(_package_server, vendor, order_id, arguments)
