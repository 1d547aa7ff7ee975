"""Sandbox vendor servers: test code that talks to bitbybit, Salesive or LaunchMyStore without credentials.

``sandbox(vendor)`` runs a real HTTP server on 127.0.0.1 (a free port, a background thread) that answers
``PUT /orders/{id}`` as the vendor's spec and documentation say, from an in-memory store of realistic orders::

    from storefronts.testing import sandbox

    with sandbox("salesive") as server:              # or: async with sandbox("salesive") as server
        client = Client("salesive", api_key=server.api_key, base_url=server.base_url)
        client.update_order("66b1f0a3c2d4e5f6a7b8c9d0", notes="Gift wrap")
        assert server.orders["66b1f0a3c2d4e5f6a7b8c9d0"]["notes"] == "Gift wrap"
        assert server.requests[-1].headers["authorization"] == f"Bearer {server.api_key}"

What a sandbox gives:
    ``server.base_url`` (with the vendor's path prefix, e.g. ``http://127.0.0.1:PORT/api/v1``), ``server.api_key``
    (a credential it accepts), ``server.orders`` (order id -> the order as the vendor returns it: three seed
    orders per vendor, bitbybit ``ord_...``, Salesive 24-hex ObjectIds, LaunchMyStore ``ord_abc123``,
    ``ord_def456`` and the cancelled ``ord_ghi789``), ``server.requests`` (every request received, as
    :class:`RecordedRequest`: ``.json`` is its body parsed, None when empty or not JSON) and ``server.order_url(id)``.

What it does, per vendor (the shared flow in ``_vendors.py``, each vendor's rules in ``_sandboxes/<vendor>.py``):
    the vendor's credential header (401 in the vendor's error format when missing or wrong); scopes (Salesive's
    403 ``Insufficient scope`` with ``sandbox("salesive", scopes={"READ_ORDERS"})``); the body validated against
    the request schema of the vendor's spec (bitbybit 400 ``VALIDATION_ERROR``, Salesive 400 envelope,
    LaunchMyStore 422 ``VALIDATION_ERROR`` with per-field ``details``); 404 for an unknown id; Salesive's whitelist
    (unknown body fields ignored, listed in the recorded request's ``ignored_fields``); LaunchMyStore's
    tags-replace rule and 409 ``ORDER_CLOSED`` on a cancelled order; the updated order in the vendor's envelope,
    its ``updatedAt``/``updated_at`` advanced to now. Every answer is checked against the spec before it is sent.

Fault injection, for reliability tests:
    ``server.fail_next(n, status=503, retry_after=None, body=None)``, ``server.drop_next(n)`` (hang up without
    answering) and ``server.latency = 0.2`` (seconds added before every answer).

Retries without waiting: ``with instant_retries() as waits:`` makes every client retry at once and records the
waits it skipped, so a suite's retry paths take no wall time (the fixture ``storefronts_instant_retries`` does the
same for one test).

Rate limits, for bulk jobs' tests:
    ``sandbox(vendor, rate_limit=N)`` answers 429 with Retry-After beyond N requests per clock second per
    credential; ``server.throttle(seconds)`` refuses everything for a while; ``server.refused`` counts the 429s,
    and every recorded request has ``received_at`` (``time.monotonic()``) and ``refused``.

pytest fixtures: see :mod:`storefronts.testing.pytest_plugin`.

This package sees the vendors from the server's side: it reads the specs but never imports the facade, its
adapters or the generated clients, so it catches their mistakes instead of sharing them. It needs the ``testing``
extra (jsonschema, ruamel.yaml); without it, ``sandbox()`` raises ImportError saying what to install.
"""

from ._loopback import RecordedRequest
from ._retries import instant_retries
from ._server import SandboxServer, VendorLike, sandbox

__all__ = ["RecordedRequest", "SandboxServer", "VendorLike", "instant_retries", "sandbox"]
