"""A wiki folder read into the model: the index, then the pages it links to, merged step by step."""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, Protocol, TypeVar

from generator.apitext import (
    api_from_code,
    api_from_examples,
    api_from_signature,
    balanced,
    code_imports,
    code_names,
    declared_attribute,
    formula,
    sets_a_value,
    unbalanced,
    user_function,
)
from generator.deps import listed_distributions, load_mapping, repo_module, script_path
from generator.errors import ParseError, UserError
from generator.model import (
    Borrowed,
    Diagnostic,
    Implementation,
    Note,
    Param,
    SourceRef,
    Step,
    StepsFrom,
    SupportingApi,
    UrlStatus,
    Wiki,
    WikiFile,
    Workflow,
)
from generator.naming import GITHUB_ORIGINS, redact_url
from generator.parse.borrow import called_unwritten, lent, own_imports, written_out
from generator.parse.index import (
    IndexData,
    IndexEntry,
    IndexStep,
    IndexStyle,
    OverviewRow,
    norm_name,
    parse_index,
)
from generator.parse.limits import (
    TOO_DEEP,
    api_too_deep,
    code_too_deep,
    line_of,
    parsed,
    signature_too_deep,
    too_long,
)
from generator.parse.markdown import breaks_as, code_spans, plain
from generator.parse.pages import (
    PageStep,
    WorkflowPage,
    implemented_by,
    page_refs,
    parse_implementation_page,
    parse_note_page,
    parse_workflow_page,
)
from generator.parse.params import (
    optional_dependencies,
    parse_dependencies,
    parse_key_parameters,
    system_dependencies,
)
from generator.parse.text import WikiText, file_state, read_wiki_file
from generator.pysource import parse_dedented
from generator.slicing import does_work

_REPO_URL = re.compile(
    r"^(?P<origin>https?://[A-Za-z0-9.-]+(?::\d+)?)/(?P<owner>[A-Za-z0-9_.-]+)/(?P<name>[A-Za-z0-9_.-]+)/?$"
)
T = TypeVar("T")
_PAGE_NAME = re.compile(r"^[\w.\-]+$")
_CITED_FILE = re.compile(r"[\w./-]+\.py\b")
_PAGES_NAMED = 4  # pages read to find a definition a page imports from the reader's own module

# what a GitHub URL cell says: a workflow's UrlStatus, or a URL that cannot be used (warned about, then absent)
_UrlCheck = Literal[UrlStatus.URL, UrlStatus.PENDING, UrlStatus.ABSENT, "invalid"]


@dataclass
class _StepDraft:
    """A step's fields as the index (or the workflow page) gives them, before its implementation page is read.

    source_location is None when the source gave no such field: the implementation page's location fills it in.
    """

    number: int
    name: str
    title: str
    ref: SourceRef
    description: str = ""
    principle: str = ""
    implementation_name: str = ""
    api_call: str = ""
    source_location: str | None = None
    external_dependencies: tuple[str, ...] = ()
    system_dependencies: tuple[str, ...] = ()
    optional_dependencies: tuple[str, ...] = ()
    environment: str = ""
    key_parameters: tuple[Param, ...] = ()
    key_parameters_text: str = ""
    key_parameters_code: tuple[str, ...] = ()
    inputs: str = ""
    outputs: str = ""
    impl_type: str = ""
    supporting: tuple[SupportingApi, ...] = ()
    code_blocks: tuple[str, ...] = ()
    overview_api: str = ""

    def step(self, implementation: Implementation | None) -> Step:
        """The model's step, with its implementation page (when one was found and read)."""
        return Step(
            number=self.number,
            name=self.name,
            title=self.title,
            ref=self.ref,
            description=self.description,
            principle=self.principle,
            implementation_name=self.implementation_name,
            api_call=self.api_call,
            source_location=self.source_location or "",
            external_dependencies=self.external_dependencies,
            system_dependencies=self.system_dependencies,
            optional_dependencies=self.optional_dependencies,
            environment=self.environment,
            key_parameters=self.key_parameters,
            key_parameters_text=self.key_parameters_text,
            key_parameters_code=self.key_parameters_code,
            inputs=self.inputs,
            outputs=self.outputs,
            impl_type=self.impl_type,
            supporting=self.supporting,
            implementation=implementation,
            code_blocks=self.code_blocks,
            overview_api=self.overview_api,
        )


