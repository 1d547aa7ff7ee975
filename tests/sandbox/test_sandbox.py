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
from collections.abc import Callable, Iterable, Iterator, Mapping
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
from tests.vendors import VendorTable, table

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "wrappers" / "storefronts" / "testing"
# The sandbox's own machinery (faults, latency, lifecycle) is shared by every vendor: where a test of it costs
# real time, one vendor stands for all.
ANY_VENDOR = VENDORS[0]
SEED_ORDERS = 3
"""Orders every sandbox starts with (a vendor's table names the ones its tests need)."""
TIMEOUT = httpx.Timeout(10.0)
# One client for the module: building an httpx client (its TLS context) takes ~40 ms, a loopback request ~2 ms.
HTTP = httpx.Client(timeout=TIMEOUT)


def cases(items: Callable[[VendorTable], Iterable[Any]]) -> list[Any]:
    """One pytest param per (vendor, item) over every vendor's table, with readable ids."""
    return [
        pytest.param(vendor, item, id=f"{vendor}-{index}")
        for vendor in VENDORS
        for index, item in enumerate(items(table(vendor)))
    ]


def the_order(vendor: str) -> str:
    return table(vendor).sandbox_order_id


def notes(vendor: str, value: str) -> dict[str, str]:
    """A valid body changing the order's notes."""
    return {table(vendor).notes_field: value}


# -- the vendors' specs, read independently of the sandbox ------------------------------------------------------


@functools.cache
def spec(vendor: str) -> dict[str, Any]:
    document: dict[str, Any] = YAML(typ="safe", pure=True).load(table(vendor).spec_path.read_text("utf-8"))
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
    """The spec's schema for ``status``; for an undocumented status, the vendor's error format (its table's)."""
    responses = spec(vendor)["paths"]["/orders/{id}"]["put"]["responses"]
    if str(status) in responses:
        response = responses[str(status)]
        pointer = response.get("$ref", f"#/paths/~1orders~1{{id}}/put/responses/{status}")
        return {"$ref": f"{pointer}/content/application~1json/schema"}
    schema = table(vendor).error_schema
    assert schema is not None, f"tests/vendors/{vendor}.py declares no error_schema"
    return dict(schema)


def checked(vendor: str, response: httpx.Response) -> Any:
    """``response``'s JSON body, after asserting it is what the vendor's spec says for its status."""
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    errors = spec_errors(vendor, response_schema(vendor, response.status_code), body)
    assert not errors, f"{vendor} {response.status_code} breaks the spec: {errors}\n{body}"
    if response.status_code >= 400:
        assert_error_format(vendor, response.status_code, body)
    return body


def _builds(expected: Any, actual: Any, extras: frozenset[str]) -> bool:
    """Whether ``actual`` is ``expected`` with, at most, members named in ``extras`` added to its objects."""
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and set(actual) - set(expected) <= extras
            and all(key in actual and _builds(value, actual[key], extras) for key, value in expected.items())
        )
    return type(expected) is type(actual) and bool(expected == actual)


def assert_error_format(vendor: str, status: int, body: Any) -> None:
    """The parts of each vendor's error format that its schemas leave optional: the body is what the vendor's
    table builds for its own code and message (plus the members the format may add), and the message says
    something."""
    entry = table(vendor)
    code, message = entry.read_error(body)
    assert isinstance(message, str) and message, body
    assert (code is not None) == entry.coded_errors, body
    assert _builds(entry.error(status, code, message), body, entry.error_extras), body


def error_code(vendor: str, body: Any) -> str | None:
    return table(vendor).read_error(body)[0]


def error_message(vendor: str, body: Any) -> str:
    return table(vendor).read_error(body)[1]


def order_of(vendor: str, body: Any) -> dict[str, Any]:
    return dict(table(vendor).order_of(body))


def at(order: Mapping[str, Any], path: str) -> Any:
    """``order``'s member at a dotted ``path`` (``billing_address.company``)."""
    value: Any = order
    for part in path.split("."):
        value = value[part]
    return value


# -- talking to a sandbox ---------------------------------------------------------------------------------------


