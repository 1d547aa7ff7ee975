"""What each vendor's sandbox does with ``PUT /orders/{id}``: one class per vendor over one shared request flow.

:meth:`VendorSandbox.update_order` runs the steps every vendor shares, in the order an API gateway would: method,
credential, scope, body (parsed, then validated against the request schema of the vendor's spec), order lookup,
refusal (LaunchMyStore's closed orders), update, answer. A vendor class says only how: which header carries the
key, how its error bodies look, how a valid body changes the stored order, and which seed orders it starts with.

Seed orders are derived from the example response in the vendor's spec where the spec has one (Salesive,
LaunchMyStore); bitbybit documents no example order, so its seeds follow its ``Order`` schema field by field.
"""

from __future__ import annotations

import abc
import contextlib
import copy
import hmac
import json
import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from http import HTTPStatus
from pathlib import Path
from threading import Lock
from typing import Any, ClassVar

from . import _specs
from ._specs import Problem, declared_methods, request_problems, request_properties, server_path_prefix, success_example

__all__ = ["VENDORS", "Incoming", "Order", "Reply", "VendorSandbox", "parse_json"]

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


class _InvalidJSON(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    """JSON has no NaN or Infinity (Python's json module accepts them; a JavaScript server does not)."""
    raise _InvalidJSON(f"{name} is not valid JSON")


def parse_json(raw: bytes) -> Any:
    """``raw`` parsed as strict JSON; ValueError when it is not JSON."""
    try:
        return json.loads(raw, parse_constant=_refuse_constant)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _InvalidJSON(str(exc)) from exc


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


# -- bitbybit --------------------------------------------------------------------------------------------------


def _bitbybit_order(order_id: str, number: int, status: str, financial: str, fulfillment: str, **changes: Any) -> Order:
    order: Order = {
        "id": order_id,
        "orderId": f"BBS-{number}",
        "orderNumber": f"#{number}",
        "status": status,
        "fulfillmentStatus": fulfillment,
        "financialStatus": financial,
        "total": 349000,
        "currency": "IDR",
        "notes": None,
        "customer": {
            "id": "cus_8Hq2Lm5Zr3Tn",
            "firstName": "Siti",
            "lastName": "Rahmawati",
            "email": "siti.rahmawati@example.com",
            "phoneNumber": "+6281234567890",
        },
        "lineItems": [
            {
                "id": f"li_{order_id[4:12]}01",
                "quantity": 2,
                "price": 149500,
                "title": "Kopi Arabika Gayo 250g",
                "productVariant": {
                    "id": "var_5Rk2Wq8Zt1Yc",
                    "key": "250g",
                    "price": 149500,
                    "compareAtPrice": 165000,
                    "inventorySku": "KAG-250",
                    "media": "https://cdn.example.com/products/kopi-gayo-250.jpg",
                },
            }
        ],
        "shippingAddress": {
            "id": "adr_3Nv7Bx2Kq9Pd",
            "firstName": "Siti",
            "lastName": "Rahmawati",
            "phone": "+6281234567890",
            "address1": "Jl. Jenderal Sudirman No. 45",
            "address2": None,
            "city": "Jakarta Selatan",
            "province": "DKI Jakarta",
            "country": "Indonesia",
            "zip": "12190",
        },
        "tags": ["whatsapp"],
        "createdAt": "2026-06-18T03:12:45.120Z",
        "updatedAt": "2026-06-18T03:12:45.120Z",
    }
    order.update(changes)
    return order


class Bitbybit(VendorSandbox):
    """bitbybit: ``x-api-key`` header, ``{error: {code, message}}`` errors, the order in ``{data}``."""

    name = "bitbybit"
    # bitbybit documents no status for an invalid body; 400 with code VALIDATION_ERROR is our choice, in the same
    # {error: {code, message}} shape as its documented 404. Its schema declares no additionalProperties: false,
    # so unknown fields are accepted and ignored (they show in the recorded request's ignored_fields).
    validation_status = 400

    def error(self, status: int, code: str, message: str, details: list[Problem] | None = None) -> Reply:
        return Reply(status, {"error": {"code": code, "message": message}})

    def authenticate(self, headers: Mapping[str, str]) -> Reply | None:
        # bitbybit documents the x-api-key header but no 401 answer: the body follows its documented Error shape.
        key = headers.get("x-api-key")
        if key is None:
            return self.error(401, "UNAUTHORIZED", "Missing API key: send it in the x-api-key header")
        if not _same_secret(key, self.api_key):
            return self.error(401, "UNAUTHORIZED", "Invalid API key")
        return None

    def seed_orders(self) -> dict[str, Order]:
        orders = [
            _bitbybit_order("ord_2KfQ8mZp4XwN7rT1", 10231, "active", "paid", "unfulfilled"),
            _bitbybit_order(
                "ord_7HcV3nLs9QdY5bE2",
                10232,
                "active",
                "pending",
                "unfulfilled",
                orderId=None,
                total=199000,
                notes="Please deliver before 5 pm",
                tags=[],
                createdAt="2026-06-19T08:40:02.511Z",
                updatedAt="2026-06-19T08:40:02.511Z",
            ),
            _bitbybit_order(
                "ord_9TgW1kRx6MjP8aU3",
                10198,
                "archived",
                "paid",
                "fulfilled",
                tags=["whatsapp", "repeat-customer"],
                createdAt="2026-06-02T11:05:37.004Z",
                updatedAt="2026-06-05T09:21:14.870Z",
            ),
        ]
        return {order["id"]: order for order in orders}

    def apply(self, order: Order, body: Mapping[str, Any]) -> None:
        for field in ("status", "fulfillmentStatus", "financialStatus", "notes"):
            if field in body:
                order[field] = body[field]

    def updated(self, order: Order) -> Reply:
        return Reply(200, {"data": order})


# -- Salesive --------------------------------------------------------------------------------------------------


def _money_sum(*terms: Any) -> int | float:
    """Exact decimal arithmetic on JSON numbers: an int when every term is one, a float otherwise."""
    total = sum((Decimal(str(term)) for term in terms), Decimal(0))
    return int(total) if all(isinstance(term, int) for term in terms) else float(total)


class Salesive(VendorSandbox):
    """Salesive: ``Authorization: Bearer app_...`` with OAuth scopes, everything in its ``{status, success,
    message, data}`` envelope, and a whitelist: body fields other than the four it documents are ignored."""

    name = "salesive"
    default_scopes = frozenset({"READ_ORDERS", "WRITE_ORDERS"})
    write_scope = "WRITE_ORDERS"
    validation_status = 400
    _TOKEN_PREFIX = "app_"  # noqa: S105 - the documented prefix of every app token, not a secret

    @classmethod
    def new_api_key(cls) -> str:
        return f"{cls._TOKEN_PREFIX}{secrets.token_hex(24)}"

    def check_api_key(self, api_key: str) -> None:
        super().check_api_key(api_key)
        if not api_key.startswith(self._TOKEN_PREFIX):
            raise ValueError(f"Salesive app tokens start with {self._TOKEN_PREFIX!r}")

    def error(self, status: int, code: str, message: str, details: list[Problem] | None = None) -> Reply:
        return Reply(status, {"status": status, "success": False, "message": message, "data": None})

    def authenticate(self, headers: Mapping[str, str]) -> Reply | None:
        token = _bearer_token(headers)
        if token is None:
            return self.error(401, "UNAUTHORIZED", "Authentication required")
        if not _same_secret(token, self.api_key):
            return self.error(401, "UNAUTHORIZED", "Invalid or expired app token")
        return None

    def not_found(self, order_id: str) -> Reply:
        return self.error(404, "NOT_FOUND", "Order not found")

    def seed_orders(self) -> dict[str, Order]:
        example = copy.deepcopy(success_example(self.name)["data"])
        ada = example["user"]
        pending = copy.deepcopy(example) | {
            "_id": "66b1f2c4d5e6f7a8b9c0d1e2",
            "orderId": 1043,
            "items": [
                {
                    "_id": "66b1f2c4d5e6f7a8b9c0d1e3",
                    "product": {
                        "_id": "6699aabbccddeeff00112244",
                        "name": "USB-C Charger 30W",
                        "images": ["https://cdn.salesive.com/p/charger-30w.jpg"],
                    },
                    "variant": None,
                    "name": "USB-C Charger 30W",
                    "sku": "UC-30W-WHT",
                    "price": 18500,
                    "quantity": 1,
                    "variantAttributes": {"colour": "white"},
                    "imageUrl": None,
                }
            ],
            "status": "pending",
            "notes": "",
            "payment": None,
            "coupon": {
                "_id": "66a9e0f1a2b3c4d5e6f7a8b9",
                "code": "WELCOME10",
                "discountType": "fixed",
                "discountValue": 2000,
            },
            "discount": 2000,
            "subtotal": 18500,
            "shippingCost": 1500,
            "tax": 0,
            "paymentMethod": "bank_transfer",
            "total": 18000,
            "createdAt": "2026-06-22T09:15:00.000Z",
            "updatedAt": "2026-06-22T09:15:00.000Z",
        }
        completed = copy.deepcopy(example) | {
            "_id": "66b1f5e6f7a8b9c0d1e2f3a4",
            "orderId": 1044,
            "user": ada
            | {
                "_id": "66a0c9d8e7f6a5b4c3d2e1f0",
                "name": "Ngozi Okafor",
                "email": "ngozi@example.com",
                "phone": "+2348098765432",
                "customerId": "66a0d9e8f7a6b5c4d3e2f1a0",
            },
            "items": [
                {
                    "_id": "66b1f5e6f7a8b9c0d1e2f3a5",
                    "product": {
                        "_id": "6699aabbccddeeff00112255",
                        "name": "Smart Watch S2",
                        "images": ["https://cdn.salesive.com/p/watch-s2.jpg"],
                    },
                    "variant": "6699aabbccddeeff00112256",
                    "name": "Smart Watch S2",
                    "sku": "SW-S2-44",
                    "price": 74990,
                    "quantity": 1,
                    "variantAttributes": {"size": "44mm"},
                    "imageUrl": "https://cdn.salesive.com/p/watch-s2.jpg",
                }
            ],
            "status": "completed",
            "notes": "Delivered to the front desk",
            "payment": {
                "_id": "66b1f5e6f7a8b9c0d1e2f3b0",
                "status": "completed",
                "amount": 77490,
                "method": "card",
                "transactionId": "txn_1a2b3c4d",
            },
            "shipment": {
                "_id": "66b1f5e6f7a8b9c0d1e2f3c0",
                "status": "delivered",
                "carrier": "GIG Logistics",
                "trackingNumber": "GIG123456789",
                "trackingUrl": None,
                "trackingHistory": [{"status": "delivered", "at": "2026-06-26T14:02:00.000Z"}],
                "estimatedDelivery": "2026-06-26T18:00:00.000Z",
                "shippingAddress": {
                    "name": "Ngozi Okafor",
                    "address": "12 Admiralty Way",
                    "city": "Lekki",
                    "state": "Lagos",
                    "zipCode": "106104",
                    "country": "Nigeria",
                    "email": "ngozi@example.com",
                    "phone": "+2348098765432",
                },
                "shippingOption": {"name": "Express", "description": "1-2 days", "type": "flat", "price": 2500},
            },
            "discount": 0,
            "subtotal": 74990,
            "shippingCost": 2500,
            "tax": 0,
            "total": 77490,
            "createdAt": "2026-06-24T16:45:00.000Z",
            "updatedAt": "2026-06-26T14:02:00.000Z",
        }
        return {order["_id"]: order for order in (example, pending, completed)}

    def apply(self, order: Order, body: Mapping[str, Any]) -> None:
        # The whitelist: only these four fields are applied; every other body field is ignored, as Salesive does.
        for field in ("status", "notes", "shippingCost", "discount"):
            if field in body:
                order[field] = body[field]
        if "shippingCost" in body or "discount" in body:
            order["total"] = _money_sum(
                order.get("subtotal", 0), order.get("shippingCost", 0), order.get("tax", 0), -order.get("discount", 0)
            )

    def updated(self, order: Order) -> Reply:
        return Reply(200, {"status": 200, "success": True, "message": "Order updated", "data": order})


# -- LaunchMyStore ---------------------------------------------------------------------------------------------


class LaunchMyStore(VendorSandbox):
    """LaunchMyStore: ``Authorization: Bearer``, ``{success, data}`` / ``{success: false, error}`` bodies, tags
    replaced rather than merged, addresses merged field by field, and no update of a cancelled or closed order."""

    name = "launchmystore"
    default_scopes = frozenset({"read_orders", "write_orders"})
    write_scope = "write_orders"
    # Our spec: VALIDATION_ERROR is a 422 and lists per-field details; unknown fields are rejected
    # (additionalProperties: false), so nothing is ever silently ignored.
    validation_status = 422
    updated_field = "updated_at"
    timestamp_resolution = timedelta(seconds=1)
    #: Order statuses that make an order closed (ORDER_CLOSED: "cannot modify a closed or cancelled order").
    closed_statuses: ClassVar[frozenset[str]] = frozenset({"cancelled", "canceled", "closed"})

    def error(self, status: int, code: str, message: str, details: list[Problem] | None = None) -> Reply:
        info: dict[str, Any] = {"code": code, "message": message}
        if details:
            info["details"] = [{"field": problem.field, "message": problem.message} for problem in details]
        return Reply(status, {"success": False, "error": info})

    def authenticate(self, headers: Mapping[str, str]) -> Reply | None:
        token = _bearer_token(headers)
        if token is None or not _same_secret(token, self.api_key):
            return self.error(401, "UNAUTHORIZED", "Invalid or missing access token")
        return None

    def forbidden(self) -> Reply:
        return self.error(403, "FORBIDDEN", "App doesn't have write_orders scope")

    def not_found(self, order_id: str) -> Reply:
        return self.error(404, "NOT_FOUND", "Order with the specified ID does not exist")

    def invalid(self, problems: list[Problem]) -> Reply:
        return self.error(self.validation_status, "VALIDATION_ERROR", "Invalid request body", problems)

    def refuse(self, order: Order) -> Reply | None:
        if str(order.get("status", "")).lower() in self.closed_statuses:
            return self.error(409, "ORDER_CLOSED", "Cannot modify a closed or cancelled order")
        return None

    def ignored_fields(self, body: Any) -> tuple[str, ...]:
        return ()  # unknown fields are rejected with 422, never ignored

    def seed_orders(self) -> dict[str, Order]:
        example = copy.deepcopy(success_example(self.name)["data"])
        john = {
            "id": "cus_7001",
            "first_name": "John",
            "last_name": "Doe",
            "email": example["email"],
            "phone": "+13105550142",
        }
        confirmed = example | {
            "phone": "+13105550142",
            "customer": john,
            "billing_address": example["shipping_address"] | {"company": None, "phone": "+13105550142"},
            "note_attributes": [{"name": "gift_wrap", "value": "yes"}],
            "line_items": [
                {"id": "li_5001", "title": "Classic Tee - Navy / M", "quantity": 2, "price": 25.0, "sku": "TEE-NV-M"}
            ],
            "currency": "USD",
            "subtotal_price": 50.0,
            "total_discounts": 0.0,
            "total_shipping": 5.0,
            "total_tax": 4.5,
            "total_price": 59.5,
        }
        guest: Order = {
            "id": "ord_def456",
            "order_number": 1002,
            "email": "jane.roe@example.com",
            "phone": None,
            "status": "confirmed",
            "financial_status": "pending",
            "fulfillment_status": None,
            "note": None,
            "tags": [],
            "note_attributes": [],
            "shipping_address": None,
            "billing_address": None,
            "customer": None,
            "line_items": [{"id": "li_5002", "title": "Canvas Tote", "quantity": 1, "price": 18.0, "sku": None}],
            "currency": "USD",
            "subtotal_price": 18.0,
            "total_discounts": 0.0,
            "total_shipping": 0.0,
            "total_tax": 1.62,
            "total_price": 19.62,
            "created_at": "2024-01-22T09:05:00Z",
            "updated_at": "2024-01-22T09:05:00Z",
        }
        cancelled = copy.deepcopy(confirmed) | {
            "id": "ord_ghi789",
            "order_number": 1003,
            "status": "cancelled",
            "financial_status": "refunded",
            "fulfillment_status": "unfulfilled",
            "note": "Cancelled at the customer's request",
            "tags": ["cancelled"],
            "note_attributes": [],
            "created_at": "2024-01-23T11:00:00Z",
            "updated_at": "2024-01-23T12:30:00Z",
        }
        return {order["id"]: order for order in (confirmed, guest, cancelled)}

    def apply(self, order: Order, body: Mapping[str, Any]) -> None:
        for field in ("note", "email", "phone"):
            if field in body:
                order[field] = body[field]
        for field in ("tags", "note_attributes"):  # documented: the array replaces the existing one
            if field in body:
                order[field] = copy.deepcopy(body[field])
        for field in ("shipping_address", "billing_address"):  # the fields sent change; the others stay
            if field in body:
                order[field] = {**(order.get(field) or {}), **body[field]}

    def updated(self, order: Order) -> Reply:
        return Reply(200, {"success": True, "data": order})


VENDORS: dict[str, type[VendorSandbox]] = {
    Bitbybit.name: Bitbybit,
    Salesive.name: Salesive,
    LaunchMyStore.name: LaunchMyStore,
}


@contextlib.contextmanager
def _registered_sandbox_vendor(vendor: type[VendorSandbox], spec: Path) -> Iterator[type[VendorSandbox]]:
    """Private, for the test that proves a vendor can be added without a core change: ``sandbox(vendor.name)``
    serves ``vendor``, reading its spec from ``spec``, while the block runs. A real vendor is a class listed in
    :data:`VENDORS` with its spec in the repository's ``specs/``."""
    if vendor.name in VENDORS:
        raise ValueError(f"{vendor.name!r} is already a sandbox vendor")
    VENDORS[vendor.name] = vendor
    _specs._SPEC_FILES[vendor.name] = spec
    _specs.load_spec.cache_clear()
    try:
        yield vendor
    finally:
        del VENDORS[vendor.name], _specs._SPEC_FILES[vendor.name]
        _specs.load_spec.cache_clear()
        _specs._validator.cache_clear()
