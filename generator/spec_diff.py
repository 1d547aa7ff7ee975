"""What changed between two versions of a vendor's OpenAPI document, for our regenerated clients and their users.

``make update-specs`` prints this report for every spec it rewrites (``make spec-report`` previews one without
fetching), and the regeneration pull request carries it as its body, so a reviewer sees at a glance whether a
vendor's release can break our clients, and whether it reaches storefronts users or only the generated layer.

Every change has a named ``kind`` and a ``level`` for our clients: ``breaking`` (code or requests that worked stop
working, or the regenerated code changes a name someone imports), ``additive`` (something new, nothing lost) or
``info`` (worth reading, changes nothing we send or read). With an :class:`AdapterSurface` (what the vendor's
adapter calls, sends, reads and imports, measured by running it: see ``generator.update_specs``), each change is
also marked by whom it ``reaches``: ``facade`` (the public behaviour of ``storefronts``) or ``generated`` (only
someone using the generated client directly, or reading ``Order.raw``). Without one, every change is assumed to
reach the facade: the summary may then over-count users' breaks, never under-count them.

Why our own: the reference tool, oasdiff, is a Go binary that is on neither PyPI nor npm, and the PyPI packages
that diff OpenAPI documents are young, little-used CLIs or Swagger 2.0 only. None knows what our generated clients
tolerate, nor what openapi-python-client renames when a spec changes, which is the point of the report.

The rules, over the two documents as loaded by ruamel.yaml (plain or round-trip mappings):

* paths and operations: added is additive, removed is breaking (a path template matches whatever its
  parameters are called); an ``operationId`` or first tag changed is breaking (the generated module, its
  ``api/<tag>/`` package and the body model are named from them); a security scheme that changes what a request
  carries (header name, ``in``, type, HTTP scheme) is breaking; ``deprecated`` set is info;
* parameters: added optional is additive; added required, removed or made required is breaking; a renamed path
  parameter is breaking (the generated keyword argument is named after it), though the wire is unchanged;
* request bodies: media type removed or changed is breaking (JSON to form: the generated call now sends a form
  body); a media type added beside a single one is breaking too (openapi-python-client then prefixes the body
  models with their body type: ``UpdateOrderBody`` becomes ``UpdateOrderJsonBody``), and additive beside several;
  a schema gained or lost is breaking (the generated body parameter changes type); made optional is additive;
* request fields: added optional is additive; added required, removed, made required, retyped to a narrower
  type, made ``readOnly``, or a constraint tightened (``maxLength``, ``minLength``, ``pattern``, ``minimum``,
  ``maximum``, ``exclusiveMinimum``, ``exclusiveMaximum``, ``minItems``, ``maxItems``, ``multipleOf``) is
  breaking; an enum value removed is breaking, added is additive;
* response fields: added is additive; removed, retyped to a wider type, made optional or made ``writeOnly`` is
  breaking; an enum value removed is breaking; response constraints are info (nothing checks them on the way in);
* composition: a plain schema that becomes a ``oneOf``/``anyOf`` of several branches (or the reverse) is
  breaking, as the generated model becomes a union of ``...Type0``, ``...Type1`` classes; a branch added is
  additive in a request and breaking in a response, a branch removed is breaking; an ``allOf`` branch added or
  removed is info (openapi-python-client merges ``allOf`` into one model; the merged fields are compared too);
* ``additionalProperties`` value schemas are compared like any other (``meta.*.field``);
* component schemas: renamed (same content, new name) or removed is breaking (model class names change), added
  is additive; response statuses: a removed 2xx is breaking, a removed error status is info, added is additive.

Deliberate differences from oasdiff, each because a regenerated client is not oasdiff's generic client:

===========================================  ===========  =========  ================================================
Change                                       oasdiff      here       Why
===========================================  ===========  =========  ================================================
response enum value added                    breaking     additive   response enums are generated as ``MyEnum | str``
                                                                     and keep a value they do not know
response enum value removed                  info         breaking   code that matches on the value never sees it
                                                                     again (adapters map each value to a status)
deprecated operation removed                 info (after  breaking   its generated module disappears, and with it
                                             sunset)                 every import of it: deprecation warns nobody
                                                                     who uses the generated code
operationId / first tag changed              info / none  breaking   module, ``api/<tag>/`` path and body model names
                                                                     come from them
path parameter renamed                       none         breaking   the generated keyword argument is renamed
component schema renamed                     none         breaking   model class names change
security scheme changed                      breaking     breaking   (the same) but we also compare per operation
                                                                     what a request carries, not scheme names
request media type added beside one          info         breaking   body models gain a body-type prefix
response constraint changed                  warning      info       the generated layer and the adapters read
                                                                     responses leniently; nothing checks them
allOf branch added or removed                breaking     info       merged into one model: the merged fields carry
                                             (request)               the verdict
===========================================  ===========  =========  ================================================

Schemas are compared through local ``$ref`` s (``#/components/...``). A schema that refers to itself is compared
once per pair of nodes, so cycles end. Not compared: servers, callbacks, links, response headers, ``uniqueItems``,
``min/maxProperties``, constraints behind a ``$ref`` sibling, descriptions and examples.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal
from urllib.parse import unquote

from openapi_python_client.strings import pascal_case, snake_case

__all__ = [
    "AdapterSurface",
    "Change",
    "Level",
    "Reaches",
    "ReportSummary",
    "diff_specs",
    "mark_reaches",
    "render_report",
    "summarise",
    "summary_line",
]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# How deep a schema comparison goes before it stops, whatever the cycle guard says: a backstop only.
MAX_SCHEMA_DEPTH = 64

_PATH_PARAMETER = re.compile(r"\{([^}]*)\}")
_NULL = "null"
_JSON = "application/json"

Direction = Literal["request", "response"]
Level = Literal["breaking", "additive", "info"]
Reaches = Literal["facade", "generated"]
Part = Literal["document", "operation", "parameter", "request", "response"]

LEVELS: tuple[Level, ...] = ("breaking", "additive", "info")

# Bounds whose lower value is the tighter one, and bounds whose higher value is; pattern and multipleOf apart.
_UPPER_BOUNDS = ("maxLength", "maxItems", "maximum", "exclusiveMaximum")
_LOWER_BOUNDS = ("minLength", "minItems", "minimum", "exclusiveMinimum")
CONSTRAINTS = (*_UPPER_BOUNDS, *_LOWER_BOUNDS, "pattern", "multipleOf")


@dataclass(frozen=True)
class Change:
    """One difference that matters to a client.

    ``kind`` names the rule in oasdiff's style (``request-property-removed``), ``location`` says where
    (``PUT /orders/{id} request body: status``), ``detail`` says what and why in one sentence. ``breaking`` is
    ``level == "breaking"``: give either, the other follows (a contradiction is a ValueError). ``reaches`` says
    whom it reaches: the facade's public behaviour, or only the generated layer.

    The remaining fields say where the change sits, for :func:`mark_reaches`: ``operation`` (``PUT /orders/{}``,
    parameters unnamed; ``* /path`` for a whole path), ``part``, ``status`` (a response's), ``field`` (the path
    within the body, ``a.b[].c``; ``in name`` for a parameter), ``value`` (an enum value, as JSON) and ``names``
    (the generated names it renames or removes: modules, model classes).
    """

    kind: str
    location: str
    detail: str
    breaking: bool = False
    level: Level = "additive"
    reaches: Reaches = "facade"
    operation: str | None = None
    part: Part = "document"
    status: str | None = None
    field: str = ""
    value: str | None = None
    names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.breaking and self.level != "breaking":
            if self.level != "additive":  # "additive" is the default: breaking=True alone means "breaking"
                raise ValueError(f"{self.kind}: breaking=True contradicts level={self.level!r}")
            object.__setattr__(self, "level", "breaking")
        object.__setattr__(self, "breaking", self.level == "breaking")


@dataclass(frozen=True)
class ReportSummary:
    """The report's first line, as numbers."""

    breaking_for_users: int
    """Changes of level breaking that reach the facade's public behaviour."""
    generated_only: int
    """Changes of level breaking that reach only the generated layer."""
    additive: int
    """Changes of level additive (whomever they reach)."""

    def line(self) -> str:
        return (
            f"breaking for storefronts users: {self.breaking_for_users}; "
            f"generated layer only: {self.generated_only}; additive: {self.additive}"
        )


