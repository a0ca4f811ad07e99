"""A step the page writes out in plain Python, with no library call to bind: the example's statement that makes
what the step's Outputs name (`pairs = [(query, passage) for passage in passages]`), or defines the function its
API names (`def objective(trial): ...` closing over step 1's `X` and `y`), with the literals and imports it
reads; earlier results are wired in as for any example, and the function is handed on to later steps."""

from __future__ import annotations

import ast
import re
from dataclasses import replace

from generator.apitext import BUILTINS, dotted, parse_api
from generator.astwalk import clone, walk
from generator.bind.binding import Binding, ConfigParam, Kind, Source, Status
from generator.bind.context import BindContext
from generator.bind.hints import Hint, key_hints
from generator.bind.imports import bound_by
from generator.bind.outputs import declared_outputs, hands_on_a_function
from generator.bind.wiring import Draft, rename, uses, wire
from generator.deps import script_path
from generator.model import Step
from generator.slicing import Slice, around, names, restrict, with_setup


def applies(step: Step, ctx: BindContext) -> bool:
    return ctx.kinds[ctx.index] in (Kind.CALL, Kind.METHOD, Kind.PATTERN) and bool(ctx.examples[ctx.index])


def bind(step: Step, ctx: BindContext) -> Binding | None:
    wanted = _wanted(step)
    if not wanted:
        return None
    outputs, keys = declared_outputs(step), key_hints(step)
    if outputs and all(n in keys and keys[n].default is not None for n in outputs):
        # the Key Parameters give the values the step makes (`param_grid` - e.g. `{"logisticregression__C": [...]}`):
        # this workflow's, where the page's example writes its own (a grid for another pipeline's step names)
        return passthrough(ctx, outputs, keys)
    written = _cell_code(step, ctx)
    if written is not None:
        return written
    for example in ctx.examples[ctx.index]:
        defined = _definition(example.tree, step)
        if defined is not None:  # `objective(trial) -> float`, user code: its def, not the page's demo around it
            piece = around(example.tree, defined)
            if not resolvable(piece, ctx):  # with what makes the names it closes over (`X_train, ... =
                # train_test_split(X, y, ...)` above it)
                piece = with_setup(example.tree, piece, _Readable(piece, ctx))
            binding = wired(piece, [defined.name], step, ctx) if resolvable(piece, ctx) else None
            if binding is not None:
                return binding
        if _user_written(step):  # the API is code the user writes after a script's: the page's example is the step
            whole = _whole(example.tree, step, ctx, wanted)
            if whole is not None:
                return whole
        tree = example.tree
        anchor = next((s for s in reversed(tree.body) if _made(s) & wanted), None)
        if anchor is None:
            continue
        if isinstance(anchor, (ast.FunctionDef, ast.AsyncFunctionDef)) and not hands_on_a_function(step):
            tree, anchor = _called(tree, anchor)
        piece = around(tree, anchor)
        if not resolvable(piece, ctx) or not _plain(anchor, piece, ctx):
            continue
        binding = wired(piece, [n for n in _made(anchor) if n in wanted], step, ctx)
        if binding is not None:
            return binding
    return None


def passthrough(ctx: BindContext, outputs: list[str], keys: dict[str, Hint]) -> Binding:
    """A step whose results are its config keys, handed on as they are set."""
    for name in outputs:
        ctx.add(name, value=True)
    params = tuple(ConfigParam(n, keys[n].type, keys[n].default, keys[n].default is None, keys[n].doc) for n in outputs)
    body = "return {" + ", ".join(f"{n!r}: {n}" for n in outputs) + "}"
    return Binding(Kind.PATTERN, Status.BOUND, body, produces=tuple(outputs), params=params, source=Source.PASSTHROUGH)


