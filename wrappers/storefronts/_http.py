"""Transport policy applied to every request storefronts sends, whether through our httpx client or the caller's.

The generated endpoints send through :class:`RootedClient`, which sees only our requests, and an httpx response
hook that acts only while one of our attempts is active (a context variable), so a client the caller passes in
and also uses elsewhere is not affected outside our calls:

- every request goes to the checked base_url and carries our User-Agent (``RootedClient``);
- the call's timeout replaces the client's, and the whole attempt (headers and body) must end within its budget
  (in the sync twin a watchdog shuts the connection when the budget runs out mid-body; the async twin cancels);
- a body over ``max_response_bytes`` is refused without being read into memory;
- a redirect is refused, never followed, so a credential never goes to another host.

The httpx clients the facade makes for itself (when the caller passes none) keep no cookies: see
:class:`CookielessClient`.
"""

from __future__ import annotations

import contextlib
import contextvars
import heapq
import ipaddress
import itertools
import math
import os
import re
import socket
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any, NamedTuple, Self

import httpx

from ._constants import MAX_BASE_URL_CHARS
from ._version import __version__
from .errors import ConfigurationError

# the version platform.python_version() reads from sys.version, without importing platform (a few ms of import)
_PYTHON_VERSION = sys.version.split(maxsplit=1)[0]
USER_AGENT = f"storefront-clients/{__version__} python/{_PYTHON_VERSION} httpx/{httpx.__version__}"


class CallLimits(NamedTuple):  # not a dataclass: building one is ~0.8 ms of `import storefronts`
    """The limits every attempt of one call runs under."""

    timeout: httpx.Timeout
    attempt_budget_s: float
    max_response_bytes: int


