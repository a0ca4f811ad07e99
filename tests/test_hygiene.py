"""The test modules themselves: a module-level name bound twice silently replaces the first binding for every test
that reads it (a second `PKGFIT` library text broke the test written for the first)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_test_module_binds_a_module_level_name_twice():
    twice = {}
    for module in sorted(TESTS.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        bound = Counter(
            target.id
            for node in tree.body
            if isinstance(node, (ast.Assign, ast.AnnAssign))
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Name)
        )
        bound.update(n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))
        repeated = sorted(name for name, count in bound.items() if count > 1)
        if repeated:
            twice[module.name] = repeated
    assert not twice, twice
