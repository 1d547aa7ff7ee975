"""Property: whatever a careless caller passes, to the constructor, to ``with_options`` or to ``update_order``, the
outcome is a ``StorefrontError`` raised before anything is sent, or requests the vendor's spec accepts.

"Whatever" is arbitrary Python values: wrong types, subclasses of str/int/Decimal/dict/list whose own methods
disagree with the value they hold or raise, huge numbers, NaN and infinities, control characters, lone surrogates,
bytes, None, nested containers, and the valid values among them. The server is the vendor's sandbox
(``storefronts.testing``), a real HTTP server on 127.0.0.1 that reads the specs and never the adapters: what it
records is what was sent, and each recorded body is checked against the vendor's request schema. Each example
runs on ``Client`` or ``AsyncClient``, for any vendor.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from decimal import Decimal
from enum import StrEnum
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from storefronts import (
    Address,
    AsyncClient,
    Client,
    ConfigurationError,
    InvalidUpdateError,
    Order,
    StorefrontError,
    UnsupportedUpdateError,
    Vendor,
)
from storefronts.testing import SandboxServer, sandbox
from storefronts.testing._specs import request_problems
from tests.facade.support import AXES, ENV_VARS, SUPPORTED, UPDATE_FIELDS, VENDORS, WRITE_STATUSES
from tests.facade.test_properties import INVALID, VALID, WIRE_KEY
from tests.support.exposure import everything_printable
from tests.vendors import table

# -- values a caller's code may hold by mistake -----------------------------------------------------------------


class _Str(str):
    """A str subclass whose str(), ==, hash, repr and len all disagree with (or refuse) the string it holds."""

    __slots__ = ()

    def __str__(self) -> str:
        return ""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("a caller's __eq__")

    def __hash__(self) -> int:
        raise RuntimeError("a caller's __hash__")

    def __repr__(self) -> str:
        raise RuntimeError("a caller's __repr__")

    def __len__(self) -> int:
        return 0

    def lower(self) -> str:  # type: ignore[override]
        return "shopify"

    def strip(self, chars: str | None = None) -> str:
        return ""


class _Int(int):
    def __int__(self) -> int:
        return -1

    def __index__(self) -> int:
        return -1

    def __lt__(self, other: object) -> bool:
        return False

    def __gt__(self, other: object) -> bool:
        return False

    def __repr__(self) -> str:
        raise RuntimeError("a caller's __repr__")


class _Float(float):
    def __float__(self) -> float:
        return float("nan")

    def __gt__(self, other: object) -> bool:
        return True


class _Decimal(Decimal):
    def __str__(self) -> str:
        return "-1"

    def is_finite(self) -> bool:
        return True


class _List(list[Any]):
    def __iter__(self) -> Iterator[Any]:
        raise RuntimeError("a caller's __iter__")


class _Dict(dict[Any, Any]):
    def items(self) -> Any:
        raise RuntimeError("a caller's items()")


class _Raising:
    """Every protocol a check might touch raises."""

    def __str__(self) -> str:
        raise RuntimeError("a caller's __str__")

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("a caller's __eq__")

    def __hash__(self) -> int:
        raise RuntimeError("a caller's __hash__")

    def __bool__(self) -> bool:
        raise RuntimeError("a caller's __bool__")

    def __iter__(self) -> Iterator[Any]:
        raise RuntimeError("a caller's __iter__")

    def __len__(self) -> int:
        raise RuntimeError("a caller's __len__")


class _Foreign(StrEnum):
    CANCELLED = "cancelled"
    PAID = "paid"
    BITBYBIT = "bitbybit"


_CONTROL_TEXT = st.sampled_from(
    ["x\x00y", "x\ny", "x\r\n", "\x1b[2J", "x\x7f", "x\x85", "x\x9b", "x\u2028y", "x\ud800", "\udfff", "\ufeff"]
)
_HUGE = st.sampled_from(
    [
        10**1000,
        -(10**1000),  # float() of it overflows (and repr() works, for reports)
        2**53 + 1,
        2**64,
        Decimal("1e999999999"),
        Decimal("-1e999999999"),
    ]
)
_ODD_DECIMALS = st.sampled_from([Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("1e-999999999")])
_TEXT = st.one_of(st.text(max_size=8), _CONTROL_TEXT, st.text(st.characters(codec="utf-8"), max_size=4))

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    _HUGE,
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    _ODD_DECIMALS,
    _TEXT,
    st.binary(max_size=6),
    st.builds(bytearray, st.binary(max_size=4)),
    st.builds(_Str, _TEXT),
    st.builds(_Int, st.integers(min_value=-5, max_value=10)),
    st.builds(_Float, st.floats(min_value=0.5, max_value=5)),
    st.builds(_Decimal, st.decimals(min_value=0, max_value=10, places=2)),
    st.sampled_from(list(_Foreign)),
    st.builds(_Raising),
    st.just(object()),
    st.builds(Address, city=st.one_of(st.integers(), _TEXT, st.binary(max_size=3), st.lists(st.text(), max_size=2))),
)
anything: st.SearchStrategy[Any] = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.tuples(inner),
        st.frozensets(st.one_of(st.text(max_size=4), st.integers()), max_size=3),
        st.dictionaries(st.one_of(st.text(max_size=6), st.integers(), st.none()), inner, max_size=3),
        st.builds(_List, st.lists(inner, max_size=2)),
        st.builds(_Dict, st.dictionaries(st.text(max_size=4), inner, max_size=2)),
    ),
    max_leaves=6,
)


class _Choice:
    """One input: what a careful caller passes, and what a careless one might (with anything at all)."""

    def __init__(self, valid: st.SearchStrategy[Any], *careless: st.SearchStrategy[Any]) -> None:
        self.valid = valid
        self.careless = st.one_of(valid, *careless, anything)

    def draw(self, draw: st.DrawFn, careless: bool) -> Any:
        return draw(self.careless if careless else self.valid)


# -- what a caller configures ------------------------------------------------------------------------------------


def _near_keys(key: str) -> st.SearchStrategy[Any]:
    return st.builds(_Str, st.just(key)) | st.sampled_from(
        [
            key + "\n",
            key + "\r\n",
            " " + key,
            key[:8] + "\x00" + key[8:],
            key[:8] + "\r\n" + key[8:],
            key[:8] + " " + key[8:],
            key + "é",
            key.encode(),
            "app_wrong-but-well-formed",  # sent: the sandbox answers 401
            "",
            None,  # falls back to the vendor's environment variable, which is unset here
        ]
    )


def _near_urls(base_url: str) -> st.SearchStrategy[Any]:
    host_and_path = base_url.removeprefix("http://")
    return st.builds(_Str, st.just(base_url)) | st.sampled_from(
        [
            base_url + "?x=",
            base_url + "?",
            base_url + "#",
            base_url + "#x",
            base_url + "\n",
            " " + base_url,
            base_url + "/\x00",
            f"http://user:secret@{host_and_path}",
            f"ftp://{host_and_path}",
            "http://",
            "http:///v1",
            "http://[::1",
            "http://127.0.0.1:99999/v1",
            "http://10.0.0.1/v1",  # plain http to another host: refused, the key would cross the network
            "127.0.0.1/v1",
            "",
            base_url + "/" + "v" * 2100,
            base_url.encode(),
            httpx.URL(base_url),
        ]
    )


_valid_seconds = st.one_of(st.integers(min_value=5, max_value=60), st.floats(min_value=5, max_value=60))
_TIMEOUT = _Choice(
    st.one_of(
        _valid_seconds,
        st.builds(httpx.Timeout, _valid_seconds),
        st.builds(lambda s: httpx.Timeout(s, read=None), _valid_seconds),
        st.builds(lambda s: httpx.Timeout(None, connect=s), _valid_seconds),
    ),
    st.sampled_from(
        [
            0,
            -1,
            float("inf"),
            float("nan"),
            3601,
            10**400,
            httpx.Timeout(-1),
            httpx.Timeout(float("nan")),
            httpx.Timeout(5, pool=1e10),
            httpx.Timeout(None),
            httpx.Timeout(5, read="5"),  # type: ignore[arg-type]
        ]
    ),
)
_MAX_RETRIES = _Choice(st.integers(min_value=0, max_value=2), st.sampled_from([-1, 1.0, "2", True, None]))
_MAX_RESPONSE_BYTES = _Choice(
    st.sampled_from([10 * 1024 * 1024, 10**6, 10**400]), st.sampled_from(["10", None, 0, -1, True, 10.0])
)
_HTTP_CLIENT = _Choice(st.none(), st.sampled_from(["an httpx client", object(), httpx.URL("http://127.0.0.1")]))


def _vendor_argument(vendor: Vendor) -> _Choice:
    return _Choice(
        st.sampled_from([vendor, vendor.value, vendor.value.upper()]) | st.builds(_Str, st.just(vendor.value)),
        st.sampled_from([vendor.value.encode(), "shopify", None]),
    )


# -- what a caller updates ---------------------------------------------------------------------------------------

_ANY_ARGUMENTS = st.fixed_dictionaries(
    {}, optional={field: _Choice(VALID[field], INVALID[field]).careless for field in UPDATE_FIELDS}
)


@st.composite
def _valid_arguments(draw: st.DrawFn, vendor: Vendor) -> dict[str, Any]:
    """Valid values of fields the vendor takes (statuses it has an equivalent for): these are sent."""
    fields = sorted(SUPPORTED[vendor] - ({"payment_status"} if vendor is Vendor.SALESIVE else set()))  # one status
    chosen = draw(st.lists(st.sampled_from(fields), min_size=1, max_size=3, unique=True))
    return {
        field: draw(st.sampled_from(list(WRITE_STATUSES[vendor][field])) if field in AXES else VALID[field])
        for field in chosen
    }


def _order_id(server: SandboxServer) -> _Choice:
    return _Choice(
        st.sampled_from(sorted(server.orders)) | st.builds(_Str, st.sampled_from(sorted(server.orders))),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cc",)), min_size=1, max_size=20),
        st.sampled_from(["x" * 1025, "é" * 600, "x" * 70_000, "a/b?c#d", ".", "..", "%2F", "x" * 1024]),
    )


# Which inputs of an example are careless: usually none or a few, so that all three outcomes (refused when built,
# refused when called, sent) come up often.
_PARTS = (  # arguments and order_id weigh more: update_order's inputs are the most varied
    "arguments",
    "arguments",
    "arguments",
    "order_id",
    "order_id",
    "per_call",
    "vendor",
    "api_key",
    "base_url",
    "timeout",
    "max_retries",
    "max_response_bytes",
    "http_client",
    "with_options",
    "order_id",
    "arguments",
    "per_call",
)


@st.composite
def _cases(draw: st.DrawFn, servers: dict[Vendor, SandboxServer]) -> dict[str, Any]:
    vendor = draw(st.sampled_from(VENDORS))
    server = servers[vendor]
    careless = set(draw(st.lists(st.sampled_from(_PARTS), max_size=4)))
    event(f"careless parts: {min(len(careless), 2)}{'+' if len(careless) > 1 else ''}")
    choices = {
        "api_key": _Choice(st.just(server.api_key), _near_keys(server.api_key)),
        "base_url": _Choice(st.sampled_from([server.base_url, server.base_url + "/"]), _near_urls(server.base_url)),
        "timeout": _TIMEOUT,
        "max_retries": _MAX_RETRIES,
        "max_response_bytes": _MAX_RESPONSE_BYTES,
        "http_client": _HTTP_CLIENT,
    }
    # always a base_url: a careless one is refused or points at the sandbox, never at the vendor's real host
    options = {"api_key": choices["api_key"].draw(draw, "api_key" in careless)}
    options["base_url"] = choices["base_url"].draw(draw, "base_url" in careless)
    if options["base_url"] is None:  # valid, and means the vendor's real host, which a test never calls
        options["base_url"] = server.base_url
    for name in ("timeout", "max_retries", "max_response_bytes", "http_client"):
        if name in careless or draw(st.booleans()):
            options[name] = choices[name].draw(draw, name in careless)

    def overrides(part: str) -> dict[str, Any]:
        names = draw(st.sets(st.sampled_from(["timeout", "max_retries"]), min_size=part in careless))
        return {name: choices[name].draw(draw, part in careless) for name in sorted(names)}

    arguments = draw(_ANY_ARGUMENTS if "arguments" in careless else _valid_arguments(vendor))
    return {
        "vendor": vendor,
        "mode": draw(st.sampled_from(["sync", "async"])),
        "vendor_argument": _vendor_argument(vendor).draw(draw, "vendor" in careless),
        "options": options,
        "with_options": overrides("with_options") if "with_options" in careless or draw(st.booleans()) else None,
        "order_id": _order_id(server).draw(draw, "order_id" in careless),
        "arguments": arguments,
        "per_call": overrides("per_call"),
    }


# -- the property --------------------------------------------------------------------------------------------------


def _build(case: dict[str, Any]) -> Client | AsyncClient:
    client_class = Client if case["mode"] == "sync" else AsyncClient
    client: Client | AsyncClient = client_class(case["vendor_argument"], **case["options"])
    if case["with_options"] is not None:
        client = client.with_options(**case["with_options"])
    return client


def _call(client: Client | AsyncClient, case: dict[str, Any]) -> Order:
    """``update_order`` with the case's arguments; the client is closed after it (in the same event loop)."""
    arguments = {**case["arguments"], **case["per_call"]}
    if isinstance(client, Client):
        with client:
            return client.update_order(case["order_id"], **arguments)

    async def update(client: AsyncClient) -> Order:
        async with client:
            return await client.update_order(case["order_id"], **arguments)

    return asyncio.run(update(client))


