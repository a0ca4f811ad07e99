"""MediaWiki page pieces: sections, semantic properties, tables, code blocks, the mermaid diagram, prose."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import mwparserfromhell
import mwparserfromhell.parser
from mwparserfromhell.nodes import Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Text, Wikilink
from mwparserfromhell.parser import tokens as mwt
from mwparserfromhell.parser.builder import Builder
from mwparserfromhell.parser.tokenizer import Tokenizer
from mwparserfromhell.wikicode import Wikicode

from generator.parse.defuse import defuse, restore
from generator.parse.index import STEP_HEADING

# the C tokenizer when it is built, as mwparserfromhell.parse chooses; the same tokens either way
_Tokenizer = getattr(mwparserfromhell.parser, "CTokenizer", None) or Tokenizer

_FENCE = re.compile(r"^\s*(```+|~~~+)\s*([\w+-]*)")
# `[^<>]*`, not `[^>]*`: an opening without `>` must not make every later `<pre` rescan to the end.
_CODE_OPEN = re.compile(r"<(syntaxhighlight|source|pre)\b([^<>]*)>", re.IGNORECASE)
_LANG = re.compile(r"lang\s*=\s*[\"']?([\w+-]+)", re.IGNORECASE)
_MERMAID_OPEN = "{{#mermaid:"


@dataclass(frozen=True)
class Section:
    """A heading and the text under it up to the next heading of any level."""

    level: int
    title: str
    line: int
    body: str
    body_line: int
    position: int = -1  # index in the list sections() returned, so finding it again is O(1)


@dataclass(frozen=True)
class CodeBlock:
    lang: str
    code: str
    line: int


@dataclass(frozen=True)
class Property:
    """A semantic property `[[name::value]]`; value keeps its `|`-separated parts."""

    name: str
    parts: tuple[str, ...]
    line: int


def _code_mask(lines: list[str]) -> list[bool]:
    """For each line, whether it lies inside a code block (fence or syntaxhighlight/source/pre tag) or an HTML
    comment (`<!-- ... -->` on lines of its own: a step or heading commented out is not there)."""
    mask: list[bool] = []
    fence: str | None = None
    tag: str | None = None
    comment = False
    for line in lines:
        if comment:
            mask.append(True)
            comment = "-->" not in line
            continue
        if fence is None and tag is None and "<!--" in line:
            opened = line.rfind("<!--")
            comment = "-->" not in line[opened:]
            stripped = line.strip()
            if stripped.startswith("<!--") and (comment or stripped.endswith("-->")):
                mask.append(True)
                continue
        if fence is not None:
            mask.append(True)
            if line.strip().startswith(fence):
                fence = None
            continue
        if tag is not None:
            mask.append(True)
            if f"</{tag}" in line.lower():
                tag = None
            continue
        m = _FENCE.match(line) if "`" in line or "~" in line else None  # cheap tests first: most lines are prose
        if m:
            fence = m.group(1)
            mask.append(True)
            continue
        m = _CODE_OPEN.search(line) if "<" in line else None
        if m and f"</{m.group(1).lower()}" not in line.lower()[m.end() :]:
            tag = m.group(1).lower()
        mask.append(tag is not None)
    return mask


def wiki_heading(line: str) -> tuple[int, str] | None:
    """`== Title ==` as (level, title): 1-6 `=` each side, the same count, whitespace around; else None.

    Plain string operations, no regex: a pattern with nested `\\s*(.*?)\\s*` backtracks cubically on a
    line of spaces. Same results as `^(={1,6})\\s*(.*?)\\s*\\1\\s*$`, including its quirks (`=== X ==` is a
    level-2 heading titled `= X`)."""
    if not line.startswith("="):
        return None
    stripped = line.rstrip()
    lead = len(stripped) - len(stripped.lstrip("="))
    for level in range(min(lead, 6), 0, -1):
        if len(stripped) >= 2 * level and stripped.endswith("=" * level):
            return level, stripped[level : len(stripped) - level].strip()
    return None


def markdown_heading(line: str) -> tuple[int, str] | None:
    """`## Title ##` as (level, title): 1-6 `#` then whitespace; trailing `#`s dropped; else None.

    Same results as `^(#{1,6})\\s+(.*?)\\s*#*\\s*$`, without its backtracking."""
    rest = line.lstrip("#")
    level = len(line) - len(rest)
    if not 1 <= level <= 6 or not rest[:1].isspace():
        return None
    return level, rest.strip().rstrip("#").rstrip()


def sections(text: str) -> list[Section]:
    """Split a page on `== X ==` and `## X` headings that lie outside code; line numbers are 1-based."""
    lines = text.split("\n")
    mask = _code_mask(lines)
    # In a MediaWiki page a line starting with `#` is a numbered list item, except a first-line title.
    wiki_style = any(wiki_heading(line) for line, masked in zip(lines, mask, strict=True) if not masked)
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if lines[first].strip() == "---":  # YAML front matter: the title is the first line after it
        close = next((i for i in range(first + 1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if close is not None:
            first = next((i for i in range(close + 1, len(lines)) if lines[i].strip()), first)
    heads: list[tuple[int, int, str]] = []
    for index, line in enumerate(lines):
        if mask[index]:
            continue
        md = markdown_heading(line) if not wiki_style or index == first or _alone(lines, mask, index) else None
        found = wiki_heading(line) or md
        if found and found[1]:
            heads.append((index, found[0], found[1]))
    result: list[Section] = []
    for n, (index, level, title) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        result.append(Section(level, title, index + 1, "\n".join(lines[index + 1 : end]), index + 2, n))
    return result


def _alone(lines: list[str], mask: list[bool], index: int) -> bool:
    """Whether a `## X` line of a MediaWiki page stands alone, a Markdown heading among wikitext (pages mix them):
    blank before and after (or code after), where a nested numbered list item `## x` has its list around it."""
    if not lines[index].startswith("##"):
        return False
    before = lines[index - 1] if index > 0 else ""
    after = lines[index + 1] if index + 1 < len(lines) else ""
    if before.strip():
        return False
    if not after.strip() or mask[index + 1]:
        return True
    # `### Step 2: X` with its text right under it: a step heading, not a list item
    return STEP_HEADING.match(lines[index].lstrip("#").strip()) is not None and not after.startswith(("#", "*", ":"))


def sections_named(all_sections: list[Section], *names: str) -> Iterator[Section]:
    """The sections whose title matches one of names (case-insensitive, `_` as space), in page order."""
    wanted = {n.lower().replace("_", " ") for n in names}
    return (s for s in all_sections if s.title.lower().replace("_", " ").strip(" :") in wanted)


def find_section(all_sections: list[Section], *names: str) -> Section | None:
    """The first section whose title matches one of names (case-insensitive, `_` as space)."""
    return next(sections_named(all_sections, *names), None)


def section_with_children(all_sections: list[Section], section: Section) -> str:
    """The body of a section including its subsections."""
    start = section.position
    if not 0 <= start < len(all_sections) or all_sections[start] is not section:
        start = all_sections.index(section)
    parts = [section.body]
    for position in range(start + 1, len(all_sections)):
        other = all_sections[position]
        if other.level <= section.level:
            break
        marker = "=" * other.level
        parts.append(f"{marker} {other.title} {marker}\n{other.body}")
    return "\n".join(parts)


def code_blocks(text: str, first_line: int = 1) -> list[CodeBlock]:
    """Code from ``` fences and <syntaxhighlight>/<source>/<pre> tags, in order."""
    blocks: list[CodeBlock] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _FENCE.match(line) if "`" in line or "~" in line else None
        if m:
            fence, lang = m.group(1), m.group(2)
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(fence):
                j += 1
            blocks.append(CodeBlock(lang.lower(), "\n".join(lines[i + 1 : j]), first_line + i))
            i = j + 1
            continue
        m = _CODE_OPEN.search(line) if "<" in line else None
        if m:
            tag = m.group(1).lower()
            lang_match = _LANG.search(m.group(2))
            rest = line[m.end() :]
            body: list[str] = []
            j = i
            close = f"</{tag}"
            if close in rest.lower():
                body.append(rest[: rest.lower().index(close)])
            else:
                if rest.strip():
                    body.append(rest)
                j = i + 1
                while j < len(lines) and close not in lines[j].lower():
                    body.append(lines[j])
                    j += 1
                if j < len(lines):
                    before = lines[j][: lines[j].lower().index(close)]
                    if before.strip():
                        body.append(before)
            lang = lang_match.group(1).lower() if lang_match else ""  # <pre>: untagged, Python when it parses
            blocks.append(CodeBlock(lang, "\n".join(body), first_line + i))
            i = j + 1
            continue
        i += 1
    return blocks


