"""The OpenAPI documents in ``specs/``: every one is valid OpenAPI 3.1, and the hand-written LaunchMyStore spec
stays faithful to its prose documentation page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from ruamel.yaml import YAML

from tests.support.vendors import VENDORS
from tests.vendors import table

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "specs" / "sources.yaml"

# From https://docs.launchmystore.io/api-reference/orders/update-order ("Body Parameters" and "Error Codes").
LAUNCHMYSTORE_BODY_FIELDS = (
    "note",
    "tags",
    "email",
    "phone",
    "shipping_address",
    "billing_address",
    "note_attributes",
)
LAUNCHMYSTORE_ERROR_CODES = ("UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "VALIDATION_ERROR", "ORDER_CLOSED")


def _load_yaml(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def _vendors() -> dict[str, dict[str, Any]]:
    vendors: dict[str, dict[str, Any]] = _load_yaml(SOURCES)["vendors"]
    return vendors


def _spec(vendor: str) -> dict[str, Any]:
    spec: dict[str, Any] = _load_yaml(ROOT / _vendors()[vendor]["spec"])
    return spec


def _walk(node: Any, pointer: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping in the document with its JSON pointer, parents before children."""
    if isinstance(node, dict):
        yield pointer, node
        for key, value in node.items():
            yield from _walk(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, f"{pointer}/{index}")


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` (``#/components/...``) until reaching a node without one."""
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


@pytest.fixture(scope="module")
def launchmystore() -> dict[str, Any]:
    return _spec("launchmystore")


@pytest.mark.parametrize("vendor", VENDORS)
def test_spec_is_valid_openapi_3_1(vendor: str) -> None:
    spec: dict[str, Any] = _load_yaml(table(vendor).spec_path)
    assert str(spec["openapi"]).startswith("3.1"), f"{vendor}: not an OpenAPI 3.1 document"
    validate(spec)


def test_launchmystore_is_hand_written_from_its_page(launchmystore: dict[str, Any]) -> None:
    vendor = _vendors()["launchmystore"]
    assert vendor["hand_written"] is True
    assert launchmystore["info"]["x-source"] == vendor["source"]["url"]


def test_launchmystore_request_has_every_documented_body_field(launchmystore: dict[str, Any]) -> None:
    operation = launchmystore["paths"]["/orders/{id}"]["put"]
    assert operation["operationId"] == "updateOrder"
    body = _resolve(launchmystore, operation["requestBody"]["content"]["application/json"]["schema"])
    missing = [field for field in LAUNCHMYSTORE_BODY_FIELDS if field not in body["properties"]]
    assert not missing, f"body fields from the vendor page missing from UpdateOrderRequest: {missing}"


def test_launchmystore_error_code_enum_has_every_documented_code(launchmystore: dict[str, Any]) -> None:
    error = _resolve(launchmystore, launchmystore["components"]["schemas"]["Error"])
    error_info = _resolve(launchmystore, error["properties"]["error"])
    code = _resolve(launchmystore, error_info["properties"]["code"])
    missing = [c for c in LAUNCHMYSTORE_ERROR_CODES if c not in code["enum"]]
    assert not missing, f"error codes from the vendor page missing from the Error code enum: {missing}"


def test_launchmystore_error_response_examples_use_their_documented_code(launchmystore: dict[str, Any]) -> None:
    operation = launchmystore["paths"]["/orders/{id}"]["put"]
    codes = set()
    for status, response in operation["responses"].items():
        if str(status).startswith("2"):
            continue
        example = _resolve(launchmystore, response)["content"]["application/json"]["example"]
        codes.add(example["error"]["code"])
    assert codes == set(LAUNCHMYSTORE_ERROR_CODES)


def _validator(spec: dict[str, Any], schema_name: str) -> Draft202012Validator:
    registry: Registry[Any] = Registry().with_resource(
        "urn:spec", Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    return Draft202012Validator({"$ref": f"urn:spec#/components/schemas/{schema_name}"}, registry=registry)


def test_launchmystore_documented_example_response_matches_order_response(launchmystore: dict[str, Any]) -> None:
    response = launchmystore["paths"]["/orders/{id}"]["put"]["responses"]["200"]["content"]["application/json"]
    example = response["example"]
    assert example["data"]["id"] == "ord_abc123"  # the page's example, not one of ours
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in _validator(launchmystore, "OrderResponse").iter_errors(example)
    ]
    assert not errors, errors


def test_launchmystore_examples_match_their_schemas(launchmystore: dict[str, Any]) -> None:
    """Every example next to a ``$ref`` schema in a media type (request and error bodies too) is valid."""
    checked = 0
    for pointer, node in _walk(launchmystore):
        schema = node.get("schema")
        if "example" not in node or not isinstance(schema, dict) or "$ref" not in schema:
            continue
        name = schema["$ref"].removeprefix("#/components/schemas/")
        errors = [e.message for e in _validator(launchmystore, name).iter_errors(node["example"])]
        assert not errors, f"{pointer}: {errors}"
        checked += 1
    assert checked >= 7  # request body, 200 and the five error responses


def test_launchmystore_assumptions_are_explained(launchmystore: dict[str, Any]) -> None:
    assumptions = [(pointer, node) for pointer, node in _walk(launchmystore) if node.get("x-assumption") is True]
    assert assumptions, "a hand-written spec without a single x-assumption is suspicious"
    unexplained = [
        pointer
        for pointer, node in assumptions
        if not isinstance(node.get("description"), str) or not node["description"].strip()
    ]
    assert not unexplained, f"x-assumption without a description: {unexplained}"


def test_launchmystore_uses_3_1_null_style(launchmystore: dict[str, Any]) -> None:
    offenders = [pointer for pointer, node in _walk(launchmystore) if "nullable" in node]
    assert not offenders, f"`nullable` is OpenAPI 3.0; use type: [T, 'null']: {offenders}"
