"""One attempt of a call: its limits, its deadline, and the context variable that marks its requests as ours."""

from __future__ import annotations

import contextvars
import time
from typing import Self

import httpx

from ._constants import MAX_SINGLE_WAIT_S
from ._watchdog import _Watchdog


class CallLimits:  # not a dataclass: making a dataclass slows `import storefronts` (docs/performance.md)
    """The limits every attempt of one call runs under.

    ``transport_timeout`` is ``timeout`` with every phase bounded by the attempt's budget (a phase left at
    ``None`` gets the budget) and by ``MAX_SINGLE_WAIT_S``: what httpx is given, so no single wait is unbounded.
    """

    __slots__ = ("attempt_budget_s", "max_response_bytes", "timeout", "transport_timeout")

    def __init__(self, timeout: httpx.Timeout, attempt_budget_s: float, max_response_bytes: int) -> None:
        self.timeout = timeout
        self.attempt_budget_s = attempt_budget_s
        self.max_response_bytes = max_response_bytes
        self.transport_timeout = _bounded_timeout(timeout, attempt_budget_s)


def _bounded_timeout(timeout: httpx.Timeout, budget_s: float) -> httpx.Timeout:
    bound = min(budget_s, MAX_SINGLE_WAIT_S)
    phases = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    if all(phase is not None and phase <= bound for phase in phases):
        return timeout  # the same object: a client made with it needs no per-request timeout
    connect, read, write, pool = (bound if phase is None or phase > bound else phase for phase in phases)
    return httpx.Timeout(connect=connect, read=read, write=write, pool=pool)


class Attempt:
    """One attempt in flight: its limits, its deadline, and the response as httpx received it (kept by our
    response hook, so the caller gets the real ``httpx.Response``, request and all, on errors).

    ``with Attempt(limits) as sent:`` marks the requests sent inside as ours for the hooks and the transport;
    the deadline starts when the attempt is made. Leaving the block disarms the deadline watchdog, and turns the
    transport error of a connection the watchdog shut into the timeout it stands for.
    """

    __slots__ = ("_token", "_watchdog", "deadline", "limits", "response")

    def __init__(self, limits: CallLimits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.attempt_budget_s
        self.response: httpx.Response | None = None
        self._watchdog: _Watchdog | None = None

    def __enter__(self) -> Self:
        self._token = _ACTIVE_ATTEMPT.set(self)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        _ACTIVE_ATTEMPT.reset(self._token)
        watchdog = self._watchdog
        if watchdog is not None:
            watchdog.cancel()
            if watchdog.fired and isinstance(exc, httpx.TransportError):
                raise self.timeout() from None

    def watch(self, response: httpx.Response) -> None:
        """Arm the watchdog on the response's connection (when there is a socket to reach). An auth flow sends
        more than one request in an attempt: the previous response's watchdog is disarmed first, so none is left
        armed on a connection that goes back to the caller's pool."""
        previous = self._watchdog
        if previous is not None:
            previous.cancel()
        self._watchdog = _Watchdog.for_response(response, self.deadline)

    @property
    def watchdog_fired(self) -> bool:
        return self._watchdog is not None and self._watchdog.fired

    def timeout(self) -> httpx.ReadTimeout:
        return httpx.ReadTimeout(f"the response did not arrive within the attempt's {self.limits.attempt_budget_s}s")


_ACTIVE_ATTEMPT: contextvars.ContextVar[Attempt | None] = contextvars.ContextVar(
    "storefronts_active_attempt", default=None
)


def active_attempt() -> Attempt | None:
    return _ACTIVE_ATTEMPT.get()
