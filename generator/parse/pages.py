"""Workflow, implementation, principle, environment and heuristic pages (MediaWiki or Markdown flavoured)."""

from __future__ import annotations

import ast
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from generator.model import ContractRow, Implementation, KnowledgeSource, KnownError, Note, SourceRef
from generator.parse import mediawiki as mw
from generator.parse.index import STEP_HEADING
from generator.parse.markdown import BlockKind, parse_blocks, plain
from generator.parse.params import says_none, split_top_level
from generator.parse.text import WikiText
from generator.pysource import parse_dedented

# a link to a principle page other than the [[step::Principle:X]] property: [[Principle:X]], [x](principles/X.md)
_PRINCIPLE_LINK = re.compile(r"\[\[\s*Principle\s*:\s*([\w.\-]+)|\]\((?:\.{0,2}/)*principles/([\w.\-]+)\.md\)", re.I)
_BOLD = re.compile(r"\*\*|__|'{3}")
_PAGE_TITLE = re.compile(r"^(?:Workflow|Implementation|Principle|Environment|Heuristic)\s*:\s*(.+)$", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s\]|<>\"']+")
# Possessive: a run of spaces between the bold marks cannot be split two ways (it was cubic in the run).
_FIELD = re.compile(r"(?:'''|\*\*)\s*+([A-Za-z]++(?: [A-Za-z]++)*+)\s*+:?\s*+(?:'''|\*\*)\s*+:?\s*+(.+)")
_PAGE_REF = re.compile(r"(Environment|Env|Heuristic|Principle|Implementation|Impl):([\w.\-]+)")


@dataclass
class PageStep:
    number: int
    title: str
    line: int
    description: str
    principle: str = ""
    code: list[str] = field(default_factory=list)


@dataclass
class WorkflowPage:
    path: str
    title: str = ""
    title_line: int = 1
    overview: str = ""
    description: str = ""
    usage: str = ""
    steps: list[PageStep] = field(default_factory=list)
    mermaid: str = ""
    github_url: str | None = None
    github_url_line: int = 0
    sources: list[KnowledgeSource] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    last_updated: str = ""
    page_refs: list[str] = field(default_factory=list)


def _prose(sections: list[mw.Section], *names: str) -> str:
    section = mw.find_section(sections, *names)
    return mw.prose(mw.strip_code_blocks(section.body)) if section else ""


def _title(sections: list[mw.Section]) -> tuple[str, int]:
    for section in sections:
        if section.level == 1:
            m = _PAGE_TITLE.match(section.title)
            return (m.group(1).strip() if m else section.title.strip()), section.line
    return "", 1


def page_refs(text: str) -> list[str]:
    """Names of pages referred to as `Type:Name` anywhere in the page (environments, heuristics...)."""
    return [f"{m.group(1)}:{m.group(2)}" for m in _PAGE_REF.finditer(text)]


_NUMBERED = re.compile(r"^\s*(?:#|\d+[.)])\s+(.+)$")


def _fallback_steps(sections: list[mw.Section]) -> list[PageStep]:
    """Steps of a page that has no `Step N:` headings: the subsections of its steps section, else the
    numbered list in it."""
    parent = mw.find_section(sections, "Execution Steps", "Steps", "Workflow Steps", "Procedure", "The Recipe")
    if parent is None:  # a steps section named otherwise (`== Process ==`): the first whose subsections are numbered
        parent = next((s for s in sections if _numbered_children(sections, s) >= 2), None)
    if parent is None:
        return []
    children = _children(sections, parent)
    if children:
        return [
            PageStep(
                n,
                _unnumbered(mw.prose(c.title).strip()),
                c.line,
                mw.prose(mw.strip_code_blocks(c.body)),
                principle=_principle(c.body, c.body_line),
                code=[b.code for b in mw.code_blocks(c.body, c.body_line) if b.lang in _PYTHON],
            )
            for n, c in enumerate(children, start=1)
        ]
    steps: list[PageStep] = []
    for offset, line in enumerate(mw.strip_code_blocks(parent.body).split("\n")):
        m = _NUMBERED.match(line)
        if m:
            title = re.split(r":| [—–-] ", mw.prose(_BOLD.sub("", m.group(1))), maxsplit=1)[0].strip(" *'—–-")[:80]
            if title:
                line_number = parent.body_line + offset
                principle = _principle(m.group(1), line_number)
                steps.append(PageStep(len(steps) + 1, title, line_number, mw.prose(m.group(1)), principle))
    return steps


