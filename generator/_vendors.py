"""The vendor list, read from ``specs/sources.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCES_FILE = REPO_ROOT / "specs" / "sources.yaml"

# Every generated client is a subpackage of this one (generated/storefronts_generated/<package>/): a name of our own,
# so no vendor SDK or other distribution installed beside storefront-clients can collide with it. Internal API.
GENERATED_NAMESPACE = "storefronts_generated"


@dataclass(frozen=True)
class VendorSource:
    """One vendor's entry in ``specs/sources.yaml``."""

    name: str
    spec_path: Path
    package: str
    """The client's subpackage under :data:`GENERATED_NAMESPACE` (``bitbybit``)."""
    hand_written: bool
    url: str
    format: str

    @property
    def import_name(self) -> str:
        """The generated client's import name (``storefronts_generated.bitbybit``)."""
        return f"{GENERATED_NAMESPACE}.{self.package}"


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
