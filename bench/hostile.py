"""Hostile inputs, timed: each case is a small wiki holding one hostile text at 1x, 4x and 16x a base size,
read and planned as `genrepo validate` does, in a child process with a time limit. Prints case, size,
seconds, the ratio to 1x and the outcome. Linear parsing keeps the ratio near the size ratio (4, 16).

    python bench/hostile.py [--base 4096] [--case SUBSTRING] [--limit SECONDS] [--all]

--all adds the cases known to be super-linear in modules this bench does not fix (parse/pages.py,
parse/markdown.py); they stop at the time limit.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.errors import GenrepoError  # noqa: E402
from generator.pipeline import validate  # noqa: E402
from tests.helpers import build_file_tree  # noqa: E402
from tests.hostile_cases import CASES, NOT_FIXED_HERE  # noqa: E402


def run_case(name: str, size: int) -> tuple[float, str]:
    """Seconds to validate the case's wiki at this size, and what came out."""
    build = {**CASES, **NOT_FIXED_HERE}[name]
    with tempfile.TemporaryDirectory(prefix="genrepo-hostile-") as tmp:
        wiki = build_file_tree(Path(tmp), build(size))
        started = time.perf_counter()
        try:
            result = validate(wiki)
        except GenrepoError as exc:
            return time.perf_counter() - started, f"error: {exc}"[:70]
        except Exception as exc:  # what the bench is for: a crash is an outcome too
            return time.perf_counter() - started, f"CRASH {type(exc).__name__}: {exc}"[:70]
        seconds = time.perf_counter() - started
    warnings = sum(len(r.plan.warnings) for r in result.results) + len(result.warnings)
    errors = [e for r in result.results for e in r.errors]
    outcome = f"exit {result.exit_code}, {warnings} warning(s)"
    if errors:
        outcome += f"; {errors[0]}"[:60]
    return seconds, outcome


def timed(name: str, size: int, limit: float) -> tuple[float | None, str]:
    """run_case in a child process; (None, "stopped ...") when it outlives the limit."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        pending = pool.apply_async(run_case, (name, size))
        try:
            return pending.get(timeout=limit)
        except multiprocessing.TimeoutError:
            pool.terminate()
            return None, f"stopped after {limit:.0f} s"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=int, default=4096, help="size of the hostile text at 1x, in characters")
    parser.add_argument("--case", default="", help="only cases whose name contains this")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a case is stopped")
    parser.add_argument("--all", action="store_true", help="also the cases in modules not fixed here")
    args = parser.parse_args()
    names = [*CASES, *(NOT_FIXED_HERE if args.all else ())]
    print(f"{'case':<58} {'size':>7} {'seconds':>8} {'x 1x':>6}  outcome")
    for name in names:
        if args.case.lower() not in name.lower():
            continue
        first = None
        for factor in (1, 4, 16):
            size = args.base * factor
            seconds, outcome = timed(name, size, args.limit)
            label = name if factor == 1 else ""
            if seconds is None:
                print(f"{label:<58} {size:>7} {'-':>8} {'-':>6}  {outcome}", flush=True)
                break
            first = first or max(seconds, 1e-6)
            print(f"{label:<58} {size:>7} {seconds:>8.3f} {seconds / first:>6.1f}  {outcome}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
