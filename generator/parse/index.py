"""`_WorkflowIndex.md`: enriched (`## Workflow:` sections), rough (overview tables) and page-list indexes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from generator.model import Diagnostic, SourceRef, SupportingApi
from generator.parse.markdown import Block, BlockKind, links, parse_blocks, plain
from generator.parse.text import WikiText

# A step's heading: `Step 1: Name`, as pipelines also write it `Step 1 — Name`, `Step 1) Name` or `1. Name`
# (group 1: the number after "Step", group 2: a bare number, which needs `.`, `)`, `:` or a spaced dash: `1-bit ...`
# is no step; group 3: the name), after a mark a pipeline may put first (`✅ Step 1: Name`, `🔹 1. Name`)
STEP_HEADING = re.compile(
    r"^(?:[^\w\s(\[]+\s*)?(?:Step\s+(\d+)\s*[:.)\-–—]|(\d+)\s*(?:[.):]|[-–—]\s))\s*(.+)$", re.IGNORECASE
)
# `## Workflow: Name`, and `Workflow — Name`, `Workflow 2: Name`, `1. Workflow: Name`, `🔧 Workflow: Name`
_WORKFLOW_HEADING = re.compile(
    r"^(?:[^\w\s(\[]+\s*)?(?:\d+[.)]\s+)?Workflow(?:\s+\d+)?(?:\s*:|\s+[-–—])\s*(.+)$", re.IGNORECASE
)
_ATTRIBUTE_HEADERS = frozenset({"attribute", "field", "property", "key", "item", ""})
_VALUE_HEADERS = frozenset({"value", "details", "detail", "description", "content", "info"})
# other names pipelines give a step's attributes, read as the usual one when a table does not have that one too
_ATTRIBUTE_ALIASES = {
    "api": "api call",
    "method": "api call",
    "function": "api call",
    "call": "api call",
    "function call": "api call",
    "parameters": "key parameters",
    "params": "key parameters",
    "key params": "key parameters",
    "arguments": "key parameters",
    "key arguments": "key parameters",
    "dependencies": "external dependencies",
    "external deps": "external dependencies",
    "requires": "external dependencies",
    "requirements": "external dependencies",
    "implementation page": "implementation",
    "source": "source location",
    "source file": "source location",
}
# `# Workflow Index: X`, `# Workflow Index — X`, `# X Workflow Index`
_INDEX_TITLE = re.compile(r"^Workflow\s+Index\s*(?::|[-–—])\s*(.+)$", re.IGNORECASE)
_INDEX_TITLE_AFTER = re.compile(r"^(.+?)\s*[-–—:]?\s+Workflow\s+Index$", re.IGNORECASE)
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
    # named in a table (a Summary table) without a link or a section: a workflow only if its page is there
    listed_only: bool = False


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
    keys = _attribute_keys(tuple(r.cells[0] if r.cells else "" for r in block.rows))
    rows = dict(zip(keys, block.rows, strict=True))
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


def _attribute_keys(cells: tuple[str, ...]) -> list[str]:
    """Attribute names as keys, other names pipelines give them read as the usual ones."""
    keys = [_attribute_key(cell) for cell in cells]
    return [_ATTRIBUTE_ALIASES.get(key, key) if _ATTRIBUTE_ALIASES.get(key) not in keys else key for key in keys]


def _read_transposed_table(block: Block, step: IndexStep) -> None:
    """A step's attributes as one row under a header of their names (`| API Call | Key Parameters | ... |`)."""
    (row,) = block.rows
    for key, value in zip(_attribute_keys(block.header), row.cells, strict=False):
        if key:
            step.attributes[key] = _clean_value(value)
            step.attribute_lines[key] = row.line


