"""``make release-check``: build the sdist and wheel, ``twine check`` them, install them into clean venvs outside the
repository (the wheel with each extra, the sdist with all of them) and run the README quickstart against the
sandbox vendors in each. ``tests/release/test_install.py`` uses the same parts for the package-index round trip
and the git-tag install.

Installs never reach the network: the dependencies are downloaded once into a wheelhouse (``build/release``),
and every install after that is ``pip --no-index --find-links WHEELHOUSE`` plus the source under test (the
built files, a local pypiserver, a git clone). pip's own configuration is switched off for those installs
(``PIP_CONFIG_FILE=/dev/null``), so a mirror configured on the machine cannot stand in for the artifact under test.
"""

from __future__ import annotations

import argparse
import email
import os
import shutil
import subprocess
import sys
import tempfile
import venv
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUICKSTART = Path(__file__).resolve().parent / "quickstart.py"
BUILD_DIR = ROOT / "build" / "release"
DISTRIBUTION = "storefront-clients"
# the sdist's build backend, for installs from source (the sdist, a git tag); as in pyproject's build-system
BUILD_REQUIREMENTS = ("hatchling==1.33.0",)
# a cold pip download of every dependency, or a build in an isolated env, takes well under this
COMMAND_TIMEOUT_S = 600


class ReleaseCheckError(RuntimeError):
    pass


def run(command: Sequence[str | Path], *, env: Mapping[str, str] | None = None, cwd: Path | None = None) -> str:
    """Run a command; its output on failure is in the error, so a failed check says why."""
    result = subprocess.run(
        [str(part) for part in command],
        env=None if env is None else dict(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=COMMAND_TIMEOUT_S,
    )
    if result.returncode != 0:
        shown = " ".join(str(part) for part in command)
        raise ReleaseCheckError(f"{shown}: exit {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def offline_pip_env() -> dict[str, str]:
    """The environment for installs under test: no pip configuration, no index but the ones given."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    env.update({"PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONNOUSERSITE": "1"})
    env.pop("PYTHONPATH", None)
    return env


@dataclass(frozen=True)
class Artifacts:
    sdist: Path
    wheel: Path
    version: str
    extras: tuple[str, ...]


def build(out_dir: Path) -> Artifacts:
    """``python -m build`` (an isolated build env, as a user's or CI's) into ``out_dir``, then ``twine check``."""
    shutil.rmtree(out_dir, ignore_errors=True)
    run([sys.executable, "-m", "build", "--outdir", out_dir, ROOT])
    (sdist,) = out_dir.glob("*.tar.gz")
    (wheel,) = out_dir.glob("*.whl")
    run([sys.executable, "-m", "twine", "check", "--strict", sdist, wheel])
    with zipfile.ZipFile(wheel) as archive:
        metadata_name = next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
        metadata = email.message_from_bytes(archive.read(metadata_name))
    extras = tuple(metadata.get_all("Provides-Extra") or ())
    return Artifacts(sdist, wheel, str(metadata["Version"]), extras)


def wheelhouse(artifacts: Artifacts, directory: Path = BUILD_DIR / "wheelhouse") -> Path:
    """Every dependency of the wheel with all its extras, and the build backend, downloaded once (pip's cache
    makes a second run quick); our own distribution is left out, so installs must find it where the test says."""
    directory.mkdir(parents=True, exist_ok=True)
    requirement = f"{artifacts.wheel}[{','.join(artifacts.extras)}]" if artifacts.extras else str(artifacts.wheel)
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--dest",
            directory,
            requirement,
            *BUILD_REQUIREMENTS,
        ]
    )
    for own in directory.glob("storefront_clients-*"):
        own.unlink()
    return directory


def make_venv(path: Path) -> Path:
    """A fresh, empty venv; returns its interpreter.

    Without pip of its own: :func:`pip_install` drives it with this interpreter's pip (``pip --python``), which is
    current (the pip Python 3.11 bundles rejects git+file:/// URLs) and saves seeding and upgrading a pip per venv.
    """
    shutil.rmtree(path, ignore_errors=True)
    venv.EnvBuilder(with_pip=False, clear=True).create(path)
    return path / "bin" / "python"


def pip_install(
    python: Path, requirement: str, wheels: Path, *, index_url: str | None = None, upgrade: bool = False
) -> None:
    """Install ``requirement`` into the venv of ``python``, from ``wheels`` and ``index_url`` only."""
    index = ["--index-url", index_url] if index_url else ["--no-index"]
    options = ["--upgrade"] if upgrade else []
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "install",
            "--quiet",
            "--no-cache-dir",
            *options,
            *index,
            "--find-links",
            wheels,
            requirement,
        ],
        env=offline_pip_env(),
    )


@contextmanager
def _sandbox_env() -> Iterator[dict[str, str]]:
    """A sandbox run by this (maintainer's) interpreter, for a venv without the testing extra."""
    from storefronts.testing import sandbox

    with sandbox("bitbybit") as server:
        yield {
            "QUICKSTART_VENDOR": "bitbybit",
            "QUICKSTART_BASE_URL": server.base_url,
            "QUICKSTART_API_KEY": server.api_key,
            "QUICKSTART_ORDER_ID": next(iter(server.orders)),
        }


def quickstart(python: Path, version: str, *, has_testing: bool) -> str:
    """Run the quickstart with ``python`` from a folder outside the repository; its output."""
    with tempfile.TemporaryDirectory(prefix="storefronts-quickstart-") as folder:
        script = Path(folder) / "quickstart.py"
        shutil.copyfile(QUICKSTART, script)
        env = offline_pip_env()
        if has_testing:
            return run([python, "-I", script, version], env=env, cwd=Path(folder))
        with _sandbox_env() as sandbox_env:
            return run([python, "-I", script, version], env={**env, **sandbox_env}, cwd=Path(folder))


def check_artifacts(artifacts: Artifacts, wheels: Path, venvs: Path, say: bool = True) -> list[str]:
    """Install the wheel with no extra and with each, and the sdist with all; run the quickstart in each venv."""
    installs: list[tuple[str, str, bool]] = [("wheel", str(artifacts.wheel), False)]
    installs += [(f"wheel[{extra}]", f"{artifacts.wheel}[{extra}]", extra == "testing") for extra in artifacts.extras]
    every = ",".join(artifacts.extras)
    installs.append(
        (f"sdist[{every}]", f"{DISTRIBUTION}[{every}] @ {artifacts.sdist.as_uri()}", "testing" in artifacts.extras)
    )
    done = []
    for name, requirement, has_testing in installs:
        python = make_venv(venvs / name.replace("[", "-").replace("]", "").replace(",", "-"))
        pip_install(python, requirement, wheels)
        output = quickstart(python, artifacts.version, has_testing=has_testing)
        done.append(name)
        if say:
            sys.stdout.write(f"release-check: {name}: quickstart passed ({len(output.splitlines())} lines)\n")
    return done


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.release.release_check", description=__doc__.split("\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the artifacts go (default: dist/)")
    args = parser.parse_args(argv)
    try:
        artifacts = build(args.dist.resolve())
        sys.stdout.write(f"release-check: built and twine-checked {artifacts.sdist.name}, {artifacts.wheel.name}\n")
        wheels = wheelhouse(artifacts)
        with tempfile.TemporaryDirectory(prefix="storefronts-release-check-") as venvs:
            check_artifacts(artifacts, wheels, Path(venvs))
    except ReleaseCheckError as exc:
        sys.stderr.write(f"release-check: FAILED: {exc}\n")
        return 1
    sys.stdout.write(f"release-check: {DISTRIBUTION} {artifacts.version} is ready: {args.dist}/\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
