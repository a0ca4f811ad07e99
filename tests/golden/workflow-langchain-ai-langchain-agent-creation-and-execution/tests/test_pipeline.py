"""Checks of the generated workflow's structure, config and runner; no heavy dependency is imported."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from workflow_langchain_ai_langchain_agent_creation_and_execution import runner
from workflow_langchain_ai_langchain_agent_creation_and_execution.pipeline import REPEAT, STEPS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"call", "method", "import", "pattern", "tool", "manual"}


def test_steps_are_numbered_in_order():
    numbers = [runner.load_step(name).NUMBER for name in STEPS]
    assert numbers == list(range(1, len(STEPS) + 1))
    for name in STEPS:
        assert (ROOT / "src" / "workflow_langchain_ai_langchain_agent_creation_and_execution" / "steps" / f"{name}.py").is_file()


@pytest.mark.parametrize("name", STEPS)
def test_step_module_contract(name):
    module = runner.load_step(name)
    assert module.KIND in KINDS
    assert not (module.BOUND and module.NEEDS_IMPLEMENTATION)
    assert callable(module.run)
    assert all(isinstance(a, str) and a.isidentifier() for a in module.CONSUMES + module.PRODUCES)
    for key, spec in module.PARAMS.items():
        assert key.isidentifier()
        assert set(spec) == {"type", "default", "required"}


def test_config_file_matches_step_parameters():
    with open(ROOT / "config.toml", "rb") as handle:
        config = tomllib.load(handle)
    assert set(config) == set(STEPS)
    for name, section in config.items():
        params = runner.load_step(name).PARAMS
        assert set(section) <= set(params), f"{name}: keys not in PARAMS: {set(section) - set(params)}"
        for key, spec in params.items():
            if not spec["required"] and key in section:
                assert section[key] == spec["default"]


def test_every_consumed_artifact_has_a_producer_or_config_key():
    produced: set[str] = set()
    for name in STEPS:
        module = runner.load_step(name)
        for artifact in module.CONSUMES:
            assert artifact in produced or artifact in module.PARAMS, f"{name} consumes {artifact}"
        produced.update(module.PRODUCES)


def test_plan_lists_every_step(capsys):
    assert runner.main(["plan"]) == 0
    out = capsys.readouterr().out
    for name in STEPS:
        assert runner.load_step(name).TITLE in out


def test_run_refuses_steps_that_need_implementation(caplog):
    incomplete = [runner.load_step(n) for n in STEPS if runner.load_step(n).NEEDS_IMPLEMENTATION]
    if not incomplete:
        pytest.skip("every step is bound")
    assert runner.main(["run"]) == 2
    for module in incomplete:
        assert module.TITLE in caplog.text


def test_run_names_missing_required_keys(caplog, tmp_path):
    required = [
        (name, key)
        for name in STEPS
        for key, spec in runner.load_step(name).PARAMS.items()
        if spec["required"] and not runner.load_step(name).NEEDS_IMPLEMENTATION
    ]
    if not required:
        pytest.skip("no required keys")
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    assert runner.main(["run", "--config", str(empty), "--allow-incomplete"]) == 2
    assert f"{required[0][0]}.{required[0][1]}" in caplog.text


def test_overrides_parse_literals_and_step_references():
    name, key, value = runner.parse_override("1.some_key=[1, 2]")
    assert (name, key, value) == (STEPS[0], "some_key", [1, 2])
    assert runner.parse_override(f"{STEPS[-1]}.k=text")[2] == "text"
    with pytest.raises(runner.WorkflowError):
        runner.parse_override("no-equals-sign")
    with pytest.raises(runner.WorkflowError):
        runner.parse_override(f"{len(STEPS) + 1}.k=1")


def test_repeat_refers_to_real_steps():
    if REPEAT is None:
        return
    loop, first, last, key = REPEAT
    assert 1 <= first <= last < loop <= len(STEPS)
    assert key in runner.load_step(STEPS[loop - 1]).PARAMS
