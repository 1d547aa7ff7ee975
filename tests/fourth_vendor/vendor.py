"""tinywoo, a throwaway fourth vendor: an adapter, a sandbox vendor and a test table, exactly as a real vendor has
them (CONTRIBUTING.md "Adding a vendor"), written against the client generated from ``tinywoo.yaml``."""

from __future__ import annotations

import base64
import binascii
import copy
import secrets
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

import httpx

from storefronts import FulfillmentStatus, Order, OrderStatus, PaymentStatus
from storefronts._adapter import Connection, CredentialPart, VendorAdapter, inverse
from storefronts._lenient_readers import identifier, member, money, read_status, text
from storefronts.errors import InvalidUpdateError
from storefronts.testing._vendors import Reply, VendorSandbox, _same_secret
from tests.vendors import VendorTable
from tests.vendors._table import BadCredential, UpdateCase

NAME = "tinywoo"
SPEC = __file__.rsplit("/", 1)[0] + f"/{NAME}.yaml"
_STATUS = {
    "pending": OrderStatus.PENDING,
    "processing": OrderStatus.PROCESSING,
    "completed": OrderStatus.COMPLETED,
    "cancelled": OrderStatus.CANCELLED,
}


def make_adapter(package: ModuleType) -> type[VendorAdapter]:
    """The adapter, over the generated ``package`` (its ``vendor`` is set when it is registered)."""
    update_endpoint = package.api.orders.update_order
    models = package.models

    class TinywooAdapter(VendorAdapter):
        connection = Connection(
            credential=(
                CredentialPart("consumer key", "TINYWOO_CONSUMER_KEY"),
                CredentialPart("consumer secret", "TINYWOO_CONSUMER_SECRET"),
            ),
            default_base_url=None,  # every store has its own host
        )
        generated_package: ClassVar[ModuleType] = package
        endpoint: ClassVar[ModuleType] = update_endpoint
        supported_updates = frozenset({"status", "notes"})
        status_values: ClassVar[Mapping[str, Mapping[Any, str]]] = {"status": inverse(_STATUS)}
        read_statuses: ClassVar[Mapping[str, Mapping[str, Any]]] = {"status": _STATUS}
        expected_fields = ("id",)

        def check_order_id(self, order_id: str) -> None:
            if not (order_id.isascii() and order_id.isdigit()):
                raise InvalidUpdateError("order_id", "tinywoo order ids are numbers (such as 1001)")

        def build_body(self, updates: Mapping[str, Any]) -> Any:
            body = models.UpdateOrderBody()
            if "status" in updates:
                body.status = models.UpdateOrderBodyStatus(self.status_values["status"][updates["status"]])
            if "notes" in updates:
                body.customer_note = updates["notes"]
            return body

        def to_order(self, body: Mapping[str, Any], response: httpx.Response) -> Order:
            return Order(
                vendor=self.vendor,
                id=identifier(body.get("id")),
                status=read_status(_STATUS, body.get("status"), OrderStatus.UNKNOWN),
                notes=text(body.get("customer_note")),
                total=money(body.get("total")),
                raw=body,
            )

        def read_error(self, body: Any) -> tuple[str | None, str | None]:
            return text(member(body, "code")), text(member(body, "message"))

    return TinywooAdapter


