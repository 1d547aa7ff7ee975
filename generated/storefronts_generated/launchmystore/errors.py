# Generated from specs/launchmystore.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
"""Contains shared errors types that can be raised from API functions"""

from typing import Any

import httpx


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class ResponseParseError(ValueError):
    """A successful response whose body cannot be read at all: not JSON, or JSON that is not an object.

    Fields inside a readable body never raise: a value that does not match the spec is kept as received.

    Attributes:
        path: where reading stopped, as a JSON path (``$`` is the whole body).
        status_code: the HTTP status of the response.
        excerpt: the first 200 characters of the body, for the error message.
    """

    def __init__(self, reason: str, *, path: str, status_code: int, content: bytes) -> None:
        self.reason = reason
        self.path = path
        self.status_code = status_code
        self.excerpt = content[:200].decode("utf-8", errors="replace")
        super().__init__(
            f"cannot read the HTTP {status_code} response body at {path}: {reason} (body starts {self.excerpt!r})"
        )


def read_json_object(response: httpx.Response) -> dict[str, Any]:
    """The body of a successful response as a JSON object, or ResponseParseError."""
    try:
        body = response.json()
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError are both ValueErrors
        raise ResponseParseError(
            f"not JSON ({exc})", path="$", status_code=response.status_code, content=response.content
        ) from None
    except RecursionError:
        raise ResponseParseError(
            "JSON nested too deeply to read", path="$", status_code=response.status_code, content=response.content
        ) from None
    if not isinstance(body, dict):
        raise ResponseParseError(
            f"expected a JSON object, got {type(body).__name__}",
            path="$",
            status_code=response.status_code,
            content=response.content,
        )
    return body


def read_json_object_or_none(response: httpx.Response) -> dict[str, Any] | None:
    """The body of an error response as a JSON object, or None when it is not one (a proxy's HTML page, say):
    the status code is then all the caller has, and an unreadable error body must not hide it."""
    try:
        body = response.json()
    except (ValueError, RecursionError):
        return None
    return body if isinstance(body, dict) else None


__all__ = ["ResponseParseError", "UnexpectedStatus", "read_json_object", "read_json_object_or_none"]
