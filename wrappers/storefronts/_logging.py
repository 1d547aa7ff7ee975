"""The ``storefronts`` loggers, and ``STOREFRONTS_LOG=debug|info`` to see them without writing logging code.

Every record of a call carries the same ``extra`` attributes, so a log pipeline can index them: ``vendor``,
``operation``, ``order_id``, ``attempt``, ``status_code``, ``elapsed_ms`` and ``request_id`` (None when unknown).
Records hold no credential, header or body: only what those attributes name, and vendor text only after
:func:`loggable` has cut it short, escaped its control characters and taken out the key.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Final

logger = logging.getLogger("storefronts")

ENV_VAR: Final = "STOREFRONTS_LOG"
FIELDS: Final = ("vendor", "operation", "order_id", "attempt", "status_code", "elapsed_ms", "request_id")
"""The ``extra`` attributes every call record carries."""
_LEVELS: Final = {"debug": logging.DEBUG, "info": logging.INFO}
_FORMAT: Final = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Vendor-supplied text (a request id, an unknown status) is cut to this many characters in records and warnings.
MAX_LOGGED_CHARS: Final = 128
_MIN_REDACTED_KEY_CHARS: Final = 8
_REDACTED: Final = "[redacted]"


def loggable(value: str, secret: str | tuple[str, ...] | None = None) -> str:
    """``value`` safe to put in a record: short, one line (control characters escaped), without the credential
    (``secret``: the key, or every part of a credential of several)."""
    for part in (secret,) if isinstance(secret, str) else secret or ():
        if len(part) >= _MIN_REDACTED_KEY_CHARS:
            value = value.replace(part, _REDACTED)
    if len(value) > MAX_LOGGED_CHARS:
        value = value[:MAX_LOGGED_CHARS] + "…"
    if not value.isprintable():
        value = value.encode("unicode_escape", errors="backslashreplace").decode("ascii")
    return value


class FieldsFormatter(logging.Formatter):
    """The message, then the call's attributes that have a value, as ``key=value``."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        pairs = [f"{name}={value}" for name in FIELDS if (value := getattr(record, name, None)) is not None]
        return f"{text} [{' '.join(pairs)}]" if pairs else text


class _EnvHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler ``STOREFRONTS_LOG`` installs (a class of its own, so it is installed once)."""


def configure_from_env(environ: dict[str, str] | None = None) -> logging.Handler | None:
    """Install a stderr handler on the ``storefronts`` logger when ``STOREFRONTS_LOG`` says ``debug`` or ``info``,
    as ``OPENAI_LOG`` does for openai. Any other value is ignored. Returns the handler, if one is installed."""
    value = (os.environ if environ is None else environ).get(ENV_VAR, "").strip().lower()
    level = _LEVELS.get(value)
    if level is None:
        return None
    logger.setLevel(level)
    for handler in logger.handlers:
        if isinstance(handler, _EnvHandler):
            return handler
    handler = _EnvHandler(sys.stderr)
    handler.setFormatter(FieldsFormatter(_FORMAT))
    logger.addHandler(handler)
    return handler


configure_from_env()
