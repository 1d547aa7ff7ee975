"""Type-checked by tests/ops/test_typing.py with mypy --strict: each marked line must be an error."""

from __future__ import annotations

from storefronts import Client, OrderUpdate


def update() -> None:
    client = Client("bitbybitt")  # error: vendor
    client.update_order("ord_1", status="canceled")  # error: status
    client.update_order("ord_1", payment_status="payed")  # error: payment_status
    update: OrderUpdate = {"status": "canceled"}  # error: typed dict
    client.update_order("ord_1", **update)
    client.prepare_update("ord_1", fulfillment_status="shipped")  # error: plan
