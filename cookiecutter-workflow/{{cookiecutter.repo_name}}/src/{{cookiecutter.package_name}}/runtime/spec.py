"""What a step module declares: its number, title, kind, status, inputs, outputs and config keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class _Required:
    """The default of a config key that has none: the user must set it."""

    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()

KINDS = ("call", "method", "import", "pattern", "tool", "manual")
STATUSES = ("bound", "stub", "manual")


@dataclass(frozen=True)
class Param:
    """A config key of a step: its type (as the wiki writes it), default, description, the loader that
    builds an object from its value (a path or an id), if any, whether the value is a file the step writes
    (its folder is made before the step runs), the earlier key ("step module.key") naming the same file or
    id, whose value it takes until it is set itself, and whether run() passes the value as `*name` (an API's
    `*args`)."""

    type: str = ""
    default: Any = REQUIRED
    doc: str = ""
    loader: str = ""
    writes: bool = False
    follows: str = ""
    spread: bool = False

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


@dataclass(frozen=True)
class Step:
    """A step's spec. run()'s parameters are `consumes` (artifacts of earlier steps) and then `params`."""

    number: int
    title: str
    kind: str
    status: str
    api: str = ""
    consumes: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    params: dict[str, Param] = field(default_factory=dict)
    needs: tuple[str, ...] = ()
    wiki: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS or self.status not in STATUSES:
            raise ValueError(f"step {self.number}: kind {self.kind!r} or status {self.status!r} is not known")


@dataclass(frozen=True)
class Repeat:
    """Steps first..last, then step `step`, run again as many times as that step's config key `key` says."""

    step: int
    first: int
    last: int
    key: str


@dataclass(frozen=True)
class Workflow:
    """The workflow: its title and its step modules in order."""

    title: str
    steps: tuple[str, ...]
    repeat: Repeat | None = None
