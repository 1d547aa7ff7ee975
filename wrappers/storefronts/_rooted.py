"""The transport policy applied to every request storefronts sends, whether through our httpx client or the caller's.

The generated endpoints send through :class:`RootedClient`, which sees only our requests, and an httpx response
hook that acts only while one of our attempts is active (a context variable, ``_attempt.py``), so a client the
caller passes in and also uses elsewhere is not affected outside our calls:

- every request goes to the checked base_url (``_urls.py``) and carries our User-Agent (``RootedClient``);
- the call's timeout replaces the client's, every phase of it bounded by the attempt's budget, and the whole
  attempt (headers and body) must end within that budget. The async twin cancels at the deadline. In the sync
  twin, the httpx client we make bounds every socket operation by the time left (``_deadline.py``); through a
  caller's client, a watchdog shuts the connection when the budget runs out after the headers (``_watchdog.py``);
- the body is read here, not by httpx, counting raw and decoded bytes against ``max_response_bytes`` as they
  come (``_bodies.py``); a declared length can only refuse a body early (``_hooks.py``);
- a redirect is refused, never followed, so a credential never goes to another host (``_hooks.py``);
- the httpx client a facade client and its ``with_options`` copies share is checked before each call
  (``_connections.py``): closed, forked, or (async) moved to another event loop.

The httpx clients the facade makes for itself (when the caller passes none) keep no cookies (``_cookieless.py``).
"""

from __future__ import annotations

import sys
from typing import Any

import httpx

from ._attempt import _ACTIVE_ATTEMPT, Attempt
from ._bodies import BodyReader, _Undecodable
from ._connections import Connections
from ._constants import ACCEPT_ENCODING
from ._version import __version__

# the version platform.python_version() reads, from sys.version: importing platform would slow `import storefronts`
_PYTHON_VERSION = sys.version.split(maxsplit=1)[0]
USER_AGENT = f"storefront-clients/{__version__} python/{_PYTHON_VERSION} httpx/{httpx.__version__}"


def read_body(response: httpx.Response, current: Attempt) -> None:
    """Read the body of a response sent with ``stream=True``, under the attempt's size cap and deadline."""
    reader = BodyReader(response, current)
    try:
        try:
            for raw in response.iter_raw():
                reader.take(raw)
            reader.finish()
        except _Undecodable as problem:
            response.close()
            reader.undecodable(problem)
    except BaseException:
        response.close()
        raise


async def aread_body(response: httpx.Response, current: Attempt) -> None:
    """The async twin of :func:`read_body`."""
    reader = BodyReader(response, current)
    try:
        try:
            async for raw in response.aiter_raw():
                reader.take(raw)
            reader.finish()
        except _Undecodable as problem:
            await response.aclose()
            reader.undecodable(problem)
    except BaseException:
        await response.aclose()
        raise


class RootedClient:
    """The httpx client as the generated endpoints see it (they only call ``request``), rooted at our base_url.

    Every request that passes through here is ours, so this is where the request side of the policy goes:
    - the endpoints send relative paths (``/orders/{id}``) that httpx would join to the httpx client's own base_url,
      and a caller's client may have none, or another host's. Joining them here sends our requests, and so the
      credential, to the base_url the facade checked, whichever httpx client carries them;
    - the attempt's bounded timeout replaces the httpx client's, and our User-Agent and Accept-Encoding are sent;
    - the body is read here, under the size cap (:func:`read_body`), not by httpx.

    ``connections.made_with``: the timeout we made the httpx client with, when we made it (with our User-Agent
    and Accept-Encoding as default headers). Requests then repeat neither, which spares httpx merging them into
    every request, at a cost per header (docs/performance.md).
    """

    def __init__(self, connections: Connections, base_url: str) -> None:
        self._connections = connections
        self._base_url = base_url.rstrip("/")
        self._client_timeout = connections.made_with
        self._extra_headers = (
            {} if connections.owned else {"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING}
        )

    def _build(self, method: str, url: str, headers: dict[str, str], kwargs: dict[str, Any]) -> httpx.Request:
        current = _ACTIVE_ATTEMPT.get()
        if current is not None and current.limits.transport_timeout is not self._client_timeout:
            kwargs["timeout"] = current.limits.transport_timeout
        return self._connections.http.build_request(
            method, self._base_url + url, headers={**headers, **self._extra_headers}, **kwargs
        )

    def request(self, method: str, url: str, *, headers: dict[str, str], **kwargs: Any) -> httpx.Response:
        http: Any = self._connections.http
        response: httpx.Response = http.send(
            self._build(method, url, headers, kwargs), stream=True, follow_redirects=False
        )
        current = _ACTIVE_ATTEMPT.get()
        if current is None:
            response.read()
        else:
            read_body(response, current)
        return response


class AsyncRootedClient(RootedClient):
    """:class:`RootedClient` for the async endpoints."""

    async def request(  # type: ignore[override]
        self, method: str, url: str, *, headers: dict[str, str], **kwargs: Any
    ) -> httpx.Response:
        http: Any = self._connections.http
        response: httpx.Response = await http.send(
            self._build(method, url, headers, kwargs), stream=True, follow_redirects=False
        )
        current = _ACTIVE_ATTEMPT.get()
        if current is None:
            await response.aread()
        else:
            await aread_body(response, current)
        return response
