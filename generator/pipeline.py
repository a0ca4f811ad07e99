"""One function per verb (validate, generate), each returning result objects; nothing here prints."""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator import incremental, writeback
from generator.bind import Status, load_tables
from generator.errors import GenrepoError, Interrupted, PinError, UserError
from generator.model import Diagnostic, Wiki, Workflow
from generator.naming import GITHUB_ORIGINS, github_origins
from generator.parse.wiki import load_wiki
from generator.pin import Pinner, PinOptions, PinResult, allow_resolvers, end_resolvers
from generator.plan import RepoPlan, failed_plan, plan_workflow
from generator.render import MANIFEST, PENDING, planned_files, render

if TYPE_CHECKING:  # GitPython and PyGithub load only when publishing
    from generator.publish import GitHubClient, PublishOptions, PublishResult, Secret


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

    @property
    def executable(self) -> bool:
        return self.plan.executable

    def report(self) -> dict:
        """The JSON report entry for this workflow."""
        plan = self.plan
        return {
            "name": plan.workflow.name,
            "repo_name": plan.repo_name,
            "url": plan.remote_url,
            "output_dir": str(self.output_dir) if self.output_dir else None,
            "action": self.action,
            "executable": plan.executable,
            "counts": {str(status): plan.count(status) for status in Status},
            "required_keys": list(plan.required_keys),
            "steps": [
                {
                    "number": n,
                    "name": sp.step.title,
                    "file": f"src/{plan.package_name}/{sp.file}",
                    "kind": str(sp.binding.kind),
                    "status": str(sp.binding.status),
                    "bound": sp.binding.bound,
                    "needs_implementation": sp.binding.needs_implementation,
                    "needs": list(sp.binding.needs),
                    "changes": list(sp.binding.changes),
                    "import": sp.binding.import_line,
                    "import_origin": str(sp.binding.import_origin),
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
        """0 when every workflow was generated and is executable; 1 when one failed or does nothing when run."""
        return 0 if all(r.ok and r.executable for r in self.results) else 1

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


def plan_all(
    index: Path, workflows: Iterable[str] = (), mappings: tuple[Path, ...] = (), origins: tuple[str, ...] = GITHUB_ORIGINS
) -> tuple[Wiki, list[RepoPlan]]:
    """Parse the wiki and plan the selected workflows; repository name clashes become errors.
    origins: where cited repository URLs may point (github.com, a GitHub Enterprise host)."""
    wiki = load_wiki(index, origins)
    tables = load_tables(mappings)
    plans = []
    for workflow in _select(wiki, workflows):
        try:
            plans.append(plan_workflow(wiki, workflow, tables))
        except RecursionError:  # Python text nested beyond what its parser reads, found while binding
            reason = "text of this workflow is nested too deeply for Python's parser (thousands of nested operators or brackets)"
            plans.append(failed_plan(wiki, workflow, reason))
        except Exception as exc:  # a wiki shape no rule foresaw must not stop the other workflows
            reason = f"genrepo could not plan this workflow ({type(exc).__name__}: {exc}); please report it with the wiki"
            plans.append(failed_plan(wiki, workflow, reason))
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


def validate(
    index: Path, workflows: Iterable[str] = (), mappings: tuple[Path, ...] = (), origins: tuple[str, ...] = GITHUB_ORIGINS
) -> RunResult:
    """Parse and plan without writing; a workflow with errors is reported as fail."""
    wiki, plans = plan_all(index, workflows, mappings, origins)
    results = tuple(
        WorkflowResult(p, "fail" if p.errors else "plan", files=planned_files(p), errors=tuple(str(e) for e in p.errors))
        for p in plans
    )
    return RunResult(wiki, results, wiki.warnings)


def pin_plans(
    plans: list[RepoPlan], pinner: Pinner, jobs: int = 4, resolve: bool = True
) -> tuple[list[RepoPlan], dict[str, str]]:
    """Pin each plan's requirements, one resolution per distinct set, in parallel; returns the plans with
    their requirements.txt, and {workflow name: reason} for those whose resolution failed.

    With resolve=False (dry runs) no resolver runs: a set is pinned only when this run or the cache has it.
    """
    sets = sorted({p.requirements for p in plans if not p.errors})
    outcomes: dict[tuple[str, ...], PinResult | PinError | None] = {}

    def resolve_one(requirements: tuple[str, ...]) -> tuple[tuple[str, ...], PinResult | PinError | None]:
        if not resolve:
            return requirements, pinner.cached(requirements)
        try:
            return requirements, pinner.pin(requirements)
        except PinError as exc:
            return requirements, exc

    pool = ThreadPoolExecutor(max_workers=max(1, min(jobs, len(sets) or 1)))
    try:
        outcomes.update(pool.map(resolve_one, sets))
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM as the CLI delivers it: no resolver outlives genrepo
        ended = end_resolvers()
        pool.shutdown(wait=True, cancel_futures=True)
        allow_resolvers()
        raise Interrupted(f"interrupted while pinning; ended {ended} resolver process group(s)") from None
    pool.shutdown(wait=True)
    pinned: list[RepoPlan] = []
    failures: dict[str, str] = {}
    for plan in plans:
        outcome = outcomes.get(plan.requirements)
        if isinstance(outcome, PinResult):
            plan = replace(plan, pinned=outcome.text, pin_note=f"pinned with {outcome.resolver}")
        elif isinstance(outcome, PinError):
            failures[plan.workflow.name] = str(outcome)
        elif not resolve and not plan.errors:
            plan = replace(plan, pin_note="not pinned: a dry run does not resolve, and no cached resolution matched")
        pinned.append(plan)
    return pinned, failures


def writable_out_dir(out_dir: Path) -> None:
    """Raise UserError unless out_dir is (or can be made) a folder genrepo can write in."""
    out_dir = Path(out_dir)
    existing = next((p for p in (out_dir, *out_dir.parents) if os.path.lexists(p)), None)
    if existing is not None and not existing.is_dir():
        raise UserError(f"--out {out_dir}: {existing} is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"--out {out_dir}: cannot create the folder: {exc.strerror or exc}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise UserError(f"--out {out_dir}: the folder is not writable")


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
    resolve: bool = True,
    origins: tuple[str, ...] = GITHUB_ORIGINS,
    workers: int | None = None,
    taken: dict[str, str] | None = None,
) -> RunResult:
    """Generate one repository per workflow; one workflow's failure does not stop the others.

    workers: processes rendering workflows (default: the cores; small wikis render in this process).
    taken: repository names (lower case) -> who made them, shared by the wikis of one call into one
    folder: a name another wiki already used fails here instead of overwriting that wiki's repository.

    With pin options (or a pinner), requirements are compiled; without, requirements.txt says it is not pinned.
    resolve=False pins from the cache only and never runs a resolver (publish --dry-run).
    """
    if dry_run:
        return validate(index, workflows, mappings, origins)
    workflows = tuple(workflows)
    key = incremental.inputs_key(index, workflows, mappings, origins)
    cached = incremental.load_plans(key)  # unchanged inputs: no page is parsed again
    if cached is None:
        wiki, plans = plan_all(index, workflows, mappings, origins)
        incremental.store_plans(key, (wiki, plans))
    else:
        wiki, plans = cached
    if taken is not None:
        plans = _claim_names(plans, taken, wiki)
    writable_out_dir(out_dir)
    failures: dict[str, str] = {}
    if pin is not None or pinner is not None:
        plans, failures = pin_plans(plans, pinner or Pinner(pin or PinOptions()), jobs, resolve)
    else:
        plans = [replace(p, pin_note="generated with --no-pin") for p in plans]
    ready = [p for p in plans if not p.errors and p.workflow.name not in failures]
    outcomes = _render_all(ready, Path(out_dir), force, key, workers)
    results: list[WorkflowResult] = []
    for plan in plans:
        if progress:
            progress(plan.workflow.short_name)
        if plan.errors:
            results.append(WorkflowResult(plan, "fail", errors=tuple(str(e) for e in plan.errors)))
        elif plan.workflow.name in failures:
            results.append(WorkflowResult(plan, "fail", errors=(failures[plan.workflow.name],)))
        else:
            action, path, files, errors = next(outcomes)
            results.append(WorkflowResult(plan, action, path, files, errors))
    outcomes.close()  # ends the worker pool, if one was started
    return RunResult(wiki, tuple(results), wiki.warnings)


def _claim_names(plans: list[RepoPlan], taken: dict[str, str], wiki: Wiki) -> list[RepoPlan]:
    """Plans whose repository name an earlier wiki of this call took become errors; the others claim theirs."""
    claimed: list[RepoPlan] = []
    for plan in plans:
        key = plan.repo_name.lower()
        owner = taken.get(key)
        if owner is not None and not plan.errors:
            clash = Diagnostic(f"repository name {plan.repo_name!r} is also used by {owner} in this run", plan.workflow.ref)
            plan = replace(plan, errors=plan.errors + (clash,))
        elif not plan.errors:
            taken[key] = f"workflow {plan.workflow.name} of {wiki.root}/{wiki.index_path}"
        claimed.append(plan)
    return claimed


_Outcome = tuple[str, "Path | None", tuple[str, ...], tuple[str, ...]]  # action, output folder, files, errors
PARALLEL_FROM = 8  # fewer workflows than this render in this process: starting workers would cost more


def render_one(plan: RepoPlan, out_dir: Path, force: bool, key: str) -> _Outcome:
    """Render one planned workflow unless its folder already holds exactly this output; never raises for it."""
    rendered_key = incremental.render_key(key, plan.repo_name, plan.pinned, plan.pin_note)
    target = (out_dir / plan.repo_name).resolve()
    files = incremental.intact(rendered_key, target, MANIFEST, PENDING)
    if files is not None and target.parent == out_dir.resolve():
        return "unchanged", target, files, ()
    try:
        rendered = render(plan, out_dir, force=force)
        incremental.remember_render(rendered_key, rendered.path, MANIFEST)
    except GenrepoError as exc:
        return "fail", None, (), (str(exc),)
    except OSError as exc:  # disk full, permissions changed underneath: this workflow fails, said plainly
        where = f" ({exc.filename})" if exc.filename else ""
        return "fail", None, (), (f"cannot write {plan.repo_name}: {exc.strerror or exc}{where}",)
    return rendered.action, rendered.path, rendered.files, ()


def _render_star(args: tuple) -> _Outcome:
    return render_one(*args)


def _render_all(plans: list[RepoPlan], out_dir: Path, force: bool, key: str, workers: int | None) -> Iterator[_Outcome]:
    """Each plan's outcome, in plan order; in worker processes when there are enough workflows.

    Workflows are independent and each writes only its own folder, so the output is the same either way
    (tests/test_parallel.py); results come back in plan order whatever finishes first."""
    workers = min(workers or os.cpu_count() or 1, len(plans))
    jobs = [(plan, out_dir, force, key) for plan in plans]
    if workers < 2 or len(plans) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(_render_star, jobs)
        return
    from generator.render import template_dir
    from generator.template import compiled

    compiled(template_dir())  # once, before the fork: every worker inherits the compiled template
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(_render_star, jobs, chunksize=max(1, len(jobs) // (4 * workers)))


@dataclass(frozen=True)
class PublishRun:
    """Publishing results, with the generation they came from."""

    generated: RunResult
    results: tuple[PublishResult, ...]
    written_back: tuple[str, ...] = ()

    @property
    def exit_code(self) -> int:
        bad = any(r.action in ("fail", "refuse") for r in self.results)
        return 1 if bad or self.generated.exit_code else 0

    def counts(self) -> dict[str, int]:
        counts = {key: 0 for key in ("create", "update", "unchanged", "pr", "refuse", "fail")}
        for result in self.results:
            counts[result.action] = counts.get(result.action, 0) + 1
        counts["fail"] += sum(1 for r in self.generated.results if not r.ok)
        return counts

    def report(self) -> dict:
        return {
            "generated": self.generated.report(),
            "published": [
                {
                    "workflow": r.workflow, "repo": r.repo, "action": r.action, "url": r.url, "repo_url": r.repo_url,
                    "detail": r.detail, "commit": r.commit, "replaced": list(r.replaced), "diff": list(r.diff),
                    "dry_run": r.dry_run,
                }
                for r in self.results
            ],
            "written_back": list(self.written_back),
            "summary": self.counts(),
        }


def select_shard(wiki: Wiki, names: Iterable[str], shard: tuple[int, int]) -> list[str]:
    """The workflow names of shard I of N (1-based), in index order, among the selected ones."""
    index, total = shard
    chosen = _select(wiki, names)
    return [w.name for position, w in enumerate(chosen) if position % total == index - 1]


def publish(
    index: Path,
    out_dir: Path,
    options: PublishOptions,
    workflows: Iterable[str] = (),
    pin: PinOptions | None = None,
    mappings: tuple[Path, ...] = (),
    client_factory: Callable[[Secret, PublishOptions], GitHubClient] | None = None,
    force_render: bool = False,
    origins: tuple[str, ...] = GITHUB_ORIGINS,
) -> PublishRun:
    """Generate (into out_dir, or a scratch folder for a dry run) and publish each workflow's repository."""
    from generator.publish import PyGithubClient, publish_one, read_token

    token = read_token(options.token_env)
    if pin is not None and options.token_env:
        pin = replace(pin, secret_names=(*pin.secret_names, options.token_env))
    client = (client_factory or PyGithubClient)(token, options)
    origins = tuple(dict.fromkeys((*origins, *github_origins(options.api_url))))  # URLs on the host published to
    wiki = load_wiki(index, origins)
    names = select_shard(wiki, workflows, options.shard)
    if not names:
        return PublishRun(RunResult(wiki, (), wiki.warnings), ())
    with tempfile.TemporaryDirectory(prefix="genrepo-publish-") as scratch:
        target = Path(scratch) if options.dry_run else out_dir
        generated = generate(
            index, target, names, force=force_render, pin=pin, mappings=mappings, resolve=not options.dry_run, origins=origins
        )
        ready = [r for r in generated.results if r.ok and r.output_dir is not None]

        def one(item: WorkflowResult) -> PublishResult:
            return publish_one(item.plan, item.output_dir, client, token, options)

        with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
            results = tuple(pool.map(one, ready))
    written: list[str] = []
    if options.write_back and not options.dry_run:
        root = Path(wiki.root)
        for item, result in zip(ready, results, strict=True):
            if result.action in ("create", "update", "unchanged", "pr") and result.repo_url:
                page = item.plan.workflow.page_path
                if page and writeback.page(root / page, result.repo_url):
                    written.append(page)
                if writeback.index(root / wiki.index_path, item.plan.workflow.name, result.repo_url):
                    written.append(f"{wiki.index_path} ({item.plan.workflow.short_name})")
    return PublishRun(generated, results, tuple(written))
