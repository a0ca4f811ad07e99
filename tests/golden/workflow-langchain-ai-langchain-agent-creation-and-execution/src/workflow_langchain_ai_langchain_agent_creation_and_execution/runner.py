"""Plan and run the workflow: config loading, overrides, artifact wiring, per-step logging and timing.

`plan` imports only the step modules, which import nothing heavy at module level: heavy imports happen
inside each step's `run`.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import logging
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from .pipeline import REPEAT, STEPS, TITLE

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

log = logging.getLogger(__package__)
DEFAULT_CONFIG = Path("config.toml")


class WorkflowError(Exception):
    """A problem that stops the run, with a message naming the step and config keys involved."""


def load_step(module: str) -> ModuleType:
    """Import one step module by name."""
    return importlib.import_module(f"{__package__}.steps.{module}")


def load_steps() -> list[ModuleType]:
    """All step modules, in order."""
    return [load_step(name) for name in STEPS]


def load_config(path: Path | None) -> dict[str, dict[str, Any]]:
    """The config file as {step module: {key: value}}; a missing default file means all defaults."""
    if path is None:
        path = DEFAULT_CONFIG
        if not path.exists():
            return {}
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise WorkflowError(f"cannot read config {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise WorkflowError(f"config {path} is not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(STEPS))
    if unknown:
        raise WorkflowError(f"config {path} has sections for no step: {', '.join(unknown)}")
    return {name: dict(section) for name, section in data.items()}


def step_by_reference(reference: str) -> str:
    """A step module name from a number (`2`), a module name, or its name without the number prefix."""
    if reference.isdigit() and 1 <= int(reference) <= len(STEPS):
        return STEPS[int(reference) - 1]
    for name in STEPS:
        if reference in (name, name.split("_", 2)[-1]):
            return name
    raise WorkflowError(f"no step called {reference!r}; steps are 1..{len(STEPS)} or: {', '.join(STEPS)}")


def parse_override(text: str) -> tuple[str, str, Any]:
    """`step.key=value` to (step module, key, value); value read as a Python literal, else as a string."""
    target, sep, raw = text.partition("=")
    step, dot, key = target.strip().rpartition(".")
    if not sep or not dot or not key:
        raise WorkflowError(f"--set takes STEP.KEY=VALUE, got {text!r}")
    try:
        value: Any = ast.literal_eval(raw.strip())
    except (ValueError, SyntaxError):
        value = raw.strip()
    return step_by_reference(step), key, value


def step_values(module: ModuleType, section: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The step's parameter values (config over defaults) and the required keys still missing."""
    values: dict[str, Any] = {}
    missing: list[str] = []
    for key, spec in module.PARAMS.items():
        if key in section:
            values[key] = section[key]
        elif spec.get("required"):
            missing.append(key)
        else:
            values[key] = spec.get("default")
    for key in section:
        if key not in module.PARAMS:
            values[key] = section[key]
    return values, missing


