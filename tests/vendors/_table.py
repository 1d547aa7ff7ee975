"""The shape of one vendor's test table: everything the suites expect of that vendor, written out by hand from
its spec and documentation (never read from the adapter, so the adapter is checked against it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.vendors._generated_client import GeneratedClient, RequestConstraints

SECRET_MARKER = "SECRET-"
"""In every ``marked_key``: no URL, header name or message holds it by chance, so a test can grep for it."""


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
    success: Callable[[Any], dict[str, Any]]
    """The vendor's 200 body around an order object."""
    error: Callable[[int, str | None, str], dict[str, Any]]
    """The vendor's error body for (status, code, message)."""
    not_found: tuple[str | None, str]
    """(code, message) of the vendor's 404 for an unknown order, as the NotFoundError carries them."""
    default_base_url: str | None
    """Where a client goes without ``base_url`` (None: the vendor has per-store hosts)."""
    sandbox_order_id: str
    """An order the vendor's sandbox starts with."""

    # -- read by the bulk and generated-client suites (tests/bulk, tests/generated) --------------------------------
    order_id_field: str = "id"
    """The order object's id field (the bulk suite adds sandbox orders under it)."""
    bulk_order_id: Callable[[int], str] | None = None
    """The ``n``-th of as many distinct order ids in the vendor's form as a test needs (None: the bulk tests that
    add orders to the sandbox skip the vendor)."""
    invalid_update: Mapping[str, Any] = field(default_factory=lambda: {"notes": 5})
    """update_order arguments the vendor takes, with a value it refuses before sending (default: notes that are
    not text)."""
    generated: GeneratedClient | None = None
    """Its generated client as its spec describes it (None: the generated-client tests skip the vendor)."""
    request_constraints: RequestConstraints | None = None
    """Constraints the request-constraint tests add to its spec (None: they leave the vendor out)."""

    @property
    def supported(self) -> frozenset[str]:
        return frozenset(self.wire)

    def not_found_body(self) -> dict[str, Any]:
        code, message = self.not_found
        return self.error(404, code, message)

    def ok(self, order: Mapping[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
        """A 200 body carrying ``order`` (by default :attr:`small_order`) with ``changes`` applied."""
        return self.success({**(self.small_order if order is None else order), **changes})
