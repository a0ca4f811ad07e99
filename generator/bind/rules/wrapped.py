"""A step whose result is a function the page defines around the step's API (Outputs "Objective function
`objective(trial) -> float`", API `Trial.suggest_float(...)`, examples `def objective(trial): ...`), when no
example uses the API outside such a def and the page's code is no step of its own (plain): the def is handed
on, never the method called on its own."""

from __future__ import annotations

from generator.bind.binding import Binding
from generator.bind.context import BindContext
from generator.bind.rules import pattern
from generator.model import Step


def applies(step: Step, ctx: BindContext) -> bool:
    return pattern.wrapping(step, ctx) is not None


def bind(step: Step, ctx: BindContext) -> Binding | None:
    return pattern.bind_wrapping(step, ctx)
