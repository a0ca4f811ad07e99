"""What one field of a wiki may cost: a size limit, and Python text nested beyond what Python's parser reads.

A field over MAX_FIELD_CHARS, or code that makes `ast.parse` raise RecursionError (thousands of nested
operators or brackets), is dropped with a warning naming the file and line; the rest of the wiki is read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from generator.apitext import api_from_signature, parse_api
from generator.errors import ParseError
from generator.parse.text import MAX_FIELD_CHARS, WikiText
from generator.pysource import parse_dedented

T = TypeVar("T")
TOO_DEEP = "is nested too deeply for Python's parser (thousands of nested operators or brackets)"


def too_long(value: str) -> str | None:
    """Why a field is refused for its size, or None."""
    if len(value) > MAX_FIELD_CHARS:
        return f"is {len(value)} characters, over the limit of {MAX_FIELD_CHARS} for one field"
    return None


def line_of(text: str, part: str, first_line: int = 1) -> int:
    """The line of text where part starts (first_line when it is not found)."""
    at = text.find(part) if part else -1
    return first_line if at < 0 else text.count("\n", 0, at) + 1


def deepest_line(text: str) -> int:
    """The line where brackets nest deepest: where a reader should look when a page nests too deeply."""
    depth = best = 0
    line = best_line = 1
    for char in text:
        if char in "{[(<":
            depth += 1
            if depth > best:
                best, best_line = depth, line
        elif char in "}])>":
            depth = max(0, depth - 1)
        elif char == "\n":
            line += 1
    return best_line


def parsed(parse: Callable[..., T], source: WikiText, *args: object) -> T:
    """parse(source, *args), with a page too deeply nested to parse reported as a ParseError."""
    try:
        return parse(source, *args)
    except RecursionError:
        raise ParseError(source.path, deepest_line(source.text), "page is nested too deeply to read") from None


def code_too_deep(code: str) -> bool:
    """Whether Python's parser gives up on code for its nesting (RecursionError)."""
    try:
        parse_dedented(code)
    except RecursionError:
        return True
    except (SyntaxError, ValueError, MemoryError):
        return False
    return False


def api_too_deep(api: str) -> bool:
    """Whether API text (`f(a, b=1)`, `def f(...)`) is nested beyond what Python's parser reads."""
    try:
        parse_api(api)
    except RecursionError:
        return True
    return False


def signature_too_deep(signature: str, name: str) -> bool:
    """Whether a Signature block is nested beyond what Python's parser reads."""
    try:
        api_from_signature(signature, name)
    except RecursionError:
        return True
    return False
