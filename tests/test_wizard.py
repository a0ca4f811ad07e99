"""`genrepo guide`, driven through a real pseudo-terminal (pexpect) as a person would answer it."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from tests.helpers import build_file_tree, enriched_index, workflow_page
from tests.test_publish import hub  # noqa: F401 (a fixture: the GitHub stand-in on 127.0.0.1)

GENREPO = Path(sys.executable).parent / "genrepo"


pytestmark = pytest.mark.slow  # whole wizard sessions through a terminal (make test-fast leaves them to CI)


def two_workflow_wiki(root: Path) -> Path:
    """A wiki with two workflows; the second one's step 2 has a REQUIRED int key `n` besides the str key `y`."""
    first = enriched_index("Demo_Wiki_Sample_Flow")
    second = enriched_index("Demo_Wiki_Other_Flow").split("\n", 2)[2]  # without the index title
    head, _, step2 = second.partition("### Step 2:")
    step2 = step2.replace("`x: int = 3` - the x, `y: str` - the y", "`n: int` - how many rounds")
    step2 = step2.replace("`demo.func2(x, y)`", "`demo.func2(n)`")
    build_file_tree(
        root,
        {
            "wiki/_WorkflowIndex.md": first + "\n" + head + "### Step 2:" + step2,
            "wiki/workflows/Demo_Wiki_Sample_Flow.md": workflow_page("Sample_Flow"),
            "wiki/workflows/Demo_Wiki_Other_Flow.md": workflow_page("Other_Flow"),
        },
    )
    return root / "wiki" / "_WorkflowIndex.md"


def spawn(cwd: Path, *args: str) -> pexpect.spawn:
    # the terminal's own size: pytest-xdist workers set COLUMNS=80, which rich would believe over the pty
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(NO_COLOR="1", PYTHONUNBUFFERED="1")
    return pexpect.spawn(
        str(GENREPO), ["guide", *args], cwd=str(cwd), env=env, encoding="utf-8", timeout=40, dimensions=(60, 200)
    )


def test_guide_walks_from_a_wiki_to_repositories_and_prints_the_expert_command(tmp_path):
    index = two_workflow_wiki(tmp_path)
    child = spawn(tmp_path)
    child.expect(r"Step 1 of 8: Find the wiki")
    assert index == tmp_path / "wiki" / "_WorkflowIndex.md"
    child.expect(re.escape("Found wiki/_WorkflowIndex.md"))  # found from here, named as the expert command names it
    child.expect(r"Use this wiki\? \S*\(genrepo from-index PATH\)")
    child.sendline("")
    child.expect(r"Step 2 of 8: Check the wiki")
    child.expect(r"Sample_Flow")
    child.expect(r"Other_Flow")
    child.expect(r"step_02_step_number_2\.n")  # the REQUIRED keys each workflow needs, before choosing
    child.expect(r"Workflows to generate: numbers like 1,3 or all \S*\(--workflow NAME, repeatable\)")
    child.sendline("3")  # not a workflow: refused with the reason, asked again
    child.expect(r"'3' is not one of 1\.\.2")
    child.sendline("2")
    child.expect(r"Folder for the repositories \S*\(--out DIR\)")
    child.sendline("repos")
    child.expect(r"Pin requirements\.txt now .*\(--no-pin to skip\)")
    child.sendline("n")
    child.expect(r"Step 5 of 8: Preview the plan")
    child.expect(r"Other_Flow -> workflow-demo-wiki-other-flow")
    child.expect(
        r"step 2: Step Number 2 \[\w+, bound\] -> src/workflow_demo_wiki_other_flow/steps/step_02_step_number_2\.py"
    )
    child.expect(r"Go on\?")
    child.sendline("y")
    child.expect(r"Step 6 of 8: Config values")
    child.expect(r"step_01_step_number_1\.y \(str\)")
    child.expect(r"the y")  # the wiki's description of the key
    child.expect(r"\(--set step_01_step_number_1\.y=VALUE\)")
    child.sendline("hello world")
    child.expect(r"step_02_step_number_2\.n \(int\)")
    child.expect(r"how many rounds")
    child.expect(r"\(--set step_02_step_number_2\.n=VALUE\)")
    child.sendline("many")  # a wrong type is refused with the reason, and asked again
    child.expect(r"expected int, got str 'many'")
    child.sendline("7")
    child.expect(r"Step 7 of 8: Generate and pin")
    child.expect(r"render\s+\S+ 1/1")  # the bar counts n/N
    child.expect(r"create\s+Other_Flow -> (\S+)\r?\n")
    repo = Path(child.match.group(1))
    child.expect(r"Step 8 of 8: Publish")
    child.expect(r"Preview publishing to GitHub .*\(genrepo publish PATH --dry-run\)")
    child.sendline("")  # default: no
    child.expect(r"To do this again without questions \(expert mode\):\r?\n\s+(genrepo from-index [^\r\n]+)\r?\n")
    command = child.match.group(1)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    assert repo == tmp_path / "repos" / "workflow-demo-wiki-other-flow"
    assert sorted(p.name for p in (tmp_path / "repos").iterdir()) == ["workflow-demo-wiki-other-flow"]
    config = (repo / "config.toml").read_text()
    assert 'y = "hello world"' in config and "n = 7" in config and "REQUIRED" not in config.split("[step_01", 1)[1]
    assert shlex.split(command) == [
        "genrepo",
        "from-index",
        "wiki/_WorkflowIndex.md",
        "--out",
        "repos",
        "--workflow",
        "Other_Flow",
        "--set",
        "step_01_step_number_1.y=hello world",
        "--set",
        "step_02_step_number_2.n=7",
        "--no-pin",
    ]
    # the printed command is the expert mode of the same run: it finds the repository exactly as the guide left it
    args = shlex.split(command)
    proc = subprocess.run([str(GENREPO), *args[1:]], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"^unchanged\s+Other_Flow", proc.stdout, flags=re.M), proc.stdout


