"""Adding a vendor needs no core change: the throwaway tinywoo (HTTP Basic key and secret, a host per store,
numeric order ids, no envelope) runs the facade suite (every test parametrised over the vendors, in a subprocess
with tinywoo registered for the session: ``session.py``), then what only a key-and-secret vendor with a sandbox has."""

from __future__ import annotations

import base64
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from storefronts import Client, OrderStatus, Vendor
from storefronts.errors import (
    AuthenticationError,
    ConfigurationError,
    InvalidUpdateError,
    NotFoundError,
    UnsupportedUpdateError,
)
from storefronts.testing import SandboxServer, sandbox
from tests.facade.support import MODES, update
from tests.fourth_vendor.vendor import NAME, TABLE
from tests.support.loopback import LoopbackServer, Reply

KEY, SECRET = TABLE.api_key
ROOT = Path(__file__).resolve().parents[2]
SUBPROCESS_TIMEOUT_S = 300


def test_the_facade_suite_runs_over_the_fourth_vendor(tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    # the parent's xdist and current-test variables are this process's business, not the child session's
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}
    command = [sys.executable, "-m", "pytest", "tests/facade", "-q", "-x", "-p", "no:cacheprovider"]
    command += ["-p", "tests.fourth_vendor.session", f"--fourth-vendor-report={report_path}", "-n", "0"]
    run = subprocess.run(
        command, check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=SUBPROCESS_TIMEOUT_S
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    report = json.loads(report_path.read_text("utf-8"))
    over_the_registry, ran = set(report["over_the_registry"]), set(report["over_the_fourth_vendor"])
    assert over_the_registry - ran == set()  # every vendor-parametrised test took it in
    assert len(ran) >= len(over_the_registry) > 0
    # every selected case ran and passed, but those the table says tinywoo cannot have, each skipped saying so
    summary = run.stdout.strip().splitlines()[-1]
    passed = int(re.search(r"(\d+) passed", summary).group(1))  # type: ignore[union-attr]
    assert report["outcomes"] == {
        "passed": passed,
        **({"skipped": len(report["skipped"])} if report["skipped"] else {}),
    }
    assert passed + len(report["skipped"]) == report["selected"]
    assert all(NAME in reason for reason in report["skipped"].values()), report["skipped"]


@pytest.fixture
def server(fourth_vendor: Vendor) -> SandboxServer:
    with sandbox(fourth_vendor, api_key=f"{KEY}:{SECRET}") as running:  # the table's key, not a fresh one
        yield running  # type: ignore[misc]


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_an_update_goes_through_the_sandbox(mode: str, fourth_vendor: Vendor, server: SandboxServer) -> None:
    order = await update(mode, fourth_vendor, server, TABLE.sandbox_order_id, status="cancelled", notes="Left")
    assert (order.vendor, order.id, order.status, order.notes) == (fourth_vendor, "1001", OrderStatus.CANCELLED, "Left")
    assert server.orders["1001"]["status"] == "cancelled"
    sent = server.requests[-1]
    assert sent.headers["authorization"] == "Basic " + base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()
    assert sent.json == {"status": "cancelled", "customer_note": "Left"}


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_an_unknown_order_is_a_not_found_error(mode: str, fourth_vendor: Vendor, server: SandboxServer) -> None:
    with pytest.raises(NotFoundError) as caught:
        await update(mode, fourth_vendor, server, "999999", notes="x")
    assert (caught.value.code, caught.value.message) == TABLE.not_found


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
async def test_a_wrong_secret_is_an_authentication_error(
    mode: str, fourth_vendor: Vendor, server: SandboxServer
) -> None:
    with pytest.raises(AuthenticationError):
        await update(mode, fourth_vendor, server, "1001", options={"api_key": (KEY, "cs_SECRET-wrong-0000")}, notes="x")


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "case",
    [
        ("ord_1001", {"notes": "x"}, InvalidUpdateError),  # not a number: the adapter's order-id check
        ("1001", {"tags": ["VIP"]}, UnsupportedUpdateError),  # not in supported_updates
        ("1001", {"status": OrderStatus.ARCHIVED}, UnsupportedUpdateError),  # no tinywoo status of that meaning
    ],
)
async def test_what_the_vendor_cannot_take_is_refused_before_sending(
    mode: str, fourth_vendor: Vendor, server: SandboxServer, case: tuple[str, dict[str, object], type[Exception]]
) -> None:
    order_id, fields, error = case
    with pytest.raises(error):
        await update(mode, fourth_vendor, server, order_id, **fields)
    assert server.requests == []


def test_the_connection_is_declared_not_assumed(fourth_vendor: Vendor, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigurationError, match="no default base URL"):
        Client(fourth_vendor, api_key=(KEY, SECRET))
    with pytest.raises(ConfigurationError, match=r"consumer key, consumer secret") as caught:
        Client(fourth_vendor, api_key=KEY, base_url="https://shop.example")
    assert KEY not in str(caught.value)
    with pytest.raises(ConfigurationError, match="consumer secret") as caught:
        Client(fourth_vendor, api_key=(KEY, "with space"), base_url="https://shop.example")
    monkeypatch.delenv("TINYWOO_CONSUMER_KEY", raising=False)
    with pytest.raises(ConfigurationError, match=r"no API key .*TINYWOO_CONSUMER_KEY and TINYWOO_CONSUMER_SECRET"):
        Client(fourth_vendor, api_key="", base_url="https://shop.example")  # empty is missing, as for one key
    monkeypatch.setenv("TINYWOO_CONSUMER_KEY", KEY)
    monkeypatch.delenv("TINYWOO_CONSUMER_SECRET", raising=False)
    with pytest.raises(ConfigurationError, match="TINYWOO_CONSUMER_KEY and TINYWOO_CONSUMER_SECRET"):
        Client(fourth_vendor, base_url="https://shop.example")
    monkeypatch.setenv("TINYWOO_CONSUMER_SECRET", SECRET)
    with Client(fourth_vendor, base_url="https://shop.example") as client:
        assert client.base_url == "https://shop.example"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("echoed", ["key", "secret", "both"])
async def test_each_part_of_the_credential_is_redacted_alone(mode: str, fourth_vendor: Vendor, echoed: str) -> None:
    quoted = {"key": KEY, "secret": SECRET, "both": f"{KEY}:{SECRET}"}[echoed]
    body = TABLE.error(401, "woocommerce_rest_cannot_view", f"credential {quoted} was revoked")
    with LoopbackServer() as loopback:
        loopback.replies.append(Reply(401, json=body))
        with pytest.raises(AuthenticationError) as caught:
            await update(mode, fourth_vendor, loopback, "1001", notes="x")
    error = caught.value
    shown = " ".join(
        [str(error), repr(error), repr(error.body), error.response.text, str(error.response.request.headers)]
    )
    shown += pickle.dumps(error).decode("latin-1")
    for part in (KEY, SECRET, base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()):
        assert part not in shown
    assert "[redacted]" in str(error)


def test_copies_of_other_shops_take_their_own_key_and_secret(fourth_vendor: Vendor) -> None:
    with Client(fourth_vendor, api_key=(KEY, SECRET), base_url="https://one.example") as client:
        other = client.with_options(
            api_key=("ck_other-shop-key", "cs_other-shop-secret"), base_url="https://two.example"
        )
        assert other.base_url == "https://two.example"
        assert "ck_other" not in repr(other)
