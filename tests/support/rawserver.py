"""A TCP server on 127.0.0.1 that answers at the byte level, scripted per connection, for hostile-server tests.

``LoopbackServer`` speaks correct HTTP through ``http.server``; this one sends whatever bytes a test gives it,
so framing can be wrong on purpose (a Content-Length that lies, chunked framing that breaks, a status line that
never ends)::

    from tests.support.rawserver import RawServer, reply

    with RawServer() as server:
        server.script = reply(b"HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\n{}")
        httpx.get(server.base_url)

``server.script`` is called once per connection, in that connection's own thread, with a :class:`RawConnection`;
``server.scripts`` (a FIFO list) overrides it for the next connections, one each. A script reads the request
(``conn.read_request()``), sends bytes, waits (``conn.wait(seconds)``: cut short when the server closes) and
returns; the connection is then closed gracefully (our end shut for writing, the client's remaining bytes
drained), so the client sees the end of the stream and never a reset it was not scripted to see.

Leaving the ``with`` block stops accepting, wakes every script that waits, shuts every connection and joins the
threads.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Self

__all__ = ["RawConnection", "RawServer", "Script", "reply"]

HOST = "127.0.0.1"
_JOIN_TIMEOUT_S = 5.0
# How long a closing connection waits for the client to finish sending before it is closed anyway.
_DRAIN_TIMEOUT_S = 1.0
_RECV_BYTES = 65536


class RawConnection:
    """One accepted connection, as a script sees it."""

    def __init__(self, sock: socket.socket, stopping: threading.Event, index: int) -> None:
        self.sock = sock
        self.index = index  # 0 for the server's first connection, 1 for the next, ...
        self._stopping = stopping
        self._buffer = b""

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def read_request(self) -> bytes | None:
        """One whole request (head and Content-Length body), or None when the client closed first."""
        while b"\r\n\r\n" not in self._buffer:
            if not self._fill():
                return None
        head, _, rest = self._buffer.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(rest) < length:
            if not self._fill():
                return None
            rest = self._buffer.partition(b"\r\n\r\n")[2]
        self._buffer = rest[length:]
        return head + b"\r\n\r\n" + rest[:length]

    def _fill(self) -> bool:
        try:
            data = self.sock.recv(_RECV_BYTES)
        except OSError:
            return False
        self._buffer += data
        return bool(data)

    def send(self, data: bytes) -> bool:
        """Send ``data``; False once the client has gone."""
        try:
            self.sock.sendall(data)
        except OSError:
            return False
        return True

    def wait(self, seconds: float) -> bool:
        """Sleep, unless the server is closing; False when it is."""
        return not self._stopping.wait(seconds)


Script = Callable[[RawConnection], None]


def reply(data: bytes, *, keep_alive: bool = False) -> Script:
    """A script that answers every request of its connection with ``data`` (one request unless ``keep_alive``)."""

    def script(conn: RawConnection) -> None:
        while conn.read_request() is not None:
            if not conn.send(data) or not keep_alive:
                return

    return script


class RawServer:
    def __init__(self, script: Script | None = None) -> None:
        self.script: Script = script or reply(b"HTTP/1.1 500 Not Scripted\r\nContent-Length: 0\r\n\r\n")
        self.scripts: list[Script] = []
        self.connections = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._open: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._listener = socket.create_server((HOST, 0), backlog=128)
        self._acceptor = threading.Thread(target=self._accept, name="raw-server", daemon=True)

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> Self:
        self._acceptor.start()
        return self

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._stopping.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        self._acceptor.join(_JOIN_TIMEOUT_S)
        with self._lock:
            open_now = list(self._open)
            threads = list(self._threads)
        for sock in open_now:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(_JOIN_TIMEOUT_S)

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                index = self.connections
                self.connections += 1
                script = self.scripts.pop(0) if self.scripts else self.script
                self._open.add(sock)
                self._threads = [thread for thread in self._threads if thread.is_alive()]
                thread = threading.Thread(target=self._serve, args=(sock, script, index), daemon=True)
                self._threads.append(thread)
            thread.start()

    def _serve(self, sock: socket.socket, script: Script, index: int) -> None:
        try:
            script(RawConnection(sock, self._stopping, index))
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_WR)
                sock.settimeout(_DRAIN_TIMEOUT_S)
                while sock.recv(_RECV_BYTES):
                    pass
            sock.close()
            with self._lock:
                self._open.discard(sock)