def test_ctrl_c_leaves_nothing_written_and_says_how_to_resume(tmp_path):
    two_workflow_wiki(tmp_path)
    child = spawn(tmp_path, "wiki")
    child.expect(r"Use this wiki\?")
    child.sendline("y")
    child.expect(r"Workflows to generate")
    child.sendline("1")
    child.expect(r"Folder for the repositories")
    child.sendline("out")
    child.expect(r"Pin requirements")
    child.sendline("n")
    child.expect(r"Go on\?")
    child.sendline("y")
    child.expect(r"\(--set step_01_step_number_1\.y=VALUE\)")
    child.sendintr()
    child.expect(r"Interrupted: nothing was written\.")
    child.expect(r"Resume with: genrepo guide wiki\r?\n")
    child.expect(r"or, with the answers so far: genrepo from-index \S+ --out out --workflow Sample_Flow --no-pin")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wiki"]


def test_guide_asks_for_the_index_when_none_is_found(tmp_path):
    index = two_workflow_wiki(tmp_path / "elsewhere")
    (tmp_path / "here").mkdir()
    child = spawn(tmp_path / "here")
    child.expect(r"No _WorkflowIndex\.md in \S+here or the folders below it")
    child.expect(r"Path to the wiki's _WorkflowIndex\.md \S*\(genrepo from-index PATH\)")
    child.sendline(str(tmp_path / "nowhere"))
    child.expect(r"no single _WorkflowIndex\.md at")
    child.sendline(str(index.parent))
    child.expect(r"Step 2 of 8: Check the wiki")
    child.expect(r"Workflows to generate")
    child.sendeof()  # Ctrl-D ends the session as Ctrl-C does
    child.expect(r"Interrupted: nothing was written\.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


# The wizard's first answers for a run into ./out without pinning: the wiki found, every workflow, go on.
UNPINNED_INTO_OUT = (
    (r"Use this wiki\?", ""),
    (r"Workflows to generate", ""),
    (r"Folder for the repositories", "out"),
    (r"Pin requirements", "n"),
    (r"Go on\?", ""),
)


@pytest.mark.parametrize("answer", ["n"])
def test_declining_the_preview_writes_nothing_and_prints_the_command(tmp_path, answer):
    two_workflow_wiki(tmp_path)
    child = spawn(tmp_path)
    for prompt, reply in (
        (r"Use this wiki\?", ""),
        (r"Workflows to generate", ""),
        (r"Folder for the repositories", ""),
        (r"Pin requirements", ""),
        (r"Resolver \S*\(--resolver pip-tools\|uv\)", "uv"),
        (r"Go on\?", answer),
    ):
        child.expect(prompt)
        child.sendline(reply)
    child.expect(r"Stopped before writing anything\.")
    child.expect(r"genrepo from-index \S+ --out generated --resolver uv\r?\n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert not (tmp_path / "generated").exists()


def test_guide_previews_then_publishes_when_asked_and_the_command_repeats_it(tmp_path, hub):  # noqa: F811
    import shutil

    from tests.conftest import SAMPLES

    shutil.copytree(SAMPLES / "loresmith", tmp_path / "wiki")
    full = "acme/workflow-llm-loresmith-guided-finetuning"
    child = spawn(tmp_path)
    for prompt, reply in (
        *UNPINNED_INTO_OUT,
        (r"step_01_document_upload\.paths \(Enter", ""),
        (r"Preview publishing to GitHub", "y"),
        (r"GitHub API \S*\(--github-api-url URL\)", hub.api_url),
        (r"Owner for workflows whose wiki cites no URL .*\(--owner ORG\)", "acme"),
        (r"Make new repositories public\? \S*\(--public / --private\)", ""),
    ):
        child.expect(prompt)
        child.sendline(reply)
    child.expect(rf"would create\s+LLM_LoreSmith_Guided_Finetuning \S*{full}")
    assert full not in hub.repos  # the preview changed nothing
    child.expect(r"Publish now\? \S*\(--publish\)")
    child.sendline("y")
    child.expect(r"publish\s+\S+ 1/1")
    child.expect(rf"create\s+LLM_LoreSmith_Guided_Finetuning \S*{full} pushed the first commit")
    child.expect(r"expert mode\):\r?\n\s+(genrepo from-index [^\r\n]+)\r?\n")
    command = child.match.group(1)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert hub.repos[full]["private"] is True
    assert shlex.split(command) == [
        "genrepo",
        "from-index",
        "wiki/_WorkflowIndex.md",
        "--out",
        "out",
        "--no-pin",
        "--publish",
        "--owner",
        "acme",
        "--private",
        "--github-api-url",
        hub.api_url,
    ]
    again = subprocess.run([str(GENREPO), *shlex.split(command)[1:]], cwd=tmp_path, capture_output=True, text=True)
    assert again.returncode == 0 and "1 unchanged" in again.stdout, again.stdout + again.stderr


def test_ctrl_c_while_generating_leaves_only_whole_repositories(tmp_path):
    import hashlib
    import json

    # enough that Ctrl-C lands long before the last one: with 80, rendering in parallel sometimes finished the
    # rest between the progress line matched here and the interrupt arriving
    names = [f"Flow_{n:03d}" for n in range(1, 201)]
    sections = [
        enriched_index(f"Demo_Wiki_{name}", 1).split("\n", 1)[1].replace("`y: str`", "`y: str = 'a'`") for name in names
    ]
    build_file_tree(tmp_path, {"wiki/_WorkflowIndex.md": "# Workflow Index: Demo_Wiki\n" + "".join(sections)})
    child = spawn(tmp_path)
    for prompt, reply in UNPINNED_INTO_OUT:
        child.expect(prompt)
        child.sendline(reply)
    child.expect(r"No REQUIRED config values")
    child.expect(r"render [^\r\n]*? ([1-9]|[1-3][0-9])/200 ")  # part-way through rendering (in batches of a few)
    child.sendintr()
    child.expect(
        r"Interrupted: every repository is moved into place whole or not at all \((\d+) finished\); "
        r"nothing is half-written\."
    )
    finished = int(child.match.group(1))
    child.expect(r"Resume with: genrepo guide\r?\n")
    child.expect(r"or, with the answers so far: genrepo from-index wiki/_WorkflowIndex\.md --out out --no-pin")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    out = tmp_path / "out"
    entries = sorted(p.name for p in out.iterdir())
    assert not [e for e in entries if e.startswith(".genrepo-")]  # no scratch folder left behind
    assert finished <= len(entries) < len(names)  # one may have landed between its move and the report of it
    for name in entries:  # each repository there is whole: every file its manifest lists, with that content
        manifest = json.loads((out / name / ".genrepo.json").read_text())
        for rel, digest in manifest["outputs"].items():
            assert hashlib.sha256((out / name / rel).read_bytes()).hexdigest() == digest, (name, rel)
