"""A step genrepo could not bind: run() states the contract and raises until a person writes its body."""

from __future__ import annotations

from generator.apitext import parse_api
from generator.bind.binding import Binding, ConfigParam, Kind, Source, Status
from generator.bind.context import BindContext
from generator.bind.hints import key_hints
from generator.model import Step


def stub(step: Step, ctx: BindContext, kind: Kind, reason: str) -> Binding:
    """A run() that raises NotImplementedError with the step's contract; it takes the earlier artifacts its
    API names and its key parameters, so a person only writes the body."""
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
        params=tuple(params),
        source=Source.STUB,
        notes=(reason,),
    )
