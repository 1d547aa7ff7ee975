"""The canonical vocabulary shared by every vendor: vendors, the three status axes, and "not given"."""

from __future__ import annotations

import enum
from typing import Final, Literal

# The vendor list is generated from specs/sources.yaml (one entry there adds a vendor), the rest is written here.
from storefronts_generated._vendors import Vendor, VendorName


class OrderStatus(enum.StrEnum):
    """Where the order is in its life. ``UNKNOWN``: the vendor sent a value nobody documented (see ``Order.raw``)."""

    PENDING = "pending"
    OPEN = "open"
    PROCESSING = "processing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    ARCHIVED = "archived"
    UNKNOWN = "unknown"


class PaymentStatus(enum.StrEnum):
    """Where the money is. ``UNKNOWN``: undocumented value, or the vendor does not say."""

    PENDING = "pending"
    AUTHORIZED = "authorized"
    PAID = "paid"
    PARTIALLY_PAID = "partially_paid"
    REFUNDED = "refunded"
    PARTIALLY_REFUNDED = "partially_refunded"
    VOIDED = "voided"
    UNKNOWN = "unknown"


class FulfillmentStatus(enum.StrEnum):
    """Where the goods are. ``UNKNOWN``: undocumented value, or the vendor does not say."""

    UNFULFILLED = "unfulfilled"
    PARTIAL = "partial"
    FULFILLED = "fulfilled"
    UNKNOWN = "unknown"


# The string forms accepted wherever a status is (VendorName is the vendor's), as Literal types so that a type
# checker rejects a typo ("canceled", "bitbybitt") before it runs. A test keeps each equal to its enum's values (less
# "unknown", which is only ever read, never sent).
OrderStatusName = Literal["pending", "open", "processing", "completed", "cancelled", "refunded", "archived"]
PaymentStatusName = Literal[
    "pending", "authorized", "paid", "partially_paid", "refunded", "partially_refunded", "voided"
]
FulfillmentStatusName = Literal["unfulfilled", "partial", "fulfilled"]


APIKey = str | tuple[str, str]
"""A credential as ``api_key`` takes it: the key, or ``(key, secret)`` for a vendor whose credential has two parts
(HTTP Basic's consumer key and secret), the way httpx takes ``auth=(user, password)``."""


class _NotGiven(enum.Enum):
    """The type of :data:`NOT_GIVEN`: an argument the caller left out, as opposed to ``None`` ("clear it")."""

    NOT_GIVEN = "NOT_GIVEN"

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> Literal[False]:
        return False


NOT_GIVEN: Final = _NotGiven.NOT_GIVEN
NotGiven = Literal[_NotGiven.NOT_GIVEN]


__all__ = [
    "NOT_GIVEN",
    "APIKey",
    "FulfillmentStatus",
    "FulfillmentStatusName",
    "NotGiven",
    "OrderStatus",
    "OrderStatusName",
    "PaymentStatus",
    "PaymentStatusName",
    "Vendor",
    "VendorName",
]