class TinywooSandbox(VendorSandbox):
    """tinywoo from the server's side: HTTP Basic with a consumer key and secret, bare orders, coded errors."""

    name = NAME
    updated_field = "date_modified"
    consumer_key = "ck_SECRET-tinywoo-key-0001"
    consumer_secret = "cs_SECRET-tinywoo-secret-0002"

    @classmethod
    def new_api_key(cls) -> str:
        """A fresh ``key:secret`` as HTTP Basic joins them (WooCommerce's ``ck_``/``cs_`` and 40 hex digits)."""
        return f"ck_{secrets.token_hex(20)}:cs_{secrets.token_hex(20)}"

    def check_api_key(self, api_key: str) -> None:
        super().check_api_key(api_key)
        key, colon, secret = api_key.partition(":")
        if not (key and colon and secret) or ":" in secret:
            raise ValueError(f"{self.name}: api_key is the consumer key and secret joined by one ':' (key:secret)")

    def credential(self) -> tuple[str, str]:
        return _client_credential(self.api_key)

    def error(self, status: int, code: str, message: str, details: Any = None) -> Reply:
        return Reply(
            status, {"code": f"woocommerce_rest_{code.lower()}", "message": message, "data": {"status": status}}
        )

    def authenticate(self, headers: Mapping[str, str]) -> Reply | None:
        scheme, _, encoded = headers.get("authorization", "").partition(" ")
        try:
            given = base64.b64decode(encoded, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            given = ""
        if scheme.lower() != "basic" or not _same_secret(given, self.api_key):
            return self.error(401, "UNAUTHORIZED", "Consumer key or secret is invalid")
        return None

    def seed_orders(self) -> dict[str, Any]:
        return {
            "1001": {"id": 1001, "status": "processing", "customer_note": "", "total": "29.90"},
            "1002": {"id": 1002, "status": "pending", "customer_note": "Ring twice", "total": "5.00"},
            "1003": {"id": 1003, "status": "completed", "customer_note": "", "total": "120.00"},
        }

    def apply(self, order: dict[str, Any], body: Mapping[str, Any]) -> None:
        order.update(copy.deepcopy(dict(body)))

    def touch(self, order: dict[str, Any], now: Any) -> None:
        """tinywoo orders carry no update timestamp in this spec."""

    def updated(self, order: dict[str, Any]) -> Reply:
        return Reply(200, order)


def _success(order: Any) -> Any:
    return order


def _read_error(body: Any) -> tuple[str | None, str]:
    return body["code"], body["message"]


def _basic(api_key: str) -> str:
    """HTTP Basic's token for the sandbox's ``key:secret``."""
    return base64.b64encode(api_key.encode()).decode()


_UNAUTHORIZED = ("woocommerce_rest_unauthorized", "Consumer key or secret is invalid")


def _error(status: int, code: str | None, message: str) -> dict[str, Any]:
    return {"code": code, "message": message, "data": {"status": status}}


def _client_credential(api_key: str) -> tuple[str, str]:
    """The sandbox holds ``key:secret``, as HTTP Basic joins them (a Basic user id has no ``:``)."""
    key, _, secret = api_key.partition(":")
    return key, secret


TABLE = VendorTable(
    name=NAME,
    api_key=(TinywooSandbox.consumer_key, TinywooSandbox.consumer_secret),
    marked_key=(TinywooSandbox.consumer_key, TinywooSandbox.consumer_secret),
    env_vars=("TINYWOO_CONSUMER_KEY", "TINYWOO_CONSUMER_SECRET"),
    order={"id": 1001, "status": "processing", "customer_note": "", "total": "29.90"},
    small_order={"id": 1001, "status": "processing"},
    notes_field="customer_note",
    wire={"status": {"status": "cancelled"}, "notes": {"customer_note": "Leave at the door"}},
    write_statuses={
        "status": {
            OrderStatus.PENDING: "pending",
            OrderStatus.PROCESSING: "processing",
            OrderStatus.COMPLETED: "completed",
            OrderStatus.CANCELLED: "cancelled",
        }
    },
    status_wire_key={"status": "status"},
    success=_success,
    error=_error,
    not_found=("woocommerce_rest_not_found", "Resource not found"),
    default_base_url=None,
    sandbox_order_id="1001",
    spec=Path(SPEC),
    order_id="1001",
    auth=lambda parts: ("authorization", "Basic " + base64.b64encode(":".join(parts).encode()).decode()),
    error_codes={
        400: "woocommerce_rest_invalid_param",
        401: "woocommerce_rest_cannot_edit",
        403: "woocommerce_rest_forbidden",
        404: "woocommerce_rest_not_found",
        409: "woocommerce_rest_conflict",
        422: "woocommerce_rest_invalid_param",
        429: "woocommerce_rest_too_many_requests",
        500: "internal_server_error",
        502: "bad_gateway",
        503: "service_unavailable",
    },
    example_read={"id": "1001", "status": OrderStatus.PROCESSING, "notes": "", "total": Decimal("29.90")},
    wrong_types={"id": ["1001"], "status": 5, "customer_note": 7, "total": "a lot"},
    envelope=None,
    odd_order_id=None,  # numbers only: the adapter's check refuses anything else before sending
    # -- t15-ops
    client_credential=_client_credential,
    # its spec types no amount as a number (total is a string), records no creation time, allows no null
    odd_error_bodies=(
        (502, {"body": b"<html>Bad Gateway</html>", "content_type": "text/html"}),
        (404, {"json": {"code": 5, "message": ["x"]}}),
        (400, {"json": {"code": None, "data": 3}}),
    ),
    # -- t15-suites: the sandbox and contract suites' parts (tests/sandbox, tests/contract), the bulk suite's
    path_prefix="/wp-json/wc/v3",
    auth_scheme="Basic",
    bad_credentials=(
        BadCredential({}, *_UNAUTHORIZED),
        BadCredential({"Authorization": "Basic " + _basic("ck_wrong:cs_wrong")}, *_UNAUTHORIZED),
        BadCredential({"Authorization": "Basic {key}"}, *_UNAUTHORIZED),  # not base64-encoded
        BadCredential({"Authorization": "Bearer " + "{key}"}, *_UNAUTHORIZED),
    ),
    read_error=_read_error,
    error_schema={"$ref": "#/components/schemas/Error"},
    order_of=_success,
    order_id_pattern=r"[0-9]+",
    validation_code="woocommerce_rest_validation_error",
    invalid_bodies=(
        ({"status": "shipped"}, "status"),
        ({"customer_note": 5}, "customer_note"),
        ({"total": "1.00"}, "total"),  # additionalProperties: false
    ),
    updates=(
        UpdateCase(
            {"status": "cancelled", "customer_note": "Refund issued"},
            after={"status": "cancelled", "customer_note": "Refund issued"},
        ),
    ),
    spec_breaking=("id", "not-a-number"),
    bulk_order_id=lambda n: str(5000 + n),
    credential_token=_basic,
    order_id_value=int,
    method_not_allowed_code="woocommerce_rest_method_not_allowed",
    spec_constraints=frozenset({("paths//orders/{id}/put/parameters/0/schema", "pattern")}),
    # -- t15-facade2
    # one status field, from its spec's enum; it documents no payment or fulfillment status
    documented_statuses={"status": (("status",), ("pending", "processing", "completed", "cancelled"))},
    key_reads=(
        ({"status": "pending"}, (OrderStatus.PENDING, PaymentStatus.UNKNOWN, FulfillmentStatus.UNKNOWN)),
        ({"status": "completed"}, (OrderStatus.COMPLETED, PaymentStatus.UNKNOWN, FulfillmentStatus.UNKNOWN)),
    ),
    sent_as_given=(
        ({"status": "completed", "notes": "Ring twice"}, {"status": "completed", "customer_note": "Ring twice"}),
        ({"status": OrderStatus.PENDING}, {"status": "pending"}),
    ),
)
