"""The facade against Prism mocking each vendor's own spec (see conftest.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest
from ruamel.yaml import YAML

from storefronts import Address, APIError, Client, Order, Vendor
from storefronts._registry import adapter_for
from tests.support.vendors import VENDORS
from tests.vendors import table

from .conftest import PrismServer

pytestmark = pytest.mark.contract

STATUS_AXES = frozenset({"status", "payment_status", "fulfillment_status"})
# One valid value per update_order argument that is not a status (the statuses come from each vendor).
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


def _prism_invalid_status(vendor: str) -> int:
    """The status Prism answers a body the spec rejects with: the 422 the spec documents, else its 400, else 422
    (Prism's mocker, ``getExpectedCodesForViolations``)."""
    spec: Any = YAML(typ="safe", pure=True).load(table(vendor).spec_path.read_text("utf-8"))
    documented = {str(status) for status in spec["paths"]["/orders/{id}"]["put"]["responses"]}
    return 400 if "422" not in documented and "400" in documented else 422


def _client(server: PrismServer, http_client: httpx.Client | None = None) -> Client:
    return Client(
        Vendor(server.vendor),
        api_key=table(server.vendor).api_key,
        base_url=server.base_url,
        max_retries=0,
        http_client=http_client,
    )


def _single_field_cases() -> list[tuple[str, str, Any]]:
    """Every argument and status value the adapter can send: walked from the adapter on purpose, since what this
    suite proves is that whatever it builds is a request the vendor's spec accepts (the table agrees with the
    adapter on what is supported, see test_the_table_and_the_adapter_agree_on_what_is_supported)."""
    cases: list[tuple[str, str, Any]] = []
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
        order = client.update_order(table(vendor).order_id, **{field: value})
    assert isinstance(order, Order)
    assert server.validated_requests() == before + 1


@pytest.mark.parametrize("vendor", VENDORS)
def test_all_supported_fields_together_are_valid(
    prism_servers: dict[tuple[str, bool], PrismServer], vendor: str
) -> None:
    adapter = adapter_for(Vendor(vendor))
    wire_keys = table(vendor).status_wire_key
    updates: dict[str, Any] = {}
    sent_in: set[str] = set()
    for name in sorted(adapter.supported_updates):
        if name in STATUS_AXES:
            if wire_keys[name] in sent_in:
                continue  # two axes sharing one body field (Salesive's single status): one of them is sent
            sent_in.add(wire_keys[name])
        updates[name] = next(iter(adapter.status_values[name])) if name in adapter.status_values else VALUES[name]
    server = prism_servers[(vendor, False)]
    odd = table(vendor).odd_order_id  # the URL's reserved characters in the id, where the vendor's ids allow them
    with _client(server) as client:
        assert isinstance(client.update_order(table(vendor).order_id if odd is None else odd, **updates), Order)


@pytest.mark.parametrize("vendor", VENDORS)
def test_prism_does_reject_what_the_spec_does_not_allow(
    prism_servers: dict[tuple[str, bool], PrismServer], vendor: str
) -> None:
    """Guards the guard: a body the spec forbids and a request without credentials are refused."""
    server = prism_servers[(vendor, False)]
    entry = table(vendor)
    key = entry.api_key if isinstance(entry.api_key, str) else ":".join(entry.api_key)
    bad_body, _ = entry.invalid_bodies[0]
    with httpx.Client(base_url=server.base_url) as http:
        invalid = http.put("/orders/1", json=bad_body, headers=entry.credential_headers(key))
        valid = http.put("/orders/1", json={}, headers=entry.credential_headers(key))
        anonymous = http.put("/orders/1", json={})
    assert invalid.status_code == _prism_invalid_status(vendor), invalid.text
    assert valid.status_code == 200, valid.text  # the 422 was the body's, not the credential's
    assert anonymous.status_code == 401, anonymous.text


@pytest.mark.parametrize("vendor", VENDORS)
def test_the_table_and_the_adapter_agree_on_what_is_supported(vendor: str) -> None:
    assert adapter_for(Vendor(vendor)).supported_updates == table(vendor).supported


@pytest.mark.parametrize("vendor", VENDORS)
def test_two_hundred_random_schema_valid_orders_all_parse(
    prism_servers: dict[tuple[str, bool], PrismServer], vendor: str
) -> None:
    """Every random schema-valid answer reads into an Order, except an envelope whose success flag (its table's
    ``success_flag``) says false, which is the vendor reporting a failure: that must be an APIError carrying the
    body."""
    server = prism_servers[(vendor, True)]
    flag = table(vendor).success_flag
    field = sorted(table(vendor).supported - STATUS_AXES)[0]
    orders: list[Order] = []
    refusals: list[APIError] = []
    # an httpx client of ours, only to add the header that asks Prism for a random answer
    with httpx.Client(headers=server.headers) as http, _client(server, http) as client:
        for _ in range(200):
            try:
                orders.append(client.update_order(table(vendor).order_id, **{field: VALUES[field]}))
            except APIError as error:
                assert flag is not None, error
                assert isinstance(error.body, dict), error
                assert error.body[flag] is False
                refusals.append(error)
    assert len(orders) + len(refusals) == 200
    assert len(orders) > 50  # random booleans: about half of the envelopes with a `success` flag say success
    assert all(order.vendor is Vendor(vendor) for order in orders)
    # dynamic answers differ: we really parsed different payloads, not one cached example
    assert len({repr(sorted(order.raw.items(), key=str)) for order in orders[:20]}) > 1
