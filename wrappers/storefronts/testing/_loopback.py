"""The plumbing every test HTTP server of this project shares: the sandbox vendors, and the scripted loopback
servers of our own suite (``tests/support``), which import it from here.

A stdlib ``ThreadingHTTPServer`` on 127.0.0.1 (a free port, a daemon thread, a thread per connection), speaking
HTTP/1.1 with keep-alive. What a subclass adds is only what it answers: :meth:`LoopbackServerBase._answer_request`
gets each request as a :class:`RecordedRequest` (body read, headers collected, JSON parsed), and writes the answer.
Every server records that one class, so a test reads a request the same way whichever server it went to.

Shutdown: :meth:`LoopbackServerBase.close` stops accepting, wakes every handler sleeping through
:meth:`LoopbackServerBase._sleep`, shuts down every open connection (idle keep-alive ones included) and joins the
threads, so a test never hangs on exit, even when a scripted delay is longer than the test.
"""

from __future__ import annotations

import contextlib
import json as _json
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self, cast
from urllib.parse import unquote

__all__ = ["HOST", "LISTEN_BACKLOG", "LoopbackServerBase", "RecordedRequest", "RequestHandler", "parse_json"]

HOST = "127.0.0.1"
# socketserver's default backlog is 5: a burst of a few hundred concurrent first connections (a bulk job's tasks
# all connecting at once) overflows it, and the kernel drops the excess SYNs, which clients see as resets or
# connect timeouts that no real vendor would cause. The kernel caps this at net.core.somaxconn.
LISTEN_BACKLOG = 1024
# How long close() waits for the serving thread and each handler thread once they have been told to stop.
JOIN_TIMEOUT_S = 5.0
# How often serve_forever() looks at its shutdown flag: also the longest close() waits for the accept loop.
POLL_INTERVAL_S = 0.01


