"""Salesive's sandbox: ``Authorization: Bearer app_...`` with OAuth scopes, its ``{status, success, message,
data}`` envelope, and a whitelist of the body fields it applies. Seed orders derive from the spec's example."""

from __future__ import annotations

import copy
import secrets
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .._specs import Problem, success_example
from .._vendors import Order, Reply, VendorSandbox, _bearer_token, _same_secret

__all__ = ["Salesive"]


def _money_sum(*terms: Any) -> int | float:
    """Exact decimal arithmetic on JSON numbers: an int when every term is one, a float otherwise."""
    total = sum((Decimal(str(term)) for term in terms), Decimal(0))
    return int(total) if all(isinstance(term, int) for term in terms) else float(total)


class Salesive(VendorSandbox):
    """Salesive: ``Authorization: Bearer app_...`` with OAuth scopes, everything in its ``{status, success,
    message, data}`` envelope, and a whitelist: body fields other than the four it documents are ignored."""

    name = "salesive"
    default_scopes = frozenset({"READ_ORDERS", "WRITE_ORDERS"})
    write_scope = "WRITE_ORDERS"
    validation_status = 400
    _TOKEN_PREFIX = "app_"  # noqa: S105 - the documented prefix of every app token, not a secret

    @classmethod
    def new_api_key(cls) -> str:
        return f"{cls._TOKEN_PREFIX}{secrets.token_hex(24)}"

    def check_api_key(self, api_key: str) -> None:
        super().check_api_key(api_key)
        if not api_key.startswith(self._TOKEN_PREFIX):
            raise ValueError(f"Salesive app tokens start with {self._TOKEN_PREFIX!r}")

    def error(self, status: int, code: str, message: str, details: list[Problem] | None = None) -> Reply:
        return Reply(status, {"status": status, "success": False, "message": message, "data": None})

    def authenticate(self, headers: Mapping[str, str]) -> Reply | None:
        token = _bearer_token(headers)
        if token is None:
            return self.error(401, "UNAUTHORIZED", "Authentication required")
        if not _same_secret(token, self.api_key):
            return self.error(401, "UNAUTHORIZED", "Invalid or expired app token")
        return None

    def not_found(self, order_id: str) -> Reply:
        return self.error(404, "NOT_FOUND", "Order not found")

    def seed_orders(self) -> dict[str, Order]:
        example = copy.deepcopy(success_example(self.name)["data"])
        ada = example["user"]
        pending = copy.deepcopy(example) | {
            "_id": "66b1f2c4d5e6f7a8b9c0d1e2",
            "orderId": 1043,
            "items": [
                {
                    "_id": "66b1f2c4d5e6f7a8b9c0d1e3",
                    "product": {
                        "_id": "6699aabbccddeeff00112244",
                        "name": "USB-C Charger 30W",
                        "images": ["https://cdn.salesive.com/p/charger-30w.jpg"],
                    },
                    "variant": None,
                    "name": "USB-C Charger 30W",
                    "sku": "UC-30W-WHT",
                    "price": 18500,
                    "quantity": 1,
                    "variantAttributes": {"colour": "white"},
                    "imageUrl": None,
                }
            ],
            "status": "pending",
            "notes": "",
            "payment": None,
            "coupon": {
                "_id": "66a9e0f1a2b3c4d5e6f7a8b9",
                "code": "WELCOME10",
                "discountType": "fixed",
                "discountValue": 2000,
            },
            "discount": 2000,
            "subtotal": 18500,
            "shippingCost": 1500,
            "tax": 0,
            "paymentMethod": "bank_transfer",
            "total": 18000,
            "createdAt": "2026-06-22T09:15:00.000Z",
            "updatedAt": "2026-06-22T09:15:00.000Z",
        }
        completed = copy.deepcopy(example) | {
            "_id": "66b1f5e6f7a8b9c0d1e2f3a4",
            "orderId": 1044,
            "user": ada
            | {
                "_id": "66a0c9d8e7f6a5b4c3d2e1f0",
                "name": "Ngozi Okafor",
                "email": "ngozi@example.com",
                "phone": "+2348098765432",
                "customerId": "66a0d9e8f7a6b5c4d3e2f1a0",
            },
            "items": [
                {
                    "_id": "66b1f5e6f7a8b9c0d1e2f3a5",
                    "product": {
                        "_id": "6699aabbccddeeff00112255",
                        "name": "Smart Watch S2",
                        "images": ["https://cdn.salesive.com/p/watch-s2.jpg"],
                    },
                    "variant": "6699aabbccddeeff00112256",
                    "name": "Smart Watch S2",
                    "sku": "SW-S2-44",
                    "price": 74990,
                    "quantity": 1,
                    "variantAttributes": {"size": "44mm"},
                    "imageUrl": "https://cdn.salesive.com/p/watch-s2.jpg",
                }
            ],
            "status": "completed",
            "notes": "Delivered to the front desk",
            "payment": {
                "_id": "66b1f5e6f7a8b9c0d1e2f3b0",
                "status": "completed",
                "amount": 77490,
                "method": "card",
                "transactionId": "txn_1a2b3c4d",
            },
            "shipment": {
                "_id": "66b1f5e6f7a8b9c0d1e2f3c0",
                "status": "delivered",
                "carrier": "GIG Logistics",
                "trackingNumber": "GIG123456789",
                "trackingUrl": None,
                "trackingHistory": [{"status": "delivered", "at": "2026-06-26T14:02:00.000Z"}],
                "estimatedDelivery": "2026-06-26T18:00:00.000Z",
                "shippingAddress": {
                    "name": "Ngozi Okafor",
                    "address": "12 Admiralty Way",
                    "city": "Lekki",
                    "state": "Lagos",
                    "zipCode": "106104",
                    "country": "Nigeria",
                    "email": "ngozi@example.com",
                    "phone": "+2348098765432",
                },
                "shippingOption": {"name": "Express", "description": "1-2 days", "type": "flat", "price": 2500},
            },
            "discount": 0,
            "subtotal": 74990,
            "shippingCost": 2500,
            "tax": 0,
            "total": 77490,
            "createdAt": "2026-06-24T16:45:00.000Z",
            "updatedAt": "2026-06-26T14:02:00.000Z",
        }
        return {order["_id"]: order for order in (example, pending, completed)}

    def apply(self, order: Order, body: Mapping[str, Any]) -> None:
        # The whitelist: only these four fields are applied; every other body field is ignored, as Salesive does.
        for field in ("status", "notes", "shippingCost", "discount"):
            if field in body:
                order[field] = body[field]
        if "shippingCost" in body or "discount" in body:
            order["total"] = _money_sum(
                order.get("subtotal", 0), order.get("shippingCost", 0), order.get("tax", 0), -order.get("discount", 0)
            )

    def updated(self, order: Order) -> Reply:
        return Reply(200, {"status": 200, "success": True, "message": "Order updated", "data": order})
