"""OpenTelemetry: a ``storefronts.update_order`` span per call with a child span per attempt, recorded by the SDK's
in-memory exporter; httpx instrumentation nests under the attempt; without the extra, no span and no import."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

import pytest
from opentelemetry import context, trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode

import storefronts
from storefronts import _tracing
from tests.support.loopback import LoopbackServer, Reply

from .conftest import (
    API_KEYS,
    ORDER_ID,
    SECRET_MARKER,
    VENDORS,
    async_client,
    ok_body,
    order_id,
    run_python,
    sync_client,
)

CALL, ATTEMPT = "storefronts.update_order", "storefronts.update_order.attempt"


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> TracerProvider:
    """A real SDK provider, given to storefronts alone (the process-wide provider can be set only once)."""
    provider = TracerProvider()
    tracer = provider.get_tracer(_tracing.INSTRUMENTATION_NAME)
    monkeypatch.setattr(_tracing, "_api", (trace, context, tracer, lambda: True))
    return provider


@pytest.fixture
def exporter(provider: TracerProvider) -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    yield exporter
    exporter.clear()


def _spans(exporter: InMemorySpanExporter) -> tuple[ReadableSpan, list[ReadableSpan]]:
    finished = list(exporter.get_finished_spans())
    (call,) = [span for span in finished if span.name == CALL]
    attempts = sorted((span for span in finished if span.name == ATTEMPT), key=lambda span: span.start_time or 0)
    for attempt in attempts:
        assert attempt.parent is not None and attempt.parent.span_id == call.context.span_id
    return call, attempts


def _assert_clean(exporter: InMemorySpanExporter) -> None:
    for span in exporter.get_finished_spans():
        assert SECRET_MARKER not in span.to_json()


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_call_is_a_span_with_one_child_per_attempt(
    server: LoopbackServer, exporter: InMemorySpanExporter, vendor: str
) -> None:
    server.replies.append(Reply(200, json=ok_body(vendor)))
    with sync_client(vendor, server) as client:
        client.update_order(order_id(vendor), notes="hi")
    call, (attempt,) = _spans(exporter)
    assert dict(call.attributes or {}) == {
        "storefronts.vendor": vendor,
        "storefronts.order_id": order_id(vendor),
        "http.response.status_code": 200,
        "storefronts.attempts": 1,
    }
    assert call.status.status_code is StatusCode.UNSET
    assert dict(attempt.attributes or {}) == {"storefronts.attempt": 1, "http.response.status_code": 200}
    _assert_clean(exporter)


@pytest.mark.usefixtures("fast_backoff")
def test_retries_are_sibling_attempt_spans_and_a_failed_one_says_why(
    server: LoopbackServer, exporter: InMemorySpanExporter
) -> None:
    server.replies.extend([Reply(503), Reply(close_before_status=True), Reply(200, json=ok_body("salesive"))])
    with sync_client("salesive", server) as client:
        client.update_order(ORDER_ID, notes="hi")
    call, attempts = _spans(exporter)
    assert call.attributes is not None and call.attributes["storefronts.attempts"] == 3
    assert "error.type" not in call.attributes
    first, second, third = (dict(span.attributes or {}) for span in attempts)
    assert first == {"storefronts.attempt": 1, "http.response.status_code": 503, "error.type": "503"}
    assert second["storefronts.attempt"] == 2 and second["error.type"].startswith("httpx.")
    assert "http.response.status_code" not in second
    assert third == {"storefronts.attempt": 3, "http.response.status_code": 200}
    assert [span.status.status_code for span in attempts] == [StatusCode.ERROR, StatusCode.ERROR, StatusCode.UNSET]


def test_a_failed_call_carries_its_error_class(server: LoopbackServer, exporter: InMemorySpanExporter) -> None:
    server.replies.append(Reply(404, json={"success": False, "error": {"code": "NOT_FOUND", "message": "gone"}}))
    with sync_client("launchmystore", server) as client, pytest.raises(storefronts.NotFoundError):
        client.update_order(ORDER_ID, notes="hi")
    call, _ = _spans(exporter)
    assert call.attributes is not None
    assert call.attributes["error.type"] == "storefronts.errors.NotFoundError"
    assert call.attributes["http.response.status_code"] == 404
    assert call.status.status_code is StatusCode.ERROR
    assert not call.events  # no exception event: its message or chain could quote the vendor
    _assert_clean(exporter)


def test_a_call_refused_before_sending_has_no_attempt_span(exporter: InMemorySpanExporter) -> None:
    client = storefronts.Client("bitbybit", api_key=API_KEYS["bitbybit"], base_url="http://127.0.0.1:9")
    with pytest.raises(storefronts.InvalidUpdateError):
        client.update_order(ORDER_ID, email="not an email")
    call, attempts = _spans(exporter)
    assert attempts == []
    assert call.attributes is not None
    assert call.attributes["storefronts.attempts"] == 0
    assert call.attributes["error.type"] == "storefronts.errors.InvalidUpdateError"


@pytest.mark.anyio
@pytest.mark.usefixtures("fast_backoff")
async def test_the_async_twin_makes_the_same_spans(server: LoopbackServer, exporter: InMemorySpanExporter) -> None:
    server.replies.extend([Reply(500), Reply(200, json=ok_body("bitbybit"))])
    async with async_client("bitbybit", server) as client:
        await client.update_order(ORDER_ID, notes="hi")
    call, attempts = _spans(exporter)
    assert call.attributes is not None and call.attributes["storefronts.attempts"] == 2
    assert [dict(span.attributes or {}).get("error.type") for span in attempts] == ["500", None]


def test_httpx_instrumentation_nests_its_span_under_the_attempt(
    server: LoopbackServer, provider: TracerProvider, exporter: InMemorySpanExporter
) -> None:
    server.replies.append(Reply(200, json=ok_body("bitbybit")))
    instrumentor = HTTPXClientInstrumentor()
    instrumentor.instrument(tracer_provider=provider)
    try:
        with sync_client("bitbybit", server) as client:
            client.update_order(ORDER_ID, notes="hi")
    finally:
        instrumentor.uninstrument()
    _, (attempt,) = _spans(exporter)
    (http_span,) = [span for span in exporter.get_finished_spans() if span.name not in (CALL, ATTEMPT)]
    assert http_span.parent is not None and http_span.parent.span_id == attempt.context.span_id
    assert http_span.kind is trace.SpanKind.CLIENT
    traceparent = server.requests[-1].headers["traceparent"]  # the trace reaches the vendor, from the httpx span
    assert f"{http_span.context.span_id:016x}" in traceparent
    _assert_clean(exporter)


def test_a_no_op_provider_makes_only_invalid_spans_and_attaches_nothing(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opentelemetry.trace import NoOpTracerProvider

    tracer = NoOpTracerProvider().get_tracer("storefronts")
    monkeypatch.setattr(_tracing, "_api", (trace, context, tracer, lambda: True))
    attached: list[object] = []
    real_attach = context.attach
    monkeypatch.setattr(context, "attach", lambda ctx: attached.append(ctx) or real_attach(ctx))
    server.replies.append(Reply(200, json=ok_body("bitbybit")))
    with sync_client("bitbybit", server) as client:
        assert client.update_order(ORDER_ID, notes="hi").id == ORDER_ID
    assert attached == []


def test_without_a_tracer_provider_no_span_is_started(server: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> None:
    _tracing.enabled()  # the real API, no provider set in this process
    assert isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider)
    started: list[str] = []
    monkeypatch.setattr(_tracing, "Span", lambda name, attributes: started.append(name))
    server.replies.append(Reply(200, json=ok_body("bitbybit")))
    with sync_client("bitbybit", server) as client:
        assert client.update_order(ORDER_ID, notes="hi").id == ORDER_ID
    assert started == []


# -- the extra not installed, and the import cost: fresh interpreters ----------------------------------------------

_BLOCKED = textwrap.dedent(
    """
    import sys
    sys.modules["opentelemetry"] = None  # as if the otel extra were not installed: importing it raises ImportError
    from storefronts import Client, _tracing
    from storefronts.testing import sandbox

    with sandbox("bitbybit") as server, Client("bitbybit", api_key=server.api_key, base_url=server.base_url) as c:
        c.update_order(next(iter(server.orders)), notes="hi")
    print(_tracing.enabled(), _tracing._api, sorted(m for m in sys.modules if m.startswith("opentelemetry.")))
    """
)


def test_without_the_extra_a_call_works_and_makes_no_span() -> None:
    result = run_python(_BLOCKED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "None", "[]"]


def test_import_storefronts_does_not_import_opentelemetry() -> None:
    result = run_python(
        "import sys, storefronts; print(sorted(m for m in sys.modules if m.split('.')[0] == 'opentelemetry'))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
