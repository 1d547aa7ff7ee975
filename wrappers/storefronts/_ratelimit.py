"""Per-shop rate limits: a wait loop over the ``limits`` library, in this process or shared through Redis.

A shop is a vendor and one credential. Its budget lives in a ``limits`` storage under a key made of the vendor
and a keyed hash of the credential (:func:`shop_key`), so every client, thread, process and machine that uses
the same storage URL draws from the same budget, and nothing stored reveals the credential. ``limits`` counts
(a moving window: at most N in any window, however the attempts fall) and stores (memory, Redis, Valkey); it
has no blocking wait, so :meth:`RateLimiter.poll` is one non-blocking step (take a slot, or say how long until
one frees up) and the client twins loop over it with their own sleep.

A 429 with Retry-After pauses the shop: a key with that expiry in the same storage, which every waiter reads
before it takes a slot.

Nothing here imports ``limits`` until a client is built with ``rate_limit=``: it is an optional extra.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import os
import threading
import time
import weakref
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from ._constants import (
    MAX_RETRY_AFTER_S,
    RATE_LIMIT_MIN_POLL_S,
    RATE_LIMIT_PAUSE_POLL_S,
    RATE_LIMIT_STORAGE_RETRY_S,
    RATE_LIMIT_STORAGE_TIMEOUT_S,
)
from .errors import ConfigurationError, RateLimiterUnavailableError

if TYPE_CHECKING:
    import asyncio

    from limits import RateLimitItem
    from limits.strategies import MovingWindowRateLimiter

__all__ = ["DEFAULT_STORAGE", "SHOP_KEY_HMAC_KEY", "RateLimitFallback", "RateLimiter", "limiter_for", "shop_key"]

logger = logging.getLogger("storefronts")

RateLimitFallback = Literal["memory"]
DEFAULT_STORAGE = "memory://"
_REDIS_SCHEMES = ("redis", "rediss", "redis+unix")

Credential = str | tuple[str, ...]
"""A shop's credential: one key, or its parts (key and secret)."""

# The key of the keyed hash that names a shop in the store. It is fixed and public on purpose: every process on
# every machine must name the same shop the same way, so no per-process secret can be used. What keeps the
# credential out of the store is the hash (HMAC-SHA256, one-way); the key separates these digests from a plain
# SHA-256 of the credential that someone may have published elsewhere. Changing it renames every shop's budget.
SHOP_KEY_HMAC_KEY = b"storefront-clients/rate-limit/shop-key/v1"
# 128 bits of the digest: no two shops of one vendor collide in practice, and keys stay short.
SHOP_KEY_HEX_CHARS = 32
# Every key this module writes starts with this (after the storage's own "LIMITS:" prefix).
KEY_NAMESPACE = "storefronts"
# Shop keys remembered per process: the HMAC is computed once per shop, not on every attempt; a process that
# serves more shops than this recomputes the ones it has not used lately.
_SHOP_KEY_CACHE_SIZE = 4096


@lru_cache(maxsize=_SHOP_KEY_CACHE_SIZE)
def shop_key(vendor: str, credential: Credential) -> str:
    """``<vendor>/<first 128 bits of HMAC-SHA256(SHOP_KEY_HMAC_KEY, vendor NUL credential), hex>``.

    A credential of several parts (key and secret) is hashed as its parts joined by NUL, which no part can hold
    (the client refuses control characters), so every part names the shop; a one-part credential hashes as the
    part itself, the same digest as a plain string."""
    joined = credential if isinstance(credential, str) else "\0".join(credential)
    message = f"{vendor}\0{joined}".encode("utf-8", errors="surrogatepass")
    digest = hmac.new(SHOP_KEY_HMAC_KEY, message, hashlib.sha256).hexdigest()
    return f"{vendor}/{digest[:SHOP_KEY_HEX_CHARS]}"


def _where(uri: str) -> str:
    """The storage URL without credentials or path, for messages (a Redis URL may carry a password)."""
    parts = urlsplit(uri)
    if parts.scheme == "memory":
        return "memory://"
    try:
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        host, port = "?", ""
    return f"{parts.scheme}://{host}{port}"


