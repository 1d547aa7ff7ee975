"""generator.spec_diff on pairs of specs: the fixture ``base.yaml`` against a copy with one change.

Each test names the rule it covers and checks the whole list of changes, so a rule that fires twice, or one
change that drags unrelated noise along, fails as surely as a missed one.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.spec_diff import Change, diff_specs, render_report

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PUT = "PUT /orders/{id}"
GET = "GET /orders/{id}"
PUT_BODY = f"{PUT} request body"
PUT_200 = f"{PUT} response 200"
GET_200 = f"{GET} response 200"


def _load(path: Path, typ: str = "safe") -> dict[str, Any]:
    document: dict[str, Any] = YAML(typ=typ, pure=True).load(path.read_text(encoding="utf-8"))
    return document


@pytest.fixture
def old() -> dict[str, Any]:
    return _load(FIXTURES / "diff" / "base.yaml")


@pytest.fixture
def new(old: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(old)


def _schemas(spec: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = spec["components"]["schemas"]
    return schemas


def _summary(changes: list[Change]) -> list[tuple[str, str, bool]]:
    return [(change.kind, change.location, change.breaking) for change in changes]


# --- no change ---------------------------------------------------------------------------------------------------


def test_identical_specs_have_no_changes(old: dict[str, Any], new: dict[str, Any]) -> None:
    assert diff_specs(old, new) == []


def test_round_trip_documents_compare_like_plain_ones() -> None:
    """ruamel.yaml's round-trip loader gives CommentedMap/CommentedSeq: the same answers."""
    rt_old, rt_new = _load(FIXTURES / "diff" / "base.yaml", "rt"), _load(FIXTURES / "diff" / "base.yaml", "rt")
    assert diff_specs(rt_old, rt_new) == []
    rt_new["components"]["schemas"]["OrderStatus"]["enum"].remove("cancelled")
    assert [c.kind for c in diff_specs(rt_old, rt_new)] == ["request-enum-value-removed"] + [
        "response-enum-value-removed"
    ] * 2


@pytest.mark.parametrize("vendor", ["bitbybit", "salesive"])
def test_real_vendor_specs_against_themselves(vendor: str) -> None:
    spec = _load(FIXTURES / "specs" / f"{vendor}.yaml")
    assert diff_specs(spec, copy.deepcopy(spec)) == []


def test_descriptions_and_examples_are_not_changes(old: dict[str, Any], new: dict[str, Any]) -> None:
    new["info"]["version"] = "2.0.0"
    _schemas(new)["Order"]["description"] = "An order."
    _schemas(new)["Order"]["properties"]["total"]["example"] = 12.5
    assert diff_specs(old, new) == []


def test_a_renamed_path_parameter_is_the_same_path(old: dict[str, Any], new: dict[str, Any]) -> None:
    """The same path, but the generated keyword argument is renamed: one breaking change per operation."""
    new["paths"]["/orders/{orderId}"] = new["paths"].pop("/orders/{id}")
    new["components"]["parameters"]["OrderId"]["name"] = "orderId"
    changes = diff_specs(old, new)
    assert _summary(changes) == [
        ("request-parameter-renamed", "PUT /orders/{orderId} path parameter id", True),
        ("request-parameter-renamed", "GET /orders/{orderId} path parameter id", True),
    ]
    assert "`id` becomes `order_id`" in changes[0].detail


# --- paths and operations ----------------------------------------------------------------------------------------


def test_path_added_is_additive(old: dict[str, Any], new: dict[str, Any]) -> None:
    new["paths"]["/customers"] = {"get": {"responses": {"200": {"description": "ok"}}}}
    changes = diff_specs(old, new)
    assert _summary(changes) == [("path-added", "/customers", False)]
    assert "GET" in changes[0].detail


def test_path_removed_is_breaking(old: dict[str, Any], new: dict[str, Any]) -> None:
    del new["paths"]["/orders"]
    changes = diff_specs(old, new)
    assert _summary(changes) == [("path-removed", "/orders", True)]
    assert "POST" in changes[0].detail


def test_operation_added_is_additive(old: dict[str, Any], new: dict[str, Any]) -> None:
    new["paths"]["/orders"]["get"] = {"responses": {"200": {"description": "ok"}}}
    assert _summary(diff_specs(old, new)) == [("operation-added", "GET /orders", False)]


def test_operation_removed_is_breaking(old: dict[str, Any], new: dict[str, Any]) -> None:
    del new["paths"]["/orders/{id}"]["get"]
    assert _summary(diff_specs(old, new)) == [("operation-removed", GET, True)]