def _children(sections: list[mw.Section], parent: mw.Section) -> list[mw.Section]:
    """The direct subsections of parent, in order."""
    children = []
    for section in sections[sections.index(parent) + 1 :]:
        if section.level <= parent.level:
            break
        if section.level == parent.level + 1:
            children.append(section)
    return children


def _numbered_children(sections: list[mw.Section], parent: mw.Section) -> int:
    """How many subsections of parent are numbered like steps (`1. Load`, `Step 2: Train`); 0 when any is not."""
    children = _children(sections, parent)
    numbered = [c for c in children if STEP_HEADING.match(mw.prose(c.title).strip())]
    return len(numbered) if numbered and len(numbered) == len(children) else 0


def _unnumbered(title: str) -> str:
    """A step subsection's title without its own number ("1. Load", "Step 2 — Train")."""
    m = STEP_HEADING.match(title)
    return m.group(3).strip() if m and m.group(3).strip() else title


def _principle(body: str, first_line: int) -> str:
    """The principle a step names: its `[[step::Principle:X]]` property, else its first link to a principle
    page (`[[Principle:X]]`, `[text](../principles/X.md)`) outside code."""
    for prop in mw.properties(body, first_line):
        if prop.name == "step" and prop.parts:
            return prop.parts[0].split(":", 1)[-1].strip()
    m = _PRINCIPLE_LINK.search(mw.strip_code_blocks(body))
    return (m.group(1) or m.group(2)) if m else ""


def parse_workflow_page(source: WikiText) -> WorkflowPage:
    """Read a workflow page; missing sections stay empty."""
    sections = mw.sections(source.text)
    page = WorkflowPage(path=source.path)
    page.title, page.title_line = _title(sections)
    page.overview = _prose(sections, "Overview")
    page.description = _prose(sections, "Description")
    page.usage = _prose(sections, "Usage", "When to use")
    for section in sections:
        m = STEP_HEADING.match(section.title)
        if not m or m.group(1) is None:  # only `Step N` headings: other sections of a page may be numbered
            continue
        principle = _principle(section.body, section.body_line)
        body = mw.section_with_children(sections, section) if section.level < 3 else section.body
        page.steps.append(
            PageStep(
                number=int(m.group(1)),
                title=mw.prose(m.group(3)).strip(),
                line=section.line,
                description=mw.prose(mw.strip_code_blocks(body)),
                principle=principle,
                code=[b.code for b in mw.code_blocks(body, section.body_line) if b.lang in ("python", "py", "")],
            )
        )
    if not page.steps:
        page.steps = _fallback_steps(sections)
    diagram = mw.mermaid(source.text)
    if diagram:
        page.mermaid = diagram[0]
    for prop in mw.properties(source.text):
        value = prop.parts[0] if prop.parts else ""
        if prop.name == "source" and len(prop.parts) >= 3:
            page.sources.append(KnowledgeSource(prop.parts[0], prop.parts[1], prop.parts[-1]))
        elif prop.name == "domain" and value:
            page.domains.append(value.replace("_", " ") if " " in value else value)
        elif prop.name == "last_updated":
            page.last_updated = value
        elif prop.name == "github_url" and page.github_url is None:
            page.github_url, page.github_url_line = value, prop.line
    if page.github_url is None:
        url_section = mw.find_section(sections, "GitHub URL", "GitHub Repository")
        if url_section:
            m = _URL.search(url_section.body)
            if m:
                page.github_url = m.group(0)
                page.github_url_line = url_section.body_line + url_section.body[: m.start()].count("\n")
    page.page_refs = page_refs(source.text)
    return page


def _cell(cells: list[str], col: int | None) -> str:
    return plain(cells[col]) if col is not None and col < len(cells) else ""


def _first_table(body: str) -> list[list[str]]:
    """The rows of the first wikitable in body, else of its first Markdown table (header first); none without one.
    Cells are inline Markdown (code spans kept)."""
    tables = mw.wikitables(body)
    if tables:
        return tables[0]
    for block in parse_blocks(body):
        if block.kind is BlockKind.TABLE:
            return [list(block.header)] + [list(r.cells) for r in block.rows]
    return []


def _column(header: list[str], names: tuple[str, ...], words: tuple[str, ...] = ()) -> int | None:
    """The first column named one of names, else the first whose name holds one of words."""
    for name in names:
        if name in header:
            return header.index(name)
    return next((n for n, h in enumerate(header) if any(word in h for word in words)), None)