def summarise(changes: Iterable[Change]) -> ReportSummary:
    """Count ``changes`` for the summary line."""
    listed = list(changes)
    return ReportSummary(
        breaking_for_users=sum(c.level == "breaking" and c.reaches == "facade" for c in listed),
        generated_only=sum(c.level == "breaking" and c.reaches == "generated" for c in listed),
        additive=sum(c.level == "additive" for c in listed),
    )


def summary_line(changes: Iterable[Change]) -> str:
    """``breaking for storefronts users: N; generated layer only: M; additive: K``."""
    return summarise(changes).line()


# --- whom a change reaches -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdapterSurface:
    """What one vendor's adapter touches of its generated client, measured by running the adapter.

    ``operations``: the operations it calls (``PUT /orders/{}``); ``sends``: the request-body field paths it
    sends (``shipping_address.city``, ``tags[]``) and ``sent_values`` the scalar values it sends there
    (``status="archived"``); ``parameters``: the parameters it sends besides path ones (``query name``);
    ``reads_success`` / ``reads_error``: the leaf field paths its readers read from a 2xx / an error body;
    ``imports``: the dotted names of the generated modules and classes the adapter module refers to.
    """

    vendor: str
    operations: frozenset[str] = frozenset()
    sends: frozenset[str] = frozenset()
    sent_values: frozenset[str] = frozenset()
    parameters: frozenset[str] = frozenset()
    reads_success: frozenset[str] = frozenset()
    reads_error: frozenset[str] = frozenset()
    imports: frozenset[str] = frozenset()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AdapterSurface:
        known = {f.name for f in dataclasses.fields(cls)} - {"vendor"}
        return cls(vendor=str(data["vendor"]), **{name: frozenset(data.get(name, ())) for name in known})

    def to_json(self) -> dict[str, Any]:
        return {
            f.name: (sorted(value) if isinstance(value := getattr(self, f.name), frozenset) else value)
            for f in dataclasses.fields(self)
        }

    def imports_name(self, name: str) -> bool:
        """Whether a generated ``name`` (``api.orders.update_order``, ``UpdateOrderBody``) is among the imports."""
        return any(f".{name}." in f".{imported}." for imported in self.imports)

    def calls(self, operation: str | None) -> bool:
        if operation is None:
            return False
        method, _, path = operation.partition(" ")
        return any(
            method in ("*", used_method) and used_path == path
            for used_method, _, used_path in (used.partition(" ") for used in self.operations)
        )


def _related(changed: str, used: Iterable[str]) -> bool:
    """Whether a change at field path ``changed`` touches a used leaf path: the leaf itself or anything above it."""
    if not changed:
        return any(True for _ in used)
    return any(path == changed or path.startswith((changed + ".", changed + "[]")) for path in used)


def _parent(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("[]"))
    return path[:cut] if cut > 0 else ""


