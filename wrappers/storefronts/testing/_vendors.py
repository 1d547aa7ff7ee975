"""What a sandbox vendor is, the helpers vendors share, and how the sandbox finds one.

:meth:`VendorSandbox.update_order` runs the steps every vendor shares, in the order an API gateway would: method,
credential, scope, body (parsed, then validated against the request schema of the vendor's spec), order lookup,
refusal (LaunchMyStore's closed orders), update, answer. A vendor class says only how: which header carries the
key, how its error bodies look, how a valid body changes the stored order, and which seed orders it starts with.

Each vendor's class lives in its own module, ``storefronts/testing/_sandboxes/<vendor>.py``, named after the
vendor's value, and is found there by :func:`sandbox_class` on first use: nothing lists the vendors. The vendors
the sandbox serves are the members of the public ``Vendor`` enum (only its values are read: the sandbox never
imports the adapters or the generated clients), plus a test's throwaway vendor registered through
:func:`_registered_sandbox_vendor`.
"""

from __future__ import annotations

import abc
import contextlib
import copy
import functools
import hmac
import importlib
import importlib.util
import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from pathlib import Path
from threading import Lock
from typing import Any, ClassVar

from storefronts._declared import declared_class
from storefronts._types import Vendor

from . import _specs
from ._loopback import parse_json
from ._specs import Problem, declared_methods, request_problems, request_properties, server_path_prefix

__all__ = ["Incoming", "Order", "Reply", "VendorSandbox", "sandbox_class", "sandbox_vendors"]

Order = dict[str, Any]

_JSON_MEDIA_TYPE = "application/json"


@dataclass(frozen=True)
class Reply:
    """An answer to send.

    Attributes:
        status: the HTTP status.
        body: a JSON value to serialise (ignored when ``raw`` is set).
        raw: bytes to send as they are, with ``content_type`` (a body a test scripted).
        content_type: the Content-Type of ``raw``.
        headers: extra response headers.
        checked: whether the server checks ``body`` against the vendor's spec before sending it.
    """

    status: int
    body: Any = None
    raw: bytes | None = None
    content_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    checked: bool = True


@dataclass(frozen=True)
class Incoming:
    """A request for ``<prefix>/orders/{id}``, as the vendor logic sees it.

    Attributes:
        method: the request method.
        order_id: the path segment after ``/orders/``, percent-decoded.
        headers: request headers, names lower-cased.
        body: the raw request body.
    """

    method: str
    order_id: str
    headers: Mapping[str, str]
    body: bytes


