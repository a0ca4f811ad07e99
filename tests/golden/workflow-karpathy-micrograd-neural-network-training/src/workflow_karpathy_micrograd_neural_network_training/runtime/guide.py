"""`python -m PACKAGE guide`: the workflow walked through step by step (`run` stays the expert mode).

For each step: what it does (the wiki's description and key considerations), what it takes and makes, the
config values it still needs (asked for, typed, checked, saved to config.toml when you agree), then it runs
and shows what it produced and how long it took. A manual step shows its instructions and waits for you. After
each step the guide records where it is, so stopping and coming back resumes at the next step with the
artifacts of the earlier ones loaded again.
"""

from __future__ import annotations

import json
import re
import textwrap
import time
from pathlib import Path
from typing import Any, Callable

from .calls import contexts
from .config import DEFAULT_CONFIG, ENABLED, followed, load_config, parse_value, step_values, type_problem
from .runner import Outcome, RunOptions, Session
from .spec import Workflow
from .steps import LoadedStep, WorkflowError
from .store import Store

STATE = "guide.json"
Ask = Callable[[str], str]


def _bar(done: int, total: int, width: int = 20) -> str:
    filled = round(width * done / total) if total else width
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def _about(step: LoadedStep) -> str:
    """The step module's docstring after its title, up to its source reference: the wiki's own words."""
    lines = (step.module.__doc__ or "").strip().split("\n")[1:]
    kept = []
    for line in lines:
        if line.startswith(("Source:", "genrepo departs", "To do:")):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def toml_value(value: Any) -> str:
    """A TOML value for what a person typed (parsed as a Python literal)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{ " + ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items()) + " }"
            if value
            else "{}"
        )
    return json.dumps(str(value), ensure_ascii=False)


def save_value(path: Path, section: str, key: str, value: Any) -> None:
    """Set `key = value` in [section] of the config file, keeping every other line and comment as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = text.split("\n")
    bare = re.fullmatch(r"[A-Za-z0-9_-]+", key) is not None
    line = f"{key if bare else json.dumps(key, ensure_ascii=False)} = {toml_value(value)}"
    header = next((i for i, ln in enumerate(lines) if ln.strip() == f"[{section}]"), None)
    if header is None:
        lines += ["", f"[{section}]", line]
    else:
        end = next((i for i in range(header + 1, len(lines)) if lines[i].startswith("[")), len(lines))
        quoted = re.escape(json.dumps(key, ensure_ascii=False))
        pattern = re.compile(rf"^\s*(#\s*REQUIRED:\s*)?#?\s*({re.escape(key)}|{quoted})\s*=")
        found = next((i for i in range(header + 1, end) if pattern.match(lines[i])), None)
        if found is not None:
            lines[found] = line
        else:
            while end > header + 1 and not lines[end - 1].strip():
                end -= 1
            lines.insert(end, line)
    path.write_text("\n".join(lines), encoding="utf-8")


