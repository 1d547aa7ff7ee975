"""bitbybit: ``x-api-key`` auth, ``{data: Order}`` responses, ``{error: {code, message}}`` errors.

Takes status, fulfillment status, financial status and notes; no tags, contact or address changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Any, ClassVar

import bitbybit_client
import httpx
from bitbybit_client.api.orders import update_order
from bitbybit_client.models import (
    UpdateOrderBody,
    UpdateOrderBodyFinancialStatus,
    UpdateOrderBodyFulfillmentStatus,
    UpdateOrderBodyStatus,
)
from bitbybit_client.types import UNSET

from .._adapter import (
    VendorAdapter,
    address_from,
    customer_from,
    data_object,
    identifier,
    inverse,
    items,
    line_item_from,
    model_attr,
    money,
    read_status,
    string_tuple,
    text,
    timestamp,
)
from .._models import Order
from .._types import FulfillmentStatus, OrderStatus, PaymentStatus, Vendor

_STATUS = {
    "active": OrderStatus.OPEN,
    "archived": OrderStatus.ARCHIVED,
    "cancelled": OrderStatus.CANCELLED,
    "refunded": OrderStatus.REFUNDED,
}
_FINANCIAL = {"pending": PaymentStatus.PENDING, "paid": PaymentStatus.PAID, "refunded": PaymentStatus.REFUNDED}
_FULFILLMENT = {"unfulfilled": FulfillmentStatus.UNFULFILLED, "fulfilled": FulfillmentStatus.FULFILLED}


class BitbybitAdapter(VendorAdapter):
    vendor = Vendor.BITBYBIT
    api_key_env = "BITBYBIT_API_KEY"
    default_base_url = "https://api.bitbybit.studio/customer/api/open/v1"
    generated_package: ClassVar[ModuleType] = bitbybit_client
    endpoint: ClassVar[ModuleType] = update_order
    supported_updates = frozenset({"status", "payment_status", "fulfillment_status", "notes"})
    status_values: ClassVar[Mapping[str, Mapping[Any, str]]] = {
        "status": inverse(_STATUS),
        "payment_status": inverse(_FINANCIAL),
        "fulfillment_status": inverse(_FULFILLMENT),
    }
    read_statuses: ClassVar[Mapping[str, Mapping[str, Any]]] = {
        "status": _STATUS,
        "financialStatus": _FINANCIAL,
        "fulfillmentStatus": _FULFILLMENT,
    }
    update_rules = ("the API key goes in the `x-api-key` header (not `Authorization`)",)

    def build_body(self, updates: Mapping[str, Any]) -> UpdateOrderBody:
        values = self.status_values
        return UpdateOrderBody(
            status=UpdateOrderBodyStatus(values["status"][updates["status"]]) if "status" in updates else UNSET,
            financial_status=(
                UpdateOrderBodyFinancialStatus(values["payment_status"][updates["payment_status"]])
                if "payment_status" in updates
                else UNSET
            ),
            fulfillment_status=(
                UpdateOrderBodyFulfillmentStatus(values["fulfillment_status"][updates["fulfillment_status"]])
                if "fulfillment_status" in updates
                else UNSET
            ),
            notes=updates.get("notes", UNSET),
        )

    def to_order(self, parsed: Any, body: Mapping[str, Any], response: httpx.Response) -> Order:
        data = model_attr(parsed, "data")
        raw = data_object(self.vendor, body)
        customer = model_attr(data, "customer")
        return Order(
            vendor=self.vendor,
            id=identifier(model_attr(data, "id")),
            number=identifier(model_attr(data, "order_number")),
            status=read_status(_STATUS, model_attr(data, "status"), OrderStatus.UNKNOWN),
            payment_status=read_status(_FINANCIAL, model_attr(data, "financial_status"), PaymentStatus.UNKNOWN),
            fulfillment_status=read_status(
                _FULFILLMENT, model_attr(data, "fulfillment_status"), FulfillmentStatus.UNKNOWN
            ),
            notes=text(model_attr(data, "notes")),
            tags=string_tuple(model_attr(data, "tags")),
            email=text(model_attr(customer, "email")),
            phone=text(model_attr(customer, "phone_number")),
            currency=text(model_attr(data, "currency")),
            total=money(model_attr(data, "total")),
            customer=customer_from(customer, phone_field="phone_number"),
            line_items=tuple(
                line_item_from(item, sku=text(model_attr(model_attr(item, "product_variant"), "inventory_sku")))
                for item in items(model_attr(data, "line_items"))
            ),
            shipping_address=address_from(model_attr(data, "shipping_address"), zip="zip_"),
            created_at=timestamp(model_attr(data, "created_at")),
            updated_at=timestamp(model_attr(data, "updated_at")),
            raw=raw,
        )

    def read_error(self, parsed: Any) -> tuple[str | None, str | None]:
        error = model_attr(parsed, "error")
        return text(model_attr(error, "code")), text(model_attr(error, "message"))
