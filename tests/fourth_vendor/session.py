"""A pytest plugin that runs suites over tinywoo alone: ``python -m pytest -p tests.fourth_vendor.session tests/x``.

Every suite computes its vendor list when it is imported (``VENDORS = tuple(Vendor)``), and a suite's conftest is
imported before any ``pytest_configure``; so the vendor is registered in ``pytest_load_initial_conftests``, before the
first conftest is loaded, and unregistered at the end. Of the collected tests only those parametrised with tinywoo
run (the others ran in the ordinary session), or with ``--fourth-vendor-everywhere`` every test, to see that a
fourth vendor breaks none. ``--fourth-vendor-report=PATH`` writes what was selected and how it went
as JSON, for tests/fourth_vendor/test_fourth_vendor.py to check.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storefronts import Vendor
from tests.vendors import VendorTable

NAME = "tinywoo"
_REGISTRATION = pytest.StashKey[contextlib.ExitStack]()
_STATE: dict[str, Any] = {}
"""This session's selection and outcomes (one session per process: the plugin is for a subprocess run)."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--fourth-vendor-report", default=None, help="write the fourth vendor's run as JSON here")
    parser.addoption(
        "--fourth-vendor-everywhere",
        action="store_true",
        help="run every collected test with the fourth vendor registered, not only those parametrised with it",
    )


def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    from tests.fourth_vendor.register import registered_fourth_vendor  # the generator: imported once asked for

    stack = contextlib.ExitStack()
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="fourth-vendor-")))
    stack.enter_context(registered_fourth_vendor(folder))
    early_config.stash[_REGISTRATION] = stack


def _vendors(value: object) -> Iterator[Vendor]:
    """The vendors a parameter names (a ``Vendor``, a vendor's name, its test table), alone or in a plain tuple or
    list (a test's own odd containers are left be)."""
    if isinstance(value, Vendor):
        yield value
    elif isinstance(value, str) and value in Vendor._value2member_map_:
        yield Vendor(value)
    elif isinstance(value, VendorTable) and value.name in Vendor._value2member_map_:
        yield Vendor(value.name)
    elif type(value) in (tuple, list):
        for member in value:  # type: ignore[attr-defined]
            yield from _vendors(member)


def _vendors_of(item: pytest.Item) -> set[Vendor]:
    callspec = getattr(item, "callspec", None)
    return {vendor for value in (callspec.params.values() if callspec else ()) for vendor in _vendors(value)}


def _function(item: pytest.Item) -> str:
    return item.nodeid.split("[", 1)[0]


@pytest.hookimpl(trylast=True)  # after -k and -m: what is left of them
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    vendors_of: dict[str, set[Vendor]] = {}
    for item in items:
        vendors_of.setdefault(_function(item), set()).update(_vendors_of(item))
    ours = Vendor(NAME)
    real = set(Vendor) - {ours}
    if config.getoption("--fourth-vendor-everywhere"):
        selected = list(items)
    else:
        selected = [item for item in items if ours in _vendors_of(item)]
        config.hook.pytest_deselected(items=[item for item in items if ours not in _vendors_of(item)])
        items[:] = selected
    _STATE.clear()
    _STATE.update(
        {
            # parametrised over every real vendor: the registry's tests, which must take a new vendor in too
            "over_the_registry": sorted(name for name, found in vendors_of.items() if real <= found),
            "over_the_fourth_vendor": sorted({_function(item) for item in selected}),
            "selected": len(selected),
            "outcomes": Counter[str](),
            "skipped": {},
        }
    )


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """One outcome per test: its call's, or the phase that did not pass (a failed setup, a skip)."""
    if "outcomes" not in _STATE or (report.when != "call" and report.passed):
        return
    _STATE["outcomes"][report.outcome] += 1
    if report.skipped and isinstance(report.longrepr, tuple):
        _STATE["skipped"][report.nodeid] = report.longrepr[2]


def pytest_unconfigure(config: pytest.Config) -> None:
    path = config.getoption("--fourth-vendor-report")
    if _STATE and path:
        Path(path).write_text(json.dumps(_STATE, indent=1), "utf-8")
    stack = config.stash.get(_REGISTRATION, None)
    if stack is not None:
        stack.close()
