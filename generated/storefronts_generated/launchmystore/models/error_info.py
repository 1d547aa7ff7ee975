# Generated from specs/launchmystore.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_detail import ErrorDetail


T = TypeVar("T", bound="ErrorInfo")


@_attrs_define
class ErrorInfo:
    """What went wrong. Not documented on the page; the shape is ours.

    Attributes:
        code (ErrorCode): Documented: these five codes and their meanings. UNAUTHORIZED: invalid or missing access
            token. FORBIDDEN: app doesn't have write_orders scope. NOT_FOUND: order with the specified ID does not exist.
            VALIDATION_ERROR: invalid request body. ORDER_CLOSED: cannot modify a closed or cancelled order. Ours: that they
            are the values of `error.code`, and that the list is closed.
        message (str): Human-readable error message.
        details (list[ErrorDetail] | Unset): Per-field problems, for VALIDATION_ERROR.
    """

    code: ErrorCode | str
    message: str
    details: list[ErrorDetail] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        try:
            code = ErrorCode(self.code).value
        except (TypeError, ValueError, AttributeError):
            code = cast(Any, self.code)

        message = self.message

        try:
            details: list[dict[str, Any]] | Unset = UNSET
            if not isinstance(self.details, Unset):
                details = []
                for details_item_data in self.details:
                    details_item = details_item_data.to_dict()
                    details.append(details_item)
        except (TypeError, ValueError, AttributeError):
            details = cast(Any, self.details)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if not isinstance(code, Unset):
            field_dict["code"] = code
        if not isinstance(message, Unset):
            field_dict["message"] = message
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_detail import ErrorDetail

        d = dict(src_dict)
        _raw_code = d.pop("code", UNSET)
        try:
            code = ErrorCode(_raw_code)

        except (TypeError, ValueError, KeyError, AttributeError):
            code = cast(Any, _raw_code)

        message = d.pop("message", UNSET)

        _raw_details = d.pop("details", UNSET)
        try:
            _details = _raw_details
            details: list[ErrorDetail] | Unset = UNSET
            if _details is not UNSET:
                details = []
                for details_item_data in _details:
                    details_item = ErrorDetail.from_dict(details_item_data)

                    details.append(details_item)

        except (TypeError, ValueError, KeyError, AttributeError):
            details = cast(Any, _raw_details)

        _model_instance = cls(
            code=code,
            message=message,
            details=details,
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
