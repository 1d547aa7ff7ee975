"""``prepare_update``: raises exactly what ``update_order`` raises for the same arguments, and otherwise returns
the request update_order sends (the sandbox's record of it is the judge), credential masked, without sending."""

from __future__ import annotations

import contextlib
import dataclasses
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storefronts
from storefronts import Address, FulfillmentStatus, OrderStatus, PaymentStatus, StorefrontError
from storefronts.testing import SandboxServer
from tests.facade.support import SAMPLES, UPDATE_FIELDS
from tests.vendors import table

from .conftest import SECRET_MARKER, VENDORS

# Plausible values, edge cases and junk for every argument: whatever update_order makes of them, so must the plan.
_VALUES = st.one_of(
    st.sampled_from(list(SAMPLES.values())),
    st.sampled_from([*OrderStatus, *PaymentStatus, *FulfillmentStatus]),
    st.sampled_from([m.value for m in (*OrderStatus, *PaymentStatus, *FulfillmentStatus)] + ["canceled", ""]),
    st.none(),
    st.text(max_size=6),
    st.integers(min_value=-5, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.lists(st.one_of(st.text(max_size=3), st.integers()), max_size=3),
    st.dictionaries(st.sampled_from(["city", "zip", "name", "bogus"]), st.one_of(st.text(max_size=3), st.integers())),
    st.builds(Address, city=st.one_of(st.none(), st.text(max_size=3))),
)
_UPDATES = st.dictionaries(st.sampled_from(UPDATE_FIELDS), _VALUES, max_size=4)


# text any field takes: no control characters (C0, C1) and no lone surrogates, which every text field refuses
_PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs"))


def _good_updates(client: storefronts.Client) -> st.SearchStrategy[dict[str, Any]]:
    """Updates this vendor takes: its fields, with samples and the status values it maps (from its adapter)."""
    values: dict[str, st.SearchStrategy[Any]] = {}
    for field in sorted(client.supported_updates):
        mapped = client._adapter.status_values.get(field)
        if mapped:
            values[field] = st.sampled_from([*mapped, *(member.value for member in mapped)])
        else:
            values[field] = st.one_of(
                st.just(SAMPLES[field]), st.text(_PRINTABLE, min_size=1, max_size=8).filter(str.strip)
            )
    fields = st.lists(st.sampled_from(sorted(values)), min_size=1, max_size=3, unique=True)
    return fields.flatmap(lambda chosen: st.fixed_dictionaries({field: values[field] for field in chosen}))


def _order_ids(server: SandboxServer) -> st.SearchStrategy[Any]:
    return st.one_of(st.just(next(iter(server.orders))), st.sampled_from(["", "  ", 5, None, "a/b", "\ud800"]))


def _client(server: SandboxServer) -> storefronts.Client:
    return storefronts.Client(server.vendor, api_key=server.credential, base_url=server.base_url)  # type: ignore[arg-type]


def _outcome(action: Any) -> tuple[Any, ...]:
    try:
        return ("ok", action())
    except StorefrontError as error:
        return (type(error), str(error), error.order_id)


@pytest.mark.parametrize("vendor", VENDORS)
def test_prepare_update_raises_what_update_order_raises_and_plans_what_it_sends(
    sandboxes: dict[str, SandboxServer], vendor: str
) -> None:
    server = sandboxes[vendor]
    client = _client(server)

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(order_id=_order_ids(server), updates=st.one_of(_UPDATES, _good_updates(client)))
    def check(order_id: Any, updates: dict[str, Any]) -> None:
        planned = _outcome(lambda: client.prepare_update(order_id, **updates))
        sent_before = len(server.requests)
        if planned[0] != "ok":
            assert len(server.requests) == sent_before  # planning sends nothing
            assert _outcome(lambda: client.update_order(order_id, **updates)) == planned
            assert len(server.requests) == sent_before  # and update_order refused it before sending too
            return
        plan = planned[1]
        with contextlib.suppress(storefronts.APIError):  # the sandbox may refuse it; what it received is the point
            client.update_order(order_id, **updates)
        received = server.requests[-1]
        assert len(server.requests) == sent_before + 1
        assert received.json == plan.json
        assert (plan.method, plan.url) == (received.method, origin + received.raw_path)
        sent_ok.append(plan)

    origin = str(httpx.URL(server.base_url).copy_with(path="/")).rstrip("/")
    sent_ok: list[Any] = []
    try:
        check()
    finally:
        client.close()
    assert len(sent_ok) >= 5  # the property was tried on good input too, not only on refusals


@pytest.mark.parametrize("vendor", VENDORS)
def test_the_plan_masks_the_credential_and_is_frozen(sandboxes: dict[str, SandboxServer], vendor: str) -> None:
    server = sandboxes[vendor]
    order_id = next(iter(server.orders))
    field = "notes"  # every vendor takes it
    with _client(server) as client:
        sent_before = len(server.requests)
        plan = client.prepare_update(order_id, **{field: SAMPLES[field]})
        assert len(server.requests) == sent_before
        client.update_order(order_id, **{field: SAMPLES[field]})
    received = server.requests[-1]
    assert plan.method == received.method == "PUT"
    assert plan.url == server.order_url(order_id)
    credential_header = next(name for name in plan.headers if "[masked]" in plan.headers[name])
    given = server.credential
    parts = (given,) if isinstance(given, str) else given
    name, value = table(vendor).auth(parts)  # the header the vendor's spec puts the credential in
    assert credential_header.lower() == name.lower() and received.headers[name.lower()] == value
    token = value.rpartition(" ")[2]  # the credential as sent (a Basic one encoded), after any scheme
    assert value[: len(value) - len(token)] + "[masked]" == plan.headers[credential_header]
    shown = repr(plan) + repr(dict(plan.headers)) + str(plan.json)
    assert all(secret not in shown for secret in (server.api_key, token, *parts))
    assert plan.headers["User-Agent"] == received.headers["user-agent"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.url = "https://elsewhere.example"  # type: ignore[misc]
    with pytest.raises(TypeError):
        plan.headers["x-extra"] = "1"  # type: ignore[index]
    plan.json["notes"] = "changed"
    assert plan.json.get("notes") != "changed"  # each access is a fresh copy


def test_an_async_client_plans_synchronously_with_the_same_errors(sandboxes: dict[str, SandboxServer]) -> None:
    server = sandboxes["salesive"]
    client = storefronts.AsyncClient("salesive", api_key=server.api_key, base_url=server.base_url)
    plan = client.prepare_update(next(iter(server.orders)), status="cancelled", shipping_cost=Decimal("4.5"))
    assert plan.json == {"status": "cancelled", "shippingCost": 4.5}
    with pytest.raises(storefronts.UnsupportedUpdateError) as caught:
        client.prepare_update("66b1f0a3c2d4e5f6a7b8c9d0", tags=["a"])
    assert caught.value.order_id == "66b1f0a3c2d4e5f6a7b8c9d0"
    assert SECRET_MARKER not in repr(plan)


@pytest.mark.anyio
async def test_async_update_order_raises_what_its_plan_raises(sandboxes: dict[str, SandboxServer]) -> None:
    server = sandboxes["launchmystore"]
    async with storefronts.AsyncClient("launchmystore", api_key=server.api_key, base_url=server.base_url) as client:
        for order_id, updates in [("ord_abc123", {"status": "cancelled"}), ("", {"notes": "x"}), ("ord_abc123", {})]:
            with pytest.raises(StorefrontError) as planned:
                client.prepare_update(order_id, **updates)
            with pytest.raises(StorefrontError) as sent:
                await client.update_order(order_id, **updates)
            assert (type(sent.value), str(sent.value), sent.value.order_id) == (
                type(planned.value),
                str(planned.value),
                planned.value.order_id,
            )
