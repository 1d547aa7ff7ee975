"""The API key never shows: not in a client's repr, an error, a log record at any level, or pytest's failure output."""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import textwrap
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

import storefronts
from storefronts.errors import StorefrontError
from tests.reliability.conftest import (
    API_KEYS,
    NOTES,
    ORDER_ID,
    SECRET_MARKER,
    VENDORS,
    async_client,
    ok_json,
    sync_client,
)
from tests.support.loopback import LoopbackServer, Reply

pytestmark = pytest.mark.usefixtures("fast_backoff")

UNAUTHORIZED_BODIES = {
    "bitbybit": {"error": {"code": "UNAUTHORIZED", "message": "Invalid API key"}},
    "salesive": {"status": 401, "success": False, "message": "Invalid or revoked app token", "data": None},
    "launchmystore": {"success": False, "error": {"code": "UNAUTHORIZED", "message": "Invalid access token"}},
}


def _echoing_401(vendor: str) -> Reply:
    """Some APIs quote the credential they refuse: our messages must not pass it on."""
    return Reply(401, json={"error": {"code": "UNAUTHORIZED", "message": f"key {API_KEYS[vendor]} is revoked"}})


SCENARIOS: dict[str, Callable[[str], list[Reply]]] = {
    "401": lambda vendor: [Reply(401, json=UNAUTHORIZED_BODIES[vendor])],
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
    assert API_KEYS[vendor] not in text
    assert SECRET_MARKER not in text, text


def _everything_printable(error: BaseException) -> str:
    """What printing, logging or formatting the error (and the errors it chains) could show."""
    parts = [str(error), repr(error), repr(error.args), "".join(traceback.format_exception(error))]
    for name in ("message", "vendor", "order_id", "code", "path", "status_code", "retry_after"):
        parts.append(repr(getattr(error, name, None)))
    response = getattr(error, "response", None)
    if response is not None:
        parts.append(repr(response))
    return "\n".join(parts)


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
        assert API_KEYS[vendor] in header_value  # it is still the credential on the wire ...
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
        client.update_order(ORDER_ID, notes=NOTES, timeout=0.3, max_retries=0)
    _assert_clean(_everything_printable(caught.value), vendor)


@pytest.mark.anyio
@pytest.mark.parametrize("scenario", ["401", "401-echoing-the-key", "timeout", "reset-mid-body", "too-large"])
@pytest.mark.parametrize("vendor", VENDORS)
async def test_async_errors_never_carry_the_key(server: LoopbackServer, vendor: str, scenario: str) -> None:
    server.replies.extend(SCENARIOS[scenario](vendor))
    async with async_client(vendor, server) as client:
        with pytest.raises(StorefrontError) as caught:
            await client.update_order(ORDER_ID, notes=NOTES, timeout=0.3, max_retries=0)
    _assert_clean(_everything_printable(caught.value), vendor)


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
    assert wrong_prefix not in _everything_printable(caught.value)
    with pytest.raises(storefronts.ConfigurationError) as caught:
        storefronts.Client("bitbybit", api_key=API_KEYS["bitbybit"], base_url="http://api.example.com")
    _assert_clean(_everything_printable(caught.value), "bitbybit")


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
        Reply(401, json=UNAUTHORIZED_BODIES[vendor]),
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
                client.update_order(ORDER_ID, notes=NOTES, timeout=0.3, max_retries=1)
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
                await client.update_order(ORDER_ID, notes=NOTES, timeout=0.3, max_retries=1)
            except StorefrontError as error:
                logging.getLogger("app").exception("update failed: %s", error)
    stack = {"storefronts", "httpx", "httpcore"} if transport == "httpx" else {"storefronts", "httpx"}
    assert stack <= {record.name.split(".")[0] for record in caplog.records}  # aiohttp's client logs nothing here
    _assert_clean(_log_text(caplog), vendor)


# -- pytest's own failure report --------------------------------------------------------------------------------------

_FAILING_TESTS = textwrap.dedent(
    """
    import os

    import pytest

    import storefronts

    URL = os.environ["RELIABILITY_URL"]


    @pytest.fixture
    def anyio_backend():
        return "asyncio"


    @pytest.mark.parametrize("vendor", ["bitbybit", "salesive", "launchmystore"])
    def test_update_rejected(vendor):
        client = storefronts.Client(vendor, api_key=os.environ["KEY_" + vendor], base_url=URL)
        assert client.update_order("ord_1001", notes="x")


    @pytest.mark.anyio
    @pytest.mark.parametrize("vendor", ["bitbybit", "salesive", "launchmystore"])
    async def test_update_rejected_async(vendor):
        client = storefronts.AsyncClient(vendor, api_key=os.environ["KEY_" + vendor], base_url=URL)
        assert await client.update_order("ord_1001", notes="x")


    @pytest.mark.parametrize("vendor", ["bitbybit", "salesive", "launchmystore"])
    def test_update_unreachable(vendor):
        client = storefronts.Client(vendor, api_key=os.environ["KEY_" + vendor], base_url=URL, max_retries=0)
        assert client.update_order("ord_1001", notes="x", timeout=0.3)
    """
)


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
            server.replies.extend([Reply(401, json={"message": "Unauthorized"}) for _ in range(6)])
            server.replies.extend([Reply(close_before_status=True) for _ in range(3)])
            env: dict[str, str] = {**os.environ, "RELIABILITY_URL": server.base_url}
            env.update({f"KEY_{vendor}": key for vendor, key in API_KEYS.items()})
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
        assert "9 failed" in output, output
        assert "AuthenticationError" in output
        assert "APIConnectionError" in output
        for vendor in VENDORS:
            _assert_clean(output, vendor)
