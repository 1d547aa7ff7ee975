"""What a service does to depend on storefront-clients, done for real: the built artifacts uploaded with twine to a
package index on 127.0.0.1 (pypiserver) and installed from it, an install from a git tag, and each followed by
the README quickstart against the sandbox vendors, in fresh venvs outside the repository.

The git-tag install clones the repository's last commit (not uncommitted changes) into a temporary folder and
tags it there; the repository's own tags are never touched.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.release.release_check import (
    DISTRIBUTION,
    ROOT,
    Artifacts,
    make_venv,
    pip_install,
    quickstart,
    run,
)
from tests.support.vendors import VENDORS

pytestmark = [pytest.mark.release, pytest.mark.timeout(900)]

# pypiserver prints this once its server is about to bind
PYPISERVER_BANNER = "Listening on"
# connection attempts while the port is being bound, after the banner (httpcore backs off 0, 0.5, 1, 2 s)
READY_RETRIES = 4


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def package_index(tmp_path: Path) -> Iterator[str]:
    """A real pypiserver on 127.0.0.1: uploads without a password, no fallback to any other index."""
    packages = tmp_path / "packages"
    packages.mkdir()
    port = _free_port()
    command = [
        sys.executable, "-u", "-m", "pypiserver", "run",
        "--interface", "127.0.0.1", "--port", str(port),
        "--authenticate", ".", "--passwords", ".", "--disable-fallback", "--server", "wsgiref",
        str(packages),
    ]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        banner = [server.stdout.readline() for _ in range(2)]
        assert any(PYPISERVER_BANNER in line for line in banner), banner
        url = f"http://127.0.0.1:{port}"
        with httpx.Client(transport=httpx.HTTPTransport(retries=READY_RETRIES)) as client:
            assert client.get(f"{url}/health").status_code == 200
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stdout is not None:
            server.stdout.close()


def test_upload_to_an_index_then_install_with_extras_and_run_the_quickstart(
    artifacts: Artifacts, wheels: Path, package_index: str, tmp_path: Path
) -> None:
    run([
        sys.executable, "-m", "twine", "upload", "--non-interactive", "--disable-progress-bar",
        "--repository-url", f"{package_index}/", "--username", "ci", "--password", "unused",
        artifacts.sdist, artifacts.wheel,
    ])  # fmt: skip
    listing = httpx.get(f"{package_index}/simple/{DISTRIBUTION}/").text
    assert artifacts.wheel.name in listing and artifacts.sdist.name in listing

    python = make_venv(tmp_path / "venv")
    requirement = f"{DISTRIBUTION}[async,testing]=={artifacts.version}"
    pip_install(python, requirement, wheels, index_url=f"{package_index}/simple/")

    output = quickstart(python, artifacts.version, has_testing=True)
    assert f"storefronts {artifacts.version} from {tmp_path / 'venv'}" in output
    for vendor in VENDORS:
        assert f"{vendor} async Customer asked again" in output
    installed = run([sys.executable, "-m", "pip", "--python", python, "show", "--files", DISTRIBUTION])
    assert "storefronts_generated/bitbybit/__init__.py" in installed
    assert "bitbybit_client" not in installed


def test_install_from_a_git_tag_and_run_the_quickstart(artifacts: Artifacts, wheels: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    head = run(["git", "-C", ROOT, "rev-parse", "HEAD"]).strip()
    run(["git", "clone", "--quiet", "--no-checkout", ROOT, clone])
    run(["git", "-C", clone, "checkout", "--quiet", head])
    version = run([sys.executable, "-c", "import runpy, sys; print(runpy.run_path(sys.argv[1])['__version__'])",
                   clone / "wrappers" / "storefronts" / "_version.py"]).strip()  # fmt: skip
    run(["git", "-C", clone, "tag", f"v{version}"])

    python = make_venv(tmp_path / "venv")
    pip_install(python, f"{DISTRIBUTION}[async,testing] @ git+{clone.as_uri()}@v{version}", wheels)

    output = quickstart(python, version, has_testing=True)
    assert f"storefronts {version} from {tmp_path / 'venv'}" in output
    assert "launchmystore async Customer asked again" in output


def test_published_metadata_is_fit_for_users(artifacts: Artifacts) -> None:
    with zipfile.ZipFile(artifacts.wheel) as archive:
        names = archive.namelist()
        metadata_name = next(name for name in names if name.endswith(".dist-info/METADATA"))
        metadata = archive.read(metadata_name).decode("utf-8").split("\n\n", 1)[0]
    headers = [line.split(": ", 1) for line in metadata.splitlines() if ": " in line]
    requires = [value for key, value in headers if key == "Requires-Dist"]
    extras = {value for key, value in headers if key == "Provides-Extra"}
    classifiers = {value for key, value in headers if key == "Classifier"}
    urls = {value.split(",")[0] for key, value in headers if key == "Project-URL"}

    assert "dev" not in extras, "maintainer tools belong in a dependency group, not a published extra"
    assert not [r for r in requires if "==" in r.split(";")[0]], f"exact pins in published requirements: {requires}"
    assert len(requires) == len(set(requires)), f"duplicate requirements: {requires}"
    assert not [r for r in requires if "storefront-clients" in r], "an extra that requires the project itself"
    assert {"async", "testing"} <= extras
    assert "Typing :: Typed" in classifiers
    assert {"Homepage", "Source", "Changelog"} <= urls
    top_level = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top_level == {"storefronts", "storefronts_generated"}
    assert {"storefronts/py.typed", "storefronts_generated/py.typed"} <= set(names)
