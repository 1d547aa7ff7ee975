"""The exceptions storefronts raises. Every failure reaches the caller as one of these::

    StorefrontError
    ├── ConfigurationError (also ValueError)       the client cannot be built (unknown vendor, no key, http:// URL)
    ├── ClientStateError (also RuntimeError)       the client cannot send now: closed, forked, another event loop
    ├── UnsupportedUpdateError (also ValueError)   the vendor cannot take this field or value; nothing was sent
    ├── InvalidUpdateError (also ValueError)       a value is malformed (empty id, negative money); nothing sent
    ├── APIConnectionError                         no usable answer: connection refused or reset, DNS, TLS
    │   └── APITimeoutError                        the attempt ran out of time
    ├── ResponseDecodeError                        a 2xx whose body is not the documented envelope (or too large)
    ├── APIError                                   the vendor answered with an error
    │   ├── AuthenticationError                    401
    │   ├── PermissionDeniedError                  403
    │   ├── NotFoundError                          404
    │   ├── ValidationError                        400, 422, LaunchMyStore VALIDATION_ERROR
    │   ├── OrderClosedError                       LaunchMyStore ORDER_CLOSED
    │   ├── RateLimitError                         429
    │   └── ServerError                            500-599
    └── RateLimiterUnavailableError                the shared rate-limit store (Redis) cannot be reached; not sent

Messages name the vendor, the operation, the order id and the HTTP status; they never contain a credential, and
vendor text quoted in them has its control characters escaped (one line, no terminal escapes).

Every error pickles, copies and crosses process boundaries with its attributes. ``response`` (an
``httpx.Response``, tied to a connection) is not carried by a pickle: it is ``None`` on the other side, and
everything read from it (status_code, code, message, body, retry_after) is kept.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any, Self, TypeVar

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AuthenticationError",
    "ClientStateError",
    "ConfigurationError",
    "InvalidUpdateError",
    "NotFoundError",
    "OrderClosedError",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimiterUnavailableError",
    "ResponseDecodeError",
    "ServerError",
    "StorefrontError",
    "UnsupportedUpdateError",
    "ValidationError",
]


class StorefrontError(Exception):
    """Base class of every storefronts error.

    Attributes:
        order_id: the order the call was for, on every error an ``update_order`` or ``prepare_update`` raises
            (None for errors raised outside a call, such as building a client).
    """

    order_id: str | None = None

    # Exception's own pickling calls ``cls(*args)``, which keyword-only attributes defeat: the error is rebuilt
    # from its args and attributes instead, without running __init__.
    def __reduce__(self) -> tuple[Any, ...]:
        state = dict(self.__dict__)
        if "response" in state:
            state["response"] = None  # tied to a connection and a client: see the module docstring
        return (_rebuild, (type(self), self.args, state))

    def __copy__(self) -> Self:
        copy = _rebuild(type(self), self.args, dict(self.__dict__))
        _copy_links(self, copy)
        return copy

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        state = {
            name: value if isinstance(value, httpx.Response) else deepcopy(value, memo)
            for name, value in self.__dict__.items()
        }  # the response is shared, as a copy of a handle would be: it cannot be rebuilt
        copy = _rebuild(type(self), deepcopy(self.args, memo), state)
        _copy_links(self, copy)
        return copy


def _rebuild(cls: type[StorefrontErrorT], args: tuple[Any, ...], state: dict[str, Any]) -> StorefrontErrorT:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


def _copy_links(source: BaseException, copy: BaseException) -> None:
    copy.__cause__, copy.__context__ = source.__cause__, source.__context__
    copy.__suppress_context__ = source.__suppress_context__
    copy.__traceback__ = source.__traceback__


StorefrontErrorT = TypeVar("StorefrontErrorT", bound=StorefrontError)


class ConfigurationError(StorefrontError, ValueError):
    """The client cannot be built as asked: unknown vendor, no API key, a key of the wrong form, an unsafe URL."""


class ClientStateError(StorefrontError, RuntimeError):
    """The client cannot send from here: it, or the client it was copied with ``with_options`` from, is closed;
    the ``http_client`` given to it is closed; it is an ``AsyncClient`` used from another event loop than its
    first call's; or it was given an ``http_client`` and is used in a child process after ``os.fork()``.
    Nothing was sent."""


class UnsupportedUpdateError(StorefrontError, ValueError):
    """The vendor has no field or value with this meaning. Raised before anything is sent.

    Attributes:
        vendor: the vendor the update was for.
        fields: every offending ``update_order`` argument.
        supported_by: for each offending field, the vendors that do support it (or that value of it).
    """

    def __init__(self, vendor: str, fields: dict[str, str], supported_by: dict[str, tuple[str, ...]]) -> None:
        self.vendor = vendor
        self.fields = tuple(fields)
        self.supported_by = supported_by
        parts = []
        for name, reason in fields.items():
            others = ", ".join(supported_by.get(name, ())) or "no vendor"
            parts.append(f"{name} ({reason}; supported by: {others})")
        super().__init__(f"{vendor} cannot take: " + "; ".join(parts) + ". Nothing was sent.")


class InvalidUpdateError(StorefrontError, ValueError):
    """An argument's value is malformed. Raised before anything is sent.

    Attributes:
        field: the offending ``update_order`` argument.
    """

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        super().__init__(f"{field}: {problem}. Nothing was sent.")


class APIConnectionError(StorefrontError):
    """No usable answer came back: the connection failed, was reset, or closed before a response."""

    def __init__(self, message: str, *, vendor: str, order_id: str | None = None) -> None:
        self.vendor = vendor
        self.order_id = order_id
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    """An attempt ran out of time (connect, read, or the whole attempt's budget)."""


class ResponseDecodeError(StorefrontError):
    """A successful status whose body is not what the vendor documents (not JSON, no envelope, too large).

    Attributes:
        path: where reading stopped, as a JSON path (``$`` is the whole body).
    """

    def __init__(
        self, message: str, *, vendor: str, status_code: int, path: str = "$", response: httpx.Response | None = None
    ) -> None:
        self.vendor = vendor
        self.status_code = status_code
        self.path = path
        self.response = response
        super().__init__(message)


class APIError(StorefrontError):
    """The vendor answered with an error.

    Attributes:
        vendor: which vendor answered.
        status_code: the HTTP status.
        code: the vendor's own error code when its body has one (``NOT_FOUND``, ``ORDER_CLOSED``), else None.
        message: the vendor's message, or a short excerpt of a body that was not the vendor's format.
        response: the ``httpx.Response`` as received, with the credential taken out: its request's credential
            header reads ``[redacted]``, and the key, if the vendor echoed it anywhere (a header, the reason
            phrase, the body), reads ``[redacted]`` there too. ``None`` after unpickling.
        body: the parsed JSON body when there was one (the key redacted in it likewise).
        retry_after: seconds the vendor asked us to wait before trying again (Retry-After / retry-after-ms), on
            any status, when it said; else None.
    """

    def __init__(
        self,
        message: str,
        *,
        vendor: str,
        status_code: int,
        code: str | None = None,
        vendor_message: str | None = None,
        response: httpx.Response | None = None,
        body: Any = None,
        retry_after: float | None = None,
    ) -> None:
        self.vendor = vendor
        self.status_code = status_code
        self.code = code
        self.message = vendor_message
        self.response = response
        self.body = body
        self.retry_after = retry_after
        super().__init__(message)


class AuthenticationError(APIError):
    """401: the credential is missing, wrong or revoked."""


class PermissionDeniedError(APIError):
    """403: the credential lacks a scope (Salesive WRITE_ORDERS, LaunchMyStore write_orders)."""


class NotFoundError(APIError):
    """404: no such order for this credential's store."""


class ValidationError(APIError):
    """400/422: the vendor rejected the body."""


class OrderClosedError(APIError):
    """LaunchMyStore ORDER_CLOSED: a closed or cancelled order cannot be modified."""


class RateLimitError(APIError):
    """429: too many requests. ``retry_after`` is the wait the vendor advised, if it said."""


class ServerError(APIError):
    """500-599: the vendor (or a proxy in front of it) failed. ``retry_after``: the wait it advised, if any."""


_ERROR_BY_STATUS: dict[int, type[APIError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: ValidationError,
    429: RateLimitError,
}


def error_class_for_status(status_code: int) -> type[APIError]:
    """The one place an HTTP status becomes an error class (a status outside 100-599, such as 999, is APIError)."""
    if 500 <= status_code <= 599:
        return ServerError
    return _ERROR_BY_STATUS.get(status_code, APIError)


class RateLimiterUnavailableError(StorefrontError):
    """The client's rate limit lives in a shared store (``rate_limit_storage``, e.g. Redis) that cannot be reached,
    so the attempt it guards was not sent (an earlier attempt of the same call may have been: PUT is idempotent).
    Built with ``rate_limit_fallback="memory"``, a client limits itself in this process instead of raising this.

    Attributes:
        vendor: the vendor the call was for.
        order_id: the order of the call, when there was one.
    """

    def __init__(self, message: str, *, vendor: str, order_id: str | None = None) -> None:
        self.vendor = vendor
        self.order_id = order_id
        super().__init__(message)
