"""Whole HTTP responses, byte for byte, as a hostile server or a broken proxy would send them.

``frame(...)`` writes one response: status line, headers and a body in any framing, honest or not.
``encode(...)`` applies content codings, and ``bomb(...)`` builds a small body that decodes to a huge one without
holding the huge one in memory. ``hostile_responses(vendor)`` is the hypothesis strategy that combines them all.
"""

from __future__ import annotations

import functools
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Literal, get_args

from hypothesis import strategies as st

from tests.vendors import table

__all__ = [
    "FRAMINGS",
    "NESTED_JSON_DEPTH",
    "HostileResponse",
    "bomb",
    "encode",
    "error_bodies",
    "frame",
    "hostile_responses",
    "ok_body",
]

Framing = Literal[
    "length",
    "length-short",
    "length-long",
    "length-duplicate",
    "length-conflict",
    "length-negative",
    "length-junk",
    "length-with-chunked",
    "chunked",
    "chunked-extensions",
    "chunked-bad-size",
    "chunked-unterminated",
    "chunked-trailers",
    "close",
]
FRAMINGS: tuple[Framing, ...] = get_args(Framing)

# How deep the generated nested JSON goes: far past the JSON parser's recursion limit, and still inside the body cap
# of the hostile suite (two bytes a level), so it is the parser, not the size limit, that meets it.
NESTED_JSON_DEPTH = 100_000

_CHUNK = 4096


