"""A user-defined function the wiki documents (a reward function, a data loader): its example's `def` is
called, or handed on when it is a callback; without one, the step passes its config on or is a stub."""

from __future__ import annotations

import ast
import re

from generator.apitext import BY_POSITION, ApiRef, called, literal_source, parse_api
from generator.astwalk import clone, walk
from generator.bind.binding import Binding, Kind, Source
from generator.bind.context import BindContext
from generator.bind.hints import Hint, key_hints
from generator.bind.outputs import hands_on_a_function, output_names
from generator.bind.rules import plain
from generator.bind.stub import stub
from generator.bind.wiring import Draft, wire
from generator.model import Step
from generator.slicing import ImportNode, names, parse_example

_CALLBACK = re.compile(r"func|_fn\b|fns\b|callback|hook|handler")


def applies(step: Step, ctx: BindContext) -> bool:
    return ctx.kinds[ctx.index] is Kind.PATTERN


def bind(step: Step, ctx: BindContext) -> Binding:
    text = step.api_text
    api = parse_api(text) if text.startswith(("def ", "async def ")) else None
    keys = key_hints(step)
    outputs = output_names(step, api, ctx)
    if api is not None:
        definition = _definition(ctx, api)
        if definition is not None:
            return _call(step, ctx, api, definition, keys, outputs)
    if api is None and hands_on_a_function(step):
        # "User-defined callable `f(x, *params)`", Outputs "`model: Callable`": the example's `def` is the result,
        # handed on (scipy trial: the demo data made with it after the def was handed on as `model`)
        definition = _definition(ctx, None)
        if definition is not None:
            header = parse_api(f"def {definition.name}({', '.join(a.arg for a in definition.args.args)})")
            if header is not None:
                return _call(step, ctx, header, definition, {}, outputs[:1] or [definition.name], callback=True)
    if outputs and keys and set(outputs) <= set(keys):
        return plain.passthrough(ctx, outputs, keys)
    if api is None:
        # API cell `residuals = ydata - model(xdata, *popt)`, the page's `def goodness_of_fit(model, xdata, ydata,
        # popt, pcov)` returning `residuals, r_squared, perr`: the def the cell sums up, called on the results
        definition = _fed_by_results(ctx, outputs)
        if definition is not None:
            header = parse_api(f"def {definition.name}({', '.join(a.arg for a in definition.args.args)})")
            if header is not None:
                return _call(step, ctx, header, definition, keys, outputs)
    written = plain.bind(step, ctx)  # the page's own code, when it needs nothing a person must supply
    if written is not None:
        return written
    contract = f"def {api.last}({', '.join(p.name for p in api.params)})" if api else step.api_call
    return stub(step, ctx, Kind.PATTERN, f"implement the documented contract: {contract}")


def _definition(ctx: BindContext, api: ApiRef | None) -> ast.FunctionDef | None:
    """The example's `def` of the pattern (None: the page's first), when it needs nothing but well-known modules."""
    wanted = [p.name for p in api.params if p.kind in BY_POSITION] if api is not None else []
    for example in ctx.examples[ctx.index]:
        for node in example.tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            params = [a.arg for a in node.args.args]
            if api is None or node.name == api.last or params[: len(wanted)] == wanted:
                free, _ = names([node])
                if all(f in ctx.tables.modules for f in free):
                    return node
    return None


