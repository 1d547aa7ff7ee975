"""Keeping the credential out of everything an error hands out, and vendor text safe to print.

Three tools, one per route a key or a forged line could take:

- :class:`Redactor` takes a credential (one key, or each part of a key and secret) out of text, in every form a
  server or a library could write it: as sent, and escaped as Python's ``repr``, JSON (``\\u0062``),
  percent-encoding (``%62``) or ``\\x62`` would write each character, in any mix, with any number of backslashes.
  Wherever text was cut (an excerpt), a prefix or suffix of each secret of at least
  :data:`MIN_KEY_FRAGMENT_CHARS` characters goes too, so a cut echo leaves no usable part.
- :func:`scrub_failure` applies it to an error before it is raised: its message and attributes, the response it
  carries (headers, reason phrase, body, and the request's credential header) and every exception it chains.
- :class:`RedactingFilter`, on httpx's and httpcore's loggers, takes every live client's key out of their
  records (httpx's INFO line quotes the reason phrase; httpcore's DEBUG lines quote headers).

:func:`printable` is the one sanitiser for vendor text quoted in our messages: control characters (newlines, ANSI
escapes, C1, bidirectional overrides) are escaped, so a message cannot forge log lines or drive a terminal.
"""

from __future__ import annotations

import logging
import re
import threading
import traceback
import weakref
from collections.abc import Iterator
from types import TracebackType
from typing import Any
from urllib.parse import quote, quote_plus

import httpx

REDACTED = "[redacted]"
MIN_REDACTED_KEY_CHARS = 8
"""A key shorter than this is not redacted: it would match ordinary words in a message."""
MIN_KEY_FRAGMENT_CHARS = 8
"""Where text may have been cut, a run of at least this many characters from the key's start or end is redacted."""
CHAIN_LIMIT = 32
"""The most chained exceptions scrubbed (and the deepest JSON level walked is bounded by the parser already)."""

_LOGGERS = (
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)
"""Every logger httpx and httpcore write to (a filter on a logger does not see its children's records)."""


# -- vendor text in our messages ------------------------------------------------------------------------------

# C0 and C1 controls, DEL, line and paragraph separators, bidirectional embeddings, overrides and isolates,
# and lone surrogates (not valid UTF-8 text)
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _SHORT_ESCAPES.get(char) or (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")


def printable(text: str) -> str:
    """Vendor text as one safe line of a message: every control character escaped (``\\n``, ``\\x1b``)."""
    return _UNPRINTABLE.sub(_escape, text)


# -- the key --------------------------------------------------------------------------------------------------


def _char_pattern(char: str) -> str:
    """Every way one character of the key may be written: itself, escaped by repr or JSON, or encoded."""
    code = ord(char)
    # longest first: the first alternative that fits wins, and a literal backslash must not stop a \u005c short
    ways = []
    if code <= 0xFFFF:
        ways.append(rf"\\+u{code:04x}")
    else:
        high, low = 0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)
        ways.append(rf"\\+U{code:08x}|\\+u{high:04x}\\+u{low:04x}")
    if code <= 0xFF:
        ways.append(rf"\\+x{code:02x}")
    utf8 = char.encode("utf-8", "surrogatepass")
    ways.append("".join(f"%(?:25)*{byte:02x}" for byte in utf8))  # percent-encoded, perhaps more than once
    ways.append(r"\\+" + re.escape(char))  # repr and JSON put a backslash before \ and quotes
    ways.append(re.escape(char))
    if char == " ":
        ways.append(r"\+")
    return "(?:" + "|".join(ways) + ")"


