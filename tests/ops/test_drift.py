"""Drift warnings: a status value no adapter maps, or a field the adapter reads gone missing, is read leniently,
warned about once per (vendor, field, value) on ``storefronts.drift`` and counted in ``storefronts.drift.seen()``."""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import Any

import pytest

import storefronts
from storefronts import FulfillmentStatus, OrderStatus, PaymentStatus, _drift, drift
from storefronts._registry import adapter_for
from storefronts.testing import SandboxServer, sandbox
from tests.support.loopback import LoopbackServer, Reply
from tests.vendors import table

from .conftest import API_KEYS, ORDER_ID, SECRET_MARKER, VENDORS, ok_body, order_id, sync_client, without

# From the tables: a vendor's least order object holds its id field and every status field the adapter reads.
ID_FIELDS = {vendor: table(vendor).order_id_field for vendor in VENDORS}
STATUS_FIELDS = {
    vendor: tuple(name for name in table(vendor).small_order if name != ID_FIELDS[vendor]) for vendor in VENDORS
}


def _warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "storefronts.drift"]


def test_an_unknown_status_from_the_sandbox_warns_once_and_is_counted(caplog: pytest.LogCaptureFixture) -> None:
    with sandbox("bitbybit", validate_responses=False) as server:  # the vendor has started sending "on_hold"
        order_id = next(iter(server.orders))
        server.orders[order_id]["status"] = "on_hold"
        with storefronts.Client("bitbybit", api_key=server.api_key, base_url=server.base_url) as client:
            first = client.update_order(order_id, notes="one")
            second = client.update_order(order_id, notes="two")
    assert first.status is second.status is OrderStatus.UNKNOWN  # still read, leniently
    assert first.raw["status"] == "on_hold"
    (warning,) = _warnings(caplog)
    assert warning.levelno == logging.WARNING
    message = warning.getMessage()
    assert "bitbybit" in message and "'on_hold'" in message and "'status'" in message
    assert "make update-specs" in message
    assert (warning.vendor, warning.field, warning.value) == ("bitbybit", "status", "on_hold")  # type: ignore[attr-defined]
    assert drift.seen() == {("bitbybit", "status", "on_hold"): 2}


@pytest.mark.parametrize(("vendor", "field"), [(v, f) for v in VENDORS for f in STATUS_FIELDS[v]])
def test_every_status_field_of_every_vendor_is_watched(
    server: LoopbackServer, caplog: pytest.LogCaptureFixture, vendor: str, field: str
) -> None:
    server.replies.append(Reply(200, json=ok_body(vendor, **{field: "on_hold"})))
    with sync_client(vendor, server) as client:
        client.update_order(order_id(vendor), notes="hi")
    assert drift.seen() == {(vendor, field, "on_hold"): 1}
    assert len(_warnings(caplog)) == 1


@pytest.mark.parametrize(("vendor", "field"), [(v, f) for v in VENDORS for f in (*STATUS_FIELDS[v], ID_FIELDS[v])])
def test_a_field_the_adapter_reads_gone_missing_is_drift(
    server: LoopbackServer, caplog: pytest.LogCaptureFixture, vendor: str, field: str
) -> None:
    server.replies.append(Reply(200, json=without(vendor, field)))
    with sync_client(vendor, server) as client:
        client.update_order(order_id(vendor), notes="hi")
    assert drift.seen() == {(vendor, field, drift.MISSING): 1}
    (warning,) = _warnings(caplog)
    assert "no longer sends" in warning.getMessage() and "make update-specs" in warning.getMessage()


def test_values_of_the_wrong_type_are_counted_by_type(server: LoopbackServer) -> None:
    server.replies.extend(
        [Reply(200, json=ok_body("bitbybit", status=5)), Reply(200, json=ok_body("bitbybit", status=None))]
    )
    with sync_client("bitbybit", server) as client:
        client.update_order(ORDER_ID, notes="hi")
        client.update_order(ORDER_ID, notes="hi")
    assert drift.seen() == {("bitbybit", "status", "<int>"): 1, ("bitbybit", "status", "<null>"): 1}


