# Generated from specs/bitbybit.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.update_order_body_financial_status import UpdateOrderBodyFinancialStatus
from ..models.update_order_body_fulfillment_status import UpdateOrderBodyFulfillmentStatus
from ..models.update_order_body_status import UpdateOrderBodyStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateOrderBody")


@_attrs_define
class UpdateOrderBody:
    """
    Attributes:
        status (UpdateOrderBodyStatus | Unset):
        fulfillment_status (UpdateOrderBodyFulfillmentStatus | Unset):
        financial_status (UpdateOrderBodyFinancialStatus | Unset):
        notes (str | Unset):
    """

    status: UpdateOrderBodyStatus | Unset = UNSET
    fulfillment_status: UpdateOrderBodyFulfillmentStatus | Unset = UNSET
    financial_status: UpdateOrderBodyFinancialStatus | Unset = UNSET
    notes: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = UpdateOrderBodyStatus(self.status).value

        fulfillment_status: str | Unset = UNSET
        if not isinstance(self.fulfillment_status, Unset):
            fulfillment_status = UpdateOrderBodyFulfillmentStatus(self.fulfillment_status).value

        financial_status: str | Unset = UNSET
        if not isinstance(self.financial_status, Unset):
            financial_status = UpdateOrderBodyFinancialStatus(self.financial_status).value

        notes = self.notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if fulfillment_status is not UNSET:
            field_dict["fulfillmentStatus"] = fulfillment_status
        if financial_status is not UNSET:
            field_dict["financialStatus"] = financial_status
        if notes is not UNSET:
            field_dict["notes"] = notes

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

        _raw_fulfillment_status = d.pop("fulfillmentStatus", UNSET)
        try:
            _fulfillment_status = _raw_fulfillment_status
            fulfillment_status: UpdateOrderBodyFulfillmentStatus | Unset
            if isinstance(_fulfillment_status, Unset):
                fulfillment_status = UNSET
            else:
                fulfillment_status = UpdateOrderBodyFulfillmentStatus(_fulfillment_status)

        except (TypeError, ValueError, KeyError, AttributeError):
            fulfillment_status = cast(Any, _raw_fulfillment_status)

        _raw_financial_status = d.pop("financialStatus", UNSET)
        try:
            _financial_status = _raw_financial_status
            financial_status: UpdateOrderBodyFinancialStatus | Unset
            if isinstance(_financial_status, Unset):
                financial_status = UNSET
            else:
                financial_status = UpdateOrderBodyFinancialStatus(_financial_status)

        except (TypeError, ValueError, KeyError, AttributeError):
            financial_status = cast(Any, _raw_financial_status)

        notes = d.pop("notes", UNSET)

        _model_instance = cls(
            status=status,
            fulfillment_status=fulfillment_status,
            financial_status=financial_status,
            notes=notes,
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
