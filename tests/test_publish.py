"""Publishing with the real PyGithub and GitPython against a GitHub-Enterprise-like server on 127.0.0.1."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import publish
from generator.publish import PublishOptions
from tests.conftest import SAMPLES
from tests.servers import FakeGitHub

TOKEN = "ghp_TESTtoken0123456789abcdefSECRET"


@pytest.fixture
def hub(tmp_path, monkeypatch):
    server = FakeGitHub(tmp_path / "server", TOKEN, orgs=("acme", "genrepo-samples")).start()
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    yield server
    server.stop()


@pytest.fixture
def wiki(tmp_path) -> Path:
    copy = tmp_path / "wiki"
    shutil.copytree(SAMPLES / "loresmith", copy)
    return copy


def options(hub: FakeGitHub, **overrides) -> PublishOptions:
    base = dict(owner="acme", api_url=hub.api_url, seconds_between_writes=0, backoff=0.05, retries=4, jobs=2)
    return PublishOptions(**{**base, **overrides})


def git(*args: str, cwd: Path | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


def remote_log(hub: FakeGitHub, full: str) -> list[str]:
    return git("--git-dir", str(hub.bare(full)), "log", "--format=%H %an <%ae> %s", "main").splitlines()


def change_overview(wiki: Path, text: str) -> None:
    page = wiki / "workflows" / "LLM_LoreSmith_Guided_Finetuning.md"
    page.write_text(page.read_text().replace("End-to-end process for fine-tuning", text), encoding="utf-8")


FULL = "acme/workflow-llm-loresmith-guided-finetuning"


def test_create_then_unchanged_then_exactly_one_new_commit(tmp_path, hub, wiki):
    first = publish(wiki, tmp_path / "out", options(hub))
    (result,) = first.results
    assert (result.action, result.repo, first.exit_code) == ("create", FULL, 0)
    log = remote_log(hub, FULL)
    assert len(log) == 1 and "genrepo <genrepo@users.noreply.github.com>" in log[0]
    message = git("--git-dir", str(hub.bare(FULL)), "log", "-1", "--format=%B", "main")
    assert "Generated-by: genrepo" in message and "loresmith" in message.lower()
    files = git("--git-dir", str(hub.bare(FULL)), "ls-tree", "-r", "--name-only", "main").splitlines()
    assert ".genrepo.json" in files and ".github/workflows/ci.yml" in files and "README.md" in files
    meta = hub.repos[FULL]
    assert meta["private"] is True and "fine-tuning" in meta["topics"] and meta["description"].startswith("End-to-end")
    assert meta["homepage"] == "https://github.com/example-org/llm-loresmith/blob/main/docs/guided_workflow.md"
    pushes = hub.pushes

    second = publish(wiki, tmp_path / "out", options(hub))
    assert [r.action for r in second.results] == ["unchanged"]
    assert hub.pushes == pushes  # zero pushes
    assert len(remote_log(hub, FULL)) == 1

    change_overview(wiki, "Guided, end-to-end process for fine-tuning")
    third = publish(wiki, tmp_path / "out", options(hub))
    assert [r.action for r in third.results] == ["update"]
    log = remote_log(hub, FULL)
    assert len(log) == 2 and hub.pushes == pushes + 1
    assert git("--git-dir", str(hub.bare(FULL)), "rev-parse", "main~1") == log[1].split()[0]
    assert "M\tREADME.md" in third.results[0].diff
    # the local folder is a normal clone: clean status, origin without credentials
    out = tmp_path / "out" / "workflow-llm-loresmith-guided-finetuning"
    assert git("status", "--porcelain", cwd=out) == ""
    assert git("remote", "get-url", "origin", cwd=out) == f"{hub.host}/{FULL}.git"


def test_foreign_commit_is_refused_then_proposed_as_a_pull_request(tmp_path, hub, wiki):
    publish(wiki, tmp_path / "out", options(hub))
    clone = tmp_path / "someone"
    git("clone", "-q", str(hub.bare(FULL)), str(clone))
    (clone / "NOTES.md").write_text("my own notes\n")
    git("add", "NOTES.md", cwd=clone)
    git("-c", "user.name=Someone", "-c", "user.email=someone@example.com", "commit", "-qm", "Add notes", cwd=clone)
    git("push", "-q", "origin", "main", cwd=clone)
    foreign_head = git("--git-dir", str(hub.bare(FULL)), "rev-parse", "main")

    change_overview(wiki, "Changed overview: end-to-end process for fine-tuning")
    refused = publish(wiki, tmp_path / "out", options(hub))
    (result,) = refused.results
    assert result.action == "refuse" and refused.exit_code == 1
    assert "did not make" in result.detail and "Someone: Add notes" in result.replaced[0]
    assert git("--git-dir", str(hub.bare(FULL)), "rev-parse", "main") == foreign_head  # never forced

    proposed = publish(wiki, tmp_path / "out", options(hub, pr=True))
    (result,) = proposed.results
    assert result.action == "pr" and result.url.endswith("/pull/1")
    (pull,) = hub.pulls[FULL]
    assert pull["base"]["ref"] == "main" and pull["head"]["ref"].startswith("genrepo/update-")
    assert git("--git-dir", str(hub.bare(FULL)), "rev-parse", "main") == foreign_head
    branch = pull["head"]["ref"]
    assert git("--git-dir", str(hub.bare(FULL)), "rev-parse", f"{branch}^1") == foreign_head  # on top of their work
    assert git("--git-dir", str(hub.bare(FULL)), "show", f"{branch}:NOTES.md") == "my own notes"  # which it keeps
    assert "Changed overview" in git("--git-dir", str(hub.bare(FULL)), "show", f"{branch}:README.md")

    again = publish(wiki, tmp_path / "out", options(hub, pr=True))
    assert [r.action for r in again.results] == ["pr"] and len(hub.pulls[FULL]) == 1  # idempotent


def test_force_replaces_content_on_top_and_reports_it(tmp_path, hub, wiki):
    publish(wiki, tmp_path / "out", options(hub))
    clone = tmp_path / "someone"
    git("clone", "-q", str(hub.bare(FULL)), str(clone))
    (clone / "README.md").write_text("rewritten by hand\n")
    git("-c", "user.name=Someone", "-c", "user.email=s@example.com", "commit", "-qam", "Hand edit", cwd=clone)
    git("push", "-q", "origin", "main", cwd=clone)
    forced = publish(wiki, tmp_path / "out", options(hub, force=True))
    (result,) = forced.results
    assert result.action == "update" and "Someone: Hand edit" in result.replaced[0]
    assert "history kept" in result.detail
    subjects = git("--git-dir", str(hub.bare(FULL)), "log", "--format=%s", "main").splitlines()
    assert subjects[1] == "Hand edit" and len(subjects) == 3
    readme = git("--git-dir", str(hub.bare(FULL)), "show", "main:README.md")
    assert readme.startswith("# Guided Finetuning")


def test_write_back_changes_only_the_url(tmp_path, hub, wiki):
    page = wiki / "workflows" / "LLM_LoreSmith_Guided_Finetuning.md"
    index = wiki / "_WorkflowIndex.md"
    page_before, index_before = page.read_bytes(), index.read_bytes()
    run = publish(wiki, tmp_path / "out", options(hub, write_back=True))
    url = f"{hub.host}/{FULL}"
    assert run.results[0].repo_url == url and len(run.written_back) == 2
    assert page.read_bytes() == page_before.replace(
        b"[[github_url::PENDING_REPO_BUILD]]", f"[[github_url::{url}]]".encode()
    )
    assert index.read_bytes() == index_before.replace(b"**GitHub URL:** PENDING", f"**GitHub URL:** {url}".encode(), 1)


def test_injected_faults_are_retried_and_a_rerun_converges(tmp_path, hub, wiki):
    hub.inject("POST", r"^/api/v3/orgs/acme/repos$", "500-after")  # created, but answered 500: the retry meets it
    hub.inject("GET", r"^/api/v3/repos/", "429", times=1, retry_after=1)
    hub.inject("POST", r"git-receive-pack$", "drop", times=1)  # connection dropped mid-push
    run = publish(wiki, tmp_path / "out", options(hub))
    assert [r.action for r in run.results] == ["create"], run.results[0].detail
    assert len(remote_log(hub, FULL)) == 1
    statuses = [s for method, path, s in hub.log if path.endswith("/orgs/acme/repos")]
    assert statuses[:2] == [500, 422]
    assert any(s == 429 for _, _, s in hub.log) and any(s == 0 for _, _, s in hub.log)

    change_overview(wiki, "Edited: end-to-end process for fine-tuning")
    hub.inject("POST", r"git-receive-pack$", "drop", times=99)  # the network stays down: nothing half-published
    broken = publish(wiki, tmp_path / "out", options(hub, retries=1))
    assert [r.action for r in broken.results] == ["fail"] and broken.exit_code == 1
    assert len(remote_log(hub, FULL)) == 1
    hub.faults.clear()
    healed = publish(wiki, tmp_path / "out", options(hub))
    assert [r.action for r in healed.results] == ["update"] and len(remote_log(hub, FULL)) == 2
    assert [r.action for r in publish(wiki, tmp_path / "out", options(hub)).results] == ["unchanged"]


def test_missing_workflow_scope_is_said_up_front(tmp_path, hub, wiki):
    hub.scopes = "repo"
    run = publish(wiki, tmp_path / "out", options(hub))
    (result,) = run.results
    assert result.action == "fail" and "'workflow' scope" in result.detail
    assert FULL not in hub.repos  # checked before anything was created


def test_dry_run_changes_nothing_and_shows_the_diff(tmp_path, hub, wiki):
    dry = publish(wiki, tmp_path / "out", options(hub, dry_run=True))
    (result,) = dry.results
    assert result.action == "create" and result.dry_run and "A\tREADME.md" in result.diff
    assert FULL not in hub.repos and not (tmp_path / "out").exists()
    publish(wiki, tmp_path / "out", options(hub))
    change_overview(wiki, "Dry: end-to-end process for fine-tuning")
    pushes = hub.pushes
    dry = publish(wiki, tmp_path / "out", options(hub, dry_run=True))
    assert [r.action for r in dry.results] == ["update"]
    assert set(dry.results[0].diff) == {
        "M\tREADME.md",
        "M\tpyproject.toml",
        "M\t.genrepo.json",
    }  # overview, description, hashes
    assert hub.pushes == pushes and len(remote_log(hub, FULL)) == 1


def test_cited_urls_shards_and_parallel_jobs(tmp_path, hub):
    unsloth = tmp_path / "unsloth"
    shutil.copytree(SAMPLES / "unsloth", unsloth)
    first = publish(unsloth, tmp_path / "out", options(hub, shard=(1, 2), jobs=2))
    second = publish(unsloth, tmp_path / "out", options(hub, shard=(2, 2), jobs=2))
    names = sorted(r.repo for r in first.results + second.results)
    assert len(first.results) == len(second.results) == 2
    assert names == sorted(
        f"acme/workflow-unslothai-unsloth-{n}"
        for n in ("qlora-finetuning", "grpo-reinforcement-learning", "vision-model-finetuning", "gguf-export")
    )
    lora = publish(SAMPLES / "peft_lora", tmp_path / "out2", options(hub, owner=None))
    assert [r.repo for r in lora.results] == [
        "genrepo-samples/workflow-huggingface-peft-lora-finetuning"
    ]  # the cited URL


@pytest.mark.slow  # five whole genrepo processes, one of them waiting out push retries
def test_cli_publish_summary_and_the_token_never_leaks(tmp_path, hub, wiki):
    env = {**os.environ, "GITHUB_TOKEN": TOKEN, "GENREPO_CACHE_DIR": str(tmp_path / "cache")}
    command = [
        sys.executable,
        "-m",
        "generator",
        "publish",
        str(wiki),
        "--out",
        str(tmp_path / "out"),
        "--owner",
        "acme",
        "--github-api-url",
        hub.api_url,
        "--no-pin",
    ]
    runs = [subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)]
    runs.append(subprocess.run([*command, "--json"], capture_output=True, text=True, env=env, timeout=300))
    runs.append(subprocess.run([*command, "--dry-run"], capture_output=True, text=True, env=env, timeout=300))
    hub.inject("POST", r"git-receive-pack$", "drop", times=99)
    change_overview(wiki, "Leak check: end-to-end process for fine-tuning")
    runs.append(subprocess.run([*command, "--no-pin"], capture_output=True, text=True, env=env, timeout=300))
    no_token = subprocess.run(
        command, capture_output=True, text=True, env={k: v for k, v in env.items() if k != "GITHUB_TOKEN"}
    )
    assert runs[0].returncode == 0 and "1 created" in runs[0].stdout
    assert '"action": "unchanged"' in runs[1].stdout
    assert runs[3].returncode == 1 and "1 failed" in runs[3].stdout
    assert no_token.returncode == 2 and "GITHUB_TOKEN" in no_token.stderr
    basic = base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
    texts = [r.stdout + r.stderr for r in [*runs, no_token]]
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            texts.append(path.read_bytes().decode("latin-1"))
    for path in (tmp_path / "server" / "git").rglob("*"):
        if path.is_file():
            texts.append(path.read_bytes().decode("latin-1"))
    assert texts and all(TOKEN not in text and basic not in text for text in texts)
    config = (tmp_path / "out" / "workflow-llm-loresmith-guided-finetuning" / ".git" / "config").read_text()
    assert "extraHeader" not in config and "Authorization" not in config


def test_a_push_over_one_mebibyte_goes_chunked_and_lands(tmp_path, hub, wiki):
    publish(wiki, tmp_path / "out", options(hub))
    repo = tmp_path / "out" / "workflow-llm-loresmith-guided-finetuning"
    (repo / "data").mkdir()
    (repo / "data" / "sample.bin").write_bytes(os.urandom(3 * 1024 * 1024))  # incompressible: the pack exceeds 1 MiB
    change_overview(wiki, "Bigger: end-to-end process for fine-tuning")
    run = publish(wiki, tmp_path / "out", options(hub))
    assert [r.action for r in run.results] == ["update"], run.results[0].detail
    assert hub.chunked >= 1
    assert "data/sample.bin" in git("--git-dir", str(hub.bare(FULL)), "ls-tree", "-r", "--name-only", "main")


@pytest.mark.slow  # two whole genrepo processes publishing
def test_from_index_publish_flag_and_public_visibility(tmp_path, hub, wiki):
    env = {**os.environ, "GITHUB_TOKEN": TOKEN}
    command = [
        sys.executable,
        "-m",
        "generator",
        "from-index",
        str(wiki),
        "--out",
        str(tmp_path / "out"),
        "--no-pin",
        "--publish",
        "--owner",
        "acme",
        "--public",
        "--github-api-url",
        hub.api_url,
    ]
    dry = subprocess.run([*command, "--dry-run"], capture_output=True, text=True, env=env, timeout=300)
    assert dry.returncode == 0 and "would create" in dry.stdout and FULL not in hub.repos
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0 and "1 created" in done.stdout
    assert hub.repos[FULL]["private"] is False


def push_as(
    hub: FakeGitHub,
    tmp_path: Path,
    edits: dict[str, str],
    message: str,
    name: str = "Someone",
    email: str = "someone@example.com",
    branch: str = "main",
) -> str:
    """A person's commit on the remote: clone, write files, commit as them, push; returns the new head."""
    clone = tmp_path / f"clone-{len(list(tmp_path.glob('clone-*')))}"
    git("clone", "-q", "-b", branch, str(hub.bare(FULL)), str(clone))
    for rel, text in edits.items():
        (clone / rel).write_text(text)
    git("add", "-A", cwd=clone)
    git("-c", f"user.name={name}", "-c", f"user.email={email}", "commit", "-qm", message, cwd=clone)
    git("push", "-q", "origin", branch, cwd=clone)
    return git("--git-dir", str(hub.bare(FULL)), "rev-parse", branch)


