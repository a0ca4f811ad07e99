"""A step whose API is a decorator (`nnx.jit`, `dask.delayed`, `app.command()`) and whose example applies it to a
function it defines (`@nnx.jit` over `def train_step(...)`): the step is that definition, decorated, with the
functions it calls, handed on under its name, which later steps call. A bare `nnx.jit(f)` call elsewhere on the
page is a variant for another function (`eval_step`), not the one the Outputs name."""

from __future__ import annotations

import ast

from generator.apitext import ApiRef, dotted
from generator.bind.binding import Binding, Kind
from generator.bind.context import BindContext
from generator.bind.outputs import named_outputs
from generator.bind.rules.plain import resolvable, wired
from generator.model import Step
from generator.slicing import around


def applies(step: Step, ctx: BindContext) -> bool:
    return ctx.kinds[ctx.index] in (Kind.CALL, Kind.METHOD) and ctx.api is not None and bool(ctx.examples[ctx.index])


def _decorates(decorator: ast.expr, api: ApiRef) -> bool:
    """Whether a decorator is the API, bare or called with options (`@nnx.jit`, `@nnx.jit(static_argnums=1)`)."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    written = dotted(target)
    return bool(written) and written[-len(api.callee) :] == api.callee[-len(written) :] and written[-1] == api.last


def bind(step: Step, ctx: BindContext) -> Binding | None:
    api = ctx.api
    assert api is not None  # applies() checked
    wanted = set(named_outputs(step))
    for example in ctx.examples[ctx.index]:
        for node in example.tree.body:
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if node.name not in wanted or not any(_decorates(d, api) for d in node.decorator_list):
                continue
            piece = around(example.tree, node)
            binding = wired(piece, [node.name], step, ctx) if resolvable(piece, ctx) else None
            if binding is not None:
                return binding
    return None
