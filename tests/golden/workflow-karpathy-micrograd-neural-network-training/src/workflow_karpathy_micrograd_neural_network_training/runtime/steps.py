"""Loading a workflow's step modules, and telling a stub still waiting for its body from a written step."""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
from dataclasses import dataclass
from functools import cached_property
from types import ModuleType
from typing import Any, Callable

from .spec import Param, Step, Workflow


class WorkflowError(Exception):
    """A problem that stops the run, with a message saying what to do."""


@dataclass
class LoadedStep:
    """A step module: its name (`step_02_configure_lora`), spec and run()."""

    name: str
    module: ModuleType

    @property
    def spec(self) -> Step:
        return self.module.STEP

    @property
    def run(self) -> Callable[..., dict[str, Any]]:
        return self.module.run

    @property
    def params(self) -> dict[str, Param]:
        return self.spec.params

    @property
    def label(self) -> str:
        return f"{self.spec.number}. {self.spec.title}"

    @cached_property
    def waiting(self) -> bool:
        """A stub whose run() still only raises NotImplementedError. Writing a body is enough to make the step
        run: nothing else needs changing."""
        if self.spec.status != "stub":
            return False
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(self.run)))
        except (OSError, TypeError, SyntaxError):
            return False
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.FunctionDef) else []
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]  # the docstring
        return len(body) == 1 and isinstance(body[0], ast.Raise) and "NotImplementedError" in ast.unparse(body[0])

    @property
    def status(self) -> str:
        """bound, stub (still waiting), implemented (a stub with a written body) or manual."""
        if self.spec.status == "stub":
            return "stub" if self.waiting else "implemented"
        return self.spec.status


def load_workflow(package: str) -> tuple[Workflow, list[LoadedStep]]:
    """The workflow of a generated package and its step modules, in order."""
    workflow = importlib.import_module(f"{package}.pipeline").WORKFLOW
    steps = [LoadedStep(name, importlib.import_module(f"{package}.steps.{name}")) for name in workflow.steps]
    return workflow, steps


def step_by_reference(steps: list[LoadedStep], reference: str) -> LoadedStep:
    """A step from its number (`2`), its module name, or its name without the number prefix."""
    if reference.isdigit() and 1 <= int(reference) <= len(steps):
        return steps[int(reference) - 1]
    for step in steps:
        if reference in (step.name, step.name.split("_", 2)[-1]):
            return step
    names = ", ".join(s.name for s in steps)
    raise WorkflowError(f"no step called {reference!r}; steps are 1..{len(steps)} or: {names}")