class Guide:
    """The conversation: prints and asks through the given functions, so tests and terminals drive it alike."""

    def __init__(
        self,
        package: str,
        workflow: Workflow,
        steps: list[LoadedStep],
        config_path: Path | None,
        artifacts: Path,
        ask: Ask = input,
        say: Callable[[str], None] = print,
    ) -> None:
        self.package, self.workflow, self.steps = package, workflow, steps
        self.config_path = config_path or DEFAULT_CONFIG
        self.store = Store(artifacts)
        self.ask, self.say = ask, say

    # -- where we are ----------------------------------------------------------------------------
    def _state_file(self) -> Path:
        return self.store.root / STATE

    def saved_next(self) -> int:
        try:
            return int(json.loads(self._state_file().read_text(encoding="utf-8"))["next"])
        except (OSError, ValueError, KeyError, TypeError):
            return 1

    def _save_next(self, number: int) -> None:
        self.store.root.mkdir(parents=True, exist_ok=True)
        state = {"next": number, "config": str(self.config_path), "time": time.strftime("%Y-%m-%d %H:%M:%S")}
        self._state_file().write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")

    # -- asking ----------------------------------------------------------------------------------
    def _read(self, prompt: str) -> str:
        """An answer; the end of the input (no terminal, a file or pipe that ran out) stops the guide as q does."""
        try:
            return self.ask(prompt).strip()
        except EOFError:
            self.say("")
            self.say("  no more input: stopping (run the guide in a terminal to answer its questions)")
            raise KeyboardInterrupt from None

    def yes(self, question: str, default: bool = True) -> bool:
        hint = "Y/n" if default else "y/N"
        while True:
            answer = self._read(f"{question} [{hint}] ").lower()
            if not answer:
                return default
            if answer in ("y", "yes", "n", "no"):
                return answer.startswith("y")
            if answer in ("q", "quit"):
                raise KeyboardInterrupt
            self.say("  please answer y or n (q stops the guide; it resumes here next time)")

    def value_for(self, step: LoadedStep, key: str) -> Any:
        param = step.params[key]
        what = f"{key} ({param.type or 'value'})" + (f": {param.doc}" if param.doc else "")
        if param.loader:
            what += f" [a path or id; the step loads it with loaders.{param.loader}]"
        self.say(f"  {what}")
        while True:
            raw = self._read(f"  {step.name}.{key} = ")
            if raw.lower() in ("q", "quit"):
                raise KeyboardInterrupt
            if not raw:
                self.say("  a value is needed (q stops the guide)")
                continue
            value = parse_value(raw)
            problem = type_problem(param, value)
            if problem is None:
                return value
            self.say(f"  {problem}; try again")

    # -- one step ---------------------------------------------------------------------------------
    def show(self, step: LoadedStep, config: dict[str, dict[str, Any]]) -> None:
        spec = step.spec
        self.say("")
        self.say(
            f"{_bar(spec.number - 1, len(self.steps))} step {spec.number} of {len(self.steps)}: {spec.title}  ({spec.kind}, {step.status})"
        )
        about = _about(step)
        if about:
            self.say(textwrap.indent(about, "  "))
        self.say(f"  takes: {', '.join(spec.consumes) or '-'}    makes: {', '.join(spec.produces) or '-'}")
        for need in spec.needs:
            self.say(f"  needs {need}")
        section = config.get(step.name, {})
        for key, param in step.params.items():
            if key in section:
                self.say(f"  {key} = {section[key]!r} (config)")
            elif not param.required:
                self.say(f"  {key} = {param.default!r} (default)")

    def fill(self, step: LoadedStep, config: dict[str, dict[str, Any]]) -> None:
        """Ask for the step's REQUIRED keys that are not set; save them to the config file when agreed."""
        section = config.setdefault(step.name, {})
        _, missing = step_values(step, section)
        if not missing:
            return
        self.say(f"  this step needs {len(missing)} value(s) the wiki gives no default for:")
        answers = {key: self.value_for(step, key) for key in missing}
        section.update(answers)
        if self.yes(f"  save {', '.join(answers)} to {self.config_path}?"):
            for key, value in answers.items():
                save_value(self.config_path, step.name, key, value)
            self.say(f"  saved (expert mode: python -m {self.package} run --config {self.config_path})")

    def report(self, outcome: Outcome) -> None:
        if outcome.state in ("ran", "manual"):
            self.say(f"  done in {outcome.seconds:.3f}s")
        for name, text in outcome.produced.items():
            self.say(f"  {name}: {text}")
        for name, value in outcome.numbers.items():
            self.say(f"  {name} = {value:.6g}")

    # -- the walk ---------------------------------------------------------------------------------
    def walk(self) -> int:
        config = followed(load_config(self.config_path if self.config_path.exists() else None, self.steps), self.steps)
        total = len(self.steps)
        self.say(f"{self.workflow.title}: {total} steps. Each is explained, asked for what it needs, then run.")
        self.say(f"(expert mode, every option: python -m {self.package} run --help; q at any question stops here)")
        first = self.saved_next()
        if first > total:
            first = 1 if self.yes("The last guided run went to the end. Start again from step 1?") else total + 1
        elif first > 1 and not self.yes(
            f"Resume at step {first} (steps 1-{first - 1} are done; their artifacts are saved)?"
        ):
            first = 1
        session = Session(self.workflow, self.steps, RunOptions(config, first, 0, True, self.store))
        try:
            with contexts():  # what steps open for the steps after them closes when the walk ends
                loaded = session.resume(first)
                if loaded:
                    self.say(f"loaded from earlier steps: {', '.join(loaded)}")
                for step in self.steps[first - 1 :]:
                    self.one(step, session, config)
                    self._save_next(step.spec.number + 1)
                    if step.spec.number < total and not self.yes(f"Go on to step {step.spec.number + 1} of {total}?"):
                        raise KeyboardInterrupt
        except KeyboardInterrupt:
            self.say("")
            self.say(f"Stopped. Run `python -m {self.package} guide` again to resume at step {self.saved_next()}.")
            return 130
        self.say(f"{_bar(total, total)} all {total} steps done. Artifacts are in {self.store.root}.")
        return 0

    def one(self, step: LoadedStep, session: Session, config: dict[str, dict[str, Any]]) -> None:
        self.show(step, config)
        section = config.setdefault(step.name, {})
        if step.waiting:
            self.say(
                f"  this step needs implementation: write the body of run() in src/{self.package}/steps/{step.name}.py"
            )
            if self.yes("  skip it for now (later steps that need what it makes will not work)?", default=False):
                session.step(step)
                return
            raise KeyboardInterrupt
        if step.spec.needs and section.get(ENABLED, True) is not False:
            if not self.yes("  this machine may not have what it needs. Run it anyway?", default=False):
                section[ENABLED] = False
                if self.yes(f"  save `{ENABLED} = false` for this step to {self.config_path}?"):
                    save_value(self.config_path, step.name, ENABLED, False)
        if section.get(ENABLED, True) is False:
            session.step(step)
            self.say("  switched off in config: skipped")
            return
        self.fill(step, config)
        if step.spec.status == "manual":
            self.say("  a manual step: do what it describes; its values above are handed on to later steps")
            if not self.yes("  done?"):
                raise KeyboardInterrupt
        elif not self.yes(f"  run step {step.spec.number}?"):
            raise KeyboardInterrupt
        try:
            outcome = session.step(step)
        except WorkflowError as exc:
            self.say(f"  error: {exc}")
            self.say(f"  fix it (config: {self.config_path}), then run the guide again: it resumes at this step")
            raise KeyboardInterrupt from None
        self.report(outcome)
        rounds = session.rounds(step)
        if rounds:
            self.say(
                f"  the wiki repeats steps {rounds[0][0].spec.number}-{step.spec.number}: rounds 2-{len(rounds) + 1} run now"
            )
            for round_steps in rounds:
                numbers = {k: v for again in round_steps for k, v in session.step(again).numbers.items()}
            self.say(f"  after round {len(rounds) + 1}:")
            for name, value in numbers.items():
                self.say(f"  {name} = {value:.6g}")


def main(package: str, workflow: Workflow, steps: list[LoadedStep], config: Path | None, artifacts: Path) -> int:
    return Guide(package, workflow, steps, config, artifacts).walk()
