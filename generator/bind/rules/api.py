"""A call or method step bound from its API text (and the implementation page's signature) alone."""

from __future__ import annotations

import ast

from generator.apitext import BUILTINS, PASSED, ApiParam, ApiRef, ParamKind, dotted
from generator.astwalk import walk
from generator.bind.binding import Binding, Kind, Source
from generator.bind.context import BindContext, artifact_name
from generator.bind.hints import Hint, key_hints, merge_hints, param_name
from generator.bind.imports import module_names
from generator.bind.outputs import output_names, returned_names
from generator.bind.signature import signature_params
from generator.bind.wiring import Draft, wire
from generator.model import Step
from generator.naming import identifier

_MODULE_ROOTS = ("torch", "np", "numpy", "os", "json", "re", "math")


def _module(name: str, step: Step, ctx: BindContext) -> bool:
    """Whether the root of a dotted API (`somelib.measure(G) -> float`) is a module, not an object: a usual one, or
    one the step's imports or External Dependencies name that no earlier step's result is called."""
    if name in _MODULE_ROOTS:
        return True
    return not ctx.has(name) and (name in module_names(ctx, []) or name in step.external_dependencies)


def applies(step: Step, ctx: BindContext) -> bool:
    # (a property, `Study.best_params -> dict`, is read, never called: the attribute rule's)
    return ctx.kinds[ctx.index] in (Kind.CALL, Kind.METHOD) and ctx.api is not None and not ctx.api.read


