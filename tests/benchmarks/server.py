"""A minimal, fast HTTP/1.1 loopback server in its own process, so its CPU never shares the client's GIL.

It answers every request with one pre-serialised bitbybit 200 (keep-alive): a path containing ``/large`` gets the
1,000-line-item order, anything else the small one. It parses only what framing needs (the end of the headers and
Content-Length), so almost all of each round trip's time is the client's. A path containing ``/__connections``
gets the number of connections accepted so far, as the body (what a shared pool must keep bounded).
"""

from __future__ import annotations

import asyncio
import multiprocessing
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Self

from .payloads import LARGE_BODY, SMALL_BODY, http_response

HOST = "127.0.0.1"
_SMALL = http_response(SMALL_BODY)
_LARGE = http_response(LARGE_BODY)
_accepted = 0  # connections accepted since the server started


class _Protocol(asyncio.Protocol):
    def __init__(self) -> None:
        self._buffer = bytearray()
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        global _accepted
        _accepted += 1

    def data_received(self, data: bytes) -> None:
        buffer = self._buffer
        buffer += data
        while True:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(buffer[:end]).lower()
            length = 0
            at = head.find(b"\r\ncontent-length:")
            if at >= 0:
                line_end = head.find(b"\r\n", at + 2)
                length = int(head[at + 17 : line_end if line_end >= 0 else len(head)])
            total = end + 4 + length
            if len(buffer) < total:
                return
            request_line = head[: head.find(b"\r\n")] if b"\r\n" in head else head
            del buffer[:total]
            assert self._transport is not None
            if b"/__connections" in request_line:
                self._transport.write(http_response(str(_accepted).encode()))
            else:
                self._transport.write(_LARGE if b"/large" in request_line else _SMALL)


def _serve(conn: Connection) -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(_Protocol, HOST, 0, backlog=256)
        conn.send(server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    asyncio.run(main())


class BenchServer:
    """``with BenchServer() as server: server.base_url`` -- the server process lives for the ``with`` block."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True, name="bench-server")
        self._process.start()
        if not parent.poll(30):
            self.close()
            raise RuntimeError("the benchmark server did not start within 30 s")
        self.port: int = parent.recv()
        self.base_url = f"http://{HOST}:{self.port}"

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(10)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
