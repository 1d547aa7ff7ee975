"""Each generated client (bitbybit, Salesive, LaunchMyStore) against a real HTTP server on 127.0.0.1.

What arrives at the server (method, raw path, auth header, JSON body) and what the client makes of what comes back:
the vendor's documented example, the nulls its spec allows, and what vendors send that their specs do not allow
(lenient parsing), for the sync and the async call alike. Documented examples are read from ``specs/``, so a new
vendor release is tested against its own documentation.
"""

from __future__ import annotations

import copy
import datetime
import enum
import functools
import importlib
import json
import math
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from ruamel.yaml import YAML

from generator._generate import GENERATED_DEFAULT_CONNECT_TIMEOUT_S, GENERATED_DEFAULT_TIMEOUT_S
from generator.transforms import normalise
from tests.support.loopback import LoopbackServer, Reply

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "sk_live_s3cr3t-T0KEN-value"  # distinctive enough that finding it in a repr is never a coincidence
ORDER_ID = "ord_1"
UTC = datetime.UTC
MODES = ("sync", "async")

JsonPath = tuple[str | int, ...]
Read = Callable[[Any], Any]


def _load_spec(vendor: str) -> dict[str, Any]:
    """A fresh copy of the vendor's spec (tests may change it: the parsed file is cached, the copy is theirs)."""
    return copy.deepcopy(_parsed_spec(vendor))


@functools.cache
def _parsed_spec(vendor: str) -> dict[str, Any]:
    spec: dict[str, Any] = YAML(typ="safe", pure=True).load((ROOT / "specs" / f"{vendor}.yaml").read_text("utf-8"))
    return spec


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _documented_example(vendor: str, status: str) -> dict[str, Any]:
    """The ``example`` of the vendor's ``PUT /orders/{id}`` response with this status, as its spec gives it."""
    spec = _load_spec(vendor)
    response = _resolve(spec, spec["paths"]["/orders/{id}"]["put"]["responses"][status])
    example: dict[str, Any] = response["content"]["application/json"]["example"]
    return example


# bitbybit documents no 200 example: this one sets every property of its Order schema (checked below against
# the normalised schema, so it cannot drift from the spec).
BITBYBIT_ORDER_EXAMPLE: dict[str, Any] = {
    "id": "ord_1",
    "orderId": "1001",
    "orderNumber": "#1001",
    "status": "active",
    "fulfillmentStatus": "unfulfilled",
    "financialStatus": "paid",
    "total": 59.9,
    "currency": "USD",
    "notes": "Leave at the door",
    "customer": {
        "id": "cus_1",
        "firstName": "Ada",
        "lastName": "Lovelace",
        "email": "ada@example.com",
        "phoneNumber": "+442071234567",
    },
    "lineItems": [
        {
            "id": "li_1",
            "quantity": 2,
            "price": 29.95,
            "title": "Blue mug",
            "productVariant": {
                "id": "pv_1",
                "key": "mug-blue",
                "price": 29.95,
                "compareAtPrice": 34.95,
                "inventorySku": "MUG-BLU",
                "media": "https://cdn.example.com/mug-blue.jpg",
            },
        }
    ],
    "shippingAddress": {
        "id": "adr_1",
        "firstName": "Ada",
        "lastName": "Lovelace",
        "phone": "+442071234567",
        "address1": "12 St James's Square",
        "address2": "Flat 3",
        "city": "London",
        "province": "Greater London",
        "country": "GB",
        "zip": "SW1Y 4JH",
    },
    "tags": ["vip", "gift"],
    "createdAt": "2026-06-21T10:30:00Z",
    "updatedAt": "2026-06-21T11:20:00.000Z",
}


@dataclass(frozen=True)
class Probe:
    """A place in a response body (``json_path``) and where the parsed model keeps it (``read``)."""

    json_path: JsonPath
    read: Read

    def __str__(self) -> str:
        return ".".join(map(str, self.json_path))


@dataclass(frozen=True)
class Vendor:
    """One generated client and what its spec says: the auth header, a request, responses and where to poke them."""

    name: str
    auth_header: str
    auth_value: str
    # the request body model's name and (keyword arguments, the JSON that must arrive for them)
    body_model: str
    body_kwargs: Callable[[types.ModuleType], dict[str, Any]]
    body_json: dict[str, Any]
    example_200: dict[str, Any]
    check_example: Callable[[types.ModuleType, Any], None]
    read_order: Read  # the order model inside a parsed 200
    order_model: str
    success_model: str
    error_model: str
    read_error_text: Read  # the vendor's error message, from a parsed error body
    allowed_nulls: tuple[Probe, ...]
    unexpected_nulls: tuple[Probe, ...]
    wrong_types: tuple[tuple[Probe, Any], ...]
    missing_keys: tuple[Probe, ...]
    enum_fields: tuple[Probe, ...]
    request_enum_models: tuple[str, ...] = ()  # request-body models with an enum field named `status`

    @property
    def package(self) -> str:
        return f"storefronts_generated.{self.name}"

    def module(self, name: str) -> types.ModuleType:
        return importlib.import_module(f"{self.package}.{name}")

    @property
    def models(self) -> types.ModuleType:
        return self.module("models")

    @property
    def endpoint(self) -> types.ModuleType:
        return self.module("api.orders.update_order")

    def client(self, base_url: str, **kwargs: Any) -> Any:
        return self.module("client").AuthenticatedClient(base_url=base_url, token=TOKEN, **kwargs)

    def body(self) -> Any:
        return getattr(self.models, self.body_model)(**self.body_kwargs(self.models))


