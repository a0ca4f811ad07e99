"""Progress where work is long: the pipeline reports n/N per stage through the callback the CLI passes in; the CLI
shows determinate bars on a terminal, one plain line per finished item in CI, and nothing otherwise or with --json."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from generator.pin import Pinner
from generator.pipeline import generate, publish
from generator.progress import Tick
from tests.conftest import SAMPLES
from tests.helpers import build_file_tree, enriched_index, workflow_page
from tests.test_pin import HAS_UV, offline, wheelhouse  # noqa: F401 (wheelhouse is a fixture)
from tests.test_publish import hub, options  # noqa: F401 (hub is a fixture)

GENREPO = Path(sys.executable).parent / "genrepo"


def three_workflows(
    root: Path, deps: tuple[str, str, str] = ("`numpy`", "`numpy`", "`numpy`"), pages: bool = True
) -> Path:
    """Three one-step workflows; without pages no source repository is cited, so deps are all they require."""

    def section(name: str, dep: str) -> str:
        return enriched_index(f"Demo_Wiki_{name}", 1).split("\n", 1)[1].replace("`numpy`", dep)

    text = "# Workflow Index: Demo_Wiki\n" + "".join(
        section(n, d) for n, d in zip(("One", "Two", "Three"), deps, strict=True)
    )
    files = {f"workflows/Demo_Wiki_{n}.md": workflow_page(n, 1) for n in ("One", "Two", "Three")} if pages else {}
    build_file_tree(root, {"_WorkflowIndex.md": text, **files})
    return root / "_WorkflowIndex.md"


def by_stage(ticks: list[Tick]) -> dict[str, list[tuple[int, int, str]]]:
    stages: dict[str, list[tuple[int, int, str]]] = {}
    for tick in ticks:
        stages.setdefault(tick.stage, []).append((tick.done, tick.total, tick.item))
    return stages


def test_generate_reports_n_of_n_for_planning_resolution_and_rendering(tmp_path, wheelhouse):  # noqa: F811
    index = three_workflows(tmp_path / "wiki", ("`gamma`", "`gamma`", "`beta`"), pages=False)
    ticks: list[Tick] = []
    pinner = Pinner(offline(wheelhouse, tmp_path / "cache", resolver="uv" if HAS_UV else "pip-tools"))
    result = generate(index, tmp_path / "out", pinner=pinner, progress=ticks.append)
    assert [r.action for r in result.results] == ["create"] * 3
    stages = by_stage(ticks)
    assert list(stages) == ["plan", "pin", "render"]  # in the order the work happens
    assert stages["plan"] == [(0, 3, ""), (1, 3, "One"), (2, 3, "Two"), (3, 3, "Three")]
    assert [(d, t) for d, t, _ in stages["pin"]] == [(0, 2), (1, 2), (2, 2)]  # one per distinct requirement set
    assert sorted(item for _, _, item in stages["pin"][1:]) == ["beta", "gamma"]
    assert stages["render"] == [(0, 3, ""), (1, 3, "One"), (2, 3, "Two"), (3, 3, "Three")]


def test_publish_reports_each_repository_as_it_is_published(tmp_path, hub):  # noqa: F811
    wiki = tmp_path / "wiki"
    shutil.copytree(SAMPLES / "loresmith", wiki)
    ticks: list[Tick] = []
    run = publish(wiki, tmp_path / "out", options(hub), progress=ticks.append)
    assert [r.action for r in run.results] == ["create"]
    stages = by_stage(ticks)
    assert list(stages) == ["plan", "render", "publish"]
    assert stages["publish"] == [(0, 1, ""), (1, 1, "acme/workflow-llm-loresmith-guided-finetuning")]


def cli(index: Path, out: Path, *extra: str, ci: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    if ci:
        env["CI"] = "true"
    command = [str(GENREPO), "from-index", str(index), "--out", str(out), "--no-pin", *extra]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.slow  # whole genrepo processes (a terminal for one)
def test_off_a_terminal_progress_is_quiet_except_one_line_per_workflow_in_ci(tmp_path):
    index = three_workflows(tmp_path / "wiki")
    quiet = cli(index, tmp_path / "a", ci=False)
    assert quiet.returncode == 0 and quiet.stderr == ""
    logged = cli(index, tmp_path / "b", ci=True)
    assert logged.returncode == 0
    assert logged.stderr.splitlines() == ["generated 1/3: One", "generated 2/3: Two", "generated 3/3: Three"]
    as_json = cli(index, tmp_path / "c", "--json", ci=True)
    assert as_json.returncode == 0 and as_json.stderr == "" and as_json.stdout.startswith("{")


@pytest.mark.slow  # whole genrepo processes (a terminal for one)
def test_on_a_terminal_the_bars_count_n_of_n_with_elapsed_time(tmp_path):
    index = three_workflows(tmp_path / "wiki")
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    child = pexpect.spawn(
        str(GENREPO),
        ["from-index", str(index), "--out", str(tmp_path / "out"), "--no-pin"],
        env={**env, "NO_COLOR": "1"},
        encoding="utf-8",
        timeout=120,
        dimensions=(40, 160),
    )
    child.expect(r"render\s+\S* 3/3 \d:\d\d:\d\d Three")  # the last frame: 3 of 3, elapsed, the item just done
    child.expect(r"3 workflow\(s\): 3 create")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    child = pexpect.spawn(
        str(GENREPO),
        ["from-index", str(index), "--out", str(tmp_path / "out"), "--no-pin", "--json"],
        env=env,
        encoding="utf-8",
        timeout=120,
        dimensions=(40, 160),
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.before.lstrip().startswith("{") and "render" not in child.before and "3/3" not in child.before
