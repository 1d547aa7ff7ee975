# Generated from specs/salesive.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coupon import Coupon
    from ..models.customer_profile import CustomerProfile
    from ..models.order_item_populated import OrderItemPopulated
    from ..models.payment_detail import PaymentDetail
    from ..models.shipment_detail import ShipmentDetail


T = TypeVar("T", bound="OrderDetail")


@_attrs_define
class OrderDetail:
    """A fully populated order as returned by the get-by-id and update endpoints.

    Attributes:
        field_id (str | Unset):
        order_id (int | Unset):
        user (CustomerProfile | Unset): Summary of the customer (user) attached to the order.
        items (list[OrderItemPopulated] | Unset):
        status (str | Unset):
        notes (str | Unset):
        payment (None | PaymentDetail | Unset):
        coupon (Coupon | None | Unset):
        shipment (None | ShipmentDetail | Unset):
        discount (float | Unset):
        subtotal (float | Unset):
        shipping_cost (float | Unset):
        tax (float | Unset):
        source (str | Unset):
        payment_method (str | Unset):
        total (float | Unset):
        created_at (datetime.datetime | Unset):
        updated_at (datetime.datetime | Unset):
    """

    field_id: str | Unset = UNSET
    order_id: int | Unset = UNSET
    user: CustomerProfile | Unset = UNSET
    items: list[OrderItemPopulated] | Unset = UNSET
    status: str | Unset = UNSET
    notes: str | Unset = UNSET
    payment: None | PaymentDetail | Unset = UNSET
    coupon: Coupon | None | Unset = UNSET
    shipment: None | ShipmentDetail | Unset = UNSET
    discount: float | Unset = UNSET
    subtotal: float | Unset = UNSET
    shipping_cost: float | Unset = UNSET
    tax: float | Unset = UNSET
    source: str | Unset = UNSET
    payment_method: str | Unset = UNSET
    total: float | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.coupon import Coupon
        from ..models.payment_detail import PaymentDetail
        from ..models.shipment_detail import ShipmentDetail

        field_id = self.field_id

        order_id = self.order_id

        try:
            user: dict[str, Any] | Unset = UNSET
            if not isinstance(self.user, Unset):
                user = self.user.to_dict()
        except (TypeError, ValueError, AttributeError):
            user = cast(Any, self.user)

        try:
            items: list[dict[str, Any]] | Unset = UNSET
            if not isinstance(self.items, Unset):
                items = []
                for items_item_data in self.items:
                    items_item = items_item_data.to_dict()
                    items.append(items_item)
        except (TypeError, ValueError, AttributeError):
            items = cast(Any, self.items)

        status = self.status

        notes = self.notes

        try:
            payment: dict[str, Any] | None | Unset
            if isinstance(self.payment, Unset):
                payment = UNSET
            elif isinstance(self.payment, PaymentDetail):
                payment = self.payment.to_dict()
            else:
                payment = self.payment
        except (TypeError, ValueError, AttributeError):
            payment = cast(Any, self.payment)

        try:
            coupon: dict[str, Any] | None | Unset
            if isinstance(self.coupon, Unset):
                coupon = UNSET
            elif isinstance(self.coupon, Coupon):
                coupon = self.coupon.to_dict()
            else:
                coupon = self.coupon
        except (TypeError, ValueError, AttributeError):
            coupon = cast(Any, self.coupon)

        try:
            shipment: dict[str, Any] | None | Unset
            if isinstance(self.shipment, Unset):
                shipment = UNSET
            elif isinstance(self.shipment, ShipmentDetail):
                shipment = self.shipment.to_dict()
            else:
                shipment = self.shipment
        except (TypeError, ValueError, AttributeError):
            shipment = cast(Any, self.shipment)

        discount = self.discount

        subtotal = self.subtotal

        shipping_cost = self.shipping_cost

        tax = self.tax

        source = self.source

        payment_method = self.payment_method

        total = self.total

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
        if field_id is not UNSET:
            field_dict["_id"] = field_id
        if order_id is not UNSET:
            field_dict["orderId"] = order_id
        if user is not UNSET:
            field_dict["user"] = user
        if items is not UNSET:
            field_dict["items"] = items
        if status is not UNSET:
            field_dict["status"] = status
        if notes is not UNSET:
            field_dict["notes"] = notes
        if payment is not UNSET:
            field_dict["payment"] = payment
        if coupon is not UNSET:
            field_dict["coupon"] = coupon
        if shipment is not UNSET:
            field_dict["shipment"] = shipment
        if discount is not UNSET:
            field_dict["discount"] = discount
        if subtotal is not UNSET:
            field_dict["subtotal"] = subtotal
        if shipping_cost is not UNSET:
            field_dict["shippingCost"] = shipping_cost
        if tax is not UNSET:
            field_dict["tax"] = tax
        if source is not UNSET:
            field_dict["source"] = source
        if payment_method is not UNSET:
            field_dict["paymentMethod"] = payment_method
        if total is not UNSET:
            field_dict["total"] = total
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.coupon import Coupon
        from ..models.customer_profile import CustomerProfile
        from ..models.order_item_populated import OrderItemPopulated
        from ..models.payment_detail import PaymentDetail
        from ..models.shipment_detail import ShipmentDetail

        d = dict(src_dict)
        field_id = d.pop("_id", UNSET)

        order_id = d.pop("orderId", UNSET)

        _raw_user = d.pop("user", UNSET)
        try:
            _user = _raw_user
            user: CustomerProfile | Unset
            if isinstance(_user, Unset):
                user = UNSET
            else:
                user = CustomerProfile.from_dict(_user)

        except (TypeError, ValueError, KeyError, AttributeError):
            user = cast(Any, _raw_user)

        _raw_items = d.pop("items", UNSET)
        try:
            _items = _raw_items
            items: list[OrderItemPopulated] | Unset = UNSET
            if _items is not UNSET:
                items = []
                for items_item_data in _items:
                    items_item = OrderItemPopulated.from_dict(items_item_data)

                    items.append(items_item)

        except (TypeError, ValueError, KeyError, AttributeError):
            items = cast(Any, _raw_items)

        status = d.pop("status", UNSET)

        notes = d.pop("notes", UNSET)

        _raw_payment = d.pop("payment", UNSET)
        try:

            def _parse_payment(data: object) -> None | PaymentDetail | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    payment_type_0 = PaymentDetail.from_dict(data)

                    return payment_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(None | PaymentDetail | Unset, data)

            payment = _parse_payment(_raw_payment)

        except (TypeError, ValueError, KeyError, AttributeError):
            payment = cast(Any, _raw_payment)

        _raw_coupon = d.pop("coupon", UNSET)
        try:

            def _parse_coupon(data: object) -> Coupon | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    coupon_type_0 = Coupon.from_dict(data)

                    return coupon_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(Coupon | None | Unset, data)

            coupon = _parse_coupon(_raw_coupon)

        except (TypeError, ValueError, KeyError, AttributeError):
            coupon = cast(Any, _raw_coupon)

        _raw_shipment = d.pop("shipment", UNSET)
        try:

            def _parse_shipment(data: object) -> None | ShipmentDetail | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    shipment_type_0 = ShipmentDetail.from_dict(data)

                    return shipment_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(None | ShipmentDetail | Unset, data)

            shipment = _parse_shipment(_raw_shipment)

        except (TypeError, ValueError, KeyError, AttributeError):
            shipment = cast(Any, _raw_shipment)

        discount = d.pop("discount", UNSET)

        subtotal = d.pop("subtotal", UNSET)

        shipping_cost = d.pop("shippingCost", UNSET)

        tax = d.pop("tax", UNSET)

        source = d.pop("source", UNSET)

        payment_method = d.pop("paymentMethod", UNSET)

        total = d.pop("total", UNSET)

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
            field_id=field_id,
            order_id=order_id,
            user=user,
            items=items,
            status=status,
            notes=notes,
            payment=payment,
            coupon=coupon,
            shipment=shipment,
            discount=discount,
            subtotal=subtotal,
            shipping_cost=shipping_cost,
            tax=tax,
            source=source,
            payment_method=payment_method,
            total=total,
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
