"""Where every External Dependency and step import of the corpus goes; prints a table, exits 1 if any is unplaced."""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from pathlib import Path

from generator.bind import bind_workflow, load_tables
from generator.parse.wiki import load_wiki
from generator.plan import requirements_for

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("GENREPO_CORPUS", ROOT.parent / "shared" / "corpus"))


def placements() -> dict[tuple[str, str, str], set[str]]:
    """(name, kind, value) -> the wikis it appears in."""
    tables = load_tables()
    table: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "_WorkflowIndex.md").is_file()):
        wiki = load_wiki(folder / "_WorkflowIndex.md")
        for workflow in wiki.workflows:
            bound = bind_workflow(workflow, tables)
            for name, kind, value in requirements_for(workflow, list(bound.bindings), tables).placements:
                table[(name, str(kind), value)].add(folder.name)
    return table


def main() -> int:
    table = placements()
    print(f"{'name in the wiki':<40} {'placed as':<9} {'value'}")
    for name, kind, value in sorted(table, key=lambda r: (r[1], r[0].lower())):
        print(f"{name[:40]:<40} {kind:<9} {value}")
    unplaced = [name for (name, kind, _) in table if kind == "unknown"]
    print(
        f"\n{len(table)} names: "
        + ", ".join(
            f"{sum(1 for r in table if r[1] == kind)} {kind}"
            for kind in ("python", "system", "stdlib", "internal", "ignore", "unknown")
        )
    )
    return 1 if unplaced else 0


if __name__ == "__main__":
    sys.exit(main())
