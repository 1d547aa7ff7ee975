"""storefront-clients: one typed client for orders on bitbybit, Salesive and LaunchMyStore.

from storefronts import Client, OrderStatus

with Client("bitbybit", api_key="...") as client:
    order = client.update_order("ord_abc123", status=OrderStatus.CANCELLED, notes="Customer asked")
"""

from typing import TYPE_CHECKING

from . import drift, errors
from ._arguments import OrderUpdate
from ._bulk import UpdateResult
from ._client import AsyncClient, Client
from ._constants import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, MAX_RESPONSE_BYTES
from ._dryrun import PreparedRequest
from ._models import Address, Customer, LineItem, Order
from ._types import (
    NOT_GIVEN,
    FulfillmentStatus,
    FulfillmentStatusName,
    NotGiven,
    OrderStatus,
    OrderStatusName,
    PaymentStatus,
    PaymentStatusName,
    Vendor,
    VendorName,
)
from ._version import __version__
from .errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    ClientStateError,
    ConfigurationError,
    InvalidUpdateError,
    NotFoundError,
    OrderClosedError,
    PermissionDeniedError,
    RateLimitError,
    RateLimiterUnavailableError,
    ResponseDecodeError,
    ServerError,
    StorefrontError,
    UnsupportedUpdateError,
    ValidationError,
)

if TYPE_CHECKING:
    from ._aiohttp import DefaultAioHttpClient


def __getattr__(name: str) -> object:
    # loaded on first use: most services never need it, and `import storefronts` should not pay for it
    if name == "DefaultAioHttpClient":
        from ._aiohttp import DefaultAioHttpClient  # noqa: PLC0415

        return DefaultAioHttpClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "MAX_RESPONSE_BYTES",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "Address",
    "AsyncClient",
    "AuthenticationError",
    "Client",
    "ClientStateError",
    "ConfigurationError",
    "Customer",
    "DefaultAioHttpClient",
    "FulfillmentStatus",
    "FulfillmentStatusName",
    "InvalidUpdateError",
    "LineItem",
    "NotFoundError",
    "NotGiven",
    "Order",
    "OrderClosedError",
    "OrderStatus",
    "OrderStatusName",
    "OrderUpdate",
    "PaymentStatus",
    "PaymentStatusName",
    "PermissionDeniedError",
    "PreparedRequest",
    "RateLimitError",
    "RateLimiterUnavailableError",
    "ResponseDecodeError",
    "ServerError",
    "StorefrontError",
    "UnsupportedUpdateError",
    "UpdateResult",
    "ValidationError",
    "Vendor",
    "VendorName",
    "__version__",
    "drift",
    "errors",
]
