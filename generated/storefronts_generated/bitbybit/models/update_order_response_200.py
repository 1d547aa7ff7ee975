# Generated from specs/bitbybit.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order import Order


T = TypeVar("T", bound="UpdateOrderResponse200")


@_attrs_define
class UpdateOrderResponse200:
    """
    Attributes:
        data (Order | Unset):
    """

    data: Order | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        try:
            data: dict[str, Any] | Unset = UNSET
            if not isinstance(self.data, Unset):
                data = self.data.to_dict()
        except (TypeError, ValueError, AttributeError):
            data = cast(Any, self.data)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.order import Order

        d = dict(src_dict)
        _raw_data = d.pop("data", UNSET)
        try:
            _data = _raw_data
            data: Order | Unset
            if isinstance(_data, Unset):
                data = UNSET
            else:
                data = Order.from_dict(_data)

        except (TypeError, ValueError, KeyError, AttributeError):
            data = cast(Any, _raw_data)

        _model_instance = cls(
            data=data,
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
