"""The vendor-neutral order model. Immutable; ``raw`` keeps everything the common model does not carry.

Frozen stdlib dataclasses, not attrs: that keeps ``attrs``, most of ``import storefronts`` when these were attrs
classes, out of the import until the first vendor's generated client needs it. A frozen dataclass is slower to build
than a frozen attrs class; the adapters' readers were made quicker by as much (docs/performance.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ._types import FulfillmentStatus, OrderStatus, PaymentStatus, Vendor

__all__ = ["Address", "Customer", "LineItem", "Order"]

_ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "address1",
    "address2",
    "city",
    "province",
    "country",
    "zip",
    "phone",
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Address:
    """A postal address. ``name`` is the full name when a vendor gives only one string (Salesive)."""

    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    province: str | None = None
    country: str | None = None
    zip: str | None = None
    phone: str | None = None
    name: str | None = None

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The fields an update may set (``name`` is read-only: no vendor takes it)."""
        return _ADDRESS_FIELDS

    def given_fields(self) -> dict[str, str]:
        """The settable fields that are not None, in declaration order."""
        return {name: value for name in _ADDRESS_FIELDS if (value := getattr(self, name)) is not None}


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Customer:
    """Who placed the order."""

    id: str | None = None
    name: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class LineItem:
    """One line of the order. ``unit_price`` is money, as Decimal."""

    id: str | None = None
    title: str | None = None
    sku: str | None = None
    quantity: int | None = None
    unit_price: Decimal | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Order:
    """One order, the same shape for every vendor.

    Money is ``Decimal`` in the vendor's unit (Salesive amounts are as Salesive sends them), datetimes are
    timezone-aware (a vendor's naive timestamp is read as UTC), and ``raw`` is the vendor's order object exactly
    as received, for whatever this model does not carry.
    """

    vendor: Vendor
    id: str | None
    number: str | None = None
    status: OrderStatus = OrderStatus.UNKNOWN
    payment_status: PaymentStatus = PaymentStatus.UNKNOWN
    fulfillment_status: FulfillmentStatus = FulfillmentStatus.UNKNOWN
    notes: str | None = None
    tags: tuple[str, ...] = ()
    email: str | None = None
    phone: str | None = None
    currency: str | None = None
    subtotal: Decimal | None = None
    discount: Decimal | None = None
    shipping_cost: Decimal | None = None
    tax: Decimal | None = None
    total: Decimal | None = None
    customer: Customer | None = None
    line_items: tuple[LineItem, ...] = ()
    shipping_address: Address | None = None
    billing_address: Address | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    raw: Mapping[str, Any] = dataclasses.field(default_factory=dict, repr=False, compare=False)
