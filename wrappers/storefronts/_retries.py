"""When to retry and how long to wait: pure functions, no I/O."""

from __future__ import annotations

import email.utils
import math
import random
import time

import httpx

from ._constants import INITIAL_RETRY_DELAY_S, MAX_RETRY_DELAY_S, RETRY_JITTER, RETRYABLE_STATUS_CODES


def backoff_delay(retries_done: int) -> float:
    """Exponential backoff with jitter: ``INITIAL_RETRY_DELAY_S``, doubling after each retry, capped at
    ``MAX_RETRY_DELAY_S``, each cut by up to ``RETRY_JITTER`` of itself."""
    delay = min(INITIAL_RETRY_DELAY_S * (2.0**retries_done), MAX_RETRY_DELAY_S)
    return delay * (1.0 - RETRY_JITTER * random.random())  # noqa: S311 - jitter, not cryptography


def retry_after_seconds(headers: httpx.Headers, *, now: float | None = None) -> float | None:
    """The wait a response asks for: ``retry-after-ms``, else ``Retry-After`` as seconds or an HTTP-date."""
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            value = float(milliseconds) / 1000.0
        except ValueError:
            value = math.nan
        if math.isfinite(value) and value >= 0:
            return value
    header = headers.get("retry-after")
    if header is None:
        return None
    header = header.strip()
    try:
        seconds = float(header)
    except ValueError:
        # a date the datetime range cannot hold (an absurd year or zone offset) raises OverflowError: unreadable
        try:
            when = email.utils.parsedate_to_datetime(header)
            if when.tzinfo is None:  # an HTTP-date is always GMT; parsedate gives naive for "-0000"
                return None
            moment = when.timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        return max(0.0, moment - (time.time() if now is None else now))
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def is_retryable_status(status_code: int) -> bool:
    return status_code in RETRYABLE_STATUS_CODES
