"""A step genrepo could not bind: run() states the contract and raises until a person writes its body."""

from __future__ import annotations

from collections.abc import Iterable

from generator.apitext import parse_api
from generator.bind.binding import Binding, ConfigParam, Kind, Source, Status
from generator.bind.context import BindContext
from generator.bind.hints import key_hints
from generator.bind.outputs import declared_outputs
from generator.model import Step


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
    # and what its Inputs cite (`Tokenizer` from Step 1): the body a person writes works on it
    consumes += [name for name in ctx.cited_by_inputs() if name not in consumes]
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
