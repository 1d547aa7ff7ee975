"""Reading a response body under the size cap, counting the bytes it decodes to.

httpx decodes a ``Content-Encoding`` in one ``decompress()`` per network chunk, with no bound on the output: one
64 KiB chunk of stacked gzip can become gigabytes before any counter sees it. So we read the raw bytes
(``iter_raw``) and decode them ourselves, in pieces of at most ``DECODE_PIECE_BYTES`` per layer
(``zlib``'s ``max_length``), counting every decoded piece against the limit as it comes. Memory then stays
within the limit for the pieces kept, plus one copy when they are joined, plus a piece per layer in flight.

The codings we decode are the ones we ask for (``Accept-Encoding: gzip, deflate``): ``br`` and ``zstd`` have no
bounded decoder in the standard library, so a body sent in them anyway is refused. ``identity`` and codings httpx
does not know either are passed through as raw bytes, as httpx does.

Never trusted: a declared ``Content-Length`` (it may only refuse a body early), and the decoder's idea of the
end (a compressed layer that stops before its end marker is a truncated body, not a short one).
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ._constants import ACCEPT_ENCODING, DECODE_PIECE_BYTES, UNDECODABLE_BODY_KEPT_BYTES

if TYPE_CHECKING:
    import httpx

    from ._attempt import Attempt

# httpx decodes these when their package is installed; we never ask for them, and cannot bound their output
_REFUSED_CODINGS = frozenset({"br", "zstd"})
_DECODED_CODINGS = frozenset({"gzip", "deflate"})
_GZIP_WBITS = 16 + zlib.MAX_WBITS
# RFC 1950: a zlib stream's first byte names compression method 8 (deflate) in its low nibble, and its first two
# bytes, read as a big-endian number, are a multiple of 31.
_ZLIB_METHOD_MASK = 0x0F
_ZLIB_DEFLATE_METHOD = 8
_ZLIB_HEADER_CHECK = 31


class BodyRefused(Exception):
    """A body we do not hand on: too large, or not valid for its Content-Encoding."""

    def __init__(self, message: str, status_code: int) -> None:
        self.status_code = status_code
        super().__init__(message)


class ResponseTooLarge(BodyRefused):
    """The body is larger than the call allows (counted as received and as decoded)."""

    def __init__(self, limit: int, declared: int | None, status_code: int) -> None:
        self.limit = limit
        self.declared = declared
        size = f"{declared} bytes declared" if declared is not None else "more than that received or decoded"
        super().__init__(f"response body exceeds the {limit}-byte limit ({size})", status_code)


class UndecodableBody(BodyRefused):
    """A successful status whose body is not valid for its declared Content-Encoding."""


class _Undecodable(Exception):
    """Raised inside the reader; becomes ``UndecodableBody`` on a success, an unreadable error body otherwise."""


def _looks_like_zlib(head: bytes) -> bool:
    """RFC 1950 header check: 'deflate' is meant to be zlib-wrapped, but some servers send raw deflate."""
    return head[0] & _ZLIB_METHOD_MASK == _ZLIB_DEFLATE_METHOD and ((head[0] << 8) | head[1]) % _ZLIB_HEADER_CHECK == 0


class _Inflater:
    """One gzip or deflate layer, decoding at most ``DECODE_PIECE_BYTES`` per output piece."""

    __slots__ = ("_decompressor", "_encoding", "_head")

    def __init__(self, encoding: str) -> None:
        self._encoding = encoding
        self._head = b""  # deflate: the first bytes, until there are two to tell zlib from raw deflate
        self._decompressor: zlib._Decompress | None = zlib.decompressobj(_GZIP_WBITS) if encoding == "gzip" else None

    def feed(self, data: bytes) -> Iterator[bytes]:
        decompressor = self._decompressor
        if decompressor is None:
            data = self._head + data
            if len(data) < 2:
                self._head = data
                return
            self._head = b""
            decompressor = zlib.decompressobj(zlib.MAX_WBITS if _looks_like_zlib(data) else -zlib.MAX_WBITS)
            self._decompressor = decompressor
        while True:
            if decompressor.eof:
                if not data:
                    return
                if self._encoding != "gzip":
                    raise _Undecodable("data after the end of the deflate stream")
                decompressor = self._decompressor = zlib.decompressobj(_GZIP_WBITS)  # a gzip body may have members
            try:
                piece = decompressor.decompress(data, DECODE_PIECE_BYTES)
            except zlib.error as error:
                raise _Undecodable(f"not valid {self._encoding} ({error})") from None
            if piece:
                yield piece
            data = decompressor.unused_data if decompressor.eof else decompressor.unconsumed_tail
            if not data and len(piece) < DECODE_PIECE_BYTES:
                return

    def finish(self) -> None:
        if self._head:
            raise _Undecodable("truncated deflate stream")
        if self._decompressor is not None and not self._decompressor.eof:
            raise _Undecodable(f"truncated {self._encoding} stream")


def _layers(response: httpx.Response) -> list[_Inflater]:
    """The decoders for the response's Content-Encoding, in the order they apply (the last coding first)."""
    if "content-encoding" not in response.headers:
        return []
    layers = []
    for value in reversed(response.headers.get_list("content-encoding", split_commas=True)):
        coding = value.strip().lower()
        if coding in _DECODED_CODINGS:
            layers.append(_Inflater(coding))
        elif coding in _REFUSED_CODINGS:
            raise _Undecodable(f"Content-Encoding {coding} was not asked for (Accept-Encoding: {ACCEPT_ENCODING})")
    return layers


