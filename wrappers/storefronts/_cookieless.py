"""The httpx clients the facade makes for itself when the caller passes none: they keep no cookies."""

from __future__ import annotations

from typing import Any

import httpx


class _DroppedCookies(httpx.Cookies):
    """A cookie store that never keeps a ``Set-Cookie``: it stays empty, so no request carries a ``Cookie``."""

    def extract_cookies(self, response: httpx.Response) -> None:
        return None


class _KeepsNoCookies:
    """What :class:`CookielessClient` and :class:`AsyncCookielessClient` add to httpx's clients."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._dropped_cookies = _DroppedCookies()

    @property
    def cookies(self) -> httpx.Cookies:
        return self._dropped_cookies

    @cookies.setter
    def cookies(self, cookies: object) -> None:
        raise AttributeError("storefronts' own httpx client keeps no cookies")


class CookielessClient(_KeepsNoCookies, httpx.Client):
    """The ``httpx.Client`` the facade makes when the caller passes none: it keeps no cookies.

    Our vendors authenticate every request with its key and document no cookies, so a cookie one response sets
    would only be state nobody asked for, replayed on every later call (from any thread, and from every
    ``with_options`` copy sharing the client). botocore keeps none either. Not keeping them also saves the
    ``http.cookiejar`` pass httpx makes over each response, the largest single cost httpx adds to a call of ours
    (docs/performance.md). A client the caller passes in keeps its own cookies.
    """


class AsyncCookielessClient(_KeepsNoCookies, httpx.AsyncClient):
    """The ``httpx.AsyncClient`` the facade makes when the caller passes none; see :class:`CookielessClient`."""
