"""Type-checked by tests/ops/test_typing.py with mypy --strict: the Literal and TypedDict forms are accepted."""

from __future__ import annotations

from decimal import Decimal

from storefronts import AsyncClient, Client, OrderStatus, OrderUpdate, VendorName


def update(client: Client) -> None:
    client.update_order("ord_1", status="cancelled", payment_status="paid", fulfillment_status="fulfilled")
    client.update_order("ord_1", status=OrderStatus.CANCELLED, notes=None)
    update: OrderUpdate = {"status": "completed", "notes": "Leave at the door", "shipping_cost": Decimal("4.50")}
    client.update_order("ord_1", **update)
    plan = client.prepare_update("ord_1", **update)
    print(plan.method, plan.url, plan.json)


async def update_async(vendor: VendorName) -> None:
    async with AsyncClient(vendor) as client:
        await client.update_order("ord_1", status="refunded", tags=["a", "b"])


def clients() -> list[Client]:
    return [Client("bitbybit"), Client("salesive"), Client("launchmystore")]