class Redactor:
    """Takes a credential out of text and bytes: each of its secrets (a key; or a key, a secret and the token made
    of them), alone or together. Its repr, like everything here, never shows them."""

    __slots__ = ("__weakref__", "_built", "_forms", "_keys", "_pattern", "active")

    def __init__(self, key: str, *more: str) -> None:
        # a secret shorter than MIN_REDACTED_KEY_CHARS is not redacted (it would match ordinary words); the longest
        # first, so a token that contains a part (key:secret) is taken out whole
        keys = sorted({k for k in (key, *more) if len(k) >= MIN_REDACTED_KEY_CHARS}, key=len, reverse=True)
        self._keys = tuple(keys)
        self.active = bool(keys)
        # built on first use: most clients never redact anything, and a service makes a client per shop
        # (with_options), where compiling the pattern would be most of a copy's cost
        self._built = False
        self._pattern: re.Pattern[str] | None = None
        self._forms: tuple[str, ...] = ()

    def _compiled(self) -> re.Pattern[str] | None:
        if not self._built:  # two threads may both build it: the same result, assigned twice
            keys = self._keys
            # (?i): hex digits may be either case; a key's letters are matched as given, except inside escapes
            alternatives = ["".join(_char_pattern(char) for char in k) for k in keys]
            forms: set[str] = set()
            for k in keys:
                forms |= {
                    k,
                    repr(k)[1:-1],
                    quote(k, safe=""),
                    quote(k),
                    quote_plus(k),
                    k.encode("utf-8", "surrogatepass").decode("latin-1"),
                }
            self._forms = tuple(sorted(forms, key=len, reverse=True))
            self._pattern = re.compile("|".join(alternatives), re.IGNORECASE) if self.active else None
            self._built = True
        return self._pattern

    def __repr__(self) -> str:
        return "Redactor(***)"

    def __reduce__(self) -> Any:
        raise TypeError("a Redactor holds a credential and is not pickled")

    def contains(self, text: str) -> bool:
        if not self.active:
            return False
        if any(key in text for key in self._keys):
            return True
        pattern = self._compiled()
        return pattern is not None and pattern.search(text) is not None

    def text(self, text: str, *, fragments: bool = True) -> str:
        """``text`` with the key, in any of its forms, and any cut-off fragment of it, replaced by [redacted]."""
        pattern = self._compiled() if self.active else None
        if pattern is None:
            return text
        text = pattern.sub(REDACTED, text)
        return self._fragments(text) if fragments else text

    def bytes(self, data: bytes) -> bytes:
        if not self.active:
            return data
        as_text = data.decode("latin-1")  # one character per byte: the redacted bytes are the rest unchanged
        redacted = self.text(as_text)
        return data if redacted == as_text else redacted.encode("latin-1")

    def _fragments(self, text: str) -> str:
        """Redact a prefix or suffix of the key, of MIN_KEY_FRAGMENT_CHARS or more, left where text was cut.
        Every form's runs are found in the same text first, so the longest run of any form is the one removed."""
        n = MIN_KEY_FRAGMENT_CHARS
        spans: list[tuple[int, int]] = []
        for form in self._forms:
            if len(form) > n:
                spans += _runs(text, form, form[:n], form[-n:])
        if not spans:
            return text
        merged: list[tuple[int, int]] = []
        for begin, stop in sorted(spans):
            if merged and begin <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
            else:
                merged.append((begin, stop))
        for begin, stop in reversed(merged):
            text = text[:begin] + REDACTED + text[stop:]
        return text

    def value(self, value: Any) -> Any:
        """A JSON value with the key taken out of every string in it (keys of objects too); the same object when
        there was nothing to take out. Iterative: a body nested as deep as the parser allows is no problem."""
        if not self.active:
            return value
        if isinstance(value, str):
            return self.text(value)
        if not isinstance(value, dict | list):
            return value
        if not any(self.contains(text) for text in _strings(value)):
            return value
        return _rebuilt(value, self.text)


