"""The API key never shows: not in a client's repr, an error, a log record at any level, or pytest's failure output."""

from __future__ import annotations

import contextlib
import copy
import json
import logging
import os
import pickle
import subprocess
import sys
import textwrap
import traceback
import types
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import storefronts
from storefronts._adapter import Connection, CredentialPart, VendorAdapter
from storefronts._constants import BODY_EXCERPT_CHARS
from storefronts.errors import StorefrontError
from tests.reliability.conftest import (
    API_KEYS,
    NOTES,
    ORDER_ID,
    ORDER_IDS,
    SECRET_MARKER,
    SECRETS,
    VENDORS,
    async_client,
    echo,
    key_parts,
    ok_json,
    secrets,
    sync_client,
)
from tests.support.exposure import everything_printable
from tests.support.loopback import LoopbackServer, Reply
from tests.vendors import table

pytestmark = pytest.mark.usefixtures("fast_backoff")


def _refusal(vendor: str, message: str) -> Reply:
    """A 401 as ``vendor`` writes it (its table's error body), saying ``message``."""
    vendor_table = table(vendor)
    return Reply(401, json=vendor_table.error(401, vendor_table.error_codes.get(401), message))


def _echoing_401(vendor: str) -> Reply:
    """Some APIs quote the credential they refuse (in the message the error carries): our messages must not pass
    it on, nor any part of it."""
    return _refusal(vendor, f"key {echo(vendor)} is revoked")


SCENARIOS: dict[str, Callable[[str], list[Reply]]] = {
    "401": lambda vendor: [_refusal(vendor, "Invalid API key")],
    "401-echoing-the-key": lambda vendor: [_echoing_401(vendor)],
    "timeout": lambda vendor: [Reply(200, delay_before_headers=2.0, repeat=-1)],
    "closed-before-status": lambda vendor: [Reply(close_before_status=True, repeat=-1)],
    "reset-mid-body": lambda vendor: [
        Reply(200, body=ok_json(vendor) * 20, content_type="application/json", reset_mid_body=True, repeat=-1)
    ],
    "truncated-json": lambda vendor: [Reply(200, body=ok_json(vendor)[:20], content_type="application/json")],
    "text-plain": lambda vendor: [Reply(200, body=ok_json(vendor), content_type="text/plain")],
    "redirect": lambda vendor: [Reply(302, headers={"Location": "https://elsewhere.example/steal"})],
    "too-large": lambda vendor: [Reply(200, body=b" " * (11 * 1024 * 1024), content_type="application/json")],
    "rate-limited": lambda vendor: [Reply(429, headers={"Retry-After": "3600"})],
    "500-forever": lambda vendor: [Reply(500, json={"error": "boom"}, repeat=-1)],
}


def _assert_clean(text: str, vendor: str) -> None:
    for secret in SECRETS[vendor]:
        assert secret not in text
    assert SECRET_MARKER not in text, text


# -- the client itself ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("vendor", VENDORS)
def test_client_repr_and_str_hide_the_key(server: LoopbackServer, vendor: str) -> None:
    with sync_client(vendor, server) as client:
        copy = client.with_options(max_retries=0)
        for shown in (repr(client), str(client), repr(copy), str(copy), f"{client!r} {client}"):
            _assert_clean(shown, vendor)
            assert vendor in shown
        # the generated client and the header value it sends print masked too (a debugger, a traceback's arguments)
        _assert_clean(repr(client._generated), vendor)
        header_value = client._generated.auth_header_value
        _, sent = table(vendor).auth(key_parts(API_KEYS[vendor]))
        assert header_value == sent  # it is still the credential on the wire ...
        _assert_clean(repr({"header": header_value}), vendor)  # ... but not in a repr


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", VENDORS)
async def test_async_client_repr_hides_the_key(server: LoopbackServer, vendor: str) -> None:
    async with async_client(vendor, server) as client:
        _assert_clean(repr(client) + str(client) + repr(client.with_options(timeout=3.0)), vendor)