@dataclass
class _Reader:
    """Reads files below one wiki root, once each, never outside it."""

    root: Path
    cache: dict[str, WikiText | ParseError] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)  # pages found but unreadable
    results: dict[tuple[object, ...], object] = field(default_factory=dict)  # what parsed() made of each page
    places: dict[str, Path | None] = field(default_factory=dict)  # inside()'s answers
    listed: dict[str, list[str]] = field(default_factory=dict)  # names()' answers
    cased: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # folder -> lower-case name -> names
    folders: dict[str, Path] = field(default_factory=dict)  # folders below the root, resolved
    trail: Trail | None = None  # while one workflow is built: what it looked at
    resolved: Path = field(init=False)

    def __post_init__(self) -> None:
        self.resolved = self.root.resolve()

    def parsed(self, parse: Callable[..., T], source: WikiText, *args: object) -> T:
        """limits.parsed(parse, source, *args), once per page: workflows that share a page share its parse, and a
        ParseError is raised again each time. What it returns is shared: callers read it and never change it
        (the workflow page's unsound code is dropped inside the memoised _sound_workflow_page)."""
        key = (parse, source.path, *args)
        if key not in self.results:
            try:
                self.results[key] = parsed(parse, source, *args)
            except ParseError as exc:
                self.results[key] = exc
        found = self.results[key]
        if isinstance(found, ParseError):
            raise found
        return found  # type: ignore[return-value]  # the key holds the parse function that made it

    def inside(self, relative: str) -> Path | None:
        """The resolved path of relative when it lies inside the wiki root (links followed), else None;
        asked again for the same path, the first answer (a run reads a wiki as it was when it started)."""
        if relative not in self.places:
            self.places[relative] = self._inside(relative)
        return self.places[relative]

    def _inside(self, relative: str) -> Path | None:
        folder, _, name = relative.rpartition("/")
        try:
            if name in ("", ".", ".."):
                candidate = (self.root / relative).resolve()
            else:  # the folder resolved once (a wiki's pages sit in a few), links followed; then the name
                if folder not in self.folders:
                    self.folders[folder] = (self.root / folder).resolve()
                candidate = self.folders[folder] / name
                if candidate.is_symlink():
                    candidate = candidate.resolve()
        except (OSError, RuntimeError):  # a symlink loop: keep the path as written, reading it will say why
            candidate = Path(os.path.normpath(self.resolved / relative))
        try:
            candidate.relative_to(self.resolved)
        except ValueError:
            return None
        return candidate

    def read(self, relative: str) -> WikiText:
        path = self.inside(relative)
        if path is None:
            if self.trail is not None:
                self.trail.saw(relative, None)
            raise ParseError(relative, 1, "link points outside the wiki folder")
        key = path.relative_to(self.resolved).as_posix()
        if key not in self.cache:
            try:
                self.cache[key] = read_wiki_file(path, self.resolved)
            except ParseError as exc:
                self.cache[key] = exc
        found = self.cache[key]
        if self.trail is not None:  # as asked for: read again, the same links are followed
            self.trail.saw(relative, found.sha256 if isinstance(found, WikiText) else file_state(path))
            if isinstance(found, WikiText):
                self.trail.read[key] = found.sha256
        if isinstance(found, ParseError):
            raise found
        return found

    def page(self, folder: str, name: str) -> WikiText | None:
        """A page by name in a folder (`implementations/NAME.md`), or None when absent or unreadable."""
        if not _PAGE_NAME.match(name):
            return None
        relative = f"{folder}/{name}.md"
        path = self.inside(relative)
        if path is None or not os.path.lexists(path):
            if self.trail is not None:
                self.trail.saw(relative, None)
            other = self.spelled(folder, name)
            if other is None:
                return None
            relative = f"{folder}/{other}.md"
        try:
            return self.read(relative)
        except ParseError as exc:
            self.problem(Diagnostic(f"{exc.message}; page skipped", SourceRef(exc.file, exc.line)), once=True)
            return None

    def problem(self, problem: Diagnostic, once: bool = False) -> None:
        """A page found but unreadable (once: not when the same problem was already reported)."""
        if self.trail is not None:
            self.trail.problems.append((problem, once))
        add_problem(self.problems, problem, once)

    def names(self, folder: str) -> list[str]:
        """The page names in a folder, listed once per run (a run reads a wiki as it was when it started)."""
        if folder not in self.listed:
            self.listed[folder] = list_pages(self.root, folder)
        found = self.listed[folder]
        if self.trail is not None:
            self.trail.folders[folder] = tuple(found)
        return found

    def spelled(self, folder: str, name: str) -> str | None:
        """The one page in folder whose name is name in another case (`FastLanguageModel` written for
        `fastlanguagemodel.md`), else None: a link or a name should not depend on the file system's case rules."""
        if folder not in self.cased:
            self.cased[folder] = {}
            for page in self.names(folder):
                self.cased[folder].setdefault(page.lower(), []).append(page)
        else:
            self.names(folder)  # what a workflow's trail records
        matches = [page for page in self.cased[folder].get(name.lower(), []) if page != name]
        return matches[0] if len(matches) == 1 else None

    def link(self, link: str) -> str:
        """A page link as the file it names: `/workflows/X.md` from the wiki root, `workflows/X` with its `.md`, or a
        name in another case; the link as written when none of these is there."""
        relative = link.lstrip("/") if link.startswith("/") and not link.startswith("//") else link
        candidates = [relative] + ([f"{relative}.md"] if not relative.endswith(".md") else [])
        for candidate in candidates:
            target = self.inside(candidate)
            if target is not None and os.path.lexists(target):
                return candidate
        folder, _, name = candidates[-1].rpartition("/")
        other = self.spelled(folder, name.removesuffix(".md")) if name.endswith(".md") else None
        if other is None:
            return relative
        return f"{folder}/{other}.md" if folder else f"{other}.md"


@dataclass
class Trail:
    """What building one workflow looked at in the wiki folder: every path with its sha256 (None: absent or
    outside), the pages it read, and the folder listings it used. Unchanged, they give the same workflow."""

    paths: dict[str, str | None] = field(default_factory=dict)
    read: dict[str, str] = field(default_factory=dict)
    folders: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problems: list[tuple[Diagnostic, bool]] = field(default_factory=list)  # (problem, once), as met

    def saw(self, relative: str, digest: str | None) -> None:
        self.paths.setdefault(relative, digest)

    def files(self) -> tuple[WikiFile, ...]:
        return tuple(WikiFile(path, digest) for path, digest in sorted(self.read.items()))

    def holds(self, root: Path, listed: dict[str, tuple[str, ...]] | None = None) -> bool:
        """Whether the wiki folder still holds exactly what this trail saw. listed: folder listings already made
        by this run (filled as folders are listed: a wiki's workflows mostly look at the same folders)."""
        for relative, digest in self.paths.items():
            if file_state(root / relative) != digest:
                return False
        listed = {} if listed is None else listed
        for folder, names in self.folders.items():
            if folder not in listed:
                listed[folder] = tuple(list_pages(root, folder))
            if listed[folder] != names:
                return False
        return True


def add_problem(problems: list[Diagnostic], problem: Diagnostic, once: bool) -> None:
    if not (once and problem in problems):
        problems.append(problem)


@dataclass(frozen=True)
class Built:
    """A workflow as read from the wiki, with the trail of what reading it looked at (for WorkflowCache)."""

    workflow: Workflow
    trail: Trail


class WorkflowCache(Protocol):
    """Workflows read by an earlier run, by what identifies one in its wiki folder (namespace, index path, accepted
    origins and index entry, as text): one whose trail still holds is not read again."""

    def get(self, identity: str) -> Built | None: ...

    def put(self, identity: str, built: Built) -> None: ...

    def fresh(self, identity: str) -> bool:
        """Whether the workflow was read by this very run (a worker process reading a share of the wiki): then
        what it looked at is not checked again, as a page read once per run is not."""
        ...


def list_pages(root: Path, folder: str) -> list[str]:
    """The page names (file stems) of the .md files in one folder of the wiki, sorted."""
    directory = root / folder
    if not directory.is_dir():
        return []
    return sorted(p.stem for p in directory.glob("*.md"))


def _prefixed_by(name: str, namespace: str) -> bool:
    """Whether name starts with the namespace and `_`, the namespace as written or with its other characters as
    `_` (pages of "imbalanced-learn" are named `imbalanced_learn_...`)."""
    lowered = name.lower()
    return bool(namespace) and any(
        lowered.startswith(form.lower() + "_") for form in (namespace, re.sub(r"\W", "_", namespace))
    )


def _short_name(name: str, namespace: str) -> str:
    if _prefixed_by(name, namespace):
        return name[len(namespace) + 1 :]
    return name


def _full_name(name: str, namespace: str) -> str:
    if namespace and not _prefixed_by(name, namespace):
        return f"{namespace}_{name}"
    return name


