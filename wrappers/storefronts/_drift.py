"""Noticing that a vendor changed its API: a status value no adapter maps, or a field the adapter reads gone missing.

Reading stays lenient (the value reads as ``UNKNOWN``, the field as None); this only tells someone. The first
time a (vendor, field, value) is seen, one WARNING goes to the ``storefronts.drift`` logger naming
``make update-specs`` as the next step; every time, it is counted (:func:`seen`). Checked on each order a call
returns, from the adapter's own declarations (``read_statuses``, ``expected_fields``), so no adapter has code for it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, Final

from ._adapter import STATUS_FIELDS
from ._logging import loggable

if TYPE_CHECKING:
    from ._adapter import VendorAdapter
    from ._models import Order

logger = logging.getLogger("storefronts.drift")

MISSING: Final = "<missing>"
"""The value counted for a field the response lacks."""
OTHER: Final = "<other>"
"""The value counted once :data:`MAX_KEYS` distinct keys have been seen (a vendor sending a new value every time
must not grow memory or the log without bound)."""
MAX_KEYS: Final = 256

DriftKey = tuple[str, str, str]
_counts: dict[DriftKey, int] = {}
_lock = threading.Lock()


def seen() -> dict[DriftKey, int]:
    """How often each (vendor, field, value) was seen since the process started (or :func:`reset`)."""
    with _lock:
        return dict(_counts)


def reset() -> None:
    """Forget every count, so the next sighting warns again (for tests)."""
    with _lock:
        _counts.clear()


def _value_key(value: object, secret: str | tuple[str, ...] | None) -> str:
    if isinstance(value, str):
        return loggable(value, secret)
    return "<null>" if value is None else f"<{type(value).__name__}>"


def _axes(table: Mapping[str, Any]) -> tuple[str, ...]:
    """The Order attributes a status field's readings land on (one axis, or all three for a triple)."""
    entry = next(iter(table.values()), None)
    members = entry if isinstance(entry, tuple) else (entry,)
    return tuple(axis for axis, kind in STATUS_FIELDS.items() if any(isinstance(m, kind) for m in members))


def _unknown(order: Order, axes: tuple[str, ...]) -> bool:
    return any(isinstance(status := getattr(order, axis), Enum) and status.value == "unknown" for axis in axes)


def check(adapter: VendorAdapter, order: Order, secret: str | tuple[str, ...] | None = None) -> None:
    """Count (and the first time, warn about) each drift in ``order``, read by ``adapter``. Never raises."""
    raw = order.raw
    found: list[tuple[str, str]] = []
    for field, table in adapter.read_statuses.items():
        value = raw.get(field, _ABSENT)
        if isinstance(value, str) and value in table:
            continue
        # a value the adapter reads on purpose (LaunchMyStore's null fulfilment) leaves its axes known
        if _unknown(order, _axes(table)):
            found.append((field, MISSING if value is _ABSENT else _value_key(value, secret)))
    for field in adapter.expected_fields:
        if raw.get(field) is None:
            found.append((field, MISSING))
    if found:
        _note(adapter.vendor.value, found)


_ABSENT: Final[Any] = object()


def _note(vendor: str, found: list[tuple[str, str]]) -> None:
    first: list[DriftKey] = []
    with _lock:
        for field, value in found:
            key = (vendor, field, value)
            if key not in _counts and len(_counts) >= MAX_KEYS:
                key = (vendor, field, OTHER)
            count = _counts.get(key, 0) + 1
            _counts[key] = count
            if count == 1:
                first.append(key)
    for vendor_name, field, value in first:
        what = "no longer sends" if value == MISSING else f"sent {value!r}, a value no adapter maps, in"
        _warn(vendor_name, what, field, value)


def _warn(vendor_name: str, what: str, field: str, value: str) -> None:
    # the order was updated: a log handler that raises must not turn that into an error for the caller
    with contextlib.suppress(Exception):
        logger.warning(
            "%s %s the order field %r: storefronts reads it leniently (UNKNOWN or None), but the vendor's API "
            "may have changed. Next step: run `make update-specs` to compare the vendor's published spec with ours.",
            vendor_name,
            what,
            field,
            extra={"vendor": vendor_name, "field": field, "value": value},
        )