# -- errors --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("vendor", VENDORS)
def test_errors_never_carry_the_key(server: LoopbackServer, vendor: str, scenario: str) -> None:
    server.replies.extend(SCENARIOS[scenario](vendor))
    with sync_client(vendor, server) as client, pytest.raises(StorefrontError) as caught:
        client.update_order(ORDER_IDS[vendor], notes=NOTES, timeout=0.3, max_retries=0)
    _assert_clean(everything_printable(caught.value), vendor)


@pytest.mark.anyio
@pytest.mark.parametrize("scenario", ["401", "401-echoing-the-key", "timeout", "reset-mid-body", "too-large"])
@pytest.mark.parametrize("vendor", VENDORS)
async def test_async_errors_never_carry_the_key(server: LoopbackServer, vendor: str, scenario: str) -> None:
    server.replies.extend(SCENARIOS[scenario](vendor))
    async with async_client(vendor, server) as client:
        with pytest.raises(StorefrontError) as caught:
            await client.update_order(ORDER_IDS[vendor], notes=NOTES, timeout=0.3, max_retries=0)
    _assert_clean(everything_printable(caught.value), vendor)


def test_an_echoed_key_is_redacted_from_the_message(server: LoopbackServer) -> None:
    server.replies.append(_echoing_401("bitbybit"))
    with sync_client("bitbybit", server) as client, pytest.raises(storefronts.AuthenticationError) as caught:
        client.update_order(ORDER_ID, notes=NOTES)
    assert caught.value.message == "key [redacted] is revoked"
    assert "key [redacted] is revoked" in str(caught.value)


def test_configuration_errors_never_carry_the_key() -> None:
    wrong_prefix = "sk_live_SECRET-not-an-app-token"
    with pytest.raises(storefronts.ConfigurationError) as caught:
        storefronts.Client("salesive", api_key=wrong_prefix)
    assert wrong_prefix not in everything_printable(caught.value)
    with pytest.raises(storefronts.ConfigurationError) as caught:
        storefronts.Client("bitbybit", api_key=API_KEYS["bitbybit"], base_url="http://api.example.com")
    _assert_clean(everything_printable(caught.value), "bitbybit")


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_key_basic_auth_cannot_carry_is_refused_unshown(server: LoopbackServer, vendor: str) -> None:
    """HTTP Basic sends ``key:secret`` and the server splits it at the first colon: a key holding one would reach
    the vendor as another key and secret. It is refused before anything is sent, and the message shows no part."""
    parts = key_parts(API_KEYS[vendor])
    if len(parts) == 1:
        pytest.skip(f"{vendor} has a single-part key: nothing is joined to it")
    _, sent = table(vendor).auth(parts)
    if not sent.startswith("Basic "):
        pytest.skip(f"{vendor} does not send its key's parts as HTTP Basic")
    colon_key = (f"{parts[0]}:more", *parts[1:])
    with pytest.raises(storefronts.ConfigurationError, match="':'") as caught:
        storefronts.Client(vendor, api_key=colon_key, base_url=server.base_url)
    shown = everything_printable(caught.value)
    for part in colon_key:
        assert part not in shown
    assert SECRET_MARKER not in shown
    assert server.requests == []
    secret_with_colon = (*parts[:-1], f"{parts[-1]}:more")  # the last part may hold one: the split is at the first
    with storefronts.Client(vendor, api_key=secret_with_colon, base_url=server.base_url, max_retries=0):
        pass


