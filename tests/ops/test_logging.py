"""Structured log records: every call's start and outcome at DEBUG, each retry at INFO, all carrying the same
indexable attributes; STOREFRONTS_LOG switches a stderr handler on without code; nothing secret in any record."""

from __future__ import annotations

import logging
import textwrap
from typing import Any

import pytest

import storefronts
from storefronts import _logging
from tests.support.loopback import LoopbackServer, Reply

from .conftest import (
    API_KEYS,
    ORDER_ID,
    REQUEST_ID,
    SECRET_MARKER,
    VENDORS,
    async_client,
    ok_body,
    order_id,
    run_python,
    sync_client,
)

FIELDS = ("vendor", "operation", "order_id", "attempt", "status_code", "elapsed_ms", "request_id")


def _records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "storefronts"]


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in FIELDS}


def _assert_clean(records: list[logging.LogRecord]) -> None:
    for record in records:
        text = record.getMessage() + repr(record.__dict__) + logging.Formatter().format(record)
        assert SECRET_MARKER not in text


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_call_logs_its_start_and_outcome_at_debug_with_every_field(
    server: LoopbackServer, caplog: pytest.LogCaptureFixture, vendor: str
) -> None:
    the_order = order_id(vendor)
    server.replies.append(Reply(200, json=ok_body(vendor), headers={"X-Request-Id": REQUEST_ID}))
    caplog.set_level(logging.DEBUG, logger="storefronts")
    with sync_client(vendor, server) as client:
        client.update_order(the_order, notes="hi")
    start, outcome = _records(caplog)
    assert start.levelno == outcome.levelno == logging.DEBUG
    assert _fields(start) == {
        "vendor": vendor,
        "operation": "update_order",
        "order_id": the_order,
        "attempt": None,
        "status_code": None,
        "elapsed_ms": None,
        "request_id": None,
    }
    fields = _fields(outcome)
    assert isinstance(fields.pop("elapsed_ms"), float)
    assert fields == {
        "vendor": vendor,
        "operation": "update_order",
        "order_id": the_order,
        "attempt": 1,
        "status_code": 200,
        "request_id": REQUEST_ID,
    }
    assert the_order in outcome.getMessage() and "HTTP 200" in outcome.getMessage()
    _assert_clean([start, outcome])


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("vendor", VENDORS)
def test_each_retry_is_one_info_record_with_the_order_id_and_the_failed_attempt(
    server: LoopbackServer, caplog: pytest.LogCaptureFixture, vendor: str
) -> None:
    server.replies.extend(
        [
            Reply(503, headers={"X-Request-Id": "req-first"}),
            Reply(close_before_status=True),
            Reply(200, json=ok_body(vendor), headers={"Request-Id": "req-third"}),
        ]
    )
    the_order = order_id(vendor)
    caplog.set_level(logging.INFO, logger="storefronts")
    with sync_client(vendor, server) as client:
        client.update_order(the_order, notes="hi")
    first, second = _records(caplog)  # INFO: the DEBUG start and outcome are not there
    assert first.levelno == second.levelno == logging.INFO
    assert (first.order_id, first.attempt, first.status_code, first.request_id) == (the_order, 1, 503, "req-first")  # type: ignore[attr-defined]
    assert (second.order_id, second.attempt, second.status_code, second.request_id) == (the_order, 2, None, None)  # type: ignore[attr-defined]
    for record in (first, second):
        assert record.vendor == vendor and record.operation == "update_order"  # type: ignore[attr-defined]
        assert isinstance(record.elapsed_ms, float) and record.elapsed_ms >= 0  # type: ignore[attr-defined]
        assert repr(the_order) in record.getMessage()
    _assert_clean([first, second])


@pytest.mark.anyio
@pytest.mark.usefixtures("fast_backoff")
async def test_the_async_twin_logs_the_same_records(server: LoopbackServer, caplog: pytest.LogCaptureFixture) -> None:
    server.replies.extend([Reply(502), Reply(200, json=ok_body("salesive"), headers={"X-Request-Id": REQUEST_ID})])
    caplog.set_level(logging.DEBUG, logger="storefronts")
    async with async_client("salesive", server) as client:
        await client.update_order(ORDER_ID, notes="hi")
    start, retry, outcome = _records(caplog)
    assert [r.levelno for r in (start, retry, outcome)] == [logging.DEBUG, logging.INFO, logging.DEBUG]
    assert (retry.attempt, retry.status_code) == (1, 502)  # type: ignore[attr-defined]
    assert (outcome.attempt, outcome.status_code, outcome.request_id) == (2, 200, REQUEST_ID)  # type: ignore[attr-defined]