def strip_code_blocks(text: str) -> str:
    """The text with its code blocks and commented-out lines removed (lines kept blank so line numbers stay)."""
    lines = text.split("\n")
    mask = _code_mask(lines)
    return "\n".join("" if masked else line for line, masked in zip(lines, mask, strict=True))


def properties(text: str, first_line: int = 1) -> list[Property]:
    """Every `[[name::value|...]]` semantic property outside code, with its line."""
    if "::" not in text:
        return []
    clean = defuse(strip_code_blocks(text))  # same length and lines as the text: positions stay right
    found: list[Property] = []
    cursor = 0
    for title, label, raw in _links(clean):
        title = restore(title)
        if "::" not in title:
            continue
        pos = clean.find(raw, cursor)
        if pos < 0:
            pos = clean.find(raw)
        else:
            cursor = pos + len(raw)
        line = first_line + clean.count("\n", 0, max(pos, 0))
        name, _, first = title.partition("::")
        parts = [first.strip()]
        if label is not None:
            parts.extend(p.strip() for p in restore(label).split("|"))
        found.append(Property(name.strip().lower(), tuple(parts), line))
    return found


def _links(text: str) -> list[tuple[str, str | None, str]]:
    """Every wikilink of text at any depth, in order, as (title, text or None, the link as written): read from
    the tokens when they are plain text, else built as `parse(text).filter_wikilinks()` gives it."""
    tokens = _Tokenizer().tokenize(text, 0, False)
    links: list[tuple[str, str | None, str]] = []
    for at, token in enumerate(tokens):
        if type(token) is not mwt.WikilinkOpen:
            continue
        end = _end(tokens, at)
        part = tokens[at + 1 : end - 1]
        kinds = [type(t) for t in part]
        if (
            type(tokens[end - 1]) is mwt.WikilinkClose
            and kinds.count(mwt.WikilinkSeparator) <= 1
            and all(kind is mwt.Text or kind is mwt.WikilinkSeparator for kind in kinds)
        ):
            cut = kinds.index(mwt.WikilinkSeparator) if mwt.WikilinkSeparator in kinds else len(part)
            title = "".join(t.text for t in part[:cut])
            label = "".join(t.text for t in part[cut + 1 :]) if cut < len(part) else None
            links.append((title, label, f"[[{title}]]" if label is None else f"[[{title}|{label}]]"))
            continue
        link = _built_one(tokens, at)
        links.append((str(link.title), None if link.text is None else str(link.text), str(link)))
    return links


