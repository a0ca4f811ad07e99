"""`genrepo verify DIR`: a generated repository's steps checked against the real libraries.

The repository's own `python -m PACKAGE check` does the work (it imports each step's imports and binds each
call's arguments with `inspect.signature`, calling nothing); this runs it with an interpreter whose environment
holds the repository's requirements and reads its JSON report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.errors import UserError
from generator.render import MANIFEST

FAILING = ("import fails", "no such attribute", "argument not accepted", "not callable")


@dataclass(frozen=True)
class CallResult:
    line: int
    text: str
    status: str
    detail: str


@dataclass(frozen=True)
class Move:
    """A name the step imports from `module` that the installed library now defines in `now`."""

    module: str
    name: str
    now: str


@dataclass(frozen=True)
class StepResult:
    number: int
    title: str
    module: str
    wiki: str
    status: str
    calls: tuple[CallResult, ...]
    imports: tuple[str, ...] = ()
    moves: tuple[Move, ...] = ()

    @property
    def failing(self) -> bool:
        return self.status in FAILING


@dataclass(frozen=True)
class VerifyResult:
    repo: Path
    python: str
    steps: tuple[StepResult, ...]

    @property
    def exit_code(self) -> int:
        return 1 if any(s.failing for s in self.steps) else 0

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for step in self.steps:
            counts[step.status] = counts.get(step.status, 0) + 1
        return counts

    def calls(self) -> dict[str, int]:
        """Calls of bound steps by outcome: verified, argument not accepted, not checkable, ..."""
        counts: dict[str, int] = {}
        for step in self.steps:
            for call in step.calls:
                counts[call.status] = counts.get(call.status, 0) + 1
        return counts


def _package(repo: Path) -> str:
    try:
        package = json.loads((repo / MANIFEST).read_text(encoding="utf-8"))["repo"]["package"]
    except (OSError, ValueError, KeyError, TypeError):
        package = None
    if not isinstance(package, str):
        raise UserError(f"{repo}: not a repository genrepo generated (no readable {MANIFEST})")
    return package


def default_python(repo: Path) -> str:
    """The repository's own .venv when it has one, else this interpreter."""
    own = repo / ".venv" / "bin" / "python"
    return str(own) if own.is_file() else sys.executable


def verify(repo: Path, python: str | None = None, timeout: float = 600.0) -> VerifyResult:
    """Run the repository's check with `python` (an interpreter whose environment has its requirements)."""
    repo = Path(repo).resolve()
    package = _package(repo)
    if python and os.sep in python:  # a path as typed, from where genrepo runs (check runs inside the repository)
        python = os.path.abspath(python)
    python = python or default_python(repo)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(repo / "src"), os.environ.get("PYTHONPATH", "")])),
    }
    env.update({"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})
    try:
        proc = subprocess.run(
            [python, "-m", package, "check", "--json"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UserError(f"cannot run {python} -m {package} check: {exc}") from None
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise UserError(
            f"{python} -m {package} check did not report (exit {proc.returncode}): {' | '.join(tail)}"
        ) from None
    steps = tuple(
        StepResult(
            s["number"],
            s["title"],
            s["module"],
            s.get("wiki", ""),
            s["status"],
            tuple(CallResult(c["line"], c["text"], c["status"], c.get("detail", "")) for c in s.get("calls", [])),
            tuple(s.get("imports", [])),
            tuple(Move(m["module"], m["name"], m["now"]) for m in s.get("moves", [])),
        )
        for s in report.get("steps", [])
    )
    return VerifyResult(repo, python, steps)


def apply_moves(result: VerifyResult) -> list[str]:
    """Rewrite the import lines of names the library moved (what `check` found); returns what changed."""
    package = _package(result.repo)
    changes: list[str] = []
    for step in result.steps:
        path = result.repo / "src" / package / "steps" / f"{step.module}.py"
        if not step.moves or not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        for move in step.moves:
            for index, line in enumerate(lines):
                stripped = line.strip()
                prefix = f"from {move.module} import "
                if not stripped.startswith(prefix):
                    continue
                imported = [n.strip() for n in stripped[len(prefix) :].split(",")]
                if move.name not in imported:
                    continue
                indent = line[: len(line) - len(line.lstrip())]
                rest = [n for n in imported if n != move.name]
                replacement = [f"{indent}{prefix}{', '.join(rest)}"] if rest else []
                replacement.append(f"{indent}from {move.now} import {move.name}")
                lines[index : index + 1] = replacement
                changes.append(
                    f"steps/{step.module}.py: {move.name} is imported from {move.now} (the installed library moved it from {move.module})"
                )
                break
        path.write_text("\n".join(lines), encoding="utf-8")
    return changes
