"""``SandboxServer.credential``: what a client's ``api_key`` takes to pass the sandbox, for every vendor (a
key-and-secret vendor's is its two parts, though the sandbox holds them as one ``api_key`` string)."""

from __future__ import annotations

import pytest

from storefronts import Client
from storefronts.errors import AuthenticationError
from storefronts.testing import sandbox
from tests.support.vendors import VENDORS
from tests.vendors import table

NOTES = "sent with the sandbox's credential"


def _spoilt(credential: str | tuple[str, str]) -> str | tuple[str, str]:
    """The same credential with its last part changed: of the vendor's form still, but not the sandbox's."""
    if isinstance(credential, tuple):
        key, secret = credential
        return key, f"{secret}x"
    return f"{credential}x"


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_client_given_the_sandbox_credential_is_let_in_and_a_wrong_one_is_not(vendor: str) -> None:
    entry = table(vendor)
    if "notes" not in entry.supported:
        pytest.skip(f"{vendor} takes no notes to update")
    with sandbox(vendor) as server:
        assert server.credential == entry.client_credential(server.api_key)
        assert type(server.credential) is type(entry.api_key)  # the form the vendor's client takes
        with Client(vendor, api_key=server.credential, base_url=server.base_url) as client:
            order = client.update_order(entry.sandbox_order_id, notes=NOTES)
        assert (order.id, order.notes) == (entry.sandbox_order_id, NOTES)
        with (
            Client(vendor, api_key=_spoilt(server.credential), base_url=server.base_url, max_retries=0) as client,
            pytest.raises(AuthenticationError),
        ):
            client.update_order(entry.sandbox_order_id, notes="never applied")
        assert len(server.requests) == 2
