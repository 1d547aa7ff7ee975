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
_THROWAWAY = f"{NAME} is registered by the test session only"
_IMPORTS = "tests/facade/test_imports.py::test_a_vendor_package_loads_with_the_first_client_of_that_vendor_alone"
INHERENT: dict[str, str] = {
    # every list of vendors is cross-checked against the sources of truth a real vendor is added to
    "tests/test_vendor_lists.py": f"{_THROWAWAY}: it is in no vendor list these tests cross-check (specs/sources.yaml,"
    " the wheel's packages, storefronts/vendors/, storefronts/testing/_sandboxes/, tests/vendors/)",
    # the Literal is generated from specs/sources.yaml into source, for mypy: a run-time registration cannot reach it
    "tests/test_public_api.py::test_vendor_names": f"{_THROWAWAY}: the generated VendorName Literal cannot name it",
    "tests/ops/test_typing.py::test_each_literal_is_its_enums_values_less_unknown[Literal-Vendor]": f"{_THROWAWAY}:"
    " the generated VendorName Literal (the static list mypy reads) cannot name it",
    # the README's tables are generated (`make docs`) from the shipped adapters, and the README is for them only
    "tests/facade/test_docs.py::test_readme_carries_exactly_the_rendered_tables": f"{_THROWAWAY}: the README's"
    " generated tables describe the shipped vendors",
    "tests/facade/test_docs.py::test_the_tables_say_what_the_vendors_do": f"{_THROWAWAY}: these spot checks of the"
    " README's generated tables are written for the shipped vendors, and its column would be one more",
    "tests/facade/test_docs.py::test_the_command_line_entry_point": f"{_THROWAWAY}: the command renders the tables in"
    f" a fresh interpreter, which has no {NAME}",
    # a fresh interpreter, an installed wheel or sdist: the vendor lives in this process's registry only
    f"{_IMPORTS}[{NAME}]": f"{_THROWAWAY}: a fresh interpreter has no {NAME}, nor storefronts_generated its package",
    "tests/release/test_install.py": f"{_THROWAWAY}: the built wheel and sdist, installed into fresh venvs, lack it",
}
"""The checks a throwaway vendor cannot pass by construction, by node id or a prefix of one (a file, a test), each
with why: they check what only a real vendor has (its entry in specs/sources.yaml and the generated sources, its
package in the wheel, its rows in the README), or run in a fresh interpreter or venv, where the vendor a test
registered in this process does not exist."""
_MISSING = "fourth_vendor_missing"
_UNNAMED = "fourth_vendor_unnamed_skips"
_OURS = ("fourth_vendor", True)
_REGISTRATION = pytest.StashKey[contextlib.ExitStack]()
_STATE: dict[str, Any] = {}
"""This session's selection and outcomes (one session per process: the plugin is for a subprocess run)."""
_MISSING_KEY = pytest.StashKey[list[str]]()
_UNNAMED_SKIPS: list[str] = []
"""Cases of the fourth vendor that skipped without naming it (in the process that logs reports)."""


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
    elif type(value) is str and value in Vendor._value2member_map_:  # a plain one: a test's odd str is left be
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


def _inherent(nodeid: str) -> str | None:
    for key, reason in INHERENT.items():
        if nodeid == key or nodeid.startswith((f"{key}::", f"{key}[", f"{key}/")):
            return reason
    return None


@pytest.hookimpl(trylast=True)  # after -k and -m: what is left of them
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    vendors_of: dict[str, set[Vendor]] = {}
    for item in items:
        vendors_of.setdefault(_function(item), set()).update(_vendors_of(item))
    ours = Vendor(NAME)
    real = set(Vendor) - {ours}
    for item in items:
        if ours in _vendors_of(item):
            item.user_properties.append(_OURS)  # the controller of a parallel run reads it off the report
        reason = _inherent(item.nodeid)
        if reason is not None:
            item.add_marker(pytest.mark.skip(reason=reason))
    # parametrised over every real vendor but not the fourth: a list of vendors written out somewhere
    missing = sorted(name for name, found in vendors_of.items() if real <= found and ours not in found)
    config.stash[_MISSING_KEY] = missing
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
    ours = any(tuple(entry) == _OURS for entry in report.user_properties)  # a list, once through xdist
    if report.skipped and ours and isinstance(report.longrepr, tuple) and NAME not in report.longrepr[2]:
        _UNNAMED_SKIPS.append(f"{report.nodeid}: {report.longrepr[2]}")
    if "outcomes" not in _STATE or (report.when != "call" and report.passed):
        return
    _STATE["outcomes"][report.outcome] += 1
    if report.skipped and isinstance(report.longrepr, tuple):
        _STATE["skipped"][report.nodeid] = report.longrepr[2]


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput: dict[str, Any] | None = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: what its collection found goes to the controller
        workeroutput[_MISSING] = session.config.stash.get(_MISSING_KEY, [])
        return
    if session.config.getoption("--fourth-vendor-everywhere") and (_missing(session.config) or _UNNAMED_SKIPS):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """xdist's controller: every worker collects every test, so any worker's list is the whole run's."""
    found = getattr(node, "workeroutput", {}).get(_MISSING)
    if found is not None:
        node.config.stash[_MISSING_KEY] = sorted(set(node.config.stash.get(_MISSING_KEY, [])) | set(found))


def _missing(config: pytest.Config) -> list[str]:
    return config.stash.get(_MISSING_KEY, [])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if not config.getoption("--fourth-vendor-everywhere") or hasattr(config, "workerinput"):
        return
    missing = _missing(config)
    terminalreporter.write_line(
        f"fourth vendor: {NAME} registered; {len(missing)} tests parametrised over every real vendor left it out; "
        f"{len(_UNNAMED_SKIPS)} of its cases skipped without naming it; {len(INHERENT)} inherent exclusions"
    )
    for name in missing:
        terminalreporter.write_line(f"  left {NAME} out (a vendor list written out, not the registry): {name}")
    for line in _UNNAMED_SKIPS:
        terminalreporter.write_line(f"  skipped without naming {NAME}: {line}")


def pytest_unconfigure(config: pytest.Config) -> None:
    path = config.getoption("--fourth-vendor-report")
    if _STATE and path:
        Path(path).write_text(json.dumps(_STATE, indent=1), "utf-8")
    stack = config.stash.get(_REGISTRATION, None)
    if stack is not None:
        stack.close()
