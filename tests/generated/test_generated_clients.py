"""Each vendor's generated client against a real HTTP server on 127.0.0.1, as the vendor's table
(``tests/vendors/<vendor>.py``, its ``generated`` part) describes it.

What arrives at the server (method, raw path, auth header, JSON body) and what the client makes of what comes back:
the vendor's documented example, the nulls its spec allows, and what vendors send that their specs do not allow
(lenient parsing), for the sync and the async call alike. Documented examples are read from ``specs/``, so a new
vendor release is tested against its own documentation.
"""

from __future__ import annotations

import copy
import datetime
import enum
import functools
import importlib
import json
import math
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from ruamel.yaml import YAML

from generator._generate import GENERATED_DEFAULT_CONNECT_TIMEOUT_S, GENERATED_DEFAULT_TIMEOUT_S
from generator.transforms import normalise
from tests.support.loopback import LoopbackServer, Reply
from tests.support.vendors import VENDORS
from tests.vendors import table
from tests.vendors._generated_client import GeneratedClient, JsonPath

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "sk_live_s3cr3t-T0KEN-value"  # distinctive enough that finding it in a repr is never a coincidence
ORDER_ID = "ord_1"
MODES = ("sync", "async")


def _load_spec(vendor: str) -> dict[str, Any]:
    """A fresh copy of the vendor's spec (tests may change it: the parsed file is cached, the copy is theirs)."""
    return copy.deepcopy(_parsed_spec(vendor))


@functools.cache
def _parsed_spec(vendor: str) -> dict[str, Any]:
    spec: dict[str, Any] = YAML(typ="safe", pure=True).load(table(vendor).spec_path.read_text("utf-8"))
    return spec


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _documented_example(vendor: str, status: str) -> dict[str, Any]:
    """The ``example`` of the vendor's ``PUT /orders/{id}`` response with this status, as its spec gives it."""
    spec = _load_spec(vendor)
    response = _resolve(spec, spec["paths"]["/orders/{id}"]["put"]["responses"][status])
    example: dict[str, Any] = response["content"]["application/json"]["example"]
    return example


@dataclass(frozen=True)
class Subject:
    """One vendor's generated client, as its table describes it (:class:`GeneratedClient`), ready to call."""

    name: str
    expect: GeneratedClient

    @property
    def auth_header(self) -> str:
        return self.expect.auth_header

    @property
    def auth_value(self) -> str:
        return self.expect.auth_value(TOKEN)

    @functools.cached_property
    def example_200(self) -> dict[str, Any]:
        """The table's 200 body, or the one the spec documents (never mutate it: it is shared)."""
        if self.expect.example_200 is None:
            return _documented_example(self.name, "200")
        return copy.deepcopy(dict(self.expect.example_200))

    def module(self, name: str) -> types.ModuleType:
        return importlib.import_module(f"{self.expect.package}.{name}")

    @property
    def models(self) -> types.ModuleType:
        return self.module("models")

    @property
    def endpoint(self) -> types.ModuleType:
        return self.module("api.orders.update_order")

    def client(self, base_url: str, **kwargs: Any) -> Any:
        return self.module("client").AuthenticatedClient(base_url=base_url, token=TOKEN, **kwargs)

    def body(self) -> Any:
        return getattr(self.models, self.expect.body_model)(**self.expect.body_kwargs(self.models))


def _subjects(wanted: Callable[[GeneratedClient], object] = lambda _: True, lacking: str = "") -> list[Any]:
    """A parameter per registered vendor; one whose table has no generated client, or whose client lacks what the
    test needs (``wanted`` false: the vendor ``lacking``), is skipped with the reason."""
    params = []
    for name in VENDORS:
        expect = table(name).generated
        if expect is None:
            reason = f"tests/vendors/{name}.py describes no generated client"
            params.append(pytest.param(None, id=name, marks=pytest.mark.skip(reason=reason)))
        elif not wanted(expect):
            reason = f"{name} {lacking} (tests/vendors/{name}.py)"
            params.append(pytest.param(None, id=name, marks=pytest.mark.skip(reason=reason)))
        else:
            params.append(pytest.param(Subject(name, expect), id=name))
    return params


SUBJECTS: list[Subject] = [Subject(name, g) for name in VENDORS if (g := table(name).generated) is not None]
vendors = pytest.mark.parametrize("vendor", _subjects())
modes = pytest.mark.parametrize("mode", MODES)


