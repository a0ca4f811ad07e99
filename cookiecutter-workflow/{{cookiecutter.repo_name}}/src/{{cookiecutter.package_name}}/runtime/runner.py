"""Running the steps in order: checks before the first step, artifacts handed from step to step and saved,
`--from N` resuming from saved artifacts, steps switched off in config, the loop the wiki describes."""

from __future__ import annotations

import logging
import os
import re
import time
import traceback
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .calls import contexts
from .config import enabled, step_values, type_problem
from .report import describe, numbers
from .spec import Workflow
from .steps import LoadedStep, WorkflowError
from .store import Store

log = logging.getLogger("workflow")


@dataclass
class Outcome:
    """What happened to one step: ran, manual, skipped (still a stub) or disabled (in config)."""

    step: LoadedStep
    state: str
    seconds: float = 0.0
    produced: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    saved: dict[str, str] = field(default_factory=dict)


@dataclass
class RunOptions:
    config: dict[str, dict[str, Any]]
    first: int = 1
    last: int = 0  # 0: the last step
    allow_incomplete: bool = False
    store: Store | None = None  # where artifacts are saved after each step, and loaded from for --from
    unsaved: set[str] = field(default_factory=set)  # artifacts that could not be saved (warned about once)


def _producer(steps: list[LoadedStep], before: int, artifact: str) -> LoadedStep | None:
    """The last step before position `before` (1-based) that produces the artifact."""
    for step in reversed(steps[: before - 1]):
        if artifact in step.spec.produces:
            return step
    return None


def preflight(steps: list[LoadedStep], options: RunOptions) -> list[LoadedStep]:
    """Everything that would stop the run, found before the first step starts; returns the steps to run."""
    last = options.last or len(steps)
    if not 1 <= options.first <= last <= len(steps):
        raise WorkflowError(f"--from/--to must satisfy 1 <= from <= to <= {len(steps)}")
    selected = steps[options.first - 1 : last]
    waiting = [s for s in selected if s.waiting]
    if waiting and not options.allow_incomplete:
        files = ", ".join(f"{s.label} (steps/{s.name}.py)" for s in waiting)
        raise WorkflowError(
            f"these steps need implementation: {files}. Write the body of their run() (nothing else needs "
            "changing), or pass --allow-incomplete to run the others."
        )
    active = [s for s in selected if not s.waiting and enabled(s, options.config.get(s.name, {}))]
    if not any(s.status in ("bound", "implemented") for s in active):
        raise WorkflowError(
            "nothing to run: every selected step is manual, disabled or still needs implementation "
            f"({', '.join(f'{s.label} [{s.status}]' for s in selected)})"
        )
    problems: list[str] = []
    for step in active:
        values, missing = step_values(step, options.config.get(step.name, {}))
        problems.extend(f"{step.name}.{key}" for key in missing)
        for key, value in values.items():
            problem = type_problem(step.params[key], value)
            if problem:
                raise WorkflowError(f"config {step.name}.{key}: {problem}")
    if problems:
        raise WorkflowError("set these config keys (in config.toml or with --set STEP.KEY=VALUE): " + ", ".join(problems))
    made_here: set[str] = set()
    for step in active:
        for artifact in step.spec.consumes:
            if artifact in made_here:
                continue
            producer = _producer(steps, step.spec.number, artifact)
            if producer is not None and producer.spec.number >= options.first:
                if producer.waiting:
                    raise WorkflowError(
                        f"step {step.label} needs {artifact}, which step {producer.label} makes, and that step still "
                        "needs implementation"
                    )
                continue
            if options.store is None or options.store.version_before(artifact, options.first) is None:
                where = f"step {producer.label}" if producer else "no step"
                raise WorkflowError(
                    f"step {step.label} needs {artifact} (made by {where}), and no saved copy is in "
                    f"{options.store.root if options.store else 'the artifacts folder (--no-save)'}; run from "
                    f"step {producer.spec.number if producer else 1} first (artifacts are saved unless --no-save)"
                )
        made_here.update(step.spec.produces)
    return selected


def make_folders(step: LoadedStep, values: dict[str, Any]) -> None:
    """The folder of each file the step writes (`results/graph.gml`), made when missing: the library writing
    the file expects it to exist."""
    for key, param in step.params.items():
        value = values.get(key)
        if not param.writes or not isinstance(value, (str, os.PathLike)) or "://" in str(value):
            continue
        folder = Path(value).expanduser().parent
        if str(folder) not in ("", ".") and not folder.exists():
            folder.mkdir(parents=True, exist_ok=True)
            log.info("  made folder %s for %s.%s", folder, step.name, key)