def _read_parameter_table(block: Block, step: IndexStep) -> None:
    """A step's parameters in a table of their own (`| Parameter | Type | Default | Description |`), read as the Key
    Parameters cell would say them: `name: type = default` - description."""
    name_col = _header_index(block.header, "parameter", "name", "param", "argument")
    if name_col is None:
        return
    type_col = _header_index(block.header, "type")
    default_col = _header_index(block.header, "default", "default value")
    desc_col = _header_index(block.header, "description", "purpose", "notes")

    def cell(cells: tuple[str, ...], col: int | None) -> str:
        return plain(cells[col]) if col is not None and col < len(cells) else ""

    specs = []
    for row in block.rows:
        name = cell(row.cells, name_col)
        if not name:
            continue
        type_, default, description = cell(row.cells, type_col), cell(row.cells, default_col), cell(row.cells, desc_col)
        spec = name + (f": {type_}" if type_ else "") + (f" = {default}" if default and default != "-" else "")
        specs.append(f"`{spec}`" + (f" - {description.replace('`', '')}" if description else ""))
    if specs:
        step.attributes["key parameters"] = ", ".join(specs)
        step.attribute_lines["key parameters"] = block.line


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


_BOLD_LINE = re.compile(r"\*\*([^*]+)\*\*:?")
_NUMBERED = re.compile(r"^\d+\s*[.):]\s+")
_MARK = re.compile(r"^[^\w\s(\[]+\s*")  # a leading emoji or status mark
_WIKI_LINK = re.compile(r"^\[\[(?:Workflow:)?([^\]|]+)(?:\|[^\]]*)?\]\]$", re.IGNORECASE)  # [[Workflow:X|shown]]
_WORKFLOW_WIKILINK = re.compile(r"\[\[Workflow:([^\]|]+)(?:\|[^\]]*)?\]\]", re.IGNORECASE)
_WORKFLOW_PAGE = re.compile(r"(?:^|/)workflows/[^/]+\.md$")


def _page_list_entries(block: Block) -> list[IndexEntry]:
    """The workflows a table lists: a page's name and its link (a File column, else a link in the name cell: a
    Markdown link or `[[Workflow:X]]`); a name with no link at all is listed_only."""
    page_col = _header_index(block.header, "page", "workflow", "name", "workflow name")
    file_col = _header_index(block.header, "file", "link")
    if page_col is None:
        return []
    conn_col = _header_index(block.header, "connections", "steps (principles)")
    notes_col = _header_index(block.header, "notes", "description")
    entries = []
    for row in block.rows:
        cells = row.cells
        if page_col >= len(cells):
            continue
        name_cell = _STATUS_MARKS.sub("", cells[page_col]).strip()
        wiki_link = _WIKI_LINK.match(name_cell)
        name = wiki_link.group(1).strip() if wiki_link else plain(name_cell)
        if not name:
            continue
        entry = IndexEntry(name=name, line=row.line)
        if file_col is not None and file_col < len(cells):
            entry.page_link = _first_link(cells[file_col])
            entry.page_link_line = row.line
        if entry.page_link is None and file_col is None:
            entry.page_link = _first_link(name_cell)
            entry.page_link_line = row.line
            entry.listed_only = entry.page_link is None and wiki_link is None
        if conn_col is not None and conn_col < len(cells):
            entry.connections = [c.strip() for c in _STATUS_MARKS.sub("", cells[conn_col]).split(",") if c.strip()]
        if notes_col is not None and notes_col < len(cells):
            entry.notes = plain(cells[notes_col])
            entry.description = entry.notes
        entries.append(entry)
    return entries


def _list_entries(block: Block, lines: list[str]) -> list[IndexEntry]:
    """The workflows a bullet list links to: Markdown links to a `workflows/X.md` page, or `[[Workflow:X]]`."""
    entries = []
    for line_number in range(block.line, block.end_line + 1):
        line = lines[line_number - 1] if line_number <= len(lines) else ""
        item = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line)
        for text, target in links(item):
            if _WORKFLOW_PAGE.search(target) and not target.startswith(("http://", "https://")):
                entries.append(
                    IndexEntry(plain(text) or target.rsplit("/", 1)[-1][:-3], line_number, target, line_number)
                )
                break
        else:
            named = _WORKFLOW_WIKILINK.search(item)
            if named is not None:
                entries.append(IndexEntry(named.group(1).strip(), line_number))
    return entries


def norm_name(name: str) -> str:
    """A name with case, spaces and punctuation left out, to match names written differently."""
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def _described(entry: IndexEntry, described: set[str], namespace: str) -> bool:
    """Whether a workflow a table names is one the index's sections describe (with or without the namespace)."""
    name = norm_name(entry.name)
    prefix = norm_name(namespace)
    return (
        name in described
        or (prefix + name) in described
        or (name.startswith(prefix) and name[len(prefix) :] in described)
    )


