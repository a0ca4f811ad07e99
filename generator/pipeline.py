"""One function per verb (validate, generate), each returning result objects; nothing here prints."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.deps import load_mapping
from generator.errors import GenrepoError, PinError, UserError
from generator.model import Diagnostic, Wiki, Workflow
from generator.parse.wiki import load_wiki
from generator.pin import Pinner, PinOptions, PinResult
from generator.plan import RepoPlan, plan_workflow
from generator.render import planned_files, render


@dataclass(frozen=True)
class WorkflowResult:
    """The outcome for one workflow: action is create, update, unchanged, plan (dry run) or fail."""

    plan: RepoPlan
    action: str
    output_dir: Path | None = None
    files: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.action != "fail"

    def report(self) -> dict:
        """The JSON report entry for this workflow."""
        plan = self.plan
        return {
            "name": plan.workflow.name,
            "repo_name": plan.repo_name,
            "url": plan.remote_url,
            "output_dir": str(self.output_dir) if self.output_dir else None,
            "action": self.action,
            "steps": [
                {
                    "number": n,
                    "name": sp.step.title,
                    "file": f"src/{plan.package_name}/{sp.file}",
                    "kind": sp.binding.kind,
                    "bound": sp.binding.bound,
                    "needs_implementation": sp.binding.needs_implementation,
                    "import": sp.binding.import_line,
                    "import_origin": sp.binding.import_origin,
                    "consumes": list(sp.binding.consumes),
                    "produces": list(sp.binding.produces),
                    "config": [p.name for p in sp.binding.params],
                    "api": sp.step.api_call,
                    "wiki": str(sp.step.ref),
                }
                for n, sp in enumerate(plan.steps, start=1)
            ],
            "needs_implementation": [sp.step.title for sp in plan.steps if sp.binding.needs_implementation],
            "requirements": list(plan.requirements),
            "prerequisites": list(plan.prerequisites),
            "pinned": plan.pinned is not None,
            "pin_note": plan.pin_note,
            "warnings": [str(w) for w in plan.warnings],
            "errors": list(self.errors),
        }


@dataclass(frozen=True)
class RunResult:
    """All workflows of one run, plus wiki-level warnings."""

    wiki: Wiki
    results: tuple[WorkflowResult, ...]
    warnings: tuple[Diagnostic, ...] = field(default=())

    @property
    def exit_code(self) -> int:
        return 0 if all(r.ok for r in self.results) else 1

    def report(self) -> dict:
        return {
            "wiki": self.wiki.root,
            "index": self.wiki.index_path,
            "warnings": [str(w) for w in self.warnings],
            "workflows": [r.report() for r in self.results],
        }


def _select(wiki: Wiki, names: Iterable[str]) -> list[Workflow]:
    wanted = list(names)
    if not wanted:
        return list(wiki.workflows)
    chosen: list[Workflow] = []
    for name in wanted:
        matches = [w for w in wiki.workflows if name.lower() in (w.name.lower(), w.short_name.lower())]
        if not matches:
            known = ", ".join(w.short_name for w in wiki.workflows) or "none"
            raise UserError(f"no workflow named {name!r} in {wiki.index_path} (workflows: {known})")
        chosen.extend(m for m in matches if m not in chosen)
    return chosen


def plan_all(index: Path, workflows: Iterable[str] = (), mappings: tuple[Path, ...] = ()) -> tuple[Wiki, list[RepoPlan]]:
    """Parse the wiki and plan the selected workflows; repository name clashes become errors."""
    wiki = load_wiki(index)
    mapping = load_mapping(mappings)
    plans = [plan_workflow(wiki, wf, mapping) for wf in _select(wiki, workflows)]
    seen: dict[str, str] = {}
    checked: list[RepoPlan] = []
    for plan in plans:
        key = plan.repo_name.lower()
        if key in seen and not plan.errors:
            clash = Diagnostic(f"repository name {plan.repo_name!r} is also used by workflow {seen[key]}", plan.workflow.ref)
            plan = replace(plan, errors=plan.errors + (clash,))
        seen.setdefault(key, plan.workflow.name)
        checked.append(plan)
    return wiki, checked


def validate(index: Path, workflows: Iterable[str] = (), mappings: tuple[Path, ...] = ()) -> RunResult:
    """Parse and plan without writing; a workflow with errors is reported as fail."""
    wiki, plans = plan_all(index, workflows, mappings)
    results = tuple(
        WorkflowResult(p, "fail" if p.errors else "plan", files=planned_files(p), errors=tuple(str(e) for e in p.errors))
        for p in plans
    )
    return RunResult(wiki, results, wiki.warnings)


def pin_plans(plans: list[RepoPlan], pinner: Pinner, jobs: int = 4) -> tuple[list[RepoPlan], dict[str, str]]:
    """Pin each plan's requirements, one resolution per distinct set, in parallel; returns the plans with
    their requirements.txt, and {workflow name: reason} for those whose resolution failed."""
    sets = sorted({p.requirements for p in plans if not p.errors})
    outcomes: dict[tuple[str, ...], PinResult | PinError] = {}

    def resolve(requirements: tuple[str, ...]) -> tuple[tuple[str, ...], PinResult | PinError]:
        try:
            return requirements, pinner.pin(requirements)
        except PinError as exc:
            return requirements, exc

    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(sets) or 1))) as pool:
        outcomes.update(pool.map(resolve, sets))
    pinned: list[RepoPlan] = []
    failures: dict[str, str] = {}
    for plan in plans:
        outcome = outcomes.get(plan.requirements)
        if isinstance(outcome, PinResult):
            plan = replace(plan, pinned=outcome.text, pin_note=f"pinned with {outcome.resolver}")
        elif isinstance(outcome, PinError):
            failures[plan.workflow.name] = str(outcome)
        pinned.append(plan)
    return pinned, failures


def generate(
    index: Path,
    out_dir: Path,
    workflows: Iterable[str] = (),
    dry_run: bool = False,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
    pin: PinOptions | None = None,
    mappings: tuple[Path, ...] = (),
    jobs: int = 4,
    pinner: Pinner | None = None,
) -> RunResult:
    """Generate one repository per workflow; one workflow's failure does not stop the others.

    With pin options (or a pinner), requirements are compiled; without, requirements.txt says it is not pinned.
    """
    if dry_run:
        return validate(index, workflows)
    wiki, plans = plan_all(index, workflows, mappings)
    failures: dict[str, str] = {}
    if pin is not None or pinner is not None:
        plans, failures = pin_plans(plans, pinner or Pinner(pin or PinOptions()), jobs)
    else:
        plans = [replace(p, pin_note="generated with --no-pin") for p in plans]
    results: list[WorkflowResult] = []
    for plan in plans:
        if progress:
            progress(plan.workflow.short_name)
        if plan.errors:
            results.append(WorkflowResult(plan, "fail", errors=tuple(str(e) for e in plan.errors)))
            continue
        if plan.workflow.name in failures:
            results.append(WorkflowResult(plan, "fail", errors=(failures[plan.workflow.name],)))
            continue
        try:
            rendered = render(plan, out_dir, force=force)
        except GenrepoError as exc:
            results.append(WorkflowResult(plan, "fail", errors=(str(exc),)))
            continue
        results.append(WorkflowResult(plan, rendered.action, rendered.path, rendered.files))
    return RunResult(wiki, tuple(results), wiki.warnings)