def test_pr_merges_the_wiki_change_onto_a_persons_edit_and_is_reused(tmp_path, hub, wiki):
    publish(wiki, tmp_path / "out", options(hub))
    readme = git("--git-dir", str(hub.bare(FULL)), "show", "main:README.md")
    head = push_as(
        hub,
        tmp_path,
        {"README.md": readme.replace("## Steps", "A note a person added.\n\n## Steps", 1) + "\n"},
        "Explain the steps",
    )
    change_overview(wiki, "Changed overview: end-to-end process for fine-tuning")
    dry = publish(wiki, tmp_path / "out", options(hub, pr=True, dry_run=True))
    assert [r.action for r in dry.results] == ["pr"] and not hub.pulls.get(FULL)
    first = publish(wiki, tmp_path / "out", options(hub, pr=True))
    (result,) = first.results
    assert result.action == "pr" and first.exit_code == 0, result.detail
    (pull,) = hub.pulls[FULL]
    branch = pull["head"]["ref"]
    merged = git("--git-dir", str(hub.bare(FULL)), "show", f"{branch}:README.md")
    assert "A note a person added." in merged and "Changed overview" in merged and "<<<<<<<" not in merged
    assert "README.md" in pull["body"] and "workflows/LLM_LoreSmith_Guided_Finetuning.md (changed)" in pull["body"]
    assert git("--git-dir", str(hub.bare(FULL)), "rev-parse", "main") == head  # main untouched
    again = publish(wiki, tmp_path / "out", options(hub, pr=True))
    assert [r.action for r in again.results] == ["pr"] and len(hub.pulls[FULL]) == 1
    assert again.results[0].commit == result.commit  # the same branch, reused
    # --merge pushes the clean merge itself; the person's note stays on main
    pushed = publish(wiki, tmp_path / "out", options(hub, merge=True))
    assert [r.action for r in pushed.results] == ["update"], pushed.results[0].detail
    main_readme = git("--git-dir", str(hub.bare(FULL)), "show", "main:README.md")
    assert "A note a person added." in main_readme and "Changed overview" in main_readme
    assert [r.action for r in publish(wiki, tmp_path / "out", options(hub)).results] == ["unchanged"]


