"""The base every vendor adapter implements: its declarations (connection, what it takes, status tables) and the
strict helpers for what must not be guessed (a response envelope, a JSON number, a key's prefix).

An adapter (``storefronts/vendors/<vendor>.py``) says how its vendor is reached (:class:`Connection`), what it
can take, how canonical values map to the vendor's, how its orders and errors read, and which generated client
carries the request. The core (``_base_client``) knows adapters only through this class. The lenient readers an
adapter maps fields with (text, money, customers, ...) are in ``_lenient_readers``.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from types import ModuleType
from typing import Any, ClassVar, NamedTuple, TypeVar

import httpx

from ._models import Order
from ._types import FulfillmentStatus, OrderStatus, PaymentStatus, Vendor
from .errors import APIError, ConfigurationError, InvalidUpdateError, ResponseDecodeError

StatusT = TypeVar("StatusT", bound=Enum)

UPDATE_FIELDS: tuple[str, ...] = (
    "status",
    "payment_status",
    "fulfillment_status",
    "notes",
    "tags",
    "email",
    "phone",
    "shipping_address",
    "billing_address",
    "note_attributes",
    "shipping_cost",
    "discount",
)
"""Every ``update_order`` keyword, in signature order."""

STATUS_FIELDS: Mapping[str, type[Enum]] = {
    "status": OrderStatus,
    "payment_status": PaymentStatus,
    "fulfillment_status": FulfillmentStatus,
}


class CredentialPart(NamedTuple):
    """One part of a vendor's credential, as its documentation names it."""

    name: str
    """What the vendor calls it, for messages: "API key", "app token", "consumer secret"."""
    env: str
    """Environment variable read when the caller passes no ``api_key``."""


class Connection(NamedTuple):
    """How a client reaches one vendor: what its credential is made of and where its API lives.

    ``credential`` has one part (``api_key="..."``) or two, a key and a secret (``api_key=(key, secret)``, the way
    httpx takes ``auth=(user, password)``). Every part is checked alone and redacted alone wherever the credential
    is redacted. ``default_base_url`` is None for a vendor whose every store has its own host: its clients then
    require ``base_url``.
    """

    credential: tuple[CredentialPart, ...]
    default_base_url: str | None = None


class VendorAdapter(abc.ABC):
    """One vendor, as the core sees it. Subclasses fill in the class attributes and the three mappers."""

    vendor: ClassVar[Vendor]
    connection: ClassVar[Connection]
    """The credential's parts, their environment variables and the default base URL (see :class:`Connection`)."""
    generated_package: ClassVar[ModuleType]
    """The vendor's generated client package (``storefronts_generated.bitbybit``, ...)."""
    endpoint: ClassVar[ModuleType]
    """The generated module of the update-order operation (``api.orders.update_order``)."""
    supported_updates: ClassVar[frozenset[str]]
    clearable_updates: ClassVar[frozenset[str]] = frozenset()
    """Fields whose request schema allows null, so ``None`` ("clear it") can be sent."""
    status_values: ClassVar[Mapping[str, Mapping[Enum, str]]] = {}
    """For each status axis the vendor can update: canonical value -> the vendor's value of the same meaning."""
    read_statuses: ClassVar[Mapping[str, Mapping[str, Enum | tuple[OrderStatus, PaymentStatus, FulfillmentStatus]]]]
    """For each response field that carries a status: vendor value -> the canonical value it reads as (a member of
    that field's axis), or a (lifecycle, payment, fulfillment) triple when one field carries all three axes."""
    update_rules: ClassVar[tuple[str, ...]] = ()
    """The vendor's documented update rules, for the README."""
    expected_fields: ClassVar[tuple[str, ...]] = ()
    """Fields of the order object the adapter reads and the vendor always sends: a response without one is drift
    (``storefronts.drift``), as is a status field (``read_statuses``) that is missing or has an unmapped value."""
    request_id_headers: ClassVar[tuple[str, ...]] = ("x-request-id", "request-id")
    """Response headers that may carry the vendor's request id, for logs (the first one present is used). None of
    our three vendors documents one; these are the names API gateways commonly add."""

    @property
    def api_key_env(self) -> str:
        """The environment variable of the credential's first part (the key)."""
        return self.connection.credential[0].env

    @property
    def default_base_url(self) -> str | None:
        return self.connection.default_base_url

    def check_credential(self, parts: tuple[str, ...]) -> None:  # noqa: B027 - optional hook, most take any key
        """Raise ConfigurationError for a credential that cannot be this vendor's (without echoing any part).
        ``parts`` are already plain, non-empty visible ASCII, one per ``connection.credential`` part."""

    def credential_token(self, parts: tuple[str, ...]) -> str:
        """The credential as the generated client's ``token``: the key itself, or ``key:secret`` (the user-pass of
        HTTP Basic, RFC 7617, which a generated client of a ``basic`` scheme encodes). The core asks for it when
        the client is made, so a credential it cannot carry is a ConfigurationError before anything is sent."""
        for part, declared in zip(parts[:-1], self.connection.credential, strict=False):
            # the server splits user-pass at its first colon: this key would be read as another key and secret
            if ":" in part:
                raise ConfigurationError(
                    f"api_key ({declared.name}) for {self.vendor.value} has a ':', which HTTP Basic cannot carry "
                    "before the next part (RFC 7617); the key is not shown"
                )
        return ":".join(parts)

    def check_order_id(self, order_id: str) -> None:  # noqa: B027 - optional hook, most ids are opaque strings
        """Raise InvalidUpdateError (field ``order_id``) for an id this vendor never issues, so it is not sent.
        ``order_id`` is already a plain, non-empty string of a length that can be sent."""

    @abc.abstractmethod
    def build_body(self, updates: Mapping[str, Any]) -> Any:
        """The generated request-body model for validated, supported canonical ``updates``."""

    @abc.abstractmethod
    def to_order(self, body: Mapping[str, Any], response: httpx.Response) -> Order:
        """The common Order from a 2xx response's JSON object (the whole body, envelope included).

        Adapters read the JSON, not the generated response models: every field is read leniently here anyway
        (vendors are sloppier than their specs), so building those models first only added to the cost of a call
        (docs/performance.md).
        """

    @abc.abstractmethod
    def read_error(self, body: Any) -> tuple[str | None, str | None]:
        """(vendor code, vendor message) from an error response's JSON body (None when it is not JSON)."""

    def error_class_for_code(self, code: str | None) -> type[APIError] | None:
        """A more precise error class for a vendor code than the HTTP status gives, if any."""
        return None


