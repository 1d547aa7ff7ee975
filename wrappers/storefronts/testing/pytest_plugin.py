"""pytest fixtures giving each test a fresh sandbox vendor server (see :mod:`storefronts.testing`).

Enable them in your suite's top-level ``conftest.py``::

    pytest_plugins = ["storefronts.testing.pytest_plugin"]

Then ask for a vendor by name, or parametrize over vendors with ``storefront_sandbox``::

    import pytest
    from storefronts import Client

    def test_cancel(salesive_sandbox):
        with Client("salesive", api_key=salesive_sandbox.api_key, base_url=salesive_sandbox.base_url) as client:
            client.update_order("66b1f0a3c2d4e5f6a7b8c9d0", status="cancelled")
        assert salesive_sandbox.orders["66b1f0a3c2d4e5f6a7b8c9d0"]["status"] == "cancelled"

    @pytest.mark.parametrize("storefront_sandbox", ["bitbybit", "salesive", "launchmystore"], indirect=True)
    def test_retries_a_503(storefront_sandbox):
        storefront_sandbox.fail_next(1, status=503, retry_after=0)
        ...

``storefront_sandbox`` takes the vendor (a name or a ``Vendor`` member) or a dict of :func:`sandbox` arguments,
e.g. ``{"vendor": "salesive", "scopes": {"READ_ORDERS"}}``. Every fixture is function-scoped: each test starts
from the seed orders, with no recorded requests and no faults queued.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest

from ._retries import instant_retries
from ._server import SandboxServer, sandbox

__all__ = [
    "bitbybit_sandbox",
    "launchmystore_sandbox",
    "salesive_sandbox",
    "storefront_sandbox",
    "storefronts_instant_retries",
]


@pytest.fixture
def storefronts_instant_retries() -> Iterator[list[float]]:
    """Every storefronts client retries at once during the test; the value is the list of waits it skipped."""
    with instant_retries() as waits:
        yield waits


@pytest.fixture
def bitbybit_sandbox() -> Iterator[SandboxServer]:
    """A running bitbybit sandbox."""
    with sandbox("bitbybit") as server:
        yield server


@pytest.fixture
def salesive_sandbox() -> Iterator[SandboxServer]:
    """A running Salesive sandbox; its token has the READ_ORDERS and WRITE_ORDERS scopes."""
    with sandbox("salesive") as server:
        yield server


@pytest.fixture
def launchmystore_sandbox() -> Iterator[SandboxServer]:
    """A running LaunchMyStore sandbox."""
    with sandbox("launchmystore") as server:
        yield server


@pytest.fixture
def storefront_sandbox(request: pytest.FixtureRequest) -> Iterator[SandboxServer]:
    """A running sandbox of the vendor given by indirect parametrization (see the module docstring)."""
    param = getattr(request, "param", None)
    if param is None:
        pytest.fail(
            "storefront_sandbox needs a vendor: "
            '@pytest.mark.parametrize("storefront_sandbox", ["salesive"], indirect=True)',
            pytrace=False,
        )
    if isinstance(param, Mapping):
        arguments = dict(param)
        vendor = arguments.pop("vendor")
        server = sandbox(vendor, **arguments)
    else:
        server = sandbox(param)
    with server:
        yield server
