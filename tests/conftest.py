"""Shared fixtures: the corpus, an isolated HOME and git config, and one fresh venv for generated repos' tests."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "workflow_index_samples"
CORPUS = Path(os.environ.get("GENREPO_CORPUS", ROOT.parent / "shared" / "corpus"))
# pip keeps its download cache in the real home, so venvs built by tests do not fetch the same wheels twice
PIP_CACHE = os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))


def corpus_indexes() -> list[Path]:
    """Every corpus wiki's index; in CI a missing corpus is an error, elsewhere the tests skip."""
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            raise RuntimeError(f"corpus not found at {CORPUS}; set GENREPO_CORPUS")
        return []
    return sorted(p / "_WorkflowIndex.md" for p in CORPUS.iterdir() if (p / "_WorkflowIndex.md").is_file())


def _wiki_size(index: Path) -> int:
    return sum(p.stat().st_size for p in index.parent.rglob("*") if p.is_file())


def corpus_params(keep: int = 2) -> list:
    """Every corpus wiki as a test parameter. The fast tier keeps the `keep` smallest wikis of each format
    (enriched index, or index plus workflow pages); the others carry the slow marker (`make test` runs all)."""
    indexes = corpus_indexes()
    enriched = [i for i in indexes if "### Step" in i.read_text(encoding="utf-8", errors="replace")]
    pages = [i for i in indexes if i not in enriched]
    fast = {i for group in (enriched, pages) for i in sorted(group, key=_wiki_size)[:keep]}
    return [pytest.param(i, id=i.parent.name, marks=() if i in fast else pytest.mark.slow) for i in indexes]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's home, cookiecutter replay or git config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("GH_TOKEN", raising=False)
    return home


@pytest.fixture(scope="session")
def test_venv(tmp_path_factory) -> Path:
    """A fresh venv holding only a generated repo's test requirements (requirements-test.txt)."""
    where = tmp_path_factory.mktemp("venv") / "v"
    venv.EnvBuilder(with_pip=True).create(where)
    python = where / "bin" / "python"
    pip_install(
        python, "-r", str(ROOT / "cookiecutter-workflow" / "{{cookiecutter.repo_name}}" / "requirements-test.txt")
    )
    return python


def make_venv(where: Path) -> Path:
    """A fresh venv; returns its python."""
    venv.EnvBuilder(with_pip=True).create(where)
    return where / "bin" / "python"


def pip_install(python: Path, *args: str) -> None:
    env = {**os.environ, "PIP_CACHE_DIR": PIP_CACHE, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([str(python), "-m", "pip", "install", "-q", *args], check=True, env=env, timeout=1800)


def run_generated_tests(python: Path, repo: Path) -> subprocess.CompletedProcess:
    """Run a generated repository's own pytest with the given interpreter, from the repo's folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def ruff(*args: str) -> subprocess.CompletedProcess:
    """The ruff that genrepo's dev install brings, run as a module."""
    return subprocess.run([sys.executable, "-m", "ruff", *args], capture_output=True, text=True)