def test_the_default_token_refuses_a_colon_before_the_last_part() -> None:
    """The core's own ``key:secret`` join, whatever vendor declares two parts (the test above runs it through a
    client of each such vendor registered)."""
    two_parts = types.SimpleNamespace(
        connection=Connection((CredentialPart("consumer key", "K"), CredentialPart("consumer secret", "S"))),
        vendor=types.SimpleNamespace(value="two-part"),
    )
    token = VendorAdapter.credential_token
    assert token(two_parts, ("ck_SECRET-1", "cs:SECRET-2")) == "ck_SECRET-1:cs:SECRET-2"  # type: ignore[arg-type]
    with pytest.raises(storefronts.ConfigurationError, match=r"api_key \(consumer key\) for two-part") as caught:
        token(two_parts, ("ck:SECRET-1", "cs_SECRET-2"))  # type: ignore[arg-type]
    assert SECRET_MARKER not in str(caught.value) + repr(caught.value.args)  # (its traceback shows this source)
    assert caught.value.__cause__ is None and caught.value.__context__ is None
    assert token(two_parts, ("one:SECRET-key",)) == "one:SECRET-key"  # type: ignore[arg-type]  # nothing joined


# -- logs ------------------------------------------------------------------------------------------------------------


def _log_text(caplog: pytest.LogCaptureFixture) -> str:
    parts = []
    for record in caplog.records:
        parts += [record.getMessage(), repr(record.args), record.exc_text or "", str(record.__dict__)]
        if record.exc_info and record.exc_info[1] is not None:
            parts.append("".join(traceback.format_exception(record.exc_info[1])))
    return "\n".join(parts)


def _traffic(vendor: str) -> list[Reply]:
    """A 401, a retried 503, a success, a redirect and a timeout: every path that could log."""
    return [
        _refusal(vendor, "Invalid API key"),
        Reply(503),
        Reply(200, body=ok_json(vendor), content_type="application/json"),
        Reply(301, headers={"Location": "https://elsewhere.example/"}),
        Reply(200, delay_before_headers=2.0),
    ]


