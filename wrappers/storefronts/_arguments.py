"""The types of ``update_order``'s arguments, shared by the client twins and ``prepare_update``.

Each status takes its enum member or the member's string form as a ``Literal`` (a typo is a type error), and
``OrderUpdate`` is the same set of fields as a ``TypedDict``, so ``client.update_order(order_id, **update)``
type-checks when the update is built as a dict.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from ._models import Address
from ._types import (
    FulfillmentStatus,
    FulfillmentStatusName,
    NotGiven,
    OrderStatus,
    OrderStatusName,
    PaymentStatus,
    PaymentStatusName,
)

Status = OrderStatus | OrderStatusName
Payment = PaymentStatus | PaymentStatusName
Fulfillment = FulfillmentStatus | FulfillmentStatusName
Tags = list[str] | tuple[str, ...]
AddressValue = Address | dict[str, str]
Attributes = dict[str, str]
Money = Decimal | int  # no float: inexact (0.1 + 0.2 is 0.30000000000000004); no str: one money type

# update_order's arguments: a value, None (clear it, where the vendor allows), or left out
StatusArg = Status | None | NotGiven
PaymentArg = Payment | None | NotGiven
FulfillmentArg = Fulfillment | None | NotGiven
TextArg = str | None | NotGiven
TagsArg = Tags | None | NotGiven
AddressArg = AddressValue | None | NotGiven
AttributesArg = Attributes | None | NotGiven
MoneyArg = Money | None | NotGiven


class OrderUpdate(TypedDict, total=False):
    """The fields of one ``update_order`` call as a dict: ``client.update_order(order_id, **update)``."""

    status: Status | None
    payment_status: Payment | None
    fulfillment_status: Fulfillment | None
    notes: str | None
    tags: Tags | None
    email: str | None
    phone: str | None
    shipping_address: AddressValue | None
    billing_address: AddressValue | None
    note_attributes: Attributes | None
    shipping_cost: Money | None
    discount: Money | None
