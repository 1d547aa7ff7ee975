"""Transport policy applied to every request storefronts sends, whether through our httpx client or the caller's.

It works through httpx event hooks that act only while a storefronts call is active (a context variable), so a
client the caller passes in and also uses elsewhere is not affected outside our calls:

- the call's timeout replaces the client's, and the whole attempt (headers and body) must end within its budget
  (in the sync twin a watchdog shuts the connection when the budget runs out mid-body; the async twin cancels);
- a body over ``max_response_bytes`` is refused without being read into memory;
- a redirect is refused, never followed, so a credential never goes to another host;
- every request carries our User-Agent.
"""

from __future__ import annotations

import contextlib
import contextvars
import heapq
import ipaddress
import itertools
import math
import os
import platform
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from ._version import __version__
from .errors import ConfigurationError

USER_AGENT = f"storefront-clients/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"


@dataclass(frozen=True)
class ActiveCall:
    """The limits of the attempt in flight."""

    timeout: httpx.Timeout
    attempt_budget_s: float
    max_response_bytes: int
    deadline: float = 0.0  # monotonic; set per attempt


_ACTIVE_CALL: contextvars.ContextVar[ActiveCall | None] = contextvars.ContextVar(
    "storefronts_active_call", default=None
)


class ResponseTooLarge(Exception):
    """The body is larger than the call allows."""

    def __init__(self, limit: int, declared: int | None, status_code: int) -> None:
        self.limit = limit
        self.declared = declared
        self.status_code = status_code
        size = f"{declared} bytes declared" if declared is not None else "more than that streamed"
        super().__init__(f"response body exceeds the {limit}-byte limit ({size})")


