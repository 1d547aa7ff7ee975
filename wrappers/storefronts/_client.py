"""The client twins. They differ only in how they send and sleep; everything else is ``BaseClient``."""

from __future__ import annotations

from types import TracebackType
from typing import Self

import httpx

from . import _waits
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
from ._base_client import BaseClient, Timeout, check_http_client
from ._constants import DEFAULT_CONNECTION_LIMITS, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, MAX_RESPONSE_BYTES
from ._http import USER_AGENT, AsyncCookielessClient, Attempt, CookielessClient, RootedClient, install_hooks
from ._models import Order
from ._observe import observed, observed_async, observed_attempt
from ._types import NOT_GIVEN, NotGiven, Vendor, VendorName


class Client(BaseClient):
    """Updates orders on one vendor, synchronously. Thread-safe; use one per vendor and reuse it.

    ``http_client``: your own ``httpx.Client`` (proxies, mTLS, event hooks). We add two event hooks to it that
    act only on our requests, and never close it: that stays yours (its cookies too; the httpx client we make
    ourselves keeps none).
    """

    def __init__(
        self,
        vendor: Vendor | VendorName,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(
            vendor,
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
        )
        check_http_client(http_client, httpx.Client)
        self._owns_http_client = http_client is None
        self._http = http_client or CookielessClient(
            base_url=self._base_url,
            timeout=self._timeout,
            limits=DEFAULT_CONNECTION_LIMITS,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
        )
        install_hooks(self._http)
        self._made_with = self._timeout if self._owns_http_client else None
        self._generated = self._generated_client().set_httpx_client(
            RootedClient(self._http, self._base_url, made_with=self._made_with)
        )

    def with_options(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        api_key: str | NotGiven = NOT_GIVEN,
        base_url: str | NotGiven = NOT_GIVEN,
    ) -> Client:
        """A copy with other options that shares this client's connection pool: another shop's ``api_key``
        (and its ``base_url``, for per-store hosts), another ``timeout`` or ``max_retries``. Checked as the
        constructor checks them. Closing a copy closes nothing; closing this client closes the pool for every copy.
        """
        return self._copy(timeout=timeout, max_retries=max_retries, api_key=api_key, base_url=base_url)

    def _share_connections(self, original: Client) -> None:
        self._http = original._http
        self._owns_http_client = False
        self._made_with = original._made_with
        self._generated = self._generated_client().set_httpx_client(
            RootedClient(self._http, self._base_url, made_with=self._made_with)
        )

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
        call = self._prepare(order_id, locals(), max_retries=max_retries, timeout=timeout)
        self._check_open(self._http.is_closed)
        install_hooks(self._http)  # again: a caller who reassigned their client's event_hooks removed ours
        endpoint = self._adapter.endpoint
        attempt = 0
        while True:
            outcome: Order | float
            try:
                with observed_attempt(attempt, Attempt(call.limits)) as sent:
                    # the generated Response parses nothing until asked; we read the httpx.Response it came from
                    endpoint.sync_detailed(call.order_id, client=self._generated, body=call.body)
            except Exception as error:
                outcome = self._outcome(call, attempt, error=error)
            else:
                outcome = self._outcome(call, attempt, response=sent.response)
            if isinstance(outcome, Order):
                return outcome
            _waits.sleep(outcome)
            attempt += 1

    def close(self) -> None:
        """Close the connections, unless the httpx client was given to us."""
        if self._owns_http_client:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncClient(BaseClient):
    """Updates orders on one vendor, with asyncio. Same arguments, errors and behaviour as :class:`Client`."""

    def __init__(
        self,
        vendor: Vendor | VendorName,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            vendor,
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
        )
        check_http_client(http_client, httpx.AsyncClient)
        # a DefaultAioHttpClient is made for us: given here, it is ours to close, like the one we make ourselves
        self._owns_http_client = http_client is None or getattr(type(http_client), "_storefronts_owned", False)
        self._http = http_client or AsyncCookielessClient(
            base_url=self._base_url,
            timeout=self._timeout,
            limits=DEFAULT_CONNECTION_LIMITS,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
        )
        if http_client is not None and self._owns_http_client:
            self._http.timeout = self._timeout  # ours now: it carries our timeout (and has our User-Agent)
        install_hooks(self._http)
        self._made_with = self._timeout if self._owns_http_client else None
        self._generated = self._generated_client().set_async_httpx_client(
            RootedClient(self._http, self._base_url, made_with=self._made_with)
        )

    def with_options(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        api_key: str | NotGiven = NOT_GIVEN,
        base_url: str | NotGiven = NOT_GIVEN,
    ) -> AsyncClient:
        """See :meth:`Client.with_options`."""
        return self._copy(timeout=timeout, max_retries=max_retries, api_key=api_key, base_url=base_url)

    def _share_connections(self, original: AsyncClient) -> None:
        self._http = original._http
        self._owns_http_client = False
        self._made_with = original._made_with
        self._generated = self._generated_client().set_async_httpx_client(
            RootedClient(self._http, self._base_url, made_with=self._made_with)
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
        call = self._prepare(order_id, locals(), max_retries=max_retries, timeout=timeout)
        # imported here, not at the top: asyncio is a third of `import storefronts`, and sync users never need it
        import asyncio  # noqa: PLC0415

        self._check_open(self._http.is_closed)
        install_hooks(self._http)  # again: a caller who reassigned their client's event_hooks removed ours
        endpoint = self._adapter.endpoint
        attempt = 0
        while True:
            outcome: Order | float
            try:
                # the attempt's deadline covers headers and body, however slowly they come
                with observed_attempt(attempt, Attempt(call.limits)) as sent:
                    async with asyncio.timeout(call.limits.attempt_budget_s):
                        await endpoint.asyncio_detailed(call.order_id, client=self._generated, body=call.body)
            except Exception as error:
                outcome = self._outcome(call, attempt, error=error)
            else:
                outcome = self._outcome(call, attempt, response=sent.response)
            if isinstance(outcome, Order):
                return outcome
            await _waits.asleep(outcome)
            attempt += 1

    async def aclose(self) -> None:
        """Close the connections, unless the httpx client was given to us."""
        if self._owns_http_client:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


__all__ = ["AsyncClient", "Client"]
