"""The httpx client a facade client and its ``with_options`` copies share, and its state (closed, forked, loop)."""

from __future__ import annotations

import os
from collections.abc import Callable

import httpx

from .errors import ClientStateError


class Connections:
    """The httpx client one facade client and its ``with_options`` copies send through, and its state.

    Checked before every call (``ready``), so a client that cannot send says why with a ``ClientStateError``
    instead of httpx's ``RuntimeError`` halfway through:
    - closed: by ``close()`` of the client that made it (a copy's ``close()`` closes only the copy), or an
      ``http_client`` the caller closed;
    - forked: a pooled connection inherited by a child process is the parent's too, so two processes would read
      each other's responses. The httpx client we made is replaced in the child, the inherited one dropped
      without being closed (closing would talk on the parent's connections). A caller's ``http_client`` is not
      ours to replace: a call through it from a child is refused;
    - (async) bound to the event loop of its first call: its connections belong to that loop.
    """

    __slots__ = ("_make", "closed", "http", "loop", "made_with", "pid")

    def __init__(
        self,
        http: httpx.Client | httpx.AsyncClient,
        *,
        make: Callable[[], httpx.Client | httpx.AsyncClient] | None,
        made_with: httpx.Timeout | None,
    ) -> None:
        self.http = http
        self._make = make
        self.made_with = made_with
        self.closed = False
        self.pid = os.getpid()
        self.loop: object = None

    @property
    def owned(self) -> bool:
        return self._make is not None

    def ready(self, client: object, copy_closed: bool) -> None:
        if copy_closed or self.closed:
            raise ClientStateError(f"{client!r} is closed{'' if copy_closed else ' (the client it was copied from)'}")
        if self.pid != os.getpid():
            self._forked(client)
        if self.http.is_closed:
            raise ClientStateError(f"the http_client given to {client!r} is closed")

    def ready_async(self, client: object, copy_closed: bool, loop: object) -> None:
        self.ready(client, copy_closed)
        if self.loop is None:
            self.loop = loop
        elif loop is not self.loop:
            raise ClientStateError(
                f"{client!r} is used from another event loop than its first call's: its connections belong to "
                "that loop. Make one AsyncClient per event loop (per asyncio.run())."
            )

    def _forked(self, client: object) -> None:
        if self._make is None:
            raise ClientStateError(
                f"{client!r} was made in process {self.pid} and is used in process {os.getpid()}, after a fork: "
                "the http_client you passed may hold the parent's connections, and sharing one lets a process read "
                "the other's responses. Make the httpx client and the storefronts client in each child."
            )
        self.http = self._make()  # the inherited client is dropped, not closed: its connections are the parent's
        self.pid = os.getpid()
        self.loop = None
