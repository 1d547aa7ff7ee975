"""The ops CLI, end to end: the console script and ``python -m storefronts`` as subprocesses, against sandboxes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from storefronts import _cli
from storefronts.testing import SandboxServer

from .conftest import ENV_VARS, REPO_ROOT, child_env

SCRIPT = Path(sys.executable).parent / "storefronts"  # the console script pip made from [project.scripts]


def cli(*args: str, key: str | None = None, vendor: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    extra = dict(env)
    if key is not None and vendor is not None:
        extra[ENV_VARS[vendor]] = key
    return subprocess.run(
        [sys.executable, "-m", "storefronts", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=child_env(**extra),
        cwd=REPO_ROOT,
        check=False,
    )


def _order(server: SandboxServer) -> str:
    return next(iter(server.orders))


def _assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout


def test_update_order_prints_the_plan_sends_and_shows_the_normalised_order(
    sandboxes: dict[str, SandboxServer],
) -> None:
    server = sandboxes["bitbybit"]
    order_id = _order(server)
    sent_before = len(server.requests)
    result = cli(
        "update-order", "bitbybit", order_id, "--status", "archived", "--notes", "by hand",
        "--base-url", server.base_url, key=server.api_key, vendor="bitbybit",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(server.requests) == sent_before + 1
    assert server.requests[-1].json == {"status": "archived", "notes": "by hand"}
    assert f"PUT {server.order_url(order_id)}" in result.stderr  # the plan, on stderr
    assert "x-api-key: [masked]" in result.stderr
    rows = dict(line.split(None, 1) for line in result.stdout.splitlines())
    assert (rows["id"], rows["status"], rows["notes"]) == (order_id, "archived", "by hand")
    assert server.api_key not in result.stdout + result.stderr


def test_json_output_is_the_normalised_order(sandboxes: dict[str, SandboxServer]) -> None:
    server = sandboxes["salesive"]
    order_id = _order(server)
    result = cli(
        "update-order", "salesive", order_id, "--shipping-cost", "12.50", "--json", "--base-url", server.base_url,
        key=server.api_key, vendor="salesive",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    order: dict[str, Any] = json.loads(result.stdout)
    assert (order["vendor"], order["id"], order["shipping_cost"]) == ("salesive", order_id, "12.5")
    assert order["raw"]["_id"] == order_id
    assert server.requests[-1].json == {"shippingCost": 12.5}


def test_dry_run_sends_nothing_and_prints_the_plan(sandboxes: dict[str, SandboxServer], tmp_path: Path) -> None:
    server = sandboxes["launchmystore"]
    key_file = tmp_path / "key"
    key_file.write_text(server.api_key + "\n")  # as `echo` writes it
    sent_before = len(server.requests)
    common = ("update-order", "launchmystore", "ord_abc123", "--tags", "VIP,gift", "--email", "a@example.com")
    where = ("--base-url", server.base_url, "--api-key-file", str(key_file), "--dry-run")
    text = cli(*common, *where)
    as_json = cli(*common, *where, "--json")
    assert len(server.requests) == sent_before
    assert text.returncode == as_json.returncode == 0, text.stderr + as_json.stderr
    assert "Dry run, nothing sent" in text.stdout
    assert f"PUT {server.order_url('ord_abc123')}" in text.stdout
    assert "Authorization: Bearer [masked]" in text.stdout
    document = json.loads(as_json.stdout)
    assert document["dry_run"] is True
    assert document["plan"]["json"] == {"tags": ["VIP", "gift"], "email": "a@example.com"}
    assert document["plan"]["headers"]["Authorization"] == "Bearer [masked]"
    assert server.api_key not in text.stdout + text.stderr + as_json.stdout + as_json.stderr


@pytest.mark.parametrize(
    ("vendor", "args", "code", "error"),
    [
        ("bitbybit", ("--tags", "a"), _cli.EXIT_REFUSED_BEFORE_SENDING, "UnsupportedUpdateError"),
        ("bitbybit", (), _cli.EXIT_REFUSED_BEFORE_SENDING, "InvalidUpdateError"),
        ("launchmystore", ("--notes", "x"), _cli.EXIT_VENDOR_REFUSED, "OrderClosedError"),
    ],
)
def test_each_error_family_has_its_exit_code_and_one_line_on_stderr(
    sandboxes: dict[str, SandboxServer], vendor: str, args: tuple[str, ...], code: int, error: str
) -> None:
    server = sandboxes[vendor]
    order_id = "ord_ghi789" if error == "OrderClosedError" else _order(server)  # LaunchMyStore's cancelled order
    sent_before = len(server.requests)
    result = cli(
        "update-order", vendor, order_id, *args, "--base-url", server.base_url, key=server.api_key, vendor=vendor
    )
    assert result.returncode == code
    assert result.stderr.splitlines()[-1].startswith(f"storefronts: {error}: ")
    assert result.stdout == ""
    _assert_no_traceback(result)
    if code == _cli.EXIT_REFUSED_BEFORE_SENDING:
        assert len(server.requests) == sent_before


def test_no_key_is_a_configuration_error(sandboxes: dict[str, SandboxServer]) -> None:
    result = cli("update-order", "salesive", "x", "--notes", "n", "--base-url", sandboxes["salesive"].base_url)
    assert result.returncode == _cli.EXIT_CONFIGURATION
    assert "SALESIVE_APP_TOKEN" in result.stderr
    _assert_no_traceback(result)


def test_a_wrong_key_is_a_vendor_refusal_that_never_shows_the_key(sandboxes: dict[str, SandboxServer]) -> None:
    server = sandboxes["bitbybit"]
    wrong = "bbk_wrong_SECRET-cli-key"
    result = cli("update-order", "bitbybit", _order(server), "--notes", "n", "--base-url", server.base_url,
                 key=wrong, vendor="bitbybit")  # fmt: skip
    assert result.returncode == _cli.EXIT_VENDOR_REFUSED
    assert "AuthenticationError" in result.stderr
    assert wrong not in result.stdout + result.stderr
    _assert_no_traceback(result)


def test_no_answer_has_its_own_exit_code() -> None:
    result = cli("update-order", "bitbybit", "ord_1", "--notes", "n", "--base-url", "http://127.0.0.1:9",
                 key="bbk_any", vendor="bitbybit")  # fmt: skip
    assert result.returncode == _cli.EXIT_NO_ANSWER
    assert "APIConnectionError" in result.stderr
    _assert_no_traceback(result)


def test_there_is_no_api_key_argument_and_values_are_checked() -> None:
    for args in (("--api-key", "k"), ("--status", "canceled"), ("--discount", "lots")):
        result = cli("update-order", "bitbybit", "ord_1", *args)
        assert result.returncode == _cli.EXIT_USAGE
        _assert_no_traceback(result)


def test_capabilities_show_the_matrix_and_the_mapping() -> None:
    everything = cli("capabilities")
    one = cli("capabilities", "salesive")
    assert everything.returncode == one.returncode == 0
    assert "| `update_order` argument | bitbybit | salesive | launchmystore |" in everything.stdout
    assert "| `update_order` argument | salesive |" in one.stdout
    assert "### Status mapping" in one.stdout and "bitbybit" not in one.stdout


def test_the_console_script_and_help_document_the_exit_codes() -> None:
    result = subprocess.run(
        [str(SCRIPT), "update-order", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env=child_env(),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for _, code, meaning in _cli.EXIT_CODES:
        assert f"{code}  {meaning}" in result.stdout
    assert "--api-key-file" in result.stdout and "--dry-run" in result.stdout


def test_the_sandbox_command_serves_until_interrupted() -> None:
    process = subprocess.Popen(
        [str(SCRIPT), "sandbox", "salesive"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=REPO_ROOT,
    )
    try:
        assert process.stdout is not None
        lines = {}
        for line in process.stdout:
            name, _, value = line.partition(": ")
            lines[name] = value.strip()
            if name == "try":
                break
        order_id = lines["orders"].split(", ")[0]
        update = cli("update-order", "salesive", order_id, "--notes", "from the cli", "--json",
                     "--base-url", lines["base_url"], key=lines["api_key"], vendor="salesive")  # fmt: skip
        assert update.returncode == 0, update.stderr
        assert json.loads(update.stdout)["notes"] == "from the cli"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
