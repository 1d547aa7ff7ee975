"""What the suites that drive a sandbox through the facade need of it, read from the vendor's table."""

from __future__ import annotations

from storefronts.testing import SandboxServer
from tests.vendors import table


def client_api_key(server: SandboxServer) -> str | tuple[str, str]:
    """The ``api_key`` a Client takes for the credential ``server`` accepts: ``server.api_key`` is one string, which a
    key-and-secret vendor's Client takes apart (its table's ``client_credential`` says how)."""
    return table(server.vendor).client_credential(server.api_key)