def _imports_for(ctx: BindContext, definition: ast.FunctionDef) -> list[ImportNode]:
    """The imports of the example holding definition that bind what it reads: every one of them (`import
    sklearn.datasets`, `import sklearn.linear_model` for `sklearn`), as the example wrote them."""
    free = set(names([definition])[0])
    for example in ctx.examples[ctx.index]:
        if any(node is definition for node in example.tree.body):
            imports = [s for s in example.tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
            return [i for i in imports if names([i])[1] & free]
    return []


def bind_wrapping(step: Step, ctx: BindContext) -> Binding | None:
    """The example's `def` the Outputs name as the step's result, handed on (`wrapping`); None without one."""
    definition = wrapping(step, ctx)
    if definition is None:
        return None
    header = parse_api(f"def {definition.name}({', '.join(a.arg for a in definition.args.args)})")
    if header is None:
        return None
    outputs = output_names(step, None, ctx)
    return _call(step, ctx, header, definition, {}, outputs[:1] or [definition.name], callback=True)


def wrapping(step: Step, ctx: BindContext) -> ast.FunctionDef | None:
    """The example's `def` the Outputs name as the step's result, a function, that calls the step's API inside
    (Outputs "Objective function `objective(trial) -> float`", API `Trial.suggest_float(name, low, high)`, the
    page's `def objective(trial): x = trial.suggest_float("x", -10, 10); ...`): the step hands that function on
    (a later step's `study.optimize(objective)` calls it), it does not call the method itself. The first such def
    of the page's examples that needs nothing but modules (well-known, or the example's imports); None when
    there is none."""
    api = ctx.api
    if api is None or api.last in ("__init__", "__call__") or not hands_on_a_function(step):
        return None
    said = set(re.findall(r"`([A-Za-z_]\w*)\(", step.outputs or ""))
    for example in ctx.examples[ctx.index]:
        imported = names([s for s in example.tree.body if isinstance(s, (ast.Import, ast.ImportFrom))])[1]
        for node in example.tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name not in said:
                continue
            calls = {called(n.func) for n in walk(node) if isinstance(n, ast.Call)}
            if api.last in calls and all(f in ctx.tables.modules or f in imported for f in names([node])[0]):
                return node
    return None


def _fed_by_results(ctx: BindContext, outputs: list[str]) -> ast.FunctionDef | None:
    """The page's `def` (in an example or its pattern's own code; needing only well-known modules) whose every
    parameter without a default is an earlier result (one a person must supply leaves the page's other code to
    the rules after), and which returns as many values as the step's Outputs name."""
    written = parse_example(ctx.step.implementation.pattern) if ctx.step.implementation else None
    for tree in [*(e.tree for e in ctx.examples[ctx.index]), *([written] if written is not None else [])]:
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.args.vararg or node.args.kwonlyargs:
                continue
            positional = node.args.args
            required = positional[: len(positional) - len(node.args.defaults)]
            if not required or not all(ctx.alias(a.arg) for a in required):
                continue
            widths = {len(r.elts) if isinstance(r, ast.Tuple) else 1 for r in _returned(node.body)}
            if widths == {max(1, len(outputs))} and all(f in ctx.tables.modules for f in names([node])[0]):
                return node
    return None


def _returned(body: list[ast.stmt]) -> list[ast.expr]:
    """The values a function body returns (its own `return`s, not those of functions defined in it)."""
    found: list[ast.expr] = []
    for stmt in body:
        if isinstance(stmt, ast.Return):
            found.append(stmt.value if stmt.value is not None else ast.Constant(None))
        elif not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for field in ("body", "orelse", "finalbody"):
                found.extend(_returned(getattr(stmt, field, None) or []))
            for handler in getattr(stmt, "handlers", None) or []:
                found.extend(_returned(handler.body))
    return found


def _call(
    step: Step,
    ctx: BindContext,
    api: ApiRef,
    definition: ast.FunctionDef,
    keys: dict[str, Hint],
    outputs: list[str],
    callback: bool = False,
) -> Binding:
    name = definition.name
    positional = definition.args.args
    defaults = [None] * (len(positional) - len(definition.args.defaults)) + list(definition.args.defaults)
    callable_now = all(
        ctx.alias(arg.arg) or arg.arg in keys or default is not None
        for arg, default in zip(positional, defaults, strict=True)
    )
    callback = callback or definition.args.kwarg is not None or any(_CALLBACK.search(o) for o in outputs)
    hints = {
        arg.arg: keys.get(arg.arg) or Hint("", literal_source(default), "", default is not None)
        for arg, default in zip(positional, defaults, strict=True)
    }
    if callable_now and not callback:
        result = outputs or [f"{name}_result"]
        target = ", ".join(result) if len(result) > 1 else result[0]
        call = f"{target} = {name}({', '.join(f'{a.arg}={a.arg}' for a in positional)})"
        produces = result
    else:
        produces = outputs[:1] or [name]
        value = f"[{name}]" if produces[0].endswith(("s", "funcs", "functions")) else name
        call = f"{produces[0]} = {value}"
        hints = {}
    statements = ast.parse(call).body
    draft = Draft(
        statements,
        statements[0],
        api=api,
        imports=_imports_for(ctx, definition),
        definitions=[clone(definition)],
        hints=hints,
        source=Source.PATTERN,
        produces=produces,
    )
    binding = wire(draft, step, ctx, Kind.PATTERN)
    if callback and binding.produces:  # handed on: a later example's own `def func` is this one (wiring)
        ctx.add(binding.produces[0], "Callable", producer=f"def {name}")
    return binding
