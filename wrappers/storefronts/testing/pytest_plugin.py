"""pytest fixtures giving each test a fresh sandbox vendor server (see :mod:`storefronts.testing`).

Enable them in your suite's top-level ``conftest.py``::

    pytest_plugins = ["storefronts.testing.pytest_plugin"]

Then ask for a vendor by name, or parametrize over vendors with ``storefront_sandbox``::

    import pytest
    from storefronts import Client, Vendor

    def test_cancel(salesive_sandbox):
        with Client("salesive", api_key=salesive_sandbox.api_key, base_url=salesive_sandbox.base_url) as client:
            client.update_order("66b1f0a3c2d4e5f6a7b8c9d0", status="cancelled")
        assert salesive_sandbox.orders["66b1f0a3c2d4e5f6a7b8c9d0"]["status"] == "cancelled"

    @pytest.mark.parametrize("storefront_sandbox", list(Vendor), indirect=True)
    def test_retries_a_503(storefront_sandbox):
        storefront_sandbox.fail_next(1, status=503, retry_after=0)
        ...

There is one ``<vendor>_sandbox`` fixture per member of ``storefronts.Vendor`` (``bitbybit_sandbox``,
``salesive_sandbox``, ``launchmystore_sandbox``), made from the enum when this plugin is imported, so a new vendor
gets its fixture with its sandbox; ``pytest --fixtures`` lists each with what its sandbox does.

``storefront_sandbox`` takes the vendor (a name or a ``Vendor`` member) or a dict of :func:`sandbox` arguments,
e.g. ``{"vendor": "salesive", "scopes": {"READ_ORDERS"}}``. Every fixture is function-scoped: each test starts
from the seed orders, with no recorded requests and no faults queued.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest

from ._retries import instant_retries
from ._server import SandboxServer, sandbox
from ._vendors import sandbox_class, sandbox_vendors

#: The name of the fixture serving ``vendor``: ``<vendor's value>_sandbox``.
FIXTURE_NAME = "{vendor}_sandbox"


@pytest.fixture
def storefronts_instant_retries() -> Iterator[list[float]]:
    """Every storefronts client retries at once during the test; the value is the list of waits it skipped."""
    with instant_retries() as waits:
        yield waits


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


def _fixture_doc(vendor: str) -> str:
    """What ``pytest --fixtures`` says of the vendor's fixture: how it is made, then what its sandbox does."""
    logic = sandbox_class(vendor)
    scopes = ""
    if logic.default_scopes is not None:
        scopes = f" Its credential has the scopes {', '.join(sorted(logic.default_scopes))}."
    behaviour = inspect.cleandoc(logic.__doc__ or "")
    return f'A running {vendor} sandbox, ``sandbox("{vendor}")``, fresh for this test.{scopes}\n\n{behaviour}'


def _vendor_fixture(vendor: str) -> Callable[..., Any]:
    def fixture() -> Iterator[SandboxServer]:
        with sandbox(vendor) as server:
            yield server

    name = FIXTURE_NAME.format(vendor=vendor)
    fixture.__name__ = fixture.__qualname__ = name
    fixture.__doc__ = _fixture_doc(vendor)
    return pytest.fixture(name=name)(fixture)


# Module attributes, where pytest looks for a plugin's fixtures (and where `from ... import` finds them).
_VENDOR_FIXTURES = {FIXTURE_NAME.format(vendor=vendor): _vendor_fixture(vendor) for vendor in sandbox_vendors()}
globals().update(_VENDOR_FIXTURES)

# Derived like the fixtures it names, which ruff's static check of __all__ cannot follow.
__all__ = sorted(["storefront_sandbox", "storefronts_instant_retries", *_VENDOR_FIXTURES])  # noqa: PLE0605