def _brief(exc: BaseException, limit: int = 600) -> str:
    """An exception's message, cut when long (torch puts a whole graph in some): the traceback has all of it."""
    text = str(exc)
    return text if len(text) <= limit else f"{text[:limit]}... [{len(text) - limit} more characters]"


def _missing(exc: BaseException, step: LoadedStep, values: dict[str, Any]) -> str:
    """For a file that is not there, the config key naming it (`edges.txt`, the wiki example's path): what to set."""
    if not isinstance(exc, FileNotFoundError) or not exc.filename:
        return ""
    missing = Path(os.fsdecode(exc.filename))
    named = [k for k, v in values.items() if isinstance(v, (str, os.PathLike)) and str(v) and Path(v) == missing]
    if not named:
        return ""
    key = named[0]
    return f"; that is {step.name}.{key}: point it at your file in config.toml or with --set {step.spec.number}.{key}=PATH"


def _where(exc: BaseException, step: LoadedStep) -> str:
    """Where a step failed: the line of its module the error came through (`at line 31 of step_01_x.py
    (`df = pd.read_csv(...)`)`), saying it calls the step's API when it does; the API alone when no line of the
    module is in the traceback (a step's API is not always what failed: an example's read before it may be)."""
    # the API's name, not the wiki's signature: its defaults are not the arguments the step passed
    callee = re.match(r"\s*+((?:[A-Za-z_]\w*+\.)*+[A-Za-z_]\w*+)", step.spec.api or "")
    api = f"calling {callee.group(1)}" if callee else "in its code"
    module = getattr(step.module, "__file__", None)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if module and f.filename == module]
    if not frames or not frames[-1].line:
        return api
    line = frames[-1].line
    text = line if len(line) <= 120 else line[:117] + "..."
    where = f"at line {frames[-1].lineno} of {Path(module).name} (`{text}`)"
    called = re.match(r"\s*+(?:[A-Za-z_]\w*+\.)*+([A-Za-z_]\w*+)\s*+\(", step.spec.api or "")
    return f"{where}, {api}" if called and re.search(rf"\b{called.group(1)}\s*\(", line) else where


def _run_one(step: LoadedStep, values: dict[str, Any], artifacts: dict[str, Any], options: RunOptions) -> Outcome:
    kwargs = {name: artifacts.get(name) for name in step.spec.consumes}
    kwargs.update(values)
    log.info("step %s: %s", step.spec.number, step.spec.title)
    make_folders(step, values)
    started = time.perf_counter()
    try:
        produced = step.run(**kwargs) or {}
    except WorkflowError:
        raise
    except Exception as exc:
        keys = ", ".join(f"{step.name}.{k}" for k in step.params) or "none"
        raise WorkflowError(
            f"step {step.label} failed {_where(exc, step)}: {type(exc).__name__}: {_brief(exc)}{_missing(exc, step, values)} "
            f"(its config keys: {keys}; -v shows the traceback)"
        ) from exc
    seconds = time.perf_counter() - started
    artifacts.update(produced)
    outcome = Outcome(step, "manual" if step.spec.status == "manual" else "ran", seconds)
    for name, value in produced.items():
        try:
            outcome.produced[name] = describe(value)
            outcome.numbers.update({f"{name}.{k}" if k else name: v for k, v in numbers(value).items()})
        except Exception:  # noqa: BLE001 - a result the report cannot read never stops the run
            outcome.produced[name] = type(value).__name__
    if options.store is not None:  # what the step made, and what it may have changed in place
        changeable = (c for c in step.spec.consumes if c in artifacts and not _fixed(artifacts[c]))
        for name in dict.fromkeys([*produced, *changeable]):
            try:
                outcome.saved[name] = options.store.save(name, artifacts[name], step.spec.number)
            except Exception as exc:  # noqa: BLE001 - an artifact that cannot be saved only costs --from
                level = logging.DEBUG if name in options.unsaved else logging.WARNING
                options.unsaved.add(name)
                log.log(level, "  could not save %s (%s: %s); resuming after this step will need it", name, type(exc).__name__, _brief(exc))
    log.info("step %s done in %.3fs", step.spec.number, seconds)
    for name, text in outcome.produced.items():
        log.info("  %s: %s", name, text)
    for name, value in outcome.numbers.items():
        log.info("  %s = %.6g", name, value)
    return outcome


def _fixed(value: Any) -> bool:
    """Whether a step that reads value cannot have changed it in place: a function, a class or a module (the
    objective `study.optimize` calls). Its maker's version stands, and rebuilds it when it cannot be saved."""
    return isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.ModuleType, type))