def mermaid(text: str) -> tuple[str, int] | None:
    """The body of the first `{{#mermaid:...}}` diagram, found by balancing braces in the raw text; else the first
    ```mermaid fence (pages that write the diagram in Markdown)."""
    start = text.find(_MERMAID_OPEN)
    if start < 0:
        fence = next((block for block in code_blocks(text) if block.lang == "mermaid"), None)
        return (fence.code.strip("\n").rstrip(), fence.line + 1) if fence is not None and fence.code.strip() else None
    depth = 2
    i = start + 2
    body_start = start + len(_MERMAID_OPEN)
    while i < len(text) and depth > 0:
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        i += 1
    body = text[body_start : i - 2] if depth == 0 else text[body_start:]
    return body.strip("\n").rstrip(), text.count("\n", 0, start) + 1


def wikitables(text: str) -> list[list[list[str]]]:
    """Every wikitable as rows of plain-text cells (header row first when there is one)."""
    if "{|" not in text and "<table" not in text.lower():  # wiki markup or HTML tables
        return []
    tokens = _Tokenizer().tokenize(defuse(text), 0, False)
    try:
        opener = mwt.TagOpenOpen
        return [
            _table_rows(tokens, at)
            for at, token in enumerate(tokens)
            if type(token) is opener and _is_table(tokens, at)
        ]
    except _Unusual:  # a tag named by a template, tokens out of balance: the tree builder decides
        return _built_wikitables(text)


