"""A step genrepo could not bind: run() states the contract and raises until a person writes its body."""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.apitext import parse_api
from generator.bind.binding import Binding, ConfigParam, Kind, Source, Status
from generator.bind.context import BindContext
from generator.bind.hints import key_hints
from generator.model import Step
from generator.slicing import BUILTINS


def stub(step: Step, ctx: BindContext, kind: Kind, reason: str, reads: Iterable[str] = ()) -> Binding:
    """A run() that raises NotImplementedError with the step's contract; it takes the earlier artifacts its
    API names or its example reads (reads) and its key parameters, and declares the results its Outputs name,
    so a person only writes the body: the runner hands the results on to the steps that read them."""
    message = f"Step {step.number} ({step.title}) needs implementation: {reason}"
    if step.inputs:
        message += f". Inputs: {step.inputs}"
    if step.outputs:
        message += f". Outputs: {step.outputs}"
    api = ctx.apis[ctx.index] or parse_api(step.api_call)
    consumes = []
    for param in api.params if api else ():
        source = ctx.alias(param.name) if param.name not in ("self", "cls") else None
        if source and source not in consumes:
            consumes.append(source)
    consumes += [name for name in reads if name not in consumes]
    produces = declared_outputs(step)
    if produces:
        message += ". Return {" + ", ".join(f"{n!r}: ..." for n in produces) + "}"
    params = [
        ConfigParam(name, h.type, h.default, h.default is None and not h.optional, h.doc)
        for name, h in key_hints(step).items()
        if name not in consumes
    ]
    return Binding(
        kind=kind,
        status=Status.STUB,
        body=f"raise NotImplementedError({message!r})",
        consumes=tuple(consumes),
        produces=tuple(produces),
        params=tuple(params),
        source=Source.STUB,
        notes=(reason,),
    )


def declared_outputs(step: Step) -> list[str]:
    """The results a step's Outputs name as identifiers (`train`, `test`), else its I/O contract's named outputs:
    never names made up from types (`list`, `dict`), which a person writing the body would not expect."""
    spans = re.findall(r"`([a-z_][a-z0-9_]*)`", step.outputs or "")
    if not spans and step.implementation:
        spans = [r.name for r in step.implementation.outputs if re.fullmatch(r"[a-z_][a-z0-9_]*", r.name or "")]
    return [n for n in dict.fromkeys(spans) if n not in BUILTINS and n not in ("self", "none", "true", "false")]
