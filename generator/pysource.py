"""Python text from a wiki parsed once: the same code block is read by several checks (syntax, nesting depth,
imports) and by the binder, so its tree is made once per process and shared. Parsed, never compiled or run.

A shared tree is read-only: code that changes a tree works on a copy (bind/wiring.py deep-copies statements).
"""

from __future__ import annotations

import ast
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
