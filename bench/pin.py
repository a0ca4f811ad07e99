"""Pinning costs, measured: corpus workflows vs resolutions performed (cold cache, then warm), and
pip-tools vs uv on one real dependency set. Needs PyPI. Prints tables.

    python bench/pin.py [--resolver uv|pip-tools] [--set "requests tqdm numpy regex"]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from generator.parse.wiki import load_wiki
from generator.pin import Pinner, PinOptions
from generator.pipeline import pin_plans
from generator.plan import plan_workflow

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("GENREPO_CORPUS", ROOT.parent / "shared" / "corpus"))


def corpus_plans():
    plans = []
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "_WorkflowIndex.md").is_file()):
        wiki = load_wiki(folder / "_WorkflowIndex.md")
        plans += [plan_workflow(wiki, w) for w in wiki.workflows]
    return plans


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--resolver", default="uv", help="resolver for the corpus run (uv is metadata-only and fast)")
    parser.add_argument(
        "--set", default="requests tqdm numpy regex", help="the dependency set to time both resolvers on"
    )
    args = parser.parse_args()

    plans = corpus_plans()
    with tempfile.TemporaryDirectory() as cache:
        rows = []
        for label in ("cold cache", "warm cache"):
            pinner = Pinner(PinOptions(resolver=args.resolver, cache_dir=Path(cache)))
            started = time.perf_counter()
            _, failures = pin_plans(plans, pinner, jobs=4)
            rows.append(
                (
                    label,
                    len(plans),
                    len({p.requirements for p in plans}),
                    pinner.resolutions,
                    len(failures),
                    time.perf_counter() - started,
                )
            )
    print(f"corpus with {args.resolver}")
    print(f"{'run':<12} {'workflows':>9} {'distinct sets':>13} {'resolutions':>11} {'failed':>6} {'seconds':>8}")
    for label, workflows, sets, resolutions, failed, seconds in rows:
        print(f"{label:<12} {workflows:>9} {sets:>13} {resolutions:>11} {failed:>6} {seconds:>8.1f}")

    wanted = args.set.split()
    print(f"\none set: {' '.join(wanted)}")
    print(f"{'resolver':<10} {'seconds':>8} {'pins':>5}")
    for resolver in ("pip-tools", "uv"):
        with tempfile.TemporaryDirectory() as cache:
            pinner = Pinner(PinOptions(resolver=resolver, cache_dir=Path(cache)))
            started = time.perf_counter()
            result = pinner.pin(wanted)
            seconds = time.perf_counter() - started
        pins = sum(1 for line in result.text.splitlines() if "==" in line)
        print(f"{resolver:<10} {seconds:>8.1f} {pins:>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
