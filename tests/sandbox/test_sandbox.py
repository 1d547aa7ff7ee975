"""storefronts.testing: the sandbox vendor servers, driven with plain httpx.

Every response a test receives goes through :func:`checked`, which validates it against the vendor's own spec
(loaded here with ruamel.yaml, validated with jsonschema, independently of the sandbox's own checks): the schema the
spec documents for that status, or the vendor's error schema for a status the spec does not document.
"""

from __future__ import annotations

import ast
import copy
import enum
import functools
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from ruamel.yaml import YAML

import storefronts.testing
from storefronts.testing import RecordedRequest, SandboxServer, sandbox
from tests.support.vendors import VENDORS

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "wrappers" / "storefronts" / "testing"
PREFIXES = {"bitbybit": "/customer/api/open/v1", "salesive": "/api/v1", "launchmystore": "/api/v1"}
# One seed order per vendor that any valid update may change.
ORDER = {"bitbybit": "ord_2KfQ8mZp4XwN7rT1", "salesive": "66b1f0a3c2d4e5f6a7b8c9d0", "launchmystore": "ord_abc123"}
LMS_CLOSED = "ord_ghi789"
# A valid body changing the notes, per vendor.
NOTES = {"bitbybit": "notes", "salesive": "notes", "launchmystore": "note"}
UPDATED_AT = {"bitbybit": "updatedAt", "salesive": "updatedAt", "launchmystore": "updated_at"}
ORDER_SCHEMA = {"bitbybit": "Order", "salesive": "OrderDetail", "launchmystore": "Order"}
VALIDATION_STATUS = {"bitbybit": 400, "salesive": 400, "launchmystore": 422}
TIMEOUT = httpx.Timeout(10.0)
# One client for the module: building an httpx client (its TLS context) takes ~40 ms, a loopback request ~2 ms.
HTTP = httpx.Client(timeout=TIMEOUT)


# -- the vendors' specs, read independently of the sandbox ------------------------------------------------------


@functools.cache
def spec(vendor: str) -> dict[str, Any]:
    document: dict[str, Any] = YAML(typ="safe", pure=True).load((ROOT / "specs" / f"{vendor}.yaml").read_text("utf-8"))
    return document