def _check_bitbybit_example(m: types.ModuleType, parsed: Any) -> None:
    assert isinstance(parsed, m.UpdateOrderResponse200)
    order = parsed.data
    assert isinstance(order, m.Order)
    assert (order.id, order.order_id, order.order_number) == ("ord_1", "1001", "#1001")
    assert order.status is m.OrderStatus.ACTIVE
    assert order.fulfillment_status is m.OrderFulfillmentStatus.UNFULFILLED
    assert order.financial_status is m.OrderFinancialStatus.PAID
    assert (order.total, order.currency, order.notes) == (59.9, "USD", "Leave at the door")
    assert isinstance(order.customer, m.OrderCustomer)
    assert (order.customer.first_name, order.customer.phone_number) == ("Ada", "+442071234567")
    [item] = order.line_items
    assert isinstance(item, m.LineItem)
    assert (item.quantity, item.price, item.title) == (2, 29.95, "Blue mug")
    assert isinstance(item.product_variant, m.ProductVariant)
    assert (item.product_variant.compare_at_price, item.product_variant.inventory_sku) == (34.95, "MUG-BLU")
    assert isinstance(order.shipping_address, m.Address)
    assert (order.shipping_address.address2, order.shipping_address.zip_) == ("Flat 3", "SW1Y 4JH")
    assert order.tags == ["vip", "gift"]
    assert order.created_at == datetime.datetime(2026, 6, 21, 10, 30, tzinfo=UTC)
    assert order.updated_at == datetime.datetime(2026, 6, 21, 11, 20, tzinfo=UTC)


def _check_salesive_example(m: types.ModuleType, parsed: Any) -> None:
    assert isinstance(parsed, m.UpdateOrderResponse200)
    assert (parsed.status, parsed.success, parsed.message) == (200, True, "Order updated")
    order = parsed.data
    assert isinstance(order, m.OrderDetail)
    assert (order.field_id, order.order_id, order.status) == ("66b1f0a3c2d4e5f6a7b8c9d0", 1042, "processing")
    assert isinstance(order.user, m.CustomerProfile)
    assert (order.user.name, order.user.customer_id) == ("Ada Lovelace", "66a0d0e1f2a3b4c5d6e7f8a9")
    [item] = order.items
    assert isinstance(item, m.OrderItemPopulated)
    assert (item.sku, item.price, item.quantity) == ("WE-BLK-01", 24990, 2)
    assert isinstance(item.product, m.OrderItemPopulatedProductType0)
    assert item.product.images == ["https://cdn.salesive.com/p/earbuds.jpg"]
    assert isinstance(order.payment, m.PaymentDetail)
    assert (order.payment.transaction_id, order.payment.amount) == ("txn_9f8e7d6c", 49980)
    assert order.coupon is None  # null in the documented example, and allowed by the spec
    assert order.shipment is None
    assert (order.discount, order.shipping_cost, order.total) == (500, 1500, 50980)
    assert order.created_at == datetime.datetime(2026, 6, 21, 10, 30, tzinfo=UTC)


def _check_launchmystore_example(m: types.ModuleType, parsed: Any) -> None:
    assert isinstance(parsed, m.OrderResponse)
    assert parsed.success is True
    order = parsed.data
    assert isinstance(order, m.Order)
    assert (order.id, order.order_number, order.email) == ("ord_abc123", 1001, "customer@example.com")
    assert order.status == "confirmed"
    assert order.financial_status is m.FinancialStatus.PAID
    assert order.fulfillment_status is m.FulfillmentStatus.UNFULFILLED
    assert (order.note, order.tags) == ("Updated shipping instructions", ["VIP", "priority"])
    assert isinstance(order.shipping_address, m.Address)
    assert (order.shipping_address.first_name, order.shipping_address.zip_) == ("John", "90001")
    assert order.created_at == datetime.datetime(2024, 1, 20, 14, 30, tzinfo=UTC)
    assert order.updated_at == datetime.datetime(2024, 1, 25, 16, 0, tzinfo=UTC)


