"""Wiki markup that cannot close, made inert before mwparserfromhell reads it, so parsing stays linear.

mwparserfromhell tries every opener (`<b>`, `<x `, `<!--`, `[[a|`, `{{x|`, `{|`, `[http://`) as the start of
a node and, when no closer comes, scans to the end of the text before giving up and reading it as plain
text: once per opener, so a page of unclosed `<b>` takes quadratic time (60 KB, 40 s). An opener that has
no closer anywhere after it (or, for a bracketed link, on its line) is read as plain text anyway, so
replacing its first character by a control character changes nothing but the time. Clean wiki text holds
no control characters (parse/text.py removes them), and restore() puts the characters back into whatever
the parse returns. Nesting deeper than MAX_NESTING is made inert the same way: the tokenizer retries at its
depth limit and the tree builder recurses (deep `{{` raised RecursionError).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from mwparserfromhell.definitions import PARSER_BLACKLIST, SINGLE, SINGLE_ONLY

MAX_NESTING = 24
# More tags that may go unclosed (`<li>`, `<td>`) than this, left without their own closer, are made inert: the
# tokenizer looks for each one's closer to the end of the enclosing tag and backtracks (20,000 unclosed `<td>`
# before a `</tr>`: 24 s). Pages hold a handful; a page holding hundreds reads them as text.
MAX_UNCLOSED = 200
_INERT = {"<": "\x01", "[": "\x02", "{": "\x03"}
_RESTORE = str.maketrans({inert: char for char, inert in _INERT.items()})
_SINGLE = frozenset(SINGLE)  # tags that need no closer (br, hr, li, td, ...)
_MAY_CLOSE = _SINGLE - frozenset(SINGLE_ONLY)  # of those, the ones the tokenizer still looks for a closer of
_OPAQUE = frozenset(PARSER_BLACKLIST)  # tags whose content is not parsed (pre, nowiki, syntaxhighlight, ...)
_TOKEN = re.compile(
    r"^[ \t]*+(?P<table>\{\||\|\})"
    r"|<!--"
    r"|<(?P<slash>/?)(?P<tag>[A-Za-z][\w:.-]*+)"
    r"|(?P<link>\[\[|\]\])"
    r"|(?P<braces>\{\{++|\}\}++)"
    r"|(?P<ext>\[)(?=//|[A-Za-z][\w+.-]*+:)",
    re.M,
)


@dataclass
class _Token:
    kind: str  # tag name, "[[", "{|", "{"
    start: int  # where the characters to make inert begin
    width: int  # how many characters (a brace run's length)
    closes: bool
    kept: int = 0  # opener characters paired with a closer (braces), or 1


def restore(text: str) -> str:
    """Text from a parse of defuse()d text, with the inert characters put back."""
    return text.translate(_RESTORE)


class _Scan:
    """Positions of one character, for O(log n) "next one after" questions; found on the first question."""

    def __init__(self, text: str, char: str) -> None:
        self.text, self.char = text, char
        self.positions: list[int] | None = None

    def after(self, pos: int) -> int:
        if self.positions is None:
            self.positions = [m.start() for m in re.finditer(re.escape(self.char), self.text)]
        index = bisect_right(self.positions, pos)
        return self.positions[index] if index < len(self.positions) else -1


class _Finder:
    """haystack.find(needle, pos) for increasing-ish pos, remembering the last answer: asking again
    before that answer (or after a miss) costs nothing, so a thousand unclosed `<!--` stay linear."""

    def __init__(self, haystack: str, needle: str) -> None:
        self.haystack, self.needle = haystack, needle
        self.asked, self.found = -1, -1

    def find(self, pos: int) -> int:
        if not (0 <= self.asked <= pos and (self.found < 0 or self.found >= pos)):
            self.asked, self.found = pos, self.haystack.find(self.needle, pos)
        return self.found


def _tokens(text: str, inert: list[tuple[int, int]], singles: list[_Token]) -> list[_Token]:
    """Openers and closers outside comments and opaque tags, left to right; openers that cannot close
    (an unterminated `<tag`, `<!--` or opaque tag, a `[http` link with no `]` on its line) go to inert; tags that
    may go unclosed (`<li>`, `<td>`) and their closers go to singles."""
    lowered = text.lower()
    gt, lt, bracket, newline = (_Scan(text, c) for c in (">", "<", "]", "\n"))
    finders: dict[str, _Finder] = {}
    tokens: list[_Token] = []
    pos = 0
    while True:
        m = _TOKEN.search(text, pos)
        if m is None:
            return tokens
        start, pos = m.start(), m.end()
        if m.group("table"):
            where = m.start("table")
            tokens.append(_Token("{|", where, 1, m.group("table") == "|}"))
        elif m.group(0) == "<!--":
            end = finders.setdefault("-->", _Finder(text, "-->")).find(pos)
            if end < 0:
                inert.append((start, 1))
            else:
                pos = end + 3
        elif m.group("tag"):
            name = m.group("tag").lower()
            if m.group("slash"):
                if name not in _SINGLE and name not in _OPAQUE:
                    tokens.append(_Token(name, start, 1, True))
                elif name in _MAY_CLOSE:
                    singles.append(_Token(name, start, 1, True))
                continue
            close = gt.after(start)
            next_open = lt.after(start)
            if close < 0 or 0 <= next_open < close:
                inert.append((start, 1))  # `<x ` with no `>` before the next `<`
            elif text[close - 1] == "/" or name in _SINGLE:
                if name in _MAY_CLOSE and text[close - 1] != "/":
                    singles.append(_Token(name, start, 1, False))
                # needs no closer; what its attributes hold is still read (the tag may fail)
            elif name in _OPAQUE:
                end = finders.setdefault(name, _Finder(lowered, f"</{name}")).find(close)
                if end < 0:
                    inert.append((start, 1))
                else:
                    pos = end + len(name) + 2
            else:
                tokens.append(_Token(name, start, 1, False))
        elif m.group("link"):
            tokens.append(_Token("[[", start, 2, m.group("link") == "]]"))
        elif m.group("braces"):
            run = m.group("braces")
            tokens.append(_Token("{", start, len(run), run[0] == "}"))
        elif m.group("ext"):
            close, line_end = bracket.after(start), newline.after(start)
            if close < 0 or 0 <= line_end < close:
                inert.append((start, 1))


def _pair(tokens: list[_Token], inert: list[tuple[int, int]]) -> dict[int, int]:
    """Pair openers with closers of their kind, right to left; an opener without one goes to inert.
    Returns {closer index: opener index}; brace runs pair character by character."""
    pending: dict[str, list[int]] = {}
    braces_open = 0  # closing brace characters not yet paired
    partners: dict[int, int] = {}
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if token.kind == "{":
            if token.closes:
                braces_open += token.width
                continue
            token.kept = min(token.width, braces_open)
            braces_open -= token.kept
            if token.kept < token.width:
                inert.append((token.start, token.width - token.kept))
            continue
        stack = pending.setdefault(token.kind, [])
        if token.closes:
            stack.append(index)
        elif stack:
            partners[stack.pop()] = index
            token.kept = 1
        else:
            inert.append((token.start, token.width))
    return partners


def _limit_nesting(tokens: list[_Token], partners: dict[int, int], inert: list[tuple[int, int]]) -> None:
    """Make openers nested deeper than MAX_NESTING inert (with the closer they paired with)."""
    depth = 0
    brace_chars = 0
    dropped: set[int] = set()
    for index, token in enumerate(tokens):
        if token.kind == "{":
            if token.closes:
                brace_chars = max(0, brace_chars - token.width)
            elif token.kept:
                allowed = max(0, 2 * (MAX_NESTING - depth) - brace_chars)
                if token.kept > allowed:  # the outer (leftmost) braces of the run go
                    inert.append((token.start + token.width - token.kept, token.kept - allowed))
                    token.kept = allowed
                brace_chars += token.kept
            continue
        if token.closes:
            if index in partners and partners[index] not in dropped:
                depth -= 1
        elif token.kept:
            if depth + brace_chars // 2 >= MAX_NESTING:
                inert.append((token.start, token.width))
                dropped.add(index)
            else:
                depth += 1


def defuse(text: str) -> str:
    """text with every opener that cannot close, or nests too deep, made inert; same length, same lines."""
    if "<" not in text and "[" not in text and "{" not in text:
        return text
    inert: list[tuple[int, int]] = []
    singles: list[_Token] = []
    tokens = _tokens(text, inert, singles)
    partners = _pair(tokens, inert)
    _limit_nesting(tokens, partners, inert)
    unclosed: list[tuple[int, int]] = []
    _pair(singles, unclosed)
    if len(unclosed) > MAX_UNCLOSED:
        inert.extend(unclosed)
    if not inert:
        return text
    parts: list[str] = []
    cursor = 0
    for start, width in sorted(inert):
        if start < cursor:
            start, width = cursor, width - (cursor - start)
            if width <= 0:
                continue
        parts.append(text[cursor:start])
        parts.append("".join(_INERT.get(ch, ch) for ch in text[start : start + width]))
        cursor = start + width
    parts.append(text[cursor:])
    return "".join(parts)
