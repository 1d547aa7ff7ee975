"""The bitbybit bodies the benchmark server answers with, serialised once."""

from __future__ import annotations

import json
from typing import Any

API_KEY = "bench-key"
ORDER_ID = "ord_bench_0001"
NOTES = "Customer asked to leave it with the neighbour"
LARGE_ITEMS = 1_000


def line_item(index: int) -> dict[str, Any]:
    price = 10 + index % 90 + 0.5
    return {
        "id": f"li_{index:05d}",
        "quantity": 1 + index % 5,
        "price": price,
        "title": f"Cotton t-shirt, size {('S', 'M', 'L', 'XL')[index % 4]}, colour {index % 12}",
        "productVariant": {
            "id": f"pv_{index:05d}",
            "key": f"tshirt-{index % 12}-{index % 4}",
            "price": price,
            "compareAtPrice": None,
            "inventorySku": f"TS-{index:05d}",
            "media": None,
        },
    }


def order_body(line_items: int) -> dict[str, Any]:
    """A bitbybit ``PUT /orders/{id}`` 200 body, as the spec describes it, with ``line_items`` lines."""
    return {
        "data": {
            "id": ORDER_ID,
            "orderId": "100123",
            "orderNumber": "#100123",
            "status": "active",
            "fulfillmentStatus": "unfulfilled",
            "financialStatus": "paid",
            "total": 249.9,
            "currency": "IDR",
            "notes": NOTES,
            "customer": {
                "id": "cus_42",
                "firstName": "Ana",
                "lastName": "Putri",
                "email": "ana@example.com",
                "phoneNumber": "+6281234567890",
            },
            "lineItems": [line_item(i) for i in range(line_items)],
            "shippingAddress": {
                "id": "addr_7",
                "firstName": "Ana",
                "lastName": "Putri",
                "phone": "+6281234567890",
                "address1": "Jl. Sudirman 1",
                "address2": None,
                "city": "Jakarta",
                "province": "DKI Jakarta",
                "country": "ID",
                "zip": "10220",
            },
            "tags": ["vip", "repeat"],
            "createdAt": "2024-05-01T10:00:00Z",
            "updatedAt": "2024-05-02T08:30:00+07:00",
        }
    }


def serialise(body: dict[str, Any]) -> bytes:
    return json.dumps(body, separators=(",", ":")).encode()


SMALL_BODY = serialise(order_body(2))
LARGE_BODY = serialise(order_body(LARGE_ITEMS))


def http_response(body: bytes) -> bytes:
    """A complete keep-alive HTTP/1.1 200 response carrying ``body``."""
    head = (
        "HTTP/1.1 200 OK\r\n"
        "Content-Type: application/json; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Date: Mon, 01 Jan 2024 00:00:00 GMT\r\n"
        "Server: bench\r\n"
        "\r\n"
    )
    return head.encode("ascii") + body
