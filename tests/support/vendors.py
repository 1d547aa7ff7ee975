"""The vendors the suites run over: the registry's, so a new vendor is picked up by every parametrised suite."""

from __future__ import annotations

from storefronts import Vendor

VENDORS: tuple[str, ...] = tuple(vendor.value for vendor in Vendor)
