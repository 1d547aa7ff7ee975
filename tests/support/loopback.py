"""A real HTTP/1.1 server on 127.0.0.1 for tests: scripted replies in, recorded requests out.

Mocks of the transport (respx, ``httpx.MockTransport``) never open a socket, so they cannot show what really
reaches a server: the percent-encoding of a path, the headers after httpx has merged them, a connection that
breaks half-way through a body. ``LoopbackServer`` is a stdlib ``ThreadingHTTPServer`` in a daemon thread, on a
free port, speaking HTTP/1.1 with keep-alive::

    from tests.support.loopback import LoopbackServer, Reply

    with LoopbackServer() as server:
        server.replies.append(Reply(status=200, json={"ok": True}))
        httpx.put(f"{server.base_url}/orders/1", json={"note": "hi"})
        request = server.requests[0]
        assert (request.method, request.raw_path, request.json()) == ("PUT", "/orders/1", {"note": "hi"})

Replies:
    ``server.replies`` is a FIFO list of :class:`Reply`; each request consumes the head (a reply with
    ``repeat=n`` serves ``n`` requests before it is popped, ``repeat=-1`` stays forever). When the list is empty,
    ``server.default_reply`` answers (a 404 with a JSON body naming the problem, unless replaced). Besides a status,
    headers and a body, a reply can misbehave on purpose: wait before the status line
    (``delay_before_headers``), hang up without answering (``close_before_status``), reset the connection half-way
    through the body (``reset_mid_body``), or send the body slowly (``trickle``).

Requests:
    ``server.requests`` is a snapshot (a new list on every access, safe while handler threads append) of every
    request received, in arrival order, as :class:`RecordedRequest`. A request is recorded as soon as its body has
    been read, before the reply is sent, so it is there even when the reply is a hang-up.

Shutdown:
    Leaving the ``with`` block (or :meth:`LoopbackServer.close`) stops accepting, wakes every handler that is
    sleeping in a delay or a trickle, shuts down every open connection (idle keep-alive ones included) and joins
    the threads, so a test never hangs on exit, even if a scripted delay is longer than the test.
"""

from __future__ import annotations

import contextlib
import json as _json
import socket
import struct
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self, cast
from urllib.parse import unquote, urlsplit

__all__ = ["LoopbackServer", "RecordedRequest", "Reply"]

HOST = "127.0.0.1"
# How long close() waits for the serving thread and each handler thread once they have been told to stop.
_JOIN_TIMEOUT_S = 5.0
# How often serve_forever() looks at its shutdown flag: also the longest close() waits for the accept loop.
_POLL_INTERVAL_S = 0.05


@dataclass
class Reply:
    """One scripted answer. Every field is optional: ``Reply()`` is a ``200`` with an empty body.

    Attributes:
        status: the HTTP status code.
        reason: the reason phrase on the status line, sent as given (default: the standard one for ``status``).
        json: a value to serialise as the body, with ``Content-Type: application/json``. ``None`` means no JSON
            body (to send a JSON ``null``, use ``body=b"null"``).
        body: the raw body bytes, sent as given (no Content-Type unless ``content_type`` or ``headers`` set one).
            At most one of ``json`` and ``body``.
        headers: extra response headers; they are sent after (and so can repeat) the ones the server derives.
        content_type: the Content-Type header, overriding the one ``json`` implies.
        delay_before_headers: seconds to wait, once the request has been read, before sending the status line.
        close_before_status: read the request, then close the connection without sending a single byte.
        reset_mid_body: send the headers (with the full Content-Length) and half the body, then reset the
            connection (``SO_LINGER`` 0 and close: the client sees a TCP RST, not a clean end of stream).
        trickle: ``(n, seconds)``: send the body in chunks of ``n`` bytes, sleeping ``seconds`` between chunks.
        chunked: send the body with ``Transfer-Encoding: chunked`` and no Content-Length (64 KiB chunks, or the
            ``trickle`` size), so a client cannot know its length before reading it.
        repeat: how many requests this reply answers before it leaves ``server.replies``; ``-1``: all of them.
    """

    status: int = 200
    reason: str | None = None
    json: Any = None
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None
    delay_before_headers: float = 0
    close_before_status: bool = False
    reset_mid_body: bool = False
    trickle: tuple[int, float] | None = None
    chunked: bool = False
    repeat: int = 1

    def __post_init__(self) -> None:
        if self.json is not None and self.body is not None:
            raise ValueError("a Reply takes json= or body=, not both")
        if self.repeat == 0 or self.repeat < -1:
            raise ValueError(f"repeat must be a positive count or -1 (forever), not {self.repeat}")
        if self.trickle is not None and self.trickle[0] < 1:
            raise ValueError(f"trickle chunk size must be at least 1 byte, not {self.trickle[0]}")

    def payload(self) -> tuple[bytes, str | None]:
        """The body bytes and the Content-Type header this reply sends (``None``: no Content-Type)."""
        if self.body is not None:
            return self.body, self.content_type
        if self.json is not None:
            return _json.dumps(self.json).encode("utf-8"), self.content_type or "application/json"
        return b"", self.content_type


