"""The shape of one vendor's test table: everything the suites expect of that vendor, written out by hand from
its spec and documentation (never read from the adapter, so the adapter is checked against it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SPECS = Path(__file__).resolve().parents[2] / "specs"
"""The repository's specs: a vendor's is ``<name>.yaml`` there unless its table says otherwise."""

SECRET_MARKER = "SECRET-"
"""In every ``marked_key``: no URL, header name or message holds it by chance, so a test can grep for it."""


def bearer(parts: tuple[str, ...]) -> tuple[str, str]:
    """``Authorization: Bearer <key>``, the header of most single-key vendors."""
    (key,) = parts
    return "authorization", f"Bearer {key}"


@dataclass(frozen=True)
class VendorTable:
    """One vendor's expectations. ``str | tuple`` credentials: a tuple for a key-and-secret vendor."""

    name: str
    """The ``Vendor`` value."""
    api_key: str | tuple[str, str]
    """A distinctive valid credential (the facade suites)."""
    marked_key: str | tuple[str, str]
    """A valid credential every part of which holds :data:`SECRET_MARKER` (reliability and ops suites)."""
    env_vars: tuple[str, ...]
    """The environment variable of each credential part."""
    order: Mapping[str, Any]
    """A complete order object as the spec describes it."""
    small_order: Mapping[str, Any]
    """The least order object an adapter reads without drift: id and status fields (ops and reliability)."""
    notes_field: str
    """The order object's field for ``notes``."""
    wire: Mapping[str, Mapping[str, Any]]
    """For each update_order argument the vendor takes: the JSON body the facade's SAMPLES value becomes."""
    write_statuses: Mapping[str, Mapping[Any, str]]
    """canonical -> vendor value, per status axis, for the values with the same meaning (and no others)."""
    status_wire_key: Mapping[str, str]
    """The body field each status axis is sent in."""
    success: Callable[[Any], Any]
    """The vendor's 200 body around an order object (for a vendor without an envelope, the object itself)."""
    error: Callable[[int, str | None, str], dict[str, Any]]
    """The vendor's error body for (status, code, message)."""
    not_found: tuple[str | None, str]
    """(code, message) of the vendor's 404 for an unknown order, as the NotFoundError carries them."""
    default_base_url: str | None
    """Where a client goes without ``base_url`` (None: the vendor has per-store hosts)."""
    sandbox_order_id: str
    """An order the vendor's sandbox starts with."""
    spec: Path | None = None
    """The vendor's OpenAPI spec, when it is not ``specs/<name>.yaml`` (a vendor registered by a test)."""
    order_id: str = "ord_abc123"
    """An order id of the vendor's form: the one the facade suites update."""
    auth: Callable[[tuple[str, ...]], tuple[str, str]] = bearer
    """The request header (name, value) the vendor's spec puts the credential's parts in."""
    error_codes: Mapping[int, str | None] = field(default_factory=dict)
    """The code the vendor's error body carries for each HTTP status (none: the body has no code)."""
    code_classes: Mapping[str, type[Exception]] = field(default_factory=dict)
    """Error codes whose error class says more than their status's (LaunchMyStore's ``ORDER_CLOSED``)."""
    envelope: str | None = "data"
    """The member of the vendor's 200 body that holds the order (None: the body is the order itself)."""
    example_read: Mapping[str, Any] = field(default_factory=dict)
    """The Order :attr:`order` reads as: every field but ``vendor`` and ``raw`` (the others at their defaults)."""
    wrong_types: Mapping[str, Any] = field(default_factory=dict)
    """An order object whose every field the adapter reads is of a wrong type (reading it must not fail)."""
    odd_order_id: str | None = "a/b c?d#e"
    """An order id with the URL's reserved characters that the vendor's id form allows (None: its ids are too
    plain to hold them, and the check refuses such an id before sending)."""

    @property
    def spec_path(self) -> Path:
        return SPECS / f"{self.name}.yaml" if self.spec is None else self.spec

    @property
    def key_parts(self) -> tuple[str, ...]:
        """:attr:`api_key`'s parts, as environment variables hold them (one each, in :attr:`env_vars` order)."""
        return (self.api_key,) if isinstance(self.api_key, str) else self.api_key

    @property
    def supported(self) -> frozenset[str]:
        return frozenset(self.wire)

    def not_found_body(self) -> dict[str, Any]:
        code, message = self.not_found
        return self.error(404, code, message)

    def ok(self, order: Mapping[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
        """A 200 body carrying ``order`` (by default :attr:`small_order`) with ``changes`` applied."""
        return self.success({**(self.small_order if order is None else order), **changes})