def _decoded(layers: list[_Inflater], data: bytes, depth: int = 0) -> Iterator[bytes]:
    if depth == len(layers):
        yield data
        return
    for piece in layers[depth].feed(data):
        yield from _decoded(layers, piece, depth + 1)


class BodyReader:
    """Takes a response's raw chunks, in order, and leaves the decoded body as its content (``response.read()``
    would decode without a bound). The sync and async twins differ only in how they iterate the raw chunks."""

    __slots__ = ("_attempt", "_kept", "_layers", "_limit", "_parts", "_raw", "_received", "_response")

    def __init__(self, response: httpx.Response, attempt: Attempt) -> None:
        self._response = response
        self._attempt = attempt
        self._limit = attempt.limits.max_response_bytes
        self._parts: list[bytes] = []
        self._received = 0
        self._raw = 0
        self._kept = b""  # the start of the raw body, quoted when an error body cannot be decoded
        self._layers: list[_Inflater] | _Undecodable
        try:
            self._layers = _layers(response)
        except _Undecodable as problem:
            self._layers = problem

    def take(self, raw: bytes) -> None:
        layers = self._layers
        if not layers:
            self._add(raw)
        else:
            self._raw += len(raw)
            if self._raw > self._limit:
                raise ResponseTooLarge(self._limit, None, self._response.status_code)
            if len(self._kept) < UNDECODABLE_BODY_KEPT_BYTES:
                self._kept += raw[: UNDECODABLE_BODY_KEPT_BYTES - len(self._kept)]
            if isinstance(layers, _Undecodable):
                raise layers
            for piece in _decoded(layers, raw):
                self._add(piece)
        if time.monotonic() > self._attempt.deadline:
            raise self._attempt.timeout()

    def _add(self, piece: bytes) -> None:
        self._received += len(piece)
        if self._received > self._limit:
            raise ResponseTooLarge(self._limit, None, self._response.status_code)
        self._parts.append(piece)

    def finish(self) -> None:
        """Check the body is whole, and hand it to the response as its content."""
        layers = self._layers
        if isinstance(layers, _Undecodable):
            raise layers
        for layer in layers:
            layer.finish()
        if self._attempt.watchdog_fired:  # a body without a length "ends" when the watchdog shuts the connection
            raise self._attempt.timeout()
        # what httpx.Response.read() sets: .content, .text and .json() read it, and no second decode happens
        self._response._content = b"".join(self._parts)
        self._parts = []

    def undecodable(self, problem: _Undecodable) -> None:
        """A body not valid for its Content-Encoding (the stream is already closed). On a success status that is
        a refusal; on an error status the status still says what happened (a proxy's 502 labelled gzip is a
        502), so the body becomes the start of its raw bytes, for the message to quote."""
        status_code = self._response.status_code
        if status_code < 400:
            raise UndecodableBody(f"response body cannot be decoded: {problem}", status_code) from None
        self._response._content = self._kept
        self._parts = []


__all__ = ["BodyReader", "BodyRefused", "ResponseTooLarge", "UndecodableBody", "_Undecodable"]
