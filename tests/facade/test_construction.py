"""Building a client: vendor names, API keys (given, from the environment, of the wrong form), safe base URLs."""

from __future__ import annotations

import pytest

from storefronts import AsyncClient, Client, ConfigurationError, Vendor
from tests.facade.support import (
    BITBYBIT,
    ENV_VARS,
    KEYS,
    LAUNCHMYSTORE,
    ORDER_ID,
    SALESIVE,
    SUPPORTED,
    VENDORS,
    ok,
    update,
)
from tests.support.loopback import LoopbackServer

CLIENTS = (Client, AsyncClient)


def _auth(vendor: Vendor, key: str) -> tuple[str, str]:
    """The header each vendor's spec puts the credential in."""
    return ("x-api-key", key) if vendor is BITBYBIT else ("authorization", f"Bearer {key}")


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("vendor", VENDORS)
def test_vendor_as_str_or_enum(client_class: type[Client], vendor: Vendor) -> None:
    for name in (vendor, vendor.value, vendor.value.upper()):
        client = client_class(name, api_key=KEYS[vendor])
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
        monkeypatch.delenv(ENV_VARS[other], raising=False)
    monkeypatch.setenv(ENV_VARS[vendor], KEYS[vendor])
    server.replies.append(ok(vendor))
    await update(mode, vendor, server, options={"api_key": None}, notes="from the environment")
    (request,) = server.requests
    name, value = _auth(vendor, KEYS[vendor])
    assert request.headers[name] == value


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", VENDORS)
async def test_a_given_api_key_wins_over_the_environment(
    vendor: Vendor, mode: str, server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VARS[vendor], "app_from-the-environment")
    server.replies.append(ok(vendor))
    await update(mode, vendor, server, notes="x")
    name, value = _auth(vendor, KEYS[vendor])
    assert server.requests[0].headers[name] == value


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", VENDORS)
async def test_credentials_go_where_each_vendor_documents(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    server.replies.append(ok(vendor))
    await update(mode, vendor, server, notes="x")
    (request,) = server.requests
    name, value = _auth(vendor, KEYS[vendor])
    assert request.headers[name] == value
    if vendor is BITBYBIT:
        assert "authorization" not in request.headers  # bitbybit keys go in x-api-key, not Authorization
    else:
        assert "x-api-key" not in request.headers
    assert (request.method, request.raw_path) == ("PUT", f"/orders/{ORDER_ID}")
    assert request.headers["content-type"] == "application/json"
    assert request.headers["user-agent"].startswith("storefront-clients/")


@pytest.mark.anyio
async def test_salesive_never_sends_a_shop_id(mode: str, server: LoopbackServer) -> None:
    server.replies.append(ok(SALESIVE))
    await update(mode, SALESIVE, server, status="processing", notes="x", shipping_cost=1, discount=2)
    (request,) = server.requests
    assert request.query == ""
    sent = str(request.json()).lower() + " ".join(request.headers).lower()
    assert "shop" not in sent
    assert "store" not in sent


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", VENDORS)
async def test_order_id_is_one_percent_encoded_path_segment(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    server.replies.append(ok(vendor))
    await update(mode, vendor, server, "a/b c?d#e", notes="x")
    assert server.requests[0].raw_path == "/orders/a%2Fb%20c%3Fd%23e"


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize("missing", [None, ""])
def test_missing_key_names_the_env_var(
    client_class: type[Client], vendor: Vendor, missing: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VARS[vendor], raising=False)
    with pytest.raises(ConfigurationError) as caught:
        client_class(vendor, api_key=missing)
    assert ENV_VARS[vendor] in str(caught.value)
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
    expected = {
        BITBYBIT: "https://api.bitbybit.studio/customer/api/open/v1",
        SALESIVE: "https://api.salesive.com/api/v1",
        LAUNCHMYSTORE: "https://api.launchmystore.io/api/v1",
    }
    assert client_class(vendor, api_key=KEYS[vendor]).base_url == expected[vendor]


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("vendor", VENDORS)
def test_repr_never_shows_the_key(client_class: type[Client], vendor: Vendor) -> None:
    client = client_class(vendor, api_key=KEYS[vendor], base_url="http://127.0.0.1:1")
    text = repr(client) + str(client)
    assert KEYS[vendor] not in text
    assert "s3cr3t" not in text
    assert vendor.value in text


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("vendor", VENDORS)
def test_supported_updates(client_class: type[Client], vendor: Vendor) -> None:
    supported = client_class(vendor, api_key=KEYS[vendor]).supported_updates
    assert isinstance(supported, frozenset)
    assert supported == SUPPORTED[vendor]


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("bad", [0, -1, float("nan"), "10", True])
def test_bad_timeout_is_a_configuration_error(client_class: type[Client], bad: object) -> None:
    with pytest.raises(ConfigurationError, match="timeout"):
        client_class("bitbybit", api_key="k", timeout=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("bad", [-1, 1.5, "2", True])
def test_bad_max_retries_is_a_configuration_error(client_class: type[Client], bad: object) -> None:
    with pytest.raises(ConfigurationError, match="max_retries"):
        client_class("bitbybit", api_key="k", max_retries=bad)  # type: ignore[arg-type]
