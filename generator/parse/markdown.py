"""Markdown as a flat list of blocks (headings, tables, paragraphs, code) with 1-based line numbers."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from enum import StrEnum

from markdown_it import MarkdownIt
from markdown_it.token import Token

# Only block structure is read (an inline token's source text, never its children), so inline parsing, half of the
# time markdown-it spends on a page, is left out (the same blocks on every .md file of the corpus and the tests).
_MD = MarkdownIt("commonmark").enable("table").disable("inline")
_LINK = re.compile(r"\[([^\]\[]*)\]\(([^()\s]*)\)")  # no nested brackets: `[x](` repeated stays linear
_CODE_SPAN = re.compile(r"`+([^`]*)`+")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_BACKTICKS = re.compile(r"`+")
# a line break inside a table cell, which GFM cannot write: <br>, or an HTML list's items
_BREAK = re.compile(r"<br\s*/?>|</?(?:li|ul|ol|p)\s*>", re.IGNORECASE)
_CODE_TAG = re.compile(r"<code>([^<`]*)</code>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]
    line: int


class BlockKind(StrEnum):
    """What a top-level Markdown block is."""

    HEADING = "heading"
    TABLE = "table"
    PARAGRAPH = "paragraph"
    FENCE = "fence"
    LIST = "list"
    OTHER = "other"


@dataclass(frozen=True)
class Block:
    """A top-level Markdown block, with its 1-based first and last lines."""

    kind: BlockKind
    line: int
    end_line: int
    text: str = ""
    level: int = 0
    header: tuple[str, ...] = ()
    rows: tuple[TableRow, ...] = field(default=())
    info: str = ""


def _inline_source(token: Token | None) -> str:
    return token.content if token is not None else ""


def _cell_text(cell: str) -> str:
    """A table cell as Markdown: HTML `<code>x</code>` as a code span, entities (`&quot;`, `&#124;`) as characters;
    pipelines write both in cells, where a backtick or a `|` would need escaping."""
    if "<" not in cell and "&" not in cell:
        return cell
    cell = _CODE_TAG.sub(lambda m: f"`{html.unescape(m.group(1))}`", cell)
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), cell)


def open_code_span(text: str) -> bool:
    """Whether text leaves a code span open: a run of N backticks with no closing run of N after it."""
    opening = 0
    for run in _BACKTICKS.finditer(text):
        width = len(run.group(0))
        if not opening:
            opening = width
        elif width == opening:
            opening = 0
    return bool(opening)


def split_row(line: str) -> list[str]:
    """A table row's cells, where a `|` inside a code span does not end the cell.

    GFM ends a cell at every unescaped `|`, so `str | None` written in backticks cuts the cell in two
    (and markdown-it drops cells past the header's width). Pipes are split first; a cell that leaves a
    code span open is then joined with the next one until the span closes.
    """
    row = line.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    pieces = [piece.replace("\\|", "|") for piece in re.split(r"(?<!\\)\|", row)]
    cells: list[str] = []
    for piece in pieces:
        if cells and open_code_span(cells[-1]):
            cells[-1] += "|" + piece
        else:
            cells.append(piece)
    return [cell.strip() for cell in cells]


def _without_comments(text: str) -> tuple[str, list[int]]:
    """Markdown with its HTML comments taken out, outside code fences, and for each line left its line in text
    (0-based). A line that held only a comment goes: a comment line inside a table would end the table."""
    lines = text.split("\n")
    if "<!--" not in text:
        return text, list(range(len(lines)))
    kept: list[str] = []
    numbers: list[int] = []
    fence = ""
    inside = False
    for number, line in enumerate(lines):
        marker = line.lstrip()[:3]
        if not inside and (fence or marker in ("```", "~~~")):
            fence = "" if fence and marker == fence else (fence or marker)
            kept.append(line)
            numbers.append(number)
            continue
        out, rest = "", line
        while rest:
            if inside:
                end = rest.find("-->")
                inside, rest = end < 0, "" if end < 0 else rest[end + 3 :]
            else:
                start = rest.find("<!--")
                out, rest = (out + rest, "") if start < 0 else (out + rest[:start], rest[start + 4 :])
                inside = start >= 0
        if out.strip() or not line.strip() and not inside:
            kept.append(out)
            numbers.append(number)
    return "\n".join(kept), numbers


def parse_blocks(text: str, first_line: int = 1) -> list[Block]:
    """Split Markdown into top-level blocks; line numbers are offset by first_line - 1. HTML comments are not read
    (a row or a table commented out is not there); line numbers stay those of text."""
    text, numbers = _without_comments(text)
    tokens = _MD.parse(text)
    lines = text.split("\n")
    blocks: list[Block] = []
    offset = first_line - 1

    def at(index: int) -> int:  # a line of the text parsed, 0-based, as a 1-based line of the text given
        return numbers[min(index, len(numbers) - 1)] + 1 + offset

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.level != 0 or tok.map is None:
            i += 1
            continue
        line, end = at(tok.map[0]), at(tok.map[1] - 1)
        if tok.type == "heading_open":
            blocks.append(
                Block(BlockKind.HEADING, line, end, _inline_source(tokens[i + 1]).strip(), level=int(tok.tag[1]))
            )
            i += 3
            continue
        if tok.type == "paragraph_open":
            blocks.append(Block(BlockKind.PARAGRAPH, line, end, _inline_source(tokens[i + 1])))
            i += 3
            continue
        if tok.type in ("fence", "code_block"):
            blocks.append(Block(BlockKind.FENCE, line, end, tok.content, info=tok.info.strip()))
            i += 1
            continue
        if tok.type == "table_open":
            j = i + 1
            header: list[str] = []
            rows: list[TableRow] = []
            current: list[str] = []
            row_line = line
            row_index: int | None = None
            while tokens[j].type != "table_close":
                t = tokens[j]
                if t.type == "tr_open":
                    current = []
                    row_index = t.map[0] if t.map else None
                    row_line = at(row_index) if row_index is not None else row_line
                elif t.type == "inline":
                    current.append(t.content.strip())
                elif t.type == "tr_close":
                    if row_index is not None and any(open_code_span(cell) for cell in current):
                        current = split_row(lines[row_index])
                    current = [_cell_text(cell) for cell in current]
                    if not header:
                        header = current
                    else:
                        rows.append(TableRow(tuple(current), row_line))
                j += 1
            blocks.append(Block(BlockKind.TABLE, line, end, header=tuple(header), rows=tuple(rows)))
            i = j + 1
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth, j = 0, i
            while True:
                t = tokens[j]
                if t.type == tok.type:
                    depth += 1
                elif t.type == tok.type.replace("_open", "_close"):
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            items = [t.content for t in tokens[i:j] if t.type == "inline"]
            blocks.append(Block(BlockKind.LIST, line, end, "\n".join(items)))
            i = j + 1
            continue
        blocks.append(Block(BlockKind.OTHER, line, end, ""))
        i += 1
    return blocks


def breaks_as(cell: str, separator: str) -> str:
    """A cell's `<br>` line breaks as separator (`a<br>b<br/>` -> `a; b` with "; "), empty pieces dropped."""
    if "<" not in cell:
        return cell
    return separator.join(piece.strip() for piece in _BREAK.split(cell) if piece.strip())


def plain(cell: str) -> str:
    """Inline Markdown to plain text: code spans, emphasis and links reduced to their text, `<br>` to `; `.

    `__name__` is a Python dunder name, never bold (`lib/__init__.py` in a Source cell without backticks: CommonMark
    reads it as bold `init`, but no wiki writes bold with underscores round one identifier)."""
    text = _LINK.sub(lambda m: m.group(1), breaks_as(cell, "; "))
    parts: list[str] = []  # emphasis is read outside code spans only: `svc__C`, `__init__` keep their underscores
    at = 0
    for m in _CODE_SPAN.finditer(text):
        parts += [_EMPHASIS.sub(_emphasised, text[at : m.start()]), m.group(1)]
        at = m.end()
    parts.append(_EMPHASIS.sub(_emphasised, text[at:]))
    return "".join(parts).replace("\\|", "|").strip()


def _emphasised(match: re.Match[str]) -> str:
    if match.group(1) == "__" and match.group(2).isidentifier():
        return match.group(0)
    return match.group(2)


def links(cell: str) -> list[tuple[str, str]]:
    """The (text, target) pairs of the Markdown links in an inline string."""
    return [(m.group(1), m.group(2)) for m in _LINK.finditer(cell)]


def clauses(cell: str) -> list[str]:
    """An inline string cut at each `,` and `;` outside its code spans: "`axs[0, 0]` from Step 2, `grid`" gives
    "`axs[0, 0]` from Step 2" and " `grid`"."""
    parts: list[str] = []
    current: list[str] = []
    for token in re.finditer(r"`+[^`]*`+|[;,]|[^`;,]+|`", cell):
        if token.group(0) in (",", ";"):
            parts.append("".join(current))
            current = []
        else:
            current.append(token.group(0))
    return [*parts, "".join(current)]


_NAME_LIST = re.compile(r"[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+")


def code_spans(cell: str) -> list[str]:
    """The contents of the code spans of an inline string, in order; a span listing names ("`X_train, y_train`")
    gives each name."""
    return [name for m in _CODE_SPAN.finditer(cell) for name in listed(m.group(1).strip())]


def listed(span: str) -> list[str]:
    """The names a code span lists ("`X_train, y_train`"), or the span."""
    return [name.strip() for name in span.split(",")] if _NAME_LIST.fullmatch(span) else [span]


# "from Step 2", "from Steps 2-3", "from steps 2, 3 and 5"
FROM_STEP = re.compile(r"\bfrom steps? (\d+(?:\s*(?:[-\u2013,&]|and)\s*\d+\b)*)", re.IGNORECASE)
_RANGE = re.compile(r"(\d+)(?:\s*[-\u2013]\s*(\d+))?")


def from_steps(text: str) -> set[int]:
    """The step numbers text takes results from: "from Steps 2-3" gives {2, 3}."""
    numbers: set[int] = set()
    for cited in FROM_STEP.findall(text):
        for first, last in _RANGE.findall(cited):
            low, high = int(first), int(last or first)
            numbers.update(range(low, high + 1) if 0 <= high - low <= 20 else (low, high))
    return numbers
