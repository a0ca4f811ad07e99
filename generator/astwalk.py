"""ast.walk, about twice as fast: the binder walks example code hundreds of thousands of times per wiki.

Same nodes in the same (breadth-first) order as ast.walk; only the generator plumbing of ast.iter_child_nodes
and ast.iter_fields is inlined.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator

_AST = ast.AST


def walk(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under node (node included), breadth first, as ast.walk yields them."""
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
