# Generated from specs/bitbybit.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProductVariant")


@_attrs_define
class ProductVariant:
    """
    Attributes:
        id (str | Unset):
        key (str | Unset):
        price (float | Unset):
        compare_at_price (float | None | Unset):
        inventory_sku (None | str | Unset):
        media (None | str | Unset):
    """

    id: str | Unset = UNSET
    key: str | Unset = UNSET
    price: float | Unset = UNSET
    compare_at_price: float | None | Unset = UNSET
    inventory_sku: None | str | Unset = UNSET
    media: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        key = self.key

        price = self.price

        compare_at_price: float | None | Unset
        if isinstance(self.compare_at_price, Unset):
            compare_at_price = UNSET
        else:
            compare_at_price = self.compare_at_price

        inventory_sku: None | str | Unset
        if isinstance(self.inventory_sku, Unset):
            inventory_sku = UNSET
        else:
            inventory_sku = self.inventory_sku

        media: None | str | Unset
        if isinstance(self.media, Unset):
            media = UNSET
        else:
            media = self.media

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if id is not UNSET:
            field_dict["id"] = id
        if key is not UNSET:
            field_dict["key"] = key
        if price is not UNSET:
            field_dict["price"] = price
        if compare_at_price is not UNSET:
            field_dict["compareAtPrice"] = compare_at_price
        if inventory_sku is not UNSET:
            field_dict["inventorySku"] = inventory_sku
        if media is not UNSET:
            field_dict["media"] = media

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        key = d.pop("key", UNSET)

        price = d.pop("price", UNSET)

        _raw_compare_at_price = d.pop("compareAtPrice", UNSET)
        try:

            def _parse_compare_at_price(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(float | None | Unset, data)

            compare_at_price = _parse_compare_at_price(_raw_compare_at_price)

        except (TypeError, ValueError, KeyError, AttributeError):
            compare_at_price = cast(Any, _raw_compare_at_price)

        _raw_inventory_sku = d.pop("inventorySku", UNSET)
        try:

            def _parse_inventory_sku(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            inventory_sku = _parse_inventory_sku(_raw_inventory_sku)

        except (TypeError, ValueError, KeyError, AttributeError):
            inventory_sku = cast(Any, _raw_inventory_sku)

        _raw_media = d.pop("media", UNSET)
        try:

            def _parse_media(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            media = _parse_media(_raw_media)

        except (TypeError, ValueError, KeyError, AttributeError):
            media = cast(Any, _raw_media)

        _model_instance = cls(
            id=id,
            key=key,
            price=price,
            compare_at_price=compare_at_price,
            inventory_sku=inventory_sku,
            media=media,
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
