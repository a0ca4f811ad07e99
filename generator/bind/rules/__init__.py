"""The binding rules, in the order they are tried: the first whose bind() returns a Binding wins.

Each rule is a module with `applies(step, ctx) -> bool` and `bind(step, ctx) -> Binding | None`; a new step
kind is a new module added to RULES (markdown-it declares its block rules the same way).
"""

from __future__ import annotations

from typing import Protocol

from generator.bind.binding import Binding
from generator.bind.context import BindContext
from generator.bind.rules import (
    api,
    attribute,
    decorated,
    example,
    importing,
    manual,
    pattern,
    plain,
    setting,
    stub,
    subclass,
    tool,
    wrapped,
)
from generator.model import Step


class Rule(Protocol):
    """What a rule module provides (a module satisfies a protocol by its functions)."""

    def applies(self, step: Step, ctx: BindContext) -> bool: ...

    def bind(self, step: Step, ctx: BindContext) -> Binding | None: ...


RULES: tuple[Rule, ...] = (
    importing,
    tool,
    setting,
    pattern,
    subclass,
    decorated,
    example,
    plain,
    wrapped,
    api,
    attribute,
    stub,
    manual,
)


def bind_step(step: Step, ctx: BindContext) -> Binding:
    """The first binding a rule makes for the step (manual binds any step)."""
    for rule in RULES:
        if rule.applies(step, ctx):
            binding = rule.bind(step, ctx)
            if binding is not None:
                return binding
    raise AssertionError("the manual rule binds every step")