def _check_sent(server: SandboxServer, case: dict[str, Any]) -> None:
    """Every request that reached the sandbox is one the vendor's spec accepts, for the order asked, and carries
    every update argument given (nothing dropped)."""
    assert server.requests, "the call neither refused its input nor sent anything"
    expected_keys = {WIRE_KEY[case["vendor"]][field] for field in case["arguments"]}
    for request in server.requests:
        assert request.method == "PUT"
        assert request.order_id == str.__str__(case["order_id"])
        assert request.json is not None
        problems = [str(problem) for problem in request_problems(server.vendor, request.json)]
        assert problems == [], f"{server.vendor} would not accept {request.json!r}: {problems}"
        assert set(request.json) == expected_keys


def _careless_call(servers: dict[Vendor, SandboxServer], case: dict[str, Any]) -> None:
    server = servers[case["vendor"]]
    server.clear_requests()
    key = server.api_key
    try:
        client = _build(case)
    except ConfigurationError as error:
        event("refused when built")
        assert server.requests == []
        assert key not in everything_printable(error)
        return
    try:
        order = _call(client, case)
    except (ConfigurationError, InvalidUpdateError, UnsupportedUpdateError) as error:
        event(f"refused: {type(error).__name__}")
        assert server.requests == [], "a client-side error must come before anything is sent"
        assert "Nothing was sent" in str(error) or isinstance(error, ConfigurationError)
        assert key not in everything_printable(error)
    except StorefrontError as error:  # the vendor's answer: the request itself must have been valid
        event(f"sent, answered {type(error).__name__}")
        _check_sent(server, case)
        assert key not in str(error) + repr(error)
    else:
        event("sent, updated")
        assert isinstance(order, Order)
        _check_sent(server, case)


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[Vendor, SandboxServer]]:
    with pytest.MonkeyPatch.context() as patch:
        for variable in ENV_VARS.values():  # api_key=None must not find a real key in the environment
            patch.delenv(variable, raising=False)
        started = {vendor: sandbox(vendor).start() for vendor in VENDORS}
        try:
            yield started
        finally:
            for server in started.values():
                server.close()