def _cell_code(step: Step, ctx: BindContext) -> Binding | None:
    """The API cell itself, when it is an expression of code (`[rec for rec in records if min_length <= len(rec) <=
    max_length]`) reading earlier results and the step's Key Parameters, and nothing else: the step's result is
    that expression, its keys the parameters (the page's example wrote 300 and 10000 where the cell names them)."""
    try:
        expression = ast.parse(step.api_text.strip(), mode="eval").body
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    outputs = declared_outputs(step)
    if isinstance(expression, (ast.Call, ast.Name, ast.Attribute, ast.Constant)) or len(outputs) != 1:
        return None  # an API to bind (the example rules' work), or a value
    statement = ast.fix_missing_locations(
        ast.Assign(targets=[ast.Name(id=outputs[0], ctx=ast.Store())], value=expression)
    )
    free, _ = names([statement])
    keys = key_hints(step)
    read = [n for n in free if not ctx.has(n)]  # (an earlier result wins over a key of its name)
    if len(read) == len(free) or not read or not all(n in keys for n in read):
        return None
    draft = Draft.of([statement], statement)
    draft.hints = {n: keys[n] for n in read}
    draft.source = Source.PATTERN
    draft.produces = [outputs[0]]
    binding = wire(draft, step, ctx, ctx.kinds[ctx.index])
    return binding if binding.status is Status.BOUND else None


def wired(piece: Slice, produces: list[str], step: Step, ctx: BindContext) -> Binding | None:
    """The slice wired as the step's plain code, producing what is asked; None when it is not bound."""
    draft = replace(
        Draft.of(piece.statements, piece.anchor),
        imports=list(piece.imports),
        definitions=[clone(d) for d in piece.definitions],
        literals=dict(piece.literals),
        source=Source.PATTERN,
    )
    draft.produces = produces
    binding = wire(draft, step, ctx, ctx.kinds[ctx.index])
    return binding if binding.status is Status.BOUND else None


_USER_WRITTEN = re.compile(
    r"\bnot importable\b|\(script\b|\buser[- ](?:defined|written|loop|code)\b|\bmodell?ed (?:on|after)\b", re.I
)


def _user_written(step: Step) -> bool:
    """Whether the step's API is a function of a script, not a library's (`train.py:L1004-1160` (script, not
    importable), "user loop modelled on `train_one_epoch(...)` in `train.py`"): nothing to import; the user writes
    the loop, as the page's example does."""
    if step.impl_type.lower().startswith("pattern") and script_path(step.source_location):
        return True  # the interface a script's function offers, which no module defines (parse: _script_interface)
    # (or the page's type says so: "Pattern (user-defined)", where the API cell "User-defined loop (mirrors
    # `train_one_epoch` in `train.py`): ..." was read as the function it mirrors)
    return any(_USER_WRITTEN.search(text) for text in (step.source_location, step.api_text, step.impl_type))


