"""bitbybit's sandbox: an ``x-api-key`` header, ``{error: {code, message}}`` errors, the order in ``{data}``.

bitbybit documents no example order, so the seed orders follow its ``Order`` schema field by field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._specs import Problem
from .._vendors import Order, Reply, VendorSandbox, _same_secret

__all__ = ["Bitbybit"]


def _bitbybit_order(order_id: str, number: int, status: str, financial: str, fulfillment: str, **changes: Any) -> Order:
    order: Order = {
        "id": order_id,
        "orderId": f"BBS-{number}",
        "orderNumber": f"#{number}",
        "status": status,
        "fulfillmentStatus": fulfillment,
        "financialStatus": financial,
        "total": 349000,
        "currency": "IDR",
        "notes": None,
        "customer": {
            "id": "cus_8Hq2Lm5Zr3Tn",
            "firstName": "Siti",
            "lastName": "Rahmawati",
            "email": "siti.rahmawati@example.com",
            "phoneNumber": "+6281234567890",
        },
        "lineItems": [
            {
                "id": f"li_{order_id[4:12]}01",
                "quantity": 2,
                "price": 149500,
                "title": "Kopi Arabika Gayo 250g",
                "productVariant": {
                    "id": "var_5Rk2Wq8Zt1Yc",
                    "key": "250g",
                    "price": 149500,
                    "compareAtPrice": 165000,
                    "inventorySku": "KAG-250",
                    "media": "https://cdn.example.com/products/kopi-gayo-250.jpg",
                },
            }
        ],
        "shippingAddress": {
            "id": "adr_3Nv7Bx2Kq9Pd",
            "firstName": "Siti",
            "lastName": "Rahmawati",
            "phone": "+6281234567890",
            "address1": "Jl. Jenderal Sudirman No. 45",
            "address2": None,
            "city": "Jakarta Selatan",
            "province": "DKI Jakarta",
            "country": "Indonesia",
            "zip": "12190",
        },
        "tags": ["whatsapp"],
        "createdAt": "2026-06-18T03:12:45.120Z",
        "updatedAt": "2026-06-18T03:12:45.120Z",
    }
    order.update(changes)
    return order


class Bitbybit(VendorSandbox):
    """bitbybit: ``x-api-key`` header, ``{error: {code, message}}`` errors, the order in ``{data}``."""

    name = "bitbybit"
    # bitbybit documents no status for an invalid body; 400 with code VALIDATION_ERROR is our choice, in the same
    # {error: {code, message}} shape as its documented 404. Its schema declares no additionalProperties: false,
    # so unknown fields are accepted and ignored (they show in the recorded request's ignored_fields).
    validation_status = 400

    def error(self, status: int, code: str, message: str, details: list[Problem] | None = None) -> Reply:
        return Reply(status, {"error": {"code": code, "message": message}})

    def authenticate(self, headers: Mapping[str, str]) -> Reply | None:
        # bitbybit documents the x-api-key header but no 401 answer: the body follows its documented Error shape.
        key = headers.get("x-api-key")
        if key is None:
            return self.error(401, "UNAUTHORIZED", "Missing API key: send it in the x-api-key header")
        if not _same_secret(key, self.api_key):
            return self.error(401, "UNAUTHORIZED", "Invalid API key")
        return None

    def seed_orders(self) -> dict[str, Order]:
        orders = [
            _bitbybit_order("ord_2KfQ8mZp4XwN7rT1", 10231, "active", "paid", "unfulfilled"),
            _bitbybit_order(
                "ord_7HcV3nLs9QdY5bE2",
                10232,
                "active",
                "pending",
                "unfulfilled",
                orderId=None,
                total=199000,
                notes="Please deliver before 5 pm",
                tags=[],
                createdAt="2026-06-19T08:40:02.511Z",
                updatedAt="2026-06-19T08:40:02.511Z",
            ),
            _bitbybit_order(
                "ord_9TgW1kRx6MjP8aU3",
                10198,
                "archived",
                "paid",
                "fulfilled",
                tags=["whatsapp", "repeat-customer"],
                createdAt="2026-06-02T11:05:37.004Z",
                updatedAt="2026-06-05T09:21:14.870Z",
            ),
        ]
        return {order["id"]: order for order in orders}

    def apply(self, order: Order, body: Mapping[str, Any]) -> None:
        for field in ("status", "fulfillmentStatus", "financialStatus", "notes"):
            if field in body:
                order[field] = body[field]

    def updated(self, order: Order) -> Reply:
        return Reply(200, {"data": order})
