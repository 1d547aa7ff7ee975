"""Which adapter serves which vendor. Adapters (and with them the generated clients) are imported on first use,
so ``import storefronts`` stays cheap and a service that talks to one vendor never loads the others."""

from __future__ import annotations

import importlib
from functools import cache

from ._adapter import VendorAdapter
from ._types import Vendor
from .errors import ConfigurationError

# One line per vendor: adding a vendor is a spec, an adapter module and a line here.
_ADAPTERS: dict[Vendor, str] = {
    Vendor.BITBYBIT: "storefronts.vendors.bitbybit:BitbybitAdapter",
    Vendor.SALESIVE: "storefronts.vendors.salesive:SalesiveAdapter",
    Vendor.LAUNCHMYSTORE: "storefronts.vendors.launchmystore:LaunchMyStoreAdapter",
}


def resolve_vendor(vendor: Vendor | str) -> Vendor:
    """``vendor`` as a Vendor, or ConfigurationError listing the known ones."""
    try:
        return Vendor(vendor.lower() if isinstance(vendor, str) else vendor)
    except ValueError:
        known = ", ".join(v.value for v in Vendor)
        raise ConfigurationError(f"unknown vendor {vendor!r}; storefronts supports: {known}") from None


@cache
def adapter_for(vendor: Vendor) -> VendorAdapter:
    """The (shared, stateless) adapter for ``vendor``, imported on first use."""
    module_name, _, class_name = _ADAPTERS[vendor].partition(":")
    adapter_class: type[VendorAdapter] = getattr(importlib.import_module(module_name), class_name)
    return adapter_class()


def all_adapters() -> list[VendorAdapter]:
    """Every registered adapter (imports them all: for error messages and docs, not the request path)."""
    return [adapter_for(vendor) for vendor in _ADAPTERS]
