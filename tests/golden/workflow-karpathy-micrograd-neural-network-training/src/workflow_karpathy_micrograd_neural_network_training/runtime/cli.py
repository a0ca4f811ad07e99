"""The workflow's command line: `plan`, `run` (expert mode: every option), `guide` (step by step), `check`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import traceback
from pathlib import Path

from .config import ENABLED, followed, load_config, parse_override, step_values
from .runner import RunOptions, run, summary
from .steps import WorkflowError, load_workflow
from .store import Store

log = logging.getLogger("workflow")
FAILING = ("import fails", "no such attribute", "argument not accepted", "not callable")


def build_parser(package: str, title: str, count: int) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m {package}", description=title)
    sub = parser.add_subparsers(dest="command", required=True)
    plan = sub.add_parser("plan", help="list the steps: kind, status, inputs, outputs, config keys, needs")
    plan.add_argument("--config", type=Path, default=None, help="TOML config (default: ./config.toml)")
    go = sub.add_parser("run", help="run the steps in order")
    go.add_argument("--config", type=Path, default=None, help="TOML config (default: ./config.toml)")
    go.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="STEP.KEY=VALUE",
        help="override a config key; STEP is a step number or module name",
    )
    go.add_argument(
        "--from",
        dest="first",
        type=int,
        default=1,
        metavar="N",
        help="start at step N (earlier steps' saved artifacts are loaded)",
    )
    go.add_argument("--to", dest="last", type=int, default=count, metavar="N", help="stop after step N")
    go.add_argument("--allow-incomplete", action="store_true", help="skip steps that still need implementation")
    go.add_argument(
        "--artifacts",
        type=Path,
        default=Path("artifacts"),
        metavar="DIR",
        help="where artifacts are saved (default: ./artifacts)",
    )
    go.add_argument(
        "--no-save", action="store_true", help="do not save artifacts after each step (then --from cannot resume)"
    )
    go.add_argument("--seed", type=int, default=None, help="seed random, and numpy and torch when installed")
    go.add_argument("-v", "--verbose", action="store_true", help="debug logging, and the traceback of a failing step")
    guide = sub.add_parser("guide", help="walk through the workflow step by step: explains, asks, runs, resumes")
    guide.add_argument(
        "--config", type=Path, default=None, help="TOML config to read and save to (default: ./config.toml)"
    )
    guide.add_argument(
        "--artifacts", type=Path, default=Path("artifacts"), metavar="DIR", help="where artifacts and progress are kept"
    )
    check = sub.add_parser(
        "check", help="check every step's imports and calls against the installed libraries (calls nothing)"
    )
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


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


def command_plan(workflow, steps, config) -> int:
    print(f"{workflow.title}: {len(steps)} steps")
    for step in steps:
        spec = step.spec
        print(f"{spec.number:>3}. {spec.title} [{spec.kind}, {step.status}]")
        if spec.api:
            print(f"     api:      {spec.api}")
        print(f"     consumes: {', '.join(spec.consumes) or '-'}")
        print(f"     produces: {', '.join(spec.produces) or '-'}")
        section = config.get(step.name, {})
        _, missing = step_values(step, section)
        keys = []
        for key, param in step.params.items():
            note = (
                " (required, not set)"
                if key in missing
                else (f" (loaded with loaders.{param.loader})" if param.loader else "")
            )
            keys.append(f"{step.name}.{key}{note}")
        print(f"     config:   {', '.join(keys) or '-'}")
        for need in spec.needs:
            print(f"     needs:    {need} (switch the step off with {step.name}.{ENABLED} = false)")
        if section.get(ENABLED) is False:
            print("     disabled in config")
        if step.status == "stub":
            print(f"     to do:    write run() in steps/{step.name}.py")
    if workflow.repeat:
        r = workflow.repeat
        print(
            f"steps {r.first}-{r.last} repeat, then step {r.step}, as many times as {workflow.steps[r.step - 1]}.{r.key} says"
        )
    return 0


def command_check(package, steps, as_json: bool) -> int:
    from .check import check

    results = check(package, steps)
    failing = [r for r in results if r.status in FAILING]
    if as_json:
        print(json.dumps({"steps": [r.as_dict() for r in results], "ok": not failing}, indent=2))
        return 1 if failing else 0
    for result in results:
        spec = result.step.spec
        print(
            f"{spec.number:>3}. {spec.title}: {result.status}"
            + (f"  ({spec.wiki})" if result.status in FAILING and spec.wiki else "")
        )
        for error in result.imports:
            print(f"       {error}")
        for module, name, now in result.moves:
            print(f"       {name} is now in {now} (not {module}): `genrepo verify --fix` rewrites the import")
        for call in result.calls:
            if call.status != "verified":
                print(f"       {call.status}: {call.text}" + (f" -- {call.detail}" if call.detail else ""))
    counts = {s: sum(1 for r in results if r.status == s) for s in dict.fromkeys(r.status for r in results)}
    print(", ".join(f"{n} {s}" for s, n in counts.items()))
    return 1 if failing else 0


def main(package: str, argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 a step or check failed, 2 bad usage or config)."""
    workflow, steps = load_workflow(package)
    args = build_parser(package, workflow.title, len(steps)).parse_args(argv)
    verbose = getattr(args, "verbose", False)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if verbose:  # the workflow's own debug lines, and its steps' (`logging.getLogger(__name__)`); not the
        log.setLevel(logging.DEBUG)  # libraries' (PIL, urllib3, ...), which would bury them
        logging.getLogger(package).setLevel(logging.DEBUG)
    try:
        if args.command == "check":
            return command_check(package, steps, args.json)
        if args.command == "guide":
            from .guide import main as guide_main

            logging.getLogger().setLevel(logging.WARNING)  # the guide says what happens itself
            return guide_main(package, workflow, steps, args.config, args.artifacts)
        config = load_config(args.config, steps)
        if args.command == "plan":
            return command_plan(workflow, steps, followed(config, steps))
        for text in args.overrides:
            name, key, value = parse_override(text, steps)
            config.setdefault(name, {})[key] = value
        config = followed(config, steps)
        if args.seed is not None:
            seed_everything(args.seed)
        store = None if args.no_save else Store(args.artifacts)
        options = RunOptions(config, args.first, args.last, args.allow_incomplete, store)
        outcomes = run(workflow, steps, options)
    except WorkflowError as exc:
        log.error("error: %s", exc)
        if verbose and exc.__cause__ is not None:
            log.error("%s", "".join(traceback.format_exception(exc.__cause__)))
        return 1 if exc.__cause__ is not None else 2
    except KeyboardInterrupt:
        log.error("interrupted; artifacts of the steps that finished are saved: resume with --from N")
        return 130
    for line in summary(outcomes):
        log.info("%s", line)
    if store is not None and options.unsaved:  # (said once for all: the warnings scrolled by with each step)
        unsaved = ", ".join(sorted(options.unsaved))
        log.info(
            "artifacts saved in %s, except %s, which could not be saved: --from N runs again the steps that make them",
            store.root,
            unsaved,
        )
    elif store is not None:
        log.info("artifacts saved in %s (resume a later step with --from N)", store.root)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1]))
