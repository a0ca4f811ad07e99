"""Definitions a page imports from a module of the reader's own, which another page of the wiki writes out.

A page that says `from model import MLP` ("the MLP class from the training workflow") imports a file the reader
made by following the wiki, not a distribution: nothing installs `model`, and a requirement of that name fails to
resolve or installs somebody else's project. When a page of the wiki writes `class MLP` out in full (in its Pattern
Specification or an example), the step brings that definition instead of the import.
"""

from __future__ import annotations

import ast
import sys
import textwrap
from collections.abc import Iterable
from dataclasses import replace

from generator.model import Borrowed, Implementation
from generator.slicing import leaves_code_out, names, parse_example


def own_imports(implementation: Implementation, installed: frozenset[str]) -> dict[str, str]:
    """Name -> module for what the page's Import block imports by its own name from a module that is neither the
    standard library's nor among installed (the top-level modules the workflow installs or genrepo knows)."""
    found: dict[str, str] = {}
    for line in implementation.imports:
        tree = parse_example(line)
        for node in tree.body if tree is not None else ():
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            head = node.module.split(".")[0]
            if head in sys.stdlib_module_names or head.lower() in installed:
                continue
            found.update({a.name: node.module for a in node.names if a.asname is None and a.name != "*"})
    return found


def called_unwritten(implementation: Implementation) -> list[str]:
    """The functions and classes the page's examples call by a bare name they neither define nor import, which the
    page's own Pattern Specification writes out (`train(train_dataloader, model, loss_fn, optimizer)` in an epoch
    loop, under `def train(dataloader, model, loss_fn, optimizer): ...`): the reader's code, the page's own."""
    found: list[str] = []
    page = parse_example("\n".join(implementation.imports))  # (a name the Import section gives is imported)
    imported = names(page.body)[1] if page is not None else set()
    for code in implementation.examples:
        tree = parse_example(code)
        if tree is None:
            continue
        free = set(names(tree.body)[0]) - imported
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in free
                and node.func.id not in found
                and written_out(node.func.id, (implementation.pattern,)) is not None
            ):
                found.append(node.func.id)
    return found


def written_out(name: str, codes: Iterable[str]) -> str | None:
    """The first top-level class or function called name that codes write out in full (no `...` in it), after
    the import lines of its code that bind a name it reads; None when no code does."""
    for code in codes:
        tree = parse_example(code)
        statements = tree.body if tree is not None else []
        for node in statements:
            if isinstance(node, (ast.ClassDef, ast.FunctionDef)) and node.name == name and not leaves_code_out([node]):
                lines = textwrap.dedent(code).split("\n")
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                read = set(names([node])[0])
                imports = [
                    "\n".join(lines[n.lineno - 1 : n.end_lineno or n.lineno])
                    for n in statements
                    if isinstance(n, (ast.Import, ast.ImportFrom)) and names([n])[1] & read
                ]
                definition = "\n".join(lines[start - 1 : node.end_lineno or node.lineno])
                return "\n".join([*imports, "", "", definition]) if imports else definition
    return None


def lent(implementation: Implementation, borrowed: list[Borrowed]) -> Implementation:
    """The page with its borrowed definitions, and its Import block without the imports they replace."""
    taken = {(b.module, b.name) for b in borrowed}
    imports: list[str] = []
    for line in implementation.imports:
        tree = parse_example(line)
        node = tree.body[0] if tree is not None and len(tree.body) == 1 else None
        if not isinstance(node, ast.ImportFrom) or not any((node.module, a.name) in taken for a in node.names):
            imports.append(line)
            continue
        kept = [a for a in node.names if (node.module, a.name) not in taken]
        if kept:
            imports.append(ast.unparse(ast.ImportFrom(module=node.module, names=kept, level=0)))
    return replace(implementation, imports=tuple(imports), borrowed=(*implementation.borrowed, *borrowed))


def with_borrowed(code: str, borrowed: tuple[Borrowed, ...]) -> str:
    """An example with the borrowed definitions it reads written before it, and its own imports of them dropped;
    the example as it is when it reads none (or defines the name itself)."""
    tree = parse_example(code)
    if tree is None or not borrowed:
        return code
    free, bound = names(tree.body)
    imported = {
        a.name: n
        for n in tree.body
        if isinstance(n, ast.ImportFrom) and not n.level
        for a in n.names
        if a.asname is None and any((n.module, a.name) == (b.module, b.name) for b in borrowed)
    }
    needed = [b for b in borrowed if b.name in imported or (b.name in free and b.name not in bound)]
    if not needed:
        return code
    lines = textwrap.dedent(code).split("\n")
    for node in dict.fromkeys(imported.values()):
        kept = [a for a in node.names if a.name not in {b.name for b in needed}]
        start, end = node.lineno - 1, node.end_lineno or node.lineno
        again = ast.unparse(ast.ImportFrom(module=node.module, names=kept, level=0)) if kept else ""
        lines[start:end] = [again] + [""] * (end - start - 1)  # the example's lines stay where they were
    return "\n\n\n".join([*(b.code for b in needed), "\n".join(lines)])
