"""The GitHub Action and the example workflow pass the schema and security linters."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ZIZMOR = Path(sys.executable).parent / "zizmor"


@pytest.mark.parametrize(
    ("path", "schema"),
    [("action.yml", "vendor.github-actions"), (".github/workflows/publish-wiki.yml", "vendor.github-workflows")],
)
def test_schema(path, schema):
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(ROOT / path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_finds_nothing_medium_or_high():
    proc = subprocess.run(
        [
            str(ZIZMOR),
            "--offline",
            "--min-severity",
            "medium",
            str(ROOT / "action.yml"),
            str(ROOT / ".github" / "workflows"),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_action_takes_the_token_from_the_environment_only():
    action = (ROOT / "action.yml").read_text()
    workflow = (ROOT / ".github" / "workflows" / "publish-wiki.yml").read_text()
    inputs = action.split("\ninputs:")[1].split("\noutputs:")[0]
    assert not re.search(r"^  [\w-]*token[\w-]*:", inputs, flags=re.M | re.I)  # no input carries a token
    assert "GITHUB_TOKEN: ${{ secrets.GENREPO_TOKEN }}" in workflow
    assert "${{ inputs." not in action.split("run: |")[1]  # inputs reach the script only through env


def publish_script() -> str:
    """The bash script of the action's Publish step, as the runner would run it."""
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == "publish"]
    return step["run"]


def run_action(checkout: Path, tmp: Path, hub, **inputs: str) -> tuple[subprocess.CompletedProcess, str, list[str]]:
    """Run the Publish step in checkout with the inputs as the action passes them (env); returns the process, the
    job summary it wrote and the workflow commands (annotations) it printed."""
    import os

    from tests.test_publish import TOKEN

    runner = tmp / "runner"
    runner.mkdir()
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": os.environ["HOME"],
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GITHUB_TOKEN": TOKEN,
        "GITHUB_API_URL": hub.api_url,
        "RUNNER_TEMP": str(runner),
        "GITHUB_OUTPUT": str(runner / "output"),
        "GITHUB_STEP_SUMMARY": str(runner / "summary.md"),
        "INDEX": "wiki/_WorkflowIndex.md",
        "OWNER": "acme",
        "VISIBILITY": "private",
        "DRY_RUN": "false",
        "SHARD": "1/1",
        "PIN": "false",
        **inputs,
    }
    proc = subprocess.run(
        ["bash", "-e", "-c", publish_script()], cwd=checkout, env=env, capture_output=True, text=True, timeout=600
    )
    summary = (runner / "summary.md").read_text()
    return proc, summary, [line for line in proc.stdout.splitlines() if line.startswith("::")]


@pytest.fixture
def hub(tmp_path, monkeypatch):
    from tests.servers import FakeGitHub
    from tests.test_publish import TOKEN

    server = FakeGitHub(tmp_path / "server", TOKEN, orgs=("acme",)).start()
    yield server
    server.stop()


@pytest.mark.slow  # the Action's whole bash script, genrepo run several times
def test_the_job_summary_links_published_repositories_and_annotates_the_manual_step(tmp_path, hub):
    import shutil

    from tests.conftest import SAMPLES

    checkout = tmp_path / "checkout"
    shutil.copytree(SAMPLES / "loresmith", checkout / "wiki")
    proc, summary, notes = run_action(checkout, tmp_path, hub)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    url = f"{hub.api_url.split('/api/')[0]}/acme/workflow-llm-loresmith-guided-finetuning"
    assert summary.startswith("## genrepo publish\n")
    row = next(line for line in summary.splitlines() if line.startswith("| LLM_LoreSmith_Guided_Finetuning |"))
    assert row.endswith(
        "| create; GitHub: create | 4 | 0 | 1 | `step_01_document_upload.paths` | "
        f"[workflow-llm-loresmith-guided-finetuning]({url}) |"
    )
    assert "### Manual steps (a person does them)" in summary and "1 created" in summary  # the plain output, folded
    lines = (checkout / "wiki" / "_WorkflowIndex.md").read_text().splitlines()
    (note,) = notes
    where = re.match(
        r"::warning file=wiki/_WorkflowIndex\.md,line=(\d+)::LLM_LoreSmith_Guided_Finetuning: step 5 ", note
    )
    assert where and lines[int(where.group(1)) - 1].startswith("### Step 5:"), note


