# Generated from specs/launchmystore.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.financial_status import FinancialStatus
from ..models.fulfillment_status import FulfillmentStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.customer import Customer
    from ..models.line_item import LineItem
    from ..models.note_attribute import NoteAttribute


T = TypeVar("T", bound="Order")


@_attrs_define
class Order:
    """The order object. Documented: only by the page's example response, whose fields and types are transcribed here.
    Ours: only `id` is required (the page lists no required fields), and every field marked `x-assumption: true` below,
    including all fields absent from the example.

        Attributes:
            id (str): The unique order ID
            order_number (int | Unset): Human-facing order number, e.g. 1001.
            email (str | Unset): Customer email address
            phone (None | str | Unset): Customer phone number. Not in the example response; ours, by analogy with the
                `phone` body field, nullable.
            status (str | Unset): Order status. Documented: only the value `confirmed`, seen in the example response; the
                page also speaks of closed and cancelled orders (ORDER_CLOSED). Ours: a plain string rather than an enum,
                because the page does not list the values and a guessed enum would make the client reject an unlisted one.
            financial_status (FinancialStatus | Unset): An order's payment status. Documented: only the value `paid`, seen
                in the example response. Ours: the list of values, borrowed from Shopify-like APIs.
            fulfillment_status (FulfillmentStatus | None | Unset): Fulfillment status (`unfulfilled` in the example
                response). Documented: it is managed through the Fulfill Order endpoint. Ours: null is allowed, as Shopify-like
                APIs report an unfulfilled order as null.
            note (None | str | Unset): Order notes. Documented: a string in the example response. Ours: null when the order
                has no note.
            tags (list[str] | Unset): The order's tags (strings in the example response).
            note_attributes (list[NoteAttribute] | Unset): Additional order attributes. Not in the example response; ours,
                by analogy with the `note_attributes` body field.
            shipping_address (Address | None | Unset): Shipping address. Documented: an object in the example response.
                Ours: null when the order has none.
            billing_address (Address | None | Unset): Billing address. Not in the example response; ours, by analogy with
                the `billing_address` body field ("same structure as shipping_address"), null when the order has none.
            customer (Customer | None | Unset): The customer who placed the order. Not in the example response; ours, null
                for a guest order.
            line_items (list[LineItem] | Unset): The order's line items. Documented: they exist and cannot be modified after
                order creation. Ours: their presence in the response and their shape.
            currency (str | Unset): Currency code of the order's amounts. Not in the example response; ours.
            subtotal_price (float | Unset): Order subtotal. Not in the example response; ours, a decimal amount in
                `currency`, typed as a number like the other vendors' amounts.
            total_discounts (float | Unset): Total discounts. Not in the example response; ours, a decimal amount in
                `currency`, typed as a number like the other vendors' amounts.
            total_shipping (float | Unset): Total shipping cost. Not in the example response; ours, a decimal amount in
                `currency`, typed as a number like the other vendors' amounts.
            total_tax (float | Unset): Total tax. Not in the example response; ours, a decimal amount in `currency`, typed
                as a number like the other vendors' amounts.
            total_price (float | Unset): Order total. Not in the example response; ours, a decimal amount in `currency`,
                typed as a number like the other vendors' amounts.
            created_at (datetime.datetime | Unset): When the order was created.
            updated_at (datetime.datetime | Unset): When the order was last updated.
    """

    id: str
    order_number: int | Unset = UNSET
    email: str | Unset = UNSET
    phone: None | str | Unset = UNSET
    status: str | Unset = UNSET
    financial_status: FinancialStatus | str | Unset = UNSET
    fulfillment_status: FulfillmentStatus | None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    note_attributes: list[NoteAttribute] | Unset = UNSET
    shipping_address: Address | None | Unset = UNSET
    billing_address: Address | None | Unset = UNSET
    customer: Customer | None | Unset = UNSET
    line_items: list[LineItem] | Unset = UNSET
    currency: str | Unset = UNSET
    subtotal_price: float | Unset = UNSET
    total_discounts: float | Unset = UNSET
    total_shipping: float | Unset = UNSET
    total_tax: float | Unset = UNSET
    total_price: float | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address
        from ..models.customer import Customer

        id = self.id

        order_number = self.order_number

        email = self.email

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        status = self.status

        try:
            financial_status: str | Unset = UNSET
            if not isinstance(self.financial_status, Unset):
                financial_status = FinancialStatus(self.financial_status).value
        except (TypeError, ValueError, AttributeError):
            financial_status = cast(Any, self.financial_status)

        try:
            fulfillment_status: None | str | Unset
            if isinstance(self.fulfillment_status, Unset):
                fulfillment_status = UNSET
            elif isinstance(self.fulfillment_status, FulfillmentStatus):
                fulfillment_status = FulfillmentStatus(self.fulfillment_status).value
            else:
                fulfillment_status = self.fulfillment_status
        except (TypeError, ValueError, AttributeError):
            fulfillment_status = cast(Any, self.fulfillment_status)

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        try:
            note_attributes: list[dict[str, Any]] | Unset = UNSET
            if not isinstance(self.note_attributes, Unset):
                note_attributes = []
                for note_attributes_item_data in self.note_attributes:
                    note_attributes_item = note_attributes_item_data.to_dict()
                    note_attributes.append(note_attributes_item)
        except (TypeError, ValueError, AttributeError):
            note_attributes = cast(Any, self.note_attributes)

        try:
            shipping_address: dict[str, Any] | None | Unset
            if isinstance(self.shipping_address, Unset):
                shipping_address = UNSET
            elif isinstance(self.shipping_address, Address):
                shipping_address = self.shipping_address.to_dict()
            else:
                shipping_address = self.shipping_address
        except (TypeError, ValueError, AttributeError):
            shipping_address = cast(Any, self.shipping_address)

        try:
            billing_address: dict[str, Any] | None | Unset
            if isinstance(self.billing_address, Unset):
                billing_address = UNSET
            elif isinstance(self.billing_address, Address):
                billing_address = self.billing_address.to_dict()
            else:
                billing_address = self.billing_address
        except (TypeError, ValueError, AttributeError):
            billing_address = cast(Any, self.billing_address)

        try:
            customer: dict[str, Any] | None | Unset
            if isinstance(self.customer, Unset):
                customer = UNSET
            elif isinstance(self.customer, Customer):
                customer = self.customer.to_dict()
            else:
                customer = self.customer
        except (TypeError, ValueError, AttributeError):
            customer = cast(Any, self.customer)

        try:
            line_items: list[dict[str, Any]] | Unset = UNSET
            if not isinstance(self.line_items, Unset):
                line_items = []
                for line_items_item_data in self.line_items:
                    line_items_item = line_items_item_data.to_dict()
                    line_items.append(line_items_item)
        except (TypeError, ValueError, AttributeError):
            line_items = cast(Any, self.line_items)

        currency = self.currency

        subtotal_price = self.subtotal_price

        total_discounts = self.total_discounts

        total_shipping = self.total_shipping

        total_tax = self.total_tax

        total_price = self.total_price

        try:
            created_at: str | Unset = UNSET
            if not isinstance(self.created_at, Unset):
                created_at = self.created_at.isoformat()
        except (TypeError, ValueError, AttributeError):
            created_at = cast(Any, self.created_at)

        try:
            updated_at: str | Unset = UNSET
            if not isinstance(self.updated_at, Unset):
                updated_at = self.updated_at.isoformat()
        except (TypeError, ValueError, AttributeError):
            updated_at = cast(Any, self.updated_at)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if not isinstance(id, Unset):
            field_dict["id"] = id
        if order_number is not UNSET:
            field_dict["order_number"] = order_number
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if status is not UNSET:
            field_dict["status"] = status
        if financial_status is not UNSET:
            field_dict["financial_status"] = financial_status
        if fulfillment_status is not UNSET:
            field_dict["fulfillment_status"] = fulfillment_status
        if note is not UNSET:
            field_dict["note"] = note
        if tags is not UNSET:
            field_dict["tags"] = tags
        if note_attributes is not UNSET:
            field_dict["note_attributes"] = note_attributes
        if shipping_address is not UNSET:
            field_dict["shipping_address"] = shipping_address
        if billing_address is not UNSET:
            field_dict["billing_address"] = billing_address
        if customer is not UNSET:
            field_dict["customer"] = customer
        if line_items is not UNSET:
            field_dict["line_items"] = line_items
        if currency is not UNSET:
            field_dict["currency"] = currency
        if subtotal_price is not UNSET:
            field_dict["subtotal_price"] = subtotal_price
        if total_discounts is not UNSET:
            field_dict["total_discounts"] = total_discounts
        if total_shipping is not UNSET:
            field_dict["total_shipping"] = total_shipping
        if total_tax is not UNSET:
            field_dict["total_tax"] = total_tax
        if total_price is not UNSET:
            field_dict["total_price"] = total_price
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.address import Address
        from ..models.customer import Customer
        from ..models.line_item import LineItem
        from ..models.note_attribute import NoteAttribute

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        order_number = d.pop("order_number", UNSET)

        email = d.pop("email", UNSET)

        _raw_phone = d.pop("phone", UNSET)
        try:

            def _parse_phone(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            phone = _parse_phone(_raw_phone)

        except (TypeError, ValueError, KeyError, AttributeError):
            phone = cast(Any, _raw_phone)

        status = d.pop("status", UNSET)

        _raw_financial_status = d.pop("financial_status", UNSET)
        try:
            _financial_status = _raw_financial_status
            financial_status: FinancialStatus | Unset
            if isinstance(_financial_status, Unset):
                financial_status = UNSET
            else:
                financial_status = FinancialStatus(_financial_status)

        except (TypeError, ValueError, KeyError, AttributeError):
            financial_status = cast(Any, _raw_financial_status)

        _raw_fulfillment_status = d.pop("fulfillment_status", UNSET)
        try:

            def _parse_fulfillment_status(data: object) -> FulfillmentStatus | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    fulfillment_status_type_0 = FulfillmentStatus(data)

                    return fulfillment_status_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(FulfillmentStatus | None | Unset, data)

            fulfillment_status = _parse_fulfillment_status(_raw_fulfillment_status)

        except (TypeError, ValueError, KeyError, AttributeError):
            fulfillment_status = cast(Any, _raw_fulfillment_status)

        _raw_note = d.pop("note", UNSET)
        try:

            def _parse_note(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            note = _parse_note(_raw_note)

        except (TypeError, ValueError, KeyError, AttributeError):
            note = cast(Any, _raw_note)

        _raw_tags = d.pop("tags", UNSET)
        try:
            tags = cast(list[str], _raw_tags)

        except (TypeError, ValueError, KeyError, AttributeError):
            tags = cast(Any, _raw_tags)

        _raw_note_attributes = d.pop("note_attributes", UNSET)
        try:
            _note_attributes = _raw_note_attributes
            note_attributes: list[NoteAttribute] | Unset = UNSET
            if _note_attributes is not UNSET:
                note_attributes = []
                for note_attributes_item_data in _note_attributes:
                    note_attributes_item = NoteAttribute.from_dict(note_attributes_item_data)

                    note_attributes.append(note_attributes_item)

        except (TypeError, ValueError, KeyError, AttributeError):
            note_attributes = cast(Any, _raw_note_attributes)

        _raw_shipping_address = d.pop("shipping_address", UNSET)
        try:

            def _parse_shipping_address(data: object) -> Address | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    shipping_address_type_0 = Address.from_dict(data)

                    return shipping_address_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(Address | None | Unset, data)

            shipping_address = _parse_shipping_address(_raw_shipping_address)

        except (TypeError, ValueError, KeyError, AttributeError):
            shipping_address = cast(Any, _raw_shipping_address)

        _raw_billing_address = d.pop("billing_address", UNSET)
        try:

            def _parse_billing_address(data: object) -> Address | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    billing_address_type_0 = Address.from_dict(data)

                    return billing_address_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(Address | None | Unset, data)

            billing_address = _parse_billing_address(_raw_billing_address)

        except (TypeError, ValueError, KeyError, AttributeError):
            billing_address = cast(Any, _raw_billing_address)

        _raw_customer = d.pop("customer", UNSET)
        try:

            def _parse_customer(data: object) -> Customer | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    customer_type_0 = Customer.from_dict(data)

                    return customer_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(Customer | None | Unset, data)

            customer = _parse_customer(_raw_customer)

        except (TypeError, ValueError, KeyError, AttributeError):
            customer = cast(Any, _raw_customer)

        _raw_line_items = d.pop("line_items", UNSET)
        try:
            _line_items = _raw_line_items
            line_items: list[LineItem] | Unset = UNSET
            if _line_items is not UNSET:
                line_items = []
                for line_items_item_data in _line_items:
                    line_items_item = LineItem.from_dict(line_items_item_data)

                    line_items.append(line_items_item)

        except (TypeError, ValueError, KeyError, AttributeError):
            line_items = cast(Any, _raw_line_items)

        currency = d.pop("currency", UNSET)

        subtotal_price = d.pop("subtotal_price", UNSET)

        total_discounts = d.pop("total_discounts", UNSET)

        total_shipping = d.pop("total_shipping", UNSET)

        total_tax = d.pop("total_tax", UNSET)

        total_price = d.pop("total_price", UNSET)

        _raw_created_at = d.pop("created_at", UNSET)
        try:
            _created_at = _raw_created_at
            created_at: datetime.datetime | Unset
            if isinstance(_created_at, Unset):
                created_at = UNSET
            else:
                created_at = datetime.datetime.fromisoformat(_created_at)

        except (TypeError, ValueError, KeyError, AttributeError):
            created_at = cast(Any, _raw_created_at)

        _raw_updated_at = d.pop("updated_at", UNSET)
        try:
            _updated_at = _raw_updated_at
            updated_at: datetime.datetime | Unset
            if isinstance(_updated_at, Unset):
                updated_at = UNSET
            else:
                updated_at = datetime.datetime.fromisoformat(_updated_at)

        except (TypeError, ValueError, KeyError, AttributeError):
            updated_at = cast(Any, _raw_updated_at)

        _model_instance = cls(
            id=id,
            order_number=order_number,
            email=email,
            phone=phone,
            status=status,
            financial_status=financial_status,
            fulfillment_status=fulfillment_status,
            note=note,
            tags=tags,
            note_attributes=note_attributes,
            shipping_address=shipping_address,
            billing_address=billing_address,
            customer=customer,
            line_items=line_items,
            currency=currency,
            subtotal_price=subtotal_price,
            total_discounts=total_discounts,
            total_shipping=total_shipping,
            total_tax=total_tax,
            total_price=total_price,
            created_at=created_at,
            updated_at=updated_at,
        )

        _model_instance.additional_properties = d
        return _model_instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
