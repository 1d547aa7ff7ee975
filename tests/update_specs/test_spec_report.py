"""Whom a change reaches, measured from the adapters, and the report's summary line; ``make spec-report``.

The adapter surfaces are measured by running the real adapters (``tests.tooling.adapter_surface``, in a
subprocess as ``make update-specs`` does); the spec pairs are the committed vendor specs with one change each.
"""

from __future__ import annotations

import copy
import functools
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator._vendors import load_sources
from generator.spec_diff import AdapterSurface, Change, diff_specs, render_report, summarise
from generator.update_specs import attribute_type_errors, measure_surface

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
PUT_200 = "PUT /orders/{id} response 200"


@functools.cache
def _surface(vendor: str) -> AdapterSurface:
    return measure_surface(vendor, SPECS / f"{vendor}.yaml")


def _spec(vendor: str) -> dict[str, Any]:
    spec: dict[str, Any] = YAML(typ="safe", pure=True).load((SPECS / f"{vendor}.yaml").read_text(encoding="utf-8"))
    return spec


def _schemas(spec: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = spec["components"]["schemas"]
    return schemas


def _reached(changes: list[Change]) -> list[tuple[str, str, str, str]]:
    return [(c.kind, c.location, c.level, c.reaches) for c in changes]


# --- the measured surface ----------------------------------------------------------------------------------------


def test_the_surface_is_what_the_adapter_does() -> None:
    surface = _surface("bitbybit")
    assert surface.operations == {"PUT /orders/{}"}
    assert surface.sends == {"status", "financialStatus", "fulfillmentStatus", "notes"}
    assert 'status="archived"' in surface.sent_values
    assert {"data.currency", "data.customer.phoneNumber", "data.lineItems[].productVariant.inventorySku"} <= (
        surface.reads_success
    )
    assert "data.lineItems[].productVariant.media" not in surface.reads_success
    assert surface.reads_error == {"error.code", "error.message"}
    assert "storefronts_generated.bitbybit.api.orders.update_order" in surface.imports
    assert surface.imports_name("UpdateOrderBody")


def test_launchmystore_sends_nested_and_listed_fields() -> None:
    surface = _surface("launchmystore")
    assert {"shipping_address.city", "note_attributes[].name", "tags[]"} <= surface.sends
    assert surface.imports_name("AddressInput")


# --- the summary line on pairs whose impact differs ---------------------------------------------------------------


def test_a_removed_response_field_the_adapter_reads_reaches_users() -> None:
    old, new = _spec("bitbybit"), _spec("bitbybit")
    del _schemas(new)["Order"]["properties"]["currency"]
    changes = diff_specs(old, new, surface=_surface("bitbybit"))
    assert _reached(changes) == [("response-property-removed", f"{PUT_200}: data.currency", "breaking", "facade")]
    assert summarise(changes).line() == "breaking for storefronts users: 1; generated layer only: 0; additive: 0"
    assert render_report("bitbybit", changes).splitlines()[0] == summarise(changes).line()


def test_a_removed_response_field_no_adapter_reads_is_generated_only() -> None:
    old, new = _spec("bitbybit"), _spec("bitbybit")
    del _schemas(new)["ProductVariant"]["properties"]["media"]
    changes = diff_specs(old, new, surface=_surface("bitbybit"))
    assert _reached(changes) == [
        ("response-property-removed", f"{PUT_200}: data.lineItems[].productVariant.media", "breaking", "generated")
    ]
    assert summarise(changes).line() == "breaking for storefronts users: 0; generated layer only: 1; additive: 0"


def test_without_a_surface_every_break_counts_as_reaching_users() -> None:
    old, new = _spec("bitbybit"), _spec("bitbybit")
    del _schemas(new)["ProductVariant"]["properties"]["media"]
    assert summarise(diff_specs(old, new)).breaking_for_users == 1


def test_request_enum_values_reach_users_only_if_the_adapter_sends_them() -> None:
    """Salesive's adapter never sends "paid" as a status, only as a payment status; bitbybit sends each value."""
    old, new = _spec("salesive"), _spec("salesive")
    body = new["paths"]["/orders/{id}"]["put"]["requestBody"]["content"]["application/json"]["schema"]
    body["properties"]["status"]["enum"].remove("paid")
    body["properties"]["status"]["enum"].append("on_hold")
    changes = diff_specs(old, new, surface=_surface("salesive"))
    assert _reached(changes) == [
        ("request-enum-value-removed", "PUT /orders/{id} request body: status", "breaking", "facade"),
        ("request-enum-value-added", "PUT /orders/{id} request body: status", "additive", "generated"),
    ]


def test_a_request_field_the_adapter_does_not_send_is_generated_only() -> None:
    old, new = _spec("launchmystore"), _spec("launchmystore")
    mapped = {c.kind: c for c in diff_specs(old, old, surface=_surface("launchmystore"))}
    assert mapped == {}
    request = _schemas(new)["UpdateOrderRequest"]["properties"]
    request["note"]["maxLength"] = 10
    request["gift_wrap"] = {"type": "boolean"}
    changes = diff_specs(old, new, surface=_surface("launchmystore"))
    assert [(c.kind, c.reaches) for c in changes] == [
        ("request-property-max-length-tightened", "facade"),
        ("request-property-added", "generated"),
    ]


def test_a_renamed_path_parameter_is_generated_only_and_a_renamed_operation_reaches_users() -> None:
    """The facade passes the order id by position and imports the endpoint module by name."""
    old, new = _spec("bitbybit"), _spec("bitbybit")
    new["paths"]["/orders/{orderId}"] = new["paths"].pop("/orders/{id}")
    put = new["paths"]["/orders/{orderId}"]["put"]
    put["parameters"][0]["name"] = "orderId"
    put["operationId"] = "modifyOrder"
    changes = diff_specs(old, new, surface=_surface("bitbybit"))
    assert [(c.kind, c.reaches) for c in changes] == [
        ("operation-id-changed", "facade"),
        ("request-parameter-renamed", "generated"),
    ]


def test_type_errors_mark_the_change_they_name_and_unexplained_ones_become_changes() -> None:
    renamed = Change("request-parameter-renamed", "PUT /x", "d", level="breaking", reaches="generated", names=("id",))
    other = Change("component-schema-renamed", "c", "d", level="breaking", reaches="generated", names=("Address",))
    errors = [
        ("wrappers/storefronts/vendors/x.py:3", 'Module "x_client.models" has no attribute "Address"'),
        ("wrappers/storefronts/_client.py:9", "Unexpected keyword argument"),
    ]
    marked = attribute_type_errors([renamed, other], errors)
    assert [(c.kind, c.reaches) for c in marked] == [
        ("request-parameter-renamed", "generated"),
        ("component-schema-renamed", "facade"),
        ("facade-type-check-failed", "facade"),
    ]
    assert marked[2].location == "wrappers/storefronts/_client.py:9"


# --- make spec-report ----------------------------------------------------------------------------------------------


def _dry_run(tmp_path: Path, vendor: str, spec: dict[str, Any], *extra: str) -> subprocess.CompletedProcess[str]:
    new_path = tmp_path / f"{vendor}.yaml"
    with new_path.open("w", encoding="utf-8") as stream:
        YAML(typ="safe", pure=True).dump(spec, stream)
    return subprocess.run(
        [sys.executable, "-m", "generator.update_specs", "--dry-run", "--spec", f"{vendor}={new_path}", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_dry_run_prints_the_report_and_writes_nothing(tmp_path: Path) -> None:
    before = {path: path.read_bytes() for path in SPECS.iterdir()}
    new = _spec("bitbybit")
    del _schemas(new)["Order"]["properties"]["currency"]
    del _schemas(new)["ProductVariant"]["properties"]["media"]
    result = _dry_run(tmp_path, "bitbybit", new, "--no-typecheck")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "breaking for storefronts users: 1; generated layer only: 1; additive: 0"
    assert "Preview (nothing fetched, no spec written)" in result.stdout
    assert result.stdout.index("data.currency") < result.stdout.index("productVariant.media")
    assert {path: path.read_bytes() for path in SPECS.iterdir()} == before


def test_dry_run_type_checks_the_facade_against_the_regenerated_client(tmp_path: Path) -> None:
    """A renamed operation: mypy --strict over the facade fails on the adapter's import, and says so."""
    new = _spec("bitbybit")
    new["paths"]["/orders/{id}"]["put"]["operationId"] = "modifyOrder"
    result = _dry_run(tmp_path, "bitbybit", new)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "breaking for storefronts users: 1; generated layer only: 0; additive: 0"
    assert "`mypy --strict` over the facade against a client regenerated from the new spec:" in result.stdout
    assert "no errors" not in result.stdout
    assert "facade-type-check-failed" not in result.stdout  # every error is explained by the rename


@pytest.mark.parametrize("argv", [["--dry-run"], ["--spec", "bitbybit=x.yaml"], ["--dry-run", "--spec", "nobody=x"]])
def test_dry_run_usage_errors(argv: list[str]) -> None:
    from generator.update_specs import main

    assert main(argv) == 2


def test_every_vendor_can_be_measured() -> None:
    for vendor in load_sources():
        surface = _surface(vendor.name)
        assert surface.operations, vendor.name
        assert surface.reads_success, vendor.name
        assert copy.copy(surface) == AdapterSurface.from_json(surface.to_json())
