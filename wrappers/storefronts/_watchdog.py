"""The deadline watchdog: how an attempt through a caller's sync httpx client ends at its deadline.

The httpx client we make bounds every socket operation by the attempt's deadline (``_deadline.py``). A caller's
client has its own transport, where a body that trickles in (each piece inside the read timeout, the whole past
the budget) would keep a read blocked; there, the attempt arms a watchdog on the response's socket once the
headers are in (``Attempt.watch``), and one thread shuts the socket down at the deadline.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import math
import os
import socket
import threading
import time
from typing import Any

import httpx

from ._constants import MAX_SINGLE_WAIT_S

# A sweep rebuilds the whole heap: it waits until the disarmed entries outnumber the armed ones by this many, so a
# handful of calls in flight never pay for a sweep on every arm.
_SWEEP_SLACK = 64


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

    Arming and disarming take a lock and a heap push, where a ``threading.Timer`` per attempt started a thread
    on every call (docs/performance.md). A disarmed entry leaves the heap lazily: when it reaches the top, or in a
    sweep once disarmed entries outnumber armed ones. No deadline, however far, can stop the thread: it sleeps at
    most ``MAX_SINGLE_WAIT_S`` at a time (a longer wait overflows the OS timer), and one that has
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
            if len(self._heap) > 2 * len(self._armed) + _SWEEP_SLACK:
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
