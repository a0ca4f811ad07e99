"""Time parsing, planning and rendering over the corpus and the samples; prints a table."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from generator.parse.wiki import load_wiki
from generator.pipeline import generate

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("GENREPO_CORPUS", ROOT.parent / "shared" / "corpus"))


def indexes() -> list[Path]:
    found = sorted(p / "_WorkflowIndex.md" for p in (ROOT / "workflow_index_samples").iterdir())
    if CORPUS.is_dir():
        found += sorted(p / "_WorkflowIndex.md" for p in CORPUS.iterdir() if (p / "_WorkflowIndex.md").is_file())
    return found


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for index in indexes():
            started = time.perf_counter()
            wiki = load_wiki(index)
            parsed = time.perf_counter() - started
            started = time.perf_counter()
            result = generate(index, Path(tmp) / index.parent.name)
            total = time.perf_counter() - started
            steps = sum(len(r.plan.steps) for r in result.results)
            rows.append((index.parent.name[:44], len(wiki.workflows), steps, parsed, total))
    print(f"{'wiki':<44} {'wf':>3} {'steps':>5} {'parse s':>8} {'generate s':>10} {'ms/repo':>8}")
    for name, workflows, steps, parsed, total in rows:
        per = 1000 * total / workflows if workflows else 0.0
        print(f"{name:<44} {workflows:>3} {steps:>5} {parsed:>8.3f} {total:>10.3f} {per:>8.1f}")
    workflows = sum(r[1] for r in rows)
    total = sum(r[4] for r in rows)
    print(f"{'total':<44} {workflows:>3} {sum(r[2] for r in rows):>5} {sum(r[3] for r in rows):>8.3f} {total:>10.3f} {1000 * total / max(workflows, 1):>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
