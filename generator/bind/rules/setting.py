"""A step whose API is the setting of an attribute (`cell.number_format = "#,##0.00"`, `ws.column_dimensions[
letter].width = width`): the example's statements that set it (with their loops over an earlier result's cells or
columns), its values the step's keys. Without an example that does it on what earlier steps made, the step stays
manual."""

from __future__ import annotations

import ast

from generator.apitext import literal_source, set_attribute
from generator.astwalk import walk
from generator.bind.binding import Binding, Kind, Source, Status
from generator.bind.choice import Resolvable
from generator.bind.context import BindContext
from generator.bind.hints import Hint, key_hints
from generator.bind.outputs import declared_outputs
from generator.bind.wiring import Draft, wire
from generator.model import Step
from generator.slicing import around, restrict, root_name, with_setup


def applies(step: Step, ctx: BindContext) -> bool:
    """A setting to a value, or to a value computed by plain code; one to what a call makes (`tokenizer.pre_tokenizer
    = Whitespace()`) is that call's step."""
    return (
        ctx.kinds[ctx.index] in (Kind.MANUAL, Kind.PATTERN)
        and bool(set_attribute(step.api_text))
        and bool(ctx.examples[ctx.index])
    )


def bind(step: Step, ctx: BindContext) -> Binding | None:
    attribute = set_attribute(step.api_text)
    keys = key_hints(step)
    for example in ctx.examples[ctx.index]:
        tree = example.tree
        setters = [stmt for stmt in tree.body if _sets(stmt, attribute)]
        if not setters:
            continue
        piece = restrict(tree, around(tree, setters[0]), setters)
        resolvable = Resolvable(ctx, keys, tree)
        piece = with_setup(tree, piece, resolvable)
        if not all(n in resolvable or n in piece.literals for n in piece.free):
            continue  # it sets the attribute on an object nothing before it makes
        draft = Draft.of(piece.statements, piece.anchor)
        draft.imports = list(piece.imports)
        draft.literals = dict(piece.literals)
        draft.source = Source.PATTERN
        _documented_values(draft, attribute, keys)
        # what the Outputs name of what it makes, or of the earlier result whose attribute it sets (`ws`, handed on)
        made = {n for stmt in piece.statements for n in _assigned(stmt)} | _set_on(piece.statements, attribute)
        draft.produces = [n for n in declared_outputs(step) if n in made]
        binding = wire(draft, step, ctx, Kind.PATTERN)
        if binding.status is Status.BOUND:
            return binding
    return None


def _documented_values(draft: Draft, attribute: str, keys: dict[str, Hint]) -> None:
    """The values the step documents as keys, where the example writes them: the value set, when a key is named
    like the attribute (`number_format` for `cell.number_format = "#,##0.00"`), and the written-out list a loop
    goes through, when one list key is documented (`columns: list[str]` for `for letter in ["C", "D"]:`)."""
    lists = [n for n, h in keys.items() if h.type.split("[")[0].strip().lower() in ("list", "tuple", "sequence")]
    for stmt in draft.statements:
        for node in walk(stmt):
            if attribute in keys and _setters(node, attribute):
                assert isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign))
                literal = literal_source(node.value)
                if node.value is not None and literal is not None:
                    draft.literals.setdefault(attribute, literal)
                    node.value = ast.copy_location(ast.Name(id=attribute, ctx=ast.Load()), node.value)
            elif isinstance(node, ast.For) and len(lists) == 1 and isinstance(node.iter, (ast.List, ast.Tuple)):
                literal = literal_source(node.iter)
                if literal is not None:
                    draft.literals.setdefault(lists[0], literal)
                    node.iter = ast.copy_location(ast.Name(id=lists[0], ctx=ast.Load()), node.iter)


def _targets(node: ast.AST) -> list[ast.expr]:
    """What an assignment (plain, augmented or annotated) assigns to; nothing for any other node."""
    if isinstance(node, ast.Assign):
        return node.targets
    if isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        return [node.target]
    return []


def _setters(node: ast.AST, attribute: str) -> list[ast.Attribute]:
    """The targets of an assignment that are an attribute of that name."""
    return [t for t in _targets(node) if isinstance(t, ast.Attribute) and t.attr == attribute]


def _sets(stmt: ast.stmt, attribute: str) -> bool:
    """Whether a statement (a loop's body included) assigns to an attribute of that name."""
    return any(_setters(node, attribute) for node in walk(stmt))


def _set_on(statements: list[ast.stmt], attribute: str) -> set[str]:
    """The names whose attribute (or an item's attribute) the statements set: `ws` of `ws.column_dimensions[c].width =
    w`."""
    return {root_name(t) for stmt in statements for node in walk(stmt) for t in _setters(node, attribute)} - {""}


def _assigned(stmt: ast.stmt) -> set[str]:
    """Names a top-level statement binds by assignment."""
    return {n.id for t in _targets(stmt) for n in walk(t) if isinstance(n, ast.Name)}
