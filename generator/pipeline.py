"""One function per verb (validate, generate), each returning result objects; nothing here prints."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import subprocess
import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from generator import incremental, writeback
from generator.bind import Status, load_tables
from generator.errors import GenrepoError, Interrupted, PinError, UserError
from generator.model import Diagnostic, Severity, Wiki, Workflow
from generator.naming import GITHUB_ORIGINS, github_origins
from generator.parse.wiki import count_entries, load_wiki
from generator.pin import Pinner, PinOptions, PinResult, allow_resolvers, end_resolvers
from generator.plan import RepoPlan, failed_plan, plan_workflow, source_paths
from generator.progress import Progress, Tick, silent
from generator.render import MANIFEST, PENDING, Provenance, RenderResult, Request, planned_files, render_requests
from generator.settings import apply_settings

if TYPE_CHECKING:  # GitPython and PyGithub load only when publishing
    from generator.publish import GitHubClient, PublishOptions, PublishResult, Secret


@dataclass(frozen=True)
class WorkflowResult:
    """The outcome for one workflow: action is create, unchanged, update, merge, conflict, refuse (update.Action),
    plan (validate) or fail; a dry run names the action the real run would take."""

    plan: RepoPlan
    action: str
    output_dir: Path | None = None
    files: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()  # files left with conflict markers
    merged: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()  # files the user edited that regenerating left alone
    notes: tuple[str, ...] = ()
    diff: tuple[str, ...] = ()
    backup: Path | None = None  # where --force saved what it replaced
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.action not in ("fail", "refuse", "conflict")

    @property
    def executable(self) -> bool:
        return self.plan.executable

    def diagnostics(self) -> list[Diagnostic]:
        """Every warning and error of this workflow, each with its wiki file and line (a failure genrepo met
        later, in pinning or writing, points at the workflow's index entry)."""
        plan = self.plan
        found = [*plan.warnings, *(e.as_error() for e in plan.errors)]
        known = {str(e) for e in plan.errors}
        found += [Diagnostic(text, plan.workflow.ref, Severity.ERROR) for text in self.errors if text not in known]
        return found

    def next_steps(self) -> tuple[str, ...]:
        """What a person does next with this workflow, most pressing first, as commands where there is one."""
        plan = self.plan
        if not self.ok:
            return ("fix what the errors above name (wiki file:line), then run `genrepo from-index` again",)
        where = str(self.output_dir) if self.output_dir else plan.repo_name
        todo: list[str] = []
        if plan.required_keys:
            todo.append(
                f"set {', '.join(plan.required_keys)} in {where}/config.toml (or generate with --set STEP.KEY=VALUE)"
            )
        if plan.example_files:  # not REQUIRED (they have the example's value), yet a run fails without the user's own
            shown = ", ".join(f"{key} (now {value!r})" for key, value in plan.example_files)
            todo.append(f"point {shown} at your own data in {where}/config.toml: those are the wiki example's files")
        if plan.example_downloads:  # the run reaches out to the internet for them
            shown = ", ".join(f"{key} (now {value!r})" for key, value in plan.example_downloads)
            todo.append(
                f"{shown} in {where}/config.toml download the wiki example's data when the step runs: point them at "
                "your own files where this machine is offline"
            )
        stubs = [f"src/{plan.package_name}/{sp.file}" for sp in plan.steps if sp.binding.needs_implementation]
        if stubs:
            todo.append(
                f"write run() in {', '.join(stubs)}"
                + ("" if plan.executable else " (nothing runs until one step does)")
            )
        todo.append(  # as the repository's README installs it: its requirements, then the package itself
            f"cd {where} && python -m pip install -r requirements.txt && python -m pip install --no-deps -e . "
            f"&& python -m {plan.package_name} guide"
        )
        return tuple(todo)

    def report(self) -> dict[str, Any]:
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
            "manual": [sp.step.title for sp in plan.steps if sp.binding.status is Status.MANUAL],
            "next": list(self.next_steps()),
            "requirements": list(plan.requirements),
            "prerequisites": list(plan.prerequisites),
            "pinned": plan.pinned is not None,
            "pin_note": plan.pin_note,
            "warnings": [str(w) for w in plan.warnings],
            "errors": list(self.errors),
            "diagnostics": [d.as_dict() for d in self.diagnostics()],
            "conflicts": list(self.conflicts),
            "merged": list(self.merged),
            "kept": list(self.kept),
            "notes": list(self.notes),
            "backup": str(self.backup) if self.backup else None,
            "detail": self.detail,
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

    def report(self) -> dict[str, Any]:
        return {
            "wiki": self.wiki.root,
            "index": self.wiki.index_path,
            "warnings": [str(w) for w in self.warnings],
            "diagnostics": [w.as_dict() for w in self.warnings],
            "workflows": [r.report() for r in self.results],
        }


def _select(wiki: Wiki, names: Iterable[str], strict: bool = True) -> list[Workflow]:
    """The workflows named (all when none is); a name no workflow has is an error, unless not strict (a share of
    a wiki, which may not hold it)."""
    wanted = list(names)
    if not wanted:
        return list(wiki.workflows)
    chosen: list[Workflow] = []
    for name in wanted:
        matches = [w for w in wiki.workflows if name.lower() in (w.name.lower(), w.short_name.lower())]
        if not matches and strict:
            known = ", ".join(w.short_name for w in wiki.workflows) or "none"
            raise UserError(f"no workflow named {name!r} in {wiki.index_path} (workflows: {known})")
        chosen.extend(m for m in matches if m not in chosen)
    return chosen


def plan_all(
    index: Path,
    workflows: Iterable[str] = (),
    mappings: tuple[Path, ...] = (),
    origins: tuple[str, ...] = GITHUB_ORIGINS,
    settings: tuple[str, ...] = (),
    progress: Progress = silent,
    wiki_date: bool = False,
) -> tuple[Wiki, list[RepoPlan]]:
    """Parse the wiki and plan the selected workflows; repository name clashes become errors.
    origins: where cited repository URLs may point (github.com, a GitHub Enterprise host);
    settings: `[WORKFLOW:]STEP.KEY=VALUE` config values (generator/settings.py); wiki_date: code for the
    releases current on the wiki's date rather than the newest."""
    request = _Planning(tuple(workflows), mappings, origins, settings, wiki_date)
    return _plan(index, request, progress, *_records(index))


def _records(index: Path) -> tuple[incremental.WorkflowRecords, incremental.Records]:
    """The caches of workflows read (for this wiki folder) and planned."""
    root = Path(index) if Path(index).is_dir() else Path(index).parent
    return incremental.WorkflowRecords(root), incremental.Records("planned", incremental.KEEP_WORKFLOWS)


def _plan(
    index: Path,
    request: _Planning,
    progress: Progress,
    read: Any,
    planned: Any,
    select: Callable[[int], bool] | None = None,
) -> tuple[Wiki, list[RepoPlan]]:
    """plan_all with its caches given: read (parse.wiki.WorkflowCache) and planned, each with get, put and prune;
    select: the index entries to read, when not all (a worker planning its share of a wiki)."""
    mappings, wiki_date = request.mappings, request.wiki_date
    wiki = load_wiki(index, request.origins, read, select)
    tables = load_tables(mappings)
    shaping = json.dumps([incremental.mapping_digests(mappings), wiki_date])
    plans = []
    selected = _select(wiki, request.workflows, strict=select is None)
    sources = source_paths(wiki)
    progress(Tick("plan", 0, len(selected)))
    for done, workflow in enumerate(selected, start=1):
        key = _plan_key(workflow, shaping)
        earlier = planned.get(key)
        if isinstance(earlier, RepoPlan):  # the same workflow planned with the same options by an earlier run
            plans.append(replace(earlier, wiki=wiki))
            progress(Tick("plan", done, len(selected), workflow.short_name))
            continue
        try:
            plan = plan_workflow(wiki, workflow, tables, wiki_date, sources)
        except RecursionError:  # Python text nested beyond what its parser reads, found while binding
            reason = "text of this workflow is nested too deeply for Python's parser (thousands of nested operators or brackets)"
            plans.append(failed_plan(wiki, workflow, reason))
        except Exception as exc:  # a wiki shape no rule foresaw must not stop the other workflows
            reason = (
                f"genrepo could not plan this workflow ({type(exc).__name__}: {exc}); please report it with the wiki"
            )
            plans.append(failed_plan(wiki, workflow, reason))
        else:
            plans.append(plan)
            planned.put(key, replace(plan, wiki=_NO_WIKI))  # the wiki is this run's, given back on reuse
        progress(Tick("plan", done, len(selected), workflow.short_name))
    read.prune()
    planned.prune()
    if select is not None:  # a share of the wiki: its workflows are read and planned, the wiki's checks come later
        return wiki, plans
    seen: dict[str, str] = {}
    checked: list[RepoPlan] = []
    for plan in plans:
        key = plan.repo_name.lower()
        if key in seen and not plan.errors:
            clash = Diagnostic(
                f"repository name {plan.repo_name!r} is also used by workflow {seen[key]}", plan.workflow.ref
            )
            plan = replace(plan, errors=plan.errors + (clash,))
        seen.setdefault(key, plan.workflow.name)
        checked.append(plan)
    return wiki, apply_settings(checked, tuple(request.settings))


_NO_WIKI = Wiki(root="", index_path="", namespace="", workflows=())


def _plan_key(workflow: Workflow, shaping: str) -> str:
    """What a planned workflow depends on: the workflow as read (its dataclass text: equal workflows, equal
    text) and the options that shape planning (mapping files and their contents, --wiki-date)."""
    return hashlib.sha256(repr(workflow).encode("utf-8", "surrogateescape")).hexdigest() + shaping


def validate(
    index: Path,
    workflows: Iterable[str] = (),
    mappings: tuple[Path, ...] = (),
    origins: tuple[str, ...] = GITHUB_ORIGINS,
    settings: tuple[str, ...] = (),
) -> RunResult:
    """Parse and plan without writing; a workflow with errors is reported as fail."""
    wiki, plans = plan_all(index, workflows, mappings, origins, settings)
    results = tuple(
        WorkflowResult(
            p, "fail" if p.errors else "plan", files=planned_files(p), errors=tuple(str(e) for e in p.errors)
        )
        for p in plans
    )
    return RunResult(wiki, results, wiki.warnings)


def pin_plans(
    plans: list[RepoPlan], pinner: Pinner, jobs: int = 4, resolve: bool = True, progress: Progress = silent
) -> tuple[list[RepoPlan], dict[str, str]]:
    """Pin each plan's requirements, one resolution per distinct set, in parallel; returns the plans with
    their requirements.txt, and {workflow name: reason} for those whose resolution failed.

    With resolve=False (dry runs) no resolver runs: a set is pinned only when this run or the cache has it.
    """

    def wanted(plan: RepoPlan) -> tuple[tuple[str, ...], str]:
        """A resolution: the requirement set, as of the wiki's date (the pinner decides whether that counts)."""
        return plan.requirements, plan.workflow.last_updated

    sets = sorted({wanted(p) for p in plans if not p.errors})
    outcomes: dict[tuple[tuple[str, ...], str], PinResult | PinError | None] = {}
    progress(Tick("pin", 0, len(sets)))

    def resolve_one(
        key: tuple[tuple[str, ...], str],
    ) -> tuple[tuple[tuple[str, ...], str], PinResult | PinError | None]:
        requirements, last_updated = key
        if not resolve:
            return key, pinner.cached(requirements, last_updated)
        try:
            return key, pinner.pin(requirements, last_updated)
        except PinError as exc:
            return key, exc

    pool = ThreadPoolExecutor(max_workers=max(1, min(jobs, len(sets) or 1)))
    try:
        # as each resolution ends, not in submission order: the bar moves when work is done
        for done, future in enumerate(as_completed([pool.submit(resolve_one, s) for s in sets]), start=1):
            key, outcome = future.result()
            outcomes[key] = outcome
            requirements = key[0]
            progress(
                Tick("pin", done, len(sets), ", ".join(requirements[:3]) + (", ..." if len(requirements) > 3 else ""))
            )
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM as the CLI delivers it: no resolver outlives genrepo
        ended = end_resolvers()
        pool.shutdown(wait=True, cancel_futures=True)
        allow_resolvers()
        raise Interrupted(f"interrupted while pinning; ended {ended} resolver process group(s)") from None
    pool.shutdown(wait=True)
    pinned: list[RepoPlan] = []
    failures: dict[str, str] = {}
    for plan in plans:
        outcome = outcomes.get(wanted(plan))
        if isinstance(outcome, PinError) and resolve and _only_guesses_missing(plan, outcome):
            plan = _without_missing(plan, outcome.missing)
            outcomes.setdefault(wanted(plan), resolve_one(wanted(plan))[1])
            outcome = outcomes[wanted(plan)]
        if isinstance(outcome, PinResult):
            cut = pinner.options_for(plan.workflow.last_updated).exclude_newer
            note = f"pinned with {outcome.resolver}" + (f", releases up to the wiki's date ({cut[:10]})" if cut else "")
            plan = replace(plan, pinned=outcome.text, pin_note=note)
        elif isinstance(outcome, PinError):
            failures[plan.workflow.name] = str(outcome)
        elif not resolve and not plan.errors:
            plan = replace(plan, pin_note="not pinned: a dry run does not resolve, and no cached resolution matched")
        pinned.append(plan)
    return pinned, failures


def _only_guesses_missing(plan: RepoPlan, failure: PinError) -> bool:
    """Whether the resolution failed only for want of distributions nothing but an import's module name gave."""
    return bool(failure.missing) and set(failure.missing) <= set(plan.guessed)


def _without_missing(plan: RepoPlan, missing: tuple[str, ...]) -> RepoPlan:
    """The plan without requirements no distribution exists for (`from model import MLP`: `model`), saying so."""
    names = ", ".join(missing)
    warning = Diagnostic(
        f"no distribution is called {names}, which the examples import as a module; the requirement is dropped: "
        "a module of your own (put it beside the steps or on PYTHONPATH), or edit the import",
        plan.workflow.ref,
    )
    return replace(
        plan,
        requirements=tuple(r for r in plan.requirements if r not in missing),
        guessed=tuple(r for r in plan.guessed if r not in missing),
        warnings=(*plan.warnings, warning),
    )


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


def generate(index: Path, out_dir: Path, workflows: Iterable[str] = (), **options: Any) -> RunResult:
    """Generate one repository per workflow of one wiki into out_dir: generate_many() for one wiki, with the same
    keyword options."""
    return generate_many([(Path(index), Path(out_dir))], workflows, **options)[0]


def generate_many(
    targets: Iterable[tuple[Path, Path]],
    workflows: Iterable[str] = (),
    dry_run: bool = False,
    force: bool = False,
    progress: Progress = silent,
    pin: PinOptions | None = None,
    mappings: tuple[Path, ...] = (),
    jobs: int = 4,
    pinner: Pinner | None = None,
    resolve: bool = True,
    origins: tuple[str, ...] = GITHUB_ORIGINS,
    settings: tuple[str, ...] = (),
    workers: int | None = None,
    taken: dict[str, str] | None = None,
    diff: bool = False,
) -> list[RunResult]:
    """Generate one repository per workflow of each wiki; one workflow's failure does not stop the others.

    targets are (index, output folder) pairs, the same folder or one each. Every wiki is planned first, then every
    repository rendered, so the cores are shared across wikis (a call with many small wikis uses them all) and a
    wiki whose index cannot be read stops the call before anything is written. Results come in the order of
    targets, the same as one generate() per wiki.

    workers: processes planning and rendering (default: the cores; small wikis stay in this process).
    taken: repository names (lower case) -> who made them, shared by wikis generated into one folder: a name
    another wiki already used fails here instead of overwriting that wiki's repository (wikis of one call that
    share a folder always claim names).

    With pin options (or a pinner), requirements are compiled; without, requirements.txt says it is not pinned.
    resolve=False pins from the cache only and never runs a resolver (publish --dry-run). A dry run renders and
    decides exactly as the real run (create, unchanged, update, merge, conflict, refuse) and writes nothing.
    progress hears each stage's n/N (plan, pin, render); settings are `--set` values (generator/settings.py).
    diff: also give every new file's diff (all lines added); dry runs and updates always say what changes.
    """
    targets = [(Path(index), Path(out_dir)) for index, out_dir in targets]
    if taken is None and len({out_dir.resolve() for _, out_dir in targets}) < len(targets):
        taken = {}  # wikis sharing a folder: a repository name is claimed once, even when they render together
    options = pinner.options if pinner is not None else pin
    wiki_date = options is not None and options.wiki_date
    workflows = tuple(workflows)
    keys = [
        incremental.inputs_key(
            index, workflows, mappings, origins, {"settings": list(settings), "wiki_date": wiki_date}
        )
        for index, _ in targets
    ]
    request = _Planning(workflows, mappings, origins, settings, wiki_date)
    planned = _plan_wikis([index for index, _ in targets], keys, request, workers, progress)
    if pin is not None and pinner is None:
        pinner = Pinner(pin)
    groups: list[_Group] = []
    for (index, out_dir), (wiki, plans) in zip(targets, planned, strict=True):
        if taken is not None:
            plans = _claim_names(plans, taken, wiki)
        if not dry_run:
            writable_out_dir(out_dir)
        failures: dict[str, str] = {}
        if pinner is not None:
            plans, failures = pin_plans(plans, pinner, jobs, resolve and not dry_run, progress)
        else:
            plans = [replace(p, pin_note="generated with --no-pin") for p in plans]
        provenance = replay_provenance(wiki, index, options, mappings)
        groups.append(_Group(wiki, tuple(plans), failures, out_dir, provenance))
    outcomes = _render_all(groups, force, workers, dry_run, diff)
    runs: list[RunResult] = []
    try:
        for group in groups:
            results: list[WorkflowResult] = []
            progress(Tick("render", 0, len(group.plans)))
            for plan in group.plans:
                if plan.errors:
                    results.append(WorkflowResult(plan, "fail", errors=tuple(str(e) for e in plan.errors)))
                elif plan.workflow.name in group.failures:
                    results.append(WorkflowResult(plan, "fail", errors=(group.failures[plan.workflow.name],)))
                else:
                    results.append(_result(plan, next(outcomes)))
                progress(Tick("render", len(results), len(group.plans), plan.workflow.short_name))
            runs.append(RunResult(group.wiki, tuple(results), group.wiki.warnings))
    finally:
        outcomes.close()  # ends the worker pool, if one was started (batches not started yet never start)
    return runs


@dataclass(frozen=True)
class _Planning:
    """What plan_all is asked for every wiki of a call; picklable, for workers."""

    workflows: tuple[str, ...]
    mappings: tuple[Path, ...]
    origins: tuple[str, ...]
    settings: tuple[str, ...]
    wiki_date: bool


@dataclass(frozen=True)
class _Group:
    """One wiki of a call between planning and rendering."""

    wiki: Wiki
    plans: tuple[RepoPlan, ...]
    failures: dict[str, str]  # workflow name -> why pinning failed
    out_dir: Path
    provenance: Provenance

    def ready(self) -> list[RepoPlan]:
        return [p for p in self.plans if not p.errors and p.workflow.name not in self.failures]


def _plan_one(index: Path, request: _Planning, progress: Progress = silent) -> tuple[Wiki, list[RepoPlan]]:
    """plan_all for a request (a wiki planned whole goes through plan_all, the one entry point for planning)."""
    r = request
    return plan_all(index, r.workflows, r.mappings, r.origins, r.settings, progress, wiki_date=r.wiki_date)


class _Kept:
    """In a worker planning a share of a wiki: a cache read from the records of earlier runs, whose new entries
    are kept in memory for the parent (which stores them, as a run in one process would)."""

    def __init__(self, records: Any) -> None:
        self.records = records
        self.kept: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        return self.kept.get(key) or self.records.get(key)

    def put(self, key: str, value: object) -> None:
        self.kept[key] = value

    def fresh(self, key: str) -> bool:
        return key in self.kept

    def prune(self) -> None:
        pass


class _Given:
    """In the parent: what the workers read and planned this run, then the records of earlier runs. An entry taken
    from the workers is stored in the records too, so the next run finds it there."""

    def __init__(self, records: Any, given: dict[str, Any]) -> None:
        self.records, self.given = records, given
        self.stored: set[str] = set()

    def get(self, key: str) -> Any:
        if key not in self.given:
            return self.records.get(key)
        if key not in self.stored:
            self.records.put(key, self.given[key])
            self.stored.add(key)
        return self.given[key]

    def fresh(self, key: str) -> bool:
        return key in self.given  # read by a worker of this run: as current as anything this run reads

    def put(self, key: str, value: object) -> None:
        self.records.put(key, value)

    def prune(self) -> None:
        self.records.prune()


def _plan_share(index: Path, request: _Planning, share: int, shares: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read and plan every `shares`-th workflow of a wiki, from the `share`-th on; (workflows read, plans) by key."""
    read, planned = (_Kept(records) for records in _records(index))
    _plan(index, request, silent, read, planned, select=lambda position: position % shares == share)
    return read.kept, planned.kept


def _plan_wikis(
    indexes: list[Path], keys: list[str], request: _Planning, workers: int | None, progress: Progress
) -> list[tuple[Wiki, list[RepoPlan]]]:
    """Each wiki's (wiki, plans), from the cache when its inputs are unchanged (no page is parsed again), else
    planned: in worker processes, a wiki each, when several wikis need it; the first wiki that cannot be read
    raises (in the order given, as planning them one by one would)."""
    found: list[Any] = []
    for key in keys:
        cached = incremental.load_plans(key)
        if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], Wiki):
            found.append(cached if isinstance(cached[1], list) else None)
        else:
            found.append(None)
    todo = [n for n, item in enumerate(found) if item is None]
    cores = workers or os.cpu_count() or 1
    count = min(cores, len(todo))
    forks = "fork" in multiprocessing.get_all_start_methods()
    if 1 <= len(todo) < cores and forks:  # fewer wikis than cores: large ones are planned in shares
        for n in todo:
            found[n] = _plan_in_shares(indexes[n], request, cores, progress)
    elif count >= 2 and forks:
        progress(Tick("plan", 0, len(todo)))
        with _workers(count, _planning_worker, "reading a wiki", end_now=True) as pool:
            # the largest wikis first, so no worker is left with a large one at the end while the other idles
            futures = {n: pool.submit(_plan_one, indexes[n], request) for n in sorted(todo, key=_weight(indexes))}
            _compile_template()  # while the workers plan: render workers forked later inherit it
            for done, n in enumerate(todo, start=1):
                found[n] = futures[n].result()
                progress(Tick("plan", done, len(todo), found[n][0].namespace))
    else:
        for n in todo:
            found[n] = _plan_one(indexes[n], request, progress)
    for n in todo:
        incremental.store_plans(keys[n], found[n])
    return found


def _result(plan: RepoPlan, rendered: RenderResult | str) -> WorkflowResult:
    """A workflow's result from what rendering did, or from the reason it failed."""
    if isinstance(rendered, str):
        return WorkflowResult(plan, "fail", errors=(rendered,))
    errors = (rendered.detail,) if rendered.action == "refuse" else ()
    return WorkflowResult(
        plan,
        str(rendered.action),
        rendered.path,
        rendered.files,
        errors,
        rendered.conflicts,
        rendered.merged,
        rendered.kept,
        rendered.notes,
        rendered.diff,
        rendered.backup,
        "" if errors else rendered.detail,
    )


def _claim_names(plans: list[RepoPlan], taken: dict[str, str], wiki: Wiki) -> list[RepoPlan]:
    """Plans whose repository name an earlier wiki of this call took become errors; the others claim theirs."""
    claimed: list[RepoPlan] = []
    for plan in plans:
        key = plan.repo_name.lower()
        owner = taken.get(key)
        if owner is not None and not plan.errors:
            clash = Diagnostic(
                f"repository name {plan.repo_name!r} is also used by {owner} in this run", plan.workflow.ref
            )
            plan = replace(plan, errors=plan.errors + (clash,))
        elif not plan.errors:
            taken[key] = f"workflow {plan.workflow.name} of {wiki.root}/{wiki.index_path}"
        claimed.append(plan)
    return claimed


PARALLEL_FROM = 8  # fewer workflows than this render in this process: starting workers would cost more
BATCH = 8  # repositories rendered together: one `ruff format` for all; progress is reported between batches


@dataclass(frozen=True)
class _Batch:
    """Planned workflows rendered together (from one wiki or several) with the same options."""

    items: tuple[Request, ...]
    force: bool
    dry_run: bool
    diff: bool = True


def _render_batch(batch: _Batch) -> list[RenderResult | str]:
    """Each item's outcome in order: unchanged when its folder already holds exactly this output, else rendered
    (the others together: render.render_requests); a failure as its reason, never raised."""
    outcomes: list[RenderResult | str] = []
    todo: list[tuple[int, Request, str]] = []
    for item in batch.items:
        plan, provenance = item.plan, item.provenance
        rendered_key = _rendered_key(plan, provenance)
        target = (item.out_dir / plan.repo_name).resolve()
        files = incremental.intact(rendered_key, target, MANIFEST, PENDING)
        if files is not None and target.parent == item.out_dir.resolve():
            outcomes.append(RenderResult(target, "unchanged", files))
        else:
            outcomes.append("")
            todo.append((len(outcomes) - 1, item, rendered_key))
    rendered = render_requests([item for _, item, _ in todo], batch.force, batch.dry_run, batch.diff)
    for (at, item, rendered_key), outcome in zip(todo, rendered, strict=True):
        outcomes[at] = _outcome(item.plan, batch.dry_run, rendered_key, outcome)
    return outcomes


def _rendered_key(plan: RepoPlan, provenance: Provenance | None) -> str:
    """The render cache key of one repository: its plan without the wiki, and what of the wiki and the run the
    rendered files or the state beside them record."""
    wiki = plan.wiki
    rendering = {
        "wiki": [Path(wiki.root).name, wiki.index_path],
        "files": [] if plan.workflow.files else [[f.path, f.sha256] for f in wiki.files],  # the manifest's fallback
        "provenance": [provenance.options, provenance.wiki_commit, provenance.index, list(provenance.mappings)]
        if provenance
        else None,
    }
    return incremental.render_key(repr(replace(plan, wiki=_NO_WIKI)), rendering)


def _outcome(
    plan: RepoPlan, dry_run: bool, rendered_key: str, outcome: RenderResult | GenrepoError | OSError
) -> RenderResult | str:
    if isinstance(outcome, GenrepoError):
        return str(outcome)
    if isinstance(outcome, OSError):  # disk full, permissions changed underneath: this workflow fails, said plainly
        where = f" ({outcome.filename})" if outcome.filename else ""
        return f"cannot write {plan.repo_name}: {outcome.strerror or outcome}{where}"
    if not dry_run and outcome.action not in ("refuse", "conflict"):
        incremental.remember_render(rendered_key, outcome.path, MANIFEST)
    return outcome


def _ignore_interrupts() -> None:
    """In a render worker: Ctrl-C is the parent's to handle (it cancels the batches not started); a batch that
    has started finishes whole, so no worker is stopped half-way with scratch folders left behind."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _plan_in_shares(index: Path, request: _Planning, workers: int, progress: Progress) -> tuple[Wiki, list[RepoPlan]]:
    """Plan one wiki with its workflows shared out to worker processes (every `workers`-th workflow each), then
    gather their work in this process as a run here would have done it: the same wiki, plans, warnings and checks,
    with what the workers read and planned taken as if from the cache. A wiki listing fewer than PARALLEL_FROM
    workflows is planned here: starting workers would cost more."""
    entries = count_entries(index)
    if entries < PARALLEL_FROM:
        return _plan_one(index, request, progress)
    shares = min(workers, entries)
    read: dict[str, Any] = {}
    planned: dict[str, Any] = {}
    progress(Tick("plan", 0, entries))  # counted in workflows, as a run in one process counts them
    with _workers(shares, _planning_worker, "reading a wiki", end_now=True) as pool:
        futures = [pool.submit(_plan_share, index, request, share, shares) for share in range(shares)]
        _compile_template()  # while the workers plan: render workers forked later inherit it
        done = 0
        for share, future in enumerate(futures):
            kept_read, kept_planned = future.result()
            read.update(kept_read)
            planned.update(kept_planned)
            done += len(range(share, entries, shares))
            progress(Tick("plan", done, entries))
    records_read, records_planned = _records(index)
    gathered = _plan(index, request, silent, _Given(records_read, read), _Given(records_planned, planned))
    progress(Tick("plan", len(gathered[1]), len(gathered[1])))
    return gathered


@contextmanager
def _workers(count: int, initializer: Callable[[], None], doing: str, end_now: bool) -> Iterator[Any]:
    """Forked worker processes. On Ctrl-C, SIGTERM, an error or an early stop, work not started never starts, and
    with end_now the workers are ended at once rather than waited for (planning workers write nothing: the parent
    stores what they made); a worker that dies (out of memory) is said plainly."""
    from concurrent.futures import ProcessPoolExecutor  # 40 ms to import: only when workers start
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=initializer)
    try:
        yield pool
    except BrokenProcessPool:
        _end_workers(pool, end_now)
        raise GenrepoError(
            f"a worker process {doing} ended unexpectedly (out of memory?); run again with --jobs 1"
        ) from None
    except BaseException:
        _end_workers(pool, end_now)
        raise
    pool.shutdown(wait=True)


def _planning_worker() -> None:
    """In a planning worker: Ctrl-C and SIGTERM are the parent's to handle (it ends the workers); the CLI's
    SIGTERM handler, inherited through fork, is undone."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _end_workers(pool: Any, now: bool) -> None:
    """Let a pool wind down with nothing not started yet starting; with now, its processes are stopped first."""
    if now:
        processes = getattr(pool, "_processes", None) or {}  # ProcessPoolExecutor's own table of its workers
        for process in list(processes.values()):
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


_WEIGHED = 5000  # files looked at to rank a wiki by size


def _weight(indexes: list[Path]) -> Callable[[int], int]:
    """A sort key putting the wikis with the most bytes of pages first (a wiki's planning time follows its size)."""

    def size(n: int) -> int:
        index = indexes[n]
        root = index if index.is_dir() else index.parent
        total = seen = 0
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files[: _WEIGHED - seen]:
                try:
                    total += os.lstat(os.path.join(folder, name)).st_size
                except OSError:
                    continue
            seen += len(files)
            if seen >= _WEIGHED:  # a wiki inside a huge folder: enough to rank it
                break
        return -total

    return size


def _compile_template() -> None:
    from generator.render import template_dir
    from generator.template import compiled

    compiled(template_dir())


def _render_all(
    groups: list[_Group], force: bool, workers: int | None, dry_run: bool, diff: bool = True
) -> Generator[RenderResult | str, None, None]:
    """Each ready plan's outcome, group by group in plan order; in worker processes when there are enough
    workflows, whichever wiki they come from.

    Workflows are independent and each writes only its own folder, so the output is the same either way
    (tests/test_parallel.py); results come back in plan order whatever finishes first."""
    items = [Request(plan, g.out_dir, g.provenance) for g in groups for plan in g.ready()]
    workers = min(workers or os.cpu_count() or 1, len(items))
    parallel = workers >= 2 and len(items) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods()
    batches = [_Batch(tuple(share), force, dry_run, diff) for share in _shares(items, workers if parallel else 1)]
    if not parallel:
        for batch in batches:
            yield from _render_batch(batch)
        return
    _compile_template()  # once, before the fork: every worker inherits the compiled template
    # a batch that has started finishes whole (no scratch folder left half-made); batches not started never start
    doing = "rendering repositories (what it had not finished is left in .genrepo-* folders under the output folder)"
    with _workers(workers, _ignore_interrupts, doing, end_now=False) as pool:
        for outcomes in pool.map(_render_batch, batches):
            yield from outcomes


def _shares(items: list[Request], workers: int) -> list[list[Request]]:
    """items cut into batches of at most BATCH, in order, as even as can be: with workers, at least two batches a
    worker and a multiple of the workers (7 batches on 2 workers left one worker idle through the last)."""
    count = -(-len(items) // BATCH)
    if workers > 1:
        count = min(len(items), -(-max(count, 2 * workers) // workers) * workers)
    size, extra = divmod(len(items), max(count, 1))
    shares, at = [], 0
    for n in range(count):
        end = at + size + (1 if n < extra else 0)
        shares.append(items[at:end])
        at = end
    return shares


def wiki_commit(root: Path) -> str | None:
    """The wiki's git commit, when the wiki folder is the top of a git work tree whose files are all committed
    (a wiki repository): then the commit names the input exactly. A wiki inside a larger repository, or with
    uncommitted changes, has none, so output never depends on where the wiki lives."""

    def git(*args: str) -> str | None:
        env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=False)
        return done.stdout.strip() if done.returncode == 0 else None

    top = git("rev-parse", "--show-toplevel")
    if top is None or Path(top).resolve() != Path(root).resolve() or git("status", "--porcelain"):
        return None
    return git("rev-parse", "HEAD")


def replay_provenance(wiki: Wiki, index: Path, pin: PinOptions | None, mappings: tuple[Path, ...]) -> Provenance:
    """What `genrepo update DIR` needs to run again as this run did: the options that shape the output
    (portable, in .genrepo.json) and where the index and mapping files are (local, in .genrepo/source.json)."""
    options = {
        "pin": pin is not None,
        "resolver": pin.resolver if pin else None,
        "hashes": pin.hashes if pin else None,
        "python": pin.python_version if pin else None,
        "allow_sdist_builds": pin.allow_sdist_builds if pin else False,
        "wiki_date": bool(pin and pin.wiki_date),
        "mappings": [
            {"name": Path(m).name, "sha256": hashlib.sha256(Path(m).read_bytes()).hexdigest()} for m in mappings
        ],
    }
    index_file = Path(wiki.root) / wiki.index_path
    return Provenance(
        options,
        wiki_commit(Path(wiki.root)),
        str(index_file.resolve()),
        tuple(str(Path(m).resolve()) for m in mappings),
    )


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

    def report(self) -> dict[str, Any]:
        return {
            "generated": self.generated.report(),
            "published": [
                {
                    "workflow": r.workflow,
                    "repo": r.repo,
                    "action": r.action,
                    "url": r.url,
                    "repo_url": r.repo_url,
                    "detail": r.detail,
                    "commit": r.commit,
                    "replaced": list(r.replaced),
                    "diff": list(r.diff),
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
    progress: Progress = silent,
    settings: tuple[str, ...] = (),
) -> PublishRun:
    """Generate (into out_dir, or a scratch folder for a dry run) and publish each workflow's repository;
    progress hears n/N of each stage (plan, pin, render, publish)."""
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
            index,
            target,
            names,
            force=force_render,
            pin=pin,
            mappings=mappings,
            resolve=not options.dry_run,
            origins=origins,
            progress=progress,
            settings=settings,
        )
        ready = [r for r in generated.results if r.ok and r.output_dir is not None]

        def one(item: WorkflowResult) -> PublishResult:
            assert item.output_dir is not None  # ready holds only workflows that were written
            return publish_one(item.plan, item.output_dir, client, token, options)

        progress(Tick("publish", 0, len(ready)))
        with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
            futures = [pool.submit(one, item) for item in ready]
            for done, future in enumerate(as_completed(futures), start=1):
                progress(Tick("publish", done, len(ready), future.result().repo))
            results = tuple(f.result() for f in futures)  # in index order, whatever order they finished in
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


@dataclass(frozen=True)
class Replay:
    """How a generated folder was made, read back from its manifest: enough to run the same generation again."""

    repo: Path
    manifest: dict[str, Any]
    index: Path
    workflow: str
    mappings: tuple[Path, ...]
    pin: PinOptions | None


def read_replay(repo: Path) -> Replay:
    """The recorded run of a generated folder (.genrepo.json, and .genrepo/source.json for where the wiki is)."""
    from generator.render import MANIFEST, SOURCE

    repo = Path(repo)
    try:
        data = json.loads((repo / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise UserError(f"{repo}: no readable {MANIFEST}; it is not a folder genrepo generated") from None
    try:
        source = json.loads((repo / SOURCE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise UserError(
            f"{repo}: {SOURCE} is missing, so where the wiki is is unknown here; "
            f"run `genrepo from-index PATH/_WorkflowIndex.md --out {repo.parent}` once"
        ) from None
    options = data.get("options") or {}
    pin = None
    if options.get("pin"):
        pin = PinOptions(
            resolver=options.get("resolver") or "pip-tools",
            hashes=bool(options.get("hashes", True)),
            allow_sdist_builds=bool(options.get("allow_sdist_builds")),
            wiki_date=bool(options.get("wiki_date")),
            **({"python_version": options["python"]} if options.get("python") else {}),
        )
    index = Path(source.get("index", ""))
    if not index.is_file():
        raise UserError(f"{repo}: the wiki index recorded in {SOURCE} ({index}) is not there any more")
    return Replay(
        repo,
        data,
        index,
        data.get("workflow", {}).get("name", ""),
        tuple(Path(m) for m in source.get("mappings", [])),
        pin,
    )


def update_repo(repo: Path, dry_run: bool = False, force: bool = False, diff: bool = False) -> RunResult:
    """`genrepo update DIR` (and `diff DIR` as a dry run): regenerate one folder as its manifest says it was made."""
    replay = read_replay(repo)
    repo_name = replay.manifest.get("repo", {}).get("name")
    if repo_name and repo_name != Path(repo).resolve().name:
        raise UserError(f"{repo}: the folder was generated as {repo_name}; rename it back to update it")
    return generate(
        replay.index,
        Path(repo).resolve().parent,
        [replay.workflow] if replay.workflow else [],
        dry_run=dry_run,
        force=force,
        pin=replay.pin,
        mappings=replay.mappings,
        origins=_recorded_origins(replay.manifest),
        diff=diff,
    )


def _recorded_origins(manifest: dict[str, Any]) -> tuple[str, ...]:
    """github.com, and the host of the repository URL the manifest records (a GitHub Enterprise server)."""
    url = urlsplit(manifest.get("repo", {}).get("remote_url") or "")
    if url.scheme in ("http", "https") and url.netloc:
        return tuple(dict.fromkeys((*GITHUB_ORIGINS, f"{url.scheme}://{url.netloc.lower()}")))
    return GITHUB_ORIGINS


def check_repo(repo: Path) -> list[str]:
    """Why a generated folder is behind (empty when current): wiki files whose hash changed or that are gone,
    a different wiki commit, or another genrepo version."""
    from generator import __version__

    replay = read_replay(repo)
    reasons: list[str] = []
    root = replay.index.parent
    for entry in replay.manifest.get("wiki", {}).get("files", []):
        path = root / entry.get("path", "")
        if not path.is_file():
            reasons.append(f"wiki file {entry.get('path')} is gone")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != entry.get("sha256"):
            reasons.append(f"wiki file {entry.get('path')} changed since generation")
    recorded = replay.manifest.get("wiki", {}).get("commit")
    current = wiki_commit(root)
    if recorded and current and recorded != current:
        reasons.append(f"the wiki is at commit {current[:12]}, generated from {recorded[:12]}")
    version = replay.manifest.get("generator", {}).get("version")
    if version != __version__:
        reasons.append(f"generated by genrepo {version}, this is genrepo {__version__}")
    return reasons
