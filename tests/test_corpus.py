"""Every workflow of every corpus wiki generates a repository that compiles, lints and passes its own tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.pipeline import generate
from tests.conftest import corpus_indexes, corpus_params, ruff, run_generated_tests

INDEXES = corpus_indexes()
pytestmark = pytest.mark.skipif(not INDEXES, reason="corpus not found (set GENREPO_CORPUS)")


def expected_step_counts(index: Path) -> dict[str, int]:
    """Independent count: `### Step N` headings per `## Workflow:` section, else `=== Step N` on the page."""
    text = index.read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    sections = re.split(r"^## Workflow:\s*", text, flags=re.M)[1:]
    for section in sections:
        name = section.split("\n", 1)[0].strip()
        counts[name] = len(re.findall(r"^### Step \d+", section, flags=re.M))
    if not sections:
        for link in re.findall(r"\]\((\./workflows/[^)]+\.md)\)", text):
            page = (index.parent / link).read_text(encoding="utf-8")
            counts[Path(link).stem] = len(re.findall(r"^=== ?Step \d+", page, flags=re.M))
    return counts


@pytest.fixture(scope="module")
def generate_once(tmp_path_factory):
    """Generate a corpus wiki the first time a test asks for it; later tests reuse the result."""
    out = tmp_path_factory.mktemp("corpus")
    results: dict[str, tuple[Path, object]] = {}

    def get(index: Path) -> tuple[Path, object]:
        if index.parent.name not in results:
            results[index.parent.name] = (out / index.parent.name, generate(index, out / index.parent.name))
        return results[index.parent.name]

    return get


@pytest.fixture(scope="module")
def generated(generate_once) -> dict[str, tuple[Path, object]]:
    """The whole corpus, generated (the slow tier's whole-corpus checks)."""
    return {index.parent.name: generate_once(index) for index in INDEXES}


@pytest.mark.parametrize("index", corpus_params())
def test_every_workflow_generates_with_the_right_step_count(index, generate_once):
    out, result = generate_once(index)
    expected = expected_step_counts(index)
    assert all(r.ok for r in result.results), [r.errors for r in result.results]
    assert result.exit_code == (0 if all(r.executable for r in result.results) else 1)
    assert len(result.results) == len(expected)
    for item in result.results:
        assert item.action == "create"
        assert len(item.plan.steps) == expected[item.plan.workflow.name], item.plan.workflow.name
        steps = sorted((item.output_dir / "src" / item.plan.package_name / "steps").glob("step_*.py"))
        assert len(steps) == len(item.plan.steps)
        manifest = json.loads((item.output_dir / ".genrepo.json").read_text())
        assert [s["file"] for s in manifest["steps"]] == [f"src/{item.plan.package_name}/steps/{p.name}" for p in steps]


@pytest.mark.parametrize("index", corpus_params())
def test_generated_python_compiles_and_passes_ruff(index, generate_once):
    out, result = generate_once(index)
    for path in out.rglob("*.py"):
        compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
    for item in result.results:  # lint and format, each with the repo's own configuration (what its CI runs)
        proc = ruff("check", "--no-cache", str(item.output_dir))
        assert proc.returncode == 0, f"{item.output_dir.name}:\n{proc.stdout}{proc.stderr}"
        proc = ruff(
            "format", "--check", "--no-cache", "--config", str(item.output_dir / "pyproject.toml"), str(item.output_dir)
        )
        assert proc.returncode == 0, f"{item.output_dir.name} is not ruff-formatted:\n{proc.stdout}{proc.stderr}"


@pytest.mark.slow
def test_corpus_has_all_the_workflows(generated):
    total = sum(len(result.results) for _, result in generated.values())
    assert total == sum(len(expected_step_counts(i)) for i in INDEXES) >= 38


@pytest.mark.slow
def test_every_generated_python_file_compiles(generated):
    files = [p for out, _ in generated.values() for p in out.rglob("*.py")]
    assert len(files) > 300
    for path in files:
        compile(path.read_bytes(), str(path), "exec", dont_inherit=True)


@pytest.mark.slow
def test_generated_repos_pass_their_own_tests_in_a_fresh_venv(generated, test_venv):
    repos = [item.output_dir for _, result in generated.values() for item in result.results]
    failures = []
    for repo in repos:
        proc = run_generated_tests(test_venv, repo)
        if proc.returncode != 0 or " passed" not in proc.stdout:
            failures.append(f"{repo.name}:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("index", corpus_params())
def test_examples_whose_imports_stand_in_a_block_of_their_own_bind_the_same(index, tmp_path):
    """A wiki that writes each example's imports in a block of their own (the imports, a line of prose, then the
    code using them) binds every step exactly as the same wiki with the imports in place."""
    import ast
    import itertools
    import re
    import shutil

    from generator.pipeline import plan_all

    pages = (
        [p for p in (index.parent / "implementations").glob("*.md")]
        if (index.parent / "implementations").is_dir()
        else []
    )
    if not pages:
        pytest.skip("no implementation pages")
    copy = tmp_path / index.parent.name
    shutil.copytree(index.parent, copy)
    opening = r'(<syntaxhighlight lang="python">\n|```python\n)'

    def split(m: re.Match) -> str:
        lines = m.group(2).split("\n")
        try:
            body = ast.parse(m.group(2)).body
        except SyntaxError:
            return m.group(0)
        imports = list(itertools.takewhile(lambda node: isinstance(node, (ast.Import, ast.ImportFrom)), body))
        if not imports or len(imports) == len(body):
            return m.group(0)
        cut = imports[-1].end_lineno
        close = "</syntaxhighlight>" if m.group(1).startswith("<") else "```"
        return f"{m.group(1)}{chr(10).join(lines[:cut]).rstrip()}\n{close}\n\nThen:\n\n{m.group(1)}{chr(10).join(lines[cut:])}{m.group(3)}"

    changed = 0
    for page in (copy / "implementations").glob("*.md"):
        text = page.read_text(encoding="utf-8", errors="replace")
        new = re.sub(opening + r"(.*?)(</syntaxhighlight>|```)", split, text, flags=re.S)
        changed += new != text
        page.write_text(new, encoding="utf-8")

    def bindings(root):
        _, plans = plan_all(root / index.name)
        return [
            (p.workflow.name, s.step.number, s.binding.status, s.binding.body, s.binding.params)
            for p in plans
            for s in p.steps
        ]

    assert bindings(copy) == bindings(index.parent), f"{changed} pages split"
