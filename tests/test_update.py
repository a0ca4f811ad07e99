"""Regenerating into a folder genrepo generated before: a three-way update that keeps the user's work, honest
dry runs, `genrepo diff` / `check` / `update`, and --force that saves what it replaces."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import tomlkit
from typer.testing import CliRunner

from generator.cli import app
from generator.pipeline import generate
from generator.update import merge_config
from tests.conftest import CORPUS
from tests.helpers import build_file_tree, enriched_index

runner = CliRunner()
MICROGRAD = CORPUS / "llm_finetuning_test-Karpathy_Micrograd-4bdde244e902"
PEFT = CORPUS / "huggingface_peft-f0233dd9f9b1"
UNSLOTH = Path(__file__).resolve().parent.parent / "workflow_index_samples" / "unsloth"
NEW_STEP = """
### Step 8: Model_Evaluation

| Attribute | Value |
|-----------|-------|
| **API Call** | `MLP.__call__(self, x: list[Value]) -> Value` |
| **Source Location** | `micrograd/nn.py:L51-54` |
| **External Dependencies** | None |
| **Key Parameters** | `threshold: float = 0.0` - Decision threshold |
| **Inputs** | Trained model |
| **Outputs** | `scores` list of predictions |

---
"""


def edit(path: Path, old: str, new: str) -> None:
    """Replace old (which must be there) by new in path."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def cli(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def micrograd(tmp_path) -> tuple[Path, Path]:
    """A copy of the micrograd corpus wiki, generated once into tmp/out: (wiki, repo)."""
    if not MICROGRAD.is_dir():
        pytest.skip("corpus not found")
    wiki = shutil.copytree(MICROGRAD, tmp_path / "wiki")
    result = cli("from-index", str(wiki), "--out", str(tmp_path / "out"), "--no-pin")
    assert result.exit_code == 0, result.output
    (repo,) = (tmp_path / "out").iterdir()
    return wiki, repo


def change_the_wiki(wiki: Path) -> None:
    """A step's description, a key parameter's default, and a new step."""
    edit(
        wiki / "workflows" / "Karpathy_Micrograd_Neural_Network_Training.md",
        "=== Step 2: Network Architecture Definition ===\n",
        "=== Step 2: Network Architecture Definition ===\nThe wiki now says more about the architecture.\n",
    )
    edit(wiki / "_WorkflowIndex.md", "`learning_rate: float` - Step size", "`learning_rate: float = 0.1` - Step size")
    edit(
        wiki / "_WorkflowIndex.md",
        "### Implementation Extraction Guide",
        NEW_STEP.lstrip("\n") + "\n### Implementation Extraction Guide",
    )


