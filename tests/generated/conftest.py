"""Fixtures for the generated clients' tests: a loopback server per test and the anyio backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.loopback import LoopbackServer


@pytest.fixture
def anyio_backend() -> str:
    """``@pytest.mark.anyio`` tests run on asyncio: the backend httpx's AsyncClient is used with in practice."""
    return "asyncio"


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as loopback:
        yield loopback
