# Generated from specs/bitbybit.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
"""Contains all the data models used in inputs/outputs"""

from .address import Address
from .error import Error
from .error_error import ErrorError
from .line_item import LineItem
from .order import Order
from .order_customer import OrderCustomer
from .order_financial_status import OrderFinancialStatus
from .order_fulfillment_status import OrderFulfillmentStatus
from .order_status import OrderStatus
from .product_variant import ProductVariant
from .update_order_body import UpdateOrderBody
from .update_order_body_financial_status import UpdateOrderBodyFinancialStatus
from .update_order_body_fulfillment_status import UpdateOrderBodyFulfillmentStatus
from .update_order_body_status import UpdateOrderBodyStatus
from .update_order_response_200 import UpdateOrderResponse200

__all__ = (
    "Address",
    "Error",
    "ErrorError",
    "LineItem",
    "Order",
    "OrderCustomer",
    "OrderFinancialStatus",
    "OrderFulfillmentStatus",
    "OrderStatus",
    "ProductVariant",
    "UpdateOrderBody",
    "UpdateOrderBodyFinancialStatus",
    "UpdateOrderBodyFulfillmentStatus",
    "UpdateOrderBodyStatus",
    "UpdateOrderResponse200",
)
