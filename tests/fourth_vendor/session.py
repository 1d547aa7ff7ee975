"""A pytest plugin that makes tinywoo a vendor for a whole session: ``python -m pytest -p tests.fourth_vendor.session
tests/facade`` (or ``PYTEST_PLUGINS=tests.fourth_vendor.session``, which pytest-xdist's workers inherit).

Every suite computes its vendor list when it is imported (``VENDORS = tuple(Vendor)``), and a suite's conftest is
imported before any ``pytest_configure``; so the vendor is registered in ``pytest_load_initial_conftests``, after the
``pythonpath`` setting is applied and before the first conftest is loaded, and unregistered at the end.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import pytest

_REGISTRATION = pytest.StashKey[contextlib.ExitStack]()


def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    from tests.fourth_vendor.register import registered_fourth_vendor  # the generator: imported once asked for

    stack = contextlib.ExitStack()
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="fourth-vendor-")))
    stack.enter_context(registered_fourth_vendor(folder))
    early_config.stash[_REGISTRATION] = stack


def pytest_unconfigure(config: pytest.Config) -> None:
    stack = config.stash.get(_REGISTRATION, None)
    if stack is not None:
        stack.close()