def _nullable(inner: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """bitbybit's OpenAPI 3.0 ``nullable: true``, which Draft 2020-12 ignores, read as "null is allowed too"."""

    def keyword(validator: Any, value: Any, instance: Any, schema: Mapping[str, Any]) -> Iterator[Any]:
        if instance is None and schema.get("nullable") is True:
            return
        yield from inner(validator, value, instance, schema)

    return keyword


OpenAPIValidator = validators.extend(
    Draft202012Validator,
    {
        "type": _nullable(Draft202012Validator.VALIDATORS["type"]),
        "enum": _nullable(Draft202012Validator.VALIDATORS["enum"]),
    },
)


@functools.cache
def registry(vendor: str) -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(spec(vendor), default_specification=DRAFT202012)
    built: Registry[Any] = Registry().with_resource("urn:spec", resource)
    return built


def spec_errors(vendor: str, schema: dict[str, Any], instance: Any) -> list[str]:
    if str(schema.get("$ref", "")).startswith("#"):
        schema = {"$ref": "urn:spec" + schema["$ref"]}
    validator = OpenAPIValidator(schema, registry=registry(vendor), format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def component(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def documented_statuses(vendor: str) -> set[int]:
    return {int(status) for status in spec(vendor)["paths"]["/orders/{id}"]["put"]["responses"]}


def response_schema(vendor: str, status: int) -> dict[str, Any]:
    """The spec's schema for ``status``; for an undocumented status, the vendor's error format."""
    responses = spec(vendor)["paths"]["/orders/{id}"]["put"]["responses"]
    if str(status) in responses:
        response = responses[str(status)]
        pointer = response.get("$ref", f"#/paths/~1orders~1{{id}}/put/responses/{status}")
        return {"$ref": f"{pointer}/content/application~1json/schema"}
    if vendor == "bitbybit":
        return component("Error")
    if vendor == "salesive":
        return component("Envelope")
    # LaunchMyStore's Error with its code list open: the list covers the documented errors, not a 503 or a 405.
    return {
        "type": "object",
        "required": ["success", "error"],
        "properties": {
            "success": {"const": False},
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    }


def checked(vendor: str, response: httpx.Response) -> Any:
    """``response``'s JSON body, after asserting it is what the vendor's spec says for its status."""
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    errors = spec_errors(vendor, response_schema(vendor, response.status_code), body)
    assert not errors, f"{vendor} {response.status_code} breaks the spec: {errors}\n{body}"
    if response.status_code >= 400:
        assert_error_format(vendor, response.status_code, body)
    return body


def assert_error_format(vendor: str, status: int, body: Any) -> None:
    """The parts of each vendor's error format that its schemas leave optional."""
    if vendor == "bitbybit":
        assert set(body) == {"error"} and isinstance(body["error"]["code"], str), body
        assert isinstance(body["error"]["message"], str) and body["error"]["message"], body
    elif vendor == "salesive":
        assert body == {"status": status, "success": False, "message": body["message"], "data": None}, body
    else:
        assert body["success"] is False and isinstance(body["error"]["message"], str), body


def error_code(vendor: str, body: Any) -> str | None:
    return None if vendor == "salesive" else str(body["error"]["code"])


def order_of(vendor: str, body: Any) -> dict[str, Any]:
    data: dict[str, Any] = body["data"]
    return data


# -- talking to a sandbox ---------------------------------------------------------------------------------------


def auth(server: SandboxServer) -> dict[str, str]:
    if server.vendor == "bitbybit":
        return {"x-api-key": server.api_key}
    return {"Authorization": f"Bearer {server.api_key}"}


def put(
    server: SandboxServer,
    order_id: str,
    body: Any = None,
    *,
    headers: dict[str, str] | None = None,
    content: bytes | None = None,
) -> httpx.Response:
    """``PUT /orders/{id}`` with the server's credential (unless ``headers`` is given), spec-checked."""
    response = HTTP.put(
        server.order_url(order_id),
        json=body if content is None else None,
        content=content,
        headers=auth(server) if headers is None else headers,
        timeout=TIMEOUT,
    )
    checked(server.vendor, response)
    return response


@pytest.fixture(params=VENDORS)
def server(request: pytest.FixtureRequest) -> Iterator[SandboxServer]:
    with sandbox(request.param) as running:
        yield running


@pytest.fixture(scope="module", autouse=True)
def _close_http_client() -> Iterator[None]:
    yield
    HTTP.close()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def parse_time(value: str) -> datetime:
    assert value.endswith("Z"), value
    return datetime.fromisoformat(value)


# -- the package -------------------------------------------------------------------------------------------------


def test_all_is_sorted_and_importable() -> None:
    assert storefronts.testing.__all__ == sorted(storefronts.testing.__all__)
    for name in storefronts.testing.__all__:
        assert getattr(storefronts.testing, name) is not None


def _imports(path: Path) -> Iterator[tuple[str, int]]:
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, 0) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):  # each name imported, qualified: "storefronts._waits"
            yield from ((".".join(filter(None, (node.module, alias.name))), node.level) for alias in node.names)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_never_imports_the_facade_its_adapters_or_the_generated_clients(path: Path) -> None:
    """The sandbox sees vendors from the server's side, so it can catch the client's mistakes."""
    depth = len(path.relative_to(PACKAGE).parts)  # 1 in storefronts.testing, 2 in its _sandboxes package
    for module, level in _imports(path):
        assert level <= depth, f"{path.name}: relative import above storefronts.testing ({'.' * level}{module})"
        assert not module.startswith("storefronts_generated"), f"{path.name} imports {module}"
        if module == "storefronts" or module.startswith("storefronts."):
            # _waits: the retry wait switch behind instant_retries(); Vendor: the enum's values name the vendors
            # served. Neither knows how a vendor is spoken to.
            assert module.startswith("storefronts.testing") or module in {
                "storefronts._waits",
                "storefronts._types.Vendor",
            }, f"{path.name} imports {module}"


def test_imports_without_the_testing_extra_and_says_what_to_install() -> None:
    code = (
        "import sys\n"
        "for name in ('jsonschema', 'referencing', 'ruamel', 'ruamel.yaml'): sys.modules[name] = None\n"
        "import storefronts.testing, storefronts.testing.pytest_plugin\n"
        "try:\n"
        "    storefronts.testing.sandbox('salesive')\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert "pip install 'storefront-clients[testing]'" in result.stdout, result


@pytest.mark.parametrize("module", ["jsonschema", "ruamel.yaml"])
def test_sandbox_raises_import_error_naming_the_extra(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ImportError, match=re.escape("pip install 'storefront-clients[testing]'")):
        sandbox("bitbybit")


def test_spec_file_prefers_the_wheel_copy_then_the_repository(tmp_path: Path) -> None:
    from storefronts.testing import _specs

    here = Path(_specs.__file__).resolve()
    bundled = tmp_path / "_specs"
    assert Path(str(_specs.spec_file("salesive", bundled=bundled, here=here))) == ROOT / "specs" / "salesive.yaml"
    bundled.mkdir()
    (bundled / "salesive.yaml").write_text("openapi: 3.1.0\n", "utf-8")
    assert Path(str(_specs.spec_file("salesive", bundled=bundled, here=here))) == bundled / "salesive.yaml"
    with pytest.raises(FileNotFoundError, match="no spec for 'salesive'"):
        _specs.spec_file("salesive", bundled=tmp_path / "missing", here=tmp_path / "a" / "b.py")
    assert _specs.load_spec("salesive") is _specs.load_spec("salesive")  # loaded once per process


# -- lifecycle, identity, seeds ----------------------------------------------------------------------------------


def test_base_url_is_loopback_with_the_vendors_path_prefix(server: SandboxServer) -> None:
    assert re.fullmatch(rf"http://127\.0\.0\.1:\d+{re.escape(PREFIXES[server.vendor])}", server.base_url)
    assert server.order_url("a/b c") == f"{server.base_url}/orders/a%2Fb%20c"
    assert server.api_key not in repr(server)


def test_base_url_needs_a_running_server() -> None:
    server = sandbox("salesive")
    with pytest.raises(RuntimeError, match="not running"):
        _ = server.base_url
    with server:
        assert server.port > 0
        with pytest.raises(RuntimeError, match="already running"):
            server.start()
    server.close()  # closing twice is harmless


def test_two_sandboxes_get_different_ports_and_keys() -> None:
    with sandbox("launchmystore") as first, sandbox("launchmystore") as second:
        assert first.port != second.port
        assert first.api_key != second.api_key


def test_salesive_tokens_start_with_app() -> None:
    assert sandbox("salesive").api_key.startswith("app_")
    assert sandbox("salesive", api_key="app_fixed").api_key == "app_fixed"
    with pytest.raises(ValueError, match="start with 'app_'"):
        sandbox("salesive", api_key="sk_live_123")


def test_bitbybit_keys_have_no_scopes() -> None:
    with pytest.raises(ValueError, match="no scopes"):
        sandbox("bitbybit", scopes={"WRITE_ORDERS"})
    assert sandbox("bitbybit").scopes == frozenset()
    assert "WRITE_ORDERS" in sandbox("salesive").scopes


class Vendor(enum.StrEnum):
    SALESIVE = "salesive"


class Named:
    value = "bitbybit"


def test_vendor_may_be_an_enum_member_or_anything_with_a_value() -> None:
    assert sandbox(Vendor.SALESIVE).vendor == "salesive"
    assert sandbox(Named()).vendor == "bitbybit"
    assert sandbox("LaunchMyStore").vendor == "launchmystore"
    with pytest.raises(ValueError, match="unknown vendor 'shopify'"):
        sandbox("shopify")
    with pytest.raises(TypeError):
        sandbox(42)  # type: ignore[arg-type]


ID_PATTERNS = {"bitbybit": r"ord_[A-Za-z0-9]+", "salesive": r"[0-9a-f]{24}", "launchmystore": r"ord_[a-z0-9]+"}


def test_seed_orders_are_realistic_and_valid_against_the_spec(server: SandboxServer) -> None:
    vendor = server.vendor
    assert len(server.orders) == 3
    assert ORDER[vendor] in server.orders
    for order_id, order in server.orders.items():
        assert re.fullmatch(ID_PATTERNS[vendor], order_id)
        assert order["_id" if vendor == "salesive" else "id"] == order_id
        assert not spec_errors(vendor, component(ORDER_SCHEMA[vendor]), order)
    with sandbox(vendor) as other:  # every sandbox starts from fresh copies
        other.orders[ORDER[vendor]][NOTES[vendor]] = "changed"
        assert server.orders[ORDER[vendor]][NOTES[vendor]] != "changed"


def test_seed_orders_come_from_the_documented_examples() -> None:
    for vendor in ("salesive", "launchmystore"):
        example = spec(vendor)["paths"]["/orders/{id}"]["put"]["responses"]["200"]["content"]["application/json"]
        documented = example["example"]["data"]
        with sandbox(vendor) as server:
            seed = server.orders[ORDER[vendor]]
            assert {key: seed[key] for key in documented} == documented


def test_launchmystore_seeds_include_a_cancelled_order() -> None:
    with sandbox("launchmystore") as server:
        assert server.orders[LMS_CLOSED]["status"] == "cancelled"
        assert "ord_abc123" in server.orders


# -- authentication and scopes -----------------------------------------------------------------------------------


AUTH_FAILURES = [
    ("bitbybit", {}, "UNAUTHORIZED"),
    ("bitbybit", {"x-api-key": "wrong"}, "UNAUTHORIZED"),
    ("bitbybit", {"Authorization": "Bearer {key}"}, "UNAUTHORIZED"),  # bitbybit reads x-api-key only
    ("salesive", {}, None),
    ("salesive", {"Authorization": "Bearer app_wrong"}, None),
    ("salesive", {"x-api-key": "{key}"}, None),
    ("salesive", {"Authorization": "{key}"}, None),
    ("launchmystore", {}, "UNAUTHORIZED"),
    ("launchmystore", {"Authorization": "Bearer wrong"}, "UNAUTHORIZED"),
    ("launchmystore", {"Authorization": "Token {key}"}, "UNAUTHORIZED"),
]


@pytest.mark.parametrize(("vendor", "headers", "code"), AUTH_FAILURES)
def test_missing_or_wrong_credentials_get_401_in_the_vendors_format(
    vendor: str, headers: dict[str, str], code: str | None
) -> None:
    with sandbox(vendor) as server:
        before = copy.deepcopy(server.orders)
        sent = {name: value.format(key=server.api_key) for name, value in headers.items()}
        response = put(server, ORDER[vendor], {NOTES[vendor]: "x"}, headers=sent)
        assert response.status_code == 401
        assert error_code(vendor, response.json()) == code
        assert server.orders == before


def test_salesive_401_messages() -> None:
    with sandbox("salesive") as server:
        assert put(server, ORDER["salesive"], {}, headers={}).json()["message"] == "Authentication required"
        wrong = put(server, ORDER["salesive"], {}, headers={"Authorization": "Bearer app_nope"})
        assert wrong.json()["message"] == "Invalid or expired app token"


def test_bearer_scheme_is_case_insensitive() -> None:
    with sandbox("salesive") as server:
        response = put(server, ORDER["salesive"], {"notes": "x"}, headers={"Authorization": f"bearer {server.api_key}"})
        assert response.status_code == 200


def test_credentials_are_checked_before_the_body() -> None:
    with sandbox("launchmystore") as server:
        assert put(server, "ord_abc123", {"status": "nope"}, headers={}).status_code == 401


def test_salesive_token_without_write_orders_gets_403_insufficient_scope() -> None:
    with sandbox("salesive", scopes={"READ_ORDERS"}) as server:
        before = copy.deepcopy(server.orders)
        response = put(server, ORDER["salesive"], {"notes": "x"})
        assert response.status_code == 403
        assert response.json() == {"status": 403, "success": False, "message": "Insufficient scope", "data": None}
        assert server.orders == before


def test_launchmystore_token_without_write_orders_gets_403_forbidden() -> None:
    with sandbox("launchmystore", scopes={"read_orders"}) as server:
        response = put(server, "ord_abc123", {"note": "x"})
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "FORBIDDEN"


# -- validation --------------------------------------------------------------------------------------------------


INVALID_BODIES = [
    ("bitbybit", {"status": "shipped"}, "status"),
    ("bitbybit", {"fulfillmentStatus": "partial"}, "fulfillmentStatus"),
    ("bitbybit", {"financialStatus": "voided"}, "financialStatus"),
    ("bitbybit", {"notes": 5}, "notes"),
    ("bitbybit", {"notes": None}, "notes"),  # the request schema has no nullable: only the response does
    ("salesive", {"status": "shipped"}, "status"),
    ("salesive", {"shippingCost": "1500"}, "shippingCost"),
    ("salesive", {"discount": True}, "discount"),
    ("salesive", {"notes": ["a"]}, "notes"),
    ("launchmystore", {"email": "not-an-email"}, "email"),
    ("launchmystore", {"tags": "VIP"}, "tags"),
    ("launchmystore", {"tags": [1]}, "tags.0"),
    ("launchmystore", {"note_attributes": [{"name": "gift"}]}, "note_attributes.0.value"),
    ("launchmystore", {"shipping_address": {"zip": 90001}}, "shipping_address.zip"),
    ("launchmystore", {"status": "cancelled"}, "status"),  # not a field LaunchMyStore updates
    ("launchmystore", {"financial_status": "paid"}, "financial_status"),  # payments and refunds change it
    ("launchmystore", {"fulfillment_status": "fulfilled"}, "fulfillment_status"),  # the Fulfill Order endpoint
]


@pytest.mark.parametrize(("vendor", "body", "field"), INVALID_BODIES)
def test_bodies_the_spec_rejects_get_the_vendors_validation_error(vendor: str, body: Any, field: str) -> None:
    with sandbox(vendor) as server:
        before = copy.deepcopy(server.orders)
        response = put(server, ORDER[vendor], body)
        assert response.status_code == VALIDATION_STATUS[vendor]
        payload = response.json()
        if vendor == "launchmystore":
            assert payload["error"]["code"] == "VALIDATION_ERROR"
            assert field in [detail["field"] for detail in payload["error"]["details"]]
        elif vendor == "bitbybit":
            assert payload["error"]["code"] == "VALIDATION_ERROR"
            assert field in payload["error"]["message"]
        else:
            assert field in payload["message"]
        assert server.orders == before


def test_launchmystore_validation_details_match_the_documented_example() -> None:
    with sandbox("launchmystore") as server:
        response = put(server, "ord_abc123", {"email": "not-an-email"})
        assert response.json() == {
            "success": False,
            "error": {
                "code": "VALIDATION_ERROR",
                "message": "Invalid request body",
                "details": [{"field": "email", "message": "must be a valid email address"}],
            },
        }


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"[]", "application/json"),
        (b'"notes"', "application/json"),
        (b"", "application/json"),
        (b'{"notes": NaN}', "application/json"),
        (b'{"notes": "x"}', "text/plain"),
        (b"\xff\xfe", "application/json"),
    ],
)
def test_malformed_bodies_are_validation_errors(server: SandboxServer, content: bytes, content_type: str) -> None:
    headers = auth(server) | {"Content-Type": content_type}
    response = put(server, ORDER[server.vendor], content=content, headers=headers)
    assert response.status_code == VALIDATION_STATUS[server.vendor]


