"""The generation pipeline end to end: ``python -m generator`` is deterministic, ``generated/`` is up to date, and
``--check`` catches a spec changed without regenerating.

The generator finds the repository from its own location (``generator/_vendors.py``: ``REPO_ROOT``), so these tests
copy ``specs/``, ``generator/`` and ``generated/`` into a temporary mini-repo and run the copied package there: they
never write into the working tree (not even ``build/``), and a ``make generate`` running beside them cannot interfere.
Each generation takes about 5 s, so the module runs three: two for determinism (the first is also the ``--check``
of ``generated/``) and one for the staleness check.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import pytest
from ruamel.yaml import YAML

from generator._generate import GENERATED_FILE_HEADER, GenerationError, vendor_list_source
from generator._vendors import VendorSource, load_sources

ROOT = Path(__file__).resolve().parents[2]
NAMESPACE = "storefronts_generated"
PACKAGES = {"bitbybit", "salesive", "launchmystore"}
COPIED = ("specs", "generator", "generated")


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.returncode}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def _mini_repo(root: Path) -> Path:
    """A copy of the parts of the repository the generator reads and writes, under ``root``."""
    root.mkdir(parents=True)
    for name in COPIED:
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".ruff_cache"))
    return root


def _generator(repo: Path, *args: str) -> Run:
    """``python -m generator ARGS`` with ``repo`` as the working directory, so ``repo/generator`` is what runs."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    return Run(result.returncode, result.stdout, result.stderr)


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path -> bytes)."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@dataclass(frozen=True)
class Generations:
    repo: Path
    check: Run  # `python -m generator --check`, the first generation
    first: dict[str, bytes]  # the tree --check generated
    second_run: Run  # `python -m generator --out OUT`, the second generation
    second: dict[str, bytes]
    out: Path


@pytest.fixture(scope="module")
def generations(tmp_path_factory: pytest.TempPathFactory) -> Generations:
    base = tmp_path_factory.mktemp("pipeline")
    repo = _mini_repo(base / "repo")
    check = _generator(repo, "--check")
    first = _tree(repo / "build" / "generator" / "check")  # read now: the next run must not be able to touch it
    out = base / "out"
    second_run = _generator(repo, "--out", str(out))
    return Generations(repo, check, first, second_run, _tree(out), out)


def test_generated_is_up_to_date_with_specs_and_generator(generations: Generations) -> None:
    assert generations.check.returncode == 0, generations.check
    assert "generated/ is up to date" in generations.check.stdout
    # the copied package really ran in the mini-repo: its build folder is there, not in the working tree's
    assert (generations.repo / "build" / "generator" / "check").is_dir()


def test_generation_is_deterministic(generations: Generations) -> None:
    assert generations.second_run.returncode == 0, generations.second_run
    first, second = generations.first, generations.second
    assert {name.split("/")[0] for name in first} == {NAMESPACE}
    assert {name.split("/")[1] for name in first if name.count("/") > 1} == PACKAGES
    assert sorted(first) == sorted(second), "the two runs wrote different files"
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, f"not byte-identical across two runs: {differing}"


def test_generation_equals_the_committed_tree_file_by_file(generations: Generations) -> None:
    """What --check decided, recomputed here: a bug in its comparison must not hide a stale generated/."""
    committed = {
        name: content for name, content in _tree(ROOT / "generated").items() if "__pycache__" not in name.split("/")
    }
    assert sorted(committed) == sorted(generations.second)
    assert [name for name in committed if committed[name] != generations.second[name]] == []


def test_no_ruff_cache_is_left_anywhere(generations: Generations) -> None:
    """The stock ruff post-hooks leave a .ruff_cache/ whose file names change on every run."""
    caches = [p for root in (generations.repo, generations.out) for p in root.rglob(".ruff_cache")]
    assert caches == []
    assert not any(".ruff_cache" in name for name in (*generations.first, *generations.second))


