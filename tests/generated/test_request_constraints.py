"""Request constraints the spec declares are enforced before anything is sent (model.py.jinja change 5).

No vendor's spec declares one today (``test_the_real_specs_declare_no_request_constraints`` says so, and fails the
day one does, as a reminder that the real clients then check it). So the tests give the specs of the vendors whose
table has ``request_constraints`` one constraint of every kind between them, generate their clients into a
temporary folder with the real generator, and run the facade against those clients in a subprocess (the committed
clients stay importable in this one): each violation must be an ``InvalidUpdateError`` naming the ``update_order``
argument and the constraint, with nothing reaching the loopback server, and a value inside every constraint must
still be sent.
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
from tests.vendors import table
from tests.vendors._generated_client import RequestConstraints

ROOT = Path(__file__).resolve().parents[2]


def _load(vendor: str) -> dict[str, Any]:
    spec: dict[str, Any] = YAML(typ="safe", pure=True).load(table(vendor).spec_path.read_text("utf-8"))
    return spec


def _walk(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object in ``node`` with its ``/``-joined path."""
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from _walk(value, f"{where}/{key}" if where else str(key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, f"{where}/{index}")


@pytest.mark.parametrize("vendor", VENDORS)
def test_the_real_specs_declare_no_request_constraints(vendor: str) -> None:
    """None but those the vendor's table lists (a throwaway vendor's path-parameter pattern, which its adapter's
    order-id check holds to)."""
    declared = {(where, keyword) for where, node in _walk(_load(vendor)) for keyword in CONSTRAINTS if keyword in node}
    assert declared == table(vendor).spec_constraints


# the vendors whose table says which constraints to add to their spec, and what those refuse
CONSTRAINED: dict[str, RequestConstraints] = {
    vendor: constraints for vendor in VENDORS if (constraints := table(vendor).request_constraints) is not None
}
# every constraint kind the generated layer checks is tried on some vendor
KINDS_TRIED = {case.constraint for constraints in CONSTRAINED.values() for case in constraints.cases}


def _package(vendor: str) -> str:
    generated = table(vendor).generated
    assert generated is not None, f"tests/vendors/{vendor}.py has request_constraints but no generated client"
    return generated.package


def _constrained(vendor: str) -> dict[str, Any]:
    spec = copy.deepcopy(_load(vendor))
    CONSTRAINED[vendor].constrain(spec)
    return spec


def test_every_constraint_kind_is_tried_on_some_vendor() -> None:
    assert set(CONSTRAINTS) <= KINDS_TRIED, sorted(set(CONSTRAINTS) - KINDS_TRIED)
    assert None in KINDS_TRIED  # and some value within every constraint


@pytest.fixture(scope="module")
def constrained_clients(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The constrained vendors' clients generated from the constrained specs, in a folder of their own."""
    scratch = tmp_path_factory.mktemp("constrained")
    out = scratch / "generated"
    # the committed namespace package with two clients replaced: first on the path, it shadows the committed one
    shutil.copytree(ROOT / "generated" / GENERATED_NAMESPACE, out / GENERATED_NAMESPACE)
    vendors = {vendor.name: vendor for vendor in load_sources()}
    for name in CONSTRAINED:
        spec = _constrained(name)
        path = scratch / f"{name}.yaml"
        with path.open("w", encoding="utf-8") as stream:
            YAML(typ="safe", pure=True).dump(spec, stream)
        generate_vendor(dataclasses.replace(vendors[name], spec_path=path), out / GENERATED_NAMESPACE)
    return out


# (vendor, update_order arguments, the argument named, the constraint named); None: must be sent
CASES: list[tuple[str, dict[str, Any], str | None, str | None]] = [
    (vendor, dict(case.arguments), case.field, case.constraint)
    for vendor, constraints in CONSTRAINED.items()
    for case in constraints.cases
]
# the credential each constrained vendor's client is built with (a list: JSON has no tuples)
KEYS: dict[str, Any] = {vendor: table(vendor).api_key for vendor in CONSTRAINED}
# where each constrained vendor's generated client is imported from
PACKAGES: dict[str, str] = {vendor: _package(vendor) for vendor in CONSTRAINED}


_RUNNER = r"""
import importlib
import json
import sys

from decimal import Decimal

from storefronts import Client
from storefronts.errors import InvalidUpdateError
from tests.support.loopback import LoopbackServer

KEYS = {vendor: key if isinstance(key, str) else tuple(key) for vendor, key in json.loads(sys.argv[2]).items()}
PACKAGES = json.loads(sys.argv[3])
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
clients_from = {vendor: importlib.import_module(package).__file__ for vendor, package in PACKAGES.items()}
print(json.dumps({"results": results, "clients_from": clients_from}))
"""


@pytest.fixture(scope="module")
def outcomes(constrained_clients: Path) -> list[dict[str, Any]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(constrained_clients), str(ROOT)])}
    result = subprocess.run(
        [sys.executable, "-c", _RUNNER, json.dumps(CASES), json.dumps(KEYS), json.dumps(PACKAGES)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    # the constrained clients, not the committed ones
    assert sorted(output["clients_from"]) == sorted(CONSTRAINED)
    for client_from in output["clients_from"].values():
        assert client_from.startswith(str(constrained_clients)), client_from
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


_MODEL_CHECK = r"""
import importlib
import json
import sys

package, model_name, arguments = json.loads(sys.argv[1])
model = getattr(importlib.import_module(f"{package}.models"), model_name)
errors = importlib.import_module(f"{package}.errors")
try:
    model(**arguments)
except errors.RequestConstraintError as e:
    print(e.field, e.constraint, e.limit, "|", e)
model()  # an unset field is not checked ...
model(**{name: None for name in arguments})  # ... nor one set to None
"""


@pytest.mark.parametrize(
    "vendor",
    [
        pytest.param(
            vendor,
            marks=[]
            if constraints.model_check is not None
            else [pytest.mark.skip(reason=f"tests/vendors/{vendor}.py gives no model_check")],
        )
        for vendor, constraints in CONSTRAINED.items()
    ],
)
def test_the_generated_model_checks_when_built(constrained_clients: Path, vendor: str) -> None:
    """The generated layer on its own: the error names the spec's field, the keyword and the limit."""
    check = CONSTRAINED[vendor].model_check
    assert check is not None
    model, arguments, expected = check
    env = {**os.environ, "PYTHONPATH": str(constrained_clients)}
    argument = json.dumps([_package(vendor), model, dict(arguments)])
    result = subprocess.run(
        [sys.executable, "-c", _MODEL_CHECK, argument],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
