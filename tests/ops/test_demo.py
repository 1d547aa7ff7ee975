"""examples/demo.py: the sandbox run (``make demo``) works; ``--live`` plans and sends nothing without ``--apply``,
says in ``--help`` what it changes, and changes no status unless asked."""

from __future__ import annotations

import subprocess
import sys

from tests.support.loopback import LoopbackServer
from tests.support.vendors import VENDORS

from .conftest import ENV_VARS, REPO_ROOT, child_env

DEMO = str(REPO_ROOT / "examples" / "demo.py")
LIVE_KEYS = {ENV_VARS["bitbybit"]: "bbk_live_demo", ENV_VARS["salesive"]: "app_live_demo"}


def demo(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, DEMO, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=child_env(COLUMNS="200", **env),
        cwd=REPO_ROOT,
        check=False,
    )


def test_the_sandbox_run_updates_an_order_on_every_vendor() -> None:
    result = demo()
    assert result.returncode == 0, result.stderr
    for vendor in VENDORS:
        assert f"{vendor}: updating order" in result.stdout
    assert "The same order, three vendors" in result.stdout
    assert "cancelled" in result.stdout  # the sandbox run shows a status change (on sandboxes only)


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