def auth(server: SandboxServer) -> dict[str, str]:
    return table(server.vendor).credential_headers(server.api_key)


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
            # served; declared_class: finding the one class a module declares. None knows how a vendor is spoken to.
            assert module.startswith("storefronts.testing") or module in {
                "storefronts._waits",
                "storefronts._types.Vendor",
                "storefronts._declared.declared_class",
            }, f"{path.name} imports {module}"


def test_imports_without_the_testing_extra_and_says_what_to_install() -> None:
    code = (
        "import sys\n"
        "for name in ('jsonschema', 'referencing', 'ruamel', 'ruamel.yaml'): sys.modules[name] = None\n"
        "import storefronts.testing, storefronts.testing.pytest_plugin\n"
        f"for vendor in {list(VENDORS)!r}:\n"
        "    try:\n"
        "        storefronts.testing.sandbox(vendor)\n"
        "    except ImportError as exc:\n"
        "        print(exc)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.count("pip install 'storefront-clients[testing]'") == len(VENDORS), result


@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize("module", ["jsonschema", "ruamel.yaml"])
def test_sandbox_raises_import_error_naming_the_extra(
    monkeypatch: pytest.MonkeyPatch, module: str, vendor: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ImportError, match=re.escape("pip install 'storefront-clients[testing]'")):
        sandbox(vendor)


@pytest.mark.parametrize("vendor", VENDORS)
def test_spec_file_prefers_the_wheel_copy_then_the_repository(tmp_path: Path, vendor: str) -> None:
    from storefronts.testing import _specs

    registered = table(vendor).spec
    if registered is not None:
        assert Path(str(_specs.spec_file(vendor))) == registered
        pytest.skip(f"{vendor}'s spec is registered with its sandbox ({registered.name}), not looked for in the wheel")
    here = Path(_specs.__file__).resolve()
    bundled = tmp_path / "_specs"
    assert Path(str(_specs.spec_file(vendor, bundled=bundled, here=here))) == ROOT / "specs" / f"{vendor}.yaml"
    bundled.mkdir()
    (bundled / f"{vendor}.yaml").write_text("openapi: 3.1.0\n", "utf-8")
    assert Path(str(_specs.spec_file(vendor, bundled=bundled, here=here))) == bundled / f"{vendor}.yaml"
    with pytest.raises(FileNotFoundError, match=f"no spec for '{vendor}'"):
        _specs.spec_file(vendor, bundled=tmp_path / "missing", here=tmp_path / "a" / "b.py")
    assert _specs.load_spec(vendor) is _specs.load_spec(vendor)  # loaded once per process


# -- lifecycle, identity, seeds ----------------------------------------------------------------------------------


def test_base_url_is_loopback_with_the_vendors_path_prefix(server: SandboxServer) -> None:
    prefix = table(server.vendor).path_prefix
    assert re.fullmatch(rf"http://127\.0\.0\.1:\d+{re.escape(prefix)}", server.base_url)
    assert server.order_url("a/b c") == f"{server.base_url}/orders/a%2Fb%20c"
    assert server.api_key not in repr(server)


@pytest.mark.parametrize("vendor", VENDORS)
def test_base_url_needs_a_running_server(vendor: str) -> None:
    server = sandbox(vendor)
    with pytest.raises(RuntimeError, match="not running"):
        _ = server.base_url
    with server:
        assert server.port > 0
        with pytest.raises(RuntimeError, match="already running"):
            server.start()
    server.close()  # closing twice is harmless


@pytest.mark.parametrize("vendor", VENDORS)
def test_two_sandboxes_get_different_ports_and_keys(vendor: str) -> None:
    with sandbox(vendor) as first, sandbox(vendor) as second:
        assert first.port != second.port
        assert first.api_key != second.api_key


@pytest.mark.parametrize("vendor", VENDORS)
def test_credentials_have_the_documented_prefix(vendor: str) -> None:
    prefix = table(vendor).token_prefix
    if prefix is None:
        pytest.skip(f"{vendor}'s docs give its credentials no prefix")
    assert sandbox(vendor).api_key.startswith(prefix)
    assert sandbox(vendor, api_key=f"{prefix}fixed").api_key == f"{prefix}fixed"
    wrong = "sk_live_123"
    assert not wrong.startswith(prefix)
    with pytest.raises(ValueError, match=re.escape(f"start with {prefix!r}")):
        sandbox(vendor, api_key=wrong)


@pytest.mark.parametrize("vendor", VENDORS)
def test_keys_without_scopes_refuse_scopes(vendor: str) -> None:
    if table(vendor).scopes is not None:
        pytest.skip(f"{vendor}'s credentials carry scopes")
    with pytest.raises(ValueError, match="no scopes"):
        sandbox(vendor, scopes={"write"})
    assert sandbox(vendor).scopes == frozenset()


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_new_credential_holds_the_documented_scopes(vendor: str) -> None:
    entry = table(vendor)
    if entry.scopes is None:
        pytest.skip(f"{vendor}'s credentials carry no scopes")
    assert entry.write_scope in entry.scopes
    assert entry.scopes <= sandbox(vendor).scopes


@pytest.mark.parametrize("vendor", VENDORS)
def test_vendor_may_be_an_enum_member_or_anything_with_a_value(vendor: str) -> None:
    member = next(iter(enum.StrEnum("LocalVendor", [("MEMBER", vendor)])))

    class Named:
        value = vendor

    assert sandbox(member).vendor == vendor
    assert sandbox(Named()).vendor == vendor
    assert sandbox(vendor.upper()).vendor == vendor
    with pytest.raises(ValueError, match="unknown vendor 'shopify'"):
        sandbox("shopify")
    with pytest.raises(TypeError):
        sandbox(42)  # type: ignore[arg-type]


def test_seed_orders_are_realistic_and_valid_against_the_spec(server: SandboxServer) -> None:
    vendor, entry = server.vendor, table(server.vendor)
    assert len(server.orders) == SEED_ORDERS
    assert entry.sandbox_order_id in server.orders
    for order_id, order in server.orders.items():
        assert re.fullmatch(entry.order_id_pattern, order_id)
        assert order[entry.order_id_field] == entry.order_id_value(order_id)
        assert not spec_errors(vendor, component(entry.order_schema), order)
    with sandbox(vendor) as other:  # every sandbox starts from fresh copies
        other.orders[entry.sandbox_order_id][entry.notes_field] = "changed"
        assert server.orders[entry.sandbox_order_id][entry.notes_field] != "changed"


@pytest.mark.parametrize("vendor", VENDORS)
def test_seed_orders_come_from_the_documented_examples(vendor: str) -> None:
    answer = spec(vendor)["paths"]["/orders/{id}"]["put"]["responses"]["200"]["content"]["application/json"]
    if "example" not in answer:
        pytest.skip(f"{vendor}'s spec documents no example order")
    documented = table(vendor).order_of(answer["example"])
    with sandbox(vendor) as server:
        seed = server.orders[table(vendor).sandbox_order_id]
        assert {key: seed[key] for key in documented} == documented


@pytest.mark.parametrize("vendor", VENDORS)
def test_seeds_include_a_closed_order(vendor: str) -> None:
    closed = table(vendor).closed_orders
    if closed is None:
        pytest.skip(f"{vendor} updates any order it has")
    with sandbox(vendor) as server:
        assert server.orders[closed.order_id][closed.status_field] in closed.values
        assert table(vendor).sandbox_order_id in server.orders


# -- authentication and scopes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("vendor", "refused"), cases(lambda entry: entry.bad_credentials))
def test_missing_or_wrong_credentials_get_401_in_the_vendors_format(vendor: str, refused: Any) -> None:
    with sandbox(vendor) as server:
        before = copy.deepcopy(server.orders)
        sent = {name: value.format(key=server.api_key) for name, value in refused.headers.items()}
        response = put(server, the_order(vendor), notes(vendor, "x"), headers=sent)
        assert response.status_code == 401
        assert error_code(vendor, response.json()) == refused.code
        if refused.message is not None:
            assert error_message(vendor, response.json()) == refused.message
        assert server.orders == before


def test_every_vendor_refuses_no_credential_a_wrong_one_and_the_right_one_sent_wrongly() -> None:
    for vendor in VENDORS:
        sent = [dict(refused.headers) for refused in table(vendor).bad_credentials]
        assert {} in sent, vendor
        assert any("{key}" not in "".join(headers.values()) for headers in sent if headers), vendor
        assert any("{key}" in "".join(headers.values()) for headers in sent), vendor


@pytest.mark.parametrize("vendor", VENDORS)
def test_bearer_scheme_is_case_insensitive(vendor: str) -> None:
    entry = table(vendor)
    if entry.auth_scheme is None:
        pytest.skip(f"{vendor} sends its key bare in {entry.auth_header}")
    with sandbox(vendor) as server:
        for scheme in (entry.auth_scheme.lower(), entry.auth_scheme.upper()):
            headers = {entry.auth_header: f"{scheme} {entry.credential_token(server.api_key)}"}
            assert put(server, the_order(vendor), notes(vendor, "x"), headers=headers).status_code == 200


@pytest.mark.parametrize("vendor", VENDORS)
def test_credentials_are_checked_before_the_body(vendor: str) -> None:
    invalid, _ = table(vendor).invalid_bodies[0]
    with sandbox(vendor) as server:
        assert put(server, the_order(vendor), invalid, headers={}).status_code == 401
        assert put(server, the_order(vendor), content=b"{not json", headers={}).status_code == 401


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_credential_without_the_write_scope_gets_403(vendor: str) -> None:
    entry = table(vendor)
    if entry.write_scope is None or entry.forbidden is None:
        pytest.skip(f"any valid {vendor} credential may update")
    others = sandbox(vendor).scopes - {entry.write_scope}
    without: tuple[frozenset[str], ...] = (others, frozenset())
    for scopes in without:
        with sandbox(vendor, scopes=scopes) as server:
            before = copy.deepcopy(server.orders)
            response = put(server, the_order(vendor), notes(vendor, "x"))
            assert response.status_code == 403
            assert response.json() == entry.error(403, *entry.forbidden)
            assert server.orders == before


# -- validation --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("vendor", "invalid"), cases(lambda entry: entry.invalid_bodies))
def test_bodies_the_spec_rejects_get_the_vendors_validation_error(vendor: str, invalid: tuple[Any, str]) -> None:
    body, field = invalid
    entry = table(vendor)
    with sandbox(vendor) as server:
        before = copy.deepcopy(server.orders)
        response = put(server, the_order(vendor), body)
        assert response.status_code == entry.validation_status
        payload = response.json()
        assert error_code(vendor, payload) == entry.validation_code
        if entry.problem_fields is not None:
            assert field in entry.problem_fields(payload)
        else:
            assert field in error_message(vendor, payload)
        assert server.orders == before


@pytest.mark.parametrize("vendor", VENDORS)
def test_validation_errors_match_the_documented_example(vendor: str) -> None:
    documented = table(vendor).documented_validation
    if documented is None:
        pytest.skip(f"{vendor}'s docs show no validation error in full")
    body, answer = documented
    with sandbox(vendor) as server:
        response = put(server, the_order(vendor), body)
        assert response.status_code == table(vendor).validation_status
        assert response.json() == answer


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
    response = put(server, the_order(server.vendor), content=content, headers=headers)
    assert response.status_code == table(server.vendor).validation_status


# -- routing -----------------------------------------------------------------------------------------------------


def test_unknown_order_gets_404_in_the_vendors_format(server: SandboxServer) -> None:
    response = put(server, "ord_doesnotexist", {})
    assert response.status_code == 404
    assert response.json() == table(server.vendor).not_found_body()


@pytest.mark.parametrize("path", ["/orders/{order}", "{prefix}/orders", "{prefix}/orders/", "{prefix}/orders/a/b"])
def test_other_paths_get_404_json(server: SandboxServer, path: str) -> None:
    entry = table(server.vendor)
    if not entry.path_prefix and path == "/orders/{order}":
        pytest.skip(f"{server.vendor} serves its orders at the root")
    url = f"http://127.0.0.1:{server.port}{path.format(prefix=entry.path_prefix, order=entry.sandbox_order_id)}"
    response = HTTP.put(url, json={}, headers=auth(server), timeout=TIMEOUT)
    assert response.status_code == 404
    checked(server.vendor, response)


@pytest.mark.parametrize("method", ["GET", "POST", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "BREW"])
def test_methods_the_spec_does_not_declare_get_405_with_allow_in_the_vendors_format(
    server: SandboxServer, method: str
) -> None:
    # TRACE, WebDAV's PROPFIND and a made-up method have no do_<METHOD> in http.server: without the shared
    # handler's dispatch they got the standard library's 501 HTML page, which no vendor sends
    vendor = server.vendor
    response = HTTP.request(method, server.order_url(the_order(vendor)), headers=auth(server), timeout=TIMEOUT)
    assert response.status_code == 405
    assert response.headers["allow"] == "PUT"
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert method in error_message(vendor, body)
    if table(vendor).coded_errors:
        assert error_code(vendor, body) == table(vendor).method_not_allowed_code
    checked(vendor, response)


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

    with sandbox(ANY_VENDOR) as server:
        path = server.order_url(the_order(ANY_VENDOR)).removeprefix(f"http://127.0.0.1:{server.port}")
        threads = [threading.Thread(target=first_request, args=(server.port, path)) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [line.split(b" ")[1] if line.startswith(b"HTTP/1.1 ") else line for line in status_lines] == [
        b"405"
    ] * clients


def test_percent_encoded_ids_are_decoded(server: SandboxServer) -> None:
    vendor, entry = server.vendor, table(server.vendor)
    if entry.odd_order_id is None:
        pytest.skip(f"{vendor}'s order ids are too plain to hold the URL's reserved characters")
    odd_id = "ord 1/2?#%é"
    order = copy.deepcopy(server.orders[entry.sandbox_order_id])
    order[entry.order_id_field] = odd_id
    server.orders[odd_id] = order
    response = put(server, odd_id, notes(vendor, "encoded"))
    assert response.status_code == 200
    assert server.orders[odd_id][entry.notes_field] == "encoded"
    recorded = server.requests[-1]
    assert recorded.raw_path.endswith("/orders/ord%201%2F2%3F%23%25%C3%A9")
    assert recorded.order_id == odd_id


def test_an_over_encoded_id_names_the_same_order(server: SandboxServer) -> None:
    vendor, entry = server.vendor, table(server.vendor)
    # An over-encoded id (its first character percent-encoded, which no client needs to do) names the same order.
    seed = entry.sandbox_order_id
    over_encoded = f"%{ord(seed[0]):02X}{seed[1:]}"
    response = HTTP.put(
        f"http://127.0.0.1:{server.port}{entry.path_prefix}/orders/{over_encoded}",
        json=notes(vendor, "over-encoded"),
        headers=auth(server),
        timeout=TIMEOUT,
    )
    assert checked(vendor, response) and response.status_code == 200
    assert server.orders[seed][entry.notes_field] == "over-encoded"


# -- updates -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("vendor", "case"), cases(lambda entry: entry.updates))
def test_updates_are_applied_as_the_vendor_documents_and_answered_in_its_envelope(vendor: str, case: Any) -> None:
    entry = table(vendor)
    order_id = case.order_id or entry.sandbox_order_id
    with sandbox(vendor) as server:
        for path, value in case.before.items():
            assert at(server.orders[order_id], path) == value, (path, "before")
        response = put(server, order_id, case.body)
        assert response.status_code == 200
        order = order_of(vendor, response.json())
        for path, value in case.after.items():
            assert at(order, path) == value, path
        assert response.json() == entry.success(order)  # the vendor's envelope, nothing more
        assert order == server.orders[order_id]
        assert server.requests[-1].ignored_fields == ()


def test_every_vendor_updates_each_field_its_spec_declares() -> None:
    """The update cases together send every field of each vendor's request schema (so none goes untested)."""
    for vendor in VENDORS:
        request = spec(vendor)["paths"]["/orders/{id}"]["put"]["requestBody"]["content"]["application/json"]
        schema = request["schema"]
        if "$ref" in schema:
            schema = spec(vendor)["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        sent = {name for case in table(vendor).updates for name in case.body}
        assert sent == set(schema["properties"]), vendor


@pytest.mark.parametrize("vendor", VENDORS)
def test_fields_the_schema_does_not_declare_are_ignored_but_recorded(vendor: str) -> None:
    ignoring = table(vendor).ignored_fields
    if ignoring is None:
        pytest.skip(f"{vendor} rejects fields its schema does not declare (see the validation cases)")
    missing = object()
    with sandbox(vendor) as server:
        order_id = the_order(vendor)
        before = copy.deepcopy(server.orders[order_id])
        response = put(server, order_id, ignoring.body)
        assert response.status_code == 200
        after = server.orders[order_id]
        for name, value in ignoring.body.items():
            if name in ignoring.ignored:
                assert after.get(name, missing) == before.get(name, missing), name
            else:
                assert after[name] == value, name
        recorded = server.requests[-1]
        assert recorded.json == ignoring.body
        assert recorded.ignored_fields == ignoring.ignored


@pytest.mark.parametrize("vendor", VENDORS)
def test_closed_orders_are_refused(vendor: str) -> None:
    entry = table(vendor)
    closed = entry.closed_orders
    if closed is None:
        pytest.skip(f"{vendor} updates any order it has")
    with sandbox(vendor) as server:
        before = copy.deepcopy(server.orders[closed.order_id])
        response = put(server, closed.order_id, notes(vendor, "too late"))
        assert response.status_code == closed.status
        assert error_code(vendor, response.json()) == closed.code
        assert server.orders[closed.order_id] == before
        for value in sorted(closed.values):  # a test can close an order itself
            server.orders[entry.sandbox_order_id][closed.status_field] = value
            assert put(server, entry.sandbox_order_id, notes(vendor, "x")).status_code == closed.status


def test_updated_at_advances_to_now(server: SandboxServer) -> None:
    vendor, entry = server.vendor, table(server.vendor)
    field = entry.updated_at_field
    if field is None:
        pytest.skip(f"{vendor} orders record no update time")
    before = parse_time(server.orders[entry.sandbox_order_id][field])
    started = datetime.now(UTC)
    order = order_of(vendor, put(server, entry.sandbox_order_id, notes(vendor, "a")).json())
    after = parse_time(order[field])
    assert before < after
    assert started - timedelta(seconds=1) <= after <= datetime.now(UTC) + timedelta(seconds=1)
    again = parse_time(order_of(vendor, put(server, entry.sandbox_order_id, notes(vendor, "b")).json())[field])
    assert again > after  # strictly later even within the same millisecond or second
    assert re.fullmatch(entry.updated_at_format, order[field])


def _scenarios(vendor: str) -> list[Callable[[SandboxServer], httpx.Response]]:
    """A request for each answer the vendor's table says it gives."""
    entry = table(vendor)
    order_id = entry.sandbox_order_id
    scenarios: list[Callable[[SandboxServer], httpx.Response]] = [
        lambda s: put(s, order_id, notes(vendor, "x")),
        lambda s: put(s, order_id, {}, headers={}),
        lambda s: put(s, "missing", {}),
        lambda s: put(s, order_id, entry.invalid_bodies[0][0]),
    ]
    if entry.closed_orders is not None:
        closed = entry.closed_orders.order_id
        scenarios.append(lambda s: put(s, closed, {}))
    return scenarios


@pytest.mark.parametrize("vendor", VENDORS)
def test_every_documented_status_is_served_and_matches_the_spec(vendor: str) -> None:
    """Drive the vendor through every status its spec documents; put() checks each answer against the spec."""
    with sandbox(vendor) as server:
        seen = {scenario(server).status_code for scenario in _scenarios(vendor)}
    if table(vendor).write_scope is not None:  # a credential without the write scope
        with sandbox(vendor, scopes=set()) as server:
            seen.add(put(server, the_order(vendor), {}).status_code)
    assert documented_statuses(vendor) <= seen, (vendor, seen)


@pytest.mark.parametrize("vendor", VENDORS)
def test_an_answer_that_would_break_the_spec_becomes_a_500(vendor: str) -> None:
    entry = table(vendor)
    assert entry.spec_breaking is not None, f"tests/vendors/{vendor}.py declares no spec_breaking"
    field, value = entry.spec_breaking
    with sandbox(vendor) as server:
        server.orders[entry.sandbox_order_id][field] = value
        response = HTTP.put(server.order_url(entry.sandbox_order_id), json={}, headers=auth(server), timeout=TIMEOUT)
        assert response.status_code == 500
        assert f"would break the {vendor} spec" in error_message(vendor, response.json())
        assert "validate_responses=False" in error_message(vendor, response.json())
    with sandbox(vendor, validate_responses=False) as server:
        server.orders[entry.sandbox_order_id][field] = value
        response = HTTP.put(server.order_url(entry.sandbox_order_id), json={}, headers=auth(server), timeout=TIMEOUT)
        assert response.status_code == 200


# -- recorded requests -------------------------------------------------------------------------------------------


def test_requests_record_what_arrived(server: SandboxServer) -> None:
    entry = table(server.vendor)
    put(server, entry.sandbox_order_id, notes(server.vendor, "hello"))
    (recorded,) = server.requests
    assert isinstance(recorded, RecordedRequest)
    assert recorded.method == "PUT"
    assert recorded.raw_path == f"{entry.path_prefix}/orders/{entry.sandbox_order_id}"
    assert recorded.path == recorded.raw_path
    assert recorded.json == notes(server.vendor, "hello")
    assert recorded.order_id == entry.sandbox_order_id
    assert recorded.headers[entry.auth_header.lower()] == auth(server)[entry.auth_header]
    server.clear_requests()
    assert server.requests == []


def test_concurrent_updates_are_all_served(server: SandboxServer) -> None:
    vendor = server.vendor
    statuses: list[int] = []

    def update(index: int) -> None:
        response = HTTP.put(
            server.order_url(the_order(vendor)), json=notes(vendor, f"n{index}"), headers=auth(server), timeout=TIMEOUT
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=update, args=(index,)) for index in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 20
    assert len(server.requests) == 20
    assert server.orders[the_order(vendor)][table(vendor).notes_field] in {f"n{index}" for index in range(20)}


@pytest.mark.parametrize("vendor", VENDORS)
def test_keep_alive_connections_are_reused_and_closed_on_exit(vendor: str) -> None:
    server = sandbox(vendor).start()
    try:
        with httpx.Client(headers=auth(server), timeout=TIMEOUT) as client:
            for index in range(3):
                response = client.put(server.order_url(the_order(vendor)), json=notes(vendor, str(index)))
                assert checked(vendor, response) and response.status_code == 200
            started = time.monotonic()
            server.close()  # with the client's idle connection still open
            assert time.monotonic() - started < 2
    finally:
        server.close()


# -- fault injection ---------------------------------------------------------------------------------------------


def test_fail_next_answers_n_requests_with_the_status_then_recovers(server: SandboxServer) -> None:
    vendor = server.vendor
    server.fail_next(2, status=503, retry_after=7)
    for _ in range(2):
        response = put(server, the_order(vendor), notes(vendor, "x"))
        assert response.status_code == 503
        assert response.headers["retry-after"] == "7"
    assert put(server, the_order(vendor), notes(vendor, "x")).status_code == 200
    assert len(server.requests) == 3


def test_fail_next_429_with_fractional_retry_after(server: SandboxServer) -> None:
    vendor = server.vendor
    server.fail_next(1, status=429, retry_after=1.5)
    response = put(server, the_order(vendor), notes(vendor, "x"))
    assert (response.status_code, response.headers["retry-after"]) == (429, "1.5")
    assert error_message(vendor, response.json()) == "Too Many Requests"


def test_fail_next_with_a_scripted_body(server: SandboxServer) -> None:
    server.fail_next(1, status=502, body=b"<html>Bad gateway</html>", content_type="text/html")
    server.fail_next(1, status=200, body={"unexpected": True})
    url = server.order_url(the_order(server.vendor))
    response = HTTP.put(url, json={}, headers=auth(server), timeout=TIMEOUT)
    assert (response.status_code, response.headers["content-type"]) == (502, "text/html")
    assert response.text == "<html>Bad gateway</html>"
    response = HTTP.put(url, json={}, headers=auth(server), timeout=TIMEOUT)
    assert (response.status_code, response.json()) == (200, {"unexpected": True})


def test_drop_next_closes_the_connection_without_an_answer(server: SandboxServer) -> None:
    server.drop_next(1)
    with pytest.raises(httpx.RemoteProtocolError):
        HTTP.put(server.order_url(the_order(server.vendor)), json={}, headers=auth(server), timeout=TIMEOUT)
    assert len(server.requests) == 1  # it arrived
    assert put(server, the_order(server.vendor), {}).status_code == 200


def test_faults_are_served_in_the_order_they_were_queued(server: SandboxServer) -> None:
    order_id = the_order(server.vendor)
    server.fail_next(1, status=500)
    server.drop_next(1)
    server.fail_next(1, status=504)
    assert put(server, order_id, {}).status_code == 500
    with pytest.raises(httpx.RemoteProtocolError):
        HTTP.put(server.order_url(order_id), json={}, headers=auth(server), timeout=TIMEOUT)
    assert put(server, order_id, {}).status_code == 504
    server.fail_next(3)
    server.clear_faults()
    assert put(server, order_id, {}).status_code == 200


def test_latency_delays_every_answer() -> None:
    with sandbox(ANY_VENDOR, latency=0.2) as server:
        assert server.latency == 0.2
        started = time.monotonic()
        put(server, the_order(ANY_VENDOR), {})
        assert time.monotonic() - started >= 0.2
        server.latency = 0
        started = time.monotonic()
        put(server, the_order(ANY_VENDOR), {})
        assert time.monotonic() - started < 0.2


def test_latency_makes_a_client_time_out_and_close_does_not_wait_for_it() -> None:
    with sandbox(ANY_VENDOR) as server:
        server.latency = 30
        with pytest.raises(httpx.ReadTimeout):
            HTTP.put(server.order_url(the_order(ANY_VENDOR)), json={}, headers=auth(server), timeout=0.2)
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
    for vendor in VENDORS:
        with pytest.raises(ValueError):
            call(sandbox(vendor))


# -- async -------------------------------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", VENDORS)
async def test_async_with_and_an_async_client(vendor: str) -> None:
    order_id = the_order(vendor)
    async with sandbox(vendor) as server, httpx.AsyncClient(headers=auth(server), timeout=TIMEOUT) as client:
        response = await client.put(server.order_url(order_id), json=notes(vendor, "async"))
        assert checked(vendor, response) and response.status_code == 200
        server.fail_next(1, status=503)
        assert (await client.put(server.order_url(order_id), json={})).status_code == 503
    assert server.orders[order_id][table(vendor).notes_field] == "async"


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", VENDORS)
async def test_sync_with_inside_an_async_test(vendor: str) -> None:
    with sandbox(vendor) as server:
        async with httpx.AsyncClient(headers=auth(server), timeout=TIMEOUT) as client:
            response = await client.put(server.order_url(the_order(vendor)), json=notes(vendor, "x"))
            assert response.status_code == 200


# -- pytest plugin -----------------------------------------------------------------------------------------------


def _plugin_tests() -> tuple[str, int]:
    """A test module using the plugin's fixtures for every vendor, and how many of its tests pass."""
    lines = ["import pytest", ""]
    for vendor in VENDORS:
        entry = table(vendor)
        lines += [
            f"def test_named_{vendor}({vendor}_sandbox):",
            f"    assert {vendor}_sandbox.vendor == {vendor!r}",
            f"    assert {entry.sandbox_order_id!r} in {vendor}_sandbox.orders",
            f"    assert {vendor}_sandbox.api_key.startswith({entry.token_prefix or ''!r})",
            "",
        ]
    lines += [
        f'@pytest.mark.parametrize("storefront_sandbox", {list(VENDORS)!r}, indirect=True)',
        "def test_parametrized(storefront_sandbox):",
        '    assert storefront_sandbox.base_url.startswith("http://127.0.0.1:")',
        "",
        "def test_without_a_vendor(storefront_sandbox):",
        "    pass",
        "",
    ]
    passed = 2 * len(VENDORS)
    scoped = [vendor for vendor in VENDORS if table(vendor).write_scope is not None]
    if scoped:
        vendor, scopes = scoped[0], {"some_other_scope"}
        lines += [
            "@pytest.mark.parametrize(",
            f'    "storefront_sandbox", [{{"vendor": {vendor!r}, "scopes": {scopes!r}}}], indirect=True',
            ")",
            "def test_with_arguments(storefront_sandbox):",
            f"    assert storefront_sandbox.scopes == {scopes!r}",
            "",
        ]
        passed += 1
    return "\n".join(lines), passed


def test_pytest_plugin_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makeconftest('pytest_plugins = ["storefronts.testing.pytest_plugin"]')
    module, passed = _plugin_tests()
    pytester.makepyfile(module)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=passed, errors=1)
    result.stdout.fnmatch_lines(["*storefront_sandbox needs a vendor*"])