def test_check_fails_and_names_the_stale_files_when_a_spec_changed(tmp_path: Path) -> None:
    repo = _mini_repo(tmp_path / "repo")
    spec_path = repo / "specs" / "bitbybit.yaml"
    yaml = YAML(typ="rt")
    spec = yaml.load(spec_path.read_text(encoding="utf-8"))
    spec["components"]["schemas"]["Order"]["properties"]["status"]["enum"].append("on_hold")
    with spec_path.open("w", encoding="utf-8") as stream:
        yaml.dump(spec, stream)
    # and a file that generation does not produce (a leftover of a renamed schema, say)
    (repo / "generated" / NAMESPACE / "salesive" / "models" / "stray.py").write_text("# stale\n", encoding="utf-8")

    # and a package of a vendor since removed, or renamed, beside the namespace
    (repo / "generated" / "stray_client").mkdir()
    (repo / "generated" / "stray_client" / "__init__.py").write_text("# stale\n", encoding="utf-8")

    run = _generator(repo, "--check")

    assert run.returncode == 1, run
    assert "generated/ is stale" in run.stdout
    named = sorted(line.strip() for line in run.stdout.splitlines() if line.startswith("  "))
    assert named == [
        "generated/storefronts_generated/bitbybit/models/order_status.py",
        "generated/storefronts_generated/salesive/models/stray.py (should not exist)",
        "generated/stray_client/__init__.py (should not exist)",
    ], run
    # --check never writes to generated/: the stale tree is still there for the maintainer to look at
    assert "ON_HOLD" not in (repo / "generated" / NAMESPACE / "bitbybit" / "models" / "order_status.py").read_text()


def test_every_generated_file_has_the_generated_header_and_each_package_is_typed() -> None:
    vendors = load_sources()
    assert {vendor.package for vendor in vendors} == PACKAGES
    assert {vendor.import_name for vendor in vendors} == {f"{NAMESPACE}.{name}" for name in PACKAGES}
    assert {path.name for path in (ROOT / "generated").iterdir() if path.name != "__pycache__"} == {NAMESPACE}
    namespace = ROOT / "generated" / NAMESPACE
    assert {path.name for path in namespace.iterdir() if path.is_dir() and path.name != "__pycache__"} == PACKAGES
    assert {path.name for path in namespace.iterdir() if path.is_file()} == {"__init__.py", "py.typed", "_vendors.py"}
    assert (namespace / "__init__.py").read_text(encoding="utf-8").startswith("# Generated by `make generate`")
    assert (namespace / "_vendors.py").read_text(encoding="utf-8").startswith("# Generated from specs/sources.yaml")
    for vendor in vendors:
        package = namespace / vendor.package
        assert (package / "py.typed").is_file(), f"{vendor.package} is not marked typed (PEP 561)"
        files = [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        assert {p.name for p in files if p.suffix != ".py"} == {"py.typed"}
        header = GENERATED_FILE_HEADER.format(vendor=vendor.name)
        assert header.startswith(f"# Generated from specs/{vendor.name}.yaml by `make generate`")
        without = sorted(
            str(p.relative_to(package)) for p in files if p.suffix == ".py" and not _starts_with(p, header)
        )
        assert not without, f"{vendor.package}: files without the generated-file header: {without}"


def _starts_with(path: Path, header: str) -> bool:
    return path.read_text(encoding="utf-8").startswith(header)


def _vendor_source(name: str) -> VendorSource:
    return VendorSource(
        name=name, spec_path=Path(f"specs/{name}.yaml"), package=name, hand_written=True, url="-", format="openapi"
    )


def test_a_sources_entry_is_all_the_public_vendor_list_needs() -> None:
    """The Vendor enum and VendorName literal are written from specs/sources.yaml, in its order."""
    namespace: dict[str, Any] = {}
    exec(vendor_list_source([_vendor_source("salesive"), _vendor_source("tiny_woo")]), namespace)
    vendor = namespace["Vendor"]
    assert [(member.name, member.value) for member in vendor] == [("SALESIVE", "salesive"), ("TINY_WOO", "tiny_woo")]
    assert vendor("tiny_woo") == "tiny_woo"
    assert get_args(namespace["VendorName"]) == ("salesive", "tiny_woo")


@pytest.mark.parametrize("name", ["Tinywoo", "tiny-woo", "2woo", "class", "tiny woo", ""])
def test_a_vendor_name_that_cannot_name_a_module_is_refused(name: str) -> None:
    with pytest.raises(GenerationError, match="lower-case Python identifier") as caught:
        vendor_list_source([_vendor_source("salesive"), _vendor_source(name)])
    assert repr(name) in str(caught.value)
