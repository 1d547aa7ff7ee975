"""Registering tinywoo for a while: its spec generated into a folder by the project's generator, its adapter,
sandbox vendor and test table lent through the private hooks that undo themselves afterwards.

Used two ways: this package's ``fourth_vendor`` fixture, and the ``--fourth-vendor`` switch of tests/conftest.py,
which registers it for a whole session before any suite computes its vendor list (``tuple(Vendor)``).
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

from generator._generate import generate_vendor
from generator._vendors import VendorSource
from storefronts import Vendor
from storefronts._registry import _registered_vendor
from storefronts.testing._vendors import _registered_sandbox_vendor
from tests.fourth_vendor.vendor import NAME, SPEC, TABLE, TinywooSandbox, make_adapter
from tests.vendors import registered_table


@contextlib.contextmanager
def registered_fourth_vendor(out: Path) -> Iterator[Vendor]:
    """tinywoo, generated into ``out`` (an empty folder), as a ``Vendor`` while the block runs."""
    package_name = f"{NAME}_client"
    source = VendorSource(
        name=NAME, spec_path=Path(SPEC), package=package_name, hand_written=True, url="-", format="openapi"
    )
    generate_vendor(source, out)
    sys.path.insert(0, str(out))
    try:
        package = importlib.import_module(package_name)
        importlib.import_module(f"{package_name}.api.orders.update_order")
        adapter = make_adapter(package)
        with (
            _registered_vendor(NAME, adapter) as vendor,
            _registered_sandbox_vendor(TinywooSandbox, Path(SPEC)),
            registered_table(TABLE),
        ):
            yield vendor
    finally:
        sys.path.remove(str(out))
        for module in [name for name in sys.modules if name == package_name or name.startswith(f"{package_name}.")]:
            del sys.modules[module]
    assert NAME not in Vendor._value2member_map_  # gone again: the other suites see the real vendors only
