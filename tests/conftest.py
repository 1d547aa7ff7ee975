"""Shared test configuration: pytester, one TLS context, and the session-end report lines of parallel runs.

`make test` runs the suite on pytest-xdist workers with ``--dist loadfile``: each test module runs whole on one
worker, so a module-scoped fixture (six Prism servers, a generation, built artifacts) is made once, not once per
worker. Session-scoped fixtures are made once per worker; each is cheap or binds free ports of its own.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Iterator
from typing import Any

import httpx
import httpx._transports.default as httpx_transports
import pytest

from tests.support import summary

# pytester runs small pytest sessions in a temp dir: the sandbox plugin and README examples are tested that way.
pytest_plugins = ["pytester"]


@pytest.fixture(scope="session", autouse=True)
def _one_tls_context() -> Iterator[None]:
    """Every httpx client loads the CA bundle into a new TLS context, which costs more than the rest of building a
    Client; the suites build thousands and speak plain http to 127.0.0.1. So the default context is built once and
    shared; any other TLS setting (``verify=``, ``cert=``) still gets its own. httpx-aiohttp's transport calls
    ``httpx.create_ssl_context``, httpx's own ``httpx._transports.default.create_ssl_context``: both are patched."""
    original = httpx_transports.create_ssl_context

    @functools.cache
    def default_context(trust_env: bool) -> ssl.SSLContext:
        return original(verify=True, cert=None, trust_env=trust_env)

    def create_ssl_context(verify: Any = True, cert: Any = None, trust_env: bool = True) -> ssl.SSLContext:
        if verify is True and cert is None:
            return default_context(trust_env)
        return original(verify=verify, cert=cert, trust_env=trust_env)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(httpx_transports, "create_ssl_context", create_ssl_context)
        patch.setattr(httpx, "create_ssl_context", create_ssl_context)
        yield


# The modules that take longest, longest first: a parallel run hands out whole modules in collection order, and one
# of these started last would leave the other workers idle while it finishes. (Order only: nothing is skipped.)
_LONGEST_FIRST = (
    "tests/bulk/test_rates.py",
    "tests/reliability/test_transport.py",
    "tests/release/test_install.py",
    "tests/generator/test_pipeline.py",
    "tests/reliability/test_secrets.py",
    "tests/fourth_vendor/test_fourth_vendor.py",
    "tests/reliability/test_faults.py",
    "tests/reliability/test_aiohttp.py",
    "tests/reliability/test_shops.py",
    "tests/contract/test_contract.py",
    "tests/bulk/test_update_orders.py",
    "tests/ops/test_cli.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not hasattr(config, "workerinput"):
        return  # one process runs everything anyway: keep the usual order
    rank = {path: index for index, path in enumerate(_LONGEST_FIRST)}
    # sort is stable: the tests of a module keep their order, every other module its place after these
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput: dict[str, Any] | None = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: its counts go to the controller
        workeroutput["summary_counts"] = summary.counts(session.config)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """xdist's controller, as each worker finishes: the worker's counts join the totals."""
    summary.merge(node.config, node.workeroutput.get("summary_counts", {}))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    for line in summary.lines(config):
        terminalreporter.write_line(line)
