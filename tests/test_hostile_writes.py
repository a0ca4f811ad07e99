"""Defects: regenerating in place never writes through a symbolic link inside the target, and files it
rewrites keep their mode (new ones are 0644, not mkstemp's 0600)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from typer.testing import CliRunner

from generator.cli import app
from tests.helpers import build_file_tree, enriched_index, workflow_page

REPO = "workflow-demo-wiki-sample-flow"
PACKAGE = "workflow_demo_wiki_sample_flow"


def wiki(root: Path, steps: int = 2) -> Path:
    return build_file_tree(
        root,
        {
            "_WorkflowIndex.md": enriched_index(steps=steps),
            "workflows/Demo_Wiki_Sample_Flow.md": workflow_page(steps=steps),
        },
    )


def from_index(wiki_root: Path, out: Path):
    return CliRunner().invoke(
        app, ["from-index", str(wiki_root), "--out", str(out), "--no-pin"], catch_exceptions=False
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_symlinked_steps_folder_is_refused_and_its_target_untouched(tmp_path):
    source = wiki(tmp_path / "wiki")
    assert from_index(source, tmp_path / "out").exit_code == 0
    steps = tmp_path / "out" / REPO / "src" / PACKAGE / "steps"
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(steps, elsewhere)
    shutil.rmtree(steps)
    os.symlink(elsewhere, steps)
    before = tree(elsewhere)
    wiki(source, steps=3)  # a third step: a new step file would go into steps/
    result = from_index(source, tmp_path / "out")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"src/{PACKAGE}/steps is a symbolic link; genrepo does not write through links" in result.output
    assert tree(elsewhere) == before


def test_rewritten_files_keep_their_mode_and_new_files_are_0644(tmp_path):
    source = wiki(tmp_path / "wiki")
    assert from_index(source, tmp_path / "out").exit_code == 0
    repo = tmp_path / "out" / REPO
    assert {mode(repo / name) for name in ("README.md", "pyproject.toml", ".genrepo.json")} == {0o644}
    (repo / "README.md").chmod(0o640)  # someone's choice: kept
    wiki(source, steps=3)
    assert from_index(source, tmp_path / "out").exit_code == 0
    assert mode(repo / "README.md") == 0o640
    assert mode(repo / "pyproject.toml") == 0o644 and mode(repo / ".genrepo.json") == 0o644
    new_step = next((repo / "src" / PACKAGE / "steps").glob("step_03_*.py"))
    assert mode(new_step) == 0o644
    assert not list(repo.rglob(".genrepo-*"))
