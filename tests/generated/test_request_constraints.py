"""Request constraints the spec declares are enforced before anything is sent (model.py.jinja change 5).

None of the three vendors' specs declares one today (``test_the_real_specs_declare_no_request_constraints`` says
so, and fails the day one does, as a reminder that the real clients then check it). So the tests give Salesive's and
LaunchMyStore's specs one constraint of every kind, generate their clients into a temporary folder with the real
generator, and run the facade against those clients in a subprocess (the committed clients stay importable in this
one): each violation must be an ``InvalidUpdateError`` naming the ``update_order`` argument and the constraint,
with nothing reaching the loopback server, and a value inside every constraint must still be sent.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator._generate import generate_vendor
from generator._vendors import GENERATED_NAMESPACE, load_sources
from generator.spec_diff import CONSTRAINTS
from tests.support.vendors import VENDORS

ROOT = Path(__file__).resolve().parents[2]


def _load(vendor: str) -> dict[str, Any]:
    spec: dict[str, Any] = YAML(typ="safe", pure=True).load((ROOT / "specs" / f"{vendor}.yaml").read_text("utf-8"))
    return spec


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


@pytest.mark.parametrize("vendor", VENDORS)
def test_the_real_specs_declare_no_request_constraints(vendor: str) -> None:
    declared = {keyword for node in _walk(_load(vendor)) for keyword in CONSTRAINTS if keyword in node}
    assert declared == set()


def _constrained_salesive() -> dict[str, Any]:
    spec = copy.deepcopy(_load("salesive"))
    body = spec["paths"]["/orders/{id}"]["put"]["requestBody"]["content"]["application/json"]["schema"]
    body["properties"]["notes"].update({"minLength": 2, "maxLength": 20, "pattern": "^[^<>]*$"})
    body["properties"]["shippingCost"].update({"minimum": 1, "maximum": 5000, "multipleOf": 0.5})
    body["properties"]["discount"].update({"exclusiveMinimum": 0, "exclusiveMaximum": 1000})
    return spec


def _constrained_launchmystore() -> dict[str, Any]:
    spec = copy.deepcopy(_load("launchmystore"))
    schemas = spec["components"]["schemas"]
    schemas["UpdateOrderRequest"]["properties"]["tags"].update({"minItems": 1, "maxItems": 3})
    schemas["UpdateOrderRequest"]["properties"]["tags"]["items"]["maxLength"] = 8
    schemas["AddressInput"]["properties"]["city"]["maxLength"] = 10
    return spec


@pytest.fixture(scope="module")
def constrained_clients(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Salesive's and LaunchMyStore's clients generated from the constrained specs, in a folder of their own."""
    scratch = tmp_path_factory.mktemp("constrained")
    out = scratch / "generated"
    # the committed namespace package with two clients replaced: first on the path, it shadows the committed one
    shutil.copytree(ROOT / "generated" / GENERATED_NAMESPACE, out / GENERATED_NAMESPACE)
    vendors = {vendor.name: vendor for vendor in load_sources()}
    for name, spec in (("salesive", _constrained_salesive()), ("launchmystore", _constrained_launchmystore())):
        path = scratch / f"{name}.yaml"
        with path.open("w", encoding="utf-8") as stream:
            YAML(typ="safe", pure=True).dump(spec, stream)
        generate_vendor(dataclasses.replace(vendors[name], spec_path=path), out / GENERATED_NAMESPACE)
    return out