class Attempt:
    """One attempt in flight: its limits, its deadline, and the response as httpx received it (kept by our
    response hook, so the caller gets the real ``httpx.Response``, request and all, on errors).

    ``with Attempt(limits) as sent:`` marks the requests sent inside as ours for the hooks; the deadline starts
    when the attempt is made. Leaving the block disarms the deadline watchdog, and turns the transport error of a
    connection the watchdog shut into the timeout it stands for.
    """

    __slots__ = ("_token", "_watchdog", "deadline", "limits", "response")

    def __init__(self, limits: CallLimits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.attempt_budget_s
        self.response: httpx.Response | None = None
        self._watchdog: _Watchdog | None = None

    def __enter__(self) -> Self:
        self._token = _ACTIVE_ATTEMPT.set(self)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        _ACTIVE_ATTEMPT.reset(self._token)
        watchdog = self._watchdog
        if watchdog is not None:
            watchdog.cancel()
            if watchdog.fired and isinstance(exc, httpx.TransportError):
                raise self.timeout() from None

    def watch(self, response: httpx.Response) -> bool:
        """Arm the watchdog on the response's connection; False when there is no socket to reach."""
        watchdog = _Watchdog.for_response(response, self.deadline)
        self._watchdog = watchdog
        return watchdog is not None

    @property
    def watchdog_fired(self) -> bool:
        return self._watchdog is not None and self._watchdog.fired

    def timeout(self) -> httpx.ReadTimeout:
        return httpx.ReadTimeout(f"the response did not arrive within the attempt's {self.limits.attempt_budget_s}s")


_ACTIVE_ATTEMPT: contextvars.ContextVar[Attempt | None] = contextvars.ContextVar(
    "storefronts_active_attempt", default=None
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


def _check_response(response: httpx.Response, current: Attempt) -> int | None:
    """The declared body length, after refusing a redirect or a body declared larger than the limit."""
    if response.is_redirect:
        raise RedirectRefused(response)
    declared = response.headers.get("content-length")
    if declared is None or not declared.isdigit():
        return None
    length = int(declared)
    limit = current.limits.max_response_bytes
    if length > limit:
        raise ResponseTooLarge(limit, length, response.status_code)
    return length


def _on_response(response: httpx.Response) -> None:
    current = _ACTIVE_ATTEMPT.get()
    if current is None:
        return
    try:
        declared = _check_response(response, current)
    except Exception:
        response.close()
        raise
    # h11 delivers no more than a declared length, and the watchdog bounds the time: only a body of unknown length,
    # or one on a connection without a socket (a custom transport), needs counting and timing chunk by chunk
    if not current.watch(response) or declared is None:
        response.stream = _GuardedSyncStream(response.stream, current, response.status_code)  # type: ignore[arg-type]
    current.response = response


async def _on_response_async(response: httpx.Response) -> None:
    current = _ACTIVE_ATTEMPT.get()
    if current is None:
        return
    try:
        declared = _check_response(response, current)
    except Exception:
        await response.aclose()
        raise
    if declared is None:  # the deadline is asyncio.timeout's, around the whole attempt
        response.stream = _GuardedAsyncStream(response.stream, current, response.status_code)  # type: ignore[arg-type]
    current.response = response


class _Guard:
    """Counts a body's bytes against the limit, and checks the deadline, chunk by chunk."""

    def __init__(self, current: Attempt, status_code: int) -> None:
        self._attempt = current
        self._limit = current.limits.max_response_bytes
        self._status_code = status_code
        self._received = 0

    def check(self, chunk: bytes) -> None:
        self._received += len(chunk)
        if self._received > self._limit:
            raise ResponseTooLarge(self._limit, None, self._status_code)
        if time.monotonic() > self._attempt.deadline:
            raise self._attempt.timeout()


class _Watchdog:
    """Shuts the connection's socket down at the attempt's deadline, so a read blocked on a body that trickles in
    (each piece inside the read timeout, the whole past the budget) returns instead of waiting for the next piece.
    Without a socket to reach (a custom transport), the per-chunk deadline check of ``_Guard`` is all there is."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self.fired = False
        self._sock = sock
        self._key: int | None = _WATCHER.arm(self, deadline)

    @classmethod
    def for_response(cls, response: httpx.Response, deadline: float) -> _Watchdog | None:
        """A watchdog armed on the response's connection, or None when no socket is reachable."""
        stream = response.extensions.get("network_stream")
        sock: Any = stream.get_extra_info("socket") if stream is not None else None
        return cls(sock, deadline) if isinstance(sock, socket.socket) else None

    def fire(self) -> None:
        self.fired = True
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
    def __init__(self, stream: httpx.SyncByteStream, current: Attempt, status_code: int) -> None:
        self._stream = stream
        self._attempt = current
        self._guard = _Guard(current, status_code)

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:
            self._guard.check(chunk)
            yield chunk
        if self._attempt.watchdog_fired:  # a body without a length "ends" when the watchdog closes the connection
            raise self._attempt.timeout()

    def close(self) -> None:
        self._stream.close()


class _GuardedAsyncStream(httpx.AsyncByteStream):
    def __init__(self, stream: httpx.AsyncByteStream, current: Attempt, status_code: int) -> None:
        self._stream = stream
        self._guard = _Guard(current, status_code)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            self._guard.check(chunk)
            yield chunk

    async def aclose(self) -> None:
        await self._stream.aclose()


class RootedClient:
    """The httpx client as the generated endpoints see it (they only call ``request``), rooted at our base_url.

    Every request that passes through here is ours, so this is where the request side of the policy goes:
    - the endpoints send relative paths (``/orders/{id}``) that httpx would join to the httpx client's own base_url,
      and a caller's client may have none, or another host's. Joining them here sends our requests, and so the
      credential, to the base_url the facade checked, whichever httpx client carries them;
    - the attempt's timeout replaces the httpx client's, and our User-Agent is sent.

    ``made_with``: the timeout we made ``client`` with, when we made it (with our User-Agent as a default header).
    Requests then repeat neither, which spares httpx merging them into every request (a few percent of a call).
    """

    def __init__(
        self, client: httpx.Client | httpx.AsyncClient, base_url: str, *, made_with: httpx.Timeout | None
    ) -> None:
        self._client = client
        self._base_url = base_url.rstrip("/")
        self._client_timeout = made_with
        self._extra_headers = {} if made_with is not None else {"User-Agent": USER_AGENT}

    def request(self, method: str, url: str, *, headers: dict[str, str], **kwargs: Any) -> Any:
        current = _ACTIVE_ATTEMPT.get()
        if current is not None and current.limits.timeout is not self._client_timeout:
            kwargs["timeout"] = current.limits.timeout
        return self._client.request(method, self._base_url + url, headers={**headers, **self._extra_headers}, **kwargs)


class _DroppedCookies(httpx.Cookies):
    """A cookie store that never keeps a ``Set-Cookie``: it stays empty, so no request carries a ``Cookie``."""

    def extract_cookies(self, response: httpx.Response) -> None:
        return None


class _KeepsNoCookies:
    """What :class:`CookielessClient` and :class:`AsyncCookielessClient` add to httpx's clients."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._dropped_cookies = _DroppedCookies()

    @property
    def cookies(self) -> httpx.Cookies:
        return self._dropped_cookies

    @cookies.setter
    def cookies(self, cookies: object) -> None:
        raise AttributeError("storefronts' own httpx client keeps no cookies")


class CookielessClient(_KeepsNoCookies, httpx.Client):
    """The ``httpx.Client`` the facade makes when the caller passes none: it keeps no cookies.

    Our vendors authenticate every request with its key and document no cookies, so a cookie one response sets
    would only be state nobody asked for, replayed on every later call (from any thread, and from every
    ``with_options`` copy sharing the client). botocore keeps none either. Not keeping them also saves the
    ``http.cookiejar`` pass httpx makes over each response: 6-8 % of a call here (``make bench``, README
    "Performance"). A client the caller passes in keeps its own cookies.
    """


class AsyncCookielessClient(_KeepsNoCookies, httpx.AsyncClient):
    """The ``httpx.AsyncClient`` the facade makes when the caller passes none; see :class:`CookielessClient`."""


def install_hooks(client: httpx.Client | httpx.AsyncClient) -> None:
    """Add our response hook to ``client`` unless it is there; it is inert outside storefronts calls."""
    hooks = client.event_hooks
    response_hook = _on_response_async if isinstance(client, httpx.AsyncClient) else _on_response
    if response_hook not in hooks["response"]:
        hooks["response"].append(response_hook)
        client.event_hooks = hooks


_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})
# Whitespace, C0/C1 controls, DEL and lone surrogates: a URL has none of them (a trailing newline from a config file
# is the usual one).
_NOT_IN_A_URL = re.compile("[\\s\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_MAX_PORT = 65535
# How much of a refused base_url a message quotes.
_SHOWN_URL_CHARS = 200


def check_base_url(base_url: object) -> str:
    """``base_url`` as given, once it is known to be a URL we can append the order path to, and that would not send
    the credential in clear text to anything but this machine.

    Refused: anything but a str; whitespace or control characters; more than MAX_BASE_URL_CHARS; whatever httpx
    cannot parse; no host; a query or fragment (the order path is appended to the URL, so ``?x=`` would put the
    order id in the query and ``#`` would drop it); credentials in the URL (``user:password@``: the API key is the
    credential, and base_url is shown in reprs and messages, which must not hold a secret)."""
    if not isinstance(base_url, str):
        raise ConfigurationError(f"base_url must be a str, got {type(base_url).__name__}")
    base_url = str.__str__(base_url)
    # never quote a URL that may carry a password (user:password@host)
    shown = repr(base_url[:_SHOWN_URL_CHARS]) if "@" not in base_url else "(not shown: it has an @)"
    if not base_url:
        raise ConfigurationError("base_url is empty: pass None for the vendor's default")
    if len(base_url) > MAX_BASE_URL_CHARS:
        raise ConfigurationError(f"base_url is {len(base_url)} characters long; at most {MAX_BASE_URL_CHARS} are taken")
    refused = _NOT_IN_A_URL.search(base_url)
    if refused is not None:
        raise ConfigurationError(
            f"base_url {shown} has whitespace or a control character (U+{ord(refused.group()):04X}) "
            f"at index {refused.start()}"
        )
    if "?" in base_url or "#" in base_url:
        raise ConfigurationError(
            f"base_url {shown} has a query or a fragment (? or #): the order path is appended to base_url"
        )
    try:
        url = httpx.URL(base_url)
    except (httpx.InvalidURL, ValueError, TypeError) as error:
        raise ConfigurationError(f"base_url {shown} is not a valid URL ({type(error).__name__})") from None
    if url.userinfo:
        raise ConfigurationError("base_url must not carry credentials (user:password@): pass the key as api_key")
    if url.scheme not in ("http", "https"):
        raise ConfigurationError(f"base_url must be https:// (got scheme {url.scheme!r} in {shown})")
    if not url.host:
        raise ConfigurationError(f"base_url {shown} has no host")
    if url.port is not None and not 0 < url.port <= _MAX_PORT:  # httpx parses any number; a socket takes these
        raise ConfigurationError(f"base_url {shown} has port {url.port}; ports are 1 to {_MAX_PORT}")
    if url.scheme == "https":
        return base_url
    host = url.host.lower()
    try:
        loopback = host in _LOOPBACK_NAMES or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ConfigurationError(
            f"base_url {shown} is plain http:// to a non-loopback host: the API key would cross the network "
            "unencrypted. Use https://, or http:// only for 127.0.0.0/8, ::1 or localhost (local sandboxes)."
        )
    return base_url