# -- routing -----------------------------------------------------------------------------------------------------


def test_unknown_order_gets_404_in_the_vendors_format(server: SandboxServer) -> None:
    response = put(server, "ord_doesnotexist", {})
    assert response.status_code == 404
    expected = {"bitbybit": "NOT_FOUND", "salesive": None, "launchmystore": "NOT_FOUND"}[server.vendor]
    assert error_code(server.vendor, response.json()) == expected
    if server.vendor == "salesive":
        assert response.json()["message"] == "Order not found"


@pytest.mark.parametrize("path", ["/orders/ord_abc123", "{prefix}/orders", "{prefix}/orders/", "{prefix}/orders/a/b"])
def test_other_paths_get_404_json(server: SandboxServer, path: str) -> None:
    url = f"http://127.0.0.1:{server.port}{path.format(prefix=PREFIXES[server.vendor])}"
    response = HTTP.put(url, json={}, headers=auth(server), timeout=TIMEOUT)
    assert response.status_code == 404
    checked(server.vendor, response)


@pytest.mark.parametrize("method", ["GET", "POST", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "BREW"])
def test_methods_the_spec_does_not_declare_get_405_with_allow_in_the_vendors_format(
    server: SandboxServer, method: str
) -> None:
    # TRACE, WebDAV's PROPFIND and a made-up method have no do_<METHOD> in http.server: without the shared
    # handler's dispatch they got the standard library's 501 HTML page, which no vendor sends
    response = HTTP.request(method, server.order_url(ORDER[server.vendor]), headers=auth(server), timeout=TIMEOUT)
    assert response.status_code == 405
    assert response.headers["allow"] == "PUT"
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    if server.vendor == "salesive":  # its error envelope has a message and no code
        assert body["success"] is False and method in body["message"]
    else:
        assert error_code(server.vendor, body) == "METHOD_NOT_ALLOWED"
    checked(server.vendor, response)