def _url_status(url: str | None, origins: tuple[str, ...] = GITHUB_ORIGINS) -> tuple[str | None, _UrlCheck]:
    """(repository URL, URL) for `ORIGIN/OWNER/NAME[.git]` on an accepted origin; else (None, why)."""
    if url is None or not url.strip():
        return None, UrlStatus.ABSENT
    value = url.strip().strip("`<>")
    if value.upper().startswith("PENDING"):
        return None, UrlStatus.PENDING
    m = _REPO_URL.match(value)
    if (
        m
        and m.group("origin").lower() in origins
        and m.group("owner") not in (".", "..")
        and m.group("name").removesuffix(".git") not in ("", ".", "..")
    ):
        return value.rstrip("/").removesuffix(".git"), UrlStatus.URL
    return None, "invalid"


def _implemented_by(reader: _Reader, principle: WikiText) -> list[str]:
    try:
        return reader.parsed(implemented_by, principle)
    except ParseError as exc:
        reader.problem(Diagnostic(exc.message, SourceRef(exc.file, exc.line)))
        return []


def _capped(
    cells: dict[str, str], lines: dict[str, int], default_line: int, path: str, what: str
) -> tuple[dict[str, str], list[Diagnostic]]:
    """Cells with any over the field size limit emptied, and a warning for each."""
    kept: dict[str, str] = {}
    warnings: list[Diagnostic] = []
    for key, value in cells.items():
        reason = too_long(value)
        if reason:
            warnings.append(
                Diagnostic(
                    f"{what}: the {key or 'unnamed'} cell {reason}; ignored",
                    SourceRef(path, lines.get(key, default_line)),
                )
            )
            value = ""
        kept[key] = value
    return kept, warnings


def _find_implementation(
    reader: _Reader, namespace: str, cited: list[str], api: str, title: str = ""
) -> tuple[str, WikiText] | None:
    """The implementation page for a step: named directly (cited: its Implementation, then its Principle), through
    its principle, by its title, or by its API name. A cited name is also looked up under the prefix the pages
    really have; a title is not (`Code_Execution` would pick one of two workflows' sandbox pages)."""
    for n, name in enumerate([*cited, title]):
        if not name:
            continue
        others = _prefixed(reader, name, namespace) if n < len(cited) else []
        for candidate in (name, _full_name(name, namespace), *others):
            page = reader.page("implementations", candidate)
            if page is not None:
                return candidate, page
            principle = reader.page("principles", candidate)
            if principle is not None:
                for impl_name in _named_like(_implemented_by(reader, principle), api, namespace):
                    impl = reader.page("implementations", impl_name)
                    if impl is not None:
                        return impl_name, impl
    api_key = norm_name(_callee(api)) if api else ""
    if len(api_key) >= 6:
        for candidate in reader.names("implementations"):
            if norm_name(_short_name(candidate, namespace)) == api_key:
                page = reader.page("implementations", candidate)
                if page is not None:
                    return candidate, page
    return None


def _callee(api: str) -> str:
    """The callee of API text, as written: `FastLanguageModel.from_pretrained` of `FastLanguageModel.from_pretrained(
    model_name)`."""
    return re.split(r"[(\s]", api.strip("` "), maxsplit=1)[0]


def _named_like(linked: list[str], api: str, namespace: str) -> list[str]:
    """The implementation pages a principle links, those whose names share most words with the step's callee first
    (`ax.figure.savefig(path)`: `Figure_savefig` before `FacetGrid_savefig`, linked first); else in link order."""
    words = set(re.findall(r"[a-z0-9]+", _callee(api).lower()))

    def shared(name: str) -> int:
        return -len(set(re.findall(r"[a-z0-9]+", _short_name(name, namespace).lower())) & words)

    return sorted(linked, key=shared)


def _prefixed(reader: _Reader, name: str, namespace: str) -> list[str]:
    """A short page name under the prefix the pages really have, when the index's title is spelled otherwise
    (`Balanced_Bagging_Ensemble` in a Steps Overview of "imbalanced-learn", the page
    `imbalanced_learn_Balanced_Bagging_Ensemble`): the one implementation or principle page whose name is some
    prefix, `_`, then name; none when two pages end so."""
    if not re.fullmatch(r"\w+", name):
        return []
    found: list[str] = []
    ending = "_" + name.lower()
    for folder in ("implementations", "principles"):
        matches = [page for page in reader.names(folder) if page.lower().endswith(ending)]
        if len(matches) == 1 and matches[0] not in (name, _full_name(name, namespace)):
            found.append(matches[0])
    return found


def _not_its_code(api: str, codes: tuple[str, ...]) -> bool:
    """Whether a step's own code (its section of the workflow page) never names the API of the implementation page
    its principle links (a principle of data formatting linked to the model loader's page): neither the method
    (`from_pretrained` of `FastLanguageModel.from_pretrained`) nor the class or function the API is."""
    callee = [n for n in re.findall(r"[A-Za-z_]\w*", _callee(api)) if n != "self"]
    return bool(callee) and callee[-1] not in code_names(codes)


def _impl_location(implementation: Implementation) -> str:
    if not implementation.source_file:
        return ""
    lines = implementation.source_lines.replace(" ", "")
    return (
        f"{implementation.source_file}:L{lines}" if re.fullmatch(r"\d+(-\d+)?", lines) else implementation.source_file
    )


_GLOSSED = re.compile(r"\s*`[^`]*`\s*\(\s*`")  # a code span, then one in brackets
_LEADING_NAME = re.compile(r"[A-Za-z_][\w.]*+")
_RETURNS = re.compile(r"\s*->\s*")


_USER_DEFINED = re.compile(r"\(?\s*(?:user[- ]defined|user[- ]written|user code)\b", re.IGNORECASE)


def _user_defined(api_cell: str) -> str:
    """ "Pattern (user-defined)" for an API Call cell whose prose before its code says the reader writes the function
    ("User-defined callable `f(x, *params) -> ndarray`"): the code span alone reads as a library's call."""
    lead = api_cell.split("`", 1)[0] if "`" in api_cell else ""
    return "Pattern (user-defined)" if _USER_DEFINED.match(plain(lead).strip()) else ""


def _api_of(text: str) -> str:
    """The API an API Call cell cites: its first code span, or the call it starts with when it starts without one
    (`model.set_adapter(name) then `model.generate()``: the first call cited, not the first quoted)."""
    text = _rejoined_spans(text)
    spans = _statement_spans(text)
    if spans and text.lstrip().startswith("`"):
        # `index.nprobe = nprobe` then `index.search(x, k)`: the setting goes with the call, which is the API
        calls = [s for s in spans if not sets_a_value(s) and not declared_attribute(s)]
        if (
            calls and sets_a_value(spans[0]) and _GLOSSED.match(text)
        ):  # `ws.column_dimensions[c].width = w` (`ColumnDimension(...)`): the
            return spans[0]  # setting is the API, the call in brackets only says what it sets
        return calls[0] if calls else spans[0]
    lead = _leading_call(plain(text))
    return lead or (spans[0] if spans else plain(text))


