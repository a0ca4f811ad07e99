"""Defects: hostile wiki files give a message naming the file and line, never a traceback, and one bad page
costs that page (or its workflow), never the whole wiki; nothing is written outside --out."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator import render as render_module
from generator.cli import app
from generator.parse.text import MAX_FIELD_CHARS, MAX_FILE_BYTES
from generator.pipeline import generate
from tests.helpers import build_file_tree, enriched_index, workflow_page

GOOD, BAD = "Demo_Wiki_Good", "Demo_Wiki_Bad"


def two_workflows(**pages: str | bytes) -> dict[str, str | bytes]:
    """An index with a good and a bad workflow, their pages, and any extra files."""
    index = enriched_index(GOOD, 1) + "\n" + enriched_index(BAD, 1).split("\n", 1)[1]
    return {"_WorkflowIndex.md": index, f"workflows/{GOOD}.md": workflow_page("Good", 1), **pages}


def cli(*args: str) -> subprocess.CompletedProcess:
    """genrepo as a person runs it, in its own process: a hang is a failure, not a stuck test run."""
    if args[0] == "from-index":
        args = (*args, "--no-pin")
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, timeout=60)


def invoke(*args: str):
    if args[0] == "from-index":
        args = (*args, "--no-pin")
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def assert_message(output: str, code: int, actual: int, *needles: str) -> None:
    assert actual == code, output
    assert "Traceback" not in output
    for needle in needles:
        assert needle in output, output


def outside_out(tmp_path: Path) -> dict[str, int]:
    """Every path under tmp_path except --out's folder, with its size: what a run must leave alone."""
    return {
        str(p): (p.lstat().st_size if not p.is_dir() else 0)
        for p in tmp_path.rglob("*")
        if "out" not in p.relative_to(tmp_path).parts[:1]
    }


def generated(out: Path) -> set[str]:
    return {p.name for p in out.iterdir()} if out.is_dir() else set()


def test_deeply_nested_braces_tags_and_links_are_read(tmp_path):
    nested = (
        "{{" * 3000 + "x" + "}}" * 3000 + "\n" + "<b>" * 2000 + "y" + "</b>" * 2000 + "\n" + "[[" * 2000 + "]]" * 2000
    )
    wiki = build_file_tree(
        tmp_path / "wiki", two_workflows(**{f"workflows/{BAD}.md": workflow_page("Bad", 1, extra=nested)})
    )
    before = outside_out(tmp_path)
    result = invoke("from-index", str(wiki), "--out", str(tmp_path / "out"))
    assert outside_out(tmp_path) == before
    assert_message(result.output, 0, result.exit_code)
    assert generated(tmp_path / "out") == {"workflow-demo-wiki-good", "workflow-demo-wiki-bad"}


def test_a_default_of_3000_dashes_is_no_default(tmp_path):
    index = enriched_index(steps=1).replace(
        "`x: int = 3` - the x", "`x: int = " + "-" * 3000 + "1` - the x, default: " + "-" * 3000 + "2"
    )
    wiki = build_file_tree(
        tmp_path / "wiki", {"_WorkflowIndex.md": index, "workflows/Demo_Wiki_Sample_Flow.md": workflow_page(steps=1)}
    )
    before = outside_out(tmp_path)
    result = invoke("from-index", str(wiki), "--out", str(tmp_path / "out"))
    assert outside_out(tmp_path) == before
    assert_message(result.output, 0, result.exit_code)
    assert "# REQUIRED: x =" in (tmp_path / "out" / "workflow-demo-wiki-sample-flow" / "config.toml").read_text()