def _reaches_facade(change: Change, surface: AdapterSurface) -> bool:
    if any(surface.imports_name(name) for name in change.names):
        return True
    if not surface.calls(change.operation):
        return False
    if change.part == "operation":
        return change.kind not in _WIRE_NEUTRAL_KINDS
    if change.part == "parameter":
        where = change.field.partition(" ")[0]
        if change.kind in _WIRE_NEUTRAL_KINDS:
            return False
        return (
            where == "path" or change.kind == "request-parameter-added-required" or change.field in surface.parameters
        )
    if change.part == "request":
        if change.kind == "request-property-added-required":
            parent = _parent(change.field)
            return not parent or _related(parent, surface.sends)
        if change.kind == "request-enum-value-removed":
            return f"{change.field}={change.value}" in surface.sent_values
        if change.kind in ("request-property-added", "request-enum-value-added", "request-property-enum-removed"):
            return False  # something new we do not send, or more values accepted
        return _related(change.field, surface.sends)
    if change.part == "response":
        success = bool(change.status) and str(change.status).startswith("2")
        reads = surface.reads_success if success else surface.reads_error
        if not change.field and change.kind.startswith(("response-status", "response-body", "response-media-type")):
            return success
        if change.kind == "response-property-added":
            return False  # nothing reads a field it did not know about
        return _related(change.field, reads)
    return False


# Changes that alter a generated name or signature but nothing on the wire: they reach the facade only through
# what the adapter imports (``names``) or what mypy finds over the regenerated client.
_WIRE_NEUTRAL_KINDS = frozenset(
    {
        "operation-id-changed",
        "operation-tag-changed",
        "operation-deprecated",
        "request-parameter-renamed",
        "request-parameter-deprecated",
        "request-parameter-added",
        "request-parameter-became-optional",
    }
)


def mark_reaches(changes: Sequence[Change], surface: AdapterSurface | None) -> list[Change]:
    """``changes`` with ``reaches`` derived from ``surface``; without one, every change is taken to reach the facade."""
    if surface is None:
        return [dataclasses.replace(c, reaches="facade") for c in changes]
    return [dataclasses.replace(c, reaches="facade" if _reaches_facade(c, surface) else "generated") for c in changes]


# --- the entry point -----------------------------------------------------------------------------------------------


def diff_specs(
    old: Mapping[str, Any], new: Mapping[str, Any], *, surface: AdapterSurface | None = None
) -> list[Change]:
    """Every client-relevant change from ``old`` to ``new``, in document order (an empty ``old`` means "all new").

    ``reaches`` is derived from ``surface`` when given (see :func:`mark_reaches`), else ``"facade"`` throughout.
    """
    differ = _Differ(_Resolver(old), _Resolver(new), old, new)
    differ.diff_paths(_mapping(old.get("paths")), _mapping(new.get("paths")))
    if old:
        differ.diff_component_schemas()
    return mark_reaches(differ.changes, surface)


_GROUPS: tuple[tuple[str, Level, Reaches | None], ...] = (
    ("Breaking for storefronts users", "breaking", "facade"),
    ("Breaking in the generated layer only", "breaking", "generated"),
    ("Additive", "additive", None),
    ("Info", "info", None),
)


def render_report(vendor: str, changes: Sequence[Change], *, notes: Sequence[str] = ()) -> str:
    """The changes as Markdown for ``vendor``: the summary line first, then breaking changes (those that reach
    storefronts users first), additive, and info ones, each with its location. ``notes`` follow the heading."""
    lines = [summary_line(changes), "", f"## {vendor}", ""]
    lines += [*notes, ""] if notes else []
    if not changes:
        lines.append(
            "The spec text changed, but no path, operation, parameter or schema that the clients use did "
            "(descriptions, examples or metadata only)."
        )
        return "\n".join(lines) + "\n"
    for title, level, reaches in _GROUPS:
        group = [c for c in changes if c.level == level and (reaches is None or c.reaches == reaches)]
        if group:
            lines += [f"### {title}", ""]
            lines += [f"- `{c.location}`: {c.detail} (`{c.kind}`{_reach_note(c, reaches)})" for c in group]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _reach_note(change: Change, grouped_by: Reaches | None) -> str:
    if grouped_by is not None:
        return ""
    return "; reaches storefronts users" if change.reaches == "facade" else "; generated layer only"


# --- reading the documents -----------------------------------------------------------------------------------------


def _mapping(node: Any) -> Mapping[str, Any]:
    return node if isinstance(node, Mapping) else {}