def scalar(value: Any) -> float | None:
    """A number to log for an artifact: plain numbers, objects with a numeric `.data`, or one-element `.item()`."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    data = getattr(value, "data", None)
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        return float(data)
    item = getattr(value, "item", None)
    if callable(item) and getattr(value, "numel", lambda: 0)() == 1:
        try:
            return float(item())
        except (TypeError, ValueError):
            return None
    return None


def command_plan(steps: list[ModuleType], config: dict[str, dict[str, Any]]) -> int:
    """Print the steps with their kind, inputs, outputs and config keys."""
    print(f"{TITLE}: {len(steps)} steps")
    for module, name in zip(steps, STEPS, strict=True):
        status = "bound" if module.BOUND else ("needs implementation" if module.NEEDS_IMPLEMENTATION else "manual")
        print(f"{module.NUMBER:>3}. {module.TITLE} [{module.KIND}, {status}]")
        if module.API:
            print(f"     api:      {module.API}")
        print(f"     consumes: {', '.join(module.CONSUMES) or '-'}")
        print(f"     produces: {', '.join(module.PRODUCES) or '-'}")
        _, missing = step_values(module, config.get(name, {}))
        keys = [f"{name}.{key}" + (" (required, not set)" if key in missing else "") for key in module.PARAMS]
        print(f"     config:   {', '.join(keys) or '-'}")
    if REPEAT:
        loop, first, last, key = REPEAT
        print(f"steps {first}-{last} repeat as set by {STEPS[loop - 1]}.{key}")
    return 0


def _check_before_run(selected: list[tuple[str, ModuleType]], config, allow_incomplete: bool) -> None:
    incomplete = [f"{m.NUMBER}. {m.TITLE}" for _, m in selected if m.NEEDS_IMPLEMENTATION]
    if incomplete and not allow_incomplete:
        raise WorkflowError(
            "these steps need implementation: " + "; ".join(incomplete) + ". Implement them in "
            f"src/{__package__}/steps/, or pass --allow-incomplete to run the others."
        )
    problems = []
    for name, module in selected:
        if module.NEEDS_IMPLEMENTATION and allow_incomplete:
            continue
        _, missing = step_values(module, config.get(name, {}))
        problems.extend(f"{name}.{key}" for key in missing)
    if problems:
        raise WorkflowError(
            "set these config keys (in config.toml or with --set STEP.KEY=VALUE): " + ", ".join(problems)
        )


def _run_one(name: str, module: ModuleType, config, artifacts: dict[str, Any]) -> None:
    if module.NEEDS_IMPLEMENTATION:
        log.warning("step %s (%s) skipped: needs implementation", module.NUMBER, module.TITLE)
        return
    absent = [a for a in module.CONSUMES if a not in artifacts]
    if absent:
        raise WorkflowError(
            f"step {module.NUMBER} ({module.TITLE}) needs {', '.join(absent)}, which no earlier step produced "
            f"in this run; run from an earlier step or set them in config section [{name}]"
        )
    values, _ = step_values(module, config.get(name, {}))
    started = time.perf_counter()
    log.info("step %s: %s", module.NUMBER, module.TITLE)
    try:
        produced = module.run(values, artifacts) or {}
    except WorkflowError:
        raise
    except Exception as exc:
        keys = ", ".join(f"{name}.{k}" for k in module.PARAMS) or "none"
        raise WorkflowError(
            f"step {module.NUMBER} ({module.TITLE}) failed calling {module.API or 'its code'}: "
            f"{type(exc).__name__}: {exc} (config keys: {keys})"
        ) from exc
    artifacts.update(produced)
    elapsed = time.perf_counter() - started
    log.info("step %s done in %.3fs; produced: %s", module.NUMBER, elapsed, ", ".join(sorted(produced)) or "-")
    for key, value in produced.items():
        number = scalar(value)
        if number is not None:
            log.info("  %s = %.6g", key, number)


def command_run(steps: list[ModuleType], config, first: int, last: int, allow_incomplete: bool) -> dict[str, Any]:
    """Run steps first..last (1-based, inclusive) in order, looping where REPEAT says; return the artifacts."""
    selected = [(name, module) for name, module in zip(STEPS, steps, strict=True) if first <= module.NUMBER <= last]
    _check_before_run(selected, config, allow_incomplete)
    artifacts: dict[str, Any] = {}
    by_number = {module.NUMBER: (name, module) for name, module in selected}
    number = first
    while number <= last:
        name, module = by_number[number]
        _run_one(name, module, config, artifacts)
        if REPEAT and number == REPEAT[0] and REPEAT[1] >= first:
            loop, start, end, key = REPEAT
            rounds = int(step_values(module, config.get(name, {}))[0].get(key) or 1)
            for round_number in range(2, rounds + 1):
                log.info("round %s of %s (steps %s-%s, then %s)", round_number, rounds, start, end, loop)
                for again in [*range(start, end + 1), loop]:
                    _run_one(*by_number[again], config, artifacts)
        number += 1
    return artifacts


def seed_everything(seed: int) -> None:
    """Seed random, and numpy and torch when they are installed, for repeatable runs."""
    import importlib.util
    import random

    random.seed(seed)
    if importlib.util.find_spec("numpy") is not None:
        import numpy

        numpy.random.seed(seed)
    if importlib.util.find_spec("torch") is not None:
        import torch

        torch.manual_seed(seed)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m {__package__}", description=TITLE)
    sub = parser.add_subparsers(dest="command", required=True)
    plan = sub.add_parser("plan", help="list the steps, their inputs, outputs and config keys")
    plan.add_argument("--config", type=Path, default=None)
    run = sub.add_parser("run", help="run the steps in order")
    run.add_argument("--config", type=Path, default=None, help="TOML config (default: ./config.toml)")
    run.add_argument("--set", dest="overrides", action="append", default=[], metavar="STEP.KEY=VALUE")
    run.add_argument("--from", dest="first", type=int, default=1, metavar="N")
    run.add_argument("--to", dest="last", type=int, default=len(STEPS), metavar="N")
    run.add_argument("--allow-incomplete", action="store_true", help="skip steps that need implementation")
    run.add_argument("--seed", type=int, default=None, help="seed Python's random module (and numpy, torch if installed)")
    run.add_argument("-v", "--verbose", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 a step failed, 2 bad usage or config)."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if getattr(args, "verbose", False) else logging.INFO, format="%(message)s")
    try:
        steps = load_steps()
        config = load_config(args.config)
        if args.command == "plan":
            return command_plan(steps, config)
        for text in args.overrides:
            name, key, value = parse_override(text)
            config.setdefault(name, {})[key] = value
        if not 1 <= args.first <= args.last <= len(STEPS):
            raise WorkflowError(f"--from/--to must satisfy 1 <= from <= to <= {len(STEPS)}")
        if args.seed is not None:
            seed_everything(args.seed)
        command_run(steps, config, args.first, args.last, args.allow_incomplete)
    except WorkflowError as exc:
        log.error("error: %s", exc)
        return 1 if exc.__cause__ is not None else 2
    return 0
