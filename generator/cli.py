"""The typer command line: options in, one pipeline call, results out. The only module that prints or exits.
Every option is declared once, in generator/options.py; each command builds frozen options objects from them."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich.console import Console

from generator import __version__, summary
from generator import options as opt
from generator.errors import GenrepoError, Interrupted, ParseError, UserError
from generator.naming import github_origins

if TYPE_CHECKING:  # the pipeline, its parsers, cookiecutter and the GitHub libraries load when a command needs them
    from generator.pin import PinOptions
    from generator.pipeline import RunResult, WorkflowResult
    from generator.publish import PublishOptions

# plain help: typer's rich help pulls in rich.markdown and markdown-it, a third of the start-up time
app = typer.Typer(
    add_completion=False, rich_markup_mode=None, help="Generate one runnable repository per wiki workflow."
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _show_version(value: bool) -> None:
    if value:
        out.print(__version__, markup=False)
        raise typer.Exit(0)


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Generate one runnable repository per wiki workflow."""
    if ctx.invoked_subcommand is None:  # bare `genrepo`: the help, and success
        out.print(ctx.get_help(), markup=False)
        raise typer.Exit(0)


def _fail(exc: GenrepoError) -> None:
    code = 130 if isinstance(exc, Interrupted) else 2 if isinstance(exc, (UserError, ParseError)) else 1
    err.print(f"error: {exc}", markup=False)
    raise typer.Exit(code)


def _warned(pin: PinOptions | None) -> PinOptions | None:
    """The pin options a command's flags stand for, with a warning when source builds are allowed."""
    if pin is not None and pin.allow_sdist_builds:
        from generator.pin import SDIST_RISK

        err.print(
            f"warning: --allow-sdist-builds: {SDIST_RISK}; tokens and secret-named variables are still "
            "withheld from it",
            markup=False,
        )
    return pin


def _publish_options(
    owner: str | None,
    private: bool,
    api_url: str,
    token_env: str | None,
    dry_run: bool,
    pr: bool,
    merge: bool,
    force_publish: bool,
    write_back: bool,
    jobs: int | None,
    shard: str,
) -> PublishOptions:
    from generator.publish import PublishOptions  # GitPython and PyGithub only when publishing

    return PublishOptions(
        owner=owner,
        private=private,
        api_url=api_url,
        token_env=token_env,
        dry_run=dry_run,
        pr=pr,
        merge=merge,
        force=force_publish,
        write_back=write_back,
        jobs=min(jobs or 2, 16),
        shard=_shard(shard),
    )


def _annotate(report: dict[str, Any], wiki_root: str, stream: Console) -> None:
    """In GitHub Actions, each diagnostic and unbound step as a `::warning file=…,line=…::` annotation at its
    wiki line (paths relative to the checkout, the working directory). GENREPO_ANNOTATIONS=never turns them off
    (the Action emits them itself, from the report, with `genrepo summary --annotations`)."""
    if os.environ.get("GITHUB_ACTIONS") != "true" or os.environ.get("GENREPO_ANNOTATIONS") == "never":
        return
    try:
        wiki_dir = os.path.relpath(wiki_root, os.environ.get("GITHUB_WORKSPACE") or os.getcwd())
    except ValueError:  # another drive (Windows): the absolute path
        wiki_dir = wiki_root
    for line in summary.annotations(report, "" if wiki_dir == "." else wiki_dir):
        stream.print(line, markup=False, soft_wrap=True)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


WRITES_LEFT = (
    "every new repository is moved into place whole or not at all, and an update cut short is finished by the "
    "next run; run the same command again to finish (what is already written is found unchanged)"
)


