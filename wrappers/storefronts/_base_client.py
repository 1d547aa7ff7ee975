"""Everything the client twins share: configuration, request building, retry decisions, error translation.

``Client`` and ``AsyncClient`` (``_client.py``) only send and sleep; every decision is made here, once.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from typing import Any, NamedTuple, Self

import httpx

from ._adapter import UPDATE_FIELDS, VendorAdapter
from ._arguments import (
    AddressArg,
    AttributesArg,
    FulfillmentArg,
    MoneyArg,
    PaymentArg,
    StatusArg,
    TagsArg,
    TextArg,
)
from ._attempt import CallLimits
from ._bodies import BodyRefused
from ._constants import (
    BODY_EXCERPT_CHARS,
    DEFAULT_CONNECT_TIMEOUT_S,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    IDEMPOTENT_METHODS,
    MAX_RESPONSE_BYTES,
    MAX_RETRY_AFTER_S,
    MAX_TIMEOUT_S,
)
from ._constraints import build_body
from ._dryrun import PreparedRequest, describe
from ._hooks import RedirectRefused
from ._models import Order
from ._observe import finalise_error, log_retry
from ._redaction import Redactor, printable, redactor_for, scrub_failure, scrub_response
from ._registry import adapter_for, resolve_vendor
from ._retries import backoff_delay, is_retryable_status, retry_after_seconds
from ._types import NOT_GIVEN, APIKey, NotGiven, Vendor
from ._updates import canonical_updates, check_order_id, check_supported
from ._urls import check_base_url
from .errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    ConfigurationError,
    InvalidUpdateError,
    ResponseDecodeError,
    StorefrontError,
    error_class_for_status,
)

logger = logging.getLogger("storefronts")

_OPERATION = "update_order"
_METHOD = "PUT"

Timeout = float | httpx.Timeout

# How much of a body is redacted before an excerpt is cut from it: far more than an excerpt and any escaped form
# of a key, so a key crossing the cut is gone before the cut is made.
_EXCERPT_WINDOW_BYTES = 64 * 1024
# A ResponseDecodeError quotes less of the body: it already names what was wrong with it.
_DECODE_EXCERPT_CHARS = 80
# Waits this long (an absurd Retry-After date) are written 1.2e+10 s rather than with every digit.
_WAIT_IN_EXPONENT_FORM_S = 1e6


_PHASES = ("connect", "read", "write", "pool")
# What a key may hold: visible ASCII. Whitespace, controls (CR, LF, NUL) and non-ASCII would break the header or
# be sent as something else than the key (httpx encodes header values as ASCII).
_NOT_IN_A_KEY = re.compile("[^\x21-\x7e]")


def _option_error(name: str, problem: str, *, per_call: bool) -> StorefrontError:
    """ConfigurationError for a client option; InvalidUpdateError for the same option given to one call."""
    return InvalidUpdateError(name, problem) if per_call else ConfigurationError(f"{name} {problem}")


def _plain_number(value: int | float) -> int | float:
    """The int or float itself: a subclass's own operators never take part in a check."""
    return float.__float__(value) if isinstance(value, float) else int.__int__(value)


def _number_shown(number: int | float) -> str:
    # str() of an int of more than 4,300 digits raises (sys.int_info.str_digits_check_threshold)
    return repr(number) if isinstance(number, float) or -(10**18) < number < 10**18 else "a number of 19+ digits"


