"""A step whose API is a class the example subclasses (`class Base(DeclarativeBase): ...`, then `class User(Base)`):
the step declares those classes and hands them on, instead of calling the base class; where its Outputs name an
instance (`model` - an untrained `LitClassifier`), it makes the one the example makes too. An API written as a class
statement (`class Order(BaseModel)`) no example declares is the project's own class: imported from where the wiki
places it and handed on, or a stub; never a call of the base class."""

from __future__ import annotations

import ast
from dataclasses import replace

from generator.apitext import literal_source, parse_api
from generator.astwalk import clone
from generator.bind.binding import Binding, Kind, Origin, Source, Status
from generator.bind.context import BindContext
from generator.bind.imports import import_for, modules_of
from generator.bind.outputs import named_outputs
from generator.bind.stub import stub
from generator.bind.wiring import Draft, wire
from generator.model import Step
from generator.slicing import names, parse_example


def applies(step: Step, ctx: BindContext) -> bool:
    return ctx.kinds[ctx.index] in (Kind.CALL, Kind.METHOD) and ctx.api is not None and bool(ctx.examples[ctx.index])


def _base_name(node: ast.expr) -> str:
    """`DeclarativeBase`, `orm.DeclarativeBase`, `Generic[T]` -> the class's last name."""
    if isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def declared(tree: ast.Module, base: str) -> list[ast.ClassDef]:
    """The example's top-level classes that derive from base, directly or through one another, in source order."""
    family = {base}
    found: list[ast.ClassDef] = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(_base_name(b) in family for b in node.bases):
            found.append(node)
            family.add(node.name)
    return found


def bind(step: Step, ctx: BindContext) -> Binding | None:
    api = ctx.api
    assert api is not None  # applies() checked
    # a class statement's base is its last name (`L.LightningModule` of `import lightning as L`, no class `L`)
    base = api.last if api.declares else api.class_name or api.last
    if not base[:1].isupper() or api.last not in (base, "__init__"):
        return None  # a method of the class is called, not the class subclassed
    for tree in _trees(step, ctx):
        classes = declared(tree, base)
        if not classes:
            continue
        imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        statements: list[ast.stmt] = list(classes)
        literals: dict[str, str] = {}
        anchor, made, produces = statements[0], api, [c.name for c in classes]
        outputs = named_outputs(step)
        instance = _instance(tree, classes, outputs)
        if instance is not None:  # "`model` - an untrained `LitClassifier`": the class, and the example's instance
            # with the other results the Outputs name that the example makes of nothing but its imports and literals
            # (`example_args = (torch.randn(1, 3, 256, 256),)` beside `mod = M().eval()`)
            beside = _beside(tree, instance, outputs)
            # (a value written out is handed on as a key of its own: `example_args = (21,)`)
            literals = {_target(b): source for b in beside if (source := literal_source(b.value)) is not None}
            beside = [b for b in beside if _target(b) not in literals]
            statements.extend(beside)
            anchor = instance
            statements.append(anchor)
            made = parse_api(f"{_class_called(instance)}()") or api
            produces = [*produces, *(t.id for s in [*beside, instance] for t in s.targets if isinstance(t, ast.Name))]
        # (copies without the annotations that name types the step may not import: `x: torch.Tensor`)
        draft = replace(
            Draft.of(statements, anchor),
            hands_on=literals,
            api=made,
            imports=[clone(i) for i in imports],
            source=Source.EXAMPLE,
            produces=produces,
        )
        binding = wire(draft, step, ctx, ctx.kinds[ctx.index])
        for declared_class in classes:  # handed on as classes: never the data a later step's Inputs describe
            if declared_class.name in binding.produces:
                ctx.add(declared_class.name, "type", producer=f"class {declared_class.name}")
        return binding
    return _declared_elsewhere(step, ctx, api.declares) if api.declares else None


def _trees(step: Step, ctx: BindContext) -> list[ast.Module]:
    """The examples; then the class the page writes out apart from them (`=== Pattern Specification ===`), with each
    example after it, where the examples only make one of it (`model = MLP(in_features=4, hidden_dim=32)`)."""
    trees = [example.tree for example in ctx.examples[ctx.index]]
    spec = parse_example(step.implementation.pattern) if step.implementation else None
    if spec is None:
        return trees
    return [*trees, *(ast.Module(body=[*spec.body, *tree.body], type_ignores=[]) for tree in trees)]


def _class_called(instance: ast.Assign) -> str:
    """The class an instance's assignment calls (`LitClassifier` of `model = LitClassifier(input_dim=30)`, `M` of
    `mod = M().eval()`)."""
    call = _made(instance.value)
    return call.func.id if call is not None and isinstance(call.func, ast.Name) else ""


# methods that hand back the object they are called on (`M().eval()`, `Net().to(device)`)
_RETURN_SELF = frozenset({"eval", "train", "to", "cpu", "cuda", "double", "float", "half", "requires_grad_"})


def _made(value: ast.expr) -> ast.Call | None:
    """The call making an object, below the methods chained on it that hand it back (`M()` of `M().eval()`; not of
    `Model().fit(X).predict(X)`, predictions); None for no call."""
    while (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and isinstance(value.func.value, ast.Call)
        and value.func.attr in _RETURN_SELF
    ):
        value = value.func.value
    return value if isinstance(value, ast.Call) else None


def _target(node: ast.Assign) -> str:
    """The one name an assignment binds (`_beside` keeps only such)."""
    target = node.targets[0]
    return target.id if isinstance(target, ast.Name) else ""


def _beside(tree: ast.Module, instance: ast.Assign, outputs: list[str]) -> list[ast.Assign]:
    """The example's other top-level assignments of results the Outputs name, each of one name and made of nothing
    but what the example imports (and literals), in order."""
    imported = names([n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))])[1]
    return [
        node
        for node in tree.body
        if node is not instance
        and isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id in outputs
        and set(names([node])[0]) <= imported
    ]


def _instance(tree: ast.Module, classes: list[ast.ClassDef], outputs: list[str]) -> ast.Assign | None:
    """The example's `model = LitClassifier(input_dim=30)`, where the step's Outputs name `model` and no class:
    the step's result is an instance of the class it declares, made as the example makes it (the class is handed
    on beside it: a later step reloading a checkpoint calls `LitClassifier.load_from_checkpoint`)."""
    declared_names = {c.name for c in classes}
    if not outputs or declared_names & set(outputs):
        return None
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id in outputs
            and _class_called(node) in declared_names
        ):
            return node
    return None


def _declared_elsewhere(step: Step, ctx: BindContext, name: str) -> Binding:
    """The class a class-statement API declares, imported from the module the wiki gives it (its page's or an
    example's import, its source location) and handed on; a stub when the wiki places it nowhere."""
    line, origin = import_for(name, step, ctx)
    if origin not in (Origin.PAGE, Origin.EXAMPLE, Origin.DERIVED):
        return stub(step, ctx, ctx.kinds[ctx.index], f"no example or import gives the class `{name}` the step declares")
    return Binding(
        kind=Kind.IMPORT,  # the class is the step's work: imported, as the step says it is declared
        status=Status.BOUND,
        body=f"{line}\n\nreturn {{{name!r}: {name}}}",
        produces=(name,),
        import_line=line,
        import_origin=origin,
        imports=modules_of([line]),
        source=Source.IMPORT,
    )
