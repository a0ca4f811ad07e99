"""A step whose API reads attributes of an object an earlier step made (`search.best_params_ -> dict`, a fitted
model's results): the values, each under its own name, for later steps and the run log."""

from __future__ import annotations

import ast
import re
from dataclasses import replace

from generator.bind.binding import Binding, Kind, Source
from generator.bind.context import BindContext
from generator.bind.wiring import Draft, wire
from generator.model import Step
from generator.naming import identifier
from generator.parse.markdown import code_spans

# `receiver.attr`, `receiver.attr.attr`, with the type the wiki gives it (`-> dict`); no call
_ATTRIBUTE = re.compile(r"([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)+)\s*(?:->\s*\S.*)?")


def _receiver(step: Step, ctx: BindContext) -> tuple[str, re.Match[str]] | None:
    """The name the API Call's attribute is read from, when it is what an earlier step made (by its name, an alias,
    or for `Study.best_params` the study), with the cell's match."""
    if ctx.api is not None and not ctx.api.read:
        return None
    m = _ATTRIBUTE.fullmatch(step.api_text)
    if m is None:
        return None
    receiver = m.group(1)
    if ctx.has(receiver) or ctx.alias(receiver):
        return receiver, m
    if receiver[:1].isupper():  # a class's name: the latest object of that class
        made = ctx.by_type(receiver) or (receiver.lower() if ctx.has(receiver.lower()) else None)
        return (made, m) if made else None
    return None


def applies(step: Step, ctx: BindContext) -> bool:
    return _receiver(step, ctx) is not None


def bind(step: Step, ctx: BindContext) -> Binding | None:
    found = _receiver(step, ctx)
    if found is None:
        return None
    receiver, cited = found
    paths = [receiver + cited.group(2)]
    # the other attributes of the same object the step names in backticks (`best_score_`) or its examples read
    for text in code_spans(step.api_call) + code_spans(step.outputs or ""):
        m = _ATTRIBUTE.fullmatch(text.strip())
        if m and m.group(1) == receiver:
            paths.append(receiver + m.group(2))
    for example in ctx.examples[ctx.index]:  # parsed once per workflow
        for stmt in example.tree.body:
            if isinstance(stmt, ast.Assign) and _reads(stmt.value, receiver):
                paths.append(ast.unparse(stmt.value))
    lines: list[str] = []
    names: list[str] = []
    for path in dict.fromkeys(paths):
        name = identifier(path.rsplit(".", 1)[1].strip("_"), "value")
        if name in names or name == receiver:
            name = identifier(path.replace(".", "_").strip("_"), "value")
        names.append(name)
        lines.append(f"{name} = {path}")
    statements = ast.parse("\n".join(lines)).body
    draft = Draft(statements, statements[0], source=Source.API, produces=names)
    binding = wire(draft, step, ctx, Kind.METHOD)
    # no call to find: the generated tests find the attribute read in what the step produced
    return replace(binding, target=cited.group(2).split(".")[1]) if not binding.target else binding


def _reads(node: ast.expr, receiver: str) -> bool:
    """Whether node is an attribute chain on receiver (`search.best_score_`, `trainer.state.log_history`)."""
    while isinstance(node, ast.Attribute):
        node = node.value
        if isinstance(node, ast.Name):
            return node.id == receiver
    return False
