"""The vendors' OpenAPI documents, as the sandbox reads them: where they are, loading, and JSON Schema validation.

Where: a wheel carries a copy of the repository's ``specs/`` in ``storefronts/testing/_specs/`` (pyproject's
``force-include``); an editable install has no such copy, so the repository's ``specs/`` is found by walking up
from this file. Each document is loaded once per process (ruamel.yaml, safe loader) and must not be mutated.

Validation uses jsonschema's Draft 2020-12 validator with a ``referencing`` registry holding the whole OpenAPI
document, so every ``$ref: '#/components/...'`` resolves inside the spec itself. bitbybit publishes OpenAPI 3.1 but
still marks optional values with the 3.0 keyword ``nullable: true``, which 2020-12 ignores: our validator reads it
as "null is allowed too", as the vendor means it.

jsonschema, referencing and ruamel.yaml come with the ``testing`` extra and are imported only when a sandbox is
built (``import storefronts.testing`` works without them; :func:`require_extras` says what to install).
"""

from __future__ import annotations

import functools
import importlib
import importlib.resources
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

__all__ = [
    "Problem",
    "documented_statuses",
    "load_spec",
    "request_problems",
    "request_properties",
    "require_extras",
    "response_problems",
    "server_path_prefix",
    "spec_file",
    "success_example",
]

INSTALL_HINT = "pip install 'storefront-clients[testing]'"
# The modules the sandbox needs beyond the standard library (the `testing` extra of pyproject.toml).
_EXTRA_MODULES = ("jsonschema", "referencing", "ruamel.yaml")
# The folder a wheel's force-include puts the specs in, next to this module.
_BUNDLED_DIR = "_specs"
# The repository folder the specs live in (an editable install reads them there).
_REPO_DIR = "specs"
# Base URI the registry files each vendor's document under.
_URI = "urn:storefronts:testing:spec:{vendor}"
_OPERATION = ("paths", "/orders/{id}", "put")
# Specs outside the search path, by vendor: a test's throwaway vendor (``_vendors._registered_sandbox_vendor``).
_SPEC_FILES: dict[str, Path] = {}
_JSON = "application/json"


def require_extras() -> None:
    """Raise ImportError, naming the extra to install, unless the sandbox's dependencies can be imported."""
    missing: list[str] = []
    for module in _EXTRA_MODULES:
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise ImportError(
            f"storefronts.testing needs {', '.join(missing)} to read the vendors' specs: {INSTALL_HINT}",
            name=missing[0],
        )


# -- locating and loading --------------------------------------------------------------------------------------


def _candidates(vendor: str, bundled: Traversable, here: Path) -> Iterator[Traversable]:
    """Where ``<vendor>.yaml`` may be, best first: the wheel's bundled copy, then ``specs/`` in a parent folder."""
    yield bundled.joinpath(f"{vendor}.yaml")
    for parent in here.parents:
        yield parent / _REPO_DIR / f"{vendor}.yaml"


def spec_file(vendor: str, *, bundled: Traversable | None = None, here: Path | None = None) -> Traversable:
    """The OpenAPI document of ``vendor`` (``bundled`` and ``here`` exist for tests of the search itself)."""
    if vendor in _SPEC_FILES:
        return _SPEC_FILES[vendor]
    if bundled is None:
        bundled = importlib.resources.files(__package__ or "storefronts.testing").joinpath(_BUNDLED_DIR)
    if here is None:
        here = Path(__file__).resolve()
    for candidate in _candidates(vendor, bundled, here):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"storefronts.testing: no spec for {vendor!r}: looked for {vendor}.yaml in {bundled} (installed package) "
        f"and in a {_REPO_DIR}/ folder above {here.parent} (source checkout)"
    )


