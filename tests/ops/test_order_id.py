"""``order_id`` is an attribute of every error a call raises, whatever the failure and whichever twin."""

from __future__ import annotations

from typing import Any

import pytest

import storefronts
from tests.support.loopback import LoopbackServer, Reply

from .conftest import ORDER_ID, async_client, sync_client

FAILURES: dict[str, tuple[dict[str, Any], Reply | None, type[storefronts.StorefrontError]]] = {
    "invalid": ({"email": "nope"}, None, storefronts.InvalidUpdateError),
    "unsupported": ({"tags": ["a"]}, None, storefronts.UnsupportedUpdateError),
    "not found": (
        {"notes": "x"},
        Reply(404, json={"error": {"code": "NOT_FOUND", "message": "no"}}),
        storefronts.NotFoundError,
    ),
    "rate limited": ({"notes": "x"}, Reply(429, headers={"Retry-After": "3600"}), storefronts.RateLimitError),
    "hung up": ({"notes": "x"}, Reply(close_before_status=True), storefronts.APIConnectionError),
    "too slow": ({"notes": "x"}, Reply(200, delay_before_headers=2.0), storefronts.APITimeoutError),
    "not json": ({"notes": "x"}, Reply(200, body=b"<html>", content_type="text/html"), storefronts.ResponseDecodeError),
}


@pytest.mark.parametrize("failure", FAILURES)
def test_every_error_of_a_sync_call_names_its_order(server: LoopbackServer, failure: str) -> None:
    updates, reply, expected = FAILURES[failure]
    if reply is not None:
        server.replies.append(reply)
    with sync_client("bitbybit", server, max_retries=0, timeout=0.3) as client, pytest.raises(expected) as caught:
        client.update_order(ORDER_ID, **updates)
    assert caught.value.order_id == ORDER_ID


@pytest.mark.anyio
@pytest.mark.parametrize("failure", FAILURES)
async def test_every_error_of_an_async_call_names_its_order(server: LoopbackServer, failure: str) -> None:
    updates, reply, expected = FAILURES[failure]
    if reply is not None:
        server.replies.append(reply)
    async with async_client("bitbybit", server, max_retries=0, timeout=0.3) as client:
        with pytest.raises(expected) as caught:
            await client.update_order(order_id=ORDER_ID, **updates)  # by keyword too
    assert caught.value.order_id == ORDER_ID


def test_an_error_outside_a_call_has_order_id_none() -> None:
    with pytest.raises(storefronts.ConfigurationError) as caught:
        storefronts.Client("bitbybit", api_key="")
    assert caught.value.order_id is None
