"""Stoplight Prism mocking each vendor's own spec: a judge of our requests that we did not write.

Prism (pinned, installed into .tools/ by `make tools`) answers 422 to any request its spec does not accept,
so a green run here proves the facade's requests are valid. A request with ``Prefer: dynamic=true`` gets a random
schema-valid order instead of the spec's example, which the facade must parse whatever it holds: one Prism per
vendor serves both kinds (``PrismServer.dynamic`` says which a test wants, ``headers`` asks for it).
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from tests.support import summary
from tests.support.vendors import VENDORS
from tests.vendors import table

REPO_ROOT = Path(__file__).resolve().parents[2]
PRISM = REPO_ROOT / ".tools" / "node_modules" / ".bin" / "prism"
_STARTUP_S = 60.0
_VALIDATED = re.compile(r"The request passed the validation rules")


# Prism's per-request switch for what `prism mock --dynamic` does for every request.
_DYNAMIC_HEADERS = {"Prefer": "dynamic=true"}


@dataclass(frozen=True)
class PrismServer:
    vendor: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path
    dynamic: bool = False

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def headers(self) -> dict[str, str]:
        """What a client sends with every request to get this server's kind of answer."""
        return dict(_DYNAMIC_HEADERS) if self.dynamic else {}

    def validated_requests(self) -> int:
        return len(_VALIDATED.findall(self.log_path.read_text(encoding="utf-8", errors="replace")))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_listening(server: PrismServer) -> None:
    deadline = time.monotonic() + _STARTUP_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"Prism for {server.vendor} exited:\n{server.log_path.read_text(errors='replace')[-2000:]}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", server.port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(f"Prism for {server.vendor} did not listen within {_STARTUP_S}s")


@pytest.fixture(scope="session")
def prism_servers(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[tuple[str, bool], PrismServer]]:
    if not PRISM.exists():
        pytest.fail(
            "Prism is not installed: run `make tools` "
            "(it needs node >= 18 and npm; on Debian: apt-get install nodejs npm)"
        )
    logs = tmp_path_factory.mktemp("prism")
    servers: dict[str, PrismServer] = {}
    # all start at once: Prism takes seconds to boot, and they boot in parallel
    for vendor in VENDORS:
        port = _free_port()
        log_path = logs / f"{vendor}.log"
        command = [str(PRISM), "mock", str(table(vendor).spec_path), "--errors"]
        command += ["-h", "127.0.0.1", "-p", str(port)]
        with log_path.open("wb") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        servers[vendor] = PrismServer(vendor, port, process, log_path)
    try:
        for server in servers.values():
            _wait_until_listening(server)
        yield {
            (vendor, dynamic): replace(server, dynamic=dynamic)
            for vendor, server in servers.items()
            for dynamic in (False, True)
        }
    finally:
        for server in servers.values():
            server.process.terminate()
        for server in servers.values():
            try:
                server.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.process.kill()
        # printed once for the whole run by tests/conftest.py, with the other session-end lines
        counts = {vendor: server.validated_requests() for vendor, server in servers.items()}
        summary.add(request.config, "contract", counts)
