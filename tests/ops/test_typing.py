"""Typing that catches a typo: the Literal forms match the enums, and mypy --strict accepts the documented forms
and rejects "canceled" and "bitbybitt" (run on two small files in tests/ops/typing_cases/)."""

from __future__ import annotations

import re
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any, get_args

import pytest

import storefronts
from storefronts import (
    FulfillmentStatus,
    FulfillmentStatusName,
    OrderStatus,
    OrderStatusName,
    OrderUpdate,
    PaymentStatus,
    PaymentStatusName,
    Vendor,
    VendorName,
)

from .conftest import REPO_ROOT

CASES = Path(__file__).parent / "typing_cases"


@pytest.mark.parametrize(
    ("literal", "enum"),
    [
        (VendorName, Vendor),
        (OrderStatusName, OrderStatus),
        (PaymentStatusName, PaymentStatus),
        (FulfillmentStatusName, FulfillmentStatus),
    ],
)
def test_each_literal_is_its_enums_values_less_unknown(literal: Any, enum: type[Enum]) -> None:
    assert list(get_args(literal)) == [member.value for member in enum if member.value != "unknown"]


def test_order_update_has_exactly_update_orders_fields() -> None:
    import inspect

    parameters = inspect.signature(storefronts.Client.update_order).parameters
    fields = [name for name in parameters if name not in ("self", "order_id", "max_retries", "timeout")]
    assert list(OrderUpdate.__annotations__) == fields
    assert OrderUpdate.__total__ is False
    assert list(inspect.signature(storefronts.Client.prepare_update).parameters)[2:] == fields


def _mypy() -> tuple[dict[str, set[int]], str]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            "pyproject.toml",
            str(CASES / "ok.py"),
            str(CASES / "typos.py"),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines: dict[str, set[int]] = {"ok.py": set(), "typos.py": set()}
    for match in re.finditer(r"typing_cases/(\w+\.py):(\d+): error: (.*)", result.stdout):
        lines[match[1]].add(int(match[2]))
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return lines, result.stdout


@pytest.fixture(scope="module")
def mypy_run() -> tuple[dict[str, set[int]], str]:
    return _mypy()


def test_mypy_strict_accepts_the_literal_and_typed_dict_forms(mypy_run: tuple[dict[str, set[int]], str]) -> None:
    assert mypy_run[0]["ok.py"] == set()


def test_mypy_strict_rejects_every_typo(mypy_run: tuple[dict[str, set[int]], str]) -> None:
    errors, output = mypy_run
    source = (CASES / "typos.py").read_text().splitlines()
    expected = {number for number, line in enumerate(source, start=1) if "# error:" in line}
    assert errors["typos.py"] == expected
    assert "\"Literal['bitbybitt']\"" in output
    assert "\"Literal['canceled']\"" in output