def _contract(body: str, inputs_only: bool = False) -> tuple[ContractRow, ...]:
    """I/O contract rows from a wikitable or a Markdown table; with inputs_only, none unless the table has a
    Required column (a whole contract in one table: only inputs are required or not)."""
    rows = _first_table(body)
    if len(rows) < 2:
        return () if inputs_only else _listed_contract(body)
    header = [plain(h).lower().strip(" ?:") for h in rows[0]]
    name_col = _column(
        header, ("name", "parameter", "param", "field", "argument", "arg"), ("name", "parameter", "argument")
    )
    type_col = _column(header, ("type",), ("type",))
    req_col = _column(header, ("required",), ("required", "optional"))
    desc_col = _column(header, ("description", "notes"), ("description", "purpose", "meaning", "notes", "details"))
    if inputs_only and req_col is None:
        return ()
    result = []
    for cells in rows[1:]:
        result.append(
            ContractRow(
                name=_cell(cells, name_col),
                type=_cell(cells, type_col),
                required=_cell(cells, req_col),
                description=_cell(cells, desc_col),
            )
        )
    return tuple(result)


# `* '''r''' (int, optional): rank`, `- **r** (`int`) — rank`, `* `r`: rank`: a parameter described in a list
_LISTED_PARAM = re.compile(
    r"^\s*+[*#-]++\s*+(?:'''|\*\*|`)*([A-Za-z_][\w.]*)(?:'''|\*\*|`)*+\s*+(?:\(([^()]*)\))?\s*+(?:[:—–]|-\s)\s*(.*)$"
)


_DEFAULT_GIVEN = re.compile(r"^defaults?\b", re.IGNORECASE)


def _listed_contract(body: str) -> tuple[ContractRow, ...]:
    """I/O contract rows from a list of parameters (pages that write no table). A parameter the list gives a default
    is left out, as when a page has no contract: the example's value or the library's own default applies."""
    rows = []
    for line in mw.strip_code_blocks(body).split("\n"):
        m = _LISTED_PARAM.match(line) if len(line) <= 2000 else None
        if not m:
            continue
        details = [part.strip(" `'") for part in split_top_level(m.group(2) or "")]
        if any(_DEFAULT_GIVEN.match(part) for part in details):
            continue
        lowered = [part.lower() for part in details]
        kinds = ("optional", "required")
        type_ = next((part for part, low in zip(details, lowered, strict=True) if not low.startswith(kinds)), "")
        required = "no" if "optional" in lowered else ("yes" if "required" in lowered else "")
        rows.append(ContractRow(m.group(1), type_, required, plain(m.group(3)).strip()))
    return tuple(rows)


_PYTHON = ("python", "py", "")
# the names a fence or <syntaxhighlight lang=...> gives Python (Pygments' aliases), console sessions included
_PYTHON_LANGS = frozenset({"python", "py", "python3", "py3", "pycon", "ipython", "ipython3"})
_PROMPT = re.compile(r"^(\s*)(?:>>>|\.\.\.)(?: |$)")
# where implementation pages keep their examples: the usual names first, then the other wordings seen
_EXAMPLE_SECTIONS = (
    ("Usage Examples", "Usage Example", "Examples", "Example"),
    ("Example Usage", "Code Examples", "Code Example", "Usage"),
    ("Example Code", "Sample Usage", "Sample Code", "Code Samples", "Code Sample", "Examples of Usage", "Quick Start"),
)

# where a pattern page writes out the function it documents, apart from its usage examples
_PATTERN_SECTIONS = (
    "Pattern Specification",
    "Pattern",
    "Complete Implementation",
    "Full Implementation",
    "Implementation",
)

# where implementation pages describe what goes in and what comes out
_INPUT_SECTIONS = ("Inputs", "Input", "Parameters", "Input Parameters", "Arguments", "Args")
_OUTPUT_SECTIONS = ("Outputs", "Output", "Returns", "Return Value", "Return Values")
# a contract with no Inputs subsection: its table is the inputs when it says which are required
_CONTRACT_SECTIONS = ("I/O Contract", "IO Contract", "Input/Output Contract", "Contract")


def _without_prompts(code: str) -> str:
    """A console session (`>>> ` and `... ` prompts, output lines between) as the code it runs: prompts removed,
    output lines left blank, so each line stays on its page line. Code without prompts comes back unchanged."""
    lines = code.split("\n")
    if not any(line.lstrip().startswith(">>>") for line in lines):
        return code
    kept = []
    for line in lines:
        m = _PROMPT.match(line)
        kept.append(m.group(1) + line[m.end() :] if m else "")
    return "\n".join(kept)


