"""A finished call leaves no reference cycle behind: its responses are freed as soon as nothing holds them, not at
the cycle collector's next pass (httpx binds a response's stream back to the response; we undo that once the
stream is closed). What a caller keeps, an error's ``response``, still has its body, and its spent stream still
refuses a second read as httpx's does."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import httpx
import pytest

import storefronts
from tests.reliability.conftest import API_KEYS, NOTES, ORDER_ID, async_client, ok_json, sync_client
from tests.support.loopback import LoopbackServer, Reply

pytestmark = pytest.mark.anyio

NOT_FOUND = {"error": {"code": "ORDER_NOT_FOUND", "message": "no such order"}}


@pytest.fixture
def no_cycle_collector() -> Iterator[None]:
    """Whatever is freed while this runs was freed by its reference count alone."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _ok(server: LoopbackServer) -> None:
    server.replies.append(Reply(200, body=ok_json("bitbybit"), content_type="application/json"))


@pytest.mark.usefixtures("no_cycle_collector")
def test_a_sync_call_frees_its_response_when_it_returns(server: LoopbackServer) -> None:
    _ok(server)
    seen: list[weakref.ref[httpx.Response]] = []
    http = httpx.Client(event_hooks={"response": [lambda response: seen.append(weakref.ref(response))]})
    with http, sync_client("bitbybit", server, http_client=http) as client:
        order = client.update_order(ORDER_ID, notes=NOTES)
    assert order.id == ORDER_ID
    assert len(seen) == 1
    assert seen[0]() is None


@pytest.mark.usefixtures("no_cycle_collector")
async def test_an_async_call_frees_its_response_when_it_returns(server: LoopbackServer, transport: str) -> None:
    _ok(server)
    seen: list[weakref.ref[httpx.Response]] = []

    async def keep(response: httpx.Response) -> None:
        seen.append(weakref.ref(response))

    hooks = {"response": [keep]}
    aiohttp = transport == "aiohttp"
    http = storefronts.DefaultAioHttpClient(event_hooks=hooks) if aiohttp else httpx.AsyncClient(event_hooks=hooks)
    async with async_client("bitbybit", server, http_client=http) as client:
        order = await client.update_order(ORDER_ID, notes=NOTES)
        assert order.id == ORDER_ID
        assert len(seen) == 1
        assert seen[0]() is None
    await http.aclose()


async def test_an_error_keeps_its_response_body_and_its_spent_stream_refuses_a_second_read(
    server: LoopbackServer,
) -> None:
    server.replies.append(Reply(404, json=NOT_FOUND))
    async with async_client("bitbybit", server) as client:
        with pytest.raises(storefronts.NotFoundError) as caught:
            await client.update_order(ORDER_ID, notes=NOTES)
    response = caught.value.response
    assert response is not None
    assert response.is_closed
    assert response.json() == NOT_FOUND
    with pytest.raises(httpx.StreamConsumed):
        async for _ in response.aiter_raw():
            pass
    await response.aclose()  # closing again is harmless, as on any closed httpx response


def test_a_sync_error_keeps_its_response_body(server: LoopbackServer) -> None:
    server.replies.append(Reply(404, json=NOT_FOUND))
    with sync_client("bitbybit", server) as client, pytest.raises(storefronts.NotFoundError) as caught:
        client.update_order(ORDER_ID, notes=NOTES)
    response = caught.value.response
    assert response is not None
    assert response.json() == NOT_FOUND
    with pytest.raises(httpx.StreamConsumed):
        list(response.iter_raw())
    assert API_KEYS["bitbybit"] not in response.text