def test_a_value_the_adapter_reads_on_purpose_is_not_drift(server: LoopbackServer) -> None:
    # LaunchMyStore documents a null fulfillment_status (unfulfilled); Salesive's "refunded" reads fulfilment UNKNOWN
    server.replies.extend(
        [
            Reply(200, json=ok_body("launchmystore", fulfillment_status=None)),
            Reply(200, json=ok_body("salesive", status="refunded")),
        ]
    )
    with sync_client("launchmystore", server) as client:
        assert client.update_order(ORDER_ID, notes="hi").fulfillment_status is FulfillmentStatus.UNFULFILLED
    with sync_client("salesive", server) as client:
        assert client.update_order(ORDER_ID, notes="hi").payment_status is PaymentStatus.REFUNDED
    assert drift.seen() == {}


@pytest.mark.parametrize("vendor", VENDORS)
def test_the_vendors_own_documented_orders_raise_no_drift(
    sandboxes: dict[str, SandboxServer], caplog: pytest.LogCaptureFixture, vendor: str
) -> None:
    """Every seeded sandbox order (answers checked against the vendor's spec): no false alarm."""
    server = sandboxes[vendor]
    with storefronts.Client(vendor, api_key=server.credential, base_url=server.base_url) as client:  # type: ignore[arg-type]
        for order_id in list(server.orders):
            with contextlib.suppress(storefronts.OrderClosedError):  # LaunchMyStore's cancelled seed order
                client.update_order(order_id, notes="drift check")
    assert drift.seen() == {}
    assert _warnings(caplog) == []


def test_counting_from_many_threads_warns_once_and_loses_no_count(caplog: pytest.LogCaptureFixture) -> None:
    adapter = adapter_for(storefronts.Vendor.BITBYBIT)
    order = storefronts.Order(vendor=storefronts.Vendor.BITBYBIT, id="1", raw={"id": "1", "status": "on_hold"})
    threads, calls = 8, 250
    barrier = threading.Barrier(threads)

    def work() -> None:
        barrier.wait()
        for _ in range(calls):
            _drift.check(adapter, order)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seen = drift.seen()
    assert seen[("bitbybit", "status", "on_hold")] == threads * calls
    assert len([w for w in _warnings(caplog) if w.value == "on_hold"]) == 1  # type: ignore[attr-defined]


def test_a_vendor_sending_a_new_value_every_time_cannot_grow_memory_or_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    adapter = adapter_for(storefronts.Vendor.SALESIVE)
    for n in range(drift.MAX_KEYS * 2):
        order = storefronts.Order(vendor=storefronts.Vendor.SALESIVE, id="1", raw={"_id": "1", "status": f"s{n}"})
        _drift.check(adapter, order)
    seen = drift.seen()
    assert len(seen) == drift.MAX_KEYS + 1
    assert seen[("salesive", "status", drift.OTHER)] == drift.MAX_KEYS
    assert len(_warnings(caplog)) == drift.MAX_KEYS + 1


def test_a_hostile_value_is_cut_escaped_and_never_carries_the_key(
    server: LoopbackServer, caplog: pytest.LogCaptureFixture
) -> None:
    key = API_KEYS["launchmystore"]
    server.replies.append(Reply(200, json=ok_body("launchmystore", status=f"{key}\n\x1b[2J" + "y" * 1000)))
    with sync_client("launchmystore", server) as client:
        client.update_order(ORDER_ID, notes="hi")
    ((_, _, value),) = drift.seen()
    assert SECRET_MARKER not in value and value.isprintable() and len(value) < 200
    assert all(SECRET_MARKER not in record.getMessage() for record in caplog.records)


def test_a_failing_log_handler_never_makes_drift_an_exception(server: LoopbackServer) -> None:
    class Exploding(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            raise RuntimeError("the log pipeline is down")

        def handleError(self, record: logging.LogRecord) -> None:
            pass  # as logging.raiseExceptions = False in production: swallowed

    handler = Exploding()
    logging.getLogger("storefronts.drift").addHandler(handler)
    try:
        server.replies.append(Reply(200, json=ok_body("bitbybit", status="on_hold")))
        with sync_client("bitbybit", server) as client:
            assert client.update_order(ORDER_ID, notes="hi").status is OrderStatus.UNKNOWN
    finally:
        logging.getLogger("storefronts.drift").removeHandler(handler)


def test_drift_is_a_public_submodule() -> None:
    assert storefronts.drift is drift
    assert "drift" in storefronts.__all__
    assert drift.seen() == {}
    seen: Any = drift.seen()
    seen[("x", "y", "z")] = 1  # a copy: the caller cannot change the counts
    assert drift.seen() == {}