@pytest.mark.parametrize("vendor", VENDORS)
def test_no_log_record_at_any_level_carries_the_key(
    server: LoopbackServer, caplog: pytest.LogCaptureFixture, vendor: str
) -> None:
    caplog.set_level(logging.DEBUG)  # the root logger: storefronts, httpx, httpcore and everything else
    for name in ("storefronts", "httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)
    server.replies.extend(_traffic(vendor))
    with sync_client(vendor, server) as client:
        for _ in range(4):  # 401; 503 then 200; 301; timeout
            try:
                client.update_order(ORDER_IDS[vendor], notes=NOTES, timeout=0.3, max_retries=1)
            except StorefrontError as error:
                logging.getLogger("app").exception("update failed: %s", error)  # what a caller would do
    names = {record.name.split(".")[0] for record in caplog.records}
    assert {"storefronts", "httpx", "httpcore"} <= names  # the DEBUG logs of the stack were captured
    assert any(record.levelno == logging.DEBUG for record in caplog.records)
    _assert_clean(_log_text(caplog), vendor)


@pytest.mark.anyio
@pytest.mark.parametrize("vendor", VENDORS)
async def test_no_async_log_record_carries_the_key(
    server: LoopbackServer, caplog: pytest.LogCaptureFixture, vendor: str, transport: str
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("storefronts", "httpx", "httpcore", "aiohttp", "asyncio"):
        caplog.set_level(logging.DEBUG, logger=name)
    server.replies.extend(_traffic(vendor))
    async with async_client(vendor, server) as client:
        for _ in range(4):
            try:
                await client.update_order(ORDER_IDS[vendor], notes=NOTES, timeout=0.3, max_retries=1)
            except StorefrontError as error:
                logging.getLogger("app").exception("update failed: %s", error)
    stack = {"storefronts", "httpx", "httpcore"} if transport == "httpx" else {"storefronts", "httpx"}
    assert stack <= {record.name.split(".")[0] for record in caplog.records}  # aiohttp's client logs nothing here
    _assert_clean(_log_text(caplog), vendor)


# -- pytest's own failure report --------------------------------------------------------------------------------------

_FAILING_TESTS = textwrap.dedent(
    """
    import json
    import os

    import pytest

    import storefronts

    URL = os.environ["RELIABILITY_URL"]
    # vendor -> (the environment variable of each part of its key, an order id of its form)
    SHOPS = json.loads(os.environ["RELIABILITY_SHOPS"])


    def key(vendor):
        parts = tuple(os.environ[name] for name in SHOPS[vendor][0])
        return parts[0] if len(parts) == 1 else parts


    @pytest.fixture
    def anyio_backend():
        return "asyncio"


    @pytest.mark.parametrize("vendor", sorted(SHOPS))
    def test_update_rejected(vendor):
        client = storefronts.Client(vendor, api_key=key(vendor), base_url=URL)
        assert client.update_order(SHOPS[vendor][1], notes="x")


    @pytest.mark.anyio
    @pytest.mark.parametrize("vendor", sorted(SHOPS))
    async def test_update_rejected_async(vendor):
        client = storefronts.AsyncClient(vendor, api_key=key(vendor), base_url=URL)
        assert await client.update_order(SHOPS[vendor][1], notes="x")


    @pytest.mark.parametrize("vendor", sorted(SHOPS))
    def test_update_unreachable(vendor):
        client = storefronts.Client(vendor, api_key=key(vendor), base_url=URL, max_retries=0)
        assert client.update_order(SHOPS[vendor][1], notes="x", timeout=0.3)
    """
)
_DOWNSTREAM_TESTS = 3  # per vendor
# A fresh interpreter knows the vendors the repository ships: not one this session registered itself, whose table
# names a spec of its own.
_SHIPPED = tuple(vendor for vendor in VENDORS if table(vendor).spec is None)


# pytest's default report, and the longest one: every frame with its arguments and locals, reprs not shortened
_PYTEST_RUNS = {"default": [], "long-verbose-locals": ["--tb=long", "-vv", "--showlocals"]}


def test_pytest_failure_output_never_shows_the_key(tmp_path: Path) -> None:
    """A downstream test that fails on a refused update prints the error, the code, pytest's view of the frames'
    arguments, and the chained httpx errors: the key is in none of them. (The key comes from the environment, as
    in real use: a key written into a test's own source would be shown as that source.) Both runs go at once."""
    test_file = tmp_path / "test_downstream.py"
    test_file.write_text(_FAILING_TESTS)
    with contextlib.ExitStack() as stack:
        runs = {}
        for name, flags in _PYTEST_RUNS.items():
            server = stack.enter_context(LoopbackServer())
            server.replies.extend([Reply(401, json={"message": "Unauthorized"}) for _ in range(2 * len(_SHIPPED))])
            server.replies.extend([Reply(close_before_status=True) for _ in range(len(_SHIPPED))])
            shops = {}
            env: dict[str, str] = {**os.environ, "RELIABILITY_URL": server.base_url}
            for vendor in _SHIPPED:
                names = [f"KEY_{vendor}_{n}" for n, _ in enumerate(key_parts(API_KEYS[vendor]))]
                env.update(zip(names, key_parts(API_KEYS[vendor]), strict=True))
                shops[vendor] = (names, ORDER_IDS[vendor])
            env["RELIABILITY_SHOPS"] = json.dumps(shops)
            command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:hypothesispytest"]
            runs[name] = subprocess.Popen(
                [*command, *flags, str(test_file)],
                cwd=tmp_path,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        outputs = {name: run.communicate(timeout=60)[0] for name, run in runs.items()}
    for name, output in outputs.items():
        assert runs[name].returncode == 1, output
        assert f"{_DOWNSTREAM_TESTS * len(_SHIPPED)} failed" in output, output
        assert "AuthenticationError" in output
        assert "APIConnectionError" in output
        for vendor in VENDORS:
            _assert_clean(output, vendor)


# -- every leak route, every place a key could show (issue 14.6) ----------------------------------------------------
#
# A server may echo the key it refuses anywhere: in its JSON body (as sent or \u-escaped), a plain-text body (where
# the 200-character excerpt may cut through it), a header, the reason phrase, a malformed header line that h11
# quotes back, or a redirect's Location (percent-encoded or not). For each route the key is looked for in
# everything the error exposes: str/repr/args of it and of every exception it chains, traceback.format_exception,
# pickle.dumps, the repr of every object reachable from it (attributes, the response and its request, the chain,
# and the reprs of the local variables of every frame of every traceback: what an error tracker sends), and every
# log record of every logger at DEBUG.

_FILLER = "\u00b7"  # a middle dot: no key contains it, so a cut echo is easy to measure


def _json_unicode_escaped(text: str) -> str:
    return "".join(f"\\u{ord(char):04x}" for char in text)


def _key_forms(key: str) -> list[str]:
    """How the key reads when something prints, escapes or encodes it: none of these may show anywhere."""
    return sorted(
        {key, repr(key)[1:-1], json.dumps(key)[1:-1], quote(key, safe=""), quote_plus(key), _json_unicode_escaped(key)}
    )


ROUTES: dict[str, Callable[[str], list[Reply]]] = {
    "json-body": lambda key: [Reply(401, json={"error": {"code": "UNAUTHORIZED", "message": f"key {key} revoked"}})],
    "json-body-unicode-escaped": lambda key: [
        Reply(
            401,
            body=('{"error": {"code": "UNAUTHORIZED", "message": "key ' + _json_unicode_escaped(key) + '"}}').encode(),
            content_type="application/json",
        )
    ],
    "text-body": lambda key: [Reply(502, body=f"bad gateway for {key}\n".encode(), content_type="text/plain")],
    "2xx-text-body": lambda key: [Reply(200, body=f"hello {key}".encode(), content_type="text/plain")],
    "2xx-json-no-envelope": lambda key: [Reply(200, json={"echo": key, "success": True})],
    "2xx-json-not-an-object": lambda key: [Reply(200, json=[{"echo": key}])],  # no vendor's order nor envelope
    "header": lambda key: [Reply(500, headers={"X-Echo": key, "X-Echo-Quoted": quote(key, safe="")})],
    "reason-phrase": lambda key: [Reply(401, reason=f"Unauthorized {key}")],
    "malformed-header-line": lambda key: [Reply(401, headers={f"Bad Header {key}": "x"})],  # h11 refuses, quotes it
    "location": lambda key: [Reply(302, headers={"Location": f"https://elsewhere.example/?k={key}"})],
    "location-percent-encoded": lambda key: [
        Reply(307, headers={"Location": f"https://elsewhere.example/?k={quote(key, safe='')}"})
    ],
}
_ENVELOPE_ROUTES = frozenset({"2xx-json-no-envelope"})
"""Routes that fail only for a vendor with an envelope: for one without, a JSON object at 200 is its order."""
_EXCERPT_CUTS = (3, 8, 12, 20)  # how many of the key's characters fall inside the 200-character excerpt
for _cut in _EXCERPT_CUTS:
    ROUTES[f"excerpt-cut-{_cut}"] = lambda key, cut=_cut: [
        Reply(502, body=(_FILLER * (BODY_EXCERPT_CHARS - cut) + key).encode(), content_type="text/plain")
    ]


def _safe_repr(value: object) -> str:
    try:
        return repr(value)
    except Exception as error:  # a repr that fails shows nothing
        return f"<repr failed: {type(error).__name__}>"


_WALKED_PACKAGES = frozenset({"storefronts", "httpx", "builtins", "bitbybit_client", "salesive_client"})
_WALK_DEPTH = 12
_WALK_OBJECTS = 20_000


def _reachable_reprs(error: BaseException) -> list[str]:
    """The repr of everything reachable from ``error``: its attributes, recursively (storefronts' and httpx's
    objects are opened, others only repr'd), its chain, and each traceback frame's locals (repr'd, as Sentry does;
    frames of this test module are skipped: they hold the key on purpose)."""
    shown: list[str] = []
    seen: set[int] = set()
    stack: list[tuple[object, int]] = [(error, 0)]
    while stack and len(seen) < _WALK_OBJECTS:
        item, depth = stack.pop()
        if id(item) in seen or depth > _WALK_DEPTH:
            continue
        seen.add(id(item))
        if isinstance(item, types.TracebackType):
            if item.tb_frame.f_code.co_filename != __file__:
                shown.extend(_safe_repr(value) for value in item.tb_frame.f_locals.values())
            stack.append((item.tb_next, depth + 1))
            continue
        shown.append(_safe_repr(item))
        if isinstance(item, str | bytes | int | float | bool | type | types.ModuleType | types.FunctionType) or (
            item is None
        ):
            continue
        children: list[object] = []
        if isinstance(item, BaseException):
            children += [item.args, item.__cause__, item.__context__, item.__traceback__]
        if isinstance(item, dict):
            children += [*item.keys(), *item.values()]
        elif isinstance(item, list | tuple | set | frozenset):
            children += list(item)
        if isinstance(item, BaseException) or type(item).__module__.split(".")[0] in _WALKED_PACKAGES:
            children += list(getattr(item, "__dict__", {}).values())
            for cls in type(item).__mro__:
                for slot in getattr(cls, "__slots__", ()):
                    children.append(getattr(item, slot, None))
        stack.extend((child, depth + 1) for child in children)
    return shown


def _exposure(error: BaseException) -> str:
    parts = [str(error), repr(error), repr(error.args), "".join(traceback.format_exception(error))]
    for linked in _chain(error):
        parts += [str(linked), repr(linked), repr(linked.args)]
    parts += _reachable_reprs(error)
    pickled = pickle.dumps(error)
    parts.append(pickled.decode("latin-1"))
    parts.append(repr(pickle.loads(pickled).__dict__))
    parts.append(repr(copy.deepcopy(error).__dict__))
    return "\n".join(parts)


def _chain(error: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    pending = [error.__cause__, error.__context__]
    while pending:
        item = pending.pop()
        if item is None or any(item is known for known in found):
            continue
        found.append(item)
        pending += [item.__cause__, item.__context__]
    return found


def _log_records_text(records: list[logging.LogRecord]) -> str:
    parts = []
    for record in records:
        parts += [record.getMessage(), repr(record.args), str(record.msg)]
        if record.exc_info and record.exc_info[1] is not None:
            parts.append("".join(traceback.format_exception(record.exc_info[1])))
    return "\n".join(parts)


def _assert_key_absent(text: str, vendor: str, key: str | tuple[str, ...]) -> None:
    """No form of any of ``key``'s secrets (each part, the header's encoding of them) in ``text``."""
    for secret in secrets(vendor, key):
        for form in _key_forms(secret):
            assert form not in text, f"the key shows as {form!r}"


def _call_through_route(
    vendor: str, key: str | tuple[str, ...], route: str, caplog: pytest.LogCaptureFixture, server: LoopbackServer
) -> StorefrontError:
    """A call with ``key`` to a server that echoes every secret of it (:func:`echo`) the way ``route`` says."""
    caplog.set_level(logging.DEBUG)  # the root logger: every logger's records reach caplog
    for name in ("httpx", "httpcore", "storefronts"):
        caplog.set_level(logging.DEBUG, logger=name)
    server.clear()
    server.replies.extend(ROUTES[route](echo(vendor, key)))
    client = storefronts.Client(vendor, api_key=key, base_url=server.base_url, max_retries=0)
    with client, pytest.raises(StorefrontError) as caught:
        client.update_order(ORDER_IDS[vendor], notes=NOTES, timeout=2.0)
    return caught.value


@pytest.mark.parametrize("route", sorted(ROUTES))
@pytest.mark.parametrize("vendor", VENDORS)
def test_an_echoed_key_shows_nowhere(
    vendor: str, route: str, caplog: pytest.LogCaptureFixture, server: LoopbackServer
) -> None:
    if route in _ENVELOPE_ROUTES and table(vendor).envelope is None:
        pytest.skip(f"{vendor} has no response envelope: a JSON object at 200 is its order, not an error")
    key = API_KEYS[vendor]
    error = _call_through_route(vendor, key, route, caplog, server)
    _assert_key_absent(_exposure(error), vendor, key)
    _assert_key_absent(_log_records_text(caplog.records), vendor, key)
    assert SECRET_MARKER not in _exposure(error) + _log_records_text(caplog.records)
    if route.startswith("excerpt-cut"):
        message = str(error)
        assert _FILLER * 10 in message  # the excerpt is there ...
        excerpt = message[message.index(_FILLER) :]  # (what comes before it is ours: the vendor's name, the id)
        for secret in SECRETS[vendor]:  # ... but not one run of the characters of any secret
            for start in range(len(secret) - _FRAGMENT + 1):
                assert secret[start : start + _FRAGMENT] not in excerpt, message


_FRAGMENT = 4  # no 4 characters of the key in a row: well below redaction's own minimum, since none should be left


def test_the_echo_routes_reach_the_logs_and_the_chain_redacted(
    caplog: pytest.LogCaptureFixture, server: LoopbackServer
) -> None:
    """The routes really were taken: httpx's INFO line and the chained h11 error carried the echo, redacted."""
    key = API_KEYS["bitbybit"]
    _call_through_route("bitbybit", key, "reason-phrase", caplog, server)
    info = [r.getMessage() for r in caplog.records if r.name == "httpx" and r.levelno == logging.INFO]
    assert any("Unauthorized [redacted]" in line for line in info), info
    caplog.clear()
    error = _call_through_route("bitbybit", key, "malformed-header-line", caplog, server)
    assert isinstance(error, storefronts.APIConnectionError)
    chained = "".join(traceback.format_exception(error))
    assert "[redacted]" in chained and "RemoteProtocolError" in chained  # kept, with the echo taken out


@pytest.mark.parametrize("vendor", VENDORS)
def test_the_request_on_an_error_shows_no_credential_header(
    vendor: str, caplog: pytest.LogCaptureFixture, server: LoopbackServer
) -> None:
    error = _call_through_route(vendor, API_KEYS[vendor], "json-body", caplog, server)
    assert isinstance(error, storefronts.APIError) and error.response is not None
    request_headers = error.response.request.headers
    _assert_key_absent(repr(request_headers) + str(dict(request_headers)), vendor, API_KEYS[vendor])
    name, _ = table(vendor).auth(key_parts(API_KEYS[vendor]))
    assert request_headers[name] == "[redacted]"


def test_the_log_filter_leaves_other_records_alone(caplog: pytest.LogCaptureFixture) -> None:
    """Records without one of our keys pass through httpx's loggers unchanged, args and all."""
    with storefronts.Client("bitbybit", api_key=API_KEYS["bitbybit"]):  # live: the filter has a key to look for
        caplog.set_level(logging.DEBUG, logger="httpx")
        logging.getLogger("httpx").info("HTTP Request: %s %s", "GET", "https://example.com/other")
    (record,) = [r for r in caplog.records if r.name == "httpx"]
    assert (record.msg, record.args) == ("HTTP Request: %s %s", ("GET", "https://example.com/other"))


_KEY_CHARS = st.characters(min_codepoint=0x21, max_codepoint=0x7E)  # what construction accepts: printable ASCII
MIN_KEY_CHARS = 8  # redaction's documented minimum (shorter keys would match ordinary words)
# A key like "00000000" would be "found" in any float's repr: real keys are random, so ask for some variety.
MIN_DISTINCT_KEY_CHARS = 5


def _hypothetical_key(vendor: str, secret: str, other: str) -> str | tuple[str, ...]:
    """A key of ``vendor``'s form made of ``secret`` (after the documented prefix), and of ``other`` for the
    secret of a key-and-secret vendor."""
    vendor_table = table(vendor)
    parts = ((vendor_table.token_prefix or "") + secret, other)[: len(vendor_table.env_vars)]
    return parts[0] if len(parts) == 1 else parts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    secret=st.text(_KEY_CHARS, min_size=MIN_KEY_CHARS, max_size=48),
    other=st.text(_KEY_CHARS, min_size=MIN_KEY_CHARS, max_size=48),
    route=st.sampled_from(
        ["json-body", "json-body-unicode-escaped", "header", "reason-phrase", "location", "text-body"]
    ),
    vendor=st.sampled_from(VENDORS),
)
def test_any_key_echoed_any_way_shows_nowhere(
    secret: str,
    other: str,
    route: str,
    vendor: str,
    caplog: pytest.LogCaptureFixture,
    _session_servers: tuple[LoopbackServer, LoopbackServer],
) -> None:
    assume(len(set(secret)) >= MIN_DISTINCT_KEY_CHARS and len(set(other)) >= MIN_DISTINCT_KEY_CHARS)
    key = _hypothetical_key(vendor, secret, other)
    # HTTP Basic's user-pass cannot carry a ':' before its last part: construction refuses it (tested above)
    assume(all(":" not in part for part in key_parts(key)[:-1]))
    # text that is there whatever the key (a file path, a class name): "storefro" in it is no leak
    keyless = _keyless_text(vendor, route, caplog, _session_servers[0])
    assume(not any(form in keyless for form in secrets(vendor, key)))
    caplog.clear()
    error = _call_through_route(vendor, key, route, caplog, _session_servers[0])
    _assert_key_absent(_exposure(error), vendor, key)
    _assert_key_absent(_log_records_text(caplog.records), vendor, key)


_KEYLESS_TEXT: dict[tuple[str, str], str] = {}
_BASELINE_SECRET = "Zq9#Vw2!Xk7@Lm4$"  # no run of 8 of its characters occurs in any text of ours
_BASELINE_OTHER = "Hy3%Tr8&Pw5*Gn6^"  # nor of these: the secret of a key-and-secret vendor


def _keyless_text(vendor: str, route: str, caplog: pytest.LogCaptureFixture, server: LoopbackServer) -> str:
    """Everything an error and the logs show for this route, with another key, and that key taken out."""
    if (vendor, route) not in _KEYLESS_TEXT:
        key = _hypothetical_key(vendor, _BASELINE_SECRET, _BASELINE_OTHER)
        caplog.clear()
        error = _call_through_route(vendor, key, route, caplog, server)
        text = _exposure(error) + _log_records_text(caplog.records)
        for form in sorted(secrets(vendor, key), key=len, reverse=True):
            text = text.replace(form, "")
        _KEYLESS_TEXT[vendor, route] = text
    return _KEYLESS_TEXT[vendor, route]


_ASYNC_ROUTES = ("json-body-unicode-escaped", "reason-phrase", "malformed-header-line", "location", "excerpt-cut-12")


@pytest.mark.anyio
@pytest.mark.parametrize("route", _ASYNC_ROUTES)
@pytest.mark.parametrize("vendor", VENDORS)
async def test_an_echoed_key_shows_nowhere_async(
    vendor: str, route: str, caplog: pytest.LogCaptureFixture, server: LoopbackServer
) -> None:
    key = API_KEYS[vendor]
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "storefronts"):
        caplog.set_level(logging.DEBUG, logger=name)
    server.replies.extend(ROUTES[route](echo(vendor, key)))
    async with storefronts.AsyncClient(vendor, api_key=key, base_url=server.base_url, max_retries=0) as client:
        with pytest.raises(StorefrontError) as caught:
            await client.update_order(ORDER_IDS[vendor], notes=NOTES, timeout=2.0)
    _assert_key_absent(_exposure(caught.value), vendor, key)
    _assert_key_absent(_log_records_text(caplog.records), vendor, key)