def test_deep_signature_default_and_api_call_are_dropped_with_their_line(tmp_path):
    deep = "-" * 3000 + "1"
    implementation = (
        '= Implementation: Deep =\n\n== Signature ==\n<syntaxhighlight lang="python">\n'
        f"def func1(x, y={deep}):\n    ...\n</syntaxhighlight>\n\n== Usage Examples ==\n"
        f'<syntaxhighlight lang="python">\nfrom demo import func1\nfunc1(1, y={deep})\n</syntaxhighlight>\n'
    )
    index = enriched_index(steps=2).replace("| **API Call** | `demo.func1(x, y)` |", "| **API Call** | |")
    index = index.replace("`demo.func2(x, y)`", f"`demo.func2(x, y={deep})`")
    wiki = build_file_tree(
        tmp_path / "wiki",
        {
            "_WorkflowIndex.md": index,
            "workflows/Demo_Wiki_Sample_Flow.md": workflow_page(steps=2),
            "implementations/Demo_Wiki_Step_Number_1.md": implementation,
        },
    )
    result = invoke("validate", str(wiki))  # exit 1: with both calls dropped, no step is executable
    assert_message(
        result.output,
        1,
        result.exit_code,
        "NOT EXECUTABLE",
        "implementations/Demo_Wiki_Step_Number_1.md:5: the Signature is nested too deeply",
        "implementations/Demo_Wiki_Step_Number_1.md:11: the usage example is nested too deeply",
        "_WorkflowIndex.md:24: step 2: the API Call is nested too deeply",
    )


def test_a_fifo_page_fails_its_workflow_and_does_not_hang(tmp_path):
    wiki = build_file_tree(tmp_path / "wiki", two_workflows())
    os.mkfifo(wiki / "workflows" / f"{BAD}.md")
    os.mkfifo(wiki / "heuristics.md")  # not a folder: ignored
    (wiki / "heuristics").mkdir()
    os.mkfifo(wiki / "heuristics" / "Demo_Wiki_Tip.md")  # read for the README: skipped with a warning
    before = outside_out(tmp_path)
    proc = cli("from-index", str(wiki), "--out", str(tmp_path / "out"))
    assert outside_out(tmp_path) == before
    assert_message(
        proc.stdout + proc.stderr,
        1,
        proc.returncode,
        f"workflows/{BAD}.md:1: a FIFO, not a regular file",
        "heuristics/Demo_Wiki_Tip.md:1: a FIFO, not a regular file",
    )
    assert generated(tmp_path / "out") == {"workflow-demo-wiki-good"}


def test_a_fifo_index_exits_2(tmp_path):
    (tmp_path / "wiki").mkdir()
    os.mkfifo(tmp_path / "wiki" / "_WorkflowIndex.md")
    proc = cli("validate", str(tmp_path / "wiki"))
    assert_message(proc.stdout + proc.stderr, 2, proc.returncode, "_WorkflowIndex.md:1: a FIFO, not a regular file")


def test_a_device_page_is_refused_without_reading_it(tmp_path):
    wiki = build_file_tree(tmp_path / "wiki", two_workflows())
    os.symlink("/dev/zero", wiki / "workflows" / f"{BAD}.md")  # resolves outside the wiki
    implementation = wiki / "implementations" / "Demo_Wiki_Step_Number_1.md"
    implementation.parent.mkdir()
    try:
        os.mknod(implementation, stat.S_IFCHR | 0o644, os.makedev(1, 5))  # /dev/zero's numbers, inside the wiki
        device = True
    except PermissionError:
        device = False
    before = outside_out(tmp_path)
    proc = cli("from-index", str(wiki), "--out", str(tmp_path / "out"))
    assert outside_out(tmp_path) == before
    needles = [f"_WorkflowIndex.md:23: workflow page link './workflows/{BAD}.md' points outside the wiki folder"]
    if device:
        needles.append("implementations/Demo_Wiki_Step_Number_1.md:1: a character device, not a regular file")
    assert_message(proc.stdout + proc.stderr, 1, proc.returncode, *needles)
    assert generated(tmp_path / "out") == {"workflow-demo-wiki-good"}


def test_a_symlink_loop_is_a_page_error(tmp_path):
    wiki = build_file_tree(tmp_path / "wiki", two_workflows())
    os.symlink(f"{BAD}.md", wiki / "workflows" / f"{BAD}.md")
    os.symlink("loop_b.md", wiki / "workflows" / "loop_a.md")
    os.symlink("loop_a.md", wiki / "workflows" / "loop_b.md")
    before = outside_out(tmp_path)
    result = invoke("from-index", str(wiki), "--out", str(tmp_path / "out"))
    assert outside_out(tmp_path) == before
    assert_message(
        result.output, 1, result.exit_code, f"workflows/{BAD}.md:1: cannot read file: Too many levels of symbolic links"
    )
    assert generated(tmp_path / "out") == {"workflow-demo-wiki-good"}


