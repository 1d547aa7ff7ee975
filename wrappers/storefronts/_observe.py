"""What a call tells the outside world: log records, OpenTelemetry spans, drift warnings, and the ``order_id`` its
error carries. The client twins hook in at two places only:

- ``@observed`` / ``@observed_async`` around ``update_order``: the call's start and outcome (a DEBUG record each,
  the ``storefronts.update_order`` span, drift checks on the order returned, ``order_id`` on the error raised);
- ``with observed_attempt(n, Attempt(...)) as sent:`` around each attempt: its child span, and the status code,
  request id and timing that the retry record (:func:`log_retry`) and the outcome report.

The call in progress travels in a context variable, so nothing here changes what the twins pass each other.
Nothing secret is recorded: vendor, order id, attempt, status code, timings, the vendor's request id (made
:func:`~._logging.loggable`) and error class names; never a message, header or body.
"""

from __future__ import annotations

import contextvars
import functools
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from . import _drift, _tracing
from ._logging import loggable, logger
from .errors import APIError, StorefrontError

if TYPE_CHECKING:
    import httpx

    from ._attempt import Attempt
    from ._base_client import BaseClient

P = ParamSpec("P")
R = TypeVar("R")

OPERATION = "update_order"
_MS_PER_S = 1000.0


class _Call:
    """One update_order call as it goes."""

    __slots__ = (
        "attempt",
        "attempt_started",
        "client",
        "order_id",
        "response",
        "span",
        "started",
        "status_code",
        "token",
    )

    def __init__(self, client: BaseClient, order_id: object) -> None:
        self.client = client
        self.order_id = plain_order_id(order_id)
        self.started = time.perf_counter()
        self.attempt = 0  # attempts begun, so the number (1-based) of the current or last one
        self.attempt_started = self.started
        self.status_code: int | None = None
        self.response: httpx.Response | None = None  # the last attempt's, for its request id
        self.span: _tracing.Span | None = None
        self.token: contextvars.Token[_Call | None] | None = None

    @property
    def request_id(self) -> str | None:
        """The vendor's request id of the last attempt's response: read only for a record, which most calls never
        write (a header lookup per name, and its redaction)."""
        return _request_id(self.response, self) if self.response is not None else None

    @property
    def vendor(self) -> str:
        return self.client.vendor.value

    def elapsed_ms(self, since: float | None = None) -> float:
        return round((time.perf_counter() - (self.started if since is None else since)) * _MS_PER_S, 3)

    def extra(self, *, elapsed_ms: float | None = None) -> dict[str, Any]:
        return {
            "vendor": self.vendor,
            "operation": OPERATION,
            "order_id": self.order_id if self.order_id is None else loggable(self.order_id),
            "attempt": self.attempt or None,
            "status_code": self.status_code,
            "elapsed_ms": elapsed_ms,
            "request_id": self.request_id,
        }

    def describe(self) -> str:
        shown = repr(loggable(self.order_id)) if self.order_id is not None else "?"
        return f"{self.vendor} {OPERATION}(order_id={shown})"


_CURRENT: contextvars.ContextVar[_Call | None] = contextvars.ContextVar("storefronts_current_call", default=None)


def _start(args: tuple[Any, ...], kwargs: dict[str, Any]) -> _Call:
    client: BaseClient = args[0]
    first = args[1] if len(args) > 1 else kwargs.get("order_id")
    # update_order(order_id, ...), or an update_orders entry's send(PreparedUpdate, ...)
    call = _Call(client, getattr(first, "order_id", first))
    call.token = _CURRENT.set(call)
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("%s: starting", call.describe(), extra=call.extra())
    if _tracing.active():  # the attributes only when a span will be made of them
        attributes: dict[str, _tracing.AttributeValue] = {"storefronts.vendor": call.vendor}
        if call.order_id is not None:
            attributes["storefronts.order_id"] = call.order_id
        call.span = _tracing.start(_tracing.CALL_SPAN, attributes)
    return call


def error_type(error: BaseException) -> str:
    """The error's class, fully qualified (OpenTelemetry's ``error.type``): low cardinality, nothing of its text."""
    kind = type(error)
    return f"{kind.__module__}.{kind.__qualname__}"


def plain_order_id(order_id: object) -> str | None:
    """The order id as a plain ``str`` (a caller's str subclass, its ``__repr__`` and ``__str__`` included, stays out
    of what we log and of the errors we raise), or None when it is no string at all."""
    return str.__str__(order_id) if isinstance(order_id, str) else None


def finalise_error(error: BaseException, order_id: object) -> None:
    """The one place a call's error gets its ``order_id`` (every StorefrontError has the attribute)."""
    if isinstance(error, StorefrontError) and error.order_id is None:
        error.order_id = plain_order_id(order_id)


