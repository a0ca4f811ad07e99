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
