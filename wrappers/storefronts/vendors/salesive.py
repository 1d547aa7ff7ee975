"""Salesive: installed-app tokens (``app_...``) as Bearer, the ``{status, success, message, data}`` envelope.

Salesive has one ``status`` that carries payment and fulfilment meaning too; how each value reads on the three
axes is the table below. It applies only whitelisted fields and ignores the rest of a body without saying so,
which is why ``UnsupportedUpdateError`` guards everything else here. Status changes notify the customer.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Any, ClassVar

import httpx
import salesive_client
from salesive_client.api.orders import update_order
from salesive_client.models import UpdateOrderBody, UpdateOrderBodyStatus
from salesive_client.types import UNSET, Unset

from .._adapter import (
    VendorAdapter,
    address_from,
    customer_from,
    data_object,
    identifier,
    items,
    json_number,
    line_item_from,
    model_attr,
    money,
    require_prefix,
    text,
    timestamp,
    whole_number,
)
from .._models import Order
from .._types import FulfillmentStatus, OrderStatus, PaymentStatus, Vendor
from ..errors import APIError, InvalidUpdateError

# Salesive status -> (lifecycle, payment, fulfilment). "paid" is an open order whose money arrived;
# "processing" is being prepared (paid, not shipped); "completed" is delivered; a cancelled order's payment
# is void; a refund says nothing of whether the goods had shipped.
_READ: dict[str, tuple[OrderStatus, PaymentStatus, FulfillmentStatus]] = {
    "pending": (OrderStatus.PENDING, PaymentStatus.PENDING, FulfillmentStatus.UNFULFILLED),
    "paid": (OrderStatus.OPEN, PaymentStatus.PAID, FulfillmentStatus.UNFULFILLED),
    "processing": (OrderStatus.PROCESSING, PaymentStatus.PAID, FulfillmentStatus.UNFULFILLED),
    "completed": (OrderStatus.COMPLETED, PaymentStatus.PAID, FulfillmentStatus.FULFILLED),
    "cancelled": (OrderStatus.CANCELLED, PaymentStatus.VOIDED, FulfillmentStatus.UNFULFILLED),
    "refunded": (OrderStatus.REFUNDED, PaymentStatus.REFUNDED, FulfillmentStatus.UNKNOWN),
}
_UNKNOWN = (OrderStatus.UNKNOWN, PaymentStatus.UNKNOWN, FulfillmentStatus.UNKNOWN)


class SalesiveAdapter(VendorAdapter):
    vendor = Vendor.SALESIVE
    api_key_env = "SALESIVE_APP_TOKEN"
    default_base_url = "https://api.salesive.com/api/v1"
    generated_package: ClassVar[ModuleType] = salesive_client
    endpoint: ClassVar[ModuleType] = update_order
    supported_updates = frozenset({"status", "payment_status", "notes", "shipping_cost", "discount"})
    # Only values whose Salesive counterpart means the same and nothing more: OPEN would be "paid", which also
    # asserts payment, so it is not offered; PAID is, as a payment status.
    status_values: ClassVar[Mapping[str, Mapping[Any, str]]] = {
        "status": {
            OrderStatus.PENDING: "pending",
            OrderStatus.PROCESSING: "processing",
            OrderStatus.COMPLETED: "completed",
            OrderStatus.CANCELLED: "cancelled",
            OrderStatus.REFUNDED: "refunded",
        },
        "payment_status": {PaymentStatus.PAID: "paid"},
    }
    read_statuses: ClassVar[Mapping[str, Mapping[str, Any]]] = {"status": _READ}
    update_rules = (
        "app tokens start with `app_` (checked when the client is built); the store is bound to the token, "
        "so no shop id is ever sent",
        "a status change (paid, processing, cancelled, refunded) notifies the customer",
        "`status` and `payment_status` share Salesive's single `status` field: pass one of them",
        "fields outside the whitelist would be ignored by Salesive, so we refuse them before sending",
    )

    def check_api_key(self, api_key: str) -> None:
        require_prefix(self.vendor.value, api_key, "app_", "app tokens")

    def build_body(self, updates: Mapping[str, Any]) -> UpdateOrderBody:
        if "status" in updates and "payment_status" in updates:
            raise InvalidUpdateError(
                "payment_status", "Salesive carries payment in its single status: pass status or payment_status"
            )
        status: UpdateOrderBodyStatus | Unset = UNSET
        for axis in ("status", "payment_status"):
            if axis in updates:
                status = UpdateOrderBodyStatus(self.status_values[axis][updates[axis]])
        return UpdateOrderBody(
            status=status,
            notes=updates.get("notes", UNSET),
            shipping_cost=json_number("shipping_cost", updates["shipping_cost"])
            if "shipping_cost" in updates
            else UNSET,
            discount=json_number("discount", updates["discount"]) if "discount" in updates else UNSET,
        )

    def to_order(self, parsed: Any, body: Mapping[str, Any], response: httpx.Response) -> Order:
        if body.get("success") is False:
            status = whole_number(body.get("status"))
            raise APIError(
                "the envelope says success: false",
                vendor=self.vendor.value,
                status_code=status if status is not None and 400 <= status <= 599 else response.status_code,
                vendor_message=text(body.get("message")),
            )
        raw = data_object(self.vendor, body)
        data = model_attr(parsed, "data")
        vendor_status = model_attr(data, "status")
        lifecycle, payment, fulfillment = (
            _READ.get(vendor_status, _UNKNOWN) if isinstance(vendor_status, str) else _UNKNOWN
        )
        user = model_attr(data, "user")
        shipment = model_attr(data, "shipment")
        return Order(
            vendor=self.vendor,
            id=identifier(model_attr(data, "field_id")),
            number=identifier(model_attr(data, "order_id")),
            status=lifecycle,
            payment_status=payment,
            fulfillment_status=fulfillment,
            notes=text(model_attr(data, "notes")),
            email=text(model_attr(user, "email")),
            phone=text(model_attr(user, "phone")),
            subtotal=money(model_attr(data, "subtotal")),
            discount=money(model_attr(data, "discount")),
            shipping_cost=money(model_attr(data, "shipping_cost")),
            tax=money(model_attr(data, "tax")),
            total=money(model_attr(data, "total")),
            customer=customer_from(user, id_fields=("customer_id", "field_id")),
            line_items=tuple(
                line_item_from(item, id_field="field_id", title_field="name")
                for item in items(model_attr(data, "items"))
            ),
            shipping_address=address_from(
                model_attr(shipment, "shipping_address"), address1="address", province="state", zip="zip_code"
            ),
            created_at=timestamp(model_attr(data, "created_at")),
            updated_at=timestamp(model_attr(data, "updated_at")),
            raw=raw,
        )

    def read_error(self, parsed: Any) -> tuple[str | None, str | None]:
        return None, text(model_attr(parsed, "message"))