# (vendor, update_order arguments, the argument named, the constraint named); None: must be sent
CASES: list[tuple[str, dict[str, Any], str | None, str | None]] = [
    ("salesive", {"notes": "x" * 21}, "notes", "maxLength"),
    ("salesive", {"notes": "x"}, "notes", "minLength"),
    ("salesive", {"notes": "<b>hi</b>"}, "notes", "pattern"),
    ("salesive", {"shipping_cost": "0.5"}, "shipping_cost", "minimum"),
    ("salesive", {"shipping_cost": "5000.5"}, "shipping_cost", "maximum"),
    ("salesive", {"shipping_cost": "2.25"}, "shipping_cost", "multipleOf"),
    ("salesive", {"discount": "0"}, "discount", "exclusiveMinimum"),
    ("salesive", {"discount": "1000"}, "discount", "exclusiveMaximum"),
    ("salesive", {"notes": "packed", "discount": "1000"}, "discount", "exclusiveMaximum"),
    ("launchmystore", {"tags": []}, "tags", "minItems"),
    ("launchmystore", {"tags": ["a", "b", "c", "d"]}, "tags", "maxItems"),
    ("launchmystore", {"tags": ["a", "much-too-long"]}, "tags", "maxLength"),
    (
        "launchmystore",
        {"notes": "n", "shipping_address": {"city": "Llanfairpwllgwyngyll"}},
        "shipping_address",
        "maxLength",
    ),
    ("salesive", {"notes": "packed", "shipping_cost": "1500.5", "discount": "999.99"}, None, None),
    ("launchmystore", {"tags": ["vip", "gift"], "shipping_address": {"city": "Lagos"}}, None, None),
]


_RUNNER = r"""
import json
import sys

from decimal import Decimal

from storefronts_generated import salesive as salesive_client

from storefronts import Client
from storefronts.errors import InvalidUpdateError
from tests.support.loopback import LoopbackServer

KEYS = {"salesive": "app_test-token-123456", "launchmystore": "lms_test-token-123456"}
results = []
for vendor, arguments, _, _ in json.loads(sys.argv[1]):
    # money travels to this process as a string: update_order takes it as a Decimal
    arguments = {name: Decimal(value) if name in ("shipping_cost", "discount") else value
                 for name, value in arguments.items()}
    with LoopbackServer() as server:
        client = Client(vendor, api_key=KEYS[vendor], base_url=server.base_url, max_retries=0)
        try:
            client.update_order("ord_1", **arguments)
        except InvalidUpdateError as error:
            results.append({"error": "InvalidUpdateError", "field": error.field, "message": str(error),
                            "cause": type(error.__cause__).__name__, "sent": len(server.requests)})
        except Exception as error:  # the reply is the server's default 404: what was sent is what counts
            results.append({"error": type(error).__name__, "sent": len(server.requests),
                            "body": server.requests[0].json if server.requests else None})
        finally:
            client.close()
print(json.dumps({"results": results, "client_from": salesive_client.__file__}))
"""


@pytest.fixture(scope="module")
def outcomes(constrained_clients: Path) -> list[dict[str, Any]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(constrained_clients), str(ROOT)])}
    result = subprocess.run(
        [sys.executable, "-c", _RUNNER, json.dumps(CASES)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["client_from"].startswith(str(constrained_clients))  # the constrained client, not the committed one
    results: list[dict[str, Any]] = output["results"]
    return results


@pytest.mark.parametrize(("index", "case"), list(enumerate(CASES)), ids=[f"{c[0]}-{c[3] or 'ok'}" for c in CASES])
def test_each_constraint_kind_is_enforced_before_sending(
    outcomes: list[dict[str, Any]], index: int, case: tuple[str, dict[str, Any], str | None, str | None]
) -> None:
    _, _, field, constraint = case
    outcome = outcomes[index]
    if field is None:
        assert outcome["sent"] == 1, outcome  # within every constraint: it goes out
        return
    assert outcome["error"] == "InvalidUpdateError", outcome
    assert outcome["field"] == field
    assert constraint in outcome["message"]
    assert outcome["message"].endswith("Nothing was sent.")
    assert outcome["sent"] == 0
    assert outcome["cause"] == "RequestConstraintError"


def test_the_generated_model_checks_when_built(constrained_clients: Path) -> None:
    """The generated layer on its own: the error names the spec's field, the keyword and the limit."""
    code = (
        "from storefronts_generated.salesive.models import UpdateOrderBody\n"
        "from storefronts_generated.salesive.errors import RequestConstraintError\n"
        "try:\n"
        "    UpdateOrderBody(notes='x' * 21)\n"
        "except RequestConstraintError as e:\n"
        "    print(e.field, e.constraint, e.limit, '|', e)\n"
        "UpdateOrderBody()\n"
        "UpdateOrderBody(notes=None)  # type: ignore[arg-type]\n"
    )
    env = {**os.environ, "PYTHONPATH": str(constrained_clients)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "notes maxLength 20 | notes is 21 characters long; maxLength is 20"
