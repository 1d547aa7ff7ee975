"""examples/demo.py: the sandbox run (``make demo``) works; ``--live`` plans and sends nothing without ``--apply``,
says in ``--help`` what it changes, and changes no status unless asked."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from types import ModuleType

import pytest

from tests.support.loopback import LoopbackServer
from tests.support.vendors import VENDORS
from tests.vendors import table

from .conftest import ENV_VARS, REPO_ROOT, child_env

DEMO = str(REPO_ROOT / "examples" / "demo.py")
LIVE_KEYS = {ENV_VARS["bitbybit"]: "bbk_live_demo", ENV_VARS["salesive"]: "app_live_demo"}
WIDE = "200"  # columns: rich wraps nothing the tests look for


def demo(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, DEMO, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=child_env(COLUMNS=WIDE, **env),
        cwd=REPO_ROOT,
        check=False,
    )


@pytest.fixture
def demo_here(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """examples/demo.py imported into this process, so that it sees every vendor registered here (a vendor a test
    registers for the session too), without any vendor's key in the environment."""
    monkeypatch.setenv("COLUMNS", WIDE)
    for name in {name for vendor in VENDORS for name in table(vendor).env_vars}:
        monkeypatch.delenv(name, raising=False)
    spec = importlib.util.spec_from_file_location("demo", DEMO)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sandbox_run_updates_an_order_on_every_vendor(
    demo_here: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert demo_here.main([]) == 0
    shown = capsys.readouterr().out
    for vendor in VENDORS:  # a key-and-secret vendor too: the sandbox's credential is its two parts
        assert f"{vendor}: updating order" in shown
    assert "skipped" not in shown
    assert f"The same order, {len(VENDORS)} vendors" in shown
    assert "cancelled" in shown  # the sandbox run shows a status change (on sandboxes only)


def test_make_demo_runs_the_sandbox_run() -> None:
    result = demo()
    assert result.returncode == 0, result.stderr
    assert "The same order, " in result.stdout and ": updating order" in result.stdout


@pytest.mark.parametrize("vendor", VENDORS)
def test_live_plans_an_update_on_every_vendor_and_sends_nothing(
    demo_here: ModuleType,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    server: LoopbackServer,
    vendor: str,
) -> None:
    entry = table(vendor)
    for name, part in zip(entry.env_vars, entry.key_parts, strict=True):
        monkeypatch.setenv(name, part)
    base_url = entry.default_base_url or server.base_url  # a per-store host: --base-url, here the loopback server
    where = () if entry.default_base_url else ("--base-url", f"{vendor}={base_url}")
    assert demo_here.main(["--live", "--order", f"{vendor}={entry.order_id}", *where]) == 0
    shown = capsys.readouterr().out
    assert f"{vendor}: would update order {entry.order_id}" in shown
    assert f"plan: PUT {base_url}/orders/{entry.order_id}" in shown
    header = entry.auth(entry.key_parts)[0]
    assert any(
        line.strip().lower().startswith(f"{header.lower()}: ") and "[masked]" in line for line in shown.splitlines()
    )
    assert all(part not in shown for part in entry.key_parts)
    assert server.requests == []


@pytest.mark.parametrize("vendor", VENDORS)
def test_live_without_a_stores_host_says_it_needs_one(
    demo_here: ModuleType, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, vendor: str
) -> None:
    entry = table(vendor)
    if entry.default_base_url is not None:
        pytest.skip(f"{vendor} has a default base URL: --base-url is optional")
    for name, part in zip(entry.env_vars, entry.key_parts, strict=True):
        monkeypatch.setenv(name, part)
    assert demo_here.main(["--live", "--order", f"{vendor}={entry.order_id}"]) == 0
    shown = capsys.readouterr().out
    assert f"{vendor}: skipped, no client can be built: {vendor} has no default base URL" in shown
    assert "would update" not in shown


def test_live_without_apply_sends_nothing_and_changes_no_status(server: LoopbackServer) -> None:
    # every request the demo could make would go through this "proxy", where it would be recorded
    proxy = {"HTTPS_PROXY": server.base_url, "HTTP_PROXY": server.base_url, "NO_PROXY": ""}
    result = demo("--live", "--order", "bitbybit=ord_live1", "--order", "salesive=ord_live2", **LIVE_KEYS, **proxy)
    assert result.returncode == 0, result.stderr
    assert server.requests == []
    assert "nothing is sent" in result.stdout
    assert "plan: PUT https://api.bitbybit.studio/customer/api/open/v1/orders/ord_live1" in result.stdout
    assert '"notes": "Leave at the door"' in result.stdout
    assert '"status"' not in result.stdout  # no status unless --status
    assert "bbk_live_demo" not in result.stdout and "x-api-key: [masked]" in result.stdout
    assert "launchmystore" not in result.stdout.split("nothing is sent", 1)[1].split("UnsupportedUpdateError")[0]


def test_live_plans_a_status_only_when_asked(server: LoopbackServer) -> None:
    proxy = {"HTTPS_PROXY": server.base_url, "NO_PROXY": ""}
    result = demo("--live", "--order", "salesive=ord_live2", "--status", "processing", **LIVE_KEYS, **proxy)
    assert result.returncode == 0, result.stderr
    assert '"status": "processing"' in result.stdout
    assert server.requests == []


def test_help_says_what_live_and_apply_change() -> None:
    result = demo("--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.replace("`", "").split())
    assert "sends nothing, unless --apply is also given" in text
    assert "notes (overwritten with --notes)" in text
    assert "status only when --status is given" in text
    assert "--apply" in text


def test_apply_needs_live() -> None:
    result = demo("--apply")
    assert result.returncode == 2
    assert "--apply only means something with --live" in result.stderr