def _seconds(name: str, value: object, *, per_call: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _option_error(name, f"must be a number of seconds, got {type(value).__name__}", per_call=per_call)
    seconds = _plain_number(value)
    # compared before any conversion: float(10**400) would overflow
    if not 0 < seconds <= MAX_TIMEOUT_S:  # NaN fails this too
        raise _option_error(
            name,
            f"must be more than 0 and at most {MAX_TIMEOUT_S:g} seconds, got {_number_shown(seconds)}",
            per_call=per_call,
        )
    return float(seconds)


def _as_timeout(timeout: object, *, per_call: bool = False) -> httpx.Timeout:
    """A timeout whose every phase is bounded, finite and positive.

    A number ``n`` is ``httpx.Timeout(n, connect=min(n, 5))``. In an ``httpx.Timeout``, a phase given as None is
    bounded by the attempt's budget (the largest phase given), as the whole attempt is anyway; all None is refused.
    """
    if not isinstance(timeout, httpx.Timeout):
        if not isinstance(timeout, int | float) or isinstance(timeout, bool):
            raise _option_error(
                "timeout",
                f"must be a number of seconds or an httpx.Timeout, got {type(timeout).__name__}",
                per_call=per_call,
            )
        seconds = _seconds("timeout", timeout, per_call=per_call)
        return httpx.Timeout(seconds, connect=min(seconds, DEFAULT_CONNECT_TIMEOUT_S))
    given = {phase: getattr(timeout, phase) for phase in _PHASES}
    bounds = {
        phase: _seconds(f"timeout.{phase}", bound, per_call=per_call)
        for phase, bound in given.items()
        if bound is not None
    }
    if not bounds:
        raise _option_error(
            "timeout", "must bound at least one phase: an unbounded attempt could hang forever", per_call=per_call
        )
    if type(timeout) is httpx.Timeout and len(bounds) == len(_PHASES) and bounds == given:
        return timeout
    budget = max(bounds.values())
    return httpx.Timeout(**{phase: bounds.get(phase, budget) for phase in _PHASES})


def _attempt_budget(timeout: httpx.Timeout) -> float:
    """The most one attempt may take, headers and body: the largest of the timeout's bounds."""
    bounds = [b for b in (timeout.connect, timeout.read, timeout.write, timeout.pool) if b is not None]
    if not bounds:
        raise ConfigurationError("timeout must bound at least one phase: an unbounded attempt could hang forever")
    return max(bounds)


def _whole_number(name: str, value: object, minimum: int, *, per_call: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _option_error(name, f"must be a whole number (int), got {type(value).__name__}", per_call=per_call)
    number = int.__int__(value)
    if number < minimum:
        raise _option_error(name, f"must be at least {minimum}, got {_number_shown(number)}", per_call=per_call)
    return number


def _check_retries(max_retries: object, *, per_call: bool = False) -> int:
    return _whole_number("max_retries", max_retries, 0, per_call=per_call)


def _part_problem(part: str) -> str | None:
    if part != part.strip():
        return "starts or ends with whitespace (a newline left from reading a file?): strip it"
    if not part.isascii():
        return "has a non-ASCII character: API keys are ASCII"
    if _NOT_IN_A_KEY.search(part):
        return "has a space or a control character (such as CR, LF or NUL)"
    return None


def _given_parts(vendor: Vendor, adapter: VendorAdapter, api_key: object) -> tuple[tuple[object, str], ...]:
    """(value, where it came from) for each credential part: from ``api_key``, or each part's environment variable."""
    declared = adapter.connection.credential
    if api_key is None:
        return tuple((os.environ.get(part.env, ""), part.env) for part in declared)
    if len(declared) == 1 or (isinstance(api_key, str) and not str.__len__(api_key)):  # "" is a missing key
        return ((api_key, "api_key"),)
    names = " and ".join(f"the {part.name}" for part in declared)
    if not isinstance(api_key, tuple) or len(api_key) != len(declared):
        shown = f"a tuple of {len(api_key)}" if isinstance(api_key, tuple) else type(api_key).__name__
        raise ConfigurationError(
            f"api_key for {vendor.value} is {names}: pass api_key=({', '.join(p.name for p in declared)}), "
            f"got {shown}; nothing of it is shown"
        ) from None
    return tuple((value, f"api_key ({part.name})") for value, part in zip(api_key, declared, strict=True))


def _check_credential(vendor: Vendor, adapter: VendorAdapter, api_key: object) -> tuple[str, ...]:
    """The credential's parts as plain strs, each refused when it could not be sent as itself. No message quotes any
    of them, and every error is raised ``from None``: nothing chained carries them either."""
    parts: list[str] = []
    for value, source in _given_parts(vendor, adapter, api_key):
        if not isinstance(value, str):
            raise ConfigurationError(f"{source} for {vendor.value} must be a str, got {type(value).__name__}") from None
        part = str.__str__(value)
        if not part:
            declared = adapter.connection.credential
            where = " and ".join(p.env for p in declared)
            how = "api_key=" if len(declared) == 1 else f"api_key=({', '.join(p.name for p in declared)})"
            missing = "" if len(declared) == 1 else f" ({source} is empty)"
            raise ConfigurationError(f"no API key for {vendor.value}{missing}: pass {how} or set {where}")
        problem = _part_problem(part)
        if problem is not None:
            raise ConfigurationError(f"{source} for {vendor.value} {problem}; the key is not shown") from None
        parts.append(part)
    credential = tuple(parts)
    adapter.check_credential(credential)
    adapter.credential_token(credential)  # a credential the token cannot carry is refused here, not once sent
    return credential


def _check_base_url(vendor: Vendor, adapter: VendorAdapter, base_url: str | None) -> str:
    if base_url is None:
        if adapter.default_base_url is None:
            raise ConfigurationError(
                f"{vendor.value} has no default base URL (every store has its own host): pass base_url="
            )
        base_url = adapter.default_base_url
    return check_base_url(base_url)


def check_http_client(http_client: object, expected: type[httpx.Client] | type[httpx.AsyncClient]) -> None:
    """ConfigurationError unless ``http_client`` is None or an open client of the twin's kind."""
    if http_client is None:
        return
    if not isinstance(http_client, expected):
        raise ConfigurationError(
            f"http_client must be an {expected.__module__}.{expected.__qualname__}, got {type(http_client).__name__}"
        )
    if http_client.is_closed:
        raise ConfigurationError("http_client is closed: pass an open one")


def _excerpt(response: httpx.Response, redactor: Redactor, limit: int = BODY_EXCERPT_CHARS) -> str:
    """The start of a body for a message: the key redacted before the cut (a cut through an echoed key would leave
    part of it), control characters escaped, at most ``limit`` characters."""
    try:
        content = response.content
    except httpx.ResponseNotRead:
        return ""
    window = content[:_EXCERPT_WINDOW_BYTES].decode("utf-8", errors="replace")
    return printable(redactor.text(window).strip())[:limit]


def _wait(seconds: float) -> str:
    """A wait as a message says it: 0.5 s, 2 s, 60.001 s, 3600 s (never a fraction rounded to "0s")."""
    if seconds < 1 or seconds >= _WAIT_IN_EXPONENT_FORM_S:
        return f"{seconds:.3g} s"
    return f"{seconds:.3f}".rstrip("0").rstrip(".") + " s"


class PreparedUpdate(NamedTuple):  # not a dataclass: making one slows `import storefronts` (docs/performance.md)
    """One update_order call, validated and ready to send as often as the retry policy allows."""

    order_id: str
    body: Any
    limits: CallLimits
    max_retries: int


class BaseClient:
    """Configuration and every I/O-free step of a call."""

    _adapter: VendorAdapter

    def __init__(
        self,
        vendor: Vendor | str,
        *,
        api_key: APIKey | None = None,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
    ) -> None:
        if not isinstance(vendor, str):
            raise ConfigurationError(f"vendor must be a Vendor or its name, got {type(vendor).__name__}")
        self._vendor = resolve_vendor(vendor if isinstance(vendor, Vendor) else str.__str__(vendor))
        self._adapter = adapter_for(self._vendor)
        # the credential's parts (one, or key and secret); the rate limiter names the shop by a keyed hash of them
        self._api_key = _check_credential(self._vendor, self._adapter, api_key)
        self._base_url = _check_base_url(self._vendor, self._adapter, base_url)
        self._timeout = _as_timeout(timeout)
        self._max_retries = _check_retries(max_retries)
        self._max_response_bytes = _whole_number("max_response_bytes", max_response_bytes, 1)
        self._limits = self._call_limits(self._timeout)

    # -- public, read-only ----------------------------------------------------------------------------------

    @property
    def vendor(self) -> Vendor:
        return self._vendor

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def timeout(self) -> httpx.Timeout:
        return self._timeout

    @property
    def max_retries(self) -> int:
        return self._max_retries

    @property
    def supported_updates(self) -> frozenset[str]:
        """The ``update_order`` keyword names this vendor accepts."""
        return self._adapter.supported_updates

    def __repr__(self) -> str:  # the API key is deliberately absent
        return f"{type(self).__name__}(vendor={self._vendor.value!r}, base_url={self._base_url!r})"

    def _options(self) -> dict[str, Any]:
        """Constructor arguments of a copy (see ``with_options``)."""
        return {
            "api_key": self._api_key[0] if len(self._api_key) == 1 else self._api_key,
            "base_url": self._base_url,
            "timeout": self._timeout,
            "max_retries": self._max_retries,
            "max_response_bytes": self._max_response_bytes,
        }

    def _copy(
        self,
        *,
        timeout: Timeout | NotGiven,
        max_retries: int | NotGiven,
        api_key: APIKey | NotGiven,
        base_url: str | NotGiven,
    ) -> Self:
        """``with_options``: a client of the same class, checked by the constructor's own checks, that sends through
        this client's connections (``_share_connections``). Nothing that can be shared is built again."""
        if api_key is None:  # the constructor would read the environment: another shop's key, or none
            raise ConfigurationError(
                "with_options(api_key=None): pass the shop's key (a copy never reads the environment)"
            )
        options = self._options()
        given = {"timeout": timeout, "max_retries": max_retries, "api_key": api_key, "base_url": base_url}
        options.update((name, value) for name, value in given.items() if value is not NOT_GIVEN)
        copy = object.__new__(type(self))
        BaseClient.__init__(copy, self._vendor, **options)
        copy._share_connections(self)
        return copy

    def _share_connections(self, original: Self) -> None:
        raise NotImplementedError  # each twin shares its own kind of httpx client

    def _generated_client(self) -> Any:
        token = self._adapter.credential_token(self._api_key)
        generated = self._adapter.generated_package.AuthenticatedClient(
            base_url=self._base_url, token=token, timeout=self._timeout, follow_redirects=False
        )
        # the credential leaves our hands here: from now on errors and httpx's logs must be able to redact it, each
        # part alone, the token made of them and the header value's encoded form (HTTP Basic's base64)
        prefix = generated.prefix
        sent = str.__str__(generated.auth_header_value)
        self._redactor = redactor_for((*self._api_key, token, sent.removeprefix(f"{prefix} ") if prefix else sent))
        return generated

    # -- building a call -------------------------------------------------------------------------------------

    def _prepare(
        self,
        order_id: object,
        arguments: Mapping[str, Any],
        *,
        max_retries: int | NotGiven,
        timeout: Timeout | NotGiven,
    ) -> PreparedUpdate:
        given = {name: arguments[name] for name in UPDATE_FIELDS if arguments[name] is not NOT_GIVEN}
        order_id = check_order_id(order_id)
        self._adapter.check_order_id(order_id)
        updates = canonical_updates(given)
        check_supported(self._adapter, updates)
        return PreparedUpdate(
            order_id=order_id,
            body=build_body(self._adapter, updates),  # spec constraints become InvalidUpdateError there
            limits=self._limits if timeout is NOT_GIVEN else self._call_limits(_as_timeout(timeout, per_call=True)),
            max_retries=self._max_retries if max_retries is NOT_GIVEN else _check_retries(max_retries, per_call=True),
        )

    def _call_limits(self, timeout: httpx.Timeout) -> CallLimits:
        return CallLimits(
            timeout=timeout, attempt_budget_s=_attempt_budget(timeout), max_response_bytes=self._max_response_bytes
        )

    # -- dry run: the same validation and body, nothing sent ------------------------------------------------

    def prepare_update(
        self,
        order_id: str,
        *,
        status: StatusArg = NOT_GIVEN,
        payment_status: PaymentArg = NOT_GIVEN,
        fulfillment_status: FulfillmentArg = NOT_GIVEN,
        notes: TextArg = NOT_GIVEN,
        tags: TagsArg = NOT_GIVEN,
        email: TextArg = NOT_GIVEN,
        phone: TextArg = NOT_GIVEN,
        shipping_address: AddressArg = NOT_GIVEN,
        billing_address: AddressArg = NOT_GIVEN,
        note_attributes: AttributesArg = NOT_GIVEN,
        shipping_cost: MoneyArg = NOT_GIVEN,
        discount: MoneyArg = NOT_GIVEN,
    ) -> PreparedRequest:
        """What ``update_order`` would send for these arguments, without sending it (a plain method on both
        twins). Raises exactly what ``update_order`` raises for them before sending."""
        try:
            call = self._prepare(order_id, locals(), max_retries=NOT_GIVEN, timeout=NOT_GIVEN)
        except BaseException as error:
            finalise_error(error, order_id)
            raise
        return describe(self, call)

    # -- reading the outcome of one attempt ------------------------------------------------------------------

    def _describe(self, call: PreparedUpdate, status_code: int | None = None) -> str:
        status = f" -> HTTP {status_code}" if status_code is not None else ""
        return f"{self._vendor.value} {_OPERATION}(order_id={call.order_id!r}){status}"

    def _outcome(
        self,
        call: PreparedUpdate,
        attempt: int,
        response: httpx.Response | None = None,
        error: BaseException | None = None,
    ) -> Order | float:
        """The Order to return, or the seconds to wait before the next attempt; raises the final error.

        ``response`` is the attempt's ``httpx.Response`` as received (read, and past the transport checks)."""
        try:
            if error is not None:
                raise self._translate_exception(call, error) from error
            return self._read_response(call, response)
        except StorefrontError as failure:
            delay = self._retry_delay(call, attempt, failure)
            if delay is None:
                # the error leaves our hands: the key out of it, what it carries and what it chains
                scrub_failure(failure, self._redactor, failure.__traceback__)
                raise
            log_retry(self._vendor.value, attempt, call.max_retries, failure, delay)
            return delay

    def _retry_delay(self, call: PreparedUpdate, attempt: int, failure: StorefrontError) -> float | None:
        if attempt >= call.max_retries or _METHOD not in IDEMPOTENT_METHODS:
            return None
        if isinstance(failure, APIConnectionError):
            return backoff_delay(attempt)
        if isinstance(failure, APIError) and is_retryable_status(failure.status_code):
            if type(failure) is not error_class_for_status(failure.status_code):
                return None  # the vendor's code names a definite refusal (ORDER_CLOSED on a 409): retrying cannot help
            advised = failure.retry_after
            if advised is None:
                return backoff_delay(attempt)
            # a longer wait is the caller's decision: the error carries it instead of us sleeping
            return advised if advised <= MAX_RETRY_AFTER_S else None
        return None

    def _translate_exception(self, call: PreparedUpdate, error: BaseException) -> StorefrontError:
        where = self._describe(call)
        vendor = self._vendor.value
        if isinstance(error, RedirectRefused):
            location = printable(self._redactor.text(error.location))[:BODY_EXCERPT_CHARS]  # redacted, then cut
            return APIError(
                f"{self._describe(call, error.status_code)}: redirects are not followed, so the credential stays "
                f"with {self._base_url} (Location: {location})",
                vendor=vendor,
                status_code=error.status_code,
                response=error.response,
            )
        if isinstance(error, BodyRefused):  # too large, or not valid for its Content-Encoding
            return ResponseDecodeError(
                f"{self._describe(call, error.status_code)}: {error}", vendor=vendor, status_code=error.status_code
            )
        if isinstance(error, httpx.TimeoutException | TimeoutError):  # TimeoutError: the async attempt's deadline
            detail = str(error) or f"no complete response within the attempt's {call.limits.attempt_budget_s:g}s"
            return APITimeoutError(
                f"{where}: timed out ({type(error).__name__}: {printable(detail)})",
                vendor=vendor,
                order_id=call.order_id,
            )
        if isinstance(error, httpx.TransportError):  # h11 quotes what it could not parse: a status line, a header
            return APIConnectionError(
                f"{where}: connection failed ({type(error).__name__}: {printable(self._redactor.text(str(error)))})",
                vendor=vendor,
                order_id=call.order_id,
            )
        if isinstance(error, StorefrontError):
            return error
        raise error

    def _read_response(self, call: PreparedUpdate, response: httpx.Response | None) -> Order:
        if response is None:  # our response hook keeps every response; without it the policy was not applied
            raise RuntimeError("storefronts' httpx response hook did not run for this request")
        status_code = response.status_code
        if 200 <= status_code < 300:
            return self._read_success(call, response)
        raise self._api_error(call, response)

    def _read_success(self, call: PreparedUpdate, response: httpx.Response) -> Order:
        content_type = response.headers.get("content-type", "").partition(";")[0].strip().lower()
        if content_type != "application/json" and not content_type.endswith("+json"):
            got = content_type or "no content type"
            raise self._decode_error(
                call,
                response,
                f"expected application/json, got {printable(got)} (body starts {self._short_excerpt(response)!r})",
            )
        errors = self._adapter.generated_package.errors
        try:
            body = errors.read_json_object(response)  # the generated client's reader: one meaning of "unreadable"
        except errors.ResponseParseError as error:
            reason = f"{error.reason} (body starts {self._short_excerpt(response)!r})"
            raise self._decode_error(call, response, reason, path=error.path) from None
        try:
            return self._adapter.to_order(body, response)
        except ResponseDecodeError as error:
            raise self._decode_error(call, response, str(error), path=error.path) from None
        except APIError as error:  # an envelope that says the call failed despite the 2xx
            raise self._api_error(call, response, reported=error) from None

    def _short_excerpt(self, response: httpx.Response) -> str:
        return _excerpt(response, self._redactor, _DECODE_EXCERPT_CHARS)

    def _decode_error(
        self, call: PreparedUpdate, response: httpx.Response, reason: str, *, path: str = "$"
    ) -> ResponseDecodeError:
        return ResponseDecodeError(
            f"{self._describe(call, response.status_code)}: {printable(reason)}",
            vendor=self._vendor.value,
            status_code=response.status_code,
            path=path,
            response=response,
        )

    def _api_error(
        self, call: PreparedUpdate, response: httpx.Response, *, reported: APIError | None = None
    ) -> APIError:
        """The error for a vendor's refusal: an error status, or a 2xx whose envelope ``reported`` a failure."""
        scrub_response(response, self._redactor)  # first: everything read from it below is then free of the key
        try:
            body = response.json()
        except (ValueError, RecursionError):  # RecursionError: JSON nested deeper than the parser goes
            body = None
        if reported is None:
            status_code = response.status_code
            code, message = self._adapter.read_error(body)
        else:
            status_code, code, message = reported.status_code, reported.code, reported.message
        error_class = self._adapter.error_class_for_code(code) or error_class_for_status(status_code)
        detail = printable(message) if message else _excerpt(response, self._redactor) or "(empty body)"
        text = f"{self._describe(call, status_code)}: {f'{printable(code)}: ' if code else ''}{detail}"
        advised = retry_after_seconds(response.headers)
        if advised is not None and advised > MAX_RETRY_AFTER_S:
            text += (
                f" (the vendor asks to wait {_wait(advised)} before retrying, longer than the"
                f" {_wait(MAX_RETRY_AFTER_S)} storefronts waits itself: see retry_after)"
            )
        elif advised is not None:
            text += f" (the vendor asks to wait {_wait(advised)} before retrying)"
        return error_class(
            text,
            vendor=self._vendor.value,
            status_code=status_code,
            code=code,
            vendor_message=message,
            response=response,
            body=body,
            retry_after=advised,
        )
