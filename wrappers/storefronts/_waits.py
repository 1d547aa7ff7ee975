"""How the client twins wait between attempts: one switchable place, so a test suite can retry without waiting.

``storefronts.testing.instant_retries()`` swaps the waiter for one that records each wait and returns at once; the
retry decisions (which attempt, how long, Retry-After) are unchanged, so a suite still sees exactly what a
production call would wait. The swap is process-wide, because a client's calls may run on any thread or task.
"""

from __future__ import annotations

import threading
import time


class Waiter:
    """Waits for real: ``time.sleep`` in ``Client``, ``asyncio.sleep`` in ``AsyncClient``."""

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        import asyncio  # noqa: PLC0415 - asyncio is slow to import (docs/performance.md); only async callers pay it

        await asyncio.sleep(seconds)


_lock = threading.Lock()
_current: Waiter = Waiter()


def sleep(seconds: float) -> None:
    _current.sleep(seconds)


async def asleep(seconds: float) -> None:
    await _current.asleep(seconds)


def swap(waiter: Waiter) -> Waiter:
    """Make ``waiter`` the one every client uses from now on; returns the one it replaces."""
    global _current
    with _lock:
        previous, _current = _current, waiter
    return previous