# ---------------------------------------------------------------------------------------------------------------
# helpers


def _lookup(document: Any, path: JsonPath) -> Any:
    for key in path:
        document = document[key]
    return document


def _set(document: Any, path: JsonPath, value: Any) -> None:
    _lookup(document, path[:-1])[path[-1]] = value


def _delete(document: Any, path: JsonPath) -> None:
    del _lookup(document, path[:-1])[path[-1]]


def _with(example: dict[str, Any], changes: dict[JsonPath, Any]) -> dict[str, Any]:
    """A deep copy of ``example`` with each path set to its value (the example itself is shared: never mutate it)."""
    document = copy.deepcopy(example)
    for path, value in changes.items():
        _set(document, path, value)
    return document


async def _update(
    vendor: Subject,
    server: LoopbackServer,
    mode: str,
    order_id: str = ORDER_ID,
    *,
    client: Any = None,
    body: Any = None,
) -> Any:
    """Send the vendor's update-order request through the generated client and return its ``Response``."""
    client = client if client is not None else vendor.client(server.base_url)
    body = body if body is not None else vendor.body()
    if mode == "sync":
        with client:
            return vendor.endpoint.sync_detailed(order_id, client=client, body=body)
    async with client:
        return await vendor.endpoint.asyncio_detailed(order_id, client=client, body=body)


async def _parse(vendor: Subject, server: LoopbackServer, mode: str, reply: Reply) -> Any:
    """The parsed body of ``reply`` as the generated client returns it."""
    server.replies.append(reply)
    response = await _update(vendor, server, mode)
    assert response.status_code == reply.status
    return response.parsed


# ---------------------------------------------------------------------------------------------------------------
# the request on the wire


@vendors
@modes
@pytest.mark.parametrize("prefix", ["", "/api/v1"], ids=["no-prefix", "prefix"])
async def test_request_method_path_auth_and_body(
    vendor: Subject, mode: str, prefix: str, server: LoopbackServer
) -> None:
    server.replies.append(Reply(json=vendor.example_200))
    response = await _update(vendor, server, mode, client=vendor.client(server.base_url + prefix))

    assert response.status_code == 200
    [request] = server.requests
    assert request.method == "PUT"
    assert request.raw_path == f"{prefix}/orders/{ORDER_ID}"
    assert request.headers[vendor.auth_header] == vendor.auth_value
    if vendor.auth_header != "authorization":
        assert "authorization" not in request.headers, "an apiKey vendor must not also get a bearer header"
    assert request.headers["content-type"] == "application/json"
    assert request.json == vendor.expect.body_json  # exactly the fields set: an unset field is absent, not null


@vendors
@modes
async def test_one_client_sends_the_same_auth_on_every_request(
    vendor: Subject, mode: str, server: LoopbackServer
) -> None:
    server.replies.append(Reply(json=vendor.example_200, repeat=2))
    client = vendor.client(server.base_url)
    if mode == "sync":
        with client:
            for _ in range(2):
                vendor.endpoint.sync_detailed(ORDER_ID, client=client, body=vendor.body())
    else:
        async with client:
            for _ in range(2):
                await vendor.endpoint.asyncio_detailed(ORDER_ID, client=client, body=vendor.body())
    assert [r.headers.get(vendor.auth_header) for r in server.requests] == [vendor.auth_value] * 2


# ---------------------------------------------------------------------------------------------------------------
# documented responses


@pytest.mark.parametrize(
    "vendor", _subjects(lambda expect: expect.example_200 is not None, "has its 200 example from its spec")
)
def test_a_built_example_matches_its_schema(vendor: Subject) -> None:
    """An example of the table's own (the spec documents none): it must be valid against the (normalised) spec
    and set every property of the response."""
    spec = normalise(_load_spec(vendor.name))
    schema = spec["paths"]["/orders/{id}"]["put"]["responses"]["200"]["content"]["application/json"]["schema"]
    registry: Registry[Any] = Registry().with_resource(
        "urn:spec", Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    pointer = "urn:spec#/paths/~1orders~1{id}/put/responses/200/content/application~1json/schema"
    validator = Draft202012Validator({"$ref": pointer}, registry=registry)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(vendor.example_200)]
    assert not errors, errors
    assert set(schema["properties"]) == set(vendor.example_200)
    assert _unset_properties(spec, schema, vendor.example_200) == []


