"""``DefaultAioHttpClient``: an ``httpx.AsyncClient`` on aiohttp's connection pool (``pip install
"storefront-clients[aiohttp]"``).

httpcore's async pool scans every connection on each request, so under concurrency ``AsyncClient`` on httpx's
default transport spends its time there; aiohttp's pool does not. The transport is ``httpx-aiohttp``'s, with what
it leaves to aiohttp's own defaults set as our own httpx client has them, so the README's Reliability section holds
on it unchanged (``tests/reliability`` runs on both transports):

- **content decoding**: aiohttp is told not to decode (``auto_decompress=False``, as httpx-aiohttp does per
  request, and here for the session too): httpx (and our size cap, which counts what it decodes to) sees the raw
  bytes and their ``Content-Encoding``, exactly as on the default transport;
- **cookies**: aiohttp keeps a cookie jar of its own beside httpx's: a ``DummyCookieJar`` keeps nothing, and the
  httpx side is our cookieless client;
- **redirects**: neither follows one (httpx-aiohttp passes ``allow_redirects=False``; httpx is told not to);
- **connection limits**: ``DEFAULT_CONNECTION_LIMITS``, as aiohttp's connector ``limit`` (all hosts) and
  ``limit_per_host``, with idle connections kept ``keepalive_expiry`` seconds. aiohttp has no bound of its own on
  idle connections besides ``limit``;
- **URLs**: sent as httpx encoded them (yarl would decode ``%2E`` and drop a ``..`` segment: an order id
  ``..`` would address the collection);
- **timeouts**: httpx's per-request timeout becomes aiohttp's ``ClientTimeout``: ``connect`` bounds the TCP (and
  TLS) connect, ``read`` every socket read, and the wait for a pooled connection plus the connect together are
  bounded by ``pool + connect`` (aiohttp counts them as one phase; httpx-aiohttp alone would give the pool
  timeout to both). aiohttp has no write timeout: the attempt's deadline (``asyncio.timeout``) bounds it;
- **one request per attempt**: aiohttp's own resend of an idempotent request whose connection dropped is off,
  so ``max_retries`` counts requests as on the default transport;
- **errors**: every aiohttp exception becomes the httpx one it stands for (a reset a ``ReadError``, a server gone
  before the status line a ``RemoteProtocolError``, a malformed response too), so the facade maps them to its
  errors as on the default transport. httpx-aiohttp maps some, and others it lets through raw. aiohttp's parser
  quotes all it read in its errors (a whole read buffer of a hostile server's bytes): the httpx error keeps the
  start (``TRANSPORT_ERROR_CHARS``), as h11's own messages are short, and such an error is not chained.

Nothing of aiohttp is imported until the first ``DefaultAioHttpClient`` is made: ``import storefronts`` stays as
fast, and without the extra the name still imports (``from storefronts import *`` works); making one then
raises ``ConfigurationError`` saying what to install.
"""

from __future__ import annotations

import functools
import re
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

import httpx

from ._constants import DEFAULT_CONNECTION_LIMITS, DEFAULT_TIMEOUT, TRANSPORT_ERROR_CHARS
from ._cookieless import AsyncCookielessClient
from ._rooted import USER_AGENT
from .errors import ConfigurationError

if TYPE_CHECKING:
    import ssl

_INSTALL_HINT = 'DefaultAioHttpClient needs the aiohttp extra: pip install "storefront-clients[aiohttp]"'
_WHITESPACE = re.compile(r"\s")


def bounded_message(message: str) -> str:
    """``message`` cut to at most ``TRANSPORT_ERROR_CHARS``, at a whitespace. The facade redacts the key after
    this cut, and a key holds no whitespace: an echoed key is kept whole (and then redacted) or dropped whole,
    never left as a fragment too short to recognise."""
    if len(message) <= TRANSPORT_ERROR_CHARS:
        return message
    head = message[: TRANSPORT_ERROR_CHARS + 1]
    cut = max((found.start() for found in _WHITESPACE.finditer(head)), default=0)
    return f"{message[:cut]} [cut from {len(message)} characters]"


