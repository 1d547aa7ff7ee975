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

# update_orders: how many updates are in flight at once when the caller does not say.
DEFAULT_BULK_CONCURRENCY = 8
# Rate limits in a shared store (Redis): how long one store operation may take before the store counts as
# unreachable, and how long a client with rate_limit_fallback="memory" limits itself in memory before it
# tries the store again.
RATE_LIMIT_STORAGE_TIMEOUT_S = 1.0
RATE_LIMIT_STORAGE_RETRY_S = 5.0
# While a window is full the limiter sleeps until its oldest entry expires, but never less than this (no spin on
# a slot another waiter took first); while the shop is paused after a 429 it re-reads the pause at least this
# often, since the store's expiry times may be whole seconds.
RATE_LIMIT_MIN_POLL_S = 0.002
RATE_LIMIT_PAUSE_POLL_S = 0.05