def gzip_bytes(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def deflate_bytes(data: bytes, *, raw: bool = False) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def encode(body: bytes, codings: Sequence[str]) -> bytes:
    """``body`` with each coding applied in order (as ``Content-Encoding: a, b`` means: a first, then b)."""
    for coding in codings:
        if coding == "gzip":
            body = gzip_bytes(body)
        elif coding == "deflate":
            body = deflate_bytes(body)
        elif coding == "deflate-raw":
            body = deflate_bytes(body, raw=True)
    return body


@functools.cache
def bomb(codings: tuple[str, ...], decoded_bytes: int) -> bytes:
    """Zeros, ``decoded_bytes`` of them, under ``codings``, compressed as a stream: never all in memory."""
    first, *rest = codings
    wbits = {"gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS, "deflate-raw": -zlib.MAX_WBITS}[first]
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = bytes(1024 * 1024)
    parts = []
    left = decoded_bytes
    while left > 0:
        parts.append(compressor.compress(block[: min(left, len(block))]))
        left -= len(block)
    parts.append(compressor.flush())
    return encode(b"".join(parts), rest)


def _chunked(body: bytes, *, extension: bytes = b"", size_format: bytes = b"%x", end: bytes = b"0\r\n\r\n") -> bytes:
    out = []
    for start in range(0, len(body), _CHUNK):
        piece = body[start : start + _CHUNK]
        out.append(size_format % len(piece) + extension + b"\r\n" + piece + b"\r\n")
    out.append(end)
    return b"".join(out)


def frame(
    status: int, headers: Sequence[tuple[bytes, bytes]], body: bytes, framing: Framing, *, reason: bytes = b"X"
) -> bytes:
    """One response on the wire. The server closes the connection after it, so a lying length ends in EOF."""
    head = [b"HTTP/1.1 %d %s" % (status, reason), *(name + b": " + value for name, value in headers)]
    length = b"%d" % len(body)
    if framing == "length":
        head.append(b"Content-Length: " + length)
    elif framing == "length-short":
        head.append(b"Content-Length: %d" % max(0, len(body) // 2))
    elif framing == "length-long":
        head.append(b"Content-Length: %d" % (len(body) + 100))
    elif framing == "length-duplicate":
        head += [b"Content-Length: " + length, b"Content-Length: " + length]
    elif framing == "length-conflict":
        head += [b"Content-Length: " + length, b"Content-Length: %d" % (len(body) + 1)]
    elif framing == "length-negative":
        head.append(b"Content-Length: -%s" % length)
    elif framing == "length-junk":
        head.append(b"Content-Length: 1e3")
    elif framing == "length-with-chunked":
        head += [b"Content-Length: 10", b"Transfer-Encoding: chunked"]
        body = _chunked(body)
    elif framing.startswith("chunked"):
        head.append(b"Transfer-Encoding: chunked")
        if framing == "chunked":
            body = _chunked(body)
        elif framing == "chunked-extensions":
            body = _chunked(body, extension=b';name="va;lue";x=' + b"e" * 200)
        elif framing == "chunked-bad-size":
            body = _chunked(body, size_format=b"zz%x")
        elif framing == "chunked-unterminated":
            body = _chunked(body, end=b"")
        else:  # trailers
            body = _chunked(body, end=b"0\r\nX-Trailer: 1\r\nContent-Length: 99999999\r\n\r\n")
    # "close": no length at all, the body ends when the connection does
    return b"\r\n".join(head) + b"\r\n\r\n" + body


def ok_body(vendor: str, order_id: str = "ord_1") -> bytes:
    """The vendor's 200 body (its table's, tests/vendors/) for order ``order_id``, with notes ``"n"``."""
    entry = table(vendor)
    return json.dumps(entry.ok(**{entry.order_id_field: order_id, entry.notes_field: "n"})).encode()


def error_bodies(vendor: str) -> list[bytes]:
    """The vendor's error bodies (its table's): its 404, and one for each code its errors name a class of their own
    for (LaunchMyStore's ORDER_CLOSED)."""
    entry = table(vendor)
    bodies = [entry.not_found_body()]
    conflict = HTTPStatus.CONFLICT
    bodies += [entry.error(conflict, code, conflict.phrase) for code in entry.code_classes]
    return [json.dumps(body).encode() for body in bodies]


@dataclass(frozen=True)
class HostileResponse:
    wire: bytes  # every byte the server sends on the connection
    summary: str  # for a failing example's report (the wire may be megabytes)


def _payloads(vendor: str, cap: int) -> st.SearchStrategy[tuple[str, bytes]]:
    ok = ok_body(vendor)
    nested = b'{"data": ' + b"[" * NESTED_JSON_DEPTH + b"]" * NESTED_JSON_DEPTH + b"}"
    return st.one_of(
        st.just(("ok", ok)),
        st.sampled_from(error_bodies(vendor)).map(lambda body: ("error", body)),
        st.just(("truncated", ok[: len(ok) // 2])),
        st.just(("nested", nested)),
        st.just(("invalid-utf8", ok.replace(b'"n"', b'"\xff\xfe\xed\xa0\x80"').replace(b"ord_1", b"ord_\xc3("))),
        st.just(("html", b"<html><body><h1>502 Bad Gateway</h1></body></html>")),
        st.just(("empty", b"")),
        st.just(("over-cap", b" " * (cap + 1))),
        st.binary(max_size=512).map(lambda data: ("binary", data)),
    )


# Retry-After as servers (and broken proxies) send it: seconds, fractions, absurd and negative numbers, HTTP-dates
# from year 1 to 9999, garbage. The suite's calls make no retry, so no value here is ever slept.
_RETRY_AFTER = st.one_of(
    st.integers(-(10**30), 10**30).map(lambda seconds: b"%d" % seconds),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda seconds: repr(seconds).encode()),
    st.sampled_from(
        [b"Fri, 31 Dec 9999 23:59:59 GMT", b"Mon, 01 Jan 0001 00:00:00 GMT", b"Wed, 21 Oct 2015 07:28:00 GMT", b""]
    ),
    st.binary(max_size=40).filter(lambda value: b"\r" not in value and b"\n" not in value),
)

_CODINGS = ("gzip", "deflate", "deflate-raw", "identity", "br", "zstd", "bogus", "GZIP")


@st.composite
def hostile_responses(draw: st.DrawFn, vendor: str, cap: int) -> HostileResponse:
    """One response from every dimension at once: informational preambles, any status, any framing, any stack of
    content codings (applied as declared, or mislabelled), any payload, compression bombs over the cap."""
    status = draw(
        st.one_of(st.sampled_from([200, 201, 204, 400, 401, 404, 409, 429, 500, 502, 503]), st.integers(200, 599))
    )
    preamble = draw(
        st.lists(
            st.sampled_from([b"HTTP/1.1 100 Continue\r\n\r\n", b"HTTP/1.1 103 Early\r\nLink: </a>\r\n\r\n"]), max_size=3
        )
    )
    framing = draw(st.sampled_from(FRAMINGS))
    declared = draw(st.lists(st.sampled_from(_CODINGS), max_size=3))
    kind = draw(st.sampled_from(["as-declared", "mislabelled", "bomb"]))
    if kind == "bomb":
        stack = draw(st.lists(st.sampled_from(["gzip", "deflate", "deflate-raw"]), min_size=1, max_size=3))
        size = draw(st.sampled_from([cap // 2, cap + 1, 4 * cap, 256 * cap]))
        payload_name, body = f"bomb {size} B", bomb(tuple(stack), size)
        declared = [{"deflate-raw": "deflate"}.get(coding, coding) for coding in stack]
    else:
        payload_name, payload = draw(_payloads(vendor, cap))
        applied = declared if kind == "as-declared" else draw(st.lists(st.sampled_from(_CODINGS), max_size=2))
        body = encode(payload, [coding.lower() for coding in applied])
    headers: list[tuple[bytes, bytes]] = []
    content_type = draw(st.sampled_from([b"application/json", b"application/json; charset=utf-8", b"text/html", None]))
    if content_type is not None:
        headers.append((b"Content-Type", content_type))
    if declared:
        header = b", ".join(coding.replace("deflate-raw", "deflate").encode() for coding in declared)
        headers.append((b"Content-Encoding", header))
    if draw(st.booleans()):
        headers.append((b"Retry-After", draw(_RETRY_AFTER)))
    wire = b"".join(preamble) + frame(status, headers, body, framing)
    summary = f"{status} {framing} encoding={declared} {kind} payload={payload_name} preamble={len(preamble)}"
    return HostileResponse(wire, summary)
