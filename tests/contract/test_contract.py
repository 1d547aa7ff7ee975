"""The facade against Prism mocking each vendor's own spec (see conftest.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from storefronts import Address, APIError, Client, Order, Vendor
from storefronts._registry import adapter_for

from .conftest import VENDORS, PrismServer

pytestmark = pytest.mark.contract

API_KEYS = {"bitbybit": "bb_contract_key", "salesive": "app_contract_token", "launchmystore": "lms_contract_token"}
VALUES: dict[str, Any] = {
    "notes": "Leave at the door",
    "tags": ["VIP", "priority"],
    "email": "ada@example.com",
    "phone": "+2348012345678",
    "shipping_address": Address(first_name="Ada", last_name="Lovelace", address1="1 Loop Rd", city="London", zip="N1"),
    "billing_address": {"address1": "2 Loop Rd", "city": "London", "country": "GB"},
    "note_attributes": {"gift_wrap": "yes"},
    "shipping_cost": Decimal("1500"),
    "discount": Decimal("12.5"),
}


def _client(server: PrismServer, http_client: httpx.Client | None = None) -> Client:
    return Client(
        server.vendor, api_key=API_KEYS[server.vendor], base_url=server.base_url, max_retries=0, http_client=http_client
    )


def _single_field_cases() -> list[tuple[str, str, Any]]:
    cases = []
    for vendor in VENDORS:
        adapter = adapter_for(Vendor(vendor))
        for name in sorted(adapter.supported_updates):
            if name in adapter.status_values:
                cases.extend((vendor, name, value) for value in adapter.status_values[name])
            else:
                cases.append((vendor, name, VALUES[name]))
    return cases


@pytest.mark.parametrize(("vendor", "field", "value"), _single_field_cases(), ids=str)
def test_every_supported_field_and_status_value_is_valid_for_the_vendor_spec(
    prism_servers: dict[tuple[str, bool], PrismServer], vendor: str, field: str, value: Any
) -> None:
    server = prism_servers[(vendor, False)]
    before = server.validated_requests()
    with _client(server) as client:
        order = client.update_order("ord_contract_1", **{field: value})
    assert isinstance(order, Order)
    assert server.validated_requests() == before + 1


@pytest.mark.parametrize("vendor", VENDORS)
def test_all_supported_fields_together_are_valid(
    prism_servers: dict[tuple[str, bool], PrismServer], vendor: str
) -> None:
    adapter = adapter_for(Vendor(vendor))
    updates: dict[str, Any] = {}
    for name in sorted(adapter.supported_updates):
        if name == "payment_status" and "status" in adapter.supported_updates and vendor == "salesive":
            continue  # Salesive's single status field takes one of the two
        updates[name] = next(iter(adapter.status_values[name])) if name in adapter.status_values else VALUES[name]
    server = prism_servers[(vendor, False)]
    with _client(server) as client:
        assert isinstance(client.update_order("ord/with?odd#chars", **updates), Order)


@pytest.mark.parametrize("vendor", VENDORS)
def test_prism_does_reject_what_the_spec_does_not_allow(
    prism_servers: dict[tuple[str, bool], PrismServer], vendor: str
) -> None:
    """Guards the guard: a body the spec forbids and a request without credentials are refused."""
    server = prism_servers[(vendor, False)]
    header = {"bitbybit": "x-api-key"}.get(vendor, "Authorization")
    token = API_KEYS[vendor] if vendor == "bitbybit" else f"Bearer {API_KEYS[vendor]}"
    bad_body = {"bitbybit": {"status": "on_hold"}, "salesive": {"status": 7}, "launchmystore": {"tags": "VIP"}}[vendor]
    with httpx.Client(base_url=server.base_url) as http:
        invalid = http.put("/orders/1", json=bad_body, headers={header: token})
        anonymous = http.put("/orders/1", json={})
    assert invalid.status_code == 422, invalid.text
    assert anonymous.status_code == 401, anonymous.text


@pytest.mark.parametrize("vendor", VENDORS)
def test_two_hundred_random_schema_valid_orders_all_parse(
    prism_servers: dict[tuple[str, bool], PrismServer], vendor: str
) -> None:
    """Every random schema-valid answer reads into an Order, except a Salesive or LaunchMyStore envelope that says
    `success: false`, which is the vendor reporting a failure: that must be an APIError carrying the body."""
    server = prism_servers[(vendor, True)]
    statuses = {"status", "payment_status", "fulfillment_status"}
    field = sorted(adapter_for(Vendor(vendor)).supported_updates - statuses)[0]
    orders: list[Order] = []
    refusals: list[APIError] = []
    # an httpx client of ours, only to add the header that asks Prism for a random answer
    with httpx.Client(headers=server.headers) as http, _client(server, http) as client:
        for n in range(200):
            try:
                orders.append(client.update_order(f"ord_{n}", **{field: VALUES[field]}))
            except APIError as error:
                assert vendor in ("salesive", "launchmystore"), error
                assert isinstance(error.body, dict), error
                assert error.body["success"] is False
                refusals.append(error)
    assert len(orders) + len(refusals) == 200
    assert len(orders) > 50  # random booleans: about half of the envelopes with a `success` flag say success
    assert all(order.vendor is Vendor(vendor) for order in orders)
    # dynamic answers differ: we really parsed different payloads, not one cached example
    assert len({repr(sorted(order.raw.items(), key=str)) for order in orders[:20]}) > 1
