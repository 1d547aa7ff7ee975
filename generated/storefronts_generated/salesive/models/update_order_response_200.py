# Generated from specs/salesive.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_detail import OrderDetail


T = TypeVar("T", bound="UpdateOrderResponse200")


@_attrs_define
class UpdateOrderResponse200:
    """
    Attributes:
        status (int): HTTP status code, echoed in the body.
        success (bool): Whether the request succeeded.
        message (str): Human-readable result message.
        data (OrderDetail | Unset): A fully populated order as returned by the get-by-id and update endpoints.
    """

    status: int
    success: bool
    message: str
    data: OrderDetail | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        success = self.success

        message = self.message

        try:
            data: dict[str, Any] | Unset = UNSET
            if not isinstance(self.data, Unset):
                data = self.data.to_dict()
        except (TypeError, ValueError, AttributeError):
            data = cast(Any, self.data)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if not isinstance(status, Unset):
            field_dict["status"] = status
        if not isinstance(success, Unset):
            field_dict["success"] = success
        if not isinstance(message, Unset):
            field_dict["message"] = message
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.order_detail import OrderDetail

        d = dict(src_dict)
        status = d.pop("status", UNSET)

        success = d.pop("success", UNSET)

        message = d.pop("message", UNSET)

        _raw_data = d.pop("data", UNSET)
        try:
            _data = _raw_data
            data: OrderDetail | Unset
            if isinstance(_data, Unset):
                data = UNSET
            else:
                data = OrderDetail.from_dict(_data)

        except (TypeError, ValueError, KeyError, AttributeError):
            data = cast(Any, _raw_data)

        _model_instance = cls(
            status=status,
            success=success,
            message=message,
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
