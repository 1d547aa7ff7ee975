"""Fixtures for the facade's end-to-end tests: a real loopback server, both client twins, anyio.

Every test builds its clients exactly as a user does (``Client(vendor, api_key=..., base_url=...)``), so the suite
makes over a thousand of them. Two costs that have nothing to do with what is tested are paid once for the package
instead of once per test: the loopback server (its requests and replies are cleared around each test), and the TLS
context every httpx client builds from the CA bundle (shared for the whole session by tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.facade.support import MODES
from tests.support.loopback import LoopbackServer


@pytest.fixture
def anyio_backend() -> str:
    """``@pytest.mark.anyio`` tests run on asyncio, the loop httpx's AsyncClient is used with in practice."""
    return "asyncio"


@pytest.fixture(scope="package")
def _package_server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as loopback:
        yield loopback


@pytest.fixture
def server(_package_server: LoopbackServer) -> Iterator[LoopbackServer]:
    """The loopback server with no recorded requests and no scripted replies."""
    default_reply = _package_server.default_reply
    _package_server.clear()
    yield _package_server
    _package_server.clear()
    _package_server.default_reply = default_reply


@pytest.fixture(params=MODES)
def mode(request: pytest.FixtureRequest) -> str:
    """``"sync"`` (Client) or ``"async"`` (AsyncClient): every test that takes it runs against both twins."""
    return str(request.param)