class _InvalidJSON(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    """JSON has no NaN or Infinity (Python's json module accepts them; a JavaScript server does not)."""
    raise _InvalidJSON(f"{name} is not valid JSON")


def parse_json(raw: bytes) -> Any:
    """``raw`` parsed as strict JSON (UTF-8, no ``NaN`` or ``Infinity``); ValueError when it is not JSON."""
    try:
        return _json.loads(raw, parse_constant=_refuse_constant)
    except (UnicodeDecodeError, _json.JSONDecodeError) as exc:
        raise _InvalidJSON(str(exc)) from exc


def _json_or_none(raw: bytes) -> Any:
    if not raw.strip():
        return None
    try:
        return parse_json(raw)
    except ValueError:
        return None


@dataclass(frozen=True)
class RecordedRequest:
    """A request as it reached the server: every test server of the project (the sandbox, our suite's scripted
    one) records this one class.

    Attributes:
        method: the method on the request line (``"PUT"``).
        raw_path: the request target exactly as sent, not decoded (``"/api/v1/orders/ord%2F1?x=1"``).
        headers: the request headers, names lower-cased; a repeated header's values are joined with ``", "``
            (credentials included: it is the test's own server).
        body: the raw body (a chunked body already decoded).
        json: the body parsed as strict JSON (UTF-8, no ``NaN`` or ``Infinity``); None when the body is empty or
            is not JSON. A body of JSON ``null`` reads None too: compare :attr:`body` to tell them apart.
        order_id: the percent-decoded order id when the sandbox routed the path as ``<prefix>/orders/{id}``;
            None otherwise, and always None from a server that routes nothing (our suite's scripted server).
        ignored_fields: body fields the vendor accepts without applying them (Salesive's whitelist, bitbybit's
            undeclared fields). The sandbox answers as the vendor would; this is how a test sees what was sent
            anyway. Empty from a server that plays no vendor.
        received_at: when it arrived (its body read), as ``time.monotonic()`` (one clock for every process of the
            machine).
        refused: whether the sandbox's rate limit or a throttle answered it with 429.
    """

    method: str
    raw_path: str
    headers: Mapping[str, str]
    body: bytes
    json: Any
    order_id: str | None
    ignored_fields: tuple[str, ...]
    received_at: float = 0.0
    refused: bool = False

    @classmethod
    def _arrived(cls, method: str, raw_path: str, headers: Mapping[str, str], body: bytes) -> RecordedRequest:
        """The record of a request whose body has just been read: its JSON parsed, nothing routed yet."""
        return cls(method, raw_path, headers, body, _json_or_none(body), None, (), time.monotonic())

    @property
    def path(self) -> str:
        """The path of :attr:`raw_path`, percent-decoded, without the query: for readable assertions only."""
        return unquote(self.raw_path.split("?", 1)[0])

    @property
    def query(self) -> str:
        """The query string of :attr:`raw_path`, as sent (without the ``?``)."""
        return self.raw_path.partition("?")[2]


class LoopbackServerBase:
    """Lifecycle and connection tracking of one server; subclasses implement :meth:`_answer_request`."""

    #: A name for the serving thread (``<name>:<port>``).
    _thread_name = "loopback"

    def __init__(self, *, port: int = 0) -> None:
        self._requested_port = port  # 0: a free one
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._handler_threads: set[threading.Thread] = set()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------------------

    def start(self) -> Self:
        """Bind the port (by default a free one) on 127.0.0.1 and serve in a daemon thread. Returns ``self``."""
        if self._httpd is not None:
            raise RuntimeError(f"{self!r} is already running")
        self._stopping.clear()
        httpd = _HTTPServer((HOST, self._requested_port), RequestHandler, self)
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": POLL_INTERVAL_S},
            name=f"{self._thread_name}:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and release the port, without waiting for a sleeping handler to finish its script."""
        httpd, thread = self._httpd, self._thread
        if httpd is None or thread is None:
            return
        with self._lock:
            self._stopping.set()  # wakes handlers in delays; new connections are closed on arrival
            connections = list(self._connections)
            handlers = list(self._handler_threads)
        httpd.shutdown()
        for connection in connections:  # unblocks handlers waiting for the next request on a keep-alive socket
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        httpd.server_close()
        thread.join(JOIN_TIMEOUT_S)
        for handler in handlers:
            handler.join(JOIN_TIMEOUT_S)
        self._httpd = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        # Starting and stopping take milliseconds and the server runs in its own threads: no need to leave the loop.
        return self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    @property
    def port(self) -> int:
        """The port the server listens on."""
        if self._httpd is None:
            raise RuntimeError("the server is not running: use it as a context manager or call start()")
        return int(self._httpd.server_address[1])

    # -- what subclasses implement and use -------------------------------------------------------------------

    def _answer_request(self, handler: RequestHandler, request: RecordedRequest) -> None:
        """Write the answer to ``request`` through ``handler`` (``send_response``, ``wfile``...)."""
        raise NotImplementedError

    def _sleep(self, seconds: float) -> bool:
        """Sleep unless the server stops first; True when the full time passed and the script should go on."""
        return seconds <= 0 or not self._stopping.wait(seconds)

    def _register(self, connection: socket.socket) -> bool:
        """Track an accepted connection; False when the server is stopping (the handler then hangs up)."""
        with self._lock:
            if self._stopping.is_set():
                return False
            self._connections.add(connection)
            self._handler_threads.add(threading.current_thread())
            return True

    def _unregister(self, connection: socket.socket) -> None:
        with self._lock:
            self._connections.discard(connection)
            self._handler_threads.discard(threading.current_thread())


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # port 0 gives a fresh port: never share one with a lingering socket
    request_queue_size = LISTEN_BACKLOG

    def __init__(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], owner: LoopbackServerBase
    ) -> None:
        self.owner = owner
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients in tests hang up and time out on purpose: a broken connection is not worth a traceback."""


class RequestHandler(BaseHTTPRequestHandler):
    """Reads each request (any method, any framing) and hands it to the owning server's ``_answer_request``."""

    protocol_version = "HTTP/1.1"  # keep-alive: connections are reused, as httpx does with a real server
    # The status line and headers go out in one write and the body in another: without TCP_NODELAY, Nagle's
    # algorithm holds the body back until the client's delayed ACK, a pause on every answer.
    disable_nagle_algorithm = True

    @property
    def owner(self) -> LoopbackServerBase:
        return cast(_HTTPServer, self.server).owner

    def setup(self) -> None:
        super().setup()
        if not self.owner._register(self.connection):
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self.owner._unregister(self.connection)

    def handle(self) -> None:
        with contextlib.suppress(OSError):
            super().handle()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a test shows its own output, not an access log."""

    def __getattr__(self, name: str) -> Any:
        # BaseHTTPRequestHandler answers a method without a do_<METHOD> with its own 501 HTML page; every method
        # (TRACE, DELETE, a made-up one) reaches the owner instead, which answers as the server it plays would.
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):  # trailers, then the blank line
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()  # the CRLF after each chunk
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _dispatch(self) -> None:
        method, raw_path = self.requestline.split()[:2]  # self.path may be normalised ("//a" -> "/a")
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        try:
            body = self._read_body()
        except ValueError:  # a Content-Length or chunk size that is not a number
            self.send_error(400, "Malformed request body framing")
            return
        self.owner._answer_request(self, RecordedRequest._arrived(method, raw_path, headers, body))
