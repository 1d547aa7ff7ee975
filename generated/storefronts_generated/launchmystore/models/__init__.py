# Generated from specs/launchmystore.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
"""Contains all the data models used in inputs/outputs"""

from .address import Address
from .address_input import AddressInput
from .customer import Customer
from .error import Error
from .error_code import ErrorCode
from .error_detail import ErrorDetail
from .error_info import ErrorInfo
from .financial_status import FinancialStatus
from .fulfillment_status import FulfillmentStatus
from .line_item import LineItem
from .note_attribute import NoteAttribute
from .order import Order
from .order_response import OrderResponse
from .update_order_request import UpdateOrderRequest

__all__ = (
    "Address",
    "AddressInput",
    "Customer",
    "Error",
    "ErrorCode",
    "ErrorDetail",
    "ErrorInfo",
    "FinancialStatus",
    "FulfillmentStatus",
    "LineItem",
    "NoteAttribute",
    "Order",
    "OrderResponse",
    "UpdateOrderRequest",
)