@pytest.mark.slow  # the Action's whole bash script, genrepo run several times
def test_a_dry_run_of_a_corpus_wiki_with_stubs_annotates_each_stub(tmp_path, hub):
    import json
    import shutil

    from tests.conftest import CORPUS

    wiki = CORPUS / "batch-n8n-io_n8n-4c8d050c7de5"
    if not wiki.is_dir():
        pytest.skip("corpus not found")
    checkout = tmp_path / "checkout"
    shutil.copytree(wiki, checkout / "docs" / "wiki")
    proc, summary, notes = run_action(checkout, tmp_path, hub, INDEX="docs/wiki/_WorkflowIndex.md", DRY_RUN="true")
    report = json.loads((tmp_path / "runner" / "genrepo-report.json").read_text())
    stubs = [(wf["name"], s) for wf in report["generated"]["workflows"] for s in wf["steps"] if s["status"] == "stub"]
    assert stubs and summary.startswith("## genrepo publish: plan (dry run)\n")
    assert "GitHub: would create" in summary and "### Steps that need implementation" in summary
    assert not hub.repos  # a dry run creates nothing
    for name, step in stubs:
        path, _, line = step["wiki"].rpartition(":")
        assert any(
            n.startswith(f"::warning file=docs/wiki/{path},line={line}::{name}: step {step['number']} ") for n in notes
        )
        assert (
            (checkout / "docs" / "wiki" / path)
            .read_text()
            .splitlines()[int(line) - 1]
            .startswith(f"=== Step {step['number']}")
        )


@pytest.mark.slow  # the Action's whole bash script, genrepo run several times
def test_on_failure_the_job_summary_shows_the_error(tmp_path, hub):
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    proc, summary, notes = run_action(checkout, tmp_path, hub, INDEX="wiki/missing/_WorkflowIndex.md")
    assert proc.returncode == 2
    assert "No workflow was generated." in summary and "### Error" in summary
    error = proc.stderr.strip().splitlines()[0]
    assert error.startswith("error: ") and "missing" in error and error in summary
    assert notes == [f"::error::{error}"]


def test_the_action_and_the_cli_use_the_same_default_resolver():
    """One default everywhere, so local and CI runs write the same requirements.txt."""
    import typer.main

    from generator.cli import app
    from generator.pin import DEFAULT_RESOLVER, PinOptions

    action = (ROOT / "action.yml").read_text(encoding="utf-8")
    (command,) = re.findall(r"args=\(publish [^\n]*\)", action)
    chosen = re.findall(r"--resolver[ =](\S+)", action)
    assert all(value.strip("\"'") == DEFAULT_RESOLVER for value in chosen), chosen  # the Action names none or the same
    assert command and PinOptions().resolver == DEFAULT_RESOLVER == "uv"
    group = typer.main.get_command(app)
    for name in ("from-index", "publish"):
        (option,) = [p for p in group.commands[name].params if p.name == "resolver"]
        assert option.default == DEFAULT_RESOLVER, name
    assert re.search(r'install[^\n]*"\$\{ACTION_PATH\}[^"]*"', action)  # the Action installs genrepo, which brings uv
    dependencies = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[project.optional-dependencies]")[0]
    assert '"uv>=' in dependencies


def test_the_action_keeps_the_resolution_cache_between_runs(monkeypatch, tmp_path):
    """Pinned runs in CI reuse earlier resolutions: the resolution folder genrepo uses is the one actions/cache
    restores and saves, under a key that restores the newest earlier run's cache; the plan records beside it
    (pickles) are not in the cache, so nothing another workflow saved is ever unpickled."""
    import yaml

    from generator.pin import default_cache_dir
    from generator.pipeline import generate

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    steps = action["runs"]["steps"]
    (cache,) = [s for s in steps if str(s.get("uses", "")).startswith("actions/cache@")]
    (publish,) = [s for s in steps if s.get("id") == "publish"]
    assert re.fullmatch(r"actions/cache@[0-9a-f]{40}", cache["uses"])  # pinned to a commit
    assert steps.index(cache) < steps.index(publish)
    cached = Path(cache["with"]["path"]).relative_to(publish["env"]["GENREPO_CACHE_DIR"])
    monkeypatch.setenv("GENREPO_CACHE_DIR", str(tmp_path / "cache"))
    assert default_cache_dir() == tmp_path / "cache" / cached  # what the Action saves is where resolutions go
    generate(ROOT / "workflow_index_samples" / "peft_lora" / "_WorkflowIndex.md", tmp_path / "out")
    assert list((tmp_path / "cache").rglob("*.pickle"))  # the run kept its plans...
    assert not list((tmp_path / "cache" / cached).rglob("*.pickle"))  # ...outside what the Action saves
    prefix = cache["with"]["restore-keys"].strip()
    assert cache["with"]["key"].startswith(prefix) and "github.run_id" in cache["with"]["key"]
    assert cache["if"] == "inputs.cache == 'true'" and action["inputs"]["cache"]["default"] == "true"
