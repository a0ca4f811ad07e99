"""Hostile inputs, timed: each case is a small wiki holding one hostile text at 1x, 4x and 16x a base size,
read and planned as `genrepo validate` does. Prints case, size, seconds, the ratio to 1x and the outcome.
Linear parsing keeps the ratio near the size ratio (4, 16).

    python bench/hostile.py [--base 4096] [--case SUBSTRING]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.errors import GenrepoError  # noqa: E402
from generator.pipeline import validate  # noqa: E402
from tests.helpers import build_file_tree  # noqa: E402
from tests.hostile_cases import CASES  # noqa: E402


def run_case(build, size: int) -> tuple[float, str]:
    """Seconds to validate the case's wiki at this size, and what came out."""
    with tempfile.TemporaryDirectory(prefix="genrepo-hostile-") as tmp:
        wiki = build_file_tree(Path(tmp), build(size))
        started = time.perf_counter()
        try:
            result = validate(wiki)
        except GenrepoError as exc:
            return time.perf_counter() - started, f"error: {exc}"[:70]
        seconds = time.perf_counter() - started
    warnings = sum(len(r.plan.warnings) for r in result.results) + len(result.warnings)
    errors = [e for r in result.results for e in r.errors]
    outcome = f"exit {result.exit_code}, {warnings} warning(s)"
    if errors:
        outcome += f"; {errors[0]}"[:60]
    return seconds, outcome


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=int, default=4096, help="size of the hostile text at 1x, in characters")
    parser.add_argument("--case", default="", help="only cases whose name contains this")
    args = parser.parse_args()
    print(f"{'case':<58} {'size':>7} {'seconds':>8} {'x 1x':>6}  outcome")
    for name, build in CASES.items():
        if args.case.lower() not in name.lower():
            continue
        first = None
        for factor in (1, 4, 16):
            size = args.base * factor
            seconds, outcome = run_case(build, size)
            first = first or max(seconds, 1e-6)
            label = name if factor == 1 else ""
            print(f"{label:<58} {size:>7} {seconds:>8.3f} {seconds / first:>6.1f}  {outcome}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