@dataclass(frozen=True)
class RecordedRequest:
    """A request as it arrived on the socket.

    Attributes:
        method: the method on the request line (``"PUT"``).
        raw_path: the request target exactly as on the request line, not decoded (``"/orders/a%2Fb?x=1"``).
        headers: the request headers, names lower-cased; a repeated header's values are joined with ``", "``.
        body: the request body (chunked transfer encoding already decoded).
    """

    method: str
    raw_path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        """The body parsed as JSON (``json.JSONDecodeError`` if it is not)."""
        return _json.loads(self.body)

    @property
    def path(self) -> str:
        """The path part of :attr:`raw_path`, percent-decoded (``"/orders/a/b"``): for readable assertions only."""
        return unquote(urlsplit(self.raw_path).path)

    @property
    def query(self) -> str:
        """The query string of :attr:`raw_path`, as sent (without the ``?``)."""
        return urlsplit(self.raw_path).query


def _not_scripted_reply() -> Reply:
    return Reply(status=404, json={"error": "LoopbackServer: no scripted reply left for this request"})


class LoopbackServer:
    """A real HTTP/1.1 server on ``127.0.0.1`` answering from :attr:`replies`; see the module docstring."""

    def __init__(self, *, default_reply: Reply | None = None) -> None:
        self.replies: list[Reply] = []
        self.default_reply: Reply = default_reply if default_reply is not None else _not_scripted_reply()
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._head: Reply | None = None  # the reply at replies[0] when it was last served ...
        self._head_served = 0  # ... and how many times it has been served
        self._connections: set[socket.socket] = set()
        self._handler_threads: set[threading.Thread] = set()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------------------

    def start(self) -> Self:
        """Bind a free port on 127.0.0.1 and serve in a daemon thread. Returns ``self``."""
        if self._httpd is not None:
            raise RuntimeError("LoopbackServer is already running")
        self._stopping.clear()
        httpd = _HTTPServer((HOST, 0), _Handler, self)
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": _POLL_INTERVAL_S},
            name=f"LoopbackServer:{self.port}",
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
            self._stopping.set()  # wakes handlers in delays and trickles; new connections are closed on arrival
            connections = list(self._connections)
            handlers = list(self._handler_threads)
        httpd.shutdown()
        for connection in connections:  # unblocks handlers waiting for the next request on a keep-alive socket
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        httpd.server_close()
        thread.join(_JOIN_TIMEOUT_S)
        for handler in handlers:
            handler.join(_JOIN_TIMEOUT_S)
        self._httpd = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- what tests read -------------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        """The port the server listens on."""
        if self._httpd is None:
            raise RuntimeError("LoopbackServer is not running: use it as a context manager or call start()")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """``"http://127.0.0.1:<port>"``, no trailing slash."""
        return f"http://{HOST}:{self.port}"

    def url(self, path: str = "/") -> str:
        """:attr:`base_url` joined with ``path`` (which should start with ``/``)."""
        return self.base_url + path

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in arrival order (a copy: safe to keep while the server runs)."""
        with self._lock:
            return list(self._requests)

    def clear(self) -> None:
        """Forget the recorded requests and the scripted replies (``default_reply`` stays)."""
        with self._lock:
            self._requests.clear()
            self.replies.clear()
            self._head, self._head_served = None, 0

    # -- used by the handler threads -------------------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> Reply:
        """Record ``request`` and take the reply for it, in one step so arrival order and reply order agree."""
        with self._lock:
            self._requests.append(request)
            if not self.replies:
                return self.default_reply
            head = self.replies[0]
            if head is not self._head:
                self._head, self._head_served = head, 0
            self._head_served += 1
            if head.repeat != -1 and self._head_served >= head.repeat:
                self.replies.pop(0)
                self._head, self._head_served = None, 0
            return head

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

    def _sleep(self, seconds: float) -> bool:
        """Sleep unless the server stops first; True when the full time passed and the script should go on."""
        return seconds <= 0 or not self._stopping.wait(seconds)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # port 0 gives a fresh port: never share one with a lingering socket

    def __init__(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], loopback: LoopbackServer
    ) -> None:
        self.loopback = loopback
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients in tests hang up and time out on purpose: a broken connection is not worth a traceback."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: connections are reused, as httpx does with a real server
    # headers and body go out in separate writes: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms per reuse
    disable_nagle_algorithm = True

    @property
    def _loopback(self) -> LoopbackServer:
        return cast(_HTTPServer, self.server).loopback

    def setup(self) -> None:
        super().setup()
        if not self._loopback._register(self.connection):
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self._loopback._unregister(self.connection)

    def handle(self) -> None:
        with contextlib.suppress(OSError):
            super().handle()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: pytest shows the test's own output, not an access log."""

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
        return self.rfile.read(length) if length else b""

    def _answer(self) -> None:
        method, raw_path = self.requestline.split()[:2]  # self.path may be normalised ("//a" -> "/a")
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        reply = self._loopback._record(RecordedRequest(method, raw_path, headers, self._read_body()))

        if reply.close_before_status or not self._loopback._sleep(reply.delay_before_headers):
            self.close_connection = True
            return
        body, content_type = reply.payload()
        self.send_response(reply.status, reply.reason)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        if reply.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if method == "HEAD":
            return
        if reply.chunked:
            self._send_chunked(body, reply)
            return

        if reply.reset_mid_body:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self._reset_connection()
            return
        if reply.trickle is None:
            self.wfile.write(body)
            return
        size, pause = reply.trickle
        for start in range(0, len(body), size):
            if start and not self._loopback._sleep(pause):
                self.close_connection = True
                return
            self.wfile.write(body[start : start + size])
            self.wfile.flush()

    def _send_chunked(self, body: bytes, reply: Reply) -> None:
        size, pause = reply.trickle if reply.trickle is not None else (64 * 1024, 0.0)
        view = memoryview(body)  # slices of a view: a 20 MiB body is not copied chunk by chunk
        for start in range(0, len(body), size):
            if start and not self._loopback._sleep(pause):
                self.close_connection = True
                return
            chunk = view[start : start + size]
            self.wfile.write(b"%x\r\n" % len(chunk))
            self.wfile.write(chunk)
            self.wfile.write(b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def _reset_connection(self) -> None:
        """Close with SO_LINGER 0, so the kernel sends RST instead of FIN: a connection reset by the peer."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()  # the socket's file descriptor is only released once its makefile() reader is closed
        self.connection.close()

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _answer
