"""Rendering workflows in worker processes gives exactly the output of a serial run."""

from __future__ import annotations

import stat
from pathlib import Path

from generator.pipeline import PARALLEL_FROM, generate
from tests.helpers import build_file_tree, enriched_index, workflow_page


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def many_workflows(root: Path, count: int) -> Path:
    names = [f"Demo_Wiki_Flow_{n:02d}" for n in range(count)]
    index = enriched_index(names[0], 3) + "".join("\n" + enriched_index(n, 3).split("\n", 1)[1] for n in names[1:])
    files = {"_WorkflowIndex.md": index}
    files.update({f"workflows/{n}.md": workflow_page(n.removeprefix("Demo_Wiki_"), 3) for n in names})
    build_file_tree(root, files)
    return root / "_WorkflowIndex.md"


def test_parallel_output_is_identical_to_serial(tmp_path, monkeypatch):
    monkeypatch.setenv("GENREPO_CACHE_DIR", str(tmp_path / "cache"))
    index = many_workflows(tmp_path / "wiki", PARALLEL_FROM + 2)
    serial = generate(index, tmp_path / "serial", workers=1)
    monkeypatch.setenv("GENREPO_CACHE_DIR", str(tmp_path / "cache2"))  # no shortcut from the first run
    parallel = generate(index, tmp_path / "parallel", workers=2)
    assert len(serial.results) == PARALLEL_FROM + 2
    assert [r.action for r in parallel.results] == ["create"] * len(serial.results)
    assert tree(tmp_path / "serial") == tree(tmp_path / "parallel")

    def strip(report: dict) -> dict:
        for workflow in report["workflows"]:
            workflow.pop("output_dir")
            workflow.pop("next")  # commands that name the output folder
        return report

    assert strip(serial.report()) == strip(parallel.report())
    again = generate(index, tmp_path / "parallel", workers=2)
    assert {r.action for r in again.results} == {"unchanged"}
