"""Run it, don't count it: per corpus wiki, what genrepo's repositories do against the real libraries.

Prints, per wiki: workflows; executable (at least one bound step); CPU-runnable (an end-to-end case in
tests/e2e_cases.py runs it on CPU, or names why it cannot); ran end to end in the tests (from a junit report of
tests/test_e2e.py, given with --junit, else not measured); and, for wikis whose libraries install on a CPU,
`verify` of every repository against those libraries (a wiki needing a GPU-only library, or repositories
importing their source project's own scripts, are "not installable" here): steps verified / failing / not checkable, and calls
bound / not accepted / not checkable. Failing steps and calls are listed by name.

    python bench/run.py [--junit e2e.xml] [--venv DIR]

The environment (--venv, built when missing) holds torch 2.13.0 CPU from the machine's local wheels and every
distribution the CPU-installable wikis need; building it takes a few minutes the first time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import venv
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pipeline import generate  # noqa: E402
from generator.verify import FAILING, apply_moves, verify  # noqa: E402
from tests.e2e_cases import BLOCKED_REASONS, CASES  # noqa: E402

CORPUS = Path(os.environ.get("GENREPO_CORPUS", ROOT.parent / "shared" / "corpus"))
# Distributions that do not install or import on a CPU-only machine: a wiki needing one is not verified here.
GPU_ONLY = {"unsloth", "unsloth-zoo", "vllm", "flash-attn", "triton", "deepspeed", "auto-gptq", "gptqmodel"}


def junit_results(path: Path | None) -> dict[str, str]:
    """{workflow: passed|failed} for test_workflow_runs_end_to_end_with_only_config_set cases."""
    if path is None or not path.is_file():
        return {}
    results = {}
    for case in ET.parse(path).iter("testcase"):
        name = case.get("name", "")
        if name.startswith("test_workflow_runs_end_to_end_with_only_config_set["):
            workflow = name.split("[", 1)[1].rstrip("]")
            failed = case.find("failure") is not None or case.find("error") is not None
            results[workflow] = "failed" if failed else ("skipped" if case.find("skipped") is not None else "passed")
    return results


def build_env(where: Path, requirements: set[str]) -> Path:
    python = where / "bin" / "python"
    if not python.is_file():
        venv.EnvBuilder(with_pip=True).create(where)
    constraints = where / "constraints.txt"
    constraints.write_text("torch==2.13.0\n")
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "-c", str(constraints), "torch==2.13.0", *sorted(requirements)],
        check=True,
        env=env,
        timeout=3600,
    )
    return python


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--junit", type=Path, help="junit XML of `pytest tests/test_e2e.py --junitxml FILE`")
    parser.add_argument("--venv", type=Path, default=Path(tempfile.gettempdir()) / "genrepo-bench-venv")
    parser.add_argument(
        "--fix", action="store_true", help="apply `genrepo verify --fix` (moved imports) before counting"
    )
    args = parser.parse_args()
    ran = junit_results(args.junit)
    out = Path(tempfile.mkdtemp(prefix="genrepo-bench-run-"))
    rows, verifiable, listed = [], {}, []
    for index in sorted(CORPUS.glob("*/_WorkflowIndex.md")):
        wiki = index.parent.name
        result = generate(index, out / wiki)
        items = [r for r in result.results if r.ok]
        requirements = {req for r in items for req in r.plan.requirements}
        cases = [c for c in CASES if c.wiki == wiki]
        # a repository importing its source project's own scripts needs a checkout of it: not a library to install
        installable = [r for r in items if not any("on PYTHONPATH" in p for p in r.plan.prerequisites)]
        if installable and not requirements & GPU_ONLY and requirements:
            verifiable[wiki] = (installable, requirements)
        rows.append(
            [wiki, len(result.results), sum(1 for r in items if r.executable), cases, verifiable.get(wiki, ([],))[0]]
        )
    python = build_env(args.venv, {req for _, reqs in verifiable.values() for req in reqs})
    print(
        f"{'wiki':46} {'flows':>5} {'exec':>4} {'cpu':>3} {'ran':>5}  {'steps ok/fail/unk':>17}  {'calls ok/fail/unk':>17}"
    )
    totals = Counter()
    for wiki, count, executable, cases, items in rows:
        passed = sum(1 for c in cases if ran.get(c.workflow) == "passed" and not c.blocked)
        ran_text = f"{passed}/{len(cases)}" if ran else "-"
        steps, calls = Counter(), Counter()
        if wiki in verifiable:
            for item in items:
                checked = verify(item.output_dir, str(python))
                changes = apply_moves(checked) if args.fix else []
                if changes:
                    listed.extend(f"fixed: {wiki} / {item.plan.workflow.short_name} / {change}" for change in changes)
                    checked = verify(item.output_dir, str(python))
                for step in checked.steps:
                    steps[
                        "fail"
                        if step.failing
                        else (
                            "ok"
                            if step.status == "verified"
                            else ("unk" if step.status == "not checkable" else "other")
                        )
                    ] += 1
                    if step.failing:
                        listed.append(
                            f"{wiki} / {item.plan.workflow.short_name} / step {step.number} {step.title}: {step.status}"
                        )
                    for call in step.calls:
                        calls["ok" if call.status == "verified" else ("fail" if call.status in FAILING else "unk")] += 1
                        if call.status in FAILING:
                            listed.append(f"    {call.status}: {call.text} -- {call.detail[:160]}")
            totals.update({f"steps_{k}": v for k, v in steps.items()} | {f"calls_{k}": v for k, v in calls.items()})
        step_text = f"{steps['ok']}/{steps['fail']}/{steps['unk']}" if wiki in verifiable else "not installable"
        call_text = f"{calls['ok']}/{calls['fail']}/{calls['unk']}" if wiki in verifiable else "-"
        print(
            f"{wiki[:46]:46} {count:>5} {executable:>4} {len(cases):>3} {ran_text:>5}  {step_text:>17}  {call_text:>17}"
        )
        totals.update(flows=count, executable=executable, cpu=len(cases), ran=passed)
    checked_calls = totals["calls_ok"] + totals["calls_fail"]
    share = f"{100 * totals['calls_ok'] / checked_calls:.1f}%" if checked_calls else "-"
    print(
        f"{'corpus':46} {totals['flows']:>5} {totals['executable']:>4} {totals['cpu']:>3} {totals['ran'] if ran else '-':>5}  "
        f"{totals['steps_ok']}/{totals['steps_fail']}/{totals['steps_unk']:>3}  "
        f"{totals['calls_ok']}/{totals['calls_fail']}/{totals['calls_unk']:>3}"
    )
    print(f"calls whose arguments bind, of the calls check could resolve: {share}")
    for workflow, reason in BLOCKED_REASONS.items():
        print(f"not runnable: {workflow}: {reason}")
    if listed:
        print("failing, by name:")
        print("\n".join(f"  {line}" for line in listed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
