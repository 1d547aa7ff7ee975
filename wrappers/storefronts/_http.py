"""Transport policy applied to every request storefronts sends, whether through our httpx client or the caller's.

The generated endpoints send through :class:`RootedClient`, which sees only our requests, and an httpx response
hook that acts only while one of our attempts is active (a context variable), so a client the caller passes in
and also uses elsewhere is not affected outside our calls:

- every request goes to the checked base_url and carries our User-Agent (``RootedClient``);
- the call's timeout replaces the client's, every phase of it bounded by the attempt's budget, and the whole
  attempt (headers and body) must end within that budget. The async twin cancels at the deadline. In the sync
  twin, the httpx client we make bounds every socket operation by the time left (``_deadline.py``); through a
  caller's client, a watchdog shuts the connection when the budget runs out after the headers;
- the body is read here, not by httpx, counting raw and decoded bytes against ``max_response_bytes`` as they
  come (``_bodies.py``); a declared length can only refuse a body early;
- a redirect is refused, never followed, so a credential never goes to another host;
- the httpx client a facade client and its ``with_options`` copies share is checked before each call
  (``Connections``): closed, forked, or (async) moved to another event loop.

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
from collections.abc import Callable
from typing import Any, Self

import httpx

from ._bodies import BodyReader, ResponseTooLarge, _Undecodable
from ._constants import ACCEPT_ENCODING, MAX_BASE_URL_CHARS, MAX_SINGLE_WAIT_S
from ._version import __version__
from .errors import ClientStateError, ConfigurationError

# the version platform.python_version() reads from sys.version, without importing platform (a few ms of import)
_PYTHON_VERSION = sys.version.split(maxsplit=1)[0]
USER_AGENT = f"storefront-clients/{__version__} python/{_PYTHON_VERSION} httpx/{httpx.__version__}"


class CallLimits:  # not a dataclass: building one is ~0.8 ms of `import storefronts`
    """The limits every attempt of one call runs under.

    ``transport_timeout`` is ``timeout`` with every phase bounded by the attempt's budget (a phase left at
    ``None`` gets the budget) and by ``MAX_SINGLE_WAIT_S``: what httpx is given, so no single wait is unbounded.
    """

    __slots__ = ("attempt_budget_s", "max_response_bytes", "timeout", "transport_timeout")

    def __init__(self, timeout: httpx.Timeout, attempt_budget_s: float, max_response_bytes: int) -> None:
        self.timeout = timeout
        self.attempt_budget_s = attempt_budget_s
        self.max_response_bytes = max_response_bytes
        self.transport_timeout = _bounded_timeout(timeout, attempt_budget_s)


def _bounded_timeout(timeout: httpx.Timeout, budget_s: float) -> httpx.Timeout:
    bound = min(budget_s, MAX_SINGLE_WAIT_S)
    phases = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    if all(phase is not None and phase <= bound for phase in phases):
        return timeout  # the same object: a client made with it needs no per-request timeout
    connect, read, write, pool = (bound if phase is None or phase > bound else phase for phase in phases)
    return httpx.Timeout(connect=connect, read=read, write=write, pool=pool)


class Attempt:
    """One attempt in flight: its limits, its deadline, and the response as httpx received it (kept by our
    response hook, so the caller gets the real ``httpx.Response``, request and all, on errors).

    ``with Attempt(limits) as sent:`` marks the requests sent inside as ours for the hooks and the transport;
    the deadline starts when the attempt is made. Leaving the block disarms the deadline watchdog, and turns the
    transport error of a connection the watchdog shut into the timeout it stands for.
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

    def watch(self, response: httpx.Response) -> None:
        """Arm the watchdog on the response's connection (when there is a socket to reach). An auth flow sends
        more than one request in an attempt: the previous response's watchdog is disarmed first, so none is left
        armed on a connection that goes back to the caller's pool."""
        previous = self._watchdog
        if previous is not None:
            previous.cancel()
        self._watchdog = _Watchdog.for_response(response, self.deadline)

    @property
    def watchdog_fired(self) -> bool:
        return self._watchdog is not None and self._watchdog.fired

    def timeout(self) -> httpx.ReadTimeout:
        return httpx.ReadTimeout(f"the response did not arrive within the attempt's {self.limits.attempt_budget_s}s")


_ACTIVE_ATTEMPT: contextvars.ContextVar[Attempt | None] = contextvars.ContextVar(
    "storefronts_active_attempt", default=None
)


def active_attempt() -> Attempt | None:
    return _ACTIVE_ATTEMPT.get()


