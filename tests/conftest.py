"""Shared test configuration: pytester, the session-end report lines, and which tests share a parallel worker."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import summary

# pytester runs small pytest sessions in a temp dir: the sandbox plugin and README examples are tested that way.
pytest_plugins = ["pytester"]

# `make test` runs the suite on several pytest-xdist workers with `--dist loadgroup`: tests of one group run on one
# worker. A module whose module- or session-scoped fixture is expensive (six Prism servers, a generation, built
# artifacts and their wheelhouse) is one group, so that fixture is made once, not once per worker.
_ONE_WORKER_EACH = (
    "tests/contract/",
    "tests/release/test_install.py",
    "tests/generator/test_pipeline.py",
    "tests/generated/test_request_constraints.py",
)


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