def test_hundreds_of_concurrent_first_connections_are_all_answered() -> None:
    # every client opens its connection at the same moment: the listen backlog, not the handlers, is what
    # overflows (a backlog of 5 drops SYNs, seen as resets and connect timeouts no real vendor causes)
    clients = 300
    barrier = threading.Barrier(clients)
    status_lines: list[bytes] = []

    def first_request(port: int, path: str) -> None:
        barrier.wait()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
                connection.sendall(f"GET {path} HTTP/1.1\r\nHost: sandbox\r\nConnection: close\r\n\r\n".encode())
                status_lines.append(connection.makefile("rb").readline())
        except OSError as error:
            status_lines.append(repr(error).encode())

    with sandbox("bitbybit") as server:
        path = server.order_url(ORDER["bitbybit"]).removeprefix(f"http://127.0.0.1:{server.port}")
        threads = [threading.Thread(target=first_request, args=(server.port, path)) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [line.split(b" ")[1] if line.startswith(b"HTTP/1.1 ") else line for line in status_lines] == [
        b"405"
    ] * clients


def test_percent_encoded_ids_are_decoded(server: SandboxServer) -> None:
    vendor = server.vendor
    odd_id = "ord 1/2?#%é"
    order = copy.deepcopy(server.orders[ORDER[vendor]])
    order["_id" if vendor == "salesive" else "id"] = odd_id
    server.orders[odd_id] = order
    response = put(server, odd_id, {NOTES[vendor]: "encoded"})
    assert response.status_code == 200
    assert server.orders[odd_id][NOTES[vendor]] == "encoded"
    recorded = server.requests[-1]
    assert recorded.raw_path.endswith("/orders/ord%201%2F2%3F%23%25%C3%A9")
    assert recorded.order_id == odd_id
    # An over-encoded id still names the same order.
    prefix = PREFIXES[vendor]
    underscore = ORDER[vendor].replace("_", "%5F")
    response = HTTP.put(
        f"http://127.0.0.1:{server.port}{prefix}/orders/{underscore}",
        json={NOTES[vendor]: "over-encoded"},
        headers=auth(server),
        timeout=TIMEOUT,
    )
    assert checked(vendor, response) and response.status_code == 200
    assert server.orders[ORDER[vendor]][NOTES[vendor]] == "over-encoded"


# -- updates -----------------------------------------------------------------------------------------------------


def test_bitbybit_applies_its_four_fields_and_answers_in_data() -> None:
    with sandbox("bitbybit") as server:
        body = {"status": "cancelled", "fulfillmentStatus": "fulfilled", "financialStatus": "refunded", "notes": "n"}
        response = put(server, ORDER["bitbybit"], body)
        assert response.status_code == 200
        order = order_of("bitbybit", response.json())
        assert {key: order[key] for key in body} == body
        assert set(response.json()) == {"data"}
        assert order == server.orders[ORDER["bitbybit"]]


def test_bitbybit_ignores_fields_its_schema_does_not_declare() -> None:
    with sandbox("bitbybit") as server:
        tags = list(server.orders[ORDER["bitbybit"]]["tags"])
        response = put(server, ORDER["bitbybit"], {"notes": "n", "tags": ["vip"]})
        assert response.status_code == 200
        assert server.orders[ORDER["bitbybit"]]["tags"] == tags
        assert server.requests[-1].ignored_fields == ("tags",)


def test_salesive_applies_its_whitelist_and_recomputes_the_total() -> None:
    with sandbox("salesive") as server:
        order_id = ORDER["salesive"]
        body = {"status": "cancelled", "notes": "Refund issued", "shippingCost": 2000, "discount": 980}
        response = put(server, order_id, body)
        assert response.status_code == 200
        envelope = response.json()
        assert {key: envelope[key] for key in ("status", "success", "message")} == {
            "status": 200,
            "success": True,
            "message": "Order updated",
        }
        order = envelope["data"]
        assert {key: order[key] for key in body} == body
        assert order["total"] == 49980 + 2000 + 0 - 980
        assert order == server.orders[order_id]


def test_salesive_total_is_exact_with_fractional_amounts() -> None:
    with sandbox("salesive") as server:
        order = order_of("salesive", put(server, ORDER["salesive"], {"shippingCost": 15.1, "discount": 0.2}).json())
        assert order["total"] == 49994.9  # 49980 + 15.1 - 0.2 in floats is 49994.899999999994


def test_salesive_ignores_unknown_fields_but_records_them() -> None:
    with sandbox("salesive") as server:
        order_id = ORDER["salesive"]
        before = copy.deepcopy(server.orders[order_id])
        body = {"notes": "kept", "shopId": "shop_1", "tags": ["vip"], "total": 1, "paymentStatus": "paid"}
        response = put(server, order_id, body)
        assert response.status_code == 200
        after = server.orders[order_id]
        assert after["notes"] == "kept"
        assert after["total"] == before["total"]
        assert "tags" not in after and "shopId" not in after and "paymentStatus" not in after
        recorded = server.requests[-1]
        assert recorded.json == body
        assert recorded.ignored_fields == ("shopId", "tags", "total", "paymentStatus")


def test_launchmystore_applies_its_fields() -> None:
    with sandbox("launchmystore") as server:
        body = {
            "note": "Leave at the door",
            "tags": ["gift"],
            "email": "john@example.org",
            "phone": "+13105550100",
            "shipping_address": {"address1": "1 Main St", "zip": "90002"},
            "billing_address": {"company": "Acme"},
            "note_attributes": [{"name": "source", "value": "phone"}],
        }
        order = order_of("launchmystore", put(server, "ord_abc123", body).json())
        assert order["note"] == "Leave at the door"
        assert order["tags"] == ["gift"]  # replaced, not merged with VIP and priority
        assert (order["email"], order["phone"]) == ("john@example.org", "+13105550100")
        assert order["shipping_address"] == {
            "first_name": "John",
            "last_name": "Doe",
            "address1": "1 Main St",
            "city": "Los Angeles",
            "province": "CA",
            "country": "US",
            "zip": "90002",
        }
        assert order["billing_address"]["company"] == "Acme"
        assert order["billing_address"]["first_name"] == "John"
        assert order["note_attributes"] == [{"name": "source", "value": "phone"}]
        assert (order["financial_status"], order["fulfillment_status"]) == ("paid", "unfulfilled")
        assert order == server.orders["ord_abc123"]


def test_launchmystore_tags_replace_the_existing_ones() -> None:
    with sandbox("launchmystore") as server:
        assert server.orders["ord_abc123"]["tags"] == ["VIP", "priority"]
        assert order_of("launchmystore", put(server, "ord_abc123", {"tags": ["new"]}).json())["tags"] == ["new"]
        assert order_of("launchmystore", put(server, "ord_abc123", {"tags": []}).json())["tags"] == []


def test_launchmystore_address_on_an_order_without_one() -> None:
    with sandbox("launchmystore") as server:
        assert server.orders["ord_def456"]["shipping_address"] is None
        order = order_of("launchmystore", put(server, "ord_def456", {"shipping_address": {"city": "Austin"}}).json())
        assert order["shipping_address"] == {"city": "Austin"}


def test_launchmystore_cancelled_order_is_closed() -> None:
    with sandbox("launchmystore") as server:
        before = copy.deepcopy(server.orders[LMS_CLOSED])
        response = put(server, LMS_CLOSED, {"note": "too late"})
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "ORDER_CLOSED"
        assert server.orders[LMS_CLOSED] == before
        server.orders["ord_abc123"]["status"] = "closed"  # a test can close an order itself
        assert put(server, "ord_abc123", {"note": "x"}).status_code == 409


def test_updated_at_advances_to_now(server: SandboxServer) -> None:
    vendor, field = server.vendor, UPDATED_AT[server.vendor]
    before = parse_time(server.orders[ORDER[vendor]][field])
    started = datetime.now(UTC)
    order = order_of(vendor, put(server, ORDER[vendor], {NOTES[vendor]: "a"}).json())
    after = parse_time(order[field])
    assert before < after
    assert started - timedelta(seconds=1) <= after <= datetime.now(UTC) + timedelta(seconds=1)
    again = parse_time(order_of(vendor, put(server, ORDER[vendor], {NOTES[vendor]: "b"}).json())[field])
    assert again > after  # strictly later even within the same millisecond or second
    pattern = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ" if vendor == "launchmystore" else r"\d{4}-\d\d-\d\dT[\d:]{8}\.\d{3}Z"
    assert re.fullmatch(pattern, order[field])


def test_every_documented_status_is_served_and_matches_the_spec() -> None:
    """Drive each vendor through every status its spec documents; put() checks each answer against the spec."""
    scenarios: dict[str, list[Callable[[SandboxServer], httpx.Response]]] = {
        "bitbybit": [
            lambda s: put(s, ORDER["bitbybit"], {"notes": "x"}),
            lambda s: put(s, "missing", {}),
        ],
        "salesive": [
            lambda s: put(s, ORDER["salesive"], {"notes": "x"}),
            lambda s: put(s, ORDER["salesive"], {}, headers={}),
            lambda s: put(s, "missing", {}),
        ],
        "launchmystore": [
            lambda s: put(s, "ord_abc123", {"note": "x"}),
            lambda s: put(s, "ord_abc123", {}, headers={}),
            lambda s: put(s, "missing", {}),
            lambda s: put(s, LMS_CLOSED, {}),
            lambda s: put(s, "ord_abc123", {"email": "x"}),
        ],
    }
    for vendor in VENDORS:
        with sandbox(vendor) as server:
            seen = {scenario(server).status_code for scenario in scenarios[vendor]}
        if vendor != "bitbybit":  # a token without the write scope (bitbybit keys have no scopes)
            with sandbox(vendor, scopes=set()) as server:
                seen.add(put(server, ORDER[vendor], {}).status_code)
        assert documented_statuses(vendor) <= seen, (vendor, seen)


def test_an_answer_that_would_break_the_spec_becomes_a_500() -> None:
    with sandbox("salesive") as server:
        server.orders[ORDER["salesive"]]["orderId"] = "not-an-integer"
        response = HTTP.put(server.order_url(ORDER["salesive"]), json={}, headers=auth(server), timeout=TIMEOUT)
        assert response.status_code == 500
        assert "would break the salesive spec" in response.json()["message"]
        assert "validate_responses=False" in response.json()["message"]
    with sandbox("salesive", validate_responses=False) as server:
        server.orders[ORDER["salesive"]]["orderId"] = "not-an-integer"
        response = HTTP.put(server.order_url(ORDER["salesive"]), json={}, headers=auth(server), timeout=TIMEOUT)
        assert response.status_code == 200


# -- recorded requests -------------------------------------------------------------------------------------------


def test_requests_record_what_arrived(server: SandboxServer) -> None:
    put(server, ORDER[server.vendor], {NOTES[server.vendor]: "hello"})
    (recorded,) = server.requests
    assert isinstance(recorded, RecordedRequest)
    assert recorded.method == "PUT"
    assert recorded.raw_path == f"{PREFIXES[server.vendor]}/orders/{ORDER[server.vendor]}"
    assert recorded.path == recorded.raw_path
    assert recorded.json == {NOTES[server.vendor]: "hello"}
    assert recorded.order_id == ORDER[server.vendor]
    header = "x-api-key" if server.vendor == "bitbybit" else "authorization"
    assert server.api_key in recorded.headers[header]
    server.clear_requests()
    assert server.requests == []


def test_concurrent_updates_are_all_served() -> None:
    with sandbox("salesive") as server:
        statuses: list[int] = []

        def update(index: int) -> None:
            response = HTTP.put(
                server.order_url(ORDER["salesive"]), json={"notes": f"n{index}"}, headers=auth(server), timeout=TIMEOUT
            )
            statuses.append(response.status_code)

        threads = [threading.Thread(target=update, args=(index,)) for index in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert statuses == [200] * 20
        assert len(server.requests) == 20
        assert server.orders[ORDER["salesive"]]["notes"] in {f"n{index}" for index in range(20)}


def test_keep_alive_connections_are_reused_and_closed_on_exit() -> None:
    server = sandbox("bitbybit").start()
    try:
        with httpx.Client(headers=auth(server), timeout=TIMEOUT) as client:
            for index in range(3):
                response = client.put(server.order_url(ORDER["bitbybit"]), json={"notes": str(index)})
                assert checked("bitbybit", response) and response.status_code == 200
            started = time.monotonic()
            server.close()  # with the client's idle connection still open
            assert time.monotonic() - started < 2
    finally:
        server.close()


# -- fault injection ---------------------------------------------------------------------------------------------


def test_fail_next_answers_n_requests_with_the_status_then_recovers(server: SandboxServer) -> None:
    server.fail_next(2, status=503, retry_after=7)
    for _ in range(2):
        response = put(server, ORDER[server.vendor], {NOTES[server.vendor]: "x"})
        assert response.status_code == 503
        assert response.headers["retry-after"] == "7"
    assert put(server, ORDER[server.vendor], {NOTES[server.vendor]: "x"}).status_code == 200
    assert len(server.requests) == 3


def test_fail_next_429_with_fractional_retry_after() -> None:
    with sandbox("salesive") as server:
        server.fail_next(1, status=429, retry_after=1.5)
        response = put(server, ORDER["salesive"], {"notes": "x"})
        assert (response.status_code, response.headers["retry-after"]) == (429, "1.5")
        assert response.json()["message"] == "Too Many Requests"


def test_fail_next_with_a_scripted_body() -> None:
    with sandbox("launchmystore") as server:
        server.fail_next(1, status=502, body=b"<html>Bad gateway</html>", content_type="text/html")
        server.fail_next(1, status=200, body={"unexpected": True})
        response = HTTP.put(server.order_url("ord_abc123"), json={}, headers=auth(server), timeout=TIMEOUT)
        assert (response.status_code, response.headers["content-type"]) == (502, "text/html")
        assert response.text == "<html>Bad gateway</html>"
        response = HTTP.put(server.order_url("ord_abc123"), json={}, headers=auth(server), timeout=TIMEOUT)
        assert (response.status_code, response.json()) == (200, {"unexpected": True})


def test_drop_next_closes_the_connection_without_an_answer(server: SandboxServer) -> None:
    server.drop_next(1)
    with pytest.raises(httpx.RemoteProtocolError):
        HTTP.put(server.order_url(ORDER[server.vendor]), json={}, headers=auth(server), timeout=TIMEOUT)
    assert len(server.requests) == 1  # it arrived
    assert put(server, ORDER[server.vendor], {}).status_code == 200


def test_faults_are_served_in_the_order_they_were_queued() -> None:
    with sandbox("bitbybit") as server:
        server.fail_next(1, status=500)
        server.drop_next(1)
        server.fail_next(1, status=504)
        assert put(server, ORDER["bitbybit"], {}).status_code == 500
        with pytest.raises(httpx.RemoteProtocolError):
            HTTP.put(server.order_url(ORDER["bitbybit"]), json={}, headers=auth(server), timeout=TIMEOUT)
        assert put(server, ORDER["bitbybit"], {}).status_code == 504
        server.fail_next(3)
        server.clear_faults()
        assert put(server, ORDER["bitbybit"], {}).status_code == 200


def test_latency_delays_every_answer() -> None:
    with sandbox("launchmystore", latency=0.2) as server:
        assert server.latency == 0.2
        started = time.monotonic()
        put(server, "ord_abc123", {})
        assert time.monotonic() - started >= 0.2
        server.latency = 0
        started = time.monotonic()
        put(server, "ord_abc123", {})
        assert time.monotonic() - started < 0.2


def test_latency_makes_a_client_time_out_and_close_does_not_wait_for_it() -> None:
    with sandbox("salesive") as server:
        server.latency = 30
        with pytest.raises(httpx.ReadTimeout):
            HTTP.put(server.order_url(ORDER["salesive"]), json={}, headers=auth(server), timeout=0.2)
        started = time.monotonic()
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.fail_next(0),
        lambda s: s.fail_next(True),
        lambda s: s.fail_next(1, status=99),
        lambda s: s.fail_next(1, status=600),
        lambda s: s.fail_next(1, retry_after=-1),
        lambda s: s.drop_next(-1),
        lambda s: setattr(s, "latency", -0.1),
        lambda s: setattr(s, "latency", float("nan")),
    ],
)
def test_fault_arguments_are_checked(call: Callable[[SandboxServer], None]) -> None:
    with pytest.raises(ValueError):
        call(sandbox("bitbybit"))