def _check_storage(uri: object) -> str:
    if not isinstance(uri, str):
        raise ConfigurationError(f"rate_limit_storage must be a URL string, got {type(uri).__name__}")
    scheme = uri.partition("://")[0].lower() if "://" in uri else ""
    if scheme != "memory" and scheme not in _REDIS_SCHEMES:
        raise ConfigurationError(
            f"rate_limit_storage must be 'memory://' or a Redis URL (redis://, rediss://, redis+unix://; Valkey "
            f"speaks the same protocol), got {_where(uri) if scheme else 'no URL scheme'}"
        )
    return uri


def _check_fallback(fallback: object) -> RateLimitFallback | None:
    if fallback is None or fallback == "memory":
        return "memory" if fallback is not None else None
    raise ConfigurationError(f"rate_limit_fallback must be None or 'memory', got {fallback!r}")


# -- process-wide state: one storage per URL, one limiter per set of options --------------------------------


class _Process:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.storages: dict[str, Any] = {}
        self.limiters: dict[tuple[str, str, str | None], RateLimiter] = {}
        self.alive: weakref.WeakSet[RateLimiter] = weakref.WeakSet()


_process = _Process()


def _after_fork_in_child() -> None:
    """ "memory://" means this process, and a lock a thread of the parent held at the fork is never released: the
    child starts with fresh locks and an empty memory store, in the limiters its clients already hold too."""
    alive = list(_process.alive)
    _process.__init__()  # type: ignore[misc]
    for limiter in alive:
        limiter._start_in_this_process()
        _process.alive.add(limiter)


os.register_at_fork(after_in_child=_after_fork_in_child)


def _storage(uri: str) -> Any:
    from limits.errors import ConfigurationError as LimitsConfigurationError  # noqa: PLC0415 - optional extra
    from limits.storage import storage_from_string  # noqa: PLC0415

    with _process.lock:
        storage = _process.storages.get(uri)
        if storage is None:
            options: dict[str, Any] = {}
            if uri.partition("://")[0].lower() in _REDIS_SCHEMES:
                options = {
                    "socket_timeout": RATE_LIMIT_STORAGE_TIMEOUT_S,
                    "socket_connect_timeout": RATE_LIMIT_STORAGE_TIMEOUT_S,
                }
            try:
                storage = storage_from_string(uri, wrap_exceptions=True, **options)
            except LimitsConfigurationError as error:
                raise ConfigurationError(
                    f"rate_limit_storage {_where(uri)}: {error} (pip install 'storefront-clients[redis]')"
                ) from None
            except ValueError as error:
                raise ConfigurationError(f"rate_limit_storage {_where(uri)} is not a usable URL: {error}") from None
            _process.storages[uri] = storage
        return storage


def limiter_for(rate_limit: object, storage: object, fallback: object) -> RateLimiter | None:
    """The process's limiter for these options (None without ``rate_limit``); every client with the same options
    shares it, and so does every ``with_options`` copy. Imports ``limits`` only when a rate limit is asked for."""
    if rate_limit is None:
        if storage != DEFAULT_STORAGE or fallback is not None:
            raise ConfigurationError("rate_limit_storage and rate_limit_fallback need a rate_limit (e.g. '10/second')")
        return None
    if not isinstance(rate_limit, str):
        raise ConfigurationError(f"rate_limit must be a string such as '10/second', got {type(rate_limit).__name__}")
    uri = _check_storage(storage)
    checked_fallback = _check_fallback(fallback)
    key = (rate_limit, uri, checked_fallback)
    with _process.lock:
        limiter = _process.limiters.get(key)
    if limiter is None:
        limiter = RateLimiter(rate_limit, uri, checked_fallback)
        with _process.lock:
            limiter = _process.limiters.setdefault(key, limiter)
    return limiter


def _parse(rate_limit: str) -> RateLimitItem:
    try:
        from limits import parse_many  # noqa: PLC0415 - optional extra
    except ImportError:
        raise ConfigurationError(
            "rate_limit needs the limits package: pip install 'storefront-clients[ratelimit]' "
            "(or 'storefront-clients[redis]' for a limit shared through Redis)"
        ) from None
    try:
        items = parse_many(rate_limit)
    except ValueError:
        items = []
    if len(items) != 1:
        raise ConfigurationError(
            f"rate_limit must be one limit in the limits notation, such as '10/second' or '600 per minute', "
            f"got {rate_limit!r}"
        )
    return items[0]