def _list(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []


def _show(value: Any) -> str:
    """A value as it reads in the report: JSON, in backticks."""
    return f"`{_json(value)}`"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def _media(name: Any) -> str:
    return str(name).split(";")[0].strip().lower()


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
    """What a schema says once ``$ref`` and ``allOf`` (and a lone non-null ``anyOf``/``oneOf`` branch) are folded."""

    types: set[str] = field(default_factory=set)
    format: str | None = None
    enum: list[Any] | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    items: Any = None
    additional: Any = None
    constraints: dict[str, Any] = field(default_factory=dict)
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False

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
        self.additional = self.additional if self.additional is not None else other.additional
        for keyword, value in other.constraints.items():
            self.constraints.setdefault(keyword, value)
        self.read_only |= other.read_only
        self.write_only |= other.write_only
        self.deprecated |= other.deprecated


def _type_covers(types: set[str], value_type: str) -> bool:
    """Whether a value of ``value_type`` fits a schema of ``types`` (an integer is a number)."""
    return value_type in types or (value_type == "integer" and "number" in types)


def _show_types(types: set[str]) -> str:
    return " | ".join(sorted(types, key=lambda t: (t == _NULL, t)))


def _kebab(keyword: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"-\1", keyword).lower()


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _tightened(keyword: str, old: Any, new: Any) -> bool:
    """Whether ``new`` admits fewer values than ``old`` for ``keyword`` (either may be None: not declared)."""
    if new is None:
        return False
    if old is None:
        return True
    if keyword == "pattern":
        return True  # a different regular expression: nothing says it admits all that the old one did
    old_n, new_n = _number(old), _number(new)
    if old_n is None or new_n is None:
        return True
    if keyword == "multipleOf":
        return new_n == 0 or old_n % new_n != 0  # loosened only when every old multiple is a new one
    return new_n < old_n if keyword in _UPPER_BOUNDS else new_n > old_n


def _constraints(node: Mapping[str, Any]) -> dict[str, Any]:
    found = {k: node[k] for k in CONSTRAINTS if k in node and not isinstance(node[k], bool)}
    # OpenAPI 3.0 spells an exclusive bound as a flag beside the bound
    for flag, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if node.get(flag) is True and bound in found:
            found[flag] = found.pop(bound)
    return found


def _alternatives(resolver: _Resolver, node: Any) -> tuple[str | None, list[Any]]:
    """The ``oneOf``/``anyOf`` keyword of a schema and its non-null branches (``null`` branches mean nullable)."""
    node = resolver.resolve(node)
    if not isinstance(node, Mapping):
        return None, []
    for keyword in ("oneOf", "anyOf"):
        branches = node.get(keyword)
        if isinstance(branches, list):
            non_null = [b for b in branches if _mapping(resolver.resolve(b)).get("type") != _NULL]
            return keyword, non_null
    return None, []


def _branch_key(branch: Any, index: int) -> str:
    ref = _mapping(branch).get("$ref")
    return str(ref) if isinstance(ref, str) else f"#{index}"


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
    additional = node.get("additionalProperties")
    view.additional = additional if isinstance(additional, Mapping) else None
    view.constraints = _constraints(node)
    view.read_only = node.get("readOnly") is True
    view.write_only = node.get("writeOnly") is True
    view.deprecated = node.get("deprecated") is True

    for branch in _list(node.get("allOf")):
        view.merge(_view(resolver, branch, depth + 1))

    keyword, alternatives = _alternatives(resolver, node)
    if keyword is not None:
        branches = node[keyword]
        nullable = nullable or len(alternatives) < len(branches)
        if len(alternatives) == 1:
            view.merge(_view(resolver, alternatives[0], depth + 1))
    if nullable and view.types:
        view.types.add(_NULL)
    return view


def _operations(path_item: Any) -> dict[str, Mapping[str, Any]]:
    item = _mapping(path_item)
    return {str(key): value for key, value in item.items() if key in HTTP_METHODS and isinstance(value, Mapping)}


def _content(body: Any) -> dict[str, Any]:
    """A request body's or response's media types (normalised: no parameters, lower case) -> media type object."""
    return {_media(name): media for name, media in _mapping(_mapping(body).get("content")).items()}


def _primary(names: Iterable[str]) -> str | None:
    """The media type compared first: JSON, else a ``+json`` one, else the first."""
    listed = list(names)
    return next(
        (n for n in listed if n == _JSON), next((n for n in listed if n.endswith("+json")), next(iter(listed), None))
    )


def _generated_names(method: str, path: str, operation: Mapping[str, Any]) -> tuple[str, str, str]:
    """(``api/<tag>`` package, endpoint module, body model) as openapi-python-client 0.29.1 names them."""
    tags = operation.get("tags")
    tag = snake_case(str(tags[0])) if isinstance(tags, list) and tags else "default"
    operation_id = operation.get("operationId")
    endpoint = snake_case(str(operation_id)) if operation_id else snake_case(f"{method}_{path}")
    return f"api.{tag}", f"api.{tag}.{endpoint}", f"{pascal_case(endpoint)}Body"


class _Differ:
    def __init__(self, old: _Resolver, new: _Resolver, old_doc: Mapping[str, Any], new_doc: Mapping[str, Any]) -> None:
        self.old = old
        self.new = new
        self.old_doc = old_doc
        self.new_doc = new_doc
        self.changes: list[Change] = []
        self._operation: str | None = None
        self._part: Part = "document"
        self._status: str | None = None

    def add(
        self,
        kind: str,
        location: str,
        detail: str,
        level: Level,
        *,
        field: str = "",
        value: str | None = None,
        names: tuple[str, ...] = (),
        part: Part | None = None,
    ) -> None:
        self.changes.append(
            Change(
                kind=kind,
                location=location,
                detail=detail,
                level=level,
                operation=self._operation,
                part=part or self._part,
                status=self._status,
                field=field,
                value=value,
                names=names,
            )
        )

    # --- paths and operations -------------------------------------------------------------------------------

    def diff_paths(self, old_paths: Mapping[str, Any], new_paths: Mapping[str, Any]) -> None:
        old_by_shape = {_PATH_PARAMETER.sub("{}", str(path)): str(path) for path in old_paths}
        new_by_shape = {_PATH_PARAMETER.sub("{}", str(path)): str(path) for path in new_paths}
        for shape, path in old_by_shape.items():
            if shape not in new_by_shape:
                operations = _operations(self.old.resolve(old_paths[path]))
                methods = ", ".join(m.upper() for m in operations)
                self._operation, self._part = f"* {shape}", "operation"
                names = tuple(_generated_names(m, path, op)[1] for m, op in operations.items())
                detail = f"path removed, with its operations: {methods or 'none'}"
                self.add("path-removed", path, detail, "breaking", names=names)
        for shape, path in new_by_shape.items():
            if shape not in old_by_shape:
                methods = ", ".join(m.upper() for m in _operations(self.new.resolve(new_paths[path])))
                self._operation, self._part = f"* {shape}", "operation"
                self.add("path-added", path, f"path added, with its operations: {methods or 'none'}", "additive")
                continue
            old_path = old_by_shape[shape]
            old_item, new_item = self.old.resolve(old_paths[old_path]), self.new.resolve(new_paths[path])
            self.diff_path_item(old_path, path, _mapping(old_item), _mapping(new_item))
        self._operation, self._part, self._status = None, "document", None

    def diff_path_item(
        self, old_path: str, path: str, old_item: Mapping[str, Any], new_item: Mapping[str, Any]
    ) -> None:
        old_ops, new_ops = _operations(old_item), _operations(new_item)
        shape = _PATH_PARAMETER.sub("{}", path)
        for method, old_op in old_ops.items():
            if method not in new_ops:
                self._operation, self._part, self._status = f"{method.upper()} {shape}", "operation", None
                deprecated = " (it was deprecated: still breaking here, its generated module goes)" * bool(
                    old_op.get("deprecated")
                )
                names = (_generated_names(method, old_path, old_op)[1],)
                self.add("operation-removed", f"{method.upper()} {path}", f"operation removed{deprecated}", "breaking",
                         names=names)  # fmt: skip
        for method, new_op in new_ops.items():
            label = f"{method.upper()} {path}"
            self._operation, self._part, self._status = f"{method.upper()} {shape}", "operation", None
            if method not in old_ops:
                self.add("operation-added", label, "operation added", "additive")
                continue
            old_op = old_ops[method]
            self.diff_operation_names(label, method, old_path=old_path, path=path, old_op=old_op, new_op=new_op)
            self.diff_security(label, old_op, new_op)
            if new_op.get("deprecated") is True and old_op.get("deprecated") is not True:
                self.add("operation-deprecated", label, "operation deprecated", "info")
            self._part = "parameter"
            self.diff_parameters(
                label,
                self._parameters(old_item, old_op, self.old, old_path),
                self._parameters(new_item, new_op, self.new, path),
            )
            self._part = "operation"
            self.diff_request_body(
                label,
                _generated_names(method, old_path, old_op)[2],
                self.old.resolve(old_op.get("requestBody")),
                self.new.resolve(new_op.get("requestBody")),
            )
            self.diff_responses(label, _mapping(old_op.get("responses")), _mapping(new_op.get("responses")))

    def diff_operation_names(
        self,
        label: str,
        method: str,
        *,
        old_path: str,
        path: str,
        old_op: Mapping[str, Any],
        new_op: Mapping[str, Any],
    ) -> None:
        old_tag, old_module, old_model = _generated_names(method, old_path, old_op)
        new_tag, new_module, new_model = _generated_names(method, path, new_op)
        if old_op.get("operationId") != new_op.get("operationId"):
            detail = (
                f"operationId {_show(old_op.get('operationId'))} -> {_show(new_op.get('operationId'))}: the generated "
                f"module `{old_module}` becomes `{new_module}`, the body model `{old_model}` becomes `{new_model}`"
            )
            self.add("operation-id-changed", label, detail, "breaking", names=(old_module, old_model))
        if old_tag != new_tag:
            detail = f"first tag changed: the generated package `{old_tag}` becomes `{new_tag}` (the import path moves)"
            self.add("operation-tag-changed", label, detail, "breaking", names=(old_tag,))

    def diff_security(self, label: str, old_op: Mapping[str, Any], new_op: Mapping[str, Any]) -> None:
        old_auth, new_auth = _auth_sent(self.old_doc, old_op), _auth_sent(self.new_doc, new_op)
        if old_auth != new_auth:
            detail = (
                f"requests were authenticated with {', '.join(old_auth) or 'nothing'} and now need "
                f"{', '.join(new_auth) or 'nothing'}: every request the client sends changes"
            )
            self.add("security-scheme-changed", f"{label} security", detail, "breaking")

    # --- parameters -----------------------------------------------------------------------------------------

    def _parameters(
        self, path_item: Mapping[str, Any], operation: Mapping[str, Any], resolver: _Resolver, path: str
    ) -> dict[tuple[str, str], Mapping[str, Any]]:
        """The operation's parameters (path-level ones included, operation-level ones winning) by (in, key).

        A path parameter is keyed by its position in the path template, so a renamed ``{id}`` is compared with
        the old one (and reported as renamed).
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
                self.add("request-parameter-removed", where, "parameter removed", "breaking",
                         field=f"{key[0]} {parameter.get('name')}")  # fmt: skip
        for key, parameter in new.items():
            old_parameter = old.get(key)
            old_name = str((old_parameter or parameter).get("name"))
            where = f"{label} {key[0]} parameter {old_name}"
            spot = f"{key[0]} {old_name}"
            required = bool(parameter.get("required"))
            if old_parameter is None:
                if required:
                    self.add("request-parameter-added-required", where, "new required parameter", "breaking",
                             field=spot)  # fmt: skip
                else:
                    self.add("request-parameter-added", where, "new optional parameter", "additive", field=spot)
                continue
            if str(parameter.get("name")) != old_name:
                detail = (
                    f"renamed to {_show(parameter.get('name'))}: the generated keyword argument "
                    f"`{snake_case(old_name)}` becomes `{snake_case(str(parameter.get('name')))}` "
                    "(the URL is unchanged)"
                )
                self.add("request-parameter-renamed", where, detail, "breaking", field=spot)
            was_required = bool(old_parameter.get("required"))
            if required and not was_required:
                self.add("request-parameter-became-required", where, "parameter became required", "breaking",
                         field=spot)  # fmt: skip
            elif was_required and not required:
                self.add("request-parameter-became-optional", where, "parameter became optional", "additive",
                         field=spot)  # fmt: skip
            if parameter.get("deprecated") is True and old_parameter.get("deprecated") is not True:
                self.add("request-parameter-deprecated", where, "parameter deprecated", "info", field=spot)
            self.diff_schema(old_parameter.get("schema"), parameter.get("schema"), "request", where, "",
                             part="parameter", spot=spot)  # fmt: skip

    # --- request body ---------------------------------------------------------------------------------------

    def diff_request_body(self, label: str, body_model: str, old: Any, new: Any) -> None:
        where = f"{label} request body"
        if not isinstance(new, Mapping):
            if isinstance(old, Mapping):
                self.add("request-body-removed", where, "request body removed", "breaking", names=(body_model,))
            return
        required = bool(new.get("required"))
        if not isinstance(old, Mapping):
            if required:
                self.add("request-body-added-required", where, "new required request body", "breaking")
            else:
                self.add("request-body-added", where, "new optional request body", "additive")
            return
        if required and not old.get("required"):
            self.add("request-body-became-required", where, "request body became required", "breaking")
        elif old.get("required") and not required:
            self.add("request-body-became-optional", where, "request body became optional", "additive")
        old_content, new_content = _content(old), _content(new)
        pair = self._media_types("request", where, old_content, new_content, body_model)
        if pair is None:
            return
        old_schema, new_schema = (
            _mapping(old_content[pair[0]]).get("schema"),
            _mapping(new_content[pair[1]]).get("schema"),
        )
        if old_schema is None and new_schema is not None:
            detail = "the request body gained a schema: the generated body parameter becomes a model"
            self.add("request-body-schema-added", where, detail, "breaking")
        elif old_schema is not None and new_schema is None:
            detail = f"the request body lost its schema: the generated body model `{body_model}` goes"
            self.add("request-body-schema-removed", where, detail, "breaking", names=(body_model,))
        else:
            self._part = "request"
            self.diff_schema(old_schema, new_schema, "request", where, "")
            self._part = "operation"

    def _media_types(
        self, direction: Direction, where: str, old: Mapping[str, Any], new: Mapping[str, Any], body_model: str = ""
    ) -> tuple[str, str] | None:
        """Report media types removed, added or changed; the pair of media types whose schemas compare, if any."""
        if not old or not new:
            return None
        removed, added = [m for m in old if m not in new], [m for m in new if m not in old]
        if len(old) == 1 and len(new) == 1 and removed:
            (was,), (now,) = removed, added
            consequence = (
                f"the generated call now sends `{now}` instead of `{was}`"
                if direction == "request"
                else f"responses now come as `{now}`, not `{was}`"
            )
            self.add(f"{direction}-media-type-changed", where, f"media type changed: {consequence}", "breaking")
            return was, now
        for media in removed:
            self.add(f"{direction}-media-type-removed", where, f"media type `{media}` removed", "breaking")
        for media in added:
            if direction == "request" and len(old) == 1:
                detail = (
                    f"media type `{media}` added beside `{next(iter(old))}`: openapi-python-client then names each "
                    f"body model after its body type (`{body_model}` is renamed, e.g. to "
                    f"`{body_model.removesuffix('Body')}JsonBody`)"
                )
                self.add("request-media-type-added", where, detail, "breaking", names=(body_model,))
            else:
                self.add(f"{direction}-media-type-added", where, f"media type `{media}` added", "additive")
        common = _primary([m for m in old if m in new])
        return (common, common) if common is not None else None

    # --- responses ------------------------------------------------------------------------------------------

    def diff_responses(self, label: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        old_by_status = {str(status): response for status, response in old.items()}
        new_by_status = {str(status): response for status, response in new.items()}
        self._part = "response"
        for status in old_by_status:
            self._status = status
            if status not in new_by_status:
                success = status.startswith("2")
                detail = (
                    "success response removed"
                    if success
                    else "error response removed: that status now reads as the operation's default error"
                )
                self.add("response-status-removed", f"{label} response {status}", detail,
                         "breaking" if success else "info")  # fmt: skip
        for status, raw in new_by_status.items():
            self._status = status
            where = f"{label} response {status}"
            if status not in old_by_status:
                self.add("response-status-added", where, "response status added", "additive")
                continue
            old_response, new_response = self.old.resolve(old_by_status[status]), self.new.resolve(raw)
            old_content, new_content = _content(old_response), _content(new_response)
            if old_content and not new_content:
                self.add("response-body-removed", where, "response body removed", "breaking")
                continue
            if new_content and not old_content:
                self.add("response-body-added", where, "response body added", "additive")
                continue
            pair = self._media_types("response", where, old_content, new_content)
            if pair is None:
                continue
            old_schema = _mapping(old_content[pair[0]]).get("schema")
            new_schema = _mapping(new_content[pair[1]]).get("schema")
            if old_schema is not None and new_schema is None:
                self.add("response-body-schema-removed", where, "response schema removed", "breaking")
            elif old_schema is None and new_schema is not None:
                self.add("response-body-schema-added", where, "response schema added", "additive")
            else:
                self.diff_schema(old_schema, new_schema, "response", where, "")
        self._part, self._status = "operation", None

    # --- component schemas ----------------------------------------------------------------------------------

    def diff_component_schemas(self) -> None:
        old = dict(_mapping(_mapping(self.old_doc.get("components")).get("schemas")))
        new = dict(_mapping(_mapping(self.new_doc.get("components")).get("schemas")))
        removed = {name: _json(old[name]) for name in old if name not in new}
        added = {name: _json(new[name]) for name in new if name not in old}
        self._operation, self._part, self._status = None, "document", None
        for name, text in removed.items():
            where = f"components.schemas.{name}"
            renamed_to = next((other for other, other_text in added.items() if other_text == text), None)
            if renamed_to is not None:
                del added[renamed_to]
                detail = f"renamed to `{renamed_to}`: the generated model class `{pascal_case(name)}` becomes " \
                         f"`{pascal_case(renamed_to)}`"  # fmt: skip
                self.add("component-schema-renamed", where, detail, "breaking", names=(pascal_case(name),))
            else:
                detail = f"removed: the generated model class `{pascal_case(name)}` (if it made one) goes"
                self.add("component-schema-removed", where, detail, "breaking", names=(pascal_case(name),))
        for name in added:
            self.add("component-schema-added", f"components.schemas.{name}", "schema added", "additive")

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
        part: Part | None = None,
        spot: str | None = None,
    ) -> None:
        """Compare two schemas met at the same place; ``path`` is the field path within the body (``a.b[].c``).

        ``part`` and ``spot`` place a parameter's schema changes on the parameter rather than on a body field.
        """
        old_resolved, new_resolved = self.old.resolve(old_node), self.new.resolve(new_node)
        pair = (id(old_resolved), id(new_resolved))
        if old_node is None or new_node is None or pair in seen or len(seen) >= MAX_SCHEMA_DEPTH:
            return
        seen = seen | {pair}
        location = f"{where}: {path}" if path else where
        here = spot if spot is not None else path

        def add(kind: str, detail: str, level: Level, value: str | None = None) -> None:
            self.add(kind, location, detail, level, field=here, value=value, part=part)

        if self._diff_composition(old_resolved, new_resolved, direction, where=where, path=path, seen=seen, add=add):
            return
        old, new = _view(self.old, old_node), _view(self.new, new_node)
        self._diff_types(old, new, direction, add)
        self._diff_enums(old, new, direction, add)
        self._diff_constraints(old, new, direction, add)
        self._diff_flags(old, new, direction, add)
        if part is not None:
            return  # a parameter's schema: no fields inside to compare
        self._diff_properties(old, new, direction, where=where, path=path, seen=seen)
        if old.items is not None and new.items is not None:
            self.diff_schema(old.items, new.items, direction, where, f"{path}[]", seen=seen)
        if old.additional is not None and new.additional is not None:
            self.diff_schema(old.additional, new.additional, direction, where, f"{path}.*" if path else "*", seen=seen)

    def _diff_composition(
        self,
        old: Any,
        new: Any,
        direction: Direction,
        *,
        where: str,
        path: str,
        seen: frozenset[tuple[int, int]],
        add: Any,
    ) -> bool:
        """Compare ``oneOf``/``anyOf`` branches and ``allOf`` branch lists; True when the folded view must not be
        compared (several alternatives on either side: their fields are not one field set)."""
        old_keys = [_branch_key(b, i) for i, b in enumerate(_list(_mapping(old).get("allOf")))]
        new_keys = [_branch_key(b, i) for i, b in enumerate(_list(_mapping(new).get("allOf")))]
        for key in old_keys:
            if key not in new_keys:
                add(f"{direction}-property-all-of-removed", f"allOf branch `{key}` removed", "info")
        for key in new_keys:
            if key not in old_keys:
                add(f"{direction}-property-all-of-added", f"allOf branch `{key}` added", "info")
        old_keyword, old_alternatives = _alternatives(self.old, old)
        new_keyword, new_alternatives = _alternatives(self.new, new)
        old_union, new_union = len(old_alternatives) > 1, len(new_alternatives) > 1
        if not old_union and not new_union:
            return False
        if old_union != new_union or old_keyword != new_keyword:
            was = f"{old_keyword} of {len(old_alternatives)} branches" if old_union else "one schema"
            now = f"{new_keyword} of {len(new_alternatives)} branches" if new_union else "one schema"
            detail = (
                f"was {was}, now {now}: the generated type becomes {'a union of models' if new_union else 'one model'}"
            )
            add(f"{direction}-property-composition-changed", detail, "breaking")
            return True
        kebab = _kebab(str(new_keyword))
        old_by_key = {_branch_key(b, i): b for i, b in enumerate(old_alternatives)}
        new_by_key = {_branch_key(b, i): b for i, b in enumerate(new_alternatives)}
        for key in old_by_key:
            if key not in new_by_key:
                add(f"{direction}-property-{kebab}-removed", f"{new_keyword} branch `{key}` removed: the generated "
                    "union loses a member", "breaking")  # fmt: skip
        for key, branch in new_by_key.items():
            if key not in old_by_key:
                level: Level = "additive" if direction == "request" else "breaking"
                consequence = "one more shape accepted" if direction == "request" else "responses may come in a shape "\
                    "no reader expects"  # fmt: skip
                add(f"{direction}-property-{kebab}-added", f"{new_keyword} branch `{key}` added: {consequence}", level)
                continue
            self.diff_schema(old_by_key[key], branch, direction, where, path, seen=seen)
        return True

    def _diff_types(self, old: _SchemaView, new: _SchemaView, direction: Direction, add: Any) -> None:
        # A request is sent by us: the vendor must keep accepting every type we may send (old ⊆ new).
        # A response is read by us: it must not start sending a type we do not expect (new ⊆ old).
        if old.types and new.types and old.types != new.types:
            sent, accepted = (old.types, new.types) if direction == "request" else (new.types, old.types)
            breaking = not all(_type_covers(accepted, t) for t in sent)
            detail = f"type changed from `{_show_types(old.types)}` to `{_show_types(new.types)}`"
            add(f"{direction}-property-type-changed", detail, "breaking" if breaking else "additive")
        elif old.format != new.format:
            # the same rule for the format: a new format narrows, a dropped one widens
            narrowed_format = new.format is not None
            widened_format = old.format is not None
            breaking = narrowed_format if direction == "request" else widened_format
            detail = f"format changed from {_show(old.format)} to {_show(new.format)}"
            add(f"{direction}-property-format-changed", detail, "breaking" if breaking else "additive")

    def _diff_enums(self, old: _SchemaView, new: _SchemaView, direction: Direction, add: Any) -> None:
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
            add(f"{direction}-property-enum-{'added' if added else 'removed'}", enum_detail,
                "breaking" if breaking else "additive")  # fmt: skip
            return
        for value in old.enum:
            if value not in new.enum:
                detail = (
                    f"enum value {_show(value)} removed: requests that send it will be rejected"
                    if direction == "request"
                    else f"enum value {_show(value)} removed: code that matches on it will never see it again"
                )
                add(f"{direction}-enum-value-removed", detail, "breaking", _json(value))
        for value in new.enum:
            if value not in old.enum:
                detail = (
                    f"enum value {_show(value)} added"
                    if direction == "request"
                    else f"enum value {_show(value)} added: additive for us, as the generated models type response "
                    "enums as `Enum | str` and keep a value they do not know (oasdiff flags it for strict clients)"
                )
                add(f"{direction}-enum-value-added", detail, "additive", _json(value))

    def _diff_constraints(self, old: _SchemaView, new: _SchemaView, direction: Direction, add: Any) -> None:
        for keyword in CONSTRAINTS:
            was, now = old.constraints.get(keyword), new.constraints.get(keyword)
            if was == now:
                continue
            tightened = _tightened(keyword, was, now)
            before, after = (_show(v) if v is not None else "(none)" for v in (was, now))
            shown = f"{keyword} {before} -> {after}"
            if direction == "response":
                add(f"response-property-{_kebab(keyword)}-{'tightened' if tightened else 'loosened'}",
                    f"{shown}: nothing checks response constraints", "info")  # fmt: skip
            elif tightened:
                add(f"request-property-{_kebab(keyword)}-tightened", f"{shown}: values the old spec allowed are now "
                    "refused (the regenerated client refuses them before sending)", "breaking")  # fmt: skip
            else:
                add(f"request-property-{_kebab(keyword)}-loosened", f"{shown}: more values accepted", "additive")

    def _diff_flags(self, old: _SchemaView, new: _SchemaView, direction: Direction, add: Any) -> None:
        if direction == "request" and old.read_only != new.read_only:
            if new.read_only:
                add("request-property-became-read-only", "field became readOnly: the vendor ignores or refuses it "
                    "in requests", "breaking")  # fmt: skip
            else:
                add("request-property-read-only-removed", "field is no longer readOnly: it may be sent", "additive")
        if direction == "response" and old.write_only != new.write_only:
            if new.write_only:
                add("response-property-became-write-only", "field became writeOnly: responses no longer carry it",
                    "breaking")  # fmt: skip
            else:
                add("response-property-write-only-removed", "field is no longer writeOnly: responses may carry it",
                    "additive")  # fmt: skip
        if new.deprecated and not old.deprecated:
            add(f"{direction}-property-deprecated", "field deprecated", "info")

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
        # a readOnly field is not part of a request, a writeOnly one not part of a response
        absent = "readOnly" if request else "writeOnly"
        old_names = [n for n in old_names if not _flag(self.old, old.properties.get(n), absent)]
        new_names = [
            n for n in new_names if not (_flag(self.new, new.properties.get(n), absent) and n not in old_names)
        ]

        def location(name: str) -> str:
            return f"{where}: {path}.{name}" if path else f"{where}: {name}"

        def spot(name: str) -> str:
            return f"{path}.{name}" if path else name

        for name in old_names:
            if name not in new_names:
                detail = "field removed: " + (
                    "requests that send it will have it rejected or ignored"
                    if request
                    else "code that reads it will not find it"
                )
                self.add(f"{direction}-property-removed", location(name), detail, "breaking", field=spot(name))
        for name in new_names:
            required, was_required = name in new.required, name in old.required
            if name not in old_names:
                if request and required:
                    detail = "new required field: requests without it will be rejected"
                    self.add("request-property-added-required", location(name), detail, "breaking", field=spot(name))
                else:
                    state = "required" if required else "optional"
                    self.add(f"{direction}-property-added", location(name), f"new {state} field", "additive",
                             field=spot(name))  # fmt: skip
                continue
            if required and not was_required:
                self.add(f"{direction}-property-became-required", location(name), "field became required",
                         "breaking" if request else "additive", field=spot(name))  # fmt: skip
            elif was_required and not required:
                detail = "field became optional" + ("" if request else ": responses may now leave it out")
                self.add(f"{direction}-property-became-optional", location(name), detail,
                         "additive" if request else "breaking", field=spot(name))  # fmt: skip
            self.diff_schema(
                old.properties.get(name, {}), new.properties.get(name, {}), direction, where, spot(name), seen=seen
            )


def _flag(resolver: _Resolver, node: Any, keyword: str) -> bool:
    return _mapping(resolver.resolve(node)).get(keyword) is True


def _auth_sent(document: Mapping[str, Any], operation: Mapping[str, Any]) -> list[str]:
    """What a request of ``operation`` carries to authenticate, one entry per requirement: ``header `x-api-key```."""
    requirements = operation.get("security", document.get("security"))
    schemes = _mapping(_mapping(document.get("components")).get("securitySchemes"))
    sent: list[str] = []
    for requirement in requirements if isinstance(requirements, list) else []:
        parts = []
        for name in _mapping(requirement):
            scheme = _mapping(_Resolver(document).resolve(schemes.get(name)))
            kind = str(scheme.get("type", "?"))
            if kind == "apiKey":
                parts.append(f"{scheme.get('in', '?')} `{scheme.get('name', '?')}`")
            elif kind == "http":
                parts.append(f"HTTP `{str(scheme.get('scheme', '?')).lower()}` (header `Authorization`)")
            else:
                parts.append(f"{kind} (header `Authorization`)")
        sent.append(" and ".join(sorted(parts)) or "no credential")
    return sorted(sent)
