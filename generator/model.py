"""Frozen dataclasses for what genrepo reads from a wiki. Every piece keeps the file and line it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class SourceRef:
    """A place in a wiki file: path relative to the wiki root, 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class Severity(StrEnum):
    """How bad a diagnostic is: an error costs its workflow (or the run), a warning is reported."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """A warning or error about the input, pointing at a wiki file and line."""

    message: str
    ref: SourceRef | None = None
    severity: Severity = Severity.WARNING

    def __str__(self) -> str:
        return f"{self.ref}: {self.message}" if self.ref else self.message

    def as_error(self) -> Diagnostic:
        return Diagnostic(self.message, self.ref, Severity.ERROR)

    def as_dict(self) -> dict[str, str | int | None]:
        """The JSON form: {severity, message, file, line}."""
        return {
            "severity": str(self.severity),
            "message": self.message,
            "file": self.ref.path if self.ref else None,
            "line": self.ref.line if self.ref else None,
        }


@dataclass(frozen=True)
class Param:
    """A parameter as the wiki documents it; default is Python source text, or None when none is given."""

    name: str
    type: str | None = None
    default: str | None = None
    description: str = ""
    required: bool | None = None
    unread_default: str | None = None  # a default written but not Python (`[1, 2`): reported, not used


@dataclass(frozen=True)
class ContractRow:
    """One row of an implementation page's I/O contract table."""

    name: str
    type: str = ""
    required: str = ""
    description: str = ""
    line: int = 0  # in the implementation page


@dataclass(frozen=True)
class Borrowed:
    """A definition a page imports from the reader's own module and another page of the wiki writes out
    (`from model import MLP`, with `class MLP(nn.Module): ...` in the page that documents it)."""

    name: str  # the class or function (`MLP`)
    module: str  # the module the page imports it from (`model`): the reader's file, no distribution
    code: str  # the definition, after the import lines it reads
    page: str  # the page it is written out in


@dataclass(frozen=True)
class Implementation:
    """An implementation page: import line, signature, I/O contract and usage examples."""

    name: str
    ref: SourceRef
    title: str = ""
    overview: str = ""
    imports: tuple[str, ...] = ()
    signature: str = ""
    source_file: str = ""
    source_lines: str = ""
    repository: str = ""  # the GitHub repository its source file is in, when the page names one
    inputs: tuple[ContractRow, ...] = ()
    outputs: tuple[ContractRow, ...] = ()
    examples: tuple[str, ...] = ()
    example_lines: tuple[int, ...] = ()  # where each example's code starts in the page
    pattern: str = ""  # a pattern page's own code (`=== Pattern Specification ===`): the function it documents
    page_refs: tuple[str, ...] = ()  # the `Type:Name` pages it links (`Heuristic:X`)
    borrowed: tuple[Borrowed, ...] = ()  # definitions its imports name that another page writes out


@dataclass(frozen=True)
class KnownError:
    """A row of a page's Common Errors table: the message a user sees, why, and what to do (inline Markdown)."""

    error: str
    cause: str
    solution: str


@dataclass(frozen=True)
class Note:
    """An environment or heuristic page reduced to what a README needs."""

    name: str
    title: str
    summary: str
    ref: SourceRef
    items: tuple[str, ...] = ()
    errors: tuple[KnownError, ...] = ()


@dataclass(frozen=True)
class SupportingApi:
    """An extra API the index lists for a step (a second attribute table or a Supporting APIs row)."""

    api: str
    source_location: str = ""
    signature: str = ""


@dataclass(frozen=True)
class Step:
    """One step of a workflow, merged from the index's step table and the workflow page."""

    number: int
    name: str
    title: str
    ref: SourceRef
    description: str = ""
    principle: str = ""
    implementation_name: str = ""
    api_call: str = ""
    source_location: str = ""
    external_dependencies: tuple[str, ...] = ()
    system_dependencies: tuple[str, ...] = ()  # "`libjpeg` (bundled in the wheels)": a prerequisite, not PyPI
    optional_dependencies: tuple[str, ...] = ()  # "`datasets` (optional, only if ...)": only when imported
    environment: str = ""
    key_parameters: tuple[Param, ...] = ()
    key_parameters_text: str = ""  # plain text (code spans reduced to their text)
    key_parameters_code: tuple[str, ...] = ()  # what the cell quotes as code (`min_chars`, `"text"`)
    inputs: str = ""
    outputs: str = ""
    impl_type: str = ""
    supporting: tuple[SupportingApi, ...] = ()
    implementation: Implementation | None = None
    code_blocks: tuple[str, ...] = ()
    overview_api: str = ""  # the Steps Overview row's API cell ("Rough API"): what else the step calls, in brief

    @property
    def api_text(self) -> str:
        """The API Call cell without its backticks (`model.predict(pairs)`)."""
        return self.api_call.strip().strip("`").strip()

    @property
    def examples(self) -> tuple[str, ...]:
        """The step's example code: its implementation page's usage examples, then its workflow page's code."""
        return (*(self.implementation.examples if self.implementation else ()), *self.code_blocks)


@dataclass(frozen=True)
class KnowledgeSource:
    """A `[[source::Type|Title|URL]]` entry of a workflow page."""

    kind: str
    title: str
    url: str


class UrlStatus(StrEnum):
    """Whether a workflow names the repository to publish to."""

    URL = "url"  # a repository URL on an accepted origin
    PENDING = "pending"  # the wiki says the repository is still to be made
    ABSENT = "absent"  # no usable URL


class StepsFrom(StrEnum):
    """Where a workflow's steps were read: the index's step tables, its Steps Overview table, or the workflow page."""

    INDEX = "index"
    OVERVIEW = "overview"
    PAGE = "page"


@dataclass(frozen=True)
class Workflow:
    """One workflow: identity, prose from its page, steps, diagram and target URL."""

    name: str
    namespace: str
    short_name: str
    title: str
    ref: SourceRef
    page_path: str | None = None
    overview: str = ""
    description: str = ""
    usage: str = ""
    steps: tuple[Step, ...] = ()
    mermaid: str = ""
    github_url: str | None = None
    github_url_status: UrlStatus = UrlStatus.ABSENT
    sources: tuple[KnowledgeSource, ...] = ()
    domains: tuple[str, ...] = ()
    last_updated: str = ""
    environments: tuple[Note, ...] = ()
    heuristics: tuple[Note, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    steps_from: StepsFrom = StepsFrom.INDEX
    page_imports: tuple[str, ...] = ()  # the import statements of the workflow page's code (step 1's block)
    files: tuple[WikiFile, ...] = ()  # the wiki files this workflow was read from (index included), with hashes

    @property
    def source_repo_url(self) -> str | None:
        """The source repository the wiki describes, from the page's Repo knowledge source."""
        for source in self.sources:
            if source.kind.lower() == "repo" and source.url.startswith("https://github.com/"):
                return source.url.rstrip("/")
        return None


@dataclass(frozen=True)
class WikiFile:
    """A file genrepo read, with its content hash for the provenance manifest."""

    path: str
    sha256: str


@dataclass(frozen=True)
class Wiki:
    """A parsed wiki folder."""

    root: str
    index_path: str
    namespace: str
    workflows: tuple[Workflow, ...]
    files: tuple[WikiFile, ...] = ()
    warnings: tuple[Diagnostic, ...] = field(default=())
