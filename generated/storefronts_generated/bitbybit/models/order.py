# Generated from specs/bitbybit.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.order_financial_status import OrderFinancialStatus
from ..models.order_fulfillment_status import OrderFulfillmentStatus
from ..models.order_status import OrderStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.line_item import LineItem
    from ..models.order_customer import OrderCustomer


T = TypeVar("T", bound="Order")


@_attrs_define
class Order:
    """
    Attributes:
        id (str | Unset):
        order_id (None | str | Unset):
        order_number (None | str | Unset):
        status (OrderStatus | Unset):
        fulfillment_status (OrderFulfillmentStatus | Unset):
        financial_status (OrderFinancialStatus | Unset):
        total (float | Unset):
        currency (None | str | Unset):
        notes (None | str | Unset):
        customer (OrderCustomer | Unset):
        line_items (list[LineItem] | Unset):
        shipping_address (Address | Unset):
        tags (list[str] | Unset):
        created_at (datetime.datetime | Unset):
        updated_at (datetime.datetime | Unset):
    """

    id: str | Unset = UNSET
    order_id: None | str | Unset = UNSET
    order_number: None | str | Unset = UNSET
    status: OrderStatus | str | Unset = UNSET
    fulfillment_status: OrderFulfillmentStatus | str | Unset = UNSET
    financial_status: OrderFinancialStatus | str | Unset = UNSET
    total: float | Unset = UNSET
    currency: None | str | Unset = UNSET
    notes: None | str | Unset = UNSET
    customer: OrderCustomer | Unset = UNSET
    line_items: list[LineItem] | Unset = UNSET
    shipping_address: Address | Unset = UNSET
    tags: list[str] | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        order_id: None | str | Unset
        if isinstance(self.order_id, Unset):
            order_id = UNSET
        else:
            order_id = self.order_id

        order_number: None | str | Unset
        if isinstance(self.order_number, Unset):
            order_number = UNSET
        else:
            order_number = self.order_number

        try:
            status: str | Unset = UNSET
            if not isinstance(self.status, Unset):
                status = OrderStatus(self.status).value
        except (TypeError, ValueError, AttributeError):
            status = cast(Any, self.status)

        try:
            fulfillment_status: str | Unset = UNSET
            if not isinstance(self.fulfillment_status, Unset):
                fulfillment_status = OrderFulfillmentStatus(self.fulfillment_status).value
        except (TypeError, ValueError, AttributeError):
            fulfillment_status = cast(Any, self.fulfillment_status)

        try:
            financial_status: str | Unset = UNSET
            if not isinstance(self.financial_status, Unset):
                financial_status = OrderFinancialStatus(self.financial_status).value
        except (TypeError, ValueError, AttributeError):
            financial_status = cast(Any, self.financial_status)

        total = self.total

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        try:
            customer: dict[str, Any] | Unset = UNSET
            if not isinstance(self.customer, Unset):
                customer = self.customer.to_dict()
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

        try:
            shipping_address: dict[str, Any] | Unset = UNSET
            if not isinstance(self.shipping_address, Unset):
                shipping_address = self.shipping_address.to_dict()
        except (TypeError, ValueError, AttributeError):
            shipping_address = cast(Any, self.shipping_address)

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

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
        if id is not UNSET:
            field_dict["id"] = id
        if order_id is not UNSET:
            field_dict["orderId"] = order_id
        if order_number is not UNSET:
            field_dict["orderNumber"] = order_number
        if status is not UNSET:
            field_dict["status"] = status
        if fulfillment_status is not UNSET:
            field_dict["fulfillmentStatus"] = fulfillment_status
        if financial_status is not UNSET:
            field_dict["financialStatus"] = financial_status
        if total is not UNSET:
            field_dict["total"] = total
        if currency is not UNSET:
            field_dict["currency"] = currency
        if notes is not UNSET:
            field_dict["notes"] = notes
        if customer is not UNSET:
            field_dict["customer"] = customer
        if line_items is not UNSET:
            field_dict["lineItems"] = line_items
        if shipping_address is not UNSET:
            field_dict["shippingAddress"] = shipping_address
        if tags is not UNSET:
            field_dict["tags"] = tags
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.address import Address
        from ..models.line_item import LineItem
        from ..models.order_customer import OrderCustomer

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        _raw_order_id = d.pop("orderId", UNSET)
        try:

            def _parse_order_id(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            order_id = _parse_order_id(_raw_order_id)

        except (TypeError, ValueError, KeyError, AttributeError):
            order_id = cast(Any, _raw_order_id)

        _raw_order_number = d.pop("orderNumber", UNSET)
        try:

            def _parse_order_number(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            order_number = _parse_order_number(_raw_order_number)

        except (TypeError, ValueError, KeyError, AttributeError):
            order_number = cast(Any, _raw_order_number)

        _raw_status = d.pop("status", UNSET)
        try:
            _status = _raw_status
            status: OrderStatus | Unset
            if isinstance(_status, Unset):
                status = UNSET
            else:
                status = OrderStatus(_status)

        except (TypeError, ValueError, KeyError, AttributeError):
            status = cast(Any, _raw_status)

        _raw_fulfillment_status = d.pop("fulfillmentStatus", UNSET)
        try:
            _fulfillment_status = _raw_fulfillment_status
            fulfillment_status: OrderFulfillmentStatus | Unset
            if isinstance(_fulfillment_status, Unset):
                fulfillment_status = UNSET
            else:
                fulfillment_status = OrderFulfillmentStatus(_fulfillment_status)

        except (TypeError, ValueError, KeyError, AttributeError):
            fulfillment_status = cast(Any, _raw_fulfillment_status)

        _raw_financial_status = d.pop("financialStatus", UNSET)
        try:
            _financial_status = _raw_financial_status
            financial_status: OrderFinancialStatus | Unset
            if isinstance(_financial_status, Unset):
                financial_status = UNSET
            else:
                financial_status = OrderFinancialStatus(_financial_status)

        except (TypeError, ValueError, KeyError, AttributeError):
            financial_status = cast(Any, _raw_financial_status)

        total = d.pop("total", UNSET)

        _raw_currency = d.pop("currency", UNSET)
        try:

            def _parse_currency(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            currency = _parse_currency(_raw_currency)

        except (TypeError, ValueError, KeyError, AttributeError):
            currency = cast(Any, _raw_currency)

        _raw_notes = d.pop("notes", UNSET)
        try:

            def _parse_notes(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            notes = _parse_notes(_raw_notes)

        except (TypeError, ValueError, KeyError, AttributeError):
            notes = cast(Any, _raw_notes)

        _raw_customer = d.pop("customer", UNSET)
        try:
            _customer = _raw_customer
            customer: OrderCustomer | Unset
            if isinstance(_customer, Unset):
                customer = UNSET
            else:
                customer = OrderCustomer.from_dict(_customer)

        except (TypeError, ValueError, KeyError, AttributeError):
            customer = cast(Any, _raw_customer)

        _raw_line_items = d.pop("lineItems", UNSET)
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

        _raw_shipping_address = d.pop("shippingAddress", UNSET)
        try:
            _shipping_address = _raw_shipping_address
            shipping_address: Address | Unset
            if isinstance(_shipping_address, Unset):
                shipping_address = UNSET
            else:
                shipping_address = Address.from_dict(_shipping_address)

        except (TypeError, ValueError, KeyError, AttributeError):
            shipping_address = cast(Any, _raw_shipping_address)

        _raw_tags = d.pop("tags", UNSET)
        try:
            tags = cast(list[str], _raw_tags)

        except (TypeError, ValueError, KeyError, AttributeError):
            tags = cast(Any, _raw_tags)

        _raw_created_at = d.pop("createdAt", UNSET)
        try:
            _created_at = _raw_created_at
            created_at: datetime.datetime | Unset
            if isinstance(_created_at, Unset):
                created_at = UNSET
            else:
                created_at = datetime.datetime.fromisoformat(_created_at)

        except (TypeError, ValueError, KeyError, AttributeError):
            created_at = cast(Any, _raw_created_at)

        _raw_updated_at = d.pop("updatedAt", UNSET)
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
            order_id=order_id,
            order_number=order_number,
            status=status,
            fulfillment_status=fulfillment_status,
            financial_status=financial_status,
            total=total,
            currency=currency,
            notes=notes,
            customer=customer,
            line_items=line_items,
            shipping_address=shipping_address,
            tags=tags,
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
