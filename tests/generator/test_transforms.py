"""Each transform in ``generator/transforms.py`` on small spec fragments, plus the effect that matters downstream:
what openapi-python-client generates from a normalised nullable enum, and the real vendor specs after normalising.
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from ruamel.yaml import YAML

from generator import transforms
from generator.transforms import default_error_response, normalise, nullable_to_type_null

ROOT = Path(__file__).resolve().parents[2]


def _doc(schema: dict[str, Any], openapi: str = "3.1.0") -> dict[str, Any]:
    """A minimal OpenAPI document whose only response schema is ``{type: object, properties: {field: schema}}``."""
    return {
        "openapi": openapi,
        "info": {"title": "fragment", "version": "1"},
        "paths": {
            "/orders/{id}": {
                "get": {
                    "operationId": "getOrder",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"type": "object", "properties": {"field": schema}},
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {"schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "string"}}}}},
    }


def _field(doc: dict[str, Any]) -> dict[str, Any]:
    field: dict[str, Any] = doc["paths"]["/orders/{id}"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]["properties"]["field"]
    return field


def _field_validator(doc: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(_field(doc))


# ---------------------------------------------------------------------------------------------------------------
# nullable_to_type_null


def test_transforms_run_in_the_declared_order_and_say_which_quirk_they_fix() -> None:
    assert (nullable_to_type_null, default_error_response) == transforms.TRANSFORMS
    for transform in transforms.TRANSFORMS:
        doc = transform.__doc__ or ""
        assert re.match(r"^(bitbybit|Salesive|LaunchMyStore)\b", doc), f"{transform.__name__}: name the vendor first"


def test_nullable_string_becomes_a_type_list_with_null() -> None:
    doc = _doc({"type": "string", "nullable": True, "description": "Order notes", "example": "hi"})
    nullable_to_type_null(doc)

    assert _field(doc) == {"type": ["string", "null"], "description": "Order notes", "example": "hi"}
    validator = _field_validator(doc)
    assert validator.is_valid(None)
    assert validator.is_valid("hi")
    assert not validator.is_valid(3)


def test_nullable_number_with_format_keeps_the_format() -> None:
    doc = _doc({"type": "number", "format": "double", "nullable": True})
    nullable_to_type_null(doc)
    assert _field(doc) == {"type": ["number", "null"], "format": "double"}


def test_nullable_type_list_gets_null_once() -> None:
    doc = _doc({"type": ["string", "integer"], "nullable": True})
    nullable_to_type_null(doc)
    assert _field(doc) == {"type": ["string", "integer", "null"]}

    doc = _doc({"type": ["string", "null"], "nullable": True})
    nullable_to_type_null(doc)
    assert _field(doc) == {"type": ["string", "null"]}


def test_nullable_ref_becomes_any_of_the_ref_or_null() -> None:
    doc = _doc({"$ref": "#/components/schemas/Thing", "nullable": True, "description": "A thing"})
    nullable_to_type_null(doc)
    assert _field(doc) == {
        "description": "A thing",
        "anyOf": [{"$ref": "#/components/schemas/Thing"}, {"type": "null"}],
    }


def test_nullable_enum_becomes_any_of_the_enum_or_null() -> None:
    doc = _doc({"type": "string", "enum": ["a", "b"], "nullable": True, "description": "The state", "default": "a"})
    nullable_to_type_null(doc)

    assert _field(doc) == {
        "description": "The state",
        "default": "a",
        "anyOf": [{"type": "string", "enum": ["a", "b"]}, {"type": "null"}],
    }
    validator = _field_validator(doc)
    assert [validator.is_valid(v) for v in ("a", "b", None, "c", 1)] == [True, True, True, False, False]


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "enum": ["a", None, "b"], "nullable": True},
        {"type": ["string", "null"], "enum": ["a", "b", None], "nullable": True},
    ],
    ids=["null-in-enum", "type-list-and-null-in-enum"],
)
def test_nullable_enum_that_already_lists_null_gets_a_clean_enum_branch(schema: dict[str, Any]) -> None:
    doc = _doc(schema)
    nullable_to_type_null(doc)
    assert _field(doc) == {"anyOf": [{"type": "string", "enum": ["a", "b"]}, {"type": "null"}]}


def test_nullable_false_is_dropped_and_nothing_else_changes() -> None:
    doc = _doc({"type": "string", "nullable": False})
    nullable_to_type_null(doc)
    assert _field(doc) == {"type": "string"}


def test_non_nullable_schemas_are_left_alone() -> None:
    doc = _doc({"type": "string", "enum": ["a", "b"]})
    before = copy.deepcopy(doc)
    nullable_to_type_null(doc)
    assert doc == before


def test_nullable_inside_nested_properties_and_items_is_rewritten() -> None:
    doc = _doc(
        {
            "type": "array",
            "items": {"type": "object", "properties": {"sku": {"type": "string", "nullable": True}}},
        }
    )
    nullable_to_type_null(doc)
    assert _field(doc)["items"]["properties"]["sku"] == {"type": ["string", "null"]}


@pytest.mark.parametrize("version", ["3.0.3", "3.0.0"])
def test_nullable_is_left_alone_in_an_openapi_3_0_document(version: str) -> None:
    """In 3.0, ``nullable`` is the right keyword, and ``type: [...]`` would be invalid."""
    doc = _doc({"type": "string", "enum": ["a", "b"], "nullable": True}, openapi=version)
    before = copy.deepcopy(doc)
    nullable_to_type_null(doc)
    assert doc == before


def test_a_normalised_nullable_enum_generates_one_enum_class(tmp_path: Path) -> None:
    """The point of the anyOf form: openapi-python-client 0.29.1 made three duplicate enum classes of the
    ``type: [string, "null"]`` + ``enum: [a, b, null]`` form; the anyOf form gives one, typed ``| None``."""
    doc = _doc({"type": "string", "enum": ["a", "b"], "nullable": True, "description": "The state"})
    spec_path = tmp_path / "fragment.yaml"
    with spec_path.open("w", encoding="utf-8") as stream:
        YAML(typ="rt").dump(normalise(doc), stream)
    validate(YAML(typ="safe").load(spec_path.read_text(encoding="utf-8")))  # valid OpenAPI 3.1

    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    out = tmp_path / "fragment_client"
    command = [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(spec_path)]
    command += ["--meta", "none", "--output-path", str(out), "--overwrite", "--fail-on-warning"]
    result = subprocess.run(
        command,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    sources = {path.name: path.read_text(encoding="utf-8") for path in (out / "models").glob("*.py")}
    enum_classes = sorted(
        name for text in sources.values() for name in re.findall(r"^class (\w+)\((?:StrEnum|str, Enum)\)", text, re.M)
    )
    assert len(enum_classes) == 1, enum_classes
    [model] = [text for name, text in sources.items() if name == "get_order_response_200.py"]
    assert re.search(rf"^    field: {enum_classes[0]} \| None \| Unset = UNSET$", model, re.M), model


def test_bitbybit_spec_has_no_nullable_left_after_normalising() -> None:
    spec = normalise(YAML(typ="safe").load((ROOT / "specs" / "bitbybit.yaml").read_text(encoding="utf-8")))
    text = StringIO()
    YAML(typ="safe").dump(spec, text)
    assert "nullable" not in text.getvalue()
    validate(spec)
    order = spec["components"]["schemas"]["Order"]["properties"]
    assert order["currency"]["type"] == ["string", "null"]


# ---------------------------------------------------------------------------------------------------------------
# default_error_response


def _responses(**responses: Any) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "paths": {
            "/orders/{id}": {
                "summary": "path-level keys that are not operations",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "put": {"operationId": "updateOrder", "responses": responses},
            }
        },
    }


def _operation_responses(doc: dict[str, Any]) -> dict[str, Any]:
    responses: dict[str, Any] = doc["paths"]["/orders/{id}"]["put"]["responses"]
    return responses


ERROR_BODY = {"description": "Not found", "content": {"application/json": {"schema": {"$ref": "#/x/Error"}}}}
OTHER_BODY = {"description": "Unauthorized", "content": {"application/json": {"schema": {"$ref": "#/x/Other"}}}}


def test_default_response_is_added_from_the_first_4xx() -> None:
    doc = _responses(
        **{"200": {"description": "ok"}, "404": ERROR_BODY, "401": OTHER_BODY, "500": {"description": "x"}}
    )
    default_error_response(doc)
    responses = _operation_responses(doc)
    assert responses["default"] == OTHER_BODY  # 401 comes before 404
    assert set(responses) == {"200", "401", "404", "500", "default"}


def test_default_response_from_a_ref_response_is_the_same_ref() -> None:
    doc = _responses(**{"200": {"description": "ok"}, "404": {"$ref": "#/components/responses/NotFound"}})
    default_error_response(doc)
    assert _operation_responses(doc)["default"] == {"$ref": "#/components/responses/NotFound"}


def test_an_existing_default_response_is_left_alone() -> None:
    mine = {"description": "Anything else", "content": {"application/json": {"schema": {"type": "object"}}}}
    doc = _responses(**{"200": {"description": "ok"}, "404": ERROR_BODY, "default": mine})
    default_error_response(doc)
    assert _operation_responses(doc)["default"] == mine


def test_no_default_is_added_without_a_4xx_response() -> None:
    doc = _responses(**{"200": {"description": "ok"}, "500": {"description": "server error"}})
    before = copy.deepcopy(doc)
    default_error_response(doc)
    assert doc == before


def test_default_error_response_tolerates_a_document_without_paths() -> None:
    doc: dict[str, Any] = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}}
    default_error_response(doc)
    assert doc == {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}}


def test_real_specs_get_a_default_error_response() -> None:
    for vendor, first_4xx in (("bitbybit", "404"), ("salesive", "401"), ("launchmystore", "401")):
        spec = normalise(YAML(typ="safe").load((ROOT / "specs" / f"{vendor}.yaml").read_text(encoding="utf-8")))
        responses = spec["paths"]["/orders/{id}"]["put"]["responses"]
        assert responses["default"] == responses[first_4xx], vendor


# ---------------------------------------------------------------------------------------------------------------
# normalise


def test_normalise_applies_every_transform_in_place_and_returns_the_spec() -> None:
    doc = _doc({"type": "string", "nullable": True})
    get = doc["paths"]["/orders/{id}"]["get"]
    get["responses"]["404"] = ERROR_BODY
    assert normalise(doc) is doc
    assert _field(doc) == {"type": ["string", "null"]}
    assert get["responses"]["default"] == ERROR_BODY
