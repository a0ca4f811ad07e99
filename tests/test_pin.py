"""Pinning with the real pip-compile (and uv when installed), offline, against wheels the tests build."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from generator.errors import PinError
from generator.pin import Pinner, PinOptions, cache_key, pins_only, subprocess_runner
from generator.pipeline import generate
from tests.helpers import build_file_tree, build_wheel, enriched_index, workflow_page

HAS_UV = importlib.util.find_spec("uv") is not None or shutil.which("uv") is not None


@pytest.fixture
def wheelhouse(tmp_path) -> Path:
    house = tmp_path / "wheels"
    build_wheel(house, "alpha", "1.0.0")
    build_wheel(house, "alpha", "1.2.0")
    build_wheel(house, "beta", "2.0.0", requires=("alpha>=1.1",))
    build_wheel(house, "gamma", "0.3.0", requires=("beta",))
    return house


def offline(house: Path, cache: Path, resolver: str = "pip-tools", hashes: bool = True) -> PinOptions:
    return PinOptions(
        resolver=resolver,
        hashes=hashes,
        cache_dir=cache,
        index_args=("--no-index", "--find-links", str(house)),
        env=(("PIP_CONFIG_FILE", os.devnull), ("UV_NO_CONFIG", "1")),
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class CountingRunner:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *args):
        self.calls += 1
        return subprocess_runner(*args)


@pytest.mark.parametrize(
    "resolver", ["pip-tools", pytest.param("uv", marks=pytest.mark.skipif(not HAS_UV, reason="uv not installed"))]
)
def test_exact_pins_and_hashes(tmp_path, wheelhouse, resolver):
    result = Pinner(offline(wheelhouse, tmp_path / "cache", resolver)).pin(["gamma"])
    text = result.text
    for name, version in (("alpha", "1.2.0"), ("beta", "2.0.0"), ("gamma", "0.3.0")):
        wheel = wheelhouse / f"{name}-{version}-py3-none-any.whl"
        assert f"{name}=={version} \\\n    --hash=sha256:{sha256(wheel)}" in text
    assert "alpha==1.0.0" not in text
    # nothing of this machine: no find-links, no index URL, no temporary paths
    assert str(wheelhouse) not in text and str(tmp_path) not in text and "--find-links" not in text
    assert "--index-url" not in text and "/tmp/" not in text
    assert "requirements.in" in text.split("\n", 8)[-1] or "requirements.in" in text  # the re-pin command
    assert text.count("\n#    ") >= 1
    assert pins_only(text, ["gamma"])  # what each resolver writes is read back from the cache


@pytest.mark.slow  # a real resolution
def test_header_says_how_to_repin(tmp_path, wheelhouse):
    text = Pinner(offline(wheelhouse, tmp_path / "c")).pin(["alpha"]).text
    assert "#    pip-compile --generate-hashes --allow-unsafe --strip-extras requirements.in" in text


@pytest.mark.slow  # a real resolution
def test_no_hashes_option(tmp_path, wheelhouse):
    text = Pinner(offline(wheelhouse, tmp_path / "c", hashes=False)).pin(["beta"]).text
    assert "beta==2.0.0" in text and "--hash" not in text
    assert "#    pip-compile --allow-unsafe --strip-extras requirements.in" in text


def test_cache_makes_a_second_identical_resolution_skip_the_resolver(tmp_path, wheelhouse):
    options = offline(wheelhouse, tmp_path / "cache")
    first_runner = CountingRunner()
    first = Pinner(options, runner=first_runner).pin(["gamma", "alpha"])
    assert first_runner.calls == 1 and not first.cached
    again = Pinner(options, runner=first_runner)
    assert again.pin(["alpha", "gamma", "alpha"]).text == first.text  # same set, other order
    assert first_runner.calls == 1 and again.resolutions == 0
    assert (tmp_path / "cache" / f"{cache_key(['alpha', 'gamma'], options)}.txt").is_file()
    # a different Python version or option is a different key
    assert cache_key(["alpha"], options) != cache_key(
        ["alpha"], PinOptions(**{**options.__dict__, "python_version": "3.10"})
    )
    assert cache_key(["alpha"], options) != cache_key(["alpha"], PinOptions(**{**options.__dict__, "hashes": False}))


@pytest.mark.slow  # a real resolution
def test_resolution_failure_names_the_reason(tmp_path, wheelhouse):
    with pytest.raises(PinError) as info:
        Pinner(offline(wheelhouse, tmp_path / "c")).pin(["delta"])
    assert "delta" in str(info.value)


@pytest.mark.slow  # a real resolution
def test_generate_pins_each_distinct_set_once_and_reports_failures(tmp_path, wheelhouse):
    def index_for(name: str, deps: str) -> str:
        return enriched_index(f"Demo_Wiki_{name}", 1).split("\n", 1)[1].replace("`numpy`", deps)

    index = (
        "# Workflow Index: Demo_Wiki\n"
        + index_for("One", "`gamma`")
        + index_for("Two", "`gamma`")
        + index_for("Three", "`beta`")
    )
    index += index_for("Four", "`delta`")
    build_file_tree(tmp_path / "wiki", {"_WorkflowIndex.md": index})
    pinner = Pinner(offline(wheelhouse, tmp_path / "cache"))
    result = generate(tmp_path / "wiki", tmp_path / "out", pinner=pinner)
    actions = {r.plan.workflow.short_name: r.action for r in result.results}
    assert actions == {"One": "create", "Two": "create", "Three": "create", "Four": "fail"}
    assert result.exit_code == 1
    assert pinner.resolutions == 3  # gamma, beta, delta: One and Two share one resolution
    failed = next(r for r in result.results if r.action == "fail")
    assert "delta" in failed.errors[0]
    one = (tmp_path / "out" / "workflow-demo-wiki-one" / "requirements.txt").read_text()
    two = (tmp_path / "out" / "workflow-demo-wiki-two" / "requirements.txt").read_text()
    assert one == two and "gamma==0.3.0" in one
    pyproject = (tmp_path / "out" / "workflow-demo-wiki-three" / "pyproject.toml").read_text()
    requirements_in = (tmp_path / "out" / "workflow-demo-wiki-three" / "requirements.in").read_text()
    assert '"beta",' in pyproject and requirements_in.splitlines()[-1] == "beta"


def test_no_pin_is_said_in_the_readme_and_report(tmp_path):
    build_file_tree(
        tmp_path / "wiki",
        {"_WorkflowIndex.md": enriched_index(steps=1), "workflows/Demo_Wiki_Sample_Flow.md": workflow_page(steps=1)},
    )
    result = generate(tmp_path / "wiki", tmp_path / "out")
    (item,) = result.results
    assert item.report()["pinned"] is False
    assert "**not pinned**" in (item.output_dir / "README.md").read_text()
    assert (item.output_dir / "requirements.txt").read_text().startswith("# NOT PINNED")


@pytest.mark.parametrize(
    "poison",
    [
        "--index-url https://evil.invalid/simple\nalpha==1.2.0\n",
        "--extra-index-url=https://evil.invalid/simple\nalpha==1.2.0\n",
        "alpha @ https://evil.invalid/alpha-1.2.0-py3-none-any.whl\n",
        "-e git+https://evil.invalid/alpha#egg=alpha\n",
        "--find-links /tmp/wheels\nalpha==1.2.0\n",
        "-r /etc/other.txt\n",
        "alpha>=1.0\n",
        # options after a pin's marker, and a continued line: pip reads them as options of that line
        "--only-binary :all:\ngamma==0.3.0 ; python_version>'0' --no-binary=gamma\n",
        "gamma==0.3.0 \\\n    --hash=sha256:" + "a" * 64 + " \\\ngamma==0.3.0 ; python_version>'0' -r other.txt\n",
        "gamma==0.3.0 ; python_version>'0' -c other.txt\n",
        "gamma==0.3.0 ; python_version>'0' -e ..\n",
        "gamma==0.3.0 ; python_version > '${GITHUB_TOKEN}'\n",
        "gamma==0.3.0.zip\n",  # not a version: pip reads a local archive
        "gamma==0.3.*\n",
        "beta==2.0.0\nalpha==1.2.0\n",  # gamma, which the set asks for, left out
    ],
)
def test_a_cached_resolution_that_is_not_only_pins_is_resolved_again(tmp_path, wheelhouse, poison):
    """A cache shared between machines (the Action's actions/cache) is input: an entry holding an index URL, a URL,
    path or archive, another option (however pip would read it), a loose version, or leaving out a requirement of
    the set is not used; the set is resolved again and the entry replaced."""
    options = offline(wheelhouse, tmp_path / "cache")
    runner = CountingRunner()
    first = Pinner(options, runner=runner).pin(["gamma"])
    assert pins_only(first.text, ["gamma"]) and runner.calls == 1
    entry = tmp_path / "cache" / f"{cache_key(['gamma'], options)}.txt"
    entry.write_text(poison, encoding="utf-8")
    again = Pinner(options, runner=runner).pin(["gamma"])
    assert runner.calls == 2 and not again.cached and again.text == first.text
    assert entry.read_text(encoding="utf-8") == first.text


def test_pins_only_reads_requirement_lines_as_pip_does():
    """Local version labels, markers, hashes on continued lines and comments are what resolvers write; an option
    hidden after a marker or on a continued line is not."""
    digest = "0" * 64
    assert pins_only(f"torch==2.13.0+cpu \\\n    --hash=sha256:{digest}\n    # via -r requirements.in\n")
    assert pins_only("triton==3.1.0 ; platform_machine == 'x86_64' and sys_platform == 'linux'\n")
    assert pins_only("--only-binary :all:\n\nsix==1.17.0\n    # via\n    #   -r requirements.in\n")
    assert pins_only("alpha==1.0\n", ["Alpha", "pywin32; sys_platform == 'win32'"])  # a marked one may be left out
    assert not pins_only(f"six==1.17.0 \\\n    --hash=sha256:{digest} \\\n    --no-binary six\n")
    assert not pins_only("six==1.17.0 --index-url=https://evil.invalid/simple\n")
    assert not pins_only("alpha==1.0\n", ["alpha", "beta>=2"])


_GUESS_INDEX = """# Workflow Index: Demo

## Workflow: Demo_{name}

**Description:** Run gamma on a tidied value.

### Step 1: Run

| Attribute | Value |
|-----------|-------|
| **Implementation** | `Demo_Run` |
| **API Call** | `gamma.run(value)` |
| **External Dependencies** | {deps} |
| **Outputs** | `result` |
"""


@pytest.mark.slow  # a real resolution
@pytest.mark.skipif(not HAS_UV, reason="uv not installed")
@pytest.mark.parametrize("declared", [False, True])
def test_a_requirement_only_an_import_gave_is_dropped_when_no_distribution_has_that_name(
    tmp_path, wheelhouse, declared
):
    """pytorch trial: `from model import MLP` made `model` a requirement; uv found no such distribution and the
    whole workflow failed at pin. A name only an import's module gave, which the resolver finds no distribution
    of, is the reader's own module: the requirement is dropped, the report says so, the rest is pinned. A name the
    wiki lists as a dependency still fails: that is the wiki's word."""
    deps = "`gamma`, `localhelperz>=0.1`" if declared else "`gamma`"
    page = '== Usage Examples ==\n<syntaxhighlight lang="python">\nimport gamma\nfrom localhelperz import tidy\n\n'
    page += "result = gamma.run(tidy(3))\n</syntaxhighlight>\n"
    build_file_tree(
        tmp_path / "wiki",
        {"_WorkflowIndex.md": _GUESS_INDEX.format(name="Guess", deps=deps), "implementations/Demo_Run.md": page},
    )
    pinner = Pinner(offline(wheelhouse, tmp_path / "cache", "uv"))
    (item,) = generate(tmp_path / "wiki", tmp_path / "out", pinner=pinner).results
    if declared:
        assert item.action == "fail" and "localhelperz" in item.errors[0]
        return
    assert item.action == "create", item.errors
    assert item.plan.requirements == ("gamma",), item.plan.requirements
    assert "gamma==0.3.0" in (item.output_dir / "requirements.txt").read_text()
    assert "localhelperz" not in (item.output_dir / "requirements.in").read_text()
    assert any("no distribution is called localhelperz" in w.message for w in item.plan.warnings)
