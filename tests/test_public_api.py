"""The public face of ``storefronts``: the names issue 4 promises, and a tidy, truthful ``__all__``."""

from __future__ import annotations

import re

import pytest

import storefronts
from storefronts import errors
from tests.release.api_snapshot import (
    bump_is_enough,
    check_message,
    compare,
    current_version,
    load_snapshot,
    read_api,
)

# The contract of issue 4, written out: removing or renaming any of these breaks downstream services.
PROMISED = (
    "Client",
    "AsyncClient",
    "Vendor",
    "Order",
    "Address",
    "OrderStatus",
    "PaymentStatus",
    "FulfillmentStatus",
    "errors",
)
PROMISED_ERRORS = (
    "StorefrontError",
    "UnsupportedUpdateError",
    "InvalidUpdateError",
    "APIError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ValidationError",
    "OrderClosedError",
    "RateLimitError",
    "ServerError",
    "APIConnectionError",
    "APITimeoutError",
    "ResponseDecodeError",
)


def _isort_style(name: str) -> tuple[int, str]:
    """The order ruff's RUF022 keeps ``__all__`` in (and so the only sorted order lint allows):
    SCREAMING_CASE constants, then CamelCase classes, then everything else, each group alphabetical."""
    if re.fullmatch(r"[A-Z][A-Z0-9_]*", name) and len(name) > 1:
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


@pytest.mark.parametrize("name", PROMISED + PROMISED_ERRORS)
def test_every_promised_name_is_importable_from_storefronts(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from storefronts import {name}", namespace)  # the statement a downstream service writes
    assert namespace[name] is getattr(storefronts, name)
    assert name in storefronts.__all__


def test_all_is_sorted_without_duplicates() -> None:
    assert storefronts.__all__ == sorted(storefronts.__all__, key=_isort_style)
    assert len(set(storefronts.__all__)) == len(storefronts.__all__)
    assert errors.__all__ == sorted(errors.__all__)


def test_every_name_in_all_exists() -> None:
    missing = [name for name in storefronts.__all__ if not hasattr(storefronts, name)]
    assert missing == []
    namespace: dict[str, object] = {}
    exec("from storefronts import *", namespace)
    assert set(storefronts.__all__) <= set(namespace)


def test_every_error_class_is_also_importable_from_storefronts() -> None:
    for name in errors.__all__:
        error_class = getattr(errors, name)
        assert isinstance(error_class, type)
        assert issubclass(error_class, errors.StorefrontError)
        assert getattr(storefronts, name) is error_class, name
        assert name in storefronts.__all__


@pytest.mark.parametrize("name", ["UnsupportedUpdateError", "InvalidUpdateError", "ConfigurationError"])
def test_client_side_errors_are_value_errors(name: str) -> None:
    error_class = getattr(storefronts, name)
    assert issubclass(error_class, ValueError)
    assert issubclass(error_class, storefronts.StorefrontError)


def test_the_error_tree_is_the_documented_one() -> None:
    api_subclasses = {
        storefronts.AuthenticationError,
        storefronts.PermissionDeniedError,
        storefronts.NotFoundError,
        storefronts.ValidationError,
        storefronts.OrderClosedError,
        storefronts.RateLimitError,
        storefronts.ServerError,
    }
    for error_class in api_subclasses:
        assert issubclass(error_class, storefronts.APIError)
        assert not issubclass(error_class, ValueError)  # a vendor's refusal is not a bad argument of ours
    assert issubclass(storefronts.APITimeoutError, storefronts.APIConnectionError)
    for error_class in (storefronts.APIError, storefronts.APIConnectionError, storefronts.ResponseDecodeError):
        assert issubclass(error_class, storefronts.StorefrontError)
        assert not issubclass(error_class, storefronts.APIError) or error_class is storefronts.APIError
    # every class the tree names is drawn in the module docstring, where a reader looks for it
    assert errors.__doc__ is not None
    for name in errors.__all__:
        assert name in errors.__doc__, name


def test_vendor_names() -> None:
    assert [vendor.value for vendor in storefronts.Vendor] == ["bitbybit", "salesive", "launchmystore"]


def test_the_version_fits_the_change_to_the_public_api() -> None:
    """api/storefronts.json is the API of the version it records: a change since needs its bump (``make api-snapshot``
    records it after the bump). A removed or changed name needs a major version, an addition a minor one."""
    recorded, snapshot = load_snapshot()
    version = current_version()
    changes = compare(snapshot, read_api())
    assert bump_is_enough(recorded, version, changes), check_message(recorded, version, changes)
    assert storefronts.__version__ == version
