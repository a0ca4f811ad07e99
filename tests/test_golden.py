"""Golden files: two corpus workflows render to exactly the committed trees. `make golden` refreshes them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.pipeline import generate
from tests.conftest import CORPUS

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = [
    ("llm_finetuning_test-Karpathy_Micrograd-4bdde244e902", "Neural_Network_Training"),
    ("batch-langchain-ai_langchain-1e3eaf4eac17", "Agent_Creation_and_Execution"),
]


def tree(root: Path) -> dict[str, bytes]:
    """The generated repository as published: `.genrepo/` is local state (the update base, where the wiki is on
    this machine), gitignored and never pushed, so it is not output."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != ".genrepo"
    }


@pytest.mark.parametrize(("wiki", "workflow"), CASES, ids=[c[1] for c in CASES])
def test_golden(tmp_path, wiki, workflow):
    index = CORPUS / wiki / "_WorkflowIndex.md"
    if not index.is_file():
        pytest.skip("corpus not found")
    result = generate(index, tmp_path, [workflow])
    (item,) = result.results
    assert item.ok, item.errors
    golden = GOLDEN / item.plan.repo_name
    if os.environ.get("GENREPO_UPDATE_GOLDEN"):
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(
            item.output_dir,
            golden,
            ignore=lambda folder, names: [".genrepo"] if Path(folder) == item.output_dir else [],
        )
    actual, expected = tree(item.output_dir), tree(golden)
    assert sorted(actual) == sorted(expected)
    for rel in expected:
        assert actual[rel] == expected[rel], f"{rel} differs from the golden file; run `make golden` if intended"
