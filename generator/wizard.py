"""`genrepo guide [PATH]`: the terminal wizard from a wiki to generated (and, if wanted, published) repositories.

A CLI-layer module: it asks and shows (rich prompts and panels) and calls the same pipeline functions the expert
commands call. Every question names the flag it stands for, and the wizard ends with the one command that repeats
what was done. Nothing is written before the generate step; there, each repository is rendered in a scratch folder
and moved into place whole, so Ctrl-C at any point leaves nothing half-written (exit 130, with how to resume).
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Confirm, Prompt
from rich.table import Table

from generator.bars import bars
from generator.bind import ConfigParam, Status
from generator.errors import GenrepoError, Interrupted, UserError
from generator.pin import PinOptions
from generator.pipeline import RunResult, WorkflowResult, generate, publish, validate
from generator.plan import RepoPlan
from generator.progress import Tick
from generator.publish import PublishOptions
from generator.settings import parse_value, type_problem, typed_text

INDEX_NAME = "_WorkflowIndex.md"
DEFAULT_API = "https://api.github.com"
_SKIP = {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", "generated"}
STAGES = (
    "Find the wiki",
    "Check the wiki",
    "Choose workflows",
    "Where and how",
    "Preview the plan",
    "Config values",
    "Generate and pin",
    "Publish",
)


@dataclass
class Answers:
    """What the person chose so far; enough to print the expert command at any point."""

    index: Path | None = None
    workflows: list[str] = field(default_factory=list)
    all_workflows: bool = True
    out_dir: Path = Path("generated")
    pin: bool = True
    resolver: str = "pip-tools"
    settings: list[str] = field(default_factory=list)
    published: bool = False
    owner: str = ""
    public: bool = False
    api_url: str = DEFAULT_API

    def command(self) -> str:
        """The expert command that does what the wizard did, with no questions."""
        args = ["genrepo", "from-index", str(self.index or "PATH/" + INDEX_NAME), "--out", str(self.out_dir)]
        if not self.all_workflows:
            for name in self.workflows:
                args += ["--workflow", name]
        for text in self.settings:
            args += ["--set", text]
        args += (
            ["--no-pin"] if not self.pin else (["--resolver", self.resolver] if self.resolver != "pip-tools" else [])
        )
        if self.published:
            args += [
                "--publish",
                *(["--owner", self.owner] if self.owner else []),
                "--public" if self.public else "--private",
            ]
            args += ["--github-api-url", self.api_url] if self.api_url != DEFAULT_API else []
        return shlex.join(args)


def find_indexes(start: Path, depth: int = 3) -> list[Path]:
    """The _WorkflowIndex.md files at or below start (a file, or a folder searched `depth` levels down), sorted."""
    if start.is_file():
        return [start]
    found: list[Path] = []

    def walk(folder: Path, level: int) -> None:
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            return
        for entry in entries:
            if entry.name == INDEX_NAME and entry.is_file():
                found.append(entry)
            elif entry.is_dir() and not entry.is_symlink() and entry.name not in _SKIP and level < depth:
                walk(entry, level + 1)

    if start.is_dir():
        walk(start, 0)
    return found


def check_value(param: ConfigParam, raw: str) -> tuple[object, str | None]:
    """(the typed value, None) for what a person typed for a config key, or (None, why it is refused)."""
    value = raw.strip() if param.loader else parse_value(raw)
    if param.loader:
        return value, None if value else "a path or id is needed"
    return value, type_problem(param.type, value)


class Wizard:
    """One guided session; each stage is a method, the console and the answers are its state."""

    def __init__(self, console: Console, start: Path | None) -> None:
        self.console = console
        self.start = start
        self.answers = Answers()
        self.result: RunResult | None = None
        self.plans: list[RepoPlan] = []
        self.writing = False  # from the generate step on, something may be on disk
        self.rendered = 0  # repositories moved into place so far
        self.stage = 0

    # -- presentation -------------------------------------------------------------------------------------------
    def header(self, title: str) -> None:
        self.stage = STAGES.index(title) + 1
        self.console.print()
        self.console.rule(f"[bold]Step {self.stage} of {len(STAGES)}: {title}[/]", align="left")

    def ask(
        self, question: str, flag: str, default: str | None = None, check: Callable[[str], str | None] | None = None
    ) -> str:
        """A question with the flag it stands for; asked again, with the reason, until check accepts the answer."""
        while True:
            answer = Prompt.ask(
                f"{escape(question)} [dim]({escape(flag)})[/]",
                console=self.console,
                default=default if default is not None else ...,
                show_default=bool(default),
            )
            answer = "" if answer is None else str(answer)
            problem = check(answer) if check else None
            if not problem:
                return answer
            self.console.print(f"[red]  {problem}[/]")

    def wiki(self) -> Path:
        """The chosen index; find() sets it before any stage that reads the wiki."""
        if self.answers.index is None:
            raise UserError(f"no {INDEX_NAME} chosen yet: the wizard must find the wiki before reading it")
        return self.answers.index

    def confirm(self, question: str, flag: str, default: bool) -> bool:
        return Confirm.ask(f"{escape(question)} [dim]({escape(flag)})[/]", console=self.console, default=default)

    # -- stages -------------------------------------------------------------------------------------------------
    def find(self) -> None:
        self.header("Find the wiki")
        start = self.start or Path(".")  # relative paths read better, and the expert command runs from here
        found = find_indexes(start)
        if len(found) == 1:
            self.console.print(f"Found {found[0]}")
            if self.confirm("Use this wiki?", "genrepo from-index PATH", True):
                self.answers.index = found[0]
                return
        elif found:
            for n, path in enumerate(found, start=1):
                self.console.print(f"  {n}. {path}")
            choice = self.ask(
                "Which wiki? (number)",
                "genrepo from-index PATH",
                "1",
                lambda a: None if a.isdigit() and 1 <= int(a) <= len(found) else f"a number from 1 to {len(found)}",
            )
            self.answers.index = found[int(choice) - 1]
            return
        else:
            self.console.print(f"No {INDEX_NAME} in {start.resolve()} or the folders below it.", markup=False)

        def exists(answer: str) -> str | None:
            hits = find_indexes(Path(answer).expanduser())
            return (
                None
                if len(hits) == 1
                else f"no single {INDEX_NAME} at {answer}"
                if not hits
                else "several; name one file"
            )

        answer = self.ask(f"Path to the wiki's {INDEX_NAME}", "genrepo from-index PATH", check=exists)
        self.answers.index = find_indexes(Path(answer).expanduser())[0]

    def check(self) -> RunResult:
        self.header("Check the wiki")
        result = validate(self.wiki())
        table = Table(title=f"{self.answers.index}  [dim](genrepo validate PATH)[/]", title_justify="left")
        for column in ("#", "workflow", "steps", "bound", "to implement", "manual", "REQUIRED config", "status"):
            table.add_column(column, overflow="fold")
        for n, item in enumerate(result.results, start=1):
            plan = item.plan
            status = (
                "[red]cannot be generated[/]"
                if item.errors
                else ("ok" if plan.executable else "[yellow]not executable[/]")
            )
            table.add_row(
                str(n),
                plan.workflow.short_name,
                str(len(plan.steps)),
                str(plan.count(Status.BOUND)),
                str(plan.count(Status.STUB)),
                str(plan.count(Status.MANUAL)),
                ", ".join(plan.required_keys) or "-",
                status,
            )
        self.console.print(table)
        for item in result.results:
            plan = item.plan
            needs = ", ".join(plan.requirements) or "nothing"
            extra = f"; prerequisites: {'; '.join(plan.prerequisites)}" if plan.prerequisites else ""
            self.console.print(f"  {plan.workflow.short_name} needs {needs}{extra}", markup=False)
            for error in item.errors:
                self.console.print(f"    error: {error}", markup=False, style="red")
        warnings = [*result.warnings, *(w for item in result.results for w in item.plan.warnings)]
        if warnings:
            self.console.print(f"  {len(warnings)} warning(s), first: {warnings[0]}", markup=False, style="yellow")
        return result

    def choose(self, result: RunResult) -> list[WorkflowResult]:
        self.header("Choose workflows")
        usable = [item for item in result.results if not item.errors]
        if not usable:
            raise UserError(f"no workflow of {self.answers.index} can be generated: fix the errors above first")
        names = [item.plan.workflow.short_name for item in result.results]

        def parse(answer: str) -> list[int] | str:
            if answer.strip().lower() in ("all", ""):
                return [n for n, item in enumerate(result.results) if not item.errors]
            picked: list[int] = []
            for part in answer.replace(" ", ",").split(","):
                if not part:
                    continue
                if part.isdigit() and 1 <= int(part) <= len(names):
                    index = int(part) - 1
                elif part in names:
                    index = names.index(part)
                else:
                    return f"{part!r} is not one of 1..{len(names)} or a workflow name"
                if result.results[index].errors:
                    return f"{names[index]} cannot be generated (see its errors above)"
                picked.append(index) if index not in picked else None
            return picked or "choose at least one"

        def problem(answer: str) -> str | None:
            parsed = parse(answer)
            return parsed if isinstance(parsed, str) else None

        answer = self.ask(
            "Workflows to generate: numbers like 1,3 or all", "--workflow NAME, repeatable", "all", problem
        )
        picked = parse(answer)
        assert isinstance(picked, list)
        chosen = [result.results[i] for i in picked]
        self.answers.all_workflows = len(chosen) == len(result.results)
        self.answers.workflows = [item.plan.workflow.short_name for item in chosen]
        return chosen

    def where(self) -> None:
        self.header("Where and how")
        answer = self.ask(
            "Folder for the repositories",
            "--out DIR",
            str(self.answers.out_dir),
            lambda a: None if a.strip() else "a folder is needed",
        )
        self.answers.out_dir = Path(answer.strip())
        self.answers.pin = self.confirm(
            "Pin requirements.txt now (resolves versions from the package index)?", "--no-pin to skip", True
        )
        if self.answers.pin:
            self.answers.resolver = self.ask(
                "Resolver",
                "--resolver pip-tools|uv",
                self.answers.resolver,
                lambda a: None if a in ("pip-tools", "uv") else "pip-tools or uv",
            )

    def preview(self) -> bool:
        self.header("Preview the plan")
        result = validate(self.wiki(), self.answers.workflows)
        self.console.print("[dim]What `genrepo from-index PATH --dry-run` shows; nothing is written yet.[/]")
        for item in result.results:
            plan = item.plan
            lines = [
                f"folder: {self.answers.out_dir / plan.repo_name}",
                f"url: {plan.remote_url or 'none (' + plan.workflow.github_url_status + ')'}",
            ]
            for n, sp in enumerate(plan.steps, start=1):
                lines.append(
                    f"step {n}: {sp.step.title} [{sp.binding.kind}, {sp.binding.status}] -> src/{plan.package_name}/{sp.file}"
                )
            lines.append(f"files: {len(item.files)}; requirements: {', '.join(plan.requirements) or 'none'}")
            self.console.print(
                Panel(
                    "\n".join(lines),
                    title=f"{plan.workflow.short_name} -> {plan.repo_name}",
                    title_align="left",
                    expand=False,
                ),
                markup=False,
            )
        self.plans = [item.plan for item in result.results]
        return self.confirm("Go on?", "leave out --dry-run", True)

    def config(self) -> None:
        self.header("Config values")
        several = len(self.plans) > 1
        asked = 0
        for plan in self.plans:
            for sp in plan.steps:
                for param in sp.binding.params:
                    if not param.required:
                        continue
                    asked += 1
                    key = f"{sp.module}.{param.name}"
                    kind = f"path or id, built by {param.loader}" if param.loader else (param.type or "any literal")
                    about = f"{plan.workflow.short_name}, step {sp.step.number} {sp.step.title}\n{key} ({kind})"
                    if param.description:
                        about += f"\n{param.description}"
                    self.console.print(Panel(about, expand=False), markup=False)
                    prefix = f"{plan.workflow.short_name}:" if several else ""

                    def accept(answer: str, param: ConfigParam = param) -> str | None:
                        return None if not answer.strip() else check_value(param, answer)[1]

                    answer = self.ask(
                        f"{key} (Enter leaves it REQUIRED in config.toml)", f"--set {prefix}{key}=VALUE", "", accept
                    )
                    if answer.strip():
                        self.answers.settings.append(f"{prefix}{key}={typed_text(answer)}")
        if not asked:
            self.console.print("No REQUIRED config values: every key has a default from the wiki.")

    def generate(self) -> RunResult:
        self.header("Generate and pin")
        pin = PinOptions(resolver=self.answers.resolver) if self.answers.pin else None
        view, show = bars(self.console)

        def tick(event: Tick) -> None:
            show(event)
            if event.stage == "render":
                self.rendered = event.done

        self.writing = True
        with view:
            result = generate(
                self.wiki(),
                self.answers.out_dir,
                self.answers.workflows,
                pin=pin,
                settings=tuple(self.answers.settings),
                progress=tick,
                workers=1,  # one workflow at a time: the bar moves per repository and Ctrl-C lands between two
            )
        for item in result.results:
            where = f" -> {item.output_dir}" if item.output_dir else ""
            self.console.print(f"{item.action:<9} {item.plan.workflow.short_name}{where}", markup=False)
            for error in item.errors:
                self.console.print(f"          error: {error}", markup=False, style="red")
            if item.ok:
                plan = item.plan
                self.console.print(
                    f"          steps: {plan.count(Status.BOUND)} bound, {plan.count(Status.STUB)} to "
                    f"implement, {plan.count(Status.MANUAL)} manual"
                    + ("" if plan.executable else " -- NOT EXECUTABLE"),
                    markup=False,
                )
            for step in item.next_steps():
                self.console.print(f"          next: {step}", markup=False)
        self.result = result
        return result

    def offer_publish(self) -> None:
        self.header("Publish")
        if not self.confirm(
            "Preview publishing to GitHub (a token in GITHUB_TOKEN or GH_TOKEN)?",
            "genrepo publish PATH --dry-run",
            False,
        ):
            return
        self.answers.api_url = self.ask(
            "GitHub API",
            "--github-api-url URL",
            os.environ.get("GITHUB_API_URL", DEFAULT_API),
            lambda a: None if a.startswith(("https://", "http://")) else "an http(s) URL",
        )
        self.answers.owner = self.ask(
            "Owner for workflows whose wiki cites no URL (Enter: the token's user)", "--owner ORG", ""
        )
        self.answers.public = self.confirm("Make new repositories public?", "--public / --private", False)
        if not self._publish(dry_run=True):
            return
        if self.confirm("Publish now?", "--publish", False):
            self.answers.published = self._publish(dry_run=False)

    def _publish(self, dry_run: bool) -> bool:
        options = PublishOptions(
            owner=self.answers.owner or None,
            private=not self.answers.public,
            dry_run=dry_run,
            api_url=self.answers.api_url,
        )
        pin = PinOptions(resolver=self.answers.resolver) if self.answers.pin else None
        view, tick = bars(self.console)
        try:
            with view:
                run = publish(
                    self.wiki(),
                    self.answers.out_dir,
                    options,
                    self.answers.workflows,
                    pin=pin,
                    settings=tuple(self.answers.settings),
                    progress=tick,
                )
        except UserError as exc:  # no token, or a bad owner: say so and leave publishing for later
            self.console.print(f"[red]{exc}[/]", markup=True)
            return False
        for result in run.results:
            verb = (
                f"would {result.action}"
                if dry_run and result.action not in ("unchanged", "refuse", "fail")
                else result.action
            )
            self.console.print(
                f"{verb:<14} {result.workflow} {result.url or result.repo} {result.detail}", markup=False
            )
        return run.exit_code == 0 or not dry_run

    def run(self) -> int:
        """The whole session; returns the exit code."""
        self.console.print(
            Panel(
                "genrepo guide: from a workflow wiki to runnable repositories.\n"
                "Each question shows the flag it stands for; Ctrl-C stops at any point.",
                expand=False,
            )
        )
        self.find()
        chosen = self.choose(self.check())
        if not chosen:
            return 1
        self.where()
        if not self.preview():
            self.console.print("Stopped before writing anything.")
            self.print_command()
            return 0
        self.config()
        result = self.generate()
        self.offer_publish()
        self.print_command()
        return result.exit_code

    def print_command(self) -> None:
        self.console.print()
        self.console.print("To do this again without questions (expert mode):")
        self.console.print(f"  {self.answers.command()}", markup=False, soft_wrap=True)

    def interrupted(self) -> int:
        """What Ctrl-C leaves, and how to resume; exit code 130."""
        self.console.print()
        if not self.writing:
            self.console.print("Interrupted: nothing was written.", markup=False)
        else:
            self.console.print(
                "Interrupted: every repository is moved into place whole or not at all "
                f"({self.rendered} finished); nothing is half-written.",
                markup=False,
            )
        start = shlex.join(["genrepo", "guide", *([str(self.start)] if self.start else [])])
        self.console.print(f"Resume with: {start}", markup=False, soft_wrap=True)
        if self.answers.index is not None:
            self.console.print(f"or, with the answers so far: {self.answers.command()}", markup=False, soft_wrap=True)
        return 130


def run_guide(start: Path | None, console: Console) -> int:
    """Run the wizard; returns the exit code (130 on Ctrl-C, 2 on an unusable wiki)."""
    wizard = Wizard(console, start)
    try:
        return wizard.run()
    except (KeyboardInterrupt, EOFError, Interrupted):
        return wizard.interrupted()
    except GenrepoError as exc:
        console.print(f"error: {exc}", markup=False, style="red")
        return 2