def test_edits_are_kept_and_wiki_changes_arrive(micrograd):
    wiki, repo = micrograd
    step1 = next((repo / "src").glob("*/steps/step_01_data_preparation.py"))
    edit(
        step1,
        '    return {"xs": xs, "ys": ys}',
        '    xs = [[float(v) for v in row] for row in xs]  # my own code\n    return {"xs": xs, "ys": ys}',
    )
    edit(repo / "config.toml", "# REQUIRED: epochs =", "epochs = 25  # my value")
    edit(repo / "config.toml", "nin = 2", "nin = 3")
    (repo / "NOTES.md").write_text("my notes\n")
    change_the_wiki(wiki)

    dry = cli("from-index", str(wiki), "--out", str(repo.parent), "--no-pin", "--dry-run", "--diff")
    result = cli("from-index", str(wiki), "--out", str(repo.parent), "--no-pin")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("merge"), result.stdout
    assert dry.stdout.startswith("merge") and "+The wiki now says more about the architecture." in dry.stdout
    assert "my own code" in step1.read_text()
    config = tomlkit.parse((repo / "config.toml").read_text())
    assert config["step_07_training_loop_iteration"]["epochs"] == 25
    assert config["step_02_network_architecture_definition"]["nin"] == 3
    assert config["step_06_parameter_update"]["learning_rate"] == 0.1  # the wiki's new default
    assert (
        "# Step 8: Model Evaluation\n[step_08_model_evaluation]" in (repo / "config.toml").read_text()
    )  # the new step
    assert "epochs = 25  # my value" in (repo / "config.toml").read_text()
    assert "more about the architecture" in next((repo / "src").glob("*/steps/step_02_*.py")).read_text()
    assert "default=0.1" in next((repo / "src").glob("*/steps/step_06_*.py")).read_text()
    assert next((repo / "src").glob("*/steps/step_08_model_evaluation.py")).is_file()
    assert (repo / "NOTES.md").read_text() == "my notes\n"
    assert not list(repo.rglob("*.rej")) and "<<<<<<<" not in "".join(p.read_text() for p in repo.rglob("*.py"))
    again = cli("from-index", str(wiki), "--out", str(repo.parent), "--no-pin")
    assert again.exit_code == 0 and again.stdout.startswith("unchanged"), again.stdout
    check = cli("check", str(repo))
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize("source", [PEFT, UNSLOTH], ids=["corpus-peft", "sample-unsloth"])
def test_the_same_lines_edited_on_both_sides_conflict_in_that_file_only(tmp_path, source):
    if not source.is_dir():
        pytest.skip("corpus not found")
    wiki = shutil.copytree(source, tmp_path / "wiki")
    out = tmp_path / "out"
    assert cli("from-index", str(wiki), "--out", str(out), "--no-pin").exit_code == 0
    repos = sorted(p for p in out.iterdir() if not p.name.startswith("."))
    # the wiki rewrites every workflow's overview; the user rewrote that same line in one README
    overviews = {}
    for page in (wiki / "workflows").glob("*.md"):
        text = page.read_text()
        first = next(line for line in text.split("== Overview ==\n", 1)[1].splitlines() if line.strip())
        overviews[first] = page
        page.write_text(text.replace(first, "Revised by the wiki.", 1))
    readme = repos[0] / "README.md"
    mine = next(line for line in readme.read_text().splitlines() if line in overviews)
    edit(readme, mine, "My own overview.")
    result = cli("from-index", str(wiki), "--out", str(out), "--no-pin")
    assert result.exit_code == 1, result.output
    text = readme.read_text()
    assert "My own overview." in text and "Revised by the wiki." in text
    assert "<<<<<<< yours (README.md)" in text and ">>>>>>> new from the wiki (README.md)" in text
    assert "conflict" in result.stdout and "README.md" in result.stdout
    assert not list(out.rglob("*.rej"))
    marked = [
        p for p in out.rglob("*") if p.is_file() and ".genrepo" not in p.parts and b"<<<<<<< yours" in p.read_bytes()
    ]
    assert marked == [readme]
    for other in repos[1:]:  # the other workflows still updated
        assert "Revised by the wiki." in (other / "README.md").read_text()
    rerun = cli("from-index", str(wiki), "--out", str(out), "--no-pin")  # markers left: still a conflict
    assert rerun.exit_code == 1 and "1 conflict," in rerun.stdout and readme.read_text() == text
    readme.write_text(
        text.replace("<<<<<<< yours (README.md)\n", "").split("=======\n")[0]
        + text.split(">>>>>>> new from the wiki (README.md)\n")[1]
    )
    resolved = cli("from-index", str(wiki), "--out", str(out), "--no-pin")
    assert resolved.exit_code == 0 and "conflict" not in resolved.stdout, resolved.stdout


def _inline_wiki(root: Path, default: str = "3") -> Path:
    index = enriched_index(steps=2).replace("`x: int = 3`", f"`x: int = {default}`")
    return build_file_tree(root, {"_WorkflowIndex.md": index})


def test_dry_run_names_the_action_the_real_run_takes(tmp_path):
    wiki = _inline_wiki(tmp_path / "wiki")
    out = tmp_path / "out"

    def both(*extra: str) -> tuple[str, str, int]:
        dry = cli("from-index", str(wiki), "--out", str(out), "--no-pin", "--dry-run", *extra)
        real = cli("from-index", str(wiki), "--out", str(out), "--no-pin", *extra)
        return dry.stdout.split()[0], real.stdout.split()[0], real.exit_code

    assert both() == ("create", "create", 0)
    (repo,) = [p for p in out.iterdir() if not p.name.startswith(".")]
    assert both()[:2] == ("unchanged", "unchanged")
    _inline_wiki(wiki, "4")
    assert both()[:2] == ("update", "update")
    _inline_wiki(wiki, "5")
    edit(repo / "config.toml", "# REQUIRED: y =", "y = 'mine'")  # the user sets a REQUIRED key; the wiki changes x
    assert both()[:2] == ("merge", "merge")
    section = tomlkit.parse((repo / "config.toml").read_text())["step_01_step_number_1"]
    assert (section["x"], section["y"]) == (5, "mine")
    _inline_wiki(wiki, "6")
    step = next((repo / "src").glob("*/steps/step_01_*.py"))
    edit(step, "default=5", "default=55")
    assert both()[:2] == ("conflict", "conflict")
    foreign = out / "workflow-demo-wiki-sample-flow"
    shutil.rmtree(foreign)
    foreign.mkdir()
    (foreign / "mine.txt").write_text("not genrepo's")
    assert both()[:2] == ("refuse", "refuse")
    assert (foreign / "mine.txt").read_text() == "not genrepo's"


def test_force_saves_what_it_replaces_and_says_where(micrograd):
    wiki, repo = micrograd
    edit(repo / "README.md", "\n", "\nmy line\n")
    edit(wiki / "_WorkflowIndex.md", "`learning_rate: float` - Step size", "`learning_rate: float = 0.1` - Step size")
    forced = cli("from-index", str(wiki), "--out", str(repo.parent), "--no-pin", "--force")
    assert forced.exit_code == 0, forced.output
    assert "my line" not in (repo / "README.md").read_text()
    saved = list((repo.parent / ".genrepo-backup").rglob("README.md"))
    assert len(saved) == 1 and "my line" in saved[0].read_text()
    assert str(saved[0].parent) in forced.output


