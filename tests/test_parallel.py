"""Rendering workflows in worker processes gives exactly the output of a serial run."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator import pipeline
from generator.pipeline import PARALLEL_FROM, generate
from tests.helpers import many_workflows


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


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


def test_one_large_wiki_is_planned_in_shares_with_the_serial_plans(tmp_path, monkeypatch):
    """One wiki, two workers: each worker reads and plans every other workflow; this process gathers their work
    into the wiki and plans a serial run makes (errors and warnings included), without planning any workflow
    itself, and stores it in the cache as a serial run would."""
    index = many_workflows(tmp_path / "wiki", PARALLEL_FROM + 1)
    (index.parent / "workflows" / "Demo_Wiki_Flow_03.md").write_bytes(b"")  # a page that cannot be read
    monkeypatch.setenv("GENREPO_CACHE_DIR", str(tmp_path / "cache-serial"))
    serial = generate(index, tmp_path / "serial", workers=1)
    assert [bool(r.errors) for r in serial.results].count(True) == 1  # what is compared below is not all empty
    log = tmp_path / "calls"

    def spying(real, label):
        def spy(*args, **kwargs):
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(f"{label} {os.getpid()} {args[2:] if label == 'share' else ''}\n")
            return real(*args, **kwargs)

        spy.__module__, spy.__qualname__ = real.__module__, real.__qualname__  # found by name in the workers
        return spy

    monkeypatch.setattr(pipeline, "_plan_share", spying(pipeline._plan_share, "share"))
    monkeypatch.setattr(pipeline, "plan_workflow", spying(pipeline.plan_workflow, "plan"))
    cache = tmp_path / "cache-shares"
    monkeypatch.setenv("GENREPO_CACHE_DIR", str(cache))
    shared = generate(index, tmp_path / "shared", workers=2)
    calls = [line.split(" ", 2) for line in log.read_text().splitlines()]
    assert sorted(rest for label, _, rest in calls if label == "share") == ["(0, 2)", "(1, 2)"]
    planners = [pid for label, pid, _ in calls if label == "plan"]
    assert len(planners) == PARALLEL_FROM + 1 and str(os.getpid()) not in planners  # all planned in workers
    assert tree(tmp_path / "serial") == tree(tmp_path / "shared")
    assert [w.name for w in shared.wiki.workflows] == [w.name for w in serial.wiki.workflows]
    assert [str(w) for w in shared.warnings] == [str(w) for w in serial.warnings]
    assert [r.report()["diagnostics"] for r in shared.results] == [r.report()["diagnostics"] for r in serial.results]
    count = PARALLEL_FROM + 1  # every workflow read and planned is in the cache for the next run
    assert len(list((cache / "workflows").glob("*.pickle"))) == count
    assert len(list((cache / "planned").glob("*.pickle"))) == count


def test_planning_in_shares_counts_workflows_once(tmp_path, monkeypatch):
    """The plan bar counts workflows as the shares finish, up to N of N, and never starts again from 0."""
    monkeypatch.setenv("GENREPO_CACHE_DIR", str(tmp_path / "cache"))
    count = PARALLEL_FROM + 3
    index = many_workflows(tmp_path / "wiki", count)
    ticks: list[tuple[int, int]] = []
    generate(
        index, tmp_path / "out", workers=2, progress=lambda t: t.stage == "plan" and ticks.append((t.done, t.total))
    )
    assert {total for _, total in ticks} == {count}
    assert [done for done, _ in ticks] == sorted(done for done, _ in ticks)  # never goes back
    assert ticks[0] == (0, count) and ticks[-1] == (count, count) and len(ticks) >= 3  # moved between the ends
