# Generated from specs/bitbybit.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.product_variant import ProductVariant


T = TypeVar("T", bound="LineItem")


@_attrs_define
class LineItem:
    """
    Attributes:
        id (str | Unset):
        quantity (int | Unset):
        price (float | Unset):
        title (str | Unset):
        product_variant (ProductVariant | Unset):
    """

    id: str | Unset = UNSET
    quantity: int | Unset = UNSET
    price: float | Unset = UNSET
    title: str | Unset = UNSET
    product_variant: ProductVariant | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        quantity = self.quantity

        price = self.price

        title = self.title

        try:
            product_variant: dict[str, Any] | Unset = UNSET
            if not isinstance(self.product_variant, Unset):
                product_variant = self.product_variant.to_dict()
        except (TypeError, ValueError, AttributeError):
            product_variant = cast(Any, self.product_variant)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if id is not UNSET:
            field_dict["id"] = id
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if price is not UNSET:
            field_dict["price"] = price
        if title is not UNSET:
            field_dict["title"] = title
        if product_variant is not UNSET:
            field_dict["productVariant"] = product_variant

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.product_variant import ProductVariant

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        quantity = d.pop("quantity", UNSET)

        price = d.pop("price", UNSET)

        title = d.pop("title", UNSET)

        _raw_product_variant = d.pop("productVariant", UNSET)
        try:
            _product_variant = _raw_product_variant
            product_variant: ProductVariant | Unset
            if isinstance(_product_variant, Unset):
                product_variant = UNSET
            else:
                product_variant = ProductVariant.from_dict(_product_variant)

        except (TypeError, ValueError, KeyError, AttributeError):
            product_variant = cast(Any, _raw_product_variant)

        _model_instance = cls(
            id=id,
            quantity=quantity,
            price=price,
            title=title,
            product_variant=product_variant,
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
