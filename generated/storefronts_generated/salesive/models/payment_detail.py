# Generated from specs/salesive.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PaymentDetail")


@_attrs_define
class PaymentDetail:
    """Full payment detail, including the transaction id.

    Attributes:
        field_id (str | Unset):
        status (str | Unset):
        amount (float | Unset):
        method (str | Unset):
        transaction_id (str | Unset):
    """

    field_id: str | Unset = UNSET
    status: str | Unset = UNSET
    amount: float | Unset = UNSET
    method: str | Unset = UNSET
    transaction_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_id = self.field_id

        status = self.status

        amount = self.amount

        method = self.method

        transaction_id = self.transaction_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if field_id is not UNSET:
            field_dict["_id"] = field_id
        if status is not UNSET:
            field_dict["status"] = status
        if amount is not UNSET:
            field_dict["amount"] = amount
        if method is not UNSET:
            field_dict["method"] = method
        if transaction_id is not UNSET:
            field_dict["transactionId"] = transaction_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        field_id = d.pop("_id", UNSET)

        status = d.pop("status", UNSET)

        amount = d.pop("amount", UNSET)

        method = d.pop("method", UNSET)

        transaction_id = d.pop("transactionId", UNSET)

        _model_instance = cls(
            field_id=field_id,
            status=status,
            amount=amount,
            method=method,
            transaction_id=transaction_id,
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