class RedirectRefused(Exception):
    """The server answered with a redirect, which we never follow."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.status_code = response.status_code
        self.location = response.headers.get("location", "")
        super().__init__(f"redirect {response.status_code} refused (Location: {self.location[:200]})")


def _check_response(response: httpx.Response, current: Attempt) -> None:
    """Refuse a redirect, or a body declared larger than the limit (a declared length only ever refuses: the
    bytes are counted as they are read, whatever the headers say)."""
    if response.is_redirect:
        raise RedirectRefused(response)
    declared = response.headers.get("content-length")
    if declared is not None and declared.isdigit():
        limit = current.limits.max_response_bytes
        if int(declared) > limit:
            raise ResponseTooLarge(limit, int(declared), response.status_code)


def _on_response(response: httpx.Response) -> None:
    """A caller's sync client: its transport is not ours, so the watchdog bounds the time after the headers."""
    current = _ACTIVE_ATTEMPT.get()
    if current is None:
        return
    try:
        _check_response(response, current)
    except Exception:
        response.close()
        raise
    current.watch(response)
    current.response = response


def _on_own_response(response: httpx.Response) -> None:
    """The sync client we make: its transport bounds every socket operation by the deadline, no watchdog needed."""
    current = _ACTIVE_ATTEMPT.get()
    if current is None:
        return
    try:
        _check_response(response, current)
    except Exception:
        response.close()
        raise
    current.response = response


async def _on_response_async(response: httpx.Response) -> None:
    current = _ACTIVE_ATTEMPT.get()
    if current is None:
        return
    try:
        _check_response(response, current)
    except Exception:
        await response.aclose()
        raise
    current.response = response  # the deadline is asyncio.timeout's, around the whole attempt


class _Watchdog:
    """Shuts the connection's socket down at the attempt's deadline, so a read blocked on a body that trickles in
    (each piece inside the read timeout, the whole past the budget) returns instead of waiting for the next piece.
    Without a socket to reach (a custom transport), the per-chunk deadline check of ``BodyReader`` is all there is.
    """

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
    started a thread per call (150-400 us). A disarmed entry leaves the heap lazily: when it reaches the top, or
    in a sweep once disarmed entries outnumber armed ones. No deadline, however far, can stop the thread: it
    sleeps at most ``MAX_SINGLE_WAIT_S`` at a time (a longer wait overflows the OS timer), and one that has
    died all the same is started again by the next ``arm``.
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

    @property
    def armed(self) -> int:
        """How many watchdogs are armed now (every one of ours is disarmed when its attempt ends)."""
        with self._lock:
            return len(self._armed)

    def arm(self, watchdog: _Watchdog, deadline: float) -> int:
        with self._lock:
            key = next(self._keys)
            self._armed[key] = watchdog
            heapq.heappush(self._heap, (deadline, key))
            if len(self._heap) > 2 * len(self._armed) + 64:
                self._heap = [entry for entry in self._heap if entry[1] in self._armed]
                heapq.heapify(self._heap)
            if self._thread is None or not self._thread.is_alive():
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
                self._wakeup.wait(min(self._wake_at - now, MAX_SINGLE_WAIT_S) if heap else None)


_WATCHER = _DeadlineWatcher()
os.register_at_fork(after_in_child=_WATCHER.reset)


def read_body(response: httpx.Response, current: Attempt) -> None:
    """Read the body of a response sent with ``stream=True``, under the attempt's size cap and deadline."""
    reader = BodyReader(response, current)
    try:
        try:
            for raw in response.iter_raw():
                reader.take(raw)
            reader.finish()
        except _Undecodable as problem:
            response.close()
            reader.undecodable(problem)
    except BaseException:
        response.close()
        raise


async def aread_body(response: httpx.Response, current: Attempt) -> None:
    """The async twin of :func:`read_body`."""
    reader = BodyReader(response, current)
    try:
        try:
            async for raw in response.aiter_raw():
                reader.take(raw)
            reader.finish()
        except _Undecodable as problem:
            await response.aclose()
            reader.undecodable(problem)
    except BaseException:
        await response.aclose()
        raise