def test_a_message_quoting_the_trailer_does_not_make_a_commit_genrepos(tmp_path, hub, wiki):
    publish(wiki, tmp_path / "out", options(hub))
    head = push_as(hub, tmp_path, {"NOTES.md": "mine\n"}, "Notes\n\nGenerated-by: genrepo 0.1.0")
    change_overview(wiki, "Changed overview: end-to-end process for fine-tuning")
    refused = publish(wiki, tmp_path / "out", options(hub))
    assert [r.action for r in refused.results] == ["refuse"] and "Someone: Notes" in refused.results[0].replaced[0]
    assert git("--git-dir", str(hub.bare(FULL)), "rev-parse", "main") == head


def test_a_remote_whose_default_branch_is_master_is_published_to_master(tmp_path, hub, wiki):
    publish(wiki, tmp_path / "out", options(hub))
    bare = hub.bare(FULL)
    git("--git-dir", str(bare), "branch", "-m", "main", "master")  # the repository's default branch is master
    change_overview(wiki, "Changed overview: end-to-end process for fine-tuning")
    result = publish(wiki, tmp_path / "out", options(hub))
    assert [r.action for r in result.results] == ["update"], result.results[0].detail
    assert git("--git-dir", str(bare), "for-each-ref", "--format=%(refname:short)", "refs/heads").splitlines() == [
        "master"
    ]
    assert "Changed overview" in git("--git-dir", str(bare), "show", "master:README.md")
