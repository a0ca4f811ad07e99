"""What needs attention, everywhere: from-index's per-workflow summary, the same in --json, and `genrepo summary`
(the job summary table and the annotations at the wiki lines behind each step that is not bound)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.helpers import build_file_tree, enriched_index, workflow_page

N8N = CORPUS / "batch-n8n-io_n8n-4c8d050c7de5"  # steps that need implementation
AWESOME = CORPUS / "batch_top1-test-0PandaDEV_Awesome_windows-03ad9fbec52b"  # a workflow with no bound step


def genrepo(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd, timeout=600
    )


def corpus(folder: Path) -> Path:
    if not (folder / "_WorkflowIndex.md").is_file():
        pytest.skip("corpus not found")
    return folder / "_WorkflowIndex.md"


def all_manual_wiki(root: Path) -> Path:
    """A workflow whose steps cite no API: every step is manual, so the repository would run nothing."""
    text = enriched_index("Demo_Wiki_Review_Flow", steps=2)
    text = re.sub(r"\| \*\*(API Call|Source Location|External Dependencies)\*\* \|.*\n", "", text)
    build_file_tree(
        root, {"_WorkflowIndex.md": text, "workflows/Demo_Wiki_Review_Flow.md": workflow_page("Review_Flow")}
    )
    return root / "_WorkflowIndex.md"


def blocks(stdout: str) -> dict[str, str]:
    """from-index's text output cut into one block per workflow (the line naming it and its indented lines)."""
    found: dict[str, str] = {}
    name = None
    for line in stdout.splitlines():
        m = re.match(r"^(?:create|update|unchanged|fail)\s+(\S+)", line)
        if m:
            name = m.group(1)
            found[name] = line + "\n"
        elif name and line.startswith(" "):
            found[name] += line + "\n"
        else:
            name = None
    return found


def wiki_line(wiki: Path, where: str) -> str:
    path, _, line = where.rpartition(":")
    return (wiki / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]