class RedirectRefused(Exception):
    """The server answered with a redirect, which we never follow."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.status_code = response.status_code
        self.location = response.headers.get("location", "")
        super().__init__(f"redirect {response.status_code} refused (Location: {self.location[:200]})")


@contextlib.contextmanager
def active_call(call: ActiveCall) -> Iterator[ActiveCall]:
    """Mark one attempt as ours for the event hooks, with its deadline starting now."""
    attempt = ActiveCall(
        timeout=call.timeout,
        attempt_budget_s=call.attempt_budget_s,
        max_response_bytes=call.max_response_bytes,
        deadline=time.monotonic() + call.attempt_budget_s,
    )
    token = _ACTIVE_CALL.set(attempt)
    try:
        yield attempt
    finally:
        _ACTIVE_CALL.reset(token)


def _on_request(request: httpx.Request) -> None:
    call = _ACTIVE_CALL.get()
    if call is None:
        return
    request.extensions["timeout"] = call.timeout.as_dict()
    request.headers["User-Agent"] = USER_AGENT


def _check_response(response: httpx.Response, call: ActiveCall) -> None:
    if response.is_redirect:
        raise RedirectRefused(response)
    declared = response.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > call.max_response_bytes:
        raise ResponseTooLarge(call.max_response_bytes, int(declared), response.status_code)


def _on_response(response: httpx.Response) -> None:
    call = _ACTIVE_CALL.get()
    if call is None:
        return
    try:
        _check_response(response, call)
    except Exception:
        response.close()
        raise
    response.stream = _GuardedSyncStream(response, call)


async def _on_request_async(request: httpx.Request) -> None:
    _on_request(request)


async def _on_response_async(response: httpx.Response) -> None:
    call = _ACTIVE_CALL.get()
    if call is None:
        return
    try:
        _check_response(response, call)
    except Exception:
        await response.aclose()
        raise
    response.stream = _GuardedAsyncStream(response, call)


class _Guard:
    def __init__(self, call: ActiveCall, status_code: int) -> None:
        self._call = call
        self._status_code = status_code
        self._received = 0

    def check(self, chunk: bytes) -> None:
        self._received += len(chunk)
        if self._received > self._call.max_response_bytes:
            raise ResponseTooLarge(self._call.max_response_bytes, None, self._status_code)
        if time.monotonic() > self._call.deadline:
            raise self.timeout()

    def timeout(self) -> httpx.ReadTimeout:
        return httpx.ReadTimeout(f"the response did not arrive within the attempt's {self._call.attempt_budget_s}s")


class _Watchdog:
    """Shuts the connection's socket down at the attempt's deadline, so a read blocked on a body that trickles in
    (each piece inside the read timeout, the whole past the budget) returns instead of waiting for the next piece.
    Without a socket to reach (a custom transport), the per-chunk deadline check is all there is."""

    def __init__(self, response: httpx.Response, deadline: float) -> None:
        self.fired = False
        stream = response.extensions.get("network_stream")
        sock: Any = stream.get_extra_info("socket") if stream is not None else None
        self._sock: socket.socket | None = None
        self._key: int | None = None
        if isinstance(sock, socket.socket):
            self._sock = sock
            self._key = _WATCHER.arm(self, deadline)

    def fire(self) -> None:
        self.fired = True
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        if self._key is not None:
            _WATCHER.disarm(self._key)
            self._key = None


class _DeadlineWatcher:
    """One daemon thread that fires every sync attempt's watchdog at its deadline.

    Arming and disarming take a lock and a heap push (microseconds), where a ``threading.Timer`` per attempt
    started a thread per call (150-400 us, most of the facade's cost over raw httpx). A disarmed entry leaves the
    heap lazily: when it reaches the top, or in a sweep once disarmed entries outnumber armed ones.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Start empty, without a thread: at import, and in a forked child (where the parent's thread is gone)."""
        self._lock = threading.Lock()
        self._wakeup = threading.Condition(self._lock)
        self._heap: list[tuple[float, int]] = []  # (deadline, key); keys of disarmed watchdogs linger
        self._armed: dict[int, _Watchdog] = {}
        self._keys = itertools.count()
        self._wake_at = math.inf
        self._thread: threading.Thread | None = None

    def arm(self, watchdog: _Watchdog, deadline: float) -> int:
        with self._lock:
            key = next(self._keys)
            self._armed[key] = watchdog
            heapq.heappush(self._heap, (deadline, key))
            if len(self._heap) > 2 * len(self._armed) + 64:
                self._heap = [entry for entry in self._heap if entry[1] in self._armed]
                heapq.heapify(self._heap)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="storefronts-watchdog", daemon=True)
                self._thread.start()
            elif deadline < self._wake_at:
                self._wakeup.notify()
            return key

    def disarm(self, key: int) -> None:
        with self._lock:
            self._armed.pop(key, None)

    def _run(self) -> None:
        with self._lock:
            while True:
                now = time.monotonic()
                heap = self._heap
                while heap and (heap[0][0] <= now or heap[0][1] not in self._armed):
                    _, key = heapq.heappop(heap)
                    watchdog = self._armed.pop(key, None)
                    if watchdog is not None:
                        watchdog.fire()  # a shutdown(2): quick, and it never blocks
                self._wake_at = heap[0][0] if heap else math.inf
                self._wakeup.wait(self._wake_at - now if heap else None)


_WATCHER = _DeadlineWatcher()
os.register_at_fork(after_in_child=_WATCHER.reset)


class _GuardedSyncStream(httpx.SyncByteStream):
    def __init__(self, response: httpx.Response, call: ActiveCall) -> None:
        self._stream: httpx.SyncByteStream = response.stream  # type: ignore[assignment]
        self._guard = _Guard(call, response.status_code)
        self._watchdog = _Watchdog(response, call.deadline)

    def __iter__(self) -> Iterator[bytes]:
        try:
            for chunk in self._stream:
                self._guard.check(chunk)
                yield chunk
        except httpx.TransportError:
            if self._watchdog.fired:  # the read failed because the deadline shut the connection
                raise self._guard.timeout() from None
            raise
        finally:
            self._watchdog.cancel()
        if self._watchdog.fired:  # a body without a length "ends" when the watchdog closes the connection
            raise self._guard.timeout()

    def close(self) -> None:
        self._watchdog.cancel()
        self._stream.close()


class _GuardedAsyncStream(httpx.AsyncByteStream):
    def __init__(self, response: httpx.Response, call: ActiveCall) -> None:
        self._stream: httpx.AsyncByteStream = response.stream  # type: ignore[assignment]
        self._guard = _Guard(call, response.status_code)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            self._guard.check(chunk)
            yield chunk

    async def aclose(self) -> None:
        await self._stream.aclose()


class RootedClient:
    """The httpx client as the generated endpoints see it (they only call ``request``), rooted at our base_url.

    The endpoints send relative paths (``/orders/{id}``) that httpx would join to the httpx client's own base_url,
    and a caller's client may have none, or another host's. Joining them here sends our requests, and so the
    credential, to the base_url the facade checked, whichever httpx client carries them.
    """

    def __init__(self, client: httpx.Client | httpx.AsyncClient, base_url: str) -> None:
        self._client = client
        self._base_url = base_url.rstrip("/")

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        return self._client.request(method, self._base_url + url, **kwargs)


def install_hooks(client: httpx.Client | httpx.AsyncClient) -> None:
    """Add our hooks to ``client`` once; they are inert outside storefronts calls."""
    hooks = client.event_hooks
    request_hook, response_hook = (
        (_on_request_async, _on_response_async)
        if isinstance(client, httpx.AsyncClient)
        else (_on_request, _on_response)
    )
    if request_hook not in hooks["request"]:
        hooks["request"].append(request_hook)
        hooks["response"].append(response_hook)
    client.event_hooks = hooks


_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def check_base_url(base_url: str) -> str:
    """Refuse a URL that would send the credential in clear text to anything but this machine."""
    url = httpx.URL(base_url)
    if url.scheme == "https":
        return base_url
    if url.scheme != "http":
        raise ConfigurationError(f"base_url must be https:// (got scheme {url.scheme!r} in {base_url!r})")
    host = url.host.lower()
    try:
        loopback = host in _LOOPBACK_NAMES or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ConfigurationError(
            f"base_url {base_url!r} is plain http:// to a non-loopback host: the API key would cross the network "
            "unencrypted. Use https://, or http:// only for 127.0.0.0/8, ::1 or localhost (local sandboxes)."
        )
    return base_url
