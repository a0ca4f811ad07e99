"""`_WorkflowIndex.md`: enriched (`## Workflow:` sections), rough (overview tables) and page-list indexes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from generator.model import Diagnostic, SourceRef, SupportingApi
from generator.parse.markdown import Block, BlockKind, links, parse_blocks, plain
from generator.parse.text import WikiText

# A step's heading: `Step 1: Name`, as pipelines also write it `Step 1 — Name`, or `1. Name` (group 1: the number
# after "Step", group 2: a bare number, which needs `.`, `)`, `:` or a spaced dash: `1-bit ...` is no step; group 3)
STEP_HEADING = re.compile(r"^(?:Step\s+(\d+)\s*[:.\-–—]|(\d+)\s*(?:[.):]|[-–—]\s))\s*(.+)$", re.IGNORECASE)
# `## Workflow: Name`, and `Workflow — Name`, `Workflow 2: Name`
_WORKFLOW_HEADING = re.compile(r"^Workflow(?:\s+\d+)?(?:\s*:|\s+[-–—])\s*(.+)$", re.IGNORECASE)
_ATTRIBUTE_HEADERS = frozenset({"attribute", "field", "property", "key", "item", ""})
_INDEX_TITLE = re.compile(r"^Workflow\s+Index\s*:\s*(.+)$", re.IGNORECASE)
_FIELD = re.compile(r"^\*\*([^*]+?):?\*\*:?\s*(.*)$")
_STATUS_MARKS = re.compile(r"[✅⬜❌🔄⚠️️]")


@dataclass
class IndexStep:
    """A `### Step N: Name` section: its attribute table(s) and supporting APIs."""

    number: int
    name: str
    line: int
    attributes: dict[str, str] = field(default_factory=dict)
    attribute_lines: dict[str, int] = field(default_factory=dict)
    supporting: list[SupportingApi] = field(default_factory=list)


@dataclass
class OverviewRow:
    """A row of a Steps Overview table."""

    number: int
    name: str
    line: int
    cells: dict[str, str]


@dataclass
class IndexEntry:
    """One workflow as the index describes it."""

    name: str
    line: int
    page_link: str | None = None
    page_link_line: int = 0
    description: str = ""
    description_line: int = 0
    github_url: str | None = None
    github_url_line: int = 0
    steps: list[IndexStep] = field(default_factory=list)
    overview: list[OverviewRow] = field(default_factory=list)
    connections: list[str] = field(default_factory=list)
    notes: str = ""


class IndexStyle(StrEnum):
    """How an index lists its workflows."""

    ENRICHED = "enriched"  # `## Workflow:` sections with step tables
    PAGE_LIST = "page-list"  # only links to workflow pages
    EMPTY = "empty"  # no workflow at all


@dataclass
class IndexData:
    namespace: str
    entries: list[IndexEntry]
    warnings: list[Diagnostic]
    style: IndexStyle


def _attribute_key(cell: str) -> str:
    return plain(cell).strip().rstrip(":").lower()


def _clean_value(cell: str) -> str:
    """An attribute cell without status marks and trailing `[→](...)` links."""
    value = re.sub(r"\[→\]\([^)]*\)", "", cell)
    value = _STATUS_MARKS.sub("", value)
    return value.strip()


def _first_link(cell: str) -> str | None:
    for _text, target in links(cell):
        if target and not target.startswith(("http://", "https://", "#")):
            return target
    return None


def _header_index(header: tuple[str, ...], *names: str) -> int | None:
    lowered = [plain(h).lower() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def _read_fields(block: Block, entry: IndexEntry) -> None:
    for offset, raw in enumerate(block.text.split("\n")):
        m = _FIELD.match(raw.strip())
        if not m:
            continue
        key, value = m.group(1).strip().lower(), m.group(2).strip()
        line = block.line + offset
        if key == "file":
            entry.page_link = _first_link(value)
            entry.page_link_line = line
        elif key == "description":
            entry.description = plain(value)
            entry.description_line = line
        elif key in ("github url", "github_url", "github"):
            entry.github_url = plain(value)
            entry.github_url_line = line


def _read_attribute_table(block: Block, step: IndexStep) -> None:
    rows = {(_attribute_key(r.cells[0]) if r.cells else ""): r for r in block.rows}
    if not step.attributes:
        for key, row in rows.items():
            if key and len(row.cells) > 1:
                step.attributes[key] = _clean_value(row.cells[1])
                step.attribute_lines[key] = row.line
        return
    api = rows.get("api call")
    if api is not None and len(api.cells) > 1:
        location = rows.get("source location")
        step.supporting.append(
            SupportingApi(
                api=_clean_value(api.cells[1]),
                source_location=_clean_value(location.cells[1]) if location and len(location.cells) > 1 else "",
            )
        )


def _read_supporting_table(block: Block, step: IndexStep) -> None:
    api_col = _header_index(block.header, "api", "function", "helper")
    sig_col = _header_index(block.header, "signature")
    loc_col = _header_index(block.header, "source location", "source", "location")
    if api_col is None:
        return
    for row in block.rows:
        cells = row.cells
        if api_col >= len(cells):
            continue
        step.supporting.append(
            SupportingApi(
                api=_clean_value(cells[api_col]),
                signature=_clean_value(cells[sig_col]) if sig_col is not None and sig_col < len(cells) else "",
                source_location=_clean_value(cells[loc_col]) if loc_col is not None and loc_col < len(cells) else "",
            )
        )


def _read_overview(block: Block, entry: IndexEntry, path: str, warnings: list[Diagnostic]) -> None:
    number_col = _header_index(block.header, "#", "step #", "no", "no.")
    name_col = _header_index(block.header, "step name", "step", "name")
    if name_col is None:
        return
    keys = [plain(h).lower() for h in block.header]
    for position, row in enumerate(block.rows, start=1):
        cells = list(row.cells) + [""] * (len(keys) - len(row.cells))
        number = position
        if number_col is not None:
            digits = re.match(r"\d+", plain(cells[number_col]))
            if digits:
                number = int(digits.group(0))
        name = plain(cells[name_col])
        if not name:
            warnings.append(Diagnostic("Steps Overview row has no step name; skipped", SourceRef(path, row.line)))
            continue
        entry.overview.append(OverviewRow(number, name, row.line, dict(zip(keys, cells, strict=False))))


def _page_list_entries(block: Block) -> list[IndexEntry]:
    page_col = _header_index(block.header, "page", "workflow", "name")
    file_col = _header_index(block.header, "file", "link")
    if page_col is None or file_col is None:
        return []
    conn_col = _header_index(block.header, "connections", "steps (principles)")
    notes_col = _header_index(block.header, "notes", "description")
    entries = []
    for row in block.rows:
        cells = row.cells
        if page_col >= len(cells):
            continue
        name = plain(cells[page_col])
        if not name:
            continue
        entry = IndexEntry(name=name, line=row.line)
        if file_col < len(cells):
            entry.page_link = _first_link(cells[file_col])
            entry.page_link_line = row.line
        if conn_col is not None and conn_col < len(cells):
            entry.connections = [c.strip() for c in _STATUS_MARKS.sub("", cells[conn_col]).split(",") if c.strip()]
        if notes_col is not None and notes_col < len(cells):
            entry.notes = plain(cells[notes_col])
            entry.description = entry.notes
        entries.append(entry)
    return entries


def parse_index(source: WikiText) -> IndexData:
    """Parse a `_WorkflowIndex.md` into entries; never raises on odd content, records warnings instead."""
    blocks = parse_blocks(source.text)
    warnings: list[Diagnostic] = []
    namespace = ""
    entries: list[IndexEntry] = []
    page_list: list[IndexEntry] = []
    entry: IndexEntry | None = None
    step: IndexStep | None = None
    in_overview = False
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            title = plain(block.text)
            if block.level == 1:
                m = _INDEX_TITLE.match(title)
                if m:
                    namespace = m.group(1).strip()
                continue
            m = _WORKFLOW_HEADING.match(title)
            if m and block.level <= 3:  # also `### Workflow:` sections under a `## Workflows` heading
                entry = IndexEntry(name=m.group(1).strip(), line=block.line)
                entries.append(entry)
                step, in_overview = None, False
                continue
            if block.level <= 2:
                entry, step, in_overview = None, None, False
                continue
            if entry is None:
                continue
            m = STEP_HEADING.match(title)
            if m:
                step = IndexStep(int(m.group(1) or m.group(2)), m.group(3).strip(), block.line)
                entry.steps.append(step)
                in_overview = False
                continue
            step = None
            in_overview = title.lower().startswith("steps overview") or title.lower() == "steps"
            continue
        if block.kind is BlockKind.PARAGRAPH and entry is not None and step is None:
            _read_fields(block, entry)
            continue
        if block.kind is not BlockKind.TABLE:
            continue
        header = tuple(plain(h).lower() for h in block.header)
        if entry is None:
            page_list.extend(_page_list_entries(block))
            continue
        if step is not None:
            if len(header) >= 2 and header[0] in _ATTRIBUTE_HEADERS and header[1] == "value":
                _read_attribute_table(block, step)
            elif any(h in ("api", "function", "helper") for h in header):
                _read_supporting_table(block, step)
            continue
        if in_overview:
            _read_overview(block, entry, source.path, warnings)
            in_overview = False
    if entries:
        style = IndexStyle.ENRICHED
    elif page_list:
        style, entries = IndexStyle.PAGE_LIST, page_list
    else:
        style = IndexStyle.EMPTY
    return IndexData(namespace=namespace, entries=entries, warnings=warnings, style=style)
