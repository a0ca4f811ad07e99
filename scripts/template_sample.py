"""Write cookiecutter-workflow/cookiecutter.json with the LoreSmith sample as its default context.

Run through `make template-sample` whenever the template's context shape (generator/plan.py) changes,
so that `cookiecutter cookiecutter-workflow --no-input` keeps rendering a complete sample repository.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.parse.wiki import load_wiki
from generator.plan import context, plan_workflow

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "workflow_index_samples" / "loresmith" / "_WorkflowIndex.md"
TARGET = ROOT / "cookiecutter-workflow" / "cookiecutter.json"


def build() -> str:
    wiki = load_wiki(SAMPLE)
    plan = plan_workflow(wiki, wiki.workflows[0])
    data = {
        "repo_name": plan.repo_name,
        "package_name": plan.package_name,
        "_workflow": context(plan),
        "_extensions": ["local_extensions.GenrepoFilters"],
        "_copy_without_render": ["*/runtime/*"],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    text = build()
    if "--check" in sys.argv:
        sys.exit(0 if TARGET.read_text(encoding="utf-8") == text else 1)
    TARGET.write_text(text, encoding="utf-8")
