"""``DefaultAioHttpClient``: where aiohttp differs from httpx's own pool, and the guarantees that hold all the same.

The rest of the suite runs every async test on both transports (see ``conftest.py``); this module holds what only
the aiohttp transport needs said: it loads nothing until used, it is configured as our own client (limits, no
cookies in aiohttp's own jar either, timeouts as httpx means them), it decodes content once (aiohttp is told not
to), and no aiohttp exception reaches the caller, even for bytes no HTTP server would send.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import storefronts
from storefronts import APIConnectionError, APITimeoutError, ResponseDecodeError, StorefrontError
from tests.reliability.conftest import API_KEYS, NOTES, ORDER_ID, ORDER_IDS, VENDORS, async_client, ok_json
from tests.support.loopback import LoopbackServer, Reply

pytestmark = pytest.mark.anyio

_SMALL_LIMIT = 64 * 1024


def _run(script: str) -> dict[str, Any]:
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


# -- loading ------------------------------------------------------------------------------------------------------


def test_import_storefronts_loads_nothing_of_aiohttp() -> None:
    loaded = _run(
        """
import json, sys
def loaded():
    return sorted(m for m in ("aiohttp", "httpx_aiohttp", "yarl", "storefronts._aiohttp") if m in sys.modules)
import storefronts
after_import = loaded()
storefronts.DefaultAioHttpClient
after_name = loaded()
storefronts.DefaultAioHttpClient()
print(json.dumps({"import": after_import, "name": after_name, "made": loaded()}))
"""
    )
    assert loaded == {
        "import": [],
        "name": ["storefronts._aiohttp"],  # the class itself: httpx and storefronts only
        "made": ["aiohttp", "httpx_aiohttp", "storefronts._aiohttp", "yarl"],
    }


def test_without_the_extra_the_name_imports_and_making_one_says_what_to_install() -> None:
    outcome = _run(
        """
import json, sys
sys.modules["httpx_aiohttp"] = None  # as if the aiohttp extra were not installed
from storefronts import *
import storefronts
try:
    storefronts.DefaultAioHttpClient()
except storefronts.ConfigurationError as error:
    print(json.dumps({"star": "DefaultAioHttpClient" in dir(), "error": str(error)}))
