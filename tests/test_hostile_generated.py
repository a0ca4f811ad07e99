"""Hostile wikis, generated output: whatever the wiki says, the files genrepo writes are valid and mean what the
example meant. Each case is a small wiki built here; each asserts the exit code, that every .py compiles and
passes ruff, that TOML parses, and the specific point."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from generator.pipeline import generate
from tests.conftest import ruff
from tests.helpers import build_file_tree


def wiki_with(
    tmp_path: Path, step_rows: str, example: str = "", name: str = "Demo_Flow", url: str = "PENDING", mermaid: str = ""
) -> Path:
    index = f"""
# Workflow Index: Demo

## Workflow: {name}

**File:** [→](./workflows/{name}.md)
**Description:** A demo.
**GitHub URL:** {url}

### Step 1: Do_It

| Attribute | Value |
|-----------|-------|
{step_rows}
| **Implementation** | `Demo_Impl` |
"""
    files = {"_WorkflowIndex.md": index}
    if example:
        files["implementations/Demo_Impl.md"] = (
            f'== Usage Examples ==\n<syntaxhighlight lang="python">\n{example}\n</syntaxhighlight>\n'
        )
    if mermaid:
        files[f"workflows/{name}.md"] = (
            f"# Workflow: {name}\n\n== Overview ==\nDemo.\n\n=== Step 1: Do It ===\nDoes it.\n\n{{{{#mermaid:{mermaid}\n}}}}\n"
        )
    return build_file_tree(tmp_path / "wiki", files) / "_WorkflowIndex.md"


def generated(tmp_path: Path, index: Path):
    result = generate(index, tmp_path / "out")
    (item,) = result.results
    assert item.ok, item.errors
    repo = item.output_dir
    for path in repo.rglob("*.py"):
        compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
    proc = ruff("check", "--no-cache", str(repo))
    assert proc.returncode == 0, proc.stdout
    for path in repo.rglob("*.toml"):
        tomllib.loads(path.read_text(encoding="utf-8"))
    return item, repo


def step_source(repo: Path) -> str:
    return next(repo.rglob("step_01_*.py")).read_text(encoding="utf-8")


def test_an_infinite_default_is_valid_python_and_toml(tmp_path):
    index = wiki_with(
        tmp_path,
        "| **API Call** | `mylib.clip(values, limit)` |\n| **External Dependencies** | `mylib` |\n"
        "| **Key Parameters** | `limit: float = 1e999` - no bound, `values: list = [1.0]` - numbers |",
    )
    item, repo = generated(tmp_path, index)
    assert 'float("inf")' in step_source(repo)
    assert tomllib.loads((repo / "config.toml").read_text())["step_01_do_it"]["limit"] == float("inf")


def test_control_characters_non_ascii_and_case_distinct_names_make_valid_toml(tmp_path):
    rows = (
        "| **API Call** | `mylib.shape(values, sep, größe, Alpha, alpha)` |\n| **External Dependencies** | `mylib` |\n"
        '| **Key Parameters** | `values: list = [1.0]` - numbers, `sep: str = "a\\x7fb"` - odd, `größe: int = 3` - size, '
        "`Alpha: int = 1` - upper, `alpha: int = 2` - lower |"
    )
    item, repo = generated(tmp_path, wiki_with(tmp_path, rows))
    text = (repo / "config.toml").read_text()
    section = tomllib.loads(text)["step_01_do_it"]
    assert section["sep"] == "a\x7fb" and "\x7f" not in text  # escaped, never raw
    assert section["Alpha"] == 1 and section["alpha"] == 2  # two keys, not one collapsed
    assert section["größe"] == 3 and '"größe" = 3' in text  # a key TOML cannot hold bare is quoted


def test_a_dotted_repo_name_installs_and_a_package_never_shadows_a_module(tmp_path):
    rows = '| **API Call** | `logging.getLogger(name)` |\n| **External Dependencies** | `logging` |\n| **Key Parameters** | `name: str = "x"` - logger |'
    item, repo = generated(tmp_path, wiki_with(tmp_path, rows, url="https://github.com/demo/lora.recipes"))
    assert item.plan.repo_name == "lora.recipes"
    pyproject = tomllib.loads((repo / "pyproject.toml").read_text())
    assert pyproject["project"]["scripts"] == {"lora.recipes": f"{item.plan.package_name}:main"}
    item2, _ = generated(tmp_path / "b", wiki_with(tmp_path / "b", rows, url="https://github.com/demo/logging"))
    assert item2.plan.package_name == "wf_logging"


def test_break_and_yield_cut_out_of_their_context_keep_their_meaning(tmp_path):
    example = 'import mylib\nfor url in ["a", "b"]:\n    page = mylib.fetch(url)\n    if page is None:\n        break\n    yield page'
    rows = "| **API Call** | `mylib.fetch(url)` |\n| **External Dependencies** | `mylib` |"
    item, repo = generated(tmp_path, wiki_with(tmp_path, rows, example))
    source = step_source(repo)
    assert "break" not in source and "yield " not in source and "def run(url)" in source
    assert "yielded.append(page)" in source


def test_except_star_declares_python_311(tmp_path):
    example = "import mylib\ntry:\n    result = mylib.fetch(url)\nexcept* ValueError:\n    result = None"
    rows = "| **API Call** | `mylib.fetch(url)` |\n| **External Dependencies** | `mylib` |"
    item, repo = generated(tmp_path, wiki_with(tmp_path, rows, example))
    assert "except*" in step_source(repo)
    assert tomllib.loads((repo / "pyproject.toml").read_text())["project"]["requires-python"] == ">=3.11"
    assert '"3.10"' not in (repo / ".github" / "workflows" / "ci.yml").read_text()


def test_a_mermaid_diagram_holding_a_fence_stays_inside_the_readme_fence(tmp_path):
    rows = "| **API Call** | `math.fsum(values)` |\n| **External Dependencies** | `math` |"
    item, repo = generated(tmp_path, wiki_with(tmp_path, rows, mermaid="graph TD\n    A[```] --> B[```python]"))
    readme = (repo / "README.md").read_text()
    assert "````mermaid\ngraph TD" in readme and "```python]\n````" in readme


def test_example_code_that_acts_on_the_system_is_reported(tmp_path):
    example = "import mylib, subprocess\nresult = mylib.fetch(url)\nopen('out.txt', 'w').write(result)\nsubprocess.run(result, shell=True)"
    rows = "| **API Call** | `mylib.fetch(url)` |\n| **External Dependencies** | `mylib` |"
    result = generate(wiki_with(tmp_path, rows, example), tmp_path / "out")
    (item,) = result.results
    warnings = " ".join(str(w) for w in item.plan.warnings)
    assert "open(..., 'w')" in warnings and "subprocess.run(shell=...)" in warnings and "_WorkflowIndex.md:" in warnings
    assert "shell=True" in next(item.output_dir.rglob("step_01_*.py")).read_text()  # code, not a config key


@pytest.mark.slow
def test_the_dotted_name_repo_builds_as_a_wheel(tmp_path):
    rows = "| **API Call** | `math.fsum(values)` |\n| **External Dependencies** | `math` |"
    item, repo = generated(tmp_path, wiki_with(tmp_path, rows, url="https://github.com/demo/lora.recipes"))
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "w"), str(repo)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_html_line_breaks_in_cells_part_parameters_and_never_reach_the_files(tmp_path):
    """Pipelines write `<br>` where a table cell needs two lines (GFM has no other way): each line is a parameter
    or a dependency of its own, and no `<br>` reaches a docstring, a config comment or the README."""
    index = wiki_with(
        tmp_path,
        "| **API Call** | `mylib.fit(data, rank, alpha)` |\n"
        "| **External Dependencies** | `mylib`<br>`numpy` |\n"
        "| **Key Parameters** | `rank: int = 16` - the rank<br>`alpha: int = 32` - scaling<BR/> |\n"
        "| **Inputs** | a dataset<br/>a model |",
    )
    item, repo = generated(tmp_path, index)
    config = tomllib.loads((repo / "config.toml").read_text(encoding="utf-8"))
    (values,) = [table for table in config.get("steps", config).values() if isinstance(table, dict)]
    assert (values["rank"], values["alpha"]) == (16, 32)
    assert "numpy" in (repo / "requirements.in").read_text(encoding="utf-8")
    leaked = [str(p.relative_to(repo)) for p in repo.rglob("*") if p.is_file() and b"<br" in p.read_bytes().lower()]
    assert leaked == []
