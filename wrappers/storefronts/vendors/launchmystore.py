"""LaunchMyStore: Bearer access tokens, ``{success, data}`` responses, coded errors (see specs/launchmystore.yaml).

Takes notes, tags, contact details, addresses and note attributes. Its status, financial status and fulfilment
status cannot be changed by an update (payments, refunds and the Fulfill Order endpoint own them).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Any, ClassVar

import httpx
from storefronts_generated import launchmystore as launchmystore_client
from storefronts_generated.launchmystore.api.orders import update_order
from storefronts_generated.launchmystore.models import AddressInput, NoteAttribute, UpdateOrderRequest
from storefronts_generated.launchmystore.types import UNSET

from .._adapter import (
    Connection,
    CredentialPart,
    VendorAdapter,
    data_object,
    envelope_success,
)
from .._lenient_readers import (
    AddressFields,
    CustomerFields,
    LineItemFields,
    identifier,
    items,
    money,
    nested_error,
    read_status,
    string_tuple,
    text,
    timestamp,
)
from .._models import Address, Order
from .._types import FulfillmentStatus, OrderStatus, PaymentStatus, Vendor
from ..errors import (
    APIError,
    AuthenticationError,
    NotFoundError,
    OrderClosedError,
    PermissionDeniedError,
    ValidationError,
)

# The page shows only "confirmed"; it speaks of closed and cancelled orders (ORDER_CLOSED).
_STATUS = {
    "confirmed": OrderStatus.OPEN,
    "open": OrderStatus.OPEN,
    "closed": OrderStatus.COMPLETED,
    "cancelled": OrderStatus.CANCELLED,
}
_FINANCIAL = {
    "pending": PaymentStatus.PENDING,
    "authorized": PaymentStatus.AUTHORIZED,
    "paid": PaymentStatus.PAID,
    "partially_paid": PaymentStatus.PARTIALLY_PAID,
    "refunded": PaymentStatus.REFUNDED,
    "partially_refunded": PaymentStatus.PARTIALLY_REFUNDED,
    "voided": PaymentStatus.VOIDED,
}
_FULFILLMENT = {
    "unfulfilled": FulfillmentStatus.UNFULFILLED,
    "partial": FulfillmentStatus.PARTIAL,
    "fulfilled": FulfillmentStatus.FULFILLED,
}
_MISSING = object()
_CUSTOMER = CustomerFields()
_LINE_ITEM = LineItemFields()
_ADDRESS = AddressFields()
_ERRORS: dict[str, type[APIError]] = {
    "UNAUTHORIZED": AuthenticationError,
    "FORBIDDEN": PermissionDeniedError,
    "NOT_FOUND": NotFoundError,
    "VALIDATION_ERROR": ValidationError,
    "ORDER_CLOSED": OrderClosedError,
}


class LaunchMyStoreAdapter(VendorAdapter):
    vendor = Vendor.LAUNCHMYSTORE
    connection = Connection(
        credential=(CredentialPart("access token", "LAUNCHMYSTORE_ACCESS_TOKEN"),),
        default_base_url="https://api.launchmystore.io/api/v1",
    )
    generated_package: ClassVar[ModuleType] = launchmystore_client
    endpoint: ClassVar[ModuleType] = update_order
    supported_updates = frozenset(
        {"notes", "tags", "email", "phone", "shipping_address", "billing_address", "note_attributes"}
    )
    read_statuses: ClassVar[Mapping[str, Mapping[str, Any]]] = {
        "status": _STATUS,
        "financial_status": _FINANCIAL,
        "fulfillment_status": _FULFILLMENT,
    }
    expected_fields = ("id",)
    update_rules = (
        "`tags` replace the order's existing tags (send the full list)",
        "status, financial status and fulfillment status cannot be changed by an update",
        "a closed or cancelled order cannot be modified: OrderClosedError (ORDER_CLOSED)",
        "a null fulfillment status reads as UNFULFILLED",
    )

    def build_body(self, updates: Mapping[str, Any]) -> UpdateOrderRequest:
        return UpdateOrderRequest(
            note=updates.get("notes", UNSET),
            tags=list(updates["tags"]) if "tags" in updates else UNSET,
            email=updates.get("email", UNSET),
            phone=updates.get("phone", UNSET),
            shipping_address=_address_input(updates.get("shipping_address")),
            billing_address=_address_input(updates.get("billing_address")),
            note_attributes=(
                [NoteAttribute(name=name, value=value) for name, value in updates["note_attributes"]]
                if "note_attributes" in updates
                else UNSET
            ),
        )

    def to_order(self, body: Mapping[str, Any], response: httpx.Response) -> Order:
        if not envelope_success(self.vendor, body):  # exactly false: the error it carries decides the class
            code, message = nested_error(body)
            raise APIError(
                "the envelope says success: false",
                vendor=self.vendor.value,
                status_code=response.status_code,
                code=code,
                vendor_message=message,
            )
        data = data_object(self.vendor, body)
        fulfillment = data.get("fulfillment_status", _MISSING)  # null is documented (unfulfilled); missing is not
        return Order(
            vendor=self.vendor,
            id=identifier(data.get("id")),
            number=identifier(data.get("order_number")),
            status=read_status(_STATUS, data.get("status"), OrderStatus.UNKNOWN),
            payment_status=read_status(_FINANCIAL, data.get("financial_status"), PaymentStatus.UNKNOWN),
            fulfillment_status=(
                FulfillmentStatus.UNFULFILLED
                if fulfillment is None
                else read_status(_FULFILLMENT, fulfillment, FulfillmentStatus.UNKNOWN)
            ),
            notes=text(data.get("note")),
            tags=string_tuple(data.get("tags")),
            email=text(data.get("email")),
            phone=text(data.get("phone")),
            currency=text(data.get("currency")),
            subtotal=money(data.get("subtotal_price")),
            discount=money(data.get("total_discounts")),
            shipping_cost=money(data.get("total_shipping")),
            tax=money(data.get("total_tax")),
            total=money(data.get("total_price")),
            customer=_CUSTOMER.read(data.get("customer")),
            line_items=tuple([_LINE_ITEM.read(item) for item in items(data.get("line_items"))]),
            shipping_address=_ADDRESS.read(data.get("shipping_address")),
            billing_address=_ADDRESS.read(data.get("billing_address")),
            created_at=timestamp(data.get("created_at")),
            updated_at=timestamp(data.get("updated_at")),
            raw=data,
        )

    def read_error(self, body: Any) -> tuple[str | None, str | None]:
        return nested_error(body)

    def error_class_for_code(self, code: str | None) -> type[APIError] | None:
        return _ERRORS.get(code) if code else None


def _address_input(address: Address | None) -> AddressInput | Any:
    if address is None:
        return UNSET
    fields = address.given_fields()
    if "zip" in fields:
        fields["zip_"] = fields.pop("zip")
    return AddressInput(**fields)
