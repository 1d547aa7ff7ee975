"""The README's vendor tables, rendered from the adapters' own data so that they cannot drift from the code.

Three parts, between the markers :data:`BEGIN` and :data:`END`: the status mapping table (each vendor value and the
canonical value it reads as on each axis, from ``read_statuses``), the update capability matrix (each
``update_order`` argument x vendor, from ``supported_updates``, ``clearable_updates`` and ``status_values``), and the
vendors' rules (``update_rules``). A test compares README.md with :func:`render`; to refresh it::

    python -m storefronts._docs --write README.md     # rewrite the block in place (or append it)
    python -m storefronts._docs --check README.md     # exit 1 when the block is stale
    python -m storefronts._docs                       # print the block
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from ._adapter import STATUS_FIELDS, UPDATE_FIELDS, VendorAdapter
from ._registry import all_adapters

__all__ = ["BEGIN", "END", "SECTION_TITLE", "main", "render", "write"]

BEGIN = "<!-- BEGIN GENERATED TABLES -->"
END = "<!-- END GENERATED TABLES -->"
SECTION_TITLE = "## Vendors: status mapping and update capabilities"
_HOW = "<!-- Generated from the adapters (wrappers/storefronts/vendors/) by `python -m storefronts._docs --write README.md`: edit those, not this. -->"  # noqa: E501
_NONE = "—"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return f"`{_cell(text)}`"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [_row(header), _row(["---"] * len(header)), *(_row(row) for row in rows)]


def _by_axis(entry: Enum | tuple[Enum, ...]) -> dict[str, Enum]:
    """A read-table entry (one canonical value, or a lifecycle/payment/fulfillment triple) keyed by axis."""
    members = entry if isinstance(entry, tuple) else (entry,)
    return {axis: member for member in members for axis, kind in STATUS_FIELDS.items() if isinstance(member, kind)}


def _status_mapping(adapters: Sequence[VendorAdapter]) -> list[str]:
    axes = list(STATUS_FIELDS.items())
    header = ["Vendor", "Vendor field", "Vendor value", *(f"`{kind.__name__}`" for _, kind in axes)]
    rows = []
    for adapter in adapters:
        for field, table in adapter.read_statuses.items():
            for value, entry in table.items():
                canonical = _by_axis(entry)
                cells = [_code(canonical[axis].name) if axis in canonical else _NONE for axis, _ in axes]
                rows.append([adapter.vendor.value, _code(field), _code(value), *cells])
    return [
        "### Status mapping (reading an order)",
        "",
        "Each value a vendor documents, and the canonical value it reads as on each axis "
        f"(`{_NONE}`: that vendor field says nothing about the axis).",
        "",
        *_table(header, rows),
        "",
        "Any other value (or one of the wrong type) reads as `UNKNOWN` on its axes; the vendor's own value stays "
        "in `Order.raw`.",
    ]


def _capability(adapter: VendorAdapter, field: str) -> str:
    if field not in adapter.supported_updates:
        return _NONE
    clears = " (`None` clears)" if field in adapter.clearable_updates else ""
    if field not in STATUS_FIELDS:
        return "yes" + clears
    values = adapter.status_values.get(field, {})
    if not values:
        return _NONE
    return "<br>".join(f"{_code(canonical.name)} → {_code(value)}" for canonical, value in values.items()) + clears


def _capabilities(adapters: Sequence[VendorAdapter]) -> list[str]:
    header = ["`update_order` argument", *(adapter.vendor.value for adapter in adapters)]
    rows = [[_code(field), *(_capability(adapter, field) for adapter in adapters)] for field in UPDATE_FIELDS]
    return [
        "### Update capabilities (`update_order` argument x vendor)",
        "",
        "For a status, each canonical value the vendor has a value of the same meaning for, and the value sent. "
        f"`{_NONE}`, or any value not listed, raises `UnsupportedUpdateError` before anything is sent, naming every "
        "offending argument and the vendors that do take it. `None` (clear it) is accepted only where marked.",
        "",
        *_table(header, rows),
    ]


def _rules(adapters: Sequence[VendorAdapter]) -> list[str]:
    lines = ["### Vendor rules"]
    for adapter in adapters:
        lines += ["", f"**{adapter.vendor.value}** (`api_key` falls back to `{adapter.api_key_env}`)", ""]
        lines += [f"- {rule}" for rule in adapter.update_rules] or ["- no rules beyond its spec"]
    return lines


def render(adapters: Sequence[VendorAdapter] | None = None) -> str:
    """The generated block, markers included, for ``adapters`` (default: every registered vendor)."""
    chosen = list(adapters) if adapters is not None else all_adapters()
    parts = [[BEGIN, _HOW], _status_mapping(chosen), _capabilities(chosen), _rules(chosen), [END]]
    return "\n\n".join("\n".join(part) for part in parts) + "\n"


def write(path: Path, block: str | None = None) -> bool:
    """Put the block in the Markdown file at ``path``: between the markers when it has them, else appended under
    :data:`SECTION_TITLE`. True when the file changed."""
    block = render() if block is None else block
    text = path.read_text("utf-8")
    start, end = text.find(BEGIN), text.find(END)
    if start != -1 and end > start:
        after = end + len(END)
        if text[after : after + 1] == "\n":
            after += 1
        updated = text[:start] + block + text[after:]
    else:
        updated = text.rstrip("\n") + f"\n\n{SECTION_TITLE}\n\n{block}"
    if updated == text:
        return False
    path.write_text(updated, "utf-8")
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storefronts._docs", description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="FILE", type=Path, help="rewrite the generated block of FILE in place")
    group.add_argument("--check", metavar="FILE", type=Path, help="exit 1 when FILE's generated block is stale")
    options = parser.parse_args(argv)
    block = render()
    if options.write is not None:
        changed = write(options.write, block)
        sys.stdout.write(f"{options.write}: {'updated' if changed else 'already up to date'}\n")
        return 0
    if options.check is not None:
        if block not in options.check.read_text("utf-8"):
            sys.stderr.write(f"{options.check}: the vendor tables are stale; run python -m storefronts._docs --write\n")
            return 1
        return 0
    sys.stdout.write(block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
