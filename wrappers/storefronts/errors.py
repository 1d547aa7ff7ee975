"""The exceptions storefronts raises. Every failure reaches the caller as one of these::

    StorefrontError
    ├── ConfigurationError (also ValueError)       the client cannot be built (unknown vendor, no key, http:// URL)
    ├── ClientStateError (also RuntimeError)       the client cannot send now: closed, forked, another event loop
    ├── UnsupportedUpdateError (also ValueError)   the vendor cannot take this field or value; nothing was sent
    ├── InvalidUpdateError (also ValueError)       a value is malformed (empty id, negative money); nothing sent
    ├── APIConnectionError                         no usable answer: connection refused or reset, DNS, TLS
    │   └── APITimeoutError                        the attempt ran out of time
    ├── ResponseDecodeError                        a 2xx whose body is not the documented envelope (or too large)
    └── APIError                                   the vendor answered with an error
        ├── AuthenticationError                    401
        ├── PermissionDeniedError                  403
        ├── NotFoundError                          404
        ├── ValidationError                        400, 422, LaunchMyStore VALIDATION_ERROR
        ├── OrderClosedError                       LaunchMyStore ORDER_CLOSED
        ├── RateLimitError                         429 (retry_after: the wait the vendor advised, if any)
        └── ServerError                            5xx

Messages name the vendor, the operation, the order id and the HTTP status; they never contain a credential.
"""

from __future__ import annotations

from typing import Any

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
        response: the raw ``httpx.Response`` (its request's credential header is not part of any message).
        body: the parsed JSON body when there was one.
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
    ) -> None:
        self.vendor = vendor
        self.status_code = status_code
        self.code = code
        self.message = vendor_message
        self.response = response
        self.body = body
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
    """429: too many requests.

    Attributes:
        retry_after: seconds the vendor asked us to wait, when it said (Retry-After / retry-after-ms).
    """

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(message, **kwargs)


class ServerError(APIError):
    """5xx: the vendor (or a proxy in front of it) failed."""


_ERROR_BY_STATUS: dict[int, type[APIError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: ValidationError,
    429: RateLimitError,
}


def error_class_for_status(status_code: int) -> type[APIError]:
    """The one place an HTTP status becomes an error class."""
    if status_code >= 500:
        return ServerError
    return _ERROR_BY_STATUS.get(status_code, APIError)