def check_everywhere(index: Path, tmp_path: Path) -> tuple[dict, str, list[str]]:
    """Generate as text and as JSON; the two agree with each other and with the job summary and annotations."""
    text = genrepo("from-index", str(index), "--out", str(tmp_path / "out"), "--no-pin")
    as_json = genrepo("from-index", str(index), "--out", str(tmp_path / "out"), "--no-pin", "--json")
    report = json.loads(as_json.stdout)
    (tmp_path / "report.json").write_text(as_json.stdout)
    markdown = genrepo("summary", str(tmp_path / "report.json")).stdout
    notes = genrepo("summary", str(tmp_path / "report.json"), "--annotations", "--wiki-dir", "wiki").stdout.splitlines()
    assert text.returncode == as_json.returncode == (0 if all(w["executable"] for w in report["workflows"]) else 1)
    per_workflow = blocks(text.stdout)
    for wf in report["workflows"]:
        block = next(b for name, b in per_workflow.items() if wf["name"].endswith(name))
        stubs = [s for s in wf["steps"] if s["status"] == "stub"]
        manual = [s for s in wf["steps"] if s["status"] == "manual"]
        counts = wf["counts"]
        assert (counts["bound"], counts["stub"], counts["manual"]) == (
            sum(s["status"] == "bound" for s in wf["steps"]),
            len(stubs),
            len(manual),
        )
        assert (
            f"steps: {counts['bound']} bound, {counts['stub']} need implementation, {counts['manual']} manual" in block
        )
        assert ("NOT EXECUTABLE" in block) is (not wf["executable"]) is (counts["bound"] == 0)
        for step in stubs:
            assert f"implement: {step['file']} ({step['wiki']})" in block
            assert f"`{step['file']}` (wiki `{step['wiki']}`)" in markdown
        for step in manual:
            assert f"manual: step {step['number']} " in block and step["wiki"] in block
        if wf["required_keys"]:
            assert f"set in config.toml: {', '.join(wf['required_keys'])}" in block
            assert wf["next"][0].startswith(f"set {', '.join(wf['required_keys'])} in ")
        assert wf["next"][-1].endswith(f"python -m {wf['steps'][0]['file'].split('/')[1]} guide")
        assert "pip install --no-deps -e . &&" in wf["next"][-1]  # as the README: the package, then the guide
        for command in wf["next"]:
            assert f"next: {command}" in block and command in markdown
        row = next(line for line in markdown.splitlines() if line.startswith(f"| {wf['name']} |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[2:5] == [str(counts["bound"]), str(counts["stub"]), str(counts["manual"])]
        assert ("not executable" in cells[1]) is (not wf["executable"])
        assert cells[5] == (", ".join(f"`{k}`" for k in wf["required_keys"]) or "-")
        # one annotation per step that is not bound, at the wiki line that step comes from
        for step in stubs + manual:
            path, _, line = step["wiki"].rpartition(":")
            expected = f"::warning file=wiki/{path},line={line}::{wf['name']}: step {step['number']} ({step['name']})"
            assert any(n.startswith(expected) for n in notes), (expected, notes)
    unbound = sum(s["status"] != "bound" for wf in report["workflows"] for s in wf["steps"])
    step_notes = [
        n for n in notes if n.startswith("::warning file=") and ("needs implementation" in n or ") is manual" in n)
    ]
    assert len(step_notes) == unbound
    # and one per diagnostic, at its own file and line
    diagnostics = [d for wf in report["workflows"] for d in wf["diagnostics"]] + report["diagnostics"]
    assert len(notes) == unbound + len(diagnostics)
    for d in diagnostics:
        assert any(n.startswith(f"::{d['severity']} file=wiki/{d['file']},line={d['line']}::") for n in notes), d
    return report, markdown, notes


def test_a_corpus_wiki_with_stubs_says_what_to_implement_everywhere(tmp_path):
    index = corpus(N8N)
    report, markdown, notes = check_everywhere(index, tmp_path)
    stubs = [s for wf in report["workflows"] for s in wf["steps"] if s["status"] == "stub"]
    assert stubs and "### Steps that need implementation" in markdown
    for step in stubs:  # the annotation's line is the step's own heading in the wiki
        heading = wiki_line(index.parent, step["wiki"])
        assert f"Step {step['number']}" in heading, heading


def test_a_corpus_workflow_with_no_bound_step_is_not_executable_everywhere(tmp_path):
    index = corpus(AWESOME)
    report, markdown, notes = check_everywhere(index, tmp_path)
    idle = [wf for wf in report["workflows"] if not wf["executable"]]
    assert idle and all(
        wf["action"] in ("create", "unchanged") and wf["output_dir"] for wf in idle
    )  # generated all the same
    assert "**not executable** (no step is bound)" in markdown


def test_a_wiki_whose_steps_are_all_manual(tmp_path):
    index = all_manual_wiki(tmp_path / "wiki")
    report, markdown, notes = check_everywhere(index, tmp_path)
    (wf,) = report["workflows"]
    assert wf["executable"] is False and wf["counts"] == {"bound": 0, "stub": 0, "manual": 2}
    assert wf["manual"] == ["Step Number 1", "Step Number 2"]
    assert "### Manual steps (a person does them)" in markdown
    headings = [n for n, line in enumerate(index.read_text().splitlines(), start=1) if line.startswith("### Step")]
    steps = [n for n in notes if ") is manual" in n]
    assert [n.split("::")[1] for n in steps] == [f"warning file=wiki/_WorkflowIndex.md,line={n}" for n in headings]


def test_the_summary_of_a_run_that_wrote_no_report_shows_the_error(tmp_path):
    errors = tmp_path / "errors.txt"
    errors.write_text("error: no _WorkflowIndex.md at wiki/missing.md\n")
    markdown = genrepo(
        "summary", str(tmp_path / "none.json"), "--error-file", str(errors), "--title", "genrepo publish"
    )
    assert markdown.returncode == 0
    assert markdown.stdout.startswith("## genrepo publish\n")
    assert "### Error" in markdown.stdout and "error: no _WorkflowIndex.md at wiki/missing.md" in markdown.stdout
    notes = genrepo("summary", str(tmp_path / "none.json"), "--error-file", str(errors), "--annotations").stdout
    assert notes == "::error::error: no _WorkflowIndex.md at wiki/missing.md\n"
    bare = genrepo("summary", str(tmp_path / "none.json")).stdout
    assert f"genrepo wrote no report ({tmp_path / 'none.json'})" in bare


def test_set_writes_values_into_config_and_refuses_unknown_keys_and_wrong_types(tmp_path):
    index = all_manual_wiki(tmp_path / "wiki")
    out = tmp_path / "out"
    unknown = genrepo("from-index", str(index), "--out", str(out), "--no-pin", "--set", "step_01_step_number_1.why=1")
    assert unknown.returncode == 2 and "did you mean step_01_step_number_1.y?" in unknown.stderr
    wrong = genrepo("from-index", str(index), "--out", str(out), "--no-pin", "--set", "step_01_step_number_1.x=many")
    assert wrong.returncode == 2 and "expected int, got str 'many'" in wrong.stderr
    assert not out.exists()  # refused before anything was written
    done = genrepo(
        "from-index",
        str(index),
        "--out",
        str(out),
        "--no-pin",
        "--json",
        "--set",
        "step_01_step_number_1.y=hello",
        "--set",
        "Review_Flow:step_02_step_number_2.y=two words",
        "--set",
        "step_02_step_number_2.x=5",
    )
    (wf,) = json.loads(done.stdout)["workflows"]
    assert wf["required_keys"] == []
    config = (out / wf["repo_name"] / "config.toml").read_text()
    first, second = config.split("[step_01", 1)[1].split("[step_02")
    assert 'y = "hello"' in first and "x = 3" in first and "REQUIRED" not in first
    assert 'y = "two words"' in second and "x = 5" in second and "REQUIRED" not in second
    other = genrepo(
        "from-index", str(index), "--out", str(out), "--no-pin", "--set", "Other_Flow:step_01_step_number_1.y=a"
    )
    assert other.returncode == 2 and "no config key step_01_step_number_1.y of workflow Other_Flow" in other.stderr