def _receiver_from_examples(ctx: BindContext, api: ApiRef) -> str | None:
    """The earlier artifact a method is called on in the step's examples (`pipe.preprocess(...)` where `pipe`
    was made by `pipeline(...)`, which an earlier step also called)."""
    for example in ctx.examples[ctx.index]:
        made: dict[str, str] = {}
        for node in walk(example.tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and len(node.targets) == 1:
                if isinstance(node.targets[0], ast.Name):
                    made[node.targets[0].id] = ".".join(dotted(node.value.func))
            if isinstance(node, ast.Call):
                callee = dotted(node.func)
                if len(callee) == 2 and callee[1] == api.last:
                    owner = callee[0]
                    found = ctx.alias(owner) or (ctx.produced_by(made[owner]) if owner in made else None)
                    if found:
                        return found
    return None


def enum_members(step: Step, api: ApiRef) -> list[str | int]:
    """The member values of an Enum class the implementation page's signature defines for the API."""
    signature = step.implementation.signature if step.implementation else ""
    try:
        tree = ast.parse(signature)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return []
    for node in tree.body:
        if (
            isinstance(node, ast.ClassDef)
            and node.name == api.class_name
            and any("Enum" in ast.unparse(b) for b in node.bases)
        ):
            return [
                ast.literal_eval(item.value)
                for item in node.body
                if isinstance(item, ast.Assign)
                and isinstance(item.value, ast.Constant)
                and isinstance(item.value.value, (str, int))
            ]
    return []


def _enum(step: Step, ctx: BindContext, api: ApiRef, members: list[str | int]) -> Binding:
    """An enum is named by a member, chosen in config (calling the class with no value is an error)."""
    name = artifact_name(ctx.tables, api.class_name) or "member"
    statements = ast.parse(f"{name} = {api.class_name}({name})").body
    shown = ", ".join(str(m) for m in members[:8]) + (", ..." if len(members) > 8 else "")
    hints = {name: Hint(type(members[0]).__name__, repr(members[0]), f"a member of {api.class_name}: {shown}")}
    draft = Draft(
        statements,
        statements[0],
        api=api,
        hints=hints,
        source=Source.API,
        produces=[name],
        literals={name: repr(members[0])},
    )
    return wire(draft, step, ctx, ctx.kinds[ctx.index])


def bind(step: Step, ctx: BindContext) -> Binding | None:
    api = ctx.api
    if api is None or api.is_dunder and api.last not in ("__init__", "__call__"):
        return None
    members = enum_members(step, api) if api.class_name and api.last in (api.class_name, "__init__") else []
    if members:
        return _enum(step, ctx, api, members)
    params = [p for p in signature_params(step, api) if p.kind in PASSED and p.name not in ("self", "cls")]
    method_of_class = api.class_name and (api.takes_self or api.last == "__call__") and api.last != "__init__"
    if method_of_class or (api.takes_self and not api.class_name):
        receiver = ctx.by_type(api.class_name) or _receiver_from_examples(ctx, api)
        if not receiver:
            return None
        target = receiver if api.last == "__call__" else f"{receiver}.{api.last}"
    elif len(api.callee) > 1 and api.callee[0][:1].islower() and not _module(api.callee[0], step, ctx):
        receiver = api.callee[0]
        if not ctx.alias(receiver):
            receiver = _receiver_from_examples(ctx, api) or receiver
        target = ".".join((receiver, *api.callee[1:]))
    else:
        receiver = ""
        target = api.class_name if api.last == "__init__" else ".".join(api.callee)
    keys = key_hints(step)
    hints: dict[str, Hint] = {}
    # names the API text passes positionally stay positional (`math.sqrt(x)` takes no keywords), unless a `def`
    # on the implementation page gives the real parameter names
    # (a class's constructor takes its documented parameters by keyword: models and configs are often keyword-only)
    constructor = api.last == "__init__" or api.last[:1].isupper()
    as_written = api.from_call and not constructor and signature_params(step, api, all_params=True) is api.params
    arguments = _arguments(params, keys, hints, as_written, skip={receiver})
    # the method called on the result (`smf.ols(...).fit(cov_type: str = "nonrobust")`): its parameters too, by
    # keyword, but those of the first call's names, which are the first call's
    then_arguments = _arguments(
        [p for p in api.then_params if p.kind in PASSED and p.name not in ("self", "cls")],
        keys,
        hints,
        api.from_call,
        skip={receiver, *hints},
    )
    root = target.split(".")[0]  # a result never takes the name of what is called (`joblib = joblib.dump(...)`)
    outputs = [
        o if o != root else f"{identifier(api.last.strip('_'), 'call')}_result" for o in output_names(step, api, ctx)
    ]
    call = f"{target}({', '.join(arguments)})" if api.has_params or not receiver else target
    lines: list[str] = []
    produces: list[str]
    if api.then:
        holder = artifact_name(ctx.tables, api.class_name or api.last) or identifier(api.last)
        result = next((o for o in outputs if o != holder), f"{api.then}_output")
        lines = [f"{holder} = {call}", f"{result} = {holder}.{api.then}({', '.join(then_arguments)})"]
        produces = [holder, result]
    elif outputs and _changes_in_place(outputs, [receiver, *hints], api, ctx):
        # `train_step(model, batch) -> float`: the model it changes is the output, its result is the loss
        result = f"{identifier(api.last.strip('_'), 'call')}_result"
        lines = [f"{result} = {call}"]
        produces = [result, *outputs]
    elif outputs:
        lines = [f"{', '.join(outputs)} = {call}"]
        produces = outputs
    elif api.returns == "None" or (receiver and api.has_params):
        lines = [call]
        produces = []
    else:
        made = artifact_name(ctx.tables, api.class_name) if api.last == "__init__" and api.class_name else None
        made = made or f"{identifier(api.last.strip('_'), 'call')}_result"
        lines = [f"{made} = {call}"]
        produces = [made]
    statements = ast.parse("\n".join(lines)).body
    draft = Draft(
        statements,
        statements[-1] if not api.then else statements[0],
        api=api,
        hints=hints,
        source=Source.API,
        produces=produces,
        shadowing=[n for n in hints if n in BUILTINS],  # `format=format`: a config key, not Python's format()
    )
    return wire(draft, step, ctx, ctx.kinds[ctx.index])


def _arguments(
    params: list[ApiParam], keys: dict[str, Hint], hints: dict[str, Hint], as_written: bool, skip: set[str]
) -> list[str]:
    """A call's arguments for params, each a name config or an earlier step gives (its hint added to hints):
    positional when the API passes it so, else by keyword."""
    arguments = []
    for param in params:
        name = param_name(param.name)
        if name in skip:
            continue
        hints[name] = merge_hints(
            keys.get(name), Hint(param.annotation, param.default, "", param.optional or param.default is not None)
        )
        by_position = param.kind is ParamKind.POSITIONAL or (as_written and param.kind is ParamKind.NORMAL)
        arguments.append(name if by_position else f"{param.name}={name}")
    return arguments


def _changes_in_place(outputs: list[str], passed: list[str], api: ApiRef, ctx: BindContext) -> bool:
    """Whether the step's one output is an object its call is given and returns something else, as the API's
    return type says (`train_step(model, batch) -> float`); with no return type the result is the output
    (`model = get_peft_model(model, config)`)."""
    if len(outputs) != 1 or outputs[0] not in passed or not api.returns or api.returns.strip() == "None":
        return False
    return outputs[0] not in returned_names(api, ctx)