_SMART_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _straight_quotes(code: str) -> str:
    """Code whose quotes a word processor curled (`“q_proj”`), with straight ones, when only that keeps it from
    parsing; code that parses (a curly quote inside a string) is left as written."""
    if not any(mark in code for mark in "“”‘’"):
        return code
    try:
        parse_dedented(code)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        straight = code.translate(_SMART_QUOTES)
        try:
            parse_dedented(straight)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            return code
        return straight
    return code


_DECLARES = (
    ast.Import,
    ast.ImportFrom,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Expr,
)  # or a docstring


def _api_usage(sections: list[mw.Section], signature: str) -> list[mw.CodeBlock]:
    """With no examples section, the Python under an `== API ==` heading (LangChain-style pages) that calls
    something (not the signature, nor imports and definitions alone): a page's usage example written there."""
    found = []
    for section in mw.sections_named(sections, "API"):
        for block in _python_blocks(mw.code_blocks(mw.section_with_children(sections, section), section.body_line)):
            if block.code.strip() == signature.strip():
                continue
            try:
                body = parse_dedented(block.code).body
            except (SyntaxError, ValueError, MemoryError, RecursionError):
                continue
            if any(
                isinstance(n, ast.Expr) and isinstance(n.value, ast.Call) or not isinstance(n, _DECLARES) for n in body
            ):
                found.append(block)
    return found


def _python_blocks(blocks: Iterable[mw.CodeBlock]) -> list[mw.CodeBlock]:
    """The Python among code blocks, console prompts removed: a block tagged with a name of Python, or untagged
    and parsing as Python (an untagged shell command or output does not)."""
    found = []
    for block in blocks:
        if block.lang not in _PYTHON_LANGS and block.lang != "":
            continue
        code = _straight_quotes(_without_prompts(block.code))
        if block.lang == "":
            try:
                parse_dedented(code)
            except (SyntaxError, ValueError, MemoryError, RecursionError):
                continue
            if not code.strip():
                continue
        found.append(block if code == block.code else replace(block, code=code))
    return found


def _with_imports_shared(blocks: list[mw.CodeBlock]) -> list[mw.CodeBlock]:
    """Examples whose imports stand in a block of their own (a block of imports, a line of prose, then the code that
    uses them): the imports go at the top of the next block, as one example, the way the page reads (an import
    block with no code after it stays as it is)."""
    only_imports = [_only_imports(block.code) for block in blocks]
    last_use = max((n for n, imports in enumerate(only_imports) if not imports), default=-1)
    result: list[mw.CodeBlock] = []
    shared = ""
    for n, block in enumerate(blocks):
        if only_imports[n] and n < last_use:
            shared += textwrap.dedent(block.code).strip("\n") + "\n"
        elif shared and not only_imports[n]:
            result.append(replace(block, code=f"{shared}\n{textwrap.dedent(block.code)}"))
            shared = ""
        else:
            result.append(block)
    return result


def _only_imports(code: str) -> bool:
    try:
        body = parse_dedented(code).body
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return bool(body) and all(isinstance(node, (ast.Import, ast.ImportFrom)) for node in body)


_IMPORT_LINE = re.compile(r"^(?:import\s+[\w.]+|from\s+[\w.]+\s+import\s+)")


def _titled(sections: list[mw.Section], word: str) -> mw.Section | None:
    """The first section whose title starts with word, or has it as its last word ("Class Signature")."""
    for section in sections:
        title = section.title.lower().strip(" :")
        if title.startswith(word) or title.endswith(" " + word):
            return section
    return None


