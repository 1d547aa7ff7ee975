"""The README's sandbox example, run as written (so the documentation cannot drift from the API)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_sandbox_example_passes(pytester: pytest.Pytester) -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    example = next(block for block in blocks if "pytest_plugins" in block)
    conftest, _, test_module = example.partition("# test_orders.py\n")
    pytester.makeconftest(conftest.replace("# conftest.py\n", ""))
    pytester.makepyfile(test_orders=test_module)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
