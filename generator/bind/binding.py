"""What binding produces: a step's kind, status, run() body, inputs, outputs and config keys."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a step's API is: a call, a method on an earlier object, an import, a user pattern, a tool, a decision."""

    CALL = "call"
    METHOD = "method"
    IMPORT = "import"
    PATTERN = "pattern"
    TOOL = "tool"
    MANUAL = "manual"


class Status(StrEnum):
    """Whether run() does the step's work (bound), must be written by a person (stub), or is a decision (manual)."""

    BOUND = "bound"
    STUB = "stub"
    MANUAL = "manual"


class Origin(StrEnum):
    """Where a bound step's import line came from."""

    PAGE = "page"  # the implementation page's Import section (or another page of the wiki)
    EXAMPLE = "example"  # a usage example
    DERIVED = "derived"  # a dotted dependency or the source location
    SYMBOLS = "symbols"  # genrepo's table of well-known names
    UPSTREAM = "upstream"  # no import: the call goes through an object an earlier step made
    NONE = "none"


class Source(StrEnum):
    """What a step's run() body was made from."""

    EXAMPLE = "example"  # statements cut from a usage example
    API = "api"  # a call built from the API text
    PATTERN = "pattern"  # a user-defined function the page shows
    PASSTHROUGH = "passthrough"  # a pattern step that hands its inputs on
    STUB = "stub"  # a body a person must write
    MANUAL = "manual"  # a decision, recorded as config
    TOOL = "tool"  # a command-line tool
    IMPORT = "import"  # the step only imports a module
    NONE = ""  # not said (a Binding made outside the rules)


@dataclass(frozen=True)
class ConfigParam:
    """A configuration key of a step: type, default (Python literal text) and whether it must be set.

    loader names the function of the generated `loaders.py` that builds an object from the value (a path or id);
    writes: the value is a file the step writes (its folder is made before the step runs).
    follows: an earlier step's key whose value this key takes until it is set itself (generator/links.py).
    spread: the value is passed as `*name` (an API's `*args`): one value set alone is one argument, not its letters.
    """

    name: str
    type: str = ""
    default: str | None = None
    required: bool = True
    description: str = ""
    loader: str = ""
    writes: bool = False
    follows: str = ""  # "step module.key": an earlier key naming the same file or id, whose value it takes until set
    spread: bool = False


@dataclass(frozen=True)
class Binding:
    """How a step runs: run()'s parameters (consumed artifacts, then config keys), its body and its results."""

    kind: Kind
    status: Status
    body: str
    consumes: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    params: tuple[ConfigParam, ...] = ()
    import_line: str = ""
    import_origin: Origin = Origin.NONE
    imports: tuple[str, ...] = ()  # modules the body (and its loaders) import; the generated tests fake them
    loaders: tuple[str, ...] = ()  # loader functions the body calls
    target: str = ""  # the name the API call goes through (for the generated recorder tests)
    unpack: int = 2
    source: Source = Source.NONE
    notes: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()  # what the step needs beyond a CPU and its requirements (a CUDA GPU, the network)
    changes: tuple[str, ...] = ()  # where the body departs from the wiki's text, and why

    @property
    def bound(self) -> bool:
        return self.status is Status.BOUND

    @property
    def needs_implementation(self) -> bool:
        return self.status is Status.STUB
