"""The generated runtime as a user meets it: run, resume with --from, stubs, unknown keys, -v, the summary.

A small wiki built here binds to the standard library only, so the generated repository runs anywhere.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import generate
from tests.conftest import ruff
from tests.helpers import build_file_tree, example_pages, generated

INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Stats

**File:** [→](./workflows/Demo_Stats.md)
**Description:** Numbers in, a score out.
**GitHub URL:** PENDING

### Step 1: Average

| Attribute | Value |
|-----------|-------|
| **API Call** | `statistics.mean(data)` |
| **External Dependencies** | `statistics` |
| **Key Parameters** | `data: list = [2, 4, 6, 4]` - the numbers |
| **Outputs** | `average` |

### Step 2: Root

| Attribute | Value |
|-----------|-------|
| **API Call** | `math.sqrt(average)` |
| **External Dependencies** | `math` |
| **Outputs** | `root` |

### Step 3: Score

| Attribute | Value |
|-----------|-------|
| **API Call** | `def score(root: float) -> float` |
| **Outputs** | `score` |

### Step 4: Decide

| Attribute | Value |
|-----------|-------|
| **API Call** | N/A (manual decision) |
| **Key Parameters** | `label: str = "done"` - what to call the result |
"""


@pytest.fixture()
def repo(tmp_path) -> Path:
    item = generated(tmp_path, {"_WorkflowIndex.md": INDEX})
    return item.output_dir


def run(repo: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(repo / "src")}
    return subprocess.run(
        [sys.executable, "-m", "workflow_demo_stats", *args],
        cwd=cwd or repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def run_workflow(item, library: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m PACKAGE run --no-save ARGS` in a generated repository, with a local library on the path; it must
    succeed."""
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{library}"}
    command = [sys.executable, "-m", item.plan.package_name, "run", "--no-save", *args]
    proc = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc


def run_generated_tests(item, library: Path) -> None:
    """The generated repository's own tests, with a local library on the path; they must pass."""
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{library}"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"]
    tests = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=300)
    assert tests.returncode == 0, tests.stdout[-3000:]


def implement_score(repo: Path) -> None:
    """What a person does: replace the stub's raise with a body; nothing else."""
    module = next((repo / "src").rglob("step_03_*.py"))
    text = module.read_text()
    stub = next(node for node in ast.walk(ast.parse(text)) if isinstance(node, ast.Raise))
    lines = text.split("\n")
    lines[stub.lineno - 1 : stub.end_lineno] = ["    return {'score': root * 10}"]
    module.write_text("\n".join(lines))


def test_a_stub_is_refused_until_its_body_is_written_then_it_runs(repo):
    refused = run(repo, "run")
    assert (
        refused.returncode == 2 and "3. Score" in refused.stderr and "Write the body of their run()" in refused.stderr
    )
    partial = run(repo, "run", "--allow-incomplete")
    assert partial.returncode == 0, partial.stderr
    assert "skipped (need implementation): 3. Score" in partial.stderr
    implement_score(repo)
    done = run(repo, "run")
    assert done.returncode == 0, done.stderr
    assert "score = 20" in done.stderr  # sqrt(mean(2, 4, 6, 4)) * 10, shown as a number the step produced
    assert "manual (decisions handed on from config): 4. Decide" in done.stderr


def test_from_n_resumes_with_the_artifacts_earlier_steps_saved(repo, tmp_path):
    implement_score(repo)
    missing = run(repo, "run", "--from", "3", "--artifacts", str(tmp_path / "empty"))
    assert missing.returncode == 2 and "needs root (made by step 2. Root)" in missing.stderr
    assert run(repo, "run", "--artifacts", str(tmp_path / "art")).returncode == 0
    resumed = run(repo, "run", "--from", "3", "--artifacts", str(tmp_path / "art"), "--set", "1.data=[100]")
    assert resumed.returncode == 0, resumed.stderr
    assert (
        "loaded root as step 2 left it" in resumed.stderr and "score = 20" in resumed.stderr
    )  # step 1 did not run again


def test_the_artifacts_a_run_saves_are_ignored_by_git(repo):
    """`run` saves every step's results in ./artifacts (pickled models and data, for --from N); a user's
    `git add .` committed them, models included, since the generated .gitignore did not name the folder."""
    implement_score(repo)
    assert run(repo, "run").returncode == 0
    assert any((repo / "artifacts").iterdir())
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo, capture_output=True, text=True
    )
    assert status.returncode == 0 and "artifacts/" not in status.stdout and "config.toml" in status.stdout, (
        status.stdout
    )


def test_unknown_keys_are_refused_with_the_nearest_real_one(repo):
    typo = run(repo, "run", "--allow-incomplete", "--set", "1.dta=[1]")
    assert typo.returncode == 2 and "did you mean 'data'" in typo.stderr
    (repo / "bad.toml").write_text("[step_01_average]\ndatta = [1]\n")
    assert "did you mean 'data'" in run(repo, "plan", "--config", "bad.toml").stderr


def test_a_failing_step_names_itself_and_v_shows_the_traceback(repo):
    implement_score(repo)
    plain = run(repo, "run", "--set", "1.data=[]")
    assert (
        plain.returncode == 1
        and "step 1. Average failed at line" in plain.stderr
        and "calling statistics.mean" in plain.stderr
    )
    assert "Traceback" not in plain.stderr and "-v shows the traceback" in plain.stderr
    verbose = run(repo, "run", "--set", "1.data=[]", "-v")
    assert "Traceback" in verbose.stderr and "StatisticsError" in verbose.stderr


WHERE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Where

**Description:** Rows read, then totalled.

### Step 1: Total

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgwhere.total(rows)` |
| **External Dependencies** | `pkgwhere` |
| **Implementation** | `Demo_Where_Total` |
| **Outputs** | `total` |
"""


def test_a_failing_step_names_the_line_that_failed_not_only_its_api(tmp_path):
    """pyarrow: `pd.read_csv(...)` failed in a step whose API is `pyarrow.Table.from_pandas`, and the error said the
    step "failed calling pyarrow.Table.from_pandas(...)". It now names the step's line the error came through, and
    says it calls the API only when that line does."""
    library = "def read(path):\n    return open(path).read().split()\n\n\ndef total(rows):\n    return len(rows)\n"
    build_file_tree(tmp_path / "lib", {"pkgwhere/__init__.py": library})
    page = example_pages(
        {
            "implementations/Demo_Where_Total.md": 'import pkgwhere\n\nrows = pkgwhere.read("rows.txt")\ntotal = pkgwhere.total(rows)\n'
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": WHERE_INDEX, **page})
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "run", "--no-save"]
    proc = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1 and "FileNotFoundError" in proc.stderr
    assert "(`rows = pkgwhere.read(" in proc.stderr and "calling pkgwhere.total" not in proc.stderr, proc.stderr


def test_v_shows_the_workflows_debug_lines_not_every_librarys(repo):
    module = next((repo / "src").rglob("step_03_*.py"))
    implement_score(repo)
    text = module.read_text().replace(
        "    return {'score': root * 10}",
        "    import logging\n    logging.getLogger('somelib').debug('library noise')\n"
        "    logging.getLogger('workflow').debug('workflow detail')\n"
        "    logging.getLogger(__name__).debug('step detail')\n    return {'score': root * 10}",
    )
    module.write_text(text)
    verbose = run(repo, "run", "-v")
    assert verbose.returncode == 0, verbose.stderr
    assert "workflow detail" in verbose.stderr and "library noise" not in verbose.stderr
    assert "step detail" in verbose.stderr  # a step's own logger, `logging.getLogger(__name__)` (review)
    assert "workflow detail" not in run(repo, "run").stderr


def test_a_step_switched_off_in_config_is_skipped_and_named(repo, tmp_path):
    implement_score(repo)
    config = tmp_path / "config.toml"
    config.write_text("[step_04_decide]\nenabled = false\n")
    proc = run(repo, "run", "--config", str(config))
    assert proc.returncode == 0, proc.stderr
    assert "disabled in config: 4. Decide" in proc.stderr


def test_a_workflow_with_nothing_to_run_says_so(tmp_path):
    index = "# Workflow Index: Demo\n\n## Workflow: Demo_Idle\n\n**Description:** Decisions only.\n\n" + "".join(
        f"### Step {n}: Decide_{n}\n\n| Attribute | Value |\n|---|---|\n| **API Call** | N/A (manual decision) |\n\n"
        for n in (1, 2)
    )
    wiki = build_file_tree(tmp_path / "wiki", {"_WorkflowIndex.md": index})
    result = generate(wiki / "_WorkflowIndex.md", tmp_path / "out")
    (item,) = result.results
    assert item.ok and not item.executable and result.exit_code == 1  # reported as not executable
    assert result.report()["workflows"][0]["executable"] is False
    env = {**os.environ, "PYTHONPATH": str(item.output_dir / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", item.plan.package_name, "run"],
        cwd=item.output_dir,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 2 and "nothing to run" in proc.stderr


MOVED = """
# Workflow Index: Demo

## Workflow: Demo_Moved

**Description:** A library moved a name; another renamed a keyword.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `Thing(size)` |
| **Key Parameters** | `size: int = 3` - how big |
| **Outputs** | `thing` |

### Step 2: Grow

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgx.grow(thing, factor=2)` |
| **External Dependencies** | `pkgx` |
| **Key Parameters** | `factor: int = 2` - how much |
| **Outputs** | `grown` |
"""


def test_check_finds_moved_names_and_dropped_keywords_and_verify_fix_moves_imports(tmp_path, monkeypatch):
    from generator.verify import apply_moves, verify

    build_file_tree(
        tmp_path / "lib",
        {
            "pkgx/__init__.py": "def grow(thing, scale_factor):\n    return thing * scale_factor\n",
            "pkgx/shapes/__init__.py": "from pkgx.shapes.core import Thing\n",
            "pkgx/shapes/core.py": "class Thing(int):\n    def __new__(cls, size):\n        return super().__new__(cls, size)\n",
        },
    )
    wiki = build_file_tree(
        tmp_path / "wiki",
        {
            "_WorkflowIndex.md": MOVED,
            "implementations/Demo_Thing.md": '== Import ==\n<syntaxhighlight lang="python">\nfrom pkgx import Thing\n</syntaxhighlight>\n',
        },
    )
    index = wiki / "_WorkflowIndex.md"
    index.write_text(
        index.read_text().replace(
            "| **Outputs** | `thing` |", "| **Outputs** | `thing` |\n| **Implementation** | `Demo_Thing` |"
        )
    )
    (item,) = generate(index, tmp_path / "out").results
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "lib"))
    result = verify(item.output_dir, sys.executable)
    first, second = result.steps
    assert first.status == "import fails" and first.moves[0].now == "pkgx.shapes"
    assert second.status == "argument not accepted" and "factor= (closest: scale_factor)" in second.calls[0].detail
    assert result.exit_code == 1
    changes = apply_moves(result)
    assert changes and "Thing is imported from pkgx.shapes" in changes[0]
    assert verify(item.output_dir, sys.executable).steps[0].status == "verified"
    monkeypatch.chdir(tmp_path)  # an interpreter given as a relative path is found from where genrepo runs
    relative = os.path.relpath(sys.executable, tmp_path)
    assert os.sep in relative and verify(item.output_dir, relative).steps[0].status == "verified"


OPTIONAL = """
# Workflow Index: Demo

## Workflow: Demo_Optional

**Description:** An optional input the wiki gives no default for.

### Step 1: Wrap

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgw.wrap(text, width, sep)` |
| **External Dependencies** | `pkgw` |
| **Key Parameters** | `text: str = "a b c d e f"` - what to wrap |
| **Implementation** | `Demo_Wrap` |
| **Outputs** | `wrapped` |
"""

WRAP_PAGE = """== Import ==
<syntaxhighlight lang="python">
import pkgw
</syntaxhighlight>

== Signature ==
<syntaxhighlight lang="python">
def wrap(text: str, width: int = WIDTH, sep: str = SEP) -> str
</syntaxhighlight>

== I/O Contract ==
{| class="wikitable"
! Name !! Type !! Required !! Description
|-
| text || str || Yes || what to wrap
|-
| width || int || No || line width (pkgw.WIDTH unless set)
|-
| sep || str || No || between lines (pkgw.SEP unless set)
|}
"""


def test_an_optional_input_without_a_default_is_passed_only_when_set(tmp_path, monkeypatch):
    """A default the wiki cannot give as a value (a module constant): the library's own applies while config.toml
    leaves the key unset (None would break this call); a value set is passed; `check` binds the keyword against
    the real signature all the same. The contract's header row has no `|-` before it (MediaWiki needs none)."""
    from generator.verify import verify

    library = "def wrap(text, width=5, sep='|'):\n    return sep.join(text[i : i + width] for i in range(0, len(text), width))\n"
    build_file_tree(tmp_path / "lib", {"pkgw/__init__.py": library})
    item = generated(tmp_path, {"_WorkflowIndex.md": OPTIONAL, "implementations/Demo_Wrap.md": WRAP_PAGE})
    module = next((item.output_dir / "src").rglob("step_01_*.py")).read_text()
    assert "**given(width=width, sep=sep)" in module and "from ..runtime.calls import given" in module
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}

    def wrapped() -> str:
        command = [sys.executable, "-m", item.plan.package_name, "run", "--no-save"]
        proc = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr
        output = (proc.stdout + proc.stderr).splitlines()
        return next(line.split(": ", 1)[1] for line in output if line.strip().startswith("wrapped: "))

    assert wrapped() == "'a b c| d e |f'"  # the library's width 5 and sep '|', not None
    config = item.output_dir / "config.toml"
    assert "# sep = (not passed until set: the library's default applies)" in config.read_text()
    config.write_text(config.read_text().replace("[step_01_wrap]", '[step_01_wrap]\nsep = "/"'))
    assert wrapped() == "'a b c/ d e /f'"
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "lib"))
    assert verify(item.output_dir, sys.executable).steps[0].status == "verified"
    monkeypatch.chdir(tmp_path)  # an interpreter given as a relative path is found from where genrepo runs
    relative = os.path.relpath(sys.executable, tmp_path)
    assert os.sep in relative and verify(item.output_dir, relative).steps[0].status == "verified"
    (tmp_path / "lib" / "pkgw" / "__init__.py").write_text(library.replace("sep='|'", "joiner='|'"))
    (step,) = verify(item.output_dir, sys.executable).steps
    assert step.status == "argument not accepted" and "sep=" in step.calls[0].detail


DESCRIBED = """
# Workflow Index: Demo

## Workflow: Demo_Described

**Description:** A method a descriptor gives (scikit-learn's available_if), a flag set from the command line.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgd.Model(scale, loud)` |
| **External Dependencies** | `pkgd` |
| **Key Parameters** | `scale: int = 2` - factor, `loud: bool = False` - say more |
| **Outputs** | `model` |

### Step 2: Predict

| Attribute | Value |
|-----------|-------|
| **API Call** | `model.predict(x)` |
| **Key Parameters** | `x: int = 3` - the input |
| **Outputs** | `prediction` |
"""

DESCRIPTOR_LIBRARY = '''
import functools
import types


class _available:
    """As scikit-learn's available_if: from the class, a plain function that still takes self."""

    def __init__(self, fn):
        self.fn = fn

    def __get__(self, obj, owner=None):
        if obj is not None:
            return types.MethodType(self.fn, obj)

        @functools.wraps(self.fn)
        def out(*args, **kwargs):
            return self.fn(*args, **kwargs)

        return out


class Model:
    def __init__(self, scale=2, loud=False):
        if not isinstance(loud, bool):
            raise TypeError("loud must be a bool")
        self.scale, self.loud = scale, loud

    @_available
    def predict(self, x):
        return x * self.scale + (1000 if self.loud else 0)
'''


def test_check_binds_a_method_a_descriptor_gives_and_set_reads_toml_booleans(tmp_path, monkeypatch):
    from generator.verify import verify

    build_file_tree(tmp_path / "lib", {"pkgd/__init__.py": DESCRIPTOR_LIBRARY})
    item = generated(tmp_path, {"_WorkflowIndex.md": DESCRIBED})
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "lib"))
    steps = verify(item.output_dir, sys.executable).steps
    assert [s.status for s in steps] == ["verified", "verified"], [c.detail for s in steps for c in s.calls]
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    for flag, expected in (("true", "1006"), ("True", "1006"), ("false", "6")):  # as config.toml writes it, or Python
        command = [sys.executable, "-m", item.plan.package_name, "run", "--no-save", "--set", f"1.loud={flag}"]
        proc = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert f"prediction: {expected}" in proc.stdout + proc.stderr


def test_the_guide_stops_cleanly_when_its_input_ends(repo):
    """No terminal (stdin at its end, as in CI or a pipe that ran out): the guide stops as `q` does, no traceback."""
    env = {**os.environ, "PYTHONPATH": str(repo / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "workflow_demo_stats", "guide"],
        cwd=repo,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 130, proc.stderr
    assert "no more input: stopping" in proc.stdout and "Traceback" not in proc.stdout + proc.stderr


# the demo's step 1 (its average), then a step whose example prints the API's result
PRINTED = (
    INDEX.split("### Step 2")[0].replace("Demo_Stats", "Demo_Printed")
    + """### Step 2: Root

| Attribute | Value |
|-----------|-------|
| **API Call** | `math.sqrt(x) -> float` |
| **External Dependencies** | `math` |
| **Implementation** | `Demo_Root` |
| **Inputs** | `x = average * 4` |
| **Outputs** | Its square root; `fsum` is not computed |
"""
)

ROOT_PAGE = """== Import ==
<syntaxhighlight lang="python">
import math
from math import fsum
</syntaxhighlight>

== Usage Examples ==
=== From the average ===
<syntaxhighlight lang="python">
import math

x = average * 4
print(math.sqrt(x))
</syntaxhighlight>

=== On its own ===
<syntaxhighlight lang="python">
root = math.sqrt(x)
</syntaxhighlight>
"""


def test_an_example_that_prints_the_api_result_gives_the_step_with_what_it_needs(tmp_path):
    """`print(math.sqrt(x))` after `x = average * 4`: that example gives the step (x made from an earlier artifact),
    not the one that takes x from nowhere (a required config key no one can fill with an object); the printed
    result is kept under the call's name, not under a name the page imports (`fsum`)."""
    item = generated(tmp_path, {"_WorkflowIndex.md": PRINTED, "implementations/Demo_Root.md": ROOT_PAGE})
    root = item.plan.steps[1].binding
    assert "x = average * 4" in root.body and not root.params and root.produces == ("x", "sqrt_result")
    proc = run_workflow(item, tmp_path / "lib")
    assert "sqrt_result: 4.0" in proc.stdout + proc.stderr


def test_a_short_array_result_shows_its_numbers():
    """Cross-validation scores, a handful of token ids: an array or tensor of at most 8 numbers is logged with its
    values; a larger one, or one of text, by its type and shape only."""
    import importlib.util

    from generator.render import template_dir

    path = next(template_dir().rglob("runtime/report.py"))
    spec = importlib.util.spec_from_file_location("generated_report", path)
    assert spec is not None and spec.loader is not None
    report = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(report)

    class Array:  # what numpy arrays and torch tensors share: shape, dtype, size, reshape, tolist
        def __init__(self, values: list, dtype: str = "float64") -> None:
            self.values, self.dtype, self.shape, self.size = values, dtype, (len(values),), len(values)

        def reshape(self, *_: int) -> Array:
            return self

        def tolist(self) -> list:
            return list(self.values)

    assert report.describe(Array([0.94333, 0.97, 0.95])) == "Array float64 [3]: 0.9433, 0.97, 0.95"
    assert report.describe(Array(list(range(9)), "int64")) == "Array int64 [9]"
    assert report.describe(Array(["a", "b"], "<U1")) == "Array <U1 [2]"


def test_a_result_warning_on_its_data_attribute_is_described_without_a_warning():
    """pyarrow's ChunkedArray warns (FutureWarning) when `.data` is read: every pyarrow step's log carried the
    warning, from the runtime looking for a number in `.data` (micrograd's Value keeps its number there)."""
    import importlib.util
    import warnings

    from generator.render import template_dir

    path = next(template_dir().rglob("runtime/report.py"))
    spec = importlib.util.spec_from_file_location("generated_report_data", path)
    assert spec is not None and spec.loader is not None
    report = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(report)

    class Chunked:
        @property
        def data(self) -> Chunked:
            warnings.warn("Calling .data on ChunkedArray is provided for compatibility", FutureWarning, stacklevel=2)
            return self

    class Value:
        def __init__(self) -> None:
            self.data = 2.5

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert report.number(Chunked()) is None
        assert report.number(Value()) == 2.5


READS = """
# Workflow Index: Demo

## Workflow: Demo_Reads

**Description:** A step that reads the results an earlier step's object holds.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `fractions.Fraction(numerator, denominator)` |
| **External Dependencies** | `fractions` |
| **Key Parameters** | `numerator: int = 6` - top, `denominator: int = 4` - bottom |
| **Outputs** | `frac` |

### Step 2: Inspect

| Attribute | Value |
|-----------|-------|
| **API Call** | `frac.denominator -> int`, `frac.numerator -> int` |
| **Outputs** | The reduced denominator; `frac.numerator` |
"""


def test_a_step_whose_api_reads_attributes_of_an_earlier_object_reads_them(tmp_path):
    """`search.best_params_ -> dict` and the like: not a manual step doing nothing, but the values, logged and
    handed on."""
    item = generated(tmp_path, {"_WorkflowIndex.md": READS})
    inspect = item.plan.steps[1].binding
    assert inspect.status.value == "bound" and inspect.produces == ("denominator", "numerator")
    proc = run_workflow(item, tmp_path / "lib")
    assert "denominator: 2" in proc.stdout + proc.stderr and "numerator: 3" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")  # an attribute read is the step's work: no call to find


STORED = """
# Workflow Index: Demo

## Workflow: Demo_Stored

**Description:** Results written under a folder the example makes first; an object the example loads itself.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `sqlite3.connect(database: str) -> Connection` |
| **External Dependencies** | `sqlite3` |
| **Implementation** | `Demo_Connect` |
| **Outputs** | `connection` |

### Step 2: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `json.dumps(settings, indent)` |
| **External Dependencies** | `json` |
| **Implementation** | `Demo_Dumps` |
| **Key Parameters** | `settings` - what `json.load(handle)` read from the settings file, `indent: int = 1` - spaces |
| **Outputs** | `text` |
"""

CONNECT_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import os
import sqlite3

database = "data/store.db"
os.makedirs(os.path.dirname(database), exist_ok=True)
connection = sqlite3.connect(database)
</syntaxhighlight>
"""

DUMPS_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import json

settings = json.loads('{"a": 1}')
text = json.dumps(settings, indent=1)
</syntaxhighlight>
"""


def test_a_step_keeps_the_folder_its_output_goes_to_and_builds_a_parameter_its_example_loads(tmp_path):
    """The example makes the output's folder before writing there: that line comes along, so the default path
    works on a fresh checkout. A key parameter with no value that the example builds with a call (`state_dict =
    torch.load(path)`) is built the same way, from a config key holding what the call reads, never asked for as
    an object in config.toml."""
    pages = {"implementations/Demo_Connect.md": CONNECT_PAGE, "implementations/Demo_Dumps.md": DUMPS_PAGE}
    item = generated(tmp_path, {"_WorkflowIndex.md": STORED, **pages})
    connect, dumps = (s.binding for s in item.plan.steps)
    assert "os.makedirs(os.path.dirname(database)" in connect.body
    assert "settings = json.loads(" in dumps.body and "settings" not in [p.name for p in dumps.params]
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "data" / "store.db").is_file()


CALLBACKS = """
# Workflow Index: Demo

## Workflow: Demo_Callbacks

**Description:** A reduction whose callback calls a helper; a record written through the handle a with opens.

### Step 1: Reduce

| Attribute | Value |
|-----------|-------|
| **API Call** | `functools.reduce(function, iterable, initial)` |
| **External Dependencies** | `functools` |
| **Implementation** | `Demo_Reduce` |
| **Outputs** | `total` |

### Step 2: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `json.dump(obj, fp, indent=None)` |
| **External Dependencies** | `json` |
| **Implementation** | `Demo_Dump` |
| **Inputs** | `total` from Step 1 |
"""

REDUCE_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import functools

def weight(x):
    return 2 * x

values = [1, 2, 3]

def combine(total, x):
    return total + weight(x)

total = functools.reduce(combine, values, 0)
</syntaxhighlight>
"""

DUMP_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import json

with open("record.json", "w") as handle:
    json.dump({"total": total}, handle, indent=1)
</syntaxhighlight>
"""


def test_a_callback_brings_the_helpers_it_calls_and_a_handle_its_with(tmp_path):
    """`def combine` calls `def weight`, defined above it: both come along (weight was imported from nowhere). A
    call writing through `with open(...) as handle` keeps the with (the handle was asked for in config.toml)."""
    pages = {"implementations/Demo_Reduce.md": REDUCE_PAGE, "implementations/Demo_Dump.md": DUMP_PAGE}
    item = generated(tmp_path, {"_WorkflowIndex.md": CALLBACKS, **pages})
    reduce, dump = (s.binding for s in item.plan.steps)
    assert "def weight(x):" in reduce.body and "import weight" not in reduce.body
    assert "with open(" in dump.body and "handle" not in [p.name for p in dump.params]
    run_workflow(item, tmp_path / "lib")
    assert json.loads((item.output_dir / "record.json").read_text(encoding="utf-8")) == {"total": 12}


QUARTILES = """
# Workflow Index: Demo

## Workflow: Demo_Quartiles

**Description:** Quartiles of ranked values.

### Step 1: Quartiles

| Attribute | Value |
|-----------|-------|
| **API Call** | `statistics.quantiles(data, n=4)` |
| **External Dependencies** | `statistics` |
| **Implementation** | `Demo_Quantiles` |
| **Key Parameters** | `n: int = 4` - cut points plus one |
| **Outputs** | `low`, `mid`, `high` |
"""

QUANTILES_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import statistics

values = [5, 1, 4, 2, 3, 8, 7]
ranked = sorted(values, reverse=True)
cuts = statistics.quantiles(ranked, n=4)
low, mid, high = cuts
</syntaxhighlight>
"""


def test_the_generated_tests_pass_when_a_step_feeds_builtins_and_unpacks_a_result(tmp_path):
    """A config key only a builtin reads (`sorted(values, reverse=reverse)`) and three values unpacked from what
    the library returned: recorders cannot stand in there, so the generated test says so and skips, instead of
    failing the new repository's CI; the step itself runs for real."""
    item = generated(tmp_path, {"_WorkflowIndex.md": QUARTILES, "implementations/Demo_Quantiles.md": QUANTILES_PAGE})
    assert "reverse" in [p.name for p in item.plan.steps[0].binding.params]
    env = {**os.environ, "PYTHONPATH": str(item.output_dir / "src")}
    command = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "tests"]
    proc = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "cannot run on recorders (ValueError: not enough values to unpack" in proc.stdout
    command = [sys.executable, "-m", item.plan.package_name, "run", "--no-save"]
    proc = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "mid: 4" in proc.stdout + proc.stderr


EXPORT = """
# Workflow Index: Demo

## Workflow: Demo_Export

**File:** [→](./workflows/Demo_Export.md)
**Description:** A record read, stamped, then written to a file in a folder no one made.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgio.read_record(text)` |
| **External Dependencies** | `pkgio` |
| **Key Parameters** | `text: str = "a=1"` - the record |
| **Outputs** | `record` |

### Step 2: Export

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgio.write_record(record, path)` |
| **External Dependencies** | `pkgio` |
| **Implementation** | `Demo_Write_Record` |
| **Inputs** | `record` from Step 1 |
"""

EXPORT_WORKFLOW_PAGE = """== Overview ==
A record read, stamped, then written.

== Execution Steps ==

=== Step 1: Read ===
Read the record.

=== Step 2: Export ===
Stamp the record with its total (`pkgio.annotate`) and write it.
"""

WRITE_RECORD_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgio

record = pkgio.read_record("a=1")
totals = {"n": 7}
pkgio.annotate(record, "total", totals["n"])
print(record)
pkgio.write_record(record, "results/record.txt")
</syntaxhighlight>
"""

PKGIO = """
def read_record(text):
    return dict(part.split("=") for part in text.split(","))


def annotate(record, key, value):
    record[key] = value


def write_record(record, path):
    with open(path, "w") as handle:
        handle.write(",".join(f"{k}={v}" for k, v in record.items()))
"""


def test_a_call_the_step_cites_that_changes_its_input_comes_along_and_the_output_folder_is_made(tmp_path):
    """`pkgio.annotate(record, ...)` changes the record between reading and writing it, and the step's text cites
    it: it comes along, with the `totals` it reads (it was dropped, and the file was written without the total).
    The file goes to `results/`, which the example never makes: its config key is marked as a file the step
    writes, and the runtime makes the folder."""
    build_file_tree(tmp_path / "lib", {"pkgio/__init__.py": PKGIO})
    item = generated(
        tmp_path,
        {
            "_WorkflowIndex.md": EXPORT,
            "workflows/Demo_Export.md": EXPORT_WORKFLOW_PAGE,
            "implementations/Demo_Write_Record.md": WRITE_RECORD_PAGE,
        },
    )
    export = item.plan.steps[1].binding
    assert 'pkgio.annotate(record, "total"' in export.body.replace("'", '"') and "print(" not in export.body
    assert "read_record" not in export.body and export.consumes == ("record",)
    assert [p.name for p in export.params if p.writes] == ["path"], export.params
    proc = run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "results" / "record.txt").read_text(encoding="utf-8") == "a=1,total=7"
    assert "made folder results" in proc.stderr + proc.stdout


FIT = """
# Workflow Index: Demo

## Workflow: Demo_Fit

**Description:** Rows read, split, turned into a design matrix, fitted, and used to predict new rows.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfit.read_table(path)` |
| **External Dependencies** | `pkgfit` |
| **Key Parameters** | `path: str = "data/train.csv"` - the rows |
| **Outputs** | `table` |

### Step 2: Split

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Split_Pattern` |
| **Inputs** | `table` from Step 1 |

### Step 3: Design

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfit.add_constant(X)` |
| **External Dependencies** | `pkgfit` |
| **Implementation** | `Demo_Add_Constant` |

### Step 4: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `Model.fit(self, method="lsq") -> Result` |
| **External Dependencies** | `pkgfit` |
| **Implementation** | `Demo_Model_Fit` |

### Step 5: Predict

| Attribute | Value |
|-----------|-------|
| **API Call** | `Result.predict(self, exog)` |
| **External Dependencies** | `pkgfit` |
| **Implementation** | `Demo_Predict` |
| **Outputs** | `predictions` |
"""

SPLIT_PATTERN_PAGE = """== Overview ==
A pattern, not a library API: the last rows are held out.

== Code Reference ==

=== Interface Specification ===
<syntaxhighlight lang="python">
def split_rows(table: list, holdout: int = 2) -> tuple[list, list]:
    '''The rows but the last `holdout`, and the last `holdout`.'''
    train = table[:-holdout]
    test = table[-holdout:]
    return train, test
</syntaxhighlight>

== I/O Contract ==

=== Inputs ===
{| class="wikitable"
! Name !! Type !! Required !! Description
|-
| table || list || Yes || all rows
|-
| holdout || int || No || rows held out (default: 2)
|}

=== Outputs ===
{| class="wikitable"
! Name !! Type !! Description
|-
| train || list || rows to fit on
|-
| test || list || rows held out
|}
"""

ADD_CONSTANT_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgfit

table = pkgfit.read_table("data/train.csv")
y = [row[-1] for row in train]
X = [row[:-1] for row in train]
X = pkgfit.add_constant(X)
</syntaxhighlight>
"""

MODEL_FIT_PAGE = """== Code Reference ==

=== Signature ===
<syntaxhighlight lang="python">
class Model:
    def __init__(self, endog, exog, missing="none"):
        ...

    def fit(self, method="lsq") -> Result:
</syntaxhighlight>

== I/O Contract ==

=== Inputs ===
{| class="wikitable"
! Name !! Type !! Required !! Description
|-
| endog || list || Yes || the response
|-
| exog || list || Yes || the design matrix
|-
| missing || str || No || what to do with gaps (default: "none")
|}

== Usage Examples ==
<syntaxhighlight lang="python">
import pkgfit

model = pkgfit.Model(y, X)
result = model.fit()
</syntaxhighlight>
"""

PREDICT_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgfit

new_table = pkgfit.read_table("data/new.csv")
X_new = pkgfit.add_constant([row[:-1] for row in new_table])
predictions = result.predict(X_new)
</syntaxhighlight>
"""

PKGFIT = """
def read_table(path):
    with open(path) as handle:
        return [[float(v) for v in line.split(",")] for line in handle if line.strip()]


def add_constant(X):
    return [[1.0, *row] for row in X]


class Result:
    def __init__(self, slope):
        self.slope = slope

    def predict(self, exog):
        return [self.slope * row[-1] for row in exog]


class Model:
    def __init__(self, endog, exog, missing="none"):
        self.endog, self.exog = endog, exog

    def fit(self, method="lsq"):
        return Result(sum(self.endog) / sum(row[-1] for row in self.exog))
"""


def test_a_pattern_defined_in_full_a_second_result_a_method_of_a_class_and_new_data_all_run(tmp_path):
    """Four classes seen on an unseen statsmodels wiki, in one workflow that runs for real:
    - a pattern page whose `=== Interface Specification ===` defines the function in full: the step runs that
      definition, and its results take the contract's names (`train`, `test`), not `list` for the return type;
    - the example makes `y = ...` beside the step's `X`, and a later step's example setup reads y: it is made here
      (it was a required config key, which a list cannot be);
    - `Model.fit` with a signature block defining `__init__` first: the constructor's inputs go to `Model(...)`,
      never to `.fit()` (which takes no `endog`);
    - `new_table = pkgfit.read_table("data/new.csv")` reads other rows than step 1's table: it stays (it was
      replaced by step 1's table, so predictions were made for the training rows)."""
    build_file_tree(tmp_path / "lib", {"pkgfit/__init__.py": PKGFIT})
    pages = {
        "implementations/Demo_Split_Pattern.md": SPLIT_PATTERN_PAGE,
        "implementations/Demo_Add_Constant.md": ADD_CONSTANT_PAGE,
        "implementations/Demo_Model_Fit.md": MODEL_FIT_PAGE,
        "implementations/Demo_Predict.md": PREDICT_PAGE,
    }
    item = generated(tmp_path, {"_WorkflowIndex.md": FIT, **pages})
    assert item.plan.required_keys == ()
    split, design, fit, predict = (s.binding for s in item.plan.steps[1:])
    assert "def split_rows(" in split.body and split.produces == ("train", "test")
    assert set(design.produces) >= {"X", "y"} and fit.consumes == ("y", "X")
    assert "fit()" in fit.body.replace(" ", "")
    assert "read_table(" in predict.body and "table" not in predict.consumes
    expectations = json.loads((item.output_dir / "tests" / "expectations.json").read_text(encoding="utf-8"))
    assert sorted(expectations) == sorted(s.module for s in item.plan.steps)  # none of cookiecutter.json's sample
    build_file_tree(item.output_dir / "data", {"train.csv": "1,2\n2,4\n3,6\n4,8\n5,10\n", "new.csv": "7,1\n8,2\n9,3\n"})
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "run", "--no-save"]
    proc = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "predictions: list of 3" in proc.stdout + proc.stderr  # the three new rows, not the training rows
    run_generated_tests(item, tmp_path / "lib")


CANVAS = """
# Workflow Index: Demo

## Workflow: Demo_Canvas

**Description:** A canvas made, counted under a mask filled in by hand, and saved in a chosen format.

### Step 1: Canvas

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgimg.new_canvas(size)` |
| **External Dependencies** | `pkgimg` |
| **Key Parameters** | `size: tuple = (4, 3)` - width and height |
| **Outputs** | `canvas` |

### Step 2: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `Canvas.count(self, mask=None)` |
| **External Dependencies** | `pkgimg` |
| **Implementation** | `Demo_Canvas_Count` |
| **Outputs** | `n` |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `Canvas.save(self, fp, format=None)` |
| **External Dependencies** | `pkgimg` |
| **Implementation** | `Demo_Canvas_Save` |
| **Key Parameters** | `format: str = "TXT"` - the file format, overriding the extension |
"""

COUNT_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgimg

canvas = pkgimg.new_canvas((4, 3))
mask = pkgimg.new_canvas(canvas.size)
pkgimg.Draw(mask).box(0, 0, 2, 2)
print(mask)
n = canvas.count(mask=mask)
</syntaxhighlight>
"""

SAVE_PAGE = """== Signature ==
<syntaxhighlight lang="python">
def save(self, fp, format=None):
</syntaxhighlight>

== Usage Examples ==
<syntaxhighlight lang="python">
import pkgimg

canvas = pkgimg.new_canvas((4, 3))
canvas.save("canvas.out")
</syntaxhighlight>
"""

PKGIMG = """
class Canvas:
    def __init__(self, size):
        if not isinstance(size, tuple):
            raise TypeError(f"size must be a tuple, not {type(size).__name__}")
        self.size = size
        self.on = set()

    def count(self, mask=None):
        return sum(1 for cell in (mask.on if mask is not None else self.on))

    def save(self, fp, format=None):
        if format is not None and not isinstance(format, str):
            raise TypeError(f"format must be a str, not {format!r}")
        with open(fp, "w") as handle:
            handle.write(f"{format or 'RAW'} {self.size[0]}x{self.size[1]}")


def new_canvas(size):
    return Canvas(size)


class Draw:
    def __init__(self, canvas):
        self.canvas = canvas

    def box(self, x0, y0, x1, y1):
        self.canvas.on |= {(x, y) for x in range(x0, x1) for y in range(y0, y1)}
"""


def test_a_tuple_key_a_key_named_like_a_builtin_and_what_fills_a_mask_all_reach_the_library(tmp_path):
    """Three classes seen on an unseen Pillow wiki, in one workflow that runs for real:
    - a tuple key, which TOML writes as an array, reaches the library as a tuple (it came as a list: numpy's
      `axis` refused it);
    - a documented key named like a builtin (`format`) is a config key (run() handed on Python's format());
    - `pkgimg.Draw(mask).box(...)` fills in the mask the step makes before counting under it: it comes along
      (the count ran under an empty mask, silently 0)."""
    build_file_tree(tmp_path / "lib", {"pkgimg/__init__.py": PKGIMG})
    pages = {"implementations/Demo_Canvas_Count.md": COUNT_PAGE, "implementations/Demo_Canvas_Save.md": SAVE_PAGE}
    item = generated(tmp_path, {"_WorkflowIndex.md": CANVAS, **pages})
    _, count, save = (s.binding for s in item.plan.steps)
    assert "pkgimg.Draw(mask).box(0, 0, 2, 2)" in count.body and "print(" not in count.body
    assert "format" in [p.name for p in save.params]
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "run", "--no-save"]
    proc = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "n: 4" in proc.stdout + proc.stderr
    assert (item.output_dir / "canvas.out").read_text(encoding="utf-8") == "TXT 4x3"
    proc = subprocess.run(
        [*command, "--set", "1.size=(5, 2)"], cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr  # a tuple given on the command line is a tuple too
    assert (item.output_dir / "canvas.out").read_text(encoding="utf-8") == "TXT 5x2"


DECLARE = """
# Workflow Index: Demo

## Workflow: Demo_Declare

**Description:** Tables declared as classes, created in a database, then filled by a step still to write.

### Step 1: Connect

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgorm.connect(url)` |
| **External Dependencies** | `pkgorm` |
| **Key Parameters** | `url: str = "schema.txt"` - where the database writes |
| **Outputs** | `db` |

### Step 2: Declare

| Attribute | Value |
|-----------|-------|
| **API Call** | `DeclarativeBase()` |
| **External Dependencies** | `pkgorm` |
| **Implementation** | `Demo_Declarative_Base` |

### Step 3: Create

| Attribute | Value |
|-----------|-------|
| **API Call** | `MetaData.create_all(self, bind)` |
| **External Dependencies** | `pkgorm` |
| **Implementation** | `Demo_Create_All` |

### Step 4: Fill

| Attribute | Value |
|-----------|-------|
| **API Call** | `Session.add_all(self, instances)` |
| **External Dependencies** | `pkgorm` |
| **Implementation** | `Demo_Add_All` |
| **Outputs** | `added` |
"""

DECLARATIVE_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
from pkgorm import DeclarativeBase


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    name: str = "unnamed"
    price: float = 1.5
</syntaxhighlight>
"""

CREATE_ALL_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgorm
from myapp.models import Base  # your DeclarativeBase subclass

db = pkgorm.connect("schema.txt")
Base.metadata.create_all(db)
</syntaxhighlight>
"""

ADD_ALL_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgorm

with pkgorm.Session(db) as session:
    session.add_all([Widget(name="a"), Widget(name="b")])
</syntaxhighlight>
"""

PKGORM = """
class _Metadata:
    def __init__(self):
        self.tables = {}

    def create_all(self, bind):
        with open(bind, "w") as handle:
            for table, fields in sorted(self.tables.items()):
                handle.write(f"{table}: {', '.join(fields)}\\n")


class DeclarativeBase:
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "metadata" not in cls.__dict__ and not hasattr(cls, "metadata"):
            cls.metadata = _Metadata()
        elif "__tablename__" in cls.__dict__:
            cls.metadata.tables[cls.__tablename__] = list(cls.__dict__.get("__annotations__", {}))


def connect(url):
    return url
"""


def test_classes_declared_on_the_api_class_are_the_step_and_later_steps_take_them(tmp_path):
    """Seen on an unseen SQLAlchemy wiki: the step whose API is `DeclarativeBase()` was bound to calling it (a
    useless object), the next step imported `Base` from the example's `myapp.models` (installing PyPI's myapp),
    and the steps after it were stubs taking nothing. Now the classes the example declares on the API's class are
    the step, with their fields' annotations (they are the columns); a later `from myapp.models import Base` takes
    that step's Base; a stub takes the earlier objects its example reads and declares its Outputs."""
    build_file_tree(tmp_path / "lib", {"pkgorm/__init__.py": PKGORM})
    pages = {
        "implementations/Demo_Declarative_Base.md": DECLARATIVE_PAGE,
        "implementations/Demo_Create_All.md": CREATE_ALL_PAGE,
        "implementations/Demo_Add_All.md": ADD_ALL_PAGE,
    }
    item = generated(tmp_path, {"_WorkflowIndex.md": DECLARE, **pages})
    _, declare, create, fill = (s.binding for s in item.plan.steps)
    assert declare.produces == ("Base", "Item") and "name: str = " in declare.body
    assert "myapp" not in create.body and set(create.consumes) == {"Base", "db"}
    assert "myapp" not in item.plan.requirements
    assert fill.status == "stub" and fill.consumes == ("db",) and fill.produces == ("added",)
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "run", "--no-save", "--allow-incomplete"]
    proc = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (item.output_dir / "schema.txt").read_text(encoding="utf-8") == "item: name, price\n"
    run_generated_tests(item, tmp_path / "lib")


SESSION_FLOW = """
# Workflow Index: Demo

## Workflow: Demo_Session_Flow

**Description:** Tables declared by a class statement, a session opened, rows inserted through it, committed.

### Step 1: Connect

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgses.connect(url)` |
| **External Dependencies** | `pkgses` |
| **Key Parameters** | `url: str = "rows.txt"` - where the database writes |
| **Outputs** | `engine` |

### Step 2: Declare

| Attribute | Value |
|-----------|-------|
| **API Call** | `class Base(DeclarativeBase): pass` then `class Item(Base): __tablename__ = "item"` |
| **External Dependencies** | `pkgses` |
| **Implementation** | `Demo_Ses_Declare` |
| **Key Parameters** | `__tablename__: str` - table name |
| **Outputs** | `Base` and the mapped class `Item` |

### Step 3: Open Session

| Attribute | Value |
|-----------|-------|
| **API Call** | `Session(bind)` |
| **External Dependencies** | `pkgses` |
| **Implementation** | `Demo_Ses_Open` |
| **Inputs** | `engine` from Step 1 |
| **Outputs** | `session` |

### Step 4: Insert

| Attribute | Value |
|-----------|-------|
| **API Call** | `session.execute(insert(Item), rows)` |
| **External Dependencies** | `pkgses` |
| **Implementation** | `Demo_Ses_Insert` |
| **Inputs** | `session` from Step 3, mapped class `Item` from Step 2 |

### Step 5: Commit

| Attribute | Value |
|-----------|-------|
| **API Call** | `Session.commit(self)` |
| **External Dependencies** | `pkgses` |
| **Inputs** | `session` from Step 3 |
"""

PKGSES = """
class DeclarativeBase:
    pass


class Session:
    def __init__(self, bind):
        self.bind, self.pending, self.closed = bind, [], False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.closed = True

    def add(self, item):
        self.pending.append(item.name)

    def execute(self, table, rows):
        if self.closed:
            raise RuntimeError("the session is closed")
        self.pending += [f"{table.__tablename__}:{row['name']}" for row in rows]

    def commit(self):
        with open(self.bind, "w") as handle:
            handle.write(" ".join(self.pending))


def insert(table):
    return table


def connect(url):
    return url
"""


def test_a_class_statement_api_declares_and_a_session_opened_for_later_steps_is_theirs(tmp_path):
    """Seen on unseen SQLAlchemy wikis: `class Base(DeclarativeBase): pass` as the API cell was a stub (a bare
    `DeclarativeBase` was bound); the insert step's `with Session(engine) as session:` made a session of its own
    (the Inputs cite step 3's) whose opening was taken for the API call; and the session step kept its page's demo
    row, which the insert then clashed with. Now the classes are the step, the insert works in step 3's session,
    and the opening step only opens it."""
    build_file_tree(tmp_path / "lib", {"pkgses/__init__.py": PKGSES})
    pages = example_pages(
        {
            "implementations/Demo_Ses_Declare.md": (
                "from pkgses import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\n"
                'class Item(Base):\n    __tablename__ = "item"\n    name: str = ""\n'
            ),
            "implementations/Demo_Ses_Open.md": (
                "from pkgses import Session\n\nwith Session(engine) as session:\n"
                '    session.add(Item(name="demo"))\n    session.commit()\n'
            ),
            "implementations/Demo_Ses_Insert.md": (
                'from pkgses import Session, insert\n\nrows = [{"name": "a"}, {"name": "b"}]\n'
                "with Session(engine) as session:\n    session.execute(insert(Item), rows)\n    session.commit()\n"
            ),
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": SESSION_FLOW, **pages})
    _, declare, opening, insert, commit = (s.binding for s in item.plan.steps)
    assert declare.status == "bound" and declare.produces == ("Base", "Item") and not declare.params
    assert "demo" not in opening.body and opening.produces == ("session",)
    assert {"session", "Item"} <= set(insert.consumes) and "Session(" not in insert.body
    assert commit.consumes == ("session",)
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "rows.txt").read_text(encoding="utf-8") == "item:a item:b"
    run_generated_tests(item, tmp_path / "lib")


RECEIVER = """
# Workflow Index: Demo

## Workflow: Demo_Receiver

**Description:** A schema read, then created in another database.

### Step 1: Read Schema

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmeta.load_schema(path) -> MetaData` |
| **External Dependencies** | `pkgmeta` |
| **Key Parameters** | `path: str = "schema.txt"` - table names, one per line |
| **Outputs** | `metadata` |

### Step 2: Create Tables

| Attribute | Value |
|-----------|-------|
| **API Call** | `MetaData.create_all(bind)` |
| **External Dependencies** | `pkgmeta` |
| **Implementation** | `Demo_Meta_Create` |
| **Key Parameters** | `bind: str = "target.txt"` - the target database |
| **Inputs** | `metadata` from Step 1 |
"""


def test_a_method_on_an_imported_names_attribute_goes_to_the_object_the_inputs_cite(tmp_path):
    """SQLAlchemy's copy workflow: `MetaData.create_all`, whose example calls `Base.metadata.create_all(engine)` with
    `from myapp.models import Base`, where the Inputs cite the `metadata` step 2 reflected: the step imported the
    reader's module (and would create the example's tables, not the source's). Now it calls the cited object."""
    library = (
        "class MetaData:\n    def __init__(self, tables):\n        self.tables = tables\n\n"
        "    def create_all(self, bind):\n        with open(bind, 'w') as handle:\n"
        "            handle.write(' '.join(self.tables))\n\n\n"
        "def load_schema(path):\n    with open(path) as handle:\n        return MetaData(handle.read().split())\n"
    )
    build_file_tree(tmp_path / "lib", {"pkgmeta/__init__.py": library})
    page = example_pages(
        {"implementations/Demo_Meta_Create.md": "from myapp.models import Base\n\nBase.metadata.create_all('x.txt')\n"}
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": RECEIVER, **page})
    create = item.plan.steps[1].binding
    assert "myapp" not in create.body and "metadata" in create.consumes
    (item.output_dir / "schema.txt").write_text("customers\norders\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "target.txt").read_text(encoding="utf-8") == "customers orders"
    run_generated_tests(item, tmp_path / "lib")


CLOSED = """
# Workflow Index: Demo

## Workflow: Demo_Closed

**Description:** Rows counted through a connection the step opens and closes, then reported.

### Step 1: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `Connection.count(self)` |
| **External Dependencies** | `pkgclosed` |
| **Implementation** | `Demo_Closed_Count` |
| **Key Parameters** | `path: str = "rows.txt"` - the table |
| **Outputs** | `n`: the number of rows |

### Step 2: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgclosed.report(n, out)` |
| **External Dependencies** | `pkgclosed` |
| **Key Parameters** | `out: str = "count.txt"` - where the count goes |
| **Inputs** | `n` from Step 1 |
"""


def test_a_context_the_step_closes_is_not_handed_on(tmp_path):
    """SQLAlchemy's copy: `with source_engine.connect() as src, target_engine.begin() as dst:` handed `src` and `dst`
    on beside the `copied` the Outputs name: closed connections, of no use to a later step (and not picklable,
    so every run warned). A with's targets are handed on only when the Outputs or a later step's Inputs name them."""
    library = (
        "class Connection:\n    def __init__(self, path):\n        self.path = path\n\n"
        "    def __enter__(self):\n        return self\n\n    def __exit__(self, *exc):\n        self.path = None\n\n"
        "    def count(self):\n        with open(self.path) as handle:\n            return len(handle.read().split())\n\n\n"
        "def connect(path):\n    return Connection(path)\n\n\n"
        "def report(n, out):\n    with open(out, 'w') as handle:\n        handle.write(str(n))\n"
    )
    build_file_tree(tmp_path / "lib", {"pkgclosed/__init__.py": library})
    page = example_pages(
        {
            "implementations/Demo_Closed_Count.md": "import pkgclosed\n\nwith pkgclosed.connect('rows.txt') as conn:\n    n = conn.count()\n"
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": CLOSED, **page})
    count = item.plan.steps[0].binding
    assert count.produces == ("n",), count.body
    (item.output_dir / "rows.txt").write_text("a\nb\nc\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "count.txt").read_text(encoding="utf-8") == "3"
    run_generated_tests(item, tmp_path / "lib")


ITEMS_SET = """
# Workflow Index: Demo

## Workflow: Demo_Items_Set

**Description:** Records read, then written in a format that needs a field set on each.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrecs.read(path)` |
| **Key Parameters** | `path: str = "in.txt"` - one record per line |
| **Outputs** | `records` |

### Step 2: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrecs.write(records, path, "flat")` |
| **Implementation** | `Demo_Recs_Write` |
| **Key Parameters** | `kind: str` - stored in each record's `annotations["kind"]` ("DNA") |
| **Inputs** | `records` from Step 1 |
"""

PKGRECS = """
class Rec:
    def __init__(self, name):
        self.name, self.annotations = name, {}


def read(path):
    with open(path) as handle:
        return [Rec(line.strip()) for line in handle if line.strip()]


def write(records, path, fmt):
    with open(path, "w") as handle:
        for rec in records:
            handle.write(f"{rec.name} {rec.annotations['kind']}\\n")
"""


def test_a_loop_setting_a_field_of_each_item_before_the_call_comes_along(tmp_path):
    """Biopython: `for rec in gc_records: rec.annotations["molecule_type"] = "DNA"` before `SeqIO.write(gc_records,
    "filtered.gb", "genbank")` was cut off, so the write failed (GenBank needs the molecule type). A loop over a name
    the call uses that only sets a part of each item is the step's setup, its value the key the wiki names."""
    build_file_tree(tmp_path / "lib", {"pkgrecs/__init__.py": PKGRECS})
    page = example_pages(
        {
            "implementations/Demo_Recs_Write.md": (
                'import pkgrecs\n\nfor rec in records:\n    rec.annotations["kind"] = "DNA"\n'
                'pkgrecs.write(records, "out.txt", "flat")\n'
            )
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": ITEMS_SET, **page})
    write = item.plan.steps[1].binding
    assert "kind" in [p.name for p in write.params] and "for rec in records" in write.body
    (item.output_dir / "in.txt").write_text("a\nb\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib", "--set", "2.kind=RNA")
    assert (item.output_dir / "out.txt").read_text(encoding="utf-8") == "a RNA\nb RNA\n"
    run_generated_tests(item, tmp_path / "lib")


CELL_CODE = """
# Workflow Index: Demo

## Workflow: Demo_Cell_Code

**Description:** Values read, the large ones kept by the code the API cell writes, saved.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgvals.load(path)` |
| **External Dependencies** | `pkgvals` |
| **Key Parameters** | `path: str = "values.txt"` - one number per line |
| **Outputs** | `values` |

### Step 2: Keep Large

| Attribute | Value |
|-----------|-------|
| **API Call** | `[v for v in values if low <= v <= high]` |
| **Implementation** | `Demo_Keep_Large` |
| **Source Location** | (user code) |
| **Key Parameters** | `low: int` - smallest value kept (default 5), `high: int` - largest value kept (default 50) |
| **Inputs** | `values` from Step 1 |
| **Outputs** | `kept`: the values within the bounds |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgvals.save(kept, out)` |
| **External Dependencies** | `pkgvals` |
| **Key Parameters** | `out: str = "kept.txt"` - where they go |
| **Inputs** | `kept` from Step 2 |
"""

PKGVALS = """
def load(path):
    with open(path) as handle:
        return [int(line) for line in handle if line.strip()]


def save(values, out):
    with open(out, "w") as handle:
        handle.write(" ".join(map(str, values)))
"""


def test_an_api_cell_of_code_reading_key_parameters_is_the_step(tmp_path):
    """Biopython: the API cell `[rec for rec in records if min_length <= len(rec) <= max_length]` names its bounds,
    the Key Parameters give them defaults, and the page's example writes `300 <= len(rec) <= 10000`: the step was
    the example, its bounds fixed in code. The cell's own code is now the step, its names the keys."""
    build_file_tree(tmp_path / "lib", {"pkgvals/__init__.py": PKGVALS})
    page = example_pages(
        {"implementations/Demo_Keep_Large.md": "kept = [v for v in values if 3 <= v <= 9]\nprint(len(kept))\n"}
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": CELL_CODE, **page})
    keep = item.plan.steps[1].binding
    assert {p.name: p.default for p in keep.params} == {"low": "5", "high": "50"}
    (item.output_dir / "values.txt").write_text("1\n4\n7\n60\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "kept.txt").read_text(encoding="utf-8") == "7"
    run_workflow(item, tmp_path / "lib", "--set", "2.low=2")
    assert (item.output_dir / "kept.txt").read_text(encoding="utf-8") == "4 7"
    run_generated_tests(item, tmp_path / "lib")


SLICED = """
# Workflow Index: Demo

## Workflow: Demo_Sliced

**Description:** A table read, a range of it selected by a slice, saved.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgslice.load(path) -> Table` |
| **External Dependencies** | `pkgslice` |
| **Key Parameters** | `path: str = "rows.txt"` - one number per line |
| **Outputs** | `tbl` |

### Step 2: Select

| Attribute | Value |
|-----------|-------|
| **API Call** | `Table.sel(self, **indexers) -> Table` |
| **External Dependencies** | `pkgslice` |
| **Implementation** | `Demo_Slice_Sel` |
| **Inputs** | `tbl` from Step 1 |
| **Outputs** | `sub` |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgslice.save(sub, out)` |
| **External Dependencies** | `pkgslice` |
| **Key Parameters** | `out: str = "sub.txt"` - where it goes |
| **Inputs** | `sub` from Step 2 |
"""

PKGSLICE = """
class Table:
    def __init__(self, rows):
        self.rows = rows

    def sel(self, **indexers):
        bounds = indexers["x"]
        return Table([r for r in self.rows if bounds.start <= r <= bounds.stop])


def load(path):
    with open(path) as handle:
        return Table([int(line) for line in handle if line.strip()])


def save(table, out):
    with open(out, "w") as handle:
        handle.write(" ".join(map(str, table.rows)))
"""


def test_slice_bounds_are_a_key_and_a_value_only_shown_is_dropped(tmp_path):
    """xarray: `ds.sel(lat=slice(60, 30), time=slice("2013-01-01", "2013-06-30"))` kept the region and period in code
    (TOML holds no slice), and a notebook's `ds["tas"].attrs`, a value shown and dropped, was kept as a statement. A
    slice of literals is now a key of its bounds (`lat = [60, 30]`, passed as `slice(*lat)`); a bare value is gone."""
    build_file_tree(tmp_path / "lib", {"pkgslice/__init__.py": PKGSLICE})
    page = example_pages({"implementations/Demo_Slice_Sel.md": "sub = tbl.sel(x=slice(2, 5))\nsub.rows\n"})
    item = generated(tmp_path, {"_WorkflowIndex.md": SLICED, **page})
    select = item.plan.steps[1].binding
    assert {p.name: p.default for p in select.params}["x"] == "[2, 5]" and "sub.rows" not in select.body
    (item.output_dir / "rows.txt").write_text("1\n3\n4\n7\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "sub.txt").read_text(encoding="utf-8") == "3 4"
    run_workflow(item, tmp_path / "lib", "--set", "2.x=[0, 10]")
    assert (item.output_dir / "sub.txt").read_text(encoding="utf-8") == "1 3 4 7"
    run_generated_tests(item, tmp_path / "lib")


METRIC_AFTER = """
# Workflow Index: Demo

## Workflow: Demo_Metric_After

**Description:** Predictions scored by a metric object that is updated, then computed.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmetric.load(path)` |
| **External Dependencies** | `pkgmetric` |
| **Key Parameters** | `path: str = "pairs.txt"` - prediction and label per line |
| **Outputs** | `preds`, `labels` |

### Step 2: Score

| Attribute | Value |
|-----------|-------|
| **API Call** | `Accuracy.update(self, preds, labels)` |
| **External Dependencies** | `pkgmetric` |
| **Implementation** | `Demo_Metric_Update` |
| **Inputs** | `preds`, `labels` from Step 1 |
| **Outputs** | `accuracy` (a fraction) |

### Step 3: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmetric.report(accuracy, out)` |
| **External Dependencies** | `pkgmetric` |
| **Key Parameters** | `out: str = "score.txt"` - where it goes |
| **Inputs** | `accuracy` from Step 2 |
"""

PKGMETRIC = """
class Accuracy:
    def __init__(self):
        self.hits = self.total = 0

    def update(self, preds, labels):
        self.hits += sum(p == t for p, t in zip(preds, labels))
        self.total += len(labels)

    def compute(self):
        return self.hits / self.total


def load(path):
    with open(path) as handle:
        rows = [line.split() for line in handle if line.strip()]
    return [r[0] for r in rows], [r[1] for r in rows]


def report(accuracy, out):
    with open(out, "w") as handle:
        handle.write(f"{accuracy:.2f}")
"""


def test_a_result_the_outputs_name_computed_after_the_call_comes_along(tmp_path):
    """Flax's evaluation step: `metric.update(logits=..., labels=...)` is the API, the Outputs name `accuracy`, and the
    example goes on `accuracy = metric.compute()`; the slice ended at the call, so no step made `accuracy`
    (SQLAlchemy's commit step lost its `row_count` the same way). The statement after the call that makes a result
    the Outputs name, from what the slice works on, now comes along."""
    build_file_tree(tmp_path / "lib", {"pkgmetric/__init__.py": PKGMETRIC})
    page = example_pages(
        {
            "implementations/Demo_Metric_Update.md": (
                "import pkgmetric\n\nmetric = pkgmetric.Accuracy()\nmetric.update(preds, labels)\n"
                'accuracy = metric.compute()\nprint(f"accuracy: {accuracy:.3f}")\n'
            )
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": METRIC_AFTER, **page})
    score, report = (s.binding for s in item.plan.steps[1:])
    assert "accuracy" in score.produces and report.consumes == ("accuracy",)
    (item.output_dir / "pairs.txt").write_text("a a\nb c\nc c\nd d\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "score.txt").read_text(encoding="utf-8") == "0.75"
    run_generated_tests(item, tmp_path / "lib")


DECORATED = """
# Workflow Index: Demo

## Workflow: Demo_Decorated

**Description:** Values read, a function compiled by a decorator, then applied to them.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgdeco.load(path)` |
| **External Dependencies** | `pkgdeco` |
| **Key Parameters** | `path: str = "values.txt"` - one number per line |
| **Outputs** | `values` |

### Step 2: Compile

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgdeco.compiled(fun)` |
| **External Dependencies** | `pkgdeco` |
| **Implementation** | `Demo_Deco_Compiled` |
| **Outputs** | `double_all` - the compiled function |

### Step 3: Apply

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgdeco.apply(double_all, values, out)` |
| **External Dependencies** | `pkgdeco` |
| **Key Parameters** | `out: str = "doubled.txt"` - where the results go |
| **Inputs** | `double_all` from Step 2, `values` from Step 1 |
"""

PKGDECO = """
def compiled(fun):
    fun.compiled = True
    return fun


def load(path):
    with open(path) as handle:
        return [int(line) for line in handle if line.strip()]


def apply(fun, values, out):
    assert getattr(fun, "compiled", False), "not compiled"
    with open(out, "w") as handle:
        handle.write(" ".join(map(str, fun(values))))
"""


def test_a_decorator_api_applied_to_the_function_the_outputs_name_is_that_definition(tmp_path):
    """Flax: the API is `nnx.jit(fun, ...)`, the Outputs name `train_step`, and the page's first example is `@nnx.jit`
    over `def train_step(...)` (with the `loss_fn` it calls); the step was bound to the second example's
    `eval_step = nnx.jit(eval_step)`, so it handed on `eval_step` and no step made `train_step`. A function the
    example decorates with the API, named by the Outputs, is now the step, with what it calls."""
    build_file_tree(tmp_path / "lib", {"pkgdeco/__init__.py": PKGDECO})
    example = (
        "import pkgdeco\n\n\ndef helper(x):\n    return x * 2\n\n\n@pkgdeco.compiled\n"
        "def double_all(values):\n    return [helper(v) for v in values]\n"
    )
    variant = "def count(values):\n    return len(values)\n\n\ncount = pkgdeco.compiled(count)\n"
    page = example_pages({"implementations/Demo_Deco_Compiled.md": [example, variant]})
    item = generated(tmp_path, {"_WorkflowIndex.md": DECORATED, **page})
    compiled = item.plan.steps[1].binding
    assert (
        compiled.produces == ("double_all",) and "@pkgdeco.compiled" in compiled.body and "def helper" in compiled.body
    )
    (item.output_dir / "values.txt").write_text("1\n2\n5\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "doubled.txt").read_text(encoding="utf-8") == "2 4 10"
    run_generated_tests(item, tmp_path / "lib")


FILTERED = """
# Workflow Index: Demo

## Workflow: Demo_Filtered

**Description:** Links read, those of allowed schemes normalised.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfilt.load(path)` |
| **External Dependencies** | `pkgfilt` |
| **Key Parameters** | `path: str = "links.txt"` - one link per line |
| **Outputs** | `links` |

### Step 2: Normalise

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfilt.norm(url)` |
| **External Dependencies** | `pkgfilt` |
| **Implementation** | `Demo_Filt_Norm` |
| **Key Parameters** | `allowed: list[str]` - schemes kept (`["http", "https"]`) |
| **Inputs** | `links` from Step 1 |
| **Outputs** | `kept` |
"""

PKGFILT = """
def load(path):
    with open(path) as handle:
        return [line.strip() for line in handle if line.strip()]


def scheme(url):
    return url.split(":", 1)[0]


def norm(url):
    return url.split("#", 1)[0].lower()
"""


def test_the_generated_tests_pass_on_a_call_behind_a_comprehensions_filter(tmp_path):
    """bs4's link step: `[urldefrag(u).url for u in links if urlparse(u).scheme in allowed_schemes]`. On recorders
    the filter drops every item, so the generated test failed ("urldefrag was not called") on a correct step. A
    call only the items past a comprehension's filter reach is now judged by `check` and a run, as a call in an `if`
    branch is."""
    build_file_tree(tmp_path / "lib", {"pkgfilt/__init__.py": PKGFILT})
    page = example_pages(
        {
            "implementations/Demo_Filt_Norm.md": (
                'import pkgfilt\n\nkept = [pkgfilt.norm(u) for u in links if pkgfilt.scheme(u) in ["http", "https"]]\n'
            )
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": FILTERED, **page})
    assert "pkgfilt.norm(u) for u in links if" in item.plan.steps[1].binding.body
    (item.output_dir / "links.txt").write_text("http://A.org#x\nftp://b\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib")
    assert "kept: list of 1" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


PARQUET_LINK = """
# Workflow Index: Demo

## Workflow: Demo_Parquet_Link

**Description:** Rows written to a file, then its metadata read back.

### Step 1: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpq.write_table(rows, where)` |
| **External Dependencies** | `pkgpq` |
| **Implementation** | `Demo_Pq_Write` |
| **Outputs** | A Parquet file |

### Step 2: Inspect

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpq.read_metadata(where)` |
| **External Dependencies** | `pkgpq` |
| **Implementation** | `Demo_Pq_Read` |
| **Inputs** | Parquet file path from Step 1 |
| **Outputs** | `meta` |
"""

PKGPQ = """
def write_table(rows, where):
    with open(where, "w") as handle:
        handle.write("\\n".join(rows))


def read_metadata(where):
    with open(where) as handle:
        return {"num_rows": len(handle.read().split())}
"""


def test_a_file_an_earlier_step_writes_under_any_key_name_is_the_one_read_from_it(tmp_path):
    """pyarrow: step 5 `pq.write_table(table, "trips.parquet")` (the key `where`, no path-like name), step 6
    `pq.read_metadata(where)`, "Parquet file path from Step 5", whose page's example reads another file: step 6
    read a file nobody wrote (FileNotFoundError). A key holding a file's name passed to a writer is a file the step
    writes, and "Parquet file" names the kind of `.parquet`: the later key follows the earlier one."""
    build_file_tree(tmp_path / "lib", {"pkgpq/__init__.py": PKGPQ})
    pages = example_pages(
        {
            "implementations/Demo_Pq_Write.md": 'import pkgpq\n\npkgpq.write_table(["a", "b", "c"], "trips.parquet")\n',
            "implementations/Demo_Pq_Read.md": 'import pkgpq\n\nmeta = pkgpq.read_metadata("output/filtered.parquet")\n',
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": PARQUET_LINK, **pages})
    write, inspect_ = (s.binding for s in item.plan.steps)
    assert [p.writes for p in write.params if p.name == "where"] == [True]
    assert [p.follows for p in inspect_.params if p.name == "where"] == ["step_01_write.where"]
    proc = run_workflow(item, tmp_path / "lib")
    assert "meta.num_rows = 3" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


PATH_KEY = """
# Workflow Index: Demo

## Workflow: Demo_Path_Key

**Description:** A saved page read, then counted.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `Path.read_text(encoding: str = None) -> str` |
| **Implementation** | `Demo_Path_Read` |
| **Key Parameters** | `html_path: str` - path of the saved page, `encoding: str` - its encoding ("utf-8") |
| **Outputs** | `html` |

### Step 2: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpage.count_tags(html)` |
| **External Dependencies** | `pkgpage` |
| **Inputs** | `html` from Step 1 |
| **Outputs** | `count` |
"""


def test_a_key_the_example_makes_a_path_of_is_read_through_that_path(tmp_path):
    """bs4: the Key Parameters say `html_path: str`, the example `html_path = Path("saved_pages/tents.html")`, then
    `html_path.read_text(...)`: the key (a text) was taken for the object the call goes through, and the step was
    a stub ("it works on html_path, which ... no loader builds"). The example's Path of the text now comes along,
    the text a key."""
    build_file_tree(tmp_path / "lib", {"pkgpage/__init__.py": "def count_tags(html):\n    return html.count('<')\n"})
    page = example_pages(
        {
            "implementations/Demo_Path_Read.md": (
                'from pathlib import Path\n\nhtml_path = Path("saved/page.html")\nhtml = html_path.read_text(encoding="utf-8")\n'
            )
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": PATH_KEY, **page})
    load = item.plan.steps[0].binding
    assert load.status == "bound" and "Path(" in load.body, load.body
    (item.output_dir / "saved").mkdir()
    (item.output_dir / "saved" / "page.html").write_text("<p><b>x</b></p>", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib")
    assert "count: 4" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


TAGS_AGAIN = """
# Workflow Index: Demo

## Workflow: Demo_Tags_Again

**Description:** A page parsed, its links found, made absolute.

### Step 1: Parse

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtags.parse(path) -> Soup` |
| **External Dependencies** | `pkgtags` |
| **Key Parameters** | `path: str = "page.txt"` - one link per line |
| **Outputs** | `soup` |

### Step 2: Find

| Attribute | Value |
|-----------|-------|
| **API Call** | `Soup.find_all(self, name, limit=None)` |
| **External Dependencies** | `pkgtags` |
| **Implementation** | `Demo_Tags_Find` |
| **Key Parameters** | `limit: int` - at most this many (default 2) |
| **Inputs** | `soup` from Step 1 |
| **Outputs** | `anchors` |

### Step 3: Resolve

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtags.absolute(base, ref)` |
| **External Dependencies** | `pkgtags` |
| **Implementation** | `Demo_Tags_Resolve` |
| **Inputs** | `anchors` from Step 2 |
| **Outputs** | `links` |
"""

PKGTAGS = """
class Soup:
    def __init__(self, refs):
        self.refs = refs

    def find_all(self, name, limit=None):
        return self.refs[:limit] if limit else list(self.refs)


def parse(path):
    with open(path) as handle:
        return Soup(handle.read().split())


def absolute(base, ref):
    return base + ref
"""


def test_an_earlier_steps_call_made_again_inside_an_expression_is_its_cited_result(tmp_path):
    """bs4: step 3's example `[urljoin(base_url, a["href"]) for a in soup.find_all("a", href=True)]`, where the Inputs
    say "`anchors` from Step 2" and step 2 is that `soup.find_all(...)`: the step searched the page again, so step 2's
    settings (a limit, another tag) had no effect. A call of an earlier result's method inside an expression, making
    again what an earlier step the Inputs cite made, is now that step's result."""
    build_file_tree(tmp_path / "lib", {"pkgtags/__init__.py": PKGTAGS})
    pages = example_pages(
        {
            "implementations/Demo_Tags_Find.md": 'anchors = soup.find_all("a", limit=2)\n',
            "implementations/Demo_Tags_Resolve.md": (
                'import pkgtags\n\nlinks = [pkgtags.absolute("http://x/", a) for a in soup.find_all("a")]\n'
            ),
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": TAGS_AGAIN, **pages})
    resolve = item.plan.steps[2].binding
    assert resolve.consumes == ("anchors",) and "find_all" not in resolve.body, resolve.body
    (item.output_dir / "page.txt").write_text("a b c\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib")
    assert "links: list of 2" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


ROWS_FILLED = """
# Workflow Index: Demo

## Workflow: Demo_Rows_Filled

**Description:** A table read, its header and rows taken, the rows saved.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtbl.read(path) -> Table` |
| **External Dependencies** | `pkgtbl` |
| **Key Parameters** | `path: str = "table.txt"` - a header line, then rows |
| **Outputs** | `table` |

### Step 2: Extract

| Attribute | Value |
|-----------|-------|
| **API Call** | `Table.find_all(self, kind)` |
| **External Dependencies** | `pkgtbl` |
| **Implementation** | `Demo_Tbl_Find` |
| **Inputs** | `table` from Step 1 |
| **Outputs** | `header` (the column names), `records` (the rows) |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtbl.save(records, out)` |
| **External Dependencies** | `pkgtbl` |
| **Key Parameters** | `out: str = "rows.txt"` - where they go |
| **Inputs** | `records` from Step 2 |
"""

PKGTBL = """
class Table:
    def __init__(self, lines):
        self.lines = lines

    def find_all(self, kind):
        return self.lines[0].split() if kind == "th" else [line.split() for line in self.lines[1:]]


def read(path):
    with open(path) as handle:
        return Table([line for line in handle.read().splitlines() if line.strip()])


def save(records, out):
    with open(out, "w") as handle:
        handle.write(";".join(",".join(r) for r in records))
"""


def test_every_result_the_outputs_name_comes_along_an_accumulator_and_its_loop_too(tmp_path):
    """bs4's row step: the Outputs name `header` and `records`; the example makes `header = [...]` by the API, then
    `records = []` and a loop over `table.find_all("tr")` filling it. The slice stopped at the header: step 4 asked
    for `records` as a REQUIRED key. The slice now goes on to every result the Outputs name, an empty container
    with the loop that fills it from what the slice works on."""
    build_file_tree(tmp_path / "lib", {"pkgtbl/__init__.py": PKGTBL})
    example = (
        'header = [name for name in table.find_all("th")]\n\nrecords = []\n'
        'for row in table.find_all("tr"):\n    if row:\n        records.append(row)\n\nprint(header)\n'
    )
    item = generated(
        tmp_path, {"_WorkflowIndex.md": ROWS_FILLED, **example_pages({"implementations/Demo_Tbl_Find.md": example})}
    )
    extract, save = (s.binding for s in item.plan.steps[1:])
    assert extract.produces == ("header", "records") and save.consumes == ("records",)
    (item.output_dir / "table.txt").write_text("a b\n1 2\n3 4\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "rows.txt").read_text(encoding="utf-8") == "1,2;3,4"
    run_generated_tests(item, tmp_path / "lib")


TUPLE_DEFAULT = """
# Workflow Index: Demo

## Workflow: Demo_Tuple_Default

**Description:** A node read, its text taken.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgnode.read(path) -> Node` |
| **External Dependencies** | `pkgnode` |
| **Key Parameters** | `path: str = "node.txt"` - the words |
| **Outputs** | `node` |

### Step 2: Text

| Attribute | Value |
|-----------|-------|
| **API Call** | `Node.get_text(self, separator: str = "", types: Iterable[type] = ()) -> str` |
| **External Dependencies** | `pkgnode` |
| **Implementation** | `Demo_Node_Text` |
| **Inputs** | `node` from Step 1 |
| **Outputs** | `text` |
"""

TUPLE_DEFAULT_PAGE = """== I/O Contract ==

=== Inputs ===
{| class="wikitable"
! Name !! Type !! Required !! Description
|-
| separator || str || No || between the words
|-
| types || Iterable[type] || No || the kinds of words kept
|}

== Usage Examples ==
<syntaxhighlight lang="python">
text = node.get_text(" ")
</syntaxhighlight>
"""

PKGNODE = """
class Node:
    def __init__(self, words):
        self.words = words

    def get_text(self, separator="", types=()):
        if types == ():  # bs4: the default means every kind; an explicit list filters
            return separator.join(self.words)
        return separator.join(w for w in self.words if type(w) in types)


def read(path):
    with open(path) as handle:
        return Node(handle.read().split())
"""


def test_a_documented_tuple_default_the_example_leaves_out_is_not_passed(tmp_path):
    """bs4: `get_text(separator="", strip=False, types=())`, the example `link.get_text(" ", strip=True)`; the
    documented `types` was passed with its default, which config gives back as a list, and `types=[]` made every
    title empty. A tuple default the example leaves out is now not passed until set, as a None one."""
    build_file_tree(tmp_path / "lib", {"pkgnode/__init__.py": PKGNODE})
    item = generated(
        tmp_path, {"_WorkflowIndex.md": TUPLE_DEFAULT, "implementations/Demo_Node_Text.md": TUPLE_DEFAULT_PAGE}
    )
    text = item.plan.steps[1].binding
    assert "given(types=types)" in text.body, text.body
    (item.output_dir / "node.txt").write_text("hello world\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib")
    assert "text: 'hello world'" in proc.stdout + proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


CARDS_LOOP = """
# Workflow Index: Demo

## Workflow: Demo_Cards_Loop

**Description:** Cards read, a field of each taken.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcards.load(path)` |
| **External Dependencies** | `pkgcards` |
| **Key Parameters** | `path: str = "cards.txt"` - one card per line |
| **Outputs** | `cards` |

### Step 2: Fields

| Attribute | Value |
|-----------|-------|
| **API Call** | `Part.text(self) -> str` |
| **External Dependencies** | `pkgcards` |
| **Implementation** | `Demo_Cards_Text` |
| **Inputs** | `cards` from Step 1 |
| **Outputs** | `rows` - one title per card |
"""

PKGCARDS = """
class Part:
    def __init__(self, value):
        self.value = value

    def text(self):
        return self.value.upper()


class Card:
    def __init__(self, line):
        self.line = line

    def find(self, name):
        return Part(self.line)


def load(path):
    with open(path) as handle:
        return [Card(line.strip()) for line in handle if line.strip()]
"""


def test_a_call_on_what_a_loop_over_an_earlier_result_finds_is_bound(tmp_path):
    """bs4's field step: `for card in cards: link = card.select_one("h2 a"); rows.append(link.get_text(...))`, with
    `cards` step 3's: the step was a stub ("its call goes through no import and no object an earlier step made"):
    the check followed a loop's variable to what it iterates, not a name assigned from it."""
    build_file_tree(tmp_path / "lib", {"pkgcards/__init__.py": PKGCARDS})
    example = 'rows = []\nfor card in cards:\n    part = card.find("title")\n    rows.append(part.text())\n'
    item = generated(
        tmp_path, {"_WorkflowIndex.md": CARDS_LOOP, **example_pages({"implementations/Demo_Cards_Text.md": example})}
    )
    fields = item.plan.steps[1].binding
    assert fields.status == "bound" and fields.consumes == ("cards",), fields.body
    (item.output_dir / "cards.txt").write_text("tent\nstove\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib")
    assert "rows: list of 2: 'TENT', 'STOVE'" in proc.stdout + proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


PASSED_API = """
# Workflow Index: Demo

## Workflow: Demo_Passed_Api

**Description:** Rows read into a frame whose cells are converted to numbers.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgconv.load(path)` |
| **External Dependencies** | `pkgconv` |
| **Key Parameters** | `path: str = "rows.txt"` - numbers, a row a line |
| **Outputs** | `rows` |

### Step 2: Frame

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgconv.frame(rows)`, `pkgconv.to_num(text)` |
| **External Dependencies** | `pkgconv` |
| **Implementation** | `Demo_Conv_Frame` |
| **Inputs** | `rows` from Step 1 |
| **Outputs** | `df` - the frame, all numbers |
"""

PKGCONV = """
class Frame:
    def __init__(self, rows):
        self.rows = rows

    def apply(self, fn):
        return Frame([[fn(cell) for cell in row] for row in self.rows])

    def total(self):
        return sum(sum(row) for row in self.rows)


def load(path):
    with open(path) as handle:
        return [line.split() for line in handle if line.strip()]


def frame(rows):
    return Frame(rows)


def to_num(text):
    return float(text)
"""


def test_an_example_handing_a_cited_api_on_as_a_function_uses_it(tmp_path):
    """bs4's frame step cites `pd.DataFrame(...)` and `pd.to_numeric(...)`; the first example converts every
    numeric column with `df[cols].apply(pd.to_numeric, errors="coerce")`, the second one column with a call. The
    first was taken for leaving `pd.to_numeric` out (no call of it), so the step converted one column and the
    summary failed on text. An API handed on as a function counts as used."""
    build_file_tree(tmp_path / "lib", {"pkgconv/__init__.py": PKGCONV})
    examples = [
        "import pkgconv\n\ndf = pkgconv.frame(rows)\ndf = df.apply(pkgconv.to_num)\n",
        "import pkgconv\n\ndf = pkgconv.frame(rows)\nfirst = pkgconv.to_num(df.rows[0][0])\n",
    ]
    item = generated(
        tmp_path, {"_WorkflowIndex.md": PASSED_API, **example_pages({"implementations/Demo_Conv_Frame.md": examples})}
    )
    assert "df.apply(pkgconv.to_num)" in item.plan.steps[1].binding.body, item.plan.steps[1].binding.body
    (item.output_dir / "rows.txt").write_text("1 2\n3 4\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib")
    run_generated_tests(item, tmp_path / "lib")


FILTER_VALUE = """
# Workflow Index: Demo

## Workflow: Demo_Filter_Value

**Description:** Rows read, those of one region kept, saved.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgflt.load(path)` |
| **External Dependencies** | `pkgflt` |
| **Key Parameters** | `path: str = "rows.txt"` - region and value per line |
| **Outputs** | `rows` |

### Step 2: Keep

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgflt.keep(rows, predicate)` |
| **External Dependencies** | `pkgflt` |
| **Implementation** | `Demo_Flt_Keep` |
| **Inputs** | `rows` from Step 1 |
| **Outputs** | `kept` |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgflt.save(kept, out)` |
| **External Dependencies** | `pkgflt` |
| **Key Parameters** | `out: str = "kept.txt"` - where they go |
| **Inputs** | `kept` from Step 2 |
"""

PKGFLT = """
class Field:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        return lambda row: row[self.name] == other


def field(name):
    return Field(name)


def load(path):
    with open(path) as handle:
        return [dict(zip(("region", "value"), line.split())) for line in handle if line.strip()]


def keep(rows, predicate):
    return [row for row in rows if predicate(row)]


def save(rows, out):
    with open(out, "w") as handle:
        handle.write(" ".join(row["value"] for row in rows))
"""


def test_the_value_a_filter_compares_a_column_with_is_a_key(tmp_path):
    """pyarrow's pruned scan `dataset.to_table(filter=ds.field("region") == "EU")`, polars' `lf.filter(pl.col("status")
    == "complete")`: the region or status was fixed in code. The value a call's filter compares a named column with
    is now a key named after the column."""
    build_file_tree(tmp_path / "lib", {"pkgflt/__init__.py": PKGFLT})
    page = example_pages(
        {
            "implementations/Demo_Flt_Keep.md": 'import pkgflt\n\nkept = pkgflt.keep(rows, pkgflt.field("region") == "EU")\n'
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": FILTER_VALUE, **page})
    assert {p.name: p.default for p in item.plan.steps[1].binding.params}.get("region") == "'EU'"
    (item.output_dir / "rows.txt").write_text("EU 1\nUS 2\nEU 3\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "kept.txt").read_text(encoding="utf-8") == "1 3"
    run_workflow(item, tmp_path / "lib", "--set", "2.region=US")
    assert (item.output_dir / "kept.txt").read_text(encoding="utf-8") == "2"
    run_generated_tests(item, tmp_path / "lib")


DEMO_SHAPE = """
# Workflow Index: Demo

## Workflow: Demo_Shape_Area

**Description:** A shape read, its area measured.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgboxes.load(path)` |
| **External Dependencies** | `pkgboxes` |
| **Key Parameters** | `path: str = "shape.txt"` - width and height |
| **Outputs** | `coverage` |

### Step 2: Measure

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgboxes.area(geometry) -> float` |
| **External Dependencies** | `pkgboxes` |
| **Implementation** | `Demo_Shape_Measure` |
| **Inputs** | `coverage` from step 1 |
| **Outputs** | `area: float` |
"""

PKGBOXES = """
def box(x0, y0, x1, y1):
    return (x1 - x0, y1 - y0)


def load(path):
    with open(path) as handle:
        width, height = map(float, handle.read().split())
    return (width, height)


def area(geometry):
    return geometry[0] * geometry[1]
"""


def test_an_object_the_example_makes_of_numbers_stands_for_the_cited_input(tmp_path):
    """Shapely's measure step: the Inputs say "`coverage` from step 4", the example `b = box(0, 0, 2, 3)` then
    `shapely.area(b)`: the step measured the example's box (area 6 whatever the input). An object a call makes of
    numbers written out, passed to the step's calls, is the page's sample: the cited result takes its place."""
    build_file_tree(tmp_path / "lib", {"pkgboxes/__init__.py": PKGBOXES})
    page = example_pages(
        {
            "implementations/Demo_Shape_Measure.md": "import pkgboxes\n\nb = pkgboxes.box(0, 0, 2, 3)\narea = pkgboxes.area(b)\n"
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": DEMO_SHAPE, **page})
    measure = item.plan.steps[1].binding
    assert measure.consumes == ("coverage",) and "box(" not in measure.body, measure.body
    (item.output_dir / "shape.txt").write_text("4 5\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib")
    assert "area: 20.0" in proc.stdout + proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


SKETCH_AFTER = """
# Workflow Index: Demo

## Workflow: Demo_Sketch_After

**Description:** A workbook opened, a sheet's rows read.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsheet.load_workbook(filename)` |
| **External Dependencies** | `pkgsheet` |
| **Key Parameters** | `filename: str = "book.txt"` - sheets, `name: a b` per line |
| **Outputs** | `wb` |

### Step 2: Read Rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `Worksheet.iter_rows(min_row=None, values_only=False)` |
| **External Dependencies** | `pkgsheet` |
| **Implementation** | `Demo_Sheet_Rows` |
| **Key Parameters** | `sheet_name: str` - the sheet (e.g. "Sales") |
| **Inputs** | `wb` from Step 1 |
| **Outputs** | `rows` |
"""

PKGSHEET = """
class Worksheet:
    def __init__(self, rows):
        self.rows = rows

    def iter_rows(self, min_row=None, values_only=False):
        return iter(self.rows[(min_row or 1) - 1 :])


def load_workbook(filename):
    with open(filename) as handle:
        pairs = [line.split(":", 1) for line in handle if line.strip()]
    return {name: Worksheet(rest.split()) for name, rest in pairs}
"""


def test_an_example_whose_use_of_the_result_is_a_sketch_is_taken_up_to_its_call(tmp_path):
    """openpyxl: `ws = wb["Sales"]; rows = list(ws.iter_rows(min_row=2, values_only=True))`, then `for region, product,
    amount in rows: ...`. The `...` made the whole example a sketch, so the step was built from the API cell alone:
    `Worksheet.iter_rows(...)` called on the class (TypeError: missing 'self'). The example up to its call is the step."""
    build_file_tree(tmp_path / "lib", {"pkgsheet/__init__.py": PKGSHEET})
    example = 'ws = wb["Sales"]\nrows = list(ws.iter_rows(min_row=2, values_only=True))\nfor a, b in rows:\n    ...\n'
    item = generated(
        tmp_path, {"_WorkflowIndex.md": SKETCH_AFTER, **example_pages({"implementations/Demo_Sheet_Rows.md": example})}
    )
    read = item.plan.steps[1].binding
    assert "ws.iter_rows(" in read.body and "Worksheet.iter_rows" not in read.body, read.body
    (item.output_dir / "book.txt").write_text("Sales: head x y\nNotes: z\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib")
    assert "rows: list of 2: 'x', 'y'" in proc.stdout + proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


MODEL_STEP = """
# Workflow Index: Demo

## Workflow: Demo_Model_Step

**Description:** The project's model class, then orders read with it.

### Step 1: Define Order

| Attribute | Value |
|-----------|-------|
| **API Call** | `class Order(BaseModel)` with its field constraints |
| **Source Location** | `shopmod/models.py:L10-30` |
| **External Dependencies** | `shopmod` |
| **Implementation** | `Demo_Order_Model` |
| **Key Parameters** | `order_id: str` - pattern `^ORD-\\d+$` |
| **Outputs** | `Order` model class |

### Step 2: Read Orders

| Attribute | Value |
|-----------|-------|
| **API Call** | `shopmod.read_orders(path, Order)` |
| **External Dependencies** | `shopmod` |
| **Key Parameters** | `path: str = "orders.txt"` - one order id per line |
| **Inputs** | `Order` from Step 1 |
| **Outputs** | `orders` |
"""

ORDER_PAGE = """== Import ==
<syntaxhighlight lang="python">
from shopmod.models import Order
</syntaxhighlight>

== Usage Examples ==
<syntaxhighlight lang="python">
from shopmod.models import Order

order = Order.validate({"order_id": "ORD-1"})
print(order.order_id)
</syntaxhighlight>
"""


def test_a_class_statement_api_no_example_declares_is_the_projects_class_handed_on(tmp_path):
    """`class Order(BaseModel)` as the API cell, where the page only imports Order from the project: the step was
    bound to calling BaseModel() (imported from the project's module, where it is not), and its Key Parameters,
    the class's fields, became keys. Now the step imports the class and hands it on."""
    models = (
        "class BaseModel:\n    pass\n\n\nclass Order(BaseModel):\n    def __init__(self, order_id):\n"
        "        self.order_id = order_id\n"
    )
    reader = (
        "def read_orders(path, model):\n    with open(path) as handle:\n"
        "        return [model(line.strip()) for line in handle if line.strip()]\n"
    )
    build_file_tree(tmp_path / "lib", {"shopmod/__init__.py": reader, "shopmod/models.py": models})
    item = generated(tmp_path, {"_WorkflowIndex.md": MODEL_STEP, "implementations/Demo_Order_Model.md": ORDER_PAGE})
    define, read = (s.binding for s in item.plan.steps)
    assert define.status == "bound" and define.produces == ("Order",) and not define.params
    assert "from shopmod.models import Order" in define.body and "BaseModel" not in define.body
    assert "Order" in read.consumes
    (item.output_dir / "orders.txt").write_text("ORD-1\nORD-2\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib")
    assert "orders: list of 2" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


RETURNS = """
# Workflow Index: Demo

## Workflow: Demo_Returns

**Description:** A table opened by a function the wiki says returns a Table, then counted.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgt.open_table(path) -> Table` |
| **External Dependencies** | `pkgt` |
| **Key Parameters** | `path: str = "t.csv"` - the table |
| **Outputs** | `table` |

### Step 2: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `Table.count(self, column)` |
| **External Dependencies** | `pkgt` |
| **Key Parameters** | `column: str = "a"` - what to count |
| **Outputs** | `n` |
"""


def test_check_knows_an_artifact_by_the_return_type_the_wiki_gives(tmp_path, monkeypatch):
    """`open_table` has no return annotation, but the wiki says `-> Table`: `check` finds Table in the package the
    step imports, so the next step's `table.count(...)` is bound against Table.count (it was "not checkable")."""
    from generator.verify import verify

    library = (
        "class Table:\n    def count(self, column):\n        return 0\n\n\ndef open_table(path):\n    return Table()\n"
    )
    build_file_tree(tmp_path / "lib", {"pkgt/__init__.py": library})
    item = generated(tmp_path, {"_WorkflowIndex.md": RETURNS})
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "lib"))
    result = verify(item.output_dir, sys.executable)
    assert [s.status for s in result.steps] == ["verified", "verified"], [s.calls for s in result.steps]


CHAIN = """
# Workflow Index: Demo

## Workflow: Demo_Chain

**Description:** A picture opened, turned upright, listed, converted and saved: each page's example opens its own.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpic.open(path) -> Picture` |
| **External Dependencies** | `pkgpic` |
| **Implementation** | `Demo_Open` |

### Step 2: Upright

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpic.upright(image) -> pkgpic.Picture` |
| **External Dependencies** | `pkgpic` |
| **Implementation** | `Demo_Upright` |

### Step 3: List

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpic.to_list(image) -> list` |
| **External Dependencies** | `pkgpic` |
| **Implementation** | `Demo_To_List` |

### Step 4: Convert

| Attribute | Value |
|-----------|-------|
| **API Call** | `Picture.convert(self, mode) -> Picture` |
| **External Dependencies** | `pkgpic` |
| **Implementation** | `Demo_Convert` |

### Step 5: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `Picture.save(self, fp) -> None` |
| **External Dependencies** | `pkgpic` |
| **Implementation** | `Demo_Save` |
"""

PKGPIC = """
import builtins


class Picture:
    def __init__(self, history):
        self.history = history

    def convert(self, mode):
        return Picture([*self.history, f"convert {mode}"])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def save(self, fp):
        with builtins.open(fp, "w") as handle:
            handle.write(",".join(self.history))


def open(path):
    return Picture(["open"])


def upright(image):
    return Picture([*image.history, "upright"])


def to_list(image):
    return list(image.history)
"""

CHAIN_PAGES = {
    "implementations/Demo_Open.md": 'import pkgpic\n\nim = pkgpic.open("photo.jpg")\n',
    "implementations/Demo_Upright.md": 'import pkgpic\n\nim = pkgpic.open("photo.jpg")\nup = pkgpic.upright(im)\n',
    "implementations/Demo_To_List.md": 'import pkgpic\n\nim = pkgpic.open("photo.jpg")\nitems = pkgpic.to_list(im)\n',
    "implementations/Demo_Convert.md": 'import pkgpic\n\nim = pkgpic.open("photo.jpg")\nrgb = im.convert("RGB")\n',
    "implementations/Demo_Save.md": 'import pkgpic\n\nim = pkgpic.open("photo.jpg")\nim.save("out.txt")\n',
}


def test_a_method_step_works_on_what_the_steps_before_made_of_its_object(tmp_path):
    """Seen on an unseen Pillow wiki: every page's example opens its own image, so every step took step 1's and the
    saved thumbnail was neither turned nor converted. A method step now takes what the steps since made from that
    object, of the API's class (upright, then rgb), never a result of another kind (the list of step 3)."""
    build_file_tree(tmp_path / "lib", {"pkgpic/__init__.py": PKGPIC})
    pages = example_pages(CHAIN_PAGES)
    item = generated(tmp_path, {"_WorkflowIndex.md": CHAIN, **pages})
    assert [s.binding.consumes for s in item.plan.steps] == [(), ("im",), ("im",), ("up",), ("rgb",)]
    assert "works on rgb, which the steps after step 1 made from its im" in item.plan.steps[4].binding.changes[0]
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "out.txt").read_text(encoding="utf-8") == "open,upright,convert RGB"


CONNECT = """
# Workflow Index: Demo

## Workflow: Demo_Connect

**Description:** An engine, a connection handed on open, rows read through it.

### Step 1: Engine

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgdb.create_engine(url) -> Engine` |
| **External Dependencies** | `pkgdb` |
| **Key Parameters** | `url: str = "memory"` - the database |
| **Outputs** | `engine` |

### Step 2: Connect

| Attribute | Value |
|-----------|-------|
| **API Call** | `Engine.connect(self) -> Connection` |
| **External Dependencies** | `pkgdb` |
| **Implementation** | `Demo_Engine_Connect` |

### Step 3: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgdb.read(sql, con)` |
| **External Dependencies** | `pkgdb` |
| **Implementation** | `Demo_Read` |
| **Outputs** | `rows` |
"""

ENGINE_CONNECT_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgdb

engine = pkgdb.create_engine("memory")
with engine.connect() as conn:
    print(conn)
    rows = pkgdb.read("select 1", conn)
</syntaxhighlight>
"""

READ_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgdb

rows = pkgdb.read("select 1", conn)
</syntaxhighlight>
"""

PKGDB = """
class Connection:
    closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.closed = True


class Engine:
    def connect(self):
        return Connection()


def create_engine(url):
    return Engine()


def read(sql, con):
    if con.closed:
        raise RuntimeError("this connection is closed")
    return [1, 2, 3]
"""


def test_a_with_whose_body_is_a_later_steps_work_hands_on_the_open_object(tmp_path):
    """Seen on an unseen SQLAlchemy wiki: the connect step kept its example's whole `with engine.connect() as conn:`
    block, so it also did step 3's read, and handed on a closed connection. The step now opens the connection and
    hands it on (`conn = engine.connect()`), keeping what its body does before the later step's work."""
    build_file_tree(tmp_path / "lib", {"pkgdb/__init__.py": PKGDB})
    pages = {"implementations/Demo_Engine_Connect.md": ENGINE_CONNECT_PAGE, "implementations/Demo_Read.md": READ_PAGE}
    item = generated(tmp_path, {"_WorkflowIndex.md": CONNECT, **pages})
    connect = item.plan.steps[1].binding
    assert "conn = engine.connect()" in connect.body and "read(" not in connect.body and connect.produces == ("conn",)
    assert item.plan.steps[2].binding.consumes == ("conn",)
    proc = run_workflow(item, tmp_path / "lib")
    assert "rows: list of 3" in proc.stdout + proc.stderr


SHRINK = """
# Workflow Index: Demo

## Workflow: Demo_Shrink

**Description:** A picture shrunk with a resampling mode chosen by name.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgenum.open_pic(path) -> Pic` |
| **External Dependencies** | `pkgenum` |
| **Key Parameters** | `path: str = "a.pic"` - the picture |
| **Outputs** | `pic` |

### Step 2: Shrink

| Attribute | Value |
|-----------|-------|
| **API Call** | `Pic.shrink(self, size: int, mode: Mode = Mode.FAST) -> str` |
| **External Dependencies** | `pkgenum` |
| **Key Parameters** | `size: int = 4` - the new size, `mode: Mode` - the resampling mode (Mode.FAST, Mode.SLOW) |
| **Outputs** | `shrunk` |
"""

PKGENUM = """
import enum


class Mode(enum.Enum):
    FAST = 1
    SLOW = 2


class Pic:
    def shrink(self, size, mode=Mode.FAST):
        if not isinstance(mode, Mode):
            raise TypeError(f"mode must be a Mode, not {mode!r}")
        return f"{size}:{mode.name}"


def open_pic(path):
    return Pic()


class Studio:
    def __init__(self, path):
        self.pic = Pic()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def shrink(self, size, mode=Mode.FAST):
        return self.pic.shrink(size, mode)
"""


def test_a_key_for_an_enum_parameter_is_set_by_the_members_name(tmp_path):
    """Seen on an unseen Pillow wiki: `resample = "LANCZOS"` reached Pillow as a string ("Unknown resampling filter");
    only the member's integer worked. A key whose parameter defaults to an object of a class is turned into the
    member of the enum the real signature's default belongs to, by name (any case, with or without the class)."""
    build_file_tree(tmp_path / "lib", {"pkgenum/__init__.py": PKGENUM})
    item = generated(tmp_path, {"_WorkflowIndex.md": SHRINK})
    assert 'mode = argument(pic.shrink, "mode", mode)' in item.plan.steps[1].binding.body.replace("'", '"')
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "run", "--no-save"]

    def shrunk(*extra: str) -> str:
        proc = subprocess.run(
            [*command, *extra], cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120
        )
        assert proc.returncode == 0, proc.stderr
        output = (proc.stdout + proc.stderr).splitlines()
        return next(line.split(": ", 1)[1] for line in output if line.strip().startswith("shrunk: "))

    assert shrunk() == "'4:FAST'"  # unset: the library's default
    assert shrunk("--set", "2.mode=SLOW") == "'4:SLOW'"
    assert shrunk("--set", "2.mode=Mode.slow") == "'4:SLOW'"
    proc = subprocess.run(
        [*command, "--set", "2.mode=MEDIUM"], cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode != 0 and "not a member of Mode (FAST, SLOW)" in proc.stderr


SOUP = """
# Workflow Index: Demo

## Workflow: Demo_Soup

**Description:** Markup parsed into an object that answers any attribute, then a table found by its id.

### Step 1: Parse

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsoup.parse(markup) -> Soup` |
| **External Dependencies** | `pkgsoup` |
| **Key Parameters** | `markup: str = "<table id=prices>"` - the page |
| **Outputs** | `soup` |

### Step 2: Find

| Attribute | Value |
|-----------|-------|
| **API Call** | `Soup.find(self, name, id=None)` |
| **External Dependencies** | `pkgsoup` |
| **Implementation** | `Demo_Soup_Find` |
| **Key Parameters** | `id: str` - the table's id |
| **Outputs** | `table` |
"""

SOUP_FIND_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgsoup

soup = pkgsoup.parse("<table id=prices>")
table = soup.find("table", id="prices")
</syntaxhighlight>
"""

PKGSOUP = """
class Soup:
    def __getattr__(self, name):  # as BeautifulSoup's Tag: an unknown attribute is a search, None when not found
        return None

    def find(self, name, id=None):
        if callable(id):
            return "matched by a function"
        return f"{name}#{id}"


def parse(markup):
    return Soup()
"""


def test_a_key_lifted_under_a_builtins_name_and_a_result_that_answers_any_attribute(tmp_path):
    """Seen on an unseen BeautifulSoup wiki: `soup.find("table", id="prices")` became `id=id` with no `id` key, so
    Python's id() went to find() (bs4 takes a callable as a filter: the wrong table, silently); and the run log
    crashed on the soup, whose `_asdict` (any attribute) is a search answering None."""
    build_file_tree(tmp_path / "lib", {"pkgsoup/__init__.py": PKGSOUP})
    item = generated(tmp_path, {"_WorkflowIndex.md": SOUP, "implementations/Demo_Soup_Find.md": SOUP_FIND_PAGE})
    find = item.plan.steps[1].binding
    assert [(p.name, p.default) for p in find.params if p.name == "id"] == [("id", "'prices'")]
    proc = run_workflow(item, tmp_path / "lib")
    assert "table: 'table#prices'" in proc.stdout + proc.stderr and "soup: Soup" in proc.stdout + proc.stderr


REPORT = """
# Workflow Index: Demo

## Workflow: Demo_Report

**Description:** Rows made, solved, and the count written to a file in a folder no one made.

### Step 1: Rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrep.rows(n) -> list` |
| **External Dependencies** | `pkgrep` |
| **Key Parameters** | `n: int = 3` - how many |
| **Outputs** | `records` |

### Step 2: Solve

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrep.solve(records)` |
| **External Dependencies** | `pkgrep` |
| **Implementation** | `Demo_Solve` |
| **Outputs** | `FiniteSet`, `ImageSet` or `EmptySet` of solutions |

### Step 3: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `json.dump(obj, fp)` |
| **External Dependencies** | `json` |
| **Implementation** | `Demo_Write_Json` |
"""

SOLVE_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgrep

records = [[1, 2], [3, 4]]
solutions = pkgrep.solve(records)
</syntaxhighlight>
"""

WRITE_JSON_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import json

with open("results/solutions.json", "w") as fp:
    json.dump({"count": len(finite_set)}, fp)
</syntaxhighlight>
"""

PKGREP = """
def rows(n):
    return [[i, i * 2] for i in range(n)]


def solve(records):
    return {row[0] for row in records}
"""


def test_sample_rows_alternatives_in_outputs_and_a_file_opened_for_writing(tmp_path):
    """Three classes from unseen BeautifulSoup and SymPy wikis, run for real:
    - `records = [[1, 2], [3, 4]]` in an example stands in for what step 1 made: the step takes step 1's records
      (it became a `records_2` config key, and the output was the sample's);
    - "`FiniteSet`, `ImageSet` or `EmptySet`" is one result of one of those types (it was unpacked four ways);
    - `open("results/solutions.json", "w")`: the path is a config key marked as written, so its folder is made
      (FileNotFoundError on a fresh checkout)."""
    build_file_tree(tmp_path / "lib", {"pkgrep/__init__.py": PKGREP})
    pages = {"implementations/Demo_Solve.md": SOLVE_PAGE, "implementations/Demo_Write_Json.md": WRITE_JSON_PAGE}
    item = generated(tmp_path, {"_WorkflowIndex.md": REPORT, **pages})
    _, solve, write = (s.binding for s in item.plan.steps)
    assert solve.consumes == ("records",) and len(solve.produces) == 1 and not solve.params
    assert [(p.name, p.writes) for p in write.params] == [("file", True)]
    run_workflow(item, tmp_path / "lib")
    assert json.loads((item.output_dir / "results" / "solutions.json").read_text(encoding="utf-8")) == {"count": 3}


BUILTIN_STEPS = """
# Workflow Index: Demo

## Workflow: Demo_Builtins

**Description:** A file read and its words deduplicated, with Python's own functions.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `open(path, encoding="utf-8").read()` |
| **Implementation** | `Demo_Read_File` |
| **Key Parameters** | `path: str` - the saved page (e.g. "data/page.txt") |
| **Outputs** | `markup` |

### Step 2: Dedupe

| Attribute | Value |
|-----------|-------|
| **API Call** | `list(dict.fromkeys(words))` |
| **Implementation** | `Demo_Dedupe` |
| **Outputs** | `unique` |
"""

READ_FILE_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
with open("data/sample.txt", encoding="utf-8") as fp:
    markup = fp.read()
</syntaxhighlight>
"""

DEDUPE_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
words = markup.split()
unique = list(dict.fromkeys(words))
</syntaxhighlight>
"""


def test_a_step_whose_api_is_a_builtin_is_bound_and_a_closed_file_is_not_a_result(tmp_path):
    """Seen on an unseen BeautifulSoup wiki: `open(path).read()` and `list(dict.fromkeys(urls))` became stubs ("its
    call goes through no import"), a step handed on the file its with had closed, and the page's example path
    (shared by two workflows) won over the one this workflow's step names. A call of Python's own functions binds;
    a file a with opened is no result; the step's own `e.g. "data/page.txt"` is the default; the generated tests
    pass (a file config names that a test has not got is a skip, not a failure)."""
    pages = {"implementations/Demo_Read_File.md": READ_FILE_PAGE, "implementations/Demo_Dedupe.md": DEDUPE_PAGE}
    item = generated(tmp_path, {"_WorkflowIndex.md": BUILTIN_STEPS, **pages})
    read, dedupe = (s.binding for s in item.plan.steps)
    assert read.status == dedupe.status == "bound" and read.produces == ("markup",)
    # the documented key `path` (its "e.g." value) is the one the example's `open(...)` takes its file from
    assert [(p.name, ast.literal_eval(p.default or "")) for p in read.params if p.name in ("path", "file")] == [
        ("path", "data/page.txt")
    ]
    run_generated_tests(item, tmp_path / "lib")
    build_file_tree(item.output_dir / "data", {"page.txt": "a b a c b\n"})
    proc = run_workflow(item, tmp_path / "lib")
    assert "unique: list of 3" in proc.stdout + proc.stderr


CELLS = """
# Workflow Index: Demo

## Workflow: Demo_Cells

**Description:** Rows of a table, then the text of every cell: a header and records.

### Step 1: Rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtab.rows(n) -> list` |
| **External Dependencies** | `pkgtab` |
| **Key Parameters** | `n: int = 3` - how many rows |
| **Outputs** | `rows` |

### Step 2: Cell Text

| Attribute | Value |
|-----------|-------|
| **API Call** | `Cell.text(self, strip=False) -> str` |
| **External Dependencies** | `pkgtab` |
| **Implementation** | `Demo_Cell_Text` |
| **Outputs** | `header`: the first row's texts, `records`: the other rows' texts |
"""

CELL_TEXT_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgtab

rows = pkgtab.rows(3)
header = [cell.text(strip=True) for cell in rows[0].cells()]
records = [[cell.text(strip=True) for cell in row.cells()] for row in rows[1:]]
</syntaxhighlight>
"""

PKGTAB = """
class Cell:
    def __init__(self, value):
        self.value = value

    def text(self, strip=False):
        return self.value.strip() if strip else self.value


class Row:
    def __init__(self, n):
        self.n = n

    def cells(self):
        return [Cell(f" r{self.n}c{i} ") for i in range(2)]


def rows(n):
    return [Row(i) for i in range(n)]
"""


def test_a_method_called_on_what_a_loop_takes_from_an_artifact_binds_with_every_output_named(tmp_path):
    """Seen on an unseen BeautifulSoup wiki: `[cell.get_text(strip=True) for cell in rows[0].find_all("td")]` was a
    stub (the call goes through a loop variable, not an earlier step's object), and once bound only `header` was
    made although the step's Outputs name `records` too, which the example makes in the next statement."""
    build_file_tree(tmp_path / "lib", {"pkgtab/__init__.py": PKGTAB})
    item = generated(tmp_path, {"_WorkflowIndex.md": CELLS, "implementations/Demo_Cell_Text.md": CELL_TEXT_PAGE})
    text = item.plan.steps[1].binding
    assert text.status == "bound" and text.consumes == ("rows",) and text.produces == ("header", "records")
    proc = run_workflow(item, tmp_path / "lib")
    assert "header: list of 2" in proc.stdout + proc.stderr and "records: list of 2" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


CITED = """
# Workflow Index: Demo

## Workflow: Demo_Cited

**Description:** An expression parsed, then simplified: the second page's example builds its own expression.

### Step 1: Parse

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsym.parse(text) -> Expr` |
| **External Dependencies** | `pkgsym` |
| **Key Parameters** | `text: str = "x+y"` - the expression |
| **Outputs** | `expr` |

### Step 2: Simplify

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsym.simplify(e) -> Expr` |
| **External Dependencies** | `pkgsym` |
| **Implementation** | `Demo_Simplify` |
| **Inputs** | `Expr` from Step 1 |
| **Outputs** | `simple` |
"""

SIMPLIFY_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgsym

simple = pkgsym.simplify(pkgsym.parse("a+a"))
</syntaxhighlight>
"""

PKGSYM = """
def parse(text):
    return text.upper()


def simplify(e):
    return f"simple({e})"
"""


def test_a_step_takes_what_the_step_its_inputs_cite_made_not_its_examples_own_expression(tmp_path):
    """Seen on an unseen SymPy wiki: "Derivative `Expr` from Step 3" in Inputs, and an example simplifying its own
    `sin(x)**2 + cos(x)**2`: the step simplified the example's expression, never step 3's. The first expression
    the example builds as an argument gives way to what the cited step made (and the step does not read yet)."""
    build_file_tree(tmp_path / "lib", {"pkgsym/__init__.py": PKGSYM})
    item = generated(tmp_path, {"_WorkflowIndex.md": CITED, "implementations/Demo_Simplify.md": SIMPLIFY_PAGE})
    simplify = item.plan.steps[1].binding
    assert simplify.consumes == ("expr",) and "takes expr from step 1" in simplify.changes[0]
    proc = run_workflow(item, tmp_path / "lib")
    assert "simple: 'simple(X+Y)'" in proc.stdout + proc.stderr


INLINE = """
# Workflow Index: Demo

## Workflow: Demo_Inline

**Description:** A picture opened, then converted: the second page's example opens it again inside an expression.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpic.open(path) -> Picture` |
| **External Dependencies** | `pkgpic` |
| **Implementation** | `Demo_Open` |

### Step 2: Save Gray

| Attribute | Value |
|-----------|-------|
| **API Call** | `Picture.save(self, fp) -> None` |
| **External Dependencies** | `pkgpic` |
| **Implementation** | `Demo_Save_Gray` |
"""


def test_a_call_inside_an_expression_that_makes_an_earlier_result_again_takes_that_result(tmp_path):
    """Seen on an unseen Pillow wiki: `gray = Image.open(path).convert("L")` opened its own file (a new `path` key)
    instead of taking step 1's image; a whole statement doing so was already replaced, a call inside one was not."""
    build_file_tree(tmp_path / "lib", {"pkgpic/__init__.py": PKGPIC})
    pages = {
        "implementations/Demo_Open.md": CHAIN_PAGES["implementations/Demo_Open.md"],
        "implementations/Demo_Save_Gray.md": (
            'import pkgpic\n\ngray = pkgpic.open("photo.jpg").convert("L")\ngray.save("gray.txt")\n'
        ),
    }
    pages = example_pages(pages)
    item = generated(tmp_path, {"_WorkflowIndex.md": INLINE, **pages})
    save = item.plan.steps[1].binding
    assert save.consumes == ("im",) and "open(" not in save.body and "path" not in [p.name for p in save.params]
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "gray.txt").read_text(encoding="utf-8") == "open,convert L"


ASYNC_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Wait

**Description:** Wait, then answer.
**GitHub URL:** PENDING

### Step 1: Wait

| Attribute | Value |
|-----------|-------|
| **API Call** | `asyncio.sleep(delay)` |
| **Implementation** | Demo_Sleep |
| **External Dependencies** | `asyncio` |
| **Outputs** | `slept` |
"""

ASYNC_PAGE = """= Implementation: Demo_Sleep =

== Usage Examples ==
<syntaxhighlight lang="python">
import asyncio

slept = await asyncio.sleep(0.01, result="ok")
print(slept)
</syntaxhighlight>
"""


def test_an_asynchronous_example_runs_in_its_own_event_loop_and_imports_asyncio_once(tmp_path):
    """An example that awaits runs inside `asyncio.run`; when the example imports asyncio itself, the step imports
    it once (twice was ruff's F811 in the generated repository)."""
    item = generated(tmp_path, {"_WorkflowIndex.md": ASYNC_INDEX, "implementations/Demo_Sleep.md": ASYNC_PAGE})
    body = item.plan.steps[0].binding.body
    assert body.count("import asyncio") == 1 and "asyncio.run(_step())" in body
    assert ruff("check", "--no-cache", str(item.output_dir)).returncode == 0
    proc = run_workflow(item, tmp_path)
    assert "'ok'" in proc.stdout + proc.stderr


PKGPLOT = """
_state = {}


def curve(kind):
    return lambda xs: [x * x for x in xs]


def grid(start, stop, num):
    step = (stop - start) / (num - 1)
    return [start + i * step for i in range(num)]


def scale(xs, by):
    return [x * by for x in xs]


def plot(xs, ys):
    _state["lines"] = [list(xs), list(ys)]
    return ["line"]


def title(text):
    _state["title"] = text


def savefig(fname):
    with open(fname, "w", encoding="utf-8") as handle:
        handle.write(repr(_state))
"""

PLOT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Plot

**Description:** A curve sampled and saved as a figure.
**GitHub URL:** PENDING

### Step 1: Curve

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgplot.curve(kind)` |
| **Implementation** | Demo_Curve |
| **External Dependencies** | `pkgplot` |
| **Outputs** | `f` |

### Step 2: Sample

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgplot.grid(start: float, stop: float, num: int)`, then `f(xs)` |
| **Implementation** | Demo_Grid |
| **External Dependencies** | `pkgplot` |
| **Inputs** | The curve from Step 1 |
| **Outputs** | `xs`, `ys` |

### Step 3: Plot and Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgplot.plot(xs, ys)`, `pkgplot.savefig(fname)` |
| **Implementation** | Demo_Figure |
| **External Dependencies** | `pkgplot` |
| **Inputs** | `xs`, `ys` from Step 2 |
| **Outputs** | a figure file |
"""

PLOT_PAGES = {
    "implementations/Demo_Curve.md": 'import pkgplot\n\nf = pkgplot.curve("square")\n',
    "implementations/Demo_Grid.md": (
        'import pkgplot\n\ng = pkgplot.curve("square")\nxs = pkgplot.grid(-2.0, 2.0, 5)\nys = g(xs)\n'
    ),
    "implementations/Demo_Figure.md": (
        "import pkgplot\n\nxs = pkgplot.grid(0.0, 1.0, 3)\npkgplot.plot(xs, pkgplot.scale(xs, 2))\n"
        'pkgplot.title("demo")\nprint("plotted")\npkgplot.savefig("figures/plot.txt")\n'
    ),
}


def test_every_call_the_api_cell_lists_is_made_and_a_literal_argument_is_never_taken_for_cited_data(tmp_path):
    """Seen on an unseen SymPy+Matplotlib wiki: `plt.plot(xs, ys)`, `plt.savefig(path)` kept only plot, so the run
    saved no figure; the slice now reaches the last call the cell lists, with what comes between (the title), and
    the file's folder is made. And "from Step 1" in Inputs took the place of `-5.0`, a value, in `linspace`."""
    build_file_tree(tmp_path / "lib", {"pkgplot.py": PKGPLOT})
    pages = example_pages(PLOT_PAGES)
    item = generated(tmp_path, {"_WorkflowIndex.md": PLOT_INDEX, **pages})
    sample, figure = (step.binding for step in item.plan.steps[1:])
    assert "start" in [p.name for p in sample.params] and "grid(start, stop, num)" in sample.body
    assert "savefig(" in figure.body and "title(" in figure.body and "print(" not in figure.body
    run_workflow(item, tmp_path / "lib")
    saved = ast.literal_eval((item.output_dir / "figures" / "plot.txt").read_text(encoding="utf-8"))
    assert saved == {"lines": [[-2.0, -1.0, 0.0, 1.0, 2.0], [4.0, 1.0, 0.0, 1.0, 4.0]], "title": "demo"}
    run_generated_tests(item, tmp_path / "lib")


SAVE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Save

**Description:** A figure saved where this workflow says.
**GitHub URL:** PENDING

### Step 1: Sample

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgplot.grid(start, stop, num)` |
| **External Dependencies** | `pkgplot` |
| **Key Parameters** | `start: float = 0.0` - from, `stop: float = 1.0` - to, `num: int = 3` - points |
| **Outputs** | `xs` |

### Step 2: Save Mask

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgplot.savefig(fname)` |
| **Implementation** | Demo_Save_Shared |
| **External Dependencies** | `pkgplot` |
| **Outputs** | Mask written to disk (e.g. `out/mask.png`) |
"""


def test_a_written_file_is_the_one_the_steps_outputs_name_not_the_shared_pages_example(tmp_path):
    """Seen on an unseen Pillow wiki: the save page, shared with a thumbnail workflow, saves
    `out/thumbs/photo_thumb.jpg`; the statistics workflow's step says it writes `out/mask.png`, and its mask was
    saved as the thumbnail's JPEG. The Outputs' one file wins for a key the step writes, whatever its extension."""
    build_file_tree(tmp_path / "lib", {"pkgplot.py": PKGPLOT})
    page = 'import pkgplot\n\npkgplot.savefig("out/thumbs/photo_thumb.jpg")\n'
    page = f'== Usage Examples ==\n<syntaxhighlight lang="python">\n{page}</syntaxhighlight>\n'
    item = generated(tmp_path, {"_WorkflowIndex.md": SAVE_INDEX, "implementations/Demo_Save_Shared.md": page})
    (key,) = [p for p in item.plan.steps[1].binding.params if p.writes]
    assert key.default == "'out/mask.png'"
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "out" / "mask.png").is_file() and not (item.output_dir / "out" / "thumbs").exists()


def test_a_written_file_keeps_the_examples_folder_and_is_gitignored(tmp_path):
    """Seen on an unseen pandas wiki: the example writes `out/sales_clean.parquet`, the Outputs cell names
    `sales_clean.parquet` alone, and the key lost its folder. The file goes in the example's folder; what the steps
    write is listed in .gitignore, so a run leaves `git status` clean (`git add .` would have committed it)."""
    build_file_tree(tmp_path / "lib", {"pkgplot.py": PKGPLOT})
    page = 'import pkgplot\n\npkgplot.savefig("out/figures/mask.png")\n'
    page = f'== Usage Examples ==\n<syntaxhighlight lang="python">\n{page}</syntaxhighlight>\n'
    index = SAVE_INDEX.replace("(e.g. `out/mask.png`)", "`mask.png`")
    item = generated(tmp_path, {"_WorkflowIndex.md": index, "implementations/Demo_Save_Shared.md": page})
    (key,) = [p for p in item.plan.steps[1].binding.params if p.writes]
    assert key.default == "'out/figures/mask.png'"
    ignored = (item.output_dir / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ignored[-1] == "/out/figures/mask.png" and ignored[-3] == ".genrepo/", ignored
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=item.output_dir, check=True)
    subprocess.run([*git, "add", "."], cwd=item.output_dir, check=True)
    subprocess.run([*git, "commit", "-qm", "generated"], cwd=item.output_dir, check=True)
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "out" / "figures" / "mask.png").is_file()
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=item.output_dir,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == "", status.stdout


METHOD_ON_RESULT = """
# Workflow Index: Demo

## Workflow: Demo_Gray

**Description:** A picture opened, converted to gray, saved.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpic.open(path) -> Picture` |
| **External Dependencies** | `pkgpic` |
| **Implementation** | `Demo_Open` |

### Step 2: Gray

| Attribute | Value |
|-----------|-------|
| **API Call** | `Picture.convert(self, mode) -> Picture` |
| **External Dependencies** | `pkgpic` |
| **Implementation** | `Demo_Gray` |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `Picture.save(self, fp) -> None` |
| **External Dependencies** | `pkgpic` |
| **Implementation** | `Demo_Save` |
"""


def test_a_method_called_on_what_a_call_returns_is_the_steps_api_call(tmp_path):
    """Seen on an unseen Pillow wiki: the page's only example is `gray = Image.open(path).convert("L")`; the
    convert call has no dotted name (its receiver is a call), so the step found no use of its API in it and
    became a stub. It binds now, to the earlier step's image."""
    build_file_tree(tmp_path / "lib", {"pkgpic/__init__.py": PKGPIC})
    pages = {
        "implementations/Demo_Open.md": CHAIN_PAGES["implementations/Demo_Open.md"],
        "implementations/Demo_Gray.md": 'import pkgpic\n\ngray = pkgpic.open("photo.jpg").convert("L")\n',
        "implementations/Demo_Save.md": CHAIN_PAGES["implementations/Demo_Save.md"],
    }
    pages = example_pages(pages)
    item = generated(tmp_path, {"_WorkflowIndex.md": METHOD_ON_RESULT, **pages})
    gray = item.plan.steps[1].binding
    assert gray.status == "bound" and gray.consumes == ("im",) and ".convert(mode)" in gray.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "out.txt").read_text(encoding="utf-8") == "open,convert L"


PKGLEARN = """
class Model:
    def fit(self, xs, ys):
        self.mapping = dict(zip(xs, ys))
        return self

    def predict(self, xs):
        return [self.mapping.get(x, 0) for x in xs]


class Table(dict):
    def copy(self):
        return Table(self)

    def save(self, path):
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(repr(dict(sorted(self.items()))))


def load(path):
    return Table({"x": [1, 2, 3], "y": [0, 1, 1]})


def train(table):
    return Model().fit(table["x"], table["y"])


def cluster(table):
    return [x % 2 for x in table["x"]]


def report(y_true, y_pred, digits=2, output_dict=False):
    accuracy = sum(a == b for a, b in zip(y_true, y_pred)) / len(y_true)
    return {"accuracy": accuracy} if output_dict else f"accuracy {accuracy:.{digits}f}"
"""

LEARN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Learn

**Description:** A table loaded, a model trained and evaluated, clusters written beside the rows.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglearn.load(path)` |
| **External Dependencies** | `pkglearn` |
| **Implementation** | `Demo_Load` |
| **Outputs** | `table` |

### Step 2: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglearn.train(table)` |
| **External Dependencies** | `pkglearn` |
| **Implementation** | `Demo_Train` |
| **Outputs** | `model` |

### Step 3: Cluster

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglearn.cluster(table)` |
| **External Dependencies** | `pkglearn` |
| **Implementation** | `Demo_Cluster` |
| **Outputs** | `labels` |

### Step 4: Evaluate

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglearn.report(y_true, y_pred, digits: int = 2, output_dict: bool = False) -> str \\| dict` |
| **External Dependencies** | `pkglearn` |
| **Implementation** | `Demo_Report` |
| **Key Parameters** | `y_pred: array-like` - predicted labels from `model.predict(xs)`, `digits: int` - decimals |
| **Inputs** | model from Step 2, table from Step 1 |
| **Outputs** | Predictions `y_pred`, the accuracy report (printed) |

### Step 5: Export

| Attribute | Value |
|-----------|-------|
| **API Call** | `Table.save(self, path)` |
| **External Dependencies** | `pkglearn` |
| **Implementation** | `Demo_Export` |
| **Inputs** | table from Step 1, labels from Step 3 |
| **Outputs** | `out/labels.txt` (the rows plus a `cluster` column) |
"""

LEARN_PAGES = {
    "implementations/Demo_Load.md": ['import pkglearn\n\ntable = pkglearn.load("data.csv")\n'],
    "implementations/Demo_Train.md": ["import pkglearn\n\nmodel = pkglearn.train(table)\n"],
    "implementations/Demo_Cluster.md": ["import pkglearn\n\nlabels = pkglearn.cluster(table)\n"],
    "implementations/Demo_Report.md": [
        'import pkglearn\n\ny_pred = model.predict(table["x"])\nprint(pkglearn.report(table["y"], y_pred, digits=3))\n',
        'import pkglearn\n\nreport = pkglearn.report(table["y"], y_pred, output_dict=True)\n',
    ],
    "implementations/Demo_Export.md": [
        'result = table.copy()\nresult["cluster"] = labels\nresult.save("out/labels.txt")\n',
        'import pkglearn\n\npkglearn.Table({"cluster": labels}).save("out/labels.txt")\n',
    ],
}


def test_an_example_that_makes_what_the_step_needs_beats_one_asking_for_an_object_through_config(tmp_path):
    """Seen on an unseen scikit-learn wiki. The report step's shorter example reads `y_pred` it never makes, and
    `y_pred: array-like` in Key Parameters made it a required config key (no TOML value is a prediction): the
    example that predicts wins now, and the report's result no longer takes the name `y_pred`. The export step's
    shorter example wrote the labels alone; the one that works on the table the Inputs cite wins, with the
    assignment that fills its new column (`result["cluster"] = labels`)."""
    build_file_tree(tmp_path / "lib", {"pkglearn.py": PKGLEARN})
    pages = example_pages(LEARN_PAGES)
    item = generated(tmp_path, {"_WorkflowIndex.md": LEARN_INDEX, **pages})
    evaluate, export = (step.binding for step in item.plan.steps[3:])
    assert "model.predict(" in evaluate.body and "y_pred" not in [p.name for p in evaluate.params]
    assert "y_pred = pkglearn.report(" not in evaluate.body
    assert set(export.consumes) == {"table", "labels"} and "result['cluster'] = labels" in export.body.replace('"', "'")
    proc = run_workflow(item, tmp_path / "lib")
    assert "accuracy 1.000" in proc.stdout + proc.stderr
    saved = ast.literal_eval((item.output_dir / "out" / "labels.txt").read_text(encoding="utf-8"))
    assert saved == {"cluster": [1, 0, 1], "x": [1, 2, 3], "y": [0, 1, 1]}
    run_generated_tests(item, tmp_path / "lib")


PKGFRAME = """
import sys


def load(path):
    return {"k": ["x", "x", "y"], "a": [1, 1, None]}


def dedupe(table):
    rows = []
    for row in zip(*table.values()):
        if row not in rows:
            rows.append(row)
    return {k: [row[n] for row in rows] for n, k in enumerate(table)}


def group(table, key):
    found = {"fallback": 0}
    for n, value in enumerate(table[key]):
        found.setdefault(value, []).append(n)
    return found


def fill(table, value):
    return {k: [value if v is None else v for v in values] for k, values in table.items()}


def query(table, expr):
    column, _, ref = expr.split()
    bound = sys._getframe(1).f_locals[ref[1:]] if ref.startswith("@") else float(ref)
    keep = [n for n, v in enumerate(table[column]) if v is not None and v >= bound]
    return {k: [values[n] for n in keep] for k, values in table.items()}


def save(table, path, fmt="%s"):
    fmts = fmt if isinstance(fmt, list) else [fmt] * len(table)
    with open(path, "w", encoding="utf-8") as handle:
        for row in zip(*table.values()):
            handle.write(" ".join(f % v for f, v in zip(fmts, row)) + "\\n")


class Style:
    def __init__(self, bold=False):
        self.bold = bold

    def __repr__(self):
        return f"Style(bold={self.bold})"


class Book:
    def __init__(self, path):
        self.path, self.style = path, None

    def save(self):
        with open(self.path + ".style", "w", encoding="utf-8") as handle:
            handle.write(repr(self.style))


def open_book(path):
    return Book(path)
"""

CLEAN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Clean

**Description:** A table loaded, cleaned, grouped.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgframe.load(path)` |
| **External Dependencies** | `pkgframe` |
| **Implementation** | `Demo_Load` |
| **Outputs** | `table` |

### Step 2: Clean

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgframe.dedupe(table)`; `pkgframe.fill(table, value)` |
| **External Dependencies** | `pkgframe` |
| **Implementation** | `Demo_Clean` |
| **Inputs** | `table` from Step 1 |
| **Outputs** | The cleaned `table`, with a `width` column |

### Step 3: Group

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgframe.group(table, key)` |
| **External Dependencies** | `pkgframe` |
| **Implementation** | `Demo_Group` |
| **Outputs** | `groups` |
"""

CLEAN_PAGES = {
    "implementations/Demo_Load.md": 'import pkgframe\n\ntable = pkgframe.load("data.csv")\nsize = len(table)\n',
    "implementations/Demo_Clean.md": (
        "import pkgframe\n\ntable = pkgframe.dedupe(table)\n"
        'table = pkgframe.fill(table, pkgframe.group(table, "k")["fallback"])\n'
        'table["width"] = [len(str(a)) for a in table["a"]]\n'
    ),
    "implementations/Demo_Group.md": 'import pkgframe\n\ngroups = pkgframe.group(table, "k")\n',
}


def test_a_step_keeps_every_statement_of_its_own_work_up_to_and_after_its_last_cited_call(tmp_path):
    """Seen on an unseen pandas wiki: the cleaning step's `fillna(orders.groupby(...)...)` holds the next step's
    API (groupby), so the slice stopped before it; the fills and the derived columns after them were lost, and the
    next step failed on a missing column. A statement calling what the step cites is the step's own; the slice goes
    on past the last cited call to what reads its result. And `len(str(a))` inside it was replaced by step 1's
    `size = len(table)`: a builtin call is never "the same thing made again"."""
    build_file_tree(tmp_path / "lib", {"pkgframe.py": PKGFRAME})
    item = generated(tmp_path, {"_WorkflowIndex.md": CLEAN_INDEX, **example_pages(CLEAN_PAGES)})
    clean = item.plan.steps[1].binding
    assert "pkgframe.fill(" in clean.body and "len(str(a))" in clean.body and "size" not in clean.consumes
    proc = run_workflow(item, tmp_path / "lib", "-v")
    assert "3 step(s) ran" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


REPORT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Report

**Description:** Rows kept by a threshold, saved, the file styled.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgframe.load(path)` |
| **External Dependencies** | `pkgframe` |
| **Implementation** | `Demo_Load` |
| **Outputs** | `table` |

### Step 2: Keep

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgframe.query(table, expr)` |
| **External Dependencies** | `pkgframe` |
| **Implementation** | `Demo_Keep` |
| **Key Parameters** | `expr: str` - condition, variables via @ (e.g. "a >= @low") |
| **Outputs** | `kept` |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgframe.save(table, path: str, fmt: str = "%s") -> None` |
| **External Dependencies** | `pkgframe` |
| **Implementation** | `Demo_Save_Table` |
| **Key Parameters** | `fmt: str` - one format per column (e.g. ["%s", "%d"]) |
| **Outputs** | `out/kept.txt` |

### Step 4: Style

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgframe.open_book(path)`; `pkgframe.Style(bold)` |
| **External Dependencies** | `pkgframe` |
| **Implementation** | `Demo_Style` |
| **Outputs** | `out/kept.txt` styled in place |
"""

REPORT_PAGES = {
    "implementations/Demo_Load.md": 'import pkgframe\n\ntable = pkgframe.load("data.csv")\n',
    "implementations/Demo_Keep.md": 'import pkgframe\n\nlow = 1\nkept = pkgframe.query(table, "a >= @low")\n',
    "implementations/Demo_Save_Table.md": 'import pkgframe\n\npkgframe.save(kept, "out/kept.txt", fmt=["%s", "%d"])\n',
    "implementations/Demo_Style.md": [
        'import pkgframe\n\nbook = pkgframe.open_book("out/kept.txt")\nbook.style = pkgframe.Style(bold=True)\nbook.save()\n',
        'import pkgframe\n\nbook = pkgframe.open_book("out/kept.txt")\nprint(book.style)\n',
    ],
}


def test_query_variables_type_clashes_and_the_example_doing_the_cited_work(tmp_path):
    """Seen on unseen pandas and SciPy wikis. `df.query("x >= @low")` with `low = 150` before it: the string was
    lifted into a key and `low` dropped ("local variable 'low' is not defined"); now the string stays and `low`
    is the key. `fmt: str` with the example's list default failed the runtime's own type check; the default's
    type wins. A page whose shorter example only reads the workbook back won over the one styling it with the
    calls the step cites; covering the cited calls now counts first."""
    build_file_tree(tmp_path / "lib", {"pkgframe.py": PKGFRAME})
    item = generated(tmp_path, {"_WorkflowIndex.md": REPORT_INDEX, **example_pages(REPORT_PAGES)})
    keep, save, style = (step.binding for step in item.plan.steps[1:])
    assert '"a >= @low"' in keep.body.replace("'", '"') and [p.name for p in keep.params if p.name == "low"] == ["low"]
    assert [p.type for p in save.params if p.name == "fmt"] == ["list | str"]  # either checks
    assert "Style(" in style.body and "book.save()" in style.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "out" / "kept.txt").read_text(encoding="utf-8") == "x 1\nx 1\n"
    assert (item.output_dir / "out" / "kept.txt.style").read_text(encoding="utf-8") == "Style(bold=True)"
    run_generated_tests(item, tmp_path / "lib")


PKGSIG = """
def load(file):
    return [0.0, 1.0, 0.0, -1.0, 0.0, 1.0, 0.0, -1.0]


def smooth(x):
    return [(a + b) / 2 for a, b in zip(x, x[1:] + x[-1:])]


def spectrum(x, fs):
    half = len(x) // 2
    return [fs * k / len(x) for k in range(half)], [abs(sum(x[k::half])) + k for k in range(half)]


def area(y, x):
    return float(sum(y))
"""

SIG_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Signal

**Description:** A signal loaded, smoothed, its spectrum banded and reported.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsig.load(file)` |
| **External Dependencies** | `pkgsig` |
| **Implementation** | `Demo_Load_Signal` |
| **Key Parameters** | `file: str` - the samples, `fs: float` - sampling rate (e.g. 100.0) |
| **Outputs** | samples `x`, sampling rate `fs` |

### Step 2: Smooth

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsig.smooth(x)` |
| **External Dependencies** | `pkgsig` |
| **Implementation** | `Demo_Smooth` |
| **Outputs** | `x_smooth` |

### Step 3: Spectrum

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsig.spectrum(x, fs)` |
| **External Dependencies** | `pkgsig` |
| **Implementation** | `Demo_Spectrum` |
| **Inputs** | Smoothed signal `x_smooth` from Step 2, `fs` from Step 1 |
| **Outputs** | `f`, `P`, and `results/spectrum.txt` |

### Step 4: Bands

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsig.area(y, x)` |
| **External Dependencies** | `pkgsig` |
| **Implementation** | `Demo_Bands` |
| **Key Parameters** | `bands: dict` - named (low, high) bands (e.g. {"low": [0.0, 30.0]}) |
| **Inputs** | `f` and `P` from Step 3 |
| **Outputs** | band `powers`, `relative` powers |

### Step 5: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `json.dump(obj, fp)` |
| **Implementation** | `Demo_Report_Json` |
| **Inputs** | band powers from Step 4, `fs` from Step 1 |
| **Outputs** | `results/report.json` |
"""

SIG_PAGES = {
    "implementations/Demo_Load_Signal.md": 'import pkgsig\n\nfs = 100.0\nx = pkgsig.load("data/s.npy")\n',
    "implementations/Demo_Smooth.md": "import pkgsig\n\nx_smooth = pkgsig.smooth(x)\n",
    "implementations/Demo_Spectrum.md": [
        'from pathlib import Path\nimport pkgsig\n\nx = pkgsig.load("data/s.npy")\nx = pkgsig.smooth(x)\n'
        "f, P = pkgsig.spectrum(x, fs=fs)\n",
        'from pathlib import Path\nimport pkgsig\n\nout = Path("results/spectrum.txt")\n'
        "out.parent.mkdir(parents=True, exist_ok=True)\nf, P = pkgsig.spectrum(x_smooth, fs=fs)\n"
        "out.write_text(repr(P))\n",
    ],
    "implementations/Demo_Bands.md": (
        'import pkgsig\n\nbands = {"low": (0.0, 30.0)}\ntotal = pkgsig.area(P, f)\npowers = {}\n'
        "for name, (lo, hi) in bands.items():\n"
        "    powers[name] = pkgsig.area([p for p, q in zip(P, f) if lo <= q <= hi], f)\n"
        "relative = {k: v / total for k, v in powers.items()}\n"
    ),
    "implementations/Demo_Report_Json.md": [
        'import json\nfrom pathlib import Path\n\nreport = {"fs": fs, "powers": powers}\n'
        'Path("results/report.json").write_text(json.dumps(report))\n',
        'import json\nfrom pathlib import Path\n\nout = Path("results/report.json")\nwith out.open("w") as fh:\n'
        "    json.dump(report, fh)\n",
    ],
}


def test_a_signal_workflow_hands_values_on_keeps_accumulators_and_takes_what_its_inputs_cite(tmp_path):
    """Seen on an unseen SciPy wiki; each assertion is one failure class.
    - step 1's Outputs name `fs`, which its example sets as a literal: now a key of step 1 handed on, not a key
      every later step asks for again;
    - a "full pipeline" example (load, smooth, spectrum of its own `x`) lost to the one reading the `x_smooth` the
      Inputs cite; before, it won and took step 1's raw x;
    - `powers = {}` filled in a loop is kept in the code (was a config key) with the loop that fills it;
    - the report dict built in the page's other example comes along (was a config key no one could fill);
    - step 5's own `out = Path("results/report.json")` is not step 3's `out` (it overwrote spectrum.txt)."""
    build_file_tree(tmp_path / "lib", {"pkgsig.py": PKGSIG})
    item = generated(tmp_path, {"_WorkflowIndex.md": SIG_INDEX, **example_pages(SIG_PAGES)})
    load, _, spectrum, bands, report = (step.binding for step in item.plan.steps)
    assert "fs" in load.produces and "fs" in spectrum.consumes and "fs" not in [p.name for p in spectrum.params]
    assert "x_smooth" in spectrum.consumes and "x" not in spectrum.consumes
    assert "powers = {}" in bands.body and "powers" not in [p.name for p in bands.params]
    assert "report = {" in report.body and "report" not in [p.name for p in report.params]
    assert "out" not in report.consumes
    run_workflow(item, tmp_path / "lib")
    written = json.loads((item.output_dir / "results" / "report.json").read_text(encoding="utf-8"))
    assert written["fs"] == 100.0 and set(written["powers"]) == {"low"}
    assert (item.output_dir / "results" / "spectrum.txt").read_text(encoding="utf-8").startswith("[")
    run_generated_tests(item, tmp_path / "lib")


STUDIO = """
# Workflow Index: Demo

## Workflow: Demo_Studio

**Description:** A picture shrunk inside a session the example opens with `with`.

### Step 1: Shrink

| Attribute | Value |
|-----------|-------|
| **API Call** | `Studio.shrink(self, size: int, mode: Mode = Mode.FAST) -> str` |
| **External Dependencies** | `pkgenum` |
| **Implementation** | `Demo_Studio_Shrink` |
| **Key Parameters** | `mode: Mode` - the resampling mode (Mode.FAST, Mode.SLOW) |
| **Outputs** | `shrunk` |
"""


def test_an_enum_member_is_looked_up_where_its_receiver_exists(tmp_path):
    """Seen on an unseen SQLAlchemy wiki: `execution_options = member(session.scalars, ...)` was put before `with
    Session(engine) as session:`, so every run failed (UnboundLocalError). The lookup goes right before the
    statement holding the call, inside the with."""
    build_file_tree(tmp_path / "lib", {"pkgenum/__init__.py": PKGENUM})
    page = 'import pkgenum\n\nwith pkgenum.Studio("a.pic") as studio:\n    shrunk = studio.shrink(4)\n'
    item = generated(
        tmp_path, {"_WorkflowIndex.md": STUDIO, **example_pages({"implementations/Demo_Studio_Shrink.md": page})}
    )
    lines = item.plan.steps[0].binding.body.replace("'", '"').split("\n")
    lookup = next(n for n, line in enumerate(lines) if "argument(studio.shrink" in line)
    assert lines[lookup].startswith("    ") and lookup > next(
        n for n, line in enumerate(lines) if line.startswith("with ")
    )
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.mode=SLOW")
    assert "4:SLOW" in proc.stdout + proc.stderr


def test_an_enum_member_an_example_passes_through_its_module_is_a_key_set_by_name(tmp_path):
    """`studio.shrink(4, mode=pkgenum.Mode.FAST)`: only `Mode.FAST` was recognised as a member, so the mode stayed
    fixed in the code. Now `pkgenum.Mode[mode]` with `mode = "FAST"` in config.toml."""
    build_file_tree(tmp_path / "lib", {"pkgenum/__init__.py": PKGENUM})
    page = 'import pkgenum\n\nwith pkgenum.Studio("a.pic") as studio:\n    shrunk = studio.shrink(4, mode=pkgenum.Mode.FAST)\n'
    item = generated(
        tmp_path, {"_WorkflowIndex.md": STUDIO, **example_pages({"implementations/Demo_Studio_Shrink.md": page})}
    )
    binding = item.plan.steps[0].binding
    assert "pkgenum.Mode[mode]" in binding.body and [p.default for p in binding.params if p.name == "mode"] == [
        "'FAST'"
    ]
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.mode=SLOW")
    assert "4:SLOW" in proc.stdout + proc.stderr


PKGLAZY = """
class Frame:
    def __init__(self, rows, log=()):
        self.rows, self.log = rows, tuple(log)

    def filter(self, *predicates):
        return Frame([r for r in self.rows if all(p(r) for p in predicates)], (*self.log, "filter"))

    def with_columns(self, **named):
        return Frame([{**r, **{k: f(r) for k, f in named.items()}} for r in self.rows], (*self.log, "with_columns"))

    def group_by(self, *by, maintain_order=False):
        if not isinstance(maintain_order, bool):
            raise TypeError(f"maintain_order must be a bool, not {maintain_order!r}")
        return Grouped(self, by)

    def write(self, path):
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(repr((self.log, self.rows)))


class Grouped:
    def __init__(self, frame, by):
        self.frame, self.by = frame, by

    def agg(self, **sums):
        keys = sorted({tuple(r[b] for b in self.by) for r in self.frame.rows})
        rows = [
            {**dict(zip(self.by, key)), **{name: sum(r[col] for r in self.frame.rows if tuple(r[b] for b in self.by) == key)
                                           for name, col in sums.items()}}
            for key in keys
        ]
        return Frame(rows, (*self.frame.log, "group_by"))


def scan(path):
    return Frame([{"zone": "a", "km": 1}, {"zone": "a", "km": 3}, {"zone": "b", "km": 0}], ("scan",))


def table(data):
    return Frame([dict(zip(data, values)) for values in zip(*data.values())], ("table",))


def above(column, limit):
    return lambda row: row[column] > limit


def times(column, factor):
    return lambda row: row[column] * factor
"""

LAZY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Lazy

**Description:** Trips scanned, filtered, derived, grouped and written, each page written as the whole pipeline.

### Step 1: Scan

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglazy.scan(path)` |
| **External Dependencies** | `pkglazy` |
| **Implementation** | `Demo_Scan` |
| **Outputs** | `trips` |

### Step 2: Filter

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.filter(*predicates) -> Frame` |
| **External Dependencies** | `pkglazy` |
| **Implementation** | `Demo_Filter` |
| **Inputs** | Frame from Step 1 |

### Step 3: Derive

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.with_columns(**named) -> Frame` |
| **External Dependencies** | `pkglazy` |
| **Implementation** | `Demo_Derive` |
| **Inputs** | Filtered Frame from Step 2 |

### Step 4: Group

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.group_by(*by, maintain_order: bool = False) -> Grouped` |
| **External Dependencies** | `pkglazy` |
| **Implementation** | `Demo_Group_By` |
| **Inputs** | Derived Frame from Step 3 |

### Step 5: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.write(self, path)` |
| **External Dependencies** | `pkglazy` |
| **Implementation** | `Demo_Write` |
| **Inputs** | Grouped Frame from Step 4 |
| **Outputs** | `out/summary.txt` |
"""

LAZY_PAGES = {
    "implementations/Demo_Scan.md": 'import pkglazy\n\ntrips = pkglazy.scan("data/trips.csv")\n',
    "implementations/Demo_Filter.md": (
        'import pkglazy\n\nkept = pkglazy.scan("data/trips.csv").filter(pkglazy.above("km", 0))\n'
    ),
    "implementations/Demo_Derive.md": (
        'import pkglazy\n\nderived = pkglazy.scan("data/trips.csv").filter(pkglazy.above("km", 0))'
        '.with_columns(double=pkglazy.times("km", 2))\n'
    ),
    "implementations/Demo_Group_By.md": (
        'import pkglazy\n\nsummary = pkglazy.scan("data/trips.csv").filter(pkglazy.above("km", 0))'
        '.with_columns(double=pkglazy.times("km", 2)).group_by("zone").agg(total="double")\n'
    ),
    "implementations/Demo_Write.md": (
        'import pkglazy\n\nresult = pkglazy.table({"zone": ["x"], "total": [9]})\nresult.write("out/summary.txt")\n'
    ),
}


def test_a_pipeline_written_whole_on_every_page_is_cut_into_its_steps(tmp_path):
    """Seen on an unseen Polars wiki, where every page's example is the whole lazy pipeline from `pl.scan_csv` on:
    - the filter's predicate was replaced by step 1's frame ("invalid predicate"): a method's object is the data;
    - `scan("data/trips.csv")` again, the file step 1 scanned, is step 1's frame (a data file was always "other
      data");
    - a chain replaying earlier steps before this step's call starts from the latest of their results;
    - `group_by("zone")` put "zone" into `maintain_order`: parameters after `*by` are keyword-only;
    - the write step wrote the example's sample table, not what step 4 made, as its Inputs say."""
    build_file_tree(tmp_path / "lib", {"pkglazy.py": PKGLAZY})
    item = generated(tmp_path, {"_WorkflowIndex.md": LAZY_INDEX, **example_pages(LAZY_PAGES)})
    _, filtered, derive, group, write = (step.binding for step in item.plan.steps)
    assert filtered.consumes == ("trips",) and "above(" in filtered.body
    assert derive.consumes == ("kept",) and group.consumes == ("derived",) and write.consumes == ("summary",)
    assert "maintain_order" not in [p.name for p in group.params]
    (item.output_dir / "out").mkdir()
    run_workflow(item, tmp_path / "lib")
    log, rows = ast.literal_eval((item.output_dir / "out" / "summary.txt").read_text(encoding="utf-8"))
    assert log == ("scan", "filter", "with_columns", "group_by") and rows == [{"zone": "a", "total": 8}]
    run_generated_tests(item, tmp_path / "lib")


ONLY = """
# Workflow Index: Demo

## Workflow: Demo_Only

**Description:** Parameters that go only by position, and only by keyword.

### Step 1: Tag

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgonly.tag(name, upper)` |
| **External Dependencies** | `pkgonly` |
| **Key Parameters** | `name: str = "item"` - what to tag; `upper: bool = True` - capitals |
| **Implementation** | `Demo_Tag` |
| **Outputs** | `tagged` |
"""

TAG_PAGE = """== Import ==
<syntaxhighlight lang="python">
import pkgonly
</syntaxhighlight>

== Signature ==
<syntaxhighlight lang="python">
def tag(name: str, /, *, upper: bool, prefix: str = "#") -> str
</syntaxhighlight>
"""


def test_a_positional_only_parameter_is_passed_by_position_and_a_keyword_only_one_by_keyword(tmp_path):
    """`def tag(name, /, *, upper, ...)`: `name` cannot be passed as `name=` (TypeError: positional-only argument
    passed as keyword) and `upper` cannot be passed by position; the step calls it as the signature allows."""
    library = "def tag(name, /, *, upper, prefix='#'):\n    return prefix + (name.upper() if upper else name)\n"
    build_file_tree(tmp_path / "lib", {"pkgonly/__init__.py": library})
    item = generated(tmp_path, {"_WorkflowIndex.md": ONLY, "implementations/Demo_Tag.md": TAG_PAGE})
    module = next((item.output_dir / "src").rglob("step_01_*.py")).read_text()
    assert "pkgonly.tag(name, upper=upper)" in module
    proc = run_workflow(item, tmp_path / "lib")
    assert "tagged: '#ITEM'" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


QUEUE = """
# Workflow Index: Demo

## Workflow: Demo_Queue

**Description:** A queue drained in a loop.

### Step 1: Drain

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgq.weigh(item)` |
| **External Dependencies** | `pkgq`, `collections` |
| **Implementation** | `Demo_Weigh` |
| **Outputs** | `total` |
"""


def test_a_loop_that_drains_a_queue_ends_in_the_generated_tests(tmp_path):
    """`while queue: queue.popleft()` with collections faked by the generated tests: a recorder is true until it
    has been tested many times, so the loop ends (it once ran until memory ran out); the run drains the real
    queue."""
    code = (
        "from collections import deque\nimport pkgq\n\nqueue = deque([1, 2, 3])\ntotal = 0\n"
        "while queue:\n    total += pkgq.weigh(queue.popleft())\nprint(total)\n"
    )
    build_file_tree(tmp_path / "lib", {"pkgq/__init__.py": "def weigh(item):\n    return item * 10\n"})
    item = generated(tmp_path, {"_WorkflowIndex.md": QUEUE, **example_pages({"implementations/Demo_Weigh.md": code})})
    module = next((item.output_dir / "src").rglob("step_01_*.py")).read_text()
    assert "while queue:" in module
    proc = run_workflow(item, tmp_path / "lib")
    assert "total: 60" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


LOADS = """
# Workflow Index: Demo

## Workflow: Demo_Loads

**Description:** A model whose weights a method loads in place.

### Step 1: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgst.Model()` |
| **External Dependencies** | `pkgst` |
| **Outputs** | `model` |

### Step 2: Load Weights

| Attribute | Value |
|-----------|-------|
| **API Call** | `Model.load_state(state) -> Keys` |
| **Implementation** | `Demo_Load` |
| **Outputs** | `model` with its weights loaded |

### Step 3: Predict

| Attribute | Value |
|-----------|-------|
| **API Call** | `Model.predict(x)` |
| **Implementation** | `Demo_Predict` |
| **Outputs** | `prediction` |
"""

PKGST = """
class Keys:
    def __init__(self, missing):
        self.missing = missing


class Model:
    def __init__(self):
        self.weight = 0

    def load_state(self, state):
        self.weight = state["weight"]
        return Keys([])

    def predict(self, x):
        return self.weight * x
"""


def test_a_method_that_changes_its_object_in_place_hands_the_object_on_not_its_result(tmp_path):
    """`model.load_state(state)` returns what it matched, not the model: the step keeps `model` (the wiki's
    output) and the next step predicts with the loaded weights (it once got the Keys object as `model`)."""
    pages = example_pages(
        {
            "implementations/Demo_Load.md": 'import pkgst\n\nmodel = pkgst.Model()\nmodel.load_state({"weight": 3})\n',
            "implementations/Demo_Predict.md": "prediction = model.predict(5)\nprint(prediction)\n",
        }
    )
    build_file_tree(tmp_path / "lib", {"pkgst/__init__.py": PKGST})
    item = generated(tmp_path, {"_WorkflowIndex.md": LOADS, **pages})
    module = next((item.output_dir / "src").rglob("step_02_*.py")).read_text()
    assert (
        "model = model.load_state" not in module
        and 'return {"load_state_result": load_state_result, "model": model}' in module
    )
    proc = run_workflow(item, tmp_path / "lib")
    assert "prediction: 15" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


EPOCHS = """
# Workflow Index: Demo

## Workflow: Demo_Epochs

**Description:** Train over every batch, for several epochs.

### Step 1: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgloop.Model()` |
| **External Dependencies** | `pkgloop` |
| **Outputs** | `model` |

### Step 2: Batches

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgloop.batches(items, size)` |
| **Implementation** | `Demo_Batches` |
| **Outputs** | `loader` |

### Step 3: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgloop.train_step(model, batch)` |
| **Implementation** | `Demo_Train` |
| **Inputs** | `model` from Step 1, `loader` from Step 2 |
| **Outputs** | `model` trained |

### Step 4: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgloop.report(model)` |
| **External Dependencies** | `pkgloop` |
| **Outputs** | `seen` |
"""

PKGLOOP = """
class Model:
    def __init__(self):
        self.seen = 0


def batches(items, size):
    return [items[i : i + size] for i in range(0, len(items), size)]


def train_step(model, batch):
    model.seen += sum(batch)
    return float(sum(batch))


def report(model):
    return model.seen
"""


def test_a_training_loop_over_batches_and_epochs_is_kept_whole(tmp_path):
    """`for epoch in range(epochs): for xb in loader: train_step(model, xb)`: the step runs the loops (its body
    alone once asked for one batch `xb` through config and trained on it once); a loop over values written out
    (`for size in [2, 4]:`) still gives its body, with one value to set."""
    pages = example_pages(
        {
            "implementations/Demo_Batches.md": "import pkgloop\n\nfor size in [2, 4]:\n"
            "    loader = pkgloop.batches([1, 2, 3, 4], size)\n    print(len(loader))\n",
            "implementations/Demo_Train.md": "import pkgloop\n\nmodel = pkgloop.Model()\n"
            "loader = pkgloop.batches([1, 2, 3, 4], 2)\nepochs = 3\nfor epoch in range(epochs):\n"
            "    for xb in loader:\n        loss = pkgloop.train_step(model, xb)\n    print(epoch, loss)\n",
        }
    )
    build_file_tree(tmp_path / "lib", {"pkgloop/__init__.py": PKGLOOP})
    item = generated(tmp_path, {"_WorkflowIndex.md": EPOCHS, **pages})
    batches = next((item.output_dir / "src").rglob("step_02_*.py")).read_text()
    assert "for size in" not in batches and '"size": Param("int", default=2' in batches
    train = next((item.output_dir / "src").rglob("step_03_*.py")).read_text()
    assert "for epoch in range(epochs):" in train and "for xb in loader:" in train
    proc = run_workflow(item, tmp_path / "lib")
    assert "seen: 30" in proc.stdout + proc.stderr  # three epochs over 1 + 2 + 3 + 4
    run_generated_tests(item, tmp_path / "lib")


NATIVE = """
# Workflow Index: Demo

## Workflow: Demo_Native

**Description:** A native library that takes no None for an optional argument.

### Step 1: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgnat.Trainer(vocab_size, limit_alphabet)` |
| **External Dependencies** | `pkgnat` |
| **Key Parameters** | `vocab_size: int = 100` - size; `limit_alphabet: Optional[int] = None` - how many letters |
| **Implementation** | `Demo_Trainer` |
| **Outputs** | `trainer` |
"""

TRAINER_PAGE = """== Signature ==
<syntaxhighlight lang="python">
class Trainer:
    def __init__(self, vocab_size: int = 30000, limit_alphabet: Optional[int] = None): ...
</syntaxhighlight>

== I/O Contract ==
{| class="wikitable"
! Name !! Type !! Required !! Description
|-
| vocab_size || int || No || size
|-
| limit_alphabet || Optional[int] || No || how many letters. Default: None
|}

== Usage Examples ==
<syntaxhighlight lang="python">
from pkgnat import Trainer

trainer = Trainer(vocab_size=100)
</syntaxhighlight>
"""

PKGNAT = """
class Trainer:
    def __init__(self, vocab_size=30000, **options):
        if "limit_alphabet" in options and options["limit_alphabet"] is None:
            raise TypeError("'NoneType' object cannot be interpreted as an integer")
        self.vocab_size, self.limit = vocab_size, options.get("limit_alphabet", 1000)
"""


def test_a_none_default_the_example_never_passes_is_passed_only_when_set(tmp_path):
    """`Trainer(vocab_size=100)` in the example, `limit_alphabet: Optional[int] = None` documented: the step passes
    limit_alphabet only once config sets it (native code, such as tokenizers' Rust, refuses an explicit None), and
    passes it when set."""
    build_file_tree(tmp_path / "lib", {"pkgnat/__init__.py": PKGNAT})
    item = generated(tmp_path, {"_WorkflowIndex.md": NATIVE, "implementations/Demo_Trainer.md": TRAINER_PAGE})
    module = next((item.output_dir / "src").rglob("step_01_*.py")).read_text()
    assert "**given(limit_alphabet=limit_alphabet)" in module
    run_workflow(item, tmp_path / "lib")
    run_workflow(item, tmp_path / "lib", "--set", "1.limit_alphabet=50")
    run_generated_tests(item, tmp_path / "lib")


SPLIT_LOOP = """
# Workflow Index: Demo

## Workflow: Demo_Split_Loop

**Description:** A training loop the wiki cuts into steps.

### Step 1: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgloop.Model()` |
| **External Dependencies** | `pkgloop` |
| **Outputs** | `model` |

### Step 2: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgloop.train_step(model, batch) -> float` |
| **External Dependencies** | `pkgloop` |
| **Key Parameters** | `batch: list = [1, 2]` - the numbers |
| **Outputs** | `model` trained |

### Step 3: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgloop.report(model)` |
| **Implementation** | `Demo_Report` |
| **Outputs** | `seen` |
"""


def test_a_loop_doing_other_steps_work_gives_each_step_its_part(tmp_path):
    """The example of step 3 is the whole loop (train, then report, per batch); step 2 trains: step 3 takes its
    report alone, never the loop that would train again (forward, loss, backward and update as four steps).
    Step 2's call returns the loss (`-> float`) and changes the model its Outputs name: it hands the model on."""
    pages = example_pages(
        {
            "implementations/Demo_Report.md": "import pkgloop\n\nmodel = pkgloop.Model()\n"
            "for batch in pkgloop.batches([1, 2, 3, 4], 2):\n    pkgloop.train_step(model, batch)\n"
            "    seen = pkgloop.report(model)\n    print(batch, seen)\n",
        }
    )
    build_file_tree(tmp_path / "lib", {"pkgloop/__init__.py": PKGLOOP})
    item = generated(tmp_path, {"_WorkflowIndex.md": SPLIT_LOOP, **pages})
    report = next((item.output_dir / "src").rglob("step_03_*.py")).read_text()
    assert "for batch" not in report and "train_step" not in report
    proc = run_workflow(item, tmp_path / "lib")
    assert "seen: 3" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


CALLED = """
# Workflow Index: Demo

## Workflow: Demo_Called

**Description:** An object called like a function, its result an object with fields.

### Step 1: Tokenizer

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtok.Tokenizer(lower)` |
| **External Dependencies** | `pkgtok` |
| **Key Parameters** | `lower: bool = True` - lower case |
| **Outputs** | `tok` |

### Step 2: Encode

| Attribute | Value |
|-----------|-------|
| **API Call** | `Tokenizer.__call__(text: str = None, pad: bool = False) -> Encoding` |
| **Implementation** | `Demo_Call` |
| **Outputs** | `Encoding` with `ids` and `mask` |

### Step 3: Decode

| Attribute | Value |
|-----------|-------|
| **API Call** | `Tokenizer.decode(ids) -> str` |
| **Implementation** | `Demo_Decode` |
| **Outputs** | `decoded` |
"""

PKGTOK = """
class Encoding(dict):
    pass


class Tokenizer:
    def __init__(self, lower=True):
        self.lower = lower

    def __call__(self, text=None, pad=False):
        words = (text.lower() if self.lower else text).split()
        return Encoding(ids=words + ["<pad>"] * pad, mask=[1] * len(words) + [0] * pad)

    def decode(self, ids):
        return " ".join(i for i in ids if i != "<pad>")
"""


def test_an_earlier_object_called_like_a_function_binds_its_example_and_a_results_fields_stay_fields(tmp_path):
    """`enc = tok("Hello World", pad=True)` calls step 1's Tokenizer: the example is step 2's (it was ignored, so
    the text and pad=True were lost); "`Encoding` with `ids` and `mask`" is one result with two fields, never
    three results unpacked from it."""
    pages = example_pages(
        {
            "implementations/Demo_Call.md": 'enc = tok("Hello World", pad=True)\nprint(enc["ids"])\n',
            "implementations/Demo_Decode.md": 'decoded = tok.decode(enc["ids"])\nprint(decoded)\n',
        }
    )
    build_file_tree(tmp_path / "lib", {"pkgtok/__init__.py": PKGTOK})
    item = generated(tmp_path, {"_WorkflowIndex.md": CALLED, **pages})
    encode = next((item.output_dir / "src").rglob("step_02_*.py")).read_text()
    assert "enc = tok(" in encode and "pad=pad" in encode and "ids, mask" not in encode
    proc = run_workflow(item, tmp_path / "lib")
    assert "decoded: 'hello world'" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


RUST = """
# Workflow Index: Demo

## Workflow: Demo_Rust

**Description:** A class built in Rust, whose signature names `self`.

### Step 1: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrs.Native(model, dropout)` |
| **External Dependencies** | `pkgrs` |
| **Key Parameters** | `model: str = "bpe"` - the model; `dropout: float = 0.1` - dropout |
| **Outputs** | `native` |
"""

PKGRS = """
import inspect

_P = inspect.Parameter


class Native:
    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs


# what PyO3 gives a Rust class (tokenizers.models.BPE): a text signature that still names `self`
Native.__signature__ = inspect.Signature(
    [_P("self", _P.POSITIONAL_OR_KEYWORD), _P("model", _P.POSITIONAL_OR_KEYWORD), _P("dropout", _P.KEYWORD_ONLY)]
)
"""


def test_check_binds_a_native_class_whose_signature_names_self(tmp_path, monkeypatch):
    """`inspect.signature(tokenizers.models.BPE)` starts with `self`: check drops it for a class, so
    `Native(model, dropout=dropout)` is verified, not "missing a required argument: 'self'"."""
    from generator.verify import verify

    build_file_tree(tmp_path / "lib", {"pkgrs/__init__.py": PKGRS})
    item = generated(tmp_path, {"_WorkflowIndex.md": RUST})
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "lib"))
    (step,) = verify(item.output_dir, sys.executable).steps
    assert step.status == "verified", step.calls


LAST_ROUND = """
# Workflow Index: Demo

## Workflow: Demo_Last_Round

**Description:** A loop's last round, handed on; a file list written as a comprehension.

### Step 1: Files

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkground.count(files)` |
| **External Dependencies** | `pkground` |
| **Implementation** | `Demo_Count` |
| **Outputs** | `n` |

### Step 2: Rounds

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkground.step(n, epoch)` |
| **External Dependencies** | `pkground` |
| **Implementation** | `Demo_Rounds` |
| **Outputs** | `epoch`: the last round, `value`: its value |

### Step 3: Log

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkground.log(epoch, value)` |
| **External Dependencies** | `pkground` |
| **Inputs** | `epoch`, `value` from Step 2 |
| **Outputs** | `line` |
"""

PKGROUND = """
def count(files):
    return len(files)


def step(n, epoch):
    return n * 10 + epoch


def log(epoch, value):
    return f"round {epoch}: {value}"
"""


def test_what_the_outputs_name_a_loop_makes_is_handed_on_and_a_file_list_comprehension_is_a_default(tmp_path):
    """`for epoch in range(rounds): value = pkground.step(n, epoch)` with `epoch` and `value` in Outputs: both are
    results (step 3 asked for epoch through config); `files = [f"part_{i}.txt" for i in [1, 2, 3]]` is the key's
    default, folded from the tree (it was a required key without one)."""
    pages = example_pages(
        {
            "implementations/Demo_Count.md": 'import pkground\n\nfiles = [f"part_{i}.txt" for i in [1, 2, 3]]\n'
            "n = pkground.count(files)\n",
            "implementations/Demo_Rounds.md": "import pkground\n\nrounds = 4\nfor epoch in range(rounds):\n"
            "    value = pkground.step(n, epoch)\n    print(epoch, value)\n",
        }
    )
    build_file_tree(tmp_path / "lib", {"pkground/__init__.py": PKGROUND})
    item = generated(tmp_path, {"_WorkflowIndex.md": LAST_ROUND, **pages})
    files = next((item.output_dir / "src").rglob("step_01_*.py")).read_text()
    assert 'default=["part_1.txt", "part_2.txt", "part_3.txt"]' in files
    proc = run_workflow(item, tmp_path / "lib")
    assert "line: 'round 3: 33'" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


EXCEPT = """
# Workflow Index: Demo

## Workflow: Demo_Except

**Description:** Validation whose failures an except clause reports.

### Step 1: Validate

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgval.Validator(strict)` |
| **External Dependencies** | `pkgval` |
| **Implementation** | `Demo_Validate` |
| **Inputs** | Path to `orders.json` |
| **Outputs** | `orders` |
"""


def test_a_name_an_except_clause_binds_is_no_input_and_a_file_named_without_its_folder_keeps_it(tmp_path):
    """`except ValueError as exc:` binds exc (it was a required key of no type, and the run refused to start);
    Inputs "Path to `orders.json`" name the example's "data/orders.json" without its folder: the default keeps
    the folder (it became "orders.json", a file that is not there)."""
    code = (
        "import pkgval\n\nvalidator = pkgval.Validator(strict=True)\ntry:\n"
        '    orders = validator.validate("data/orders.json")\nexcept ValueError as exc:\n'
        "    print(exc.args)\n    orders = []\n"
    )
    library = (
        "import json\n\n\nclass Validator:\n    def __init__(self, strict=False):\n        self.strict = strict\n\n"
        "    def validate(self, path):\n        return json.load(open(path))\n"
    )
    build_file_tree(tmp_path / "lib", {"pkgval/__init__.py": library})
    item = generated(
        tmp_path, {"_WorkflowIndex.md": EXCEPT, **example_pages({"implementations/Demo_Validate.md": code})}
    )
    module = next((item.output_dir / "src").rglob("step_01_*.py")).read_text()
    assert "except ValueError as exc:" in module and '"exc"' not in module and '"data/orders.json"' in module
    build_file_tree(item.output_dir, {"data/orders.json": '[{"id": 1}]'})
    proc = run_workflow(item, tmp_path / "lib")
    assert "orders: list" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


SAVED_BESIDE = """
# Workflow Index: Demo

## Workflow: Demo_Saved_Beside

**Description:** A merged model saved with its tokenizer.

### Step 1: Model

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsave.Model()` |
| **External Dependencies** | `pkgsave` |
| **Outputs** | `model` |

### Step 2: Tokenizer

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsave.Tok()` |
| **External Dependencies** | `pkgsave` |
| **Outputs** | `tok` |

### Step 3: Merge

| Attribute | Value |
|-----------|-------|
| **API Call** | `Model.merge()` |
| **Implementation** | `Demo_Merge` |
| **Inputs** | `model`, `tok` |
| **Outputs** | `merged` saved to `out/merged` with the tokenizer files |
"""

PKGSAVE = """
import os


class Model:
    def merge(self):
        return Model()

    def save(self, path):
        os.makedirs(path, exist_ok=True)
        open(os.path.join(path, "model.txt"), "w").write("weights")


class Tok:
    def save(self, path):
        os.makedirs(path, exist_ok=True)
        open(os.path.join(path, "tok.txt"), "w").write("vocab")
"""


def test_a_statement_saving_beside_the_steps_output_comes_along(tmp_path):
    """`merged.save("out/merged")` then `tok.save("out/merged")`: the tokenizer saved to the same place is part
    of the output (the merged folder was written without it), and takes step 2's tokenizer."""
    code = 'merged = model.merge()\nmerged.save("out/merged")\ntok.save("out/merged")\n'
    build_file_tree(tmp_path / "lib", {"pkgsave/__init__.py": PKGSAVE})
    item = generated(
        tmp_path, {"_WorkflowIndex.md": SAVED_BESIDE, **example_pages({"implementations/Demo_Merge.md": code})}
    )
    run_workflow(item, tmp_path / "lib")
    assert sorted(p.name for p in (item.output_dir / "out" / "merged").iterdir()) == ["model.txt", "tok.txt"]
    run_generated_tests(item, tmp_path / "lib")


PAGES_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Rotate

**Description:** Rotate every page, copy the pages into a writer, save it.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpages.Reader(path)` |
| **External Dependencies** | `pkgpages` |
| **Key Parameters** | `path: str = "in.txt"` - the document |
| **Outputs** | `reader` |

### Step 2: Rotate Pages

| Attribute | Value |
|-----------|-------|
| **API Call** | `Page.rotate(angle: int)` |
| **Implementation** | `Demo_Rotate` |
| **External Dependencies** | `pkgpages` |
| **Key Parameters** | `angle: int` - clockwise degrees |
| **Inputs** | `reader` from Step 1 |
| **Outputs** | The same pages, rotated in place |

### Step 3: Add Pages

| Attribute | Value |
|-----------|-------|
| **API Call** | `Writer.add_page(page)` |
| **Implementation** | `Demo_Add_Page` |
| **External Dependencies** | `pkgpages` |
| **Inputs** | Rotated pages of `reader` from Step 2 |
| **Outputs** | `writer` - `Writer` holding the pages |

### Step 4: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `Writer.write(path)` |
| **Implementation** | `Demo_Write` |
| **External Dependencies** | `pkgpages` |
| **Inputs** | `writer` from Step 3 |
| **Outputs** | `out/rotated.txt` |
"""

PKGPAGES = """
class Page:
    def __init__(self, n):
        self.n, self.angle = n, 0

    def rotate(self, angle):
        self.angle += angle
        return self


class Reader:
    def __init__(self, path):
        self.pages = [Page(n) for n in range(3)]


class Writer:
    def __init__(self):
        self.pages = []

    def add_page(self, page):
        self.pages.append(page)

    def write(self, path):
        with open(path, "w") as handle:
            handle.write(" ".join(f"{p.n}:{p.angle}" for p in self.pages))
"""

PAGES_EXAMPLES = {
    "implementations/Demo_Rotate.md": (
        'from pkgpages import Reader, Writer\n\nreader = Reader("in.txt")\nwriter = Writer()\n\n'
        'for page in reader.pages:\n    page.rotate(90)\n    writer.add_page(page)\n\nwriter.write("rotated.txt")\n'
    ),
    "implementations/Demo_Add_Page.md": (
        'from pkgpages import Reader, Writer\n\nreader = Reader("in.txt")\nwriter = Writer()\n'
        "for page in reader.pages:\n    writer.add_page(page)\n"
    ),
    "implementations/Demo_Write.md": 'writer.write("out/rotated.txt")\n',
}


def test_a_loop_doing_two_steps_work_on_each_item_gives_each_step_its_part(tmp_path):
    """Seen on an unseen pypdf wiki: `for page in reader.pages: page.rotate(90); writer.add_page(page)` on the
    rotate page, add_page being the next step's API. The rotate step was cut to `page.rotate(angle)` alone,
    asking for a REQUIRED `page` config key (a page object through TOML), and made the writer a step early for the
    save step. The rotate step keeps the loop with its own statement; the writer is made by the step whose Outputs
    name it."""
    build_file_tree(tmp_path / "lib", {"pkgpages/__init__.py": PKGPAGES})
    item = generated(tmp_path, {"_WorkflowIndex.md": PAGES_INDEX, **example_pages(PAGES_EXAMPLES)})
    rotate, add = item.plan.steps[1].binding, item.plan.steps[2].binding
    assert [p.name for p in rotate.params] == ["angle"] and rotate.consumes == ("reader",), rotate
    assert "for page in reader.pages:" in rotate.body and "writer" not in rotate.body, rotate.body
    assert "writer" not in rotate.produces and add.produces == ("writer",), (rotate.produces, add.produces)
    run_workflow(item, tmp_path / "lib", "--set", "2.angle=90")
    assert (item.output_dir / "out" / "rotated.txt").read_text() == "0:90 1:90 2:90"
    run_generated_tests(item, tmp_path / "lib")


PICKED_INDEX = (
    PAGES_INDEX.replace("pkgpages", "pkgpicked")
    .replace(
        """### Step 2: Rotate Pages""",
        """### Step 2: Select

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpicked.select(reader, count: int)` |
| **External Dependencies** | `pkgpicked` |
| **Key Parameters** | `count: int = 2` - how many pages |
| **Inputs** | `reader` from Step 1 |
| **Outputs** | `selected` - list of the first pages |

### Step 2b: Rotate Pages""",
    )
    .replace("### Step 2b:", "### Step 3:")
    .replace("### Step 3: Add", "### Step 4: Add")
    .replace("### Step 4: Save", "### Step 5: Save")
    .replace(
        "| `reader` from Step 1 |\n| **Outputs** | The same",
        "| `selected` pages from Step 2 |\n| **Outputs** | The same",
    )
    .replace("Rotated pages of `reader` from Step 2", "Rotated `selected` pages from Step 3")
    .replace("`writer` from Step 3", "`writer` from Step 4")
)

PKGPICKED = (
    PKGPAGES
    + """

def select(reader, count):
    return reader.pages[:count]
"""
)


def test_a_loop_over_what_the_cited_result_was_made_of_goes_over_the_cited_result(tmp_path):
    """Seen on an unseen pypdf wiki: the rotate and add-page steps say their Inputs are "`selected` pages from
    Step 2" (step 2 picks them from `reader`), while their examples loop over `reader.pages`: every page was rotated
    and copied, the selection ignored. The loops go over `selected`, enumerate() or not."""
    build_file_tree(tmp_path / "lib", {"pkgpicked/__init__.py": PKGPICKED})
    examples = {
        **PAGES_EXAMPLES,
        "implementations/Demo_Add_Page.md": PAGES_EXAMPLES["implementations/Demo_Add_Page.md"].replace(
            "for page in reader.pages:", "for i, page in enumerate(reader.pages):"
        ),
    }
    pages = {k: v.replace("pkgpages", "pkgpicked") for k, v in example_pages(examples).items()}
    item = generated(tmp_path, {"_WorkflowIndex.md": PICKED_INDEX, **pages})
    rotate, add = item.plan.steps[2].binding, item.plan.steps[3].binding
    assert rotate.consumes == ("selected",) and "for page in selected:" in rotate.body, rotate.body
    assert add.consumes == ("selected",) and "enumerate(selected)" in add.body, add.body
    run_workflow(item, tmp_path / "lib", "--set", "3.angle=90")
    assert (item.output_dir / "out" / "rotated.txt").read_text() == "0:90 1:90"
    run_generated_tests(item, tmp_path / "lib")


PANELS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Panels

**Description:** Draw on one panel of a grid, save the figure.

### Step 1: Grid

| Field | Details |
|-------|---------|
| API | `pkgpanels.subplots(nrows=1, ncols=1) -> tuple[Figure, Grid]` |
| Implementation | `Demo_Subplots` |
| Dependencies | `pkgpanels` |
| Parameters | `nrows: int` - rows of panels (2)<br>`ncols: int` - columns of panels (2) |
| Outputs | `fig`, `axs` (2x2 `Grid` of `Panel`; index with `axs[row, col]`) |

### Step 2: Bars

| Field | Details |
|-------|---------|
| API | `Panel.bar(values, width=0.8)` |
| Implementation | `Demo_Bar` |
| Dependencies | `pkgpanels` |
| Inputs | `axs[0, 1]` from Step 1 |
| Outputs | `bars` |

### Step 3: Save

| Field | Details |
|-------|---------|
| API | `Figure.save(path)` |
| Implementation | `Demo_Save` |
| Dependencies | `pkgpanels` |
| Inputs | `fig` from Step 1 |
| Outputs | `out/panels.txt` |
"""

PKGPANELS = """
class Panel:
    def __init__(self):
        self.drawn = []

    def bar(self, values, width=0.8):
        self.drawn.append(list(values))
        return len(values)

    def plot(self, x, y):
        self.drawn.append("plot")


class Grid:
    def __init__(self, rows, cols):
        self.cells = {(r, c): Panel() for r in range(rows) for c in range(cols)}

    def __getitem__(self, key):
        return self.cells[key]


class Figure:
    def __init__(self, grid):
        self.grid = grid

    def save(self, path):
        with open(path, "w") as handle:
            handle.write(" ".join(f"{r}{c}:{p.drawn}" for (r, c), p in sorted(self.grid.cells.items()) if p.drawn))


def subplots(nrows=1, ncols=1):
    grid = Grid(nrows, ncols)
    return Figure(grid), grid
"""


def test_a_step_citing_a_part_of_an_earlier_result_works_on_that_part(tmp_path):
    """Seen on an unseen matplotlib wiki: Inputs "`axs[0, 1]` from Step 1", while the examples work on their own
    `fig, ax = plt.subplots()` and the grid step's chosen example shows `ax.plot(x, y)`. The Inputs were cut at the
    comma inside the code span, step 1 handed on `ax` (the whole grid) and asked for REQUIRED `x` and `y`, and
    step 2 called `bar` on the grid. Step 1 makes `axs` as its Outputs say, without the show on data the wiki never
    gives; step 2 draws on `axs[0, 1]`."""
    build_file_tree(tmp_path / "lib", {"pkgpanels/__init__.py": PKGPANELS})
    examples = {
        "implementations/Demo_Subplots.md": "import pkgpanels\n\nfig, ax = pkgpanels.subplots()\nax.plot(x, y)\n",
        "implementations/Demo_Bar.md": "import pkgpanels\n\nfig, ax = pkgpanels.subplots()\nax.bar([3, 5], width=0.5)\n",
        "implementations/Demo_Save.md": 'fig.save("out/panels.txt")\n',
    }
    item = generated(tmp_path, {"_WorkflowIndex.md": PANELS_INDEX, **example_pages(examples)})
    grid, bars = item.plan.steps[0].binding, item.plan.steps[1].binding
    assert grid.produces == ("fig", "axs") and ".plot(" not in grid.body, grid.body
    assert [p.name for p in grid.params] == ["nrows", "ncols"], grid.params
    assert bars.consumes == ("axs",) and "axs[0, 1].bar(" in bars.body, bars.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "out" / "panels.txt").read_text() == "01:[[3, 5]]"
    run_generated_tests(item, tmp_path / "lib")


RANK_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Rank

**Description:** Load durations, compare two groups, save the result.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrank.load(path)` |
| **External Dependencies** | `pkgrank` |
| **Key Parameters** | `path: str = "in.csv"` - the table |
| **Outputs** | `df` |

### Step 2: Compare

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrank.statistics.compare(durations_A, durations_B, event_observed_A=None, event_observed_B=None)` |
| **Implementation** | `Demo_Compare` |
| **Source Location** | `pkgrank/statistics.py:L1-5` |
| **External Dependencies** | `pkgrank` |
| **Key Parameters** | `durations_A, durations_B: array-like` - durations, `event_observed_A, event_observed_B: array-like` - event flags of the two groups |
| **Inputs** | `df` from Step 1 |
| **Outputs** | `results` |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrank.save(results, path)` |
| **Implementation** | `Demo_Save_Rank` |
| **External Dependencies** | `pkgrank` |
| **Inputs** | `results` from Step 2 |
| **Outputs** | `out/rank.txt` |
"""

PKGRANK = {
    "pkgrank/__init__.py": """
def load(path):
    return {"T": [1, 2, 3, 4], "E": [1, 0, 1, 1]}


def save(results, path):
    with open(path, "w") as handle:
        handle.write(results)
""",
    "pkgrank/statistics.py": """
def compare(durations_A, durations_B, event_observed_A=None, event_observed_B=None):
    return f"{sum(durations_A)}/{sum(event_observed_A)} {sum(durations_B)}/{sum(event_observed_B)}"
""",
}


def test_a_capitalised_value_the_example_makes_is_passed_not_looked_up_as_a_class(tmp_path):
    """Seen on an unseen lifelines wiki: `logrank_test(T_exp, T_con, event_observed_A=E_exp, ...)`, where the
    example made `T_exp, E_exp = df.loc[ix, "T"], df.loc[ix, "E"]`: the capitalised keyword values became class keys
    (`"lifelines.statistics.E_exp"`), and the run failed with AttributeError. A name the example assigns is its own
    value, passed as it is."""
    build_file_tree(tmp_path / "lib", PKGRANK)
    pages = {
        "implementations/Demo_Compare.md": (
            "from pkgrank.statistics import compare\n\n"
            'T_a, E_a = df["T"][:2], df["E"][:2]\nT_b, E_b = df["T"][2:], df["E"][2:]\n'
            "results = compare(T_a, T_b, event_observed_A=E_a, event_observed_B=E_b)\n"
        ),
        "implementations/Demo_Save_Rank.md": 'import pkgrank\n\npkgrank.save(results, "out/rank.txt")\n',
    }
    item = generated(tmp_path, {"_WorkflowIndex.md": RANK_INDEX, **example_pages(pages)})
    compare = item.plan.steps[1].binding
    assert "event_observed_A=E_a" in compare.body and not compare.params, (compare.body, compare.params)
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "out" / "rank.txt").read_text() == "3/1 7/2"
    run_generated_tests(item, tmp_path / "lib")


SPAN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Span

**Description:** Take a range of items.

### Step 1: Take

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgspan.take(items, pages: Union[tuple[int, int], list[int]] = None)` |
| **Implementation** | `Demo_Take` |
| **External Dependencies** | `pkgspan` |
| **Key Parameters** | `pages: Union[tuple[int, int], list[int]]` - page range or page list, `chunks: bool \\| tuple` - chunk shape, or True for auto |
| **Outputs** | `taken` |
"""

PKGSPAN = """
def take(items, pages=None, chunks=True):
    if not isinstance(chunks, (bool, tuple)):
        raise ValueError("chunksize must be a tuple")  # as h5py says
    if isinstance(pages, tuple):  # a range, as pypdf's append reads it
        return items[pages[0] : pages[1]]
    return [items[i] for i in pages]  # a list: the indices
"""


def test_a_tuple_in_the_example_reaches_the_library_as_a_tuple(tmp_path):
    """Seen on an unseen pypdf wiki: `writer.append("appendix.pdf", pages=(0, 2))` (a tuple is a range, a list
    the indices) became `pages = [0, 2]` in config.toml and reached pypdf as a list: IndexError on a two-page file.
    The key's type says tuple first, and the runtime hands the array back as a tuple; so it does for a key typed
    `bool | tuple` (h5py's `chunks`: "chunksize must be a tuple")."""
    build_file_tree(tmp_path / "lib", {"pkgspan/__init__.py": PKGSPAN})
    page = "import pkgspan\n\ntaken = pkgspan.take([10, 20, 30], pages=(1, 3), chunks=True)\nprint(taken)\n"
    item = generated(
        tmp_path, {"_WorkflowIndex.md": SPAN_INDEX, **example_pages({"implementations/Demo_Take.md": page})}
    )
    (key,) = [p for p in item.plan.steps[0].binding.params if p.name == "pages"]
    assert key.type.split(" | ")[0] == "tuple" and key.default == "(1, 3)", key
    proc = run_workflow(item, tmp_path / "lib")
    assert "taken: list of 2" in proc.stdout + proc.stderr, proc.stderr
    # a key typed `bool | tuple` (h5py's chunks), set to an array: a tuple too, as no list is among its types
    (chunks,) = [p for p in item.plan.steps[0].binding.params if p.name == "chunks"]
    assert chunks.type == "bool | tuple", chunks
    run_workflow(item, tmp_path / "lib", "--set", "1.chunks=[1, 2]")
    run_generated_tests(item, tmp_path / "lib")


TEXTSAVE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Text_Save

**Description:** Extract text, save it, save the document.

### Step 1: Extract

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtextsave.extract(path)` |
| **External Dependencies** | `pkgtextsave` |
| **Key Parameters** | `path: str = "in.doc"` - the document |
| **Outputs** | `text` |

### Step 2: Save Text

| Attribute | Value |
|-----------|-------|
| **API Call** | Built-in `open(file, "w", encoding="utf-8").write(text)` (user code) |
| **Implementation** | `Demo_Save_Text` |
| **External Dependencies** | None (stdlib) |
| **Key Parameters** | `txt_path: str` - where to write the text (e.g. "report.txt") |
| **Inputs** | `text` from Step 1 |
| **Outputs** | A UTF-8 `.txt` file |

### Step 3: Save Document

| Attribute | Value |
|-----------|-------|
| **API Call** | `Doc.write(stream)` |
| **Implementation** | `Demo_Doc_Write` |
| **External Dependencies** | `pkgtextsave` |
| **Outputs** | `copy.doc` |
"""

PKGTEXTSAVE = """
def extract(path):
    return "caf\\u00e9 text"


class Doc:
    def write(self, stream):
        with open(stream, "w") as handle:
            handle.write("doc")
"""

TEXTSAVE_EXAMPLES = {
    "implementations/Demo_Save_Text.md": (
        'import pkgtextsave\n\ntext = pkgtextsave.extract("in.doc")\n\n'
        'with open("report.txt", "w", encoding="utf-8") as f:\n    f.write(text)\n'
    ),
    "implementations/Demo_Doc_Write.md": 'import pkgtextsave\n\ndoc = pkgtextsave.Doc()\ndoc.write("copy.doc")\n',
}


def test_a_with_whose_body_calls_the_apis_chained_method_keeps_its_body(tmp_path):
    """Seen on an unseen pypdf wiki: the API `open(file, "w").write(text)`, the example `with open(...) as f:
    f.write(text)`, and a later step's API `PdfWriter.write`: `f.write(text)` was taken for the later step's work,
    the with became `f = open(...)` handed on, and the run wrote an empty file and exited 0. The with's body is the
    step's own chained call."""
    build_file_tree(tmp_path / "lib", {"pkgtextsave/__init__.py": PKGTEXTSAVE})
    item = generated(tmp_path, {"_WorkflowIndex.md": TEXTSAVE_INDEX, **example_pages(TEXTSAVE_EXAMPLES)})
    save = item.plan.steps[1].binding
    assert "f.write(text)" in save.body and save.consumes == ("text",) and not save.produces, save
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "report.txt").read_text(encoding="utf-8") == "caf\u00e9 text"
    run_generated_tests(item, tmp_path / "lib")


COUNTED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Counted

**Description:** Load items, then a window as wide as there are items.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcountlen.load(path)` |
| **External Dependencies** | `pkgcountlen` |
| **Key Parameters** | `path: str = "items.txt"` - the items |
| **Outputs** | `items` |

### Step 2: Window

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcountlen.bounds(n: int)` |
| **Implementation** | `Demo_Window` |
| **External Dependencies** | `pkgcountlen` |
| **Inputs** | `items` from Step 1 |
| **Outputs** | `picked` |
"""


def test_an_upstream_object_read_in_a_range_comprehension_passes_the_generated_test(tmp_path):
    """Seen on an unseen pypdf wiki: `start, stop, step = page_range.indices(len(reader.pages))`, then
    `[reader.pages[i] for i in range(start, stop, step)]`: on stand-ins the range is empty, so step 1's reader never
    reached anything and the generated test failed ("upstream artifact reader did not reach the call") on a step
    that runs. The items of a comprehension over a builtin's result of stand-ins may never be made."""
    library = "def load(path):\n    return [1, 2, 3]\n\n\ndef bounds(n):\n    return 1, n\n"
    build_file_tree(tmp_path / "lib", {"pkgcountlen/__init__.py": library})
    page = (
        "import pkgcountlen\n\nitems = pkgcountlen.load('items.txt')\nstart, stop = pkgcountlen.bounds(len(items))\n"
        "picked = [items[i] for i in range(start, stop)]\n"
    )
    pages = example_pages({"implementations/Demo_Window.md": page})
    item = generated(tmp_path, {"_WorkflowIndex.md": COUNTED_INDEX, **pages})
    assert "range(start, stop)" in item.plan.steps[1].binding.body, item.plan.steps[1].binding.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "picked: list of 2" in proc.stdout + proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


LEGEND_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Legend

**Description:** Label an axis, place the legend, save.

### Step 1: Axes

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglegend.Axes()` |
| **External Dependencies** | `pkglegend` |
| **Outputs** | `ax` |

### Step 2: Label and Legend

| Attribute | Value |
|-----------|-------|
| **API Call** | `Axes.set_xlabel(xlabel, *, loc=None)`; `Axes.legend(**kwargs)` |
| **Implementation** | `Demo_Label` |
| **External Dependencies** | `pkglegend` |
| **Key Parameters** | `xlabel: str` - x-axis label, `loc: str` - legend position ("best") |
| **Inputs** | `ax` from Step 1 |
| **Outputs** | `legend` |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `Axes.save(path)` |
| **Implementation** | `Demo_Save_Axes` |
| **External Dependencies** | `pkglegend` |
| **Inputs** | `ax` from Step 2 |
| **Outputs** | `axes.txt` |
"""

PKGLEGEND = """
class Axes:
    xlabel_loc = legend_loc = None

    def set_xlabel(self, xlabel, *, loc=None):
        self.xlabel_loc = loc

    def legend(self, loc=None):
        self.legend_loc = loc
        return loc

    def save(self, path):
        with open(path, "w") as handle:
            handle.write(f"xlabel_loc={self.xlabel_loc} legend_loc={self.legend_loc}")
"""


def test_a_documented_key_goes_to_the_call_its_description_names(tmp_path):
    """Seen on an unseen matplotlib wiki: `loc: str` - "legend position", the anchor `ax.set_xlabel(...)` (whose
    signature has a `loc` too) and `ax.legend(loc="upper left")` beside it: the key was passed to set_xlabel, and
    the legend took a second key of its own. The key is the legend's, as its description says."""
    build_file_tree(tmp_path / "lib", {"pkglegend/__init__.py": PKGLEGEND})
    pages = {
        "implementations/Demo_Label.md": 'import pkglegend\n\nax = pkglegend.Axes()\nax.set_xlabel("Time [s]")\n'
        'legend = ax.legend(loc="upper left")\n',
        "implementations/Demo_Save_Axes.md": 'ax.save("axes.txt")\n',
    }
    item = generated(tmp_path, {"_WorkflowIndex.md": LEGEND_INDEX, **example_pages(pages)})
    body = item.plan.steps[1].binding.body
    assert "ax.legend(loc=loc)" in body and "set_xlabel(xlabel)" in body, body
    run_workflow(item, tmp_path / "lib", "--set", "2.loc='lower right'")
    assert (item.output_dir / "axes.txt").read_text() == "xlabel_loc=None legend_loc=lower right"
    run_generated_tests(item, tmp_path / "lib")


HANDED_FILE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Handed_File

**Description:** Open a file, make a group in it, close it.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgh5file.File(name, mode="w")` |
| **External Dependencies** | `pkgh5file` |
| **Key Parameters** | `name: str = "m.h5"` - the file, `mode: str = "w"` - write |
| **Outputs** | `f` |

### Step 2: Group

| Attribute | Value |
|-----------|-------|
| **API Call** | `Group.create_group(name)` |
| **Implementation** | `Demo_Create_Group` |
| **External Dependencies** | `pkgh5file` |
| **Inputs** | Open writable `f` from Step 1 |
| **Outputs** | `raw` |

### Step 3: Close

| Attribute | Value |
|-----------|-------|
| **API Call** | `File.close()` |
| **Implementation** | `Demo_Close` |
| **External Dependencies** | `pkgh5file` |
| **Inputs** | `f` from Step 1 |
"""

PKGH5FILE = """
class File:
    def __init__(self, name, mode="r"):
        self.name, self.groups, self.closed = name, [], False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def create_group(self, name):
        if self.closed:
            raise ValueError("Unable to synchronously create group (invalid identifier type to function)")
        self.groups.append(name)
        return name

    def close(self):
        if not self.closed:
            open(self.name, "w").write(" ".join(self.groups))
        self.closed = True
"""


def test_a_with_of_what_an_earlier_step_handed_on_goes(tmp_path):
    """Seen on an unseen h5py wiki: the example's `with h5py.File("m.h5", "w") as f: raw = f.create_group(...)`,
    in a step that takes step 1's open file `f`: wired, it became `with f as f:`, which closed step 1's file as the
    step ended, and the next step failed on it. The with goes; its block works on the file handed on."""
    build_file_tree(tmp_path / "lib", {"pkgh5file/__init__.py": PKGH5FILE})
    pages = {
        "implementations/Demo_Create_Group.md": 'import pkgh5file\n\nwith pkgh5file.File("m.h5", "w") as f:\n'
        '    raw = f.create_group("sensors/raw")\n',
        "implementations/Demo_Close.md": "f.close()\n",
    }
    item = generated(tmp_path, {"_WorkflowIndex.md": HANDED_FILE_INDEX, **example_pages(pages)})
    body = item.plan.steps[1].binding.body
    assert "with " not in body and "f.create_group(" in body, body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "m.h5").read_text() == "sensors/raw"
    run_generated_tests(item, tmp_path / "lib")


UNFITTED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Unfitted

**Description:** Build a pipeline, describe it.

### Step 1: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `Pipeline(steps: list) -> Pipeline` |
| **Implementation** | `Demo_Pipeline` |
| **Source Location** | `pkgpipeline/pipeline.py:L10-80` |
| **External Dependencies** | `pkgpipeline` |
| **Inputs** | None (estimators are constructed here) |
| **Outputs** | Unfitted `pipe` |

### Step 2: Describe

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpipeline.describe(pipe)` |
| **External Dependencies** | `pkgpipeline` |
| **Inputs** | `pipe` from Step 1 |
| **Outputs** | `text` |
"""

PKGPIPELINE = """
class Pipeline:
    def __init__(self, steps):
        self.steps, self.fitted = steps, False

    def fit(self, X, y):
        self.fitted = True


def describe(pipe):
    return f"{len(pipe.steps)} steps, fitted={pipe.fitted}"
"""


def test_a_step_that_takes_nothing_leaves_out_the_examples_use_on_data(tmp_path):
    """Seen on an unseen imbalanced-learn wiki: `pipe = Pipeline(steps=[...])` then `pipe.fit(X_train, y_train)`,
    in a step whose Inputs say "None (estimators are constructed here)" and Outputs "Unfitted Pipeline": the fit
    came along, `y_train` became a REQUIRED key (an array through TOML) and `X_train` was imported from the API's
    module for its capital (`from imblearn.pipeline import Pipeline, X_train`). The fit goes; and a name like
    `X_train` is never imported as a class."""
    build_file_tree(tmp_path / "lib", {"pkgpipeline/__init__.py": PKGPIPELINE})
    page = (
        "from pkgpipeline import Pipeline\n\npipe = Pipeline(steps=[('scale', 1), ('clf', 2)])\n"
        "pipe.fit(X_train, y_train)\n"
    )
    pages = example_pages({"implementations/Demo_Pipeline.md": page})
    item = generated(tmp_path, {"_WorkflowIndex.md": UNFITTED_INDEX, **pages})
    build = item.plan.steps[0].binding
    assert "fit(" not in build.body and not [p for p in build.params if p.required], build
    proc = run_workflow(item, tmp_path / "lib")
    assert "2 steps, fitted=False" in proc.stdout + proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")

    # the same example where the step takes data: the fit stays, X_train is no import but a name the wiki does not
    # say how to get (the step needs implementation, as for a class nothing imports)
    taking = UNFITTED_INDEX.replace("None (estimators are constructed here)", "the training data")
    item = generated(tmp_path / "taking", {"_WorkflowIndex.md": taking, **pages})
    build = item.plan.steps[0].binding
    assert not [line for line in build.imports if "X_train" in line] and "X_train" in " ".join(build.notes), build


PROPERTY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Property

**Description:** Open a document, set its author, read its paragraphs, save it.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcoreprops.Document(path)` |
| **External Dependencies** | `pkgcoreprops` |
| **Key Parameters** | `path: str = "in.docx"` - the document |
| **Outputs** | `document` |

### Step 2: Metadata

| Attribute | Value |
|-----------|-------|
| **API Call** | `Document.core_properties -> CoreProperties` (attributes `author`, `title`) |
| **Implementation** | `Demo_Core_Properties` |
| **External Dependencies** | `pkgcoreprops` |
| **Key Parameters** | `author: str` - new author, `title: str` - new title |
| **Inputs** | Document |
| **Outputs** | Document with updated properties |

### Step 3: Paragraph Texts

| Attribute | Value |
|-----------|-------|
| **API Call** | `Document.paragraphs -> list[Paragraph]` |
| **Implementation** | `Demo_Paragraphs` |
| **External Dependencies** | `pkgcoreprops` |
| **Inputs** | Document |
| **Outputs** | `texts: list[str]` |

### Step 4: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `Document.save(path)` |
| **Implementation** | `Demo_Save_Document` |
| **External Dependencies** | `pkgcoreprops` |
| **Key Parameters** | `path: str = "out.txt"` - where |
| **Inputs** | Document |
"""

PKGCOREPROPS = """
class CoreProperties:
    author = title = ""


class Paragraph:
    def __init__(self, text):
        self.text = text


class Document:
    def __init__(self, path):
        self.core_properties = CoreProperties()
        self.paragraphs = [Paragraph("one"), Paragraph("two")]

    def save(self, path):
        with open(path, "w") as handle:
            handle.write(f"{self.core_properties.author}|{self.core_properties.title}")
"""

PROPERTY_PAGES = {
    "implementations/Demo_Core_Properties.md": 'from pkgcoreprops import Document\n\ndocument = Document("in.docx")\n'
    'core_properties = document.core_properties\ncore_properties.author = "Jane Doe"\ncore_properties.title = "T"\n',
    "implementations/Demo_Paragraphs.md": "texts = [p.text for p in document.paragraphs]\n",
    "implementations/Demo_Save_Document.md": 'document.save("out.txt")\n',
}


def test_a_property_the_api_cites_is_found_where_the_example_reads_it(tmp_path):
    """Seen on an unseen python-docx wiki: the API Calls `Document.core_properties -> CoreProperties` and
    `Document.paragraphs -> list[Paragraph]` (properties, with their types) matched no example, so the steps only
    read the property: the author and title the example sets were dropped (a silent no-op) and the paragraphs
    stayed objects where the Outputs say `list[str]` (json.dump failed). The example that reads the property is the
    step, and a value set on an attribute a Key Parameter names is that key."""
    build_file_tree(tmp_path / "lib", {"pkgcoreprops/__init__.py": PKGCOREPROPS})
    item = generated(tmp_path, {"_WorkflowIndex.md": PROPERTY_INDEX, **example_pages(PROPERTY_PAGES)})
    meta, texts = item.plan.steps[1].binding, item.plan.steps[2].binding
    assert "core_properties.author = author" in meta.body, meta.body
    assert {p.name: p.default for p in meta.params} == {"author": "'Jane Doe'", "title": "'T'"}, meta.params
    assert "p.text for p in document.paragraphs" in texts.body, texts.body
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.author='Ada'")
    assert "texts: list of 2" in proc.stdout + proc.stderr, proc.stderr
    assert (item.output_dir / "out.txt").read_text() == "Ada|T"
    run_generated_tests(item, tmp_path / "lib")


AREA_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Area

**Description:** Load shapes, add their areas as a column, save the table.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgarea.load(n)` |
| **External Dependencies** | `pkgarea` |
| **Key Parameters** | `n: int = 3` - how many shapes |
| **Outputs** | `shapes` |

### Step 2: Measure Areas

| Attribute | Value |
|-----------|-------|
| **API Call** | `Shapes.area` (property) -> `list` |
| **Implementation** | `Demo_Area` |
| **External Dependencies** | `pkgarea` |
| **Inputs** | `shapes` from Step 1 |
| **Outputs** | `shapes` with an `area_m2` column |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `Shapes.save(path)` |
| **Implementation** | `Demo_Save_Shapes` |
| **External Dependencies** | `pkgarea` |
| **Inputs** | `shapes` from Step 2 |
| **Outputs** | `out/areas.txt` |
"""

PKGAREA = """
class Shapes:
    def __init__(self, n):
        self.columns = {"side": list(range(1, n + 1))}

    @property
    def area(self):
        return [side * side for side in self.columns["side"]]

    def __setitem__(self, key, value):
        self.columns[key] = value

    def save(self, path):
        with open(path, "w") as handle:
            handle.write(repr(self.columns))


def load(n):
    return Shapes(n)
"""


@pytest.mark.parametrize("api", ["`Shapes.area` (property) -> `list`", "`Shapes.area (property)`"])
def test_a_property_step_storing_the_value_passes_its_generated_tests(tmp_path, api):
    """Seen on an unseen geopandas wiki: the API `GeoSeries.area` (property) with the example
    `catchment_landuse["area_m2"] = catchment_landuse.area` ran, but the generated test failed with "the step made
    no call at all": the value read went into the handed-on object, where the test did not look. Written
    `Shapes.area (property)` inside one code span, the API was read as a call passing `property` (a stub)."""
    build_file_tree(tmp_path / "lib", {"pkgarea/__init__.py": PKGAREA})
    pages = {
        "implementations/Demo_Area.md": 'shapes["area_m2"] = shapes.area\n',
        "implementations/Demo_Save_Shapes.md": 'shapes.save("out/areas.txt")\n',
    }
    written = example_pages(pages)
    imports = '== Import ==\n<syntaxhighlight lang="python">\nimport pkgarea\n</syntaxhighlight>\n\n'
    written["implementations/Demo_Area.md"] = imports + written["implementations/Demo_Area.md"]
    index = AREA_INDEX.replace("`Shapes.area` (property) -> `list`", api)
    item = generated(tmp_path, {"_WorkflowIndex.md": index, **written})
    assert "shapes['area_m2'] = shapes.area" in item.plan.steps[1].binding.body, item.plan.steps[1].binding.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "out" / "areas.txt").read_text() == "{'side': [1, 2, 3], 'area_m2': [1, 4, 9]}"
    run_generated_tests(item, tmp_path / "lib")


ROWS_PROPERTY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Rows_Property

**Description:** Make a table, read its rows' texts.

### Step 1: Document

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtablecells.Document(count)` |
| **External Dependencies** | `pkgtablecells` |
| **Key Parameters** | `count: int = 3` - rows |
| **Outputs** | `document` |

### Step 2: Row Texts

| Attribute | Value |
|-----------|-------|
| **API Call** | `Table.rows` |
| **Implementation** | `Demo_Rows` |
| **External Dependencies** | `pkgtablecells` |
| **Inputs** | `document` from Step 1 |
| **Outputs** | `texts` |
"""

PKGTABLECELLS = """
class _Lazy:  # what python-docx's lazyproperty is: a descriptor, not callable
    def __init__(self, get):
        self.get = get

    def __get__(self, obj, owner):
        return self if obj is None else self.get(obj)


class Row:
    def __init__(self, n):
        self.text = f"row {n}"


class Table:
    def __init__(self, count):
        self.count = count

    rows = _Lazy(lambda self: [Row(n) for n in range(self.count)])


class Document:
    def __init__(self, count):
        self.tables = [Table(count), Table(1)]
"""


def test_an_attribute_the_examples_only_read_is_read_not_called(tmp_path):
    """Seen on an unseen python-docx wiki: the API Call `Table.rows` (no brackets), which every example reads
    (`for row in table.rows`) and none calls, was bound as `Table.rows()`: TypeError, 'lazyproperty' object is not
    callable. It is a property: the example reading it is the step."""
    build_file_tree(tmp_path / "lib", {"pkgtablecells/__init__.py": PKGTABLECELLS})
    page = (
        "from pkgtablecells import Document\n\ndocument = Document(3)\ntexts = []\nfor table in document.tables:\n"
        "    for row in table.rows:\n        texts.append(row.text)\n"
    )
    item = generated(
        tmp_path, {"_WorkflowIndex.md": ROWS_PROPERTY_INDEX, **example_pages({"implementations/Demo_Rows.md": page})}
    )
    body = item.plan.steps[1].binding.body
    assert "table.rows" in body and "rows()" not in body, body
    proc = run_workflow(item, tmp_path / "lib")
    assert "texts: list of 4" in proc.stdout + proc.stderr, proc.stderr


REPORT_LINES_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Report_Lines

**Description:** Evaluate predictions and show the report.

### Step 1: Evaluate

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgreportlines.classification_report(y_true, y_pred) -> str` |
| **Implementation** | `Demo_Report` |
| **External Dependencies** | `pkgreportlines` |
| **Key Parameters** | `y_true: list = [0, 1, 1]` - labels, `y_pred: list = [0, 1, 0]` - predictions |
| **Outputs** | `report` |
"""

PKGREPORTLINES = """
def classification_report(y_true, y_pred):
    right = sum(a == b for a, b in zip(y_true, y_pred))
    rows = ["              precision    recall", *(f"{c:>14}       0.50      0.50" for c in (0, 1))]
    return "\\n".join([*rows, "", f"      accuracy {right}/{len(y_true)}"]) + "\\n"
"""


def test_a_text_of_several_lines_a_step_makes_is_shown_whole(tmp_path):
    """Seen on an unseen imbalanced-learn wiki: `print(classification_report(y_test, y_pred))`; the step keeps the
    report as its result, and the run log showed its first 40 characters (`str of 326 characters: '...'`): the report
    the step exists for was only in a pickle under artifacts/. A text of several lines is shown whole."""
    build_file_tree(tmp_path / "lib", {"pkgreportlines/__init__.py": PKGREPORTLINES})
    page = "from pkgreportlines import classification_report\n\nprint(classification_report([0, 1, 1], [0, 1, 0]))\n"
    pages = example_pages({"implementations/Demo_Report.md": page})
    item = generated(tmp_path, {"_WorkflowIndex.md": REPORT_LINES_INDEX, **pages})
    proc = run_workflow(item, tmp_path / "lib")
    assert "text of 5 lines:" in proc.stderr and "accuracy 2/3" in proc.stderr, proc.stderr


UNITS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Units

**Description:** Place a picture at a documented width.

### Step 1: Picture

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgunits.add_picture(path, width=None)` |
| **Implementation** | `Demo_Picture` |
| **External Dependencies** | `pkgunits` |
| **Key Parameters** | `path: str = "chart.png"` - the image, `width` - e.g. `Inches(1.25)` |
| **Outputs** | `shape` |
"""

PKGUNITS = """
def Inches(value):
    return int(value * 914400)


def add_picture(path, width=None):
    return {"path": path, "emu": width}
"""


def test_a_documented_value_in_its_units_call_is_a_key(tmp_path):
    """Seen on an unseen python-docx wiki: `width=Inches(1.25)`, where the Key Parameters document `width`: the
    width stayed hard-coded. The number is the key, passed in its unit's call (`Inches(width)`); a method of data
    (`X_train.head(5)`) is no unit."""
    build_file_tree(tmp_path / "lib", {"pkgunits/__init__.py": PKGUNITS})
    page = "from pkgunits import Inches, add_picture\n\nshape = add_picture('chart.png', width=Inches(1.25))\n"
    item = generated(
        tmp_path, {"_WorkflowIndex.md": UNITS_INDEX, **example_pages({"implementations/Demo_Picture.md": page})}
    )
    binding = item.plan.steps[0].binding
    assert "width=Inches(width)" in binding.body and ("width", "1.25") in [(p.name, p.default) for p in binding.params]
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.width=2")
    assert "shape.emu = 1.8288e+06" in proc.stdout + proc.stderr, proc.stderr  # 2 inches, not 1.25


UNPICKLABLE = """
# Workflow Index: Demo

## Workflow: Demo_Unpicklable

**Description:** A first result that cannot be saved.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpick.make(base)` |
| **External Dependencies** | `pkgpick` |
| **Key Parameters** | `base: int = 2` - the base |
| **Outputs** | `maker` |

### Step 2: Use

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpick.use(maker, x)` |
| **External Dependencies** | `pkgpick` |
| **Key Parameters** | `x: int = 5` - the input |
| **Outputs** | `value` |
"""


def test_a_step_run_again_to_rebuild_what_could_not_be_saved_is_counted(tmp_path):
    """`--from 2` when step 1's result (a closure) could not be saved: step 1 runs again, and the summary says two
    steps ran (it said one)."""
    library = "def make(base):\n    return lambda x: base * x\n\n\ndef use(maker, x):\n    return maker(x)\n"
    build_file_tree(tmp_path / "lib", {"pkgpick/__init__.py": library})
    item = generated(tmp_path, {"_WorkflowIndex.md": UNPICKLABLE})
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "run", "--artifacts", str(tmp_path / "art")]
    first = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0 and "could not save maker" in first.stderr, first.stderr
    # the last line says which were not saved, not that all were (it said "artifacts saved in ...")
    assert "except maker, which could not be saved" in first.stderr.splitlines()[-1], first.stderr
    resumed = subprocess.run(
        [*command, "--from", "2"], cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120
    )
    assert resumed.returncode == 0, resumed.stderr
    output = resumed.stdout + resumed.stderr
    assert "running step 1. Make again to rebuild maker" in output and "value = 10" in output
    assert "2 step(s) ran" in output


def test_a_saved_result_that_does_not_load_back_is_rebuilt(tmp_path):
    """`--from 2` when step 1's result was pickled but cannot be unpickled (pypdf's PdfWriter recurses for ever
    on load): step 1 runs again, with a warning naming the artifact, never a traceback."""
    library = (
        "class Maker:\n    def __init__(self, base):\n        self.base = base\n\n"
        "    def __reduce__(self):\n        return (_broken, (self.base,))\n\n\n"
        "def _broken(base):\n    return _broken(base)\n\n\n"
        "def make(base):\n    return Maker(base)\n\n\n"
        "def use(maker, x):\n    return maker.base * x\n"
    )
    build_file_tree(tmp_path / "lib", {"pkgpick/__init__.py": library})
    item = generated(tmp_path, {"_WorkflowIndex.md": UNPICKLABLE})
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "run", "--artifacts", str(tmp_path / "art")]
    first = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0 and "could not save" not in first.stderr, first.stderr
    resumed = subprocess.run(
        [*command, "--from", "2"], cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120
    )
    output = resumed.stdout + resumed.stderr
    assert resumed.returncode == 0 and "Traceback" not in output, output
    assert "could not load maker as step 1 left it (RecursionError" in output, output
    assert "running step 1. Make again to rebuild maker" in output and "value = 10" in output


SIGNED = """
# Workflow Index: Demo

## Workflow: Demo_Signed

**Description:** Load a model, then train it.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsigned.load(name)` |
| **External Dependencies** | `pkgsigned` |
| **Key Parameters** | `name: str = "tiny"` - the model |
| **Outputs** | `model` |

### Step 2: Train

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Trainer_train` |
| **Inputs** | `model` from Step 1 |
| **Outputs** | `trainer` |
"""

SIGNED_PAGE = """== Code Reference ==
=== Signature ===
<syntaxhighlight lang="python">
# Trainer comes from pkgsigned
from pkgsigned import Trainer

trainer = Trainer(
    model: Model,
    rate: float = 0.5,
)

# Run it
result = trainer.train()
</syntaxhighlight>
== Usage Examples ==
=== Train ===
<syntaxhighlight lang="python">
from pkgsigned import Trainer, load

model = load("tiny")
trainer = Trainer(model=model, rate=0.25)
trainer.train()
</syntaxhighlight>
"""

PKGSIGNED = """
LOADS = []


class Model:
    def __init__(self, name):
        self.name, self.steps = name, 0


def load(name):
    LOADS.append(name)
    return Model(name)


class Trainer:
    def __init__(self, model, rate=0.5):
        self.model, self.rate = model, rate

    def train(self):
        self.model.steps += 1
        print(f"trained {self.model.name} at {self.rate}; loads: {len(LOADS)}")
        return self.model.steps
"""


def test_a_signature_block_opening_with_its_import_names_the_steps_api(tmp_path):
    """A Signature block that imports its class before the annotated call (`from trl import SFTTrainer`, then
    `trainer = SFTTrainer(model: PreTrainedModel, ...)`) names the step's API: the step trains the model step 1
    loaded. It once read no API from the block, took the example's first call (`load`) for the step's API and
    loaded the model a second time through a config key."""
    build_file_tree(tmp_path / "lib", {"pkgsigned/__init__.py": PKGSIGNED})
    item = generated(tmp_path, {"_WorkflowIndex.md": SIGNED, "implementations/Demo_Trainer_train.md": SIGNED_PAGE})
    module = next((item.output_dir / "src").rglob("step_02_*.py")).read_text()
    assert 'api="Trainer(model, rate)"' in module and "load(" not in module, module
    proc = run_workflow(item, tmp_path / "lib")
    assert "trained tiny at 0.25; loads: 1" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


SHARED_PAGE_INDEX = """# Workflow Index: demo

## Pages

| Page | File | Connections | Notes |
|------|------|-------------|-------|
| demo_Tune | [→](./workflows/demo_Tune.md) | ✅Principle:demo_Loading, ✅Principle:demo_Training, ✅Principle:demo_Saving | tune a model |
"""

SHARED_PAGE_WORKFLOW = """== Overview ==
Load a model, train it, save it.

== Execution Steps ==

=== Step 1: Load ===
[[step::Principle:demo_Loading]]
Install and load.

```python
pip install pkgmis
from pkgmis import Loader, Trainer

model = Loader.load("tiny")
```

=== Step 2: Train ===
[[step::Principle:demo_Training]]
Train with the trainer.

```python
Loader.prepare(model)
trainer = Trainer(model=model, rate=0.25)
trainer.train()
```

=== Step 3: Save ===
[[step::Principle:demo_Saving]]
Save what was trained.

```python
model.save("out/model.txt")
```
"""

SHARED_PAGE_LOADER = """== Code Reference ==
=== Signature ===
<syntaxhighlight lang="python">
class Loader:
    @staticmethod
    def load(name: str = "tiny") -> Model:
        ...

    @staticmethod
    def prepare(model: Model) -> None:
        ...
</syntaxhighlight>
== Usage Examples ==
=== Load ===
<syntaxhighlight lang="python">
from pkgmis import Loader

model = Loader.load(name="tiny")
</syntaxhighlight>
"""

PKGMIS = """
from pathlib import Path

LOADS = []


class Model:
    def __init__(self, name):
        self.name, self.steps, self.ready = name, 0, False

    def save(self, path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(f"{self.name} {self.steps}")


class Loader:
    @staticmethod
    def load(name="tiny"):
        LOADS.append(name)
        return Model(name)

    @staticmethod
    def prepare(model):
        model.ready = True


class Trainer:
    def __init__(self, model, rate=0.5):
        self.model, self.rate = model, rate

    def train(self):
        assert self.model.ready, "prepare the model first"
        self.model.steps += 1
        print(f"trained {self.model.name} at {self.rate}; loads: {len(LOADS)}")
        return self.model.steps
"""


def test_a_step_whose_principle_links_another_steps_page_is_bound_from_its_own_code(tmp_path):
    """Every principle of a workflow links the same implementation page (the model loader's): steps 2 and 3 are bound
    from their own code on the workflow page, which never names that page's API, and take the model step 1 loaded.
    They once loaded the model again, each through a config key, and never trained or saved."""
    pages = {
        f"principles/demo_{name}.md": f"== Overview ==\n{name}.\n\n* [[implemented_by::Implementation:demo_Loader_load]]\n"
        for name in ("Loading", "Training", "Saving")
    }
    build_file_tree(tmp_path / "lib", {"pkgmis/__init__.py": PKGMIS})
    item = generated(
        tmp_path,
        {
            "_WorkflowIndex.md": SHARED_PAGE_INDEX,
            "workflows/demo_Tune.md": SHARED_PAGE_WORKFLOW,
            "implementations/demo_Loader_load.md": SHARED_PAGE_LOADER,
            **pages,
        },
    )
    steps = {p.name[:7]: p.read_text() for p in (item.output_dir / "src").rglob("step_0*.py")}
    assert "Loader.load(" in steps["step_01"]
    assert "Loader.load(" not in steps["step_02"] + steps["step_03"], steps["step_02"]
    assert "Loader.prepare(model)" in steps["step_02"] and "Trainer(model=model" in steps["step_02"]
    assert any("never appears in the step's own code" in w.message for w in item.plan.warnings)
    proc = run_workflow(item, tmp_path / "lib")
    assert "trained tiny at 0.25; loads: 1" in proc.stdout + proc.stderr
    assert (item.output_dir / "out" / "model.txt").read_text() == "tiny 1"
    run_generated_tests(item, tmp_path / "lib")


DEFAULTS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Search

**Description:** Seed, build the data, search it, read the best.

### Step 1: Seed

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmod.seed_everything(seed)` |
| **External Dependencies** | `pkgmod` |
| **Key Parameters** | `seed: int = 1234` - the global seed |
| **Outputs** | `seed` |

### Step 2: Data

| Attribute | Value |
|-----------|-------|
| **API Call** | `Data(size: int = 3, seed: int = 0)` |
| **Implementation** | `Demo_Data` |
| **Inputs** | nothing |
| **Outputs** | `data` |

### Step 3: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `Search.fit(data) -> Search` |
| **Implementation** | `Demo_Fit` |
| **Inputs** | `data` from Step 2 |
| **Outputs** | Fitted search with `best_`, `spread_` |

### Step 4: Top

| Attribute | Value |
|-----------|-------|
| **API Call** | `util.top(search, k: int = 1)` |
| **Implementation** | `Demo_Top` |
| **Inputs** | `search` from Step 3 |
| **Outputs** | `best` |
"""

DEFAULTS_PAGES = {
    "implementations/Demo_Data.md": """== Import ==
<syntaxhighlight lang="python">
from pkgmod import Data
</syntaxhighlight>
== I/O Contract ==
=== Inputs ===
{| class="wikitable"
|-
! Name !! Type !! Required !! Description
|-
| size || int || No || rows. Default: 3
|-
| seed || int || No || seed of the split. Default: 0
|}
== Usage Examples ==
<syntaxhighlight lang="python">
from pkgmod import Data

data = Data(size=4)
</syntaxhighlight>
""",
    "implementations/Demo_Fit.md": """== Usage Examples ==
<syntaxhighlight lang="python">
from pkgmod import Search

search = Search()
search.fit(data)
print(search.best_)
</syntaxhighlight>
""",
    "implementations/Demo_Top.md": """== Import ==
<syntaxhighlight lang="python">
from pkgmod import util
</syntaxhighlight>
== Usage Examples ==
<syntaxhighlight lang="python">
from pkgmod import util

best = util.top(search, k=1)
print(best)
</syntaxhighlight>
""",
}

PKGMOD = {
    "pkgmod/__init__.py": """
from pkgmod import util


def seed_everything(seed=0):
    return seed


class Data:
    def __init__(self, size=3, seed=0):
        self.rows, self.seed = [n * 10 + seed for n in range(size)], seed


class Search:
    def fit(self, data):
        self.best_, self.spread_ = max(data.rows), max(data.rows) - min(data.rows)
        return self
""",
    "pkgmod/util.py": """
def top(search, k=1):
    print(f"top {k}: {search.best_} spread {search.spread_}")
    return search.best_
""",
}


def test_defaults_an_earlier_result_leaves_alone_fields_of_one_result_and_a_module_the_page_imports(tmp_path):
    """Three classes the trials found, each of which once stopped or skewed the run:
    - step 2's page documents `seed` (Default: 0), which the example leaves out: step 1's `seed` (1234) is not passed
      in its place, since step 2's Inputs do not cite it (the split of a data module once took the global seed);
    - "Fitted search with `best_`, `spread_`" names fields of the one result `fit` returns: the call is not unpacked
      into two names (TypeError: cannot unpack non-iterable Search object);
    - `util.top(...)` with `from pkgmod import util` on the page: util is imported, not an object asked for (the
      step was left a stub)."""
    build_file_tree(tmp_path / "lib", PKGMOD)
    item = generated(tmp_path, {"_WorkflowIndex.md": DEFAULTS_INDEX, **DEFAULTS_PAGES})
    steps = {p.name[:7]: p.read_text() for p in (item.output_dir / "src").rglob("step_0*.py")}
    assert 'consumes=("seed",)' not in steps["step_02"], steps["step_02"]
    assert "best_, spread_ =" not in steps["step_03"], steps["step_03"]
    assert "from pkgmod import util" in steps["step_04"] and 'status="bound"' in steps["step_04"], steps["step_04"]
    proc = run_workflow(item, tmp_path / "lib")
    assert "top 1: 30 spread 30" in proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


def test_a_step_whose_body_the_user_rewrote_is_skipped_once_its_expectations_entry_is_gone(tmp_path):
    """The generated README says how to edit a bound step: rewrite its body, delete its entry in
    tests/expectations.json. The repository's tests then pass, the step's test skipped with the reason; before the
    entry is deleted the test still judges the step against what genrepo wrote, and fails on the rewrite."""
    item = generated(tmp_path, {"_WorkflowIndex.md": INDEX})
    module = next((item.output_dir / "src").rglob("step_01_*.py"))
    text = module.read_text()
    assert "statistics.mean(" in text
    module.write_text(text.replace("statistics.mean(", "statistics.median("))
    env = {**os.environ, "PYTHONPATH": str(item.output_dir / "src")}
    command = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "tests"]
    before = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=300)
    assert before.returncode == 1 and "AssertionError: statistics.median(data) was not called" in before.stdout
    assert "tests/expectations.json" in (item.output_dir / "README.md").read_text()
    expectations = item.output_dir / "tests" / "expectations.json"
    entries = json.loads(expectations.read_text())
    del entries[module.stem]
    expectations.write_text(json.dumps(entries))
    after = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=300)
    assert after.returncode == 0, after.stdout[-2000:]
    assert f"{module.stem} has no entry in tests/expectations.json" in after.stdout


SIMILAR_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Similar

**Description:** Encode a corpus and a query, score them, search a ranker, save the best.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsim.Encoder(name: str = "tiny")` |
| **External Dependencies** | `pkgsim` |
| **Outputs** | `model` |

### Step 2: Encode Corpus

| Attribute | Value |
|-----------|-------|
| **API Call** | `Encoder.encode(sentences: list[str]) -> list` |
| **Implementation** | `Demo_Encode_Corpus` |
| **Outputs** | `corpus_embeddings` |

### Step 3: Encode Queries

| Attribute | Value |
|-----------|-------|
| **API Call** | `Encoder.encode(sentences: list[str]) -> list` |
| **Implementation** | `Demo_Encode_Queries` |
| **Outputs** | Matrix `X_new` |

### Step 4: Score

| Attribute | Value |
|-----------|-------|
| **API Call** | `Encoder.similarity(a: list, b: list) -> list` |
| **Implementation** | `Demo_Similarity` |
| **Inputs** | Two embedding matrices |

### Step 5: Search

| Attribute | Value |
|-----------|-------|
| **API Call** | `Grid.fit(data) -> Grid` |
| **Implementation** | `Demo_Grid_fit` |
| **Outputs** | Fitted search with `best_` |

### Step 6: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsim.dump(value, filename: str)` |
| **Implementation** | `Demo_dump` |
| **Key Parameters** | `filename: str` - where it goes |
| **Inputs** | `search.best_` |

### Step 7: Rank

| Attribute | Value |
|-----------|-------|
| **API Call** | `model.rank(X_new, top=..., log=search)` |
| **Implementation** | `Demo_rank` |
| **Key Parameters** | `top: int = 1` - how many; `log: Grid = None` - what to log |

### Step 8: Best

| Attribute | Value |
|-----------|-------|
| **API Call** | `Grid.best_ -> Ranker` |
| **Key Parameters** | None (property) |
| **Outputs** | the best ranker |
"""

SIMILAR_PAGES = example_pages(
    {
        "implementations/Demo_Encode_Corpus.md": (
            'from pkgsim import Encoder\n\nmodel = Encoder()\ncorpus_embeddings = model.encode(["a b", "b c", "c d"])\n'
        ),
        "implementations/Demo_Encode_Queries.md": 'emb = model.encode(["b c"])\n',
        "implementations/Demo_Grid_fit.md": (
            "from pkgsim import Grid, Ranker\n\nclf = Ranker()\n"
            'search = Grid(clf, {"k": [1, 2]})\nsearch.fit([[0.5, 1.0]])\n'
        ),
        "implementations/Demo_dump.md": 'import pkgsim\n\npkgsim.dump(clf, "out/model.txt")\n',
        "implementations/Demo_rank.md": 'ranked = model.rank([{"q"}, {"r"}], top=2)\n',
    }
)
SIMILAR_PAGES["implementations/Demo_Similarity.md"] = """== I/O Contract ==
=== Outputs ===
{| class="wikitable"
|-
! Name !! Type !! Description
|-
| similarities || list || one row per embedding of a
|}
== Usage Examples ==
<syntaxhighlight lang="python">
sentences = ["x y", "y z"]
embeddings = model.encode(sentences)
similarities = model.similarity(embeddings, embeddings)
print(similarities)
</syntaxhighlight>
Query against corpus:
<syntaxhighlight lang="python">
scores = model.similarity(X_new, corpus_embeddings)
</syntaxhighlight>
"""

PKGSIM = """
from pathlib import Path


class Encoder:
    def __init__(self, name="tiny"):
        self.name = name

    def encode(self, sentences):
        return [set(s.split()) for s in sentences]

    def similarity(self, a, b):
        print(f"scoring {len(a)}x{len(b)}")
        return [[len(x & y) / len(x | y) for y in b] for x in a]

    def rank(self, rows, top=1, log=None):
        print(f"ranking {len(rows)} rows, top {top}, log {type(log).__name__}")
        return rows[:top]


class Ranker:
    def __init__(self, k=0):
        self.k, self.fitted = k, False

    def __repr__(self):
        return f"Ranker(k={self.k}, fitted={self.fitted})"


class Grid:
    def __init__(self, estimator, grid):
        self.estimator, self.grid = estimator, grid

    def fit(self, scores):
        self.best_ = Ranker(max(self.grid["k"]))
        self.best_.fitted = bool(scores)
        return self


def dump(value, filename):
    Path(filename).parent.mkdir(parents=True, exist_ok=True)
    Path(filename).write_text(repr(value))
"""


def test_an_example_reading_earlier_results_beats_one_remaking_them_and_inputs_cite_an_attribute(tmp_path):
    """Three classes seen on unseen wikis:
    - the similarity page's first example encodes its own sentences (`embeddings = model.encode(sentences)`, the
      call steps 2 and 3 made, under a name of its own), the second scores what they made: the step is the second,
      and scores step 3's query against step 2's corpus (it once scored the example's two sentences, 2x2);
    - "Matrix `X_new`" in Outputs names the step's result `X_new` (capital data names were taken for types), so
      the example reading `X_new` finds it;
    - "`search.best_`" in the save step's Inputs: the step saves the fitted best, not the unfitted `clf` the
      example passes (it once saved step 5's unfitted ranker, silently);
    - `model.rank(X_new, top=..., log=search)` in the API cell: the call ranks step 3's rows, not the example's
      literal ones, and logs to step 5's search, which the example never passes;
    - `Grid.best_ -> Ranker`, an attribute read through the class's name, reads it from step 5's Grid (the step
      was a manual one that did nothing); `fit` returned the search as `grid`, the latest Grid."""
    build_file_tree(tmp_path / "lib", {"pkgsim/__init__.py": PKGSIM})
    item = generated(tmp_path, {"_WorkflowIndex.md": SIMILAR_INDEX, **SIMILAR_PAGES})
    steps = {p.name[:7]: p.read_text() for p in (item.output_dir / "src").rglob("step_0*.py")}
    assert 'produces=("X_new",)' in steps["step_03"], steps["step_03"]
    assert 'consumes=("model", "X_new", "corpus_embeddings")' in steps["step_04"], steps["step_04"]
    assert "pkgsim.dump(search.best_," in steps["step_06"], steps["step_06"]
    assert "best = grid.best_" in steps["step_08"] and 'status="bound"' in steps["step_08"], steps["step_08"]
    proc = run_workflow(item, tmp_path / "lib")
    assert "scoring 1x3" in proc.stdout + proc.stderr
    assert "ranking 1 rows, top 1, log Grid" in proc.stdout + proc.stderr
    assert (item.output_dir / "out" / "model.txt").read_text() == "Ranker(k=2, fitted=True)"
    run_generated_tests(item, tmp_path / "lib")


PLAIN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Plain

**Description:** Make data, pair it, search an objective the user writes, write the pairs.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgplain.make(n: int = 4) -> tuple` |
| **Implementation** | `Demo_make` |
| **Outputs** | `X`, `y` |

### Step 2: Pair

| Attribute | Value |
|-----------|-------|
| **API Call** | list of `(x, label)` tuples |
| **Implementation** | `Demo_Pairs` |
| **Outputs** | `pairs` |

### Step 3: Objective

| Attribute | Value |
|-----------|-------|
| **API Call** | `objective(trial) -> float` (user-defined; uses `trial.suggest(low, high)`) |
| **Implementation** | `Demo_Objective` |
| **Key Parameters** | search space: `k` 1-3 |
| **Inputs** | `X`, `y` from Step 1 |
| **Outputs** | `objective` callable |

### Step 4: Optimize

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgplain.optimize(objective, n_trials: int = 3) -> float` |
| **Implementation** | `Demo_optimize` |
| **Outputs** | `best` |

### Step 5: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.to_csv(path) -> str \\| None` |
| **Implementation** | `Demo_to_csv` |
| **Outputs** | `scores.csv` with columns `id`, `score` |
"""

PLAIN_PAGES = example_pages(
    {
        "implementations/Demo_make.md": "import pkgplain\n\nX, y = pkgplain.make(n=4)\n",
        "implementations/Demo_Pairs.md": "pairs = [(x, label) for x, label in zip(X, y)]\n",
        "implementations/Demo_Objective.md": (
            "import pkgplain\n\n\ndef objective(trial):\n    k = trial.suggest(1, 3)\n"
            "    return pkgplain.score(X, y, k)\n"
        ),
        "implementations/Demo_optimize.md": "import pkgplain\n\nbest = pkgplain.optimize(objective, n_trials=3)\n",
        "implementations/Demo_to_csv.md": 'from pkgplain import Frame\n\nFrame(pairs).to_csv("out/scores.csv")\n',
    }
)

PKGPLAIN = """
from pathlib import Path


def make(n=4):
    X = list(range(n))
    return X, [x % 2 for x in X]


class Trial:
    def __init__(self, k):
        self.k = k

    def suggest(self, low, high):
        return min(max(self.k, low), high)


def score(X, y, k):
    return sum(1 for x, label in zip(X, y) if (x % k == 1) == bool(label)) / len(X)


def optimize(objective, n_trials=3):
    best = max(objective(Trial(k)) for k in range(1, n_trials + 1))
    print(f"best {best}")
    return best


class Frame:
    def __init__(self, rows):
        self.rows = rows

    def to_csv(self, path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text("id,score\\n" + "".join(f"{a},{b}\\n" for a, b in self.rows))
"""


def test_plain_code_a_user_function_handed_on_and_a_files_columns_all_run(tmp_path):
    """Three classes seen on unseen wikis, each of which stopped the run:
    - a Pattern Doc with no library call (`pairs = [(x, label) for x, label in zip(X, y)]`) was a stub: the page's
      own code is the step, reading step 1's results;
    - a user-written objective (`def objective(trial)` closing over step 1's `X` and `y`) was a stub asking for
      four search-range keys and taking no `X`: the function is defined in run() and handed on to step 4;
    - "`scores.csv` with columns `id`, `score`" in Outputs names a file's columns, not two results: `to_csv`'s None
      was unpacked (TypeError: cannot unpack non-iterable NoneType object)."""
    build_file_tree(tmp_path / "lib", {"pkgplain/__init__.py": PKGPLAIN})
    item = generated(tmp_path, {"_WorkflowIndex.md": PLAIN_INDEX, **PLAIN_PAGES})
    steps = {p.name[:7]: p.read_text() for p in (item.output_dir / "src").rglob("step_0*.py")}
    assert 'status="bound"' in steps["step_02"] and 'consumes=("X", "y")' in steps["step_02"], steps["step_02"]
    assert 'consumes=("X", "y")' in steps["step_03"] and "def objective(trial):" in steps["step_03"]
    assert "id, score =" not in steps["step_05"], steps["step_05"]
    proc = run_workflow(item, tmp_path / "lib")
    assert "best 1.0" in proc.stdout + proc.stderr
    assert (item.output_dir / "out" / "scores.csv").read_text() == "id,score\n0,0\n1,1\n2,0\n3,1\n"
    run_generated_tests(item, tmp_path / "lib")


FEATURES_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Features

**Description:** Load a trained model, build its transform, extract pooled features, save them.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgvis.create_model(name: str, pretrained: bool = False, num_classes: int = 3) -> Model` |
| **Implementation** | `Demo_create_model` |
| **Outputs** | Model in eval mode |

### Step 2: Transform

| Attribute | Value |
|-----------|-------|
| **API Call** | `create_transform(size: int = 4) -> Compose` |
| **Implementation** | `Demo_create_transform` |
| **Inputs** | Model |
| **Outputs** | `transform` |

### Step 3: Features

| Attribute | Value |
|-----------|-------|
| **API Call** | `model.forward_features(x: Tensor) -> Tensor`; `model.forward_head(x: Tensor, pre_logits: bool = False) -> Tensor` |
| **Implementation** | `Demo_forward_head` |
| **Inputs** | Model, images |
| **Outputs** | Tensor `[N, D]` |

### Step 4: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgvis.save({"features": Tensor}, path)` |
| **Implementation** | `Demo_save` |
| **Key Parameters** | `output_dir: str` - where `features.json` is written, `features: Tensor` - pooled embeddings |
| **Inputs** | Features |
| **Outputs** | `features.json` |
"""

FEATURES_PAGES = example_pages(
    {
        "implementations/Demo_create_model.md": (
            'import pkgvis\n\nmodel = pkgvis.create_model("tiny", num_classes=3)\nmodel.eval()\n'
        ),
        "implementations/Demo_create_transform.md": (
            "import pkgvis\nfrom pkgvis import Image, create_transform\n\n"
            'model = pkgvis.create_model("hub-model", pretrained=True).eval()\n'
            "transform = create_transform(size=model.num_classes)\n"
            'img = Image.open("dog.txt")\n'
            "x = transform(img)\n"
        ),
        "implementations/Demo_forward_head.md": (
            "import pkgvis\n\n"
            'model = pkgvis.create_model("other-hub-model", pretrained=True).eval()\n'
            "fmap = model.forward_features(x)\n"
            "emb = model.forward_head(fmap, pre_logits=True)\n"
        ),
        "implementations/Demo_save.md": (
            'import os\nimport pkgvis\n\npkgvis.save({"features": features}, os.path.join(output_dir, "features.json"))\n'
        ),
    }
)

PKGVIS = """
import json
import os


class Tensor(list):
    pass


class Model:
    def __init__(self, name, num_classes):
        self.name, self.num_classes, self.training = name, num_classes, True

    def eval(self):
        self.training = False
        return self

    def forward_features(self, x):
        return Tensor(v * 2 for v in x)

    def forward_head(self, x, pre_logits=False):
        return Tensor([sum(x)]) if pre_logits else x


def create_model(name, pretrained=False, num_classes=3):
    if pretrained:
        raise RuntimeError(f"no network here: cannot download the weights of {name}")
    return Model(name, num_classes)


def create_transform(size=4):
    return lambda image: Tensor(image[:size])


class Image:
    @staticmethod
    def open(path):
        with open(path) as handle:
            return [ord(c) for c in handle.read()]


def save(obj, path):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w") as handle:
        json.dump(obj, handle)
"""


def test_an_example_remaking_the_model_a_file_it_opens_and_a_typed_result_all_run(tmp_path):
    """Three classes seen on a timm wiki, each of which stopped the run:
    - step 3's example makes its own hub model (`create_model("...", pretrained=True).eval()`) where step 1 made the
      model and step 2 turned it to eval mode (`model = model.eval()`, which had hidden what made it): the step works
      on step 1's model, never downloading another;
    - step 2's example opens an image after its call (`img = Image.open("dog.txt")`, then `x = transform(img)`): the
      image was a REQUIRED key asking for an object, now it is opened from a path key;
    - step 4 saves `features`, a Tensor no step made by that name: it was built by the prompt loader from a config
      value (a tokenizer and a prompt); it is the Tensor step 3 made (`forward_head(...) -> Tensor`)."""
    build_file_tree(tmp_path / "lib", {"pkgvis/__init__.py": PKGVIS})
    item = generated(tmp_path, {"_WorkflowIndex.md": FEATURES_INDEX, **FEATURES_PAGES})
    steps = {p.name[:7]: p.read_text() for p in (item.output_dir / "src").rglob("step_0*.py")}
    assert "pretrained" not in steps["step_03"] and 'consumes=("model", "x")' in steps["step_03"], steps["step_03"]
    assert 'filename": Param("str", default="dog.txt")' in steps["step_02"], steps["step_02"]
    assert "loaders" not in steps["step_04"] and 'consumes=("emb",)' in steps["step_04"], steps["step_04"]
    (item.output_dir / "dog.txt").write_text("abcdef")
    run_workflow(item, tmp_path / "lib", "--set", "4.output_dir=out")
    # "abc" (the transform keeps model.num_classes = 3 characters), doubled, summed: 2 * (97 + 98 + 99)
    assert json.loads((item.output_dir / "out" / "features.json").read_text()) == {"features": [588]}
    run_generated_tests(item, tmp_path / "lib")


EXPLAIN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Explain

**Description:** Read rows, explain them, write the parts.

### Step 1: Rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgx.Frame(data: dict) -> Frame` |
| **Implementation** | `Demo_Frame` |
| **Outputs** | `rows` |

### Step 2: Explain

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgx.explain(rows, *, contribs: bool = True, margin: bool = False) -> list` |
| **Implementation** | `Demo_explain` |
| **Key Parameters** | `contribs: bool` - one part per feature |
| **Inputs** | `rows` |
| **Outputs** | `parts.csv` - one part per row, beside its `id` |
"""

EXPLAIN_PAGES = example_pages(
    {
        "implementations/Demo_Frame.md": 'import pkgx\n\nrows = pkgx.Frame({"id": ["a", "b"], "v": [1, 2]})\n',
        "implementations/Demo_explain.md": [
            "import pkgx\n\n"
            "parts = pkgx.explain(rows, contribs=True)\n"
            'table = pkgx.Frame({"id": rows["id"], "part": parts})\n'
            'table.to_csv("parts.csv")\n',
            "import pkgx\n\nmargin = pkgx.explain(rows, margin=True)\n",
        ],
    }
)

PKGX = """
class Frame(dict):
    def to_csv(self, path):
        columns = list(self)
        lines = [",".join(columns)]
        lines += [",".join(str(self[c][n]) for c in columns) for n in range(len(self[columns[0]]))]
        with open(path, "w") as handle:
            handle.write("\\n".join(lines) + "\\n")


def explain(rows, contribs=False, margin=False):
    if margin:
        return [sum(rows["v"])]
    return [v * 10 for v in rows["v"]] if contribs else list(rows["v"])
"""


def test_the_example_writing_the_file_the_outputs_name_is_the_step_though_it_builds_a_frame_again(tmp_path):
    """Seen on an xgboost wiki: the explain step's first example computes the contributions and writes
    `contribs.csv`, the file its Outputs name, building a DataFrame of them on the way; the second, shorter, checks
    margins. The first counted as remaking step 1's frame (`pd.DataFrame(...)` made that one too) and the shorter won:
    the step computed margins and wrote nothing. A call on what the step's own call made is new work, and the
    example writing the file the Outputs name is the step's."""
    build_file_tree(tmp_path / "lib", {"pkgx/__init__.py": PKGX})
    item = generated(tmp_path, {"_WorkflowIndex.md": EXPLAIN_INDEX, **EXPLAIN_PAGES})
    step = next((item.output_dir / "src").rglob("step_02_*.py")).read_text()
    assert "margin=" not in step and 'consumes=("rows",)' in step, step
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "parts.csv").read_text() == "id,part\na,10\nb,20\n"
    run_generated_tests(item, tmp_path / "lib")


KEYED_FILE_INDEX = EXPLAIN_INDEX.replace(
    "| **Outputs** | `parts.csv` - one part per row, beside its `id` |",
    "| **Key Parameters** | `output_path: str` - CSV file the parts are written to |\n"
    "| **Outputs** | one part per row, as a CSV at `output_path` |",
).replace("| **Key Parameters** | `contribs: bool` - one part per feature |\n", "")


def test_the_example_writing_the_file_the_outputs_name_by_its_key_is_the_step(tmp_path):
    """Seen on a statsmodels wiki: the forecast step's Outputs promise a "CSV at `output_path`", a path its Key
    Parameters document; its first example writes the forecast table (`table.to_csv("forecast.csv")`), a later one
    only prints a summary. The shorter won: the step wrote nothing and `output_path` was no key. The example writing
    a file, where the Outputs name it by its key, is the step's, and its file is the key."""
    build_file_tree(tmp_path / "lib", {"pkgx/__init__.py": PKGX})
    item = generated(tmp_path, {"_WorkflowIndex.md": KEYED_FILE_INDEX, **EXPLAIN_PAGES})
    step = next((item.output_dir / "src").rglob("step_02_*.py")).read_text()
    assert "margin=" not in step and "table.to_csv(output_path)" in step, step
    run_workflow(item, tmp_path / "lib", "--set", "2.output_path=out/table.csv")
    assert (item.output_dir / "out" / "table.csv").read_text() == "id,part\na,10\nb,20\n"
    assert not (item.output_dir / "parts.csv").exists()
    run_generated_tests(item, tmp_path / "lib")


USER_LOOP_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_User_Loop

**Description:** Make a model, train it with a loop the user writes, save it.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkguloopz.make() -> tuple` |
| **Implementation** | `Demo_make` |
| **Outputs** | `model`, `train_items` |

### Step 2: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | User-defined loop (mirrors `fit_one` in `train.py`): `model.update(x)` for each item, every epoch |
| **Source Location** | `train.py:L10-80` (fit_one), `pkguloopz/core.py:L1-9` |
| **Implementation** | `Demo_Loop_Pattern` |
| **Inputs** | `model` and `train_items` from Step 1 |
| **Outputs** | Trained `model` (weights updated in place) |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `Model.save(path: str)` |
| **Implementation** | `Demo_save` |
| **Inputs** | `model` from Step 2 |
"""

USER_LOOP_PAGES = example_pages(
    {
        "implementations/Demo_make.md": "import pkguloopz\n\nmodel, train_items = pkguloopz.make()\n",
        "implementations/Demo_Loop_Pattern.md": (
            "for epoch in range(2):\n    for x in items:\n        model.update(x)\n    print(epoch, model.total)\n"
        ),
        "implementations/Demo_save.md": 'model.save("out/total.txt")\n',
    }
)

PKGULOOPZ = """
import os


class Model:
    total = 0

    def update(self, value):
        self.total += value

    def save(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as handle:
            handle.write(str(self.total))


def make():
    return Model(), [1, 2, 4]
"""


def test_a_user_written_loop_is_the_step_reading_the_cited_result_its_name_qualifies(tmp_path):
    """timm trial, training step 6: the API cell "User-defined loop (mirrors `train_one_epoch` in `train.py`): ..."
    was read as the function it mirrors, so the page's runnable loop was not taken as the step's code, and the loop
    reads `loader` where the Inputs cite `train_loader` from Step 3: the step was a stub. A page typed
    "Pattern (user-defined)" is code the user writes, and a name the loop reads that nothing makes is the one cited
    result named as it, qualified (`train_loader` for `loader`)."""
    build_file_tree(tmp_path / "lib", {"pkguloopz/__init__.py": PKGULOOPZ})
    item = generated(tmp_path, {"_WorkflowIndex.md": USER_LOOP_INDEX, **USER_LOOP_PAGES})
    train = item.plan.steps[1].binding
    assert train.status.name == "BOUND" and "in train_items:" in train.body, train.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "out" / "total.txt").read_text() == "14"  # two epochs over 1 + 2 + 4
    run_generated_tests(item, tmp_path / "lib")


CKPT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Checkpoint

**Description:** Make a model, save a checkpoint of it.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgckptz.make() -> dict` |
| **Implementation** | `Demo_make` |
| **Outputs** | `model` |

### Step 2: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgckptz.save(obj: dict, f: str)` |
| **Implementation** | `Demo_save` |
| **Key Parameters** | `checkpoint_path: str` - output file, e.g. `out/ckpt.txt` |
| **Inputs** | `model` from Step 1 |
| **Outputs** | Checkpoint file on disk |
"""

CKPT_PAGES = example_pages(
    {
        "implementations/Demo_make.md": "import pkgckptz\n\nmodel = pkgckptz.make()\n",
        "implementations/Demo_save.md": 'import pkgckptz\n\npkgckptz.save({"weights": model["w"]}, "out/ckpt.txt")\n',
    }
)

PKGCKPTZ = """
def make():
    return {"w": 3}


def save(obj, f):
    with open(f, "w") as handle:
        handle.write(repr(obj))
"""


def test_a_file_passed_by_position_takes_the_documented_path_key_not_the_signatures_name(tmp_path):
    """Seen on a timm wiki: `torch.save({...}, "output/checkpoint.pth.tar")` for the API `torch.save(obj, f)`, where
    the Key Parameters document `checkpoint_path: str` - "output file, e.g. `output/checkpoint.pth.tar`". The file
    became a key `f`, undocumented, and `checkpoint_path` was no key. A file text passed by position takes the path
    key the wiki documents for it, as one passed by keyword does."""
    build_file_tree(tmp_path / "lib", {"pkgckptz/__init__.py": PKGCKPTZ})
    item = generated(tmp_path, {"_WorkflowIndex.md": CKPT_INDEX, **CKPT_PAGES})
    step = next((item.output_dir / "src").rglob("step_02_*.py")).read_text()
    assert '"checkpoint_path": Param(' in step and '"f":' not in step, step
    run_workflow(item, tmp_path / "lib", "--set", "2.checkpoint_path=saved/model.txt")
    assert (item.output_dir / "saved" / "model.txt").read_text() == "{'weights': 3}"
    run_generated_tests(item, tmp_path / "lib")


FOLDER_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Thumbs

**Description:** Make thumbnails, write them to a folder.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfolderz.thumbnails() -> list` |
| **Implementation** | `Demo_thumbnails` |
| **Outputs** | `images` |

### Step 2: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfolderz.write(path, text: str) -> None` |
| **Implementation** | `Demo_write` |
| **Key Parameters** | `output_dir: str` - destination folder for the thumbnails (created if missing) |
| **Inputs** | `images` from Step 1 |
| **Outputs** | One `<name>_thumb.txt` file per image in `output_dir` |
"""

FOLDER_PAGES = example_pages(
    {
        "implementations/Demo_thumbnails.md": "import pkgfolderz\n\nimages = pkgfolderz.thumbnails()\n",
        "implementations/Demo_write.md": (
            "from pathlib import Path\n\nimport pkgfolderz\n\n"
            'out = Path("thumbs")\n'
            "out.mkdir(exist_ok=True)\n"
            "for name, text in images:\n"
            '    pkgfolderz.write(out / f"{name}_thumb.txt", text)\n'
        ),
    }
)

PKGFOLDERZ = """
def thumbnails():
    return [("a", "AA"), ("b", "BB")]


def write(path, text):
    with open(path, "w") as handle:
        handle.write(text)
"""


def test_the_folder_an_example_names_is_the_folder_key_the_wiki_documents(tmp_path):
    """Seen on a pillow wiki: `out = Path("thumbs")`, where the Key Parameters document `output_dir: str` -
    "destination folder for the thumbnails". The folder stayed hard-coded: the thumbnails went to `thumbs/` whatever
    the user set, and `output_dir` was no key. The one folder the statements name is the one folder key the wiki
    documents."""
    build_file_tree(tmp_path / "lib", {"pkgfolderz/__init__.py": PKGFOLDERZ})
    item = generated(tmp_path, {"_WorkflowIndex.md": FOLDER_INDEX, **FOLDER_PAGES})
    step = next((item.output_dir / "src").rglob("step_02_*.py")).read_text()
    assert "out = Path(output_dir)" in step and '"output_dir": Param("str", default="thumbs"' in step, step
    run_workflow(item, tmp_path / "lib", "--set", "2.output_dir=pics")
    assert (item.output_dir / "pics" / "b_thumb.txt").read_text() == "BB"
    assert not (item.output_dir / "thumbs").exists()
    run_generated_tests(item, tmp_path / "lib")


WITH_OPEN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Predict

**Description:** Score items, write the predictions.

### Step 1: Items

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrowsz.items() -> list` |
| **Implementation** | `Demo_items` |
| **Outputs** | `items` |

### Step 2: Predict

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrowsz.score(item: str) -> int` |
| **Implementation** | `Demo_score` |
| **Inputs** | `items` from Step 1 |
| **Outputs** | Per-item predictions (written to `predictions.csv`) |
"""

WITH_OPEN_PAGES = example_pages(
    {
        "implementations/Demo_items.md": "import pkgrowsz\n\nitems = pkgrowsz.items()\n",
        "implementations/Demo_score.md": (
            "import pkgrowsz\n\n"
            "rows = []\n"
            "for item in items:\n"
            '    rows.append(f"{item},{pkgrowsz.score(item)}")\n\n'
            'with open("predictions.csv", "w") as f:\n'
            '    f.write("\\n".join(rows) + "\\n")\n'
        ),
    }
)

PKGROWSZ = """
def items():
    return ["ab", "abc"]


def score(item):
    return len(item)
"""


def test_the_block_writing_the_file_the_outputs_name_is_kept_after_the_steps_work(tmp_path):
    """Seen on a timm wiki: the prediction step's example fills `rows` in a loop, then writes them in a `with
    open("predictions.csv", "w") as f:` block; the Outputs say "(written to `predictions.csv`)". The slice ended with
    the loop that made `rows`: the file was never written. A later block writing the file the Outputs name is kept,
    as a later call writing it already was."""
    build_file_tree(tmp_path / "lib", {"pkgrowsz/__init__.py": PKGROWSZ})
    item = generated(tmp_path, {"_WorkflowIndex.md": WITH_OPEN_INDEX, **WITH_OPEN_PAGES})
    step = next((item.output_dir / "src").rglob("step_02_*.py")).read_text()
    assert "with open(" in step, step
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "predictions.csv").read_text() == "ab,2\nabc,3\n"
    run_generated_tests(item, tmp_path / "lib")


SCRIPT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Loop

**Description:** Make a model, train it with a loop the user writes, save it.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgscript.make() -> tuple` |
| **Implementation** | `Demo_make` |
| **Outputs** | `model`, `data` |

### Step 2: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | user loop modelled on `fit_one(epoch, model, data, device, args)` in `train.py` |
| **Source Location** | `train.py:L10-80` (script, not importable) |
| **Implementation** | `Demo_fit_one` |
| **Key Parameters** | `num_epochs: int = 2` - epochs to run |
| **Inputs** | Model, data |
| **Outputs** | Trained model |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `Model.save(path: str)` |
| **Implementation** | `Demo_save` |
| **Inputs** | Model |
"""

SCRIPT_PAGES = example_pages(
    {
        "implementations/Demo_make.md": "import pkgscript\n\nmodel, data = pkgscript.make()\n",
        "implementations/Demo_fit_one.md": (
            "import pkgscript\n\n"
            "scale = pkgscript.Scale(factor=2)\n"
            "for epoch in range(num_epochs):\n"
            "    for x in data:\n"
            "        model.update(scale(x), device)\n"
        ),
        "implementations/Demo_save.md": 'model.save("out/total.txt")\n',
    }
)

PKGSCRIPT = """
import os


class Model:
    total = 0

    def update(self, value, device):
        assert device == "cpu", device
        self.total += value

    def save(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as handle:
            handle.write(str(self.total))


class Scale:
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, value):
        return value * self.factor


def make():
    return Model(), [1, 2, 3]
"""


def test_a_loop_modelled_on_a_scripts_function_is_the_pages_example_not_an_import_of_the_script(tmp_path):
    """Seen on a timm wiki: the training step's API is `train_one_epoch(...)` of train.py, "(script, not
    importable)", and its page's example is the loop a user writes. The step imported the script
    (`from train import train_one_epoch`), which no install provides; the example's loop is the step, reading step
    1's model and data, its Key Parameter from config and `device`, a value it only passes on, as a key."""
    build_file_tree(tmp_path / "lib", {"pkgscript/__init__.py": PKGSCRIPT})
    item = generated(tmp_path, {"_WorkflowIndex.md": SCRIPT_INDEX, **SCRIPT_PAGES})
    step = next((item.output_dir / "src").rglob("step_02_*.py")).read_text()
    assert "from train import" not in step and "for epoch in range(num_epochs):" in step, step
    assert 'consumes=("data", "model")' in step and '"device": Param("")' in step, step
    run_workflow(item, tmp_path / "lib", "--set", "2.device=cpu")
    assert (item.output_dir / "out" / "total.txt").read_text() == "24"  # 2 epochs x (2 + 4 + 6)
    run_generated_tests(item, tmp_path / "lib")


MANY_MODULES_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Stats

**Description:** Summarise numbers.

### Step 1: Mean

| Attribute | Value |
|-----------|-------|
| **API Call** | `statistics.fmean(data) -> float` |
| **Implementation** | `Demo_fmean` |
| **Outputs** | `mean` |
"""


def test_an_example_importing_two_modules_on_one_line_gives_one_import_each(tmp_path):
    """`import math, statistics as st` in an example became the same line in the step: ruff's E401 in the generated
    repository (seen with `import numpy as np, onnxruntime as ort` on a timm wiki)."""
    page = example_pages(
        {"implementations/Demo_fmean.md": "import math, statistics as st\n\nmean = st.fmean([1.0, math.e, 3.0])\n"}
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": MANY_MODULES_INDEX, **page})
    body = item.plan.steps[0].binding.body
    assert "import math\n" in body and "import statistics as st\n" in body, body
    checked = ruff("check", "--no-cache", str(item.output_dir))
    assert checked.returncode == 0, checked.stdout
    proc = run_workflow(item, tmp_path)
    assert "mean" in proc.stdout + proc.stderr


CONTEXT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Export

**Description:** Make a model, trace it, check the traced copy.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgctx.make() -> str` |
| **Implementation** | `Demo_make` |
| **Outputs** | `model` |

### Step 2: Trace

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgctx.trace(model) -> Traced` |
| **Implementation** | `Demo_trace` |
| **Inputs** | Model |
| **Outputs** | `traced.txt` on disk |

### Step 3: Verify

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgctx.load(path) -> str` |
| **Implementation** | `Demo_load` |
| **Inputs** | Model, the traced file |
| **Outputs** | whether both agree |
"""

CONTEXT_PAGES = example_pages(
    {
        "implementations/Demo_make.md": "import pkgctx\n\nmodel = pkgctx.make()\n",
        "implementations/Demo_trace.md": (
            'import pkgctx\n\nwith pkgctx.no_grad():\n    traced = pkgctx.trace(model)\ntraced.save("traced.txt")\n'
        ),
        "implementations/Demo_load.md": (
            "import pkgctx\n\n"
            'loaded = pkgctx.load("traced.txt")\n'
            "with pkgctx.no_grad():\n"
            "    expected = pkgctx.forward(model)\n"
            "same = pkgctx.forward(loaded, checked=False) == expected\n"
            "assert same\n"
        ),
    }
)

PKGCTX = """
import contextlib

_STATE = {"grad": True}


@contextlib.contextmanager
def no_grad():
    _STATE["grad"] = False
    try:
        yield
    finally:
        _STATE["grad"] = True


class Traced:
    def __init__(self, model):
        self.model = model

    def save(self, path):
        with open(path, "w") as handle:
            handle.write(self.model)


def _needs_no_grad(what):
    if _STATE["grad"]:
        raise RuntimeError(what + " needs no_grad")


def make():
    return "abc"


def trace(model):
    _needs_no_grad("trace")
    return Traced(model)


def forward(model, checked=True):
    if checked:
        _needs_no_grad("forward")
    return len(model)


def load(path):
    with open(path) as handle:
        return handle.read()
"""


def test_a_with_that_opens_nothing_keeps_its_statements_in_the_slice_and_wraps_them(tmp_path):
    """Seen on a timm wiki: `with torch.no_grad(): traced = torch.jit.trace(...)` then `traced.save("model.pt")`.
    The step kept the call alone: no no_grad, and the save after the with was dropped. And in the verify step,
    `torch_out`, made inside a `with torch.no_grad():` the step reads, became a REQUIRED key asking for a tensor.
    A with that opens nothing is a setting around its statements: they are cut as any others, inside it."""
    build_file_tree(tmp_path / "lib", {"pkgctx/__init__.py": PKGCTX})
    item = generated(tmp_path, {"_WorkflowIndex.md": CONTEXT_INDEX, **CONTEXT_PAGES})
    trace = item.plan.steps[1].binding.body
    assert "with pkgctx.no_grad():\n    traced = pkgctx.trace(model)\n" in trace, trace
    assert "traced.save(" in trace, trace
    verify = item.plan.steps[2].binding.body
    assert "with pkgctx.no_grad():\n    expected = pkgctx.forward(model)\n" in verify, verify
    assert "expected" not in [p.name for p in item.plan.steps[2].binding.params], verify
    proc = run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "traced.txt").read_text() == "abc"
    assert "same: True" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


AXES_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Axes

**Description:** Export with named dynamic axes, then check the export.

### Step 1: Export

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgaxes.export(dynamic_axes) -> int` |
| **External Dependencies** | `pkgaxes` |
| **Key Parameters** | `dynamic_axes: dict = {"input": {0: "batch"}, "logits": {0: "batch", 1: "classes"}}` - axes by position |
| **Outputs** | `n` |

### Step 2: Check

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgaxes.check(n, strict=False)` |
| **External Dependencies** | `pkgaxes` |
| **Key Parameters** | `strict: bool = False` - fail loudly |
"""

PKGAXES = """
def export(dynamic_axes):
    for name, axes in dynamic_axes.items():
        for axis in axes:
            if not isinstance(axis, int):
                raise TypeError(f"axis {axis!r} of {name} is not an int")
    return sum(len(axes) for axes in dynamic_axes.values())


def check(n, strict=False):
    if strict:
        raise ValueError("graph(" + "%input : Float(1, 3, 224, 224), " * 400 + ")")
    return n
"""


def test_a_table_key_with_number_keys_reaches_the_library_with_numbers_and_a_long_error_is_cut(tmp_path):
    """Seen on a timm wiki: `dynamic_axes={"input": {0: "batch"}}` for torch.onnx.export. TOML writes every key of
    a table as a string, so the export got {"0": "batch"} and failed; the key's default says its keys are numbers,
    and the value read from config is given them back. The failure's message, the whole TorchScript graph (80 kB),
    filled the terminal: the step's error is cut, and -v shows the whole."""
    build_file_tree(tmp_path / "lib", {"pkgaxes/__init__.py": PKGAXES})
    item = generated(tmp_path, {"_WorkflowIndex.md": AXES_INDEX})
    config = (item.output_dir / "config.toml").read_text()
    assert 'dynamic_axes = { input = { 0 = "batch" }' in config, config
    proc = run_workflow(item, tmp_path / "lib")
    assert "n: 3" in proc.stderr, proc.stderr
    override = ["--set", '1.dynamic_axes={"input": {"2": "width"}, "logits": {"0": "batch"}}']
    assert "n: 2" in run_workflow(item, tmp_path / "lib", *override).stderr
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "run", "--no-save", "--set", "2.strict=true"]
    failed = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    assert failed.returncode == 1 and "ValueError: graph(%input" in failed.stderr, failed.stderr
    assert len(failed.stderr) < 2000 and "-v shows" in failed.stderr, len(failed.stderr)
    verbose = subprocess.run(
        [*command, "-v"], cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120
    )
    assert verbose.stderr.count("%input : Float") > 400, verbose.stderr[-500:]  # the traceback's message is whole


SETTER_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Setter

**Description:** Build a tokenizer, set its normalizer, encode.

### Step 1: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsetter.Tokenizer(vocab: dict) -> Tokenizer` |
| **Implementation** | `Demo_Tokenizer` |
| **Outputs** | `tokenizer` |

### Step 2: Normalize

| Attribute | Value |
|-----------|-------|
| **API Call** | `tokenizer.normalizer = pkgsetter.Sequence(normalizers: List[Normalizer])` using `Lowercase()` |
| **Implementation** | `Demo_Sequence` |
| **Key Parameters** | `normalizers: List[Normalizer]` - applied in order (e.g. `[Lowercase()]`) |
| **Inputs** | `Tokenizer` from Step 1 |
| **Outputs** | Same `Tokenizer` with its `normalizer` attribute set |

### Step 3: Encode

| Attribute | Value |
|-----------|-------|
| **API Call** | `Tokenizer.encode(text: str) -> list` |
| **Implementation** | `Demo_encode` |
| **Inputs** | `Tokenizer` from Step 2 |
| **Outputs** | `ids` |
"""

SETTER_PAGES = example_pages(
    {
        "implementations/Demo_Tokenizer.md": 'import pkgsetter\n\ntokenizer = pkgsetter.Tokenizer(vocab={"hello": 1, "world": 2})\n',
        "implementations/Demo_Sequence.md": (
            "from pkgsetter import Lowercase, Sequence\n\ntokenizer.normalizer = Sequence([Lowercase()])\n"
        ),
        "implementations/Demo_encode.md": 'ids = tokenizer.encode("Hello World")\n',
    }
)

PKGSETTER = """
class Lowercase:
    def __call__(self, text):
        return text.lower()


class Sequence:
    def __init__(self, normalizers):
        self.normalizers = list(normalizers)

    def __call__(self, text):
        for normalizer in self.normalizers:
            text = normalizer(text)
        return text


class Tokenizer:
    normalizer = None

    def __init__(self, vocab):
        self.vocab = vocab

    def encode(self, text):
        if self.normalizer is not None:
            text = self.normalizer(text)
        return [self.vocab.get(word, 0) for word in text.split()]
"""


def test_an_api_cell_setting_an_attribute_binds_the_call_it_assigns(tmp_path):
    """Seen on a tokenizers wiki: the API Call `tokenizer.normalizer = normalizers.Sequence(...)` (how a tokenizers
    pipeline, and many builder-style libraries, are configured) was read as prose: the step was a stub, and so
    was every step configuring the tokenizer. The call assigned is the API; the step sets the attribute on the
    earlier step's object and hands it on."""
    build_file_tree(tmp_path / "lib", {"pkgsetter/__init__.py": PKGSETTER})
    item = generated(tmp_path, {"_WorkflowIndex.md": SETTER_INDEX, **SETTER_PAGES})
    step = item.plan.steps[1].binding
    assert step.status.value == "bound" and "tokenizer.normalizer = Sequence([Lowercase()])" in step.body, step.body
    proc = run_workflow(item, tmp_path / "lib", "--set", '3.text="HELLO world"')
    assert "ids: list of 2: 1, 2" in proc.stderr, proc.stderr


CARRIER_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Retrain

**Description:** Search, load data, retrain with the best settings found.

### Step 1: Search

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgbest.create_study() -> Study` |
| **External Dependencies** | `pkgbest` |
| **Outputs** | `study` |

### Step 2: Data

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgbest.make_data() -> list` |
| **External Dependencies** | `pkgbest` |
| **Outputs** | `data` |

### Step 3: Retrain

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgbest.train(params: dict, data: list) -> int` |
| **Implementation** | `Demo_train` |
| **Inputs** | `study.best_params` from Step 1, data from Step 2 |
| **Outputs** | `score` |
"""

CARRIER_PAGES = example_pages(
    {
        "implementations/Demo_train.md": (
            "import pkgbest\n\n"
            "data = pkgbest.make_data()\n"
            'best_params = {"rate": 1}  # study.best_params\n'
            'base_params = {"base": 10}\n'
            "score = pkgbest.train({**base_params, **best_params}, data)\n"
        )
    }
)

PKGBEST = """
class Study:
    best_params = {"rate": 3}


def create_study():
    return Study()


def make_data():
    return [1, 2, 3]


def train(params, data):
    if not isinstance(data, list):
        raise TypeError(f"data must be a list, not {type(data).__name__}")
    return sum(data) * params["rate"] + params.get("base", 0)
"""


def test_an_attribute_the_inputs_cite_replaces_the_example_variable_named_like_it(tmp_path):
    """Seen on a lightgbm + optuna wiki: Inputs "`study.best_params` from Step 4, datasets from Step 1", and the
    example `best_params = {...}  # study.best_params` then `lgb.train({**base_params, **best_params}, dtrain)`.
    The attribute took the place of dtrain (the one earlier result the Inputs did not name), so training got a
    dict for its data; and best_params stayed a key holding the example's placeholder. The variable named like the
    attribute is what carries it: the attribute replaces that variable, and dtrain stays."""
    build_file_tree(tmp_path / "lib", {"pkgbest/__init__.py": PKGBEST})
    item = generated(tmp_path, {"_WorkflowIndex.md": CARRIER_INDEX, **CARRIER_PAGES})
    step = item.plan.steps[2].binding
    assert "pkgbest.train({**base_params, **study.best_params}, data)" in step.body, step.body
    assert "best_params" not in [p.name for p in step.params], step.params
    proc = run_workflow(item, tmp_path / "lib")
    assert "score: 28" in proc.stderr, proc.stderr  # (1 + 2 + 3) * 3 + 10: the study's rate, not the placeholder's


FRAMES_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Frames

**Description:** Load a training and a validation table, score, split another table.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgframes.read(path: str) -> Frame` |
| **Implementation** | `Demo_read` |
| **Outputs** | `train`, `valid`, `y_train`, `y_valid` with numeric `size` |

### Step 2: Score

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgframes.fit(frame, labels) -> float` |
| **Implementation** | `Demo_fit` |
| **Inputs** | `valid`, `y_valid` from Step 1 |
| **Outputs** | `score` |

### Step 3: Split

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgframes.split(frame, labels) -> tuple` |
| **Implementation** | `Demo_split` |
| **Outputs** | `first`, `second` |
"""

FRAMES_PAGES = example_pages(
    {
        "implementations/Demo_read.md": (
            "import pkgframes\n\n"
            'train = pkgframes.read("train.csv")\n'
            'valid = pkgframes.read("valid.csv")\n'
            'wide = pkgframes.read("wide.csv", sep=";")\n'
            'y_train = train.pop("label")\n'
            'y_valid = valid.pop("label")\n'
            'for col in ["size"]:\n'
            "    train[col] = [int(v) for v in train[col]]\n"
            "    valid[col] = [int(v) for v in valid[col]]\n"
        ),
        "implementations/Demo_fit.md": "score = pkgframes.fit(valid, y_valid)\n",
        "implementations/Demo_split.md": (
            "import pkgframes\n\n"
            'frame = pkgframes.read("train.csv")\n'
            'for col in ["size"]:\n'
            "    frame[col] = [int(v) for v in frame[col]]\n"
            'labels = frame.pop("label")\n'
            "first, second = pkgframes.split(frame, labels)\n"
        ),
    }
)

PKGFRAMES = """
import csv


def read(path):
    frame = {}
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            for key, value in row.items():
                frame.setdefault(key, []).append(value)
    return frame


def _check(frame):
    if "label" in frame:
        raise ValueError("the label is still a column")
    if not all(isinstance(v, int) for v in frame["size"]):
        raise TypeError("size must be numbers")


def fit(frame, labels):
    _check(frame)
    return sum(frame["size"]) / len(labels)


def split(frame, labels):
    _check(frame)
    return frame["size"][:1], frame["size"][1:]
"""


def test_a_second_file_read_as_the_first_and_a_loop_casting_columns_stay_with_the_step(tmp_path):
    """Seen on a lightgbm wiki. Step 1's example reads train.csv, then valid.csv by the same call, then pops the
    label of each: the step kept the first read and what reads it; `y_valid = valid.pop(...)`, on the second,
    was dropped, so the validation frame kept its label. And `for col in cats: df[col] = df[col].astype(
    "category")` before the split was dropped from the setup (string columns reached lightgbm, which refused them).
    The API called again right after, making another result, is the step's work; a loop filling in an object the
    setup makes comes with it."""
    build_file_tree(tmp_path / "lib", {"pkgframes/__init__.py": PKGFRAMES})
    item = generated(tmp_path, {"_WorkflowIndex.md": FRAMES_INDEX, **FRAMES_PAGES})
    load, _, split = (s.binding for s in item.plan.steps)
    assert 'y_valid = valid.pop("label")' in load.body or "y_valid = valid.pop(" in load.body, load.body
    assert "wide" not in load.body, load.body  # another way to call it (review): not the same call on other data
    assert "for col in" in split.body, split.body
    (item.output_dir / "train.csv").write_text("size,label\n1,0\n2,1\n5,1\n")
    (item.output_dir / "valid.csv").write_text("size,label\n1,0\n3,1\n")
    proc = run_workflow(item, tmp_path / "lib")
    assert "score: 2" in proc.stderr, proc.stderr  # (1 + 3) / 2, on the validation frame without its label
    assert "second: list of 2: 2, 5" in proc.stderr, proc.stderr


STUB_INPUTS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Stub_Inputs

**Description:** Build a tokenizer, tune it by a recipe nobody documents, encode.

### Step 1: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsetter.Tokenizer(vocab: dict) -> Tokenizer` |
| **Implementation** | `Demo_Tokenizer` |
| **Outputs** | `tokenizer` |

### Step 2: Tune

| Attribute | Value |
|-----------|-------|
| **API Call** | `VocabRecipe.apply(...)` |
| **Inputs** | `Tokenizer` from Step 1 |
| **Outputs** | `tokenizer` with a tuned vocabulary |

### Step 3: Encode

| Attribute | Value |
|-----------|-------|
| **API Call** | `Tokenizer.encode(text: str) -> list` |
| **Implementation** | `Demo_encode` |
| **Inputs** | `Tokenizer` from Step 2 |
| **Outputs** | `ids` |
"""


def test_a_stub_takes_what_its_inputs_cite_so_writing_its_body_is_enough(tmp_path):
    """Seen on a tokenizers wiki: a stub whose Inputs say "`Tokenizer` from Step 1" took nothing (`def run()`), so
    writing its body, as the README says, was not enough: its declaration had to be edited too. A stub now takes
    the earlier results its Inputs cite, by name or by the class a code span names."""
    build_file_tree(tmp_path / "lib", {"pkgsetter/__init__.py": PKGSETTER})
    item = generated(tmp_path, {"_WorkflowIndex.md": STUB_INPUTS_INDEX, **SETTER_PAGES})
    tune = item.plan.steps[1].binding
    assert tune.status.value == "stub" and tune.consumes == ("tokenizer",), tune
    module = next((item.output_dir / "src").rglob("step_02_*.py"))
    text = module.read_text()
    stub = next(node for node in ast.walk(ast.parse(text)) if isinstance(node, ast.Raise))
    lines = text.split("\n")
    lines[stub.lineno - 1 : stub.end_lineno] = [
        "    tokenizer.vocab['hello'] = 7",
        "    return {'tokenizer': tokenizer}",
    ]
    module.write_text("\n".join(lines))
    proc = run_workflow(item, tmp_path / "lib", "--set", '3.text="hello world"')
    assert "ids: list of 2: 7, 2" in proc.stderr, proc.stderr


OBJECTIVE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Tuning

**Description:** Define an objective over the data, create a study, optimise it, read the best value.

### Step 1: Data

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgopt.make_data() -> list` |
| **External Dependencies** | `pkgopt` |
| **Outputs** | `data` |

### Step 2: Objective

| Attribute | Value |
|-----------|-------|
| **API Call** | `objective(trial: pkgopt.Trial) -> float` (user-defined; calls `trial.suggest(low, high)`) |
| **Source Location** | User code; mirrors the library's quick start |
| **Implementation** | `Demo_objective` |
| **Inputs** | `data` from Step 1 |
| **Outputs** | A callable `objective(trial) -> float` |

### Step 3: Study

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgopt.create_study() -> Study` |
| **External Dependencies** | `pkgopt` |
| **Outputs** | `study` |

### Step 4: Optimize

| Attribute | Value |
|-----------|-------|
| **API Call** | `Study.optimize(func, n_trials: int = None) -> None` |
| **Implementation** | `Demo_optimize` |
| **Inputs** | Study from Step 3, objective from Step 2 |
| **Outputs** | Study with its trials |

### Step 5: Best

| Attribute | Value |
|-----------|-------|
| **API Call** | `study.best_value -> float` |
| **Outputs** | `best_value` |
"""

OBJECTIVE_PAGES = example_pages(
    {
        "implementations/Demo_objective.md": (
            "import pkgopt\n\n"
            "data = pkgopt.make_data()\n\n\n"
            "def objective(trial):\n"
            "    x = trial.suggest(0, 10)\n"
            "    return sum(data) * 10 - x\n\n\n"
            "study = pkgopt.create_study()\n"
            "study.optimize(objective, n_trials=3)\n"
            "print(study.best_value)\n"
        ),
        "implementations/Demo_optimize.md": (
            "import pkgopt\n\n\n"
            "def objective(trial):\n"
            "    x = trial.suggest(-10, 10)\n"
            "    return -((x - 2) ** 2)\n\n\n"
            "study = pkgopt.create_study()\n"
            "study.optimize(objective, n_trials=20)\n"
        ),
    }
)

PKGOPT = """
class Trial:
    def __init__(self, number):
        self.number = number

    def suggest(self, low, high):
        return low + self.number % (high - low + 1)


class Study:
    best_value = None

    def optimize(self, func, n_trials=10):
        for number in range(n_trials):
            value = func(Trial(number))
            if self.best_value is None or value > self.best_value:
                self.best_value = value


def create_study():
    return Study()


def make_data():
    return [1, 2, 3]
"""


def test_a_function_the_api_names_is_defined_and_handed_on_and_a_later_step_takes_it(tmp_path):
    """Seen on a lightgbm + optuna wiki. Step 2's API is `objective(trial) -> float`, user code: the step ran the
    page's whole demo (reading the data again, creating its own study, optimising it) and handed on no objective.
    Step 4's example defines a toy objective beside `study.optimize(objective, ...)`, and the step optimised the
    toy though its Inputs say "objective from Step 2". Now step 2 defines the function over step 1's data and
    hands it on, and step 4 takes it instead of its page's own def."""
    build_file_tree(tmp_path / "lib", {"pkgopt/__init__.py": PKGOPT})
    item = generated(tmp_path, {"_WorkflowIndex.md": OBJECTIVE_INDEX, **OBJECTIVE_PAGES})
    define, optimize = item.plan.steps[1].binding, item.plan.steps[3].binding
    assert define.produces == ("objective",) and "create_study" not in define.body, define.body
    assert "objective" in optimize.consumes and "def objective" not in optimize.body, optimize.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "best_value: 60" in proc.stderr, proc.stderr  # (1 + 2 + 3) * 10 - 0: step 2's objective, not the toy's


REFIT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Refit

**Description:** Load numbers, fit a model, predict on held-out numbers, write the predictions.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrefit.read(path: str) -> list` |
| **Implementation** | `Demo_read` |
| **Outputs** | `train` |

### Step 2: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrefit.Model.fit(xs) -> Model` |
| **Implementation** | `Demo_fit` |
| **Inputs** | `train` from Step 1 |
| **Outputs** | `model`, fitted |

### Step 3: Predict

| Attribute | Value |
|-----------|-------|
| **API Call** | `Model.predict(xs) -> list` |
| **Implementation** | `Demo_predict` |
| **Key Parameters** | `output_path: str` - where the predictions are written (e.g. "preds.txt") |
| **Inputs** | Fitted model from Step 2 |
| **Outputs** | `preds`; the predictions file |
"""

REFIT_PAGES = example_pages(
    {
        "implementations/Demo_read.md": 'import pkgrefit\n\ntrain = pkgrefit.read("train.txt")\n',
        "implementations/Demo_fit.md": "from pkgrefit import Model\n\nmodel = Model(k=2).fit(train)\n",
        "implementations/Demo_predict.md": (
            "import pkgrefit\n\n"
            'train = pkgrefit.read("train.txt")\n'
            "model = pkgrefit.Model(k=2).fit(train)\n"
            'xs = pkgrefit.read("test.txt")\n'
            "preds = model.predict([x - min(train) for x in xs])\n"
            'pkgrefit.write(preds, "preds.txt")\n'
        ),
    }
)

PKGREFIT = """
class Model:
    def __init__(self, k=1):
        self.k = k
        self.fits = 0

    def fit(self, xs):
        self.fits += 1
        self.scale = self.k * self.fits
        return self

    def predict(self, xs):
        return [x * self.scale for x in xs]


def read(path):
    with open(path) as handle:
        return [float(word) for word in handle.read().split()]


def write(values, path):
    with open(path, "w") as handle:
        handle.write(" ".join(str(v) for v in values))
"""


def test_an_example_fitting_the_model_again_takes_the_earlier_one_and_keeps_its_own_input_file(tmp_path):
    """Seen on a lightgbm wiki, in a predict step whose Inputs say "Fitted classifier from Step 2":
    - the example's `clf = LGBMClassifier(...).fit(df, y)` became `clf = clf.fit(df, y)`, refitting step 2's
      early-stopped model on the example's data; a model fitted again under its own name is the earlier one (also
      when the class is reached by another path: `lgb.LGBMClassifier` after `from lightgbm import ...`);
    - the file it predicts on, test.csv, took the default "predictions.csv", the file its Key Parameters say the
      step writes (and the example writes too): the step read its own output."""
    build_file_tree(tmp_path / "lib", {"pkgrefit/__init__.py": PKGREFIT})
    item = generated(tmp_path, {"_WorkflowIndex.md": REFIT_INDEX, **REFIT_PAGES})
    predict = item.plan.steps[2].binding
    assert ".fit(" not in predict.body and "model" in predict.consumes, predict.body
    defaults = {p.name: ast.literal_eval(p.default or "") for p in predict.params}
    # (the file it writes takes the key the Key Parameters document for it)
    assert "test.txt" in defaults.values() and defaults["output_path"] == "preds.txt", defaults
    (item.output_dir / "train.txt").write_text("1 2")
    (item.output_dir / "test.txt").write_text("2 4")
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "preds.txt").read_text() == "2.0 6.0"  # fitted once (scale 2), not twice (4)


EXPORT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Export_Files

**Description:** Make a model, plot its weights and export them.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgexport.make() -> Model` |
| **External Dependencies** | `pkgexport` |
| **Outputs** | `model` |

### Step 2: Export

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgexport.plot(model) -> Axes` |
| **Implementation** | `Demo_plot` |
| **Inputs** | Model from Step 1 |
| **Outputs** | `plot.txt` chart and `weights.csv` with columns `name, weight` |
"""

EXPORT_PAGES = example_pages(
    {
        "implementations/Demo_plot.md": (
            "import pkgexport\n\n"
            "model = pkgexport.make()\n"
            "ax = pkgexport.plot(model)\n"
            'ax.save("plot.txt")\n\n'
            "rows = sorted(model.weights.items())\n"
            'pkgexport.write_rows(rows, "weights.csv")\n'
            "print(rows)\n"
        )
    }
)

PKGEXPORT = """
class Model:
    weights = {"b": 2, "a": 1}


class Axes:
    def __init__(self, model):
        self.model = model

    def save(self, path):
        with open(path, "w") as handle:
            handle.write("*" * sum(self.model.weights.values()))


def make():
    return Model()


def plot(model):
    return Axes(model)


def write_rows(rows, path):
    with open(path, "w") as handle:
        handle.write("".join(f"{name},{weight}\\n" for name, weight in rows))
"""


def test_a_file_the_outputs_name_is_written_by_the_examples_later_statements(tmp_path):
    """Seen on a lightgbm wiki: Outputs "`feature_importance.png` bar chart and `feature_importance.csv`", and the
    example plots and saves the chart, then builds the table and writes the CSV. The step kept the plot and its
    save; the CSV, which reads nothing of the plot, was never written. Later statements writing a file the Outputs
    name come with the step, with the statements making what they read."""
    build_file_tree(tmp_path / "lib", {"pkgexport/__init__.py": PKGEXPORT})
    item = generated(tmp_path, {"_WorkflowIndex.md": EXPORT_INDEX, **EXPORT_PAGES})
    export = item.plan.steps[1].binding
    assert "write_rows(" in export.body and "print(" not in export.body, export.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "plot.txt").read_text() == "***"
    assert (item.output_dir / "weights.csv").read_text() == "a,1\nb,2\n"


HELDOUT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Heldout

**Description:** Load the training table, score a held-out table.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgframes.read(path: str) -> dict` |
| **Implementation** | `Demo_read_train` |
| **Outputs** | `train`, `y` |

### Step 2: Score

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgframes.fit(frame, labels) -> float` |
| **Implementation** | `Demo_fit_heldout` |
| **Outputs** | `score` |
"""

HELDOUT_PAGES = example_pages(
    {
        "implementations/Demo_read_train.md": (
            'import pkgframes\n\ntrain = pkgframes.read("train.csv")\ny = train.pop("label")\n'
        ),
        "implementations/Demo_fit_heldout.md": (
            "import pkgframes\n\n"
            'test = pkgframes.read("valid.csv")\n'
            'y = test.pop("label")\n'
            'test["size"] = [int(v) for v in test["size"]]\n'
            "score = pkgframes.fit(test, y)\n"
        ),
    }
)


def test_a_label_popped_off_the_frame_the_step_reads_comes_with_it(tmp_path):
    """Seen on a lightgbm wiki: the predict step's example reads test.csv and pops its label (`y_test =
    test_df.pop("churn")`), but step 1 already made a `y_test`: the pop was not needed for its result and was
    dropped, so the frame reached the model with its label column (7 features where it was trained on 6).
    Taking an item out of the object the setup makes fills it in, as an assignment into it does."""
    build_file_tree(tmp_path / "lib", {"pkgframes/__init__.py": PKGFRAMES})
    item = generated(tmp_path, {"_WorkflowIndex.md": HELDOUT_INDEX, **HELDOUT_PAGES})
    assert "test.pop('label')" in item.plan.steps[1].binding.body, item.plan.steps[1].binding.body
    (item.output_dir / "train.csv").write_text("size,label\n1,0\n2,1\n5,1\n")
    (item.output_dir / "valid.csv").write_text("size,label\n1,0\n3,1\n")
    proc = run_workflow(item, tmp_path / "lib")
    assert "score: 2" in proc.stderr, proc.stderr


CALLBACKS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Callbacks

**Description:** Configure callbacks, train with them.

### Step 1: Callbacks

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcb.stop_after(rounds: int) -> Callback` |
| **Implementation** | `Demo_stop_after` |
| **Key Parameters** | `rounds: int` - rounds without improvement (e.g. 3) |
| **Outputs** | `callbacks: list` to pass to `pkgcb.train(callbacks=...)` |

### Step 2: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcb.train(steps: int = 10, callbacks: list = None) -> int` |
| **Implementation** | `Demo_train_cb` |
| **Inputs** | callbacks from Step 1 |
| **Outputs** | `ran` |

### Step 3: Train More

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcb.train(steps: int = 10, callbacks: list = None) -> int` |
| **Implementation** | `Demo_train_more` |
| **Inputs** | callbacks from Step 1 |
| **Outputs** | `more` |
"""

CALLBACKS_PAGES = example_pages(
    {
        "implementations/Demo_stop_after.md": "import pkgcb\n\ncallbacks = [pkgcb.stop_after(rounds=3)]\n",
        "implementations/Demo_train_cb.md": (
            "import pkgcb\n\nran = pkgcb.train(steps=10, callbacks=[pkgcb.stop_after(rounds=5)])\n"
        ),
        "implementations/Demo_train_more.md": (
            "import pkgcb\n\nmore = pkgcb.train(steps=10, callbacks=callbacks + [pkgcb.stop_after(rounds=2)])\n"
        ),
    }
)

PKGCB = """
def stop_after(rounds):
    return rounds


def train(steps=10, callbacks=None):
    return min([steps, *(callbacks or [])])
"""


def test_a_keyword_named_like_a_result_the_inputs_cite_takes_that_result(tmp_path):
    """Seen on a lightgbm wiki: step 3 configures `callbacks`, and step 4's Inputs say "callbacks from Step 3",
    but its example builds its own `callbacks=[lgb.early_stopping(20), lgb.log_evaluation(10)]` inline. The step
    trained with those, from keys of its own, and step 3's callbacks and keys had no effect."""
    build_file_tree(tmp_path / "lib", {"pkgcb/__init__.py": PKGCB})
    item = generated(tmp_path, {"_WorkflowIndex.md": CALLBACKS_INDEX, **CALLBACKS_PAGES})
    train = item.plan.steps[1].binding
    assert "callbacks" in train.consumes and "callbacks=callbacks" in train.body, train.body
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.rounds=4")
    assert "ran: 4" in proc.stderr, proc.stderr  # step 1's callback (4 rounds), not the example's own (5)
    assert "more: 2" in proc.stderr, proc.stderr  # a value working on the cited result keeps its work (review)


TABLE_ROWS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Table_Rows

**Description:** Read rows, make a table of them.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtablerows.read(path)` |
| **External Dependencies** | `pkgtablerows` |
| **Key Parameters** | `path: str = "in.csv"` - the file |
| **Outputs** | `rows: list[list[str]]` |

### Step 2: Table

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtablerows.add_table(rows: int, cols: int)` |
| **Implementation** | `Demo_Add_Table` |
| **External Dependencies** | `pkgtablerows` |
| **Inputs** | The data rows from Step 1 |
| **Outputs** | `table` |
"""

PKGTABLEROWS = """
def read(path):
    return [["a", "b"], ["c", "d"]]


def add_table(rows, cols):
    return [[""] * cols for _ in range(rows)]
"""


def test_a_number_the_example_passes_is_no_result_the_inputs_cite(tmp_path):
    """Seen on an unseen python-docx wiki: `document.add_table(rows=1, cols=len(header))`, the Inputs citing the
    "data rows from Step 4" (a `rows: list[list[str]]`): the count was replaced by the CSV's rows, and python-docx
    failed multiplying a list. A number written out is a setting (a key of its own), never the cited result."""
    build_file_tree(tmp_path / "lib", {"pkgtablerows/__init__.py": PKGTABLEROWS})
    page = "import pkgtablerows\n\nrows = pkgtablerows.read('in.csv')\ntable = pkgtablerows.add_table(rows=1, cols=2)\n"
    item = generated(
        tmp_path, {"_WorkflowIndex.md": TABLE_ROWS_INDEX, **example_pages({"implementations/Demo_Add_Table.md": page})}
    )
    body = item.plan.steps[1].binding.body
    assert "add_table(rows=rows" not in body, body
    proc = run_workflow(item, tmp_path / "lib")
    assert "table: list of 1" in proc.stdout + proc.stderr, proc.stderr


OPEN_DOC_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Open_Doc

**Description:** Open a document, read its text.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgopendoc.Document(docx)` |
| **Implementation** | `Demo_Open_Document` |
| **External Dependencies** | `pkgopendoc` |
| **Outputs** | `document` |

### Step 2: Text

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgopendoc.text_of(document)` |
| **External Dependencies** | `pkgopendoc` |
| **Inputs** | `document` from Step 1 |
| **Outputs** | `text` |
"""

PKGOPENDOC = """
class Document:
    def __init__(self, docx):
        self.name = docx

    def save(self, path):
        open(path, "w").write(self.name)


def text_of(document):
    return "text of " + document.name
"""


def test_a_step_whose_outputs_name_no_file_does_not_save_what_it_made(tmp_path):
    """Seen on an unseen python-docx wiki: the open page's example `document = Document("existing.docx")` then
    `document.save("new-file-name.docx")`, in a workflow that extracts text: the load step wrote a file nothing
    reads, into the working folder, and asked for its name. A save after the step's call goes when the Outputs name
    no file."""
    build_file_tree(tmp_path / "lib", {"pkgopendoc/__init__.py": PKGOPENDOC})
    page = (
        'from pkgopendoc import Document\n\ndocument = Document("existing.docx")\ndocument.save("new-file-name.docx")\n'
    )
    pages = example_pages({"implementations/Demo_Open_Document.md": page})
    item = generated(tmp_path, {"_WorkflowIndex.md": OPEN_DOC_INDEX, **pages})
    opened = item.plan.steps[0].binding
    assert "save(" not in opened.body and [p.name for p in opened.params] == ["docx"], opened
    proc = run_workflow(item, tmp_path / "lib")
    assert "text of existing.docx" in proc.stdout + proc.stderr, proc.stderr
    assert not (item.output_dir / "new-file-name.docx").exists()


FOLLOW_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Follow

**Description:** Save a text to a folder, load it back.

### Step 1: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfollow.save(text: str, save_directory: str)` |
| **Implementation** | `Demo_save_text` |
| **Outputs** | the folder `my-folder` |

### Step 2: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfollow.load(pretrained_path: str) -> str` |
| **Implementation** | `Demo_load_text` |
| **Inputs** | Folder saved in Step 1 |
| **Outputs** | `loaded` |
"""

FOLLOW_PAGES = example_pages(
    {
        "implementations/Demo_save_text.md": 'import pkgfollow\n\npkgfollow.save("hello", "my-folder")\n',
        "implementations/Demo_load_text.md": 'import pkgfollow\n\nloaded = pkgfollow.load("my-folder")\n',
    }
)

PKGFOLLOW = """
import os


def save(text, save_directory):
    os.makedirs(save_directory, exist_ok=True)
    with open(os.path.join(save_directory, "text.txt"), "w") as handle:
        handle.write(text)


def load(pretrained_path):
    with open(os.path.join(pretrained_path, "text.txt")) as handle:
        return handle.read()
"""


def test_a_key_naming_the_folder_an_earlier_step_writes_follows_that_key_until_set(tmp_path):
    """Seen on a tokenizers wiki: step 4 saves to `save_directory = "my-tokenizer"` and step 5 loads
    `pretrained_model_name_or_path = "my-tokenizer"`, "the folder written in Step 4". A user who set only step 4's
    key got step 5 looking "my-tokenizer" up on the Hub (a minute of retries, then OSError). A later key naming the
    same file or id as an earlier one takes its value until it is set itself."""
    build_file_tree(tmp_path / "lib", {"pkgfollow/__init__.py": PKGFOLLOW})
    item = generated(tmp_path, {"_WorkflowIndex.md": FOLLOW_INDEX, **FOLLOW_PAGES})
    (save_key,) = [p for p in item.plan.steps[0].binding.params if p.writes]
    (load_key,) = item.plan.steps[1].binding.params
    assert load_key.follows == f"{item.plan.steps[0].module}.{save_key.name}", load_key
    config = (item.output_dir / "config.toml").read_text()
    assert f'# {load_key.name} = (until set: the value of {load_key.follows}, now "my-folder")' in config, config
    proc = run_workflow(item, tmp_path / "lib", "--set", f"1.{save_key.name}=out/elsewhere")
    assert "loaded: 'hello'" in proc.stderr and (item.output_dir / "out" / "elsewhere" / "text.txt").is_file()
    assert not (item.output_dir / "my-folder").exists()
    (item.output_dir / "other").mkdir()
    (item.output_dir / "other" / "text.txt").write_text("set")
    proc = run_workflow(item, tmp_path / "lib", "--set", f"2.{load_key.name}=other")
    assert "loaded: 'set'" in proc.stderr, proc.stderr  # set itself, it is its own
    run_generated_tests(item, tmp_path / "lib")


PADDING_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Padding

**Description:** Make a tokenizer, enable padding.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpad.make() -> Tok` |
| **External Dependencies** | `pkgpad` |
| **Outputs** | `tok` |

### Step 2: Padding

| Attribute | Value |
|-----------|-------|
| **API Call** | `Tok.enable_padding(pad_id: int, pad_token: str) -> tuple` |
| **Implementation** | `Demo_enable_padding` |
| **Key Parameters** | `pad_token: str` - the padding token (e.g. "[PAD]") |
| **Outputs** | `padding` |
"""

PADDING_PAGES = example_pages(
    {
        "implementations/Demo_enable_padding.md": (
            'padding = tok.enable_padding(pad_id=tok.token_to_id("[PAD]"), pad_token="[PAD]")\n'
        )
    }
)

PKGPAD = """
class Tok:
    vocab = {"[PAD]": 0, "[MASK]": 3}

    def token_to_id(self, token):
        return self.vocab[token]

    def enable_padding(self, pad_id, pad_token):
        return (pad_id, pad_token)


def make():
    return Tok()
"""


def test_a_text_lifted_to_a_key_is_that_key_wherever_the_statement_repeats_it(tmp_path):
    """Seen on a tokenizers wiki: `enable_padding(pad_id=tokenizer.token_to_id("[PAD]"), pad_token="[PAD]")`
    lifted pad_token to a key and left the other "[PAD]": `--set 3.pad_token=[MASK]` padded with the [MASK] text
    under the [PAD] id. The statement's other occurrences of the text are the key too (not those beside it in the
    call it came from, which may name something else by chance)."""
    build_file_tree(tmp_path / "lib", {"pkgpad/__init__.py": PKGPAD})
    item = generated(tmp_path, {"_WorkflowIndex.md": PADDING_INDEX, **PADDING_PAGES})
    assert "token_to_id(pad_token)" in item.plan.steps[1].binding.body, item.plan.steps[1].binding.body
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.pad_token=[MASK]")
    assert "padding: tuple of 2: 3, '[MASK]'" in proc.stderr, proc.stderr


INSTANCE_CALL_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Instance_Call

**Description:** Make a tokenizer, call it on sentences.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcall.Tok() -> Tok` |
| **External Dependencies** | `pkgcall` |
| **Outputs** | `tok` |

### Step 2: Encode

| Attribute | Value |
|-----------|-------|
| **API Call** | `Tok.__call__(text: List[str], upper: bool = False) -> list` |
| **Implementation** | `Demo_call` |
| **Key Parameters** | `text: List[str]` - batch of sentences, `upper: bool` - upper-case first |
| **Inputs** | `Tok` from Step 1 |
| **Outputs** | `batch` |
"""

INSTANCE_CALL_PAGES = example_pages({"implementations/Demo_call.md": 'batch = tok(["a b", "c"], upper=True)\n'})

PKGCALL = """
class Tok:
    def __call__(self, text, upper=False):
        return [len(t.split()) * (2 if upper else 1) for t in text]
"""


def test_the_data_an_instance_call_takes_is_a_key_as_its_key_parameters_say(tmp_path):
    """Seen on a tokenizers wiki: `fast_tokenizer(["Hello there", "A longer sentence ..."], padding=True)` for
    `PreTrainedTokenizerFast.__call__(text, ...)`, whose Key Parameters start with `text: List[str]`: the sentences
    stayed written in the code, since the call of an object by its name was not found as the API's call (so
    its positional parameters were not known). Now `text` is a key, and the documented keywords reach it."""
    build_file_tree(tmp_path / "lib", {"pkgcall/__init__.py": PKGCALL})
    item = generated(tmp_path, {"_WorkflowIndex.md": INSTANCE_CALL_INDEX, **INSTANCE_CALL_PAGES})
    encode = item.plan.steps[1].binding
    assert "text" in [p.name for p in encode.params] and "tok(text" in encode.body, encode.body
    proc = run_workflow(item, tmp_path / "lib", "--set", '2.text=["x y z", "w"]')
    assert "batch: list of 2: 6, 2" in proc.stderr, proc.stderr


NATIVE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Native

**Description:** Open a store by a static constructor, count and read it.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgnative.Store.open_file(path: str) -> Store` |
| **Implementation** | `Demo_open_file` |
| **Outputs** | `store` |

### Step 2: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `Store.read(n: int = 1) -> list` |
| **Implementation** | `Demo_read_store` |
| **Inputs** | `Store` from Step 1 |
| **Outputs** | `rows` |
"""

NATIVE_PAGES = example_pages(
    {
        "implementations/Demo_open_file.md": (
            'import pkgnative\n\nstore = pkgnative.Store.open_file("rows.txt")\nsize = store.count()\n'
        ),
        "implementations/Demo_read_store.md": "rows = store.read(n=2)\n",
    }
)

PKGNATIVE = """
class Store:
    def __init__(self, path):
        self.path = path

    @staticmethod
    def open_file(path):  # no annotation, as a native (Rust, C) method has none
        return Store(path)

    def count(self):
        return 3

    def read(self, n=1):
        return list(range(n))
"""


def test_check_types_a_call_by_the_return_its_api_text_gives(tmp_path):
    """Seen on a tokenizers wiki: `Tokenizer.from_file(path) -> Tokenizer`, a native method without annotations;
    `check` called every later call on the tokenizer "not checkable" (4 of 5 steps), and the step's own demo
    line too. The API text's `-> Class` types the step's call of it, in the step itself and after."""
    build_file_tree(tmp_path / "lib", {"pkgnative/__init__.py": PKGNATIVE})
    item = generated(tmp_path, {"_WorkflowIndex.md": NATIVE_INDEX, **NATIVE_PAGES})
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "check", "--json"]
    proc = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    report = json.loads(proc.stdout)
    assert [s["status"] for s in report["steps"]] == ["verified", "verified"], report


ACCESSOR_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Accessor

**Description:** Make a frame, plot a column of it.

### Step 1: Frame

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgaccessor.Frame(size: int) -> Frame` |
| **External Dependencies** | `pkgaccessor` |
| **Key Parameters** | `size: int = 3` - rows |
| **Outputs** | `frame` |

### Step 2: Plot

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.plot(column=None, kind="line")` |
| **Implementation** | `Demo_Plot` |
| **External Dependencies** | `pkgaccessor` |
| **Inputs** | `frame` from Step 1 |
| **Outputs** | `drawn` |
"""

PKGACCESSOR = """
class PlotAccessor:
    def __init__(self, data):
        self.data = data

    def __call__(self, column=None, kind="line"):
        return f"{kind} of {column} over {self.data.size} rows"


class CachedAccessor:
    def __init__(self, accessor):
        self.accessor = accessor

    def __get__(self, obj, cls):
        return self.accessor if obj is None else self.accessor(obj)


class Frame:
    plot = CachedAccessor(PlotAccessor)

    def __init__(self, size):
        self.size = size
"""


def test_check_binds_an_accessors_call_against_its_call_method(tmp_path):
    """Seen on an unseen geopandas wiki: `gdf.plot(column="lu_class", categorical=True)` ran, but `check` reported
    "argument not accepted: ... GeoplotAccessor: got an unexpected keyword argument 'column'" and exited 1 (the
    generated CI's check job would fail): `GeoDataFrame.plot` is an accessor, which gives its class from the class
    and an instance from an object; the call calls the instance's `__call__`, not the class."""
    build_file_tree(tmp_path / "lib", {"pkgaccessor/__init__.py": PKGACCESSOR})
    pages = {"implementations/Demo_Plot.md": 'drawn = frame.plot(column="sales", kind="bar")\n'}
    item = generated(tmp_path, {"_WorkflowIndex.md": ACCESSOR_INDEX, **example_pages(pages)})
    run_workflow(item, tmp_path / "lib")
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "check", "--json"]
    proc = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and [s["status"] for s in report["steps"]] == ["verified", "verified"], report
    run_generated_tests(item, tmp_path / "lib")


DEMO_DATA_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Vectors

**Description:** Load vectors, normalise them, count and sum them.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgvec.load(path: str) -> list` |
| **Implementation** | `Demo_load_vectors` |
| **Outputs** | `xb` |

### Step 2: Normalize

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgvec.normalize(x: list) -> None` |
| **Implementation** | `Demo_normalize` |
| **Inputs** | `xb` from Step 1 |
| **Outputs** | `xb`, normalised in place |

### Step 3: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgvec.count(rows: list) -> int` |
| **Implementation** | `Demo_count` |
| **Inputs** | Normalised vectors from Step 2 |
| **Outputs** | `n` |

### Step 4: Total

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgvec.total(rows: list) -> float` |
| **Implementation** | `Demo_total` |
| **Inputs** | Normalised vectors from Step 2 |
| **Outputs** | `s` |
"""

DEMO_DATA_PAGES = example_pages(
    {
        "implementations/Demo_load_vectors.md": 'import pkgvec\n\nxb = pkgvec.load("base.txt")\n',
        "implementations/Demo_normalize.md": (
            "import random\n\nimport pkgvec\n\n"
            "xb = [[random.random() for _ in range(2)] for _ in range(5)]\n"
            "pkgvec.normalize(xb)\n"
        ),
        "implementations/Demo_count.md": (
            "import pkgvec\nfrom pkgvec.testing import sample_rows\n\nn = pkgvec.count(sample_rows)\n"
        ),
        "implementations/Demo_total.md": (
            "import pkgvec\n\nrows = [[1.0, 2.0], [3.0, 4.0]]\ns = pkgvec.total(rows) + 0 * len(rows)\n"
        ),
    }
)

PKGVEC = """
import math


def load(path):
    with open(path) as handle:
        return [[float(v) for v in line.split()] for line in handle if line.strip()]


def normalize(x):
    for row in x:
        norm = math.sqrt(sum(v * v for v in row))
        row[:] = [v / norm for v in row]


def count(rows):
    return len(rows)


def total(rows):
    return round(sum(sum(row) for row in rows), 6)
"""


def test_the_pages_demo_data_gives_way_to_the_results_the_inputs_cite(tmp_path):
    """Seen on faiss and gensim wikis, whose pages are self-contained demos: Inputs "`xb` and `xq` from Step 1",
    but the example makes `xb = np.random.random((2000, d))`; "tokenized sentences from Step 1", but the example
    trains on `common_texts` imported from gensim.test.utils, or on sentences written out. The steps ran green on
    the demo data and never read the user's. A cited result made again from nothing cited is the earlier result;
    sample data (a library's test helpers, rows written out) passed where the Inputs cite one unread result is it."""
    build_file_tree(
        tmp_path / "lib",
        {"pkgvec/__init__.py": PKGVEC, "pkgvec/testing.py": "sample_rows = [[1.0], [2.0], [3.0]]\n"},
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": DEMO_DATA_INDEX, **DEMO_DATA_PAGES})
    normalize, count, total = (s.binding for s in item.plan.steps[1:])
    assert "random" not in normalize.body and normalize.consumes == ("xb",), normalize.body
    assert "sample_rows" not in count.body and "count(xb)" in count.body, count.body
    assert "total(xb) + 0 * len(xb)" in total.body, total.body  # every read of the sample
    (item.output_dir / "base.txt").write_text("3 4\n6 8\n")
    proc = run_workflow(item, tmp_path / "lib")
    assert "n: 2" in proc.stderr and "s: 2.8" in proc.stderr, proc.stderr  # the file's two rows, normalised


WORDS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Words

**Description:** Make a vocabulary, ask for the words nearest to some.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgwords.Vocab() -> Vocab` |
| **External Dependencies** | `pkgwords` |
| **Outputs** | `kv` |

### Step 2: Near

| Attribute | Value |
|-----------|-------|
| **API Call** | `Vocab.near(positive: List[str] = None) -> List[Tuple[str, float]]` |
| **Implementation** | `Demo_near` |
| **Key Parameters** | `positive: List[str]` - words contributing positively |
| **Outputs** | The neighbours (`list`) |
"""

WORDS_PAGES = example_pages({"implementations/Demo_near.md": 'print(kv.near("computer"))\n'})

PKGWORDS = """
class Vocab:
    def near(self, positive=None):
        words = [positive] if isinstance(positive, str) else list(positive)
        return [(w.upper(), 1.0) for w in words]
"""


def test_a_key_the_example_fills_with_a_text_still_takes_the_list_its_type_says(tmp_path):
    """Seen on a gensim wiki: `positive: List[str]`, and the example asks `kv.most_similar("computer")`. The key
    took the example's type only (`str`), so `--set 2.positive=["computer","server"]` was refused; and the result,
    typed `List[Tuple[str, float]]` and "(`list`)" in the Outputs, was called `list`, hiding the builtin."""
    build_file_tree(tmp_path / "lib", {"pkgwords/__init__.py": PKGWORDS})
    item = generated(tmp_path, {"_WorkflowIndex.md": WORDS_INDEX, **WORDS_PAGES})
    near = item.plan.steps[1].binding
    assert [p.type for p in near.params if p.name == "positive"] == ["str | List[str]"], near.params
    assert "list" not in near.produces and "list =" not in near.body, near.body
    proc = run_workflow(item, tmp_path / "lib", "--set", '2.positive=["a", "b"]')
    assert "near_result: list of 2" in proc.stderr, proc.stderr


SEARCH_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Search

**Description:** Search the nearest neighbours.

### Step 1: Search

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsearch.search(k: int) -> tuple` |
| **Implementation** | `Demo_search` |
| **Outputs** | `D` distances, `I` ids |
"""


def test_the_names_a_librarys_docs_give_results_pass_the_generated_lint(tmp_path):
    """Seen on a faiss wiki: `D, I = index.search(xq, k)`, as faiss's documentation writes it, failed the generated
    repository's own `ruff check` (E741, an ambiguous variable name); the step keeps the example's names. So did a
    Dask wiki's `iseven = lambda x: x % 2 == 0` (E731, a lambda assigned to a name): kept as written."""
    build_file_tree(
        tmp_path / "lib",
        {"pkgsearch/__init__.py": "def search(k, order=None):\n    return [0.5] * k, sorted(range(k), key=order)\n"},
    )
    example = "import pkgsearch\n\nbackwards = lambda v: -v\nD, I = pkgsearch.search(k=4, order=backwards)\n"
    pages = example_pages({"implementations/Demo_search.md": example})
    item = generated(tmp_path, {"_WorkflowIndex.md": SEARCH_INDEX, **pages})
    assert "D, I = pkgsearch.search(" in item.plan.steps[0].binding.body
    assert "backwards = lambda v: -v" in item.plan.steps[0].binding.body
    checked = ruff("check", "--no-cache", str(item.output_dir))
    assert checked.returncode == 0, checked.stdout
    assert "I: list of 4: 3, 2, 1, 0" in run_workflow(item, tmp_path / "lib").stderr


KNOB_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Knob

**Description:** Make an engine, run it at a chosen level.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgknob.Engine() -> Engine` |
| **External Dependencies** | `pkgknob` |
| **Outputs** | `engine` |

### Step 2: Run

| Attribute | Value |
|-----------|-------|
| **API Call** | `engine.level = level` and `engine.mode = mode` then `engine.run(x: int) -> int` |
| **Implementation** | `Demo_run_engine` |
| **Key Parameters** | `level: int` - how hard it works (default 1), `x: int` - the input |
| **Inputs** | Engine from Step 1 |
| **Outputs** | `out` |
"""

KNOB_PAGES = example_pages(
    {
        "implementations/Demo_run_engine.md": (
            "engine.level = 1\nlow = engine.run(5)\nengine.level = 3\nhigh = engine.run(5)\nprint(low, high)\n"
        )
    }
)

PKGKNOB = """
class Engine:
    level = 1

    def run(self, x):
        return x * self.level
"""


def test_a_setting_the_api_cell_writes_before_the_call_comes_before_it(tmp_path):
    """Seen on a faiss wiki: API Call "`index.nprobe = nprobe` then `index.search(x, k)`". The setting was taken for
    the API (`nprobe`, which nothing imports): the step was a stub. The call is the API, and the setting comes
    before it on the earlier step's object, its value the Key Parameter."""
    build_file_tree(tmp_path / "lib", {"pkgknob/__init__.py": PKGKNOB})
    item = generated(tmp_path, {"_WorkflowIndex.md": KNOB_INDEX, **KNOB_PAGES})
    run = item.plan.steps[1].binding
    assert run.status.value == "bound" and "engine.level = level\n" in run.body, run.body
    assert "mode" not in run.body and "mode" not in [p.name for p in run.params], run  # documented nowhere
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.level=4", "--set", "2.x=5")
    assert ": 20" in proc.stderr, proc.stderr


RANDOM_DATA_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Random_Data

**Description:** Score query vectors.

### Step 1: Score

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgarr.score(xq: np.ndarray) -> float` |
| **Implementation** | `Demo_score` |
| **Inputs** | query vectors `xq`, float32 (nq, d) |
| **Outputs** | `total` |
"""

RANDOM_DATA_PAGES = example_pages(
    {
        "implementations/Demo_score.md": (
            "import numpy as np\nimport pkgarr\n\nnq, d = 5, 3\n"
            'xq = np.random.random((nq, d)).astype("float32")\ntotal = pkgarr.score(xq)\n'
        )
    }
)

FAKE_NUMPY = """
from . import random


class Arr(list):
    dtype = "float64"

    def astype(self, dtype):
        copy = Arr(self)
        copy.dtype = dtype
        return copy


def load(path):
    with open(path) as handle:
        return Arr([float(v) for v in line.split()] for line in handle if line.strip())


def loadtxt(path, delimiter=None, ndmin=2):
    return load(path)
"""


def test_random_numbers_standing_for_the_data_the_inputs_name_are_read_from_an_array_file(tmp_path):
    """Seen on a faiss wiki, whose IVF workflow has no loading step: Inputs "query vectors `xq`", and the example
    makes `xq = np.random.random((50, d)).astype("float32")`. The step searched random numbers, and no config
    key could point it at the user's vectors. Random numbers made under a name the Inputs quote, which no step
    makes, become an input the array loader reads from a file a key names (.npy, .npz, .csv, .txt), whatever
    settings of the example sized them (`nq, d = 5, 3`), with the methods the example chains on them
    (`.astype("float32")`, which faiss and torch models need). numpy is a stand-in here: the dev environment has
    none, and only the wiring is under test."""
    build_file_tree(
        tmp_path / "lib",
        {
            "numpy/__init__.py": FAKE_NUMPY,
            "numpy/random.py": "def random(shape):\n    from . import Arr\n\n    return Arr([[0.5] * shape[1]] * shape[0])\n",
            "pkgarr/__init__.py": (
                "def score(xq):\n    assert xq.dtype == 'float32', xq.dtype\n    return sum(sum(row) for row in xq)\n"
            ),
        },
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": RANDOM_DATA_INDEX, **RANDOM_DATA_PAGES})
    score = item.plan.steps[0].binding
    assert "np.random" not in score.body and "xq = loaders.array(xq)" in score.body, score.body
    assert "xq = xq.astype('float32')" in score.body, score.body  # the example's conversion, on the file's numbers
    assert [p.loader for p in score.params if p.name == "xq"] == ["array"], score.params
    (item.output_dir / "q.npy").write_text("1 2\n3 4\n")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.xq=q.npy")
    assert "total: 10" in proc.stderr, proc.stderr


TWO_FILES_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Two_Files

**Description:** Make two results, save both.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtwo.make() -> tuple` |
| **External Dependencies** | `pkgtwo` |
| **Outputs** | `A`, `B` |

### Step 2: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtwo.save(path: str, values: list)` |
| **Implementation** | `Demo_save_two` |
| **Inputs** | `A`, `B` from Step 1 |
| **Outputs** | `a.txt`, `b.txt` files on disk |
"""

TWO_FILES_PAGES = example_pages(
    {
        "implementations/Demo_save_two.md": (
            "import os\nimport pkgtwo\n\n"
            'out_dir = "results"\n'
            "os.makedirs(out_dir, exist_ok=True)\n"
            'pkgtwo.save(os.path.join(out_dir, "a.txt"), A)\n'
            'pkgtwo.save(os.path.join(out_dir, "b.txt"), B)\n'
        )
    }
)

PKGTWO = """
def make():
    return [1, 2], [3]


def save(path, values):
    with open(path, "w") as handle:
        handle.write(",".join(str(v) for v in values))
"""


def test_each_file_the_outputs_name_is_written_though_its_folder_is_a_key(tmp_path):
    """Seen on a faiss wiki: Outputs "`distances.npy`, `neighbors.npy` files", and the example saves both under
    `out_dir = "results"`. The step saved the distances only: the second save reads out_dir, which the slice
    holds as a key, and a name the slice already reads was not counted as one it has."""
    build_file_tree(tmp_path / "lib", {"pkgtwo/__init__.py": PKGTWO})
    item = generated(tmp_path, {"_WorkflowIndex.md": TWO_FILES_INDEX, **TWO_FILES_PAGES})
    run_workflow(item, tmp_path / "lib", "--set", "2.out_dir=out")
    assert (item.output_dir / "out" / "a.txt").read_text() == "1,2"
    assert (item.output_dir / "out" / "b.txt").read_text() == "3"


DIM_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Dim

**Description:** Load vectors, build an index of their dimension.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgdim.load(path: str) -> list` |
| **Implementation** | `Demo_load_dim` |
| **Outputs** | `xb`, `d` |

### Step 2: Index

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgdim.Index(d: int)` |
| **Implementation** | `Demo_index_dim` |
| **Inputs** | Dimensionality `d` |
| **Outputs** | `index` |
"""

DIM_PAGES = example_pages(
    {
        "implementations/Demo_load_dim.md": 'import pkgdim\n\nxb = pkgdim.load("x.txt")\nd = len(xb[0])\n',
        "implementations/Demo_index_dim.md": "import pkgdim\n\nd = 32\nindex = pkgdim.Index(d)\n",
    }
)

PKGDIM = """
def load(path):
    with open(path) as handle:
        return [line.split() for line in handle if line.strip()]


class Index:
    def __init__(self, d):
        self.d = d

    def __repr__(self):
        return f"Index(d={self.d})"
"""


def test_a_value_the_example_writes_for_a_result_the_inputs_cite_is_that_result(tmp_path):
    """Seen on a faiss wiki: Inputs "Dimensionality `d`", step 1 makes `d` from the vectors it loads, and the
    index step's example writes `d = 32`: the step took a key of its own (`d_2 = 32`), which a user with other
    vectors had to find and change. A value named like a result the Inputs cite is that result."""
    build_file_tree(tmp_path / "lib", {"pkgdim/__init__.py": PKGDIM})
    item = generated(tmp_path, {"_WorkflowIndex.md": DIM_INDEX, **DIM_PAGES})
    index = item.plan.steps[1].binding
    assert index.consumes == ("d",) and not index.params, index
    (item.output_dir / "x.txt").write_text("1 2 3\n4 5 6\n")
    run_workflow(item, tmp_path / "lib")


SAME_NAME_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Same_Name

**Description:** Make a quantizer of a dimension, then an index of the same dimension.

### Step 1: Quantizer

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsame.quantizer(d: int) -> list` |
| **Implementation** | `Demo_quantizer` |
| **Outputs** | `quantizer` |

### Step 2: Index

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsame.index(quantizer, d: int) -> tuple` |
| **Implementation** | `Demo_same_index` |
| **Key Parameters** | `d: int` - the vectors' dimension |
| **Inputs** | Quantizer from Step 1, `d` |
| **Outputs** | `index` |
"""

SAME_NAME_PAGES = example_pages(
    {
        "implementations/Demo_quantizer.md": "import pkgsame\n\nd = 32\nquantizer = pkgsame.quantizer(d)\n",
        "implementations/Demo_same_index.md": "import pkgsame\n\nindex = pkgsame.index(quantizer, d)\n",
    }
)

PKGSAME = """
def quantizer(d):
    return [0] * d


def index(quantizer, d):
    if len(quantizer) != d:
        raise ValueError(f"quantizer of {len(quantizer)} for an index of {d}")
    return (d, len(quantizer))
"""


def test_a_key_without_a_default_follows_the_earlier_key_of_its_name(tmp_path):
    """Seen on a faiss wiki: step 1's example sizes the quantizer with `d = 32`, step 2's passes `d` and its Inputs
    say "`d`": step 2's `d` was a REQUIRED key, set apart from step 1's (a user setting one got a mismatch). A key
    without a default takes the earlier key of its name until it is set."""
    build_file_tree(tmp_path / "lib", {"pkgsame/__init__.py": PKGSAME})
    item = generated(tmp_path, {"_WorkflowIndex.md": SAME_NAME_INDEX, **SAME_NAME_PAGES})
    (d,) = [p for p in item.plan.steps[1].binding.params if p.name == "d"]
    assert d.follows == f"{item.plan.steps[0].module}.d" and item.plan.required_keys == (), d
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.d=5")
    assert "index: tuple of 2: 5, 5" in proc.stderr, proc.stderr


REDO_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Redo

**Description:** Make an index, train it, add to it.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgredo.Index() -> Index` |
| **External Dependencies** | `pkgredo` |
| **Outputs** | `index` |

### Step 2: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `Index.train(x: list) -> None` |
| **Implementation** | `Demo_train_index` |
| **Inputs** | Index from Step 1 |
| **Outputs** | `index`, trained |

### Step 3: Add

| Attribute | Value |
|-----------|-------|
| **API Call** | `Index.add(x: list) -> None` |
| **Implementation** | `Demo_add_index` |
| **Inputs** | Trained index from Step 2 |
| **Outputs** | `index`, filled |
"""

REDO_PAGES = example_pages(
    {
        "implementations/Demo_train_index.md": "index.train([1, 2, 3])\n",
        "implementations/Demo_add_index.md": (
            "import pkgredo\n\nxb = pkgredo.data()\nindex.train(xb)\nindex.add(xb)\n"
        ),
    }
)

PKGREDO = """
class Index:
    def __init__(self):
        self.trainings = 0
        self.items = []

    def train(self, x):
        self.trainings += 1

    def add(self, x):
        self.items.extend(x)

    def __repr__(self):
        return f"Index(trained {self.trainings}x, {len(self.items)} items)"


def data():
    return [4, 5]
"""


def test_an_earlier_steps_call_in_a_later_steps_example_is_left_to_that_step(tmp_path):
    """Seen on a faiss wiki: the add steps' examples train the index first (`index.train(xb)`; `index.add(xb)`),
    and the generated steps trained it again, on the example's data (14 s for the PQ index). A call statement
    of an earlier step's API on an earlier result is that step's work, done there."""
    build_file_tree(tmp_path / "lib", {"pkgredo/__init__.py": PKGREDO})
    item = generated(tmp_path, {"_WorkflowIndex.md": REDO_INDEX, **REDO_PAGES})
    add = item.plan.steps[2].binding
    assert "index.train(" not in add.body and "index.add(" in add.body, add.body
    run_workflow(item, tmp_path / "lib")


LINES_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Lines

**Description:** Tokenize documents, then count their tokens.

### Step 1: Tokenize

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglines.tokenize(doc: str) -> List[str]` |
| **Implementation** | `Demo_tokenize` |
| **Inputs** | Text file with one document per line |
| **Outputs** | `texts: List[List[str]]` - tokenized documents |

### Step 2: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglines.count(texts: list) -> int` |
| **Inputs** | Tokenized documents from Step 1 |
| **Outputs** | `total` |
"""

LINES_PAGES = example_pages(
    {
        "implementations/Demo_tokenize.md": [
            'import pkglines\n\ntokens = pkglines.tokenize("One single document")\n',
            'import pkglines\n\ndocuments = ["red green", "blue"]\ntexts = [pkglines.tokenize(doc) for doc in documents]\n',
        ]
    }
)

PKGLINES = """
def tokenize(doc):
    return doc.split()


def count(texts):
    assert all(isinstance(text, list) for text in texts), texts
    return sum(len(text) for text in texts)


def encode(input):
    assert isinstance(input, list), input
    return [len(text.split()) for text in input]
"""

ONE_TEXT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_One_Text

**Description:** Encode the lines of a file.

### Step 1: Encode

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglines.encode(input: List[str]) -> list` |
| **Implementation** | `Demo_encode` |
| **Key Parameters** | `input: List[str]` - lines of the text file to encode |
| **Inputs** | lines of the text file to encode (e.g. `botchan.txt`) |
| **Outputs** | `ids` |
"""

ONE_TEXT_PAGES = example_pages(
    {"implementations/Demo_encode.md": 'import pkglines\n\nids = pkglines.encode("a b c")\n'}
)


def test_sample_texts_where_the_inputs_say_one_per_line_are_read_from_a_file(tmp_path):
    """Seen on a gensim wiki: step 1's Inputs say "Text file with one document per line", its Outputs
    "`texts: List[List[str]]`", and the API tokenizes one document (`-> List[str]`). The step took the page's first
    example and tokenized one sample sentence, so step 2 built a dictionary of characters' worth of words, and no key
    could point the step at the user's file. The Outputs' annotated name (`texts: ...`) is the result's name; an
    example calling the API once per item wins where the Outputs are a list of its results; and the example's sample
    texts become a key that takes the file (one item per line) or, as the example has it, the texts themselves."""
    build_file_tree(tmp_path / "lib", {"pkglines/__init__.py": PKGLINES})
    item = generated(tmp_path, {"_WorkflowIndex.md": LINES_INDEX, **LINES_PAGES})
    tokenize, count = (s.binding for s in item.plan.steps)
    assert tokenize.produces == ("texts",) and count.consumes == ("texts",), (tokenize.produces, count.consumes)
    assert "for doc in documents" in tokenize.body and "documents = loaders.lines(documents)" in tokenize.body
    assert [p.loader for p in tokenize.params if p.name == "documents"] == ["lines"], tokenize.params
    proc = run_workflow(item, tmp_path / "lib")  # the example's texts, as the page has them
    assert "total: 3" in proc.stderr, proc.stderr
    (item.output_dir / "docs.txt").write_text("one two three\n\nfour five\nsix\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.documents=docs.txt")
    assert "total: 6" in proc.stderr, proc.stderr


UNPACKED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Unpacked

**Description:** Search, record, report.

### Step 1: Search

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgacc.search(x: int, k: int) -> list` |
| **Implementation** | `Demo_search` |
| **Key Parameters** | `k: int` - neighbours per query |
| **Outputs** | `hits` |

### Step 2: Record

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgacc.record(store: dict)` |
| **Implementation** | `Demo_record` |
| **Key Parameters** | `store: dict` - empty dict the recorder fills in place |
| **Outputs** | `recorder`, `store` |

### Step 3: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgacc.report(hits: list, store: dict) -> int` |
| **Inputs** | `hits` from Step 1, `store` from Step 2 |
| **Outputs** | `total` |
"""

UNPACKED_PAGES = example_pages(
    {
        "implementations/Demo_search.md": "import pkgacc\n\nx, k = 7, 3\nhits = pkgacc.search(x, k)\n",
        "implementations/Demo_record.md": "import pkgacc\n\nstore = {}\nrecorder = pkgacc.record(store)\n",
    }
)

PKGACC = """
def search(x, k):
    return [x] * k


def record(store):
    store["calls"] = 2
    return store.update


def report(hits, store):
    return len(hits) * 10 + store["calls"]
"""


def test_values_unpacked_together_are_defaults_and_an_empty_container_is_the_steps_own(tmp_path):
    """Seen on a faiss wiki: `d, k = 32, 10` before `index.search(xq, k)` left `k` REQUIRED, though the example
    gives it 10; and on lightgbm and faiss wikis, an empty container the example starts for something to fill
    (`eval_result = {}` before `lgb.record_evaluation(eval_result)`, `rows = []` before a loop appending to it)
    became a config key, so the filled object was never handed on (and a key without a default passed None). Each
    name of a tuple assignment gets its own literal; an empty list or dict is the step's own setup and result."""
    build_file_tree(tmp_path / "lib", {"pkgacc/__init__.py": PKGACC})
    item = generated(tmp_path, {"_WorkflowIndex.md": UNPACKED_INDEX, **UNPACKED_PAGES})
    search, record, _ = (s.binding for s in item.plan.steps)
    assert {p.name: p.default for p in search.params} == {"x": "7", "k": "3"}, search.params
    assert "store" in record.produces and not [p for p in record.params if p.name == "store"], record.params
    assert "store = {}" in record.body, record.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "total: 32" in proc.stderr, proc.stderr


RECEIVER_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Receiver

**Description:** Load rows, label them, shuffle, sample, summarize.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgds.load(path: str) -> Table` |
| **Implementation** | `Demo_load` |
| **Outputs** | `table`: `Table` |

### Step 2: Label

| Attribute | Value |
|-----------|-------|
| **API Call** | `Table.relabel(names: list) -> Table` |
| **Implementation** | `Demo_relabel` |
| **Inputs** | `table` from Step 1 |
| **Outputs** | `table` whose rows hold class ids |

### Step 3: Shuffle

| Attribute | Value |
|-----------|-------|
| **API Call** | `Table.shuffle(seed: int) -> Table` |
| **Implementation** | `Demo_shuffle` |
| **Inputs** | `table` from Step 2 |
| **Outputs** | Shuffled `table` |

### Step 4: Sample

| Attribute | Value |
|-----------|-------|
| **API Call** | `Table.select(n: int) -> Table` |
| **Implementation** | `Demo_select` |
| **Inputs** | Shuffled `table` from Step 3 |
| **Outputs** | `sample` |

### Step 5: Summarize

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgds.summary(sample: Table) -> str` |
| **Inputs** | `sample` from Step 4 |
| **Outputs** | `summary` |
"""

RECEIVER_PAGES = example_pages(
    {
        "implementations/Demo_load.md": 'import pkgds\n\ntable = pkgds.load("rows.txt")\n',
        "implementations/Demo_relabel.md": (
            'import pkgds\n\nds = pkgds.hub("someone/demo", split="validation")\nds = ds.relabel(["bad", "good"])\n'
        ),
        "implementations/Demo_shuffle.md": "shuffled = table.shuffle(seed=1)\n",
        "implementations/Demo_select.md": "import pkgds\n\nds = pkgds.demo([1, 2, 3])\nsample = ds.shuffle(seed=1).select(2)\n",
    }
)

PKGDS = """
class Table(list):
    labels = None

    def relabel(self, names):
        table = Table(self)
        table.labels = names
        return table

    def shuffle(self, seed):
        table = Table(reversed(self))
        table.labels = self.labels
        return table

    def select(self, n):
        table = Table(self[:n])
        table.labels = self.labels
        return table


def load(path):
    with open(path) as lines:
        return Table(line.strip() for line in lines if line.strip())


def hub(repo_id, split=None):
    raise ConnectionError(f"Couldn't reach {repo_id!r} on the Hub")


def demo(rows):
    return Table(rows)


def summary(sample):
    return ",".join(sample) + " labelled " + "/".join(sample.labels)
"""


def test_the_object_an_apis_method_is_called_on_is_the_result_the_inputs_cite(tmp_path):
    """Seen on a Hugging Face datasets wiki: step 2 (API `Dataset.cast_column`, Inputs "`dataset` from Step 1")
    took its example's `ds = load_dataset("rotten_tomatoes")` (a Hub download, offline a ConnectionError) and named
    its result `ds`, so step 3 took step 1's unlabelled `dataset`; step 3 ("Shuffled `dataset`") handed on the
    unshuffled input beside `shuffled_dataset`; step 4 sampled a demo table. The object the API's method is called
    on (or the chain to it starts from), made from nothing an earlier step made, is the result the Inputs cite;
    a method returning its own class names its result as the Outputs do (the new `table`)."""
    build_file_tree(tmp_path / "lib", {"pkgds/__init__.py": PKGDS})
    item = generated(tmp_path, {"_WorkflowIndex.md": RECEIVER_INDEX, **RECEIVER_PAGES})
    label, shuffle, select = (s.binding for s in item.plan.steps[1:4])
    assert "hub" not in label.body and label.consumes == ("table",) and label.produces == ("table",), label.body
    assert shuffle.produces == ("table",) and "table = table.shuffle(" in shuffle.body, shuffle.body
    assert "demo" not in select.body and select.consumes == ("table",), select.body
    (item.output_dir / "rows.txt").write_text("a\nb\nc\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=rows.txt", "--set", '2.names=["x", "y"]')
    # shuffled by step 3 (c, b, a); step 4's `ds.shuffle(seed=1)` is step 3's work, whose result it takes
    assert "'c,b labelled x/y'" in proc.stderr, proc.stderr


DEMO_CHAIN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Chain

**Description:** Load a series, fit it, test the residuals.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsm.load(path: str) -> list` |
| **Outputs** | `y` |

### Step 2: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsm.fit(y: list) -> Fitted` |
| **Implementation** | `Demo_fit` |
| **Inputs** | `y` (the series) from Step 1 |
| **Outputs** | `results` |

### Step 3: Test

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsm.test(resid: list) -> float` |
| **Implementation** | `Demo_test` |
| **Inputs** | `results` from Step 2 |
| **Outputs** | `stat` |
"""

DEMO_CHAIN_PAGES = example_pages(
    {
        "implementations/Demo_fit.md": (
            "import random\nimport pkgsm\n\nrng = random.Random(0)\nwalk = [rng.random() for _ in range(5)]\n"
            "results = pkgsm.fit(walk)\n"
        ),
        "implementations/Demo_test.md": (
            "import random\nimport pkgsm\n\nx = [random.random() for _ in range(4)]\nresults = pkgsm.fit(x)\n"
            "stat = pkgsm.test(results.resid)\n"
        ),
    }
)

PKGSM = """
class Fitted:
    def __init__(self, y):
        mean = sum(y) / len(y)
        self.resid = [v - mean for v in y]


def load(path):
    with open(path) as lines:
        return [float(line) for line in lines if line.strip()]


def fit(y):
    return Fitted(y)


def test(resid):
    return sum(r * r for r in resid)
"""


def test_random_demo_data_gives_way_to_the_result_the_inputs_cite(tmp_path):
    """Seen on a statsmodels wiki: step 2 (Inputs "`y` from Step 1") ran `adfuller` on the example's random walk,
    `walk = np.cumsum(rng.normal(size=300))`, with `size` a key of its own; step 4 (Inputs "`results` from Step 2")
    fitted its own OLS on random `x`, `y` and handed that `results` on, so step 5 predicted from the demo model.
    Random numbers passed where the Inputs quote an earlier result are that result; a cited result the example
    remakes from its own demo data is the earlier one; and what only fed the demo goes with it."""
    build_file_tree(tmp_path / "lib", {"pkgsm/__init__.py": PKGSM})
    item = generated(tmp_path, {"_WorkflowIndex.md": DEMO_CHAIN_INDEX, **DEMO_CHAIN_PAGES})
    fit, test = (s.binding for s in item.plan.steps[1:])
    assert "random" not in fit.body and fit.consumes == ("y",) and fit.produces == ("results",), fit.body
    assert "random" not in test.body and test.consumes == ("results",) and test.produces == ("stat",), test.body
    (item.output_dir / "series.txt").write_text("1\n2\n3\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=series.txt")
    assert "stat: 2.0" in proc.stderr, proc.stderr


TYPE_KEY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Type_Key

**Description:** Convert values.

### Step 1: Convert

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtype.convert(values: list, out_type: type = int) -> list` |
| **Implementation** | `Demo_convert` |
| **Key Parameters** | `values: list` - numbers as text, `out_type: type` - int (ids) or str (pieces) |
| **Outputs** | `converted` |
"""

TYPE_KEY_PAGES = example_pages(
    {"implementations/Demo_convert.md": 'import pkgtype\n\nconverted = pkgtype.convert(["1", "2"])\n'}
)

PKGTYPE = """
def convert(values, out_type=int):
    return [(out_type or int)(v) for v in values]
"""


def test_a_key_typed_type_takes_a_builtin_or_dotted_class_name(tmp_path):
    """Seen on a sentencepiece wiki: `encode(input, out_type: type = int)`; `--set 3.out_type=str` reached the call
    as the text "str" (`ValueError: Invalid return_type: str`). A key typed `type` names a class, a builtin by its
    name (int, str) or another by its dotted name, and the step gets the class."""
    build_file_tree(tmp_path / "lib", {"pkgtype/__init__.py": PKGTYPE})
    item = generated(tmp_path, {"_WorkflowIndex.md": TYPE_KEY_INDEX, **TYPE_KEY_PAGES})
    convert = item.plan.steps[0].binding
    assert [p.loader for p in convert.params if p.name == "out_type"] == ["classes"], convert.params
    proc = run_workflow(item, tmp_path / "lib")  # unset: the library's default, int
    assert "converted: list of 2: 1, 2\n" in proc.stderr, proc.stderr
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.out_type=str")
    assert "converted: list of 2: '1', '2'\n" in proc.stderr, proc.stderr
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.out_type=collections.UserString")
    assert "converted: list of 2\n" in proc.stderr, proc.stderr  # by its dotted name (no preview of its items)


def test_one_sample_text_for_a_list_of_a_files_lines_becomes_that_key(tmp_path):
    """Seen on a sentencepiece wiki: "`input: List[str]` - lines of the text file to encode", and the example
    encodes one string, `sp.encode("This is a test")`: the step encoded the sample (a flat list of ids, on which the
    next step failed), and no key took the file. The one text becomes a list of one, under a key that takes the
    file instead."""
    build_file_tree(tmp_path / "lib", {"pkglines/__init__.py": PKGLINES})
    item = generated(tmp_path, {"_WorkflowIndex.md": ONE_TEXT_INDEX, **ONE_TEXT_PAGES})
    encode = item.plan.steps[0].binding
    assert [(p.loader, p.default) for p in encode.params if p.name == "input"] == [("lines", "['a b c']")]
    proc = run_workflow(item, tmp_path / "lib")
    assert "ids: list of 1: 3\n" in proc.stderr, proc.stderr
    (item.output_dir / "lines.txt").write_text("a b\nc\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.input=lines.txt")
    assert "ids: list of 2: 2, 1\n" in proc.stderr, proc.stderr


DERIVED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Derived

**Description:** Load rows, split them, fit on the training rows.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsplit.load(path: str) -> list` |
| **Outputs** | `df` |

### Step 2: Split

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsplit.split(df: list) -> tuple` |
| **Inputs** | `df` from Step 1 |
| **Outputs** | `train`, `test` |

### Step 3: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsplit.fit(data: list) -> int` |
| **Implementation** | `Demo_fit_rows` |
| **Inputs** | `train` from Step 2 |
| **Outputs** | `model` |
"""

DERIVED_PAGES = example_pages(
    {"implementations/Demo_fit_rows.md": "import pkgsplit\n\nmodel = pkgsplit.fit(data=df)\n"}
)

PKGSPLIT = """
def load(path):
    with open(path) as lines:
        return [line.strip() for line in lines if line.strip()]


def split(df):
    half = len(df) // 2
    return df[:half], df[half:]


def fit(data):
    return len(data)
"""


def test_an_earlier_result_the_cited_one_was_made_of_gives_way_to_it(tmp_path):
    """Seen on a statsmodels wiki: step 3's Inputs say "`train` from Step 2", and its example fits
    `smf.glm(formula, data=df)`, where `df` is step 1's frame: the model was fitted on every row, test rows too.
    A result the call passes, from a step the Inputs do not cite, of which the result they quote was made,
    gives way to that result."""
    build_file_tree(tmp_path / "lib", {"pkgsplit/__init__.py": PKGSPLIT})
    item = generated(tmp_path, {"_WorkflowIndex.md": DERIVED_INDEX, **DERIVED_PAGES})
    fit = item.plan.steps[2].binding
    assert fit.consumes == ("train",) and "data=train" in fit.body, fit.body
    (item.output_dir / "rows.txt").write_text("a\nb\nc\nd\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=rows.txt")
    assert "model: 2\n" in proc.stderr, proc.stderr


ASSEMBLY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Assembly

**Description:** Read rows, add manual rows, concatenate, export.

### Step 1: Ingest

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgasm.from_rows(rows: list) -> Table` |
| **Implementation** | `Demo_from_rows` |
| **Inputs** | Text file with one row per line |
| **Outputs** | `scraped`: `Table` |

### Step 2: Manual

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgasm.manual(names: list) -> Table` |
| **Outputs** | `manual`: `Table` |

### Step 3: Concatenate

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgasm.concat(tables: list) -> TableType` |
| **Implementation** | `Demo_concat` |
| **Inputs** | `scraped` from Step 1, `manual` from Step 2 |
| **Outputs** | `combined` |

### Step 4: Export

| Attribute | Value |
|-----------|-------|
| **API Call** | `Table.export(path: str) -> int` |
| **Implementation** | `Demo_export` |
| **Inputs** | `combined` from Step 3 |
| **Outputs** | `written` |
"""

ASSEMBLY_PAGES = example_pages(
    {
        "implementations/Demo_from_rows.md": [
            'import pkgasm\n\nds = pkgasm.from_rows([["a"], ["b"]])\n',
            'import pkgasm\n\nds = pkgasm.from_rows(pkgasm.read("rows.txt"))\n',
        ],
        "implementations/Demo_concat.md": (
            'import pkgasm\n\na = pkgasm.hub("someone/a")\nb = pkgasm.hub("someone/b")\ncombined = pkgasm.concat([a, b])\n'
        ),
        "implementations/Demo_export.md": 'import pkgasm\n\nds = pkgasm.hub("someone/c")\nwritten = ds.export("out.txt")\n',
    }
)

PKGASM = """
class Table(list):
    def export(self, path):
        with open(path, "w") as out:
            out.writelines(f"{row}\\n" for row in self)
        return len(self)


def read(path):
    with open(path) as lines:
        return [line.strip() for line in lines if line.strip()]


def from_rows(rows):
    return Table(rows)


def manual(names):
    return Table(names)


def hub(repo_id):
    raise ConnectionError(f"Couldn't reach {repo_id!r} on the Hub")


def concat(tables):
    return Table(row for table in tables for row in table)
"""


def test_results_the_later_inputs_cite_are_made_read_and_handed_on_by_those_names(tmp_path):
    """Seen on a Hugging Face datasets wiki (dataset assembly): step 1's Outputs say "`scraped`: `Dataset`" and
    later Inputs cite "`scraped` from Step 1", but the step took the example building `pd.DataFrame({"a": [1, 2,
    3]})` (not the one reading "reviews.jsonl", as its Inputs ask) and named the result `ds`; step 5 concatenated
    two Hub downloads instead of "`scraped` from Step 2, aligned `manual` from Step 4"; step 6 exported a third
    download instead of `combined`. Now: the example reading the file the Inputs name; the Outputs' name where a
    later step cites it; a list of the page's own data replaced by the results the Inputs quote; the object the
    method is called on taken from the cited result (of the class `TableType` names)."""
    build_file_tree(tmp_path / "lib", {"pkgasm/__init__.py": PKGASM})
    item = generated(tmp_path, {"_WorkflowIndex.md": ASSEMBLY_INDEX, **ASSEMBLY_PAGES})
    ingest, _, concat, export = (s.binding for s in item.plan.steps)
    assert ingest.produces == ("scraped",) and "pkgasm.read(" in ingest.body, ingest.body
    assert "hub" not in concat.body and "concat([scraped, manual])" in concat.body, concat.body
    assert "hub" not in export.body and export.consumes == ("combined",), export.body
    (item.output_dir / "mine.txt").write_text("r1\nr2\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.filename=mine.txt", "--set", '2.names=["m"]')
    assert "written: 3\n" in proc.stderr, proc.stderr
    assert (item.output_dir / "out.txt").read_text() == "r1\nr2\nm\n"


PER_ITEM_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Per_Item

**Description:** Load pairs, make one example, build the training set.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgex.load(path: str) -> list` |
| **Outputs** | `train_data` |

### Step 2: Make One

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgex.make(text: str, label: int) -> Item` |
| **Implementation** | `Demo_make` |
| **Outputs** | `item` |

### Step 3: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgex.build(items: list) -> int` |
| **Implementation** | `Demo_build` |
| **Inputs** | `train_data` from Step 1 |
| **Outputs** | `distinct` |
"""

PER_ITEM_PAGES = example_pages(
    {
        "implementations/Demo_make.md": 'import pkgex\n\nitem = pkgex.make("demo", 0)\n',
        "implementations/Demo_build.md": (
            "import pkgex\n\nitems = [pkgex.make(t, a) for t, a in train_data]\ndistinct = pkgex.build(items)\n"
        ),
    }
)

PKGEX = """
def load(path):
    with open(path) as lines:
        return [(text, int(label)) for text, label in (line.strip().split(",") for line in lines if line.strip())]


def make(text, label):
    return (text, label)


def build(items):
    return len(set(items))
"""


def test_a_call_made_per_item_is_never_an_earlier_steps_one_result(tmp_path):
    """Seen on a spaCy wiki: step 3 made one `Example` with `Example.from_dict(...)`; step 4's example builds the
    training set, `[Example.from_dict(nlp.make_doc(t), a) for t, a in train_data]`, and the call inside became
    step 3's one result: 64 copies of one demo sentence, trained to a constant classifier. A call reading a name
    its comprehension or loop binds makes a new thing each time."""
    build_file_tree(tmp_path / "lib", {"pkgex/__init__.py": PKGEX})
    item = generated(tmp_path, {"_WorkflowIndex.md": PER_ITEM_INDEX, **PER_ITEM_PAGES})
    build = item.plan.steps[2].binding
    assert "pkgex.make(t, a) for t, a in train_data" in build.body and "item" not in build.consumes, build.body
    (item.output_dir / "pairs.txt").write_text("a,1\nb,0\nc,1\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=pairs.txt")
    assert "distinct: 3\n" in proc.stderr, proc.stderr


TABULAR_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Tabular

**Description:** Read a CSV, split it, build pools, report their sizes.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcb.read_csv(filepath_or_buffer: str) -> dict` |
| **Implementation** | `Demo_read_csv` |
| **Key Parameters** | `filepath_or_buffer: str` - path to the CSV, `label: str` - name of the target column (`churned`) |
| **Inputs** | CSV file with a label column |
| **Outputs** | `table`, `y` |

### Step 2: Split

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcb.split(table: dict, y: list) -> tuple` |
| **Inputs** | `table`, `y` from Step 1 |
| **Outputs** | `X_train`, `X_valid`, `y_train`, `y_valid` |

### Step 3: Pools

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcb.Pool(data, label=None)` |
| **Implementation** | `Demo_pool` |
| **Inputs** | `X_train`, `y_train`, `X_valid`, `y_valid` from Step 2 |
| **Outputs** | `train_pool`, `valid_pool` |

### Step 4: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcb.sizes(train_pool: tuple, valid_pool: tuple) -> str` |
| **Inputs** | `train_pool`, `valid_pool` from Step 3 |
| **Outputs** | `summary` |
"""

TABULAR_PAGES = example_pages(
    {
        "implementations/Demo_read_csv.md": (
            'import io\nimport pkgcb\n\ncsv = io.StringIO("x,churned\\n1,0\\n")\ntable = pkgcb.read_csv(csv)\n'
            'y = pkgcb.pop(table, "churned")\n'
        ),
        "implementations/Demo_pool.md": (
            "import random\nimport pkgcb\n\nX = [random.random() for _ in range(10)]\ny = [0, 1] * 5\n"
            "train_pool = pkgcb.Pool(X[:8], y[:8])\nvalid_pool = pkgcb.Pool(X[8:], y[8:])\n"
        ),
    }
)

PKGCB_TABULAR = """
def read_csv(filepath_or_buffer):
    with open(filepath_or_buffer) as lines:
        header, *rows = [line.strip().split(",") for line in lines if line.strip()]
    return {"header": header, "rows": rows}


def pop(table, column):
    at = table["header"].index(column)
    return [row.pop(at) for row in table["rows"]]


def split(table, y):
    cut = len(y) * 3 // 4
    return table["rows"][:cut], table["rows"][cut:], y[:cut], y[cut:]


def Pool(data, label=None):
    assert len(data) == len(label)
    return (len(data), len(label))


def sizes(train_pool, valid_pool):
    return f"{train_pool[0]}/{valid_pool[0]}"
"""


def test_the_pages_in_memory_file_labels_and_split_give_way_to_the_users(tmp_path):
    """Seen on a catboost wiki: step 1 read `pd.read_csv(io.StringIO("tenure,contract,...,churned\\n3,..."))`, three
    rows in memory, with no key for the file the Key Parameters name (`filepath_or_buffer`), and popped the label
    as the literal "churned" though "`label: str` - name of the target column (`churned`)" is a key; step 3 built
    its pools from random numbers sliced `X[:160]`, `X[160:]` though the Inputs cite "`X_train`, `y_train`,
    `X_valid`, `y_valid` from Step 2". Now the file is the key's; the text the step documents as a key's value is
    that key; a slice to a number is the cited `_train`, one from it the cited held-out part."""
    build_file_tree(tmp_path / "lib", {"pkgcb/__init__.py": PKGCB_TABULAR})
    item = generated(tmp_path, {"_WorkflowIndex.md": TABULAR_INDEX, **TABULAR_PAGES})
    load, _, pools, _ = (s.binding for s in item.plan.steps)
    assert "StringIO" not in load.body and "pkgcb.pop(table, label)" in load.body, load.body
    assert {p.name: p.default for p in load.params} == {"filepath_or_buffer": None, "label": "'churned'"}
    assert "random" not in pools.body and "pkgcb.Pool(X_valid, y_valid)" in pools.body, pools.body
    (item.output_dir / "mine.csv").write_text("x,target\n1,0\n2,1\n3,0\n4,1\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.filepath_or_buffer=mine.csv", "--set", "1.label=target")
    assert "summary: '3/1'" in proc.stderr, proc.stderr


RULER_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Ruler

**Description:** Read patterns, make a ruler, run it over a file's texts.

### Step 1: Patterns

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsp.read_patterns(path: str) -> list` |
| **Outputs** | `patterns` |

### Step 2: Ruler

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsp.make_ruler(name: str) -> Ruler` |
| **Implementation** | `Demo_ruler` |
| **Inputs** | `patterns` from Step 1 |
| **Outputs** | `ruler` |

### Step 3: Process

| Attribute | Value |
|-----------|-------|
| **API Call** | `Ruler.pipe(texts: Iterable[str]) -> Iterator[tuple]` |
| **Implementation** | `Demo_pipe` |
| **Key Parameters** | `texts: Iterable[str]` - one text per line of the input file |
| **Inputs** | `ruler` from Step 2, input text file (one text per line) |
| **Outputs** | `docs` |
"""

RULER_PAGES = example_pages(
    {
        "implementations/Demo_ruler.md": (
            'import pkgsp\n\nruler = pkgsp.make_ruler("entity_ruler")\n'
            'ruler.add_patterns([{"label": "ORG", "pattern": "MyCorp"}])\n'
        ),
        "implementations/Demo_pipe.md": [
            'for doc in ruler.pipe(["This is a text", "These are lots of texts"]):\n    print(doc)\n',
            "docs = list(ruler.pipe(texts))\n",
        ],
    }
)

PKGSP = """
class Ruler:
    def __init__(self):
        self.patterns = []

    def add_patterns(self, patterns):
        self.patterns.extend(patterns)

    def pipe(self, texts):
        for text in texts:
            yield " ".join([text, *(p["label"] for p in self.patterns if p["pattern"] in text)])


def read_patterns(path):
    with open(path) as lines:
        return [dict(zip(("label", "pattern"), line.strip().split(","))) for line in lines if line.strip()]


def make_ruler(name):
    return Ruler()
"""


def test_patterns_written_out_and_texts_per_line_give_way_to_the_users(tmp_path):
    """Seen on a spaCy wiki: step 3 added the page's `[{"label": "ORG", "pattern": "MyCorp Inc."}]` though its
    Inputs say "`patterns` from Step 2"; step 4 ("`texts: Iterable[str]` - one text per line of the input file")
    took the example printing `nlp.pipe(["This is a text", ...])` over the one making the `docs` its Outputs name,
    because `texts` without a literal counted as an object asked through config; nothing reached step 5. Rows
    written out in a call stand for the quoted result; a list of texts is a value config holds, and where the
    Inputs say one per line of a file, a key taking that file."""
    build_file_tree(tmp_path / "lib", {"pkgsp/__init__.py": PKGSP})
    item = generated(tmp_path, {"_WorkflowIndex.md": RULER_INDEX, **RULER_PAGES})
    ruler, process = (s.binding for s in item.plan.steps[1:])
    assert "ruler.add_patterns(patterns)" in ruler.body and ruler.consumes == ("patterns",), ruler.body
    assert "docs = list(ruler.pipe(texts))" in process.body, process.body
    assert [(p.loader, p.required) for p in process.params if p.name == "texts"] == [("lines", True)]
    (item.output_dir / "pats.txt").write_text("ORG,Acme\nGPE,Paris\n", encoding="utf-8")
    (item.output_dir / "news.txt").write_text("Acme opens in Paris\nNothing here\nAcme again\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=pats.txt", "--set", "3.texts=news.txt")
    assert "docs: list of 3: 'Acme opens in Paris ORG GPE', 'Nothing here', 'Acme again ORG'" in proc.stderr, (
        proc.stderr
    )


WRITE_READ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Write_Read

**Description:** Write a file, read it back.

### Step 1: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrw.save(filename: str) -> None` |
| **Implementation** | `Demo_save_file` |
| **Key Parameters** | `filename: str` - output file (e.g. `corpus.bin`) |
| **Outputs** | `corpus.bin` file on disk |

### Step 2: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrw.load(filename: str) -> list` |
| **Implementation** | `Demo_load_file` |
| **Inputs** | `.bin` file from Step 1 |
| **Outputs** | `restored` |
"""

WRITE_READ_PAGES = example_pages(
    {
        "implementations/Demo_save_file.md": 'import pkgrw\n\npkgrw.save("corpus.bin")\n',
        "implementations/Demo_load_file.md": 'import pkgrw\n\nrestored = pkgrw.load("./data.bin")\n',
    }
)

PKGRW = """
def save(filename):
    with open(filename, "w") as out:
        out.write("a\\nb\\n")


def load(filename):
    with open(filename) as lines:
        return [line.strip() for line in lines]
"""


def test_a_file_an_earlier_step_writes_is_the_one_a_later_step_reads(tmp_path):
    """Seen on a spaCy wiki: step 4 wrote `corpus.spacy` (its key `filename`), step 5's Inputs say "`.spacy` file
    from Step 4", and its example reads `./data.spacy`: the default run failed with FileNotFoundError, and a user
    who set step 4's file had to set step 5's too. A key of a step whose Inputs take a file from Step N, with the
    extension of the one file step N writes, follows that step's key until it is set."""
    build_file_tree(tmp_path / "lib", {"pkgrw/__init__.py": PKGRW})
    item = generated(tmp_path, {"_WorkflowIndex.md": WRITE_READ_INDEX, **WRITE_READ_PAGES})
    load = item.plan.steps[1].binding
    assert [p.follows for p in load.params] == ["step_01_save.filename"], load.params
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.filename=mine.bin")
    assert "restored: list of 2: 'a', 'b'" in proc.stderr, proc.stderr


CHAINED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Chained

**Description:** Make a store, save it, load it into a new one, count over a sweep, add up.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgch.Store(items: list) -> Store` |
| **Implementation** | `Demo_store` |
| **Outputs** | `store` |

### Step 2: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `store.save(path: str) -> None` |
| **Implementation** | `Demo_store_save` |
| **Inputs** | `store` from Step 1 |
| **Outputs** | `store.txt` file on disk |

### Step 3: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgch.Store().load(path: str) -> Store` |
| **Implementation** | `Demo_store_load` |
| **Inputs** | `.txt` file from Step 2 |
| **Outputs** | `loaded` |

### Step 4: Sweep

| Attribute | Value |
|-----------|-------|
| **API Call** | `loaded.count(prefix: str, times: int) -> int` |
| **Implementation** | `Demo_store_count` |
| **Key Parameters** | `prefix: str` - the prefix to count, swept over `times_values: list[int] = [1, 2, 3]` |
| **Inputs** | `loaded` from Step 3 |
| **Outputs** | `totals` |

### Step 5: Add Up

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgch.total(totals: dict) -> int` |
| **Inputs** | `totals` from Step 4 |
| **Outputs** | `total` |
"""

CHAINED_PAGES = example_pages(
    {
        "implementations/Demo_store.md": 'import pkgch\n\nstore = pkgch.Store(["a", "b"])\n',
        "implementations/Demo_store_save.md": 'store.save("store.txt")\n',
        "implementations/Demo_store_load.md": (
            'import pkgch\n\nold = pkgch.Store(["z"])\nold.save("other.txt")\nloaded = pkgch.Store().load("other.txt")\n'
        ),
        "implementations/Demo_store_count.md": (
            'totals = {}\nfor times in [1, 2, 3]:\n    totals[times] = loaded.count("a", times)\n'
        ),
    }
)

PKGCH = """
class Store:
    def __init__(self, items=None):
        self.items = list(items or [])

    def save(self, path):
        with open(path, "w") as out:
            out.writelines(item + "\\n" for item in self.items)

    def load(self, path):
        with open(path) as lines:
            self.items += [line.strip() for line in lines if line.strip()]
        return self

    def count(self, prefix, times):
        return times * sum(item.startswith(prefix) for item in self.items)


def total(totals):
    return sum(totals.values())
"""


def test_a_chained_api_loads_into_a_new_object_and_a_documented_sweep_stays_a_loop(tmp_path):
    """Seen on catboost, spaCy and faiss wikis: `CatBoostRegressor().load_model(fname: str = None)` and
    `DocBin().from_disk(path)` were read as a call of the class alone (the step bound the example's training line, or
    loaded into step 4's DocBin); `faiss.ParameterSpace().set_index_parameter(...)`, then read right, lost its sweep
    `for nprobe in [1, 2, 4, 8, 16]:` though the Key Parameters say "swept over `nprobe_values: list[int] = [1, 2,
    4, 8, 16]`". A class called with nothing, then a method, is that method on a new object; a loop over the values
    the step says it sweeps is the step's work."""
    build_file_tree(tmp_path / "lib", {"pkgch/__init__.py": PKGCH})
    item = generated(tmp_path, {"_WorkflowIndex.md": CHAINED_INDEX, **CHAINED_PAGES})
    load, sweep = (s.binding for s in item.plan.steps[2:4])
    assert "pkgch.Store().load(path)" in load.body and "store" not in load.consumes, load.body
    assert "for times in [1, 2, 3]:" in sweep.body, sweep.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "total: 6\n" in proc.stderr, proc.stderr  # a: once per sweep value 1 + 2 + 3, from a new store


LOOP_COUNTS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Loop_Counts

**Description:** Load items, train over epochs in batches.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgepoch.load(path: str) -> list` |
| **Outputs** | `items` |

### Step 2: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgepoch.update(batch: list) -> int` |
| **Implementation** | `Demo_update` |
| **Key Parameters** | `n_iter: int` - number of epochs (e.g. 3), `batch_size: int` - items per batch (e.g. 2) |
| **Inputs** | `items` from Step 1 |
| **Outputs** | `seen` |
"""

LOOP_COUNTS_PAGES = example_pages(
    {
        "implementations/Demo_update.md": (
            "import pkgepoch\n\nseen = []\nfor epoch in range(3):\n"
            "    for batch in pkgepoch.minibatch(items, size=2):\n        seen.append(pkgepoch.update(batch))\n"
        )
    }
)

PKGEPOCH = """
def load(path):
    with open(path) as lines:
        return [line.strip() for line in lines if line.strip()]


def minibatch(items, size):
    return [items[at : at + size] for at in range(0, len(items), size)]


def update(batch):
    return len(batch)
"""


def test_counts_and_sizes_the_key_parameters_document_are_those_keys(tmp_path):
    """Seen on a spaCy wiki: "`n_iter: int` - number of epochs (e.g. 20), `batch_size: int` - examples per
    minibatch (e.g. 8)", and the example loops `for i in range(20):` over `minibatch(examples, size=8)`: 20 stayed
    in the code (`--set 5.n_iter` was refused) and the batch size became a key named `size`. A number in brackets
    at the end of a description is its default; the count of a `range(...)` loop and a keyword's number equal to a
    documented key's default (one key only, not passed by its own name) are that key."""
    build_file_tree(tmp_path / "lib", {"pkgepoch/__init__.py": PKGEPOCH})
    item = generated(tmp_path, {"_WorkflowIndex.md": LOOP_COUNTS_INDEX, **LOOP_COUNTS_PAGES})
    train = item.plan.steps[1].binding
    assert "range(n_iter)" in train.body and "size=batch_size" in train.body, train.body
    assert {p.name: p.default for p in train.params} == {"n_iter": "3", "batch_size": "2"}, train.params
    (item.output_dir / "items.txt").write_text("a\nb\nc\nd\ne\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=items.txt")
    assert "seen: list of 9: 2, 2, 1, 2, 2" in proc.stderr, proc.stderr
    proc = run_workflow(
        item, tmp_path / "lib", "--set", "1.path=items.txt", "--set", "2.n_iter=1", "--set", "2.batch_size=5"
    )
    assert "seen: list of 1: 5\n" in proc.stderr, proc.stderr


GUARDED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Guarded

**Description:** Load vectors, compare two words, export a table.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgguard.load(path: str) -> dict` |
| **External Dependencies** | `pkgguard` |
| **Outputs** | `kv` |

### Step 2: Compare

| Attribute | Value |
|-----------|-------|
| **API Call** | `kv.similarity(a: str, b: str) -> float` |
| **Implementation** | `Demo_similarity` |
| **Inputs** | `kv` from Step 1 |
| **Outputs** | `sim` |

### Step 3: Export

| Attribute | Value |
|-----------|-------|
| **API Call** | `export_table(kv, path: str) -> int` |
| **Source Location** | user code |
| **Implementation** | `Demo_export_table` |
| **Inputs** | `kv` from Step 1 |
| **Outputs** | `rows` |
"""

GUARDED_PAGES = example_pages(
    {
        "implementations/Demo_similarity.md": (
            'pairs = [("king", "queen")]\nfor w1, w2 in pairs:\n    if w1 in kv and w2 in kv:\n'
            "        print(w1, w2, kv.similarity(w1, w2))\n"
        ),
        "implementations/Demo_export_table.md": (
            "def export_table(kv, path):\n    with open(path, 'w') as out:\n        for word in kv:\n"
            "            out.write(word + '\\\\n')\n    return len(kv)\n\n\nrows = export_table(kv, 'table.txt')\n"
        ),
    }
)

PKGGUARD = """
class Vectors(dict):
    def similarity(self, a, b):
        return abs(self[a] - self[b])


def load(path):
    with open(path) as lines:
        return Vectors((word, float(value)) for word, value in (line.split() for line in lines if line.strip()))
"""


def test_the_generated_tests_pass_for_a_guarded_call_and_a_function_the_page_defines(tmp_path):
    """Seen on gensim and statsmodels wikis: the generated repository failed its own tests before anyone touched it.
    `if w1 in kv and w2 in kv: kv.similarity(w1, w2)` never called the API on the tests' stand-ins ("the step made
    no call at all"), and a step whose API is a function its page defines (`export_neighbours`,
    `classification_metrics`) ran that function for real, so no stand-in recorded the call the test looked for.
    The stand-ins now hold whatever is asked of them, and a function the step defines is no call to record."""
    build_file_tree(tmp_path / "lib", {"pkgguard/__init__.py": PKGGUARD})
    item = generated(tmp_path, {"_WorkflowIndex.md": GUARDED_INDEX, **GUARDED_PAGES})
    run_generated_tests(item, tmp_path / "lib")
    (item.output_dir / "vectors.txt").write_text("king 0.9\nqueen 0.7\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=vectors.txt")
    assert "rows: 2\n" in proc.stderr, proc.stderr


MASK_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Mask

**Description:** Load values, threshold them, clean the mask.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmask.load(path: str) -> list` |
| **External Dependencies** | `pkgmask` |
| **Outputs** | `gray` |

### Step 2: Threshold

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmask.threshold(image: list) -> float` |
| **Implementation** | `Demo_threshold` |
| **Inputs** | `gray` from Step 1 |
| **Outputs** | `thresh`: float threshold; `binary`: boolean mask `gray > thresh` |

### Step 3: Clean

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmask.closing(image, footprint=pkgmask.square(3))` |
| **Implementation** | `Demo_closing` |
| **Key Parameters** | `footprint: tuple` - closing footprint (e.g. (3, 3)) |
| **Inputs** | `binary` from Step 2 |
| **Outputs** | `cleaned` |
"""

MASK_PAGES = example_pages(
    {
        "implementations/Demo_threshold.md": (
            "import pkgmask\n\nthresh = pkgmask.threshold(gray)\nmask = pkgmask.above(gray, thresh)\n"
        ),
        "implementations/Demo_closing.md": (
            "import pkgmask\n\nimage = [0.2, 0.8, 0.4]\nthresh = pkgmask.threshold(image)\n"
            "cleaned = pkgmask.closing(image > thresh, pkgmask.square(3))\n"
        ),
    }
)

PKGMASK = """
def load(path):
    with open(path) as lines:
        return [float(line) for line in lines if line.strip()]


def threshold(image):
    return sum(image) / len(image)


def above(image, thresh):
    return [value > thresh for value in image]


def square(size):
    return (size, size)


def closing(image, footprint=None):
    assert isinstance(image, list) and footprint == (3, 3), (image, footprint)
    return [bool(value) for value in image]
"""


def test_the_mask_later_steps_cite_is_named_so_and_taken_as_their_data(tmp_path):
    """Seen on a scikit-image wiki: step 3's Outputs say "`thresh`: float threshold; `binary`: boolean mask", its
    example calls the mask `mask`, and step 4 cites "`binary` from Step 3": step 4 closed `image > thresh` of step 1's
    RGB image instead, and passed the footprint twice (`closing(..., footprint_rectangle((3, 3)),
    footprint=footprint)`, a TypeError), as the API cell writes it by keyword. The one result the Outputs do not
    name is the name they give that a later step cites; a comparison the example builds as the data argument is
    the cited result; an API cell written as a call says nothing of keyword-only."""
    build_file_tree(tmp_path / "lib", {"pkgmask/__init__.py": PKGMASK})
    item = generated(tmp_path, {"_WorkflowIndex.md": MASK_INDEX, **MASK_PAGES})
    threshold, clean = (s.binding for s in item.plan.steps[1:])
    assert threshold.produces == ("thresh", "binary"), threshold.body
    assert "pkgmask.closing(binary, pkgmask.square(3))" in clean.body, clean.body
    (item.output_dir / "values.txt").write_text("0.1\n0.9\n0.8\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=values.txt")
    assert "cleaned: list of 3\n" in proc.stderr, proc.stderr  # the fake asserts the mask and one (3, 3) footprint


RECORDED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Recorded

**Description:** Load ids, score them with the page's own function, train with merged settings.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrec.load(path: str) -> list` |
| **External Dependencies** | `pkgrec` |
| **Outputs** | `ids` |

### Step 2: Score

| Attribute | Value |
|-----------|-------|
| **API Call** | `hits(ids, k: int) -> float` |
| **Source Location** | user code |
| **Implementation** | `Demo_hits` |
| **Inputs** | `ids` from Step 1 |
| **Outputs** | `score` |

### Step 3: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrec.train(params: dict) -> dict` |
| **Implementation** | `Demo_train_merged` |
| **Key Parameters** | `base_params: dict` - e.g. `{"seed": 1}` |
| **Outputs** | `model` |
"""

RECORDED_PAGES = example_pages(
    {
        "implementations/Demo_hits.md": (
            "def hits(ids, k):\n    return float((ids == ids).sum()) / k\n\n\nscore = hits(ids, 2)\n"
        ),
        "implementations/Demo_train_merged.md": (
            'import pkgrec\n\nbase_params = {"seed": 1}\nmodel = pkgrec.train(params={**base_params, "lr": 0.1})\n'
        ),
    }
)

PKGREC = """
class Ids(list):
    def __eq__(self, other):
        return Ids(a == b for a, b in zip(self, other))

    def sum(self):
        return sum(self)


def load(path):
    with open(path) as lines:
        return Ids(line.strip() for line in lines if line.strip())


def train(params):
    return dict(params)
"""


def test_the_generated_tests_pass_for_comparisons_of_stand_ins_and_merged_settings(tmp_path):
    """Seen on faiss and lightgbm trial wikis (and there before this session): a generated repository failed its
    own tests. `float((I[:, :k] == gt[:, :1]).sum())` in the page's own function compared two stand-ins (a bool,
    with no `.sum()`: an AttributeError the test did not take for "the step's own code cannot run on stand-ins");
    and `{**BASE_PARAMS, **study.best_params}` handed the settings on merged, so the key's dict never showed
    whole. The step's own AttributeError is skipped as its TypeError is, and a dict key reaches the call by its
    items."""
    build_file_tree(tmp_path / "lib", {"pkgrec/__init__.py": PKGREC})
    item = generated(tmp_path, {"_WorkflowIndex.md": RECORDED_INDEX, **RECORDED_PAGES})
    run_generated_tests(item, tmp_path / "lib")
    (item.output_dir / "ids.txt").write_text("a\nb\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=ids.txt")
    assert "score: 1.0\n" in proc.stderr and "model: dict of 2" in proc.stderr, proc.stderr


SCORED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Scored

**Description:** Load a split, fit a model, predict and score the held-out part.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgau.load(path: str) -> tuple` |
| **Outputs** | `X_train`, `X_valid`, `y_train`, `y_valid` |

### Step 2: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgau.train(X: list, y: list) -> Model` |
| **Inputs** | `X_train`, `y_train` from Step 1 |
| **Outputs** | `model` |

### Step 3: Predict

| Attribute | Value |
|-----------|-------|
| **API Call** | `model.predict(X) -> list`, then `pkgau.score(y_true, y_pred) -> float` |
| **Implementation** | `Demo_predict` |
| **Inputs** | `model` from Step 2, `X_valid` and `y_valid` from Steps 1-2 |
| **Outputs** | `pred` (a list of labels) and the validation `accuracy` |

### Step 4: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgau.report(accuracy: float) -> str` |
| **Inputs** | `accuracy` from Step 3 |
| **Outputs** | `summary` |
"""

SCORED_PAGES = example_pages(
    {
        "implementations/Demo_predict.md": (
            "import pkgau\n\nX = [1, 2, 3, 4, 5, 6]\ny = [0, 0, 1, 1, 1, 1]\n"
            "model = pkgau.Model().fit(X[:4], y[:4])\npred = model.predict(X[4:])\n"
            'print(pred)\nprint("Accuracy:", round(pkgau.score(y[4:], pred), 3))\n'
        ),
    }
)

PKGAU = """
def load(path):
    with open(path) as lines:
        rows = [line.split(",") for line in lines if line.strip()]
    X, y = [float(x) for x, _ in rows], [int(label) for _, label in rows]
    return X[:-2], X[-2:], y[:-2], y[-2:]


class Model:
    def fit(self, X, y):
        self.cut = min(x for x, label in zip(X, y) if label)
        return self

    def predict(self, X):
        return [int(x >= self.cut) for x in X]


def train(X, y):
    return Model().fit(X, y)


def score(y_true, y_pred):
    return sum(a == b for a, b in zip(y_true, y_pred)) / len(y_true)


def report(accuracy):
    return f"accuracy {accuracy}"
"""


def test_a_value_printed_under_a_label_the_outputs_name_is_that_output(tmp_path):
    """Seen on a catboost wiki: "`model.predict_proba(X)`, then `sklearn.metrics.roc_auc_score(...)`" with the
    Outputs "`proba` ... and validation `auc`"; the example computes the AUC only inside
    `print("AUC:", round(roc_auc_score(y[300:], proba[:, 1]), 4))`, so the step returned no `auc`, and scored the
    example's own `y[300:]` though the Inputs cite "`y_valid` from Steps 2-3". Now a printed value whose label is
    an Outputs name is that output (unrounded), and "from Steps 1-2" cites both steps. And a step with no example,
    `train(X, y)` with "`X_train`, `y_train` from Step 1", was a stub ("the example uses X"): a name nothing
    earlier makes is the one cited result named after it."""
    build_file_tree(tmp_path / "lib", {"pkgau/__init__.py": PKGAU})
    item = generated(tmp_path, {"_WorkflowIndex.md": SCORED_INDEX, **SCORED_PAGES})
    fit, predict = (s.binding for s in item.plan.steps[1:3])
    assert "pkgau.train(X=X_train, y=y_train)" in fit.body, fit.body
    assert "accuracy = pkgau.score(y_valid, pred)" in predict.body, predict.body
    assert set(predict.consumes) == {"model", "X_valid", "y_valid"}, predict.consumes
    (item.output_dir / "rows.csv").write_text("1,0\n2,0\n3,1\n4,1\n5,1\n1.5,0\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=rows.csv")
    assert "summary: 'accuracy 1.0'" in proc.stderr, proc.stderr


CHAINFIT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Chained

**Description:** Load numbers, fit a model, render a report.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcf.load(path: str) -> list` |
| **Outputs** | `rows` |

### Step 2: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcf.Model(rows: list, scale: int = 1).fit(method: str = "plain", penalty: float = 0.0) -> Fitted` |
| **Implementation** | `Demo_fit` |
| **Key Parameters** | `penalty: float` - shrinks the mean (e.g. 0.5) |
| **Inputs** | `rows` from Step 1 |
| **Outputs** | `fitted` |

### Step 3: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcf.Report(fitted: Fitted).render(digits: int = 2) -> str` |
| **Key Parameters** | `digits: int` - decimals shown (3) |
| **Inputs** | `fitted` from Step 2 |
| **Outputs** | `text` |
"""

CHAINFIT_PAGES = example_pages(
    {
        "implementations/Demo_fit.md": (
            "import pkgcf\n\nrows = pkgcf.load('numbers.txt')\nfitted = pkgcf.Model(rows).fit()\nprint(fitted)\n"
        )
    }
)

PKGCF = """
def load(path):
    with open(path) as lines:
        return [float(line) for line in lines if line.strip()]


class Model:
    def __init__(self, rows, scale=1):
        self.rows, self.scale = rows, scale

    def fit(self, method="plain", penalty=0.0):
        return sum(self.rows) / (len(self.rows) + penalty) * self.scale


class Report:
    def __init__(self, fitted):
        self.fitted = fitted

    def render(self, digits=2):
        return f"mean {self.fitted:.{digits}f}"
"""


def test_a_method_chained_on_the_apis_result_takes_its_documented_parameters(tmp_path):
    """Seen on a statsmodels wiki: the API cell `smf.ols(formula: str, data: pandas.DataFrame, ...).fit(method: str =
    "pinv", cov_type: str = "nonrobust", ...)` with the Key Parameter `cov_type` gave no parameters at all (a
    signature chained on a call was not read), and `--set 2.cov_type=HC3` was refused; a step without an example
    called `.render()` bare. Now both calls' parameters are read: a documented one of the chained method is
    passed to it, from config."""
    build_file_tree(tmp_path / "lib", {"pkgcf/__init__.py": PKGCF})
    item = generated(tmp_path, {"_WorkflowIndex.md": CHAINFIT_INDEX, **CHAINFIT_PAGES})
    fit, report = (s.binding for s in item.plan.steps[1:])
    assert ".fit(penalty=penalty)" in fit.body, fit.body
    assert ".render(digits=digits)" in report.body, report.body
    (item.output_dir / "numbers.txt").write_text("1\n2\n6\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=numbers.txt")
    assert "text: 'mean 2.571'" in proc.stderr, proc.stderr  # 9 / (3 + 0.5), three decimals


IMAGES_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Images

**Description:** Open an image, turn it upright, enhance it, shrink it, describe it.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgim.open_image(path: str) -> Img` |
| **Outputs** | `im` |

### Step 2: Orient

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgim.orient(image: Img) -> Img` |
| **Implementation** | `Demo_orient` |
| **Key Parameters** | `path: str` - the photo |
| **Inputs** | a photo file |
| **Outputs** | Upright image |

### Step 3: Enhance

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgim.Enhancer(image: Img).enhance(factor: float) -> Img` |
| **Implementation** | `Demo_enhance` |
| **Key Parameters** | `factor: float` - how much brighter |
| **Inputs** | Upright image from Step 2 |
| **Outputs** | Enhanced image |

### Step 4: Shrink

| Attribute | Value |
|-----------|-------|
| **API Call** | `Img.shrink(by: int) -> None` |
| **Implementation** | `Demo_shrink` |
| **Inputs** | Enhanced image from Step 3 |
| **Outputs** | The same image, shrunk in place |

### Step 5: Describe

| Attribute | Value |
|-----------|-------|
| **API Call** | `Img.describe() -> str` |
| **Implementation** | `Demo_describe` |
| **Inputs** | Shrunk image from Step 4 |
| **Outputs** | `summary` |
"""

IMAGES_PAGES = example_pages(
    {
        "implementations/Demo_orient.md": "import pkgim\n\nim = pkgim.open_image(path)\nupright = pkgim.orient(im)\n",
        "implementations/Demo_enhance.md": "import pkgim\n\nenhancer = pkgim.Enhancer(im)\nbright = enhancer.enhance(1.5)\n",
        "implementations/Demo_shrink.md": "im.shrink(2)\n",
        "implementations/Demo_describe.md": "summary = im.describe()\n",
    }
)

PKGIM = """
class Img:
    def __init__(self, value, upright=False):
        self.value, self.upright = value, upright

    def shrink(self, by):
        self.value /= by

    def describe(self):
        return f"{self.value} upright={self.upright}"


def open_image(path):
    with open(path) as handle:
        return Img(float(handle.read()))


def orient(image):
    return Img(image.value, upright=True)


class Enhancer:
    def __init__(self, image):
        self.image = image

    def enhance(self, factor):
        return Img(self.image.value * factor, self.image.upright)
"""


def test_prose_inputs_take_what_the_cited_steps_call_made(tmp_path):
    """Seen on a Pillow wiki: step 2 opened the photo (`im`) and turned it upright (`upright`); step 3's example
    converts `im`, and with "Upright image from Step 2" it took `im`: every thumbnail came out sideways. The
    enhancement chain lost its work the same way ("Filtered image from Step 3" took the unfiltered `im`), and
    `ImageEnhance.Contrast(image).enhance(factor)` stopped at the enhancer, with no `factor` key. Now the object a
    step works on is what the cited step's call made (or changed in place), the example that calls the chained
    method is chosen, its result is the step's, and a documented parameter it passes a literal is a key."""
    build_file_tree(tmp_path / "lib", {"pkgim/__init__.py": PKGIM})
    item = generated(tmp_path, {"_WorkflowIndex.md": IMAGES_INDEX, **IMAGES_PAGES})
    enhance, shrink, describe = (s.binding for s in item.plan.steps[2:])
    assert "pkgim.Enhancer(upright)" in enhance.body and ".enhance(factor)" in enhance.body, enhance.body
    assert {p.name: p.default for p in enhance.params} == {"factor": "1.5"}, enhance.params
    assert shrink.consumes == ("bright",) and describe.consumes == ("bright",), (shrink.consumes, describe.consumes)
    (item.output_dir / "photo.txt").write_text("10\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=photo.txt")
    assert "summary: '7.5 upright=True'" in proc.stderr, proc.stderr  # 10 x 1.5 / 2, turned upright


SKETCH_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Placeholder

**Description:** Define a scoring function that logs as it goes, then drive it.

### Step 1: Define

| Attribute | Value |
|-----------|-------|
| **API Call** | `Run.log(value: float, step: int) -> None` |
| **Implementation** | `Demo_log` |
| **Outputs** | `score_fn` callable that logs each step |

### Step 2: Drive

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpl.drive(score_fn) -> float` |
| **Inputs** | `score_fn` from Step 1 |
| **Outputs** | `total` |
"""

SKETCH_PAGES = example_pages(
    {
        "implementations/Demo_log.md": [
            "import pkgpl\n\n\ndef score_fn(run):\n    for step in range(3):\n        run.log(step * 2.0, step)\n"
            "    return run.total()\n\n\nprint(pkgpl.drive(score_fn))\n",
            "for step in range(100):\n    ...\n    run.log(value, step)\n",
        ]
    }
)

PKGPL = """
class Run:
    def __init__(self):
        self.values = []

    def log(self, value, step):
        self.values.append(value)

    def total(self):
        return sum(self.values)


def drive(score_fn):
    return score_fn(Run())
"""


def test_an_example_with_a_placeholder_is_never_the_steps_code(tmp_path):
    """Seen on an Optuna wiki: step 3's page has the whole objective (`def objective(trial): ... trial.report(...)`)
    and a sketch, `for step in range(100):` / `...` / `trial.report(accuracy, step)`. The sketch was bound ("bound",
    with REQUIRED keys `trial` and `accuracy` no TOML value can hold) and the step could never run. A slice holding
    `...` as a statement is a sketch for the reader to fill in: never a candidate, so the function the page
    defines is the step's."""
    build_file_tree(tmp_path / "lib", {"pkgpl/__init__.py": PKGPL})
    item = generated(tmp_path, {"_WorkflowIndex.md": SKETCH_INDEX, **SKETCH_PAGES})
    define = item.plan.steps[0].binding
    assert "..." not in define.body and "def score_fn(run)" in define.body, define.body
    assert not define.params, define.params
    proc = run_workflow(item, tmp_path / "lib")
    assert "total: 6.0" in proc.stderr, proc.stderr  # 0 + 2 + 4


MARKS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Marks

**Description:** Read nodes, find a route, mark the nodes on it, count them.

### Step 1: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgna.build(path: str) -> dict` |
| **Outputs** | `G` |

### Step 2: Route

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgna.route(G: dict) -> list` |
| **Inputs** | `G` from Step 1 |
| **Outputs** | `path` |

### Step 3: Mark

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgna.mark(G, values, name=None) -> None` |
| **Implementation** | `Demo_mark` |
| **Inputs** | `G` from Step 1, `path` from Step 2 |
| **Outputs** | `G` with an `on_route` mark on every node |

### Step 4: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgna.count(G: dict) -> int` |
| **Inputs** | `G` from Step 3 |
| **Outputs** | `marked` |
"""

MARKS_PAGES = example_pages(
    {
        "implementations/Demo_mark.md": (
            'import pkgna\n\npkgna.mark(G, False, "on_route")\npkgna.mark(G, {n: True for n in path}, name="on_route")\n'
            'print(G["a"])\n'
        ),
    }
)

PKGNA = """
def build(path):
    with open(path) as lines:
        return {line.strip(): {} for line in lines if line.strip()}


def route(G):
    return sorted(G)[::2]


def mark(G, values, name=None):
    for node, attrs in G.items():
        attrs[name] = values.get(node, attrs.get(name)) if isinstance(values, dict) else values


def count(G):
    return sum(1 for attrs in G.values() if attrs.get("on_route") is True)
"""


def test_the_api_called_again_on_the_same_object_finishes_the_steps_work(tmp_path):
    """Seen on a networkx wiki: the example marks every node False, then the route's nodes True
    (`nx.set_node_attributes(G, False, "on_route")`, then `nx.set_node_attributes(G, {n: True for n in path},
    name="on_route")`). Only the first call was kept, so every node stayed False and the cited `path` was never
    read. Calls of the API right after, on the same object, are the step's work too."""
    build_file_tree(tmp_path / "lib", {"pkgna/__init__.py": PKGNA})
    item = generated(tmp_path, {"_WorkflowIndex.md": MARKS_INDEX, **MARKS_PAGES})
    mark = item.plan.steps[2].binding
    assert "{n: True for n in path}" in mark.body and "path" in mark.consumes, mark.body
    (item.output_dir / "nodes.txt").write_text("a\nb\nc\nd\ne\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=nodes.txt")
    assert "marked: 3\n" in proc.stderr, proc.stderr  # a, c, e


KEPT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Kept

**Description:** Read nodes, keep the distances of some.

### Step 1: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgkp.build(path: str) -> dict` |
| **Outputs** | `G` |

### Step 2: Keep

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgkp.lengths(G: dict) -> Iterator` |
| **Implementation** | `Demo_lengths` |
| **Key Parameters** | `nodes: list` - the nodes to keep (e.g. `["a", "c"]`) |
| **Inputs** | `G` from Step 1 |
| **Outputs** | `kept` |
"""

KEPT_PAGES = example_pages(
    {
        "implementations/Demo_lengths.md": (
            'import pkgkp\n\nnodes = ["a", "c"]\nkept = {u: d for u, d in pkgkp.lengths(G) if u in nodes}\n'
        )
    }
)

PKGKP = """
def build(path):
    with open(path) as lines:
        return {line.strip(): len(line.strip()) for line in lines if line.strip()}


def lengths(G):
    return iter(G.items())
"""


def test_a_key_read_only_as_the_container_of_a_membership_test_passes_the_generated_tests(tmp_path):
    """Seen on a networkx wiki: `{u: ... for u, lengths in nx.all_pairs_dijkstra_path_length(G) if u in nodes}`
    with `nodes` a key; the generated test asserted "config key nodes did not reach the call", though `u in
    nodes` runs for real on the list and records nothing on stand-ins. The repository's own tests now pass."""
    build_file_tree(tmp_path / "lib", {"pkgkp/__init__.py": PKGKP})
    item = generated(tmp_path, {"_WorkflowIndex.md": KEPT_INDEX, **KEPT_PAGES})
    keep = item.plan.steps[1].binding
    assert "if u in nodes" in keep.body and [p.name for p in keep.params] == ["nodes"], keep.body
    run_generated_tests(item, tmp_path / "lib")
    (item.output_dir / "nodes.txt").write_text("a\nbb\nc\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=nodes.txt")
    assert "kept: dict of 2" in proc.stderr, proc.stderr


CURVE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Curve

**Description:** Load points, define a model, fit it, look at the residuals.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcurve.load(path: str) -> tuple` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `path: str` - the points file |
| **Inputs** | a text file of x,y lines |
| **Outputs** | `xdata`, `ydata` |

### Step 2: Model

| Attribute | Value |
|-----------|-------|
| **API Call** | `model(x: float, a: float) -> float` (user-defined) |
| **Implementation** | `Demo_model_pattern` |
| **Source Location** | (user code) |
| **Inputs** | the shape of the law |
| **Outputs** | Callable `model(x, a)` |

### Step 3: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcurve.fit(f: Callable, xdata: list, ydata: list, p0: float = 1.0) -> tuple` |
| **Implementation** | `Demo_fit` |
| **Key Parameters** | `p0: float` - first guess |
| **Inputs** | Model function from Step 2, `xdata`/`ydata` from Step 1 |
| **Outputs** | `popt` (best parameter), `pcov` (its variance) |

### Step 4: Residuals

| Attribute | Value |
|-----------|-------|
| **API Call** | `residuals = [y - model(x, popt) for x, y in zip(xdata, ydata)]` |
| **Implementation** | `Demo_residuals_pattern` |
| **Source Location** | (user code) |
| **Inputs** | `model` from Step 2, `xdata`/`ydata` from Step 1, `popt` from Step 3 |
| **Outputs** | `residuals` list, `worst` float |
"""

CURVE_PAGES = example_pages(
    {
        "implementations/Demo_load.md": "import pkgcurve\n\nxdata, ydata = pkgcurve.load(path)\n",
        "implementations/Demo_model_pattern.md": "def model(x, a):\n    return a * x\n",
        "implementations/Demo_fit.md": (
            "import pkgcurve\n\n\ndef model(x, a):\n    return a * x\n\n\n"
            "popt, pcov = pkgcurve.fit(model, [1.0, 2.0], [2.0, 4.0], p0=0.5)\n"
        ),
        "implementations/Demo_residuals_pattern.md": (
            "import pkgcurve\n\npopt, pcov = pkgcurve.fit(model, xdata, ydata, p0=0.5)\n"
            "residuals = [y - model(x, popt) for x, y in zip(xdata, ydata)]\nworst = max(abs(r) for r in residuals)\n"
        ),
    }
)

PKGCURVE = """
FITS = []


def load(path):
    with open(path) as handle:
        rows = [[float(v) for v in line.split(",")] for line in handle if line.strip()]
    return [r[0] for r in rows], [r[1] for r in rows]


def fit(f, xdata, ydata, p0=1.0):
    FITS.append(p0)
    best = min((abs(sum((y - f(x, a / 100)) ** 2 for x, y in zip(xdata, ydata))), a / 100) for a in range(1000))[1]
    return best, float(len(FITS))
"""


def test_a_step_takes_the_results_its_inputs_cite_instead_of_making_them_again(tmp_path):
    """Seen on a SciPy wiki: the residuals step's example fits again (`popt, pcov = curve_fit(model, xdata, ydata,
    p0=...)`) although its Inputs say "`popt` from Step 3", so what was set on step 3 never reached the results;
    and the fit step defined its own model although its Inputs say "Model function from Step 2". Now a tuple of
    an earlier step's results made again, one of them cited, is taken from that step, and a name the Inputs write
    as a word of a part citing a step ("Model function from Step 2") cites that step's `model`."""
    build_file_tree(tmp_path / "lib", {"pkgcurve/__init__.py": PKGCURVE})
    item = generated(tmp_path, {"_WorkflowIndex.md": CURVE_INDEX, **CURVE_PAGES})
    fit, residuals = (s.binding for s in item.plan.steps[2:])
    assert "def model" not in fit.body and "model" in fit.consumes, (fit.body, fit.consumes)
    assert "pkgcurve.fit" not in residuals.body and residuals.params == (), (residuals.body, residuals.params)
    assert set(residuals.consumes) == {"model", "xdata", "ydata", "popt"}, residuals.consumes
    assert residuals.produces == ("residuals", "worst"), residuals.produces
    (item.output_dir / "points.txt").write_text("1,3.1\n2,5.9\n3,9.0\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=points.txt", "--set", "3.p0=2.5")
    assert "popt: 2.99" in proc.stderr, proc.stderr  # one fit, of y = a x
    assert "pcov: 1.0" in proc.stderr, proc.stderr  # the fit ran once: step 4 took step 3's results
    assert "worst: 0.1" in proc.stderr, proc.stderr


SAMPLES_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Samples

**Description:** Load two groups, check each, bootstrap their difference.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsamples.load(path: str) -> tuple` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `path: str` - the groups file |
| **Inputs** | a text file, one line per group |
| **Outputs** | `control`, `treatment` |

### Step 2: Check

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsamples.check(x: list) -> float` |
| **Implementation** | `Demo_check` |
| **Inputs** | `control` and `treatment` from Step 1 |
| **Outputs** | a score per group |

### Step 3: Bootstrap

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsamples.boot(data: tuple, x: int = 0, rng: object = None) -> float` |
| **Implementation** | `Demo_boot` |
| **Inputs** | `control` and `treatment` from Step 1 |
| **Outputs** | `diff` |
"""

SAMPLES_PAGES = example_pages(
    {
        "implementations/Demo_load.md": "import pkgsamples\n\ncontrol, treatment = pkgsamples.load(path)\n",
        "implementations/Demo_check.md": [
            "import pkgsamples\n\nfor name, sample in [('control', control), ('treatment', treatment)]:\n"
            "    print(name, pkgsamples.check(sample))\n",
            "import pkgsamples\n\nrng = pkgsamples.default_rng()\nx = pkgsamples.draw(rng, 100)\n"
            "score = pkgsamples.check(x)\n",
        ],
        "implementations/Demo_boot.md": "import pkgsamples\n\ndiff = pkgsamples.boot((control, treatment))\n",
    }
)

PKGSAMPLES = """
import random


def load(path):
    with open(path) as handle:
        rows = [[float(v) for v in line.split()] for line in handle if line.strip()]
    return rows[0], rows[1]


def default_rng():
    return random.Random()


def draw(rng, size):
    return [rng.random() for _ in range(size)]


def check(x):
    return round(sum(x) / len(x), 3)


def boot(data, x=0, rng=None):
    return round(sum(data[1]) / len(data[1]) - sum(data[0]) / len(data[0]), 3)
"""


def test_a_demo_making_its_own_samples_gives_way_to_the_example_on_the_cited_ones(tmp_path):
    """Seen on a SciPy wiki: the normality step's page has an example testing the cited groups in a loop and a
    "single sample" demo (`rng = np.random.default_rng()`, `x = stats.norm.rvs(...)`, `stats.shapiro(x)`). The demo
    won because later APIs take parameters named `x` and `rng`, so the step tested random numbers (a different
    p-value every run) and the bootstrap took its unseeded generator. Names a demo makes before the step's call, of
    nothing an earlier step made, no longer count as what later steps want."""
    build_file_tree(tmp_path / "lib", {"pkgsamples/__init__.py": PKGSAMPLES})
    item = generated(tmp_path, {"_WorkflowIndex.md": SAMPLES_INDEX, **SAMPLES_PAGES})
    check, boot = (s.binding for s in item.plan.steps[1:])
    assert set(check.consumes) == {"control", "treatment"} and "rng" not in check.produces, check.body
    assert "rng" not in boot.consumes, boot.consumes
    (item.output_dir / "groups.txt").write_text("1 2 3\n4 5 9\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=groups.txt")
    assert "control 2.0" in proc.stdout and "treatment 6.0" in proc.stdout, proc.stdout + proc.stderr
    assert "diff: 4.0" in proc.stderr, proc.stderr


QUANT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Quant

**Description:** Prepare a model file, quantize it, measure it.

### Step 1: Prepare

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgquant.prep(input_model: str, output_model_path: str) -> None` |
| **Implementation** | `Demo_prep` |
| **Key Parameters** | `input_model: str` - the model file, `output_model_path: str` - where the prepared model goes |
| **Inputs** | a model file |
| **Outputs** | the prepared model file |

### Step 2: Quantize

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgquant.quantize(model_input: str, model_output: str, weight_type=QType.QInt8) -> None` |
| **Implementation** | `Demo_quantize` |
| **Key Parameters** | `model_input: str` - the prepared model, `model_output: str` - the quantized model, `weight_type: QType` - `QType.QInt8` or `QType.QInt4` |
| **Inputs** | Prepared model from Step 1 |
| **Outputs** | the quantized model file |

### Step 3: Measure

| Attribute | Value |
|-----------|-------|
| **API Call** | `round(os.path.getsize(path) / 1024, 3)` |
| **Implementation** | `Demo_model_kb` |
| **Inputs** | Quantized model from Step 2 |
| **Outputs** | `kb` |
"""

QUANT_PAGES = {
    **example_pages(
        {
            "implementations/Demo_prep.md": 'import pkgquant\n\npkgquant.prep("model.bin", "model-infer.bin")\n',
            "implementations/Demo_quantize.md": (
                "from pkgquant import quantize, QType\n\n"
                'model_fp32 = "bert-infer.bin"\nmodel_quant = "bert.q.bin"\n'
                "quantize(model_fp32, model_quant, weight_type=QType.QInt8)\n"
            ),
        }
    ),
    "implementations/Demo_model_kb.md": (
        '== Code Reference ==\n=== Signature ===\n<syntaxhighlight lang="python">\n'
        "def model_kb(path: str) -> float:\n</syntaxhighlight>\n"
        '== Usage Examples ==\n<syntaxhighlight lang="python">\nimport os\n\n\n'
        "def model_kb(path):\n    return round(os.path.getsize(path) / 1024, 3)\n\n\n"
        'kb = model_kb("bert.q.bin")\n</syntaxhighlight>\n'
    ),
}

PKGQUANT = """
import enum


class QType(enum.Enum):
    QInt8 = 8
    QInt4 = 4


def prep(input_model, output_model_path):
    with open(input_model) as handle:
        data = handle.read().strip()
    with open(output_model_path, "w") as handle:
        handle.write(data * 1024)


def quantize(model_input, model_output, weight_type=QType.QInt8):
    with open(model_input) as handle:
        data = handle.read()
    with open(model_output, "w") as handle:
        handle.write(data[: len(data) * weight_type.value // 8])
"""


def test_file_keys_take_their_documented_names_and_follow_the_step_that_writes_them(tmp_path):
    """Seen on an ONNX Runtime wiki: quantize_dynamic's keys were the example's variables (`model_fp32`,
    `model_quant`, not the documented `model_input`, `model_output`) and followed nothing, so the pre-processed model
    of step 1 had to be set again in every later step; step 1's output folder was not made (`output_model_path` goes
    to no call named like a writer); `weight_type=QuantType.QInt8` was code, not a key; and the accuracy step, whose
    API cell is a formula (`np.mean(np.argmax(logits, axis=1) == labels)`), was bound "bound" as `np.mean()`, though
    the page's Signature is the function its example defines and calls."""
    build_file_tree(tmp_path / "lib", {"pkgquant/__init__.py": PKGQUANT})
    item = generated(tmp_path, {"_WorkflowIndex.md": QUANT_INDEX, **QUANT_PAGES})
    prepare, quantize, measure = (s.binding for s in item.plan.steps)
    keys = {p.name: p for p in quantize.params}
    assert set(keys) >= {"model_input", "model_output", "weight_type"}, keys
    assert "QType[weight_type]" in quantize.body, quantize.body
    assert keys["model_input"].follows == "step_01_prepare.output_model_path", keys["model_input"]
    assert next(p for p in prepare.params if p.name == "output_model_path").writes, prepare.params
    assert "def model_kb" in measure.body and "model_kb(" in measure.body.split("def model_kb", 1)[1], measure.body
    assert [p.follows for p in measure.params] == ["step_02_quantize.model_output"], measure.params
    (item.output_dir / "model.txt").write_text("abcdefgh\n", encoding="utf-8")
    proc = run_workflow(
        item,
        tmp_path / "lib",
        *("--set", "1.input_model=model.txt", "--set", "1.output_model_path=work/prep.bin"),
        *("--set", "2.model_output=work/q.bin", "--set", "2.weight_type=QInt4"),
    )
    assert "kb: 4.0" in proc.stderr, proc.stderr  # 8 x 1024 characters prepared, half of them kept


PIPECALL_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Pipe

**Description:** Load a pipeline, seed a generator, sample.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `Pipe.from_pretrained(path: str) -> Self` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `path: str` - the pipeline folder |
| **Outputs** | `pipe` |

### Step 2: Seed

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpipecall.Generator().manual_seed(seed: int) -> Generator` |
| **Implementation** | `Demo_seed` |
| **Key Parameters** | `seed: int` - e.g. 0 |
| **Outputs** | `generator` |

### Step 3: Sample

| Attribute | Value |
|-----------|-------|
| **API Call** | `Pipe.__call__(batch_size: int = 1, generator: Generator = None) -> Output` |
| **Implementation** | `Demo_sample` |
| **Key Parameters** | `batch_size: int` - samples per call |
| **Inputs** | `pipe` from Step 1, `generator` from Step 2 |
| **Outputs** | `images`: list of samples |
"""

PIPECALL_PAGES = example_pages(
    {
        "implementations/Demo_load.md": 'from pkgpipecall import Pipe\n\npipe = Pipe.from_pretrained("tiny")\n',
        "implementations/Demo_seed.md": (
            "import pkgpipecall\n\ngenerator = pkgpipecall.Generator().manual_seed(0)\n"
            "image = pipe(generator=generator).images[0]\n"
        ),
        "implementations/Demo_sample.md": "images = pipe(batch_size=2, generator=generator).images\n",
    }
)

PKGPIPECALL = """
class Generator:
    def manual_seed(self, seed):
        self.state = seed
        return self

    def draw(self):
        self.state += 1
        return self.state


class Output:
    def __init__(self, images):
        self.images = images


class Pipe:
    @classmethod
    def from_pretrained(cls, path):
        return cls()

    def __call__(self, batch_size=1, generator=None):
        return Output([generator.draw() for _ in range(batch_size)])
"""


def test_a_later_steps_call_of_an_earlier_object_is_left_to_it(tmp_path):
    """Seen on a diffusers wiki: the seeding step's example goes on to sample (`image =
    pipe(generator=generator).images[0]`), so the step ran the whole sampler and used up the seed before step 3
    did; and step 3, whose API is `DDPMPipeline.__call__(...)`, was built from the signature without the example's
    `.images`. `from_pretrained(...) -> Self` had given `pipe` the type `Self`, so neither `pipe(...)` was known to
    call the pipeline. Now `Self` is the class the method is called on, and a later step's call of an earlier
    object ends the slice."""
    build_file_tree(tmp_path / "lib", {"pkgpipecall/__init__.py": PKGPIPECALL})
    item = generated(tmp_path, {"_WorkflowIndex.md": PIPECALL_INDEX, **PIPECALL_PAGES})
    seed, sample = (s.binding for s in item.plan.steps[1:])
    assert "pipe" not in seed.consumes and seed.produces == ("generator",), seed.body
    assert ".images" in sample.body, sample.body
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.seed=10", "--set", "3.batch_size=3")
    assert "images: list of 3: 11, 12, 13" in proc.stderr, proc.stderr  # the seed, untouched before step 3


MEMORY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Memory

**Description:** Plan where the weights go.

### Step 1: Plan

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmemory.plan(per_device) -> str` |
| **External Dependencies** | `pkgmemory` |
| **Key Parameters** | `per_device: dict = {0: "10GiB", 1: "10GiB", "cpu": "30GiB"}` - memory per device |
| **Outputs** | `placement` |
"""

PKGMEMORY = """
def plan(per_device):
    for device in per_device:
        if not (isinstance(device, int) or device in ("cpu", "disk")):
            raise ValueError(f"Device {device!r} is not recognized")
    return ",".join(f"{d}={type(d).__name__}" for d in per_device)
"""


def test_a_table_key_mixing_number_and_name_keys_gets_its_number_keys_back(tmp_path):
    """Seen on an accelerate wiki: `max_memory={0: "10GiB", 1: "10GiB", "cpu": "30GiB"}` (a key of that name now
    defaults to its `cpu` entry, generator/bind/hardware.py; the map is named otherwise here). TOML writes the keys as
    strings; the runtime gave numbers back only when every key of the default was a number, so accelerate got "0"
    and raised "Device 0 is not recognized", with the config's own default."""
    build_file_tree(tmp_path / "lib", {"pkgmemory/__init__.py": PKGMEMORY})
    item = generated(tmp_path, {"_WorkflowIndex.md": MEMORY_INDEX})
    proc = run_workflow(item, tmp_path / "lib")
    assert "placement: '0=int,1=int,cpu=str'" in proc.stderr, proc.stderr


WEIGHTS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Weights

**Description:** Read a checkpoint's first rows.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgweights.read_weights(checkpoint: str, limit: int = 0) -> list` |
| **Implementation** | `Demo_read_weights` |
| **Key Parameters** | `checkpoint: str` - file, sharded index or folder, `limit: int` - rows to read (e.g. 2) |
| **Outputs** | `rows` |
"""

WEIGHTS_PAGES = example_pages(
    {
        "implementations/Demo_read_weights.md": (
            "from huggingface_hub import snapshot_download\nimport pkgweights\n\n"
            'weights_location = snapshot_download(repo_id="org/tiny-weights")\n'
            "rows = pkgweights.read_weights(checkpoint=weights_location, limit=max_rows)\n"
        ),
    }
)

PKGWEIGHTS = """
def read_weights(checkpoint, limit=0):
    with open(checkpoint) as handle:
        rows = [line.strip() for line in handle if line.strip()]
    return rows[:limit] if limit else rows
"""


def test_a_download_and_an_unnamed_value_give_way_to_the_documented_keys(tmp_path):
    """Seen on an accelerate wiki: `weights_location = snapshot_download(repo_id=...)` passed as `checkpoint`, which
    the Key Parameters document as "file, sharded index or folder": the step could only download from the Hub, and
    had a `repo_id` key instead of a `checkpoint` one. And `skip_first_batches(dataloader, num_batches=resume_step)`,
    with `num_batches: int` documented (e.g. 2), asked for a REQUIRED key `resume_step` of no type. Now the download
    stands for the user's copy, which the documented key names, and a value the example makes of nothing, passed
    once to a documented parameter of a simple type, takes its name, type and example value."""
    build_file_tree(tmp_path / "lib", {"pkgweights/__init__.py": PKGWEIGHTS})
    item = generated(tmp_path, {"_WorkflowIndex.md": WEIGHTS_INDEX, **WEIGHTS_PAGES})
    read = item.plan.steps[0].binding
    assert "snapshot_download" not in read.body, read.body
    keys = {p.name: p for p in read.params}
    assert set(keys) == {"checkpoint", "limit"} and keys["limit"].type == "int", keys
    (item.output_dir / "weights.txt").write_text("w1\nw2\nw3\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.checkpoint=weights.txt", "--set", "1.limit=2")
    assert "rows: list of 2: 'w1', 'w2'" in proc.stderr, proc.stderr


WRAPPED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Wrapped

**Description:** Load untyped state, build a model from a config.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgwrapped.load(path: str) -> Any` |
| **External Dependencies** | `pkgwrapped` |
| **Key Parameters** | `path: str = "state.txt"` - the saved state |
| **Outputs** | `state` |

### Step 2: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgwrapped.Auto.from_config(config)` |
| **External Dependencies** | `pkgwrapped` |
| **Inputs** | `state` from Step 1 |
| **Outputs** | `model` |
"""

WRAPPED_PAGES = example_pages(
    {
        "implementations/Demo_load.md": "import pkgwrapped\n\nstate = pkgwrapped.load(path)\nstate.eval()\n",
    }
)

PKGWRAPPED = """
from typing import Any


class State:
    def eval(self):
        return self


def load(path: str) -> Any:
    return State()


class _Base:
    @classmethod
    def from_config(cls, config, **kwargs):
        return cls()


class Auto(_Base):
    pass


# what transformers does for each auto class: a copy of the base's method, whose `__wrapped__` is the base's
# bound method; inspect.signature follows it and drops its first parameter, giving `(**kwargs)`
def _copy(method):
    def from_config(cls, config, **kwargs):
        return method.__func__(cls, config, **kwargs)

    from_config.__wrapped__ = method
    return classmethod(from_config)


Auto.from_config = _copy(_Base.from_config)
"""


def test_check_takes_any_as_unknown_and_a_wrappers_own_signature(tmp_path, monkeypatch):
    """Seen on ONNX Runtime and accelerate wikis, where `check` (a CI job of every generated repository) failed on
    code that runs: `model = torch.load(path)` then `model.eval()` gave "Any has no eval" (typing.Any is a class
    since Python 3.11), and `AutoModelForCausalLM.from_config(config)` gave "too many positional arguments", from
    the `(**kwargs)` signature of the function transformers sets as its `__wrapped__`."""
    from generator.verify import verify

    build_file_tree(tmp_path / "lib", {"pkgwrapped/__init__.py": PKGWRAPPED})
    item = generated(tmp_path, {"_WorkflowIndex.md": WRAPPED_INDEX, **WRAPPED_PAGES})
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "lib"))
    load, build = verify(item.output_dir, sys.executable).steps
    assert not [c for c in load.calls if c.status in ("no such attribute",)], load.calls
    assert build.status == "verified", build.calls


TYPED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Typed

**Description:** Read a frame, clean it, save it.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtyped.read(path)` |
| **External Dependencies** | `pkgtyped` |
| **Key Parameters** | `path: str = "in.csv"` - the file |
| **Outputs** | `frame` |

### Step 2: Clean

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.dropna(axis=0)` |
| **Implementation** | `Demo_Clean` |
| **External Dependencies** | `pkgtyped` |
| **Inputs** | `frame` from Step 1 |
| **Outputs** | `frame` |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.save(path)` |
| **External Dependencies** | `pkgtyped` |
| **Key Parameters** | `path: str = "out.csv"` - where |
| **Inputs** | `frame` from Step 2 |
"""

PKGTYPED = """
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names only a type checker imports: typing.get_type_hints fails on them
    from pkgtyped._types import Axis, How


class Frame:
    def dropna(self, axis: Axis = 0) -> Frame | None:
        return self

    def clean(self, how: How = "any") -> Self:
        return self

    def save(self, path: str) -> None:
        open(path, "w").write("frame")


class Reader:
    pass


def read(path: str, sep: How = ",") -> Frame | Reader:
    return Frame()
"""


def test_check_reads_a_return_annotation_written_as_text(tmp_path, monkeypatch):
    """Seen on an unseen pandas wiki: `check` left 9 of 17 steps unchecked. pandas writes `-> DataFrame | None`
    and `-> Self` as text (`from __future__ import annotations`) beside parameter types only a type checker
    imports, so typing.get_type_hints fails and the whole annotation was dropped. The return is read alone: each
    name looked up in the function's module, `Self` the owner; a name that cannot be found makes a guess (a miss
    is "not checkable", never an error)."""
    from generator.verify import verify

    build_file_tree(tmp_path / "lib", {"pkgtyped/__init__.py": PKGTYPED})
    page = 'import pkgtyped\n\nframe = pkgtyped.read("in.csv")\nframe = frame.dropna(axis=0).clean(how="all")\n'
    pages = example_pages({"implementations/Demo_Clean.md": page})
    item = generated(tmp_path, {"_WorkflowIndex.md": TYPED_INDEX, **pages})
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "lib"))
    steps = verify(item.output_dir, sys.executable).steps
    assert [s.status for s in steps[:2]] == ["verified"] * 2, [(s.status, s.calls) for s in steps]
    assert [c.status for c in steps[1].calls] == ["verified"] * 2, steps[1].calls


SHAPE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Shape

**Description:** Make a dummy input of a given shape.

### Step 1: Dummy

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgshape.randn(*size, *, scale=1.0) -> list` |
| **Implementation** | `Demo_randn` |
| **Key Parameters** | `size: tuple[int]` - input shape, e.g. `(1, 8)` |
| **Outputs** | `dummy` |
"""

SHAPE_PAGES = example_pages(
    {"implementations/Demo_randn.md": "import pkgshape\n\ndummy = pkgshape.randn(1, 3, 224, 224)\n"}
)

PKGSHAPE = """
def randn(*size, scale=1.0):
    count = 1
    for n in size:
        count *= n
    return [scale] * count if count < 100 else "too big"
"""


def test_values_for_a_documented_star_parameter_become_its_key(tmp_path):
    """Seen on an ONNX Runtime wiki: `torch.randn(1, 3, 224, 224)` for a model of 8 inputs, with `size: tuple[int]`
    documented, and no key: the export failed on the shape and only a code edit helped. The signature as torch
    documents it (`*size, *, generator=None`) did not parse (a bare `*` after `*size`), so the step knew no `*size`
    either. Now it parses, and the values written out for a documented `*args` parameter are its key."""
    build_file_tree(tmp_path / "lib", {"pkgshape/__init__.py": PKGSHAPE})
    item = generated(tmp_path, {"_WorkflowIndex.md": SHAPE_INDEX, **SHAPE_PAGES})
    dummy = item.plan.steps[0].binding
    assert "pkgshape.randn(*size" in dummy.body, dummy.body
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.size=[2, 4]")
    assert "dummy: list of 8" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")  # the key reaches the call spread out: `randn(1, 3, 224, 224)`


TWIN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Twin

**Description:** Make two samples with one call, pair them.

### Step 1: Small sample

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtwin.make(n: int) -> list` |
| **Implementation** | `Demo_make` |

### Step 2: Large sample

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtwin.make(n: int) -> list` |
| **Implementation** | `Demo_make` |

### Step 3: Pair

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtwin.pair(a: list, b: list) -> str` |
| **Implementation** | `Demo_pair` |
| **Inputs** | `small` from Step 1, `large` from Step 2 |
| **Outputs** | `pairing` |
"""

TWIN_PAGES = example_pages(
    {
        "implementations/Demo_make.md": "import pkgtwin\n\nvalues = pkgtwin.make(3)\n",
        "implementations/Demo_pair.md": "import pkgtwin\n\npairing = pkgtwin.pair(small, large)\n",
    }
)

PKGTWIN = """
def make(n):
    return list(range(n))


def pair(a, b):
    return f"{len(a)}+{len(b)}"
"""


def test_a_result_takes_the_name_a_later_step_cites_it_by(tmp_path):
    """Seen on a diffusers wiki: steps 2 and 4 both sample (`images = pipe(...).images`), and step 5's Inputs say
    "`ddpm_images` from Step 2, `ddim_images` from Step 4". Both results were `images` (step 4's replaced step
    2's), and step 5 asked for two REQUIRED keys of images no TOML can hold. Now a step's result takes the one
    name a later step cites from it, when the step does not make it and its own Outputs name nothing else."""
    build_file_tree(tmp_path / "lib", {"pkgtwin/__init__.py": PKGTWIN})
    item = generated(tmp_path, {"_WorkflowIndex.md": TWIN_INDEX, **TWIN_PAGES})
    small, large, pair = (s.binding for s in item.plan.steps)
    assert small.produces == ("small",) and large.produces == ("large",), (small.produces, large.produces)
    assert set(pair.consumes) == {"small", "large"}, pair.params
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.n=2", "--set", "2.n=4")
    assert "pairing: '2+4'" in proc.stderr, proc.stderr


def test_an_api_cell_reading_an_attribute_of_the_calls_result_binds_the_call(tmp_path):
    """Seen on a diffusers wiki: an API Call cell written `pipe(batch_size=..., generator=generator).images` did not
    parse as an API at all (a call followed by an attribute), and the step was a stub. The call is the API; the
    example's `.images` is kept."""
    build_file_tree(tmp_path / "lib", {"pkgpipecall/__init__.py": PKGPIPECALL})
    cell = "`Pipe.__call__(batch_size: int = 1, generator: Generator = None) -> Output`"
    index = PIPECALL_INDEX.replace(cell, "`pipe(batch_size=2, generator=generator).images`")
    assert index != PIPECALL_INDEX
    item = generated(tmp_path, {"_WorkflowIndex.md": index, **PIPECALL_PAGES})
    sample = item.plan.steps[2].binding
    assert sample.status.value == "bound" and ".images" in sample.body, sample.body
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.seed=10", "--set", "3.batch_size=2")
    assert "images: list of 2: 11, 12" in proc.stderr, proc.stderr


FILEKEY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_File_Key

**Description:** Load a model, check an exported file of it.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfilekey.load(name: str) -> Model` |
| **Key Parameters** | `name: str` - the model |
| **Outputs** | `model` |

### Step 2: Check

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfilekey.check(model: str) -> bool` |
| **Implementation** | `Demo_check` |
| **Outputs** | `ok` |
"""

PKGFILEKEY = """
def load(name):
    return name


def check(model):
    with open(model) as handle:
        return handle.read().startswith("onnx")
"""


def test_a_file_key_named_after_a_taken_parameter_is_a_path_not_a_hub_id(tmp_path):
    """Seen on an ONNX Runtime wiki: `onnx.checker.check_model("llama.onnx")`, in a workflow where `model` is step 1's
    result, gave the key `model_name_or_path` (the name of a hub id) for a file. A file's key is now `model_path`."""
    build_file_tree(tmp_path / "lib", {"pkgfilekey/__init__.py": PKGFILEKEY})
    pages = example_pages(
        {"implementations/Demo_check.md": 'import pkgfilekey\n\nok = pkgfilekey.check("tiny.onnx")\n'}
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": FILEKEY_INDEX, **pages})
    assert [p.name for p in item.plan.steps[1].binding.params] == ["model_path"], item.plan.steps[1].binding.params
    (item.output_dir / "exported.onnx").write_text("onnx graph", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.name=tiny", "--set", "2.model_path=exported.onnx")
    assert "ok: True" in proc.stderr, proc.stderr


SAMEAS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Same_As

**Description:** Route between two nodes, then cost the same route.

### Step 1: Route

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsameas.route(source: str, target: str) -> list` |
| **Implementation** | `Demo_route` |
| **Key Parameters** | `source: str` - start, `target: str` - end |
| **Outputs** | `path` |

### Step 2: Cost

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsameas.cost(source: str, target: str) -> int` |
| **Implementation** | `Demo_cost` |
| **Key Parameters** | `source`, `target` - same nodes as Step 1 |
| **Outputs** | `total` |
"""

SAMEAS_PAGES = example_pages(
    {
        "implementations/Demo_route.md": 'import pkgsameas\n\npath = pkgsameas.route("A", "C")\n',
        "implementations/Demo_cost.md": 'import pkgsameas\n\ntotal = pkgsameas.cost("B", "D")\n',
    }
)

PKGSAMEAS = """
def route(source, target):
    return [source, target]


def cost(source, target):
    return f"{source}->{target}"
"""


def test_a_key_described_as_an_earlier_steps_follows_it(tmp_path):
    """Seen on networkx and catboost wikis: "`source`, `target` - same nodes as Step 2", "`learning_rate: float` -
    same as in Step 3 (0.1)". Each step had its own key with its page's example value, so the cost was computed
    between other nodes than the route. A key whose description says it is the same as an earlier step's now
    follows that step's key of its name (and the description reaches every name written before it). PyWavelets:
    "must equal the wavelet of Step 2", "matching the mode used in Step 2" say the same."""
    build_file_tree(tmp_path / "lib", {"pkgsameas/__init__.py": PKGSAMEAS})
    for n, said in enumerate(
        ["same nodes as Step 1", "must equal the nodes of Step 1", "matching the nodes in Step 1"]
    ):
        index = SAMEAS_INDEX.replace("same nodes as Step 1", said)
        item = generated(tmp_path / str(n), {"_WorkflowIndex.md": index, **SAMEAS_PAGES})
        follows = {p.name: p.follows for p in item.plan.steps[1].binding.params}
        assert follows == {"source": "step_01_route.source", "target": "step_01_route.target"}, (said, follows)
    from generator.links import _SAME_AS

    assert _SAME_AS.search("need not match the nodes of Step 1") is None  # a key free to differ follows nothing
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.source=X", "--set", "1.target=Y")
    assert "total: 'X->Y'" in proc.stderr, proc.stderr


ENDS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Ends

**Description:** A database copied into a new one.

### Step 1: Open Source

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgends.open_db(url)` |
| **Implementation** | `Demo_open_db` |
| **Key Parameters** | `url: str` - source database URL |
| **Outputs** | `src` |

### Step 2: Open Target

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgends.open_db(url)` |
| **Implementation** | `Demo_open_db` |
| **Key Parameters** | `url: str` - target database URL (a new file) |
| **Outputs** | `dst` |

### Step 3: Copy

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgends.copy(src, dst)` |
| **Inputs** | `src` from Step 1, `dst` from Step 2 |
"""

PKGENDS = """
def open_db(url):
    return url


def copy(src, dst):
    with open(src) as source, open(dst, "w") as target:
        target.write(source.read())
"""


def test_keys_of_one_example_described_as_opposite_ends_do_not_share_its_value(tmp_path):
    """SQLAlchemy's copy workflow: steps 1 and 3 both call `create_engine(url)` from one page whose example opens
    "sqlite:///shop.db"; step 1's `url` is the "source database URL", step 3's the "target database URL". Both keys
    defaulted to the example's file, so the copy went onto its source. The later end is now the user's to name."""
    build_file_tree(tmp_path / "lib", {"pkgends/__init__.py": PKGENDS})
    page = example_pages({"implementations/Demo_open_db.md": 'import pkgends\n\ndb = pkgends.open_db("shop.txt")\n'})
    item = generated(tmp_path, {"_WorkflowIndex.md": ENDS_INDEX, **page})
    source, target = ({p.name: p for p in s.binding.params}["url"] for s in item.plan.steps[:2])
    assert source.default == repr("shop.txt") and target.required and target.default is None
    (item.output_dir / "shop.txt").write_text("rows", encoding="utf-8")
    run_workflow(item, tmp_path / "lib", "--set", "2.url=copy.txt")
    assert (item.output_dir / "copy.txt").read_text(encoding="utf-8") == "rows"


AUDIO_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Audio

**Description:** Load audio, make a spectrogram, log it, take coefficients of the log one.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgaudio.load(path: str) -> tuple` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `path: str` - the audio |
| **Outputs** | `y`, `sr` |

### Step 2: Spectrogram

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgaudio.spec(*, y: list = None, S: list = None, W: list = None) -> list` |
| **Implementation** | `Demo_spec` |
| **Inputs** | `y` from Step 1 |
| **Outputs** | `S` |

### Step 3: Log

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgaudio.to_db(S: list) -> list` |
| **Implementation** | `Demo_to_db` |
| **Inputs** | `S` from Step 2 |
| **Outputs** | `S_db` |

### Step 4: Coefficients

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgaudio.coeffs(*, y: list = None, S: list = None, n: int = 2) -> list` |
| **Implementation** | `Demo_coeffs` |
| **Key Parameters** | `S: list` - log spectrogram (from Step 3), `n: int` - how many |
| **Inputs** | `S_db` from Step 3 (or raw `y`) |
| **Outputs** | `c` |
"""

AUDIO_SPEC_PAGE = """== I/O Contract ==
=== Inputs ===
{| class="wikitable"
|-
! Name !! Type !! Required !! Description
|-
| y || list || No* || samples (*either `y` or `S`)
|-
| S || list || No* || a spectrogram made before
|-
| W || list || No || weights per sample
|}
== Usage Examples ==
<syntaxhighlight lang="python">
import pkgaudio

S = pkgaudio.spec(y=y)
</syntaxhighlight>
"""

AUDIO_PAGES = {
    **example_pages(
        {
            "implementations/Demo_load.md": "import pkgaudio\n\ny, sr = pkgaudio.load(path)\n",
            "implementations/Demo_to_db.md": "import pkgaudio\n\nS_db = pkgaudio.to_db(S)\n",
            "implementations/Demo_coeffs.md": "import pkgaudio\n\nc = pkgaudio.coeffs(y=y, n=2)\n",
        }
    ),
    "implementations/Demo_spec.md": AUDIO_SPEC_PAGE,
}

PKGAUDIO = """
def load(path):
    with open(path) as handle:
        return [float(v) for v in handle.read().split()], 100


def spec(*, y=None, S=None, W=None):
    return S if S is not None else [v * v * (1 if W is None else w) for v, w in zip(y, W or y)]


def to_db(S):
    return [round(10 * v) for v in S]


def coeffs(*, y=None, S=None, n=2):
    return (S if S is not None else y)[:n]
"""


def test_a_documented_input_is_never_the_calls_own_result_nor_an_import_and_takes_the_step_it_names(tmp_path):
    """Seen on a librosa wiki: `S = melspectrogram(y=y, sr=sr)`, whose I/O contract lists `S` (a spectrogram given
    instead of `y`), was completed to `melspectrogram(..., S=S)`, and the capital `S` then became `from
    librosa.feature.spectral import S` (ImportError; the generated tests recorded the import as expected). And the
    MFCC step, whose Key Parameters say "`S` - log-power mel spectrogram (from Step 3)", was given step 2's linear
    `S`: every coefficient wrong, silently. Now a call is never passed its own result, a documented parameter the
    example leaves out is never imported for its capital, and a keyword passed under its own name takes the result
    of the step its Key Parameter names (the one the Inputs quote: `S_db`)."""
    build_file_tree(tmp_path / "lib", {"pkgaudio/__init__.py": PKGAUDIO})
    item = generated(tmp_path, {"_WorkflowIndex.md": AUDIO_INDEX, **AUDIO_PAGES})
    spec, _, coeffs = (s.binding for s in item.plan.steps[1:])
    assert spec.status.value == "bound" and "S=S" not in spec.body and "import W" not in spec.body, spec.body
    assert "S=S_db" in coeffs.body and "S_db" in coeffs.consumes, coeffs.body
    (item.output_dir / "audio.txt").write_text("1 2 3\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=audio.txt")
    assert "c: list of 2: 10, 40" in proc.stderr, proc.stderr  # the log spectrogram's, not the samples' (1, 2)


BEAT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Beat

**Description:** Track beats, convert them to times.

### Step 1: Track

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgbeat.track(x: list, bpm: int = 0) -> tuple` |
| **Implementation** | `Demo_track` |
| **Key Parameters** | `x: list` - the signal, `bpm: int` - a fixed tempo (0: estimate) |
| **Outputs** | `tempo`, `beat_frames` |

### Step 2: Times

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgbeat.to_time(frames: list) -> list` |
| **Implementation** | `Demo_to_time` |
| **Inputs** | `beat_frames` from Step 1 |
| **Outputs** | `beat_times` |
"""

BEAT_PAGES = example_pages(
    {
        "implementations/Demo_track.md": "import pkgbeat\n\ntempo, beat_frames = pkgbeat.track(x, bpm=0)\n",
        "implementations/Demo_to_time.md": (
            "import pkgbeat\n\ntempo, beats = pkgbeat.track(x)\nbeat_times = pkgbeat.to_time(beats)\n"
        ),
    }
)

PKGBEAT = """
def track(x, bpm=0):
    step = bpm or 2
    return step, list(range(0, len(x), step))


def to_time(frames):
    return [f * 10 for f in frames]
"""


def test_a_step_takes_what_an_earlier_step_unpacked_instead_of_unpacking_the_call_again(tmp_path):
    """Seen on a librosa wiki: the frame-to-time step's example tracks the beats again (`tempo, beats =
    librosa.beat.beat_track(y=y, sr=sr)`) before converting them, although its Inputs say "`beat_frames` from Step
    4"; so the CSV held the default tracking's beats whatever step 4 was set to. Now a tuple assignment of the call
    an earlier step unpacked, into as many names, is that step's results by place (`beats` is `beat_frames`)."""
    build_file_tree(tmp_path / "lib", {"pkgbeat/__init__.py": PKGBEAT})
    item = generated(tmp_path, {"_WorkflowIndex.md": BEAT_INDEX, **BEAT_PAGES})
    times = item.plan.steps[1].binding
    assert "track" not in times.body and times.consumes == ("beat_frames",), times.body
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.x=[0, 0, 0, 0, 0, 0]", "--set", "1.bpm=3")
    assert "beat_times: list of 2: 0, 30" in proc.stderr, proc.stderr  # step 1's beats (every 3rd), not every 2nd


TRIM_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Trim

**Description:** Load a signal, trim it, shift the trimmed one.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtrim.load(path: str) -> tuple` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `path: str` - the signal |
| **Outputs** | `y`, `sr` |

### Step 2: Trim

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtrim.trim(y: list) -> list` |
| **Implementation** | `Demo_trim` |
| **Inputs** | `y` from Step 1 |
| **Outputs** | `y_trimmed` |

### Step 3: Shift

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtrim.shift(y: list, *, sr: int, n: int = 1) -> list` |
| **Implementation** | `Demo_shift` |
| **Inputs** | `y_trimmed` from Step 2, `sr` from Step 1 |
| **Outputs** | `y_shifted` |
"""

TRIM_PAGES = example_pages(
    {
        "implementations/Demo_load.md": "import pkgtrim\n\ny, sr = pkgtrim.load(path)\n",
        "implementations/Demo_trim.md": "import pkgtrim\n\ny_trimmed = pkgtrim.trim(y)\n",
        "implementations/Demo_shift.md": "import pkgtrim\n\ny_shifted = pkgtrim.shift(y, sr=sr, n=1)\n",
    }
)

PKGTRIM = """
def load(path):
    with open(path) as handle:
        return [int(v) for v in handle.read().split()], 10


def trim(y):
    return [v for v in y if v]


def shift(y, *, sr, n=1):
    return [v + n for v in y]
"""


def test_a_call_works_on_the_version_of_its_object_the_inputs_quote(tmp_path):
    """Seen on a librosa wiki: `librosa.effects.pitch_shift(y, sr=sr, ...)`, where the Inputs say "`y_trimmed` from
    Step 2, `sr` from Step 1", shifted the untrimmed signal (1.6 s of output instead of 0.92 s), silently. When the
    Inputs quote one result the step does not read, made (at any remove) of the object the call works on, which the
    Inputs do not name, the call works on the quoted one."""
    build_file_tree(tmp_path / "lib", {"pkgtrim/__init__.py": PKGTRIM})
    item = generated(tmp_path, {"_WorkflowIndex.md": TRIM_INDEX, **TRIM_PAGES})
    shift = item.plan.steps[2].binding
    assert set(shift.consumes) == {"y_trimmed", "sr"}, shift.body
    (item.output_dir / "signal.txt").write_text("0 0 5 6 0\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=signal.txt")
    assert "y_shifted: list of 2: 6, 7" in proc.stderr, proc.stderr


AGENT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Agent

**Description:** Make an agent, train it, save it.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgagent.Agent(env: str) -> Agent` |
| **Implementation** | `Demo_make` |
| **Key Parameters** | `env: str` - the environment |
| **Outputs** | an untrained `Agent` |

### Step 2: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `Agent.learn(total_timesteps: int) -> Agent` |
| **Implementation** | `Demo_learn` |
| **Key Parameters** | `total_timesteps: int` - how long |
| **Inputs** | Untrained agent |
| **Outputs** | The same agent, trained in place (returned for chaining) |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `Agent.save(path: str) -> None` |
| **Implementation** | `Demo_save` |
| **Key Parameters** | `path: str` - where |
| **Inputs** | Trained agent, output path |
| **Outputs** | the saved agent |
"""

AGENT_PAGES = example_pages(
    {
        "implementations/Demo_make.md": 'import pkgagent\n\nmodel = pkgagent.Agent("cart")\n',
        "implementations/Demo_learn.md": "agent = model.learn(total_timesteps=100)\n",
        "implementations/Demo_save.md": (
            'import pkgagent\n\nmodel = pkgagent.Agent("cart").learn(10_000)\nmodel.save("agent.txt")\n'
        ),
    }
)

PKGAGENT = """
class Agent:
    def __init__(self, env):
        self.env, self.steps = env, 0

    def learn(self, total_timesteps):
        self.steps += total_timesteps
        return self

    def save(self, path):
        with open(path, "w") as handle:
            handle.write(f"{self.env} {self.steps}")
"""


def test_a_step_does_not_train_again_what_an_earlier_step_trained(tmp_path):
    """Seen on a Stable-Baselines3 wiki: the saving step's example is `model = PPO("MlpPolicy", env).learn(10_000)`
    then `model.save(...)`. The constructor became the earlier model, and what was left, `model = model.learn(10000)`,
    trained the agent another 10,000 steps before saving, with a count no key could change. A statement training
    an earlier step's object again by that step's API (`learn`, `fit`, `train`) is left to that step."""
    build_file_tree(tmp_path / "lib", {"pkgagent/__init__.py": PKGAGENT})
    item = generated(tmp_path, {"_WorkflowIndex.md": AGENT_INDEX, **AGENT_PAGES})
    save = item.plan.steps[2].binding
    assert "learn" not in save.body, save.body
    run_workflow(item, tmp_path / "lib", "--set", "2.total_timesteps=7", "--set", "3.path=agent.txt")
    assert (item.output_dir / "agent.txt").read_text(encoding="utf-8") == "cart 7"


PLOTSAVE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Plot_Save

**Description:** Make values, plot them, save the figure.

### Step 1: Values

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgplotsave.values(n: int) -> list` |
| **Key Parameters** | `n: int = 3` - how many |
| **Outputs** | `values` |

### Step 2: Plot

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgplotsave.draw(values, show: bool = True) -> None` |
| **Implementation** | `Demo_draw` |
| **Key Parameters** | `show: bool` - False to save the figure |
| **Inputs** | `values` from Step 1 |
| **Outputs** | `summary.txt` |
"""

PLOTSAVE_PAGES = example_pages(
    {
        "implementations/Demo_draw.md": (
            "import pkgplotsave\nimport pkgplotsave.pyplot as plt\n\n"
            'pkgplotsave.draw(values, show=False)\nplt.savefig("plot.txt")\nplt.close()\n'
        )
    }
)

PKGPLOTSAVE = {
    "pkgplotsave/__init__.py": (
        "from pkgplotsave import pyplot\n\n\ndef values(n):\n    return list(range(n))\n\n\n"
        "def draw(values, show=True):\n    pyplot.CURRENT.append(values)\n"
    ),
    "pkgplotsave/pyplot.py": (
        "CURRENT = []\n\n\ndef savefig(path, **kwargs):\n    with open(path, 'w') as handle:\n"
        "        handle.write(repr(CURRENT[-1]))\n\n\ndef close():\n    CURRENT.clear()\n"
    ),
}


def test_a_figure_drawn_by_the_steps_call_is_saved_by_the_statement_after_it(tmp_path):
    """Seen on a SHAP wiki: `shap.summary_plot(shap_values, X, show=False)` then `plt.savefig("summary.png")`. The
    plotting call returns nothing, so no later statement read its result, and the savefig was cut from the step:
    no PNG was written (and matplotlib left out of the requirements). A `savefig` right after a call statement
    that returned nothing is now part of the step."""
    build_file_tree(tmp_path / "lib", PKGPLOTSAVE)
    item = generated(tmp_path, {"_WorkflowIndex.md": PLOTSAVE_INDEX, **PLOTSAVE_PAGES})
    plot = item.plan.steps[1].binding
    assert "savefig" in plot.body, plot.body
    run_workflow(item, tmp_path / "lib", "--set", "1.n=4")
    assert (item.output_dir / "summary.txt").read_text(encoding="utf-8") == "[0, 1, 2, 3]"  # the Outputs' file


PARTS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Parts

**Description:** Load rows, split them, fit on the training part.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgparts.load(n: int) -> tuple` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `n: int` - rows |
| **Outputs** | `X`, `y` |

### Step 2: Split

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgparts.split(X: list, y: list) -> tuple` |
| **Implementation** | `Demo_split` |
| **Inputs** | `X`, `y` from Step 1 |
| **Outputs** | `X_train, X_test, y_train, y_test` |

### Step 3: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgparts.fit(X: list, y: list) -> int` |
| **Implementation** | `Demo_fit` |
| **Inputs** | `X_train`, `y_train` |
| **Outputs** | `model` |
"""

PARTS_PAGES = example_pages(
    {
        "implementations/Demo_load.md": "import pkgparts\n\nX, y = pkgparts.load(n)\n",
        "implementations/Demo_split.md": "import pkgparts\n\nX_train, X_test, y_train, y_test = pkgparts.split(X, y)\n",
        "implementations/Demo_fit.md": "import pkgparts\n\nmodel = pkgparts.fit(X, y)\n",
    }
)

PKGPARTS = """
def load(n):
    return list(range(n)), list(range(n))


def split(X, y):
    cut = len(X) * 3 // 4
    return X[:cut], X[cut:], y[:cut], y[cut:]


def fit(X, y):
    return len(X)
"""


def test_a_step_reads_the_parts_of_an_earlier_result_its_inputs_quote(tmp_path):
    """Seen on a SHAP wiki: the training step's example fits `model.fit(X, y)`, and its Inputs say "`X_train`,
    `y_train`" (no step named): the model was trained on all the data, test rows included. A name the step reads
    that an earlier step made, which the Inputs do not quote while they quote exactly one result named after it and
    made of it (`X_train` of `X`), is that result."""
    build_file_tree(tmp_path / "lib", {"pkgparts/__init__.py": PKGPARTS})
    item = generated(tmp_path, {"_WorkflowIndex.md": PARTS_INDEX, **PARTS_PAGES})
    fit = item.plan.steps[2].binding
    assert set(fit.consumes) == {"X_train", "y_train"}, fit.body
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.n=8")
    assert "model: 6" in proc.stderr, proc.stderr


RECOMPUTE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Recompute

**Description:** Load a model, build an explainer, compute values, report them.

### Step 1: Model

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrecompute.load(scale: int) -> tuple` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `scale: int` - how strong |
| **Outputs** | `model`, `X_test` |

### Step 2: Explainer

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrecompute.Explainer(model) -> Explainer` |
| **Implementation** | `Demo_explainer` |
| **Inputs** | `model` from Step 1 |
| **Outputs** | `explainer` |

### Step 3: Values

| Attribute | Value |
|-----------|-------|
| **API Call** | `Explainer.values(rows: list, noise: int = 0) -> list` |
| **Implementation** | `Demo_values` |
| **Key Parameters** | `noise: int` - added to each value |
| **Inputs** | `explainer` from Step 2, `X_test` from Step 1 |
| **Outputs** | `shap_values` |

### Step 4: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrecompute.report(values: list, rows: list) -> str` |
| **Implementation** | `Demo_report` |
| **Inputs** | `shap_values` from Step 3, `X_test` |
| **Outputs** | `text` |
"""

RECOMPUTE_PAGES = example_pages(
    {
        "implementations/Demo_load.md": "import pkgrecompute\n\nmodel, X_test = pkgrecompute.load(2)\n",
        "implementations/Demo_explainer.md": "import pkgrecompute\n\nexplainer = pkgrecompute.Explainer(model)\n",
        "implementations/Demo_values.md": "shap_values = explainer.values(X_test, noise=0)\n",
        "implementations/Demo_report.md": (
            "import pkgrecompute\n\nshap_values = pkgrecompute.Explainer(model).values(X_test)\n"
            "text = pkgrecompute.report(shap_values, X_test)\n"
        ),
    }
)

PKGRECOMPUTE = """
class Model:
    def __init__(self, scale):
        self.scale = scale


def load(scale):
    return Model(scale), [1, 2]


class Explainer:
    def __init__(self, model):
        self.model = model

    def values(self, rows, noise=0):
        return [r * self.model.scale + noise for r in rows]


def report(values, rows):
    return ",".join(str(v) for v in values) + f" of {len(rows)}"
"""


def test_a_step_does_not_compute_again_the_result_its_inputs_cite(tmp_path):
    """Seen on a SHAP wiki: the plot step's example computes `shap_values = shap.TreeExplainer(model).shap_values(X)`
    before plotting, although its Inputs say "`shap_values` from Step 5". The explainer became step 4's, and what
    was left, `shap_values = explainer.shap_values(X_test)`, computed the values again: whatever was set on step 5
    did not reach the plot. An assignment making a cited result again under its name, by the call that made it
    (once the earlier results replace the example's own), is now dropped for that result."""
    build_file_tree(tmp_path / "lib", {"pkgrecompute/__init__.py": PKGRECOMPUTE})
    item = generated(tmp_path, {"_WorkflowIndex.md": RECOMPUTE_INDEX, **RECOMPUTE_PAGES})
    report = item.plan.steps[3].binding
    assert ".values(" not in report.body and set(report.consumes) == {"shap_values", "X_test"}, report.body
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.scale=2", "--set", "3.noise=5")
    assert "text: '7,9 of 2'" in proc.stderr, proc.stderr  # step 3's values, with its noise


TARGETCOL_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Target_Column

**Description:** Read a table, pop its label column.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtargetcol.read(path: str) -> Table` |
| **Implementation** | `Demo_read` |
| **Key Parameters** | `path: str` - the table, `target_column: str` - name of the label column to pop off the frame (default "target") |
| **Outputs** | `X`, `y` |
"""

TARGETCOL_PAGES = example_pages(
    {
        "implementations/Demo_read.md": 'import pkgtargetcol\n\ndf = pkgtargetcol.read(path)\ny = df.pop("MedHouseVal")\nX = df\n'
    }
)

PKGTARGETCOL = """
def read(path):
    with open(path) as handle:
        header, row = (line.split(",") for line in handle.read().split())
    return dict(zip(header, row))
"""


def test_a_text_a_documented_key_describes_by_its_method_is_that_key(tmp_path):
    """Seen on a SHAP wiki: `y = df.pop("MedHouseVal")`, where the Key Parameters document `target_column: str` -
    "name of the label column to pop off the frame": the column was code, so a table with another label column
    failed with KeyError and only a code edit helped. The one text passed to a call of the method a documented
    text key's description names (in its prose, not in code it quotes) is now that key."""
    build_file_tree(tmp_path / "lib", {"pkgtargetcol/__init__.py": PKGTARGETCOL})
    item = generated(tmp_path, {"_WorkflowIndex.md": TARGETCOL_INDEX, **TARGETCOL_PAGES})
    read = item.plan.steps[0].binding
    assert "df.pop(target_column)" in read.body, read.body
    (item.output_dir / "table.csv").write_text("a,b,price\n1,2,3\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=table.csv", "--set", "1.target_column=price")
    assert "y: '3'" in proc.stderr, proc.stderr


SPLITVAL_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Split_Values

**Description:** Split rows with the values the workflow chose.

### Step 1: Split

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsplitval.split(rows, test_size=None, random_state=None)` |
| **Implementation** | `Demo_split` |
| **Parameters** | `test_size` (0.2), `random_state` (0) |
| **Outputs** | `train, test` |
"""

SPLITVAL_PAGES = example_pages(
    {
        "implementations/Demo_split.md": "from pkgsplitval import split\n\ntrain, test = split(rows, test_size=0.5, random_state=7)\n"
    }
)

PKGSPLITVAL = """
def split(rows, test_size=None, random_state=None):
    print(f"split test_size={test_size!r} random_state={random_state!r}")
    return rows, rows
"""


def test_a_value_in_brackets_after_a_parameter_is_its_value_not_its_type(tmp_path):
    """Seen on a SHAP wiki: "**Parameters** | `test_size` (0.2), `random_state` (0)" read 0.2 and 0 as the keys'
    types (the README's Type column said `0.2`), and the values came from the shared implementation page's
    example (`random_state=7`), which another workflow wrote. A literal in brackets after a bare name is the
    value the workflow chose; it beats an example's."""
    build_file_tree(tmp_path / "lib", {"pkgsplitval/__init__.py": PKGSPLITVAL})
    item = generated(tmp_path, {"_WorkflowIndex.md": SPLITVAL_INDEX, **SPLITVAL_PAGES})
    config = (item.output_dir / "config.toml").read_text(encoding="utf-8")
    assert "test_size = 0.2\n" in config and "random_state = 0\n" in config, config
    assert "(0.2)" not in config, config
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.rows=[1, 2]")
    assert "split test_size=0.2 random_state=0" in proc.stdout + proc.stderr, proc.stderr


SAVEPATH_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Save_Path

**Description:** Train a model, then save it.

### Step 1: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsavepath.Model(size: int)` |
| **Implementation** | `Demo_Model` |
| **Key Parameters** | `size: int` - model size (3) |
| **Outputs** | `model` |

### Step 2: Resume

| Attribute | Value |
|-----------|-------|
| **API Call** | `model.learn(total_timesteps: int)` then `model.save(path)` |
| **Implementation** | `Demo_learn_resume` |
| **Key Parameters** | `total_timesteps: int` - more steps, `save_path: str` - final model path |
| **Inputs** | `model` (Step 1) |
| **Outputs** | Further-trained model saved to disk |
"""

SAVEPATH_PAGES = example_pages(
    {
        "implementations/Demo_Model.md": "import pkgsavepath\n\nmodel = pkgsavepath.Model(size=3)\n",
        "implementations/Demo_learn_resume.md": 'model.learn(total_timesteps=100)\nmodel.save("resumed_model")\n',
    }
)

PKGSAVEPATH = """
class Model:
    def __init__(self, size):
        self.size, self.steps = size, 0

    def learn(self, total_timesteps):
        self.steps += total_timesteps
        return self

    def save(self, path):
        with open(path + ".txt", "w") as handle:
            handle.write(f"size={self.size} steps={self.steps}")
"""


def test_a_path_key_named_for_a_method_is_the_text_that_method_takes(tmp_path):
    """Seen on a Stable-Baselines3 wiki: the Key Parameters document `save_path: str` - "final model path", and
    the example ends with `model.save("ppo_cartpole_resumed")`: the path stayed in the code, so the resumed model
    was written into whatever folder the run started in. The one text passed to a call of the method a path key's
    name starts with (`save_path`, `.save(...)`) is that key."""
    build_file_tree(tmp_path / "lib", {"pkgsavepath/__init__.py": PKGSAVEPATH})
    item = generated(tmp_path, {"_WorkflowIndex.md": SAVEPATH_INDEX, **SAVEPATH_PAGES})
    resume = item.plan.steps[1].binding
    assert "model.save(save_path)" in resume.body, resume.body
    run_workflow(item, tmp_path / "lib", "--set", "2.save_path=out/final", "--set", "2.total_timesteps=5")
    assert (item.output_dir / "out" / "final.txt").read_text() == "size=3 steps=5"


RECKEYS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Recorded_Keys

**Description:** Evaluate, then record what the evaluation used.

### Step 1: Evaluate

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrecorded.evaluate(n_eval_episodes: int = 10) -> float` |
| **Implementation** | `Demo_evaluate` |
| **Key Parameters** | `n_eval_episodes: int` - episodes to average over |
| **Outputs** | `mean_reward` |

### Step 2: Record

| Attribute | Value |
|-----------|-------|
| **API Call** | `json.dump(metrics, f)` |
| **Implementation** | `Demo_record` |
| **Key Parameters** | `output_path: str` - where the metrics go |
| **Inputs** | `mean_reward` (Step 1) |
| **Outputs** | JSON file of the metrics |
"""

RECKEYS_PAGES = example_pages(
    {
        "implementations/Demo_evaluate.md": "import pkgrecorded\n\nmean_reward = pkgrecorded.evaluate(n_eval_episodes=10)\n",
        "implementations/Demo_record.md": (
            "import json\n\n"
            'metrics = {"mean_reward": float(mean_reward), "n_eval_episodes": 10}\n'
            'with open("metrics.json", "w") as f:\n'
            "    json.dump(metrics, f)\n"
        ),
    }
)

PKGRECORDED = """
def evaluate(n_eval_episodes=10):
    return float(n_eval_episodes)
"""


def test_a_record_of_an_earlier_steps_setting_follows_that_setting(tmp_path):
    """Seen on a Stable-Baselines3 wiki: step 3 evaluates with the key `n_eval_episodes`, and step 4 writes
    `{"mean_reward": ..., "n_eval_episodes": 10}` as its example does: with 3 episodes set, metrics.json still said
    10. A literal recorded under the name of an earlier step's key is a key of its own, following that key until
    it is set."""
    build_file_tree(tmp_path / "lib", {"pkgrecorded/__init__.py": PKGRECORDED})
    item = generated(tmp_path, {"_WorkflowIndex.md": RECKEYS_INDEX, **RECKEYS_PAGES})
    record = item.plan.steps[1].binding
    assert "'n_eval_episodes': n_eval_episodes" in record.body, record.body
    run_workflow(item, tmp_path / "lib", "--set", "1.n_eval_episodes=3", "--set", "2.output_path=out/metrics.json")
    written = json.loads((item.output_dir / "out" / "metrics.json").read_text())
    assert written == {"mean_reward": 3.0, "n_eval_episodes": 3}, written
    run_generated_tests(item, tmp_path / "lib")


NAMEDCOL_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Named_Column

**Description:** Load graded rows, then count the grades and save the model name beside them.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgnamedcol.load(path: str, label_column: str = "label", model_name: str = "tiny")` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `label_column: str` - column holding the grade, `model_name: str` - model the rows are for |
| **Outputs** | `rows` |

### Step 2: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgnamedcol.count(values: list, record: dict) -> int` |
| **Implementation** | `Demo_count` |
| **Inputs** | `rows` (Step 1), the grade column and the model name from Step 1 |
| **Outputs** | `distinct` |
"""

NAMEDCOL_PAGES = example_pages(
    {
        "implementations/Demo_load.md": (
            'import pkgnamedcol\n\nrows = pkgnamedcol.load("rows.csv", label_column="grade", model_name="tiny-a")\n'
        ),
        "implementations/Demo_count.md": (
            "import pkgnamedcol\n\n"
            'distinct = pkgnamedcol.count(rows["grade"], {})\n'
            'summary = {"model": "tiny-a", "grade": distinct}\n'
            "pkgnamedcol.save(summary)\n"
        ),
    }
)

PKGNAMEDCOL = """
import json


def load(path, label_column="label", model_name="tiny"):
    return {label_column: [1, 2, 2], "other": [9]}


def count(values, record):
    return len(set(values))


def save(record):
    with open("record.json", "w") as handle:
        json.dump(record, handle)
"""


def test_a_later_step_reads_the_column_and_model_an_earlier_key_names(tmp_path):
    """Seen on a LightGBM wiki: step 1 documents `query_column = "qid"` and `label_column = "relevance"`, and step 2
    wrote `df["qid"]` and `train_df["relevance"]` as its example does; on timm, step 7 saved `{"arch": "resnet18"}`
    where step 1's key is `model_name = "resnet18"`. A user who renamed the column or picked another model got a
    KeyError, or a checkpoint naming the wrong architecture. The text of an earlier key that names a column, a
    field or an id is that key in a later step (a key of its own there, following the earlier one), but never a
    record's field name."""
    build_file_tree(tmp_path / "lib", {"pkgnamedcol/__init__.py": PKGNAMEDCOL})
    item = generated(tmp_path, {"_WorkflowIndex.md": NAMEDCOL_INDEX, **NAMEDCOL_PAGES})
    count = item.plan.steps[1].binding
    assert "rows[label_column]" in count.body and "'grade': distinct" in count.body, count.body
    run_workflow(item, tmp_path / "lib", "--set", "1.label_column=level", "--set", "1.model_name=tiny-b")
    record = json.loads((item.output_dir / "record.json").read_text())
    assert record == {"model": "tiny-b", "grade": 2}, record
    run_generated_tests(item, tmp_path / "lib")


QSAVE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Quoted_Save

**Description:** Draw a chart and write it to a file.

### Step 1: Plot

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgqsave.plot(values: list, title: str = "") -> Chart` |
| **Implementation** | `Demo_plot` |
| **Key Parameters** | `title: str` - chart title, `output_path: str` - file the chart is written to with `chart.figure.save(output_path, dpi=3)` |
| **Outputs** | Chart file (`chart.txt`) |
"""

QSAVE_PAGES = example_pages(
    {"implementations/Demo_plot.md": 'import pkgqsave\n\nchart = pkgqsave.plot([1, 2, 3], title="sales")\n'}
)

PKGQSAVE = """
class _Figure:
    def __init__(self, values, title):
        self.values, self.title = values, title

    def save(self, path, dpi=1):
        with open(path, "w") as handle:
            handle.write(f"{self.title}:{sum(self.values)}@{dpi}")


class Chart:
    def __init__(self, values, title):
        self.figure = _Figure(values, title)


def plot(values, title=""):
    return Chart(values, title)
"""


def test_a_save_the_key_parameters_quote_writes_the_file_the_outputs_name(tmp_path):
    """Seen on an XGBoost wiki: the Key Parameters document `output_path: str` - "file the figure is written to with
    `ax.figure.savefig(output_path, dpi=150, bbox_inches="tight")`", and the Outputs promise a PNG file
    (`feature_importance.png`); the example only draws. The step drew and wrote nothing. The quoted call, on what
    the step makes (through an attribute), now ends the step, writing to the path key whose default is the file
    the Outputs name."""
    build_file_tree(tmp_path / "lib", {"pkgqsave/__init__.py": PKGQSAVE})
    item = generated(tmp_path, {"_WorkflowIndex.md": QSAVE_INDEX, **QSAVE_PAGES})
    plot = item.plan.steps[0].binding
    assert "chart.figure.save(output_path" in plot.body, plot.body
    assert {p.name: p.default for p in plot.params}["output_path"] == "'chart.txt'", plot.params
    run_workflow(item, tmp_path / "lib", "--set", "1.output_path=out/c.txt")
    assert (item.output_dir / "out" / "c.txt").read_text() == "sales:6@3"
    run_generated_tests(item, tmp_path / "lib")


WORDED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Spoken_Metric

**Description:** Predict, then report how good the predictions are.

### Step 1: Predict

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgworded.predict(rows: list) -> list` |
| **Implementation** | `Demo_predict` |
| **Outputs** | `preds`, their accuracy and the mean score |

### Step 2: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgworded.report(accuracy: float, path: str)` |
| **Implementation** | `Demo_report` |
| **Inputs** | accuracy from Step 1 |
| **Outputs** | `report.txt` |
"""

WORDED_PAGES = example_pages(
    {
        "implementations/Demo_predict.md": (
            "import pkgworded\n"
            "from pkgworded.metrics import accuracy_score, score\n\n"
            "preds = pkgworded.predict([1, 2, 3])\n"
            'print("Accuracy:", accuracy_score(preds, [1, 1, 1]))\n'
            'print("Score:", score(preds))\n'
            'print("Keys:", preds.copy())\n'
        ),
        "implementations/Demo_report.md": 'import pkgworded\n\npkgworded.report(accuracy, "report.txt")\n',
    }
)

PKGWORDED = """
def predict(rows):
    return [row % 2 for row in rows]


def report(accuracy, path):
    with open(path, "w") as handle:
        handle.write(f"{accuracy:.2f}")
"""

PKGWORDED_METRICS = """
def accuracy_score(pred, truth):
    return sum(p == t for p, t in zip(pred, truth)) / len(truth)


def score(pred):
    return sum(pred) / len(pred)
"""


def test_a_metric_the_outputs_say_in_words_is_kept_from_the_print_that_shows_it(tmp_path):
    """Seen on a LightGBM wiki: the Outputs promise "`y_pred_proba`, validation accuracy and ROC AUC", and the
    example computes both only inside `print("AUC:", roc_auc_score(y_test, y_pred))`: the step predicted and
    computed no metric. A print's labelled value that the Outputs name in words is kept as that output, when it is
    a function's result that does not share the output's name (`score = score(preds)` would shadow the function);
    a view of what the step has (`preds.copy()`) is not."""
    build_file_tree(tmp_path / "lib", {"pkgworded/__init__.py": PKGWORDED, "pkgworded/metrics.py": PKGWORDED_METRICS})
    item = generated(tmp_path, {"_WorkflowIndex.md": WORDED_INDEX, **WORDED_PAGES})
    predict = item.plan.steps[0].binding
    assert "accuracy = accuracy_score(preds" in predict.body, predict.body
    assert "score = " not in predict.body and "keys = " not in predict.body, predict.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "report.txt").read_text() == "0.67"
    run_generated_tests(item, tmp_path / "lib")


SPREAD_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Spread_Key

**Description:** Group rows by one or more columns.

### Step 1: Group

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgspread.group(rows: list, *by: str) -> dict` |
| **Implementation** | `Demo_group` |
| **Key Parameters** | `by: str` - grouping column(s), e.g. `"city"` |
| **Outputs** | `groups` |
"""

SPREAD_PAGES = example_pages(
    {"implementations/Demo_group.md": 'import pkgspread\n\ngroups = pkgspread.group([1, 2], "city")\n'}
)

PKGSPREAD = """
import json


def group(rows, *by):
    with open("by.json", "w") as handle:
        json.dump(list(by), handle)
    return {column: rows for column in by}
"""


def test_one_column_set_for_a_spread_key_is_one_argument(tmp_path):
    """Seen on a Polars wiki: `completed.group_by(*by, ...)`, where the Key Parameters document `*by: str` -
    "grouping key column(s), e.g. "customer_id"": `--set 3.by=customer_id` was spread letter by letter
    (ColumnNotFoundError: "c"). A key run() passes as `*name` is marked spread, and the runtime makes one value set
    alone a tuple of it; a list stays the columns it lists."""
    build_file_tree(tmp_path / "lib", {"pkgspread/__init__.py": PKGSPREAD})
    item = generated(tmp_path, {"_WorkflowIndex.md": SPREAD_INDEX, **SPREAD_PAGES})
    group = item.plan.steps[0].binding
    assert "*by" in group.body and {p.name: p.spread for p in group.params}["by"], group
    run_workflow(item, tmp_path / "lib", "--set", "1.by=region")
    assert json.loads((item.output_dir / "by.json").read_text()) == ["region"]
    run_workflow(item, tmp_path / "lib", "--set", '1.by=["city", "year"]')
    assert json.loads((item.output_dir / "by.json").read_text()) == ["city", "year"]
    run_generated_tests(item, tmp_path / "lib")  # (the one default column reaches the call: `group([1, 2], 'city')`)


RECORD_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Manual_Record

**Description:** Choose the training settings, then train with them.

### Step 1: Settings

| Attribute | Value |
|-----------|-------|
| **API Call** | `params: dict[str, Any]` (plain dict passed to `pkgrecord.train`) |
| **Key Parameters** | `eta: float` - learning rate (0.1 here), `depth: int` - tree depth (3 here) |
| **Inputs** | None |
| **Outputs** | `params: dict` |

### Step 2: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrecord.train(params: dict, rounds: int = 10)` |
| **Implementation** | `Demo_train` |
| **Key Parameters** | `rounds: int` - boosting rounds |
| **Inputs** | `params` from Step 1 |
| **Outputs** | `model` |
"""

RECORD_PAGES = example_pages(
    {
        "implementations/Demo_train.md": (
            'import pkgrecord\n\nparam = {"eta": 1.0, "depth": 2}\nmodel = pkgrecord.train(param, rounds=5)\n'
        )
    }
)

PKGRECORD = """
import json


def train(params, rounds=10):
    with open("params.json", "w") as handle:
        json.dump({"params": params, "rounds": rounds}, handle)
    return params
"""


def test_a_manual_step_whose_outputs_name_one_dict_hands_on_that_dict(tmp_path):
    """Seen on an XGBoost wiki: step 2 documents `objective`, `eta`, `max_depth`, ... and its Outputs say
    "`params: dict`"; steps 3 and 5 cite "`params` from Step 2". The manual step handed on eight scalars, so step 3
    took its example's own `param = {"max_depth": 2, "eta": 1, ...}` as a key and step 5 asked for `params` again,
    REQUIRED. A manual step whose Outputs name one dict, none of its several keys, hands on that dict of its keys."""
    build_file_tree(tmp_path / "lib", {"pkgrecord/__init__.py": PKGRECORD})
    item = generated(tmp_path, {"_WorkflowIndex.md": RECORD_INDEX, **RECORD_PAGES})
    settings, train = (s.binding for s in item.plan.steps)
    assert settings.produces == ("params",) and "params" in train.consumes, (settings, train)
    run_workflow(item, tmp_path / "lib", "--set", "1.eta=0.3")
    written = json.loads((item.output_dir / "params.json").read_text())
    assert written == {"params": {"eta": 0.3, "depth": 3}, "rounds": 5}, written
    run_generated_tests(item, tmp_path / "lib")


REPEAT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Unasked_Repeat

**Description:** Load the user's rows, then count them.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrepeat.load(path: str) -> list` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `path: str` - the user's rows, one per line |
| **Outputs** | `train: list` |

### Step 2: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrepeat.count(rows: list) -> int` |
| **Implementation** | `Demo_count` |
| **Inputs** | `train` from Step 1 |
| **Outputs** | `n` |
"""

REPEAT_PAGES = example_pages(
    {
        "implementations/Demo_load.md": (
            'import pkgrepeat\n\ntrain = pkgrepeat.load("demo/train.txt")\ntest = pkgrepeat.load("demo/test.txt")\n'
        ),
        "implementations/Demo_count.md": "import pkgrepeat\n\nn = pkgrepeat.count(train)\n",
    }
)

PKGREPEAT = """
def load(path):
    with open(path) as handle:
        return handle.read().split()


def count(rows):
    with open("count.txt", "w") as handle:
        handle.write(str(len(rows)))
    return len(rows)
"""


def test_a_second_call_on_the_examples_own_file_that_nothing_asks_for_is_left_out(tmp_path):
    """Seen on an XGBoost wiki: step 1's example loads `dtrain` and then `dtest = xgb.DMatrix("demo/data/agaricus.txt.
    test?format=libsvm")`, where the Outputs name `dtrain` only and no later step reads `dtest`. The demo's file
    stayed in the code with no key for it, and the step failed on any other machine. A later call of the step's
    API on a file the example names, making what neither the Outputs nor a later step asks for, is left out."""
    build_file_tree(tmp_path / "lib", {"pkgrepeat/__init__.py": PKGREPEAT})
    item = generated(tmp_path, {"_WorkflowIndex.md": REPEAT_INDEX, **REPEAT_PAGES})
    load = item.plan.steps[0].binding
    assert "test.txt" not in load.body and load.produces == ("train",), load
    (tmp_path / "rows.txt").write_text("a b c\n")
    run_workflow(item, tmp_path / "lib", "--set", f"1.path={tmp_path / 'rows.txt'}")
    assert (item.output_dir / "count.txt").read_text() == "3"
    run_generated_tests(item, tmp_path / "lib")


FORMULA_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Quoted_Result

**Description:** Take the true labels, predict, count the hits and report them.

### Step 1: Labels

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgformula.labels() -> list` |
| **Implementation** | `Demo_labels` |
| **Outputs** | `truth` |

### Step 2: Predict

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgformula.predict(n: int) -> list` |
| **Implementation** | `Demo_predict` |
| **Inputs** | `truth` from Step 1 |
| **Outputs** | `preds: list` of labels; hits = `sum(p == t for p, t in zip(preds, truth))` |

### Step 3: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgformula.report(hits: int)` |
| **Implementation** | `Demo_report` |
| **Inputs** | `hits` from Step 2 |
| **Outputs** | `hits.txt` |
"""

FORMULA_PAGES = example_pages(
    {
        "implementations/Demo_labels.md": "import pkgformula\n\ntruth = pkgformula.labels()\n",
        "implementations/Demo_predict.md": "import pkgformula\n\npreds = pkgformula.predict(3)\n",
        "implementations/Demo_report.md": "import pkgformula\n\npkgformula.report(hits)\n",
    }
)

PKGFORMULA = """
def labels():
    return [1, 0, 1]


def predict(n):
    return [1] * n


def report(hits):
    with open("hits.txt", "w") as handle:
        handle.write(str(hits))
"""


def test_a_result_the_outputs_name_by_its_expression_is_made(tmp_path):
    """Seen on an XGBoost wiki: the Outputs say "`preds: np.ndarray` of positive-class probabilities; accuracy =
    `((preds > 0.5) == y_test).mean()`", and the example only predicts: the step computed no accuracy and warned
    that it did not use `y_test`, which its Inputs cite. A result the Outputs name by the expression that makes it
    is made at the step's end, reading what the step makes and what earlier steps hand on."""
    build_file_tree(tmp_path / "lib", {"pkgformula/__init__.py": PKGFORMULA})
    item = generated(tmp_path, {"_WorkflowIndex.md": FORMULA_INDEX, **FORMULA_PAGES})
    predict = item.plan.steps[1].binding
    assert "hits" in predict.produces and "truth" in predict.consumes, predict
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "hits.txt").read_text() == "2"
    run_generated_tests(item, tmp_path / "lib")


FUNCKEY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Function_Key

**Description:** Read labels from a file and report them.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfunckey.load(path: str, convert=None) -> list` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `path: str` - one label per line, `convert: callable` - converts each label, e.g. `int` (default None keeps strings) |
| **Inputs** | Path to a `.txt` file of labels |
| **Outputs** | `labels` |

### Step 2: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfunckey.report(labels: list)` |
| **Implementation** | `Demo_report` |
| **Inputs** | `labels` from Step 1 |
| **Outputs** | `labels.json` |
"""

FUNCKEY_PAGES = example_pages(
    {
        "implementations/Demo_load.md": 'import pkgfunckey\n\nlabels = pkgfunckey.load("labels.txt", convert=int)\n',
        "implementations/Demo_report.md": "import pkgfunckey\n\npkgfunckey.report(labels)\n",
    }
)

PKGFUNCKEY = """
import json


def load(path, convert=None):
    with open(path) as handle:
        return [convert(line) if convert else line for line in handle.read().split()]


def report(labels):
    with open("labels.json", "w") as handle:
        json.dump(labels, handle)
"""


def test_a_function_passed_for_a_documented_function_key_is_that_key(tmp_path):
    """Seen on a NetworkX wiki: `nx.read_edgelist(path, nodetype=int)`, where the Key Parameters document
    `nodetype: callable` - "converts node labels, e.g. `int`": `int` stayed in the code, so a file of text labels
    failed with no key to change it. The function passed for a documented function key is that key, its default the
    function's name, which the generated runtime turns back into the function."""
    build_file_tree(tmp_path / "lib", {"pkgfunckey/__init__.py": PKGFUNCKEY})
    item = generated(tmp_path, {"_WorkflowIndex.md": FUNCKEY_INDEX, **FUNCKEY_PAGES})
    load = item.plan.steps[0].binding
    assert {p.name: p.default for p in load.params}.get("convert") == "'int'", load.params
    (tmp_path / "numbers.txt").write_text("1\n2\n")
    (tmp_path / "words.txt").write_text("a\nb\n")
    run_workflow(item, tmp_path / "lib", "--set", f"1.path={tmp_path / 'numbers.txt'}")
    assert json.loads((item.output_dir / "labels.json").read_text()) == [1, 2]
    run_workflow(item, tmp_path / "lib", "--set", f"1.path={tmp_path / 'words.txt'}", "--set", "1.convert=str")
    assert json.loads((item.output_dir / "labels.json").read_text()) == ["a", "b"]
    run_generated_tests(item, tmp_path / "lib")


GRAPHFILE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Graph_File

**Description:** Read a graph from the user's edge list.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkggraphfile.read(path: str, typed: bool = False)` |
| **Implementation** | `Demo_read` |
| **Inputs** | Path to an edge list file (one `u v` pair per line) |
| **Outputs** | `G` |
"""

GRAPHFILE_PAGES = example_pages(
    {
        "implementations/Demo_read.md": [
            'import pkggraphfile\n\nG = pkggraphfile.read("data/karate.edgelist")\n',
            'import pkggraphfile\n\nG = pkggraphfile.read("edges.txt", typed=True)\n',
        ]
    }
)


def test_an_example_reading_a_graph_file_counts_as_reading_the_users_file(tmp_path):
    """Seen on a NetworkX wiki: the Inputs cite "a whitespace-delimited edge list file (one `u v` pair per line)";
    the page's basic example reads "data/karate.edgelist" and a later one "edges.txt" with typed edge data columns.
    `.edgelist` was no data file to the chooser, so the typed example won as the one reading the user's file, and
    its `data=(("weight", float), ...)` failed on a plain `u v` file. Graph and other data formats count alike."""
    item = generated(tmp_path, {"_WorkflowIndex.md": GRAPHFILE_INDEX, **GRAPHFILE_PAGES})
    read = item.plan.steps[0].binding
    assert "karate.edgelist" in str([p.default for p in read.params]) and "typed=True" not in read.body, read


WRITERS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Writers

**Description:** Export a model to a file, then load the exported file.

### Step 1: Export

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgwriter.ModelWriter(filepath: str, fps: float)` |
| **Implementation** | `Demo_ModelWriter` |
| **Key Parameters** | `filepath: str` - destination ending in `.bin`, `out_fps: float` - frames per second |
| **Outputs** | `exported.bin` file on disk |

### Step 2: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgwriter.load(path: str)` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `path: str` - model path |
| **Inputs** | Exported `.bin` path |
| **Outputs** | `loaded` |
"""

WRITERS_PAGES = example_pages(
    {
        "implementations/Demo_ModelWriter.md": (
            'import pkgwriter\n\nwriter = pkgwriter.ModelWriter("resnet.bin", 20.0)\nwriter.close()\n'
        ),
        "implementations/Demo_load.md": 'import pkgwriter\n\nloaded = pkgwriter.load("llama.bin")\n',
    }
)

PKGWRITER = """
class ModelWriter:
    def __init__(self, filepath, fps):
        self.handle = open(filepath, "w")
        self.handle.write(f"fps={fps}")

    def close(self):
        self.handle.close()


def load(path):
    with open(path) as handle:
        return handle.read()
"""


def test_a_file_a_writer_object_opens_is_written_and_read_back_by_its_suffix(tmp_path):
    """Seen on Keras, OpenCV and ONNX wikis: `model.save(filepath)` and `cv.VideoWriter(filename, fourcc, out_fps,
    size)` did not mark their keys as files the step writes (`filepath` read as no path key, a `...Writer` as no
    writer), so a run into a new folder failed with FileNotFoundError; once marked, the later step whose Inputs say
    "Exported `.onnx` path" (no "from Step N") kept the page example's own file, and config.toml said a key followed
    an earlier one without saying the value it took. The writer's path key writes (its number beside it does not);
    the reading key follows the one earlier key writing a file of the suffix its Inputs quote, and shows its value."""
    build_file_tree(tmp_path / "lib", {"pkgwriter/__init__.py": PKGWRITER})
    item = generated(tmp_path, {"_WorkflowIndex.md": WRITERS_INDEX, **WRITERS_PAGES})
    export, load = (s.binding.params for s in item.plan.steps)
    assert [p.name for p in export if p.writes] == ["filepath"], export
    assert [p.follows for p in load if p.name == "path"] == ["step_01_export.filepath"], load
    config = (item.output_dir / "config.toml").read_text(encoding="utf-8")
    assert 'the value of step_01_export.filepath, now "exported.bin")' in config, config
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.filepath=new/folder/model.bin")
    assert "loaded: 'fps=20.0'" in proc.stderr, proc.stderr


READMESET_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Readme_Set

**Description:** Normalise values with a mean per channel.

### Step 1: Normalise

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgreadmeset.normalise(values: list, mean: list[float], label: str)` |
| **Implementation** | `Demo_normalise` |
| **Key Parameters** | `values: list` - the values, `mean: list[float]` - one mean per channel, `label: str` - a label |
| **Outputs** | `normalised` |
"""

READMESET_PAGES = example_pages(
    {
        "implementations/Demo_normalise.md": (
            "import pkgreadmeset\n\n"
            'normalised = pkgreadmeset.normalise(values, mean=[0.485, 0.456, 0.406], label="it\'s a test")\n'
        )
    }
)

PKGREADMESET = """
def normalise(values, mean, label):
    print(f"normalise mean={mean!r} label={label!r}")
    return [v - m for v, m in zip(values, mean)]
"""


def test_the_readmes_example_command_runs_in_a_shell(tmp_path):
    """Seen on torchvision and Stable-Baselines3 wikis: the README's example `run --set 1.mean=[0.485, 0.456,
    0.406] --seed 0` failed in a shell ("unrecognized arguments: 0.456, 0.406]"), and one built from a key with no
    default said `--set 1.max_episode_steps= --seed 0` ("expected int, got str ''"). The example takes a key with
    a default and quotes its argument for the shell; pasted into one, it runs."""
    build_file_tree(tmp_path / "lib", {"pkgreadmeset/__init__.py": PKGREADMESET})
    item = generated(tmp_path, {"_WorkflowIndex.md": READMESET_INDEX, **READMESET_PAGES})
    readme = (item.output_dir / "README.md").read_text(encoding="utf-8")
    (command,) = [line for line in readme.splitlines() if line.startswith("python -m ") and " --set " in line]
    assert "--set '1.mean=[0.485, 0.456, 0.406]'" in command, command
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    shell = command.replace("python -m", f"{sys.executable} -m", 1) + " --set '1.values=[1, 2, 3]' --no-save"
    proc = subprocess.run(["sh", "-c", shell], cwd=item.output_dir, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert 'normalise mean=[0.485, 0.456, 0.406] label="it\'s a test"' in proc.stdout, proc.stdout


CROPSIZE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Crop_Size

**Description:** Crop images to a size.

### Step 1: Crop

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcropsize.Crop(size, scale=(0.08, 1.0))` |
| **Implementation** | `Demo_Crop` |
| **Outputs** | `crop` |
"""

CROPSIZE_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgcropsize

crop = pkgcropsize.Crop(size=(224, 224), scale=True)
</syntaxhighlight>

== I/O Contract ==

=== Inputs ===
{| class="wikitable"
! Name !! Type !! Required !! Description
|-
| size || int || Yes || output size
|-
| scale || tuple[float, float] || No || crop area range
|}
"""

PKGCROPSIZE = """
class Crop:
    def __init__(self, size, scale=(0.08, 1.0)):
        print(f"crop size={size!r} scale={scale!r}")
"""


def test_a_default_of_another_type_than_the_contracts_passes_the_generated_check(tmp_path):
    """Seen on a torchvision wiki: the I/O contract says `size || int` and `scale || tuple[float, float]`, the
    example passes `size=(224, 224)` and `scale=True`: the keys were `Param("int", default=[224, 224])` and
    `Param("tuple[float, float]", default=True)`, so `run` refused the generated config ("expected int, got list")
    and two generated tests failed. Each key takes its default's type beside the declared one, and the tuple
    reaches the library as the example wrote it (the runtime turns the config's array back into a tuple)."""
    build_file_tree(tmp_path / "lib", {"pkgcropsize/__init__.py": PKGCROPSIZE})
    item = generated(tmp_path, {"_WorkflowIndex.md": CROPSIZE_INDEX, "implementations/Demo_Crop.md": CROPSIZE_PAGE})
    types = {p.name: p.type for p in item.plan.steps[0].binding.params}
    assert types["size"] == "tuple | int" and types["scale"] == "bool | tuple[float, float]", types
    proc = run_workflow(item, tmp_path / "lib")
    assert "crop size=(224, 224) scale=True" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


FSTRINGKEY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Fstring_Key

**Description:** Read the training split of a data folder.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfstringkey.Folder(root: str)` |
| **Implementation** | `Demo_Folder` |
| **Key Parameters** | `data_dir: str` - the data folder, holding `train/` and `val/` |
| **Outputs** | `train_dataset` |
"""

FSTRINGKEY_PAGES = example_pages(
    {
        "implementations/Demo_Folder.md": (
            'import pkgfstringkey\n\ndata_dir = "data/shapes"\ntrain_dataset = pkgfstringkey.Folder(f"{data_dir}/train")\n'
        )
    }
)

PKGFSTRINGKEY = """
class Folder:
    def __init__(self, root):
        self.root = root
"""


def test_a_key_written_into_a_longer_text_passes_the_generated_tests(tmp_path):
    """Seen on a torchvision wiki: `datasets.ImageFolder(f"{data_dir}/train", ...)` with `data_dir` a key: the
    generated test looked for the key's value as a whole argument and failed on the unedited repository ("config
    key data_dir did not reach the call"). A text key reaches the call when its text is in an argument."""
    build_file_tree(tmp_path / "lib", {"pkgfstringkey/__init__.py": PKGFSTRINGKEY})
    item = generated(tmp_path, {"_WorkflowIndex.md": FSTRINGKEY_INDEX, **FSTRINGKEY_PAGES})
    assert 'f"{data_dir}/train"' in item.plan.steps[0].binding.body.replace("'", '"'), item.plan.steps[0].binding.body
    run_generated_tests(item, tmp_path / "lib")


OPTPARAMS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Optimizer_Params

**Description:** Load data, build a model, train it.

### Step 1: Loaders

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgoptparams.loaders(n: int)` |
| **Implementation** | `Demo_loaders` |
| **Outputs** | `train_loader`, `val_loader` |

### Step 2: Model

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgoptparams.Model(width: int)` |
| **Implementation** | `Demo_Model` |
| **Outputs** | `model` |

### Step 3: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgoptparams.SGD(params, lr=0.001)` |
| **Implementation** | `Demo_train` |
| **Inputs** | Model from Step 2, DataLoader from Step 1 |
| **Outputs** | `history` |
"""

OPTPARAMS_PAGES = example_pages(
    {
        "implementations/Demo_loaders.md": "import pkgoptparams\n\ntrain_loader, val_loader = pkgoptparams.loaders(4)\n",
        "implementations/Demo_Model.md": "import pkgoptparams\n\nmodel = pkgoptparams.Model(width=2)\n",
        "implementations/Demo_train.md": (
            "import pkgoptparams\n\n"
            "optimizer = pkgoptparams.SGD(model.parameters(), lr=0.1)\n"
            "history = []\n"
            "for batch in train_loader:\n"
            "    history.append(optimizer.step(batch))\n"
        ),
    }
)

PKGOPTPARAMS = """
def loaders(n):
    return list(range(n)), [-1]


class Model:
    def __init__(self, width):
        self.width = width

    def parameters(self):
        return ["w"] * self.width


class SGD:
    def __init__(self, params, lr=0.001):
        assert params == ["w", "w"], params
        self.lr = lr

    def step(self, batch):
        return batch * self.lr
"""


def test_an_argument_made_of_a_cited_result_is_not_replaced_by_another(tmp_path):
    """Seen on a torchvision wiki: "Inputs: Model from Step 4, DataLoader from Step 3", where step 3 made
    `train_loader` and `val_loader` and the example trains on train_loader: `SGD(model.parameters(), ...)` became
    `SGD(val_loader, ...)`, the one result of a cited step the example left unread taking the place of the first
    argument it builds. An argument built of a cited step's result is that step's data, not sample data. And the
    `history = []` between that call and the loop appending to it was dropped (history became a REQUIRED key): an
    empty container the slice fills is part of it."""
    build_file_tree(tmp_path / "lib", {"pkgoptparams/__init__.py": PKGOPTPARAMS})
    item = generated(tmp_path, {"_WorkflowIndex.md": OPTPARAMS_INDEX, **OPTPARAMS_PAGES})
    train = item.plan.steps[2].binding
    assert "SGD(model.parameters(), lr=lr)" in train.body, train.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "history: list of 4" in proc.stdout + proc.stderr, proc.stderr


SCOREDCOL_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Scored_Export

**Description:** Read rows, predict, write the rows with their predictions.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgscored.read_rows(n: int)` |
| **Implementation** | `Demo_read_rows` |
| **Outputs** | `batch_df` |

### Step 2: Predict

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgscored.predict(frame)` |
| **Implementation** | `Demo_predict` |
| **Inputs** | `batch_df` from Step 1 |
| **Outputs** | `predictions` |

### Step 3: Export

| Attribute | Value |
|-----------|-------|
| **API Call** | `DataFrame.to_csv(path_or_buf, index=False)` |
| **Implementation** | `Demo_to_csv` |
| **Inputs** | `batch_df`, `predictions` |
| **Outputs** | `scored.csv` with an added `prediction` column |
"""

SCOREDCOL_PAGES = example_pages(
    {
        "implementations/Demo_read_rows.md": "import pkgscored\n\nbatch_df = pkgscored.read_rows(3)\n",
        "implementations/Demo_predict.md": "import pkgscored\n\npredictions = pkgscored.predict(batch_df)\n",
        "implementations/Demo_to_csv.md": (
            'batch_df["prediction"] = predictions\nbatch_df.to_csv("scored.csv", index=False)\n'
        ),
    }
)

PKGSCOREDCOL = """
class Frame(dict):
    def to_csv(self, path_or_buf, index=True):
        with open(path_or_buf, "w") as handle:
            handle.write(",".join(sorted(self)) + "\\n")


def read_rows(n):
    return Frame(x=list(range(n)))


def predict(frame):
    return [v * 2 for v in frame["x"]]
"""


def test_a_column_the_example_sets_from_a_quoted_input_is_kept(tmp_path):
    """Seen on an MLflow wiki: the export step's Inputs quote `batch_df`, `predictions` and its example reads
    `batch_df["prediction"] = predictions` then `batch_df.to_csv("scored.csv", index=False)`: the assignment was
    cut, so the "scored" CSV held no predictions and step 2's result went unused, with no error. A statement
    setting a part of what the slice works on to another result the Inputs quote belongs to the slice."""
    build_file_tree(tmp_path / "lib", {"pkgscored/__init__.py": PKGSCOREDCOL})
    item = generated(tmp_path, {"_WorkflowIndex.md": SCOREDCOL_INDEX, **SCOREDCOL_PAGES})
    export = item.plan.steps[2].binding
    assert "predictions" in export.consumes and 'batch_df["prediction"] = predictions' in export.body.replace(
        "'", '"'
    ), export.body
    run_workflow(item, tmp_path / "lib", "--set", "3.path_or_buf=out/scored.csv")
    assert (item.output_dir / "out" / "scored.csv").read_text() == "prediction,x\n"


USERCODE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_User_Code

**Description:** Search runs, pick the best, register it.

### Step 1: Search

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgusercode.search(order: str)` |
| **Implementation** | `Demo_search` |
| **Outputs** | `runs` |

### Step 2: Select Best Run

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_best_run` |
| **API Call** | User code: `best_run_id = runs[0]["run_id"]`, `model_uri = f"runs:/{best_run_id}/model"` |
| **Source Location** | (user code) |
| **Inputs** | `runs` from Step 1 (already ordered best first) |
| **Outputs** | `best_run_id: str`, `model_uri: str` |

### Step 3: Register

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgusercode.register(model_uri: str, name: str)` |
| **Implementation** | `Demo_register` |
| **Inputs** | `model_uri` from Step 2 |
| **Outputs** | `version` |
"""

USERCODE_PAGES = example_pages(
    {
        "implementations/Demo_search.md": 'import pkgusercode\n\nruns = pkgusercode.search(order="accuracy DESC")\n',
        "implementations/Demo_best_run.md": (
            'if runs.empty:\n    raise SystemExit("no run passed the filter")\n'
            'best_run_id = runs[0]["run_id"]\nmodel_uri = f"runs:/{best_run_id}/model"\nprint(best_run_id)\n'
        ),
        "implementations/Demo_register.md": (
            'import pkgusercode\n\nversion = pkgusercode.register(f"runs:/{best_run_id}/model", name="iris")\n'
        ),
    }
)

PKGUSERCODE = """
class Runs(list):
    @property
    def empty(self):
        return not self


def search(order):
    return Runs([{"run_id": "r42"}, {"run_id": "r7"}])


def register(model_uri, name):
    print(f"register {model_uri} as {name}")
    return 1
"""


def test_a_step_whose_api_cell_is_user_code_runs_that_code(tmp_path):
    """Seen on an MLflow wiki: "User code: `best_run_id = runs.iloc[0]["run_id"]`, `model_uri = f"runs:/..."`" made a
    manual step that only recorded a config value: best_run_id became a REQUIRED key of the next step, to be
    looked up by hand. Assignments computing values are code to run: the step binds its page's example, reads
    the cited `runs` and hands on `model_uri`; its guard raising on the generated tests' recorders is a skip."""
    build_file_tree(tmp_path / "lib", {"pkgusercode/__init__.py": PKGUSERCODE})
    item = generated(tmp_path, {"_WorkflowIndex.md": USERCODE_INDEX, **USERCODE_PAGES})
    best, register = item.plan.steps[1].binding, item.plan.steps[2].binding
    assert best.status == "bound" and set(best.produces) >= {"best_run_id", "model_uri"}, best
    assert {"model_uri", "best_run_id"} & set(register.consumes), register
    proc = run_workflow(item, tmp_path / "lib")
    assert "register runs:/r42/model as iris" in proc.stdout, proc.stdout
    # the example's guard (`if runs.empty: raise SystemExit(...)`) raises on the generated tests' recorders: a skip
    run_generated_tests(item, tmp_path / "lib")


HANDPARAMS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Hand_Params

**Description:** Train with hyperparameters, then log them.

### Step 1: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkghandparams.Model(C=1.0).fit(X) -> Model` |
| **Implementation** | `Demo_fit` |
| **Outputs** | Fitted estimator `clf`, hyperparameter dict `params` |

### Step 2: Log Parameters

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkghandparams.log_params(params: dict)` |
| **Implementation** | `Demo_log_params` |
| **Key Parameters** | `params: dict[str, Any]` - hyperparameters |
| **Inputs** | `params` from Step 1 |
| **Outputs** | Parameters stored on the run |
"""

HANDPARAMS_PAGES = example_pages(
    {
        "implementations/Demo_fit.md": (
            "import pkghandparams\n\n"
            'rows = pkghandparams.read("data/rows.csv")\n'
            'params = {"C": 0.5, "max_iter": 200}\n'
            "clf = pkghandparams.Model(**params)\n"
            "clf.fit(rows)\n"
        ),
        "implementations/Demo_log_params.md": (
            'import pkghandparams\n\nparams = {"C": 0.5, "max_iter": 200}\npkghandparams.log_params(params)\n'
        ),
    }
)

PKGHANDPARAMS = """
def read(path):
    return [1, 2]


class Model:
    def __init__(self, **params):
        print(f"fit {sorted(params.items())}")

    def fit(self, rows):
        return self


def log_params(params):
    print(f"log {sorted(params.items())}")
"""


def test_a_setting_the_outputs_name_is_handed_on_to_the_step_that_cites_it(tmp_path):
    """Seen on an MLflow wiki: step 4 trains with `params = {"C": 0.5, ...}` and its Outputs say "hyperparameter
    dict `params`"; step 5 logs "`params` from Step 4". params was a key of step 4 only, step 5 had its own copy
    of another example's value, and editing one logged values other than those used for training. A value the
    Outputs name is handed on even when the step's own call reads it, so the citing step takes it."""
    build_file_tree(tmp_path / "lib", {"pkghandparams/__init__.py": PKGHANDPARAMS})
    item = generated(tmp_path, {"_WorkflowIndex.md": HANDPARAMS_INDEX, **HANDPARAMS_PAGES})
    fit, log = (s.binding for s in item.plan.steps)
    assert "params" in fit.produces and "params" in log.consumes, (fit.produces, log.consumes)
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.params={C = 2.0}")
    assert "fit [('C', 2.0)]" in proc.stdout and "log [('C', 2.0)]" in proc.stdout, proc.stdout


ALIASED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Module_Alias

**Description:** Open a stream, then flip its frames.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmodalias.open_stream(n: int)` |
| **Implementation** | `Demo_open_stream` |
| **Outputs** | `stream` |

### Step 2: Flip

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmodalias.flip(frame, code)` |
| **Implementation** | `Demo_flip` |
| **Inputs** | `stream` from Step 1 |
| **Outputs** | `frames` |
"""

ALIASED_IMPORT = (
    '== Code Reference ==\n=== Import ===\n<syntaxhighlight lang="python">\nimport pkgmodalias\n</syntaxhighlight>\n'
)
ALIASED_PAGES = {
    path: ALIASED_IMPORT + page
    for path, page in example_pages(
        {
            "implementations/Demo_open_stream.md": "import pkgmodalias as pm\n\nstream = pm.open_stream(3)\n",
            "implementations/Demo_flip.md": "frames = [pm.flip(frame, 0) for frame in stream]\n",
        }
    ).items()
}

PKGMODALIAS = """
def open_stream(n):
    return list(range(n))


def flip(frame, code):
    return -frame
"""


def test_a_module_another_example_imports_under_a_short_name_is_imported(tmp_path):
    """Seen on an OpenCV wiki: the VideoWriter page's example uses `cv.flip(frame, 0)` without importing cv, which
    every other page imports as `import cv2 as cv`: `cv` became a REQUIRED config key, and with `cv = "cv2"` the
    run failed ('str' object has no attribute 'flip'). A free name another example of the workflow imports a
    module as is that module."""
    build_file_tree(tmp_path / "lib", {"pkgmodalias/__init__.py": PKGMODALIAS})
    item = generated(tmp_path, {"_WorkflowIndex.md": ALIASED_INDEX, **ALIASED_PAGES})
    flip = item.plan.steps[1].binding
    assert "import pkgmodalias as pm" in flip.body and "pm" not in [p.name for p in flip.params], flip
    proc = run_workflow(item, tmp_path / "lib")
    assert "frames: list of 3" in proc.stdout + proc.stderr, proc.stderr


METRICSD_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Metrics_Display

**Description:** Fit a model, then log its metrics.

### Step 1: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmetricsd.fit(n: int)` |
| **Implementation** | `Demo_fit` |
| **Outputs** | `clf`, `X_test`, `y_test` |

### Step 2: Log Metrics

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmetricsd.log_metrics(metrics: dict[str, float])` |
| **Implementation** | `Demo_log_metrics` |
| **Key Parameters** | `metrics: dict[str, float]` - metric name to value |
| **Inputs** | Fitted `clf` and `X_test`, `y_test` from Step 1 |
| **Outputs** | Metrics stored on the run |
"""

METRICSD_PAGES = example_pages(
    {
        "implementations/Demo_fit.md": "import pkgmetricsd\n\nclf, X_test, y_test = pkgmetricsd.fit(4)\n",
        "implementations/Demo_log_metrics.md": (
            "import pkgmetricsd\n\n"
            "y_pred = clf.predict(X_test)\n"
            'metrics = {"accuracy": pkgmetricsd.accuracy(y_test, y_pred)}\n'
            "pkgmetricsd.log_metrics(metrics)\n"
        ),
    }
)

PKGMETRICSD = """
class Model:
    def predict(self, rows):
        return [r % 2 for r in rows]


def fit(n):
    return Model(), list(range(n)), [0, 1, 1, 1]


def accuracy(truth, predicted):
    return sum(t == p for t, p in zip(truth, predicted)) / len(truth)


def log_metrics(metrics):
    print(f"metrics {metrics}")
"""


def test_a_documented_value_the_example_computes_from_calls_is_computed(tmp_path):
    """Seen on an MLflow wiki: the Key Parameters document `metrics: dict[str, float]`, the Inputs cite "Fitted
    `clf` and `X_test`, `y_test` from Step 4", and the example computes `y_pred = clf.predict(X_test)` and `metrics =
    {"accuracy": accuracy_score(y_test, y_pred), ...}`: metrics became a REQUIRED key, set to a made-up value to run
    at all, and that value was logged. A documented name the example puts together from calls is made by the step,
    with what it needs, as one it assigns from a call is."""
    build_file_tree(tmp_path / "lib", {"pkgmetricsd/__init__.py": PKGMETRICSD})
    item = generated(tmp_path, {"_WorkflowIndex.md": METRICSD_INDEX, **METRICSD_PAGES})
    log = item.plan.steps[1].binding
    assert "metrics" not in [p.name for p in log.params] and "y_pred = clf.predict(X_test)" in log.body, log
    proc = run_workflow(item, tmp_path / "lib")
    assert "metrics {'accuracy': 0.75}" in proc.stdout, proc.stdout


TRYOUT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Tryout

**Description:** Read images, build a pipeline, apply it.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtryout.read(n: int)` |
| **Implementation** | `Demo_read` |
| **Outputs** | `images` |

### Step 2: Build Pipeline

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtryout.Compose(steps: list)` |
| **Implementation** | `Demo_Compose` |
| **Key Parameters** | `size: int` - crop size |
| **Outputs** | `pipeline` |

### Step 3: Apply

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtryout.stack([pipeline(img) for ...])` |
| **Implementation** | `Demo_apply` |
| **Inputs** | `images` from Step 1, `pipeline` from Step 2 |
| **Outputs** | `views` |
"""

TRYOUT_PAGES = example_pages(
    {
        "implementations/Demo_read.md": "import pkgtryout\n\nimages = pkgtryout.read(3)\n",
        "implementations/Demo_Compose.md": (
            "import pkgtryout\n\npipeline = pkgtryout.Compose([pkgtryout.Crop(size=2)])\nout = pipeline(img)\n"
        ),
        "implementations/Demo_apply.md": "import pkgtryout\n\nviews = pkgtryout.stack([pipeline(img) for img in images])\n",
    }
)

PKGTRYOUT = """
def stack(items):
    return list(items)


def read(n):
    return [[i] * 4 for i in range(n)]


class Crop:
    def __init__(self, size):
        self.size = size

    def __call__(self, image):
        return image[: self.size]


class Compose:
    def __init__(self, steps):
        self.steps = steps

    def __call__(self, image):
        for step in self.steps:
            image = step(image)
        return image
"""


def test_a_tryout_of_the_result_on_sample_data_nothing_makes_is_left_out(tmp_path):
    """Seen on a torchvision wiki: the v2.Compose example ends with `out = pipeline(img)`, trying the pipeline on an
    image nothing makes (no earlier step, no key, no statement of the example): `img` became a REQUIRED key that
    TOML cannot hold, although step 3 applies the pipeline to step 1's images. A statement after the step's call
    that applies its result to such sample data, making nothing the Outputs or the rest of the slice read, is
    left out."""
    build_file_tree(tmp_path / "lib", {"pkgtryout/__init__.py": PKGTRYOUT})
    item = generated(tmp_path, {"_WorkflowIndex.md": TRYOUT_INDEX, **TRYOUT_PAGES})
    build = item.plan.steps[1].binding
    assert "img" not in [p.name for p in build.params] and "pipeline(img)" not in build.body, build
    proc = run_workflow(item, tmp_path / "lib")
    assert "views: list of 3" in proc.stdout + proc.stderr, proc.stderr


ENUMNONE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Enum_None

**Description:** Build a model, with pretrained weights or none.

### Step 1: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgenumnone.build(weights=None, num_classes=2)` |
| **Implementation** | `Demo_build` |
| **Outputs** | `model` |
"""

ENUMNONE_PAGES = example_pages(
    {
        "implementations/Demo_build.md": (
            "import pkgenumnone\n\nmodel = pkgenumnone.build(weights=pkgenumnone.Weights.DEFAULT, num_classes=2)\n"
        )
    }
)

PKGENUMNONE = """
import enum


class Weights(enum.Enum):
    DEFAULT = "imagenet"


def build(weights=None, num_classes=2):
    print(f"build weights={weights!r}")
    return num_classes
"""


def test_a_member_key_set_to_none_passes_none(tmp_path):
    """Seen on a torchvision wiki: `resnet18(weights=ResNet18_Weights.DEFAULT)` made the key `weights` and the call
    `ResNet18_Weights[weights]`: offline, the default downloads, and `--set 4.weights=None` (the library's own
    default, and what the step's API row says) failed with KeyError: None. A member key set to None passes None."""
    build_file_tree(tmp_path / "lib", {"pkgenumnone/__init__.py": PKGENUMNONE})
    item = generated(tmp_path, {"_WorkflowIndex.md": ENUMNONE_INDEX, **ENUMNONE_PAGES})
    proc = run_workflow(item, tmp_path / "lib")
    assert "build weights=<Weights.DEFAULT: 'imagenet'>" in proc.stdout, proc.stdout
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.weights=None")
    assert "build weights=None" in proc.stdout, proc.stdout


CELLARG_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Cell_Argument

**Description:** Build an expression, then sum it.

### Steps Overview

| # | Step Name | Rough API |
|---|-----------|-----------|
| 1 | Build Expression | `pkgcellarg.parse(text)` |
| 2 | Total | `pkgcellarg.total(expr, (a, b))` |

### Step 1: Build Expression

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcellarg.parse(text)` |
| **Implementation** | `Demo_parse` |

### Step 2: Total

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcellarg.total(expr, (a, b))` |
| **Implementation** | `Demo_total` |
"""

CELLARG_PAGES = example_pages(
    {
        "implementations/Demo_parse.md": 'import pkgcellarg\n\nexpr = pkgcellarg.parse("x*2")\n',
        "implementations/Demo_total.md": (
            "import pkgcellarg\n\nvalue = pkgcellarg.total(pkgcellarg.constant(5) * 2, (0, 3))\nprint(value)\n"
        ),
    }
)

PKGCELLARG = """
def parse(text):
    return int(text.split("*")[1])


def constant(value):
    return value


def total(expr, bounds):
    return expr * bounds[1]
"""


def test_an_earlier_result_the_api_cell_passes_replaces_the_examples_expression(tmp_path):
    """Seen on a SymPy wiki (Steps Overview only, no Inputs): the API cell says `integrate(expr, (x, a, b))`, step 1
    made `expr`, and the example integrates its own `exp(-x**2) * cos(x)`: whatever expression step 1 read, the
    step integrated (and plotted) the example's, with no error. The earlier result an API cell written as a call
    passes in a place where the example builds an expression is taken there."""
    build_file_tree(tmp_path / "lib", {"pkgcellarg/__init__.py": PKGCELLARG})
    item = generated(tmp_path, {"_WorkflowIndex.md": CELLARG_INDEX, **CELLARG_PAGES})
    total = item.plan.steps[1].binding
    assert "pkgcellarg.total(expr, (0, 3))" in total.body and "expr" in total.consumes, total.body
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.text=x*7")
    assert "value: 21" in proc.stdout + proc.stderr, proc.stderr


BUILTINHINTS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Builtin_Hints

**Description:** Define a function, then register it where its types are read.

### Step 1: Register

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgbuiltinhints.register(name: str, function)` |
| **Implementation** | `Demo_register` |
| **Outputs** | `registered` |
"""

BUILTINHINTS_PAGES = example_pages(
    {
        "implementations/Demo_register.md": (
            "import pkgbuiltinhints\n"
            "from pkgbuiltinhints import Frame\n\n"
            "def score(text: str, weights: list[float] | None = None) -> int:\n"
            "    return len(text)\n\n"
            "def table(frame: Frame) -> Frame:\n"
            "    return frame\n\n"
            'registered = pkgbuiltinhints.register("score", score)\n'
        )
    }
)

PKGBUILTINHINTS = """
class Frame:
    pass


def register(name, function):
    print(f"register {name} {sorted((k, str(v)) for k, v in function.__annotations__.items())}")
    return name
"""


def test_builtin_type_hints_of_an_examples_function_are_kept(tmp_path):
    """Seen on a DuckDB wiki: `def sentiment_score(text: str) -> int:` lost its annotations, and
    `con.create_function("sentiment_score", sentiment_score)` failed: "Could not infer the return type" (DuckDB, like
    LangChain's tools, reads them). Annotations of builtin types only (`str`, `list[float] | None`) need no import
    and stay; others (a library's `Frame`, maybe never imported) are still dropped."""
    build_file_tree(tmp_path / "lib", {"pkgbuiltinhints/__init__.py": PKGBUILTINHINTS})
    item = generated(tmp_path, {"_WorkflowIndex.md": BUILTINHINTS_INDEX, **BUILTINHINTS_PAGES})
    body = item.plan.steps[0].binding.body
    assert "def score(text: str, weights: list[float] | None=None) -> int:" in body, body
    proc = run_workflow(item, tmp_path / "lib")
    assert "register score [('return', \"<class 'int'>\"), ('text', \"<class 'str'>\")" in proc.stdout, proc.stdout


POSNUM_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Positional_Numbers

**Description:** Build a preprocessing pipeline.

### Step 1: Preprocess

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgposnum.Compose(transforms: list)` |
| **Implementation** | `Demo_Compose` |
| **Key Parameters** | `resize_size: int` - shorter side after resize (256), `crop_size: int` - center crop (224) |
| **Outputs** | `pipeline` |
"""

POSNUM_PAGES = example_pages(
    {
        "implementations/Demo_Compose.md": (
            "import pkgposnum\n\npipeline = pkgposnum.Compose([pkgposnum.Resize(256), pkgposnum.CenterCrop(224)])\n"
        )
    }
)

PKGPOSNUM = """
class Resize:
    def __init__(self, size):
        self.size = size


class CenterCrop(Resize):
    pass


class Compose:
    def __init__(self, transforms):
        print("compose", [t.size for t in transforms])
"""


def test_a_number_passed_by_position_is_the_key_that_documents_it(tmp_path):
    """Seen on torchvision, SymPy and PyTorch wikis: the Key Parameters document `resize_size: int` - "shorter side
    after resize (256)" and `crop_size: int` - "center crop (224)", and the example writes `transforms.Resize(256),
    transforms.CenterCrop(224)`: the numbers stayed in the code and the documented keys did not exist (so did
    `f(grid, 1.0)` under "`a_value: float` - value substituted for a (1.0)"). A number an inner call takes by
    position, which exactly one undocumented-so-far key gives as its value, is that key."""
    build_file_tree(tmp_path / "lib", {"pkgposnum/__init__.py": PKGPOSNUM})
    item = generated(tmp_path, {"_WorkflowIndex.md": POSNUM_INDEX, **POSNUM_PAGES})
    body = item.plan.steps[0].binding.body
    assert "pkgposnum.Resize(resize_size), pkgposnum.CenterCrop(crop_size)" in body, body
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.crop_size=32")
    assert "compose [256, 32]" in proc.stdout, proc.stdout


RJOIN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Relation_Join

**Description:** Read two relations and join them.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrjoin.read(name: str)` |
| **Implementation** | `Demo_read` |
| **Outputs** | `orders`, `customers` |

### Step 2: Join

| Attribute | Value |
|-----------|-------|
| **API Call** | `Relation.join(other_rel: Relation, condition: str, how: str = 'inner') -> Relation` |
| **Implementation** | `Demo_join` |
| **Key Parameters** | `condition: str` - a column both sides share, `how: str` - join type |
| **Inputs** | `orders`, `customers` from Step 1 |
| **Outputs** | `enriched` |
"""

RJOIN_PAGES = example_pages(
    {
        "implementations/Demo_read.md": (
            'import pkgrjoin\n\norders = pkgrjoin.read("orders")\ncustomers = pkgrjoin.read("customers")\n'
        ),
        "implementations/Demo_join.md": 'enriched = orders.join(customers, "customer_id", how="left")\n',
    }
)

PKGRJOIN = """
class Relation:
    def __init__(self, name):
        self.name = name

    def join(self, other_rel, condition, how="inner"):
        print(f"join {self.name} {other_rel.name} on {condition} ({how})")
        return self


def read(name):
    return Relation(name)
"""


def test_a_text_the_steps_own_join_takes_by_position_is_a_key(tmp_path):
    """Seen on a DuckDB wiki: the step's API is `DuckDBPyRelation.join(other_rel, condition, how, suffix)` and the
    Key Parameters document `condition`, but `per_customer.join(customers, "customer_id", how=how)` kept the column
    in the code: `join` is among the calls whose literals stay (`", ".join(...)`). The step's own call is none of
    those: its positional texts are keys named by its API's parameters."""
    build_file_tree(tmp_path / "lib", {"pkgrjoin/__init__.py": PKGRJOIN})
    item = generated(tmp_path, {"_WorkflowIndex.md": RJOIN_INDEX, **RJOIN_PAGES})
    join = item.plan.steps[1].binding
    assert "orders.join(customers, condition, how=how)" in join.body, join.body
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.condition=order_id")
    assert "join orders customers on order_id (left)" in proc.stdout, proc.stdout


RENAMEDKEY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Renamed_Key

**Description:** Make a model URI, then load the champion model.

### Step 1: Select

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrenamedkey.uri_of(run_id: str)` |
| **Implementation** | `Demo_uri_of` |
| **Outputs** | `model_uri` |

### Step 2: Load Champion

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrenamedkey.load(model_uri: str)` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `model_uri: str` - location of the champion model |
| **Outputs** | `model` |
"""

RENAMEDKEY_PAGES = example_pages(
    {
        "implementations/Demo_uri_of.md": 'import pkgrenamedkey\n\nmodel_uri = pkgrenamedkey.uri_of("r1")\n',
        "implementations/Demo_load.md": (
            'import pkgrenamedkey\n\nmodel = pkgrenamedkey.load(model_uri="models:/iris@champion")\n'
        ),
    }
)

PKGRENAMEDKEY = """
def uri_of(run_id):
    return f"runs:/{run_id}/model"


def load(model_uri):
    return model_uri
"""


def test_a_key_renamed_beside_a_result_of_its_name_keeps_its_description(tmp_path):
    """Seen on an MLflow wiki: the Key Parameters document `model_uri: str` - "location of the model", an earlier step
    makes a result called `model_uri`, so the step's own key became `champion_model_uri`, with no description in
    config.toml or the README. A key claimed under another name takes the description and type the wiki gives
    the name it was claimed for (its value stays the example's)."""
    build_file_tree(tmp_path / "lib", {"pkgrenamedkey/__init__.py": PKGRENAMEDKEY})
    item = generated(tmp_path, {"_WorkflowIndex.md": RENAMEDKEY_INDEX, **RENAMEDKEY_PAGES})
    params = {p.name: p for p in item.plan.steps[1].binding.params}
    (renamed,) = [p for name, p in params.items() if name != "model_uri" and "model_uri" in name]
    assert renamed.description == "location of the champion model", renamed
    assert ast.literal_eval(renamed.default or "") == "models:/iris@champion", renamed


CALLKEY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Callable_Key

**Description:** Simplify an expression by a measure.

### Step 1: Simplify

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcallkey.simplify(expr: str, measure: Callable = None)` |
| **Implementation** | `Demo_simplify` |
| **Key Parameters** | `expr: str` - the expression (`"x+x"`), `measure: callable` - how to compare forms, e.g. `pkgcallkey.count_ops` |
| **Outputs** | `simplified` |
"""

CALLKEY_PAGES = example_pages(
    {"implementations/Demo_simplify.md": 'import pkgcallkey\n\nsimplified = pkgcallkey.simplify("x+x")\n'}
)

PKGCALLKEY = """
def count_ops(expr):
    return expr.count("+")


def simplify(expr, measure=None):
    print(f"simplify measure={getattr(measure, '__name__', measure)} ops={measure(expr) if measure else '-'}")
    return expr
"""


def test_a_callable_key_takes_a_function_by_dotted_name(tmp_path):
    """Seen on SymPy and librosa wikis: `measure: callable` and `aggregate (callable)` were keys, and `--set
    5.measure=count_ops` or `2.aggregate=numpy.median` passed the type check and reached the library as a text ('str'
    object is not callable; librosa silently skipped the aggregation). A callable key's text names a function by
    dotted path (or builtin name); left unset, the call still goes without it."""
    build_file_tree(tmp_path / "lib", {"pkgcallkey/__init__.py": PKGCALLKEY})
    item = generated(tmp_path, {"_WorkflowIndex.md": CALLKEY_INDEX, **CALLKEY_PAGES})
    proc = run_workflow(item, tmp_path / "lib")
    assert "simplify measure=None ops=-" in proc.stdout, proc.stdout
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.measure=pkgcallkey.count_ops")
    assert "simplify measure=count_ops ops=1" in proc.stdout, proc.stdout


def test_a_real_number_of_another_library_is_shown_as_a_number():
    """Seen on a SymPy wiki: the run log said `numeric_value: Float` for the integral the workflow computes, not the
    number (the README says numbers are shown). A value registered as a real number (SymPy's Float, numpy's int64,
    a Fraction) is shown as its float value; a symbol is not a number."""
    import fractions
    import importlib.util

    from generator.render import template_dir

    path = next(template_dir().rglob("runtime/report.py"))
    spec = importlib.util.spec_from_file_location("generated_report_reals", path)
    assert spec is not None and spec.loader is not None
    report = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(report)
    assert report.number(fractions.Fraction(1, 4)) == 0.25
    assert report.numbers({"integral": fractions.Fraction(3, 4), "name": "x"}) == {"integral": 0.75}
    assert report.number(True) is None and report.number(object()) is None


OPENRUN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Tracked_Run

**Description:** Start a run, log a parameter into it.

### Step 1: Start Run

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgopenrun.start_run(run_name: str = None) -> Run` |
| **Implementation** | `Demo_start_run` |
| **Key Parameters** | `run_name: str = "baseline"` - the run's name |
| **Outputs** | `run`: the active run, a context manager that ends it |

### Step 2: Log Parameter

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgopenrun.log_param(key: str, value: float) -> None` |
| **Implementation** | `Demo_log_param` |
| **Key Parameters** | `key: str = "lr"`, `value: float = 0.1` |
| **Inputs** | the active run from Step 1 |
"""

OPENRUN_PAGES = example_pages(
    {
        "implementations/Demo_start_run.md": (
            'import pkgopenrun\n\nwith pkgopenrun.start_run(run_name="baseline") as run:\n'
            '    pkgopenrun.set_tag("lr", 0.5)\n    print(run.name)\n'
        ),
        "implementations/Demo_log_param.md": (
            'import pkgopenrun\n\nwith pkgopenrun.start_run():\n    pkgopenrun.log_param("lr", 0.1)\n'
        ),
    }
)

PKGOPENRUN = {
    "pkgopenrun/__init__.py": (
        "ACTIVE = []\n\n\n"
        "class Run:\n"
        "    def __init__(self, name):\n        self.name, self.params = name, {}\n\n"
        "    def __enter__(self):\n        return self\n\n"
        "    def __exit__(self, kind, *rest):\n"
        "        ACTIVE.remove(self)\n"
        "        status = 'FINISHED' if kind is None else 'FAILED'\n"
        "        with open('runs.txt', 'a') as handle:\n"
        "            handle.write(f'{self.name} {self.params} {status}\\n')\n\n\n"
        "def start_run(run_name=None):\n"
        "    if ACTIVE:\n        raise RuntimeError('a run is active already')\n"
        "    ACTIVE.append(Run(run_name or 'run'))\n    return ACTIVE[-1]\n\n\n"
        "def set_tag(key, value):\n    log_param(key, value)\n\n\n"
        "def log_param(key, value):\n"
        "    if value < 0:\n        raise ValueError('negative')\n"
        "    if not ACTIVE:\n        raise RuntimeError('no active run')\n"
        "    ACTIVE[-1].params[key] = value\n"
    )
}


def test_a_context_a_step_opens_stays_open_for_the_steps_after_it(tmp_path):
    """Seen on an MLflow wiki: step 3 cites `mlflow.start_run` and its example is `with mlflow.start_run() as run:`
    around a tryout; the step closed the run as it ended, each later step's own `with mlflow.start_run():` opened
    another, and one workflow run left three MLflow runs. The context the step opens is entered and closed when
    the workflow's run ends, failed if a step failed; the later steps' own `with` of it goes, and the tryout in the
    block (which would log a value the later step logs again) is left out."""
    build_file_tree(tmp_path / "lib", {**PKGOPENRUN})
    item = generated(tmp_path, {"_WorkflowIndex.md": OPENRUN_INDEX, **OPENRUN_PAGES})
    run_workflow(item, tmp_path / "lib", "--set", "2.value=0.25")
    runs = item.output_dir / "runs.txt"
    assert runs.read_text(encoding="utf-8") == "baseline {'lr': 0.25} FINISHED\n"
    runs.unlink()
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "run", "--no-save", "--set", "2.value=-1"]
    failed = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    assert failed.returncode != 0 and "negative" in failed.stderr, failed.stderr
    assert runs.read_text(encoding="utf-8") == "baseline {} FAILED\n"
    run_generated_tests(item, tmp_path / "lib")


SYMDECL_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Parse_Formula

**Description:** Declare symbols, parse a formula with them, show it.

### Step 1: Declare Symbols

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsymdecl.symbols(names: str) -> tuple` |
| **Implementation** | `Demo_symbols` |
| **Key Parameters** | `names: str` - symbol names |
| **Outputs** | symbols `x`, `a` |

### Step 2: Parse Formula

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsymdecl.parse(s: str, local_dict: dict = None, upper: bool = False) -> Expr` |
| **Implementation** | `Demo_parse` |
| **Key Parameters** | `s: str` - the formula text |
| **Inputs** | symbols `x`, `a` from Step 1 |
| **Outputs** | `expr`: the parsed formula |

### Step 3: Show Formula

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsymdecl.show(expr, path: str) -> None` |
| **Implementation** | `Demo_show` |
| **Key Parameters** | `path: str = "formula.txt"` - where to write it |
| **Inputs** | `expr` from Step 2 |
"""

SYMDECL_PAGES = example_pages(
    {
        "implementations/Demo_symbols.md": ('from pkgsymdecl import symbols\n\nx, a = symbols("x a")\nexpr = x + a\n'),
        "implementations/Demo_parse.md": [
            'from pkgsymdecl import parse, symbols\n\nx, a = symbols("x a")\n'
            'expr = parse("x*a", local_dict={"x": x, "a": a})\n',
            'from pkgsymdecl import parse\n\nparse("xa", upper=True)\n',
        ],
        "implementations/Demo_show.md": 'from pkgsymdecl import show\n\nshow(expr, "formula.txt")\n',
    }
)

PKGSYMDECL = {
    "pkgsymdecl/__init__.py": (
        "def symbols(names):\n    return tuple(names.split())\n\n\n"
        "def parse(s, local_dict=None, upper=False):\n"
        "    return f'parsed({s.upper() if upper else s}, {sorted(local_dict) if local_dict else None})'\n\n\n"
        "def show(expr, path):\n    with open(path, 'w') as handle:\n        handle.write(str(expr))\n"
    )
}


def test_a_result_a_later_step_makes_is_not_made_by_the_step_before(tmp_path):
    """Seen on a SymPy wiki: step 2's example `x, a = symbols("x a")` goes on `expr = x**2 + a*x`, and step 3 (whose
    Outputs are `expr`) parses `expr` from text. Step 2 handed on that sample `expr`, so step 3's own example
    (`expr = parse_expr(..., local_dict={"x": x, "a": a})`) lost as making an earlier result again, to one that
    ignored the declared symbols. A statement after the step's call making only what a later step's Outputs name
    (before any step reads it) is left to that step."""
    build_file_tree(tmp_path / "lib", {**PKGSYMDECL})
    item = generated(tmp_path, {"_WorkflowIndex.md": SYMDECL_INDEX, **SYMDECL_PAGES})
    assert "expr" not in item.plan.steps[0].binding.produces
    run_workflow(item, tmp_path / "lib", "--set", "2.s=a+x")
    assert (item.output_dir / "formula.txt").read_text(encoding="utf-8") == "parsed(a+x, ['a', 'x'])"
    run_generated_tests(item, tmp_path / "lib")


BRANCHKEY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Embed_Optimize

**Description:** Embed a molecule, optimise it when embedding needs it.

### Step 1: Embed

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgbranchkey.embed(name: str) -> int` |
| **Implementation** | `Demo_embed` |
| **Key Parameters** | `name: str` - the molecule, `maxIters: int` - optimisation iterations |
| **Outputs** | `status` |
"""

BRANCHKEY_PAGES = example_pages(
    {
        "implementations/Demo_embed.md": (
            "import pkgbranchkey\n\nstatus = pkgbranchkey.embed('CCO')\nif status == 1:\n"
            "    pkgbranchkey.optimize('CCO', maxIters=1000)\n"
        )
    }
)

PKGBRANCHKEY = {
    "pkgbranchkey/__init__.py": (
        "def embed(name):\n    return 1\n\n\n"
        "def optimize(name, maxIters=200):\n    with open('optimized.txt', 'w') as handle:\n"
        "        handle.write(f'{name} {maxIters}')\n"
    )
}


def test_a_key_used_only_in_a_branch_on_the_librarys_answer_passes_the_generated_tests(tmp_path):
    """Seen on an RDKit wiki: `if status == 1: AllChem.MMFFOptimizeMolecule(mol, maxIters=1000)` made `maxIters` a
    key; the generated test, on recorders (whose `status == 1` is false), failed "config key ... did not reach
    the call". A value read only in a branch on what the library answered is checked by a real run."""
    build_file_tree(tmp_path / "lib", {**PKGBRANCHKEY})
    item = generated(tmp_path, {"_WorkflowIndex.md": BRANCHKEY_INDEX, **BRANCHKEY_PAGES})
    keys = {p.name: p.default for p in item.plan.steps[0].binding.params}
    assert keys.get("maxIters") == "1000", keys
    run_workflow(item, tmp_path / "lib", "--set", "1.maxIters=7")
    assert (item.output_dir / "optimized.txt").read_text(encoding="utf-8") == "CCO 7"
    run_generated_tests(item, tmp_path / "lib")


ASYNCSAVE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Async_Save

**Description:** Make a state, save it.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgasyncsave.make(n: int) -> list` |
| **Key Parameters** | `n: int = 3` |
| **Outputs** | `state` |

### Step 2: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `Saver.save(path: str, state) -> None` |
| **Implementation** | `Demo_save` |
| **Key Parameters** | `path: str` - where the state goes |
| **Inputs** | `state` from Step 1 |
| **Outputs** | the saved file |
"""

ASYNCSAVE_PAGES = example_pages(
    {
        "implementations/Demo_save.md": (
            "import pkgasyncsave\n\nsaver = pkgasyncsave.Saver()\nsaver.save('state.txt', state)\n"
            "saver.wait_until_finished()\nprint('saved')\n"
        )
    }
)

PKGASYNCSAVE = {
    "pkgasyncsave/__init__.py": (
        "def make(n):\n    return list(range(n))\n\n\n"
        "class Saver:\n"
        "    def __init__(self):\n        self.pending = []\n\n"
        "    def save(self, path, state):\n        self.pending.append((path, state))\n\n"
        "    def wait_until_finished(self):\n"
        "        for path, state in self.pending:\n"
        "            with open(path, 'w') as handle:\n                handle.write(repr(state))\n"
    )
}


def test_a_call_finishing_the_steps_call_on_its_object_is_kept(tmp_path):
    """Seen on a Flax wiki: `checkpointer.save(ckpt_dir / "state", state)` then `checkpointer.wait_until_finished()`;
    the step kept the save and dropped the wait (it binds and reads nothing new), the process exited before the
    asynchronous save was written, and the run said the step was done. Calls with no argument right after the
    step's call, on the object it called, finish its work: they stay."""
    build_file_tree(tmp_path / "lib", {**PKGASYNCSAVE})
    item = generated(tmp_path, {"_WorkflowIndex.md": ASYNCSAVE_INDEX, **ASYNCSAVE_PAGES})
    run_workflow(item, tmp_path / "lib", "--set", "1.n=2", "--set", "2.path=out.txt")
    assert (item.output_dir / "out.txt").read_text(encoding="utf-8") == "[0, 1]"
    run_generated_tests(item, tmp_path / "lib")


SHOWLOOP_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Read_Count

**Description:** Read records, count them.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgshowloop.read(path: str) -> list` |
| **Implementation** | `Demo_read` |
| **Key Parameters** | `path: str` - the records file |
| **Outputs** | `records` |

### Step 2: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgshowloop.count(records, path: str) -> None` |
| **Key Parameters** | `path: str = "count.txt"` |
| **Inputs** | `records` from Step 1 |
"""

SHOWLOOP_PAGES = example_pages(
    {
        "implementations/Demo_read.md": (
            "import pkgshowloop\n\nrecords = pkgshowloop.read('export.tsv')\nfor record in records:\n"
            "    if record is None:\n        continue\n    print(record['name'], record['pchembl_value'])\n"
        )
    }
)

PKGSHOWLOOP = {
    "pkgshowloop/__init__.py": (
        "def read(path):\n    with open(path) as handle:\n"
        "        return [{'name': line.strip()} for line in handle if line.strip()]\n\n\n"
        "def count(records, path):\n    with open(path, 'w') as handle:\n        handle.write(str(len(records)))\n"
    )
}


def test_a_loop_that_only_prints_the_examples_fields_is_left_out(tmp_path):
    """Seen on an RDKit wiki: the chosen example read an export, then `for mol in suppl: if mol is None: continue;
    print(mol.GetProp("_Name"), mol.GetProp("pchembl_value"))`; on the user's file, which has no such field, the
    step failed with KeyError. A loop that only prints what it goes through is a display, as a print is: left
    out of the step."""
    build_file_tree(tmp_path / "lib", {**PKGSHOWLOOP})
    item = generated(tmp_path, {"_WorkflowIndex.md": SHOWLOOP_INDEX, **SHOWLOOP_PAGES})
    (item.output_dir / "mine.txt").write_text("CCO\nCCN\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib", "--set", "1.path=mine.txt")
    assert (item.output_dir / "count.txt").read_text(encoding="utf-8") == "2"
    run_generated_tests(item, tmp_path / "lib")


TWOTABLES_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Join_Tables

**File:** [→](./workflows/Demo_Join_Tables.md)
**Description:** Read two tables with one reader, join them.

### Step 1: Table_Reading

| Attribute | Value |
|-----------|-------|
| **Principle** | `Demo_Table_Reading` |
| **Implementation** | `Demo_read` |
| **API Call** | `pkgtwotables.read(path: str) -> Table` |
| **Key Parameters** | `path: str` - the table's file |
| **Inputs** | the fact table, e.g. orders |
| **Outputs** | a table |

### Step 2: Table_Reading

| Attribute | Value |
|-----------|-------|
| **Principle** | `Demo_Table_Reading` |
| **Implementation** | `Demo_read` |
| **API Call** | `pkgtwotables.read(path: str) -> Table` |
| **Key Parameters** | `path: str` - the table's file |
| **Inputs** | the dimension table, e.g. customers |
| **Outputs** | a table, usually small |

### Step 3: Table_Joining

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_join` |
| **API Call** | `pkgtwotables.join(left, right, path: str) -> None` |
| **Key Parameters** | `path: str` - where the joined table goes |
| **Inputs** | fact table (Step 1) and dimension table (Step 2) |
"""

TWOTABLES_WORKFLOW = """# Workflow: Demo_Join_Tables

== Overview ==
Two tables read, then joined.

== Execution Steps ==

=== Step 1: Read Fact Table ===
[[step::Principle:Demo_Table_Reading]]

Read the large table.

=== Step 2: Read Dimension Table ===
[[step::Principle:Demo_Table_Reading]]

Read the lookup table the same way.

=== Step 3: Join Tables ===
[[step::Principle:Demo_Table_Joining]]

Join them.
"""

TWOTABLES_PAGES = example_pages(
    {
        "implementations/Demo_read.md": "import pkgtwotables\n\norders = pkgtwotables.read('orders.txt')\n",
        "implementations/Demo_join.md": (
            "import pkgtwotables\n\norders = pkgtwotables.read('orders.txt')\n"
            "customers = pkgtwotables.read('customers.txt')\npkgtwotables.join(orders, customers, 'joined.txt')\n"
        ),
    }
)

PKGTWOTABLES = {
    "pkgtwotables/__init__.py": (
        "def read(path):\n    return path\n\n\n"
        "def join(left, right, path):\n    with open(path, 'w') as handle:\n        handle.write(f'{left}+{right}')\n"
    )
}


def test_two_steps_reading_with_one_example_hand_on_two_results(tmp_path):
    """Seen on a Dask wiki: steps 1 and 2 both cite `dd.read_parquet`, with one page whose example makes `orders`;
    step 2 made `orders` again, replacing step 1's, the join step read `customers = orders`, and the run merged the
    dimension table with itself. Step 2 also took step 1's title (the workflow page's step matched by principle).
    A result made afresh under an earlier step's name, by the same API, takes the name a later example makes by
    that API and no step has made yet; each step takes the workflow page's step of its number."""
    build_file_tree(tmp_path / "lib", {**PKGTWOTABLES})
    pages = {"_WorkflowIndex.md": TWOTABLES_INDEX, "workflows/Demo_Join_Tables.md": TWOTABLES_WORKFLOW}
    item = generated(tmp_path, {**pages, **TWOTABLES_PAGES})
    assert [s.step.title for s in item.plan.steps] == ["Read Fact Table", "Read Dimension Table", "Join Tables"]
    run_workflow(item, tmp_path / "lib", "--set", "1.path=facts", "--set", "2.path=dims", "--set", "3.path=out.txt")
    assert (item.output_dir / "out.txt").read_text(encoding="utf-8") == "facts+dims"
    run_generated_tests(item, tmp_path / "lib")


SNIPPET_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Hydrogens

**File:** [→](./workflows/Demo_Hydrogens.md)
**Description:** Read molecules, add hydrogens to each, write them.

### Step 1: Molecule_Reading

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_read_file` |
| **API Call** | `Chem.read_file(path: str) -> list` |
| **Key Parameters** | `path: str` - one molecule per line |
| **Outputs** | `mols`: list of molecules |

### Step 2: Hydrogen_Addition

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_add_h` |
| **API Call** | `Chem.add_h(mol: Mol) -> Mol` |
| **Inputs** | `mols` from Step 1 |
| **Outputs** | `mols_h`: molecules with explicit hydrogens |

### Step 3: Molecule_Writing

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_write` |
| **API Call** | `Chem.write(mols: list, path: str) -> None` |
| **Key Parameters** | `path: str` - the output file |
| **Inputs** | `mols_h` from Step 2 |
"""

SNIPPET_PAGES = example_pages(
    {
        "implementations/Demo_read_file.md": "from pkgsnippet import Chem\n\nmols = Chem.read_file('mols.txt')\n",
        "implementations/Demo_add_h.md": [
            "from pkgsnippet import Chem\n\nmol = Chem.from_text('CCO')\nmol_h = Chem.add_h(mol)\n",
            "mols_h = [Chem.add_h(m) for m in mols]\n",
        ],
        "implementations/Demo_write.md": "from pkgsnippet import Chem\n\nChem.write(mols_h, 'out.txt')\n",
    }
)

PKGSNIPPET = {
    "pkgsnippet/__init__.py": (
        "class Chem:\n"
        "    @staticmethod\n    def read_file(path):\n"
        "        with open(path) as handle:\n            return handle.read().split()\n\n"
        "    @staticmethod\n    def from_text(text):\n        return text\n\n"
        "    @staticmethod\n    def add_h(mol):\n        return mol + 'H'\n\n"
        "    @staticmethod\n    def write(mols, path):\n"
        "        with open(path, 'w') as handle:\n            handle.write(' '.join(mols))\n"
    )
}


def test_a_snippet_working_on_the_inputs_beats_a_whole_example_building_its_own_data(tmp_path):
    """Seen on an RDKit wiki: the page's first example builds a demo molecule (`mol = Chem.MolFromSmiles("CCO")`),
    the second, a snippet that does not import `Chem` again, works on the step's Inputs (`mols_h = [Chem.AddHs(m)
    for m in mols]`). The snippet's `Chem` counted as missing, the demo won, and the later steps embedded and wrote
    the demo molecule while the run reported success. A snippet borrowing the page's imports is the step's where it
    reads the step's Inputs and every whole example is a demo."""
    build_file_tree(tmp_path / "lib", PKGSNIPPET)
    item = generated(tmp_path, {"_WorkflowIndex.md": SNIPPET_INDEX, **SNIPPET_PAGES})
    step = (item.output_dir / "src" / item.plan.package_name / "steps" / "step_02_hydrogen_addition.py").read_text(
        encoding="utf-8"
    )
    assert "mols_h = [Chem.add_h(m) for m in mols]" in step
    (item.output_dir / "in.txt").write_text("A B\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib", "--set", "1.path=in.txt", "--set", "3.path=out.txt")
    assert (item.output_dir / "out.txt").read_text(encoding="utf-8") == "AH BH"
    run_generated_tests(item, tmp_path / "lib")


INPLACE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Conformers

**File:** [→](./workflows/Demo_Conformers.md)
**Description:** Read molecules, embed them, optimise each in place, write them.

### Step 1: Molecule_Reading

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_read_file` |
| **API Call** | `pkginplace.read_file(path: str) -> list` |
| **Key Parameters** | `path: str` - one molecule per line |
| **Outputs** | `mols`: list of molecules |

### Step 2: Embedding

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_embed` |
| **API Call** | `pkginplace.embed(mols: list) -> list` |
| **Inputs** | `mols` from Step 1 |
| **Outputs** | `embedded`: the molecules with coordinates |

### Step 3: Optimisation

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_optimize` |
| **API Call** | `pkginplace.optimize(mol: Mol) -> int` |
| **Inputs** | embedded molecules from Step 2 |
| **Outputs** | 0 when converged; the molecule is changed in place |

### Step 4: Molecule_Writing

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Writer` |
| **API Call** | `pkginplace.Writer(path: str)` |
| **Key Parameters** | `path: str` - the output file |
| **Inputs** | optimised molecules from Step 3 |
"""

INPLACE_PAGES = example_pages(
    {
        "implementations/Demo_read_file.md": "import pkginplace\n\nmols = pkginplace.read_file('mols.txt')\n",
        "implementations/Demo_embed.md": "import pkginplace\n\nembedded = pkginplace.embed(mols)\n",
        "implementations/Demo_optimize.md": "import pkginplace\n\nfor mol in embedded:\n    pkginplace.optimize(mol)\n",
        "implementations/Demo_Writer.md": (
            "import pkginplace\n\nwriter = pkginplace.Writer('out.txt')\nfor mol in mols:\n    writer.write(mol)\n"
            "writer.close()\n"
        ),
    }
)

PKGINPLACE = {
    "pkginplace/__init__.py": (
        "class Mol:\n    def __init__(self, text):\n        self.text = text\n\n\n"
        "def read_file(path):\n    with open(path) as handle:\n        return [Mol(t) for t in handle.read().split()]\n\n\n"
        "def embed(mols):\n    return [Mol(m.text + '3D') for m in mols]\n\n\n"
        "def optimize(mol):\n    mol.text += '*'\n    return 0\n\n\n"
        "class Writer:\n    def __init__(self, path):\n        self.path, self.parts = path, []\n\n"
        "    def write(self, mol):\n        self.parts.append(mol.text)\n\n"
        "    def close(self):\n        with open(self.path, 'w') as handle:\n"
        "            handle.write(' '.join(self.parts))\n"
    )
}


def test_a_step_citing_a_step_that_changed_each_item_in_place_takes_those_items(tmp_path):
    """Seen on an RDKit wiki: step 4 optimised each embedded molecule in place (`for mol in embedded:
    AllChem.MMFFOptimizeMolecule(mol)`), step 5's example wrote `mols` (step 1's name), its Inputs "optimised
    molecules from Step 4"; the workflow wrote the 2D molecules read in step 1 and reported success. What a step's
    call changes in place, one by one or as a whole, is that step's result for a later step citing it, also where
    the later step only goes through it (`for mol in mols: writer.write(mol)`)."""
    build_file_tree(tmp_path / "lib", PKGINPLACE)
    item = generated(tmp_path, {"_WorkflowIndex.md": INPLACE_INDEX, **INPLACE_PAGES})
    (item.output_dir / "in.txt").write_text("A B\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib", "--set", "1.path=in.txt", "--set", "4.path=out.txt")
    assert (item.output_dir / "out.txt").read_text(encoding="utf-8") == "A3D* B3D*"
    run_generated_tests(item, tmp_path / "lib")


CITEDNAME_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Merge

**File:** [→](./workflows/Demo_Merge.md)
**Description:** Open the data, open a mask, merge them.

### Step 1: Data_Opening

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_open_many` |
| **API Call** | `pkgcitedname.open_many(paths: str) -> Dataset` |
| **Key Parameters** | `paths: str` - the data files |
| **Outputs** | `ds`: one dataset |

### Step 2: Mask_Opening

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_open_one` |
| **API Call** | `pkgcitedname.open_one(path: str) -> Dataset` |
| **Key Parameters** | `path: str` - the mask file |

### Step 3: Merging

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_merge` |
| **API Call** | `pkgcitedname.merge(objects: list, path: str) -> None` |
| **Key Parameters** | `path: str` - where the merged data goes |
| **Inputs** | `ds` from Step 1 and `mask` from Step 2 |
"""

CITEDNAME_PAGES = example_pages(
    {
        "implementations/Demo_open_many.md": "import pkgcitedname\n\nds = pkgcitedname.open_many('data.txt')\n",
        "implementations/Demo_open_one.md": "import pkgcitedname\n\nds = pkgcitedname.open_one('air.txt')\n",
        "implementations/Demo_merge.md": "import pkgcitedname\n\npkgcitedname.merge([ds, mask], 'merged.txt')\n",
    }
)

PKGCITEDNAME = {
    "pkgcitedname/__init__.py": (
        "def open_many(paths):\n    return 'many:' + paths\n\n\n"
        "def open_one(path):\n    return 'one:' + path\n\n\n"
        "def merge(objects, path):\n    with open(path, 'w') as handle:\n        handle.write('+'.join(objects))\n"
    )
}


def test_a_step_makes_the_name_a_later_steps_inputs_cite_from_it(tmp_path):
    """Seen on an xarray wiki: step 2 opened a land-sea mask with the page example `ds = xr.open_dataset(...)`,
    replacing step 1's `ds`; step 3, whose Inputs say "`ds` from Step 1 and `mask` from Step 2", read `mask = ds`
    and merged the mask with itself, and the run wrote a file without the data. A result made afresh under an
    earlier step's name takes the one name later steps' Inputs cite from this step."""
    build_file_tree(tmp_path / "lib", PKGCITEDNAME)
    item = generated(tmp_path, {"_WorkflowIndex.md": CITEDNAME_INDEX, **CITEDNAME_PAGES})
    run_workflow(item, tmp_path / "lib", "--set", "1.paths=d", "--set", "2.path=m", "--set", "3.path=out.txt")
    assert (item.output_dir / "out.txt").read_text(encoding="utf-8") == "many:d+one:m"
    run_generated_tests(item, tmp_path / "lib")


PAIRS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Pairs

**File:** [→](./workflows/Demo_Pairs.md)
**Description:** Align every query against every reference and write a report.

### Step 1: Query_Loading

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_read` |
| **API Call** | `pkgpairs.read(path: str) -> list` |
| **Key Parameters** | `path: str` - the queries |
| **Outputs** | `queries`: list of sequences |

### Step 2: Reference_Indexing

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_index` |
| **API Call** | `pkgpairs.index(path: str) -> dict` |
| **Key Parameters** | `path: str` - the references, an id and a sequence per line |
| **Outputs** | `references`: dict id -> sequence |

### Step 3: Aligner_Setup

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Aligner` |
| **API Call** | `pkgpairs.Aligner()` |
| **Outputs** | `aligner` |

### Step 4: Pairwise_Alignment

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_align` |
| **API Call** | `Aligner.align(seqA, seqB) -> list` |
| **Inputs** | `aligner`, `queries`, `references` |
| **Outputs** | `best_alignments`: dict (query, reference id) -> best alignment |

### Step 5: Identity_Reporting

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_counts` |
| **API Call** | `Alignment.counts() -> int` |
| **Inputs** | `best_alignments` from Step 4 |
| **Outputs** | a TSV report |
"""

PAIRS_PAGES = example_pages(
    {
        "implementations/Demo_read.md": "import pkgpairs\n\nqueries = pkgpairs.read('queries.txt')\n",
        "implementations/Demo_index.md": "import pkgpairs\n\nreferences = pkgpairs.index('references.txt')\n",
        "implementations/Demo_Aligner.md": "import pkgpairs\n\naligner = pkgpairs.Aligner()\n",
        "implementations/Demo_align.md": [
            "alignments = aligner.align('GAACT', 'GAT')\nbest = alignments[0]\n",
            "best_alignments = {}\nfor query in queries:\n    for ref_id, ref in references.items():\n"
            "        alignments = aligner.align(ref, query)\n        best_alignments[query, ref_id] = alignments[0]\n",
        ],
        "implementations/Demo_counts.md": [
            "counts = best.counts()\n",
            "import csv\n\nwith open('report.tsv', 'w', newline='') as fh:\n    writer = csv.writer(fh, delimiter='\\t')\n"
            "    for (query, ref_id), aln in best_alignments.items():\n"
            "        writer.writerow([query, ref_id, aln.counts()])\n",
        ],
    }
)

PKGPAIRS = {
    "pkgpairs/__init__.py": (
        "class Alignment:\n    def __init__(self, score):\n        self.score = score\n\n"
        "    def counts(self):\n        return self.score\n\n\n"
        "class Aligner:\n    def align(self, seqA, seqB):\n"
        "        return [Alignment(sum(a == b for a, b in zip(seqA, seqB)))]\n\n\n"
        "def read(path):\n    with open(path) as handle:\n        return handle.read().split()\n\n\n"
        "def index(path):\n    with open(path) as handle:\n"
        "        return dict(line.split() for line in handle if line.strip())\n"
    )
}


def test_a_loop_over_the_cited_inputs_beats_a_toy_example_and_a_report_is_written_in_its_file(tmp_path):
    """Seen on a Biopython wiki: the alignment step took the page's toy example (`aligner.align("GAACT", "GAT")`)
    over the one looping over the cited `queries` and `references` into `best_alignments = {}`: the empty dict
    counted as the example's own demo data, and the toy's `best` was what the report step's first example read.
    That report step's other example writes its rows inside `with open(...) as fh: writer = csv.writer(fh)`; cut
    to the loop, it lacked `writer` and lost. A container the loop fills is no demo data; a with statement whose
    body calls the API on what it makes of the opened file is kept whole; the closed writer is not handed on."""
    build_file_tree(tmp_path / "lib", PKGPAIRS)
    item = generated(tmp_path, {"_WorkflowIndex.md": PAIRS_INDEX, **PAIRS_PAGES})
    (item.output_dir / "q.txt").write_text("AC AG\n", encoding="utf-8")
    (item.output_dir / "r.txt").write_text("r1 AC\nr2 GG\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib", "--set", "1.path=q.txt", "--set", "2.path=r.txt")
    report = (item.output_dir / "report.tsv").read_text(encoding="utf-8").split()
    assert report == ["AC", "r1", "2", "AC", "r2", "0", "AG", "r1", "1", "AG", "r2", "1"]
    step = item.output_dir / "src" / item.plan.package_name / "steps" / "step_05_identity_reporting.py"
    assert '"writer"' not in step.read_text(encoding="utf-8")  # neither produced nor returned
    run_generated_tests(item, tmp_path / "lib")


REREAD_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Filters

**File:** [→](./workflows/Demo_Filters.md)
**Description:** Read sequences, keep the long ones, keep the GC-rich ones, write them.

### Step 1: Sequence_Reading

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_parse` |
| **API Call** | `pkgreread.parse(path: str) -> Iterator[str]` |
| **Key Parameters** | `path: str` - the sequences |
| **Outputs** | `records`: list of sequences |

### Step 2: Length_Filtering

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_longer` |
| **API Call** | `pkgreread.longer(records: list, minimum: int) -> list` |
| **Inputs** | `records` from Step 1 |
| **Outputs** | `long_records` |

### Step 3: GC_Filtering

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_gc` |
| **API Call** | `pkgreread.gc(seq: str) -> float` |
| **Inputs** | Length-filtered records |
| **Outputs** | `gc_records`: records with a GC fraction of at least one half |

### Step 4: Writing

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_write` |
| **API Call** | `pkgreread.write(records: list, path: str) -> None` |
| **Key Parameters** | `path: str` - the output file |
| **Inputs** | `gc_records` from Step 3 |
"""

REREAD_PAGES = example_pages(
    {
        "implementations/Demo_parse.md": "import pkgreread\n\nrecords = list(pkgreread.parse('orfs.txt'))\n",
        "implementations/Demo_longer.md": "import pkgreread\n\nlong_records = pkgreread.longer(records, 3)\n",
        "implementations/Demo_gc.md": (
            "import pkgreread\n\n"
            "gc_records = [rec for rec in pkgreread.parse('long_orfs.txt') if pkgreread.gc(rec) >= 0.5]\n"
        ),
        "implementations/Demo_write.md": "import pkgreread\n\npkgreread.write(gc_records, 'out.txt')\n",
    }
)

PKGREREAD = {
    "pkgreread/__init__.py": (
        "def parse(path):\n    with open(path) as handle:\n        yield from handle.read().split()\n\n\n"
        "def longer(records, minimum):\n    return [r for r in records if len(r) >= minimum]\n\n\n"
        "def gc(seq):\n    return sum(c in 'GC' for c in seq) / len(seq)\n\n\n"
        "def write(records, path):\n    with open(path, 'w') as handle:\n        handle.write(' '.join(records))\n"
    )
}


def test_an_example_reading_again_from_a_file_what_earlier_steps_made_takes_their_result(tmp_path):
    """Seen on a Biopython wiki: the GC filter's example reads `SeqIO.parse("long_orfs.fasta", "fasta")`, a file
    of what step 2 filtered in memory (`long_records`); the step asked for a `filename` key, and pointed at the
    input file the run skipped the length filter without a word. A step reading no earlier result, whose example
    reads again from a data file by an earlier step's call, takes the latest result made of that step's (or the
    one its Inputs cite); step 2 no longer hands on `records` it took from step 1 as its own."""
    build_file_tree(tmp_path / "lib", PKGREREAD)
    item = generated(tmp_path, {"_WorkflowIndex.md": REREAD_INDEX, **REREAD_PAGES})
    (item.output_dir / "in.txt").write_text("GGC AT GCAT AAAA GGGG\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib", "--set", "1.path=in.txt", "--set", "4.path=out.txt")
    assert (item.output_dir / "out.txt").read_text(encoding="utf-8") == "GGC GCAT GGGG"
    run_generated_tests(item, tmp_path / "lib")


SETTINGS = """
# Workflow Index: Demo

## Workflow: Demo_Attribute_Settings

**Description:** A grid read, its columns formatted and sized, the grid saved.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkggrid.load_grid(filename)` |
| **External Dependencies** | `pkggrid` |
| **Key Parameters** | `filename: str = "grid.txt"` - one row per line |
| **Outputs** | `grid` |

### Step 2: Formats

| Attribute | Value |
|-----------|-------|
| **API Call** | `cell.fmt = "0.00"` |
| **Implementation** | `Demo_Cell_Format` |
| **Key Parameters** | `fmt: str` - format code (e.g. "0.00", "0%"), `columns: list[str]` - the columns to format |
| **Inputs** | Grid with numeric columns |
| **Outputs** | Grid with formats on its numeric columns |

### Step 3: Widths

| Attribute | Value |
|-----------|-------|
| **API Call** | `grid.widths[name].width = width` (`ColumnWidth(grid, name, width=10)`) |
| **Implementation** | `Demo_Column_Width` |
| **Key Parameters** | `width: float` - column width (default 10) |
| **Inputs** | Formatted grid |
| **Outputs** | Grid with widths fitted |

### Step 4: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkggrid.save_grid(grid, path)` |
| **External Dependencies** | `pkggrid` |
| **Key Parameters** | `path: str = "out.txt"` - where the grid goes |
| **Inputs** | `grid` |
"""

PKGGRID = """
class Cell:
    def __init__(self, value):
        self.value, self.fmt = value, "General"


class ColumnWidth:
    def __init__(self, grid, name, width=10):
        self.grid, self.name, self.width = grid, name, width


class Grid:
    def __init__(self, header, rows):
        self.header = header
        self.rows = [[Cell(v) for v in row] for row in rows]
        self.widths = {name: ColumnWidth(self, name) for name in header}

    def column(self, name):
        at = self.header.index(name)
        return [row[at] for row in self.rows]


def load_grid(filename):
    with open(filename) as handle:
        lines = [line.split() for line in handle if line.strip()]
    return Grid(lines[0], lines[1:])


def save_grid(grid, path):
    with open(path, "w") as handle:
        for name in grid.header:
            fmts = sorted({cell.fmt for cell in grid.column(name)})
            handle.write(f"{name} {grid.widths[name].width} {','.join(fmts)}\\n")
"""


def test_an_api_that_sets_an_attribute_is_the_examples_setting(tmp_path):
    """openpyxl: `cell.number_format = "#,##0.00"` and `ws.column_dimensions[letter].width = width` as API cells
    (the second glossed with its class's signature in brackets). The first became a manual step that did nothing, the
    second a call of the class's constructor on a worksheet from config. Each is now the example's loop setting the
    attribute on the earlier grid, the documented format and column list as keys."""
    build_file_tree(tmp_path / "lib", {"pkggrid/__init__.py": PKGGRID})
    formats = 'for name in ["b", "c"]:\n    for cell in grid.column(name):\n        cell.fmt = "0.00"\n'
    widths = (
        "for name in grid.header:\n"
        "    longest = max(len(str(cell.value)) for cell in grid.column(name))\n"
        "    grid.widths[name].width = longest + 2\n"
    )
    pages = {"implementations/Demo_Cell_Format.md": formats, "implementations/Demo_Column_Width.md": widths}
    item = generated(tmp_path, {"_WorkflowIndex.md": SETTINGS, **example_pages(pages)})
    formatting, sizing = item.plan.steps[1].binding, item.plan.steps[2].binding
    assert "for name in columns:" in formatting.body and "cell.fmt = fmt" in formatting.body, formatting.body
    assert "grid.widths[name].width = longest + 2" in sizing.body and "ColumnWidth" not in sizing.body, sizing.body
    config = (item.output_dir / "config.toml").read_text(encoding="utf-8")
    assert 'columns = ["b", "c"]' in config and 'fmt = "0.00"' in config, config
    (item.output_dir / "grid.txt").write_text("a b c\nx 1.5 20\nlonger 2 3\n", encoding="utf-8")
    run_workflow(item, tmp_path / "lib")
    saved = (item.output_dir / "out.txt").read_text(encoding="utf-8").splitlines()
    assert saved == ["a 8 General", "b 5 0.00", "c 4 0.00"], saved
    run_generated_tests(item, tmp_path / "lib")


GIVEN = """
# Workflow Index: Demo

## Workflow: Demo_Given_Data

**Description:** Shapes read from a JSON file, repaired, totalled and saved with their properties.

### Step 1: Parse

| Attribute | Value |
|-----------|-------|
| **API Call** | `shape(context)` |
| **External Dependencies** | `pkgshapes` |
| **Implementation** | `Demo_Shape` |
| **Inputs** | JSON file of features |
| **Outputs** | `geoms`: list of shapes |

### Step 2: Repair

| Attribute | Value |
|-----------|-------|
| **API Call** | `repair(geometry, method="linework")` |
| **External Dependencies** | `pkgshapes` |
| **Implementation** | `Demo_Repair` |
| **Key Parameters** | `method: str` - "linework" or "abs" |

### Step 3: Total

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgshapes.total(geometries)` |
| **External Dependencies** | `pkgshapes` |
| **Implementation** | `Demo_Total` |
| **Outputs** | `total` |

### Step 4: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgshapes.save(items, props, total, path)` |
| **External Dependencies** | `pkgshapes` |
| **Implementation** | `Demo_Save` |
| **Key Parameters** | `path: str = "out.txt"` - where the lines go |
| **Inputs** | `geoms`, `props` from step 1, `total` from step 3 |
"""

PKGSHAPES = """
class Shape:
    def __init__(self, coords):
        self.coords = list(coords)


def shape(context):
    return Shape(context["coords"])


def is_valid(geometry):
    return all(c >= 0 for c in geometry.coords)


def repair(geometry, method="linework"):
    return Shape([abs(c) for c in geometry.coords]) if method == "abs" else Shape([])


def total(geometries):
    return sum(sum(g.coords) for g in geometries)


def save(items, props, total, path):
    with open(path, "w") as handle:
        for item, prop in zip(items, props):
            handle.write(prop["name"] + " " + ",".join(map(str, item.coords)) + "\\n")
        handle.write(f"total {total}\\n")
"""


def test_the_examples_work_on_the_readers_data_is_taken_whole(tmp_path):
    """shapely: a file read in a with (`with open(...) as f: fc = json.load(f)`) was cut, so the parsed collection was
    asked for through TOML; the properties read beside the geometries (after the call) were asked for again by the
    export; make_valid's demo on a literal bowtie was the step, not the page's `geoms = [g if is_valid(g) else
    make_valid(g) for g in geoms]` on the earlier result; and `print(shapely.simplify(line, ...))` dropped the
    simplified result (the API declares no return). Each is now taken from the example."""
    build_file_tree(tmp_path / "lib", {"pkgshapes/__init__.py": PKGSHAPES})
    parse = (
        "import json\nfrom pkgshapes import shape\n\n"
        'with open("parcels.json") as f:\n    fc = json.load(f)\n\n'
        'geoms = [shape(feat["geometry"]) for feat in fc["features"]]\n'
        'props = [feat.get("properties", {}) for feat in fc["features"]]\n'
        "print(geoms[0])\n"
    )
    repair = (
        "from pkgshapes import Shape, is_valid, repair\n\n"
        "bowtie = Shape([1, -2])\nfixed = repair(bowtie)\n\n"
        "# only repair what needs it\n"
        'geoms = [g if is_valid(g) else repair(g, method="abs") for g in geoms]\n'
    )
    total = "import pkgshapes\n\nprint(pkgshapes.total(geoms))\n"
    save = 'import pkgshapes\n\npkgshapes.save(geoms, props, total, "out.txt")\n'
    pages = {
        "implementations/Demo_Shape.md": parse,
        "implementations/Demo_Repair.md": repair,
        "implementations/Demo_Total.md": total,
        "implementations/Demo_Save.md": save,
    }
    item = generated(tmp_path, {"_WorkflowIndex.md": GIVEN, **example_pages(pages)})
    steps = [s.binding for s in item.plan.steps]
    assert "fc = json.load(f)" in steps[0].body and "props = [" in steps[0].body, steps[0].body
    assert "for g in geoms" in steps[1].body and "bowtie" not in steps[1].body, steps[1].body
    assert "total = pkgshapes.total(geoms)" in steps[2].body, steps[2].body
    assert "# REQUIRED:" not in (item.output_dir / "config.toml").read_text(encoding="utf-8")
    features = [{"geometry": {"coords": [1, 2]}, "properties": {"name": "a"}}]
    features.append({"geometry": {"coords": [-3, 4]}, "properties": {"name": "b"}})
    (item.output_dir / "parcels.json").write_text(json.dumps({"features": features}), encoding="utf-8")
    run_workflow(item, tmp_path / "lib")
    saved = (item.output_dir / "out.txt").read_text(encoding="utf-8").splitlines()
    assert saved == ["a 1,2", "b 3,4", "total 10"], saved
    run_generated_tests(item, tmp_path / "lib")


SELF_UPDATE = """
# Workflow Index: Demo

## Workflow: Demo_Self_Update

**Description:** A table loaded, indexed by a column, summed per group.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgindexed.load(path)` |
| **External Dependencies** | `pkgindexed` |
| **Key Parameters** | `path: str = "rows.txt"` - one `key value` pair per line |
| **Outputs** | `df` |

### Step 2: Index

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.set_index(keys) -> Frame` |
| **External Dependencies** | `pkgindexed` |
| **Implementation** | `Demo_Set_Index` |
| **Inputs** | `df` from Step 1 |
| **Outputs** | `df` indexed by its key |

### Step 3: Sum

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.total(numeric_only=False)` |
| **External Dependencies** | `pkgindexed` |
| **Implementation** | `Demo_Total_Frame` |
| **Key Parameters** | `numeric_only: bool` - True |
| **Inputs** | `df` from Step 2 |
| **Outputs** | `totals` |
"""

PKGINDEXED = """
class Frame:
    def __init__(self, rows, index=None):
        self.rows, self.index = rows, index

    def set_index(self, keys):
        return Frame(self.rows, keys)

    def sort_index(self):
        return Frame(sorted(self.rows), self.index)

    def head(self):
        return self.rows[:5]

    def total(self, numeric_only=False, on=None):
        key = self.index or on
        if key is None:
            raise KeyError("no index to group by")
        found = {}
        for name, value in self.rows:
            if numeric_only and not value.isdigit():
                continue
            found[name] = found.get(name, 0) + int(value)
        return found


def load(path):
    with open(path) as handle:
        return Frame([tuple(line.split()) for line in handle if line.strip()])
"""


def test_an_earlier_result_updated_in_place_and_a_shown_value_do_not_steer_the_choice(tmp_path):
    """pandas: `df = df.set_index("order_date").sort_index()` counted as the example making its own `df` (a method on
    what a call returns), so the bare `df.set_index([...])` of another example was the step: its result kept under a
    name of its own and the input handed on unchanged. And `weekly = df.resample("W").sum(numeric_only=True)`
    followed by `weekly.head()` lost to a shorter example that set no documented key; the display is no work."""
    build_file_tree(tmp_path / "lib", {"pkgindexed/__init__.py": PKGINDEXED})
    index = ['df = df.set_index("key").sort_index()\ndf.index\n', 'df.set_index(["key", "value"])\n']
    total = ["totals = df.total(numeric_only=True)\ntotals.head()\n", 'totals = df.total(on="key")\n']
    pages = {"implementations/Demo_Set_Index.md": index, "implementations/Demo_Total_Frame.md": total}
    item = generated(tmp_path, {"_WorkflowIndex.md": SELF_UPDATE, **example_pages(pages)})
    indexing, summing = item.plan.steps[1].binding, item.plan.steps[2].binding
    assert "df = df.set_index(keys).sort_index()" in indexing.body, indexing.body
    assert "numeric_only=numeric_only" in summing.body and "head()" not in summing.body, summing.body
    (item.output_dir / "rows.txt").write_text("b 2\na 1\nb x\na 4\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib")
    assert "totals.a = 5" in proc.stderr and "totals.b = 2" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


MFORM_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Method_Form

**Description:** Read two layers and join them by location.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmform.read(name: str) -> Frame` |
| **Implementation** | `Demo_read` |
| **Outputs** | `districts`, `stations` |

### Step 2: Join

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmform.sjoin(left_df, right_df, how="inner", predicate="intersects") -> Frame` |
| **Implementation** | `Demo_sjoin` |
| **Key Parameters** | `left_df: Frame` - layer kept, `right_df: Frame` - layer whose attributes are attached, `how: str` - join type, `predicate: str` - the test |
| **Inputs** | `districts` and `stations` from Step 1 |
| **Outputs** | `joined` |
"""

MFORM_PAGES = example_pages(
    {
        "implementations/Demo_read.md": (
            'import pkgmform\n\ndistricts = pkgmform.read("districts")\nstations = pkgmform.read("stations")\n'
        ),
        "implementations/Demo_sjoin.md": 'joined = districts.sjoin(stations, how="left")\n',
    }
)

PKGMFORM = """
class Frame:
    def __init__(self, name):
        self.name = name

    def sjoin(self, df, how="inner", predicate="intersects"):
        return sjoin(self, df, how=how, predicate=predicate)


def read(name):
    return Frame(name)


def sjoin(left_df, right_df, how="inner", predicate="intersects"):
    print(f"sjoin {left_df.name} {right_df.name} {how} {predicate}")
    return Frame(left_df.name + "+" + right_df.name)
"""


def test_a_module_function_called_as_a_method_takes_its_receiver_as_the_first_parameter(tmp_path):
    """geopandas: `geopandas.sjoin(left_df, right_df, how, predicate)` cited, the example written
    `districts.sjoin(stations_gdf)`: the object the method is called on is `left_df`, so `stations_gdf` is
    `right_df`. The step was passed `right_df=right_df` besides (a REQUIRED key asking for a GeoDataFrame, and
    "got multiple values" once set)."""
    build_file_tree(tmp_path / "lib", {"pkgmform/__init__.py": PKGMFORM})
    item = generated(tmp_path, {"_WorkflowIndex.md": MFORM_INDEX, **MFORM_PAGES})
    body = item.plan.steps[1].binding.body
    assert "right_df" not in body and "left_df" not in body, body
    config = (item.output_dir / "config.toml").read_text(encoding="utf-8")
    assert "# REQUIRED" not in config, config
    proc = run_workflow(item, tmp_path / "lib")
    assert "sjoin districts stations left intersects" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


UNREAD_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Unread_Parts

**Description:** Read a table of subjects and fit a model on it.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgunread.read_table(path: str)` |
| **Implementation** | `Demo_read_table` |
| **Key Parameters** | `path: str` - the table |
| **Inputs** | A table with a duration column `week` and an event column `arrest` |
| **Outputs** | `rossi`: the table |

### Step 2: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgunread.fit(table, duration_col: str, event_col: str)` |
| **Implementation** | `Demo_fit` |
| **Inputs** | `rossi` from Step 1 |
| **Outputs** | `model` |
"""

UNREAD_PAGES = example_pages(
    {
        "implementations/Demo_read_table.md": (
            'import pkgunread\n\ndf = pkgunread.read_table("waltons.txt")\nT = df["T"]\nE = df["E"]\n'
        ),
        "implementations/Demo_fit.md": 'model = pkgunread.fit(rossi, duration_col="week", event_col="arrest")\n',
    }
)

PKGUNREAD = """
def read_table(path):
    with open(path) as handle:
        header, *rows = [line.split() for line in handle if line.strip()]
    return {name: [row[n] for row in rows] for n, name in enumerate(header)}


def fit(table, duration_col, event_col):
    print(f"fit on {len(table[duration_col])} subjects, {table[event_col].count('1')} events")
    return table
"""


def test_a_part_of_the_result_nothing_reads_is_not_taken(tmp_path):
    """lifelines: the shared read_csv page's example goes on `T = df["T"]; E = df["E"]` (the Kaplan-Meier
    workflow's columns); the Cox workflow's data has `week` and `arrest`, and its step 1 failed on KeyError: 'T'
    for two parts no step, Output or later statement read. A part taken under a name nothing reads is left out."""
    build_file_tree(tmp_path / "lib", {"pkgunread/__init__.py": PKGUNREAD})
    item = generated(tmp_path, {"_WorkflowIndex.md": UNREAD_INDEX, **UNREAD_PAGES})
    body = item.plan.steps[0].binding.body
    assert '"T"' not in body and '"E"' not in body, body
    (item.output_dir / "subjects.txt").write_text("week arrest fin\n20 1 0\n52 0 1\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=subjects.txt")
    assert "fit on 2 subjects, 1 events" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


CONVARG_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Converted_Argument

**Description:** Augment an image, convert it, write it.

### Step 1: Augment

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgconvarg.augment(name: str) -> dict` |
| **Implementation** | `Demo_augment` |
| **Outputs** | `augmented`: dict with `image` and `mask` |

### Step 2: Convert

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgconvarg.to_uint8(image)` |
| **Implementation** | `Demo_to_uint8` |
| **Inputs** | `augmented` from Step 1 |
| **Outputs** | `image_uint8` |

### Step 3: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgconvarg.imwrite(filename: str, img) -> bool` |
| **Implementation** | `Demo_imwrite` |
| **Inputs** | uint8 image from Step 2 and mask from Step 1, output directory |
| **Outputs** | image files in the output directory |
"""

CONVARG_PAGES = example_pages(
    {
        "implementations/Demo_augment.md": 'import pkgconvarg\n\naugmented = pkgconvarg.augment("cat")\n',
        "implementations/Demo_to_uint8.md": 'image_uint8 = pkgconvarg.to_uint8(augmented["image"])\n',
        "implementations/Demo_imwrite.md": (
            "import os\n\nimport pkgconvarg\n\n"
            "pkgconvarg.imwrite(os.path.join(output_dir, name), pkgconvarg.to_bgr(image_uint8))\n"
        ),
    }
)

PKGCONVARG = """
def augment(name):
    return {"image": name.upper(), "mask": name.lower()}


def to_uint8(image):
    return f"u8({image})"


def to_bgr(image):
    return f"bgr({image})"


def imwrite(filename, img):
    if not isinstance(img, str):
        raise TypeError(f"img must be an image, not {type(img).__name__}")
    print(f"write {img} to {filename}")
    return True
"""


def test_an_argument_made_of_a_cited_result_is_not_taken_for_sample_data(tmp_path):
    """albumentations: step 6 writes `cv2.imwrite(os.path.join(output_dir, name), cv2.cvtColor(image_uint8, ...))`
    and its Inputs cite "uint8 image from Step 5 and mask from Step 4". Step 4's dict, the one cited result left
    unread, replaced the converted image: `cv2.imwrite(path, augmented)`. An argument made of a cited step's result
    is that result's use, not sample data (nor is a path joined from names)."""
    build_file_tree(tmp_path / "lib", {"pkgconvarg/__init__.py": PKGCONVARG})
    item = generated(tmp_path, {"_WorkflowIndex.md": CONVARG_INDEX, **CONVARG_PAGES})
    body = item.plan.steps[2].binding.body
    assert "pkgconvarg.to_bgr(image_uint8)" in body and "os.path.join(output_dir, name)" in body, body
    proc = run_workflow(item, tmp_path / "lib", "--set", "3.output_dir=out", "--set", "3.name=cat.png")
    assert "write bgr(u8(CAT)) to out/cat.png" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


SHADOW_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Builtin_Named_Module

**Description:** Read a table and write it again.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `ascii.read(table: str, format: str = None)` |
| **Implementation** | `Demo_ascii_read` |
| **Outputs** | `rows` |

### Step 2: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `ascii.write(rows, output: str)` |
| **Implementation** | `Demo_ascii_write` |
| **Key Parameters** | `output: str` - where to write |
| **Inputs** | `rows` from Step 1 |
| **Outputs** | the written file |
"""

SHADOW_IMPORT = (
    '== Import ==\n<syntaxhighlight lang="python">\nfrom pkgshadowio.io import ascii\n</syntaxhighlight>\n\n'
)

SHADOW_PAGES = {
    "implementations/Demo_ascii_read.md": SHADOW_IMPORT
    + example_pages({"x": 'from pkgshadowio.io import ascii\n\nrows = ascii.read("measurements.csv", format="csv")\n'})[
        "x"
    ],
    "implementations/Demo_ascii_write.md": SHADOW_IMPORT,
}


def test_a_module_named_like_a_builtin_is_imported(tmp_path):
    """astropy: `from astropy.io import ascii` on the page and in the example, `table = ascii.read(...)` in the
    step: `ascii` is a builtin's name, which the binder never counted as read, so the import was dropped and the
    step called the builtin (AttributeError: 'builtin_function_or_method' object has no attribute 'read'). With no
    example, the page's import was never looked for. A builtin's name an import of the step's page rebinds is
    imported."""
    build_file_tree(
        tmp_path / "lib",
        {
            "pkgshadowio/__init__.py": "",
            "pkgshadowio/io/__init__.py": "",
            "pkgshadowio/io/ascii.py": (
                "def read(table, format=None):\n"
                "    with open(table) as handle:\n"
                "        return [line.split(',') for line in handle.read().split()]\n\n\n"
                "def write(rows, output):\n"
                "    print(f'wrote {len(rows)} rows to {output}')\n"
            ),
        },
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": SHADOW_INDEX, **SHADOW_PAGES})
    for step in item.plan.steps:
        assert "from pkgshadowio.io import ascii" in step.binding.body, step.binding.body
    (item.output_dir / "measurements.csv").write_text("a,1\nb,2\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.output=out.csv")
    assert "wrote 2 rows to out.csv" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


RWPROP_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Property_Method

**Description:** Make a table, write it.

### Step 1: Table

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrwprop.Table(size: int) -> Table` |
| **External Dependencies** | `pkgrwprop` |
| **Key Parameters** | `size: int = 3` - rows |
| **Outputs** | `table` |

### Step 2: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `Table.write(path: str, overwrite: bool = False)` |
| **Implementation** | `Demo_Write` |
| **External Dependencies** | `pkgrwprop` |
| **Inputs** | `table` from Step 1 |
| **Outputs** | the written file |
"""

PKGRWPROP = """
class UnifiedWrite(property):
    def __init__(self):
        super().__init__(self._writer)

    @staticmethod
    def _writer(instance):
        def write(path, overwrite=False):
            print(f"wrote {instance.size} rows to {path} (overwrite={overwrite})")

        return write


class Table:
    write = UnifiedWrite()

    def __init__(self, size):
        self.size = size
"""


def test_check_does_not_call_a_property_that_gives_a_method_not_callable(tmp_path):
    """astropy: `Table.write` is a `UnifiedReadWriteMethod`, a property subclass whose value is a method;
    `qtable.write("m.fits", overwrite=True)` ran, but `check` reported "not callable: ... write is a property: read
    it without ()" and exited 1, failing the generated CI's check job. Only a plain property is said not callable;
    what a property subclass gives is known at run time."""
    build_file_tree(tmp_path / "lib", {"pkgrwprop/__init__.py": PKGRWPROP})
    pages = {"implementations/Demo_Write.md": 'table.write("out.txt", overwrite=True)\n'}
    item = generated(tmp_path, {"_WorkflowIndex.md": RWPROP_INDEX, **example_pages(pages)})
    proc = run_workflow(item, tmp_path / "lib")
    assert "wrote 3 rows to out.txt (overwrite=True)" in proc.stdout, proc.stdout
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "check", "--json"]
    proc = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    report = json.loads(proc.stdout)
    assert proc.returncode == 0, report
    assert [s["status"] for s in report["steps"]][0] == "verified", report
    assert "not callable" not in proc.stdout, report
    run_generated_tests(item, tmp_path / "lib")


NEWER_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Newer_Version

**Description:** Load a mesh, subdivide it, simplify it, sample it.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgnewer.load(faces: int) -> Mesh` |
| **Implementation** | `Demo_load_mesh` |
| **Outputs** | `mesh` (Mesh) |

### Step 2: Subdivide

| Attribute | Value |
|-----------|-------|
| **API Call** | `Mesh.subdivide() -> Mesh` |
| **Implementation** | `Demo_subdivide` |
| **Inputs** | `mesh` from Step 1 |
| **Outputs** | New `Mesh` with 4x faces |

### Step 3: Simplify

| Attribute | Value |
|-----------|-------|
| **API Call** | `Mesh.simplify(face_count: int) -> Mesh` |
| **Implementation** | `Demo_simplify` |
| **Inputs** | Subdivided mesh from Step 2 |
| **Outputs** | Decimated `Mesh` |

### Step 4: Sample

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgnewer.sample(mesh: Mesh, count: int) -> list` |
| **Implementation** | `Demo_sample` |
| **Inputs** | Simplified mesh from Step 3 |
| **Outputs** | `samples` |
"""

NEWER_PAGES = example_pages(
    {
        "implementations/Demo_load_mesh.md": "import pkgnewer\n\nmesh = pkgnewer.load(320)\n",
        "implementations/Demo_subdivide.md": "subdivided = mesh.subdivide()\n",
        "implementations/Demo_simplify.md": "simplified = mesh.simplify(face_count=500)\n",
        "implementations/Demo_sample.md": "import pkgnewer\n\nsamples = pkgnewer.sample(mesh, 10)\n",
    }
)

PKGNEWER = """
class Mesh:
    def __init__(self, faces):
        self.faces = faces

    def subdivide(self):
        return Mesh(self.faces * 4)

    def simplify(self, face_count):
        if face_count >= self.faces:
            raise ValueError(f"face_count must be less than the number of faces {self.faces}")
        return Mesh(face_count)


def load(faces):
    return Mesh(faces)


def sample(mesh, count):
    print(f"sampled {count} points on {mesh.faces} faces")
    return [0.0] * count
"""


def test_a_step_takes_the_newer_version_its_inputs_cite_of_what_it_works_on(tmp_path):
    """trimesh: step 3's example simplifies `mesh` (step 1's) while its Inputs say "Subdivided mesh from Step 2",
    and step 4 samples `mesh` while its Inputs say "Simplified mesh from Step 3": both worked on the loaded mesh
    (ValueError: face_count must be less than the number of faces 320; then samples of the wrong mesh), and the
    steps between did nothing. The object a step works on, of which the cited step's one unread result was made,
    gives way to that result."""
    build_file_tree(tmp_path / "lib", {"pkgnewer/__init__.py": PKGNEWER})
    item = generated(tmp_path, {"_WorkflowIndex.md": NEWER_INDEX, **NEWER_PAGES})
    simplify, sample = (s.binding for s in item.plan.steps[2:])
    assert "subdivided.simplify(" in simplify.body, simplify.body
    assert "pkgnewer.sample(simplified, count)" in sample.body, sample.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "sampled 10 points on 500 faces" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


CITEDPARAM_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Cited_Parameter

**Description:** Read rows and write them out.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcitedparam.read_rows(source: str) -> list` |
| **External Dependencies** | `pkgcitedparam` |
| **Key Parameters** | `source: str = "rows.csv"` - the file to read |
| **Outputs** | `rows` |

### Step 2: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcitedparam.write_rows(table, output: str)` |
| **External Dependencies** | `pkgcitedparam` |
| **Key Parameters** | `output: str` - where to write |
| **Inputs** | `rows` from Step 1 |
| **Outputs** | the written file |

### Step 3: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcitedparam.count_lines(path)` |
| **External Dependencies** | `pkgcitedparam` |
| **Inputs** | `rows` from Step 1 (for the header), a holdout file |
| **Outputs** | `count` |

### Step 4: Keep

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcitedparam.save_rows(save_directory)` |
| **External Dependencies** | `pkgcitedparam` |
| **Inputs** | `rows` from Step 1 |
| **Outputs** | a folder |
"""

PKGCITEDPARAM = (
    "def read_rows(source):\n"
    "    with open(source) as handle:\n"
    "        return [line.split(',') for line in handle.read().split()]\n\n\n"
    "def write_rows(table, output):\n"
    "    print(f'wrote {len(table)} rows to {output}')\n\n\n"
    "def count_lines(path):\n"
    "    with open(path) as handle:\n"
    "        return print(f'{path} has', len(handle.read().split()), 'lines')\n\n\n"
    "def save_rows(save_directory):\n"
    "    print(f'kept in {save_directory}')\n"
)


def test_an_api_only_step_takes_the_cited_result_for_its_unnamed_parameter(tmp_path):
    """astropy: `ascii.write(table, output: str)` with "`rows` from Step 1" and no example: `table`, which no
    earlier step makes, became a config key (holding a path's text, or REQUIRED), and the cited rows were never
    passed. The one parameter nothing gives (no earlier result, key or default of its name, not a plain value) is
    the cited result the step does not read yet; a parameter named for a place stays the user's (steps 3 and 4)."""
    build_file_tree(tmp_path / "lib", {"pkgcitedparam/__init__.py": PKGCITEDPARAM})
    item = generated(tmp_path, {"_WorkflowIndex.md": CITEDPARAM_INDEX})
    body = item.plan.steps[1].binding.body
    assert "pkgcitedparam.write_rows(table=rows, output=output)" in body, body
    assert "pkgcitedparam.count_lines(path)" in item.plan.steps[2].binding.body
    assert "pkgcitedparam.save_rows(save_directory)" in item.plan.steps[3].binding.body
    (item.output_dir / "rows.csv").write_text("a,1\nb,2\nc,3\n", encoding="utf-8")
    (item.output_dir / "holdout.csv").write_text("d,4\ne,5\n", encoding="utf-8")
    proc = run_workflow(
        item,
        tmp_path / "lib",
        "--set",
        "2.output=out.csv",
        "--set",
        "3.path=holdout.csv",
        "--set",
        "4.save_directory=k",
    )
    assert "wrote 3 rows to out.csv" in proc.stdout and "holdout.csv has 2 lines" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


EXFLAG_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Example_Flag

**Description:** Write a table.

### Step 1: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgexflag.write_table(output: str, overwrite: bool = False, precision: int = 6, name: str = "default", mode: str = "exact", label: str = None)` |
| **Implementation** | `Demo_write_table` |
| **External Dependencies** | `pkgexflag` |
| **Key Parameters** | `output: str` - where to write, `overwrite: bool` - replace an existing file (default False), `precision: int` - digits kept (default 6), `name: str` - the table's name (default "default"), `mode: str` - "fast" for big tables (default "exact"), `label: str` - a caption (default None) |
| **Outputs** | the written file |
"""

PKGEXFLAG = (
    "import os\n\n\n"
    "def write_table(output, overwrite=False, precision=6, name='default', mode='exact', label=None):\n"
    "    if os.path.exists(output) and not overwrite:\n"
    "        raise OSError(f'{output} exists')\n"
    "    with open(output, 'w') as handle:\n"
    "        handle.write(f'{name}: {round(3.14159265, precision)}')\n"
    "    print(f'wrote {name} to {output} with {precision} digits, {mode}, {label}')\n"
)


def test_a_flag_the_example_passes_beats_the_documented_library_default(tmp_path):
    """astropy: "`overwrite: bool` - replace an existing file (default False)" while the example writes
    `overwrite=True`: config said false, so the second run failed on the file the first one wrote. A default the
    description states is what the call does without the argument; an example passes a flag to change it. Its
    numbers and texts are often a toy's (`n_estimators=2`) or names made up for it: the documented default stays.
    optuna: `direction` - "maximize" for accuracy (default "minimize")", the example's `direction="maximize"`: the
    study minimised accuracy. A text the description quotes besides its default is the workflow's, as the flag.
    networkx: `name: str` - "attribute name (default None)", the example's `name="degree"`: None leaves the
    argument out, which that call needs; the example's text is the workflow's."""
    build_file_tree(tmp_path / "lib", {"pkgexflag/__init__.py": PKGEXFLAG})
    example = (
        "import pkgexflag\n\n"
        'pkgexflag.write_table("table.txt", overwrite=True, precision=3, name="demo", mode="fast", label="demo")\n'
    )
    item = generated(
        tmp_path, {"_WorkflowIndex.md": EXFLAG_INDEX, **example_pages({"implementations/Demo_write_table.md": example})}
    )
    config = (item.output_dir / "config.toml").read_text(encoding="utf-8")
    assert "\noverwrite = true\n" in config and "\nprecision = 6\n" in config, config
    assert '\nname = "default"\n' in config, config
    for _ in range(2):  # the second run replaces the first one's file
        proc = run_workflow(item, tmp_path / "lib")
        assert "wrote default to table.txt with 6 digits, fast, demo" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


CHAINCELL_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Chained_Cell

**Description:** Load a series at a regular frequency.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgchaincell.read_series(path).squeeze("columns").asfreq(freq)` |
| **Implementation** | `Demo_read_series` |
| **External Dependencies** | `pkgchaincell` |
| **Key Parameters** | `path: str` - the CSV file, `freq: str` - offset alias, e.g. "MS" for month start |
| **Outputs** | `y` |
"""

PKGCHAINCELL = (
    "class Series:\n"
    "    def __init__(self, path, freq=None):\n"
    "        self.path, self.freq = path, freq\n\n"
    "    def squeeze(self, axis):\n"
    "        return self\n\n"
    "    def asfreq(self, freq):\n"
    "        print(f'{self.path} at {freq}')\n"
    "        return Series(self.path, freq)\n\n\n"
    "def read_series(path):\n"
    "    return Series(path)\n"
)


def test_a_documented_key_the_api_cell_passes_to_a_chained_call_takes_the_examples_value(tmp_path):
    """sktime: `pd.read_csv(...).squeeze("columns").asfreq(freq)` with "`freq: str` - pandas offset alias, e.g.
    "MS"", while the example writes `.asfreq("MS")`: the literal stayed in the code, so no `freq` key existed and
    a daily series was silently resampled to month starts. The slot the API cell fills with a documented key takes
    the example's value as that key, on a chained call too (no signature names its parameters)."""
    build_file_tree(tmp_path / "lib", {"pkgchaincell/__init__.py": PKGCHAINCELL})
    example = 'import pkgchaincell\n\ny = pkgchaincell.read_series("air.csv").squeeze("columns").asfreq("MS")\n'
    item = generated(
        tmp_path,
        {"_WorkflowIndex.md": CHAINCELL_INDEX, **example_pages({"implementations/Demo_read_series.md": example})},
    )
    config = (item.output_dir / "config.toml").read_text(encoding="utf-8")
    assert '\nfreq = "MS"\n' in config, config
    assert "air.csv at MS" in run_workflow(item, tmp_path / "lib").stdout
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.freq=D")
    assert "air.csv at D" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


RETFLAG_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Return_Flag

**Description:** Load cases and their labels.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgretflag.load_cases(path: str, return_labels: bool = True, sep: str = ",")` |
| **Implementation** | `Demo_load_cases` |
| **External Dependencies** | `pkgretflag` |
| **Key Parameters** | `path: str` - the file, `return_labels: bool` - return the labels too (default True), `sep: str` - "," |
| **Outputs** | `X`, `y` |
"""

PKGRETFLAG = (
    "def load_cases(path, return_labels=True, sep=','):\n"
    "    with open(path) as handle:\n"
    "        rows = [line.split(sep) for line in handle.read().split()]\n"
    "    cases = [row[:-1] for row in rows]\n"
    "    print(f'{len(cases)} cases')\n"
    "    return (cases, [row[-1] for row in rows]) if return_labels else cases\n"
)


def test_a_flag_that_shapes_what_the_call_returns_is_code_not_a_setting(tmp_path):
    """sktime: `X, y = load_from_tsfile(path, return_y=True, ...)` made `return_y` a config key; set to false, the
    call returns one value and the step's own unpacking fails. A `return_*` flag the example passes decides the shape
    of the result the statements after it rely on (keras `return_dict`, skimage `return_num`): it stays in the code
    as written. (One the example leaves out stays a key: transformers' e2e run sets `return_dict = false`.)"""
    build_file_tree(tmp_path / "lib", {"pkgretflag/__init__.py": PKGRETFLAG})
    example = 'import pkgretflag\n\nX, y = pkgretflag.load_cases("cases.csv", return_labels=True)\n'
    item = generated(
        tmp_path,
        {"_WorkflowIndex.md": RETFLAG_INDEX, **example_pages({"implementations/Demo_load_cases.md": example})},
    )
    body = item.plan.steps[0].binding.body
    assert "return_labels=True" in body, body
    config = (item.output_dir / "config.toml").read_text(encoding="utf-8")
    assert "return_labels" not in config and '\nsep = ","\n' in config, config
    (item.output_dir / "cases.csv").write_text("1,2,a\n3,4,b\n", encoding="utf-8")
    assert "2 cases" in run_workflow(item, tmp_path / "lib").stdout
    run_generated_tests(item, tmp_path / "lib")


REMADE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Remade_Result

**Description:** Sample points, wrap them in a hull, save both.

### Step 1: Sample

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgremade.sample(count: int = 5)` |
| **External Dependencies** | `pkgremade` |
| **Outputs** | `samples` |

### Step 2: Hull

| Attribute | Value |
|-----------|-------|
| **API Call** | `hulls.make_hull(points, scale: float = 1.0)` |
| **Implementation** | `Demo_make_hull` |
| **External Dependencies** | `pkgremade` |
| **Key Parameters** | `scale: float` - how much larger the hull is |
| **Inputs** | `samples` from Step 1 |
| **Outputs** | `hull` |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgremade.Cloud(points).export(path: str)` |
| **Implementation** | `Demo_Cloud_export` |
| **External Dependencies** | `pkgremade` |
| **Inputs** | `samples` from Step 1, `hull` from Step 2 |
| **Outputs** | `cloud.txt` point file and `hull.txt` hull file |
"""

PKGREMADE = {
    "pkgremade/__init__.py": (
        "from . import hulls\n\n\n"
        "def sample(count=5):\n"
        "    return list(range(count))\n\n\n"
        "class Cloud:\n"
        "    def __init__(self, points, scale=None):\n"
        "        self.points, self.scale = points, scale\n\n"
        "    def export(self, path):\n"
        "        print(f'{path}: {len(self.points)} points, scale {self.scale}')\n"
    ),
    "pkgremade/hulls.py": (
        "def make_hull(points, scale=1.0):\n    from pkgremade import Cloud\n\n    return Cloud(points[:3], scale)\n"
    ),
}


def test_a_step_takes_the_cited_result_its_example_makes_again(tmp_path):
    """trimesh: the save step's example recomputes `hull = trimesh.convex.convex_hull(samples)` while its Inputs
    cite "`hull` from Step 5" (made there as `convex.convex_hull(samples, ...)`, with its own settings): the step
    wrote a hull of its own. An assignment that makes again, of other things, a result the Inputs cite from an
    earlier step is that step's work: the step takes the result."""
    build_file_tree(tmp_path / "lib", PKGREMADE)
    examples = example_pages(
        {
            "implementations/Demo_make_hull.md": "from pkgremade import hulls\n\nhull = hulls.make_hull(samples)\n",
            "implementations/Demo_Cloud_export.md": (
                "import pkgremade\n\n"
                "cloud = pkgremade.Cloud(samples)\n"
                'cloud.export("out/cloud.txt")\n'
                "hull = pkgremade.hulls.make_hull(samples)\n"
                'hull.export("out/hull.txt")\n'
            ),
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": REMADE_INDEX, **examples})
    body = item.plan.steps[2].binding.body
    assert "make_hull" not in body, body
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.scale=2.5")
    assert "3 points, scale 2.5" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


DEMOSET_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Demo_Dataset

**Description:** Read a table and plot it.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgdemoset.read_table(path: str)` |
| **External Dependencies** | `pkgdemoset` |
| **Key Parameters** | `path: str` - the table file (e.g. "table.csv") |
| **Outputs** | `df` |

### Step 2: Plot

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgdemoset.plot(data=None, *, x: str = None)` |
| **Implementation** | `Demo_plot` |
| **External Dependencies** | `pkgdemoset` |
| **Key Parameters** | `x: str` - the column on the horizontal axis |
| **Inputs** | `df` from Step 1 |
| **Outputs** | `g` |
"""

PKGDEMOSET = (
    "def read_table(path):\n"
    "    with open(path) as handle:\n"
    "        return [line.split(',') for line in handle.read().split()]\n\n\n"
    "def load_dataset(name):\n"
    "    raise OSError(f'no network to download {name}')\n\n\n"
    "def plot(data=None, *, x=None):\n"
    "    print(f'plot {len(data)} rows by {x}')\n"
    "    return 'grid'\n"
)


def test_a_demo_data_set_the_example_reads_gives_way_to_the_cited_result(tmp_path):
    """seaborn: `penguins = sns.load_dataset("penguins")` before `sns.relplot(data=penguins, ...)`, where the Inputs
    cite "`df` from Step 1": the step downloaded the demo data (URLError offline) and step 1's table was never used.
    A data set the example reads by a literal name, for the step's call, is the page's stand-in for the one
    result the Inputs cite."""
    build_file_tree(tmp_path / "lib", {"pkgdemoset/__init__.py": PKGDEMOSET})
    example = (
        "import pkgdemoset\n\n"
        'penguins = pkgdemoset.load_dataset("penguins")\n'
        'g = pkgdemoset.plot(data=penguins, x="flipper")\n'
    )
    item = generated(
        tmp_path, {"_WorkflowIndex.md": DEMOSET_INDEX, **example_pages({"implementations/Demo_plot.md": example})}
    )
    body = item.plan.steps[1].binding.body
    assert "load_dataset" not in body and "data=df" in body, body
    (item.output_dir / "table.csv").write_text("a,1\nb,2\nc,3\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib")
    assert "plot 3 rows by flipper" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")
    # a file the example reads is the user's data, not a demo (nor is a demo set the Inputs do not quote)
    for n, (loading, inputs) in enumerate(
        [
            ('penguins = pkgdemoset.read_table("holdout.csv")\n', "`df` from Step 1"),
            ('penguins = pkgdemoset.load_dataset("penguins")\n', "Table from Step 1"),
        ]
    ):
        files = {
            "_WorkflowIndex.md": DEMOSET_INDEX.replace("`df` from Step 1", inputs),
            **example_pages({"implementations/Demo_plot.md": example.replace(example.split("\n")[2] + "\n", loading)}),
        }
        body = generated(tmp_path / f"kept{n}", files).plan.steps[1].binding.body
        assert "data=df" not in body, (loading, body)


ASIDE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Output_Aside

**Description:** Read numbers and restore them.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgaside.read_numbers(path: str)` |
| **External Dependencies** | `pkgaside` |
| **Key Parameters** | `path: str` - the file (e.g. "numbers.txt") |
| **Outputs** | `x` |

### Step 2: Restore

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgaside.restore(x)` |
| **External Dependencies** | `pkgaside` |
| **Inputs** | `x` from Step 1 |
| **Outputs** | `restored`: a list (may be one item longer than `x` for odd lengths) |
"""

PKGASIDE = (
    "def read_numbers(path):\n"
    "    with open(path) as handle:\n"
    "        return [int(n) for n in handle.read().split()]\n\n\n"
    "def restore(x):\n"
    "    restored = x + [0] * (len(x) % 2)\n"
    "    print(f'restored {len(restored)} numbers')\n"
    "    return restored\n"
)


def test_a_name_in_an_aside_of_the_outputs_is_a_mention_not_a_result(tmp_path):
    """PyWavelets: "`denoised`: 1-D array (may be one sample longer than `x` for odd lengths)" made two results,
    `denoised, x = pywt.waverec(...)`: ValueError, too many values to unpack. After a name the Outputs start with,
    a code span in an aside in brackets is a mention; "Trained model (`model`)" still names its result there."""
    build_file_tree(tmp_path / "lib", {"pkgaside/__init__.py": PKGASIDE})
    item = generated(tmp_path, {"_WorkflowIndex.md": ASIDE_INDEX})
    body = item.plan.steps[1].binding.body
    assert "restored = pkgaside.restore(x)" in body, body
    from dataclasses import replace

    from generator.bind.outputs import named_outputs

    step = item.plan.steps[1].step
    for outputs, names in [
        ("`float` (`rmse`)", ["rmse"]),  # a type first: the name is in the brackets
        ("`embeddings` (and `ids`, in the same order)", ["embeddings", "ids"]),  # an aside that adds a result
    ]:
        assert named_outputs(replace(step, outputs=outputs)) == names, outputs
    (item.output_dir / "numbers.txt").write_text("1 2 3\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib")
    assert "restored 4 numbers" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


def test_a_name_the_example_reads_and_nothing_gives_is_the_cited_result(tmp_path):
    """seaborn: a snippet `sns.violinplot(data=penguins, ...)`, whose `penguins` another example loaded, where the
    Inputs cite "`df` from Step 1": `penguins` became a REQUIRED config key of no type, which no TOML value can
    hold. A name the call reads that nothing gives (no earlier result or alias of it, no key, import, literal or
    type of its own) is the one cited result the step does not read yet."""
    build_file_tree(tmp_path / "lib", {"pkgdemoset/__init__.py": PKGDEMOSET})
    example = 'import pkgdemoset\n\ng = pkgdemoset.plot(data=penguins, x="flipper")\n'
    item = generated(
        tmp_path, {"_WorkflowIndex.md": DEMOSET_INDEX, **example_pages({"implementations/Demo_plot.md": example})}
    )
    body = item.plan.steps[1].binding.body
    assert "data=df" in body, body
    assert "penguins" not in (item.output_dir / "config.toml").read_text(encoding="utf-8")
    (item.output_dir / "table.csv").write_text("a,1\nb,2\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib")
    assert "plot 2 rows by flipper" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


UNGIVEN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Ungiven

**Description:** Read rows, summarize them, show the summary.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgungiven.read_rows(path: str)` |
| **External Dependencies** | `pkgungiven` |
| **Key Parameters** | `path: str` - the file (e.g. "rows.csv") |
| **Outputs** | `rows` |

### Step 2: Summarize

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgungiven.summarize(rows)` |
| **External Dependencies** | `pkgungiven` |
| **Inputs** | `rows` from Step 1 |
| **Outputs** | `summary` |

### Step 3: Show

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgungiven.show(summary, annot: bool = False)` |
| **Implementation** | `Demo_show` |
| **External Dependencies** | `pkgungiven` |
"""

PKGUNGIVEN = (
    "def read_rows(path):\n"
    "    with open(path) as handle:\n"
    "        return [line.split(',') for line in handle.read().split()]\n\n\n"
    "def summarize(rows):\n"
    "    return {'count': len(rows)}\n\n\n"
    "def show(summary, annot=False):\n"
    "    print(f'summary: {summary}')\n"
)


def test_a_result_the_example_makes_again_of_data_nothing_gives_is_the_earlier_one(tmp_path):
    """seaborn: `corr = penguins.select_dtypes("number").corr()` before `sns.heatmap(corr, ...)`, in a step after the
    one that made `corr`, with no Inputs row: `penguins` became a REQUIRED key (a path's text has no
    `select_dtypes`). An assignment making again, under its name, an earlier step's result, of a name nothing gives
    (no earlier result, alias, import, key or literal), is the page's demo of that step's work: the step takes the
    result."""
    build_file_tree(tmp_path / "lib", {"pkgungiven/__init__.py": PKGUNGIVEN})
    example = 'import pkgungiven\n\nsummary = penguins.select_dtypes("number").describe()\npkgungiven.show(summary, annot=True)\n'
    item = generated(
        tmp_path, {"_WorkflowIndex.md": UNGIVEN_INDEX, **example_pages({"implementations/Demo_show.md": example})}
    )
    body = item.plan.steps[2].binding.body
    assert "describe" not in body and "penguins" not in body, body
    (item.output_dir / "rows.csv").write_text("a,1\nb,2\nc,3\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib")
    assert "summary: {'count': 3}" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


FRESH_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Fresh_Axes

**Description:** Read a table and draw it twice.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfreshax.read_table(path: str)` |
| **External Dependencies** | `pkgfreshax` |
| **Key Parameters** | `path: str` - the table file (e.g. "table.csv") |
| **Outputs** | `df` |

### Step 2: Histogram

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfreshax.histplot(data=None, *, x: str = None, ax=None)` |
| **Implementation** | `Demo_histplot` |
| **External Dependencies** | `pkgfreshax` |
| **Key Parameters** | `x: str` - the column |
| **Inputs** | `df` from Step 1 |
| **Outputs** | `ax` - the axes drawn on |

### Step 3: Violin

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfreshax.violinplot(data=None, *, x: str = None, ax=None)` |
| **Implementation** | `Demo_violinplot` |
| **External Dependencies** | `pkgfreshax` |
| **Key Parameters** | `x: str` - the column |
| **Inputs** | `df` from Step 1 |
| **Outputs** | `ax` - the axes drawn on |
"""

PKGFRESHAX = (
    "import itertools\n\n"
    "_COUNT = itertools.count(1)\n\n\n"
    "class Axes:\n"
    "    def __init__(self):\n"
    "        self.number, self.drawn = next(_COUNT), []\n\n\n"
    "def subplots():\n"
    "    ax = Axes()\n"
    "    return 'figure', ax\n\n\n"
    "def read_table(path):\n"
    "    with open(path) as handle:\n"
    "        return handle.read().split()\n\n\n"
    "def _draw(kind, data, x, ax):\n"
    "    ax.drawn.append(kind)\n"
    "    print(f'{kind} of {len(data)} rows by {x} on axes {ax.number}: {ax.drawn}')\n"
    "    return ax\n\n\n"
    "def histplot(data=None, *, x=None, ax=None):\n"
    "    return _draw('histogram', data, x, ax)\n\n\n"
    "def violinplot(data=None, *, x=None, ax=None):\n"
    "    return _draw('violin', data, x, ax)\n"
)


def test_a_fresh_object_the_example_makes_is_the_steps_own_where_the_inputs_cite_others(tmp_path):
    """seaborn: the violin step's example opens `fig, ax = plt.subplots()`, and step 3's histogram returned an `ax`:
    the slice took that `ax`, so the violins were drawn over the histogram. An object the example makes by a call
    of literals and modules only (no step's API) is the step's own where its Inputs cite other results; an earlier
    result they cite, or one an earlier step's API made, is still taken."""
    build_file_tree(tmp_path / "lib", {"pkgfreshax/__init__.py": PKGFRESHAX})
    draw = 'import pkgfreshax\n\nfig, ax = pkgfreshax.subplots()\nax = pkgfreshax.{}(data=df, x="mass", ax=ax)\n'
    pages = {
        "implementations/Demo_histplot.md": draw.format("histplot"),
        "implementations/Demo_violinplot.md": draw.format("violinplot"),
    }
    item = generated(tmp_path, {"_WorkflowIndex.md": FRESH_INDEX, **example_pages(pages)})
    assert "subplots()" in item.plan.steps[2].binding.body, item.plan.steps[2].binding.body
    (item.output_dir / "table.csv").write_text("a\nb\nc\n", encoding="utf-8")
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.x=mass", "--set", "3.x=mass")
    assert "violin of 3 rows by mass on axes 2: ['violin']" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")
    # the Inputs citing the earlier `ax`: the step draws on it
    cited = (
        FRESH_INDEX[: FRESH_INDEX.rindex("| **Inputs** |")] + "| **Inputs** | `df` from Step 1, `ax` from Step 2 |\n"
    )
    body = (
        generated(tmp_path / "cited", {"_WorkflowIndex.md": cited, **example_pages(pages)}).plan.steps[2].binding.body
    )
    assert "subplots()" not in body, body
    # the example not reading the cited `df` by its name: what it makes may stand for it (networkx: `G =
    # nx.karate_club_graph()` where the Inputs cite `G_lcc`), so the earlier `ax` is taken as before
    demo = {**pages, "implementations/Demo_violinplot.md": draw.format("violinplot").replace("data=df", "data=demo")}
    body = generated(tmp_path / "demo", {"_WorkflowIndex.md": FRESH_INDEX, **example_pages(demo)}).plan.steps[2]
    assert "subplots()" not in body.binding.body, body.binding.body


CLOSURE_PAGES = {
    "implementations/Demo_objective.md": (
        "import pkgclosure\n\n"
        "head, tail = pkgclosure.split(data, 0.5)\n\n\n"
        "def objective(trial):\n"
        "    x = trial.suggest(0, 10)\n"
        "    return sum(head) * 10 - x\n\n\n"
        "study = pkgclosure.create_study()\n"
        "study.optimize(objective, n_trials=3)\n"
    ),
    "implementations/Demo_optimize.md": (
        "import pkgclosure\n\n\n"
        "def objective(trial):\n"
        "    return -trial.suggest(-10, 10)\n\n\n"
        "study = pkgclosure.create_study()\n"
        "study.optimize(objective, n_trials=20)\n"
    ),
}


def test_a_function_the_api_names_comes_with_the_statements_making_what_it_closes_over(tmp_path):
    """optuna trial: the objective's page splits step 1's data (`X_train, X_valid, ... = train_test_split(X, y,
    ...)`) above `def objective(trial)`, which reads the split. The def alone read names nothing gave, so the step
    kept only the split, and the optimize step asked for `objective` through config. The def comes with the
    example's statements that make what it reads, and the step hands the function on."""
    pkg = (
        PKGOPT.replace("pkgopt", "pkgclosure")
        + "\n\ndef split(data, fraction):\n    cut = int(len(data) * fraction)\n    return data[:cut], data[cut:]\n"
    )
    build_file_tree(tmp_path / "lib", {"pkgclosure/__init__.py": pkg})
    index = OBJECTIVE_INDEX.replace("pkgopt", "pkgclosure")
    item = generated(tmp_path, {"_WorkflowIndex.md": index, **example_pages(CLOSURE_PAGES)})
    define = item.plan.steps[1].binding
    body = define.body
    assert define.produces == ("objective",) and "split(" in body and "create_study" not in body, body
    optimize = item.plan.steps[3].binding
    assert "objective" in optimize.consumes and "def objective" not in optimize.body, optimize.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "best_value: 10" in proc.stderr, proc.stderr  # sum([1]) * 10 - 0: the first half of step 1's data
    run_generated_tests(item, tmp_path / "lib")


SAMEURL_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Same_Url

**Description:** Open a database, then load a study from it again.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsameurl.connect(url: str)` |
| **Key Parameters** | `url: str` - database URL, e.g. "sqlite:///first.db" |
| **Outputs** | `db` |

### Step 2: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsameurl.load(storage: str, study_name: str)` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `storage: str` - same database URL as in Step 1, `study_name: str` - the study |
| **Outputs** | `study` |
"""

PKGSAMEURL = (
    "def connect(url):\n"
    "    return url\n\n\n"
    "def load(storage, study_name):\n"
    "    print(f'load {study_name} from {storage}')\n"
    "    return study_name\n"
)


def test_a_key_described_as_an_earlier_steps_value_by_its_words_follows_that_key(tmp_path):
    """optuna trial: `storage: str` - "same database URL as in Step 1", where step 1's key is `url`: the key kept its
    page's "sqlite:///example-study.db", and loading the study failed (no such study there). A "same ... as in Step
    N" naming one of step N's keys by its words ("URL": `url`; "study name": `study_name`) follows that key."""
    build_file_tree(tmp_path / "lib", {"pkgsameurl/__init__.py": PKGSAMEURL})
    example = 'import pkgsameurl\n\nstudy = pkgsameurl.load(storage="sqlite:///example.db", study_name="s1")\n'
    item = generated(
        tmp_path, {"_WorkflowIndex.md": SAMEURL_INDEX, **example_pages({"implementations/Demo_load.md": example})}
    )
    follows = {p.name: p.follows for p in item.plan.steps[1].binding.params}
    assert follows == {"storage": "step_01_open.url", "study_name": ""}, follows
    proc = run_workflow(item, tmp_path / "lib", "--set", '1.url="sqlite:///mine.db"')
    assert "load s1 from sqlite:///mine.db" in proc.stdout, proc.stdout
    from generator.links import _named_in

    assert _named_in("same study name as Step 2", {"study_name", "storage"}) == "study_name"
    assert _named_in("same settings as in Step 2", {"url", "name"}) is None


KWCITED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Keyword_Cited

**Description:** Open a storage, create a study in it.

### Step 1: Storage

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgkwcited.Storage(url: str)` |
| **Key Parameters** | `url: str` - where, e.g. "mem://one" |
| **Outputs** | `storage` |

### Step 2: Study

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgkwcited.create_study(*, storage=None, study_name: str = None)` |
| **Implementation** | `Demo_create_study` |
| **Key Parameters** | `storage` - the `Storage` from Step 1, `study_name: str` - the study |
| **Inputs** | `storage` from Step 1 |
| **Outputs** | `study` |
"""

PKGKWCITED = (
    "class Storage:\n"
    "    def __init__(self, url):\n"
    "        self.url = url\n\n\n"
    "def create_study(*, storage=None, study_name=None):\n"
    "    where = storage.url if isinstance(storage, Storage) else storage\n"
    "    print(f'study {study_name} in {where}')\n"
    "    return study_name\n"
)


def test_the_argument_of_the_parameter_named_as_the_cited_result_is_that_result(tmp_path):
    """optuna trial: `optuna.create_study(storage=storage_name, ...)` after `storage_name = f"sqlite:///{study_name}
    .db"`, where the Inputs say "`storage` from Step 1" (an `RDBStorage`): step 1's storage was made and never used,
    and the study went into another database. The API's parameter named as the one cited result the step does not
    read yet takes that result; what only fed the example's own value goes."""
    build_file_tree(tmp_path / "lib", {"pkgkwcited/__init__.py": PKGKWCITED})
    example = (
        "import pkgkwcited\n\n"
        'study_name = "demo"\n'
        'storage_name = f"sqlite:///{study_name}.db"\n'
        "study = pkgkwcited.create_study(storage=storage_name, study_name=study_name)\n"
    )
    item = generated(
        tmp_path,
        {"_WorkflowIndex.md": KWCITED_INDEX, **example_pages({"implementations/Demo_create_study.md": example})},
    )
    body = item.plan.steps[1].binding.body
    assert "storage=storage" in body and "storage_name" not in body, body
    proc = run_workflow(item, tmp_path / "lib", "--set", '1.url="mem://mine"')
    assert "study demo in mem://mine" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


REBUILD_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Rebuild

**Description:** Make a scorer, use it twice.

### Step 1: Scorer

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrebuild.make_scorer(scale: int = 3)` |
| **External Dependencies** | `pkgrebuild` |
| **Outputs** | `scorer` |

### Step 2: Tally

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrebuild.tally(scorer, path: str = "tally.txt")` |
| **External Dependencies** | `pkgrebuild` |
| **Inputs** | `scorer` from Step 1 |
| **Outputs** | `count` |

### Step 3: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrebuild.report(scorer)` |
| **External Dependencies** | `pkgrebuild` |
| **Inputs** | `scorer` from Step 1 |
"""

PKGREBUILD = (
    "def make_scorer(scale=3):\n"
    "    return lambda x: x * scale\n\n\n"
    "def tally(scorer, path='tally.txt'):\n"
    "    with open(path, 'a') as handle:\n"
    "        handle.write(f'{scorer(1)}\\n')\n"
    "    with open(path) as handle:\n"
    "        return len(handle.read().split())\n\n\n"
    "def report(scorer):\n"
    "    print(f'score of 2: {scorer(2)}')\n"
)


def test_a_function_a_step_only_calls_is_rebuilt_by_the_step_that_made_it(tmp_path):
    """optuna trial: `run --from 5` ran step 4 (`study.optimize(objective, ...)`) again "to rebuild objective", a
    closure no store can save: every step that consumed it had recorded a version of it, as if it could change it
    in place. Each resume added 20 trials to the persistent study. A function, a class or a module a step only
    reads is left as its maker made it: the step that made it rebuilds it."""
    build_file_tree(tmp_path / "lib", {"pkgrebuild/__init__.py": PKGREBUILD})
    item = generated(tmp_path, {"_WorkflowIndex.md": REBUILD_INDEX})
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "run", "--artifacts", str(tmp_path / "art")]
    first = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0, first.stderr
    resumed = subprocess.run(
        [*command, "--from", "3"], cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "running step 1. Scorer again to rebuild scorer" in resumed.stderr, resumed.stderr
    assert "score of 2: 6" in resumed.stdout, resumed.stdout
    assert (item.output_dir / "tally.txt").read_text(encoding="utf-8").split() == ["3"]  # step 2 ran once


LOOKUP_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Lookup

**Description:** Group nodes, then colour them by group.

### Step 1: Graph

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglookup.make_graph(size: int = 4)` |
| **External Dependencies** | `pkglookup` |
| **Outputs** | `G` |

### Step 2: Groups

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglookup.groups(G)` |
| **External Dependencies** | `pkglookup` |
| **Inputs** | `G` from Step 1 |
| **Outputs** | `communities` |

### Step 3: Draw

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglookup.draw(G, node_color=None)` |
| **Implementation** | `Demo_draw` |
| **External Dependencies** | `pkglookup` |
| **Inputs** | `G` from Step 1, `communities` from Step 2 |
"""

PKGLOOKUP = (
    "class Graph:\n"
    "    def __init__(self, size):\n"
    "        self.size = size\n\n"
    "    def nodes(self):\n"
    "        return list(range(self.size))\n\n\n"
    "def make_graph(size=4):\n"
    "    return Graph(size)\n\n\n"
    "def groups(G):\n"
    "    return [G.nodes()[::2], G.nodes()[1::2]]\n\n\n"
    "def draw(G, node_color=None):\n"
    "    print(f'colours: {node_color}')\n"
)


def test_the_generated_tests_pass_where_a_dict_of_stand_ins_is_read_by_another_stand_in(tmp_path):
    """networkx trial: `membership = {n: i for i, c in enumerate(communities) for n in c}`, then
    `node_color=[membership[n] for n in G.nodes()]`: on recorders the dict's keys are one recorder's items and the
    lookups another's, and the generated test failed with KeyError right after generation. A lookup error in the
    step's own code on recorders is, like a TypeError there, code that cannot run on stand-ins: the test says so
    and skips; a run and `check` judge it."""
    build_file_tree(tmp_path / "lib", {"pkglookup/__init__.py": PKGLOOKUP})
    example = (
        "import pkglookup\n\n"
        "membership = {n: i for i, c in enumerate(communities) for n in c}\n"
        "pkglookup.draw(G, node_color=[membership[n] for n in G.nodes()])\n"
    )
    item = generated(
        tmp_path, {"_WorkflowIndex.md": LOOKUP_INDEX, **example_pages({"implementations/Demo_draw.md": example})}
    )
    assert "membership[n]" in item.plan.steps[2].binding.body, item.plan.steps[2].binding.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "colours: [0, 1, 0, 1]" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


CALLSPAN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Call_Span

**Description:** Make a graph, measure it.

### Step 1: Graph

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcallspan.make_graph(size: int = 4)` |
| **External Dependencies** | `pkgcallspan` |
| **Outputs** | `G` |

### Step 2: Measure

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcallspan.clustering(G) -> float` |
| **External Dependencies** | `pkgcallspan` |
| **Inputs** | `G` from Step 1 |
| **Outputs** | Average clustering (float); `pkgcallspan.density(G)` and `G.count()` are reported alongside |
"""

PKGCALLSPAN = "def make_graph(size=4):\n    return list(range(size))\n\n\ndef clustering(G):\n    return len(G) / 8\n"


def test_a_call_the_outputs_mention_is_no_result_of_the_step(tmp_path):
    """networkx trial: Outputs "Average clustering coefficient (float); `nx.density(G)` and `G.number_of_edges()` are
    reported alongside" read the two calls as the result's types, and the step unpacked
    `density, number_of_edges = nx.average_clustering(G)`: TypeError, a float is no pair. A call in a code span
    names a value the page mentions, never a type of the step's result."""
    build_file_tree(tmp_path / "lib", {"pkgcallspan/__init__.py": PKGCALLSPAN})
    item = generated(tmp_path, {"_WorkflowIndex.md": CALLSPAN_INDEX})
    assert len(item.plan.steps[1].binding.produces) == 1, item.plan.steps[1].binding.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "= 0.5" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")
    # statsmodels: "`forecast.predicted_mean` (`pd.Series`), `forecast.conf_int()` (`pd.DataFrame` with lower/upper
    # columns)" unpacked a frame into three names; a type in brackets after a result is that result's
    outputs = "`clustering.mean` (`pd.Series`), `clustering.bounds()` (`pd.DataFrame` with lower/upper columns)"
    index = CALLSPAN_INDEX.replace(CALLSPAN_INDEX.split("| **Outputs** | ")[-1].split(" |")[0], outputs)
    typed = generated(tmp_path / "typed", {"_WorkflowIndex.md": index}).plan.steps[1].binding
    assert len(typed.produces) == 1, typed.body


LETTER_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Data_Letter

**Description:** Make a graph, annotate its nodes.

### Step 1: Graph

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgletter.make_graph(n: int = 4)` |
| **Implementation** | `Demo_make_graph` |
| **External Dependencies** | `pkgletter` |
| **Outputs** | `G` |

### Step 2: Annotate

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgletter.annotate(G, values, name=None)` |
| **Implementation** | `Demo_annotate` |
| **External Dependencies** | `pkgletter` |
| **Inputs** | `G` from Step 1 |
| **Outputs** | `G` annotated in place |
"""

PKGLETTER = (
    "class Graph(dict):\n"
    "    def degree(self):\n"
    "        return [(node, node % 2 + 1) for node in self]\n\n\n"
    "def make_graph(n=4):\n"
    "    return Graph({node: {} for node in range(n)})\n\n\n"
    "def annotate(G, values, name=None):\n"
    "    for node, value in values.items():\n"
    "        G[node][name] = value\n"
    "    print(f'annotated: {dict(G)}')\n"
)


def test_the_inputs_naming_a_data_letter_take_no_other_result_of_that_step(tmp_path):
    """networkx trial: Inputs "`G` from Step 1", where step 1 also kept `degrees = sorted(...)` of its example: the
    step passed step 1's sorted list in place of the example's `dict(G.degree())` (AttributeError: a list has no
    items). Inputs that name what they take from a step take nothing else of it; `G`, `X`, `X_train` are names,
    not types, for that."""
    build_file_tree(tmp_path / "lib", {"pkgletter/__init__.py": PKGLETTER})
    pages = {
        "implementations/Demo_make_graph.md": (
            "import pkgletter\n\nG = pkgletter.make_graph(n=4)\ndegrees = sorted(len(v) for v in G.values())\n"
        ),
        "implementations/Demo_annotate.md": (
            'import pkgletter\n\npkgletter.annotate(G, dict(G.degree()), name="degree")\n'
        ),
    }
    item = generated(tmp_path, {"_WorkflowIndex.md": LETTER_INDEX, **example_pages(pages)})
    assert "dict(G.degree())" in item.plan.steps[1].binding.body, item.plan.steps[1].binding.body
    proc = run_workflow(item, tmp_path / "lib", "--set", '2.name="degree"')
    assert "annotated: {0: {'degree': 1}, 1: {'degree': 2}" in proc.stdout, proc.stdout
    run_generated_tests(item, tmp_path / "lib")


MISSING_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Missing_File

**Description:** Read an edge list.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmissing.read_edges(path, comments="#", data=True) -> list` |
| **Implementation** | `Demo_read_edges` |
| **External Dependencies** | `pkgmissing` |
| **Key Parameters** | `path: str` - the edge list file |
| **Outputs** | `edges` |
"""

PKGMISSING = (
    "def read_edges(path, comments='#', data=True):\n"
    "    with open(path) as handle:\n"
    "        return [line.split() for line in handle if not line.startswith(comments)]\n"
)


def test_a_missing_file_names_the_key_to_set_and_the_api_not_its_wiki_defaults(tmp_path):
    """networkx trial: `FileNotFoundError: 'edges.txt'`, the wiki example's path, said which keys the step has but
    not which one to set, and "calling nx.read_edgelist(path, ..., data=True, ...)" showed the wiki's signature
    with its defaults where the step had passed other values. The error names the key holding the missing file
    and the API by its name; generation's "next:" lines name the keys holding the example's data files."""
    build_file_tree(tmp_path / "lib", {"pkgmissing/__init__.py": PKGMISSING})
    example = 'import pkgmissing\n\nedges = pkgmissing.read_edges("edges.txt", data=False)\n'
    item = generated(
        tmp_path, {"_WorkflowIndex.md": MISSING_INDEX, **example_pages({"implementations/Demo_read_edges.md": example})}
    )
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "run", "--no-save"]
    proc = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode != 0
    assert "that is step_01_read.path: point it at your file" in proc.stderr, proc.stderr
    assert "--set 1.path=PATH" in proc.stderr and "calling pkgmissing.read_edges:" in proc.stderr, proc.stderr
    assert "data=True" not in proc.stderr, proc.stderr
    # and generation says so first: the key is no REQUIRED one (it has the example's value), yet the run needs it
    assert any("point step_01_read.path (now 'edges.txt') at your own data" in n for n in item.next_steps())


def test_generation_names_the_keys_holding_the_addresses_of_example_data(tmp_path):
    """polars trial: `pl.read_csv("https://raw.githubusercontent.com/.../iris.csv")` made the key `source` with that
    address, and nothing said the run would download it: offline it failed at step 1. Generation's "next:" lines
    name the keys holding an address of a data file; not an address with no file (`https://example.com`). (And the
    accelerate trial's local `checkpoints/model.safetensors` was not named at all: its suffix counted as too long.)"""
    example = 'import pkgmissing\n\nedges = pkgmissing.read_edges("https://example.org/data/edges.txt?raw=1")\n'
    item = generated(
        tmp_path, {"_WorkflowIndex.md": MISSING_INDEX, **example_pages({"implementations/Demo_read_edges.md": example})}
    )
    said = [n for n in item.next_steps() if "download the wiki example's data" in n]
    assert said and "step_01_read.path (now 'https://example.org/data/edges.txt?raw=1')" in said[0], item.next_steps()
    assert not any("at your own data in" in n for n in item.next_steps()), item.next_steps()
    example = 'import pkgmissing\n\nedges = pkgmissing.read_edges("https://example.org")\n'
    item = generated(
        tmp_path / "site",
        {"_WorkflowIndex.md": MISSING_INDEX, **example_pages({"implementations/Demo_read_edges.md": example})},
    )
    assert not any("download" in n for n in item.next_steps()), item.next_steps()
    example = 'import pkgmissing\n\nedges = pkgmissing.read_edges("weights/model.safetensors")\n'
    item = generated(
        tmp_path / "weights",
        {"_WorkflowIndex.md": MISSING_INDEX, **example_pages({"implementations/Demo_read_edges.md": example})},
    )
    assert any("step_01_read.path (now 'weights/model.safetensors') at your own data" in n for n in item.next_steps())
    # sqlalchemy trial: `sqlite:///library.db` names a file on this machine (no host), not an address to download
    example = 'import pkgmissing\n\nedges = pkgmissing.read_edges("sqlite:///data/library.db")\n'
    item = generated(
        tmp_path / "sqlite",
        {"_WorkflowIndex.md": MISSING_INDEX, **example_pages({"implementations/Demo_read_edges.md": example})},
    )
    assert not any("download" in n for n in item.next_steps()), item.next_steps()
    assert any("step_01_read.path (now 'sqlite:///data/library.db') at your own data" in n for n in item.next_steps())


REBIND_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Rebind

**Description:** Decompose a series two ways, plot the first.

### Step 1: Decompose

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrebind.decompose(label: str = "classical")` |
| **External Dependencies** | `pkgrebind` |
| **Outputs** | `decomposition` |

### Step 2: Plot

| Attribute | Value |
|-----------|-------|
| **API Call** | `Result.plot()` |
| **Implementation** | `Demo_plot` |
| **External Dependencies** | `pkgrebind` |
| **Inputs** | `decomposition` from Step 1 |
| **Outputs** | the figure saved as PNG |
"""

PKGREBIND = (
    "class Figure:\n"
    "    def __init__(self, label):\n"
    "        self.label = label\n\n"
    "    def savefig(self, path):\n"
    "        print(f'saved {self.label} to {path}')\n\n\n"
    "class Result:\n"
    "    def __init__(self, label):\n"
    "        self.label = label\n\n"
    "    def plot(self):\n"
    "        return Figure(self.label)\n\n\n"
    "def decompose(label='classical'):\n"
    "    return Result(label)\n"
)


def test_a_statement_reading_a_name_bound_again_by_a_statement_left_out_is_left_out(tmp_path):
    """statsmodels trial: `fig = decomposition.plot()`, `fig.savefig("classical.png")`, then `fig =
    stl_result.plot()`, `fig.savefig("stl.png")`: the slice kept both saves and left out the second plot, so the
    classical figure was saved again as "stl.png". A later statement reading a name that a statement left out
    binds again reads another object: it is left out too."""
    build_file_tree(tmp_path / "lib", {"pkgrebind/__init__.py": PKGREBIND})
    example = (
        'fig = decomposition.plot()\nfig.savefig("classical.png")\n\nfig = stl_result.plot()\nfig.savefig("stl.png")\n'
    )
    item = generated(
        tmp_path, {"_WorkflowIndex.md": REBIND_INDEX, **example_pages({"implementations/Demo_plot.md": example})}
    )
    body = item.plan.steps[1].binding.body
    assert "stl" not in body, body
    proc = run_workflow(item, tmp_path / "lib")
    assert "saved classical to classical.png" in proc.stdout and "stl" not in proc.stdout, proc.stdout


CACHED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Cached_View

**Description:** Make a graph, read its degrees.

### Step 1: Graph

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcached.Graph(size: int = 3)` |
| **External Dependencies** | `pkgcached` |
| **Outputs** | `G` |

### Step 2: Degrees

| Attribute | Value |
|-----------|-------|
| **API Call** | `G.degree()` |
| **External Dependencies** | `pkgcached` |
| **Inputs** | `G` from Step 1 |
| **Outputs** | `degrees` |
"""

PKGCACHED = (
    "from functools import cached_property\n\n\n"
    "class DegreeView:\n"
    "    def __init__(self, graph):\n"
    "        self.graph = graph\n\n"
    "    def __call__(self):\n"
    "        return [(n, 1) for n in range(self.graph.size)]\n\n\n"
    "class Graph:\n"
    "    def __init__(self, size=3):\n"
    "        self.size = size\n\n"
    "    @cached_property\n"
    "    def degree(self):\n"
    "        return DegreeView(self)\n"
)


def test_check_leaves_a_call_of_a_cached_property_to_the_run(tmp_path, monkeypatch):
    """networkx trial: `check` failed (exit 1) with "not callable: G.degree() -- functools.cached_property" while the
    run worked: `Graph.degree` is a cached property whose value, a view, is called. Like a property whose value is
    a method, it is not checkable before the run; it is no error."""
    from generator.verify import verify

    build_file_tree(tmp_path / "lib", {"pkgcached/__init__.py": PKGCACHED})
    item = generated(tmp_path, {"_WorkflowIndex.md": CACHED_INDEX})
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "lib"))
    steps = verify(item.output_dir, sys.executable).steps
    calls = [c for s in steps for c in s.calls]
    assert not [c for c in calls if c.status == "not callable"], [(c.status, c.detail) for c in calls]
    assert any("cached_property" in c.detail for c in calls), [(c.status, c.detail) for c in calls]
    proc = run_workflow(item, tmp_path / "lib")
    assert "degrees" in proc.stderr, proc.stderr


UNUSEDIN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Unused_Input

**Description:** Find the differencing order, then fit.

### Step 1: Order

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgunusedin.differencing_order()` |
| **External Dependencies** | `pkgunusedin` |
| **Outputs** | `d` |

### Step 2: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgunusedin.fit(order: tuple = (1, 0, 0))` |
| **Implementation** | `Demo_fit` |
| **External Dependencies** | `pkgunusedin` |
| **Inputs** | `d` from Step 1 |
| **Outputs** | `model` |
"""

PKGUNUSEDIN = "def differencing_order():\n    return 1\n\n\ndef fit(order=(1, 0, 0)):\n    return order\n"


def test_an_input_the_inputs_cite_and_the_code_never_uses_is_warned_of(tmp_path):
    """statsmodels trial: the fit step's Inputs say "`d` from Step 2", its example fixes `order=(2, 1, 0)`: the `d`
    step 2 computed was never used, and nothing said so (the generation's warnings were empty). A bound step whose
    code leaves out a result its Inputs cite is now named in a warning; a step that uses it is not."""
    build_file_tree(tmp_path / "lib", {"pkgunusedin/__init__.py": PKGUNUSEDIN})
    example = "import pkgunusedin\n\nmodel = pkgunusedin.fit(order=(2, 1, 0))\n"
    item = generated(
        tmp_path, {"_WorkflowIndex.md": UNUSEDIN_INDEX, **example_pages({"implementations/Demo_fit.md": example})}
    )
    assert "d" not in item.plan.steps[1].binding.consumes, item.plan.steps[1].binding.body
    messages = [w.message for w in item.plan.warnings]
    assert any("step 2 (Fit): its Inputs cite d from earlier steps, which its code does not use" in m for m in messages)
    used = "import pkgunusedin\n\nmodel = pkgunusedin.fit(order=(2, d, 0))\n"
    item = generated(
        tmp_path / "used", {"_WorkflowIndex.md": UNUSEDIN_INDEX, **example_pages({"implementations/Demo_fit.md": used})}
    )
    assert not any("its code does not use" in w.message for w in item.plan.warnings), item.plan.warnings
    assert "model: tuple of 3: 2, 1, 0" in run_workflow(item, tmp_path / "lib").stderr


def test_an_aside_saying_what_a_step_does_not_take_is_no_citation(tmp_path):
    """polars trial: "`readings_sorted` from Step 2 (not the hourly frame: rolling windows are anchored on every
    observation)" and "`regular` from Step 5 (optionally also `rolling_stats` from Step 4)" made two warnings that
    the steps left out `hourly` and `rolling_stats`: the asides say the steps do not need them. A bracketed aside
    saying what a step does not take, or may, cites nothing; a plain citation still warns."""
    example = "import pkgunusedin\n\nmodel = pkgunusedin.fit(order=(2, 1, 0))\n"
    pages = example_pages({"implementations/Demo_fit.md": example})
    for n, aside in enumerate(("(not `d` from Step 1: the example fixes it)", "(optionally also d from Step 1)")):
        index = UNUSEDIN_INDEX.replace("| `d` from Step 1 |", f"| A series {aside} |")
        item = generated(tmp_path / str(n), {"_WorkflowIndex.md": index, **pages})
        assert item.ok, item.errors
        assert not any("its code does not use" in w.message for w in item.plan.warnings), item.plan.warnings
    index = UNUSEDIN_INDEX.replace("| `d` from Step 1 |", "| A series, `d` from Step 1 (differencing order) |")
    item = generated(tmp_path / "plain", {"_WorkflowIndex.md": index, **pages})
    assert any("its Inputs cite d from earlier steps" in w.message for w in item.plan.warnings), item.plan.warnings


TALLY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Tally

**Description:** Count words, then write the counts as a table and a summary.

### Step 1: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtally.count(words: list) -> dict` |
| **External Dependencies** | `pkgtally` |
| **Key Parameters** | `words: list` - the words (default ["a", "b", "a"]) |
| **Outputs** | `counts` |

### Step 2: Export

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtally.table(counts: dict) -> list` |
| **Implementation** | `Demo_Export` |
| **External Dependencies** | `pkgtally` |
| **Key Parameters** | `counts` - from Step 1, `summary_file: str` - the JSON summary (default "results/summary.json"), `output_table: str` - file written with `pkgtally.save` |
| **Inputs** | `counts` from Step 1 |
| **Outputs** | `rows` |
"""

PKGTALLY = """import collections
import os


def count(words):
    return dict(collections.Counter(words))


def table(counts):
    return sorted(counts.items())


def save(rows, path, encoding="utf-8"):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding=encoding) as fp:
        fp.write("\\n".join(f"{w},{n}" for w, n in rows))
"""

TALLY_EXAMPLE = """import json
import pkgtally

rows = pkgtally.table(counts)
pkgtally.save(rows, "out/table.csv", encoding="utf-8")
with open("out/summary.json", "w") as fp:
    json.dump({"words": len(rows)}, fp)
"""


def test_a_file_the_example_writes_takes_the_key_the_key_parameters_document_for_it(tmp_path):
    """optuna, networkx and statsmodels trials: "`output_csv: str` - file written with `df.to_csv`", "`output_path:
    str` - PNG file written by `plt.savefig`", while the example writes `df.to_csv("trials.csv")`: the path became a
    key named `filename`, undocumented, and the documented key was nowhere (a user looking for output_csv in
    config.toml found nothing). A file the example names takes the documented path key whose description names its
    call (`pkgtally.save`), or whose name or description gives its extension (`JSON summary`), with the documented
    default when there is one; the files are written where those keys say."""
    build_file_tree(tmp_path / "lib", {"pkgtally/__init__.py": PKGTALLY})
    pages = example_pages({"implementations/Demo_Export.md": TALLY_EXAMPLE})
    item = generated(tmp_path, {"_WorkflowIndex.md": TALLY_INDEX, **pages})
    export = item.plan.steps[1].binding
    params = {p.name: (ast.literal_eval(p.default or ""), p.writes, p.description) for p in export.params}
    assert params["output_table"] == ("out/table.csv", True, "file written with pkgtally.save"), params
    assert params["summary_file"][:2] == ("results/summary.json", True), params
    assert "filename" not in params and "file" not in params, params
    assert params["encoding"][0] == "utf-8", params  # a text the call is given that names no file: its own key
    run_generated_tests(item, tmp_path / "lib")
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "out" / "table.csv").read_text(encoding="utf-8").splitlines() == ["a,2", "b,1"]
    assert json.loads((item.output_dir / "results" / "summary.json").read_text(encoding="utf-8")) == {"words": 2}


COLUMN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Column

**Description:** Read a table and keep one column.

### Step 1: Load Series

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcolumns.read_table(path)[value_column].copy()` |
| **Implementation** | `Demo_Load` |
| **External Dependencies** | `pkgcolumns` |
| **Key Parameters** | `path: str` - the table (default "data/table.txt"), `value_column: str` - column with the observations |
| **Outputs** | `series` |
"""

PKGCOLUMNS = """def read_table(path):
    with open(path, encoding="utf-8") as fp:
        header, *rows = [line.split() for line in fp.read().splitlines()]
    return {name: [float(row[i]) for row in rows] for i, name in enumerate(header)}
"""


def test_a_column_the_api_cell_indexes_with_a_documented_key_is_that_key(tmp_path):
    """statsmodels trial: the cell reads `pandas.read_csv(path, index_col=0)[value_column].asfreq(freq)` and documents
    `value_column` without a value; the example indexes `df["sales"]`. The column stayed "sales" in the code and
    value_column was no key: a user's table with another column name needed a code edit. The one text the example
    indexes with is the key the cell indexes with, the example's text its default."""
    build_file_tree(tmp_path / "lib", {"pkgcolumns/__init__.py": PKGCOLUMNS})
    example = 'import pkgcolumns\n\ntable = pkgcolumns.read_table("data/table.txt")\nseries = table["sales"].copy()\n'
    pages = example_pages({"implementations/Demo_Load.md": example})
    item = generated(tmp_path, {"_WorkflowIndex.md": COLUMN_INDEX, **pages})
    load = item.plan.steps[0].binding
    assert {p.name: p.default for p in load.params}.get("value_column") == "'sales'", load.params
    assert '"sales"' not in load.body and "'sales'" not in load.body, load.body
    build_file_tree(item.output_dir / "data", {"table.txt": "sales visits\n1 10\n2 20\n"})
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.value_column=visits")
    assert "series: list of 2: 10, 20" in proc.stderr, proc.stderr


SIGNIF_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Significance

**Description:** Test a series, then flag the large values.

### Step 1: Test

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsignif.adf(xs: list) -> tuple` |
| **Implementation** | `Demo_Test` |
| **External Dependencies** | `pkgsignif` |
| **Key Parameters** | `xs: list` - the series (default [1, 2, 3]), `significance: float` - p-value below which the series is stationary (0.05 is the usual choice), `limit: float` - values above it are flagged (5 or 10 by convention) |
| **Outputs** | `verdict`, `flagged` |
"""

PKGSIGNIF = "def adf(xs):\n    return (sum(xs), 0.2)\n"


def test_a_number_the_example_compares_with_is_the_key_whose_description_names_it(tmp_path):
    """statsmodels trial: "`significance: float` - p-value threshold (0.05 is the usual choice)" and "`vif_threshold:
    float` - VIF above which a regressor is flagged (5 or 10 by convention)", while the examples compare
    `result[1] < 0.05` and `vif[vif > 10]`: both thresholds stayed in the code, neither key existed. A number
    compared with that one key's description names is that key, with the example's number."""
    build_file_tree(tmp_path / "lib", {"pkgsignif/__init__.py": PKGSIGNIF})
    example = (
        "import pkgsignif\n\nresult = pkgsignif.adf(xs)\n"
        'verdict = "stationary" if result[1] < 0.05 else "unit root"\n'
        "flagged = [x for x in xs if x > 10]\n"
    )
    pages = example_pages({"implementations/Demo_Test.md": example})
    item = generated(tmp_path, {"_WorkflowIndex.md": SIGNIF_INDEX, **pages})
    test = item.plan.steps[0].binding
    defaults = {p.name: p.default for p in test.params}
    assert defaults["significance"] == "0.05" and defaults["limit"] == "10", defaults
    assert "0.05" not in test.body and "> 10" not in test.body, test.body
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.xs=[3, 12, 30]")
    assert "verdict: 'unit root'" in proc.stderr and "flagged: list of 2: 12, 30" in proc.stderr, proc.stderr
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.significance=0.5", "--set", "1.limit=20")
    assert "verdict: 'stationary'" in proc.stderr and "flagged: list of 0" in proc.stderr, proc.stderr


PICS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Shrink_All

**Description:** Several pictures, each shrunk with a resampling mode chosen by name.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpics.open_all(paths: list) -> list[Pic]` |
| **External Dependencies** | `pkgpics` |
| **Key Parameters** | `paths: list = ["a.pic", "b.pic"]` - the pictures |
| **Outputs** | `pics` |

### Step 2: Shrink All

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpics.Pic.shrink(self, size: int, mode: Mode = Mode.FAST) -> str` |
| **Implementation** | `Demo_Shrink_All` |
| **External Dependencies** | `pkgpics` |
| **Key Parameters** | `mode: Mode` - the resampling mode (Mode.FAST, Mode.SLOW) |
| **Inputs** | `pics` from Step 1 |
| **Outputs** | `shrunk` |
"""

PKGPICS = PKGENUM + "\n\ndef open_all(paths):\n    return [Pic() for _ in paths]\n"


def test_an_enum_member_of_a_call_on_a_comprehension_variable_is_looked_up_inside_it(tmp_path):
    """Pillow trial: `dither = member(t.quantize, "dither", dither)` went before `[t.quantize(dither=dither) for t in
    tiles]`, where t does not exist yet: every run failed (NameError) and ruff flagged the generated repository
    (F821). A receiver only the comprehension binds has the member looked up in the call itself."""
    build_file_tree(tmp_path / "lib", {"pkgpics/__init__.py": PKGPICS})
    page = "import pkgpics\n\nshrunk = [p.shrink(4) for p in pics]\n"
    pages = example_pages({"implementations/Demo_Shrink_All.md": page})
    item = generated(tmp_path, {"_WorkflowIndex.md": PICS_INDEX, **pages})
    body = item.plan.steps[1].binding.body.replace("'", '"')
    assert 'argument(p.shrink, "mode", mode)' in body and "mode = argument(" not in body, body
    ruff = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "F", "src"],
        cwd=item.output_dir,
        capture_output=True,
        text=True,
    )
    assert ruff.returncode == 0, ruff.stdout
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.mode=SLOW")
    assert "shrunk: list of 2: '4:SLOW', '4:SLOW'" in proc.stderr, proc.stderr


STOPSET_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Stop_Words

**Description:** Keep the words of a text that are no stop words.

### Step 1: Keep

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgstopset.keep(text: str, stop: set) -> list` |
| **Implementation** | `Demo_Keep` |
| **External Dependencies** | `pkgstopset` |
| **Key Parameters** | `text: str = "the cat and a dog"` - the text |
| **Outputs** | `words` |
"""

PKGSTOPSET = (
    "def keep(text, stop):\n"
    "    if not isinstance(stop, set):\n"
    "        raise TypeError('stop must be a set')\n"
    "    return [w for w in text.split() if w not in stop | {'and'}]\n"
)


def test_a_set_the_example_passes_is_a_list_in_config_and_a_set_in_the_call(tmp_path):
    """xgboost trial: `xgb.cv(..., metrics={"error"})` lifted to a key whose default was a Python set: TOML holds no
    set, the key was left commented out, and the generated config check refused the default ("expected list[str],
    got set"), failing every run and the repository's own tests. The key holds a list; the step passes the set."""
    build_file_tree(tmp_path / "lib", {"pkgstopset/__init__.py": PKGSTOPSET})
    example = 'import pkgstopset\n\nwords = pkgstopset.keep(text, stop={"the", "a"})\n'
    pages = example_pages({"implementations/Demo_Keep.md": example})
    item = generated(tmp_path, {"_WorkflowIndex.md": STOPSET_INDEX, **pages})
    keep = item.plan.steps[0].binding
    stop = next(p for p in keep.params if p.name == "stop")
    assert sorted(ast.literal_eval(stop.default or "")) == ["a", "the"], stop
    assert "stop=set(stop)" in keep.body.replace(" ", ""), keep.body
    run_generated_tests(item, tmp_path / "lib")
    assert "words: list of 2: 'cat', 'dog'" in run_workflow(item, tmp_path / "lib").stderr
    proc = run_workflow(item, tmp_path / "lib", "--set", '1.stop=["cat"]')
    assert "words: list of 3: 'the', 'a', 'dog'" in proc.stderr, proc.stderr


PEAKS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Peaks

**Description:** Acquire a signal, smooth it, find its peaks.

### Step 1: Acquire

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpeaks.acquire() -> tuple` |
| **Implementation** | `Demo_Acquire` |
| **External Dependencies** | `pkgpeaks` |
| **Outputs** | `x` - the signal, `fs` - its sampling rate |

### Step 2: Smooth

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpeaks.smooth(x: list) -> list` |
| **Implementation** | `Demo_Smooth` |
| **External Dependencies** | `pkgpeaks` |
| **Inputs** | `x` from Step 1 |
| **Outputs** | `filtered` |

### Step 3: Find Peaks

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpeaks.signal.find(x, height=None) -> (peaks, properties)` |
| **Implementation** | `Demo_Find` |
| **External Dependencies** | `pkgpeaks` |
| **Key Parameters** | `x: list` - the `filtered` signal from Step 2, `height: float` - smallest peak |
| **Inputs** | `filtered` from Step 2, `fs` from Step 1 |
| **Outputs** | `peaks`, `properties` |
"""

PKGPEAKS = {
    "pkgpeaks/__init__.py": (
        "def acquire():\n    return [0, 5, 0, 5, 0], 2\n\n\n"
        "def smooth(x):\n    return [v / 5 for v in x]\n\n\n"
        "def demo():\n    return [0, 9, 0]\n"
    ),
    "pkgpeaks/signal.py": (
        "def find(x, height=None):\n"
        "    peaks = [v for v in x if height is None or v >= height]\n"
        "    return peaks, {'count': len(peaks)}\n"
    ),
}

PEAKS_PAGES = example_pages(
    {
        "implementations/Demo_Acquire.md": "import pkgpeaks\n\nx, fs = pkgpeaks.acquire()\n",
        "implementations/Demo_Smooth.md": "import pkgpeaks\n\nfiltered = pkgpeaks.smooth(x)\n",
        "implementations/Demo_Find.md": [
            "import pkgpeaks\nfrom pkgpeaks.signal import find\n\nx = pkgpeaks.demo()\npeaks, _ = find(x, height=2)\n",
            'peaks, properties = find(x, height=3)\nproperties["count"]\n',
            "peaks, _ = find(filtered, height=0.5 * fs)\n",
        ],
    }
)


def test_a_snippet_calling_the_cited_api_and_reading_the_cited_inputs_is_the_steps(tmp_path):
    """scipy trial: find_peaks' page has the docs' demo (`x = electrocardiogram()`, `find_peaks(x, distance=150)`),
    a snippet on `x` returning the Outputs' `properties`, and a snippet `find_peaks(filtered, height=0.5,
    distance=int(0.4 * fs))` reading exactly what the Inputs cite; the step found peaks in step 1's raw signal
    (187 instead of 10). A snippet's bare `find_peaks` borrowed its import from the demo, so it counted as missing,
    although the API cell gives its module (`scipy.signal.find_peaks`); and making the names the Outputs give
    outranked reading the Inputs. Now a name the API cell qualifies borrows nothing in doubt, and the cited Inputs
    read come before the results' names."""
    build_file_tree(tmp_path / "lib", PKGPEAKS)
    item = generated(tmp_path, {"_WorkflowIndex.md": PEAKS_INDEX, **PEAKS_PAGES})
    find = item.plan.steps[2].binding
    assert set(find.consumes) == {"filtered", "fs"}, find.body
    run_generated_tests(item, tmp_path / "lib")
    proc = run_workflow(item, tmp_path / "lib")
    assert "peaks: list of 2: 1, 1" in proc.stderr, proc.stderr


FITCURVE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Curve_Fit

**Description:** Load points, write the model function, fit it.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfitcurve.load() -> tuple` |
| **Implementation** | `Demo_Load_Points` |
| **External Dependencies** | `pkgfitcurve` |
| **Outputs** | `xdata`, `ydata` |

### Step 2: Model Function

| Attribute | Value |
|-----------|-------|
| **API Call** | User-defined callable `f(x, *params) -> float` (e.g. `def model(x, a): return a * x`) |
| **Implementation** | `Demo_Model_Function` |
| **Inputs** | Knowledge of the process |
| **Outputs** | `model: Callable` - the model function |

### Step 3: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfitcurve.fit(f, xdata, ydata) -> float` |
| **Implementation** | `Demo_Fit` |
| **External Dependencies** | `pkgfitcurve` |
| **Inputs** | `model` from Step 2, `xdata` and `ydata` from Step 1 |
| **Outputs** | `popt` |
"""

PKGFITCURVE = (
    "def load():\n    return [1.0, 2.0, 3.0], [3.0, 6.0, 9.0]\n\n\n"
    "def fit(f, xdata, ydata):\n"
    "    return min(range(1, 10), key=lambda a: sum((f(x, a) - y) ** 2 for x, y in zip(xdata, ydata)))\n"
)

FITCURVE_PAGES = example_pages(
    {
        "implementations/Demo_Load_Points.md": "import pkgfitcurve\n\nxdata, ydata = pkgfitcurve.load()\n",
        "implementations/Demo_Model_Function.md": (
            "def func(x, a):\n    return a * x\n\nxdata = [0.5, 1.5]\nydata = [func(x, 2) for x in xdata]\n"
        ),
        "implementations/Demo_Fit.md": (
            "import pkgfitcurve\n\ndef func(x, a):\n    return a * x + 1\n\n"
            "popt = pkgfitcurve.fit(func, xdata, ydata)\n"
        ),
    }
)


def test_a_user_defined_function_step_hands_on_its_def_and_the_fit_step_takes_it(tmp_path):
    """scipy trial: "User-defined callable `f(x, *params)`" with Outputs "`model: Callable`" was bound as the page's
    whole demo (the def, then sample data made with it): the sample data became `model`, and step 1's `xdata` was
    replaced by the demo's grid; the curve_fit step defined its own `func` and never used `model`. The cell's
    "User-defined" makes the step a pattern, whose example def is handed on as the callable the Outputs name; a
    later example's own def of that name is the handed-on one."""
    build_file_tree(tmp_path / "lib", {"pkgfitcurve/__init__.py": PKGFITCURVE})
    item = generated(tmp_path, {"_WorkflowIndex.md": FITCURVE_INDEX, **FITCURVE_PAGES})
    model, fit = item.plan.steps[1].binding, item.plan.steps[2].binding
    assert model.produces == ("model",), model.body
    assert "model" in fit.consumes and "def func" not in fit.body, fit.body
    run_generated_tests(item, tmp_path / "lib")
    assert "popt: 3" in run_workflow(item, tmp_path / "lib").stderr  # the model a * x fits 3x; the page's a * x + 1 not


SPLITCOL_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Label_Column

**Description:** Read a table and split off its label column.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsplitcol.read_table(path: str) -> Table` (user code splits off the label column) |
| **Implementation** | `Demo_Read_Table` |
| **External Dependencies** | `pkgsplitcol` |
| **Key Parameters** | `path: str` - the table (default "data/table.txt"), `target_column: str` - name of the label column, defaults to "label" (the others are features) |
| **Outputs** | `X`, `y` |
"""

PKGSPLITCOL = """class Table(dict):
    def drop(self, columns):
        return Table({k: v for k, v in self.items() if k not in columns})


def read_table(path):
    with open(path, encoding="utf-8") as fp:
        header, *rows = [line.split() for line in fp.read().splitlines()]
    return Table({name: [row[i] for row in rows] for i, name in enumerate(header)})
"""


def test_the_column_an_example_splits_off_is_the_documented_column_key(tmp_path):
    """optuna and xgboost trials: "`target_column: str` - name of the label column (default "label")", while the
    example splits off `df.pop("churn")` (or `df["label"]` and `df.drop(columns=["label"])`): the label stayed
    hard-coded (KeyError on a user's table), or `drop(columns=...)` became a key of its own that the label did not
    follow. The one text the statements select a column by is the documented column key, everywhere, with the
    documented default."""
    build_file_tree(tmp_path / "lib", {"pkgsplitcol/__init__.py": PKGSPLITCOL})
    example = (
        'import pkgsplitcol\n\ndf = pkgsplitcol.read_table("data/table.txt")\n'
        'y = df["churn"]\nX = df.drop(columns=["churn"])\n'
    )
    pages = example_pages({"implementations/Demo_Read_Table.md": example})
    item = generated(tmp_path, {"_WorkflowIndex.md": SPLITCOL_INDEX, **pages})
    load = item.plan.steps[0].binding
    params = {p.name: p.default for p in load.params}
    assert ast.literal_eval(params["target_column"] or "") == "label" and "columns" not in params, params
    assert "churn" not in load.body, load.body
    build_file_tree(item.output_dir / "data", {"table.txt": "size label\n3 yes\n5 no\n"})
    proc = run_workflow(item, tmp_path / "lib")
    assert "y: list of 2: 'yes', 'no'" in proc.stderr and "X: Table of 1" in proc.stderr, proc.stderr
    build_file_tree(item.output_dir / "data", {"table.txt": "size churned\n3 yes\n5 no\n"})
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.target_column=churned")
    assert "y: list of 2: 'yes', 'no'" in proc.stderr and "X: Table of 1" in proc.stderr, proc.stderr
    # a `target` that names no column (a language) takes no column's text
    other = SPLITCOL_INDEX.replace(
        '`target_column: str` - name of the label column, defaults to "label" (the others are features)',
        '`target: str` - the language of the labels (default "de")',
    )
    item = generated(tmp_path / "other", {"_WorkflowIndex.md": other, **pages})
    assert "churn" in item.plan.steps[0].binding.body, item.plan.steps[0].binding.body


PERSPLIT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Per_Split

**Description:** Split rows, wrap each split, compare the splits.

### Step 1: Split

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpersplit.split_rows(n: int = 8, test_size: float = 0.25) -> tuple` |
| **Implementation** | `Demo_Split_Rows` |
| **External Dependencies** | `pkgpersplit` |
| **Key Parameters** | `n: int` - rows (8), `test_size: float` - held-out fraction (0.25) |
| **Outputs** | `X_train, X_test, y_train, y_test` lists |

### Step 2: Wrap

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpersplit.Matrix(data, label=None, **kwargs) -> Matrix` |
| **Implementation** | `Demo_Matrix` |
| **External Dependencies** | `pkgpersplit` |
| **Inputs** | `X_train, y_train, X_test, y_test` from Step 1 |
| **Outputs** | `mtrain`, `mtest` Matrix objects |

### Step 3: Compare

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpersplit.compare(train: Matrix, test: Matrix) -> str` |
| **Implementation** | `Demo_Compare` |
| **External Dependencies** | `pkgpersplit` |
| **Inputs** | `mtrain`, `mtest` from Step 2 |
| **Outputs** | `report: str` |
"""

PKGPERSPLIT = """class Matrix:
    def __init__(self, data, label=None, **kwargs):
        self.data, self.label = list(data), list(label or [])
        assert len(self.data) == len(self.label)


def split_rows(n=8, test_size=0.25):
    rows = [[i, i * i] for i in range(n)]
    labels = [i % 2 for i in range(n)]
    cut = n - int(n * test_size)
    return rows[:cut], rows[cut:], labels[:cut], labels[cut:]


def compare(train, test):
    return f"train {len(train.data)} test {len(test.data)} first test row {test.data[0]}"
"""


def test_a_call_the_outputs_name_for_each_split_is_made_on_each_cited_split(tmp_path):
    """xgboost trial: "`dtrain`, `dtest` DMatrix objects" from "`X_train, y_train, X_test, y_test` from Step 1", while
    the example builds one, `dtrain = xgb.DMatrix(X, label=y, feature_names=names)`: the feature-name list was
    renamed `dtest` (a list where the next step wants a DMatrix) and dtrain was built from all rows. The call is made
    once for each split the Outputs name, on that split's cited results; a span listing names cites each."""
    build_file_tree(tmp_path / "lib", {"pkgpersplit/__init__.py": PKGPERSPLIT})
    pages = example_pages(
        {
            "implementations/Demo_Split_Rows.md": (
                "import pkgpersplit\n\nX_train, X_test, y_train, y_test = pkgpersplit.split_rows(8, test_size=0.25)\n"
            ),
            "implementations/Demo_Matrix.md": (
                "import pkgpersplit\n\nX = [[1, 2], [3, 4]]\ny = [0, 1]\nnames = [f'f{i}' for i in range(2)]\n"
                "mtrain = pkgpersplit.Matrix(X, label=y, feature_names=names)\nprint(len(mtrain.data))\n"
            ),
            "implementations/Demo_Compare.md": "import pkgpersplit\n\nreport = pkgpersplit.compare(mtrain, mtest)\n",
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": PERSPLIT_INDEX, **pages})
    wrap = item.plan.steps[1].binding
    assert "mtest = pkgpersplit.Matrix(X_test, label=y_test" in wrap.body, wrap.body
    assert "mtrain = pkgpersplit.Matrix(X_train, label=y_train" in wrap.body, wrap.body
    assert wrap.body.count("**extra_kwargs") == 2 and "[[1, 2], [3, 4]]" not in wrap.body, wrap.body
    run_generated_tests(item, tmp_path / "lib")
    assert "train 6 test 2 first test row [6, 36]" in run_workflow(item, tmp_path / "lib").stderr


def test_a_list_the_example_makes_is_not_renamed_to_an_output_of_a_class(tmp_path):
    """The one result the Outputs name that the step does not make goes to the one name the example makes beside
    its call, but not when the Outputs give it a class ("`mtest` Matrix") and the example makes that name as a
    list (`names = [...]`): a later step would get a list where it wants a Matrix."""
    index = PERSPLIT_INDEX.replace("`X_train, y_train, X_test, y_test` from Step 1", "`X_train`, `y_train` from Step 1")
    pages = example_pages(
        {
            "implementations/Demo_Split_Rows.md": (
                "import pkgpersplit\n\nX_train, X_test, y_train, y_test = pkgpersplit.split_rows(8, test_size=0.25)\n"
            ),
            "implementations/Demo_Matrix.md": (
                "import pkgpersplit\n\nnames = [f'f{i}' for i in range(2)]\n"
                "mtrain = pkgpersplit.Matrix(X_train, label=y_train, feature_names=names)\n"
            ),
            "implementations/Demo_Compare.md": "import pkgpersplit\n\nreport = pkgpersplit.compare(mtrain, mtest)\n",
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": index, **pages})
    wrap = item.plan.steps[1].binding
    assert "names = [" in wrap.body and "mtest = [" not in wrap.body, wrap.body


CITEDREAD_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Image_Chain

**Description:** Open pixels, flip, boost, annotate, save.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcitedread.open(fp: str) -> Img` |
| **Implementation** | `Demo_Open` |
| **External Dependencies** | `pkgcitedread` |
| **Key Parameters** | `fp: str` - the pixel file (default "data/pixels.txt") |
| **Inputs** | Pixel file provided by the user |
| **Outputs** | `Img` |

### Step 2: Flip

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcitedread.flip(image: Img) -> Img` |
| **Implementation** | `Demo_Flip` |
| **External Dependencies** | `pkgcitedread` |
| **Inputs** | `photo` from Step 1 |
| **Outputs** | Flipped `Img` |

### Step 3: Boost

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcitedread.boost(image: Img, factor: int = 2) -> Img` |
| **Implementation** | `Demo_Boost` |
| **External Dependencies** | `pkgcitedread` |
| **Key Parameters** | `factor: int` - multiplier (default 3) |
| **Inputs** | Flipped image from Step 2 |
| **Outputs** | Boosted `Img` |

### Step 4: Annotate

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcitedread.Draw(im).text(xy: tuple, text: str) -> None` |
| **Implementation** | `Demo_Draw` |
| **External Dependencies** | `pkgcitedread` |
| **Key Parameters** | `text: str` - the caption (default "hello") |
| **Inputs** | Boosted image from Step 3 |
| **Outputs** | The same image with the caption drawn on it |

### Step 5: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `image.save(fp: str)` |
| **Implementation** | `Demo_Save` |
| **External Dependencies** | `pkgcitedread` |
| **Key Parameters** | `fp: str` - output path (default "out/result.txt") |
| **Inputs** | Annotated image from Step 4 |
| **Outputs** | Text file on disk |
"""

PKGCITEDREAD = """from pathlib import Path


class Img:
    def __init__(self, pixels):
        self.pixels, self.notes = list(pixels), []

    def convert(self, mode):
        copy = Img(self.pixels)
        copy.notes = list(self.notes)
        return copy

    def save(self, fp):
        Path(fp).parent.mkdir(parents=True, exist_ok=True)
        Path(fp).write_text(" ".join(map(str, self.pixels)) + "|" + ",".join(self.notes))


def open(fp):
    return Img(int(x) for x in Path(fp).read_text().split())


def flip(image):
    return Img(reversed(image.pixels))


def boost(image, factor=2):
    return Img(p * factor for p in image.pixels)


class Draw:
    def __init__(self, im):
        self.im = im

    def text(self, xy, text):
        self.im.notes.append(text)
"""


def test_a_step_citing_an_earlier_result_by_description_takes_it_instead_of_reading_a_file(tmp_path):
    """Pillow trial: Inputs "Upright image from Step 2", "Blurred image from Step 5", "Annotated image from Step 6"
    (no name in backticks), while the examples open files of their own (`im = Image.open("upright.jpg")`,
    `Image.open("soft.png").convert("RGB")`) by the call step 1 opened the user's photo with, or save an
    `annotated` nothing makes: each step worked on the first photo again, or on a file the user never has, or
    was a stub. The read stands for the cited step's result; an object nothing makes that the step's method is
    called on is the cited step's result, or what it drew on (`ImageDraw.Draw(im).text(...)` changes `im`)."""
    build_file_tree(tmp_path / "lib", {"pkgcitedread/__init__.py": PKGCITEDREAD})
    pages = example_pages(
        {
            "implementations/Demo_Open.md": 'import pkgcitedread\n\nphoto = pkgcitedread.open("data/pixels.txt")\n',
            "implementations/Demo_Flip.md": "import pkgcitedread\n\nflipped = pkgcitedread.flip(photo)\n",
            "implementations/Demo_Boost.md": (
                'import pkgcitedread\n\nim = pkgcitedread.open("flipped.txt")\nboosted = pkgcitedread.boost(im, 3)\n'
            ),
            "implementations/Demo_Draw.md": (
                'import pkgcitedread\n\nim = pkgcitedread.open("boosted.txt").convert("RGB")\n'
                'draw = pkgcitedread.Draw(im)\ndraw.text((0, 0), "hello")\n'
            ),
            "implementations/Demo_Save.md": 'annotated.save("out/result.txt")\n',
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": CITEDREAD_INDEX, **pages})
    steps = [s.binding for s in item.plan.steps]
    assert "boost(flipped" in steps[2].body and "flipped.txt" not in steps[2].body, steps[2].body
    assert "boosted.convert(" in steps[3].body, steps[3].body
    assert steps[4].status.value == "bound" and "im.save(fp" in steps[4].body, steps[4].body
    build_file_tree(item.output_dir / "data", {"pixels.txt": "1 2 3"})
    run_generated_tests(item, tmp_path / "lib")
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "out/result.txt").read_text() == "9 6 3|hello"


PLAINFMT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Templates

**Description:** Set a template processor.

### Step 1: Template

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgplainfmt.template(single: str, pair: str) -> str` |
| **Implementation** | `Demo_Template` |
| **External Dependencies** | `pkgplainfmt` |
| **Outputs** | `processor` |
"""


def test_an_f_string_with_nothing_to_format_is_a_plain_string_key(tmp_path):
    """tokenizers trial: `single=f"[CLS]:0 $A:0 [SEP]:0"` (HF course code) was copied as written: ruff F541 failed
    the generated repository, and the template, a plain text, was no key."""
    build_file_tree(
        tmp_path / "lib", {"pkgplainfmt/__init__.py": "def template(single, pair):\n    return single + ' / ' + pair\n"}
    )
    example = 'import pkgplainfmt\n\nprocessor = pkgplainfmt.template(single=f"[CLS] $A", pair=f"[CLS] $A $B")\n'
    pages = example_pages({"implementations/Demo_Template.md": example})
    item = generated(tmp_path, {"_WorkflowIndex.md": PLAINFMT_INDEX, **pages})
    params = {p.name: p.default for p in item.plan.steps[0].binding.params}
    assert params.get("single") == repr("[CLS] $A") and params.get("pair") == repr("[CLS] $A $B"), params
    assert ruff("check", "--no-cache", str(item.output_dir)).returncode == 0
    assert "processor: '[CLS] $A / [CLS] $A $B'" in run_workflow(item, tmp_path / "lib").stderr


SUFFIXNAME_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Kind_Of_Name

**Description:** Build a tokenizer, set its normalizer, encode.

### Step 1: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsuffixname.Tokenizer(prefix: str = "#")` |
| **Implementation** | `Demo_Tokenizer` |
| **External Dependencies** | `pkgsuffixname` |
| **Outputs** | `bert_tokenizer` |

### Step 2: Normalize

| Attribute | Value |
|-----------|-------|
| **API Call** | `bert_tokenizer.normalizer = pkgsuffixname.Lower()` |
| **Implementation** | `Demo_Lower` |
| **External Dependencies** | `pkgsuffixname` |
| **Inputs** | `bert_tokenizer` from Step 1 |
| **Outputs** | `bert_tokenizer` with its normalizer set |

### Step 3: Encode

| Attribute | Value |
|-----------|-------|
| **API Call** | `bert_tokenizer.encode(text: str) -> str` |
| **Implementation** | `Demo_Encode` |
| **External Dependencies** | `pkgsuffixname` |
| **Key Parameters** | `text: str` - the text (default "Hello World") |
| **Inputs** | `bert_tokenizer` from Step 2 |
| **Outputs** | `encoded` |
"""

PKGSUFFIXNAME = """class Lower:
    def __call__(self, text):
        return text.lower()


class Tokenizer:
    def __init__(self, prefix="#"):
        self.prefix, self.normalizer = prefix, None

    def encode(self, text):
        return self.prefix + (self.normalizer(text) if self.normalizer else text)
"""


def test_a_generic_name_the_example_reads_is_the_cited_result_of_that_kind(tmp_path):
    """tokenizers trial: `tokenizer.normalizer = normalizers.BertNormalizer(...)` (course code), where the Inputs
    say "`bert_tokenizer` from Step 1": `tokenizer` became a required key loaded with AutoTokenizer (a Hub id for
    a tokenizer trained two steps later), and the steps after it used that one. A name the step reads that
    nothing makes is the one cited result whose name ends with it (`bert_tokenizer` is a kind of tokenizer)."""
    build_file_tree(tmp_path / "lib", {"pkgsuffixname/__init__.py": PKGSUFFIXNAME})
    pages = example_pages(
        {
            "implementations/Demo_Tokenizer.md": 'import pkgsuffixname\n\nbert_tokenizer = pkgsuffixname.Tokenizer("#")\n',
            "implementations/Demo_Lower.md": "import pkgsuffixname\n\ntokenizer.normalizer = pkgsuffixname.Lower()\n",
            "implementations/Demo_Encode.md": 'encoded = bert_tokenizer.encode("Hello World")\n',
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": SUFFIXNAME_INDEX, **pages})
    lower = item.plan.steps[1].binding
    assert lower.consumes == ("bert_tokenizer",) and not any(p.loader for p in lower.params), lower.body
    run_generated_tests(item, tmp_path / "lib")
    assert "encoded: '#hello world'" in run_workflow(item, tmp_path / "lib").stderr


NESTEDINIT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Nested_Constructor

**Description:** Wrap a model in a tokenizer.

### Step 1: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgnestedinit.Outer(pkgnestedinit.Inner(vocab=None, unk="[U]", max_chars=100))` |
| **Implementation** | `Demo_Inner` |
| **External Dependencies** | `pkgnestedinit` |
| **Key Parameters** | `unk: str` - unknown token (default "[U]"), `max_chars: int` - longest word (default 100) |
| **Outputs** | `tok` |
"""

PKGNESTEDINIT = """class Inner:
    def __init__(self, vocab=None, unk="[U]", max_chars=100):
        self.unk, self.max_chars = unk, max_chars


def Outer(model):
    return f"Outer({model.unk}, {model.max_chars})"
"""


def test_the_documented_parameters_of_a_constructor_inside_the_api_call_go_to_it(tmp_path):
    """tokenizers trial: `Tokenizer(models.WordPiece(vocab=None, unk_token="[UNK]", max_input_chars_per_word=100,
    ...))` with the page's signature WordPiece's `__init__`: that signature was taken for Tokenizer's, and the
    documented keys were passed to Tokenizer (TypeError on every run; `unk_token` twice as keys). The page's
    constructor is the constructor of the class it declares, and its documented parameters go to that call."""
    build_file_tree(tmp_path / "lib", {"pkgnestedinit/__init__.py": PKGNESTEDINIT})
    page = example_pages(
        {
            "implementations/Demo_Inner.md": 'import pkgnestedinit\n\ntok = pkgnestedinit.Outer(pkgnestedinit.Inner(unk="[U]"))\n'
        }
    )
    signature = (
        '=== Signature ===\n<syntaxhighlight lang="python">\nclass Inner(Model):\n'
        '    def __init__(self, vocab: dict | None = None, unk: str = "[U]", max_chars: int = 100) -> None: ...\n'
        "</syntaxhighlight>\n\n"
    )
    pages = {path: signature + text for path, text in page.items()}
    item = generated(tmp_path, {"_WorkflowIndex.md": NESTEDINIT_INDEX, **pages})
    body = item.plan.steps[0].binding.body
    assert "Outer(pkgnestedinit.Inner(unk=unk,max_chars=max_chars" in "".join(body.split()), body
    run_generated_tests(item, tmp_path / "lib")
    assert "tok: 'Outer([U], 7)'" in run_workflow(item, tmp_path / "lib", "--set", "1.max_chars=7").stderr


TRAINOUT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Train_Then_Generate

**Description:** Train a model through a trainer, then generate with it.

### Step 1: Model

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtrainout.Model()` |
| **Implementation** | `Demo_Model` |
| **External Dependencies** | `pkgtrainout` |
| **Outputs** | `model` |

### Step 2: Trainer

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtrainout.Trainer(model)` |
| **Implementation** | `Demo_Trainer` |
| **External Dependencies** | `pkgtrainout` |
| **Inputs** | `model` from Step 1 |
| **Outputs** | `trainer` |

### Step 3: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `trainer.train() -> TrainOutput` |
| **Implementation** | `Demo_Train` |
| **External Dependencies** | `pkgtrainout` |
| **Inputs** | `trainer` from Step 2 |
| **Outputs** | `TrainOutput(global_step, training_loss)`; the trained model stays in `trainer.model` |

### Step 4: Generate

| Attribute | Value |
|-----------|-------|
| **API Call** | `model.generate(inputs: list) -> str` |
| **Implementation** | `Demo_Generate` |
| **External Dependencies** | `pkgtrainout` |
| **Key Parameters** | `prompt: str` - text in the training template (e.g. "Q: what is it? A:") |
| **Inputs** | `trainer.model` from Step 3 |
| **Outputs** | `text` |
"""

PKGTRAINOUT = """class Model:
    trained = False

    def generate(self, inputs):
        return ("trained: " if self.trained else "untrained: ") + inputs[0]


def encode(text):
    return [text]


class TrainOutput(tuple):
    pass


class Trainer:
    def __init__(self, model):
        self.model = model

    def train(self):
        self.model.trained = True
        return TrainOutput((1, 0.5))
"""

TRAINOUT_PAGES = {
    "implementations/Demo_Model.md": "import pkgtrainout\n\nmodel = pkgtrainout.Model()\n",
    "implementations/Demo_Trainer.md": "import pkgtrainout\n\ntrainer = pkgtrainout.Trainer(model)\n",
    "implementations/Demo_Train.md": "trainer.train()\n",
    "implementations/Demo_Generate.md": (
        'import pkgtrainout\n\ninputs = pkgtrainout.encode("Q: tell me a story A:")\ntext = model.generate(inputs)\n'
    ),
}


def test_an_attribute_of_an_earlier_result_in_the_outputs_names_no_result(tmp_path):
    """trl trial: Outputs "`TrainOutput(global_step, training_loss, metrics)`; the trained model stays in
    `trainer.model`": the span `trainer.model` was read as a type and named the training result `model`, which
    replaced step 1's model; generation then called `generate` on a TrainOutput. An attribute of an earlier
    result is no type: the result is named for what the API returns."""
    build_file_tree(tmp_path / "lib", {"pkgtrainout/__init__.py": PKGTRAINOUT})
    item = generated(tmp_path, {"_WorkflowIndex.md": TRAINOUT_INDEX, **example_pages(TRAINOUT_PAGES)})
    assert "model" not in item.plan.steps[2].binding.produces, item.plan.steps[2].binding.body
    run_generated_tests(item, tmp_path / "lib")
    assert "text: 'trained: " in run_workflow(item, tmp_path / "lib").stderr


def test_the_one_sentence_a_step_writes_is_its_documented_text_key(tmp_path):
    """trl trial: "`prompt: str` - text in the training template (e.g. ...)", while the example tokenizes a prompt
    of its own through the tokenizer: the prompt stayed in the code and no key set it. The one sentence the statements write is the one
    documented text key (prompt, query, caption...) left to place."""
    build_file_tree(tmp_path / "lib", {"pkgtrainout/__init__.py": PKGTRAINOUT})
    item = generated(tmp_path, {"_WorkflowIndex.md": TRAINOUT_INDEX, **example_pages(TRAINOUT_PAGES)})
    generate_step = item.plan.steps[3].binding
    assert "tell me a story" not in generate_step.body and "prompt" in {p.name for p in generate_step.params}
    proc = run_workflow(item, tmp_path / "lib", "--set", '4.prompt="Q: why? A:"')
    assert "text: 'trained: Q: why? A:'" in proc.stderr, proc.stderr


def test_a_module_the_example_calls_is_never_the_cited_result(tmp_path):
    """Review guard: the object a step's method is called on that nothing makes is the cited step's result only
    for a method the API cell writes on an object; `np.save(...)` (a module's function, never imported by the
    example) keeps its module."""
    pages = example_pages(
        {
            "implementations/Demo_Open.md": 'import pkgcitedread\n\nphoto = pkgcitedread.open("data/pixels.txt")\n',
            "implementations/Demo_Flip.md": "import pkgcitedread\n\nflipped = pkgcitedread.flip(photo)\n",
            "implementations/Demo_Boost.md": "import pkgcitedread\n\nboosted = pkgcitedread.boost(flipped, 3)\n",
            "implementations/Demo_Draw.md": 'import pkgcitedread\n\ndraw = pkgcitedread.Draw(boosted)\ndraw.text((0, 0), "hi")\n',
            "implementations/Demo_Save.md": 'np.save("out/result.npy", annotated)\n',
        }
    )
    item = generated(
        tmp_path, {"_WorkflowIndex.md": CITEDREAD_INDEX.replace("`image.save(fp: str)`", "`np.save(fp: str)`"), **pages}
    )
    body = item.plan.steps[4].binding.body
    assert "boosted.save(" not in body, body


VARIANT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Variant_Examples

**Description:** Build rows, train on them, then keep a sample of them.

### Step 1: Rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgvariant.Rows(count: int)` |
| **Implementation** | `Demo_Rows` |
| **External Dependencies** | `pkgvariant` |
| **Key Parameters** | `count: int` - how many rows (default 30) |
| **Outputs** | `rows` |

### Step 2: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `rows.train(resume: bool = None) -> Result` |
| **Implementation** | `Demo_Train` |
| **External Dependencies** | `pkgvariant` |
| **Key Parameters** | `resume: bool` - True resumes from the latest checkpoint in the folder (default None) |
| **Inputs** | `rows` from Step 1 |
| **Outputs** | `Result` of the run (its loss) |

### Step 3: Sample

| Attribute | Value |
|-----------|-------|
| **API Call** | `rows.take(indices)` |
| **Implementation** | `Demo_Take` |
| **External Dependencies** | `pkgvariant` |
| **Key Parameters** | `indices: range` - rows to keep, usually `range(min(num_samples, len(rows)))`; `num_samples` = 12 for the toy data |
| **Inputs** | `rows` from Step 1 |
| **Outputs** | `sample` |
"""

PKGVARIANT = """class Rows(list):
    def __init__(self, count=30):
        super().__init__(range(count))

    def train(self, resume=None):
        if resume:
            raise ValueError("No valid checkpoint found in the folder")
        return "trained"

    def log(self, result):
        return None

    def take(self, indices):
        return [self[i] for i in indices]
"""

VARIANT_PAGES = {
    "implementations/Demo_Rows.md": "import pkgvariant\n\nrows = pkgvariant.Rows(30)\n",
    "implementations/Demo_Train.md": [
        "result = rows.train()\nrows.log(result)\n",
        "rows.train(resume=True)\n",
    ],
    "implementations/Demo_Take.md": [
        "sample = rows.take(range(100))\n",
        "num_samples = 12\nsample = rows.take(range(min(num_samples, len(rows))))\nprint(len(sample))\n",
    ],
}


def test_of_examples_otherwise_alike_the_one_the_table_describes_is_bound(tmp_path):
    """datasets and trl trials: the shortest example was bound, whatever the Key Parameters said: a variant for
    resuming (`train(resume_from_checkpoint=True)`, against "(default None)") made the first run fail with "no valid
    checkpoint", and `select(range(100))` failed on 17 rows where the table asks for `range(min(num_samples,
    len(dataset)))` with `num_samples` = 12, as another example does. An example turning a flag from the default
    the table states loses to one that leaves it; one holding the value the table gives wins."""
    build_file_tree(tmp_path / "lib", {"pkgvariant/__init__.py": PKGVARIANT})
    item = generated(tmp_path, {"_WorkflowIndex.md": VARIANT_INDEX, **example_pages(VARIANT_PAGES)})
    train, take = item.plan.steps[1].binding, item.plan.steps[2].binding
    assert "resume=True" not in train.body and "rows.log(" in train.body, train.body
    assert {p.name: p.default for p in take.params}.get("num_samples") == "12", take.body
    run_generated_tests(item, tmp_path / "lib")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.count=17")
    assert "sample: list of 12: 0, 1, 2" in proc.stderr, proc.stderr


FILELIST_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Feed_Files

**Description:** Count the words of the user's text files.

### Step 1: Counter

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfilelist.Counter()` |
| **Implementation** | `Demo_Counter` |
| **External Dependencies** | `pkgfilelist` |
| **Outputs** | `counter` |

### Step 2: Feed

| Attribute | Value |
|-----------|-------|
| **API Call** | `counter.feed(iterator)` |
| **Implementation** | `Demo_Feed` |
| **External Dependencies** | `pkgfilelist` |
| **Key Parameters** | `iterator` - any iterator over batches of lines |
| **Inputs** | `counter` from Step 1, an iterator over the lines of the user's text files |
| **Outputs** | `words`, the number of words read |
"""

PKGFILELIST = """class Counter:
    def __init__(self):
        self.words = 0

    def feed(self, iterator):
        for batch in iterator:
            self.words += sum(len(line.split()) for line in batch)
        return self.words
"""

FILELIST_PAGES = {
    "implementations/Demo_Counter.md": "import pkgfilelist\n\ncounter = pkgfilelist.Counter()\n",
    "implementations/Demo_Feed.md": (
        "def batch_iterator(paths, batch_size=1000):\n"
        "    for path in paths:\n"
        '        with open(path, encoding="utf-8") as f:\n'
        "            lines = [line.rstrip() for line in f]\n"
        "        for i in range(0, len(lines), batch_size):\n"
        "            yield lines[i : i + batch_size]\n\n"
        'words = counter.feed(batch_iterator(["a.txt", "b.txt"]))\n'
        "print(words)\n"
    ),
}


def test_the_files_a_helper_of_the_example_reads_are_a_key(tmp_path):
    """tokenizers trial: `bert_tokenizer.train_from_iterator(batch_iterator(["a.txt", "b.txt"]), trainer=trainer)`
    stayed in the step with its file names, and the run failed on `a.txt`; no key could point it at the user's
    files. A list of file names passed to a function the example defines is a key, named after its parameter."""
    build_file_tree(tmp_path / "lib", {"pkgfilelist/__init__.py": PKGFILELIST})
    item = generated(tmp_path, {"_WorkflowIndex.md": FILELIST_INDEX, **example_pages(FILELIST_PAGES)})
    feed = item.plan.steps[1].binding
    assert "a.txt" not in feed.body and "batch_iterator(paths)" in feed.body, feed.body
    texts = build_file_tree(tmp_path / "texts", {"one.txt": "a b c\nd e\n", "two.txt": "f g h i\n"})
    run_generated_tests(item, tmp_path / "lib")
    files = f'["{texts / "one.txt"}", "{texts / "two.txt"}"]'
    proc = run_workflow(item, tmp_path / "lib", "--set", f"2.paths={files}")
    assert "words: 9" in proc.stderr, proc.stderr


UNNAMED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Own_Training_Loop

**Description:** Make rows, a small net and its optimizer, then step through the rows.

### Step 1: Rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgunnamed.rows(num_features: int)` |
| **Implementation** | `Demo_Rows` |
| **External Dependencies** | `pkgunnamed` |
| **Key Parameters** | `num_features: int` - columns of each row (default 8) |
| **Outputs** | `rows` |

### Step 2: Model and Optimizer

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgunnamed.Optimizer(params, lr: float = 0.01)` |
| **Implementation** | `Demo_Optimizer` |
| **External Dependencies** | `pkgunnamed` |
| **Key Parameters** | `lr: float` - learning rate (0.1 for the toy rows) |
| **Inputs** | `rows` from Step 1 |
| **Outputs** | `model`, `optimizer` over `model.parameters()` |

### Step 3: Train

| Attribute | Value |
|-----------|-------|
| **API Call** | `optimizer.step(row)` |
| **Implementation** | `Demo_Step` |
| **External Dependencies** | `pkgunnamed` |
| **Inputs** | `optimizer` from Step 2, `rows` from Step 1 |
| **Outputs** | `steps`, the optimizer's count of steps (one per row) |
"""

PKGUNNAMED = """class Net:
    def __init__(self, inputs, hidden):
        self.weights = [0.0] * inputs * hidden

    def parameters(self):
        return self.weights


class Optimizer:
    def __init__(self, params, lr=0.01):
        self.params, self.lr, self.steps = params, lr, 0

    def step(self, row):
        self.steps += 1


def rows(num_features):
    return [[1.0] * num_features for _ in range(5)]
"""

UNNAMED_PAGES = {
    "implementations/Demo_Rows.md": "import pkgunnamed\n\nrows = pkgunnamed.rows(8)\n",
    "implementations/Demo_Optimizer.md": [
        "from pkgunnamed import Net, Optimizer\n\nmodel = Net(8, 4)\noptimizer = Optimizer(model.parameters(), lr=0.1)\n",
        "from pkgunnamed import Optimizer\nfrom pkgother import Pretrained, warmup_schedule\n\n"
        'model = Pretrained.load("bert-base-cased")\noptimizer = Optimizer(params=model.parameters(), lr=2e-5)\n'
        "scheduler = warmup_schedule(optimizer, warmup=100)\n",
    ],
    "implementations/Demo_Step.md": (
        "for row in rows:\n    optimizer.step(row)\n    scheduler.step()\nsteps = optimizer.steps\nprint(steps)\n"
    ),
}


def test_an_example_set_up_by_a_library_the_workflow_never_names_is_not_the_step(tmp_path):
    """accelerate trial: the step builds an MLP with torch, and its page's second example ("Transformer
    classifier") loads BERT from the hub with transformers, which no cell of the workflow names. That example won
    because it also made the `lr_scheduler` later steps' examples read; the run failed reaching the hub. Then the
    MLP's `AdamW(model.parameters())` took the cited `num_features` for `model.parameters()`, and the training
    loop asked for `lr_scheduler` as a REQUIRED key. Now: the example whose setup calls a library the workflow never
    names loses; an argument read of what the step itself makes and hands on stays; a statement that only calls a
    method of an object nothing in the workflow makes is left out."""
    build_file_tree(tmp_path / "lib", {"pkgunnamed/__init__.py": PKGUNNAMED})
    item = generated(tmp_path, {"_WorkflowIndex.md": UNNAMED_INDEX, **example_pages(UNNAMED_PAGES)})
    setup, train = item.plan.steps[1].binding, item.plan.steps[2].binding
    assert "pkgother" not in setup.body and "Optimizer(model.parameters()" in setup.body, setup.body
    assert "scheduler" not in train.body and "scheduler" not in {p.name for p in train.params}, train.body
    run_generated_tests(item, tmp_path / "lib")
    proc = run_workflow(item, tmp_path / "lib")
    assert "steps: 5" in proc.stderr, proc.stderr


GPU_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Gpu_Examples

**Description:** Arguments, an accelerator, then place a model.

### Step 1: Arguments

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkggpuvalues.TrainingArgs(output_dir: str, bf16: bool = False)` |
| **Implementation** | `Demo_Args` |
| **External Dependencies** | `pkggpuvalues` |
| **Key Parameters** | `bf16: bool` - bfloat16 mixed precision |
| **Outputs** | `args` |

### Step 2: Accelerator

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkggpuvalues.Accelerator(mixed_precision: str = None)` |
| **Implementation** | `Demo_Accelerator` |
| **External Dependencies** | `pkggpuvalues` |
| **Key Parameters** | `mixed_precision: str` - "no", "fp16" or "bf16" |
| **Outputs** | `accelerator` |

### Step 3: Place

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkggpuvalues.dispatch(accelerator, max_memory: dict = None, device: str = "cpu", device_map: str = None)` |
| **Implementation** | `Demo_Dispatch` |
| **External Dependencies** | `pkggpuvalues` |
| **Key Parameters** | `max_memory: dict` - budget per device, `device: str` - where it runs |
| **Inputs** | `accelerator` from Step 2 |
| **Outputs** | `placed` |
"""

PKGGPUVALUES = """class TrainingArgs:
    def __init__(self, output_dir, bf16=False):
        if bf16:
            raise ValueError("Your setup doesn't support bf16/gpu.")
        self.output_dir = output_dir


class Accelerator:
    def __init__(self, mixed_precision=None):
        if mixed_precision in ("fp16", "bf16", "fp8"):
            raise ValueError(f"{mixed_precision} mixed precision requires a GPU")
        self.mixed_precision = mixed_precision


def dispatch(accelerator, max_memory=None, device="cpu", device_map=None):
    if any(key not in ("cpu", "disk") for key in max_memory or {}):
        raise RuntimeError("Found no NVIDIA driver on your system.")
    if device != "cpu":
        raise RuntimeError("Torch not compiled with CUDA enabled")
    return f"placed on {device} within {max_memory['cpu']}, map {device_map}"
"""

GPU_PAGES = {
    "implementations/Demo_Args.md": 'from pkggpuvalues import TrainingArgs\n\nargs = TrainingArgs(output_dir="out", bf16=True)\n',
    "implementations/Demo_Accelerator.md": (
        'from pkggpuvalues import Accelerator\n\naccelerator = Accelerator(mixed_precision="fp16")\n'
    ),
    "implementations/Demo_Dispatch.md": (
        "from pkggpuvalues import dispatch\n\nplaced = dispatch(accelerator, "
        'max_memory={0: "10GiB", 1: "10GiB", "cpu": "30GiB"}, device="cuda:0", device_map="auto")\nprint(placed)\n'
    ),
}


def test_example_values_that_need_a_gpu_default_to_the_cpu_value(tmp_path):
    """trl and accelerate trials: the examples were written on GPU machines (`bf16=True`,
    `mixed_precision="fp16"`, `max_memory={0: "10GiB", ..., "cpu": "30GiB"}`, `device="cuda:0"`), and as defaults
    they stopped the repository on a CPU ("Your setup doesn't support bf16/gpu", "Found no NVIDIA driver"). Such a
    key defaults to its CPU value, and its comment keeps the example's; `device_map="auto"`, which runs on a CPU,
    stays."""
    build_file_tree(tmp_path / "lib", {"pkggpuvalues/__init__.py": PKGGPUVALUES})
    item = generated(tmp_path, {"_WorkflowIndex.md": GPU_INDEX, **example_pages(GPU_PAGES)})
    config = (item.output_dir / "config.toml").read_text()
    for line in ("bf16 = false", 'mixed_precision = "no"', 'max_memory = { cpu = "30GiB" }', 'device = "cpu"'):
        assert f"\n{line}\n" in config, config
    assert 'device_map = "auto"' in config and "the wiki's example sets True, which needs a GPU" in config, config
    run_generated_tests(item, tmp_path / "lib")
    proc = run_workflow(item, tmp_path / "lib")
    assert "placed on cpu within 30GiB, map auto" in proc.stderr, proc.stderr


SAME_AS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Model_And_Vocab

**Description:** Load a model, then its vocabulary.

### Step 1: Model

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsameid.Model.load(pretrained_name_or_path: str)` |
| **Implementation** | `Demo_Model` |
| **External Dependencies** | `pkgsameid` |
| **Key Parameters** | `name_or_path: str` - checkpoint folder or hub id |
| **Outputs** | `model` |

### Step 2: Vocabulary

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsameid.Vocab.load(pretrained_name_or_path: str)` |
| **Implementation** | `Demo_Vocab` |
| **External Dependencies** | `pkgsameid` |
| **Key Parameters** | `name_or_path: str` - same as Step 1 |
| **Outputs** | `vocab` |
"""

PKGSAMEID = """import os


class Model:
    @classmethod
    def load(cls, pretrained_name_or_path):
        if not os.path.isdir(pretrained_name_or_path):
            raise OSError(f"no hub here: {pretrained_name_or_path}")
        return cls()


class Vocab(Model):
    pass
"""

SAME_AS_PAGES = {
    "implementations/Demo_Model.md": 'from pkgsameid import Model\n\nmodel = Model.load("org/sft-checkpoint")\n',
    "implementations/Demo_Vocab.md": 'from pkgsameid import Vocab\n\nvocab = Vocab.load("org/base-model")\n',
}


def test_a_key_parameter_the_api_name_ends_with_says_which_earlier_key_it_follows(tmp_path):
    """trl trial (DPO): the tokenizer step's Key Parameters say "`model_name_or_path` - same as Step 1", the call's
    parameter is `pretrained_model_name_or_path`, and its example loads another hub id than step 1's. The key kept
    that id: a user who pointed step 1 at a local model got an offline failure in step 2. The Key Parameter whose
    name the key's ends with describes the key, so it follows step 1's."""
    build_file_tree(tmp_path / "lib", {"pkgsameid/__init__.py": PKGSAMEID})
    item = generated(tmp_path, {"_WorkflowIndex.md": SAME_AS_INDEX, **example_pages(SAME_AS_PAGES)})
    (vocab,) = item.plan.steps[1].binding.params
    assert vocab.follows == f"{item.plan.steps[0].module}.pretrained_name_or_path", vocab
    run_generated_tests(item, tmp_path / "lib")
    local = tmp_path / "checkpoint"
    local.mkdir()
    proc = run_workflow(item, tmp_path / "lib", "--set", f"1.pretrained_name_or_path={local}")
    assert "vocab" in proc.stderr, proc.stderr


SPOKEN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Short_Rows

**Description:** Read rows, then drop the short ones.

### Step 1: Rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgspoken.Rows.read(path: str)` |
| **Implementation** | `Demo_Read` |
| **External Dependencies** | `pkgspoken` |
| **Outputs** | `rows` |

### Step 2: Drop Short Rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `rows.keep(predicate)` |
| **Implementation** | `Demo_Keep` |
| **External Dependencies** | `pkgspoken` |
| **Key Parameters** | `predicate: Callable` - keeps rows whose text is at least `min_chars` characters long (3 suits short reviews) |
| **Inputs** | `rows` from Step 1 |
| **Outputs** | `rows` (fewer) |
"""

PKGSPOKEN = """class Rows(list):
    @classmethod
    def read(cls, path):
        with open(path, encoding="utf-8") as handle:
            return cls(line.strip() for line in handle)

    def keep(self, predicate):
        kept = Rows(row for row in self if predicate(row))
        print(f"kept {len(kept)} of {len(self)}")
        return kept
"""

SPOKEN_PAGES = {
    "implementations/Demo_Read.md": 'from pkgspoken import Rows\n\nrows = Rows.read("reviews.txt")\n',
    "implementations/Demo_Keep.md": [
        "rows = rows.keep(lambda text: len(text) > 10)\nprint(len(rows))\n",
        "min_chars = 3\nrows = rows.keep(lambda text: len(text) >= min_chars)\n",
    ],
}


def test_the_example_holding_a_variable_the_key_parameters_quote_is_bound(tmp_path):
    """datasets trial: the Key Parameters say the predicate drops rows shorter than `min_chars` characters, and
    the page's second example is `min_chars = 3` with that predicate; the first, `len(text) > 10`, was bound, and
    it dropped good short reviews. The cell's code spans were read from its plain text, where none is left; a
    variable the cell quotes now counts as documented, and that example is bound with `min_chars` as its key."""
    build_file_tree(tmp_path / "lib", {"pkgspoken/__init__.py": PKGSPOKEN})
    item = generated(tmp_path, {"_WorkflowIndex.md": SPOKEN_INDEX, **example_pages(SPOKEN_PAGES)})
    keep = item.plan.steps[1].binding
    assert "> 10" not in keep.body and [p.name for p in keep.params] == ["min_chars"], keep.body
    reviews = build_file_tree(tmp_path / "data", {"reviews.txt": "great value for money\nmeh\nok\nlove it!!\n"})
    run_generated_tests(item, tmp_path / "lib")
    proc = run_workflow(item, tmp_path / "lib", "--set", f"1.path={reviews / 'reviews.txt'}")
    assert "rows: Rows of 3: 'great value for money', 'meh', 'love it!!'" in proc.stderr, proc.stderr


BEST_K_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Pick_K

**Description:** Pick the number of groups, then group.

### Step 1: Pick K

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgbestk.pick(points: list) -> int` |
| **Implementation** | `Demo_Pick` |
| **External Dependencies** | `pkgbestk` |
| **Key Parameters** | `points: list` - the values to group |
| **Outputs** | `best_k` |

### Step 2: Group

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgbestk.Groups(n_groups: int = 8, seed: int = None)` |
| **Implementation** | `Demo_Groups` |
| **External Dependencies** | `pkgbestk` |
| **Key Parameters** | `n_groups: int` - `best_k` from Step 1, `seed: int` - seed |
| **Inputs** | `best_k` from Step 1 |
| **Outputs** | `groups` |
"""

PKGBESTK = """def pick(points):
    return len(set(points))


class Groups(list):
    def __init__(self, n_groups=8, seed=None):
        super().__init__(f"group {n}" for n in range(n_groups))
"""

BEST_K_PAGES = {
    "implementations/Demo_Pick.md": "import pkgbestk\n\nbest_k = pkgbestk.pick([1, 1, 2, 2, 3, 3, 4])\n",
    "implementations/Demo_Groups.md": "from pkgbestk import Groups\n\ngroups = Groups(n_groups=4, seed=0)\n",
}


def test_a_keyword_the_key_parameters_describe_as_an_earlier_result_takes_it(tmp_path):
    """scikit-learn trial: "`n_clusters: int` - `best_k` from Step 3", and the example's `KMeans(n_clusters=4)`.
    The step kept a key holding 4, so the clustering ignored the k step 3 chose (with 3 blobs it still made 4
    clusters). The keyword takes the earlier result."""
    build_file_tree(tmp_path / "lib", {"pkgbestk/__init__.py": PKGBESTK})
    item = generated(tmp_path, {"_WorkflowIndex.md": BEST_K_INDEX, **example_pages(BEST_K_PAGES)})
    group = item.plan.steps[1].binding
    assert "best_k" in group.consumes and "n_groups" not in [p.name for p in group.params], group.body
    run_generated_tests(item, tmp_path / "lib")
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.points=[5, 5, 6, 7]")
    assert "groups: Groups of 3:" in proc.stderr, proc.stderr


SETTINGS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Settings

**Description:** A trainer made with a settings object, then a checkpoint written where the settings say.

### Step 1: Make Trainer

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsettings.Trainer(lr: float = 0.1, settings: Settings = None, logger: Logger = None) -> Trainer` |
| **External Dependencies** | `pkgsettings` |
| **Key Parameters** | `lr: float = 0.1` - the learning rate, `settings: Settings` - where checkpoints go; use `Settings(folder="runs", keep=2)`, `logger: Logger` - a logger (None: print) |
| **Outputs** | `trainer` |

### Step 2: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `trainer.save() -> str` |
| **External Dependencies** | `pkgsettings` |
| **Inputs** | `trainer` from Step 1 |
| **Outputs** | `saved` |
"""

PKGSETTINGS = '''
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Settings:
    folder: str = "."
    keep: int = 1


class Logger(dict):
    """A mapping: a table for it goes as it is."""


class Trainer:
    def __init__(self, lr: float = 0.1, settings: Settings | None = None, logger: Logger | None = None):
        self.lr, self.settings, self.logger = lr, settings or Settings(), logger

    def save(self) -> str:
        return f"{self.settings.folder}/keep{self.settings.keep}/{type(self.logger).__name__}"
'''


def test_a_key_for_a_parameter_annotated_with_a_class_takes_a_table_of_its_arguments(tmp_path):
    """accelerate trial: `project_config: ProjectConfiguration | None = None` was a config key, but config.toml can
    only write a table, and Accelerator failed on the dict ("'dict' object has no attribute 'logging_dir'"). A key
    whose real parameter is annotated with one class (not a mapping) takes a table: the step makes the object with
    the table's keys as keyword arguments; the object the Key Parameters tell to use is the key's default. A
    mapping-typed parameter gets the table as it is."""
    build_file_tree(tmp_path / "lib", {"pkgsettings/__init__.py": PKGSETTINGS})
    item = generated(tmp_path, {"_WorkflowIndex.md": SETTINGS_INDEX})
    body = item.plan.steps[0].binding.body.replace("'", '"')
    assert 'argument(pkgsettings.Trainer, "settings", settings)' in body, body

    def saved(*extra: str) -> str:
        proc = run_workflow(item, tmp_path / "lib", *extra)
        output = (proc.stdout + proc.stderr).splitlines()
        return next(line.split(": ", 1)[1] for line in output if line.strip().startswith("saved: "))

    assert 'settings = { folder = "runs", keep = 2 }' in (item.output_dir / "config.toml").read_text()
    assert saved() == "'runs/keep2/NoneType'"  # the object the Key Parameters tell to use
    assert saved("--set", "1.settings=None") == "'./keep1/NoneType'"  # the library's default
    assert saved("--set", '1.settings={folder = "out", keep = 3}', "--set", "1.logger={a = 1}") == "'out/keep3/dict'"
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "run", "--no-save", "--set", "1.settings={size = 2}"]
    proc = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode != 0 and "unexpected keyword argument 'size'" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


GRIDTAB_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Grid_Table

**Description:** A grid of candidate settings, then a search over it.

### Step 1: Grid Definition

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_grid_pattern` |
| **API Call** | N/A (plain `dict` mapping `"<step>__<param>"` to candidate lists) |
| **Key Parameters** | `grid: dict[str, list]` - e.g. `{"scaler__k": [1, 2, 3], "scaler__mode": [None, "fast"]}` |
| **Outputs** | `grid` dict |

### Step 2: Search

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkggridtab.search(grid)` |
| **External Dependencies** | `pkggridtab` |
| **Inputs** | `grid` from Step 1 |
| **Outputs** | `best` |
"""

PKGGRIDTAB = """
def search(grid):
    if not all(name.startswith("scaler__") for name in grid):
        raise ValueError(f"no such step in the pipeline: {sorted(grid)}")
    return ";".join(f"{name}={values[-1]}" for name, values in sorted(grid.items()))
"""


def test_a_value_the_key_parameters_give_for_a_steps_result_wins_over_the_pages_example(tmp_path):
    """scikit-learn trial: the grid step's Key Parameters gave the grid for this workflow's pipeline
    (`logisticregression__C`...), the implementation page's example another pipeline's (`svc__C`...); the step was
    bound to the example, and the search failed on step names the pipeline does not have. A step whose results the
    Key Parameters give as values hands those on (a key each), even where TOML cannot write them (None)."""
    build_file_tree(tmp_path / "lib", {"pkggridtab/__init__.py": PKGGRIDTAB})
    page = 'grid = {"svc__C": [0.1, 1, 10], "svc__kernel": ["rbf"]}\n'
    item = generated(
        tmp_path, {"_WorkflowIndex.md": GRIDTAB_INDEX, **example_pages({"implementations/Demo_grid_pattern.md": page})}
    )
    assert "svc__C" not in item.plan.steps[0].binding.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "best: 'scaler__k=3;scaler__mode=fast'" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    proc = run_workflow(item, tmp_path / "lib", "--set", '1.grid={"scaler__k": [4]}')
    assert "best: 'scaler__k=4'" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


FACTORY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Factory

**Description:** A network's constructor, the network built without memory, then described.

### Step 1: Network Skeleton

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_skeleton` |
| **API Call** | `pkgfactory.Net(width)` (or any user-defined network) |
| **External Dependencies** | `pkgfactory` |
| **Key Parameters** | `width: int` - the network's width (4) |
| **Outputs** | `build_net` - a zero-argument callable that returns the network (called in Step 2) |

### Step 2: Empty Network

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_lazy` |
| **API Call** | `pkgfactory.lazy()` (context manager) |
| **External Dependencies** | `pkgfactory` |
| **Inputs** | Network constructor from Step 1 |
| **Outputs** | `net` whose weights take no memory |

### Step 3: Describe

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfactory.describe(net)` |
| **External Dependencies** | `pkgfactory` |
| **Inputs** | `net` from Step 2 |
| **Outputs** | `description` |
"""

PKGFACTORY = """
import contextlib


class Net:
    def __init__(self, width):
        self.width = width


@contextlib.contextmanager
def lazy():
    yield


def describe(net):
    return f"net of width {net.width}"
"""


def test_a_function_an_earlier_step_hands_on_is_called_where_the_example_builds_its_own_object(tmp_path):
    """accelerate trial: step 1 handed on `build_model` ("a zero-argument callable ... (called in Step 2)"), step 2's
    Inputs cite "Model constructor from Step 1", but step 2 ran the page's example, `model = nn.Sequential(*[nn.Linear(
    10000, 10000) for _ in range(1000)])` inside `with init_empty_weights():`, a 100B-parameter demo; the checkpoint
    of step 4 then did not fit. The step now calls the function the cited step defined, in place of the object the
    example builds from nothing earlier steps made."""
    build_file_tree(tmp_path / "lib", {"pkgfactory/__init__.py": PKGFACTORY})
    skeleton = "import pkgfactory\n\n\ndef build_net(width=4):\n    return pkgfactory.Net(width)\n"
    lazy = "import pkgfactory\n\nwith pkgfactory.lazy():\n    net = pkgfactory.Net(10000)\n"
    pages = example_pages({"implementations/Demo_skeleton.md": skeleton, "implementations/Demo_lazy.md": lazy})
    item = generated(tmp_path, {"_WorkflowIndex.md": FACTORY_INDEX, **pages})
    assert "net = build_net()" in item.plan.steps[1].binding.body, item.plan.steps[1].binding.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "description: 'net of width 4'" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


SUMMARY_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Quality

**Description:** A frame loaded, its missing values counted, then the frame described.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgframeq.load(rows: int = 5) -> Frame` |
| **External Dependencies** | `pkgframeq` |
| **Outputs** | `df` |

### Step 2: Count Missing

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_null_count` |
| **API Call** | `Frame.null_count() -> Frame` |
| **External Dependencies** | `pkgframeq` |
| **Inputs** | `df` from Step 1 |
| **Outputs** | `null_counts` (a one-row Frame) |

### Step 3: Describe

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_describe` |
| **API Call** | `Frame.describe() -> str` |
| **External Dependencies** | `pkgframeq` |
| **Inputs** | `df` from Step 1 |
| **Outputs** | `stats` |
"""

PKGFRAMEQ = """
class Frame:
    def __init__(self, rows):
        self.rows = rows

    def null_count(self):
        return Frame(1)

    def describe(self):
        return f"{self.rows} rows"


def load(rows=5):
    return Frame(rows)
"""


def test_a_method_step_whose_inputs_quote_the_first_object_works_on_it_not_on_a_summary_of_it(tmp_path):
    """polars trial: step 3 (`DataFrame.describe`, Inputs "`df` from Step 1", example `stats = df.describe()`) was
    moved to `null_counts`, the one-row frame step 2 made of df, because it is a DataFrame made from df: the report
    described the null counts. An object the Inputs quote by name is what the step works on."""
    build_file_tree(tmp_path / "lib", {"pkgframeq/__init__.py": PKGFRAMEQ})
    pages = example_pages(
        {
            "implementations/Demo_null_count.md": "import pkgframeq\n\ndf = pkgframeq.load()\nnull_counts = df.null_count()\n",
            "implementations/Demo_describe.md": "import pkgframeq\n\ndf = pkgframeq.load()\nstats = df.describe()\n",
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": SUMMARY_INDEX, **pages})
    assert item.plan.steps[2].binding.consumes == ("df",), item.plan.steps[2].binding.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "stats: '5 rows'" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    run_generated_tests(item, tmp_path / "lib")


def test_one_value_for_a_star_parameter_is_found_in_the_generated_test(tmp_path):
    """Seen on a polars wiki: `group_by("customer_id")` for `group_by(*by, ...)` made the key `by =
    ["customer_id"]`, and the call received `("customer_id",)`; the generated test looked for the values spread out
    only when there were several, so the repository's own test failed on a correct step."""
    build_file_tree(tmp_path / "lib", {"pkgstarone/__init__.py": PKGSHAPE.replace("randn", "ones")})
    index = SHAPE_INDEX.replace("pkgshape.randn", "pkgstarone.ones").replace("Demo_randn", "Demo_ones")
    pages = example_pages({"implementations/Demo_ones.md": "import pkgstarone\n\ndummy = pkgstarone.ones(6)\n"})
    item = generated(tmp_path, {"_WorkflowIndex.md": index, **pages})
    assert "pkgstarone.ones(*size" in item.plan.steps[0].binding.body, item.plan.steps[0].binding.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "dummy: list of 6" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


PREDICATE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Predicates

**Description:** Keep the finished orders above an amount.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgpred.load(n: int = 6) -> Frame` |
| **Implementation** | `Demo_load` |
| **Outputs** | `orders` |

### Step 2: Filter

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.filter(*predicates, **constraints) -> Frame` |
| **Implementation** | `Demo_filter` |
| **Key Parameters** | `*predicates` - conditions combined with AND, e.g. `pkgpred.col("status") == "done"` and \
`pkgpred.col("amount") > 15`, `**constraints` - equality shorthand, e.g. `status="done"` |
| **Inputs** | `orders` from Step 1 |
| **Outputs** | `kept` |
"""

PREDICATE_PAGES = example_pages(
    {
        "implementations/Demo_load.md": "import pkgpred\n\norders = pkgpred.load(6)\n",
        "implementations/Demo_filter.md": [
            "import pkgpred\n\nmin_amount = 15\n"
            'kept = orders.filter(pkgpred.col("status") == "done", pkgpred.col("amount") > min_amount)\n',
            'kept = orders.filter(status="done")\n',
        ],
    }
)

PKGPRED = """
class Col:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        return ("eq", self.name, other)

    def __gt__(self, other):
        return ("gt", self.name, other)

    __hash__ = object.__hash__


def col(name):
    return Col(name)


class Frame:
    def __init__(self, rows):
        self.rows = rows

    def filter(self, *predicates, **constraints):
        rows = self.rows
        for op, name, value in predicates:
            rows = [r for r in rows if (r[name] > value if op == "gt" else r[name] == value)]
        return Frame([r for r in rows if all(r[k] == v for k, v in constraints.items())])

    @property
    def shape(self):
        return (len(self.rows), 2)


def load(n=6):
    return Frame([{"status": "done" if i % 2 == 0 else "open", "amount": i * 10} for i in range(n)])
"""


def test_the_example_writing_the_conditions_the_table_quotes_is_the_steps(tmp_path):
    """polars trial: the Key Parameters quote the filter's conditions (`pl.col("status") == "completed"` and
    `pl.col("amount") > 20.0`), and the page has the example writing them (with `min_amount = 50`) and a keyword
    shorthand (`filter(status="completed")`). The shorthand was chosen, having no variable of its own, and the
    threshold was gone: every completed order was kept. Of examples otherwise alike, the one writing the conditions
    the table quotes is the step's; its threshold is a key."""
    build_file_tree(tmp_path / "lib", {"pkgpred/__init__.py": PKGPRED})
    item = generated(tmp_path, {"_WorkflowIndex.md": PREDICATE_INDEX, **PREDICATE_PAGES})
    body = item.plan.steps[1].binding.body
    assert "pkgpred.col('amount') > min_amount" in body, body
    proc = run_workflow(item, tmp_path / "lib")
    assert "kept: Frame [2, 2]" in proc.stderr, proc.stderr  # amounts 20 and 40 of 0, 20, 40
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.min_amount=30")
    assert "kept: Frame [1, 2]" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


BARE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Bare

**Description:** Make a model, plan a placement, then load weights by it.

### Step 1: Model

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgbare.make_model(width: int = 3) -> str` |
| **External Dependencies** | `pkgbare` |
| **Outputs** | `model` |

### Step 2: Plan

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgbare.make_map(n: int = 2) -> dict` |
| **External Dependencies** | `pkgbare` |
| **Outputs** | `device_map` |

### Step 3: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `load(model: str, checkpoint: str, device_map: dict = None, dtype: str = None) -> str` |
| **Implementation** | `Demo_load` |
| **External Dependencies** | `pkgbare` |
| **Key Parameters** | `checkpoint: str` - weights file, `dtype` - cast on load |
| **Inputs** | `model` from Step 1, `device_map` from Step 2 |
| **Outputs** | `loaded` |
"""

BARE_PAGES = example_pages(
    {
        "implementations/Demo_load.md": [
            'from pkgbare import load\n\nloaded = load(model, "demo/big.bin", device_map="auto", dtype="half")\n',
            'loaded = load(model, "weights.bin", device_map=device_map)\n',
        ]
    }
)

PKGBARE = """
def make_model(width=3):
    return f"model{width}"


def make_map(n=2):
    return {"layer": n}


def load(model, checkpoint, device_map=None, dtype=None):
    return f"{model} {checkpoint} by {device_map} as {dtype}"
"""


def test_a_snippet_calling_the_steps_bare_api_its_page_imports_may_be_the_steps(tmp_path):
    """accelerate trial: the API cell is `load_checkpoint_and_dispatch(...)`, a bare name; the page's first example
    (a GPT-J demo) imports it and casts to float16, the second loads into the Inputs' `device_map` without an
    import line. The second borrowed its import, counted as a name it cannot have, and the demo was chosen: its
    float16 weights met the float32 rows of the next step. The step's own API, imported by its own page's
    examples, is no name in doubt: the snippet reading the Inputs is the step's."""
    build_file_tree(tmp_path / "lib", {"pkgbare/__init__.py": PKGBARE})
    item = generated(tmp_path, {"_WorkflowIndex.md": BARE_INDEX, **BARE_PAGES})
    load = item.plan.steps[2].binding
    assert "device_map" in load.consumes and "half" not in repr(load.params), (load.body, load.params)
    proc = run_workflow(item, tmp_path / "lib")
    assert "loaded: \"model3 weights.bin by {'layer': 2} as None\"" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


ANYATTR_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Any_Attribute

**Description:** Name a column and keep it.

### Step 1: Column

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkganyattr.keep(expr, label: str = "kept") -> str` |
| **Implementation** | `Demo_keep` |
| **External Dependencies** | `pkganyattr` |
| **Outputs** | `kept` |
"""

PKGANYATTR = {
    "pkganyattr/__init__.py": "from pkganyattr.expr import Expr\nfrom pkganyattr.functions import col, keep\n",
    "pkganyattr/expr.py": (
        "class Expr:\n    def __init__(self, name):\n        self.name = name\n\n"
        "    def alias(self, name: str) -> 'Expr':\n        return Expr(name)\n"
    ),
    # the return annotation names a class imported for type checkers only, as polars writes `-> Expr`
    "pkganyattr/functions.py": (
        "from __future__ import annotations\n\nfrom typing import TYPE_CHECKING\n\n"
        "if TYPE_CHECKING:\n    from pkganyattr import Expr\n\n\n"
        "class _Col:\n    def __getattr__(self, name):\n        from pkganyattr.expr import Expr\n\n"
        "        return Expr(name)\n\n"
        "    def __call__(self, name: str) -> Expr:\n        from pkganyattr.expr import Expr\n\n"
        "        return Expr(name)\n\n\ncol = _Col()\n\n\n"
        "def keep(expr, label='kept'):\n    return f'{label} {expr.name}'\n"
    ),
}


def test_check_binds_a_call_of_an_object_answering_every_attribute(tmp_path, monkeypatch):
    """polars trial: `check` said "polars.functions.col.col("__qualname__") has no signature to check against" for
    `pl.col('amount')`: `pl.col` is an object whose every attribute is a column, `__signature__` and `__qualname__`
    too, so inspect found no signature and the message printed a column. Such a call is bound to its class's
    `__call__`, and named by its class; what it returns is what that `__call__` is annotated to return, a class the
    module imports for type checkers only being looked up in the package (`-> Expr`: `.alias(...)` is checked)."""
    from generator.verify import verify

    build_file_tree(tmp_path / "lib", PKGANYATTR)
    example = 'import pkganyattr\n\nkept = pkganyattr.keep(pkganyattr.col("amount").alias("total"), label="kept")\n'
    item = generated(
        tmp_path, {"_WorkflowIndex.md": ANYATTR_INDEX, **example_pages({"implementations/Demo_keep.md": example})}
    )
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "lib"))
    (step,) = verify(item.output_dir, sys.executable).steps
    assert step.status == "verified", [(c.status, c.detail) for c in step.calls]
    assert len(step.calls) == 3 and {c.status for c in step.calls} == {"verified"}, step.calls
    assert "kept: 'kept total'" in run_workflow(item, tmp_path / "lib").stderr


LATERRES_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Register

**Description:** Register rows on a connection, query them.

### Step 1: Connect

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglaterres.connect()` |
| **External Dependencies** | `pkglaterres` |
| **Outputs** | `con` |

### Step 2: Register events

| Attribute | Value |
|-----------|-------|
| **API Call** | `con.register(view_name: str, python_object: object)` |
| **Implementation** | `Demo_register` |
| **Inputs** | `con` from Step 1 |
| **Outputs** | view `events` on the connection |

### Step 3: Top rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglaterres.top(n: int = 3) -> list` |
| **External Dependencies** | `pkglaterres` |
| **Outputs** | `top_rows` |

### Step 4: Export

| Attribute | Value |
|-----------|-------|
| **API Call** | `con.execute(sql: str) -> str` |
| **Implementation** | `Demo_execute` |
| **Inputs** | `con` from Step 1, `top_rows` from Step 3 |
| **Outputs** | `report` |
"""

LATERRES_PAGES = example_pages(
    {
        "implementations/Demo_register.md": 'import pkglaterres\n\ncon.register("events", pkglaterres.top(2))\n',
        "implementations/Demo_execute.md": 'con.register("best", top_rows)\nreport = con.execute("SELECT * FROM best")\n',
    }
)

PKGLATERRES = """
class Conn:
    def __init__(self):
        self.tables = {}

    def register(self, view_name, python_object):
        self.tables[view_name] = python_object
        return self

    def execute(self, sql):
        name = sql.split()[-1]
        return f"{name}: {len(self.tables[name])} rows"


def connect():
    return Conn()


def top(n=3):
    return list(range(n))
"""


def test_an_earlier_steps_call_on_a_later_result_is_the_steps_own_work(tmp_path):
    """duckdb trial: the export step's example registers step 5's frame (`con.register("top_users", top_users_df)`)
    before `con.execute("COPY (SELECT * FROM top_users) ...")`; `register` is step 3's API, so the statement was
    left "to the earlier step that does it", and the query found no table. A call of an earlier step's API on a
    result made after that step is no repeat of its work: the step keeps it, and takes the result."""
    build_file_tree(tmp_path / "lib", {"pkglaterres/__init__.py": PKGLATERRES})
    item = generated(tmp_path, {"_WorkflowIndex.md": LATERRES_INDEX, **LATERRES_PAGES})
    export = item.plan.steps[3].binding
    assert "con.register('best', top_rows)" in export.body and "top_rows" in export.consumes, export.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "report: 'best: 3 rows'" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


DEMORES_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Tagging

**Description:** Tag the lines of a text file.

### Step 1: Blank pipeline

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgdemores.blank(lang: str) -> Pipeline` |
| **Implementation** | `Demo_blank` |
| **External Dependencies** | `pkgdemores` |
| **Outputs** | `nlp`: a blank pipeline |

### Step 2: Process texts

| Attribute | Value |
|-----------|-------|
| **API Call** | `nlp.pipe(texts: list) -> list` |
| **Implementation** | `Demo_pipe` |
| **Key Parameters** | `texts: list` - the texts, e.g. `["a b", "c d e"]` |
| **Inputs** | `nlp` from Step 1 |
| **Outputs** | `docs`: one per text |

### Step 3: Count tokens

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgdemores.count(doc) -> int` |
| **Implementation** | `Demo_count` |
| **External Dependencies** | `pkgdemores` |
| **Inputs** | `docs` from Step 2 |
| **Outputs** | `counts`: tokens per doc |
"""

DEMORES_PAGES = example_pages(
    {
        "implementations/Demo_blank.md": (
            'import pkgdemores\n\nnlp = pkgdemores.blank("en")\ndoc = nlp("This is a sentence.")\n'
            "print([t for t in doc])\n"
        ),
        "implementations/Demo_pipe.md": 'docs = list(nlp.pipe(["a b", "c d e"]))\n',
        "implementations/Demo_count.md": [
            "import pkgdemores\n\nn = pkgdemores.count(doc)\n",
            "import pkgdemores\n\ncounts = [pkgdemores.count(doc) for doc in docs]\n",
        ],
    }
)

PKGDEMORES = """
class Pipeline:
    def __init__(self, lang):
        self.lang = lang

    def __call__(self, text):
        return text.split()

    def pipe(self, texts):
        return [self(t) for t in texts]


def blank(lang):
    return Pipeline(lang)


def count(doc):
    return len(doc)
"""


def test_a_result_tried_on_sample_values_is_no_result(tmp_path):
    """spaCy trial: the `spacy.blank` page tries the pipeline on a sentence (`doc = nlp("This is a sentence.")`);
    step 1 handed `doc` on beside the `nlp` its Outputs name, and the match step bound its single-document example
    to it: it matched the toy sentence, not the file's paragraphs. A result of the step's call tried on values
    written out, which the Outputs do not name and no later step cites, is a demo: left out, with the look at it."""
    build_file_tree(tmp_path / "lib", {"pkgdemores/__init__.py": PKGDEMORES})
    item = generated(tmp_path, {"_WorkflowIndex.md": DEMORES_INDEX, **DEMORES_PAGES})
    blank, _, count = (s.binding for s in item.plan.steps)
    assert blank.produces == ("nlp",) and "sentence" not in blank.body, blank.body
    assert count.consumes == ("docs",), count.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "counts: list of 2: 2, 3" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


FEDLOOP_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Bin

**Description:** Store docs in a bin.

### Step 1: Docs

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfedloop.make_docs(n: int = 3) -> list` |
| **External Dependencies** | `pkgfedloop` |
| **Outputs** | `docs` |

### Step 2: Bin

| Attribute | Value |
|-----------|-------|
| **API Call** | `Bin(attrs: list = None, docs: list = ())` |
| **Implementation** | `Demo_Bin` |
| **External Dependencies** | `pkgfedloop` |
| **Key Parameters** | `attrs: list` - what to store, e.g. `["text"]` |
| **Inputs** | `docs` from Step 1 |
| **Outputs** | `store`: the filled bin |
"""

FEDLOOP_PAGE = """== I/O Contract ==

=== Inputs ===
{| class="wikitable"
|-
! Name !! Type !! Required !! Description
|-
| attrs || list || No || what to store
|-
| docs || list || No || docs to add at construction
|}

== Usage Examples ==

=== Add one by one ===
<syntaxhighlight lang="python">
from pkgfedloop import Bin

store = Bin(attrs=["text"])
for doc in docs:
    store.add(doc)
</syntaxhighlight>
"""

PKGFEDLOOP = """
class Bin:
    def __init__(self, attrs=None, docs=()):
        self.attrs = attrs
        self.docs = list(docs)

    def add(self, doc):
        self.docs.append(doc)

    @property
    def shape(self):
        return (len(self.docs),)


def make_docs(n=3):
    return [f"doc{i}" for i in range(n)]
"""


def test_what_a_loop_hands_to_the_calls_result_is_not_also_passed_to_the_call(tmp_path):
    """spaCy trial: `doc_bin = DocBin(attrs=[...])` then `for doc in docs: doc_bin.add(doc)`; the I/O contract
    documents DocBin's `docs`, so the call was passed `docs=docs` too, and every doc was stored twice (26 of 13).
    A name the example loops over to add each item to what the call made is given that way, not also to the call."""
    build_file_tree(tmp_path / "lib", {"pkgfedloop/__init__.py": PKGFEDLOOP})
    item = generated(tmp_path, {"_WorkflowIndex.md": FEDLOOP_INDEX, "implementations/Demo_Bin.md": FEDLOOP_PAGE})
    binned = item.plan.steps[1].binding
    assert "docs=docs" not in binned.body and "attrs=attrs" in binned.body, binned.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "store: Bin [3]" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


CHECKS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Roundtrip

**Description:** Write rows, read them back, check.

### Step 1: Rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgchecks.rows(n: int = 3) -> list` |
| **External Dependencies** | `pkgchecks` |
| **Outputs** | `table` |

### Step 2: Verify

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgchecks.read_back(rows: list, drop: int = 0) -> list` |
| **Implementation** | `Demo_read_back` |
| **External Dependencies** | `pkgchecks` |
| **Key Parameters** | `drop: int` - rows lost on the way (default 0) |
| **Inputs** | `table` from Step 1 (to compare row counts) |
| **Outputs** | Rows read back (assert they match) |
"""

CHECKS_PAGES = example_pages(
    {
        "implementations/Demo_read_back.md": (
            "import pkgchecks\n\nwritten = pkgchecks.read_back(table, drop=0)\n"
            "assert len(written) == len(table)\nassert len(written) == 3\nprint(written)\n"
        )
    }
)

PKGCHECKS = """
def rows(n=3):
    return list(range(n))


def read_back(rows, drop=0):
    return list(rows)[drop:]
"""


def test_an_assert_comparing_the_result_with_a_cited_earlier_one_is_kept(tmp_path):
    """duckdb trial: the verification step's example reads the Parquet file back and asserts `written.shape[0] ==
    ranked.shape[0]`, with "`ranked` from Step 4 (to compare row counts)" in the Inputs; asserts were always cut,
    so the step verified nothing. An assert comparing the slice's result with an earlier result the Inputs cite is
    kept (and fails when they differ); one comparing with values written out (the sample's row count) is not."""
    build_file_tree(tmp_path / "lib", {"pkgchecks/__init__.py": PKGCHECKS})
    item = generated(tmp_path, {"_WorkflowIndex.md": CHECKS_INDEX, **CHECKS_PAGES})
    verify_step = item.plan.steps[1].binding
    assert "assert len(written) == len(table)" in verify_step.body and "== 3" not in verify_step.body
    assert verify_step.consumes == ("table",), verify_step.body
    run_workflow(item, tmp_path / "lib", "--set", "step_01_rows.n=5")
    env = {**os.environ, "PYTHONPATH": f"{item.output_dir / 'src'}{os.pathsep}{tmp_path / 'lib'}"}
    command = [sys.executable, "-m", item.plan.package_name, "run", "--no-save", "--set", "step_02_verify.drop=1"]
    failed = subprocess.run(command, cwd=item.output_dir, capture_output=True, text=True, env=env, timeout=120)
    assert failed.returncode != 0 and "AssertionError" in failed.stderr, failed.stderr
    run_generated_tests(item, tmp_path / "lib")


STORED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Stored

**Description:** Load a table, query it.

### Step 1: Connect

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgstored.connect() -> Conn` |
| **External Dependencies** | `pkgstored` |
| **Outputs** | `con` |

### Step 2: Create table

| Attribute | Value |
|-----------|-------|
| **API Call** | `con.execute(query: str) -> Conn` |
| **Implementation** | `Demo_execute` |
| **Key Parameters** | `query: str` - the CREATE TABLE statement |
| **Inputs** | `con` from Step 1 |
| **Outputs** | Table `sales` in the database |

### Step 3: Query

| Attribute | Value |
|-----------|-------|
| **API Call** | `con.sql(query: str) -> list` |
| **Implementation** | `Demo_sql` |
| **Key Parameters** | `query: str` - a SELECT on `sales` |
| **Inputs** | `con` from Step 1 with table `sales` (Step 2) |
| **Outputs** | `report` |
"""

STORED_PAGES = example_pages(
    {
        "implementations/Demo_execute.md": 'con.execute("CREATE TABLE sales AS 1 2 3")\n',
        "implementations/Demo_sql.md": 'report = con.sql("SELECT sales")\n',
    }
)

PKGSTORED = """
class Conn:
    def __init__(self):
        self.tables = {}

    def execute(self, query):
        words = query.split()
        self.tables[words[2]] = words[4:]
        return self

    def sql(self, query):
        return self.tables[query.split()[-1]]


def connect():
    return Conn()
"""


def test_a_table_the_outputs_name_in_the_database_is_no_python_result(tmp_path):
    """duckdb trial: "Table `sales` in the database" made step 2 `sales = con.execute(...)` (execute returns the
    connection), and step 4, whose Inputs say "`con` from Step 1 with table `sales` (Step 2)", ran `sales.sql(...)`
    on it. A table, view or collection the Outputs name is the database's, not a Python object: the step keeps no
    result, and the query runs on the connection."""
    build_file_tree(tmp_path / "lib", {"pkgstored/__init__.py": PKGSTORED})
    item = generated(tmp_path, {"_WorkflowIndex.md": STORED_INDEX, **STORED_PAGES})
    _, create, query = (s.binding for s in item.plan.steps)
    assert create.produces == () and query.consumes == ("con",), (create.body, query.body)
    proc = run_workflow(item, tmp_path / "lib")
    assert "report: list of 3: '1', '2', '3'" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


CSVROWS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Labelled

**Description:** Make examples from a labelled CSV file.

### Step 1: Examples

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcsvrows.example(text: str, label: str) -> tuple` |
| **Implementation** | `Demo_example` |
| **External Dependencies** | `pkgcsvrows` |
| **Key Parameters** | `data_path: str` - CSV file with `text` and `label` columns |
| **Inputs** | Labelled sentences file (CSV: `text,label`) |
| **Outputs** | `examples` |
"""

CSVROWS_PAGES = example_pages(
    {
        "implementations/Demo_example.md": [
            "import csv\n\nimport pkgcsvrows\n\n"
            'with open("reviews.csv", newline="", encoding="utf8") as f:\n    rows = list(csv.DictReader(f))\n'
            'examples = [pkgcsvrows.example(row["text"], row["label"]) for row in rows]\n'
        ]
    }
)


def test_a_with_reading_rows_through_a_reader_is_the_setup_of_the_slice(tmp_path):
    """spaCy trial: the CSV example reads `rows = list(csv.DictReader(f))` inside `with open("reviews.csv") as f:`;
    a with counted as loading a file only when the handle was a reader's direct argument (`json.load(f)`), so the
    block was cut and `rows` was missing (a demo reading a downloaded corpus won). A reader wrapped in another call
    is loading the file as much: the block comes along, its path a key."""
    build_file_tree(
        tmp_path / "lib", {"pkgcsvrows/__init__.py": "def example(text, label):\n    return (text, label)\n"}
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": CSVROWS_INDEX, **CSVROWS_PAGES})
    body = item.plan.steps[0].binding.body
    assert "csv.DictReader(f)" in body and "data_path" in body, body
    (item.output_dir / "reviews.csv").write_text("text,label\ngreat,pos\nawful,neg\n")
    proc = run_workflow(item, tmp_path / "lib")
    assert "examples: list of 2\n" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


COMPILED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Compiled

**Description:** Open a database.

### Step 1: Connect

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcompiled.connect(database: str = ":memory:", read_only: bool = False) -> Conn` |
| **External Dependencies** | `pkgcompiled` |
| **Key Parameters** | `database: str` - where the data lives (default `":memory:"`) |
| **Outputs** | `con` |

### Step 2: Matcher

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcompiled.Matcher(vocab, validate: bool = True)` |
| **External Dependencies** | `pkgcompiled` |
| **Key Parameters** | `validate: bool` - check patterns (default True) |
| **Inputs** | `con` from Step 1 |
| **Outputs** | `matcher` |
"""

# a function as nanobind and pybind11 compile it: no signature inspect can read, its docstring's first line one
PKGCOMPILED = """
class _Compiled:
    __signature__ = "compiled"  # inspect.signature raises TypeError, as for a compiled function

    def __init__(self, function, doc):
        self._function, self.__name__, self.__doc__ = function, function.__name__, doc

    def __call__(self, *args, **kwargs):
        return self._function(*args, **kwargs)


def connect(database=":memory:", read_only=False):
    return f"connection to {database}"


connect = _Compiled(
    connect, "connect(database: object = ':memory:', read_only: bool = False) -> str\\n\\nOpen a connection."
)


class Matcher:
    '''Matcher(Vocab vocab, validate=True, *)

    A class as Cython's embedsignature documents it: a C type before a name, a bare `*` last.'''

    __signature__ = "compiled"

    def __init__(self, vocab, validate=True):
        self.vocab = vocab
"""


def test_check_reads_a_compiled_functions_signature_from_its_docstring(tmp_path, monkeypatch):
    """duckdb trial: `check` said "_duckdb.connect has no signature to check against" for three of six steps:
    nanobind (and pybind11) functions have no signature inspect reads, but their docstring's first line is one. It
    is read with ast: the call binds against it, and a keyword it does not take is reported. So is the class
    signature Cython writes (spaCy's `PhraseMatcher(Vocab vocab, attr='ORTH', validate=False)`)."""
    from generator.verify import verify

    build_file_tree(tmp_path / "lib", {"pkgcompiled/__init__.py": PKGCOMPILED})
    item = generated(tmp_path, {"_WorkflowIndex.md": COMPILED_INDEX})
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "lib"))
    steps = verify(item.output_dir, sys.executable).steps
    assert [s.status for s in steps] == ["verified", "verified"], [(c.status, c.detail) for s in steps for c in s.calls]
    module = next((item.output_dir / "src").rglob("step_01_*.py"))
    module.write_text(module.read_text().replace("database=database", "databse=database"))
    step = verify(item.output_dir, sys.executable).steps[0]
    assert [c.status for c in step.calls] == ["argument not accepted"], step.calls
    assert "databse= (closest: database)" in step.calls[0].detail, step.calls[0].detail


SOCKET_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Socket_Timeout

**Description:** Open a socket, then give it a timeout.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `socket.socket(family=-1, type=-1, proto=-1, fileno=None)` |
| **External Dependencies** | `socket` |
| **Outputs** | `sock` |

### Step 2: Timeout

| Attribute | Value |
|-----------|-------|
| **API Call** | `sock.settimeout(timeout)` |
| **External Dependencies** | `socket` |
| **Key Parameters** | `timeout: float` - seconds to wait (default 5.0) |
| **Inputs** | `sock` from Step 1 |
| **Outputs** | `sock` |
"""


def test_check_gives_a_compiled_method_its_object_when_the_docstring_names_none(tmp_path):
    """lightning trial: `check` said `X.std(dim=0)` does not accept dim= and `torch.Generator().manual_seed(42)` takes
    too many positional arguments, for a step that ran: a method compiled in C (torch's, the socket's) has no
    signature inspect reads, and its docstring's signature (`std(dim=None, *, correction=1, keepdim=False)`,
    `settimeout(timeout)`) leaves the object out, so dropping the first parameter as the object dropped `dim`."""
    from generator.verify import verify

    item = generated(tmp_path, {"_WorkflowIndex.md": SOCKET_INDEX})
    steps = verify(item.output_dir, sys.executable).steps
    calls = [(c.text, c.status, c.detail) for s in steps for c in s.calls]
    assert [s.status for s in steps] == ["verified", "verified"], calls
    assert any("settimeout" in text and status == "verified" for text, status, _ in calls), calls
    module = next((item.output_dir / "src").rglob("step_02_*.py"))
    module.write_text(module.read_text().replace("settimeout(timeout)", "settimeout(timeout, 1)"))
    step = verify(item.output_dir, sys.executable).steps[1]
    assert [c.status for c in step.calls] == ["argument not accepted"], step.calls


HITS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Mean_Hits

**Description:** Load graded queries, then score the ranking per query.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkghits.load(path: str) -> tuple` |
| **External Dependencies** | `pkghits` |
| **Key Parameters** | `path: str = "data/q.txt"` - the graded queries |
| **Outputs** | `labels`, `scores`, `group` |

### Step 2: Evaluate

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkghits.hits(labels: list, scores: list, k: int = 1) -> float`, applied to each query and averaged |
| **Implementation** | `Demo_Hits` |
| **External Dependencies** | `pkghits` |
| **Inputs** | `labels`, `scores`, `group` from Step 1 |
| **Key Parameters** | `k: int` - cut-off (3), `labels` - relevance grades of one query, at most 4, `grid` - the same scores laid out 2-D, one row per query |
| **Outputs** | `mean_hits: float` |
"""

PKGHITS = """
def load(path):
    with open(path) as fp:
        rows = [line.split() for line in fp.read().splitlines()]
    labels = [int(r[0]) for r in rows]
    scores = [float(r[1]) for r in rows]
    group = [int(size) for size in rows[0][2:]]
    return labels, scores, group


def hits(labels, scores, k=1):
    order = sorted(range(len(scores)), key=lambda i: -scores[i])[:k]
    return sum(1 for i in order if labels[i] > 0) / k
"""


HITS_EXAMPLE = (
    "import pkghits\n\n"
    "def mean_hits(labels, scores, group, k=3):\n"
    "    out, start = [], 0\n"
    "    for size in group:\n"
    "        end = start + size\n"
    "        if end - start >= 2 and max(labels[start:end]) <= 4:\n"
    "            out.append(pkghits.hits(labels[start:end], scores[start:end], k=k))\n"
    "        start = end\n"
    "    return sum(out) / len(out)\n\n"
    'print("hits:", mean_hits(labels, scores, group, k=3))\n'
)


def test_the_value_the_outputs_name_is_the_call_of_the_function_the_example_defines(tmp_path):
    """lightgbm trial: Outputs "`mean_ndcg: float`", and the example defines `def mean_ndcg(y_true, y_score, group,
    k=10)` and prints `mean_ndcg(y_valid, scores, group_valid, k=10)`. The step handed on the function, uncalled,
    as the float. The step's result is the function's first call, with the Inputs wired in and its keyword a key."""
    build_file_tree(tmp_path / "lib", {"pkghits/__init__.py": PKGHITS})
    pages = example_pages({"implementations/Demo_Hits.md": HITS_EXAMPLE})
    item = generated(tmp_path, {"_WorkflowIndex.md": HITS_INDEX, **pages})
    assert "mean_hits = mean_hits(labels, scores, group, k=k)" in item.plan.steps[1].binding.body
    data = "1 0.9 3 1 2\n0 0.1\n0 0.5\n0 0.8\n1 0.7\n0 0.3\n"  # queries of 3, 1 (skipped) and 2 documents
    build_file_tree(item.output_dir / "data", {"q.txt": data})
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.k=1")
    assert "mean_hits: 1.0" in proc.stderr, proc.stderr
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.k=2")
    assert "mean_hits: 0.5" in proc.stderr, proc.stderr


def test_a_number_in_prose_never_rewrites_the_code_of_a_function_the_step_defines(tmp_path):
    """lightgbm trial: the Key Parameters say "`y_score` - predicted scores of one query (both must be 2-D ...)",
    and the example's own `def mean_ndcg(y_true, y_score, group, k=10)` skips short queries with `if end - start <
    2:`. The 2 of "2-D" made y_score the documented threshold, and the check became `< y_score`: the function's own
    parameter, so the code changed silently and failed on every query. A count with its unit ("2-D") names no
    value (`grid` below, which the code never binds), and a number is never written in as a name some scope of the
    code binds (`labels`, "at most 4")."""
    index = HITS_INDEX.replace("`mean_hits: float`", "`mean_hits: Callable` - the scoring function")
    pages = example_pages({"implementations/Demo_Hits.md": HITS_EXAMPLE})
    item = generated(tmp_path, {"_WorkflowIndex.md": index, **pages})
    body = item.plan.steps[1].binding.body
    assert "if end - start >= 2 and max(labels[start:end]) <= 4:" in body, body
    assert "return {'mean_hits': mean_hits}" in body and "grid" not in body, body


SPLITX_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Split_Then_Fit

**Description:** Load a labelled table, split it, fit on the training part.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsplitx.read_table(path: str) -> list` |
| **Implementation** | `Demo_Load` |
| **External Dependencies** | `pkgsplitx` |
| **Key Parameters** | `path: str` - the user's table, label first |
| **Inputs** | the user's table file |
| **Outputs** | `X` (features), `y` (labels) |

### Step 2: Split

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsplitx.split(X, y, test_size=0.5) -> list` |
| **External Dependencies** | `pkgsplitx` |
| **Inputs** | `X`, `y` from Step 1 |
| **Outputs** | `X_train, X_valid, y_train, y_valid` |

### Step 3: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsplitx.fit(X, y, eval_set=None) -> str` |
| **Implementation** | `Demo_Fit` |
| **External Dependencies** | `pkgsplitx` |
| **Inputs** | `X_train`, `y_train`, `X_valid`, `y_valid` from Step 2 |
| **Outputs** | `model` |
"""

PKGSPLITX = """
def read_table(path):
    with open(path) as fp:
        return [[int(v) for v in line.split()] for line in fp.read().splitlines()]


def pop_label(rows):
    return [r[0] for r in rows], [r[1:] for r in rows]


def split(X, y, test_size=0.5):
    n = int(len(X) * (1 - test_size))
    return X[:n], X[n:], y[:n], y[n:]


def fit(X, y, eval_set=None):
    return f"trained on {len(X)}, validated on {len(eval_set[0])}"
"""


def test_a_name_a_later_step_makes_is_no_reason_to_take_a_demo_example(tmp_path):
    """lightgbm trial: step 1's Outputs say `X` and `y`; one example makes them of the user's file, another reads
    the library's demo file into `X_train`, `y_train` (below, also `X_valid`, `y_valid`), the names step 4 reads. Those names
    counted as "wanted by a later step", so the demo won: step 1 read the demo path and its frame was renamed `y`,
    and the split became a stub. What a step between makes (step 2's split, by its Outputs) is not wanted from
    step 1."""
    build_file_tree(tmp_path / "lib", {"pkgsplitx/__init__.py": PKGSPLITX})
    user = 'import pkgsplitx\n\nrows = pkgsplitx.read_table("table.txt")\ny, X = pkgsplitx.pop_label(rows)\n'
    demo = (
        "import pkgsplitx\n\n"
        'train = pkgsplitx.read_table("demo/binary.train")\ny_train, X_train = pkgsplitx.pop_label(train)\n'
        "X_valid, y_valid = X_train[-1:], y_train[-1:]\n"
    )
    fit = "import pkgsplitx\n\nmodel = pkgsplitx.fit(X_train, y_train, eval_set=(X_valid, y_valid))\n"
    pages = example_pages({"implementations/Demo_Load.md": [user, demo], "implementations/Demo_Fit.md": fit})
    item = generated(tmp_path, {"_WorkflowIndex.md": SPLITX_INDEX, **pages})
    load = item.plan.steps[0].binding
    assert "demo/" not in load.body and {"X", "y"} <= set(load.produces), (load.body, load.produces)
    build_file_tree(item.output_dir, {"table.txt": "1 5 6\n0 7 8\n1 9 9\n0 1 2\n"})
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.path=table.txt")
    assert "model: 'trained on 2, validated on 2'" in proc.stderr, proc.stderr


def test_one_result_never_takes_one_of_several_names_the_outputs_list(tmp_path):
    """lightgbm trial: Outputs "`X` (features), `y` (labels)", and the example chosen only read the frame: it was
    renamed `y`, so step 1 seemed to make y, and step 2 became a stub asking for X. Of several names the Outputs
    list, one result takes none: the step is not shown to make what it does not."""
    only_read = 'import pkgsplitx\n\nrows = pkgsplitx.read_table("table.txt")\n'
    pages = example_pages({"implementations/Demo_Load.md": only_read})
    item = generated(tmp_path, {"_WorkflowIndex.md": SPLITX_INDEX, **pages})
    load = item.plan.steps[0].binding
    assert load.produces == ("rows",), (load.body, load.produces)


TOKZ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Tokenize_Corpus

**Description:** Read the user's corpus, one sentence per line, into token lists.

### Step 1: Tokenize

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtokz.tok(doc: str, lower: bool = False) -> list[str]` |
| **Implementation** | `Demo_Tok` |
| **External Dependencies** | `pkgtokz` |
| **Key Parameters** | `doc: str` - one line of text, `lower: bool` - lower-case the tokens (default False) |
| **Inputs** | Plain-text corpus file provided by the user, one sentence per line |
| **Outputs** | `sentences: list[list[str]]` |
"""

PKGTOKZ = {
    "pkgtokz/__init__.py": "def tok(doc, lower=False):\n    return (doc.lower() if lower else doc).split()\n",
    "pkgtokz/test/__init__.py": "",
    "pkgtokz/test/utils.py": (
        "import os\n\n\ndef datapath(name):\n    return os.path.join(os.path.dirname(__file__), name)\n"
    ),
    "pkgtokz/test/demo.cor": "Bundled Demo line\n",
}


def test_the_librarys_test_data_loses_to_an_example_reading_the_users_file(tmp_path):
    """gensim trial: the Inputs say "Plain-text corpus file provided by the user"; one example reads
    `with open("data/sentences.txt") as f: sentences = [simple_preprocess(line, deacc=True) for line in f]`, another
    `datapath("lee_background.cor")` of `gensim.test.utils`, the corpus the library ships for its tests. The
    bundled corpus won (it passes no keyword the table documents otherwise), so the step never read the user's
    file. Where the Inputs name a file, an example reading the library's test data loses."""
    build_file_tree(tmp_path / "lib", PKGTOKZ)
    user = 'import pkgtokz\n\nwith open("data/lines.txt") as f:\n    sentences = [pkgtokz.tok(line, lower=True) for line in f]\n'
    bundled = (
        "import pkgtokz\nfrom pkgtokz.test.utils import datapath\n\n"
        'corpus_path = datapath("demo.cor")\nsentences = [pkgtokz.tok(line) for line in open(corpus_path)]\n'
    )
    pages = example_pages({"implementations/Demo_Tok.md": [bundled, user]})
    item = generated(tmp_path, {"_WorkflowIndex.md": TOKZ_INDEX, **pages})
    assert "datapath" not in item.plan.steps[0].binding.body, item.plan.steps[0].binding.body
    build_file_tree(item.output_dir / "data", {"lines.txt": "The Cat sat\nOn the Mat\n"})
    proc = run_workflow(item, tmp_path / "lib")
    assert "sentences: list of 2" in proc.stderr and "Demo" not in proc.stderr, proc.stderr


COH_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Score_Topics

**Description:** Make the counts, then score them.

### Step 1: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcoh.counts(words: list) -> dict` |
| **External Dependencies** | `pkgcoh` |
| **Key Parameters** | `words: list` - the words (default ["a", "b", "a"]) |
| **Outputs** | `table` |

### Step 2: Score

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcoh.Scorer(table=None, power=1)` then `.get_score() -> float` |
| **Implementation** | `Demo_Scorer` |
| **External Dependencies** | `pkgcoh` |
| **Key Parameters** | `power: int` - exponent (default 1) |
| **Inputs** | `table` from Step 1 |
| **Outputs** | `score: float` - the score |
"""

PKGCOH = """
def counts(words):
    found = {}
    for word in words:
        found[word] = found.get(word, 0) + 1
    return found


class Scorer:
    def __init__(self, table=None, power=1):
        self.table, self.power = table, power

    def get_score(self):
        return float(max(self.table.values()) ** self.power)
"""


def test_a_printed_method_named_like_the_output_is_the_output(tmp_path):
    """gensim trial: the API cell says "`CoherenceModel(...)` then `.get_coherence() -> float`", the Outputs
    "`coherence: float`", and the example on the workflow's own names ends `print(cm.get_coherence())`. The step
    kept the model only and handed on no coherence. A print of one method call named like the output is that
    output, as a print labelled with its name already was."""
    build_file_tree(tmp_path / "lib", {"pkgcoh/__init__.py": PKGCOH})
    example = "import pkgcoh\n\nscorer = pkgcoh.Scorer(table=table, power=2)\nprint(scorer.get_score())\n"
    pages = example_pages({"implementations/Demo_Scorer.md": example})
    item = generated(tmp_path, {"_WorkflowIndex.md": COH_INDEX, **pages})
    assert "score" in item.plan.steps[1].binding.produces, item.plan.steps[1].binding.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "score: 2.0" in proc.stderr, proc.stderr
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.power=2")
    assert "score: 4.0" in proc.stderr, proc.stderr


FOREST_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Search_Then_Fit

**Description:** Find the round count, then fit with it.

### Step 1: Search

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgforest.search(limit: int = 10) -> int` |
| **Implementation** | `Demo_Search` |
| **External Dependencies** | `pkgforest` |
| **Key Parameters** | `limit: int` - the most rounds tried (default 40) |
| **Outputs** | `best_rounds`, `best_score` |

### Step 2: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgforest.fit(n_trees: int = 100, depth: int = 3) -> str` |
| **Implementation** | `Demo_Fit` |
| **External Dependencies** | `pkgforest` |
| **Key Parameters** | `n_trees: int` - number of trees, set to `best_rounds` from Step 1, `depth: int` - tree depth (3) |
| **Inputs** | `best_rounds` from Step 1 |
| **Outputs** | `model` |
"""

PKGFOREST = """
def search(limit=10):
    return limit // 2, 0.5


def fit(n_trees=100, depth=3):
    return f"{n_trees} trees of depth {depth}"
"""


def test_a_value_the_key_parameter_says_an_earlier_step_gives_is_that_result(tmp_path):
    """lightgbm trial: "`n_estimators: int` - number of trees, set to `best_num_rounds` from Step 3", with the Inputs
    citing `best_num_rounds`, while the example writes `n_estimators=250`. The step trained 250 trees, whatever
    the cross-validation found, and warned that it ignored its cited input. A value the example writes out where
    the Key Parameter names the earlier result is that result."""
    build_file_tree(tmp_path / "lib", {"pkgforest/__init__.py": PKGFOREST})
    search = "import pkgforest\n\nbest_rounds, best_score = pkgforest.search(limit=40)\n"
    fit = "import pkgforest\n\nmodel = pkgforest.fit(n_trees=250, depth=3)\n"
    pages = example_pages({"implementations/Demo_Search.md": search, "implementations/Demo_Fit.md": fit})
    item = generated(tmp_path, {"_WorkflowIndex.md": FOREST_INDEX, **pages})
    assert "best_rounds" in item.plan.steps[1].binding.consumes, item.plan.steps[1].binding.body
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.limit=34")
    assert "model: '17 trees of depth 3'" in proc.stderr, proc.stderr


CUTS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Report_Cuts

**Description:** Report at the cut-offs.

### Step 1: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcuts.report(cutoffs: list = (1, 2)) -> str` |
| **Implementation** | `Demo_Report` |
| **External Dependencies** | `pkgcuts` |
| **Key Parameters** | `cutoffs: list[int]` - cut-offs reported ([1, 3, 5]) |
| **Outputs** | `report` |
"""


def test_a_list_in_brackets_the_key_parameter_ends_with_is_its_default(tmp_path):
    """lightgbm trial: "`eval_at: list[int]` - NDCG cut-offs reported during training ([1, 3, 5])", while the
    example passes `eval_at=[5, 10]`: the key took the example's list. The list the description gives in brackets
    is the key's default, as a number there already was."""
    build_file_tree(
        tmp_path / "lib", {"pkgcuts/__init__.py": 'def report(cutoffs=(1, 2)):\n    return f"at {cutoffs}"\n'}
    )
    pages = example_pages(
        {"implementations/Demo_Report.md": "import pkgcuts\n\nreport = pkgcuts.report(cutoffs=[5, 10])\n"}
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": CUTS_INDEX, **pages})
    proc = run_workflow(item, tmp_path / "lib")
    assert "report: 'at [1, 3, 5]'" in proc.stderr, proc.stderr


FITX_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Fit_Then_Rank

**Description:** Make a table, fit on it, rank what the fitted model learnt.

### Step 1: Table

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfitx.Frame(data: dict)` |
| **Implementation** | `Demo_Table` |
| **External Dependencies** | `pkgfitx` |
| **Outputs** | `X` |

### Step 2: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfitx.fit(frame)` |
| **Implementation** | `Demo_Fit` |
| **External Dependencies** | `pkgfitx` |
| **Inputs** | `X` from Step 1 |
| **Outputs** | `model` |

### Step 3: Rank

| Attribute | Value |
|-----------|-------|
| **API Call** | `model.weights_` (property of the fitted model from Step 2) |
| **Implementation** | `Demo_Rank` |
| **External Dependencies** | `pkgfitx` |
| **Inputs** | `model` from Step 2 |
| **Outputs** | `ranked` - the weights, largest first |
"""

PKGFITX = """
class Frame:
    def __init__(self, data):
        self.data = dict(data)

    def sort(self, column):
        return Frame({k: sorted(v, reverse=True) if k == column else v for k, v in self.data.items()})

    def column(self, name):
        return self.data[name]


class Model:
    pass


def fit(frame):
    model = Model()
    model.names_ = list(frame.data)
    model.weights_ = [len(values) for values in frame.data.values()]
    return model
"""


def test_a_fitted_attribute_is_read_as_the_example_uses_it(tmp_path):
    """lightgbm trial: the API cell is "`model.feature_importances_` (property of the fitted model from Step 4)" and
    the example builds `pd.DataFrame({"feature": model.feature_name_, "importance": model.feature_importances_})`,
    sorted and written to CSV, as the Outputs say. No example counted as using a bare attribute, so the step
    returned the raw array. Once it did, the DataFrame call was taken for step 1's `X = pd.DataFrame(...)` made
    again. A fitted attribute (`name_`, scikit-learn's convention) is read, never called; and a call reading a
    result made after an earlier one (step 2's model) does not make that earlier one again."""
    build_file_tree(tmp_path / "lib", {"pkgfitx/__init__.py": PKGFITX})
    pages = example_pages(
        {
            "implementations/Demo_Table.md": 'import pkgfitx\n\nX = pkgfitx.Frame({"a": [1, 2, 3], "b": [4]})\n',
            "implementations/Demo_Fit.md": "import pkgfitx\n\nmodel = pkgfitx.fit(X)\n",
            "implementations/Demo_Rank.md": (
                "import pkgfitx\n\n"
                'ranked = pkgfitx.Frame({"name": model.names_, "weight": model.weights_}).sort("weight").column("weight")\n'
            ),
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": FITX_INDEX, **pages})
    rank = item.plan.steps[2].binding
    assert "pkgfitx.Frame(" in rank.body and "X" not in rank.consumes, rank.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "ranked: list of 2: 3, 1" in proc.stderr, proc.stderr


RK_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Score_Rows

**Description:** Load rows, score them.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrk.load(path: str) -> list` |
| **External Dependencies** | `pkgrk` |
| **Key Parameters** | `path: str = "rows.txt"` - one number per line |
| **Outputs** | `rows` |

### Step 2: Score

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrk.score(rows: list) -> list` |
| **Implementation** | `Demo_Score` |
| **External Dependencies** | `pkgrk` |
| **Inputs** | `rows` from Step 1 |
| **Outputs** | `scores` |
"""

PKGRK = """
def load(path):
    with open(path) as fp:
        return [float(line) for line in fp.read().split()]


def score(rows):
    return [2 * r for r in rows]
"""


def test_a_tryout_reading_what_the_slice_never_makes_is_left_out(tmp_path):
    """lightgbm trial: after `scores = ranker.predict(X_valid)` the example picks one query of `valid_df` (`mask = q
    == first_q`) and ranks it (`order = np.argsort(-scores[mask])`). The step kept `order`, which reads its result,
    but not `mask`, made of a frame the step never has: `mask` became a REQUIRED key that TOML cannot hold. A
    statement after the step's call counts what the slice makes, not what the example makes elsewhere."""
    build_file_tree(tmp_path / "lib", {"pkgrk/__init__.py": PKGRK})
    example = (
        "import pkgrk\n\nscores = pkgrk.score(rows)\n"
        "keep = [r > 1 for r in sample_rows]\nbest = max(s for s, k in zip(scores, keep) if k)\n"
    )
    pages = example_pages({"implementations/Demo_Score.md": example})
    item = generated(tmp_path, {"_WorkflowIndex.md": RK_INDEX, **pages})
    score = item.plan.steps[1].binding
    assert not score.params and "keep" not in score.body, (score.body, score.params)
    build_file_tree(item.output_dir, {"rows.txt": "1\n2\n"})
    proc = run_workflow(item, tmp_path / "lib")
    assert "scores: list of 2: 2, 4" in proc.stderr, proc.stderr


KV_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Save_And_Load

**Description:** Build word vectors, save them, load them back.

### Step 1: Build

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgkv.build(words: list) -> list` |
| **External Dependencies** | `pkgkv` |
| **Key Parameters** | `words: list = ["a", "b"]` - the vocabulary |
| **Outputs** | `vectors` |

### Step 2: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgkv.save(vectors: list, fname_or_handle: str) -> None` |
| **Implementation** | `Demo_Save` |
| **External Dependencies** | `pkgkv` |
| **Key Parameters** | `fname_or_handle: str` - output path, e.g. `words.vectors` |
| **Inputs** | `vectors` from Step 1 |
| **Outputs** | the vectors file on disk |

### Step 3: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgkv.load(fname: str) -> list` |
| **Implementation** | `Demo_Load` |
| **External Dependencies** | `pkgkv` |
| **Key Parameters** | `fname: str` - path written in Step 2 |
| **Inputs** | Path of the file saved in Step 2 |
| **Outputs** | `loaded` |
"""

PKGKV = {
    "pkgkv/__init__.py": """
def build(words):
    return [w.upper() for w in words]


def save(vectors, fname):
    with open(fname, "w") as fp:
        fp.write(" ".join(vectors))


def load(fname):
    with open(fname) as fp:
        return fp.read().split()
""",
    "pkgkv/test/__init__.py": "",
    "pkgkv/test/utils.py": (
        "import os\\nimport tempfile\\n\\n\\ndef get_tmpfile(name):\\n"
        "    return os.path.join(tempfile.gettempdir(), name)\\n"
    ),
}


def test_a_file_the_librarys_test_helpers_place_is_the_users_and_the_later_step_reads_it(tmp_path):
    """gensim trial: step 3 saved to `get_tmpfile("vectors.kv")` (of `gensim.test.utils`): a temporary folder, and
    step 4, "`fname: str` - path written in Step 3", loaded its own example's `word2vec.wordvectors`, which nothing
    wrote. A file name a library's test helper is given is the path itself, a key; and a key described as the
    path written in an earlier step follows that step's one written file."""
    build_file_tree(tmp_path / "lib", PKGKV)
    save = (
        "import pkgkv\nfrom pkgkv.test.utils import get_tmpfile\n\n"
        'fname = get_tmpfile("vectors.kv")\npkgkv.save(vectors, fname)\n'
    )
    load = 'import pkgkv\n\nloaded = pkgkv.load("word2vec.wordvectors")\n'
    pages = example_pages({"implementations/Demo_Save.md": save, "implementations/Demo_Load.md": load})
    item = generated(tmp_path, {"_WorkflowIndex.md": KV_INDEX, **pages})
    assert "get_tmpfile" not in item.plan.steps[1].binding.body, item.plan.steps[1].binding.body
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.fname=out/mine.kv")
    assert "loaded: list of 2: 'A', 'B'" in proc.stderr, proc.stderr
    assert (item.output_dir / "out" / "mine.kv").is_file()


WAVE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Decompose

**Description:** Read a signal, choose the wavelet and level, decompose.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgwave.read(path: str) -> list` |
| **External Dependencies** | `pkgwave` |
| **Key Parameters** | `path: str = "signal.txt"` - one value per line |
| **Outputs** | `signal` |

### Step 2: Plan

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgwave.plan(n: int) -> tuple` |
| **Implementation** | `Demo_Plan` |
| **External Dependencies** | `pkgwave` |
| **Inputs** | `signal` from Step 1 (only its length is used) |
| **Outputs** | `wavelet`, `level` |

### Step 3: Decompose

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgwave.decompose(data, wavelet, mode='sym', level=None) -> str` |
| **Implementation** | `Demo_Decompose` |
| **External Dependencies** | `pkgwave` |
| **Key Parameters** | `data` - input signal, `wavelet` - wavelet from Step 2, `level: int` - decomposition level |
| **Inputs** | `signal` from Step 1, `wavelet` and `level` from Step 2 |
| **Outputs** | `coeffs` |
"""

PKGWAVE = """
def read(path):
    with open(path) as fp:
        return [float(v) for v in fp.read().split()]


def plan(n):
    return "haar", n // 2


def decompose(data, wavelet, mode="sym", level=None):
    return f"{len(data)} values, {wavelet}, level {level}, {mode}"
"""


def test_results_the_inputs_quote_replace_the_examples_values_in_their_slots(tmp_path):
    """PyWavelets trial: "`signal` from Step 1, `wavelet` and `level` from Step 2", while the example decomposes
    `pywt.wavedec([1, 2, 3, 4, 5, 6, 7, 8], "db1", mode="periodization", level=2)`. With more than one cited
    result unread, none was wired: the sample list, "db1" and 2 became keys (`coeffs_wavelet`, renamed to avoid
    step 2's `wavelet`), and the step decomposed the sample, whatever the user's signal. A literal in the slot of a
    parameter named like a result the Inputs quote is that result; the values written out as the call's data are
    the one cited result left."""
    build_file_tree(tmp_path / "lib", {"pkgwave/__init__.py": PKGWAVE})
    pages = example_pages(
        {
            "implementations/Demo_Plan.md": "import pkgwave\n\nwavelet, level = pkgwave.plan(len(signal))\n",
            "implementations/Demo_Decompose.md": (
                'import pkgwave\n\ncoeffs = pkgwave.decompose([1, 2, 3, 4, 5, 6, 7, 8], "db1", mode="per", level=2)\n'
            ),
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": WAVE_INDEX, **pages})
    decompose = item.plan.steps[2].binding
    assert set(decompose.consumes) == {"signal", "wavelet", "level"}, decompose.body
    build_file_tree(item.output_dir, {"signal.txt": "1\n2\n3\n4\n5\n6\n"})
    proc = run_workflow(item, tmp_path / "lib")
    assert "coeffs: '6 values, haar, level 3, per'" in proc.stderr, proc.stderr


SKEW_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Skewed_Scores

**Description:** Make data, skew it, score and fit a model on the skewed copy.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgskew.make(n: int = 6) -> tuple` |
| **Implementation** | `Demo_Make` |
| **External Dependencies** | `pkgskew` |
| **Outputs** | `X`, `y` |

### Step 2: Skew

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgskew.skew(X, y, keep: int = 3) -> tuple` |
| **Implementation** | `Demo_Skew` |
| **External Dependencies** | `pkgskew` |
| **Inputs** | `X`, `y` from Step 1 |
| **Outputs** | `X_imb`, `y_imb` - the skewed copy |

### Step 3: Model

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgskew.Model()` |
| **Implementation** | `Demo_Model` |
| **External Dependencies** | `pkgskew` |
| **Outputs** | `model` |

### Step 4: Score

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgskew.score(model, X, y) -> int` |
| **Implementation** | `Demo_Score` |
| **External Dependencies** | `pkgskew` |
| **Inputs** | `model` from Step 3, `X_imb`, `y_imb` from Step 2 |
| **Outputs** | `scores` |

### Step 5: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `model.fit(X, y) -> int` |
| **Implementation** | `Demo_Fit` |
| **External Dependencies** | `pkgskew` |
| **Inputs** | `model` from Step 3, `X_imb`, `y_imb` from Step 2 |
| **Outputs** | `n_seen` |
"""

PKGSKEW = """
def make(n=6):
    return [[i] for i in range(n)], [i % 2 for i in range(n)]


def skew(X, y, keep=3):
    return X[:keep], y[:keep]


def score(model, X, y):
    return len(X)


class Model:
    def fit(self, X, y):
        return len(X)
"""


def test_the_results_the_inputs_quote_are_named_and_taken_as_they_say(tmp_path):
    """imbalanced-learn trial: step 2's Outputs say "`X_imb`, `y_imb`" and its example unpacks `X_res, y_res =
    make_imbalance(X, y, ...)`; step 4 cites "`X_imb`, `y_imb` from Step 2" and its example cross-validates on `X,
    y`: it ran on step 1's balanced data, silently (macro F1 0.95 instead of 0.81). Step 5's `pipeline.fit(X_train,
    y_train)` was a stub saying the wiki "does not say how to import X_train". Now the unpacked results take the
    names the Outputs give, in order (step 4 then takes them for its `X`, `y`), and names the call is passed that
    nothing makes are the quoted results, in order."""
    build_file_tree(tmp_path / "lib", {"pkgskew/__init__.py": PKGSKEW})
    pages = example_pages(
        {
            "implementations/Demo_Make.md": "import pkgskew\n\nX, y = pkgskew.make(n=6)\n",
            "implementations/Demo_Skew.md": "import pkgskew\n\nX_res, y_res = pkgskew.skew(X, y, keep=2)\n",
            "implementations/Demo_Model.md": "import pkgskew\n\nmodel = pkgskew.Model()\n",
            "implementations/Demo_Score.md": "import pkgskew\n\nscores = pkgskew.score(model, X, y)\n",
            "implementations/Demo_Fit.md": "n_seen = model.fit(X_train, y_train)\n",
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": SKEW_INDEX, **pages})
    steps = [s.binding for s in item.plan.steps]
    assert steps[1].produces == ("X_imb", "y_imb"), steps[1].body
    assert {"X_imb", "y_imb"} <= set(steps[3].consumes) and "X" not in steps[3].consumes, steps[3].body
    assert steps[4].status.value == "bound" and {"X_imb", "y_imb"} <= set(steps[4].consumes), steps[4].body
    proc = run_workflow(item, tmp_path / "lib")
    assert "scores: 2\n" in proc.stderr and "n_seen: 2\n" in proc.stderr, proc.stderr


DEN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Denoise

**Description:** Read a signal, estimate its threshold, halve it, save it beside its index.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgden.read(path: str) -> list` |
| **External Dependencies** | `pkgden` |
| **Key Parameters** | `path: str = "signal.txt"` - one value per line |
| **Outputs** | `signal` |

### Step 2: Threshold

| Attribute | Value |
|-----------|-------|
| **API Call** | `limit = 2 * max(signal) / len(signal)` |
| **Source Location** | (user code) |
| **Implementation** | `Demo_Threshold` |
| **Inputs** | `signal` from Step 1 (length and peak only) |
| **Outputs** | `limit` |

### Step 3: Halve

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgden.halve(values: list) -> list` |
| **External Dependencies** | `pkgden` |
| **Inputs** | `signal` from Step 1 |
| **Outputs** | `halved` |

### Step 4: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgden.save(fname: str, rows: list) -> None` |
| **Implementation** | `Demo_Save` |
| **External Dependencies** | `pkgden` |
| **Key Parameters** | `fname: str` - output path |
| **Inputs** | `halved` from Step 3, `signal` from Step 1 (for the report) |
| **Outputs** | the CSV file on disk |
"""

PKGDEN = {
    "pkgden/__init__.py": """
def read(path):
    with open(path) as fp:
        return [float(v) for v in fp.read().split()]


def halve(values):
    return [v / 2 for v in values]


def pairs(*columns):
    return list(zip(*columns))


def save(fname, rows):
    with open(fname, "w") as fp:
        fp.write("\\n".join(",".join(str(v) for v in row) for row in rows))
""",
    "pkgden/data/__init__.py": "def ecg():\n    return [0.0] * 1024\n",
}


def test_a_bundled_data_set_and_a_built_argument_are_read_as_the_inputs_say(tmp_path):
    """PyWavelets trial: the threshold step's example sizes its threshold by `len(x)` of `x =
    pywt.data.ecg().astype(float) + noise`, the library's bundled data, where the Inputs quote "`signal` from Step 1
    (length only)": the threshold was the demo's. The export step's `np.savetxt("denoised.csv",
    np.column_stack([idx, denoised]))`, with `idx = np.arange(len(denoised))`, was replaced by step 1's `signal`
    ("instead of the example's np.column_stack(...)"): the file held the noisy input. A data set the library bundles
    stands for the one quoted result the step does not read; an argument made of a cited result and of what the
    step made of it is no sample."""
    build_file_tree(tmp_path / "lib", PKGDEN)
    threshold = "import pkgden\n\nx = pkgden.data.ecg()\nlimit = 2 * max(x) / len(x)\n"
    save = 'import pkgden\n\nidx = list(range(len(halved)))\npkgden.save("out.csv", pkgden.pairs(idx, halved))\n'
    pages = example_pages({"implementations/Demo_Threshold.md": threshold, "implementations/Demo_Save.md": save})
    item = generated(tmp_path, {"_WorkflowIndex.md": DEN_INDEX, **pages})
    build_file_tree(item.output_dir, {"signal.txt": "4\n8\n"})
    proc = run_workflow(item, tmp_path / "lib")
    assert "limit: 8.0" in proc.stderr, proc.stderr
    assert (item.output_dir / "out.csv").read_text(encoding="utf-8") == "0,2.0\n1,4.0", proc.stderr


LABELTAB_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Label_Split

**Description:** Read a table, split off its label column.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglabeltab.read(path: str) -> Table` |
| **Implementation** | `Demo_Load` |
| **External Dependencies** | `pkglabeltab` |
| **Key Parameters** | `path: str` - the user's table, `target_column: str` - name of the label column (`"Class"` in the demo file) |
| **Outputs** | `X`, `y` |
"""

PKGLABELTAB = """
class Table:
    def __init__(self, columns):
        self.columns = columns

    def __getitem__(self, name):
        return self.columns[name]

    def drop(self, columns):
        return sorted(set(self.columns) - set(columns))


def read(path):
    with open(path) as fp:
        header, *rows = [line.split(",") for line in fp.read().split()]
    return Table({name: [row[i] for row in rows] for i, name in enumerate(header)})
"""


def test_the_label_column_a_key_documents_is_the_selected_one_and_other_dropped_columns_are_a_key(tmp_path):
    """imbalanced-learn trial: "`target_column: str` - name of the label column (`"Class"` in the Kaggle file)", and
    the example writes `X = df.drop(columns=["Class", "Time"])`, `y = df["Class"]`. With two column texts the key
    was not made: "Class" stayed in the code, the drop list became a key, and a user's table with another label
    failed. The column the statements select is the key's; the other columns dropped beside it are a key of their
    own, so a table without them needs no code edit."""
    build_file_tree(tmp_path / "lib", {"pkglabeltab/__init__.py": PKGLABELTAB})
    example = 'import pkglabeltab\n\ndf = pkglabeltab.read("demo.csv")\nX = df.drop(columns=["Class", "Time"])\ny = df["Class"]\n'
    pages = example_pages({"implementations/Demo_Load.md": example})
    item = generated(tmp_path, {"_WorkflowIndex.md": LABELTAB_INDEX, **pages})
    build_file_tree(item.output_dir, {"mine.csv": "age,income,default\n1,2,0\n3,4,1\n"})
    args = ["--set", "1.path=mine.csv", "--set", "1.target_column=default", "--set", "1.drop_columns=[]"]
    proc = run_workflow(item, tmp_path / "lib", *args)
    assert "X: list of 2: 'age', 'income'" in proc.stderr and "y: list of 2: '0', '1'" in proc.stderr, proc.stderr


GM_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Gmean

**Description:** Make labels and predictions, report their agreement.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkggm.make(n: int = 4) -> tuple` |
| **External Dependencies** | `pkggm` |
| **Outputs** | `y_test`, `y_pred` |

### Step 2: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkggm.agree(y_true, y_pred) -> float` |
| **Implementation** | `Demo_Agree` |
| **External Dependencies** | `pkggm` |
| **Inputs** | `y_test`, `y_pred` from Step 1 |
| **Outputs** | the agreement (float), printed |
"""

PKGGM = """
def make(n=4):
    return [i % 2 for i in range(n)], [0] * n


def agree(y_true, y_pred):
    return sum(a == b for a, b in zip(y_true, y_pred)) / len(y_true)
"""


def test_a_printed_call_of_the_api_is_a_use_of_it_with_a_label_or_in_an_f_string(tmp_path):
    """imbalanced-learn trial: the page's second example, on the workflow's own names, prints
    `print(f"G-mean: {geometric_mean_score(y_test, y_pred):.3f}")`; the first is a toy (`y_true = [0, 1, 2, 0, 1,
    2]`). A print was an anchor only when its one argument was the call, so the toy was the only candidate: its
    labels became a config key and the step scored them, not the test split. A print showing the call with a label,
    or inside an f-string, is a use of it."""
    build_file_tree(tmp_path / "lib", {"pkggm/__init__.py": PKGGM})
    toy = "import pkggm\n\ny_true = [0, 1, 2]\ny_pred = [0, 2, 1]\npkggm.agree(y_true, y_pred)\n"
    own = 'import pkggm\n\nprint(f"agreement: {pkggm.agree(y_test, y_pred):.3f}")\n'
    pages = example_pages({"implementations/Demo_Agree.md": [toy, own]})
    item = generated(tmp_path, {"_WorkflowIndex.md": GM_INDEX, **pages})
    report = item.plan.steps[1].binding
    assert set(report.consumes) == {"y_test", "y_pred"} and not report.params, (report.body, report.params)
    proc = run_workflow(item, tmp_path / "lib", "--set", "1.n=6")
    assert ": 0.5\n" in proc.stderr, proc.stderr


SHORTREC_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Rebuild_Error

**Description:** Rebuild values, then measure how far the rebuilt ones are.

### Step 1: Rebuild

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgshortrec.rebuild(n: int = 3) -> tuple` |
| **External Dependencies** | `pkgshortrec` |
| **Outputs** | `image`, `reconstructed` |

### Step 2: Measure

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgshortrec.error(a, b) -> float` |
| **Implementation** | `Demo_Measure` |
| **External Dependencies** | `pkgshortrec` |
| **Inputs** | `image`, `reconstructed` from Step 1 |
| **Outputs** | `err`, `worst` |
"""

PKGSHORTREC = """
def rebuild(n=3):
    return [float(i) for i in range(n)], [i + 0.5 * i for i in range(n)]


def error(a, b):
    return sum(abs(x - y) for x, y in zip(a, b))
"""


def test_a_shortened_name_nothing_makes_is_the_result_the_inputs_quote(tmp_path):
    """PyWavelets trial: the evaluation step's example computes `mse = np.mean((image - rec) ** 2)` and saves
    `reconstructed`, where the Inputs quote "`reconstructed` from Step 6" and nothing makes `rec`: `rec` became a
    REQUIRED key no TOML value can be, and the workflow stopped there. A name nothing makes, written as a shortening
    of one quoted result, is that result."""
    build_file_tree(tmp_path / "lib", {"pkgshortrec/__init__.py": PKGSHORTREC})
    example = (
        "import pkgshortrec\n\nerr = pkgshortrec.error(image, reconstructed)\n"
        "worst = max(abs(a - b) for a, b in zip(image, rec))\n"
    )
    pages = example_pages({"implementations/Demo_Measure.md": example})
    item = generated(tmp_path, {"_WorkflowIndex.md": SHORTREC_INDEX, **pages})
    measure = item.plan.steps[1].binding
    assert not measure.params and "rec)" not in measure.body, (measure.body, measure.params)
    proc = run_workflow(item, tmp_path / "lib")
    assert "err: 1.5" in proc.stderr and "worst: 1.0" in proc.stderr, proc.stderr


UNUSED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Unused_Input

**Description:** Make data, then count.

### Step 1: Make

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgunused.make() -> list` |
| **External Dependencies** | `pkgunused` |
| **Outputs** | `data` |

### Step 2: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgunused.count(size: int) -> int` |
| **Implementation** | `Demo_Count` |
| **External Dependencies** | `pkgunused` |
| **Inputs** | `data` from Step 1 |
| **Outputs** | `total` |
"""


def test_a_step_whose_code_ignores_its_cited_inputs_says_so_in_its_module(tmp_path):
    """PyWavelets trial: the warning "its Inputs cite signal, wavelet, level ... which its code does not use: check the
    step before trusting its result" was printed only by generation; the step's module, its README row and a run
    showed a bound step. The step's module says it now, beside its other departures from the wiki."""
    build_file_tree(
        tmp_path / "lib",
        {"pkgunused/__init__.py": "def make():\n    return [1]\n\n\ndef count(size):\n    return size\n"},
    )
    pages = example_pages({"implementations/Demo_Count.md": "import pkgunused\n\ntotal = pkgunused.count(size=3)\n"})
    item = generated(tmp_path, {"_WorkflowIndex.md": UNUSED_INDEX, **pages})
    module = next((item.output_dir / "src" / item.plan.package_name / "steps").glob("step_02_*.py"))
    text = module.read_text(encoding="utf-8")
    assert "does not use data, which its Inputs cite: check it before trusting its result" in text, text
    assert any("which its code does not use" in w.message for w in item.plan.warnings), item.plan.warnings


def test_results_unpacked_beside_other_work_take_the_names_the_outputs_give(tmp_path):
    """PyWavelets trial: `coef, freqs = pywt.cwt(y, ...)` after the example's own `x = np.exp(t)` and `y = ...`,
    where the Outputs say "`coefs`, `frequencies`" and later steps cite them: the renaming by place held only when
    the step made nothing else, so `coefs` and `frequencies` became REQUIRED keys of the later steps. What else the
    step makes on the way does not stop it."""
    build_file_tree(tmp_path / "lib", {"pkgskew/__init__.py": PKGSKEW})
    pages = example_pages(
        {
            "implementations/Demo_Make.md": "import pkgskew\n\nX, y = pkgskew.make(n=6)\n",
            "implementations/Demo_Skew.md": (
                "import pkgskew\n\nthird = len(X) // 3\nX_res, y_res = pkgskew.skew(X, y, keep=third)\n"
            ),
            "implementations/Demo_Model.md": "import pkgskew\n\nmodel = pkgskew.Model()\n",
            "implementations/Demo_Score.md": "import pkgskew\n\nscores = pkgskew.score(model, X, y)\n",
            "implementations/Demo_Fit.md": "n_seen = model.fit(X_train, y_train)\n",
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": SKEW_INDEX, **pages})
    assert {"X_imb", "y_imb"} <= set(item.plan.steps[1].binding.produces), item.plan.steps[1].binding.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "scores: 2\n" in proc.stderr and "n_seen: 2\n" in proc.stderr, proc.stderr


GOODNESS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Goodness

**Description:** A line fitted to points, then judged by its residuals.

### Step 1: Points

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfitq.points(n: int = 5)` |
| **External Dependencies** | `pkgfitq` |
| **Outputs** | `xdata`, `ydata` |

### Step 2: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfitq.fit_line(xdata, ydata)` |
| **External Dependencies** | `pkgfitq` |
| **Inputs** | `xdata`, `ydata` from Step 1 |
| **Outputs** | `popt`, `pcov` |

### Step 3: Goodness of Fit

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Goodness_Pattern` |
| **API Call** | `residuals = ydata - line(xdata, *popt)`; `r_squared = 1 - ss_res / ss_tot` (plain arithmetic) |
| **Inputs** | `xdata`, `ydata` from Step 1, `popt` from Step 2 |
| **Outputs** | `residuals`, `r_squared` |
"""

GOODNESS_PAGE = """== Code Reference ==

=== Pattern Specification ===
<syntaxhighlight lang="python">
def goodness(xdata, ydata, popt):
    '''Residuals of the line and its R squared.'''
    slope, intercept = popt
    residuals = [y - (slope * x + intercept) for x, y in zip(xdata, ydata)]
    mean = sum(ydata) / len(ydata)
    ss_tot = sum((y - mean) ** 2 for y in ydata)
    if ss_tot == 0:
        return residuals, 1.0
    return residuals, 1.0 - sum(r * r for r in residuals) / ss_tot
</syntaxhighlight>

== Usage Examples ==
<syntaxhighlight lang="python">
popt, pcov = fit_line(xs, ys)
res, r2 = goodness(xs, ys, popt)
print(f"R^2 = {r2:.4f}")
</syntaxhighlight>
"""

PKGFITQ = """
def points(n=5):
    xs = [float(i) for i in range(n)]
    return xs, [2.0 * x + 1.0 + (0.5 if i % 2 else -0.5) for i, x in enumerate(xs)]


def fit_line(xdata, ydata):
    n = len(xdata)
    mx, my = sum(xdata) / n, sum(ydata) / n
    slope = sum((x - mx) * (y - my) for x, y in zip(xdata, ydata)) / sum((x - mx) ** 2 for x in xdata)
    return (slope, my - slope * mx), [[0.0, 0.0], [0.0, 0.0]]
"""


def test_a_pattern_whose_api_cell_is_arithmetic_runs_the_function_its_page_specifies(tmp_path):
    """scipy trial: the API cell sums up code (`residuals = ydata - model(xdata, *popt)`; ...), the page's
    `=== Pattern Specification ===` defines `goodness_of_fit(model, xdata, ydata, popt, pcov)` returning the three
    results the Outputs name, and its usage example calls it on other names: the step was a stub. A `def` whose
    every required parameter is an earlier result, returning as many values as the Outputs name, is called."""
    build_file_tree(tmp_path / "lib", {"pkgfitq/__init__.py": PKGFITQ})
    item = generated(
        tmp_path, {"_WorkflowIndex.md": GOODNESS_INDEX, "implementations/Demo_Goodness_Pattern.md": GOODNESS_PAGE}
    )
    binding = item.plan.steps[2].binding
    assert binding.status.value == "bound" and binding.consumes == ("xdata", "ydata", "popt"), binding.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "r_squared: 0.97087" in proc.stderr, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


DRAW_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Draw

**Description:** Points, a curve through them, and the figure of both saved.

### Step 1: Points

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgplotq.points(n: int = 4)` |
| **External Dependencies** | `pkgplotq` |
| **Outputs** | `xdata`, `ydata` |

### Step 2: Curve

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Curve_Pattern` |
| **API Call** | User-defined callable `f(x, *params)` (e.g. `def curve(x, a): return a * x`) |
| **Source Location** | (user code) |
| **Outputs** | `curve: Callable` - the model function |

### Step 3: Save Figure

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Savefig` |
| **API Call** | `pkgplotq.pyplot.savefig(fname, *, dpi=100)` |
| **Source Location** | `pkgplotq/pyplot.py` (external library) |
| **External Dependencies** | `pkgplotq` |
| **Key Parameters** | `fname: str` - the image written, `dpi: int` - dots per inch |
| **Inputs** | `xdata`, `ydata` from Step 1, `curve` from Step 2 |
| **Outputs** | the figure file |
"""

CURVE_PAGE = """== Code Reference ==

=== Signature ===
<syntaxhighlight lang="python">
def curve(x, a=2.0):
    return [a * v for v in x]
</syntaxhighlight>

== Usage Examples ==
<syntaxhighlight lang="python">
def curve(x, a=2.0):
    return [a * v for v in x]
</syntaxhighlight>
"""

SAVEFIG_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgplotq.pyplot as plt

fig, ax = plt.subplots(figsize=(4, 3))
ax.plot(xdata, ydata, "b.")
ax.plot(xdata, func(xdata), "r-")
plt.savefig("fit.txt", dpi=150)
</syntaxhighlight>
"""

PKGPLOTQ = {
    "pkgplotq/__init__.py": "def points(n=4):\n    return list(range(n)), [2 * v + 1 for v in range(n)]\n",
    "pkgplotq/pyplot.py": """
_LINES = []


class Axes:
    def plot(self, x, y, style=""):
        _LINES.append((style, list(x), list(y)))


def subplots(figsize=(6, 4)):
    _LINES.clear()
    return object(), Axes()


def savefig(fname, *, dpi=100):
    with open(fname, "w") as handle:
        for style, x, y in _LINES:
            handle.write(f"{style} {x} {y}\\n")
""",
}


def test_a_figure_saved_by_a_module_function_keeps_the_drawing_before_it(tmp_path):
    """scipy trial: the API is `plt.savefig("fit.png", dpi=150)`, which reads no name: what it saves is what
    the example's statements before it drew (`fig, ax = plt.subplots()`, `ax.plot(...)`). Cut alone, the step
    saved an empty figure. And the example's `func(xdata)`, a function nothing makes, is the function the Inputs
    cite (`curve` from Step 2): it was imported from the API's module, which has no such function."""
    build_file_tree(tmp_path / "lib", PKGPLOTQ)
    pages = {"implementations/Demo_Curve_Pattern.md": CURVE_PAGE, "implementations/Demo_Savefig.md": SAVEFIG_PAGE}
    item = generated(tmp_path, {"_WorkflowIndex.md": DRAW_INDEX, **pages})
    binding = item.plan.steps[2].binding
    assert binding.consumes == ("xdata", "ydata", "curve"), binding.body
    run_workflow(item, tmp_path / "lib", "--set", "step_03_save_figure.fname=fit.txt")
    lines = (item.output_dir / "fit.txt").read_text(encoding="utf-8").splitlines()
    assert lines == ["b. [0, 1, 2, 3] [1, 3, 5, 7]", "r- [0, 1, 2, 3] [0.0, 2.0, 4.0, 6.0]"], lines
    run_generated_tests(item, tmp_path / "lib")


RENAMED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Renamed

**Description:** Data made, smoothed, then scored and saved.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrenq.load(n: int = 4)` |
| **External Dependencies** | `pkgrenq` |
| **Implementation** | `Demo_Load` |
| **Outputs** | `data`, `weights` |

### Step 2: Smooth

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrenq.smooth(data, level=1)` |
| **External Dependencies** | `pkgrenq` |
| **Implementation** | `Demo_Smooth` |
| **Key Parameters** | `level: int` - how much to smooth |
| **Inputs** | `data` from Step 1 |
| **Outputs** | `smoothed` list |

### Step 3: Score

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrenq.score(reference, result, weights)` |
| **External Dependencies** | `pkgrenq` |
| **Implementation** | `Demo_Score` |
| **Inputs** | `data` and `weights` from Step 1, `smoothed` from Step 2 |
| **Outputs** | `gain` |

### Step 4: Total

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrenq.total(values)` |
| **External Dependencies** | `pkgrenq` |
| **Implementation** | `Demo_Total` |
| **Inputs** | `smoothed` from Step 2 |
| **Outputs** | `sum_smoothed` |
"""

PKGRENQ = """
def load(n=4):
    return [float(i * i) for i in range(n)], [1.0] * n


def smooth(data, level=1):
    return [v / (1 + level) for v in data]


def score(reference, result, weights):
    return sum(w * (a - b) for a, b, w in zip(reference, result, weights))


def total(values):
    return sum(values)
"""


def test_a_later_example_reading_the_name_an_earlier_example_gave_a_result_takes_that_result(tmp_path):
    """scikit-image trial: step 4 (denoise) takes the page's second example, `im_visushrink = denoise_wavelet(...)`,
    and names its result `denoised` as its Outputs say; step 5's example reads `im_bayes`, the first example's name
    for the same call, and step 6 of another workflow read `matches01`, renamed `matches` by the step making it.
    Those names became REQUIRED keys (an array a person cannot write in TOML); they are the earlier results."""
    build_file_tree(tmp_path / "lib", {"pkgrenq/__init__.py": PKGRENQ})
    pages = example_pages(
        {
            "implementations/Demo_Load.md": "import pkgrenq\n\nxs, ws = pkgrenq.load(n=4)\n",
            "implementations/Demo_Smooth.md": [
                "import pkgrenq\n\nim_soft = pkgrenq.smooth(data, level=1)\n",
                "import pkgrenq\n\nim_hard = pkgrenq.smooth(data, level=3)\n",
            ],
            "implementations/Demo_Score.md": "import pkgrenq\n\ngain = pkgrenq.score(xs, im_soft[:4], ws)\n",
            "implementations/Demo_Total.md": "import pkgrenq\n\nsum_smoothed = pkgrenq.total(im_hard[1:])\n",
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": RENAMED_INDEX, **pages})
    assert item.plan.required_keys == (), item.plan.required_keys
    assert item.plan.steps[0].binding.produces == ("data", "weights"), item.plan.steps[0].binding.body
    score, total = (s.binding for s in item.plan.steps[2:])
    assert score.consumes == ("data", "smoothed", "weights") and total.consumes == ("smoothed",), (
        score.body,
        total.body,
    )
    proc = run_workflow(item, tmp_path / "lib")
    assert "gain: 7.0\n" in proc.stderr and "sum_smoothed: 7.0\n" in proc.stderr, proc.stderr


SUBCLASS_INSTANCE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Subclass_Instance

**Description:** A module class written by the user, made, trained, saved and loaded back through the class.

### Step 1: Features

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmodq.features(n: int = 3)` |
| **External Dependencies** | `pkgmodq` |
| **Outputs** | `num_features` |

### Step 2: Define the Module

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Lit` |
| **API Call** | `class Lit(M.Module)` implementing `__init__` and `forward` |
| **External Dependencies** | `pkgmodq` |
| **Key Parameters** | `size: int` - input size (`num_features` from Step 1), `scale: int` - factor (default 2) |
| **Inputs** | `num_features` from Step 1 |
| **Outputs** | `model` - an untrained `Lit` |

### Step 3: Train

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Train` |
| **API Call** | `pkgmodq.train(model, path)` |
| **External Dependencies** | `pkgmodq` |
| **Key Parameters** | `path: str` - the checkpoint written |
| **Inputs** | `model` from Step 2 |
| **Outputs** | `model`, trained, and its checkpoint file |

### Step 4: Reload

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Reload` |
| **API Call** | `Lit.load(path) -> Lit` |
| **Inputs** | Checkpoint path from Step 3 |
| **Outputs** | `restored` |
"""

PKGMODQ = """
import json


def features(n=3):
    return n


class Module:
    def __init__(self):
        self.trained = False

    @classmethod
    def load(cls, path):
        restored = cls.__new__(cls)
        with open(path) as handle:
            restored.__dict__.update(json.load(handle))
        print("loaded", cls.__name__, restored.size, restored.trained)
        return restored


def train(model, path):
    model.trained = True
    with open(path, "w") as handle:
        json.dump(model.__dict__, handle)
    return path
"""

LIT_PAGE = """== Usage Examples ==
<syntaxhighlight lang="python">
import pkgmodq as M


class Lit(M.Module):
    def __init__(self, size, scale=2):
        super().__init__()
        self.size, self.scale = size, scale

    def forward(self, x):
        return [v * self.scale for v in x][: self.size]


model = Lit(size=5)
</syntaxhighlight>
"""


def test_a_class_the_step_declares_is_made_as_its_outputs_say_and_loaded_back_through_the_class(tmp_path):
    """lightning trial: the API cell is `class LitClassifier(L.LightningModule)` (`import lightning as L`), the
    Outputs "`model` - an untrained `LitClassifier`": `L` read as a class left the subclass rule out, so the step
    made `L.LightningModule()`, with no layers and no training_step. The step declares the example's class and
    makes the instance the example makes, with the size the Key Parameters cite; the class is handed on, and a later
    `LitClassifier.load_from_checkpoint(path)` calls it on that class (it was called on the trained model, what the
    cited step made: a class is no data the Inputs describe)."""
    build_file_tree(tmp_path / "lib", {"pkgmodq/__init__.py": PKGMODQ})
    pages = {
        "implementations/Demo_Lit.md": LIT_PAGE,
        **example_pages(
            {
                "implementations/Demo_Train.md": 'import pkgmodq as M\n\nM.train(model, "model.json")\n',
                "implementations/Demo_Reload.md": 'restored = Lit.load("model.json")\n',
            }
        ),
    }
    item = generated(tmp_path, {"_WorkflowIndex.md": SUBCLASS_INSTANCE_INDEX, **pages})
    declare, reload = item.plan.steps[1].binding, item.plan.steps[3].binding
    assert declare.produces == ("Lit", "model") and "class Lit(M.Module)" in declare.body, declare.body
    assert reload.consumes == ("Lit",), reload.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "loaded Lit 3 True" in proc.stdout, proc.stdout + proc.stderr


SEEDED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Seeded

**Description:** Seeded synthetic rows, split and counted.

### Step 1: Seed and Generate

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Seed` |
| **API Call** | `pkgseedq.seed(value: int = 0) -> int` |
| **External Dependencies** | `pkgseedq` |
| **Key Parameters** | `value: int` - the seed, `n_rows: int` - rows to make (8) |
| **Inputs** | None (data is generated) |
| **Outputs** | `train`, `valid` (a split of the rows) |

### Step 2: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgseedq.count(data)` |
| **External Dependencies** | `pkgseedq` |
| **Inputs** | `train` from Step 1 |
| **Outputs** | `n` |
"""

PKGSEEDQ = """
_STATE = {"seed": None}


def seed(value=0):
    _STATE["seed"] = value
    return value


def rows(n, width):
    return [[_STATE["seed"]] * width for _ in range(n)]


def count(rows):
    return len(rows)
"""


def test_outputs_made_after_a_call_for_its_effect_come_from_the_statements_that_make_them(tmp_path):
    """lightning trial: `L.seed_everything(42, workers=True)`, then the example makes the data
    (`num_samples, num_features = 1000, 4`, `X = torch.randn(...)`, `train_dataset, val_dataset =
    random_split(...)`), and the Outputs name `train_dataset`, `val_dataset`: the step unpacked them from the seed
    (an int) and crashed. The statements after the call that make the outputs come with it, and the literals they
    unpack (`n_rows, width = 8, 2`) are settings, each a key."""
    build_file_tree(tmp_path / "lib", {"pkgseedq/__init__.py": PKGSEEDQ})
    example = (
        "import pkgseedq\n\npkgseedq.seed(7)\nn_rows, width = 8, 2\nrows = pkgseedq.rows(n_rows, width)\n"
        "train, valid = rows[:6], rows[6:]\n"
    )
    item = generated(
        tmp_path, {"_WorkflowIndex.md": SEEDED_INDEX, **example_pages({"implementations/Demo_Seed.md": example})}
    )
    step = item.plan.steps[0].binding
    assert {"train", "valid"} <= set(step.produces), step.body
    config = (item.output_dir / "config.toml").read_text(encoding="utf-8")
    assert "n_rows = 8" in config and "width = 2" in config, config
    proc = run_workflow(item, tmp_path / "lib", "--set", "step_01_seed_and_generate.n_rows=10")
    assert "n: 6\n" in proc.stderr and "valid: list of 4" in proc.stderr, proc.stderr


IN_PLACE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_In_Place

**Description:** A table read, its column cleaned in place, then totalled.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkginplq.table()` |
| **External Dependencies** | `pkginplq` |
| **Outputs** | `raw_table` |

### Step 2: Clean

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkginplq.clean(values)` |
| **External Dependencies** | `pkginplq` |
| **Inputs** | `raw_table` from Step 1 |
| **Outputs** | `tidy_table`: the table with its column `a` as numbers |

### Step 3: Total

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkginplq.total(table)` |
| **External Dependencies** | `pkginplq` |
| **Inputs** | `tidy_table` from Step 2 |
| **Outputs** | `total` |

### Step 4: Size

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkginplq.size(table)` |
| **External Dependencies** | `pkginplq` |
| **Inputs** | `tidy_table` from Step 2 (`raw_table` as step 2 left it) |
| **Outputs** | `n` |
"""

PKGINPLQ = """
def table():
    return {"a": ["1", "2", "x", "4"]}


def clean(values):
    return [float(v) if v.replace(".", "").isdigit() else 0.0 for v in values]


def total(table):
    return sum(table["a"])


def size(table):
    return len(table["a"])
"""


def test_an_input_changed_in_place_is_handed_on_under_the_name_the_outputs_give(tmp_path):
    """pandas trial: step 2 converts columns in place (`raw_df[col] = pd.to_numeric(raw_df[col])`) and its
    Outputs name `typed_df`, which step 3 cites: nothing was named so, and step 3 filled in its example's sample
    table (4 made-up rows) instead, and the workflow wrote that. The changed input is handed on under that name."""
    build_file_tree(tmp_path / "lib", {"pkginplq/__init__.py": PKGINPLQ})
    pages = example_pages(
        {
            "implementations/Demo_Clean.md": 'import pkginplq\n\nraw_table["a"] = pkginplq.clean(raw_table["a"])\n',
            "implementations/Demo_Total.md": (
                'import pkginplq\n\ntidy_table = {"a": [1.0, 2.0]}\ntotal = pkginplq.total(tidy_table)\n'
            ),
            "implementations/Demo_Size.md": "import pkginplq\n\nn = pkginplq.size(raw_table)\n",
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": IN_PLACE_INDEX, **pages})
    assert "tidy_table" in item.plan.steps[1].binding.produces, item.plan.steps[1].binding.body
    assert item.plan.steps[2].binding.consumes == ("tidy_table",), item.plan.steps[2].binding.body
    # step 4 reads raw_table, the same object: no warning that it ignores the tidy_table its Inputs cite
    assert not [w for w in item.plan.warnings if "step 4" in w.message], item.plan.warnings
    proc = run_workflow(item, tmp_path / "lib")
    assert "total: 7.0\n" in proc.stderr and "n: 4\n" in proc.stderr, proc.stderr


STAND_IN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Stand_In

**Description:** A table read, its gaps dropped and filled, then counted.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgstq.read()` |
| **External Dependencies** | `pkgstq` |
| **Outputs** | `table` |

### Step 2: Fill

| Attribute | Value |
|-----------|-------|
| **API Call** | `Table.fill(value)` |
| **External Dependencies** | `pkgstq` |
| **Implementation** | `Demo_Fill` |
| **Inputs** | `table` from Step 1 |
| **Outputs** | `filled` |

### Step 3: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgstq.count(data)` |
| **External Dependencies** | `pkgstq` |
| **Inputs** | `filled` from Step 2 |
| **Outputs** | `n` |
"""

PKGSTQ = """
import math


class Table:
    def __init__(self, columns):
        self.columns = columns

    def drop_missing(self, columns):
        keep = [i for i in range(len(self.columns["a"])) if not any(math.isnan(self.columns[c][i]) for c in columns)]
        return Table({k: [v[i] for i in keep] for k, v in self.columns.items()})

    def fill(self, value):
        return Table({k: [value if math.isnan(x) else x for x in v] for k, v in self.columns.items()})


def read():
    return Table({"a": [1.0, math.nan, 3.0, 4.0, 5.0], "b": [math.nan, 2.0, 3.0, 4.0, 5.0]})


def count(data):
    return len(data.columns["a"])
"""


def test_sample_data_with_a_modules_constants_gives_way_to_the_cited_input_and_the_work_on_it_stays(tmp_path):
    """pandas trial: `df = pd.DataFrame({"order_id": [1001, np.nan, ...]})`, `df = df.dropna(subset=[...])`,
    `df = df.fillna({...})`, where the Inputs cite `typed_df` from Step 2. The sample table (not taken for one:
    `np.nan` is no literal) stayed, and the dropna, a call on the data with a literal list, was taken for the
    sample and dropped: the step filled 4 made-up rows. The sample gives way to the input, and the work stays."""
    build_file_tree(tmp_path / "lib", {"pkgstq/__init__.py": PKGSTQ})
    sample = 'df = pkgstq.Table({"a": [1.0, math.nan, 2.0], "b": [3.0, 4.0, math.nan]})\n'
    example = f'import math\nimport pkgstq\n\n{sample}df = df.drop_missing(columns=["a"])\nfilled = df.fill(0.0)\n'
    pages = example_pages({"implementations/Demo_Fill.md": example})
    item = generated(tmp_path, {"_WorkflowIndex.md": STAND_IN_INDEX, **pages})
    assert item.plan.steps[1].binding.consumes == ("table",), item.plan.steps[1].binding.body
    assert "drop_missing(" in item.plan.steps[1].binding.body, item.plan.steps[1].binding.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "n: 4\n" in proc.stderr, proc.stderr


FIGURE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Figure

**Description:** Numbers drawn on axes the step makes, and the figure saved as the Outputs say.

### Step 1: Numbers

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfigq.numbers(n: int = 3)` |
| **External Dependencies** | `pkgfigq` |
| **Outputs** | `values` |

### Step 2: Draw

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Draw` |
| **API Call** | `pkgfigq.draw(values, *, ax, style="-")` |
| **External Dependencies** | `pkgfigq` |
| **Key Parameters** | `ax: pkgfigq.Axes` - axes to draw on (create with `pkgfigq.subplots()`), `style: str` - line style |
| **Inputs** | `values` from Step 1 |
| **Outputs** | Figure saved with `fig.savefig("plot.txt")` |
"""

PKGFIGQ = """
class Axes:
    def __init__(self):
        self.lines = []


class Figure:
    def __init__(self, axes):
        self.axes = axes

    def savefig(self, fname):
        with open(fname, "w") as handle:
            handle.write(repr(self.axes.lines))


def numbers(n=3):
    return list(range(n))


def subplots(size=4):
    axes = Axes()
    return Figure(axes), axes


def draw(values, *, ax, style="-"):
    ax.lines.append((style, list(values)))


def show():
    pass
"""


def test_axes_the_example_makes_are_made_and_the_figure_the_outputs_promise_is_saved(tmp_path):
    """scikit-image trial: `fig, ax = plt.subplots(...)`, `plot_matched_features(..., ax=ax)`, `plt.show()`, with
    "`ax: matplotlib.axes.Axes` - axes to draw on" in the Key Parameters and "Figure saved with
    `fig.savefig("matches.png")`" in the Outputs: `ax` was a REQUIRED key (an Axes cannot be written in TOML; the
    example's unpacking was not seen to build it) and no file was written. The example's axes are made, and the
    call the Outputs quote saves the figure, its file a key."""
    build_file_tree(tmp_path / "lib", {"pkgfigq/__init__.py": PKGFIGQ})
    example = (
        'import pkgfigq\n\nfig, ax = pkgfigq.subplots(size=3)\npkgfigq.draw(values, ax=ax, style="o")\npkgfigq.show()\n'
    )
    item = generated(
        tmp_path, {"_WorkflowIndex.md": FIGURE_INDEX, **example_pages({"implementations/Demo_Draw.md": example})}
    )
    assert item.plan.required_keys == (), item.plan.required_keys
    run_workflow(item, tmp_path / "lib", "--set", "step_02_draw.filename=out.txt")
    assert (item.output_dir / "out.txt").read_text(encoding="utf-8") == "[('o', [0, 1, 2])]"


THRESHOLD_CLOSE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Mask

**Description:** An image thresholded into a mask, and the mask closed.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgthq.load()` |
| **External Dependencies** | `pkgthq` |
| **Outputs** | `image` |

### Step 2: Threshold

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Threshold` |
| **API Call** | `pkgthq.otsu(image)` |
| **External Dependencies** | `pkgthq` |
| **Inputs** | `image` from Step 1 |
| **Outputs** | `thresh` (float); foreground mask `mask = image > thresh` |

### Step 3: Close

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Close` |
| **API Call** | `pkgthq.close(image, footprint=None)` |
| **External Dependencies** | `pkgthq` |
| **Inputs** | `mask` from Step 2 |
| **Outputs** | `closed` |
"""

PKGTHQ = """
class Arr(list):
    def __gt__(self, other):
        return Arr(v > other for v in self)


def load():
    return Arr([1, 7, 2, 9, 3])


def otsu(image):
    return sum(image) / len(image)


def square(n):
    return ("square", n)


def close(image, footprint=None):
    if not all(isinstance(v, bool) for v in image) or not isinstance(footprint, tuple):
        raise TypeError(f"a mask to close with a footprint, not {image!r} with {footprint!r}")
    return [footprint, list(image)]
"""


def test_an_argument_written_as_the_outputs_write_a_cited_result_is_that_result(tmp_path):
    """scikit-image trial: `bw = closing(image > thresh, footprint_rectangle((4, 4)))`, where step 2's Outputs say
    "foreground mask `bw = image > thresh`" and step 3's Inputs cite `bw`: the step passed `bw` as the footprint (a
    303 x 384 structuring element: MemoryError), since an argument read from a cited step's result was taken for
    work on it. The argument written as the Outputs write the result is that result."""
    build_file_tree(tmp_path / "lib", {"pkgthq/__init__.py": PKGTHQ})
    pages = example_pages(
        {
            "implementations/Demo_Threshold.md": "import pkgthq\n\nthresh = pkgthq.otsu(image)\nmask = image > thresh\n",
            "implementations/Demo_Close.md": "import pkgthq\n\nclosed = pkgthq.close(image > thresh, pkgthq.square(2))\n",
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": THRESHOLD_CLOSE_INDEX, **pages})
    proc = run_workflow(item, tmp_path / "lib")
    assert "closed: list of 2" in proc.stderr, proc.stderr


CHAINED_SAVE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Chained_Save

**Description:** Rows made, then written through a frame built of them.

### Step 1: Rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtabq.rows(n: int = 3)` |
| **External Dependencies** | `pkgtabq` |
| **Outputs** | `rows` |

### Step 2: Save

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Frame_Save` |
| **API Call** | `pkgtabq.Frame(rows).save(path: str, index: bool = True)` |
| **External Dependencies** | `pkgtabq` |
| **Key Parameters** | `path: str` - the file written, `index: bool` - write the row numbers too (set False) |
| **Inputs** | `rows` from Step 1 |
| **Outputs** | the file |
"""

FRAME_SAVE_PAGE = """== Code Reference ==

=== Signature ===
<syntaxhighlight lang="python">
class Frame:
    def __init__(self, data, index=None): ...
</syntaxhighlight>

== Usage Examples ==
<syntaxhighlight lang="python">
import pkgtabq

df = pkgtabq.Frame(rows)
df.save("out.txt", index=False)
</syntaxhighlight>
"""

PKGTABQ = """
def rows(n=3):
    return [[i, i * i] for i in range(n)]


class Frame:
    def __init__(self, data, index=None):
        if index is not None and not isinstance(index, list):
            raise TypeError(f"Index(...) must be called with a collection, not {index!r}")
        self.data, self.index = data, index or list(range(len(data)))

    def save(self, path, index=True):
        with open(path, "w") as handle:
            for label, row in zip(self.index, self.data):
                handle.write(",".join(str(v) for v in ([label, *row] if index else row)) + "\\n")
"""


def test_key_parameters_of_a_chained_method_go_to_that_method_not_the_constructor(tmp_path):
    """scikit-image trial: the API cell `pandas.DataFrame(props).to_csv(path_or_buf, index: bool = True, ...)`, with
    "`index: bool` - write the DataFrame index as a column (set False)" and the page's DataFrame signature: `index`
    went to the constructor too (`pd.DataFrame(props, index=index)`, a bool for the row labels: TypeError). The
    chained method's parameters are its own."""
    build_file_tree(tmp_path / "lib", {"pkgtabq/__init__.py": PKGTABQ})
    item = generated(
        tmp_path, {"_WorkflowIndex.md": CHAINED_SAVE_INDEX, "implementations/Demo_Frame_Save.md": FRAME_SAVE_PAGE}
    )
    run_workflow(item, tmp_path / "lib", "--set", "step_02_save.index=true")
    assert (item.output_dir / "out.txt").read_text(encoding="utf-8") == "0,0,0\n1,1,1\n2,2,4\n"


TWO_WRITES_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Two_Writes

**Description:** Two tables made, then each written out.

### Step 1: Tables

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcsvq.tables()` |
| **External Dependencies** | `pkgcsvq` |
| **Outputs** | `summary`, `detail` |

### Step 2: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `Table.write(path, sep=",")` |
| **External Dependencies** | `pkgcsvq` |
| **Implementation** | `Demo_Write` |
| **Inputs** | `summary` and `detail` from Step 1 |
| **Outputs** | the two report files |
"""

PKGCSVQ = """
class Table:
    def __init__(self, rows):
        self.rows = rows

    def write(self, path, sep=","):
        with open(path, "w") as handle:
            handle.write("\\n".join(sep.join(str(v) for v in row) for row in self.rows))


def tables():
    return Table([[1, 2]]), Table([[3, 4], [5, 6]])
"""


def test_the_api_called_again_on_another_input_the_inputs_quote_is_the_steps_work_too(tmp_path):
    """pandas trial: `summary_df.to_csv(out_dir / "summary.csv", index=False)` then `pivot_df.to_csv(out_dir /
    "revenue_pivot.csv")`, with "`summary_df` from Step 3, `pivot_df` from Step 4": the slice stopped at the
    first call, so the pivot, one of the two tables the step exports, was never written."""
    build_file_tree(tmp_path / "lib", {"pkgcsvq/__init__.py": PKGCSVQ})
    example = 'import os\n\nos.makedirs("out", exist_ok=True)\nsummary.write("out/summary.txt", sep=";")\ndetail.write("out/detail.txt")\n'
    item = generated(
        tmp_path, {"_WorkflowIndex.md": TWO_WRITES_INDEX, **example_pages({"implementations/Demo_Write.md": example})}
    )
    assert item.plan.steps[1].binding.consumes == ("summary", "detail"), item.plan.steps[1].binding.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "out" / "detail.txt").read_text(encoding="utf-8") == "3,4\n5,6"
    assert (item.output_dir / "out" / "summary.txt").read_text(encoding="utf-8") == "1;2"


COLUMNS_AFTER_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Columns_After

**Description:** A table read, its columns typed and its names stripped, then its names listed.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcolq.read()` |
| **External Dependencies** | `pkgcolq` |
| **Outputs** | `table` |

### Step 2: Types

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcolq.to_num(values)` |
| **External Dependencies** | `pkgcolq` |
| **Implementation** | `Demo_Types` |
| **Inputs** | `table` from Step 1 |
| **Outputs** | `table` with numeric columns; text columns are stripped |

### Step 3: Names

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcolq.distinct(values)` |
| **External Dependencies** | `pkgcolq` |
| **Implementation** | `Demo_Kinds` |
| **Inputs** | `table` from Step 2 |
| **Outputs** | `kinds` |
"""

PKGCOLQ = """
def read():
    return {"qty": ["1", "2"], "name": ["South ", "South"]}


def to_num(values):
    return [float(v) for v in values]


def distinct(values):
    return sorted(set(values))
"""


def test_changes_to_the_same_table_right_after_the_slice_are_the_steps_work_too(tmp_path):
    """pandas trial: `df[col] = pd.to_numeric(df[col])` in a loop, `df["order_date"] = pd.to_datetime(...)`, then
    `df["region"] = df["region"].str.strip()`, the step saying "text columns are stripped": the last change, no
    call of the step's APIs, was cut, and "South " stayed a region of its own in every later report."""
    build_file_tree(tmp_path / "lib", {"pkgcolq/__init__.py": PKGCOLQ})
    pages = example_pages(
        {
            "implementations/Demo_Types.md": (
                'import pkgcolq\n\nfor col in ["qty"]:\n    table[col] = pkgcolq.to_num(table[col])\n'
                'print(table)\ntable["name"] = [v.strip() for v in table["name"]]\nprint(table)\n'
            ),
            "implementations/Demo_Kinds.md": 'import pkgcolq\n\nkinds = pkgcolq.distinct(table["name"])\n',
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": COLUMNS_AFTER_INDEX, **pages})
    proc = run_workflow(item, tmp_path / "lib")
    assert "kinds: list of 1: 'South'" in proc.stderr, proc.stderr


WORD_CITED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Word_Cited

**Description:** An image made, sharpened, then saved.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgwordq.open_image()` |
| **External Dependencies** | `pkgwordq` |
| **Outputs** | `image` |

### Step 2: Sharpen

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgwordq.sharpen(im)` |
| **External Dependencies** | `pkgwordq` |
| **Inputs** | `image` from Step 1 |
| **Outputs** | `sharpened` |

### Step 3: Size

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgwordq.size(im)` |
| **Implementation** | `Demo_Size` |
| **External Dependencies** | `pkgwordq` |
| **Inputs** | Sharpened image from Step 2 |
| **Outputs** | `n` |
"""

PKGWORDQ = """
def open_image():
    return [1, 2, 3]


def sharpen(im):
    return [2 * v for v in im]


def size(im):
    return sum(im)
"""


def test_a_word_of_the_inputs_naming_what_a_step_made_cites_no_other_steps_result(tmp_path):
    """pillow trial: "Sharpened image from Step 4", where step 1 made `image` and step 4 `sharpened`: the step,
    working on `sharpened`, was warned about (in its module and at generation) for not using step 1's `image`. A
    plain word of the sentence cites a result of the step it names, never another step's of that name."""
    build_file_tree(tmp_path / "lib", {"pkgwordq/__init__.py": PKGWORDQ})
    pages = example_pages({"implementations/Demo_Size.md": "import pkgwordq\n\nn = pkgwordq.size(sharpened)\n"})
    item = generated(tmp_path, {"_WorkflowIndex.md": WORD_CITED_INDEX, **pages})
    assert not [w for w in item.plan.warnings if "its code does not use" in w.message], item.plan.warnings
    proc = run_workflow(item, tmp_path / "lib")
    assert "n: 12\n" in proc.stderr, proc.stderr


TREE_CITED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Tree_Cited

**Description:** A tree made, weighed, then counted.

### Step 1: Tree

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtreeq.tree()` |
| **External Dependencies** | `pkgtreeq` |
| **Outputs** | `T` |

### Step 2: Weigh

| Attribute | Value |
|-----------|-------|
| **API Call** | `Tree.size(weight=None)` |
| **Implementation** | `Demo_Weigh` |
| **External Dependencies** | `pkgtreeq` |
| **Inputs** | `T` from Step 1 |
| **Outputs** | `total` |

### Step 3: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtreeq.count(tree)` |
| **Implementation** | `Demo_Count_Tree` |
| **External Dependencies** | `pkgtreeq` |
| **Inputs** | `T` from Step 1 |
| **Outputs** | `n` |
"""

PKGTREEQ = """
class Tree:
    def __init__(self, edges):
        self.edges = edges

    def size(self, weight=None):
        return sum(w for _, _, w in self.edges) if weight else len(self.edges)


def tree():
    return Tree([(0, 1, 2.0), (1, 2, 3.0)])


def count(tree):
    return len(tree.edges)
"""


def test_a_results_one_letter_name_in_the_inputs_is_no_class(tmp_path):
    """networkx trial: "`T` from Step 4", where step 5 made `total = T.size(weight="weight")`, a result of the
    class `T` as its call reads: step 6 was warned about for not using `total`, the latest result of "class" `T`.
    A code span naming a result is that result, never a class to look results up by."""
    build_file_tree(tmp_path / "lib", {"pkgtreeq/__init__.py": PKGTREEQ})
    pages = example_pages(
        {
            "implementations/Demo_Weigh.md": 'total = T.size(weight="weight")\n',
            "implementations/Demo_Count_Tree.md": "import pkgtreeq\n\nn = pkgtreeq.count(T)\n",
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": TREE_CITED_INDEX, **pages})
    assert not [w for w in item.plan.warnings if "its code does not use" in w.message], item.plan.warnings
    proc = run_workflow(item, tmp_path / "lib")
    assert "total: 5.0\n" in proc.stderr and "n: 2\n" in proc.stderr, proc.stderr


AXES_LOOP_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Axes_Loop

**Description:** Two plots drawn, then both saved.

### Step 1: Plot A

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Plot_A` |
| **API Call** | `pkgaxq.plot(values, ax=None)` |
| **External Dependencies** | `pkgaxq` |
| **Outputs** | `ax_a` - the axes holding plot A |

### Step 2: Plot B

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Plot_B` |
| **API Call** | `pkgaxq.plot(values, ax=None)` |
| **External Dependencies** | `pkgaxq` |
| **Outputs** | `ax_b` - the axes holding plot B |

### Step 3: Save

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Save_Axes` |
| **API Call** | `ax.figure.savefig(fname, dpi=100)` |
| **External Dependencies** | `pkgaxq` |
| **Key Parameters** | `fname: str` - output path; the format comes from the extension (".txt"), `dpi: int` - resolution |
| **Inputs** | `ax_a` from Step 1, `ax_b` from Step 2 |
| **Outputs** | `a.txt` and `b.txt` |
"""

PKGAXQ = """
class Figure:
    def __init__(self):
        self.values = []

    def savefig(self, fname, dpi=100):
        with open(fname, "w") as handle:
            handle.write(f"{self.values} at {dpi}")


class Axes:
    def __init__(self):
        self.figure = Figure()


def subplots():
    axes = Axes()
    return axes.figure, axes


def plot(values, ax=None):
    ax = ax or Axes()
    ax.figure.values.extend(values)
    return ax


def close(fig):
    pass
"""


def test_a_loop_over_the_cited_results_is_the_step_and_a_documented_text_leaves_f_strings_alone(tmp_path):
    """seaborn trial: steps 3 to 5 each make `fig, ax = plt.subplots()` and their own `ax_dist`, `ax_rel`,
    `ax_cat`; step 6's second example saves the three (`for name, ax in {"distribution": ax_dist, ...}.items():
    fig = ax.figure; fig.savefig(out_dir / f"{name}.png")`). The loop's `ax` and `fig`, names for each item in turn,
    counted as remaking the earlier steps' `fig` and `ax`, so the first example won: step 5's box plot saved alone.
    Taking the loop then crashed: the documented text ".png" of `fname` was put in place of the f-string's piece."""
    build_file_tree(tmp_path / "lib", {"pkgaxq/__init__.py": PKGAXQ})
    save_one = 'import pkgaxq\n\nax = pkgaxq.plot([9])\nax.figure.savefig("one.txt", dpi=100)\n'
    save_all = (
        'import pkgaxq\n\nfor name, ax in {"a": ax_a, "b": ax_b}.items():\n    fig = ax.figure\n'
        '    fig.savefig(f"{name}.txt", dpi=100)\n    pkgaxq.close(fig)\n'
    )
    pages = example_pages(
        {
            "implementations/Demo_Plot_A.md": "import pkgaxq\n\nfig, ax = pkgaxq.subplots()\nax_a = pkgaxq.plot([1], ax=ax)\n",
            "implementations/Demo_Plot_B.md": "import pkgaxq\n\nax_b = pkgaxq.plot([2])\n",
            "implementations/Demo_Save_Axes.md": [save_one, save_all],
        }
    )
    item = generated(tmp_path, {"_WorkflowIndex.md": AXES_LOOP_INDEX, **pages})
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "a.txt").read_text(encoding="utf-8") == "[1] at 100"
    assert (item.output_dir / "b.txt").read_text(encoding="utf-8") == "[2] at 100"


SHELF_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Note_Count

**Description:** Read every note in a folder, then count their words.

### Step 1: Discover

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgshelf.load(path, strict: bool = False) -> str` |
| **Implementation** | `Demo_Load` |
| **External Dependencies** | `pkgshelf`, `pathlib` |
| **Key Parameters** | `input_dir: str` - folder with the notes (user-provided), `extensions: list[str]` - suffixes to pick up (e.g. [".txt", ".md"]), `strict: bool` - refuse unreadable files (default False) |
| **Outputs** | List of `(name, text)` pairs |

### Step 2: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgshelf.count(docs) -> int` |
| **External Dependencies** | `pkgshelf` |
| **Inputs** | `docs` from Step 1 |
| **Outputs** | `total` |
"""

PKGSHELF = """
def load(path, strict=False):
    return open(path).read()


def count(docs):
    return sum(len(text.split()) for _, text in docs)
"""


def test_an_examples_short_name_for_a_documented_key_is_that_key(tmp_path):
    """pillow trial: step 1's page loops over a folder (`input_dir = Path("photos/")`, `exts = {".jpg", ...}`) and
    then shows one call with a keyword; genrepo took the one call, which opens one image, because `exts` would have
    become a key the wiki does not document. It stands for the documented `extensions`: the loop is chosen, `exts`
    is the `extensions` key, and the folder the Key Parameters document is the `input_dir` key."""
    loop = (
        "from pathlib import Path\nimport pkgshelf\n\n"
        'input_dir = Path("photos/")\nexts = {".txt", ".md"}\n\ndocs = []\n'
        "for path in sorted(input_dir.iterdir()):\n    if path.suffix not in exts:\n        continue\n"
        "    docs.append((path.name, pkgshelf.load(path)))\n"
    )
    one = 'import pkgshelf\n\ndoc = pkgshelf.load("notes/a.txt", strict=True)\n'
    files = {"_WorkflowIndex.md": SHELF_INDEX, **example_pages({"implementations/Demo_Load.md": [loop, one]})}
    lib = build_file_tree(tmp_path / "lib", {"pkgshelf/__init__.py": PKGSHELF})
    item = generated(tmp_path, files)
    config = (item.output_dir / "config.toml").read_text()
    assert 'input_dir = "photos/"' in config, config
    assert 'extensions = [".txt", ".md"]' in config, config
    assert "exts" not in config, config
    notes = build_file_tree(tmp_path / "notes", {"a.txt": "one two three", "b.md": "four five", "c.csv": "x,y"})
    proc = run_workflow(item, lib, "--set", f"1.input_dir={notes}", "-v")
    assert "total = 5" in proc.stderr + proc.stdout, proc.stderr


def test_a_replayed_call_starts_from_the_result_the_inputs_cite(tmp_path):
    """pillow trial: step 2's example replays step 1's call (`Image.open("icon.png").convert(mode)`); it started from
    the first thing step 1 made (the folder, `input_dir.convert(...)`), not from the images its Inputs cite."""
    loop = (
        "from pathlib import Path\nimport pkgshelf\n\n"
        'input_dir = Path("photos/")\nexts = {".txt", ".md"}\n\ndocs = []\n'
        "for path in sorted(input_dir.iterdir()):\n    if path.suffix not in exts:\n        continue\n"
        "    docs.append((path.name, pkgshelf.load(path)))\n"
    )
    words = 'import pkgshelf\n\nwords = pkgshelf.load("notes/a.txt").split()\n'
    index = SHELF_INDEX.replace(
        "### Step 2: Count",
        "### Step 2: Words\n\n| Attribute | Value |\n|-----------|-------|\n"
        "| **API Call** | `text.split()` (on each note from Step 1) |\n| **Implementation** | `Demo_Words` |\n"
        "| **Inputs** | `docs` from Step 1 |\n| **Outputs** | `words` |\n\n### Step 3: Count",
    )
    pages = example_pages({"implementations/Demo_Load.md": [loop], "implementations/Demo_Words.md": words})
    item = generated(tmp_path, {"_WorkflowIndex.md": index, **pages})
    body = next((item.output_dir / "src").rglob("step_02_*.py")).read_text()
    assert "docs.split()" in body and "input_dir" not in body, body


YEARS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Recent_Books

**Description:** Read a catalogue, then count the books published since a year.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgyears.read(path: str) -> Table` |
| **External Dependencies** | `pkgyears` |
| **Key Parameters** | `path: str` - the catalogue (default "books.csv") |
| **Outputs** | `books` |

### Step 2: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgyears.count(table) -> int` |
| **Implementation** | `Demo_Count` |
| **External Dependencies** | `pkgyears` |
| **Key Parameters** | `min_year: int` - only count books published in or after this year (default 1800) |
| **Inputs** | `books` from Step 1 |
| **Outputs** | `n_books` |
"""

PKGYEARS = """
class Column:
    def __init__(self, values):
        self.values = values

    def __ge__(self, other):
        return [value >= other for value in self.values]


class Table:
    def __init__(self, rows):
        self.rows = rows

    def __getitem__(self, key):
        if isinstance(key, str):
            return Column([row[key] for row in self.rows])
        return Table([row for row, keep in zip(self.rows, key) if keep])


def read(path):
    return Table([{"year": 1790}, {"year": 1810}, {"year": 1860}])


def count(table):
    return len(table.rows)
"""


def test_a_bound_the_key_parameters_document_for_a_compared_column_is_that_key(tmp_path):
    """sqlalchemy trial: the example filtered `.where(books.c.year >= 1850)` where the Key Parameters document
    "`min_year: int` - only count books published in or after this year (default 1800)"; the literal stayed in the
    code (or became a key `year`), so the documented setting was lost and two authors went missing. A documented
    `min_<column>` (`max_<column>` for `<`, `<=`) is the key of the bound, with its documented default."""
    example = 'import pkgyears\n\nrecent = books[books["year"] >= 1850]\nn_books = pkgyears.count(recent)\n'
    lib = build_file_tree(tmp_path / "lib", {"pkgyears/__init__.py": PKGYEARS})
    item = generated(
        tmp_path, {"_WorkflowIndex.md": YEARS_INDEX, **example_pages({"implementations/Demo_Count.md": example})}
    )
    config = (item.output_dir / "config.toml").read_text()
    assert "min_year = 1800" in config and "\nyear =" not in config, config
    proc = run_workflow(item, lib, "-v")
    assert "n_books = 2" in proc.stderr + proc.stdout, proc.stderr
    proc = run_workflow(item, lib, "-v", "--set", "2.min_year=1850")
    assert "n_books = 1" in proc.stderr + proc.stdout, proc.stderr


NETZ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Own_Module

**Description:** Define a small network, then count its weights.

### Step 1: Define the network

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Net_Pattern` |
| **API Call** | `class Net(nn.Module)` with `nn.Linear(n_in, n_out)` layers |
| **Source Location** | `pkgnetz/module.py:L1-40` (Module) |
| **External Dependencies** | `pkgnetz` |
| **Key Parameters** | `width: int` - hidden width (e.g. 8) |
| **Outputs** | `net: Net` (a module with random weights) |

### Step 2: Count

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgnetz.count(module) -> int` |
| **External Dependencies** | `pkgnetz` |
| **Inputs** | `net` from Step 1 |
| **Outputs** | `weights` |
"""

NET_PAGE = """== Code Reference ==

=== Pattern Specification ===
<syntaxhighlight lang="python">
import pkgnetz
from pkgnetz import nn


class Net(nn.Module):
    '''Two layers.'''

    def __init__(self, width: int = 8) -> None:
        super().__init__()
        self.first = nn.Linear(3, width)
        self.second = nn.Linear(width, 2)

    def forward(self, x: pkgnetz.Tensor) -> pkgnetz.Tensor:
        return self.second(self.first(x))
</syntaxhighlight>

== Usage Examples ==

=== Make one ===
<syntaxhighlight lang="python">
net = Net(width=4)
print(net)
</syntaxhighlight>
"""

PKGNETZ = """
from pkgnetz.nn import Linear


class Tensor:
    pass


def count(module):
    return sum(part.size for part in vars(module).values() if isinstance(part, Linear))
"""

PKGNETZ_NN = """
class Linear:
    def __init__(self, n_in, n_out):
        self.size = n_in * n_out


class Module:
    def __init__(self):
        pass
"""


def test_a_class_the_pattern_specification_writes_is_declared_and_made_as_the_example_makes_it(tmp_path):
    """pytorch trial: the API cell is `class MLP(nn.Module)`, the page's `=== Pattern Specification ===` writes the
    class out, and the usage examples only make one (`model = MLP(in_features=4, ...)`). No example declared it, so
    the class was imported from the Source Location (`from torch.nn.modules.module import MLP`), and later steps
    had no `model`. The specified class is declared, with its annotations that name the library's types dropped
    (`x: torch.Tensor` needed an import the step did not have), and the example's instance is the step's result."""
    build_file_tree(tmp_path / "lib", {"pkgnetz/__init__.py": PKGNETZ, "pkgnetz/nn.py": PKGNETZ_NN})
    item = generated(tmp_path, {"_WorkflowIndex.md": NETZ_INDEX, "implementations/Demo_Net_Pattern.md": NET_PAGE})
    body = item.plan.steps[0].binding.body
    assert "class Net(nn.Module)" in body and "import Net" not in body, body
    assert item.plan.steps[1].binding.consumes == ("net",)
    proc = run_workflow(item, tmp_path / "lib", "-v")
    assert "weights = 40" in proc.stderr + proc.stdout, proc.stderr
    proc = run_workflow(item, tmp_path / "lib", "-v", "--set", "1.width=4")
    assert "weights = 20" in proc.stderr + proc.stdout, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


LOOPZ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Own_Loop

**Description:** Set up a counter, then run it for some rounds.

### Step 1: Set up

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Counter` |
| **API Call** | `pkgloopz.Counter(start: int = 0)` |
| **External Dependencies** | `pkgloopz` |
| **Outputs** | `counter: Counter`, `scale: Scale` |

### Step 2: Run the rounds

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Rounds` |
| **API Call** | `counter.tick(amount)` in a loop over the rounds |
| **External Dependencies** | `pkgloopz` |
| **Key Parameters** | `rounds: int` - how many rounds, `amount: int` - what one round adds, before scaling |
| **Inputs** | `counter` and `scale` from Step 1 |
| **Outputs** | `total` (the counter's total after the rounds) |
"""

COUNTER_PAGE = """== Usage Examples ==

=== Counter and scale ===
<syntaxhighlight lang="python">
import pkgloopz

counter = pkgloopz.Counter(start=0)
scale = pkgloopz.Scale()
</syntaxhighlight>
"""

ROUNDS_PAGE = """== Usage Examples ==

=== The loop ===
<syntaxhighlight lang="python">
def run_rounds(counter, scale, rounds=3, amount=1):
    for _ in range(rounds):
        counter.tick(amount * scale.factor)
    return counter.total


total = run_rounds(counter, scale, rounds=3)
</syntaxhighlight>

=== One tick ===
<syntaxhighlight lang="python">
counter.tick(1)
</syntaxhighlight>
"""

PKGLOOPZ = """
class Counter:
    def __init__(self, start=0):
        self.total = start

    def tick(self, amount):
        self.total += amount


class Scale:
    factor = 2
"""


def test_the_examples_own_function_around_the_api_is_the_step_with_its_documented_defaults(tmp_path):
    """pytorch trial: the training-loop page's example is `def train(model, train_loader, optimizer, criterion,
    num_epochs=20, log_interval=5)` around `optimizer.step()`, then `history = train(model, ...)`. Only a second
    example's bare `optimizer.step()` was a candidate, so the step stepped once and trained nothing. A call of the
    example's own function that uses the API (and no other step's) is the step's use of it, the def comes along,
    and a documented key the def takes with a default the call leaves (`log_interval`, here `amount`) is passed
    from config. Step 1's second Output, made of the library alone after the anchor (`criterion =
    nn.CrossEntropyLoss()`, here `scale = pkgloopz.Scale()`), is made too."""
    build_file_tree(tmp_path / "lib", {"pkgloopz/__init__.py": PKGLOOPZ})
    item = generated(
        tmp_path,
        {
            "_WorkflowIndex.md": LOOPZ_INDEX,
            "implementations/Demo_Counter.md": COUNTER_PAGE,
            "implementations/Demo_Rounds.md": ROUNDS_PAGE,
        },
    )
    first, second = (step.binding for step in item.plan.steps)
    assert first.produces == ("counter", "scale"), first.body
    assert "def run_rounds(" in second.body and second.consumes == ("counter", "scale"), second.body
    assert {p.name for p in second.params} >= {"rounds", "amount"}, second.params
    proc = run_workflow(item, tmp_path / "lib", "-v")
    assert "total = 6" in proc.stderr + proc.stdout, proc.stderr
    proc = run_workflow(item, tmp_path / "lib", "-v", "--set", "2.rounds=5", "--set", "2.amount=3")
    assert "total = 30" in proc.stderr + proc.stdout, proc.stderr
    run_generated_tests(item, tmp_path / "lib")


TAGZ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Tagged_Model

**Description:** Read a corpus, configure a model, fit it.

### Step 1: Read the corpus

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtagz.corpus(n: int = 3) -> list` |
| **External Dependencies** | `pkgtagz` |
| **Key Parameters** | `n: int` - how many documents (default 3) |
| **Outputs** | `train_corpus` |

### Step 2: Configure the model

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Model_init` |
| **API Call** | `pkgtagz.Model(docs=None, size: int = 10)` |
| **External Dependencies** | `pkgtagz` |
| **Key Parameters** | `size: int` - vector size (default 10) |
| **Inputs** | Hyperparameters only (no corpus passed, so the model is left unfitted) |
| **Outputs** | `model` |

### Step 3: Fit

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Model_fit` |
| **API Call** | `model.fit(docs) -> int` |
| **External Dependencies** | `pkgtagz` |
| **Inputs** | `model` from Step 2, `train_corpus` from Step 1 |
| **Outputs** | `fitted` (how many documents the model saw) |
"""

TAGZ_INIT_PAGE = """== Usage Examples ==

=== All in one, on the library's test corpus ===
<syntaxhighlight lang="python">
import pkgtagz
from pkgtagz.test.utils import common_docs

documents = [doc.split() for doc in common_docs]
model = pkgtagz.Model(documents, size=5)
</syntaxhighlight>

=== Unfitted ===
<syntaxhighlight lang="python">
import pkgtagz

model = pkgtagz.Model(size=5)
</syntaxhighlight>
"""

TAGZ_FIT_PAGE = """== Usage Examples ==

=== Fit ===
<syntaxhighlight lang="python">
fitted = model.fit(documents)
</syntaxhighlight>
"""

PKGTAGZ = """
def corpus(n=3):
    return [["word", str(i)] for i in range(n)]


class Model:
    def __init__(self, docs=None, size=10):
        self.size = size
        self.seen = len(docs or [])

    def fit(self, docs):
        self.seen = len(docs)
        return self.seen
"""


def test_what_an_example_makes_of_the_librarys_test_data_is_no_reason_to_choose_it(tmp_path):
    """gensim trial, doc2vec: step 2's page shows `Doc2Vec(vector_size=50, ...)` and an all-in-one example making
    `documents` of `gensim.test.utils.common_texts`; later pages read `documents`, so the all-in-one example was
    chosen for making what they read, and the model was built on the library's 9 test lines (and failed there,
    `min_count=5`) instead of the 300 documents step 1 read. What an example makes of the library's test data is a
    demo's, never a reason to choose it: step 2 configures the model, step 3 fits it on step 1's corpus."""
    build_file_tree(
        tmp_path / "lib",
        {
            "pkgtagz/__init__.py": PKGTAGZ,
            "pkgtagz/test/__init__.py": "",
            "pkgtagz/test/utils.py": 'common_docs = ["a b", "c d"]\n',
        },
    )
    item = generated(
        tmp_path,
        {
            "_WorkflowIndex.md": TAGZ_INDEX,
            "implementations/Demo_Model_init.md": TAGZ_INIT_PAGE,
            "implementations/Demo_Model_fit.md": TAGZ_FIT_PAGE,
        },
    )
    assert "common_docs" not in item.plan.steps[1].binding.body, item.plan.steps[1].binding.body
    assert item.plan.steps[2].binding.consumes == ("model", "train_corpus"), item.plan.steps[2].binding.body
    proc = run_workflow(item, tmp_path / "lib", "-v")
    assert "fitted = 3" in proc.stderr + proc.stdout, proc.stderr
    proc = run_workflow(item, tmp_path / "lib", "-v", "--set", "1.n=7")
    assert "fitted = 7" in proc.stderr + proc.stdout, proc.stderr


SCHEDZ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Schedule

**Description:** Make a schedule, then clip a value.

### Step 1: Make the schedule

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_make_sched` |
| **API Call** | `make_sched(start: float, steps: int = 10) -> list` |
| **Source Location** | `pkgschedz/__init__.py:L1-20` |
| **External Dependencies** | `pkgschedz` |
| **Key Parameters** | `steps: int` - how many values (default 10) |
| **Outputs** | `schedule` |

### Step 2: Clip the last value

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_clip` |
| **API Call** | `clip(x: float, lo: float, hi: float) -> float` |
| **Source Location** | `pkgschedz/__init__.py:L20-30` |
| **External Dependencies** | `pkgschedz` |
| **Inputs** | `schedule` from Step 1 |
| **Outputs** | `clipped` |
"""

SCHED_PAGE = """== Code Reference ==

=== Signature ===
<syntaxhighlight lang="python">
def make_sched(start: float, steps: int = 10) -> list:
    ...
    return schedule
</syntaxhighlight>

== Usage Examples ==

=== Halving ===
<syntaxhighlight lang="python">
schedule = make_sched(1.0, steps=4)
</syntaxhighlight>
"""

CLIP_PAGE = """== Code Reference ==

=== Signature ===
<syntaxhighlight lang="python">
def clip(x, lo, hi):
    return max(lo, min(x, hi))
</syntaxhighlight>

=== Import ===
<syntaxhighlight lang="python">
from pkgschedz import clip
</syntaxhighlight>

== Usage Examples ==

=== Clip ===
<syntaxhighlight lang="python">
clipped = clip(schedule[-1], 0.0, 1.0)
</syntaxhighlight>
"""

PKGSCHEDZ = """
def make_sched(start, steps=10):
    return [start / 2**i for i in range(steps)]


def clip(x, lo, hi):
    return round(max(lo, min(x, hi)) * 1000)
"""


def test_a_signature_that_leaves_its_body_out_or_that_the_page_imports_is_the_librarys_function(tmp_path):
    """timm trial: the page's signature block is `def create_scheduler_v2(optimizer, ...):` with `...` and then
    `return lr_scheduler, num_epochs`, and its Import block says `from timm.scheduler import create_scheduler_v2`.
    The block was copied into the step as the function to call (NameError: lr_scheduler). A signature whose body
    has `...` standing for left-out code is no definition, and a name the page's Import block imports is the
    library's, whatever body its signature block shows."""
    build_file_tree(tmp_path / "lib", {"pkgschedz/__init__.py": PKGSCHEDZ})
    item = generated(
        tmp_path,
        {
            "_WorkflowIndex.md": SCHEDZ_INDEX,
            "implementations/Demo_make_sched.md": SCHED_PAGE,
            "implementations/Demo_clip.md": CLIP_PAGE,
        },
    )
    first, second = (step.binding for step in item.plan.steps)
    assert "def make_sched" not in first.body and "from pkgschedz import make_sched" in first.body, first.body
    assert "def clip" not in second.body and "from pkgschedz import clip" in second.body, second.body
    proc = run_workflow(item, tmp_path / "lib", "-v")
    assert "clipped = 2" in proc.stderr + proc.stdout, proc.stderr  # 1/2**9 (the documented default), in 1/1000
    proc = run_workflow(item, tmp_path / "lib", "-v", "--set", "1.steps=4")
    assert "clipped = 125" in proc.stderr + proc.stdout, proc.stderr  # 1/2**3, by the library's clip


LOSSZ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Loss

**Description:** Make a model, configure its loss, evaluate it.

### Step 1: Model

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkglossz.Model(width: int = 2)` |
| **External Dependencies** | `pkglossz` |
| **Outputs** | `model` |

### Step 2: Configure the loss

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Loss` |
| **API Call** | `pkglossz.Loss(model: Model, loss_fct: Module = Square(), scale: float = 1.0)` |
| **External Dependencies** | `pkglossz` |
| **Key Parameters** | `loss_fct: Module` - the loss between prediction and label (default `Square()`), `scale: float` - multiplies the loss (default 1.0) |
| **Inputs** | `model` from Step 1 |
| **Outputs** | `loss` |

### Step 3: Evaluate

| Attribute | Value |
|-----------|-------|
| **API Call** | `loss.value(x: float) -> float` |
| **External Dependencies** | `pkglossz` |
| **Key Parameters** | `x: float` - where to evaluate (default 3.0) |
| **Inputs** | `loss` from Step 2 |
| **Outputs** | `value` |
"""

LOSS_PAGE = """== Usage Examples ==

=== Default loss ===
<syntaxhighlight lang="python">
import pkglossz

loss = pkglossz.Loss(model)
</syntaxhighlight>
"""

PKGLOSSZ = """
class Model:
    def __init__(self, width=2):
        self.width = width


class Square:
    def __call__(self, x):
        return x * x


class Loss:
    def __init__(self, model, loss_fct=Square(), scale=1.0):
        self.model, self.loss_fct, self.scale = model, loss_fct, scale

    def value(self, x=3.0):
        return self.scale * self.loss_fct(x) * self.model.width
"""


def test_a_parameter_whose_default_the_library_builds_is_left_to_that_default_not_a_config_key(tmp_path):
    """sentence-transformers trial: `losses.CosineSimilarityLoss(model, loss_fct: nn.Module = nn.MSELoss(),
    cos_score_transformation: nn.Module = nn.Identity())`, both documented, the example passing neither. Each
    became a config key (no default) read by the Hub model loader for its `nn.Module` type, and the call passed
    whatever that made of an unset key. A config key cannot hold such an object; the example leaves it to the
    library's default, and so does the step. A documented scalar beside it stays a key."""
    build_file_tree(tmp_path / "lib", {"pkglossz/__init__.py": PKGLOSSZ})
    item = generated(tmp_path, {"_WorkflowIndex.md": LOSSZ_INDEX, "implementations/Demo_Loss.md": LOSS_PAGE})
    second = item.plan.steps[1].binding
    assert [p.name for p in second.params] == ["scale"], second.body
    assert "loss_fct" not in second.body, second.body
    proc = run_workflow(item, tmp_path / "lib", "-v")
    assert "value = 18\n" in proc.stderr + proc.stdout, proc.stderr
    proc = run_workflow(item, tmp_path / "lib", "-v", "--set", "2.scale=0.5")
    assert "value = 9\n" in proc.stderr + proc.stdout, proc.stderr


EMBZ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Search

**Description:** Read the corpus, then encode it and the queries.

### Step 1: Read the corpus

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Read_Corpus` |
| **API Call** | `pkgembz.read_rows(path)` then strip each row |
| **External Dependencies** | `pkgembz` |
| **Inputs** | User-provided text file of sentences; a list of queries |
| **Outputs** | `corpus_sentences: list[str]`, `queries: list[str]` |

### Step 2: Encode

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Encode` |
| **API Call** | `pkgembz.encode(texts: list) -> int` |
| **External Dependencies** | `pkgembz` |
| **Inputs** | `corpus_sentences` and `queries` from Step 1 |
| **Outputs** | `corpus_embeddings`, `query_embeddings` |
"""

READ_CORPUS_PAGE = """== Usage Examples ==

=== Rows of a file ===
<syntaxhighlight lang="python">
import pkgembz

df = pkgembz.read_rows("data/rows.txt")
corpus_sentences = [row.strip() for row in df]

queries = ["how long", "what colour"]
</syntaxhighlight>
"""

ENCODE_PAGE = """== Usage Examples ==

=== Corpus and queries ===
<syntaxhighlight lang="python">
import pkgembz

corpus = ["A man is eating food.", "A man is riding a horse.", "A woman is playing violin."]
queries = ["Someone is having a meal."]

corpus_embeddings = pkgembz.encode(corpus)
query_embeddings = pkgembz.encode(queries)
</syntaxhighlight>
"""

PKGEMBZ = """
def read_rows(path):
    with open(path, encoding="utf-8") as handle:
        return handle.readlines()


def encode(texts):
    return 1000 * len(texts) + sum(len(t) for t in texts)
"""


def test_sample_rows_stand_for_the_cited_result_and_a_handed_on_value_keeps_its_name(tmp_path):
    """sentence-transformers trial, semantic search. Step 1's page reads `df = pd.read_csv(...)`, makes
    `corpus_sentences` of it and writes `queries = [...]`, both in the Outputs: `queries` became a key and its
    value a result, and then `df` was renamed `queries` (the one Output "not made"), so step 1 handed on the
    DataFrame as the queries. Step 3's page encodes its own `corpus = ["A man is eating food.", ...]`, where the
    Inputs cite `corpus_sentences`: those sample rows became a key, and the user's corpus was never encoded. A
    value handed on keeps its name; sample rows written out under a shortening of one cited result stand for it."""
    build_file_tree(tmp_path / "lib", {"pkgembz/__init__.py": PKGEMBZ})
    rows = tmp_path / "rows.txt"
    rows.write_text("alpha\nbeta gamma\n", encoding="utf-8")
    item = generated(
        tmp_path,
        {
            "_WorkflowIndex.md": EMBZ_INDEX,
            "implementations/Demo_Read_Corpus.md": READ_CORPUS_PAGE,
            "implementations/Demo_Encode.md": ENCODE_PAGE,
        },
    )
    first, second = (step.binding for step in item.plan.steps)
    assert "queries = pkgembz" not in first.body, first.body
    assert second.consumes == ("corpus_sentences", "queries") and "corpus" not in {p.name for p in second.params}
    proc = run_workflow(item, tmp_path / "lib", "-v", "--set", f"1.path={rows}")
    assert "corpus_embeddings = 2015" in proc.stderr + proc.stdout, proc.stderr  # alpha, beta gamma
    assert "query_embeddings = 2019" in proc.stderr + proc.stdout, proc.stderr  # the two queries of step 1


DEFZ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Check

**Description:** Load saved weights, restore the net the training workflow defined, and check its score.

### Step 1: Load weights

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Load_Weights` |
| **API Call** | `pkgdefz.load_weights(path)` |
| **External Dependencies** | `pkgdefz` |
| **Outputs** | `weights`, `total` |

### Step 2: Restore the net

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Restore` |
| **API Call** | `net.load(weights)` (net = a fresh `TinyNet(width)`) |
| **Source Location** | `pkgdefz/core.py` |
| **Inputs** | `weights` from Step 1, the `TinyNet` class from the training workflow |
| **Outputs** | `net` |

### Step 3: Check the score

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Same` |
| **API Call** | `pkgdefz.assert_same(actual, expected)` |
| **External Dependencies** | `pkgdefz` |
| **Key Parameters** | `actual` - `net.score(weights)`, `expected` - the saved `total` from Step 1 |
| **Inputs** | `net` from Step 2, `weights` and `total` from Step 1 |
"""

DEFZ_PAGES = {
    **example_pages(
        {
            "implementations/Demo_Load_Weights.md": (
                'import pkgdefz\n\nweights = pkgdefz.load_weights("weights.txt")\ntotal = pkgdefz.total(weights)\n'
            ),
            "implementations/Demo_Same.md": "import pkgdefz\n\npkgdefz.assert_same(actual, expected)\n",
        }
    ),
    "implementations/Demo_Restore.md": """== Code Reference ==

=== Import ===
<syntaxhighlight lang="python">
import pkgdefz
# the TinyNet class defined in the training workflow
from netdef import TinyNet
</syntaxhighlight>

== Usage Examples ==

=== Restore ===
<syntaxhighlight lang="python">
net = TinyNet(width=3)
net.load(weights)
</syntaxhighlight>
""",
    # a page of another workflow, which writes the class out
    "implementations/Demo_TinyNet_Class.md": """== Code Reference ==

=== Pattern Specification ===
<syntaxhighlight lang="python">
import pkgdefz


class TinyNet:
    def __init__(self, width=2):
        self.width = width
        self.weights = []

    def load(self, weights):
        self.weights = list(weights)
        return len(self.weights)

    def score(self, values):
        return pkgdefz.total(self.weights) * len(values) / len(self.weights)
</syntaxhighlight>
""",
}

PKGDEFZ = """
def load_weights(path):
    with open(path, encoding="utf-8") as handle:
        return [float(x) for x in handle.read().split()]


def total(values):
    return sum(values)


def assert_same(actual, expected):
    if actual != expected:
        raise AssertionError(f"{actual} != {expected}")
    print(f"same: {actual}")
"""


def test_a_class_imported_from_the_readers_own_module_comes_from_the_page_that_writes_it_out(tmp_path):
    """pytorch trial, export validation: step 2's page imports `from model import MLP` ("the MLP class from the
    training workflow"), whose page of the other workflow writes the class out. `model` became a requirement, no
    such distribution exists, and the whole workflow failed at pin; had it pinned, the import would fail. The step
    brings the class the wiki writes out instead. Step 5's Key Parameters say `actual` is
    `exported_program.module()(holdout_features)` and `expected` the eager `logits` from Step 3: both were
    REQUIRED config keys, which tensors cannot be. The step computes the one and reads the other."""
    build_file_tree(tmp_path / "lib", {"pkgdefz/__init__.py": PKGDEFZ})
    weights = tmp_path / "weights.txt"
    weights.write_text("1 2 3\n", encoding="utf-8")
    item = generated(tmp_path, {"_WorkflowIndex.md": DEFZ_INDEX, **DEFZ_PAGES})
    restore, check = item.plan.steps[1].binding, item.plan.steps[2].binding
    assert "class TinyNet" in restore.body and "netdef" not in restore.body, restore.body
    assert not any("netdef" in r for r in item.plan.requirements), item.plan.requirements
    assert "implementations/Demo_TinyNet_Class.md" in {f.path for f in item.plan.workflow.files}
    assert set(check.consumes) == {"net", "weights", "total"} and not check.params, check.body
    proc = run_workflow(item, tmp_path / "lib", "--set", f"1.path={weights}")
    assert "same: 6.0" in proc.stdout, proc.stdout + proc.stderr


SCRIPTZ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Train

**Description:** Load the images, then scale them.

### Step 1: Load the images

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Image_Folder_Pattern` |
| **Source Location** | `examples/unconditional/train_unconditional.py` |
| **Outputs** | `clean_images` |

### Step 2: Scale

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Scale` |
| **API Call** | `pkgscriptz.scale(images, factor)` |
| **External Dependencies** | `pkgscriptz` |
| **Inputs** | `clean_images` from Step 1 |
| **Outputs** | `scaled` |
"""

SCRIPTZ_PAGES = {
    "implementations/Demo_Image_Folder_Pattern.md": """== Code Reference ==

=== Source Location ===
* '''File:''' examples/unconditional/train_unconditional.py

== Interface Specification ==

<syntaxhighlight lang="python">
def load_image_folder(data_dir: str, resolution: int = 32) -> list:
    \"\"\"Returns clean_images: one value per image file, scaled to resolution.\"\"\"
</syntaxhighlight>

== Usage Examples ==

=== Minimal loader ===
<syntaxhighlight lang="python">
import os

import pkgscriptz

data_dir = "./my_images"
resolution = 32

clean_images = []
for name in sorted(os.listdir(data_dir)):
    clean_images.append(pkgscriptz.pixels(os.path.join(data_dir, name)) * resolution)
</syntaxhighlight>
""",
    **example_pages({"implementations/Demo_Scale.md": "import pkgscriptz\n\nscaled = pkgscriptz.scale(images, 2)\n"}),
}

PKGSCRIPTZ = """
def pixels(path):
    with open(path, encoding="utf-8") as handle:
        return len(handle.read().strip())


def scale(images, factor):
    return [image * factor for image in images]
"""


def test_a_scripts_function_given_as_an_interface_is_the_pages_code_doing_it_not_an_import_from_the_script(tmp_path):
    """diffusers trial: the dataset page gives `def load_image_folder(data_dir, resolution=32) -> torch.Tensor`
    under `== Interface Specification ==` (a docstring, no body), for a function of the example script
    `examples/unconditional_image_generation/train_unconditional.py` that no module offers. Step 1 imported it from
    `examples.unconditional_image_generation.train_unconditional`, which fails. The page's example making the
    Outputs' `clean_images` is the step; a script's folder is never a module to import from."""
    build_file_tree(tmp_path / "lib", {"pkgscriptz/__init__.py": PKGSCRIPTZ})
    images = build_file_tree(tmp_path / "images", {"a.txt": "abc", "b.txt": "abcdef"})
    item = generated(tmp_path, {"_WorkflowIndex.md": SCRIPTZ_INDEX, **SCRIPTZ_PAGES})
    first = item.plan.steps[0].binding
    assert "examples" not in first.body and "load_image_folder" not in first.body, first.body
    assert {p.name for p in first.params} == {"data_dir", "resolution"}, first.body
    proc = run_workflow(item, tmp_path / "lib", "-v", "--set", f"1.data_dir={images}", "--set", "1.resolution=10")
    assert "scaled: list of 2: 60, 120" in proc.stderr + proc.stdout, proc.stderr


def test_a_function_of_a_script_is_never_imported_from_the_scripts_folder(tmp_path):
    """A step whose API is a function the example calls without importing it, whose Source Location is a script
    (`examples/unconditional/train_unconditional.py`): no distribution installs an `examples` package, so an import
    `from examples.unconditional.train_unconditional import ...` fails on every machine. The step says what is
    missing instead of binding a call that cannot run."""
    index = SCRIPTZ_INDEX.replace(
        "| **Implementation** | `Demo_Image_Folder_Pattern` |", "| **API Call** | `load_image_folder(data_dir)` |"
    )
    pages = example_pages(
        {"implementations/Demo_Scale.md": "import pkgscriptz\n\nscaled = pkgscriptz.scale(images, 2)\n"}
    )
    pages["workflows/Demo_Train.md"] = "== Overview ==\nTrain.\n"
    item = generated(tmp_path, {"_WorkflowIndex.md": index, **pages})
    first = item.plan.steps[0].binding
    assert first.status.value == "stub" and "examples" not in first.body, first.body


ARGZ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Schedule

**Description:** Make an optimizer and a config, schedule the rate, then train.

### Step 1: Make the optimizer

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Make` |
| **API Call** | `pkgargz.make_optimizer(lr)` |
| **External Dependencies** | `pkgargz` |
| **Outputs** | `optimizer` |

### Step 2: Configure

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Config` |
| **API Call** | `pkgargz.TrainConfig(epochs)` |
| **External Dependencies** | `pkgargz` |
| **Outputs** | `config` (a `TrainConfig`) |

### Step 3: Schedule

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Schedule_Page` |
| **Inputs** | `optimizer` from Step 1 |
| **Outputs** | `scheduler` |

### Step 4: Train

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Trainer_Page` |
| **Inputs** | `scheduler` from Step 3 |
| **Outputs** | `trainer` |
"""

ARGZ_PAGES = {
    **example_pages(
        {
            "implementations/Demo_Make.md": "import pkgargz\n\noptimizer = pkgargz.make_optimizer(lr=0.5)\n",
            "implementations/Demo_Config.md": "import pkgargz\n\nconfig = pkgargz.TrainConfig(epochs=2)\n",
        }
    ),
    "implementations/Demo_Schedule_Page.md": """== Code Reference ==
=== Signature ===
<syntaxhighlight lang="python">
def schedule(optimizer, total_steps: int, warmup: int = 0) -> list:
    \"\"\"The rate of each step.\"\"\"
</syntaxhighlight>

=== Import ===
<syntaxhighlight lang="python">
from pkgargz import schedule
</syntaxhighlight>

== Usage Examples ==
=== Schedule ===
<syntaxhighlight lang="python">
from pkgargz import schedule

scheduler = schedule(optimizer, total_steps=len(train_loader) * 50, warmup=1)
</syntaxhighlight>
""",
    "implementations/Demo_Trainer_Page.md": """== Code Reference ==
=== Signature ===
<syntaxhighlight lang="python">
class Trainer:
    def __init__(self, scheduler: list, args: TrainConfig): ...
</syntaxhighlight>

=== Import ===
<syntaxhighlight lang="python">
from pkgargz import Trainer
</syntaxhighlight>

== Usage Examples ==
=== Train ===
<syntaxhighlight lang="python">
from pkgargz import Trainer

trainer = Trainer(scheduler, args=training_args)
trainer.train()
</syntaxhighlight>
""",
}

PKGARGZ = """
def make_optimizer(lr):
    return {"lr": lr}


class TrainConfig:
    def __init__(self, epochs=1):
        self.epochs = epochs


def schedule(optimizer, total_steps, warmup=0):
    if not isinstance(total_steps, int):
        raise TypeError(f"total_steps must be an int, not {type(total_steps).__name__}")
    return [optimizer["lr"] * min(1, (n + 1) / (warmup + 1)) for n in range(total_steps)]


class Trainer:
    def __init__(self, scheduler, args):
        if not isinstance(args, TrainConfig):
            raise TypeError("args must be a TrainConfig")
        self.scheduler, self.args = scheduler, args

    def train(self):
        print(f"trained {self.args.epochs} epochs over {len(self.scheduler)} steps")
"""


def test_an_argument_computed_from_what_nothing_makes_is_its_own_key_or_an_earlier_result_of_its_type(tmp_path):
    """diffusers trial, DDPM training step 4: `num_training_steps=(len(train_dataloader) * 50)`, and no step makes a
    data loader. `train_dataloader` became an untyped REQUIRED key, which no config value can satisfy (a loader is
    an object). The argument is the key instead (`num_training_steps: int`, as documented). unsloth GRPO: the
    example's `args=training_args`, where step 5 made the GRPOConfig under another name: it takes that result."""
    build_file_tree(tmp_path / "lib", {"pkgargz/__init__.py": PKGARGZ})
    item = generated(tmp_path, {"_WorkflowIndex.md": ARGZ_INDEX, **ARGZ_PAGES})
    scheduled, trained = item.plan.steps[2].binding, item.plan.steps[3].binding
    keys = {p.name: p for p in scheduled.params}
    assert "train_loader" not in keys and keys["total_steps"].type == "int", scheduled.params
    assert keys["total_steps"].required and "total_steps=total_steps" in scheduled.body, scheduled.body
    assert any("computes it as len(train_loader) * 50" in change for change in scheduled.changes), scheduled.changes
    assert set(trained.consumes) == {"scheduler", "config"} and not trained.params, trained.body
    assert any("'total_steps' became a required config key" in w.message for w in item.plan.warnings)
    assert any("passes config as args, the TrainConfig" in change for change in trained.changes), trained.changes
    proc = run_workflow(item, tmp_path / "lib", "--set", "3.total_steps=4")
    assert "trained 2 epochs over 4 steps" in proc.stdout, proc.stdout + proc.stderr


AGGZ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Buckets

**Description:** Read the readings, bucket them daily and sum the buckets.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Read` |
| **API Call** | `pkgaggz.read(values)` |
| **External Dependencies** | `pkgaggz` |
| **Outputs** | `series` |

### Step 2: Bucket

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Bucket` |
| **API Call** | `Series.bucket(size)`, then `Buckets.agg(func)` |
| **External Dependencies** | `pkgaggz` |
| **Key Parameters** | `size: int` - readings per bucket (e.g. 2), `agg: str` - aggregation applied per bucket (e.g. "mean"; "sum" for counts) |
| **Inputs** | `series` from Step 1 |
| **Outputs** | `bucketed` |

### Step 3: Total

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Total` |
| **API Call** | `pkgaggz.total(bucketed)` |
| **External Dependencies** | `pkgaggz` |
| **Inputs** | `bucketed` from Step 2 |
"""

AGGZ_PAGES = example_pages(
    {
        "implementations/Demo_Read.md": "import pkgaggz\n\nseries = pkgaggz.read([1, 2, 3, 4])\n",
        "implementations/Demo_Bucket.md": (
            'bucketed = series.bucket(2).agg({"value": ["mean", "min", "max"]})\nprint(bucketed)\n'
        ),
        "implementations/Demo_Total.md": "import pkgaggz\n\nprint(pkgaggz.total(bucketed))\n",
    }
)

PKGAGGZ = """
class Buckets:
    def __init__(self, groups):
        self.groups = groups

    def agg(self, func):
        if isinstance(func, dict):  # several aggregations per column: a table, as pandas makes two-level columns
            return {column: {f: [_apply(f, g) for g in self.groups] for f in fs} for column, fs in func.items()}
        return [_apply(func, g) for g in self.groups]


def _apply(func, group):
    return {"mean": sum(group) / len(group), "sum": sum(group), "min": min(group), "max": max(group)}[func]


class Series:
    def __init__(self, values):
        self.values = list(values)

    def bucket(self, size):
        return Buckets([self.values[n : n + size] for n in range(0, len(self.values), size)])


def read(values):
    return Series(values)


def total(values):
    print(f"total: {sum(values)}")
    return sum(values)
"""


def test_a_key_named_after_the_method_it_configures_is_that_methods_argument(tmp_path):
    """pandas trial, time-series resampling step 3: the Key Parameters document `agg: str` - "aggregation applied
    per bin (e.g. "mean")" for `Resampler.agg(func)`; the chosen example passes `.agg({"value": ["mean", "min",
    "max", "count"]})`, hard-coded, whose columns of two levels the next step could not read. The method's one
    argument is the key `agg`, whose default is the description's text where the example's is of another type."""
    build_file_tree(tmp_path / "lib", {"pkgaggz/__init__.py": PKGAGGZ})
    item = generated(tmp_path, {"_WorkflowIndex.md": AGGZ_INDEX, **AGGZ_PAGES})
    bucket = item.plan.steps[1].binding
    keys = {p.name: p for p in bucket.params}
    assert keys["agg"].type == "str" and ast.literal_eval(keys["agg"].default) == "mean", bucket.params
    assert ".agg(agg)" in bucket.body, bucket.body
    assert "total: 5.0" in run_workflow(item, tmp_path / "lib").stdout  # (1 + 2) / 2 + (3 + 4) / 2
    assert "total: 10" in run_workflow(item, tmp_path / "lib", "--set", "2.agg=sum").stdout


SELZ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Select

**Description:** Read a table, select the regressors, score them and pick the score.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Read_Table` |
| **API Call** | `pkgselz.read_table(path)` |
| **External Dependencies** | `pkgselz` |
| **Outputs** | `df` |

### Step 2: Design matrix

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Design` |
| **API Call** | `pkgselz.design(data)` |
| **External Dependencies** | `pkgselz` |
| **Key Parameters** | `regressors: list[str]` - names of the explanatory columns |
| **Inputs** | `df` from Step 1 |
| **Outputs** | `X` |

### Step 3: Score

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Score` |
| **API Call** | `pkgselz.score(X)` |
| **External Dependencies** | `pkgselz` |
| **Inputs** | `X` from Step 2 |
| **Outputs** | `scores` |

### Step 4: Pick

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Pick` |
| **API Call** | `pkgselz.best(values)` |
| **External Dependencies** | `pkgselz` |
| **Key Parameters** | `metric_key: str` - key of the metric in `scores` |
| **Inputs** | `scores` from Step 3 |
| **Outputs** | `best` |
"""

SELZ_PAGES = example_pages(
    {
        "implementations/Demo_Read_Table.md": 'import pkgselz\n\ndf = pkgselz.read_table("table.txt")\n',
        "implementations/Demo_Design.md": 'import pkgselz\n\nX = pkgselz.design(df[["a", "b"]])\n',
        "implementations/Demo_Score.md": "import pkgselz\n\nscores = pkgselz.score(X)\n",
        "implementations/Demo_Pick.md": 'import pkgselz\n\nbest = pkgselz.best(scores["sum a"])\n',
    }
)

PKGSELZ = """
class Table:
    def __init__(self, columns):
        self.columns = columns

    def __getitem__(self, names):
        return Table({n: self.columns[n] for n in names})


def read_table(path):
    with open(path, encoding="utf-8") as handle:
        header, *rows = [line.split() for line in handle if line.strip()]
    return Table({name: [float(r[n]) for r in rows] for n, name in enumerate(header)})


def design(data):
    return data


def best(values):
    print("best", max(values))
    return max(values)


def score(X):
    return {f"sum {name}": [sum(values)] for name, values in X.columns.items()}
"""


def test_what_an_example_selects_by_is_the_key_the_wiki_documents_for_it(tmp_path):
    """statsmodels trial, OLS step 2: `sm.add_constant(df[["sqft", "bedrooms", "age"]])`, where the Key Parameters
    document `regressors: list[str]` - "names of the explanatory columns"; lightgbm trial, CV step 3:
    `len(cv_results["valid l2-mean"])`, where they document `metric_key: str` - "key of the mean metric in
    `cv_results`". Both were hard-coded, and a table with other columns, or another metric, failed with KeyError
    that no config key could mend. Both are keys now, defaulting to the example's values."""
    build_file_tree(tmp_path / "lib", {"pkgselz/__init__.py": PKGSELZ})
    table = tmp_path / "table.txt"
    table.write_text("a b c\n1 2 30\n3 4 50\n", encoding="utf-8")
    item = generated(tmp_path, {"_WorkflowIndex.md": SELZ_INDEX, **SELZ_PAGES})
    design, pick = item.plan.steps[1].binding, item.plan.steps[3].binding
    assert {p.name: p.default for p in design.params}["regressors"] == "['a', 'b']", design.params
    assert "df[regressors]" in design.body and {p.name: p.default for p in pick.params} == {"metric_key": "'sum a'"}, (
        pick.body
    )
    assert "best 4.0" in run_workflow(item, tmp_path / "lib", "--set", f"1.path={table}").stdout
    other = run_workflow(
        item, tmp_path / "lib", "--set", f"1.path={table}", "--set", '2.regressors=["c"]', "--set", "4.metric_key=sum c"
    )
    assert "best 80.0" in other.stdout, other.stdout + other.stderr


LOADZ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Fit

**Description:** Wrap the items in a loader, make a schedule, fit.

### Step 1: Build the loader

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Dataset` |
| **API Call** | `pkgloadz.Dataset(items)`, wrapped in `pkgloadz.Loader(dataset, batch_size)` |
| **External Dependencies** | `pkgloadz` |
| **Outputs** | `train_loader: Loader` yielding batches of items |

### Step 2: Schedule

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Schedule` |
| **API Call** | `pkgloadz.make_schedule(rate, epochs)` |
| **External Dependencies** | `pkgloadz` |
| **Outputs** | `schedule`, `num_epochs` |

### Step 3: Fit

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Fit_Page` |
| **API Call** | `pkgloadz.fit(train_loader, schedule)` |
| **External Dependencies** | `pkgloadz` |
| **Inputs** | `train_loader` from Step 1, `schedule` from Step 2 |
"""

LOADZ_PAGES = example_pages(
    {
        "implementations/Demo_Dataset.md": (
            "import pkgloadz\n\ndataset = pkgloadz.Dataset([1, 2, 3, 4, 5])\n"
            "loader = pkgloadz.Loader(dataset, batch_size=2)\n"
        ),
        "implementations/Demo_Schedule.md": (
            "import pkgloadz\n\nschedule, num_epochs = pkgloadz.make_schedule(rate=0.5, epochs=3)\n"
            "for epoch in range(num_epochs):\n    train_one_epoch(...)\n    schedule.step(epoch + 1)\n"
        ),
        "implementations/Demo_Fit_Page.md": "import pkgloadz\n\npkgloadz.fit(train_loader, schedule)\n",
    }
)

PKGLOADZ = """
class Dataset(list):
    pass


class Loader:
    def __init__(self, dataset, batch_size=1):
        self.dataset, self.batch_size = dataset, batch_size

    def __iter__(self):
        return (self.dataset[n : n + self.batch_size] for n in range(0, len(self.dataset), self.batch_size))


class Schedule:
    def __init__(self, rate):
        self.rate, self.epoch = rate, 0

    def step(self, epoch):
        self.epoch = epoch


def make_schedule(rate, epochs):
    return Schedule(rate), epochs


def fit(train_loader, schedule):
    if not isinstance(train_loader, Loader):
        raise TypeError(f"fit wants a Loader, not {type(train_loader).__name__}")
    print("batches", [sum(batch) for batch in train_loader], "epoch", schedule.epoch)
"""


def test_the_output_named_with_a_class_is_the_result_made_by_it_and_a_sketch_after_the_call_is_left_out(tmp_path):
    """timm trial, training step 3: the API is `ImageDataset(...)`, "wrapped in `DataLoader(dataset, ...)`", and the
    Outputs say "`train_loader: DataLoader`"; the dataset took the name `train_loader`, and the training loop got
    single images. The result made by the class the Outputs give takes the name. Step 5: the scheduler's example
    goes on `for epoch in range(num_epochs): train_one_epoch(...)`, a sketch of the next step, which the step took
    (importing `train_one_epoch` from the scheduler's module); a call given `...` leaves code out, as `...` does."""
    build_file_tree(tmp_path / "lib", {"pkgloadz/__init__.py": PKGLOADZ})
    item = generated(tmp_path, {"_WorkflowIndex.md": LOADZ_INDEX, **LOADZ_PAGES})
    built, scheduled = item.plan.steps[0].binding, item.plan.steps[1].binding
    assert "train_loader = pkgloadz.Loader(dataset" in built.body, built.body
    assert "train_one_epoch" not in scheduled.body and "for epoch" not in scheduled.body, scheduled.body
    proc = run_workflow(item, tmp_path / "lib")
    assert "batches [3, 7, 5] epoch 0" in proc.stdout, proc.stdout + proc.stderr


COUNTZ_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Label

**Description:** Batch the items, then label each batch with where it starts.

### Step 1: Batch

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Batch` |
| **API Call** | `pkgcountz.batches(items, size)` |
| **External Dependencies** | `pkgcountz` |
| **Outputs** | `loader` |

### Step 2: Label

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Label_Page` |
| **API Call** | `pkgcountz.label(batch, start)` |
| **External Dependencies** | `pkgcountz` |
| **Inputs** | `loader` from Step 1 |
| **Outputs** | `rows` |
"""

COUNTZ_PAGES = example_pages(
    {
        "implementations/Demo_Batch.md": "import pkgcountz\n\nloader = pkgcountz.batches([5, 6, 7, 8, 9], size=2)\n",
        "implementations/Demo_Label_Page.md": (
            "import pkgcountz\n\nrows = []\nwith pkgcountz.quiet():\n    offset = 0\n    for batch in loader:\n"
            "        rows.append(pkgcountz.label(batch, offset))\n        offset += len(batch)\nprint(rows)\n"
        ),
    }
)

PKGCOUNTZ = """
import contextlib


def batches(items, size):
    return [items[n : n + size] for n in range(0, len(items), size)]


def label(batch, start):
    return f"{start}:{','.join(map(str, batch))}"


@contextlib.contextmanager
def quiet():
    yield
"""


def test_a_count_the_step_carries_on_starts_in_the_step_not_in_config(tmp_path):
    """timm trial, inference step 5: `offset = 0` inside `with torch.no_grad():`, before the loop that adds each
    batch's size to it. The slice left the start out, and `offset` became a REQUIRED config key with no type and no
    value. A count the chosen statements carry on (`offset += ...`) starts with them."""
    build_file_tree(tmp_path / "lib", {"pkgcountz/__init__.py": PKGCOUNTZ})
    item = generated(tmp_path, {"_WorkflowIndex.md": COUNTZ_INDEX, **COUNTZ_PAGES})
    labelled = item.plan.steps[1].binding
    assert "offset" not in {p.name for p in labelled.params} and "offset = 0" in labelled.body, labelled.body
    proc = run_workflow(item, tmp_path / "lib", "-v")
    assert "0:5,6" in proc.stdout + proc.stderr and "4:9" in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def test_a_key_named_after_a_method_is_its_argument_beside_keywords(tmp_path):
    """timm trial, inference step 5: `probs.topk(2, dim=-1)`, where the Key Parameters document `topk: int` -
    "number of classes to report per image". A keyword beside the one argument kept the number hard-coded."""
    pkg = PKGAGGZ.replace("def agg(self, func):", "def agg(self, func, scale=1):")
    build_file_tree(tmp_path / "lib", {"pkgaggz/__init__.py": pkg})
    page = 'bucketed = series.bucket(2).agg("max", scale=1)\nprint(bucketed)\n'
    item = generated(
        tmp_path,
        {"_WorkflowIndex.md": AGGZ_INDEX, **AGGZ_PAGES, **example_pages({"implementations/Demo_Bucket.md": page})},
    )
    bucket = item.plan.steps[1].binding
    assert ".agg(agg, scale=" in bucket.body, bucket.body
    assert "total: 10" in run_workflow(item, tmp_path / "lib", "--set", "2.agg=sum").stdout


CHOICE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Listed_Choice

**Description:** Compare two samples, then write the p-value.

### Step 1: Compare Samples

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgchoice.ttest(a: list, b: list, alternative: str = 'two-sided') -> dict` |
| **Implementation** | `Demo_ttest` |
| **Key Parameters** | `alternative: str` - the alternative hypothesis: 'two-sided', 'less' or 'greater' (default 'two-sided') |
| **Outputs** | `result` |

### Step 2: Write Result

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgchoice.write(result: dict, path: str)` |
| **Implementation** | `Demo_write` |
| **Inputs** | `result` from Step 1 |
| **Outputs** | `result.txt` |
"""

CHOICE_PAGES = example_pages(
    {
        "implementations/Demo_ttest.md": (
            "import pkgchoice\n\nresult = pkgchoice.ttest([1, 2, 3], [2, 3, 4], alternative='greater')\n"
        ),
        "implementations/Demo_write.md": 'import pkgchoice\n\npkgchoice.write(result, "result.txt")\n',
    }
)

PKGCHOICE = """
def ttest(a, b, alternative="two-sided"):
    return {"alternative": alternative, "n": len(a) + len(b)}


def write(result, path):
    with open(path, "w") as handle:
        handle.write(result["alternative"])
"""


def test_an_example_choosing_one_of_the_listed_choices_leaves_the_documented_default(tmp_path):
    """Seen on a SciPy wiki: `alternative: str` - "'two-sided', 'less' or 'greater' (default 'two-sided')" and the
    docs' one-sided example `alternative="greater"`; the workflow ran a one-sided test (and its confidence interval
    was unbounded). An example's pick among three or more listed choices shows one of them: the documented default
    stays, unless the step's own text names the pick ("Compare Samples (greater)")."""
    build_file_tree(tmp_path / "lib", {"pkgchoice/__init__.py": PKGCHOICE})
    item = generated(tmp_path / "plain", {"_WorkflowIndex.md": CHOICE_INDEX, **CHOICE_PAGES})
    compare = item.plan.steps[0].binding
    assert {p.name: p.default for p in compare.params}["alternative"] == "'two-sided'", compare.params
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "result.txt").read_text() == "two-sided"
    run_generated_tests(item, tmp_path / "lib")
    narrowed = CHOICE_INDEX.replace("### Step 1: Compare Samples", "### Step 1: Compare Samples (greater)")
    item = generated(tmp_path / "narrowed", {"_WorkflowIndex.md": narrowed, **CHOICE_PAGES})
    compare = item.plan.steps[0].binding
    assert {p.name: p.default for p in compare.params}["alternative"] == "'greater'", compare.params
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "result.txt").read_text() == "greater"


REPORTED_INDEX = """# Workflow Index: Demo

## Workflow: Demo_Unnamed_Report

**Description:** Estimate a spectrum, then write it.

### Step 1: Estimate Spectrum

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgspec.welch(signal: list) -> tuple` |
| **Implementation** | `Demo_welch` |
| **Outputs** | `freqs`, `pxx`; the dominant frequency `freqs[pxx.index(max(pxx))]` and `pkgspec.total(pxx)` are reported alongside (smoothed with `pkgspec.fit(pxx)`) |

### Step 2: Write Spectrum

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgspec.write(pxx: list, path: str)` |
| **Implementation** | `Demo_write` |
| **Inputs** | `pxx` from Step 1 |
| **Outputs** | `spectrum.txt` |
"""

REPORTED_PAGES = example_pages(
    {
        "implementations/Demo_welch.md": 'import pkgspec\n\nfreqs, pxx = pkgspec.welch([0.0, 1.0, 0.0, -1.0])\nprint("peak:", freqs[pxx.index(max(pxx))])\n',
        "implementations/Demo_write.md": 'import pkgspec\n\npkgspec.write(pxx, "spectrum.txt")\n',
    }
)

PKGREPORTED = """
def welch(signal):
    return [0.0, 0.25, 0.5], [abs(x) + i for i, x in enumerate(signal[:3])]


def total(pxx):
    return sum(pxx)


def write(pxx, path):
    with open(path, "w") as handle:
        handle.write(",".join(map(str, pxx)))


def fit(pxx):
    raise RuntimeError("not to be called")
"""


def test_a_value_the_outputs_quote_without_a_name_is_made_and_handed_on(tmp_path):
    """Seen on NetworkX and SciPy wikis: Outputs quoting what is reported, without naming it ("`nx.density(G)` and
    `G.number_of_edges()` are reported alongside", "dominant frequency `f[np.argmax(Pxx)]`"): the step made neither.
    Such a call is made under the name it calls, a subscript under the words before it, when it reads what the step
    has; a call that does work (`pkgspec.fit(pxx)`) is not run again to report it."""
    build_file_tree(tmp_path / "lib", {"pkgspec/__init__.py": PKGREPORTED})
    item = generated(tmp_path, {"_WorkflowIndex.md": REPORTED_INDEX, **REPORTED_PAGES})
    estimate = item.plan.steps[0].binding
    assert "dominant_frequency = freqs[pxx.index(max(pxx))]" in estimate.body, estimate.body
    assert "total = pkgspec.total(pxx)" in estimate.body and "fit(" not in estimate.body, estimate.body
    shown = run_workflow(item, tmp_path / "lib").stderr
    assert "dominant_frequency: 0.25" in shown and "total: 4" in shown, shown
    assert (item.output_dir / "spectrum.txt").read_text() == "0.0,2.0,2.0"
    run_generated_tests(item, tmp_path / "lib")


NOISE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Valued_Name

**Description:** Make a clean signal, then add noise to it.

### Step 1: Load Signal

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgnoise.clean() -> list` |
| **Implementation** | `Demo_clean` |
| **Outputs** | `signal` |

### Step 2: Add Noise

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgnoise.random_noise(signal: list, mode: str = 'gaussian', **kwargs) -> list` |
| **Implementation** | `Demo_random_noise` |
| **Key Parameters** | `mode: str` - 'gaussian', 's&p' or 'speckle' (default 'gaussian'), `var: float` - noise variance (gallery: sigma**2 with sigma = 0.5) |
| **Inputs** | `signal` from Step 1 |
| **Outputs** | `noisy`: the noisy signal |
"""

NOISE_PAGES = example_pages(
    {
        "implementations/Demo_clean.md": "import pkgnoise\n\nsignal = pkgnoise.clean()\n",
        "implementations/Demo_random_noise.md": [
            "import pkgnoise\n\nsigma = 0.5\nnoisy = pkgnoise.random_noise(signal, var=sigma**2)\n",
            "import pkgnoise\n\nnoisy_sp = pkgnoise.random_noise(signal, mode='s&p', amount=0.05)\n",
        ],
    }
)

PKGNOISE = """
def clean():
    return [1.0, 2.0]


def random_noise(signal, mode="gaussian", **kwargs):
    if mode == "gaussian":
        return [x + kwargs["var"] for x in signal]
    return [x * kwargs["amount"] for x in signal]
"""


def test_an_example_variable_the_key_parameters_give_a_value_is_no_reason_to_lose(tmp_path):
    """Seen on a scikit-image wiki: `var: float` - "noise variance (gallery: sigma**2 with sigma = 0.08)" and the
    gallery's example `noisy = random_noise(astro, var=sigma**2)` lost to the salt-and-pepper example, because its
    `sigma` would become a key of its own; the workflow added the wrong noise and could not be set to Gaussian. A
    name the Key Parameters give a value (`sigma = 0.08`) is a key the wiki documents."""
    build_file_tree(tmp_path / "lib", {"pkgnoise/__init__.py": PKGNOISE})
    item = generated(tmp_path, {"_WorkflowIndex.md": NOISE_INDEX, **NOISE_PAGES})
    noise = item.plan.steps[1].binding
    assert "var=sigma ** 2" in noise.body and "amount" not in noise.body, noise.body
    assert {p.name: p.default for p in noise.params}["sigma"] == "0.5", noise.params
    shown = run_workflow(item, tmp_path / "lib").stderr
    assert "noisy: list of 2: 1.25, 2.25" in shown, shown
    run_generated_tests(item, tmp_path / "lib")


KEYPOINT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Setup_Reads

**Description:** Load two signals, detect points in them, fit a model to the points, write it.

### Step 1: Load Signals

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgkp.signals() -> tuple` |
| **Implementation** | `Demo_signals` |
| **Outputs** | `signal1`, `signal2` |

### Step 2: Detect Points

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgkp.Extractor().detect(signal: list) -> None` |
| **Implementation** | `Demo_detect` |
| **Outputs** | `points1`, `points_b`: the points of both signals, read from the `points` attribute after each call |

### Step 3: Fit Model

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgkp.fit(data: tuple) -> dict` |
| **Implementation** | `Demo_fit` |
| **Inputs** | Points from Step 2 |
| **Outputs** | `model` |

### Step 4: Write Model

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgkp.write(model: dict, path: str)` |
| **Implementation** | `Demo_write` |
| **Inputs** | `model` from Step 3 |
| **Outputs** | `model.txt` |
"""

KEYPOINT_PAGES = example_pages(
    {
        "implementations/Demo_signals.md": "import pkgkp\n\nsignal1, signal2 = pkgkp.signals()\n",
        "implementations/Demo_detect.md": (
            "import pkgkp\n\nextractor = pkgkp.Extractor()\nextractor.detect(signal1)\n"
            "points1 = extractor.points\nextractor.detect(signal2)\npoints2 = extractor.points\n"
        ),
        "implementations/Demo_fit.md": [
            "import pkgkp\n\nsrc = points1[0]\ndst = points2[0]\nmodel = pkgkp.fit((src, dst))\n",
            "import pkgkp\n\nline = pkgkp.line(10)\npoints = tuple(line)\nmodel = pkgkp.fit(points[:2])\n",
        ],
        "implementations/Demo_write.md": 'import pkgkp\n\npkgkp.write(model, "model.txt")\n',
    }
)

PKGPOINTS = """
def signals():
    return [1, 2, 3], [4, 5, 6]


class Extractor:
    points = None

    def detect(self, signal):
        self.points = [x * 10 for x in signal]


def line(n):
    return tuple(range(n))


def fit(data):
    return {"fitted": list(data)}


def write(model, path):
    with open(path, "w") as handle:
        handle.write(repr(model["fitted"]))
"""


def test_a_value_a_later_example_reads_to_set_up_its_call_is_handed_on(tmp_path):
    """Seen on a scikit-image wiki: step 5's example builds `src = keypoints1[matches13[:, 0]]` and `dst =
    keypoints3[...]` before `ransac((src, dst), AffineTransform, ...)`. Step 3 dropped `keypoints3 =
    descriptor_extractor.keypoints` (a part of its result nothing seemed to read: only the call's own arguments were
    counted), so step 5 lost that example to a self-contained line fit on made-up points, and step 6 failed. What a
    later example reads to make its call's arguments (not by a step's API, not an earlier step's named result) is
    wanted too; and a wanted part read after the slice comes with the calls before it that change what it is read
    from (`extractor.detect(signal2)` before `points2 = extractor.points`), or it would be the first signal's."""
    build_file_tree(tmp_path / "lib", {"pkgkp/__init__.py": PKGPOINTS})
    item = generated(tmp_path, {"_WorkflowIndex.md": KEYPOINT_INDEX, **KEYPOINT_PAGES})
    detect, fit = item.plan.steps[1].binding, item.plan.steps[2].binding
    assert "points2 = extractor.points" in detect.body, detect.body
    assert "src = points1[0]" in fit.body and "line" not in fit.body, fit.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "model.txt").read_text() == "[10, 40]"
    run_generated_tests(item, tmp_path / "lib")


OBJFN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Closure_Reuse

**Description:** Load data, define an objective that reports on it, run the study.

### Step 1: Load Data

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgobj.load_data() -> list` |
| **Implementation** | `Demo_load` |
| **Outputs** | `data` |

### Step 2: Define Objective

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgobj.Trial.report(value: float) -> None` |
| **Implementation** | `Demo_report` |
| **Inputs** | `data` from Step 1 |
| **Outputs** | Objective function `objective(trial) -> float` that reports the value |

### Step 3: Optimize

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgobj.optimize(objective: Callable, n_trials: int) -> float` |
| **Implementation** | `Demo_optimize` |
| **Key Parameters** | `n_trials: int` - number of trials (default 3) |
| **Inputs** | `objective` from Step 2 |
| **Outputs** | `best`, written to `best.txt` |
"""

OBJFN_PAGES = example_pages(
    {
        "implementations/Demo_load.md": "import pkgobj\n\ndata = pkgobj.load_data()\n",
        "implementations/Demo_report.md": (
            "import pkgobj\nimport pkgobj.extra\n\n\ndef objective(trial):\n    data = pkgobj.load_data()\n"
            "    value = pkgobj.extra.scale(trial.number * len(data))\n    trial.report(value)\n    return value\n"
        ),
        "implementations/Demo_optimize.md": (
            "import pkgobj\n\nbest = pkgobj.optimize(objective, n_trials=3)\n"
            'with open("best.txt", "w") as handle:\n    handle.write(str(best))\n'
        ),
    }
)

PKGOBJFN = """
class Trial:
    def __init__(self, number):
        self.number = number
        self.reported = []

    def report(self, value):
        self.reported.append(value)


def load_data():
    return [1, 2, 3, 4]


def optimize(objective, n_trials):
    return max(objective(Trial(n)) for n in range(n_trials))
"""


def test_a_function_the_outputs_name_that_calls_the_api_is_handed_on_and_reads_earlier_results(tmp_path):
    """Seen on an Optuna wiki: API `Trial.suggest_float(name, low, high)`, Outputs "Objective function
    `objective(trial) -> float`", every example `def objective(trial): x = trial.suggest_float(...)`: the step called
    the method on the class (`Trial.suggest_float(name=...)`: TypeError, 0/6 steps). The page's def that the Outputs
    name and that calls the API is the step's result, handed on, with the example's imports of what it reads
    (`import pkgobj.extra` beside `import pkgobj`). And where the def remade an earlier result (`iris =
    load_iris()` in the objective, step 1's `iris`), the earlier result was put in as `iris = iris`, which inside a
    function makes the name local and unbound (UnboundLocalError on every trial; ruff F823): no such line is left."""
    build_file_tree(
        tmp_path / "lib", {"pkgobj/__init__.py": PKGOBJFN, "pkgobj/extra.py": "def scale(x):\n    return x\n"}
    )
    item = generated(tmp_path / "method", {"_WorkflowIndex.md": OBJFN_INDEX, **OBJFN_PAGES})
    define = item.plan.steps[1].binding
    assert "def objective(trial):" in define.body and "Trial.report(" not in define.body, define.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "best.txt").read_text() == "8"
    run_generated_tests(item, tmp_path / "lib")
    written = OBJFN_INDEX.replace("`pkgobj.Trial.report(value: float) -> None`", "`def objective(trial) -> float`")
    item = generated(tmp_path / "pattern", {"_WorkflowIndex.md": written, **OBJFN_PAGES})
    define = item.plan.steps[1].binding
    assert "data = " not in define.body and "len(data)" in define.body, define.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "best.txt").read_text() == "8"
    run_generated_tests(item, tmp_path / "lib")


STUDYNAME_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Given_In_Step

**Description:** Create a named study, then load it again by its name.

### Step 1: Create Study

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgstudyname.create(study_name: str) -> str` |
| **Implementation** | `Demo_create` |
| **Key Parameters** | `study_name: str` - the study's name |
| **Outputs** | the study stored under its name |

### Step 2: Load Study

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgstudyname.load(study_name: str) -> str` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `study_name: str` - name given in Step 1 |
| **Outputs** | `study` |
"""

STUDYNAME_PAGES = example_pages(
    {
        "implementations/Demo_create.md": 'import pkgstudyname\n\npkgstudyname.create(study_name="example-study")\n',
        "implementations/Demo_load.md": 'import pkgstudyname\n\nstudy = pkgstudyname.load(study_name="my_study")\n',
    }
)

PKGSTUDYNAME = """
import pathlib


def create(study_name):
    pathlib.Path(study_name + ".study").write_text(study_name)
    return study_name


def load(study_name):
    return pathlib.Path(study_name + ".study").read_text()
"""


def test_a_key_described_as_given_in_an_earlier_step_follows_that_step_s_key(tmp_path):
    """Seen on an Optuna wiki: `study_name: str` - "name given in Step 2" in the resume step, whose example loads
    "my_study" while step 2 created "example-study": `load_study` raised KeyError (3/6 steps). A key described as
    given (set, chosen, used, defined) in an earlier step follows that step's key of its name until it is set."""
    build_file_tree(tmp_path / "lib", {"pkgstudyname/__init__.py": PKGSTUDYNAME})
    item = generated(tmp_path, {"_WorkflowIndex.md": STUDYNAME_INDEX, **STUDYNAME_PAGES})
    load = next(p for p in item.plan.steps[1].binding.params if p.name == "study_name")
    assert load.follows.endswith(".study_name"), load
    run_workflow(item, tmp_path / "lib")
    shown = run_workflow(item, tmp_path / "lib", "--set", "1.study_name=other").stderr
    assert "study: 'other'" in shown, shown
    run_generated_tests(item, tmp_path / "lib")


NESTED_ARG_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Nested_Argument

**Description:** Configure a pruner, create a study with it, write the study.

### Step 1: Configure Pruner

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgnestarg.Pruner(n: int = 5) -> Pruner` |
| **Implementation** | `Demo_pruner` |
| **Outputs** | `Pruner` instance to pass to `create` |

### Step 2: Create Study

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgnestarg.create(pruner=None, direction: str = "min") -> Study` |
| **Implementation** | `Demo_create` |
| **Inputs** | the pruner from Step 1 |
| **Outputs** | `study` |

### Step 3: Write Study

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgnestarg.write(study, path: str)` |
| **Implementation** | `Demo_write` |
| **Inputs** | `study` from Step 2 |
| **Outputs** | `study.txt` |
"""

NESTED_ARG_PAGES = example_pages(
    {
        "implementations/Demo_pruner.md": "import pkgnestarg\n\nstudy = pkgnestarg.create(pruner=pkgnestarg.Pruner(n=3))\n",
        "implementations/Demo_create.md": 'import pkgnestarg\n\nstudy = pkgnestarg.create(pruner=pruner, direction="max")\n',
        "implementations/Demo_write.md": 'import pkgnestarg\n\npkgnestarg.write(study, "study.txt")\n',
    }
)

PKGNESTARG = """
class Pruner:
    def __init__(self, n=5):
        self.n = n


class Study:
    def __init__(self, pruner, direction):
        self.pruner, self.direction = pruner, direction


def create(pruner=None, direction="min"):
    return Study(pruner, direction)


def write(study, path):
    with open(path, "w") as handle:
        handle.write(f"{type(study.pruner).__name__} {study.pruner.n} {study.direction}")
"""


def test_an_api_call_passed_to_a_later_step_s_call_is_made_on_its_own(tmp_path):
    """Seen on an Optuna wiki: step 2's API `MedianPruner(...)`, Outputs "`MedianPruner` instance to pass to
    `create_study`", its example `study = optuna.create_study(pruner=optuna.pruners.MedianPruner())`: the step
    handed on the study, and step 4 passed it as its pruner ("'Study' object has no attribute 'prune'"). Where the
    step's call is a keyword argument of a later step's API call, the step makes that argument, under its name."""
    build_file_tree(tmp_path / "lib", {"pkgnestarg/__init__.py": PKGNESTARG})
    item = generated(tmp_path, {"_WorkflowIndex.md": NESTED_ARG_INDEX, **NESTED_ARG_PAGES})
    configure = item.plan.steps[0].binding
    assert configure.produces == ("pruner",) and "create(" not in configure.body, configure.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "study.txt").read_text() == "Pruner 3 max"
    run_generated_tests(item, tmp_path / "lib")


ALT_SETTING_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Variant_Settings

**Description:** Make a space, search it, then write what the search was run with.

### Step 1: Make Space

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgaltset.make_space(n: int) -> list` |
| **Implementation** | `Demo_space` |
| **Outputs** | `space` |

### Step 2: Run Search

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgaltset.search(space: list, n_trials: int \\| None = None, timeout: float \\| None = None, n_jobs: int = 1, verbose: bool = False) -> dict` |
| **Implementation** | `Demo_search` |
| **Key Parameters** | `n_trials: int` - number of trials, `timeout: float` - stop after this many seconds, `n_jobs: int` - parallel jobs, `verbose: bool` - print progress |
| **Inputs** | `space` from Step 1 |
| **Outputs** | `result` |

### Step 3: Write Result

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgaltset.write(result: dict, path: str)` |
| **Implementation** | `Demo_write` |
| **Inputs** | `result` from Step 2 |
| **Outputs** | `result.txt` |
"""

ALT_SETTING_PAGES = example_pages(
    {
        "implementations/Demo_space.md": "import pkgaltset\n\nspace = pkgaltset.make_space(3)\n",
        "implementations/Demo_search.md": [
            "import pkgaltset\n\nresult = pkgaltset.search([0, 1, 2], n_trials=5)\n",
            "import pkgaltset\n\nresult = pkgaltset.search(space, n_trials=5, timeout=60, n_jobs=2, verbose=True)\n",
        ],
        "implementations/Demo_write.md": 'import pkgaltset\n\npkgaltset.write(result, "result.txt")\n',
    }
)

PKGALTSET = """
def make_space(n):
    return list(range(n))


def search(space, n_trials=None, timeout=None, n_jobs=1, verbose=False):
    return {"space": space, "n_trials": n_trials, "timeout": timeout, "n_jobs": n_jobs, "verbose": verbose}


def write(result, path):
    with open(path, "w") as handle:
        handle.write(" ".join(str(result[k]) for k in ("space", "n_trials", "timeout", "n_jobs", "verbose")))
"""


def test_a_setting_only_a_later_example_passes_keeps_the_signature_default(tmp_path):
    """Seen on an Optuna wiki: the page's "Basic Optimization" `study.optimize(objective, n_trials=100)`, then its
    "Time-Bounded, Parallel, with Progress Bar" example adding `timeout=600, n_jobs=2, show_progress_bar=True`; the
    second was chosen (it reads the earlier steps' objective and study) and its values became the workflow's
    defaults. A setting only a later example passes, where an earlier one calls the API without it, keeps the
    signature's default; the key stays, and the step's own text can still say the variant's value ("on 2 jobs")."""
    build_file_tree(tmp_path / "lib", {"pkgaltset/__init__.py": PKGALTSET})
    item = generated(tmp_path / "plain", {"_WorkflowIndex.md": ALT_SETTING_INDEX, **ALT_SETTING_PAGES})
    search = item.plan.steps[1].binding
    defaults = {p.name: p.default for p in search.params}
    assert defaults["n_trials"] == "5" and defaults["n_jobs"] == "1" and defaults["verbose"] == "False", defaults
    assert "timeout" in defaults and defaults["timeout"] in (None, "None"), defaults
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "result.txt").read_text() == "[0, 1, 2] 5 None 1 False"
    run_generated_tests(item, tmp_path / "lib")
    said = ALT_SETTING_INDEX.replace("### Step 2: Run Search", "### Step 2: Run Search on 2 Jobs")
    item = generated(tmp_path / "said", {"_WorkflowIndex.md": said, **ALT_SETTING_PAGES})
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "result.txt").read_text() == "[0, 1, 2] 5 None 2 False"


SQL_ROWS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Sql_Rows

**Description:** Connect, insert rows, query them, then write what the query found.

### Step 1: Connect

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsqlrows.connect(database: str = ":memory:") -> Connection` |
| **Implementation** | `Demo_connect` |
| **Outputs** | `con` |

### Step 2: Bulk Insertion

| Attribute | Value |
|-----------|-------|
| **API Call** | `Connection.executemany(query: str, parameters: list) -> Connection` |
| **Implementation** | `Demo_executemany` |
| **Inputs** | Connection from Step 1 |
| **Outputs** | Rows inserted into `items` |

### Step 3: Parameterized Query

| Attribute | Value |
|-----------|-------|
| **API Call** | `Connection.execute(query: str, parameters: list \\| None = None) -> Connection; Connection.fetchall() -> list[tuple]` |
| **Implementation** | `Demo_execute_fetchall` |
| **Key Parameters** | `query: str` - SELECT statement with `?` placeholders, `parameters: list` - values bound to the placeholders, e.g. [400] |
| **Inputs** | Populated `items` table from Step 2 |
| **Outputs** | `rows`: list of tuples returned by `fetchall()` |

### Step 4: Write Rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsqlrows.write(rows: list, path: str)` |
| **Implementation** | `Demo_write` |
| **Inputs** | `rows` from Step 3 |
| **Outputs** | `rows.txt` |
"""

SQL_ROWS_PAGES = example_pages(
    {
        "implementations/Demo_connect.md": 'import pkgsqlrows\n\ncon = pkgsqlrows.connect("file.db")\n',
        "implementations/Demo_executemany.md": (
            'con.executemany("INSERT INTO items VALUES (?, ?)", [["saw", 500], ["drill", 300]])\n'
        ),
        "implementations/Demo_execute_fetchall.md": [
            'con.execute("SELECT item FROM items WHERE value > ?", [400])\nprint(con.fetchall())\n',
            'print(con.execute("SELECT $1", ["duck"]).fetchall())\n',
        ],
        "implementations/Demo_write.md": 'import pkgsqlrows\n\npkgsqlrows.write(rows, "rows.txt")\n',
    }
)

PKGSQLROWS = """
class Connection:
    def __init__(self):
        self.tables = {}
        self.found = []

    def executemany(self, query, parameters):
        assert query.startswith("INSERT INTO items"), query
        self.tables.setdefault("items", []).extend(tuple(p) for p in parameters)
        return self

    def execute(self, query, parameters=None):
        if query == "SELECT item FROM items WHERE value > ?":
            self.found = [(item,) for item, value in self.tables["items"] if value > parameters[0]]
        else:
            self.found = [tuple(parameters or ())]
        return self

    def fetchall(self):
        return list(self.found)


def connect(database=":memory:"):
    return Connection()


def write(rows, path):
    assert isinstance(rows, list), type(rows)
    with open(path, "w") as handle:
        handle.write(repr(rows))
"""


def test_an_api_cell_of_two_statements_cites_both_and_a_sql_table_is_no_result(tmp_path):
    """Seen on a DuckDB wiki: the API cell "`DuckDBPyConnection.execute(query, parameters) -> DuckDBPyConnection;
    DuckDBPyConnection.fetchall() -> list[tuple]`" was read as one call with no parameters, and the step handed on
    the connection as `rows`; step 2's Outputs "Rows inserted into `items`" (a table its SQL fills) made the
    connection a result named `items`, which step 3 then queried. A cell's `;` separates the calls it cites; a
    name the examples' SQL gives a table, and their Python never uses, is no result."""
    build_file_tree(tmp_path / "lib", {"pkgsqlrows/__init__.py": PKGSQLROWS})
    item = generated(tmp_path, {"_WorkflowIndex.md": SQL_ROWS_INDEX, **SQL_ROWS_PAGES})
    insert, query = item.plan.steps[1].binding, item.plan.steps[2].binding
    assert insert.produces == (), insert.body
    assert "con.execute(" in query.body and ".fetchall()" in query.body and query.produces == ("rows",), query.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "rows.txt").read_text() == "[('saw',)]"
    run_generated_tests(item, tmp_path / "lib")


MODULE_ALIAS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Module_Alias

**Description:** Make a dataset, cross-validate on it, then write the scores.

### Step 1: Dataset

| Attribute | Value |
|-----------|-------|
| **API Call** | `lgb.Dataset(data: list) -> Dataset` |
| **Implementation** | `Demo_Dataset` |
| **Outputs** | `lgb_train` |

### Step 2: Cross Validation

| Attribute | Value |
|-----------|-------|
| **API Call** | `lgb.cv(params: dict, train_set: Dataset, nfold: int = 5) -> dict` |
| **Implementation** | `Demo_cv` |
| **Key Parameters** | `nfold: int` - folds (3) |
| **Inputs** | `lgb_train` Dataset, `params` |
| **Outputs** | `cv_results` |

### Step 3: Write Scores

| Attribute | Value |
|-----------|-------|
| **API Call** | `lgb.write(cv_results: dict, path: str)` |
| **Implementation** | `Demo_write` |
| **Inputs** | `cv_results` from Step 2 |
| **Outputs** | `scores.txt` |
"""

MODULE_ALIAS_PAGES = example_pages(
    {
        "implementations/Demo_Dataset.md": "import pkglgbalias as lgb\n\nlgb_train = lgb.Dataset([1, 2, 3, 4])\n",
        "implementations/Demo_cv.md": (
            'params = {"objective": "binary"}\ncv_results = lgb.cv(params, lgb_train, nfold=3)\n'
        ),
        "implementations/Demo_write.md": 'import pkglgbalias as lgb\n\nlgb.write(cv_results, "scores.txt")\n',
    }
)

PKGLGBALIAS = """
class Dataset(list):
    pass


def cv(params, train_set, nfold=5):
    assert isinstance(train_set, Dataset), type(train_set)
    return {"folds": nfold, "rows": len(train_set), "objective": params["objective"]}


def write(cv_results, path):
    with open(path, "w") as handle:
        handle.write(repr(sorted(cv_results.items())))
"""


def test_a_module_the_workflow_imports_under_a_short_name_is_no_shortened_result(tmp_path):
    """Seen on a LightGBM wiki: the cross-validation page's example calls `lgb.cv(params, lgb_train, ...)` without
    its import (the page's import line and the other steps' examples give `import lightgbm as lgb`), and the
    Inputs quote "`lgb_train` Dataset": `lgb` was read as a shortening of `lgb_train`, and the step called
    `lgb_train.cv(...)` ("'Dataset' object has no attribute 'cv'"), blocking five of seven steps. A name the
    workflow's examples or the page's import lines bind to a module is never a shortened result."""
    build_file_tree(tmp_path / "lib", {"pkglgbalias/__init__.py": PKGLGBALIAS})
    item = generated(tmp_path, {"_WorkflowIndex.md": MODULE_ALIAS_INDEX, **MODULE_ALIAS_PAGES})
    cv = item.plan.steps[1].binding
    assert "lgb.cv(" in cv.body and "lgb_train.cv" not in cv.body, cv.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "scores.txt").read_text() == "[('folds', 3), ('objective', 'binary'), ('rows', 4)]"
    run_generated_tests(item, tmp_path / "lib")


PROSE_INPUT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Prose_Input

**Description:** Load a bundled table, add a column of ones, then write its shape.

### Step 1: Load Dataset

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgprose.load() -> Dataset` |
| **Implementation** | `Demo_load` |
| **Inputs** | None (data bundled with the library) |
| **Outputs** | `Dataset` with `exog` (rows of regressors) |

### Step 2: Add Intercept

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgprose.add_constant(data, prepend: bool = True) -> list` |
| **Implementation** | `Demo_add_constant` |
| **Key Parameters** | `prepend: bool` - put the constant first (default True) |
| **Inputs** | exog rows from the loaded dataset |
| **Outputs** | Design matrix with a constant column |

### Step 3: Write Shape

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgprose.write_shape(X: list, path: str)` |
| **Implementation** | `Demo_write_shape` |
| **Inputs** | `X` from Step 2 |
| **Outputs** | `shape.txt` |
"""

PROSE_INPUT_PAGES = example_pages(
    {
        "implementations/Demo_load.md": "import pkgprose\n\ndata = pkgprose.load()\n",
        "implementations/Demo_add_constant.md": [
            "import pkgprose\n\ndata = pkgprose.load()\nX = pkgprose.add_constant(data.exog)\n",
            "import pkgprose\n\nx = pkgprose.grid(4)\nX = pkgprose.add_constant(x, prepend=False)\n",
        ],
        "implementations/Demo_write_shape.md": (
            'import pkgprose\n\nx = pkgprose.grid(2)\nX = [[1.0, *row] for row in x]\npkgprose.write_shape(X, "shape.txt")\n'
        ),
    }
)

PKGPROSE = """
class Dataset:
    def __init__(self, exog):
        self.exog = exog


def load():
    return Dataset([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])


def grid(n):
    return [[i / 2] for i in range(n)]


def add_constant(data, prepend=True):
    return [[1.0, *row] if prepend else [*row, 1.0] for row in data]


def write_shape(X, path):
    with open(path, "w") as handle:
        handle.write(f"{len(X)} {len(X[0])} {X[0][0]}")
"""


def test_an_example_making_its_own_data_loses_where_the_inputs_say_in_prose_what_they_take(tmp_path):
    """Seen on a statsmodels wiki: step 2's Inputs "exog DataFrame/array from the loaded dataset" cite no name, and
    its page's alternative "Append Constant Instead of Prepending" (`x = np.linspace(0, 10, 100)` then
    `sm.add_constant(x, prepend=False)`) was chosen over `sm.add_constant(data.exog)`, as if its `x` were a result
    later steps want: the step added a constant to 100 made-up points, and the model fit failed on sizes. Inputs
    that say in prose that the step takes something make a demo's own data no reason to choose it."""
    build_file_tree(tmp_path / "lib", {"pkgprose/__init__.py": PKGPROSE})
    item = generated(tmp_path / "prose", {"_WorkflowIndex.md": PROSE_INPUT_INDEX, **PROSE_INPUT_PAGES})
    body = item.plan.steps[1].binding.body
    assert "data.exog" in body and "grid" not in body, body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "shape.txt").read_text() == "3 3 1.0"
    run_generated_tests(item, tmp_path / "lib")


SQL_REFLECT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Reflect_Query

**Description:** Create and fill a table with SQL, reflect it, query it, then write the rows.

### Step 1: Create Engine

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsqlish.create_engine(url: str) -> Engine` |
| **Implementation** | `Demo_engine` |
| **Key Parameters** | `url: str` - database path (e.g. ":memory:") |
| **Outputs** | `engine` |

### Step 2: Textual SQL

| Attribute | Value |
|-----------|-------|
| **API Call** | `Connection.execute(statement: str, parameters: list \\| None = None) -> Cursor; Engine.begin() -> Connection` |
| **Implementation** | `Demo_execute_text` |
| **Key Parameters** | `parameters: list[dict]` - values for the bound parameters, e.g. [{"x": 1, "y": 1}, {"x": 2, "y": 4}] |
| **Inputs** | Engine, SQL strings and parameter dictionaries |
| **Outputs** | Statements executed and committed (table `some_table` created and populated) |

### Step 3: Reflect Table

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsqlish.Table(name: str, autoload_with: Engine) -> Table` |
| **Implementation** | `Demo_reflect` |
| **Key Parameters** | `name: str` - the table to reflect (e.g. "some_table") |
| **Inputs** | `engine` from Step 1 |
| **Outputs** | `some_table` |

### Step 4: Query Table

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsqlish.select(table: Table) -> Select; Select.where(*whereclause) -> Select` |
| **Implementation** | `Demo_select` |
| **Key Parameters** | `whereclause` - filter expression, e.g. some_table.c.y > 2 |
| **Inputs** | Engine and the reflected `some_table` |
| **Outputs** | `rows` |

### Step 5: Write Rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsqlish.write_rows(rows: list, path: str)` |
| **Implementation** | `Demo_write_rows` |
| **Inputs** | `rows` from Step 4 |
| **Outputs** | `rows.txt` |
"""

SQL_REFLECT_PAGES = example_pages(
    {
        "implementations/Demo_engine.md": 'import pkgsqlish\n\nengine = pkgsqlish.create_engine(":memory:")\n',
        "implementations/Demo_execute_text.md": [
            "with engine.connect() as conn:\n"
            '    conn.execute("CREATE TABLE some_table (x int, y int)")\n'
            '    conn.execute("INSERT INTO some_table (x, y) VALUES (:x, :y)", [{"x": 1, "y": 1}, {"x": 2, "y": 4}])\n'
            "    conn.commit()\n",
            "with engine.begin() as conn:\n"
            '    conn.execute("INSERT INTO some_table (x, y) VALUES (:x, :y)", [{"x": 6, "y": 8}, {"x": 9, "y": 10}])\n',
        ],
        "implementations/Demo_reflect.md": (
            'import pkgsqlish\n\nsome_table = pkgsqlish.Table("some_table", autoload_with=engine)\n'
        ),
        "implementations/Demo_select.md": "import pkgsqlish\n\n"
        'stmt = pkgsqlish.select(user_table).where(user_table.c.name == "spongebob")\n'
        "with engine.connect() as conn:\n"
        "    rows = conn.execute(stmt).fetchall()\n",
        "implementations/Demo_write_rows.md": 'import pkgsqlish\n\npkgsqlish.write_rows(rows, "rows.txt")\n',
    }
)

PKGSQLISH = """
import sqlite3
from types import SimpleNamespace


class Condition:
    def __init__(self, sql, value):
        self.sql, self.value = sql, value


class Column:
    def __init__(self, name):
        self.name = name

    def __gt__(self, value):
        return Condition(f"{self.name} > ?", value)

    def __eq__(self, value):
        return Condition(f"{self.name} = ?", value)

    __hash__ = object.__hash__


class Table:
    def __init__(self, name, autoload_with):
        columns = [row[1] for row in autoload_with.db.execute(f"PRAGMA table_info({name})")]
        if not columns:
            raise LookupError(f"no such table: {name}")
        self.name, self.c = name, SimpleNamespace(**{c: Column(c) for c in columns})


class Select:
    def __init__(self, table, conditions=()):
        self.table, self.conditions = table, conditions

    def where(self, *whereclause):
        return Select(self.table, (*self.conditions, *whereclause))


def select(table):
    return Select(table)


class Connection:
    def __init__(self, db, commit):
        self.db, self.commit_on_exit = db, commit

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.commit_on_exit:
            self.db.commit()
        return False

    def execute(self, statement, parameters=None):
        if isinstance(statement, Select):
            where = " AND ".join(c.sql for c in statement.conditions) or "1"
            values = [c.value for c in statement.conditions]
            return self.db.execute(f"SELECT * FROM {statement.table.name} WHERE {where}", values)
        if isinstance(parameters, list):
            return self.db.executemany(statement, parameters)
        return self.db.execute(statement, parameters or {})

    def commit(self):
        self.db.commit()


class Engine:
    def __init__(self, url):
        self.db = sqlite3.connect(url)

    def connect(self):
        return Connection(self.db, commit=False)

    def begin(self):
        return Connection(self.db, commit=True)


def create_engine(url):
    return Engine(url)


def write_rows(rows, path):
    with open(path, "w") as handle:
        handle.write(repr([tuple(r) for r in rows]))
"""


def test_a_sql_step_creates_the_table_it_fills_and_a_query_takes_the_reflected_table_and_the_table_s_condition(
    tmp_path,
):
    """Seen on a SQLAlchemy wiki (Schema Reflection, 0 of 5 steps ran):
    - step 2's page has "Committing Changes" (`CREATE TABLE some_table`, then the INSERT) and "Begin once" (the
      INSERT alone, under the `engine.begin()` the API cell cites); the second was chosen, and failed with "no such
      table". A table the SQL writes to, which the workflow's examples create but neither the example nor an earlier
      step does, cannot be had, like a name nothing makes;
    - step 5's example, shared with another workflow, selects from `user_table`, which nothing makes (a REQUIRED
      key): the one object the step reads that nothing makes is the one result its Inputs quote ("the reflected
      `some_table`"), where the names share a word;
    - and its `where(user_table.c.name == "spongebob")` gives way to the condition the Key Parameters write for
      `whereclause` ("e.g. some_table.c.y > 2"), whose number is no threshold key of its own."""
    build_file_tree(tmp_path / "lib", {"pkgsqlish/__init__.py": PKGSQLISH})
    item = generated(tmp_path / "reflect", {"_WorkflowIndex.md": SQL_REFLECT_INDEX, **SQL_REFLECT_PAGES})
    text, query = item.plan.steps[1].binding, item.plan.steps[3].binding
    assert "CREATE TABLE" in text.body + repr([p.default for p in text.params]), text.body
    assert "user_table" not in query.body and "some_table.c.y > 2" in query.body, query.body
    assert "whereclause" not in {p.name for p in query.params}, query.params
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "rows.txt").read_text() == "[(2, 4)]"
    run_generated_tests(item, tmp_path / "lib")


CANVAS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Canvas

**Description:** Make a blank canvas, draw on it, save it.

### Step 1: Create Canvas

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcanvas.new(size: int) -> Canvas` |
| **Implementation** | `Demo_new` |
| **Key Parameters** | `size: int` - side of the canvas |
| **Inputs** | Size of the canvas |
| **Outputs** | New blank Canvas |

### Step 2: Drawing Context

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcanvas.Draw(im: Canvas) -> Pen` |
| **Implementation** | `Demo_draw` |
| **Inputs** | Canvas to draw on |
| **Outputs** | Pen bound to the canvas; all drawing changes the canvas in place |

### Step 3: Save Canvas

| Attribute | Value |
|-----------|-------|
| **API Call** | `Canvas.save(fp: str) -> None` |
| **Implementation** | `Demo_save` |
| **Key Parameters** | `fp: str` - output filename (e.g. "drawing.txt") |
| **Inputs** | The canvas with the drawing applied, output path |
| **Outputs** | Canvas file written to disk |
"""

CANVAS_PAGES = example_pages(
    {
        "implementations/Demo_new.md": "import pkgcanvas\n\nim = pkgcanvas.new(4)\n",
        "implementations/Demo_draw.md": 'import pkgcanvas\n\nwith pkgcanvas.open("hopper.jpg") as im:\n    draw = pkgcanvas.Draw(im)\n    draw.line(3)\n',
        "implementations/Demo_save.md": [
            "import os\nimport sys\nimport pkgcanvas\n\n"
            "for infile in sys.argv[1:]:\n"
            "    f, e = os.path.splitext(infile)\n"
            '    outfile = f + ".txt"\n'
            "    if infile != outfile:\n"
            "        pkgcanvas.open(infile).save(outfile)\n",
            'im.save("hopper_small.txt")\n',
        ],
    }
)

PKGCANVAS = """
import builtins


class Canvas:
    def __init__(self, size, marks=()):
        self.size, self.marks = size, list(marks)

    def save(self, fp):
        with builtins.open(fp, "w") as handle:
            handle.write(f"{self.size} {self.marks}")


class Pen:
    def __init__(self, im):
        self.im = im

    def line(self, n):
        self.im.marks.append(n)


def new(size):
    return Canvas(size)


def open(path):
    with builtins.open(path) as handle:
        return Canvas(int(handle.read()))


def Draw(im):
    return Pen(im)
"""


def test_a_step_takes_the_earlier_result_its_inputs_name_by_type_not_the_example_s_file_or_command_line(tmp_path):
    """Seen on a Pillow wiki (Drawing and Annotation): step 1 makes a blank canvas `im` by `Image.new`; step 2's only
    example opens `hopper.jpg` (`with Image.open(...) as im:`) before `ImageDraw.Draw(im)`, where its Inputs say "Image.Image to draw on",
    and the canvas was thrown away; step 6's page opens with the tutorial's script converting each file its command
    line names (`for infile in sys.argv[1:]`), chosen over `im.save(...)`, so nothing was saved. A file read into the
    name of an earlier result whose type the Inputs name stands for that result; where the Inputs say in prose that
    the step takes something, an example reading an earlier result wins."""
    build_file_tree(tmp_path / "lib", {"pkgcanvas/__init__.py": PKGCANVAS})
    item = generated(tmp_path / "canvas", {"_WorkflowIndex.md": CANVAS_INDEX, **CANVAS_PAGES})
    draw, save = item.plan.steps[1].binding, item.plan.steps[2].binding
    assert "hopper.jpg" not in draw.body + repr([p.default for p in draw.params]), draw.body
    assert "argv" not in save.body and ".save(fp)" in save.body, save.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "drawing.txt").read_text() == "4 [3]"
    run_generated_tests(item, tmp_path / "lib")
    # the example writing its picture out at the end (`im.save(sys.stdout, "PNG")`, a later step's call): cut, the
    # file it opened is read by an assignment
    page = CANVAS_PAGES["implementations/Demo_draw.md"].replace(
        "draw.line(3)\n", "draw.line(3)\n    im.save(sys.stdout)\n"
    )
    item = generated(
        tmp_path / "written", {"_WorkflowIndex.md": CANVAS_INDEX, **CANVAS_PAGES, "implementations/Demo_draw.md": page}
    )
    draw = item.plan.steps[1].binding
    assert "hopper.jpg" not in draw.body + repr([p.default for p in draw.params]), draw.body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "drawing.txt").read_text() == "4 [3]"


FRAME_FILTER_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Frame_Filter

**Description:** Make a frame, add a derived column, keep some rows, write them.

### Step 1: Create Frame

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgframe.frame(data: dict) -> Frame` |
| **Implementation** | `Demo_frame` |
| **Outputs** | `df` |

### Step 2: Add Derived Columns

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.with_double(name: str) -> Frame` |
| **Implementation** | `Demo_with_double` |
| **Inputs** | `df` from Step 1 |
| **Outputs** | `result` |

### Step 3: Filter Rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.filter(*predicates, **constraints) -> Frame` |
| **Implementation** | `Demo_filter` |
| **Key Parameters** | `*predicates` - conditions, e.g. `pkgframe.col("x") > 1`, `**constraints` - column equality shortcuts |
| **Inputs** | Frame with derived columns |
| **Outputs** | `Frame` with only the matching rows |

### Step 4: Write Rows

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.write(path: str)` |
| **Implementation** | `Demo_write` |
| **Inputs** | The filtered Frame |
| **Outputs** | `rows.txt` |
"""

FRAME_FILTER_PAGES = example_pages(
    {
        "implementations/Demo_frame.md": 'import pkgframe\n\ndf = pkgframe.frame({"x": [1, 2, 3]})\n',
        "implementations/Demo_with_double.md": 'result = df.with_double("x2")\n',
        "implementations/Demo_filter.md": [
            'import pkgframe\n\nresult = df.filter(pkgframe.col("x") > 1)\n',
            'import pkgframe\n\ndf = pkgframe.frame({"foo": [1, 2], "ham": ["a", "b"]})\ndf.filter(foo=2, ham="b")\n',
        ],
        "implementations/Demo_write.md": 'result.write("rows.txt")\n',
    }
)

PKGFRAMEFILTER = """
class Col:
    def __init__(self, name):
        self.name = name

    def __gt__(self, value):
        return lambda row: row[self.name] > value


def col(name):
    return Col(name)


class Frame:
    def __init__(self, rows):
        self.rows = rows

    def with_double(self, name):
        return Frame([{**r, name: r["x"] * 2} for r in self.rows])

    def filter(self, *predicates, **constraints):
        for key in constraints:
            if self.rows and key not in self.rows[0]:
                raise KeyError(f"unable to find column {key!r}")
        keep = [r for r in self.rows if all(p(r) for p in predicates)]
        return Frame([r for r in keep if all(r[k] == v for k, v in constraints.items())])

    def write(self, path):
        with open(path, "w") as handle:
            handle.write(repr(self.rows))


def frame(data):
    keys = list(data)
    return Frame([dict(zip(keys, values)) for values in zip(*data.values())])
"""


def test_a_step_s_call_naming_its_result_after_the_frame_it_works_on_is_no_remake(tmp_path):
    """Seen on a Polars wiki (Eager DataFrame Analysis): step 2 made `result`, and step 3's first example `result =
    df.filter(pl.col("birthdate").dt.year() < 1990)` counted as making step 2's `result` again, so the page's last
    example (`df.filter(foo=2, ham="b")` on a demo frame) won, and failed on columns the user's frame has not. A call
    giving the name of the earlier result the Inputs cite by type ("DataFrame with derived columns"), made of an
    earlier result of that type, works on the step's frame: no remake."""
    build_file_tree(tmp_path / "lib", {"pkgframe/__init__.py": PKGFRAMEFILTER})
    item = generated(tmp_path / "frame", {"_WorkflowIndex.md": FRAME_FILTER_INDEX, **FRAME_FILTER_PAGES})
    body = item.plan.steps[2].binding.body
    assert "col('x') > x" in body and "foo" not in body, body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "rows.txt").read_text() == "[{'x': 2, 'x2': 4}, {'x': 3, 'x2': 6}]"
    run_generated_tests(item, tmp_path / "lib")


OWN_DATA_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Regression_Split

**Description:** Load the bundled regression data, split it, write the sizes.

### Step 1: Load Data

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsplit.load_diabetes(return_X_y: bool = False) -> tuple` |
| **Implementation** | `Demo_load` |
| **Outputs** | `X`, `y` |

### Step 2: Split

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsplit.split(*arrays, test_size: float = 0.25, random_state: int = None, stratify = None) -> list` |
| **Implementation** | `Demo_split` |
| **Key Parameters** | `test_size: float` - fraction held out (default 0.25), `random_state: int` - seed |
| **Inputs** | `X`, `y` from Step 1 |
| **Outputs** | `X_train`, `X_test`, `y_train`, `y_test` |

### Step 3: Write Sizes

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsplit.write_sizes(X_train, X_test, path: str)` |
| **Implementation** | `Demo_write_sizes` |
| **Inputs** | `X_train`, `X_test` from Step 2 |
| **Outputs** | `sizes.txt` |
"""

OWN_DATA_PAGES = example_pages(
    {
        "implementations/Demo_load.md": "import pkgsplit\n\nX, y = pkgsplit.load_diabetes(return_X_y=True)\n",
        "implementations/Demo_split.md": [
            "import pkgsplit\n\nX, y = pkgsplit.load_cancer(return_X_y=True)\n"
            "X_train, X_test, y_train, y_test = pkgsplit.split(X, y, test_size=0.2, random_state=42, stratify=y)\n",
            "import pkgsplit\n\nX, y = pkgsplit.load_diabetes(return_X_y=True)\n"
            "X_train, X_test, y_train, y_test = pkgsplit.split(X, y, random_state=1994)\n",
        ],
        "implementations/Demo_write_sizes.md": 'import pkgsplit\n\npkgsplit.write_sizes(X_train, X_test, "sizes.txt")\n',
    }
)

PKGOWNDATA = """
def load_diabetes(return_X_y=False):
    return [[float(i)] for i in range(8)], [i * 1.5 for i in range(8)]


def load_cancer(return_X_y=False):
    return [[float(i)] for i in range(8)], [i % 2 for i in range(8)]


def split(*arrays, test_size=0.25, random_state=None, stratify=None):
    if stratify is not None and len(set(stratify)) > len(stratify) // 2:
        raise ValueError("The least populated class in y has only 1 member")
    cut = len(arrays[0]) - int(len(arrays[0]) * test_size)
    return [part for a in arrays for part in (a[:cut], a[cut:])]


def write_sizes(X_train, X_test, path):
    with open(path, "w") as handle:
        handle.write(f"{len(X_train)} {len(X_test)}")
"""


def test_an_example_about_the_workflow_s_own_bundled_data_is_the_step_s(tmp_path):
    """Seen on an XGBoost wiki (Sklearn Regression, 1 of 6 steps ran): the split page's "Classification Split"
    (`X, y = load_breast_cancer(return_X_y=True)`, then `stratify=y`) came before its "Regression Split"
    (`load_diabetes`), and won on page order; on step 1's diabetes target the stratified split failed. Of two
    examples, the one whose setup loads the results the Inputs cite by the loader that made them is the step's."""
    build_file_tree(tmp_path / "lib", {"pkgsplit/__init__.py": PKGOWNDATA})
    item = generated(tmp_path / "split", {"_WorkflowIndex.md": OWN_DATA_INDEX, **OWN_DATA_PAGES})
    body = item.plan.steps[1].binding.body
    assert "stratify=y" not in body, body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "sizes.txt").read_text() == "6 2"
    run_generated_tests(item, tmp_path / "lib")


DEMO_ARGS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Matrix

**Description:** Make data, wrap it in a matrix, write the matrix's shape.

### Step 1: Make Data

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmatrix.make_data(n_samples: int = 10) -> tuple` |
| **Implementation** | `Demo_make` |
| **Key Parameters** | `n_samples: int` - rows |
| **Outputs** | `X` feature rows, `y` labels |

### Step 2: Build Matrix

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmatrix.Matrix(data, label=None) -> Matrix` |
| **Implementation** | `Demo_matrix` |
| **Key Parameters** | `data` - feature rows, `label` - targets |
| **Inputs** | `X`, `y` from Step 1 |
| **Outputs** | `dtrain` Matrix |

### Step 3: Write Shape

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgmatrix.write_shape(matrix, path: str)` |
| **Implementation** | `Demo_write_shape` |
| **Inputs** | `dtrain` from Step 2 |
| **Outputs** | `shape.txt` |
"""

DEMO_ARGS_PAGES = example_pages(
    {
        "implementations/Demo_make.md": "import pkgmatrix\n\nX, y = pkgmatrix.make_data(n_samples=12)\n",
        "implementations/Demo_matrix.md": [
            "import pkgmatrix\n\ndata = pkgmatrix.random_rows(5, 3)\nlabel = pkgmatrix.random_labels(5)\n"
            "dtrain = pkgmatrix.Matrix(data, label=label)\n",
            'import pkgmatrix\n\ndtrain = pkgmatrix.Matrix("train.txt")\n',
        ],
        "implementations/Demo_write_shape.md": 'import pkgmatrix\n\npkgmatrix.write_shape(dtrain, "shape.txt")\n',
    }
)

PKGMATRIX = """
def make_data(n_samples=10):
    return [[float(i), 1.0] for i in range(n_samples)], [i % 2 for i in range(n_samples)]


def random_rows(n, width):
    return [[0.5] * width for _ in range(n)]


def random_labels(n):
    return [1] * n


class Matrix:
    def __init__(self, data, label=None):
        if isinstance(data, str):
            with open(data) as handle:  # a file of rows
                data = [line.split() for line in handle]
        self.rows, self.label = data, label


def write_shape(matrix, path):
    with open(path, "w") as handle:
        handle.write(f"{len(matrix.rows)} {len(matrix.rows[0])} {sum(matrix.label)}")
"""


def test_an_example_s_demo_data_passed_to_the_call_stands_for_the_results_the_inputs_quote(tmp_path):
    """Seen on an XGBoost wiki (Cross Validation, 1 of 6 steps ran): the DMatrix page's "From NumPy Arrays" example
    (`data = np.random.rand(5, 10)`, `label = np.random.randint(2, size=5)`, `xgb.DMatrix(data, label=label)`) lost
    to its shorter "From Files" (`xgb.DMatrix("train.svm.txt?format=libsvm")`), where the Inputs say "`X`, `y` from
    Step 1". The demo data passed to the call stand for the quoted results, in order: the step wraps step 1's."""
    build_file_tree(tmp_path / "lib", {"pkgmatrix/__init__.py": PKGMATRIX})
    item = generated(tmp_path / "matrix", {"_WorkflowIndex.md": DEMO_ARGS_INDEX, **DEMO_ARGS_PAGES})
    body = item.plan.steps[1].binding.body
    assert "Matrix(X, label=y)" in body and "random" not in body, body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "shape.txt").read_text() == "12 2 6"
    run_generated_tests(item, tmp_path / "lib")


PROSE_INPUTS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Signal

**Description:** Make a signal, design a filter, filter the signal, report on it.

### Step 1: Make Signal

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsig.make_signal(fs: int = 8) -> tuple` |
| **Implementation** | `Demo_make_signal` |
| **Key Parameters** | `fs: int` - sampling rate |
| **Outputs** | Time vector `t` and signal `sig`, sampling rate `fs` |

### Step 2: Design Filter

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsig.design(order: int) -> tuple` |
| **Implementation** | `Demo_design` |
| **Key Parameters** | `order: int` - filter order |
| **Inputs** | Filter order |
| **Outputs** | `sos` sections |

### Step 3: Filter

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsig.smooth(sos: ArrayLike, x: ArrayLike) -> list` |
| **Implementation** | `Demo_smooth` |
| **Key Parameters** | `sos: ArrayLike` - filter sections, `x: ArrayLike` - signal to filter |
| **Inputs** | `sos` filter, raw signal |
| **Outputs** | Filtered signal, same length as the input |

### Step 4: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsig.report(x: ArrayLike, fs: float = 1.0, path: str = "report.txt")` |
| **Implementation** | `Demo_report` |
| **Key Parameters** | `x: ArrayLike` - signal, `fs: float` - sampling frequency |
| **Inputs** | Filtered signal, sampling rate |
| **Outputs** | `report.txt` |
"""

PROSE_INPUTS_PAGES = example_pages(
    {
        "implementations/Demo_make_signal.md": "import pkgsig\n\nfs = 8\nt, sig = pkgsig.make_signal(fs=fs)\n",
        "implementations/Demo_design.md": "import pkgsig\n\nsos = pkgsig.design(4)\n",
        "implementations/Demo_smooth.md": "import pkgsig\n\ny = pkgsig.smooth(sos, x)\n",
        "implementations/Demo_report.md": 'import pkgsig\n\npkgsig.report(x, fs, path="report.txt")\n',
    }
)

PKGDESCRIBED = """
def make_signal(fs=8):
    return [i / fs for i in range(fs)], list(range(fs))


def design(order):
    return ("sos", order)


def smooth(sos, x):
    return [2 * v for v in x]


def report(x, fs=1.0, path="report.txt"):
    with open(path, "w") as handle:
        handle.write(f"{sum(x)} {fs}")
"""


def test_an_object_the_inputs_describe_in_prose_is_the_earlier_result_so_described(tmp_path):
    """Seen on a SciPy wiki (Signal Filtering, 3 of 6 steps ran): `sosfiltfilt(sos, x)` and `welch(x, fs)` each left
    `x` a REQUIRED config key that an array cannot fill, where the Inputs say "`sos` filter, raw signal" and
    "Filtered signal, sampling rate". The earlier result the prose describes best, by the words its step's Outputs
    give it ("signal `sig`"; "Filtered signal, ..." of a step naming no result), is the one the step takes."""
    build_file_tree(tmp_path / "lib", {"pkgsig/__init__.py": PKGDESCRIBED})
    item = generated(tmp_path / "sig", {"_WorkflowIndex.md": PROSE_INPUTS_INDEX, **PROSE_INPUTS_PAGES})
    bodies = [s.binding.body for s in item.plan.steps]
    assert "smooth(sos, sig)" in bodies[2] and "report(y, fs" in bodies[3], bodies
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "report.txt").read_text() == "56 8"
    run_generated_tests(item, tmp_path / "lib")


LATER_LINKS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Lazy_Chain

**Description:** Scan numbers, keep the large ones, write them.

### Step 1: Scan

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgchain.scan(source: str) -> Frame` |
| **Implementation** | `Demo_scan` |
| **Key Parameters** | `source: str` - the numbers file |
| **Inputs** | Path to a text file of numbers |
| **Outputs** | `Frame` bound to the file |

### Step 2: Keep

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.keep(minimum: int) -> Frame` |
| **Implementation** | `Demo_keep` |
| **Key Parameters** | `minimum: int` - numbers above it are kept |
| **Inputs** | Frame from the scan |
| **Outputs** | `kept` Frame |

### Step 3: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `Frame.write(path: str) -> None` |
| **Implementation** | `Demo_write` |
| **Inputs** | `kept` from Step 2 |
| **Outputs** | `kept.txt` |
"""

LATER_LINKS_PAGES = example_pages(
    {
        "implementations/Demo_scan.md": 'import pkgchain\n\nq = pkgchain.scan("numbers.txt").keep(5)\n',
        "implementations/Demo_keep.md": "import pkgchain\n\nkept = q.keep(3)\n",
        "implementations/Demo_write.md": 'import pkgchain\n\nkept.write("kept.txt")\n',
    }
)

PKGCHAIN = """
class Frame:
    def __init__(self, numbers):
        self.numbers = numbers

    def keep(self, minimum):
        return Frame([n for n in self.numbers if n > minimum])

    def write(self, path):
        with open(path, "w") as handle:
            handle.write(" ".join(str(n) for n in self.numbers))


def scan(source):
    with open(source) as handle:
        return Frame([int(n) for n in handle.read().split()])
"""


def test_a_chain_going_on_into_later_steps_calls_stops_below_them(tmp_path):
    """Seen on a Polars wiki (Lazy Query Pipeline): the scan step's example is the whole query,
    `pl.scan_csv("reddit.csv").with_columns(...).filter(pl.col("comment_karma") > 0)`, where `LazyFrame.filter` is
    step 2's API: step 1 filtered the user's table on a column of the demo's. The chain stops below the first link
    that calls a later step's method of the class this step's call returns."""
    build_file_tree(tmp_path / "lib", {"pkgchain/__init__.py": PKGCHAIN})
    item = generated(tmp_path / "chain", {"_WorkflowIndex.md": LATER_LINKS_INDEX, **LATER_LINKS_PAGES})
    body = item.plan.steps[0].binding.body
    assert "keep" not in body, body
    (item.output_dir / "numbers.txt").write_text("1 2 3 4 5 6 7 8 9", encoding="utf-8")
    run_workflow(item, tmp_path / "lib", "--set", "1.source=numbers.txt")
    assert (item.output_dir / "kept.txt").read_text() == "4 5 6 7 8 9"
    run_generated_tests(item, tmp_path / "lib")


TYPED_RECEIVER_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Typed_Receiver

**Description:** Load a table, write it out.

### Step 1: Load

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtyped.load(path: str) -> Table` |
| **Implementation** | `Demo_load` |
| **Key Parameters** | `path: str` - the table file |
| **Inputs** | Path to a text file |
| **Outputs** | Loaded `Table` |

### Step 2: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `Table.write(file: str) -> None` |
| **Implementation** | `Demo_write` |
| **Key Parameters** | `file: str` - output file |
| **Inputs** | Loaded Table, output path |
| **Outputs** | The table written to `file` |
"""

TYPED_RECEIVER_PAGES = example_pages(
    {
        "implementations/Demo_load.md": 'import pkgtyped\n\ntable = pkgtyped.load("rows.txt")\n',
        "implementations/Demo_write.md": (
            'import pkgtyped\n\ndemo = pkgtyped.Table({"foo": [1, 2, 3]})\ndemo.write("out.txt")\n'
        ),
    }
)

PKGRECEIVER = """
class Table:
    def __init__(self, columns):
        self.columns = columns

    def write(self, file):
        with open(file, "w") as handle:
            handle.write(repr(self.columns))


def load(path):
    with open(path) as handle:
        return Table({"rows": handle.read().split()})
"""


def test_a_demo_receiver_gives_way_to_the_earlier_result_of_the_class_the_inputs_name(tmp_path):
    """Seen on a Polars wiki (Lazy Query Pipeline): the export step wrote the page's `df = pl.DataFrame({"foo": [1, 2,
    3], ...})`, where the API is `DataFrame.write_parquet` and the Inputs say "Collected DataFrame, output path",
    citing no step: step 5's collected frame was never written. The latest earlier result of the API's class the
    Inputs name stands for the page's receiver, even one the page makes by that class from rows written out."""
    build_file_tree(tmp_path / "lib", {"pkgtyped/__init__.py": PKGRECEIVER})
    item = generated(tmp_path / "typed", {"_WorkflowIndex.md": TYPED_RECEIVER_INDEX, **TYPED_RECEIVER_PAGES})
    body = item.plan.steps[1].binding.body
    assert "table.write(" in body and "foo" not in body, body
    (item.output_dir / "rows.txt").write_text("a b", encoding="utf-8")
    run_workflow(item, tmp_path / "lib", "--set", "1.path=rows.txt")
    assert (item.output_dir / "out.txt").read_text() == "{'rows': ['a', 'b']}"
    run_generated_tests(item, tmp_path / "lib")


OVERVIEW_CALLS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Overview_Calls

**Description:** Read a table, rename a column and convert it, write the table.

### Steps Overview

| # | Step Name | Principle | Rough API | Related Files |
|---|-----------|-----------|-----------|---------------|
| 1 | Read | Reading | `pkgrename.read(path)` | io.py |
| 2 | Convert | Converting | `table = table.rename(columns={"raw": "name"})`, `table["name"] = pkgrename.to_upper(table["name"])` | convert.py |
| 3 | Write | Writing | `pkgrename.write(table, path)` | io.py |

### Step 1: Reading

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrename.read(path: str) -> Table` |
| **Implementation** | `Demo_read` |
| **Key Parameters** | `path: str` - the table file |
| **Outputs** | `table`: `Table` whose column `raw` holds text |

### Step 2: Converting

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrename.to_upper(arg: list) -> list` |
| **Implementation** | `Demo_to_upper` |
| **Key Parameters** | `arg: list` - the column, `table["name"]` |
| **Inputs** | `table` with the text column `raw` |
| **Outputs** | `table` with the column renamed to `name`, in capitals |

### Step 3: Writing

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgrename.write(table: Table, path: str)` |
| **Implementation** | `Demo_write` |
| **Inputs** | `table` from Step 2 |
| **Outputs** | `out.txt` |
"""

OVERVIEW_CALLS_PAGES = example_pages(
    {
        "implementations/Demo_read.md": 'import pkgrename\n\ntable = pkgrename.read("rows.txt")\n',
        "implementations/Demo_to_upper.md": (
            'table = table.rename(columns={"raw": "name"})\ntable["name"] = pkgrename.to_upper(table["name"])\n'
        ),
        "implementations/Demo_write.md": 'import pkgrename\n\npkgrename.write(table, "out.txt")\n',
    }
)

PKGRENAME = """
class Table(dict):
    def rename(self, columns):
        return Table({columns.get(k, k): v for k, v in self.items()})


def read(path):
    with open(path) as handle:
        return Table({"raw": handle.read().split()})


def to_upper(arg):
    return [v.upper() for v in arg]


def write(table, path):
    with open(path, "w") as handle:
        handle.write(repr(dict(table)))
"""


def test_a_step_renames_its_input_as_its_overview_row_cites_before_its_call(tmp_path):
    """Seen on a pandas wiki (Time Series Resampling, 1 of 6 steps ran): the datetime step's example renames step 1's
    frame before converting (`air_quality = air_quality.rename(columns={"date.utc": "datetime"})`, then
    `pd.to_datetime(air_quality["datetime"])`); the rename, a statement remaking an earlier result, was left out and
    the conversion raised KeyError. A statement making the slice's input anew of itself by a method the step's Steps
    Overview row cites comes along."""
    build_file_tree(tmp_path / "lib", {"pkgrename/__init__.py": PKGRENAME})
    item = generated(tmp_path / "rename", {"_WorkflowIndex.md": OVERVIEW_CALLS_INDEX, **OVERVIEW_CALLS_PAGES})
    body = item.plan.steps[1].binding.body
    assert ".rename(" in body, body
    (item.output_dir / "rows.txt").write_text("a b", encoding="utf-8")
    run_workflow(item, tmp_path / "lib", "--set", "1.path=rows.txt")
    assert (item.output_dir / "out.txt").read_text() == "{'name': ['A', 'B']}"
    run_generated_tests(item, tmp_path / "lib")


QUOTED_EXPRESSION_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Quoted_Expression

**Description:** Fit a model, report on its predictions.

### Step 1: Fit

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgquoted.fit(rows: list) -> Model` |
| **Implementation** | `Demo_fit` |
| **Outputs** | `search` Model, `X_test` rows |

### Step 2: Report

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgquoted.report(y_pred, path: str = "report.txt")` |
| **Implementation** | `Demo_report` |
| **Key Parameters** | `y_pred` - `search.predict(X_test)` (uses the fitted model), `path: str` - where the report goes |
| **Inputs** | Fitted Model from Step 1, `X_test` from Step 1 |
| **Outputs** | `report.txt` |
"""

QUOTED_EXPRESSION_PAGES = example_pages(
    {
        "implementations/Demo_fit.md": ("import pkgquoted\n\nX_test = [1, 2, 3]\nsearch = pkgquoted.fit([4, 5])\n"),
        "implementations/Demo_report.md": 'import pkgquoted\n\npkgquoted.report(y_pred, path="report.txt")\n',
    }
)

PKGQUOTED = """
class Model:
    def __init__(self, rows):
        self.offset = sum(rows)

    def predict(self, rows):
        return [r + self.offset for r in rows]


def fit(rows):
    return Model(rows)


def report(y_pred, path="report.txt"):
    with open(path, "w") as handle:
        handle.write(repr(y_pred))
"""


def test_a_key_parameter_opening_with_an_expression_of_earlier_results_is_computed(tmp_path):
    """Seen on a scikit-learn wiki (Hyperparameter Tuning: the run refused to start, 0 of 6 steps): the report step's
    Key Parameters say "`y_pred` - `search.predict(X_test)` (uses the refitted best estimator)", and `y_pred` was a
    REQUIRED config key an array cannot fill. A doc opening with code computing earlier results is computed, as a
    doc that is that code whole was."""
    build_file_tree(tmp_path / "lib", {"pkgquoted/__init__.py": PKGQUOTED})
    item = generated(tmp_path / "quoted", {"_WorkflowIndex.md": QUOTED_EXPRESSION_INDEX, **QUOTED_EXPRESSION_PAGES})
    body = item.plan.steps[1].binding.body
    assert "search.predict(X_test)" in body, body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "report.txt").read_text() == "[10, 11, 12]"
    run_generated_tests(item, tmp_path / "lib")


QUOTED_VALUE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Quoted_Value

**Description:** Compose a pipeline, write its step names.

### Step 1: Compose

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcompose.Pipeline(steps: list) -> Pipeline` |
| **Implementation** | `Demo_Pipeline` |
| **Key Parameters** | `steps: list` - (name, estimator) pairs, e.g. `[("scale", Scale()), ("svc", Svc())]`; the names prefix the grid |
| **Outputs** | `pipe` Pipeline |

### Step 2: Describe

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcompose.describe(pipe: Pipeline, path: str)` |
| **Implementation** | `Demo_describe` |
| **Inputs** | `pipe` from Step 1 |
| **Outputs** | `names.txt` |
"""

QUOTED_VALUE_PAGES = example_pages(
    {
        "implementations/Demo_Pipeline.md": [
            "from pkgcompose import Pipeline, Scale, Svc\n\n"
            'pipe = Pipeline([("scale", Scale()), ("svc", Svc())])\npipe.set_params(svc__C=10)\n',
            "from pkgcompose import Pipeline, Scale, Pca, Lr\n\n"
            'pipe = Pipeline(steps=[("scale", Scale()), ("pca", Pca()), ("lr", Lr())])\n',
        ],
        "implementations/Demo_describe.md": 'import pkgcompose\n\npkgcompose.describe(pipe, "names.txt")\n',
    }
)

PKGCOMPOSE = """
class Scale: pass
class Svc: pass
class Pca: pass
class Lr: pass


class Pipeline:
    def __init__(self, steps):
        self.steps = steps

    def set_params(self, **params):
        return self


def describe(pipe, path):
    with open(path, "w") as handle:
        handle.write(" ".join(name for name, _ in pipe.steps))
"""


def test_an_example_passing_the_code_the_key_parameters_quote_is_the_step_s(tmp_path):
    """Seen on a scikit-learn wiki (Hyperparameter Tuning): the Pipeline page's second, shorter example (scaler, PCA,
    logistic regression) beat its first (`Pipeline([("scaler", StandardScaler()), ("svc", SVC())])`), which the Key
    Parameters quote for `steps`; the grid search on `svc__C` then failed. An example passing what the table quotes
    as code for a parameter is the one the table describes, as one passing a literal it gives was."""
    build_file_tree(tmp_path / "lib", {"pkgcompose/__init__.py": PKGCOMPOSE.replace("pass\n", "pass\n\n\n")})
    item = generated(tmp_path / "compose", {"_WorkflowIndex.md": QUOTED_VALUE_INDEX, **QUOTED_VALUE_PAGES})
    body = item.plan.steps[0].binding.body
    assert "Pca" not in body, body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "names.txt").read_text() == "scale svc"
    run_generated_tests(item, tmp_path / "lib")


LOOP_CELL_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Choose_K

**Description:** Make points, score each candidate k, fit with the best.

### Step 1: Points

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcell.points(n: int) -> list` |
| **Implementation** | `Demo_points` |
| **Key Parameters** | `n: int` - how many points |
| **Inputs** | None |
| **Outputs** | `X` points |

### Step 2: Choose

| Attribute | Value |
|-----------|-------|
| **API Call** | `for k in candidates: pkgcell.score(X, pkgcell.Grouper(k=k).fit_predict(X))` |
| **Implementation** | `Demo_choose` |
| **Key Parameters** | `candidates: list[int]` - the numbers of groups to try (e.g. [2, 3, 4]) |
| **Inputs** | `X` from Step 1 |
| **Outputs** | Score per candidate and the best candidate |

### Step 3: Group

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcell.Grouper(k: int = 2).fit_predict(X) -> list` |
| **Implementation** | `Demo_group` |
| **Key Parameters** | `k: int` - the number of groups |
| **Inputs** | `X` from Step 1 |
| **Outputs** | `labels` |

### Step 4: Keep

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgcell.keep(value, path: str) -> None` |
| **Implementation** | `Demo_keep` |
| **Key Parameters** | `path: str` - where to write it |
| **Inputs** | `scores` from Step 2 |
| **Outputs** | `scores.txt` |
"""

LOOP_CELL_PAGES = {
    "implementations/Demo_group.md": example_pages(
        {"p": "import pkgcell\n\nlabels = pkgcell.Grouper(k=3).fit_predict(X)\n"}
    )["p"],
    "implementations/Demo_keep.md": example_pages({"p": 'import pkgcell\n\npkgcell.keep(scores, "scores.txt")\n'})["p"],
    "implementations/Demo_points.md": example_pages({"p": "import pkgcell\n\nX = pkgcell.points(12)\n"})["p"],
    "implementations/Demo_choose.md": """== I/O Contract ==

=== Outputs ===
{| class="wikitable"
! Name !! Type !! Description
|-
| scores || dict[int, float] || score per candidate
|-
| best_k || int || the candidate with the highest score
|}

"""
    + example_pages(
        {
            "p": [
                "from pkgcell import Grouper, score\n\ncandidates = [2, 3, 4]\nscores = {}\nfor k in candidates:\n"
                "    labels = Grouper(k=k).fit_predict(X)\n    scores[k] = score(X, labels)\nbest_k = max(scores, "
                "key=scores.get)\n",
                "from pkgcell import Grouper\n\nlabels = Grouper(k=2).fit_predict(X)\n",
            ]
        }
    )["p"],
}

PKGLOOPCELL = """
def points(n):
    return list(range(n))


class Grouper:
    def __init__(self, k=2):
        self.k = k

    def fit_predict(self, X):
        return [x % self.k for x in X]


def score(X, labels):
    return 1.0 / len(set(labels)) if len(set(labels)) != 3 else 2.0


def keep(value, path):
    with open(path, "w") as handle:
        handle.write(str(value))
"""


def test_an_api_cell_written_as_a_loop_binds_the_pages_loop(tmp_path):
    """Seen on a scikit-learn wiki (KMeans clustering, 0 of 5 steps ran): the API cell `for k in range_n_clusters:
    silhouette_score(X, KMeans(n_clusters=k, random_state=10).fit_predict(X))` bound to nothing and left a stub,
    although the page's example is that loop, filling `scores` and picking `best_k`. The cell's call is the API;
    the example's loop around it is the step's work, whatever else it calls, and it goes on to the results the
    page's I/O contract names."""
    build_file_tree(tmp_path / "lib", {"pkgcell/__init__.py": PKGLOOPCELL})
    item = generated(tmp_path / "loop", {"_WorkflowIndex.md": LOOP_CELL_INDEX, **LOOP_CELL_PAGES})
    step = item.plan.steps[1]
    assert step.binding.status.value == "bound", step.binding.body
    assert "for k in candidates:" in step.binding.body and "best_k = max(" in step.binding.body, step.binding.body
    run_workflow(item, tmp_path / "lib", "--set", "2.candidates=[2, 3, 5]")
    assert (item.output_dir / "scores.txt").read_text() == "{2: 0.5, 3: 2.0, 5: 0.2}"
    run_generated_tests(item, tmp_path / "lib")


CHOSEN_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Chosen

**Description:** Make points, scale them, pick the number of groups, group the scaled points.

### Step 1: Points

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgchosen.points(n: int) -> list` |
| **Implementation** | `Demo_points` |
| **Key Parameters** | `n: int` - how many points |
| **Inputs** | None |
| **Outputs** | `X` points |

### Step 2: Scale

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgchosen.scale(X, factor: int = 10) -> list` |
| **Implementation** | `Demo_scale` |
| **Key Parameters** | `factor: int` - the factor |
| **Inputs** | `X` from Step 1 |
| **Outputs** | `X_scaled` |

### Step 3: Choose

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgchosen.best(X) -> int` |
| **Implementation** | `Demo_best` |
| **Inputs** | `X_scaled` from Step 2 |
| **Outputs** | `scores` and `best_k` |

### Step 4: Group

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgchosen.Grouper(k: int = 2).fit(X) -> Grouper` |
| **Implementation** | `Demo_group` |
| **Key Parameters** | `k: int` - number of groups (the k chosen in Step 3) |
| **Inputs** | `X_scaled` from Step 2, chosen k from Step 3 |
| **Outputs** | Fitted `grouper` |

### Step 5: Keep

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgchosen.keep(value, path: str) -> None` |
| **Implementation** | `Demo_keep` |
| **Inputs** | `grouper` from Step 4 |
| **Outputs** | `groups.txt` |
"""

CHOSEN_PAGES = example_pages(
    {
        "implementations/Demo_points.md": "import pkgchosen\n\nX = pkgchosen.points(6)\n",
        "implementations/Demo_scale.md": "import pkgchosen\n\nX_scaled = pkgchosen.scale(X, factor=10)\n",
        "implementations/Demo_best.md": "import pkgchosen\n\nscores, best_k = pkgchosen.best(X_scaled)\n",
        "implementations/Demo_group.md": "import pkgchosen\nfrom pkgchosen import Grouper\n\n"
        "X = pkgchosen.array([[1, 2], [1, 4], [10, 2]])\ngrouper = Grouper(k=2).fit(X)\ngrouper.predict([[0, 0], [12, 3]])\n",
        "implementations/Demo_keep.md": 'import pkgchosen\n\npkgchosen.keep(grouper, "groups.txt")\n',
    }
)

PKGCHOSEN = """
def points(n):
    return list(range(n))


def scale(X, factor=10):
    return [x * factor for x in X]


def array(rows):
    return list(rows)


def best(X):
    scores = {k: -abs(k - len(X) // 2) for k in range(2, len(X))}
    return scores, max(scores, key=scores.get)


class Grouper:
    def __init__(self, k=2):
        self.k = k

    def fit(self, X):
        self.labels_ = [x % self.k for x in X]
        self.seen_ = X
        return self

    def predict(self, X):
        return [0 for _ in X]


def keep(grouper, path):
    with open(path, "w") as handle:
        handle.write(f"{grouper.k} {grouper.seen_}")
"""


def test_a_step_takes_the_results_its_inputs_and_key_parameters_point_to(tmp_path):
    """Seen on a scikit-learn wiki (KMeans clustering): the fit step's example `KMeans(n_clusters=2, ...).fit(X)`,
    where step 1 made the raw `X`, step 2 `X_scaled`, step 3 `best_k`, and the Inputs say "`X_scaled` from Step 2,
    chosen k from Step 3", the Key Parameters "`n_clusters: int` - number of clusters (the k chosen in Step 3)". It
    fitted the unscaled points with the example's 2 clusters (the scaled ones went to the demo's `predict` of points
    written out). The result of the step a Key Parameter's words point to (a word of its name, `k` of `best_k`) is
    passed; the quoted result stands for what it was made of before it stands for rows written out."""
    build_file_tree(tmp_path / "lib", {"pkgchosen/__init__.py": PKGCHOSEN})
    item = generated(tmp_path / "chosen", {"_WorkflowIndex.md": CHOSEN_INDEX, **CHOSEN_PAGES})
    body = item.plan.steps[3].binding.body
    assert "Grouper(k=best_k).fit(X_scaled)" in body, body
    run_workflow(item, tmp_path / "lib", "--set", "1.n=8")
    assert (item.output_dir / "groups.txt").read_text() == "4 [0, 10, 20, 30, 40, 50, 60, 70]"
    run_generated_tests(item, tmp_path / "lib")


FRAGMENT_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Fragment

**Description:** Make a line, write the function that moves it, run the frames.

### Step 1: Line

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfragment.line(n: int) -> list` |
| **Implementation** | `Demo_line` |
| **Key Parameters** | `n: int` - points |
| **Inputs** | None |
| **Outputs** | `line`: the points to move |

### Step 2: Update

| Attribute | Value |
|-----------|-------|
| **API Call** | `move(frame: int) -> list` |
| **Implementation** | `Demo_move_pattern` |
| **Inputs** | `line` from Step 1 |
| **Outputs** | `move`: callable taking the frame number and returning the moved points |

### Step 3: Play

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgfragment.play(func, frames: int = 3, path: str = "frames.txt") -> None` |
| **Implementation** | `Demo_play` |
| **Key Parameters** | `frames: int` - how many frames |
| **Inputs** | `move` from Step 2 |
| **Outputs** | `frames.txt` |
"""

FRAGMENT_PAGES = {
    **example_pages(
        {
            "implementations/Demo_line.md": "import pkgfragment\n\nline = pkgfragment.line(3)\n",
            "implementations/Demo_play.md": 'import pkgfragment\n\npkgfragment.play(move, frames=3, path="frames.txt")\n',
        }
    ),
    "implementations/Demo_move_pattern.md": (
        '== Code Reference ==\n=== Import ===\n<syntaxhighlight lang="python">\nimport pkgfragment as pf\n'
        "</syntaxhighlight>\n"
        + example_pages({"p": "def move(i):\n    line[:] = [pf.shift(v, i) for v in line]\n    return line\n"})["p"]
    ),
}

PKGFRAGMENT = """
def line(n):
    return list(range(n))


def shift(value, by):
    return value + by


def play(func, frames=3, path="frames.txt"):
    with open(path, "w") as handle:
        handle.write(" ".join(str(func(i)) for i in range(frames)))
"""


def test_a_fragment_reads_what_its_pages_import_section_imports(tmp_path):
    """Seen on a Matplotlib wiki (animation export, 0 of 5 steps ran): the update function's example is a fragment,
    `def animate(i): line.set_ydata(np.sin(x + i / 50)); return line,`, whose `np` only the page's Import section
    imports (`import numpy as np`). The step was a stub ("the example uses animate, which the wiki does not say how
    to import"). What the page's Import section binds, or a well-known module, is had like the example's imports."""
    build_file_tree(tmp_path / "lib", {"pkgfragment/__init__.py": PKGFRAGMENT})
    item = generated(tmp_path / "frag", {"_WorkflowIndex.md": FRAGMENT_INDEX, **FRAGMENT_PAGES})
    body = item.plan.steps[1].binding.body
    assert "import pkgfragment as pf" in body and "def move(i):" in body, body
    run_workflow(item, tmp_path / "lib", "--set", "3.frames=3")
    assert (item.output_dir / "frames.txt").read_text() == "[0, 1, 2] [1, 2, 3] [3, 4, 5]"
    run_generated_tests(item, tmp_path / "lib")


SELFNAMED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Own_Class

**Description:** Define a counter class, make one, save its count.

### Step 1: Define

| Attribute | Value |
|-----------|-------|
| **API Call** | `class Counter(pkgselfnamed.Base): def __init__(self); def step(self)` (user-defined) |
| **Implementation** | `Demo_counter_pattern` |
| **Inputs** | None |
| **Outputs** | `counter`: a new `Counter` |

### Step 2: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgselfnamed.save(obj, path: str) -> None` |
| **Implementation** | `Demo_save` |
| **Key Parameters** | `path: str` - where |
| **Inputs** | `counter` from Step 1 |
| **Outputs** | `count.txt` |
"""

SELFNAMED_PAGES = example_pages(
    {
        "implementations/Demo_counter_pattern.md": "import pkgselfnamed\n\n\nclass Counter(pkgselfnamed.Base):\n"
        "    def __init__(self):\n        super(Counter, self).__init__()\n        self.count = 3\n\n"
        "    def step(self):\n        return Counter()\n\n\ncounter = Counter()\n",
        "implementations/Demo_save.md": 'import pkgselfnamed\n\npkgselfnamed.save(counter, "count.txt")\n',
    }
)

PKGSELFNAMED = """
class Base:
    def __init__(self):
        self.count = 0


def save(obj, path):
    with open(path, "w") as handle:
        handle.write(f"{type(obj).__name__} {obj.count} {obj.step().count}")
"""


def test_a_class_whose_methods_name_it_is_declared_by_the_step(tmp_path):
    """Seen on a PyTorch wiki (checkpoint save and resume, 0 of 7 steps ran): step 1's class `class Net(nn.Module)`,
    written out on its page, calls `super(Net, self).__init__()`. Its own name, read inside its methods, counted as a
    name the class needs from outside, and the step became a stub ("the example uses Net, which the wiki does not
    say how to import"); a later step imported `Net` from the library. A name read inside a class's methods or a
    function's body that is the class's or function's own is bound when they run."""
    build_file_tree(tmp_path / "lib", {"pkgselfnamed/__init__.py": PKGSELFNAMED})
    item = generated(tmp_path / "own", {"_WorkflowIndex.md": SELFNAMED_INDEX, **SELFNAMED_PAGES})
    body = item.plan.steps[0].binding.body
    assert "class Counter(pkgselfnamed.Base):" in body and "counter = Counter()" in body, body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "count.txt").read_text() == "Counter 3 3"
    run_generated_tests(item, tmp_path / "lib")


def test_a_path_described_as_from_an_earlier_step_follows_the_file_it_writes(tmp_path):
    """Seen on a PyTorch wiki (checkpoint save and resume): `torch.load`'s `f` - "checkpoint path from Step 3
    (`PATH`)", where step 3 saves to `PATH = "model.pt"`, kept the load page's own example file `tensors.pt`, which
    nothing wrote (step 4 stopped there; 3 of 7 steps ran). A key described as coming from an earlier step that
    writes one file of the key's kind follows that step's key."""
    build_file_tree(tmp_path / "lib", PKGKV)
    index = KV_INDEX.replace("path written in Step 2", "vectors path from Step 2").replace(
        "Path of the file saved in Step 2", "Saved file from Step 2"
    )
    save = 'import pkgkv\n\npkgkv.save(vectors, "words.vectors")\n'
    load = 'import pkgkv\n\nloaded = pkgkv.load("other.vectors")\n'
    pages = example_pages({"implementations/Demo_Save.md": save, "implementations/Demo_Load.md": load})
    item = generated(tmp_path, {"_WorkflowIndex.md": index, **pages})
    follows = {p.name: p.follows for p in item.plan.steps[2].binding.params}
    assert follows == {"fname": "step_02_save.fname_or_handle"}, follows
    proc = run_workflow(item, tmp_path / "lib", "--set", "2.fname_or_handle=out/mine.vectors")
    assert "loaded: list of 2: 'A', 'B'" in proc.stderr, proc.stderr
    assert (item.output_dir / "out" / "mine.vectors").is_file()


SAMEFILE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Read_Write

**Description:** Read numbers from a file, write their total to a file.

### Step 1: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsamefile.read(input_file: str) -> list` |
| **Implementation** | `Demo_read` |
| **Key Parameters** | `input_file: str` - source file |
| **Outputs** | `numbers` |

### Step 2: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsamefile.write(numbers: list, output_file: str) -> None` |
| **Implementation** | `Demo_write` |
| **Key Parameters** | `output_file: str` - destination (e.g. "numbers.txt") |
| **Inputs** | `numbers` from Step 1 |
| **Outputs** | the total, written to `output_file` |
"""

SAMEFILE_PAGES = example_pages(
    {
        "implementations/Demo_read.md": 'import pkgsamefile\n\nnumbers = pkgsamefile.read("numbers.txt")\n',
        "implementations/Demo_write.md": 'import pkgsamefile\n\npkgsamefile.write(numbers, "numbers.txt")\n',
    }
)

PKGSAMEFILE = """
def read(input_file):
    with open(input_file) as handle:
        return [int(n) for n in handle.read().split()]


def write(numbers, output_file):
    with open(output_file, "w") as handle:
        handle.write(str(sum(numbers)))
"""


def test_a_file_written_where_an_earlier_step_reads_the_same_example_file_is_the_users_to_name(tmp_path):
    """Seen on a PyArrow wiki (CSV analytics): `write_csv`'s `output_file` followed `read_csv`'s `input_file`, because
    both pages' docstrings use `animals.csv`: the first run wrote the summary over the user's input, and every later
    run failed on it (the generated .gitignore even ignored the input as a result). A key writing the file an earlier
    key reads neither follows it nor keeps that name: it is the user's to name, REQUIRED."""
    build_file_tree(tmp_path / "lib", {"pkgsamefile/__init__.py": PKGSAMEFILE})
    item = generated(tmp_path / "same", {"_WorkflowIndex.md": SAMEFILE_INDEX, **SAMEFILE_PAGES})
    params = {p.name: p for p in item.plan.steps[1].binding.params}
    assert params["output_file"].required and not params["output_file"].follows, params
    assert "/numbers.txt" not in (item.output_dir / ".gitignore").read_text()
    (item.output_dir / "numbers.txt").write_text("1 2 3", encoding="utf-8")
    run_workflow(item, tmp_path / "lib", "--set", "1.input_file=numbers.txt", "--set", "2.output_file=total.txt")
    assert (item.output_dir / "numbers.txt").read_text() == "1 2 3"
    assert (item.output_dir / "total.txt").read_text() == "6"
    run_generated_tests(item, tmp_path / "lib")


OWN_SPEC_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Own_Helper

**Description:** Make numbers, scale them with the page's own helper, keep the total.

### Step 1: Numbers

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgownspec.numbers(n: int) -> list` |
| **Implementation** | `Demo_numbers` |
| **Key Parameters** | `n: int` - how many |
| **Outputs** | `numbers` |

### Step 2: Scale

| Attribute | Value |
|-----------|-------|
| **API Call** | `scale_all(values: list, factor: int) -> list` (user-defined loop around `pkgownspec.times`) |
| **Implementation** | `Demo_scale_pattern` |
| **Key Parameters** | `factor: int` - the factor (e.g. `3`) |
| **Inputs** | `numbers` from Step 1 |
| **Outputs** | `scaled` |

### Step 3: Keep

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgownspec.keep(values: list, path: str) -> None` |
| **Implementation** | `Demo_keep` |
| **Inputs** | `scaled` from Step 2 |
| **Outputs** | `total.txt` |
"""

OWN_SPEC_PAGES = {
    **example_pages(
        {
            "implementations/Demo_numbers.md": "import pkgownspec\n\nnumbers = pkgownspec.numbers(4)\n",
            "implementations/Demo_keep.md": 'import pkgownspec\n\npkgownspec.keep(scaled, "total.txt")\n',
        }
    ),
    "implementations/Demo_scale_pattern.md": (
        '== Code Reference ==\n=== Pattern Specification ===\n<syntaxhighlight lang="python">\n'
        "import pkgownspec\n\n\ndef scale_all(values, factor):\n    return [pkgownspec.times(v, factor) for v in values]\n"
        "</syntaxhighlight>\n" + example_pages({"p": "factor = 3\nscaled = scale_all(numbers, factor)\n"})["p"]
    ),
}

PKGOWNSPEC = """
def numbers(n):
    return list(range(n))


def times(value, factor):
    return value * factor


def keep(values, path):
    with open(path, "w") as handle:
        handle.write(str(sum(values)))
"""


def test_an_example_calling_its_pages_own_definition_brings_it(tmp_path):
    """Seen on a PyTorch wiki (supervised training): the training step's example calls `train(train_dataloader, model,
    loss_fn, optimizer)`, whose `def train(dataloader, model, loss_fn, optimizer)` only the page's Pattern
    Specification writes out. The call went to `train_dataloader(...)` (a result the name shortens), a TypeError.
    A function an example calls by a bare name it neither defines nor imports, written out in the page's own
    Pattern Specification, comes with the example, as a definition another page writes out already does."""
    build_file_tree(tmp_path / "lib", {"pkgownspec/__init__.py": PKGOWNSPEC})
    item = generated(tmp_path / "spec", {"_WorkflowIndex.md": OWN_SPEC_INDEX, **OWN_SPEC_PAGES})
    body = item.plan.steps[1].binding.body
    assert "def scale_all(values, factor):" in body and "scale_all(numbers, factor)" in body, body
    run_workflow(item, tmp_path / "lib", "--set", "1.n=5", "--set", "2.factor=2")
    assert (item.output_dir / "total.txt").read_text() == "20"
    run_generated_tests(item, tmp_path / "lib")


VARARGS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Layers

**Description:** Chain two layers, apply them to a number.

### Step 1: Chain

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgvarargs.Chain(*layers: Layer) -> Chain` |
| **Implementation** | `Demo_chain` |
| **Key Parameters** | `*layers: Layer` - applied in order (e.g. `pkgvarargs.Add(2), pkgvarargs.Mul(3)`) |
| **Outputs** | `chain` |

### Step 2: Apply

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgvarargs.apply(chain, value: int, path: str) -> None` |
| **Implementation** | `Demo_apply` |
| **Key Parameters** | `value: int` - the number |
| **Inputs** | `chain` from Step 1 |
| **Outputs** | `out.txt` |
"""

VARARGS_PAGES = example_pages(
    {
        "implementations/Demo_chain.md": [
            "import pkgvarargs\n\nchain = pkgvarargs.Chain(pkgvarargs.Mul(5), pkgvarargs.Mul(7))\n",
            "import pkgvarargs\n\nchain = pkgvarargs.Chain(pkgvarargs.Add(2), pkgvarargs.Mul(3))\n",
        ],
        "implementations/Demo_apply.md": 'import pkgvarargs\n\npkgvarargs.apply(chain, 1, "out.txt")\n',
    }
)

PKGVARARGS = """
class Add:
    def __init__(self, n):
        self.n = n

    def __call__(self, x):
        return x + self.n


class Mul(Add):
    def __call__(self, x):
        return x * self.n


class Chain:
    def __init__(self, *layers):
        self.layers = layers


def apply(chain, value, path):
    for layer in chain.layers:
        value = layer(value)
    with open(path, "w") as handle:
        handle.write(str(value))
"""


def test_the_example_passing_the_layers_the_key_parameters_quote_is_the_steps(tmp_path):
    """Seen on a PyTorch wiki (supervised training): `nn.Sequential(*args)`, whose Key Parameters quote the layers
    `nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 2)`, took the docstring's first example, a conv net for images,
    and the training step failed on the 20-feature rows. The values a `*args` parameter takes, written as the table
    quotes them, make the example the step's, as a single argument so written already did."""
    build_file_tree(tmp_path / "lib", {"pkgvarargs/__init__.py": PKGVARARGS})
    item = generated(tmp_path / "layers", {"_WorkflowIndex.md": VARARGS_INDEX, **VARARGS_PAGES})
    body = item.plan.steps[0].binding.body
    assert "Chain(pkgvarargs.Add(2), pkgvarargs.Mul(3))" in body, body
    run_workflow(item, tmp_path / "lib", "--set", "2.value=1")
    assert (item.output_dir / "out.txt").read_text() == "9"
    run_generated_tests(item, tmp_path / "lib")


REMADE_DEMO_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Bar

**Description:** Open a canvas, show a grid, draw its lines, add a bar for the grid.

### Step 1: Canvas

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgdemoremade.open_canvas(path: str) -> tuple` |
| **Implementation** | `Demo_canvas` |
| **Key Parameters** | `path: str` - where the canvas is written |
| **Outputs** | `canvas` and its `ax` |

### Step 2: Show

| Attribute | Value |
|-----------|-------|
| **API Call** | `Axes.show(grid) -> Image` |
| **Implementation** | `Demo_show` |
| **Inputs** | `ax` from Step 1 |
| **Outputs** | `im`: the image shown |

### Step 3: Lines

| Attribute | Value |
|-----------|-------|
| **API Call** | `Axes.lines(grid) -> Lines` |
| **Implementation** | `Demo_lines` |
| **Inputs** | `ax` from Step 1 |
| **Outputs** | `CS`: the lines drawn |

### Step 4: Bar

| Attribute | Value |
|-----------|-------|
| **API Call** | `Canvas.bar(mappable, ax=None, shrink: float = 1.0) -> None` |
| **Implementation** | `Demo_bar` |
| **Key Parameters** | `shrink: float` - relative size (0.8) |
| **Inputs** | `im` from Step 2, `canvas` and `ax` from Step 1 |
| **Outputs** | A bar beside the image, the canvas written |
"""

REMADE_DEMO_PAGES = example_pages(
    {
        "implementations/Demo_canvas.md": 'import pkgdemoremade\n\ncanvas, ax = pkgdemoremade.open_canvas("c.txt")\n',
        "implementations/Demo_show.md": "im = ax.show([[1, 2], [3, 4]])\n",
        "implementations/Demo_lines.md": "CS = ax.lines([[1, 2], [3, 4]])\n",
        "implementations/Demo_bar.md": [
            "import random\n\ndata = [[random.random() for _ in range(2)] for _ in range(2)]\npcm = ax.show(data)\n"
            "canvas.bar(pcm, ax=ax, shrink=0.6)\n",
            "CS = ax.lines(Z)\ncanvas.bar(CS, shrink=0.8)\n",
        ],
    }
)

PKGDEMOREMADE = """
class Canvas:
    def __init__(self, path):
        self.path, self.drawn = path, []

    def bar(self, mappable, ax=None, shrink=1.0):
        self.drawn.append(("bar", mappable[0], shrink))
        with open(self.path, "w") as handle:
            handle.write(repr(self.drawn))


class Axes:
    def __init__(self, canvas):
        self.canvas = canvas

    def show(self, grid):
        self.canvas.drawn.append(("image", sum(map(sum, grid))))
        return self.canvas.drawn[-1]

    def lines(self, grid):
        self.canvas.drawn.append(("lines", len(grid)))
        return self.canvas.drawn[-1]


def open_canvas(path):
    canvas = Canvas(path)
    return canvas, Axes(canvas)
"""


def test_the_example_remaking_the_cited_result_as_its_demo_is_the_steps_and_the_demo_goes(tmp_path):
    """Seen on a Matplotlib wiki (image with contours): the colorbar step, whose Inputs say "`im` from Step 3", took
    the page's second example, `fig.colorbar(CS)` of step 4's contour lines, because the first makes its own image
    (`pcm = ax.imshow(data)`) for `fig.colorbar(pcm, ...)`, which counted as making an earlier result again. The
    page's demo of the very result the Inputs quote is no such remake: that example is the step's, and its demo
    image is left out for the cited one (not drawn again on the axes)."""
    build_file_tree(tmp_path / "lib", {"pkgdemoremade/__init__.py": PKGDEMOREMADE})
    item = generated(tmp_path / "bar", {"_WorkflowIndex.md": REMADE_DEMO_INDEX, **REMADE_DEMO_PAGES})
    body = item.plan.steps[3].binding.body
    assert "canvas.bar(im, ax=ax, shrink=shrink)" in body and "show(" not in body, body
    run_workflow(item, tmp_path / "lib", "--set", "1.path=canvas.txt")
    assert (item.output_dir / "canvas.txt").read_text() == "[('image', 10), ('lines', 2), ('bar', 'image', 0.8)]"
    run_generated_tests(item, tmp_path / "lib")


CHAINED_INSTANCE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Module

**Description:** Declare a module with its example inputs, run it.

### Step 1: Declare

| Attribute | Value |
|-----------|-------|
| **API Call** | `class M(pkgchained.Module): def forward(self, x)` (user-defined) with `example_args: tuple` |
| **Implementation** | `Demo_module_pattern` |
| **Inputs** | The module's layers and input shapes |
| **Outputs** | `mod`: `Module` instance in eval mode, `example_args` |

### Step 2: Run

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgchained.run(mod: Module, args: tuple, path: str) -> None` |
| **Implementation** | `Demo_run` |
| **Inputs** | `mod`, `example_args` from Step 1 |
| **Outputs** | `out.txt` |
"""

CHAINED_INSTANCE_PAGES = example_pages(
    {
        "implementations/Demo_module_pattern.md": "import pkgchained\n\n\nclass M(pkgchained.Module):\n"
        "    def forward(self, x):\n        return x * 2\n\n\nexample_args = (21,)\nmod = M().eval()\n",
        "implementations/Demo_run.md": 'import pkgchained\n\npkgchained.run(mod, args=example_args, path="out.txt")\n',
    }
)

PKGCHAINED = """
class Module:
    training = True

    def eval(self):
        self.training = False
        return self


def run(mod, args, path):
    with open(path, "w") as handle:
        handle.write(f"{mod.training} {mod.forward(*args)}")
"""


def test_a_declared_class_hands_on_its_instance_made_with_a_chain_and_the_examples_inputs(tmp_path):
    """Seen on a PyTorch wiki (torch.export, 1 of 6 steps ran): the module step declares `class M(torch.nn.Module)`,
    and its Outputs name "`mod`: `nn.Module` instance in eval mode, `example_args`, `example_kwargs`", which the
    page's example makes as `mod = M().eval()` and `example_args = (torch.randn(1, 3, 256, 256),)`. The step handed
    on the class alone (the instance made through a chained call was not seen), and the export step took another
    example whose `Mod` it imported from torch. The instance is seen through methods chained on the class's call,
    and the other results the Outputs name, made of nothing but imports and literals, come with it."""
    build_file_tree(tmp_path / "lib", {"pkgchained/__init__.py": PKGCHAINED})
    item = generated(tmp_path / "mod", {"_WorkflowIndex.md": CHAINED_INSTANCE_INDEX, **CHAINED_INSTANCE_PAGES})
    body = item.plan.steps[0].binding.body
    assert "mod = M().eval()" in body and "example_args" in item.plan.steps[0].binding.produces, body
    run_workflow(item, tmp_path / "lib")
    assert (item.output_dir / "out.txt").read_text() == "False 42"
    run_generated_tests(item, tmp_path / "lib")


OWN_EXPR_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Solve

**Description:** Make symbols, parse an expression, solve it, keep the answer.

### Step 1: Symbols

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgownexpr.symbols(names: str) -> tuple` |
| **Implementation** | `Demo_symbols` |
| **Key Parameters** | `names: str` - the symbols' names |
| **Outputs** | `x`, `y` |

### Step 2: Parse

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgownexpr.parse(text: str) -> Expr` |
| **Implementation** | `Demo_parse` |
| **Key Parameters** | `text: str` - the expression |
| **Inputs** | Symbols from Step 1 |
| **Outputs** | `expr` |

### Step 3: Solve

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgownexpr.solve(f: Expr, symbol) -> Expr` |
| **Implementation** | `Demo_solve` |
| **Inputs** | Expression from Step 2, the unknown Symbol from Step 1 |
| **Outputs** | the solutions, `expr` |

### Step 4: Keep

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgownexpr.keep(value, path: str) -> None` |
| **Implementation** | `Demo_keep` |
| **Inputs** | `expr` from Step 3 |
| **Outputs** | `answer.txt` |
"""

OWN_EXPR_PAGES = example_pages(
    {
        "implementations/Demo_symbols.md": 'import pkgownexpr\n\nx, y = pkgownexpr.symbols("x y")\n',
        "implementations/Demo_parse.md": 'import pkgownexpr\n\nexpr = pkgownexpr.parse("x + 1")\n',
        "implementations/Demo_solve.md": "import pkgownexpr\n\n"
        "expr = pkgownexpr.solve(pkgownexpr.minus(pkgownexpr.square(x), x), x)\n",
        "implementations/Demo_keep.md": 'import pkgownexpr\n\npkgownexpr.keep(expr, "answer.txt")\n',
    }
)

PKGOWNEXPR = """
def symbols(names):
    return tuple(names.split())


def parse(text):
    return f"parsed({text})"


def square(v):
    return f"{v}^2"


def minus(a, b):
    return f"{a}-{b}"


def solve(f, symbol):
    return f"solve({f}, {symbol})"


def keep(value, path):
    with open(path, "w") as handle:
        handle.write(value)
"""


def test_the_cited_expression_replaces_the_examples_own_in_its_variable(tmp_path):
    """Seen on a SymPy wiki (equation solving, calculus; wrong results, no warning): `simplify(sin(x)**2 +
    cos(x)**2)`, `solveset(x**2 - x, x)` and `diff(cos(x), x)`, where the Inputs say "Expression from Step 2, the
    unknown Symbol from Step 1", computed on the page's expressions, not the parsed one. Three things hid the cited
    result: the step's own result had its name (`expr = diff(...)`), the example's expression is built of the
    cited symbol (`x`, passed too, as the variable), and step 1's other symbols (`y`, `z`) looked like cited
    results left unread, though the prose cites one thing from it, which `x` is."""
    build_file_tree(tmp_path / "lib", {"pkgownexpr/__init__.py": PKGOWNEXPR})
    item = generated(tmp_path / "expr", {"_WorkflowIndex.md": OWN_EXPR_INDEX, **OWN_EXPR_PAGES})
    body = item.plan.steps[2].binding.body
    assert "pkgownexpr.solve(expr, x)" in body, body
    run_workflow(item, tmp_path / "lib", "--set", '2.text="x + 2"')
    assert (item.output_dir / "answer.txt").read_text() == "solve(parsed(x + 2), x)"
    run_generated_tests(item, tmp_path / "lib")


TREE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Tree

**Description:** Open a file, make a group, make a dataset in the group, write the tree.

### Step 1: Open

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgtree.File(path: str) -> File` |
| **Implementation** | `Demo_file` |
| **Key Parameters** | `path: str` - the file |
| **Outputs** | `f` |

### Step 2: Group

| Attribute | Value |
|-----------|-------|
| **API Call** | `File.create_group(name: str) -> Group` |
| **Implementation** | `Demo_group` |
| **Key Parameters** | `name: str` - the group's name |
| **Inputs** | `f` from Step 1 |
| **Outputs** | `grp` |

### Step 3: Dataset

| Attribute | Value |
|-----------|-------|
| **API Call** | `Group.create_dataset(name: str, data=None) -> Dataset` |
| **Implementation** | `Demo_dataset` |
| **Key Parameters** | `name: str` - the dataset's name |
| **Inputs** | `grp` from Step 2 |
| **Outputs** | `dset` |

### Step 4: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `File.write() -> None` |
| **Implementation** | `Demo_write` |
| **Inputs** | `f` from Step 1 |
| **Outputs** | the tree, written |
"""

TREE_PAGES = example_pages(
    {
        "implementations/Demo_file.md": 'import pkgtree\n\nf = pkgtree.File("tree.txt")\n',
        "implementations/Demo_group.md": 'grp = f.create_group("subgroup")\n',
        "implementations/Demo_dataset.md": 'import pkgtree\n\narr = pkgtree.arange(3)\ndset = f.create_dataset("init", data=arr)\n',
        "implementations/Demo_write.md": "f.write()\n",
    }
)

PKGTREE = """
class Group:
    def __init__(self, path, root):
        self.path, self.root = path, root

    def create_group(self, name):
        return Group(f"{self.path}{name}/", self.root)

    def create_dataset(self, name, data=None):
        self.root.items.append((f"{self.path}{name}", data))


class File(Group):
    def __init__(self, path):
        super().__init__("/", self)
        self.file, self.items = path, []

    def write(self):
        with open(self.file, "w") as handle:
            handle.write(repr(self.items))


def arange(n):
    return list(range(n))
"""


def test_the_method_is_called_on_the_cited_object_of_the_apis_class(tmp_path):
    """Seen on an h5py wiki (hierarchical storage): `Group.create_dataset`, whose Inputs say "`grp` from Step 2", took
    the page's `dset = f.create_dataset("init", data=arr)` on step 1's File `f`, with `grp` passed as the data: the
    dataset landed at the file's root, holding a group. A quoted result of the API's class is what the method is
    called on, never the example's demo data: an example that does not take it as data is no better for it (and
    the receiver rules put it in the File's place)."""
    build_file_tree(tmp_path / "lib", {"pkgtree/__init__.py": PKGTREE})
    item = generated(tmp_path / "tree", {"_WorkflowIndex.md": TREE_INDEX, **TREE_PAGES})
    body = item.plan.steps[2].binding.body
    assert "grp.create_dataset(" in body and "data=grp" not in body, body
    run_workflow(item, tmp_path / "lib", "--set", "1.path=tree.txt", "--set", "3.name=mydataset")
    assert (item.output_dir / "tree.txt").read_text() == "[('/subgroup/mydataset', [0, 1, 2])]"
    run_generated_tests(item, tmp_path / "lib")


OTHER_FILE_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Save_Figure

**Description:** Draw a figure, save it.

### Step 1: Draw

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgotherfile.Figure(title: str) -> Figure` |
| **Implementation** | `Demo_draw` |
| **Key Parameters** | `title: str` - the title |
| **Outputs** | `fig` |

### Step 2: Save

| Attribute | Value |
|-----------|-------|
| **API Call** | `Figure.savefig(fname: str, dpi: int = 100) -> None` |
| **Implementation** | `Demo_save` |
| **Key Parameters** | `fname: str` - output file ('plot.png'), `dpi: int` - resolution (300) |
| **Inputs** | `fig` from Step 1 |
| **Outputs** | the image file |
"""

OTHER_FILE_PAGES = example_pages(
    {
        "implementations/Demo_draw.md": 'import pkgotherfile\n\nfig = pkgotherfile.Figure("sales")\n',
        "implementations/Demo_save.md": 'fig.savefig("plot.png", dpi=300)\nfig.savefig("plot.pdf")  # vector output\n',
    }
)

PKGOTHERFILE = """
class Figure:
    def __init__(self, title):
        self.title = title

    def savefig(self, fname, dpi=100):
        with open(fname, "w") as handle:
            handle.write(f"{self.title} {dpi}")
"""


def test_a_save_to_another_file_after_the_steps_is_a_variant_left_out(tmp_path):
    """Seen on a Matplotlib wiki (both plots' save steps): the savefig page's `fig.savefig('simple_plot.png', dpi=300,
    ...)` then `fig.savefig('simple_plot.pdf')` gave the step a second save with a key of its own, and every run
    wrote a stray `simple_plot.pdf` beside the user's file. The API called again on the same object to write another
    file is the page showing another format, not the step's work (a second call on the same object otherwise
    finishes it, `nx.set_node_attributes` twice)."""
    build_file_tree(tmp_path / "lib", {"pkgotherfile/__init__.py": PKGOTHERFILE})
    item = generated(tmp_path / "fig", {"_WorkflowIndex.md": OTHER_FILE_INDEX, **OTHER_FILE_PAGES})
    body = item.plan.steps[1].binding.body
    assert body.count(".savefig(") == 1, body
    run_workflow(item, tmp_path / "lib", "--set", "2.fname=mine.png")
    assert (item.output_dir / "mine.png").read_text() == "sales 300"
    assert not (item.output_dir / "plot.pdf").exists()
    run_generated_tests(item, tmp_path / "lib")


ITEMS_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Items

**Description:** Make a store, fill it, label it, read a slice, dump it.

### Step 1: Create

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgitems.Store(size: int) -> Store` |
| **Implementation** | `Demo_store` |
| **Key Parameters** | `size: int` - number of cells (10) |
| **Outputs** | `store`, `first`: the first cell's start value |

### Step 2: Fill

| Attribute | Value |
|-----------|-------|
| **API Call** | `Store.__setitem__(args, val) -> None` |
| **Implementation** | `Demo_fill` |
| **Key Parameters** | `args: slice` - selection to write (`...` for the whole store), `val: array-like` - data (`pkgitems.arange(10)`) |
| **Inputs** | `store` from Step 1, values to store |
| **Outputs** | `store` holding the data |

### Step 3: Label

| Attribute | Value |
|-----------|-------|
| **API Call** | `Attrs.__setitem__(name, value) -> None` |
| **Implementation** | `Demo_label` |
| **Key Parameters** | `name: str` - attribute name ('units'), `value` - attribute value (99.5) |
| **Inputs** | `store` from Step 1 |
| **Outputs** | the store, labelled |

### Step 4: Read

| Attribute | Value |
|-----------|-------|
| **API Call** | `Store.__getitem__(args) -> list` |
| **Implementation** | `Demo_read` |
| **Key Parameters** | `args: slice` - selection to read (`2:8:2`; `()` reads all) |
| **Inputs** | `store` from Step 1 |
| **Outputs** | `data`: the selected values |

### Step 5: Dump

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgitems.dump(store, data, path: str) -> None` |
| **Implementation** | `Demo_dump` |
| **Key Parameters** | `path: str` - output file ('store.txt') |
| **Inputs** | `store` from Step 1, `data` from Step 4 |
| **Outputs** | the file |
"""

ITEMS_PAGES = example_pages(
    {
        "implementations/Demo_store.md": "import pkgitems\n\nstore = pkgitems.Store(10)\nfirst = store.cells[0]\n",
        "implementations/Demo_fill.md": [
            "store[0:3] = pkgitems.arange(3)\n",
            "arr = pkgitems.arange(10)\nstore[...] = arr\n",
        ],
        "implementations/Demo_label.md": "store.attrs['units'] = 99.5\nstore.attrs['units']\n",
        "implementations/Demo_read.md": "store[0]\nstore[-1]\nstore[2:8:2]\n",
        "implementations/Demo_dump.md": 'import pkgitems\n\npkgitems.dump(store, data, "store.txt")\n',
    }
)

PKGITEMS = """
class Store:
    def __init__(self, size):
        self.cells, self.attrs = [-1] * size, {}

    def __getitem__(self, key):
        return list(self.cells) if key == () else self.cells[key]

    def __setitem__(self, key, value):
        if key is Ellipsis:
            self.cells = list(value)
        else:
            self.cells[key] = value


def arange(n):
    return list(range(n))


def dump(store, data, path):
    with open(path, "w") as handle:
        handle.write(repr((store.cells, store.attrs, data)))
"""


def test_an_item_api_binds_its_subscript_with_the_selection_and_values_the_table_gives(tmp_path):
    """Seen on an h5py wiki (three workflows): `Dataset.__setitem__(args, val)`, `AttributeManager.__setitem__(name,
    value)` and `Dataset.__getitem__(args)` were stubs (the example's `dset[...] = arr` is no call), so `run` refused
    each workflow. A subscript of the context the API names (written, read) is its use; of the page's ways to slice,
    the one the Key Parameters quote is the step's (`2:8:2`, `...`); a text or number the subscript selects or
    writes is the documented key; a read shown alone keeps its result under the Outputs' name. Another step's item
    API claims no subscript of this step's example (`first = store.cells[0]` stays step 1's)."""
    build_file_tree(tmp_path / "lib", {"pkgitems/__init__.py": PKGITEMS})
    item = generated(tmp_path / "items", {"_WorkflowIndex.md": ITEMS_INDEX, **ITEMS_PAGES})
    steps = item.plan.steps
    assert "first = store.cells[0]" in steps[0].binding.body, steps[0].binding.body
    assert "store[...] = arr" in steps[1].binding.body, steps[1].binding.body
    assert "store.attrs[name] = value" in steps[2].binding.body, steps[2].binding.body
    assert "data = store[2:8:2]" in steps[3].binding.body, steps[3].binding.body
    run_workflow(item, tmp_path / "lib", "--set", "3.value=42", "--set", "5.path=out.txt")
    cells, attrs, data = list(range(10)), {"units": 42}, [2, 4, 6]
    assert (item.output_dir / "out.txt").read_text() == repr((cells, attrs, data))
    run_generated_tests(item, tmp_path / "lib")


TYPE_NAMED_INDEX = """
# Workflow Index: Demo

## Workflow: Demo_Calculus

**Description:** Parse an expression, differentiate it, integrate it, write the integral.

### Step 1: Parse

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsamename.parse(text: str) -> Expr` |
| **Implementation** | `Demo_parse` |
| **Key Parameters** | `text: str` - the function to study |
| **Outputs** | SymPy-like expression f(x) |

### Step 2: Differentiate

| Attribute | Value |
|-----------|-------|
| **API Call** | `diff(f) -> Expr` |
| **Implementation** | `Demo_diff` |
| **Inputs** | Expression from Step 1 |
| **Outputs** | Derivative expression f'(x) |

### Step 3: Integrate

| Attribute | Value |
|-----------|-------|
| **API Call** | `integrate(f) -> Expr` |
| **Implementation** | `Demo_integrate` |
| **Inputs** | Expression from Step 1 |
| **Outputs** | `integral` |

### Step 4: Write

| Attribute | Value |
|-----------|-------|
| **API Call** | `pkgsamename.write(value, path: str) -> None` |
| **Implementation** | `Demo_write` |
| **Key Parameters** | `path: str` - output file |
| **Inputs** | `integral` from Step 3 |
| **Outputs** | the file |
"""

TYPE_NAMED_PAGES = example_pages(
    {
        "implementations/Demo_parse.md": 'import pkgsamename\n\nexpr = pkgsamename.parse("x**2")\n',
        "implementations/Demo_diff.md": "from pkgsamename import diff, parse\n\nexpr = parse('cos(x)')\ndiff(expr)\n",
        "implementations/Demo_integrate.md": "from pkgsamename import integrate, parse\n\nexpr = parse('cos(x)')\nintegral = integrate(expr)\n",
        "implementations/Demo_write.md": 'import pkgsamename\n\npkgsamename.write(integral, "out.txt")\n',
    }
)

PKGSAMENAME = """
class Expr(str):
    pass


def parse(text):
    return Expr(text)


def diff(f):
    return Expr(f"d({f})")


def integrate(f):
    return Expr(f"i({f})")


def write(value, path):
    with open(path, "w") as handle:
        handle.write(value)
"""


def test_a_result_named_for_its_type_keeps_clear_of_an_earlier_result_a_later_step_takes(tmp_path):
    """Seen on a SymPy wiki (calculus): `diff(f) -> Expr` kept its result as `expr`, the name of step 2's parsed
    expression, so step 4 ("Expression from Step 2") integrated the page's `cos(x)`: step 2's result was gone. A
    result named for its type does not take an earlier step's result's name while a later step cites that step."""
    build_file_tree(tmp_path / "lib", {"pkgsamename/__init__.py": PKGSAMENAME})
    item = generated(tmp_path / "calc", {"_WorkflowIndex.md": TYPE_NAMED_INDEX, **TYPE_NAMED_PAGES})
    assert "expr" not in item.plan.steps[1].binding.produces, item.plan.steps[1].binding.body
    run_workflow(item, tmp_path / "lib", "--set", "1.text=x**3", "--set", "4.path=out.txt")
    assert (item.output_dir / "out.txt").read_text() == "i(x**3)"
    run_generated_tests(item, tmp_path / "lib")