def test_everything_is_new_against_an_empty_spec(new: dict[str, Any]) -> None:
    assert _summary(diff_specs({}, new)) == [("path-added", "/orders/{id}", False), ("path-added", "/orders", False)]


# --- parameters --------------------------------------------------------------------------------------------------


def test_parameters_added_removed_and_made_required(old: dict[str, Any], new: dict[str, Any]) -> None:
    put = new["paths"]["/orders/{id}"]["put"]
    put["parameters"] = [
        {"name": "notify", "in": "query", "required": True, "schema": {"type": "boolean"}},
        {"name": "dryRun", "in": "query", "schema": {"type": "boolean"}},
        {"name": "X-Shop", "in": "header", "required": True, "schema": {"type": "string"}},
    ]
    assert _summary(diff_specs(old, new)) == [
        ("request-parameter-became-required", f"{PUT} query parameter notify", True),
        ("request-parameter-added", f"{PUT} query parameter dryRun", False),
        ("request-parameter-added-required", f"{PUT} header parameter X-Shop", True),
    ]
    put["parameters"] = []
    assert _summary(diff_specs(old, new)) == [("request-parameter-removed", f"{PUT} query parameter notify", True)]


# --- request bodies ----------------------------------------------------------------------------------------------


def test_request_field_added_optional_is_additive(old: dict[str, Any], new: dict[str, Any]) -> None:
    _schemas(new)["OrderUpdate"]["properties"]["discount"] = {"type": "number"}
    assert _summary(diff_specs(old, new)) == [("request-property-added", f"{PUT_BODY}: discount", False)]


def test_request_field_added_required_is_breaking(old: dict[str, Any], new: dict[str, Any]) -> None:
    _schemas(new)["OrderUpdate"]["properties"]["reason"] = {"type": "string"}
    _schemas(new)["OrderUpdate"]["required"] = ["reason"]
    assert _summary(diff_specs(old, new)) == [("request-property-added-required", f"{PUT_BODY}: reason", True)]


def test_request_field_removed_is_breaking(old: dict[str, Any], new: dict[str, Any]) -> None:
    del _schemas(new)["OrderUpdate"]["properties"]["note"]
    changes = diff_specs(old, new)
    assert _summary(changes) == [("request-property-removed", f"{PUT_BODY}: note", True)]
    assert "requests that send it" in changes[0].detail


def test_request_field_made_required_is_breaking_and_made_optional_is_not(
    old: dict[str, Any], new: dict[str, Any]
) -> None:
    _schemas(new)["OrderUpdate"]["required"] = ["note"]
    assert _summary(diff_specs(old, new)) == [("request-property-became-required", f"{PUT_BODY}: note", True)]
    assert _summary(diff_specs(new, old)) == [("request-property-became-optional", f"{PUT_BODY}: note", False)]


def test_request_body_made_required_or_removed_is_breaking(old: dict[str, Any], new: dict[str, Any]) -> None:
    old["components"]["requestBodies"]["UpdateOrder"]["required"] = False
    assert _summary(diff_specs(old, new)) == [("request-body-became-required", PUT_BODY, True)]
    del new["paths"]["/orders/{id}"]["put"]["requestBody"]
    assert _summary(diff_specs(old, new)) == [("request-body-removed", PUT_BODY, True)]


def test_nested_request_field_through_refs(old: dict[str, Any], new: dict[str, Any]) -> None:
    """Address is shared by the request and the response: one change, judged once per direction."""
    del _schemas(new)["Address"]["properties"]["zip"]
    assert _summary(diff_specs(old, new)) == [
        ("request-property-removed", f"{PUT_BODY}: address.zip", True),
        ("response-property-removed", f"{PUT_200}: data.address.zip", True),
        ("response-property-removed", f"{GET_200}: address.zip", True),
    ]


def test_request_type_narrowed_is_breaking_and_widened_is_not(old: dict[str, Any], new: dict[str, Any]) -> None:
    _schemas(new)["OrderUpdate"]["properties"]["note"] = {"type": ["string", "null"]}
    widened = diff_specs(old, new)
    assert _summary(widened) == [("request-property-type-changed", f"{PUT_BODY}: note", False)]
    assert widened[0].detail == "type changed from `string` to `string | null`"
    assert _summary(diff_specs(new, old)) == [("request-property-type-changed", f"{PUT_BODY}: note", True)]


def test_request_array_items_retyped(old: dict[str, Any], new: dict[str, Any]) -> None:
    _schemas(new)["OrderUpdate"]["properties"]["tags"]["items"] = {"type": "integer"}
    assert _summary(diff_specs(old, new)) == [("request-property-type-changed", f"{PUT_BODY}: tags[]", True)]


