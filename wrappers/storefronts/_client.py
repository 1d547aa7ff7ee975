"""The client twins. They differ only in how they send and sleep; everything else is ``BaseClient``."""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, Iterable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import httpx

from . import _bulk, _waits
from ._arguments import (
    AddressArg,
    AttributesArg,
    FulfillmentArg,
    MoneyArg,
    PaymentArg,
    StatusArg,
    TagsArg,
    TextArg,
)
from ._attempt import Attempt
from ._base_client import BaseClient, PreparedUpdate, Timeout, check_http_client
from ._bulk import UpdateItem, UpdateResult
from ._connections import Connections
from ._constants import (
    ACCEPT_ENCODING,
    DEFAULT_BULK_CONCURRENCY,
    DEFAULT_CONNECTION_LIMITS,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    MAX_RESPONSE_BYTES,
)
from ._cookieless import AsyncCookielessClient, CookielessClient
from ._hooks import install_hooks
from ._models import Order
from ._observe import observed, observed_async, observed_attempt
from ._ratelimit import DEFAULT_STORAGE, RateLimitFallback, Stopped, limiter_for
from ._retries import retry_after_seconds
from ._rooted import USER_AGENT, AsyncRootedClient, RootedClient
from ._types import NOT_GIVEN, NotGiven, Vendor, VendorName

if TYPE_CHECKING:
    from ._ratelimit import RateLimiter

_TOO_MANY_REQUESTS = 429

# What a spent response's stream becomes (see _unbind): empty, with nothing to close.
_SPENT_STREAM = httpx.ByteStream(b"")


def _unbind(sending: Attempt) -> None:
    """Break the cycle httpx makes between a response and its stream, once the stream is closed.

    httpx wraps every response's stream in one that refers back to the response (to set ``elapsed`` on close), so a
    response, its request and whatever the transport hangs off it (aiohttp's response, its buffers and headers)
    become cyclic garbage: freed only by the cycle collector, whose passes then cost more than the mapping of the
    Order. Once the stream is closed (the body read, or the attempt failed), nothing reads it again: ``.content``
    stays, a second read still raises ``StreamConsumed``/``StreamClosed``, and the response is freed as soon as
    the last reference to it goes. An open stream is left alone (its connection would never be released).

    The attempt lets go of the response too: asyncio's timer for the attempt's deadline keeps a copy of the context,
    where the attempt is current, until the loop drops the cancelled timer (up to the deadline, seconds later).
    """
    response = sending.response
    if response is not None and response.is_closed:
        response.stream = _SPENT_STREAM
    sending.response = None


class _RateLimited:
    """The rate-limit options both twins take and pass on to their ``with_options`` copies."""

    _rate_limiter: RateLimiter | None
    _rate_limit_options: dict[str, Any]

    def _start(self, rate_limit: str | None, storage: str, fallback: RateLimitFallback | None) -> None:
        """The state of a new client (not a copy) beside its connections."""
        self._closed = False
        self._is_copy = False  # with_options copies are made by _copy / _share_connections
        self._rate_limiter = limiter_for(rate_limit, storage, fallback)
        self._rate_limit_options = {
            "rate_limit": rate_limit,
            "rate_limit_storage": storage,
            "rate_limit_fallback": fallback,
        }

    @property
    def rate_limit(self) -> str | None:
        """The requests per interval this client's shop may send (``"10/second"``), or None."""
        limit: str | None = self._rate_limit_options["rate_limit"]
        return limit


_HTTP = TypeVar("_HTTP", httpx.Client, httpx.AsyncClient)


def _connections(
    given: _HTTP | None, kind: type[_HTTP], make: Callable[[httpx.Timeout], _HTTP], made_with: httpx.Timeout
) -> Connections:
    """A new client's connections: the caller's ``http_client`` (never closed or replaced by us), or one ``make``
    builds with ``made_with``, and builds again in a forked child."""
    check_http_client(given, kind)
    connections = (
        Connections(given, make=None, made_with=None)
        if given is not None
        else Connections(make(made_with), make=lambda: make(made_with), made_with=made_with)
    )
    install_hooks(connections.http, owned=connections.owned)
    return connections


def _advised_pause(response: httpx.Response | None) -> float | None:
    """The shop-wide pause a response asks for: a 429's Retry-After."""
    if response is None or response.status_code != _TOO_MANY_REQUESTS:
        return None
    return retry_after_seconds(response.headers)


