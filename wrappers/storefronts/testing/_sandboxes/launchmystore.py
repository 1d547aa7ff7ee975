"""LaunchMyStore's sandbox: ``Authorization: Bearer`` with scopes, ``{success, data}`` and ``{success: false,
error}`` bodies, 422 with per-field details, and no update of a closed order. Seed orders derive from the spec's
example."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, ClassVar

from .._specs import Problem, success_example
from .._vendors import Order, Reply, VendorSandbox, _bearer_token, _same_secret

__all__ = ["LaunchMyStore"]


class LaunchMyStore(VendorSandbox):
    """LaunchMyStore: ``Authorization: Bearer``, ``{success, data}`` / ``{success: false, error}`` bodies, tags
    replaced rather than merged, addresses merged field by field, and no update of a cancelled or closed order."""

    name = "launchmystore"
    default_scopes = frozenset({"read_orders", "write_orders"})
    write_scope = "write_orders"
    # Our spec: VALIDATION_ERROR is a 422 and lists per-field details; unknown fields are rejected
    # (additionalProperties: false), so nothing is ever silently ignored.
    validation_status = 422
    updated_field = "updated_at"
    timestamp_resolution = timedelta(seconds=1)
    #: Order statuses that make an order closed (ORDER_CLOSED: "cannot modify a closed or cancelled order").
    closed_statuses: ClassVar[frozenset[str]] = frozenset({"cancelled", "canceled", "closed"})

    def error(self, status: int, code: str, message: str, details: list[Problem] | None = None) -> Reply:
        info: dict[str, Any] = {"code": code, "message": message}
        if details:
            info["details"] = [{"field": problem.field, "message": problem.message} for problem in details]
        return Reply(status, {"success": False, "error": info})

    def authenticate(self, headers: Mapping[str, str]) -> Reply | None:
        token = _bearer_token(headers)
        if token is None or not _same_secret(token, self.api_key):
            return self.error(401, "UNAUTHORIZED", "Invalid or missing access token")
        return None

    def forbidden(self) -> Reply:
        return self.error(403, "FORBIDDEN", "App doesn't have write_orders scope")

    def not_found(self, order_id: str) -> Reply:
        return self.error(404, "NOT_FOUND", "Order with the specified ID does not exist")

    def invalid(self, problems: list[Problem]) -> Reply:
        return self.error(self.validation_status, "VALIDATION_ERROR", "Invalid request body", problems)

    def refuse(self, order: Order) -> Reply | None:
        if str(order.get("status", "")).lower() in self.closed_statuses:
            return self.error(409, "ORDER_CLOSED", "Cannot modify a closed or cancelled order")
        return None

    def ignored_fields(self, body: Any) -> tuple[str, ...]:
        return ()  # unknown fields are rejected with 422, never ignored

    def seed_orders(self) -> dict[str, Order]:
        example = copy.deepcopy(success_example(self.name)["data"])
        john = {
            "id": "cus_7001",
            "first_name": "John",
            "last_name": "Doe",
            "email": example["email"],
            "phone": "+13105550142",
        }
        confirmed = example | {
            "phone": "+13105550142",
            "customer": john,
            "billing_address": example["shipping_address"] | {"company": None, "phone": "+13105550142"},
            "note_attributes": [{"name": "gift_wrap", "value": "yes"}],
            "line_items": [
                {"id": "li_5001", "title": "Classic Tee - Navy / M", "quantity": 2, "price": 25.0, "sku": "TEE-NV-M"}
            ],
            "currency": "USD",
            "subtotal_price": 50.0,
            "total_discounts": 0.0,
            "total_shipping": 5.0,
            "total_tax": 4.5,
            "total_price": 59.5,
        }
        guest: Order = {
            "id": "ord_def456",
            "order_number": 1002,
            "email": "jane.roe@example.com",
            "phone": None,
            "status": "confirmed",
            "financial_status": "pending",
            "fulfillment_status": None,
            "note": None,
            "tags": [],
            "note_attributes": [],
            "shipping_address": None,
            "billing_address": None,
            "customer": None,
            "line_items": [{"id": "li_5002", "title": "Canvas Tote", "quantity": 1, "price": 18.0, "sku": None}],
            "currency": "USD",
            "subtotal_price": 18.0,
            "total_discounts": 0.0,
            "total_shipping": 0.0,
            "total_tax": 1.62,
            "total_price": 19.62,
            "created_at": "2024-01-22T09:05:00Z",
            "updated_at": "2024-01-22T09:05:00Z",
        }
        cancelled = copy.deepcopy(confirmed) | {
            "id": "ord_ghi789",
            "order_number": 1003,
            "status": "cancelled",
            "financial_status": "refunded",
            "fulfillment_status": "unfulfilled",
            "note": "Cancelled at the customer's request",
            "tags": ["cancelled"],
            "note_attributes": [],
            "created_at": "2024-01-23T11:00:00Z",
            "updated_at": "2024-01-23T12:30:00Z",
        }
        return {order["id"]: order for order in (confirmed, guest, cancelled)}

    def apply(self, order: Order, body: Mapping[str, Any]) -> None:
        for field in ("note", "email", "phone"):
            if field in body:
                order[field] = body[field]
        for field in ("tags", "note_attributes"):  # documented: the array replaces the existing one
            if field in body:
                order[field] = copy.deepcopy(body[field])
        for field in ("shipping_address", "billing_address"):  # the fields sent change; the others stay
            if field in body:
                order[field] = {**(order.get(field) or {}), **body[field]}

    def updated(self, order: Order) -> Reply:
        return Reply(200, {"success": True, "data": order})