def test_a_field_over_the_limit_is_ignored_with_its_line(tmp_path):
    huge = "`x: int` - " + "word " * (MAX_FIELD_CHARS // 5 + 10)
    index = enriched_index(steps=1).replace("`x: int = 3` - the x, `y: str` - the y", huge)
    code = "x = 1\n" * (MAX_FIELD_CHARS // 6 + 10)
    page = workflow_page(steps=1).replace(
        "Does thing 1.", f'Does thing 1.\n<syntaxhighlight lang="python">\n{code}</syntaxhighlight>'
    )
    wiki = build_file_tree(tmp_path / "wiki", {"_WorkflowIndex.md": index, "workflows/Demo_Wiki_Sample_Flow.md": page})
    result = invoke("validate", str(wiki))
    assert_message(
        result.output,
        0,
        result.exit_code,
        f"_WorkflowIndex.md:16: step 1: the key parameters cell is {len(huge.strip())} characters, over the limit of {MAX_FIELD_CHARS}",
        "workflows/Demo_Wiki_Sample_Flow.md:21: step 1: a code block is",
    )


def test_a_file_over_the_limit_fails_its_workflow(tmp_path):
    big = workflow_page("Bad", 1) + "\n" + ("filler text\n" * (MAX_FILE_BYTES // 12 + 10))
    wiki = build_file_tree(tmp_path / "wiki", two_workflows(**{f"workflows/{BAD}.md": big}))
    before = outside_out(tmp_path)
    result = invoke("from-index", str(wiki), "--out", str(tmp_path / "out"))
    assert outside_out(tmp_path) == before
    assert_message(
        result.output, 1, result.exit_code, f"workflows/{BAD}.md:1: file is larger than {MAX_FILE_BYTES} bytes"
    )
    assert generated(tmp_path / "out") == {"workflow-demo-wiki-good"}


def test_out_that_is_a_file_exits_2(tmp_path):
    wiki = build_file_tree(tmp_path / "wiki", two_workflows())
    (tmp_path / "out").write_text("not a folder")
    before = outside_out(tmp_path)
    result = invoke("from-index", str(wiki), "--out", str(tmp_path / "out" / "deeper"))
    assert outside_out(tmp_path) == before
    assert_message(
        result.output,
        2,
        result.exit_code,
        f"--out {tmp_path / 'out' / 'deeper'}: {tmp_path / 'out'} is a file, not a folder",
    )
    assert (tmp_path / "out").read_text() == "not a folder"


def test_out_that_is_read_only_exits_2(tmp_path):
    wiki = build_file_tree(tmp_path / "wiki", two_workflows())
    if os.geteuid() == 0:  # root writes anywhere it may: use a filesystem that refuses even root
        out, needle = Path("/sys/genrepo-hostile-out"), "cannot create the folder"
        if out.exists():
            pytest.skip("/sys accepted a folder")
    else:
        out, needle = tmp_path / "locked", "the folder is not writable"
        out.mkdir(mode=0o555)
    before = outside_out(tmp_path)
    result = invoke("from-index", str(wiki), "--out", str(out))
    assert outside_out(tmp_path) == before
    assert_message(result.output, 2, result.exit_code, f"--out {out}: {needle}")


def test_disk_full_during_an_in_place_update_fails_that_workflow_and_a_rerun_converges(tmp_path, monkeypatch):
    wiki = build_file_tree(tmp_path / "wiki", two_workflows(**{f"workflows/{BAD}.md": workflow_page("Bad", 1)}))
    assert generate(wiki, tmp_path / "out").exit_code == 0
    page = wiki / "workflows" / f"{BAD}.md"
    page.write_text(page.read_text().replace("A demo workflow.", "An edited demo workflow."))
    write = render_module.write_atomic
    written: list[Path] = []

    def fills_up(path: Path, data: bytes, *args) -> None:  # the disk fills after two files
        if len(written) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        written.append(path)
        write(path, data, *args)

    monkeypatch.setattr(render_module, "write_atomic", fills_up)
    result = invoke("from-index", str(wiki), "--out", str(tmp_path / "out"))
    assert_message(result.output, 1, result.exit_code, "cannot write workflow-demo-wiki-bad: No space left on device")
    monkeypatch.setattr(render_module, "write_atomic", write)
    again = invoke("from-index", str(wiki), "--out", str(tmp_path / "out"))
    assert_message(again.output, 0, again.exit_code, "update    Bad")
    assert not list((tmp_path / "out").rglob(".genrepo.pending.json"))
