"""The check every base_url passes before a client is made."""

from __future__ import annotations

import functools
import ipaddress
import re

import httpx

from ._constants import MAX_BASE_URL_CHARS, SHOWN_URL_CHARS
from .errors import ConfigurationError

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})
# Whitespace, C0/C1 controls, DEL and lone surrogates: a URL has none of them (a trailing newline from a config file
# is the usual one).
_NOT_IN_A_URL = re.compile("[\\s\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_MAX_PORT = 65535
# How many distinct accepted base URLs are remembered (per-store hosts: one per shop).
_CHECKED_URLS_KEPT = 4096


def check_base_url(base_url: object) -> str:
    """``base_url`` as given, once it is known to be a URL we can append the order path to, and that would not send
    the credential in clear text to anything but this machine.

    Refused: anything but a str; whitespace or control characters; more than MAX_BASE_URL_CHARS; whatever httpx
    cannot parse; no host; a query or fragment (the order path is appended to the URL, so ``?x=`` would put the
    order id in the query and ``#`` would drop it); credentials in the URL (``user:password@``: the API key is the
    credential, and base_url is shown in reprs and messages, which must not hold a secret)."""
    if not isinstance(base_url, str):
        raise ConfigurationError(f"base_url must be a str, got {type(base_url).__name__}")
    return _checked(str.__str__(base_url))


# A service makes a client per shop (with_options), nearly all with the same base_url: parsing it again for each
# was most of a copy's cost. A refused URL raises, and lru_cache keeps no exception, so it is checked every time.
@functools.lru_cache(maxsize=_CHECKED_URLS_KEPT)
def _checked(base_url: str) -> str:
    # never quote a URL that may carry a password (user:password@host)
    shown = repr(base_url[:SHOWN_URL_CHARS]) if "@" not in base_url else "(not shown: it has an @)"
    if not base_url:
        raise ConfigurationError("base_url is empty: pass None for the vendor's default")
    if len(base_url) > MAX_BASE_URL_CHARS:
        raise ConfigurationError(f"base_url is {len(base_url)} characters long; at most {MAX_BASE_URL_CHARS} are taken")
    refused = _NOT_IN_A_URL.search(base_url)
    if refused is not None:
        raise ConfigurationError(
            f"base_url {shown} has whitespace or a control character (U+{ord(refused.group()):04X}) "
            f"at index {refused.start()}"
        )
    if "?" in base_url or "#" in base_url:
        raise ConfigurationError(
            f"base_url {shown} has a query or a fragment (? or #): the order path is appended to base_url"
        )
    try:
        url = httpx.URL(base_url)
    except (httpx.InvalidURL, ValueError, TypeError) as error:
        raise ConfigurationError(f"base_url {shown} is not a valid URL ({type(error).__name__})") from None
    if url.userinfo:
        raise ConfigurationError("base_url must not carry credentials (user:password@): pass the key as api_key")
    if url.scheme not in ("http", "https"):
        raise ConfigurationError(f"base_url must be https:// (got scheme {url.scheme!r} in {shown})")
    if not url.host:
        raise ConfigurationError(f"base_url {shown} has no host")
    if url.port is not None and not 0 < url.port <= _MAX_PORT:  # httpx parses any number; a socket takes these
        raise ConfigurationError(f"base_url {shown} has port {url.port}; ports are 1 to {_MAX_PORT}")
    if url.scheme == "https":
        return base_url
    host = url.host.lower()
    try:
        loopback = host in _LOOPBACK_NAMES or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ConfigurationError(
            f"base_url {shown} is plain http:// to a non-loopback host: the API key would cross the network "
            "unencrypted. Use https://, or http:// only for 127.0.0.0/8, ::1 or localhost (local sandboxes)."
        )
    return base_url
