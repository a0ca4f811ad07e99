"""Same input, byte-identical output: no timestamps, no machine paths, no ordering accidents."""

from __future__ import annotations

import shutil

from generator.pipeline import generate
from tests.conftest import SAMPLES
from tests.test_golden import tree


def test_generating_twice_gives_identical_bytes(tmp_path):
    first = generate(SAMPLES / "unsloth" / "_WorkflowIndex.md", tmp_path / "a")
    second = generate(SAMPLES / "unsloth" / "_WorkflowIndex.md", tmp_path / "b")
    assert first.exit_code == second.exit_code == 0
    assert len(first.results) == 4
    for one, two in zip(first.results, second.results, strict=True):
        assert tree(one.output_dir) == tree(two.output_dir)


def test_output_does_not_depend_on_where_the_wiki_lives(tmp_path):
    copy = tmp_path / "elsewhere" / "unsloth"
    shutil.copytree(SAMPLES / "unsloth", copy)
    one = generate(SAMPLES / "unsloth" / "_WorkflowIndex.md", tmp_path / "a")
    two = generate(copy / "_WorkflowIndex.md", tmp_path / "b")
    for a, b in zip(one.results, two.results, strict=True):
        assert tree(a.output_dir) == tree(b.output_dir)
        text = b"".join(tree(b.output_dir).values())
        assert str(tmp_path).encode() not in text


def test_regenerating_in_place_changes_nothing(tmp_path):
    generate(SAMPLES / "loresmith", tmp_path)
    before = tree(tmp_path)
    again = generate(SAMPLES / "loresmith", tmp_path)
    assert [r.action for r in again.results] == ["unchanged"]
    assert tree(tmp_path) == before


SET_WIKI = """
# Workflow Index: Demo

## Workflow: Demo_Set_Default

**Description:** Cells cleaned against a set of markers.

### Step 1: Clean

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmarkers.clean(cells, markers)` |
| **External Dependencies** | `pkgmarkers` |
| **Implementation** | `Demo_Clean` |
| **Outputs** | `cleaned` |
"""


def test_output_does_not_depend_on_the_processs_hash_seed(tmp_path):
    """A set literal (`markers={"", "n/a", "-", "—"}`) was written in the order the process's salted string hashes
    gave: two runs of the same wiki differed. Runs with two hash seeds now give the same bytes."""
    import os
    import subprocess
    import sys

    from tests.helpers import build_file_tree, example_pages

    page = example_pages(
        {
            "implementations/Demo_Clean.md": 'import pkgmarkers\n\ncleaned = pkgmarkers.clean(cells, markers={"", "n/a", "-", "—", "?"})\n'
        }
    )
    wiki = build_file_tree(tmp_path / "wiki", {"_WorkflowIndex.md": SET_WIKI, **page})
    trees = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "GENREPO_CACHE_DIR": str(tmp_path / f"cache{seed}")}
        command = [sys.executable, "-m", "generator", "from-index", str(wiki / "_WorkflowIndex.md"), "--out", str(out)]
        subprocess.run([*command, "--no-pin"], check=True, capture_output=True, env=env, timeout=300)
        trees.append(tree(out))
    assert b"'n/a'" in b"".join(trees[0].values())
    assert trees[0] == trees[1] == trees[2]
