"""What a service might print or log of an error: the suites that check a secret never shows look in all of it."""

from __future__ import annotations

import traceback

# the error attributes a service is likely to log on their own
_LOGGED_ATTRIBUTES = ("message", "vendor", "order_id", "code", "path", "status_code", "retry_after")


def everything_printable(error: BaseException) -> str:
    """The traceback, and for the error and every error it chains: its message, repr and args; then the attributes
    a service logs and the repr of the response it carries."""
    parts = ["".join(traceback.format_exception(error))]
    seen: BaseException | None = error
    while seen is not None:
        parts += [str(seen), repr(seen), repr(seen.args)]
        seen = seen.__cause__ or seen.__context__
    parts += [repr(getattr(error, name, None)) for name in _LOGGED_ATTRIBUTES]
    response = getattr(error, "response", None)
    if response is not None:
        parts.append(repr(response))
    return "\n".join(parts)
