"""Which adapter serves which vendor. Adapters (and with them the generated clients) are imported on first use,
so ``import storefronts`` stays cheap and a service that talks to one vendor never loads the others.

Nothing here names a vendor: the adapter of ``Vendor.X`` is the :class:`VendorAdapter` subclass declared in
``storefronts/vendors/<X's value>.py`` whose ``vendor`` is ``Vendor.X``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import cache

from ._adapter import VendorAdapter
from ._declared import declared_class
from ._types import Vendor
from .errors import ConfigurationError

_VENDORS_PACKAGE = f"{__package__}.vendors"
_REGISTERED: dict[Vendor, type[VendorAdapter]] = {}
"""Adapters registered at run time by :func:`_registered_vendor` (a test's throwaway vendor), by vendor."""


def resolve_vendor(vendor: Vendor | str) -> Vendor:
    """``vendor`` as a Vendor, or ConfigurationError listing the known ones."""
    try:
        return Vendor(vendor.lower() if isinstance(vendor, str) else vendor)
    except ValueError:
        known = ", ".join(v.value for v in Vendor)
        raise ConfigurationError(f"unknown vendor {vendor!r}; storefronts supports: {known}") from None


def adapter_class(vendor: Vendor) -> type[VendorAdapter]:
    """The adapter class of ``vendor``, from its module under ``storefronts.vendors`` (imported here)."""
    registered = _REGISTERED.get(vendor)
    if registered is not None:
        return registered
    return declared_class(
        f"{_VENDORS_PACKAGE}.{vendor.value}",
        VendorAdapter,  # type: ignore[type-abstract]  # an abstract base is what we look for (python/mypy#4717)
        "vendor",
        vendor,
        missing=f"storefronts has no adapter for {vendor.value!r}: write storefronts/vendors/{vendor.value}.py "
        "(CONTRIBUTING.md, Adding a vendor)",
    )


@cache
def adapter_for(vendor: Vendor) -> VendorAdapter:
    """The (shared, stateless) adapter for ``vendor``, imported on first use."""
    return adapter_class(vendor)()


def all_adapters() -> list[VendorAdapter]:
    """Every registered adapter (imports them all: for error messages and docs, not the request path)."""
    return [adapter_for(vendor) for vendor in Vendor]


@contextlib.contextmanager
def _registered_vendor(value: str, adapter: type[VendorAdapter]) -> Iterator[Vendor]:
    """Private, for the test that proves a vendor can be added without a core change: a ``Vendor`` member for
    ``value`` served by ``adapter`` while the block runs, then gone.

    ``Vendor`` is a static enum on purpose (type checkers read its members), so the member is added the way the
    enum machinery adds its own, and removed from the same tables afterwards. Not thread-safe and not public:
    a real vendor is a member written in ``_types.py``.
    """
    name = value.upper()
    if name in Vendor.__members__ or value in Vendor._value2member_map_:
        raise ValueError(f"{value!r} is already a vendor")
    member = str.__new__(Vendor, value)
    member._name_, member._value_ = name, value
    member.__objclass__ = Vendor  # type: ignore[attr-defined]
    # enum.Enum's own tables: iteration, lookup by name and lookup by value
    Vendor._member_map_[name] = member
    Vendor._member_names_.append(name)
    Vendor._value2member_map_[value] = member
    adapter.vendor = member
    _REGISTERED[member] = adapter
    adapter_for.cache_clear()
    try:
        yield member
    finally:
        del _REGISTERED[member]
        Vendor._member_names_.remove(name)
        del Vendor._member_map_[name]
        del Vendor._value2member_map_[value]
        adapter_for.cache_clear()


__all__ = ["adapter_class", "adapter_for", "all_adapters", "resolve_vendor"]