def _unset_properties(spec: dict[str, Any], schema: dict[str, Any], instance: Any, path: str = "$") -> list[str]:
    """The properties ``schema`` declares (at any depth) that ``instance`` leaves out."""
    schema = _resolve(spec, schema)
    for branch in schema.get("anyOf", []):  # a nullable $ref, after normalise(): follow the non-null branch
        if _resolve(spec, branch).get("type") != "null":
            schema = _resolve(spec, branch)
    if isinstance(instance, list) and "items" in schema:
        return [
            m for i, item in enumerate(instance) for m in _unset_properties(spec, schema["items"], item, f"{path}[{i}]")
        ]
    if not isinstance(instance, dict):
        return []
    missing = [f"{path}.{name}" for name in schema.get("properties", {}) if name not in instance]
    for name, value in instance.items():
        if name in schema.get("properties", {}):
            missing += _unset_properties(spec, schema["properties"][name], value, f"{path}.{name}")
    return missing


@vendors
@modes
async def test_documented_example_response_parses_into_typed_models(
    vendor: Subject, mode: str, server: LoopbackServer
) -> None:
    parsed = await _parse(vendor, server, mode, Reply(json=vendor.example_200))
    vendor.expect.check_example(vendor.models, parsed)


@vendors
@modes
async def test_nulls_the_spec_allows_come_back_as_none(vendor: Subject, mode: str, server: LoopbackServer) -> None:
    # (a path the example leaves out is added: setting it adds the key)
    body = _with(vendor.example_200, {probe.json_path: None for probe in vendor.expect.allowed_nulls})
    parsed = await _parse(vendor, server, mode, Reply(json=body))

    assert isinstance(vendor.expect.read_order(parsed), getattr(vendor.models, vendor.expect.order_model))
    not_none = {
        str(probe): probe.read(parsed) for probe in vendor.expect.allowed_nulls if probe.read(parsed) is not None
    }
    assert not not_none


@vendors
@modes
async def test_documented_404_parses_into_the_vendor_error_model(
    vendor: Subject, mode: str, server: LoopbackServer
) -> None:
    example = _documented_example(vendor.name, "404")
    parsed = await _parse(vendor, server, mode, Reply(status=404, json=example))

    assert isinstance(parsed, getattr(vendor.models, vendor.expect.error_model))
    assert vendor.expect.read_error_text(parsed) == vendor.expect.documented_404


@vendors
@modes
async def test_undocumented_error_status_in_the_vendor_format_still_parses(
    vendor: Subject, mode: str, server: LoopbackServer
) -> None:
    """A 429 is documented by no vendor: the ``default`` response (transforms.default_error_response) reads it."""
    body = _documented_example(vendor.name, "404")
    parsed = await _parse(vendor, server, mode, Reply(status=429, json=body))
    assert isinstance(parsed, getattr(vendor.models, vendor.expect.error_model))


# ---------------------------------------------------------------------------------------------------------------
# lenient responses: what vendors send that their specs do not allow


@vendors
@modes
async def test_unexpected_null_is_kept_not_raised(vendor: Subject, mode: str, server: LoopbackServer) -> None:
    body = _with(vendor.example_200, {probe.json_path: None for probe in vendor.expect.unexpected_nulls})
    parsed = await _parse(vendor, server, mode, Reply(json=body))

    assert isinstance(parsed, getattr(vendor.models, vendor.expect.success_model))
    assert isinstance(vendor.expect.read_order(parsed), getattr(vendor.models, vendor.expect.order_model))
    assert {str(probe): probe.read(parsed) for probe in vendor.expect.unexpected_nulls} == {
        str(probe): None for probe in vendor.expect.unexpected_nulls
    }


@vendors
@modes
async def test_unexpected_null_for_the_whole_order_is_kept(vendor: Subject, mode: str, server: LoopbackServer) -> None:
    """``data: null`` (an envelope's own spec may allow it where the update's does not) is kept for every vendor."""
    parsed = await _parse(vendor, server, mode, Reply(json=_with(vendor.example_200, {("data",): None})))
    assert isinstance(parsed, getattr(vendor.models, vendor.expect.success_model))
    assert vendor.expect.read_order(parsed) is None