BITBYBIT = Vendor(
    name="bitbybit",
    auth_header="x-api-key",
    auth_value=TOKEN,
    body_model="UpdateOrderBody",
    body_kwargs=lambda m: {
        "status": m.UpdateOrderBodyStatus.CANCELLED,
        "fulfillment_status": m.UpdateOrderBodyFulfillmentStatus.FULFILLED,
        "notes": "Customer called",
    },
    body_json={"status": "cancelled", "fulfillmentStatus": "fulfilled", "notes": "Customer called"},
    example_200={"data": BITBYBIT_ORDER_EXAMPLE},
    check_example=_check_bitbybit_example,
    read_order=lambda r: r.data,
    order_model="Order",
    success_model="UpdateOrderResponse200",
    error_model="Error",
    read_error_text=lambda e: (e.error.code, e.error.message),
    allowed_nulls=(
        Probe(("data", "orderId"), lambda r: r.data.order_id),
        Probe(("data", "orderNumber"), lambda r: r.data.order_number),
        Probe(("data", "currency"), lambda r: r.data.currency),
        Probe(("data", "notes"), lambda r: r.data.notes),
        Probe(("data", "customer", "firstName"), lambda r: r.data.customer.first_name),
        Probe(("data", "customer", "lastName"), lambda r: r.data.customer.last_name),
        Probe(("data", "customer", "email"), lambda r: r.data.customer.email),
        Probe(("data", "customer", "phoneNumber"), lambda r: r.data.customer.phone_number),
        Probe(("data", "shippingAddress", "address2"), lambda r: r.data.shipping_address.address2),
        Probe(("data", "shippingAddress", "zip"), lambda r: r.data.shipping_address.zip_),
        Probe(
            ("data", "lineItems", 0, "productVariant", "compareAtPrice"),
            lambda r: r.data.line_items[0].product_variant.compare_at_price,
        ),
        Probe(
            ("data", "lineItems", 0, "productVariant", "media"), lambda r: r.data.line_items[0].product_variant.media
        ),
    ),
    unexpected_nulls=(
        Probe(("data", "status"), lambda r: r.data.status),
        Probe(("data", "customer"), lambda r: r.data.customer),
        Probe(("data", "createdAt"), lambda r: r.data.created_at),
        Probe(("data", "lineItems"), lambda r: r.data.line_items),
        Probe(("data", "shippingAddress"), lambda r: r.data.shipping_address),
    ),
    wrong_types=(
        (Probe(("data", "createdAt"), lambda r: r.data.created_at), 1718965800),
        (Probe(("data", "customer"), lambda r: r.data.customer), "guest"),
        (Probe(("data", "lineItems"), lambda r: r.data.line_items), {"id": "li_1"}),
        (Probe(("data", "total"), lambda r: r.data.total), "59.90"),
        (Probe(("data", "status"), lambda r: r.data.status), 3),
    ),
    missing_keys=(
        Probe(("data", "id"), lambda r: r.data.id),
        Probe(("data", "status"), lambda r: r.data.status),
        Probe(("data", "customer", "id"), lambda r: r.data.customer.id),
    ),
    enum_fields=(
        Probe(("data", "status"), lambda r: r.data.status),
        Probe(("data", "fulfillmentStatus"), lambda r: r.data.fulfillment_status),
        Probe(("data", "financialStatus"), lambda r: r.data.financial_status),
    ),
    request_enum_models=("UpdateOrderBody",),
)

SALESIVE = Vendor(
    name="salesive",
    auth_header="authorization",
    auth_value=f"Bearer {TOKEN}",
    body_model="UpdateOrderBody",
    body_kwargs=lambda m: {"status": m.UpdateOrderBodyStatus.PROCESSING, "shipping_cost": 1500, "notes": "Packed"},
    body_json={"status": "processing", "shippingCost": 1500, "notes": "Packed"},
    example_200=_documented_example("salesive", "200"),
    check_example=_check_salesive_example,
    read_order=lambda r: r.data,
    order_model="OrderDetail",
    success_model="UpdateOrderResponse200",
    error_model="Envelope",
    read_error_text=lambda e: (e.status, e.message),
    allowed_nulls=(
        Probe(("data", "payment"), lambda r: r.data.payment),
        Probe(("data", "coupon"), lambda r: r.data.coupon),
        Probe(("data", "shipment"), lambda r: r.data.shipment),
        Probe(("data", "items", 0, "product"), lambda r: r.data.items[0].product),
        Probe(("data", "items", 0, "variant"), lambda r: r.data.items[0].variant),
        Probe(("data", "items", 0, "imageUrl"), lambda r: r.data.items[0].image_url),
    ),
    unexpected_nulls=(
        Probe(("data", "status"), lambda r: r.data.status),
        Probe(("data", "user"), lambda r: r.data.user),  # Salesive's customer
        Probe(("data", "createdAt"), lambda r: r.data.created_at),
        Probe(("data", "items"), lambda r: r.data.items),  # Salesive's line items
        Probe(("message",), lambda r: r.message),
    ),
    wrong_types=(
        (Probe(("data", "createdAt"), lambda r: r.data.created_at), "yesterday"),
        (Probe(("data", "user"), lambda r: r.data.user), ["66a0c1d2e3f4a5b6c7d8e9f0"]),
        (Probe(("data", "items"), lambda r: r.data.items), "none"),
        (Probe(("data", "total"), lambda r: r.data.total), "50980"),
        (Probe(("status",), lambda r: r.status), "200"),
    ),
    missing_keys=(
        Probe(("status",), lambda r: r.status),  # required by the spec
        Probe(("message",), lambda r: r.message),  # required by the spec
        Probe(("data", "_id"), lambda r: r.data.field_id),
    ),
    enum_fields=(Probe(("data", "status"), lambda r: r.data.status),),  # a plain string in Salesive's responses
    request_enum_models=("UpdateOrderBody",),
)