def _built_wikitables(text: str) -> list[list[list[str]]]:
    """wikitables() through mwparserfromhell's tree builder (each table built whole): the reference that
    _table_rows follows, and its fallback."""
    tables: list[list[list[str]]] = []
    for node in _built(defuse(text), _is_table, mwt.TagOpenOpen):
        rows: list[list[str]] = []
        loose: list[str] = []  # cells before the first `|-`: the first row
        for child in node.contents.filter_tags(
            recursive=False, matches=lambda n: str(n.tag).lower() in ("tr", "td", "th")
        ):
            if str(child.tag).lower() != "tr":
                loose.append(restore(_markdown_of(child.contents)).strip())
                continue
            rows += [loose] if loose else []
            loose = []
            cells = [
                restore(_markdown_of(cell.contents)).strip()
                for cell in child.contents.filter_tags(
                    recursive=False, matches=lambda n: str(n.tag).lower() in ("td", "th")
                )
            ]
            if cells:
                rows.append(cells)
        tables.append(rows + ([loose] if loose else []))
    return tables


class _Unusual(Exception):
    """Tokens the direct table reader does not take on; the tree builder reads them instead."""


_OPENERS = frozenset(
    {
        mwt.TemplateOpen,
        mwt.ArgumentOpen,
        mwt.WikilinkOpen,
        mwt.ExternalLinkOpen,
        mwt.HTMLEntityStart,
        mwt.HeadingStart,
        mwt.CommentStart,
        mwt.TagOpenOpen,
    }
)
_CLOSERS = frozenset(
    {
        mwt.TemplateClose,
        mwt.ArgumentClose,
        mwt.WikilinkClose,
        mwt.ExternalLinkClose,
        mwt.HTMLEntityEnd,
        mwt.HeadingEnd,
        mwt.CommentEnd,
        mwt.TagCloseClose,
        mwt.TagCloseSelfclose,
    }
)


def _end(tokens: list[Any], at: int) -> int:
    """The index just past the node whose first token is tokens[at] (a text, or an opener and all it holds); the
    end of the tokens when its closer is missing (the tokenizer never leaves one out; the readers then fall back)."""
    if type(tokens[at]) not in _OPENERS:
        return at + 1
    depth = 0
    for index in range(at, len(tokens)):
        kind = type(tokens[index])
        if kind in _OPENERS:
            depth += 1
        elif kind in _CLOSERS:
            depth -= 1
            if depth == 0:
                return index + 1
    return len(tokens)


def _tag(tokens: list[Any], at: int) -> tuple[str, tuple[int, int] | None, int]:
    """The tag whose TagOpenOpen is tokens[at], as the tree builder reads it: its name, where its contents are
    (None when it has none) and the index just past it."""
    name: list[str] = []
    naming = True
    opened: int | None = None
    contents: tuple[int, int] | None = None
    index = at + 1
    while index < len(tokens):
        kind = type(tokens[index])
        if kind is mwt.TagAttrStart:
            naming = False
        elif kind is mwt.TagCloseOpen:
            naming, opened = False, index + 1
        elif kind is mwt.TagOpenClose:
            naming = False
            if opened is not None:
                contents = (opened, index)
        elif kind is mwt.TagCloseClose or kind is mwt.TagCloseSelfclose:
            return "".join(name), contents, index + 1
        elif naming:
            if kind is not mwt.Text:
                raise _Unusual
            name.append(tokens[index].text)
        index = _end(tokens, index)
    raise _Unusual


def _children(tokens: list[Any], span: tuple[int, int] | None, names: tuple[str, ...]) -> list[tuple[str, Any]]:
    """(name, contents) of the tags named names among the nodes directly in span (as filter_tags(recursive=False))."""
    found: list[tuple[str, Any]] = []
    if span is None:
        return found
    index, stop = span
    while index < stop:
        if type(tokens[index]) is mwt.TagOpenOpen:
            name, contents, after = _tag(tokens, index)
            if name.lower() in names:
                found.append((name.lower(), contents))
        else:
            after = _end(tokens, index)
        index = after
    if index != stop:
        raise _Unusual
    return found


def _table_rows(tokens: list[Any], at: int) -> list[list[str]]:
    """The rows of the table whose TagOpenOpen is tokens[at], read from the tokens: only the cells that hold
    markup are built into trees (the whole table built was most of the time spent reading a wiki). Cells before
    the first `|-` are the first row (MediaWiki needs no `|-` before it: `{|` then `! Name !! Type`)."""
    rows: list[list[str]] = []
    loose: list[str] = []  # cells before the first `|-`
    for name, contents in _children(tokens, _tag(tokens, at)[1], ("tr", "td", "th")):
        if name != "tr":
            loose.append(restore(_cell_markdown(tokens, contents)).strip())
            continue
        rows += [loose] if loose else []
        loose = []
        cells = [restore(_cell_markdown(tokens, cell)).strip() for _, cell in _children(tokens, contents, ("td", "th"))]
        if cells:
            rows.append(cells)
    return rows + ([loose] if loose else [])


