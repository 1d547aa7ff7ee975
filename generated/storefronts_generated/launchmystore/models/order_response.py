# Generated from specs/launchmystore.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order import Order


T = TypeVar("T", bound="OrderResponse")


@_attrs_define
class OrderResponse:
    """Documented response envelope: `success` (whether the request succeeded) and `data` (the updated order object).

    Attributes:
        success (bool): Whether the request succeeded
        data (Order): The order object. Documented: only by the page's example response, whose fields and types are
            transcribed here. Ours: only `id` is required (the page lists no required fields), and every field marked
            `x-assumption: true` below, including all fields absent from the example.
    """

    success: bool
    data: Order
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        try:
            data = self.data.to_dict()
        except (TypeError, ValueError, AttributeError):
            data = cast(Any, self.data)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if not isinstance(success, Unset):
            field_dict["success"] = success
        if not isinstance(data, Unset):
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.order import Order

        d = dict(src_dict)
        success = d.pop("success", UNSET)

        _raw_data = d.pop("data", UNSET)
        try:
            data = Order.from_dict(_raw_data)

        except (TypeError, ValueError, KeyError, AttributeError):
            data = cast(Any, _raw_data)

        _model_instance = cls(
            success=success,
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