def _import_lines(blocks: Iterable[mw.CodeBlock]) -> list[str]:
    """Top-level import statements of code blocks (one line each), in order, once each."""
    found: list[str] = []
    for block in blocks:
        try:
            tree = parse_dedented(block.code)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            lines = [line.strip() for line in block.code.split("\n") if _IMPORT_LINE.match(line.strip())]
        else:
            lines = [ast.unparse(node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
        found.extend(line for line in lines if line not in found and not line.endswith("("))
    return list(dict.fromkeys(found))


_SIGNATURE_LABEL = re.compile(r"^[ \t]*(?:'''|\*\*)(?:Function |Method |Class )?Signature:?(?:'''|\*\*):?[ \t]*$", re.M)


def _first_code(body: str) -> str:
    """The first Python (or untagged) code block of a section, else its first block of any language; a block of
    imports alone goes with the code after it, as examples' do (_with_imports_shared)."""
    blocks = mw.code_blocks(body)
    python = _with_imports_shared([block for block in blocks if block.lang in _PYTHON_LANGS or block.lang == ""])
    return (python or blocks)[0].code.strip() if blocks else ""


def parse_implementation_page(source: WikiText, name: str) -> Implementation:
    """Read an implementation page: import, signature, source location, I/O contract, examples."""
    sections = mw.sections(source.text)
    title, _ = _title(sections)
    section = _titled(sections, "import")
    imports = _import_lines(mw.code_blocks(section.body) if section else [])
    if not imports:  # pages that keep their import lines in the signature or example code
        imports = _import_lines(b for b in mw.code_blocks(source.text) if b.lang in _PYTHON)
    signature = ""
    section = _titled(sections, "signature") or mw.find_section(
        sections, "Definition", "API", "Interface Specification", "Interface"
    )
    if section:
        signature = _first_code(section.body)
    else:  # a bold `Signature:` label with the code under it
        stripped = mw.strip_code_blocks(source.text)
        label = _SIGNATURE_LABEL.search(stripped)
        if label is not None:  # the same line of the page (code blocks are blanked line for line)
            after = stripped.count("\n", 0, label.end()) + 1
            signature = _first_code("\n".join(source.text.split("\n")[after:]))
    source_file = source_lines = repository = ""
    section = mw.find_section(sections, "Source Location", "Location")
    search_text = section.body if section else "\n".join(source.text.split("\n")[:40])
    for raw in search_text.split("\n"):
        m = _FIELD.search(raw)
        if not m:
            continue
        key, value = m.group(1).strip().lower(), plain(m.group(2)).strip()
        if key == "file" and not source_file:
            source_file = value
        elif key == "lines" and not source_lines:
            source_lines = value
        elif key in ("repository", "repo", "library") and not repository and (url := _GITHUB_REPO.search(m.group(2))):
            repository = url.group(0)
    inputs: tuple[ContractRow, ...] = ()
    outputs: tuple[ContractRow, ...] = ()
    section = mw.find_section(sections, *_INPUT_SECTIONS)
    if section:
        inputs = _lined(_contract(section.body), section)
    elif section := mw.find_section(sections, *_CONTRACT_SECTIONS):
        inputs = _lined(_contract(section.body, inputs_only=True), section)
    section = mw.find_section(sections, *_OUTPUT_SECTIONS)
    if section:
        outputs = _lined(_contract(section.body), section)
    found = (  # the first section so named that holds Python ("Usage" may be prose)
        _python_blocks(mw.code_blocks(mw.section_with_children(sections, section), section.body_line))
        for names in _EXAMPLE_SECTIONS
        for section in mw.sections_named(sections, *names)
    )
    blocks = _with_imports_shared(next((python for python in found if python), []) or _api_usage(sections, signature))
    _, title_line = _title(sections)
    pattern = mw.find_section(sections, *_PATTERN_SECTIONS)
    return Implementation(
        name=name,
        ref=SourceRef(source.path, title_line),
        title=title,
        overview=_prose(sections, "Overview"),
        imports=tuple(imports),
        signature=signature,
        source_file=source_file,
        source_lines=source_lines,
        repository=repository,
        inputs=inputs,
        outputs=outputs,
        examples=tuple(b.code for b in blocks),
        example_lines=tuple(_code_start(source.text, b) for b in blocks),
        pattern=_first_code(pattern.body) if pattern else "",
        page_refs=tuple(page_refs(source.text)),
    )


def _code_start(text: str, block: mw.CodeBlock) -> int:
    """The page line holding the block's first line of code (its fence or tag is on block.line)."""
    first = block.code.split("\n", 1)[0]
    lines = text.split("\n", block.line + 1)
    return block.line if first.strip() and first in lines[block.line - 1] else block.line + 1


def _lined(rows: tuple[ContractRow, ...], section: mw.Section) -> tuple[ContractRow, ...]:
    """Contract rows with the page line each is written on (the first line naming it, else the section's)."""
    lines = section.body.split("\n")

    def line_of_row(name: str) -> int:
        found = next((n for n, text in enumerate(lines) if name and name in text), None)
        return section.body_line + found if found is not None else section.line

    return tuple(replace(row, line=line_of_row(row.name)) for row in rows)


_WIKILINK = re.compile(r"\[\[([^\[\]|:]+(?::[^\[\]|:]+)?)(?:\|[^\[\]]*)?\]\]")


_GITHUB_REPO = re.compile(r"https?://github\.com/[\w.-]+/[\w.-]+?(?=\.git\b|[/\s\]|)]|$)")
_IMPLEMENTATION_LINK = re.compile(r"\]\((?:\.\./|\./)?implementations/([^()\s/]+?)\.md\)")


def implemented_by(source: WikiText) -> list[str]:
    """The implementation page names a principle page links to, in order: its `[[implemented_by::...]]`
    properties, its Markdown links into implementations/, then its plain links (`[[Repo_split_text_method|...]]`);
    the caller keeps those that exist."""
    named = [
        p.parts[0].split(":", 1)[-1].strip()
        for p in mw.properties(source.text)
        if p.name == "implemented_by" and p.parts
    ]
    text = mw.strip_code_blocks(source.text)
    plain_links = [
        m.group(1).split(":", 1)[-1].strip()
        for m in _WIKILINK.finditer(text)
        if not m.group(1).lower().startswith(("category:", "principle:", "workflow:", "heuristic:", "environment:"))
    ]
    page_links = [m.group(1) for m in _IMPLEMENTATION_LINK.finditer(text)]  # [X](../implementations/X.md)
    return list(dict.fromkeys(named + page_links + plain_links))


def parse_note_page(source: WikiText, name: str) -> Note:
    """An environment or heuristic page as a title, a one-paragraph summary and a few key items."""
    sections = mw.sections(source.text)
    title, _ = _title(sections)
    summary = _prose(sections, "Overview").split("\n\n")[0] or _prose(sections, "Summary").split("\n\n")[0]
    items: list[str] = []
    for key in ("The Insight (Rule of Thumb)", "Insight", "Rule of Thumb", "System Requirements", "Dependencies"):
        # not the "* None" a page writes under an empty heading (System Packages): nothing to install
        items = [item for item in _bullets(sections, key) if not item.endswith(":") and not says_none(item)]
        if items:
            break
    # what must be set before anything runs: "`KERAS_BACKEND`: must be `torch`, set before `import keras`"
    settings = {
        item: None
        for key in ("Credentials", "Environment Variables", "Environment variables", "Configuration")
        for item in _bullets(sections, key)
        if _ENV_VARIABLE.search(item)
    }
    return Note(
        name=name,
        title=(title or name).replace("_", " "),
        summary=summary,
        ref=SourceRef(source.path, 1),
        items=tuple(items[:8] + list(settings)[:4]),
        errors=_known_errors(sections),
    )


_ERROR_SECTIONS = ("Common Errors", "Common Issues", "Troubleshooting", "Known Issues", "Errors")


def _known_errors(sections: list[mw.Section]) -> tuple[KnownError, ...]:
    """The rows of a Common Errors table (Error Message, Cause, Solution): columns found by their names, else
    taken in that order (two columns: the error and its solution)."""
    section = mw.find_section(sections, *_ERROR_SECTIONS)
    rows = _first_table(mw.section_with_children(sections, section)) if section else []
    if len(rows) < 2 or len(rows[0]) < 2:
        return ()
    header = [plain(h).lower().strip(" ?:") for h in rows[0]]
    error = _column(header, (), ("error", "message", "symptom", "issue", "problem", "exception"))
    cause = _column(header, (), ("cause", "reason", "why"))
    solution = _column(header, (), ("solution", "fix", "resolution", "remedy", "workaround", "action"))
    if error is None or solution is None:
        error, cause, solution = (0, 1, 2) if len(header) > 2 else (0, None, 1)
    found = []
    for cells in rows[1:]:
        known = KnownError(
            *(cells[c].strip() if c is not None and c < len(cells) else "" for c in (error, cause, solution))
        )
        if known.error and (known.cause or known.solution):
            found.append(known)
    return tuple(found)


def _bullets(sections: list[mw.Section], key: str) -> list[str]:
    """The bullet items of a section (and its subsections), plain text, bold marks dropped; none without it."""
    section = mw.find_section(sections, key)
    if not section:
        return []
    text = mw.prose(mw.section_with_children(sections, section))
    found = (raw.lstrip("- ").replace("**", "").strip() for raw in text.split("\n") if raw.startswith("-"))
    return [item for item in found if item]


_ENV_VARIABLE = re.compile(r"`?\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")  # `KERAS_BACKEND`, HF_TOKEN
