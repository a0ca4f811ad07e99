"""Binding steps to code: each step's kind, status and run(), wired across the workflow's steps.

A workflow is bound step by step, in order, so each step sees what earlier steps produce. Bodies come from the
wiki's usage examples (the statements that use the cited API) or, failing that, from the API text itself.
Wiki code is read with `ast` and written back with `ast.unparse`; genrepo never runs it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.bind.binding import Binding, ConfigParam, Kind, Origin, Source, Status
from generator.bind.context import BindContext
from generator.bind.finish import (
    Repeat,
    functions_without_arguments,
    needs_python,
    passed_when_set,
    repeat_of,
    risky_calls,
    with_contexts_kept_open,
    with_contract,
    with_default_types,
    with_loop_count,
    with_needs,
    with_recorded_keys,
    with_spread_keys,
    with_typed_arguments,
    with_written_paths,
)
from generator.bind.hardware import with_cpu_defaults
from generator.bind.imports import modules_of
from generator.bind.kinds import classify
from generator.bind.rules import bind_step
from generator.bind.tables import Loader, Tables, load_tables
from generator.model import Diagnostic, Workflow
from generator.pysource import sql_created

__all__ = [
    "Binding",
    "BoundWorkflow",
    "ConfigParam",
    "Kind",
    "Loader",
    "Origin",
    "Repeat",
    "Source",
    "Status",
    "Tables",
    "bind_workflow",
    "classify",
    "load_tables",
    "modules_of",
    "needs_python",
]


@dataclass(frozen=True)
class BoundWorkflow:
    """A workflow's bindings, one per step, with the loop the wiki describes and the warnings binding raised."""

    bindings: tuple[Binding, ...]
    repeat: Repeat | None
    warnings: tuple[Diagnostic, ...]

    @property
    def executable(self) -> bool:
        """Whether at least one step does real work when run."""
        return any(b.status is Status.BOUND for b in self.bindings)


def bind_workflow(workflow: Workflow, tables: Tables, as_of: str | None = None) -> BoundWorkflow:
    """Bind every step of a workflow, in order, for requirements pinned to releases before as_of (None: the
    newest): a keyword renamed after that date keeps its old name."""
    ctx = BindContext.create(workflow, tables, as_of)
    bindings = []
    for index, step in enumerate(workflow.steps):
        ctx.index = index
        binding = bind_step(step, ctx)
        for name in binding.produces:
            if not ctx.has(name):
                ctx.add(name)
        taken = {*binding.consumes, *binding.produces}
        unused = [n for n in ctx.cited_by_inputs() if n not in taken and ctx.same_as.get(n) not in taken]
        if binding.status is Status.BOUND and unused:
            # said in the step's module too, not only at generation: a reader of the step sees why to check it
            note = f"does not use {', '.join(unused)}, which its Inputs cite: check it before trusting its result"
            binding = replace(binding, changes=(*binding.changes, note))
        finished = with_contract(step, binding)
        finished = with_default_types(with_written_paths(passed_when_set(with_cpu_defaults(finished)), step))
        finished = with_spread_keys(finished)
        bindings.append(with_needs(step, with_typed_arguments(step, finished, ctx.apis[index]), tables))
        ctx.no_argument_functions |= functions_without_arguments(binding)
        ctx.sql_made |= sql_created("\n".join([binding.body, *(str(p.default) for p in binding.params)]))
        if binding.status is Status.BOUND and unused:
            # statsmodels' ARIMA step: "`d` from Step 2", while the example's `order=(2, 1, 0)` fixes d itself
            ctx.warnings.append(
                Diagnostic(
                    f"step {step.number} ({step.title}): its Inputs cite {', '.join(unused)} from earlier steps, which "
                    "its code does not use (the page's example works on something else): check the step before "
                    "trusting its result",
                    step.ref,
                )
            )
        risky = risky_calls(binding.body) if binding.kind is not Kind.TOOL else []
        if risky:
            ctx.warnings.append(
                Diagnostic(
                    f"step {step.number} ({step.title}) copies example code that calls {', '.join(risky)}: read it before running "
                    "the step or its generated tests (they fake the libraries a step imports, not builtins)",
                    step.ref,
                )
            )
    bindings = with_recorded_keys(with_loop_count(workflow, with_contexts_kept_open(bindings, ctx.apis)))
    return BoundWorkflow(tuple(bindings), repeat_of(workflow, bindings), tuple(ctx.warnings))