class RateLimiter:
    """One rate in one storage. Thread-safe; every shop has its own budget in it (see :func:`shop_key`).

    ``clock`` and ``sleep`` are what the waits read and call (``time.time``: the store's timestamps are wall-clock
    times, so every machine that shares a Redis must keep its clock in sync, as NTP does)."""

    def __init__(
        self,
        rate_limit: str,
        storage: str = DEFAULT_STORAGE,
        fallback: RateLimitFallback | None = None,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.item = _parse(rate_limit)  # first: it says which extra to install when limits is missing
        from limits.errors import StorageError  # noqa: PLC0415 - optional extra

        self.storage_uri = _check_storage(storage)
        self._with_fallback = _check_fallback(fallback) is not None
        self._in_memory = storage.partition("://")[0].lower() == "memory"
        self._storage_error = StorageError
        self._clock = clock
        self._sleep = sleep
        self._window_s = float(self.item.get_expiry())
        self._start_in_this_process()
        _process.alive.add(self)

    def _start_in_this_process(self) -> None:
        from limits.strategies import MovingWindowRateLimiter  # noqa: PLC0415 - optional extra

        self._strategy: MovingWindowRateLimiter = MovingWindowRateLimiter(_storage(self.storage_uri))
        self._fallback: MovingWindowRateLimiter | None = (
            MovingWindowRateLimiter(_storage(DEFAULT_STORAGE)) if self._with_fallback else None
        )
        self._store_down_until = -math.inf
        self._lock = threading.Lock()
        self._wait_locks: dict[str, threading.Lock] = {}
        self._async_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = (
            weakref.WeakKeyDictionary()
        )

    def __repr__(self) -> str:
        fallback = ", fallback=memory" if self._fallback is not None else ""
        return f"RateLimiter({self.item.amount} per {self._window_s:g}s in {_where(self.storage_uri)}{fallback})"

    # -- one step ----------------------------------------------------------------------------------------------

    def poll(self, shop: str) -> float:
        """Take a slot of ``shop``'s budget and return 0.0, or return the seconds to wait before polling again
        (the shop is paused, or its window is full). Raises StoreUnavailable when the storage cannot be reached
        and there is no fallback."""
        strategy = self._strategy
        if self._fallback is not None and self._clock() < self._store_down_until:
            strategy = self._fallback
        try:
            return self._poll(strategy, shop)
        except self._storage_error as error:
            if self._fallback is None or strategy is self._fallback:
                raise StoreUnavailable(f"{_where(self.storage_uri)} is unreachable ({error})") from None
            self._store_down(error)
            return self._poll(self._fallback, shop)

    def _poll(self, strategy: MovingWindowRateLimiter, shop: str) -> float:
        storage = strategy.storage
        pause = f"{KEY_NAMESPACE}/{shop}/paused"
        if storage.get(pause) > 0:
            # the store's expiry times may be whole seconds: never spin on one that has just passed
            return max(storage.get_expiry(pause) - self._clock(), RATE_LIMIT_PAUSE_POLL_S)
        if strategy.hit(self.item, KEY_NAMESPACE, shop):
            return 0.0
        reset, _ = strategy.get_window_stats(self.item, KEY_NAMESPACE, shop)
        # bounded by the window: a clock that jumps back must not turn into a wait of hours
        return min(max(reset - self._clock(), RATE_LIMIT_MIN_POLL_S), self._window_s)

    def pause(self, shop: str, seconds: float) -> None:
        """Pause ``shop`` for ``seconds`` (at most MAX_RETRY_AFTER_S, rounded up to whole seconds: Redis expiries
        are whole seconds) in the storage, unless it is already paused for longer. Never raises: an unreachable
        store is reported by the next :meth:`poll`."""
        whole = math.ceil(min(seconds, MAX_RETRY_AFTER_S))
        if whole <= 0:
            return
        strategy = self._strategy
        if self._fallback is not None and self._clock() < self._store_down_until:
            strategy = self._fallback
        try:
            self._pause(strategy, shop, whole)
        except self._storage_error as error:
            if self._fallback is None or strategy is self._fallback:
                logger.warning("could not pause the shop in %s: %s", _where(self.storage_uri), error)
                return
            self._store_down(error)
            self._pause(self._fallback, shop, whole)

    def _pause(self, strategy: MovingWindowRateLimiter, shop: str, whole: int) -> None:
        storage = strategy.storage
        key = f"{KEY_NAMESPACE}/{shop}/paused"
        if storage.get(key) > 0 and storage.get_expiry(key) >= self._clock() + whole:
            return
        storage.clear(key)  # a later, longer Retry-After replaces a shorter pause: the store only sets new expiries
        storage.incr(key, whole)

    def _store_down(self, error: BaseException) -> None:
        self._store_down_until = self._clock() + RATE_LIMIT_STORAGE_RETRY_S
        logger.warning(
            "rate-limit store %s is unreachable (%s): limiting in this process for %gs, then trying it again",
            _where(self.storage_uri),
            error,
            RATE_LIMIT_STORAGE_RETRY_S,
        )

    # -- waiting -----------------------------------------------------------------------------------------------

    def _wait_lock(self, shop: str) -> threading.Lock:
        # One waiter per shop per process talks to the store; the others queue here instead of all waking at the
        # same freed slot and all asking the store for it.
        with self._lock:
            lock = self._wait_locks.get(shop)
            if lock is None:
                lock = self._wait_locks[shop] = threading.Lock()
            return lock

    def wait(
        self, vendor: str, credential: Credential, *, order_id: str | None = None, stop: threading.Event | None = None
    ) -> None:
        """Block until the shop may send one attempt (its slot is taken). ``stop``: a set event ends the wait
        with ``Stopped`` (update_orders interrupted)."""
        shop = shop_key(vendor, credential)
        with self._wait_lock(shop):
            while True:
                if stop is not None and stop.is_set():
                    raise Stopped
                try:
                    delay = self.poll(shop)
                except StoreUnavailable as error:
                    raise _unavailable(vendor, order_id, error) from None
                if delay <= 0:
                    return
                if stop is None:
                    self._sleep(delay)
                elif stop.wait(delay):
                    raise Stopped

    async def wait_async(self, vendor: str, credential: Credential, *, order_id: str | None = None) -> None:
        """:meth:`wait` for asyncio: a memory store is polled in the loop (it never blocks), any other in a
        thread, one task per shop at a time."""
        import asyncio  # noqa: PLC0415 - asyncio is slow to import (docs/performance.md); sync users never need it

        shop = shop_key(vendor, credential)
        try:
            if self._in_memory:
                while (delay := self.poll(shop)) > 0:
                    await asyncio.sleep(delay)
                return
            locks = self._async_locks.setdefault(asyncio.get_running_loop(), {})
            async with locks.setdefault(shop, asyncio.Lock()):
                while (delay := await asyncio.to_thread(self.poll, shop)) > 0:
                    await asyncio.sleep(delay)
        except StoreUnavailable as error:
            raise _unavailable(vendor, order_id, error) from None

    def pause_for(self, vendor: str, credential: Credential, seconds: float) -> None:
        self.pause(shop_key(vendor, credential), seconds)

    async def pause_for_async(self, vendor: str, credential: Credential, seconds: float) -> None:
        import asyncio  # noqa: PLC0415

        if self._in_memory:
            self.pause_for(vendor, credential, seconds)
        else:
            await asyncio.to_thread(self.pause_for, vendor, credential, seconds)


class StoreUnavailable(Exception):
    """The storage could not be reached and there is no fallback."""


class Stopped(BaseException):
    """update_orders was interrupted: a worker must not start another attempt. A BaseException, so that no
    ``except Exception`` on the way turns it into that entry's failure."""


def _unavailable(vendor: str, order_id: str | None, error: StoreUnavailable) -> RateLimiterUnavailableError:
    what = f"{vendor} update_order(order_id={order_id!r})" if order_id is not None else vendor
    return RateLimiterUnavailableError(
        f"{what}: not sent: the rate-limit store {error} (build the client with rate_limit_fallback='memory' to "
        "limit in this process while it is)",
        vendor=vendor,
        order_id=order_id,
    )
