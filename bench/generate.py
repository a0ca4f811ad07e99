"""How fast genrepo generates: the whole corpus in one process, per stage, cold and no-op, beside the naive
loops (the cookiecutter command once per repository; cookiecutter's Python API once per repository);
`genrepo --help` start-up; and a synthetic wiki of N workflows x 8 steps for growing N.

    python bench/generate.py [--naive-limit 20] [--sizes 10,50,100,250,500] [--pin] [--skip-synthetic]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import pickle
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import write_wikis  # noqa: E402

from generator import pipeline  # noqa: E402
from generator import render as render_module  # noqa: E402
from generator.pin import PinOptions  # noqa: E402
from generator.plan import context  # noqa: E402

CORPUS = Path(os.environ.get("GENREPO_CORPUS", ROOT.parent / "shared" / "corpus"))
STAGES = ("parse", "bind", "render", "format", "write", "pin")


def indexes() -> list[Path]:
    found = sorted(p / "_WorkflowIndex.md" for p in (ROOT / "workflow_index_samples").iterdir())
    if CORPUS.is_dir():
        found += sorted(p / "_WorkflowIndex.md" for p in CORPUS.iterdir() if (p / "_WorkflowIndex.md").is_file())
    return found


@contextmanager
def stage_timers(totals: dict[str, float]):
    """Wrap the pipeline's stage functions so their time adds up per stage (serial runs only)."""
    originals = {
        "load_wiki": pipeline.load_wiki,
        "plan_workflow": pipeline.plan_workflow,
        "render_requests": pipeline.render_requests,
        "_render_into": render_module._render_into,
        "format_trees": render_module.format_trees,
        "pin_plans": pipeline.pin_plans,
    }

    def timed(name: str, function: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                totals[name] += time.perf_counter() - started

        return wrapper

    pipeline.load_wiki = timed("parse", originals["load_wiki"])
    pipeline.plan_workflow = timed("bind", originals["plan_workflow"])
    pipeline.render_requests = timed("render+write", originals["render_requests"])
    render_module._render_into = timed("render", originals["_render_into"])
    render_module.format_trees = timed("format", originals["format_trees"])
    pipeline.pin_plans = timed("pin", originals["pin_plans"])
    try:
        yield totals
    finally:
        pipeline.load_wiki = originals["load_wiki"]
        pipeline.plan_workflow = originals["plan_workflow"]
        pipeline.render_requests = originals["render_requests"]
        render_module._render_into = originals["_render_into"]
        render_module.format_trees = originals["format_trees"]
        pipeline.pin_plans = originals["pin_plans"]


def stamps(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_ino, p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


def run_corpus(out: Path, pin: PinOptions | None, workers: int | None) -> tuple[float, dict[str, float], list]:
    """The whole corpus in one generate_many() call (as `genrepo from-index A B ...`), each wiki into its own
    folder under out (the corpus repeats repository names across wikis); total seconds, per-stage seconds
    (serial runs only: stages in workers are not timed), results."""
    totals: dict[str, float] = defaultdict(float)
    targets = [(index, out / index.parent.name) for index in indexes()]
    started = time.perf_counter()
    with stage_timers(totals):
        results = pipeline.generate_many(targets, pin=pin, workers=workers)
    total = time.perf_counter() - started
    totals["write"] = totals.pop("render+write", 0.0) - totals["render"] - totals["format"]
    return total, dict(totals), results


def fresh_run(out: Path, cache: Path, pin: bool, workers: int | None) -> tuple[float, dict[str, float], list]:
    """run_corpus in a new process, so no memo of an earlier run (parsed code, formatted sources, the compiled
    template) makes this one faster than a user's first run; the results come back pickled."""
    dump = out.parent / f"{out.name}.pickle"
    command = [sys.executable, __file__, "--child", str(out), "--child-workers", str(workers or 0)]
    subprocess.run(
        [*command, *(["--pin"] if pin else [])], check=True, env={**os.environ, "GENREPO_CACHE_DIR": str(cache)}
    )
    return pickle.loads(dump.read_bytes())


def child(out: Path, pin: bool, workers: int) -> int:
    total, stages, results = run_corpus(out, PinOptions() if pin else None, workers or None)
    (out.parent / f"{out.name}.pickle").write_bytes(pickle.dumps((total, stages, results)))
    return 0


def naive_loops(plans: list, scratch: Path, limit: int) -> tuple[float, float, int]:
    """Seconds per repository of the cookiecutter command (first `limit` plans) and of cookiecutter's API (all)."""
    from cookiecutter.main import cookiecutter

    template = render_module.template_dir()
    extras = [{"repo_name": p.repo_name, "package_name": p.package_name, "_workflow": context(p)} for p in plans]
    config = {
        "cookiecutters_dir": str(scratch / "cc"),
        "replay_dir": str(scratch / "replay"),
        "default_context": {},
        "abbreviations": {},
    }
    # cookiecutter writes each hook to a temporary file it never deletes: keep those in the scratch folder
    hook_files = scratch / "hook-files"
    hook_files.mkdir(parents=True, exist_ok=True)
    tempfile.tempdir, earlier = str(hook_files), tempfile.tempdir
    started = time.perf_counter()
    for n, extra in enumerate(extras):
        cookiecutter(
            str(template),
            no_input=True,
            extra_context=extra,
            output_dir=str(scratch / f"api{n}"),
            default_config=config,
            accept_hooks=True,
        )
    api = (time.perf_counter() - started) / max(len(extras), 1)
    tempfile.tempdir = earlier
    base = json.loads((template / "cookiecutter.json").read_text(encoding="utf-8"))
    cli_count = min(limit, len(extras))
    started = time.perf_counter()
    for n, extra in enumerate(extras[:cli_count]):
        replay = scratch / f"replay{n}.json"  # the command takes a whole context from a replay file
        replay.write_text(json.dumps({"cookiecutter": {**base, **extra}}), encoding="utf-8")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "cookiecutter",
                str(template),
                "--replay-file",
                str(replay),
                "-o",
                str(scratch / f"cli{n}"),
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "HOME": str(scratch), "TMPDIR": str(hook_files)},
        )
    cli = (time.perf_counter() - started) / max(cli_count, 1)
    return cli, api, cli_count


