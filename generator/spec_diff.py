"""What changed between two versions of a vendor's OpenAPI document, each change marked breaking or additive.

``make update-specs`` prints this report for every spec it rewrites, and the regeneration pull request carries it
as its body, so a reviewer sees at a glance whether a vendor's release can break our clients.

Why our own: the reference tool, oasdiff, is a Go binary that is on neither PyPI nor npm, and the PyPI packages
that diff OpenAPI documents are young, little-used CLIs (api-schema-diff, openapi-lens and the like) or Swagger
2.0 only (swagger-spec-compatibility, unmaintained since 2021). None knows what our generated clients tolerate (an
unknown response enum value, say), which is the point of the report. So this module follows oasdiff's
breaking-change rules over the two documents as loaded by ruamel.yaml (plain or round-trip mappings):

* paths and operations: added is additive, removed is breaking (a path template matches whatever its
  parameters are called: ``/orders/{id}`` and ``/orders/{orderId}`` are one path);
* parameters and request body fields: added optional is additive; added required, removed, made required or
  retyped to a narrower type is breaking; an enum value removed is breaking, added is additive;
* response fields: added is additive; removed, retyped to a wider type, or made optional is breaking; an enum
  value removed is breaking; an enum value added is additive *for us*, unlike oasdiff's strict-client rule,
  because the generated models type response enums as ``MyEnum | str`` and keep a value they do not know;
* response statuses: a removed 2xx status is breaking, other status changes are additive.

Schemas are compared through local ``$ref`` s (``#/components/...``), ``allOf`` (merged), and ``anyOf``/``oneOf``
(a ``null`` branch means nullable; several branches are compared as the union of their fields). A schema that
refers to itself is compared once per pair of nodes, so cycles end. Not compared: headers, security schemes,
servers, callbacks, links, media types other than the JSON one, and descriptions or examples.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import unquote

__all__ = ["Change", "diff_specs", "render_report"]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# How deep a schema comparison goes before it stops, whatever the cycle guard says: a backstop only.
MAX_SCHEMA_DEPTH = 64

_PATH_PARAMETER = re.compile(r"\{([^}]*)\}")
_NULL = "null"

Direction = Literal["request", "response"]


@dataclass(frozen=True)
class Change:
    """One difference that matters to a client.

    ``kind`` names the rule in oasdiff's style (``request-property-removed``), ``location`` says where
    (``PUT /orders/{id} request body: status``), ``detail`` says what and why in one sentence.
    """

    kind: str
    location: str
    detail: str
    breaking: bool


def diff_specs(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every client-relevant change from ``old`` to ``new``, in document order (an empty ``old`` means "all new")."""
    differ = _Differ(_Resolver(old), _Resolver(new))
    differ.diff_paths(_mapping(old.get("paths")), _mapping(new.get("paths")))
    return differ.changes


def render_report(vendor: str, changes: list[Change]) -> str:
    """The changes as a Markdown section for ``vendor``: breaking changes first, then the rest, each in order."""
    breaking = [change for change in changes if change.breaking]
    additive = [change for change in changes if not change.breaking]
    lines = [f"## {vendor}", ""]
    if not changes:
        lines.append(
            "The spec text changed, but no path, operation, parameter or schema that the clients use did "
            "(descriptions, examples or metadata only)."
        )
        return "\n".join(lines) + "\n"
    plural = "s" if len(changes) != 1 else ""
    lines.append(f"{len(changes)} change{plural}: **{len(breaking)} breaking**, {len(additive)} additive.")
    for title, group in (("Breaking", breaking), ("Additive", additive)):
        if group:
            lines += ["", f"### {title}", ""]
            lines += [f"- `{change.location}`: {change.detail} (`{change.kind}`)" for change in group]
    return "\n".join(lines) + "\n"


def _mapping(node: Any) -> Mapping[str, Any]:
    return node if isinstance(node, Mapping) else {}


def _show(value: Any) -> str:
    """A value as it reads in the report: JSON, in backticks."""
    return f"`{json.dumps(value, ensure_ascii=False, default=str)}`"


