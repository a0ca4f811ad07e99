"""A decision or manual step: run() hands its config values on as artifacts for later steps."""

from __future__ import annotations

import ast
import re
from collections.abc import Collection
from dataclasses import replace

from generator.apitext import literal_source
from generator.astwalk import walk
from generator.bind.binding import Binding, ConfigParam, Kind, Source, Status
from generator.bind.context import BindContext
from generator.bind.hints import key_hints
from generator.bind.outputs import declared_outputs
from generator.model import Step


def applies(step: Step, ctx: BindContext) -> bool:
    return True


def _example_values(ctx: BindContext, wanted: set[str]) -> dict[str, str]:
    """Literal values the step's examples give its keys (`combination_type="ties"`, `density = 0.5`)."""
    found: dict[str, str] = {}
    for example in ctx.examples[ctx.index]:
        for node in walk(example.tree):
            pairs = []
            if isinstance(node, ast.Call):
                pairs = [(k.arg, k.value) for k in node.keywords if k.arg]
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                pairs = [(node.targets[0].id, node.value)]
            for name, value in pairs:
                literal = literal_source(value)
                if name in wanted and literal is not None:
                    found.setdefault(name, literal)
    return found


def bind(step: Step, ctx: BindContext) -> Binding:
    keys = key_hints(step)
    examples = _example_values(ctx, {n for n, h in keys.items() if h.default is None})
    keys = {n: replace(h, default=examples[n]) if n in examples else h for n, h in keys.items()}
    params = tuple(
        ConfigParam(n, h.type, h.default, h.default is None and not h.optional, h.doc) for n, h in keys.items()
    )
    values = "{" + ", ".join(f"{n!r}: {n}" for n in keys) + "}"
    whole = _one_record(step, keys)
    if whole:
        # "`params: dict`" made of the keys `objective`, `eta`, ...: one table, as later steps cite it
        ctx.add(whole)
        body, produces = f"return {{{whole!r}: {values}}}", [whole]
    else:
        for name in keys:
            ctx.add(name, value=True)
        body, produces = f"return {values}", list(keys)
    return Binding(
        kind=Kind.MANUAL,
        status=Status.MANUAL,
        body=body,
        produces=tuple(produces),
        params=params,
        source=Source.MANUAL,
        notes=("a manual or decision step: run() hands its config values on to later steps",),
    )


def _one_record(step: Step, keys: Collection[str]) -> str:
    """The one result the step's Outputs name, typed a dict (`params: dict`), when it is none of its several keys:
    the keys are that table's entries. Else ""."""
    named = declared_outputs(step)
    if len(named) != 1 or named[0] in keys or len(keys) < 2:
        return ""
    typed = re.search(rf"`{re.escape(named[0])}\s*:\s*(?:dict|Dict|Mapping|typing\.Dict)\b", step.outputs)
    return named[0] if typed else ""