# The sandboxes' ports are only known once they run, so the strategy is built inside the test.
@settings(
    max_examples=int(os.environ.get("CARELESS_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_careless_input_is_refused_before_sending_or_sent_as_the_spec_accepts(
    servers: dict[Vendor, SandboxServer], data: st.DataObject
) -> None:
    _careless_call(servers, data.draw(_cases(servers)))


class _HostileId(str):
    """An order id of the caller's own str subclass whose repr raises and whose str lies."""

    __slots__ = ()

    def __repr__(self) -> str:
        raise RuntimeError("a caller's __repr__")

    def __str__(self) -> str:
        return "not-the-id"


@pytest.mark.parametrize("vendor", VENDORS)
def test_an_error_and_a_bulk_result_carry_the_order_id_as_a_plain_string(vendor: Vendor) -> None:
    entry = table(vendor)
    given = _HostileId(entry.order_id)
    with Client(vendor, api_key=entry.api_key, base_url="http://127.0.0.1:9") as client:
        with pytest.raises(InvalidUpdateError) as caught:
            client.update_order(given, **entry.invalid_update)
        [result] = client.update_orders([(given, dict(entry.invalid_update))])
    for carried in (caught.value.order_id, result.order_id):
        assert type(carried) is str
        assert carried == entry.order_id
    assert entry.order_id in everything_printable(caught.value)  # a service can log it: nothing of the caller's runs
