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
# Each backoff wait is cut by up to this fraction at random, so clients that failed together do not retry together.
RETRY_JITTER = 0.25
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
# How much of a URL a message quotes (a refused base_url, a redirect's Location): enough to recognise it, while a
# server's megabyte-long Location stays out of the caller's logs.
SHOWN_URL_CHARS = 200
# How much of a transport's own error message the httpx error made from it keeps (aiohttp's parser quotes what it
# could not read, up to a whole read buffer of a hostile server's bytes): its explanation and the start of what it
# quoted, about as much as h11 says of the same fault on httpx's transport.
TRANSPORT_ERROR_CHARS = 300
# How many unknown names (update fields, address fields) a message lists: a caller who passed a whole foreign
# mapping learns what is wrong without a message as long as the mapping.
SHOWN_UNKNOWN_NAMES = 5

DEFAULT_CONNECTION_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=30.0)

# Caller input, checked before anything is sent. An order id, once percent-encoded, and a base_url are at most this
# long: vendor ids are a few dozen characters, and together the two stay far below the 65,536 characters httpx
# allows in a URL (and below what servers accept in a request line).
MAX_ORDER_ID_CHARS = 1024
MAX_BASE_URL_CHARS = 2048
# The largest timeout, per phase and per attempt, that a client takes: an hour is longer than any HTTP call a
# vendor documents, and a far larger one would overflow the sync twin's deadline watchdog (threading.TIMEOUT_MAX).
MAX_TIMEOUT_S = 3600.0
# The content codings we ask for: the ones the standard library decodes with a bound on each piece's size.
ACCEPT_ENCODING = "gzip, deflate"
# The most one decoding layer produces per piece, so no single decompress() outgrows the body limit.
DECODE_PIECE_BYTES = 64 * 1024
# An error body that is not valid for its Content-Encoding keeps this much of its raw start, for the message.
UNDECODABLE_BODY_KEPT_BYTES = 1024
# No single wait (one socket operation, the watchdog's sleep) is longer than this, whatever the timeout: the
# OS timers overflow near 1e10 s, and a wait cut short here just waits again (the watchdog) or times out.
MAX_SINGLE_WAIT_S = 24 * 3600.0
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