LAUNCHMYSTORE = Vendor(
    name="launchmystore",
    auth_header="authorization",
    auth_value=f"Bearer {TOKEN}",
    body_model="UpdateOrderRequest",
    body_kwargs=lambda m: {
        "note": "Updated shipping instructions",
        "tags": ["VIP", "priority"],
        "shipping_address": m.AddressInput(address1="456 Oak Ave", city="Los Angeles", zip_="90001"),
        "note_attributes": [m.NoteAttribute(name="gift_wrap", value="yes")],
    },
    body_json={
        "note": "Updated shipping instructions",
        "tags": ["VIP", "priority"],
        "shipping_address": {"address1": "456 Oak Ave", "city": "Los Angeles", "zip": "90001"},
        "note_attributes": [{"name": "gift_wrap", "value": "yes"}],
    },
    example_200=_documented_example("launchmystore", "200"),
    check_example=_check_launchmystore_example,
    read_order=lambda r: r.data,
    order_model="Order",
    success_model="OrderResponse",
    error_model="Error",
    read_error_text=lambda e: (e.error.code, e.error.message),
    allowed_nulls=(
        Probe(("data", "phone"), lambda r: r.data.phone),
        Probe(("data", "note"), lambda r: r.data.note),
        Probe(("data", "fulfillment_status"), lambda r: r.data.fulfillment_status),
        Probe(("data", "billing_address"), lambda r: r.data.billing_address),
        Probe(("data", "customer"), lambda r: r.data.customer),
        Probe(("data", "shipping_address", "first_name"), lambda r: r.data.shipping_address.first_name),
        Probe(("data", "shipping_address", "zip"), lambda r: r.data.shipping_address.zip_),
    ),
    unexpected_nulls=(
        Probe(("data", "status"), lambda r: r.data.status),
        Probe(("data", "financial_status"), lambda r: r.data.financial_status),
        Probe(("data", "created_at"), lambda r: r.data.created_at),
        Probe(("data", "tags"), lambda r: r.data.tags),
        Probe(("success",), lambda r: r.success),
    ),
    wrong_types=(
        (Probe(("data", "created_at"), lambda r: r.data.created_at), 1705761000),
        (Probe(("data", "order_number"), lambda r: r.data.order_number), "1001"),
        (Probe(("data", "shipping_address"), lambda r: r.data.shipping_address), "456 Oak Ave, Los Angeles"),
        (Probe(("data", "line_items"), lambda r: r.data.line_items), {"id": "li_1"}),
    ),
    missing_keys=(
        Probe(("success",), lambda r: r.success),  # required by the spec
        Probe(("data", "id"), lambda r: r.data.id),  # required by the spec
        Probe(("data", "status"), lambda r: r.data.status),
    ),
    enum_fields=(
        Probe(("data", "financial_status"), lambda r: r.data.financial_status),
        Probe(("data", "fulfillment_status"), lambda r: r.data.fulfillment_status),
    ),
)

VENDORS = (BITBYBIT, SALESIVE, LAUNCHMYSTORE)
vendors = pytest.mark.parametrize("vendor", VENDORS, ids=lambda v: v.name)
modes = pytest.mark.parametrize("mode", MODES)


# ---------------------------------------------------------------------------------------------------------------
# helpers


def _lookup(document: Any, path: JsonPath) -> Any:
    for key in path:
        document = document[key]
    return document


def _set(document: Any, path: JsonPath, value: Any) -> None:
    _lookup(document, path[:-1])[path[-1]] = value


def _delete(document: Any, path: JsonPath) -> None:
    del _lookup(document, path[:-1])[path[-1]]


def _with(example: dict[str, Any], changes: dict[JsonPath, Any]) -> dict[str, Any]:
    """A deep copy of ``example`` with each path set to its value (the example itself is shared: never mutate it)."""
    document = copy.deepcopy(example)
    for path, value in changes.items():
        _set(document, path, value)
    return document


async def _update(
    vendor: Vendor, server: LoopbackServer, mode: str, order_id: str = ORDER_ID, *, client: Any = None, body: Any = None
) -> Any:
    """Send the vendor's update-order request through the generated client and return its ``Response``."""
    client = client if client is not None else vendor.client(server.base_url)
    body = body if body is not None else vendor.body()
    if mode == "sync":
        with client:
            return vendor.endpoint.sync_detailed(order_id, client=client, body=body)
    async with client:
        return await vendor.endpoint.asyncio_detailed(order_id, client=client, body=body)


async def _parse(vendor: Vendor, server: LoopbackServer, mode: str, reply: Reply) -> Any:
    """The parsed body of ``reply`` as the generated client returns it."""
    server.replies.append(reply)
    response = await _update(vendor, server, mode)
    assert response.status_code == reply.status
    return response.parsed


# ---------------------------------------------------------------------------------------------------------------
# the request on the wire


@vendors
@modes
@pytest.mark.parametrize("prefix", ["", "/api/v1"], ids=["no-prefix", "prefix"])
async def test_request_method_path_auth_and_body(
    vendor: Vendor, mode: str, prefix: str, server: LoopbackServer
) -> None:
    server.replies.append(Reply(json=vendor.example_200))
    response = await _update(vendor, server, mode, client=vendor.client(server.base_url + prefix))

    assert response.status_code == 200
    [request] = server.requests
    assert request.method == "PUT"
    assert request.raw_path == f"{prefix}/orders/{ORDER_ID}"
    assert request.headers[vendor.auth_header] == vendor.auth_value
    if vendor.auth_header != "authorization":
        assert "authorization" not in request.headers, "an apiKey vendor must not also get a bearer header"
    assert request.headers["content-type"] == "application/json"
    assert request.json == vendor.body_json  # exactly the fields set: an unset field is absent, not null


