"""The cookiecutter template works on its own, and genrepo's renders leave nothing behind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.parse.wiki import load_wiki
from generator.pipeline import generate
from generator.plan import context, plan_workflow
from tests.conftest import ROOT, SAMPLES, ruff, run_generated_tests


def standalone_sample(out: Path) -> Path:
    """The template rendered alone by the cookiecutter command, with its sample context."""
    proc = subprocess.run(
        [sys.executable, "-m", "cookiecutter", str(ROOT / "cookiecutter-workflow"), "--no-input", "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    (repo,) = out.iterdir()
    return repo


def test_standalone_cookiecutter_no_input_gives_a_valid_sample_repo(tmp_path, isolated_home):
    repo = standalone_sample(tmp_path)
    steps = sorted(p.name for p in repo.rglob("step_*.py"))
    assert len(steps) == 5 and not list(repo.rglob("*.bundle"))
    assert ruff("check", "--no-cache", str(repo)).returncode == 0


@pytest.mark.slow  # a fresh venv
def test_standalone_sample_repo_passes_its_own_tests(tmp_path, isolated_home, test_venv):
    tests = run_generated_tests(test_venv, standalone_sample(tmp_path))
    assert tests.returncode == 0, tests.stdout + tests.stderr


def test_template_sample_context_is_current():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "template_sample.py"), "--check"], cwd=ROOT)
    assert proc.returncode == 0, "cookiecutter.json is stale: run `make template-sample`"
    sample = json.loads((ROOT / "cookiecutter-workflow" / "cookiecutter.json").read_text())["_workflow"]
    wiki = load_wiki(SAMPLES / "unsloth")
    # cookiecutter merges dicts key by key: a key only in the sample would leak into every render
    assert set(sample) == set(context(plan_workflow(wiki, wiki.workflows[0])))


def test_genrepo_leaves_no_replay_or_scratch_behind(tmp_path, isolated_home: Path):
    generate(SAMPLES / "loresmith", tmp_path / "out")
    assert not (isolated_home / ".cookiecutter_replay").exists()
    assert not (isolated_home / ".cookiecutters").exists()
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["workflow-llm-loresmith-guided-finetuning"]


@pytest.mark.parametrize("sample", ["unsloth", "loresmith"])
def test_sample_wikis_generate_repos_that_pass_ruff(tmp_path, sample):
    result = generate(SAMPLES / sample, tmp_path)
    assert result.exit_code == 0
    for item in result.results:
        assert ruff("check", "--no-cache", str(item.output_dir)).returncode == 0


@pytest.mark.slow  # a fresh venv
@pytest.mark.parametrize("sample", ["unsloth", "loresmith"])
def test_sample_wikis_generate_repos_that_pass_their_own_tests(tmp_path, sample, test_venv):
    result = generate(SAMPLES / sample, tmp_path)
    assert result.exit_code == 0
    for item in result.results:
        proc = run_generated_tests(test_venv, item.output_dir)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        # the lint its CI and README run, with the ruff its requirements-test.txt brings
        for lint in (["check", "--no-cache", "."], ["format", "--no-cache", "--check", "."]):
            proc = subprocess.run(
                [str(test_venv), "-m", "ruff", *lint], cwd=item.output_dir, capture_output=True, text=True
            )
            assert proc.returncode == 0, proc.stdout + proc.stderr


def test_generated_ci_workflow_passes_schema_and_security_linters(tmp_path):
    (item,) = generate(SAMPLES / "loresmith", tmp_path).results
    workflow = item.output_dir / ".github" / "workflows" / "ci.yml"
    schema = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr
    audit = subprocess.run(
        [str(Path(sys.executable).parent / "zizmor"), "--offline", "--min-severity", "medium", str(workflow)],
        capture_output=True,
        text=True,
    )
    assert audit.returncode == 0, audit.stdout + audit.stderr


UNSET_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Unset_Default

**Description:** Sample rows.

### Step 1: Sample

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgunset.sample(rows: list, n_points: int = None)` |
| **Implementation** | `Demo_sample` |
| **Key Parameters** | `rows: list` - the rows (`[1, 2, 3]`), `n_points: int` - subsample this many rows |
| **Outputs** | `sample` |
"""


def test_the_readme_says_a_key_left_out_of_the_call_is_not_passed(tmp_path):
    """Seen on SymPy and librosa wikis: the README's configuration table showed the default of a key the call goes
    without until it is set as an empty code span (two bare backticks). It says "not passed", and the text above
    the table says what that means."""
    from tests.helpers import generated

    page = '== Usage Examples ==\n<syntaxhighlight lang="python">\nimport pkgunset\n\nsample = pkgunset.sample([1, 2])\n</syntaxhighlight>\n'
    item = generated(tmp_path, {"_WorkflowIndex.md": UNSET_INDEX, "implementations/Demo_sample.md": page})
    readme = (item.output_dir / "README.md").read_text(encoding="utf-8")
    (row,) = [line for line in readme.splitlines() if line.startswith("| `step_01_sample.n_points`")]
    assert "| not passed |" in row and "``" not in row, row
    assert 'A key whose default\nis "not passed" is left out of the call' in readme


KNOWN_ERRORS_ENVIRONMENT = """# Environment: Demo_Env

== Overview ==
Python with the demo library.

== Common Errors ==

{| class="wikitable"
|-
! Error Message !! Cause !! Solution
|-
|| `ValueError: Your setup doesn't support bf16/gpu.` || bf16 on a CPU-only machine || Set `bf16=False` in the config
|-
|| `KeyError: a|b` || a key with a pipe || Quote it
|}

== Compatibility Notes ==
* CPU-only: slower
"""

KNOWN_ERRORS_HEURISTIC = """# Heuristic: Demo_Tip

## Overview
Keep batches small.

## Troubleshooting

| Problem | Fix |
|---------|-----|
| `RuntimeError: out of memory` | Lower `batch_size` |
| `ValueError: Your setup doesn't support bf16/gpu.` | listed twice, shown once |
"""


def test_common_errors_tables_of_environment_and_heuristic_pages_reach_the_readme(tmp_path):
    """What the wiki says about an error the user will meet (its Common Errors table: message, cause, solution)
    is in the README's Troubleshooting section, each error once, code spans and pipes kept as Markdown."""
    from tests.helpers import build_file_tree, enriched_index, workflow_page

    pages = {
        "_WorkflowIndex.md": enriched_index(steps=1),
        "workflows/Demo_Wiki_Sample_Flow.md": workflow_page("Demo_Wiki_Sample_Flow", steps=1)
        + "\n[[requires_env::Environment:Demo_Env]]\n[[uses_heuristic::Heuristic:Demo_Tip]]\n",
        "environments/Demo_Env.md": KNOWN_ERRORS_ENVIRONMENT,
        "heuristics/Demo_Tip.md": KNOWN_ERRORS_HEURISTIC,
    }
    wiki = build_file_tree(tmp_path / "wiki", pages)
    (item,) = generate(wiki / "_WorkflowIndex.md", tmp_path / "out", pin=None).results
    assert item.ok, item.errors
    readme = (item.output_dir / "README.md").read_text()
    section = readme.split("## Troubleshooting\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert rows == [
        "| `ValueError: Your setup doesn't support bf16/gpu.` | bf16 on a CPU-only machine | Set `bf16=False` in the config |",
        "| `KeyError: a\\|b` | a key with a pipe | Quote it |",
        "| `RuntimeError: out of memory` |   | Lower `batch_size` |",
    ], section
    assert "`environments/Demo_Env.md`, `heuristics/Demo_Tip.md`" in section
