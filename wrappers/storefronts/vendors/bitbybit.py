"""bitbybit: ``x-api-key`` auth, ``{data: Order}`` responses, ``{error: {code, message}}`` errors.

Takes status, fulfillment status, financial status and notes; no tags, contact or address changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Any, ClassVar

import httpx
from storefronts_generated import bitbybit as bitbybit_client
from storefronts_generated.bitbybit.api.orders import update_order
from storefronts_generated.bitbybit.models import (
    UpdateOrderBody,
    UpdateOrderBodyFinancialStatus,
    UpdateOrderBodyFulfillmentStatus,
    UpdateOrderBodyStatus,
)
from storefronts_generated.bitbybit.types import UNSET

from .._adapter import (
    Connection,
    CredentialPart,
    VendorAdapter,
    data_object,
    inverse,
)
from .._lenient_readers import (
    AddressFields,
    CustomerFields,
    LineItemFields,
    identifier,
    items,
    member,
    money,
    nested_error,
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
_CUSTOMER = CustomerFields(first_name="firstName", last_name="lastName", phone="phoneNumber")
_LINE_ITEM = LineItemFields()
_ADDRESS = AddressFields(first_name="firstName", last_name="lastName")


class BitbybitAdapter(VendorAdapter):
    vendor = Vendor.BITBYBIT
    connection = Connection(
        credential=(CredentialPart("API key", "BITBYBIT_API_KEY"),),
        default_base_url="https://api.bitbybit.studio/customer/api/open/v1",
    )
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
    expected_fields = ("id",)
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

    def to_order(self, body: Mapping[str, Any], response: httpx.Response) -> Order:
        data = data_object(self.vendor, body)
        customer = _CUSTOMER.read(data.get("customer"))
        return Order(
            vendor=self.vendor,
            id=identifier(data.get("id")),
            number=identifier(data.get("orderNumber")),
            status=read_status(_STATUS, data.get("status"), OrderStatus.UNKNOWN),
            payment_status=read_status(_FINANCIAL, data.get("financialStatus"), PaymentStatus.UNKNOWN),
            fulfillment_status=read_status(_FULFILLMENT, data.get("fulfillmentStatus"), FulfillmentStatus.UNKNOWN),
            notes=text(data.get("notes")),
            tags=string_tuple(data.get("tags")),
            email=customer.email if customer else None,
            phone=customer.phone if customer else None,
            currency=text(data.get("currency")),
            total=money(data.get("total")),
            customer=customer,
            line_items=tuple(
                [
                    _LINE_ITEM.read(item, sku=text(member(member(item, "productVariant"), "inventorySku")))
                    for item in items(data.get("lineItems"))
                ]
            ),
            shipping_address=_ADDRESS.read(data.get("shippingAddress")),
            created_at=timestamp(data.get("createdAt")),
            updated_at=timestamp(data.get("updatedAt")),
            raw=data,
        )

    def read_error(self, body: Any) -> tuple[str | None, str | None]:
        return nested_error(body)
