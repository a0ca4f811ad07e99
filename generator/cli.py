"""The typer command line: options in, one pipeline call, results out. The only module that prints or exits."""

from __future__ import annotations

import json
import re
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console

from generator import __version__
from generator.errors import GenrepoError, Interrupted, ParseError, UserError
from generator.naming import github_origins
from generator.pin import DEFAULT_RESOLVER

if TYPE_CHECKING:  # the pipeline, its parsers, cookiecutter and the GitHub libraries load when a command needs them
    from generator.pin import PinOptions
    from generator.pipeline import RunResult
    from generator.publish import PublishOptions

# plain help: typer's rich help pulls in rich.markdown and markdown-it, a third of the start-up time
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Generate one runnable repository per wiki workflow.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

IndexArg = Annotated[Path, typer.Argument(help="Path to the wiki's _WorkflowIndex.md (or its folder).")]
OwnerOpt = Annotated[Optional[str], typer.Option("--owner", help="Owner for workflows citing no URL (default: the token's user).")]
PrivateOpt = Annotated[bool, typer.Option("--private/--public", help="Visibility of repositories genrepo creates.")]
ApiUrlOpt = Annotated[str, typer.Option("--github-api-url", help="API base URL; GitHub Enterprise Server: https://HOST/api/v3.")]
TokenEnvOpt = Annotated[Optional[str], typer.Option("--token-env", help="Name of the environment variable holding the token.")]
PrOpt = Annotated[bool, typer.Option("--pr", help="Where the remote has commits genrepo did not make, open a pull request.")]
ForcePublishOpt = Annotated[bool, typer.Option("--force-publish", help="Replace content of commits genrepo did not make (history kept).")]
WriteBackOpt = Annotated[bool, typer.Option("--write-back", help="Write each repository's URL into the wiki.")]
ShardOpt = Annotated[str, typer.Option("--shard", help="I/N: publish only the I-th of N slices of the wiki.")]
WorkflowOpt = Annotated[Optional[list[str]], typer.Option("--workflow", "-w", help="Only this workflow (repeatable).")]
SdistOpt = Annotated[bool, typer.Option(
    "--allow-sdist-builds",
    help="Let the resolver build source distributions (runs their setup code); default: wheels only.",
)]


def _fail(exc: GenrepoError) -> None:
    code = 130 if isinstance(exc, Interrupted) else 2 if isinstance(exc, (UserError, ParseError)) else 1
    err.print(f"error: {exc}", markup=False)
    raise typer.Exit(code)


