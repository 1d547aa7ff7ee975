"""Shared test configuration: pytester, the session-end report lines, and which tests share a parallel worker."""

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


# `make test` runs the suite on several pytest-xdist workers with `--dist loadgroup`: tests of one group run on one
# worker. A module whose module- or session-scoped fixture is expensive (six Prism servers, a generation, built
# artifacts and their wheelhouse) is one group, so that fixture is made once, not once per worker.
_ONE_WORKER_EACH = (
    "tests/contract/",
    "tests/release/test_install.py",
    "tests/generator/test_pipeline.py",
    "tests/generated/test_request_constraints.py",
)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups into the node ids
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = item.nodeid.split("::", 1)[0]
        group = next((prefix for prefix in _ONE_WORKER_EACH if path.startswith(prefix)), None)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))


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