@contextmanager
def _interruptible(left: str) -> Iterator[None]:
    """Ctrl-C, and SIGTERM taking the same path (so resolvers genrepo started are ended and reported, not
    orphaned), end the command as an Interrupted error (exit 130) saying what the run left and how to go on,
    rather than typer's silent exit; an Interrupted raised inside (while pinning) keeps its own words."""
    try:
        previous = [signal.signal(signal.SIGTERM, _raise_interrupt)]
    except ValueError:  # not the main thread (an embedding application): leave signals alone
        previous = []
    try:
        yield
    except KeyboardInterrupt:
        raise Interrupted(f"interrupted: {left}") from None
    finally:
        for handler in previous:
            signal.signal(signal.SIGTERM, handler)


def _print_update(item: WorkflowResult, dry_run: bool) -> None:
    """What a three-way update did (or would do) beyond the verb: conflicts, merges, kept edits, backups."""
    would = "would be " if dry_run else ""
    for path in item.conflicts:
        out.print(
            f"          conflict: {path} ({would}left with conflict markers: resolve them, then run again)",
            markup=False,
        )
    for path in item.merged:
        out.print(f"          merged: {path} (your edits and the wiki's changes)", markup=False)
    for path in item.kept:
        out.print(f"          kept: {path} (your edits)", markup=False)
    for note in item.notes:
        out.print(f"          note: {note}", markup=False)
    if item.backup is not None:
        out.print(f"          saved what --force replaced in {item.backup}", markup=False)
    elif item.detail:
        out.print(f"          {item.detail}", markup=False)


def _print_result(result: RunResult, dry_run: bool, show_diff: bool = False) -> None:
    from generator.bind import Status

    for warning in result.warnings:
        err.print(f"warning: {warning}", markup=False)
    for item in result.results:
        plan = item.plan
        where = f" -> {item.output_dir}" if item.output_dir else ""
        out.print(f"{item.action:<9} {plan.workflow.short_name} ({plan.repo_name}){where}", markup=False)
        if dry_run:
            out.print(
                f"          url: {plan.remote_url or 'none (' + plan.workflow.github_url_status + ')'}", markup=False
            )
            for n, sp in enumerate(plan.steps, start=1):
                status = "bound" if sp.binding.bound else "needs implementation"
                out.print(
                    f"          step {n}: {sp.step.title} [{sp.binding.kind}, {status}] -> {sp.file}", markup=False
                )
            out.print(f"          files: {len(item.files)} ({', '.join(item.files[:6])}, ...)", markup=False)
            out.print(f"          requirements: {', '.join(plan.requirements) or 'none'}", markup=False)
            if plan.prerequisites:
                out.print(f"          prerequisites: {'; '.join(plan.prerequisites)}", markup=False)
        for warning in plan.warnings:
            err.print(f"          warning: {warning}", markup=False)
        for error in item.errors:
            err.print(f"          error: {error}", markup=False)
        _print_update(item, dry_run)
        if item.ok:
            bound, stub, manual = (plan.count(s) for s in (Status.BOUND, Status.STUB, Status.MANUAL))
            state = "" if plan.executable else " -- NOT EXECUTABLE: no step is bound to a call"
            out.print(
                f"          steps: {bound} bound, {stub} need implementation, {manual} manual{state}", markup=False
            )
            if plan.required_keys:
                out.print(f"          set in config.toml: {', '.join(plan.required_keys)}", markup=False)
            for sp in plan.steps:
                if sp.binding.status is Status.STUB:
                    out.print(f"          implement: src/{plan.package_name}/{sp.file} ({sp.step.ref})", markup=False)
                elif sp.binding.status is Status.MANUAL:
                    out.print(f"          manual: step {sp.step.number} {sp.step.title} ({sp.step.ref})", markup=False)
            for command in item.next_steps():
                out.print(f"          next: {command}", markup=False)
    if show_diff:
        for item in result.results:
            for line in item.diff:
                out.print(line, markup=False)
    counts: dict[str, int] = {}
    for item in result.results:
        counts[item.action] = counts.get(item.action, 0) + 1
    tally = ", ".join(f"{n} {a}" for a, n in sorted(counts.items())) or "no workflows"
    idle = sum(1 for r in result.results if r.ok and not r.executable)
    out.print(
        f"{len(result.results)} workflow(s): {tally}" + (f"; {idle} not executable" if idle else ""), markup=False
    )


