"""The vendor list, read from ``specs/sources.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCES_FILE = REPO_ROOT / "specs" / "sources.yaml"


@dataclass(frozen=True)
class VendorSource:
    """One vendor's entry in ``specs/sources.yaml``."""

    name: str
    spec_path: Path
    package: str
    hand_written: bool
    url: str
    format: str


def load_sources(path: Path = SOURCES_FILE) -> list[VendorSource]:
    """Every vendor in ``sources.yaml``, in file order."""
    data: dict[str, Any] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return [
        VendorSource(
            name=name,
            spec_path=REPO_ROOT / entry["spec"],
            package=entry["package"],
            hand_written=bool(entry["hand_written"]),
            url=entry["source"]["url"],
            format=entry["source"]["format"],
        )
        for name, entry in data["vendors"].items()
    ]