# --- enums -------------------------------------------------------------------------------------------------------


def test_enum_value_added(old: dict[str, Any], new: dict[str, Any]) -> None:
    """Request: additive. Response: additive for us (tolerant enums), with the reason in the detail."""
    _schemas(new)["OrderStatus"]["enum"].append("refunded")
    changes = diff_specs(old, new)
    assert _summary(changes) == [
        ("request-enum-value-added", f"{PUT_BODY}: status", False),
        ("response-enum-value-added", f"{PUT_200}: data.status", False),
        ("response-enum-value-added", f"{GET_200}: status", False),
    ]
    assert '"refunded"' in changes[0].detail
    assert "Enum | str" in changes[1].detail
    assert "oasdiff" in changes[1].detail


def test_enum_value_removed_is_breaking_both_ways(old: dict[str, Any], new: dict[str, Any]) -> None:
    _schemas(new)["OrderStatus"]["enum"].remove("paid")
    assert _summary(diff_specs(old, new)) == [
        ("request-enum-value-removed", f"{PUT_BODY}: status", True),
        ("response-enum-value-removed", f"{PUT_200}: data.status", True),
        ("response-enum-value-removed", f"{GET_200}: status", True),
    ]


def test_enum_constraint_added_or_dropped(old: dict[str, Any], new: dict[str, Any]) -> None:
    """A new enum narrows a request field (breaking); a dropped one widens a response field (breaking)."""
    _schemas(new)["OrderUpdate"]["properties"]["note"]["enum"] = ["a", "b"]
    assert _summary(diff_specs(old, new)) == [("request-property-enum-added", f"{PUT_BODY}: note", True)]
    _schemas(new)["OrderUpdate"]["properties"]["note"].pop("enum")
    del _schemas(new)["OrderStatus"]["enum"]
    assert _summary(diff_specs(old, new)) == [
        ("request-property-enum-removed", f"{PUT_BODY}: status", False),
        ("response-property-enum-removed", f"{PUT_200}: data.status", True),
        ("response-property-enum-removed", f"{GET_200}: status", True),
    ]


# --- responses ---------------------------------------------------------------------------------------------------


def test_response_field_removed_is_breaking(old: dict[str, Any], new: dict[str, Any]) -> None:
    del _schemas(new)["Order"]["properties"]["total"]
    assert _summary(diff_specs(old, new)) == [
        ("response-property-removed", f"{PUT_200}: data.total", True),
        ("response-property-removed", f"{GET_200}: total", True),
    ]


def test_response_field_added_is_additive(old: dict[str, Any], new: dict[str, Any]) -> None:
    _schemas(new)["Error"]["properties"]["details"] = {"type": "array", "items": {"type": "string"}}
    assert _summary(diff_specs(old, new)) == [("response-property-added", f"{PUT} response 404: details", False)]


def test_response_field_retyped_is_breaking(old: dict[str, Any], new: dict[str, Any]) -> None:
    _schemas(new)["Order"]["properties"]["total"] = {"type": "string"}
    changes = diff_specs(old, new)
    assert _summary(changes) == [
        ("response-property-type-changed", f"{PUT_200}: data.total", True),
        ("response-property-type-changed", f"{GET_200}: total", True),
    ]
    assert changes[0].detail == "type changed from `number` to `string`"


def test_response_widened_is_breaking_and_narrowed_is_not(old: dict[str, Any], new: dict[str, Any]) -> None:
    """Also the OpenAPI 3.0 spelling of nullable, which bitbybit uses."""
    _schemas(new)["Customer"]["properties"]["email"]["nullable"] = True
    location = f"{GET_200}: customer.email"
    assert ("response-property-type-changed", location, True) in _summary(diff_specs(old, new))
    assert ("response-property-type-changed", location, False) in _summary(diff_specs(new, old))


def test_response_integer_to_number_is_a_widening(old: dict[str, Any], new: dict[str, Any]) -> None:
    _schemas(new)["LineItem"]["properties"]["quantity"] = {"type": "number"}
    assert [c.breaking for c in diff_specs(old, new)] == [True, True]
    assert [c.breaking for c in diff_specs(new, old)] == [False, False]


def test_response_format_dropped_is_breaking(old: dict[str, Any], new: dict[str, Any]) -> None:
    del _schemas(new)["Order"]["properties"]["createdAt"]["format"]
    assert _summary(diff_specs(old, new)) == [
        ("response-property-format-changed", f"{PUT_200}: data.createdAt", True),
        ("response-property-format-changed", f"{GET_200}: createdAt", True),
    ]


