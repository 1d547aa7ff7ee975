"""The response side of the policy: httpx response hooks, inert outside our attempts.

They refuse a redirect (never followed, so a credential never goes to another host) and a body declared larger
than the limit, keep the response as httpx received it on the attempt, and, on a caller's sync client, arm the
deadline watchdog on its connection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from ._attempt import _ACTIVE_ATTEMPT, Attempt
from ._bodies import ResponseTooLarge
from ._constants import SHOWN_URL_CHARS


class RedirectRefused(Exception):
    """The server answered with a redirect, which we never follow."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.status_code = response.status_code
        self.location = response.headers.get("location", "")
        super().__init__(f"redirect {response.status_code} refused (Location: {self.location[:SHOWN_URL_CHARS]})")


def _check_response(response: httpx.Response, current: Attempt) -> None:
    """Refuse a redirect, or a body declared larger than the limit (a declared length only ever refuses: the
    bytes are counted as they are read, whatever the headers say)."""
    if response.is_redirect:
        raise RedirectRefused(response)
    declared = response.headers.get("content-length")
    if declared is not None and declared.isdigit():
        limit = current.limits.max_response_bytes
        if int(declared) > limit:
            raise ResponseTooLarge(limit, int(declared), response.status_code)


def _checked_attempt(response: httpx.Response) -> Attempt | None:
    """The storefronts attempt a sync ``response`` answers, its headers checked (closed and raised when they refuse
    it); None outside our calls."""
    current = _ACTIVE_ATTEMPT.get()
    if current is None:
        return None
    try:
        _check_response(response, current)
    except Exception:
        response.close()
        raise
    return current


def _on_response(response: httpx.Response) -> None:
    """A caller's sync client: its transport is not ours, so the watchdog bounds the time after the headers."""
    current = _checked_attempt(response)
    if current is not None:
        current.watch(response)
        current.response = response


def _on_own_response(response: httpx.Response) -> None:
    """The sync client we make: its transport bounds every socket operation by the deadline, no watchdog needed."""
    current = _checked_attempt(response)
    if current is not None:
        current.response = response


async def _on_response_async(response: httpx.Response) -> None:
    current = _ACTIVE_ATTEMPT.get()
    if current is None:
        return
    try:
        _check_response(response, current)
    except Exception:
        await response.aclose()
        raise
    current.response = response  # the deadline is asyncio.timeout's, around the whole attempt


def install_hooks(client: httpx.Client | httpx.AsyncClient, *, owned: bool) -> None:
    """Add our response hook to ``client`` unless it is there; it is inert outside storefronts calls."""
    hooks = client.event_hooks
    if isinstance(client, httpx.AsyncClient):
        response_hook: Callable[[httpx.Response], Any] = _on_response_async
    else:
        response_hook = _on_own_response if owned else _on_response
    if response_hook not in hooks["response"]:
        hooks["response"].append(response_hook)
        client.event_hooks = hooks
