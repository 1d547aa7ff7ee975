"""Every list of vendors the project keeps names the same vendors as the public ``Vendor`` enum.

Python's typing needs the enum written out (mypy reads its members): it is generated from specs/sources.yaml
into storefronts_generated/_vendors.py. Everything else either derives from it
or is checked against it here, so registering a vendor in one place and forgetting another fails this test.
"""

from __future__ import annotations

import ast
import importlib
import tomllib
from pathlib import Path

import pytest

import storefronts.testing.pytest_plugin
from generator._vendors import load_sources
from storefronts import Vendor, _registry
from storefronts._adapter import VendorAdapter
from storefronts._registry import _registered_vendor, adapter_class, adapter_for, all_adapters
from storefronts.testing import _sandboxes, sandbox
from storefronts.testing._vendors import _registered_sandbox_vendor, sandbox_class, sandbox_vendors
from tests.support.vendors import VENDORS

ROOT = Path(__file__).resolve().parents[1]
ENUM = [vendor.value for vendor in Vendor]


def test_the_suites_run_over_the_enum() -> None:
    assert list(VENDORS) == ENUM


def test_the_registry_has_an_adapter_for_each_vendor_and_no_other() -> None:
    assert [adapter.vendor.value for adapter in all_adapters()] == ENUM
    for vendor in Vendor:
        assert adapter_for(vendor).vendor is vendor


def test_specs_sources_lists_each_vendor_with_a_spec_file() -> None:
    sources = load_sources()
    assert [source.name for source in sources] == ENUM
    for source in sources:
        assert source.spec_path.is_file(), source.spec_path


def test_every_generated_package_an_adapter_uses_ships_in_the_wheel() -> None:
    build = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["hatch"]["build"]["targets"]["wheel"]
    shipped = [ROOT / package for package in build["packages"]]
    for vendor in Vendor:
        package = adapter_for(vendor).generated_package
        assert package.__file__ is not None
        location = Path(package.__file__).resolve()
        assert any(location.is_relative_to(folder.resolve()) for folder in shipped), (vendor, location, shipped)


def test_the_sandbox_has_a_vendor_module_for_each_vendor_and_no_other() -> None:
    """The sandbox serves the enum's vendors; each needs its module, and a module no member names is dead code."""
    assert sandbox_vendors() == ENUM
    for vendor in ENUM:
        assert sandbox_class(vendor).name == vendor
    modules = sorted(path.stem for path in Path(_sandboxes.__file__).parent.glob("*.py") if path.stem != "__init__")
    assert modules == sorted(ENUM)


def test_the_pytest_plugin_has_a_documented_fixture_per_vendor() -> None:
    plugin = storefronts.testing.pytest_plugin
    assert set(plugin.__all__) == {f"{vendor}_sandbox" for vendor in ENUM} | {
        "storefront_sandbox",
        "storefronts_instant_retries",
    }
    for vendor in ENUM:
        fixture = getattr(plugin, f"{vendor}_sandbox")
        assert fixture.name == f"{vendor}_sandbox"
        assert f'sandbox("{vendor}")' in (fixture.__doc__ or ""), fixture.__doc__


def test_no_test_module_writes_the_vendor_list_out_by_hand() -> None:
    """A tuple or list of every vendor name, spelt out, would miss the next vendor: import tests.support.vendors."""
    names = set(ENUM)
    offenders = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.name == "test_public_api.py":  # pins the enum's members on purpose: it is the public contract
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Tuple | ast.List) and len(node.elts) == len(names):
                values = {elt.value for elt in node.elts if isinstance(elt, ast.Constant)}
                if values == names:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_the_vendor_modules_import() -> None:
    for vendor in Vendor:
        importlib.import_module(f"storefronts.vendors.{vendor.value}")


def test_every_vendor_has_a_test_table() -> None:
    from tests.vendors import tables

    assert [entry.name for entry in tables().values()] == ENUM


def test_a_vendor_without_its_sandbox_module_is_told_which_file_to_write() -> None:
    class Adapter(VendorAdapter):
        pass

    with _registered_vendor("nosandbox", Adapter), pytest.raises(RuntimeError, match=r"_sandboxes/nosandbox\.py"):
        sandbox("nosandbox")


def test_the_sandbox_registration_hook_refuses_a_vendor_the_sandbox_already_serves() -> None:
    served = sandbox_class(ENUM[0])
    with pytest.raises(ValueError, match="already a sandbox vendor"), _registered_sandbox_vendor(served, Path()):
        pass
    assert sandbox_class(ENUM[0]) is served


def test_a_vendor_without_its_adapter_module_is_told_which_file_to_write(monkeypatch: pytest.MonkeyPatch) -> None:
    class Adapter(VendorAdapter):
        pass

    with _registered_vendor("noadapter", Adapter) as member, monkeypatch.context() as patch:
        patch.delitem(_registry._REGISTERED, member)  # a member with no module under storefronts/vendors/
        with pytest.raises(RuntimeError, match=r"no adapter for 'noadapter': write storefronts/vendors/noadapter\.py"):
            adapter_class(member)