# -- async -------------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_async_with_and_an_async_client() -> None:
    async with sandbox("launchmystore") as server, httpx.AsyncClient(headers=auth(server), timeout=TIMEOUT) as client:
        response = await client.put(server.order_url("ord_abc123"), json={"note": "async"})
        assert checked("launchmystore", response) and response.status_code == 200
        server.fail_next(1, status=503)
        assert (await client.put(server.order_url("ord_abc123"), json={})).status_code == 503
    assert server.orders["ord_abc123"]["note"] == "async"


@pytest.mark.anyio
async def test_sync_with_inside_an_async_test() -> None:
    with sandbox("salesive") as server:
        async with httpx.AsyncClient(headers=auth(server), timeout=TIMEOUT) as client:
            response = await client.put(server.order_url(ORDER["salesive"]), json={"notes": "x"})
            assert response.status_code == 200


# -- pytest plugin -----------------------------------------------------------------------------------------------


def test_pytest_plugin_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makeconftest('pytest_plugins = ["storefronts.testing.pytest_plugin"]')
    pytester.makepyfile(
        """
        import pytest

        def test_named(bitbybit_sandbox, salesive_sandbox, launchmystore_sandbox):
            assert bitbybit_sandbox.vendor == "bitbybit"
            assert salesive_sandbox.api_key.startswith("app_")
            assert "ord_abc123" in launchmystore_sandbox.orders

        @pytest.mark.parametrize("storefront_sandbox", ["bitbybit", "salesive", "launchmystore"], indirect=True)
        def test_parametrized(storefront_sandbox):
            assert storefront_sandbox.base_url.startswith("http://127.0.0.1:")

        @pytest.mark.parametrize(
            "storefront_sandbox", [{"vendor": "salesive", "scopes": {"READ_ORDERS"}}], indirect=True
        )
        def test_with_arguments(storefront_sandbox):
            assert storefront_sandbox.scopes == {"READ_ORDERS"}

        def test_without_a_vendor(storefront_sandbox):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=5, errors=1)
    result.stdout.fnmatch_lines(["*storefront_sandbox needs a vendor*"])
