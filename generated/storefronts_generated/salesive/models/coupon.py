# Generated from specs/salesive.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Coupon")


@_attrs_define
class Coupon:
    """Coupon applied to the order.

    Attributes:
        field_id (str | Unset):
        code (str | Unset):
        discount_type (str | Unset):
        discount_value (float | Unset):
    """

    field_id: str | Unset = UNSET
    code: str | Unset = UNSET
    discount_type: str | Unset = UNSET
    discount_value: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_id = self.field_id

        code = self.code

        discount_type = self.discount_type

        discount_value = self.discount_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if field_id is not UNSET:
            field_dict["_id"] = field_id
        if code is not UNSET:
            field_dict["code"] = code
        if discount_type is not UNSET:
            field_dict["discountType"] = discount_type
        if discount_value is not UNSET:
            field_dict["discountValue"] = discount_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        field_id = d.pop("_id", UNSET)

        code = d.pop("code", UNSET)

        discount_type = d.pop("discountType", UNSET)

        discount_value = d.pop("discountValue", UNSET)

        _model_instance = cls(
            field_id=field_id,
            code=code,
            discount_type=discount_type,
            discount_value=discount_value,
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
