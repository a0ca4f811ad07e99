"""Reading wiki bytes: BOM, CRLF, control characters, mojibake, empty and binary files."""

from __future__ import annotations

import pytest

from generator.errors import ParseError
from generator.parse.text import decode_bytes, repair_line


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("‚úÖ done", "✅ done"),  # UTF-8 shown as Mac Roman
        ("‚¨úImpl:Foo", "⬜Impl:Foo"),
        ("‚Üí next", "→ next"),
        ("‚ö†Ô∏è CRITICAL", "⚠️ CRITICAL"),
        ("â†’ arrow", "→ arrow"),  # UTF-8 shown as cp1252
        ("âœ… ok", "✅ ok"),
        ("it‚Äôs", "it’s"),
    ],
)
def test_mojibake_is_repaired(broken, fixed):
    assert repair_line(broken) == fixed


@pytest.mark.parametrize(
    "clean",
    [
        "‚✅",  # a lone low quote before a real emoji: ftfy alone would turn it into 'úÖ
        "plain ✅ → ok",
        "café naïve Straße",
        "Ünïcödé — “quotes” ‘single’",
        "日本語テキスト",
        "ascii only | table | row",
    ],
)
def test_clean_text_is_left_alone(clean):
    assert repair_line(clean) == clean


def test_bom_crlf_and_controls_are_normalised():
    text, repaired = decode_bytes("\ufeff# Title\r\nline\x07 two\r\n‚úÖ\r\n".encode(), "x.md")
    assert text == "# Title\nline two\n✅\n"
    assert repaired == (3,)


def test_lone_cr_line_endings():
    text, _ = decode_bytes(b"a\rb\rc", "x.md")
    assert text.split("\n") == ["a", "b", "c"]


@pytest.mark.parametrize("data", [b"", b"   \n\n  ", b"\xef\xbb\xbf"])
def test_empty_file_is_an_error_naming_the_file(data):
    with pytest.raises(ParseError) as info:
        decode_bytes(data, "wiki/_WorkflowIndex.md")
    assert str(info.value).startswith("wiki/_WorkflowIndex.md:1:")
    assert "empty" in str(info.value)


def test_binary_file_is_an_error_with_its_line():
    with pytest.raises(ParseError) as info:
        decode_bytes(b"# ok\nline\n\x00\x01\x02binary", "page.md")
    assert str(info.value).startswith("page.md:3:")
    assert "binary" in str(info.value)


def test_cp1252_file_is_read():
    text, _ = decode_bytes("caf\xe9 ok\n".encode("cp1252"), "page.md")
    assert text.startswith("café")
