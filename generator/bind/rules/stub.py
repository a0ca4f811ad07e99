"""The fallback for a call or method step no rule could bind: a stub stating the contract."""

from __future__ import annotations

from generator.bind.binding import Binding, Kind
from generator.bind.context import BindContext
from generator.bind.stub import stub
from generator.model import Step


def applies(step: Step, ctx: BindContext) -> bool:
    return ctx.kinds[ctx.index] in (Kind.CALL, Kind.METHOD)


def bind(step: Step, ctx: BindContext) -> Binding:
    return stub(step, ctx, ctx.kinds[ctx.index], "the API text could not be bound to an import and call")
