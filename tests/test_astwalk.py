"""The binder's fast tree helpers give what the standard library gives: walk as ast.walk (remembered only for
shared, read-only parses), clone as copy.deepcopy."""

from __future__ import annotations

import ast
import copy
from pathlib import Path

import pytest

from generator.astwalk import clone, shared, single_assignments, walk
from generator.bind.wiring import _Substitute, rename
from generator.pysource import parse_dedented
from generator.slicing import names

SOURCES = sorted((Path(__file__).resolve().parent.parent / "generator").rglob("*.py"))


def test_walk_is_ast_walk_on_real_code():
    for path in SOURCES[:40]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert list(walk(tree)) == list(ast.walk(tree))


def test_a_shared_parse_is_walked_once_and_its_copies_never():
    code = "import torch\nmodel = torch.load(path)\nfor x in data:\n    y = model(x)\n"
    tree = parse_dedented(code)
    assert shared(tree)
    first = list(walk(tree))
    assert list(walk(tree)) == first == list(ast.walk(tree))
    loop = tree.body[2]
    assert shared(loop) and list(walk(loop)) == list(ast.walk(loop))
    copied = clone(loop)
    assert not shared(copied)
    for node in walk(copied):  # a copy is edited: its walk must see the edit
        if isinstance(node, ast.Name) and node.id == "model":
            node.id = "net"
    assert "net" in {n.id for n in walk(copied) if isinstance(n, ast.Name)}
    assert "net" not in {n.id for n in walk(loop) if isinstance(n, ast.Name)}


def test_names_of_a_shared_statement_are_fresh_each_time():
    tree = parse_dedented("result = f(a, b)\n")
    free, bound = names([tree.body[0]])
    free.append("changed")
    bound.add("changed")
    assert names([tree.body[0]]) == (["f", "a", "b"], {"result"})


def test_clone_is_deepcopy():
    for path in SOURCES[:40]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        copied = clone(tree)
        assert ast.dump(copied, include_attributes=True) == ast.dump(copy.deepcopy(tree), include_attributes=True)
        originals = {id(n) for n in ast.walk(tree) if not isinstance(n, (ast.Load, ast.Store, ast.Del))}
        assert not originals & {id(n) for n in ast.walk(copied)}


@pytest.mark.parametrize(
    ("source", "renamed"),
    [
        ("x.map_blocks(lambda x: x * 2)", "y.map_blocks(lambda x: x * 2)"),
        ("f(lambda a, b=x: b + x)", "f(lambda a, b=y: b + y)"),
        ("[x for x in x.rows]", "[x for x in y.rows]"),
        ("{k: x for k in keys}", "{k: y for k in keys}"),
        ("def f(x):\n    return x\ng = f(x)", "def f(x):\n    return x\ng = f(y)"),
    ],
)
def test_a_rename_leaves_a_scopes_own_variable_of_that_name_alone(source, renamed):
    """wiring's rename and _Substitute rename the example's variable, not another of its name that a lambda, a def
    or a comprehension makes for itself."""
    tree = ast.parse(source)
    rename(tree.body, "x", "y")
    assert ast.unparse(tree) == ast.unparse(ast.parse(renamed))
    substituted = [_Substitute("x", ast.Name(id="y", ctx=ast.Load())).visit(s) for s in ast.parse(source).body]
    assert "\n".join(map(ast.unparse, substituted)) == ast.unparse(ast.parse(renamed))


def test_single_assignments_are_the_plain_name_ones_in_order():
    tree = ast.parse("a = f(1)\nb, c = 1, 2\nd = e = 3\nx.y = 4\ng: int = 5\nh = [1]\n")
    found = [(name, ast.unparse(value)) for name, value in single_assignments(tree.body)]
    assert found == [("a", "f(1)"), ("h", "[1]")]
