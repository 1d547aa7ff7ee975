"""The rate limiter without real waits: its sleeps go to a fake that records them, and the shop keys, options and
copies are checked directly. The rates and timing against real servers are in test_rates.py."""

from __future__ import annotations

import hashlib
import hmac
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

from storefronts import AsyncClient, Client, ConfigurationError, RateLimitError, RateLimiterUnavailableError
from storefronts._constants import MAX_RETRY_AFTER_S
from storefronts._ratelimit import SHOP_KEY_HMAC_KEY, RateLimiter, limiter_for, shop_key
from storefronts.testing import SandboxServer, sandbox
from tests.bulk.conftest import VENDORS
from tests.vendors import table

# A generic behaviour that costs a subprocess per run is tried on one vendor: any registered one.
ANY_VENDOR = VENDORS[0]
UNUSED_URL = "http://127.0.0.1:9"  # nothing listens there: the tests that use it expect nothing to be sent


class Slept(Exception):
    """Raised by the fake sleep: the limiter decided to wait (the test reads how long)."""


class FakeSleep:
    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        raise Slept


@pytest.fixture(params=VENDORS)
def server(request: pytest.FixtureRequest) -> Iterator[SandboxServer]:
    with sandbox(request.param) as running:
        yield running


@pytest.fixture
def any_server() -> Iterator[SandboxServer]:
    with sandbox(ANY_VENDOR) as running:
        yield running


def _joined(credential: str | tuple[str, ...]) -> str:
    """A credential as the shop key hashes it: its parts joined by NUL (README, Bulk updates)."""
    return credential if isinstance(credential, str) else "\0".join(credential)


def _parts(credential: str | tuple[str, ...]) -> tuple[str, ...]:
    return (credential,) if isinstance(credential, str) else credential


def _sleep_of(client: Any, monkeypatch: pytest.MonkeyPatch) -> FakeSleep:
    fake = FakeSleep()
    monkeypatch.setattr(client._rate_limiter, "_sleep", fake)
    return fake


# -- shop keys -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("vendor", VENDORS)
def test_the_shop_key_is_the_documented_keyed_hash_and_reveals_nothing(vendor: str) -> None:
    credential = table(vendor).api_key
    message = f"{vendor}\0{_joined(credential)}".encode()
    expected = hmac.new(SHOP_KEY_HMAC_KEY, message, hashlib.sha256).hexdigest()[:32]
    assert shop_key(vendor, credential) == f"{vendor}/{expected}"
    assert not [part for part in _parts(credential) if part in shop_key(vendor, credential)]
    *kept, last = _parts(credential)
    changed = last + "x" if isinstance(credential, str) else (*kept, last + "x")
    assert shop_key(vendor, credential) != shop_key(vendor, changed)
    other_vendor = next(other for other in VENDORS if other != vendor)
    assert shop_key(vendor, credential).split("/")[1] != shop_key(other_vendor, credential).split("/")[1]


def test_every_process_names_a_shop_the_same_way() -> None:
    credential = table(ANY_VENDOR).api_key
    code = (
        "import json, sys; from storefronts._ratelimit import shop_key\n"
        "credential = json.loads(sys.argv[2])\n"
        "print(shop_key(sys.argv[1], credential if isinstance(credential, str) else tuple(credential)))"
    )
    args = [sys.executable, "-c", code, ANY_VENDOR, json.dumps(credential)]
    other = subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()
    assert other == shop_key(ANY_VENDOR, credential)


# -- options -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        {"rate_limit": "ten per second"},
        {"rate_limit": "10/second;100/minute"},
        {"rate_limit": 10},
        {"rate_limit": ""},
        {"rate_limit": "10/second", "rate_limit_storage": "https://redis.example"},
        {"rate_limit": "10/second", "rate_limit_storage": "memcached://127.0.0.1:11211"},
        {"rate_limit": "10/second", "rate_limit_storage": 6379},
        {"rate_limit": "10/second", "rate_limit_fallback": "disk"},
        {"rate_limit_storage": "redis://127.0.0.1:6379"},
        {"rate_limit_fallback": "memory"},
    ],
)
@pytest.mark.parametrize("twin", [Client, AsyncClient])
@pytest.mark.parametrize("vendor", VENDORS)
def test_rate_limit_options_are_checked_when_the_client_is_built(
    vendor: str, twin: type, options: dict[str, Any]
) -> None:
    with pytest.raises(ConfigurationError, match="rate_limit"):
        twin(vendor, api_key=table(vendor).api_key, base_url=UNUSED_URL, **options)


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_redis_password_never_shows_in_messages(vendor: str) -> None:
    url = "redis://:hunter2-secret@127.0.0.1:1/0"  # nothing listens on port 1
    key = table(vendor).api_key
    client = Client(vendor, api_key=key, base_url=UNUSED_URL, rate_limit="7/second", rate_limit_storage=url)
    with pytest.raises(RateLimiterUnavailableError) as raised:
        client.update_order(table(vendor).sandbox_order_id, notes="x")
    assert "hunter2" not in str(raised.value) and "hunter2" not in repr(client._rate_limiter)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__
    with pytest.raises(ConfigurationError) as refused:
        Client(vendor, api_key=key, base_url=UNUSED_URL, rate_limit="7/second", rate_limit_storage="ftp://u:hunter2@h")
    assert "hunter2" not in str(refused.value)


# -- waiting, with a fake sleep --------------------------------------------------------------------------------


