"""``update_order`` arguments: checked, made canonical, and matched against what the vendor can take.

Everything here runs before a request exists, so a bad or unsupported argument never reaches the network.

Every value is checked by its type and content, whichever form it comes in (an ``Address`` or a dict, a list or a
tuple), and comes out as plain built-in values: a ``str`` subclass becomes the plain string it holds (what JSON
would send anyway), so a subclass's own ``__str__``, ``__eq__`` or ``__hash__`` never decides what is sent. A
caller's object that raises while it is read (an ``__iter__`` or ``items`` that fails) is an InvalidUpdateError too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any
from urllib.parse import quote

from ._adapter import STATUS_FIELDS, UPDATE_FIELDS, VendorAdapter
from ._constants import MAX_ORDER_ID_CHARS, SHOWN_UNKNOWN_NAMES
from ._models import Address
from ._registry import all_adapters
from .errors import InvalidUpdateError, StorefrontError, UnsupportedUpdateError

# C0 controls, DEL, C1 controls, and lone surrogates (which cannot be encoded as UTF-8). Refused in single-line
# values: identifiers, email, phone, tags, address fields, note-attribute names.
_NOT_IN_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# Free text (notes, note-attribute values) keeps tab and line breaks (CR too: an HTML textarea submits CRLF).
_NOT_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Vendors read JSON numbers as 64-bit floats: above 2**53 not every whole amount exists (see json_number).
_MAX_AMOUNT = 2**53
# The most characters one character becomes when percent-encoded: 4 bytes of UTF-8, each as %XX.
_MAX_ENCODED_PER_CHAR = 12
# How much of a refused value a message quotes.
_SHOWN_CHARS = 60


def _shown(value: object) -> str:
    """``repr(value)``, cut short; never raises (a caller's ``__repr__`` may), never spans lines."""
    try:
        shown = repr(value)
    except Exception:
        return f"a {type(value).__name__} whose repr() fails"
    if not isinstance(shown, str):
        return f"a {type(value).__name__}"
    shown = shown.encode("ascii", "backslashreplace").decode("ascii")
    return shown if len(shown) <= _SHOWN_CHARS else shown[: _SHOWN_CHARS - 3] + "..."


def _char(char: str) -> str:
    kind = "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    return f"{kind} (U+{ord(char):04X})"


def _string(field: str, value: object, refused: re.Pattern[str] = _NOT_IN_A_LINE, *, part: str = "") -> str:
    """``value`` as a plain str, or InvalidUpdateError for another type or a character ``refused`` matches.

    ``part`` names the piece of the argument checked (``"tag 2 "``), for the message."""
    if not isinstance(value, str):
        raise InvalidUpdateError(field, f"{part}must be a string, got {type(value).__name__}")
    plain = str.__str__(value)
    found = refused.search(plain)
    if found is not None:
        raise InvalidUpdateError(field, f"{part}has {_char(found.group())} at index {found.start()}")
    return plain


def check_order_id(order_id: object) -> str:
    """The order id as the plain string that goes into the path, checked as such."""
    plain = _string("order_id", order_id)
    if not plain.strip():
        raise InvalidUpdateError("order_id", "must not be empty")
    if len(plain) * _MAX_ENCODED_PER_CHAR <= MAX_ORDER_ID_CHARS:  # every id a vendor issues: no need to encode it
        return plain
    encoded = len(quote(plain, safe=""))
    if encoded > MAX_ORDER_ID_CHARS:
        raise InvalidUpdateError(
            "order_id", f"is {encoded} characters once percent-encoded; at most {MAX_ORDER_ID_CHARS} are sent"
        )
    return plain


def _status(field: str, enum_type: type[Enum], value: object) -> Enum:
    """A member of the field's own enum, or its plain string value. A member of any other enum (another axis,
    or a caller's own StrEnum) is refused even when its string matches: it says a different meaning."""
    member: Enum | None = None
    if isinstance(value, enum_type):
        member = value
    elif isinstance(value, str) and not isinstance(value, Enum):
        member = enum_type._value2member_map_.get(str.__str__(value))
    if member is None:
        choices = ", ".join(f"{enum_type.__name__}.{m.name}" for m in enum_type if m.value != "unknown")
        raise InvalidUpdateError(field, f"must be one of {choices} (or its string value); got {_shown(value)}")
    if member.value == "unknown":
        raise InvalidUpdateError(field, "UNKNOWN is what reading an undocumented value gives; it cannot be sent")
    return member


def _notes(field: str, value: object) -> str:
    return _string(field, value, _NOT_IN_TEXT)


def _email(field: str, value: object) -> str:
    email = _string(field, value)
    local, at, domain = email.partition("@")
    if not at or not local or not domain or "@" in domain or any(c.isspace() for c in email):
        raise InvalidUpdateError(field, f"{_shown(email)} is not an email address")
    return email


def _phone(field: str, value: object) -> str:
    phone = _string(field, value)
    if not phone.strip():
        raise InvalidUpdateError(field, "must not be empty")
    return phone


def _tags(field: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str | bytes | bytearray | Mapping) or not isinstance(value, Sequence | set | frozenset):
        raise InvalidUpdateError(field, f"must be a list of strings, got {type(value).__name__}")
    tags = []
    for index, tag in enumerate(list(value)):
        tags.append(_string(field, tag, part=f"tag {index} "))
        if not tags[-1].strip():
            raise InvalidUpdateError(field, f"tag {index} is blank: every tag must be a non-empty string")
    return tuple(tags)


def _address(field: str, value: object) -> Address:
    known = Address.field_names()
    given: dict[str, object] = {}
    if isinstance(value, Address):
        if value.name is not None:
            raise InvalidUpdateError(f"{field}.name", "no vendor takes a single name: set first_name and last_name")
        given = {name: item for name in known if (item := getattr(value, name)) is not None}
    elif isinstance(value, Mapping):
        for key, item in list(value.items()):
            if not isinstance(key, str):
                raise InvalidUpdateError(field, f"address field names are strings, got {type(key).__name__}")
            given[str.__str__(key)] = item
        if "name" in given:
            raise InvalidUpdateError(f"{field}.name", "no vendor takes a single name: set first_name and last_name")
        unknown = sorted(set(given) - set(known))
        if unknown:
            shown = ", ".join(_shown(name) for name in unknown[:SHOWN_UNKNOWN_NAMES])
            raise InvalidUpdateError(field, f"unknown address fields {shown}; known: {', '.join(known)}")
    else:
        raise InvalidUpdateError(field, f"must be an Address or a mapping, got {type(value).__name__}")
    if not given:
        raise InvalidUpdateError(field, "is empty; pass None to clear it where the vendor allows that")
    # a plain Address of plain strings: whatever form it came in, the adapters read one shape
    return Address(**{name: _string(f"{field}.{name}", item) for name, item in given.items()})


def _note_attributes(field: str, value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise InvalidUpdateError(field, f"must be a mapping of name to value, got {type(value).__name__}")
    pairs = []
    for index, (name, item) in enumerate(list(value.items())):
        plain_name = _string(field, name, part=f"name {index} ")
        if not plain_name:
            raise InvalidUpdateError(field, f"name {index} is empty")
        pairs.append((plain_name, _string(field, item, _NOT_IN_TEXT, part=f"the value of {_shown(plain_name)} ")))
    return tuple(pairs)


def _money(field: str, value: object) -> Decimal:
    """A Decimal or an int, exact. A float is refused: it is often not the amount meant (0.1 + 0.2 is
    0.30000000000000004), and what reaches the vendor should be what the caller wrote. A string is refused too:
    money has one type in and one out (Decimal, as Order gives it)."""
    if isinstance(value, float):
        raise InvalidUpdateError(
            field,
            f"got the float {_shown(value)}: a float is inexact (0.1 + 0.2 == 0.30000000000000004); "
            "pass a Decimal, such as Decimal('12.50'), or an int",
        )
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InvalidUpdateError(field, f"must be a Decimal or an int, got {type(value).__name__}")
    amount = Decimal(int.__int__(value)) if isinstance(value, int) else Decimal(value)
    if not amount.is_finite():
        raise InvalidUpdateError(field, f"must be finite, got {amount}")
    if amount < 0:
        raise InvalidUpdateError(field, "must not be negative")
    if amount > _MAX_AMOUNT:  # compared, never converted: Decimal('1e999999999') would overflow arithmetic
        raise InvalidUpdateError(field, f"must be at most 2**53 ({_MAX_AMOUNT}): vendors read it as a 64-bit float")
    return amount


_CHECKS = {
    "notes": _notes,
    "tags": _tags,
    "email": _email,
    "phone": _phone,
    "shipping_address": _address,
    "billing_address": _address,
    "note_attributes": _note_attributes,
    "shipping_cost": _money,
    "discount": _money,
}


def _canonical(field: str, value: object) -> Any:
    if value is None:
        return None
    if field in STATUS_FIELDS:
        return _status(field, STATUS_FIELDS[field], value)
    return _CHECKS[field](field, value)


def canonical_updates(given: Mapping[str, Any]) -> dict[str, Any]:
    """Each given argument checked and in canonical form; ``None`` (clear it) is kept as None."""
    if not given:
        raise InvalidUpdateError("update_order", f"nothing to update: pass at least one of {', '.join(UPDATE_FIELDS)}")
    updates: dict[str, Any] = {}
    for field, value in given.items():
        try:
            updates[field] = _canonical(field, value)
        except StorefrontError:
            raise
        except Exception as error:  # the caller's object failed while we read it: that value cannot be sent
            raise InvalidUpdateError(
                field, f"could not be read ({type(error).__name__} from the value given)"
            ) from error
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