_MAX_EXACT_JSON_INT = 2**53
"""Vendors read JSON numbers as 64-bit floats: integers beyond this would be rounded (or not serialise at all)."""


def json_number(field: str, amount: Decimal) -> int | float:
    """A Decimal as the JSON number the generated body takes, refusing one a float would round (or overflow)."""
    if amount == amount.to_integral_value() and abs(amount) <= _MAX_EXACT_JSON_INT:
        return int(amount)
    as_float = float(amount)
    if Decimal(repr(as_float)) != amount:
        raise InvalidUpdateError(
            field, f"{amount} cannot be sent exactly as a JSON number (a 64-bit float): round it, or it is too large"
        )
    return as_float


def inverse(table: Mapping[str, StatusT]) -> dict[StatusT, str]:
    """canonical -> vendor value, from a vendor value -> canonical reading table."""
    return {canonical: value for value, canonical in table.items()}


def data_object(vendor: Vendor, body: Mapping[str, Any], key: str = "data") -> Mapping[str, Any]:
    """The order object inside a response envelope, or ResponseDecodeError naming the path."""
    payload = body.get(key)
    if not isinstance(payload, Mapping):
        found = "missing" if key not in body else f"{type(payload).__name__}, not an object"
        raise ResponseDecodeError(
            f"the response envelope's `{key}` is {found}", vendor=vendor.value, status_code=0, path=f"$.{key}"
        )
    return payload


def envelope_success(vendor: Vendor, body: Mapping[str, Any]) -> bool:
    """An envelope's ``success`` flag, documented as a JSON boolean: True or False as sent, and anything else
    (missing, null, 0, 1, "true", "false") a ResponseDecodeError, so an ambiguous answer is never an Order."""
    success = body.get("success", _MISSING)
    if success is True or success is False:
        return success
    if success is _MISSING:
        found = "missing"
    else:
        shown = repr(success)
        found = f"{shown} ({type(success).__name__})" if len(shown) <= _SHOWN_VALUE_CHARS else type(success).__name__
    raise ResponseDecodeError(
        f"the response envelope's `success` is {found}, not true or false",
        vendor=vendor.value,
        status_code=0,
        path="$.success",
    )


_MISSING: Any = object()
_SHOWN_VALUE_CHARS = 40
"""A vendor value longer than this is described by its type in a message, not quoted."""


def require_prefix(vendor: str, api_key: str, prefix: str, what: str) -> None:
    """ConfigurationError unless ``api_key`` starts with ``prefix``; the message never contains the key."""
    if not api_key.startswith(prefix):
        raise ConfigurationError(f"{vendor} {what} must start with {prefix!r}; the key given does not")
