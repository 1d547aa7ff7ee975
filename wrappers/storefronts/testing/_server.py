"""The sandbox server: a real HTTP/1.1 server on 127.0.0.1 answering like one vendor's ``PUT /orders/{id}``.

Why the standard library's ``ThreadingHTTPServer`` rather than a server library (uvicorn with Starlette, Werkzeug,
aiohttp): the sandbox ships inside storefront-clients for downstream test suites, so whatever it serves with becomes
a dependency of every suite that uses it, with versions to agree with theirs. It serves one endpoint at test loads,
where ``BaseHTTPRequestHandler`` parses the request line and headers for us and we only read the body (by
Content-Length, or chunked); routing is one prefix match. A thread per connection also keeps the sandbox free of any
event loop, so the same server works in sync tests and in async tests (asyncio or trio) without blocking them, and
HTTP/1.1 keep-alive lets clients reuse connections as they would with the real vendor. The only extra dependencies
(jsonschema, ruamel.yaml, from the ``testing`` extra) are for reading the specs, not for serving.

Every request is recorded before anything else happens to it (even one whose connection is then dropped); every
answer the vendor logic builds is checked against the response schema the spec documents for its status, and an
answer that would break the spec becomes a 500 naming the problem (``validate_responses=False`` turns the check
off, for tests that put deliberately off-spec orders in ``server.orders``).

Rate limiting, for bulk jobs' tests: ``rate_limit=N`` answers 429 with ``Retry-After`` (whole seconds, until the
next window) to a request that would be the N+1st accepted in one clock second (a fixed window, as most APIs
count) for the same credential header, and ``server.throttle(seconds)`` refuses every request
for a while (a 429 storm). Refused requests are recorded, counted in ``server.refused``, and use up no budget.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import quote, unquote

from ._loopback import HOST, LoopbackServerBase, RecordedRequest, RequestHandler
from ._specs import require_extras, response_problems
from ._vendors import Incoming, Order, Reply, VendorSandbox, sandbox_class, sandbox_vendors

__all__ = ["SandboxServer", "VendorLike", "sandbox"]

_JSON_CONTENT_TYPE = "application/json; charset=utf-8"
_TEXT_CONTENT_TYPE = "text/plain; charset=utf-8"
# At most this many spec violations are quoted in the 500 that replaces an off-spec answer.
_VIOLATIONS_SHOWN = 5
# rate_limit=N counts the requests of each window of this many seconds of the monotonic clock.
RATE_LIMIT_WINDOW_S = 1.0


class VendorLike(Protocol):
    """Anything with a ``value`` naming the vendor, such as a member of a ``Vendor`` string enum."""

    @property
    def value(self) -> object: ...


@dataclass
class _Fault:
    """The next ``remaining`` requests get ``reply`` (None: their connection is closed without an answer)."""

    remaining: int
    reply: Reply | None


def _vendor_name(vendor: str | VendorLike) -> str:
    value = vendor if isinstance(vendor, str) else getattr(vendor, "value", vendor)
    if not isinstance(value, str):
        raise TypeError(f"vendor must be a string or have a string .value, not {vendor!r}")
    name = value.strip().lower()
    served = sandbox_vendors()
    if name not in served:
        raise ValueError(f"unknown vendor {value!r}: the sandbox serves {', '.join(sorted(served))}")
    return name


def _count(n: int, what: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"{what} takes a positive number of requests, not {n!r}")
    return n


def _retry_after(value: float | str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not math.isfinite(value) or value < 0:
        raise ValueError(f"retry_after must be a non-negative number of seconds or an HTTP date, not {value!r}")
    return str(value) if isinstance(value, int) else f"{value:g}"


class SandboxServer(LoopbackServerBase):
    """A vendor's ``PUT /orders/{id}`` on a real HTTP server on 127.0.0.1; see the package docstring.

    Use it as a context manager (``with`` or ``async with``), or call :meth:`start` and :meth:`close`.
    """

    def __init__(
        self,
        vendor: str | VendorLike,
        *,
        api_key: str | None = None,
        scopes: Iterable[str] | None = None,
        latency: float = 0.0,
        validate_responses: bool = True,
        port: int = 0,
        rate_limit: int | None = None,
    ) -> None:
        require_extras()
        super().__init__(port=port)
        self.vendor: str = _vendor_name(vendor)
        self._logic: VendorSandbox = sandbox_class(self.vendor)(api_key=api_key, scopes=scopes)
        #: The in-memory store, order id -> the order as the vendor returns it. Tests may read, add and change it.
        self.orders: dict[str, Order] = self._logic.seed_orders()
        #: Check every answer against the vendor's spec before sending it (see the module docstring).
        self.validate_responses = validate_responses
        self._orders_lock = threading.Lock()  # one update at a time, as a database row lock would do
        self._requests: list[RecordedRequest] = []
        self._faults: deque[_Fault] = deque()
        self._latency = 0.0
        self.latency = latency
        self._thread_name = f"storefronts-sandbox-{self.vendor}"
        self._rate_limit = None if rate_limit is None else _count(rate_limit, "rate_limit")
        self._accepted_in: dict[str, tuple[int, int]] = {}  # credential -> (window, requests accepted in it)
        self._refused = 0
        self._throttled_until = -math.inf
        self._throttle_retry_after = "1"

    def __repr__(self) -> str:
        where = self.base_url if self._httpd is not None else "not running"
        return f"<SandboxServer {self.vendor} {where}>"

    # -- what tests read -------------------------------------------------------------------------------------

    @property
    def api_key(self) -> str:
        """A credential the sandbox accepts (for Salesive, an ``app_`` token)."""
        return self._logic.api_key

    @property
    def credential(self) -> str | tuple[str, str]:
        """What ``Client(api_key=...)`` takes to pass the sandbox: :attr:`api_key`, or ``(key, secret)`` for a vendor
        whose credential has two parts."""
        return self._logic.credential()

    @property
    def scopes(self) -> frozenset[str]:
        """The scopes :attr:`api_key` carries (empty for vendors whose keys have none)."""
        return self._logic.scopes

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` plus the path of the vendor's server URL, without a trailing slash."""
        return f"http://{HOST}:{self.port}{self._logic.path_prefix}"

    def order_url(self, order_id: str) -> str:
        """The URL of ``PUT /orders/{id}`` for ``order_id``, percent-encoded as one path segment."""
        return f"{self.base_url}/orders/{quote(order_id, safe='')}"

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in arrival order (a copy: safe to keep while the server runs)."""
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        """Forget the requests recorded so far."""
        with self._lock:
            self._requests.clear()

    @property
    def refused(self) -> int:
        """How many requests the rate limit or a throttle answered with 429 so far."""
        with self._lock:
            return self._refused

    @property
    def rate_limit(self) -> int | None:
        """Requests per second accepted per credential (None: no limit); see the module docstring."""
        return self._rate_limit

    def throttle(self, seconds: float, retry_after: float | str = 1) -> None:
        """A 429 storm: answer every request of the next ``seconds`` with 429 and ``Retry-After: retry_after``."""
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not seconds >= 0:
            raise ValueError(f"throttle takes a non-negative number of seconds, not {seconds!r}")
        header = _retry_after(retry_after)
        with self._lock:
            self._throttled_until = time.monotonic() + seconds
            self._throttle_retry_after = header

    # -- fault injection -------------------------------------------------------------------------------------

    @property
    def latency(self) -> float:
        """Seconds every answer waits before it is sent (0: none). Applies to failures and drops too."""
        with self._lock:
            return self._latency

    @latency.setter
    def latency(self, seconds: float) -> None:
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not math.isfinite(seconds):
            raise ValueError(f"latency must be a number of seconds, not {seconds!r}")
        if seconds < 0:
            raise ValueError(f"latency must not be negative, not {seconds!r}")
        with self._lock:
            self._latency = float(seconds)

    def fail_next(
        self,
        n: int = 1,
        status: int = 503,
        retry_after: float | str | None = None,
        body: Any = None,
        *,
        content_type: str | None = None,
    ) -> None:
        """Answer the next ``n`` requests with ``status`` instead of handling them.

        ``retry_after`` (seconds, or an HTTP date as a string) is sent as the Retry-After header. ``body``: None
        sends the vendor's error body for that status; ``bytes`` or ``str`` are sent as they are (``text/plain``
        unless ``content_type`` says otherwise); any other value is sent as JSON. Faults queue up in call order
        with those of :meth:`drop_next`: ``fail_next(2); drop_next(1)`` fails two requests, then drops the third.
        """
        _count(n, "fail_next")
        if isinstance(status, bool) or not isinstance(status, int) or not 200 <= status <= 599:
            raise ValueError(f"status must be an HTTP status from 200 to 599, not {status!r}")
        headers = () if retry_after is None else (("Retry-After", _retry_after(retry_after)),)
        if body is None:
            reply = replace(self._logic.failure(status), headers=headers, checked=False)
        elif isinstance(body, bytes | str):
            raw = body.encode("utf-8") if isinstance(body, str) else body
            reply = Reply(status, raw=raw, content_type=content_type or _TEXT_CONTENT_TYPE, headers=headers)
        else:
            raw = json.dumps(body).encode("utf-8")  # here, so a value JSON cannot carry fails in the test
            reply = Reply(status, raw=raw, content_type=content_type or _JSON_CONTENT_TYPE, headers=headers)
        with self._lock:
            self._faults.append(_Fault(n, reply))

    def drop_next(self, n: int = 1) -> None:
        """Close the connection of the next ``n`` requests without answering (after reading each request)."""
        _count(n, "drop_next")
        with self._lock:
            self._faults.append(_Fault(n, None))

    def clear_faults(self) -> None:
        """Forget the failures and drops not yet served (latency stays)."""
        with self._lock:
            self._faults.clear()

    # -- used by the handler threads -------------------------------------------------------------------------

    def _route(self, raw_path: str) -> str | None:
        """The decoded order id when ``raw_path`` is ``<prefix>/orders/{id}``, else None."""
        path = raw_path.split("?", 1)[0]
        prefix = f"{self._logic.path_prefix}/orders/"
        segment = path.removeprefix(prefix)
        if segment == path or not segment or "/" in segment:
            return None
        return unquote(segment, errors="strict")

    def _receive(self, arrived: RecordedRequest) -> Reply | None:
        """The answer to one request (None: hang up without one)."""
        method, raw_path, headers = arrived.method, arrived.raw_path, arrived.headers
        try:
            order_id = self._route(raw_path)
        except UnicodeDecodeError:  # a percent-encoded id that is not UTF-8 names no order
            order_id = None
        ignored = self._logic.ignored_fields(arrived.json) if order_id is not None and method == "PUT" else ()
        with self._lock:
            retry_after = self._refusal(headers, arrived.received_at)
            record = replace(arrived, order_id=order_id, ignored_fields=ignored, refused=bool(retry_after))
            self._requests.append(record)
            if retry_after:
                self._refused += 1
                return replace(self._logic.failure(429), headers=(("Retry-After", retry_after),), checked=False)
            fault = self._faults[0] if self._faults else None
            if fault is not None:
                fault.remaining -= 1
                if fault.remaining == 0:
                    self._faults.popleft()
            latency = self._latency
        if latency and self._stopping.wait(latency):
            return None  # the server is closing: do not answer late
        if fault is not None:
            return fault.reply
        if order_id is None:
            return self._checked(self._logic.no_route(method, record.path))
        incoming = Incoming(method=method, order_id=order_id, headers=headers, body=arrived.body)
        return self._checked(self._logic.update_order(incoming, self.orders, self._orders_lock, datetime.now(UTC)))

    def _refusal(self, headers: Mapping[str, str], now: float) -> str:
        """The Retry-After of a 429 for this request, or "" to serve it (called with the lock held)."""
        if now < self._throttled_until:
            return self._throttle_retry_after
        if self._rate_limit is None:
            return ""
        credential = headers.get("x-api-key") or headers.get("authorization") or ""
        window = math.floor(now / RATE_LIMIT_WINDOW_S)
        start, accepted = self._accepted_in.get(credential, (window, 0))
        if start != window:
            accepted = 0
        if accepted >= self._rate_limit:
            return str(max(1, math.ceil((window + 1) * RATE_LIMIT_WINDOW_S - now)))
        self._accepted_in[credential] = (window, accepted + 1)
        return ""

    def _checked(self, reply: Reply) -> Reply:
        """``reply``, or a 500 naming how it breaks the spec's schema for its status."""
        if not self.validate_responses or not reply.checked or reply.raw is not None:
            return reply
        problems = response_problems(self.vendor, reply.status, reply.body)
        if not problems:
            return reply
        shown = "; ".join(problems[:_VIOLATIONS_SHOWN])
        message = (
            f"storefronts.testing: this {reply.status} answer would break the {self.vendor} spec ({shown}). "
            "Either server.orders holds an order the spec does not allow (pass validate_responses=False to "
            "serve it anyway) or the sandbox has a bug."
        )
        return replace(self._logic.failure(500, message), checked=False)

    def _answer_request(self, handler: RequestHandler, request: RecordedRequest) -> None:
        reply = self._receive(request)
        if reply is None:
            handler.close_connection = True
            return
        if reply.raw is not None:
            payload, content_type = reply.raw, reply.content_type
        else:
            payload, content_type = json.dumps(reply.body, ensure_ascii=False).encode("utf-8"), _JSON_CONTENT_TYPE
        handler.send_response(reply.status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(payload)))
        for name, value in reply.headers:
            handler.send_header(name, value)
        handler.end_headers()
        if request.method != "HEAD":
            handler.wfile.write(payload)