def _statement_spans(text: str) -> list[str]:
    """The code spans of text, a span of statements joined by `;` cut into one per statement
    (`DuckDBPyConnection.execute(query: str) -> DuckDBPyConnection; DuckDBPyConnection.fetchall() -> list[tuple]`
    cites two calls); a `;` in brackets or quotes (`execute("CREATE TABLE t (a INT); INSERT ...")`) cuts nothing."""
    return [piece for span in code_spans(text) for piece in _statements(span)]


def _statements(code: str) -> list[str]:
    pieces: list[str] = []
    depth, quote, start, index = 0, "", 0, 0
    while index < len(code):
        char = code[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        elif char == ";" and depth == 0:
            pieces.append(code[start:index])
            start = index + 1
        index += 1
    pieces.append(code[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


_SPAN_BREAK = re.compile(r"`[ \t]*(?:<br\s*/?>[ \t]*)+`", re.IGNORECASE)


def _rejoined_spans(text: str) -> str:
    """A call a line break cuts into two code spans (`get_peft_model(model,`<br>`config)`) as one span: a break
    right after a span whose brackets are still open joins it to the next; spans that each close stay apart."""
    out: list[str] = []
    at = 0
    for m in _SPAN_BREAK.finditer(text):
        before = text[at : m.start()]
        out.append(before)
        span = "".join(out)
        span = span[span.rfind("`") + 1 :]
        depth = sum(span.count(c) for c in "([{") - sum(span.count(c) for c in ")]}")
        out.append(" " if depth > 0 else m.group())
        at = m.end()
    return "".join(out) + text[at:] if out else text


def _leading_call(text: str) -> str:
    """`name(...)` (and a `-> type` after it) at the start of text, else ""."""
    text = text.strip()
    name = _LEADING_NAME.match(text)
    if name is None or not text[name.end() :].startswith("("):
        return ""
    inside = balanced(text, name.end())
    if inside is None:
        return ""
    end = name.end() + len(inside) + 2
    arrow = _RETURNS.match(text, end)
    if arrow is None:
        return text[:end]
    depth, stop = 0, arrow.end()  # the return type: up to a space outside brackets (`-> Union[str, int] then`)
    while stop < len(text) and (depth or not text[stop].isspace()):
        depth += {"[": 1, "]": -1}.get(text[stop], 0)
        stop += 1
    return text[:stop]


def _index_step(
    istep: IndexStep, page_step: PageStep | None, index_path: str, namespace: str
) -> tuple[_StepDraft, list[Diagnostic]]:
    attrs, warnings = _capped(istep.attributes, istep.attribute_lines, istep.line, index_path, f"step {istep.number}")
    api_cell, dependencies = attrs.get("api call", ""), attrs.get("external dependencies", "")
    draft = _StepDraft(
        number=istep.number,
        name=istep.name,
        title=page_step.title if page_step else istep.name.replace("_", " "),
        ref=SourceRef(index_path, istep.line),
        description=page_step.description if page_step else "",
        principle=plain(attrs.get("principle", "")) or (page_step.principle if page_step else ""),
        implementation_name=plain(attrs.get("implementation", "")),
        api_call=_api_of(api_cell),
        source_location=plain(attrs.get("source location", "")).replace("\\", "/"),  # a Windows path too
        external_dependencies=parse_dependencies(dependencies),
        system_dependencies=system_dependencies(dependencies),
        optional_dependencies=optional_dependencies(dependencies),
        environment=plain(attrs.get("environment", "")),
        key_parameters=parse_key_parameters(attrs.get("key parameters", "")),
        key_parameters_text=plain(attrs.get("key parameters", "")),
        key_parameters_code=tuple(code_spans(attrs.get("key parameters", ""))),
        inputs=breaks_as(attrs.get("inputs", ""), "; ").strip(),
        outputs=breaks_as(attrs.get("outputs", ""), "; ").strip(),
        impl_type=plain(attrs.get("type", "")) or _user_defined(api_cell),
        supporting=(*istep.supporting, *_also_cited(api_cell)),
        code_blocks=tuple(page_step.code) if page_step else (),
    )
    if not api_cell:
        warnings.append(Diagnostic(_no_api_call(istep.number, istep.name), SourceRef(index_path, istep.line)))
    elif api_too_deep(draft.api_call):
        line = istep.attribute_lines.get("api call", istep.line)
        warnings.append(
            Diagnostic(f"step {istep.number}: the API Call {TOO_DEEP}; ignored", SourceRef(index_path, line))
        )
        draft.api_call = ""
    elif unbalanced(draft.api_call):
        line = istep.attribute_lines.get("api call", istep.line)
        warnings.append(
            Diagnostic(
                f"step {istep.number} ({istep.name}): API Call text has unbalanced brackets (cut or truncated?): {draft.api_call[:80]}",
                SourceRef(index_path, line),
            )
        )
    for param in draft.key_parameters:
        if param.unread_default is not None:
            line = istep.attribute_lines.get("key parameters", istep.line)
            warnings.append(
                Diagnostic(
                    f"step {istep.number}: key parameter '{param.name}': default `{param.unread_default[:60]}` is not Python; "
                    "no default (set it in config.toml)",
                    SourceRef(index_path, line),
                )
            )
    return draft, warnings


def _also_cited(api_cell: str) -> tuple[SupportingApi, ...]:
    """The calls an API Call cell cites after the one _api_of takes (`plt.plot(xs, ys)`, `plt.savefig(path)`)."""
    spans = _statement_spans(_rejoined_spans(api_cell))
    first = _api_of(api_cell)
    return tuple(SupportingApi(api=span) for span in spans if span != first)


def _overview_step(
    row: OverviewRow, page_step: PageStep | None, index_path: str, warnings: list[Diagnostic]
) -> _StepDraft:
    cells, too_big = _capped(row.cells, {}, row.line, index_path, f"Steps Overview row {row.number}")
    warnings.extend(too_big)
    api_cell = _row_api(cells)
    related = cells.get("source location") or cells.get("related files") or cells.get("source") or ""
    parameters = cells.get("key parameters") or cells.get("parameters") or ""
    dependencies = cells.get("external dependencies") or cells.get("dependencies") or ""
    return _StepDraft(
        number=row.number,
        name=row.name.replace(" ", "_"),
        title=page_step.title if page_step else row.name,
        ref=SourceRef(index_path, row.line),
        description=page_step.description if page_step else "",
        principle=plain(cells.get("principle", "")) or (page_step.principle if page_step else ""),
        api_call=_api_of(api_cell),
        source_location=plain(related),
        supporting=_also_cited(api_cell),
        code_blocks=tuple(page_step.code) if page_step else (),
        overview_api=api_cell,
        implementation_name=plain(cells.get("implementation", "")) if "api call" in cells else "",
        key_parameters=parse_key_parameters(parameters),
        key_parameters_text=plain(parameters),
        key_parameters_code=tuple(code_spans(parameters)),
        external_dependencies=parse_dependencies(dependencies),
        system_dependencies=system_dependencies(dependencies),
        optional_dependencies=optional_dependencies(dependencies),
        environment=plain(cells.get("environment", "")),
    )


def _row_api(cells: dict[str, str]) -> str:
    """The API a Steps Overview row cites: in "Rough API" (or "Implementation"); a full steps table, one row per step,
    has the step tables' columns: API Call, Implementation (a page), Key Parameters, External Dependencies ..."""
    full = "api call" in cells
    api_cell = cells.get("api call") or cells.get("rough api") or ("" if full else cells.get("implementation")) or ""
    return api_cell or cells.get("api") or ""


def _fill_from_overview(
    drafts: list[_StepDraft], entry: IndexEntry, page: WorkflowPage | None, index_path: str, warnings: list[Diagnostic]
) -> list[_StepDraft]:
    """The index's steps, with each step its Steps Overview lists but no step section describes (a section deleted
    or never written) built from its overview row, in number order, so no step is lost. Only when the two agree on
    numbering: every described step is in the overview under its number, in order."""
    numbers = [draft.number for draft in drafts]
    rows = {row.number: (position, row) for position, row in enumerate(entry.overview)}
    if not set(numbers) <= rows.keys() or numbers != sorted(set(numbers)):
        return drafts
    for draft in drafts:  # a section of prose alone (no attribute table): its row cites the API
        cited = _row_api(rows[draft.number][1].cells)
        draft.overview_api = cited if too_long(cited) is None else ""  # (a row over the limit: read for nothing)
        told = (
            draft.implementation_name,
            draft.inputs,
            draft.outputs,
            draft.source_location,
            draft.key_parameters_text,
        )
        if not draft.api_call and not any(told):
            _api_from_row(draft, *rows[draft.number], page, index_path, warnings)
    filled = list(drafts)
    for number in sorted(rows.keys() - set(numbers)):
        position, row = rows[number]
        warnings.append(
            Diagnostic(
                f"step {number} ({row.name}) is in the Steps Overview but has no step section; "
                "built from its overview row",
                SourceRef(index_path, row.line),
            )
        )
        filled.append(_overview_step(row, _match_page_step(page, number, row.name, position), index_path, warnings))
    return sorted(filled, key=lambda draft: draft.number)


def _no_api_call(number: int, name: str) -> str:
    return f"step {number} ({name}) has no API Call row"


def _api_from_row(
    draft: _StepDraft,
    position: int,
    row: OverviewRow,
    page: WorkflowPage | None,
    index_path: str,
    warnings: list[Diagnostic],
) -> None:
    """A step whose section has no API Call (a paragraph of prose, no table) takes the API, principle and files its
    Steps Overview row gives; it was a manual step though its row binds (`search.best_params_`, `search.best_score_`)."""
    found = _overview_step(row, _match_page_step(page, row.number, row.name, position), index_path, [])
    if not found.api_call:
        return
    draft.api_call, draft.supporting = found.api_call, (*draft.supporting, *found.supporting)
    draft.principle = draft.principle or found.principle
    if not draft.source_location and found.source_location:
        draft.source_location = found.source_location
    missing = _no_api_call(draft.number, draft.name)  # said by _index_step, which has not the row
    warnings[:] = [w for w in warnings if w.message != missing]
    warnings.append(
        Diagnostic(
            f"{missing}; its API is its Steps Overview row's: {found.api_call[:80]}", SourceRef(index_path, row.line)
        )
    )


def _page_step(step: PageStep, page_path: str) -> _StepDraft:
    return _StepDraft(
        number=step.number,
        name=step.title.replace(" ", "_"),
        title=step.title,
        ref=SourceRef(page_path, step.line),
        description=step.description,
        principle=step.principle,
        code_blocks=tuple(step.code),
    )


def _match_page_step(page: WorkflowPage | None, number: int, name: str, position: int) -> PageStep | None:
    if page is None:
        return None
    for step in page.steps:
        if step.number == number and norm_name(step.title)[:6] == norm_name(name)[:6]:
            return step
    named = [
        step
        for step in page.steps
        if norm_name(step.title) == norm_name(name) or norm_name(step.principle).endswith(norm_name(name))
    ]
    if named:  # two steps of one principle (read the fact table, then the dimension table): the one numbered so
        return next((step for step in named if step.number == number), named[0])
    for step in page.steps:
        if step.number == number:
            return step
    return page.steps[position] if position < len(page.steps) else None


def _code_problem(code: str) -> str | None:
    return too_long(code) or (TOO_DEEP if code_too_deep(code) else None)


def _sound_workflow_page(source: WikiText) -> tuple[WorkflowPage, tuple[Diagnostic, ...]]:
    """The workflow page with its unsound code blocks dropped, and a warning for each: one parse, memoised whole
    (every workflow reading the page gets the same page and the same warnings)."""
    page = parse_workflow_page(source)
    return page, tuple(_sound_page_code(page))


def _sound_page_code(page: WorkflowPage) -> list[Diagnostic]:
    """Drop code blocks of the page's steps that are too long or too deeply nested; a warning for each."""
    warnings = []
    for step in page.steps:
        kept = []
        for code in step.code:
            problem = _code_problem(code)
            if problem:
                warnings.append(
                    Diagnostic(f"step {step.number}: a code block {problem}; ignored", SourceRef(page.path, step.line))
                )
            else:
                kept.append(code)
        step.code = kept
    return warnings


def _sound_implementation(
    implementation: Implementation, page: WikiText, name: str
) -> tuple[Implementation, list[Diagnostic]]:
    """The implementation without a signature, import or example that is too long or too deeply nested."""
    warnings: list[Diagnostic] = []

    def keep(what: str, text: str, problem: str | None) -> bool:
        if problem:
            warnings.append(
                Diagnostic(
                    f"the {what} {problem}; ignored", SourceRef(page.path, line_of(page.text, text.strip()[:200]))
                )
            )
        return not problem

    signature = implementation.signature
    if signature and not keep(
        "Signature", signature, too_long(signature) or (TOO_DEEP if signature_too_deep(signature, name) else None)
    ):
        signature = ""
    imports = tuple(line for line in implementation.imports if keep("import", line, too_long(line)))
    lines = implementation.example_lines or (0,) * len(implementation.examples)
    kept = [
        (code, line)
        for code, line in zip(implementation.examples, lines, strict=True)
        if keep("usage example", code, _code_problem(code))
    ]
    for code, line in kept:
        error = syntax_error(code)
        if error is not None:
            where = (line or line_of(page.text, code.strip()[:200])) + max(0, (error.lineno or 1) - 1)
            warnings.append(
                Diagnostic(
                    f"a usage example is not valid Python ({error.msg}); the binder cannot use it",
                    SourceRef(page.path, where),
                )
            )
    examples = tuple(code for code, _ in kept)
    if (signature, imports, examples) == (implementation.signature, implementation.imports, implementation.examples):
        return implementation, warnings
    return replace(
        implementation,
        signature=signature,
        imports=imports,
        examples=examples,
        example_lines=tuple(line for _, line in kept),
    ), warnings


def syntax_error(code: str) -> SyntaxError | None:
    """The SyntaxError of a code block (after dedent), or None when it parses. Parsed, never run."""
    try:
        parse_dedented(code)
    except SyntaxError as exc:
        return exc
    except (ValueError, MemoryError, RecursionError):
        return None
    return None


def _notes(reader: _Reader, namespace: str, refs: list[str], folder: str, kinds: tuple[str, ...]) -> tuple[Note, ...]:
    """The environment or heuristic pages refs name; one that cannot be read is skipped with a warning."""
    notes: list[Note] = []
    seen: set[str] = set()
    for ref in refs:
        kind, _, name = ref.partition(":")
        if kind not in kinds or name in seen:
            continue
        seen.add(name)
        page = reader.page(folder, name) or reader.page(folder, _full_name(name, namespace))
        if page is not None:
            try:
                notes.append(reader.parsed(parse_note_page, page, name))
            except ParseError as exc:
                reader.problem(Diagnostic(f"{exc.message}; page skipped", SourceRef(exc.file, exc.line)))
    return tuple(notes)


def _build_workflow(
    reader: _Reader, index_path: str, namespace: str, entry: IndexEntry, origins: tuple[str, ...] = GITHUB_ORIGINS
) -> Workflow:
    warnings: list[Diagnostic] = []
    errors: list[Diagnostic] = []
    entry_ref = SourceRef(index_path, entry.line)
    name = _full_name(entry.name, namespace)
    page: WorkflowPage | None = None
    page_path: str | None = None
    link = reader.link(entry.page_link) if entry.page_link else _workflow_page(reader, name) or f"workflows/{name}.md"
    link_ref = SourceRef(index_path, entry.page_link_line or entry.line)
    if reader.inside(link) is None:
        errors.append(Diagnostic(f"workflow page link '{link}' points outside the wiki folder", link_ref))
    else:
        try:
            source = reader.read(link)
            page, page_warnings = reader.parsed(_sound_workflow_page, source)
            page_path = source.path
            warnings.extend(page_warnings)
        except ParseError as exc:
            target = reader.inside(link)
            if target is not None and not os.path.lexists(target):
                warnings.append(Diagnostic(f"workflow page '{link}' not found; using the index only", link_ref))
            else:
                errors.append(Diagnostic(exc.message, SourceRef(exc.file, exc.line)))

    step_fields: list[_StepDraft] = []
    steps_from = StepsFrom.INDEX
    if entry.steps:
        for position, istep in enumerate(entry.steps):
            fields, step_warnings = _index_step(
                istep, _match_page_step(page, istep.number, istep.name, position), index_path, namespace
            )
            step_fields.append(fields)
            warnings.extend(step_warnings)
        step_fields = _fill_from_overview(step_fields, entry, page, index_path, warnings)
    elif entry.overview:
        steps_from = StepsFrom.OVERVIEW
        for position, row in enumerate(entry.overview):
            step_fields.append(
                _overview_step(row, _match_page_step(page, row.number, row.name, position), index_path, warnings)
            )
    elif page is not None:
        steps_from = StepsFrom.PAGE
        step_fields = [_page_step(s, page.path) for s in page.steps]
    if page is not None and page.steps and steps_from is not StepsFrom.PAGE and len(page.steps) != len(step_fields):
        warnings.append(
            Diagnostic(
                f"index lists {len(step_fields)} steps but the workflow page has {len(page.steps)}; "
                "the index's step tables win, the page gives the prose",
                entry_ref,
            )
        )
    if not step_fields:
        errors.append(Diagnostic(f"workflow '{name}' has no steps in the index or on its page", entry_ref))

    numbers = [f.number for f in step_fields]
    if numbers != sorted(numbers) or len(set(numbers)) != len(numbers):
        warnings.append(
            Diagnostic("step numbers are out of order or repeated; steps are kept in file order", entry_ref)
        )
    elif numbers and numbers[-1] - numbers[0] + 1 != len(numbers):
        skipped = sorted(set(range(numbers[0], numbers[-1])) - set(numbers))
        warnings.append(
            Diagnostic(
                f"step numbers skip {', '.join(map(str, skipped[:10]))}: a step section deleted? "
                "the steps that are there are kept in order",
                entry_ref,
            )
        )

    refs = list(entry.connections) + (page.page_refs if page else [])
    page_imports = code_imports([code for step in page.steps for code in step.code]) if page else ()
    steps: list[Step] = []
    for fields in step_fields:
        found = _find_implementation(
            reader, namespace, [fields.implementation_name, fields.principle], fields.api_call, fields.name
        )
        implementation: Implementation | None = None
        if found is not None:
            impl_name, impl_page = found
            try:
                implementation = reader.parsed(parse_implementation_page, impl_page, impl_name)
            except ParseError as exc:
                warnings.append(
                    Diagnostic(f"{exc.message}; implementation page skipped", SourceRef(exc.file, exc.line))
                )
            else:
                implementation, impl_warnings = _sound_implementation(
                    implementation, impl_page, _short_name(impl_name, namespace)
                )
                warnings.extend(w for w in impl_warnings if w not in warnings)
                refs.extend(page_refs(impl_page.text))
        signed = (
            api_from_signature(implementation.signature, _short_name(impl_name, namespace))
            if implementation is not None and not fields.api_call
            else ""
        )
        if (
            implementation is not None
            and not fields.api_call
            and fields.implementation_name != impl_name
            and _not_its_code(signed or _short_name(impl_name, namespace), fields.code_blocks)
        ):
            own, also = api_from_code(page_imports, fields.code_blocks)
            if own:
                warnings.append(
                    Diagnostic(
                        f"step {fields.number} ({fields.name}): the implementation page {impl_name} its principle "
                        f"links never appears in the step's own code; the step is bound from its code ({own})",
                        fields.ref,
                    )
                )
                implementation, fields.api_call = None, own
                fields.supporting = (*fields.supporting, *(SupportingApi(api=text) for text in also))
        if implementation is not None:
            user = user_function(implementation.signature, implementation.examples) if formula(fields.api_call) else ""
            if user:  # `np.mean(np.argmax(logits, axis=1) == labels)`: a sketch of what the page's function does
                warnings.append(
                    Diagnostic(
                        f"step {fields.number} ({fields.name}): the API Call cell is a formula; the step calls the "
                        f"function its implementation page defines ({user.split('(')[0].removeprefix('def ')})",
                        fields.ref,
                    )
                )
                fields.api_call = api_from_signature(user)
            if not fields.api_call:
                fields.api_call = signed or api_from_examples(implementation.imports, implementation.examples)
                if signed and not fields.impl_type and _script_interface(implementation, signed):
                    fields.impl_type = "Pattern (the interface a script's function offers)"
                if fields.api_call:
                    fields.impl_type = fields.impl_type or "from implementation page"
                    if fields.source_location is None:
                        fields.source_location = _impl_location(implementation)
        if fields.environment:
            refs.append(f"Environment:{fields.environment.split(':')[-1].strip('` ')}")
        steps.append(fields.step(implementation))

    index_url, index_status = _url_status(entry.github_url, origins)
    page_url, page_status = _url_status(page.github_url if page else None, origins)
    accepted = " or ".join(f"{origin}/OWNER/NAME" for origin in origins)
    if index_status == "invalid":
        shown = redact_url(entry.github_url or "")
        warnings.append(
            Diagnostic(
                f"GitHub URL '{shown}' is not a repository URL ({accepted}); ignored",
                SourceRef(index_path, entry.github_url_line),
            )
        )
    if page_status == "invalid" and page is not None:
        shown = redact_url(page.github_url or "")
        warnings.append(
            Diagnostic(
                f"github_url '{shown}' is not a repository URL ({accepted}); ignored",
                SourceRef(page.path, page.github_url_line),
            )
        )
    if index_url and page_url and index_url.lower() != page_url.lower():
        warnings.append(
            Diagnostic(f"index cites {index_url} but the page cites {page_url}; using the index", entry_ref)
        )
    github_url = index_url or page_url
    status = (
        UrlStatus.URL
        if github_url
        else (UrlStatus.PENDING if UrlStatus.PENDING in (index_status, page_status) else UrlStatus.ABSENT)
    )

    environments = _notes(reader, namespace, refs, "environments", ("Environment", "Env"))
    steps = _lend(reader, steps, _installed(steps, page, environments), warnings)
    heuristics = _notes(reader, namespace, refs, "heuristics", ("Heuristic",))
    if not heuristics:  # those its steps' pages link (`[[uses_heuristic::Heuristic:X]]` on an implementation page)
        linked = [r for step in steps if step.implementation for r in step.implementation.page_refs]
        heuristics = _notes(reader, namespace, linked, "heuristics", ("Heuristic",))
    if not heuristics:  # none linked anywhere: the wiki's first ones
        heuristics = _notes(
            reader, namespace, [f"Heuristic:{n}" for n in reader.names("heuristics")[:10]], "heuristics", ("Heuristic",)
        )

    short = _short_name(name, namespace)
    title = (page.title if page and page.title else short).replace("_", " ")
    return Workflow(
        name=name,
        namespace=namespace,
        short_name=short,
        title=title,
        ref=entry_ref,
        page_path=page_path,
        overview=(page.overview if page else "") or entry.description,
        description=page.description if page else "",
        usage=page.usage if page else "",
        steps=tuple(steps),
        mermaid=page.mermaid if page else "",
        github_url=github_url,
        github_url_status=status,
        sources=tuple(page.sources) if page else (),
        domains=tuple(page.domains) if page else (),
        last_updated=page.last_updated if page else "",
        environments=environments,
        heuristics=heuristics,
        warnings=tuple(warnings),
        errors=tuple(errors),
        steps_from=steps_from,
        page_imports=page_imports,
    )


def _script_interface(implementation: Implementation, api: str) -> bool:
    """Whether the page's Signature is a function of a script it cites (`examples/.../train_unconditional.py`),
    written as an interface (a docstring, no body) that none of its import lines imports: no module offers it,
    so the step is the page's code doing what it says, not a call of it."""
    name = _callee(api)
    if not script_path(implementation.source_file) or name in code_names(implementation.imports):
        return False
    try:
        tree = parse_dedented(implementation.signature)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return any(isinstance(node, ast.FunctionDef) and node.name == name and not does_work(node) for node in tree.body)


def _installed(steps: list[Step], page: WorkflowPage | None, environments: tuple[Note, ...]) -> frozenset[str]:
    """The top-level modules a workflow installs or genrepo knows: its steps' External Dependencies, the
    distributions its environment pages list, its source project's package, genrepo's import table."""
    found = set(load_mapping().imports)
    found |= {re.split(r"[^\w]", d.strip("` ").lower(), maxsplit=1)[0] for s in steps for d in s.external_dependencies}
    listed = listed_distributions([item for note in environments for item in note.items])
    found |= {d.replace("-", "_") for d in listed}
    found |= {repo_module(s.url) for s in (page.sources if page else ()) if s.kind.lower() == "repo"}
    # and the source project's own files and folders its steps cite (`update_contributors.py`: on a checkout)
    for step in steps:
        cited = [step.source_location, step.implementation.source_file if step.implementation else ""]
        for path in _CITED_FILE.findall(" ".join(cited)):
            found |= {part.removesuffix(".py").lower() for part in path.split("/")}
    return frozenset(found)


def _lend(reader: _Reader, steps: list[Step], installed: frozenset[str], warnings: list[Diagnostic]) -> list[Step]:
    """The steps, each page that imports a definition from the reader's own module (`from model import MLP`) given
    the definition a page of the wiki writes out: a later step's page, else a page named after it (said in
    warnings, so the reader knows where the step's class came from)."""
    lent_steps: list[Step] = []
    for at, step in enumerate(steps):
        wanted = own_imports(step.implementation, installed) if step.implementation else {}
        borrowed = []
        for name, module in wanted.items():
            if _written_in_workflow(name, steps[: at + 1]) is not None:
                continue  # this step or an earlier one writes it out, and makes it: the step takes it from there
            found = _written_in_workflow(name, steps[at + 1 :]) or _written_in_wiki(reader, name)
            if found is not None:
                borrowed.append(Borrowed(name, module, *found))
                warnings.append(
                    Diagnostic(
                        f"step {step.number} ({step.name}): {name}, which its page imports from {module} (no "
                        f"distribution genrepo knows), is the definition {found[1]} writes out; the step has it",
                        step.ref,
                    )
                )
        if step.implementation is not None:  # and what its examples call that its own Pattern Specification defines
            for name in called_unwritten(step.implementation):
                code = written_out(name, (step.implementation.pattern,))
                if code is not None and name not in wanted:
                    borrowed.append(Borrowed(name, "", code, step.implementation.ref.path))
        if step.implementation is not None and borrowed:
            step = replace(step, implementation=lent(step.implementation, borrowed))
        lent_steps.append(step)
    return lent_steps


def _written_in_workflow(name: str, steps: list[Step]) -> tuple[str, str] | None:
    for step in steps:
        if step.implementation is not None:
            code = written_out(name, (step.implementation.pattern, *step.implementation.examples))
            if code is not None:
                return code, step.implementation.ref.path
    return None


def _written_in_wiki(reader: _Reader, name: str) -> tuple[str, str] | None:
    """The definition in an implementation page whose name holds name as a word (`pytorch_MLP_nn_Module_subclass`
    for MLP); the first few such pages only."""
    named = [page for page in reader.names("implementations") if f"_{name}_" in f"_{page}_"]
    for page_name in named[:_PAGES_NAMED]:
        source = reader.page("implementations", page_name)
        if source is None:
            continue
        try:
            implementation = reader.parsed(parse_implementation_page, source, page_name)
        except ParseError:
            continue
        code = written_out(name, (implementation.pattern, *implementation.examples))
        if code is not None:
            return code, source.path
    return None


def _read_index(index_path: Path) -> tuple[_Reader, WikiText, IndexData]:
    index_path = Path(index_path)
    if index_path.is_dir():
        index_path = index_path / "_WorkflowIndex.md"
    if not os.path.lexists(index_path):
        raise UserError(f"{index_path}: no such index file")
    reader = _Reader(index_path.parent.resolve())
    source = reader.read(index_path.name)
    key = (str(reader.root / source.path), source.sha256)
    data = _INDEXES.get(key)
    if data is None:
        data = parsed(parse_index, source)
        if len(_INDEXES) >= 16:
            _INDEXES.clear()
        _INDEXES[key] = data
    return reader, source, data


# index parses of this process by (file, sha256): count_entries and load_wiki read the same index; read-only
_INDEXES: dict[tuple[str, str], IndexData] = {}


def count_entries(index_path: Path) -> int:
    """How many workflows the index lists (read and parsed, not their pages); raises as load_wiki does."""
    return len(_read_index(index_path)[2].entries)


def load_wiki(
    index_path: Path,
    github_origins: tuple[str, ...] = GITHUB_ORIGINS,
    cache: WorkflowCache | None = None,
    select: Callable[[int], bool] | None = None,
) -> Wiki:
    """Read a wiki from its `_WorkflowIndex.md`; repository URLs are accepted on github_origins.
    cache: workflows an earlier run read; one whose pages are unchanged is taken from it without reading them.
    select: which index entries (by position) to read, when not all (a worker reading its share of a wiki).
    Raises UserError or ParseError when the index itself is unusable."""
    reader, source, data = _read_index(index_path)
    root = reader.root
    namespace = data.namespace or root.name
    warnings = list(data.warnings)
    if data.style is IndexStyle.EMPTY and data.namespace:  # a `# Workflow Index: X` that lists nothing yet
        warnings.append(Diagnostic("the index lists no workflows", SourceRef(source.path, 1)))
    elif data.style is IndexStyle.EMPTY:
        raise ParseError(
            source.path,
            1,
            "no workflow found: expected '## Workflow: NAME' sections with step tables (the WorkflowIndex format) "
            "or a table listing workflow pages; is this the wiki's _WorkflowIndex.md?",
        )
    if source.repaired_lines:
        warnings.append(
            Diagnostic(
                f"repaired mis-decoded characters on {len(source.repaired_lines)} line(s)",
                SourceRef(source.path, source.repaired_lines[0]),
            )
        )
    workflows: list[Workflow] = []
    seen: dict[str, SourceRef] = {}
    index_file = WikiFile(source.path, source.sha256)
    problems: list[Diagnostic] = []
    files: set[WikiFile] = {index_file}
    listed: dict[str, tuple[str, ...]] = {}
    for position, entry in enumerate(data.entries):
        if select is not None and not select(position):
            continue
        if entry.listed_only and not _workflow_page(reader, _full_name(entry.name, namespace)):
            warnings.append(
                Diagnostic(
                    f"the index names workflow '{entry.name}' in a table, but no section describes it and there is "
                    f"no page workflows/{_full_name(entry.name, namespace)}.md; skipped",
                    SourceRef(source.path, entry.line),
                )
            )
            continue
        identity = repr((namespace, source.path, github_origins, entry))
        built = cache.get(identity) if cache is not None else None
        if cache is None or built is None or not (cache.fresh(identity) or built.trail.holds(root, listed)):
            reader.trail = Trail()
            built = Built(_build_workflow(reader, source.path, namespace, entry, github_origins), reader.trail)
            reader.trail = None
            if cache is not None:
                cache.put(identity, built)
        read = sorted({index_file, *built.trail.files()}, key=lambda f: f.path)  # the index as it is now
        workflow = replace(built.workflow, files=tuple(read))
        files.update(read)
        for problem, once in built.trail.problems:  # as a run that read every page would have met them
            add_problem(problems, problem, once)
        key = workflow.name.lower()
        if key in seen:
            duplicate = Diagnostic(f"duplicate workflow name '{workflow.name}' (first at {seen[key]})", workflow.ref)
            workflow = _with_error(workflow, duplicate)
        else:
            seen[key] = workflow.ref
        workflows.append(workflow)
    warnings.extend(problems)
    return Wiki(
        root=str(root),
        index_path=source.path,
        namespace=namespace,
        workflows=tuple(workflows),
        files=tuple(sorted(files, key=lambda f: f.path)),
        warnings=tuple(warnings),
    )


def _workflow_page(reader: _Reader, name: str) -> str | None:
    """The page of a workflow the index names without a link: workflows/NAME.md, else the one page there whose name
    matches once spaces and punctuation are left out (`LoRA Fine Tuning` is `LoRA_Fine_Tuning.md`)."""
    link = f"workflows/{name}.md"
    target = reader.inside(link)
    if target is not None and os.path.lexists(target):
        return link
    if reader.trail is not None:
        reader.trail.saw(link, None)
    matches = [page for page in reader.names("workflows") if norm_name(page) == norm_name(name)]
    return f"workflows/{matches[0]}.md" if len(matches) == 1 else None


def _with_error(workflow: Workflow, error: Diagnostic) -> Workflow:
    return replace(workflow, errors=workflow.errors + (error,))
