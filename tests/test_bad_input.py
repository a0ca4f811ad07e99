"""Bad input gives a message naming the file and line, or a correct repo; never a traceback, never a write
outside --out, never wiki text rendered as a template or run as code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ruff
from tests.helpers import build_file_tree, enriched_index, workflow_page


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """genrepo as a person runs it: a separate process."""
    if args and args[0] == "from-index":
        args = (*args, "--no-pin")  # these tests are about parsing and rendering; pinning has its own
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


def assert_clean_failure(proc: subprocess.CompletedProcess, code: int, *needles: str) -> None:
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    for needle in needles:
        assert needle in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def assert_repo_is_sound(repo: Path) -> None:
    for path in repo.rglob("*.py"):
        compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
    proc = ruff("check", "--no-cache", str(repo))
    assert proc.returncode == 0, proc.stdout


@pytest.mark.parametrize(
    ("content", "needle"), [(b"", "file is empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")]
)
def test_unreadable_index_exits_2_naming_the_file(tmp_path, content, needle):
    build_file_tree(tmp_path, {"wiki/_WorkflowIndex.md": content})
    proc = cli("from-index", str(tmp_path / "wiki" / "_WorkflowIndex.md"), "--out", str(tmp_path / "out"))
    assert_clean_failure(proc, 2, "_WorkflowIndex.md:", needle)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_missing_index_exits_2(tmp_path):
    assert_clean_failure(cli("from-index", str(tmp_path / "nope.md")), 2, "no such index file")


def test_binary_workflow_page_fails_that_workflow_only(tmp_path):
    index = enriched_index("Demo_Wiki_Good", 1) + "\n" + enriched_index("Demo_Wiki_Bad", 1).split("\n", 1)[1]
    build_file_tree(
        tmp_path,
        {
            "wiki/_WorkflowIndex.md": index,
            "wiki/workflows/Demo_Wiki_Good.md": workflow_page("Good", 1),
            "wiki/workflows/Demo_Wiki_Bad.md": b"\x00\x01\x02\x03",
        },
    )
    proc = cli("from-index", str(tmp_path / "wiki"), "--out", str(tmp_path / "out"))
    assert_clean_failure(proc, 1, "workflows/Demo_Wiki_Bad.md:1:", "binary")
    assert (tmp_path / "out" / "workflow-demo-wiki-good").is_dir()
    assert not (tmp_path / "out" / "workflow-demo-wiki-bad").exists()


def test_truncated_table_still_gives_a_correct_repo(tmp_path):
    index = enriched_index(steps=2)
    cut = index.index("| **Key Parameters** |", index.index("### Step 2"))
    build_file_tree(tmp_path, {"wiki/_WorkflowIndex.md": index[: cut + 30] + "\n| **Outputs"})
    proc = cli("from-index", str(tmp_path / "wiki"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert_repo_is_sound(tmp_path / "out" / "workflow-demo-wiki-sample-flow")


def test_duplicate_workflow_names_fail_the_second_with_its_line(tmp_path):
    one = enriched_index(steps=1)
    build_file_tree(tmp_path, {"wiki/_WorkflowIndex.md": one + "\n" + one.split("\n", 1)[1]})
    proc = cli("from-index", str(tmp_path / "wiki"), "--out", str(tmp_path / "out"))
    assert_clean_failure(proc, 1, "duplicate workflow name", "_WorkflowIndex.md:3")


def test_step_names_colliding_once_slugged_get_distinct_files(tmp_path):
    index = enriched_index(steps=2).replace("Step_Number_1", "Load Model").replace("Step_Number_2", "Load-Model!")
    build_file_tree(tmp_path, {"wiki/_WorkflowIndex.md": index})
    proc = cli("from-index", str(tmp_path / "wiki"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    steps = sorted(p.name for p in (tmp_path / "out").rglob("step_*.py"))
    assert steps == ["step_01_load_model.py", "step_02_load_model.py"]
    assert_repo_is_sound(tmp_path / "out" / "workflow-demo-wiki-sample-flow")


def test_path_traversal_names_never_write_outside_out(tmp_path):
    index = enriched_index("../../../evil", 1).replace("Step_Number_1", "../../etc/passwd")
    index = index.replace("./workflows/../../../evil.md", "./workflows/evil.md")
    build_file_tree(tmp_path, {"wiki/_WorkflowIndex.md": index})
    before = files_under(tmp_path)
    proc = cli("from-index", str(tmp_path / "wiki"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    created = files_under(tmp_path) - before
    assert created and all(p.is_relative_to(tmp_path / "out") for p in created)
    assert sorted(p.name for p in created if p.name.startswith("step_")) == ["step_01_etc_passwd.py"]


def test_links_outside_the_wiki_are_refused(tmp_path):
    index = enriched_index(steps=1).replace("./workflows/Demo_Wiki_Sample_Flow.md", "../outside.md")
    build_file_tree(tmp_path, {"wiki/_WorkflowIndex.md": index, "outside.md": workflow_page()})
    proc = cli("from-index", str(tmp_path / "wiki"), "--out", str(tmp_path / "out"))
    assert_clean_failure(proc, 1, "_WorkflowIndex.md:5:", "points outside the wiki folder")


def test_hostile_github_url_is_ignored(tmp_path):
    index = enriched_index(steps=1).replace("**GitHub URL:** PENDING", "**GitHub URL:** https://github.com/acme/..")
    build_file_tree(tmp_path, {"wiki/_WorkflowIndex.md": index})
    proc = cli("from-index", str(tmp_path / "wiki"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0
    assert "not a repository URL" in proc.stderr
    assert (tmp_path / "out" / "workflow-demo-wiki-sample-flow").is_dir()


HOSTILE = "{{ 7*7 }} {% for x in range(3) %}loop{% endfor %} {{#mermaid:graph}} \"\"\" ''' \\ \\n ${{ secrets.X }}"


def test_quotes_jinja_and_code_in_wiki_text_stay_data(tmp_path):
    page = workflow_page(steps=1).replace(
        "Does thing 1.", f'Does {HOSTILE}\n"""; import os; os.system(\'touch PWNED\'); """'
    )
    page = page.replace("A demo workflow.", f"Overview {HOSTILE}")
    index = enriched_index(steps=1).replace("Step_Number_1", 'Say "hi" """ {{ 7*7 }}')
    index = index.replace("`x: int = 3` - the x", '`x: str = "{{ 7*7 }}"` - the {% x %}')
    build_file_tree(tmp_path, {"wiki/_WorkflowIndex.md": index, "wiki/workflows/Demo_Wiki_Sample_Flow.md": page})
    proc = cli("from-index", str(tmp_path / "wiki"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    repo = tmp_path / "out" / "workflow-demo-wiki-sample-flow"
    assert_repo_is_sound(repo)
    readme = (repo / "README.md").read_text()
    assert "{{ 7*7 }}" in readme and "49" not in readme.replace("0.49", "")
    assert "{% for x in range(3) %}loop{% endfor %}" in readme
    step = next(repo.rglob("step_01_*.py"))
    source = step.read_text()
    assert "{{ 7*7 }}" in source
    # the docstring holds the text; importing the module runs nothing from the wiki
    module = f"{step.parent.parent.name}.steps.{step.stem}"
    code = f"import sys; sys.path.insert(0, {str(repo / 'src')!r}); import {module}"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)
    assert not list(tmp_path.rglob("PWNED"))
    config = (repo / "config.toml").read_text()
    assert 'x = "{{ 7*7 }}"' in config


def test_unicode_names_become_valid_identifiers(tmp_path):
    index = (
        enriched_index("Demo_Wiki_Über_Fluß", 2)
        .replace("Step_Number_1", "模型加载")
        .replace("Step_Number_2", "Ünïcödé Step")
    )
    build_file_tree(tmp_path, {"wiki/_WorkflowIndex.md": index})
    proc = cli("from-index", str(tmp_path / "wiki"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    repo = tmp_path / "out" / "workflow-demo-wiki-uber-flu"
    assert repo.is_dir(), list((tmp_path / "out").iterdir())
    assert sorted(p.name for p in repo.rglob("step_*.py")) == ["step_01_step.py", "step_02_unicode_step.py"]
    assert "模型加载" in (repo / "README.md").read_text()
    assert_repo_is_sound(repo)


def test_crlf_wiki_gives_the_same_repo_as_lf(tmp_path):
    files = {"_WorkflowIndex.md": enriched_index(steps=2), "workflows/Demo_Wiki_Sample_Flow.md": workflow_page(steps=2)}
    build_file_tree(tmp_path / "lf" / "wiki", files)
    build_file_tree(tmp_path / "crlf" / "wiki", {k: v.replace("\n", "\r\n").encode() for k, v in files.items()})
    index = tmp_path / "crlf" / "wiki" / "_WorkflowIndex.md"
    index.write_bytes(b"\xef\xbb\xbf" + index.read_bytes())
    assert cli("from-index", str(tmp_path / "lf" / "wiki"), "--out", str(tmp_path / "o1")).returncode == 0
    assert cli("from-index", str(tmp_path / "crlf" / "wiki"), "--out", str(tmp_path / "o2")).returncode == 0
    one, two = tmp_path / "o1" / "workflow-demo-wiki-sample-flow", tmp_path / "o2" / "workflow-demo-wiki-sample-flow"
    for path in one.rglob("*"):
        # the manifest records the differing file hashes; .genrepo/ is local state (where each wiki is)
        if path.is_file() and path.name != ".genrepo.json" and ".genrepo" not in path.relative_to(one).parts:
            assert path.read_bytes() == (two / path.relative_to(one)).read_bytes(), path


def test_a_workflow_genrepo_cannot_plan_fails_alone(tmp_path, monkeypatch):
    import generator.pipeline as pipeline
    from tests.conftest import SAMPLES

    real = pipeline.plan_workflow

    def flaky(wiki, workflow, *args):
        if workflow.short_name == "GGUF_Export":
            raise RuntimeError("an unforeseen wiki shape")
        return real(wiki, workflow, *args)

    monkeypatch.setattr(pipeline, "plan_workflow", flaky)
    result = pipeline.generate(SAMPLES / "unsloth", tmp_path)
    actions = {r.plan.workflow.short_name: r.action for r in result.results}
    assert actions.pop("GGUF_Export") == "fail" and set(actions.values()) == {"create"}
    failed = next(r for r in result.results if r.action == "fail")
    assert "_WorkflowIndex.md:" in failed.errors[0] and "unforeseen wiki shape" in failed.errors[0]
    assert result.exit_code == 1
