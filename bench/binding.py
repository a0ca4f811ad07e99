"""How many steps that cite an API are bound to a real call with a resolved import, per wiki; prints a table.

A step cites an API when its API Call is code (a call, a method, an import, a `def`, a command line);
prose such as "N/A (manual process)" or "Python lists (user-defined)" does not count.
It is bound when genrepo wrote a run() that makes that call, with the import resolved from the wiki
(page, example, a dotted dependency, the symbols table, the source location) or through an object an
earlier step made ("upstream").
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

from generator.apitext import parse_api
from generator.parse.wiki import load_wiki
from generator.plan import plan_workflow

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("GENREPO_CORPUS", ROOT.parent / "shared" / "corpus"))
RESOLVED = {"page", "example", "derived", "symbols", "upstream"}


def cites_api(step, binding) -> bool:
    text = step.api_call.strip().strip("`")
    if binding.kind in ("import", "tool"):
        return True
    return parse_api(text) is not None


def is_bound(binding) -> bool:
    return binding.bound and (binding.kind == "tool" or binding.import_origin in RESOLVED)


def measure(index: Path) -> tuple[int, int, int, Counter]:
    wiki = load_wiki(index)
    steps = cited = bound = 0
    origins: Counter = Counter()
    for workflow in wiki.workflows:
        plan = plan_workflow(wiki, workflow)
        for sp in plan.steps:
            steps += 1
            if not cites_api(sp.step, sp.binding):
                continue
            cited += 1
            if is_bound(sp.binding):
                bound += 1
                origins[sp.binding.import_origin or sp.binding.kind] += 1
    return steps, cited, bound, origins


def main() -> int:
    indexes = sorted(p / "_WorkflowIndex.md" for p in CORPUS.iterdir() if (p / "_WorkflowIndex.md").is_file())
    total = Counter()
    print(f"{'wiki':<46} {'steps':>5} {'cite API':>8} {'bound':>5} {'share':>6}")
    for index in indexes:
        steps, cited, bound, origins = measure(index)
        total.update({"steps": steps, "cited": cited, "bound": bound})
        total.update({f"origin:{k}": v for k, v in origins.items()})
        share = f"{100 * bound / cited:.0f}%" if cited else "-"
        print(f"{index.parent.name[:46]:<46} {steps:>5} {cited:>8} {bound:>5} {share:>6}")
    share = 100 * total["bound"] / max(total["cited"], 1)
    print(f"{'corpus':<46} {total['steps']:>5} {total['cited']:>8} {total['bound']:>5} {share:>5.1f}%")
    print(
        "import origins of bound steps: "
        + ", ".join(f"{k[7:]} {v}" for k, v in sorted(total.items()) if k.startswith("origin:"))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
