"""The API comparison's rules, each on a copy of the real package changed the way a careless edit would."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.release.api_snapshot import (
    SEARCH_PATH,
    SNAPSHOT,
    bump_is_enough,
    compare,
    load_snapshot,
    read_api,
    render_snapshot,
    required_bump,
)


@pytest.fixture(scope="module")
def base_api() -> dict[str, dict[str, object]]:
    return read_api()


def _edited(tmp_path: Path, module: str, old: str, new: str) -> dict[str, dict[str, object]]:
    """The API of a copy of wrappers/storefronts with ``old`` replaced by ``new`` in ``module``."""
    copy = tmp_path / "wrappers"
    shutil.copytree(SEARCH_PATH / "storefronts", copy / "storefronts", ignore=shutil.ignore_patterns("__pycache__"))
    path = copy / "storefronts" / module
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{module} no longer contains {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return read_api(copy)


EDITS: dict[str, tuple[str, str, str, str]] = {
    # name: (module, old text, new text, the bump it needs)
    "a name leaves __all__": ("__init__.py", '    "Customer",\n', "", "major"),
    "an enum member goes": ("_types.py", '    REFUNDED = "refunded"\n', "", "major"),
    "an enum value changes": ("_types.py", 'REFUNDED = "refunded"', 'REFUNDED = "refund"', "major"),
    "an Order field goes": ("_models.py", "    tax: Decimal | None = None\n", "", "major"),
    "an error attribute goes": ("errors.py", "        self.retry_after = retry_after\n", "", "major"),
    "an error's base changes": (
        "errors.py",
        "class NotFoundError(APIError):",
        "class NotFoundError(StorefrontError):",
        "major",
    ),
    "a type alias of a signature narrows": (
        "_arguments.py",
        "TextArg = str | None | NotGiven",
        "TextArg = str | NotGiven",
        "major",
    ),
    "a required parameter is added": (
        "_client.py",
        "    def close(self) -> None:",
        "    def close(self, now: bool) -> None:",
        "major",
    ),
    "an optional parameter is added": (
        "_client.py",
        "    def close(self) -> None:",
        "    def close(self, now: bool = False) -> None:",
        "minor",
    ),
    "a public function is added": (
        "__init__.py",
        "__all__ = [\n",
        'def hello() -> str:\n    return "hi"\n\n\n__all__ = [\n    "hello",\n',
        "minor",
    ),
    "a private helper changes": ("_arguments.py", "StatusArg = ", "_UNUSED_HELPER = 1\nStatusArg = ", "none"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_each_kind_of_change_needs_its_bump(edit: str, tmp_path: Path, base_api: dict[str, dict[str, object]]) -> None:
    module, old, new, bump = EDITS[edit]
    changes = compare(base_api, _edited(tmp_path, module, old, new))
    assert required_bump(changes) == bump, [str(change) for change in changes]


def test_a_removed_public_name_fails_without_a_major_bump(
    tmp_path: Path, base_api: dict[str, dict[str, object]]
) -> None:
    changes = compare(base_api, _edited(tmp_path, "__init__.py", '    "Customer",\n', ""))
    assert [str(change) for change in changes if change.path == "storefronts.Customer"] == [
        "breaking: storefronts.Customer: class removed"
    ]
    assert not bump_is_enough("1.4.2", "1.4.3", changes)
    assert not bump_is_enough("1.4.2", "1.5.0", changes)
    assert bump_is_enough("1.4.2", "2.0.0", changes)


def test_an_addition_needs_a_minor_bump(tmp_path: Path, base_api: dict[str, dict[str, object]]) -> None:
    module, old, new, _ = EDITS["a public function is added"]
    changes = compare(base_api, _edited(tmp_path, module, old, new))
    assert not bump_is_enough("1.4.2", "1.4.2", changes)
    assert not bump_is_enough("1.4.2", "1.4.3", changes)
    assert bump_is_enough("1.4.2", "1.5.0", changes)
    assert bump_is_enough("1.4.2", "2.0.0", changes)


def test_no_change_needs_no_bump_but_the_version_never_goes_back() -> None:
    assert bump_is_enough("1.4.2", "1.4.2", [])
    assert bump_is_enough("1.4.2", "1.4.3", [])
    assert not bump_is_enough("1.4.2", "1.4.1", [])


def test_the_snapshot_is_written_by_the_tool_not_by_hand() -> None:
    version, api = load_snapshot()
    assert SNAPSHOT.read_text(encoding="utf-8") == render_snapshot(version, api)


def test_the_snapshot_covers_the_promised_surface(base_api: dict[str, dict[str, object]]) -> None:
    """What issue 17 lists: names, signatures, Order's fields, enum members, the error tree with attributes."""
    expected: list[tuple[str, Callable[[dict[str, object]], bool]]] = [
        ("storefronts.Client.update_order", lambda d: "order_id: str" in str(d["signature"])),
        ("storefronts.Order.total", lambda d: d["annotation"] == "Decimal | None"),
        ("storefronts.OrderStatus.CANCELLED", lambda d: d["value"] == "'cancelled'"),
        ("storefronts.errors.RateLimitError", lambda d: d["bases"] == ["storefronts.errors.APIError"]),
        ("storefronts.errors.RateLimitError.retry_after", lambda d: d["kind"] == "attribute"),
        ("storefronts.errors.APIError.status_code", lambda d: d["kind"] == "attribute"),
        ("storefronts.testing.sandbox", lambda d: d["kind"] == "function"),
        ("storefronts.Client.supported_updates", lambda d: "property" in d["labels"]),  # inherited from a private base
    ]
    for path, check in expected:
        assert path in base_api, path
        assert check(base_api[path]), (path, base_api[path])
