"""The sync transport of the httpx client we make: every socket operation bounded by the attempt's deadline.

A read timeout bounds one ``recv``, not an attempt: a server that sends its status line a byte at a time, or an
endless run of ``100 Continue`` responses (httpcore reads past every informational response), keeps each read
inside the timeout and the call open forever. Here each connect, TLS handshake, read and write of one of our
attempts waits at most the time its attempt has left, and an attempt past its deadline fails at its next socket
operation. That is what ``asyncio.timeout`` gives the async twin, without a thread.

Imported when the first sync ``Client`` makes its own httpx client: httpcore is not part of ``import storefronts``.
"""

from __future__ import annotations

import time
import typing

import httpcore
import httpx

from ._attempt import active_attempt

_TimeoutError = type[httpcore.ConnectTimeout] | type[httpcore.ReadTimeout] | type[httpcore.WriteTimeout]


def _time_left(timeout: float | None, error: _TimeoutError) -> float | None:
    """The phase's timeout, cut to what the active attempt has left; past the deadline, ``error``."""
    current = active_attempt()
    if current is None:
        return timeout
    left = current.deadline - time.monotonic()
    if left <= 0:
        raise error(f"the attempt's {current.limits.attempt_budget_s}s ran out")
    return left if timeout is None or timeout > left else timeout


class _DeadlineStream(httpcore.NetworkStream):
    __slots__ = ("_stream",)

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: typing.Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname, _time_left(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _time_left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_tcp(host, port, timeout, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: typing.Iterable[typing.Any] | None = None
    ) -> httpcore.NetworkStream:
        timeout = _time_left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's own transport and pool, with the deadline between the pool and its sockets.

    httpx takes no network backend, so the pool's is wrapped in place (one private attribute of httpcore's
    ``ConnectionPool``, read when a connection is opened; a test checks it is there). The httpx client we make
    with this transport does not read proxy settings from the environment: pass your own ``http_client``.
    """

    def __init__(self, *, limits: httpx.Limits) -> None:
        super().__init__(limits=limits)
        pool = self._pool
        pool._network_backend = _DeadlineBackend(pool._network_backend)

    @property
    def network_backend(self) -> httpcore.NetworkBackend:
        return self._pool._network_backend
