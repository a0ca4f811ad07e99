"""Several wikis in one `genrepo from-index` call, into one folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from generator import pipeline
from generator.cli import app
from generator.pipeline import PARALLEL_FROM, generate_many
from generator.progress import silent
from tests.helpers import build_file_tree, enriched_index, workflow_page

runner = CliRunner()


def wiki(root: Path, name: str) -> Path:
    build_file_tree(
        root,
        {
            "_WorkflowIndex.md": enriched_index(f"Demo_Wiki_{name}", 2),
            f"workflows/Demo_Wiki_{name}.md": workflow_page(name, 2),
        },
    )
    return root / "_WorkflowIndex.md"


def test_two_wikis_in_one_call_give_what_two_calls_give(tmp_path):
    first, second = wiki(tmp_path / "a", "Alpha"), wiki(tmp_path / "b", "Beta")
    together = runner.invoke(
        app, ["from-index", str(first), str(second), "--out", str(tmp_path / "one"), "--no-pin", "--json"]
    )
    assert together.exit_code == 0, together.stdout
    reports = json.loads(together.stdout)["wikis"]
    assert [w["workflows"][0]["action"] for w in reports] == ["create", "create"]
    for index in (first, second):
        alone = runner.invoke(app, ["from-index", str(index), "--out", str(tmp_path / "two"), "--no-pin"])
        assert alone.exit_code == 0, alone.stdout
    trees = [
        {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
        for root in (tmp_path / "one", tmp_path / "two")
    ]
    assert trees[0] == trees[1] and len({k.split("/")[0] for k in trees[0]}) == 2
    text = runner.invoke(app, ["from-index", str(first), str(second), "--out", str(tmp_path / "one"), "--no-pin"])
    assert text.stdout.count("unchanged") >= 2 and text.exit_code == 0


def test_a_repository_name_two_wikis_share_is_not_overwritten(tmp_path):
    first, second = wiki(tmp_path / "a", "Same"), wiki(tmp_path / "b", "Same")
    result = runner.invoke(app, ["from-index", str(first), str(second), "--out", str(tmp_path / "out"), "--no-pin"])
    assert result.exit_code == 1
    assert "is also used by workflow Demo_Wiki_Same of" in result.stdout + (result.stderr or "")
    manifest = json.loads((tmp_path / "out" / "workflow-demo-wiki-same" / ".genrepo.json").read_text())
    assert manifest["wiki"]["name"] == "a"


def test_publish_takes_one_wiki(tmp_path):
    first, second = wiki(tmp_path / "a", "Alpha"), wiki(tmp_path / "b", "Beta")
    result = runner.invoke(app, ["from-index", str(first), str(second), "--publish", "--no-pin"])
    assert result.exit_code == 2 and "one wiki at a time" in (result.stderr or result.stdout)


def _spy_on_planning(monkeypatch, log: Path) -> None:
    """Record the process that plans each wiki (the spy keeps _plan_one's name, so workers find it by name)."""
    real = pipeline._plan_one

    def spy(index, request, progress=silent):
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        return real(index, request, progress)

    spy.__module__, spy.__qualname__ = real.__module__, real.__qualname__
    monkeypatch.setattr(pipeline, "_plan_one", spy)


def test_small_wikis_are_planned_and_rendered_in_workers_with_the_serial_output(tmp_path, monkeypatch):
    # each wiki is far below PARALLEL_FROM; together they are worth the workers
    names = [f"W{n}" for n in range(PARALLEL_FROM + 1)]
    indexes = [wiki(tmp_path / "wikis" / name, name) for name in names]
    serial_targets = [(index, tmp_path / "serial" / index.parent.name) for index in indexes]
    monkeypatch.setenv("GENREPO_CACHE_DIR", str(tmp_path / "cache-serial"))
    serial = generate_many(serial_targets, workers=1)
    log = tmp_path / "planned-by"
    _spy_on_planning(monkeypatch, log)
    monkeypatch.setenv("GENREPO_CACHE_DIR", str(tmp_path / "cache-parallel"))
    parallel_targets = [(index, tmp_path / "parallel" / index.parent.name) for index in indexes]
    parallel = generate_many(parallel_targets, workers=2)
    planners = set(log.read_text().split())
    assert len(planners) >= 1 and str(os.getpid()) not in planners  # planned in workers, not here
    assert [r.action for run in parallel for r in run.results] == ["create"] * len(names)
    assert [run.wiki.root for run in parallel] == [str(index.parent) for index in indexes]  # in the order given
    trees = [
        {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
        for root in (tmp_path / "serial", tmp_path / "parallel")
    ]
    assert trees[0] == trees[1] and len(trees[0]) > 20 * len(names)
    strip = {"output_dir", "next"}  # both name the output folder
    reports = [
        [{k: v for k, v in w.items() if k not in strip} for run in runs for w in run.report()["workflows"]]
        for runs in (serial, parallel)
    ]
    assert reports[0] == reports[1]


def test_a_wiki_that_cannot_be_read_stops_the_call_before_anything_is_written(tmp_path):
    good = [wiki(tmp_path / name, name) for name in ("Alpha", "Beta", "Gamma")]
    broken = tmp_path / "broken" / "_WorkflowIndex.md"
    build_file_tree(broken.parent, {"_WorkflowIndex.md": "just prose, no workflow here\n"})
    for jobs in ("1", "2"):  # planned here, or in workers (the error comes back from the worker whole)
        out = tmp_path / f"out{jobs}"
        args = ["from-index", str(good[0]), str(broken), *map(str, good[1:]), "--out", str(out), "--no-pin"]
        result = runner.invoke(app, [*args, "--jobs", jobs])
        assert result.exit_code == 2, result.output
        assert f"{broken.name}:1: no workflow found" in (result.stderr or result.output)
        assert not out.exists() or not any(out.iterdir())
