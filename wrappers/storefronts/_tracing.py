"""OpenTelemetry spans, when ``opentelemetry-api`` is installed (the ``otel`` extra); nothing at all when it is not.

The API is imported on the first call, not with ``storefronts``, so a service without it pays one failed import
per process and an ``import storefronts`` pays nothing either way. Until a tracer provider is set (an SDK
configured), no span is started at all; a provider that hands out invalid no-op spans (``NoOpTracerProvider``) gets
them started but never attached to the context.

Spans carry vendors, order ids, statuses and class names only: never an exception's message or traceback (a
vendor's echo of the credential could be in a chained one), never a header.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._version import __version__

CALL_SPAN = "storefronts.update_order"
ATTEMPT_SPAN = "storefronts.update_order.attempt"
INSTRUMENTATION_NAME = "storefronts"

_UNRESOLVED: Any = object()
_api: Any = _UNRESOLVED  # the opentelemetry modules once looked up, or None when they are not installed
AttributeValue = str | int | float | bool


def _load() -> Any:
    global _api  # noqa: PLW0603 - resolved once per process; a race only repeats the same lookup
    try:
        from opentelemetry import context, trace  # noqa: PLC0415 - optional, and not worth its import time up front
    except ImportError:
        _api = None
    else:
        _api = (trace, context, trace.get_tracer(INSTRUMENTATION_NAME, __version__), _sdk_configured)
    return _api


_configured = False  # a tracer provider, once set, is never unset (the API allows one set per process)


def _sdk_configured() -> bool:
    """Whether a tracer provider has been set: until then the API's proxy hands out no-op spans, so making none
    at all costs the caller nothing (the provider may be set later: asked on every call until it is)."""
    global _configured  # noqa: PLW0603 - only ever goes from False to True; a race repeats the same lookup
    if not _configured:
        trace = _api[0]
        _configured = not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider)
    return _configured


def enabled() -> bool:
    """Whether spans are made at all: the ``otel`` extra is installed."""
    api = _api if _api is not _UNRESOLVED else _load()
    return api is not None


class Span:
    """One span in flight, current in the context while it runs (so httpx instrumentation nests under it)."""

    __slots__ = ("_span", "_token")

    def __init__(self, name: str, attributes: Mapping[str, AttributeValue]) -> None:
        trace, context, tracer, _ = _api
        self._span = tracer.start_span(name, kind=trace.SpanKind.INTERNAL, attributes=attributes)
        # no SDK: an invalid no-op span, which nothing downstream could use as a parent
        valid = self._span.get_span_context().is_valid
        self._token = context.attach(trace.set_span_in_context(self._span)) if valid else None

    def end(self, attributes: Mapping[str, AttributeValue | None], error_type: str | None) -> None:
        trace, context, _, _ = _api
        span = self._span
        if span.is_recording():
            span.set_attributes({name: value for name, value in attributes.items() if value is not None})
            if error_type is not None:
                span.set_attribute("error.type", error_type)
                span.set_status(trace.StatusCode.ERROR, error_type)
        span.end()
        if self._token is not None:
            context.detach(self._token)


def active() -> bool:
    """Whether :func:`start` would make a span now: the ``otel`` extra is installed and a tracer provider is set."""
    api = _api if _api is not _UNRESOLVED else _load()
    return api is not None and bool(api[3]())


def start(name: str, attributes: Mapping[str, AttributeValue]) -> Span | None:
    """A span named ``name``, child of the current one; None when OpenTelemetry is not installed or no tracer
    provider is set."""
    api = _api if _api is not _UNRESOLVED else _load()
    return Span(name, attributes) if api is not None and api[3]() else None