def _pin_options(no_pin: bool, allow_sdist_builds: bool, token_env: str | None, **fields) -> PinOptions | None:
    """The pin options of a command, warning when source builds are allowed."""
    from generator.pin import SDIST_RISK, PinOptions

    if no_pin:
        return None
    if allow_sdist_builds:
        err.print(f"warning: --allow-sdist-builds: {SDIST_RISK}; tokens and secret-named variables are still "
                  "withheld from it", markup=False)
    secret = (token_env,) if token_env else ()
    return PinOptions(allow_sdist_builds=allow_sdist_builds, secret_names=secret, **fields)


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@contextmanager
def _sigterm_as_interrupt():
    """SIGTERM takes the Ctrl-C path, so resolvers genrepo started are ended and reported, not orphaned."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    except ValueError:  # not the main thread (an embedding application): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _print_result(result: RunResult, dry_run: bool) -> None:
    from generator.bind import Status

    for warning in result.warnings:
        err.print(f"warning: {warning}", markup=False)
    for item in result.results:
        plan = item.plan
        where = f" -> {item.output_dir}" if item.output_dir else ""
        out.print(f"{item.action:<9} {plan.workflow.short_name} ({plan.repo_name}){where}", markup=False)
        if dry_run:
            out.print(f"          url: {plan.remote_url or 'none (' + plan.workflow.github_url_status + ')'}", markup=False)
            for n, sp in enumerate(plan.steps, start=1):
                bound = "bound" if sp.binding.bound else "needs implementation"
                out.print(f"          step {n}: {sp.step.title} [{sp.binding.kind}, {bound}] -> {sp.file}", markup=False)
            out.print(f"          files: {len(item.files)} ({', '.join(item.files[:6])}, ...)", markup=False)
            out.print(f"          requirements: {', '.join(plan.requirements) or 'none'}", markup=False)
            if plan.prerequisites:
                out.print(f"          prerequisites: {'; '.join(plan.prerequisites)}", markup=False)
        for warning in plan.warnings:
            err.print(f"          warning: {warning}", markup=False)
        for error in item.errors:
            err.print(f"          error: {error}", markup=False)
        if item.ok:
            bound, stub, manual = (plan.count(s) for s in (Status.BOUND, Status.STUB, Status.MANUAL))
            state = "" if plan.executable else " -- NOT EXECUTABLE: no step is bound to a call"
            out.print(f"          steps: {bound} bound, {stub} need implementation, {manual} manual{state}", markup=False)
            if plan.required_keys:
                out.print(f"          set in config.toml: {', '.join(plan.required_keys)}", markup=False)
            for sp in plan.steps:
                if sp.binding.status is Status.STUB:
                    out.print(f"          implement: src/{plan.package_name}/{sp.file} ({sp.step.ref})", markup=False)
    counts: dict[str, int] = {}
    for item in result.results:
        counts[item.action] = counts.get(item.action, 0) + 1
    summary = ", ".join(f"{n} {a}" for a, n in sorted(counts.items())) or "no workflows"
    idle = sum(1 for r in result.results if r.ok and not r.executable)
    out.print(f"{len(result.results)} workflow(s): {summary}" + (f"; {idle} not executable" if idle else ""), markup=False)


IndexesArg = Annotated[list[Path], typer.Argument(help="One or more wikis: _WorkflowIndex.md files (or their folders).")]


@app.command("from-index")
def from_index(
    index: IndexesArg,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the generated repositories.")] = Path("generated"),
    workflow: WorkflowOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Write nothing; print the plan.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON report on stdout, nothing else.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite folders genrepo did not make, or local edits.")] = False,
    no_pin: Annotated[bool, typer.Option("--no-pin", help="Do not compile requirements.txt (the README says so).")] = False,
    no_hashes: Annotated[bool, typer.Option("--no-hashes", help="Pin without --generate-hashes.")] = False,
    resolver: Annotated[str, typer.Option("--resolver", help="uv (default) or pip-tools.")] = DEFAULT_RESOLVER,
    allow_sdist_builds: SdistOpt = False,
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir", help="Resolution cache (default: user cache dir).")] = None,
    mapping: Annotated[Optional[list[Path]], typer.Option("--mapping", help="Extra name -> distribution TOML (repeatable).")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, max=32, help="Workflows rendered in parallel processes (default: the cores) and resolutions run at once (default: 4).")] = None,
    publish_too: Annotated[bool, typer.Option("--publish", help="Then publish each repository (see `genrepo publish`).")] = False,
    owner: OwnerOpt = None,
    private: PrivateOpt = True,
    api_url: ApiUrlOpt = "https://api.github.com",
    token_env: TokenEnvOpt = None,
    pr: PrOpt = False,
    force_publish: ForcePublishOpt = False,
    write_back: WriteBackOpt = False,
    shard: ShardOpt = "1/1",
) -> None:
    """Generate one repository per workflow of a wiki (and, with --publish, publish them)."""
    if publish_too and len(index) > 1:
        err.print("error: --publish takes one wiki at a time", markup=False)
        raise typer.Exit(2)
    if publish_too:
        from generator.publish import PublishOptions  # GitPython and PyGithub only when publishing

        index = index[0]
        options = PublishOptions(owner=owner, private=private, api_url=api_url, token_env=token_env, dry_run=dry_run, pr=pr,
                                 force=force_publish, write_back=write_back, jobs=min(jobs or 4, 16), shard=_shard(shard))
        pin_options = _pin_options(no_pin, allow_sdist_builds, token_env, resolver=resolver, hashes=not no_hashes, cache_dir=cache_dir)
        _publish(index, out_dir, workflow, options, pin_options, mapping, as_json)
    if resolver not in ("pip-tools", "uv"):
        err.print(f"error: --resolver must be pip-tools or uv, not {resolver!r}", markup=False)
        raise typer.Exit(2)
    pin = None if no_pin or dry_run else _pin_options(no_pin, allow_sdist_builds, token_env, resolver=resolver, hashes=not no_hashes, cache_dir=cache_dir)
    options = dict(dry_run=dry_run, force=force, pin=pin, mappings=tuple(mapping or ()), jobs=jobs or 4, workers=jobs,
                   origins=github_origins(api_url))
    show_progress = not as_json and not dry_run and sys.stderr.isatty()
    if not dry_run:
        options["taken"] = {}  # several wikis into one folder: a repository name is claimed once
    results = []
    try:
        with _sigterm_as_interrupt():
            for one in index:  # several wikis in one call: start-up and the compiled template are paid once
                results.append(_generate(one, out_dir, workflow, options, show_progress))
    except GenrepoError as exc:
        _fail(exc)
        return
    if as_json:
        reports = [result.report() for result in results]
        payload = reports[0] if len(reports) == 1 else {"wikis": reports}
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    else:
        for result in results:
            _print_result(result, dry_run)
    raise typer.Exit(max(result.exit_code for result in results))


def _generate(index: Path, out_dir: Path, workflow, options: dict, show_progress: bool) -> RunResult:
    from rich.progress import Progress

    from generator.pipeline import generate

    if show_progress:
        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("resolving and generating", total=None)
            return generate(index, out_dir, workflow or (), progress=lambda name: bar.update(task, description=name, advance=1), **options)
    return generate(index, out_dir, workflow or (), **options)


def _shard(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        err.print(f"error: --shard takes I/N with 1 <= I <= N, not {text!r}", markup=False)
        raise typer.Exit(2)
    return int(m.group(1)), int(m.group(2))


def _publish(index: Path, out_dir: Path, workflow, options: PublishOptions, pin: PinOptions | None, mapping, as_json: bool,
             report: Path | None = None) -> None:
    from rich.table import Table

    from generator.pipeline import publish

    try:
        with _sigterm_as_interrupt():
            run = publish(index, out_dir, options, workflow or (), pin=pin, mappings=tuple(mapping or ()))
    except GenrepoError as exc:
        _fail(exc)
        return
    if report is not None:
        report.write_text(json.dumps(run.report(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if as_json:
        sys.stdout.write(json.dumps(run.report(), indent=2, ensure_ascii=False) + "\n")
        raise typer.Exit(run.exit_code)
    for item in run.generated.results:
        if not item.ok:
            err.print(f"fail      {item.plan.workflow.short_name}: {'; '.join(item.errors)}", markup=False)
    table = Table(title="dry run: nothing was changed" if options.dry_run else None, show_lines=False)
    for column in ("action", "workflow", "repository", "detail"):
        table.add_column(column, overflow="fold")
    for result in run.results:
        verb = f"would {result.action}" if result.dry_run and result.action not in ("unchanged", "refuse", "fail") else result.action
        table.add_row(verb, result.workflow, result.url or result.repo, result.detail)
    out.print(table)
    for result in run.results:
        if result.diff and (options.dry_run or result.action in ("refuse",)):
            out.print(f"{result.repo}:", markup=False)
            for line in result.diff[:200]:
                out.print(f"  {line}", markup=False)
        for replaced in result.replaced:
            out.print(f"{result.repo}: {'would replace' if options.dry_run else 'not made by genrepo'}: {replaced}", markup=False)
    for path in run.written_back:
        out.print(f"wrote the URL back into {path}", markup=False)
    counts = run.counts()
    out.print(", ".join(f"{counts[k]} {label}" for k, label in (
        ("create", "created"), ("update", "updated"), ("unchanged", "unchanged"), ("pr", "pull requests"),
        ("refuse", "refused"), ("fail", "failed"))), markup=False)
    raise typer.Exit(run.exit_code)


@app.command("publish")
def publish_cmd(
    index: IndexArg,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the generated repositories.")] = Path("generated"),
    workflow: WorkflowOpt = None,
    owner: OwnerOpt = None,
    private: PrivateOpt = True,
    api_url: ApiUrlOpt = "https://api.github.com",
    token_env: TokenEnvOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Change nothing; show what would happen and the file diff.")] = False,
    pr: PrOpt = False,
    force: Annotated[bool, typer.Option("--force", help="Replace content of commits genrepo did not make (history kept).")] = False,
    write_back: WriteBackOpt = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=16, help="Repositories published in parallel.")] = 2,
    shard: ShardOpt = "1/1",
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON report on stdout.")] = False,
    no_pin: Annotated[bool, typer.Option("--no-pin", help="Do not compile requirements.txt.")] = False,
    resolver: Annotated[str, typer.Option("--resolver", help="uv (default) or pip-tools.")] = DEFAULT_RESOLVER,
    allow_sdist_builds: SdistOpt = False,
    mapping: Annotated[Optional[list[Path]], typer.Option("--mapping", help="Extra name -> distribution TOML.")] = None,
    report: Annotated[Optional[Path], typer.Option("--report", help="Also write the JSON report to this file.")] = None,
) -> None:
    """Generate and publish every workflow's repository to the GitHub URL its wiki cites."""
    from generator.publish import PublishOptions

    options = PublishOptions(owner=owner, private=private, api_url=api_url, token_env=token_env, dry_run=dry_run, pr=pr,
                             force=force, write_back=write_back, jobs=jobs, shard=_shard(shard))
    pin = _pin_options(no_pin, allow_sdist_builds, token_env, resolver=resolver)  # a dry run reads the cache only
    _publish(index, out_dir, workflow, options, pin, mapping, as_json, report)


