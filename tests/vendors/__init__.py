"""One table of expectations per vendor (``tests/vendors/<vendor>.py``, each a ``TABLE``), found through the
``Vendor`` enum: a new vendor adds its module and every suite that parametrises over :func:`tables` takes it in.

A vendor registered at run time (the proof that a vendor can be added, ``tests/fourth_vendor/``) lends its table
with :func:`registered_table` while it is registered.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator

from storefronts import Vendor
from tests.vendors._table import SECRET_MARKER, VendorTable

__all__ = ["SECRET_MARKER", "VendorTable", "registered_table", "table", "tables"]

_LENT: dict[str, VendorTable] = {}


def table(vendor: Vendor | str) -> VendorTable:
    """The table of ``vendor``."""
    name = vendor.value if isinstance(vendor, Vendor) else str(vendor)
    if name in _LENT:
        return _LENT[name]
    found: VendorTable = importlib.import_module(f"{__name__}.{name}").TABLE
    return found


def tables() -> dict[str, VendorTable]:
    """Every vendor's table, in enum order."""
    return {vendor.value: table(vendor) for vendor in Vendor}


@contextlib.contextmanager
def registered_table(entry: VendorTable) -> Iterator[VendorTable]:
    _LENT[entry.name] = entry
    try:
        yield entry
    finally:
        del _LENT[entry.name]