@vendors
@modes
async def test_wrong_type_is_kept_as_received(vendor: Subject, mode: str, server: LoopbackServer) -> None:
    body = _with(vendor.example_200, {probe.json_path: value for probe, value in vendor.expect.wrong_types})
    parsed = await _parse(vendor, server, mode, Reply(json=body))

    assert isinstance(vendor.expect.read_order(parsed), getattr(vendor.models, vendor.expect.order_model))
    received = {str(probe): probe.read(parsed) for probe, _ in vendor.expect.wrong_types}
    assert received == {str(probe): value for probe, value in vendor.expect.wrong_types}


@vendors
@modes
async def test_missing_key_reads_as_unset(vendor: Subject, mode: str, server: LoopbackServer) -> None:
    body = copy.deepcopy(vendor.example_200)
    for probe in vendor.expect.missing_keys:
        _delete(body, probe.json_path)
    parsed = await _parse(vendor, server, mode, Reply(json=body))

    unset = vendor.module("types").UNSET
    assert isinstance(vendor.expect.read_order(parsed), getattr(vendor.models, vendor.expect.order_model))
    assert {str(probe): probe.read(parsed) for probe in vendor.expect.missing_keys} == {
        str(probe): unset for probe in vendor.expect.missing_keys
    }


@vendors
@modes
async def test_unknown_enum_value_in_a_response_is_kept_as_the_raw_string(
    vendor: Subject, mode: str, server: LoopbackServer
) -> None:
    body = _with(vendor.example_200, {probe.json_path: "on_hold" for probe in vendor.expect.enum_fields})
    parsed = await _parse(vendor, server, mode, Reply(json=body))

    assert isinstance(vendor.expect.read_order(parsed), getattr(vendor.models, vendor.expect.order_model))
    for probe in vendor.expect.enum_fields:
        value = probe.read(parsed)
        assert value == "on_hold", probe
        assert type(value) is str, f"{probe}: {type(value).__name__}, not the raw string"


@pytest.mark.parametrize(
    "vendor", _subjects(lambda expect: expect.unknown_error_code is not None, "has no closed list of error codes")
)
@modes
async def test_unknown_error_code_is_kept(vendor: Subject, mode: str, server: LoopbackServer) -> None:
    assert vendor.expect.unknown_error_code is not None
    body, expected = vendor.expect.unknown_error_code
    parsed = await _parse(vendor, server, mode, Reply(status=429, json=dict(body)))
    assert isinstance(parsed, getattr(vendor.models, vendor.expect.error_model))
    assert vendor.expect.read_error_text(parsed) == expected


# ---------------------------------------------------------------------------------------------------------------
# unreadable bodies


@vendors
@modes
@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<html><body>502 Bad Gateway</body></html>", "text/html"),
        (b"", None),
        (b'[{"id": "ord_1"}]', "application/json"),
        (b'"ok"', "application/json"),
        (b'{"data": {"id": "ord_1"', "application/json"),
    ],
    ids=["html", "empty", "json-array", "json-string", "truncated-json"],
)
async def test_unreadable_success_body_raises_response_parse_error(
    vendor: Subject, mode: str, body: bytes, content_type: str | None, server: LoopbackServer
) -> None:
    server.replies.append(Reply(status=200, body=body, content_type=content_type))
    response = await _update(vendor, server, mode)  # the detailed call returns; the body is read on access
    assert (response.status_code, response.content) == (200, body)
    for _ in range(2):  # a failed parse is not kept as a result: every access raises
        with pytest.raises(vendor.module("errors").ResponseParseError) as caught:
            _ = response.parsed
        assert caught.value.path == "$"
        assert caught.value.status_code == 200
        assert caught.value.excerpt == body[:200].decode()


@vendors
@modes
async def test_plain_call_raises_response_parse_error_at_once(
    vendor: Subject, mode: str, server: LoopbackServer
) -> None:
    """``sync()``/``asyncio()`` return the parsed body, so they raise where upstream's do: in the call."""
    server.replies.append(Reply(status=200, body=b"<html>maintenance</html>", content_type="text/html"))
    client = vendor.client(server.base_url)
    with pytest.raises(vendor.module("errors").ResponseParseError):
        if mode == "sync":
            with client:
                vendor.endpoint.sync(ORDER_ID, client=client, body=vendor.body())
        else:
            async with client:
                await vendor.endpoint.asyncio(ORDER_ID, client=client, body=vendor.body())