@app.command("validate")
def validate_cmd(
    index: IndexArg,
    workflow: WorkflowOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON report on stdout.")] = False,
    api_url: ApiUrlOpt = "https://api.github.com",
) -> None:
    """Report, per workflow, what was found and what is missing, with file:line."""
    from generator.pipeline import validate

    try:
        result = validate(index, workflow or (), origins=github_origins(api_url))
    except GenrepoError as exc:
        _fail(exc)
        return
    if as_json:
        sys.stdout.write(json.dumps(result.report(), indent=2, ensure_ascii=False) + "\n")
        raise typer.Exit(result.exit_code)
    for warning in result.warnings:
        out.print(f"warning: {warning}", markup=False)
    for item in result.results:
        wf = item.plan.workflow
        status = "FAIL" if item.errors else ("ok" if item.executable else "NOT EXECUTABLE")
        out.print(f"{status:<4} {wf.name}  ({wf.ref})", markup=False)
        if not item.errors and not item.executable:
            out.print("     no step is bound to a call: running the repository would do nothing until a step is implemented", markup=False)
        out.print(f"     page: {wf.page_path or 'missing'}; steps: {len(wf.steps)} from {wf.steps_from}; url: {wf.github_url or wf.github_url_status}", markup=False)
        bindings = {sp.step.ref: sp.binding for sp in item.plan.steps}
        for step in wf.steps:
            missing = [label for label, value in (("API", step.api_call), ("source", step.source_location), ("description", step.description), ("implementation page", step.implementation)) if not value]
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
    python: Annotated[Optional[str], typer.Option("--python", help="Interpreter whose environment has the repository's requirements (default: DIR/.venv/bin/python, else this one).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON report on stdout.")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Rewrite the imports of names the installed library moved, then check again.")] = False,
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
        report = {"repo": str(result.repo), "python": result.python, "counts": result.counts(), "calls": result.calls(),
                  "steps": [{"number": s.number, "title": s.title, "module": s.module, "wiki": s.wiki, "status": s.status,
                             "calls": [c.__dict__ for c in s.calls]} for s in result.steps]}
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
                out.print(f"{'':<22}   {call.status}: {call.text}" + (f" -- {call.detail}" if call.detail else ""), markup=False)
    out.print(", ".join(f"{n} {s}" for s, n in result.counts().items()) + f" (with {result.python})", markup=False)
    raise typer.Exit(result.exit_code)


@app.command("version")
def version() -> None:
    """Print the genrepo version."""
    out.print(__version__, markup=False)


def main() -> None:
    app()