def test_check_diff_and_update_replay_from_the_manifest(micrograd):
    wiki, repo = micrograd
    manifest = json.loads((repo / ".genrepo.json").read_text())
    assert manifest["options"]["pin"] is False and manifest["wiki"]["commit"] is None
    assert cli("check", str(repo)).exit_code == 0
    edit(wiki / "_WorkflowIndex.md", "`learning_rate: float` - Step size", "`learning_rate: float = 0.1` - Step size")
    stale = cli("check", str(repo))
    assert stale.exit_code == 1 and "_WorkflowIndex.md" in stale.output and "changed" in stale.output
    diff = cli("diff", str(repo))
    assert diff.exit_code == 0 and '+        "learning_rate": Param("float", default=0.1' in diff.stdout
    assert "default=0.05" in next((repo / "src").glob("*/steps/step_06_*.py")).read_text()  # diff wrote nothing
    updated = cli("update", str(repo))
    assert updated.exit_code == 0, updated.output
    assert "default=0.1" in next((repo / "src").glob("*/steps/step_06_*.py")).read_text()
    assert cli("check", str(repo)).exit_code == 0
    manifest = (repo / ".genrepo.json").read_text()
    (repo / ".genrepo.json").write_text(manifest.replace('"version": "', '"version": "0.0.0-old', 1))
    old = cli("check", str(repo))
    assert old.exit_code == 1 and "generated by genrepo 0.0.0-old" in old.stdout


def test_wiki_commit_is_recorded_for_a_wiki_repository(tmp_path):
    wiki = _inline_wiki(tmp_path / "wiki")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "wiki"]):
        subprocess.run(["git", "-C", str(wiki), *args], check=True, env={**__import__("os").environ, **env})
    head = subprocess.run(["git", "-C", str(wiki), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    result = generate(wiki, tmp_path / "out")
    manifest = json.loads((result.results[0].output_dir / ".genrepo.json").read_text())
    assert manifest["wiki"]["commit"] == head


def test_config_merge_keeps_user_values_and_reports_removed_keys():
    base = b"# s\n[a]\n# x: the x\nx = 1\n# REQUIRED: y =\nz = 3\n"
    ours = b"# s\n[a]\n# x: the x\nx = 10  # mine\ny = 'set'\nz = 3\n"
    theirs = b"# s\n[a]\n# x: the x\nx = 2\n# REQUIRED: y =\n# w: new\nw = 4\n"
    merged, notes = merge_config(ours, base, theirs)
    text = merged.decode()
    assert "x = 10  # mine" in text and "y = 'set'" in text and "# w: new\nw = 4" in text
    assert "z" not in tomlkit.parse(text)["a"] and notes == ["config.toml: key a.z is no longer generated"]


def test_force_over_a_foreign_folder_cut_short_is_refilled_whole_by_the_next_force(tmp_path, monkeypatch):
    """Ctrl-C while --force fills a folder genrepo did not make: what the folder held is already saved, and the
    next --force run saves the partial fill and fills the folder whole (the manifest goes in last)."""
    from generator import render as render_module

    wiki = _inline_wiki(tmp_path / "wiki")
    out = tmp_path / "out"
    foreign = out / "workflow-demo-wiki-sample-flow"
    foreign.mkdir(parents=True)
    (foreign / "mine.txt").write_text("not genrepo's")
    real_replace = render_module.os.replace
    moved: list[str] = []

    def cut_short(source, destination):
        if Path(destination).parent == foreign.resolve() and Path(source).name != "mine.txt":
            if len(moved) == 2:
                raise KeyboardInterrupt
            moved.append(Path(source).name)
        real_replace(source, destination)

    monkeypatch.setattr(render_module.os, "replace", cut_short)
    with pytest.raises(KeyboardInterrupt):
        generate(wiki, out, force=True)
    monkeypatch.setattr(render_module.os, "replace", real_replace)
    assert len(moved) == 2 and not (foreign / ".genrepo.json").exists()  # still not genrepo's folder
    assert [p.read_text() for p in (out / ".genrepo-backup").rglob("mine.txt")] == ["not genrepo's"]

    assert generate(wiki, out).results[0].action == "refuse"  # without --force: left alone, as any foreign folder
    again = generate(wiki, out, force=True)
    assert again.results[0].action == "update"
    manifest = json.loads((foreign / ".genrepo.json").read_text())
    assert sorted(
        p.relative_to(foreign).as_posix()
        for p in foreign.rglob("*")
        if p.is_file() and ".genrepo/" not in p.as_posix() and p.name != ".genrepo.json"
    ) == sorted(manifest["outputs"])
    assert generate(wiki, out).results[0].action == "unchanged"
