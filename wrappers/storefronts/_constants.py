"""Every timeout, retry and size number the facade uses, in one place."""

from __future__ import annotations

import httpx

# Per attempt: connect within 5 s, and the whole attempt (headers and body) within 30 s.
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_CONNECT_TIMEOUT_S = 5.0
DEFAULT_TIMEOUT = httpx.Timeout(DEFAULT_TIMEOUT_S, connect=DEFAULT_CONNECT_TIMEOUT_S)

DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY_S = 0.5
MAX_RETRY_DELAY_S = 8.0
# A server may ask for a longer wait than this (Retry-After: 3600); we do not sleep that long in a request:
# RateLimitError carries the advised wait instead.
MAX_RETRY_AFTER_S = 60.0
RETRYABLE_STATUS_CODES = frozenset({408, 409, 429, 500, 502, 503, 504})
# Methods that may be retried after the request could have reached the server (RFC 9110 idempotent methods).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

# A response body larger than this is refused without being read into memory.
MAX_RESPONSE_BYTES = 10 * 1024 * 1024
# How much of an unexpected body an error message quotes.
BODY_EXCERPT_CHARS = 200

DEFAULT_CONNECTION_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=30.0)

# Caller input, checked before anything is sent. An order id, once percent-encoded, and a base_url are at most this
# long: vendor ids are a few dozen characters, and together the two stay far below the 65,536 characters httpx
# allows in a URL (and below what servers accept in a request line).
MAX_ORDER_ID_CHARS = 1024
MAX_BASE_URL_CHARS = 2048
# The largest timeout, per phase and per attempt, that a client takes: an hour is longer than any HTTP call a
# vendor documents, and a far larger one would overflow the sync twin's deadline watchdog (threading.TIMEOUT_MAX).
MAX_TIMEOUT_S = 3600.0