def _finish(call: _Call, order: Any, error: BaseException | None) -> None:
    if call.token is not None:
        _CURRENT.reset(call.token)
    client = call.client
    if error is not None:
        finalise_error(error, call.order_id)
        if isinstance(error, APIError):
            call.status_code = error.status_code
    else:
        _drift.check(client._adapter, order, client._api_key)
    if logger.isEnabledFor(logging.DEBUG):
        elapsed = call.elapsed_ms()
        attempts = f"{call.attempt} attempt{'s' if call.attempt != 1 else ''}"
        status = f" -> HTTP {call.status_code}" if call.status_code is not None else ""
        outcome = "done" if error is None else f"failed with {type(error).__name__}"
        logger.debug(
            "%s%s: %s after %s in %.1f ms",
            call.describe(),
            status,
            outcome,
            attempts,
            elapsed,
            extra={**call.extra(elapsed_ms=elapsed), "error_type": None if error is None else type(error).__name__},
        )
    call.response = None  # the call's context may outlive it (a timer's copy): it must not keep the response
    if call.span is not None:
        call.span.end(
            {"http.response.status_code": call.status_code, "storefronts.attempts": call.attempt},
            None if error is None else error_type(error),
        )


def observed(method: Callable[P, R]) -> Callable[P, R]:
    """Wrap a sync ``update_order``: see the module docstring."""

    @functools.wraps(method)
    def update_order(*args: P.args, **kwargs: P.kwargs) -> R:
        call = _start(args, kwargs)
        try:
            order = method(*args, **kwargs)
        except BaseException as error:
            _finish(call, None, error)
            raise
        _finish(call, order, None)
        return order

    return update_order


def observed_async(method: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Wrap an async ``update_order``: see the module docstring."""

    @functools.wraps(method)
    async def update_order(*args: P.args, **kwargs: P.kwargs) -> R:
        call = _start(args, kwargs)
        try:
            order = await method(*args, **kwargs)
        except BaseException as error:
            _finish(call, None, error)
            raise
        _finish(call, order, None)
        return order

    return update_order


def _request_id(response: httpx.Response, call: _Call) -> str | None:
    headers = response.headers
    for name in call.client._adapter.request_id_headers:
        value = headers.get(name)
        if value:
            return loggable(value, call.client._api_key)
    return None


class observed_attempt:
    """``with observed_attempt(n, Attempt(limits)) as sent:``: one attempt (``n`` from 0), observed, around the
    transport's own ``Attempt``, which it enters and leaves (so the attempt's outcome is what ``Attempt`` made of
    it: a watchdog's shut connection is seen as the timeout it stands for)."""

    __slots__ = ("_call", "_inner", "_span")

    def __init__(self, number: int, inner: Attempt) -> None:
        self._inner = inner
        self._span: _tracing.Span | None = None
        call = self._call = _CURRENT.get()
        if call is not None:
            call.attempt = number + 1
            call.attempt_started = time.perf_counter()

    def __enter__(self) -> Attempt:
        call = self._call
        if call is not None and call.span is not None:
            self._span = _tracing.start(_tracing.ATTEMPT_SPAN, {"storefronts.attempt": call.attempt})
        return self._inner.__enter__()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        try:
            self._inner.__exit__(exc_type, exc, tb)
        except BaseException as converted:
            self._done(converted)
            raise
        self._done(exc)

    def _done(self, error: BaseException | None) -> None:
        call = self._call
        if call is None:
            return
        response = self._inner.response
        status_code: int | None = getattr(error, "status_code", None) if response is None else response.status_code
        call.status_code = status_code
        call.response = response
        if self._span is not None:
            failed = error_type(error) if error is not None else None
            if failed is None and status_code is not None and status_code >= 400:
                failed = str(status_code)  # OpenTelemetry's HTTP convention: the status code as error.type
            self._span.end({"http.response.status_code": status_code}, failed)


def log_retry(vendor: str, attempt: int, max_retries: int, failure: StorefrontError, delay: float) -> None:
    """The INFO record of one retry (``attempt`` from 0 is the attempt that failed)."""
    if not logger.isEnabledFor(logging.INFO):
        return
    call = _CURRENT.get()
    reason = f"HTTP {failure.status_code}" if isinstance(failure, APIError) else type(failure).__name__
    extra: dict[str, Any] = {"vendor": vendor, "operation": OPERATION, "attempt": attempt + 1}
    if call is not None:
        extra = {**call.extra(elapsed_ms=call.elapsed_ms(call.attempt_started)), "attempt": attempt + 1}
    if isinstance(failure, APIError):
        extra["status_code"] = failure.status_code
    order = f" order {extra['order_id']!r}" if extra.get("order_id") is not None else ""
    logger.info(
        "retrying %s %s%s: attempt %d of %d failed (%s); next attempt in %.2fs",
        vendor,
        OPERATION,
        order,
        attempt + 1,
        max_retries + 1,
        reason,
        delay,
        extra={**extra, "retry_in_s": round(delay, 3)},
    )