class Session:
    """One run's state, stepped through one step at a time: `run` drives it straight through, `guide` asks first."""

    def __init__(self, workflow: Workflow, steps: list[LoadedStep], options: RunOptions) -> None:
        self.workflow, self.steps, self.options = workflow, steps, options
        self.artifacts: dict[str, Any] = {}
        self.outcomes: list[Outcome] = []

    def resume(self, first: int) -> list[str]:
        """Bring back what the steps before `first` made, as they left it: loaded from the store, or rebuilt by
        running again the step that made it when it could not be saved. Returns the names brought back."""
        brought: list[str] = []
        if first > 1 and self.options.store is not None:
            for name in sorted({a for s in self.steps[first - 1 :] for a in s.spec.consumes}):
                self._provide(name, first, brought)
        return brought

    def _provide(self, name: str, before: int, brought: list[str]) -> None:
        store = self.options.store
        if name in self.artifacts or store is None:
            return
        version = store.version_before(name, before)
        if version is None:
            return
        why = "it could not be saved"
        if store.saved(name, version):
            try:
                self.artifacts[name] = store.load(name, version)
            except Exception as exc:  # noqa: BLE001 - saved but not loadable (an object that recurses on unpickling)
                log.warning("could not load %s as step %s left it (%s: %s)", name, version, type(exc).__name__, _brief(exc))
                why = "it could not be loaded"
            else:
                log.info("loaded %s as step %s left it, from %s", name, version, store.root)
                brought.append(name)
                return
        maker = self.steps[version - 1]
        for needed in maker.spec.consumes:
            self._provide(needed, version, brought)
        log.info("running step %s again to rebuild %s (%s)", maker.label, name, why)
        self.outcomes.append(self._execute(maker))  # it ran: the summary counts it
        brought.append(name)

    def step(self, step: LoadedStep) -> Outcome:
        """Run one step (or skip it: still a stub, or disabled in config)."""
        outcome = self._execute(step)
        self.outcomes.append(outcome)
        return outcome

    def _execute(self, step: LoadedStep) -> Outcome:
        section = self.options.config.get(step.name, {})
        if step.waiting:
            log.warning("step %s skipped: it needs implementation", step.label)
            outcome = Outcome(step, "skipped")
        elif not enabled(step, section):
            unmade = [name for name in step.spec.produces if name not in self.artifacts]
            for name in unmade:
                self.artifacts[name] = None
            log.warning("step %s disabled in config; later steps get None for %s", step.label, ", ".join(unmade) or "nothing new")
            outcome = Outcome(step, "disabled")
        else:
            values, _ = step_values(step, section)
            outcome = _run_one(step, values, self.artifacts, self.options)
        return outcome

    def rounds(self, step: LoadedStep, first: int = 1) -> list[list[LoadedStep]]:
        """After the step that closes the wiki's loop, the steps of each further round (steps a..b, then it)."""
        repeat = self.workflow.repeat
        if not repeat or step.spec.number != repeat.step or repeat.first < first:
            return []
        values, _ = step_values(step, self.options.config.get(step.name, {}))
        count = int(values.get(repeat.key) or 1)
        by_number = {s.spec.number: s for s in self.steps}
        return [[by_number[n] for n in [*range(repeat.first, repeat.last + 1), repeat.step]] for _ in range(2, count + 1)]


def run(workflow: Workflow, steps: list[LoadedStep], options: RunOptions) -> list[Outcome]:
    """Run the selected steps in order; returns what happened to each (a step may run more than once in a loop)."""
    selected = preflight(steps, options)
    session = Session(workflow, steps, options)
    with contexts():  # what steps open for the steps after them closes here, at the end
        session.resume(options.first)
        for step in selected:
            session.step(step)
            rounds = session.rounds(step, options.first)
            for number, steps_of_round in enumerate(rounds, start=2):
                log.info("round %s of %s (steps %s)", number, len(rounds) + 1, ", ".join(str(s.spec.number) for s in steps_of_round))
                for again in steps_of_round:
                    session.step(again)
    return session.outcomes


def summary(outcomes: list[Outcome]) -> list[str]:
    """Lines naming the steps that did not run as code: manual, skipped, disabled."""
    lines = []
    for state, text in (("manual", "manual (decisions handed on from config)"), ("skipped", "skipped (need implementation)"),
                        ("disabled", "disabled in config")):
        labels = list(dict.fromkeys(o.step.label for o in outcomes if o.state == state))
        if labels:
            lines.append(f"{text}: {'; '.join(labels)}")
    ran = len({o.step.name for o in outcomes if o.state == "ran"})
    lines.insert(0, f"{ran} step(s) ran")
    return lines
