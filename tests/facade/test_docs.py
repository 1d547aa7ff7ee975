"""The README's vendor tables are exactly what the adapters' data renders, and the tool that rewrites them works."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest

from storefronts import OrderStatus, PaymentStatus
from storefronts._docs import BEGIN, END, SECTION_TITLE, main, render, write
from storefronts._registry import all_adapters
from storefronts.vendors.salesive import SalesiveAdapter

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
FIX = "run `python -m storefronts._docs --write README.md` (the lead's `make docs`)"


def _generated_block(text: str) -> str:
    assert text.count(BEGIN) == 1, f"README.md needs exactly one {BEGIN}"
    assert text.count(END) == 1, f"README.md needs exactly one {END}"
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[start:end] + "\n"


def test_readme_carries_exactly_the_rendered_tables() -> None:
    text = README.read_text("utf-8")
    assert _generated_block(text) == render(), f"README.md's vendor tables are stale: {FIX}"
    assert text.index(SECTION_TITLE) < text.index(BEGIN)


def test_the_tables_say_what_the_vendors_do() -> None:
    """Spot checks written by hand, so a rendering bug cannot hide behind "README equals render()"."""
    block = render()
    rows = set(block.splitlines())
    # reading: Salesive's one status on three axes; bitbybit's per-axis fields
    assert "| salesive | `status` | `completed` | `COMPLETED` | `PAID` | `FULFILLED` |" in rows
    assert "| bitbybit | `status` | `active` | `OPEN` | — | — |" in rows
    assert "| bitbybit | `financialStatus` | `refunded` | — | `REFUNDED` | — |" in rows
    assert "| launchmystore | `fulfillment_status` | `partial` | — | — | `PARTIAL` |" in rows
    # writing: who takes what
    assert "| `update_order` argument | bitbybit | salesive | launchmystore |" in rows
    assert "| `tags` | — | — | yes |" in rows
    assert "| `shipping_cost` | — | yes | — |" in rows
    assert "| `notes` | yes | yes | yes |" in rows
    bitbybit_payment = "`PENDING` → `pending`<br>`PAID` → `paid`<br>`REFUNDED` → `refunded`"
    assert f"| `payment_status` | {bitbybit_payment} | `PAID` → `paid` | — |" in rows
    (status_row,) = [row for row in rows if row.startswith("| `status` |")]
    assert status_row.endswith("| — |")  # LaunchMyStore cannot change status
    assert "`OPEN`" not in status_row.split(" | ")[2]  # Salesive has no plain "open"
    # the documented rules
    assert "- `tags` replace the order's existing tags (send the full list)" in rows
    assert any("app_" in row and "shop id" in row for row in rows)
    assert any("x-api-key" in row for row in rows)
    assert block.startswith(BEGIN)
    assert block.rstrip().endswith(END)


def test_every_row_of_every_adapter_table_is_rendered() -> None:
    block = render()
    for adapter in all_adapters():
        for field, table in adapter.read_statuses.items():
            for value in table:
                assert f"| {adapter.vendor.value} | `{field}` | `{value}` |" in block
        for axis, values in adapter.status_values.items():
            for canonical, value in values.items():
                assert f"`{canonical.name}` → `{value}`" in block, (adapter.vendor, axis)
        for rule in adapter.update_rules:
            assert f"- {rule}" in block


def test_the_tables_follow_the_adapters_data() -> None:
    """Change an adapter's data and the rendering changes with it: nothing in the tables is typed by hand."""

    class Changed(SalesiveAdapter):
        supported_updates = SalesiveAdapter.supported_updates | {"tags"}
        clearable_updates = frozenset({"notes"})
        status_values: ClassVar[Any] = {"status": {OrderStatus.ARCHIVED: "archived"}, "payment_status": {}}
        read_statuses: ClassVar[Any] = {"state": {"on|hold": OrderStatus.PENDING, "settled": PaymentStatus.PAID}}
        update_rules = ("a rule of its own",)

    block = render([Changed()])
    rows = set(block.splitlines())
    assert "| salesive | `state` | `on\\|hold` | `PENDING` | — | — |" in rows  # a pipe cannot break the table
    assert "| salesive | `state` | `settled` | — | `PAID` | — |" in rows
    assert "| `status` | `ARCHIVED` → `archived` |" in rows
    assert "| `payment_status` | — |" in rows
    assert "| `tags` | yes |" in rows
    assert "| `notes` | yes (`None` clears) |" in rows
    assert "- a rule of its own" in rows
    assert "`completed`" not in block


def test_write_replaces_the_block_in_place(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\nintro\n\n{SECTION_TITLE}\n\n{BEGIN}\nstale\n{END}\n\n## After\n\ntext\n", "utf-8")
    assert write(readme) is True
    text = readme.read_text("utf-8")
    assert text.startswith(f"# Title\n\nintro\n\n{SECTION_TITLE}\n\n{BEGIN}\n")
    assert text.endswith(f"{END}\n\n## After\n\ntext\n")
    assert "stale" not in text
    assert _generated_block(text) == render()
    assert write(readme) is False  # idempotent
    assert readme.read_text("utf-8") == text


def test_write_appends_a_section_when_the_markers_are_missing(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n\nintro\n", "utf-8")
    assert write(readme) is True
    text = readme.read_text("utf-8")
    assert text == f"# Title\n\nintro\n\n{SECTION_TITLE}\n\n{render()}"
    assert write(readme) is False


def test_check_fails_on_stale_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"{BEGIN}\nstale\n{END}\n", "utf-8")
    assert main(["--check", str(readme)]) == 1
    assert "stale" in capsys.readouterr().err
    assert main(["--write", str(readme)]) == 0
    assert main(["--check", str(readme)]) == 0


def test_the_command_line_entry_point(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n", "utf-8")
    command = [sys.executable, "-m", "storefronts._docs", "--write", str(readme)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "updated" in result.stdout
    assert _generated_block(readme.read_text("utf-8")) == render()
    printed = subprocess.run([sys.executable, "-m", "storefronts._docs"], capture_output=True, text=True, check=True)
    assert printed.stdout == render()
