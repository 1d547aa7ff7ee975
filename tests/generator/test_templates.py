"""Our template overrides stay reviewable on an upgrade: each one names the upstream template it was copied from,
at the openapi-python-client version we pin, and that template still exists upstream."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import openapi_python_client
import pytest

ROOT = Path(__file__).resolve().parents[2]
OVERRIDES = ROOT / "generator" / "templates"
UPSTREAM = Path(openapi_python_client.__file__).parent / "templates"
HEADER = re.compile(r"\A\{#\n  storefronts override of openapi-python-client (\S+) templates/(\S+)\.\n")
TEMPLATES = sorted(path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*.jinja"))


def _pinned_version() -> str:
    pin = re.search(r'"openapi-python-client==([^"]+)"', (ROOT / "pyproject.toml").read_text())
    assert pin, "openapi-python-client must be pinned exactly in pyproject.toml"
    return pin.group(1)


def test_the_pin_is_what_is_installed() -> None:
    assert metadata.version("openapi-python-client") == _pinned_version()


@pytest.mark.parametrize("template", TEMPLATES)
def test_each_override_names_its_upstream_template_and_version(template: str) -> None:
    header = HEADER.match((OVERRIDES / template).read_text())
    assert header, f"{template} must start with the override header (upstream version and path, then our changes)"
    version, upstream_path = header.groups()
    assert version == _pinned_version(), f"{template} was copied from {version}; the pin is {_pinned_version()}"
    assert upstream_path == template
    assert (UPSTREAM / upstream_path).is_file(), f"upstream has no {upstream_path} any more"
