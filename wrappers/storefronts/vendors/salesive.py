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
from storefronts_generated import salesive as salesive_client
from storefronts_generated.salesive.api.orders import update_order
from storefronts_generated.salesive.models import UpdateOrderBody, UpdateOrderBodyStatus
from storefronts_generated.salesive.types import UNSET, Unset

from .._adapter import (
    Connection,
    CredentialPart,
    VendorAdapter,
    data_object,
    envelope_success,
    json_number,
    require_prefix,
)
from .._lenient_readers import (
    AddressFields,
    CustomerFields,
    LineItemFields,
    identifier,
    items,
    member,
    money,
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
_CUSTOMER = CustomerFields(id_fields=("customerId", "_id"))
_LINE_ITEM = LineItemFields(id="_id", title="name")
_ADDRESS = AddressFields(address1="address", province="state", zip="zipCode")


class SalesiveAdapter(VendorAdapter):
    vendor = Vendor.SALESIVE
    connection = Connection(
        credential=(CredentialPart("app token", "SALESIVE_APP_TOKEN"),),
        default_base_url="https://api.salesive.com/api/v1",
    )
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
    expected_fields = ("_id",)
    update_rules = (
        "app tokens start with `app_` (checked when the client is built); the store is bound to the token, "
        "so no shop id is ever sent",
        "a status change (paid, processing, cancelled, refunded) notifies the customer",
        "`status` and `payment_status` share Salesive's single `status` field: pass one of them",
        "fields outside the whitelist would be ignored by Salesive, so we refuse them before sending",
    )

    def check_credential(self, parts: tuple[str, ...]) -> None:
        require_prefix(self.vendor.value, parts[0], "app_", "app tokens")

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

    def to_order(self, body: Mapping[str, Any], response: httpx.Response) -> Order:
        if not envelope_success(self.vendor, body):  # exactly false: the vendor reports a failure, data or not
            status = whole_number(body.get("status"))
            raise APIError(
                "the envelope says success: false",
                vendor=self.vendor.value,
                status_code=status if status is not None and 400 <= status <= 599 else response.status_code,
                vendor_message=text(body.get("message")),
            )
        data = data_object(self.vendor, body)
        vendor_status = data.get("status")
        lifecycle, payment, fulfillment = (
            _READ.get(vendor_status, _UNKNOWN) if isinstance(vendor_status, str) else _UNKNOWN
        )
        customer = _CUSTOMER.read(data.get("user"))
        return Order(
            vendor=self.vendor,
            id=identifier(data.get("_id")),
            number=identifier(data.get("orderId")),
            status=lifecycle,
            payment_status=payment,
            fulfillment_status=fulfillment,
            notes=text(data.get("notes")),
            email=customer.email if customer else None,
            phone=customer.phone if customer else None,
            subtotal=money(data.get("subtotal")),
            discount=money(data.get("discount")),
            shipping_cost=money(data.get("shippingCost")),
            tax=money(data.get("tax")),
            total=money(data.get("total")),
            customer=customer,
            line_items=tuple([_LINE_ITEM.read(item) for item in items(data.get("items"))]),
            shipping_address=_ADDRESS.read(member(data.get("shipment"), "shippingAddress")),
            created_at=timestamp(data.get("createdAt")),
            updated_at=timestamp(data.get("updatedAt")),
            raw=data,
        )

    def read_error(self, body: Any) -> tuple[str | None, str | None]:
        return None, text(member(body, "message"))
