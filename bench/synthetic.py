"""Synthetic wikis in the enriched format: N workflows x 8 steps, each step with an implementation page
(signature, import, usage examples) reached through the index's Implementation row.

    python bench/synthetic.py OUT_DIR N      # writes OUT_DIR/wikiK/_WorkflowIndex.md and their pages

An enriched index carries every step's table (~3.7 KB a workflow here), and genrepo refuses a wiki file
over 1 MiB (generator/parse/text.py), so N workflows are split into wikis of at most PER_WIKI, all
generated in one call (`genrepo from-index A B ...`).
"""

from __future__ import annotations

import sys
from pathlib import Path

NAMESPACE = "Synth_Lib"
STEPS = 8
VERBS = ("load", "clean", "split", "encode", "fit", "score", "tune", "export")


def _index_entry(i: int) -> list[str]:
    name = f"{NAMESPACE}_Flow_{i:04d}"
    lines = [
        f"## Workflow: {name}",
        "",
        f"**File:** [→](./workflows/{name}.md)",
        f"**Description:** Synthetic pipeline number {i}: eight stages from loading to export.",
        "**GitHub URL:** PENDING",
        "",
    ]
    for j, verb in enumerate(VERBS, start=1):
        lines += [
            f"### Step {j}: {verb.title()}_Stage",
            "",
            "| Attribute | Value |",
            "|-----------|-------|",
            f"| **API Call** | `synthlib.stage{j}.{verb}_{i}(data, size: int = {j}) -> dict` |",
            f"| **Source Location** | `synthlib/stage{j}.py:L{10 * j}-{10 * j + 9}` |",
            "| **External Dependencies** | `numpy` |",
            f'| **Key Parameters** | `size: int = {j}` - how many, `label: str = "s{j}"` - a name |',
            f"| **Implementation** | {NAMESPACE}_{verb.title()}_{i:04d} |",
            f"| **Inputs** | {'raw records' if j == 1 else 'the previous stage result'} |",
            "| **Outputs** | `result` dict |",
            "",
        ]
    return lines


def _workflow_page(i: int) -> str:
    parts = [
        f"# Workflow: Flow_{i:04d}",
        "",
        '{| class="wikitable"',
        "|-",
        "! Knowledge Sources",
        "|",
        "* [[source::Repo|SynthLib|https://github.com/synth/synthlib]]",
        "|-",
        "! Domains",
        "| [[domain::Benchmarks]]",
        "|}",
        "",
        "== Overview ==",
        f"Synthetic workflow {i} for timing genrepo.",
        "",
        "=== Description ===",
        "Each stage takes the previous stage's result.",
        "",
        "== Execution Steps ==",
        "",
    ]
    for j, verb in enumerate(VERBS, start=1):
        parts += [
            f"=== Step {j}: {verb.title()} Stage ===",
            f"[[step::Principle:{NAMESPACE}_{verb.title()}]]",
            "",
            f"Runs the {verb} stage.",
            "",
        ]
    parts += [
        "== Execution Diagram ==",
        '<syntaxhighlight lang="mermaid">',
        "graph TD",
        *[f"    S{j}[{VERBS[j - 1]}] --> S{j + 1}[{VERBS[j]}]" for j in range(1, STEPS)],
        "</syntaxhighlight>",
        "",
    ]
    return "\n".join(parts)


def _implementation_page(i: int, j: int, verb: str) -> str:
    previous = "records" if j == 1 else "result"
    return "\n".join(
        [
            f"# Implementation: {verb.title()}_{i:04d}",
            "",
            "== Overview ==",
            f"The {verb} stage of synthetic workflow {i}.",
            "",
            "== Code Reference ==",
            "",
            "=== Signature ===",
            '<syntaxhighlight lang="python">',
            f'def {verb}_{i}(data, size: int = {j}, label: str = "s{j}") -> dict:',
            f'    """{verb.title()} the data."""',
            "</syntaxhighlight>",
            "",
            "=== Import ===",
            '<syntaxhighlight lang="python">',
            f"from synthlib.stage{j} import {verb}_{i}",
            "</syntaxhighlight>",
            "",
            "== Usage Examples ==",
            "",
            "=== Basic ===",
            '<syntaxhighlight lang="python">',
            f"from synthlib.stage{j} import {verb}_{i}",
            "",
            *(["records = [1, 2, 3]"] if j == 1 else []),
            f"result = {verb}_{i}({previous}, size={j})",
            "print(result)",
            "</syntaxhighlight>",
            "",
        ]
    )


PER_WIKI = 200


def write_wiki(root: Path, workflows: int, first: int = 1) -> Path:
    """Write a synthetic wiki of `workflows` workflows (numbered from `first`) under root; returns its index."""
    root = Path(root)
    for folder in ("workflows", "implementations"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    index = [f"# Workflow Index: {NAMESPACE}", ""]
    for i in range(first, first + workflows):
        index += _index_entry(i)
        (root / "workflows" / f"{NAMESPACE}_Flow_{i:04d}.md").write_text(_workflow_page(i), encoding="utf-8")
        for j, verb in enumerate(VERBS, start=1):
            page = root / "implementations" / f"{NAMESPACE}_{verb.title()}_{i:04d}.md"
            page.write_text(_implementation_page(i, j, verb), encoding="utf-8")
    (root / "_WorkflowIndex.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    return root / "_WorkflowIndex.md"


def write_wikis(root: Path, workflows: int, per_wiki: int = PER_WIKI) -> list[Path]:
    """N workflows in as few wikis as the file size limit allows; returns their indexes."""
    indexes = []
    for k, first in enumerate(range(1, workflows + 1, per_wiki), start=1):
        indexes.append(write_wiki(Path(root) / f"wiki{k}", min(per_wiki, workflows + 1 - first), first))
    return indexes


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    for path in write_wikis(Path(sys.argv[1]), int(sys.argv[2])):
        print(path)
