"""One vendor's run: load the spec, normalise it, render it with openapi-python-client and our templates."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from ._vendors import REPO_ROOT, VendorSource
from .transforms import normalise

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
BASE_CONFIG = Path(__file__).resolve().parent / "openapi-python-client.yaml"
BUILD_DIR = REPO_ROOT / "build" / "generator"
GENERATED_DIR = REPO_ROOT / "generated"

# The generated clients' own timeout, for anyone who uses them without the facade (which sets its own):
# a silent server must not hang a caller forever, as the stock timeout=None would let it.
GENERATED_DEFAULT_TIMEOUT_S = 30.0
GENERATED_DEFAULT_CONNECT_TIMEOUT_S = 5.0

GENERATED_FILE_HEADER = (
    "# Generated from specs/{vendor}.yaml by `make generate` (openapi-python-client + generator/templates).\n"
    "# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.\n"
)


class GenerationError(RuntimeError):
    """The spec cannot be turned into a client (an unsupported auth scheme, a generator warning, ...)."""


def load_spec(path: Path) -> dict[str, Any]:
    """The spec as ruamel.yaml's round-trip mapping: key order and quoting survive the trip through the build."""
    spec: dict[str, Any] = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    return spec


def auth_header(spec: dict[str, Any]) -> tuple[str, str]:
    """(header name, value prefix) of the spec's security scheme: ("x-api-key", ""), ("Authorization", "Bearer")."""
    requirements = spec.get("security") or []
    schemes = (spec.get("components") or {}).get("securitySchemes") or {}
    if not requirements or not schemes:
        raise GenerationError("the spec declares no top-level security requirement and securitySchemes")
    scheme_name = next(iter(requirements[0]))
    scheme = schemes[scheme_name]
    if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
        return str(scheme["name"]), ""
    if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
        return "Authorization", "Bearer"
    raise GenerationError(f"security scheme {scheme_name!r} ({dict(scheme)}) is not supported by the client template")


def _write_build_inputs(vendor: VendorSource, work_dir: Path) -> tuple[Path, Path, Path]:
    """The normalised spec, the per-vendor config and the template folder openapi-python-client is given."""
    spec = normalise(load_spec(vendor.spec_path))
    spec_path = work_dir / f"{vendor.name}.normalised.yaml"
    with spec_path.open("w", encoding="utf-8") as stream:
        YAML(typ="rt").dump(spec, stream)

    config: dict[str, Any] = YAML(typ="safe").load(BASE_CONFIG.read_text(encoding="utf-8"))
    config["package_name_override"] = vendor.package
    config["project_name_override"] = vendor.package
    config_path = work_dir / "config.json"
    config_path.write_text(json.dumps(config, indent=2), encoding="utf-8")

    # openapi-python-client takes one template folder and no variables, so the per-vendor settings the
    # templates need (the auth header, from the spec) go into a small file beside a copy of our templates.
    templates = work_dir / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    header_name, prefix = auth_header(spec)
    (templates / "_generation_settings.jinja").write_text(
        f"{{% set header_name = {json.dumps(header_name)} %}}\n"
        f"{{% set prefix = {json.dumps(prefix)} %}}\n"
        f"{{% set default_timeout = {GENERATED_DEFAULT_TIMEOUT_S!r} %}}\n"
        f"{{% set default_connect_timeout = {GENERATED_DEFAULT_CONNECT_TIMEOUT_S!r} %}}\n",
        encoding="utf-8",
    )
    return spec_path, config_path, templates


def generate_vendor(vendor: VendorSource, out_dir: Path) -> Path:
    """Generate ``<out_dir>/<package>`` for one vendor and return it."""
    work_dir = BUILD_DIR / vendor.name
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    spec_path, config_path, templates = _write_build_inputs(vendor, work_dir)

    package_dir = work_dir / vendor.package
    env = dict(os.environ)
    # the post hooks call `ruff` by name: the one pinned beside this interpreter
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    # every argument is ours: paths we built and the interpreter we run in
    result = subprocess.run(  # noqa: S603
        [
            sys.executable, "-m", "openapi_python_client", "generate",
            "--path", str(spec_path),
            "--config", str(config_path),
            "--custom-template-path", str(templates),
            "--meta", "none",
            "--output-path", str(package_dir),
            "--overwrite",
            "--fail-on-warning",
        ],
        cwd=work_dir, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise GenerationError(f"openapi-python-client failed for {vendor.name}:\n{result.stdout}\n{result.stderr}")
    _finish_package(vendor, package_dir)

    target = out_dir / vendor.package
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(package_dir, target)
    return target


def _finish_package(vendor: VendorSource, package_dir: Path) -> None:
    """Keep only Python sources, mark each as generated, and declare the package typed."""
    for path in sorted(package_dir.rglob("*"), reverse=True):
        if path.is_dir():
            if path.name in {".ruff_cache", "__pycache__"}:
                shutil.rmtree(path)
            continue
        if path.suffix != ".py":
            path.unlink()
            continue
        path.write_text(
            GENERATED_FILE_HEADER.format(vendor=vendor.name) + path.read_text(encoding="utf-8"), encoding="utf-8"
        )
    (package_dir / "py.typed").write_text("", encoding="utf-8")


def tree_differences(expected: Path, actual: Path) -> list[str]:
    """Relative paths that differ between two trees: changed, missing from ``actual``, or extra in it."""

    def files(root: Path) -> set[str]:
        if not root.exists():
            return set()
        return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts}

    expected_files, actual_files = files(expected), files(actual)
    changed = [
        name
        for name in sorted(expected_files & actual_files)
        if not filecmp.cmp(expected / name, actual / name, shallow=False)
    ]
    missing = [f"{name} (missing)" for name in sorted(expected_files - actual_files)]
    extra = [f"{name} (should not exist)" for name in sorted(actual_files - expected_files)]
    return changed + missing + extra
