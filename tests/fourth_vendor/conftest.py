"""A throwaway fourth vendor, registered for this package's tests only (see ``register.py``), unless the session
already runs with it (``--fourth-vendor``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storefronts import Vendor
from tests.fourth_vendor.register import registered_fourth_vendor
from tests.fourth_vendor.vendor import NAME


@pytest.fixture(scope="package")
def fourth_vendor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vendor]:
    if NAME in Vendor._value2member_map_:  # the whole session runs with it
        yield Vendor(NAME)
        return
    with registered_fourth_vendor(tmp_path_factory.mktemp("generated")) as vendor:
        yield vendor
