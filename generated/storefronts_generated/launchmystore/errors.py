# Generated from specs/launchmystore.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
"""Contains shared errors types that can be raised from API functions"""

import operator
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

import httpx

from .types import Unset


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


class RequestConstraintError(ValueError):
    """A request field's value is outside a constraint the spec declares; nothing was sent.

    Attributes:
        field: the field's name in the spec (``note``; ``tags[2]`` for one item of a list).
        constraint: the JSON Schema keyword it breaks (``maxLength``, ``pattern``, ``minimum``, ...).
        limit: the keyword's value in the spec.
        reason: what is wrong, in words (``is 12 characters long; maxLength is 10``).
    """

    def __init__(self, field: str, constraint: str, limit: Any, reason: str) -> None:
        self.field = field
        self.constraint = constraint
        self.limit = limit
        self.reason = reason
        super().__init__(f"{field} {reason}")


def _characters(count: int) -> str:
    return f"{count} character{'s' if count != 1 else ''}"


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _check_number(field: str, value: Any, constraints: dict[str, Any]) -> None:
    number = _decimal(value)
    if number is None or not number.is_finite():
        return
    minimum, maximum = constraints.get("minimum"), constraints.get("maximum")
    low, high = constraints.get("exclusiveMinimum"), constraints.get("exclusiveMaximum")
    # OpenAPI 3.0 spells an exclusive bound as a flag beside minimum/maximum; 3.1 as a number of its own
    if low is True:
        low, minimum = minimum, None
    if high is True:
        high, maximum = maximum, None
    bounds: tuple[tuple[str, Any, Callable[[Decimal, Decimal], bool], str], ...] = (
        ("minimum", minimum, operator.ge, "at least"),
        ("maximum", maximum, operator.le, "at most"),
        ("exclusiveMinimum", low, operator.gt, "more than"),
        ("exclusiveMaximum", high, operator.lt, "less than"),
    )
    for keyword, limit, holds, words in bounds:
        if limit is None or limit is False:
            continue
        bound = _decimal(limit)
        if bound is not None and not holds(number, bound):
            raise RequestConstraintError(field, keyword, limit, f"must be {words} {limit} ({keyword}); got {value}")
    step = constraints.get("multipleOf")
    divisor = _decimal(step) if step is not None else None
    if divisor is not None and divisor != 0 and number % divisor != 0:
        raise RequestConstraintError(
            field, "multipleOf", step, f"must be a multiple of {step} (multipleOf); got {value}"
        )


def check_request_value(
    field: str, value: Any, constraints: dict[str, Any], *, items: dict[str, Any] | None = None
) -> None:
    """RequestConstraintError unless ``value`` meets ``constraints`` (JSON Schema keywords, as the spec spells them);
    ``items`` are the constraints of each item of a list. An unset or null value has nothing to check."""
    if value is None or isinstance(value, Unset):
        return
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str):
        length = len(value)  # JSON Schema counts characters (code points), as len() does
        max_length, min_length = constraints.get("maxLength"), constraints.get("minLength")
        if max_length is not None and length > max_length:
            raise RequestConstraintError(
                field, "maxLength", max_length, f"is {_characters(length)} long; maxLength is {max_length}"
            )
        if min_length is not None and length < min_length:
            raise RequestConstraintError(
                field, "minLength", min_length, f"is {_characters(length)} long; minLength is {min_length}"
            )
        pattern = constraints.get("pattern")
        # JSON Schema patterns are unanchored (ECMA-262): search, not match
        if pattern is not None and re.search(pattern, value) is None:
            raise RequestConstraintError(field, "pattern", pattern, f"does not match the pattern {pattern!r}")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        _check_number(field, value, constraints)
    elif isinstance(value, list):
        max_items, min_items = constraints.get("maxItems"), constraints.get("minItems")
        if max_items is not None and len(value) > max_items:
            raise RequestConstraintError(
                field, "maxItems", max_items, f"has {len(value)} items; maxItems is {max_items}"
            )
        if min_items is not None and len(value) < min_items:
            raise RequestConstraintError(
                field, "minItems", min_items, f"has {len(value)} items; minItems is {min_items}"
            )
        for index, item in enumerate(value):
            check_request_value(f"{field}[{index}]", item, items or {})


__all__ = [
    "RequestConstraintError",
    "ResponseParseError",
    "UnexpectedStatus",
    "check_request_value",
    "read_json_object",
    "read_json_object_or_none",
]
