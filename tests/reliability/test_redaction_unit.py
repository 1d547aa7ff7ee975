"""The redaction and message-sanitising helpers on their own: every escaped form of a key, in any mix, goes;
fragments left by a cut go; text that only resembles the key stays; vendor text becomes one printable line."""

from __future__ import annotations

import json
import pickle
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storefronts._base_client import _wait
from storefronts._redaction import MIN_KEY_FRAGMENT_CHARS, REDACTED, Redactor, printable

KEY = "bbk_live_Q9x-7/f+e=\"c'\\Z"
_KEY_CHARS = st.characters(min_codepoint=0x21, max_codepoint=0x7E)


def _escape_each(key: str, ways: list[int]) -> str:
    """The key with each character written one of several ways, as a server or a library might."""
    out = []
    for char, way in zip(key, ways, strict=True):
        code = ord(char)
        out.append(
            [
                char,
                f"\\u{code:04x}",
                f"\\u{code:04X}",
                f"%{code:02x}",
                f"%{code:02X}",
                f"%25{code:02x}",
                f"\\x{code:02x}",
                f"\\{char}",
                f"\\\\u{code:04x}",
            ][way]
        )
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), key=st.text(_KEY_CHARS, min_size=8, max_size=40))
def test_every_mix_of_escapes_is_redacted(data: st.DataObject, key: str) -> None:
    ways = data.draw(st.lists(st.integers(0, 8), min_size=len(key), max_size=len(key)))
    written = _escape_each(key, ways)
    text = f"before {written} after"
    assert Redactor(key).text(text) == f"before {REDACTED} after"


@pytest.mark.parametrize(
    "form",
    [KEY, repr(KEY)[1:-1], json.dumps(KEY)[1:-1], quote(KEY, safe=""), quote(KEY), repr(KEY.encode())[2:-1]],
    ids=["as-is", "repr", "json", "percent", "percent-path", "bytes-repr"],
)
def test_the_usual_forms_are_redacted(form: str) -> None:
    assert Redactor(KEY).text(f"<{form}>") == f"<{REDACTED}>"


@pytest.mark.parametrize("kept", range(MIN_KEY_FRAGMENT_CHARS, len(KEY)))
def test_a_prefix_or_suffix_left_by_a_cut_is_redacted(kept: int) -> None:
    redactor = Redactor(KEY)
    assert redactor.text(f"(Location: x{KEY[:kept]}") == f"(Location: x{REDACTED}"
    assert redactor.text(f"{KEY[-kept:]} tail)") == f"{REDACTED} tail)"


def test_shorter_runs_and_lookalikes_stay() -> None:
    redactor = Redactor(KEY)
    short = KEY[: MIN_KEY_FRAGMENT_CHARS - 1]
    assert redactor.text(f"a {short} b") == f"a {short} b"
    assert redactor.text("nothing to see") == "nothing to see"


def test_bytes_keep_everything_but_the_key() -> None:
    data = b"\xff\x00 " + KEY.encode() + b" \xe2\x82\xac"
    assert Redactor(KEY).bytes(data) == b"\xff\x00 " + REDACTED.encode() + b" \xe2\x82\xac"


def test_json_values_are_redacted_without_recursion() -> None:
    redactor = Redactor(KEY)
    nested: object = {"message": f"key {KEY}", KEY: [1, None, True, KEY]}
    for _ in range(50_000):  # deeper than any recursive walk could go
        nested = [nested]
    fixed = redactor.value(nested)
    for _ in range(50_000):
        assert isinstance(fixed, list)
        fixed = fixed[0]
    assert fixed == {"message": f"key {REDACTED}", REDACTED: [1, None, True, REDACTED]}
    untouched = {"a": ["b"]}
    assert redactor.value(untouched) is untouched  # nothing to take out: the same object


def test_a_short_key_is_not_redacted_and_a_redactor_never_shows_its_key() -> None:
    assert Redactor("abc").text("abc def") == "abc def"
    assert KEY not in repr(Redactor(KEY))
    with pytest.raises(TypeError):
        pickle.dumps(Redactor(KEY))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("one\ntwo", "one\\ntwo"),
        ("a\r\nb\tc", "a\\r\\nb\\tc"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("c1\x85\x9b", "c1\\x85\\x9b"),
        ("sep\u2028par\u2029", "sep\\u2028par\\u2029"),
        ("rtl\u202eoverride\u2066iso", "rtl\\u202eoverride\\u2066iso"),
        ("lone\ud800", "lone\\ud800"),
        ("plain é ü 中文 ✓", "plain é ü 中文 ✓"),
    ],
)
def test_printable_escapes_what_could_forge_a_line_or_drive_a_terminal(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert printable(text).isprintable()


@given(st.text())
def test_printable_always_gives_one_printable_utf8_line(text: str) -> None:
    shown = printable(text)
    shown.encode("utf-8")
    assert "\n" not in shown and "\r" not in shown and "\x1b" not in shown


@pytest.mark.parametrize(
    ("seconds", "worded"),
    [
        (0.0, "0 s"),
        (0.25, "0.25 s"),
        (0.5, "0.5 s"),
        (1.0, "1 s"),
        (1.5, "1.5 s"),
        (60.0, "60 s"),
        (60.001, "60.001 s"),
        (3600.0, "3600 s"),
        (2.516e11, "2.52e+11 s"),
    ],
)
def test_waits_are_worded_as_they_are(seconds: float, worded: str) -> None:
    assert _wait(seconds) == worded
