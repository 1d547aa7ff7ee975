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
        assert (request.method, request.raw_path, request.json) == ("PUT", "/orders/1", {"note": "hi"})

Replies:
    ``server.replies`` is a FIFO list of :class:`Reply`; each request consumes the head (a reply with
    ``repeat=n`` serves ``n`` requests before it is popped, ``repeat=-1`` stays forever). When the list is empty,
    ``server.default_reply`` answers (a 404 with a JSON body naming the problem, unless replaced). Besides a status,
    headers and a body, a reply can misbehave on purpose: wait before the status line
    (``delay_before_headers``), hang up without answering (``close_before_status``), reset the connection half-way
    through the body (``reset_mid_body``), or send the body slowly (``trickle``).

Requests:
    ``server.requests`` is a snapshot (a new list on every access, safe while handler threads append) of every
    request received, in arrival order, as :class:`RecordedRequest`: the shipped sandbox's own class
    (:class:`storefronts.testing.RecordedRequest`), so a test reads a request the same way from either server
    (``request.json`` is the parsed body, None when it is empty or not JSON). A request is recorded as soon as its
    body has been read, before the reply is sent, so it is there even when the reply is a hang-up.

Shutdown and the server plumbing (a thread per connection, keep-alive, the listen backlog) are the shipped
sandbox's, :mod:`storefronts.testing._loopback`: leaving the ``with`` block stops accepting, wakes every handler
sleeping in a delay or a trickle, and shuts down every open connection, so a test never hangs on exit.
"""

from __future__ import annotations

import json as _json
import socket
import struct
from dataclasses import dataclass, field
from typing import Any

from storefronts.testing._loopback import HOST, LoopbackServerBase, RecordedRequest, RequestHandler

__all__ = ["LoopbackServer", "RecordedRequest", "Reply"]


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


def _not_scripted_reply() -> Reply:
    return Reply(status=404, json={"error": "LoopbackServer: no scripted reply left for this request"})


class LoopbackServer(LoopbackServerBase):
    """A real HTTP/1.1 server on ``127.0.0.1`` answering from :attr:`replies`; see the module docstring."""

    _thread_name = "LoopbackServer"

    def __init__(self, *, default_reply: Reply | None = None) -> None:
        super().__init__()
        self.replies: list[Reply] = []
        self.default_reply: Reply = default_reply if default_reply is not None else _not_scripted_reply()
        self._requests: list[RecordedRequest] = []
        self._head: Reply | None = None  # the reply at replies[0] when it was last served ...
        self._head_served = 0  # ... and how many times it has been served

    # -- what tests read -------------------------------------------------------------------------------------

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

    def _answer_request(self, handler: RequestHandler, request: RecordedRequest) -> None:
        reply = self._record(request)
        if reply.close_before_status or not self._sleep(reply.delay_before_headers):
            handler.close_connection = True
            return
        body, content_type = reply.payload()
        handler.send_response(reply.status, reply.reason)
        if content_type is not None:
            handler.send_header("Content-Type", content_type)
        if reply.chunked:
            handler.send_header("Transfer-Encoding", "chunked")
        else:
            handler.send_header("Content-Length", str(len(body)))
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        if request.method == "HEAD":
            return
        if reply.chunked:
            self._send_chunked(handler, body, reply)
            return
        if reply.reset_mid_body:
            handler.wfile.write(body[: len(body) // 2])
            handler.wfile.flush()
            _reset_connection(handler)
            return
        if reply.trickle is None:
            handler.wfile.write(body)
            return
        size, pause = reply.trickle
        for start in range(0, len(body), size):
            if start and not self._sleep(pause):
                handler.close_connection = True
                return
            handler.wfile.write(body[start : start + size])
            handler.wfile.flush()

    def _send_chunked(self, handler: RequestHandler, body: bytes, reply: Reply) -> None:
        size, pause = reply.trickle if reply.trickle is not None else (64 * 1024, 0.0)
        view = memoryview(body)  # slices of a view: a 20 MiB body is not copied chunk by chunk
        for start in range(0, len(body), size):
            if start and not self._sleep(pause):
                handler.close_connection = True
                return
            chunk = view[start : start + size]
            handler.wfile.write(b"%x\r\n" % len(chunk))
            handler.wfile.write(chunk)
            handler.wfile.write(b"\r\n")
        handler.wfile.write(b"0\r\n\r\n")


def _reset_connection(handler: RequestHandler) -> None:
    """Close with SO_LINGER 0, so the kernel sends RST instead of FIN: a connection reset by the peer."""
    handler.close_connection = True
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.rfile.close()  # the socket's file descriptor is only released once its makefile() reader is closed
    handler.connection.close()