# The limiter treats the credential as opaque (it only hashes it): any string names a shop.


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_full_window_waits_until_its_oldest_attempt_leaves_it(vendor: str) -> None:
    fake = FakeSleep()
    limiter = RateLimiter("2/hour", sleep=fake)
    limiter.wait(vendor, "k-full-window")
    limiter.wait(vendor, "k-full-window")
    assert fake.waits == []
    with pytest.raises(Slept):
        limiter.wait(vendor, "k-full-window")
    assert 3590 < fake.waits[0] <= 3600
    limiter.wait(vendor, "another-shop")  # another key has its own budget


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_pause_holds_the_shop_and_a_shorter_one_never_shortens_it(vendor: str) -> None:
    fake = FakeSleep()
    limiter = RateLimiter("100/second", sleep=fake)
    limiter.pause_for(vendor, "k-paused", 30)
    limiter.pause_for(vendor, "k-paused", 2)
    with pytest.raises(Slept):
        limiter.wait(vendor, "k-paused")
    assert 29 < fake.waits[0] <= 30
    limiter.wait(vendor, "k-other")


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_pause_is_never_longer_than_the_longest_wait_we_obey(vendor: str) -> None:
    fake = FakeSleep()
    limiter = RateLimiter("100/second", sleep=fake)
    limiter.pause_for(vendor, "k-long", 3600)
    with pytest.raises(Slept):
        limiter.wait(vendor, "k-long")
    assert fake.waits[0] <= MAX_RETRY_AFTER_S


def test_copies_share_the_budget_and_another_key_has_its_own(
    server: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Client(server.vendor, api_key=server.credential, base_url=server.base_url, rate_limit="2/hour") as client:
        copy = client.with_options(max_retries=0)
        assert copy._rate_limiter is client._rate_limiter and copy.rate_limit == "2/hour"
        fake = _sleep_of(client, monkeypatch)
        order_id = next(iter(server.orders))
        client.update_order(order_id, notes="one")
        copy.update_order(order_id, notes="two")
        with pytest.raises(Slept):
            copy.update_order(order_id, notes="three")
        assert len(server.requests) == 2
        another_shop = table(server.vendor).api_key  # a valid credential, not the one the sandbox started with
        assert another_shop != server.credential
        other = Client(
            server.vendor, api_key=another_shop, base_url=server.base_url, rate_limit="2/hour", max_retries=0
        )
        with pytest.raises(Exception, match="401"):  # passed the limiter: its own budget; the sandbox knows no such key
            other.update_order(order_id, notes="other shop")
        assert fake.waits and len(server.requests) == 3


def test_every_attempt_counts_retries_included(server: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> None:
    with Client(server.vendor, api_key=server.credential, base_url=server.base_url, rate_limit="3/hour") as client:
        _sleep_of(client, monkeypatch)
        order_id = next(iter(server.orders))
        server.fail_next(2, 503, retry_after=0)
        client.update_order(order_id, notes="third attempt works")
        assert len(server.requests) == 3
        with pytest.raises(Slept):
            client.update_order(order_id, notes="no budget left")
        assert len(server.requests) == 3


@pytest.mark.parametrize("retry_after", [7, 0.4])
def test_a_429_with_retry_after_pauses_the_whole_shop(
    server: SandboxServer, monkeypatch: pytest.MonkeyPatch, retry_after: float
) -> None:
    with Client(
        server.vendor, api_key=server.credential, base_url=server.base_url, rate_limit="50/second", max_retries=0
    ) as client:
        fake = _sleep_of(client, monkeypatch)
        server.fail_next(1, 429, retry_after=retry_after)
        order_id = next(iter(server.orders))
        before_the_429 = time.monotonic()
        with pytest.raises(RateLimitError):
            client.update_order(order_id, notes="refused")
        copy = client.with_options(timeout=5)
        with pytest.raises(Slept):
            copy.update_order(order_id, notes="waits for the pause")
        waited_already = time.monotonic() - before_the_429  # the pause runs from the 429, on the real clock
        # what is left of the pause (whole seconds where Redis keeps whole-second expiries, rounded up): never less
        assert retry_after - waited_already <= fake.waits[0] <= max(1.0, retry_after)
        assert len(server.requests) == 1


def test_the_limiter_is_shared_by_every_client_with_the_same_options() -> None:
    assert limiter_for("9/second", "memory://", None) is limiter_for("9/second", "memory://", None)
    assert limiter_for("9/second", "memory://", None) is not limiter_for("8/second", "memory://", None)
    assert limiter_for(None, "memory://", None) is None


# -- optional dependencies -----------------------------------------------------------------------------------

_PROBE = """
import json, sys
import storefronts
client = storefronts.Client(sys.argv[4], api_key=sys.argv[1], base_url=sys.argv[2])
client.update_order(sys.argv[3], notes="probe")
client.update_orders([(sys.argv[3], {"notes": "probe"})])
without = sorted(m for m in ("limits", "redis") if m in sys.modules)
limited = storefronts.Client(sys.argv[4], api_key=sys.argv[1], base_url=sys.argv[2], rate_limit="5/second")
limited.update_order(sys.argv[3], notes="probe")
print(json.dumps({"without": without, "memory": sorted(m for m in ("limits", "redis") if m in sys.modules)}))
"""


def test_a_client_without_rate_limit_never_imports_limits(any_server: SandboxServer) -> None:
    server = any_server
    args = [sys.executable, "-c", _PROBE, server.api_key, server.base_url, next(iter(server.orders)), server.vendor]
    loaded = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    assert loaded == {"without": [], "memory": ["limits"]}


def test_without_the_extra_rate_limit_says_what_to_install() -> None:
    code = (
        "import sys; sys.modules['limits'] = None\n"
        "import storefronts\n"
        "try:\n"
        f"    storefronts.Client({ANY_VENDOR!r}, api_key={table(ANY_VENDOR).api_key!r}, base_url={UNUSED_URL!r},"
        " rate_limit='5/second')\n"
        "except storefronts.ConfigurationError as error:\n"
        "    print(error)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "storefront-clients[ratelimit]" in out
