# Generated from specs/salesive.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.shipment_detail_shipping_address import ShipmentDetailShippingAddress
    from ..models.shipment_detail_shipping_option import ShipmentDetailShippingOption
    from ..models.shipment_detail_tracking_history_item import ShipmentDetailTrackingHistoryItem


T = TypeVar("T", bound="ShipmentDetail")


@_attrs_define
class ShipmentDetail:
    """Full shipment detail with tracking, address and shipping option.

    Attributes:
        field_id (str | Unset):
        status (str | Unset):
        carrier (None | str | Unset):
        tracking_number (None | str | Unset):
        tracking_url (None | str | Unset):
        tracking_history (list[ShipmentDetailTrackingHistoryItem] | Unset):
        estimated_delivery (datetime.datetime | None | Unset):
        shipping_address (ShipmentDetailShippingAddress | Unset):
        shipping_option (ShipmentDetailShippingOption | Unset):
    """

    field_id: str | Unset = UNSET
    status: str | Unset = UNSET
    carrier: None | str | Unset = UNSET
    tracking_number: None | str | Unset = UNSET
    tracking_url: None | str | Unset = UNSET
    tracking_history: list[ShipmentDetailTrackingHistoryItem] | Unset = UNSET
    estimated_delivery: datetime.datetime | None | Unset = UNSET
    shipping_address: ShipmentDetailShippingAddress | Unset = UNSET
    shipping_option: ShipmentDetailShippingOption | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_id = self.field_id

        status = self.status

        carrier: None | str | Unset
        if isinstance(self.carrier, Unset):
            carrier = UNSET
        else:
            carrier = self.carrier

        tracking_number: None | str | Unset
        if isinstance(self.tracking_number, Unset):
            tracking_number = UNSET
        else:
            tracking_number = self.tracking_number

        tracking_url: None | str | Unset
        if isinstance(self.tracking_url, Unset):
            tracking_url = UNSET
        else:
            tracking_url = self.tracking_url

        try:
            tracking_history: list[dict[str, Any]] | Unset = UNSET
            if not isinstance(self.tracking_history, Unset):
                tracking_history = []
                for tracking_history_item_data in self.tracking_history:
                    tracking_history_item = tracking_history_item_data.to_dict()
                    tracking_history.append(tracking_history_item)
        except (TypeError, ValueError, AttributeError):
            tracking_history = cast(Any, self.tracking_history)

        try:
            estimated_delivery: None | str | Unset
            if isinstance(self.estimated_delivery, Unset):
                estimated_delivery = UNSET
            elif isinstance(self.estimated_delivery, datetime.datetime):
                estimated_delivery = self.estimated_delivery.isoformat()
            else:
                estimated_delivery = self.estimated_delivery
        except (TypeError, ValueError, AttributeError):
            estimated_delivery = cast(Any, self.estimated_delivery)

        try:
            shipping_address: dict[str, Any] | Unset = UNSET
            if not isinstance(self.shipping_address, Unset):
                shipping_address = self.shipping_address.to_dict()
        except (TypeError, ValueError, AttributeError):
            shipping_address = cast(Any, self.shipping_address)

        try:
            shipping_option: dict[str, Any] | Unset = UNSET
            if not isinstance(self.shipping_option, Unset):
                shipping_option = self.shipping_option.to_dict()
        except (TypeError, ValueError, AttributeError):
            shipping_option = cast(Any, self.shipping_option)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if field_id is not UNSET:
            field_dict["_id"] = field_id
        if status is not UNSET:
            field_dict["status"] = status
        if carrier is not UNSET:
            field_dict["carrier"] = carrier
        if tracking_number is not UNSET:
            field_dict["trackingNumber"] = tracking_number
        if tracking_url is not UNSET:
            field_dict["trackingUrl"] = tracking_url
        if tracking_history is not UNSET:
            field_dict["trackingHistory"] = tracking_history
        if estimated_delivery is not UNSET:
            field_dict["estimatedDelivery"] = estimated_delivery
        if shipping_address is not UNSET:
            field_dict["shippingAddress"] = shipping_address
        if shipping_option is not UNSET:
            field_dict["shippingOption"] = shipping_option

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.shipment_detail_shipping_address import ShipmentDetailShippingAddress
        from ..models.shipment_detail_shipping_option import ShipmentDetailShippingOption
        from ..models.shipment_detail_tracking_history_item import ShipmentDetailTrackingHistoryItem

        d = dict(src_dict)
        field_id = d.pop("_id", UNSET)

        status = d.pop("status", UNSET)

        _raw_carrier = d.pop("carrier", UNSET)
        try:

            def _parse_carrier(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            carrier = _parse_carrier(_raw_carrier)

        except (TypeError, ValueError, KeyError, AttributeError):
            carrier = cast(Any, _raw_carrier)

        _raw_tracking_number = d.pop("trackingNumber", UNSET)
        try:

            def _parse_tracking_number(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            tracking_number = _parse_tracking_number(_raw_tracking_number)

        except (TypeError, ValueError, KeyError, AttributeError):
            tracking_number = cast(Any, _raw_tracking_number)

        _raw_tracking_url = d.pop("trackingUrl", UNSET)
        try:

            def _parse_tracking_url(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            tracking_url = _parse_tracking_url(_raw_tracking_url)

        except (TypeError, ValueError, KeyError, AttributeError):
            tracking_url = cast(Any, _raw_tracking_url)

        _raw_tracking_history = d.pop("trackingHistory", UNSET)
        try:
            _tracking_history = _raw_tracking_history
            tracking_history: list[ShipmentDetailTrackingHistoryItem] | Unset = UNSET
            if _tracking_history is not UNSET:
                tracking_history = []
                for tracking_history_item_data in _tracking_history:
                    tracking_history_item = ShipmentDetailTrackingHistoryItem.from_dict(tracking_history_item_data)

                    tracking_history.append(tracking_history_item)

        except (TypeError, ValueError, KeyError, AttributeError):
            tracking_history = cast(Any, _raw_tracking_history)

        _raw_estimated_delivery = d.pop("estimatedDelivery", UNSET)
        try:

            def _parse_estimated_delivery(data: object) -> datetime.datetime | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    estimated_delivery_type_0 = datetime.datetime.fromisoformat(data)

                    return estimated_delivery_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(datetime.datetime | None | Unset, data)

            estimated_delivery = _parse_estimated_delivery(_raw_estimated_delivery)

        except (TypeError, ValueError, KeyError, AttributeError):
            estimated_delivery = cast(Any, _raw_estimated_delivery)

        _raw_shipping_address = d.pop("shippingAddress", UNSET)
        try:
            _shipping_address = _raw_shipping_address
            shipping_address: ShipmentDetailShippingAddress | Unset
            if isinstance(_shipping_address, Unset):
                shipping_address = UNSET
            else:
                shipping_address = ShipmentDetailShippingAddress.from_dict(_shipping_address)

        except (TypeError, ValueError, KeyError, AttributeError):
            shipping_address = cast(Any, _raw_shipping_address)

        _raw_shipping_option = d.pop("shippingOption", UNSET)
        try:
            _shipping_option = _raw_shipping_option
            shipping_option: ShipmentDetailShippingOption | Unset
            if isinstance(_shipping_option, Unset):
                shipping_option = UNSET
            else:
                shipping_option = ShipmentDetailShippingOption.from_dict(_shipping_option)

        except (TypeError, ValueError, KeyError, AttributeError):
            shipping_option = cast(Any, _raw_shipping_option)

        _model_instance = cls(
            field_id=field_id,
            status=status,
            carrier=carrier,
            tracking_number=tracking_number,
            tracking_url=tracking_url,
            tracking_history=tracking_history,
            estimated_delivery=estimated_delivery,
            shipping_address=shipping_address,
            shipping_option=shipping_option,
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