def sandbox(
    vendor: str | VendorLike,
    *,
    api_key: str | None = None,
    scopes: Iterable[str] | None = None,
    latency: float = 0.0,
    validate_responses: bool = True,
    port: int = 0,
    rate_limit: int | None = None,
) -> SandboxServer:
    """A sandbox of ``vendor`` (a ``Vendor`` member, or its value such as ``"salesive"``),
    ready to start with ``with`` or ``async with``.

    Args:
        api_key: the credential it accepts (default: a fresh one, see :attr:`SandboxServer.api_key`).
        scopes: the scopes of that credential, for vendors with scopes (Salesive: default
            ``{"READ_ORDERS", "WRITE_ORDERS"}``; LaunchMyStore: ``{"read_orders", "write_orders"}``).
        latency: seconds every answer waits before it is sent.
        validate_responses: check every answer against the vendor's spec (see the module docstring).
        port: the port on 127.0.0.1 to serve on (default 0: a free one, see :attr:`SandboxServer.port`).
        rate_limit: requests per second accepted per credential; beyond it, 429 with Retry-After (see the module
            docstring, and :meth:`SandboxServer.throttle`, :attr:`SandboxServer.refused`).

    Raises:
        ImportError: jsonschema or ruamel.yaml is missing (``pip install 'storefront-clients[testing]'``).
        ValueError: an unknown vendor, an ``api_key`` the vendor could never issue, ``scopes`` for bitbybit.
    """
    return SandboxServer(
        vendor,
        api_key=api_key,
        scopes=scopes,
        latency=latency,
        validate_responses=validate_responses,
        rate_limit=rate_limit,
        port=port,
    )
