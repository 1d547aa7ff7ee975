"""Every named change kind on its own fixture pair (``fixtures/kinds/<pair>/old.yaml`` -> ``new.yaml``).

Each pair differs from the other side in one thing, written from the OpenAPI 3.1 specification; the table says the
whole list of changes it must give, with kind, location and level, so a missed change, a change of the wrong level
and noise dragged along all fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.spec_diff import Change, diff_specs

KINDS = Path(__file__).resolve().parent / "fixtures" / "kinds"
PUT = "PUT /orders/{id}"
BODY = f"{PUT} request body"
OK = f"{PUT} response 200"

Expected = list[tuple[str, str, str]]

EXPECTED: dict[str, Expected] = {
    # silent before, breaking for a regenerated client
    "operation-id-changed": [("operation-id-changed", PUT, "breaking")],
    "operation-tag-changed": [("operation-tag-changed", PUT, "breaking")],
    "security-scheme-changed": [("security-scheme-changed", f"{PUT} security", "breaking")],
    "request-media-type-changed": [("request-media-type-changed", BODY, "breaking")],
    "component-schema-renamed": [("component-schema-renamed", "components.schemas.OrderUpdate", "breaking")],
    "request-parameter-renamed": [("request-parameter-renamed", "PUT /orders/{orderId} path parameter id", "breaking")],
    # missed before
    "request-property-one-of-added": [
        ("request-property-one-of-added", BODY, "additive"),
        ("component-schema-added", "components.schemas.StatusPatch", "additive"),
    ],
    "request-property-one-of-removed": [
        ("request-property-one-of-removed", BODY, "breaking"),
        ("component-schema-removed", "components.schemas.StatusPatch", "breaking"),
    ],
    "request-property-composition-changed": [
        ("request-property-composition-changed", BODY, "breaking"),
        ("component-schema-added", "components.schemas.NotePatch", "additive"),
    ],
    "response-property-all-of-added": [
        ("response-property-all-of-added", OK, "info"),
        ("component-schema-added", "components.schemas.Audited", "additive"),
    ],
    "request-body-schema-added": [("request-body-schema-added", BODY, "breaking")],
    "request-body-schema-removed": [("request-body-schema-removed", BODY, "breaking")],
    "response-property-removed-from-additional-properties": [
        ("response-property-removed", f"{OK}: meta.*.value", "breaking")
    ],
    "request-body-became-optional": [("request-body-became-optional", BODY, "additive")],
    "request-media-type-added": [("request-media-type-added", BODY, "breaking")],
    # not read at all before
    "request-property-became-read-only": [("request-property-became-read-only", f"{BODY}: internalRef", "breaking")],
    "response-property-became-write-only": [("response-property-became-write-only", f"{OK}: secret", "breaking")],
    "operation-deprecated": [("operation-deprecated", PUT, "info")],
    "response-property-deprecated": [("response-property-deprecated", f"{OK}: total", "info")],
    "response-property-max-length-tightened": [("response-property-max-length-tightened", f"{OK}: id", "info")],
    # the deliberate differences from oasdiff
    "response-enum-value-removed": [("response-enum-value-removed", f"{OK}: state", "breaking")],
    "operation-removed": [("operation-removed", PUT, "breaking")],
}
for _keyword, _field in (
    ("max-length", "note"),
    ("min-length", "note"),
    ("pattern", "note"),
    ("minimum", "discount"),
    ("maximum", "discount"),
    ("exclusive-minimum", "discount"),
    ("exclusive-maximum", "discount"),
    ("multiple-of", "discount"),
    ("min-items", "tags"),
    ("max-items", "tags"),
):
    for _way, _level in (("tightened", "breaking"), ("loosened", "additive")):
        _kind = f"request-property-{_keyword}-{_way}"
        EXPECTED[_kind] = [(_kind, f"{BODY}: {_field}", _level)]


def _pair(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    yaml = YAML(typ="safe", pure=True)
    folder = KINDS / name
    old: dict[str, Any] = yaml.load((folder / "old.yaml").read_text(encoding="utf-8"))
    new: dict[str, Any] = yaml.load((folder / "new.yaml").read_text(encoding="utf-8"))
    return old, new


def _listed(changes: list[Change]) -> Expected:
    return [(change.kind, change.location, change.level) for change in changes]


def test_every_fixture_pair_has_its_expectation() -> None:
    assert sorted(path.name for path in KINDS.iterdir() if path.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_change_kind(name: str) -> None:
    old, new = _pair(name)
    changes = diff_specs(old, new)
    assert _listed(changes) == EXPECTED[name]
    assert all(change.breaking == (change.level == "breaking") for change in changes)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_side_against_itself_is_no_change(name: str) -> None:
    old, new = _pair(name)
    assert diff_specs(old, old) == []
    assert diff_specs(new, new) == []


def test_a_tightened_request_constraint_says_the_client_refuses_it() -> None:
    changes = diff_specs(*_pair("request-property-max-length-tightened"))
    assert changes[0].detail.startswith("maxLength `500` -> `100`: values the old spec allowed are now refused")


def test_a_new_media_type_beside_json_is_not_read_as_a_retype() -> None:
    """It renames the generated body models (a body-type prefix), which is what it reports; no field changed."""
    (change,) = diff_specs(*_pair("request-media-type-added"))
    assert "`multipart/form-data` added beside `application/json`" in change.detail
    assert "UpdateOrderJsonBody" in change.detail


def test_wrapping_a_body_in_one_of_is_not_read_as_fields_made_optional() -> None:
    changes = diff_specs(*_pair("request-property-composition-changed"))
    assert not [c for c in changes if c.kind.endswith("became-optional")]
    assert "was one schema, now oneOf of 2 branches" in changes[0].detail


def test_a_removed_deprecated_operation_says_why_it_is_still_breaking() -> None:
    (change,) = diff_specs(*_pair("operation-removed"))
    assert "it was deprecated" in change.detail


def test_renames_name_the_generated_code_they_move() -> None:
    (operation,) = diff_specs(*_pair("operation-id-changed"))
    assert operation.names == ("api.orders.update_order", "UpdateOrderBody")
    assert "`api.orders.modify_order`" in operation.detail
    (schema,) = diff_specs(*_pair("component-schema-renamed"))
    assert schema.names == ("OrderUpdate",)
    assert "becomes `OrderPatch`" in schema.detail
    (parameter,) = diff_specs(*_pair("request-parameter-renamed"))
    assert "`id` becomes `order_id`" in parameter.detail


def test_security_detail_names_both_headers() -> None:
    (change,) = diff_specs(*_pair("security-scheme-changed"))
    assert "header `x-api-key`" in change.detail
    assert "header `x-shop-key`" in change.detail


def test_changing_only_the_scheme_name_sends_the_same_credential() -> None:
    old, new = _pair("security-scheme-changed")
    new["components"]["securitySchemes"] = {"Key": old["components"]["securitySchemes"]["ApiKey"]}
    new["security"] = [{"Key": []}]
    assert diff_specs(old, new) == []