def _step(heading: re.Match[str], line: int) -> IndexStep:
    """The step a STEP_HEADING match names."""
    return IndexStep(int(heading.group(1) or heading.group(2)), heading.group(3).strip(), line)


def parse_index(source: WikiText) -> IndexData:
    """Parse a `_WorkflowIndex.md` into entries; never raises on odd content, records warnings instead."""
    blocks = parse_blocks(source.text)
    lines = source.text.split("\n")
    warnings: list[Diagnostic] = []
    namespace = ""
    entries: list[IndexEntry] = []
    page_list: list[IndexEntry] = []
    entry: IndexEntry | None = None
    step: IndexStep | None = None
    in_overview = False
    # `## Name` sections: workflows when the index has no `## Workflow:` heading and they describe one (a **File:**
    # link or step sections), as a pipeline that leaves the word out writes them
    candidates: list[IndexEntry] = []
    tentative = False
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            title = plain(block.text)
            if block.level == 1:
                m = _INDEX_TITLE.match(title) or _INDEX_TITLE_AFTER.match(title)
                if m:
                    namespace = m.group(1).strip()
                continue
            m = _WORKFLOW_HEADING.match(title)
            if m and block.level <= 3:  # also `### Workflow:` sections under a `## Workflows` heading
                entry = IndexEntry(name=m.group(1).strip(), line=block.line)
                entries.append(entry)
                step, in_overview, tentative = None, False, False
                continue
            if block.level <= 2:
                entry = IndexEntry(name=_NUMBERED.sub("", _MARK.sub("", title)).strip(), line=block.line)
                candidates.append(entry)
                step, in_overview, tentative = None, False, True
                continue
            if entry is None:
                continue
            m = STEP_HEADING.match(title)
            if m:
                step = _step(m, block.line)
                entry.steps.append(step)
                in_overview = False
                continue
            step = None
            in_overview = title.lower().startswith("steps overview") or title.lower() == "steps"
            continue
        if block.kind is BlockKind.PARAGRAPH and entry is not None:
            bold = _BOLD_LINE.fullmatch(block.text.split("\n", 1)[0].strip())
            m = STEP_HEADING.match(bold.group(1).strip()) if bold else None
            if m:  # `**Step 1: Name**` standing as a step's heading
                step = _step(m, block.line)
                entry.steps.append(step)
                in_overview = False
                continue
            if step is None:
                _read_fields(block, entry)
            continue
        if block.kind is BlockKind.LIST and (entry is None or tentative):
            page_list.extend(_list_entries(block, lines))
            continue
        if block.kind is not BlockKind.TABLE:
            continue
        header = tuple(plain(h).lower() for h in block.header)
        if entry is None or (tentative and step is None and not in_overview):
            page_list.extend(_page_list_entries(block))
            continue
        if step is not None:
            if len(header) >= 2 and header[0] in _ATTRIBUTE_HEADERS and header[1] in _VALUE_HEADERS:
                _read_attribute_table(block, step)
            elif not step.attributes and "api call" in _attribute_keys(block.header) and len(block.rows) == 1:
                _read_transposed_table(block, step)
            elif any(h in ("api", "function", "helper") for h in header):
                _read_supporting_table(block, step)
            elif "key parameters" not in step.attributes:
                _read_parameter_table(block, step)
            continue
        if in_overview:
            _read_overview(block, entry, source.path, warnings)
            in_overview = False
    if not entries:
        entries = [c for c in candidates if c.steps or c.overview or c.page_link]
    if entries:
        style = IndexStyle.ENRICHED
        # by name, and by page: a section may name its workflow otherwise than the Summary does, and link its page
        described = {norm_name(entry.name) for entry in entries} | {
            norm_name(entry.page_link.rsplit("/", 1)[-1].removesuffix(".md")) for entry in entries if entry.page_link
        }
        # a workflow only a Summary table names: kept when its page is there (load_wiki looks), else said
        entries += [e for e in page_list if not _described(e, described, namespace)]
    elif page_list:
        style, entries = IndexStyle.PAGE_LIST, page_list
    else:
        style = IndexStyle.EMPTY
    return IndexData(namespace=namespace, entries=entries, warnings=warnings, style=style)
