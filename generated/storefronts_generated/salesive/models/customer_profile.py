# Generated from specs/salesive.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomerProfile")


@_attrs_define
class CustomerProfile:
    """Summary of the customer (user) attached to the order.

    Attributes:
        field_id (str | Unset):
        name (str | Unset):
        email (str | Unset):
        phone (str | Unset):
        customer_id (str | Unset): The store-scoped customer record id.
        last_active (datetime.datetime | Unset):
        customer_since (datetime.datetime | Unset):
    """

    field_id: str | Unset = UNSET
    name: str | Unset = UNSET
    email: str | Unset = UNSET
    phone: str | Unset = UNSET
    customer_id: str | Unset = UNSET
    last_active: datetime.datetime | Unset = UNSET
    customer_since: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_id = self.field_id

        name = self.name

        email = self.email

        phone = self.phone

        customer_id = self.customer_id

        try:
            last_active: str | Unset = UNSET
            if not isinstance(self.last_active, Unset):
                last_active = self.last_active.isoformat()
        except (TypeError, ValueError, AttributeError):
            last_active = cast(Any, self.last_active)

        try:
            customer_since: str | Unset = UNSET
            if not isinstance(self.customer_since, Unset):
                customer_since = self.customer_since.isoformat()
        except (TypeError, ValueError, AttributeError):
            customer_since = cast(Any, self.customer_since)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if field_id is not UNSET:
            field_dict["_id"] = field_id
        if name is not UNSET:
            field_dict["name"] = name
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if customer_id is not UNSET:
            field_dict["customerId"] = customer_id
        if last_active is not UNSET:
            field_dict["lastActive"] = last_active
        if customer_since is not UNSET:
            field_dict["customerSince"] = customer_since

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        field_id = d.pop("_id", UNSET)

        name = d.pop("name", UNSET)

        email = d.pop("email", UNSET)

        phone = d.pop("phone", UNSET)

        customer_id = d.pop("customerId", UNSET)

        _raw_last_active = d.pop("lastActive", UNSET)
        try:
            _last_active = _raw_last_active
            last_active: datetime.datetime | Unset
            if isinstance(_last_active, Unset):
                last_active = UNSET
            else:
                last_active = datetime.datetime.fromisoformat(_last_active)

        except (TypeError, ValueError, KeyError, AttributeError):
            last_active = cast(Any, _raw_last_active)

        _raw_customer_since = d.pop("customerSince", UNSET)
        try:
            _customer_since = _raw_customer_since
            customer_since: datetime.datetime | Unset
            if isinstance(_customer_since, Unset):
                customer_since = UNSET
            else:
                customer_since = datetime.datetime.fromisoformat(_customer_since)

        except (TypeError, ValueError, KeyError, AttributeError):
            customer_since = cast(Any, _raw_customer_since)

        _model_instance = cls(
            field_id=field_id,
            name=name,
            email=email,
            phone=phone,
            customer_id=customer_id,
            last_active=last_active,
            customer_since=customer_since,
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
