"""``update_order`` arguments: checked, made canonical, and matched against what the vendor can take.

Everything here runs before a request exists, so a bad or unsupported argument never reaches the network.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from ._adapter import STATUS_FIELDS, UPDATE_FIELDS, VendorAdapter
from ._models import Address
from ._registry import all_adapters
from .errors import InvalidUpdateError, UnsupportedUpdateError


def check_order_id(order_id: object) -> str:
    if not isinstance(order_id, str):
        raise InvalidUpdateError("order_id", f"must be a string, got {type(order_id).__name__}")
    if not order_id.strip():
        raise InvalidUpdateError("order_id", "must not be empty")
    _utf8("order_id", order_id)
    return order_id


def _utf8(field: str, value: Any) -> Any:
    """``value`` unchanged, or InvalidUpdateError when a string in it cannot be sent as UTF-8 (a lone surrogate)."""
    if isinstance(value, Address):
        _utf8(field, tuple(value.given_fields().values()))
    elif isinstance(value, tuple):
        for part in value:
            _utf8(field, part)
    elif isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidUpdateError(field, f"{value!r} cannot be encoded as UTF-8 (it has a lone surrogate)") from None
    return value


def _status(field: str, enum_type: type[Enum], value: object) -> Enum:
    if isinstance(value, enum_type):
        member = value
    elif isinstance(value, str) and not isinstance(value, Enum) and value in enum_type._value2member_map_:
        member = enum_type(value)
    else:
        choices = ", ".join(f"{enum_type.__name__}.{m.name}" for m in enum_type if m.value != "unknown")
        raise InvalidUpdateError(field, f"must be one of {choices}; got {value!r}")
    if member.value == "unknown":
        raise InvalidUpdateError(field, "UNKNOWN is what reading an undocumented value gives; it cannot be sent")
    return member


def _text(field: str, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidUpdateError(field, f"must be a string, got {type(value).__name__}")
    return value


def _email(field: str, value: object) -> str:
    email = _text(field, value)
    local, at, domain = email.partition("@")
    if not at or not local or not domain or "@" in domain or any(c.isspace() for c in email):
        raise InvalidUpdateError(field, f"{email!r} is not an email address")
    return email


def _phone(field: str, value: object) -> str:
    phone = _text(field, value)
    if not phone.strip():
        raise InvalidUpdateError(field, "must not be empty")
    return phone


def _tags(field: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | set | frozenset):
        raise InvalidUpdateError(field, f"must be a list of strings, got {type(value).__name__}")
    tags = tuple(value)
    for tag in tags:
        if not isinstance(tag, str) or not tag.strip():
            raise InvalidUpdateError(field, f"every tag must be a non-empty string, got {tag!r}")
    return tags


def _address(field: str, value: object) -> Address:
    if isinstance(value, Address):
        address = value
    elif isinstance(value, Mapping):
        unknown = sorted(set(map(str, value)) - set(Address.field_names()))
        if unknown:
            raise InvalidUpdateError(field, f"unknown address fields {unknown}; known: {list(Address.field_names())}")
        for key, item in value.items():
            if not isinstance(item, str):
                raise InvalidUpdateError(f"{field}.{key}", f"must be a string, got {type(item).__name__}")
        address = Address(**value)
    else:
        raise InvalidUpdateError(field, f"must be an Address or a mapping, got {type(value).__name__}")
    if address.name is not None:
        raise InvalidUpdateError(f"{field}.name", "no vendor takes a single name: set first_name and last_name")
    if not address.given_fields():
        raise InvalidUpdateError(field, "is empty; pass None to clear it where the vendor allows that")
    return address


def _note_attributes(field: str, value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise InvalidUpdateError(field, f"must be a mapping of name to value, got {type(value).__name__}")
    pairs = tuple(value.items())
    for name, item in pairs:
        if not isinstance(name, str) or not name or not isinstance(item, str):
            raise InvalidUpdateError(field, f"names and values must be strings, got {name!r}: {item!r}")
    return pairs


def _money(field: str, value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise InvalidUpdateError(field, f"must be a number (Decimal, int or float), got {type(value).__name__}")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidUpdateError(field, f"must be finite, got {value!r}")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise InvalidUpdateError(field, f"{value!r} is not a number") from None
    if not amount.is_finite():
        raise InvalidUpdateError(field, f"must be finite, got {value!r}")
    if amount < 0:
        raise InvalidUpdateError(field, f"must not be negative, got {amount}")
    return amount


_CHECKS = {
    "notes": _text,
    "tags": _tags,
    "email": _email,
    "phone": _phone,
    "shipping_address": _address,
    "billing_address": _address,
    "note_attributes": _note_attributes,
    "shipping_cost": _money,
    "discount": _money,
}


def canonical_updates(given: Mapping[str, Any]) -> dict[str, Any]:
    """Each given argument checked and in canonical form; ``None`` (clear it) is kept as None."""
    if not given:
        raise InvalidUpdateError("update_order", f"nothing to update: pass at least one of {', '.join(UPDATE_FIELDS)}")
    updates: dict[str, Any] = {}
    for field, value in given.items():
        if value is None:
            updates[field] = None
        elif field in STATUS_FIELDS:
            updates[field] = _status(field, STATUS_FIELDS[field], value)
        else:
            updates[field] = _utf8(field, _CHECKS[field](field, value))
    return updates


def _supporters(field: str, value: Any) -> tuple[str, ...]:
    """The vendors that take ``field`` (with this status value, for a status axis)."""
    names = []
    for adapter in all_adapters():
        if field not in adapter.supported_updates:
            continue
        if value is None and field not in adapter.clearable_updates:
            continue
        if field in STATUS_FIELDS and value is not None and value not in adapter.status_values.get(field, {}):
            continue
        names.append(adapter.vendor.value)
    return tuple(names)


def check_supported(adapter: VendorAdapter, updates: Mapping[str, Any]) -> None:
    """UnsupportedUpdateError naming every field (or value) this vendor cannot take, before anything is sent."""
    offending: dict[str, str] = {}
    for field, value in updates.items():
        if field not in adapter.supported_updates:
            offending[field] = "no such field in its API"
        elif value is None and field not in adapter.clearable_updates:
            offending[field] = "cannot be cleared: its API takes no null here"
        elif field in STATUS_FIELDS and value not in adapter.status_values.get(field, {}):
            offending[field] = f"has no value meaning {value.__class__.__name__}.{value.name}"
    if offending:
        supported_by = {field: _supporters(field, updates[field]) for field in offending}
        raise UnsupportedUpdateError(adapter.vendor.value, offending, supported_by)