class _Resolver:
    """Follows local ``$ref`` s within one document."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self._document = document

    def resolve(self, node: Any) -> Any:
        """``node`` with its ``$ref`` chain followed; an external, dangling or circular chain stops where it is."""
        seen: set[str] = set()
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
            ref: str = node["$ref"]
            if ref in seen or not ref.startswith("#/"):
                break
            seen.add(ref)
            target = self._lookup(ref)
            if target is None:
                break
            node = target
        return node

    def _lookup(self, ref: str) -> Any:
        target: Any = self._document
        for raw in ref[2:].split("/"):
            part = unquote(raw).replace("~1", "/").replace("~0", "~")
            if isinstance(target, Mapping) and part in target:
                target = target[part]
            elif isinstance(target, list) and part.isdigit() and int(part) < len(target):
                target = target[int(part)]
            else:
                return None
        return target


@dataclass
class _SchemaView:
    """What a schema says once ``$ref``, ``allOf``, ``anyOf`` and ``oneOf`` are folded in."""

    types: set[str] = field(default_factory=set)
    format: str | None = None
    enum: list[Any] | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    items: Any = None

    def merge(self, other: _SchemaView) -> None:
        """Fold in an ``allOf`` branch: both hold, so types intersect and every field and requirement adds up."""
        if self.types and other.types:
            self.types &= other.types
        else:
            self.types |= other.types
        self.format = self.format or other.format
        self.enum = self.enum if self.enum is not None else other.enum
        for name, schema in other.properties.items():
            self.properties.setdefault(name, schema)
        self.required |= other.required
        self.items = self.items if self.items is not None else other.items


def _type_covers(types: set[str], value_type: str) -> bool:
    """Whether a value of ``value_type`` fits a schema of ``types`` (an integer is a number)."""
    return value_type in types or (value_type == "integer" and "number" in types)


def _show_types(types: set[str]) -> str:
    return " | ".join(sorted(types, key=lambda t: (t == _NULL, t)))


class _Differ:
    def __init__(self, old: _Resolver, new: _Resolver) -> None:
        self.old = old
        self.new = new
        self.changes: list[Change] = []

    def add(self, kind: str, location: str, detail: str, *, breaking: bool) -> None:
        self.changes.append(Change(kind=kind, location=location, detail=detail, breaking=breaking))

    # --- paths and operations -------------------------------------------------------------------------------

    def diff_paths(self, old_paths: Mapping[str, Any], new_paths: Mapping[str, Any]) -> None:
        old_by_shape = {_PATH_PARAMETER.sub("{}", str(path)): str(path) for path in old_paths}
        new_by_shape = {_PATH_PARAMETER.sub("{}", str(path)): str(path) for path in new_paths}
        for shape, path in old_by_shape.items():
            if shape not in new_by_shape:
                methods = ", ".join(m.upper() for m in _operations(self.old.resolve(old_paths[path])))
                self.add("path-removed", path, f"path removed, with its operations: {methods or 'none'}", breaking=True)
        for shape, path in new_by_shape.items():
            if shape not in old_by_shape:
                methods = ", ".join(m.upper() for m in _operations(self.new.resolve(new_paths[path])))
                self.add("path-added", path, f"path added, with its operations: {methods or 'none'}", breaking=False)
                continue
            old_path = old_by_shape[shape]
            old_item, new_item = self.old.resolve(old_paths[old_path]), self.new.resolve(new_paths[path])
            self.diff_path_item(old_path, path, _mapping(old_item), _mapping(new_item))

    def diff_path_item(
        self, old_path: str, path: str, old_item: Mapping[str, Any], new_item: Mapping[str, Any]
    ) -> None:
        old_ops, new_ops = _operations(old_item), _operations(new_item)
        for method in old_ops:
            if method not in new_ops:
                self.add("operation-removed", f"{method.upper()} {path}", "operation removed", breaking=True)
        for method, new_op in new_ops.items():
            label = f"{method.upper()} {path}"
            if method not in old_ops:
                self.add("operation-added", label, "operation added", breaking=False)
                continue
            old_op = old_ops[method]
            self.diff_parameters(
                label,
                self._parameters(old_item, old_op, self.old, old_path),
                self._parameters(new_item, new_op, self.new, path),
            )
            self.diff_request_body(
                label, self.old.resolve(old_op.get("requestBody")), self.new.resolve(new_op.get("requestBody"))
            )
            self.diff_responses(label, _mapping(old_op.get("responses")), _mapping(new_op.get("responses")))

    # --- parameters -----------------------------------------------------------------------------------------

    def _parameters(
        self, path_item: Mapping[str, Any], operation: Mapping[str, Any], resolver: _Resolver, path: str
    ) -> dict[tuple[str, str], Mapping[str, Any]]:
        """The operation's parameters (path-level ones included, operation-level ones winning) by (in, key).

        A path parameter is keyed by its position in the path template, so renaming ``{id}`` is no change.
        """
        template_names = _PATH_PARAMETER.findall(path)
        parameters: dict[tuple[str, str], Mapping[str, Any]] = {}
        for source in (path_item.get("parameters"), operation.get("parameters")):
            for raw in source if isinstance(source, list) else []:
                parameter = resolver.resolve(raw)
                if not isinstance(parameter, Mapping):
                    continue
                where, name = str(parameter.get("in", "")), str(parameter.get("name", ""))
                key = str(template_names.index(name)) if where == "path" and name in template_names else name
                parameters[(where, key)] = parameter
        return parameters

    def diff_parameters(
        self,
        label: str,
        old: dict[tuple[str, str], Mapping[str, Any]],
        new: dict[tuple[str, str], Mapping[str, Any]],
    ) -> None:
        for key, parameter in old.items():
            if key not in new:
                where = f"{label} {key[0]} parameter {parameter.get('name')}"
                self.add("request-parameter-removed", where, "parameter removed", breaking=True)
        for key, parameter in new.items():
            where = f"{label} {key[0]} parameter {parameter.get('name')}"
            required = bool(parameter.get("required"))
            if key not in old:
                if required:
                    self.add("request-parameter-added-required", where, "new required parameter", breaking=True)
                else:
                    self.add("request-parameter-added", where, "new optional parameter", breaking=False)
                continue
            was_required = bool(old[key].get("required"))
            if required and not was_required:
                self.add("request-parameter-became-required", where, "parameter became required", breaking=True)
            elif was_required and not required:
                self.add("request-parameter-became-optional", where, "parameter became optional", breaking=False)
            self.diff_schema(old[key].get("schema"), parameter.get("schema"), "request", where, "")

    # --- request body ---------------------------------------------------------------------------------------

    def diff_request_body(self, label: str, old: Any, new: Any) -> None:
        where = f"{label} request body"
        if not isinstance(new, Mapping):
            if isinstance(old, Mapping):
                self.add("request-body-removed", where, "request body removed", breaking=True)
            return
        required = bool(new.get("required"))
        if not isinstance(old, Mapping):
            if required:
                self.add("request-body-added-required", where, "new required request body", breaking=True)
            else:
                self.add("request-body-added", where, "new optional request body", breaking=False)
            return
        if required and not old.get("required"):
            self.add("request-body-became-required", where, "request body became required", breaking=True)
        self.diff_schema(_json_schema(old), _json_schema(new), "request", where, "")

    # --- responses ------------------------------------------------------------------------------------------

    def diff_responses(self, label: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        old_by_status = {str(status): response for status, response in old.items()}
        new_by_status = {str(status): response for status, response in new.items()}
        for status in old_by_status:
            if status not in new_by_status:
                success = status.startswith("2")
                detail = (
                    "success response removed"
                    if success
                    else "error response removed: that status now reads as the operation's default error"
                )
                self.add("response-status-removed", f"{label} response {status}", detail, breaking=success)
        for status, raw in new_by_status.items():
            where = f"{label} response {status}"
            if status not in old_by_status:
                self.add("response-status-added", where, "response status added", breaking=False)
                continue
            old_response, new_response = self.old.resolve(old_by_status[status]), self.new.resolve(raw)
            old_schema, new_schema = _json_schema(old_response), _json_schema(new_response)
            if old_schema is not None and new_schema is None:
                self.add("response-body-removed", where, "response body removed", breaking=True)
            elif old_schema is None and new_schema is not None:
                self.add("response-body-added", where, "response body added", breaking=False)
            else:
                self.diff_schema(old_schema, new_schema, "response", where, "")

    # --- schemas --------------------------------------------------------------------------------------------

    def diff_schema(
        self,
        old_node: Any,
        new_node: Any,
        direction: Direction,
        where: str,
        path: str,
        *,
        seen: frozenset[tuple[int, int]] = frozenset(),
    ) -> None:
        """Compare two schemas met at the same place; ``path`` is the field path within the body (``a.b[].c``)."""
        old_resolved, new_resolved = self.old.resolve(old_node), self.new.resolve(new_node)
        pair = (id(old_resolved), id(new_resolved))
        if old_node is None or new_node is None or pair in seen or len(seen) >= MAX_SCHEMA_DEPTH:
            return
        seen = seen | {pair}
        old, new = _view(self.old, old_resolved), _view(self.new, new_resolved)
        location = f"{where}: {path}" if path else where
        self._diff_types(old, new, direction, location)
        self._diff_enums(old, new, direction, location)
        self._diff_properties(old, new, direction, where=where, path=path, seen=seen)
        if old.items is not None and new.items is not None:
            self.diff_schema(old.items, new.items, direction, where, f"{path}[]", seen=seen)

    def _diff_types(self, old: _SchemaView, new: _SchemaView, direction: Direction, location: str) -> None:
        # A request is sent by us: the vendor must keep accepting every type we may send (old ⊆ new).
        # A response is read by us: it must not start sending a type we do not expect (new ⊆ old).
        if old.types and new.types and old.types != new.types:
            sent, accepted = (old.types, new.types) if direction == "request" else (new.types, old.types)
            breaking = not all(_type_covers(accepted, t) for t in sent)
            detail = f"type changed from `{_show_types(old.types)}` to `{_show_types(new.types)}`"
            self.add(f"{direction}-property-type-changed", location, detail, breaking=breaking)
        elif old.format != new.format:
            # the same rule for the format: a new format narrows, a dropped one widens
            narrowed_format = new.format is not None
            widened_format = old.format is not None
            breaking = narrowed_format if direction == "request" else widened_format
            detail = f"format changed from {_show(old.format)} to {_show(new.format)}"
            self.add(f"{direction}-property-format-changed", location, detail, breaking=breaking)

    def _diff_enums(self, old: _SchemaView, new: _SchemaView, direction: Direction, location: str) -> None:
        if old.enum is None and new.enum is None:
            return
        if old.enum is None or new.enum is None:
            added = new.enum is not None
            enum_detail = f"enum {'added' if added else 'removed'}: " + (
                f"values now limited to {', '.join(_show(v) for v in new.enum or [])}"
                if added
                else "the field now takes any value"
            )
            # a new enum narrows what a request may carry; a dropped one widens what a response may bring
            breaking = added if direction == "request" else not added
            kind = f"{direction}-property-enum-{'added' if added else 'removed'}"
            self.add(kind, location, enum_detail, breaking=breaking)
            return
        for value in old.enum:
            if value not in new.enum:
                detail = (
                    f"enum value {_show(value)} removed: requests that send it will be rejected"
                    if direction == "request"
                    else f"enum value {_show(value)} removed: code that matches on it will never see it again"
                )
                self.add(f"{direction}-enum-value-removed", location, detail, breaking=True)
        for value in new.enum:
            if value not in old.enum:
                detail = (
                    f"enum value {_show(value)} added"
                    if direction == "request"
                    else f"enum value {_show(value)} added: additive for us, as the generated models type response "
                    "enums as `Enum | str` and keep a value they do not know (oasdiff flags it for strict clients)"
                )
                self.add(f"{direction}-enum-value-added", location, detail, breaking=False)

    def _diff_properties(
        self,
        old: _SchemaView,
        new: _SchemaView,
        direction: Direction,
        *,
        where: str,
        path: str,
        seen: frozenset[tuple[int, int]],
    ) -> None:
        old_names = list(old.properties) + sorted(old.required - old.properties.keys())
        new_names = list(new.properties) + sorted(new.required - new.properties.keys())
        request = direction == "request"

        def location(name: str) -> str:
            return f"{where}: {path}.{name}" if path else f"{where}: {name}"

        for name in old_names:
            if name not in new_names:
                detail = "field removed: " + (
                    "requests that send it will have it rejected or ignored"
                    if request
                    else "code that reads it will not find it"
                )
                self.add(f"{direction}-property-removed", location(name), detail, breaking=True)
        for name in new_names:
            required, was_required = name in new.required, name in old.required
            if name not in old_names:
                if request and required:
                    detail = "new required field: requests without it will be rejected"
                    self.add("request-property-added-required", location(name), detail, breaking=True)
                else:
                    state = "required" if required else "optional"
                    self.add(f"{direction}-property-added", location(name), f"new {state} field", breaking=False)
                continue
            if required and not was_required:
                kind = f"{direction}-property-became-required"
                self.add(kind, location(name), "field became required", breaking=request)
            elif was_required and not required:
                detail = "field became optional" + ("" if request else ": responses may now leave it out")
                self.add(f"{direction}-property-became-optional", location(name), detail, breaking=not request)
            self.diff_schema(
                old.properties.get(name, {}),
                new.properties.get(name, {}),
                direction,
                where,
                f"{path}.{name}" if path else name,
                seen=seen,
            )


def _operations(path_item: Any) -> dict[str, Mapping[str, Any]]:
    item = _mapping(path_item)
    return {str(key): value for key, value in item.items() if key in HTTP_METHODS and isinstance(value, Mapping)}


def _json_schema(body: Any) -> Any:
    """The schema of a request body's or response's JSON content (``application/json``, else ``*+json``, else the
    first media type), or None when it has no content."""
    content = _mapping(_mapping(body).get("content"))
    if not content:
        return None
    names = [str(name) for name in content]
    chosen = next(
        (n for n in names if n.split(";")[0].strip() == "application/json"),
        next((n for n in names if n.split(";")[0].strip().endswith("+json")), names[0]),
    )
    return _mapping(content[chosen]).get("schema")


def _branches(node: Mapping[str, Any], keyword: str) -> Iterator[Any]:
    branches = node.get(keyword)
    yield from branches if isinstance(branches, list) else []


def _view(resolver: _Resolver, node: Any, depth: int = 0) -> _SchemaView:
    """Fold a schema into a :class:`_SchemaView`."""
    # OpenAPI 3.0 style `{$ref: ..., nullable: true}`: the flag sits beside the reference
    nullable = isinstance(node, Mapping) and node.get("nullable") is True
    node = resolver.resolve(node)
    view = _SchemaView()
    if not isinstance(node, Mapping) or depth > MAX_SCHEMA_DEPTH:
        return view
    declared = node.get("type")
    if isinstance(declared, str):
        view.types = {declared}
    elif isinstance(declared, list):
        view.types = {str(t) for t in declared}
    nullable = nullable or node.get("nullable") is True
    view.format = str(node["format"]) if "format" in node else None
    view.enum = list(node["enum"]) if isinstance(node.get("enum"), list) else None
    view.properties = dict(_mapping(node.get("properties")))
    required = node.get("required")
    view.required = {str(name) for name in required} if isinstance(required, list) else set()
    view.items = node.get("items")

    for branch in _branches(node, "allOf"):
        view.merge(_view(resolver, branch, depth + 1))

    alternatives = [_view(resolver, b, depth + 1) for kw in ("anyOf", "oneOf") for b in _branches(node, kw)]
    nullable = nullable or any(alt.types == {_NULL} for alt in alternatives)
    alternatives = [alt for alt in alternatives if alt.types != {_NULL}]
    if len(alternatives) == 1:
        view.merge(alternatives[0])
    elif alternatives:
        # several shapes: compare what any of them may hold, and require only what all of them require
        union = _SchemaView(
            types=set().union(*(alt.types for alt in alternatives)) if all(a.types for a in alternatives) else set(),
            enum=(
                [v for alt in alternatives for v in alt.enum or []]
                if all(alt.enum is not None for alt in alternatives)
                else None
            ),
            required=set.intersection(*(alt.required for alt in alternatives)),
        )
        for alt in alternatives:
            for name, schema in alt.properties.items():
                union.properties.setdefault(name, schema)
            union.items = union.items if union.items is not None else alt.items
        view.merge(union)
    if nullable and view.types:
        view.types.add(_NULL)
    return view
