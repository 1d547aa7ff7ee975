# Generated from specs/launchmystore.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_info import ErrorInfo


T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """Error body. Documented: only the error codes (see `ErrorCode`). Ours: the whole shape, `{success: false, error:
    {code, message, details?}}`, modelled on the documented success envelope.

        Attributes:
            success (bool): Always false for an error.
            error (ErrorInfo): What went wrong. Not documented on the page; the shape is ours.
    """

    success: bool
    error: ErrorInfo
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        try:
            error = self.error.to_dict()
        except (TypeError, ValueError, AttributeError):
            error = cast(Any, self.error)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if not isinstance(success, Unset):
            field_dict["success"] = success
        if not isinstance(error, Unset):
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_info import ErrorInfo

        d = dict(src_dict)
        success = d.pop("success", UNSET)

        _raw_error = d.pop("error", UNSET)
        try:
            error = ErrorInfo.from_dict(_raw_error)

        except (TypeError, ValueError, KeyError, AttributeError):
            error = cast(Any, _raw_error)

        _model_instance = cls(
            success=success,
            error=error,
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
