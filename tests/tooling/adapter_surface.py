"""``python -m tests.tooling.adapter_surface VENDOR SPEC``: what one adapter touches of its generated client, as JSON.

``make update-specs`` / ``make spec-report`` run this in a subprocess to mark each spec change by whom it reaches
(``generator.spec_diff.AdapterSurface``). It lives outside ``generator/`` because it imports ``storefronts``, which
the generator never does; the generator reads only its JSON output.

Nothing here is a hand-kept list: the surface is measured by running the adapter.

* sends: every update the adapter supports (each status value of each axis, a sample of every other field, None
  where it can clear one) goes through ``canonical_updates`` and ``build_body`` as in a real call, and through the
  generated endpoint's ``_get_kwargs``; the JSON body's leaf paths and scalar values are what it sends, the URL
  gives the operation, and the query and header names the parameters it sends.
* reads: ``to_order`` is given a 2xx body built from SPEC's response schema (every field present), and
  ``read_error`` each error body, as dicts that record every key read; the leaf paths read are the fields read.
* imports: the generated modules and classes the adapter module refers to, and the client class the core builds.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from decimal import Decimal
from types import ModuleType
from typing import Any

import httpx
from ruamel.yaml import YAML

from storefronts._adapter import STATUS_FIELDS, VendorAdapter
from storefronts._models import Address
from storefronts._registry import adapter_for
from storefronts._types import Vendor
from storefronts._updates import canonical_updates, check_supported

ORDER_ID = "__order_id__"
# A sample body goes this deep into nested schemas: reference cycles (Order.parent) end there.
MAX_SAMPLE_DEPTH = 8
_SAMPLES: dict[str, list[Any]] = {
    "notes": ["note"],
    "tags": [["tag"]],
    "email": ["buyer@example.com"],
    "phone": ["+15550100"],
    "shipping_address": [Address(**{name: f"{name} value" for name in Address.field_names()})],
    "billing_address": [Address(**{name: f"{name} value" for name in Address.field_names()})],
    "note_attributes": [{"gift": "yes"}],
    "shipping_cost": [Decimal("1.5")],
    "discount": [Decimal("2")],
}
_SUCCESS = 200


class _Recorder(dict[str, Any]):
    """A JSON object that records the path of every key read from it (leaves only: an object read is traversed)."""

    def __init__(self, value: Mapping[str, Any], path: str, reads: set[str]) -> None:
        super().__init__(value)
        self._path = path
        self._reads = reads

    def _record(self, key: str, value: Any) -> Any:
        path = f"{self._path}.{key}" if self._path else key
        if isinstance(value, _Recorder):
            return value
        if isinstance(value, list) and any(isinstance(item, _Recorder) for item in value):
            return value
        self._reads.add(f"{path}[]" if isinstance(value, list) else path)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        return self._record(str(key), super().get(key, default))

    def __getitem__(self, key: str) -> Any:
        return self._record(key, super().__getitem__(key))


def _recording(value: Any, path: str, reads: set[str]) -> Any:
    if isinstance(value, Mapping):
        inner = {key: _recording(item, f"{path}.{key}" if path else key, reads) for key, item in value.items()}
        return _Recorder(inner, path, reads)
    if isinstance(value, list):
        return [_recording(item, f"{path}[]", reads) for item in value]
    return value


class _Spec:
    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document

    def resolve(self, node: Any) -> Any:
        seen: set[str] = set()
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and node["$ref"] not in seen:
            seen.add(node["$ref"])
            target: Any = self.document
            for part in node["$ref"][2:].split("/"):
                target = target.get(part.replace("~1", "/").replace("~0", "~")) if isinstance(target, Mapping) else None
            if target is None:
                break
            node = target
        return node

    def sample(self, node: Any, depth: int = 0) -> Any:
        """A JSON value with every field the schema declares (the first branch of a union, the first enum value)."""
        schema = self.resolve(node)
        if not isinstance(schema, Mapping) or depth > MAX_SAMPLE_DEPTH:
            return None
        if isinstance(schema.get("enum"), list):
            return next((value for value in schema["enum"] if value is not None), None)
        for keyword in ("oneOf", "anyOf"):
            branches = [b for b in schema.get(keyword) or [] if self.resolve(b).get("type") != "null"]
            if branches:
                return self.sample(branches[0], depth + 1)
        declared = schema.get("type")
        kinds = [declared] if isinstance(declared, str) else [t for t in declared or [] if t != "null"]
        kind = kinds[0] if kinds else ("object" if "properties" in schema or "allOf" in schema else None)
        if kind == "object":
            value: dict[str, Any] = {}
            for branch in schema.get("allOf") or []:
                merged = self.sample(branch, depth + 1)
                value.update(merged if isinstance(merged, dict) else {})
            for name, inner in (schema.get("properties") or {}).items():
                value[str(name)] = self.sample(inner, depth + 1)
            return value
        if kind == "array":
            return [self.sample(schema.get("items"), depth + 1)]
        if kind == "integer":
            return 1
        if kind == "number":
            return 1.5
        if kind == "boolean":
            return True
        if kind == "string":
            return "2026-01-01T00:00:00+00:00" if schema.get("format") == "date-time" else "text"
        return None


def _leaves(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, Mapping):
        return [leaf for key, inner in value.items() for leaf in _leaves(inner, f"{prefix}.{key}" if prefix else key)]
    if isinstance(value, list):
        return [leaf for inner in value for leaf in _leaves(inner, f"{prefix}[]")] or [(f"{prefix}[]", None)]
    return [(prefix, value)]


def _sends(adapter: VendorAdapter, surface: dict[str, set[str]]) -> None:
    endpoint: Any = adapter.endpoint
    for name in sorted(adapter.supported_updates):
        values = list(adapter.status_values.get(name, {})) if name in STATUS_FIELDS else list(_SAMPLES[name])
        if name in adapter.clearable_updates:
            values.append(None)
        for value in values:
            updates = canonical_updates({name: value})
            check_supported(adapter, updates)
            kwargs = endpoint._get_kwargs(ORDER_ID, body=adapter.build_body(updates))
            method, url = str(kwargs["method"]).upper(), str(kwargs["url"])
            surface["operations"].add(f"{method} {url.replace(ORDER_ID, '{}')}")
            for path, sent in _leaves(kwargs.get("json", kwargs.get("data"))):
                surface["sends"].add(path)
                if sent is None or isinstance(sent, str | int | float | bool):
                    surface["sent_values"].add(f"{path}={json.dumps(sent)}")
            surface["parameters"] |= {f"query {key}" for key in kwargs.get("params") or {}}
            surface["parameters"] |= {f"header {key}" for key in kwargs.get("headers") or {}}


def _operation(spec: _Spec, operation: str) -> Mapping[str, Any]:
    method, _, shape = operation.partition(" ")
    for path, item in (spec.document.get("paths") or {}).items():
        parts = str(path).split("{")
        if "{}".join(part.split("}", 1)[-1] if i else part for i, part in enumerate(parts)) == shape:
            found = spec.resolve(item).get(method.lower())
            if isinstance(found, Mapping):
                return found
    raise SystemExit(f"adapter_surface: the adapter calls {operation}, which the spec does not declare")


def _reads(adapter: VendorAdapter, spec: _Spec, operations: set[str], surface: dict[str, set[str]]) -> None:
    for operation in sorted(operations):
        for status, response in (_operation(spec, operation).get("responses") or {}).items():
            content = spec.resolve(response).get("content") or {}
            media = next((m for m in content if str(m).split(";")[0].strip() == "application/json"), None)
            if media is None:
                continue
            body = spec.sample(content[media].get("schema"))
            reads: set[str] = set()
            if str(status).startswith("2"):
                adapter.to_order(_recording(body, "", reads), httpx.Response(_SUCCESS))
                surface["reads_success"] |= reads
            else:
                adapter.read_error(_recording(body, "", reads))
                surface["reads_error"] |= reads


def _imports(adapter: VendorAdapter) -> set[str]:
    package = adapter.generated_package.__name__
    module = sys.modules[type(adapter).__module__]
    found: set[str] = {f"{package}.client.AuthenticatedClient"}
    for value in vars(module).values():
        if isinstance(value, ModuleType) and value.__name__.startswith(package):
            found.add(value.__name__)
        elif isinstance(value, type) and value.__module__.startswith(package):
            found.add(f"{value.__module__}.{value.__qualname__}")
    return found


def measure(vendor: str, spec_document: Mapping[str, Any]) -> dict[str, Any]:
    adapter = adapter_for(Vendor(vendor))
    spec = _Spec(spec_document)
    surface: dict[str, set[str]] = {
        key: set() for key in ("operations", "sends", "sent_values", "parameters", "reads_success", "reads_error")
    }
    _sends(adapter, surface)
    _reads(adapter, spec, surface["operations"], surface)
    return {
        "vendor": vendor,
        **{key: sorted(value) for key, value in surface.items()},
        "imports": sorted(_imports(adapter)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.tooling.adapter_surface", description=__doc__)
    parser.add_argument("vendor")
    parser.add_argument("spec", help="the spec the adapter was written against (its current specs/<vendor>.yaml)")
    args = parser.parse_args(argv)
    with open(args.spec, encoding="utf-8") as stream:
        document = YAML(typ="safe", pure=True).load(stream)
    json.dump(measure(args.vendor, document), sys.stdout, indent=1, default=str)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
