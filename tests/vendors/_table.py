"""The shape of one vendor's test table: everything the suites expect of that vendor, written out by hand from
its spec and documentation (never read from the adapter, so the adapter is checked against it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.vendors._generated_client import GeneratedClient, RequestConstraints
from pathlib import Path

SPECS = Path(__file__).resolve().parents[2] / "specs"
"""The repository's specs: a vendor's is ``<name>.yaml`` there unless its table says otherwise."""

SECRET_MARKER = "SECRET-"
"""In every ``marked_key``: no URL, header name or message holds it by chance, so a test can grep for it."""


# The defaults of readers every vendor has but no default can guess: a suite that needs one fails, saying so.
def _undeclared_read_error(body: Any) -> tuple[str | None, str]:
    raise AssertionError("this vendor's table (tests/vendors/) declares no read_error")


def _undeclared_order_of(body: Any) -> Mapping[str, Any]:
    raise AssertionError("this vendor's table (tests/vendors/) declares no order_of")


def _same_credential(api_key: str) -> str | tuple[str, str]:
    return api_key


def _same_text(value: str) -> Any:
    return value


# -- the sandbox and contract suites' parts of a table (tests/sandbox, tests/contract) ---------------------------


@dataclass(frozen=True)
class BadCredential:
    """A request the vendor must refuse with 401, and what its answer says."""

    headers: Mapping[str, str]
    """The request's headers; ``{key}`` in a value stands for the sandbox's valid credential."""
    code: str | None
    """The error code of the 401 (None: the vendor's errors carry no code)."""
    message: str | None = None
    """Its message, where the docs (or, failing them, the sandbox's documented wording) pin it; None: any."""


@dataclass(frozen=True)
class UpdateCase:
    """One valid update and the order it must leave, as the vendor documents applying it."""

    body: Mapping[str, Any]
    """The request body."""
    after: Mapping[str, Any]
    """Order fields the answer (and the stored order) must hold afterwards: those sent, as the vendor applies
    them (merged, replaced), and any it derives (Salesive's total). A dotted key names a nested member."""
    before: Mapping[str, Any] = field(default_factory=dict)
    """Order fields the seed order holds before, where ``after`` means something only against them."""
    order_id: str | None = None
    """The seed order to update (None: the table's ``sandbox_order_id``)."""


@dataclass(frozen=True)
class IgnoredFields:
    """A body with fields the vendor accepts and ignores (its request schema does not forbid them)."""

    body: Mapping[str, Any]
    """The request body: the ignored fields and at least one applied one."""
    ignored: tuple[str, ...]
    """The body's fields the vendor ignores, in the body's order (the recorded request's ``ignored_fields``)."""


@dataclass(frozen=True)
class ClosedOrders:
    """Orders the vendor refuses to update whatever the body (LaunchMyStore's ORDER_CLOSED)."""

    order_id: str
    """A seed order the sandbox starts with that is closed."""
    status_field: str
    """The order field that says the order is closed."""
    values: frozenset[str]
    """The values of ``status_field`` that close an order."""
    status: int
    """The status of the refusal."""
    code: str | None
    """The error code of the refusal."""


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

    # -- the sandbox and contract suites (tests/sandbox, tests/contract) ------------------------------------------
    path_prefix: str = ""
    """The path of the spec's server URL, under which ``/orders/{id}`` lives (the sandbox's base_url ends in it)."""
    auth_header: str = "Authorization"
    """The request header that carries the credential."""
    auth_scheme: str | None = "Bearer"
    """The scheme before the credential in :attr:`auth_header` (None: the header holds the bare key)."""
    token_prefix: str | None = None
    """The documented prefix of every credential (None: the docs promise none)."""
    scopes: frozenset[str] | None = None
    """The scopes a new credential holds, as the docs name them (None: the vendor's keys carry no scopes)."""
    write_scope: str | None = None
    """The scope an update needs (None: any valid credential may update)."""
    forbidden: tuple[str | None, str] | None = None
    """(code, message) of the 403 for a credential without :attr:`write_scope` (None: the vendor has no such 403)."""
    bad_credentials: tuple[BadCredential, ...] = ()
    """Requests refused with 401: at least no credential, a wrong one and the right one sent the wrong way."""
    read_error: Callable[[Any], tuple[str | None, str]] = _undeclared_read_error
    """(code, message) of an error body, the inverse of :attr:`error` (code None when the vendor's have none)."""
    coded_errors: bool = True
    """Whether the vendor's error bodies carry a code (Salesive's envelope has a message only)."""
    error_extras: frozenset[str] = frozenset()
    """Members an error body may hold beyond what :attr:`error` builds (LaunchMyStore's validation ``details``)."""
    error_schema: Mapping[str, Any] | None = None
    """The JSON schema (``$ref`` into the spec allowed) of any error body, for a status the spec does not document."""
    order_of: Callable[[Any], Mapping[str, Any]] = _undeclared_order_of
    """The order object in a 200 body, the inverse of :attr:`success`."""
    order_schema: str = "Order"
    """The spec's ``components/schemas`` name of the order object."""
    order_id_field: str = "id"
    """The order object's field holding the id the path names."""
    order_id_pattern: str = r"\S+"
    """What every order id the vendor issues looks like (a regular expression, matched in full)."""
    updated_at_field: str | None = None
    """The order field recording the last update (None: orders carry no update time)."""
    updated_at_format: str = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"
    """How the vendor writes :attr:`updated_at_field` (a regular expression, matched in full; always UTC)."""
    validation_status: int = 400
    """The status of a request body the spec rejects."""
    validation_code: str | None = None
    """The error code of that answer (None: the vendor's errors carry no code)."""
    problem_fields: Callable[[Any], list[str]] | None = None
    """The fields a validation error lists one by one (None: the vendor names them in its message)."""
    invalid_bodies: tuple[tuple[Any, str], ...] = ()
    """(body, the field the refusal names) for bodies the spec rejects; the first is a plain type or enum
    violation that any validator catches (the contract suite sends it to Prism)."""
    documented_validation: tuple[Mapping[str, Any], Mapping[str, Any]] | None = None
    """(body, answer) where the docs show a validation error in full (None: they show none)."""
    updates: tuple[UpdateCase, ...] = ()
    """Valid updates and what each leaves: together they cover every field the vendor updates."""
    ignored_fields: IgnoredFields | None = None
    """A body with fields the vendor ignores (None: it rejects every field its schema does not declare)."""
    closed_orders: ClosedOrders | None = None
    """Orders it refuses to update at all (None: it updates any order it has)."""
    spec_breaking: tuple[str, Any] | None = None
    """(field, value) that makes a stored order break the spec's order schema (the sandbox must not send it)."""
    success_flag: str | None = None
    """The 200 envelope's member saying whether the call succeeded (None: no such member); one saying false is a
    failure the facade raises."""
    # -- read by the bulk and generated-client suites (tests/bulk, tests/generated) --------------------------------
    # order_id_field (above) names the id field the bulk suite adds sandbox orders under
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
    # -- t15-ops: the ops suite (tests/ops) ---------------------------------------------------------------------
    client_credential: Callable[[str], str | tuple[str, str]] = _same_credential
    """The ``api_key`` a Client takes for a credential the vendor's sandbox accepts (``SandboxServer.api_key``, one
    string: a key-and-secret vendor's parts joined as its sandbox joins them)."""
    amount_fields: Mapping[str, str] = field(default_factory=dict)
    """Order fields the spec types as a JSON number, each with the Order attribute it reads as (none: the vendor
    sends no amount as a number)."""
    created_at_field: str | None = None
    """The order field holding its creation time (None: the vendor's orders carry none)."""
    allowed_nulls: tuple[tuple[Mapping[str, Any], Mapping[str, Any]], ...] = ()
    """(order fields set to the nulls its spec allows, the Order attributes they read as): none, no nullable field."""
    odd_error_bodies: tuple[tuple[int, Mapping[str, Any]], ...] = ()
    """(status, the test server's ``Reply`` arguments) of error answers that are not the vendor's error format: no
    code and no message can be read from them."""
    # -- t15-suites: the sandbox, contract, bulk and generated suites over a vendor unlike the real three ----------
    credential_token: Callable[[str], str] = _same_text
    """What follows :attr:`auth_scheme` in :attr:`auth_header` for a credential the sandbox accepts
    (``SandboxServer.api_key``): the key itself, or for HTTP Basic the base64 of ``key:secret``."""
    order_id_value: Callable[[str], Any] = _same_text
    """The value of :attr:`order_id_field` in the order a path's id names (a numeric vendor's is an integer)."""
    method_not_allowed_code: str | None = "METHOD_NOT_ALLOWED"
    """The error code of the 405 for a method the spec does not declare on ``/orders/{id}`` (read only when the
    vendor's errors carry codes, :attr:`coded_errors`)."""
    spec_constraints: frozenset[tuple[str, str]] = frozenset()
    """(where, keyword) of every constraint (``pattern``, ``maxLength``...) the vendor's spec declares, ``where``
    the ``/``-joined path of the schema in the spec: none for the real vendors today (a constraint one adds is
    then checked by the generated client, or by the adapter's order-id check for a path parameter's)."""
    # -- t15-facade2: the statuses and updates suites' per-vendor cases (tests/facade) ------------------------------
    documented_statuses: Mapping[str, tuple[tuple[str, ...], tuple[str | None, ...]]] = field(default_factory=dict)
    """For each order field carrying a status: (the axes it is read for, the first the one each documented value
    reads as a known value of; every value its spec or docs document, None where its spec allows null). An
    undocumented value of the field leaves every one of its axes unknown. None: its orders carry no status."""
    key_reads: tuple[tuple[Mapping[str, Any], tuple[Any, Any, Any]], ...] = ()
    """(order fields, the (status, payment_status, fulfillment_status) the order then reads as), for the values that
    matter most, written out (none: the suite's documented values are all the vendor's reading is checked by)."""
    sent_as_given: tuple[tuple[Mapping[str, Any], Mapping[str, Any]], ...] = ()
    """(update_order arguments of plain values, exactly the JSON body they are sent as) for edge values of the fields
    the vendor takes in its own shape; notes and a status's plain string the suite checks for every vendor."""
    invalid_values: tuple[tuple[str, Any], ...] = ()
    """(update_order argument, a value it takes elsewhere) that this vendor alone refuses before sending, beyond the
    suite's values no vendor takes (a JSON-number vendor's inexact amounts)."""

    @property
    def supported(self) -> frozenset[str]:
        return frozenset(self.wire)

    def credential_headers(self, key: str) -> dict[str, str]:
        """The headers that carry ``key`` as the vendor's docs say."""
        token = self.credential_token(key)
        return {self.auth_header: token if self.auth_scheme is None else f"{self.auth_scheme} {token}"}

    def not_found_body(self) -> dict[str, Any]:
        code, message = self.not_found
        return self.error(404, code, message)

    def ok(self, order: Mapping[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
        """A 200 body carrying ``order`` (by default :attr:`small_order`) with ``changes`` applied."""
        return self.success({**(self.small_order if order is None else order), **changes})