class Client(_RateLimited, BaseClient):
    """Updates orders on one vendor, synchronously. Thread-safe; use one per vendor and reuse it.

    ``api_key``: the vendor's key, or ``(key, secret)`` for a vendor whose credential has two parts; when not
    given, each part is read from the vendor's environment variable for it. ``base_url``: required for a vendor
    whose every store has its own host.

    ``http_client``: your own ``httpx.Client`` (proxies, mTLS, event hooks). We add two event hooks to it that
    act only on our requests, and never close it: that stays yours (its cookies too; the httpx client we make
    ourselves keeps none).

    ``rate_limit``: the most requests this shop (vendor and API key) may send per interval, in the ``limits``
    notation (``"10/second"``, ``"600/minute"``), counting every attempt, retries included; shared by every
    client and ``with_options`` copy with the same key and storage. ``rate_limit_storage``: ``"memory://"`` (this
    process) or a Redis URL (every process and machine using it). ``rate_limit_fallback="memory"``: limit in this
    process while Redis is unreachable, instead of raising RateLimiterUnavailableError.
    """

    _connections: Connections

    def __init__(
        self,
        vendor: Vendor | VendorName,
        *,
        api_key: str | tuple[str, str] | None = None,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        http_client: httpx.Client | None = None,
        rate_limit: str | None = None,
        rate_limit_storage: str = DEFAULT_STORAGE,
        rate_limit_fallback: RateLimitFallback | None = None,
    ) -> None:
        super().__init__(
            vendor,
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
        )
        self._start(rate_limit, rate_limit_storage, rate_limit_fallback)
        self._connections = _connections(http_client, httpx.Client, self._make_http, self._limits.transport_timeout)
        self._generated = self._generated_client().set_httpx_client(RootedClient(self._connections, self._base_url))

    def _make_http(self, timeout: httpx.Timeout) -> httpx.Client:
        from ._deadline import DeadlineTransport  # noqa: PLC0415 - httpcore loads with the first httpx client

        http = CookielessClient(
            base_url=self._base_url,
            timeout=timeout,
            transport=DeadlineTransport(limits=DEFAULT_CONNECTION_LIMITS),
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
        )
        install_hooks(http, owned=True)
        return http

    @property
    def _http(self) -> httpx.Client:
        return self._connections.http  # type: ignore[return-value]

    def with_options(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        api_key: str | tuple[str, str] | NotGiven = NOT_GIVEN,
        base_url: str | NotGiven = NOT_GIVEN,
    ) -> Client:
        """A copy with other options that shares this client's connection pool: another shop's ``api_key``
        (and its ``base_url``, for per-store hosts), another ``timeout`` or ``max_retries``. Checked as the
        constructor checks them. Closing a copy closes nothing; closing this client closes the pool for every copy.
        """
        return self._copy(timeout=timeout, max_retries=max_retries, api_key=api_key, base_url=base_url)

    def _share_connections(self, original: Client) -> None:
        self._connections = original._connections
        self._is_copy = True
        self._closed = False
        # the same limiter: it keys each call by the copy's own credential, so another shop gets its own budget
        self._rate_limiter, self._rate_limit_options = original._rate_limiter, original._rate_limit_options
        self._generated = self._generated_client().set_httpx_client(RootedClient(self._connections, self._base_url))

    @observed
    def update_order(
        self,
        order_id: str,
        *,
        status: StatusArg = NOT_GIVEN,
        payment_status: PaymentArg = NOT_GIVEN,
        fulfillment_status: FulfillmentArg = NOT_GIVEN,
        notes: TextArg = NOT_GIVEN,
        tags: TagsArg = NOT_GIVEN,
        email: TextArg = NOT_GIVEN,
        phone: TextArg = NOT_GIVEN,
        shipping_address: AddressArg = NOT_GIVEN,
        billing_address: AddressArg = NOT_GIVEN,
        note_attributes: AttributesArg = NOT_GIVEN,
        shipping_cost: MoneyArg = NOT_GIVEN,
        discount: MoneyArg = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Order:
        """Update the given fields of one order and return it as the vendor now has it.

        A field left out is not sent; ``None`` clears it where the vendor allows null. Raises
        UnsupportedUpdateError or InvalidUpdateError before sending anything, APIError and its subclasses for
        the vendor's refusals, APIConnectionError/APITimeoutError when no answer came back.
        """
        return self._send(self._prepare(order_id, locals(), max_retries=max_retries, timeout=timeout))

    def update_orders(
        self,
        items: Iterable[UpdateItem],
        *,
        concurrency: int = DEFAULT_BULK_CONCURRENCY,
        on_result: Callable[[UpdateResult], object] | None = None,
    ) -> list[UpdateResult]:
        """Update many orders, ``concurrency`` at a time (worker threads), and return one result per entry, in
        the order of ``items``.

        ``items``: ``(order_id, {"status": ..., "notes": ...})`` pairs, the mapping holding ``update_order``'s
        keyword arguments. Every entry is validated first, as ``update_order`` validates: an invalid one becomes
        its result's error and is never sent. One entry's failure never stops the others. ``on_result`` is called
        with each result as it finishes, in this thread, one at a time. KeyboardInterrupt, or an exception raised
        by ``on_result``, stops the run: no new attempt is sent, attempts on the wire finish unreported, and the
        exception propagates (the client stays usable).
        """
        return _bulk.run(self, items, concurrency, on_result)

    @observed
    def _send_entry(self, call: PreparedUpdate, stop: threading.Event | None = None) -> Order:
        """One update_orders entry, observed (logs, spans) as an update_order call is."""
        return self._send(call, stop)

    def _send(self, call: PreparedUpdate, stop: threading.Event | None = None) -> Order:
        """Send one validated call, as often as the retry policy allows. ``stop``: update_orders' interrupt."""
        connections = self._connections
        connections.ready(self, self._closed)
        # again: a caller who reassigned their client's event_hooks removed ours
        install_hooks(connections.http, owned=connections.owned)
        endpoint = self._adapter.endpoint
        attempt = 0
        while True:
            self._before_attempt(call, stop)
            outcome: Order | float
            sending = Attempt(call.limits)
            try:
                with observed_attempt(attempt, sending):
                    # the generated Response parses nothing until asked; we read the httpx.Response it came from
                    endpoint.sync_detailed(call.order_id, client=self._generated, body=call.body)
            except Exception as error:
                outcome = self._outcome(call, attempt, error=error)
            else:
                self._after_response(sending.response)
                outcome = self._outcome(call, attempt, response=sending.response)
            finally:
                _unbind(sending)
            if isinstance(outcome, Order):
                return outcome
            _waits.sleep(outcome)
            attempt += 1

    def _before_attempt(self, call: PreparedUpdate, stop: threading.Event | None) -> None:
        if stop is not None and stop.is_set():
            raise Stopped
        if self._rate_limiter is not None:
            self._rate_limiter.wait(self._vendor.value, self._api_key, order_id=call.order_id, stop=stop)

    def _after_response(self, response: httpx.Response | None) -> None:
        if self._rate_limiter is not None and (pause := _advised_pause(response)) is not None:
            self._rate_limiter.pause_for(self._vendor.value, self._api_key, pause)

    def close(self) -> None:
        """Close the connections, unless the httpx client was given to us or this is a ``with_options`` copy.
        A closed client, and every copy of it, raises ``ClientStateError`` when used."""
        self._closed = True
        if not self._is_copy:
            self._connections.closed = True
            if self._connections.owned:
                self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncClient(_RateLimited, BaseClient):
    """Updates orders on one vendor, with asyncio. Same arguments, errors and behaviour as :class:`Client`."""

    _connections: Connections

    def __init__(
        self,
        vendor: Vendor | VendorName,
        *,
        api_key: str | tuple[str, str] | None = None,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        http_client: httpx.AsyncClient | None = None,
        rate_limit: str | None = None,
        rate_limit_storage: str = DEFAULT_STORAGE,
        rate_limit_fallback: RateLimitFallback | None = None,
    ) -> None:
        super().__init__(
            vendor,
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
        )
        self._start(rate_limit, rate_limit_storage, rate_limit_fallback)
        made_with = self._limits.transport_timeout
        if http_client is not None and getattr(type(http_client), "_storefronts_owned", False):
            # a DefaultAioHttpClient is made for us: ours to configure, close and rebuild in a forked child
            check_http_client(http_client, httpx.AsyncClient)
            kind = type(http_client)
            self._connections = Connections(
                self._adopt(http_client, made_with), make=lambda: self._adopt(kind(), made_with), made_with=made_with
            )
        else:
            self._connections = _connections(http_client, httpx.AsyncClient, self._make_http, made_with)
        self._generated = self._generated_client().set_async_httpx_client(
            AsyncRootedClient(self._connections, self._base_url)
        )

    @staticmethod
    def _adopt(http: httpx.AsyncClient, timeout: httpx.Timeout) -> httpx.AsyncClient:
        """A DefaultAioHttpClient given to us, configured as the client we make ourselves is."""
        http.timeout = timeout
        http.headers["Accept-Encoding"] = ACCEPT_ENCODING
        install_hooks(http, owned=True)
        return http

    def _make_http(self, timeout: httpx.Timeout) -> httpx.AsyncClient:
        http = AsyncCookielessClient(
            base_url=self._base_url,
            timeout=timeout,
            limits=DEFAULT_CONNECTION_LIMITS,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
        )
        install_hooks(http, owned=True)
        return http

    @property
    def _http(self) -> httpx.AsyncClient:
        return self._connections.http  # type: ignore[return-value]

    def with_options(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        api_key: str | tuple[str, str] | NotGiven = NOT_GIVEN,
        base_url: str | NotGiven = NOT_GIVEN,
    ) -> AsyncClient:
        """See :meth:`Client.with_options`."""
        return self._copy(timeout=timeout, max_retries=max_retries, api_key=api_key, base_url=base_url)

    def _share_connections(self, original: AsyncClient) -> None:
        self._connections = original._connections
        self._is_copy = True
        self._closed = False
        # the same limiter: it keys each call by the copy's own credential, so another shop gets its own budget
        self._rate_limiter, self._rate_limit_options = original._rate_limiter, original._rate_limit_options
        self._generated = self._generated_client().set_async_httpx_client(
            AsyncRootedClient(self._connections, self._base_url)
        )

    @observed_async
    async def update_order(
        self,
        order_id: str,
        *,
        status: StatusArg = NOT_GIVEN,
        payment_status: PaymentArg = NOT_GIVEN,
        fulfillment_status: FulfillmentArg = NOT_GIVEN,
        notes: TextArg = NOT_GIVEN,
        tags: TagsArg = NOT_GIVEN,
        email: TextArg = NOT_GIVEN,
        phone: TextArg = NOT_GIVEN,
        shipping_address: AddressArg = NOT_GIVEN,
        billing_address: AddressArg = NOT_GIVEN,
        note_attributes: AttributesArg = NOT_GIVEN,
        shipping_cost: MoneyArg = NOT_GIVEN,
        discount: MoneyArg = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Order:
        """See :meth:`Client.update_order`."""
        return await self._send(self._prepare(order_id, locals(), max_retries=max_retries, timeout=timeout))

    async def update_orders(
        self,
        items: Iterable[UpdateItem],
        *,
        concurrency: int = DEFAULT_BULK_CONCURRENCY,
        on_result: Callable[[UpdateResult], object | Awaitable[object]] | None = None,
    ) -> list[UpdateResult]:
        """See :meth:`Client.update_orders`; the workers are tasks, ``on_result`` may be a coroutine function,
        and cancelling the call cancels every attempt in flight."""
        return await _bulk.run_async(self, items, concurrency, on_result)

    @observed_async
    async def _send_entry(self, call: PreparedUpdate) -> Order:
        """One update_orders entry, observed (logs, spans) as an update_order call is."""
        return await self._send(call)

    async def _send(self, call: PreparedUpdate) -> Order:
        """Send one validated call, as often as the retry policy allows."""
        # imported here, not at the top: asyncio is slow to import (docs/performance.md), and sync users never need it
        import asyncio  # noqa: PLC0415

        connections = self._connections
        connections.ready_async(self, self._closed, asyncio.get_running_loop())
        # again: a caller who reassigned their client's event_hooks removed ours
        install_hooks(connections.http, owned=connections.owned)
        endpoint = self._adapter.endpoint
        attempt = 0
        while True:
            if self._rate_limiter is not None:
                await self._rate_limiter.wait_async(self._vendor.value, self._api_key, order_id=call.order_id)
            outcome: Order | float
            sending = Attempt(call.limits)
            try:
                # the attempt's deadline covers headers and body, however slowly they come
                with observed_attempt(attempt, sending):
                    async with asyncio.timeout(call.limits.attempt_budget_s):
                        await endpoint.asyncio_detailed(call.order_id, client=self._generated, body=call.body)
            except Exception as error:
                outcome = self._outcome(call, attempt, error=error)
            else:
                if self._rate_limiter is not None and (pause := _advised_pause(sending.response)) is not None:
                    await self._rate_limiter.pause_for_async(self._vendor.value, self._api_key, pause)
                outcome = self._outcome(call, attempt, response=sending.response)
            finally:
                _unbind(sending)
            if isinstance(outcome, Order):
                return outcome
            await _waits.asleep(outcome)
            attempt += 1

    async def aclose(self) -> None:
        """See :meth:`Client.close`."""
        self._closed = True
        if not self._is_copy:
            self._connections.closed = True
            if self._connections.owned:
                await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


__all__ = ["AsyncClient", "Client"]
