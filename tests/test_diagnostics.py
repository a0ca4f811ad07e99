"""Diagnostics keep their wiki file and line all the way out: in the text output, in the JSON report
({severity, message, file, line}) and as GitHub Actions annotations (`::warning file=…,line=…::`)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from generator.cli import app
from tests.helpers import build_file_tree, enriched_index, workflow_page

IMPLEMENTATION = """= Implementation: Step Number 1 =

== Overview ==
Does the first thing.

== Usage Examples ==
<syntaxhighlight lang="python">
from demo import func1

result = func1(1, y="a"
</syntaxhighlight>
"""


def _wiki(root: Path) -> Path:
    index = enriched_index(steps=2)
    index = index.replace("`demo.func2(x, y)`", "`demo.func2(x, y`")  # an index table cell cut short
    index = index.replace(
        "| `x: int = 3` - the x, `y: str` - the y |", "| `x: list = [1, 2` - the x, `y: str` - the y |", 1
    )
    index = index.replace(
        "**Outputs** | `result` |", "**Outputs** | `result` |\n| **Implementation** | Demo_Wiki_Step_Number_1 |", 1
    )
    deep = "-" * 3000 + "1"
    page = workflow_page(steps=2).replace(
        "Does thing 2.", f'Does thing 2.\n\n<syntaxhighlight lang="python">\nx = {deep}\n</syntaxhighlight>'
    )
    return build_file_tree(
        root,
        {
            "_WorkflowIndex.md": index,
            "workflows/Demo_Wiki_Sample_Flow.md": page,
            "implementations/Demo_Wiki_Step_Number_1.md": IMPLEMENTATION,
        },
    )


def _line(path: Path, needle: str) -> int:
    """The 1-based line of path where needle first appears: what a diagnostic about it must name."""
    for number, text in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in text:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def _expected(wiki: Path) -> dict[str, tuple[str, int]]:
    """{a word of the message: (file, line)} for the four planted problems."""
    return {
        "unbalanced brackets": ("_WorkflowIndex.md", _line(wiki / "_WorkflowIndex.md", "`demo.func2(x, y`")),
        "key parameter 'x'": ("_WorkflowIndex.md", _line(wiki / "_WorkflowIndex.md", "[1, 2` - the x")),
        "a code block is nested too deeply": (
            "workflows/Demo_Wiki_Sample_Flow.md",
            _line(wiki / "workflows/Demo_Wiki_Sample_Flow.md", "=== Step 2"),
        ),
        "usage example is not valid Python": (
            "implementations/Demo_Wiki_Step_Number_1.md",
            _line(wiki / "implementations/Demo_Wiki_Step_Number_1.md", 'result = func1(1, y="a"'),
        ),
    }


def test_each_diagnostic_keeps_its_file_and_line_in_text_json_and_annotations(tmp_path, monkeypatch):
    wiki = _wiki(tmp_path / "wiki")
    expected = _expected(wiki)
    runner = CliRunner()

    text = runner.invoke(app, ["validate", str(wiki)], catch_exceptions=False).output
    for word, (file, line) in expected.items():
        assert any(f"{file}:{line}: " in row and word in row for row in text.splitlines()), (word, file, line, text)

    report = json.loads(
        runner.invoke(
            app,
            ["from-index", str(wiki), "--dry-run", "--json", "--out", str(tmp_path / "out")],
            catch_exceptions=False,
        ).stdout
    )
    (workflow,) = report["workflows"]
    for word, (file, line) in expected.items():
        found = [d for d in workflow["diagnostics"] if word in d["message"]]
        assert found and found[0]["file"] == file and found[0]["line"] == line, (word, workflow["diagnostics"])
        assert set(found[0]) == {"severity", "message", "file", "line"} and found[0]["severity"] == "warning"

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    annotated = runner.invoke(app, ["validate", str(wiki)], catch_exceptions=False).output
    for word, (file, line) in expected.items():
        assert any(
            row.startswith(f"::warning file=wiki/{file},line={line}::") and word in row
            for row in annotated.splitlines()
        ), (word, annotated)
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert "::warning" not in runner.invoke(app, ["validate", str(wiki)], catch_exceptions=False).output


def test_an_error_is_an_error_diagnostic_and_an_annotation(tmp_path, monkeypatch):
    index = enriched_index().replace(
        "**File:** [→](./workflows/Demo_Wiki_Sample_Flow.md)", "**File:** [→](../outside.md)"
    )
    wiki = build_file_tree(tmp_path / "wiki", {"_WorkflowIndex.md": index})
    runner = CliRunner()
    report = json.loads(runner.invoke(app, ["validate", str(wiki), "--json"], catch_exceptions=False).stdout)
    (workflow,) = report["workflows"]
    errors = [d for d in workflow["diagnostics"] if d["severity"] == "error"]
    assert (
        errors
        and errors[0]["file"] == "_WorkflowIndex.md"
        and errors[0]["line"] == _line(wiki / "_WorkflowIndex.md", "outside.md")
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(app, ["validate", str(wiki)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"::error file=wiki/_WorkflowIndex.md,line={errors[0]['line']}::" in result.output


def test_a_file_that_is_not_a_wiki_index_is_exit_2_naming_what_was_expected(tmp_path):
    readme = (
        build_file_tree(tmp_path, {"README.md": "# My project\n\nSome text.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"})
        / "README.md"
    )
    result = CliRunner().invoke(app, ["validate", str(readme)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "README.md:1: no workflow found" in result.output and "## Workflow: NAME" in result.output
    # a real index that lists nothing yet stays a warning
    empty = build_file_tree(
        tmp_path / "empty", {"_WorkflowIndex.md": "# Workflow Index: X\n\n| Page | File |\n|---|---|\n"}
    )
    result = CliRunner().invoke(app, ["validate", str(empty)])
    assert result.exit_code == 0 and "lists no workflows" in result.output


def test_version_flag_and_bare_command():
    runner = CliRunner()
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.output.strip() == runner.invoke(app, ["version"]).output.strip()
    bare = runner.invoke(app, [])
    assert bare.exit_code == 0 and "from-index" in bare.output and "Usage" in bare.output