@app.command("from-index")
def from_index(
    index: Annotated[
        list[Path],
        typer.Argument(help="One or more wikis: _WorkflowIndex.md files (or their folders).", show_default=False),
    ],
    out_dir: opt.Out = Path("generated"),
    workflow: opt.Workflows = None,
    settings: opt.Set = None,
    dry_run: opt.DryRun = False,
    show_diff: opt.Diff = False,
    as_json: opt.Json = False,
    force: opt.Force = False,
    no_pin: opt.NoPin = False,
    resolver: opt.ResolverOpt = opt.DEFAULT,
    no_hashes: opt.NoHashes = False,
    wiki_date: opt.WikiDate = False,
    allow_sdist_builds: opt.Sdist = False,
    cache_dir: opt.CacheDir = None,
    mapping: opt.Mapping = None,
    jobs: opt.Jobs = None,
    api_url: opt.ApiUrl = "https://api.github.com",
    publish_too: Annotated[
        bool, typer.Option("--publish", help="Then publish each repository (see `genrepo publish`).")
    ] = False,
    owner: opt.Owner = None,
    private: opt.Private = True,
    token_env: opt.TokenEnv = None,
    pr: opt.Pr = False,
    merge: opt.Merge = False,
    force_publish: opt.ForcePublish = False,
    write_back: opt.WriteBack = False,
    shard: opt.Shard = "1/1",
) -> None:
    """Generate one repository per workflow of one or more wikis (and, with --publish, publish them)."""
    pin = _warned(opt.pin_options(no_pin, resolver, no_hashes, wiki_date, allow_sdist_builds, cache_dir, token_env))
    if publish_too:
        if len(index) > 1:
            err.print("error: --publish takes one wiki at a time", markup=False)
            raise typer.Exit(2)
        options = _publish_options(
            owner, private, api_url, token_env, dry_run, pr, merge, force_publish, write_back, jobs, shard
        )
        _publish(
            index[0], out_dir, workflow, options, pin, mapping, as_json, settings=tuple(settings or ()), force=force
        )
    from generator.bars import shown
    from generator.pipeline import generate_many

    run: dict[str, Any] = dict(
        dry_run=dry_run,
        force=force,
        pin=pin,
        mappings=tuple(mapping or ()),
        jobs=jobs or 4,
        workers=jobs,
        origins=github_origins(api_url),
        settings=tuple(settings or ()),
        diff=show_diff,
    )
    if not dry_run:
        run["taken"] = {}  # several wikis into one folder: a repository name is claimed once
    try:
        left = "nothing was written (dry run)" if dry_run else WRITES_LEFT
        with _interruptible(left), shown(err, quiet=as_json or dry_run) as progress:
            # several wikis in one call: start-up is paid once, and the cores are shared across the wikis
            targets = [(one, out_dir) for one in index]
            results = generate_many(targets, workflow or (), progress=progress, **run)
    except GenrepoError as exc:
        _fail(exc)
        return
    reports = [result.report() for result in results]
    if as_json:
        payload = reports[0] if len(reports) == 1 else {"wikis": reports}
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    else:
        if dry_run:
            err.print("dry run: nothing was written; each action is what a real run would do", markup=False)
        for result in results:
            _print_result(result, dry_run, show_diff)
    for result, report in zip(results, reports, strict=True):
        _annotate(report, result.wiki.root, err if as_json else out)
    raise typer.Exit(max(result.exit_code for result in results))


