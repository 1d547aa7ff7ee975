"""Named, vendor-agnostic fixes for spec quirks, applied to every spec before generation.

Each transform takes the loaded OpenAPI document (plain dicts and lists), changes it in place, and is a
no-op on a spec without the quirk, so a new vendor release can be dropped into ``specs/`` unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

Spec = dict[str, Any]
Transform = Callable[[Spec], None]

_SCHEMA_TYPE_NULL = "null"


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in the document, depth first, parents before children."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def nullable_to_type_null(spec: Spec) -> None:
    """bitbybit: its OpenAPI 3.1 document marks nullable fields with the 3.0 keyword ``nullable: true``.

    JSON Schema 2020-12 (OpenAPI 3.1) ignores ``nullable``, so validators and mock servers would reject the
    ``null`` the vendor really sends. Rewrite it the 3.1 way: ``type: [T, "null"]``, or
    ``anyOf: [<schema>, {type: "null"}]`` when the schema is a bare ``$ref`` or an inline ``enum``. An enum
    must not become ``type: [T, "null"]`` with ``null`` in its ``enum``: openapi-python-client 0.29.1 turns
    that into three duplicate enum classes. Its ``type`` and ``enum`` move into the first ``anyOf`` branch;
    ``description`` and the other annotations stay on the outer node.
    """
    if not str(spec.get("openapi", "")).startswith("3.1"):
        return
    for node in list(_walk(spec)):
        if node.pop("nullable", None) is not True:
            continue
        if "$ref" in node:
            ref = node.pop("$ref")
            node["anyOf"] = [{"$ref": ref}, {"type": _SCHEMA_TYPE_NULL}]
            continue
        if isinstance(node.get("enum"), list):
            node["anyOf"] = [_enum_branch(node), {"type": _SCHEMA_TYPE_NULL}]
            continue
        schema_type = node.get("type")
        if isinstance(schema_type, str):
            node["type"] = [schema_type, _SCHEMA_TYPE_NULL]
        elif isinstance(schema_type, list) and _SCHEMA_TYPE_NULL not in schema_type:
            schema_type.append(_SCHEMA_TYPE_NULL)


def _enum_branch(node: dict[str, Any]) -> dict[str, Any]:
    """Pop ``type`` and ``enum`` off a nullable enum node: its non-null ``anyOf`` branch (``null`` left out)."""
    branch: dict[str, Any] = {}
    schema_type = node.pop("type", None)
    if isinstance(schema_type, list):
        schema_type = [t for t in schema_type if t != _SCHEMA_TYPE_NULL]
        schema_type = schema_type[0] if len(schema_type) == 1 else schema_type
    if schema_type:
        branch["type"] = schema_type
    branch["enum"] = [value for value in node.pop("enum") if value is not None]
    return branch


def default_error_response(spec: Spec) -> None:
    """bitbybit, Salesive: only some error statuses are documented (bitbybit: 404 only), yet every status
    comes back in the same error body.

    Without a ``default`` response the generated client returns ``parsed=None`` for a 401 or 429, and the
    vendor's error code and message are lost. Give every operation without a ``default`` response one that
    reuses the body of its first documented 4xx response.
    """
    for path_item in spec.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses: dict[str, Any] = operation["responses"]
            if "default" in responses:
                continue
            error_statuses = sorted(code for code in responses if str(code).startswith("4"))
            if error_statuses:
                responses["default"] = responses[error_statuses[0]]


# Order matters only where a transform reads what another writes; today none does.
TRANSFORMS: tuple[Transform, ...] = (
    nullable_to_type_null,
    default_error_response,
)


def normalise(spec: Spec) -> Spec:
    """Apply every transform in :data:`TRANSFORMS` to ``spec`` and return it."""
    for transform in TRANSFORMS:
        transform(spec)
    return spec
