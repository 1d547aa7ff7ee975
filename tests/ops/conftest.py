"""What the operability tests share: one loopback server and one sandbox per vendor for the package, clients on
them, each vendor's success body, and a fast backoff (waits are the retry policy's, shrunk; nothing here sleeps)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import storefronts
from storefronts import _retries, drift
from storefronts.testing import SandboxServer, sandbox
from tests.support.loopback import LoopbackServer
from tests.support.vendors import VENDORS
from tests.vendors import SECRET_MARKER, table

__all__ = ["SECRET_MARKER", "VENDORS"]  # the ops tests import them from here
REPO_ROOT = Path(__file__).resolve().parents[2]
ORDER_ID = "ord_1001"
"""The order a test that takes one vendor as its example updates; a test over every vendor takes :func:`order_id`."""
REQUEST_ID = "req-7f3a9c"

# From the vendors' tables (tests/vendors/<vendor>.py): marked keys (a test greps every record, span and output
# for SECRET_MARKER), each vendor's environment variable and its least order object (its id is ORDER_ID).
API_KEYS: dict[str, Any] = {vendor: table(vendor).marked_key for vendor in VENDORS}
ENV_VARS = {vendor: table(vendor).env_vars[0] for vendor in VENDORS}
ORDER_OBJECTS: dict[str, dict[str, Any]] = {vendor: dict(table(vendor).small_order) for vendor in VENDORS}


def order_id(vendor: str) -> str:
    """An order id of the vendor's form (some take numbers only): the one a test over every vendor updates."""
    return table(vendor).order_id


def ok_body(vendor: str, **changes: Any) -> dict[str, Any]:
    """A successful update in the vendor's envelope (if it has one), with ``changes`` made to its order object."""
    return table(vendor).ok(**changes)


def without(vendor: str, field: str) -> Any:
    """A successful update whose order object lacks ``field``."""
    entry = table(vendor)
    return entry.success({name: value for name, value in entry.small_order.items() if name != field})


@pytest.fixture(scope="package")
def _package_server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as loopback:
        yield loopback


@pytest.fixture
def server(_package_server: LoopbackServer) -> Iterator[LoopbackServer]:
    _package_server.clear()
    yield _package_server
    _package_server.clear()


@pytest.fixture(scope="package")
def sandboxes() -> Iterator[dict[str, SandboxServer]]:
    """One running sandbox per vendor for the package (each test reads its own requests from the end)."""
    servers = {vendor: sandbox(vendor).start() for vendor in VENDORS}
    yield servers
    for running in servers.values():
        running.close()


@pytest.fixture
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_retries, "INITIAL_RETRY_DELAY_S", 0.001)
    monkeypatch.setattr(_retries, "MAX_RETRY_DELAY_S", 0.004)


@pytest.fixture(autouse=True)
def _fresh_drift() -> Iterator[None]:
    drift.reset()
    yield
    drift.reset()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def sync_client(vendor: str, server: LoopbackServer, **options: Any) -> storefronts.Client:
    return storefronts.Client(vendor, api_key=API_KEYS[vendor], base_url=server.base_url, **options)  # type: ignore[arg-type]


def async_client(vendor: str, server: LoopbackServer, **options: Any) -> storefronts.AsyncClient:
    return storefronts.AsyncClient(vendor, api_key=API_KEYS[vendor], base_url=server.base_url, **options)  # type: ignore[arg-type]


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child interpreter: ours, without any storefronts setting or vendor key, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STOREFRONTS_") and k not in ENV_VARS.values()}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH", "")]))
    return {**env, **extra}


def run_python(code: str, *, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=child_env(**env),
        cwd=REPO_ROOT,
        check=False,
    )


def json_bytes(value: Any) -> bytes:
    return json.dumps(value).encode()