def test_a_failed_call_logs_its_error_class_and_last_status(
    server: LoopbackServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.replies.append(Reply(404, json={"error": {"code": "NOT_FOUND", "message": "no"}}))
    caplog.set_level(logging.DEBUG, logger="storefronts")
    with sync_client("bitbybit", server) as client, pytest.raises(storefronts.NotFoundError):
        client.update_order(ORDER_ID, notes="hi")
    outcome = _records(caplog)[-1]
    assert (outcome.status_code, outcome.attempt, outcome.error_type) == (404, 1, "NotFoundError")  # type: ignore[attr-defined]
    assert "failed with NotFoundError" in outcome.getMessage()


def test_a_call_refused_before_sending_logs_no_attempt(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="storefronts")
    client = storefronts.Client("bitbybit", api_key=API_KEYS["bitbybit"], base_url="http://127.0.0.1:9")
    with pytest.raises(storefronts.UnsupportedUpdateError):
        client.update_order(ORDER_ID, tags=["a"])
    outcome = _records(caplog)[-1]
    assert (outcome.attempt, outcome.status_code, outcome.error_type) == (None, None, "UnsupportedUpdateError")  # type: ignore[attr-defined]


def test_a_hostile_request_id_is_cut_escaped_and_redacted(
    server: LoopbackServer, caplog: pytest.LogCaptureFixture
) -> None:
    key = API_KEYS["launchmystore"]
    hostile = f"{key}\x1b[31m" + "x" * 500
    server.replies.append(Reply(200, json=ok_body("launchmystore"), headers={"X-Request-Id": hostile}))
    caplog.set_level(logging.DEBUG, logger="storefronts")
    with sync_client("launchmystore", server) as client:
        client.update_order(ORDER_ID, notes="hi")
    request_id = _records(caplog)[-1].request_id  # type: ignore[attr-defined]
    assert request_id.startswith("[redacted]\\x1b[31mxxx")
    assert len(request_id) < _logging.MAX_LOGGED_CHARS + 20
    assert request_id.isprintable()
    _assert_clean(_records(caplog))


def test_a_logger_without_debug_enabled_gets_no_records(
    server: LoopbackServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.replies.append(Reply(200, json=ok_body("bitbybit")))
    caplog.set_level(logging.WARNING, logger="storefronts")
    with sync_client("bitbybit", server) as client:
        client.update_order(ORDER_ID, notes="hi")
    assert _records(caplog) == []


# -- STOREFRONTS_LOG, in a fresh interpreter (the handler is installed at import) --------------------------------

_CHILD = textwrap.dedent(
    """
    import logging
    from storefronts import Client, _retries
    from storefronts.testing import sandbox

    _retries.INITIAL_RETRY_DELAY_S = _retries.MAX_RETRY_DELAY_S = 0.001
    logging.getLogger("app").warning("the app's own record")  # untouched: no root handler is installed
    with sandbox("bitbybit", api_key="bbk_live_SECRET-child-key") as server:
        server.fail_next(1, status=503)
        with Client("bitbybit", api_key=server.api_key, base_url=server.base_url) as client:
            client.update_order(next(iter(server.orders)), notes="hi")
    """
)


def test_storefronts_log_debug_prints_every_record_to_stderr_with_its_fields() -> None:
    result = run_python(_CHILD, STOREFRONTS_LOG="debug")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if " storefronts: " in line]
    assert [line.split()[2] for line in lines] == ["DEBUG", "INFO", "DEBUG"]
    assert "vendor=bitbybit operation=update_order order_id=ord_" in lines[0]
    assert "attempt=1 status_code=503" in lines[1]
    assert "attempt=2 status_code=200 elapsed_ms=" in lines[2]
    assert SECRET_MARKER not in result.stderr + result.stdout


def test_storefronts_log_info_prints_retries_only() -> None:
    result = run_python(_CHILD, STOREFRONTS_LOG="INFO")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if " storefronts: " in line]
    assert len(lines) == 1 and " INFO storefronts: retrying bitbybit update_order order 'ord_" in lines[0]


def test_without_storefronts_log_nothing_is_printed() -> None:
    result = run_python(_CHILD)
    assert result.returncode == 0, result.stderr
    assert "storefronts" not in result.stderr


def test_configure_from_env_installs_one_handler_however_often_it_runs() -> None:
    logger = logging.getLogger("storefronts")
    level, handlers = logger.level, list(logger.handlers)
    try:
        first = _logging.configure_from_env({"STOREFRONTS_LOG": "debug"})
        second = _logging.configure_from_env({"STOREFRONTS_LOG": "debug"})
        assert first is second is not None
        assert logger.handlers.count(first) == 1
        assert _logging.configure_from_env({"STOREFRONTS_LOG": "verbose"}) is None
    finally:
        logger.handlers[:] = handlers
        logger.setLevel(level)
