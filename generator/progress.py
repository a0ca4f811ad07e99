"""Progress events the pipeline reports through a callback the CLI passes in (stages never print)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

STAGES = ("plan", "pin", "render", "publish")


@dataclass(frozen=True)
class Tick:
    """Work done so far in one stage: `done` of `total` items; item names the one just finished ('' at the start)."""

    stage: str
    done: int
    total: int
    item: str = ""


Progress = Callable[[Tick], None]


def silent(tick: Tick) -> None:
    """The callback of a run nobody watches."""