def _runs(text: str, form: str, head: str, tail: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are a prefix of ``form`` starting with ``head``, or a suffix ending with ``tail``."""
    spans: list[tuple[int, int]] = []
    start = text.find(head)
    while start != -1:
        end = start + len(head)
        while end < len(text) and end - start < len(form) and text[end] == form[end - start]:
            end += 1
        spans.append((start, end))
        start = text.find(head, end)
    end = text.find(tail)
    while end != -1:
        stop = end + len(tail)
        begin, offset = end, len(form) - len(tail)
        while begin > 0 and offset > 0 and text[begin - 1] == form[offset - 1]:
            begin -= 1
            offset -= 1
        spans.append((begin, stop))
        end = text.find(tail, stop)
    return spans


def _strings(value: Any) -> Iterator[str]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _rebuilt(value: Any, fix: Any) -> Any:
    """A copy of a JSON value with ``fix`` applied to every string, without recursion."""
    root: list[Any] = [None]
    work: list[tuple[Any, Any, Any]] = [(value, root, 0)]
    while work:
        item, parent, slot = work.pop()
        if isinstance(item, str):
            parent[slot] = fix(item)
        elif isinstance(item, dict):
            copy: dict[Any, Any] = {}
            parent[slot] = copy
            for name, member in item.items():
                fixed = fix(name) if isinstance(name, str) else name
                copy[fixed] = None
                work.append((member, copy, fixed))
        elif isinstance(item, list):
            items: list[Any] = [None] * len(item)
            parent[slot] = items
            work.extend((member, items, index) for index, member in enumerate(item))
        else:
            parent[slot] = item
    return root[0]


_REDACTORS: weakref.WeakValueDictionary[tuple[str, ...], Redactor] = weakref.WeakValueDictionary()
_REDACTORS_LOCK = threading.Lock()


def redactor_for(secrets: str | tuple[str, ...]) -> Redactor:
    """The Redactor of a credential (its key, or every secret of it), shared by every client holding the same;
    while one lives, the log filter redacts it."""
    keys = (secrets,) if isinstance(secrets, str) else tuple(dict.fromkeys(secrets))
    with _REDACTORS_LOCK:
        redactor = _REDACTORS.get(keys)
        if redactor is None:
            redactor = _REDACTORS[keys] = Redactor(*keys)
    _install_log_filter()
    return redactor


def _live_redactors() -> tuple[Redactor, ...]:
    with _REDACTORS_LOCK:
        return tuple(redactor for redactor in _REDACTORS.values() if redactor.active)


# -- logs -----------------------------------------------------------------------------------------------------


class RedactingFilter(logging.Filter):
    """Takes the key of every live client out of httpx's and httpcore's log records.

    Installed once, for good, rather than around each call: adding and removing a filter per call would race
    between threads (one call's removal uncovering another's records), and a filter costs nothing while those
    loggers are off (no record is made). It changes only records that carry a live client's key, and only that
    text, so records of the caller's own httpx traffic pass as they are unless they quote one of our keys.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        redactors = _live_redactors()
        if not redactors:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a record that cannot be formatted is the handler's to report; it holds no key of ours
            return True
        redacted = message
        for redactor in redactors:  # whole keys first: two keys may share a fragment (a common suffix)
            redacted = redactor.text(redacted, fragments=False)
        for redactor in redactors:
            redacted = redactor.text(redacted)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


_FILTER = RedactingFilter()


def _install_log_filter() -> None:
    for name in _LOGGERS:
        target = logging.getLogger(name)
        if _FILTER not in target.filters:
            target.addFilter(_FILTER)


# -- errors ---------------------------------------------------------------------------------------------------


def scrub_response(response: httpx.Response, redactor: Redactor) -> None:
    """Take the key out of a response in place: headers, reason phrase, body, and its request's headers.

    In place, not a copy: the same object is reachable from the caller's event hooks, our frames and the error,
    and every one of them must show the redacted version."""
    if redactor.contains(str(response.headers.raw)) or redactor.contains(repr(response.headers.raw)):
        response.headers = httpx.Headers(
            [(redactor.text(name), redactor.text(value)) for name, value in response.headers.multi_items()]
        )
    reason = response.extensions.get("reason_phrase")
    if isinstance(reason, bytes):
        response.extensions["reason_phrase"] = redactor.bytes(reason)
    content = getattr(response, "_content", None)  # httpx keeps a read body there; an unread one has none
    if isinstance(content, bytes):
        response._content = redactor.bytes(content)
    try:
        request = response.request
    except RuntimeError:  # a response built without a request
        return
    scrub_request(request, redactor)


def scrub_request(request: httpx.Request, redactor: Redactor) -> None:
    """Mask the credential header of a request that was sent (and redact the key anywhere else in its headers)."""
    keys = redactor._keys
    headers = request.headers.multi_items()
    if any(redactor.contains(value) for _, value in headers):
        request.headers = httpx.Headers(
            [(name, REDACTED if any(k in value for k in keys) else redactor.text(value)) for name, value in headers]
        )
    url = str(request.url)
    if redactor.contains(url):
        request.url = httpx.URL(redactor.text(url))


def chain(error: BaseException) -> Iterator[BaseException]:
    """The exceptions ``error`` chains (its __cause__ and __context__, recursively), each once, not ``error``."""
    seen = {id(error)}
    pending = [error.__cause__, error.__context__]
    while pending and len(seen) <= CHAIN_LIMIT:
        item = pending.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        pending.extend((item.__cause__, item.__context__))


def _scrub_attributes(error: BaseException, redactor: Redactor) -> None:
    error.args = tuple(_scrubbed_value(arg, redactor) for arg in error.args)
    state = getattr(error, "__dict__", None)
    if not state:
        return
    for name, value in list(state.items()):
        if isinstance(value, httpx.Response):
            scrub_response(value, redactor)
        elif isinstance(value, httpx.Request):
            scrub_request(value, redactor)
        else:
            fixed = _scrubbed_value(value, redactor)
            if fixed is not value:
                setattr(error, name, fixed)


def _scrubbed_value(value: Any, redactor: Redactor) -> Any:
    if isinstance(value, str):
        fixed = redactor.text(value)
        return value if fixed == value else fixed
    if isinstance(value, bytes | bytearray):
        fixed_bytes = redactor.bytes(bytes(value))
        return value if fixed_bytes == value else fixed_bytes
    if isinstance(value, dict | list):
        return redactor.value(value)
    return value


def scrub_failure(failure: BaseException, redactor: Redactor, traceback_: TracebackType | None) -> None:
    """Take the key out of an error and everything it chains, before it is raised.

    The chained exceptions (httpx's, h11's) keep their type, message (redacted) and printed traceback, but not
    their frames' local variables: h11 keeps the request's headers there, and an error tracker sends locals. The
    frames of ``traceback_`` that have returned (our readers, which held the body before redaction) lose theirs
    too. A chained exception that would still show the key when formatted is dropped from the chain."""
    _scrub_attributes(failure, redactor)
    for linked in chain(failure):
        _scrub_attributes(linked, redactor)
        traceback.clear_frames(linked.__traceback__)
    traceback.clear_frames(traceback_)
    if any(redactor.contains(text) for text in traceback.format_exception(failure)):
        failure.__cause__ = failure.__context__ = None
        failure.__suppress_context__ = True