def _cell_markdown(tokens: list[Any], span: tuple[int, int] | None) -> str:
    if span is None:
        return ""
    part = tokens[span[0] : span[1]]
    if all(type(token) is mwt.Text for token in part):
        return "".join(token.text for token in part)
    return _markdown_of(Builder().build(part))  # type: ignore[no-untyped-call]


# Text with none of these is one Text node to mwparserfromhell: its Markdown is itself, and parsing is skipped.
_MARKUP = re.compile(r"[\[{<&'\x01-\x03]|^[=*#:;]|^----|://", re.M)


def _parse(text: str) -> Wikicode:
    return mwparserfromhell.parse(text)


def _is_table(tokens: list[Any], at: int) -> bool:
    name = tokens[at + 1] if at + 1 < len(tokens) else None
    return isinstance(name, mwt.Text) and name.text.strip().lower() == "table"


def _built(text: str, wanted: Callable[[list[Any], int], bool], opener: type) -> list[Any]:
    """The nodes `parse(text).filter(recursive=True)` would give for one kind (wikilinks, tables), in the same
    order, with only their own tokens built into trees: building the whole page (every table cell a Tag) was
    most of the time spent reading a wiki, for a handful of `[[name::value]]` links."""
    tokens = _Tokenizer().tokenize(text, 0, False)
    return [
        _built_one(tokens, start)
        for start, token in enumerate(tokens)
        if type(token) is opener and wanted(tokens, start)
    ]


def _built_one(tokens: list[Any], start: int) -> Any:
    """The node whose first token is tokens[start], built into a tree with all it holds."""
    return Builder().build(tokens[start : _end(tokens, start)]).nodes[0]  # type: ignore[no-untyped-call]


def to_markdown(text: str) -> str:
    """MediaWiki prose to Markdown: bold, italics, links and lists kept; templates, properties, comments dropped."""
    if not _MARKUP.search(text):
        return text
    return restore(_markdown_of(_parse(defuse(text))))


def _markdown_of(code: Wikicode | None) -> str:
    """The Markdown of an already parsed tree (its inert characters not yet restored)."""
    if code is None:
        return ""
    out: list[str] = []
    for node in code.nodes:
        if isinstance(node, Text):
            out.append(str(node))
        elif isinstance(node, Wikilink):
            title = str(node.title)
            if "::" in title:
                name, _, value = title.partition("::")
                if name.strip().lower() in ("step", "github_url"):
                    continue
                label = str(node.text).split("|")[0] if node.text is not None else value
                out.append(label.split(":", 1)[-1] if node.text is None else label)
            else:
                out.append(str(node.text) if node.text is not None else title.split(":", 1)[-1])
        elif isinstance(node, ExternalLink):
            url = str(node.url)
            out.append(f"[{_markdown_of(node.title).strip()}]({url})" if node.title else url)
        elif isinstance(node, Tag):
            tag = str(node.tag).lower()
            inner = _markdown_of(node.contents)
            if tag == "b":
                out.append(f"**{inner}**")
            elif tag == "i":
                out.append(f"*{inner}*")
            elif tag in ("li", "dt", "dd"):
                out.append("-" if str(node.wiki_markup or "") in ("*", "#") else "")
            elif tag in ("syntaxhighlight", "source", "pre", "code"):
                if "\n" in inner:
                    out.append(f"\n```\n{node.contents}\n```\n")
                else:
                    out.append(f"`{node.contents}`")
            elif tag in ("br",):
                out.append("\n")
            elif tag in ("table", "ref"):
                continue
            else:
                out.append(inner)
        elif isinstance(node, Heading):
            out.append(f"#### {_markdown_of(node.title).strip()}\n")
        elif isinstance(node, HTMLEntity):
            out.append(node.normalize())
        elif isinstance(node, (Comment, Template)):
            continue
        else:
            out.append(str(node))
    return "".join(out)


def prose(text: str) -> str:
    """Section text as tidy Markdown prose: no semantic links, no blank-line runs."""
    md = to_markdown(text)
    lines = [line.rstrip() for line in md.split("\n")]
    tidy: list[str] = []
    for line in lines:
        if not line.strip() and (not tidy or not tidy[-1].strip()):
            continue
        tidy.append(line)
    return "\n".join(tidy).strip()
