# Generated from specs/salesive.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.update_order_body_status import UpdateOrderBodyStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateOrderBody")


@_attrs_define
class UpdateOrderBody:
    """
    Attributes:
        status (UpdateOrderBodyStatus | Unset): New order status.
        notes (str | Unset): Internal order notes.
        shipping_cost (float | Unset): Shipping cost for the order.
        discount (float | Unset): Order-level discount amount.
    """

    status: UpdateOrderBodyStatus | Unset = UNSET
    notes: str | Unset = UNSET
    shipping_cost: float | Unset = UNSET
    discount: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = UpdateOrderBodyStatus(self.status).value

        notes = self.notes

        shipping_cost = self.shipping_cost

        discount = self.discount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if notes is not UNSET:
            field_dict["notes"] = notes
        if shipping_cost is not UNSET:
            field_dict["shippingCost"] = shipping_cost
        if discount is not UNSET:
            field_dict["discount"] = discount

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _raw_status = d.pop("status", UNSET)
        try:
            _status = _raw_status
            status: UpdateOrderBodyStatus | Unset
            if isinstance(_status, Unset):
                status = UNSET
            else:
                status = UpdateOrderBodyStatus(_status)

        except (TypeError, ValueError, KeyError, AttributeError):
            status = cast(Any, _raw_status)

        notes = d.pop("notes", UNSET)

        shipping_cost = d.pop("shippingCost", UNSET)

        discount = d.pop("discount", UNSET)

        _model_instance = cls(
            status=status,
            notes=notes,
            shipping_cost=shipping_cost,
            discount=discount,
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
