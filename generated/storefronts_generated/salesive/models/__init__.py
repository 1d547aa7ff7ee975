# Generated from specs/salesive.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
"""Contains all the data models used in inputs/outputs"""

from .coupon import Coupon
from .customer_profile import CustomerProfile
from .envelope import Envelope
from .envelope_base import EnvelopeBase
from .order_detail import OrderDetail
from .order_item_populated import OrderItemPopulated
from .order_item_populated_product_type_0 import OrderItemPopulatedProductType0
from .order_item_populated_variant_attributes import OrderItemPopulatedVariantAttributes
from .payment_detail import PaymentDetail
from .shipment_detail import ShipmentDetail
from .shipment_detail_shipping_address import ShipmentDetailShippingAddress
from .shipment_detail_shipping_option import ShipmentDetailShippingOption
from .shipment_detail_tracking_history_item import ShipmentDetailTrackingHistoryItem
from .update_order_body import UpdateOrderBody
from .update_order_body_status import UpdateOrderBodyStatus
from .update_order_response_200 import UpdateOrderResponse200

__all__ = (
    "Coupon",
    "CustomerProfile",
    "Envelope",
    "EnvelopeBase",
    "OrderDetail",
    "OrderItemPopulated",
    "OrderItemPopulatedProductType0",
    "OrderItemPopulatedVariantAttributes",
    "PaymentDetail",
    "ShipmentDetail",
    "ShipmentDetailShippingAddress",
    "ShipmentDetailShippingOption",
    "ShipmentDetailTrackingHistoryItem",
    "UpdateOrderBody",
    "UpdateOrderBodyStatus",
    "UpdateOrderResponse200",
)