@vendors
@modes
async def test_one_client_sends_the_same_auth_on_every_request(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    server.replies.append(Reply(json=vendor.example_200, repeat=2))
    client = vendor.client(server.base_url)
    if mode == "sync":
        with client:
            for _ in range(2):
                vendor.endpoint.sync_detailed(ORDER_ID, client=client, body=vendor.body())
    else:
        async with client:
            for _ in range(2):
                await vendor.endpoint.asyncio_detailed(ORDER_ID, client=client, body=vendor.body())
    assert [r.headers.get(vendor.auth_header) for r in server.requests] == [vendor.auth_value] * 2


# ---------------------------------------------------------------------------------------------------------------
# documented responses


def test_bitbybit_built_example_matches_its_schema() -> None:
    """The bitbybit example is ours: it must be valid against the (normalised) spec and set every Order property."""
    spec = normalise(_load_spec("bitbybit"))
    schema = spec["paths"]["/orders/{id}"]["put"]["responses"]["200"]["content"]["application/json"]["schema"]
    registry: Registry[Any] = Registry().with_resource(
        "urn:spec", Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    pointer = "urn:spec#/paths/~1orders~1{id}/put/responses/200/content/application~1json/schema"
    validator = Draft202012Validator({"$ref": pointer}, registry=registry)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(BITBYBIT.example_200)]
    assert not errors, errors
    assert set(schema["properties"]) == {"data"}
    assert _unset_properties(spec, schema, BITBYBIT.example_200) == []


def _unset_properties(spec: dict[str, Any], schema: dict[str, Any], instance: Any, path: str = "$") -> list[str]:
    """The properties ``schema`` declares (at any depth) that ``instance`` leaves out."""
    schema = _resolve(spec, schema)
    for branch in schema.get("anyOf", []):  # a nullable $ref, after normalise(): follow the non-null branch
        if _resolve(spec, branch).get("type") != "null":
            schema = _resolve(spec, branch)
    if isinstance(instance, list) and "items" in schema:
        return [
            m for i, item in enumerate(instance) for m in _unset_properties(spec, schema["items"], item, f"{path}[{i}]")
        ]
    if not isinstance(instance, dict):
        return []
    missing = [f"{path}.{name}" for name in schema.get("properties", {}) if name not in instance]
    for name, value in instance.items():
        if name in schema.get("properties", {}):
            missing += _unset_properties(spec, schema["properties"][name], value, f"{path}.{name}")
    return missing


@vendors
@modes
async def test_documented_example_response_parses_into_typed_models(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    parsed = await _parse(vendor, server, mode, Reply(json=vendor.example_200))
    vendor.check_example(vendor.models, parsed)


@vendors
@modes
async def test_nulls_the_spec_allows_come_back_as_none(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    # (Salesive's documented example has no `variant`: setting the path adds the key)
    body = _with(vendor.example_200, {probe.json_path: None for probe in vendor.allowed_nulls})
    parsed = await _parse(vendor, server, mode, Reply(json=body))

    assert isinstance(vendor.read_order(parsed), getattr(vendor.models, vendor.order_model))
    not_none = {str(probe): probe.read(parsed) for probe in vendor.allowed_nulls if probe.read(parsed) is not None}
    assert not not_none


@vendors
@modes
async def test_documented_404_parses_into_the_vendor_error_model(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    example = _documented_example(vendor.name, "404")
    parsed = await _parse(vendor, server, mode, Reply(status=404, json=example))

    assert isinstance(parsed, getattr(vendor.models, vendor.error_model))
    expected = {
        "bitbybit": ("NOT_FOUND", "Resource not found"),
        "salesive": (404, "Order not found"),
        "launchmystore": ("NOT_FOUND", "Order with the specified ID does not exist"),
    }[vendor.name]
    assert vendor.read_error_text(parsed) == expected


@vendors
@modes
async def test_undocumented_error_status_in_the_vendor_format_still_parses(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    """A 429 is documented by no vendor: the ``default`` response (transforms.default_error_response) reads it."""
    body = _documented_example(vendor.name, "404")
    parsed = await _parse(vendor, server, mode, Reply(status=429, json=body))
    assert isinstance(parsed, getattr(vendor.models, vendor.error_model))


# ---------------------------------------------------------------------------------------------------------------
# lenient responses: what vendors send that their specs do not allow


@vendors
@modes
async def test_unexpected_null_is_kept_not_raised(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    body = _with(vendor.example_200, {probe.json_path: None for probe in vendor.unexpected_nulls})
    parsed = await _parse(vendor, server, mode, Reply(json=body))

    assert isinstance(parsed, getattr(vendor.models, vendor.success_model))
    assert isinstance(vendor.read_order(parsed), getattr(vendor.models, vendor.order_model))
    assert {str(probe): probe.read(parsed) for probe in vendor.unexpected_nulls} == {
        str(probe): None for probe in vendor.unexpected_nulls
    }


@vendors
@modes
async def test_unexpected_null_for_the_whole_order_is_kept(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    """Salesive's ``data: null`` (the envelope's own spec allows it, not the update's) and the others' alike."""
    parsed = await _parse(vendor, server, mode, Reply(json=_with(vendor.example_200, {("data",): None})))
    assert isinstance(parsed, getattr(vendor.models, vendor.success_model))
    assert vendor.read_order(parsed) is None


@vendors
@modes
async def test_wrong_type_is_kept_as_received(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    body = _with(vendor.example_200, {probe.json_path: value for probe, value in vendor.wrong_types})
    parsed = await _parse(vendor, server, mode, Reply(json=body))

    assert isinstance(vendor.read_order(parsed), getattr(vendor.models, vendor.order_model))
    received = {str(probe): probe.read(parsed) for probe, _ in vendor.wrong_types}
    assert received == {str(probe): value for probe, value in vendor.wrong_types}


@vendors
@modes
async def test_missing_key_reads_as_unset(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    body = copy.deepcopy(vendor.example_200)
    for probe in vendor.missing_keys:
        _delete(body, probe.json_path)
    parsed = await _parse(vendor, server, mode, Reply(json=body))

    unset = vendor.module("types").UNSET
    assert isinstance(vendor.read_order(parsed), getattr(vendor.models, vendor.order_model))
    assert {str(probe): probe.read(parsed) for probe in vendor.missing_keys} == {
        str(probe): unset for probe in vendor.missing_keys
    }


@vendors
@modes
async def test_unknown_enum_value_in_a_response_is_kept_as_the_raw_string(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    body = _with(vendor.example_200, {probe.json_path: "on_hold" for probe in vendor.enum_fields})
    parsed = await _parse(vendor, server, mode, Reply(json=body))

    assert isinstance(vendor.read_order(parsed), getattr(vendor.models, vendor.order_model))
    for probe in vendor.enum_fields:
        value = probe.read(parsed)
        assert value == "on_hold", probe
        assert type(value) is str, f"{probe}: {type(value).__name__}, not the raw string"


@modes
async def test_unknown_launchmystore_error_code_is_kept(mode: str, server: LoopbackServer) -> None:
    body = {"success": False, "error": {"code": "RATE_LIMITED", "message": "Slow down"}}
    parsed = await _parse(LAUNCHMYSTORE, server, mode, Reply(status=429, json=body))
    assert isinstance(parsed, LAUNCHMYSTORE.models.Error)
    assert (parsed.error.code, parsed.error.message) == ("RATE_LIMITED", "Slow down")


# ---------------------------------------------------------------------------------------------------------------
# unreadable bodies


@vendors
@modes
@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<html><body>502 Bad Gateway</body></html>", "text/html"),
        (b"", None),
        (b'[{"id": "ord_1"}]', "application/json"),
        (b'"ok"', "application/json"),
        (b'{"data": {"id": "ord_1"', "application/json"),
    ],
    ids=["html", "empty", "json-array", "json-string", "truncated-json"],
)
async def test_unreadable_success_body_raises_response_parse_error(
    vendor: Vendor, mode: str, body: bytes, content_type: str | None, server: LoopbackServer
) -> None:
    server.replies.append(Reply(status=200, body=body, content_type=content_type))
    response = await _update(vendor, server, mode)  # the detailed call returns; the body is read on access
    assert (response.status_code, response.content) == (200, body)
    for _ in range(2):  # a failed parse is not kept as a result: every access raises
        with pytest.raises(vendor.module("errors").ResponseParseError) as caught:
            _ = response.parsed
        assert caught.value.path == "$"
        assert caught.value.status_code == 200
        assert caught.value.excerpt == body[:200].decode()


@vendors
@modes
async def test_plain_call_raises_response_parse_error_at_once(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    """``sync()``/``asyncio()`` return the parsed body, so they raise where upstream's do: in the call."""
    server.replies.append(Reply(status=200, body=b"<html>maintenance</html>", content_type="text/html"))
    client = vendor.client(server.base_url)
    with pytest.raises(vendor.module("errors").ResponseParseError):
        if mode == "sync":
            with client:
                vendor.endpoint.sync(ORDER_ID, client=client, body=vendor.body())
        else:
            async with client:
                await vendor.endpoint.asyncio(ORDER_ID, client=client, body=vendor.body())


@vendors
@modes
async def test_parsed_is_read_once_on_first_access(
    vendor: Vendor, mode: str, server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The detailed call builds no models until ``parsed`` is read, and reading it twice parses once."""
    success_model = getattr(vendor.module("models"), vendor.success_model)
    calls = []
    original = success_model.from_dict.__func__

    def counting_from_dict(cls: type, src_dict: Any) -> Any:
        calls.append(src_dict)
        return original(cls, src_dict)

    monkeypatch.setattr(success_model, "from_dict", classmethod(counting_from_dict))
    server.replies.append(Reply(status=200, json=vendor.example_200))
    response = await _update(vendor, server, mode)
    assert calls == []
    first = response.parsed
    assert isinstance(first, success_model)
    assert response.parsed is first
    assert len(calls) == 1


@vendors
@modes
@pytest.mark.parametrize("status", [404, 500, 502])
async def test_error_status_with_html_body_parses_to_none(
    vendor: Vendor, mode: str, status: int, server: LoopbackServer
) -> None:
    html = b"<html><body><h1>Not Found</h1></body></html>"
    server.replies.append(Reply(status=status, body=html, content_type="text/html"))
    response = await _update(vendor, server, mode)
    assert response.status_code == status
    assert response.parsed is None
    assert response.content == html  # the caller still has the body, for a log line


@vendors
@modes
@pytest.mark.parametrize("status", [520, 499])
async def test_nonstandard_error_status_returns_a_response(
    vendor: Vendor, mode: str, status: int, server: LoopbackServer
) -> None:
    """Cloudflare's 520 and nginx's 499 are outside http.HTTPStatus: still a Response, not a bare ValueError."""
    server.replies.append(Reply(status=status, body=b"<html>Web server is returning an unknown error</html>"))
    response = await _update(vendor, server, mode)
    assert response.status_code == status
    assert response.parsed is None


# ---------------------------------------------------------------------------------------------------------------
# strict requests


@pytest.mark.parametrize("vendor", [v for v in VENDORS if v.request_enum_models], ids=lambda v: v.name)
def test_unknown_enum_value_in_a_request_body_is_refused(vendor: Vendor) -> None:
    model = getattr(vendor.models, vendor.request_enum_models[0])
    with pytest.raises(ValueError, match="'bogus'"):
        model(status="bogus").to_dict()


@pytest.mark.parametrize("vendor", [v for v in VENDORS if v.request_enum_models], ids=lambda v: v.name)
@modes
async def test_unknown_enum_value_in_a_request_never_reaches_the_server(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    model = getattr(vendor.models, vendor.request_enum_models[0])
    with pytest.raises(ValueError, match="'bogus'"):
        await _update(vendor, server, mode, body=model(status="bogus"))
    assert server.requests == []


# ---------------------------------------------------------------------------------------------------------------
# path parameters


@vendors
@modes
@pytest.mark.parametrize(
    ("order_id", "segment"),
    [
        ("../customers/1", "..%2Fcustomers%2F1"),
        ("a/b?x=1#f", "a%2Fb%3Fx%3D1%23f"),
        ("100%", "100%25"),
        ("ünï", "%C3%BCn%C3%AF"),
    ],
    ids=["dot-dot-slash", "slash-query-fragment", "percent", "unicode"],
)
async def test_order_id_arrives_as_one_encoded_path_segment(
    vendor: Vendor, mode: str, order_id: str, segment: str, server: LoopbackServer
) -> None:
    server.replies.append(Reply(json=vendor.example_200))
    client = vendor.client(f"{server.base_url}/api/v1")
    await _update(vendor, server, mode, order_id, client=client)

    [request] = server.requests
    assert request.raw_path == f"/api/v1/orders/{segment}"
    assert unquote(request.raw_path.rsplit("/", 1)[1]) == order_id


@vendors
@modes
@pytest.mark.parametrize("order_id", ["..", "."], ids=["dot-dot", "dot"])
async def test_dot_segment_order_id_stays_inside_orders(
    vendor: Vendor, mode: str, order_id: str, server: LoopbackServer
) -> None:
    server.replies.append(Reply(json=vendor.example_200))
    client = vendor.client(f"{server.base_url}/api/v1")
    await _update(vendor, server, mode, order_id, client=client)

    [request] = server.requests
    prefix, _, segment = request.raw_path.rpartition("/")
    assert (prefix, unquote(segment)) == ("/api/v1/orders", order_id)


# ---------------------------------------------------------------------------------------------------------------
# the client object


@vendors
@modes
async def test_repr_does_not_leak_the_token(vendor: Vendor, mode: str, server: LoopbackServer) -> None:
    client = vendor.client(server.base_url)
    assert TOKEN not in repr(client)
    server.replies.append(Reply(json=vendor.example_200))
    await _update(vendor, server, mode, client=client)
    assert server.requests[0].headers[vendor.auth_header] == vendor.auth_value  # the token was really used ...
    assert TOKEN not in repr(client)  # ... and is still not in the repr
    assert TOKEN not in str(client)
    assert TOKEN not in repr(client.with_headers({"X-Request-Id": "1"}))


@vendors
@modes
async def test_the_credential_header_is_masked_in_the_arguments_of_a_request(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    """What a traceback with locals (Sentry, rich) or a debugger shows of the headers the endpoint passes to httpx."""
    seen: list[str] = []
    client = vendor.client(server.base_url)
    httpx_client = client.get_httpx_client() if mode == "sync" else client.get_async_httpx_client()
    original = httpx_client.request

    def request(*args: Any, **kwargs: Any) -> Any:
        seen.append(repr(kwargs))  # the endpoint's keyword arguments, headers included, as a frame would show them
        return original(*args, **kwargs)

    httpx_client.request = request
    server.replies.append(Reply(json=vendor.example_200))
    await _update(vendor, server, mode, client=client)
    assert server.requests[0].headers[vendor.auth_header] == vendor.auth_value  # the real credential on the wire
    assert client.auth_header_value == vendor.auth_value
    (arguments,) = seen
    assert vendor.auth_header.lower() in arguments.lower()
    assert TOKEN not in arguments, arguments
    assert TOKEN not in repr({vendor.auth_header: client.auth_header_value})


@vendors
@modes
async def test_a_callers_own_httpx_client_is_authenticated_too(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    """A client given through set_(async_)httpx_client (pooling, proxies, mTLS) still sends the credential."""
    import httpx

    server.replies.append(Reply(json=vendor.example_200))
    client = vendor.client("http://unused.invalid")
    if mode == "sync":
        client.set_httpx_client(httpx.Client(base_url=server.base_url))
    else:
        client.set_async_httpx_client(httpx.AsyncClient(base_url=server.base_url))
    response = await _update(vendor, server, mode, client=client)

    assert response.status_code == 200
    assert server.requests[0].headers[vendor.auth_header] == vendor.auth_value


@vendors
@pytest.mark.parametrize("client_class", ["Client", "AuthenticatedClient"])
def test_fresh_client_has_a_finite_default_timeout(vendor: Vendor, client_class: str) -> None:
    kwargs = {"token": TOKEN} if client_class == "AuthenticatedClient" else {}
    client = getattr(vendor.module("client"), client_class)(base_url="http://127.0.0.1:9", **kwargs)
    for httpx_client in (client.get_httpx_client(), client.get_async_httpx_client()):
        timeout = httpx_client.timeout
        values = {"connect": timeout.connect, "read": timeout.read, "write": timeout.write, "pool": timeout.pool}
        assert all(v is not None and 0 < v < math.inf for v in values.values()), values
        assert (timeout.connect, timeout.read) == (GENERATED_DEFAULT_CONNECT_TIMEOUT_S, GENERATED_DEFAULT_TIMEOUT_S)


@modes
async def test_timeout_stops_a_silent_server(mode: str, server: LoopbackServer) -> None:
    """The timeout really reaches httpx: a server that never answers ends in httpx.TimeoutException."""
    import httpx

    server.replies.append(Reply(delay_before_headers=10))
    client = BITBYBIT.client(server.base_url).with_timeout(httpx.Timeout(0.2))
    with pytest.raises(httpx.TimeoutException):
        await _update(BITBYBIT, server, mode, client=client)


# ---------------------------------------------------------------------------------------------------------------
# typing of tolerant enums


def _response_enum_fields(vendor: Vendor) -> dict[str, tuple[Any, ...]]:
    """``Model.field`` -> the members of its type union, for every response-model field whose type has an enum."""
    models, types_module = vendor.models, vendor.module("types")
    namespace = {**vars(models), "Unset": types_module.Unset, "datetime": datetime}
    request_models = {vendor.body_model, *vendor.request_enum_models}
    fields = {}
    for name, cls in vars(models).items():
        if not isinstance(cls, type) or not hasattr(cls, "from_dict") or name in request_models:
            continue
        for field_name, hint in typing.get_type_hints(cls, localns=namespace).items():
            members = typing.get_args(hint) or (hint,)
            if any(isinstance(m, type) and issubclass(m, enum.Enum) for m in members):
                fields[f"{name}.{field_name}"] = members
    return fields


# launchmystore's Order.fulfillment_status is `anyOf: [FulfillmentStatus, null]`: a union, not an enum property.
NULLABLE_RESPONSE_ENUMS = {"launchmystore": {"Order.fulfillment_status"}}


@vendors
def test_response_enum_fields_are_typed_to_admit_an_unknown_string(vendor: Vendor) -> None:
    fields = _response_enum_fields(vendor)
    checked = {
        name: members for name, members in fields.items() if name not in NULLABLE_RESPONSE_ENUMS.get(vendor.name, ())
    }
    assert checked or vendor is SALESIVE, "expected response enums to check"
    lacking_str = sorted(name for name, members in checked.items() if str not in members)
    assert not lacking_str, f"typed as the enum alone, so mypy does not make callers handle a new value: {lacking_str}"


def test_nullable_response_enum_is_typed_to_admit_an_unknown_string() -> None:
    members = _response_enum_fields(LAUNCHMYSTORE)["Order.fulfillment_status"]
    assert str in members


def _normalise_times(document: Any) -> Any:
    """``document`` with each ISO 8601 date-time string as an aware datetime: ``Z`` and ``+00:00`` are one instant."""
    if isinstance(document, dict):
        return {key: _normalise_times(value) for key, value in document.items()}
    if isinstance(document, list):
        return [_normalise_times(value) for value in document]
    if isinstance(document, str) and len(document) >= 19 and document[4] == "-" and document[10] == "T":
        return datetime.datetime.fromisoformat(document)
    return document


@vendors
@modes
@pytest.mark.parametrize("case", ["null", "wrong-type", "unknown-enum"])
async def test_leniently_parsed_response_serialises_back_as_received(
    vendor: Vendor, mode: str, case: str, server: LoopbackServer
) -> None:
    """What from_dict kept as received, to_dict() sends back as received (a response can be cached or logged)."""
    changes = {
        "null": {probe.json_path: None for probe in vendor.unexpected_nulls},
        "wrong-type": {probe.json_path: value for probe, value in vendor.wrong_types},
        "unknown-enum": {probe.json_path: "on_hold" for probe in vendor.enum_fields},
    }[case]
    parsed = await _parse(vendor, server, mode, Reply(json=_with(vendor.example_200, changes)))
    serialised = parsed.to_dict()
    assert {path: _lookup(serialised, path) for path in changes} == changes
    json.dumps(serialised)  # still JSON: nothing but what came from JSON was passed through


@vendors
@modes
async def test_response_with_missing_keys_serialises_without_them(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    body = copy.deepcopy(vendor.example_200)
    for probe in vendor.missing_keys:
        _delete(body, probe.json_path)
    serialised = (await _parse(vendor, server, mode, Reply(json=body))).to_dict()
    for probe in vendor.missing_keys:
        assert probe.json_path[-1] not in _lookup(serialised, probe.json_path[:-1]), probe


@vendors
@modes
async def test_well_formed_response_serialises_to_what_was_received(
    vendor: Vendor, mode: str, server: LoopbackServer
) -> None:
    """The strict direction is untouched: parsed values convert back (datetimes compare as instants)."""
    serialised = (await _parse(vendor, server, mode, Reply(json=vendor.example_200))).to_dict()
    assert _normalise_times(serialised) == _normalise_times(vendor.example_200)