def startup(scratch: Path, runs: int = 7) -> tuple[float, float, list[str], float]:
    """Median wall seconds of `genrepo --help`, generator.cli's import time (-X importtime, s), heavy modules
    loaded, and the median wall seconds of `genrepo validate` on an index that lists no workflows (start-up of a
    command that parses: the parsing and planning modules, nothing to read)."""

    def median_wall(command: list[str]) -> float:
        walls = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, check=False, capture_output=True)
            walls.append(time.perf_counter() - started)
        return statistics.median(walls)

    command = [sys.executable, "-m", "generator", "--help"]
    wall = median_wall(command)
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *command[1:]], capture_output=True, text=True, check=True
    )
    cumulative = {
        m.group(2).strip(): int(m.group(1)) for m in re.finditer(r"import time:\s+\d+ \|\s+(\d+) \|(.*)", proc.stderr)
    }
    heavy = [
        name
        for name in ("git", "github", "cookiecutter", "jinja2", "mwparserfromhell", "markdown_it", "requests")
        if name in cumulative
    ]
    empty = scratch / "empty-wiki" / "_WorkflowIndex.md"
    empty.parent.mkdir(parents=True, exist_ok=True)
    empty.write_text("# Workflow Index: Empty\n", encoding="utf-8")
    validate = median_wall([sys.executable, "-m", "generator", "validate", str(empty)])
    return wall, cumulative.get("generator.cli", 0) / 1e6, heavy, validate