@functools.cache
def load_spec(vendor: str) -> Mapping[str, Any]:
    """The vendor's OpenAPI document as plain dicts and lists, loaded once per process. Read-only: do not mutate."""
    from ruamel.yaml import YAML  # noqa: PLC0415 - an optional dependency, imported once a sandbox is built

    document: Any = YAML(typ="safe", pure=True).load(spec_file(vendor).read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise ValueError(f"storefronts.testing: the {vendor} spec is not a YAML mapping")
    return document


# -- reading the operation -------------------------------------------------------------------------------------


def _escape(segment: str) -> str:
    """A JSON Pointer reference token (RFC 6901)."""
    return segment.replace("~", "~0").replace("/", "~1")


def _follow(spec: Mapping[str, Any], node: Any, pointer: str) -> tuple[Any, str]:
    """Follow local ``$ref`` chains (``#/components/responses/NotFound``): the target node and its pointer."""
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        pointer = node["$ref"][1:]
        node = spec
        for token in pointer.lstrip("/").split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
    return node, pointer


def _operation(vendor: str) -> tuple[Mapping[str, Any], str]:
    spec = load_spec(vendor)
    node: Any = spec
    for key in _OPERATION:
        node = node[key]
    return node, "/" + "/".join(_escape(key) for key in _OPERATION)


def server_path_prefix(vendor: str) -> str:
    """The path of the spec's first server URL, without a trailing slash (``/customer/api/open/v1``)."""
    url = str(load_spec(vendor)["servers"][0]["url"])
    _, _, rest = url.partition("://")
    _, slash, path = rest.partition("/")
    return (slash + path).rstrip("/")


_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def declared_methods(vendor: str) -> tuple[str, ...]:
    """The methods the spec declares on ``/orders/{id}``, upper-cased, in the order of RFC 9110's list."""
    path_item = load_spec(vendor)[_OPERATION[0]][_OPERATION[1]]
    return tuple(method.upper() for method in _HTTP_METHODS if method in path_item)


def request_properties(vendor: str) -> frozenset[str]:
    """The top-level fields the request body schema declares."""
    spec = load_spec(vendor)
    operation, pointer = _operation(vendor)
    schema, _ = _follow(spec, operation["requestBody"]["content"][_JSON]["schema"], pointer)
    return frozenset(schema.get("properties", {}))


def _response(vendor: str, status: int) -> tuple[Mapping[str, Any], str] | None:
    spec = load_spec(vendor)
    operation, pointer = _operation(vendor)
    responses = operation.get("responses", {})
    key = next((k for k in responses if str(k) == str(status)), None)
    if key is None:
        return None
    return _follow(spec, responses[key], f"{pointer}/responses/{key}")


def documented_statuses(vendor: str) -> frozenset[int]:
    """The HTTP statuses the spec documents for ``PUT /orders/{id}``."""
    operation, _ = _operation(vendor)
    return frozenset(int(key) for key in operation.get("responses", {}) if str(key).isdigit())


def success_example(vendor: str) -> Any:
    """The example body of the documented 200 response, or None when the spec gives none."""
    found = _response(vendor, 200)
    if found is None:
        return None
    return found[0].get("content", {}).get(_JSON, {}).get("example")


# -- validation ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a request body: the field (dotted path, ``"body"`` for the body itself) and why."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@functools.cache
def _validator_class() -> Any:
    """Draft 2020-12, where a schema with OpenAPI 3.0's ``nullable: true`` also accepts null."""
    from jsonschema import Draft202012Validator, validators  # noqa: PLC0415 - optional dependency

    def nullable(inner: Any) -> Any:
        def keyword(validator: Any, value: Any, instance: Any, schema: Mapping[str, Any]) -> Iterator[Any]:
            if instance is None and schema.get("nullable") is True:
                return
            yield from inner(validator, value, instance, schema)

        return keyword

    keywords = Draft202012Validator.VALIDATORS
    return validators.extend(
        Draft202012Validator,
        {"type": nullable(keywords["type"]), "enum": nullable(keywords["enum"])},
    )


@functools.cache
def _validator(vendor: str, pointer: str) -> Any:
    """A validator for the schema at ``pointer`` (a JSON Pointer into the vendor's document)."""
    from referencing import Registry, Resource  # noqa: PLC0415 - optional dependency
    from referencing.jsonschema import DRAFT202012  # noqa: PLC0415 - optional dependency

    uri = _URI.format(vendor=vendor)
    resource: Resource[Any] = Resource.from_contents(load_spec(vendor), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(uri, resource)
    cls = _validator_class()
    return cls({"$ref": f"{uri}#{pointer}"}, registry=registry, format_checker=cls.FORMAT_CHECKER)


def _dotted(path: Any) -> str:
    return ".".join(str(part) for part in path) or "body"


_TYPE_NAMES = {"object": "an object", "array": "an array", "integer": "an integer", "null": "null"}


def _describe(error: Any) -> list[Problem]:
    """Readable problems for one jsonschema error (an unknown or missing property gets its own field)."""
    path = list(error.absolute_path)
    keyword = error.validator
    if keyword == "additionalProperties" and isinstance(error.instance, Mapping):
        declared = error.schema.get("properties", {})
        unknown = sorted(str(key) for key in error.instance if key not in declared)
        return [Problem(_dotted([*path, key]), "is not a field this endpoint accepts") for key in unknown]
    if keyword == "required" and isinstance(error.instance, Mapping):
        missing = [name for name in error.validator_value if name not in error.instance]
        return [Problem(_dotted([*path, name]), "is required") for name in missing]
    if keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = " or ".join(_TYPE_NAMES.get(name, f"a {name}") for name in expected)
        return [Problem(_dotted(path), f"must be {names}")]
    if keyword == "enum":
        allowed = ", ".join(json.dumps(value) for value in error.validator_value)
        return [Problem(_dotted(path), f"must be one of {allowed}")]
    if keyword == "format":
        name = "email address" if error.validator_value == "email" else str(error.validator_value)
        return [Problem(_dotted(path), f"must be a valid {name}")]
    return [Problem(_dotted(path), str(error.message))]


def request_problems(vendor: str, body: Any) -> list[Problem]:
    """Everything wrong with ``body`` as the request body of ``PUT /orders/{id}`` (empty: it is valid)."""
    operation, pointer = _operation(vendor)
    _, schema_pointer = _follow(
        load_spec(vendor),
        operation["requestBody"]["content"][_JSON]["schema"],
        f"{pointer}/requestBody/content/{_escape(_JSON)}/schema",
    )
    problems = {
        problem for error in _validator(vendor, schema_pointer).iter_errors(body) for problem in _describe(error)
    }
    return sorted(problems, key=lambda problem: (problem.field, problem.message))


def response_problems(vendor: str, status: int, body: Any) -> list[str] | None:
    """What is wrong with ``body`` as the spec's response for ``status``; None if the spec documents no body."""
    found = _response(vendor, status)
    if found is None:
        return None
    response, pointer = found
    if _JSON not in response.get("content", {}) or "schema" not in response["content"][_JSON]:
        return None
    validator = _validator(vendor, f"{pointer}/content/{_escape(_JSON)}/schema")
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(body)'}: {error.message}"
        for error in validator.iter_errors(body)
    ]
