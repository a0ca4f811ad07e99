"""ast.walk and copy.deepcopy of a tree, faster: the binder walks example code hundreds of thousands of times
per wiki, and copies every statement it edits.

Same nodes in the same (breadth-first) order as ast.walk. The generator plumbing of ast.iter_child_nodes and
ast.iter_fields is inlined, and the walk of a node of a shared parse (pysource: a tree read by every check and
never changed) is remembered: the binder reads the same statements again for every step that looks at them.
"""

from __future__ import annotations

import ast
import weakref
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

_AST = ast.AST
_STMT = ast.stmt
_SHARED: weakref.WeakSet[ast.AST] = weakref.WeakSet()  # shared parses, then the statements walked in them
_WALKED: weakref.WeakKeyDictionary[ast.AST, tuple[ast.AST, ...]] = weakref.WeakKeyDictionary()


def share(tree: ast.AST) -> None:
    """Mark a tree as shared and read-only: its walks (and its statements' walks) may be remembered."""
    _SHARED.add(tree)


def shared(node: ast.AST) -> bool:
    """Whether node is a shared tree, or a statement of one that was walked: never changed, so what is read from
    it may be remembered."""
    return node in _SHARED


def walk(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under node (node included), breadth first, as ast.walk yields them."""
    found = _WALKED.get(node)
    if found is not None:
        return iter(found)
    if node not in _SHARED:
        return _walk(node)
    found = tuple(_walk(node))
    _WALKED[node] = found
    for sub in found:
        if isinstance(sub, _STMT):
            _SHARED.add(sub)
    return iter(found)


def _walk(node: ast.AST) -> Iterator[ast.AST]:
    todo = deque([node])
    pop, push = todo.popleft, todo.append
    while todo:
        current = pop()
        for name in current._fields:
            value = getattr(current, name, None)
            if isinstance(value, _AST):
                push(value)
            elif value.__class__ is list:
                for item in value:
                    if isinstance(item, _AST):
                        push(item)
        yield current


def single_assignments(nodes: Iterable[ast.AST]) -> Iterator[tuple[str, ast.expr]]:
    """(name, value) of each `name = value` among nodes (one target, a plain name), in order."""
    for node in nodes:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            yield node.targets[0].id, node.value


_CONTEXTS = (ast.Load, ast.Store, ast.Del)
Node = TypeVar("Node", bound=ast.AST)


def clone(node: Node) -> Node:
    """A deep copy of a tree, as copy.deepcopy makes it (every node new, positions kept), several times faster;
    the context markers (Load, Store, Del), which hold nothing, are shared as ast.parse shares them."""
    if isinstance(node, _CONTEXTS):
        return node
    copied = node.__class__.__new__(node.__class__)
    fields = copied.__dict__
    for name, value in node.__dict__.items():
        if isinstance(value, _AST):
            fields[name] = clone(value)
        elif value.__class__ is list:
            fields[name] = [clone(item) if isinstance(item, _AST) else item for item in value]
        else:
            fields[name] = value
    return copied


_METHODS: dict[type, str] = {}  # node class -> the name of its visit method


class Visitor(ast.NodeVisitor):
    """ast.NodeVisitor with the same visit order, faster: the method name is looked up once per node class, and
    generic_visit reads the fields directly (no iter_fields generator) and skips the context markers (Load,
    Store, Del), which hold nothing. The binder visits every statement of every example several times."""

    def visit(self, node: ast.AST) -> Any:
        cls = node.__class__
        name = _METHODS.get(cls)
        if name is None:
            name = _METHODS[cls] = "visit_" + cls.__name__
        return getattr(self, name, self.generic_visit)(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        """A constant holds no node (ast.NodeVisitor's version looks for the deprecated visit_Num and kin)."""

    def generic_visit(self, node: ast.AST) -> None:
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, _AST):
                if not isinstance(value, _CONTEXTS):
                    self.visit(value)
            elif value.__class__ is list:
                for item in value:
                    if isinstance(item, _AST):
                        self.visit(item)


_SCOPES = (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef, ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def rebinds(node: ast.AST, name: str) -> bool:
    """Whether node opens a scope in which name is a variable of its own: a parameter of a lambda or a def (`x` of
    `lambda x: x * 2`), a comprehension's loop variable (`x` of `[x for x in xs]`)."""
    if isinstance(node, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef)):
        args = node.args
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs, *filter(None, (args.vararg, args.kwarg))]
        return any(a.arg == name for a in every)
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
        return any(isinstance(t, ast.Name) and t.id == name for g in node.generators for t in walk(g.target))
    return False


def outer_parts(node: ast.AST) -> list[ast.AST]:
    """The parts of a scope-opening node evaluated where it stands: a lambda's or def's defaults (and a def's
    decorators), a comprehension's first iterable."""
    if isinstance(node, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef)):
        parts: list[ast.AST] = [*node.args.defaults, *filter(None, node.args.kw_defaults)]
        if not isinstance(node, ast.Lambda):
            parts += node.decorator_list
        return parts
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
        return [node.generators[0].iter]
    return []


def scoped_walk(node: ast.AST, name: str) -> Iterator[ast.AST]:
    """walk(node), except inside a scope where name is another variable (rebinds): there only what is evaluated
    outside it (outer_parts). A rename of the example's `x` leaves `lambda x: x * 2` as it is."""
    todo = deque([node])
    while todo:
        current = todo.popleft()
        if isinstance(current, _SCOPES) and rebinds(current, name):
            todo.extend(outer_parts(current))
            continue
        for field_name in current._fields:
            value = getattr(current, field_name, None)
            if isinstance(value, _AST):
                todo.append(value)
            elif value.__class__ is list:
                todo.extend(item for item in value if isinstance(item, _AST))
        yield current