def file_creation(folder: Path, count: int = 1000) -> float:
    """Microseconds to create (open, write 300 bytes, close) one new file in folder, averaged over count files:
    the floor under every tree written here (a repository is ~35 files and ~10 folders), which this VM's disk
    moves by 10x from one minute to the next."""
    folder.mkdir(parents=True)
    started = time.perf_counter()
    for n in range(count):
        (folder / f"f{n}.py").write_bytes(b"x = 1\n" * 50)
    return 1e6 * (time.perf_counter() - started) / count


def synthetic(sizes: list[int], scratch: Path):
    """Yield (N, wikis, cold seconds serial, cold seconds with workers, no-op seconds) for N synthetic workflows."""
    for n in sizes:
        indexes = write_wikis(scratch / f"wiki{n}", n)
        timings = []
        for label, workers in (("serial", 1), ("parallel", None), ("parallel", None)):
            os.environ["GENREPO_CACHE_DIR"] = str(scratch / f"cache{n}-{label}")
            started = time.perf_counter()
            # as `genrepo from-index A B ...`: one call, one folder
            targets = [(index, scratch / f"out{n}-{label}") for index in indexes]
            runs = pipeline.generate_many(targets, workers=workers, taken={})
            actions = {r.action for run in runs for r in run.results}
            timings.append(time.perf_counter() - started)
            expected = {"unchanged"} if len(timings) == 3 else {"create"}
            failed = [(r.action, r.errors[:2]) for run in runs for r in run.results if r.action not in expected]
            assert actions == expected, (n, label, actions, failed[:3])  # (what failed, to see why)
        yield (n, len(indexes), *timings)


