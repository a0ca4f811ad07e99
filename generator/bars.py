"""How the CLI shows the pipeline's progress events: determinate rich bars on a terminal (n/N, elapsed), one plain
line per finished item in CI, nothing otherwise. A CLI-layer module: the pipeline only calls the callback."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from generator.progress import Progress as Callback
from generator.progress import Tick, silent

LABELS = {"plan": "parse and bind", "pin": "resolve requirements", "render": "render", "publish": "publish"}
_DONE = {"plan": "planned", "pin": "resolved", "render": "generated", "publish": "published"}


def in_ci() -> bool:
    """Whether this runs in a CI job (GitHub Actions and most others set CI)."""
    return os.environ.get("CI", "").lower() in ("true", "1") or os.environ.get("GITHUB_ACTIONS") == "true"


def bars(console: Console, transient: bool = False) -> tuple[Progress, Callback]:
    """A rich Progress with one determinate bar per stage, and the callback that drives it."""
    view = Progress(
        TextColumn("{task.description:<22}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[item]}"),
        console=console,
        transient=transient,
    )
    tasks: dict[str, TaskID] = {}

    def tick(event: Tick) -> None:
        if event.stage not in tasks:
            tasks[event.stage] = view.add_task(LABELS.get(event.stage, event.stage), total=event.total, item="")
        view.update(tasks[event.stage], completed=event.done, total=event.total, item=event.item)

    return view, tick


def log_lines(console: Console) -> Callback:
    """One plain line per finished item of the long stages (render, pin, publish), for CI logs."""

    def tick(event: Tick) -> None:
        if event.done and event.stage != "plan":
            console.print(
                f"{_DONE.get(event.stage, event.stage)} {event.done}/{event.total}: {event.item}", markup=False
            )

    return tick


@contextmanager
def shown(console: Console, quiet: bool) -> Iterator[Callback]:
    """The callback for a command: bars on a terminal, log lines in CI, silence when quiet or neither."""
    if quiet:
        yield silent
    elif console.is_terminal:
        view, tick = bars(console, transient=True)
        with view:
            yield tick
    elif in_ci():
        yield log_lines(console)
    else:
        yield silent