"""
    )
    assert outcome["star"] is True
    assert 'pip install "storefront-clients[aiohttp]"' in outcome["error"]


# -- configured as our own client ---------------------------------------------------------------------------------


async def _session_of(client: storefronts.AsyncClient) -> Any:
    transport: Any = client._http._transport
    return transport.client


async def test_it_has_our_limits_user_agent_and_timeout(server: LoopbackServer) -> None:
    server.replies.append(Reply(200, body=ok_json("bitbybit"), content_type="application/json"))
    http = storefronts.DefaultAioHttpClient()
    assert http.timeout == storefronts.DEFAULT_TIMEOUT
    assert http.follow_redirects is False
    async with storefronts.AsyncClient(
        "bitbybit", api_key=API_KEYS["bitbybit"], base_url=server.base_url, http_client=http
    ) as client:
        await client.update_order(ORDER_ID, notes=NOTES)
        session = await _session_of(client)
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=30.0)
        assert (session.connector.limit, session.connector.limit_per_host) == (limits.max_connections,) * 2
        assert session.auto_decompress is False
    (request,) = server.requests
    assert request.headers["user-agent"].startswith("storefront-clients/")


async def test_the_user_agent_stays_ours_whatever_headers_it_is_given(server: LoopbackServer) -> None:
    server.replies.append(Reply(200, body=ok_json("bitbybit"), content_type="application/json"))
    http = storefronts.DefaultAioHttpClient(headers={"User-Agent": "mine/1.0", "X-Team": "fulfilment"})
    async with async_client("bitbybit", server, http_client=http) as client:
        await client.update_order(ORDER_ID, notes=NOTES)
    (request,) = server.requests
    assert request.headers["user-agent"].startswith("storefront-clients/")
    assert request.headers["x-team"] == "fulfilment"


async def test_the_async_client_it_is_given_to_closes_it(server: LoopbackServer) -> None:
    server.replies.append(Reply(200, body=ok_json("salesive"), content_type="application/json"))
    http = storefronts.DefaultAioHttpClient()
    async with async_client("salesive", server, http_client=http) as client:
        copy = client.with_options(max_retries=0)
        await copy.update_order(ORDER_ID, notes=NOTES)
        await copy.aclose()  # a copy closes nothing
        assert not http.is_closed
        session = await _session_of(client)
    assert http.is_closed
    assert session.closed  # aiohttp's session too: no "Unclosed client session" at exit


async def test_aiohttp_keeps_no_cookie_in_its_own_jar(server: LoopbackServer) -> None:
    ok = Reply(200, body=ok_json("bitbybit"), content_type="application/json")
    server.replies += [
        Reply(200, body=ok_json("bitbybit"), content_type="application/json", headers={"Set-Cookie": "s=1; Path=/"}),
        ok,
    ]
    async with async_client("bitbybit", server, http_client=storefronts.DefaultAioHttpClient()) as client:
        await client.update_order(ORDER_ID, notes=NOTES)
        await client.update_order(ORDER_ID, notes=NOTES)
        assert len((await _session_of(client)).cookie_jar) == 0
    assert "cookie" not in server.requests[1].headers


async def test_a_wait_for_a_pooled_connection_times_out_as_a_timeout(server: LoopbackServer) -> None:
    """aiohttp has one timeout for the pool wait and the connect: it gets ``pool + connect``, so a call waiting for
    a connection that never frees up ends as APITimeoutError, while another holds the only one."""
    server.replies += [
        Reply(200, body=ok_json("bitbybit"), content_type="application/json", delay_before_headers=1.0),
        Reply(200, body=ok_json("bitbybit"), content_type="application/json"),
    ]
    http = storefronts.DefaultAioHttpClient(limits=httpx.Limits(max_connections=1))
    async with async_client("bitbybit", server, http_client=http, max_retries=0) as client:
        holder = asyncio.create_task(client.update_order(ORDER_ID, notes=NOTES, timeout=5))
        await asyncio.sleep(0)
        while not server.requests:  # the only connection is taken once the server has the first request
            await asyncio.sleep(0.01)
        with pytest.raises(APITimeoutError):
            await client.update_order(ORDER_ID, notes=NOTES, timeout=httpx.Timeout(5, pool=0.1, connect=0.1))
        await holder
    assert len(server.requests) == 1  # the waiting call never got a connection, so sent nothing


# -- content decoding ---------------------------------------------------------------------------------------------


def _gzip_layers(data: bytes, layers: int) -> bytes:
    for _ in range(layers):
        data = gzip.compress(data)
    return data


@pytest.mark.parametrize("layers", [1, 2], ids=["gzip", "gzip, gzip"])
@pytest.mark.parametrize("vendor", VENDORS)
async def test_a_compressed_body_is_decoded_once(server: LoopbackServer, vendor: str, layers: int) -> None:
    encoding = ", ".join(["gzip"] * layers)
    server.replies.append(
        Reply(
            200,
            body=_gzip_layers(ok_json(vendor), layers),
            content_type="application/json",
            headers={"Content-Encoding": encoding},
        )
    )
    async with async_client(vendor, server) as client:
        order = await client.update_order(ORDER_IDS[vendor], notes=NOTES)
    assert (order.id, order.notes) == (ORDER_IDS[vendor], NOTES)


@pytest.mark.parametrize("layers", [1, 2], ids=["gzip", "gzip, gzip"])
@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
async def test_the_size_cap_counts_decoded_bytes(server: LoopbackServer, layers: int, chunked: bool) -> None:
    vendor = "bitbybit"
    notes = "x" * (_SMALL_LIMIT * 8)  # compresses to a few hundred bytes, well under the cap
    body = json.dumps({"data": {"id": ORDER_ID, "status": "active", "notes": notes}}).encode()
    compressed = _gzip_layers(body, layers)
    assert len(compressed) < _SMALL_LIMIT
    server.replies.append(
        Reply(
            200,
            body=compressed,
            content_type="application/json",
            chunked=chunked,
            headers={"Content-Encoding": ", ".join(["gzip"] * layers)},
        )
    )
    async with async_client(vendor, server, max_response_bytes=_SMALL_LIMIT) as client:
        with pytest.raises(ResponseDecodeError, match="limit"):
            await client.update_order(ORDER_ID, notes=NOTES)


# -- bytes no HTTP server should send -------------------------------------------------------------------------------

_OK_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
_HOSTILE: dict[str, Callable[[bytes], bytes]] = {
    "garbage status line": lambda body: b"HTTP/1.1 abc\r\n\r\n",
    "not HTTP at all": lambda body: b"SSH-2.0-OpenSSH_9.6\r\n",
    "header line over 64 KiB": lambda body: _OK_HEAD + b"X-Long: " + b"a" * 65536 + b"\r\nContent-Length: 2\r\n\r\n{}",
    "length and chunked together": lambda body: (
        _OK_HEAD + b"Content-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    ),
    "bad chunk size": lambda body: _OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + b"\r\n0\r\n\r\n",
    "body shorter than its length": lambda body: _OK_HEAD + b"Content-Length: %d\r\n\r\n" % (len(body) + 50) + body,
    "gzip label on plain bytes": lambda body: (
        _OK_HEAD + b"Content-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    ),
    "status 600": lambda body: b"HTTP/1.1 600 Nope\r\nContent-Length: 0\r\n\r\n",
    "nul in a header": lambda body: _OK_HEAD + b"X-Bad: a\x00b\r\nContent-Length: %d\r\n\r\n" % len(body) + body,
}


class RawServer:
    """Answers each request on a fresh connection with scripted bytes, then closes: what a broken proxy does."""

    def __init__(self, reply: bytes) -> None:
        self._reply = reply
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))  # bound now, so the client can be made before the server starts
        self.base_url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(self._reply)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def __aenter__(self) -> RawServer:
        self._server = await asyncio.start_server(self._handle, sock=self._socket)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._server.close()
        await self._server.wait_closed()


@pytest.mark.parametrize("case", sorted(_HOSTILE))
async def test_no_raw_exception_for_bytes_no_server_should_send(server: LoopbackServer, case: str) -> None:
    vendor = "launchmystore"
    raw_server = RawServer(_HOSTILE[case](ok_json(vendor)))
    client = async_client(vendor, server, base_url=raw_server.base_url, max_retries=1, timeout=2)
    async with raw_server, client:
        try:
            await client.update_order(ORDER_ID, notes=NOTES)
        except StorefrontError as error:
            assert API_KEYS[vendor] not in str(error)
        except Exception as error:  # the point: nothing else may come out
            pytest.fail(f"{case}: a raw {type(error).__module__}.{type(error).__name__} escaped: {error}")


@pytest.mark.parametrize("reply", ["reset_mid_body", "close_before_status"])
async def test_a_peer_that_hangs_up_is_a_connection_error_not_a_timeout(server: LoopbackServer, reply: str) -> None:
    server.replies.append(Reply(200, body=ok_json("bitbybit") * 4, content_type="application/json", **{reply: True}))
    async with async_client("bitbybit", server, max_retries=0) as client:
        with pytest.raises(APIConnectionError) as raised:
            await client.update_order(ORDER_ID, notes=NOTES)
    assert type(raised.value) is APIConnectionError
