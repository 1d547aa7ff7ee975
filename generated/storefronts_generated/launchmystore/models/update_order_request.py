# Generated from specs/launchmystore.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address_input import AddressInput
    from ..models.note_attribute import NoteAttribute


T = TypeVar("T", bound="UpdateOrderRequest")


@_attrs_define
class UpdateOrderRequest:
    """The fields of an order that can be changed after creation. Documented: "Only certain fields can be modified after
    order creation", and the seven body fields below; financial status and fulfillment status cannot be changed here
    (payments/refunds and the Fulfill Order endpoint manage them), nor can line items. Ours: `additionalProperties:
    false`, so the client cannot send a field the page does not list; no field is required, because the page marks none
    as required and its example sends only some of them.

        Attributes:
            note (str | Unset): Order notes
            tags (list[str] | Unset): Array of tags. Documented: the array REPLACES the order's existing tags (send every
                tag the order should keep). Ours: the items are strings. The page's curl sample shows `[{}]`, but its prose
                request example and its example response both show strings (`["VIP", "priority"]`).
            email (str | Unset): Customer email address
            phone (str | Unset): Customer phone number
            shipping_address (AddressInput | Unset): An address sent in an update. The fields are those of the page's curl
                sample; the page marks none as required and its example sends only some of them.
            billing_address (AddressInput | Unset): An address sent in an update. The fields are those of the page's curl
                sample; the page marks none as required and its example sends only some of them.
            note_attributes (list[NoteAttribute] | Unset): Additional order attributes
    """

    note: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    email: str | Unset = UNSET
    phone: str | Unset = UNSET
    shipping_address: AddressInput | Unset = UNSET
    billing_address: AddressInput | Unset = UNSET
    note_attributes: list[NoteAttribute] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        note = self.note

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        email = self.email

        phone = self.phone

        shipping_address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.shipping_address, Unset):
            shipping_address = self.shipping_address.to_dict()

        billing_address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.billing_address, Unset):
            billing_address = self.billing_address.to_dict()

        note_attributes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.note_attributes, Unset):
            note_attributes = []
            for note_attributes_item_data in self.note_attributes:
                note_attributes_item = note_attributes_item_data.to_dict()
                note_attributes.append(note_attributes_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if note is not UNSET:
            field_dict["note"] = note
        if tags is not UNSET:
            field_dict["tags"] = tags
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if shipping_address is not UNSET:
            field_dict["shipping_address"] = shipping_address
        if billing_address is not UNSET:
            field_dict["billing_address"] = billing_address
        if note_attributes is not UNSET:
            field_dict["note_attributes"] = note_attributes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.address_input import AddressInput
        from ..models.note_attribute import NoteAttribute

        d = dict(src_dict)
        note = d.pop("note", UNSET)

        _raw_tags = d.pop("tags", UNSET)
        try:
            tags = cast(list[str], _raw_tags)

        except (TypeError, ValueError, KeyError, AttributeError):
            tags = cast(Any, _raw_tags)

        email = d.pop("email", UNSET)

        phone = d.pop("phone", UNSET)

        _raw_shipping_address = d.pop("shipping_address", UNSET)
        try:
            _shipping_address = _raw_shipping_address
            shipping_address: AddressInput | Unset
            if isinstance(_shipping_address, Unset):
                shipping_address = UNSET
            else:
                shipping_address = AddressInput.from_dict(_shipping_address)

        except (TypeError, ValueError, KeyError, AttributeError):
            shipping_address = cast(Any, _raw_shipping_address)

        _raw_billing_address = d.pop("billing_address", UNSET)
        try:
            _billing_address = _raw_billing_address
            billing_address: AddressInput | Unset
            if isinstance(_billing_address, Unset):
                billing_address = UNSET
            else:
                billing_address = AddressInput.from_dict(_billing_address)

        except (TypeError, ValueError, KeyError, AttributeError):
            billing_address = cast(Any, _raw_billing_address)

        _raw_note_attributes = d.pop("note_attributes", UNSET)
        try:
            _note_attributes = _raw_note_attributes
            note_attributes: list[NoteAttribute] | Unset = UNSET
            if _note_attributes is not UNSET:
                note_attributes = []
                for note_attributes_item_data in _note_attributes:
                    note_attributes_item = NoteAttribute.from_dict(note_attributes_item_data)

                    note_attributes.append(note_attributes_item)

        except (TypeError, ValueError, KeyError, AttributeError):
            note_attributes = cast(Any, _raw_note_attributes)

        _model_instance = cls(
            note=note,
            tags=tags,
            email=email,
            phone=phone,
            shipping_address=shipping_address,
            billing_address=billing_address,
            note_attributes=note_attributes,
        )

        return _model_instance
