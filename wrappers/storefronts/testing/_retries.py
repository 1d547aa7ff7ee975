"""Retries without waiting, for test suites (ours and downstream): see :func:`instant_retries`."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

# The one facade module this package reaches: the wait switch. It holds no vendor knowledge, so the sandbox still
# shares nothing with the adapters or the generated clients that it is there to check.
from storefronts import _waits


class _RecordingWaiter(_waits.Waiter):
    def __init__(self, waits: list[float]) -> None:
        self._waits = waits
        self._lock = threading.Lock()

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self._waits.append(seconds)

    async def asleep(self, seconds: float) -> None:
        import asyncio  # noqa: PLC0415 - only async callers pay for asyncio

        self.sleep(seconds)
        await asyncio.sleep(0)  # still a checkpoint: other tasks run, and a cancellation lands here as it would


@contextlib.contextmanager
def instant_retries() -> Iterator[list[float]]:
    """Within the block, every client retries at once instead of waiting; yields the waits it skipped, in seconds.

    The decisions are the real ones (backoff with jitter, Retry-After, the cap beyond which a call raises instead
    of waiting), so a test can assert on them::

        with instant_retries() as waits:
            server.fail_next(1, status=503, retry_after=30)
            client.update_order("ord_1", notes="...")
        assert waits == [30.0]
    """
    waits: list[float] = []
    previous = _waits.swap(_RecordingWaiter(waits))
    try:
        yield waits
    finally:
        _waits.swap(previous)