def _whole(tree: ast.Module, step: Step, ctx: BindContext, wanted: set[str]) -> Binding | None:
    """The example's top-level statements, all of them, as the step: when each name they read is an earlier result,
    a literal or import of the example, a builtin, a Key Parameter, an input a loader builds or a value they only
    pass on (`device`); never an object they use that nothing makes."""
    body = [s for s in tree.body if not isinstance(s, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef))]
    body = [s for s in body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if not body:
        return None
    piece = restrict(tree, around(tree, body[-1]), body)
    keys = key_hints(step)
    readable = _Readable(piece, ctx)
    # `for images, targets in loader:`, where the Inputs cite `train_loader` from Step 3 and nothing is `loader`:
    # the one cited result named as the name, qualified
    unmade = [n for n in piece.free if n not in readable and n not in keys and ctx.loader_for(n) is None]
    cited = ctx.cited_by_inputs() if unmade else []  # (read only when some name needs it)
    qualified = {
        name: found[0]
        for name in unmade
        for found in [[n for n in cited if n.endswith("_" + name)]]
        if len(found) == 1 and found[0] not in piece.free
    }
    if qualified:
        at = [n for n, s in enumerate(tree.body) if any(s is b for b in body)]
        tree = clone(tree)  # (the example's tree is shared by every rule: renamed in a copy)
        body = [tree.body[n] for n in at]
        for name, result in qualified.items():
            rename(body, name, result)
        piece = restrict(tree, around(tree, body[-1]), body)
        readable = _Readable(piece, ctx)
    for name in piece.free:
        if not (
            name in readable
            or name in keys
            or ctx.loader_for(name) is not None
            or not any(uses(body, name))  # a value passed on (`images.to(device)`): a config key can hold it
        ):
            return None
    made = names(body)[1]
    return wired(piece, sorted(made & (wanted | set(ctx.artifacts))) or sorted(made), step, ctx)


def _wanted(step: Step) -> set[str]:
    """What the step's Outputs name, and the function its API names when the page says the user writes it
    (`objective(trial: optuna.Trial) -> float` on a pattern page)."""
    wanted = set(declared_outputs(step))
    api = parse_api(step.api_text.split(" (")[0])
    if api is not None and len(api.callee) == 1:
        wanted.add(api.last)
    return wanted


def _definition(tree: ast.Module, step: Step) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The example's top-level `def` of the function the step's API names alone (`objective(trial: optuna.Trial)
    -> float`), when there is one and the example's own statements only hand it on (`study.optimize(objective)`)."""
    api = parse_api(step.api_text.split(" (")[0])
    if api is None or len(api.callee) != 1:
        return None
    name = api.last
    body = [s for s in tree.body if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    if any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name for s in body for n in walk(s)
    ):
        return None  # the page calls it (`train(model, loader)`): the call is the step's work, not only the def
    return next(
        (s for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == name), None
    )


def _called(tree: ast.Module, definition: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[ast.Module, ast.stmt]:
    """The example with its first call of the function it defines made the step's statement: `mean_ndcg =
    mean_ndcg(y_valid, scores, group_valid, k=10)` where it printed the call (`print("NDCG@10:", mean_ndcg(...))`)
    and the Outputs name `mean_ndcg: float`, the value, not the function (which was handed on uncalled); the
    example as it is when it never calls it."""
    at = tree.body.index(definition)
    for index, stmt in enumerate(tree.body[at + 1 :], start=at + 1):
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        call = next((n for n in walk(stmt) if isinstance(n, ast.Call) and dotted(n.func) == (definition.name,)), None)
        if call is None:
            continue
        made = ast.Assign(targets=[ast.Name(id=definition.name, ctx=ast.Store())], value=clone(call))
        made = ast.fix_missing_locations(ast.copy_location(made, stmt))
        return ast.Module(body=[*tree.body[:index], made], type_ignores=[]), made
    return tree, definition


def _made(stmt: ast.stmt) -> set[str]:
    """Names a top-level statement binds: an assignment's targets, a definition's name."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return {stmt.name}
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        return names([stmt])[1]
    return set()


def resolvable(piece: Slice, ctx: BindContext) -> bool:
    """Whether every name the statement reads is an earlier result, a literal of the example, a builtin or an
    import: plain code, nothing left for a person to supply."""
    readable = _Readable(piece, ctx)
    return all(n in readable for n in piece.free)


class _Readable:
    """Names a slice reads that it has: a literal or import of its example, a builtin, or an earlier result (what
    with_setup need not make)."""

    def __init__(self, piece: Slice, ctx: BindContext) -> None:
        self.ctx, self.literals = ctx, piece.literals
        self.imported = set().union(*(names([i])[1] for i in piece.imports)) if piece.imports else set()
        # and a well-known module, or what the page's Import section binds, which a fragment example leaves out
        # (`np` of `def animate(i): line.set_ydata(np.sin(x + i / 50))`, the page importing `numpy as np`)
        impl = ctx.step.implementation
        self.imported |= set(ctx.tables.modules) | (bound_by(list(impl.imports)) if impl else set())

    def __contains__(self, n: object) -> bool:
        if not isinstance(n, str):
            return False
        ctx = self.ctx
        return n in self.literals or n in BUILTINS or n in self.imported or ctx.has(n) or ctx.alias(n) is not None


def _plain(anchor: ast.stmt, piece: Slice, ctx: BindContext) -> bool:
    """Whether a statement is the user's own code: a function it defines (whatever the body calls, as the page
    says the user writes it), or an assignment calling only builtins, such functions and methods of its literals
    and earlier results, never a library's function (that is an API to bind, not plain code)."""
    if isinstance(anchor, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return True
    defined = {d.name for d in piece.definitions if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef))}
    for node in ast.walk(anchor):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and (func.id in BUILTINS or func.id in defined):  # (or a call of one it defines)
            continue
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            owner = func.value.id
            if owner in piece.literals or ctx.has(owner):
                continue
        return False
    return True
