"""Building a client: vendor names, API keys (given, from the environment, of the wrong form), safe base URLs."""

from __future__ import annotations

import asyncio
import urllib.parse
from typing import Any

import httpx
import pytest

from storefronts import AsyncClient, Client, ConfigurationError, InvalidUpdateError, Vendor
from tests.facade.support import (
    BITBYBIT,
    ENV_VARS,
    KEY_PARTS,
    KEYS,
    LAUNCHMYSTORE,
    ORDER_ID,
    ORDER_IDS,
    SALESIVE,
    SUPPORTED,
    VENDORS,
    auth_header,
    construction_options,
    ok,
    update,
)
from tests.support.exposure import everything_printable
from tests.support.loopback import LoopbackServer
from tests.vendors import table

CLIENTS = (Client, AsyncClient)


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("vendor", VENDORS)
def test_vendor_as_str_or_enum(client_class: type[Client], vendor: Vendor) -> None:
    for name in (vendor, vendor.value, vendor.value.upper()):
        client = client_class(name, api_key=KEYS[vendor], **construction_options(vendor))
        assert client.vendor is vendor


@pytest.mark.parametrize("client_class", CLIENTS)
def test_unknown_vendor_lists_the_known_ones(client_class: type[Client]) -> None:
    with pytest.raises(ConfigurationError) as caught:
        client_class("shopify", api_key="x")
    message = str(caught.value)
    assert "shopify" in message
    for vendor in VENDORS:
        assert vendor.value in message


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", VENDORS)
async def test_api_key_falls_back_to_the_vendor_env_var(
    vendor: Vendor, mode: str, server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for other in VENDORS:
        for name in table(other).env_vars:
            monkeypatch.delenv(name, raising=False)
    for name, part in zip(table(vendor).env_vars, KEY_PARTS[vendor], strict=True):
        monkeypatch.setenv(name, part)
    server.replies.append(ok(vendor))
    await update(mode, vendor, server, options={"api_key": None}, notes="from the environment")
    (request,) = server.requests
    name, value = auth_header(vendor)
    assert request.headers[name] == value


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", VENDORS)
async def test_a_given_api_key_wins_over_the_environment(
    vendor: Vendor, mode: str, server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in table(vendor).env_vars:
        monkeypatch.setenv(name, "app_from-the-environment")
    server.replies.append(ok(vendor))
    await update(mode, vendor, server, notes="x")
    name, value = auth_header(vendor)
    assert server.requests[0].headers[name] == value


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", VENDORS)
async def test_credentials_go_where_each_vendor_documents(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    server.replies.append(ok(vendor))
    await update(mode, vendor, server, notes="x")
    (request,) = server.requests
    name, value = auth_header(vendor)
    assert request.headers[name] == value
    others = [other for other in request.headers if other != name]  # the credential goes in that header alone
    for part in (*KEY_PARTS[vendor], value.split()[-1]):
        assert not [other for other in others if part in request.headers[other]]
    assert not {"authorization", "x-api-key"} & set(others)
    assert (request.method, request.raw_path) == ("PUT", f"/orders/{ORDER_IDS[vendor]}")
    assert request.headers["content-type"] == "application/json"
    assert request.headers["user-agent"].startswith("storefront-clients/")


@pytest.mark.anyio
async def test_salesive_never_sends_a_shop_id(mode: str, server: LoopbackServer) -> None:
    server.replies.append(ok(SALESIVE))
    await update(mode, SALESIVE, server, status="processing", notes="x", shipping_cost=1, discount=2)
    (request,) = server.requests
    assert request.query == ""
    sent = str(request.json).lower() + " ".join(request.headers).lower()
    assert "shop" not in sent
    assert "store" not in sent


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", VENDORS)
async def test_order_id_is_one_percent_encoded_path_segment(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    odd = table(vendor).odd_order_id
    if odd is None:
        pytest.skip(f"{vendor.value} order ids cannot hold the URL's reserved characters")
    server.replies.append(ok(vendor))
    await update(mode, vendor, server, odd, notes="x")
    assert server.requests[0].raw_path == "/orders/" + urllib.parse.quote(odd, safe="")


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize("missing", [None, ""])
def test_missing_key_names_the_env_var(
    client_class: type[Client], vendor: Vendor, missing: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in table(vendor).env_vars:
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigurationError) as caught:
        client_class(vendor, api_key=missing, **construction_options(vendor))
    for name in table(vendor).env_vars:
        assert name in str(caught.value)
    assert vendor.value in str(caught.value)


@pytest.mark.parametrize("client_class", CLIENTS)
def test_empty_env_var_counts_as_missing(client_class: type[Client], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAUNCHMYSTORE_ACCESS_TOKEN", "")
    with pytest.raises(ConfigurationError, match="LAUNCHMYSTORE_ACCESS_TOKEN"):
        client_class("launchmystore")


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("from_env", [False, True])
def test_salesive_key_must_start_with_app(
    client_class: type[Client], from_env: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "sk_live_Zq9-not-an-app-token"
    if from_env:
        monkeypatch.setenv("SALESIVE_APP_TOKEN", secret)
    with pytest.raises(ConfigurationError) as caught:
        client_class("salesive", api_key=None if from_env else secret)
    assert "app_" in str(caught.value)
    assert "salesive" in str(caught.value)
    for text in (str(caught.value), repr(caught.value)):
        assert secret not in text
        assert "Zq9" not in text


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("vendor", [BITBYBIT, LAUNCHMYSTORE])
def test_other_vendors_take_any_key_form(client_class: type[Client], vendor: Vendor) -> None:
    assert client_class(vendor, api_key="sk_live_anything").vendor is vendor


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize(
    "base_url",
    [
        "http://api.salesive.com/api/v1",
        "http://10.0.0.5:8080",
        "http://192.168.1.10",
        "http://[2001:db8::1]/v1",
        "http://localhost.example.com",
        "ftp://127.0.0.1/orders",
    ],
)
def test_base_url_that_would_leak_the_key_is_refused(client_class: type[Client], base_url: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        client_class("launchmystore", api_key=KEYS[LAUNCHMYSTORE], base_url=base_url)
    assert KEYS[LAUNCHMYSTORE] not in str(caught.value)


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize(
    "base_url",
    [
        "https://api.example.com/v1",
        "http://127.0.0.1:8080",
        "http://127.0.0.2",
        "http://localhost:9000",
        "http://[::1]:1",
    ],
)
def test_https_and_loopback_base_urls_are_accepted(client_class: type[Client], base_url: str) -> None:
    assert client_class("bitbybit", api_key="k", base_url=base_url).base_url == base_url


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("vendor", VENDORS)
def test_default_base_url_is_the_vendors_https_server(client_class: type[Client], vendor: Vendor) -> None:
    expected = table(vendor).default_base_url
    if expected is None:  # a host per store: nowhere to go by default, and saying so before anything is sent
        with pytest.raises(ConfigurationError, match="no default base URL") as caught:
            client_class(vendor, api_key=KEYS[vendor])
        assert "base_url=" in str(caught.value)
        return
    assert expected.startswith("https://")
    assert client_class(vendor, api_key=KEYS[vendor]).base_url == expected


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("vendor", VENDORS)
def test_repr_never_shows_the_key(client_class: type[Client], vendor: Vendor) -> None:
    client = client_class(vendor, api_key=KEYS[vendor], base_url="http://127.0.0.1:1")
    text = repr(client) + str(client)
    for part in KEY_PARTS[vendor]:
        assert part not in text
    assert "s3cr3t" not in text
    assert vendor.value in text


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("vendor", VENDORS)
def test_supported_updates(client_class: type[Client], vendor: Vendor) -> None:
    supported = client_class(vendor, api_key=KEYS[vendor], **construction_options(vendor)).supported_updates
    assert isinstance(supported, frozenset)
    assert supported == SUPPORTED[vendor]


# -- every option is checked when the client is built: nothing bad reaches a request ----------------------------

SECRET = "app_Zq9s3cr3tK3y"  # valid for every vendor (Salesive's app_ prefix), and distinctive
# The key as a careless caller hands it over: read from a file, pasted, or of the wrong type.
BAD_KEYS: list[object] = [
    SECRET + "\n",
    SECRET + "\r\n",
    " " + SECRET,
    SECRET + " ",
    SECRET + "\t",
    SECRET[:6] + "\r\n" + SECRET[6:],
    SECRET[:6] + "\x00" + SECRET[6:],
    SECRET[:6] + "\x1b" + SECRET[6:],
    SECRET[:6] + "\x7f" + SECRET[6:],
    SECRET[:6] + " " + SECRET[6:],
    SECRET + "é",
    SECRET + "\u00a0",
    SECRET + "\udc80",
    SECRET.encode(),
    12345,
    ["app_x"],
]


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize("key", BAD_KEYS, ids=repr)
def test_a_key_that_cannot_be_sent_as_itself_is_refused_without_showing_it(
    client_class: type[Client], vendor: Vendor, key: object
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        client_class(vendor, api_key=key)  # type: ignore[arg-type]
    error = caught.value
    assert "api_key" in str(error)
    assert vendor.value in str(error)
    assert error.__cause__ is None
    assert error.__suppress_context__ or error.__context__ is None
    printable = everything_printable(error)
    for fragment in (SECRET, SECRET[4:], SECRET[-6:], "Zq9"):
        assert fragment not in printable


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_key_from_the_environment_is_checked_the_same_way(vendor: Vendor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VARS[vendor], SECRET + "\n")  # `export KEY=$(cat key.txt)` keeps no newline; a .env may
    with pytest.raises(ConfigurationError) as caught:
        Client(vendor)
    assert ENV_VARS[vendor] in str(caught.value)  # names where the key came from
    assert "whitespace" in str(caught.value)
    assert SECRET not in everything_printable(caught.value)


def test_a_str_subclass_key_is_sent_as_the_string_it_holds(server: LoopbackServer) -> None:
    class Key(str):
        __slots__ = ()

        def __str__(self) -> str:
            return "something else"

    server.replies.append(ok(BITBYBIT))
    with Client(BITBYBIT, api_key=Key(KEYS[BITBYBIT]), base_url=server.base_url, max_retries=0) as client:
        client.update_order(ORDER_ID, notes="x")
    assert server.requests[0].headers["x-api-key"] == KEYS[BITBYBIT]


BAD_BASE_URLS: list[object] = [
    "https://api.example.com/v1?x=",  # the order id would land in the query string
    "https://api.example.com/v1?",
    "https://api.example.com/v1#",  # the order path would be dropped as a fragment
    "https://api.example.com/v1#frag",
    "https://api.example.com/v1\n",  # as read from a config file
    " https://api.example.com/v1",
    "https://api.example.com/v 1",
    "https://api.example.com/\x00v1",
    "https://api.example.com/\x85v1",
    "https://api.example.com/\udc80",
    "https://",
    "https:///v1",
    "http://",
    "https://[::1",
    "https://api.example.com:99999/v1",  # httpx parses it; the socket would raise a raw OverflowError
    "https://api.example.com:0/v1",
    "https://api.example.com:port/v1",
    "api.example.com/v1",
    "",
    "https://api.example.com/" + "v" * 2048,
    b"https://api.example.com",
    httpx.URL("https://api.example.com"),
    5,
]


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("base_url", BAD_BASE_URLS, ids=lambda url: repr(url)[:60])
def test_a_base_url_the_order_path_cannot_be_appended_to_is_refused(
    client_class: type[Client], base_url: object
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        client_class("launchmystore", api_key=KEYS[LAUNCHMYSTORE], base_url=base_url)  # type: ignore[arg-type]
    assert "base_url" in str(caught.value)
    assert KEYS[LAUNCHMYSTORE] not in everything_printable(caught.value)


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize(
    "base_url",
    ["https://user:pa55word@api.example.com/v1", "https://pa55word@api.example.com", "http://:pa55word@127.0.0.1:1"],
)
def test_credentials_in_the_base_url_are_refused_without_showing_them(
    client_class: type[Client], base_url: str
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        client_class("bitbybit", api_key="k", base_url=base_url)
    assert "credentials" in str(caught.value)
    assert "pa55word" not in everything_printable(caught.value)


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("vendor", [5, None, b"bitbybit", ["bitbybit"]], ids=repr)
def test_a_vendor_that_is_not_a_name_is_a_configuration_error(client_class: type[Client], vendor: object) -> None:
    with pytest.raises(ConfigurationError, match="vendor"):
        client_class(vendor, api_key="k")  # type: ignore[arg-type]


BAD_TIMEOUTS: list[object] = [
    0,
    -1,
    float("nan"),
    float("inf"),
    float("-inf"),
    3600.5,
    10**400,  # float() of it would overflow
    "10",
    None,
    True,
    httpx.Timeout(-1),
    httpx.Timeout(0),
    httpx.Timeout(5, read=float("nan")),
    httpx.Timeout(5, connect=float("inf")),
    httpx.Timeout(5, pool=1e10),  # once killed the sync watchdog thread (OverflowError)
    httpx.Timeout(5, write="5"),  # type: ignore[arg-type]
    httpx.Timeout(5, read=True),  # type: ignore[arg-type]
    httpx.Timeout(None),  # unbounded: an attempt could hang forever
]


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("bad", BAD_TIMEOUTS, ids=lambda value: repr(value)[:40])
def test_bad_timeout_is_a_configuration_error(client_class: type[Client], bad: object) -> None:
    with pytest.raises(ConfigurationError, match="timeout"):
        client_class("bitbybit", api_key="k", timeout=bad)  # type: ignore[arg-type]
    client = client_class("bitbybit", api_key="k")
    with pytest.raises(ConfigurationError, match="timeout"):
        client.with_options(timeout=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "phases"),
    [
        (httpx.Timeout(1, read=None), (1, 1, 1, 1)),  # read=None once left a sync read unbounded
        (httpx.Timeout(None, connect=2), (2, 2, 2, 2)),
        (httpx.Timeout(None, connect=2, read=7), (2, 7, 7, 7)),
        (httpx.Timeout(10, connect=1), (1, 10, 10, 10)),
        (10, (5, 10, 10, 10)),
        (2.5, (2.5, 2.5, 2.5, 2.5)),
    ],
)
def test_every_phase_of_an_accepted_timeout_is_bounded(given: Any, phases: tuple[float, ...]) -> None:
    """A phase given as None is bounded by the attempt's budget (the largest phase given), as the attempt is."""
    timeout = Client("bitbybit", api_key="k", timeout=given).timeout
    assert (timeout.connect, timeout.read, timeout.write, timeout.pool) == phases


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("bad", [-1, 1.5, "2", True, None, 10**400 * -1], ids=lambda value: repr(value)[:20])
def test_bad_max_retries_is_a_configuration_error(client_class: type[Client], bad: object) -> None:
    with pytest.raises(ConfigurationError, match="max_retries"):
        client_class("bitbybit", api_key="k", max_retries=bad)  # type: ignore[arg-type]
    client = client_class("bitbybit", api_key="k")
    with pytest.raises(ConfigurationError, match="max_retries"):
        client.with_options(max_retries=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("bad", ["10", None, 0, -1, True, False, 10.0, b"10"], ids=repr)
def test_bad_max_response_bytes_is_a_configuration_error(client_class: type[Client], bad: object) -> None:
    """Once accepted: the PUT was sent, then a raw TypeError, and the update may have happened."""
    with pytest.raises(ConfigurationError, match="max_response_bytes"):
        client_class("bitbybit", api_key="k", max_response_bytes=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("client_class", "http_client"),
    [
        (Client, httpx.AsyncClient()),
        (AsyncClient, httpx.Client()),
        (Client, "httpx.Client()"),
        (Client, object()),
    ],
    ids=["async-for-sync", "sync-for-async", "str", "object"],
)
def test_an_http_client_of_the_wrong_kind_is_refused(client_class: type[Client], http_client: object) -> None:
    with pytest.raises(ConfigurationError, match="http_client"):
        client_class("bitbybit", api_key="k", http_client=http_client)  # type: ignore[arg-type]


@pytest.mark.parametrize("client_class", CLIENTS)
def test_a_closed_http_client_is_refused(client_class: type[Client]) -> None:
    http_client: Any = httpx.Client() if client_class is Client else httpx.AsyncClient()
    if client_class is Client:
        http_client.close()
    else:
        asyncio.run(http_client.aclose())
    with pytest.raises(ConfigurationError, match="closed"):
        client_class("bitbybit", api_key="k", http_client=http_client)


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("timeout", float("inf")),
        ("timeout", httpx.Timeout(-1)),
        ("timeout", httpx.Timeout(None)),
        ("timeout", "5"),
        ("max_retries", -1),
        ("max_retries", None),
        ("max_retries", True),
    ],
    ids=lambda value: repr(value)[:30],
)
async def test_per_call_overrides_are_checked_before_sending(
    option: str, value: object, mode: str, server: LoopbackServer
) -> None:
    server.replies.append(ok(BITBYBIT))
    with pytest.raises(InvalidUpdateError) as caught:
        await update(mode, BITBYBIT, server, notes="x", **{option: value})
    assert caught.value.field.startswith(option)
    assert "Nothing was sent" in str(caught.value)
    assert server.requests == []
