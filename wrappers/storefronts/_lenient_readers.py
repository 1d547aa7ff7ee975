"""Lenient readers for vendor payloads: vendors are sloppier than their specs, so a field that reads oddly (a
wrong type, an unparseable date, a lone surrogate) becomes None, an empty tuple or ``unknown`` rather than an error.

Adapters map their orders with these; what must not be guessed (an envelope's ``success``) is read strictly in
``_adapter``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, TypeVar

from ._models import Address, Customer, LineItem

StatusT = TypeVar("StatusT", bound=Enum)

_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(value: str) -> str:
    """``value`` as valid UTF-8 text: a lone surrogate (JSON allows ``"\ud800"``) becomes U+FFFD, so the caller
    can encode what we return. ASCII, the usual case, is returned as it is without a scan."""
    return value if value.isascii() else _SURROGATE.sub("\ufffd", value)


def text(value: Any) -> str | None:
    """A string field (as valid text), or None for null, unset or any other type."""
    return valid_text(value) if isinstance(value, str) else None


def identifier(value: Any) -> str | None:
    """An id or number that a vendor may send as a string or an integer."""
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def money(value: Any) -> Decimal | None:
    """Money as Decimal. Floats go through their shortest repr, so 249.9 reads as Decimal("249.9")."""
    # most common first: every call of every order reads its money here
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, int):
        return None if isinstance(value, bool) else Decimal(value)
    if isinstance(value, str | Decimal):
        try:
            amount = Decimal(value)
        except InvalidOperation:
            return None
        return amount if amount.is_finite() else None
    return None


def whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return None


def timestamp(value: Any) -> dt.datetime | None:
    """An ISO 8601 string as an aware datetime; a naive one is taken as UTC, an unreadable one is None."""
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def items(value: Any) -> list[Any]:
    """A list field, or [] for anything else."""
    return value if isinstance(value, list) else []


def string_tuple(value: Any) -> tuple[str, ...]:
    """A list of strings as a tuple; non-strings in it are skipped, anything else reads as ()."""
    if not isinstance(value, list):
        return ()
    return tuple([valid_text(item) for item in value if isinstance(item, str)])  # a list: quicker than a generator


def read_status(table: Mapping[str, StatusT], value: Any, unknown: StatusT) -> StatusT:
    """The canonical status for a vendor's value; an undocumented one reads as ``unknown``."""
    return table.get(value, unknown) if isinstance(value, str) else unknown


def member(value: Any, name: str) -> Any:
    """``value[name]`` for a JSON object, None for anything else (a null, or a string where an object belongs)."""
    return value.get(name) if isinstance(value, dict) else None


def nested_error(body: Any, key: str = "error") -> tuple[str | None, str | None]:
    """(code, message) from a ``{"error": {"code": ..., "message": ...}}`` body; None for whatever is missing."""
    error = member(body, key)
    return text(member(error, "code")), text(member(error, "message"))


def _vendor_names(model: str, ours: tuple[str, ...], renames: Mapping[str, str]) -> tuple[str, ...]:
    """The vendor's name for each of ``ours``: its rename, or the same name."""
    unknown = set(renames) - set(ours)
    if unknown:
        raise TypeError(f"not {model} fields: {sorted(unknown)}")
    return tuple(renames.get(name, name) for name in ours)


class CustomerFields:
    """A vendor's names for our Customer fields; ``read`` maps its customer object. Built once per vendor.

    ``renames`` maps our field (first_name, last_name, name, email, phone) to the vendor's; ``id_fields`` are the
    vendor's id fields, tried in order. ``name`` is the vendor's full name, or first and last name joined.
    """

    __slots__ = ("_email", "_first_name", "_id_fields", "_last_name", "_name", "_phone")

    def __init__(self, *, id_fields: tuple[str, ...] = ("id",), **renames: str) -> None:
        self._id_fields = id_fields
        self._first_name, self._last_name, self._name, self._email, self._phone = _vendor_names(
            "Customer", ("first_name", "last_name", "name", "email", "phone"), renames
        )

    def read(self, value: Any) -> Customer | None:
        if not isinstance(value, dict):
            return None
        customer_id = None
        for field in self._id_fields:
            if (customer_id := identifier(value.get(field))) is not None:
                break
        name = text(value.get(self._name))
        if not name:
            parts = (text(value.get(self._first_name)), text(value.get(self._last_name)))
            name = " ".join(filter(None, parts)) or None
        return Customer(
            id=customer_id, name=name, email=text(value.get(self._email)), phone=text(value.get(self._phone))
        )


class LineItemFields:
    """A vendor's names for our LineItem fields (id, title, sku, quantity, price); ``read`` maps one line item.
    ``sku``, when given to ``read``, is the SKU a vendor keeps elsewhere (a nested variant)."""

    __slots__ = ("_id", "_price", "_quantity", "_sku", "_title")

    def __init__(self, **renames: str) -> None:
        self._id, self._title, self._sku, self._quantity, self._price = _vendor_names(
            "LineItem", ("id", "title", "sku", "quantity", "price"), renames
        )

    def read(self, value: Any, *, sku: str | None = None) -> LineItem:
        if not isinstance(value, dict):
            return LineItem()
        return LineItem(
            id=identifier(value.get(self._id)),
            title=text(value.get(self._title)),
            sku=sku or text(value.get(self._sku)),
            quantity=whole_number(value.get(self._quantity)),
            unit_price=money(value.get(self._price)),
        )


class AddressFields:
    """A vendor's names for our Address fields; ``read`` maps its address object (None when it has no text)."""

    __slots__ = ("_pairs",)

    def __init__(self, **renames: str) -> None:
        self._pairs = tuple(
            zip(_ADDRESS_READ_FIELDS, _vendor_names("Address", _ADDRESS_READ_FIELDS, renames), strict=True)
        )

    def read(self, value: Any) -> Address | None:
        if not isinstance(value, dict):
            return None
        found = {
            ours: valid_text(text_value)
            for ours, theirs in self._pairs
            if isinstance(text_value := value.get(theirs), str)
        }
        return Address(**found) if any(found.values()) else None


_ADDRESS_READ_FIELDS = (*Address.field_names(), "name")