@vendors
@modes
async def test_parsed_is_read_once_on_first_access(
    vendor: Subject, mode: str, server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The detailed call builds no models until ``parsed`` is read, and reading it twice parses once."""
    success_model = getattr(vendor.module("models"), vendor.expect.success_model)
    calls = []
    original = success_model.from_dict.__func__

    def counting_from_dict(cls: type, src_dict: Any) -> Any:
        calls.append(src_dict)
        return original(cls, src_dict)

    monkeypatch.setattr(success_model, "from_dict", classmethod(counting_from_dict))
    server.replies.append(Reply(status=200, json=vendor.example_200))
    response = await _update(vendor, server, mode)
    assert calls == []
    first = response.parsed
    assert isinstance(first, success_model)
    assert response.parsed is first
    assert len(calls) == 1


@vendors
@modes
@pytest.mark.parametrize("status", [404, 500, 502])
async def test_error_status_with_html_body_parses_to_none(
    vendor: Subject, mode: str, status: int, server: LoopbackServer
) -> None:
    html = b"<html><body><h1>Not Found</h1></body></html>"
    server.replies.append(Reply(status=status, body=html, content_type="text/html"))
    response = await _update(vendor, server, mode)
    assert response.status_code == status
    assert response.parsed is None
    assert response.content == html  # the caller still has the body, for a log line


@vendors
@modes
@pytest.mark.parametrize("status", [520, 499])
async def test_nonstandard_error_status_returns_a_response(
    vendor: Subject, mode: str, status: int, server: LoopbackServer
) -> None:
    """Cloudflare's 520 and nginx's 499 are outside http.HTTPStatus: still a Response, not a bare ValueError."""
    server.replies.append(Reply(status=status, body=b"<html>Web server is returning an unknown error</html>"))
    response = await _update(vendor, server, mode)
    assert response.status_code == status
    assert response.parsed is None


# ---------------------------------------------------------------------------------------------------------------
# strict requests


@pytest.mark.parametrize("vendor", _subjects(lambda expect: expect.request_enum_models, "has no request enum"))
def test_unknown_enum_value_in_a_request_body_is_refused(vendor: Subject) -> None:
    model = getattr(vendor.models, vendor.expect.request_enum_models[0])
    with pytest.raises(ValueError, match="'bogus'"):
        model(status="bogus").to_dict()


@pytest.mark.parametrize("vendor", _subjects(lambda expect: expect.request_enum_models, "has no request enum"))
@modes
async def test_unknown_enum_value_in_a_request_never_reaches_the_server(
    vendor: Subject, mode: str, server: LoopbackServer
) -> None:
    model = getattr(vendor.models, vendor.expect.request_enum_models[0])
    with pytest.raises(ValueError, match="'bogus'"):
        await _update(vendor, server, mode, body=model(status="bogus"))
    assert server.requests == []


# ---------------------------------------------------------------------------------------------------------------
# path parameters


@vendors
@modes
@pytest.mark.parametrize(
    ("order_id", "segment"),
    [
        ("../customers/1", "..%2Fcustomers%2F1"),
        ("a/b?x=1#f", "a%2Fb%3Fx%3D1%23f"),
        ("100%", "100%25"),
        ("ünï", "%C3%BCn%C3%AF"),
    ],
    ids=["dot-dot-slash", "slash-query-fragment", "percent", "unicode"],
)
async def test_order_id_arrives_as_one_encoded_path_segment(
    vendor: Subject, mode: str, order_id: str, segment: str, server: LoopbackServer
) -> None:
    server.replies.append(Reply(json=vendor.example_200))
    client = vendor.client(f"{server.base_url}/api/v1")
    await _update(vendor, server, mode, order_id, client=client)

    [request] = server.requests
    assert request.raw_path == f"/api/v1/orders/{segment}"
    assert unquote(request.raw_path.rsplit("/", 1)[1]) == order_id


@vendors
@modes
@pytest.mark.parametrize("order_id", ["..", "."], ids=["dot-dot", "dot"])
async def test_dot_segment_order_id_stays_inside_orders(
    vendor: Subject, mode: str, order_id: str, server: LoopbackServer
) -> None:
    server.replies.append(Reply(json=vendor.example_200))
    client = vendor.client(f"{server.base_url}/api/v1")
    await _update(vendor, server, mode, order_id, client=client)

    [request] = server.requests
    prefix, _, segment = request.raw_path.rpartition("/")
    assert (prefix, unquote(segment)) == ("/api/v1/orders", order_id)


# ---------------------------------------------------------------------------------------------------------------
# the client object


@vendors
@modes
async def test_repr_does_not_leak_the_token(vendor: Subject, mode: str, server: LoopbackServer) -> None:
    client = vendor.client(server.base_url)
    assert TOKEN not in repr(client)
    server.replies.append(Reply(json=vendor.example_200))
    await _update(vendor, server, mode, client=client)
    assert server.requests[0].headers[vendor.auth_header] == vendor.auth_value  # the token was really used ...
    assert TOKEN not in repr(client)  # ... and is still not in the repr
    assert TOKEN not in str(client)
    assert TOKEN not in repr(client.with_headers({"X-Request-Id": "1"}))


@vendors
@modes
async def test_the_credential_header_is_masked_in_the_arguments_of_a_request(
    vendor: Subject, mode: str, server: LoopbackServer
) -> None:
    """What a traceback with locals (Sentry, rich) or a debugger shows of the headers the endpoint passes to httpx."""
    seen: list[str] = []
    client = vendor.client(server.base_url)
    httpx_client = client.get_httpx_client() if mode == "sync" else client.get_async_httpx_client()
    original = httpx_client.request

    def request(*args: Any, **kwargs: Any) -> Any:
        seen.append(repr(kwargs))  # the endpoint's keyword arguments, headers included, as a frame would show them
        return original(*args, **kwargs)

    httpx_client.request = request
    server.replies.append(Reply(json=vendor.example_200))
    await _update(vendor, server, mode, client=client)
    assert server.requests[0].headers[vendor.auth_header] == vendor.auth_value  # the real credential on the wire
    assert client.auth_header_value == vendor.auth_value
    (arguments,) = seen
    assert vendor.auth_header.lower() in arguments.lower()
    assert TOKEN not in arguments, arguments
    assert TOKEN not in repr({vendor.auth_header: client.auth_header_value})


@vendors
@modes
async def test_a_callers_own_httpx_client_is_authenticated_too(
    vendor: Subject, mode: str, server: LoopbackServer
) -> None:
    """A client given through set_(async_)httpx_client (pooling, proxies, mTLS) still sends the credential."""
    import httpx

    server.replies.append(Reply(json=vendor.example_200))
    client = vendor.client("http://unused.invalid")
    if mode == "sync":
        client.set_httpx_client(httpx.Client(base_url=server.base_url))
    else:
        client.set_async_httpx_client(httpx.AsyncClient(base_url=server.base_url))
    response = await _update(vendor, server, mode, client=client)

    assert response.status_code == 200
    assert server.requests[0].headers[vendor.auth_header] == vendor.auth_value


@vendors
@pytest.mark.parametrize("client_class", ["Client", "AuthenticatedClient"])
def test_fresh_client_has_a_finite_default_timeout(vendor: Subject, client_class: str) -> None:
    kwargs = {"token": TOKEN} if client_class == "AuthenticatedClient" else {}
    client = getattr(vendor.module("client"), client_class)(base_url="http://127.0.0.1:9", **kwargs)
    for httpx_client in (client.get_httpx_client(), client.get_async_httpx_client()):
        timeout = httpx_client.timeout
        values = {"connect": timeout.connect, "read": timeout.read, "write": timeout.write, "pool": timeout.pool}
        assert all(v is not None and 0 < v < math.inf for v in values.values()), values
        assert (timeout.connect, timeout.read) == (GENERATED_DEFAULT_CONNECT_TIMEOUT_S, GENERATED_DEFAULT_TIMEOUT_S)


@modes
async def test_timeout_stops_a_silent_server(mode: str, server: LoopbackServer) -> None:
    """The timeout really reaches httpx: a server that never answers ends in httpx.TimeoutException."""
    import httpx

    # the timeout comes from the client template every vendor shares, and each run waits it out: one vendor's
    # client (any registered one) is enough
    vendor = SUBJECTS[0]
    server.replies.append(Reply(delay_before_headers=10))
    client = vendor.client(server.base_url).with_timeout(httpx.Timeout(0.2))
    with pytest.raises(httpx.TimeoutException):
        await _update(vendor, server, mode, client=client)


# ---------------------------------------------------------------------------------------------------------------
# typing of tolerant enums


def _response_enum_fields(vendor: Subject) -> dict[str, tuple[Any, ...]]:
    """``Model.field`` -> the members of its type union, for every response-model field whose type has an enum."""
    models, types_module = vendor.models, vendor.module("types")
    namespace = {**vars(models), "Unset": types_module.Unset, "datetime": datetime}
    request_models = {vendor.expect.body_model, *vendor.expect.request_enum_models}
    fields = {}
    for name, cls in vars(models).items():
        if not isinstance(cls, type) or not hasattr(cls, "from_dict") or name in request_models:
            continue
        for field_name, hint in typing.get_type_hints(cls, localns=namespace).items():
            members = typing.get_args(hint) or (hint,)
            if any(isinstance(m, type) and issubclass(m, enum.Enum) for m in members):
                fields[f"{name}.{field_name}"] = members
    return fields


@vendors
def test_response_enum_fields_are_typed_to_admit_an_unknown_string(vendor: Subject) -> None:
    fields = _response_enum_fields(vendor)
    checked = {name: members for name, members in fields.items() if name not in vendor.expect.nullable_response_enums}
    assert checked or not vendor.expect.response_enums, "expected response enums to check"
    lacking_str = sorted(name for name, members in checked.items() if str not in members)
    assert not lacking_str, f"typed as the enum alone, so mypy does not make callers handle a new value: {lacking_str}"


@pytest.mark.parametrize(
    "vendor", _subjects(lambda expect: expect.nullable_response_enums, "has no nullable response enum")
)
def test_nullable_response_enum_is_typed_to_admit_an_unknown_string(vendor: Subject) -> None:
    fields = _response_enum_fields(vendor)
    for name in sorted(vendor.expect.nullable_response_enums):
        assert str in fields[name], name


def _normalise_times(document: Any) -> Any:
    """``document`` with each ISO 8601 date-time string as an aware datetime: ``Z`` and ``+00:00`` are one instant."""
    if isinstance(document, dict):
        return {key: _normalise_times(value) for key, value in document.items()}
    if isinstance(document, list):
        return [_normalise_times(value) for value in document]
    if isinstance(document, str) and len(document) >= 19 and document[4] == "-" and document[10] == "T":
        return datetime.datetime.fromisoformat(document)
    return document


@vendors
@modes
@pytest.mark.parametrize("case", ["null", "wrong-type", "unknown-enum"])
async def test_leniently_parsed_response_serialises_back_as_received(
    vendor: Subject, mode: str, case: str, server: LoopbackServer
) -> None:
    """What from_dict kept as received, to_dict() sends back as received (a response can be cached or logged)."""
    changes = {
        "null": {probe.json_path: None for probe in vendor.expect.unexpected_nulls},
        "wrong-type": {probe.json_path: value for probe, value in vendor.expect.wrong_types},
        "unknown-enum": {probe.json_path: "on_hold" for probe in vendor.expect.enum_fields},
    }[case]
    parsed = await _parse(vendor, server, mode, Reply(json=_with(vendor.example_200, changes)))
    serialised = parsed.to_dict()
    assert {path: _lookup(serialised, path) for path in changes} == changes
    json.dumps(serialised)  # still JSON: nothing but what came from JSON was passed through


@vendors
@modes
async def test_response_with_missing_keys_serialises_without_them(
    vendor: Subject, mode: str, server: LoopbackServer
) -> None:
    body = copy.deepcopy(vendor.example_200)
    for probe in vendor.expect.missing_keys:
        _delete(body, probe.json_path)
    serialised = (await _parse(vendor, server, mode, Reply(json=body))).to_dict()
    for probe in vendor.expect.missing_keys:
        assert probe.json_path[-1] not in _lookup(serialised, probe.json_path[:-1]), probe


@vendors
@modes
async def test_well_formed_response_serialises_to_what_was_received(
    vendor: Subject, mode: str, server: LoopbackServer
) -> None:
    """The strict direction is untouched: parsed values convert back (datetimes compare as instants)."""
    serialised = (await _parse(vendor, server, mode, Reply(json=vendor.example_200))).to_dict()
    assert _normalise_times(serialised) == _normalise_times(vendor.example_200)
