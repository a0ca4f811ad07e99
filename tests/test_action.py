"""The GitHub Action and the example workflow pass the schema and security linters."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ZIZMOR = Path(sys.executable).parent / "zizmor"


@pytest.mark.parametrize(
    ("path", "schema"),
    [("action.yml", "vendor.github-actions"), (".github/workflows/publish-wiki.yml", "vendor.github-workflows")],
)
def test_schema(path, schema):
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(ROOT / path)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_finds_nothing_medium_or_high():
    proc = subprocess.run(
        [str(ZIZMOR), "--offline", "--min-severity", "medium", str(ROOT / "action.yml"), str(ROOT / ".github" / "workflows")],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_action_takes_the_token_from_the_environment_only():
    action = (ROOT / "action.yml").read_text()
    workflow = (ROOT / ".github" / "workflows" / "publish-wiki.yml").read_text()
    inputs = action.split("\ninputs:")[1].split("\noutputs:")[0]
    assert not re.search(r"^  [\w-]*token[\w-]*:", inputs, flags=re.M | re.I)  # no input carries a token
    assert "GITHUB_TOKEN: ${{ secrets.GENREPO_TOKEN }}" in workflow
    assert "${{ inputs." not in action.split("run: |")[1]  # inputs reach the script only through env


def test_the_action_and_the_cli_use_the_same_default_resolver():
    """One default everywhere, so local and CI runs write the same requirements.txt."""
    import typer.main

    from generator.cli import app
    from generator.pin import DEFAULT_RESOLVER, PinOptions

    action = (ROOT / "action.yml").read_text(encoding="utf-8")
    (command,) = re.findall(r"args=\(publish [^\n]*\)", action)
    chosen = re.findall(r"--resolver[ =](\S+)", action)
    assert all(value.strip("\"'") == DEFAULT_RESOLVER for value in chosen), chosen  # the Action names none or the same
    assert command and PinOptions().resolver == DEFAULT_RESOLVER == "uv"
    group = typer.main.get_command(app)
    for name in ("from-index", "publish"):
        (option,) = [p for p in group.commands[name].params if p.name == "resolver"]
        assert option.default == DEFAULT_RESOLVER, name
    assert re.search(r'install[^\n]*"\$\{ACTION_PATH\}[^"]*"', action)  # the Action installs genrepo, which brings uv
    dependencies = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[project.optional-dependencies]")[0]
    assert '"uv>=' in dependencies