def pinned_regeneration(scratch: Path, runs: int = 3) -> list[tuple[str, float, int]]:
    """The samples pinned with a cold resolution cache, then regenerated into new folders with the cache warm,
    pinned and --no-pin (median of runs): a warm cache should make pinning cost nothing. Needs PyPI once."""
    samples = sorted(p / "_WorkflowIndex.md" for p in (ROOT / "workflow_index_samples").iterdir())
    os.environ["GENREPO_CACHE_DIR"] = str(scratch / "cache")

    def run(label: str, pin: PinOptions | None) -> tuple[float, int]:
        started = time.perf_counter()
        repos = 0
        for index in samples:
            out = scratch / label / index.parent.name
            result = pipeline.generate(index, out, pin=pin, workers=1)
            repos += sum(1 for r in result.results if r.action == "create")
        return time.perf_counter() - started, repos

    rows = [("pinned, cold resolution cache", *run("cold", PinOptions()))]
    for label, pin in (("pinned, warm cache", PinOptions()), ("--no-pin", None)):
        timings = [run(f"{label}-{n}", pin) for n in range(runs)]
        rows.append((label, statistics.median(t for t, _ in timings), timings[0][1]))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--naive-limit", type=int, default=20, help="repositories the cookiecutter-command loop renders"
    )
    parser.add_argument("--sizes", default="10,50,100,250,500", help="synthetic wiki sizes (workflows)")
    parser.add_argument("--pin", action="store_true", help="also pin (uv; needs the network)")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument(
        "--pin-regen", action="store_true", help="also time pinned regeneration with a warm cache (uv; needs PyPI)"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-workers", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.pin, args.child_workers)
    # the runs import generator in new processes: with its bytecode written, as an installed genrepo's is, even on
    # a machine that sets PYTHONDONTWRITEBYTECODE (compiling our own sources again is not genrepo's work)
    compileall.compile_dir(ROOT / "generator", quiet=1)
    with tempfile.TemporaryDirectory(prefix="genrepo-bench-") as tmp:
        scratch = Path(tmp)
        os.environ["GENREPO_CACHE_DIR"] = str(scratch / "cache")
        creation_before = file_creation(scratch / "disk-before")
        cold, cold_stages, results = fresh_run(scratch / "out", scratch / "cache", args.pin, workers=1)
        before = stamps(scratch / "out")
        noop, noop_stages, again = fresh_run(scratch / "out", scratch / "cache", args.pin, workers=1)
        written = sum(1 for path, stamp in stamps(scratch / "out").items() if before.get(path) != stamp)
        unchanged = all(r.action == "unchanged" for run in again for r in run.results if r.ok)
        parallel, _, _ = fresh_run(scratch / "out-parallel", scratch / "cache-parallel", args.pin, workers=None)
        plans = [r.plan for run in results for r in run.results if r.ok]
        repos = len(plans)
        cli, api, cli_count = naive_loops(plans, scratch / "naive", args.naive_limit)
        wall, imported, heavy, validate = startup(scratch)
        creation = file_creation(scratch / "disk")

        print(
            f"whole corpus + samples, one call per run, each run a new process: {len(indexes())} wikis, {repos} "
            "repositories" + (" (pinned)" if args.pin else " (--no-pin)")
        )
        print(f"{'run':<34} {'total s':>8} {'ms/repo':>8}  " + "  ".join(f"{s:>7}" for s in STAGES))
        for label, total, stages in (
            ("genrepo cold (serial)", cold, cold_stages),
            ("genrepo no-op (serial)", noop, noop_stages),
        ):
            cells = "  ".join(f"{stages.get(s, 0.0):>7.2f}" for s in STAGES)
            print(f"{label:<34} {total:>8.2f} {1000 * total / repos:>8.1f}  {cells}")
        print(f"{f'genrepo cold (--jobs {os.cpu_count()})':<34} {parallel:>8.2f} {1000 * parallel / repos:>8.1f}")
        print(
            f"{f'cookiecutter command loop ({cli_count})':<34} {cli * repos:>8.2f} {1000 * cli:>8.1f}  (total extrapolated)"
        )
        print(f"{'cookiecutter API loop':<34} {api * repos:>8.2f} {1000 * api:>8.1f}")
        print(
            f"per repo, cold: {cli / (cold / repos):.1f}x faster than the command loop serial, "
            f"{cli / (parallel / repos):.1f}x with --jobs {os.cpu_count()}; {api / (cold / repos):.1f}x than the API loop "
            f"serial; no-op = {noop / cold:.2f} of cold, {written} file(s) written, all unchanged: {unchanged}"
        )
        print(
            f"this disk: creating a file costs {creation_before:.0f} us before the runs, {creation:.0f} us after "
            "(1000 files of 300 bytes; ext4 here skips inodes deleted in the last minutes, so the cost follows how "
            "much was deleted just before)"
        )
        print(
            f"genrepo --help: {1000 * wall:.0f} ms wall (median of 7); generator.cli imports in {1000 * imported:.0f} ms "
            f"(-X importtime); heavy modules loaded: {', '.join(heavy) or 'none'}"
        )
        print(f"genrepo validate, index with no workflows: {1000 * validate:.0f} ms wall (median of 7)")
        if args.pin_regen:
            print("\nthe samples regenerated into new folders (plans cached): pinned with a warm cache vs --no-pin")
            print(f"{'run':<32} {'seconds':>8} {'repos':>6}")
            for label, seconds, repos in pinned_regeneration(scratch / "pin-regen"):
                print(f"{label:<32} {seconds:>8.2f} {repos:>6}")
        if not args.skip_synthetic:
            sizes = [int(s) for s in args.sizes.split(",") if s]
            print("\nsynthetic wiki, N workflows x 8 steps with implementation pages and examples (--no-pin)")
            print(
                f"{'N':>5} {'wikis':>5} {'cold serial s':>14} {'ms/repo':>8} {f'cold --jobs {os.cpu_count()} s':>16} "
                f"{'ms/repo':>8} {'no-op s':>8}"
            )
            for n, wikis, serial, par, idle in synthetic(sizes, scratch / "synthetic"):
                print(
                    f"{n:>5} {wikis:>5} {serial:>14.2f} {1000 * serial / n:>8.1f} {par:>16.2f} {1000 * par / n:>8.1f} "
                    f"{idle:>8.2f}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
