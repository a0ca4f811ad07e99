"""Python text from a wiki parsed once: the same code block is read by several checks (syntax, nesting depth,
imports) and by the binder, so its tree is made once per process and shared. Parsed, never compiled or run.

A shared tree is read-only: code that changes a tree works on a copy (bind/wiring.py deep-copies statements).
"""

from __future__ import annotations

import ast
import re
import textwrap
from functools import lru_cache

from generator.astwalk import share


def parse_dedented(code: str) -> ast.Module:
    """ast.parse(textwrap.dedent(code)), remembered; raises what ast.parse raises. A SyntaxError or ValueError
    is remembered too (raised again without the earlier traceback); MemoryError and RecursionError, which depend
    on the moment (free memory, stack depth), are not."""
    found = _parsed(code)
    if isinstance(found, (SyntaxError, ValueError)):
        raise found.with_traceback(None)
    return found


@lru_cache(maxsize=8192)
def _parsed(code: str) -> ast.Module | SyntaxError | ValueError:
    try:
        tree = ast.parse(textwrap.dedent(code))
    except (SyntaxError, ValueError) as exc:
        return exc
    share(tree)
    return tree


def parse_expression(text: str) -> ast.expr | None:
    """text, stripped, as one Python expression, parsed (never run), a new tree each call (callers may change it);
    None when it is no expression or nests too deeply to parse."""
    try:
        return ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


# a table SQL writes to or reads from: `INSERT INTO items`, `FROM items`, `CREATE TABLE items`, `JOIN`, `UPDATE`
_SQL_TABLE = re.compile(r"\b(?i:into|from|table|join|update)\s+([A-Za-z_]\w*)")
_SQL = re.compile(r"\s*(?i:select|insert|create|update|delete|with|copy|drop|alter|merge|from)\b")


@lru_cache(maxsize=1024)
def sql_tables(examples: tuple[str, ...]) -> frozenset[str]:
    """The tables the examples' SQL strings name and their Python code never does ("Rows inserted into `items`",
    the example's `con.executemany("INSERT INTO items VALUES (?, ?, ?)", rows)`): no Python object a step makes."""
    tables: set[str] = set()
    python: set[str] = set()
    for code in examples:
        try:
            tree = parse_dedented(code)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            continue
        for text in sql_strings(tree.body):
            tables.update(_SQL_TABLE.findall(text[:10_000]))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                python.add(node.id)
            elif isinstance(node, ast.arg):
                python.add(node.arg)
    return frozenset(tables - python)


# a table SQL makes: `CREATE TABLE some_table (x int)`, `CREATE OR REPLACE TEMP VIEW v AS ...`
_SQL_CREATED = re.compile(
    r"\b(?i:create\s+(?:or\s+replace\s+)?(?:temp(?:orary)?\s+)?(?:table|view)\s+(?:if\s+not\s+exists\s+)?)"
    r"([A-Za-z_]\w*)"
)


def sql_created(text: str) -> frozenset[str]:
    """The tables text's SQL creates."""
    return frozenset(_SQL_CREATED.findall(text[:100_000]))


def sql_strings(statements: list[ast.stmt]) -> list[str]:
    """The SQL strings statements hold (`"INSERT INTO some_table (x, y) VALUES (:x, :y)"`)."""
    return [
        node.value
        for stmt in statements
        for node in ast.walk(stmt)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.match(node.value)
    ]


def sql_used(statements: list[ast.stmt]) -> frozenset[str]:
    """The tables statements' SQL writes to or reads from, and does not create itself."""
    sql = sql_strings(statements)
    used = {t for text in sql for t in _SQL_TABLE.findall(text[:10_000])}
    return frozenset(used - {t for text in sql for t in sql_created(text)})
