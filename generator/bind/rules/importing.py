"""A step whose API is an import made for its side effects (`import unsloth` patches what it imports)."""

from __future__ import annotations

import ast

from generator.bind.binding import Binding, Kind, Origin, Source, Status
from generator.bind.context import BindContext
from generator.bind.imports import modules_of
from generator.model import Step


def applies(step: Step, ctx: BindContext) -> bool:
    return ctx.kinds[ctx.index] is Kind.IMPORT


def bind(step: Step, ctx: BindContext) -> Binding | None:
    text = step.api_text
    try:
        node = ast.parse(text.split("(")[0].strip()).body[0]
    except (SyntaxError, IndexError):
        return None
    if not isinstance(node, (ast.Import, ast.ImportFrom)):
        return None
    line = ast.unparse(node)
    return Binding(
        kind=Kind.IMPORT,
        status=Status.BOUND,
        body=f"{line}  # noqa: F401 (imported for its side effects)\n\nreturn {{}}",
        import_line=line,
        import_origin=Origin.PAGE,
        imports=modules_of([line]),
        source=Source.IMPORT,
    )
