# Generated from specs/salesive.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_item_populated_product_type_0 import OrderItemPopulatedProductType0
    from ..models.order_item_populated_variant_attributes import OrderItemPopulatedVariantAttributes


T = TypeVar("T", bound="OrderItemPopulated")


@_attrs_define
class OrderItemPopulated:
    """A line item where the product is populated with name and images.

    Attributes:
        field_id (str | Unset):
        product (None | OrderItemPopulatedProductType0 | Unset):
        variant (None | str | Unset):
        name (str | Unset):
        sku (str | Unset):
        price (float | Unset):
        quantity (int | Unset):
        variant_attributes (OrderItemPopulatedVariantAttributes | Unset):
        image_url (None | str | Unset):
    """

    field_id: str | Unset = UNSET
    product: None | OrderItemPopulatedProductType0 | Unset = UNSET
    variant: None | str | Unset = UNSET
    name: str | Unset = UNSET
    sku: str | Unset = UNSET
    price: float | Unset = UNSET
    quantity: int | Unset = UNSET
    variant_attributes: OrderItemPopulatedVariantAttributes | Unset = UNSET
    image_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.order_item_populated_product_type_0 import OrderItemPopulatedProductType0

        field_id = self.field_id

        try:
            product: dict[str, Any] | None | Unset
            if isinstance(self.product, Unset):
                product = UNSET
            elif isinstance(self.product, OrderItemPopulatedProductType0):
                product = self.product.to_dict()
            else:
                product = self.product
        except (TypeError, ValueError, AttributeError):
            product = cast(Any, self.product)

        variant: None | str | Unset
        if isinstance(self.variant, Unset):
            variant = UNSET
        else:
            variant = self.variant

        name = self.name

        sku = self.sku

        price = self.price

        quantity = self.quantity

        try:
            variant_attributes: dict[str, Any] | Unset = UNSET
            if not isinstance(self.variant_attributes, Unset):
                variant_attributes = self.variant_attributes.to_dict()
        except (TypeError, ValueError, AttributeError):
            variant_attributes = cast(Any, self.variant_attributes)

        image_url: None | str | Unset
        if isinstance(self.image_url, Unset):
            image_url = UNSET
        else:
            image_url = self.image_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if field_id is not UNSET:
            field_dict["_id"] = field_id
        if product is not UNSET:
            field_dict["product"] = product
        if variant is not UNSET:
            field_dict["variant"] = variant
        if name is not UNSET:
            field_dict["name"] = name
        if sku is not UNSET:
            field_dict["sku"] = sku
        if price is not UNSET:
            field_dict["price"] = price
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if variant_attributes is not UNSET:
            field_dict["variantAttributes"] = variant_attributes
        if image_url is not UNSET:
            field_dict["imageUrl"] = image_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.order_item_populated_product_type_0 import OrderItemPopulatedProductType0
        from ..models.order_item_populated_variant_attributes import OrderItemPopulatedVariantAttributes

        d = dict(src_dict)
        field_id = d.pop("_id", UNSET)

        _raw_product = d.pop("product", UNSET)
        try:

            def _parse_product(data: object) -> None | OrderItemPopulatedProductType0 | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    product_type_0 = OrderItemPopulatedProductType0.from_dict(data)

                    return product_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(None | OrderItemPopulatedProductType0 | Unset, data)

            product = _parse_product(_raw_product)

        except (TypeError, ValueError, KeyError, AttributeError):
            product = cast(Any, _raw_product)

        _raw_variant = d.pop("variant", UNSET)
        try:

            def _parse_variant(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            variant = _parse_variant(_raw_variant)

        except (TypeError, ValueError, KeyError, AttributeError):
            variant = cast(Any, _raw_variant)

        name = d.pop("name", UNSET)

        sku = d.pop("sku", UNSET)

        price = d.pop("price", UNSET)

        quantity = d.pop("quantity", UNSET)

        _raw_variant_attributes = d.pop("variantAttributes", UNSET)
        try:
            _variant_attributes = _raw_variant_attributes
            variant_attributes: OrderItemPopulatedVariantAttributes | Unset
            if isinstance(_variant_attributes, Unset):
                variant_attributes = UNSET
            else:
                variant_attributes = OrderItemPopulatedVariantAttributes.from_dict(_variant_attributes)

        except (TypeError, ValueError, KeyError, AttributeError):
            variant_attributes = cast(Any, _raw_variant_attributes)

        _raw_image_url = d.pop("imageUrl", UNSET)
        try:

            def _parse_image_url(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            image_url = _parse_image_url(_raw_image_url)

        except (TypeError, ValueError, KeyError, AttributeError):
            image_url = cast(Any, _raw_image_url)

        _model_instance = cls(
            field_id=field_id,
            product=product,
            variant=variant,
            name=name,
            sku=sku,
            price=price,
            quantity=quantity,
            variant_attributes=variant_attributes,
            image_url=image_url,
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