def _shard(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        err.print(f"error: --shard takes I/N with 1 <= I <= N, not {text!r}", markup=False)
        raise typer.Exit(2)
    return int(m.group(1)), int(m.group(2))


def _publish(
    index: Path,
    out_dir: Path,
    workflow: list[str] | None,
    options: PublishOptions,
    pin: PinOptions | None,
    mapping: list[Path] | None,
    as_json: bool,
    report: Path | None = None,
    settings: tuple[str, ...] = (),
    force: bool = False,
) -> None:
    from rich.table import Table

    from generator.bars import shown
    from generator.pipeline import publish

    try:
        left = (
            "nothing was written or pushed (dry run)"
            if options.dry_run
            else f"{WRITES_LEFT}; a push lands whole or not at all"
        )
        with _interruptible(left), shown(err, quiet=as_json) as progress:
            run = publish(
                index,
                out_dir,
                options,
                workflow or (),
                pin=pin,
                mappings=tuple(mapping or ()),
                progress=progress,
                settings=settings,
                force_render=force,
            )
    except GenrepoError as exc:
        _fail(exc)
        return
    data = run.report()
    if report is not None:
        report.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _annotate(data, run.generated.wiki.root, err if as_json else out)
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        raise typer.Exit(run.exit_code)
    for item in run.generated.results:
        if not item.ok:
            err.print(f"fail      {item.plan.workflow.short_name}: {'; '.join(item.errors)}", markup=False)
    table = Table(title="dry run: nothing was changed" if options.dry_run else None, show_lines=False)
    for column in ("action", "workflow", "repository", "detail"):
        table.add_column(column, overflow="fold")
    for result in run.results:
        verb = (
            f"would {result.action}"
            if result.dry_run and result.action not in ("unchanged", "refuse", "fail")
            else result.action
        )
        table.add_row(verb, result.workflow, result.url or result.repo, result.detail)
    out.print(table)
    for result in run.results:
        if result.diff and (options.dry_run or result.action in ("refuse",)):
            out.print(f"{result.repo}:", markup=False)
            for line in result.diff[:200]:
                out.print(f"  {line}", markup=False)
        for replaced in result.replaced:
            out.print(
                f"{result.repo}: {'would replace' if options.dry_run else 'not made by genrepo'}: {replaced}",
                markup=False,
            )
    for path in run.written_back:
        out.print(f"wrote the URL back into {path}", markup=False)
    counts = run.counts()
    out.print(
        ", ".join(
            f"{counts[k]} {label}"
            for k, label in (
                ("create", "created"),
                ("update", "updated"),
                ("unchanged", "unchanged"),
                ("pr", "pull requests"),
                ("refuse", "refused"),
                ("fail", "failed"),
            )
        ),
        markup=False,
    )
    raise typer.Exit(run.exit_code)


@app.command("publish")
def publish_cmd(
    index: opt.Index,
    out_dir: opt.Out = Path("generated"),
    workflow: opt.Workflows = None,
    dry_run: opt.DryRun = False,
    as_json: opt.Json = False,
    report: opt.Report = None,
    force: opt.Force = False,
    no_pin: opt.NoPin = False,
    resolver: opt.ResolverOpt = opt.DEFAULT,
    no_hashes: opt.NoHashes = False,
    wiki_date: opt.WikiDate = False,
    allow_sdist_builds: opt.Sdist = False,
    cache_dir: opt.CacheDir = None,
    mapping: opt.Mapping = None,
    jobs: opt.Jobs = None,
    api_url: opt.ApiUrl = "https://api.github.com",
    owner: opt.Owner = None,
    private: opt.Private = True,
    token_env: opt.TokenEnv = None,
    pr: opt.Pr = False,
    merge: opt.Merge = False,
    force_publish: opt.ForcePublish = False,
    write_back: opt.WriteBack = False,
    shard: opt.Shard = "1/1",
) -> None:
    """Generate and publish every workflow's repository to the GitHub URL its wiki cites."""
    options = _publish_options(
        owner, private, api_url, token_env, dry_run, pr, merge, force_publish, write_back, jobs, shard
    )
    # a dry run reads the cache only
    pin = _warned(opt.pin_options(no_pin, resolver, no_hashes, wiki_date, allow_sdist_builds, cache_dir, token_env))
    _publish(index, out_dir, workflow, options, pin, mapping, as_json, report, force=force)


@app.command("validate")
def validate_cmd(
    index: opt.Index,
    workflow: opt.Workflows = None,
    as_json: opt.Json = False,
    mapping: opt.Mapping = None,
    api_url: opt.ApiUrl = "https://api.github.com",
) -> None:
    """Report, per workflow, what was found and what is missing, with file:line."""
    from generator.pipeline import validate

    try:
        result = validate(index, workflow or (), tuple(mapping or ()), origins=github_origins(api_url))
    except GenrepoError as exc:
        _fail(exc)
        return
    data = result.report()
    _annotate(data, result.wiki.root, err if as_json else out)
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        raise typer.Exit(result.exit_code)
    for warning in result.warnings:
        out.print(f"warning: {warning}", markup=False)
    for item in result.results:
        wf = item.plan.workflow
        status = "FAIL" if item.errors else ("ok" if item.executable else "NOT EXECUTABLE")
        out.print(f"{status:<4} {wf.name}  ({wf.ref})", markup=False)
        if not item.errors and not item.executable:
            out.print(
                "     no step is bound to a call: running the repository would do nothing until a step is implemented",
                markup=False,
            )
        out.print(
            f"     page: {wf.page_path or 'missing'}; steps: {len(wf.steps)} from {wf.steps_from}; url: {wf.github_url or wf.github_url_status}",
            markup=False,
        )
        bindings = {sp.step.ref: sp.binding for sp in item.plan.steps}
        for step in wf.steps:
            missing = [
                label
                for label, value in (
                    ("API", step.api_call),
                    ("source", step.source_location),
                    ("description", step.description),
                    ("implementation page", step.implementation),
                )
                if not value
            ]
            binding = bindings.get(step.ref)
            state = f" [{binding.kind}, {binding.status}]" if binding is not None else ""
            line = f"     step {step.number}: {step.title} ({step.ref}){state}"
            if missing:
                line += f" missing: {', '.join(missing)}"
            out.print(line, markup=False)
        for warning in item.plan.warnings:
            out.print(f"     warning: {warning}", markup=False)
        for error in item.errors:
            out.print(f"     error: {error}", markup=False)
    failed = sum(1 for r in result.results if r.errors)
    idle = sum(1 for r in result.results if not r.errors and not r.executable)
    out.print(f"{len(result.results)} workflow(s), {failed} cannot be generated, {idle} not executable", markup=False)
    raise typer.Exit(result.exit_code)


@app.command("verify")
def verify_cmd(
    repo: Annotated[Path, typer.Argument(help="A repository genrepo generated.")],
    python: Annotated[
        Optional[str],
        typer.Option(
            "--python",
            help="Interpreter whose environment has the repository's requirements (default: DIR/.venv/bin/python, else this one).",
        ),
    ] = None,
    as_json: opt.Json = False,
    fix: Annotated[
        bool, typer.Option("--fix", help="Rewrite the imports of names the installed library moved, then check again.")
    ] = False,
) -> None:
    """Check each step's imports and calls against the installed libraries, calling nothing."""
    from generator.verify import apply_moves, verify

    try:
        result = verify(repo, python)
        changes = apply_moves(result) if fix else []
        if changes:
            for change in changes:
                err.print(f"changed: {change}", markup=False)
            result = verify(repo, python)
    except GenrepoError as exc:
        _fail(exc)
        return
    if as_json:
        report = {
            "repo": str(result.repo),
            "python": result.python,
            "counts": result.counts(),
            "calls": result.calls(),
            "steps": [
                {
                    "number": s.number,
                    "title": s.title,
                    "module": s.module,
                    "wiki": s.wiki,
                    "status": s.status,
                    "calls": [c.__dict__ for c in s.calls],
                }
                for s in result.steps
            ],
        }
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        raise typer.Exit(result.exit_code)
    for step in result.steps:
        where = f"  {step.wiki}" if step.failing and step.wiki else ""
        out.print(f"{step.status:<22} {step.number}. {step.title}{where}", markup=False)
        for error in step.imports:
            out.print(f"{'':<22}   {error}", markup=False)
        for move in step.moves:
            out.print(f"{'':<22}   {move.name} is now in {move.now}: --fix rewrites the import", markup=False)
        for call in step.calls:
            if call.status != "verified":
                out.print(
                    f"{'':<22}   {call.status}: {call.text}" + (f" -- {call.detail}" if call.detail else ""),
                    markup=False,
                )
    out.print(", ".join(f"{n} {s}" for s, n in result.counts().items()) + f" (with {result.python})", markup=False)
    raise typer.Exit(result.exit_code)


RepoArg = Annotated[Path, typer.Argument(help="A repository folder genrepo generated.")]


def _replay(repo: Path, dry_run: bool, force: bool, show_diff: bool) -> None:
    from generator.pipeline import update_repo

    try:
        with _interruptible("nothing was written (dry run)" if dry_run else WRITES_LEFT):
            result = update_repo(repo, dry_run=dry_run, force=force, diff=show_diff)
    except GenrepoError as exc:
        _fail(exc)
        return
    _print_result(result, dry_run, show_diff)
    raise typer.Exit(result.exit_code)


@app.command("update")
def update_cmd(
    repo: RepoArg,
    dry_run: opt.DryRun = False,
    show_diff: opt.Diff = False,
    force: opt.Force = False,
) -> None:
    """Regenerate a folder from its wiki as .genrepo.json records, merging with your edits."""
    _replay(repo, dry_run, force, show_diff)


@app.command("diff")
def diff_cmd(repo: RepoArg) -> None:
    """Show what regenerating a folder would change (a unified diff), writing nothing."""
    _replay(repo, True, False, True)


@app.command("check")
def check_cmd(repo: RepoArg) -> None:
    """Exit 1, saying why, when a generated folder is behind its wiki or this genrepo version; 0 when current."""
    from generator.pipeline import check_repo

    try:
        reasons = check_repo(repo)
    except GenrepoError as exc:
        _fail(exc)
        return
    for reason in reasons:
        out.print(f"behind: {reason}", markup=False)
    if reasons:
        out.print(
            f"{repo} is behind; run `genrepo update {repo}` (or `genrepo diff {repo}` to see what changes)",
            markup=False,
        )
        raise typer.Exit(1)
    out.print(f"{repo} is current", markup=False)


@app.command("guide")
def guide_cmd(
    path: Annotated[
        Optional[Path], typer.Argument(help="The wiki's _WorkflowIndex.md or a folder to search (default: here).")
    ] = None,
) -> None:
    """Walk through generating repositories from a wiki, question by question (each names its flag)."""
    from generator.wizard import run_guide

    raise typer.Exit(run_guide(path, out))


@app.command("summary")
def summary_cmd(
    report: Annotated[Path, typer.Argument(help="JSON report of from-index --json or publish --report.")],
    annotations: Annotated[
        bool, typer.Option("--annotations", help="Print ::warning/::error workflow commands instead.")
    ] = False,
    wiki_dir: Annotated[
        str, typer.Option("--wiki-dir", help="The wiki folder, relative to the checkout (for annotations).")
    ] = "",
    error_file: Annotated[
        Optional[Path], typer.Option("--error-file", help="Text shown as the error when the report is missing.")
    ] = None,
    title: Annotated[str, typer.Option("--title", help="Heading of the Markdown summary.")] = "genrepo",
) -> None:
    """Markdown for a GitHub job summary (or, with --annotations, workflow commands) from a JSON report."""
    from generator import summary

    data = summary.load(report, error_file)
    text = "\n".join(summary.annotations(data, wiki_dir)) + "\n" if annotations else summary.markdown(data, title)
    sys.stdout.write(text)


@app.command("version")
def version() -> None:
    """Print the genrepo version."""
    out.print(__version__, markup=False)


def main() -> None:
    app()