class Connections:
    """The httpx client one facade client and its ``with_options`` copies send through, and its state.

    Checked before every call (``ready``), so a client that cannot send says why with a ``ClientStateError``
    instead of httpx's ``RuntimeError`` halfway through:
    - closed: by ``close()`` of the client that made it (a copy's ``close()`` closes only the copy), or an
      ``http_client`` the caller closed;
    - forked: a pooled connection inherited by a child process is the parent's too, so two processes would read
      each other's responses. The httpx client we made is replaced in the child, the inherited one dropped
      without being closed (closing would talk on the parent's connections). A caller's ``http_client`` is not
      ours to replace: a call through it from a child is refused;
    - (async) bound to the event loop of its first call: its connections belong to that loop.
    """

    __slots__ = ("_make", "closed", "http", "loop", "made_with", "pid")

    def __init__(
        self,
        http: httpx.Client | httpx.AsyncClient,
        *,
        make: Callable[[], httpx.Client | httpx.AsyncClient] | None,
        made_with: httpx.Timeout | None,
    ) -> None:
        self.http = http
        self._make = make
        self.made_with = made_with
        self.closed = False
        self.pid = os.getpid()
        self.loop: object = None

    @property
    def owned(self) -> bool:
        return self._make is not None

    def ready(self, client: object, copy_closed: bool) -> None:
        if copy_closed or self.closed:
            raise ClientStateError(f"{client!r} is closed{'' if copy_closed else ' (the client it was copied from)'}")
        if self.pid != os.getpid():
            self._forked(client)
        if self.http.is_closed:
            raise ClientStateError(f"the http_client given to {client!r} is closed")

    def ready_async(self, client: object, copy_closed: bool, loop: object) -> None:
        self.ready(client, copy_closed)
        if self.loop is None:
            self.loop = loop
        elif loop is not self.loop:
            raise ClientStateError(
                f"{client!r} is used from another event loop than its first call's: its connections belong to "
                "that loop. Make one AsyncClient per event loop (per asyncio.run())."
            )

    def _forked(self, client: object) -> None:
        if self._make is None:
            raise ClientStateError(
                f"{client!r} was made in process {self.pid} and is used in process {os.getpid()}, after a fork: "
                "the http_client you passed may hold the parent's connections, and sharing one lets a process read "
                "the other's responses. Make the httpx client and the storefronts client in each child."
            )
        self.http = self._make()  # the inherited client is dropped, not closed: its connections are the parent's
        self.pid = os.getpid()
        self.loop = None


class RootedClient:
    """The httpx client as the generated endpoints see it (they only call ``request``), rooted at our base_url.

    Every request that passes through here is ours, so this is where the request side of the policy goes:
    - the endpoints send relative paths (``/orders/{id}``) that httpx would join to the httpx client's own base_url,
      and a caller's client may have none, or another host's. Joining them here sends our requests, and so the
      credential, to the base_url the facade checked, whichever httpx client carries them;
    - the attempt's bounded timeout replaces the httpx client's, and our User-Agent and Accept-Encoding are sent;
    - the body is read here, under the size cap (:func:`read_body`), not by httpx.

    ``connections.made_with``: the timeout we made the httpx client with, when we made it (with our User-Agent
    and Accept-Encoding as default headers). Requests then repeat neither, which spares httpx merging them into
    every request (a few percent of a call).
    """

    def __init__(self, connections: Connections, base_url: str) -> None:
        self._connections = connections
        self._base_url = base_url.rstrip("/")
        self._client_timeout = connections.made_with
        self._extra_headers = (
            {} if connections.owned else {"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING}
        )

    def _build(self, method: str, url: str, headers: dict[str, str], kwargs: dict[str, Any]) -> httpx.Request:
        current = _ACTIVE_ATTEMPT.get()
        if current is not None and current.limits.transport_timeout is not self._client_timeout:
            kwargs["timeout"] = current.limits.transport_timeout
        return self._connections.http.build_request(
            method, self._base_url + url, headers={**headers, **self._extra_headers}, **kwargs
        )

    def request(self, method: str, url: str, *, headers: dict[str, str], **kwargs: Any) -> httpx.Response:
        http: Any = self._connections.http
        response: httpx.Response = http.send(
            self._build(method, url, headers, kwargs), stream=True, follow_redirects=False
        )
        current = _ACTIVE_ATTEMPT.get()
        if current is None:
            response.read()
        else:
            read_body(response, current)
        return response


class AsyncRootedClient(RootedClient):
    """:class:`RootedClient` for the async endpoints."""

    async def request(  # type: ignore[override]
        self, method: str, url: str, *, headers: dict[str, str], **kwargs: Any
    ) -> httpx.Response:
        http: Any = self._connections.http
        response: httpx.Response = await http.send(
            self._build(method, url, headers, kwargs), stream=True, follow_redirects=False
        )
        current = _ACTIVE_ATTEMPT.get()
        if current is None:
            await response.aread()
        else:
            await aread_body(response, current)
        return response


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


def install_hooks(client: httpx.Client | httpx.AsyncClient, *, owned: bool) -> None:
    """Add our response hook to ``client`` unless it is there; it is inert outside storefronts calls."""
    hooks = client.event_hooks
    if isinstance(client, httpx.AsyncClient):
        response_hook: Callable[[httpx.Response], Any] = _on_response_async
    else:
        response_hook = _on_own_response if owned else _on_response
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