def _bearer_token(headers: Mapping[str, str]) -> str | None:
    """The token of ``Authorization: Bearer <token>`` (the scheme is case-insensitive, RFC 9110), or None."""
    scheme, _, token = headers.get("authorization", "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def _same_secret(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def _js_timestamp(moment: datetime) -> str:
    """``2026-06-21T11:20:00.000Z``: JavaScript's ``Date.toISOString()``, millisecond precision."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _seconds_timestamp(moment: datetime) -> str:
    """``2024-01-25T16:00:00Z``: second precision."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_timestamp(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class VendorSandbox(abc.ABC):
    """The server side of one vendor's ``PUT /orders/{id}``. Subclasses fill in the vendor's own rules."""

    name: ClassVar[str]
    #: The scopes a new credential has; None when the vendor's keys carry no scopes.
    default_scopes: ClassVar[frozenset[str] | None] = None
    #: The scope ``PUT /orders/{id}`` needs (None: any valid key may update).
    write_scope: ClassVar[str | None] = None
    #: The status of a request body the spec rejects.
    validation_status: ClassVar[int] = 400
    #: The order field that records the last update, and how precisely the vendor writes it.
    updated_field: ClassVar[str] = "updatedAt"
    timestamp_resolution: ClassVar[timedelta] = timedelta(milliseconds=1)

    def __init__(self, *, api_key: str | None = None, scopes: Iterable[str] | None = None) -> None:
        if scopes is not None and self.default_scopes is None:
            raise ValueError(f"{self.name} API keys carry no scopes: do not pass scopes=")
        self.api_key = self.new_api_key() if api_key is None else api_key
        self.check_api_key(self.api_key)
        self.scopes: frozenset[str] = frozenset(scopes) if scopes is not None else (self.default_scopes or frozenset())
        self.path_prefix = server_path_prefix(self.name)
        self.accepted_fields = request_properties(self.name)
        self.allowed_methods = declared_methods(self.name)

    # -- what a vendor defines -------------------------------------------------------------------------------

    @classmethod
    def new_api_key(cls) -> str:
        """A fresh valid credential for a new sandbox."""
        return f"sandbox_{cls.name}_{secrets.token_hex(16)}"

    def check_api_key(self, api_key: str) -> None:
        """Raise ValueError if ``api_key`` can never be a valid credential of this vendor."""
        if not api_key or api_key != api_key.strip():
            raise ValueError(f"{self.name}: api_key must be a non-empty string without surrounding whitespace")

    def credential(self) -> str | tuple[str, str]:
        """:attr:`api_key` as a client's ``api_key`` takes it: the key itself, or ``(key, secret)`` for a vendor whose
        credential has two parts (such a vendor overrides this to split what it holds)."""
        return self.api_key

    @abc.abstractmethod
    def error(self, status: int, code: str, message: str, details: list[Problem] | None = None) -> Reply:
        """An error answer in the vendor's format (``code`` is dropped by vendors whose errors have none)."""

    @abc.abstractmethod
    def authenticate(self, headers: Mapping[str, str]) -> Reply | None:
        """The 401 answer for a missing or wrong credential; None when the credential is ours."""

    @abc.abstractmethod
    def seed_orders(self) -> dict[str, Order]:
        """The orders a new sandbox starts with, by id (fresh copies every call)."""

    @abc.abstractmethod
    def apply(self, order: Order, body: Mapping[str, Any]) -> None:
        """Change ``order`` in place as the vendor does for a valid update ``body``."""

    @abc.abstractmethod
    def updated(self, order: Order) -> Reply:
        """The 200 answer carrying the updated order."""

    def forbidden(self) -> Reply:
        return self.error(403, "FORBIDDEN", "Insufficient scope")

    def not_found(self, order_id: str) -> Reply:
        return self.error(404, "NOT_FOUND", "Resource not found")

    def invalid(self, problems: list[Problem]) -> Reply:
        summary = "; ".join(str(problem) for problem in problems)
        return self.error(self.validation_status, "VALIDATION_ERROR", f"Invalid request body: {summary}", problems)

    def refuse(self, order: Order) -> Reply | None:
        """An answer refusing to update ``order`` at all (None: it may be updated)."""
        return None

    def ignored_fields(self, body: Any) -> tuple[str, ...]:
        """The body fields this vendor accepts without applying them (its schema does not declare them)."""
        if not isinstance(body, Mapping):
            return ()
        return tuple(str(key) for key in body if key not in self.accepted_fields)

    # -- shared behaviour ------------------------------------------------------------------------------------

    def failure(self, status: int, message: str | None = None) -> Reply:
        """An injected failure (503, 429...) in the vendor's error format."""
        try:
            known = HTTPStatus(status)
            code, phrase = known.name, known.phrase
        except ValueError:
            code, phrase = "ERROR", "Error"
        return self.error(status, code, message or phrase)

    def no_route(self, method: str, path: str) -> Reply:
        """The answer to a path the vendor does not serve."""
        return self.error(404, "NOT_FOUND", f"No route for {method} {path}")

    def touch(self, order: Order, now: datetime) -> None:
        """Advance the order's update timestamp to ``now`` (later than the one it had, whatever the clock says)."""
        step = self.timestamp_resolution
        moment = now.astimezone(UTC)
        moment -= timedelta(microseconds=moment.microsecond % (step // timedelta(microseconds=1)))
        previous = _parse_timestamp(order.get(self.updated_field))
        if previous is not None and moment <= previous:
            moment = previous + step
        order[self.updated_field] = _js_timestamp(moment) if step < timedelta(seconds=1) else _seconds_timestamp(moment)

    def parse_body(self, incoming: Incoming) -> tuple[Any, list[Problem]]:
        """The JSON body and what is wrong with it as the request body of ``PUT /orders/{id}``."""
        media_type = incoming.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if media_type != _JSON_MEDIA_TYPE and not media_type.endswith("+json"):
            shown = media_type or "none"
            return None, [Problem("body", f"must be sent as {_JSON_MEDIA_TYPE} (Content-Type was {shown})")]
        if not incoming.body.strip():
            return None, [Problem("body", "is required")]
        try:
            body = parse_json(incoming.body)
        except ValueError:
            return None, [Problem("body", "is not valid JSON")]
        return body, request_problems(self.name, body)

    def update_order(self, incoming: Incoming, orders: dict[str, Order], lock: Lock, now: datetime) -> Reply:
        """Answer ``<method> <prefix>/orders/{id}`` as the vendor does."""
        if incoming.method not in self.allowed_methods:
            reply = self.error(405, "METHOD_NOT_ALLOWED", f"{incoming.method} is not allowed on this resource")
            return replace(reply, headers=(*reply.headers, ("Allow", ", ".join(self.allowed_methods))))
        denied = self.authenticate(incoming.headers)
        if denied is not None:
            return denied
        if self.write_scope is not None and self.write_scope not in self.scopes:
            return self.forbidden()
        body, problems = self.parse_body(incoming)
        if problems:
            return self.invalid(problems)
        with lock:
            order = orders.get(incoming.order_id)
            if order is None:
                return self.not_found(incoming.order_id)
            refused = self.refuse(order)
            if refused is not None:
                return refused
            self.apply(order, body)
            self.touch(order, now)
            return self.updated(copy.deepcopy(order))


# -- finding a vendor's sandbox -----------------------------------------------------------------------------------

_SANDBOXES_PACKAGE = f"{__package__}._sandboxes"
_REGISTERED: dict[str, type[VendorSandbox]] = {}
"""Sandbox vendors registered at run time by :func:`_registered_sandbox_vendor` (a test's throwaway vendor)."""


def sandbox_vendors() -> list[str]:
    """The names of the vendors the sandbox serves: every ``Vendor`` member's value, then any registered one."""
    names = [vendor.value for vendor in Vendor]
    return names + [name for name in _REGISTERED if name not in names]


def sandbox_class(name: str) -> type[VendorSandbox]:
    """The sandbox class of the vendor ``name``, from ``storefronts/testing/_sandboxes/<name>.py`` (imported here).

    Raises:
        ValueError: the sandbox serves no vendor of that name.
        RuntimeError: the vendor's module does not declare exactly one VendorSandbox named ``name``.
    """
    registered = _REGISTERED.get(name)
    if registered is not None:
        return registered
    if name not in sandbox_vendors():
        raise ValueError(f"unknown vendor {name!r}: the sandbox serves {', '.join(sorted(sandbox_vendors()))}")
    return _declared_class(name)


@functools.cache
def _declared_class(name: str) -> type[VendorSandbox]:
    return declared_class(
        f"{_SANDBOXES_PACKAGE}.{name}",
        VendorSandbox,  # type: ignore[type-abstract]  # an abstract base is what we look for (python/mypy#4717)
        "name",
        name,
        missing=f"storefronts.testing has no sandbox for {name!r}: write storefronts/testing/_sandboxes/{name}.py "
        "(CONTRIBUTING.md, Adding a vendor)",
    )


@contextlib.contextmanager
def _registered_sandbox_vendor(vendor: type[VendorSandbox], spec: Path) -> Iterator[type[VendorSandbox]]:
    """Private, for the test that proves a vendor can be added without a core change: ``sandbox(vendor.name)``
    serves ``vendor``, reading its spec from ``spec``, while the block runs. A real vendor is a ``Vendor`` member
    with its class in ``storefronts/testing/_sandboxes/<vendor>.py`` and its spec in the repository's ``specs/``."""
    if vendor.name in _REGISTERED or importlib.util.find_spec(f"{_SANDBOXES_PACKAGE}.{vendor.name}") is not None:
        raise ValueError(f"{vendor.name!r} is already a sandbox vendor")
    _REGISTERED[vendor.name] = vendor
    _specs._SPEC_FILES[vendor.name] = spec
    _specs.load_spec.cache_clear()
    try:
        yield vendor
    finally:
        del _REGISTERED[vendor.name], _specs._SPEC_FILES[vendor.name]
        _specs.load_spec.cache_clear()
        _specs._validator.cache_clear()