def _quotes_too_much(error: BaseException) -> bool:
    """Whether ``error`` or what it chains (as a traceback prints it) says more than ``TRANSPORT_ERROR_CHARS``."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if len(str(current)) > TRANSPORT_ERROR_CHARS:
            return True
        seen.add(id(current))
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return False


class DefaultAioHttpClient(AsyncCookielessClient):
    """An ``httpx.AsyncClient`` on aiohttp's transport, configured as the one ``AsyncClient`` makes for itself:
    ``DEFAULT_CONNECTION_LIMITS``, ``DEFAULT_TIMEOUT``, no cookies, no redirects, our User-Agent.

    Give it to one ``AsyncClient`` (``http_client=DefaultAioHttpClient()``), which then owns it: closing that
    client closes it, as with the client ``AsyncClient`` makes itself. Share it between shops with
    ``with_options``, not by passing the same one to two clients. httpx's keyword arguments are accepted
    (``verify=``, ``proxy=``, ``headers=``...); the User-Agent stays ours.
    """

    # read by AsyncClient: a client of this class given as http_client is closed with the facade client
    _storefronts_owned: ClassVar[bool] = True

    def __init__(self, **options: Any) -> None:
        self._aiohttp_transport = _transport_class()  # before anything else: no extra, no client
        options.setdefault("timeout", DEFAULT_TIMEOUT)
        options.setdefault("limits", DEFAULT_CONNECTION_LIMITS)
        options["follow_redirects"] = False
        options["headers"] = {**dict(options.get("headers") or {}), "User-Agent": USER_AGENT}
        super().__init__(**options)

    def _init_transport(  # noqa: PLR0917 - httpx's own signature, which it calls positionally
        self,
        verify: ssl.SSLContext | str | bool = True,
        cert: Any = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = DEFAULT_CONNECTION_LIMITS,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> httpx.AsyncBaseTransport:
        if transport is not None:
            return transport
        return self._aiohttp_transport(verify=verify, cert=cert, trust_env=trust_env, limits=limits)

    def _init_proxy_transport(  # noqa: PLR0917 - httpx's own signature
        self,
        proxy: httpx.Proxy,
        verify: ssl.SSLContext | str | bool = True,
        cert: Any = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = DEFAULT_CONNECTION_LIMITS,
    ) -> httpx.AsyncBaseTransport:
        return self._aiohttp_transport(verify=verify, cert=cert, trust_env=trust_env, limits=limits, proxy=proxy)


@functools.cache
def _transport_class() -> Callable[..., httpx.AsyncBaseTransport]:
    """httpx-aiohttp's transport with our settings, built on first use (it imports aiohttp)."""
    try:
        import aiohttp  # noqa: PLC0415 - the optional extra, loaded by the first DefaultAioHttpClient only
        import yarl  # noqa: PLC0415 - aiohttp's own URL type
        from aiohttp.streams import EofStream  # noqa: PLC0415
        from httpx_aiohttp.transport import AiohttpResponseStream, AiohttpTransport  # noqa: PLC0415
    except ImportError:
        raise ConfigurationError(_INSTALL_HINT) from None

    chunk_bytes = AiohttpResponseStream.CHUNK_SIZE  # httpx-aiohttp's read size, kept
    # most specific first: the first class an error is an instance of decides
    error_map: tuple[tuple[type[BaseException], type[httpx.TransportError]], ...] = (
        (aiohttp.ClientProxyConnectionError, httpx.ProxyError),
        (aiohttp.ClientHttpProxyError, httpx.ProxyError),
        (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),
        (aiohttp.SocketTimeoutError, httpx.ReadTimeout),
        (TimeoutError, httpx.TimeoutException),  # aiohttp's ServerTimeoutError is one
        (aiohttp.ClientConnectorError, httpx.ConnectError),
        (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),
        (aiohttp.ClientResponseError, httpx.RemoteProtocolError),  # a malformed status line or headers
        (aiohttp.ClientPayloadError, httpx.ReadError),  # a body cut short, malformed chunks
        (aiohttp.InvalidURL, httpx.UnsupportedProtocol),
        (aiohttp.NonHttpUrlClientError, httpx.UnsupportedProtocol),
        (aiohttp.ClientOSError, httpx.ReadError),  # a reset
        (aiohttp.ClientError, httpx.TransportError),
    )

    def as_httpx(error: BaseException) -> httpx.TransportError | None:
        for aiohttp_class, httpx_class in error_map:
            if isinstance(error, aiohttp_class):
                return httpx_class(bounded_message(str(error)) or type(error).__name__)
        return None

    def reraise(error: Exception) -> NoReturn:
        """Raise the httpx error for ``error`` (raised inside the transport), or ``error`` when it is not aiohttp's.
        httpx-aiohttp's own mapping (a reset as ConnectTimeout, say) is mapped again from its aiohttp cause."""
        cause = error.__cause__ if isinstance(error, httpx.TransportError) else error
        mapped = as_httpx(cause) if cause is not None else None
        if cause is None or mapped is None:
            raise error
        # aiohttp's errors for what its parser could not read quote it all: chained, they would print it again
        raise mapped from (None if _quotes_too_much(cause) else cause)

    # try/except where the errors can come, not a context manager: these run on every request and every body.
    # The body is read from aiohttp's stream directly, not through httpx-aiohttp's AiohttpResponseStream: that is
    # one async generator and one context manager less per response, and its error mapping is redone here anyway
    class Stream(httpx.AsyncByteStream):
        __slots__ = ("_response",)

        def __init__(self, response: aiohttp.ClientResponse) -> None:
            self._response = response

        async def __aiter__(self) -> AsyncIterator[bytes]:
            # what content.iter_chunked(CHUNK_SIZE) does, without its iterator object and callback per chunk
            content = self._response.content
            content.set_read_chunk_size(chunk_bytes)
            try:
                while chunk := await content.read(chunk_bytes):  # b"" at the end
                    yield chunk
            except EofStream:
                return
            except Exception as error:
                reraise(error)

        async def aclose(self) -> None:
            try:
                await self._response.__aexit__(None, None, None)  # what AiohttpResponseStream.aclose does
            except Exception as error:
                reraise(error)

    class Transport(AiohttpTransport):
        def get_client(self) -> aiohttp.ClientSession:
            limits: httpx.Limits = self.limits
            limit = limits.max_connections or 0  # aiohttp: 0 is no limit, as None is for httpx
            connector = aiohttp.TCPConnector(
                limit=limit,
                limit_per_host=limit,
                keepalive_timeout=limits.keepalive_expiry,
                ssl=self.ssl_context,
            )
            session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),
                auto_decompress=False,
                trust_env=False,  # proxies from the environment are httpx's to read (trust_env there)
            )
            # aiohttp sends an idempotent request again, once, when its connection drops before the answer; our
            # retry policy counts attempts (max_retries), so one attempt is one request, as on httpx's pool. No
            # public switch: the fault suite counts the requests, and fails if this stops working
            session._retry_connection = False
            return session

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            # httpx-aiohttp's own, but for the URL, the timeouts and the errors (see the module docstring)
            if not isinstance(self.client, aiohttp.ClientSession):
                self.client = self.get_client()
            phases = request.extensions.get("timeout", {})
            connect, pool = phases.get("connect"), phases.get("pool")
            timeout = aiohttp.ClientTimeout(
                sock_connect=connect,
                sock_read=phases.get("read"),
                # one phase in aiohttp: the wait for a pooled connection and the connect
                connect=None if pool is None or connect is None else pool + connect,
            )
            data: bytes | httpx.AsyncByteStream | None
            try:
                data = request.content or None
            except httpx.RequestNotRead:
                data = request.stream  # type: ignore[assignment]
                request.headers.pop("transfer-encoding", None)  # aiohttp frames it
            proxy: httpx.Proxy | None = self.proxy
            try:
                aiohttp_response = await self.client.request(
                    method=request.method,
                    # as httpx encoded it: re-parsed, yarl would decode %2E and drop a "..", sending an order id
                    # that is not one path segment
                    url=yarl.URL(str(request.url), encoded=True),
                    headers=request.headers,
                    data=data,
                    allow_redirects=False,
                    auto_decompress=False,
                    compress=False,
                    timeout=timeout,
                    server_hostname=request.extensions.get("sni_hostname"),
                    proxy=str(proxy.url) if proxy else None,
                    proxy_auth=aiohttp.BasicAuth(*proxy.auth) if proxy and proxy.auth else None,
                    proxy_headers=proxy.headers if proxy else None,
                )
            except Exception as error:
                reraise(error)
            extensions = {"http_version": b"HTTP/1.1"}
            if aiohttp_response.reason:
                extensions["reason_phrase"] = aiohttp_response.reason.encode("utf-8", "surrogateescape")
            return httpx.Response(
                status_code=aiohttp_response.status,
                headers=aiohttp_response.raw_headers,
                stream=Stream(aiohttp_response),
                request=request,
                extensions=extensions,
            )

    return Transport


__all__ = ["DefaultAioHttpClient"]
