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

__all__ = ["VENDORS"]  # the ops tests import it from here
REPO_ROOT = Path(__file__).resolve().parents[2]
ORDER_ID = "ord_1001"
REQUEST_ID = "req-7f3a9c"

# Marked keys: a test greps every record, span and output for SECRET-.
API_KEYS = {
    "bitbybit": "bbk_live_SECRET-ops-1a2b3c4d",
    "salesive": "app_live_SECRET-ops-5e6f7a8b",
    "launchmystore": "lms_tok_SECRET-ops-9c0d1e2f",
}
SECRET_MARKER = "SECRET-"
ENV_VARS = {
    "bitbybit": "BITBYBIT_API_KEY",
    "salesive": "SALESIVE_APP_TOKEN",
    "launchmystore": "LAUNCHMYSTORE_ACCESS_TOKEN",
}

ORDER_OBJECTS: dict[str, dict[str, Any]] = {
    "bitbybit": {"id": ORDER_ID, "status": "active", "financialStatus": "paid", "fulfillmentStatus": "unfulfilled"},
    "salesive": {"_id": ORDER_ID, "status": "paid"},
    "launchmystore": {
        "id": ORDER_ID,
        "status": "confirmed",
        "financial_status": "paid",
        "fulfillment_status": None,
    },
}


def ok_body(vendor: str, **changes: Any) -> dict[str, Any]:
    """A successful update in the vendor's envelope, with ``changes`` made to its order object."""
    data = {**ORDER_OBJECTS[vendor], **changes}
    if vendor == "salesive":
        return {"status": 200, "success": True, "message": "Order updated", "data": data}
    if vendor == "launchmystore":
        return {"success": True, "data": data}
    return {"data": data}


def without(vendor: str, field: str) -> dict[str, Any]:
    body = ok_body(vendor)
    del body["data"][field]
    return body


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