def test_response_field_made_optional_is_breaking(old: dict[str, Any], new: dict[str, Any]) -> None:
    _schemas(new)["Order"]["required"] = ["id"]
    assert _summary(diff_specs(old, new)) == [
        ("response-property-became-optional", f"{PUT_200}: data.status", True),
        ("response-property-became-optional", f"{GET_200}: status", True),
    ]


def test_response_through_nullable_one_of(old: dict[str, Any], new: dict[str, Any]) -> None:
    _schemas(new)["Customer"]["properties"]["email"] = {"type": "integer"}
    assert _summary(diff_specs(old, new)) == [
        ("response-property-type-changed", f"{PUT_200}: data.customer.email", True),
        ("response-property-type-changed", f"{GET_200}: customer.email", True),
    ]


def test_response_through_all_of_envelope(old: dict[str, Any], new: dict[str, Any]) -> None:
    del _schemas(new)["EnvelopeBase"]["properties"]["success"]
    _schemas(new)["EnvelopeBase"]["required"] = []
    assert _summary(diff_specs(old, new)) == [("response-property-removed", f"{PUT_200}: success", True)]


def test_response_statuses(old: dict[str, Any], new: dict[str, Any]) -> None:
    """A removed 2xx is breaking; a removed error status just reads as the default error; added is additive."""
    responses = new["paths"]["/orders/{id}"]["put"]["responses"]
    responses["409"] = {"description": "Conflict"}
    del responses["404"]
    assert _summary(diff_specs(old, new)) == [
        ("response-status-removed", f"{PUT} response 404", False),
        ("response-status-added", f"{PUT} response 409", False),
    ]
    del new["paths"]["/orders"]["post"]["responses"]["201"]
    new["paths"]["/orders"]["post"]["responses"]["200"] = {"description": "ok"}
    assert ("response-status-removed", "POST /orders response 201", True) in _summary(diff_specs(old, new))


# --- reference cycles --------------------------------------------------------------------------------------------


def test_self_referencing_schemas_end_and_still_report(old: dict[str, Any], new: dict[str, Any]) -> None:
    """Category.children -> Category and Order.parent -> Order: compared once per pair of nodes."""
    _schemas(new)["Category"]["properties"]["slug"] = {"type": "string"}
    assert _summary(diff_specs(old, new)) == [
        ("response-property-added", f"{PUT_200}: data.lineItems[].category.slug", False),
        ("response-property-added", f"{GET_200}: lineItems[].category.slug", False),
    ]


def test_a_reference_loop_without_a_schema_ends(old: dict[str, Any], new: dict[str, Any]) -> None:
    for spec in (old, new):
        _schemas(spec)["Loop"] = {"$ref": "#/components/schemas/Loop"}
        _schemas(spec)["Order"]["properties"]["loop"] = {"$ref": "#/components/schemas/Loop"}
    assert diff_specs(old, new) == []


# --- the report --------------------------------------------------------------------------------------------------


def test_report_lists_breaking_changes_first() -> None:
    changes = [
        Change("request-property-added", f"{PUT_BODY}: discount", "new optional field", level="additive"),
        Change("response-property-removed", f"{GET_200}: total", "field removed", level="breaking"),
        Change("response-property-removed", f"{GET_200}: note", "field removed", level="breaking", reaches="generated"),
        Change("operation-deprecated", GET, "operation deprecated", level="info"),
    ]
    report = render_report("bitbybit", changes)
    assert report.splitlines()[0] == "breaking for storefronts users: 1; generated layer only: 1; additive: 1"
    assert "\n## bitbybit\n" in report
    order = [
        "### Breaking for storefronts users",
        f"`{GET_200}: total`",
        "### Breaking in the generated layer only",
        f"`{GET_200}: note`",
        "### Additive",
        f"`{PUT_BODY}: discount`",
        "### Info",
        f"`{GET}`",
    ]
    assert [report.index(part) for part in order] == sorted(report.index(part) for part in order)
    assert "(`response-property-removed`)" in report


def test_report_without_client_relevant_changes() -> None:
    report = render_report("salesive", [])
    assert report.startswith("breaking for storefronts users: 0; generated layer only: 0; additive: 0\n")
    assert "descriptions, examples or metadata only" in report
    assert "### Breaking" not in report


def test_breaking_and_level_agree() -> None:
    assert Change("k", "l", "d", breaking=True).level == "breaking"
    assert Change("k", "l", "d", level="breaking").breaking is True
    assert Change("k", "l", "d", level="info").breaking is False
    with pytest.raises(ValueError, match="contradicts"):
        Change("k", "l", "d", breaking=True, level="info")
