"""Transport safety through the facade: plain http only to loopback, our User-Agent, a caller's own httpx client
(used, never closed, untouched outside our calls), no cookies kept by ours, the attempt deadline, and order ids as
one path segment."""

from __future__ import annotations

import platform
import re
import time
from urllib.parse import quote

import httpx
import pytest

import storefronts
from storefronts import _constants
from storefronts.errors import APIError, APITimeoutError, ConfigurationError, ResponseDecodeError
from tests.reliability.conftest import (
    API_KEYS,
    NOTES,
    ORDER_ID,
    VENDORS,
    async_client,
    ok_json,
    sync_client,
)
from tests.support.loopback import LoopbackServer, Reply

USER_AGENT = re.compile(r"^storefront-clients/(\S+) python/(\S+) httpx/(\S+)$")
EXPECTED_USER_AGENT = (
    f"storefront-clients/{storefronts.__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
)
ELEVEN_MIB = 11 * 1024 * 1024


def _ok(vendor: str) -> Reply:
    return Reply(200, body=ok_json(vendor), content_type="application/json")


@pytest.fixture
def elsewhere(other_server: LoopbackServer) -> LoopbackServer:
    return other_server


# -- base_url ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "base_url",
    [
        "http://api.example.com",
        "http://api.example.com:80/v1",
        "http://10.0.0.8:8080",
        "http://192.168.1.20",
        "http://[2001:db8::1]:8080",
        "http://localhost.example.com",
        "http://127.0.0.1.nip.io",
        "http://0.0.0.0:8000",
    ],
)
@pytest.mark.parametrize("vendor", VENDORS)
def test_plain_http_to_another_host_is_refused_with_the_reason(vendor: str, base_url: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        storefronts.Client(vendor, api_key=API_KEYS[vendor], base_url=base_url)
    message = str(caught.value)
    assert base_url in message
    assert "unencrypted" in message  # why
    assert "https://" in message  # and what to do instead
    assert "127.0.0.0/8" in message


@pytest.mark.parametrize(
    "base_url",
    [
        "http://127.0.0.1:8000",
        "http://127.8.9.10/api",
        "http://[::1]:9000",
        "http://localhost:3000/v1",
        "http://LOCALHOST",
        "https://api.example.com/v1",
    ],
)
def test_loopback_http_and_any_https_are_accepted(base_url: str) -> None:
    for vendor in VENDORS:
        with storefronts.Client(vendor, api_key=API_KEYS[vendor], base_url=base_url) as client:
            assert client.base_url == base_url


@pytest.mark.parametrize("base_url", ["ftp://127.0.0.1/", "ws://localhost:1", "file:///etc/passwd"])
def test_other_schemes_are_refused(base_url: str) -> None:
    with pytest.raises(ConfigurationError, match="https://"):
        storefronts.Client("bitbybit", api_key=API_KEYS["bitbybit"], base_url=base_url)


# -- User-Agent ---------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("vendor", VENDORS)
def test_every_request_carries_our_user_agent(server: LoopbackServer, vendor: str) -> None:
    server.replies.extend([Reply(503), _ok(vendor)])  # a retry too
    with sync_client(vendor, server) as client:
        client.update_order(ORDER_ID, notes=NOTES)
    # a caller's client with its own User-Agent: ours still goes on our requests
    with (
        httpx.Client(headers={"User-Agent": "their-app/1.0"}) as theirs,
        sync_client(vendor, server, http_client=theirs) as client,
    ):
        server.replies.append(_ok(vendor))
        client.update_order(ORDER_ID, notes=NOTES)
    agents = [request.headers["user-agent"] for request in server.requests]
    assert agents == [EXPECTED_USER_AGENT] * 3
    assert USER_AGENT.match(agents[0])


@pytest.mark.anyio
@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("vendor", VENDORS)
async def test_every_async_request_carries_our_user_agent(server: LoopbackServer, vendor: str) -> None:
    server.replies.extend([Reply(503), _ok(vendor)])
    async with async_client(vendor, server) as client:
        await client.update_order(ORDER_ID, notes=NOTES)
    assert [request.headers["user-agent"] for request in server.requests] == [EXPECTED_USER_AGENT] * 2


# -- a caller's own httpx client ------------------------------------------------------------------------------------


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_callers_http_client_is_used_and_never_closed(
    server: LoopbackServer, elsewhere: LoopbackServer, vendor: str
) -> None:
    seen: list[str] = []
    theirs = httpx.Client(
        headers={"X-Team": "fulfilment"},
        event_hooks={"request": [lambda request: seen.append(request.method)]},
        base_url=elsewhere.base_url,  # their own default host: our calls must still go to our base_url
    )
    server.replies.append(_ok(vendor))
    with sync_client(vendor, server, http_client=theirs) as client:
        order = client.update_order(ORDER_ID, notes=NOTES)
        assert order.id == ORDER_ID
        client.close()  # an explicit close as well as the context exit
    assert seen == ["PUT"]  # their event hook ran on our request
    (request,) = server.requests
    assert request.headers["x-team"] == "fulfilment"  # their headers were sent
    assert elsewhere.requests == []
    assert not theirs.is_closed  # not ours to close

    # and it is still theirs, unaffected by our guards outside our calls: no size limit, their redirects, no
    # User-Agent of ours
    elsewhere.replies.append(Reply(200, body=b"x" * ELEVEN_MIB, content_type="application/octet-stream"))
    big = theirs.get("/download")
    assert len(big.content) == ELEVEN_MIB
    assert elsewhere.requests[-1].headers["user-agent"].startswith("python-httpx/")
    elsewhere.replies.append(Reply(302, headers={"Location": elsewhere.url("/moved")}))
    elsewhere.replies.append(Reply(200, body=b"here"))
    moved = theirs.get("/old", follow_redirects=True)
    assert (moved.status_code, moved.text) == (200, "here")
    theirs.close()


@pytest.mark.parametrize("vendor", VENDORS)
def test_our_own_http_client_is_closed(server: LoopbackServer, vendor: str) -> None:
    with sync_client(vendor, server) as client:
        assert not client._http.is_closed
    assert client._http.is_closed


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", VENDORS)
async def test_a_callers_async_http_client_is_used_and_never_closed(
    server: LoopbackServer, elsewhere: LoopbackServer, vendor: str
) -> None:
    seen: list[str] = []

    async def record(request: httpx.Request) -> None:
        seen.append(request.method)

    theirs = httpx.AsyncClient(headers={"X-Team": "fulfilment"}, event_hooks={"request": [record]})
    server.replies.append(_ok(vendor))
    async with async_client(vendor, server, http_client=theirs) as client:
        assert (await client.update_order(ORDER_ID, notes=NOTES)).id == ORDER_ID
    assert seen == ["PUT"]
    assert server.requests[0].headers["x-team"] == "fulfilment"
    assert not theirs.is_closed
    elsewhere.replies.append(Reply(200, body=b"x" * ELEVEN_MIB))
    assert len((await theirs.get(elsewhere.url("/download"))).content) == ELEVEN_MIB
    await theirs.aclose()

    async with async_client(vendor, server) as ours:
        pass
    assert ours._http.is_closed


def _sets_a_cookie(vendor: str) -> Reply:
    return Reply(
        200, body=ok_json(vendor), content_type="application/json", headers={"Set-Cookie": "lb=node-7; Path=/"}
    )


@pytest.mark.parametrize("vendor", VENDORS)
def test_our_own_http_client_keeps_no_cookies_a_callers_keeps_its_own(server: LoopbackServer, vendor: str) -> None:
    server.replies.extend([_sets_a_cookie(vendor), _ok(vendor)])
    with sync_client(vendor, server) as client:
        client.update_order(ORDER_ID, notes=NOTES)
        client.with_options(max_retries=0).update_order(ORDER_ID, notes=NOTES)
        assert not client._http.cookies
    # the same exchange through a caller's default httpx client: its jar keeps the cookie and sends it back, as
    # httpx does (so the server's Set-Cookie above did reach the client, and was dropped)
    server.replies.extend([_sets_a_cookie(vendor), _ok(vendor)])
    with httpx.Client() as theirs, sync_client(vendor, server, http_client=theirs) as client:
        client.update_order(ORDER_ID, notes=NOTES)
        client.update_order(ORDER_ID, notes=NOTES)
    assert [request.headers.get("cookie") for request in server.requests] == [None, None, None, "lb=node-7"]


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", VENDORS)
async def test_our_own_async_http_client_keeps_no_cookies(server: LoopbackServer, vendor: str) -> None:
    server.replies.extend([_sets_a_cookie(vendor), _ok(vendor), _sets_a_cookie(vendor), _ok(vendor)])
    async with async_client(vendor, server) as client:
        await client.update_order(ORDER_ID, notes=NOTES)
        await client.update_order(ORDER_ID, notes=NOTES)
    async with httpx.AsyncClient() as theirs, async_client(vendor, server, http_client=theirs) as client:
        await client.update_order(ORDER_ID, notes=NOTES)
        await client.update_order(ORDER_ID, notes=NOTES)
    assert [request.headers.get("cookie") for request in server.requests] == [None, None, None, "lb=node-7"]


def test_our_own_http_clients_refuse_a_cookie_jar() -> None:
    for http_client in (storefronts._http.CookielessClient(), storefronts._http.AsyncCookielessClient()):
        with pytest.raises(AttributeError, match="keeps no cookies"):
            http_client.cookies = {"lb": "node-7"}  # type: ignore[misc]


def test_our_guards_hold_on_our_calls_through_a_callers_client(
    server: LoopbackServer, elsewhere: LoopbackServer
) -> None:
    """Their client follows redirects and has a long timeout; on our calls, neither applies."""
    with httpx.Client(follow_redirects=True, timeout=60.0) as theirs:
        with sync_client("salesive", server, http_client=theirs) as client:
            server.replies.append(Reply(302, headers={"Location": elsewhere.url("/orders/x")}))
            with pytest.raises(APIError) as caught:
                client.update_order(ORDER_ID, notes=NOTES)
            assert caught.value.status_code == 302
            assert elsewhere.requests == []

            server.replies.append(Reply(200, body=b" " * ELEVEN_MIB, content_type="application/json", chunked=True))
            with pytest.raises(ResponseDecodeError, match="byte limit"):
                client.update_order(ORDER_ID, notes=NOTES)

            server.replies.append(Reply(200, delay_before_headers=3.0))
            started = time.monotonic()
            with pytest.raises(APITimeoutError):
                client.update_order(ORDER_ID, notes=NOTES, timeout=0.3, max_retries=0)
            assert time.monotonic() - started < 0.3 + 0.5
        assert not theirs.is_closed


# -- the attempt's deadline --------------------------------------------------------------------------------------

# Each piece of the body comes inside the read timeout, so only the deadline can end the attempt; a per-piece check
# alone would let it run until the piece after the deadline (0.8 s here).
_DEADLINE_S = 0.5
_TRICKLE = (8, 0.4)


def _slow_body(vendor: str) -> Reply:
    return Reply(200, body=ok_json(vendor), content_type="application/json", trickle=_TRICKLE)


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_the_attempt_deadline_cuts_a_trickling_body(server: LoopbackServer, chunked: bool) -> None:
    reply = _slow_body("bitbybit")
    reply.chunked = chunked
    server.replies.append(reply)
    with sync_client("bitbybit", server) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.update_order(ORDER_ID, notes=NOTES, timeout=_DEADLINE_S, max_retries=0)
        elapsed = time.monotonic() - started
    assert _DEADLINE_S * 0.9 <= elapsed < _DEADLINE_S + 0.2


@pytest.mark.anyio
async def test_the_async_attempt_deadline_cuts_a_trickling_body(server: LoopbackServer) -> None:
    server.replies.append(_slow_body("launchmystore"))
    async with async_client("launchmystore", server) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            await client.update_order(ORDER_ID, notes=NOTES, timeout=_DEADLINE_S, max_retries=0)
        elapsed = time.monotonic() - started
    assert _DEADLINE_S * 0.9 <= elapsed < _DEADLINE_S + 0.2


def test_a_connection_cut_by_the_deadline_is_not_reused(server: LoopbackServer) -> None:
    server.replies.extend([_slow_body("bitbybit"), _ok("bitbybit")])
    with sync_client("bitbybit", server) as client:
        with pytest.raises(APITimeoutError):
            client.update_order(ORDER_ID, notes=NOTES, timeout=_DEADLINE_S, max_retries=0)
        assert client.update_order(ORDER_ID, notes=NOTES, max_retries=0).id == ORDER_ID


def test_default_timeouts_are_documented_constants() -> None:
    assert httpx.Timeout(30.0, connect=5.0) == storefronts.DEFAULT_TIMEOUT
    assert (_constants.DEFAULT_TIMEOUT_S, _constants.DEFAULT_CONNECT_TIMEOUT_S) == (30.0, 5.0)
    with storefronts.Client("bitbybit", api_key=API_KEYS["bitbybit"]) as client:
        assert client.timeout == _constants.DEFAULT_TIMEOUT
        assert client.max_retries == _constants.DEFAULT_MAX_RETRIES == 2


# -- order ids ----------------------------------------------------------------------------------------------------

ODD_IDS = ["../customers/1", "a/b?x=1#f", "100%", "ünï", "..", "%2F", "a b"]


@pytest.mark.parametrize("order_id", ODD_IDS)
@pytest.mark.parametrize("vendor", VENDORS)
def test_an_order_id_is_one_path_segment(server: LoopbackServer, vendor: str, order_id: str) -> None:
    server.replies.append(_ok(vendor))
    with storefronts.Client(vendor, api_key=API_KEYS[vendor], base_url=server.url("/api/v1")) as client:
        client.update_order(order_id, notes=NOTES)
    _assert_one_segment(server, order_id)


@pytest.mark.anyio
@pytest.mark.parametrize("order_id", ODD_IDS)
@pytest.mark.parametrize("vendor", VENDORS)
async def test_an_order_id_is_one_path_segment_async(server: LoopbackServer, vendor: str, order_id: str) -> None:
    server.replies.append(_ok(vendor))
    async with async_client(vendor, server, base_url=server.url("/api/v1")) as client:
        await client.update_order(order_id, notes=NOTES)
    _assert_one_segment(server, order_id)


def _assert_one_segment(server: LoopbackServer, order_id: str) -> None:
    (request,) = server.requests
    prefix, _, segment = request.raw_path.rpartition("/")
    assert prefix == "/api/v1/orders"
    assert request.query == ""
    expected = quote(order_id, safe="")
    if order_id in {".", ".."}:  # a dot-segment would be resolved away ("/orders/.." is "/"): escaped too
        expected = expected.replace(".", "%2E")
    assert segment == expected
    assert request.path == f"/api/v1/orders/{order_id}"  # decoded, it is the id exactly


@pytest.mark.parametrize("vendor", VENDORS)
def test_our_guards_come_back_after_a_caller_reassigns_event_hooks(
    server: LoopbackServer, elsewhere: LoopbackServer, vendor: str
) -> None:
    """``theirs.event_hooks = {...}`` replaces every hook, ours too: the next call puts ours back, so a redirect is
    still refused rather than followed with the credential."""
    with httpx.Client(follow_redirects=True) as theirs, sync_client(vendor, server, http_client=theirs) as client:
        theirs.event_hooks = {"request": [], "response": []}
        server.replies.append(Reply(302, headers={"Location": elsewhere.url("/orders/x")}))
        with pytest.raises(APIError) as caught:
            client.update_order(ORDER_ID, notes=NOTES, max_retries=0)
        assert caught.value.status_code == 302
        assert elsewhere.requests == []


@pytest.mark.parametrize("vendor", VENDORS)
def test_an_error_carries_the_response_as_received(server: LoopbackServer, vendor: str) -> None:
    """``APIError.response`` is httpx's own response: its request (method, URL) is there for a log line."""
    server.replies.append(Reply(404, json={"message": "no such order"}, headers={"X-Request-Id": "req-42"}))
    with sync_client(vendor, server) as client, pytest.raises(APIError) as caught:
        client.update_order(ORDER_ID, notes=NOTES)
    response = caught.value.response
    assert response is not None
    assert response.request.method == "PUT"
    assert response.request.url == httpx.URL(server.url(f"/orders/{ORDER_ID}"))
    assert response.headers["x-request-id"] == "req-42"


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize("status", [201, 202])
async def test_an_undocumented_2xx_with_an_order_reads_as_the_order(
    server: LoopbackServer, vendor: str, status: int
) -> None:
    """The specs document only 200; a 201/202 carrying the same envelope is still a success with an Order."""
    server.replies.append(Reply(status, body=ok_json(vendor), content_type="application/json"))
    server.replies.append(Reply(status, body=ok_json(vendor), content_type="application/json"))
    with sync_client(vendor, server) as client:
        assert client.update_order(ORDER_ID, notes=NOTES).id == ORDER_ID
    async with async_client(vendor, server) as aclient:
        assert (await aclient.update_order(ORDER_ID, notes=NOTES)).id == ORDER_ID
